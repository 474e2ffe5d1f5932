"""agentkit's emulation of Claude Code's frontmatter reader, case by case.

tests/data/runtime_cases.json holds 146 snippets and the verdict Claude Code's
own reader (Bun.YAML.parse plus its quoting fallback) gave on each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agentkit.frontmatter import runtime_parses

CASES = json.loads((Path(__file__).parent / "data" / "runtime_cases.json").read_text(encoding="utf-8"))["cases"]

# Exotic YAML where agentkit still differs from Claude Code (none occurs in the corpus).
KNOWN = {
    "key_empty": "an empty key",
    "key_complex_seq": "a '?' complex key",
    "key_flow_seq_implicit": "a flow sequence as a key",
    "key_long_1100": "a key longer than 1,024 characters",
    "merge_key_scalar": "'<<' with a scalar value",
}


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_runtime_verdict(case: dict) -> None:
    if case["id"] in KNOWN:
        pytest.xfail(KNOWN[case["id"]])
    ok, _ = runtime_parses(case["text"])
    assert ok is case["claude_code_parses"], case["what"]


def test_known_differences_still_differ() -> None:
    """When agentkit learns one of these, move it out of KNOWN."""
    for case in CASES:
        if case["id"] in KNOWN:
            assert runtime_parses(case["text"])[0] is not case["claude_code_parses"], case["id"]
