#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs what it needs itself (apt and npm packages,
# pinned cargo tools, a private Python environment), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n==> %s\n' "$*"; }

step "format"
cargo fmt --all -- --check

step "clippy (native, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "unit, snapshot and CLI tests"
cargo test --workspace --locked

step "Kubernetes schema validation of the generated YAML"
cargo build --quiet --locked -p trinocfg-cli
bash scripts/validate-kubernetes.sh

if [ -f scripts/test-browser.sh ]; then
  step "playground: wasm build and browser tests"
  bash scripts/test-browser.sh
fi

if [ -f scripts/fuzz-ci.sh ]; then
  step "bounded fuzzing"
  bash scripts/fuzz-ci.sh
fi

step "all tests passed"
