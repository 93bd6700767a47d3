// What the bridge tests share: the units, the precompile, regtest deposits and addresses, and
// the loop that plays Bitcoin's miner while withdrawals go through their statuses. Used by the
// dev-chain test (tests/07-bridge.test.js) and by the network test (network/bridge.js).
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { base58Encode } from '@polkadot/util-crypto';
import { sleep, supervise } from './node.js';
import { sha256d } from './signer.js';

export const SAT = 100n; // base units
export const WEI_PER_SAT = 10n ** 10n;
export const ED = 100_000n; // base units
export const BRIDGE = '0x000000000000000000000000000000000b7c0000';
export const BRIDGE_ABI = [
  'event WithdrawalRequested(uint64 indexed id, address indexed from, uint256 amountWei, string btcAddress)',
  'function withdraw(string btcAddress) payable returns (uint64 id)',
  'function withdrawalStatus(uint64 id) view returns (uint8 status, bytes32 btcTxid)',
  'function vaultAddress() view returns (string)',
  'function withdrawalFee(uint256 amountWei) view returns (uint256 feeWei)',
];
/** withdrawalStatus codes. */
export const STATUS = { unknown: 0, queued: 1, signing: 2, signed: 3, broadcast: 4, completed: 5, cancelled: 6 };
/** Confirmations of the dev and local bridges. */
export const CONFIRMATIONS = 3;
// BIP-173's regtest P2WPKH example and its scriptPubKey.
export const SEGWIT_ADDRESS = 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080';
export const SEGWIT_SCRIPT = Buffer.from('0014751e76e8199196d454941c45d1b3a323f1433bd6', 'hex');
export const MINER = 'bcrt1qminer';

export const hex = (b) => `0x${Buffer.from(b).toString('hex')}`;
export const unhex = (h) => Buffer.from(String(h).replace(/^0x/, ''), 'hex');

function le32(n) { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; }
function le64(n) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); return b; }

/** A regtest P2PKH address (version 0x6f) of a 20-byte hash, and its scriptPubKey. */
export function p2pkh(hash) {
  const payload = Buffer.concat([Buffer.from([0x6f]), hash]);
  const check = sha256d(payload).subarray(0, 4);
  const script = Buffer.concat([Buffer.from([0x76, 0xa9, 0x14]), hash, Buffer.from([0x88, 0xac])]);
  return { address: base58Encode(Buffer.concat([payload, check])), script };
}

/**
 * A deposit transaction: one made-up input (`tag` fills its txid, so each tag is a distinct
 * transaction), `sats` to the vault, then an OP_RETURN naming `to` (an EVM address, 20 bytes,
 * or an account, 32 bytes).
 */
export function depositTx(vaultScript, sats, to, tag) {
  const opReturn = Buffer.concat([Buffer.from([0x6a, to.length]), to]);
  return Buffer.concat([
    le32(2), Buffer.from([1]), Buffer.alloc(32, tag), le32(0), Buffer.from([0]), le32(0xfffffffd),
    Buffer.from([2]),
    le64(sats), Buffer.from([vaultScript.length]), vaultScript,
    le64(0), Buffer.from([opReturn.length]), opReturn,
    le32(0),
  ]);
}

/**
 * Starts a long-running daemon (signer, relayer) that appends its output to `logFile`, with the
 * bridge daemons' log levels. Returns the supervised process (`stop()`, `logTail(n)`, `exited`).
 */
export function daemon(bin, args, logFile) {
  const out = openSync(logFile, 'a');
  const env = { ...process.env, RUST_LOG: 'relayer=info,signer=info' };
  return supervise(spawn(bin, args, { stdio: ['ignore', out, out], env }), logFile);
}

/**
 * Polls `f` every second until it returns a truthy value; fails after `ms` with `what` and
 * whatever `context()` says (logs).
 */
export async function until(what, f, ms, context = () => '') {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await f();
    if (v) return v;
    await sleep(1000);
  }
  throw new Error(`timed out waiting for ${what}\n${context()}`);
}

/** Events of `api`'s blocks from `from` to the best, flattened with their block and index. */
export async function eventsSince(api, from) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const all = [];
  for (let n = from; n <= best; n++) {
    const at = await api.at(await api.rpc.chain.getBlockHash(n));
    for (const record of await at.query.system.events()) {
      const index = record.phase.isApplyExtrinsic ? record.phase.asApplyExtrinsic.toNumber() : null;
      all.push({ n, index, event: record.event });
    }
  }
  return all;
}

/** Mines `tx` into a regtest block and buries it under the bridge's confirmations. */
export async function mineConfirmed(btc, txs) {
  await btc.rpc('generateblock', [MINER, txs.map((t) => t.toString('hex'))]);
  await btc.rpc('generatetoaddress', [CONFIRMATIONS - 1, MINER]);
}

/**
 * Plays Bitcoin's miner until every withdrawal in `ids` reaches `want` (by the precompile's
 * `withdrawalStatus`): whatever the relayer broadcast goes into a block within 3 s, and a
 * block follows every 12 s while a batch waits for its confirmations (`mine: false`: no
 * blocks; `synced()`: whether the light client has the tip, checked before each block). Returns, per id, the statuses
 * seen and the txid (display order, hex) once signed.
 */
export async function playMiner(btc, bridge, ids, { want = STATUS.completed, ms, context, mine = true, synced = async () => true }) {
  const txids = new Map();
  const seen = new Map(ids.map((id) => [id, new Set()]));
  let lastMined = 0;
  await until(`withdrawals ${ids.join(', ')} to reach status ${want}`, async () => {
    const codes = [];
    for (const id of ids) {
      const [code, txid] = await bridge.withdrawalStatus(id);
      codes.push(Number(code));
      seen.get(id).add(Number(code));
      if (Number(code) >= STATUS.signed) txids.set(id, txid.slice(2));
    }
    if (codes.every((c) => c === want)) return true;
    // A block only once the light client has the last one: faster than Tapchain relays them,
    // the chain would see old versions as stuck (on Bitcoin blocks are 10 minutes apart).
    if (mine && await synced()) {
      const pool = await btc.rpc('getrawmempool');
      const waiting = codes.some((c) => c === STATUS.broadcast);
      const since = Date.now() - lastMined;
      if ((pool.length > 0 && since > 3_000) || (waiting && since > 12_000)) {
        await btc.rpc('generatetoaddress', [1, MINER]);
        lastMined = Date.now();
      }
    }
    return false;
  }, ms, context);
  return { txids, seen };
}
