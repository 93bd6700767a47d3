// A new validator joins, as README's onboarding says: its node generates session keys with a
// proof of possession for its account (author_rotateKeysWithOwner), and //Eve bonds 1 BTC,
// registers the keys and asks to validate, each by a signed extrinsic. Returns 1 once all three
// are in blocks without error.
const { connect, submit } = require("./lib.js");

const BTC = 10n ** 10n;

async function run(nodeName, networkInfo) {
  const api = await connect(nodeName, networkInfo);
  try {
    const eve = new zombie.Keyring({ type: "sr25519" }).addFromUri("//Eve");
    if ((await api.query.validatorSet.candidates()).some((c) => c.toString() === eve.address)) {
      return 1;
    }
    const owner = api.createType("AccountId32", eve.address).toHex();
    const { keys, proof } = await api.rawRpc("author_rotateKeysWithOwner", [owner]);
    console.log(`join.js: new session keys ${keys}`);
    await submit(api, api.tx.validatorSet.bond(BTC), eve, "join.js: validatorSet.bond(1 BTC)");
    await submit(api, api.tx.session.setKeys(keys, proof), eve, "join.js: session.setKeys");
    await submit(api, api.tx.validatorSet.validate(), eve, "join.js: validatorSet.validate");
    return 1;
  } finally {
    await api.disconnect();
  }
}

module.exports = { run };
