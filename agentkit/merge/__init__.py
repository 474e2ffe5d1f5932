"""Merge variants of one agent into one file, and show how two variants differ.

``agentkit.merge(docs, …)`` is :func:`agentkit.merge.core.merge`: this package
is callable, so the name works whether Python has bound it to the function or
to the package.
"""

from __future__ import annotations

import sys
import types

from .core import merge
from .model import Conflict, MergeError, MergeResult

__all__ = ["Conflict", "MergeError", "MergeResult", "merge"]


class _CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return merge(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
