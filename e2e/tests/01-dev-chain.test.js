// The dev chain: it produces and finalizes blocks, speaks BTC with 10 decimals, and moves
// balances exactly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { u8aToHex } from '@polkadot/util';
import { startNode } from '../lib/node.js';
import { connect, devKeys, waitForFinalized, sendAndFinalize, feePaid, freeAt } from '../lib/chain.js';

const BTC = 10_000_000_000n; // 10^10 base units

let node;
let api;
let keys;

before(async () => {
  node = await startNode(['--dev']);
  try {
    api = await connect(node.wsUrl);
    keys = devKeys();
    await waitForFinalized(api, 3);
  } catch (e) {
    console.error(node.logTail());
    throw e;
  }
});

after(async () => {
  if (api) await api.disconnect().catch(() => {});
  if (node) await node.stop();
});

test('system_properties gives BTC with 10 decimals', async () => {
  const props = await api.rpc.system.properties();
  assert.deepEqual(props.tokenSymbol.unwrap().map((s) => s.toString()), ['BTC']);
  assert.deepEqual(props.tokenDecimals.unwrap().map((d) => d.toNumber()), [10]);
  assert.equal(api.registry.chainDecimals[0], 10);
  assert.equal(api.registry.chainTokens[0], 'BTC');
});

test('the dev chain has one Aura authority and GRANDPA finality', async () => {
  const auth = await api.query.aura.authorities();
  assert.equal(auth.length, 1);
  assert.equal(u8aToHex(auth[0].toU8a()), u8aToHex(keys.alice.publicKey));
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const fin = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  assert.ok(fin >= 3, `finalized #${fin}`);
  assert.ok(best - fin <= 3, `finality lags best by ${best - fin}`);
});

test('a transfer of 0.5 BTC lands finalized with exact balances; the fee goes to the author', async () => {
  // Bob pays Charlie; Alice authors every dev block, so she receives the fee.
  const amount = BTC / 2n;
  const { alice, bob, charlie } = keys;
  const tx = api.tx.balances.transferKeepAlive(charlie.address, amount);
  const { blockHash, events, dispatchError } = await sendAndFinalize(api, tx, bob);
  assert.equal(dispatchError, undefined, 'transfer must succeed');

  const header = await api.rpc.chain.getHeader(blockHash);
  const parent = header.parentHash;
  const fee = feePaid(api, events);
  assert.ok(fee > 0n, 'a fee is charged');

  const transfer = events.find(({ event }) => api.events.balances.Transfer.is(event));
  assert.ok(transfer, 'Transfer event');
  assert.equal(transfer.event.data.amount.toBigInt(), amount);

  const bobBefore = await freeAt(api, parent, bob.address);
  const charlieBefore = await freeAt(api, parent, charlie.address);
  const aliceBefore = await freeAt(api, parent, alice.address);
  assert.equal(await freeAt(api, blockHash, bob.address), bobBefore - amount - fee);
  assert.equal(await freeAt(api, blockHash, charlie.address), charlieBefore + amount);
  assert.equal(await freeAt(api, blockHash, alice.address), aliceBefore + fee, 'the author gets the fee');
  console.log(`# transfer fee: ${fee} base units = ${Number(fee) / 100} sat`);
});

test('a transfer above the balance fails with Token.FundsUnavailable and only the fee moves', async () => {
  // Charlie pays Bob; the fee goes to Alice, the author.
  const { alice, bob, charlie } = keys;
  const best = await api.rpc.chain.getBlockHash();
  const have = await freeAt(api, best, charlie.address);
  const tx = api.tx.balances.transferAllowDeath(bob.address, have + 1n);
  const { blockHash, events, dispatchError } = await sendAndFinalize(api, tx, charlie);

  assert.ok(dispatchError, 'the transfer must fail');
  assert.ok(dispatchError.isToken, `expected a Token error, got ${dispatchError.toString()}`);
  assert.equal(dispatchError.asToken.type, 'FundsUnavailable');
  assert.ok(events.some(({ event }) => api.events.system.ExtrinsicFailed.is(event)));

  const fee = feePaid(api, events);
  const parent = (await api.rpc.chain.getHeader(blockHash)).parentHash;
  const charlieBefore = await freeAt(api, parent, charlie.address);
  const bobBefore = await freeAt(api, parent, bob.address);
  const aliceBefore = await freeAt(api, parent, alice.address);
  assert.equal(await freeAt(api, blockHash, charlie.address), charlieBefore - fee);
  assert.equal(await freeAt(api, blockHash, bob.address), bobBefore);
  assert.equal(await freeAt(api, blockHash, alice.address), aliceBefore + fee);
});
