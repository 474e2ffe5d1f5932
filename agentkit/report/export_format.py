"""Render an export run: text lines for people, JSON (version 1) for tools."""

from __future__ import annotations

from typing import Any

from ..export.run import ExportRun


def text_lines(run: ExportRun) -> list[str]:
    """One line per file written, loss, note and error; then a summary."""
    lines: list[str] = []
    for o in run.outcomes:
        for path in o.written:
            lines.append(f"{o.source}: wrote {path}")
        if o.result is not None:
            lines += [f"{o.source}: warning: {w}" for w in o.result.warnings]
            lines += [f"{o.source}: note: {n}" for n in o.result.notes]
        if o.error:
            lines.append(f"{o.source}: error: {o.error}")
    lines += [f"error: {p}" for p in run.problems]
    exported = sum(1 for o in run.outcomes if o.result is not None and not o.error)
    lines.append(f"{exported} of {len(run.outcomes)} agent{'s' if len(run.outcomes) != 1 else ''} exported to {run.target}: {run.losses} warning{'s' if run.losses != 1 else ''}, {run.errors} error{'s' if run.errors != 1 else ''}")
    return lines


def payload(run: ExportRun) -> dict[str, Any]:
    agents = []
    for o in run.outcomes:
        r = o.result
        agents.append({
            "source": o.source,
            "agent": r.agent if r else None,
            "files": [f.path for f in r.files] if r else [],
            "written": o.written,
            "warnings": [{"target": w.target, "subject": w.subject, "message": w.message} for w in r.warnings] if r else [],
            "notes": list(r.notes) if r else [],
            "error": o.error,
        })
    out: dict[str, Any] = {"version": 1, "target": run.target, "agents": agents, "problems": list(run.problems),
                           "summary": {"agents": len(run.outcomes), "warnings": run.losses, "errors": run.errors}}
    if run.printed is not None:
        out["content"] = run.printed.decode("utf-8")
    return out
