"""Configuration files: discovery, precedence, every key, and errors that name file, key and problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli import run

import agentkit
from agentkit.config import ConfigError, Resolver, glob_regex

# Findings: AK106 (name format, line 2), AK107 (name differs from file, line 2), AK301 (unclosed fence, line 6).
AGENT = "---\nname: Reviewer_X\ndescription: Use this agent to review code.\n---\n\n```\nnever closed\n"


def codes(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [d.code for d in report.diagnostics]


def project(tmp_path: Path, config: str, name: str = "pyproject.toml") -> Path:
    (tmp_path / name).write_text(config)
    (tmp_path / "agents").mkdir(exist_ok=True)
    (tmp_path / "agents" / "a.md").write_text(AGENT)
    return tmp_path


def test_no_config_reports_everything(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(AGENT)
    assert codes(agentkit.lint([tmp_path / "a.md"])) == ["AK106", "AK107", "AK301"]


def test_pyproject_select_ignore_and_names(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nselect = ["AK1", "unclosed-code-fence"]\nignore = ["name-format"]\n')
    assert codes(agentkit.lint([tmp_path])) == ["AK107", "AK301"]


def test_longest_prefix_wins_and_extend(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nignore = ["AK1"]\nextend-select = ["AK106"]\nextend-ignore = ["AK3"]\n')
    assert codes(agentkit.lint([tmp_path])) == ["AK106"]


def test_command_line_select_replaces_the_configuration(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nselect = ["AK301"]\n')
    assert codes(agentkit.lint([tmp_path], select="AK107")) == ["AK107"]
    assert codes(agentkit.lint([tmp_path], extend_select="AK107")) == ["AK107", "AK301"]
    assert codes(agentkit.lint([tmp_path], ignore="AK301")) == []


def test_per_file_ignores_and_severity(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nseverity = { AK107 = "error", "AK3" = "info" }\n[tool.agentkit.per-file-ignores]\n"agents/*.md" = ["AK106"]\n"other/**" = ["AK107"]\n')
    report = agentkit.lint([tmp_path])
    assert [(d.code, d.severity.value) for d in report.diagnostics] == [("AK107", "error"), ("AK301", "info")]
    assert report.exit_code == 1


def test_closest_config_wins_and_dotfile_beats_pyproject(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nignore = ["AK107"]\n')
    sub = tmp_path / "sub" / "agents"
    sub.mkdir(parents=True)
    (sub / "b.md").write_text(AGENT.replace("Reviewer_X", "Reviewer_Y"))
    (tmp_path / "sub" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.agentkit]: does not count
    (tmp_path / "sub" / "agents" / "agentkit.toml").write_text('ignore = ["AK301"]\n')
    (tmp_path / "sub" / "agents" / ".agentkit.toml").write_text('ignore = ["AK106"]\n')
    report = agentkit.lint([tmp_path])
    assert [(Path(d.path).name, d.code) for d in report.diagnostics] == [("a.md", "AK106"), ("a.md", "AK301"), ("b.md", "AK107"), ("b.md", "AK301")]


def test_explicit_config_and_isolated(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nselect = ["AK301"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["AK107"]\n')
    assert codes(agentkit.lint([tmp_path], other)) == ["AK107"]
    assert codes(agentkit.lint([tmp_path], isolated=True)) == ["AK106", "AK107", "AK301"]
    assert codes(agentkit.lint([tmp_path], {"select": ["AK106"]})) == ["AK106"]


def test_profile_from_config(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nprofile = "plugin-dev"\nselect = ["AK302"]\n')
    assert codes(agentkit.lint([tmp_path])) == ["AK302"]
    assert codes(agentkit.lint([tmp_path], profile="claude-code")) == []


def test_exclude_and_force_exclude(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nextend-exclude = ["agents/a.md"]\n')
    (tmp_path / "agents" / "b.md").write_text(AGENT.replace("Reviewer_X", "b"))
    assert [Path(f.path).name for f in agentkit.lint([tmp_path]).files] == ["b.md"]
    assert [Path(f.path).name for f in agentkit.lint([tmp_path / "agents" / "a.md"]).files] == ["a.md"]  # named: checked
    assert agentkit.lint([tmp_path / "agents" / "a.md"], force_exclude=True).files == []
    # Text from stdin named as an excluded file is checked, unless --force-exclude (as editors pass it).
    named = str(tmp_path / "agents" / "a.md")
    assert [f.path for f in agentkit.lint(None, stdin=(named, AGENT)).files] == [named]
    assert agentkit.lint(None, stdin=(named, AGENT), force_exclude=True).files == []


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('[tool.agentkit]\nselct = ["AK1"]\n', "selct: unknown key (see the README's Configuration section)"),
        ('[tool.agentkit]\nselect = "AK1"\n', "select: 'AK1' is not of type 'array'"),
        ('[tool.agentkit]\nselect = ["AK1", "AKX"]\n', "select[1]: 'AKX' is not a rule code, code prefix or rule name"),
        ('[tool.agentkit]\nprofile = "strict"\n', "profile: 'strict' is not one of ['claude-code', 'plugin', 'plugin-dev']"),
        ('[tool.agentkit]\nseverity = { AK107 = "fatal" }\n', "severity.AK107: 'fatal' is not one of ['error', 'warning', 'info']"),
        ('[tool.agentkit.rules.AK999]\nx = 1\n', "rules.AK999: no rule is named 'AK999'"),
        ('[tool.agentkit.rules.unclosed-code-fence]\nx = 1\n', "rules.unclosed-code-fence: AK301 (unclosed-code-fence) takes no options"),
        ("[tool.agentkit\n", "invalid TOML: "),
    ],
)
def test_config_errors_exit_2_naming_file_key_and_problem(tmp_path: Path, config: str, message: str) -> None:
    project(tmp_path, config)
    r = run("lint", str(tmp_path))
    assert r.returncode == 2
    assert r.stderr.startswith(f"agentkit: error: {tmp_path / 'pyproject.toml'}: {message}"), r.stderr
    assert r.stdout == ""


def test_cli_config_and_isolated(tmp_path: Path) -> None:
    project(tmp_path, '[tool.agentkit]\nselect = ["AK301"]\n')
    r = run("lint", str(tmp_path), "--format", "json")
    assert [d["code"] for d in json.loads(r.stdout)["diagnostics"]] == ["AK301"]
    r = run("lint", str(tmp_path), "--format", "json", "--isolated")
    assert [d["code"] for d in json.loads(r.stdout)["diagnostics"]] == ["AK106", "AK107", "AK301"]
    r = run("lint", str(tmp_path), "--config", str(tmp_path / "missing.toml"))
    assert (r.returncode, r.stderr) == (2, f"agentkit: error: {tmp_path / 'missing.toml'}: no such file\n")


def test_rule_options_reach_the_check_through_the_context(tmp_path: Path) -> None:
    from agentkit.diagnostics import Severity
    from agentkit.rules import REGISTRY
    from agentkit.rules.base import rule

    seen = []

    @rule("AK998", "option-probe", Severity.INFO, "body", options={"budget": 100})
    def probe(doc, ctx):  # type: ignore[no-untyped-def]
        """Test probe."""
        seen.append((probe.option(ctx, "budget"), dict(ctx.options.get("AK998", {})), ctx.root))
        return iter(())

    try:
        project(tmp_path, "[tool.agentkit.rules.option-probe]\nbudget = 7\n")
        agentkit.lint([tmp_path], select="AK998")
        assert seen == [(7, {"budget": 7}, str(tmp_path))]
        seen.clear()
        agentkit.lint([tmp_path], select="AK998", isolated=True)
        assert seen == [(100, {}, None)]
        with pytest.raises(ConfigError, match="rules.AK998.budget: expected an integer, got 'x'"):
            Resolver(config={"rules": {"AK998": {"budget": "x"}}})
        with pytest.raises(ConfigError, match=r"rules.option-probe.budgte: AK998 has no option 'budgte' \(its options: budget\)"):
            Resolver(config={"rules": {"option-probe": {"budgte": 1}}})
    finally:
        del REGISTRY["AK998"]


@pytest.mark.parametrize(
    ("pattern", "yes", "no"),
    [
        ("*.md", ["a.md", "x/y/a.md"], ["a.txt"]),
        ("agents/*.md", ["agents/a.md"], ["x/agents/a.md", "agents/x/a.md"]),
        ("**/drafts/**", ["drafts/a.md", "x/drafts/y/a.md"], ["draftsx/a.md"]),
        ("drafts", ["drafts/a.md", "x/drafts/a.md"], ["x/draftsy.md"]),
        ("a?[bc].md", ["axb.md"], ["axd.md"]),
    ],
)
def test_globs(pattern: str, yes: list[str], no: list[str]) -> None:
    rx = glob_regex(pattern)
    assert all(rx.fullmatch(p) for p in yes) and not any(rx.fullmatch(p) for p in no)
