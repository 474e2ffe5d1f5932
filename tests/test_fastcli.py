"""The typer-free path of `agentkit lint` and `agentkit validate`: same options, same output, same exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from agentkit import fastcli

BAD = "---\nname: Bad_Name\ndescription: Reviews code.\ntools: Read, Bash(git:*)\nmodel: gpt-4\n---\n\nYou review code.\n"


def _kind(p) -> object:  # type: ignore[no-untyped-def]
    """How an option of typer's command takes its value (click's types, or typer's annotations)."""
    import enum

    if p.is_flag:
        return "flag"
    t = getattr(p, "type", None)
    if t is not None:
        if hasattr(t, "choices"):
            return tuple(t.choices)
        if hasattr(t, "min") or hasattr(t, "max"):
            return (getattr(t, "min", None), getattr(t, "max", None))
        return "int" if t.name == "integer" else "str"
    annotation = p.type_descriptor.annotation
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(e.value for e in annotation)
    if annotation is int:
        return (p.min, p.max)
    return "str"


def _typer_options(command: str) -> dict[str, tuple]:
    import typer.main

    from agentkit.cli import app

    cmd = typer.main.get_command(app).commands[command]
    return {name: (p.name, _kind(p)) for p in cmd.params if p.param_type_name == "option" for name in p.opts}


@pytest.mark.parametrize("command", ["lint", "validate"])
def test_the_fast_path_knows_exactly_the_options_of_the_command(command):
    assert fastcli.OPTIONS[command] == _typer_options(command)


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "--help"],
        ["lint", "-h"],
        ["--version"],
        ["inspect", "x.md"],
        ["lint", "--format", "yaml", "x.md"],
        ["lint", "--format"],
        ["lint", "--profile", "Plugin"],
        ["lint", "--max-depth", "0"],
        ["lint", "--max-depth", "1001"],
        ["lint", "--max-file-size", "-1"],
        ["lint", "--max-file-size", "1e3"],
        ["lint", "-q", "-q"],
        ["lint", "-qv"],
        ["lint", "--quiet=1"],
        ["lint", "--select", "-AK1"],
        ["lint", "--", "x.md"],
        ["validate", "--fix"],
        ["lint", "--unknown"],
        [],
    ],
)
def test_anything_unusual_is_left_to_typer(argv):
    assert fastcli.parse(argv) is None


def test_what_the_fast_path_parses():
    assert fastcli.parse(["lint", "a.md", "--format=json", "-o", "out", "b", "-", "--max-depth", "7", "-q", "--select", "AK1,AK2"]) == (
        "lint",
        {"fmt": "json", "output": "out", "max_depth": 7, "quiet": True, "select": "AK1,AK2", "paths": ["a.md", "b", "-"]},
    )
    assert fastcli.parse(["validate"]) == ("validate", {"paths": None})


def _run(argv: list[str], cwd: Path, typer_only: bool, stdin: str | None = None) -> tuple[int, str, str]:
    code = "from agentkit.cli import app; app()" if typer_only else "from agentkit.fastcli import main; main()"
    env = {**os.environ, "NO_COLOR": "1", "AGENTKIT_NO_CACHE": "1"}
    p = subprocess.run([sys.executable, "-c", f"import sys; sys.argv[0] = 'agentkit'; {code}", *argv], capture_output=True, text=True, cwd=cwd, env=env, input=stdin)
    return p.returncode, p.stdout, p.stderr


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", "bad.md"],
        ["lint", "bad.md", "--format", "json"],
        ["lint", "--format=concise", "bad.md", "--ignore", "AK106"],
        ["lint", "bad.md", "--statistics", "-q"],
        ["lint", "bad.md", "--diff"],
        ["lint", "bad.md", "--show-fixes", "--exit-zero"],
        ["lint", "missing.md"],
        ["lint", "-", "--stdin-filename", "agents/x.md", "--format", "github"],
        ["lint", "--profile", "plugin-dev", "bad.md", "--format", "sarif"],
        ["validate", "bad.md", "--max-file-size", "10", "--max-depth", "3"],
        ["validate", str(SEEDS), "--format", "grouped"],
        ["lint", "--select", "AK1", "bad.md", "-v"],
        ["lint", "--config", "nope.toml", "bad.md"],
    ],
)
def test_the_fast_path_prints_what_typer_prints(tmp_path, argv):
    (tmp_path / "bad.md").write_text(BAD)
    assert fastcli.parse(argv) is not None
    stdin = BAD if "-" in argv else None
    assert _run(argv, tmp_path, False, stdin) == _run(argv, tmp_path, True, stdin)


def test_a_piped_lint_of_one_file_imports_neither_typer_nor_jsonschema_nor_rich(tmp_path):
    (tmp_path / "good.md").write_text("---\nname: good\ndescription: Use this agent to review code.\n---\n\nYou review code and report problems.\n")
    p = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import sys; from agentkit.fastcli import main; main()", "lint", "good.md"],
        capture_output=True, text=True, cwd=tmp_path, env={**os.environ, "AGENTKIT_NO_CACHE": "1"},
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in p.stderr.splitlines() if line.startswith("import time:")}
    assert "agentkit.linter" in imported
    assert imported & {"typer", "click", "pydantic", "jsonschema", "referencing", "rich"} == set()


def test_the_console_script_is_the_fast_path():
    text = (ROOT / "pyproject.toml").read_text()
    assert 'agentkit = "agentkit.fastcli:main"' in text


def test_a_lint_that_compares_nothing_does_not_import_the_conflict_engine(tmp_path):
    """The conflict engine is imported when a conflict rule reads a file's directives:
    not with the conflict rules off, nor when the cache serves every file (which
    imports none of the readers either)."""
    (tmp_path / "good.md").write_text("---\nname: good\ndescription: Use this agent to review code.\n---\n\nYou review code and report problems.\n")
    env = {**os.environ, "AGENTKIT_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("AGENTKIT_NO_CACHE", None)

    def imported(*args: str) -> set[str]:
        p = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import sys; from agentkit.fastcli import main; main()", "lint", "good.md", *args],
            capture_output=True, text=True, cwd=tmp_path, env=env,
        )  # fmt: skip
        assert p.returncode == 0, p.stderr
        return {line.rsplit("|", 1)[1].strip() for line in p.stderr.splitlines() if line.startswith("import time:")}

    assert "agentkit.conflicts.engine" not in imported("--ignore", "AK5", "--no-cache")
    assert "agentkit.conflicts.engine" in imported()  # checked: the conflict rules read its directives
    cached = imported()  # served by the cache: nothing that reads a file is imported
    assert cached & {"agentkit.conflicts.engine", "agentkit.document", "agentkit.frontmatter", "agentkit.yamlread", "yaml"} == set()
