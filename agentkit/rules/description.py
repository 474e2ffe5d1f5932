"""AK2xx: the description and its ``<example>`` blocks."""

from __future__ import annotations

import re
from typing import Iterator

import yaml

from .. import schema, yamlread
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from ..document import AgentDocument
from ..examples import mentions, normalise
from .base import Context, declare, rule

E, W = Severity.ERROR, Severity.WARNING

_LITERAL_NEWLINE = re.compile(r"\\\\n|\\n")


@rule("AK201", "literal-newline", W, "examples", fixable=True)
def literal_newline(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Literal `\\n` sequences in the description instead of line breaks.

    ## What it does
    Finds `\\n` written as two characters in a plain, single-quoted or block
    value, or as `\\\\n` inside double quotes — the form the `/agents` generator
    writes.

    ## Why is this bad?
    Claude Code replaces each literal `\\n` in `description` by a line break
    after parsing, so the agent works. Every other reader — PyYAML,
    python-frontmatter, the Agent SDK, exporters to other tools — keeps a
    backslash and an `n`, and the one-line `<example>` blocks are hard to read
    or edit.

    ## Use instead
    A literal block scalar with real line breaks (`description: |-`).

    ## Fix safety
    Safe: the fix writes the text Claude Code already reads (each `\\n`
    becomes a line break, nothing else changes), and is offered only when strict
    YAML then reads exactly that text.
    """
    f = doc.frontmatter.fields.get("description")
    if f is None or not isinstance(f.value, str) or "\\n" not in f.value:
        return
    raw = doc.text[f.value_start : f.value_end]
    m = _LITERAL_NEWLINE.search(raw)
    start = f.value_start + (m.start() if m else 0)
    count = f.value.count("\\n")
    yield literal_newline.report(
        doc,
        start,
        start + (len(m.group()) if m else 0),
        f"the description holds {count} literal `\\n` sequence{'s' if count != 1 else ''}: Claude Code turns them into line breaks, "
        "other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`",
        _newline_fix(doc, f),
    )


def value_region(doc: AgentDocument, f) -> int:  # type: ignore[no-untyped-def]
    """Where a field's value begins as written: its block indicator (`|-`) or opening quote included."""
    if f.style in ("|", ">"):
        colon = doc.text.find(":", f.key_end)
        pos = colon + 1
        while doc.text[pos] in " \t":
            pos += 1
        return pos
    return f.value_start


def _newline_fix(doc: AgentDocument, f) -> Fix | None:  # type: ignore[no-untyped-def]
    # Exactly what Claude Code reads: every literal backslash-n becomes a line break, nothing else.
    text = f.value.replace("\\n", "\n")
    if "\r" in text or text != text.strip("\n"):
        return None  # a block scalar would not keep these exactly
    lines = text.split("\n")
    newline = doc.source.newline()
    first = next((line for line in lines if line.strip()), "")
    indicator = "|2-" if first.startswith(" ") else "|-"
    block = indicator + "".join(newline + ("  " + line if line else "") for line in lines)
    start, end = value_region(doc, f), f.value_end
    while end > start and doc.text[end - 1] in "\r\n":  # a block scalar's span ends after its line break
        end -= 1
    fm = doc.frontmatter
    candidate = doc.text[fm.start : start] + block + doc.text[end : fm.end]
    try:
        parsed = yamlread.parse(candidate)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    if not isinstance(parsed, dict) or parsed.get("description") != text:
        return None
    return Fix("Rewrite the description as a block scalar with the line breaks Claude Code reads", (Edit(start, end, block),))


@rule("AK202", "example-tags", W, "examples")
def example_tags(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Unbalanced `<example>` or `<commentary>` tags.

    ## Why is this bad?
    An unclosed `<example>` swallows the rest of the description; a stray
    closing tag usually means an example was cut in two. Claude Code passes the
    description to the model as written, so the agent loads, but the examples
    the model learns from are garbled and example-aware tools misread them.
    """
    for p in doc.example_problems:
        yield example_tags.report(doc, p.offset, p.offset + len(p.tag), p.message)


declare("AK203", "example-incomplete", W, "examples", """An `<example>` block missing a part.

    ## What it does
    Validates each example against `schema/example.schema.json`: a user turn and
    at least one assistant turn (the plugin-dev profile also requires a
    `Context:` and a `<commentary>`).

    ## Why is this bad?
    Claude learns when to delegate from these examples; one without a user
    request or without the assistant's reaction teaches nothing.
    """)


def example_schema_pass(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    from .base import REGISTRY

    r = REGISTRY["AK203"]
    for number, ex in enumerate(doc.examples, 1):
        for finding in schema.validate_example(ex.as_instance(), ctx.profile):
            yield r.report(doc, ex.start, ex.start + len("<example>"), f"example {number}: {finding.message}")


@rule("AK204", "example-not-invoking", W, "examples")
def example_not_invoking(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """An example whose assistant turns never name this agent.

    ## Why is this bad?
    The examples teach Claude to launch *this* agent; an assistant turn that
    names no agent (or another one) teaches the wrong dispatch — often a sign
    of an example copied from another agent.

    ## Use instead
    `assistant: "I'll use the backend-engineer agent to …"`
    """
    name = doc.name or doc.stem
    for number, ex in enumerate(doc.examples, 1):
        if ex.assistant and not any(mentions(turn, name) for turn in ex.assistant):
            yield example_not_invoking.report(doc, ex.start, ex.start + len("<example>"), f"example {number}: no assistant turn names or launches `{name}`")


@rule("AK205", "example-stray-text", W, "examples")
def example_stray_text(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Text inside an `<example>` that belongs to no part.

    ## What it does
    Reports text inside `<example>…</example>` before the first `Context:`,
    `user:` or `assistant:` marker.

    ## Why is this bad?
    Readers of the example (people, tools, exporters) cannot tell what it is;
    usually a marker is missing or misspelled.
    """
    for number, ex in enumerate(doc.examples, 1):
        if ex.stray:
            shown = ex.stray if len(ex.stray) <= 40 else ex.stray[:37] + "..."
            yield example_stray_text.report(doc, ex.start, ex.start + len("<example>"), f"example {number}: text outside any part: {shown!r}")


@rule("AK206", "example-count", W, "examples", profiles=("plugin-dev",))
def example_count(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Fewer than 2 or more than 4 examples (plugin-dev profile).

    ## Why is this bad?
    plugin-dev's guidance asks for 2–4 examples: one is too few to show when to
    delegate, more cost tokens in every session.
    """
    f = doc.frontmatter.fields.get("description")
    if f is None:
        return
    n = len(doc.examples)
    if not 2 <= n <= 4:
        yield example_count.report(doc, f.value_start, f.value_start, f"the description has {n} example{'s' if n != 1 else ''}; plugin-dev asks for 2 to 4")


declare("AK207", "description-length", W, "schema", """A description shorter than 10 or longer than 5,000 characters (plugin-dev profile).

    ## Why is this bad?
    The description is loaded into the main agent's context in every session: too
    short and Claude cannot tell when to delegate, too long and it costs tokens
    every time.
    """, profiles=("plugin-dev",))
