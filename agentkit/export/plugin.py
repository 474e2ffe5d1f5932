"""Target `plugin`: a Claude Code plugin folder, `.claude-plugin/plugin.json` and `agents/NAME.md`.

The agent file is the canonical `claude` export without the fields plugin agents
ignore (`hooks`, `mcpServers`, `permissionMode`, `initialPrompt`, `observer`,
`observerMessage`, `observeSubagents`), each warned about. The manifest needs
only `name` (kebab-case); it is the plugin name given, else the agent name.

Source: https://code.claude.com/docs/en/plugins-reference (manifest and `agents/`
layout; plugin agents do not support `hooks`, `mcpServers`, `permissionMode`) and
../shared/FORMAT.md (the full ignored list, as `claude plugin validate` 2.1.330 warns).
"""

from __future__ import annotations

import json
import re

from . import claude
from .base import Agent, ExportError, ExportFile, ExportResult, Loss, base_notes, facts
from .files import file_stem

TARGET = "plugin"
_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def manifest(plugin_name: str) -> ExportFile:
    if not _KEBAB.fullmatch(plugin_name):
        raise ExportError(f"plugin name {plugin_name!r} is not kebab-case (lowercase letters, digits, single hyphens)")
    return ExportFile(".claude-plugin/plugin.json", (json.dumps({"name": plugin_name}, indent=2) + "\n").encode("utf-8"))


def export(agent: Agent, plugin_name: str | None = None) -> ExportResult:
    stem = file_stem(agent.name)
    ignored = tuple(k for k in facts("claude")["plugin_ignored"] if k in agent.fields)
    warnings = [Loss(TARGET, f"`{k}`", "not exported: plugin agents ignore it") for k in ignored]
    files = [manifest(plugin_name or agent.name), ExportFile(f"agents/{stem}.md", claude.render(agent, skip=ignored))]
    return ExportResult(TARGET, agent.name, files, warnings, base_notes(agent))
