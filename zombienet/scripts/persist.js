// Finalized blocks survive a restart, by args[0]:
//   save   records the node's finalized head (number, hash) in the network directory; returns
//          the number;
//   check  after the restart: the node's startup line "Highest known block at #N" (read from
//          its database before any sync) has N >= the saved number, the block at the saved
//          number has the saved hash, and the finalized head is at or past it. Returns 1.
const fs = require("fs");
const path = require("path");
const { connect, heads } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const file = path.join(networkInfo.tmpDir, `${nodeName}-finalized.json`);
  const api = await connect(nodeName, networkInfo);
  try {
    if (args[0] === "save") {
      const h = await heads(api);
      fs.writeFileSync(file, JSON.stringify({ number: h.finalized, hash: h.finHash }));
      console.log(`persist.js: ${nodeName} finalized #${h.finalized} ${h.finHash}`);
      return h.finalized;
    }
    const saved = JSON.parse(fs.readFileSync(file, "utf8"));
    const log = fs.readFileSync(path.join(networkInfo.tmpDir, `${nodeName}.log`), "utf8");
    const known = [...log.matchAll(/Highest known block at #(\d+)/g)].map((m) => Number(m[1]));
    const atStart = known[known.length - 1];
    const hash = (await api.rpc.chain.getBlockHash(saved.number)).toHex();
    const h = await heads(api);
    const ok = known.length >= 2 && atStart >= saved.number && hash === saved.hash &&
      h.finalized >= saved.number;
    console.log(`persist.js: ${nodeName} restarted knowing #${atStart} (saved finalized #${saved.number}); hash then ${saved.hash}, now ${hash}; finalized now #${h.finalized}: ${ok ? "kept" : "LOST"}`);
    return ok ? 1 : 0;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
