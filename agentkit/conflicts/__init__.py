"""Conflicting instructions: directives, their frames, and the conflicts between them.

>>> import agentkit
>>> docs = [agentkit.load(f"agents/backend-engineer/backend-engineer.{v}.md") for v in ("saas", "spec-executor")]
>>> [c.kind for c in agentkit.conflicts(docs) if c.topic == "validation error"]
['value']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import Conflict, Directive, Frame, Value

_TYPES = ("Conflict", "Directive", "Frame", "Value")


def __getattr__(name: str) -> Any:
    # The types are imported on first use too: the command creates their dataclasses only
    # once it has installed its compiled dataclass methods (agentkit.fncache).
    if name in _TYPES or name == "model":
        import importlib

        model = importlib.import_module(".model", __name__)  # (sets the package's `model`)
        for key in _TYPES:
            globals()[key] = getattr(model, key)
        return globals()[name]
    # The engine is imported on first use: a run that compares nothing (a cached run, a
    # selection without the conflict rules) does not pay for its start-up.
    if name in ("conflicts", "directives"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_TYPES, "model"})


__all__ = ["Conflict", "Directive", "Frame", "Value", "conflicts", "directives"]
