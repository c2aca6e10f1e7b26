#!/usr/bin/env bash
# The whole test suite, as CI runs it. Installs what it needs itself (apt and npm packages,
# pinned cargo tools, a private Python environment), builds, and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never
# Every build here is built once: no incremental caches and no debug information (a panic still
# names its file and line). This keeps the run's build directories near a third of the disk they
# would otherwise take; a CI machine's free disk is not known in advance.
export CARGO_INCREMENTAL=0
export CARGO_PROFILE_DEV_DEBUG=0

# Each step's heading says how much disk is left, so that a run that fills the disk shows where.
step() { printf '\n==> %s (disk free: %s)\n' "$*" "$(df -Ph . | awk 'NR == 2 {print $4}')"; }
# With TRINOCFG_PRUNE=1 (as .ci/run sets it), a build directory that no later step reads is
# removed when the last step that reads it ends. Without it, every build is kept for the next run.
prune() {
  if [ "${TRINOCFG_PRUNE:-0}" = 1 ]; then
    rm -rf "$@"
  fi
}

step "tools"
# A JDK, so that the property-file reader is checked against java.util.Properties itself.
if ! command -v java >/dev/null 2>&1; then
  apt-get update -qq && apt-get install -y -qq openjdk-17-jdk-headless >/dev/null
fi
rustup component add rustfmt clippy >/dev/null 2>&1 || true
# cargo-insta, pinned to the insta version in Cargo.lock, to reject orphaned snapshots.
INSTA_VERSION=1.49.0
if ! cargo insta --version 2>/dev/null | grep -q "$INSTA_VERSION"; then
  cargo install cargo-insta --version "$INSTA_VERSION" --locked
fi

step "format"
cargo fmt --all -- --check

step "clippy (native, -D warnings)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "API documentation (broken or private links fail)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked --quiet

step "unit, snapshot and CLI tests (orphaned snapshots fail)"
CI=true cargo insta test --workspace --unreferenced=reject --check

step "Kubernetes schema validation of the generated YAML"
cargo build --quiet --locked -p trinocfg-cli
bash scripts/validate-kubernetes.sh

step "the spec's JSON Schema, read by taplo as editors read it"
bash scripts/test-taplo.sh

step "pre-commit hooks, run by pre-commit"
bash scripts/test-pre-commit.sh

step "Helm values: rendered by the official Trino chart, compared with gen's files"
bash scripts/helm-roundtrip.sh

step "playground: wasm build (and clippy for wasm32), unit and browser tests"
bash scripts/test-browser.sh
prune target/web-native

step "npm and Python packages: built, installed into empty environments, compared with the CLI; their examples"
bash scripts/package.sh --clippy
bash scripts/test-packages.sh
prune target/debug target/wasm target/python target/npm-package

step "bounded fuzzing of every parser"
bash scripts/fuzz-ci.sh

step "all tests passed"
