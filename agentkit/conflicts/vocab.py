"""The conflict vocabulary: enum families, hypernyms, synonyms, status roles,
quantities and polarity headings, read once from ``agentkit/data/conflict_vocab.json``.

A small built-in table stands in for any section the data file lacks, so
detection works even from a partial file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

FALLBACK: dict[str, Any] = {
    "version": 1,
    "families": {
        "package_manager": {
            "role_words": ["package manager", "install dependencies", "dependencies"],
            "exclusive": True,
            "members": {"npm": ["npm"], "pnpm": ["pnpm"], "yarn": ["yarn"], "bun": ["bun"]},
        },
    },
    "hypernyms": {
        "readme": ["documentation", "doc"],
        "changelog": ["documentation", "doc"],
        "docstring": ["documentation"],
    },
    "synonyms": {"utilise": "use", "utilize": "use", "employ": "use", "docs": "documentation", "doc": "documentation"},
    "status_roles": {
        "validation_error": {"words": ["validation", "invalid input", "malformed", "invalid request", "invalid data"], "codes": [400, 422]},
        "not_found": {"words": ["not found", "missing resource", "does not exist", "doesn't exist"], "codes": [404]},
        "unauthenticated": {"words": ["unauthenticated", "authentication", "missing token", "invalid token", "not logged in"], "codes": [401]},
        "forbidden": {"words": ["forbidden", "permission", "not allowed", "authorization", "insufficient"], "codes": [403]},
        "conflict": {"words": ["conflict", "duplicate", "already exists"], "codes": [409]},
        "rate_limit": {"words": ["rate limit", "too many requests", "throttl"], "codes": [429]},
        "server_error": {"words": ["server error", "unexpected", "internal error"], "codes": [500]},
        "created": {"words": ["created", "creation"], "codes": [201]},
    },
    "quantities": {
        "test_coverage": {"words": ["coverage"], "unit": "%"},
        "line_length": {"words": ["line length", "characters per line", "chars per line", "line width"], "unit": "char"},
        "function_length": {"words": ["function length", "lines per function", "function"], "unit": "line"},
        "file_length": {"words": ["file length", "lines per file", "file"], "unit": "line"},
        "indentation": {"words": ["indentation", "indent"], "unit": "space"},
        "retries": {"words": ["retry", "retries", "attempts"], "unit": "count"},
        "timeout": {"words": ["timeout", "time out"], "unit": "s"},
    },
    "numbers": {
        "cardinals": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10},
        "multiplicatives": {"once": 1, "twice": 2},
    },
    "verb_classes": {"record": ["log", "track", "record"]},
    "opposite_states": [[["open"], ["shut", "closed"]]],
    "polarity_headings": {
        "prohibit": ["patterns to avoid", "anti-patterns", "anti patterns", "antipatterns", "don'ts", "dont's", "donts", "do not", "don't",
                     "never", "avoid", "constraints", "prohibited", "forbidden", "what not to do", "pitfalls to avoid", "common mistakes",
                     "red flags", "must not", "not allowed", "restrictions", "bad", "wrong", "❌", "🚫", "⛔"],
        "require": ["do", "dos", "do's", "always", "must", "required", "requirements", "patterns to follow", "best practices",
                    "deliverables", "outputs", "output", "checklist", "success criteria", "✅", "✔", "✓", "good", "correct"],
    },
}


@dataclass(frozen=True, eq=False)
class Vocab:
    families: dict[str, Any]
    hypernyms: dict[str, tuple[str, ...]]
    synonyms: dict[str, str]
    status_roles: dict[str, Any]
    quantities: dict[str, Any]
    prohibit_headings: tuple[str, ...]
    require_headings: tuple[str, ...]
    member_index: dict[str, tuple[str, str]]  # spelling (lowercase) -> (family, member)
    permit_headings: tuple[str, ...] = ()
    exact_headings: frozenset[str] = frozenset()  # phrases that count only as the whole heading
    ambiguous: frozenset[tuple[str, str]] = frozenset()  # (family, spelling) that needs a role word nearby
    hyper_keys: dict[str, tuple[tuple[str, ...], ...]] | None = None  # match key -> key phrases of what it is an instance of
    syn_keys: dict[str, str] | None = None  # match key -> match key of its normal form
    member_families: dict[str, tuple[tuple[str, str], ...]] | None = None  # spelling -> every (family, member) it names
    cardinals: dict[str, float] | None = None  # number word -> value ("three", "a dozen")
    multiplicatives: dict[str, float] | None = None  # "once", "twice" -> how many times
    verb_class: dict[str, str] | None = None  # verb -> the class of acts it belongs to ("track" -> "record")
    states: dict[str, tuple[int, int]] | None = None  # state word -> (pair, side): "open" -> (0, 0), "shut" -> (0, 1)


@lru_cache(maxsize=1)
def _read_data() -> dict[str, Any]:
    """The data file, read and parsed once per process: the vocabulary, the polarity cues and
    the phrasal verbs (agentkit.conflicts.frames) each read it (~2.5 ms a time). Callers
    only read it."""
    try:
        from ..facts import data_text

        raw = data_text("conflict_vocab.json")
        data = json.loads(raw)
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def build(data: dict[str, Any]) -> Vocab:
    """A :class:`Vocab` from a vocabulary mapping; sections it lacks come from the built-in table."""

    def section(name: str) -> Any:
        value = data.get(name)
        return value if isinstance(value, dict) and value else FALLBACK[name]

    families = section("families")
    from .frames import word_key  # the frame reader's own key for a written word
    from .lexicon import GENERIC

    members: dict[str, tuple[str, str]] = {}
    every: dict[str, list[tuple[str, str]]] = {}
    ambiguous: set[tuple[str, str]] = set()
    for fam, spec in sorted(families.items()):
        if not isinstance(spec, dict):
            continue
        amb = {str(a).lower() for a in spec.get("ambiguous", ())}
        for member, spellings in sorted((spec.get("members") or {}).items()):
            forms = list(spellings or []) or [member]
            for s in forms:
                low = str(s).lower()
                members.setdefault(low, (fam, str(member)))
                if (fam, str(member)) not in every.setdefault(low, []):
                    every[low].append((fam, str(member)))
                if low in amb or spec.get("role_required"):
                    ambiguous.add((fam, low))
    headings = section("polarity_headings")
    hyper = {str(k).lower(): tuple(str(v).lower() for v in vs) for k, vs in section("hypernyms").items()}
    syn = {str(k).lower(): str(v).lower() for k, v in section("synonyms").items()}
    def keys(phrase: str) -> tuple[str, ...]:
        words = [w for w in phrase.replace("-", " ").split() if w not in GENERIC]
        return tuple(word_key(w) for w in words)

    def all_keys(phrase: str) -> tuple[str, ...]:
        return tuple(word_key(w) for w in phrase.replace("-", " ").split())

    hyper_keys: dict[str, set[tuple[str, ...]]] = {}
    for word, hs in hyper.items():
        k = keys(word)
        if len(k) == 1:
            for h in hs:
                hyper_keys.setdefault(k[0], set()).add(all_keys(h))
    syn_keys = {}
    for word, target in syn.items():
        if " " not in word and " " not in target:
            syn_keys[word_key(word)] = word_key(target)
    return Vocab(
        families,
        hyper,
        syn,
        section("status_roles"),
        section("quantities"),
        tuple(h.lower() for h in headings.get("prohibit", ())),
        tuple(h.lower() for h in headings.get("require", ())),
        members,
        tuple(h.lower() for h in headings.get("permit", ())),
        frozenset(h.lower() for h in headings.get("exact_only", ())),
        frozenset(ambiguous),
        {k: tuple(sorted(v)) for k, v in hyper_keys.items()},
        syn_keys,
        {k: tuple(v) for k, v in every.items()},
        _numbers(data, "cardinals"),
        _numbers(data, "multiplicatives"),
        _verb_classes(data),
        _states(data),
    )


def _states(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    table = data.get("opposite_states")
    if not isinstance(table, list):
        table = FALLBACK["opposite_states"]
    out: dict[str, tuple[int, int]] = {}
    for i, pair in enumerate(table):
        if isinstance(pair, list) and len(pair) == 2:
            for side, words in enumerate(pair):
                for w in words if isinstance(words, list) else ():
                    out.setdefault(str(w).lower(), (i, side))
    return out


def _verb_classes(data: dict[str, Any]) -> dict[str, str]:
    table = data.get("verb_classes")
    if not isinstance(table, dict):
        table = FALLBACK["verb_classes"]
    return {str(v).lower(): str(cls) for cls, verbs in sorted(table.items()) if isinstance(verbs, list) for v in verbs}


def _numbers(data: dict[str, Any], key: str) -> dict[str, float]:
    section = data.get("numbers")
    table = section.get(key) if isinstance(section, dict) else None
    if not isinstance(table, dict):
        table = FALLBACK["numbers"][key]
    return {str(k).lower(): float(v) for k, v in table.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


@lru_cache(maxsize=1)
def load_vocab() -> Vocab:
    """The vocabulary agentkit ships (read once per process)."""
    return build(_read_data())
