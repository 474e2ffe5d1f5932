"""The incremental cache: unchanged files are not checked again, and nothing it
reuses differs from a fresh run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import SEEDS
from typer.testing import CliRunner

import agentkit
from agentkit import cache as cache_mod
from agentkit import linter
from agentkit.conflicts.api import pieces
from agentkit.cli import app

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("AGENTKIT_NO_CACHE", raising=False)
    monkeypatch.setenv("AGENTKIT_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "project"
    shutil.copytree(SEEDS, root / ".claude" / "agents")
    monkeypatch.chdir(root)
    return root


def _json(*args: str) -> dict:
    result = runner.invoke(app, ["lint", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def _count_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = linter._probed

    def counting(doc, plan):  # type: ignore[no-untyped-def]
        seen.append(doc.path)
        return real(doc, plan)

    monkeypatch.setattr(linter, "_probed", counting)
    return seen


def test_second_run_reuses_every_result_and_reports_the_same(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _json(".claude/agents")
    checked = _count_checks(monkeypatch)
    second = _json(".claude/agents")
    assert checked == []
    assert second == first
    assert list((project.parent / "cache").glob("v*/*.pickle"))
    assert (project.parent / "cache" / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_an_edited_file_is_checked_again_and_only_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _json(".claude/agents")
    target = project / ".claude" / "agents" / "backend-engineer.sdd.md"
    target.write_bytes(target.read_bytes().replace("â€”".encode(), b"-"))
    checked = _count_checks(monkeypatch)
    after = _json(".claude/agents")
    assert checked == [".claude/agents/backend-engineer.sdd.md"]
    assert not [d for d in after["diagnostics"] if d["code"] == "AK010"]


def test_other_settings_are_not_served_from_the_cache(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _json(".claude/agents")
    checked = _count_checks(monkeypatch)
    only = _json(".claude/agents", "--select", "AK010")
    assert len(checked) == 5
    assert {d["code"] for d in only["diagnostics"]} == {"AK010"}


def test_no_cache_checks_everything(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _json(".claude/agents")
    checked = _count_checks(monkeypatch)
    _json(".claude/agents", "--no-cache")
    assert len(checked) == 5


def test_a_path_created_later_is_seen(project: Path) -> None:
    agent = project / ".claude" / "agents" / "reader.md"
    agent.write_text("---\nname: reader\ndescription: Use this agent to read the spec.\n---\nRead `docs/spec.md` first.\n")
    before = _json(".claude/agents/reader.md")
    assert [d["code"] for d in before["diagnostics"]] == ["AK306"]
    (project / "docs").mkdir()
    (project / "docs" / "spec.md").write_text("spec\n")
    after = _json(".claude/agents/reader.md")
    assert [d["code"] for d in after["diagnostics"]] == []


def test_a_damaged_or_deleted_cache_is_rebuilt(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _json(".claude/agents")
    for f in (project.parent / "cache").glob("v*/*.pickle"):
        f.write_bytes(b"not a cache")
    assert _json(".claude/agents") == first
    shutil.rmtree(project.parent / "cache")
    assert _json(".claude/agents") == first


def test_the_library_does_not_cache_unless_asked(project: Path) -> None:
    agentkit.lint([".claude/agents"])
    assert not (project.parent / "cache").exists()
    agentkit.lint([".claude/agents"], cache=str(project.parent / "elsewhere"))
    assert list((project.parent / "elsewhere").glob("v*/*.pickle"))


def test_build_key_changes_with_the_code(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_mod._build()
    monkeypatch.setattr(cache_mod, "__version__", "0.0.0-other")
    assert cache_mod._build() != before


def test_cache_folder_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("AGENTKIT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_mod.default_dir() == tmp_path / "xdg" / "agentkit"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_mod.default_dir() == tmp_path / "home" / ".cache" / "agentkit"
    monkeypatch.setenv("AGENTKIT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_mod.default_dir() == tmp_path / "mine"


def _count_across(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    from agentkit.conflicts import engine

    seen: list[int] = []
    real = engine.across

    def counting(groups, codes=None):  # type: ignore[no-untyped-def]
        seen.append(len(groups))
        return real(groups, codes)

    monkeypatch.setattr(engine, "across", counting)
    return seen


def test_an_unchanged_name_group_is_not_compared_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The five variants share one name: the second run reuses their cross-file conflicts."""
    compared = _count_across(monkeypatch)
    first = _json(".claude/agents")
    assert compared == [5]
    assert sum(d["code"] == "AK507" for d in first["diagnostics"]) == 6
    second = _json(".claude/agents")
    assert compared == [5]
    assert second == first


def test_an_edited_member_compares_its_group_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _json(".claude/agents")
    compared = _count_across(monkeypatch)
    sdd = project / ".claude" / "agents" / "backend-engineer.sdd.md"
    sdd.write_bytes(sdd.read_bytes().replace(b"color: yellow", b"color: green"))
    cached = _json(".claude/agents")
    assert compared == [5]
    fresh = _json(".claude/agents", "--no-cache")
    assert cached == fresh
    assert sum(d["code"] == "AK507" for d in cached["diagnostics"]) == 5  # sdd now agrees with compact on `color`


def test_the_cached_directives_are_read_from_the_cache_file_as_it_was_opened(project: Path) -> None:
    """The entries are loaded at the start; each file's directives stay in the cache file,
    which another run may replace meanwhile: they are read through the file opened first."""
    _json(".claude/agents")
    store = cache_mod.Cache.open()
    summaries = [outcome[1] for _, _, _, outcome in store.entries.values()]
    assert len(summaries) == 5 and all(isinstance(s.directives, linter.Spooled) for s in summaries)
    (cache_file,) = (project.parent / "cache").glob("v*/*.pickle")
    cache_mod.write_atomic(str(cache_file), b"replaced by another run")
    try:
        for s in summaries:
            assert [p.text for p in s.unpacked_directives()] == [p.text for p in pieces(agentkit.load(s.path))]
    finally:
        store.close()
    with pytest.raises(OSError):
        summaries[0].unpacked_directives()  # closed: the replaced file no longer holds them


def test_entries_pickled_in_chunks_are_all_read_back(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_mod, "CHUNK", 2)  # five files: three chunks
    first = _json(".claude/agents")
    checked = _count_checks(monkeypatch)
    assert _json(".claude/agents") == first
    assert checked == []
    store = cache_mod.Cache.open()
    try:
        assert len(store.entries) == 5
    finally:
        store.close()
