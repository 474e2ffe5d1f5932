"""AK2xx: the description and its ``<example>`` blocks."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .. import schema
from ..diagnostics import Diagnostic, Edit, Fix, Severity
from .base import Context, declare, rule

if TYPE_CHECKING:
    from ..document import AgentDocument

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

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
    import yaml
    from .. import yamlread
    from ..document import load_text

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
    # A frontmatter only Claude Code's lenient reader accepts may become strict YAML here,
    # and strict YAML reads its other values differently ("permissionMode: |" and an
    # indented line): then the fix would change them.
    after = load_text(doc.text[:start] + block + doc.text[end:], doc.path).frontmatter.data
    if {k: v for k, v in after.items() if k != "description"} != {k: v for k, v in fm.data.items() if k != "description"}:
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
    from ..examples import mentions

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


_COUNT_SCHEMA = {
    "type": "object",
    "properties": {"min": {"type": "integer", "minimum": 0}, "max": {"type": "integer", "minimum": 0}},
    "additionalProperties": False,
}


@rule("AK206", "example-count", W, "examples", options={"min": None, "max": None}, options_schema=_COUNT_SCHEMA)
def example_count(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Fewer or more `<example>` blocks than the team's policy allows.

    ## What it does
    Counts the examples in the description against a policy: options `min` and
    `max` (for instance `max = 0` for teams that forbid examples, `min = 2` for
    teams that require them). Without options, the plugin-dev profile asks for
    2 to 4 and the other profiles set no limit.

    ## Why is this bad?
    Claude learns when to delegate from these examples, but they are loaded
    into every session: one is too few to show the boundaries of the agent,
    many cost tokens all the time.
    """
    f = doc.frontmatter.fields.get("description")
    if f is None:
        return
    low, high = example_count.option(ctx, "min"), example_count.option(ctx, "max")
    who = "the configuration"
    if low is None and high is None:
        if ctx.profile != "plugin-dev":
            return
        low, high, who = 2, 4, "plugin-dev"
    n = len(doc.examples)
    if (low is not None and n < low) or (high is not None and n > high):
        if low is not None and high is not None:
            want = f"{low} to {high}" if low != high else f"exactly {low}"
        elif low is not None:
            want = f"at least {low}"
        else:
            want = f"at most {high}" if high else "none"
        yield example_count.report(doc, f.value_start, f.value_start, f"the description has {n} example{'s' if n != 1 else ''}; {who} asks for {want}")


declare("AK207", "description-length", W, "schema", """A description shorter than 10 or longer than 5,000 characters (plugin-dev profile).

    ## Why is this bad?
    The description is loaded into the main agent's context in every session: too
    short and Claude cannot tell when to delegate, too long and it costs tokens
    every time.
    """, profiles=("plugin-dev",))


def _lead(doc: AgentDocument) -> tuple[str, int, int] | None:
    """The description without its examples: (text, file start, file end of the value)."""
    from ..examples import normalise

    f = doc.frontmatter.fields.get("description")
    if f is None or not isinstance(f.value, str) or not f.value.strip():
        return None
    text = normalise(f.value)
    cut = re.search(r"<example>|\bexamples?\s*:", text, re.IGNORECASE)
    return (text[: cut.start()] if cut else text), f.value_start, f.value_end


# Words that say when to delegate: "Use this agent when…", "Use PROACTIVELY for…",
# "Invoke after…", "MUST BE USED for…", "Triggers on…", "Ideal for…".
_WHEN = re.compile(
    r"\b(?:use[sd]?|using|when(?:ever)?|invoke[sd]?|call(?:ed)?|delegate[sd]?|proactively|trigger(?:s|ed)?|"
    r"if (?:the )?(?:user|you)|ideal for|best for|helps? (?:with|you)|responsible for|specialist (?:for|in)|expert (?:for|in)|for (?:any|all|tasks?|when))\b",
    re.IGNORECASE,
)


@rule("AK208", "description-no-trigger", W, "style", default_enabled=False)
def description_no_trigger(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A description that never says when to use the agent.

    ## What it does
    Looks in the description (its examples left out) for words that tell Claude
    when to delegate: "use this agent when…", "use proactively for…",
    "invoke after…", "triggers on…". A description with `<example>` blocks
    shows when by example and passes; descriptions in scripts without Latin
    letters are not checked. Off by default (the word list is a heuristic and
    English only): select it by its code, or `extend-select` in the
    configuration.

    ## Why is this bad?
    Claude picks a subagent from its description alone. A description that only
    says what the agent *is* ("A senior Go engineer") gives it no rule for when
    to hand work over, so the agent is used rarely or at the wrong time.

    ## Example
    `description: Senior Go engineer with ten years of experience.`

    ## Use instead
    `description: Use this agent when Go code needs writing or reviewing, especially concurrency and performance work.`
    """
    lead = _lead(doc)
    if lead is None:
        return
    text, start, end = lead
    letters = [c for c in text if c.isalpha()]
    latin = sum(1 for c in letters if c.isascii())
    if len(letters) < 10 or latin * 10 < len(letters) * 8:
        return  # mostly another script: the word list does not apply
    if not doc.examples and not _WHEN.search(text):  # examples show when, too
        yield description_no_trigger.report(doc, start, start, "the description does not say when to use the agent (for example \"Use this agent when…\"); Claude delegates from the description alone")


@rule("AK209", "description-tokens", W, "style", options={"budget": 500})
def description_tokens(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A description that costs more tokens than the budget (default 500).

    ## What it does
    Estimates the description's tokens, examples included (about four
    characters per token; one per ideograph), and compares them with the
    option `budget`.

    ## Why is this bad?
    Every agent's description is loaded into the main session's context in
    every session, whether the agent is used or not: twenty agents with long
    examples cost tens of thousands of tokens before the first message.

    ## Use instead
    A short description that says when to use the agent; move long examples
    into the body, or keep one or two.
    """
    from ..examples import normalise
    from ..tokens import estimate

    f = doc.frontmatter.fields.get("description")
    if f is None or not isinstance(f.value, str):
        return
    budget = description_tokens.option(ctx, "budget")
    n = estimate(normalise(f.value))
    if n > budget:
        yield description_tokens.report(doc, f.value_start, f.value_start, f"the description costs about {n:,} tokens in every session (budget {budget:,})" + (f", {len(doc.examples)} example{'s' if len(doc.examples) != 1 else ''} included" if doc.examples else ""))


def _sentences(text: str) -> list[str]:
    parts = re.split(r"(?<=[.!?。])\s+|\n+", text)
    return [re.sub(r"\W+", " ", p).strip().lower() for p in parts if len(p.strip()) >= 30]


def _may_repeat(sentences: list[str], prompt: str) -> bool:
    """Could at least 80% of ``sentences`` appear in the normalised prompt? A cheap
    necessary condition: every word of such a sentence is in the lower-cased prompt
    (normalising only turns runs of non-word characters into one space, and
    lower-cases each character alike, except Greek sigma, whose form depends on
    its neighbours; words with a sigma are not looked at)."""
    low = prompt.lower()
    possible = sum(1 for s in sentences if all(w in low for w in s.split() if "σ" not in w and "ς" not in w))
    return possible * 5 >= len(sentences) * 4


@rule("AK210", "description-repeats-body", I, "style")
def description_repeats_body(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A description whose sentences the prompt body repeats.

    ## What it does
    Reports a description (examples left out) when most of its sentences (of
    30 characters or more) appear again in the body.

    ## Why is this bad?
    The description tells the main session *when* to delegate; the body tells
    the agent *how* to work. Copying one into the other pays the description's
    tokens twice and usually means neither was written for its reader.

    ## Use instead
    A description about when to use the agent; the role and method in the body.
    """
    lead = _lead(doc)
    if lead is None:
        return
    text, start, _ = lead
    sentences = _sentences(text)
    if not sentences:
        return
    if not _may_repeat(sentences, doc.prompt):
        return
    body = re.sub(r"\W+", " ", doc.prompt).lower()
    repeated = sum(1 for s in sentences if s in body)
    if repeated * 5 >= len(sentences) * 4:
        what = "the description's only sentence appears" if len(sentences) == 1 else f"{repeated} of the description's {len(sentences)} sentences appear"
        yield description_repeats_body.report(doc, start, start, f"{what} in the body too: the description says when to use the agent, the body how it works")
