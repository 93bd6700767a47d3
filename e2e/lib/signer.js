// Runs tapchain-signer, and builds and parses the Bitcoin transactions its rounds sign.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { nodeBinary } from './node.js';

/** Path of tapchain-signer, next to tapchain-node ($TAPCHAIN_SIGNER_BIN overrides it). */
export function signerBinary() {
  const bin = process.env.TAPCHAIN_SIGNER_BIN || join(dirname(nodeBinary()), 'tapchain-signer');
  if (!existsSync(bin)) throw new Error(`tapchain-signer not found at ${bin}`);
  return bin;
}

/** Runs the signer; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function signer(args, timeoutMs = 300_000) {
  return new Promise((resolve) => {
    const env = { ...process.env, RUST_LOG: process.env.RUST_LOG || 'signer=info' };
    execFile(signerBinary(), args, { timeout: timeoutMs, maxBuffer: 16 << 20, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function le32(n) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

function le64(n) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** Bitcoin's CompactSize. */
function compactSize(n) {
  if (n < 0xfd) return Buffer.from([n]);
  if (n <= 0xffff) {
    const b = Buffer.alloc(3);
    b[0] = 0xfd;
    b.writeUInt16LE(n, 1);
    return b;
  }
  return Buffer.concat([Buffer.from([0xfe]), le32(n)]);
}

function readCompactSize(buf, at) {
  const first = buf[at];
  if (first < 0xfd) return [first, at + 1];
  if (first === 0xfd) return [buf.readUInt16LE(at + 1), at + 3];
  if (first === 0xfe) return [buf.readUInt32LE(at + 1), at + 5];
  throw new Error('8-byte CompactSize not expected here');
}

/**
 * An unsigned version-2 transaction (no witness, lock time 0): `inputs` are { txid (32 bytes,
 * internal order), vout }, each with an empty scriptSig and sequence 0xffffffff; `outputs` are
 * { value (sat), script (Buffer) }.
 */
export function unsignedTx(inputs, outputs) {
  return Buffer.concat([
    le32(2),
    compactSize(inputs.length),
    ...inputs.map((i) => Buffer.concat([i.txid, le32(i.vout), compactSize(0), le32(0xffffffff)])),
    compactSize(outputs.length),
    ...outputs.map((o) => Buffer.concat([le64(o.value), compactSize(o.script.length), o.script])),
    le32(0),
  ]);
}

/** The witness stacks (arrays of Buffers) of a segwit transaction, one per input. */
export function witnesses(tx) {
  let at = 4;
  if (tx[at] !== 0 || tx[at + 1] !== 1) throw new Error('not a segwit serialization');
  at += 2;
  let n;
  [n, at] = readCompactSize(tx, at);
  const inputs = n;
  for (let i = 0; i < inputs; i++) {
    at += 36;
    let len;
    [len, at] = readCompactSize(tx, at);
    at += len + 4;
  }
  [n, at] = readCompactSize(tx, at);
  for (let i = 0; i < n; i++) {
    at += 8;
    let len;
    [len, at] = readCompactSize(tx, at);
    at += len;
  }
  const stacks = [];
  for (let i = 0; i < inputs; i++) {
    let items;
    [items, at] = readCompactSize(tx, at);
    const stack = [];
    for (let j = 0; j < items; j++) {
      let len;
      [len, at] = readCompactSize(tx, at);
      stack.push(tx.subarray(at, at + len));
      at += len;
    }
    stacks.push(stack);
  }
  if (at + 4 !== tx.length) throw new Error(`transaction has ${tx.length - at - 4} trailing bytes`);
  return stacks;
}

/** SHA256d, the txid of a transaction without witnesses (internal byte order). */
export function sha256d(bytes) {
  return createHash('sha256').update(createHash('sha256').update(bytes).digest()).digest();
}

/** A P2WPKH scriptPubKey whose key hash is 20 times `b`. */
export function p2wpkh(b) {
  return Buffer.concat([Buffer.from([0x00, 0x14]), Buffer.alloc(20, b)]);
}

/** The outputs ({ value (BigInt sat), script (Buffer) }) of a transaction, segwit or not. */
export function outputs(tx) {
  let at = 4;
  if (tx[at] === 0 && tx[at + 1] === 1) at += 2;
  let n;
  [n, at] = readCompactSize(tx, at);
  for (let i = 0; i < n; i++) {
    at += 36;
    let len;
    [len, at] = readCompactSize(tx, at);
    at += len + 4;
  }
  [n, at] = readCompactSize(tx, at);
  const outs = [];
  for (let i = 0; i < n; i++) {
    const value = tx.readBigUInt64LE(at);
    at += 8;
    let len;
    [len, at] = readCompactSize(tx, at);
    outs.push({ value, script: tx.subarray(at, at + len) });
    at += len;
  }
  return outs;
}
