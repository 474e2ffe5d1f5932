"""<example> blocks in every form real descriptions use."""

from __future__ import annotations

import pytest

from agentkit.document import load_text


def doc_with(description_yaml: str, name: str = "helper"):
    return load_text(f"---\nname: {name}\ndescription: {description_yaml}\n---\n\nBody.\n", "helper.md")


ONE = 'Context: a PR. user: "review it" assistant: "I will use the helper agent" <commentary>PRs need review.</commentary>'


@pytest.mark.parametrize(
    "description",
    [
        f"|-\n  Use it.\n  <example>{ONE}</example>",  # real newlines, one line each
        f"Use it.\\n<example>\\n{ONE}\\n</example>",  # literal \n (plain scalar)
        f'"Use it.\\\\n<example>\\\\n{ONE.replace(chr(34), chr(92) + chr(34))}\\\\n</example>"',  # \\n in double quotes
        f"|-\n  Use it.\n  **Examples:**\n  - <example>\n    {ONE}\n    </example>",  # bullets
    ],
    ids=["newlines", "literal-n", "double-quoted-escaped-n", "bullets"],
)
def test_every_form_gives_the_same_example(description: str) -> None:
    doc = doc_with(description)
    assert doc.claude_code_parses
    [ex] = doc.examples
    assert (ex.context, ex.user, ex.assistant, ex.commentary) == ("a PR.", "review it", ("I will use the helper agent",), "PRs need review.")
    assert ex.closed


def test_example_position_is_the_tag_in_the_file() -> None:
    doc = doc_with(f"|-\n  Use it.\n  <example>{ONE}</example> <example>{ONE}</example>")
    spans = [doc.span(ex.start, ex.end) for ex in doc.examples]
    assert [(s.line, s.column) for s in spans] == [(5, 3), (5, 3 + len(f"<example>{ONE}</example> "))]
    assert doc.text[doc.examples[1].start :].startswith("<example>")
    assert doc.text[: doc.examples[0].end].endswith("</example>")


def test_missing_context_and_commentary_are_none() -> None:
    doc = doc_with('|-\n  <example>\n  user: "go"\n  assistant: "Using the helper agent."\n  </example>')
    [ex] = doc.examples
    assert (ex.context, ex.user, ex.assistant, ex.commentary) == (None, "go", ("Using the helper agent.",), None)


def test_several_assistant_turns_are_kept_in_order() -> None:
    doc = doc_with('|-\n  <example>user: "go" assistant: "Launching the helper agent." assistant: "Done."</example>')
    assert doc.examples[0].assistant == ("Launching the helper agent.", "Done.")


def test_unclosed_example_still_yields_an_example_and_a_problem() -> None:
    doc = doc_with('|-\n  <example>user: "go" assistant: "the helper agent"')
    assert len(doc.examples) == 1 and not doc.examples[0].closed
    assert [p.message for p in doc.example_problems] == ["<example> is never closed"]


def test_no_examples_when_there_are_none() -> None:
    assert doc_with("Plain description.").examples == []
