"""docs/rules.md is generated from the catalogue and must not drift from it."""

from __future__ import annotations

import re

from conftest import ROOT

from agentkit.docs import rules_markdown
from agentkit.rules import REGISTRY


def test_docs_rules_md_is_current() -> None:
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == rules_markdown(), "docs/rules.md is out of date: run `agentkit rules --format markdown > docs/rules.md`"


def test_readme_points_to_the_catalogue_instead_of_repeating_it() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/rules.md" in readme
    assert re.findall(r"^\| AK\d{3} \|", readme, re.MULTILINE) == []


def test_every_rule_is_documented() -> None:
    for r in REGISTRY.values():
        assert r.summary and r.summary.endswith((".", ")")), r.code
        assert "Why is this bad?" in r.doc, r.code
        if r.fixable:
            assert "## Fix safety" in r.doc, r.code
