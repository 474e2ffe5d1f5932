"""Hypothesis strategies that build agent files the way people write them.

Frontmatter with known and unknown fields in every YAML style (plain, quoted,
block scalars, flow and block lists, values with ``: `` that strict YAML
rejects), descriptions with ``<example>`` blocks, bodies with headings, lists,
code fences and tables; LF or CRLF line endings and an optional BOM. Each
strategy draws the *text* of a file; :func:`agent_bytes` encodes it.
"""

from __future__ import annotations

import codecs

from hypothesis import strategies as st

_WORDS = ["review", "code", "tests", "API", "agent", "use", "when", "the", "user", "asks", "for", "a", "Python", "deploy", "security",
          "don't", "always", "never", "TypeScript", "SQL", "café", "naïve", "—", "✓", "日本語", "e.g.", "i.e.", "#1", "50%", "v2.0"]
_TOOLS = ["Read", "Write", "Edit", "Bash", "Grep", "Glob", "WebFetch", "WebSearch", "Task", "MultiEdit", "LS", "Bash(git *)", "mcp__github__create_issue", "Webfetch"]
_KEYS = ["name", "description", "tools", "disallowedTools", "model", "color", "permissionMode", "maxTurns", "memory", "effort",
         "background", "hooks", "mcpServers", "allowed-tools", "allowedTools", "version", "author", "tags", "x-extra"]

words = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join)
# Prose with the characters YAML treats specially: ": ", "#", quotes, brackets, backslashes.
prose = st.lists(st.one_of(st.sampled_from(_WORDS), st.sampled_from([": ", " #", "'", '"', "[x]", "{y}", "\\n", "\\", "*", "&", "!", "|", ">", "%", "@", "`"])), min_size=1, max_size=16).map(" ".join)


@st.composite
def example_block(draw: st.DrawFn) -> str:
    parts = []
    if draw(st.booleans()):
        parts.append(f"Context: {draw(words)}")
    parts.append(f'user: "{draw(words)}"')
    parts.append(f'assistant: "{draw(words)}"')
    if draw(st.booleans()):
        parts.append(f"<commentary>{draw(words)}</commentary>")
    sep = draw(st.sampled_from([" ", "\\n", "\n"]))
    close = draw(st.sampled_from(["</example>", "</example>", ""]))  # sometimes unclosed
    return "<example>" + sep.join(parts) + close


@st.composite
def description_text(draw: st.DrawFn) -> str:
    text = draw(st.one_of(words, prose))
    for _ in range(draw(st.integers(0, 3))):
        text += " Examples: " + draw(example_block())
    return text


def _scalar(draw: st.DrawFn, text: str) -> str:
    """``text`` as a YAML value in a drawn style (possibly one strict YAML rejects)."""
    style = draw(st.sampled_from(["plain", "single", "double", "literal", "folded"]))
    if "\n" in text and style in ("plain", "single", "double"):
        style = "literal"
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style in ("literal", "folded"):
        indicator = "|" if style == "literal" else ">"
        chomp = draw(st.sampled_from(["", "-", "+"]))
        return indicator + chomp + "\n" + "\n".join("  " + line if line else "" for line in text.split("\n"))
    return text  # plain: ": " or a leading special character makes strict YAML reject it


@st.composite
def field_line(draw: st.DrawFn, key: str) -> str:
    if key in ("tools", "disallowedTools", "allowed-tools", "allowedTools", "tags"):
        tools = draw(st.lists(st.sampled_from(_TOOLS), min_size=0, max_size=5))
        form = draw(st.sampled_from(["comma", "flow", "block"]))
        if form == "comma":
            return f"{key}: {', '.join(tools)}"
        if form == "flow":
            return f"{key}: [{', '.join(tools)}]"
        return f"{key}:" + "".join(f"\n{draw(st.sampled_from(['  ', '', chr(9)]))}- {t}" for t in tools)
    if key == "description":
        return f"{key}: {_scalar(draw, draw(description_text()))}"
    if key == "name":
        return f"{key}: {draw(st.sampled_from(['code-reviewer', 'Code Reviewer', 'api', 'x', 'db-migrator-2', '']))}"
    if key == "model":
        return f"{key}: {draw(st.sampled_from(['sonnet', 'opus', 'haiku', 'inherit', 'gpt-4', 'claude-sonnet-4-5', '']))}"
    if key == "color":
        return f"{key}: {draw(st.sampled_from(['red', 'blue', 'green', 'magenta', '']))}"
    if key == "maxTurns":
        return f"{key}: {draw(st.sampled_from(['5', '0', '-1', 'many', '1e3']))}"
    if key in ("hooks", "mcpServers"):
        return f"{key}:\n  {draw(st.sampled_from(['PreToolUse', 'github', 'a']))}:\n    command: {draw(words)}"
    return f"{key}: {_scalar(draw, draw(st.one_of(words, prose)))}"


@st.composite
def frontmatter_text(draw: st.DrawFn) -> str:
    keys = draw(st.lists(st.sampled_from(_KEYS), max_size=8))
    if draw(st.integers(0, 9)):  # usually a valid agent's required fields, first
        keys = ["name", "description", *keys]
    lines = [draw(field_line(k)) for k in keys]
    if draw(st.integers(0, 19)) == 0:
        lines.append(draw(st.sampled_from(["# a comment", "", "  ", "---x", "key without colon"])))
    close = draw(st.sampled_from(["---"] * 12 + ["-----", "--- ", ""]))
    return "---\n" + "\n".join(lines) + ("\n" + close if close else "") + "\n"


@st.composite
def body_text(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["heading", "list", "para", "fence", "table", "blank"]))
        if kind == "heading":
            blocks.append("#" * draw(st.integers(1, 4)) + " " + draw(words))
        elif kind == "list":
            blocks.append("\n".join(f"{draw(st.sampled_from(['-', '*', '1.']))} {draw(prose)}" for _ in range(draw(st.integers(1, 4)))))
        elif kind == "para":
            blocks.append(draw(prose))
        elif kind == "fence":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            closed = draw(st.integers(0, 4)) > 0
            blocks.append(f"{fence}{draw(st.sampled_from(['', 'python', 'yaml']))}\n{draw(prose)}" + (f"\n{fence}" if closed else ""))
        elif kind == "table":
            blocks.append("| a | b |\n|---|---|\n" + "\n".join(f"| {draw(words)} | {draw(words)} |" for _ in range(draw(st.integers(1, 3)))))
        else:
            blocks.append("")
    return "\n\n".join(blocks) + ("\n" if blocks else "")


@st.composite
def agent_text(draw: st.DrawFn) -> str:
    """The text of an agent file, with LF or CRLF line endings."""
    text = draw(frontmatter_text()) + "\n" + draw(body_text())
    if draw(st.integers(0, 3)) == 0:
        text = text.replace("\n", "\r\n")
    return text


@st.composite
def agent_bytes(draw: st.DrawFn) -> bytes:
    """An agent file's bytes: UTF-8, sometimes with a BOM, sometimes UTF-16."""
    text = draw(agent_text())
    encoding = draw(st.sampled_from(["utf-8"] * 6 + ["utf-8-bom", "utf-16"]))
    if encoding == "utf-8-bom":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode("utf-8")
