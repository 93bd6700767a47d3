// tapchain-relayer against a dev node and a mock bitcoind that answers Bitcoin Core's RPC from
// the real headers in testdata/btc (no bitcoind can be installed here).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startNode } from '../lib/node.js';
import { connect, devKeys } from '../lib/chain.js';
import { startMockBitcoind, relayer, displayHash, BTC_DATA } from '../lib/bitcoind.js';

const MAINNET = join(BTC_DATA, 'mainnet/headers_0000000_0010236.bin');
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
  const spv = JSON.parse(readFileSync(join(BTC_DATA, 'mainnet/spv_proofs.json'), 'utf8'));
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

/** `n` base units as sats (1 sat = 100 base units), with two decimals. */
function sats(n) {
  return `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;
}

/**
 * Every `BtcLightClient.submitHeaders` in blocks `from..=to`, from the chain itself: who signed
 * it, which heights it carried, whether it failed (and with which error), what it paid
 * (`TransactionPayment.TransactionFeePaid`) and what it was credited (`RelayerCredited`).
 */
async function submissions(api, from, to, heightOf) {
  const out = [];
  for (let n = from; n <= to; n++) {
    const hash = await api.rpc.chain.getBlockHash(n);
    const { block } = await api.rpc.chain.getBlock(hash);
    const events = await (await api.at(hash)).query.system.events();
    block.extrinsics.forEach((ex, index) => {
      if (!ex.isSigned || ex.method.section !== 'btcLightClient' || ex.method.method !== 'submitHeaders') return;
      const mine = events.filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.eqn(index));
      const paid = mine.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
      assert.ok(paid, `submit_headers #${n}-${index} has no TransactionFeePaid event`);
      const failed = mine.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
      let error = null;
      if (failed) {
        const de = failed.event.data.dispatchError;
        if (de.isModule) {
          const meta = api.registry.findMetaError(de.asModule);
          error = `${meta.section}.${meta.name}`;
        } else {
          error = de.toString();
        }
      }
      const credited = mine
        .filter(({ event }) => api.events.btcLightClient.RelayerCredited?.is(event))
        .reduce((sum, { event }) => sum + event.data.headers.toNumber(), 0);
      const heights = ex.method.args[0].map((h) => heightOf.get(displayHash(Buffer.from(h.toU8a()))));
      assert.ok(heights.every((h) => h !== undefined), 'a submitted header is not a mainnet header');
      out.push({
        who: ex.signer.toString(),
        block: n,
        index,
        from: heights[0],
        to: heights[heights.length - 1],
        error,
        fee: paid.event.data.actualFee.toBigInt() + paid.event.data.tip.toBigInt(),
        credited,
      });
    });
  }
  return out;
}

test('two relayers at once reach the tip, and neither pays twice for a batch', async () => {
  const COUNT = 4032; // heights 0..4031: two retarget periods
  const BATCH = 504; // 8 batches, started together so that the relayers race
  const node = await devNode();
  const file = readFileSync(MAINNET);
  const heightOf = new Map();
  for (let h = 0; h < COUNT; h++) heightOf.set(displayHash(file.subarray(h * 80, (h + 1) * 80)), h);

  // Alice (the dev chain's sudo key) initializes the light client at 0, from a bitcoind that
  // only has the genesis block, so that she relays nothing herself.
  const genesisOnly = await startMockBitcoind(['--headers', MAINNET, '--count', '1', '--chain', 'main', ...USER]);
  cleanup.push(() => genesisOnly.stop());
  const init = await relayer(['--bitcoind-url', genesisOnly.url, ...CREDS, '--node-url', node.wsUrl,
    '--signer', '//Alice', 'run', '--init-height', '0', '--once']);
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stderr, /initialized the light client on main at height 0/);

  const btc = await startMockBitcoind(['--headers', MAINNET, '--count', String(COUNT), '--chain', 'main', ...USER]);
  cleanup.push(() => btc.stop());
  const common = ['--bitcoind-url', btc.url, ...CREDS, '--node-url', node.wsUrl];
  const api = await connect(node.wsUrl);
  try {
    const first = (await api.rpc.chain.getHeader()).number.toNumber() + 1;
    const started = Date.now();
    const names = ['//Bob', '//Charlie'];
    const runs = await Promise.all(names.map((s) => relayer([...common, '--signer', s, 'run', '--batch-size', String(BATCH), '--once'])));
    const seconds = (Date.now() - started) / 1000;
    runs.forEach((r, i) => assert.equal(r.code, 0, `${names[i]}:\n${r.stderr}`));

    // Both end on the right tip, through the relayer and through the runtime API.
    const tipHash = displayHash(file.subarray((COUNT - 1) * 80, COUNT * 80));
    const status = await relayer([...common, 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /best height: 4031/);
    assert.ok(status.stdout.includes(`best hash: ${tipHash}`), status.stdout);
    const [height, hash] = (await api.call.btcLightClientApi.bestBlock()).unwrap();
    assert.equal(height.toNumber(), COUNT - 1);
    assert.equal(Buffer.from(hash.toU8a()).reverse().toString('hex'), tipHash);
    for (const r of runs) assert.match(r.stderr, new RegExp(`synced: best 4031 ${tipHash}`));

    // What each relayer did and paid, from the chain's blocks and events.
    const last = (await api.rpc.chain.getHeader()).number.toNumber();
    const subs = await submissions(api, first, last, heightOf);
    const keys = devKeys();
    const signers = [keys.bob.address, keys.charlie.address];
    assert.ok(subs.every((s) => signers.includes(s.who)), 'only Bob and Charlie relayed');
    const landedBefore = (s, t) => s.block < t.block || (s.block === t.block && s.index < t.index);
    let skippedTotal = 0;
    for (const [i, who] of signers.entries()) {
      const other = signers[1 - i];
      const mine = subs.filter((s) => s.who === who);
      const landed = mine.filter((s) => !s.error);
      const failed = mine.filter((s) => s.error);
      const theirs = subs.filter((s) => s.who === other && !s.error);
      const fees = mine.reduce((sum, s) => sum + s.fee, 0n);
      skippedTotal += failed.length;

      // The only failure is a lost race (DuplicateHeader), and each lost race is a batch the
      // other relayer had landed before it: no failing batch was retried and paid again.
      for (const f of failed) {
        assert.equal(f.error, 'btcLightClient.DuplicateHeader', JSON.stringify(f, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
        for (let h = f.from; h <= f.to; h++) {
          assert.ok(theirs.some((t) => landedBefore(t, f) && t.from <= h && h <= t.to),
            `${names[i]} paid for ${f.from}..${f.to} in #${f.block}, but height ${h} was not landed by the other relayer before`);
        }
      }
      const ranges = failed.map((f) => `${f.from}-${f.to}`);
      assert.equal(new Set(ranges).size, ranges.length, `${names[i]} paid twice for a batch: ${ranges}`);
      assert.ok(failed.length <= theirs.length, `${names[i]} lost ${failed.length} races, the other landed ${theirs.length}`);

      // A batch that moves the best chain is free.
      for (const s of landed) assert.equal(s.fee, 0n, `landed batch ${s.from}..${s.to} paid ${s.fee}`);

      // The relayer's own summary agrees with the chain.
      const summary = /batches: landed (\d+), skipped (\d+) .*fees paid: (\d+) base units/.exec(runs[i].stderr);
      assert.ok(summary, runs[i].stderr);
      assert.deepEqual([Number(summary[1]), Number(summary[2]), BigInt(summary[3])], [landed.length, failed.length, fees]);

      // Credits: the runtime API, the relayer's status and the events say the same.
      const credited = mine.reduce((sum, s) => sum + s.credited, 0);
      const credits = (await api.call.btcLightClientApi.relayerCredits(who)).toNumber();
      assert.equal(credits, credited);
      const st = await relayer([...common, 'status', '--account', who]);
      assert.equal(st.code, 0, st.stderr);
      assert.ok(st.stdout.includes(`credits: ${credits} headers (${who})`), st.stdout);

      console.log(`# ${names[i]}: ${mine.length} submit_headers, ${landed.length} landed, ${failed.length} skipped `
        + `(DuplicateHeader); fees paid ${fees} base units = ${sats(fees)} sat; credited ${credits} headers`);
    }
    assert.ok(skippedTotal >= 1, 'the two relayers never raced for a batch');
    const headersLanded = subs.filter((s) => !s.error).reduce((n, s) => n + s.to - s.from + 1, 0);
    assert.ok(headersLanded >= COUNT - 1);
    console.log(`# ${COUNT - 1} headers in ${subs.length} submissions over ${last - first + 1} blocks, ${seconds.toFixed(0)} s`);
  } finally {
    await api.disconnect();
  }
});
