#!/usr/bin/env bash
# The `trinocfg-check` pre-commit hook: builds trinocfg from the repository this script is in
# (once; later runs find it built) and checks the files pre-commit passes.
# TRINOCFG_HOOK_TARGET_DIR and TRINOCFG_HOOK_PROFILE choose where and how it is built.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
target=${TRINOCFG_HOOK_TARGET_DIR:-$here/target}
profile=${TRINOCFG_HOOK_PROFILE:-release}
if ! CARGO_TARGET_DIR=$target cargo build --quiet --locked --profile "$profile" \
  --manifest-path "$here/Cargo.toml" -p trinocfg-cli >&2; then
  echo "error: cannot build trinocfg (the hook needs cargo: https://rustup.rs)" >&2
  exit 2
fi
[ "$profile" = dev ] && profile=debug
exec "$target/$profile/trinocfg" check "$@"
