"""AK4xx: checks across the files given together.

Project rules see a :class:`Summary` of each file (small and picklable), never
the documents, so files can be read and checked in parallel.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostics import Diagnostic, Related, Severity
from .base import Summary, rule


RELATED_CAP = 10  # related locations listed per finding: the report grows linearly with the group


@rule("AK401", "duplicate-name", Severity.ERROR, "duplicate", project=True)
def duplicate_name(summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
    """Several files that Claude Code would register under the same name.

    ## What it does
    Reports each file whose registered name another checked file in the same
    scope also has, listing up to 10 of the others as related locations.
    Plugin agents are namespaced (`plugin:name`, `plugin:sub:name`), so agents
    of two plugins never clash, nor a plugin agent with a project agent. The
    other scopes: a project's `.claude/agents/`, and the files of one git
    repository (or, outside any, all the files checked together).

    ## Why is this bad?
    Claude Code loads only one agent per name, picked by the order it reads
    files in — which is undocumented. Variants of one agent must be merged or
    renamed.
    """
    groups: dict[tuple[str, str], list[Summary]] = {}
    for s in summaries:
        if s.name is not None and s.name_span is not None:
            groups.setdefault((s.scope, s.registered or s.name), []).append(s)
    for (_, registered), group in groups.items():
        if len(group) < 2:
            continue
        n = len(group) - 1
        for s in group:
            others = [o for o in group if o is not s][:RELATED_CAP]
            related = tuple(Related(o.path, o.name_span.line, o.name_span.column, f"also named `{registered}`") for o in others)  # type: ignore[union-attr]
            more = f" ({RELATED_CAP} listed)" if n > RELATED_CAP else ""
            yield duplicate_name.diagnostic(
                s.path,
                s.name_span,  # type: ignore[arg-type]
                f"`{registered}` is also the name of {n} other file{'s' if n != 1 else ''}{more}; Claude Code loads only one of them",
                related=related,
            )
