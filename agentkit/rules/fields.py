"""AK1xx: frontmatter fields — required fields, names, enums, tools."""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterator

from .. import schema
from ..diagnostics import Diagnostic, Severity
from ..document import AgentDocument
from ..facts import claude_code_facts
from .base import REGISTRY, Context, declare, rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO




declare("AK101", "missing-field", E, "schema", """A required field is missing or empty.

    ## What it does
    `name` and `description` are required (the plugin-dev profile also requires
    `model` and `color`).

    ## Why is this bad?
    Without `name` Claude Code cannot register the agent; without `description`
    it never knows when to delegate to it.
    """)
declare("AK102", "unknown-field", W, "schema", """A frontmatter key Claude Code does not know.

    ## Why is this bad?
    Claude Code silently ignores unknown keys, so a typo (`max_turns`) or a key
    from another tool (`emoji`) has no effect. The message suggests the closest
    known field when there is one.
    """)
declare("AK103", "misspelled-field", E, "schema", """A misspelling of `tools`, `disallowedTools` or `permissionMode`.

    ## What it does
    Flags keys such as `allowed-tools`, `allowedTools` or `disallowed-tools`.

    ## Why is this bad?
    Claude Code ignores them, so a tool allowlist written as `allowed-tools`
    grants every tool — a security problem, not a style issue.

    ## Use instead
    `tools: Read, Grep, Glob`
    """)
declare("AK104", "invalid-value", E, "schema", """A value outside what Claude Code accepts.

    ## What it does
    Checks `model` (an alias such as `sonnet` or a full `claude-…` model ID),
    `permissionMode`, `memory`, `effort`, `isolation` and `maxTurns` against
    `schema/agent.schema.json`.

    ## Why is this bad?
    A model Claude Code does not know makes the agent fail when it is launched;
    an unknown `permissionMode`, `memory` or `effort` is ignored, so the agent
    runs with a setting its author did not choose.
    """)
declare("AK105", "invalid-color", W, "schema", """A `color` Claude Code does not offer.

    ## Why is this bad?
    Claude Code offers red, blue, green, yellow, purple, orange, pink and cyan;
    other names and hex codes are ignored.
    """)
declare("AK106", "name-format", W, "schema", """A `name` that is not lowercase letters, digits and hyphens.

    ## Why is this bad?
    The documented format is lowercase letters, digits and hyphens, not starting
    with a hyphen. Claude Code loads other names, but `:` collides with plugin
    namespacing (`plugin:name`), and spaces or capitals make the agent hard to
    name in a prompt or an `Agent(...)` rule.
    """)
declare("AK112", "plugin-unsupported-field", E, "schema", """A field plugin agents do not support (plugin profiles).

    ## What it does
    In the plugin profiles, reports the fields Claude Code ignores in agents
    that ship in a plugin — `hooks`, `mcpServers`, `permissionMode`,
    `initialPrompt`, `observer`, `observerMessage`, `observeSubagents` (the list
    lives in `agentkit/data/claude_code.json`) — and `isolation` other than
    `worktree`.

    ## Why is this bad?
    Claude Code loads the agent without them (it only logs a warning), so the
    hooks, servers or permission mode its author configured never apply.

    ## Use instead
    Define the agent in `.claude/agents/` when it needs these fields.
    """, profiles=("plugin", "plugin-dev"))
declare("AK113", "name-length", W, "schema", """A `name` shorter than 3 or longer than 50 characters (plugin-dev profile).

    ## Why is this bad?
    plugin-dev's validation rejects such names: too short to say what the agent
    does, or too long to type in a prompt.
    """, profiles=("plugin-dev",))


def schema_pass(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Validate the frontmatter against the profile's schema."""
    fm = doc.frontmatter
    if not fm.present or fm.not_mapping is not None:
        return
    rejected = name_rejection(doc.name) is not None
    for finding in schema.validate_frontmatter(fm.data, ctx.profile):
        if rejected and finding.code == "AK106":
            continue  # AK114 says why Claude Code refuses the name
        r = REGISTRY[finding.code]
        if not finding.path:
            start, end = 0, 3  # the opening "---"
        elif finding.on_key and str(finding.path[0]) in fm.fields:
            start, end = fm.key_span(str(finding.path[0]))
        else:
            start, end = fm.locate(finding.path)
        yield r.report(doc, start, end, finding.message)


def name_rejection(name: str | None) -> str | None:
    """Why Claude Code refuses to load an agent with this `name`, or None."""
    if not name:
        return None
    if name.startswith("-"):
        return "names must not start with `-`"
    if ":" in unicodedata.normalize("NFKC", name):
        return "names must not contain `:` (reserved for plugin namespaces)"
    limit = claude_code_facts()["name_max_length"]
    if len(name) > limit:
        return f"names must be at most {limit} characters (this one has {len(name)})"
    return None


@rule("AK114", "name-rejected", E, "schema")
def name_rejected(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A `name` Claude Code refuses: the agent is not loaded.

    ## What it does
    Reports a name that starts with `-`, contains `:` (also after Unicode
    normalisation, so `：` counts) or is longer than Claude Code's limit (256
    characters in 2.1.330).

    ## Why is this bad?
    Claude Code logs an error and skips the file: the agent does not exist at
    runtime. `:` is reserved for plugin namespaces (`plugin:agent`).

    ## Use instead
    Lowercase letters, digits and hyphens: `name: code-reviewer`.
    """
    reason = name_rejection(doc.name)
    f = doc.frontmatter.fields.get("name")
    if reason is not None and f is not None:
        yield name_rejected.report(doc, f.value_start, f.value_end, f"Claude Code does not load this agent: {reason}")


@rule("AK107", "name-differs-from-file", I, "style")
def name_differs_from_file(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """The agent's `name` differs from its file name.

    ## Why is this bad?
    Claude Code identifies the agent by `name` only; when the file is called
    something else, people (and scripts) looking for the agent by file name
    find the wrong one. A common source of dispatch confusion.
    """
    name = doc.name
    f = doc.frontmatter.fields.get("name")
    if name and f is not None and name != doc.stem:
        yield name_differs_from_file.report(doc, f.value_start, f.value_end, f"`name` is `{name}` but the file is `{doc.stem}.md`")


def _split_tools(value: str) -> list[tuple[str, int]]:
    """Entries of a comma-separated tools string with their offsets; commas inside (...) do not split."""
    out: list[tuple[str, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(value + ","):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            piece = value[start:i]
            stripped = piece.strip()
            if stripped:
                out.append((stripped, start + len(piece) - len(piece.lstrip())))
            start = i + 1
    return out


def tool_entries(doc: AgentDocument, key: str) -> list[tuple[str, int, int]]:
    """(entry, start, end) for each entry of `tools` or `disallowedTools`, with file offsets."""
    fm = doc.frontmatter
    f = fm.fields.get(key)
    if f is None:
        return []
    if isinstance(f.value, list):
        out = []
        for i, item in enumerate(f.value):
            if isinstance(item, str):
                start, end = fm.locate((key, i))
                out.append((item.strip(), start, end))
        return out
    if not isinstance(f.value, str):
        return []
    raw = doc.text[f.value_start : f.value_end]
    out = []
    pos = 0
    for entry, _ in _split_tools(f.value):
        found = raw.find(entry, pos)
        if found < 0:
            out.append((entry, f.value_start, f.value_end))
            continue
        out.append((entry, f.value_start + found, f.value_start + found + len(entry)))
        pos = found + len(entry)
    return out


_TOOL_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*(?:\((.*)\))?", re.DOTALL)


@rule("AK108", "unknown-tool", E, "schema")
def unknown_tool(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A tool name Claude Code does not have.

    ## What it does
    Checks each entry of `tools` and `disallowedTools` against the tool names in
    `agentkit/data/claude_code.json`. MCP tools (`mcp__server__tool`) and
    patterns such as `Bash(git *)` or `Agent(reviewer)` are understood.

    ## Why is this bad?
    Claude Code ignores an unknown name: a typo such as `Webfetch` silently
    leaves the agent without the tool its author granted. Names are
    case-sensitive.
    """
    facts = claude_code_facts()
    known = set(facts["tools"])
    other = set(facts["tool_aliases"]) | set(facts["removed_tools"]) | set(facts["legacy_tools"])  # their own rules
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            m = _TOOL_CALL.fullmatch(entry)
            if entry.startswith("mcp__") or entry == "*":
                continue
            base = m.group(1) if m else entry
            if base in known or base in other:
                continue
            close = difflib.get_close_matches(base, sorted(known), n=1, cutoff=0.6)
            lower = {t.lower(): t for t in known}
            if base.lower() in lower:
                close = [lower[base.lower()]]
            hint = f"; did you mean `{close[0]}`?" if close else ""
            yield unknown_tool.report(doc, start, end, f"`{entry}` in `{key}` is not a Claude Code tool{hint}")


@rule("AK109", "legacy-tool", W, "schema")
def legacy_tool(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """An old tool name that Claude Code still maps to the current one.

    ## What it does
    Reports the aliases Claude Code's runtime translates (`Task` → `Agent`,
    `KillShell` → `TaskStop`, `ListPeers` → `ListAgents`…; the list lives in
    `agentkit/data/claude_code.json`).

    ## Why is this bad?
    The agent gets the tool today, but the old name is undocumented, other
    tools and exporters do not know it, and aliases are dropped over time.

    ## Use instead
    The current name: `tools: Agent, Read`.
    """
    aliases = claude_code_facts()["tool_aliases"]
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            m = _TOOL_CALL.fullmatch(entry)
            base = m.group(1) if m else entry
            if base in aliases:
                yield legacy_tool.report(doc, start, end, f"`{base}` in `{key}` is an old name Claude Code maps to `{aliases[base]}`; write `{aliases[base]}`")


@rule("AK115", "removed-tool", E, "schema")
def removed_tool(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A tool Claude Code no longer has.

    ## What it does
    Reports tools Claude Code removed (`MultiEdit`, `LS`, `NotebookRead`,
    `SlashCommand`, `TaskOutput`, `BashOutput`, `TeamCreate`…; the list lives
    in `agentkit/data/claude_code.json`).

    ## Why is this bad?
    Claude Code ignores the entry: the agent does not get the tool its author
    granted (in `disallowedTools`, nothing is denied).

    ## Use instead
    The replacement where there is one (`Edit` for `MultiEdit`, `Glob` for
    `LS`), or remove the entry.
    """
    facts = claude_code_facts()
    removed = set(facts["removed_tools"]) | set(facts["legacy_tools"])
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            m = _TOOL_CALL.fullmatch(entry)
            base = m.group(1) if m else entry
            if base in removed:
                instead = facts["legacy_tools"].get(base)
                hint = f"; use `{instead}`" if instead else "; remove it"
                yield removed_tool.report(doc, start, end, f"`{base}` in `{key}` is a tool Claude Code removed: it is ignored{hint}")


@rule("AK110", "tools-as-list", I, "style")
def tools_as_list(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """`tools` written as a YAML list.

    ## Why is this bad?
    Claude Code reads both, but its documentation and the `/agents` generator
    write a comma-separated string, and some other agent tools read only that.

    ## Use instead
    `tools: Read, Grep, Glob`
    """
    for key in ("tools", "disallowedTools"):
        f = doc.frontmatter.fields.get(key)
        if f is not None and isinstance(f.value, list):
            yield tools_as_list.report(doc, f.value_start, f.value_end, f"`{key}` is a YAML list; a comma-separated string is the documented form")


@rule("AK111", "bypass-permissions", W, "schema")
def bypass_permissions(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """`permissionMode: bypassPermissions`.

    ## Why is this bad?
    The agent runs every tool without asking, including Bash and file writes.
    Worth a deliberate decision and a comment, not a default.
    """
    f = doc.frontmatter.fields.get("permissionMode")
    if f is not None and f.value == "bypassPermissions":
        yield bypass_permissions.report(doc, f.value_start, f.value_end, "`permissionMode: bypassPermissions` lets the agent run every tool without asking")
