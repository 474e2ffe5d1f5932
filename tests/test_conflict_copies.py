"""A copy of a file checked before gets the findings a check of its own would give."""

from __future__ import annotations

from agentkit.conflicts import engine
from agentkit.conflicts.extract import pieces
from agentkit.document import load_text

AGENT = """---
name: release-helper
description: Prepares releases.
tools: Read, Grep
---
## Rules
- Never run shell commands.
- Run the full test suite before approving.
- Always use pnpm for installs.
- {middle}
- Keep release notes short.
"""


def seen(found: list) -> list[tuple]:
    return [(c.id, c.code, c.message, [(s.path, s.span.line, s.span.column) for s in c.sides]) for c in found]


def fresh(text: str, path: str) -> list[tuple]:
    engine._COPIES.clear()
    return seen(engine.within(pieces(load_text(text, path))))


def test_a_copy_gets_the_findings_of_its_own_check() -> None:
    text = AGENT.format(middle="Use npm for installs.")
    engine._COPIES.clear()
    first = seen(engine.within(pieces(load_text(text, "a/release-helper.md"))))
    copy = seen(engine.within(pieces(load_text(text, "b/release-helper.md"))))  # (from the memo)
    assert copy == fresh(text, "b/release-helper.md")
    assert [c[1] for c in copy] == ["AK501", "AK506", "AK503"]
    assert all(path == "b/release-helper.md" for c in copy for path, _, _ in c[3])
    assert [c[0] for c in copy] != [c[0] for c in first]  # ids of the copy's own path


def test_a_file_that_only_starts_and_ends_alike_is_checked_anew() -> None:
    engine._COPIES.clear()
    first = pieces(load_text(AGENT.format(middle="Use npm for installs."), "a/release-helper.md"))
    engine.within(first)
    other = AGENT.format(middle="Use bun for installs.")  # (the same length: the fingerprint is the same)
    ds = pieces(load_text(other, "b/release-helper.md"))
    assert engine._copy_key(ds, None) == engine._copy_key(pieces(load_text(AGENT.format(middle="Use npm for installs."), "c/release-helper.md")), None)
    found = seen(engine.within(ds))
    assert found == fresh(other, "b/release-helper.md")
    assert [c[1] for c in found] == ["AK501", "AK506"]  # (not the first file's AK503: pnpm vs npm)
