"""`agentkit merge`: refusal with the conflicts listed, decisions, provenance, valid output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

import agentkit
from agentkit.merge import MergeError, merge
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
    assert "    4: agents/backend-engineer/backend-engineer.spec-executor.md:4: haiku" in lines
    assert "agents/backend-engineer/backend-engineer.compact.md:4: conflict frontmatter-tools-42f33788 (tool): some variants limit `tools`, others set no allowlist and may use every tool" in lines
    assert "    2: agents/backend-engineer/backend-engineer.elite.md:1: (no `tools`: every tool)" in lines
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
                assert line.strip(), row
            elif row["status"] == "duplicate":
                k = row["kept"]
                assert (k["path"], k["line"]) in kept_rows, row
                assert out_lines[k["output_line"] - 1].strip()
            else:
                assert row["conflict"] in {c["id"] for c in report["conflicts"]}
    assert report["summary"]["units_in"] == len(report["units"])


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
