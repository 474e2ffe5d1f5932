"""`agentkit conflicts`: conflicts grouped by topic, as text or JSON (pure functions)."""

from __future__ import annotations

from typing import Any, Sequence

from ..conflicts.engine import quote
from ..conflicts.model import Conflict, Directive

VERSION = 1


def _order(conflicts: Sequence[Conflict]) -> list[Conflict]:
    return sorted(conflicts, key=lambda c: (c.topic.lower(), c.kind, c.sides[0].path, c.sides[0].start, c.id))


def _side(d: Directive) -> dict[str, Any]:
    return {
        "path": d.path, "line": d.span.line, "column": d.span.column, "end_line": d.span.end_line, "end_column": d.span.end_column,
        "source": d.source, "kind": d.kind, "text": d.text, "section": list(d.section),
    }  # fmt: skip


def payload(conflicts: Sequence[Conflict], files: int) -> dict[str, Any]:
    items = _order(conflicts)
    by_kind: dict[str, int] = {}
    for c in items:
        by_kind[c.kind] = by_kind.get(c.kind, 0) + 1
    return {
        "version": VERSION,
        "conflicts": [
            {"id": c.id, "kind": c.kind, "code": c.code, "severity": c.severity.value, "topic": c.topic, "message": c.message, "sides": [_side(d) for d in c.sides]}
            for c in items
        ],
        "summary": {"files": files, "conflicts": len(items), "by_kind": dict(sorted(by_kind.items()))},
    }


def text_lines(conflicts: Sequence[Conflict], files: int) -> list[str]:
    lines: list[str] = []
    topic = None
    for c in _order(conflicts):
        if c.topic != topic:
            topic = c.topic
            if lines:
                lines.append("")
            lines.append(f"{topic}")
        lines.append(f"  {c.kind} {c.code} {c.severity.value} {c.id}")
        for d in c.sides:
            lines.append(f"    {d.path}:{d.span.line}:{d.span.column}: \"{quote(d.text)}\"")
    n = len(conflicts)
    if lines:
        lines.append("")
    lines.append(f"{n} conflict{'s' if n != 1 else ''} in {files} file{'s' if files != 1 else ''}")
    return lines
