"""The command line: exit codes, output formats, the JSON contract, --fix."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

from agentkit import __version__

GOOD = "---\nname: good\ndescription: Use this agent to review code.\n---\n\nYou review code.\n"
BAD_YAML = '---\nname: bad\ndescription: Use for code. Example: user: "x"\n---\n\nYou review code.\n'


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "agentkit.cli", *args], capture_output=True, text=True, cwd=cwd or ROOT, env=full_env)



def run_in_terminal(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> str:
    """Run ``cmd`` with a pseudo-terminal as stdout and stderr; what it printed."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(cmd, stdout=slave, stderr=slave, env=env, cwd=cwd)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode(errors="replace")

def test_version() -> None:
    r = run("--version")
    assert (r.returncode, r.stdout) == (0, f"agentkit {__version__}\n")


def test_clean_file_exits_0(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD)
    r = run("lint", str(tmp_path / "good.md"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == "1 file checked: 0 errors, 0 warnings, 0 infos\n"


def test_warning_exits_0_with_plain_text(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_text(BAD_YAML)
    r = run("lint", str(f))
    assert r.returncode == 0
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{f}:3:35: AK002 warning [*] strict YAML rejects the frontmatter")
    assert "\x1b[" not in r.stdout  # plain when not a terminal


def test_error_finding_exits_1(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_text("---\nname: bad\n---\n\nYou review code.\n")
    r = run("lint", str(f), "--format", "concise")
    assert r.returncode == 1
    assert r.stdout == f"{f}:1:1: AK101 error required field `description` is missing\n1 file checked: 1 error, 0 warnings, 0 infos\n"


def test_missing_path_alone_prints_no_summary(tmp_path: Path) -> None:
    r = run("lint", str(tmp_path / "nope"))
    assert (r.returncode, r.stdout, r.stderr) == (2, "", f"agentkit: error: {tmp_path / 'nope'}: no such file or directory\n")


def test_inspect_a_folder_says_so(tmp_path: Path) -> None:
    r = run("inspect", str(tmp_path))
    assert (r.returncode, r.stderr) == (2, f"agentkit: error: {tmp_path}: is a folder; inspect reads one agent file (`agentkit lint {tmp_path}` checks a folder)\n")


def test_missing_path_exits_2_but_checks_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD)
    r = run("lint", str(tmp_path / "nope.md"), str(tmp_path / "good.md"))
    assert r.returncode == 2
    assert r.stderr == f"agentkit: error: {tmp_path / 'nope.md'}: no such file or directory\n"
    assert "1 file checked" in r.stdout


def test_usage_error_exits_2() -> None:
    r = run("lint", "--format", "xml")
    assert r.returncode == 2


def test_json_contract_on_the_seeds() -> None:
    r = run("lint", "agents/", "--format", "json")
    assert r.returncode == 1
    payload = json.loads(r.stdout)
    assert set(payload) == {"version", "files", "diagnostics", "summary"}
    assert payload["version"] == 1
    assert [f["path"] for f in payload["files"]] == [f"agents/backend-engineer/backend-engineer.{v}.md" for v in ("compact", "elite", "saas", "sdd", "spec-executor")]
    assert [(f["strict_yaml"], f["claude_code_parses"]) for f in payload["files"]] == [(False, True), (False, True), (True, True), (True, True), (False, True)]
    assert payload["summary"] == {"files": 5, "errors": 5, "warnings": 24, "infos": 7}
    d = next(d for d in payload["diagnostics"] if d["code"] == "AK002")
    assert set(d) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "category", "message", "fix", "related", "id"}
    assert (d["path"], d["line"], d["column"], d["name"], d["severity"], d["category"]) == ("agents/backend-engineer/backend-engineer.compact.md", 3, 160, "invalid-yaml", "warning", "syntax")
    assert d["fix"]["applicability"] == "safe"
    [edit] = d["fix"]["edits"]
    assert (edit["line"], edit["column"], edit["end_line"], edit["end_column"]) == (3, 14, 3, 807)
    assert edit["content"].startswith("|-\n  Use this agent for backend implementation tasks")
    dup = next(d for d in payload["diagnostics"] if d["code"] == "AK401")
    assert dup["related"][0] == {"path": "agents/backend-engineer/backend-engineer.elite.md", "line": 2, "column": 7, "message": "also named `backend-engineer`"}


def test_validate_skips_style_and_cross_file_checks() -> None:
    r = run("validate", "agents/", "--format", "json")
    codes = {d["code"] for d in json.loads(r.stdout)["diagnostics"]}
    assert codes == {"AK002", "AK201"}


def test_select_and_ignore() -> None:
    r = run("lint", "agents/", "--format", "json", "--select", "AK4,AK0", "--ignore", "AK010")
    codes = {d["code"] for d in json.loads(r.stdout)["diagnostics"]}
    assert codes == {"AK002", "AK401"}


@pytest.mark.parametrize(("variant", "count"), [("saas", 5), ("sdd", 4), ("spec-executor", 3), ("compact", 2), ("elite", 3)])
def test_inspect_counts_examples(variant: str, count: int) -> None:
    r = run("inspect", str(SEEDS / f"backend-engineer.{variant}.md"), "--format", "json")
    assert r.returncode == 0
    payload = json.loads(r.stdout)
    assert len(payload["examples"]) == count
    assert payload["agent"] == "backend-engineer"
    assert payload["claude_code_parses"] is True
    assert payload["frontmatter"]["name"] == {"value": "backend-engineer", "line": 2, "column": 1, "value_line": 2, "value_column": 7, "value_end_line": 2, "value_end_column": 23, "style": "plain"}


def test_inspect_text_shows_verdicts_and_outline() -> None:
    r = run("inspect", str(SEEDS / "backend-engineer.compact.md"))
    assert r.returncode == 0
    lines = r.stdout.splitlines()
    assert lines[2] == "  strict YAML: no    Claude Code parses: yes    read by: runtime    encoding: utf-8"
    assert "  4:1  tools = Read, Write, Edit, Glob, Grep, Bash" in lines
    assert "examples (2)" in lines
    assert "    10    ## Core Technologies" in lines
    assert "body (2 paragraphs, 11 headings, 30 list items, 4 code blocks)" in lines


def test_inspect_missing_file_exits_2() -> None:
    r = run("inspect", "nope.md")
    assert (r.returncode, r.stderr) == (2, "agentkit: error: nope.md: no such file\n")


def test_rule_documentation() -> None:
    r = run("rule", "ak103")
    assert r.returncode == 0
    assert r.stdout.startswith("AK103 misspelled-field (error, schema)\n\nA misspelling of `tools`")
    assert run("rule", "AK999").returncode == 2


def test_fix_rewrites_atomically_and_python_frontmatter_reads_it(tmp_path: Path) -> None:
    import frontmatter

    f = tmp_path / "bad.md"
    f.write_text(BAD_YAML)
    r = run("lint", "--fix", str(f))
    assert r.returncode == 0, r.stdout
    assert f.read_text() == '---\nname: bad\ndescription: |-\n  Use for code. Example: user: "x"\n---\n\nYou review code.\n'
    assert frontmatter.load(f).metadata == {"name": "bad", "description": 'Use for code. Example: user: "x"'}
    assert r.stdout.endswith("fixed 1 finding in 1 file\n")
    assert [p.name for p in tmp_path.iterdir()] == ["bad.md"]  # no temporary file left behind


def test_fix_keeps_crlf_and_bom(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_bytes(b"\xef\xbb\xbf" + BAD_YAML.replace("\n", "\r\n").encode())
    # Claude Code's fallback cannot quote CRLF lines, so this file is dropped at runtime: no safe fix.
    r = run("lint", "--fix", str(f), "--format", "json")
    payload = json.loads(r.stdout)
    assert payload["files"][0]["claude_code_parses"] is False
    assert f.read_bytes().startswith(b"\xef\xbb\xbf---\r\n")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "binary.md").write_bytes(b"\x00\xff\xfe---\x00")
    (tmp_path / "agents" / "good.md").write_text(GOOD)
    (tmp_path / "agents" / "README.md").write_text("# docs, not an agent\n")
    r = run("lint", str(tmp_path), "--format", "json")
    payload = json.loads(r.stdout)
    assert [Path(f["path"]).name for f in payload["files"]] == ["binary.md", "good.md"]
    assert r.returncode == 1


def test_no_path_means_the_current_folder_and_skips_vendored_trees(tmp_path: Path) -> None:
    (tmp_path / ".claude" / "agents").mkdir(parents=True)
    (tmp_path / ".claude" / "agents" / "good.md").write_text(GOOD)
    (tmp_path / "notes.md").write_text("# just notes\n")  # no frontmatter, not under agents/: not an agent
    for vendored in ("node_modules/pkg/agents", ".git/agents", "venv/agents"):
        (tmp_path / vendored).mkdir(parents=True)
        (tmp_path / vendored / "x.md").write_text("---\nname: x\n---\n")
    (tmp_path / "venv" / "pyvenv.cfg").write_text("home = /usr\n")
    r = run("lint", "--format", "json", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    payload = json.loads(r.stdout)
    assert [f["path"] for f in payload["files"]] == [".claude/agents/good.md"]
    assert r.returncode == 0


def test_text_is_coloured_in_a_terminal_and_plain_with_no_color(tmp_path: Path) -> None:
    f = tmp_path / "bad.md"
    f.write_text(BAD_YAML)

    def in_terminal(env: dict[str, str]) -> str:
        full_env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"TERM": "xterm-256color", "COLUMNS": "200"} | env
        return run_in_terminal([sys.executable, "-m", "agentkit.cli", "lint", str(f)], full_env, ROOT)

    coloured = in_terminal({})
    assert "\x1b[" in coloured and "AK002" in coloured
    plain = in_terminal({"NO_COLOR": "1"})
    assert "\x1b[" not in plain and "AK002" in plain


def test_conflicts_command_groups_by_topic() -> None:
    files = ("tests/rules/AK507/bad_variants/writer.md", "tests/rules/AK507/bad_variants/writer.terse.md")
    r = run("conflicts", *files)
    assert r.returncode == 0
    assert r.stdout == (
        "model\n"
        "  frontmatter AK507 warning " + r.stdout.split("warning ", 1)[1].split("\n", 1)[0] + "\n"
        '    tests/rules/AK507/bad_variants/writer.md:4:1: "model: sonnet"\n'
        '    tests/rules/AK507/bad_variants/writer.terse.md:4:1: "model: haiku"\n'
        "\n"
        "1 conflict in 2 files\n"
    )
    j = run("conflicts", *files, "--format", "json")
    payload = json.loads(j.stdout)
    [c] = payload["conflicts"]
    assert (c["kind"], c["code"], c["severity"], c["topic"]) == ("frontmatter", "AK507", "warning", "model")
    assert c["id"].startswith("c-") and len(c["id"]) == 14
    assert [(s["path"], s["line"], s["text"]) for s in c["sides"]] == [
        ("tests/rules/AK507/bad_variants/writer.md", 4, "model: sonnet"),
        ("tests/rules/AK507/bad_variants/writer.terse.md", 4, "model: haiku"),
    ]
    assert payload["summary"] == {"files": 2, "conflicts": 1, "by_kind": {"frontmatter": 1}}
    assert run("conflicts", "no/such/path").returncode == 2


def test_conflict_ids_are_stable_across_runs() -> None:
    a = run("lint", "agents/", "--format", "json", "--select", "AK5")
    b = run("lint", "agents/", "--format", "json", "--select", "AK5", env={"PYTHONHASHSEED": "7"})
    assert a.stdout == b.stdout
    ids = [d["id"] for d in json.loads(a.stdout)["diagnostics"]]
    assert ids and all(i.startswith("c-") for i in ids)
