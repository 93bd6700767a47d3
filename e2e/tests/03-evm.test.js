// The EVM through standard Ethereum tools: solc-js bytecode deployed with ethers v6 and viem
// through tapchain-eth-rpc, gas paid in BTC, and the same balances seen from Polkadot.js.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ethers } from 'ethers';
import WebSocket from 'ws';
import { createPublicClient, createWalletClient, http, defineChain, parseEther, getContract } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { u8aToHex, hexToU8a } from '@polkadot/util';
import { sleep } from '../lib/node.js';
import { spawnSync } from 'node:child_process';
import { startDevEvm, rawCall, ethRpcBinary, ETH_DEV_KEYS } from '../lib/ethrpc.js';
import { devKeys, sendAndFinalize } from '../lib/chain.js';
import { compileContracts, solcVersion, EVM_VERSION } from '../lib/solc.js';

const CHAIN_ID = 0x544150n; // "TAP"
const WEI_PER_BASE_UNIT = 10n ** 8n; // NativeToEthRatio
const BTC = 10n ** 18n; // in wei
const ED = 100_000n; // existential deposit, base units (1,000 sat)

// The well-known Ethereum dev keys funded in the dev genesis.
const [ALITH_KEY, BALTATHAR_KEY, CHARLETH_KEY] = ETH_DEV_KEYS;

let env;
let rpc;
let api;
let provider;
let alith;
let baltathar;
let charleth;
let artifacts;
let token;
let emitter;
const report = {};

/** The Substrate account behind an Ethereum address: address ++ 0xEE × 12. */
function accountOf(address) {
  return u8aToHex(new Uint8Array([...hexToU8a(address), ...new Array(12).fill(0xee)]));
}

/** What revive reports as spendable: free minus max(frozen - reserved, ED), in base units. */
async function reducible(who, at) {
  const q = at ? await api.at(at) : api;
  const { data } = await q.query.system.account(who);
  const free = data.free.toBigInt();
  const frozen = data.frozen.toBigInt();
  const reserved = data.reserved.toBigInt();
  let untouchable = frozen > reserved ? frozen - reserved : 0n;
  if (untouchable < ED) untouchable = ED;
  return free > untouchable ? free - untouchable : 0n;
}

/** The Substrate block hash of an Ethereum receipt's block. */
async function substrateHashOf(receipt) {
  return (await api.rpc.chain.getBlockHash(receipt.blockNumber)).toHex();
}

/** Sum of TransactionFeePaid (fee + tip) charged to `who` in block `hash`. */
async function feesChargedIn(hash, who) {
  const events = await (await api.at(hash)).query.system.events();
  let total = 0n;
  for (const { event } of events) {
    if (api.events.transactionPayment.TransactionFeePaid.is(event) && event.data.who.toHex() === who) {
      total += event.data.actualFee.toBigInt() + event.data.tip.toBigInt();
    }
  }
  return total;
}

/** The error of a rejected JSON-RPC call, as { code, message }. */
async function rpcError(what, method, params) {
  const r = await rawCall(rpc.url, method, params);
  assert.ok(r.error, `${what}: ${method} should fail but returned ${JSON.stringify(r.result)}`);
  return r.error;
}

before(async () => {
  env = await startDevEvm();
  ({ api, rpc, provider } = env);
  alith = new ethers.Wallet(ALITH_KEY, provider);
  baltathar = new ethers.Wallet(BALTATHAR_KEY, provider);
  charleth = new ethers.Wallet(CHARLETH_KEY, provider);
  artifacts = compileContracts();
});

after(async () => {
  console.log(`# evm report: ${JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  if (env) await env.stop();
});

test('eth-rpc reports chain id 0x544150 and the dev keys are funded', async () => {
  const net = await provider.getNetwork();
  assert.equal(net.chainId, CHAIN_ID);
  assert.equal((await rawCall(rpc.url, 'eth_chainId')).result, '0x544150');
  assert.equal(alith.address, '0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac');
  assert.equal(baltathar.address, '0x3Cd0A705a2DC65e5b1E1205896BaA2be8A07c6e0');
  assert.equal(charleth.address, '0x798d4Ba9baf0064Ec19eB4F0a1a45785ae9D6DFc');
  assert.ok((await provider.getBalance(alith.address)) > 1000n * BTC);
});

test('1a. ERC-20 and Emitter deploy; code, calls and receipts are right', async () => {
  console.log(`# solc ${solcVersion()}, evmVersion ${EVM_VERSION}`);
  const supply = 1_000_000n * 10n ** 18n;
  const tokenFactory = new ethers.ContractFactory(artifacts.Token.abi, artifacts.Token.bytecode, alith);
  token = await tokenFactory.deploy('Tap Test', 'TTT', supply);
  const deployReceipt = await token.deploymentTransaction().wait();
  assert.equal(deployReceipt.status, 1);
  assert.equal(deployReceipt.contractAddress, await token.getAddress());
  report.erc20DeployGas = deployReceipt.gasUsed;
  report.erc20DeployFeeSat = Number((deployReceipt.gasUsed * deployReceipt.gasPrice) / WEI_PER_BASE_UNIT) / 100;

  // The code on chain is solc's runtime bytecode, byte for byte.
  const code = await provider.getCode(await token.getAddress());
  assert.equal(code, artifacts.Token.deployedBytecode);

  // eth_call reads state.
  assert.equal(await token.name(), 'Tap Test');
  assert.equal(await token.symbol(), 'TTT');
  assert.equal(await token.decimals(), 18n);
  assert.equal(await token.totalSupply(), supply);
  assert.equal(await token.balanceOf(alith.address), supply);

  // The constructor's Transfer(0 → Alith) is in the deploy receipt.
  const minted = deployReceipt.logs.map((l) => token.interface.parseLog(l)).find((l) => l?.name === 'Transfer');
  assert.equal(minted.args.from, ethers.ZeroAddress);
  assert.equal(minted.args.to, alith.address);
  assert.equal(minted.args.value, supply);

  const emitterFactory = new ethers.ContractFactory(artifacts.Emitter.abi, artifacts.Emitter.bytecode, alith);
  emitter = await emitterFactory.deploy();
  await emitter.waitForDeployment();
  assert.equal(await provider.getCode(await emitter.getAddress()), artifacts.Emitter.deployedBytecode);
  // EIP-1344: the EVM sees the same chain id as the RPC.
  assert.equal(await emitter.chainId(), CHAIN_ID);
  // A contract never deployed has no code.
  assert.equal(await provider.getCode(ethers.Wallet.createRandom().address), '0x');
});

test('1b. ERC-20 transfers emit logs that eth_getLogs finds by address and topic', async () => {
  const before = await token.balanceOf(baltathar.address);
  const tx = await token.transfer(baltathar.address, 1234n);
  const receipt = await tx.wait();
  assert.equal(receipt.status, 1);
  assert.equal(await token.balanceOf(baltathar.address), before + 1234n);
  report.erc20TransferGas = receipt.gasUsed;
  report.erc20TransferFeeSat = Number((receipt.gasUsed * receipt.gasPrice) / WEI_PER_BASE_UNIT) / 100;

  const transferTopic = ethers.id('Transfer(address,address,uint256)');
  const toBaltathar = ethers.zeroPadValue(baltathar.address, 32);
  const logs = await provider.getLogs({
    address: await token.getAddress(),
    topics: [transferTopic, null, toBaltathar],
    fromBlock: receipt.blockNumber,
    toBlock: receipt.blockNumber,
  });
  assert.equal(logs.length, 1);
  assert.equal(logs[0].transactionHash, receipt.hash);
  const parsed = token.interface.parseLog(logs[0]);
  assert.equal(parsed.args.value, 1234n);
  assert.equal(parsed.args.from, alith.address);

  // A topic nobody emitted matches nothing; another contract's address matches nothing.
  const none = await provider.getLogs({
    address: await token.getAddress(),
    topics: [transferTopic, null, ethers.zeroPadValue(charleth.address, 32)],
    fromBlock: receipt.blockNumber,
    toBlock: receipt.blockNumber,
  });
  assert.equal(none.length, 0);
  const elsewhere = await provider.getLogs({
    address: await emitter.getAddress(),
    topics: [transferTopic],
    fromBlock: receipt.blockNumber,
    toBlock: receipt.blockNumber,
  });
  assert.equal(elsewhere.length, 0);

  // The Emitter's indexed events, filtered by topic.
  const r1 = await (await emitter.ping('first')).wait();
  const r2 = await (await emitter.ping('second')).wait();
  assert.equal(r1.status, 1);
  assert.equal(r2.status, 1);
  const pings = await provider.getLogs({
    address: await emitter.getAddress(),
    topics: [ethers.id('Ping(address,uint256,string)'), ethers.zeroPadValue(alith.address, 32)],
    fromBlock: r1.blockNumber,
    toBlock: r2.blockNumber,
  });
  assert.deepEqual(pings.map((l) => emitter.interface.parseLog(l).args.note), ['first', 'second']);
  const pongs = await provider.getLogs({
    address: await emitter.getAddress(),
    topics: [ethers.id('Pong(uint256)')],
    fromBlock: r1.blockNumber,
    toBlock: r2.blockNumber,
  });
  assert.equal(pongs.length, 1, 'Pong fires on even counts only');
  assert.equal(await emitter.counter(), 2n);
});

test('1c. a reverting call surfaces its reason to ethers', async () => {
  await assert.rejects(emitter.fail.staticCall('no way'), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.reason, 'no way');
    return true;
  });
  // estimateGas of a reverting transaction fails with the reason too.
  await assert.rejects(emitter.checked.estimateGas(0), (e) => {
    assert.equal(e.reason, 'Emitter: zero is not allowed');
    return true;
  });
  assert.equal(await emitter.checked(21), 42n);
  // A custom error decodes through the ABI.
  await assert.rejects(token.connect(charleth).transfer.staticCall(alith.address, 1n), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.revert?.name, 'InsufficientBalance');
    assert.deepEqual([...e.revert.args], [0n, 1n]);
    return true;
  });
  // A reverting transaction sent anyway (fixed gas limit, no estimate) is mined with status 0
  // and changes nothing but the sender's balance.
  const counter = await emitter.counter();
  // (`fail` is `pure`, so ethers would only eth_call it; `.send` forces a transaction.)
  const tx = await emitter.fail.send('mined revert', { gasLimit: 2_000_000n });
  await assert.rejects(tx.wait(), (e) => {
    assert.equal(e.code, 'CALL_EXCEPTION');
    assert.equal(e.receipt.status, 0);
    return true;
  });
  assert.equal(await emitter.counter(), counter);
});

test('1d. viem reads and writes the same ERC-20', async () => {
  const chain = defineChain({
    id: Number(CHAIN_ID),
    name: 'Tapchain dev',
    nativeCurrency: { name: 'Bitcoin', symbol: 'BTC', decimals: 18 },
    rpcUrls: { default: { http: [rpc.url] } },
  });
  const publicClient = createPublicClient({ chain, transport: http(rpc.url), pollingInterval: 500 });
  const account = privateKeyToAccount(BALTATHAR_KEY);
  const walletClient = createWalletClient({ account, chain, transport: http(rpc.url) });
  assert.equal(await publicClient.getChainId(), Number(CHAIN_ID));
  const erc20 = getContract({
    address: await token.getAddress(),
    abi: artifacts.Token.abi,
    client: { public: publicClient, wallet: walletClient },
  });
  assert.equal(await erc20.read.symbol(), 'TTT');
  const before = await erc20.read.balanceOf([charleth.address]);
  const hash = await erc20.write.transfer([charleth.address, 34n]);
  const receipt = await publicClient.waitForTransactionReceipt({ hash, timeout: 60_000 });
  assert.equal(receipt.status, 'success');
  assert.equal(await erc20.read.balanceOf([charleth.address]), before + 34n);
  // viem's own value transfer, fees estimated by viem.
  const target = privateKeyToAccount(ethers.Wallet.createRandom().privateKey).address;
  const h2 = await walletClient.sendTransaction({ to: target, value: parseEther('0.001') });
  const r2 = await publicClient.waitForTransactionReceipt({ hash: h2, timeout: 60_000 });
  assert.equal(r2.status, 'success');
  assert.ok((await publicClient.getBalance({ address: target })) > 0n);
});

test('2. a value transfer sent exactly as MetaMask sends it succeeds', async () => {
  // MetaMask: fee history and gas price for the fee fields, a fixed 21,000 gas limit, type 2.
  const history = await rawCall(rpc.url, 'eth_feeHistory', ['0x4', 'latest', [25, 50]]);
  assert.ok(history.result, JSON.stringify(history.error));
  const baseFees = history.result.baseFeePerGas.map(BigInt);
  assert.ok(baseFees.length >= 2 && baseFees.every((f) => f > 0n));
  const gasPrice = BigInt((await rawCall(rpc.url, 'eth_gasPrice')).result);
  assert.ok(gasPrice > 0n);
  const priority = BigInt((await rawCall(rpc.url, 'eth_maxPriorityFeePerGas')).result ?? '0x0');
  const nextBase = baseFees[baseFees.length - 1];
  const maxFeePerGas = 2n * (nextBase > gasPrice ? nextBase : gasPrice) + priority;

  const to = ethers.Wallet.createRandom().address;
  const value = BTC / 10n; // 0.1 BTC
  const nonce = await provider.getTransactionCount(alith.address, 'pending');
  const fromBefore = await provider.getBalance(alith.address);
  const raw = await alith.signTransaction({
    type: 2,
    chainId: CHAIN_ID,
    nonce,
    to,
    value,
    gasLimit: 21_000n,
    maxFeePerGas,
    maxPriorityFeePerGas: priority,
    data: '0x',
  });
  const sent = await rawCall(rpc.url, 'eth_sendRawTransaction', [raw]);
  assert.ok(sent.result, `rejected: ${JSON.stringify(sent.error)}`);
  const receipt = await provider.waitForTransaction(sent.result, 1, 60_000);
  assert.equal(receipt.status, 1);
  assert.equal(receipt.type, 2);
  assert.ok(receipt.gasUsed <= 21_000n, `gasUsed ${receipt.gasUsed}`);
  report.transferToNewGas = receipt.gasUsed;
  report.transferToNewFeeSat = Number((receipt.gasUsed * receipt.gasPrice) / WEI_PER_BASE_UNIT) / 100;
  report.gasPriceWei = receipt.gasPrice;

  // The new account can spend exactly `value`: the sender also paid its existential deposit
  // (as a storage deposit, inside the gas), so its native free balance is value + ED.
  const { data } = await api.query.system.account(accountOf(to));
  assert.equal(data.free.toBigInt(), value / WEI_PER_BASE_UNIT + ED);
  assert.equal(await provider.getBalance(to), value);
  // The sender paid value + gasUsed × effective gas price, to the wei.
  const fromAfter = await provider.getBalance(alith.address, receipt.blockNumber);
  assert.equal(fromBefore - fromAfter, value + receipt.gasUsed * receipt.gasPrice);
});

test('3. five transactions from one sender with client-managed nonces land in consecutive blocks', async () => {
  const first = await provider.getTransactionCount(baltathar.address, 'latest');
  const feeData = await provider.getFeeData();
  const blocks = [];
  for (let i = 0; i < 5; i++) {
    const tx = await baltathar.sendTransaction({
      to: charleth.address,
      value: 1000n * 10n ** 10n, // 1,000 sat
      nonce: first + i,
      gasLimit: 21_000n,
      maxFeePerGas: feeData.maxFeePerGas,
      maxPriorityFeePerGas: 0n,
      type: 2,
    });
    const r = await tx.wait();
    assert.equal(r.status, 1);
    assert.equal(tx.nonce, first + i);
    blocks.push(r.blockNumber);
  }
  for (let i = 1; i < 5; i++) {
    assert.equal(blocks[i], blocks[i - 1] + 1, `blocks ${blocks.join(', ')}`);
  }
  assert.equal(await provider.getTransactionCount(baltathar.address, 'latest'), first + 5);
});

test('4. eth_getBalance / 10^8 equals the reducible balance, and gas spent equals the fee charged', async () => {
  for (const who of [alith.address, baltathar.address, charleth.address]) {
    const head = await provider.getBlockNumber();
    const hash = (await api.rpc.chain.getBlockHash(head)).toHex();
    const wei = await provider.getBalance(who, head);
    const native = await reducible(accountOf(who), hash);
    assert.equal(wei / WEI_PER_BASE_UNIT, native, `${who}: ${wei} wei vs ${native} base units`);
  }
  // A plain transfer: what the sender's native balance loses beyond the value is exactly the
  // fee in TransactionFeePaid, and exactly gasUsed × gasPrice.
  const to = charleth.address;
  const value = 12_345n * 10n ** 10n;
  const beforeHead = await provider.getBlockNumber();
  const tx = await alith.sendTransaction({ to, value, gasLimit: 21_000n });
  const receipt = await tx.wait();
  const hash = await substrateHashOf(receipt);
  const parent = (await api.rpc.chain.getBlockHash(receipt.blockNumber - 1)).toHex();
  assert.ok(receipt.blockNumber > beforeHead);
  const gasCost = receipt.gasUsed * receipt.gasPrice; // wei
  assert.equal(gasCost % WEI_PER_BASE_UNIT, 0n);
  // The sender's native balance lost value + gas cost, to the base unit.
  const spent = (await reducible(accountOf(alith.address), parent)) - (await reducible(accountOf(alith.address), hash));
  assert.equal(spent * WEI_PER_BASE_UNIT, value + gasCost);
  // All of it went to the block author (Alice): the runtime charged exactly the gas cost.
  const { alice } = devKeys();
  const authorGain = (await reducible(alice.address, hash)) - (await reducible(alice.address, parent));
  assert.equal(authorGain * WEI_PER_BASE_UNIT, gasCost);
  // It is the weight/length fee of TransactionFeePaid plus revive's round-up to whole gas,
  // which is less than one gas (10 base units at 1 gwei).
  const fee = await feesChargedIn(hash, accountOf(alith.address));
  const roundUp = gasCost / WEI_PER_BASE_UNIT - fee;
  assert.ok(roundUp >= 0n && roundUp * WEI_PER_BASE_UNIT < receipt.gasPrice, `round-up ${roundUp}`);
  report.roundUpBaseUnits = roundUp;
  report.transferToExistingGas = receipt.gasUsed;
  report.transferToExistingFeeSat = Number(gasCost / WEI_PER_BASE_UNIT) / 100;
});

test('5. BTC sent from Polkadot.js to an Ethereum address shows in eth_getBalance', async () => {
  const { alice } = devKeys();
  const target = ethers.Wallet.createRandom().address;
  assert.equal(await provider.getBalance(target), 0n);
  const amount = 3n * 10n ** 9n; // 0.3 BTC in base units
  const res = await sendAndFinalize(api, api.tx.balances.transferKeepAlive(accountOf(target), amount), alice);
  assert.equal(res.dispatchError, undefined);
  // eth-rpc follows the best block; give it a moment to see the finalized one.
  let wei = 0n;
  for (let i = 0; i < 40 && wei === 0n; i++) {
    wei = await provider.getBalance(target);
    if (wei === 0n) await sleep(250);
  }
  assert.equal(wei, (amount - ED) * WEI_PER_BASE_UNIT);
});

test('6. refused transactions get geth\'s errors, which ethers classifies, and change no state', async () => {
  const nonce = await provider.getTransactionCount(baltathar.address, 'latest');
  const balance = await provider.getBalance(baltathar.address);
  const fee = await provider.getFeeData();
  const baseFee = BigInt((await rawCall(rpc.url, 'eth_gasPrice')).result);
  const base = {
    type: 2,
    to: alith.address,
    value: 1n,
    gasLimit: 21_000n,
    maxFeePerGas: fee.maxFeePerGas,
    maxPriorityFeePerGas: 0n,
  };
  const gasCost = 21_000n * fee.maxFeePerGas; // geth's cost uses the fee cap
  const from = baltathar.address.toLowerCase();

  // tapchain-eth-rpc checks the transaction against the chain's state before the pool sees it,
  // and answers as geth does (-32000, geth's words), where the pool alone says 1010 "Invalid
  // Transaction" for all of these. Bytes that do not decode still get upstream's answers.
  assert.ok(nonce > 0, 'Baltathar has sent transactions before');

  // Wrong chain id (signed for Ethereum mainnet).
  const wrongChain = await baltathar.signTransaction({ ...base, chainId: 1n, nonce });
  const e1 = await rpcError('wrong chain id', 'eth_sendRawTransaction', [wrongChain]);
  assert.deepEqual(e1, { code: -32000, message: `invalid chain id for signer: have 1 want ${CHAIN_ID}` });

  // A fee cap under the base fee the next block charges.
  const cheap = await baltathar.signTransaction({ ...base, chainId: CHAIN_ID, nonce, maxFeePerGas: baseFee - 1n });
  const e2u = await rpcError('fee cap under the base fee', 'eth_sendRawTransaction', [cheap]);
  assert.deepEqual(e2u, {
    code: -32000,
    message: `transaction underpriced: address ${from}, maxFeePerGas: ${baseFee - 1n}, baseFee: ${baseFee}`,
  });

  // Nonce too low (a nonce already used, with different content).
  const stale = await baltathar.signTransaction({ ...base, chainId: CHAIN_ID, nonce: nonce - 1, value: 7n });
  const e2 = await rpcError('stale nonce', 'eth_sendRawTransaction', [stale]);
  assert.deepEqual(e2, { code: -32000, message: `nonce too low: next nonce ${nonce}, tx nonce ${nonce - 1}` });

  // An account without the BTC to pay for gas.
  const broke = ethers.Wallet.createRandom().connect(provider);
  const unpayable = await broke.signTransaction({ ...base, chainId: CHAIN_ID, nonce: 0, value: 1n });
  const e3 = await rpcError('no BTC for gas', 'eth_sendRawTransaction', [unpayable]);
  const cost3 = gasCost + 1n;
  assert.deepEqual(e3, {
    code: -32000,
    message: `insufficient funds for gas * price + value: balance 0, tx cost ${cost3}, overshot ${cost3}`,
  });

  // Gas is affordable but value + gas is not: refused up front, as geth does, instead of
  // reverting in a block and charging gas.
  const tooMuch = await baltathar.signTransaction({ ...base, chainId: CHAIN_ID, nonce, value: balance });
  const e3b = await rpcError('value + gas above the balance', 'eth_sendRawTransaction', [tooMuch]);
  assert.deepEqual(e3b, {
    code: -32000,
    message: `insufficient funds for gas * price + value: balance ${balance}, tx cost ${gasCost + balance}, overshot ${gasCost}`,
  });
  const wayTooMuch = await baltathar.signTransaction({ ...base, chainId: CHAIN_ID, nonce, value: balance * 2n });
  const e3c = await rpcError('value above the balance', 'eth_sendRawTransaction', [wayTooMuch]);
  assert.deepEqual(e3c, {
    code: -32000,
    message: `insufficient funds for gas * price + value: balance ${balance}, tx cost ${gasCost + 2n * balance}, overshot ${gasCost + balance}`,
  });

  // Garbage RLP, and not even hex: upstream's answers.
  const e4 = await rpcError('garbage RLP', 'eth_sendRawTransaction', ['0x02deadbeef']);
  assert.equal(e4.code, -32000);
  assert.match(e4.message, /invalid transaction/i);
  const e5 = await rpcError('not hex', 'eth_sendRawTransaction', ['0xzz']);
  assert.equal(e5.code, -32602);
  assert.match(e5.message, /invalid params/i);

  // What ethers makes of them: its own codes for the ones it knows, geth's message in each.
  const seen = [];
  for (const [raw, code, rpcErr] of [
    [wrongChain, 'UNKNOWN_ERROR', e1], [cheap, 'UNKNOWN_ERROR', e2u], [stale, 'NONCE_EXPIRED', e2],
    [unpayable, 'INSUFFICIENT_FUNDS', e3], [tooMuch, 'INSUFFICIENT_FUNDS', e3b],
  ]) {
    const err = await provider.broadcastTransaction(raw).then(() => null, (e) => e);
    assert.ok(err, `ethers accepted a transaction the RPC refuses: ${rpcErr.message}`);
    assert.equal(err.code, code, `${rpcErr.message}: ethers says ${err.code}`);
    assert.equal(err.info?.error?.message ?? err.error?.message, rpcErr.message);
    seen.push(`${err.code}: ${err.shortMessage} (${rpcErr.message})`);
  }
  for (const line of seen) console.log(`# ethers: ${line}`);
  for (const e of [e1, e2u, e2, e3, e3b, e3c, e4, e5]) {
    console.log(`# rejected: ${e.code} ${e.message}`);
  }
  // Nothing changed.
  await sleep(7000); // one more block
  assert.equal(await provider.getTransactionCount(baltathar.address, 'latest'), nonce);
  assert.equal(await provider.getBalance(baltathar.address), balance);
  assert.equal(await provider.getTransactionCount(broke.address, 'latest'), 0);
  assert.equal(await provider.getBalance(broke.address), 0n);
});

test('7. the BTC bridge precompile answers ethers, and its reverts carry reasons', async () => {
  const BRIDGE = '0x000000000000000000000000000000000b7c0000';
  const SAT = 10n ** 10n; // wei
  const bridge = new ethers.Contract(
    BRIDGE,
    [
      'event WithdrawalRequested(uint64 indexed id, address indexed from, uint256 amountWei, string btcAddress)',
      'function withdraw(string btcAddress) payable returns (uint64 id)',
      'function withdrawalStatus(uint64 id) view returns (uint8 status, bytes32 btcTxid)',
      'function vaultAddress() view returns (string)',
      'function withdrawalFee(uint256 amountWei) view returns (uint256 feeWei)',
    ],
    alith,
  );
  // The fee quoted to Solidity is the runtime API's, in wei, and whole sats.
  const feeWei = await bridge.withdrawalFee(20_000n * SAT);
  const quoted = await api.call.btcBridgeApi.withdrawalFee(20_000n * 100n);
  assert.ok(quoted.isOk, `the runtime API quotes: ${quoted.toString()}`);
  assert.equal(feeWei, quoted.asOk.toBigInt() * WEI_PER_BASE_UNIT);
  assert.ok(feeWei > 0n && feeWei % SAT === 0n, `fee ${feeWei} wei`);
  report.bridgeWithdrawalFeeSat = feeWei / SAT;
  // Unknown withdrawals read as status 0.
  const [status, txid] = await bridge.withdrawalStatus(12345n);
  assert.equal(status, 0n);
  assert.equal(txid, ethers.ZeroHash);
  // Each bad withdrawal reverts with its reason, and nothing is spent.
  const balance = await provider.getBalance(alith.address);
  const cases = [
    [1n, 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', 'the amount must be whole satoshis (10^10 wei)'],
    [9_999n * SAT, 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', 'the amount is below the minimum withdrawal'],
    // The dev chain's light client follows no network until a relayer starts it.
    [20_000n * SAT, 'bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080', 'the light client follows no Bitcoin network yet'],
  ];
  for (const [value, address, reason] of cases) {
    await assert.rejects(bridge.withdraw.estimateGas(address, { value }), (e) => {
      assert.equal(e.reason, reason, `withdraw(${address}, ${value} wei)`);
      return true;
    });
    await assert.rejects(bridge.withdraw.staticCall(address, { value }), (e) => {
      assert.equal(e.code, 'CALL_EXCEPTION');
      assert.equal(e.reason, reason);
      return true;
    });
  }
  await assert.rejects(bridge.vaultAddress(), (e) => {
    assert.equal(e.reason, 'the light client follows no Bitcoin network yet');
    return true;
  });
  assert.equal(await provider.getBalance(alith.address), balance);
});

test('8. WebSocket clients use the same port: eth_subscribe newHeads and logs, eth_unsubscribe', async () => {
  const wsUrl = rpc.url.replace('http://', 'ws://');
  // Raw JSON-RPC over one socket: a newHeads subscription delivers the next head, and
  // eth_unsubscribe ends it.
  const socket = new WebSocket(wsUrl);
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });
  const replies = new Map();
  const notes = [];
  socket.on('message', (data) => {
    const m = JSON.parse(data.toString());
    if (m.id !== undefined) replies.get(m.id)?.(m);
    else notes.push(m);
  });
  const call = (id, method, params) => new Promise((resolve) => {
    replies.set(id, resolve);
    socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
  });
  try {
    const sub = await call(1, 'eth_subscribe', ['newHeads']);
    assert.equal(typeof sub.result, 'string', JSON.stringify(sub));
    const head0 = await provider.getBlockNumber();
    for (let i = 0; i < 60 && notes.length === 0; i++) await sleep(250);
    assert.ok(notes.length > 0, 'no newHeads notification within 15 s');
    const n = notes[0];
    assert.equal(n.method, 'eth_subscription');
    assert.equal(n.params.subscription, sub.result);
    assert.ok(Number(n.params.result.number) >= head0, `head ${n.params.result.number} before ${head0}`);
    assert.match(n.params.result.hash, /^0x[0-9a-f]{64}$/);
    const unsub = await call(2, 'eth_unsubscribe', [sub.result]);
    assert.equal(unsub.result, true, JSON.stringify(unsub));
    // An unknown subscription kind gets an error, not a hang.
    const bad = await call(3, 'eth_subscribe', ['noSuchKind']);
    assert.ok(bad.error, JSON.stringify(bad));
    // A plain call over the socket is forwarded like any HTTP one.
    const id = await call(4, 'eth_chainId', []);
    assert.equal(BigInt(id.result), CHAIN_ID);
  } finally {
    socket.close();
  }

  // ethers' WebSocketProvider: a Transfer log subscription sees a transfer sent over HTTP.
  const ws = new ethers.WebSocketProvider(wsUrl);
  try {
    const watched = new ethers.Contract(await token.getAddress(), token.interface, ws);
    const to = ethers.Wallet.createRandom().address;
    // ethers passes the decoded args and, last, the event payload with the raw log.
    const seen = new Promise((resolve) => {
      watched.on(watched.filters.Transfer(alith.address, to), (...args) => resolve(args[args.length - 1]));
    });
    await sleep(1000); // let the subscription register before the transfer is sent
    const sent = await token.connect(alith).transfer(to, 4321n);
    const receipt = await sent.wait();
    const got = await Promise.race([seen, sleep(30_000).then(() => null)]);
    assert.ok(got, 'no Transfer log over the WebSocket within 30 s');
    const parsed = token.interface.parseLog(got.log);
    assert.equal(parsed?.name, 'Transfer', JSON.stringify(got.log));
    assert.equal(parsed.args[0], alith.address);
    assert.equal(parsed.args[1], to);
    assert.equal(parsed.args[2], 4321n);
    assert.equal(got.log.transactionHash, receipt.hash);
    console.log(`# ws: newHeads and a Transfer log (block ${receipt.blockNumber}) arrived over ${wsUrl}`);
  } finally {
    await ws.destroy();
  }
});

test('9. a second server on a port in use exits with an error naming the port', () => {
  // The upstream server would move to a random port and say so only in its log.
  const out = spawnSync(ethRpcBinary(), [
    '--node-rpc-url', env.node.wsUrl, '--rpc-port', String(rpc.port), '--eth-pruning', '16', '--no-prometheus',
  ], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(out.status, 1, `exit ${out.status}, signal ${out.signal}:\n${out.stderr}`);
  assert.match(out.stderr, new RegExp(`cannot serve the Ethereum RPC on port ${rpc.port}`));
  console.log(`# port in use: ${out.stderr.trim().split('\n').filter((l) => l.includes('Error')).join(' | ')}`);
});
