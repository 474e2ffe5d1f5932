"""The one place merge talks to the conflict engine (``agentkit.conflicts``).

Merge needs, for each conflict: a stable id, a kind, a message and its sides,
each side a file path and the offsets of the directive in that file. This
module turns the engine's answer into that shape; nothing else in
``agentkit.merge`` imports the engine.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ..document import AgentDocument


@dataclass(frozen=True, slots=True)
class Side:
    path: str
    source: str  # "body" | "description" | "frontmatter"
    start: int  # file offsets of the directive
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Found:
    id: str
    kind: str
    message: str
    sides: tuple[Side, ...]


Engine = Callable[[Sequence[AgentDocument]], Sequence[Any]]


def default_engine() -> Engine | None:
    """``agentkit.conflicts`` when this installation has the conflict engine."""
    import importlib

    import agentkit

    engine = getattr(agentkit, "conflicts", None)
    if engine is None or isinstance(engine, types.ModuleType) and not callable(engine):
        try:
            module = importlib.import_module("agentkit.conflicts")
        except ImportError:
            return None
        engine = getattr(agentkit, "conflicts", None)
        if isinstance(engine, types.ModuleType) and not callable(engine):
            engine = getattr(module, "conflicts", None)
    return engine if callable(engine) else None


def find(docs: Sequence[AgentDocument], engine: Engine | None) -> list[Found]:
    """Conflicts between and inside ``docs``, in the engine's order."""
    if engine is None:
        return []
    out = []
    for c in engine(list(docs)):
        sides = []
        for d in c.sides:
            sides.append(Side(str(d.path), str(getattr(d, "source", "body")), int(d.start), int(d.end), str(d.text)))
        out.append(Found(str(c.id), str(c.kind), str(getattr(c, "message", "")), tuple(sides)))
    return out
