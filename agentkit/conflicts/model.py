"""The typed objects of conflict detection: values, frames, directives, conflicts."""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity, Span

# Each kind of conflict: its rule code and severity.
CODES = {
    "polarity": ("AK501", Severity.WARNING),
    "value": ("AK502", Severity.WARNING),
    "enum": ("AK503", Severity.WARNING),
    "target": ("AK504", Severity.INFO),
    "conditional": ("AK505", Severity.INFO),
    "tool": ("AK506", Severity.WARNING),
    "frontmatter": ("AK507", Severity.WARNING),
    "duplicate": ("AK508", Severity.INFO),
}


@dataclass(frozen=True, slots=True)
class Value:
    """A typed value a directive prescribes."""

    slot: str  # "status" | "quantity" | "enum"
    role: str  # what it is about: "validation_error", "test_coverage", "package_manager"
    text: str  # as written
    member: str | None = None  # enum member or status code ("pnpm", "422")
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    unit: str | None = None
    qualifiers: tuple[str, ...] = ()  # words before the head of the quantity's noun phrase ("default page" size)
    attached: bool = False  # the number follows the noun phrase that names its quantity ("page size is 50")

    def interval(self) -> str:
        """The interval in mathematical notation, e.g. ``[80, +inf)``."""
        lo = "(-inf" if self.low is None else ("[" if self.low_inclusive else "(") + _num(self.low)
        hi = "+inf)" if self.high is None else _num(self.high) + ("]" if self.high_inclusive else ")")
        return f"{lo}, {hi}"


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


@dataclass(frozen=True, slots=True)
class Frame:
    """What a directive says: polarity, strength, action, objects, condition, values."""

    polarity: str | None  # "require" | "prohibit" | "permit" | None (not an instruction)
    strength: str | None  # "must" | "should" | "may" | "must_not" | "never" | "avoid" | "prefer" | "only" …
    action: str | None  # lemma
    objects: tuple[str, ...]  # lemmas; code spans, file names, paths and identifiers kept exact
    condition: str | None  # when/if/unless/only/except/for X/in production …
    values: tuple[Value, ...]
    key: str  # normalised topic key (grouping and ids)
    groups: tuple[tuple[str, ...], ...] = ()  # the objects as alternatives ("passwords or tokens")
    label: tuple[str, ...] = ()  # words of a leading bold label ("**Testing**: …")
    scope: tuple[str, ...] = ()  # words after in/for/on: the scope the rule applies to
    np: tuple[str, ...] = ()  # the object's first noun phrase, head last ("failed model call" → fail, model, call)
    restrict: tuple[str, ...] = ()  # words of a purpose or relative clause that narrows the rule ("… to catch X", "… that adds Y")


@dataclass(frozen=True, slots=True)
class Directive:
    """One instruction-bearing piece of an agent file."""

    path: str
    source: str  # "body" | "description" | "frontmatter"
    kind: str  # "list_item" | "step" | "checklist" | "table_row" | "table_cell" (a Do/Don't column) | "sentence" | "field"
    text: str  # the directive's own words, whitespace collapsed
    context: str  # inherited lead-in ("Never:", the parent item), "" if none
    section: tuple[str, ...]  # heading path
    start: int  # file offsets
    end: int
    span: Span
    frame: Frame


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two or more directives that cannot all be followed (or, for duplicates, say the same)."""

    id: str  # stable: from the normalised frames, never from line numbers
    kind: str  # "polarity" | "value" | "target" | "enum" | "conditional" | "tool" | "frontmatter" | "duplicate"
    code: str  # its AK5xx rule code
    severity: Severity
    topic: str  # the shared key, human readable
    sides: tuple[Directive, ...]  # >= 2, primary first
    message: str
