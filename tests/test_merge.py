"""`agentkit merge`: refusal with the conflicts listed, decisions, provenance, valid output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import agentkit
from agentkit.merge import MergeError, merge
from agentkit.merge.align import words
from agentkit.merge.units import extract, units_of

DATA = ROOT / "tests" / "data" / "merge"
SEED_FILES = sorted(str(p.relative_to(ROOT)) for p in SEEDS.glob("*.md"))
SAAS = "agents/backend-engineer/backend-engineer.saas.md"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run([sys.executable, "-m", "agentkit.cli", *args], capture_output=True, text=True, cwd=cwd, env=env)


def golden(path: Path, text: str) -> None:
    """Compare with a golden file; AGENTKIT_UPDATE_GOLDEN=1 rewrites it."""
    if os.environ.get("AGENTKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def load_all(paths: list[str]) -> list[agentkit.AgentDocument]:
    return [agentkit.load(ROOT / p, display=p) for p in paths]


# --- the seeds --------------------------------------------------------------


def test_seeds_refuse_without_prefer_and_list_conflicts(tmp_path: Path) -> None:
    out = tmp_path / "merged.md"
    r = run("merge", *SEED_FILES, "-o", str(out))
    assert r.returncode == 1
    assert not out.exists()
    lines = r.stdout.splitlines()
    assert lines[0] == (
        "agents/backend-engineer/backend-engineer.compact.md:3: conflict frontmatter-description-7d9f2938 (frontmatter): "
        "the variants set the description (its text before the examples) differently"
    )
    assert "agents/backend-engineer/backend-engineer.elite.md:4: conflict frontmatter-model-d4cb97d8 (frontmatter): the variants set `model` differently" in lines
    assert (
        "    1: agents/backend-engineer/backend-engineer.elite.md:4 (also agents/backend-engineer/backend-engineer.saas.md:4, "
        "agents/backend-engineer/backend-engineer.sdd.md:4): sonnet"
    ) in lines
    assert "    2: agents/backend-engineer/backend-engineer.spec-executor.md:4: haiku" in lines
    assert "agents/backend-engineer/backend-engineer.compact.md:4: conflict frontmatter-tools-42f33788 (tool): some variants limit `tools`, others set no allowlist and may use every tool" in lines
    assert (
        "    2: agents/backend-engineer/backend-engineer.elite.md:1 (also agents/backend-engineer/backend-engineer.saas.md:1, "
        "agents/backend-engineer/backend-engineer.sdd.md:1, agents/backend-engineer/backend-engineer.spec-executor.md:1): (no `tools`: every tool)"
    ) in lines
    assert lines[-1].endswith(
        "conflicts open, nothing written: decide them with --prefer FILE, --resolutions FILE (--write-resolutions FILE writes a template) or --markers"
    )


def test_seeds_merge_with_prefer(tmp_path: Path) -> None:
    out, rep = tmp_path / "merged.md", tmp_path / "r.json"
    r = run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(out), "--report", str(rep))
    assert r.returncode == 0, r.stderr
    report = json.loads(rep.read_text())
    s = report["summary"]
    assert r.stdout == f"{out}: {s['units_in']} units in, {s['kept']} kept, {s['duplicates']} duplicates, {s['conflicts_decided']} conflicts decided\n"
    assert s["conflicts_open"] == 0
    # Lint-clean (no error) when read alone.
    lint = agentkit.lint([str(out)])
    assert [d for d in lint.diagnostics if d.severity.value == "error"] == []
    doc = agentkit.load(out)
    assert doc.strict_yaml and doc.claude_code_parses and doc.name == "backend-engineer"
    assert doc.frontmatter.data["model"] == "sonnet"
    assert "tools" not in doc.frontmatter.data  # saas sets no allowlist: every tool, as decided by --prefer
    import frontmatter  # python-frontmatter

    post = frontmatter.loads(out.read_text())
    assert post["name"] == "backend-engineer" and post.content.startswith("You are an elite Backend Engineer")
    check_accounts(load_all(SEED_FILES), report, out.read_text())


def test_same_inputs_same_bytes(tmp_path: Path) -> None:
    a, b = tmp_path / "a.md", tmp_path / "b.md"
    assert run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(a)).returncode == 0
    assert run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(b)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def check_accounts(docs: list[agentkit.AgentDocument], report: dict, output: str) -> None:
    """Every body unit of every input is in the output, a duplicate, or a losing conflict side."""
    out_lines = output.split("\n")
    rows = {(r["path"], r["line"], r["kind"]): r for r in report["units"]}
    kept_rows = {(r["path"], r["line"]) for r in report["units"] if r["status"] == "kept"}
    for i, doc in enumerate(docs):
        for u in units_of(extract(doc, i)):
            row = rows.get((doc.path, u.line, u.kind))
            assert row is not None, (doc.path, u.line)
            assert row["status"] in ("kept", "duplicate", "conflict"), row
            if row["status"] == "kept":
                line = out_lines[row["output_line"] - 1]
                first = doc.text[u.start : u.end].splitlines()[0]
                if u.kind == "heading":
                    assert words(line.lstrip("#")) == words(u.title), (line, row)
                elif "cut" not in row:
                    assert _unnumbered(line) == _unnumbered(first), (line, row)
            elif row["status"] == "duplicate":
                k = row["kept"]
                assert (k["path"], k["line"]) in kept_rows, row
                assert out_lines[k["output_line"] - 1].strip()
            else:
                assert row["conflict"] in {c["id"] for c in report["conflicts"]}
    assert report["summary"]["units_in"] == len(report["units"])


def _unnumbered(line: str) -> str:
    return re.sub(r"^\s*\d+[.)]\s+", "", line.rstrip())


# --- the domain pairs ---------------------------------------------------------


@pytest.mark.parametrize(
    "folder,prefer",
    [("code-reviewer", "code-reviewer.team.md"), ("docs-writer", "docs-writer.api.md")],
)
def test_pair_golden(tmp_path: Path, folder: str, prefer: str) -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (DATA / folder).glob("*.md"))
    out, rep = tmp_path / "merged.md", tmp_path / "r.json"
    r = run("merge", *files, "--prefer", str(DATA.relative_to(ROOT) / folder / prefer), "-o", str(out), "--report", str(rep))
    assert r.returncode == 0, r.stderr
    golden(DATA / f"{folder}.merged.md", out.read_text())
    report = json.loads(rep.read_text())
    check_accounts(load_all(files), report, out.read_text())
    lint = agentkit.lint([str(out)])
    assert [d.code for d in lint.diagnostics if d.severity.value == "error"] == []


# --- options and errors ---------------------------------------------------------


def test_names_differ_exit_2(tmp_path: Path) -> None:
    a = DATA / "code-reviewer" / "code-reviewer.team.md"
    b = DATA / "docs-writer" / "docs-writer.api.md"
    r = run("merge", str(a.relative_to(ROOT)), str(b.relative_to(ROOT)), "-o", str(tmp_path / "x.md"))
    assert r.returncode == 2
    assert r.stderr == (
        "agentkit: error: the inputs do not share one `name` (tests/data/merge/code-reviewer/code-reviewer.team.md: 'code-reviewer', "
        "tests/data/merge/docs-writer/docs-writer.api.md: 'docs-writer'); give --name NAME to merge them anyway\n"
    )


def test_existing_output_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "merged.md"
    out.write_text("keep me")
    r = run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(out))
    assert r.returncode == 2
    assert r.stderr == f"agentkit: error: {out}: exists; give --force to replace it\n"
    assert out.read_text() == "keep me"
    assert run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(out), "--force").returncode == 0
    assert out.read_text().startswith("---\nname: backend-engineer\n")


def test_tools_union_is_reported(tmp_path: Path) -> None:
    out, rep = tmp_path / "m.md", tmp_path / "r.json"
    r = run("merge", *CR, "--prefer", CR_TEAM, "-o", str(out), "--report", str(rep))
    assert r.returncode == 0
    assert r.stdout.splitlines()[1:] == [f"{CR_TEAM}:4: the merged `tools` also grants Bash"]
    assert "\ntools: Read, Grep, Glob, Bash\n" in out.read_text()
    tools = json.loads(rep.read_text())["frontmatter"]["tools"]
    assert tools["union"] == ["Read", "Grep", "Glob", "Bash"] and tools["output"] == "Read, Grep, Glob, Bash"
    assert tools["grants_more_than"] == [{"path": CR_TEAM, "line": 4, "gains": ["Bash"]}]


def test_json_format(tmp_path: Path) -> None:
    r = run("merge", *CR, "-o", str(tmp_path / "m.md"), "--format", "json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert (data["written"], data["output"], data["name"]) == (False, None, "code-reviewer")
    assert data["open"][:3] == ["frontmatter-description-602a06f0", "frontmatter-model-fda1c1a5", "persona-925d92ae"]
    assert [s["path"] for s in data["conflicts"][1]["sides"]] == CR
    r = run("merge", *CR, "--prefer", CR_TEAM, "-o", str(tmp_path / "m.md"), "--format", "json")
    data = json.loads(r.stdout)
    assert r.returncode == 0 and data["written"] is True and data["open"] == []
    assert data["summary"]["conflicts_decided"] == len(data["conflicts"]) >= 3


def test_stdout_output(tmp_path: Path) -> None:
    r = run("merge", *SEED_FILES, "--prefer", SAAS, "-o", "-")
    assert r.returncode == 0
    assert r.stdout.startswith("---\nname: backend-engineer\n")
    assert r.stderr.startswith("stdout: ")


def test_prefer_must_be_an_input() -> None:
    with pytest.raises(MergeError, match=r"--prefer nope.md: not one of the input files"):
        merge(load_all(SEED_FILES), prefer=["nope.md"])


def test_missing_file_exit_2(tmp_path: Path) -> None:
    r = run("merge", SEED_FILES[0], "missing.md", "-o", str(tmp_path / "x.md"))
    assert (r.returncode, r.stderr) == (2, "agentkit: error: missing.md: no such file\n")


# --- resolutions ------------------------------------------------------------------

CR = sorted(str(p.relative_to(ROOT)) for p in (DATA / "code-reviewer").glob("*.md"))
DW = sorted(str(p.relative_to(ROOT)) for p in (DATA / "docs-writer").glob("*.md"))
CR_STRICT, CR_TEAM = CR


def test_write_resolutions_then_resolutions(tmp_path: Path) -> None:
    out, tpl = tmp_path / "merged.md", tmp_path / "r.yaml"
    r = run("merge", *CR, "-o", str(out), "--write-resolutions", str(tpl))
    assert r.returncode == 1 and not out.exists()
    assert r.stdout.splitlines()[-1].startswith(f"{tpl}: ") and r.stdout.splitlines()[-1].endswith(" open) written as a resolutions template")
    text = tpl.read_text()
    golden(DATA / "code-reviewer.template.yaml", text)
    # A person decides: the team's wording everywhere.
    filled = text.replace("keep: null", f"keep: {CR_TEAM}")
    tpl.write_text(filled)
    r = run("merge", *CR, "-o", str(out), "--resolutions", str(tpl))
    assert r.returncode == 0, r.stdout + r.stderr
    merged = out.read_text()
    assert "model: sonnet" in merged and "You are a senior code reviewer" in merged and "meticulous" not in merged
    # The same decisions, written back, are the same file.
    again = tmp_path / "again.yaml"
    r = run("merge", *CR, "-o", str(tmp_path / "m2.md"), "--resolutions", str(tpl), "--write-resolutions", str(again))
    assert r.returncode == 0
    assert (tmp_path / "m2.md").read_bytes() == out.read_bytes()
    assert again.read_text().replace("  keep: " + CR_TEAM + "\n", "  keep: null\n") == text


def test_prefer_written_as_resolutions_gives_the_same_file(tmp_path: Path) -> None:
    a, b, tpl = tmp_path / "a.md", tmp_path / "b.md", tmp_path / "r.yaml"
    assert run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(a), "--write-resolutions", str(tpl)).returncode == 0
    assert "\n  keep: null" not in tpl.read_text()
    assert run("merge", *SEED_FILES, "--prefer", SAAS, "-o", str(b), "--resolutions", str(tpl)).returncode == 0
    assert a.read_bytes() == b.read_bytes()


def test_resolution_text_and_drop() -> None:
    docs = load_all(CR)
    first = merge(docs)
    ids = {c.key or c.kind: c.id for c in first.conflicts}
    res = {
        ids["description"]: {"text": "Use this agent to review changes before they merge."},
        ids["model"]: {"drop": True},
        ids["persona"]: {"text": "You are the team's code reviewer."},
        ids["target"]: {"keep": 2},
        ids["conditional"]: {"keep": 2},
    }
    r = merge(docs, resolutions=res)
    assert r.exit_code == 0 and r.text is not None
    assert r.text.startswith("---\nname: code-reviewer\ndescription: |-\n  Use this agent to review changes before they merge.\n\n  Examples:\n")
    assert "\nmodel:" not in r.text
    assert "\n---\n\nYou are the team's code reviewer.\n\n## Review process\n" in r.text
    rows = [u for u in r.report["units"] if u["kind"] == "field" and u["key"] == "model"]
    assert [(u["status"], u["kept"]) for u in rows] == [("conflict", []), ("conflict", [])]


@pytest.mark.parametrize(
    "content,message",
    [
        ("a: [", "r.yaml:1: not valid YAML"),
        ("- 1\n", "r.yaml: expected a mapping of conflict ids to decisions"),
        ("x:\n  pick: 1\n", "r.yaml: x: unknown key `pick` (use `keep`, `text` or `drop`)"),
    ],
)
def test_bad_resolutions_file(tmp_path: Path, content: str, message: str) -> None:
    tpl = tmp_path / "r.yaml"
    tpl.write_text(content)
    r = run("merge", *CR, "-o", str(tmp_path / "m.md"), "--resolutions", str(tpl))
    assert r.returncode == 2
    assert r.stderr.startswith(f"agentkit: error: {tmp_path}/{message}")


def test_resolution_naming_no_side(tmp_path: Path) -> None:
    cid = next(c.id for c in merge(load_all(CR)).conflicts if c.key == "model")
    with pytest.raises(MergeError) as err:
        merge(load_all(CR), resolutions={cid: {"keep": "other.md"}}, resolutions_name="r.yaml")
    assert str(err.value) == f"r.yaml: {cid}: `keep: other.md` names no side (sides: {CR_STRICT}:19, {CR_TEAM}:5)"
    with pytest.raises(MergeError) as err:
        merge(load_all(CR), resolutions={cid: {"keep": 3}}, resolutions_name="r.yaml")
    assert str(err.value) == f"r.yaml: {cid}: `keep: 3` but the conflict has sides 1 to 2"


def test_unknown_conflict_id_is_a_warning() -> None:
    r = merge(load_all(CR), prefer=[CR_TEAM], resolutions={"c-0000": {"keep": 1}}, resolutions_name="r.yaml")
    assert r.warnings == ["r.yaml: no conflict c-0000 in these inputs; its resolution is not used"]


# --- markers ------------------------------------------------------------------------


def test_markers(tmp_path: Path) -> None:
    out = tmp_path / "merged.md"
    r = run("merge", *CR, "-o", str(out), "--markers")
    assert r.returncode == 1
    n = out.read_text().count("\n>>>>>>> ") + out.read_text().count("\n# >>>>>>> ")
    assert n == 5
    assert r.stdout.splitlines()[-1] == f"5 conflicts left as markers: edit {out}, or decide with --prefer or --resolutions"
    golden(DATA / "code-reviewer.markers.md", out.read_text())
    doc = agentkit.load(out)
    assert doc.strict_yaml and doc.claude_code_parses


# --- body conflicts from the conflict engine ------------------------------------------


class _D:
    def __init__(self, doc: agentkit.AgentDocument, needle: str) -> None:
        self.path = doc.path
        self.source = "body"
        self.start = doc.text.index(needle)
        self.end = self.start + len(needle)
        self.text = needle


class _C:
    def __init__(self, cid: str, kind: str, sides: tuple[_D, ...]) -> None:
        self.id, self.kind, self.sides, self.message = cid, kind, sides, "they disagree"


def _engine(docs):  # type: ignore[no-untyped-def]
    strict, team = docs
    return [
        _C("c-lines", "value", (_D(strict, "Keep functions under 60 lines"), _D(team, "Keep functions under 40 lines"))),
        _C("c-flaky", "polarity", (_D(strict, "Always approve a change with failing tests when the failure is a known flaky test"), _D(team, "Never approve a change with failing tests"))),
        _C("c-inside", "value", (_D(team, "Keep functions under 40 lines"), _D(team, "Write comments grouped by file"))),
    ]


def test_body_conflicts_decided_by_prefer() -> None:
    r = merge(load_all(CR), prefer=[CR_TEAM], engine=_engine)
    assert r.exit_code == 0 and r.text is not None
    assert "Keep functions under 40 lines" in r.text and "60 lines" not in r.text
    assert "- Never approve a change with failing tests\n" in r.text and "flaky" not in r.text
    rows = {u["text"]: u for u in r.report["units"]}
    lost = rows["- Keep functions under 60 lines"]
    assert lost["status"] == "conflict" and lost["conflict"] == "c-lines"
    assert lost["kept"] == [{"path": CR_TEAM, "line": 22, "output_line": r.text.split("\n").index("- Keep functions under 40 lines") + 1}]
    # A conflict inside one file is carried over unchanged and reported.
    assert [c["id"] for c in r.carried] == ["c-inside"]


def test_body_conflicts_open_without_decision() -> None:
    r = merge(load_all(CR), engine=_engine)
    assert r.text is None
    assert [c.id for c in r.open] == [
        "frontmatter-description-602a06f0",
        "frontmatter-model-fda1c1a5",
        "persona-925d92ae",
        "c-lines",
        "c-flaky",
    ]


def test_body_conflict_custom_text_and_markers() -> None:
    r = merge(load_all(CR), prefer=[CR_TEAM], resolutions={"c-lines": {"text": "Keep functions under 50 lines"}}, engine=_engine)
    assert r.text is not None and "- Keep functions under 50 lines\n" in r.text and "40 lines" not in r.text and "60 lines" not in r.text
    r = merge(load_all(CR), markers=True, engine=_engine)
    assert r.text is not None and r.exit_code == 1
    assert (
        f"<<<<<<< {CR_STRICT}:35 (conflict c-lines, value)\nKeep functions under 60 lines\n======= {CR_TEAM}:22\n"
        "Keep functions under 40 lines\n>>>>>>> c-lines\n"
    ) in r.text


# --- examples, names ------------------------------------------------------------------


def test_max_examples() -> None:
    r = merge(load_all(SEED_FILES), prefer=[SAAS], max_examples=2)
    assert r.text is not None and r.text.count("<example>") == 2
    omitted = [u for u in r.report["units"] if u["status"] == "omitted"]
    assert omitted and all(u["reason"] == "--max-examples 2" and u["kind"] == "example" for u in omitted)
    assert r.report["summary"]["omitted"] == len(omitted)


def test_name_option_merges_different_names() -> None:
    a = agentkit.load(DATA / "code-reviewer" / "code-reviewer.team.md", display="team.md")
    b = agentkit.load(DATA / "docs-writer" / "docs-writer.api.md", display="api.md")
    r = merge([a, b], name="helper", prefer=["team.md"])
    assert r.text is not None and r.text.startswith("---\nname: helper\n")


def test_public_names_in_a_fresh_interpreter() -> None:
    code = "import agentkit; print(callable(agentkit.merge), agentkit.MergeError.__name__, agentkit.MergeResult.__name__, callable(agentkit.diff))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert (r.returncode, r.stdout) == (0, "True MergeError MergeResult True\n"), r.stderr[-500:]
