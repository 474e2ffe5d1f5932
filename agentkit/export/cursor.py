"""Target `cursor`: a Cursor subagent, `.cursor/agents/NAME.md`.

`name`, `description`, `model: inherit` (Claude model names are not Cursor's),
`readonly: true` for any allowlist (Cursor has no tool list; read-only is the
safe side, never more than the source), with a warning naming the tools that can
change files and are lost; `is_background` from `background`.

Source: https://cursor.com/docs/agent/subagents (file locations, fields `name`,
`description`, `model` — `inherit`, `fast` or a model id — `readonly`,
`is_background`).
"""

from __future__ import annotations

from typing import Any

from .base import Agent, ExportFile, ExportResult, Loss, base_notes, facts, map_model, markdown, read_only_losses, tool_plan, unsupported_fields
from .files import file_stem

TARGET = "cursor"
LABEL = "Cursor"


def export(agent: Agent) -> ExportResult:
    data = facts("cursor")
    stem = file_stem(agent.name)
    warnings = unsupported_fields(agent, TARGET, {"tools", "disallowedTools", "model", "background"}, "Cursor subagents have no such field")
    front: dict[str, Any] = {"name": agent.name, "description": agent.description}
    front["model"] = map_model(agent, TARGET, data["models"], LABEL, warnings) or "inherit"
    plan = tool_plan(agent)
    if not plan.every_tool:
        front["readonly"] = True
        lost = read_only_losses(plan)
        if lost:
            warnings.append(Loss(TARGET, "`tools`", f"approximated as `readonly: true` (Cursor cannot list tools; a narrower agent is the safe side): the agent loses {', '.join(lost)}"))
        else:
            warnings.append(Loss(TARGET, "`tools`", "exported as `readonly: true`: Cursor cannot list tools, so the agent keeps Cursor's read-only tools"))
    if agent.fields.get("background") is True:
        front["is_background"] = True
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.md", markdown(front, agent.prompt))], warnings, base_notes(agent))
