"""Human output: one line per finding, ``path:line:column: CODE message``."""

from __future__ import annotations

from typing import Iterator

from ..diagnostics import Applicability, Diagnostic, Severity
from ..linter import Report

_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def diagnostic_parts(d: Diagnostic) -> list[tuple[str, str]]:
    """(text, rich style) pieces of one finding line."""
    mark = ""
    if d.fix is not None:
        mark = " [*]" if d.fix.applicability is Applicability.SAFE else " [-]"
    parts = [
        (d.path, "bold"),
        (f":{d.span.line}:{d.span.column}: ", ""),
        (d.code, _STYLE[d.severity]),
        (f" {d.severity.value}", _STYLE[d.severity]),
        (mark, "green"),
        (f" {d.message}", ""),
    ]
    return parts


def related_lines(d: Diagnostic) -> Iterator[str]:
    for r in d.related:
        yield f"    {r.path}:{r.line}:{r.column}: {r.message}"


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
    if report.fixed:
        n = sum(report.fixed.values())
        line += f"; fixed {n} finding{'s' if n != 1 else ''} in {len(report.fixed)} file{'s' if len(report.fixed) != 1 else ''}"
    return line
