#!/usr/bin/env bash
# Builds the playground into crates/web/dist/: index.html (with style.css inline), the JS glue
# and the optimised .wasm. Installs its tools first (scripts/install-web-tools.sh; skip that
# with TRINOCFG_SKIP_INSTALL=1).
#
# The wasm is built as scripts/wasm.sh builds every wasm of the project (Debian's web
# toolchain, std compiled from source for wasm32, its own target directory). Options:
#   --clippy   also run clippy for the wasm target with -D warnings (after the build)
#   --no-opt   skip wasm-opt (faster, larger)
#   --no-prerender  leave index.html without Generate mode's prerendered first render (which
#              tests/browser/prerender.mjs takes from the built page in Chromium)
# TRINOCFG_WASM_TARGET_DIR overrides the target directory (default target/wasm). The output is
# the same bytes from any checkout path or target directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
web="$root/crates/web"
dist="$web/dist"

clippy=0
opt=1
prerender=1
for arg in "$@"; do
    case "$arg" in
        --clippy) clippy=1 ;;
        --no-opt) opt=0 ;;
        --no-prerender) prerender=0 ;;
        *) echo "build-web: unknown option $arg" >&2; exit 2 ;;
    esac
done

if [ "${TRINOCFG_SKIP_INSTALL:-0}" != 1 ]; then
    "$root/scripts/install-web-tools.sh"
fi

# shellcheck source=scripts/wasm.sh
source "$root/scripts/wasm.sh"
wasm_build "$web/Cargo.toml"

# The page's two modules: Generate mode (trinocfg_web) and Check mode (trinocfg_check), which
# index.html loads the first time Check mode is asked for.
rm -rf "$dist"
mkdir -p "$dist"
for module in web check; do
    wasm-bindgen --target web --no-typescript --out-name "trinocfg_$module" --out-dir "$dist" \
        "$wasm_target_dir/$wasm_triple/release/trinocfg-$module.wasm"
    if [ "$opt" = 1 ]; then
        wasm_optimise "$dist/trinocfg_${module}_bg.wasm"
    fi
done

# The style sheet goes inline: the page's first paint then waits for no second request.
link='<link rel="stylesheet" href="style.css">'
if [ "$(grep -cF "$link" "$web/static/index.html")" != 1 ]; then
    echo "build-web: expected one '$link' in $web/static/index.html" >&2
    exit 1
fi
awk -v link="$link" -v css="$web/static/style.css" '
    index($0, link) { print "  <style>"; while ((getline line < css) > 0) print line; print "  </style>"; next }
    { print }
' "$web/static/index.html" >"$dist/index.html"

# Generate mode's first render of the first example, written into index.html so that a first
# visit shows it before the module has arrived (the module then replaces it).
if [ "$prerender" = 1 ]; then
    node "$root/tests/browser/prerender.mjs" "$dist"
fi

if [ "$clippy" = 1 ]; then
    wasm_clippy "$web/Cargo.toml"
fi

echo "build-web: $(cd "$dist" && ls -l | awk 'NR>1 {printf "%s %s B; ", $9, $5}')" >&2
