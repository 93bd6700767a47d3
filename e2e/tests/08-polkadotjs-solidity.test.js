// Solidity from Polkadot.js, as README's "Solidity from Polkadot.js" says: an sr25519 account
// (//Bob: not the dev chain's block author, so no fee comes back to him) deploys solc's
// bytecode with `revive.instantiateWithCode`, reads the contract's address from the
// `revive.Instantiated` event, calls it with `revive.call`, and ethers reads the results through
// tapchain-eth-rpc and decodes the call's log from `revive.ContractEmitted`. Every amount Bob
// pays is accounted to the base unit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import { startDevEvm } from '../lib/ethrpc.js';
import { devKeys, sendAndFinalize, feePaid, freeAt } from '../lib/chain.js';
import { compileContracts } from '../lib/solc.js';

// The README's limits: 0.2 s of compute and 1 MiB of proof (a 2 KB ERC-20 deploy uses about a
// tenth), and at most 0.001 BTC (100,000 sat) of storage deposit; only what is used is charged.
const WEIGHT_LIMIT = { refTime: 200_000_000_000n, proofSize: 1_048_576n };
const DEPOSIT_LIMIT = 10_000_000n; // base units = 100,000 sat

let env;
let api;
let provider;
let artifacts;

before(async () => {
  env = await startDevEvm();
  ({ api, provider } = env);
  artifacts = compileContracts();
});

after(async () => {
  if (env) await env.stop();
});

/**
 * What `who` moved out of its free balance in `events` other than the fee: revive's storage
 * deposits, held on its account or transferred and held on the contract's. In base units.
 */
function depositsPaidBy(events, who) {
  let total = 0n;
  for (const { event } of events) {
    if (api.events.balances.TransferAndHold.is(event) && event.data.source.toString() === who) {
      total += event.data.transferred.toBigInt();
    } else if (api.events.balances.Held.is(event) && event.data.who.toString() === who) {
      total += event.data.amount.toBigInt();
    } else if (api.events.balances.Transfer.is(event) && event.data.from.toString() === who) {
      total += event.data.amount.toBigInt();
    }
  }
  return total;
}

/** Waits until eth-rpc has indexed Substrate block `hash` (its Ethereum block has the same number). */
async function ethSeen(hash) {
  const number = (await api.rpc.chain.getHeader(hash)).number.toNumber();
  for (let i = 0; i < 120; i++) {
    if ((await provider.getBlockNumber()) >= number) return number;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`eth-rpc did not reach block #${number}`);
}

test('an sr25519 account deploys and calls solc bytecode through revive; ethers reads the results', async () => {
  const { bob } = devKeys();
  const token = new ethers.Interface(artifacts.Token.abi);
  const supply = 21_000_000n;
  const recipient = ethers.Wallet.createRandom().address;

  // Bob's Ethereum address, as the runtime maps her AccountId32 (keccak-256 of it, last 20 bytes).
  const deployer = (await api.call.reviveApi.address(bob.address)).toHex();
  assert.equal(
    ethers.getAddress(deployer),
    ethers.getAddress(ethers.dataSlice(ethers.keccak256(api.createType('AccountId32', bob.address).toU8a()), 12)),
  );

  // 1. Deploy: instantiateWithCode(value, weightLimit, storageDepositLimit, code, data, salt).
  //    As on Ethereum, an EVM constructor's arguments follow its bytecode; `data` stays empty
  //    (revive refuses anything else with EvmConstructorNonEmptyData).
  const code = ethers.concat([artifacts.Token.bytecode, token.encodeDeploy(['Tap Polkadot.js', 'TPJ', supply])]);
  const withData = await sendAndFinalize(
    api,
    api.tx.revive.instantiateWithCode(0, WEIGHT_LIMIT, DEPOSIT_LIMIT, artifacts.Token.bytecode, token.encodeDeploy(['x', 'y', 1n]), null),
    bob,
  );
  const refused = api.registry.findMetaError(withData.dispatchError.asModule);
  assert.equal(`${refused.section}.${refused.name}`, 'revive.EvmConstructorNonEmptyData');
  const deploy = await sendAndFinalize(
    api,
    api.tx.revive.instantiateWithCode(0, WEIGHT_LIMIT, DEPOSIT_LIMIT, code, '0x', null),
    bob,
  );
  assert.equal(deploy.dispatchError, undefined, `instantiateWithCode failed: ${deploy.dispatchError}`);
  const instantiated = deploy.events.find(({ event }) => api.events.revive.Instantiated.is(event));
  assert.ok(instantiated, 'revive.Instantiated is emitted');
  const contract = ethers.getAddress(instantiated.event.data.contract.toHex());
  assert.equal(ethers.getAddress(instantiated.event.data.deployer.toHex()), ethers.getAddress(deployer));

  // Bob paid exactly the fee plus the storage deposits the events name, to the base unit.
  const parent = (await api.rpc.chain.getHeader(deploy.blockHash)).parentHash;
  const free0 = await freeAt(api, parent, bob.address);
  const fee = feePaid(api, deploy.events);
  const deposits = depositsPaidBy(deploy.events, bob.address);
  const free1 = await freeAt(api, deploy.blockHash, bob.address);
  assert.ok(deposits > 0n && deposits <= DEPOSIT_LIMIT, `deposit ${deposits}`);
  assert.equal(free0 - free1, fee + deposits);
  console.log(`# instantiateWithCode: fee ${fee} base units, storage deposit ${deposits} base units, contract ${contract}`);

  // ethers sees solc's runtime bytecode and the constructor's state.
  await ethSeen(deploy.blockHash);
  assert.equal(await provider.getCode(contract), artifacts.Token.deployedBytecode);
  const erc20 = new ethers.Contract(contract, artifacts.Token.abi, provider);
  assert.equal(await erc20.name(), 'Tap Polkadot.js');
  assert.equal(await erc20.symbol(), 'TPJ');
  assert.equal(await erc20.totalSupply(), supply);
  assert.equal(await erc20.balanceOf(deployer), supply);

  // 2. Call: revive.call(dest, value, weightLimit, storageDepositLimit, data).
  const transfer = token.encodeFunctionData('transfer', [recipient, 1234n]);
  const called = await sendAndFinalize(api, api.tx.revive.call(contract, 0, WEIGHT_LIMIT, DEPOSIT_LIMIT, transfer), bob);
  assert.equal(called.dispatchError, undefined, `revive.call failed: ${called.dispatchError}`);
  const emitted = called.events.filter(({ event }) => api.events.revive.ContractEmitted.is(event));
  assert.equal(emitted.length, 1, 'one Transfer log');
  assert.equal(ethers.getAddress(emitted[0].event.data.contract.toHex()), contract);

  await ethSeen(called.blockHash);
  assert.equal(await erc20.balanceOf(recipient), 1234n);
  assert.equal(await erc20.balanceOf(deployer), supply - 1234n);
  // The log is the event `revive.ContractEmitted`; ethers decodes it with the ABI. (It is not in
  // eth_getLogs: tapchain-eth-rpc indexes the logs of Ethereum transactions only.)
  const log = emitted[0].event.data;
  const parsed = token.parseLog({ topics: log.topics.map((t) => t.toHex()), data: log.data.toHex() });
  assert.equal(parsed.name, 'Transfer');
  assert.equal(parsed.args.from, ethers.getAddress(deployer));
  assert.equal(parsed.args.to, recipient);
  assert.equal(parsed.args.value, 1234n);

  // A call that reverts (more than the balance) fails as a dispatch error and changes nothing.
  const tooMuch = token.encodeFunctionData('transfer', [recipient, supply]);
  const reverted = await sendAndFinalize(api, api.tx.revive.call(contract, 0, WEIGHT_LIMIT, DEPOSIT_LIMIT, tooMuch), bob);
  assert.ok(reverted.dispatchError, 'a reverting call is a failed extrinsic');
  const err = api.registry.findMetaError(reverted.dispatchError.asModule);
  assert.equal(`${err.section}.${err.name}`, 'revive.ContractReverted');
  await ethSeen(reverted.blockHash);
  assert.equal(await erc20.balanceOf(recipient), 1234n);
});
