"""The pre-commit hooks, run by pre-commit itself against a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

GOOD = "---\nname: good\ndescription: Reviews code.\n---\n\nYou review code.\n"
BAD = '---\nname: bad\ndescription: Reviews code. Example: user: "x"\nallowed-tools: Read\n---\n\nYou review code.\n'
FIXED = '---\nname: bad\ndescription: |-\n  Reviews code. Example: user: "x"\nallowed-tools: Read\n---\n\nYou review code.\n'

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed: pre-commit needs it")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})


def hooks_repo(tmp_path: Path) -> Path:
    """This checkout's package and hook manifest, committed to a repository of their own
    (try-repo reads committed files; the checkout may have uncommitted ones)."""
    dest = tmp_path / "agentkit-hooks"
    dest.mkdir()
    for name in ("agentkit", "schema"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    git(dest, "init", "-q")
    git(dest, "add", ".")
    git(dest, "commit", "-q", "-m", "hooks")
    return dest


def try_repo(cwd: Path, hooks: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--all-files", "--color", "never"],
        cwd=cwd, capture_output=True, text=True, env={**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"},
    )


def test_pre_commit_runs_the_lint_and_fix_hooks(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (it is in the test extras)")
    repo = tmp_path / "repo"
    (repo / ".claude" / "agents").mkdir(parents=True)
    (repo / ".claude" / "agents" / "good.md").write_text(GOOD)
    (repo / ".claude" / "agents" / "bad.md").write_text(BAD)
    (repo / ".claude" / "agents" / "README.md").write_text("# Our agents\n")  # not an agent: not passed
    (repo / "notes.md").write_text("---\ntitle: not an agent\n---\n")  # outside agents/: not passed
    git(repo, "init", "-q")
    git(repo, "add", ".")
    home = tmp_path / "pre-commit-home"
    hooks = hooks_repo(tmp_path)

    r = try_repo(repo, hooks, "agentkit-lint", home)
    assert r.returncode == 1, r.stdout + r.stderr
    assert ".claude/agents/bad.md:3:35: AK002 warning [*] strict YAML rejects the frontmatter" in r.stdout
    assert ".claude/agents/bad.md:4:1: AK103 error " in r.stdout
    assert "README.md" not in r.stdout and "notes.md" not in r.stdout
    assert (repo / ".claude" / "agents" / "bad.md").read_text() == BAD

    r = try_repo(repo, hooks, "agentkit-fix", home)
    assert r.returncode == 1, r.stdout + r.stderr  # pre-commit fails a hook that changed files
    assert "files were modified by this hook" in r.stdout
    assert (repo / ".claude" / "agents" / "bad.md").read_text() == FIXED


def test_the_github_action_is_a_composite_that_annotates_and_uploads_sarif() -> None:
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    steps = {s.get("name", s.get("uses")): s for s in action["runs"]["steps"]}
    assert "--format github" in steps["Lint"]["run"]
    assert "--format sarif" in steps["SARIF report"]["run"]
    assert steps["Upload SARIF"]["uses"].startswith("github/codeql-action/upload-sarif@")
    assert set(action["inputs"]) == {"paths", "args", "version", "python-version", "sarif", "sarif-file"}
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["agentkit-lint", "agentkit-fix"]
