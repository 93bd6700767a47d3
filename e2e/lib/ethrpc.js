// Starts and stops `tapchain-eth-rpc` (pallet-revive-eth-rpc) next to a test node.
import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ethers } from 'ethers';
import { freePort, nodeBinary, rawCall, sleep, startNode, supervise } from './node.js';
import { connect, waitForFinalized } from './chain.js';

export { rawCall };

/** The well-known Ethereum dev keys the dev genesis funds: Alith, Baltathar, Charleth, Dorothy, Ethan. */
export const ETH_DEV_KEYS = [
  '0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133',
  '0x8075991ce870b93a8870eca0c0f91913d12f47948ca0fd25b49c6fa7cdbeee8b',
  '0x0b6e18cafb6ed99687ec547bd28139cafdd2bffe70e6b688025de6b445aa5c5b',
  '0x39539ab1876910bbf3a223d84a29e28f1cb4e2e456503e7e91ed39b2e7223d68',
  '0x7dce9bc8babb68fec1409be38c8e1a52650206a7ed90ff956ae8a6d15eeaaef4',
];

/** $TAPCHAIN_ETH_RPC_BIN, else `tapchain-eth-rpc` beside the node binary (same build). */
export function ethRpcBinary() {
  const bin = process.env.TAPCHAIN_ETH_RPC_BIN || join(dirname(nodeBinary()), 'tapchain-eth-rpc');
  if (!existsSync(bin)) {
    throw new Error(`tapchain-eth-rpc not found at ${bin}; build it with ./scripts/test.sh`);
  }
  return bin;
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
  const rpc = Object.assign(supervise(proc, logFile), { url: `http://127.0.0.1:${port}`, port });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (rpc.exited) throw new Error(`tapchain-eth-rpc exited (${JSON.stringify(rpc.exited)}):\n${rpc.logTail()}`);
    try {
      const r = await rawCall(rpc.url, 'eth_chainId');
      if (r.result) return rpc;
    } catch { /* not up yet */ }
    await sleep(250);
  }
  await rpc.stop();
  throw new Error(`tapchain-eth-rpc did not answer on ${port} within 60 s:\n${rpc.logTail()}`);
}

/**
 * A `--dev` node, `@polkadot/api` connected to it once block #1 is finalized, and
 * tapchain-eth-rpc with an ethers provider on it. Prints both processes' log tails if start-up
 * fails. Returns { node, api, rpc, provider, stop() }; `stop()` ends all three.
 */
export async function startDevEvm() {
  const node = await startNode(['--dev']);
  let api;
  let rpc;
  const stop = async () => {
    if (rpc) await rpc.stop();
    if (api) await api.disconnect().catch(() => {});
    await node.stop();
  };
  try {
    api = await connect(node.wsUrl);
    await waitForFinalized(api, 1);
    rpc = await startEthRpc(node);
  } catch (e) {
    console.error(node.logTail());
    if (rpc) console.error(rpc.logTail());
    await stop();
    throw e;
  }
  const provider = new ethers.JsonRpcProvider(rpc.url, undefined, { staticNetwork: true, pollingInterval: 500 });
  return { node, api, rpc, provider, stop };
}
