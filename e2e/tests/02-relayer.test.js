// tapchain-relayer against a dev node and a mock bitcoind that answers Bitcoin Core's RPC from
// the real headers in shared/btc-data (no bitcoind can be installed here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNode } from '../lib/node.js';
import { connect } from '../lib/chain.js';
import { startMockBitcoind, relayer, displayHash, SHARED_BTC_DATA } from '../lib/bitcoind.js';

const MAINNET = join(SHARED_BTC_DATA, 'mainnet/headers_0000000_0010236.bin');
const USER = ['--rpcuser', 'relay', '--rpcpassword', 's3cret'];
const CREDS = ['--bitcoind-user', 'relay', '--bitcoind-password', 's3cret'];

const cleanup = [];
after(async () => { for (const f of cleanup.reverse()) await f(); });

async function devNode() {
  const node = await startNode(['--dev']);
  cleanup.push(() => node.stop());
  return node;
}

test('syncs 10,000 real mainnet headers into a dev node', async () => {
  const node = await devNode();
  const btc = await startMockBitcoind(['--headers', MAINNET, '--count', '10000', '--chain', 'main', ...USER]);
  cleanup.push(() => btc.stop());
  const common = ['--bitcoind-url', btc.url, ...CREDS, '--node-url', node.wsUrl];

  const run = await relayer([...common, 'run', '--init-height', '0', '--batch-size', '2016', '--once']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /synced 9999 \/ 9999 \(9999\/9999 headers, \d+ headers\/s\)/);
  console.log(`# ${run.stderr.trim().split('\n').filter((l) => l.includes('headers/s')).pop()}`);

  const file = readFileSync(MAINNET);
  const tipHash = displayHash(file.subarray(9999 * 80, 10000 * 80));
  const status = await relayer([...common, 'status']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /network: main/);
  assert.match(status.stdout, /best height: 9999/);
  assert.ok(status.stdout.includes(`best hash: ${tipHash}`), status.stdout);

  // The same answer through Polkadot.js and the runtime API.
  const api = await connect(node.wsUrl);
  try {
    const best = await api.call.btcLightClientApi.bestBlock();
    const [height, hash] = best.unwrap();
    assert.equal(height.toNumber(), 9999);
    assert.equal(Buffer.from(hash.toU8a()).reverse().toString('hex'), tipHash);
    const h9000 = await api.call.btcLightClientApi.headerAt(9000);
    assert.equal(Buffer.from(h9000.unwrap().toU8a()).toString('hex'), file.subarray(9000 * 80, 9001 * 80).toString('hex'));
    // Older headers are pruned (4032 are kept) in spare block weight.
    assert.ok((await api.call.btcLightClientApi.headerAt(100)).isNone);
  } finally {
    await api.disconnect();
  }

  // A second run finds nothing to do.
  const again = await relayer([...common, 'run', '--once']);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /synced: best 9999/);

  // A bitcoind on another network is refused, clearly.
  const reg = await startMockBitcoind(['--regtest', '3']);
  cleanup.push(() => reg.stop());
  const wrong = await relayer(['--bitcoind-url', reg.url, '--node-url', node.wsUrl, 'run', '--once']);
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /follows main but bitcoind is on regtest/);
});

test('clear errors for bad credentials, an unreachable bitcoind and an uninitialized chain', async () => {
  const node = await devNode();
  const btc = await startMockBitcoind(['--regtest', '3', ...USER]);
  cleanup.push(() => btc.stop());

  const bad = await relayer(['--bitcoind-url', btc.url, '--bitcoind-user', 'relay', '--bitcoind-password', 'nope',
    '--node-url', node.wsUrl, 'run', '--once']);
  assert.notEqual(bad.code, 0);
  assert.match(bad.stderr, /rejected the credentials \(HTTP 401\)/);

  const down = await relayer(['--bitcoind-url', 'http://127.0.0.1:1', '--node-url', node.wsUrl, 'run', '--once']);
  assert.notEqual(down.code, 0);
  assert.match(down.stderr, /refused the connection/);

  const noinit = await relayer(['--bitcoind-url', btc.url, ...CREDS, '--node-url', node.wsUrl, 'run', '--once']);
  assert.notEqual(noinit.code, 0);
  assert.match(noinit.stderr, /not initialized; pass --init-height/);

  const status = await relayer(['--node-url', node.wsUrl, 'status']);
  assert.equal(status.code, 0);
  assert.match(status.stdout, /not initialized/);
});

test('follows a reorg on the bitcoind side and proves a transaction with submit-proof', async () => {
  const node = await devNode();
  // A real mainnet transaction (block 830000, index 3) mined into regtest block 10.
  const spv = JSON.parse(readFileSync(join(SHARED_BTC_DATA, 'mainnet/spv_proofs.json'), 'utf8'));
  const ex = spv.examples.find((e) => e.height === 830000 && e.tx_index === 3);
  const btc = await startMockBitcoind(['--regtest', '30', '--include-tx', `10:${ex.raw_tx_hex}`]);
  cleanup.push(() => btc.stop());
  const common = ['--bitcoind-url', btc.url, '--node-url', node.wsUrl];

  let run = await relayer([...common, 'run', '--init-height', '0', '--batch-size', '10', '--once']);
  assert.equal(run.code, 0, run.stderr);
  let status = await relayer([...common, 'status']);
  assert.match(status.stdout, /best height: 30/);
  const oldTip = await btc.rpc('getblockhash', [30]);
  assert.ok(status.stdout.includes(oldTip));

  // bitcoind reorganizes: blocks 26..30 are replaced by a longer branch 26..35.
  const newTip = await btc.rpc('mock_reorg', [25, 35]);
  assert.notEqual(newTip, oldTip);
  run = await relayer([...common, 'run', '--once']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /bitcoind disagrees at height 30; walking back/);
  status = await relayer([...common, 'status']);
  assert.match(status.stdout, /best height: 35/);
  assert.ok(status.stdout.includes(`best hash: ${newTip}`), status.stdout);

  // The runtime checks the proof bitcoind gives for the transaction.
  const proof = await relayer([...common, 'submit-proof', ex.txid, '--min-confirmations', '6']);
  assert.equal(proof.code, 0, proof.stderr);
  assert.match(proof.stdout, new RegExp(`verified: tx ${ex.txid} is #1 in block [0-9a-f]{64} at height 10 \\(26 confirmations\\)`));

  const tooFew = await relayer([...common, 'submit-proof', ex.txid, '--min-confirmations', '27']);
  assert.notEqual(tooFew.code, 0);
  assert.match(tooFew.stderr, /InsufficientConfirmations/);

  const unknown = await relayer([...common, 'submit-proof', 'ab'.repeat(32)]);
  assert.notEqual(unknown.code, 0);
  assert.match(unknown.stderr, /No such mempool or blockchain transaction/);
});
