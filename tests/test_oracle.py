"""agentkit's `claude_code_parses` against the real Claude Code CLI (opt-in).

The CLI ships in the claude-agent-sdk wheel. Set AGENTKIT_CLAUDE_BIN to its path,
or install claude-agent-sdk; otherwise these tests skip. They build a plugin
folder of agent files and read `claude plugin validate --json`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import CORPUS, SEEDS, corpus_files

from agentkit.document import load

pytestmark = pytest.mark.oracle


def _claude() -> str | None:
    env = os.environ.get("AGENTKIT_CLAUDE_BIN")
    if env:
        return env
    try:
        import claude_agent_sdk  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"
    return str(path) if path.exists() else None


CLAUDE = _claude()
needs_claude = pytest.mark.skipif(CLAUDE is None, reason="no Claude Code CLI: set AGENTKIT_CLAUDE_BIN or install claude-agent-sdk")


def runtime_verdicts(files: list[Path]) -> dict[Path, bool]:
    """Claude Code's verdict per file: does its frontmatter parse at runtime?"""
    verdicts: dict[Path, bool] = {}
    for start in range(0, len(files), 300):
        batch = files[start : start + 300]
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "plugin"
            (root / ".claude-plugin").mkdir(parents=True)
            (root / ".claude-plugin" / "plugin.json").write_text('{"name": "oracle"}')
            (root / "agents").mkdir()
            names = {}
            for i, f in enumerate(batch):
                name = f"a{i:04d}.md"
                shutil.copyfile(f, root / "agents" / name)
                names[name] = f
            home = Path(tmp) / "home"
            home.mkdir()
            out = subprocess.run([CLAUDE, "plugin", "validate", "--json", str(root)], capture_output=True, text=True, env={**os.environ, "HOME": str(home)}, timeout=300)
            payload = json.loads(out.stdout)
            failed = set()
            for entry in payload.get("contents", []):
                messages = [e.get("message", "") for e in entry.get("errors", [])]
                if any("frontmatter" in m.lower() for m in messages):
                    failed.add(Path(entry["file"]).name)
            for name, f in names.items():
                verdicts[f] = name not in failed
    return verdicts


@needs_claude
def test_seeds_agree_with_claude_code() -> None:
    files = sorted(SEEDS.glob("*.md"))
    truth = runtime_verdicts(files)
    assert {f.name: load(f).claude_code_parses for f in files} == {f.name: truth[f] for f in files}


@needs_claude
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
def test_corpus_agrees_with_claude_code_on_every_file() -> None:
    files = corpus_files()
    truth = runtime_verdicts(files)
    disagree = [str(f) for f in files if load(f).claude_code_parses != truth[f]]
    assert disagree == []
