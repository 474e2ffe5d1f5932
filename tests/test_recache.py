"""Compiled regular expressions kept between runs (agentkit/recache.py): a pattern read
back from the file behaves exactly as one compiled anew, a damaged file is ignored, and
only the command with its cache on uses the file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from probe import run_probe

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="the cache is for CPython's re only")

# What a few patterns do (flags, groups, matches), for ``re`` as it is passed in: run in a
# process with the cache installed and here without it, the two must agree.
DESCRIBE = textwrap.dedent(
    r"""
    def describe(re):
        pats = [
            (r"(?P<word>\w+)-(?P<n>\d+)", 0, "alpha-12 beta-7"),
            (r"^\s*never\b", re.IGNORECASE | re.MULTILINE, "ok\n  NEVER push\n"),
            (rb"[\x00-\x1f]+", 0, b"a\x01\x02b"),
            (r"(?x) a  b # spaced", 0, "xxab"),
        ]
        out = []
        for p, flags, text in pats:
            rx = re.compile(p, flags)
            out.append((rx.flags, rx.groups, sorted(rx.groupindex.items()), [m.span() for m in rx.finditer(text)], [m.groups() for m in rx.finditer(text)]))
        return repr(out)
    """
)
PROBE = DESCRIBE + textwrap.dedent(
    """
    import re, sys
    from agentkit import recache
    recache.install(sys.argv[1])
    print(describe(re))
    a = recache._active
    print(a.added, len(a.used))
    a.added = max(a.added, 16)  # (write even these few)
    recache.save()
    """
)


def _run(folder: Path) -> list[str]:
    return run_probe(PROBE, folder)


def _plain() -> str:
    import re

    scope: dict = {}
    exec(DESCRIBE, scope)
    return scope["describe"](re)


def test_patterns_read_back_behave_as_compiled(tmp_path: Path) -> None:
    first = _run(tmp_path)
    files = [p.name for p in tmp_path.iterdir()]
    assert len(files) == 1 and files[0].startswith("re-") and files[0].endswith(".marshal")
    second = _run(tmp_path)
    assert first[0] == second[0] == _plain()
    assert first[1] == "4 4"  # compiled anew, then written
    assert second[1] == "0 4"  # all four read back


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    _run(tmp_path)
    (f,) = tmp_path.iterdir()
    f.write_bytes(b"\x00garbage")
    again = _run(tmp_path)
    assert again[0] == _plain()
    assert again[1] == "4 4"


def _agent(tmp_path: Path) -> Path:
    p = tmp_path / "project" / ".claude" / "agents" / "helper.md"
    p.parent.mkdir(parents=True)
    p.write_text("---\nname: helper\ndescription: Use this agent to help.\n---\n\nAlways use pnpm.\n", encoding="utf-8")
    return p


def test_the_command_keeps_patterns_only_with_its_cache(tmp_path: Path) -> None:
    agent = _agent(tmp_path)
    cache = tmp_path / "cache"
    env = {**os.environ, "AGENTKIT_CACHE_DIR": str(cache)}
    env.pop("AGENTKIT_NO_CACHE", None)
    exe = [sys.executable, "-c", "from agentkit.fastcli import main; main()"]
    subprocess.run([*exe, "lint", str(agent), "--no-cache"], env=env, capture_output=True, check=True)
    assert not list(cache.glob("re-*"))
    subprocess.run([*exe, "lint", str(agent)], env=env, capture_output=True, check=True)
    assert [p.name for p in cache.glob("re-*.marshal")]


def test_an_invalid_pattern_raises_as_usual(tmp_path: Path) -> None:
    code = textwrap.dedent(
        """
        import re, sys
        from agentkit import recache
        recache.install(sys.argv[1])
        try:
            re.compile("a(b")
        except re.error as exc:
            print("re.error:", exc)
        """
    )
    got = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True)
    assert got.stdout == "re.error: missing ), unterminated subpattern at position 1\n"
