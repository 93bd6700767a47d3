// How many ERC-20 transfers a dev node puts in a block when the pool is kept full.
//
// Starts a throwaway dev node and tapchain-eth-rpc, deploys the test ERC-20, funds senders, then
// signs `--txs` transfers (spread over the dev keys, client-side nonces) and submits them all at
// once. Prints, per block, how many of them it included and the block's gas price
// (`baseFeePerGas`, which the fee multiplier moves with block fullness); the full blocks are the
// throughput. Once the first flood block is in, a MetaMask-style transfer is sent from another
// account: fees from `eth_feeHistory` (MetaMask's "medium": 1.2 × the next block's base fee plus
// the 20th-percentile tip) and gas = 1.5 × the estimate; the bench prints how many blocks it
// waited. No assertion on timing: this is a measurement (scripts/bench.sh runs it).
import { ethers } from 'ethers';
import { startNode, sleep } from '../lib/node.js';
import { startEthRpc, rawCall, ETH_DEV_KEYS } from '../lib/ethrpc.js';
import { compileContracts } from '../lib/solc.js';


/** wei → gwei with 4 decimals, as a string. */
function gwei(wei) {
  return (Number(wei / 100_000n) / 10_000).toFixed(4);
}

function arg(name, dflt) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}

async function main() {
  const total = arg('txs', 2000);
  const node = await startNode(['--dev']);
  const rpc = await startEthRpc(node, { pruning: 256 });
  try {
    const provider = new ethers.JsonRpcProvider(rpc.url, undefined, { staticNetwork: true, pollingInterval: 500 });
    const wallets = ETH_DEV_KEYS.map((k) => new ethers.Wallet(k, provider));
    const { chainId } = await provider.getNetwork();
    const { Token } = compileContracts();
    const token = await new ethers.ContractFactory(Token.abi, Token.bytecode, wallets[0]).deploy('Bench', 'B', 10n ** 30n);
    await token.waitForDeployment();
    // Every sender holds tokens, and every recipient already holds some, so each measured
    // transfer is the common case: two existing balances updated, no new storage.
    const recipients = Array.from({ length: 16 }, () => ethers.Wallet.createRandom().address);
    const user = ethers.Wallet.createRandom().connect(provider);
    let nonce = await provider.getTransactionCount(wallets[0].address, 'pending');
    const setup = [];
    for (const to of [...wallets.slice(1).map((w) => w.address), ...recipients, user.address]) {
      setup.push(await token.transfer(to, 10n ** 24n, { nonce: nonce++ }));
    }
    setup.push(await wallets[0].sendTransaction({ to: user.address, value: 10n ** 17n, nonce: nonce++ }));
    await Promise.all(setup.map((t) => t.wait()));
    console.log(`erc20 bench: token at ${await token.getAddress()}, ${wallets.length} senders, ${recipients.length} recipients`);

    const fee = await provider.getFeeData();
    const iface = token.interface;
    const to = await token.getAddress();
    const nonces = await Promise.all(wallets.map((w) => provider.getTransactionCount(w.address, 'pending')));
    // Gas limit from a real estimate plus headroom, as a wallet would (`--headroom` percent,
    // default 100 = twice the estimate). Blocks fill by the weight a gas limit reserves, so the
    // headroom bounds how many fit.
    const headroom = BigInt(arg('headroom', 100));
    const estimate = await token.transfer.estimateGas(recipients[0], 1n);
    const gas = (estimate * (100n + headroom)) / 100n;
    console.log(`erc20 bench: estimateGas ${estimate}, gas limit ${gas} (+${headroom}%)`);
    const raws = [];
    const tSign = Date.now();
    for (let i = 0; i < total; i++) {
      const w = i % wallets.length;
      raws.push(await wallets[w].signTransaction({
        type: 2, chainId, to, nonce: nonces[w]++, gasLimit: gas,
        maxFeePerGas: fee.maxFeePerGas, maxPriorityFeePerGas: 0n,
        data: iface.encodeFunctionData('transfer', [recipients[i % recipients.length], 1n]),
      }));
    }
    console.log(`erc20 bench: signed ${raws.length} transfers in ${((Date.now() - tSign) / 1000).toFixed(1)} s; submitting 64 at a time`);
    const start = await provider.getBlockNumber();
    const t0 = Date.now();
    // eth-rpc handles one eth_sendRawTransaction in ~80 ms (it waits for the pool's verdict),
    // so submit 64 at a time in parallel to keep the pool ahead of the blocks.
    let rejected = 0;
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < raws.length) {
        const raw = raws[next++];
        const r = await rawCall(rpc.url, 'eth_sendRawTransaction', [raw]);
        if (r.error) {
          if (rejected === 0) console.log(`erc20 bench: first rejection: ${JSON.stringify(r.error)}`);
          rejected += 1;
        }
        done += 1;
        if (done % 250 === 0) console.log(`erc20 bench: submitted ${done} / ${raws.length} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      }
    };
    await Promise.all(Array.from({ length: 64 }, worker));
    console.log(`erc20 bench: submitted ${raws.length} signed transfers in ${((Date.now() - t0) / 1000).toFixed(1)} s (${rejected} rejected)`);

    // The MetaMask-style transfer, prepared now (its estimate is taken before the flood's blocks
    // change anything) and sent once the first flood block is in.
    const userToken = token.connect(user);
    const userGas = ((await userToken.transfer.estimateGas(recipients[1], 1n)) * 3n) / 2n;
    const metamask = { sent: null, hash: null, landed: null, maxFee: 0n };
    const sendMetaMaskStyle = async (head) => {
      const hist = await rawCall(rpc.url, 'eth_feeHistory', ['0x5', 'latest', [20]]);
      const bases = hist.result.baseFeePerGas.map(BigInt);
      const nextBase = bases[bases.length - 1];
      const tips = (hist.result.reward || []).map((r) => BigInt(r[0])).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const tip = tips.length ? tips[Math.floor(tips.length / 2)] : 0n;
      metamask.maxFee = (nextBase * 120n) / 100n + tip;
      const raw = await user.signTransaction({
        type: 2, chainId, to, nonce: await provider.getTransactionCount(user.address, 'pending'),
        gasLimit: userGas, maxFeePerGas: metamask.maxFee, maxPriorityFeePerGas: tip,
        data: iface.encodeFunctionData('transfer', [recipients[1], 1n]),
      });
      const r = await rawCall(rpc.url, 'eth_sendRawTransaction', [raw]);
      if (r.error) throw new Error(`the MetaMask-style transfer was refused: ${JSON.stringify(r.error)}`);
      metamask.sent = head;
      metamask.hash = r.result;
      console.log(`erc20 bench: MetaMask-style transfer sent after block ${head}: eth_feeHistory base fees ` +
        `[${bases.map(gwei).join(', ')}] gwei, maxFeePerGas ${gwei(metamask.maxFee)} gwei, tip ${tip}, gas ${userGas}`);
    };

    let included = 0;
    const perBlock = [];
    let n = start + 1;
    let emptyAfter = 0;
    const deadline = Date.now() + 20 * 60_000;
    // Until every accepted transfer is in, or three empty blocks in a row show that the pool has
    // dropped the rest (a transfer whose fee cap the rising base fee overtook is invalid).
    while (included < raws.length - rejected && emptyAfter < 3 && Date.now() < deadline) {
      const head = await provider.getBlockNumber();
      if (head < n) { await sleep(500); continue; }
      const block = await rawCall(rpc.url, 'eth_getBlockByNumber', [`0x${n.toString(16)}`, false]);
      const txs = block.result.transactions;
      const mine = metamask.hash && txs.includes(metamask.hash);
      if (mine) metamask.landed = n;
      const count = txs.length - (mine ? 1 : 0);
      const gasUsed = BigInt(block.result.gasUsed);
      perBlock.push(count);
      included += count;
      emptyAfter = count === 0 && included > 0 ? emptyAfter + 1 : 0;
      console.log(`erc20 bench: block ${n}: ${count} ERC-20 transfers${mine ? ' + the MetaMask-style one' : ''}, ` +
        `gasUsed ${gasUsed}, baseFeePerGas ${gwei(BigInt(block.result.baseFeePerGas))} gwei`);
      if (count > 0 && !metamask.sent) await sendMetaMaskStyle(n);
      n += 1;
    }
    // The MetaMask-style transfer may land after the flood.
    if (metamask.hash && !metamask.landed) {
      for (let i = 0; i < 40 && !metamask.landed; i++) {
        const r = await rawCall(rpc.url, 'eth_getTransactionReceipt', [metamask.hash]);
        if (r.result) metamask.landed = Number(r.result.blockNumber);
        else await sleep(500);
      }
    }
    const gasPrice = await rawCall(rpc.url, 'eth_gasPrice', []);
    const nonEmpty = perBlock.filter((c) => c > 0);
    const max = Math.max(...perBlock);
    console.log(`erc20 bench: ${included} transfers in ${perBlock.length} blocks (${raws.length - rejected - included} dropped); most in one block: ${max}; ` +
      `mean over non-empty blocks: ${(included / nonEmpty.length).toFixed(0)} (${(max / 6).toFixed(0)} transfers/s at a 6 s block)`);
    console.log(`erc20 bench: MetaMask-style transfer (maxFeePerGas ${gwei(metamask.maxFee)} gwei) sent after block ${metamask.sent}, ` +
      (metamask.landed ? `in block ${metamask.landed}: ${metamask.landed - metamask.sent} block(s) later` : 'never landed'));
    console.log(`erc20 bench: eth_gasPrice after the flood: ${gwei(BigInt(gasPrice.result))} gwei`);
  } finally {
    await rpc.stop();
    await node.stop();
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
