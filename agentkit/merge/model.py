"""The objects a merge works with: conflicts, their sides and decisions, the result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .units import MUnit

ABSENT = object()  # a frontmatter key a variant does not set


class MergeError(Exception):
    """Bad input or options: the CLI exits 2 with this message."""


@dataclass(eq=False)
class Choice:
    """One side of a conflict: what one input says."""

    doc: int
    path: str
    line: int
    text: str  # the quote shown to a person
    start: int = 0  # file offsets of the directive (body sides)
    end: int = 0
    unit: MUnit | None = None  # body sides: the unit holding the directive
    value: Any = ABSENT  # frontmatter sides: the value (ABSENT when the key is not set)
    others: list[tuple[int, str, int]] = field(default_factory=list)  # (doc, path, line) of inputs saying the same

    def where(self) -> str:
        return f"{self.path}:{self.line}"

    def shown(self) -> str:
        """``path:line``, with the other inputs that say the same."""
        if not self.others:
            return self.where()
        return f"{self.where()} (also {', '.join(f'{p}:{n}' for _, p, n in self.others)})"

    @property
    def docs(self) -> list[int]:
        return [self.doc] + [d for d, _, _ in self.others]


@dataclass(eq=False)
class Decision:
    how: str  # "prefer" | "resolution" | "markers"
    keep: tuple[int, ...] = ()  # indexes of the sides kept
    text: str | None = None  # custom text written in a resolution
    by: str = ""  # the preferred file, or the resolutions file


@dataclass(eq=False)
class Conflict:
    id: str
    kind: str
    message: str
    sides: list[Choice]
    key: str | None = None  # the frontmatter key, None for the body
    decision: Decision | None = None

    @property
    def decided(self) -> bool:
        return self.decision is not None and self.decision.how != "markers"


@dataclass
class MergeResult:
    """What ``agentkit.merge`` produced.

    ``text`` is the merged agent, or None when conflicts are left open (then
    ``open`` lists them). With markers, ``text`` holds conflict markers and
    ``open`` is not empty either.
    """

    name: str
    inputs: list[str]
    text: str | None
    conflicts: list[Conflict]
    open: list[Conflict]
    report: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    carried: list[dict[str, Any]] = field(default_factory=list)  # conflicts inside one input, kept as they were

    @property
    def exit_code(self) -> int:
        return 1 if self.open else 0

    def summary(self) -> str:
        s = self.report.get("summary", {})
        line = f"{s.get('units_in', 0)} units in, {s.get('kept', 0)} kept, {s.get('duplicates', 0)} duplicates, {s.get('conflicts_decided', 0)} conflicts decided"
        if s.get("omitted"):
            line += f", {s['omitted']} omitted"
        if self.open:
            line += f", {len(self.open)} open"
        return line
