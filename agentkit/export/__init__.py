"""Export a Claude Code agent to Claude Code, the Agent SDK, plugins and other agent tools.

``agentkit.export(doc, target)`` is :func:`export`: this package is callable, so
the name works whether Python has bound it to the function or to the package.

>>> import agentkit
>>> result = agentkit.export(agentkit.load("agents/backend-engineer/backend-engineer.compact.md"), "gemini")
>>> [f.path for f in result.files]
['.gemini/agents/backend-engineer.md']

Each target is one small module with its facts in a JSON file beside it; every
field, tool or value a target cannot represent is a :class:`Loss` in
``result.warnings``.
"""

from __future__ import annotations

import sys
import types
from importlib import import_module

from ..document import AgentDocument
from .base import Agent, ExportError, ExportFile, ExportResult, Loss, from_document
from .files import write_files

TARGETS = ("claude", "sdk", "plugin", "opencode", "copilot", "gemini", "codex", "qwen", "factory", "cursor")


def export(doc: AgentDocument, target: str, plugin_name: str | None = None) -> ExportResult:
    """Export one agent; raises ExportError when the agent or its name cannot be exported."""
    if target not in TARGETS:
        raise ExportError(f"unknown target {target!r}; choose one of {', '.join(TARGETS)}")
    agent = from_document(doc)
    module = import_module(f".{target}", __name__)
    if target == "plugin":
        return module.export(agent, plugin_name)
    return module.export(agent)


__all__ = ["TARGETS", "Agent", "ExportError", "ExportFile", "ExportResult", "Loss", "export", "from_document", "write_files"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return export(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
