"""Claude Code facts (agentkit/data/claude_code.json) and the schema values derived from them.

The data file is regenerated from a Claude Code CLI by
``benchmarks/facts/regenerate.py``; the enums of ``schema/agent.schema.json`` and
its profiles are written from the data by :func:`sync_schema` (the same script
calls it, and a test fails when the schema and the data disagree), so each fact
lives in one place.
"""

from __future__ import annotations

import copy
import json
import os
import re
from functools import lru_cache
from typing import Any


def data_text(name: str) -> str:
    """The text of ``agentkit/data/<name>``: read from the file when the package is a
    folder (an installed package or a checkout: without importlib.resources' imports,
    which cost a one-file run about 5 ms), through importlib.resources otherwise."""
    path = os.path.join(os.path.dirname(__file__), "data", name)
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    from importlib import resources  # (a package inside a zip file)

    return resources.files("agentkit.data").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def claude_code_facts() -> dict[str, Any]:
    """The data file of tool names and other facts that change with Claude Code."""
    return json.loads(data_text("claude_code.json"))


def _effort_pattern(facts: dict[str, Any]) -> str:
    words = sorted(set(facts["effort_levels"]) | set(facts["effort_aliases"]), key=lambda w: (-len(w), w))
    number = "|[0-9]+" if facts.get("effort_integer") else ""
    return "(?i)^(?:" + "|".join(re.escape(w) for w in words) + number + ")$"


def sync_schema(schema: dict[str, Any], facts: dict[str, Any], profile: str = "claude-code") -> dict[str, Any]:
    """``schema`` (agent.schema.json or a profile) with every value that comes from the facts rewritten."""
    out = copy.deepcopy(schema)
    props = out.setdefault("properties", {})
    if profile == "claude-code":
        props["model"]["anyOf"][0]["enum"] = [*facts["model_aliases"], "inherit"]
        props["permissionMode"]["enum"] = [*facts["permission_modes"], *facts["permission_mode_aliases"]]
        props["effort"]["anyOf"][0]["pattern"] = _effort_pattern(facts)
        props["effort"]["anyOf"][0]["description"] = ", ".join(facts["effort_levels"]) + (" (any case) or an integer" if facts.get("effort_integer") else " (any case)")
        props["memory"]["enum"] = list(facts["memory_scopes"])
        props["isolation"]["enum"] = list(facts["isolation_values"])
        props["color"]["enum"] = list(facts["colors"])
        props["autoCompactWindow"]["minimum"] = facts["auto_compact_window_min"]
        props["experimental"]["properties"]["cacheTtl"]["enum"] = list(facts["cache_ttl_values"])
    elif profile == "plugin":
        for key in facts["plugin_ignored_fields"]:
            props[key] = {"not": {}, "x-agentkit": {"not": "AK112"}}
        props["isolation"] = {"enum": list(facts["plugin_isolation_values"]), "x-agentkit": {"enum": "AK112"}}
    return out


def schema_fields(schema: dict[str, Any]) -> list[str]:
    """The fields a schema defines (misspelling traps, `not: {}`, excluded)."""
    return sorted((k for k, v in schema["properties"].items() if "not" not in v), key=str.lower)
