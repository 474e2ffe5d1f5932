"""Find and read the frontmatter block: strictly, as Claude Code does, and tolerantly.

Three readers, in order:

1. **strict** — PyYAML's safe loader (YAML 1.2 core schema). ``strict_yaml`` is
   true when it accepts the block and the block is a mapping.
2. **runtime** — what Claude Code does when its YAML parser rejects the block:
   quote every ``key: value`` line holding ``": "`` or one of ``{}[]*&#!|>%@```,
   turn leading tabs into spaces, parse again. ``claude_code_parses`` is true
   when Claude Code gets a mapping out of the block this way or the first.
3. **recovered** — when both fail, a line scan recovers top-level ``key: value``
   pairs so every later check still runs; a diagnostic says Claude Code drops
   the block.

Every key and value keeps its node (when YAML produced one) and its span in the
file, so schema errors point at the exact line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import yamlread
from .limits import DEFAULT_LIMITS, Limits
from .yamlread import MarkMapper, QuotedLine

# Claude Code: the frontmatter runs from a leading "---" line to the next "---",
# wherever it stands, provided "---" occurs again after the opening one.
_RUNTIME_BLOCK = re.compile(r"---\s*\n([\s\S]*?)---\s*\n?")
_OPEN = re.compile(r"---[ \t]*(?:\r\n|\r|\n|$)")
_CLOSE_LINE = re.compile(r"(-{3,})[ \t]*$")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_RECOVER_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?=[ \t]|$)")
# Words that start lines of <example> blocks; at column 0 they are text, not keys.
_PROSE_KEYS = frozenset({"user", "assistant", "context", "commentary", "example", "examples", "note", "human"})


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Where and why a YAML reader gave up."""

    message: str  # PyYAML's problem text, e.g. "mapping values are not allowed here"
    context: str | None
    offset: int  # absolute offset in the file text


@dataclass(frozen=True, slots=True)
class Field:
    """One top-level frontmatter entry."""

    key: str
    value: Any
    key_start: int
    key_end: int
    value_start: int
    value_end: int
    node: yaml.Node | None = None  # None when recovered by the line scan
    style: str = ""  # "plain", '"', "'", "|", ">", "list", "map", "raw"


@dataclass
class Frontmatter:
    """The frontmatter block of one file and what each reader made of it."""

    present: bool = False
    closed: bool = False
    open_end: int = 0  # offset just after the opening "---" line
    start: int = 0  # offset of the YAML text
    end: int = 0  # offset where the YAML text ends (the closing line's start)
    close_start: int = 0  # offset of the closing line
    close_end: int = 0  # offset after the closing line (where the body begins)
    close_marker: str = "---"
    text: str = ""
    stage: str = "none"  # "strict" | "runtime" | "recovered" | "none"
    strict_yaml: bool = False
    strict_problem: YamlProblem | None = None
    not_mapping: str | None = None  # YAML type name when the block is not a mapping
    claude_code_parses: bool = False
    runtime_problem: YamlProblem | None = None
    runtime_end: int | None = None  # where Claude Code's block ends, if not where ours does
    quoted: tuple[QuotedLine, ...] = ()  # lines the runtime quotes
    data: dict[str, Any] = field(default_factory=dict)
    fields: dict[str, Field] = field(default_factory=dict)
    duplicates: list[tuple[Field, Field]] = field(default_factory=list)  # (first, later)
    mapper: MarkMapper | None = None
    root: yaml.Node | None = None
    limited: YamlProblem | None = None  # where a limit cut the YAML tree (its values are not read)

    def locate(self, path: tuple[Any, ...] | list[Any]) -> tuple[int, int]:
        """Span (start, end offsets) of the value at a JSON path; nearest ancestor when absent."""
        if not path:
            return (self.start, self.end)
        f = self.fields.get(str(path[0]))
        if f is None:
            return (self.start, self.start)
        if f.node is None or self.mapper is None:
            return (f.value_start, f.value_end)
        node = f.node
        for step in path[1:]:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return (self.mapper.offset(node.start_mark), self.mapper.offset(node.end_mark))

    def key_span(self, key: str) -> tuple[int, int]:
        f = self.fields[key]
        return (f.key_start, f.key_end)


def _child(node: yaml.Node, step: Any) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
        return node.value[step]
    if isinstance(node, yaml.MappingNode):
        found = None
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == str(step):
                found = v
        return found
    return None


def _style(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return node.style or "plain"
    if isinstance(node, yaml.SequenceNode):
        return "list"
    return "map"


def _problem(exc: Exception, mapper: MarkMapper, fallback: int) -> YamlProblem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "could not find expected ':'" in str(getattr(exc, "problem", "")) and getattr(exc, "context_mark", None) is not None:
        mark = exc.context_mark  # the line that is neither a key nor a continuation, not the one after it
    offset = mapper.offset(mark) if mark is not None else fallback
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    return YamlProblem(str(problem), context, offset)


def _read_yaml(
    text: str, mapper: MarkMapper, base: int, lenient: bool = False, limits: Limits = DEFAULT_LIMITS
) -> tuple[yaml.Node | None, Any, YamlProblem | None]:
    try:
        node = yamlread.compose_lenient(text, limits) if lenient else yamlread.compose(text, limits)
        return node, yamlread.construct(node), None
    except yaml.YAMLError as exc:
        return None, None, _problem(exc, mapper, base)
    except (RecursionError, ValueError, TypeError, OverflowError) as exc:
        return None, None, YamlProblem(f"{type(exc).__name__}: {exc}", None, base)


def _fields_from_node(
    root: yaml.MappingNode, data: dict[str, Any], mapper: MarkMapper
) -> tuple[dict[str, Field], list[tuple[Field, Field]]]:
    fields: dict[str, Field] = {}
    duplicates: list[tuple[Field, Field]] = []
    for key_node, value_node in root.value:
        if not isinstance(key_node, yaml.ScalarNode):
            continue
        key = str(key_node.value)
        f = Field(
            key=key,
            value=data.get(key) if key in data else _value_of(key_node, data),
            key_start=mapper.offset(key_node.start_mark),
            key_end=mapper.offset(key_node.end_mark),
            value_start=mapper.offset(value_node.start_mark),
            value_end=mapper.offset(value_node.end_mark),
            node=value_node,
            style=_style(value_node),
        )
        if key in fields:
            duplicates.append((fields[key], f))
        fields[key] = f
    return fields, duplicates


def _value_of(key_node: yaml.ScalarNode, data: dict[Any, Any]) -> Any:
    # Keys that construct to non-strings (``1: x``, ``true: y``) are looked up by value.
    for k, v in data.items():
        if str(k) == key_node.value or (isinstance(k, bool) and str(k).lower() == key_node.value.lower()):
            return v
    return None


def _key_text(key: Any) -> str:
    """Keys as Claude Code's parser gives them: always strings, ``true``/``null`` in YAML spelling."""
    if isinstance(key, str):
        return key
    if isinstance(key, bool):
        return "true" if key else "false"
    return "null" if key is None else str(key)


def _stringify_keys(data: dict[Any, Any]) -> dict[str, Any]:
    return {_key_text(k): v for k, v in data.items()}


def split(text: str) -> Frontmatter:
    """Locate the frontmatter block: a first line ``---`` and the next line of dashes."""
    fm = Frontmatter()
    m = _OPEN.match(text)
    if not m:
        return fm
    fm.present = True
    fm.open_end = fm.start = m.end()
    pos = m.end()
    for line in _LINE.finditer(text, pos):
        if line.start() == line.end():
            break
        content = line.group().rstrip("\r\n")
        close = _CLOSE_LINE.fullmatch(content)
        if close:
            fm.closed = True
            fm.end = fm.close_start = line.start()
            fm.close_end = line.end()
            fm.close_marker = close.group(1)
            break
    if not fm.closed:
        fm.end = fm.close_start = fm.close_end = len(text)
    fm.text = text[fm.start : fm.end]
    return fm


def runtime_block(text: str) -> tuple[int, int] | None:
    """Start and end offsets of the YAML text Claude Code reads, or None when it finds none."""
    if text.find("---", 3) < 0:
        return None
    m = _RUNTIME_BLOCK.match(text)
    if not m:
        return None
    return m.start(1), m.end(1)


_UNDER_INDENTED = "a continuation line of a multi-line quoted value is not indented past its parent"


def _strictly_runtime_ok(node: yaml.Node | None, text: str, mapper: MarkMapper) -> YamlProblem | None:
    """Why Claude Code's parser rejects a text PyYAML accepted (None when it does not)."""
    mark = yamlread.under_indented_flow(node, text)
    if mark is not None:
        return YamlProblem(_UNDER_INDENTED, None, mapper.offset(mark))
    mark = yamlread.comment_after_flow(node, text)
    if mark is not None:
        return YamlProblem("a comment must be separated from a quoted value or a list by a space", None, mapper.offset(mark))
    return None


@dataclass
class _Runtime:
    ok: bool
    problem: YamlProblem | None
    node: yaml.Node | None = None
    value: Any = None
    mapper: MarkMapper | None = None
    requoted: yamlread.Requoted | None = None


def _runtime_fallback(text: str, base: int, first_problem: YamlProblem, composed: bool = False, limits: Limits = DEFAULT_LIMITS) -> _Runtime:
    """Claude Code's reading of a ``text`` it rejects or PyYAML refused: its own, more
    lenient parse first (skipped when PyYAML ``composed`` the text, as it would give the
    same tree); then its second chance: quote risky ``key: value`` lines, untab, parse again."""
    if not composed:
        mapper = MarkMapper(text, base)
        node, value, problem = _read_yaml(text, mapper, base, lenient=True, limits=limits)
        if problem is None:
            problem = _strictly_runtime_ok(node, text, mapper)
            if problem is None and (value is None or isinstance(value, dict)):
                return _Runtime(True, None, node, value, mapper)
    requoted = yamlread.requote(text)
    mapper = MarkMapper(requoted.text, base, requoted.remap)
    node, value, problem = _read_yaml(requoted.text, mapper, base, lenient=True, limits=limits)
    if problem is None:
        problem = _strictly_runtime_ok(node, requoted.text, mapper)
    if problem is None and (value is None or isinstance(value, dict)):
        return _Runtime(True, None, node, value, mapper, requoted)
    return _Runtime(False, problem or first_problem, requoted=requoted)


def runtime_parses(yaml_text: str, base: int = 0, limits: Limits = DEFAULT_LIMITS) -> tuple[bool, YamlProblem | None]:
    """Claude Code's verdict on a frontmatter text: (gets a mapping, why not)."""
    mapper = MarkMapper(yaml_text, base)
    node, value, problem = _read_yaml(yaml_text, mapper, base, limits=limits)
    if problem is None:
        stricter = _strictly_runtime_ok(node, yaml_text, mapper)
        if stricter is None:
            return (value is None or isinstance(value, dict)), None
        r = _runtime_fallback(yaml_text, base, stricter, composed=True, limits=limits)
        return r.ok, r.problem
    r = _runtime_fallback(yaml_text, base, problem, limits=limits)
    return r.ok, r.problem


def _limited(node: yaml.Node | None, mapper: MarkMapper | None) -> YamlProblem | None:
    found = getattr(node, "agentkit_limited", None)
    if found is None or mapper is None:
        return None
    mark, reason = found
    return YamlProblem(reason, None, mapper.offset(mark))


def read(text: str, limits: Limits = DEFAULT_LIMITS) -> Frontmatter:
    """Split and read the frontmatter of a decoded file (never raises)."""
    fm = split(text)
    if not fm.present:
        return fm
    base = fm.start
    mapper = MarkMapper(fm.text, base)
    node, value, problem = _read_yaml(fm.text, mapper, base, limits=limits)
    runtime_ok = False
    if problem is None:
        fm.stage = "strict"
        fm.mapper = mapper
        fm.root = node
        if isinstance(node, yaml.MappingNode) and isinstance(value, dict):
            fm.strict_yaml = True
            fm.data = _stringify_keys(value)
            fm.fields, fm.duplicates = _fields_from_node(node, value, mapper)
        elif node is None:
            fm.strict_yaml = True
        else:
            fm.not_mapping = type(value).__name__ if value is not None else "null"
        stricter = _strictly_runtime_ok(node, fm.text, mapper)
        if stricter is None:
            runtime_ok = fm.not_mapping is None
        else:
            r = _runtime_fallback(fm.text, base, stricter, composed=True, limits=limits)
            runtime_ok = r.ok
            fm.runtime_problem = r.problem
    else:
        fm.strict_problem = problem
        r = _runtime_fallback(fm.text, base, problem, limits=limits)
        fm.quoted = tuple(
            QuotedLine(q.key, q.line_start + base, q.value_start + base, q.value_end + base) for q in (r.requoted.quoted if r.requoted else ())
        )
        if r.ok and isinstance(r.node, yaml.MappingNode) and isinstance(r.value, dict):
            runtime_ok = True
            fm.stage = "runtime"
            fm.mapper = r.mapper
            fm.root = r.node
            fm.data = _stringify_keys(r.value)
            fm.fields, fm.duplicates = _fields_from_node(r.node, r.value, r.mapper)  # type: ignore[arg-type]
            quoted_starts = {q.value_start for q in fm.quoted}
            for key, f in fm.fields.items():
                if f.value_start in quoted_starts:
                    fm.fields[key] = Field(f.key, f.value, f.key_start, f.key_end, f.value_start, f.value_end, f.node, "plain")
        else:
            fm.runtime_problem = r.problem
            fm.stage = "recovered"
            fm.fields, fm.duplicates = _recover(fm.text, base, limits)
            fm.data = {k: f.value for k, f in fm.fields.items()}

    fm.limited = _limited(fm.root, fm.mapper)
    block = runtime_block(text)
    if block is None:
        fm.claude_code_parses = False
    elif block == (fm.start, fm.end):
        fm.claude_code_parses = runtime_ok
    else:
        if block[1] < fm.end:
            fm.runtime_end = block[1]
        ok, rproblem = runtime_parses(text[block[0] : block[1]], block[0], limits)
        fm.claude_code_parses = ok
        if not ok and rproblem is not None and fm.runtime_problem is None:
            fm.runtime_problem = rproblem
    return fm


def _recover(text: str, base: int, limits: Limits = DEFAULT_LIMITS) -> tuple[dict[str, Field], list[tuple[Field, Field]]]:
    """Last-resort reading: top-level ``key:`` lines, each with its continuation lines."""
    chunks: list[tuple[str, int, int, int]] = []  # key, key_start, value_start, end
    for line in _LINE.finditer(text):
        if line.start() == line.end():
            break
        m = _RECOVER_KEY.match(line.group())
        if m and m.group(1).lower() not in _PROSE_KEYS:
            if chunks:
                chunks[-1] = (*chunks[-1][:3], line.start())
            chunks.append((m.group(1), line.start(), line.start() + m.end(), len(text)))
    fields: dict[str, Field] = {}
    duplicates: list[tuple[Field, Field]] = []
    for key, key_start, value_start, end in chunks:
        chunk = text[key_start:end]
        value: Any = None
        style = "raw"
        try:
            parsed = yamlread.parse(yamlread.requote(chunk).text, limits)
            if isinstance(parsed, dict) and len(parsed) == 1 and key in parsed:
                value = parsed[key]
                style = "list" if isinstance(value, list) else "plain"
        except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
            pass
        raw = text[value_start:end]
        lstrip = len(raw) - len(raw.lstrip())
        v_start = value_start + lstrip
        v_end = value_start + len(raw.rstrip())
        if style == "raw":
            value = " ".join(part.strip() for part in raw.strip().splitlines())
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value == "":
                value = None
        f = Field(key, value, base + key_start, base + key_start + len(key), base + v_start, base + max(v_start, v_end), None, style)
        if key in fields:
            duplicates.append((fields[key], f))
        fields[key] = f
    return fields, duplicates
