"""AK4xx: checks across the files given together."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Diagnostic, Related, Severity
from ..document import AgentDocument
from .base import Context, rule


@rule("AK401", "duplicate-name", Severity.ERROR, "duplicate", scope="project")
def duplicate_name(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """The same `name` in several of the files checked together.

    ## What it does
    Reports each file whose `name` another checked file also uses, listing the
    others as related locations.

    ## Why is this bad?
    Claude Code loads only one agent per name, picked by the order it reads
    files in — which is undocumented. Variants of one agent must be merged or
    renamed.
    """
    name = doc.name
    if name is None:
        return
    others = [d for d in ctx.by_name.get(name, ()) if d is not doc]
    if not others:
        return
    f = doc.frontmatter.fields["name"]
    related = []
    for other in others:
        of = other.frontmatter.fields["name"]
        pos = other.span(of.value_start)
        related.append(Related(other.path, pos.line, pos.column, f"also named `{name}`"))
    n = len(others)
    yield duplicate_name.report(
        doc,
        f.value_start,
        f.value_end,
        f"`{name}` is also the name of {n} other file{'s' if n != 1 else ''}; Claude Code loads only one of them",
        related=tuple(related),
    )
