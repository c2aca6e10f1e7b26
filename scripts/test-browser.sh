#!/usr/bin/env bash
# Tests of the playground: the web crate's unit tests and clippy (natively), then the browser
# tests: installs the web tools, builds the playground and the CLI, serves crates/web/dist on 127.0.0.1 (from inside the test process) and drives Debian's
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

# The web crate's own unit tests (archive, base64url, reducer) and its clippy, natively, in a
# target directory of their own.
native=(--manifest-path crates/web/Cargo.toml --target-dir target/web-native)
cargo clippy "${native[@]}" --all-targets -- -D warnings || fail_setup "clippy of the web crate failed"
cargo test "${native[@]}" 2>&1 | tee "$log"
unit_status=${PIPESTATUS[0]}
unit_passed="$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed; \([0-9][0-9]*\) failed.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')"
unit_failed="$(sed -n 's/^test result: .* \([0-9][0-9]*\) passed; \([0-9][0-9]*\) failed.*/\2/p' "$log" | awk '{s+=$1} END {print s+0}')"
if [ "$unit_status" -ne 0 ] && [ "$unit_failed" -eq 0 ]; then
    unit_failed=1
fi

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
echo "unit tests: ${unit_passed} passed, ${unit_failed} failed; browser tests: ${passed} passed, ${failed} failed"
echo "$((passed + unit_passed)) passed, $((failed + unit_failed)) failed"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$unit_status" -eq 0 ] && [ "$unit_failed" -eq 0 ]
