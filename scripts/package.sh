#!/usr/bin/env bash
# Builds the npm and the Python package of trinocfg into target/packages/:
#   trinocfg-<version>.tgz            (`npm pack` of crates/npm/package with the WebAssembly)
#   trinocfg-<version>-*-abi3-*.whl   (maturin, from crates/python)
# Installs its tools first: the web toolchain of the playground (scripts/install-web-tools.sh:
# Debian's rustc-web, wasm-bindgen-cli at the pinned version, binaryen's wasm-opt) and maturin
# at the version pinned below, in a private venv under target/tools. Skip the installs with
# TRINOCFG_SKIP_INSTALL=1. Options: --npm or --python builds only that one; --clippy also
# checks the formatting of both crates and runs clippy -D warnings on them (the npm crate for
# wasm32, the Python crate natively).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/target/packages"
MATURIN_VERSION=1.16.0

npm=1
python=1
clippy=0
for arg in "$@"; do
    case "$arg" in
        --npm) python=0 ;;
        --python) npm=0 ;;
        --clippy) clippy=1 ;;
        *) echo "package: unknown option $arg" >&2; exit 2 ;;
    esac
done

# One version everywhere: the workspace's, the npm crate's and package's, the Python crate's.
version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")"
crate_version() { sed -n '/^\[package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$1"; }
npm_version="$(node -p "require('$root/crates/npm/package/package.json').version")"
for v in "$(crate_version "$root/crates/npm/Cargo.toml")" "$npm_version" \
    "$(crate_version "$root/crates/python/Cargo.toml")"; do
    if [ "$v" != "$version" ]; then
        echo "package: version $v differs from the workspace's $version (crates/npm, crates/python)" >&2
        exit 1
    fi
done
mkdir -p "$out"

if [ "$clippy" = 1 ]; then
    cargo fmt --manifest-path "$root/crates/npm/Cargo.toml" -- --check
    cargo fmt --manifest-path "$root/crates/python/Cargo.toml" -- --check
fi

# In a subshell: the wasm toolchain's environment (scripts/wasm.sh) stays out of the wheel's build.
if [ "$npm" = 1 ]; then (
    if [ "${TRINOCFG_SKIP_INSTALL:-0}" != 1 ]; then
        "$root/scripts/install-web-tools.sh"
    fi
    # shellcheck source=scripts/wasm.sh
    source "$root/scripts/wasm.sh"
    pin="$(wasm_bindgen_pin "$root/crates/npm/Cargo.toml")"
    if [ "$pin" != "$(wasm_bindgen_pin "$root/crates/web/Cargo.toml")" ]; then
        echo "package: crates/npm pins wasm-bindgen $pin, crates/web another; pin both the same" >&2
        exit 1
    fi
    if [ "$clippy" = 1 ]; then
        wasm_clippy "$root/crates/npm/Cargo.toml"
    fi
    wasm_build "$root/crates/npm/Cargo.toml"

    stage="$root/target/npm-package"
    rm -rf "$stage"
    cp -r "$root/crates/npm/package" "$stage"
    wasm-bindgen --target web --no-typescript --out-name trinocfg --out-dir "$stage" \
        "$wasm_target_dir/$wasm_triple/release/trinocfg_npm.wasm"
    wasm_optimise "$stage/trinocfg_bg.wasm"
    rm -f "$out/trinocfg-$version.tgz"
    (cd "$stage" && npm pack --silent --pack-destination "$out" >/dev/null)
    echo "package: $out/trinocfg-$version.tgz $(wc -c <"$out/trinocfg-$version.tgz") B (wasm $(wc -c <"$stage/trinocfg_bg.wasm") B, $(gzip -9c "$stage/trinocfg_bg.wasm" | wc -c) B gzipped)" >&2
) fi

if [ "$python" = 1 ]; then
    maturin="$root/target/tools/maturin-$MATURIN_VERSION"
    if [ ! -x "$maturin/bin/maturin" ]; then
        if [ "${TRINOCFG_SKIP_INSTALL:-0}" = 1 ]; then
            echo "package: no maturin $MATURIN_VERSION in $maturin (run without TRINOCFG_SKIP_INSTALL)" >&2
            exit 1
        fi
        rm -rf "$maturin"
        python3 -m venv "$maturin"
        "$maturin/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
    fi
    # Machine-independent paths inside the native module (panic locations name source files),
    # as for the wasm: the same wheel from any checkout path and cargo home.
    cargo_home="${CARGO_HOME:-$HOME/.cargo}"
    CARGO_ENCODED_RUSTFLAGS="$(printf '%s\037%s' "--remap-path-prefix=$root=/trinocfg" "--remap-path-prefix=$cargo_home=/cargo")"
    export CARGO_ENCODED_RUSTFLAGS
    if [ "$clippy" = 1 ]; then
        CARGO_TARGET_DIR="$root/target/python" cargo clippy --release --locked \
            --manifest-path "$root/crates/python/Cargo.toml" -- -D warnings
    fi
    rm -f "$out"/trinocfg-"$version"-*.whl
    # rustup's toolchain (the native one), in a target directory of its own.
    build_wheel() {
        CARGO_TARGET_DIR="$root/target/python" "$maturin/bin/maturin" build --release --locked \
            --manifest-path "$root/crates/python/Cargo.toml" --out "$1" --quiet
    }
    build_wheel "$out"
    # The wheel is reproducible: built again, it is the same bytes.
    again=$(mktemp -d)
    build_wheel "$again"
    for wheel in "$out"/trinocfg-"$version"-*.whl; do
        if ! cmp -s "$wheel" "$again/$(basename "$wheel")"; then
            echo "package: $wheel is not reproducible: a second build differs" >&2
            rm -rf "$again"
            exit 1
        fi
        echo "package: $wheel $(wc -c <"$wheel") B (built twice, the same bytes)" >&2
    done
    rm -rf "$again"
    unset CARGO_ENCODED_RUSTFLAGS
fi
