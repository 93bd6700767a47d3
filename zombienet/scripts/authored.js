// Returns how many finalized blocks among the last 60 were authored by args[0]'s account,
// polling for up to args[1] seconds until there is one.
const { poll, connect, authorOf } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const who = new zombie.Keyring({ type: "sr25519" }).addFromUri(args[0]).address;
  const api = await connect(nodeName, networkInfo);
  try {
    let count = 0;
    await poll(Number(args[1] || 400), async () => {
      const validators = (await api.query.session.validators()).map((v) => v.toString());
      let header = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
      count = 0;
      for (let i = 0; i < 60 && header.number.toNumber() > 1; i++) {
        if ((await authorOf(api, header)) === who) count++;
        header = await api.rpc.chain.getHeader(header.parentHash);
      }
      console.log(`authored.js: ${args[0]} in the set: ${validators.includes(who)} (${validators.length} validators, session ${await api.query.session.currentIndex()}); finalized blocks by it: ${count}`);
      return count > 0;
    }, 12_000);
    return count;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
