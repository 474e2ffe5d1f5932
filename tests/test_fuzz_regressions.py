"""Every input the fuzzer (benchmarks/fuzz) found a crash with, and small cases that reproduce it."""

from __future__ import annotations

from pathlib import Path

import pytest
from invariants import check_findings, check_positions

from agentkit.document import load_bytes
from agentkit.linter import check

CRASHES = sorted((Path(__file__).parent / "data" / "fuzz").glob("crash-*"))


def _holds(data: bytes) -> None:
    """The fuzz harness's invariants: no exception, every position inside the text."""
    doc = load_bytes(data, "fuzz.md")
    check_positions(doc)
    found, failed = check([doc])
    check_findings(doc, found, failed)


@pytest.mark.parametrize("crash", CRASHES, ids=lambda p: p.name[:14])
def test_fuzz_crash_input(crash: Path) -> None:
    _holds(crash.read_bytes())


@pytest.mark.parametrize(
    "data",
    [
        b"---\ntools:\n  - Read",  # no final line break: libyaml ends the list past the last line
        b"---\nname: a: b\ntools:\n  - Bash(git ",  # the same through Claude Code's re-quoting reader
    ],
)
def test_a_value_ending_the_text_without_a_line_break_ends_at_the_end(data: bytes) -> None:
    _holds(data)
    doc = load_bytes(data, "fuzz.md")
    assert doc.frontmatter.locate(("tools",)) == (len(doc.text) - len(data.split(b"- ")[-1]) - 2, len(doc.text))


DIRECTIVE_CRASHES = sorted((Path(__file__).parent / "data" / "fuzz" / "directives").glob("crash-*"))


@pytest.mark.parametrize("crash", DIRECTIVE_CRASHES, ids=lambda p: p.name[:14])
def test_directive_extraction_of_a_fuzz_crash_input(crash: Path) -> None:
    import agentkit

    agentkit.directives(load_bytes(crash.read_bytes(), "fuzz.md"))


def test_an_empty_code_span_in_a_list_item_is_no_object() -> None:
    _holds(b"---\r\ntools: Read\r\n# a comment\r\n---\r\n\r\n# review\r\n\r\n- ` `\r\n")


def test_no_safe_description_fix_where_strict_yaml_would_read_other_values_differently() -> None:
    # Found by test_agent_properties: the block-scalar rewrite made the frontmatter strict
    # YAML, which reads `permissionMode: |` and its indented line as "#1\n", not "|".
    text = (
        '---\ndescription: review Examples: <example>user: "review"\\nassistant: "review"</example>\n'
        "hooks:\n  PreToolUse:\n    command: review\npermissionMode: |\n  #1\nhooks:\n  PreToolUse:\n    command: review\n"
        "name: code-reviewer\nname: code-reviewer\n# a comment\n---\n\n"
    )
    doc = load_bytes(text.encode(), "agent.md")
    assert doc.frontmatter.data["permissionMode"] == "|"
    found, _ = check([doc])
    ak201 = [(d.span.line, d.span.column, d.message, d.fix) for d in found if d.code == "AK201"]
    assert ak201 == [(2, 54, "the description holds 1 literal `\\n` sequence: Claude Code turns them into line breaks, other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`", None)]


def test_no_safe_tools_list_fix_where_strict_yaml_would_read_other_values_differently() -> None:
    # Found by test_agent_properties in CI: the tab in the `tools` list is what made strict
    # YAML reject the frontmatter; written as a string it parses, and strict YAML reads
    # `description: #1` as an empty value with a comment, where Claude Code read "#1".
    text = "---\nname: code-reviewer\ndescription: #1\ntools: \ntools:\n  - Read\n  - Read\n\t- Read\nname: code-reviewer\n# a comment\n---\n\n"
    doc = load_bytes(text.encode(), "agent.md")
    assert doc.frontmatter.data["description"] == "#1"
    found, _ = check([doc])
    assert [(d.span.line, d.span.column, d.message, d.fix) for d in found if d.code == "AK110"] == [
        (6, 3, "`tools` is a YAML list; a comma-separated string is the documented form", None)
    ]
    # Read leniently too, but with nothing strict YAML would read otherwise: the fix is offered.
    doc = load_bytes(b"---\nname: code-reviewer\ndescription: Reviews code\ntools:\n  - Read\n\t- Grep\n---\n\nReview the diff.\n", "agent.md")
    found, _ = check([doc])
    assert [d.fix.edits[0].content for d in found if d.code == "AK110" and d.fix is not None] == [" Read, Grep"]
