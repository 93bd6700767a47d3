#!/usr/bin/env bash
# Builds the runtime the network test upgrades to: this source with `--features upgrade-test`,
# which differs from the normal runtime only in `spec_version` (one higher), compressed the way
# `system.setCode` takes it (zstd behind polkadot-sdk's 8-byte magic), and prints its path.
#
#   ./scripts/build-upgrade-runtime.sh          # after the normal build (cargo test ... --no-run)
#   ./scripts/build-upgrade-runtime.sh --help
#
# It reuses the WASM project and target dir that the normal build's substrate-wasm-builder made
# ($CARGO_TARGET_DIR/release/wbuild/tapchain-runtime) with the same RUSTFLAGS, so every dependency
# is already built and only tapchain-runtime is compiled again (under a minute on 2 cores): its
# feature set differs, so cargo keeps both artifacts side by side and the normal build stays
# fresh. The package gets its own name, so its .wasm never overwrites the normal one.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$REPO_ROOT"

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
	sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
fi

say() { printf 'build-upgrade-runtime: %s\n' "$*" >&2; }

wb="$CARGO_TARGET_DIR/release/wbuild/tapchain-runtime"
if [[ ! -f "$wb/Cargo.toml" ]]; then
	say "$wb/Cargo.toml is missing: build first (cargo test ${TAPCHAIN_CARGO_FLAGS[*]} --no-run)"
	exit 1
fi
proj="$CARGO_TARGET_DIR/release/wbuild/tapchain-runtime-upgrade-test"
mkdir -p "$proj/src"
cp "$wb/src/lib.rs" "$proj/src/lib.rs"
cp "$wb/Cargo.lock" "$proj/Cargo.lock"
# The wasm project's manifest with another package name and `upgrade-test` added to the
# runtime dependency's features.
python3 - "$wb/Cargo.toml" "$proj/Cargo.toml" <<'EOF'
import re, sys
src, dst = sys.argv[1], sys.argv[2]
text = open(src).read()
text, n = re.subn(r'(?m)^name = "tapchain-runtime-blob"$', 'name = "tapchain-runtime-upgrade-test-blob"', text)
if n != 1:
    sys.exit("build-upgrade-runtime: unexpected wasm project manifest (package name)")
text, n = re.subn(r'(?m)^(name = )"tapchain_runtime"$', r'\1"tapchain_runtime_upgrade_test"', text)
text, n = re.subn(r'(features = \[)', r'\1"upgrade-test", ', text, count=1)
if n != 1:
    sys.exit("build-upgrade-runtime: unexpected wasm project manifest (features)")
open(dst, "w").write(text)
EOF

say "compiling tapchain-runtime with --features upgrade-test for wasm32v1-none"
# Exactly the flags and environment substrate-wasm-builder gives its own build.
env -u CARGO_ENCODED_RUSTFLAGS -u RUSTC \
	RUSTFLAGS="-C link-arg=--export-table -C link-arg=--export=__heap_base -C link-arg=--import-memory --cfg substrate_runtime " \
	CARGO_TARGET_DIR="$wb/target" SKIP_WASM_BUILD="" \
	cargo rustc --target=wasm32v1-none --manifest-path="$proj/Cargo.toml" --profile release >&2

bloaty="$wb/target/wasm32v1-none/release/tapchain_runtime_upgrade_test.wasm"
if [[ ! -f "$bloaty" ]]; then
	say "no $bloaty after the build"
	exit 1
fi
out="$CARGO_TARGET_DIR/release/tapchain_runtime_upgrade_test.compressed.wasm"
# sp-maybe-compressed-blob's format: its magic, then one zstd frame.
{
	printf '\x52\xbc\x53\x76\x46\xdb\x8e\x05'
	zstd -q -c -19 "$bloaty"
} >"$out.tmp"
mv "$out.tmp" "$out"
say "$(stat -c %s "$bloaty") bytes, compressed to $(stat -c %s "$out") bytes: $out"
echo "$out"
