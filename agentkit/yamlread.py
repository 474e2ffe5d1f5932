"""YAML reading with positions, and the line-quoting fallback Claude Code applies.

Claude Code reads frontmatter with a YAML 1.2 parser (booleans are only
``true``/``false``, dates stay strings, ``017`` is seventeen). agentkit reads it
with PyYAML (libyaml when available) set to the YAML 1.2 core schema, so the
values agentkit reports are the values Claude Code sees.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import yaml
from yaml.constructor import SafeConstructor

from .limits import DEFAULT_LIMITS, Limits

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CoreLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader resolving plain scalars with the YAML 1.2 core schema."""


CoreLoader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", ["<"]),
):
    CoreLoader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


class CoreConstructor(SafeConstructor):
    """SafeConstructor with YAML 1.2 integers (no sexagesimal, no bare-0 octal)."""

    def construct_yaml_int(self, node: yaml.Node) -> int:
        value = str(self.construct_scalar(node))
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        if node.tag == "tag:yaml.org,2002:int" and re.fullmatch(r"[-+]?[0-9]+", value):
            return int(value, 10)
        return super().construct_yaml_int(node)


    def construct_untagged(self, node: yaml.Node) -> Any:
        """A tag Claude Code's parser does not know (``!IMPORTANT text``): it drops the tag."""
        if isinstance(node, yaml.ScalarNode):
            return self.construct_scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return self.construct_sequence(node, deep=True)
        return self.construct_mapping(node, deep=True)  # type: ignore[arg-type]


CoreConstructor.add_constructor("tag:yaml.org,2002:int", CoreConstructor.construct_yaml_int)
CoreConstructor.add_constructor(None, CoreConstructor.construct_untagged)


class PyCoreLoader(yaml.SafeLoader):  # type: ignore[misc]
    """:class:`CoreLoader` on PyYAML's own parser: the libyaml of newer PyYAML wheels stops
    at a nesting depth of its own ("exceeded maximum nesting depth"), which Claude Code's
    parser does not have; agentkit cuts deep trees at its own limit instead."""


PyCoreLoader.yaml_implicit_resolvers = CoreLoader.yaml_implicit_resolvers


def _nesting_error(error: yaml.YAMLError) -> bool:
    return "maximum nesting depth" in str(error)


# Characters PyYAML refuses or treats as line breaks but Claude Code's parser
# reads as ordinary text: control characters, NEL, LS, PS, surrogates, U+FFFE/F.
_SHIELDED = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_SHIELD_BASE = 0xF0000  # each becomes one character of the private-use plane 15
_PLANE15 = re.compile("[\U000f0000-\U000fffff]")


def _shield(text: str) -> tuple[str, bool]:
    if not _SHIELDED.search(text) or _PLANE15.search(text):
        return text, False
    return _SHIELDED.sub(lambda m: chr(_SHIELD_BASE + ord(m.group())), text), True


def _unshield(value: Any) -> Any:
    if isinstance(value, str):
        return _PLANE15.sub(lambda m: chr(ord(m.group()) - _SHIELD_BASE), value)
    if isinstance(value, list):
        return [_unshield(v) for v in value]
    if isinstance(value, dict):
        return {_unshield(k): _unshield(v) for k, v in value.items()}
    return value


def compose(text: str, limits: Limits = DEFAULT_LIMITS) -> yaml.Node | None:
    """Compose one YAML document into a node tree (raises yaml.YAMLError).

    Characters are shielded one for one, so every mark keeps its position. A tree
    deeper than ``limits.max_depth`` or larger than ``limits.max_values`` (aliases
    counted as the values they repeat) is cut there: the cut collection becomes a
    null scalar spanning it, and the root carries ``agentkit_limited`` (mark, reason).
    """
    shielded, changed = _shield(text)
    flattened: tuple[yaml.Mark, str] | None = None
    if shielded.count("[") + shielded.count("{") > limits.max_depth:
        shielded, flattened = _flatten_flow(shielded, limits.max_depth)
    structure = sum(shielded.count(c) for c in _STRUCTURE)
    # libyaml's composer recurses in C and crashes near 100,000 levels. Flow nesting is
    # flattened above; a block collection starts at least one column right of its
    # parent's parent, so block depth stays below twice the longest line.
    try:
        if structure >= _C_COMPOSER_SAFE and 2 * max(map(len, shielded.splitlines()), default=0) + 2 >= _C_COMPOSER_SAFE:
            node = _compose_bounded(shielded, limits)
        else:
            node = yaml.compose(shielded, Loader=CoreLoader)
            # Each collection needs one of these characters, each value at most two: below the
            # limits nothing can exceed them unless aliases repeat values.
            if node is not None and ("*" in shielded or structure >= limits.max_depth or 2 * structure + 2 > limits.max_values):
                if _exceeds(node, limits):
                    node = _compose_bounded(shielded, limits)
    except yaml.YAMLError as error:
        if not _nesting_error(error):
            raise
        node = _compose_bounded(shielded, limits, PyCoreLoader)  # (libyaml's own depth limit: read on, cut at agentkit's)
    if node is not None and flattened is not None:
        found = getattr(node, "agentkit_limited", None)
        if found is None or (found[0].line, found[0].column) > (flattened[0].line, flattened[0].column):
            node.agentkit_limited = flattened  # type: ignore[attr-defined]
    if node is not None and changed:
        node.agentkit_shielded = True  # type: ignore[attr-defined]
    return node


# --- bounds -----------------------------------------------------------------

_STRUCTURE = "[{-?:,"  # a collection starts at one of these; a value follows at most two
_C_COMPOSER_SAFE = 10_000  # libyaml's composer is tested safe far beyond this depth (it crashes near 100,000)


_BRACKET = re.compile(r"[\[\]{}]")


def _flatten_flow(text: str, max_depth: int) -> tuple[str, tuple[yaml.Mark, str] | None]:
    """Blank each flow collection nested deeper than ``max_depth``, brackets and content
    (spaces, line breaks kept, so positions hold): libyaml's scanner takes time quadratic
    in flow depth. Brackets are counted wherever they stand, quoted or not, so only a
    text with that many unclosed brackets is touched. Returns the text and, when it
    changed, the mark of the first blanked collection and the reason."""
    depth = excess = 0
    ranges: list[list[int]] = []
    for m in _BRACKET.finditer(text):
        if m.group() in "[{":
            if depth >= max_depth:
                if not excess:
                    ranges.append([m.start(), len(text)])
                excess += 1
            else:
                depth += 1
        elif excess:
            excess -= 1
            if not excess:
                ranges[-1][1] = m.end()
        elif depth:
            depth -= 1
    if not ranges:
        return text, None
    pieces: list[str] = []
    pos = 0
    for start, end in ranges:
        pieces.append(text[pos:start])
        pieces.append(_NOT_BREAK.sub(" ", text[start:end]))
        pos = end
    pieces.append(text[pos:])
    first = ranges[0][0]
    breaks = list(_YAML_BREAK.finditer(text, 0, first))
    mark = yaml.Mark("<frontmatter>", first, len(breaks), first - (breaks[-1].end() if breaks else 0), None, None)
    return "".join(pieces), (mark, f"is nested more than {max_depth:,} levels deep")


_NOT_BREAK = re.compile(r"[^\r\n]")


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _measure(root: yaml.Node, memo: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """(height, values with aliases expanded) of a tree, memoised by node; None when an
    alias repeats a collection that contains it (the tree is endless)."""
    open_: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if key in memo:
            continue
        children = _children(node)
        if done:
            open_.discard(key)
            memo[key] = (1 + max((memo[id(c)][0] for c in children), default=0), 1 + sum(memo[id(c)][1] for c in children))
            continue
        open_.add(key)
        stack.append((node, True))
        for c in children:
            if id(c) in open_:
                return None
            if id(c) not in memo:
                stack.append((c, False))
    return memo[id(root)]


def _exceeds(root: yaml.Node, limits: Limits) -> bool:
    """Whether a composed tree is deeper or, aliases expanded, larger than the limits."""
    measured = _measure(root, {})
    return measured is None or measured[0] > limits.max_depth or measured[1] > limits.max_values


def _compose_bounded(text: str, limits: Limits, loader_class: type = CoreLoader) -> yaml.Node | None:
    """Compose from libyaml's events without recursion, cutting what exceeds the limits.

    Raises the errors PyYAML's composer raises for the same text.
    """
    from yaml.composer import ComposerError
    from yaml.events import (
        AliasEvent,
        CollectionEndEvent,
        DocumentEndEvent,
        DocumentStartEvent,
        MappingStartEvent,
        ScalarEvent,
        SequenceStartEvent,
        StreamEndEvent,
        StreamStartEvent,
    )

    loader = loader_class(text)
    try:
        anchors: dict[str, yaml.Node] = {}
        sizes: dict[int, tuple[int, int]] = {}  # measured anchored nodes
        stack: list[yaml.Node] = []  # collections being built
        keys: list[yaml.Node | None] = []  # per mapping on the stack: its key awaiting a value
        root: yaml.Node | None = None
        count = 0
        limited: tuple[yaml.Mark, str] | None = None
        skipping = 0  # depth inside a collection being cut
        cut: yaml.Node | None = None
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, StreamEndEvent):
                break
            if isinstance(event, StreamStartEvent):
                continue
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise ComposerError("expected a single document in the stream", root.start_mark if root else None, "but found another document", event.start_mark)
                continue
            if isinstance(event, DocumentEndEvent):
                continue
            if skipping:
                if isinstance(event, (SequenceStartEvent, MappingStartEvent)):
                    skipping += 1
                elif isinstance(event, CollectionEndEvent):
                    skipping -= 1
                    if skipping == 0 and cut is not None:
                        cut.end_mark = event.end_mark
                continue
            if isinstance(event, CollectionEndEvent):
                finished = stack.pop()
                finished.end_mark = event.end_mark
                if isinstance(finished, yaml.MappingNode):
                    keys.pop()
                continue
            anchor = None if isinstance(event, AliasEvent) else event.anchor
            if anchor is not None and anchor in anchors:
                raise ComposerError(
                    f"found duplicate anchor {anchor!r}; first occurrence", anchors[anchor].start_mark, "second occurrence", event.start_mark
                )
            node: yaml.Node
            if isinstance(event, AliasEvent):
                if event.anchor not in anchors:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                node = anchors[event.anchor]
                if any(node is open_node for open_node in stack):
                    node, limited = _null(event.start_mark, event.end_mark), limited or (event.start_mark, "has an alias that repeats the list or mapping containing it")
                else:
                    size = _measure(node, sizes)[1]  # type: ignore[index]  # finished, so finite
                    if count + size > limits.max_values:
                        node, limited = _null(event.start_mark, event.end_mark), limited or (event.start_mark, _too_many(limits))
                    else:
                        count += size
            elif isinstance(event, ScalarEvent):
                tag = event.tag
                if tag is None or tag == "!":
                    tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                count += 1
                if count > limits.max_values:
                    node, limited = _null(event.start_mark, event.end_mark), limited or (event.start_mark, _too_many(limits))
            else:  # a list or mapping starts
                if len(stack) >= limits.max_depth or count >= limits.max_values:
                    reason = f"is nested more than {limits.max_depth:,} levels deep" if len(stack) >= limits.max_depth else _too_many(limits)
                    limited = limited or (event.start_mark, reason)
                    node = cut = _null(event.start_mark, event.end_mark)
                    skipping = 1
                else:
                    kind = yaml.SequenceNode if isinstance(event, SequenceStartEvent) else yaml.MappingNode
                    tag = event.tag
                    if tag is None or tag == "!":
                        tag = loader.resolve(kind, None, event.implicit)
                    node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                    count += 1
            if anchor is not None:
                anchors[anchor] = node
            if not stack:
                root = node
            elif isinstance(stack[-1], yaml.SequenceNode):
                stack[-1].value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                stack[-1].value.append((keys[-1], node))
                keys[-1] = None
            if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)) and not isinstance(event, AliasEvent):
                stack.append(node)
                if isinstance(node, yaml.MappingNode):
                    keys.append(None)
        if root is not None and limited is not None:
            root.agentkit_limited = limited  # type: ignore[attr-defined]
        return root
    finally:
        loader.dispose()


_NULL_TAG = "tag:yaml.org,2002:null"


def _null(start: yaml.Mark, end: yaml.Mark) -> yaml.ScalarNode:
    return yaml.ScalarNode(_NULL_TAG, "", start, end, style=None)


def _too_many(limits: Limits) -> str:
    return f"has more than {limits.max_values:,} values once aliases are expanded"


def compose_lenient(text: str, limits: Limits = DEFAULT_LIMITS) -> yaml.Node | None:
    """Compose as Claude Code's parser would, where it is more lenient than libyaml.

    Each error at a character that parser accepts is repaired one for one (so
    every position is kept) and the text composed again: a tab after ``-`` or a
    leading tab on a blank or comment line becomes a space; a ``,`` that starts
    a plain value becomes content. Raises the first error it cannot repair.
    """
    work = text
    shielded = False
    first: yaml.YAMLError | None = None
    repairable = not _PLANE15.search(text)
    for _ in range(64):
        try:
            node = compose(work, limits)
        except yaml.MarkedYAMLError as exc:
            first = first or exc
            repaired = _repair(work, exc) if repairable else None
            if repaired is None:
                raise first from None
            work, shield = repaired
            shielded |= shield
            continue
        if node is not None and shielded:
            node.agentkit_shielded = True  # type: ignore[attr-defined]
        return node
    raise first  # type: ignore[misc]


def _repair(text: str, exc: yaml.MarkedYAMLError) -> tuple[str, bool] | None:
    """One repair at the error's position: (new text, whether content was shielded)."""
    mark = exc.problem_mark
    if mark is None:
        return None
    starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
    if mark.line >= len(starts):
        return None
    start = starts[mark.line]
    end_of_line = starts[mark.line + 1] if mark.line + 1 < len(starts) else len(text)
    line = text[start:end_of_line].rstrip("\r\n")
    col = mark.column
    ch = line[col : col + 1]
    if ch == "\t":
        lead = line[:col]
        end = col
        while end < len(line) and line[end] == "\t":
            end += 1
        rest = line[end:].lstrip(" \t")
        if lead.strip(" ") in ("-", "?", ":") or (not lead.strip(" \t") and (not rest or rest.startswith("#"))):
            return text[: start + col] + " " * (end - col) + text[start + end :], False
        return None
    if ch == "," and "expected node content" in str(exc.problem):
        return text[: start + col] + chr(_SHIELD_BASE + ord(",")) + text[start + col + 1 :], True
    return None


def construct(node: yaml.Node | None) -> Any:
    if node is None:
        return None
    value = CoreConstructor().construct_document(node)
    return _unshield(value) if getattr(node, "agentkit_shielded", False) else value


def parse(text: str, limits: Limits = DEFAULT_LIMITS) -> Any:
    return construct(compose(text, limits))


# --- positions --------------------------------------------------------------

_YAML_BREAK = re.compile("\r\n|[\r\n]")


class MarkMapper:
    """Maps PyYAML marks (0-based line/column of a YAML text) to text offsets.

    NEL, LS and PS are shielded before parsing (see :func:`compose`), so PyYAML
    counts lines exactly as editors do.
    """

    def __init__(self, text: str, base: int = 0, remap: Callable[[int], int] | None = None):
        self._starts = [0] + [m.end() for m in _YAML_BREAK.finditer(text)]
        self._base = base
        self._remap = remap
        self._len = len(text)

    def offset(self, mark: yaml.Mark) -> int:
        if mark.line >= len(self._starts):
            local = self._len  # past the last line: libyaml's end of a text without a final line break
        else:
            local = min(self._starts[mark.line] + mark.column, self._len)
        if self._remap is not None:
            local = self._remap(local)
        return self._base + local


# --- where Claude Code's parser is stricter than PyYAML ------------------------


def under_indented_flow(root: yaml.Node | None, text: str) -> yaml.Mark | None:
    """The first continuation line of a multi-line flow node that is not indented
    past its enclosing block, as YAML requires and Claude Code's parser enforces
    (PyYAML does not). Returns the mark of that line, or None.

    Example: in ``examples:\\n- '<example>\\nContext: …'`` the ``Context:`` line
    sits at column 0, inside a quoted scalar whose block sequence is at column 0.
    """
    for line, spaces, _ in under_indented_lines(root, text):
        return yaml.Mark("<frontmatter>", 0, line, spaces, None, None)
    return None


def _is_flow(node: yaml.Node) -> bool:
    """A quoted scalar or a flow collection (``[…]``, ``{…}``)."""
    if isinstance(node, yaml.ScalarNode):
        return node.style in ("'", '"')
    return bool(node.flow_style)


def comment_after_flow(root: yaml.Node | None, text: str) -> yaml.Mark | None:
    """A ``#`` right after a closing quote or bracket (``"x"#c``, ``[Read]#c``):
    PyYAML reads a comment, Claude Code's parser rejects the document."""
    if root is None or "#" not in text:
        return None
    lines = _YAML_BREAK.split(text)
    stack: list[yaml.Node] = [root]
    seen: set[int] = set()  # an alias repeats a node: look at it once
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if _is_flow(node):
            m = node.end_mark
            if m.line < len(lines) and lines[m.line][m.column : m.column + 1] == "#":
                return m
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack += [k, v]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return None


def under_indented_lines(root: yaml.Node | None, text: str) -> Iterator[tuple[int, int, int]]:
    """(0-based line, its leading spaces, the block indentation it must exceed) for
    every such continuation line, in document order."""
    if root is None or not isinstance(root, (yaml.MappingNode, yaml.SequenceNode)):
        return
    lines: list[str] | None = None
    found: list[tuple[int, int, int]] = []
    stack: list[tuple[yaml.Node, int]] = [(root, -1)]
    seen: set[int] = set()  # an alias repeats a node: look at it once
    while stack:
        node, block_indent = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if _is_flow(node) and node.end_mark.line > node.start_mark.line:
            if lines is None:
                lines = _YAML_BREAK.split(text)
            for n in range(node.start_mark.line + 1, min(node.end_mark.line, len(lines) - 1) + 1):
                line = lines[n]
                if n == node.end_mark.line and node.end_mark.column == 0:
                    break
                if not line.strip(" \t"):
                    continue
                if not isinstance(node, yaml.ScalarNode) and line.lstrip(" \t")[:1] in "]},#":
                    continue  # inside a flow collection, a closing bracket, a comma or a comment may sit anywhere
                spaces = len(line) - len(line.lstrip(" "))
                if spaces <= block_indent:
                    found.append((n, spaces, block_indent))
            continue  # children of a flow node share its check
        if isinstance(node, yaml.MappingNode):
            indent = node.start_mark.column if not node.flow_style else block_indent
            for k, v in node.value:
                stack.append((v, indent))
                stack.append((k, indent))
        elif isinstance(node, yaml.SequenceNode):
            indent = node.start_mark.column if not node.flow_style else block_indent
            for item in node.value:
                stack.append((item, indent))
    yield from sorted(found)


# --- Claude Code's fallback --------------------------------------------------

# JavaScript's "." stops at these; the runtime's line regex cannot cross them.
_TU_LINE = re.compile(r"([a-zA-Z_-]+):\s+(\S[^\n\r\u2028\u2029]*)")
_TU_SPECIAL = re.compile(r"[{}\[\]*&#!|>%@`]|: ")
_LEADING_TABS = re.compile(r"(?:^|(?<=[\n\r\u2028\u2029]))\t+")


@dataclass(frozen=True, slots=True)
class QuotedLine:
    """A ``key: value`` line the runtime wraps in double quotes."""

    key: str
    line_start: int  # offset of the line in the YAML text
    value_start: int
    value_end: int


@dataclass(frozen=True, slots=True)
class Requoted:
    text: str
    quoted: tuple[QuotedLine, ...]
    remap: Callable[[int], int]


def _is_flow_list(value: str) -> bool:
    try:
        return isinstance(parse(value), list)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return False


def requote(text: str) -> Requoted:
    """Claude Code's second chance for frontmatter its YAML parser rejects.

    Each top-level ``key: value`` line whose unquoted value holds one of
    ``{}[]*&#!|>%@``` or ``": "`` becomes ``key: "value"`` (backslashes and quotes
    escaped); then leading tabs become two spaces each. Returns the new text,
    the lines it quoted, and a function mapping new offsets to old ones.
    """
    lines = text.split("\n")
    out: list[str] = []
    quoted: list[QuotedLine] = []
    # per line: (new_start, old_start, kind, info)
    segments: list[tuple[int, int, str, tuple[int, ...]]] = []
    old_pos = new_pos = 0
    for line in lines:
        m = _TU_LINE.fullmatch(line)
        new_line = line
        if m:
            key, value = m.group(1), m.group(2)
            already = (value[0] == '"' and value[-1] == '"') or (value[0] == "'" and value[-1] == "'")
            if not already and not (value[0] == "[" and value[-1] == "]" and _is_flow_list(value)):
                if _TU_SPECIAL.search(value):
                    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
                    new_line = f'{key}: "{escaped}"'
                    quoted.append(QuotedLine(key, old_pos, old_pos + m.start(2), old_pos + m.end(2)))
                    segments.append((new_pos, old_pos, "q", (len(key) + 2, m.start(2), m.end(2), len(new_line))))
        if new_line is line:
            segments.append((new_pos, old_pos, "=", ()))
        out.append(new_line)
        old_pos += len(line) + 1
        new_pos += len(new_line) + 1
    joined = "\n".join(out)
    tab_lines: dict[int, int] = {}

    def _tabs(m: re.Match[str]) -> str:
        tab_lines[m.start()] = len(m.group())
        return "  " * len(m.group())

    if "\t" in joined:
        shifted: list[str] = []
        pos = 0
        # Replace leading tab runs, remembering where each run started.
        for m in _LEADING_TABS.finditer(joined):
            shifted.append(joined[pos : m.start()])
            shifted.append(_tabs(m))
            pos = m.end()
        shifted.append(joined[pos:])
        final = "".join(shifted)
    else:
        final = joined
    new_starts = [s[0] for s in segments]

    def remap_requoted(offset: int) -> int:
        i = max(0, bisect.bisect_right(new_starts, offset) - 1)
        new_start, old_start, kind, info = segments[i]
        col = offset - new_start
        if kind == "q":
            value_col, old_value_start, old_value_end, new_len = info
            if col < value_col:
                return old_start + min(col, value_col - 1)
            if col >= new_len:
                return old_start + old_value_end + (col - new_len)
            return old_start + min(old_value_start + max(col - value_col - 1, 0), old_value_end)
        return old_start + col

    if not tab_lines:
        return Requoted(final, tuple(quoted), remap_requoted)

    # Undo the tab widening first, then the quoting.
    runs = sorted(tab_lines.items())  # (start in joined, tab count)
    widened_starts: list[int] = []
    delta = 0
    for start, count in runs:
        widened_starts.append(start + delta)
        delta += count

    def remap(offset: int) -> int:
        i = bisect.bisect_right(widened_starts, offset) - 1
        if i < 0:
            return remap_requoted(offset)
        start, count = runs[i]
        widened = widened_starts[i]
        if offset < widened + 2 * count:
            joined_offset = start + (offset - widened) // 2
        else:
            joined_offset = offset - (widened - start) - count
        return remap_requoted(joined_offset)

    return Requoted(final, tuple(quoted), remap)
