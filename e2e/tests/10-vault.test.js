// The MBTC vault's channels on a dev chain, through Polkadot.js: MBTC and the two collateral
// assets from genesis, prices posted by tapchain-feeder, a channel registered with both
// collateral assets, its ratio and capacity read from the MbtcVaultApi runtime API, a refused
// registration with nothing lost but the fee, collateral withdrawn and the channel closed, and
// the keeper's round finding nothing to do. Amounts are checked to the base unit; fees come from
// TransactionFeePaid events.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { startNode, nodeBinary } from '../lib/node.js';
import { connect, devKeys, sendAndFinalize, feePaid } from '../lib/chain.js';
import { BTC_DATA } from '../lib/bitcoind.js';

const MBTC = 1;
const WETH = 2;
const USDC = 3;
const ETH = 10n ** 18n;
const USD = 10n ** 6n;
// A regtest P2WPKH address (BIP-173's test vector key) for the channel.
const CHANNEL_ADDRESS = 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080';
let node;
let api;

function feederBinary() {
  const bin = process.env.TAPCHAIN_FEEDER_BIN || join(dirname(nodeBinary()), 'tapchain-feeder');
  if (!existsSync(bin)) throw new Error(`tapchain-feeder not found at ${bin}`);
  return bin;
}

function feeder(args) {
  return new Promise((resolve) => {
    execFile(feederBinary(), ['--node-url', node.wsUrl, ...args], { timeout: 300_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function asset(id, who) {
  const a = await api.query.assets.account(id, who);
  return a.isSome ? a.unwrap().balance.toBigInt() : 0n;
}

function moduleError(r) {
  assert.ok(r.dispatchError, 'the extrinsic should fail');
  assert.ok(r.dispatchError.isModule);
  const e = api.registry.findMetaError(r.dispatchError.asModule);
  return `${e.section}.${e.name}`;
}

async function channels() {
  return (await api.call.mbtcVaultApi.channels()).map((c) => c.toJSON());
}

before(async () => {
  node = await startNode(['--dev']);
  api = await connect(node.wsUrl);
  // The vault needs to know the Bitcoin network for addresses: Alice (sudo) starts the light
  // client at regtest's genesis.
  const genesis = JSON.parse(readFileSync(join(BTC_DATA, 'genesis_headers.json'), 'utf8')).regtest;
  const { alice } = devKeys();
  const init = api.tx.sudo.sudo(api.tx.btcLightClient.initialize('Regtest', `0x${genesis.header_hex}`, 0));
  const r = await sendAndFinalize(api, init, alice);
  assert.ok(!r.dispatchError);
});

after(async () => {
  if (api) await api.disconnect();
  if (node) await node.stop();
});

test('MBTC and the two collateral assets exist from genesis with their decimals', async () => {
  const { bob } = devKeys();
  const meta = async (id) => {
    const m = (await api.query.assets.metadata(id)).toHuman();
    return [m.symbol, Number(m.decimals)];
  };
  assert.deepEqual(await meta(MBTC), ['MBTC', 8]);
  assert.deepEqual(await meta(WETH), ['WETH', 18]);
  assert.deepEqual(await meta(USDC), ['USDC', 6]);
  assert.equal((await api.query.assets.asset(MBTC)).unwrap().supply.toBigInt(), 0n);
  assert.equal(await asset(WETH, bob.address), 1000n * ETH);
  assert.equal(await asset(USDC, bob.address), 1_000_000n * USD);
  const collateral = (await api.query.mbtcVault.collateralAssets.entries()).map(([k, v]) => [
    k.args[0].toNumber(), Buffer.from(v.unwrap().toU8a(true)).toString(),
  ]).sort();
  assert.deepEqual(collateral, [[WETH, 'WETH/USD'], [USDC, 'USDC/USD']]);
});

test('a channel registers with both collateral assets; the API gives its exact capacity', async () => {
  for (const [key, value] of [['BTC/USD', '100000'], ['WETH/USD', '4000'], ['USDC/USD', '1']]) {
    const set = await feeder(['set', key, value]);
    assert.equal(set.code, 0, set.stderr);
  }
  const { bob } = devKeys();
  const weth0 = await asset(WETH, bob.address);
  const usdc0 = await asset(USDC, bob.address);
  // 0.1 WETH ($400) and 200 USDC: $600, which backs 400,000 sats at 150 %.
  const r = await sendAndFinalize(api, api.tx.mbtcVault.registerChannel([[WETH, ETH / 10n], [USDC, 200n * USD]], CHANNEL_ADDRESS), bob);
  assert.ok(!r.dispatchError, r.dispatchError?.toString());
  const ev = r.events.find(({ event }) => api.events.mbtcVault.ChannelRegistered.is(event));
  assert.ok(ev);
  assert.equal(ev.event.data.channel.toNumber(), 0);
  assert.equal(ev.event.data.btcScript.toHex(), '0x0014751e76e8199196d454941c45d1b3a323f1433bd6');
  assert.equal(await asset(WETH, bob.address), weth0 - ETH / 10n);
  assert.equal(await asset(USDC, bob.address), usdc0 - 200n * USD);
  const [c] = await channels();
  assert.equal(c.id, 0);
  assert.equal(c.operator, bob.address);
  assert.deepEqual(c.collateral.map(([a, n]) => [a, BigInt(n)]), [[WETH, ETH / 10n], [USDC, 200n * USD]]);
  assert.equal(BigInt(c.issued), 0n);
  assert.equal(BigInt(c.capacity), 400_000n);
  // The prices were just fed after being stale: in their 10-minute grace, liquidation prices
  // (and so the ratio the API reports) do not exist yet, while capacity uses the prices at once.
  assert.equal(c.ratio, null);
  assert.equal(BigInt(c.liquidatable), 0n);
  assert.equal(c.fullyLiquidatable, false);
});

test('a refused registration changes nothing but the fee', async () => {
  const { charlie } = devKeys();
  const before = (await api.query.system.account(charlie.address)).data.free.toBigInt();
  const usdc0 = await asset(USDC, charlie.address);
  // MBTC is not collateral; the address is the channel's already.
  let r = await sendAndFinalize(api, api.tx.mbtcVault.registerChannel([[MBTC, 1n]], 'bcrt1qnope'), charlie);
  assert.equal(moduleError(r), 'mbtcVault.UnknownAsset');
  let fee = feePaid(api, r.events);
  r = await sendAndFinalize(api, api.tx.mbtcVault.registerChannel([[USDC, 100n * USD]], CHANNEL_ADDRESS), charlie);
  assert.equal(moduleError(r), 'mbtcVault.AddressInUse');
  fee += feePaid(api, r.events);
  assert.equal((await api.query.system.account(charlie.address)).data.free.toBigInt(), before - fee);
  assert.equal(await asset(USDC, charlie.address), usdc0);
  assert.equal((await channels()).length, 1);
});

test('the keeper finds nothing to liquidate or claim', async () => {
  const k = await feeder(['--signer', '//Charlie', 'keep', '--once']);
  assert.equal(k.code, 0, k.stderr);
  assert.match(k.stdout, /round: 0 full and 0 partial liquidations, 0 claims/);
});

test('collateral is withdrawn to the base unit and the channel closes', async () => {
  const { bob } = devKeys();
  const usdc0 = await asset(USDC, bob.address);
  let r = await sendAndFinalize(api, api.tx.mbtcVault.withdrawCollateral(0, USDC, 100n * USD), bob);
  assert.ok(!r.dispatchError);
  assert.equal(await asset(USDC, bob.address), usdc0 + 100n * USD);
  // $500 backs 333,333 sats.
  assert.equal(BigInt((await channels())[0].capacity), 333_333n);
  // More USDC than the channel holds is refused.
  r = await sendAndFinalize(api, api.tx.mbtcVault.withdrawCollateral(0, USDC, 100n * USD + 1n), bob);
  assert.equal(moduleError(r), 'mbtcVault.InsufficientCollateral');
  r = await sendAndFinalize(api, api.tx.mbtcVault.closeChannel(0), bob);
  assert.ok(!r.dispatchError);
  assert.equal(await asset(WETH, bob.address), 1000n * ETH);
  assert.equal(await asset(USDC, bob.address), 1_000_000n * USD);
  assert.equal((await channels()).length, 0);
});
