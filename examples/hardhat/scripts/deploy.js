// Deploys Counter, calls it, and prints what happened. `npm run deploy` (network `tapchain`).
const hre = require('hardhat');

async function main() {
  const [deployer] = await hre.ethers.getSigners();
  const { chainId } = await hre.ethers.provider.getNetwork();
  const balance = await hre.ethers.provider.getBalance(deployer.address);
  console.log(`deployer ${deployer.address} on chain ${chainId}, ${hre.ethers.formatEther(balance)} BTC`);

  const counter = await hre.ethers.deployContract('Counter', [41]);
  const deployTx = counter.deploymentTransaction();
  const receipt = await deployTx.wait();
  const address = await counter.getAddress();
  console.log(`Counter deployed at ${address} in block ${receipt.blockNumber} (gas ${receipt.gasUsed})`);

  const tx = await counter.increment();
  await tx.wait();
  const count = await counter.count();
  console.log(`count after increment: ${count}`);
  if (count !== 42n) throw new Error(`expected 42, got ${count}`);
  // Machine-readable last line for scripts and tests.
  console.log(JSON.stringify({ address, count: count.toString(), deployGas: receipt.gasUsed.toString() }));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
