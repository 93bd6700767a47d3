// Returns how many distinct validators authored the last 40 blocks, polling for up to args[1]
// seconds until args[0] of them have.
const { poll, connect, authorOf } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const want = Number(args[0] || 4);
  const api = await connect(nodeName, networkInfo);
  try {
    const count = async () => {
      const authors = new Set();
      let header = await api.rpc.chain.getHeader();
      for (let i = 0; i < 40 && header.number.toNumber() > 1; i++) {
        const who = await authorOf(api, header);
        if (who) authors.add(who);
        if (authors.size >= want) break;
        header = await api.rpc.chain.getHeader(header.parentHash);
      }
      console.log(`authors.js: ${authors.size} distinct authors: ${[...authors].join(", ")}`);
      return authors.size;
    };
    let last = 0;
    await poll(Number(args[1] || 180), async () => (last = await count()) >= want);
    return last;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
