"""What must hold for any document agentkit reads: shared by the property tests, the
fuzz regressions and the fuzz harness (benchmarks/fuzz)."""

from __future__ import annotations

from agentkit.diagnostics import Diagnostic
from agentkit.document import AgentDocument


def check_positions(doc: AgentDocument) -> None:
    """Every field, example and body unit lies inside the text (raises AssertionError)."""
    size = len(doc.text)
    fm = doc.frontmatter
    for key, f in fm.fields.items():
        start, end = fm.locate((key,))
        if not (0 <= f.key_start <= f.key_end <= size and 0 <= start <= end <= size):
            raise AssertionError(f"field {key!r} at {start}..{end} outside {size} characters")
    for ex in doc.examples:
        if not 0 <= ex.start <= ex.end <= size:
            raise AssertionError(f"example at {ex.start}..{ex.end} outside {size} characters")
    for unit in doc.body:
        if not doc.body_start <= unit.start <= unit.end <= size:
            raise AssertionError(f"body unit at {unit.start}..{unit.end} outside {doc.body_start}..{size}")


def check_findings(doc: AgentDocument, found: list[Diagnostic], failed: bool) -> None:
    """No internal error, and every finding inside the file (raises AssertionError)."""
    if failed:
        raise AssertionError("internal error: " + "; ".join(d.message for d in found if d.code == "AK000"))
    lines = doc.source.line_count
    for d in found:
        if not (1 <= d.span.line <= lines and d.span.column >= 1 and (d.span.line, d.span.column) <= (d.span.end_line, d.span.end_column)):
            raise AssertionError(f"{d.code} at {d.span} outside a file of {lines} lines")
