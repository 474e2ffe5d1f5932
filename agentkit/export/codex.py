"""Target `codex`: a Codex CLI custom agent (role file), `.codex/agents/NAME.toml`.

`name`, `description` and `developer_instructions` (the prompt). A role file takes
config.toml keys but no tool list: the only restriction Codex offers is
`sandbox_mode`. Any allowlist becomes `sandbox_mode = "read-only"` (the safe
side: never more than the source), with a warning naming the tools that can
change files and are lost. Claude models do not exist in Codex: the role uses the session's model.

Source: openai/codex `codex-rs/core/src/config/agent_roles.rs` (role files in
`agents/`, `name` / `description` / `nickname_candidates` plus config.toml keys,
unknown keys rejected, `developer_instructions` required and non-blank) and
https://developers.openai.com/codex/subagents (custom agents; sandbox modes
`read-only`, `workspace-write`, `danger-full-access`).
"""

from __future__ import annotations

import json

from .base import Agent, ExportFile, ExportResult, Loss, base_notes, body_text, facts, map_model, read_only_losses, tool_plan, unsupported_fields
from .files import file_stem

TARGET = "codex"
LABEL = "Codex"


def toml_string(value: str) -> str:
    """A TOML basic string (JSON escapes are valid TOML escapes for these characters)."""
    return json.dumps(value, ensure_ascii=False)


def toml_multiline(value: str) -> str:
    """A TOML multi-line basic string holding exactly ``value``."""
    escaped = value.replace("\\", "\\\\").replace('"""', '""\\"')
    escaped = "".join(c if c in "\n\t" or (ord(c) >= 0x20 and ord(c) != 0x7F) else f"\\u{ord(c):04X}" for c in escaped)
    if escaped.endswith('"'):
        escaped = escaped[:-1] + '\\"'
    return '"""\n' + escaped + '"""'


def export(agent: Agent) -> ExportResult:
    data = facts("codex")
    stem = file_stem(agent.name)
    warnings = unsupported_fields(agent, TARGET, {"tools", "disallowedTools", "model"}, "Codex role files have no such field")
    map_model(agent, TARGET, data["models"], LABEL, warnings)
    lines = [f"name = {toml_string(agent.name)}", f"description = {toml_string(agent.description)}"]
    plan = tool_plan(agent)
    if not plan.every_tool:
        lines.append('sandbox_mode = "read-only"')
        lost = read_only_losses(plan)
        if lost:
            warnings.append(Loss(TARGET, "`tools`", f"approximated as `sandbox_mode = \"read-only\"` (Codex cannot list tools; a narrower role is the safe side): the role loses {', '.join(lost)}"))
        else:
            warnings.append(Loss(TARGET, "`tools`", "exported as `sandbox_mode = \"read-only\"`: Codex cannot list tools, so the role keeps the session's read-only tools"))
    prompt = body_text(agent) or agent.description
    lines.append(f"developer_instructions = {toml_multiline(prompt)}")
    text = "\n".join(lines) + "\n"
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.toml", text.encode("utf-8"))], warnings, base_notes(agent))
