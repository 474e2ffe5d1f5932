"""Dataclass methods kept compiled between runs (agentkit/fncache.py): a class built from
the file behaves exactly as one built anew, a damaged file is ignored, and only the command
with its cache on uses the file."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from probe import run_probe

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="the cache is for CPython only")

# A few dataclasses and what they do (repr, equality, order, hash, frozen, slots,
# defaults, replace, fields, copies): run with the cache installed and without it, the two must agree.
DESCRIBE = textwrap.dedent(
    r"""
    def describe():
        import copy, dataclasses
        from dataclasses import dataclass, field

        @dataclass(frozen=True, slots=True)
        class Point:
            x: int
            y: int = 0
            tags: tuple = ()

        @dataclass(order=True)
        class Box:
            name: str
            items: list = field(default_factory=list)
            size: int = field(default=3, compare=False)

        out = []
        p, q = Point(1, 2, ("a",)), Point(1)
        out += [repr(p), repr(q), p == Point(1, 2, ("a",)), p == q, hash(p) == hash(Point(1, 2, ("a",))), dataclasses.replace(q, y=5)]
        try:
            p.x = 3
        except dataclasses.FrozenInstanceError as exc:
            out.append(str(exc))
        b, c = Box("a"), Box("b", [1], 9)
        b.items.append(2)
        out += [repr(b), b < c, b == Box("a", [2], 7), [f.name for f in dataclasses.fields(Box)], dataclasses.asdict(c)]
        out += [copy.copy(p) == p, copy.deepcopy(b) == b, Point.__doc__, Box.__init__.__code__.co_varnames, Point.__match_args__]
        try:
            Point()
        except TypeError as exc:
            out.append(str(exc))
        return repr(out)
    """
)
PROBE = DESCRIBE + textwrap.dedent(
    """
    import sys
    from agentkit import fncache
    fncache.install(sys.argv[1])
    print(describe())
    a = fncache._active
    print(a.added, len(a.table))
    fncache.save()
    """
)


def _run(folder: Path) -> list[str]:
    return run_probe(PROBE, folder)


def _plain() -> str:
    scope: dict = {}
    exec(compile(DESCRIBE, "<describe>", "exec", dont_inherit=True), scope)  # (not this module's `annotations`)
    return scope["describe"]()


def test_classes_built_from_the_file_behave_as_new_ones(tmp_path: Path) -> None:
    first = _run(tmp_path)
    files = [p.name for p in tmp_path.iterdir() if p.name.startswith("fn-")]
    assert len(files) == 1 and files[0].endswith(".marshal")
    second = _run(tmp_path)
    assert first[0] == second[0] == _plain()
    added, kept = map(int, first[1].split())
    assert added > 0 and kept == added
    assert second[1] == f"0 {kept}"  # nothing compiled again, nothing written


def test_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    _run(tmp_path)
    (cached,) = tmp_path.glob("fn-*.marshal")
    cached.write_bytes(b"\x00garbage")
    got = _run(tmp_path)
    assert got[0] == _plain()
    assert int(got[1].split()[0]) > 0


def test_only_the_command_with_its_cache_on_installs_it(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "AGENTKIT_CACHE_DIR": str(tmp_path / "c")}
    env.pop("AGENTKIT_NO_CACHE", None)  # (the tests' conftest turns the cache off)
    agent = tmp_path / "agents" / "a.md"
    agent.parent.mkdir()
    agent.write_text("---\nname: a\ndescription: Use this agent when code needs a careful review.\n---\n\nYou review code.\n", encoding="utf-8")
    code = "import sys, dataclasses; sys.argv[0] = 'agentkit'; from agentkit.fastcli import main\ntry:\n main()\nfinally:\n print('exec' in vars(dataclasses))"
    off = subprocess.run([sys.executable, "-c", code, "lint", str(agent), "--no-cache"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert off.stdout.splitlines()[-1] == "False" and not list(tmp_path.glob("c/fn-*"))
    lib = subprocess.run([sys.executable, "-c", "import agentkit, dataclasses; agentkit.lint(['agents']); print('exec' in vars(dataclasses))"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert lib.stdout.strip() == "False"
    on = subprocess.run([sys.executable, "-c", code, "lint", str(agent)], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert on.stdout.splitlines()[-1] == "True" and list(tmp_path.glob("c/fn-*.marshal"))


def test_a_file_grown_past_the_bound_keeps_only_what_a_run_used(tmp_path: Path) -> None:
    import marshal

    from agentkit import fncache

    _run(tmp_path)
    (cached,) = tmp_path.glob("fn-*.marshal")
    junk = {f"junk {i}": compile("pass", "<string>", "exec") for i in range(fncache._MAX_KEPT + 1)}
    cached.write_bytes(marshal.dumps(junk))  # none of the probe's texts: it compiles them again
    got = _run(tmp_path)
    assert got[0] == _plain()
    added, kept = map(int, got[1].split())
    kept_now = marshal.loads(cached.read_bytes())
    assert added > 0 and not any(k.startswith("junk ") for k in kept_now) and len(kept_now) == added
