#!/usr/bin/env bash
# Validates the Kubernetes YAML that `trinocfg gen` writes for every fixture spec against the
# Kubernetes API schemas (strict: unknown fields are errors), with the pinned
# kubernetes-validate package installed into a private virtual environment.
set -euo pipefail
cd "$(dirname "$0")/.."

KV_VERSION=1.37.0
K8S_VERSION=1.33.0
venv=target/tools/kubernetes-validate-$KV_VERSION
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KV_VERSION"
fi

bin=${TRINOCFG_BIN:-target/debug/trinocfg}
[ -x "$bin" ] || cargo build --quiet -p trinocfg-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
for spec in fixtures/specs/*.toml; do
  name=$(basename "$spec" .toml)
  "$bin" gen "$spec" --format configmaps >"$work/$name.yaml"
  if "$venv/bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" "$work/$name.yaml"; then
    echo "ok   kubernetes schema: $name"
    passed=$((passed + 1))
  else
    echo "FAIL kubernetes schema: $name"
    failed=$((failed + 1))
  fi
done
echo "kubernetes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
