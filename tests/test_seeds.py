"""The five backend-engineer variants: what agentkit must find in them, exactly."""

from __future__ import annotations

import hashlib

import pytest
from conftest import SEEDS, SHARED

from agentkit.document import load
from agentkit.linter import lint

VARIANTS = ["compact", "elite", "saas", "sdd", "spec-executor"]


def path(variant: str) -> str:
    return str(SEEDS / f"backend-engineer.{variant}.md")


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared/seeds is absent")
def test_seeds_are_byte_exact_copies() -> None:
    for variant in VARIANTS:
        ours = (SEEDS / f"backend-engineer.{variant}.md").read_bytes()
        theirs = (SHARED / "seeds" / f"backend-engineer.{variant}.md").read_bytes()
        assert hashlib.sha256(ours).digest() == hashlib.sha256(theirs).digest(), variant


@pytest.mark.parametrize(
    ("variant", "strict", "examples"),
    [("compact", False, 2), ("elite", False, 3), ("saas", True, 5), ("sdd", True, 4), ("spec-executor", False, 3)],
)
def test_each_seed_is_recovered(variant: str, strict: bool, examples: int) -> None:
    doc = load(path(variant))
    assert doc.name == "backend-engineer"
    assert doc.strict_yaml is strict
    assert doc.claude_code_parses is True
    assert len(doc.examples) == examples
    assert doc.description and doc.description.startswith("Use this agent")
    assert all(ex.user and ex.assistant for ex in doc.examples)


def test_recovered_values_are_what_claude_code_reads() -> None:
    compact = load(path("compact"))
    assert compact.frontmatter.stage == "runtime"
    assert compact.frontmatter.data["tools"] == "Read, Write, Edit, Glob, Grep, Bash"
    assert compact.frontmatter.data["color"] == "green"
    spec = load(path("spec-executor"))
    assert spec.frontmatter.data["model"] == "haiku"
    # The description keeps its literal \n, as Claude Code reads it.
    assert "\\n\\n**Examples:**\\n\\n<example>" in spec.description
    first = spec.examples[0]
    assert first.context == "User has finalized API specifications and database schema for a user authentication feature."
    assert first.user == "I've completed the specs for user authentication with JWT. Ready to implement the backend."
    assert len(first.assistant) == 2
    assert first.assistant[1] == "Here's the generated authentication backend..."
    sdd = load(path("sdd"))
    assert [ex.context for ex in sdd.examples] == [None] * 4
    assert [ex.commentary for ex in sdd.examples] == [None] * 4


EXPECTED = """\
compact.md:2:7: AK107 `name` is `backend-engineer` but the file is `backend-engineer.compact.md`
compact.md:2:7: AK401 `backend-engineer` is also the name of 4 other files; Claude Code loads only one of them
compact.md:3:160: AK002 strict YAML rejects the frontmatter: mapping values are not allowed in this context (a plain value cannot contain ': '). Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot
compact.md:5:1: AK507 frontmatter conflict on `color`: `green` here, `red` in backend-engineer.spec-executor.md:5
compact.md:5:1: AK507 frontmatter conflict on `color`: `green` here, `yellow` in backend-engineer.sdd.md:5
elite.md:2:7: AK107 `name` is `backend-engineer` but the file is `backend-engineer.elite.md`
elite.md:2:7: AK401 `backend-engineer` is also the name of 4 other files; Claude Code loads only one of them
elite.md:3:429: AK201 the description holds 26 literal `\\n` sequences: Claude Code turns them into line breaks, other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`
elite.md:3:466: AK002 strict YAML rejects the frontmatter: mapping values are not allowed in this context (a plain value cannot contain ': '). Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot
elite.md:4:1: AK507 frontmatter conflict on `model`: `sonnet` here, `haiku` in backend-engineer.spec-executor.md:4
elite.md:66:3: AK504 target conflict on `test coverage`: 95%+ and >80% (%) are different targets: "**Test Coverage**: Maintain 95%+ coverage with mutation testing validation" vs backend-engineer.spec-executor.md:266: "✅ Test suite achieves >80% code coverage"
saas.md:2:7: AK107 `name` is `backend-engineer` but the file is `backend-engineer.saas.md`
saas.md:2:7: AK401 `backend-engineer` is also the name of 4 other files; Claude Code loads only one of them
saas.md:3:14: AK209 the description costs about 699 tokens in every session (budget 500), 5 examples included
saas.md:3:406: AK201 the description holds 47 literal `\\n` sequences: Claude Code turns them into line breaks, other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`
saas.md:4:1: AK507 frontmatter conflict on `model`: `sonnet` here, `haiku` in backend-engineer.spec-executor.md:4
saas.md:57:3: AK502 value conflict on `validation error`: status 400 vs 422: "Return appropriate HTTP status codes (400 for validation, 401/403 for auth, 404 for not f…" vs backend-engineer.spec-executor.md:36: "**Error Messages**: Descriptive validation errors; return 422 Unprocessable Entity with d…"
saas.md:57:3: AK502 value conflict on `validation error`: status 400 vs 422: "Return appropriate HTTP status codes (400 for validation, 401/403 for auth, 404 for not f…" vs backend-engineer.spec-executor.md:40: "**Status Codes**: 200 (success), 201 (created), 400 (bad request), 401 (unauthorized), 40…"
saas.md:86:3: AK505 conditional conflict on `Async/await`: "Async/await for all I/O operations" applies to every case, backend-engineer.sdd.md:37 only where it helps: "Async/await where appropriate" (say which rule wins)
saas.md:93:3: AK501 polarity conflict on `Business logic route handlers`: "Business logic in route handlers" forbids what backend-engineer.spec-executor.md:113 requires: "Route handlers with business logic (routes/)"
saas.md:99:1: AK501 polarity conflict on `create README.md`: "**CRITICAL**: You must NEVER create COMPLETION_SUMMARY.md, GUIDE.md, README.md, or any do…" forbids what backend-engineer.spec-executor.md:136 requires: "**README**: How to set up, run, and test the backend"
saas.md:99:1: AK501 polarity conflict on `create documentation`: "**CRITICAL**: You must NEVER create COMPLETION_SUMMARY.md, GUIDE.md, README.md, or any do…" forbids what backend-engineer.sdd.md:68 requires: "Generate OpenAPI documentation automatically"
sdd.md:2:7: AK107 `name` is `backend-engineer` but the file is `backend-engineer.sdd.md`
sdd.md:2:7: AK401 `backend-engineer` is also the name of 4 other files; Claude Code loads only one of them
sdd.md:3:259: AK201 the description holds 22 literal `\\n` sequences: Claude Code turns them into line breaks, other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`
sdd.md:4:1: AK507 frontmatter conflict on `model`: `sonnet` here, `haiku` in backend-engineer.spec-executor.md:4
sdd.md:5:1: AK507 frontmatter conflict on `color`: `yellow` here, `red` in backend-engineer.spec-executor.md:5
sdd.md:145:3: AK502 value conflict on `validation error`: status 400 vs 422: "**400 Bad Request**: Invalid input, validation errors" vs backend-engineer.spec-executor.md:36: "**Error Messages**: Descriptive validation errors; return 422 Unprocessable Entity with d…"
sdd.md:145:3: AK502 value conflict on `validation error`: status 400 vs 422: "**400 Bad Request**: Invalid input, validation errors" vs backend-engineer.spec-executor.md:40: "**Status Codes**: 200 (success), 201 (created), 400 (bad request), 401 (unauthorized), 40…"
sdd.md:171:39: AK010 mojibake `â€”`: UTF-8 for `—` read as Windows-1252
spec-executor.md:2:7: AK107 `name` is `backend-engineer` but the file is `backend-engineer.spec-executor.md`
spec-executor.md:2:7: AK401 `backend-engineer` is also the name of 4 other files; Claude Code loads only one of them
spec-executor.md:3:14: AK209 the description costs about 526 tokens in every session (budget 500), 3 examples included
spec-executor.md:3:416: AK201 the description holds 30 literal `\\n` sequences: Claude Code turns them into line breaks, other readers (PyYAML, python-frontmatter, the Agent SDK) keep a backslash and an `n`
spec-executor.md:3:455: AK002 strict YAML rejects the frontmatter: mapping values are not allowed in this context (a plain value cannot contain ': '). Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot
spec-executor.md:155:1: AK307 this `python` block does not parse (line 8: invalid syntax); the agent will imitate it
"""


def test_lint_agents_finds_exactly_this() -> None:
    report, _ = lint([str(SEEDS)])
    lines = [
        f"{d.path.rsplit('backend-engineer.', 1)[1]}:{d.span.line}:{d.span.column}: {d.code} {d.message}"
        for d in report.diagnostics
    ]
    assert "\n".join(lines) + "\n" == EXPECTED
    assert [f.agent for f in report.files] == ["backend-engineer"] * 5
    assert report.exit_code == 1


DUPLICATES = """\
compact.md:62:4: AK508 duplicate: "**Validate inputs** with Pydantic models" is repeated in other words at backend-engineer.sdd.md:158: "All inputs validated with Pydantic models"
compact.md:103:3: AK508 duplicate: "Never log sensitive data (passwords, tokens, PII)" is repeated at backend-engineer.sdd.md:74: "Never log sensitive data (passwords, tokens, PII)"
compact.md:105:3: AK508 duplicate: "Validate and sanitize all inputs" is repeated at backend-engineer.sdd.md:71: "Validate and sanitize all inputs"
compact.md:108:3: AK508 duplicate: "Apply rate limiting to public endpoints" is repeated in other words at backend-engineer.saas.md:119: "Rate limiting is applied to public endpoints"
compact.md:159:7: AK508 duplicate: "Type hints on all functions" is repeated at backend-engineer.saas.md:87: "Type hints on all functions"
compact.md:159:7: AK508 duplicate: "Type hints on all functions" is repeated at backend-engineer.sdd.md:162: "Type hints on all functions"
compact.md:160:7: AK508 duplicate: "Pydantic models for request/response" is repeated in other words at backend-engineer.sdd.md:63: "Implement request/response models with Pydantic"
compact.md:166:7: AK508 duplicate: "No sensitive data in logs" is repeated in other words at backend-engineer.saas.md:118: "Sensitive data is not logged or exposed"
elite.md:53:3: AK508 duplicate: "**Rate Limiting**: Implement per-endpoint and per-user rate limiting" is repeated in other words at backend-engineer.saas.md:49: "Implement rate limiting per endpoint and per user"
saas.md:24:3: AK508 duplicate: "Use appropriate HTTP methods and status codes" is repeated at backend-engineer.sdd.md:62: "Use appropriate HTTP methods and status codes"
saas.md:83:3: AK508 duplicate: "Dependency injection for database sessions" is repeated in other words at backend-engineer.sdd.md:47: "Use dependency injection for database sessions and services"
saas.md:88:3: AK508 duplicate: "Docstrings for public APIs" is repeated in other words at backend-engineer.sdd.md:163: "Docstrings on public APIs"
"""


def test_repeats_are_reported_when_selected() -> None:
    """AK508 is off by default; selected by its code, it reports the repeats across the variants."""
    from agentkit.rules import Selection

    report, _ = lint([str(SEEDS)], selection=Selection(extend_select=("AK508",)))
    lines = [
        f"{d.path.rsplit('backend-engineer.', 1)[1]}:{d.span.line}:{d.span.column}: {d.code} {d.message}"
        for d in report.diagnostics
        if d.code == "AK508"
    ]
    assert "\n".join(lines) + "\n" == DUPLICATES
    prefix, _ = lint([str(SEEDS)], selection=Selection(select=("AK5",)))
    assert not [d for d in prefix.diagnostics if d.code == "AK508"]


def test_duplicate_name_lists_the_other_four() -> None:
    report, _ = lint([str(SEEDS)])
    dup = [d for d in report.diagnostics if d.code == "AK401" and d.path.endswith("compact.md")][0]
    assert [(r.path.rsplit("/", 1)[1], r.line, r.column) for r in dup.related] == [
        ("backend-engineer.elite.md", 2, 7),
        ("backend-engineer.saas.md", 2, 7),
        ("backend-engineer.sdd.md", 2, 7),
        ("backend-engineer.spec-executor.md", 2, 7),
    ]


def test_strict_yaml_fix_keeps_every_character() -> None:
    """--fix turns the three invalid seeds into strict YAML with the values Claude Code reads."""
    import frontmatter  # python-frontmatter: the most common Python reader

    from agentkit.linter import fix_documents

    for variant in ("compact", "elite", "spec-executor"):
        doc = load(path(variant))
        texts, counts, _ = fix_documents([doc], write=False)
        fixed = texts[doc.path]
        post = frontmatter.loads(fixed)
        # What Claude Code reads: its runtime turns each literal `\n` of the description into a line break.
        runtime = {**doc.frontmatter.data, "description": doc.frontmatter.data["description"].replace("\\n", "\n")}
        assert post.metadata == runtime, variant
        # Only the description line changed: everything after it is byte-identical.
        original = doc.text
        tail = original[original.index("\n", original.index("description:")) :]
        assert fixed.endswith(tail)
        assert load(path(variant)).text == original  # write=False left the file alone
