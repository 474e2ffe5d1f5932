"""Per-rule options of the catalogue, set through the configuration."""

from __future__ import annotations

from pathlib import Path

import agentkit

EXAMPLES = (
    "---\nname: helper\ndescription: |-\n  Use this agent to help.\n"
    '  <example>user: "help" assistant: "I will use the helper agent"</example>\n---\n\nYou help people with their work.\n'
)


def _codes(report, code: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.message for d in report.diagnostics if d.code == code]


def test_example_policy_from_the_configuration(tmp_path: Path) -> None:
    f = tmp_path / "agents" / "helper.md"
    f.parent.mkdir()
    f.write_text(EXAMPLES)
    assert _codes(agentkit.lint([str(f)], {"rules": {"AK206": {"max": 0}}}), "AK206") == ["the description has 1 example; the configuration asks for none"]
    assert _codes(agentkit.lint([str(f)], {"rules": {"example-count": {"min": 2, "max": 4}}}), "AK206") == ["the description has 1 example; the configuration asks for 2 to 4"]
    assert _codes(agentkit.lint([str(f)], {}), "AK206") == []  # claude-code: no policy unless configured
    assert _codes(agentkit.lint([str(f)], {"profile": "plugin-dev"}), "AK206") == ["the description has 1 example; plugin-dev asks for 2 to 4"]


def test_token_budgets_from_the_configuration(tmp_path: Path) -> None:
    f = tmp_path / "agents" / "helper.md"
    f.parent.mkdir()
    f.write_text(EXAMPLES)
    report = agentkit.lint([str(f)], {"rules": {"AK209": {"budget": 10}, "AK304": {"budget": 5}}})
    assert _codes(report, "AK209") == ["the description costs about 24 tokens in every session (budget 10), 1 example included"]
    assert _codes(report, "AK304") == ["the prompt body costs about 9 tokens on every launch (budget 5)"]


def test_off_by_default_rule_runs_when_selected(tmp_path: Path) -> None:
    f = tmp_path / "agents" / "helper.md"
    f.parent.mkdir()
    f.write_text(EXAMPLES)
    assert _codes(agentkit.lint([str(f)], {}), "AK117") == []
    assert _codes(agentkit.lint([str(f)], {"extend-select": ["AK117"]}), "AK117") == ["no `tools` field: the agent gets every tool, MCP tools included"]
