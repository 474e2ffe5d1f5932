"""Pick a formatter and print its lines: plain text, or styled with rich in a terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterator

from ..linter import Report

if TYPE_CHECKING:
    from .text_format import Line


class _Pieces:
    """A line made again each time it is read: a large JSON report is never held whole."""

    def __init__(self, make: Callable[[], Iterator[tuple[str, str]]]) -> None:
        self.make = make

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return self.make()


def render(report: Report, fmt: str, *, statistics: bool = False, quiet: bool = False, show_fixes: bool = False) -> list[Line]:
    """The output of ``agentkit lint``/``validate`` in format ``fmt``."""
    if fmt in ("json", "sarif"):
        from . import json_format

        if fmt == "sarif":
            from . import sarif

            payload = sarif.payload(report, report.text_of)
            return [[(json_format.dumps(payload, indent=2), "")]]
        stats = json_format.statistics(report) if statistics else None
        return [_Pieces(lambda: ((chunk, "") for chunk in json_format.lint_chunks(report, stats)))]  # type: ignore[list-item]
    if fmt == "github":
        from . import github

        return [[(line, "")] for line in github.lines(report)]
    from . import text_format  # (here: JSON output does not need it, nor unicodedata)

    if statistics:
        lines = text_format.statistics(report)
    elif fmt == "concise":
        lines = text_format.concise(report)
    elif fmt == "grouped":
        lines = text_format.grouped(report)
    else:
        lines = text_format.full(report, report.text_of)
    if show_fixes:
        lines += text_format.fixes_applied(report) if report.fixed else text_format.fixes_available(report)
    if not quiet and not statistics and (report.files or not report.problems):
        lines.append([(text_format.summary(report), "bold")])
    return lines


def diff(report: Report) -> list[Line]:
    """What the fixes change, as a unified diff per file (``--diff``)."""
    import difflib  # (only for --diff)

    out: list[Line] = []
    for path, (before, after) in sorted(report.changes.items()):
        for line in difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{path}", f"b/{path}"):
            text = line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
            style = "green" if line.startswith("+") and not line.startswith("+++") else "red" if line.startswith("-") and not line.startswith("---") else "bold" if line.startswith(("+++", "---")) else "cyan" if line.startswith("@@") else ""
            out.append([(text.rstrip("\r\n"), style)])
    return out


def diff_summary(report: Report) -> str:
    n = sum(report.fixed.get(p, 0) for p in report.changes)
    if not n:
        return "No fixes to apply."
    return f"Would fix {n} finding{'s' if n != 1 else ''} in {len(report.changes)} file{'s' if len(report.changes) != 1 else ''}."


def plain(lines: list[Line]) -> str:
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def write(lines: list[Line], stream) -> None:  # type: ignore[no-untyped-def]
    """Write :func:`plain`'s text to ``stream`` piece by piece (a large report is never one string)."""
    for line in lines:
        for text, _ in line:
            stream.write(text)
        stream.write("\n")


def print_rich(lines: list[Line]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for line in lines:
        console.print(Text.assemble(*line))
