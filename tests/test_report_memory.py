"""Large runs: the JSON is written in pieces, and the parent process keeps no file's bytes it does not need."""

from __future__ import annotations

import io

import pytest
from conftest import SEEDS

from agentkit import linter
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
