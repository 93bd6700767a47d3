// The native BTC bridge's steps on this network (e2e/network/bridge.js, which uses e2e's
// ethers, Polkadot.js and helpers). zombienet requires this file once per step, in one
// process, so the imported module, its daemons and its connections carry over between steps.
// Usage in validators.zndsl: `alice: js-script ./scripts/bridge.js with "deposit" return is
// equal to 1 within 300 seconds`.
const { pathToFileURL } = require("node:url");
const path = require("node:path");

async function run(_nodeName, networkInfo, args) {
  const url = pathToFileURL(path.join(__dirname, "../../e2e/network/bridge.js")).href;
  const bridge = await import(url);
  try {
    return await bridge.step(args[0], networkInfo);
  } catch (e) {
    console.log(`bridge step ${args[0]} failed: ${e.stack || e}`);
    throw e;
  }
}

module.exports = { run };
