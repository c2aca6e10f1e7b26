"""Writes a spec without the keys the Helm chart cannot express (see helm-roundtrip.sh).

Usage: helm-strip.py SPEC REFUSALS OUT. REFUSALS holds trinocfg's lines
"the chart cannot express `a.b.c`: ..."; each key is removed: a line `c = ...` in table
[a.b], or the table [a.b.c] with its lines. Exit 1 when a key is not found.
"""

import re
import sys

spec, refusals, out = sys.argv[1:4]
keys = re.findall(r"the chart cannot express `([^`]+)`", open(refusals).read())
lines = open(spec).read().splitlines(keepends=True)
for key in keys:
    table, _, leaf = key.rpartition(".")
    kept, current, dropping, found = [], "", False, False
    for line in lines:
        header = re.match(r"\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$", line)
        if header:
            current = header.group(1).strip()
            dropping = current == key or current.startswith(key + ".")
            found = found or dropping
        elif current == table and re.match(rf"\s*{re.escape(leaf)}\s*=", line):
            found = True
            continue
        if not dropping:
            kept.append(line)
    if not found:
        sys.exit(f"helm-strip: `{key}` not found in {spec}")
    lines = kept
open(out, "w").write("".join(lines))
