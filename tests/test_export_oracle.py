"""Export outputs checked by the real clients (opt-in: each test skips when its client is absent).

- `claude`, `plugin`: Claude Code's `claude plugin validate --json` (the CLI bundled in the
  claude-agent-sdk wheel, or AGENTKIT_CLAUDE_BIN).
- `sdk`: `claude_agent_sdk.AgentDefinition(**entry)`, and the CLI's own `--agents` validation
  (`claude --agents JSON -p …` rejects a bad configuration before it looks for credentials).
- `gemini`: Gemini CLI's loader (`parseAgentMarkdown` from @google/gemini-cli-core, its strict
  zod schema) run with node; set AGENTKIT_GEMINI_CORE to the package folder.
- `opencode`: `opencode agent list` (it validates every agent file against its config schema);
  set AGENTKIT_OPENCODE_BIN to the binary of the npm package opencode-ai.
- `codex`: `codex debug prompt-input` lists the agent roles Codex loaded (it leaves out a role
  file it rejects); set AGENTKIT_CODEX_BIN to the binary of the npm package @openai/codex.

They read the golden files of tests/data/export/golden, which test_export.py keeps equal to
what agentkit exports.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from test_oracle import CLAUDE, needs_claude

pytestmark = pytest.mark.oracle

GOLDEN = ROOT / "tests" / "data" / "export" / "golden"
AGENTS = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def _env(home: Path) -> dict[str, str]:
    """No credentials: the CLI stops at "Not logged in" after validating its arguments."""
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("ANTHROPIC", "CLAUDE", "AWS_", "GOOGLE_", "VERTEX"))}
    return {**keep, "HOME": str(home)}


def _validate(folder: Path, home: Path) -> dict:
    out = subprocess.run([str(CLAUDE), "plugin", "validate", "--json", str(folder)], capture_output=True, text=True, env=_env(home), timeout=300)
    return json.loads(out.stdout)


def _problems(payload: dict) -> list[tuple[str, str]]:
    return [(Path(c["file"]).name, m["message"]) for c in payload.get("contents", []) for m in c.get("errors", []) + c.get("warnings", [])]


@needs_claude
def test_claude_exports_pass_plugin_validate(tmp_path: Path) -> None:
    root = tmp_path / "plugin"
    (root / ".claude-plugin").mkdir(parents=True)
    (root / ".claude-plugin" / "plugin.json").write_text('{"name": "oracle"}')
    (root / "agents").mkdir()
    for agent in AGENTS:
        (source,) = (GOLDEN / agent / "claude" / ".claude" / "agents").iterdir()
        shutil.copyfile(source, root / "agents" / f"{agent}.md")
    (tmp_path / "home").mkdir()
    payload = _validate(root, tmp_path / "home")
    assert payload["success"] is True
    assert _problems(payload) == []


@needs_claude
@pytest.mark.parametrize("agent", AGENTS)
def test_plugin_exports_pass_plugin_validate(agent: str, tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()
    payload = _validate(GOLDEN / agent / "plugin", tmp_path / "home")
    assert payload["success"] is True
    assert payload["manifest"]["errors"] == []
    assert _problems(payload) == []


def _sdk_entries() -> list[tuple[str, dict]]:
    return [(agent, json.loads(next((GOLDEN / agent / "sdk").iterdir()).read_text())) for agent in AGENTS]


def test_sdk_exports_build_agent_definitions() -> None:
    sdk = pytest.importorskip("claude_agent_sdk")
    for _, payload in _sdk_entries():
        for entry in payload.values():
            definition = sdk.AgentDefinition(**entry)
            assert definition.prompt == entry["prompt"]


@needs_claude
def test_sdk_exports_pass_the_cli_agents_validation(tmp_path: Path) -> None:
    (tmp_path / "home").mkdir()

    def verdict(config: str) -> str:
        out = subprocess.run([str(CLAUDE), "--agents", config, "-p", "hi"], capture_output=True, text=True, env=_env(tmp_path / "home"), cwd=tmp_path, timeout=300)
        return out.stdout + out.stderr

    assert "Invalid --agents configuration" in verdict('{"x": {"description": 5, "prompt": "p"}}')
    for agent, payload in _sdk_entries():
        text = verdict(json.dumps(payload))
        assert "Invalid --agents configuration" not in text, (agent, text)
        assert "Not logged in" in text, (agent, text)


GEMINI_CORE = os.environ.get("AGENTKIT_GEMINI_CORE")
_GEMINI_SCRIPT = """
const { parseAgentMarkdown } = await import(process.argv[2] + '/dist/src/agents/agentLoader.js');
const out = {};
for (const f of process.argv.slice(3)) {
  try { await parseAgentMarkdown(f); out[f] = 'ok'; } catch (e) { out[f] = String(e.message); }
}
console.log(JSON.stringify(out));
"""


@pytest.mark.skipif(not GEMINI_CORE or shutil.which("node") is None, reason="set AGENTKIT_GEMINI_CORE to an installed @google/gemini-cli-core folder (and have node)")
def test_gemini_exports_pass_the_gemini_cli_loader(tmp_path: Path) -> None:
    script = tmp_path / "check.mjs"
    script.write_text(_GEMINI_SCRIPT)
    files = [str(next((GOLDEN / agent / "gemini" / ".gemini" / "agents").iterdir())) for agent in AGENTS]
    out = subprocess.run(["node", str(script), str(Path(GEMINI_CORE).resolve()), *files], capture_output=True, text=True, timeout=300)
    verdicts = json.loads(out.stdout)
    assert verdicts == {f: "ok" for f in files}
    bad = tmp_path / "bad.md"
    bad.write_text("---\nname: bad\ndescription: d\ncolor: red\n---\nbody\n")
    out = subprocess.run(["node", str(script), str(Path(GEMINI_CORE).resolve()), str(bad)], capture_output=True, text=True, timeout=300)
    assert "Unrecognized key(s) in object: 'color'" in json.loads(out.stdout)[str(bad)]


OPENCODE = os.environ.get("AGENTKIT_OPENCODE_BIN")


@pytest.mark.skipif(not OPENCODE, reason="set AGENTKIT_OPENCODE_BIN to an opencode binary (npm package opencode-ai)")
def test_opencode_exports_pass_opencode_agent_list(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / ".opencode" / "agents").mkdir(parents=True)
    (project / ".git").mkdir()
    for agent in AGENTS:
        (source,) = (GOLDEN / agent / "opencode" / ".opencode" / "agents").iterdir()
        shutil.copyfile(source, project / ".opencode" / "agents" / f"{agent}.md")
    home = tmp_path / "home"
    home.mkdir()
    env = {**_env(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_STATE_HOME": str(home / ".state"), "OPENCODE_DISABLE_AUTOUPDATE": "1"}
    out = subprocess.run([str(OPENCODE), "agent", "list", "--pure"], capture_output=True, text=True, env=env, cwd=project, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Configuration is invalid" not in out.stdout + out.stderr
    for agent in AGENTS:
        assert f"{agent} (subagent)" in out.stdout



CODEX = os.environ.get("AGENTKIT_CODEX_BIN")


@pytest.mark.skipif(not CODEX, reason="set AGENTKIT_CODEX_BIN to a codex binary (npm package @openai/codex)")
@pytest.mark.parametrize("agent", AGENTS)
def test_codex_exports_are_loaded_as_agent_roles(agent: str, tmp_path: Path) -> None:
    # Codex lists the roles it loaded in the spawn_agent tool of the model's prompt; a role
    # file it rejects (unknown key, missing developer_instructions) is left out of that list.
    home = tmp_path / "codex-home"
    (home / "agents").mkdir(parents=True)
    (source,) = (GOLDEN / agent / "codex" / ".codex" / "agents").iterdir()
    shutil.copyfile(source, home / "agents" / source.name)
    env = {**_env(tmp_path), "CODEX_HOME": str(home)}
    out = subprocess.run([str(CODEX), "debug", "prompt-input"], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert out.returncode == 0, out.stderr
    name = source.name[: -len(".toml")]
    assert f"{name}: {{" in out.stdout, out.stdout[-2000:]
