"""trinocfg: one typed TOML spec of a Trino cluster to every Trino file and Kubernetes object,
and a checker of existing Trino configuration.

The same core as the ``trinocfg`` CLI (a native module): :func:`generate` gives the bytes
``trinocfg gen`` writes, :func:`check` the diagnostics ``trinocfg check --format json`` prints.

A spec with errors raises nothing: the result has ``ok == False`` and its ``diagnostics`` say
why; input ``check`` does not read raises nothing either (``Checked.refused`` says why).
Exceptions are for misuse only: a ``TypeError`` for an argument of the wrong type.

>>> import trinocfg
>>> spec = next(e.source for e in trinocfg.examples() if e.name == "minimal")
>>> result = trinocfg.generate(spec)
>>> result.ok
True
>>> "coordinator/etc/config.properties" in result.files
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Union

from . import _native

__all__ = [
    "Checked",
    "CheckInput",
    "Diagnostic",
    "Example",
    "Explained",
    "Generated",
    "Memory",
    "NodeMemory",
    "Rule",
    "Severity",
    "Summary",
    "Target",
    "check",
    "examples",
    "explain",
    "generate",
    "rules",
    "__version__",
]

__version__: str = _native.__version__

Severity = Literal["error", "warning"]
"""How bad a diagnostic is: an ``error`` stops Trino (or a catalog, or a query), or leaks a secret."""

CheckInput = Union[str, bytes, Mapping[str, Union[str, bytes]]]
"""What :func:`check` reads: one text, or files by relative path (text or bytes)."""


@dataclass(frozen=True)
class Diagnostic:
    """One finding, as ``trinocfg check --format json`` prints it; unknown parts are None."""

    code: str
    """The rule's stable code (``TM002``); see :func:`rules`."""
    severity: Severity
    message: str
    file: str | None
    """The file it is about (``./coordinator/etc/config.properties``, or the spec by the name it
    was given); None in :func:`generate` and :func:`explain` for the spec itself."""
    path: str | None
    """The key in the spec (``workers.heap``) or the property in a file."""
    line: int | None
    """1-based line."""
    column: int | None
    """1-based column, in characters."""
    span: tuple[int, int] | None
    """The bytes marked: ``[start, end)`` UTF-8 byte offsets."""
    help: str | None
    """How to fix it."""

    @property
    def is_error(self) -> bool:
        """Whether it is an error (not a warning)."""
        return self.severity == "error"

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``check --format json`` (``span`` as a list)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "file": self.file,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "span": list(self.span) if self.span is not None else None,
            "help": self.help,
        }

    @staticmethod
    def _of(d: Mapping[str, Any]) -> Diagnostic:
        span = d["span"]
        return Diagnostic(
            code=d["code"],
            severity=d["severity"],
            message=d["message"],
            file=d["file"],
            path=d["path"],
            line=d["line"],
            column=d["column"],
            span=(span[0], span[1]) if span is not None else None,
            help=d["help"],
        )


@dataclass(frozen=True)
class Summary:
    """Counts of the diagnostics."""

    errors: int
    warnings: int


@dataclass(frozen=True)
class Target:
    """The Trino release judged, and where it came from: ``given``, ``spec`` (``stated`` False
    when the spec leaves it to its default), ``image`` (``image`` and ``workload`` say which) or
    ``newest`` (the newest release trinocfg knows)."""

    release: int
    source: Literal["given", "spec", "image", "newest"]
    stated: bool | None = None
    image: str | None = None
    workload: str | None = None

    @staticmethod
    def _of(t: Mapping[str, Any] | None) -> Target | None:
        if t is None:
            return None
        return Target(
            release=t["release"],
            source=t["from"],
            stated=t.get("stated"),
            image=t.get("image"),
            workload=t.get("workload"),
        )


@dataclass(frozen=True)
class NodeMemory:
    """The memory budget of one node, in bytes (``heap_percent`` a percentage)."""

    container: int
    heap: int
    heap_percent: float
    non_heap_reserve: int
    query_max_memory_per_node: int
    """``query.max-memory-per-node``."""
    heap_headroom_per_node: int
    """``memory.heap-headroom-per-node``."""


@dataclass(frozen=True)
class Memory:
    """The memory plan of a cluster: each role's budget and the cluster-wide query limits."""

    coordinator: NodeMemory
    worker: NodeMemory
    workers: int
    """The fixed count of workers, or the autoscaler's minimum."""
    workers_max: int
    query_max_memory: int
    """``query.max-memory``, in bytes."""
    query_max_total_memory: int
    """``query.max-total-memory``, in bytes."""

    @staticmethod
    def _of(m: Mapping[str, Any] | None) -> Memory | None:
        if m is None:
            return None
        return Memory(
            coordinator=NodeMemory(**m["coordinator"]),
            worker=NodeMemory(**m["worker"]),
            workers=m["workers"],
            workers_max=m["workers_max"],
            query_max_memory=m["query_max_memory"],
            query_max_total_memory=m["query_max_total_memory"],
        )


@dataclass(frozen=True)
class Generated:
    """What :func:`generate` returns."""

    ok: bool
    """Whether the spec has no error (warnings allowed)."""
    yaml: str | None
    """The Kubernetes objects, as ``trinocfg gen --format configmaps`` prints them; None when
    the spec has errors."""
    files: dict[str, str]
    """Every file ``trinocfg gen --out DIR`` writes, by its path in DIR
    (``coordinator/etc/config.properties``, ``kubernetes.yaml``, ...); empty on errors."""
    diagnostics: list[Diagnostic]
    summary: Summary
    memory: Memory | None
    """The memory plan; None when the spec cannot be read that far."""
    target: Target | None
    """The release the spec is rendered for."""


@dataclass(frozen=True)
class Explained:
    """What :func:`explain` returns."""

    ok: bool
    text: str | None
    """Each role's memory budget, as ``trinocfg explain`` prints it."""
    diagnostics: list[Diagnostic]
    summary: Summary


@dataclass(frozen=True)
class Checked:
    """What :func:`check` returns: what ``trinocfg check --format json`` prints, with the notes
    it prints for people and its refusal."""

    diagnostics: list[Diagnostic]
    summary: Summary
    target: Target | None
    """The release judged, when every part of the input agrees on one."""
    notes: list[str] = field(default_factory=list)
    """What the input was taken as, when that is not plain (one file on its own, ...)."""
    refused: str | None = None
    """Why the input was not checked (``trinocfg check`` exits 2 with this message): of no kind
    check reads (empty, binary, Kubernetes objects without Trino configuration, ...), or a path
    that is absolute, climbs out (``..``) or is given twice. Ends with a line ``  help: ...``.
    None when it was checked."""

    @property
    def ok(self) -> bool:
        """Checked, and no error found."""
        return self.refused is None and self.summary.errors == 0


@dataclass(frozen=True)
class Example:
    """An example spec embedded in trinocfg (``trinocfg examples``)."""

    name: str
    description: str
    source: str
    """The spec's TOML text."""
    since: int | None
    """The oldest Trino release that has what it uses, if not every known one."""


@dataclass(frozen=True)
class Rule:
    """A rule trinocfg checks (``trinocfg rules``)."""

    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str
    """Why it matters and how to fix it (``trinocfg rules --explain CODE``)."""


def _kind(value: object) -> str:
    return type(value).__name__


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where} must be a str (the spec's TOML text), not {_kind(value)}")
    return value


def _diagnostics(v: Mapping[str, Any]) -> list[Diagnostic]:
    return [Diagnostic._of(d) for d in v["diagnostics"]]


def _summary(v: Mapping[str, Any]) -> Summary:
    return Summary(errors=v["summary"]["errors"], warnings=v["summary"]["warnings"])


def generate(spec: str) -> Generated:
    """Reads, checks and renders a spec (its TOML text; a fleet's too): every file
    ``trinocfg gen`` writes, the Kubernetes YAML, the diagnostics and the memory plan.

    Raises TypeError when ``spec`` is not a str."""
    v = json.loads(_native.generate(_text(spec, "generate(spec): spec")))
    return Generated(
        ok=v["ok"],
        yaml=v["yaml"],
        files=v["files"],
        diagnostics=_diagnostics(v),
        summary=_summary(v),
        memory=Memory._of(v["memory"]),
        target=Target._of(v["target"]),
    )


def explain(spec: str) -> Explained:
    """Each role's memory budget, as ``trinocfg explain`` prints it, with the diagnostics.

    Raises TypeError when ``spec`` is not a str."""
    v = json.loads(_native.explain(_text(spec, "explain(spec): spec")))
    return Explained(ok=v["ok"], text=v["text"], diagnostics=_diagnostics(v), summary=_summary(v))


def _bytes(value: object, where: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{where} must be str or bytes, not {_kind(value)}")


def check(input: CheckInput, *, name: str | None = None, release: int | None = None) -> Checked:
    """Checks existing configuration as ``trinocfg check --format json`` does.

    ``input`` is one text (str, taken as UTF-8, or bytes as they are in a file): a spec, a
    Kubernetes YAML stream (``helm template`` output), one file of an etc/ directory, Trino
    Gateway configuration, Helm chart values. ``name`` is its file name (``config.properties``,
    ``cluster.toml``): it is checked as ``trinocfg check NAME`` checks a file of that name, and
    diagnostics name it so; without one it is checked as standard input and named ``<stdin>``.

    Or ``input`` maps relative paths to contents: the files of a directory (an etc/ directory,
    a ``trinocfg gen`` output, a catalog directory, a fleet's spec and cluster files), checked
    as ``trinocfg check .`` in a directory that holds them.

    ``release`` is the Trino release to judge the input as (``trinocfg check --trino-version``),
    instead of the one it names (an image tag, a spec's ``trino_version``) or the newest
    trinocfg knows; a release outside 400 to 999 is ``refused``.

    Input check does not read raises nothing: ``refused`` says why. Raises TypeError for an
    argument of the wrong type (and for ``name`` given with a mapping)."""
    if name is not None and not isinstance(name, str):
        raise TypeError(f"check(input, name=...): name must be a str, not {_kind(name)}")
    if release is not None and (
        isinstance(release, bool) or not isinstance(release, int) or not 0 <= release <= 0xFFFFFFFF
    ):
        raise TypeError(f"check(input, release=...): release must be a release number such as 482, not {release!r}")
    if isinstance(input, (str, bytes, bytearray, memoryview)):
        raw = _native.check_text(name, _bytes(input, "check(input)"), release)
    elif isinstance(input, Mapping):
        if name is not None:
            raise TypeError("check(input, name=...): name names a text; a mapping's files are named by its keys")
        files: list[tuple[str, bytes]] = []
        for path, content in input.items():
            if not isinstance(path, str):
                raise TypeError(f"check(input): a file path must be a str, not {_kind(path)}")
            files.append((path, _bytes(content, f"check(input): the content of {path!r}")))
        raw = _native.check_files(files, release)
    else:
        raise TypeError(
            f"check(input): input must be a text (str or bytes) or a mapping of file paths to contents, not {_kind(input)}"
        )
    v = json.loads(raw)
    return Checked(
        diagnostics=_diagnostics(v),
        summary=_summary(v),
        target=Target._of(v["target"]),
        notes=list(v["notes"]),
        refused=v["refused"],
    )


def examples() -> list[Example]:
    """The example specs embedded in trinocfg."""
    return [Example(**e) for e in json.loads(_native.examples())]


def rules() -> list[Rule]:
    """Every rule trinocfg checks, in code order."""
    return [Rule(**r) for r in json.loads(_native.rules())]
