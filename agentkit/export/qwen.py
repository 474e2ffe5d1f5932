"""Target `qwen`: a Qwen Code subagent, `.qwen/agents/NAME.md`.

Qwen Code reads Claude-style files: `name`, `description`, `tools` (written as
Qwen's tool names, `qwen.json`), `disallowedTools` (mapped the same way),
`approvalMode` from `permissionMode` (`dontAsk` → `default`, the restrictive
reading), `runConfig.max_turns` from `maxTurns`, `color`, `background`. Claude
models do not exist there: the agent uses the session's model.

Source: QwenLM/qwen-code `packages/core/src/subagents/subagent-manager.ts`
(`parseSubagentContent`: name, description, tools, disallowedTools, model,
runConfig, color, approvalMode, background), `validation.ts` (name 2–50
characters, reserved names), `agent-frontmatter-schema.ts` (permissionMode →
approvalMode) and `packages/core/src/tools/tool-names.ts`; docs:
https://qwenlm.github.io/qwen-code-docs/en/users/features/sub-agents/.
"""

from __future__ import annotations

from typing import Any

from .base import Agent, ExportError, ExportFile, ExportResult, Loss, base_notes, facts, map_model, map_tools, markdown, max_turns
from .base import parse_entry, table_value, unsupported_fields
from .files import file_stem

TARGET = "qwen"
LABEL = "Qwen Code"


def export(agent: Agent) -> ExportResult:
    data = facts("qwen")
    stem = file_stem(agent.name)
    low, high = data["name_length"]
    if not low <= len(agent.name) <= high or agent.name.lower() in data["reserved_names"]:
        raise ExportError(f"Qwen Code requires a name of {low}-{high} characters that is not one of {', '.join(data['reserved_names'])}")
    handled = {"tools", "disallowedTools", "model", "permissionMode", "maxTurns", "color", "background"}
    warnings = unsupported_fields(agent, TARGET, handled, "Qwen Code subagents have no such field")
    front: dict[str, Any] = {"name": agent.name, "description": agent.description}
    if agent.tools is None and agent.disallowed:  # a denylist only: Qwen Code has one too
        denied: list[str] = []
        for raw in agent.disallowed:
            e = parse_entry(raw)
            names = [t for t, needs in data["tools"].items() if e.argument is None and e.mcp is None and e.name in needs]
            if not names:
                warnings.append(Loss(TARGET, f"`disallowedTools: {raw}`", "not exported: Qwen Code has no such tool to deny"))
            denied += [n for n in names if n not in denied]
        if denied:
            front["disallowedTools"] = denied
    else:
        tools, losses = map_tools(agent, TARGET, LABEL, data["tools"])
        warnings += losses
        if tools is not None:
            front["tools"] = tools
    map_model(agent, TARGET, data["models"], LABEL, warnings)
    mode = table_value(agent, "permissionMode", data["approval_modes"], TARGET, "Qwen Code has no equivalent approval mode", warnings)
    if mode:
        front["approvalMode"] = mode
    turns = max_turns(agent, TARGET, warnings)
    if turns is not None:
        front["runConfig"] = {"max_turns": turns}
    color = table_value(agent, "color", {c: c for c in data["colors"]}, TARGET, "not a colour Qwen Code offers", warnings)
    if color:
        front["color"] = color
    if agent.fields.get("background") is True:
        front["background"] = True
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.md", markdown(front, agent.prompt))], warnings, base_notes(agent))
