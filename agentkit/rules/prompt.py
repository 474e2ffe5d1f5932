"""AK3xx: the body (the agent's system prompt)."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Severity
from ..document import AgentDocument
from .base import Context, rule

W = Severity.WARNING


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
