#!/usr/bin/env bash
# Performance figures: builds the release CLI, measures the median wall time of whole
# `trinocfg gen --example X --format configmaps` and `trinocfg check fixtures/specs/X.toml`
# processes for every fixture spec (hyperfine, installed from Debian when missing; a timing loop
# otherwise), then runs the criterion benchmarks of crates/core/benches in quick mode and prints
# their growth report. docs/performance.md holds the figures of one run.
#
#   bash scripts/bench.sh            # everything
#   BENCH_CRITERION=0 bash scripts/bench.sh   # whole-process timings only
#   BENCH_RUNS=200 bash scripts/bench.sh      # more runs per command (default 100)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

BENCH_RUNS=${BENCH_RUNS:-100}
BENCH_CRITERION=${BENCH_CRITERION:-1}
TARGET_MS=5

say() { printf 'bench: %s\n' "$*" >&2; }

say "building the release CLI"
cargo build --release --quiet --locked -p trinocfg-cli
bin=${CARGO_TARGET_DIR:-target}/release/trinocfg

if ! command -v hyperfine >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  say "installing hyperfine from Debian"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq hyperfine; } \
    >/dev/null 2>&1 || say "hyperfine unavailable; timing with a loop instead"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Median wall time of a command in milliseconds, over BENCH_RUNS runs (output discarded).
median_ms() {
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --shell=none --warmup 5 --runs "$BENCH_RUNS" --style none \
      --export-json "$work/h.json" "$*" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$work/h.json"
  else
    python3 - "$BENCH_RUNS" "$@" <<'EOF'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
times = []
for i in range(runs + 5):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if i >= 5:
        times.append(time.perf_counter() - t)
print("%.2f" % (statistics.median(times) * 1000))
EOF
  fi
}

# The `check` exit code is 0 or 1 depending on warnings and errors: only a crash (>1) matters.
for spec in fixtures/specs/*.toml; do
  rc=0
  "$bin" check "$spec" >/dev/null 2>&1 || rc=$?
  if [ "$rc" -gt 1 ]; then
    say "trinocfg check $spec exited $rc"
    exit 1
  fi
done

say "whole-process median wall time, $BENCH_RUNS runs each"
printf '\n%-20s %14s %14s\n' "fixture" "gen (ms)" "check (ms)"
printf '%-20s %14s %14s\n' "--------------------" "--------------" "--------------"
worst=0
for spec in fixtures/specs/*.toml; do
  name=$(basename "$spec" .toml)
  gen=$(median_ms "$bin" gen --example "$name" --format configmaps)
  check=$(median_ms "$bin" check "$spec")
  printf '%-20s %14s %14s\n' "$name" "$gen" "$check"
  worst=$(python3 -c 'import sys; print(max(float(x) for x in sys.argv[1:]))' "$worst" "$gen" "$check")
done
baseline=$(median_ms "$bin" --version)
printf '%-20s %14s\n' "(trinocfg --version)" "$baseline"
verdict=$(python3 -c 'import sys; print("within" if float(sys.argv[1]) < float(sys.argv[2]) else "ABOVE")' "$worst" "$TARGET_MS")
printf '\nslowest run: %s ms, %s the %s ms target\n' "$worst" "$verdict" "$TARGET_MS"

say "CPU of gen against --version, paired in one run"
python3 scripts/cpu_ratio.py "$bin" "$BENCH_RUNS"

if [ "$BENCH_CRITERION" = 1 ]; then
  say "criterion benchmarks (quick mode)"
  # Only this run's figures: not criterion's comparison with the previous run.
  cargo bench --quiet --locked -p trinocfg --bench generate -- --quick --noplot 2>/dev/null |
    grep -vE '^(Benchmarking|Warning)|^\s*$|change:|^ +(time|thrpt): +\[[−+-]|performance|Performance'
fi
