"""Suppression comments: read them, apply them to findings, report the stale ones.

In the body (HTML comments, invisible in rendered Markdown)::

    <!-- agentkit: disable=AK301,AK302 -->      from this line on (until enable)
    <!-- agentkit: enable=AK301 -->             ends the range
    <!-- agentkit: disable-next-line=AK301 -->  only the next line
    <!-- agentkit: disable-file=AK107 -->       the whole file

In the frontmatter, a trailing YAML comment::

    name: Backend_Engineer  # agentkit: disable=AK106

suppresses findings that start on that line (``disable-next-line`` and
``disable-file`` work there too). Codes may be written as rule names. A finding
is suppressed when it starts on a covered line — project findings too, at their
primary location.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from .diagnostics import Diagnostic, Edit, Fix, Span
from .rules.base import REGISTRY
from .rules.suppression import AK901

_KINDS = ("disable", "enable", "disable-next-line", "disable-file")
_BODY = re.compile(r"<!--\s*agentkit\s*:\s*([A-Za-z-]*)\s*(?:=\s*(.*?))?\s*-->")
_FRONT = re.compile(r"#\s*agentkit\s*:\s*([A-Za-z-]*)\s*(?:=\s*([^#]*?))?\s*$")
_CODE_SPLIT = re.compile(r"[\s,]+")
_DELIM = re.compile(r"^---[ \t]*$")

@dataclass
class Item:
    """One code of a directive, with where it is written."""

    text: str
    code: str | None  # None: no such rule
    column: int
    used: bool = False
    last: int = 0  # for a body `disable`: the line its range ends on
    start: int = 0  # text offsets of the code
    end: int = 0


@dataclass
class Directive:
    kind: str
    line: int  # 1-based
    column: int
    end_column: int
    items: list[Item]
    first: int = 0  # lines covered, inclusive
    last: int = 0
    remove: tuple[int, int] = (0, 0)  # text offsets that remove the whole comment (its line, when alone on it)
    written: list[Item] = field(default_factory=list)  # every code written, known or not


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    problems: list[tuple[Span, str, str]] = field(default_factory=list)  # (span, code, message)
    starts: list[int] = field(default_factory=list)  # offsets where lines start

    def span(self, start: int, end: int) -> Span:
        def where(offset: int) -> tuple[int, int]:
            i = bisect.bisect_right(self.starts, offset) - 1
            return i + 1, offset - self.starts[i] + 1

        (line, column), (end_line, end_column) = where(start), where(end)
        return Span(line, column, end_line, end_column, start, end)

    def __bool__(self) -> bool:
        return bool(self.directives or self.problems)


def _code(text: str) -> str | None:
    if text.upper() in REGISTRY:
        return text.upper()
    return next((r.code for r in REGISTRY.values() if r.name == text.lower()), None)


def _lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def parse(text: str) -> Suppressions:
    """Read every suppression comment of a file's text."""
    out = Suppressions()
    if "agentkit" not in text:
        return out
    lines = _lines(text)
    front_end = 0  # last frontmatter line (0: none)
    if lines and _DELIM.match(lines[0]):
        for i in range(1, len(lines)):
            if _DELIM.match(lines[i]) or re.match(r"^-{3,}[ \t]*$", lines[i]):
                front_end = i
                break
    open_ranges: dict[str, Item] = {}
    starts = out.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    for index, line in enumerate(lines):
        number = index + 1
        at = starts[index]
        if "agentkit" not in line:
            continue
        if 1 < number <= front_end:
            matches = [m for m in [_FRONT.search(line)] if m is not None]
        elif number > front_end:
            matches = list(_BODY.finditer(line))
        else:
            matches = []
        for m in matches:
            kind, codes_text = m.group(1).lower(), (m.group(2) or "")
            span = Span(number, m.start() + 1, number, m.end() + 1)
            if kind not in _KINDS or (kind == "enable" and number <= front_end):
                out.problems.append((span, "AK903", f"`{m.group(1)}` is not a suppression directive (use disable, enable, disable-next-line or disable-file)"))
                continue
            items = []
            base = m.start(2) if m.group(2) is not None else m.end()
            for cm in re.finditer(r"[^\s,]+", codes_text):
                items.append(Item(cm.group(), _code(cm.group()), base + cm.start() + 1, start=at + base + cm.start(), end=at + base + cm.end()))
            if not items:
                out.problems.append((span, "AK903", f"`{kind}` names no code: list the codes to suppress, e.g. `{kind}=AK301`"))
                continue
            for it in items:
                if it.code is None:
                    out.problems.append((Span(number, it.column, number, it.column + len(it.text)), "AK902", f"`{it.text}` is not a rule code or name"))
            d = Directive(kind, number, m.start() + 1, m.end() + 1, [it for it in items if it.code is not None], written=items)
            if number <= front_end:  # the trailing comment and the blanks before it
                d.remove = (at + len(line[: m.start()].rstrip()), at + m.end())
            elif line.strip() == m.group(0):  # the whole line
                d.remove = (at, starts[index + 1] if index + 1 < len(starts) else len(text))
            else:
                d.remove = (at + m.start(), at + m.end())
            if kind == "disable":
                in_front = number <= front_end
                d.first, d.last = number, number if in_front else len(lines)
                if not in_front:
                    for it in d.items:
                        it.last = len(lines)
                        open_ranges[it.code] = it  # type: ignore[index]
            elif kind == "disable-next-line":
                d.first = d.last = number + 1
            elif kind == "disable-file":
                d.first, d.last = 1, len(lines)
            elif kind == "enable":
                for it in d.items:
                    opener = open_ranges.pop(it.code, None)  # type: ignore[arg-type]
                    if opener is None:
                        out.problems.append((Span(number, it.column, number, it.column + len(it.text)), "AK903", f"`enable={it.text}` closes no `disable`"))
                        continue
                    opener.last = number  # a range closes on the enable line
                continue
            if d.items:
                out.directives.append(d)
    # A disable directive covers one range; split directives whose codes close at different lines.
    split: list[Directive] = []
    for d in out.directives:
        if d.kind == "disable" and d.last != d.first:
            for it in d.items:
                split.append(replace(d, items=[it], last=it.last))
        else:
            split.append(d)
    out.directives = split
    return out


def _removal(sup: Suppressions, directive: Directive, item: Item) -> Fix | None:
    """Remove an unused code from its comment, or the comment when nothing else is left.

    A ``disable`` range is left alone: its ``enable`` would then close nothing.
    """
    if directive.kind == "disable" and directive.first != directive.last:
        return None
    others = [it for it in directive.written if it is not item and (it.used or it.code is None or it.code == "AK901")]
    if not others:
        start, end = directive.remove
        return Fix("Remove the unused suppression comment", (Edit(start, end, "", sup.span(start, end)),))
    written = directive.written
    i = written.index(item)
    if i + 1 < len(written):  # the code and the separator after it
        start, end = item.start, written[i + 1].start
    else:  # the last code: the separator before it
        start, end = written[i - 1].end, item.end
    return Fix(f"Remove `{item.text}` from the suppression", (Edit(start, end, "", sup.span(start, end)),))


def apply(diagnostics: Iterable[Diagnostic], sup: Suppressions, path: str, enabled: Callable[[str], bool]) -> list[Diagnostic]:
    """Drop suppressed findings of one file and add the AK9xx findings about its comments.

    ``enabled(code)`` says whether a code ran on this file: a suppression of a
    code that did not run is never reported as unused.
    """
    kept: list[Diagnostic] = []
    for d in diagnostics:
        hit = False
        for directive in sup.directives:
            if directive.first <= d.span.line <= directive.last:
                for it in directive.items:
                    if it.code == d.code:
                        it.used = hit = True
        if not hit:
            kept.append(d)
    extra: list[Diagnostic] = []
    for span, code, message in sup.problems:
        extra.append(REGISTRY[code].diagnostic(path, span, message))
    for directive in sup.directives:
        for it in directive.items:
            if not it.used and it.code is not None and it.code not in ("AK901",) and enabled(it.code):
                where = {"disable": "in its range", "disable-next-line": "on the next line", "disable-file": "in this file"}[directive.kind]
                if directive.kind == "disable" and directive.first == directive.last:
                    where = "on this line"
                span = Span(directive.line, it.column, directive.line, it.column + len(it.text))
                extra.append(AK901.diagnostic(path, span, f"unused suppression: no {it.code} finding {where}", _removal(sup, directive, it)))
    # The AK9xx findings can themselves be suppressed (e.g. disable-file=AK901).
    for d in extra:
        if any(directive.first <= d.span.line <= directive.last and any(it.code == d.code for it in directive.items) for directive in sup.directives):
            continue
        if enabled(d.code):
            kept.append(d)
    return kept


__all__ = ["Suppressions", "apply", "parse"]
