"""Human output: ``path:line:column: CODE severity message``, code frames, groups, statistics.

Every function returns lines as lists of ``(text, rich style)`` pieces; the
caller prints them plain or styled.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterator

from ..diagnostics import Applicability, Diagnostic, Severity
from ..linter import Report

Line = list[tuple[str, str]]

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
GUTTER = "bold blue"
CONTEXT_LINES = 2  # source lines shown before and after the span
MAX_SPAN_LINES = 6  # a longer span shows its first and last lines
WIDTH = 100  # source columns shown around the span on a long line


def _mark(d: Diagnostic) -> str:
    if d.fix is None:
        return ""
    return " [*]" if d.fix.applicability is Applicability.SAFE else " [-]"


def diagnostic_parts(d: Diagnostic) -> Line:
    """(text, rich style) pieces of one finding line."""
    return [
        (d.path, "bold"),
        (f":{d.span.line}:{d.span.column}: ", ""),
        (d.code, _STYLE[d.severity]),
        (f" {d.severity.value}", _STYLE[d.severity]),
        (_mark(d), "green"),
        (f" {d.message}", ""),
    ]


def related_lines(d: Diagnostic) -> Iterator[str]:
    for r in d.related:
        yield f"    {r.path}:{r.line}:{r.column}: {r.message}"


# --- code frames -------------------------------------------------------------


def _cells(ch: str) -> int:
    if ch == "\t":
        return 4
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _show(ch: str) -> str:
    if ch == "\t":
        return "    "
    if ord(ch) < 0x20:
        return chr(0x2400 + ord(ch))  # a visible control picture
    if ch == "\x7f":
        return "\u2421"
    if ch in "\ufeff\u200b\u200c\u200d\u2028\u2029":
        return "\u00b7"
    return ch


# What _show makes of every character it changes (str.translate applies it in one pass)
_SHOWN = {ord(c): _show(c) for c in [*map(chr, range(0x20)), "\x7f", "\ufeff", "\u200b", "\u200c", "\u200d", "\u2028", "\u2029"]}


def _width(text: str) -> int:
    """The display cells of ``text``: the sum of :func:`_cells`."""
    if text.isascii():  # every ASCII character is one cell, but a tab
        return len(text) + 3 * text.count("\t")
    return sum(_cells(c) for c in text)


def _window(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Display text of ``line`` and the display cells of columns [start, end) (0-based)."""
    lo = 0
    if len(line) > WIDTH:
        lo = max(0, min(start - WIDTH // 3, len(line) - WIDTH))
    hi = min(len(line), lo + WIDTH)
    text = line[lo:hi].translate(_SHOWN)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(line) else ""
    before = len(prefix) + _width(line[lo : max(lo, min(start, hi))])
    width = _width(line[max(lo, start) : max(lo, min(end, hi))])
    return prefix + text + suffix, before, width


_LAST_SPLIT: list = [None, []]  # (text, its lines): a file's findings come one after the other


def _lines(text: str) -> list[str]:
    if _LAST_SPLIT[0] is not text:
        _LAST_SPLIT[:] = [text, re.split(r"\r\n|\r|\n", text) if "\r" in text else text.split("\n")]
    return _LAST_SPLIT[1]


def frame(d: Diagnostic, text: str | None) -> list[Line]:
    """The source lines around a finding with its span underlined, ruff style."""
    if text is None:
        return []
    lines = _lines(text)
    count = len(lines)
    if count > 1 and lines[-1] == "" and d.span.line < count:
        count -= 1  # the empty "line" after the final line break
    first, last = d.span.line, max(d.span.line, d.span.end_line)
    if d.span.end_column == 1 and last > first:
        last -= 1  # a span ending at the start of a line does not touch it
    if first > count:
        return []
    last = min(last, count)
    show = list(range(max(1, first - CONTEXT_LINES), first)) + list(range(first, last + 1))
    if last - first + 1 > MAX_SPAN_LINES:
        show = [n for n in show if n < first + MAX_SPAN_LINES - 1 or n == last]
    show += list(range(last + 1, min(count, last + CONTEXT_LINES) + 1))
    width = len(str(show[-1]))
    style = _STYLE[d.severity]
    pad = " " * width
    out: list[Line] = [[(f"{pad} |", GUTTER)]]
    previous = None
    for n in show:
        if previous is not None and n != previous + 1:
            out.append([(f"{'.' * width} |", GUTTER)])
        previous = n
        line = lines[n - 1]
        underlined = first <= n <= last
        start = d.span.column - 1 if n == first else len(line) - len(line.lstrip())
        end = d.span.end_column - 1 if n == d.span.end_line else len(line)
        shown, before, cells = _window(line, start, end) if underlined else _window(line, 0, 0)
        out.append([(f"{n:>{width}} |", GUTTER), (" " + shown if shown else "", "")])
        if underlined:
            label = f" {d.code}" if n == last else ""
            out.append([(f"{pad} |", GUTTER), (" " + " " * before, ""), ("^" * max(1, cells) + label, style)])
    out.append([(f"{pad} |", GUTTER)])
    if d.fix is not None:
        kind = "" if d.fix.applicability is Applicability.SAFE else " (unsafe)"
        out.append([(f"{pad} = ", GUTTER), ("help", "bold"), (f": {d.fix.message}{kind}", "")])
    for r in d.related:
        out.append([(f"{pad} = ", GUTTER), ("related", "bold"), (f": {r.path}:{r.line}:{r.column}: {r.message}", "")])
    return out


# --- whole reports -----------------------------------------------------------


def full(report: Report, text_of: Callable[[str], str | None]) -> list[Line]:
    out: list[Line] = []
    for d in report.diagnostics:
        out.append(diagnostic_parts(d))
        out.extend(frame(d, text_of(d.path)))
        out.append([])
    return out


def concise(report: Report) -> list[Line]:
    out: list[Line] = []
    for d in report.diagnostics:
        out.append(diagnostic_parts(d))
        out.extend([[(r, "dim")] for r in related_lines(d)])
    return out


def grouped(report: Report) -> list[Line]:
    """Findings under their file, like ruff's grouped output."""
    out: list[Line] = []
    by_path: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        by_path.setdefault(d.path, []).append(d)
    for path, diags in by_path.items():
        out.append([(path, "bold underline"), (":", "")])
        w_line = max(len(str(d.span.line)) for d in diags)
        w_col = max(len(str(d.span.column)) for d in diags)
        for d in diags:
            where = f"{d.span.line:>{w_line}}:{d.span.column:<{w_col}}"
            out.append([(f"  {where} ", "dim"), (d.code, _STYLE[d.severity]), (f" {d.severity.value}", _STYLE[d.severity]), (_mark(d), "green"), (f" {d.message}", "")])
            out.extend([[(f"  {r}", "dim")] for r in related_lines(d)])
        out.append([])
    return out


def statistics(report: Report) -> list[Line]:
    """One line per code: count, code, fixability, name (most frequent first)."""
    counts: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        counts.setdefault(d.code, []).append(d)
    rows = sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    width = max((len(str(len(v))) for _, v in rows), default=1)
    out: list[Line] = []
    for code, diags in rows:
        fixable = any(d.fix is not None and d.fix.applicability is Applicability.SAFE for d in diags)
        mark = "[*] " if fixable else ("[-] " if any(d.fix is not None for d in diags) else "    ")
        out.append([(f"{len(diags):>{width}}\t", ""), (code, _STYLE[diags[0].severity]), (f"\t{mark}", "green"), (diags[0].name, "")])
    return out


def fixes_applied(report: Report) -> list[Line]:
    """What --fix changed, per file (for --show-fixes)."""
    if not report.fixed:
        return []
    out: list[Line] = [[("Fixed:", "bold")]]
    for path, n in sorted(report.fixed.items()):
        out.append([(f"  {path}", "bold"), (f": {n} fix{'es' if n != 1 else ''}", "")])
    return out


def fixes_available(report: Report) -> list[Line]:
    """The fix of every finding that has one (for --show-fixes without --fix)."""
    rows = [d for d in report.diagnostics if d.fix is not None]
    if not rows:
        return []
    out: list[Line] = [[("Fixes available:", "bold")]]
    for d in rows:
        kind = "safe" if d.fix.applicability is Applicability.SAFE else "unsafe"  # type: ignore[union-attr]
        out.append([(f"  {d.path}:{d.span.line}:{d.span.column}: ", ""), (d.code, _STYLE[d.severity]), (f" ({kind}) {d.fix.message}", "")])  # type: ignore[union-attr]
    return out


def summary(report: Report) -> str:
    e, w, i = report.count(Severity.ERROR), report.count(Severity.WARNING), report.count(Severity.INFO)
    files = len(report.files)
    safe = sum(1 for d in report.diagnostics if d.fix is not None and d.fix.applicability is Applicability.SAFE)
    unsafe = sum(1 for d in report.diagnostics if d.fix is not None and d.fix.applicability is Applicability.UNSAFE)
    line = f"{files} file{'s' if files != 1 else ''} checked: {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}, {i} info{'s' if i != 1 else ''}"
    if safe or unsafe:
        extra = []
        if safe:
            extra.append(f"{safe} fixable with --fix")
        if unsafe:
            extra.append(f"{unsafe} more with --unsafe-fixes")
        line += " (" + ", ".join(extra) + ")"
    if report.baselined:
        line += f"; {report.baselined} in the baseline"
    if report.fixed:
        n = sum(report.fixed.values())
        line += f"; fixed {n} finding{'s' if n != 1 else ''} in {len(report.fixed)} file{'s' if len(report.fixed) != 1 else ''}"
    return line
