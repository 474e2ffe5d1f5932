"""Target `gemini`: a Gemini CLI local subagent, `.gemini/agents/NAME.md`.

The loader validates the frontmatter with a strict schema: any key it does not
know (even `color`) rejects the whole file, so only `name`, `description`,
`kind: local`, `tools`, `max_turns` are written. Tools map to Gemini's tool
names (`gemini.json`); MCP tools become `mcp_SERVER_TOOL` / `mcp_SERVER_*`.
Claude models do not exist there: the agent inherits the session's model.

Source: google-gemini/gemini-cli `packages/core/src/agents/agentLoader.ts`
(`localAgentSchema`: name `^[a-z0-9-_]+$`, description, kind, display_name,
tools, mcp_servers, model, temperature, max_turns, timeout_mins; `.strict()`)
and `packages/core/src/tools/tool-names.ts` (`isValidToolName`); docs:
https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md.
"""

from __future__ import annotations

import re
from typing import Any

from .base import Agent, ExportError, ExportFile, ExportResult, Loss, base_notes, facts, map_model, map_tools, markdown, max_turns
from .base import unsupported_fields
from .files import file_stem

TARGET = "gemini"
LABEL = "Gemini CLI"


def _mcp(server: str, tool: str | None) -> str:
    return f"mcp_{server}_{tool or '*'}"


def export(agent: Agent) -> ExportResult:
    data = facts("gemini")
    stem = file_stem(agent.name)
    if not re.fullmatch(data["name_pattern"], agent.name):
        raise ExportError(f"Gemini CLI requires names matching {data['name_pattern']}; {agent.name!r} does not")
    warnings: list[Loss] = unsupported_fields(agent, TARGET, {"tools", "disallowedTools", "model", "maxTurns"}, "Gemini CLI has no such field and rejects unknown keys")
    front: dict[str, Any] = {"name": agent.name, "description": agent.description, "kind": "local"}
    tools, losses = map_tools(agent, TARGET, LABEL, data["tools"], _mcp)
    warnings += losses
    if tools is not None:
        front["tools"] = tools
    map_model(agent, TARGET, data["models"], LABEL, warnings)
    turns = max_turns(agent, TARGET, warnings)
    if turns is not None:
        front["max_turns"] = turns
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.md", markdown(front, agent.prompt))], warnings, base_notes(agent))
