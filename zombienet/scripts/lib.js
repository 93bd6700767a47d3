// Helpers shared by the zombienet js-scripts. zombienet `require`s each script and calls
// `run(nodeName, networkInfo, args)`; it provides `@polkadot/api` as the global `zombie`.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** An ApiPromise connected to `nodeName`; `api.rawRpc(method, params)` sends any method. */
async function connect(nodeName, networkInfo) {
  const { ApiPromise, WsProvider } = zombie;
  const { wsUri } = networkInfo.nodesByName[nodeName];
  const provider = new WsProvider(wsUri);
  const api = await ApiPromise.create({ provider, noInitWarn: true });
  api.rawRpc = (method, params) => provider.send(method, params);
  return api;
}

/**
 * Runs `probe` until it returns a truthy value or `seconds` pass, and returns its last value.
 * (zombienet runs a js-script once: its "within" only bounds that one run.)
 */
async function poll(seconds, probe, pauseMs = 6_000) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value || Date.now() + pauseMs > deadline) return value;
    await sleep(pauseMs);
  }
}

/** Best and finalized block numbers. */
async function heads(api) {
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const finHash = await api.rpc.chain.getFinalizedHead();
  const finalized = (await api.rpc.chain.getHeader(finHash)).number.toNumber();
  return { best, finalized, finHash: finHash.toHex() };
}

/**
 * The account that authored `header`: Aura's slot (pre-runtime digest) modulo the validator
 * count, looked up in `session.validators` as the runtime saw it when the block began (the
 * parent's state), which is what `pallet-authorship` does on chain.
 */
async function authorOf(api, header) {
  const pre = header.digest.logs.find(
    (l) => l.isPreRuntime && l.asPreRuntime[0].toString() === "aura",
  );
  if (!pre) return null;
  const slot = api.createType("u64", pre.asPreRuntime[1]).toBigInt();
  const at = await api.at(header.parentHash);
  const validators = await at.query.session.validators();
  return validators[Number(slot % BigInt(validators.length))].toString();
}

/**
 * Signs and sends `tx`; resolves with its block hash and events once it is in a block, and
 * rejects with `label` and the module error's name on a dispatch error.
 */
function submit(api, tx, signer, label) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        let why = dispatchError.toString();
        if (dispatchError.isModule) {
          const m = api.registry.findMetaError(dispatchError.asModule);
          why = `${m.section}.${m.name}`;
        }
        reject(new Error(`${label} failed: ${why}`));
      } else if (status.isInBlock) {
        console.log(`${label}: in block ${status.asInBlock.toHex()}`);
        resolve({ blockHash: status.asInBlock.toHex(), events });
      }
    }).catch(reject);
  });
}

module.exports = { sleep, poll, connect, heads, authorOf, submit };
