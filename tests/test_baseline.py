"""Baselines and suppressions end to end, as a ruff user would use them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from test_cli import run

import agentkit
from agentkit.baseline import BaselineError

CONFIG = """[project]
name = "demo"

[tool.agentkit]
extend-ignore = ["AK107"]
severity = { unclosed-code-fence = "error" }

[tool.agentkit.per-file-ignores]
"drafts/**" = ["AK3"]
"""

REVIEWER = """---
name: Code_Reviewer  # agentkit: disable=AK106
description: Reviews code for bugs.
---

You review code.

```python
print("never closed")
"""


def repo(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(CONFIG)
    agents = tmp_path / ".claude" / "agents"
    agents.mkdir(parents=True)
    (agents / "reviewer.md").write_text(REVIEWER)
    (tmp_path / "drafts" / "agents").mkdir(parents=True)
    (tmp_path / "drafts" / "agents" / "draft.md").write_text(REVIEWER.replace("Code_Reviewer", "draft"))
    return tmp_path


def lint(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("lint", "--format", "concise", *args, cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})


def test_a_repository_with_config_suppression_and_baseline(tmp_path: Path) -> None:
    repo(tmp_path)
    # The configuration applies (AK107 ignored, AK301 raised to error, drafts/ spared AK3xx) and the
    # frontmatter comment suppresses AK106; the draft's comment is unused because AK106 does not fire there.
    r = lint(tmp_path)
    assert r.returncode == 1
    assert r.stdout == (
        ".claude/agents/reviewer.md:8:1: AK301 error code fence ````` is never closed: the rest of the prompt reads as code\n"
        "drafts/agents/draft.md:2:34: AK901 warning [*] unused suppression: no AK106 finding on this line\n"
        "2 files checked: 1 error, 1 warning, 0 infos (1 fixable with --fix)\n"
    )
    # Adopt the tool: record today's findings, then only new ones count.
    r = lint(tmp_path, "--write-baseline", "agentkit-baseline.json")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "agentkit: recorded 2 findings in agentkit-baseline.json\n")
    baseline = json.loads((tmp_path / "agentkit-baseline.json").read_text())
    assert [(f["path"], f["code"]) for f in baseline["findings"]] == [(".claude/agents/reviewer.md", "AK301"), ("drafts/agents/draft.md", "AK901")]
    r = lint(tmp_path, "--baseline", "agentkit-baseline.json")
    assert (r.returncode, r.stdout) == (0, "2 files checked: 0 errors, 0 warnings, 0 infos; 2 in the baseline\n")
    # Unrelated edits above a baselined finding keep it matched (fingerprints hold no line numbers).
    reviewer = tmp_path / ".claude" / "agents" / "reviewer.md"
    reviewer.write_text(REVIEWER.replace("You review code.\n", "You review code.\n\n## Scope\n\nOnly Python.\n\n"))
    r = lint(tmp_path, "--baseline", "agentkit-baseline.json")
    assert (r.returncode, r.stdout) == (0, "2 files checked: 0 errors, 0 warnings, 0 infos; 2 in the baseline\n")
    # A new finding is reported, the baselined ones stay hidden.
    (tmp_path / ".claude" / "agents" / "new.md").write_text("---\nname: new\ndescription: New.\n---\n\n~~~text\nopen\n")
    r = lint(tmp_path, "--baseline", "agentkit-baseline.json")
    assert r.returncode == 1
    assert r.stdout == (
        ".claude/agents/new.md:6:1: AK301 error code fence `~~~` is never closed: the rest of the prompt reads as code\n"
        "3 files checked: 1 error, 0 warnings, 0 infos; 2 in the baseline\n"
    )
    # A body suppression comment silences it; removing the problem later makes the comment a finding.
    new = tmp_path / ".claude" / "agents" / "new.md"
    new.write_text("---\nname: new\ndescription: New.\n---\n\n<!-- agentkit: disable-next-line=unclosed-code-fence -->\n~~~\nopen\n")
    assert lint(tmp_path, "--baseline", "agentkit-baseline.json").returncode == 0
    new.write_text("---\nname: new\ndescription: New.\n---\n\n<!-- agentkit: disable-next-line=unclosed-code-fence -->\n~~~\nclosed\n~~~\n")
    r = lint(tmp_path, "--baseline", "agentkit-baseline.json")
    assert r.stdout.splitlines()[0] == ".claude/agents/new.md:6:34: AK901 warning [*] unused suppression: no AK301 finding on the next line"
    # --isolated ignores the configuration: AK106's suppression still holds, AK107 comes back.
    r = lint(tmp_path, "--isolated", ".claude/agents/reviewer.md")
    assert [line.split(" ")[1] for line in r.stdout.splitlines()[:-1]] == ["AK107", "AK301"]


def test_fingerprints_tell_identical_findings_apart_by_count(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_text("---\nname: a\ndescription: A.\n---\n\n```\n")
    baseline = tmp_path / "base.json"
    report = agentkit.lint([f])
    from agentkit.baseline import dumps

    baseline.write_text(dumps(str(baseline), report.diagnostics, report.text_of))
    assert agentkit.lint([f], baseline=baseline).diagnostics == []
    # Moving the file to another path makes it a different finding.
    g = tmp_path / "b.md"
    f.rename(g)
    assert [d.code for d in agentkit.lint([g], baseline=baseline).diagnostics] == ["AK107", "AK301"]


def test_a_bad_baseline_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "base.json").write_text("{not json")
    (tmp_path / "a.md").write_text("---\nname: a\ndescription: A.\n---\n")
    r = run("lint", str(tmp_path / "a.md"), "--baseline", str(tmp_path / "base.json"))
    assert r.returncode == 2
    assert r.stderr.startswith(f"agentkit: error: {tmp_path / 'base.json'}: not a baseline file (invalid JSON: ")
    try:
        agentkit.lint([tmp_path / "a.md"], baseline=tmp_path / "missing.json")
    except BaselineError as exc:
        assert str(exc) == f"{tmp_path / 'missing.json'}: No such file or directory"
    else:
        raise AssertionError("expected BaselineError")


def test_a_suppression_covers_a_cross_file_finding_at_its_own_location(tmp_path: Path) -> None:
    agents = tmp_path / "agents"
    agents.mkdir()
    (agents / "a.md").write_text("---\nname: twin  # agentkit: disable=duplicate-name\ndescription: A.\n---\n\nYou help.\n")
    (agents / "b.md").write_text("---\nname: twin\ndescription: B.\n---\n\nYou help.\n")
    report = agentkit.lint([agents], select="AK401,AK901")
    assert [(Path(d.path).name, d.code, d.span.line) for d in report.diagnostics] == [("b.md", "AK401", 2)]
