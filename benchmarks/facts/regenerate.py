"""Regenerate agentkit/data/claude_code.json from a Claude Code CLI.

The CLI is a single executable with its JavaScript embedded as text. This script
reads the executable's bytes and finds each fact with a pattern anchored on
string literals that stay stable across releases (minified identifiers change
with every build, so no pattern relies on them):

- tools: the sorted array of tool names that sits right before the alias map
  ``{Task:"Agent",KillShell:"TaskStop",…}``; that map gives ``tool_aliases``;
- removed_tools: the ``new Set([...])`` of retired tool names that holds
  ``"TaskOutput"`` and ``"BashOutput"``;
- fields: every key the agent-file parser (the function that logs
  ``Error parsing agent from``) reads from the frontmatter, plus those its
  helpers read (``experimental``, ``observeToolResults``, ``hooks``);
- plugin_ignored_fields: the two arrays the plugin-agent loader warns about
  (``…which is ignored for plugin agents``);
- enums: permission modes (the array holding ``"acceptEdits"`` and
  ``"bypassPermissions"`` that the parser checks, plus the ``manual`` alias),
  effort levels (``["low","medium","high",…]`` and the ``{med:"medium"}``
  alias map), memory scopes and isolation values (the arrays the parser
  compares ``.memory`` and ``.isolation`` with), colours (the keys of the
  ``red:"red_FOR_SUBAGENTS_ONLY"`` map), model aliases (the array that starts
  ``"sonnet","opus","haiku"`` and holds ``"opusplan"``), cache TTLs
  (``["5m","1h"]``), the smallest ``autoCompactWindow`` and the longest name.

Hand-kept entries (``legacy_tools``: replacements for retired names;
``tools_with_arguments``) are carried over from the current file.

Usage::

    python benchmarks/facts/regenerate.py            # rewrite the data file
    python benchmarks/facts/regenerate.py --check    # exit 1 and show the difference when stale
    python benchmarks/facts/regenerate.py --cli /path/to/claude

The CLI is found through ``--cli``, ``AGENTKIT_CLAUDE_BIN``, or the
``claude-agent-sdk`` wheel (``claude_agent_sdk/_bundled/claude``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "agentkit" / "data" / "claude_code.json"
SCHEMAS = (("claude-code", ROOT / "schema" / "agent.schema.json"), ("plugin", ROOT / "schema" / "profiles" / "plugin.agent.schema.json"))
sys.path.insert(0, str(ROOT))
from agentkit.facts import sync_schema  # noqa: E402
HAND_KEPT = ("legacy_tools", "tools_with_arguments")


class Missing(Exception):
    """A fact's pattern matched nothing: the CLI changed shape; update the pattern."""


def find_cli(given: str | None = None) -> Path | None:
    if given:
        return Path(given)
    env = os.environ.get("AGENTKIT_CLAUDE_BIN")
    if env:
        return Path(env)
    try:
        import claude_agent_sdk  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(claude_agent_sdk.__file__).parent / "_bundled" / "claude"
    return path if path.exists() else None


def _strings(array: bytes) -> list[str]:
    return [s.decode() for s in re.findall(rb'"([^"\\]*)"', array)]


def _map(body: bytes) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in re.findall(rb'([A-Za-z_$][\w$]*):"([^"]*)"', body)}


def _near(blob: bytes, anchor: bytes, pattern: bytes, what: str, before: int = 4000, after: int = 2000, accept=lambda m: True) -> re.Match[bytes]:  # type: ignore[no-untyped-def]
    """The first match of ``pattern`` in a window around an occurrence of the literal ``anchor``.

    Scanning windows around a literal keeps the whole run to seconds on a 380 MB executable."""
    rx = re.compile(pattern, re.DOTALL)
    at = blob.find(anchor)
    while at >= 0:
        window = blob[max(0, at - before) : at + len(anchor) + after]
        for m in rx.finditer(window):
            if accept(m):
                return m
        at = blob.find(anchor, at + 1)
    raise Missing(what)


def _function_around(blob: bytes, anchor: bytes, what: str) -> bytes:
    at = blob.find(anchor)
    if at < 0:
        raise Missing(what)
    start = blob.rfind(b"function ", 0, at)
    return blob[start : at + len(anchor)]


def _function_body(blob: bytes, name: bytes) -> tuple[bytes, bytes] | None:
    """(parameter, body) of ``function name(p…){…}``, the body cut at the next top-level declaration."""
    at = blob.find(b"function " + name + b"(")
    if at < 0:
        return None
    m = re.match(rb"function [\w$]+\(([\w$]+)[^)]*\)\{(.{0,1500}?)\}(?:function |var |let |const |async |class |import)", blob[at : at + 2000], re.DOTALL)
    return (m.group(1), m.group(2)) if m else None


def _reads(param: bytes, code: bytes) -> set[str]:
    """Keys read from ``param`` in ``code``: ``p.key``, ``"key"in p`` and ``let{key:…}=p``."""
    p = re.escape(param)
    keys = {k.decode() for k in re.findall(rb"(?<![\w$.])" + p + rb"\.([A-Za-z_]\w*)", code)}
    keys |= {k.decode() for k in re.findall(rb'"([A-Za-z_]\w*)"in ' + p + rb"(?![\w$])", code)}
    for body in re.findall(rb"let\{([^{}]*)\}=" + p + rb"(?![\w$])", code):
        keys |= {k.decode() for k in re.findall(rb"([A-Za-z_]\w*):", body)}
    return keys


def extract(blob: bytes) -> dict:
    facts: dict = {}
    version = re.search(rb"// Version: (\d+\.\d+\.\d+)", blob[: 50_000_000]) or re.search(rb"// Version: (\d+\.\d+\.\d+)", blob)
    facts["claude_code_version"] = version.group(1).decode() if version else None

    m = _near(blob, b'={Task:"Agent"', rb'\[((?:"[A-Za-z_]+",)+"[A-Za-z_]+")\],[\w$]+=\{(Task:"Agent"(?:,[A-Za-z]+:"[A-Za-z]+")*)\}', "tool names and aliases")
    facts["tools"] = sorted(_strings(m.group(1)), key=str.lower)
    facts["tool_aliases"] = _map(m.group(2))

    m = _near(blob, b'"BashOutput"', rb'new Set\(\[((?:"[A-Za-z]+",)*"[A-Za-z]+")\]\)', "removed tool names", 400, 400, lambda m: b'"TaskOutput"' in m.group(1) and b'"BashOutput"' in m.group(1))
    facts["removed_tools"] = sorted(set(_strings(m.group(1))), key=str.lower)

    parser = _function_around(blob, b"Error parsing agent from ${", "the agent-file parser")
    fm = re.search(rb"\{let\{name:[\w$]+,description:[\w$]+\}=([\w$]+);", parser)
    if fm is None:
        raise Missing("the parser's frontmatter parameter")
    fields = _reads(fm.group(1), parser)
    for helper in set(re.findall(rb"(?<![\w$.])([\w$]+)\(" + re.escape(fm.group(1)) + rb"[,)]", parser)):
        found = _function_body(blob, helper)
        if found is not None:
            fields |= _reads(*found)
    fields -= {"length", "trim", "startsWith", "includes", "toLowerCase", "normalize"}
    facts["fields"] = sorted(fields, key=str.lower)

    m = _near(blob, b",pluginName:", rb'=\[((?:"\w+",)*"\w+")\],[\w$]+=\[((?:"\w+",)*"\w+")\];async function [\w$]+\(\{filePath:[\w$]+,content:[\w$]+,pluginName:', "fields ignored in plugin agents", 600, 50)
    facts["plugin_ignored_fields"] = _strings(m.group(1)) + _strings(m.group(2))
    # A plugin agent without `description` takes `when_to_use` (or `when-to-use`): description ?? when_to_use ?? …
    chain = _near(blob, b".description,", rb"([\w$]+)\([\w$]+\.description,[\w$]+\)((?:\?\?\1\([\w$]+(?:\.\w+|\[\"[\w-]+\"\]),[\w$]+\))+)\?\?`Agent from", "the plugin agent's description fallbacks", 100, 300)
    facts["plugin_description_fallbacks"] = [a.decode() or b.decode() for a, b in re.findall(rb'(?:\.(\w+)|\["([\w-]+)"\]),', chain.group(2))]

    modes = _near(blob, b'"bypassPermissions"', rb'=\[((?:"[A-Za-z]+",)*"acceptEdits"(?:,"[A-Za-z]+")*)\],', "permission modes", 300, 300,
                  lambda m: all(x in m.group(1) for x in (b'"default"', b'"plan"', b'"bypassPermissions"', b'"dontAsk"')))
    facts["permission_modes"] = _strings(modes.group(1))
    manual = _near(blob, b'?"default":', rb'[\w$]+="(\w+)";function [\w$]+\([\w$]+\)\{return [\w$]+==="\1"\?"default":[\w$]+\}', "the permission-mode alias", 200, 50)
    facts["permission_mode_aliases"] = {manual.group(1).decode(): "default"}

    facts["effort_levels"] = _strings(_near(blob, b'=["low","medium","high"', rb'=\[("low","medium","high"(?:,"\w+")*)\];function', "effort levels", 10, 100).group(1))
    facts["effort_aliases"] = _map(_near(blob, b'{med:"medium"', rb'\{(med:"medium"(?:,\w+:"\w+")*)\}', "effort aliases", 10, 200).group(1))
    facts["effort_integer"] = b"or an integer`" in parser

    def parser_enum(key: bytes, what: str) -> list[str]:
        m = re.search(rb'\[((?:"\w+",)*"\w+")\],[\w$]+=[\w$]+\.' + key + rb"[,;]", parser)
        if m is None:
            raise Missing(what)
        return _strings(m.group(1))

    facts["memory_scopes"] = parser_enum(b"memory", "memory scopes")
    facts["isolation_values"] = parser_enum(b"isolation", "isolation values")
    facts["plugin_isolation_values"] = _strings(_near(blob, b"ignored for plugin agents", rb'[\w$]+=[\w$]+\.isolation===("\w+")\?', "plugin isolation", 3000, 0).group(1))

    colours = _near(blob, b'_FOR_SUBAGENTS_ONLY",', rb'\{((?:\w+:"\w+_FOR_SUBAGENTS_ONLY",)*\w+:"\w+_FOR_SUBAGENTS_ONLY")\}', "colours", 100, 400)
    facts["colors"] = list(_map(colours.group(1)))

    aliases = _near(blob, b'"opusplan"', rb'=\[("sonnet","opus","haiku"(?:,"[\w\[\]]+")*)\]', "model aliases", 200, 50, lambda m: b'"opusplan"' in m.group(1))
    facts["model_aliases"] = _strings(aliases.group(1))

    facts["cache_ttl_values"] = _strings(_near(blob, b'=["5m",', rb'=\[("\d+[mh]"(?:,"\d+[mh]")+)\];', "cache TTLs", 5, 50).group(1))

    def constant(name: bytes, what: str) -> int:
        m = _near(blob, name + b"=", rb"[,\s;]" + re.escape(name) + rb"=(\d+(?:e\d+)?)[,;]", what, 2, 30)
        return int(float(m.group(1)))

    floor = re.search(rb"Must be an integer of at least \$\{([\w$]+)\}", parser)
    if floor is None:
        raise Missing("the autoCompactWindow floor")
    facts["auto_compact_window_min"] = constant(floor.group(1), "the autoCompactWindow floor value")
    limit = _near(blob, b"names must be at most ${", rb"names must be at most \$\{([\w$]+)\} characters", "the name length limit", 0, 60)
    facts["name_max_length"] = constant(limit.group(1), "the name length value")
    return facts


def build(cli: Path, current: dict) -> dict:
    blob = cli.read_bytes()
    facts = extract(blob)
    out = {
        "_comment": "Facts about Claude Code that change with its releases. Regenerate with benchmarks/facts/regenerate.py; "
        "only legacy_tools and tools_with_arguments are kept by hand.",
    }
    out.update(facts)
    for key in HAND_KEPT:
        if key in current:
            out[key] = current[key]
    return out


def dumps(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", help="path to the claude executable")
    ap.add_argument("--check", action="store_true", help="do not write; exit 1 when the data file is stale")
    ap.add_argument("--data", default=str(DATA), help="the data file (default: agentkit/data/claude_code.json)")
    args = ap.parse_args(argv)
    cli = find_cli(args.cli)
    if cli is None or not cli.exists():
        print("no Claude Code CLI: pass --cli, set AGENTKIT_CLAUDE_BIN or install claude-agent-sdk", file=sys.stderr)
        return 2
    data_path = Path(args.data)
    text = data_path.read_text(encoding="utf-8")
    try:
        new = dumps(build(cli, json.loads(text)))
    except Missing as exc:
        print(f"{cli}: could not find {exc} (the CLI changed shape: update the pattern in {Path(__file__).name})", file=sys.stderr)
        return 2
    outputs = [(data_path, text, new)]
    for profile, path in SCHEMAS:
        before = path.read_text(encoding="utf-8")
        outputs.append((path, before, dumps(sync_schema(json.loads(before), json.loads(new), profile))))
    stale = [(p, a, b) for p, a, b in outputs if a != b]
    if args.check:
        for p, a, b in stale:
            sys.stdout.writelines(difflib.unified_diff(a.splitlines(True), b.splitlines(True), str(p), f"{p} from {cli}"))
        return 1 if stale else 0
    for p, _, b in stale:
        fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=".regenerate.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(b)
        os.replace(tmp, p)
        print(f"wrote {p}")
    if stale:  # the compiled schema check follows the schemas
        import subprocess

        subprocess.run([sys.executable, str(Path(__file__).resolve().parent.parent / "schema_fast.py"), "--write"], check=True)
    print(f"facts of Claude Code {json.loads(new)['claude_code_version']}: {len(stale)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
