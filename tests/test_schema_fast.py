"""The compiled schema check (agentkit/_schema_valid.py): up to date, and never calls valid what jsonschema rejects."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit import schema
from agentkit._schema_valid import VALIDATORS


def test_the_generated_module_matches_the_schemas():
    pytest.importorskip("fastjsonschema")
    p = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "schema_fast.py"), "--check"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def test_every_schema_file_has_a_compiled_check():
    assert set(VALIDATORS) == set(schema._AGENT_SCHEMA.values()) | set(schema._EXAMPLE_SCHEMA.values()) | {schema.CONFIG_SCHEMA}


_scalar = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 300), st.floats(allow_nan=False), st.sampled_from(["", "a", "x-y", "claude-opus-4", "Opus", "high", "HIGH", "12", "a\n", "blue", "Read", "default"]),
    st.text(max_size=6),
)
_value = st.recursive(_scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3), max_leaves=6)
_keys = st.sampled_from(sorted(schema.load_schema("agent.schema.json")["properties"]) + ["hooks", "user", "assistant", "context", "commentary", "x"])
_instances = st.dictionaries(_keys, _value, max_size=8)


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(_instances)
def test_the_compiled_check_is_never_more_lenient_than_jsonschema(instance):
    for rel, fast in VALIDATORS.items():
        try:
            fast(instance)
        except Exception:
            continue
        assert list(schema._validator(rel).iter_errors(instance)) == [], rel


def test_the_findings_are_the_same_with_or_without_the_compiled_check(monkeypatch):
    data = {"name": "Bad_Name", "description": "x", "model": "gpt-4", "colour": "red", "tools": 3}
    slow = list(schema.validate_frontmatter(data))
    assert [f.code for f in slow] == ["AK106", "AK009", "AK104", "AK102"]
    monkeypatch.setattr(schema, "_valid", lambda instance, rel: False)
    assert list(schema.validate_frontmatter(data)) == slow
    good = {"name": "good", "description": "Use this agent to review code.", "colour": "red"}
    fast = list(schema.validate_frontmatter(good))
    monkeypatch.undo()
    assert list(schema.validate_frontmatter(good)) == fast == [schema.SchemaFinding("AK102", ("colour",), "unknown field `colour`: Claude Code ignores it; did you mean `color`?", True)]


_config_keys = st.sampled_from(sorted(schema.load_schema(schema.CONFIG_SCHEMA)["properties"]) + ["x", "selectt"])
_config_value = st.one_of(
    _value,
    st.lists(st.sampled_from(["AK1", "AK101", "name-format", "", "**/*.md", 3]), max_size=3),
    st.dictionaries(st.sampled_from(["AK1", "legacy/**", "AK209", ""]), st.one_of(st.sampled_from(["error", "warning", "info", "fatal"]), _value), max_size=2),
)


@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.dictionaries(_config_keys, _config_value, max_size=5))
def test_the_compiled_configuration_check_is_never_more_lenient_than_jsonschema(table):
    try:
        VALIDATORS[schema.CONFIG_SCHEMA](table)
    except Exception:
        return
    assert list(schema._validator(schema.CONFIG_SCHEMA).iter_errors(table)) == []


def test_a_valid_configuration_is_read_without_jsonschema(tmp_path):
    (tmp_path / "agentkit.toml").write_text('ignore = ["AK107"]\nextend-exclude = ["drafts"]\n[severity]\nAK002 = "error"\n[rules.AK209]\nbudget = 400\n')
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "agentkit.toml").write_text('ignore = "AK107"\n')
    code = (
        "import sys; from agentkit.config import Resolver, ConfigError\n"
        "Resolver().for_path('x.md'); print('jsonschema' in sys.modules)\n"
        "try:\n    Resolver().for_path('bad/x.md')\nexcept ConfigError as exc:\n    print(exc)\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert p.stdout.splitlines() == ["False", f"{tmp_path / 'bad' / 'agentkit.toml'}: ignore: 'AK107' is not of type 'array'"], p.stderr
