"""Properties that hold for any input: loading never raises, fixes are stable."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit.document import load_bytes, load_text
from agentkit.linter import check, fix_documents

# Text that looks like agent files: frontmatter-ish lines with YAML's special characters.
_piece = st.sampled_from(
    ["---", "name: a", "description: ", "tools: [Read, ", "model: opus", "  - x", "\t", ": ", "#", "'", '"', "\\n", "<example>",
     "</example>", "user: \"hi\"", "```", "~~~", "â€”", "\r\n", "\n", "\r", "\u2028", "\ufeff", "|-", "> ", "&a", "*a", "!tag", "{", "}", "- "]
)
agentish = st.lists(st.one_of(_piece, st.text(max_size=8)), max_size=40).map("".join)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=400))
def test_loading_any_bytes_never_raises(data: bytes) -> None:
    doc = load_bytes(data, "x.md")
    for ex in doc.examples:
        assert 0 <= ex.start <= len(doc.text)
    _ = doc.body, doc.fences


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(agentish)
def test_linting_any_text_never_raises_and_positions_are_in_range(text: str) -> None:
    doc = load_text(text, "x.md")
    found, failed = check([doc])
    assert not failed, [d.message for d in found if d.code == "AK000"]
    lines = doc.source.line_count
    for d in found:
        assert 1 <= d.span.line <= lines and d.span.column >= 1
        assert (d.span.line, d.span.column) <= (d.span.end_line, d.span.end_column)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(agentish)
def test_fixing_twice_changes_nothing_the_second_time(text: str) -> None:
    doc = load_text(text, "x.md")
    texts, _, _ = fix_documents([doc], write=False)
    if "x.md" not in texts:
        return
    fixed = load_text(texts["x.md"], "x.md")
    # A safe fix never changes what Claude Code reads from the frontmatter.
    if doc.frontmatter.claude_code_parses:
        assert fixed.frontmatter.claude_code_parses
        assert fixed.frontmatter.data == doc.frontmatter.data
    again, _, _ = fix_documents([fixed], write=False)
    assert again == {}
