#!/usr/bin/env bash
# Runs the FRAME benchmarks of Tapchain's pallets in the WASM runtime and prints the measured
# weights (what pallets/*/src/weights.rs are written from).
#
#   ./scripts/benchmark-weights.sh                  # pallet_btc_light_client, 20 steps x 10 repeats
#   STEPS=50 REPEAT=20 ./scripts/benchmark-weights.sh
#
# Builds tapchain-node with `--features runtime-benchmarks` (a second build next to the normal
# one: on 2 cores about 25 minutes the first time). The benchmark CLI's storage-access test
# runtime is not needed for pallet benchmarks, so its WASM build is skipped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
PALLET="${PALLET:-pallet_btc_light_client}"
cargo build --release --locked -p tapchain-node --features runtime-benchmarks
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$TAPCHAIN_NODE_BIN" benchmark pallet --chain dev --pallet "$PALLET" --extrinsic '*' \
	--steps "${STEPS:-20}" --repeat "${REPEAT:-10}" --output "$out/weights.rs"
cat "$out/weights.rs"
