// tapchain-signer against a dev node: a key made with `keygen`, registered for Alice with
// `register`, joins the vault at the next session; `run --once` signs a governance round that
// spends the vault, and the runtime assembles the witness. A round whose fee is above the
// signer's cap, or whose amount is above its rolling limit, stays open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNode, sleep } from '../lib/node.js';
import { connect, devKeys, sendAndFinalize, waitForFinalized } from '../lib/chain.js';
import { signer, unsignedTx, witnesses, sha256d, p2wpkh } from '../lib/signer.js';

let node;
let api;
let keys;
let dir;
let keyFile;
let key; // the signer key, hex without 0x
let vault; // the current vault's details (JSON), once it holds the key

const cleanup = [];
after(async () => {
  if (api) await api.disconnect().catch(() => {});
  for (const f of cleanup.reverse()) await f();
});

before(async () => {
  node = await startNode(['--dev']);
  cleanup.push(() => node.stop());
  dir = mkdtempSync(join(tmpdir(), 'tapchain-signer-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  keyFile = join(dir, 'signer.key');
  try {
    api = await connect(node.wsUrl);
    keys = devKeys();
    await waitForFinalized(api, 1);
  } catch (e) {
    console.error(node.logTail());
    throw e;
  }
});

/** The field `snake` (e.g. `multi_a_leaf`) of a Polkadot.js JSON object, whatever its casing. */
function field(obj, snake) {
  const want = snake.replace(/_/g, '').toLowerCase();
  const k = Object.keys(obj).find((name) => name.toLowerCase() === want);
  assert.ok(k !== undefined, `no field ${snake} in ${Object.keys(obj)}`);
  return obj[k];
}

const hex = (h) => String(h).replace(/^0x/, '');
const common = () => ['--url', node.wsUrl];

/** Opens a governance round spending one made-up output of `vault` (sudo, finalized); returns its id. */
async function openRound({ value, pay, change, tag }) {
  const spk = Buffer.from(hex(field(vault, 'script_pubkey')), 'hex');
  const vaultId = field(vault, 'id');
  const payTo = p2wpkh(tag);
  const outputs = [{ value: pay, script: payTo }];
  if (change > 0) outputs.push({ value: change, script: spk });
  const tx = unsignedTx([{ txid: Buffer.alloc(32, tag), vout: 1 }], outputs);
  const call = api.tx.thresholdSigner.openRound(
    `0x${tx.toString('hex')}`,
    [{ vault: vaultId, prevout: { value, scriptPubkey: `0x${spk.toString('hex')}` } }],
    tag,
    [{ value: pay, scriptPubkey: `0x${payTo.toString('hex')}` }],
    change > 0 ? vaultId : null,
  );
  const { events, dispatchError } = await sendAndFinalize(api, api.tx.sudo.sudo(call), keys.alice);
  assert.equal(dispatchError, undefined);
  const sudid = events.find(({ event }) => api.events.sudo.Sudid.is(event));
  assert.ok(sudid.event.data.sudoResult.isOk, `openRound failed: ${sudid.event.data.sudoResult.toString()}`);
  const opened = events.find(({ event }) => api.events.thresholdSigner.RoundOpened.is(event));
  assert.ok(opened, 'RoundOpened event');
  return { id: opened.event.data.id.toNumber(), tx };
}

async function roundDetails(id) {
  const r = await api.call.thresholdSignerApi.round(id);
  assert.ok(r.isSome, `round ${id} exists`);
  return r.unwrap().toJSON();
}

test('keygen makes an owner-only key file and prints only its public key', async () => {
  const out = await signer(['keygen', '--out', keyFile]);
  assert.equal(out.code, 0, out.stderr);
  assert.match(out.stdout, /^[0-9a-f]{64}\n$/);
  key = out.stdout.trim();
  assert.equal(statSync(keyFile).mode & 0o777, 0o600);
  // Nothing secret on either stream.
  const secret = readFileSync(keyFile, 'utf8').trim();
  assert.ok(!out.stdout.includes(secret) && !out.stderr.includes(secret));
  // It never overwrites a key.
  const again = await signer(['keygen', '--out', keyFile]);
  assert.notEqual(again.code, 0);
  assert.match(again.stderr, /refusing to overwrite/);
  // The dev chain's genesis signer is Alice with her well-known dev key.
  const dev = await signer(['keygen', '--dev', '//Alice', '--out', join(dir, 'alice-dev.key')]);
  assert.equal(dev.code, 0, dev.stderr);
  assert.match(dev.stderr, /never use it for real coins/);
  const genesis = (await api.call.thresholdSignerApi.currentVault()).unwrap().toJSON();
  assert.deepEqual(field(genesis, 'members').map(([, k]) => hex(k)), [dev.stdout.trim()]);
  for (const sub of [[], ['keygen'], ['register'], ['run']]) {
    const help = await signer([...sub, '--help']);
    assert.equal(help.code, 0, `${sub} --help: ${help.stderr}`);
  }
  const help = await signer(['run', '--help']);
  assert.match(help.stdout, /does not take it from the chain on purpose/i);
});

test('register proves possession of the key for Alice, with clear errors', async () => {
  const reg = await signer([...common(), 'register', '--key', keyFile, '--signer', '//Alice']);
  assert.equal(reg.code, 0, reg.stderr);
  assert.match(reg.stdout, new RegExp(`KeyRegistered \\{ who: ${keys.alice.address}, key: ${key}, replaced: (none|[0-9a-f]{64}) \\}`));
  const stored = await api.query.thresholdSigner.keys(keys.alice.address);
  assert.equal(hex(stored.unwrap().toHex()), key);

  // The same key again.
  const same = await signer([...common(), 'register', '--key', keyFile, '--signer', '//Alice']);
  assert.notEqual(same.code, 0);
  assert.match(same.stderr, /ThresholdSigner\.KeyUnchanged/);
  // Bob has no session keys on the dev chain.
  const bobKey = join(dir, 'bob.key');
  assert.equal((await signer(['keygen', '--out', bobKey])).code, 0);
  const bob = await signer([...common(), 'register', '--key', bobKey, '--signer', '//Bob']);
  assert.notEqual(bob.code, 0);
  assert.match(bob.stderr, /ThresholdSigner\.NotValidator: .*register session keys first/);
});

test('the key joins the vault at the next session', async () => {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const v = await api.call.thresholdSignerApi.currentVault();
    if (v.isSome) {
      const json = v.unwrap().toJSON();
      const members = field(json, 'members');
      if (members.some(([, k]) => hex(k) === key)) {
        vault = json;
        break;
      }
    }
    await sleep(2000);
  }
  assert.ok(vault, 'no vault with the registered key within 180 s');
  const members = field(vault, 'members');
  assert.equal(members.length, 1);
  assert.equal(field(vault, 'threshold'), 1);
  // The vault must be final before a round on it is: the daemon reads both there.
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  await waitForFinalized(api, best);
  console.log(`# vault ${field(vault, 'id')}: ${hex(field(vault, 'script_pubkey'))}`);
});

test('run --once signs a round of the vault and the runtime completes it', async () => {
  assert.ok(vault, 'the vault holds the key');
  // 100 000 sat in, 60 000 paid, 39 000 change: a 1 000 sat fee.
  const { id, tx } = await openRound({ value: 100_000, pay: 60_000, change: 39_000, tag: 0x11 });
  assert.equal(field(await roundDetails(id), 'status'), 'Open');
  const from = (await api.rpc.chain.getHeader()).number.toNumber();

  const run = await signer([...common(), 'run', '--key', keyFile, '--signer', '//Alice',
    '--vault-value-sat', '10000000', '--state', join(dir, 'state.json'), '--once']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, new RegExp(`signing round ${id} \\(governce ${0x11}\\): inputs \\[0\\]; pays 60000 sat, change 39000 sat, fee 1000 sat`));
  assert.match(run.stderr, new RegExp(`round ${id} complete: txid [0-9a-f]{64}`));
  for (const line of run.stderr.split('\n').filter((l) => /signing round|complete: txid/.test(l))) console.log(`# ${line}`);

  const details = await roundDetails(id);
  assert.equal(field(details, 'status'), 'Complete');
  const signedBy = field(details, 'signed_by');
  assert.deepEqual(signedBy, [keys.alice.address]);

  // RoundCompleted, with the txid of the unsigned transaction (witnesses do not change it).
  const to = (await api.rpc.chain.getHeader()).number.toNumber();
  let completed = null;
  for (let n = from; n <= to && !completed; n++) {
    const events = await (await api.at(await api.rpc.chain.getBlockHash(n))).query.system.events();
    const ev = events.find(({ event }) => api.events.thresholdSigner.RoundCompleted.is(event)
      && event.data.id.toNumber() === id);
    if (ev) completed = ev.event.data;
  }
  assert.ok(completed, `no RoundCompleted for round ${id} in #${from}..#${to}`);
  assert.equal(hex(completed.txid.toHex()), sha256d(tx).toString('hex'));
  const display = Buffer.from(sha256d(tx)).reverse().toString('hex');
  assert.ok(run.stderr.includes(`txid ${display}`), run.stderr);

  // The witness: Alice's signature, the vault's multi_a leaf, its control block.
  const signed = Buffer.from(hex(field(details, 'signed_tx')), 'hex');
  const [stack] = witnesses(signed);
  assert.equal(stack.length, 3);
  assert.equal(stack[0].length, 64);
  assert.equal(stack[1].toString('hex'), hex(field(vault, 'multi_a_leaf')));
  assert.equal(stack[2].toString('hex'), hex(field(vault, 'multi_a_control_block')));
  console.log(`# round ${id}: signed tx ${signed.length} bytes, txid ${display}`);

  // A second pass finds nothing to do.
  const again = await signer([...common(), 'run', '--key', keyFile, '--signer', '//Alice',
    '--vault-value-sat', '10000000', '--state', join(dir, 'state.json'), '--once']);
  assert.equal(again.code, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /signing round/);
});

test('a round above the fee cap or the spend limit stays open', async () => {
  assert.ok(vault, 'the vault holds the key');
  // 100 000 sat in, 60 000 paid, 35 000 change: a 5 000 sat fee.
  const { id } = await openRound({ value: 100_000, pay: 60_000, change: 35_000, tag: 0x22 });
  const args = ['run', '--key', keyFile, '--signer', '//Alice', '--state', join(dir, 'limit.json'), '--once'];

  const capped = await signer([...common(), ...args, '--vault-value-sat', '10000000', '--max-fee-sat', '1000']);
  assert.equal(capped.code, 0, capped.stderr);
  assert.match(capped.stderr, new RegExp(`refusing round ${id} \\(governce ${0x22}\\): the fee is 5000 sat, above this signer's cap of 1000 sat`));
  assert.doesNotMatch(capped.stderr, /signing round/);
  for (const line of capped.stderr.split('\n').filter((l) => l.includes('refusing round'))) console.log(`# ${line}`);
  let details = await roundDetails(id);
  assert.equal(field(details, 'status'), 'Open');
  assert.deepEqual(field(details, 'signed_by'), []);

  // 10 % of 500 000 sat is 50 000: the round takes 65 000 (payment and fee).
  const limited = await signer([...common(), ...args, '--vault-value-sat', '500000']);
  assert.equal(limited.code, 0, limited.stderr);
  assert.match(limited.stderr, new RegExp(`refusing round ${id} .*: signing 65000 sat would take 65000 sat out of the vault in 86400 s, above the limit of 50000 sat`));
  details = await roundDetails(id);
  assert.equal(field(details, 'status'), 'Open');
  assert.deepEqual(field(details, 'signed_by'), []);
});
