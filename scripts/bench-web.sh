#!/usr/bin/env bash
# Measures the playground's budgets (transfer size, first render, keystroke → preview) in
# Debian's Chromium on 127.0.0.1 and writes tests/browser/artifacts/bench.json. Builds first
# unless --no-build. Nothing is asserted; the figures are printed.
#   BENCH_LOADS (15) page loads, BENCH_KEYSTROKES (200) inputs per spec.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ "${1:-}" != "--no-build" ]; then
    "$root/scripts/build-web.sh"
fi
cd "$root/tests/browser"
node bench.mjs
