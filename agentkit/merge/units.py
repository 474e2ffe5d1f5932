"""An agent body as merge units in a section tree, and how units are compared.

A merge unit is what a person would move as one piece: a paragraph, a list
item with its nested items (and indented blocks under it), a code block, a
table row (a header row carries its delimiter line), a heading. Every unit
keeps its file, offsets and 1-based lines, so the provenance report can point
at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..body import _TABLE_DELIM, Unit
from ..document import AgentDocument

_MARKER = re.compile(r"^([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
_BARE = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?)?[ \t]*")
_CHECKBOX = re.compile(r"^\[[ xX]\][ \t]*")
_EMPHASIS = re.compile(r"[*_`~]+")
_NON_WORD = re.compile(r"[^\w%+.<>=/-]+|(?<![\w])[.<>=/-]+|[.<>=/-]+(?![\w])")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATIONS = frozenset({"not", "never", "no", "don't", "dont", "avoid", "without", "cannot", "can't", "nor", "none", "neither", "must't", "mustn't", "shouldn't", "won't"})


@dataclass(eq=False)
class MUnit:
    """One unit of one input file."""

    doc: int  # index of the input
    path: str
    kind: str  # "heading" | "paragraph" | "list_item" | "code" | "table_row"
    start: int  # file offset where the unit's first line starts
    end: int  # file offset after its last character
    line: int
    end_line: int
    title: str = ""  # headings: the title as written
    level: int = 0  # headings: 1-6
    header: bool = False  # table rows: the header row (with its delimiter line)
    cuts: list[tuple[int, int]] = field(default_factory=list)  # file offsets removed by conflict decisions
    replacements: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, text) from resolutions

    def raw(self, text: str) -> str:
        """The unit as written, line breaks as ``\\n``, after cuts and replacements."""
        edits = sorted([(s, e, "") for s, e in self.cuts] + list(self.replacements), key=lambda x: (x[0], x[1]))
        out: list[str] = []
        pos = self.start
        for s, e, new in edits:
            s, e = max(s, pos), max(e, s)
            if s > self.end:
                break
            out.append(text[pos:s])
            out.append(new)
            pos = min(max(pos, e), self.end)
            if not new:  # drop the space that separated the removed text from what follows
                while pos < self.end and text[pos] in " \t":
                    pos += 1
        out.append(text[pos : self.end])
        joined = "".join(out).replace("\r\n", "\n").replace("\r", "\n")
        if self.kind == "code":
            return joined
        lines = [line.rstrip() for line in joined.split("\n")]
        if edits:
            # A line the decisions emptied goes, with its list marker or check box.
            before = text[self.start : self.end].replace("\r\n", "\n").replace("\r", "\n").split("\n")
            same_shape = len(before) == len(lines)
            lines = [
                line
                for i, line in enumerate(lines)
                if not (_BARE.fullmatch(line) and (not same_shape or before[i].strip()) and (line.strip() or same_shape))
            ]
        return "\n".join(lines)

    def empty(self, text: str) -> bool:
        """True when conflict decisions removed everything but markup (a unit of bare "..." is not empty)."""
        return bool(self.cuts or self.replacements) and not _words(self.raw(text))


def _words(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        line = _MARKER.sub("", line, count=1).strip()
        line = _CHECKBOX.sub("", line)
        lines.append(line)
    return re.sub(r"[\W_]+", "", " ".join(lines))


def normalise(text: str, kind: str = "paragraph") -> str:
    """Text compared for duplicates: no markup, list markers, case or punctuation."""
    if kind == "code":
        return text
    parts = []
    for line in text.split("\n"):
        line = _MARKER.sub("", line, count=1).strip()
        line = _CHECKBOX.sub("", line)
        if kind == "heading":
            line = line.lstrip("#").strip()
        parts.append(line)
    flat = _EMPHASIS.sub("", " ".join(parts)).lower()
    flat = flat.replace("\u2014", " ").replace("\u2013", " ")
    return " ".join(_NON_WORD.sub(" ", flat).split())


def similarity(a: str, b: str) -> float:
    """How alike two normalised texts are (0–1); 0 when their numbers or negations differ."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    la, lb = len(a), len(b)
    if min(la, lb) / max(la, lb) < 0.75:
        return 0.0
    if _NUMBER.findall(a) != _NUMBER.findall(b):
        return 0.0
    ta, tb = a.split(), b.split()
    if sum(t in _NEGATIONS for t in ta) != sum(t in _NEGATIONS for t in tb):
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < NEAR or m.quick_ratio() < NEAR:
        return 0.0
    return m.ratio()


NEAR = 0.88  # similarity from which two units are near duplicates


@dataclass(eq=False)
class Section:
    """A heading of one input and what stands under it (the root has no heading)."""

    title: str
    level: int
    heading: MUnit | None
    parent: Section | None = None
    units: list[MUnit] = field(default_factory=list)
    children: list[Section] = field(default_factory=list)

    def path(self) -> tuple[str, ...]:
        return heading_path(self)

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for c in self.children:
            yield from c.walk()


def heading_path(node) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Titles from the outermost heading down to ``node`` (a Section or a merged node)."""
    out = []
    while node is not None and node.heading is not None:
        out.append(node.title)
        node = node.parent
    return tuple(reversed(out))


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def extract(doc: AgentDocument, index: int) -> Section:
    """The body of ``doc`` as a section tree of merge units."""
    text = doc.text
    root = Section("", 0, None)
    current = root
    body: list[Unit] = doc.body
    group: MUnit | None = None  # the open list item, which absorbs nested items and indented blocks

    def make(u: Unit, kind: str) -> MUnit:
        start = _line_start(text, u.start)
        return MUnit(index, doc.path, kind, start, u.end, doc.source.position(start).line, doc.source.position(u.end).line)

    prev_table = False
    for u in body:
        indented = u.start > _line_start(text, u.start)
        if u.kind == "heading":
            group = None
            prev_table = False
            while current is not root and current.level >= u.level:
                current = current.parent  # type: ignore[assignment]
            h = make(u, "heading")
            h.title, h.level = u.text, u.level
            node = Section(u.text, u.level, h, current)
            current.children.append(node)
            current = node
            continue
        if group is not None and indented and u.kind in ("list_item", "paragraph", "code", "table_row"):
            group.end = u.end
            group.end_line = doc.source.position(u.end).line
            continue
        if u.kind == "table_row":
            m = make(u, "table_row")
            following = text[u.end : u.end + 400].lstrip("\r\n").split("\n", 1)[0].rstrip("\r")
            if not prev_table and _TABLE_DELIM.fullmatch(following):
                m.header = True
                m.end = u.end + text[u.end :].index(following) + len(following)
                m.end_line = doc.source.position(m.end).line
            current.units.append(m)
            prev_table = True
            group = None
            continue
        prev_table = False
        m = make(u, u.kind)
        current.units.append(m)
        group = m if u.kind == "list_item" else None
    return root


def units_of(root: Section) -> list[MUnit]:
    out: list[MUnit] = []
    for node in root.walk():
        if node.heading is not None:
            out.append(node.heading)
        out.extend(node.units)
    return out
