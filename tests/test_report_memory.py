"""Large runs: the JSON is written in pieces, and the parent process keeps no file's bytes it does not need."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from conftest import SEEDS
from hypothesis import given, settings
from hypothesis import strategies as st

from agentkit import linter
from agentkit.diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity, Span
from agentkit.rules import Summary
from agentkit.report import json_format, render

SUPPRESSED = "---\nname: Bad_One\ndescription: Use this agent to review code.\n---\n\n<!-- agentkit: disable-file=AK107 -->\nYou review code.\n"
PLAIN = "---\nname: Bad_Two\ndescription: Use this agent to review code.\n---\n\nYou review code.\n"


@pytest.mark.parametrize("chunk", [1, 2, 1000])
@pytest.mark.parametrize("statistics", [False, True])
def test_the_json_in_pieces_is_the_json_in_one_piece(monkeypatch, chunk, statistics):
    report, _ = linter.lint([str(SEEDS)], keep_documents=False)
    assert len(report.diagnostics) > 2
    payload = json_format.lint_payload(report)
    if statistics:
        payload["statistics"] = json_format.statistics(report)
    monkeypatch.setattr(json_format, "CHUNK", chunk)
    lines = render.render(report, "json", statistics=statistics)
    out = io.StringIO()
    render.write(lines, out)
    assert out.getvalue() == render.plain(lines) == json_format.dumps(payload) + "\n"


_text = st.text(st.characters(codec="utf-8") | st.sampled_from(['"', "\\", "\n", "\t", "\x00", "\u2028", "é", "😀", "\ud800"]), max_size=12)
_num = st.integers(min_value=0, max_value=10**12)
_span = st.builds(Span, _num, _num, _num, _num)
_edit = st.builds(Edit, _num, _num, _text, st.none() | _span)
_finding = st.builds(
    Diagnostic,
    _text,
    _span,
    _text,
    _text,
    st.sampled_from(list(Severity)),
    _text,
    _text,
    st.none() | st.builds(Fix, _text, st.lists(_edit, max_size=3).map(tuple), st.sampled_from(list(Applicability))),
    st.lists(st.builds(Related, _text, _num, _num, _text), max_size=3).map(tuple),
    st.none() | _text,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_finding, max_size=6))
def test_each_finding_is_written_as_the_json_encoder_writes_its_mapping(findings):
    """The JSON of a finding is made from a template: the same text as encoding its mapping."""
    report = linter.Report(diagnostics=findings)
    assert "".join(json_format.lint_chunks(report)) == json_format.dumps(json_format.lint_payload(report))


def test_an_empty_report_in_pieces():
    report = linter.Report()
    assert "".join(json_format.lint_chunks(report)) == json_format.dumps(json_format.lint_payload(report))


def test_the_parent_keeps_only_the_bytes_of_files_that_may_hold_suppressions(tmp_path):
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "one.md").write_text(SUPPRESSED)
    (agents / "two.md").write_text(PLAIN)
    report, docs = linter.lint([str(tmp_path)], keep_documents=False)
    one, two = str(agents / "one.md"), str(agents / "two.md")
    assert docs == []
    assert set(report.sources) == {one}
    assert report.on_disk == {one, two}
    assert [(d.path, d.code) for d in report.diagnostics if d.code.startswith("AK1")] == [(one, "AK106"), (two, "AK106"), (two, "AK107")]
    assert report.text_of(two) == PLAIN  # read again for its code frame
    kept, _ = linter.lint([str(tmp_path)], keep_documents=True)
    assert render.plain(render.render(kept, "text")) == render.plain(render.render(report, "text"))


def _variants(folder, names: int, copies: int) -> None:
    """``names`` agents, each in ``copies`` variants that disagree on the model and on a rule."""
    agents = folder / ".claude" / "agents"
    agents.mkdir(parents=True)
    for n in range(names):
        for c in range(copies):
            model, rule = ("opus", "Always write a README.md for every module.") if c % 2 else ("haiku", "Never create README.md files.")
            (agents / f"agent{n}-{c:03d}.md").write_text(
                f"---\nname: agent-{n}\ndescription: Use this agent to review code.\nmodel: {model}\n---\n\nYou review code.\n\n- {rule}\n"
            )


@pytest.mark.skipif(linter._workers() < 2, reason="one core: lint runs serially")
def test_name_groups_are_compared_in_workers_exactly_as_in_one_process(tmp_path, monkeypatch):
    """A large run spools each file's directives to a temporary folder (removed at the end)
    and compares name groups in the workers, a batch at a time: the same findings, in the
    same order, as a serial run."""
    _variants(tmp_path, 3, 70)
    spools = tmp_path / "tmp"
    spools.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(spools))
    monkeypatch.setattr(linter, "GROUP_BATCH_FILES", 50)
    parallel, docs = linter.lint([str(tmp_path / ".claude")], keep_documents=False)
    assert docs == [] and len(parallel.files) == 210
    serial, _ = linter.lint([str(tmp_path / ".claude")], keep_documents=True)
    assert parallel.diagnostics == serial.diagnostics
    codes = Counter(d.code for d in parallel.diagnostics)
    assert codes["AK507"] == 3 * 35 * 35  # every pair of variants with different models
    assert list(spools.iterdir()) == []


def test_the_cross_file_pass_in_batches_keeps_the_order_and_the_memo(tmp_path):
    """Groups already in the cache's memo are not compared again; the others go to the
    pool in batches; the findings come in the serial pass's order."""
    from agentkit.rules import conflicts

    _variants(tmp_path, 4, 3)
    docs, _ = linter.load_paths([str(tmp_path / ".claude")])
    summaries = [Summary.of(d, True) for d in docs]
    expected = list(conflicts.project_pass(summaries))
    assert Counter(d.code for d in expected) == {"AK501": 8, "AK507": 8, "AK508": 8}  # AK508 too: every code runs

    class Pool:
        batches: list[int] = []

        def imap(self, fn, batches):
            self.batches.extend(len(b) for b in batches)
            return map(fn, batches)

    from agentkit.cache import _Groups

    memo = _Groups()  # the cache's memo
    pool = Pool()
    assert linter._project_pass(summaries, memo, pool) == expected
    assert len(memo) == 4 and sum(pool.batches) == 4
    pool.batches.clear()
    assert linter._project_pass(summaries, memo, pool) == expected
    assert pool.batches == []  # every group came from the memo


@pytest.mark.skipif(linter._workers() < 2, reason="one core: lint runs serially")
def test_a_large_cached_run_compares_an_edited_group_from_the_cache_file(tmp_path, monkeypatch):
    """Workers write each file's directives to a spool; the cache copies them into its file;
    the next run reads those of the unchanged members from it, in the workers."""
    _variants(tmp_path, 3, 70)
    folder = str(tmp_path / ".claude")
    monkeypatch.setattr(linter, "PARALLEL_MIN_FILES", 2)
    first, _ = linter.lint([folder], keep_documents=False, cache=tmp_path / "cache")
    for name in ("agent1-000.md", "agent2-000.md"):  # two files to check: the run starts its workers
        edited = tmp_path / ".claude" / "agents" / name
        edited.write_text(edited.read_text().replace("haiku", "sonnet"))
    cached, _ = linter.lint([folder], keep_documents=False, cache=tmp_path / "cache")
    fresh, _ = linter.lint([folder], keep_documents=False)
    assert cached.diagnostics == fresh.diagnostics != first.diagnostics


def test_results_pickle_as_their_fields():
    """Findings, file results and summaries cross from workers and go to the cache as
    their class and field values; they come back equal."""
    import pickle

    from agentkit.diagnostics import Diagnostic, Edit, Fix, Related, Severity, Span

    span = Span(2, 7, 2, 15, 10, 18)
    finding = Diagnostic("a.md", span, "AK106", "name-format", Severity.WARNING, "style", "m", Fix("f", (Edit(10, 18, "x", span),)), (Related("b.md", 1, 1, "r"),), "c-1")
    summary = Summary("a.md", "a", span, "a", "", linter.Spooled("blobs", 3, 4), frozenset({"AK501"}), b"digest")
    result = linter.FileResult("a.md", "a", True, True, "a")
    for value in (finding, summary, result):
        assert pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)) == value


def _copies(tmp_path, models):
    for i, model in enumerate(models):
        agents = tmp_path / f"copy{i:02d}" / "agents"
        agents.mkdir(parents=True)
        (agents / "helper.md").write_text(f"---\nname: helper\ndescription: Use this agent to help.\nmodel: {model}\n---\n\nYou help.\n")
    return [str(tmp_path / f"copy{i:02d}" / "agents" / "helper.md") for i in range(len(models))]


def test_a_rule_that_conflicts_with_copies_of_one_file_is_one_finding(tmp_path):
    paths = _copies(tmp_path, ["sonnet", "opus", "opus"])
    report, _ = linter.lint([str(tmp_path)], keep_documents=False)
    ak507 = [d for d in report.diagnostics if d.code == "AK507"]
    found = [(d.path, d.span.line, d.span.column, d.message, [(r.path, r.line, r.column) for r in d.related]) for d in ak507]
    assert found == [
        (paths[0], 4, 1, "frontmatter conflict on `model`: `sonnet` here, `opus` in helper.md:4 (and the same in 1 more file)", [(paths[1], 4, 1), (paths[2], 4, 1)]),
    ]


def test_copies_give_findings_that_grow_with_the_group_not_its_square(tmp_path):
    paths = _copies(tmp_path, ["sonnet"] * 12 + ["opus"] * 12)
    report, _ = linter.lint([str(tmp_path)], keep_documents=False)
    ak507 = [d for d in report.diagnostics if d.code == "AK507"]
    assert [(d.path, d.span.line, d.span.column) for d in ak507] == [(p, 4, 1) for p in paths[:12]]
    first = ak507[0]
    assert (first.path, first.message) == (paths[0], "frontmatter conflict on `model`: `sonnet` here, `opus` in helper.md:4 (and the same in 11 more files, 10 sides listed)")
    assert [r.path for r in first.related] == paths[12:22]
