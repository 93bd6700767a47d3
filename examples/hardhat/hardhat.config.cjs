// Hardhat on Tapchain, fully offline: the compiler is solc-js from node_modules (the npm `solc`
// package), never a download from binaries.soliditylang.org.
require('@nomicfoundation/hardhat-ethers');
const path = require('node:path');
const { subtask } = require('hardhat/config');
const { TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD } = require('hardhat/builtin-tasks/task-names');

const SOLC_VERSION = require('solc/package.json').version; // 0.8.28, pinned in package.json

subtask(TASK_COMPILE_SOLIDITY_GET_SOLC_BUILD, async (args, hre, runSuper) => {
  if (args.solcVersion !== SOLC_VERSION) return runSuper();
  const solc = require('solc');
  return {
    compilerPath: path.join(path.dirname(require.resolve('solc')), 'soljson.js'),
    isSolcJs: true,
    version: args.solcVersion,
    longVersion: solc.version(),
  };
});

// Alith, a well-known dev key funded in Tapchain's dev genesis. Never use it on a real chain.
const ALITH = '0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133';

module.exports = {
  solidity: {
    version: SOLC_VERSION,
    settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 } },
  },
  networks: {
    tapchain: {
      url: process.env.TAPCHAIN_ETH_RPC || 'http://127.0.0.1:8545',
      chainId: 5521744,
      accounts: process.env.TAPCHAIN_DEPLOYER_KEY ? [process.env.TAPCHAIN_DEPLOYER_KEY] : [ALITH],
    },
  },
};
