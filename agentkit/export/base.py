"""What every exporter shares: the agent as read, the result type, tool mapping, YAML output.

An exporter turns one :class:`Agent` into an :class:`ExportResult`: the files to write
(paths relative to the output folder, built only from a validated name) and a
:class:`Loss` for every field, tool or value the target cannot represent. Nothing
is dropped without a loss; an allowlist the target cannot express exactly is
narrowed, never widened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..document import AgentDocument
from ..rules.fields import claude_code_facts, tool_entries


class ExportError(Exception):
    """The agent cannot be exported to this target (the message says why)."""


@dataclass(frozen=True)
class Loss:
    """Something the target cannot represent: what (``subject``) and how it was handled."""

    target: str
    subject: str
    message: str

    def __str__(self) -> str:
        return f"{self.target}: {self.subject}: {self.message}"


@dataclass(frozen=True)
class ExportFile:
    path: str  # relative, '/'-separated, built from a validated name
    content: bytes


@dataclass
class ExportResult:
    target: str
    agent: str
    files: list[ExportFile] = field(default_factory=list)
    warnings: list[Loss] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # changes that keep the meaning (e.g. decoded `\n`)


@cache
def facts(name: str) -> dict[str, Any]:
    """A JSON data file next to the exporters (``common``, ``gemini``, …)."""
    return json.loads(resources.files("agentkit.export").joinpath(f"{name}.json").read_text(encoding="utf-8"))


# --- the agent as Claude Code reads it -------------------------------------------


@dataclass
class Agent:
    name: str
    description: str  # literal `\n` decoded, as Claude Code shows it
    fields: dict[str, Any]  # every other frontmatter key, in file order
    tools: list[str] | None  # None: every tool
    disallowed: list[str]
    prompt: str  # the body, byte for byte
    decoded_newlines: int = 0
    newline: str = "\n"


def from_document(doc: AgentDocument) -> Agent:
    """Read the agent Claude Code would register; ExportError when it would register none."""
    if doc.read_error:
        raise ExportError(doc.read_error)
    fm = doc.frontmatter
    if not fm.present or not fm.closed:
        raise ExportError("no frontmatter block: Claude Code registers no agent from this file")
    if not fm.claude_code_parses:
        raise ExportError("Claude Code cannot parse the frontmatter (AK003); fix it first (`agentkit lint --fix`)")
    name = doc.name
    if name is None:
        raise ExportError("no `name`: Claude Code registers no agent from this file")
    raw_description = doc.description
    if not raw_description:
        raise ExportError("no `description`: Claude Code registers no agent from this file")
    description = raw_description.replace("\\n", "\n")
    others = {k: v for k, v in fm.data.items() if k not in ("name", "description")}
    tools = _tool_list(doc, "tools") if "tools" in others else None
    if tools is not None and tools == ["*"]:
        tools = None
    disallowed = _tool_list(doc, "disallowedTools") or []
    first_break = re.search(r"\r\n|\r|\n", doc.text)
    return Agent(
        name=name,
        description=description,
        fields=others,
        tools=tools,
        disallowed=disallowed,
        prompt=doc.prompt,
        decoded_newlines=raw_description.count("\\n"),
        newline=first_break.group(0) if first_break else "\n",
    )


def _tool_list(doc: AgentDocument, key: str) -> list[str]:
    return [entry for entry, _, _ in tool_entries(doc, key) if entry]


def base_notes(agent: Agent) -> list[str]:
    if agent.decoded_newlines:
        return [f"description: {agent.decoded_newlines} literal `\\n` decoded into line breaks (Claude Code shows them as line breaks)"]
    return []


# --- fields ---------------------------------------------------------------------


def unsupported_fields(agent: Agent, target: str, handled: set[str], why: str) -> list[Loss]:
    """A loss for each frontmatter key the target module does not map."""
    out = []
    for key in agent.fields:
        if key in handled:
            continue
        out.append(Loss(target, f"`{key}`", f"not exported: {why}"))
    return out


def max_turns(agent: Agent, target: str, warnings: list[Loss]) -> int | None:
    """`maxTurns` when it is a positive integer; a loss when it is set to anything else."""
    turns = agent.fields.get("maxTurns")
    if isinstance(turns, int) and not isinstance(turns, bool) and turns >= 1:
        return turns
    if turns is not None:
        warnings.append(Loss(target, f"`maxTurns: {turns}`", "not exported: not a positive integer"))
    return None


def table_value(agent: Agent, key: str, table: dict[str, Any], target: str, why: str, warnings: list[Loss]) -> Any:
    """The target's value for a field through ``table``; a loss when the field holds a value the table lacks."""
    value = agent.fields.get(key)
    if value is None:
        return None
    if isinstance(value, str) and value in table:
        return table[value]
    warnings.append(Loss(target, f"`{key}: {value}`", f"not exported: {why}"))
    return None


def claude_model(agent: Agent) -> str | None:
    value = agent.fields.get("model")
    return value if isinstance(value, str) and value else None


def map_model(agent: Agent, target: str, table: dict[str, str], label: str, warnings: list[Loss]) -> str | None:
    """Map Claude's `model` through a target's table. `inherit` and absent map to None (the target's default)."""
    model = claude_model(agent)
    if model is None or model == "inherit":
        return None
    if model in table:
        mapped = table[model]
        if mapped and model in table.get("_aliases_pinned", []):
            warnings.append(Loss(target, f"`model: {model}`", f"the alias is pinned to `{mapped}` ({label}); update it when newer models ship"))
        return mapped or None
    prefix = table.get("_full_id_prefix")
    if prefix is not None and model.startswith("claude-"):
        return prefix + model
    warnings.append(Loss(target, f"`model: {model}`", f"not exported: {label} has no equivalent; the agent uses the target's default model"))
    return None


# --- tools ----------------------------------------------------------------------

_ENTRY = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?\s*$", re.DOTALL)


@dataclass(frozen=True)
class ToolEntry:
    raw: str
    name: str  # canonical Claude name (runtime aliases applied)
    argument: str | None  # `git *` in `Bash(git *)`
    mcp: tuple[str, str | None] | None = None  # (server, tool or None for every tool)


def parse_entry(raw: str) -> ToolEntry:
    if raw.startswith("mcp__"):
        rest = raw[5:]
        server, _, tool = rest.partition("__")
        return ToolEntry(raw, raw, None, (server, None if tool in ("", "*") else tool))
    m = _ENTRY.match(raw)
    if not m:
        return ToolEntry(raw, raw, None)
    name = facts("common")["runtime_aliases"].get(m.group(1), m.group(1))
    return ToolEntry(raw, name, m.group(2).strip() if m.group(2) is not None else None)


def known_claude_tools() -> list[str]:
    return list(claude_code_facts()["tools"])


@dataclass
class ToolPlan:
    """What the source allows, as plain tool names, patterned entries and MCP entries."""

    every_tool: bool  # no allowlist and no denylist
    plain: list[str]
    patterned: list[ToolEntry]
    mcp: list[ToolEntry]
    from_denylist: bool = False


def read_only_losses(plan: ToolPlan) -> list[str]:
    """The allowed tools a read-only approximation takes away (writers, patterned writers, MCP tools)."""
    writers = set(facts("common")["write_tools"])
    return [t for t in plan.plain if t in writers] + [e.raw for e in plan.patterned if e.name in writers] + [e.raw for e in plan.mcp]


def tool_plan(agent: Agent) -> ToolPlan:
    """The effective allowlist: `tools` minus `disallowedTools`; a denylist alone becomes the known tools minus it."""
    denied = [parse_entry(t) for t in agent.disallowed]
    denied_plain = {d.name for d in denied if d.argument is None and d.mcp is None}
    if agent.tools is None:
        if not denied:
            return ToolPlan(True, [], [], [])
        entries = [parse_entry(t) for t in known_claude_tools()]
        from_denylist = True
    else:
        entries = [parse_entry(t) for t in agent.tools]
        from_denylist = False
    plain: list[str] = []
    patterned: list[ToolEntry] = []
    mcp: list[ToolEntry] = []
    for e in entries:
        if e.name in denied_plain or e.raw in agent.disallowed:
            continue
        if e.mcp is not None:
            if any(d.mcp is not None and d.mcp[0] == e.mcp[0] and (d.mcp[1] is None or d.mcp[1] == e.mcp[1]) for d in denied):
                continue
            mcp.append(e)
        elif e.argument is not None:
            patterned.append(e)
        elif e.name not in plain:
            plain.append(e.name)
    return ToolPlan(False, plain, patterned, mcp, from_denylist)


def map_tools(
    agent: Agent,
    target: str,
    label: str,
    table: dict[str, list[str]],
    mcp: Callable[[str, str | None], str | None] | None = None,
) -> tuple[list[str] | None, list[Loss]]:
    """Map the allowlist through ``table`` (target tool -> the Claude tools it needs, all of them).

    A target tool is granted only when the source allows every Claude tool it
    stands for, so the result never grants more than the source. Returns None
    when the source allows every tool (the target's own default, also every tool).
    """
    plan = tool_plan(agent)
    if plan.every_tool:
        return None, []
    losses: list[Loss] = []
    if plan.from_denylist:
        denied = ", ".join(agent.disallowed)
        losses.append(Loss(target, "`disallowedTools`", f"{label} has no denylist: exported as an allowlist of the known Claude Code tools minus {denied}; MCP tools and tools added later are not granted"))
    allowed = set(plan.plain)
    granted = [t for t, needs in table.items() if not t.startswith("_") and needs and set(needs) <= allowed]
    covered = {n for t in granted for n in table[t]}
    for name in plan.plain:
        if name in covered:
            continue
        partial = [t for t, needs in table.items() if not t.startswith("_") and name in needs]
        if partial:
            extra = sorted({n for t in partial for n in table[t]} - allowed)
            losses.append(Loss(target, f"tool `{name}`", f"not exported: {label}'s `{partial[0]}` also grants {', '.join(extra)}, which the source does not allow"))
        elif not plan.from_denylist:
            losses.append(Loss(target, f"tool `{name}`", f"not exported: {label} has no equivalent tool"))
    for e in plan.patterned:
        losses.append(Loss(target, f"tool `{e.raw}`", f"not exported: {label} cannot limit `{e.name}` to `{e.argument}`, so the agent does not get `{e.name}`"))
    out = list(granted)
    for e in plan.mcp:
        mapped = mcp(*e.mcp) if (mcp is not None and e.mcp is not None) else None
        if mapped is None:
            losses.append(Loss(target, f"tool `{e.raw}`", f"not exported: {label} cannot name MCP tools in an agent file"))
        elif mapped not in out:
            out.append(mapped)
    return out, losses


# --- output text ----------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def yaml_mapping(data: dict[str, Any]) -> str:
    """Strict YAML for a frontmatter mapping: block style, multi-line strings as literal blocks."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1 << 30, default_flow_style=False)
    if yaml.safe_load(text) != data:  # a scalar PyYAML wrote that reads back differently: quote everything
        text = yaml.dump(data, Dumper=yaml.SafeDumper, sort_keys=False, allow_unicode=True, width=1 << 30, default_style='"')
    return text


def markdown(data: dict[str, Any], body: str, newline: str = "\n") -> bytes:
    """A Markdown agent file: `---`, the frontmatter, `---`, then the body unchanged."""
    front = yaml_mapping(data)
    if newline != "\n":
        front = front.replace("\n", newline)
    return f"---{newline}{front}---{newline}{body}".encode()


def body_text(agent: Agent) -> str:
    """The prompt for targets that take it as a value: the body without the blank line after `---`."""
    return agent.prompt.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
