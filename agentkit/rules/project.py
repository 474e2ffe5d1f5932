"""AK4xx: checks across the files given together.

Project rules see a :class:`Summary` of each file (small and picklable), never
the documents, so files can be read and checked in parallel.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Summary, rule


@rule("AK401", "duplicate-name", Severity.ERROR, "duplicate", project=True)
def duplicate_name(summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
    """The same `name` in several of the files checked together.

    ## What it does
    Reports each file whose `name` another checked file also uses, listing the
    others as related locations.

    ## Why is this bad?
    Claude Code loads only one agent per name, picked by the order it reads
    files in — which is undocumented. Variants of one agent must be merged or
    renamed.
    """
    by_name: dict[str, list[Summary]] = {}
    for s in summaries:
        if s.name is not None and s.name_span is not None:
            by_name.setdefault(s.name, []).append(s)
    for name, group in by_name.items():
        if len(group) < 2:
            continue
        for s in group:
            others = [o for o in group if o is not s]
            related = tuple(Related(o.path, o.name_span.line, o.name_span.column, f"also named `{name}`") for o in others)  # type: ignore[union-attr]
            n = len(others)
            yield duplicate_name.diagnostic(
                s.path,
                s.name_span,  # type: ignore[arg-type]
                f"`{name}` is also the name of {n} other file{'s' if n != 1 else ''}; Claude Code loads only one of them",
                related=related,
            )
