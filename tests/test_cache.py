"""The incremental cache: unchanged files are not checked again, and nothing it
reuses differs from a fresh run."""

from __future__ import annotations

import json
import os
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
    assert cache_mod.default_dir() == str(tmp_path / "xdg" / "agentkit")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_mod.default_dir() == str(tmp_path / "home" / ".cache" / "agentkit")
    monkeypatch.setenv("AGENTKIT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_mod.default_dir() == str(tmp_path / "mine")


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
    summaries = [entry[-1][1] for entry in store.entries.values()]
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


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    real = linter._read

    def counting(path, limits):  # type: ignore[no-untyped-def]
        seen.append(path)
        return real(path, limits)

    monkeypatch.setattr(linter, "_read", counting)
    return seen


def _settle_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust a file's status as soon as it is taken (by default only once the file is
    two seconds old: these files were written a moment ago)."""
    monkeypatch.setattr(cache_mod, "SETTLED_NS", 0)


def test_an_unchanged_file_is_not_read_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settle_at_once(monkeypatch)
    first = _json(".claude/agents")
    reads = _count_reads(monkeypatch)
    checked = _count_checks(monkeypatch)
    assert _json(".claude/agents") == first
    assert checked == []
    assert reads == []  # the status of each file (size, times, inode) says it is unchanged


def test_a_recent_file_is_hashed_not_trusted_by_its_status(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _json(".claude/agents")
    reads = _count_reads(monkeypatch)
    checked = _count_checks(monkeypatch)
    assert _json(".claude/agents") == first
    assert checked == []
    assert len(reads) == 5  # written less than two seconds ago: read and hashed


@pytest.mark.parametrize("settle", [True, False])
def test_a_touched_file_is_hashed_and_reused(project: Path, monkeypatch: pytest.MonkeyPatch, settle: bool) -> None:
    if settle:
        _settle_at_once(monkeypatch)
    first = _json(".claude/agents")
    target = project / ".claude" / "agents" / "backend-engineer.sdd.md"
    before = target.stat().st_mtime_ns
    os.utime(target)  # touch: the times change, the bytes do not
    assert target.stat().st_mtime_ns != before
    reads = _count_reads(monkeypatch)
    checked = _count_checks(monkeypatch)
    assert _json(".claude/agents") == first
    assert checked == []
    assert ".claude/agents/backend-engineer.sdd.md" in reads
    reads.clear()
    assert _json(".claude/agents") == first
    assert reads == ([] if settle else [str(Path(".claude/agents") / p.name) for p in sorted((project / ".claude" / "agents").iterdir())])


@pytest.mark.parametrize("settle", [True, False])
def test_an_edit_of_the_same_size_with_the_time_restored_is_seen(project: Path, monkeypatch: pytest.MonkeyPatch, settle: bool) -> None:
    """Size and modification time alone would call the file unchanged; its change time
    (which a program cannot set back) or, for a recent file, its hash says otherwise."""
    if settle:
        _settle_at_once(monkeypatch)
    _json(".claude/agents")
    target = project / ".claude" / "agents" / "backend-engineer.sdd.md"
    st = target.stat()
    data = target.read_bytes()
    edited = data.replace(b"color: yellow", b"color: green!")
    assert edited != data and len(edited) == len(data)
    target.write_bytes(edited)
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert target.stat().st_mtime_ns == st.st_mtime_ns and target.stat().st_size == st.st_size
    checked = _count_checks(monkeypatch)
    cached = _json(".claude/agents")
    assert checked == [".claude/agents/backend-engineer.sdd.md"]
    assert cached == _json(".claude/agents", "--no-cache")


def test_a_configuration_change_checks_every_file_again(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settle_at_once(monkeypatch)
    first = _json(".claude/agents")
    (project / "agentkit.toml").write_text('ignore = ["AK010"]\n')
    checked = _count_checks(monkeypatch)
    after = _json(".claude/agents")
    assert len(checked) == 5
    assert [d for d in first["diagnostics"] if d["code"] == "AK010"]
    assert after["diagnostics"] == [d for d in first["diagnostics"] if d["code"] != "AK010"]


def test_another_agentkit_version_reuses_nothing(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _settle_at_once(monkeypatch)
    first = _json(".claude/agents")
    monkeypatch.setattr(cache_mod, "__version__", "0.0.0-other")
    checked = _count_checks(monkeypatch)
    assert _json(".claude/agents") == first
    assert len(checked) == 5


def test_a_run_of_other_files_keeps_the_name_groups_of_an_earlier_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Linting one file between two runs of the folder (as a pre-commit hook does) does not
    make the next run of the folder compare its name groups again."""
    compared = _count_across(monkeypatch)
    first = _json(".claude/agents")
    assert compared == [5]
    (project / "other").mkdir()
    (project / "other" / "agents").mkdir()
    (project / "other" / "agents" / "one.md").write_text("---\nname: one\ndescription: Use this agent to test.\n---\nBody.\n")
    _json("other/agents/one.md")
    _json(".claude/agents/backend-engineer.sdd.md")  # one file of the group: no group in this run
    assert _json(".claude/agents") == first
    assert compared == [5]


def test_on_windows_every_file_is_hashed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows records no change time (``st_ctime`` is the creation time): a status could
    not tell an edit that restored the modification time, so none is trusted there."""
    target = ".claude/agents/backend-engineer.sdd.md"
    assert cache_mod.stat_of(target) is not None
    monkeypatch.setattr(cache_mod.os, "name", "nt")
    assert cache_mod.stat_of(target) is None


def test_a_status_with_whole_second_times_is_not_trusted() -> None:
    # FAT, exFAT and sshfs keep whole seconds and may not move the change time with the
    # file: such a status never stands for the file's bytes; a settled fine-grained one does.
    now = 10_000_000_000_000
    fine = (120, 5_000_000_123, 5_000_000_456, 7, 8, 0o100644)
    coarse = (120, 5_000_000_000, 5_000_000_000, 7, 8, 0o100644)
    assert cache_mod.settled(fine, now) == fine
    assert cache_mod.settled(coarse, now) is None
    assert cache_mod.settled(fine, 5_000_000_456 + cache_mod.SETTLED_NS - 1) is None
