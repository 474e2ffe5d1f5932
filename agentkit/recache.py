"""Compiled regular expressions kept between runs of the command.

agentkit's checks use a few hundred regular expressions; compiling them is about half
of what checking one new file costs (Python's ``re`` parses each pattern and generates
its code in Python on every start). The generated code is a list of integers that
``_sre.compile`` turns into a pattern object in microseconds, so the command keeps
those lists in its cache folder, one file per Python regex engine (its cache tag,
``_sre.MAGIC`` and code size), and hands them straight to ``_sre.compile`` the next
time. A pattern not in the file is compiled the usual way and added to it.

Only the ``agentkit`` command installs this (never ``import agentkit``), only with its
cache on, and only on CPython whose ``re`` has the shape it expects; anything
unexpected falls back to compiling as usual. The file is written atomically when a run
compiled something new, and it holds only what that run used, so it never grows with
old patterns. Deleting it at any time is safe.
"""

from __future__ import annotations

import os
import sys
from array import array
from typing import Any, Optional

Key = tuple[bool, Any, int]  # (is str, pattern, flags)
Entry = tuple[int, bytes, int, dict[str, int], tuple[Optional[str], ...]]  # the code as machine words: loads in a fraction of the time a list of ints takes
_NEW_ENOUGH = 16  # a run that compiled fewer new patterns (ones built from a file's own words) leaves the file as it is


class _Cache:
    def __init__(self, path: str, table: dict[Key, Entry], original: Any, sre: Any, parser: Any, code: Any, word: str, fresh: bool) -> None:
        self.path = path
        self.table = table
        self.used: dict[Key, Entry] = {}
        self.added = 0
        self.original = original
        self.sre = sre
        self.parser = parser
        self.code = code
        self.pid = os.getpid()
        self.word = word  # the array type code of one word of ``_sre`` code
        self.fresh = fresh  # no file was read

    def compile(self, p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)):
            return self.original(p, flags)
        key = (isinstance(p, str), p, int(flags))
        got = self.table.get(key)
        if got is not None:
            try:
                pat = self.sre.compile(p, got[0], array(self.word, got[1]).tolist(), got[2], got[3], got[4])
            except Exception:  # a damaged entry: compile as usual
                return self.original(p, flags)
            self.used[key] = got
            return pat
        if flags & 128:  # re.DEBUG prints as it compiles
            return self.original(p, flags)
        try:
            parsed = self.parser.parse(p, flags)
            code = self.code(parsed, flags)
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[Optional[str]] = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            words = [int(c) for c in code]
            entry: Entry = (int(flags | parsed.state.flags), array(self.word, words).tobytes(), parsed.state.groups - 1, groupindex, tuple(indexgroup))
            pat = self.sre.compile(p, entry[0], words, entry[2], entry[3], entry[4])
        except Exception:  # an invalid pattern (re.error, raised again below) or another shape of ``re``
            return self.original(p, flags)
        self.used[key] = entry
        self.added += 1
        return pat

    def save(self) -> None:
        """Write what this run used, when it compiled something new (the parent only: a
        worker's patterns are its parent's)."""
        if not (self.added >= _NEW_ENOUGH or self.fresh and self.added) or os.getpid() != self.pid:
            return
        from .fsutil import keep_marshalled

        keep_marshalled(self.path, self.used)


_active: Optional[_Cache] = None


def install(folder: str) -> None:
    """Use (and keep) compiled patterns under ``folder`` for the rest of this process."""
    global _active
    if _active is not None or sys.implementation.name != "cpython":
        return
    try:
        import _sre
        import re._compiler as compiler
        import re._parser as parser

        original = compiler.compile
        code = compiler._code
        tag = f"{sys.implementation.cache_tag}-{_sre.MAGIC}-{_sre.CODESIZE}"
        word = next(w for w in "IL" if array(w).itemsize == _sre.CODESIZE)
    except (ImportError, AttributeError, StopIteration):
        return  # another shape of ``re``: compile as usual
    from .fsutil import load_marshalled

    path = os.path.join(folder, f"re-{tag}.marshal")
    loaded = load_marshalled(path)  # (none yet, or unreadable: start afresh)
    table: dict[Key, Entry] = loaded if isinstance(loaded, dict) else {}
    fresh = loaded is None
    _active = _Cache(path, table, original, _sre, parser, code, word, fresh)
    compiler.compile = _active.compile


def save() -> None:
    """Write the patterns of this run, if it compiled any new one."""
    if _active is not None:
        _active.save()
