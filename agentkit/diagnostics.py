"""What a check reports: spans, edits, fixes and diagnostics (all immutable)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Applicability(str, Enum):
    SAFE = "safe"  # keeps the meaning Claude Code reads; applied by --fix
    UNSAFE = "unsafe"  # changes what the agent says; applied by --unsafe-fixes only


def by_fields(self: object) -> tuple:
    """``__reduce__`` of a slotted dataclass: pickle it as its class and field values,
    so unpickling calls the constructor (dataclasses' own ``__setstate__`` looks the
    fields up again for every object: cached runs and worker results load faster)."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Span:
    """1-based start and exclusive end position, plus the text offsets."""

    __reduce__ = by_fields

    line: int
    column: int
    end_line: int
    end_column: int
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` of the original file with ``content``."""

    __reduce__ = by_fields

    start: int
    end: int
    content: str
    span: Span | None = None  # the same place as lines and columns, once known


@dataclass(frozen=True, slots=True)
class Fix:
    __reduce__ = by_fields

    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


@dataclass(frozen=True, slots=True)
class Related:
    __reduce__ = by_fields

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    __reduce__ = by_fields

    path: str
    span: Span
    code: str
    name: str
    severity: Severity
    category: str
    message: str
    fix: Fix | None = None
    related: tuple[Related, ...] = field(default=())
    id: str | None = None  # a stable identity (conflicts: from the normalised rules, never line numbers)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Apply non-overlapping edits to ``text``; overlapping later edits are skipped."""
    out: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos:
            continue
        out.append(text[pos : edit.start])
        out.append(edit.content)
        pos = edit.end
    out.append(text[pos:])
    return "".join(out)
