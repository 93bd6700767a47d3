// Finality probes, by args[0]; each retries for up to args[1] seconds (default 180):
//   advancing  how many blocks finality advanced in 24 s (blocks are 6 s); retried until >= 2;
//   stalled    1 if, after a 12 s grace for rounds in flight, finality did not move for 36 s
//              while at least 2 new blocks were authored; else 0;
//   caught-up  1 if the finalized head is within 3 blocks of the best block; else 0.
const { sleep, poll, connect, heads } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const mode = args[0];
  const api = await connect(nodeName, networkInfo);
  try {
    const seconds = Number(args[1] || 180);
    if (mode === "advancing") {
      let advanced = 0;
      await poll(seconds, async () => {
        const a = await heads(api);
        await sleep(24_000);
        const b = await heads(api);
        console.log(`finality.js ${nodeName}: finalized #${a.finalized} -> #${b.finalized}, best #${a.best} -> #${b.best}`);
        advanced = b.finalized - a.finalized;
        return advanced >= 2;
      }, 0);
      return advanced;
    }
    if (mode === "stalled") {
      const stalled = await poll(seconds, async () => {
        await sleep(12_000);
        const a = await heads(api);
        await sleep(36_000);
        const b = await heads(api);
        const yes = b.finalized === a.finalized && b.best - a.best >= 2;
        console.log(`finality.js ${nodeName}: finalized #${a.finalized} -> #${b.finalized}, best #${a.best} -> #${b.best}: ${yes ? "stalled" : "not stalled"}`);
        return yes;
      }, 0);
      return stalled ? 1 : 0;
    }
    if (mode === "caught-up") {
      const ok = await poll(seconds, async () => {
        const b = await heads(api);
        const yes = b.best - b.finalized <= 3;
        console.log(`finality.js ${nodeName}: best #${b.best}, finalized #${b.finalized}: ${yes ? "caught up" : "behind"}`);
        return yes;
      });
      return ok ? 1 : 0;
    }
    throw new Error(`finality.js: unknown mode ${mode}`);
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
