"""``agentkit diff A B``: the merge's alignment shown to a person.

Per aligned section: the units only in A, only in B, the near duplicates (the
same rule worded differently) and the conflicts; exact duplicates are counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import AgentDocument
from . import adapter
from .core import Node, Placer, _body_conflicts, _persona_conflict
from .fields import UNION_KEYS, collect, same_example, tool_list
from .model import Conflict
from .units import MUnit, extract, heading_path, similarity, units_of


@dataclass
class SectionDiff:
    path: tuple[str, ...]
    a_line: int | None
    b_line: int | None
    same: int = 0
    only_a: list[MUnit] = field(default_factory=list)
    only_b: list[MUnit] = field(default_factory=list)
    near: list[tuple[MUnit, MUnit, float]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.only_a or self.only_b or self.near or self.conflicts or self.a_line is None or self.b_line is None)


@dataclass
class DiffResult:
    a: AgentDocument
    b: AgentDocument
    frontmatter: list[Conflict]
    examples_same: int
    examples_only_a: list[Any]
    examples_only_b: list[Any]
    sections: list[SectionDiff]
    tools: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)  # key → (only in a, only in b)

    @property
    def differs(self) -> bool:
        return bool(self.frontmatter or self.tools or self.examples_only_a or self.examples_only_b or any(s.changed for s in self.sections))

    def counts(self) -> dict[str, int]:
        return {
            "sections": len(self.sections),
            "same": sum(s.same for s in self.sections),
            "only_a": sum(len(s.only_a) for s in self.sections),
            "only_b": sum(len(s.only_b) for s in self.sections),
            "near": sum(len(s.near) for s in self.sections),
            "conflicts": sum(len(s.conflicts) for s in self.sections) + len(self.frontmatter),
        }


def diff(a: AgentDocument, b: AgentDocument, engine: adapter.Engine | None | str = "default") -> DiffResult:
    docs = [a, b]
    trees = [extract(a, 0), extract(b, 1)]
    units = [units_of(t) for t in trees]
    fields = collect(docs, [0, 1])
    eng = adapter.default_engine() if engine == "default" else engine
    body, _ = _body_conflicts(adapter.find(docs, eng), docs, units)  # type: ignore[arg-type]
    persona = _persona_conflict(docs, trees)
    if persona is not None:
        body.insert(0, persona)
    placer = Placer([a.text, b.text], markers=True)
    for t in trees:
        placer.add(t)
    in_conflict = {id(s.unit) for c in body for s in c.sides}
    node_conflicts: dict[int, list[Conflict]] = {}
    for c in body:
        slot = placer.slot_of.get(id(c.sides[0].unit))
        node = _node_of(placer.root, slot)
        if node is not None:
            node_conflicts.setdefault(id(node), []).append(c)
    sections = []
    for node in placer.root.walk():
        heads = {h.doc: h for h in node.headings}
        sd = SectionDiff(heading_path(node), heads[0].line if 0 in heads else None, heads[1].line if 1 in heads else None)
        if node is placer.root:
            sd.a_line = sd.b_line = 0
        for slot in node.slots:
            docs_in = {u.doc for u in slot.members}
            if docs_in == {0, 1}:
                ua = next(u for u in slot.members if u.doc == 0)
                ub = next(u for u in slot.members if u.doc == 1)
                na, nb = _norm(ua, a.text), _norm(ub, b.text)
                if na == nb:
                    sd.same += 1
                else:
                    sd.near.append((ua, ub, round(similarity(na, nb), 2)))
                continue
            for u in slot.members:
                if id(u) in in_conflict:
                    continue
                (sd.only_a if u.doc == 0 else sd.only_b).append(u)
        sd.conflicts = node_conflicts.get(id(node), [])
        sections.append(sd)
    ex_a = [e for e in fields.examples if e.doc == 0]
    ex_b = [e for e in fields.examples if e.doc == 1]
    same = sum(1 for e in ex_a if any(same_example(e, f) for f in ex_b))
    only_a = [e for e in ex_a if not any(same_example(e, f) for f in ex_b)]
    only_b = [e for e in ex_b if not any(same_example(e, f) for f in ex_a)]
    tools = {}
    for key in UNION_KEYS:
        la, lb = tool_list(a.frontmatter.data.get(key)), tool_list(b.frontmatter.data.get(key))
        if key in a.frontmatter.data and key in b.frontmatter.data and (set(la) != set(lb)):
            tools[key] = ([t for t in la if t not in lb], [t for t in lb if t not in la])
    return DiffResult(a, b, list(fields.conflicts), same, only_a, only_b, sections, tools)


def _norm(u: MUnit, text: str) -> str:
    from .units import normalise

    return normalise(u.raw(text), u.kind)


def _node_of(root: Node, slot: Any) -> Node | None:
    if slot is None:
        return None
    for node in root.walk():
        if slot in node.slots:
            return node
    return None


# --- output -----------------------------------------------------------------


def _first_line(u: MUnit, text: str) -> str:
    raw = u.raw(text)
    first = raw.split("\n", 1)[0].strip()
    if u.kind == "code":
        n = raw.count("\n") - 1
        return f"{first} … ({n} lines of code)"
    return first if len(first) <= 140 else first[:139] + "…"


def text_lines(d: DiffResult) -> list[tuple[str, str]]:
    """(text, rich style) lines."""
    a, b = d.a, d.b
    out: list[tuple[str, str]] = [(f"--- a: {a.path}", "bold red"), (f"+++ b: {b.path}", "bold green")]
    if d.frontmatter or d.tools or d.examples_only_a or d.examples_only_b:
        out.append(("frontmatter", "bold"))
        for c in d.frontmatter:
            out += _conflict_lines(c, a, b)
        for key, (only_a, only_b) in d.tools.items():
            if only_a:
                out.append((f"  - a: {key}: {', '.join(only_a)}", "red"))
            if only_b:
                out.append((f"  + b: {key}: {', '.join(only_b)}", "green"))
        for e in d.examples_only_a:
            out.append((f"  - a:{e.line}  <example> user: {e.example.user or ''}", "red"))
        for e in d.examples_only_b:
            out.append((f"  + b:{e.line}  <example> user: {e.example.user or ''}", "green"))
    for s in d.sections:
        if not s.changed:
            continue
        title = " > ".join(s.path) if s.path else "(before the first heading)"
        where = []
        if s.a_line:
            where.append(f"a:{s.a_line}")
        if s.b_line:
            where.append(f"b:{s.b_line}")
        if s.path and s.a_line is None:
            where.append("only in b")
        elif s.path and s.b_line is None:
            where.append("only in a")
        out.append((f"{'#' * max(1, len(s.path) + 1)} {title}" + (f"  ({', '.join(where)})" if where else ""), "bold"))
        for u in s.only_a:
            out.append((f"  - a:{u.line}  {_first_line(u, a.text)}", "red"))
        for u in s.only_b:
            out.append((f"  + b:{u.line}  {_first_line(u, b.text)}", "green"))
        for ua, ub, sim in s.near:
            out.append((f"  ~ a:{ua.line} b:{ub.line}  near duplicates ({sim:.2f})", "yellow"))
            out.append((f"      a: {_first_line(ua, a.text)}", "red"))
            out.append((f"      b: {_first_line(ub, b.text)}", "green"))
        for c in s.conflicts:
            out += _conflict_lines(c, a, b)
    n = d.counts()
    out.append(
        (
            f"{n['sections']} sections: {n['same']} units the same, {n['only_a']} only in a, {n['only_b']} only in b, "
            f"{n['near']} near duplicates, {n['conflicts']} conflicts",
            "bold",
        )
    )
    return out


def _conflict_lines(c: Conflict, a: AgentDocument, b: AgentDocument) -> list[tuple[str, str]]:
    out = [(f"  ! conflict {c.id} ({c.kind}): {c.message}", "bold magenta")]
    for s in c.sides:
        tags = ["a" if d == 0 else "b" for d in s.docs]
        text = " ".join(s.text.split())
        text = text if len(text) <= 140 else text[:139] + "…"
        out.append((f"      {'+'.join(tags)}:{s.line}  {text}", "magenta"))
    return out


def payload(d: DiffResult) -> dict[str, Any]:
    a, b = d.a, d.b

    def unit(u: MUnit, doc: AgentDocument) -> dict[str, Any]:
        return {"line": u.line, "kind": u.kind, "text": u.raw(doc.text)}

    def conflict(c: Conflict) -> dict[str, Any]:
        return {
            "id": c.id,
            "kind": c.kind,
            "message": c.message,
            "key": c.key,
            "sides": [{"in": ["a" if x == 0 else "b" for x in s.docs], "line": s.line, "text": s.text} for s in c.sides],
        }

    return {
        "version": 1,
        "a": a.path,
        "b": b.path,
        "frontmatter": {
            "conflicts": [conflict(c) for c in d.frontmatter],
            "tools": {k: {"only_a": x, "only_b": y} for k, (x, y) in d.tools.items()},
            "examples": {
                "same": d.examples_same,
                "only_a": [{"line": e.line, "user": e.example.user} for e in d.examples_only_a],
                "only_b": [{"line": e.line, "user": e.example.user} for e in d.examples_only_b],
            },
        },
        "sections": [
            {
                "section": list(s.path),
                "a_line": s.a_line or None,
                "b_line": s.b_line or None,
                "same": s.same,
                "only_a": [unit(u, a) for u in s.only_a],
                "only_b": [unit(u, b) for u in s.only_b],
                "near": [{"a": unit(x, a), "b": unit(y, b), "similarity": sim} for x, y, sim in s.near],
                "conflicts": [conflict(c) for c in s.conflicts],
            }
            for s in d.sections
        ],
        "summary": d.counts(),
    }
