"""The README's rule table and the rule catalogue must not drift apart."""

from __future__ import annotations

import re

from conftest import ROOT

from agentkit.rules import REGISTRY


def test_readme_rule_table_matches_the_catalogue() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (AK\d{3}) \| ([a-z-]+) \| (error|warning|info) \|", readme, re.MULTILINE)
    assert rows == [(r.code, r.name, r.severity.value) for r in sorted(REGISTRY.values(), key=lambda r: r.code)]


def test_every_rule_is_documented() -> None:
    for r in REGISTRY.values():
        assert r.summary and r.summary.endswith((".", ")")), r.code
        assert "Why is this bad?" in r.doc, r.code
