"""What ``agentkit merge`` tells a person: open conflicts, the summary, the JSON payload."""

from __future__ import annotations

from typing import Any

from .model import Conflict, MergeResult


def _quote(text: str, width: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def conflict_lines(c: Conflict) -> list[tuple[str, str]]:
    """(text, rich style) lines for one conflict: a head line, then one line per side."""
    first = c.sides[0]
    out = [(f"{first.where()}: conflict {c.id} ({c.kind}): {c.message}", "bold")]
    for i, s in enumerate(c.sides, 1):
        out.append((f"    {i}: {s.shown()}: {_quote(s.text)}", ""))
    return out


def open_lines(result: MergeResult) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for c in result.open:
        lines += conflict_lines(c)
    n = len(result.open)
    lines.append(
        (
            f"{n} conflict{'s' if n != 1 else ''} open, nothing written: decide {'them' if n != 1 else 'it'} with --prefer FILE, "
            "--resolutions FILE (--write-resolutions FILE writes a template) or --markers",
            "bold red",
        )
    )
    return lines


def tool_notes(result: MergeResult) -> list[tuple[str, str]]:
    """What a union of allowlists grants beyond each variant (said, never silent)."""
    info = result.report.get("frontmatter", {}).get("tools")
    if not info or not info.get("output"):
        return []
    return [(f"{w['path']}:{w['line']}: the merged `tools` also grants {', '.join(w['gains'])}", "yellow") for w in info.get("grants_more_than", [])]


def payload(result: MergeResult, output: str | None) -> dict[str, Any]:
    """``--format json``: the outcome without the per-unit rows (those are in --report)."""
    report = result.report
    return {
        "version": 1,
        "name": result.name,
        "output": output,
        "written": result.text is not None and output is not None,
        "summary": report.get("summary", {}),
        "frontmatter": report.get("frontmatter", {}),
        "conflicts": report.get("conflicts", []),
        "open": [c.id for c in result.open],
        "carried": result.carried,
        "warnings": result.warnings,
    }
