"""Bytes to text, once: encodings, BOM, line endings and 1-based positions.

Everything downstream works on :class:`Source.text`, the decoded file with its
line endings untouched. Offsets are indexes into that string; lines and
columns are 1-based and count code points. A line ends at ``\\r\\n``, ``\\r`` or
``\\n``, as editors count them.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field

_LINE_BREAK = re.compile(r"\r\n|\r|\n")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
)


@dataclass(frozen=True, slots=True)
class DecodeProblem:
    """A run of bytes that is not valid in the file's encoding.

    ``offset`` is where the replacement character U+FFFD stands in the text.
    """

    offset: int
    raw: bytes
    encoding: str


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be"
    bom: bool
    problems: tuple[DecodeProblem, ...]


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes; never raises.

    A BOM selects UTF-8 or UTF-16 and is not part of the text. Without one the
    file is read as UTF-8. Every invalid byte sequence becomes U+FFFD and a
    :class:`DecodeProblem` at its position.
    """
    encoding, codec, start = "utf-8", "utf-8", 0
    for bom, name, codec_name in _BOMS:
        if data.startswith(bom):
            encoding, codec, start = name, codec_name, len(bom)
            break
    body = data[start:]
    try:
        return Decoded(body.decode(codec), encoding, start > 0, ())
    except UnicodeDecodeError:
        pass
    pieces: list[str] = []
    problems: list[DecodeProblem] = []
    length = 0
    pos = 0
    while pos < len(body):
        try:
            piece = body[pos:].decode(codec)
        except UnicodeDecodeError as exc:
            piece = body[pos : pos + exc.start].decode(codec)
            pieces.append(piece)
            length += len(piece)
            bad = body[pos + exc.start : pos + exc.end]
            problems.append(DecodeProblem(length, bad, encoding))
            pieces.append("\ufffd")
            length += 1
            pos += exc.end
            continue
        pieces.append(piece)
        break
    return Decoded("".join(pieces), encoding, start > 0, tuple(problems))


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in code points


@dataclass(slots=True)
class Source:
    """A decoded file and its line index."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bool = False
    problems: tuple[DecodeProblem, ...] = ()
    _line_starts: list[int] | None = field(default=None, repr=False)

    @property
    def _starts(self) -> list[int]:
        """Offsets where lines start, computed on first use."""
        if self._line_starts is None:
            text = self.text
            if "\r" not in text:
                starts = [0]
                pos = text.find("\n")
                while pos >= 0:
                    starts.append(pos + 1)
                    pos = text.find("\n", pos + 1)
            else:
                starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
            self._line_starts = starts
        return self._line_starts

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> Source:
        d = decode(data)
        return cls(path, d.text, d.encoding, d.bom, d.problems)

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def position(self, offset: int) -> Position:
        """1-based line and column of a text offset (clamped to the text)."""
        offset = max(0, min(offset, len(self.text)))
        index = bisect.bisect_right(self._starts, offset) - 1
        start = self._starts[index]
        # An offset between "\r" and "\n" of a CRLF belongs to the line it ends.
        return Position(index + 1, offset - start + 1)

    def offset(self, line: int, column: int) -> int:
        """Text offset of a 1-based line and column."""
        line = max(1, min(line, len(self._starts)))
        return min(self._starts[line - 1] + column - 1, len(self.text))

    def line_start(self, line: int) -> int:
        return self._starts[max(1, min(line, len(self._starts))) - 1]

    def line_end(self, line: int) -> int:
        """Offset of the end of a line's content (before its line break)."""
        if line < len(self._starts):
            end = self._starts[line]
            if self.text.startswith("\r\n", end - 2) and end - 2 >= self._starts[line - 1]:
                return end - 2
            return end - 1
        return len(self.text)

    def line_text(self, line: int) -> str:
        return self.text[self.line_start(line) : self.line_end(line)]

    def newline(self) -> str:
        """The line ending the file uses most (``\\n`` when it has none)."""
        crlf = self.text.count("\r\n")
        lf = self.text.count("\n") - crlf
        cr = self.text.count("\r") - crlf
        if crlf > lf and crlf >= cr:
            return "\r\n"
        if cr > lf:
            return "\r"
        return "\n"
