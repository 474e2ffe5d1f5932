"""agentkit: load, validate and lint Claude Code subagent files.

>>> import agentkit
>>> doc = agentkit.load("agents/backend-engineer/backend-engineer.compact.md")
>>> doc.name, doc.strict_yaml, doc.claude_code_parses
('backend-engineer', False, True)
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from . import conflicts as _conflicts_package  # (before `def conflicts`, which replaces the package's attribute)

if TYPE_CHECKING:
    from .conflicts import Conflict, Directive
    from .diagnostics import Diagnostic, Edit, Fix, Severity, Span
    from .document import AgentDocument, load, load_bytes, load_text

# The readers are imported on first use (a run the cache serves reads no file).
_LAZY = frozenset({"AgentDocument", "load", "load_bytes", "load_text"})
# The finding and conflict types too: the command creates their dataclasses only once it
# has installed its compiled dataclass methods (agentkit.fncache).
_TYPES = {"Diagnostic": ".diagnostics", "Edit": ".diagnostics", "Fix": ".diagnostics", "Severity": ".diagnostics", "Span": ".diagnostics", "Conflict": ".conflicts.model", "Directive": ".conflicts.model"}


def conflicts(docs):  # type: ignore[no-untyped-def]
    """Conflicts inside each document and across documents that share one `name`; see
    :func:`agentkit.conflicts.api.conflicts` (the engine is imported on first use)."""
    from .conflicts.api import conflicts as _conflicts

    return _conflicts(docs)


def directives(doc):  # type: ignore[no-untyped-def]
    """Every directive of ``doc``, with its frame; see :func:`agentkit.conflicts.api.directives`."""
    from .conflicts.api import directives as _directives

    return _directives(doc)


def lint(paths=None, config=None, **options):  # type: ignore[no-untyped-def]
    """Check agent files and folders; returns a Report. See :func:`agentkit.api.lint`."""
    from .api import lint as _lint

    return _lint(paths, config, **options)


def fix(paths=None, config=None, **options):  # type: ignore[no-untyped-def]
    """Apply fixes and check again; returns a Report. See :func:`agentkit.api.fix`."""
    from .api import fix as _fix

    return _fix(paths, config, **options)


def diff(a: AgentDocument, b: AgentDocument):  # type: ignore[no-untyped-def]
    """Compare two variants section by section; returns :class:`agentkit.merge.diff.DiffResult`."""
    from .merge.diff import diff as _diff

    return _diff(a, b)


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _TYPES or name == "diagnostics":
        import importlib

        for key, module in _TYPES.items():  # (importing .diagnostics sets the package's `diagnostics`)
            globals()[key] = getattr(importlib.import_module(module, __name__), key)
        return globals()[name]
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(".document", __name__), name)
        globals()[name] = value
        return value
    # agentkit.merge(docs, prefer=…, …) -> MergeResult: the package is callable; loaded on first use.
    if name in ("merge", "MergeError", "MergeResult"):
        import importlib

        _merge = importlib.import_module(".merge", __name__)  # not `from . import merge`: that asks this hook again
        return _merge if name == "merge" else getattr(_merge, name)
    if name == "export":  # agentkit.export(doc, target) -> ExportResult: the package is callable too
        import importlib

        return importlib.import_module(".export", __name__)  # not `from . import export`: that asks this hook again
    raise AttributeError(f"module 'agentkit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_TYPES, "diagnostics"} - {"_conflicts_package"})


__all__ = [
    "AgentDocument", "Conflict", "Diagnostic", "Directive", "Edit", "Fix", "MergeError", "MergeResult", "Severity", "Span",
    "conflicts", "diff", "directives", "export", "fix", "lint", "load", "load_bytes", "load_text", "merge", "__version__",
]  # fmt: skip
