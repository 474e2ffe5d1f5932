"""Frontmatter, key by key: the description and its examples, tool unions, scalars.

- ``name``: the shared name (or ``--name``).
- ``description``: the text before the examples is one value per variant;
  different texts are a conflict. The ``<example>`` blocks of every variant
  are united, duplicates (same user turn and answer, or nearly) collapsed.
- ``tools``: the union of the allowlists. A variant without ``tools`` may use
  every tool, so variants that disagree on having an allowlist at all are a
  conflict: the merge never widens or narrows that silently.
- ``disallowedTools``: the union of the denylists.
- anything else: equal values are kept once; different values are a conflict.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..document import AgentDocument
from ..examples import Example, normalise as decode_newlines
from .model import ABSENT, Choice, Conflict
from .units import NEAR, normalise, similarity

UNION_KEYS = ("tools", "disallowedTools")
_EXAMPLES_LABEL = re.compile(r"(?:\s*(?:[-*]\s*)?(?:\*\*|__)?\s*examples?\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*[-*]?\s*)$", re.IGNORECASE)
_EXAMPLE_OPEN = re.compile(r"<example\s*>", re.IGNORECASE)


@dataclass(eq=False)
class ExampleUnit:
    doc: int
    path: str
    line: int
    example: Example
    norm: str
    text: str  # as rendered in the output


@dataclass(eq=False)
class FieldUnit:
    """One frontmatter entry of one input (the description counts as its text before the examples)."""

    doc: int
    path: str
    key: str
    line: int
    value: Any
    text: str  # the value as a person reads it


@dataclass
class Fields:
    keys: list[str]  # output keys in order
    values: dict[str, list[FieldUnit]]  # per key, every input's entry, preference order
    conflicts: list[Conflict]
    examples: list[ExampleUnit]  # every input's examples, preference order
    unions: dict[str, list[str]] = field(default_factory=dict)


def intro(doc: AgentDocument) -> str:
    """The description without its ``<example>`` blocks and their "Examples:" label."""
    text = decode_newlines(doc.description or "")
    m = _EXAMPLE_OPEN.search(text)
    if m:
        text = text[: m.start()]
        text = _EXAMPLES_LABEL.sub("", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def render_example(ex: Example) -> str:
    lines = ["<example>"]
    for t in ex.turns:
        if t.role == "commentary":
            continue
        if t.role == "context":
            lines.append(f"Context: {t.text}")
        else:
            lines.append(f'{t.role}: "{t.text}"')
    if ex.commentary:
        lines += ["<commentary>", ex.commentary, "</commentary>"]
    lines.append("</example>")
    return "\n".join(lines)


def tool_list(value: Any) -> list[str]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list):
        items = [str(v) for v in value]
    else:
        return []
    return [t.strip() for t in items if t.strip()]


def _canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _shown(key: str, value: Any) -> str:
    if value is ABSENT:
        return f"(no `{key}`: every tool)" if key == "tools" else f"(no `{key}`)"
    if isinstance(value, str):
        return value
    return _canon(value)


def _conflict_id(key: str, values: list[str]) -> str:
    digest = hashlib.sha1("\x00".join(sorted(set(values))).encode("utf-8")).hexdigest()[:8]
    return f"frontmatter-{key}-{digest}"


def collect(docs: list[AgentDocument], order: list[int]) -> Fields:
    keys: list[str] = ["name", "description"]
    for i in order:
        for k in docs[i].frontmatter.data:
            if isinstance(k, str) and k not in keys:
                keys.append(k)
    values: dict[str, list[FieldUnit]] = {}
    conflicts: list[Conflict] = []
    unions: dict[str, list[str]] = {}
    for key in keys:
        entries = []
        for i in order:
            doc = docs[i]
            f = doc.frontmatter.fields.get(key)
            if f is None or key not in doc.frontmatter.data:
                continue
            value = intro(doc) if key == "description" else doc.frontmatter.data[key]
            line = doc.span(f.key_start).line
            entries.append(FieldUnit(i, doc.path, key, line, value, _shown(key, value)))
        values[key] = entries
        if key == "name":
            continue
        if key in UNION_KEYS:
            merged: list[str] = []
            for e in entries:
                for t in tool_list(e.value):
                    if t not in merged:
                        merged.append(t)
            unions[key] = merged
            if key == "tools" and entries and len(entries) < len(docs):
                setters = {e.doc: e for e in entries}
                pairs = [(setters[i].value if i in setters else ABSENT, FieldUnit(i, docs[i].path, key, setters[i].line if i in setters else 1, ABSENT, "")) for i in range(len(docs))]
                sides = _grouped(key, [(v, u) for v, u in pairs], lambda v: "\x01" if v is ABSENT else _canon(tool_list(v)))
                conflicts.append(
                    Conflict(
                        _conflict_id(key, ["allowlist", "every tool"]),
                        "tool",
                        "some variants limit `tools`, others set no allowlist and may use every tool",
                        sides,
                        key,
                    )
                )
            continue
        canon = [normalise(e.value) if key == "description" else _canon(e.value) for e in entries]
        if len(set(canon)) > 1:
            sides = _grouped(key, [(e.value, e) for e in sorted(entries, key=lambda e: e.doc)], lambda v: normalise(v) if key == "description" else _canon(v))
            what = "the description (its text before the examples)" if key == "description" else f"`{key}`"
            conflicts.append(Conflict(_conflict_id(key, canon), "frontmatter", f"the variants set {what} differently", sides, key))
    examples: list[ExampleUnit] = []
    for i in order:
        doc = docs[i]
        for ex in doc.examples:
            norm = normalise(" ".join([ex.user or "", *ex.assistant]))
            examples.append(ExampleUnit(i, doc.path, doc.span(ex.start).line, ex, norm, render_example(ex)))
    return Fields(keys, values, conflicts, examples, unions)


def _grouped(key: str, pairs: list[tuple[Any, FieldUnit]], canon: Any) -> list[Choice]:
    """One side per distinct value, in input order; the inputs that agree share it."""
    sides: dict[str, Choice] = {}
    for value, e in pairs:
        k = canon(value)
        if k in sides:
            sides[k].others.append((e.doc, e.path, e.line))
        else:
            sides[k] = Choice(e.doc, e.path, e.line, _shown(key, value), value=value)
    return list(sides.values())


def same_example(a: ExampleUnit, b: ExampleUnit) -> bool:
    return a.norm == b.norm or similarity(a.norm, b.norm) >= NEAR
