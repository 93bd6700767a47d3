// The native BTC bridge end to end on a dev chain, offline: the bitcoind stand-in (regtest,
// e2e/mock-bitcoind, which answers Bitcoin Core's methods in Core's format; no real bitcoind can
// be installed here), `tapchain-relayer run` (headers, deposits, broadcasts, batch proofs),
// Alice's `tapchain-signer run` (the dev chain's 1-of-1 vault), ethers through
// tapchain-eth-rpc, and Polkadot.js.
//
// 1. A deposit naming a fresh EVM address mints exactly sats × 10^10 wei there (eth_getBalance);
//    the same proof again is refused by the pool, so it costs nothing.
// 2. A withdrawal from Solidity (the precompile, ethers) and one by extrinsic (Polkadot.js) are
//    batched, signed by the signer, broadcast by the relayer, mined, proven and Completed; the
//    regtest outputs hold exactly the amounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ethers } from 'ethers';
import { startNode } from '../lib/node.js';
import { startEthRpc } from '../lib/ethrpc.js';
import { connect, devKeys, sendAndFinalize, feePaid } from '../lib/chain.js';
import { startMockBitcoind, relayer, relayerBinary } from '../lib/bitcoind.js';
import { signer, signerBinary, sha256d, outputs } from '../lib/signer.js';
import {
  SAT, WEI_PER_SAT, ED, BRIDGE, BRIDGE_ABI, SEGWIT_ADDRESS, SEGWIT_SCRIPT, hex, unhex, p2pkh,
  depositTx as deposit, eventsSince, mineConfirmed, playMiner, until as untilMs, daemon as spawnDaemon,
} from '../lib/bridge.js';

let node;
let rpc;
let api;
let btc;
let keys;
let dir;
let provider;
let wallet; // a fresh EVM account, funded only by the deposit
let depositTx;
const depositStarted = {};
const report = {};
const cleanup = [];
const daemons = [];

after(async () => {
  if (api) await api.disconnect().catch(() => {});
  for (const f of cleanup.reverse()) await f();
  console.log(`# bridge e2e: ${JSON.stringify(report)}`);
});

/** The daemons' and the node's last log lines, for a failure. */
function logs() {
  const tails = daemons.map((d) => `--- ${d.logFile}:\n${d.logTail(30)}`).join('\n');
  return `${tails}\n--- node:\n${node.logTail(20)}`;
}

/** Polls `f` every second until it returns a truthy value; fails after `ms` with `what`. */
const until = (what, f, ms = 240_000) => untilMs(what, f, ms, logs);

/** Starts a long-running daemon, logging to `name`.log in the test directory. */
function daemon(bin, args, name) {
  const proc = spawnDaemon(bin, args, join(dir, `${name}.log`));
  cleanup.push(() => proc.stop());
  daemons.push(proc);
  return proc;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tapchain-bridge-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  node = await startNode(['--dev']);
  cleanup.push(() => node.stop());
  rpc = await startEthRpc(node);
  cleanup.push(() => rpc.stop());
  btc = await startMockBitcoind(['--regtest', '1']);
  cleanup.push(() => btc.stop());
  api = await connect(node.wsUrl);
  keys = devKeys();
  provider = new ethers.JsonRpcProvider(rpc.url, undefined, { cacheTimeout: -1 });
  wallet = ethers.Wallet.createRandom().connect(provider);

  // The light client starts at regtest's genesis (root: Alice, the dev sudo key).
  const init = await relayer(['--bitcoind-url', btc.url, '--node-url', node.wsUrl, '--signer', '//Alice',
    'run', '--init-height', '0', '--once', '--no-bridge']);
  assert.equal(init.code, 0, init.stderr);
  // Alice's signer with her dev BTC key; Charlie relays (and pays only for refused proofs).
  const key = join(dir, 'alice.key');
  assert.equal((await signer(['keygen', '--dev', '//Alice', '--out', key])).code, 0);
  daemon(signerBinary(), ['run', '--url', node.wsUrl, '--key', key, '--signer', '//Alice',
    '--vault-value-sat', '2100000000000000', '--state', join(dir, 'signer-state.json')], 'signer');
  daemon(relayerBinary(), ['--bitcoind-url', btc.url, '--node-url', node.wsUrl, '--signer', '//Charlie',
    'run', '--poll-interval', '1'], 'relayer');
});

test('1. a regtest deposit mints exactly its sats at a fresh EVM address, once', async () => {
  const scripts = (await api.call.btcBridgeApi.depositScripts()).toJSON();
  assert.equal(scripts.length, 1, 'the dev vault takes deposits');
  const vaultScript = unhex(scripts[0]);
  // Withdrawal fees fund the reserve on a live chain. Here a first deposit, to Alice's account
  // (a 32-byte OP_RETURN), gives her bridged BTC (a dev chain's genesis BTC is not backed, so
  // the bridge would refuse to burn it), and she funds the reserve with it, so that the reserve
  // pays the fresh account's existential deposit and the whole deposit is spendable.
  const aliceTx = deposit(vaultScript, 1_000_000n, Buffer.from(keys.alice.publicKey), 0x30);
  await mineConfirmed(btc, [aliceTx]);
  await until('the deposit to Alice to be credited', async () =>
    (await api.call.btcBridgeApi.depositStatus(hex(sha256d(aliceTx)))).isCredited);
  const fund = await sendAndFinalize(api, api.tx.btcBridge.fundReserve(10_000n * SAT), keys.alice);
  assert.equal(fund.dispatchError?.toString(), undefined);
  assert.equal((await api.call.btcBridgeApi.totals()).toJSON().feeReserve, 10_000);

  const sats = 50_000_000n; // 0.5 BTC
  depositTx = deposit(vaultScript, sats, unhex(wallet.address), 0x31);
  const from = (await api.rpc.chain.getHeader()).number.toNumber();
  const started = Date.now();
  Object.assign(depositStarted, { time: started, block: from, btc: (await btc.rpc('getblockchaininfo')).blocks });
  await mineConfirmed(btc, [depositTx]);
  const txid = sha256d(depositTx);
  await until('the deposit to be credited', async () =>
    (await api.call.btcBridgeApi.depositStatus(hex(txid))).isCredited);
  report.depositSeconds = Math.round((Date.now() - started) / 1000);

  const events = await eventsSince(api, from);
  const credited = events.filter(({ event }) => api.events.btcBridge.DepositCredited.is(event));
  assert.equal(credited.length, 1);
  const data = credited[0].event.data;
  assert.equal(data.sats.toBigInt(), sats);
  assert.equal(data.amount.toBigInt(), sats * SAT);
  const sponsored = events.filter(({ event }) => api.events.btcBridge.AccountSponsored.is(event));
  assert.equal(sponsored.length, 1);
  assert.equal(sponsored[0].event.data.amount.toBigInt(), ED);
  // eth_getBalance shows what is spendable: exactly the deposit.
  assert.equal(await provider.getBalance(wallet.address), sats * WEI_PER_SAT);
  // The proof charged the relayer nothing.
  const paid = events.filter(({ n, index, event }) => n === credited[0].n && index === credited[0].index
    && api.events.transactionPayment.TransactionFeePaid.is(event));
  assert.equal(paid.length, 1);
  assert.equal(paid[0].event.data.who.toString(), keys.charlie.address);
  assert.equal(paid[0].event.data.actualFee.toBigInt(), 0n);

  // The same proof again never reaches a block: the pool refuses it as stale, before any fee.
  const proof = unhex(await btc.rpc('gettxoutproof', [[Buffer.from(txid).reverse().toString('hex')]]));
  const before = (await api.query.system.account(keys.bob.address)).data.free.toBigInt();
  await assert.rejects(
    sendAndFinalize(api, api.tx.btcBridge.submitDeposit(hex(depositTx), hex(proof)), keys.bob),
    /outdated|stale|1010/i,
  );
  assert.equal((await api.query.system.account(keys.bob.address)).data.free.toBigInt(), before);
});

test('2. withdrawals from ethers and Polkadot.js are batched, signed, broadcast and completed', async () => {
  assert.ok(depositTx, 'the deposit landed');
  const bridge = new ethers.Contract(BRIDGE, BRIDGE_ABI, wallet);
  assert.match(await bridge.vaultAddress(), /^bcrt1p[02-9ac-hj-np-z]{58}$/);
  // From Solidity: 2,000,000 sat to the segwit address.
  const evmSats = 2_000_000n;
  const sent = await bridge.withdraw(SEGWIT_ADDRESS, { value: evmSats * WEI_PER_SAT });
  const receipt = await sent.wait();
  assert.equal(receipt.status, 1);
  const log = receipt.logs.map((l) => bridge.interface.parseLog(l)).find((l) => l?.name === 'WithdrawalRequested');
  assert.ok(log, 'WithdrawalRequested from the precompile');
  assert.equal(log.args.from, wallet.address);
  assert.equal(log.args.amountWei, evmSats * WEI_PER_SAT);
  assert.equal(log.args.btcAddress, SEGWIT_ADDRESS);
  const evmId = log.args.id;

  // By extrinsic: Bob, 1,000,000 sat to a P2PKH address.
  const legacy = p2pkh(createHash('sha256').update('bob').digest().subarray(0, 20));
  const subSats = 1_000_000n;
  const res = await sendAndFinalize(api,
    api.tx.btcBridge.withdraw(subSats * SAT, hex(Buffer.from(legacy.address))), keys.bob);
  assert.equal(res.dispatchError, undefined);
  const requested = res.events.find(({ event }) => api.events.btcBridge.WithdrawalRequested.is(event));
  assert.ok(requested);
  const subId = requested.event.data.id.toBigInt();
  assert.equal(requested.event.data.amount.toBigInt(), subSats);
  report.withdrawalFeeSat = requested.event.data.fee.toBigInt().toString();
  report.withdrawalTxFee = feePaid(api, res.events).toString();

  // The batches (one, or two if a BatchInterval boundary fell between the requests, or if the
  // coins left could not pay the second before the first's change confirmed): made within
  // BatchInterval blocks, signed by Alice's signer, broadcast by the relayer. The test is the
  // miner: whatever the relayer broadcast goes into the next block, and a block follows every
  // two Tapchain blocks while a batch waits for its confirmations.
  const ids = [evmId, subId];
  const { txids, seen } = await playMiner(btc, bridge, ids, { ms: 480_000, context: logs });
  for (const id of ids) {
    for (const code of [3, 5]) assert.ok(seen.get(id).has(code), `withdrawal ${id} went through status ${code}`);
  }
  report.batches = new Set(txids.values()).size;
  report.depositToCompletedSeconds = Math.round((Date.now() - depositStarted.time) / 1000);
  report.depositToCompletedTapchainBlocks = (await api.rpc.chain.getHeader()).number.toNumber() - depositStarted.block;
  report.depositToCompletedBitcoinBlocks = (await btc.rpc('getblockchaininfo')).blocks - depositStarted.btc;

  // Each regtest transaction pays exactly its request, and its change returns to the vault.
  const vaultScript = unhex((await api.call.btcBridgeApi.depositScripts()).toJSON()[0]);
  let change = 0n;
  const distinct = new Set();
  for (const [id, script, sats] of [[evmId, SEGWIT_SCRIPT, evmSats], [subId, legacy.script, subSats]]) {
    const txid = txids.get(id);
    const raw = unhex(await btc.rpc('getrawtransaction', [txid, false]));
    const outs = outputs(raw);
    assert.deepEqual(outs.filter((o) => o.script.equals(script)).map((o) => o.value), [sats]);
    assert.ok(outs.at(-1).script.equals(vaultScript), 'the change returns to the vault');
    for (const o of outs.slice(0, -1)) {
      assert.ok(o.script.equals(SEGWIT_SCRIPT) || o.script.equals(legacy.script), 'pays only requests');
    }
    if (!distinct.has(txid)) change += outs.at(-1).value;
    distinct.add(txid);
  }
  const info = (await api.call.btcBridgeApi.withdrawal(subId)).unwrap().toJSON();
  assert.equal(info.status, 'Completed');
  // The books, to the satoshi: the vault holds both deposits less the payments and the fees
  // the batches paid to miners (BatchCompleted's `fee`).
  const completed = (await eventsSince(api, depositStarted.block))
    .filter(({ event }) => api.events.btcBridge.BatchCompleted.is(event));
  assert.equal(completed.length, distinct.size);
  const minerFees = completed.reduce((sum, { event }) => sum + event.data.fee.toBigInt(), 0n);
  report.batchFeesSat = minerFees.toString();
  const totals = (await api.call.btcBridgeApi.totals()).toJSON();
  assert.equal(BigInt(totals.utxoTotal), 1_000_000n + 50_000_000n - evmSats - subSats - minerFees);
  assert.ok(change > 0n);
});
