"""Merge variants of one agent into one agent file, with provenance for every unit.

Order of work: read every input into units; collect the conflicts (frontmatter
here, the body from the conflict engine); decide each by a resolution, by the
preference order, or leave it for markers; apply the decisions to the units;
align the sections; place the units of every section (duplicates collapse into
one slot); render; account for every input unit in the report.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Sequence

import yaml

from ..document import AgentDocument
from . import adapter, align
from .fields import UNION_KEYS, ExampleUnit, FieldUnit, Fields, collect, same_example
from .model import ABSENT, Choice, Conflict, Decision, MergeError, MergeResult
from .units import NEAR, MUnit, Section, extract, normalise, similarity, units_of

REPORT_VERSION = 1


# --- the merged section tree ----------------------------------------------


@dataclass(eq=False)
class Slot:
    """One place in the output: a unit and the duplicates collapsed into it."""

    members: list[MUnit]
    norm: str
    kind: str
    keep: MUnit
    markers: list[Conflict] = field(default_factory=list)
    line: int = 0  # output line, set when rendered
    rendered: bool = False


@dataclass(eq=False)
class Node:
    words: frozenset[str]
    title: str
    heading: MUnit | None
    parent: Node | None = None
    headings: list[MUnit] = field(default_factory=list)  # every input heading aligned here
    children: list[Node] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    line: int = 0

    def walk(self):  # type: ignore[no-untyped-def]
        yield self
        for c in self.children:
            yield from c.walk()

    def ancestors(self) -> list[Node]:
        out = []
        node: Node | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out


class Placer:
    """Builds the merged tree from the inputs, in preference order."""

    def __init__(self, texts: list[str], markers: bool) -> None:
        self.texts = texts
        self.markers = markers
        self.root = Node(frozenset(), "", None)
        self.exact: dict[tuple[str, str], Slot] = {}
        self.slot_of: dict[int, Slot] = {}  # id(unit) → slot
        self.node_of_heading: dict[int, Node] = {}

    def add(self, root: Section) -> None:
        claimed: set[int] = set()
        self._section(root, self.root, claimed)

    def _match(self, section: Section, parent: Node, claimed: set[int]) -> Node | None:
        words = align.words(section.title)
        best, best_score = None, (0.0, 0.0, 0.0)
        for c in parent.children:
            if id(c) in claimed:
                continue
            s = align.score(words, c.words)
            if not s:
                continue
            same_head = 1.0 if align.head(section.title) in c.words else 0.0
            tie = SequenceMatcher(None, section.title.lower(), c.title.lower(), autojunk=False).ratio()
            if (s, same_head, tie) > best_score:
                best, best_score = c, (s, same_head, tie)
        if best is not None:
            return best
        if not words:
            return None
        above = {id(n) for n in parent.ancestors()}
        for node in self.root.walk():
            if node is self.root or id(node) in claimed or id(node) in above:
                continue
            if node.words == words:
                return node
        return None

    def _section(self, section: Section, node: Node, claimed: set[int]) -> None:
        claimed.add(id(node))
        self._place(section.units, node)
        for child in section.children:
            target = self._match(child, node, claimed)
            if target is None:
                assert child.heading is not None
                target = Node(align.words(child.title), child.title, child.heading, node)
                node.children.append(target)
            assert child.heading is not None
            target.headings.append(child.heading)
            self.node_of_heading[id(child.heading)] = target
            self._section(child, target, claimed)

    def _find(self, node: Node, unit: MUnit, norm: str) -> Slot | None:
        if not norm:
            return None
        hit = self.exact.get((unit.kind, norm))
        if hit is not None:
            return hit
        if unit.kind == "code":
            return None
        best, best_score = None, NEAR
        for slot in node.slots:
            if slot.kind != unit.kind or not slot.norm:
                continue
            s = similarity(norm, slot.norm)
            if s >= best_score and (best is None or s > best_score):
                best, best_score = slot, s
        return best

    def _place(self, units: list[MUnit], node: Node) -> None:
        pending: list[Slot] = []
        for u in units:
            text = self.texts[u.doc]
            cut = u.empty(text)
            if cut and not self.markers:
                continue
            raw = u.raw(text)
            norm = "" if cut else normalise(raw if u.kind != "code" else raw.strip(), u.kind)
            slot = self._find(node, u, norm)
            if slot is not None:
                slot.members.append(u)
                self.slot_of[id(u)] = slot
                if len(norm) > len(slot.norm) and slot.kind != "code":
                    slot.keep, slot.norm = u, norm  # the most specific wording
                if pending and slot in node.slots:
                    at = node.slots.index(slot)
                    node.slots[at:at] = pending
                    pending = []
                continue
            new = Slot([u], norm, u.kind, u)
            self.slot_of[id(u)] = new
            if norm:
                self.exact[(u.kind, norm)] = new
            pending.append(new)
        node.slots.extend(pending)


# --- rendering -------------------------------------------------------------


def _yaml_field(key: str, value: Any) -> str:
    if isinstance(value, str) and ("\n" in value or len(value) > 80):
        lines = value.split("\n")
        block = f"{key}: |-\n" + "\n".join(("  " + line) if line else "" for line in lines)
        try:
            if yaml.safe_load(block) == {key: value}:
                return block
        except yaml.YAMLError:
            pass
        return f"{key}: {json.dumps(value, ensure_ascii=False)}"
    dumped = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=10**9, default_flow_style=False)
    return dumped.rstrip("\n")


def _renumber_list(slots_text: list[tuple[Slot, str]]) -> list[tuple[Slot, str]]:
    """Runs of ordered list items count 1, 2, 3… again after the merge."""
    out = []
    n = 0
    for slot, text in slots_text:
        if slot.kind == "list_item" and align.numbered(text):
            n += 1
            first, _, rest = text.partition("\n")
            text = align.renumber(first, n) + ("\n" + rest if rest else "")
        elif slot.kind != "list_item":
            n = 0
        out.append((slot, text))
    return out


def _marker_block(c: Conflict, index: int) -> str:
    lines = []
    for i, side in enumerate(c.sides):
        head = "<<<<<<<" if i == 0 else "======="
        extra = f" (conflict {c.id}, {c.kind})" if i == 0 else ""
        lines.append(f"{head} {side.where()}{extra}")
        lines.append(side.text)
    lines.append(f">>>>>>> {c.id}")
    return "\n".join(lines)


def _render_body(root: Node, texts: list[str], base: int, first_line: int) -> list[str]:
    lines: list[str] = []

    def emit(block: str) -> int:
        if lines:
            lines.append("")
        at = first_line + len(lines)
        lines.extend(block.split("\n"))
        return at

    def node_out(node: Node, depth: int) -> None:
        if node.heading is not None:
            node.line = emit("#" * min(6, base + depth - 1) + " " + node.title)
        items = []
        for slot in node.slots:
            u = slot.keep
            items.append((slot, "" if u.empty(texts[u.doc]) else u.raw(texts[u.doc])))
        prev: Slot | None = None
        prev_text = ""
        for slot, text in _renumber_list(items):
            if text:
                tight = (
                    prev is not None
                    and prev_text
                    and (
                        (prev.kind == slot.kind == "list_item" and "\n\n" not in prev_text and "\n\n" not in text)
                        or (prev.kind == slot.kind == "table_row" and not slot.keep.header)
                    )
                )
                if tight:
                    slot.line = first_line + len(lines)
                    lines.extend(text.split("\n"))
                else:
                    slot.line = emit(text)
                slot.rendered = True
                prev, prev_text = slot, text
            for c in slot.markers:
                line = emit(_marker_block(c, 0))
                if not text:
                    slot.line = line
                prev, prev_text = None, ""
        titled = [c for c in node.children]
        if titled and align.numbered(titled[0].title):
            for n, c in enumerate(titled, 1):
                c.title = align.renumber(c.title, n)
        else:
            for c in titled:
                if align.numbered(c.title):
                    c.title = align._NUMBERED.sub("", c.title, count=1)
        for child in node.children:
            node_out(child, depth + 1)

    node_out(root, 0)
    return lines


# --- decisions ------------------------------------------------------------


def _decide(conflicts: list[Conflict], rank: dict[int, int], prefer: list[int], resolutions: dict[str, Any] | None, resolutions_name: str, markers: bool, paths: list[str]) -> list[str]:
    warnings = []
    known = {c.id for c in conflicts}
    for cid in (resolutions or {}):
        if cid not in known:
            warnings.append(f"{resolutions_name}: no conflict {cid} in these inputs; its resolution is not used")
    for c in conflicts:
        r = (resolutions or {}).get(c.id)
        if r is not None:
            d = _resolution(c, r, resolutions_name, paths)
            if d is not None:
                c.decision = d
                continue
        if prefer:
            best = min(rank[d] for s in c.sides for d in s.docs)
            doc = next(d for s in c.sides for d in s.docs if rank[d] == best)
            keep = tuple(i for i, s in enumerate(c.sides) if doc in s.docs)
            c.decision = Decision("prefer", keep, None, paths[doc])
        elif markers:
            c.decision = Decision("markers")
    return warnings


def _resolution(c: Conflict, r: Any, source: str, paths: list[str]) -> Decision | None:
    where = f"{source}: {c.id}"
    if not isinstance(r, dict):
        raise MergeError(f"{where}: expected a mapping with `keep`, `text` or `drop`")
    keep, text, drop = r.get("keep"), r.get("text"), r.get("drop")
    chosen = [x for x in (keep is not None, text is not None, bool(drop)) if x]
    if len(chosen) > 1:
        raise MergeError(f"{where}: give only one of `keep`, `text` and `drop`")
    if not chosen:
        return None  # still open
    if drop:
        return Decision("resolution", (), None, source)
    if text is not None:
        if not isinstance(text, str):
            raise MergeError(f"{where}: `text` must be a string")
        return Decision("resolution", (), text, source)
    if isinstance(keep, int) and not isinstance(keep, bool):
        if not 1 <= keep <= len(c.sides):
            raise MergeError(f"{where}: `keep: {keep}` but the conflict has sides 1 to {len(c.sides)}")
        return Decision("resolution", (keep - 1,), None, source)
    if isinstance(keep, str):
        matches = [i for i, s in enumerate(c.sides) if keep in {s.where(), s.path} | {f"{p}:{n}" for _, p, n in s.others} | {p for _, p, _ in s.others}]
        if not matches:
            shown = ", ".join(s.where() for s in c.sides)
            raise MergeError(f"{where}: `keep: {keep}` names no side (sides: {shown})")
        return Decision("resolution", tuple(matches), None, source)
    raise MergeError(f"{where}: `keep` must be a side number or a side's path[:line]")


# --- the merge ------------------------------------------------------------


def _order(docs: Sequence[AgentDocument], prefer: Sequence[str]) -> tuple[list[int], list[int]]:
    paths = [d.path for d in docs]
    preferred: list[int] = []
    for p in prefer:
        hits = [i for i, q in enumerate(paths) if q == p]
        if not hits:
            import os

            hits = [i for i, q in enumerate(paths) if os.path.abspath(q) == os.path.abspath(p)]
        if not hits:
            raise MergeError(f"--prefer {p}: not one of the input files")
        if hits[0] not in preferred:
            preferred.append(hits[0])
    order = preferred + [i for i in range(len(docs)) if i not in preferred]
    return order, preferred


def _body_conflicts(found: list[adapter.Found], docs: Sequence[AgentDocument], units: list[list[MUnit]]) -> tuple[list[Conflict], list[dict[str, Any]]]:
    by_path = {d.path: i for i, d in enumerate(docs)}
    out: list[Conflict] = []
    carried: list[dict[str, Any]] = []
    for f in found:
        if f.kind == "duplicate":
            continue
        sides = []
        ok = True
        for s in f.sides:
            i = by_path.get(s.path)
            if i is None or s.source != "body":
                ok = False
                break
            unit = next((u for u in units[i] if u.start <= s.start < max(u.end, u.start + 1) and u.kind != "heading"), None)
            if unit is None:
                ok = False
                break
            line = docs[i].span(s.start).line
            sides.append(Choice(i, s.path, line, s.text, s.start, s.end, unit))
        if not ok:
            continue
        if len({s.doc for s in sides}) < 2:
            carried.append({"id": f.id, "kind": f.kind, "message": f.message, "sides": [{"path": s.path, "line": s.line, "text": s.text} for s in sides]})
            continue
        sides.sort(key=lambda s: (s.doc, s.start))
        out.append(Conflict(f.id, f.kind, f.message, sides))
    return out, carried


_PERSONA = re.compile(r"(?:you are|you're|act as)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(*])")


def _persona_conflict(docs: Sequence[AgentDocument], trees: list[Section]) -> Conflict | None:
    """Variants that open with different "You are …" sentences: one agent has one identity.

    The opening sentence of the first paragraph before any heading is the
    persona; when variants word it differently (beyond a near duplicate), the
    sentences are the sides of a conflict, decided like any other.
    """
    sides: list[Choice] = []
    for i, tree in enumerate(trees):
        first = next((u for u in tree.units if u.kind == "paragraph"), None)
        if first is None:
            continue
        text = docs[i].text
        body = text[first.start : first.end]
        lead = len(body) - len(body.lstrip())
        if not _PERSONA.match(body, lead):
            continue
        m = _SENTENCE_END.search(body, lead)
        end = first.start + (m.start() if m else len(body.rstrip()))
        start = first.start + lead
        sides.append(Choice(i, docs[i].path, docs[i].span(start).line, " ".join(text[start:end].split()), start, end, first))
    norms = [normalise(s.text) for s in sides]
    if len(sides) < 2 or all(similarity(norms[0], n) >= NEAR for n in norms[1:]):
        return None
    digest = hashlib.sha1("\x00".join(sorted(set(norms))).encode("utf-8")).hexdigest()[:8]
    return Conflict(f"persona-{digest}", "persona", "the variants open with different identities (\"You are …\")", sides)


def merge(
    docs: Sequence[AgentDocument],
    *,
    prefer: Sequence[str] = (),
    resolutions: dict[str, Any] | None = None,
    resolutions_name: str = "resolutions",
    markers: bool = False,
    name: str | None = None,
    max_examples: int | None = None,
    engine: adapter.Engine | None | str = "default",
) -> MergeResult:
    """Merge variants of one agent. Raises :class:`MergeError` on bad input or options."""
    docs = list(docs)
    if len(docs) < 2:
        raise MergeError("merge needs at least two files")
    paths = [d.path for d in docs]
    seen: set[str] = set()
    for p in paths:
        if p in seen:
            raise MergeError(f"{p}: given twice")
        seen.add(p)
    for d in docs:
        if d.read_error:
            raise MergeError(f"{d.path}: {d.read_error}")
        if not d.frontmatter.present or not d.frontmatter.data:
            raise MergeError(f"{d.path}: no frontmatter agentkit can read; fix it first (`agentkit lint {d.path}`)")
    names = [d.name for d in docs]
    if name is None:
        distinct = sorted({n or "" for n in names})
        if len(distinct) > 1 or not distinct[0]:
            listed = ", ".join(f"{d.path}: {d.name!r}" if d.name else f"{d.path}: no name" for d in docs)
            raise MergeError(f"the inputs do not share one `name` ({listed}); give --name NAME to merge them anyway")
        name = distinct[0]
    if max_examples is not None and max_examples < 0:
        raise MergeError("--max-examples must be 0 or more")
    order, preferred = _order(docs, prefer)
    rank = {doc: r for r, doc in enumerate(order)}
    texts = [d.text for d in docs]

    trees = [extract(d, i) for i, d in enumerate(docs)]
    units = [units_of(t) for t in trees]
    fields = collect(docs, order)
    eng = adapter.default_engine() if engine == "default" else engine
    body, carried = _body_conflicts(adapter.find(docs, eng), docs, units)  # type: ignore[arg-type]
    persona = _persona_conflict(docs, trees)
    if persona is not None:
        body.insert(0, persona)
    body.sort(key=lambda c: (min(rank[s.doc] for s in c.sides), min((rank[s.doc], s.start) for s in c.sides)))
    conflicts = fields.conflicts + body
    warnings = _decide(conflicts, rank, preferred, resolutions, resolutions_name, markers, paths)
    open_ = [c for c in conflicts if not c.decided]
    result = MergeResult(name, paths, None, conflicts, open_, warnings=warnings, carried=carried)
    if open_ and not markers:
        result.report = _report(result, docs, units, fields, None, None, max_examples, order)
        return result

    # Apply the body decisions to the units.
    for c in body:
        d = c.decision
        assert d is not None
        if d.how == "markers":
            for s in c.sides:
                s.unit.cuts.append((s.start, s.end))  # type: ignore[union-attr]
            continue
        kept = set(d.keep)
        if d.text is not None:
            first = min(range(len(c.sides)), key=lambda i: (rank[c.sides[i].doc], c.sides[i].start))
            s = c.sides[first]
            s.unit.replacements.append((s.start, s.end, d.text))  # type: ignore[union-attr]
            kept = {first}
        for i, s in enumerate(c.sides):
            if i not in kept:
                s.unit.cuts.append((s.start, s.end))  # type: ignore[union-attr]
            elif d.text is None and s.unit is not None:
                pass

    placer = Placer(texts, markers)
    for i in order:
        placer.add(trees[i])
    for c in body:
        if c.decision is not None and c.decision.how == "markers":
            first = min(c.sides, key=lambda s: (rank[s.doc], s.start))
            slot = placer.slot_of.get(id(first.unit))
            if slot is not None:
                slot.markers.append(c)

    head, fm_lines = _render_frontmatter(name, docs, fields, order, max_examples)
    base = min([u.level for us in units for u in us if u.kind == "heading"] or [2])
    body_lines = _render_body(placer.root, texts, base, len(head) + 2)
    text = "\n".join(head) + "\n\n" + "\n".join(body_lines).rstrip("\n") + "\n"
    result.text = text
    result.report = _report(result, docs, units, fields, placer, fm_lines, max_examples, order)
    return result


# --- frontmatter output ------------------------------------------------------


@dataclass
class _FmOut:
    key_line: dict[str, int] = field(default_factory=dict)  # output line of each key
    example_line: dict[int, int] = field(default_factory=dict)  # id(ExampleUnit) → output line
    example_dup: dict[int, ExampleUnit] = field(default_factory=dict)  # id → the example kept instead
    omitted: list[ExampleUnit] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)


def _winner(c: Conflict | None) -> tuple[int, ...]:
    return c.decision.keep if c is not None and c.decision is not None else ()


def _render_frontmatter(name: str, docs: Sequence[AgentDocument], fields: Fields, order: list[int], max_examples: int | None) -> tuple[list[str], _FmOut]:
    out = _FmOut()
    by_key = {c.key: c for c in fields.conflicts}
    lines = ["---"]

    def put(key: str, value: Any) -> None:
        out.key_line[key] = len(lines) + 1
        out.values[key] = value
        lines.extend(_yaml_field(key, value).split("\n"))

    # The examples: united, duplicates collapsed, preference order.
    kept_examples: list[ExampleUnit] = []
    for ex in fields.examples:
        hit = next((k for k in kept_examples if same_example(k, ex)), None)
        if hit is not None:
            out.example_dup[id(ex)] = hit
            continue
        if max_examples is not None and len(kept_examples) >= max_examples:
            out.omitted.append(ex)
            continue
        kept_examples.append(ex)

    for key in fields.keys:
        entries = fields.values.get(key, [])
        c = by_key.get(key)
        if key == "name":
            put("name", name)
            continue
        if key == "description":
            text = _chosen(c, entries)
            if text is ABSENT:
                text = ""
            if kept_examples:
                text = (text + "\n\n" if text else "") + "Examples:\n\n" + "\n\n".join(e.text for e in kept_examples)
            if c is not None and c.decision is not None and c.decision.how == "markers":
                _comment_sides(lines, c)
            start = len(lines) + 1
            put("description", text)
            # Output line of each example inside the block scalar (or the key line when quoted).
            block = lines[start - 1 :]
            for e in kept_examples:
                first = e.text.split("\n", 1)[0]
                at = start
                if len(block) > 1:
                    for j, line in enumerate(block):
                        if line.strip() == first and (start + j) not in out.example_line.values():
                            at = start + j
                            break
                out.example_line[id(e)] = at
            continue
        if key in UNION_KEYS:
            if key == "tools" and c is not None:
                d = c.decision
                if d is None or d.how == "markers":
                    # Markers: keep the first preferred side, list the others as comments.
                    choice = c.sides[0].value
                else:
                    choice = c.sides[d.keep[0]].value if d.keep else (d.text if d.text is not None else ABSENT)
                if choice is ABSENT:
                    if d is not None and d.how == "markers":
                        _comment_sides(lines, c)
                    continue
                if isinstance(choice, str) and d is not None and d.text is not None:
                    put(key, ", ".join(tool_strip(choice)))
                    continue
            if fields.unions.get(key):
                if c is not None and c.decision is not None and c.decision.how == "markers":
                    _comment_sides(lines, c)
                put(key, ", ".join(fields.unions[key]))
            continue
        value = _chosen(c, entries)
        if c is not None and c.decision is not None and c.decision.how == "markers":
            _comment_sides(lines, c)
        if value is ABSENT:
            continue
        put(key, value)
    lines.append("---")
    return lines, out


def tool_strip(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


def _chosen(c: Conflict | None, entries: list[FieldUnit]) -> Any:
    if c is None:
        return entries[0].value if entries else ABSENT
    d = c.decision
    if d is None or d.how == "markers":
        return c.sides[0].value
    if d.text is not None:
        if c.key == "description":
            return d.text
        try:
            return yaml.safe_load(d.text)
        except yaml.YAMLError:
            return d.text
    if not d.keep:
        return ABSENT
    return c.sides[d.keep[0]].value


def _comment_sides(lines: list[str], c: Conflict) -> None:
    for i, s in enumerate(c.sides):
        head = "<<<<<<<" if i == 0 else "======="
        extra = f" (conflict {c.id}, {c.kind}; the first side is the value used)" if i == 0 else ""
        lines.append(f"# {head} {s.where()}{extra}")
        for part in s.text.split("\n"):
            lines.append(f"#   {part}" if part else "#")
    lines.append(f"# >>>>>>> {c.id}")


# --- the report -------------------------------------------------------------


def _est_tokens(chars: int) -> int:
    return (chars + 3) // 4


def _report(
    result: MergeResult,
    docs: Sequence[AgentDocument],
    units: list[list[MUnit]],
    fields: Fields,
    placer: Placer | None,
    fm: _FmOut | None,
    max_examples: int | None,
    order: list[int],
) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    rank = {doc: r for r, doc in enumerate(order)}
    lost: dict[int, list[Conflict]] = {}  # id(unit) → conflicts the unit lost
    side_of: dict[int, list[tuple[Conflict, Choice]]] = {}
    for c in result.conflicts:
        for i, s in enumerate(c.sides):
            if s.unit is not None:
                side_of.setdefault(id(s.unit), []).append((c, s))
                if c.decision is not None and i not in c.decision.keep:
                    lost.setdefault(id(s.unit), []).append(c)

    def where(path: str, line: int, out_line: int | None) -> dict[str, Any]:
        return {"path": path, "line": line, "output_line": out_line}

    def kept_of(c: Conflict) -> list[dict[str, Any]]:
        d = c.decision
        if d is None:
            return []
        if d.text is not None:
            return [{"text": d.text}]
        res = []
        for i in d.keep:
            s = c.sides[i]
            line = None
            if s.unit is not None and placer is not None:
                slot = placer.slot_of.get(id(s.unit))
                line = slot.line if slot is not None and slot.rendered else None
            elif fm is not None and c.key is not None:
                line = fm.key_line.get(c.key)
            res.append(where(s.path, s.line, line))
        return res

    # Frontmatter entries.
    by_key = {c.key: c for c in fields.conflicts}
    for key in fields.keys:
        entries = fields.values.get(key, [])
        c = by_key.get(key)
        first_kept: FieldUnit | None = None
        for e in entries:
            row: dict[str, Any] = {"path": e.path, "line": e.line, "kind": "description" if key == "description" else "field", "key": key, "text": e.text}
            out_line = fm.key_line.get(key) if fm is not None else None
            side = None
            if c is not None:
                side = next((i for i, s in enumerate(c.sides) if e.doc in s.docs), None)
            if c is not None and c.decision is not None and c.decision.how != "markers" and side is not None and side not in c.decision.keep and not (key in UNION_KEYS and _union_keeps(c, e)):
                row.update(status="conflict", conflict=c.id, kept=kept_of(c))
            elif c is not None and (c.decision is None or c.decision.how == "markers"):
                row.update(status="conflict", conflict=c.id, kept=[], output_line=out_line)
            elif key in UNION_KEYS:
                row.update(status="kept", output_line=out_line)
            elif first_kept is None or (c is not None and c.decision is not None and c.decision.text is not None):
                first_kept = e
                row.update(status="kept", output_line=out_line)
            else:
                row.update(status="duplicate", kept=where(first_kept.path, first_kept.line, out_line))
            if result.text is None:
                row.pop("output_line", None)
                if row["status"] == "kept":
                    row["status"] = "pending"
            rows.append(row)
    # Examples.
    for ex in fields.examples:
        row = {"path": ex.path, "line": ex.line, "kind": "example", "text": ex.example.user or ""}
        if fm is None:
            row["status"] = "pending"
        elif id(ex) in fm.example_dup:
            k = fm.example_dup[id(ex)]
            row.update(status="duplicate", kept=where(k.path, k.line, fm.example_line.get(id(k))))
        elif ex in fm.omitted:
            row.update(status="omitted", reason=f"--max-examples {max_examples}")
        else:
            row.update(status="kept", output_line=fm.example_line.get(id(ex)))
        rows.append(row)
    # Body units.
    for i in sorted(range(len(docs)), key=lambda i: rank[i]):
        for u in units[i]:
            text = docs[i].text
            row = {"path": u.path, "line": u.line, "kind": u.kind, "text": _quote(u, text)}
            if placer is None:
                row["status"] = "pending"
                conflicts = side_of.get(id(u))
                if conflicts:
                    row["conflicts"] = [c.id for c, _ in conflicts]
                rows.append(row)
                continue
            if u.kind == "heading":
                node = placer.node_of_heading[id(u)]
                if node.heading is u:
                    row.update(status="kept", output_line=node.line)
                else:
                    assert node.heading is not None
                    row.update(status="duplicate", kept=where(node.heading.path, node.heading.line, node.line))
                rows.append(row)
                continue
            slot = placer.slot_of.get(id(u))
            lost_here = lost.get(id(u), [])
            if slot is None or (u.empty(text) and not slot.markers):
                c = lost_here[0] if lost_here else None
                row.update(status="conflict", conflict=c.id if c else None, kept=kept_of(c) if c else [])
            elif slot.keep is u:
                row.update(status="kept", output_line=slot.line)
            else:
                k = slot.keep
                row.update(status="duplicate", kept=where(k.path, k.line, slot.line))
            cut = [c.id for c in lost_here] if row["status"] != "conflict" else []
            if cut:
                row["cut"] = [{"conflict": c.id, "text": s.text, "kept": kept_of(c)} for c, s in side_of.get(id(u), []) if c in lost_here]
            if placer is not None and slot is not None and slot.markers and u.empty(text):
                row.update(status="conflict", conflict=slot.markers[0].id, kept=[], output_line=slot.line)
            rows.append(row)
    counts = {"kept": 0, "duplicate": 0, "conflict": 0, "omitted": 0, "pending": 0}
    for r in rows:
        counts[r["status"]] += 1
    decided = sum(1 for c in result.conflicts if c.decided)
    sizes = [len(d.text) for d in docs]
    largest = max(range(len(docs)), key=lambda i: sizes[i])
    out_chars = len(result.text) if result.text is not None else None
    return {
        "version": REPORT_VERSION,
        "name": result.name,
        "inputs": [{"path": d.path, "characters": sizes[i], "estimated_tokens": _est_tokens(sizes[i]), "units": sum(1 for r in rows if r["path"] == d.path)} for i, d in enumerate(docs)],
        "summary": {
            "units_in": len(rows),
            "kept": counts["kept"],
            "duplicates": counts["duplicate"],
            "conflict_sides_lost": counts["conflict"],
            "omitted": counts["omitted"],
            "conflicts": len(result.conflicts),
            "conflicts_decided": decided,
            "conflicts_open": len(result.open),
            "characters": {"output": out_chars, "inputs_total": sum(sizes), "largest_input": sizes[largest], "largest_input_path": docs[largest].path},
            "estimated_tokens": {
                "output": _est_tokens(out_chars) if out_chars is not None else None,
                "inputs_total": _est_tokens(sum(sizes)),
                "largest_input": _est_tokens(sizes[largest]),
            },
        },
        "frontmatter": _fm_summary(fields, docs, fm),
        "conflicts": [_conflict_json(c, kept_of(c)) for c in result.conflicts],
        "carried": result.carried,
        "units": rows,
    }


def _union_keeps(c: Conflict, e: FieldUnit) -> bool:
    """A `tools` allowlist survives the tools conflict when any allowlist side won."""
    d = c.decision
    if d is None or d.text is not None:
        return False
    return any(c.sides[i].value is not ABSENT for i in d.keep) and e.value is not ABSENT


def _fm_summary(fields: Fields, docs: Sequence[AgentDocument], fm: _FmOut | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in UNION_KEYS:
        entries = fields.values.get(key, [])
        if not entries:
            continue
        union = fields.unions.get(key, [])
        info: dict[str, Any] = {"union": union, "output": fm.values.get(key) if fm is not None else None}
        if key == "tools":
            wider = []
            for e in entries:
                more = [t for t in union if t not in tool_strip(", ".join(_as_list(e.value)))]
                if more:
                    wider.append({"path": e.path, "line": e.line, "gains": more})
            info["grants_more_than"] = wider
            info["note"] = "a union of allowlists lets the merged agent use every tool any variant could"
        out[key] = info
    return out


def _as_list(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value]
    return [str(value)]


def _quote(u: MUnit, text: str) -> str:
    raw = text[u.start : u.end].replace("\r\n", "\n")
    return raw if len(raw) <= 200 else raw[:197] + "…"


def _conflict_json(c: Conflict, kept: list[dict[str, Any]]) -> dict[str, Any]:
    d = c.decision
    decision = None
    if d is not None:
        decision = {"how": d.how, "by": d.by or None, "keep": [i + 1 for i in d.keep], "text": d.text}
    return {
        "id": c.id,
        "kind": c.kind,
        "message": c.message,
        "key": c.key,
        "sides": [
            {
                "side": i + 1,
                "path": s.path,
                "line": s.line,
                "also": [{"path": p, "line": n} for _, p, n in s.others],
                "text": s.text,
                "won": bool(d is not None and d.how != "markers" and i in d.keep),
            }
            for i, s in enumerate(c.sides)
        ],
        "decision": decision,
        "kept": kept,
    }
