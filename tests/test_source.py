"""Decoding and positions."""

from __future__ import annotations

from agentkit.document import load_bytes
from agentkit.linter import check
from agentkit.rules import Selection
from agentkit.source import Source, decode

AGENT = "---\nname: café\ndescription: Orders coffee.\n---\n\nBody.\n"


def test_utf8_bom_is_not_text_and_is_remembered() -> None:
    d = decode(b"\xef\xbb\xbf" + AGENT.encode())
    assert (d.text, d.encoding, d.bom, d.problems) == (AGENT, "utf-8-sig", True, ())


def test_utf16_with_bom_reads_like_utf8() -> None:
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        doc = load_bytes(bom + AGENT.encode(codec), "a.md")
        assert doc.source.encoding == codec
        assert doc.name == "café"
        assert doc.strict_yaml


def test_invalid_bytes_become_diagnostics_at_their_position() -> None:
    doc = load_bytes(b"---\nname: caf\xe9\ndescription: x\xff\xfey\n---\n", "a.md")
    assert doc.text == "---\nname: caf\ufffd\ndescription: x\ufffd\ufffdy\n---\n"
    found, _ = check([doc], selection=Selection(("AK001",)))
    assert [(d.span.line, d.span.column, d.message) for d in found] == [
        (2, 10, "invalid UTF-8 byte sequence 0xE9, read as U+FFFD (was the file saved as Windows-1252?)"),
        (3, 15, "invalid UTF-8 byte sequence 0xFF, read as U+FFFD (was the file saved as Windows-1252?)"),
        (3, 16, "invalid UTF-8 byte sequence 0xFE, read as U+FFFD (was the file saved as Windows-1252?)"),
    ]


def test_crlf_is_kept_and_positions_count_it_once() -> None:
    text = AGENT.replace("\n", "\r\n")
    doc = load_bytes(text.encode(), "a.md")
    assert doc.text == text
    f = doc.frontmatter.fields["description"]
    sp = doc.span(f.value_start, f.value_end)
    assert (sp.line, sp.column, sp.end_line, sp.end_column) == (3, 14, 3, 28)
    assert doc.frontmatter.data == {"name": "café", "description": "Orders coffee."}


def test_positions_round_trip() -> None:
    s = Source("a", "ab\r\ncd\ref\ngh")
    assert [(s.position(i).line, s.position(i).column) for i in (0, 2, 4, 6, 7, 10)] == [(1, 1), (1, 3), (2, 1), (2, 3), (3, 1), (4, 1)]
    assert s.offset(3, 2) == 8
    assert [s.line_text(n) for n in (1, 2, 3, 4)] == ["ab", "cd", "ef", "gh"]
    assert Source("b", "a\r\nb\r\nc\n").newline() == "\r\n"
    assert Source("c", "a\nb").newline() == "\n"


def test_yaml_line_breaks_do_not_shift_positions() -> None:
    # PyYAML counts U+2028 as a line break; editors do not. Positions stay exact.
    doc = load_bytes("---\nname: a\u2028b\ndescription: x\n---\n".encode(), "a.md")
    f = doc.frontmatter.fields["description"]
    sp = doc.span(f.key_start)
    assert (sp.line, sp.column) == (3, 1)
