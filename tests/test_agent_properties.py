"""Properties over generated agent files (see tests/agentfiles.py): loading never
raises, findings lie inside the file, fixes are idempotent and change nothing
outside their edits."""

from __future__ import annotations

from agentfiles import agent_bytes, agent_text
from hypothesis import HealthCheck, given, settings
from invariants import check_findings, check_positions

from agentkit.diagnostics import Applicability, apply_edits
from agentkit.document import load_bytes, load_text
from agentkit.linter import check, encode, fix_documents

SETTINGS = settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large], deadline=None)


@SETTINGS
@given(agent_bytes())
def test_loading_never_raises_and_everything_lies_inside_the_file(data: bytes) -> None:
    doc = load_bytes(data, "agent.md")
    check_positions(doc)
    found, failed = check([doc])
    check_findings(doc, found, failed)


def _outside_edits_unchanged(original: str, edits, fixed: str) -> None:  # type: ignore[no-untyped-def]
    """Every character outside the applied edits is in ``fixed``, in order, unchanged."""
    pos = shift = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < pos:
            continue  # overlapping: apply_edits skips it
        assert fixed[pos + shift : e.start + shift] == original[pos : e.start]
        shift += len(e.content) - (e.end - e.start)
        pos = e.end
    assert fixed[pos + shift :] == original[pos:]


def _as_claude_code_reads(data: dict) -> dict:  # type: ignore[type-arg]
    """Values as Claude Code uses them: a tool list and a comma-separated string are one thing
    (AK110), and it turns a literal ``\\n`` in the description into a line break (AK201)."""
    out = dict(data)
    if isinstance(out.get("description"), str):
        out["description"] = out["description"].replace("\\n", "\n")
    for key in ("tools", "disallowedTools"):
        if isinstance(out.get(key), list) and all(isinstance(t, str) for t in out[key]):
            out[key] = ", ".join(out[key])
    return out


@SETTINGS
@given(agent_text())
def test_safe_fixes_change_nothing_outside_their_edits_and_keep_what_claude_code_reads(text: str) -> None:
    doc = load_text(text, "agent.md")
    found, _ = check([doc])
    edits = [e for d in found if d.fix is not None and d.fix.applicability is Applicability.SAFE for e in d.fix.edits]
    if not edits:
        return
    fixed = apply_edits(text, edits)
    _outside_edits_unchanged(text, edits, fixed)
    after = load_text(fixed, "agent.md")
    if doc.frontmatter.claude_code_parses:
        assert after.frontmatter.claude_code_parses
        assert _as_claude_code_reads(after.frontmatter.data) == _as_claude_code_reads(doc.frontmatter.data)
        assert after.prompt.strip() == doc.prompt.strip()


@SETTINGS
@given(agent_bytes())
def test_fixing_is_idempotent_and_keeps_encoding_and_line_endings(data: bytes) -> None:
    doc = load_bytes(data, "agent.md")
    texts, _, _ = fix_documents([doc], unsafe=True, write=False)
    if "agent.md" not in texts:
        return
    fixed_bytes = encode(doc, texts["agent.md"])
    fixed = load_bytes(fixed_bytes, "agent.md")
    assert fixed.source.encoding == doc.source.encoding
    if "\r\n" in doc.text and "\n" not in doc.text.replace("\r\n", ""):
        assert "\n" not in fixed.text.replace("\r\n", ""), "a fix wrote a bare LF into a CRLF file"
    again, _, _ = fix_documents([fixed], unsafe=True, write=False)
    assert again == {}
