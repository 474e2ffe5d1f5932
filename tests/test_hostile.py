"""Hostile input, through the command line: a clear diagnostic, exit 0 or 1, no traceback, bounded memory.

Each case runs ``agentkit lint --format json`` in a child process whose address
space is capped, with a generous timeout (a hang fails the test; speed is not
asserted here).
"""

from __future__ import annotations

import codecs
import json
import os
import resource
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

MEMORY_CAP = 2 * 1024**3  # bytes of address space for the child
TIMEOUT = 300  # seconds: only a hang reaches it

GOOD = "---\nname: agent\ndescription: Reviews code.\n---\n\nYou review code.\n"


def fm(*lines: str, body: str = "You review code.\n") -> bytes:
    """An agent file named ``agent`` with extra frontmatter lines."""
    return ("---\nname: agent\ndescription: Reviews code.\n" + "".join(line + "\n" for line in lines) + "---\n\n" + body).encode()


def _laughs() -> list[str]:
    """A billion laughs: nine aliases of nine aliases … 9**9 values once expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return lines


NO_FM = "1:1 AK004 no frontmatter: an agent file starts with a `---` line, then `name:` and `description:`, then `---`"
DEEP = "the frontmatter is nested more than 100 levels deep: agentkit reads what lies beyond as null"

# name: (bytes, exit code, exact findings as "line:column CODE message")
CASES: dict[str, tuple[bytes, int, list[str]]] = {
    "empty": (b"", 1, [NO_FM]),
    "no_frontmatter": (b"You review code.\n", 1, [NO_FM]),
    "unclosed": (b"---\nname: agent\ndescription: Reviews code.\n\nYou review code.\n", 1, ["1:1 AK004 the frontmatter opened on line 1 is never closed with a `---` line"]),
    "bom": (codecs.BOM_UTF8 + GOOD.encode(), 0, []),
    "crlf": (GOOD.replace("\n", "\r\n").encode(), 0, []),
    "bom_crlf": (codecs.BOM_UTF8 + GOOD.replace("\n", "\r\n").encode(), 0, []),
    "utf16_le": (codecs.BOM_UTF16_LE + GOOD.encode("utf-16-le"), 0, []),
    "utf16_be": (codecs.BOM_UTF16_BE + GOOD.encode("utf-16-be"), 0, []),
    "utf16_without_bom": (GOOD.encode("utf-16-le"), 1, [NO_FM]),  # Claude Code reads it as UTF-8 too
    "invalid_utf8": (
        b"---\nname: agent\ndescription: Reviews caf\xe9 code.\n---\n\nYou review code.\n",
        1,
        ["3:25 AK001 invalid UTF-8 byte sequence 0xE9, read as U+FFFD (was the file saved as Windows-1252?)"],
    ),
    "binary": (
        bytes(range(256)),
        1,
        [NO_FM]
        + [f"3:{115 + i} AK001 invalid UTF-8 byte sequence 0x{b:02X}, read as U+FFFD" + ("" if b in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else " (was the file saved as Windows-1252?)") for i, b in enumerate(range(0x80, 0x100))],
    ),
    "body_10mb": (fm(body="word " * 2_000_000), 0, ["5:1 AK304 the prompt body costs about 2,500,001 tokens on every launch (budget 8,000)"]),  # 10,000,000 bytes of prompt: under the 10 MiB limit, read in full
    "alias_bomb": (
        fm(*_laughs()),
        1,
        [f"{4 + i}:1 AK102 unknown field `{k}`: Claude Code ignores it" for i, k in enumerate("abcdef")]
        + ["9:12 AK021 the frontmatter has more than 200,000 values once aliases are expanded: agentkit reads what lies beyond as null"]
        + [f"{10 + i}:1 AK102 unknown field `{k}`: Claude Code ignores it" for i, k in enumerate("ghi")],
    ),
    "recursive_alias": (fm("hooks: &h {again: *h}"), 1, ["4:19 AK021 the frontmatter has an alias that repeats the list or mapping containing it: agentkit reads what lies beyond as null"]),
    "deep_flow_5000": (fm("hooks: " + "[" * 5000 + "]" * 5000), 1, ["4:8 AK009 `hooks` must be a mapping, not list " + "[" * 57 + "...", f"4:107 AK021 {DEEP}"]),
    "deep_block_5000": (fm("hooks:", "  " + "- " * 5000 + "x"), 1, ["5:3 AK009 `hooks` must be a mapping, not list " + "[" * 57 + "...", f"5:201 AK021 {DEEP}"]),
    "deep_flow_100000": (fm("hooks: " + "{a: " * 100_000 + "1" + "}" * 100_000), 1, [f"4:404 AK021 {DEEP}"]),  # crashed libyaml
    "deep_block_mappings_2000": (fm("hooks:", *(" " * i + f"k{i}:" for i in range(1, 2000))), 1, [f"104:101 AK021 {DEEP}"]),
    "frontmatter_list": (b"---\n- name: agent\n- description: Reviews code.\n---\n\nYou review code.\n", 1, ["2:1 AK005 the frontmatter is a list, not a mapping of `key: value` fields"]),
    "frontmatter_scalar": (b"---\njust text\n---\n\nYou review code.\n", 1, ["2:1 AK005 the frontmatter is a string, not a mapping of `key: value` fields"]),
    "duplicate_keys": (fm("color: red", "color: blue"), 1, ["5:1 AK008 `color` is set again (first on line 4); Claude Code keeps this value and drops the first"]),
    "wrong_types": (
        b"---\nname: 7\ndescription: [Reviews, code]\ntools: {Read: yes}\nmaxTurns: many\nbackground: maybe\n---\n\nYou review code.\n",
        1,
        [
            "2:7 AK009 `name` must be a string, not number 7",
            '3:14 AK009 `description` must be a string, not list ["Reviews", "code"]',
            '4:8 AK009 `tools` must be a string or a list, not mapping {"Read": "yes"}',
            '5:11 AK009 `maxTurns` must be an integer, not string "many"',
            '6:13 AK009 `background` must be true or false, not string "maybe"',
        ],
    ),
    "tabs": (
        fm("tools:", "\t- Read"),
        0,
        [
            "5:1 AK002 strict YAML rejects the frontmatter: found character that cannot start any token (a plain value cannot start with this character). "
            "Claude Code reads it leniently, but PyYAML, python-frontmatter and other tools cannot",
            "5:2 AK110 `tools` is a YAML list; a comma-separated string is the documented form",
        ],
    ),
    "python_tags": (
        b"---\nname: agent\ndescription: !!python/object/apply:os.system [\"touch PWNED\"]\ntools: !!python/name:os.system\n"
        b"x-run: !!python/object/new:subprocess.Popen [[\"touch\", \"PWNED\"]]\n---\n\nYou review code.\n",
        1,
        ['3:14 AK009 `description` must be a string, not list ["touch PWNED"]', "5:1 AK102 unknown field `x-run`: Claude Code ignores it"],
    ),
    "nul_bytes": (
        b"---\nname: agent\ndescription: Reviews\x00code.\n---\n\nYou\x00review code.\n",
        1,
        [
            "2:1 AK003 Claude Code cannot parse this frontmatter: unacceptable character #x0000: control characters are not allowed; "
            "at runtime the agent loads with its name taken from the file name and every other field dropped"
        ],
    ),
    "lone_dashes": (
        b"---",
        1,
        ["1:1 AK004 the frontmatter opened on line 1 is never closed with a `---` line", "1:1 AK101 required field `description` is missing", "1:1 AK101 required field `name` is missing"],
    ),
    "empty_frontmatter": (b"---\n---\n\nYou review code.\n", 1, ["1:1 AK101 required field `description` is missing", "1:1 AK101 required field `name` is missing"]),
    "line_1mb_body": (
        fm(body="x" * 1_000_000 + "\n"),
        0,
        ["5:1 AK303 the prompt body is only 1 word long: it is the agent's whole system prompt", "5:1 AK304 the prompt body costs about 250,001 tokens on every launch (budget 8,000)"],
    ),
    "line_1mb_description": (b"---\nname: agent\ndescription: " + b"a" * 1_000_000 + b"\n---\n\nYou review code.\n", 0, ["3:14 AK209 the description costs about 250,000 tokens in every session (budget 500)"]),
    "line_of_number_words": (fm(body="two " * 25_000 + "\n"), 0, ["5:1 AK304 the prompt body costs about 25,001 tokens on every launch (budget 8,000)"]),
    # A rule and its exception with a 1 MB word: the conditional conflict is found, its condition quoted short.
    "long_exception_line": (
        fm(body="- Don't cite Wikipedia as a source.\n- Wikipedia may be cited when " + "x" * 1_000_000 + " applies.\n"),
        0,
        [
            "5:1 AK304 the prompt body costs about 250,020 tokens on every launch (budget 8,000)",
            "6:3 AK505 conditional polarity conflict on `cite Wikipedia source`: \"Don't cite Wikipedia as a source.\" forbids what line 7 permits: "
            "\"Wikipedia may be cited when " + "x" * 61 + "…\" (one side applies only 'when " + "x" * 84 + "…': say which rule wins)",
        ],
    ),
    "long_hyphenated_run": (fm(body="- Never run pipelines from " + "a-" * 500_000 + "b.\n- Run the pipeline when asked.\n"), 0, ["5:1 AK304 the prompt body costs about 250,016 tokens on every launch (budget 8,000)"]),
    "list_100000_items": (fm("tools:", *["  - Read"] * 100_000), 0, ["5:3 AK110 `tools` is a YAML list; a comma-separated string is the documented form"]),
}


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def lint(*args: str, cwd: Path, code: str | None = None) -> subprocess.CompletedProcess[str]:
    """``agentkit lint --format json ARGS`` in a capped child (or ``code`` run before the CLI)."""
    command = [sys.executable, "-c", f"{code}\nfrom agentkit.cli import main\nmain()"] if code else [sys.executable, "-m", "agentkit.cli"]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [*command, "lint", "--format", "json", *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=TIMEOUT, preexec_fn=_cap_memory
    )


def findings(r: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in r.stderr, r.stderr
    payload = json.loads(r.stdout)
    return [f"{d['line']}:{d['column']} {d['code']} {d['message']}" for d in payload["diagnostics"]]


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file(tmp_path: Path, name: str) -> None:
    data, exit_code, expected = CASES[name]
    (tmp_path / "agent.md").write_bytes(data)
    r = lint("agent.md", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (exit_code, ""), r.stderr
    assert findings(r) == expected
    assert not (tmp_path / "PWNED").exists()  # a YAML tag never runs code


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "agent.md").write_bytes(fm(body="x" * (10 * 1024 * 1024)))
    r = lint("agent.md", cwd=tmp_path)
    assert r.returncode == 1
    assert findings(r) == ["1:1 AK020 the file is larger than 10,485,760 bytes (--max-file-size): it was not checked"]


def test_the_size_and_depth_limits_are_options(tmp_path: Path) -> None:
    (tmp_path / "agent.md").write_bytes(fm("hooks: [[[[x]]]]"))
    r = lint("--max-file-size", "50", "agent.md", cwd=tmp_path)
    assert findings(r) == ["1:1 AK020 the file is larger than 50 bytes (--max-file-size): it was not checked"]
    r = lint("--max-depth", "3", "agent.md", cwd=tmp_path)
    assert r.returncode == 1
    assert findings(r) == [
        '4:8 AK009 `hooks` must be a mapping, not list [[null]]',
        "4:10 AK021 the frontmatter is nested more than 3 levels deep: agentkit reads what lies beyond as null",
    ]


def test_a_directory_named_like_an_agent_is_searched_not_read(tmp_path: Path) -> None:
    (tmp_path / "agents" / "x.md").mkdir(parents=True)
    (tmp_path / "agents" / "agent.md").write_text(GOOD)
    r = lint("agents", cwd=tmp_path)
    assert (r.returncode, r.stderr, findings(r)) == (0, "", [])
    assert json.loads(r.stdout)["summary"]["files"] == 1
    r = lint("agents/x.md", cwd=tmp_path)
    assert (r.returncode, r.stderr, findings(r)) == (0, "", [])
    assert json.loads(r.stdout)["summary"]["files"] == 0


def test_a_symbolic_link_loop_is_reported(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "a.md").symlink_to("b.md")
    (tmp_path / "agents" / "b.md").symlink_to("a.md")
    r = lint("agents", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (1, "")
    assert findings(r) == ["1:1 AK000 cannot read the file: Too many levels of symbolic links"] * 2
    r = lint("agents/a.md", cwd=tmp_path)
    assert (r.returncode, findings(r)) == (1, ["1:1 AK000 cannot read the file: Too many levels of symbolic links"])


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    f = tmp_path / "agent.md"
    f.write_text(GOOD)
    f.chmod(0)
    try:
        with open(f, "rb"):
            pytest.skip("this user reads files whatever their permissions (root)")
    except PermissionError:
        pass
    try:
        r = lint("agent.md", cwd=tmp_path)
    finally:
        f.chmod(0o644)
    assert (r.returncode, r.stderr, findings(r)) == (1, "", ["1:1 AK000 cannot read the file: Permission denied"])


@pytest.mark.parametrize("cache", [False, True], ids=["no-cache", "cache"])
def test_a_file_that_vanishes_between_discovery_and_reading_is_reported(tmp_path: Path, cache: bool) -> None:
    (tmp_path / "agents").mkdir()
    (tmp_path / "agents" / "gone.md").write_text(GOOD)
    (tmp_path / "agents" / "agent.md").write_text(GOOD)
    # Remove gone.md right after the folder is listed, before agentkit reads it; with the
    # cache on, the file's status is asked for too.
    code = (
        "import os\n"
        + (f"os.environ.pop('AGENTKIT_NO_CACHE', None); os.environ['AGENTKIT_CACHE_DIR'] = {str(tmp_path / 'cache')!r}\n" if cache else "")
        + "real_scandir = os.scandir\n"
        "class Listing:\n"
        "    def __init__(self, entries): self.entries = iter(entries)\n"
        "    def __enter__(self): return self\n"
        "    def __exit__(self, *exc): return False\n"
        "    def __iter__(self): return self\n"
        "    def __next__(self): return next(self.entries)\n"
        "def scandir(path='.'):\n"
        "    with real_scandir(path) as it:\n"
        "        entries = list(it)\n"
        "    for e in entries:\n"
        "        if e.name == 'gone.md':\n"
        "            os.unlink(e.path)\n"
        "    return Listing(entries)\n"
        "os.scandir = scandir\n"
    )
    r = lint("agents", cwd=tmp_path, code=code)
    assert (r.returncode, r.stderr) == (1, "")
    assert [(d["path"], d["code"], d["message"]) for d in json.loads(r.stdout)["diagnostics"]] == [
        ("agents/gone.md", "AK000", "cannot read the file: No such file or directory")
    ]


def test_a_pipe_or_socket_named_like_an_agent_is_reported_not_read(tmp_path: Path) -> None:
    (tmp_path / "agents").mkdir()
    os.mkfifo(tmp_path / "agents" / "pipe.md")
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(tmp_path / "agents" / "sock.md"))
        r = lint("agents", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (1, "")
    assert [(d["path"], d["message"]) for d in json.loads(r.stdout)["diagnostics"]] == [
        ("agents/pipe.md", "cannot read the file: not a regular file"),
        ("agents/sock.md", "cannot read the file: No such device or address"),
    ]
