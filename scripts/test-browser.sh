#!/usr/bin/env bash
# Browser tests of the playground: installs the web tools, builds the playground and the CLI,
# serves crates/web/dist on 127.0.0.1 (from inside the test process) and drives Debian's
# Chromium through playwright-core. The last line printed is `N passed, M failed`; the exit
# status is non-zero when any test failed or the run broke.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

fail_setup() {
    echo "test-browser: $1" >&2
    echo "0 passed, 1 failed"
    exit 1
}

scripts/install-web-tools.sh || fail_setup "installing the web tools failed"
TRINOCFG_SKIP_INSTALL=1 scripts/build-web.sh --clippy || fail_setup "building the playground (or clippy) failed"
# The tests compare the page with the CLI's output (one cargo build at a time).
cargo build -p trinocfg-cli || fail_setup "building the CLI failed"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
(cd tests/browser && node --test --test-reporter=spec --test-concurrency=1 playground.test.mjs) 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Node's spec reporter ends with `ℹ pass N` and `ℹ fail M`.
passed="$(sed -n 's/^[^a-z]*pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n1)"
failed="$(sed -n 's/^[^a-z]*fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n1)"
passed="${passed:-0}"
failed="${failed:-0}"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
    failed=1
fi
echo "${passed} passed, ${failed} failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
