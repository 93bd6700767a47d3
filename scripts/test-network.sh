#!/usr/bin/env bash
# Runs the multi-validator network tests (zombienet/validators.zndsl) against the locally built
# tapchain-node: 4 validators author and finalize; the BTC bridge on their 4 signers (deposit,
# withdrawals from ethers and Polkadot.js, 1 and 2 signers stopped, a fee bump); 1 killed, finality
# continues; 2 killed, finality stalls and nothing crashes; both restarted, finality catches up;
# a 5th node joins by bonding and authors finalized blocks; a restarted node keeps its finalized
# chain on disk; a validator that stops authoring is removed from the set; the bridge sweeps to
# the vault with the fifth's key and credits a deposit to the old vault in its grace period;
# last, the runtime is upgraded through the validators' council (2 of 4 ayes refused, 3 of 4
# upgrade the running network to the `upgrade-test` build).
#
#   ./scripts/test-network.sh            # setup, build if needed, run (about 30 minutes)
#   KEEP_NETWORK_DIR=1 ./scripts/test-network.sh   # keep node logs and databases afterwards
#
# zombienet (@zombienet/cli from npm, native provider) starts 5 tapchain-node processes on
# 127.0.0.1 with databases under a fresh temporary directory, from a raw `--chain local` spec
# exported here, so it edits no genesis. `scripts/test.sh` runs this after the e2e suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi

if [[ -z "${TAPCHAIN_SETUP_DONE:-}" ]]; then
	"$REPO_ROOT/scripts/setup.sh"
fi
if [[ ! -x "$TAPCHAIN_NODE_BIN" ]]; then
	echo "test-network: building tapchain-node (cargo test ${TAPCHAIN_CARGO_FLAGS[*]} --no-run)"
	cargo test "${TAPCHAIN_CARGO_FLAGS[@]}" --no-run
fi

dir="$(mktemp -d /tmp/tapchain-zombienet.XXXXXX)"
cleanup() {
	# zombienet stops its nodes on exit; this catches any left by a crash or a signal.
	pkill -f -- "--base-path $dir/" 2>/dev/null || true
	# The bridge steps' daemons (signers, relayer, eth-rpc) noted their pids.
	if [[ -f "$dir/bridge/pids" ]]; then
		xargs -r kill -9 <"$dir/bridge/pids" 2>/dev/null || true
	fi
	if [[ -n "${KEEP_NETWORK_DIR:-}" ]]; then
		echo "test-network: network directory kept: $dir"
	else
		rm -rf "$dir"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "test-network: exporting the raw local chain spec"
"$TAPCHAIN_NODE_BIN" build-spec --chain local --raw --disable-default-bootnode \
	>"$dir/local-raw.json" 2>"$dir/build-spec.log"

# The runtime the last step upgrades the network to (the same source, spec_version + 1).
echo "test-network: building the upgrade-test runtime (scripts/build-upgrade-runtime.sh)"
TAPCHAIN_UPGRADE_WASM="$("$REPO_ROOT/scripts/build-upgrade-runtime.sh")"
export TAPCHAIN_UPGRADE_WASM

export TAPCHAIN_NODE="$TAPCHAIN_NODE_BIN"
# The bridge steps (e2e/network/bridge.js) find the signer, relayer and eth-rpc beside it.
export TAPCHAIN_NODE_BIN
export TAPCHAIN_BRIDGE_DIR="$dir/bridge"
export TAPCHAIN_LOCAL_SPEC="$dir/local-raw.json"
echo "test-network: zombienet test zombienet/validators.zndsl (network in $dir/net)"
start=$(date +%s)
status=0
timeout --signal=TERM 3600 "$REPO_ROOT/zombienet/node_modules/.bin/zombienet" \
	-p native -l text -d "$dir/net" -f test "$REPO_ROOT/zombienet/validators.zndsl" || status=$?
elapsed=$(($(date +%s) - start))
if [[ $status -ne 0 ]]; then
	echo "test-network: FAILED (exit $status) after $elapsed s; last lines of each node's log:" >&2
	for log in "$dir"/net/*.log; do
		[[ -f "$log" ]] || continue
		echo "--- $log" >&2
		tail -n 25 "$log" >&2
	done
	KEEP_NETWORK_DIR=1
	exit "$status"
fi
echo "test-network: all network tests passed in $elapsed s"
