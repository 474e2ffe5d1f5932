"""``<example>`` blocks in a description, read into :class:`Example` objects.

Descriptions written by the ``/agents`` generator put their examples on one line
with literal ``\\n`` for line breaks (``\\\\n`` inside double quotes, which YAML
turns into ``\\n``); hand-written ones use real newlines, ``- <example>``
bullets or ``**Examples:**`` headings. All are read the same way: literal
``\\n`` becomes a line break, then each ``<example>…</example>`` is split into
its context, user turn, assistant turns and commentary.

Positions: the k-th tag of the decoded text is the k-th tag of the value as
written in the file (no YAML escape can change a tag), so every example and
every tag problem keeps an exact file offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TAG = re.compile(r"<(/?)(example|commentary)\s*>", re.IGNORECASE)
_ROLE = re.compile(r"(?:(?<=^)|(?<=\s))(context|user|assistant)[ \t]*:", re.IGNORECASE | re.MULTILINE)
_QUOTES = ('"', "\u201c", "\u201d", "'")
# A turn labelled with the speaker's name instead of `user:` (`Daisy: "…"`, `Human: …`):
# a capitalised name of one or two words at a line start or after a sentence, then a colon and a quotation.
_SPEAKER = re.compile(r"(?:^[ \t]*(?:[-*][ \t]+)?|(?<=[.!?] ))([A-Z][\w'.-]*(?:[ \t][A-Z][\w'.-]*)?)[ \t]*:[ \t]*(?=[\"\u201c'])", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Turn:
    role: str  # "context" | "user" | "assistant" | "commentary"
    text: str


@dataclass(frozen=True, slots=True)
class Example:
    context: str | None
    user: str | None
    assistant: tuple[str, ...]
    commentary: str | None
    turns: tuple[Turn, ...]
    start: int  # file offset of "<example>"
    end: int  # file offset just after "</example>" (or the end of the value when unclosed)
    closed: bool
    stray: str | None = None  # text inside the block that belongs to no part

    def as_instance(self) -> dict:
        """The example as validated against example.schema.json."""
        out: dict = {"assistant": list(self.assistant)}
        if self.context is not None:
            out["context"] = self.context
        if self.user is not None:
            out["user"] = self.user
        if self.commentary is not None:
            out["commentary"] = self.commentary
        return out


@dataclass(frozen=True, slots=True)
class TagProblem:
    offset: int  # file offset of the tag
    tag: str  # the tag as written
    message: str


def normalise(text: str) -> str:
    """Literal ``\\n`` (backslash, n) becomes a line break; ``\\t`` a tab."""
    if "\\" not in text:
        return text
    return text.replace("\\r\\n", "\n").replace("\\n", "\n").replace("\\t", "\t")


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        return text[1:-1].strip()
    return text


def _parse_block(body: str) -> tuple[list[Turn], str | None]:
    """Split an example's inner text into turns; returns (turns, stray text)."""
    turns: list[Turn] = []
    # Commentary first: it may sit anywhere in the block.
    pieces: list[str] = []
    pos = 0
    for m in re.finditer(r"<commentary\s*>(.*?)(?:</commentary\s*>|$)", body, re.IGNORECASE | re.DOTALL):
        pieces.append(body[pos : m.start()])
        pieces.append("\n")
        turns.append(Turn("commentary", m.group(1).strip()))
        pos = m.end()
    pieces.append(body[pos:])
    rest = "".join(pieces)
    marks = list(_ROLE.finditer(rest))
    stray = rest[: marks[0].start()] if marks else rest
    spoken: list[Turn] = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(rest)
        text = rest[m.end() : end]
        role = m.group(1).lower()
        spoken.append(Turn(role, text.strip() if role == "context" else _unquote(text)))
    if not any(t.role == "user" for t in spoken):
        spoken, stray = _named_speaker(rest, marks, spoken, stray)
    stray = stray.strip().strip("-*").strip()
    return spoken + turns, (stray or None)


def _named_speaker(rest: str, marks: list[re.Match[str]], spoken: list[Turn], stray: str) -> tuple[list[Turn], str]:
    """With no `user:` marker, a quotation labelled with a person's name before the
    first assistant turn is the user turn (it may end the context or the stray text)."""
    first_assistant = next((m.start() for m in marks if m.group(1).lower() == "assistant"), len(rest))
    m = next((s for s in _SPEAKER.finditer(rest, 0, first_assistant) if s.group(1).lower() not in ("context", "user", "assistant")), None)
    if m is None:
        return spoken, stray
    user = Turn("user", _unquote(rest[m.end() : first_assistant]))
    out: list[Turn] = []
    placed = False
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(rest)
        turn = spoken[i]
        if mark.start() < m.start() < end:  # the name label sits inside this turn: cut it there
            text = rest[mark.end() : m.start()]
            turn = Turn(turn.role, text.strip() if turn.role == "context" else _unquote(text))
            out.append(turn)
            out.append(user)
            placed = True
            continue
        if not placed and mark.start() >= first_assistant:
            out.append(user)
            placed = True
        out.append(turn)
    if not placed:
        out.append(user)
    if marks and m.start() < marks[0].start():
        stray = rest[: m.start()]
    elif not marks:
        stray = rest[: m.start()]
    return out, stray


def parse(value: str, raw: str, raw_start: int) -> tuple[list[Example], list[TagProblem]]:
    """Read the examples of a description.

    ``value`` is the decoded description, ``raw`` its text as written in the file
    and ``raw_start`` the file offset of ``raw``.
    """
    text = normalise(value)
    if "<" not in text:
        return [], []
    tags = list(_TAG.finditer(text))
    raw_tags = [raw_start + m.start() for m in _TAG.finditer(raw)]
    aligned = len(raw_tags) == len(tags)

    def where(i: int) -> int:
        return raw_tags[i] if aligned else raw_start

    examples: list[Example] = []
    problems: list[TagProblem] = []
    open_at: int | None = None  # index into tags of the open <example>
    commentary_open: int | None = None

    def close(i_open: int, content_end: int, end_offset: int, closed: bool) -> None:
        inner = text[tags[i_open].end() : content_end]
        turns, stray = _parse_block(inner)
        examples.append(
            Example(
                context=next((t.text for t in turns if t.role == "context"), None),
                user=next((t.text for t in turns if t.role == "user"), None),
                assistant=tuple(t.text for t in turns if t.role == "assistant"),
                commentary="\n".join(t.text for t in turns if t.role == "commentary") or None,
                turns=tuple(turns),
                start=where(i_open),
                end=end_offset,
                closed=closed,
                stray=stray,
            )
        )

    for i, m in enumerate(tags):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if name == "commentary":
            if open_at is None:
                problems.append(TagProblem(where(i), m.group(), f"`{m.group()}` outside any <example> block"))
            elif not closing:
                if commentary_open is not None:
                    problems.append(TagProblem(where(commentary_open), tags[commentary_open].group(), "<commentary> is never closed"))
                commentary_open = i
            elif commentary_open is None:
                problems.append(TagProblem(where(i), m.group(), "</commentary> without an opening <commentary>"))
            else:
                commentary_open = None
            continue
        if not closing:
            if open_at is not None:
                problems.append(TagProblem(where(open_at), tags[open_at].group(), "<example> is never closed before the next <example>"))
                close(open_at, m.start(), where(i), False)
            open_at, commentary_open = i, None
        elif open_at is None:
            problems.append(TagProblem(where(i), m.group(), "</example> without an opening <example>"))
        else:
            if commentary_open is not None:
                problems.append(TagProblem(where(commentary_open), tags[commentary_open].group(), "<commentary> is never closed"))
                commentary_open = None
            close(open_at, m.start(), where(i) + len(m.group()), True)
            open_at = None
    if open_at is not None:
        problems.append(TagProblem(where(open_at), tags[open_at].group(), "<example> is never closed"))
        close(open_at, len(text), raw_start + len(raw), False)
    return examples, problems


def mentions(text: str, name: str) -> bool:
    """Does ``text`` name the agent (hyphens and spaces interchangeable, any case)?"""
    if not name:
        return False
    flat = re.sub(r"[\s_-]+", " ", text.lower())
    return re.sub(r"[\s_-]+", " ", name.lower()).strip() in flat
