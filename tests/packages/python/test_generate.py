"""generate(), explain(), examples() and rules() give the CLI's bytes for every example."""

from __future__ import annotations

import pytest

import trinocfg
from cli import ROOT, cli, cli_check, gen_files, invalid_specs

EXAMPLES = trinocfg.examples()


def test_examples_are_the_clis() -> None:
    listed = cli("examples").stdout.decode()
    assert len(EXAMPLES) == 10
    for e in EXAMPLES:
        assert e.name in listed
        assert e.source == (ROOT / "fixtures/specs" / f"{e.name}.toml").read_text("utf-8")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_generate_writes_the_bytes_of_gen(example: trinocfg.Example) -> None:
    spec = f"fixtures/specs/{example.name}.toml"
    result = trinocfg.generate(example.source)
    assert result.ok
    expected = gen_files(spec)
    # gen's record of the files it wrote (for --force) lists exactly the files given here.
    manifest = expected.pop(".trinocfg-manifest")
    assert sorted(manifest.splitlines()) == sorted(result.files)
    assert sorted(result.files) == sorted(expected)
    for path, text in expected.items():
        assert result.files[path] == text, path
    assert result.yaml == cli("gen", spec, "--format", "configmaps").stdout.decode("utf-8")
    checked = cli_check(spec)
    assert [d.to_dict() for d in result.diagnostics] == [
        {**d, "file": None if d["file"] == spec else d["file"]} for d in checked.report["diagnostics"]
    ]
    assert result.target is not None and result.target.release == checked.report["target"]["release"]
    assert result.memory is not None and result.memory.worker.heap > 0


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.name)
def test_explain_prints_what_the_cli_prints(example: trinocfg.Example) -> None:
    out = cli("explain", f"fixtures/specs/{example.name}.toml")
    explained = trinocfg.explain(example.source)
    assert explained.ok == (out.returncode == 0)
    assert explained.text == out.stdout.decode("utf-8")


@pytest.mark.parametrize("spec", invalid_specs())
def test_a_spec_with_errors_is_diagnostics_not_an_exception(spec: str) -> None:
    result = trinocfg.generate((ROOT / spec).read_text("utf-8"))
    checked = cli_check(spec)
    assert [d.to_dict() for d in result.diagnostics] == [
        {**d, "file": None if d["file"] == spec else d["file"]} for d in checked.report["diagnostics"]
    ]
    assert result.summary.errors == checked.report["summary"]["errors"]
    assert result.summary.warnings == checked.report["summary"]["warnings"]
    assert result.ok == (result.summary.errors == 0)
    if not result.ok:
        assert result.yaml is None and result.files == {}


def test_rules_are_the_clis() -> None:
    rules = trinocfg.rules()
    lines = cli("rules").stdout.decode().rstrip("\n").split("\n")
    assert len(rules) == len(lines)
    for r, line in zip(rules, lines):
        assert line.startswith(f"{r.code}  {r.severity}") and line.endswith(r.summary), line
    first = rules[0]
    assert first.explanation and first.explanation in cli("rules", "--explain", first.code).stdout.decode()


@pytest.mark.parametrize("bad", [None, 42, b"[cluster]", ["a"], {"a": "b"}])
def test_misuse_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        trinocfg.generate(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        trinocfg.explain(bad)  # type: ignore[arg-type]


def test_nothing_else_raises() -> None:
    assert not trinocfg.generate("").ok
    assert trinocfg.generate("[cluster\n").diagnostics[0].code == "TS001"
    assert trinocfg.__version__.count(".") == 2
