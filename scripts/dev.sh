#!/usr/bin/env bash
# Installs what is missing, builds, and starts a single-validator Tapchain dev chain (Alice).
# Ctrl-C stops it. State lives in a temporary directory unless TAPCHAIN_BASE_PATH is set.
#
#   ./scripts/dev.sh                 # ws://127.0.0.1:9944
#   ./scripts/dev.sh --rpc-port 9955 # extra flags go to tapchain-node
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

"$REPO_ROOT/scripts/setup.sh"

echo "dev: building tapchain-node (cargo test ${TAPCHAIN_CARGO_FLAGS[*]} --no-run; same build as the tests)"
cargo test "${TAPCHAIN_CARGO_FLAGS[@]}" --no-run

base="${TAPCHAIN_BASE_PATH:-}"
cleanup_base=0
if [[ -z "$base" ]]; then
	base="$(mktemp -d -t tapchain-dev-XXXXXX)"
	cleanup_base=1
fi

node_pid=""
cleanup() {
	if [[ -n "$node_pid" ]] && kill -0 "$node_pid" 2>/dev/null; then
		kill "$node_pid" 2>/dev/null || true
		wait "$node_pid" 2>/dev/null || true
	fi
	if ((cleanup_base)); then rm -rf "$base"; fi
}
trap cleanup EXIT INT TERM

"$TAPCHAIN_NODE_BIN" --dev --base-path "$base" --rpc-cors all --prometheus-port 9615 "$@" &
node_pid=$!

for _ in $(seq 1 120); do
	if curl -s -o /dev/null -H 'content-type: application/json' \
		-d '{"jsonrpc":"2.0","id":1,"method":"system_health","params":[]}' http://127.0.0.1:9944; then
		break
	fi
	if ! kill -0 "$node_pid" 2>/dev/null; then
		echo "dev: tapchain-node exited; see its output above" >&2
		exit 1
	fi
	sleep 0.5
done

cat <<MSG

  Tapchain dev chain is running (Alice authors and finalizes, a block every 6 s).

    Substrate RPC   ws://127.0.0.1:9944   (HTTP on the same port)
    Prometheus      http://127.0.0.1:9615/metrics
    base path       $base

  Polkadot.js Apps: open https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944
  (or Settings -> Development -> custom endpoint ws://127.0.0.1:9944). No custom types needed.
  Dev accounts //Alice .. //Ferdie hold 1,000,000 BTC each.

  Ctrl-C stops the node.
MSG

wait "$node_pid"
