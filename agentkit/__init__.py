"""agentkit: load, validate and lint Claude Code subagent files.

>>> import agentkit
>>> doc = agentkit.load("agents/backend-engineer/backend-engineer.compact.md")
>>> doc.name, doc.strict_yaml, doc.claude_code_parses
('backend-engineer', False, True)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .diagnostics import Diagnostic, Edit, Fix, Severity, Span
from .document import AgentDocument, load, load_bytes, load_text


def lint(paths, profile: str = "claude-code", select=("AK",), ignore=()):  # type: ignore[no-untyped-def]
    """Lint files or folders; returns a :class:`agentkit.linter.Report`."""
    from .linter import lint as _lint
    from .rules import Selection

    report, _ = _lint(list(paths), profile, Selection(tuple(select), tuple(ignore)))
    return report


__all__ = ["AgentDocument", "Diagnostic", "Edit", "Fix", "Severity", "Span", "lint", "load", "load_bytes", "load_text", "__version__"]
