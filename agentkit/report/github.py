"""GitHub Actions workflow commands: one annotation per finding.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message``.
Escaping follows GitHub's toolkit (``@actions/core`` ``command.ts``): in the
message ``%``, ``\\r`` and ``\\n`` are percent-encoded; in properties also
``:`` and ``,``.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity
from ..linter import Report

LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def annotation(d: Diagnostic) -> str:
    props = [
        ("file", d.path),
        ("line", str(d.span.line)),
        ("col", str(d.span.column)),
        ("endLine", str(d.span.end_line)),
        ("endColumn", str(d.span.end_column)),
        ("title", f"{d.code} {d.name}"),
    ]
    message = d.message
    if d.fix is not None:
        message += f"\nfix ({d.fix.applicability.value}): {d.fix.message}"
    for r in d.related:
        message += f"\n{r.path}:{r.line}:{r.column}: {r.message}"
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props)
    return f"::{LEVEL[d.severity]} {head}::{escape_data(f'{d.code} {message}')}"


def lines(report: Report) -> list[str]:
    return [annotation(d) for d in report.diagnostics]
