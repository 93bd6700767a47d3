// Starts and stops a throwaway `tapchain-node` for a test file.
//
// Each node gets free loopback ports and its own temporary base path, and is killed (and its
// directory removed) when the test file ends, even when a check fails or the runner is
// interrupted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';

// Every process a test file starts (nodes, eth-rpc servers): killed on exit and on signals.
const running = new Set();
function killAll() {
  for (const proc of running) {
    try { proc.kill('SIGKILL'); } catch { /* already gone */ }
  }
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => { killAll(); process.exit(130); });
}

/** The node binary: $TAPCHAIN_NODE_BIN, else the release build in $CARGO_TARGET_DIR. */
export function nodeBinary() {
  const target = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/tapchain/target');
  const bin = process.env.TAPCHAIN_NODE_BIN || join(target, 'release/tapchain-node');
  if (!existsSync(bin)) {
    throw new Error(`tapchain-node not found at ${bin}; build it with ./scripts/test.sh or set TAPCHAIN_NODE_BIN`);
  }
  return bin;
}

/**
 * Tracks a spawned process that logs to `logFile`: `exited` is set when it ends, `stop()` sends
 * SIGTERM (SIGKILL after 10 s) and waits, `logTail()` reads the end of its log. It is killed
 * when the test process exits, even if nobody calls `stop()`.
 */
export function supervise(proc, logFile) {
  running.add(proc);
  const handle = {
    proc,
    logFile,
    exited: null,
    async stop() {
      running.delete(proc);
      if (handle.exited === null) {
        const gone = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
        await gone;
        clearTimeout(timer);
      }
    },
    logTail(lines = 40) {
      try {
        return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
      } catch { return '(no log)'; }
    },
  };
  proc.on('exit', (code, signal) => { handle.exited = { code, signal }; });
  return handle;
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

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts `tapchain-node --dev` (or with `extraArgs`) and resolves once its RPC answers.
 * Returns { rpcPort, wsUrl, basePath, logFile, stop() }.
 */
export async function startNode(extraArgs = ['--dev']) {
  const basePath = mkdtempSync(join(tmpdir(), 'tapchain-e2e-'));
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const logFile = join(basePath, 'node.log');
  const out = openSync(logFile, 'a');
  const args = [
    ...extraArgs,
    '--base-path', basePath,
    '--rpc-port', String(rpcPort),
    '--listen-addr', `/ip4/127.0.0.1/tcp/${p2pPort}`,
    '--no-prometheus',
    '--no-telemetry',
    '--no-mdns',
    '--rpc-cors', 'all',
  ];
  const node = supervise(spawn(nodeBinary(), args, { stdio: ['ignore', out, out] }), logFile);
  const stopProcess = node.stop;
  Object.assign(node, {
    rpcPort,
    basePath,
    wsUrl: `ws://127.0.0.1:${rpcPort}`,
    async stop() {
      await stopProcess();
      rmSync(basePath, { recursive: true, force: true });
    },
  });

  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (node.exited) {
      throw new Error(`tapchain-node exited early (${JSON.stringify(node.exited)}):\n${node.logTail()}`);
    }
    if (await rpcAnswers(rpcPort)) return node;
    await sleep(250);
  }
  await node.stop();
  throw new Error(`tapchain-node RPC did not come up on ${rpcPort} within 120 s`);
}

async function rpcAnswers(port) {
  try {
    return 'result' in (await rawCall(`http://127.0.0.1:${port}`, 'system_health'));
  } catch {
    return false;
  }
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}
