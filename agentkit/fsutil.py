"""Files on disk: bounded reads and atomic replacement.

A write either replaces the whole file or leaves the original untouched: the
new bytes go to a temporary file in the same folder, are flushed to disk, and
take the original's place with one ``os.replace``. On any failure (disk full,
permission denied, an interrupt) the temporary file is removed and the error
raised; the original is never opened for writing.

A process killed between creating the temporary file and the rename cannot
clean up: the original is still intact, and the leftover is a hidden
``.agentkit-*.tmp`` sibling, never an agent file.
"""

from __future__ import annotations

import errno
import os
import stat
from typing import Iterable

TEMP_PREFIX = ".agentkit-"
TEMP_SUFFIX = ".tmp"


def default_dir() -> str:
    """The cache folder: ``$AGENTKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/agentkit``, else
    ``~/.cache/agentkit`` (:mod:`agentkit.cache`; here so the command finds it without
    importing the cache)."""
    env = os.environ.get("AGENTKIT_CACHE_DIR")
    if env:
        return env
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "agentkit")


def write_atomic(path: str | os.PathLike[str], data: bytes | Iterable[bytes]) -> None:
    """Replace ``path`` with ``data`` (bytes, or pieces of bytes written in turn)
    atomically, keeping the file's permission bits.

    A symbolic link is followed: its target is replaced and the link kept.
    """
    path = os.path.realpath(os.fspath(path))
    directory = os.path.dirname(path)
    try:
        mode = os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = _mkstemp(directory)
    try:
        try:
            for piece in (data,) if isinstance(data, (bytes, bytearray, memoryview)) else data:
                view = memoryview(piece)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
            os.fsync(fd)
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# What tempfile.mkstemp opens a file with (importing tempfile brings shutil, random, bz2 and
# lzma: ~3 ms, more than the write).
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)


def _mkstemp(directory: str) -> tuple[int, str]:
    """A new file ``.agentkit-<random>.tmp`` in ``directory``, opened for writing, as
    ``tempfile.mkstemp`` makes it (mode 0o600, never an existing file): (descriptor, path)."""
    directory = os.path.abspath(directory)
    for _ in range(10000):  # tempfile.TMP_MAX
        path = os.path.join(directory, f"{TEMP_PREFIX}{os.urandom(6).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(path, _OPEN_FLAGS, 0o600), path
        except FileExistsError:
            continue
        except PermissionError:
            if os.name == "nt" and os.path.isdir(directory) and os.access(directory, os.W_OK):
                continue  # Windows: a file pending deletion
            raise
    raise FileExistsError(errno.EEXIST, "No usable temporary file name found")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """A file's bytes, at most ``limit + 1`` of them (so a caller can tell it is too large).

    Only a regular file is read: a pipe or a device would block or never end.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", os.fspath(path))
        return fh.read(limit + 1)


def keep_marshalled(path: str, obj: object) -> None:
    """Write ``obj`` marshalled to a cache file atomically, its folder made if need be; a
    cache that cannot be written is no cache, never an error."""
    import marshal

    try:
        data = marshal.dumps(obj)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomic(path, data)
    except (OSError, ValueError):
        pass


def load_marshalled(path: str) -> object:
    """What :func:`keep_marshalled` wrote to ``path``, or None when there is none or it
    cannot be read. (``marshal.load`` reads a file object piece by piece: several times
    slower than reading it whole.)"""
    import marshal

    try:
        with open(path, "rb") as f:
            return marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None
