"""Target `opencode`: an OpenCode subagent, `.opencode/agents/NAME.md`.

`description`, `mode: subagent`, `model` as `anthropic/ID` for a full Claude
model id (an alias such as `sonnet` has no fixed id: the agent uses OpenCode's
default), `steps` from `maxTurns`, `color` as hex, and a `permission` map: an
allowlist becomes `"*": deny` followed by `allow` for each permission whose
Claude tools are all allowed (`edit` covers Edit and Write); `Bash(git *)`,
`Agent(x)` and `Skill(x)` become pattern rules (`bash: {"*": deny, "git *": allow}`);
MCP tools become `SERVER_TOOL` / `SERVER_*` rules; a denylist becomes `deny` rules.

Source: https://opencode.ai/docs/agents (markdown agents, `mode`, `model`,
`steps`, `color`, `permission`) and https://opencode.ai/docs/permissions
(permission keys, `*`, pattern objects, last matching rule wins, `edit` covers
edit/write/patch, MCP tools `server_tool`).
"""

from __future__ import annotations

from typing import Any

from .base import Agent, ExportFile, ExportResult, Loss, base_notes, facts, map_model, map_tools, markdown, max_turns, parse_entry
from .base import table_value, tool_plan, unsupported_fields
from .files import file_stem

TARGET = "opencode"
LABEL = "OpenCode"


def _mcp(server: str, tool: str | None) -> str:
    return f"{server}_{tool or '*'}"


def _claude_pattern(argument: str) -> list[str]:
    """Claude's `git:*` prefix form becomes OpenCode globs for the command alone and with arguments."""
    if argument.endswith(":*"):
        prefix = argument[:-2]
        return [prefix, prefix + " *"]
    return [argument]


def permissions(agent: Agent, warnings: list[Loss]) -> dict[str, Any] | None:
    data = facts("opencode")
    plan = tool_plan(agent)
    if plan.every_tool:
        return None
    if agent.tools is None:  # a denylist only: OpenCode has deny rules
        rules: dict[str, Any] = {}
        for raw in agent.disallowed:
            e = parse_entry(raw)
            if e.mcp is not None:
                rules[_mcp(*e.mcp)] = "deny"
            elif e.argument is not None and e.name in data["pattern_permissions"]:
                key = data["pattern_permissions"][e.name]
                current = rules.get(key)
                if current != "deny":
                    bucket = current if isinstance(current, dict) else {}
                    for p in _claude_pattern(e.argument):
                        bucket[p] = "deny"
                    rules[key] = bucket
            else:
                keys = [k for k, needs in data["permissions"].items() if e.name in needs]
                if not keys:
                    warnings.append(Loss(TARGET, f"`disallowedTools: {raw}`", "not exported: OpenCode has no permission for this tool"))
                for k in keys:
                    rules[k] = "deny"
                    others = sorted(set(data["permissions"][k]) - {e.name})
                    if others:
                        warnings.append(Loss(TARGET, f"`disallowedTools: {raw}`", f"denying OpenCode's `{k}` also denies {', '.join(others)}"))
        return rules
    granted, losses = map_tools(agent, TARGET, LABEL, data["permissions"], _mcp)
    rules = {"*": "deny"}
    for key in granted or []:
        rules[key] = "allow"
    for e in plan.patterned:
        key = data["pattern_permissions"].get(e.name)
        if key is None or rules.get(key) == "allow":
            continue
        bucket = rules.get(key) if isinstance(rules.get(key), dict) else {"*": "deny"}
        args = [a.strip() for a in e.argument.split(",")] if e.name != "Bash" else [e.argument or ""]
        for a in args:
            for p in _claude_pattern(a):
                bucket[p] = "allow"
        rules[key] = bucket
        losses = [x for x in losses if x.subject != f"tool `{e.raw}`"]
    warnings += losses
    return rules


def export(agent: Agent) -> ExportResult:
    data = facts("opencode")
    stem = file_stem(agent.name)
    handled = {"tools", "disallowedTools", "model", "maxTurns", "color"}
    warnings = unsupported_fields(agent, TARGET, handled, "OpenCode agents have no such field")
    front: dict[str, Any] = {"description": agent.description, "mode": "subagent"}
    model = map_model(agent, TARGET, data["models"], LABEL, warnings)
    if model:
        front["model"] = model
    turns = max_turns(agent, TARGET, warnings)
    if turns is not None:
        front["steps"] = turns
    color = table_value(agent, "color", data["colors"], TARGET, "not one of Claude Code's colours", warnings)
    if color:
        front["color"] = color
    rules = permissions(agent, warnings)
    if rules is not None:
        front["permission"] = rules
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.md", markdown(front, agent.prompt))], warnings, base_notes(agent))
