# Sourced by every script: one target dir, one profile, one command line, so that no two scripts
# build the tree twice. CI (`.ci/run`) uses the same defaults and so reuses the warm cache.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/tapchain/target}"
# The WASM builder runs its own cargo; point it at our Cargo.lock so it resolves the same versions.
export WASM_BUILD_WORKSPACE_HINT="$REPO_ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# The single build line. Tests, the node binary and e2e all come out of it (profile: release).
TAPCHAIN_CARGO_FLAGS=(--release --workspace --locked)
TAPCHAIN_NODE_BIN="$CARGO_TARGET_DIR/release/tapchain-node"
TAPCHAIN_ETH_RPC_BIN="$CARGO_TARGET_DIR/release/tapchain-eth-rpc"
TAPCHAIN_SIGNER_BIN="$CARGO_TARGET_DIR/release/tapchain-signer"
TAPCHAIN_RELAYER_BIN="$CARGO_TARGET_DIR/release/tapchain-relayer"
# pallet-revive-eth-rpc reads the metadata of revive's dev runtime at build time, natively; its
# WASM blob is never used, so do not spend minutes compiling it.
export SKIP_REVIVE_DEV_RUNTIME_WASM_BUILD=1
