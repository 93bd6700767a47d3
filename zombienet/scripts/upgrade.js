// A runtime upgrade of the live 4-validator network through governance, by args[0]:
//   refused  a council motion carrying governance.dispatchAsRoot(system.setCode(<the upgrade
//            runtime>)) with one aye fewer than 2/3 of the seats: it closes, and its dispatch
//            fails with BadOrigin; the code and spec_version are unchanged. 1 if so.
//   upgrade  the same motion with ⌈2n/3⌉ ayes: it closes, setCode runs as Root
//            (governance.Dispatched Ok, system.CodeUpdated), the next block runs spec_version + 1,
//            blocks keep being authored and finalized past it, Aura's slot duration is the same,
//            and a transaction signed for the new version lands. Prints the time from the close
//            to the first block of the new runtime, and the finality lag meanwhile. 1 if so.
// The upgrade runtime is the `upgrade-test` build of this source (scripts/build-upgrade-runtime.sh),
// at $TAPCHAIN_UPGRADE_WASM.
const fs = require("fs");
const { poll, connect, heads, submit } = require("./lib.js");

const VALIDATORS = ["//Alice", "//Bob", "//Charlie", "//Dave"];

/** The event `section.method` among `events`, or undefined. */
function find(events, section, method) {
  return events.map((r) => r.event).find((e) => e.section === section && e.method === method);
}

async function slotDuration(api, hash) {
  const raw = await api.rpc.state.call("AuraApi_slot_duration", "0x", hash);
  return api.createType("u64", raw).toNumber();
}

/**
 * Proposes the setCode root motion, `ayes` of the validators vote aye, Alice closes it.
 * Returns the close's block hash and events.
 */
async function motion(api, keyring, code, ayes, threshold) {
  const motion = api.tx.governance.dispatchAsRoot(api.tx.system.setCode(code));
  const len = motion.method.encodedLength;
  const alice = keyring.addFromUri("//Alice");
  const proposed = await submit(
    api,
    api.tx.council.propose(threshold, motion, len),
    alice,
    `council.propose (${len} bytes, threshold ${threshold})`,
  );
  const p = find(proposed.events, "council", "Proposed");
  const index = p.data.proposalIndex ?? p.data[1];
  const hash = p.data.proposalHash ?? p.data[2];
  console.log(`upgrade.js: motion #${index} ${hash.toHex()} proposed`);
  await Promise.all(
    VALIDATORS.slice(0, ayes).map((uri) =>
      submit(api, api.tx.council.vote(hash, index, true), keyring.addFromUri(uri), `vote ${uri}`),
    ),
  );
  const weight = (await api.call.transactionPaymentCallApi.queryCallInfo(motion.method, len)).weight;
  console.log(`upgrade.js: ${ayes} ayes in; closing (weight bound ${weight.refTime.toString()})`);
  return submit(api, api.tx.council.close(hash, index, weight, len), alice, "council.close");
}

async function run(nodeName, networkInfo, args) {
  const mode = args[0];
  const path = process.env.TAPCHAIN_UPGRADE_WASM;
  if (!path || !fs.existsSync(path)) throw new Error(`upgrade.js: no upgrade runtime at ${path}`);
  const code = "0x" + fs.readFileSync(path).toString("hex");
  const api = await connect(nodeName, networkInfo);
  try {
    const keyring = new zombie.Keyring({ type: "sr25519" });
    // The step before stops Eve, and the set that leaves her out may not have taken effect yet.
    // Wait until the council is only the four running validators, so that no session change
    // can shrink the seats while a motion is open (3 ayes of 5 refused could become 3 of 4).
    const running = VALIDATORS.map((uri) => keyring.addFromUri(uri).address);
    const settled = await poll(200, async () => {
      const m = (await api.query.council.members()).map((a) => a.toString());
      return m.length > 0 && m.every((a) => running.includes(a));
    }, 3_000);
    if (!settled) throw new Error("upgrade.js: the council never became the four running validators");
    const members = (await api.query.council.members()).length;
    const need = Math.ceil((2 * members) / 3);
    const before = await api.rpc.state.getRuntimeVersion();
    console.log(`upgrade.js: council of ${members}, Root needs ${need} ayes; spec_version ${before.specVersion}`);
    if (need > VALIDATORS.length) throw new Error(`upgrade.js: ${need} ayes needed, 4 validators run`);

    if (mode === "refused") {
      const closed = await motion(api, keyring, code, need - 1, need - 1);
      const executed = find(closed.events, "council", "Executed");
      const result = executed && executed.data.result;
      const badOrigin = result && result.isErr && result.asErr.isBadOrigin;
      const dispatched = find(closed.events, "governance", "Dispatched");
      const after = await api.rpc.state.getRuntimeVersion(closed.blockHash);
      console.log(`upgrade.js: ${need - 1} ayes: executed ${result}, dispatched ${!!dispatched}, spec_version ${after.specVersion}`);
      return badOrigin && !dispatched && after.specVersion.eq(before.specVersion) ? 1 : 0;
    }

    if (mode === "upgrade") {
      const slotBefore = await slotDuration(api, (await api.rpc.chain.getBlockHash()).toHex());
      const t0 = Date.now();
      const closed = await motion(api, keyring, code, need, need);
      const dispatched = find(closed.events, "governance", "Dispatched");
      const updated = find(closed.events, "system", "CodeUpdated");
      const okDispatch = dispatched && dispatched.data.result.isOk;
      const closeHeader = await api.rpc.chain.getHeader(closed.blockHash);
      const closeNumber = closeHeader.number.toNumber();
      const tClose = Date.now();
      console.log(`upgrade.js: closed in #${closeNumber} (${(tClose - t0) / 1000} s after propose): dispatched ${dispatched && dispatched.data.result}, CodeUpdated ${!!updated}`);
      if (!okDispatch || !updated) return 0;

      // The first block executed by the new code is the one after the close's.
      let maxLag = 0;
      let first = null;
      await poll(180, async () => {
        const h = await heads(api);
        maxLag = Math.max(maxLag, h.best - h.finalized);
        if (h.best <= closeNumber) return false;
        const hash = await api.rpc.chain.getBlockHash(closeNumber + 1);
        const v = await api.rpc.state.getRuntimeVersion(hash);
        first = { number: closeNumber + 1, hash: hash.toHex(), spec: v.specVersion.toNumber() };
        return true;
      }, 1_000);
      if (!first) return 0;
      // On chain time: the blocks' own timestamps (slots are 6 s; a longer gap is missed slots
      // while the nodes compile the new code).
      const tsClose = (await (await api.at(closed.blockHash)).query.timestamp.now()).toNumber();
      const tsFirst = (await (await api.at(first.hash)).query.timestamp.now()).toNumber();
      console.log(`upgrade.js: first block of the new runtime #${first.number}, spec_version ${first.spec}: its timestamp is ${(tsFirst - tsClose) / 1000} s after the setCode block's (#${closeNumber}); seen ${(Date.now() - tClose) / 1000} s after the close was in a block`);

      // Blocks keep being authored and finalized, past the upgrade, on the new version.
      const moving = await poll(240, async () => {
        const h = await heads(api);
        maxLag = Math.max(maxLag, h.best - h.finalized);
        return h.best >= first.number + 6 && h.finalized >= first.number + 3 ? h : null;
      }, 2_000);
      if (!moving) {
        console.log(`upgrade.js: the network stalled after the upgrade`);
        return 0;
      }
      const after = await api.rpc.state.getRuntimeVersion();
      const slotAfter = await slotDuration(api, moving.finHash);
      console.log(`upgrade.js: best #${moving.best}, finalized #${moving.finalized}; spec_version ${before.specVersion} -> ${after.specVersion}; slot ${slotBefore} -> ${slotAfter} ms; max finality lag ${maxLag} blocks`);

      // A transaction signed for the new version.
      const remark = await submit(api, api.tx.system.remark("0x7570677261646564"), keyring.addFromUri("//Bob"), "system.remark");
      const remarkNumber = (await api.rpc.chain.getHeader(remark.blockHash)).number.toNumber();
      console.log(`upgrade.js: a remark signed for spec_version ${after.specVersion} is in #${remarkNumber}`);

      const ok =
        first.spec === before.specVersion.toNumber() + 1 &&
        after.specVersion.toNumber() === first.spec &&
        after.specName.toString() === before.specName.toString() &&
        slotAfter === slotBefore;
      return ok ? 1 : 0;
    }
    throw new Error(`upgrade.js: unknown mode ${mode}`);
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
