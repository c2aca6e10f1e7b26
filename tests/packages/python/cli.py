"""What the package is compared with: the CLI (TRINOCFG_CLI) run on the repository's files
(TRINOCFG_ROOT), and the cases of the fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(os.environ["TRINOCFG_ROOT"])
CLI = os.environ["TRINOCFG_CLI"]


def cli(*args: str, cwd: Path = ROOT, input: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([CLI, *args], cwd=cwd, input=input, capture_output=True, check=False)


def read_tree(directory: Path) -> dict[str, bytes]:
    """Every file below ``directory``, by relative ``/`` path, as bytes."""
    return {
        p.relative_to(directory).as_posix(): p.read_bytes()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def gen_files(spec: str) -> dict[str, str]:
    """The files ``trinocfg gen SPEC --out DIR`` writes, as text."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        r = cli("gen", spec, "--out", str(out))
        assert r.returncode == 0, r.stderr.decode()
        return {k: v.decode("utf-8") for k, v in read_tree(out).items()}


@dataclass
class CliCheck:
    status: int
    report: dict[str, Any]
    refused: str | None


def cli_check(*args: str, cwd: Path = ROOT, input: bytes | None = None) -> CliCheck:
    """``trinocfg check ... --format json``, with its refusal (exit 2, nothing checked)."""
    r = cli("check", *args, "--format", "json", cwd=cwd, input=input)
    report = json.loads(r.stdout)
    stderr = r.stderr.decode()
    refused = None
    if r.returncode == 2 and not report["diagnostics"] and stderr.startswith("error: "):
        refused = stderr[len("error: ") :].rstrip()
    return CliCheck(r.returncode, report, refused)


def invalid_specs() -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "fixtures/invalid").glob("*.toml"))


def check_cases() -> list[tuple[str, bool]]:
    """Every entry of ``fixtures/check/<group>/``: its path, and whether it is a directory."""
    base = ROOT / "fixtures/check"
    return [
        (entry.relative_to(ROOT).as_posix(), entry.is_dir())
        for group in sorted(base.iterdir())
        for entry in sorted(group.iterdir())
    ]
