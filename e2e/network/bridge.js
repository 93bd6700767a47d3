// The native BTC bridge on the 4-validator zombienet network (zombienet/validators.zndsl calls
// these steps through zombienet/scripts/bridge.js, in one process, so the daemons and
// connections made by one step serve the next). Every validator runs `tapchain-signer run`
// against its own node with its dev BTC key (the `local` chain's 3-of-4 vault); one
// `tapchain-relayer run` (//Ferdie) relays the bitcoind stand-in's regtest chain (e2e's
// mock-bitcoind, which answers Bitcoin Core's methods in Core's format: no real bitcoind can be
// installed here); ethers talks to the chain through tapchain-eth-rpc. The step is the miner:
// regtest blocks are made when the step says so.
//
//   start     the stand-in, the light client at regtest's genesis, 4 signers, the relayer and
//             tapchain-eth-rpc;
//   deposit   a deposit naming a fresh EVM address mints exactly sats × 10^10 wei there
//             (eth_getBalance), another names a fresh account (32 bytes); the same proof again
//             is refused by the pool and costs nothing;
//   withdraw  a withdrawal from Solidity (the precompile, ethers) and one by extrinsic
//             (Polkadot.js) are batched, signed by at least 3 of the 4 signers, broadcast,
//             mined, proven and Completed; the regtest outputs hold exactly the amounts;
//   faults    one signer stopped: a batch is still signed (by the other 3); two stopped: it
//             waits in Signing with nothing lost; both restarted: it completes;
//   bump      a batch's first version is never mined (the stand-in censors it); after
//             BumpAfter regtest blocks the relayer bumps it, and the bumped version is signed,
//             broadcast and completes;
//   eve       (after Eve joined the candidates) Eve registers her BTC key and runs a signer;
//   rotation  (after Eve validates) the new vault with Eve's key; the old sets sign the sweeps of
//             the old vaults' coins to it (the earlier network steps may have rotated the vault
//             already, when a stopped validator left the set); a deposit to an old address after
//             its sweep confirmed, within the grace period, is still credited.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ethers } from 'ethers';
import { Keyring } from '@polkadot/keyring';
import { startEthRpc } from '../lib/ethrpc.js';
import { connect, devKeys, sendAndFinalize, feePaid } from '../lib/chain.js';
import { startMockBitcoind, relayer, relayerBinary } from '../lib/bitcoind.js';
import { signer, signerBinary, sha256d, outputs } from '../lib/signer.js';
import {
  SAT, WEI_PER_SAT, ED, BRIDGE, BRIDGE_ABI, STATUS, SEGWIT_ADDRESS, SEGWIT_SCRIPT, MINER, hex,
  unhex, p2pkh, depositTx, eventsSince, mineConfirmed, playMiner, until as untilMs, daemon as spawnDaemon,
} from '../lib/bridge.js';

const SIGNERS = ['alice', 'bob', 'charlie', 'dave'];
const VAULT_VALUE_SAT = '2100000000000000';
const log = (msg) => console.log(`bridge: ${msg}`);

// What the steps share, in this process.
const s = {
  dir: null,
  net: null, // zombienet's networkInfo
  btc: null,
  api: null,
  keys: null,
  provider: null,
  bridge: null, // the precompile, as the fresh EVM wallet
  wallet: null,
  user: null, // a fresh sr25519 account, funded only by its deposit
  signers: new Map(), // name -> { proc, args }
  daemons: [],
  report: {},
};

function context() {
  const tails = s.daemons.map((d) => `--- ${d.logFile}:\n${d.logTail(25)}`).join('\n');
  return `${tails}\nreport so far: ${JSON.stringify(s.report)}`;
}

const until = (what, f, ms) => untilMs(what, f, ms, context);

/** Starts a daemon that logs to `<dir>/<name>.log`, its pid noted for test-network.sh's cleanup. */
function daemon(bin, args, name) {
  const proc = spawnDaemon(bin, args, join(s.dir, `${name}.log`));
  appendFileSync(join(s.dir, 'pids'), `${proc.proc.pid}\n`);
  s.daemons.push(proc);
  return proc;
}

const ws = (name) => s.net.nodesByName[name].wsUri;

/**
 * Starts `name`'s signer against its own node, with its dev BTC key (made the first time) and
 * its state file: a restart reuses both.
 */
async function startSigner(name) {
  const key = join(s.dir, `${name}.key`);
  const uri = `//${name[0].toUpperCase()}${name.slice(1)}`;
  if (!existsSync(key)) {
    const made = await signer(['keygen', '--dev', uri, '--out', key]);
    assert.equal(made.code, 0, made.stderr);
  }
  const proc = daemon(signerBinary(), ['run', '--url', ws(name), '--key', key, '--signer', uri,
    '--vault-value-sat', VAULT_VALUE_SAT, '--state', join(s.dir, `${name}-state.json`)], `signer-${name}`);
  s.signers.set(name, proc);
}

async function stopSigner(name) {
  await s.signers.get(name).stop();
  s.signers.delete(name);
  log(`${name}'s signer stopped`);
}

async function start(net) {
  s.net = net;
  s.dir = process.env.TAPCHAIN_BRIDGE_DIR || join(net.tmpDir, 'bridge');
  mkdirSync(s.dir, { recursive: true });
  s.btc = await startMockBitcoind(['--regtest', '1']);
  s.api = await connect(ws('alice'));
  s.keys = devKeys();
  // The light client starts at regtest's genesis (root: Alice, the local chain's sudo key).
  const init = await relayer(['--bitcoind-url', s.btc.url, '--node-url', ws('alice'), '--signer', '//Alice',
    'run', '--init-height', '0', '--once', '--no-bridge']);
  assert.equal(init.code, 0, init.stderr);
  for (const name of SIGNERS) await startSigner(name);
  daemon(relayerBinary(), ['--bitcoind-url', s.btc.url, '--node-url', ws('alice'), '--signer', '//Ferdie',
    'run', '--poll-interval', '1'], 'relayer');
  const rpc = await startEthRpc({ basePath: s.dir, wsUrl: ws('alice') });
  s.daemons.push(rpc);
  appendFileSync(join(s.dir, 'pids'), `${rpc.proc.pid}\n`);
  s.provider = new ethers.JsonRpcProvider(rpc.url, undefined, { cacheTimeout: -1 });
  s.wallet = ethers.Wallet.createRandom().connect(s.provider);
  s.bridge = new ethers.Contract(BRIDGE, BRIDGE_ABI, s.wallet);
  s.user = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(`//BridgeUser${Date.now()}`);
  assert.equal((await depositScripts()).length, 1, 'the local vault takes deposits');
  log(`started in ${s.dir}: stand-in ${s.btc.url}, eth-rpc ${rpc.url}, signers ${SIGNERS.join(', ')}`);
  return 1;
}

const best = async () => (await s.api.rpc.chain.getHeader()).number.toNumber();
const regtestHeight = async () => (await s.btc.rpc('getblockchaininfo')).blocks;
const free = async (who) => (await s.api.query.system.account(who)).data.free.toBigInt();
const credited = async (tx) => (await s.api.call.btcBridgeApi.depositStatus(hex(sha256d(tx)))).isCredited;
/** Whether the light client has the stand-in's tip: the miner waits for it before each block. */
const synced = async () => {
  const lc = await s.api.query.btcLightClient.bestBlock();
  return lc.isSome && lc.unwrap().height.toNumber() >= (await regtestHeight());
};
const totals = async () => (await s.api.call.btcBridgeApi.totals()).toJSON();
/** The scriptPubKeys deposits may pay, the current vault's first. */
const depositScripts = async () => (await s.api.call.btcBridgeApi.depositScripts()).toJSON().map(unhex);
const currentVaultScript = async () => (await depositScripts())[0];

async function deposit() {
  const vaultScript = await currentVaultScript();
  // Withdrawal fees fund the reserve on a live chain. Here Alice deposits to her account and
  // funds the reserve with that bridged BTC (genesis BTC is not backed, so the bridge would
  // refuse to burn it); the reserve then pays fresh accounts' existential deposit.
  const aliceTx = depositTx(vaultScript, 1_000_000n, Buffer.from(s.keys.alice.publicKey), 0x40);
  await mineConfirmed(s.btc, [aliceTx]);
  await until('the deposit to Alice to be credited', () => credited(aliceTx), 120_000);
  const fund = await sendAndFinalize(s.api, s.api.tx.btcBridge.fundReserve(20_000n * SAT), s.keys.alice);
  assert.equal(fund.dispatchError?.toString(), undefined);
  assert.equal((await totals()).feeReserve, 20_000);

  // Two deposits in one regtest block: 0.5 BTC to the fresh EVM wallet, 0.05 BTC to the fresh
  // account (a 32-byte OP_RETURN).
  const walletSats = 50_000_000n;
  const userSats = 5_000_000n;
  const walletTx = depositTx(vaultScript, walletSats, unhex(s.wallet.address), 0x41);
  const userTx = depositTx(vaultScript, userSats, Buffer.from(s.user.publicKey), 0x42);
  const from = (await best()) + 1; // this step's blocks only
  const started = Date.now();
  s.report.start = { time: started, block: from, btc: await regtestHeight() };
  await mineConfirmed(s.btc, [walletTx, userTx]);
  await until('both deposits to be credited', async () => (await credited(walletTx)) && credited(userTx), 180_000);
  s.report.depositSeconds = Math.round((Date.now() - started) / 1000);

  const events = await eventsSince(s.api, from);
  const credits = events.filter(({ event }) => s.api.events.btcBridge.DepositCredited.is(event));
  assert.deepEqual(credits.map(({ event }) => event.data.sats.toBigInt()).sort(), [userSats, walletSats].sort());
  for (const { event } of credits) assert.equal(event.data.amount.toBigInt(), event.data.sats.toBigInt() * SAT);
  const sponsored = events.filter(({ event }) => s.api.events.btcBridge.AccountSponsored.is(event));
  assert.equal(sponsored.length, 2, 'both fresh accounts got their existential deposit from the reserve');
  for (const { event } of sponsored) assert.equal(event.data.amount.toBigInt(), ED);
  // eth_getBalance shows what is spendable: exactly the deposit. The account holds the deposit
  // and the sponsored existential deposit.
  assert.equal(await s.provider.getBalance(s.wallet.address), walletSats * WEI_PER_SAT);
  assert.equal(await free(s.user.address), userSats * SAT + ED);
  // Every proof in those blocks cost the relayer nothing.
  for (const c of credits) {
    const paid = events.filter(({ n, index, event }) => n === c.n && index === c.index
      && s.api.events.transactionPayment.TransactionFeePaid.is(event));
    assert.equal(paid.length, 1);
    assert.equal(paid[0].event.data.actualFee.toBigInt(), 0n);
  }
  // The same proof again never reaches a block: the pool refuses it as stale, before any fee.
  const txid = Buffer.from(sha256d(walletTx)).reverse().toString('hex');
  const proof = unhex(await s.btc.rpc('gettxoutproof', [[txid]]));
  const before = await free(s.keys.bob.address);
  await assert.rejects(
    sendAndFinalize(s.api, s.api.tx.btcBridge.submitDeposit(hex(walletTx), hex(proof)), s.keys.bob),
    /outdated|stale|1010/i,
  );
  assert.equal(await free(s.keys.bob.address), before);
  log(`deposits credited in ${s.report.depositSeconds} s`);
  return 1;
}

/** The distinct accounts (public keys, hex) whose `thresholdSigner.Signed` events since `from` sign `round`. */
async function signersOf(round, from) {
  const who = new Set();
  for (const { event } of await eventsSince(s.api, from)) {
    if (s.api.events.thresholdSigner.Signed.is(event) && event.data.id.toNumber() === round) {
      who.add(event.data.signer.toHex());
    }
  }
  return who;
}

/** The rounds of the batch that holds withdrawal `id`, oldest version first. */
async function roundsOf(id) {
  const info = (await s.api.call.btcBridgeApi.withdrawal(id)).unwrap();
  const batch = (await s.api.query.btcBridge.batches(info.batch.unwrap())).unwrap();
  return batch.versions.map((v) => v.round.toNumber());
}

/** A withdrawal of `sats` by the fresh account to `address`; returns its id and fee (sat). */
async function withdrawByExtrinsic(sats, address) {
  const res = await sendAndFinalize(s.api, s.api.tx.btcBridge.withdraw(sats * SAT, hex(Buffer.from(address))), s.user);
  assert.equal(res.dispatchError?.toString(), undefined);
  const requested = res.events.find(({ event }) => s.api.events.btcBridge.WithdrawalRequested.is(event));
  assert.ok(requested, 'WithdrawalRequested');
  assert.equal(requested.event.data.amount.toBigInt(), sats);
  return { id: requested.event.data.id.toBigInt(), fee: requested.event.data.fee.toBigInt(), txFee: feePaid(s.api, res.events) };
}

/** Checks that the regtest transaction `txid` pays `sats` to `script` and its change to the vault. */
async function checkPays(txid, script, sats, vaultScript) {
  const outs = outputs(unhex(await s.btc.rpc('getrawtransaction', [txid, false])));
  assert.deepEqual(outs.filter((o) => o.script.equals(script)).map((o) => o.value), [sats]);
  assert.ok(outs.at(-1).script.equals(vaultScript), 'the change returns to the vault');
  return outs;
}

async function withdraw() {
  const vaultScript = await currentVaultScript();
  const from = (await best()) + 1; // this step's blocks only
  const booksBefore = await totals();
  // From Solidity: 2,000,000 sat to the segwit address.
  const evmSats = 2_000_000n;
  const fee = await s.bridge.withdrawalFee(evmSats * WEI_PER_SAT);
  assert.ok(fee > 0n && fee % WEI_PER_SAT === 0n, `withdrawalFee ${fee} is whole satoshis`);
  const sent = await s.bridge.withdraw(SEGWIT_ADDRESS, { value: evmSats * WEI_PER_SAT });
  const receipt = await sent.wait();
  assert.equal(receipt.status, 1);
  const ev = receipt.logs.map((l) => s.bridge.interface.parseLog(l)).find((l) => l?.name === 'WithdrawalRequested');
  assert.ok(ev, 'WithdrawalRequested from the precompile');
  assert.equal(ev.args.from, s.wallet.address);
  assert.equal(ev.args.amountWei, evmSats * WEI_PER_SAT);
  const evmId = ev.args.id;
  // By extrinsic: 1,000,000 sat to a P2PKH address.
  const legacy = p2pkh(createHash('sha256').update('network-user').digest().subarray(0, 20));
  const subSats = 1_000_000n;
  const sub = await withdrawByExtrinsic(subSats, legacy.address);
  s.report.withdrawalFeeSat = sub.fee.toString();
  s.report.withdrawalTxFee = sub.txFee.toString();

  const ids = [evmId, sub.id];
  const { txids, seen } = await playMiner(s.btc, s.bridge, ids, { ms: 600_000, context, synced });
  for (const id of ids) {
    for (const code of [STATUS.signed, STATUS.completed]) assert.ok(seen.get(id).has(code), `withdrawal ${id} went through ${code}`);
    for (const round of await roundsOf(id)) {
      const who = await signersOf(round, from);
      assert.ok(who.size >= 3, `round ${round} signed by ${who.size} of 4`);
    }
  }
  const start = s.report.start;
  s.report.depositToCompletedSeconds = Math.round((Date.now() - start.time) / 1000);
  s.report.depositToCompletedTapchainBlocks = (await best()) - start.block;
  s.report.depositToCompletedBitcoinBlocks = (await regtestHeight()) - start.btc;

  const distinct = new Set(txids.values());
  for (const [id, script, sats] of [[evmId, SEGWIT_SCRIPT, evmSats], [sub.id, legacy.script, subSats]]) {
    const outs = await checkPays(txids.get(id), script, sats, vaultScript);
    for (const o of outs.slice(0, -1)) {
      assert.ok(o.script.equals(SEGWIT_SCRIPT) || o.script.equals(legacy.script), 'pays only requests');
    }
  }
  // The books, to the satoshi: the vault holds what it held less the payments and the fees
  // the batches paid to miners (BatchCompleted's `fee`).
  const completed = (await eventsSince(s.api, from)).filter(({ event }) => s.api.events.btcBridge.BatchCompleted.is(event));
  assert.equal(completed.length, distinct.size);
  const minerFees = completed.reduce((sum, { event }) => sum + event.data.fee.toBigInt(), 0n);
  assert.equal(BigInt((await totals()).utxoTotal), BigInt(booksBefore.utxoTotal) - evmSats - subSats - minerFees);
  s.report.batchFeesSat = minerFees.toString();
  log(`withdrawals completed: ${JSON.stringify(s.report)}`);
  return 1;
}

async function faults() {
  const vaultScript = await currentVaultScript();
  // One signer stopped: the other three still sign.
  await stopSigner('dave');
  let from = await best();
  const one = p2pkh(Buffer.alloc(20, 0x51));
  const w1 = await withdrawByExtrinsic(300_000n, one.address);
  const done1 = await playMiner(s.btc, s.bridge, [w1.id], { ms: 480_000, context, synced });
  await checkPays(done1.txids.get(w1.id), one.script, 300_000n, vaultScript);
  const [round1] = await roundsOf(w1.id);
  const signed1 = await signersOf(round1, from);
  assert.equal(signed1.size, 3, 'three signers signed');
  assert.ok(!signed1.has(devAddress('//Dave')), 'not the stopped one');
  log('with one signer stopped the batch was signed by the other three and completed');

  // Two stopped: the batch waits in Signing, and nothing is lost.
  await stopSigner('charlie');
  from = (await best()) + 1;
  const two = p2pkh(Buffer.alloc(20, 0x52));
  const w2 = await withdrawByExtrinsic(400_000n, two.address);
  await playMiner(s.btc, s.bridge, [w2.id], { want: STATUS.signing, ms: 180_000, context, mine: false, synced });
  const books = await totals();
  const userFree = await free(s.user.address);
  const info = (await s.api.call.btcBridgeApi.withdrawal(w2.id)).unwrap().toJSON();
  const waitFrom = await best();
  await until('ten more Tapchain blocks', async () => (await best()) >= waitFrom + 10, 180_000);
  const [code] = await s.bridge.withdrawalStatus(w2.id);
  assert.equal(Number(code), STATUS.signing, 'still Signing');
  const [round2] = await roundsOf(w2.id);
  assert.ok((await signersOf(round2, from)).size <= 2, 'two signatures are not a threshold');
  assert.deepEqual(await totals(), books, 'the books did not move');
  assert.equal(await free(s.user.address), userFree);
  assert.deepEqual((await s.api.call.btcBridgeApi.withdrawal(w2.id)).unwrap().toJSON(), info);
  log('with two signers stopped the batch waited in Signing; restarting them');

  // Both restarted on their state files: the round completes and the batch with it.
  await startSigner('charlie');
  await startSigner('dave');
  const done2 = await playMiner(s.btc, s.bridge, [w2.id], { ms: 480_000, context, synced });
  await checkPays(done2.txids.get(w2.id), two.script, 400_000n, vaultScript);
  assert.ok((await signersOf(round2, from)).size >= 3);
  log('after the restart the waiting batch completed');
  return 1;
}

async function bump() {
  const from = (await best()) + 1; // this step's blocks only
  const to = p2pkh(Buffer.alloc(20, 0x53));
  const w = await withdrawByExtrinsic(500_000n, to.address);
  // Signed, and censored before any block could hold it.
  const { txids } = await playMiner(s.btc, s.bridge, [w.id], { want: STATUS.signed, ms: 300_000, context, mine: false, synced });
  const first = txids.get(w.id);
  await s.btc.rpc('mock_censor', [first]);
  const [firstRound] = await roundsOf(w.id);
  log(`batch version ${first} censored; mining until the relayer bumps it`);
  // Blocks without it: after BumpAfter of them the relayer calls bump_fee, the signers sign the
  // new version, the relayer broadcasts it (it replaces the first in the mempool, BIP-125).
  const done = await playMiner(s.btc, s.bridge, [w.id], { ms: 600_000, context, synced });
  const final = done.txids.get(w.id);
  assert.notEqual(final, first, 'the bumped version completed');
  const events = await eventsSince(s.api, from);
  const batchId = (await s.api.call.btcBridgeApi.withdrawal(w.id)).unwrap().batch.unwrap().toNumber();
  const ofBatch = (kind) => events.filter(({ event }) => kind.is(event) && event.data.id.toNumber() === batchId);
  const bumped = ofBatch(s.api.events.btcBridge.FeeBumped);
  assert.equal(bumped.length, 1);
  const created = events.find(({ event }) => s.api.events.btcBridge.BatchCreated.is(event)
    && event.data.round.toNumber() === firstRound);
  assert.ok(bumped[0].event.data.fee.toBigInt() > created.event.data.fee.toBigInt(), 'a higher fee');
  const [completedEv] = ofBatch(s.api.events.btcBridge.BatchCompleted);
  assert.equal(Buffer.from(completedEv.event.data.txid).reverse().toString('hex'), final);
  assert.equal(completedEv.event.data.fee.toBigInt(), bumped[0].event.data.fee.toBigInt());
  const outs = outputs(unhex(await s.btc.rpc('getrawtransaction', [final, false])));
  assert.deepEqual(outs.filter((o) => o.script.equals(to.script)).map((o) => o.value), [500_000n]);
  // The first version is in no block (the stand-in knows only mined and mempool transactions).
  const pool = await s.btc.rpc('getrawmempool');
  assert.ok(!pool.includes(first), 'the replaced version left the mempool');
  s.report.bump = { firstFee: created.event.data.fee.toString(), bumpedFee: bumped[0].event.data.fee.toString() };
  log(`bumped and completed: ${JSON.stringify(s.report.bump)}`);
  return 1;
}

async function eve() {
  // What the rotation step checks against: the coins as they are now (every one in a vault of
  // the genesis validators), those vaults' members and thresholds, and the block to read from.
  s.rotation = { from: (await best()) + 1, books: await totals(), vaults: new Map() };
  for (const [, utxo] of (await s.api.call.btcBridgeApi.utxos()).toJSON()) {
    const id = utxo.vault;
    if (s.rotation.vaults.has(id)) continue;
    const v = (await s.api.query.thresholdSigner.vaults(id)).unwrap();
    s.rotation.vaults.set(id, { threshold: v.threshold.toNumber(), members: v.members.map(([a]) => a.toHex()) });
  }
  const key = join(s.dir, 'eve.key');
  assert.equal((await signer(['keygen', '--dev', '//Eve', '--out', key])).code, 0);
  const reg = await signer(['--url', ws('eve'), 'register', '--key', key, '--signer', '//Eve']);
  assert.equal(reg.code, 0, reg.stderr);
  assert.match(reg.stdout, /KeyRegistered/);
  await startSigner('eve');
  log(`Eve's BTC key registered, her signer running; coins in vaults ${[...s.rotation.vaults.keys()].join(', ')}`);
  return 1;
}

async function rotation() {
  assert.ok(s.rotation, 'the bridge step "eve" ran');
  const { from, books, vaults } = s.rotation;
  // A signer that exited (its node was killed by the earlier steps) is started again; the
  // others reconnect by themselves.
  for (const [name, proc] of s.signers) {
    if (proc.exited) {
      s.signers.delete(name);
      await startSigner(name);
    }
  }
  const eveKey = devAddress('//Eve');
  const current = await until("a vault with Eve's key", async () => {
    const id = (await s.api.query.thresholdSigner.currentVault()).unwrap().toNumber();
    const v = (await s.api.query.thresholdSigner.vaults(id)).unwrap();
    return v.members.some(([a]) => a.toHex() === eveKey) ? { id, v } : null;
  }, 600_000);
  log(`vault ${current.id}: ${current.v.members.length} signers, threshold ${current.v.threshold}`);
  // The sweeps: batches of kind Sweep spending the old vaults' coins to the new one, signed by
  // the old sets, broadcast, mined and proven, until every coin is in the current vault.
  await until('every coin to be swept into the current vault', async () => {
    const utxos = (await s.api.call.btcBridgeApi.utxos()).toJSON();
    const inFlight = (await s.api.query.btcBridge.sweepInFlight()).isSome;
    if (!inFlight && utxos.length > 0 && utxos.every(([, u]) => u.vault === current.id)) return true;
    if (await synced()) await s.btc.rpc('generatetoaddress', [1, MINER]);
    return false;
  }, 900_000);
  const events = await eventsSince(s.api, from);
  const sweeps = [];
  for (const { event } of events.filter(({ event }) => s.api.events.btcBridge.BatchCompleted.is(event))) {
    const batch = (await s.api.query.btcBridge.batches(event.data.id)).unwrap();
    assert.ok(batch.kind.isSweep, 'only sweeps since the rotation');
    sweeps.push({ batch, txid: Buffer.from(event.data.txid).reverse().toString('hex'), fee: event.data.fee.toBigInt() });
  }
  assert.ok(sweeps.length >= 1, 'the old coins were swept');
  const scripts = await depositScripts();
  const newScript = scripts[0];
  const oldMembers = new Set([...vaults.values()].flatMap((v) => v.members));
  const minThreshold = Math.min(...[...vaults.values()].map((v) => v.threshold));
  for (const sweep of sweeps) {
    const outs = outputs(unhex(await s.btc.rpc('getrawtransaction', [sweep.txid, false])));
    assert.equal(outs.length, 1, 'a sweep has one output');
    assert.ok(scripts.some((x) => x.equals(outs[0].script)), 'to a vault');
    for (const round of sweep.batch.versions.map((v) => v.round.toNumber())) {
      const signed = await signersOf(round, from);
      if (signed.size === 0) continue; // a version never signed (a bump's predecessor)
      assert.ok(signed.size >= minThreshold, `the old set signed sweep round ${round} (${signed.size})`);
      for (const who of signed) assert.ok(oldMembers.has(who), 'only old members sign it');
    }
  }
  // Everything moved, less the sweeps' fees, to the satoshi.
  const fees = sweeps.reduce((sum, x) => sum + x.fee, 0n);
  assert.equal(BigInt((await totals()).utxoTotal), BigInt(books.utxoTotal) - fees);
  s.report.sweeps = { count: sweeps.length, feesSat: fees.toString() };

  // A deposit to an old address after its sweep confirmed, within the grace period.
  const old = scripts.find((x) => !x.equals(newScript));
  assert.ok(old, 'an old vault still takes deposits');
  const sats = 700_000n;
  const before = await s.provider.getBalance(s.wallet.address);
  const late = depositTx(old, sats, unhex(s.wallet.address), 0x43);
  await mineConfirmed(s.btc, [late]);
  await until('the deposit to the old vault to be credited', () => credited(late), 180_000);
  assert.equal(await s.provider.getBalance(s.wallet.address), before + sats * WEI_PER_SAT);
  log('every coin swept by the old set; a deposit to the old vault in the grace period was credited');
  console.log(`# bridge network e2e: ${JSON.stringify(s.report)}`);
  return 1;
}

/** The public key (hex) of a dev account. */
function devAddress(uri) {
  return hex(new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(uri).publicKey);
}

const STEPS = { start, deposit, withdraw, faults, bump, eve, rotation };

/** Runs one step; resolves 1 when its checks pass, and throws (with the daemons' logs) when not. */
export async function step(name, net) {
  const f = STEPS[name];
  if (!f) throw new Error(`no bridge step ${name}; steps: ${Object.keys(STEPS).join(', ')}`);
  if (name !== 'start' && !s.api) throw new Error('the bridge step "start" has not run');
  log(`step ${name}`);
  return f(net);
}
