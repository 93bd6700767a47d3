#!/usr/bin/env bash
# Runs the FRAME benchmarks of Tapchain's pallets in the WASM runtime and writes the pallet's
# `src/weights.rs` from them, with scripts/frame-weight-template.hbs (trait, `SubstrateWeight`
# with the proof-size summary, and `()` priced on ParityDB for tests). Never edit weights by hand.
#
#   ./scripts/benchmark-weights.sh                              # pallet_btc_light_client
#   PALLET=pallet_validator_set ./scripts/benchmark-weights.sh
#   STEPS=50 REPEAT=20 ./scripts/benchmark-weights.sh
#   OUTPUT=/tmp/w.rs ./scripts/benchmark-weights.sh             # somewhere else
#
# Builds tapchain-node with `--features runtime-benchmarks` (a second build next to the normal
# one: on 2 cores about 25 minutes the first time, 7 minutes after a pallet change). The
# benchmark CLI's storage-access test runtime is not needed for pallet benchmarks, so its WASM
# build is skipped.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
PALLET="${PALLET:-pallet_btc_light_client}"
# pallet_btc_light_client -> pallets/btc-light-client
dir="pallets/$(echo "${PALLET#pallet_}" | tr _ -)"
if [[ ! -d "$dir" ]]; then
	echo "benchmark-weights: no pallet directory $dir for $PALLET" >&2
	exit 1
fi
OUTPUT="${OUTPUT:-$dir/src/weights.rs}"
echo "benchmark-weights: building tapchain-node with runtime-benchmarks"
cargo build --release --locked -p tapchain-node --features runtime-benchmarks
echo "benchmark-weights: running $PALLET (steps ${STEPS:-20}, repeat ${REPEAT:-10}) -> $OUTPUT"
"$TAPCHAIN_NODE_BIN" benchmark pallet --chain dev --pallet "$PALLET" --extrinsic '*' \
	--steps "${STEPS:-20}" --repeat "${REPEAT:-10}" \
	--template "$REPO_ROOT/scripts/frame-weight-template.hbs" --output "$OUTPUT"
echo "benchmark-weights: wrote $OUTPUT"
