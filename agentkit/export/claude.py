"""Target `claude`: the canonical Claude Code agent file, `.claude/agents/NAME.md`.

Strict YAML (PyYAML's safe loader and Claude Code's own reader agree on it), keys
in the documented order (`claude.json`; keys Claude Code does not know follow in
their original order), `tools` and `disallowedTools` as the comma-separated
string of the official examples, a multi-line description as a literal block
scalar, literal `\\n` in the description decoded into the line breaks Claude Code
shows, and the body byte for byte. Exporting an export changes nothing.

Source: https://code.claude.com/docs/en/sub-agents (supported frontmatter fields,
tools as a comma-separated list) and ../shared/FORMAT.md (the runtime's `\\n`
replacement, checked against the Claude Code 2.1.330 CLI).
"""

from __future__ import annotations

from typing import Any

from .base import Agent, ExportFile, ExportResult, base_notes, facts, markdown
from .files import file_stem

TARGET = "claude"


def frontmatter(agent: Agent, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The canonical frontmatter mapping (keys in the documented order, then unknown keys in file order)."""
    order = facts("claude")["key_order"]
    data: dict[str, Any] = {"name": agent.name, "description": agent.description}
    values = dict(agent.fields)
    if agent.tools is not None:
        values["tools"] = ", ".join(agent.tools)
    if "disallowedTools" in values:
        values["disallowedTools"] = ", ".join(agent.disallowed)
    for key in order[2:]:
        if key in values and key not in skip:
            data[key] = values[key]
    for key, value in values.items():
        if key not in data and key not in skip:
            data[key] = value
    return data


def render(agent: Agent, skip: tuple[str, ...] = ()) -> bytes:
    return markdown(frontmatter(agent, skip), agent.prompt, agent.newline)


def export(agent: Agent) -> ExportResult:
    stem = file_stem(agent.name)
    path = f"{facts('claude')['project_folder']}/{stem}.md"
    return ExportResult(TARGET, agent.name, [ExportFile(path, render(agent))], [], base_notes(agent))
