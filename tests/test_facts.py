"""Claude Code facts: one place (the data file), the schema derived from it, and a
stale-data check against the real CLI (opt-in, like the oracle tests)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT
from test_oracle import CLAUDE, needs_claude

from agentkit.facts import claude_code_facts, schema_fields, sync_schema


@pytest.mark.parametrize(("profile", "relative"), [("claude-code", "schema/agent.schema.json"), ("plugin", "schema/profiles/plugin.agent.schema.json")])
def test_schema_values_come_from_the_data_file(profile: str, relative: str) -> None:
    schema = json.loads((ROOT / relative).read_text(encoding="utf-8"))
    assert schema == sync_schema(schema, claude_code_facts(), profile), f"{relative} is out of step: run benchmarks/facts/regenerate.py"


def test_schema_fields_are_the_fields_claude_code_reads() -> None:
    schema = json.loads((ROOT / "schema" / "agent.schema.json").read_text(encoding="utf-8"))
    assert schema_fields(schema) == sorted(claude_code_facts()["fields"], key=str.lower)


def test_regenerate_without_a_cli_says_so(tmp_path) -> None:  # type: ignore[no-untyped-def]
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "facts" / "regenerate.py"), "--check", "--cli", str(tmp_path / "none")], capture_output=True, text=True)
    assert (r.returncode, r.stderr) == (2, "no Claude Code CLI: pass --cli, set AGENTKIT_CLAUDE_BIN or install claude-agent-sdk\n")


@pytest.mark.oracle
@needs_claude
def test_facts_are_current_for_the_installed_claude_code() -> None:
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "facts" / "regenerate.py"), "--check", "--cli", str(CLAUDE)], capture_output=True, text=True)
    assert r.returncode == 0, f"agentkit's Claude Code facts are stale; run benchmarks/facts/regenerate.py:\n{r.stdout}{r.stderr}"
