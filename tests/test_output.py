"""Output formats through the command line: code frames, concise, grouped, statistics,
GitHub annotations, SARIF (validated against the official schema), --output, --quiet,
--diff, --show-fixes and stdin."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from test_cli import run, run_in_terminal

from agentkit.report import text_format
from agentkit.report.github import escape_data, escape_property

BAD = '---\nname: Bad_Name\ndescription: Reviews code. Example: user: "x"\n---\n\nYou review code.\n\n```python\nprint("never closed")\n'
FIXED = '---\nname: Bad_Name\ndescription: |-\n  Reviews code. Example: user: "x"\n---\n\nYou review code.\n\n```python\nprint("never closed")\n'
SUMMARY = "1 file checked: 0 errors, 3 warnings, 1 info (1 fixable with --fix)\n"


def bad(tmp_path: Path) -> Path:
    f = tmp_path / "bad.md"
    f.write_text(BAD)
    return f


def test_text_shows_code_frames_with_the_span_underlined(tmp_path: Path) -> None:
    bad(tmp_path)
    r = run("lint", "bad.md", cwd=tmp_path, env={"PYTHONPATH": str(ROOT)})
    assert r.returncode == 0
    assert r.stdout == (
        "bad.md:2:7: AK106 warning `name` is \"Bad_Name\": use lowercase letters, digits and hyphens, not starting with a hyphen (':' separates plugin namespaces).\n"
        "  |\n"
        "1 | ---\n"
        "2 | name: Bad_Name\n"
        "  |       ^^^^^^^^ AK106\n"
        "3 | description: Reviews code. Example: user: \"x\"\n"
        "4 | ---\n"
        "  |\n"
        "\n"
        "bad.md:2:7: AK107 info `name` is `Bad_Name` but the file is `bad.md`\n"
        "  |\n"
        "1 | ---\n"
        "2 | name: Bad_Name\n"
        "  |       ^^^^^^^^ AK107\n"
        "3 | description: Reviews code. Example: user: \"x\"\n"
        "4 | ---\n"
        "  |\n"
        "\n"
        "bad.md:3:35: AK002 warning [*] strict YAML rejects the frontmatter: mapping values are not allowed in this context (a plain value cannot contain ': '). "
        "Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot\n"
        "  |\n"
        "1 | ---\n"
        "2 | name: Bad_Name\n"
        "3 | description: Reviews code. Example: user: \"x\"\n"
        "  |                                   ^ AK002\n"
        "4 | ---\n"
        "5 |\n"
        "  |\n"
        "  = help: Rewrite `description` as a literal block scalar (text unchanged)\n"
        "\n"
        "bad.md:8:1: AK301 warning code fence ````` is never closed: the rest of the prompt reads as code\n"
        "  |\n"
        "6 | You review code.\n"
        "7 |\n"
        "8 | ```python\n"
        "  | ^^^ AK301\n"
        "9 | print(\"never closed\")\n"
        "  |\n"
        "\n" + SUMMARY
    )


def test_frames_window_long_lines_and_list_related_locations(seeds: Path) -> None:
    r = run("lint", "agents/", "--select", "AK002,AK401")
    lines = r.stdout.splitlines()
    at = lines.index("agents/backend-engineer/backend-engineer.compact.md:3:160: AK002 warning [*] strict YAML rejects the frontmatter: mapping values are "
                     "not allowed in this context (a plain value cannot contain ': '). Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot")
    source, carets = lines[at + 4], lines[at + 5]
    assert source.startswith("3 | …") and source.endswith("…") and len(source) == 4 + 102
    line3 = (seeds / "backend-engineer.compact.md").read_text(encoding="utf-8").splitlines()[2]
    assert carets.endswith("^ AK002") and carets.index("^") == source.index(line3[159:180])
    assert "  = related: agents/backend-engineer/backend-engineer.elite.md:2:7: also named `backend-engineer`" in lines


def test_concise_grouped_and_quiet(tmp_path: Path) -> None:
    f = bad(tmp_path)
    r = run("lint", str(f), "--format", "concise", "--quiet")
    assert r.stdout == (
        f"{f}:2:7: AK106 warning `name` is \"Bad_Name\": use lowercase letters, digits and hyphens, not starting with a hyphen (':' separates plugin namespaces).\n"
        f"{f}:2:7: AK107 info `name` is `Bad_Name` but the file is `bad.md`\n"
        f"{f}:3:35: AK002 warning [*] strict YAML rejects the frontmatter: mapping values are not allowed in this context (a plain value cannot contain ': '). "
        "Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot\n"
        f"{f}:8:1: AK301 warning code fence ````` is never closed: the rest of the prompt reads as code\n"
    )
    r = run("lint", str(f), "--format", "grouped", "--select", "AK1,AK3")
    assert r.stdout == (
        f"{f}:\n"
        "  2:7 AK106 warning `name` is \"Bad_Name\": use lowercase letters, digits and hyphens, not starting with a hyphen (':' separates plugin namespaces).\n"
        "  2:7 AK107 info `name` is `Bad_Name` but the file is `bad.md`\n"
        "  8:1 AK301 warning code fence ````` is never closed: the rest of the prompt reads as code\n"
        "\n"
        "1 file checked: 0 errors, 2 warnings, 1 info\n"
    )


def test_statistics_text_and_json(tmp_path: Path) -> None:
    f = bad(tmp_path)
    r = run("lint", str(f), "--statistics")
    assert r.stdout == "1\tAK002\t[*] invalid-yaml\n1\tAK106\t    name-format\n1\tAK107\t    name-differs-from-file\n1\tAK301\t    unclosed-code-fence\n"
    payload = json.loads(run("lint", str(f), "--statistics", "--format", "json").stdout)
    assert payload["statistics"][0] == {"code": "AK002", "name": "invalid-yaml", "count": 1, "fixable": True}
    assert set(payload) == {"version", "files", "diagnostics", "summary", "statistics"}


def test_github_annotations_escape_data_and_properties(tmp_path: Path) -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    f = tmp_path / "we,ird:name.md"
    f.write_text("---\nname: we,ird\ndescription: Reviews code.\n---\n\nYou review code.\n")
    r = run("lint", str(f), "--format", "github", "--select", "AK106")
    path = str(f).replace(",", "%2C").replace(":", "%3A")
    assert r.stdout == (
        f"::warning file={path},line=2,col=7,endLine=2,endColumn=13,title=AK106 name-format::AK106 `name` is \"we,ird\": use lowercase letters, "
        "digits and hyphens, not starting with a hyphen (':' separates plugin namespaces).\n"
    )
    r = run("lint", "agents/", "--format", "github", "--select", "AK401")
    first = r.stdout.splitlines()[0]
    assert first.startswith("::error file=agents/backend-engineer/backend-engineer.compact.md,line=2,col=7,endLine=2,endColumn=23,title=AK401 duplicate-name::")
    assert "%0Aagents/backend-engineer/backend-engineer.elite.md:2:7: also named `backend-engineer`" in first


def test_sarif_validates_against_the_official_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    r = run("lint", "agents/", "--format", "sarif")
    assert r.returncode == 1
    log = json.loads(r.stdout)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert {"AK002", "AK401", "AK901"} <= {rule["id"] for rule in rules}
    results = run_["results"]
    assert all(rules[x["ruleIndex"]]["id"] == x["ruleId"] for x in results)
    dup = next(x for x in results if x["ruleId"] == "AK401")
    assert dup["level"] == "error"
    assert dup["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "agents/backend-engineer/backend-engineer.compact.md"},
        "region": {"startLine": 2, "startColumn": 7, "endLine": 2, "endColumn": 23},
    }
    assert len(dup["relatedLocations"]) == 4
    fixed = next(x for x in results if x["ruleId"] == "AK002")
    change = fixed["fixes"][0]["artifactChanges"][0]
    assert change["replacements"][0]["insertedContent"]["text"].startswith("|-\n  Use this agent")
    # A file name that needs percent-encoding is still a valid URI reference.
    (tmp_path / "a b#.md").write_text("---\nname: a\ndescription: x\n---\n")
    log = json.loads(run("lint", str(tmp_path / "a b#.md"), "--format", "sarif").stdout)
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("/a%20b%23.md")


def test_output_file_is_plain_and_stdout_stays_empty(tmp_path: Path) -> None:
    f = bad(tmp_path)
    out = tmp_path / "report.txt"
    r = run("lint", str(f), "--format", "concise", "--output", str(out))
    assert r.stdout == ""
    assert out.read_text().endswith(SUMMARY)


def test_diff_writes_nothing_and_exits_1_when_something_would_change(tmp_path: Path) -> None:
    f = bad(tmp_path)
    r = run("lint", str(f), "--diff")
    assert r.returncode == 1
    assert r.stdout == (
        f"--- a/{f}\n+++ b/{f}\n@@ -1,6 +1,7 @@\n ---\n name: Bad_Name\n"
        '-description: Reviews code. Example: user: "x"\n+description: |-\n+  Reviews code. Example: user: "x"\n ---\n \n You review code.\n'
    )
    assert r.stderr == "Would fix 1 finding in 1 file.\n"
    assert f.read_text() == BAD
    f.write_text(FIXED)
    r = run("lint", str(f), "--diff")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "No fixes to apply.\n")


def test_show_fixes_after_fix(tmp_path: Path) -> None:
    f = bad(tmp_path)
    r = run("lint", str(f), "--fix", "--show-fixes", "--format", "concise", "--select", "AK0")
    assert r.stdout == f"Fixed:\n  {f}: 1 fix\n1 file checked: 0 errors, 0 warnings, 0 infos; fixed 1 finding in 1 file\n"
    assert f.read_text() == FIXED


def test_stdin_is_checked_as_the_named_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "pyproject.toml").write_text('[tool.agentkit]\nignore = ["AK107"]\n')

    def stdin(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "agentkit.cli", *args], input=BAD, capture_output=True, text=True, cwd=tmp_path,
                              env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1", "PATH": "/usr/bin:/bin"})

    r = stdin("lint", "--stdin-filename", "agents/x.md", "--format", "concise", "-")
    assert r.returncode == 0
    assert [line.split(" ")[0:2] for line in r.stdout.splitlines()[:-1]] == [["agents/x.md:2:7:", "AK106"], ["agents/x.md:3:35:", "AK002"], ["agents/x.md:8:1:", "AK301"]]
    assert not (tmp_path / "agents").exists()
    # --fix on stdin prints the fixed text on stdout and the findings on stderr.
    r = stdin("lint", "--stdin-filename", "agents/x.md", "--fix", "--format", "concise", "-")
    assert r.stdout == FIXED
    assert r.stderr.startswith("agents/x.md:2:7: AK106 ") and "AK002" not in r.stderr


def test_progress_bar_only_in_a_terminal_outside_ci(tmp_path: Path) -> None:
    import os
    import sys

    from agentkit.fastcli import PROGRESS_MIN_FILES

    agents = tmp_path / "agents"
    agents.mkdir()
    for i in range(PROGRESS_MIN_FILES):
        (agents / f"a{i}.md").write_text(f"---\nname: a{i}\ndescription: Agent {i}.\n---\n\nYou help.\n")

    def terminal(env: dict[str, str]) -> str:
        full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CI")} | {"TERM": "xterm-256color", "PYTHONPATH": str(ROOT)} | env
        return run_in_terminal([sys.executable, "-m", "agentkit.cli", "lint", str(agents), "--format", "json", "-o", str(tmp_path / "out.json")], full)

    assert f"/{PROGRESS_MIN_FILES}" in terminal({})
    assert terminal({"CI": "true"}) == ""
    piped = run("lint", str(agents), "--format", "concise", "--quiet")
    assert (piped.stdout, piped.stderr) == ("", "")


_frame_text = st.text(st.characters(codec="utf-8") | st.sampled_from(["\t", "\x00", "\x1b", "\x7f", "\ufeff", "\u200b", "\u2028", "漢", "한", "ｱ", "😀", "é"]), max_size=140)


@settings(max_examples=500, deadline=None)
@given(_frame_text, st.integers(0, 150), st.integers(0, 150))
def test_a_code_frame_line_shows_each_character_as_drawn_one_by_one(line, start, end):
    """The window of a long line, its visible characters and the cells before and under
    the span: the same as drawing and measuring the characters one at a time."""
    lo = max(0, min(start - text_format.WIDTH // 3, len(line) - text_format.WIDTH)) if len(line) > text_format.WIDTH else 0
    hi = min(len(line), lo + text_format.WIDTH)
    prefix = "…" if lo > 0 else ""
    expected = (
        prefix + "".join(text_format._show(c) for c in line[lo:hi]) + ("…" if hi < len(line) else ""),
        len(prefix) + sum(text_format._cells(c) for c in line[lo : max(lo, min(start, hi))]),
        sum(text_format._cells(c) for c in line[max(lo, start) : max(lo, min(end, hi))]),
    )
    assert text_format._window(line, start, end) == expected


def test_a_frame_after_a_frame_of_another_text_reads_its_own_lines():
    from agentkit.diagnostics import Diagnostic, Severity, Span

    d = Diagnostic("a.md", Span(2, 1, 2, 2), "AK000", "x", Severity.ERROR, "syntax", "m")
    one = text_format.frame(d, "first\nsecond\nthird\n")
    two = text_format.frame(d, "uno\r\ndos\rtres")
    assert [piece for line in one for piece, style in line if style == "" and piece.strip()] == [" first", " second", " third"]
    assert [piece for line in two for piece, style in line if style == "" and piece.strip()] == [" uno", " dos", " tres"]
