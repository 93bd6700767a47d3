#!/usr/bin/env bash
# Throughput benchmarks on this machine (no timing asserts anywhere; numbers are printed):
#   1. blocks produced and finalized by `tapchain-node --dev` in 60 s;
#   2. the relayer's sync rate: 10,000 real mainnet headers into a fresh dev node through the
#      mock bitcoind (e2e/mock-bitcoind), at --batch-size 2016;
#   3. ERC-20 transfers per block: 2,000 signed transfers pushed through tapchain-eth-rpc at once
#      (e2e/bench/erc20-per-block.js), with each block's gas price (baseFeePerGas) as the fee
#      multiplier climbs, and how many blocks a MetaMask-style transfer sent mid-flood waits
#      (--erc20-txs N for a longer flood).
# Needs a build (./scripts/test.sh or ./scripts/dev.sh once). Cleans up what it starts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec python3 "$REPO_ROOT/scripts/bench.py" "$@"
