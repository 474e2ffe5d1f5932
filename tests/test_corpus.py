"""Robustness on 1,348 real agent files (../shared/corpus; skipped when absent)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import CORPUS, corpus_files, requires_corpus

from agentkit.linter import _workers, lint

pytestmark = [requires_corpus]

# Every corpus file, named one by one: a named file is always checked. A folder
# walk checks only what Claude Code would register (see test_folder_discovery).
ALL = [str(p) for p in corpus_files()] if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def serial():  # type: ignore[no-untyped-def]
    """One serial run of every rule over the corpus, shared by the tests below (it takes a while)."""
    return lint(ALL, keep_documents=True)


def test_corpus_lints_without_an_internal_error(serial) -> None:  # type: ignore[no-untyped-def]
    report, docs = serial
    assert len(report.files) == 1348
    assert not report.internal_error
    assert [d for d in report.diagnostics if d.code == "AK000"] == []
    assert report.problems == []


def test_every_corpus_file_gets_a_name_and_a_description(serial) -> None:  # type: ignore[no-untyped-def]
    report, docs = serial
    assert all(d.name for d in docs)
    assert all(d.description for d in docs)


def test_verdicts_on_the_corpus(serial) -> None:  # type: ignore[no-untyped-def]
    """Figures measured against the real Claude Code CLI (2.1.330): see tests/test_oracle.py."""
    report, docs = serial
    strict = Counter(f.strict_yaml for f in report.files)
    runtime = Counter(f.claude_code_parses for f in report.files)
    assert strict[False] == 19  # 18 read by Claude Code's fallback, 1 dropped
    assert runtime[False] == 159  # 158 multi-line quoted `examples:` PyYAML accepts, 1 broken key line
    codes = Counter(d.code for d in report.diagnostics)
    assert codes["AK002"] == 18 and codes["AK003"] == 159


def test_the_file_list_matches_the_corpus(serial) -> None:  # type: ignore[no-untyped-def]
    report, _ = serial
    assert sorted(f.path for f in report.files) == sorted(str(p) for p in corpus_files())


def test_folder_discovery_follows_claude_codes_layout() -> None:
    """In a folder, only agents/ folders count; the rest is skipped with a reason."""
    report, _ = lint([str(CORPUS)], keep_documents=False)
    assert len(report.files) == 1064
    reasons = Counter(r for _, r in report.skipped)
    assert reasons == {
        "has frontmatter but is not in an agents/ folder (name it on the command line, or add it to the configuration's `include`)": 275,
        "a skill's file (skills/), not an agent": 9,  # skills/*/agents/*.md: prompts a skill uses, not registered agents
        "no frontmatter and not in an agents/ folder": 1,
    }


@pytest.mark.skipif(_workers() < 2, reason="one core: lint runs serially")
def test_parallel_run_reports_exactly_what_a_serial_run_does(serial) -> None:  # type: ignore[no-untyped-def]
    alone, _ = serial
    parallel, docs = lint(ALL, keep_documents=False)
    assert docs == []  # documents stayed in the workers
    assert parallel.files == alone.files
    assert parallel.diagnostics == alone.diagnostics
