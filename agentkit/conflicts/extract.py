"""Directives: every instruction-bearing piece of an agent file, with its span,
section path and inherited lead-in.

Built on the body units (:mod:`agentkit.body`): list items (nested items keep
their parent's text as context; a list keeps the paragraph that introduces it
when that paragraph ends with ``:``), numbered steps, checklist items, table rows
(with their header row as context; in a table whose columns have opposite
polarities, "Topic | Do | Don't", each cell of those columns, with its row's first
cell as context), each sentence of a paragraph, the
description's text outside ``<example>`` blocks, and the frontmatter fields.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..document import AgentDocument
from ..diagnostics import Span
from .frames import Head, field_frame, finish, frame, head, section_polarity
from .model import Directive, Frame

# A sentence ends at . ! ? followed by space and an upper-case letter, a quote, a
# bracket, an emphasis marker or a digit; abbreviations such as "e.g." do not end one.
# (The look-ahead in front lists the characters a match starts at: the scan skips every other position.)
_SENT_END = re.compile(
    r"(?=[.!?\n])(?:(?<![Ee]\.g)(?<![Ii]\.e)(?<!etc)(?<!vs)(?<!\b[A-Z])[.!?](?=\s+[\"'(*_`A-Z0-9\[])|\n(?=[ \t]*(?:[✅❌✔✓✗✘🚫⛔•→]|⚠️)))"
)
_ITEM_MARK = re.compile(r"[ \t]*(?:[-*+]|(\d{1,9})[.)])[ \t]*")
_CHECK = re.compile(r"\[[ xX]\][ \t]*")
_EXAMPLE = re.compile(r"<example>.*?(?:</example>|$)", re.DOTALL | re.IGNORECASE)
_LITERAL_NL = re.compile(r"(?:\\n)+")
_EXAMPLES_CUT = re.compile(r"(?=[EF])\b(?:Examples?|For example)\s*:")
MIN_WORDS = 2


def _collapse(s: str) -> str:
    return " ".join(s.split())


def _sentences(raw: str, base: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``raw`` (offsets shifted by ``base``)."""
    out = []
    pos = 0
    for m in _SENT_END.finditer(raw):
        out.append((pos, m.end()))
        pos = m.end()
    out.append((pos, len(raw)))
    spans = []
    for a, b in out:
        seg = raw[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            spans.append((base + a + lead, base + b - trail))
    return spans


UNREAD = "?"  # a polarity not read yet

LISTED = frozenset({"list_item", "step", "checklist", "table_row", "table_cell"})


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) offsets of the trimmed cells of the table row ``text[start:end]``."""
    row = text[start:end]
    bars = [i for i, c in enumerate(row) if c == "|" and (i == 0 or row[i - 1] != "\\")]
    if not bars:
        return []
    if row[: bars[0]].strip():
        bars.insert(0, -1)
    if row[bars[-1] + 1 :].strip():
        bars.append(len(row))
    out = []
    for a, b in zip(bars, bars[1:]):
        seg = row[a + 1 : b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        out.append((start + a + 1 + lead, start + b - trail))
    return out


def _column_polarities(names: list[str]) -> list[str | None] | None:
    """The polarity of each column of a table whose header cells ``names`` give columns
    opposite polarities ("Topic | Do | Don't"), or None for any other table."""
    pols = [section_polarity((), n) if n else None for n in names]
    pols = ["prohibit" if p == "constraint" else p if p in ("require", "prohibit", "permit") else None for p in pols]
    return pols if len({p for p in pols if p is not None}) >= 2 else None


class Piece:
    """A directive whose frame is read on first use: the engine reads frames only
    for the pieces its indexes point at. Its line and column are computed only when
    asked (from the file's line starts): most directives are never reported.
    :meth:`directive` gives the public object."""

    __slots__ = ("path", "source", "kind", "text", "context", "section", "start", "end", "_span", "inherited", "_frame", "_starts", "_head", "gates", "_polarity")

    def __init__(
        self, path: str, source: str, kind: str, text: str, context: str, section: tuple[str, ...], start: int, end: int,
        span: Span | None, inherited: str | None, frame_: Frame | None = None, starts: list[int] | None = None,
        gates: int = 0, polarity: str | None = UNREAD,
    ) -> None:
        self.path = path
        self.source = source
        self.kind = kind
        self.text = text
        self.context = context
        self.section = section
        self.start = start
        self.end = end
        self._span = span
        self.inherited = inherited
        self._frame = frame_
        self._starts = starts  # the file's line starts, when ``span`` is left to compute
        self._head: Frame | Head | None = None
        self.gates = gates  # the engine's text tests, as bits (see ``engine._gate``)
        self._polarity = polarity  # the head's polarity, when another process read it

    @property
    def span(self) -> Span:
        sp = self._span
        if sp is None:
            starts, start, end = self._starts, self.start, self.end
            i = bisect_right(starts, start) - 1
            j = bisect_right(starts, end) - 1
            sp = self._span = Span(i + 1, start - starts[i] + 1, j + 1, end - starts[j] + 1, start, end)
            self._starts = None
        return sp

    @property
    def frame(self) -> Frame:
        f = self._frame
        if f is None:
            h = self._head
            f = self._frame = frame(self.text, self.context, self.inherited, self.kind in LISTED) if h is None else finish(h)
        return f

    @property
    def head(self) -> Frame | Head:
        """The frame's polarity, strength, action, condition and values, without the rest
        of the frame when it has not been read (see :func:`frames.head`)."""
        h = self._frame or self._head
        if h is None:
            h = self._head = head(self.text, self.context, self.inherited, self.kind in LISTED)
        return h

    @property
    def polarity(self) -> str | None:
        """The frame's polarity: read from the head, or as a process that read the head
        sent it along with the piece (the cross-file pass reads the pieces again)."""
        h = self._frame or self._head
        if h is None:
            if self._polarity is not UNREAD:
                return self._polarity
            h = self.head
        return h.polarity

    def directive(self) -> Directive:
        return Directive(self.path, self.source, self.kind, self.text, self.context, self.section, self.start, self.end, self.span, self.frame)

    def __reduce__(self) -> tuple:
        # Plain values only (frames are read again where needed): summaries cross process
        # boundaries. The file's line starts go along instead of a span (one list per file
        # in a pickle: it keeps one copy of a shared object), so that a span is computed
        # only for a directive that is reported. What the engine learned cheaply goes too:
        # its text tests and the head's polarity.
        sp = self._span
        where = self._starts if sp is None else (sp.line, sp.column, sp.end_line, sp.end_column)
        h = self._frame or self._head
        pol = self._polarity if h is None else h.polarity
        return (_piece, (self.path, self.source, self.kind, self.text, self.context, self.section, self.start, self.end, where, self.inherited, self.gates, pol))


def _piece(
    path: str, source: str, kind: str, text: str, context: str, section: tuple[str, ...], start: int, end: int,
    where: tuple[int, int, int, int] | list[int], inherited: str | None, gates: int, polarity: str | None,
) -> Piece:
    frame_ = None
    if source == "frontmatter":
        key, _, value = text.partition(": ")
        frame_ = field_frame(key, value)
    if isinstance(where, tuple):
        return Piece(path, source, kind, text, context, section, start, end, Span(*where, start, end), inherited, frame_, None, gates, polarity)
    return Piece(path, source, kind, text, context, section, start, end, None, inherited, frame_, where, gates, polarity)


def _make(doc: AgentDocument, source: str, kind: str, start: int, end: int, context: str, section: tuple[str, ...], inherited: str | None, starts: list[int] | None = None) -> Piece | None:
    text = _collapse(doc.text[start:end])
    if text.count(" ") + 1 < MIN_WORDS:
        return None
    return Piece(doc.path, source, kind, text, context, section, start, end, None, inherited, None, starts if starts is not None else doc.source._starts)


def body_directives(doc: AgentDocument) -> list[Piece]:
    text = doc.text
    out: list[Piece] = []
    units = doc.body
    parents: list[tuple[int, str]] = []  # (level, item text) of the enclosing list items
    lead_in = ""  # the paragraph introducing the current list
    header = ""  # the header row of the current table
    columns: list[str | None] | None = None  # its columns' polarities (a Do | Don't table)
    prev_kind = ""
    sec_cache: dict[tuple[str, ...], str | None] = {}
    starts = doc.source._starts
    for u in units:
        sec = u.section
        if sec not in sec_cache:
            sec_cache[sec] = section_polarity(sec)
        sec_pol = sec_cache[sec]
        if u.kind == "list_item":
            if prev_kind != "list_item":
                parents = []
            while parents and parents[-1][0] >= u.level:
                parents.pop()
            m = _ITEM_MARK.match(text, u.start, u.end)
            start = m.end() if m else u.start
            kind = "step" if m and m.group(1) else "list_item"
            c = _CHECK.match(text, start)
            if c and c.start() == start:
                start = c.end()
                kind = "checklist"
            context = parents[-1][1] if parents else lead_in
            inherited = None
            for _, lead in reversed(parents):  # the closest lead-in that sets a polarity
                if lead:
                    inherited = section_polarity((), lead)
                    if inherited is not None:
                        break
            if inherited is None and lead_in:
                inherited = section_polarity((), lead_in)
            inherited = inherited or sec_pol
            d = _make(doc, "body", kind, start, u.end, context, sec, inherited, starts)
            parents.append((u.level, d.text if d is not None else _collapse(text[start : u.end])))
            if d is not None:
                out.append(d)
        elif u.kind == "table_row":
            if prev_kind != "table_row":
                header = u.text
                columns = _column_polarities([text[a:b] for a, b in _cells(text, u.start, u.end)])  # (cell by cell, as the rows are read: an empty first cell counts)
                prev_kind = u.kind
                continue
            if columns is not None:
                # A "Do | Don't" table: each cell of a polarity column is its own rule.
                cells = _cells(text, u.start, u.end)
                topic = _collapse(text[cells[0][0] : cells[0][1]]) if cells else ""
                for (a, b), pol in zip(cells, columns):
                    if pol is not None:
                        d = _make(doc, "body", "table_cell", a, b, topic, sec, pol, starts)
                        if d is not None:
                            out.append(d)
                prev_kind = u.kind
                continue
            d = _make(doc, "body", "table_row", u.start, u.end, header, sec, section_polarity((), header) or section_polarity(sec, table=True), starts)
            if d is not None:
                out.append(d)
        elif u.kind == "paragraph":
            raw = text[u.start : u.end]
            stripped = raw.rstrip()
            lead_in = _collapse(raw) if stripped.endswith((":", ":**", ":*", ":__")) else ""
            for a, b in _sentences(raw, u.start):
                d = _make(doc, "body", "sentence", a, b, "", sec, sec_pol, starts)
                if d is not None:
                    out.append(d)
        elif u.kind == "heading":
            lead_in = ""
        prev_kind = u.kind
    return out


def description_directives(doc: AgentDocument) -> list[Piece]:
    """Sentences of the description outside its ``<example>`` blocks (offsets in the file)."""
    f = doc.frontmatter.fields.get("description")
    if f is None or not isinstance(f.value, str):
        return []
    raw = doc.text[f.value_start : f.value_end]
    out: list[Piece] = []
    # Cut the examples out, keeping offsets: replace them with spaces of equal length.
    masked = _EXAMPLE.sub(lambda m: " " * len(m.group()), raw)
    masked = _LITERAL_NL.sub(lambda m: " " * len(m.group()), masked)
    cut = _EXAMPLES_CUT.search(masked)
    if cut:
        masked = masked[: cut.start()]
    for a, b in _sentences(masked, f.value_start):
        seg = doc.text[a:b].strip(" \"'")
        if not seg:
            continue
        d = _make(doc, "description", "sentence", a, b, "", (), None)
        if d is not None:
            out.append(d)
    return out


FIELD_KEYS = ("model", "color", "permissionMode", "effort", "memory", "isolation", "maxTurns", "tools", "disallowedTools")


def field_directives(doc: AgentDocument) -> list[Piece]:
    out = []
    for key in FIELD_KEYS:
        f = doc.frontmatter.fields.get(key)
        if f is None or f.value is None or isinstance(f.value, dict):
            continue
        value = ", ".join(str(v) for v in f.value) if isinstance(f.value, list) else str(f.value)
        start, end = f.key_start, f.value_end
        out.append(Piece(doc.path, "frontmatter", "field", f"{key}: {value}", "", (), start, end, doc.span(start, end), None, field_frame(key, value)))
    return out


def pieces(doc: AgentDocument) -> list[Piece]:
    """Every directive of ``doc`` (frames read lazily): frontmatter fields, the description's sentences, the body's pieces."""
    if doc.read_error is not None:
        return []
    return field_directives(doc) + description_directives(doc) + body_directives(doc)


def directives(doc: AgentDocument) -> list[Directive]:
    """Every directive of ``doc`` with its frame."""
    return [p.directive() for p in pieces(doc)]
