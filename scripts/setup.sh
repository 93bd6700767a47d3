#!/usr/bin/env bash
# Installs what building and testing Tapchain needs, and only what is missing:
#   - Debian packages: clang/libclang (secp256k1 for wasm, bindgen), protobuf-compiler (libp2p),
#     python3 (the mock bitcoind of the relayer tests), zstd (compresses the network test's
#     upgrade runtime),
#     pkg-config + libssl-dev (litep2p's WebRTC), make, curl, nodejs + npm when absent;
#   - the rustup target wasm32v1-none for the WASM runtime;
#   - the npm packages of e2e/ and examples/hardhat/ (from their package-lock.json).
# Idempotent: a second run prints "ok" lines and changes nothing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

say() { printf 'setup: %s\n' "$*"; }

# --- Debian packages -------------------------------------------------------------------------
need_pkgs=()
for pkg in clang libclang-dev protobuf-compiler pkg-config libssl-dev make curl git ca-certificates python3 zstd; do
	if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
		:
	else
		need_pkgs+=("$pkg")
	fi
done
if ! command -v node >/dev/null 2>&1; then need_pkgs+=(nodejs); fi
if ! command -v npm >/dev/null 2>&1; then need_pkgs+=(npm); fi

if ((${#need_pkgs[@]})); then
	SUDO=""
	if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
	say "installing Debian packages: ${need_pkgs[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
	say "installed ${need_pkgs[*]}"
else
	say "ok: Debian packages present"
fi

# --- Rust ------------------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 || ! command -v rustup >/dev/null 2>&1; then
	echo "setup: cargo/rustup not found. Install Rust with rustup (stable >= 1.88), then rerun." >&2
	exit 1
fi
if rustup target list --installed | grep -qx wasm32v1-none; then
	say "ok: rustup target wasm32v1-none"
else
	say "adding rustup target wasm32v1-none"
	rustup target add wasm32v1-none
fi

if rustup component list --installed 2>/dev/null | grep -q '^rustfmt'; then
	say "ok: rustup component rustfmt"
else
	say "adding rustup component rustfmt (scripts/test.sh runs cargo fmt --check)"
	rustup component add rustfmt
fi

# --- npm packages: e2e, the Hardhat example, zombienet ------------------------------------------------
# Each directory is installed from its package-lock.json, and only again when that file changes.
for dir in "$REPO_ROOT/e2e" "$REPO_ROOT/examples/hardhat" "$REPO_ROOT/zombienet"; do
	name="${dir#"$REPO_ROOT"/}"
	stamp="$dir/node_modules/.tapchain-lock-stamp"
	if [[ -f "$stamp" ]] && cmp -s "$dir/package-lock.json" "$stamp"; then
		say "ok: $name npm packages"
	else
		say "installing $name npm packages (npm ci)"
		(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
		cp "$dir/package-lock.json" "$stamp"
	fi
done

mkdir -p "$CARGO_TARGET_DIR"
say "done (target dir: $CARGO_TARGET_DIR)"
