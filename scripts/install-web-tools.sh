#!/usr/bin/env bash
# Installs everything the web playground needs to build and be tested, idempotently:
#  - Debian's web Rust toolchain (rustc/cargo at /usr/bin), the std source for -Zbuild-std,
#    clippy for that toolchain, wasm-ld, and Chromium for the browser tests;
#  - wasm-bindgen-cli at exactly the version pinned in crates/web/Cargo.toml;
#  - the npm packages of tests/browser (playwright-core, binaryen for wasm-opt), from its lockfile.
# Needs root (or sudo) for apt; runs apt only when a package is missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

apt_packages=(rustc-web cargo-web rust-web-src rust-web-clippy lld-19 chromium)
missing=()
for p in "${apt_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    echo "install-web-tools: apt-get install ${missing[*]}" >&2
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate exactly.
want="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$root/crates/web/Cargo.toml")"
if [ -z "$want" ]; then
    echo "install-web-tools: no pinned wasm-bindgen in crates/web/Cargo.toml" >&2
    exit 1
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have" != "$want" ]; then
    echo "install-web-tools: cargo install wasm-bindgen-cli $want (found '${have:-none}')" >&2
    cargo install wasm-bindgen-cli --version "=$want" --locked \
        || cargo install wasm-bindgen-cli --version "=$want"
fi

# playwright-core and binaryen, exactly as locked.
if [ ! -d "$root/tests/browser/node_modules/playwright-core" ] \
    || [ ! -d "$root/tests/browser/node_modules/binaryen" ] \
    || [ "$root/tests/browser/package-lock.json" -nt "$root/tests/browser/node_modules/.package-lock.json" ]; then
    (cd "$root/tests/browser" && npm ci --no-audit --no-fund)
fi
