#!/usr/bin/env bash
# Throughput benchmarks on this machine (no timing asserts anywhere; numbers are printed):
#   1. blocks produced and finalized by `tapchain-node --dev` in 60 s;
#   2. the relayer's sync rate: 10,000 real mainnet headers into a fresh dev node through the
#      mock bitcoind (e2e/mock-bitcoind), at --batch-size 2016.
# Needs a build (./scripts/test.sh or ./scripts/dev.sh once). Cleans up what it starts.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
exec python3 "$REPO_ROOT/scripts/bench.py" "$@"
