"""The body (the system prompt) as units: headings, list items, paragraphs,
code blocks and table rows, each with its span and section path.

A small line scanner, not a full CommonMark parser: agent prompts use a narrow
slice of Markdown, and the scanner reads the whole corpus (12 MB) in a fraction
of the time a full parser takes. Fenced code is recognised at any indentation
(prompts put code inside list items); an unclosed fence runs to the end of the
file, as in CommonMark. Headings are ATX ("## Rules") or setext (a paragraph
over a line of "=" or "-").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_FENCE = re.compile(r"([ \t]*)(`{3,}|~{3,})(.*)")
_HEADING = re.compile(r" {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*")
_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*)|$)")
_RULE = re.compile(r" {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})")
_SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*")  # a setext heading's underline
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


def _lines(text: str, start: int) -> tuple[list[int], list[str]]:
    """Offsets and texts (without their line break) of the lines of ``text[start:]``."""
    if "\r" not in text:  # the common case: split in C, offsets by running sum
        texts = text[start:].split("\n")
        if not texts[-1]:
            texts.pop()
        offs = list(accumulate([len(line) + 1 for line in texts], initial=start))
        offs.pop()
        return offs, texts
    offs, texts = [], []
    for m in _LINE.finditer(text, start):
        if m.start() == m.end():
            break
        offs.append(m.start())
        texts.append(m.group().rstrip("\r\n"))
    return offs, texts


def _fence_close(marker: str, line: str) -> bool:
    s = line.strip()
    return len(s) >= len(marker) and s[0] == marker[0] and s == marker[0] * len(s)


# A line whose first character (after spaces and tabs) is none of these starts
# no block but a paragraph: no fence, heading, rule, table row or list item.
_BLOCK_START = frozenset("`~#-*_+|0123456789")


# The first character (after spaces and tabs) each block can start with: a line is tried
# only against the patterns its first character allows.
_FENCE_START, _ITEM_START, _RULE_START = frozenset("`~"), frozenset("-*+0123456789"), frozenset("-*_")


def _opens(line: str, c: str) -> bool:
    """Does ``line``, whose first character after spaces and tabs is ``c``, open a list
    item, a fence, a heading or a table row?"""
    if c in _ITEM_START:
        return _ITEM.fullmatch(line) is not None
    if c in _FENCE_START:
        return _FENCE.fullmatch(line) is not None
    if c == "#":
        return _HEADING.fullmatch(line) is not None
    return c == "|"


def _interrupts(line: str) -> bool:
    """Does ``line`` end the paragraph or list item before it?"""
    lead = line.lstrip(" \t")
    if not lead or lead[0] not in _BLOCK_START:
        return not line.strip()
    return _opens(line, lead[0]) or (lead[0] in _RULE_START and _RULE.fullmatch(line) is not None)


def _enter(units: list[Unit], section: list[tuple[int, str]], path: tuple[str, ...], title: str, level: int, start: int, end: int) -> tuple[str, ...]:
    """Add a heading (ATX or setext) to ``units``: it closes the sections of its level or
    deeper and opens its own. Returns the new section path."""
    if section and section[-1][0] >= level:
        while section and section[-1][0] >= level:
            section.pop()
        path = tuple(t for _, t in section)
    units.append(Unit("heading", title, start, end, path, level))
    section.append((level, title))
    return tuple(t for _, t in section)


def parse(text: str, start: int) -> list[Unit]:
    """Units of ``text[start:]``; offsets are offsets into ``text``."""
    units: list[Unit] = []
    section: list[tuple[int, str]] = []  # (level, title)
    path: tuple[str, ...] = ()  # the titles of ``section``
    offs, lines = _lines(text, start)
    opened: re.Match[str] | None = None  # the list item match of line ``opened_at``
    opened_at = -1
    i = 0
    n = len(lines)
    while i < n:
        off, line = offs[i], lines[i]
        lead = line.lstrip(" \t")
        if not lead or lead[0] not in _BLOCK_START:
            if not line.strip():
                i += 1
                continue
        else:
            c = lead[0]
            fence = _FENCE.fullmatch(line) if c in _FENCE_START else None
            if fence and not (fence.group(2)[0] == "`" and "`" in fence.group(3)):
                marker = fence.group(2)
                c = marker[0]
                j = i + 1
                while j < n and not (c in lines[j] and _fence_close(marker, lines[j])):
                    j += 1
                closed = j < n
                last = j if closed else n - 1
                end = offs[last] + len(lines[last])
                indent = len(fence.group(1))
                units.append(Unit("code", "\n".join(lines[i + 1 : j]), off + indent, end, path, 0, fence.group(3).strip(), closed))
                i = last + 1
                continue
            heading = _HEADING.fullmatch(line) if c == "#" else None
            if heading:
                path = _enter(units, section, path, (heading.group(2) or "").strip(), len(heading.group(1)), off + line.index("#"), off + len(line))
                i += 1
                continue
            if c in _RULE_START and _RULE.fullmatch(line):
                i += 1
                continue
            if c == "|":  # a table row
                lead_n = len(line) - len(line.lstrip())
                if not _TABLE_DELIM.fullmatch(line):
                    cells = [c.strip() for c in line.strip().strip("|").split("|")]
                    units.append(Unit("table_row", " | ".join(cells), off + lead_n, off + len(line), path))
                i += 1
                continue
            item = (opened if opened_at == i else _ITEM.fullmatch(line)) if c in _ITEM_START else None
            if item:
                indent = len(item.group(1).expandtabs(4))
                parts = [item.group(3) or ""]
                end = off + len(line)
                j = i + 1
                while j < n:
                    l2 = lines[j]
                    lead2 = l2.lstrip(" \t")
                    if not lead2:
                        break
                    if lead2[0] in _BLOCK_START:
                        if lead2[0] in _ITEM_START:
                            opened, opened_at = _ITEM.fullmatch(l2), j  # (the next item: read once)
                            if opened is not None:
                                break
                        elif _opens(l2, lead2[0]):
                            break
                    elif not l2.strip():
                        break
                    parts.append(l2.strip())
                    end = offs[j] + len(l2)
                    j += 1
                units.append(Unit("list_item", " ".join(parts if parts[0] else parts[1:]), off + len(item.group(1)), end, path, indent // 2))
                i = j
                continue
        # Paragraph: up to a blank line or another block; a line of "=" or "-" under it
        # makes it a setext heading ("Rules" over "-----").
        lead_n = len(line) - len(line.lstrip())
        parts = [line.strip()]
        end = off + len(line)
        j = i + 1
        underline = None
        # (a quote, an HTML block or indented code, read here as paragraphs, takes no underline)
        plain = lead[:1] not in (">", "<") and lead_n < 4 and not line.startswith("\t")
        while j < n:
            setext = _SETEXT.fullmatch(lines[j]) if plain and lines[j][:4].lstrip(" ")[:1] in ("=", "-") else None
            if setext is not None:
                underline = setext
                break
            if _interrupts(lines[j]):
                break
            parts.append(lines[j].strip())
            end = offs[j] + len(lines[j])
            j += 1
        if underline is not None:
            level = 1 if underline.group(1)[0] == "=" else 2
            path = _enter(units, section, path, " ".join(parts), level, off + lead_n, offs[j] + len(lines[j].rstrip()))
            i = j + 1
            continue
        units.append(Unit("paragraph", " ".join(parts), off + lead_n, end, path))
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
