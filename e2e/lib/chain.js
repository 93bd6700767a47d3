// Helpers over @polkadot/api shared by the test files.
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/** Connects to a node; fails instead of retrying forever if the node is gone. */
export async function connect(wsUrl) {
  await cryptoWaitReady();
  const provider = new WsProvider(wsUrl, false);
  await provider.connect();
  return ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
}

/** The well-known dev keys (//Alice, //Bob, ...). */
export function devKeys() {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return {
    alice: keyring.addFromUri('//Alice'),
    bob: keyring.addFromUri('//Bob'),
    charlie: keyring.addFromUri('//Charlie'),
  };
}

/** Resolves with the finalized head number once it reaches `n`. */
export function waitForFinalized(api, n, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    const timer = setTimeout(() => {
      if (unsub) unsub();
      reject(new Error(`finalized head did not reach #${n} within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain.subscribeFinalizedHeads((h) => {
      const num = h.number.toNumber();
      if (num >= n) {
        clearTimeout(timer);
        if (unsub) unsub();
        resolve(num);
      }
    }).then((u) => { unsub = u; }, reject);
  });
}

/**
 * Signs and sends `tx`, resolving when its block is finalized with
 * { blockHash, events, dispatchError } where events are those of this extrinsic only.
 */
export function sendAndFinalize(api, tx, signer, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    let unsub = null;
    const timer = setTimeout(() => {
      if (unsub) unsub();
      reject(new Error(`extrinsic not finalized within ${timeoutMs} ms`));
    }, timeoutMs);
    tx.signAndSend(signer, (result) => {
      if (result.isError) {
        clearTimeout(timer);
        if (unsub) unsub();
        reject(new Error(`extrinsic rejected: ${result.status.type}`));
        return;
      }
      if (result.status.isFinalized) {
        clearTimeout(timer);
        if (unsub) unsub();
        resolve({
          blockHash: result.status.asFinalized,
          events: result.events,
          dispatchError: result.dispatchError,
        });
      }
    }).then((u) => { unsub = u; }, (e) => { clearTimeout(timer); reject(e); });
  });
}

/** The `actualFee` of the TransactionFeePaid event among `events`, as a BigInt. */
export function feePaid(api, events) {
  const ev = events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
  if (!ev) throw new Error('no TransactionFeePaid event');
  return ev.event.data.actualFee.toBigInt() + ev.event.data.tip.toBigInt();
}

/** Free balance of `who` at block `hash`, as a BigInt. */
export async function freeAt(api, hash, who) {
  const at = await api.at(hash);
  const acc = await at.query.system.account(who);
  return acc.data.free.toBigInt();
}
