# Sourced by the scripts that build Rust for wasm32 (build-web.sh for the playground,
# package.sh for the npm package): the same toolchain, flags and optimiser for both.
#
# The wasm is built by Debian's web toolchain (rustc/cargo 1.96 at /usr/bin, installed by
# scripts/install-web-tools.sh) with the standard library compiled from source for wasm32
# (-Zbuild-std), in its own target directory so that it never disturbs the native build's
# cache. The output is the same bytes from any checkout path or target directory.
# shellcheck shell=bash

wasm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
wasm_triple=wasm32-unknown-unknown
wasm_target_dir="${TRINOCFG_WASM_TARGET_DIR:-$wasm_root/target/wasm}"

# Debian's toolchain, not rustup's proxies; nightly flags (-Zbuild-std) on a stable compiler.
export PATH="/usr/bin:$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld-19
unset RUSTUP_TOOLCHAIN
# Panics abort at once, without formatting a message (about 5% less wasm); machine-independent
# paths inside the binary, for the same bytes on every machine.
wasm_cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort --remap-path-prefix=$wasm_root=/trinocfg --remap-path-prefix=$wasm_cargo_home=/cargo"

# The cargo options of a wasm build of the crate at manifest $1. The standard library is
# built with `optimize_for_size`: its smaller sort, float-parsing and formatting code (about
# 10 KB less gzipped wasm).
wasm_cargo_args() {
    printf '%s\n' \
        --manifest-path "$1" \
        --target "$wasm_triple" \
        --target-dir "$wasm_target_dir" \
        -Zbuild-std=std,panic_abort \
        -Zbuild-std-features=optimize_for_size
}

# Builds the crate at manifest $1 (release) for wasm32.
wasm_build() {
    local args
    mapfile -t args < <(wasm_cargo_args "$1")
    echo "wasm: $(/usr/bin/cargo --version), $(/usr/bin/rustc --version)" >&2
    /usr/bin/cargo build --release "${args[@]}"
}

# Clippy of the crate at manifest $1 for wasm32, -D warnings.
wasm_clippy() {
    local args
    mapfile -t args < <(wasm_cargo_args "$1")
    /usr/bin/cargo clippy --release "${args[@]}" -- -D warnings
}

# The wasm-bindgen version pinned (`wasm-bindgen = "=X.Y.Z"`) in the manifest $1.
wasm_bindgen_pin() {
    sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$1"
}

# Optimises the wasm file $1 in place. Binaryen from npm (Debian's wasm-opt is too old for
# this rustc), installed by install-web-tools.sh. Name the features the wasm uses;
# --all-features would emit encodings Chromium rejects. --converge repeats the passes while
# they still shrink the module. A function with one caller is inlined only when it is small
# (50 B): left to its default (any size), binaryen folds whole subsystems into a few functions
# of up to 100 kB, which gzip worse (about 8 kB more for Generate mode's module) and which
# V8, compiling each function on its first call, compiles whole even when a spec uses a
# fraction of them.
wasm_optimise() {
    "$wasm_root/tests/browser/node_modules/.bin/wasm-opt" -Oz --converge \
        --one-caller-inline-max-function-size 50 \
        --enable-bulk-memory --enable-reference-types --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-multivalue \
        "$1" -o "$1.opt"
    mv "$1.opt" "$1"
}
