// A validator that stops authoring leaves the set: polls (up to args[1] seconds) until args[0]'s
// account is off the candidate list (chilled as offline) and then out of session.validators.
// Returns 1 when both happened, else 0.
const { poll, connect } = require("./lib.js");

async function run(nodeName, networkInfo, args) {
  const who = new zombie.Keyring({ type: "sr25519" }).addFromUri(args[0]).address;
  const api = await connect(nodeName, networkInfo);
  try {
    const gone = await poll(Number(args[1] || 480), async () => {
      const candidate = (await api.query.validatorSet.candidates()).some((c) => c.toString() === who);
      const validators = (await api.query.session.validators()).map((v) => v.toString());
      const session = (await api.query.session.currentIndex()).toNumber();
      console.log(`offline.js: session ${session}: ${args[0]} candidate: ${candidate}, validating: ${validators.includes(who)} (${validators.length} validators)`);
      return !candidate && !validators.includes(who);
    }, 12_000);
    return gone ? 1 : 0;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
