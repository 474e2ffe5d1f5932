"""Conflicting instructions: directives, their frames, and the conflicts between them.

>>> import agentkit
>>> docs = [agentkit.load(f"agents/backend-engineer/backend-engineer.{v}.md") for v in ("saas", "spec-executor")]
>>> [c.kind for c in agentkit.conflicts(docs) if c.topic == "validation error"]
['value']
"""

from __future__ import annotations

from .api import conflicts, directives
from .model import Conflict, Directive, Frame, Value

__all__ = ["Conflict", "Directive", "Frame", "Value", "conflicts", "directives"]
