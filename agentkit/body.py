"""The body (the system prompt) as units: headings, list items, paragraphs,
code blocks and table rows, each with its span and section path.

A small line scanner, not a full CommonMark parser: agent prompts use a narrow
slice of Markdown, and the scanner reads the whole corpus (12 MB) in a fraction
of the time a full parser takes. Fenced code is recognised at any indentation
(prompts put code inside list items); an unclosed fence runs to the end of the
file, as in CommonMark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_TABLE = re.compile(r"[ \t]*\|")
_TABLE_DELIM = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*")


@dataclass(frozen=True, slots=True)
class Unit:
    kind: str  # "heading" | "list_item" | "paragraph" | "code" | "table_row"
    text: str
    start: int  # file offsets
    end: int
    section: tuple[str, ...]  # titles of the enclosing headings, outermost first
    level: int = 0  # heading level, or list indentation depth
    info: str = ""  # a code block's info string
    closed: bool = True  # False for a fence never closed


@dataclass(frozen=True, slots=True)
class Fence:
    start: int  # offset of the opening fence line's marker
    marker: str
    end: int  # offset after the closing fence line (end of text when unclosed)
    closed: bool
    info: str = ""  # the opening fence's info string


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    out = []
    for m in _LINE.finditer(text, start):
        if m.start() == m.end():
            break
        out.append((m.start(), m.group().rstrip("\r\n")))
    return out


def _fence_close(marker: str, line: str) -> bool:
    s = line.strip()
    return len(s) >= len(marker) and s[0] == marker[0] and s == marker[0] * len(s)


def parse(text: str, start: int) -> list[Unit]:
    """Units of ``text[start:]``; offsets are offsets into ``text``."""
    units: list[Unit] = []
    section: list[tuple[int, str]] = []  # (level, title)
    lines = _lines(text, start)
    i = 0
    n = len(lines)

    def path() -> tuple[str, ...]:
        return tuple(t for _, t in section)

    while i < n:
        off, line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE.fullmatch(line)
        if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
            marker = fence.group(2)
            j = i + 1
            while j < n and not _fence_close(marker, lines[j][1]):
                j += 1
            closed = j < n
            last = j if closed else n - 1
            end = lines[last][0] + len(lines[last][1])
            body = "\n".join(l for _, l in lines[i + 1 : j])
            indent = len(fence.group(1))
            units.append(Unit("code", body, off + indent, end, path(), 0, fence.group(3).strip(), closed))
            i = last + 1
            continue
        heading = _HEADING.fullmatch(line)
        if heading:
            level = len(heading.group(1))
            title = (heading.group(2) or "").strip()
            while section and section[-1][0] >= level:
                section.pop()
            units.append(Unit("heading", title, off + line.index("#"), off + len(line), path(), level))
            section.append((level, title))
            i += 1
            continue
        if _RULE.fullmatch(line):
            i += 1
            continue
        if _TABLE.match(line):
            lead = len(line) - len(line.lstrip())
            if not _TABLE_DELIM.fullmatch(line):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                units.append(Unit("table_row", " | ".join(cells), off + lead, off + len(line), path()))
            i += 1
            continue
        item = _ITEM.fullmatch(line)
        if item:
            indent = len(item.group(1).expandtabs(4))
            lead = len(item.group(1))
            parts = [item.group(3) or ""]
            end = off + len(line)
            j = i + 1
            while j < n:
                o2, l2 = lines[j]
                if not l2.strip() or _ITEM.fullmatch(l2) or _FENCE.fullmatch(l2) or _HEADING.fullmatch(l2) or _TABLE.match(l2):
                    break
                parts.append(l2.strip())
                end = o2 + len(l2)
                j += 1
            units.append(Unit("list_item", " ".join(p for p in parts if p), off + lead, end, path(), indent // 2))
            i = j
            continue
        # Paragraph: up to a blank line or another block.
        lead = len(line) - len(line.lstrip())
        parts = [line.strip()]
        end = off + len(line)
        j = i + 1
        while j < n:
            o2, l2 = lines[j]
            if (
                not l2.strip()
                or _FENCE.fullmatch(l2)
                or _HEADING.fullmatch(l2)
                or _ITEM.fullmatch(l2)
                or _TABLE.match(l2)
                or _RULE.fullmatch(l2)
            ):
                break
            parts.append(l2.strip())
            end = o2 + len(l2)
            j += 1
        units.append(Unit("paragraph", " ".join(parts), off + lead, end, path()))
        i = j
    return units


_FENCE_SCAN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.MULTILINE)


def fences(text: str, start: int) -> list[Fence]:
    """Fenced code blocks of ``text[start:]``, found without building units."""
    if "```" not in text and "~~~" not in text:
        return []
    out: list[Fence] = []
    open_m: re.Match[str] | None = None
    for m in _FENCE_SCAN.finditer(text, start):
        marker, rest = m.group(1), m.group(2).rstrip("\r")
        if open_m is None:
            if marker[0] == "`" and "`" in rest:
                continue
            open_m = m
        elif marker[0] == open_m.group(1)[0] and len(marker) >= len(open_m.group(1)) and not rest.strip():
            out.append(Fence(open_m.start(1), open_m.group(1), m.end(), True, open_m.group(2).strip()))
            open_m = None
    if open_m is not None:
        out.append(Fence(open_m.start(1), open_m.group(1), len(text), False, open_m.group(2).strip()))
    return out
