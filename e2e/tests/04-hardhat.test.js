// examples/hardhat: an unmodified Hardhat project compiles offline (solc-js from npm) and deploys
// to a dev chain through tapchain-eth-rpc.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNode } from '../lib/node.js';
import { startEthRpc, rawCall } from '../lib/ethrpc.js';

const EXAMPLE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples', 'hardhat');

let node;
let rpc;

before(async () => {
  assert.ok(existsSync(join(EXAMPLE, 'node_modules', 'hardhat')), 'run ./scripts/setup.sh first');
  node = await startNode(['--dev']);
  rpc = await startEthRpc(node);
});

after(async () => {
  if (rpc) await rpc.stop();
  if (node) await node.stop();
});

function hardhat(args) {
  const res = spawnSync('npx', ['--no-install', 'hardhat', ...args], {
    cwd: EXAMPLE,
    env: { ...process.env, TAPCHAIN_ETH_RPC: rpc.url, HARDHAT_DISABLE_TELEMETRY_PROMPT: 'true' },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return res;
}

test('hardhat compiles with the npm solc and deploys Counter to the dev chain', async () => {
  rmSync(join(EXAMPLE, 'artifacts'), { recursive: true, force: true });
  rmSync(join(EXAMPLE, 'cache'), { recursive: true, force: true });
  const compile = hardhat(['compile']);
  assert.equal(compile.status, 0, compile.stdout + compile.stderr);
  assert.match(compile.stdout, /Compiled 1 Solidity file/);

  const deploy = hardhat(['run', 'scripts/deploy.js', '--network', 'tapchain']);
  assert.equal(deploy.status, 0, deploy.stdout + deploy.stderr);
  const lines = deploy.stdout.trim().split('\n');
  console.log(lines.map((l) => `# ${l}`).join('\n'));
  const result = JSON.parse(lines[lines.length - 1]);
  assert.equal(result.count, '42');
  // The contract is really there.
  const code = await rawCall(rpc.url, 'eth_getCode', [result.address, 'latest']);
  assert.ok(code.result.length > 2, `no code at ${result.address}`);
});
