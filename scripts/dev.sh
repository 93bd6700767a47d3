#!/usr/bin/env bash
# Installs what is missing, builds, and starts a single-validator Tapchain dev chain (Alice) with
# its Ethereum JSON-RPC (tapchain-eth-rpc), Alice's threshold signer (tapchain-signer, with the
# well-known dev BTC key of //Alice) and a relayer (tapchain-relayer: headers, and the BTC
# bridge's deposits, broadcasts and proofs) from a regtest bitcoind. Ctrl-C stops them all.
# State lives in a temporary directory unless TAPCHAIN_BASE_PATH is set.
#
#   ./scripts/dev.sh                 # Substrate ws://127.0.0.1:9944, Ethereum http://127.0.0.1:8545
#   ./scripts/dev.sh --rpc-port 9955 # extra flags go to tapchain-node
#   ETH_RPC_PORT=8546 ./scripts/dev.sh
#   BITCOIND_URL=http://127.0.0.1:18443 BITCOIND_COOKIE=~/.bitcoin/regtest/.cookie ./scripts/dev.sh
#                                    # relay from your own bitcoind -regtest; without BITCOIND_URL
#                                    # the regtest stand-in of e2e/mock-bitcoind runs on port 18443
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

eth_port="${ETH_RPC_PORT:-8545}"
node_port=9944
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
	case "${args[$i]}" in
	--rpc-port) node_port="${args[$((i + 1))]:-9944}" ;;
	--rpc-port=*) node_port="${args[$i]#--rpc-port=}" ;;
	esac
done

node_pid=""
eth_pid=""
signer_pid=""
relayer_pid=""
mock_pid=""
cleanup() {
	for pid in "$relayer_pid" "$mock_pid" "$signer_pid" "$eth_pid" "$node_pid"; do
		if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
			kill "$pid" 2>/dev/null || true
			wait "$pid" 2>/dev/null || true
		fi
	done
	if ((cleanup_base)); then rm -rf "$base"; fi
}
trap cleanup EXIT INT TERM

# wait_for NAME PID PORT METHOD: polls a JSON-RPC method until it answers; fails if the process
# exits or does not answer within 120 s.
wait_for() {
	local name="$1" pid="$2" port="$3" method="$4"
	for _ in $(seq 1 240); do
		if curl -s -o /dev/null -H 'content-type: application/json' \
			-d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$method\",\"params\":[]}" "http://127.0.0.1:$port"; then
			return 0
		fi
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "dev: $name exited; see its output above" >&2
			exit 1
		fi
		sleep 0.5
	done
	echo "dev: $name did not answer $method on port $port within 120 s" >&2
	exit 1
}

"$TAPCHAIN_NODE_BIN" --dev --base-path "$base" --rpc-cors all --prometheus-port 9615 "$@" &
node_pid=$!
wait_for tapchain-node "$node_pid" "$node_port" system_health

# The Ethereum JSON-RPC. An in-memory receipt index of the last 1,024 blocks: the dev node is
# not an archive node, so there is no older history to index anyway.
"$TAPCHAIN_ETH_RPC_BIN" --node-rpc-url "ws://127.0.0.1:$node_port" --rpc-port "$eth_port" \
	--eth-pruning 1024 --rpc-cors all --prometheus-port 9616 &
eth_pid=$!
wait_for tapchain-eth-rpc "$eth_pid" "$eth_port" eth_chainId
# Alice's signer: the dev chain's 1-of-1 vault is her dev BTC key (SHA-256 of
# "tapchain-dev-btc-key//Alice"; public, never for real coins). It signs the rounds governance
# opens (thresholdSigner.openRound through sudo) after checking them itself.
signer_key="$base/alice-signer.key"
if [[ ! -e "$signer_key" ]]; then
	"$TAPCHAIN_SIGNER_BIN" keygen --dev //Alice --out "$signer_key" >/dev/null
fi
"$TAPCHAIN_SIGNER_BIN" run --key "$signer_key" --signer //Alice --url "ws://127.0.0.1:$node_port" \
	--vault-value-sat 2100000000000000 --state "$base/alice-signer-state.json" &
signer_pid=$!

# The relayer. Without BITCOIND_URL, the regtest stand-in (not Bitcoin Core: the same RPC
# methods in Core's format, and Core's regtest mining calls) so that the bridge works offline.
if [[ -z "${BITCOIND_URL:-}" ]]; then
	btc_port="${MOCK_BITCOIND_PORT:-18443}"
	python3 "$REPO_ROOT/e2e/mock-bitcoind/mock_bitcoind.py" --regtest 1 --port "$btc_port" &
	mock_pid=$!
	wait_for "the regtest stand-in" "$mock_pid" "$btc_port" getblockchaininfo
	export BITCOIND_URL="http://127.0.0.1:$btc_port"
	btc_desc="regtest stand-in $BITCOIND_URL (e2e/mock-bitcoind; mine with generatetoaddress/generateblock)"
else
	btc_desc="your bitcoind $BITCOIND_URL"
fi
# Initializing the light client needs root (//Alice, the dev sudo key); the relayer that runs
# after it signs as //Ferdie, so that its nonces never race the signer's (//Alice).
"$TAPCHAIN_RELAYER_BIN" --node-url "ws://127.0.0.1:$node_port" --signer //Alice run \
	--init-height "${TAPCHAIN_BTC_INIT_HEIGHT:-0}" --once --no-bridge
"$TAPCHAIN_RELAYER_BIN" --node-url "ws://127.0.0.1:$node_port" --signer //Ferdie run \
	--poll-interval 2 &
relayer_pid=$!

cat <<MSG

  Tapchain dev chain is running (Alice authors and finalizes, a block every 6 s).

    Substrate RPC   ws://127.0.0.1:$node_port   (HTTP on the same port)
    Ethereum RPC    http://127.0.0.1:$eth_port
    Prometheus      http://127.0.0.1:9615/metrics (node), :9616 (eth-rpc)
    base path       $base

  MetaMask -> Add network manually:
    Network name     Tapchain dev
    RPC URL          http://127.0.0.1:$eth_port
    Chain ID         5521744   (0x544150)
    Currency symbol  BTC
    Decimals         18 (MetaMask's fixed EVM unit; 1 BTC = 10^18 wei, 1 sat = 10^10 wei)
  Import a funded dev key, e.g. Alith
    0x5fb92d6e98884f76de468fa3f6278f8807c48bebc13595d45af5bdc4da702133
  (0xf24FF3a9CF04c71Dbc94D0b566f7A27B94566cac, 1,000,000 BTC; never use it on a real chain).

  Polkadot.js Apps: open https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A$node_port
  (or Settings -> Development -> custom endpoint). No custom types needed.
  Dev accounts //Alice .. //Ferdie hold 1,000,000 BTC each.

  Threshold signer  tapchain-signer for //Alice (dev BTC key), log target "signer"
  Vault             api.call.thresholdSignerApi.currentVault(), or
                    scripts/check-vault.py --url http://127.0.0.1:$node_port
  Relayer           tapchain-relayer as //Ferdie, from the $btc_desc
  BTC bridge        deposit address: vaultAddress() on 0x000000000000000000000000000000000b7c0000,
                    or api.call.btcBridgeApi.depositScripts(); see README "The BTC bridge"

  Ctrl-C stops them all.
MSG

# If any process dies, stop the others too (the trap does it).
wait -n "$node_pid" "$eth_pid" "$signer_pid" "$relayer_pid"
