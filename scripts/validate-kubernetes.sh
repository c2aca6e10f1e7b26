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
  "$bin" gen "$spec" --format configmaps >"$work/$name.all.yaml"
  # The core kinds go to the Kubernetes schemas; the custom resources (KEDA's ScaledObject,
  # prometheus-operator's ServiceMonitor) have no schema there and are checked field by field
  # against their CRDs' documented fields by crates/core/tests/custom_resources.rs.
  "$venv/bin/python" - "$work/$name.all.yaml" "$work/$name.yaml" <<'PY'
import sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d.get("kind") not in ("ScaledObject", "ServiceMonitor")]
yaml.safe_dump_all(docs, open(sys.argv[2], "w"), sort_keys=False)
PY
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
