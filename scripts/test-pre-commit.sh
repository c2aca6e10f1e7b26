#!/usr/bin/env bash
# Runs the hooks of .pre-commit-hooks.yaml with a real pre-commit (pinned, in a private
# virtual environment) on a scratch repository: a clean spec passes, a catalog file Trino
# refuses fails with its rule code, and files outside the hooks' pattern are not checked.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

PRE_COMMIT_VERSION=4.7.0
venv=target/tools/pre-commit-$PRE_COMMIT_VERSION
if [ ! -x "$venv/bin/pre-commit" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "pre-commit==$PRE_COMMIT_VERSION"
fi
cargo build --quiet --locked -p trinocfg-cli

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME=$work/cache
# The installed hook finds the binary just built; the building hook builds as a debug build
# into the project's target directory, whose dependencies are built already (its copy of the
# sources is the same commit, so the binary it leaves there is the same).
export PATH=$root/target/debug:$PATH
export TRINOCFG_HOOK_TARGET_DIR=$root/target TRINOCFG_HOOK_PROFILE=dev

repo=$work/repo
mkdir -p "$repo/etc/catalog" "$repo/other"
cp fixtures/specs/minimal.toml "$repo/trinocfg.toml"
printf 'connector.name=tpch\n' >"$repo/etc/catalog/tpch.properties"
printf 'not: trino\n' >"$repo/other/values.yaml"
git -C "$repo" init -q
git -C "$repo" add -A

fails=0
expect() { # expect EXIT HOOK PATTERN FILES...
  local want=$1 hook=$2 pattern=$3
  shift 3
  local got=0
  (cd "$repo" && "$root/$venv/bin/pre-commit" try-repo "$root" "$hook" --files "$@") \
    >"$work/out" 2>&1 || got=$?
  if [ "$got" -ne "$want" ] || ! grep -q -- "$pattern" "$work/out"; then
    echo "FAIL pre-commit $hook $*: exit $got (wanted $want), output lacks '$pattern':"
    cat "$work/out"
    fails=$((fails + 1))
  else
    echo "ok   pre-commit $hook $*"
  fi
}

for hook in trinocfg-check-installed trinocfg-check; do
  expect 0 "$hook" Passed trinocfg.toml etc/catalog/tpch.properties
  expect 0 "$hook" "no files to check" other/values.yaml
done
printf 'connector.name=hive\n' >"$repo/etc/catalog/bad.properties"
git -C "$repo" add -A
for hook in trinocfg-check-installed trinocfg-check; do
  expect 1 "$hook" "TC001" trinocfg.toml etc/catalog/bad.properties
done
[ "$fails" -eq 0 ] || exit 1
