"""One runner for every rule fixture in tests/rules/<CODE>/.

- ``bad_*.md`` (or a ``bad_*`` folder, for cross-file rules) must produce exactly
  the findings in ``bad_*.expected``: ``line:column: CODE message`` per line,
  related locations indented below their finding.
- ``ok_*.md`` must produce no finding of the folder's code.
- ``<name>.fixed.md`` is the exact text after ``--fix``; ``<name>.unsafe-fixed.md``
  after ``--unsafe-fixes``. Fixing a fixed text again changes nothing.
- A ``profile`` file selects the profile (default: claude-code); a ``select``
  file lists further codes to run (e.g. the codes a suppression comment names),
  only the folder's code is compared.

Set AGENTKIT_UPDATE_FIXTURES=1 to write missing ``.expected`` files (then read them!).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agentkit.document import load
from agentkit.linter import check, fix_documents
from agentkit.rules import REGISTRY, Selection

HERE = Path(__file__).parent / "rules"
CASES = sorted(p for d in HERE.iterdir() if d.is_dir() for p in d.iterdir() if p.name.startswith(("bad_", "ok_")) and (p.is_dir() or p.suffix == ".md") and not p.name.endswith((".fixed.md", ".unsafe-fixed.md")))


def _docs(case: Path):
    files = sorted(case.glob("*.md")) if case.is_dir() else [case]
    return [load(f, f.relative_to(case).as_posix() if case.is_dir() else f.name) for f in files]


def _profile(case: Path) -> str:
    p = case.parent / "profile"
    return p.read_text().strip() if p.exists() else "claude-code"


def _select(case: Path) -> tuple[str, ...]:
    p = case.parent / "select"
    return (case.parent.name, *(p.read_text().split() if p.exists() else ()))


def _render(diagnostics) -> str:
    lines = []
    for d in diagnostics:
        prefix = f"{d.path}:" if "/" in d.path or len({x.path for x in diagnostics}) > 1 else ""
        lines.append(f"{prefix}{d.span.line}:{d.span.column}: {d.code} {d.message}")
        lines += [f"    {r.path}:{r.line}:{r.column}: {r.message}" for r in d.related]
    return "\n".join(lines) + ("\n" if lines else "")


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fixture(case: Path) -> None:
    code = case.parent.name
    assert code in REGISTRY, f"fixture folder {code} names no rule"
    docs = _docs(case)
    found, failed = check(docs, _profile(case), Selection(_select(case)))
    assert not failed
    found = [d for d in found if d.code == code]
    actual = _render(found)
    if case.name.startswith("ok_"):
        assert actual == "", f"{case.name} should be clean:\n{actual}"
        return
    expected_file = case.with_suffix(".expected") if case.is_file() else case.parent / f"{case.name}.expected"
    if not expected_file.exists() and os.environ.get("AGENTKIT_UPDATE_FIXTURES"):
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"missing {expected_file.name}; actual:\n{actual}"
    assert actual == expected_file.read_text(encoding="utf-8")
    assert actual, "a bad_ fixture must produce findings"


FIXED = sorted(HERE.glob("*/*.fixed.md")) + sorted(HERE.glob("*/*.unsafe-fixed.md"))


@pytest.mark.parametrize("fixed", FIXED, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rule_fix(fixed: Path) -> None:
    unsafe = fixed.name.endswith(".unsafe-fixed.md")
    source = fixed.parent / fixed.name.replace(".unsafe-fixed.md", ".md").replace(".fixed.md", ".md")
    profile = _profile(source)
    doc = load(source, source.name)
    texts, counts, refused = fix_documents([doc], profile, unsafe=unsafe, write=False)
    assert not refused
    assert texts.get(source.name) == fixed.read_text(encoding="utf-8")
    again = load(fixed, fixed.name)
    texts2, _, _ = fix_documents([again], profile, unsafe=unsafe, write=False)
    assert texts2 == {}, "fixing the fixed text must change nothing"
    # The finding the fix was for is gone.
    remaining, _ = check([again], profile, Selection((fixed.parent.name,)))
    assert [d for d in remaining if d.fix is not None and (unsafe or d.fix.applicability.value == "safe")] == []


def test_every_rule_has_a_fixture() -> None:
    covered = {d.name for d in HERE.iterdir() if d.is_dir()}
    missing = sorted(set(REGISTRY) - covered - {"AK000", "AK020"})  # tested in test_hostile.py
    assert missing == []
