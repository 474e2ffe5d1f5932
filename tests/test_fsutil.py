"""Atomic writes under injected faults: the original stays intact and no temporary file is left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ROOT

from agentkit import fsutil
from agentkit.document import load
from agentkit.linter import fix_documents, write_atomic

ORIGINAL = b"---\nname: a\ndescription: Old.\n---\n\nBody.\n"
NEW = b"---\nname: a\ndescription: New.\n---\n\nBody.\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(fsutil.TEMP_PREFIX))


def _raiser(code: int):  # type: ignore[no-untyped-def]
    def fail(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(code, os.strerror(code))

    return fail


def test_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(ORIGINAL)
    f.chmod(0o640)
    write_atomic(f, NEW)
    assert f.read_bytes() == NEW
    assert f.stat().st_mode & 0o777 == 0o640
    assert _leftovers(tmp_path) == []


def test_write_follows_a_symbolic_link_and_keeps_it(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_bytes(ORIGINAL)
    link = tmp_path / "link.md"
    link.symlink_to(target.name)
    write_atomic(link, NEW)
    assert link.is_symlink() and target.read_bytes() == NEW


def test_write_creates_a_new_file(tmp_path: Path) -> None:
    f = tmp_path / "new.md"
    write_atomic(f, NEW)
    assert f.read_bytes() == NEW and _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("write", errno.ENOSPC),  # disk full while writing
        ("fsync", errno.EIO),  # the disk fails to flush
        ("fchmod", errno.EPERM),  # permission denied on the new file
        ("replace", errno.EACCES),  # permission denied on the rename
    ],
)
def test_a_failure_mid_write_leaves_the_original_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(ORIGINAL)
    monkeypatch.setattr(fsutil.os, target, _raiser(code))
    with pytest.raises(OSError) as info:
        write_atomic(f, NEW)
    monkeypatch.undo()
    assert info.value.errno == code
    assert f.read_bytes() == ORIGINAL
    assert _leftovers(tmp_path) == []


def test_a_short_write_is_completed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write
    monkeypatch.setattr(fsutil.os, "write", lambda fd, data: real_write(fd, bytes(data[:3])))
    f = tmp_path / "a.md"
    write_atomic(f, NEW)
    assert f.read_bytes() == NEW


def test_an_interrupt_mid_write_leaves_the_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(ORIGINAL)

    def interrupt(*args):  # type: ignore[no-untyped-def]
        raise KeyboardInterrupt

    monkeypatch.setattr(fsutil.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(f, NEW)
    monkeypatch.undo()
    assert f.read_bytes() == ORIGINAL and _leftovers(tmp_path) == []


def _kill_inside(step: str, f: Path) -> str:
    """Run write_atomic in a child that stops itself at ``step``; kill it there. Returns what it printed."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from agentkit import fsutil
        real = getattr(os, {step!r})
        def stop(*args, **kwargs):
            sys.stdout.write(repr(args[0]) + "\\n"); sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGSTOP)
            return real(*args, **kwargs)
        setattr(fsutil.os, {step!r}, stop)
        fsutil.write_atomic({str(f)!r}, {NEW!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    return line


def test_a_process_killed_while_writing_leaves_the_original(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(ORIGINAL)
    _kill_inside("write", f)  # the temporary file exists, nothing written yet
    assert f.read_bytes() == ORIGINAL
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(fsutil.TEMP_PREFIX)] == ["a.md"]


def test_a_process_killed_just_before_the_rename_leaves_the_original(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    f.write_bytes(ORIGINAL)
    temp = Path(eval(_kill_inside("replace", f)))
    assert temp.read_bytes() == NEW  # complete on disk, not yet in place
    assert f.read_bytes() == ORIGINAL
    # Killed between two system calls, it cannot clean up: what is left is a hidden sibling.
    assert _leftovers(tmp_path) == [temp.name]
    assert temp.name.startswith(".agentkit-") and temp.suffix == ".tmp"


def test_fix_reports_a_failed_write_and_leaves_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "a.md"
    data = b"---\nname: a\ndescription: Old.\n-----\n\nBody.\n"  # AK006 has a safe fix
    f.write_bytes(data)
    monkeypatch.setattr(fsutil.os, "write", _raiser(errno.ENOSPC))
    texts, counts, refused = fix_documents([load(f)])
    monkeypatch.undo()
    assert (texts, counts) == ({}, {})
    assert refused == [f"{f}: not fixed, cannot write it (No space left on device); the file is unchanged"]
    assert f.read_bytes() == data and _leftovers(tmp_path) == []


def test_fix_on_the_command_line_reports_a_full_disk(tmp_path: Path) -> None:
    f = tmp_path / "a.md"
    data = b"---\nname: a\ndescription: Old.\n-----\n\nBody.\n"
    f.write_bytes(data)
    script = (
        "import errno, os, sys\n"
        "from agentkit import fsutil, cli\n"
        "def full(*args): raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "fsutil.os.write = full\n"
        "sys.argv = ['agentkit', 'lint', '--fix', sys.argv[1]]\n"
        "cli.main()\n"
    )
    r = subprocess.run([sys.executable, "-c", script, str(f)], capture_output=True, text=True, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    assert r.returncode == 2
    assert r.stderr == f"agentkit: error: {f}: not fixed, cannot write it (No space left on device); the file is unchanged\n"
    assert r.stdout.splitlines()[0] == f"{f}:4:1: AK006 warning [*] the frontmatter is closed by `-----`; use `---`"
    assert f.read_bytes() == data and _leftovers(tmp_path) == []
