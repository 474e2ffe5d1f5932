"""Merge every group of corpus files that share a `name` (variants found in the wild)."""

from __future__ import annotations

from collections import defaultdict

from conftest import CORPUS, corpus_files, requires_corpus
from test_merge import check_accounts

import agentkit
from agentkit.linter import check


@requires_corpus
def test_every_same_name_group_merges() -> None:
    groups: dict[str, list[str]] = defaultdict(list)
    for f in corpus_files():
        doc = agentkit.load(f, display=str(f.relative_to(CORPUS)))
        if doc.name:
            groups[doc.name].append(str(f))
    variants = [g for g in groups.values() if len(g) > 1]
    assert len(variants) >= 100
    new_errors = []
    for paths in variants:
        docs = [agentkit.load(p) for p in paths]
        r = agentkit.merge(docs, prefer=[paths[0]], engine=None)
        assert r.text is not None and r.exit_code == 0, paths
        check_accounts(docs, r.report, r.text)
        out = agentkit.load_text(r.text, path="agents/merged.md")
        assert out.strict_yaml and out.claude_code_parses, paths
        before = {d.code for d in check(docs)[0] if d.severity.value == "error"}
        after = {d.code for d in check([out])[0] if d.severity.value == "error"}
        new_errors += [(paths[0], code) for code in sorted(after - before)]
    assert new_errors == []
