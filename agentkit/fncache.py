"""Dataclass methods kept compiled between runs of the command.

``@dataclass`` writes the source of each class's ``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``… and compiles it with ``exec`` every time the class is
created: for the ~40 dataclasses a one-file run creates, that compiling is ~15 ms, more
than checking the file. The ``agentkit`` command keeps the compiled code of each such
source text in its cache folder (``fn-<cache tag>-<bytecode magic>.marshal``) and hands
it to ``exec`` the next time: ``dataclasses`` still builds every class itself, from the
same source, and gets the same functions; only the compiling is skipped. A text not in
the file is compiled the usual way and added to it.

Only the ``agentkit`` command installs this (never ``import agentkit``), only with its
cache on, and only on CPython; ``dataclasses`` calls the ``exec`` this puts in its
namespace and nothing else changes. The file is written atomically when a run compiled
something new: what it held and what the run added (agentkit's dataclasses, ~250 texts), or only
what the run used once it holds more than :data:`_MAX_KEPT` (an edited checkout leaves the
texts of classes it no longer has). Deleting it at any time is safe.
"""

from __future__ import annotations

import __future__
import builtins
import os
import sys
from typing import Any, Optional


_MAX_KEPT = 1500  # texts kept from earlier runs (agentkit's dataclasses need ~250); beyond, only this run's

_FUTURE_FLAGS = 0
for _name in __future__.all_feature_names:
    if _name != "nested_scopes":  # (its flag is no compiler flag: exec passes on the others)
        _FUTURE_FLAGS |= getattr(__future__, _name).compiler_flag


_active: Optional["_Cache"] = None  # the cache this process installed


class _Cache:
    def __init__(self, path: str, table: dict[str, Any]) -> None:
        self.path = path
        self.table = table
        self.added = 0
        self.used: set[str] = set()
        self.pid = os.getpid()

    def exec(self, source: Any, globals: Any = None, locals: Any = None) -> None:  # noqa: A002 - exec's own parameters
        if isinstance(source, str):
            code = self.table.get(source)
            if code is None:
                # What exec(source) compiles: file "<string>", the caller's future flags (none in dataclasses).
                flags = sys._getframe(1).f_code.co_flags & _FUTURE_FLAGS
                code = self.table[source] = compile(source, "<string>", "exec", flags, dont_inherit=True)
                self.added += 1
            self.used.add(source)
            source = code
        if globals is None:  # exec's default: the caller's namespaces (dataclasses always passes its own)
            frame = sys._getframe(1)
            globals, locals = frame.f_globals, frame.f_locals if locals is None else locals
        builtins.exec(source, globals, locals)

    def save(self) -> None:
        """Add what this run compiled to the file (the parent only)."""
        if not self.added or os.getpid() != self.pid:
            return
        from .fsutil import keep_marshalled

        keep_marshalled(self.path, self.table if len(self.table) <= _MAX_KEPT else {k: v for k, v in self.table.items() if k in self.used})



def install(folder: str) -> None:
    """Use (and keep) compiled dataclass methods under ``folder`` for the rest of this process."""
    global _active
    if _active is not None or sys.implementation.name != "cpython":
        return
    try:
        import dataclasses
        from _frozen_importlib_external import MAGIC_NUMBER  # what importlib.util.MAGIC_NUMBER is

        if "exec" in vars(dataclasses):
            return  # something else already replaced it
        tag = f"{sys.implementation.cache_tag}-{int.from_bytes(MAGIC_NUMBER[:2], 'little')}"
    except (ImportError, AttributeError):
        return
    from .fsutil import load_marshalled

    path = os.path.join(folder, f"fn-{tag}.marshal")
    loaded = load_marshalled(path)  # (none yet, or unreadable: start afresh)
    code_type = type(install.__code__)
    table: dict[str, Any] = {k: v for k, v in loaded.items() if isinstance(k, str) and type(v) is code_type} if isinstance(loaded, dict) else {}
    _active = _Cache(path, table)
    dataclasses.exec = _active.exec  # type: ignore[attr-defined]


def save() -> None:
    """Write the compiled methods of this run, if it compiled any new one."""
    if _active is not None:
        _active.save()
