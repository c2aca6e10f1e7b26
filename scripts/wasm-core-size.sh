#!/usr/bin/env bash
# The size of the core's `generate` on its own in wasm: builds a module that exports nothing
# but `trinocfg::generate` (no interface, no examples) with the playground's toolchain, flags,
# release profile and wasm-opt passes (scripts/wasm.sh), and prints its size raw and gzip -9.
# It is the floor under the playground's first load: docs/performance.md compares it with the
# page's 250 kB budget. Needs the web toolchain (scripts/install-web-tools.sh, which
# scripts/build-web.sh runs).
#
#   bash scripts/wasm-core-size.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=scripts/wasm.sh
source "$root/scripts/wasm.sh"

crate="$wasm_target_dir/core-size"
mkdir -p "$crate/src"
pin=$(wasm_bindgen_pin "$root/crates/web/Cargo.toml")
cat > "$crate/Cargo.toml" <<EOF
[package]
name = "trinocfg-core-size"
version = "0.0.0"
edition = "2021"
publish = false

[lib]
crate-type = ["cdylib"]

[dependencies]
trinocfg = { path = "$root/crates/core", default-features = false }
wasm-bindgen = "=$pin"

[workspace]

# The playground's release profile (crates/web/Cargo.toml).
[profile.release]
opt-level = "z"
lto = true
codegen-units = 1
panic = "abort"
EOF
cat > "$crate/src/lib.rs" <<'EOF'
//! `generate` alone: its files and its diagnostics' messages, so that nothing of it is left out.
use wasm_bindgen::prelude::wasm_bindgen;

/// Every file `trinocfg gen` writes for `spec`, then every diagnostic's message.
#[wasm_bindgen]
pub fn generate(spec: &str) -> String {
    let outcome = trinocfg::generate(spec);
    let mut out = String::new();
    if let Some(rendered) = &outcome.output {
        for (path, text) in rendered.tree() {
            out.push_str(&path);
            out.push_str(&text);
        }
    }
    for d in &outcome.diagnostics {
        out.push_str(&d.message);
    }
    out
}
EOF
# The playground's lockfile, so that the dependencies are the page's.
cp "$root/crates/web/Cargo.lock" "$crate/Cargo.lock"
mapfile -t args < <(wasm_cargo_args "$crate/Cargo.toml")
/usr/bin/cargo build --quiet --release "${args[@]}"
out="$crate/out"
rm -rf "$out"
wasm-bindgen --target web --no-typescript --out-dir "$out" \
  "$wasm_target_dir/$wasm_triple/release/trinocfg_core_size.wasm"
wasm_optimise "$out/trinocfg_core_size_bg.wasm"
wasm="$out/trinocfg_core_size_bg.wasm"
printf 'generate alone: wasm %s B raw, %s B gzip -9 (the page budget: 250,000 B)\n' \
  "$(wc -c < "$wasm")" "$(gzip -9c "$wasm" | wc -c)"
