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


def lint(paths=None, config=None, **options):  # type: ignore[no-untyped-def]
    """Check agent files and folders; returns a Report. See :func:`agentkit.api.lint`."""
    from .api import lint as _lint

    return _lint(paths, config, **options)


def fix(paths=None, config=None, **options):  # type: ignore[no-untyped-def]
    """Apply fixes and check again; returns a Report. See :func:`agentkit.api.fix`."""
    from .api import fix as _fix

    return _fix(paths, config, **options)


__all__ = ["AgentDocument", "Diagnostic", "Edit", "Fix", "Severity", "Span", "fix", "lint", "load", "load_bytes", "load_text", "__version__"]
