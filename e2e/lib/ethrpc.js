// Starts and stops `tapchain-eth-rpc` (pallet-revive-eth-rpc) next to a test node.
import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep } from './node.js';

const running = new Set();
process.on('exit', () => {
  for (const p of running) {
    try { p.kill('SIGKILL'); } catch { /* gone */ }
  }
});

/** $TAPCHAIN_ETH_RPC_BIN, else the release build in $CARGO_TARGET_DIR. */
export function ethRpcBinary() {
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/tapchain/target');
  const bin = process.env.TAPCHAIN_ETH_RPC_BIN || join(target, 'release/tapchain-eth-rpc');
  if (!existsSync(bin)) {
    throw new Error(`tapchain-eth-rpc not found at ${bin}; build it with ./scripts/test.sh`);
  }
  return bin;
}

/** One JSON-RPC call over HTTP; returns the whole response object ({ result } or { error }). */
export async function rawCall(url, method, params = []) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  return res.json();
}

/**
 * Starts the Ethereum JSON-RPC server for `node` with an in-memory receipt index
 * (`--eth-pruning`), so the node need not be an archive node. Resolves once `eth_chainId`
 * answers. Returns { url, port, stop(), logTail() }.
 */
export async function startEthRpc(node, { pruning = 512 } = {}) {
  const port = await freePort();
  const logFile = join(node.basePath, 'eth-rpc.log');
  const out = openSync(logFile, 'a');
  const proc = spawn(ethRpcBinary(), [
    '--node-rpc-url', node.wsUrl,
    '--rpc-port', String(port),
    '--eth-pruning', String(pruning),
    '--no-prometheus',
    '--rpc-cors', 'all',
  ], { stdio: ['ignore', out, out] });
  running.add(proc);
  let exited = null;
  proc.on('exit', (code, signal) => { exited = { code, signal }; });
  const rpc = {
    url: `http://127.0.0.1:${port}`,
    port,
    logTail(lines = 40) {
      try { return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n'); } catch { return '(no log)'; }
    },
    async stop() {
      running.delete(proc);
      if (exited === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
    },
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`tapchain-eth-rpc exited (${JSON.stringify(exited)}):\n${rpc.logTail()}`);
    try {
      const r = await rawCall(rpc.url, 'eth_chainId');
      if (r.result) return rpc;
    } catch { /* not up yet */ }
    await sleep(250);
  }
  await rpc.stop();
  throw new Error(`tapchain-eth-rpc did not answer on ${port} within 60 s:\n${rpc.logTail()}`);
}
