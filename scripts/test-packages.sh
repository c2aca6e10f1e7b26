#!/usr/bin/env bash
# Tests the packages scripts/package.sh built into target/packages/, each installed into an
# empty environment (a fresh npm project, a fresh venv, in a temporary directory):
#  - Node's test runner (tests/packages/node): the bytes of `trinocfg gen` for every example,
#    the diagnostics of `trinocfg check --format json` for every failure fixture and every case
#    of the check corpus, the refusals; `tsc --noEmit --strict` on a usage file;
#  - a page bundled by Vite (tests/packages/bundler) that runs the package in Chromium;
#  - pytest (tests/packages/python): the same; `mypy --strict` on a usage file;
#  - the examples: a cdk8s chart in TypeScript (examples/cdk8s) and a script that generates a
#    cluster per environment (examples/python).
# The CLI compared with is target/debug/trinocfg (built here when missing; TRINOCFG_CLI names
# another). Tools are pinned below and installed from npm and PyPI into the temporary
# directory.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages="$root/target/packages"
TYPESCRIPT_VERSION=5.9.3
PYTEST_VERSION=9.2.0
MYPY_VERSION=2.4.1
VITE_VERSION=7.3.8

version="$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' "$root/Cargo.toml")"
tgz="$packages/trinocfg-$version.tgz"
wheels=("$packages"/trinocfg-"$version"-*.whl)
if [ ! -f "$tgz" ] || [ ! -f "${wheels[0]}" ]; then
    echo "test-packages: no packages in $packages; run scripts/package.sh first" >&2
    exit 1
fi

if [ -z "${TRINOCFG_CLI:-}" ]; then
    cargo build --quiet --locked -p trinocfg-cli
    TRINOCFG_CLI="${CARGO_TARGET_DIR:-$root/target}/debug/trinocfg"
fi
export TRINOCFG_CLI TRINOCFG_ROOT="$root"

work="$(mktemp -d "${TMPDIR:-/tmp}/trinocfg-packages.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "==> npm package: $(basename "$tgz") in an empty project (Node $(node --version))" >&2
mkdir "$work/node"
cp "$root"/tests/packages/node/* "$work/node/"
(
    cd "$work/node"
    npm init -y >/dev/null
    npm pkg set type=module >/dev/null
    npm install --no-audit --no-fund --silent "$tgz" "typescript@$TYPESCRIPT_VERSION"
    node --test --test-reporter=spec ./*.test.mjs
    npx --no-install tsc -p tsconfig.json
    echo "tsc --noEmit --strict: usage.ts compiles against the declarations" >&2
)

echo "==> npm package in a bundler: a page built by Vite, run in Chromium" >&2
mkdir "$work/bundler"
cp "$root"/tests/packages/bundler/* "$work/bundler/"
(
    cd "$work/bundler"
    npm install --no-audit --no-fund --silent "$tgz"
    npm install --no-audit --no-fund --silent --save-dev "vite@$VITE_VERSION"
    node run.mjs "$root/tests/browser" "$TRINOCFG_CLI"
)

echo "==> Python package: $(basename "${wheels[0]}") in an empty venv ($(python3 --version))" >&2
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
    "${wheels[0]}" "pytest==$PYTEST_VERSION" "mypy==$MYPY_VERSION"
mkdir "$work/python"
cp "$root"/tests/packages/python/* "$work/python/"
(
    cd "$work/python"
    "$work/venv/bin/python" -m pytest -q -p no:cacheprovider .
    "$work/venv/bin/python" -m mypy --strict --no-incremental usage.py "$root/examples/python/environments.py"
)

echo "==> examples/cdk8s: a cdk8s chart with trinocfg's objects" >&2
mkdir "$work/cdk8s"
cp -r "$root/examples/cdk8s/." "$work/cdk8s/"
rm -rf "$work/cdk8s/node_modules" "$work/cdk8s/dist"
(
    cd "$work/cdk8s"
    npm pkg set "dependencies.trinocfg=file:$tgz" >/dev/null
    npm install --no-audit --no-fund --silent
    npm test
)

echo "==> examples/python: a cluster per environment from one spec template" >&2
(
    cd "$work"
    "$work/venv/bin/python" "$root/examples/python/environments.py" --out "$work/environments"
    "$work/venv/bin/python" "$root/examples/python/test_environments.py" "$work/environments"
)

echo "test-packages: all passed" >&2
