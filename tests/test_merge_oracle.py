"""Merged agents against Claude Code's own validator (opt-in, like test_oracle.py).

`claude plugin validate --json` on a plugin holding the merged agents: every
agent is registered and none has an error of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from test_merge import CR, CR_TEAM, DW, SAAS, SEED_FILES, load_all
from test_oracle import CLAUDE, needs_claude

from agentkit.merge import merge

pytestmark = pytest.mark.oracle


@needs_claude
def test_merged_agents_pass_claude_plugin_validate() -> None:
    outputs = {
        "backend-engineer.md": merge(load_all(SEED_FILES), prefer=[SAAS]).text,
        "code-reviewer.md": merge(load_all(CR), prefer=[CR_TEAM]).text,
        "code-reviewer-markers.md": merge(load_all(CR), markers=True, name="code-reviewer-markers").text,
        "docs-writer.md": merge(load_all(DW), markers=True).text,
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "plugin"
        (root / ".claude-plugin").mkdir(parents=True)
        (root / ".claude-plugin" / "plugin.json").write_text('{"name": "merged"}')
        (root / "agents").mkdir()
        for name, text in outputs.items():
            assert text is not None
            (root / "agents" / name).write_text(text)
        home = Path(tmp) / "home"
        home.mkdir()
        assert CLAUDE is not None
        out = subprocess.run([CLAUDE, "plugin", "validate", "--json", str(root)], capture_output=True, text=True, env={**os.environ, "HOME": str(home)}, timeout=300)
    payload = json.loads(out.stdout)
    assert payload["success"] is True
    assert sorted(payload["provides"]["agents"]) == ["merged:backend-engineer", "merged:code-reviewer", "merged:code-reviewer-markers", "merged:docs-writer"]
    assert [e for entry in payload.get("contents", []) for e in entry.get("errors", [])] == []
