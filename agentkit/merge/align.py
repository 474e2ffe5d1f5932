"""Which headings of different variants name the same section.

Titles are compared as sets of words after dropping numbering ("3.", "Step
2:"), parenthetical remarks ("(MANDATORY)"), markup, case, "&"/"and" and
words that only say a heading is a heading ("guidelines", "standards",
"approach"…), with a crude plural fold. Two titles match when the sets are
equal, when one adds a single word to the other ("Error Handling" ~ "Error
handling & validation"), or when their spelling is nearly the same (a typo).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_NUMBERING = re.compile(r"^\s*(?:(?:step|phase|part|section)\s+)?(?:\d+(?:\.\d+)*|[ivx]+|[a-z])[.):]\s+|^\s*(?:step|phase|part)\s+\d+\s*[:.-]?\s*", re.IGNORECASE)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z0-9]+")
_FILLER = frozenset(
    {
        "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "with", "your", "our", "my", "its",
        "approach", "guidelines", "guideline", "standards", "standard", "requirements", "practices", "best",
        "principles", "rules", "overview", "notes", "considerations", "details", "general", "basics",
    }
)  # fmt: skip
_NUMBERED = re.compile(r"^(\s*)(\d+)([.)])(\s+)")


def words(title: str) -> frozenset[str]:
    """The words that identify a section title."""
    return frozenset(_ordered(title))


def head(title: str) -> str:
    """The last identifying word: in English the head noun ("Implementation *Workflow*")."""
    ws = _ordered(title)
    return ws[-1] if ws else ""


def _ordered(title: str) -> list[str]:
    t = _NUMBERING.sub("", title.replace("*", "").replace("`", "").replace("_", " "))
    t = _PAREN.sub(" ", t).lower().replace("&", " and ")
    out: list[str] = []
    for w in _WORD.findall(t):
        if w in _FILLER:
            continue
        if len(w) > 4 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        if w not in out:
            out.append(w)
    return out


def score(a: frozenset[str], b: frozenset[str]) -> float:
    """1.0 same words; 0.9 one word more; spelling ratio when ≥ 0.85; else 0."""
    if not a or not b:
        return 1.0 if a == b else 0.0
    if a == b:
        return 1.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if small <= large and len(large) - len(small) <= 1:
        return 0.9
    r = SequenceMatcher(None, " ".join(sorted(a)), " ".join(sorted(b)), autojunk=False).ratio()
    return r if r >= 0.85 else 0.0


def numbered(title: str) -> bool:
    return bool(_NUMBERED.match(title))


def renumber(title: str, n: int) -> str:
    """``title`` with its leading "N." replaced by ``n`` (added when absent)."""
    m = _NUMBERED.match(title)
    if m:
        return f"{m.group(1)}{n}{m.group(3)}{m.group(4)}{title[m.end():]}"
    return f"{n}. {title}"
