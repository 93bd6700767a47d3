// Starts the mock bitcoind (mock-bitcoind/mock_bitcoind.py) and runs tapchain-relayer.
import { spawn, execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeBinary } from './node.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's Bitcoin test data (real headers, SPV proofs); `TAPCHAIN_BTC_DATA` overrides it. */
export const BTC_DATA = process.env.TAPCHAIN_BTC_DATA || join(here, '../../testdata/btc');

const running = new Set();
process.on('exit', () => { for (const p of running) { try { p.kill('SIGKILL'); } catch { /* gone */ } } });

/** Starts the mock with `args`; resolves { port, url, stop() } once it listens. */
export function startMockBitcoind(args) {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', [join(here, '../mock-bitcoind/mock_bitcoind.py'), '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(proc);
    let err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.on('exit', (code) => reject(new Error(`mock bitcoind exited (${code}): ${err}`)));
    proc.stdout.on('data', (d) => {
      const m = /listening on (\d+)/.exec(String(d));
      if (m) {
        const port = Number(m[1]);
        resolve({
          port,
          url: `http://127.0.0.1:${port}`,
          async rpc(method, params = []) {
            const headers = { 'content-type': 'application/json' };
            const i = args.indexOf('--rpcuser');
            if (i >= 0) {
              const cred = Buffer.from(`${args[i + 1]}:${args[args.indexOf('--rpcpassword') + 1]}`).toString('base64');
              headers.authorization = `Basic ${cred}`;
            }
            const res = await fetch(`http://127.0.0.1:${port}`, {
              method: 'POST', headers, body: JSON.stringify({ jsonrpc: '1.0', id: 1, method, params }),
            });
            const body = await res.json();
            if (body.error) throw new Error(body.error.message);
            return body.result;
          },
          stop() { running.delete(proc); proc.kill('SIGTERM'); },
        });
      }
    });
  });
}

/** Path of tapchain-relayer, next to tapchain-node. */
export function relayerBinary() {
  const bin = process.env.TAPCHAIN_RELAYER_BIN || join(dirname(nodeBinary()), 'tapchain-relayer');
  if (!existsSync(bin)) throw new Error(`tapchain-relayer not found at ${bin}`);
  return bin;
}

/** Runs the relayer; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function relayer(args, timeoutMs = 600_000) {
  return new Promise((resolve) => {
    execFile(relayerBinary(), args, { timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Display (RPC) hash of an 80-byte header. */
export function displayHash(header) {
  const once = createHash('sha256').update(header).digest();
  return Buffer.from(createHash('sha256').update(once).digest()).reverse().toString('hex');
}
