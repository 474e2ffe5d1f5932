"""Baselines: record today's findings so that only new ones are reported.

A finding's fingerprint is its code, its file (relative to the baseline file's
folder) and the normalised text of the lines it points at — never its line
number, so inserting or deleting lines elsewhere keeps it matched. Identical
fingerprints are counted: two identical findings in a file need two entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from .diagnostics import Diagnostic

VERSION = 1
_SPACE = re.compile(r"\s+")
MAX_CONTEXT_LINES = 5


class BaselineError(Exception):
    pass


def _context(d: Diagnostic, text: str | None) -> str:
    if text is None:
        return ""
    lines = re.split(r"\r\n|\r|\n", text)
    first = max(1, d.span.line)
    last = min(len(lines), max(first, d.span.end_line), first + MAX_CONTEXT_LINES - 1)
    return _SPACE.sub(" ", "\n".join(lines[first - 1 : last])).strip()


def _rel(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), root)
    return rel.replace(os.sep, "/")


def fingerprint(d: Diagnostic, text: str | None, root: str) -> str:
    key = "\0".join((d.code, _rel(d.path, root), _context(d, text)))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass
class Baseline:
    path: str
    counts: Counter[tuple[str, str]]  # (relative path, fingerprint) -> how many

    @property
    def root(self) -> str:
        return os.path.dirname(os.path.abspath(self.path))

    def filter(self, diagnostics: Iterable[Diagnostic], text_of: Callable[[str], str | None]) -> tuple[list[Diagnostic], int]:
        """(findings not in the baseline, how many were matched)."""
        left = Counter(self.counts)
        kept: list[Diagnostic] = []
        matched = 0
        for d in diagnostics:
            key = (_rel(d.path, self.root), fingerprint(d, text_of(d.path), self.root))
            if left[key] > 0:
                left[key] -= 1
                matched += 1
            else:
                kept.append(d)
        return kept, matched


def load(path: str) -> Baseline:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as exc:
        raise BaselineError(f"{path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not a baseline file (invalid JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not an agentkit baseline file (version {VERSION})")
    counts: Counter[tuple[str, str]] = Counter()
    for i, item in enumerate(data["findings"]):
        if not isinstance(item, dict) or not isinstance(item.get("path"), str) or not isinstance(item.get("fingerprint"), str):
            raise BaselineError(f"{path}: findings[{i}]: needs `path` and `fingerprint` strings")
        counts[(item["path"], item["fingerprint"])] += 1
    return Baseline(path, counts)


def dumps(path: str, diagnostics: Iterable[Diagnostic], text_of: Callable[[str], str | None]) -> str:
    """The baseline file that records ``diagnostics``, to be written at ``path``."""
    root = os.path.dirname(os.path.abspath(path))
    findings = sorted(
        ({"path": _rel(d.path, root), "code": d.code, "fingerprint": fingerprint(d, text_of(d.path), root), "message": d.message} for d in diagnostics),
        key=lambda f: (f["path"], f["code"], f["fingerprint"]),
    )
    return json.dumps({"version": VERSION, "tool": "agentkit", "findings": findings}, ensure_ascii=False, indent=1) + "\n"


__all__ = ["Baseline", "BaselineError", "dumps", "fingerprint", "load"]
