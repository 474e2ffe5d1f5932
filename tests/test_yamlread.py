"""The YAML composer behind every reader: libyaml's own nesting limit is not Claude Code's."""

from __future__ import annotations

import yaml

from agentkit import yamlread
from agentkit.limits import DEFAULT_LIMITS


def test_libyamls_nesting_limit_is_read_past_and_cut_at_agentkits(monkeypatch) -> None:
    # Newer PyYAML wheels bundle a libyaml that stops at a nesting depth of its own; the
    # composer then reads the text with PyYAML's parser and cuts it at agentkit's limit.
    text = "hooks:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(150)) + "  " * 151 + "leaf\n"
    real = yamlread.CoreLoader

    class Limited(real):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            raise yaml.YAMLError("exceeded maximum nesting depth")

    monkeypatch.setattr(yamlread, "CoreLoader", Limited)
    monkeypatch.setattr(yamlread._compose_bounded, "__defaults__", (Limited,))
    node = yamlread.compose(text, DEFAULT_LIMITS)
    mark, reason = node.agentkit_limited
    assert (mark.line, reason) == (100, "is nested more than 100 levels deep")
