"""The library entry point: conflicts among documents."""

from __future__ import annotations

from typing import Sequence

from ..document import AgentDocument
from .engine import across, public, within
from .extract import Piece
from .extract import pieces as _pieces
from .model import Conflict, Directive

_CACHE = "_agentkit_pieces"


def pieces(doc: AgentDocument) -> list[Piece]:
    """The directives of ``doc`` with lazily read frames (computed once per document)."""
    cached = doc.__dict__.get(_CACHE)
    if cached is None:
        cached = _pieces(doc)
        doc.__dict__[_CACHE] = cached
    return cached


def directives(doc: AgentDocument) -> list[Directive]:
    """Every directive of ``doc``, with its frame."""
    return [p.directive() for p in pieces(doc)]


def conflicts(docs: Sequence[AgentDocument]) -> list[Conflict]:
    """Conflicts inside each document, and across documents that share one `name`."""
    out: list[Conflict] = []
    by_name: dict[str, list[list[Piece]]] = {}
    for doc in docs:
        ds = pieces(doc)
        out.extend(within(ds))
        if doc.name is not None:
            by_name.setdefault(doc.name, []).append(ds)
    for name in sorted(by_name):
        out.extend(across(by_name[name]))
    out.sort(key=lambda c: (c.sides[0].path, c.sides[0].start, c.code, c.id))
    return [public(c) for c in out]
