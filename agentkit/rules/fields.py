"""AK1xx: frontmatter fields — required fields, names, enums, tools."""

from __future__ import annotations

import re

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from .. import schema
from .. import layout
from ..diagnostics import Diagnostic, Edit, Fix, Related, Severity
from .base import REGISTRY, Context, declare, rule

if TYPE_CHECKING:
    from ..document import AgentDocument

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO




declare("AK101", "missing-field", E, "schema", """A required field is missing or empty.

    ## What it does
    `name` and `description` are required (the plugin-dev profile also requires
    `model` and `color`). In a plugin's `agents/` folder Claude Code takes the
    name from the file name and the description from `when_to_use`, so those
    are not reported there.

    ## Why is this bad?
    Without `name` Claude Code cannot register the agent; without `description`
    it never knows when to delegate to it.
    """)
declare("AK102", "unknown-field", W, "schema", """A frontmatter key Claude Code does not know.

    ## Why is this bad?
    Claude Code ignores unknown keys (it only logs them), so a typo
    (`max_turns`) or a key from another tool (`emoji`) has no effect. The
    message suggests the closest known field when there is one. It is a
    warning, not an error: most unknown keys are metadata for other tools
    that their authors put there on purpose.

    ## Fix safety
    Safe, and offered only when the key differs from exactly one field in case
    or separators (`max_turns`, `MaxTurns`, `max-turns` → `maxTurns`) and that
    field is not set too: the author's intent is unambiguous. Claude Code then
    applies the value it ignored before.
    """, fixable=True)
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
    lenient = _plugin_fallbacks(doc)
    for finding in schema.validate_frontmatter(fm.data, ctx.profile):
        if rejected and finding.code == "AK106":
            continue  # AK114 says why Claude Code refuses the name
        if (finding.code, finding.message) in lenient or finding.code == "AK102" and str(finding.path[0]) in lenient:
            continue
        r = REGISTRY[finding.code]
        if not finding.path:
            start, end = 0, 3  # the opening "---"
        elif finding.on_key and str(finding.path[0]) in fm.fields:
            start, end = fm.key_span(str(finding.path[0]))
        else:
            start, end = fm.locate(finding.path)
        fix = _rename_fix(doc, str(finding.path[0]), start, end) if finding.code == "AK102" else None
        yield r.report(doc, start, end, finding.message, fix)


def _plugin_fallbacks(doc: AgentDocument) -> set:
    """What Claude Code fills in for an agent in a plugin's agents/ folder: the name from
    the file name, the description from `when_to_use` (those keys are then known too)."""
    from ..facts import claude_code_facts

    if layout.locate(doc.path).plugin is None:
        return set()
    keys = claude_code_facts()["plugin_description_fallbacks"]
    out: set = {("AK101", "required field `name` is missing"), *keys}
    if any(isinstance(doc.frontmatter.data.get(k), str) and doc.frontmatter.data[k].strip() for k in keys):
        out.add(("AK101", "required field `description` is missing"))
    return out


_SEPARATOR = re.compile(r"[-_\s]")


@lru_cache(maxsize=1024)
def _spelling(key: str) -> str:
    return _SEPARATOR.sub("", key).lower()


def _rename_fix(doc: AgentDocument, key: str, start: int, end: int) -> Fix | None:
    """Rename a key that differs from exactly one known field only in case or separators."""
    spelling = _spelling(key)
    matches = [k for k in schema.known_fields() if _spelling(k) == spelling]
    if len(matches) != 1 or matches[0] in doc.frontmatter.fields or doc.text[start:end] != key:
        return None
    return Fix(f"Rename `{key}` to `{matches[0]}`", (Edit(start, end, matches[0]),))


def name_rejection(name: str | None) -> str | None:
    """Why Claude Code refuses to load an agent with this `name`, or None."""
    from ..facts import claude_code_facts

    if not name:
        return None
    if name.startswith("-"):
        return "names must not start with `-`"
    import unicodedata  # (here: a run the cache serves checks no name)

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
        elif ch == "," and (depth == 0 or i == len(value)):  # an unclosed `(` still ends at the end
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
    import difflib
    from ..facts import claude_code_facts

    facts = claude_code_facts()
    known = set(facts["tools"])
    other = set(facts["tool_aliases"]) | set(facts["removed_tools"]) | set(facts["legacy_tools"])  # their own rules
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            m = _TOOL_CALL.fullmatch(entry)
            if entry.lower().startswith("mcp_") or entry == "*" or "(" in entry and m is None:
                continue  # AK118 and AK119 judge these
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
    from ..facts import claude_code_facts

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
    from ..facts import claude_code_facts

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


@rule("AK110", "tools-as-list", I, "style", fixable=True)
def tools_as_list(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """`tools` written as a YAML list.

    ## Why is this bad?
    Claude Code reads both, but its documentation and the `/agents` generator
    write a comma-separated string, and some other agent tools read only that.

    ## Use instead
    `tools: Read, Grep, Glob`

    ## Fix safety
    Safe: the list becomes the comma-separated string of the same entries, which
    Claude Code splits back into the same list. It is offered only when no entry
    holds a comma, no comment sits inside the list, and strict YAML reads the
    result as that string; where Claude Code reads the frontmatter only leniently,
    also only when it reads every other value as before (the string can make strict
    YAML read the frontmatter, and strict YAML reads `description: #1` as a comment).
    """
    for key in ("tools", "disallowedTools"):
        f = doc.frontmatter.fields.get(key)
        if f is not None and isinstance(f.value, list):
            yield tools_as_list.report(doc, f.value_start, f.value_end, f"`{key}` is a YAML list; a comma-separated string is the documented form", _list_fix(doc, f))


def _list_fix(doc: AgentDocument, f) -> Fix | None:  # type: ignore[no-untyped-def]
    import yaml
    from .. import yamlread

    items = f.value
    if not items or not all(isinstance(i, str) and i.strip() and "," not in i and "\n" not in i for i in items):
        return None
    text = doc.text
    colon = text.find(":", f.key_end)
    end = f.value_end
    while end > colon and text[end - 1] in "\r\n":
        end -= 1
    if colon < 0 or "#" in text[colon:end]:
        return None
    joined = ", ".join(i.strip() for i in items)
    fm = doc.frontmatter
    candidate = text[fm.start : colon + 1] + " " + joined + text[end : fm.end]
    try:
        parsed = yamlread.parse(candidate)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    if not isinstance(parsed, dict) or parsed.get(f.key) != joined:
        return None
    if not fm.strict_yaml:
        # Claude Code read this frontmatter leniently; the string may make strict YAML read
        # it, and strict YAML reads other values differently ("description: #1" is a comment
        # there): the fix is safe only when Claude Code reads every other value as before.
        from .. import frontmatter as fm_mod

        after = fm_mod.read(text[: colon + 1] + " " + joined + text[end:])
        if not after.claude_code_parses or {**after.data, f.key: items} != fm.data:
            return None
    return Fix(f"Write `{f.key}` as `{joined}`", (Edit(colon + 1, end, " " + joined),))


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


def _base(entry: str) -> str:
    m = _TOOL_CALL.fullmatch(entry)
    return m.group(1) if m else entry.split("(", 1)[0].strip()


@rule("AK116", "tool-allowed-and-denied", E, "schema")
def tool_allowed_and_denied(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A tool listed in both `tools` and `disallowedTools`.

    ## What it does
    Reports an entry of `tools` that `disallowedTools` also names (the same
    entry, or the bare tool name that denies every use of it).

    ## Why is this bad?
    Claude Code applies `disallowedTools` first and removes the tool, so the
    grant in `tools` is ignored. The two lists contradict each other; one of
    them is not what the author meant.

    ## Example
    ```yaml
    tools: Read, Bash
    disallowedTools: Bash
    ```

    ## Use instead
    Grant only what the agent may use: `tools: Read`.
    """
    denied = {entry: (start, end) for entry, start, end in tool_entries(doc, "disallowedTools")}
    if not denied:
        return
    for entry, start, end in tool_entries(doc, "tools"):
        hit = entry if entry in denied else (_base(entry) if _base(entry) in denied else None)
        if hit is not None:
            pos = doc.span(*denied[hit])
            yield tool_allowed_and_denied.report(
                doc, start, end, f"`{entry}` is granted in `tools` but `disallowedTools` denies `{hit}` (line {pos.line}): Claude Code removes it",
                related=(Related(doc.path, pos.line, pos.column, f"denied here: `{hit}`"),),
            )


@rule("AK117", "tools-omitted", I, "schema", default_enabled=False)
def tools_omitted(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """No `tools` field: the agent gets every tool (off by default).

    ## What it does
    Reports an agent without `tools` (or with `tools: *`). Off by default:
    select it by its code (`--select AK117`, or `extend-select` in the
    configuration) to review which agents inherit everything.

    ## Why is this bad?
    The agent inherits every tool of the main session, MCP tools included —
    Bash and file writes for a reviewer that only needs to read. Least
    privilege is easier to reason about.

    ## Use instead
    `tools: Read, Grep, Glob`
    """
    fm = doc.frontmatter
    if not fm.present or fm.not_mapping is not None:
        return
    f = fm.fields.get("tools")
    if f is None:
        yield tools_omitted.report(doc, 0, 3, "no `tools` field: the agent gets every tool, MCP tools included")
    elif isinstance(f.value, str) and f.value.strip() == "*":
        yield tools_omitted.report(doc, f.value_start, f.value_end, "`tools: *` gives the agent every tool, MCP tools included")


_MCP = re.compile(r"mcp__(?:\*|[A-Za-z0-9_-]+?(?:__(?:\*|[A-Za-z0-9_-]+))?)")


def _mcp_problem(entry: str) -> str | None:
    if "(" in entry:
        return "MCP tools take no pattern in parentheses; use `mcp__server__tool`, or `mcp__server__*` for every tool of a server"
    if not entry.startswith("mcp__"):
        return "MCP tools are written `mcp__server__tool`, with two underscores after `mcp` and between the server and the tool"
    rest = entry[5:]
    if not rest or rest.startswith("_") or rest.endswith("_") or "____" in rest:
        return "an empty server or tool name; MCP tools are written `mcp__server__tool`"
    if not _MCP.fullmatch(entry):
        if "*" in rest:
            return "`*` stands only for the whole tool name (`mcp__server__*`) or every server (`mcp__*`)"
        return "server and tool names hold only letters, digits, `_` and `-`; MCP tools are written `mcp__server__tool`"
    return None


@rule("AK118", "mcp-tool-pattern", E, "schema")
def mcp_tool_pattern(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A malformed MCP tool name in `tools` or `disallowedTools`.

    ## What it does
    Checks entries that start with `mcp`: `mcp__server` (every tool of a
    server), `mcp__server__tool`, `mcp__server__*` and `mcp__*` are the forms
    Claude Code matches.

    ## Why is this bad?
    A malformed entry (`mcp_github_search`, `mcp__github__`, `mcp__github(x)`,
    `mcp__*__search`) matches no tool: Claude Code ignores it, so the agent
    lacks the tool it was granted, or a denied tool stays available.

    ## Use instead
    `tools: mcp__github__search_code, mcp__linear__*`
    """
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            if entry.lower().startswith("mcp_"):
                problem = _mcp_problem(entry)
                if problem:
                    yield mcp_tool_pattern.report(doc, start, end, f"`{entry}` in `{key}`: {problem}")


def _pattern_problem(entry: str) -> tuple[str, bool] | None:
    """(problem, is it an error) for a `Tool(content)` entry, after Claude Code's own checks."""
    if "(" not in entry and ")" not in entry:
        return None
    m = re.fullmatch(r"([A-Za-z_][A-Za-z0-9_]*)?\s*\((.*)\)", entry, re.DOTALL)
    if m is None:
        return "rules take the form `Tool` or `Tool(content)` and must end at the closing `)`", True
    tool, content = m.group(1), m.group(2)
    if not tool:
        return "parentheses with no tool name before them", True
    if content.strip() == "":
        return f"empty parentheses: write `{tool}` alone, or a pattern such as `{tool}(git *)`", True
    if content.count("(") != content.count(")"):
        return "unbalanced parentheses in the pattern", True
    if ":*" in content:
        if tool not in ("Bash", "PowerShell"):
            return "the `:*` prefix syntax is only for Bash rules; use glob patterns such as `*` or `**`", True
        if content.strip() == ":*":
            return "an empty command prefix before `:*`", True
        if not content.endswith(":*"):
            return "`:*` is not at the end, so it is read as a `*` wildcard (the `:` is literal), not as the prefix syntax", False
    return None


@rule("AK119", "tool-pattern", E, "schema")
def tool_pattern(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A malformed `Tool(pattern)` entry, such as `Bash(git diff:*)` gone wrong.

    ## What it does
    Applies the checks Claude Code makes on permission rules to `tools` and
    `disallowedTools` entries with parentheses: a rule must end at its closing
    `)`, name a tool, hold a pattern, balance its parentheses, and use the
    `:*` prefix syntax only at the end of a Bash pattern.

    ## Why is this bad?
    Claude Code skips a malformed rule, so the agent lacks the command it was
    granted (or a denied command stays allowed). A `:*` in the middle is read
    as a wildcard, which matches more than its author meant (a warning).

    ## Example
    `tools: Bash(git diff:*, Bash()`

    ## Use instead
    `tools: Bash(git diff:*), Bash(npm test *)`
    """
    for key in ("tools", "disallowedTools"):
        for entry, start, end in tool_entries(doc, key):
            if entry.lower().startswith("mcp_"):
                continue  # AK118
            found = _pattern_problem(entry)
            if found is not None:
                problem, error = found
                d = tool_pattern.report(doc, start, end, f"`{entry}` in `{key}`: {problem}")
                yield d if error else replace(d, severity=W)


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "claude_code_facts":  # imported from here by the conflict engine and the exporters (on first use)
        from ..facts import claude_code_facts

        return claude_code_facts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
