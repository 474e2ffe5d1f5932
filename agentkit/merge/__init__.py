"""Merge variants of one agent into one file, and show how two variants differ."""

from __future__ import annotations

from .core import merge
from .model import Conflict, MergeError, MergeResult

__all__ = ["Conflict", "MergeError", "MergeResult", "merge"]
