"""agentkit export: golden files per target, round trips, idempotence, hostile names, the CLI.

Golden files live in tests/data/export/golden/<agent>/<target>/ (the exported files) with
the warnings in <target>.warnings. Regenerate them with AGENTKIT_UPDATE_GOLDEN=1 and review
the diff.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

import agentkit
from agentkit.cli import app
from agentkit.export import TARGETS, ExportError, export, from_document, write_files
from agentkit.export.base import ExportFile
from agentkit.export.files import file_stem

SEEDS = sorted((ROOT / "agents" / "backend-engineer").glob("*.md"))
OWN = sorted((ROOT / "tests" / "data" / "export" / "agents").glob("*.md"))
GOLDEN = ROOT / "tests" / "data" / "export" / "golden"
UPDATE = os.environ.get("AGENTKIT_UPDATE_GOLDEN") == "1"


def _key(path: Path) -> str:
    return path.name[: -len(".md")].replace("backend-engineer.", "seed-")


CASES = [(p, t) for p in SEEDS + OWN for t in TARGETS]


@pytest.mark.parametrize(("source", "target"), CASES, ids=[f"{_key(p)}-{t}" for p, t in CASES])
def test_golden(source: Path, target: str) -> None:
    result = export(agentkit.load(source), target)
    folder = GOLDEN / _key(source) / target
    warnings = "".join(f"{w}\n" for w in result.warnings)
    if UPDATE:
        for f in result.files:
            dest = folder.joinpath(*f.path.split("/"))
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(f.content)
        (GOLDEN / _key(source) / f"{target}.warnings").write_text(warnings, encoding="utf-8")
    expected = sorted(str(p.relative_to(folder)).replace(os.sep, "/") for p in folder.rglob("*") if p.is_file())
    assert sorted(f.path for f in result.files) == expected
    for f in result.files:
        assert f.content == folder.joinpath(*f.path.split("/")).read_bytes(), f.path
    assert warnings == (GOLDEN / _key(source) / f"{target}.warnings").read_text(encoding="utf-8")


# --- claude: strict, canonical, idempotent, lossless ---------------------------------


@pytest.mark.parametrize("source", SEEDS + OWN, ids=_key)
def test_claude_export_is_idempotent_and_keeps_the_agent(source: Path) -> None:
    doc = agentkit.load(source)
    first = export(doc, "claude")
    assert first.warnings == []
    again = agentkit.load_bytes(first.files[0].content, "again.md")
    assert again.strict_yaml and again.claude_code_parses
    assert export(again, "claude").files[0].content == first.files[0].content
    original = from_document(doc)
    assert again.name == original.name
    assert again.description == original.description
    assert again.prompt == doc.prompt
    assert from_document(again).tools == original.tools


def test_claude_decodes_literal_newlines_as_claude_code_does() -> None:
    doc = agentkit.load(ROOT / "agents" / "backend-engineer" / "backend-engineer.elite.md")
    result = export(doc, "claude")
    assert result.notes == ["description: 26 literal `\\n` decoded into line breaks (Claude Code shows them as line breaks)"]
    text = result.files[0].content.decode()
    assert "description: |-\n  Use this agent when" in text
    assert "\\n" not in yaml.safe_load(text.split("---\n")[1])["description"]


def test_sdk_round_trip_back_to_claude() -> None:
    for source in SEEDS + OWN:
        doc = agentkit.load(source)
        name, entry = next(iter(json.loads(export(doc, "sdk").files[0].content).items()))
        front = {"name": name, "description": entry["description"]}
        for key, value in entry.items():
            if key not in ("description", "prompt"):
                front[key] = ", ".join(value) if key in ("tools", "disallowedTools") else value
        rebuilt = agentkit.load_text("---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n" + entry["prompt"])
        original = from_document(doc)
        back = from_document(rebuilt)
        assert (back.name, back.description, back.tools, back.prompt) == (original.name, original.description, original.tools, original.prompt)
        assert export(rebuilt, "claude").files[0].content.split(b"\n---\n", 1)[1] == export(doc, "claude").files[0].content.split(b"\n---\n", 1)[1]


def test_sdk_keeps_only_agent_definition_fields() -> None:
    doc = agentkit.load(ROOT / "tests" / "data" / "export" / "agents" / "every-field.md")
    entry = json.loads(export(doc, "sdk").files[0].content)["every-field"]
    assert sorted(entry) == ["background", "description", "disallowedTools", "effort", "initialPrompt", "maxTurns", "mcpServers",
                             "memory", "model", "permissionMode", "prompt", "skills", "tools"]


def test_codex_role_file_is_valid_toml_with_the_prompt() -> None:
    doc = agentkit.load(SEEDS[0])
    data = tomllib.loads(export(doc, "codex").files[0].content.decode())
    assert data["name"] == "backend-engineer"
    assert data["developer_instructions"] == doc.prompt.strip("\n")
    assert data["sandbox_mode"] == "read-only"


def test_factory_cuts_examples_first_and_says_so() -> None:
    result = export(agentkit.load(SEEDS[0]), "factory")
    front = yaml.safe_load(result.files[0].content.decode().split("---\n")[1])
    assert len(front["description"]) <= 500
    assert "<example>" not in front["description"]
    assert str(result.warnings[0]) == "factory: `description`: cut from 793 to 137 characters: removed 2 <example> blocks (Factory allows 500 characters)"


def test_allowlists_never_grow() -> None:
    doc = agentkit.load_text("---\nname: w\ndescription: d\ntools: Write, Bash(git *)\n---\nbody\n")
    opencode = yaml.safe_load(export(doc, "opencode").files[0].content.decode().split("---\n")[1])
    assert opencode["permission"] == {"*": "deny", "bash": {"*": "deny", "git *": "allow"}}
    copilot = export(doc, "copilot")
    assert yaml.safe_load(copilot.files[0].content.decode().split("---\n")[1])["tools"] == []
    assert [str(w) for w in copilot.warnings] == [
        "copilot: tool `Write`: not exported: GitHub Copilot's `edit` also grants Edit, which the source does not allow",
        "copilot: tool `Bash(git *)`: not exported: GitHub Copilot cannot limit `Bash` to `git *`, so the agent does not get `Bash`",
    ]


# --- names and writing -----------------------------------------------------------------

HOSTILE = ["../evil", "..", "a/../../b", "/etc/passwd", "C:\\x", "a\\b", "x\x00y", "CON", "nul.md", "com1", "a..b", "trailing.",
           ".hidden", "", "-dash", "é", "x" * 200, "sub/dir"]


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_names_are_refused_for_every_target(name: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError):
        file_stem(name)
    doc = agentkit.load_text("---\nname: " + json.dumps(name) + "\ndescription: d\n---\nbody\n")
    for target in TARGETS:
        try:
            result = export(doc, target)
        except ExportError:
            continue
        raise AssertionError(f"{target} accepted {name!r}: {[f.path for f in result.files]}")


def test_hostile_names_write_nothing_outside_the_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for i, name in enumerate(HOSTILE):
        agent = tmp_path / f"a{i}.md"
        agent.write_text("---\nname: " + json.dumps(name) + "\ndescription: d\n---\nbody\n", encoding="utf-8")
        for target in TARGETS:
            run_cli(["export", str(agent), "--to", target, "-o", str(out)])
    outside = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if not p.is_relative_to(out) and p.suffix != ".md")
    assert outside == [Path("out")] or outside == []


def test_paths_outside_the_output_folder_are_refused(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    os.symlink(tmp_path / "elsewhere", tmp_path / "out" / ".gemini")
    with pytest.raises(ExportError, match="outside the output folder"):
        write_files([ExportFile(".gemini/agents/x.md", b"x")], str(tmp_path / "out"))
    for bad in ("../x.md", "/abs.md", "a/./b.md", "a\\b.md"):
        with pytest.raises(ExportError):
            write_files([ExportFile(bad, b"x")], str(tmp_path / "out"))
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_existing_files_need_force(tmp_path: Path) -> None:
    assert run_cli(["export", str(SEEDS[0]), "--to", "claude", "-o", str(tmp_path)]) == 0
    target = tmp_path / ".claude" / "agents" / "backend-engineer.md"
    target.write_text("mine")
    assert run_cli(["export", str(SEEDS[0]), "--to", "claude", "-o", str(tmp_path)]) == 1
    assert target.read_text() == "mine"
    assert run_cli(["export", str(SEEDS[0]), "--to", "claude", "-o", str(tmp_path), "--force"]) == 0
    assert target.read_bytes() == export(agentkit.load(SEEDS[0]), "claude").files[0].content


# --- CLI ---------------------------------------------------------------------------------


def run_cli(args: list[str]) -> int:
    from typer.testing import CliRunner

    return CliRunner().invoke(app, args).exit_code


def test_cli_json_lists_warnings(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    res = CliRunner().invoke(app, ["export", str(SEEDS[0]), "--to", "gemini", "-o", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0
    payload = json.loads(res.stdout)
    assert payload["summary"] == {"agents": 1, "warnings": 1, "errors": 0}
    assert payload["agents"][0]["warnings"] == [{"target": "gemini", "subject": "`color`", "message": "not exported: Gemini CLI has no such field and rejects unknown keys"}]
    assert payload["agents"][0]["written"] == [os.path.join(str(tmp_path), ".gemini", "agents", "backend-engineer.md")]


def test_cli_strict_and_stdout(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    res = runner.invoke(app, ["export", str(SEEDS[0]), "--to", "gemini", "-o", "-", "--strict"])
    assert res.exit_code == 1
    assert res.stdout.startswith("---\nname: backend-engineer\n")
    assert runner.invoke(app, ["export", str(SEEDS[0]), "--to", "claude", "-o", "-", "--strict"]).exit_code == 0
    assert runner.invoke(app, ["export", str(SEEDS[0]), "--to", "plugin", "-o", "-"]).exit_code == 1
    assert runner.invoke(app, ["export", str(SEEDS[0]), "--to", "nowhere", "-o", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["export", str(tmp_path / "missing.md"), "--to", "claude", "-o", str(tmp_path)]).exit_code == 1


def test_cli_folder_exports_each_agent_and_reports_name_clashes(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    res = CliRunner().invoke(app, ["export", str(ROOT / "tests" / "data" / "export" / "agents"), "--to", "plugin", "-o", str(tmp_path / "my-plugin")])
    assert res.exit_code == 0
    assert json.loads((tmp_path / "my-plugin" / ".claude-plugin" / "plugin.json").read_text()) == {"name": "my-plugin"}
    assert sorted(p.name for p in (tmp_path / "my-plugin" / "agents").iterdir()) == ["denylist.md", "every-field.md", "read-only.md"]
    res = CliRunner().invoke(app, ["export", str(ROOT / "agents"), "--to", "claude", "-o", str(tmp_path / "seeds")])
    assert res.exit_code == 1
    assert res.stdout.count("(two agents named `backend-engineer`?); not written") == 4


def test_docs_export_md_is_current() -> None:
    from agentkit.export.docs import render

    assert (ROOT / "docs" / "export.md").read_text(encoding="utf-8") == render(), "run: python -m agentkit.export.docs > docs/export.md"


def test_agentkit_export_is_callable_after_the_package_is_imported() -> None:
    import agentkit.export.run  # binds agentkit.export to the package

    assert agentkit.export(agentkit.load(SEEDS[0]), "claude").files[0].path == ".claude/agents/backend-engineer.md"
