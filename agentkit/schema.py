"""JSON Schema validation of frontmatter and examples, turned into findings at exact positions.

The schemas in ``schema/`` (draft 2020-12) are the contract; each schema node
may carry ``x-agentkit``: a map from a JSON Schema keyword (``enum``, ``type``,
``items.type``…) to the agentkit rule code that reports its failure, so the
schema, not the code, decides which rule a failure belongs to.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

if TYPE_CHECKING:  # jsonschema is imported only to explain a value the compiled check calls invalid
    from pathlib import Path

    import jsonschema
    from referencing import Registry

PROFILES = ("claude-code", "plugin", "plugin-dev")
CONFIG_SCHEMA = "config.schema.json"  # the configuration file's table
_AGENT_SCHEMA = {
    "claude-code": "agent.schema.json",
    "plugin": "profiles/plugin.agent.schema.json",
    "plugin-dev": "profiles/plugin-dev.agent.schema.json",
}
_EXAMPLE_SCHEMA = {
    "claude-code": "example.schema.json",
    "plugin": "example.schema.json",
    "plugin-dev": "profiles/plugin-dev.example.schema.json",
}


def schema_dir() -> Path:
    """The shipped schemas: inside the installed package, or the repository's ``schema/``."""
    from pathlib import Path

    return Path(_schema_folder())


def _schema_folder() -> str:
    """:func:`schema_dir` as a string, found without pathlib (~3 ms of imports)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for candidate in (os.path.join(here, "schema"), os.path.join(os.path.dirname(here), "schema")):
        if os.path.isfile(os.path.join(candidate, "agent.schema.json")):
            return candidate
    raise FileNotFoundError("agentkit's schema files are missing from the installation")


@lru_cache(maxsize=None)
def load_schema(relative: str) -> dict[str, Any]:
    with open(os.path.join(_schema_folder(), relative), encoding="utf-8") as fh:
        return json.loads(fh.read())


@lru_cache(maxsize=None)
def _registry() -> Registry:
    from referencing import Registry, Resource

    resources = []
    for rel in set(_AGENT_SCHEMA.values()) | set(_EXAMPLE_SCHEMA.values()):
        contents = load_schema(rel)
        resources.append((contents["$id"], Resource.from_contents(contents)))
    return Registry().with_resources(resources)


@lru_cache(maxsize=None)
def _validator(relative: str) -> jsonschema.protocols.Validator:
    import jsonschema

    schema = load_schema(relative)
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, registry=_registry())


def _valid(instance: Any, relative: str) -> bool:
    """The compiled check (see benchmarks/schema_fast.py): True when ``instance`` is
    valid; False sends it to jsonschema, which finds and explains every failure."""
    from ._schema_valid import VALIDATORS

    try:
        VALIDATORS[relative](instance)
    except Exception:  # invalid, or a value the generated code cannot handle
        return False
    return True


@lru_cache(maxsize=1)
def known_fields() -> list[str]:
    """Fields the documentation defines (misspelling traps excluded)."""
    props = load_schema("agent.schema.json")["properties"]
    return [k for k, v in props.items() if "not" not in v]


@dataclass(frozen=True, slots=True)
class SchemaFinding:
    code: str
    path: tuple[Any, ...]  # JSON path of the offending value
    message: str
    on_key: bool = False  # point at the key rather than the value


def _code(error: jsonschema.ValidationError) -> str | None:
    """The rule code a failure belongs to, from the failing node's ``x-agentkit``."""
    annotations = error.schema.get("x-agentkit", {}) if isinstance(error.schema, dict) else {}
    return annotations.get(error.validator)


def _item_code(root: dict[str, Any], error: jsonschema.ValidationError) -> str | None:
    # Walk the schema path and look for "items.<keyword>" on the array schema.
    node: Any = root
    path = list(error.absolute_schema_path)
    trail: list[Any] = []
    for step in path:
        trail.append(node)
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
    if len(path) >= 2 and path[-2] == "items":
        parent = trail[-2]
        if isinstance(parent, dict):
            return parent.get("x-agentkit", {}).get(f"items.{error.validator}")
    return None


def _field_label(path: tuple[Any, ...]) -> str:
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out or "frontmatter"


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    return type(value).__name__


def _message(error: jsonschema.ValidationError, path: tuple[Any, ...]) -> str:
    label = _field_label(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    v = error.validator
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return f"`{label}` is {_show(error.instance)}; allowed: {allowed}"
    if v == "anyOf":
        options: list[str] = []
        for sub in error.validator_value:
            options += [str(x) for x in sub.get("enum", [])]
            if "pattern" in sub:
                options.append(sub.get("description", "a full model ID (claude-…)"))
        return f"`{label}` is {_show(error.instance)}; allowed: {', '.join(options)}"
    if v == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = {"string": "a string", "array": "a list", "object": "a mapping", "integer": "an integer", "boolean": "true or false"}
        want = " or ".join(names.get(t, t) for t in expected)
        shown = "" if error.instance is None else f" {_show(error.instance)}"
        return f"`{label}` must be {want}, not {_type_name(error.instance)}{shown}"
    if v == "minLength" and error.validator_value == 1:
        return f"`{label}` is empty"
    if v == "minLength":
        return f"`{label}` has {len(error.instance)} characters; at least {error.validator_value} required"
    if v == "maxLength":
        return f"`{label}` has {len(error.instance)} characters; at most {error.validator_value} allowed"
    if v == "minimum":
        return f"`{label}` is {_show(error.instance)}; it must be at least {error.validator_value}"
    if v == "minItems":
        return f"`{label}` is empty"
    if v == "pattern":
        desc = schema.get("description", f"must match {error.validator_value}")
        return f"`{label}` is {_show(error.instance)}: {desc[0].lower() + desc[1:]}"
    return f"`{label}`: {error.message}"


def validate_frontmatter(data: dict[str, Any], profile: str = "claude-code") -> Iterator[SchemaFinding]:
    """Schema findings for a frontmatter mapping under a profile."""
    rel = _AGENT_SCHEMA[profile]
    root = load_schema("agent.schema.json")
    known = set(root["properties"])
    reported: set[str] = set()  # jsonschema raises one "required" error per missing key, each listing all
    for error in () if _valid(data, rel) else _validator(rel).iter_errors(data):
        path = tuple(error.absolute_path)
        v = error.validator
        if v == "required":
            missing = [k for k in error.validator_value if k not in error.instance and k not in reported]
            reported.update(missing)
            code = (error.schema.get("x-agentkit") or {}).get("required", "AK101")
            for key in missing:
                yield SchemaFinding(code, (), f"required field `{key}` is missing")
            continue
        if v == "not":
            key = path[0] if path else ""
            ann = error.schema.get("x-agentkit", {})
            code = ann.get("not", "AK102")
            if code == "AK103":
                yield SchemaFinding(code, path, f"`{key}` is not a Claude Code field: it is ignored, {ann.get('why')}; did you mean `{ann.get('suggest')}`?", True)
            else:
                yield SchemaFinding(code, path, f"`{key}` is not supported in plugin agents: Claude Code ignores it there", True)
            continue
        code = _code(error) or _item_code(load_schema(rel), error) or _item_code(root, error)
        if code is None:
            code = "AK009" if v == "type" else "AK104"
        if path and path[0] in ("name", "description") and error.instance is None:
            yield SchemaFinding("AK101", path, f"`{path[0]}` is empty")
            continue
        if code == "AK112" and v == "enum":
            allowed = ", ".join(str(x) for x in error.validator_value)
            yield SchemaFinding(code, path, f"`{_field_label(path)}` is {_show(error.instance)}: plugin agents support only {allowed}, Claude Code ignores it there")
            continue
        yield SchemaFinding(code, path, _message(error, path))
    for key in data:
        if key not in known:
            yield SchemaFinding("AK102", (key,), _unknown_message(key), True)


@lru_cache(maxsize=1024)
def _unknown_message(key: str) -> str:
    import difflib

    close = difflib.get_close_matches(key, known_fields(), n=1, cutoff=0.75)
    hint = f"; did you mean `{close[0]}`?" if close else ""
    return f"unknown field `{key}`: Claude Code ignores it{hint}"


_PART = {"user": "user turn", "assistant": "assistant turn", "context": "`Context:`", "commentary": "<commentary>"}


def validate_example(instance: dict[str, Any], profile: str = "claude-code") -> Iterator[SchemaFinding]:
    rel = _EXAMPLE_SCHEMA[profile]
    reported: set[str] = set()
    for error in () if _valid(instance, rel) else _validator(rel).iter_errors(instance):
        path = tuple(error.absolute_path)
        if error.validator == "required":
            for key in error.validator_value:
                if key not in error.instance and key not in reported:
                    reported.add(key)
                    yield SchemaFinding("AK203", (), f"has no {_PART.get(key, key)}")
        elif error.validator in ("minItems", "minLength") and path and path[0] in _PART:
            yield SchemaFinding("AK203", path, f"has an empty {_PART[path[0]]}" if error.validator == "minLength" else f"has no {_PART[path[0]]}")
        else:
            yield SchemaFinding("AK203", path, _message(error, path))
