"""Checked with ``mypy --strict`` against the installed package: the stubs are whole and say
what the functions take and give."""

from __future__ import annotations

import trinocfg
from trinocfg import Checked, Diagnostic, Generated, Memory, Severity

spec: str = next(e.source for e in trinocfg.examples() if e.name == "minimal")
result: Generated = trinocfg.generate(spec)
config: str = result.files["coordinator/etc/config.properties"]
yaml: str | None = result.yaml
memory: Memory | None = result.memory
heap: int | None = memory.worker.heap if memory else None
errors: list[Diagnostic] = [d for d in result.diagnostics if d.is_error]
severity: Severity = errors[0].severity if errors else "warning"
line: int | None = errors[0].line if errors else None
release: int | None = result.target.release if result.target else None

checked: Checked = trinocfg.check({"etc/config.properties": "coordinator=true\n", "etc/jvm.config": b""})
one: Checked = trinocfg.check("coordinator=true\n", name="config.properties")
refused: str | None = checked.refused or one.refused
notes: list[str] = checked.notes
text: str | None = trinocfg.explain(spec).text
codes: list[str] = [r.code for r in trinocfg.rules()]
version: str = trinocfg.__version__

print(len(config), yaml is None, heap, severity, line, release, refused, notes, text, codes, version)
