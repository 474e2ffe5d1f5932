"""Target `sdk`: JSON ``{NAME: {AgentDefinition fields}}`` for the Claude Agent SDK and `claude --agents`.

`description` and `prompt` (the body) are required; `tools` and
`disallowedTools` become lists; the other fields keep their Claude Code names
(the SDK uses the same camelCase). Fields `AgentDefinition` lacks (`color`,
`hooks`, `isolation`, …) and values its types reject are warned about.

Source: `claude_agent_sdk.AgentDefinition` in claude-agent-sdk 0.2.187 (fields and
their Literal types, read with `dataclasses.fields`), the SDK subagents guide
https://code.claude.com/docs/en/agent-sdk/subagents, and ../shared/FORMAT.md.
"""

from __future__ import annotations

import json
from typing import Any

from .base import Agent, ExportFile, ExportResult, Loss, base_notes, facts, unsupported_fields
from .files import file_stem

TARGET = "sdk"


def definition(agent: Agent, warnings: list[Loss]) -> dict[str, Any]:
    data = facts("sdk")
    entry: dict[str, Any] = {"description": agent.description, "prompt": agent.prompt}
    for key in data["fields"]:
        if key not in agent.fields:
            continue
        value = agent.fields[key]
        if key == "tools":
            if agent.tools is None:
                continue
            value = list(agent.tools)
        elif key == "disallowedTools":
            value = list(agent.disallowed)
        elif key == "skills" and isinstance(value, str):
            value = [s.strip() for s in value.split(",") if s.strip()]
        elif key == "effort" and isinstance(value, str):
            lowered = value.strip().lower()
            value = data["effort_aliases"].get(lowered, lowered)
            if value not in data["effort_levels"]:
                warnings.append(Loss(TARGET, f"`effort: {agent.fields[key]}`", "not exported: AgentDefinition.effort takes low, medium, high, xhigh, max or an integer"))
                continue
        elif key == "permissionMode" and value not in data["permission_modes"]:
            warnings.append(Loss(TARGET, f"`permissionMode: {value}`", "not exported: AgentDefinition.permissionMode does not take this value"))
            continue
        entry[key] = value
    return entry


def export(agent: Agent) -> ExportResult:
    stem = file_stem(agent.name)
    warnings: list[Loss] = []
    entry = definition(agent, warnings)
    warnings = unsupported_fields(agent, TARGET, set(facts("sdk")["fields"]), "AgentDefinition has no such field") + warnings
    text = json.dumps({agent.name: entry}, indent=2, ensure_ascii=False) + "\n"
    return ExportResult(TARGET, agent.name, [ExportFile(f"{stem}.json", text.encode("utf-8"))], warnings, base_notes(agent))
