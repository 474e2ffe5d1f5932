"""Target `copilot`: a GitHub Copilot custom agent, `.github/agents/NAME.agent.md`.

`name`, `description`, `tools` as Copilot's tool aliases (`copilot.json`: `edit`
covers both Edit and Write, `search` both Grep and Glob, `web` both WebFetch and
WebSearch, so each is granted only when the source allows all of them), MCP tools
as `SERVER/TOOL` or `SERVER/*`, inline MCP server configurations as
`mcp-servers`. Claude model aliases have no Copilot name: the agent uses the
default model. The prompt may hold at most 30,000 characters.

Source: https://docs.github.com/en/copilot/reference/custom-agents-configuration
(github/docs `content/copilot/reference/custom-agents-configuration.md`: properties,
tool aliases, MCP namespacing, prompt limit).
"""

from __future__ import annotations

from typing import Any

from .base import Agent, ExportError, ExportFile, ExportResult, Loss, base_notes, facts, map_model, map_tools, markdown, unsupported_fields
from .files import file_stem

TARGET = "copilot"
LABEL = "GitHub Copilot"


def _mcp(server: str, tool: str | None) -> str:
    return f"{server}/{tool or '*'}"


def mcp_servers(agent: Agent, target: str, label: str, warnings: list[Loss]) -> dict[str, Any]:
    """Inline `{name: config}` entries of `mcpServers`; a loss for each reference by name."""
    out: dict[str, Any] = {}
    value = agent.fields.get("mcpServers")
    items = value if isinstance(value, list) else [value] if value is not None else []
    for item in items:
        if isinstance(item, dict):
            out.update({str(k): v for k, v in item.items()})
        else:
            warnings.append(Loss(target, f"`mcpServers: {item}`", f"not exported: {label} needs the server's configuration, not a reference by name"))
    return out


def export(agent: Agent) -> ExportResult:
    data = facts("copilot")
    stem = file_stem(agent.name)
    body = agent.prompt
    if len(body) > data["max_prompt"]:
        raise ExportError(f"the prompt has {len(body):,} characters; GitHub Copilot allows {data['max_prompt']:,}")
    warnings = unsupported_fields(agent, TARGET, {"tools", "disallowedTools", "model", "mcpServers"}, "GitHub Copilot custom agents have no such field")
    front: dict[str, Any] = {"name": agent.name, "description": agent.description}
    tools, losses = map_tools(agent, TARGET, LABEL, data["tools"], _mcp)
    warnings += losses
    if tools is not None:
        front["tools"] = tools
    map_model(agent, TARGET, data["models"], LABEL, warnings)
    servers = mcp_servers(agent, TARGET, LABEL, warnings)
    if servers:
        front["mcp-servers"] = servers
    path = f"{data['folder']}/{stem}{data['suffix']}"
    return ExportResult(TARGET, agent.name, [ExportFile(path, markdown(front, body))], warnings, base_notes(agent))
