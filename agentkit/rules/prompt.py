"""AK3xx: the body (the agent's system prompt)."""

from __future__ import annotations

import json
import os
import re
from typing import TYPE_CHECKING, Iterator

from ..diagnostics import Diagnostic, Severity
from .base import Context, rule

if TYPE_CHECKING:
    from ..document import AgentDocument

W, I = Severity.WARNING, Severity.INFO


@rule("AK301", "unclosed-code-fence", W, "body")
def unclosed_code_fence(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A code fence (```` ``` ```` or `~~~`) that is never closed.

    ## Why is this bad?
    Everything after it — headings, rules, instructions — becomes part of one
    code block: the model reads the rest of the prompt as sample code, and every
    Markdown tool shows it that way.
    """
    for fence in doc.fences:
        if not fence.closed:
            hint = "" if fence.info else " (if it was meant to close a block, a fence nested inside that block closed it early: give the outer block a longer fence)"
            yield unclosed_code_fence.report(doc, fence.start, fence.start + len(fence.marker), f"code fence `{fence.marker}` is never closed: the rest of the prompt reads as code{hint}")


@rule("AK302", "body-length", W, "body", profiles=("plugin-dev",))
def body_length(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A prompt shorter than 20 or longer than 10,000 characters (plugin-dev profile).

    ## Why is this bad?
    A near-empty prompt gives the agent nothing to work from; a very long one
    dilutes its instructions and costs tokens on every launch.
    """
    if not doc.frontmatter.present:
        return
    n = len(doc.prompt.strip())
    if not 20 <= n <= 10_000:
        start = doc.body_start
        yield body_length.report(doc, start, start, f"the prompt has {n:,} characters; plugin-dev asks for 20 to 10,000")


_WORD = re.compile(r"\w+")


@rule("AK303", "body-empty", W, "body")
def body_empty(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A prompt body that is empty or says next to nothing.

    ## What it does
    Reports a body that is empty, holds only headings, or a single word of
    prose (`TODO`) once headings and Markdown punctuation are set aside.

    ## Why is this bad?
    The body is the agent's whole system prompt: without it the agent knows
    only the task it is handed, not its role, method or limits.

    ## Use instead
    A few paragraphs: the role, how to work, what to return.
    """
    if not doc.frontmatter.present or not doc.frontmatter.closed:
        return
    words = 0
    for u in doc.body:
        if u.kind == "code":
            return  # a code block is content
        if u.kind != "heading":
            m = _WORD.search(u.text)
            while m is not None:
                words += 1
                if words > 1:
                    return
                m = _WORD.search(u.text, m.end())
    start = doc.body_start
    what = "empty" if not doc.prompt.strip() else "only headings" if not words else f"only {words} word{'s' if words != 1 else ''} long"
    yield body_empty.report(doc, start, start, f"the prompt body is {what}: it is the agent's whole system prompt" if what != "only headings" else "the prompt body holds only headings: it is the agent's whole system prompt")


@rule("AK304", "body-tokens", W, "body", options={"budget": 8000})
def body_tokens(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A prompt body that costs more tokens than the budget (default 8,000).

    ## What it does
    Estimates the body's tokens (about four characters per token; one per
    ideograph) and compares them with the option `budget`.

    ## Why is this bad?
    The body is sent on every launch of the agent and stays in its context for
    the whole task; very long prompts dilute their own instructions.

    ## Use instead
    Move reference material into files the agent reads when it needs them.
    """
    from ..tokens import estimate

    if not doc.frontmatter.present:
        return
    budget = body_tokens.option(ctx, "budget")
    n = estimate(doc.prompt)
    if n > budget:
        start = doc.body_start
        yield body_tokens.report(doc, start, start, f"the prompt body costs about {n:,} tokens on every launch (budget {budget:,})")


@rule("AK305", "heading-structure", I, "body")
def heading_structure(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Headings that skip a level, or several top-level (`#`) headings.

    ## What it does
    Reports a heading more than one level below the one before it (`#` then
    `###`), and each `#` heading after the first.

    ## Why is this bad?
    Models read the heading outline as the structure of the instructions: a
    skipped level or a second title makes it unclear which rules belong
    together. Markdown tools (outlines, linters, exporters) read it the same way.

    ## Use instead
    One `#` title, then `##` sections and `###` subsections.
    """
    previous = 0
    h1 = None
    for u in doc.body:
        if u.kind != "heading":
            continue
        if u.level == 1:
            if h1 is not None:
                line = doc.span(h1.start).line
                yield heading_structure.report(doc, u.start, u.end, f"a second top-level heading (the first is on line {line}); use `##` for sections")
            h1 = h1 or u
        elif previous and u.level > previous + 1:
            yield heading_structure.report(doc, u.start, u.end, f"heading level {u.level} follows level {previous}: level {previous + 1} is skipped")
        previous = u.level


# A project path in backticks, or after `@`: folders and a file name with an extension.
_PATH = re.compile(r"(?:`|(?<![\w/.@-])@)(\.?[A-Za-z0-9_-][\w.-]*(?:/[\w.-]+)+)`?")
_PATH_EXT = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,5}$")


def project_root(doc: AgentDocument, ctx: Context) -> str | None:
    """The project folder paths in the prompt are relative to: the configuration's
    folder, or the folder that holds `.claude/` for an agent in `.claude/agents/`."""
    if ctx.root:
        return ctx.root
    parts = os.path.abspath(doc.path).split(os.sep)
    for i in range(len(parts) - 2, 0, -1):
        if parts[i] == "agents" and parts[i - 1] == ".claude":
            return os.sep.join(parts[: i - 1]) or os.sep
    return None


@rule("AK306", "missing-path", I, "body")
def missing_path(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A project path in the prompt that does not exist.

    ## What it does
    When the project root is known (the folder of the configuration file, or
    the folder holding `.claude/` for an agent in `.claude/agents/`), checks
    paths written in backticks or after `@` (`docs/api.md`, `@specs/plan.md`,
    `.specify/memory/constitution.md`) against the files there.

    ## Why is this bad?
    The agent is told to read or follow a file that is not there: it wastes
    turns looking for it, or invents its contents.

    ## Use instead
    Fix the path, or remove the reference.
    """
    root = project_root(doc, ctx)
    if root is None or not doc.frontmatter.present:
        return
    text = doc.text
    for m in _PATH.finditer(text, doc.body_start):
        path = m.group(1).rstrip(".")
        if not _PATH_EXT.search(path) and not path.startswith("."):
            continue  # `a/b` without an extension is too often not a path
        if any(c in path for c in "<>{}*$~") or "://" in text[max(0, m.start() - 10) : m.end()]:
            continue
        if not ctx.exists(os.path.join(root, path)):
            yield missing_path.report(doc, m.start(1), m.start(1) + len(path), f"`{path}` does not exist under the project root {root}")


def _parses_as_function_body(code: str) -> bool:
    import textwrap

    try:
        compile("async def _():\n" + textwrap.indent(code, "    ") + "\n    pass\n", "<block>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return False
    return True


_PARSED = frozenset({"python", "py", "python3", "json", "yaml", "yml"})
_VERDICTS: dict[tuple[str, bytes], str | None] = {}  # (language, hash of the block) -> problem: variants repeat blocks
_VERDICTS_MAX = 4096


def _block_problem(lang: str, code: str) -> str | None:
    """:func:`_code_problem` of a block, remembered by a hash of its text."""
    from ..cache import blake2b

    key = (lang, blake2b(code.encode("utf-8", "surrogatepass"), digest_size=16).digest())
    if key in _VERDICTS:
        return _VERDICTS[key]
    if len(_VERDICTS) >= _VERDICTS_MAX:
        _VERDICTS.clear()
    problem = _VERDICTS[key] = _code_problem(lang, code)
    return problem


def _code_problem(info: str, code: str) -> str | None:
    import yaml

    lang = info.split()[0].lower() if info.split() else ""
    if lang in ("python", "py", "python3"):
        try:
            compile(code, "<block>", "exec", dont_inherit=True)
        except SyntaxError as exc:
            if "outside" in (exc.msg or "") and _parses_as_function_body(code):
                return None  # an excerpt of a function (`return`, `await`, `yield` at the top): fine as a sample
            return f"line {exc.lineno}: {exc.msg}"
        except (ValueError, MemoryError, RecursionError) as exc:
            return str(exc)
    elif lang == "json":
        try:
            json.loads(code)
        except ValueError as exc:
            return str(exc)
    elif lang in ("yaml", "yml"):
        try:
            for _ in yaml.safe_load_all(code):
                pass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}: " if mark is not None else ""
            return where + str(getattr(exc, "problem", None) or exc).strip()
        except (RecursionError, ValueError):
            return "unreadable"
    return None


@rule("AK307", "code-block-invalid", W, "body")
def code_block_invalid(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A fenced `python`, `json` or `yaml` block that does not parse.

    ## What it does
    Parses each closed code block labelled `python`, `json` or `yaml` (`py`,
    `yml`) with the language's own parser.

    ## Why is this bad?
    The agent imitates the examples in its prompt: a broken sample teaches it
    to write broken code, configuration or output. Placeholders such as `...`
    inside JSON are a common cause — use a valid value, or label the block
    `text`.
    """
    import textwrap

    for u in doc.body:
        if u.kind != "code" or not u.closed or not u.info:
            continue
        if len(u.text) > 100_000:
            continue
        lang = u.info.split()[0].lower()
        if lang not in _PARSED:
            continue
        problem = _block_problem(lang, textwrap.dedent(u.text))  # a block inside a list item is indented
        if problem is not None:
            lang = u.info.split()[0]
            yield code_block_invalid.report(doc, u.start, u.start + 3, f"this `{lang}` block does not parse ({problem}); the agent will imitate it")
