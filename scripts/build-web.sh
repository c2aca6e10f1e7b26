#!/usr/bin/env bash
# Builds the playground into crates/web/dist/: index.html, style.css, the JS glue and the
# optimised .wasm. Installs its tools first (scripts/install-web-tools.sh; skip that with
# TRINOCFG_SKIP_INSTALL=1).
#
# The wasm is built by Debian's web toolchain (rustc/cargo 1.96 at /usr/bin) with the standard
# library compiled from source for wasm32 (-Zbuild-std), in its own target directory so that it
# never disturbs the native build's cache. Options:
#   --clippy   also run clippy for the wasm target with -D warnings (after the build)
#   --no-opt   skip wasm-opt (faster, larger)
# TRINOCFG_WASM_TARGET_DIR overrides the target directory (default target/wasm). The output is
# the same bytes from any checkout path or target directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/crates/web"
dist="$web/dist"
target_dir="${TRINOCFG_WASM_TARGET_DIR:-$root/target/wasm}"
triple=wasm32-unknown-unknown

clippy=0
opt=1
for arg in "$@"; do
    case "$arg" in
        --clippy) clippy=1 ;;
        --no-opt) opt=0 ;;
        *) echo "build-web: unknown option $arg" >&2; exit 2 ;;
    esac
done

if [ "${TRINOCFG_SKIP_INSTALL:-0}" != 1 ]; then
    "$root/scripts/install-web-tools.sh"
fi

# Debian's toolchain, not rustup's proxies; nightly flags (-Zbuild-std) on a stable compiler.
export PATH="/usr/bin:$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
unset RUSTUP_TOOLCHAIN
# Panics abort at once, without formatting a message (about 5% less wasm); machine-independent
# paths inside the binary, for the same bytes on every machine.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort --remap-path-prefix=$root=/trinocfg --remap-path-prefix=$cargo_home=/cargo"

# The standard library is built with `optimize_for_size`: its smaller sort, float-parsing and
# formatting code (about 10 KB less gzipped wasm; nothing the page sorts or parses is large).
cargo_wasm=(
    --manifest-path "$web/Cargo.toml"
    --target "$triple"
    --target-dir "$target_dir"
    -Zbuild-std=std,panic_abort
    -Zbuild-std-features=optimize_for_size
)

echo "build-web: $(/usr/bin/cargo --version), $(/usr/bin/rustc --version)" >&2
/usr/bin/cargo build --release "${cargo_wasm[@]}"

wasm="$target_dir/$triple/release/trinocfg-web.wasm"
rm -rf "$dist"
mkdir -p "$dist"
wasm-bindgen --target web --no-typescript --out-name trinocfg_web --out-dir "$dist" "$wasm"

if [ "$opt" = 1 ]; then
    # Binaryen from npm (Debian's wasm-opt is too old for this rustc). Name the features the
    # wasm uses; --all-features would emit encodings Chromium rejects. --converge repeats the
    # passes while they still shrink the module.
    "$root/tests/browser/node_modules/.bin/wasm-opt" -Oz --converge \
        --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-multivalue \
        "$dist/trinocfg_web_bg.wasm" -o "$dist/trinocfg_web_bg.wasm.opt"
    mv "$dist/trinocfg_web_bg.wasm.opt" "$dist/trinocfg_web_bg.wasm"
fi

cp "$web/static/index.html" "$web/static/style.css" "$dist/"

if [ "$clippy" = 1 ]; then
    /usr/bin/cargo clippy --release "${cargo_wasm[@]}" -- -D warnings
fi

echo "build-web: $(cd "$dist" && ls -l | awk 'NR>1 {printf "%s %s B; ", $9, $5}')" >&2
