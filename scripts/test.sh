#!/usr/bin/env bash
# Runs every Tapchain test:
#   1. setup (installs whatever is missing), then `cargo fmt --check` (rustfmt.toml);
#   2. `cargo test` over the whole workspace, release profile. This also builds tapchain-node:
#      the node's CLI tests need the binary, so it comes out of this same build; then the
#      musig2 cross-check of the threshold signer's KeyAgg (tools/musig2-crosscheck);
#   3. the e2e suite (e2e/, node's test runner) against that binary;
#   4. the multi-validator network tests (scripts/test-network.sh: zombienet, 5 local nodes).
# Same profile, features and flags as scripts/dev.sh, so nothing is built twice.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/setup.sh"

echo "test: cargo fmt --check"
if ! cargo fmt --all -- --check >/dev/null; then
	echo "test: code is not formatted as rustfmt.toml says; run \`cargo fmt --all\` and commit" >&2
	cargo fmt --all -- --check | head -40 >&2
	exit 1
fi

echo "test: cargo test ${TAPCHAIN_CARGO_FLAGS[*]} (target: $CARGO_TARGET_DIR)"
start=$(date +%s)
cargo test "${TAPCHAIN_CARGO_FLAGS[@]}"
echo "test: cargo test finished in $(($(date +%s) - start)) s"

# Its own workspace and target dir: musig2 would change features the node's crates share.
echo "test: KeyAgg against the musig2 crate (tools/musig2-crosscheck)"
(cd "$REPO_ROOT/tools/musig2-crosscheck" &&
	CARGO_TARGET_DIR="$(dirname "$CARGO_TARGET_DIR")/target-crosscheck" cargo test --release --locked)

if [[ ! -x "$TAPCHAIN_NODE_BIN" ]]; then
	echo "test: $TAPCHAIN_NODE_BIN was not built by cargo test" >&2
	exit 1
fi

echo "test: e2e suite against $TAPCHAIN_NODE_BIN"
export TAPCHAIN_NODE_BIN
start=$(date +%s)
(cd "$REPO_ROOT/e2e" && node --test --test-concurrency=1 tests/)
echo "test: e2e suite finished in $(($(date +%s) - start)) s"

echo "test: network tests (zombienet)"
TAPCHAIN_SETUP_DONE=1 "$REPO_ROOT/scripts/test-network.sh"
echo "test: all tests passed"
