"""Discovery follows Claude Code's layout: agents/ folders, plugin namespaces, the plugin profile.

tests/data/plugin-repo is a small plugin marketplace: two plugins (alpha, and beta
whose manifest names it beta-tools), each with agents, commands and a skill, a
project agent in .claude/agents, and a hook rule with frontmatter in examples/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from agentkit import layout
from agentkit.layout import locate, skip_reason
from agentkit.linter import lint
from agentkit.rules import Selection

REPO = ROOT / "tests" / "data" / "plugin-repo"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "agentkit.cli", *args], capture_output=True, text=True, cwd=cwd, env={**os.environ, "NO_COLOR": "1"})


def test_only_agents_folders_are_checked_with_registered_names() -> None:
    r = run("lint", "--format", "json", "--isolated")
    payload = json.loads(r.stdout)
    assert [(f["path"], f["agent"], f["registered"]) for f in payload["files"]] == [
        (".claude/agents/reviewer.md", "reviewer", "reviewer"),
        ("plugins/alpha/agents/notes.md", None, "alpha:notes"),  # no `name`: Claude Code uses the file name
        ("plugins/alpha/agents/reviewer.md", "reviewer", "alpha:reviewer"),
        ("plugins/alpha/agents/team/lead.md", "lead", "alpha:team:lead"),
        ("plugins/beta/agents/reviewer-old.md", "reviewer", "beta-tools:reviewer"),
        ("plugins/beta/agents/reviewer.md", "reviewer", "beta-tools:reviewer"),
    ]
    # Only the two files of one plugin clash; the plugin profile applies to plugin agents;
    # notes.md has no `name` or `description` but `when_to_use`, which Claude Code reads in a plugin.
    assert [(d["path"], d["line"], d["column"], d["code"], d["message"]) for d in payload["diagnostics"] if d["code"] != "AK107"] == [
        ("plugins/beta/agents/reviewer-old.md", 2, 7, "AK401", "`beta-tools:reviewer` is also the name of 1 other file; Claude Code loads only one of them"),
        ("plugins/beta/agents/reviewer.md", 2, 7, "AK401", "`beta-tools:reviewer` is also the name of 1 other file; Claude Code loads only one of them"),
        ("plugins/beta/agents/reviewer.md", 4, 1, "AK112", "`permissionMode` is not supported in plugin agents: Claude Code ignores it there"),
    ]
    assert r.stderr == (
        "agentkit: note: 1 Markdown file with frontmatter outside agents/ folders was not checked "
        "(name them, or add them to `include`; --verbose lists them)\n"
    )


def test_verbose_says_what_was_skipped_and_why() -> None:
    r = run("lint", "--isolated", "--verbose", "--quiet")
    assert r.stderr == "".join(
        f"agentkit: skipped {p}: {why}\n"
        for p, why in [
            ("README.md", "no frontmatter and not in an agents/ folder"),
            ("examples/rule.local.md", "has frontmatter but is not in an agents/ folder (name it on the command line, or add it to the configuration's `include`)"),
            ("plugins/alpha/commands/review.md", "a command (commands/), not an agent"),
            ("plugins/alpha/skills/checker/SKILL.md", "a skill's file (skills/), not an agent"),
            ("plugins/alpha/skills/checker/agents/grader.md", "a skill's file (skills/), not an agent"),
            ("plugins/beta/README.md", "no frontmatter and not in an agents/ folder"),
        ]
    )


def test_a_named_file_is_always_checked() -> None:
    r = run("lint", "--isolated", "--format", "json", "plugins/alpha/commands/review.md")
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["plugins/alpha/commands/review.md"]


def test_an_explicit_profile_wins_over_the_plugin_folder() -> None:
    r = run("lint", "--isolated", "--format", "json", "--profile", "claude-code", "plugins/beta/agents/reviewer.md")
    assert [d["code"] for d in json.loads(r.stdout)["diagnostics"]] == []


def test_config_include_adds_files_outside_agents_folders(tmp_path: Path) -> None:
    (tmp_path / "library").mkdir()
    (tmp_path / "library" / "helper.md").write_text("---\nname: helper\ndescription: Use this agent to help.\n---\n\nYou help.\n")
    (tmp_path / "agentkit.toml").write_text('include = ["library/*.md"]\n')
    r = run("lint", "--format", "json", cwd=tmp_path)
    assert [f["path"] for f in json.loads(r.stdout)["files"]] == ["library/helper.md"]
    assert r.stderr == ""


def test_locate_and_skip_reason() -> None:
    where = locate(str(REPO / "plugins" / "alpha" / "agents" / "team" / "lead.md"))
    assert (where.plugin, where.namespace, where.registered("lead")) == ("alpha", ("team",), "alpha:team:lead")
    assert locate(str(REPO / ".claude" / "agents" / "reviewer.md")).plugin is None
    assert skip_reason(["repo", "agents"], "x.md", b"---\nname: x\n---\n") is None
    assert skip_reason(["repo", "agents"], "README.md", b"# About\n") == "documentation in an agents/ folder (no frontmatter)"
    assert skip_reason(["repo", "notes"], "x.md", b"---\n", included=True) is None


def test_lint_a_subfolder_of_an_agents_folder() -> None:
    report, _ = lint([str(ROOT / "agents" / "backend-engineer")])
    assert len(report.files) == 5 and report.skipped == []


def test_related_locations_are_capped(tmp_path: Path) -> None:
    agents = tmp_path / "agents"
    agents.mkdir()
    for i in range(14):
        (agents / f"copy{i:02d}.md").write_text("---\nname: same\ndescription: Use this agent for tests.\n---\n\nBody.\n")
    report, _ = lint([str(agents)], selection=None)
    dup = [d for d in report.diagnostics if d.code == "AK401"]
    assert len(dup) == 14
    assert {len(d.related) for d in dup} == {10}
    assert dup[0].message == "`same` is also the name of 13 other files (10 listed); Claude Code loads only one of them"


def test_missing_paths_under_the_project_root() -> None:
    """AK306 knows the root of an agent in .claude/agents/: the folder that holds .claude."""
    project = ROOT / "tests" / "data" / "project-paths"
    report, _ = lint([str(project / ".claude" / "agents" / "planner.md")], selection=Selection(("AK306",)))
    assert [(d.span.line, d.span.column, d.message) for d in report.diagnostics] == [
        (6, 26, f"`specs/feature.md` does not exist under the project root {project}"),
        (6, 50, f"`.specify/memory/constitution.md` does not exist under the project root {project}"),
    ]


def test_two_repositories_do_not_clash(tmp_path: Path) -> None:
    for repo in ("one", "two"):
        (tmp_path / repo / ".git").mkdir(parents=True)
        (tmp_path / repo / "agents").mkdir()
        (tmp_path / repo / "agents" / "helper.md").write_text("---\nname: helper\ndescription: Use this agent to help.\n---\n\nYou help.\n")
    (tmp_path / "two" / "agents" / "helper-copy.md").write_text("---\nname: helper\ndescription: Use this agent to help.\n---\n\nYou help.\n")
    report, _ = lint([str(tmp_path)], selection=Selection(("AK401",)))
    assert sorted(os.path.relpath(d.path, tmp_path) for d in report.diagnostics) == ["two/agents/helper-copy.md", "two/agents/helper.md"]


def test_the_folder_search_prunes_and_orders_as_documented(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sorted, top-down; build folders, virtualenvs and links to folders are not
    searched; a link to a file already found is not found twice; an unreadable
    folder is passed over; paths under `.` are shown without `./`."""
    agent = "---\nname: a\ndescription: Use this agent to test.\n---\nBody.\n"
    agents = tmp_path / "agents"
    for rel in ("b.md", "a.MD", "sub/c.md", "node_modules/x.md", "venv2/y.md", "z/agents/d.md"):
        (agents / rel).parent.mkdir(parents=True, exist_ok=True)
        (agents / rel).write_text(agent)
    (agents / "venv2" / "pyvenv.cfg").write_text("")
    (agents / "linked").symlink_to(agents / "sub", target_is_directory=True)
    (agents / "same.md").symlink_to(agents / "b.md")
    (agents / "notes.txt").write_text(agent)
    closed = agents / "closed"
    closed.mkdir()
    (closed / "e.md").write_text(agent)
    closed.chmod(0)
    readable = os.access(closed, os.R_OK)  # (root reads any folder)
    try:
        monkeypatch.chdir(tmp_path)
        found = layout.discover(["."], read=False)
        again = layout.discover([str(tmp_path / "agents")], read=False)
    finally:
        closed.chmod(0o755)
    expected = ["agents/a.MD", "agents/b.md", "agents/sub/c.md", "agents/z/agents/d.md"]
    if readable:
        expected.insert(2, "agents/closed/e.md")
    assert [p for p, _ in found.found] == expected
    assert [p for p, _ in again.found] == [str(tmp_path / p) for p in expected]
