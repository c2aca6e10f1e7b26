"""check() gives the diagnostics of ``trinocfg check --format json`` for every case of the
check corpus and every failure fixture, and its refusals."""

from __future__ import annotations

import pytest

import trinocfg
from cli import ROOT, CliCheck, check_cases, cli_check, invalid_specs, read_tree

CASES = check_cases()


def same(result: trinocfg.Checked, expected: CliCheck) -> None:
    assert [d.to_dict() for d in result.diagnostics] == expected.report["diagnostics"]
    assert result.summary.errors == expected.report["summary"]["errors"]
    assert result.summary.warnings == expected.report["summary"]["warnings"]
    target = expected.report.get("target")
    assert (result.target.release if result.target else None) == (target["release"] if target else None)
    assert result.refused == expected.refused


def test_the_corpus_is_there() -> None:
    assert len(CASES) > 100
    assert sum(1 for _, is_dir in CASES if is_dir) > 10


@pytest.mark.parametrize(("path", "is_dir"), CASES, ids=[p for p, _ in CASES])
def test_every_case_of_the_check_corpus(path: str, is_dir: bool) -> None:
    if is_dir:
        result = trinocfg.check(read_tree(ROOT / path))
        same(result, cli_check(".", cwd=ROOT / path))
    else:
        data = (ROOT / path).read_bytes()
        result = trinocfg.check(data, name=path)
        same(result, cli_check(path))
        assert trinocfg.check(data.decode("utf-8"), name=path) == result


@pytest.mark.parametrize("spec", invalid_specs())
def test_a_failure_fixture_by_its_name(spec: str) -> None:
    result = trinocfg.check((ROOT / spec).read_text("utf-8"), name=spec)
    same(result, cli_check(spec))
    assert result.diagnostics
    assert result.ok == (result.summary.errors == 0)


def test_a_text_without_a_name_is_standard_input() -> None:
    data = (ROOT / "fixtures/invalid/heap-exceeds-container.toml").read_bytes()
    result = trinocfg.check(data)
    same(result, cli_check("-", input=data))
    assert result.diagnostics[0].file == "<stdin>"


@pytest.mark.parametrize("text", ["", "lorem ipsum\ndolor\n", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n"])
def test_refused_with_the_clis_message_never_raised(text: str) -> None:
    expected = cli_check("-", input=text.encode())
    assert expected.refused
    result = trinocfg.check(text)
    same(result, expected)
    assert not result.ok


@pytest.mark.parametrize("files", [{}, {"../etc/config.properties": "a=b\n"}, {"/etc/x": ""}, {"a": "x", "./a": "y"}])
def test_refused_paths(files: dict[str, str]) -> None:
    result = trinocfg.check(files)
    assert result.refused and result.diagnostics == []


def test_misuse_is_a_type_error() -> None:
    for call in [
        lambda: trinocfg.check(42),  # type: ignore[arg-type]
        lambda: trinocfg.check(None),  # type: ignore[arg-type]
        lambda: trinocfg.check(["config.properties"]),  # type: ignore[arg-type]
        lambda: trinocfg.check({"config.properties": 1}),  # type: ignore[dict-item]
        lambda: trinocfg.check({1: "x"}),  # type: ignore[dict-item]
        lambda: trinocfg.check("x", name=3),  # type: ignore[arg-type]
        lambda: trinocfg.check({"a": "x"}, name="a"),
    ]:
        with pytest.raises(TypeError):
            call()


@pytest.mark.parametrize("release", [468, 482])
@pytest.mark.parametrize(("path", "is_dir"), [("fixtures/check/clean/trino-447-hive-s3.yaml", False), ("fixtures/check/clean/kudu-at-468", True)])
def test_a_release_given_is_trino_version(path: str, is_dir: bool, release: int) -> None:
    if is_dir:
        result = trinocfg.check(read_tree(ROOT / path), release=release)
        same(result, cli_check(".", "--trino-version", str(release), cwd=ROOT / path))
    else:
        result = trinocfg.check((ROOT / path).read_bytes(), name=path, release=release)
        same(result, cli_check(path, "--trino-version", str(release)))
    assert result.target is not None and result.target.release == release


def test_a_release_not_judged_is_refused_and_a_wrong_type_raises() -> None:
    result = trinocfg.check("coordinator=true\n", name="config.properties", release=300)
    assert result.refused and "release 300" in result.refused and "\n  help: " in result.refused
    assert result.diagnostics == []
    for release in ["482", 482.5, -1, True]:
        with pytest.raises(TypeError):
            trinocfg.check("coordinator=true\n", release=release)  # type: ignore[arg-type]
