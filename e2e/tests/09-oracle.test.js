// The price oracle on a dev chain, fed by tapchain-feeder from a local HTTP server that answers
// like a price API (CoinGecko's `simple/price` shape, mempool.space's fee field), read back
// through Polkadot.js and the PriceOracleApi runtime API. Amounts are checked to the base unit
// of FixedU128 (10^-18); fees come from TransactionFeePaid events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startNode, nodeBinary } from '../lib/node.js';
import { connect, devKeys, sendAndFinalize, feePaid } from '../lib/chain.js';
import { eventsSince } from '../lib/bridge.js';

const ONE = 10n ** 18n; // FixedU128's one
let node;
let api;
let server;
let url;
// What the "price API" answers; tests change it.
const doc = {
  bitcoin: { usd: 97123.45 },
  ethereum: { usd: '3001.5' },
  'usd-coin': { usd: 0.9998 },
  fees: { fastestFee: 12 },
};
const KEYS = [
  '--key', 'BTC/USD=bitcoin.usd',
  '--key', 'WETH/USD=ethereum.usd',
  '--key', 'USDC/USD=usd-coin.usd',
  '--key', 'FEE/SATVB=fees.fastestFee',
];

function feederBinary() {
  const bin = process.env.TAPCHAIN_FEEDER_BIN || join(dirname(nodeBinary()), 'tapchain-feeder');
  if (!existsSync(bin)) throw new Error(`tapchain-feeder not found at ${bin}`);
  return bin;
}

/** Runs the feeder against the dev node; resolves { code, stdout, stderr }. */
function feeder(args) {
  return new Promise((resolve) => {
    execFile(feederBinary(), ['--node-url', node.wsUrl, ...args], { timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** `key`'s PriceInfo through the runtime API, or the error's name. */
async function price(key) {
  const r = await api.call.priceOracleApi.price(key);
  if (r.isErr) return { error: r.asErr.type };
  const info = r.asOk;
  return { median: info.median.toBigInt(), values: info.count.toNumber() };
}

before(async () => {
  node = await startNode(['--dev']);
  api = await connect(node.wsUrl);
  server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(doc));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${server.address().port}/api/v3/simple/price`;
});

after(async () => {
  if (api) await api.disconnect();
  if (server) server.close();
  if (node) await node.stop();
});

test('the dev chain starts with four stale keys and Alice as the only feeder', async () => {
  const keys = (await api.call.priceOracleApi.keys()).map((k) => Buffer.from(k.toU8a(true)).toString());
  assert.deepEqual([...keys].sort(), ['BTC/USD', 'FEE/SATVB', 'USDC/USD', 'WETH/USD']);
  const feeders = (await api.call.priceOracleApi.feeders()).map((a) => a.toString());
  assert.deepEqual(feeders, [devKeys().alice.address]);
  for (const k of keys) assert.deepEqual(await price(k), { error: 'Stale' });
  const params = await api.query.priceOracle.params();
  assert.equal(params.maxAge.toNumber(), 3_600_000);
  assert.equal(params.minValues.toNumber(), 1);
  assert.equal(params.maxStep.toNumber(), 100_000_000); // 10 % in Perbill
  assert.equal(params.grace.toNumber(), 600_000);
});

test('run --once submits every key from the source, and the medians are exact', async () => {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const r = await feeder(['run', '--once', '--source', url, ...KEYS]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /done: 4 value\(s\) submitted/);
  console.log(`# ${r.stderr.trim().split('\n').filter((l) => l.includes('BTC/USD =')).pop()}`);
  assert.deepEqual(await price('BTC/USD'), { median: 9712345n * ONE / 100n, values: 1 });
  assert.deepEqual(await price('WETH/USD'), { median: 30015n * ONE / 10n, values: 1 });
  assert.deepEqual(await price('USDC/USD'), { median: 9998n * ONE / 10000n, values: 1 });
  assert.deepEqual(await price('FEE/SATVB'), { median: 12n * ONE, values: 1 });

  // Each submission's fee, from its TransactionFeePaid event, is the one the feeder printed.
  const events = await eventsSince(api, best + 1);
  const submitted = events.filter((e) => api.events.priceOracle.Submitted.is(e.event));
  assert.equal(submitted.length, 4);
  const fresh = events.filter((e) => api.events.priceOracle.Fresh.is(e.event));
  assert.equal(fresh.length, 4, 'each key became fresh');
  for (const s of submitted) {
    const key = Buffer.from(s.event.data.key.toU8a(true)).toString();
    const paid = events.find((e) => e.n === s.n && e.index === s.index && api.events.transactionPayment.TransactionFeePaid.is(e.event));
    const fee = paid.event.data.actualFee.toBigInt() + paid.event.data.tip.toBigInt();
    assert.ok(fee > 0n);
    const line = r.stderr.split('\n').find((l) => l.includes(`${key} = `));
    assert.ok(line?.includes(`; fee ${fee} base units;`), `${key}: fee ${fee} not in ${line}`);
  }

  // Liquidations wait the grace period; everything else may use the price at once.
  const info = (await api.call.priceOracleApi.price('BTC/USD')).asOk;
  assert.equal(info.liquidationsFrom.toBigInt() - info.freshSince.toBigInt(), 600_000n);
});

test('an unchanged source is not submitted again before the heartbeat', async () => {
  const r = await feeder(['run', '--once', '--source', url, ...KEYS]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /done: 0 value\(s\) submitted/);
});

test('a 20 % jump is followed in a step of exactly the 10 % bound', async () => {
  doc.bitcoin.usd = 116548.14; // +20 %
  const r = await feeder(['run', '--once', '--source', url, '--key', 'BTC/USD=bitcoin.usd']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /more than the step bound from the median 97123\.45; submitting 106835\.795/);
  // 97,123.45 + 10 % = 106,835.795, to the last of 18 decimals.
  assert.deepEqual(await price('BTC/USD'), { median: 106835795n * ONE / 1000n, values: 1 });
  // The next poll takes the rest of the way: 106,835.795 + 9.09 % is within the bound.
  const again = await feeder(['run', '--once', '--source', url, '--key', 'BTC/USD=bitcoin.usd']);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(await price('BTC/USD'), { median: 11654814n * ONE / 100n, values: 1 });
});

test('set refuses a value past the bound before paying, and posts one within it', async () => {
  const far = await feeder(['set', 'BTC/USD', '50000']);
  assert.equal(far.code, 1);
  assert.match(far.stderr, /BTC\/USD 50000 is further than 10 % from the median 116548\.14: the oracle would refuse it \(TooFarFromMedian\); the furthest it takes this way is 104893\.326/);
  const unknown = await feeder(['set', 'DOGE/USD', '1']);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /the oracle has no key DOGE\/USD; its keys: /);
  const ok = await feeder(['set', 'BTC/USD', '110000.5']);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /BTC\/USD = 110000\.5 in block 0x[0-9a-f]{64}; fee \d+ base units; median 110000\.5/);
  assert.deepEqual(await price('BTC/USD'), { median: 1100005n * ONE / 10n, values: 1 });
  const status = await feeder(['status', 'BTC/USD']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /rules: max age 3600 s, 1 value\(s\) per price, step bound 10 %, grace 600 s/);
  assert.match(status.stdout, /BTC\/USD: 110000\.5 \(median of 1\), fresh since /);
  assert.ok(status.stdout.includes(`${devKeys().alice.address} 110000.5 at `), status.stdout);
});

test('a non-feeder is refused with NotFeeder, pays its fee, and changes nothing', async () => {
  const { bob } = devKeys();
  const before = await price('BTC/USD');
  const r = await sendAndFinalize(api, api.tx.priceOracle.submit('BTC/USD', 1n * ONE), bob);
  assert.ok(r.dispatchError?.isModule, 'a module error');
  const { section, name } = api.registry.findMetaError(r.dispatchError.asModule);
  assert.equal(`${section}.${name}`, 'priceOracle.NotFeeder');
  assert.ok(feePaid(api, r.events) > 0n);
  assert.deepEqual(await price('BTC/USD'), before);
  // The feeder binary says so before paying anything.
  const f = await feeder(['--signer', '//Bob', 'set', 'BTC/USD', '1']);
  assert.equal(f.code, 1);
  assert.match(f.stderr, /the signer 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty is not a feeder of this chain's oracle/);
});

test('the BTC bridge prices withdrawals at the oracle fee rate when it is above governance\'s', async () => {
  // FEE/SATVB is 12 sat/vB from the first test; governance's dev rate is 2.
  const amount = 100_000n * 100n; // 100,000 sat in base units
  const withOracle = (await api.call.btcBridgeApi.withdrawalFee(amount)).asOk.toBigInt();
  const rate = (await api.query.btcBridge.feeRate()).toBigInt();
  assert.equal(rate, 2n);
  // Remove the oracle's fee rate (Root, through sudo): the bridge falls back to 2 sat/vB.
  const { alice } = devKeys();
  const r = await sendAndFinalize(api, api.tx.sudo.sudo(api.tx.priceOracle.removeKey('FEE/SATVB')), alice);
  assert.equal(r.dispatchError, undefined);
  const sudid = r.events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.ok(sudid.event.data.sudoResult.isOk, 'removeKey succeeded');
  const without = (await api.call.btcBridgeApi.withdrawalFee(amount)).asOk.toBigInt();
  assert.equal(await price('FEE/SATVB').then((p) => p.error), 'UnknownKey');
  // The network part of the quote scales with the rate: 12 / 2.
  assert.ok(withOracle > without, `${withOracle} > ${without}`);
  console.log(`# withdrawal fee of 100,000 sat: ${withOracle} base units at 12 sat/vB, ${without} at 2 sat/vB`);
});
