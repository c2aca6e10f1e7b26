#!/usr/bin/env bash
# Checks the spec's JSON Schema the way editors use it: taplo (the engine of Even Better TOML),
# pinned, reads each example spec through a `#:schema` directive and must accept it, and must
# refuse a spec with a key of another connector, naming it.
set -euo pipefail
cd "$(dirname "$0")/.."

TAPLO_VERSION=0.7.0
tools=target/tools/taplo-$TAPLO_VERSION
if [ ! -x "$tools/node_modules/.bin/taplo" ]; then
  mkdir -p "$tools"
  npm install --silent --no-audit --no-fund --prefix "$tools" "@taplo/cli@$TAPLO_VERSION"
fi
taplo=$PWD/$tools/node_modules/.bin/taplo
schema=$PWD/schema/trinocfg.schema.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

checked=0
for spec in fixtures/specs/*.toml; do
  name=$(basename "$spec")
  { echo "#:schema $schema"; cat "$spec"; } >"$work/$name"
  if ! (cd "$work" && "$taplo" check "$name") >"$work/out" 2>&1; then
    echo "FAIL taplo refused $spec:"
    cat "$work/out"
    exit 1
  fi
  echo "ok   taplo: $name"
  checked=$((checked + 1))
done
[ "$checked" -ge 10 ] || { echo "FAIL only $checked specs"; exit 1; }

{ echo "#:schema $schema"; cat fixtures/specs/minimal.toml
  printf '\n[catalogs.crm]\nconnector = "mysql"\nconnection_url = "jdbc:mysql://db:3306"\nmetastore = { type = "glue" }\n'
} >"$work/bad.toml"
if (cd "$work" && "$taplo" check bad.toml) >"$work/out" 2>&1; then
  echo "FAIL taplo took a mysql catalog with a metastore"
  exit 1
fi
grep -q "False schema does not allow {\"type\":\"glue\"}" "$work/out" || { echo "FAIL taplo did not name the key:"; cat "$work/out"; exit 1; }
echo "ok   taplo refuses a key of another connector"
