#!/usr/bin/env bash
# Bounded fuzzing pass, as CI runs it: installs the pinned cargo-fuzz when missing, builds the
# fuzz targets of fuzz/ (libFuzzer, AddressSanitizer, debug assertions and overflow checks),
# runs each one for a bounded time from the committed seed corpus, prints how many inputs each
# executed, and ends with `fuzz: N passed, M failed`. Exits 1 when any target crashed (the input
# is kept under fuzz/artifacts/<target>/), 2 when the tools cannot be installed or built.
#
# The machine's toolchain is stable; RUSTC_BOOTSTRAP=1 lets it take the -Z flags cargo-fuzz
# passes (sanitizer, coverage instrumentation). Settings, from the environment:
#   FUZZ_TIME=25          seconds per target
#   FUZZ_TARGETS="..."    targets to run (default: every target of fuzz/Cargo.toml)
#   FUZZ_SANITIZER=address  or none (faster, finds the same panics; memory errors need unsafe
#                          code, which trinocfg forbids)
#   FUZZ_JOBS=1           parallel libFuzzer workers per target
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

CARGO_FUZZ_VERSION=0.13.2
FUZZ_TIME=${FUZZ_TIME:-25}
FUZZ_SANITIZER=${FUZZ_SANITIZER:-address}
FUZZ_JOBS=${FUZZ_JOBS:-1}
export RUSTC_BOOTSTRAP=1
export CARGO_TERM_COLOR=never
export PATH="${CARGO_INSTALL_ROOT:-${CARGO_HOME:-$HOME/.cargo}}/bin:$PATH"

started=$(date +%s)
say() { printf 'fuzz-ci: %s\n' "$*"; }

have=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$CARGO_FUZZ_VERSION" ]; then
  say "cargo install cargo-fuzz $CARGO_FUZZ_VERSION (found '${have:-none}')"
  if ! cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked --quiet; then
    say "could not install cargo-fuzz $CARGO_FUZZ_VERSION"
    exit 2
  fi
fi

cd "$root/fuzz"
if [ -n "${FUZZ_TARGETS:-}" ]; then
  read -r -a targets <<<"$FUZZ_TARGETS"
else
  mapfile -t targets < <(cargo fuzz list)
fi

build_log=$(mktemp)
say "building the fuzz targets (sanitizer: $FUZZ_SANITIZER)"
# cargo fuzz build takes one target or all of them.
if ! cargo fuzz build --sanitizer "$FUZZ_SANITIZER" >"$build_log" 2>&1; then
  if [ "$FUZZ_SANITIZER" = address ] && grep -qiE 'asan|sanitizer' "$build_log"; then
    say "AddressSanitizer is not available here; building without a sanitizer"
    FUZZ_SANITIZER=none
    cargo fuzz build --sanitizer none >"$build_log" 2>&1 || { tail -40 "$build_log"; exit 2; }
  else
    tail -40 "$build_log"
    say "build failed"
    exit 2
  fi
fi
say "built in $(($(date +%s) - started)) s"

work=$(mktemp -d)
trap 'rm -rf "$work" "$build_log"' EXIT
passed=0
failed=0
total_execs=0
for t in "${targets[@]}"; do
  mkdir -p "$work/corpus/$t" "artifacts/$t"
  extra=()
  [ -f "dict/$t.dict" ] && extra+=(-dict="dict/$t.dict")
  [ "$FUZZ_JOBS" -gt 1 ] && extra+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  log="$work/$t.log"
  # New inputs go to the scratch corpus (first directory); the committed seeds are only read.
  cargo fuzz run --sanitizer "$FUZZ_SANITIZER" "$t" "$work/corpus/$t" "corpus/$t" -- \
    "${extra[@]}" -max_total_time="$FUZZ_TIME" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="artifacts/$t/" >"$log" 2>&1
  rc=$?
  # libFuzzer's final stats; with several jobs, the sum over their logs.
  execs=$(cat "$log" fuzz-*.log 2>/dev/null | sed -n 's/^stat::number_of_executed_units: *//p' |
    awk '{s += $1} END {print s + 0}')
  if [ "$execs" = 0 ]; then
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  fi
  rm -f fuzz-*.log
  total_execs=$((total_execs + ${execs:-0}))
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
    printf 'ok   fuzz %-12s %10s executions in %s s\n' "$t" "${execs:-0}" "$FUZZ_TIME"
  else
    failed=$((failed + 1))
    printf 'FAIL fuzz %-12s %10s executions, exit %s\n' "$t" "${execs:-0}" "$rc"
    grep -E -m1 -A12 "panicked at|ERROR: (libFuzzer|AddressSanitizer)" "$log" || tail -30 "$log"
    for a in $(grep -oE "artifacts/$t/[a-z]+-[0-9a-f]+" "$log" | sort -u); do
      say "input kept at fuzz/$a; replay: (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run $t $a)"
    done
  fi
done
say "$total_execs executions in all, $(($(date +%s) - started)) s end to end"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
