"""Configuration files: find, read, validate and resolve them into per-file settings.

agentkit reads ``[tool.agentkit]`` in ``pyproject.toml``, or the top level of
``agentkit.toml`` / ``.agentkit.toml``. For each checked file the closest such
file in its folder or a parent folder applies (in one folder ``.agentkit.toml``
wins over ``agentkit.toml``, which wins over ``pyproject.toml``; a
``pyproject.toml`` without ``[tool.agentkit]`` does not count). An explicit
configuration file replaces the search; ``isolated`` ignores every file.
Command-line options are applied on top of whichever file applies.

The file is validated against ``schema/config.schema.json``; every problem is a
:class:`ConfigError` naming the file, the key and the problem.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from .diagnostics import Severity
from .rules import REGISTRY, Selection

CONFIG_NAMES = (".agentkit.toml", "agentkit.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration file that cannot be used: ``file: key: problem``."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file, self.key, self.problem = file, key, problem
        super().__init__(f"{file}: {key}: {problem}" if key else f"{file}: {problem}")


# --- globs -----------------------------------------------------------------


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob as a regex on ``/``-separated relative paths.

    ``*`` and ``?`` stay within one folder, ``**`` spans folders, ``[…]`` is a
    character class. A pattern without ``/`` matches a file or folder name at
    any depth (as in ``.gitignore``); a pattern matching a folder matches
    everything under it.
    """
    pat = pattern.strip().replace("\\", "/")
    anchored = "/" in pat.rstrip("/")
    pat = pat.strip("/") if anchored else pat.rstrip("/")
    out: list[str] = []
    i = 0
    while i < len(pat):
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 2)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1 : j]
                out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
                i = j + 1
        else:
            out.append(re.escape(c))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(prefix + "".join(out) + "(?:/.*)?")


@dataclass(frozen=True)
class Globs:
    """Glob patterns relative to ``root``."""

    root: str
    patterns: tuple[str, ...] = ()
    regexes: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def of(cls, root: str, patterns: Iterable[str]) -> Globs:
        pats = tuple(patterns)
        return cls(root, pats, tuple(glob_regex(p) for p in pats))

    def match(self, path: str) -> bool:
        if not self.regexes:
            return False
        rel = relative_to(path, self.root)
        return rel is not None and any(r.fullmatch(rel) for r in self.regexes)


def relative_to(path: str, root: str) -> str | None:
    """``path`` relative to ``root`` with ``/`` separators, or None when outside it."""
    rel = os.path.relpath(os.path.abspath(path), root)
    if rel == ".." or rel.startswith(".." + os.sep):
        return None
    return rel.replace(os.sep, "/")


# --- settings --------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """Everything that decides how one file is checked (picklable: workers get it)."""

    profile: str = "claude-code"
    selection: Selection = field(default_factory=Selection)
    per_file_ignores: tuple[tuple[Globs, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()  # (code prefix, severity), longest prefix wins
    include: Globs | None = None
    exclude: Globs | None = None
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    file: str | None = None  # the configuration file, None for the defaults
    root: str | None = None  # its folder: the root of globs and of the project
    profile_explicit: bool = False  # chosen by the command line or the configuration (else agents in a plugin get `plugin`)

    def enabled(self, code: str, path: str) -> bool:
        """Whether findings of ``code`` in ``path`` are reported."""
        rule = REGISTRY.get(code)
        if not self.selection.enabled(code, rule.default_enabled if rule is not None else True):
            return False
        for globs, prefixes in self.per_file_ignores:
            if any(code.startswith(p) for p in prefixes) and globs.match(path):
                return False
        return True

    def severity_of(self, code: str) -> Severity | None:
        best: tuple[int, Severity | None] = (-1, None)
        for prefix, sev in self.severity:
            if code.startswith(prefix) and len(prefix) > best[0]:
                best = (len(prefix), sev)
        return best[1]

    def excluded(self, path: str) -> bool:
        return self.exclude is not None and self.exclude.match(path)

    def included(self, path: str) -> bool:
        """Do the `include` globs name this file (checked even outside an agents/ folder)?"""
        return self.include is not None and self.include.match(path)


@dataclass(frozen=True)
class Overrides:
    """Command-line options, applied on top of the configuration file."""

    profile: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()


def selector(value: str, file: str = "<command line>", key: str = "select") -> str:
    """A code, prefix or rule name → the code prefix it stands for."""
    v = value.strip()
    if v.upper() == "ALL":
        return "AK"
    if re.fullmatch(r"(?i)AK\d{0,3}", v):
        return v.upper()
    for r in REGISTRY.values():
        if r.name == v.lower():
            return r.code
    raise ConfigError(file, key, f"{value!r} is not a rule code, code prefix or rule name")


def _selectors(values: Iterable[str], file: str, key: str) -> tuple[str, ...]:
    return tuple(selector(v, file, f"{key}[{i}]") for i, v in enumerate(values))


def rule_code(value: str) -> str | None:
    """The code of a rule given by code or name, or None when no rule has it."""
    if value.upper() in REGISTRY:
        return value.upper()
    return next((r.code for r in REGISTRY.values() if r.name == value.lower()), None)


def _validate(table: Mapping[str, Any], file: str) -> None:
    from .schema import CONFIG_SCHEMA, _valid, load_schema

    if _valid(table, CONFIG_SCHEMA):  # the compiled check: jsonschema only explains a table it rejects
        return
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(CONFIG_SCHEMA))
    errors = sorted(validator.iter_errors(table), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        e = errors[0]
        key = ".".join(str(p) for p in e.absolute_path)
        problem = e.message
        if e.validator == "additionalProperties" and not e.absolute_path:
            extra = sorted(set(table) - set(e.schema.get("properties", {})))
            key, problem = extra[0], "unknown key (see the README's Configuration section)"
        raise ConfigError(file, key, problem)


def _rule_options(table: Mapping[str, Any], file: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, opts in table.items():
        code = rule_code(name)
        key = f"rules.{name}"
        if code is None:
            raise ConfigError(file, key, f"no rule is named {name!r}")
        r = REGISTRY[code]
        _check_options(r, opts, file, key)
        out.setdefault(code, {}).update(opts)
    return out


def _check_options(r: Any, opts: Mapping[str, Any], file: str, key: str) -> None:
    """Options must be ones the rule declares (``Rule.options``), of its default's type,
    and valid against ``Rule.options_schema`` when the rule has one."""
    if not r.options and r.options_schema is None:
        raise ConfigError(file, key, f"{r.code} ({r.name}) takes no options")
    for name, value in opts.items():
        if r.options and name not in r.options:
            known = ", ".join(sorted(r.options))
            raise ConfigError(file, f"{key}.{name}", f"{r.code} has no option {name!r} (its options: {known})")
        default = r.options.get(name)
        if default is not None and r.options_schema is None and not _same_type(value, default):
            raise ConfigError(file, f"{key}.{name}", f"expected {_TYPE_NAMES.get(type(default), type(default).__name__)}, got {value!r}")
    if r.options_schema is not None:
        import jsonschema

        errors = list(jsonschema.Draft202012Validator(r.options_schema).iter_errors(opts))
        if errors:
            e = min(errors, key=lambda e: list(map(str, e.absolute_path)))
            raise ConfigError(file, ".".join([key, *map(str, e.absolute_path)]), e.message)


_TYPE_NAMES = {bool: "true or false", int: "an integer", float: "a number", str: "a string", list: "an array", tuple: "an array", dict: "a table"}


def _same_type(value: Any, default: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float)) if isinstance(default, float) else isinstance(value, int)
    if isinstance(default, (list, tuple)):
        return isinstance(value, list)
    return isinstance(value, type(default))


def settings_from(table: Mapping[str, Any], file: str | None, root: str | None, overrides: Overrides | None = None) -> Settings:
    """Resolve one configuration table (already read) and the command line into Settings."""
    src = file or "<config>"
    if table:
        _validate(table, src)
    o = overrides or Overrides()
    glob_root = root or os.getcwd()
    sel = Selection(
        _selectors(table["select"], src, "select") if "select" in table else ("AK",),
        _selectors(table.get("ignore", ()), src, "ignore") + _selectors(table.get("extend-ignore", ()), src, "extend-ignore"),
        _selectors(table.get("extend-select", ()), src, "extend-select"),
    )
    if o.select is not None or o.ignore or o.extend_select:
        sel = Selection(o.select, o.ignore, o.extend_select, base=sel)
    pfi = tuple(
        (Globs.of(glob_root, [glob]), _selectors(codes, src, f"per-file-ignores.{glob}"))
        for glob, codes in table.get("per-file-ignores", {}).items()
    )
    severity = tuple((selector(k, src, f"severity.{k}"), Severity(v)) for k, v in table.get("severity", {}).items())
    exclude = tuple(o.exclude if o.exclude is not None else table.get("exclude", ())) + tuple(table.get("extend-exclude", ())) + o.extend_exclude
    return Settings(
        profile=o.profile or table.get("profile", "claude-code"),
        selection=sel,
        per_file_ignores=pfi,
        severity=severity,
        include=Globs.of(glob_root, table["include"]) if table.get("include") else None,
        exclude=Globs.of(glob_root, exclude) if exclude else None,
        rule_options=_rule_options(table.get("rules", {}), src),
        file=file,
        root=root,
        profile_explicit=bool(o.profile) or "profile" in table,
    )


def read_config(path: str) -> dict[str, Any] | None:
    """The agentkit table of a configuration file; None for a pyproject.toml without one."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(path, "", exc.strerror or str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, "", f"invalid TOML: {exc}") from None
    if os.path.basename(path) == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "agentkit" not in tool:
            return None
        table = tool["agentkit"]
        if not isinstance(table, dict):
            raise ConfigError(path, "tool.agentkit", "must be a table")
        return table
    return data


def find_config(folder: str, memo: dict[str, str | None] | None = None) -> str | None:
    """The configuration file that applies in ``folder``: the closest in it or a parent.
    ``memo`` keeps the answer for every folder looked at (a run asks for many siblings)."""
    d = os.path.abspath(folder)
    walked: list[str] = []
    found = None
    while True:
        if memo is not None and d in memo:
            found = memo[d]
            break
        walked.append(d)
        found = next((c for c in (os.path.join(d, name) for name in CONFIG_NAMES) if _is_config(c)), None)
        parent = os.path.dirname(d)
        if found is not None or parent == d:
            break
        d = parent
    if memo is not None:
        memo.update(dict.fromkeys(walked, found))
    return found


def _is_config(candidate: str) -> bool:
    return os.path.isfile(candidate) and (not candidate.endswith("pyproject.toml") or _has_agentkit_table(candidate))


def _has_agentkit_table(path: str) -> bool:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return False
    if b"agentkit" not in data:
        return False
    try:
        return read_config(path) is not None
    except ConfigError:
        return True  # report the broken file rather than skip it


class Resolver:
    """Settings for each checked path: the closest configuration file, or one given file, or none."""

    def __init__(self, overrides: Overrides | None = None, config: str | Mapping[str, Any] | None = None, isolated: bool = False) -> None:
        self.overrides = overrides or Overrides()
        self.isolated = isolated
        self._by_file: dict[str | None, Settings] = {}
        self._by_dir: dict[str, Settings] = {}
        self._found: dict[str, str | None] = {}  # folder -> its configuration file (see find_config)
        self._fixed: Settings | None = None
        if isinstance(config, Mapping):
            self._fixed = settings_from(config, None, None, self.overrides)
        elif config is not None:
            path = os.path.abspath(os.fspath(config))
            if not os.path.isfile(path):
                raise ConfigError(os.fspath(config), "", "no such file")
            self._fixed = self._settings(path)
        elif isolated:
            self._fixed = settings_from({}, None, None, self.overrides)

    @classmethod
    def of(cls, settings: Settings) -> Resolver:
        """A resolver that gives every path the same settings."""
        r = cls(isolated=True)
        r._fixed = settings
        return r

    def _settings(self, file: str | None) -> Settings:
        if file not in self._by_file:
            if file is None:
                self._by_file[None] = settings_from({}, None, None, self.overrides)
            else:
                table = read_config(file)
                if table is None:  # an explicit pyproject.toml without [tool.agentkit]
                    table = {}
                self._by_file[file] = settings_from(table, file, os.path.dirname(file), self.overrides)
        return self._by_file[file]

    def for_path(self, path: str) -> Settings:
        if self._fixed is not None:
            return self._fixed
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in self._by_dir:
            self._by_dir[folder] = self._settings(find_config(folder, self._found))
        return self._by_dir[folder]


__all__ = ["ConfigError", "Overrides", "Resolver", "Settings", "find_config", "glob_regex", "read_config", "settings_from"]
