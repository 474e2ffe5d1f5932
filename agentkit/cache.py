"""The incremental cache: a file whose bytes, settings and agentkit build are unchanged
is not checked again.

What is kept per file is what checking it produced (its result, its summary for the
cross-file rules, its findings) under a key made of a hash of its bytes, a hash of the
settings that apply to it, and the existence of every path a rule looked up on disk
for it (a missing project path can appear later). A file is not read to be compared when its
status (size, times, inode; see :func:`stat_of`) is the one recorded when its bytes
were hashed, and the status is recorded only once the file is :func:`settled`. Cross-file rules always run, on
the summaries, so they still see every file; the conflict rules keep each name
group's findings under a hash of its members' paths and texts and the enabled
codes, so a group whose files are all unchanged is not compared again.

The cache lives outside the project by default (``$AGENTKIT_CACHE_DIR``, else
``$XDG_CACHE_HOME/agentkit``, else ``~/.cache/agentkit``): a repository cannot ship
a cache that agentkit would then load. One file per agentkit build and working
folder, replaced atomically, so concurrent runs never read a half-written cache
(the last writer wins) and deleting the folder at any time is safe. Each file's
directives (what the cross-file conflict pass compares) follow the entries in that
file and are read, through the file as it was opened at the start of the run, only
for a name group that has to be compared again.
"""

from __future__ import annotations

import gc
import os
import pickle
import time
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator

from . import __version__
from .fsutil import default_dir, write_atomic

try:  # what hashlib.blake2b is, without importing hashlib (which loads OpenSSL's bindings)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

FORMAT = 6
_MAGIC = b"agentkit-cache-6"
CHUNK = 1000  # entries per pickle in the cache file
_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# agentkit's cache: safe to delete.\n"


def _build() -> str:
    """agentkit's version and the size and time of each of its files: an edited
    checkout (or a new release) never reads an older build's results."""
    pkg = os.path.dirname(os.path.realpath(__file__))
    h = blake2b(f"{FORMAT}:{__version__}".encode(), digest_size=12)
    roots = [pkg, os.path.join(os.path.dirname(pkg), "schema")]
    for root in roots:
        if os.path.isdir(root):
            _hash_tree(h, root, "")
    return h.hexdigest()


def _hash_tree(h: Any, folder: str, rel: str) -> None:
    """Add ``rel/name:size:mtime;`` for each ``.py`` and ``.json`` file under ``folder`` to
    ``h``, in the order ``os.walk`` gives with sorted names (a folder's files, then each
    subfolder but ``__pycache__``; links to folders not followed), without ``relpath``."""
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError:
        return  # (os.walk skips a folder it cannot list)
    subfolders = []
    for entry in entries:
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name != "__pycache__":
                subfolders.append(entry)
        elif entry.name.endswith((".py", ".json")):
            st = os.stat(entry.path)
            h.update(f"{rel}{entry.name}:{st.st_size}:{st.st_mtime_ns};".encode())
    for entry in subfolders:
        try:
            link = entry.is_symlink()
        except OSError:
            link = False
        if not link:
            _hash_tree(h, entry.path, f"{rel}{entry.name}{os.sep}")


def content_key(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


# A file's status as ``os.stat`` gives it: what tells, without reading it, that it is
# unchanged. The change time is in it: restoring a file's modification time after
# editing it (``touch -d``, ``cp -p``) still changes it.
Stat = tuple[int, int, int, int, int, int]
# A status is trusted only when the file's last change is this much older than the
# moment it was taken: a file written again within the clock's granularity (or a
# network file system's skew) keeps its times, so a recent one is hashed every time.
SETTLED_NS = 2_000_000_000


def stat_of(path: str) -> Stat | None:
    """``path``'s status (None when it cannot be read, or on Windows, whose ``st_ctime``
    is the creation time: there every file is hashed)."""
    if os.name == "nt":
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev, st.st_mode)


def settled(status: Stat | None, now_ns: int) -> Stat | None:
    """``status`` when it can be trusted later (its file last changed well before
    ``now_ns``, when it was taken), else None."""
    if status is None or max(status[1], status[2]) + SETTLED_NS > now_ns:
        return None
    if status[1] % 1_000_000_000 == 0 and status[2] % 1_000_000_000 == 0:
        return None  # whole-second times (FAT, exFAT, sshfs): a change time there may not change with the file
    return status


def settings_key(*parts: Any) -> str:
    return blake2b(repr(parts).encode(), digest_size=12).hexdigest()


@dataclass
class Cache:
    """Results of earlier runs, by absolute path: ``(content key, status, settings key,
    probes, mentions agentkit, outcome)``. ``status`` (:func:`stat_of`, or None) is the
    file's when its bytes were hashed: a file with that status again is not read, any
    other is read and its hash compared. ``probes`` are ``(path, existed)`` pairs;
    "mentions agentkit": the bytes may hold suppression comments."""

    file: str | None
    entries: dict[str, tuple[bytes, Stat | None, str, tuple[tuple[str, bool], ...], bool, Any]] = field(default_factory=dict)
    dirty: bool = False
    # Cross-file findings of each name group, by a hash of what they depend on (see
    # agentkit.rules.conflicts.project_pass) and their members (path, text hash). A run keeps the
    # groups it used and those whose every member is still kept with the same text (another
    # run's groups: a run of some of the files does not drop the groups of a run of all).
    groups: _Groups = field(default_factory=lambda: _Groups())

    blobs: str | None = None  # the key the packed directives of this file are read under (see Spooled)
    cwd: str = field(default_factory=os.getcwd)
    now_ns: int = field(default_factory=time.time_ns)  # when this run began to look at files (see :func:`settled`)

    @classmethod
    def open(cls, directory: str | os.PathLike[str] | None = None) -> Cache:
        folder = os.fspath(directory) if directory is not None else default_dir()
        cwd = os.getcwd()
        where = blake2b(os.path.abspath(cwd).encode(), digest_size=8).hexdigest()
        cache = cls(os.path.join(folder, f"v{FORMAT}-{_build()}", f"{where}.pickle"), cwd=cwd)
        fh = None
        try:
            fh = open(cache.file, "rb")
            head = fh.read(len(_MAGIC) + 8)
            if not head.startswith(_MAGIC):
                raise ValueError("not a cache file")
            loaded = pickle.loads(fh.read(int.from_bytes(head[len(_MAGIC) :], "little")))
            if isinstance(loaded, dict) and isinstance(loaded.get("chunks"), int) and isinstance(loaded.get("groups"), dict):
                from .rules.base import Spooled

                entries: dict = {}
                # Unpickling makes tens of thousands of objects, none of them garbage: without
                # the cycle collector, which would otherwise walk them again and again.
                collecting = gc.isenabled()
                gc.disable()
                try:
                    for _ in range(loaded["chunks"]):
                        part = pickle.loads(fh.read(int.from_bytes(fh.read(8), "little")))
                        if not isinstance(part, dict):
                            raise ValueError("not a cache file")
                        entries.update(part)
                finally:
                    if collecting:
                        gc.enable()
                # The directives stay on disk, read through this open file when a name group is compared.
                Spooled.keep_open(loaded["blobs"], fh, fh.tell())
                cache.entries = entries
                cache.groups = _Groups(loaded["groups"])
                cache.groups.absolute = cache._abs
                cache.blobs = loaded["blobs"]
                fh = None
        except Exception:  # missing, unreadable or from another build: start afresh
            cache.entries = {}
            cache.groups = _Groups()
            cache.groups.absolute = cache._abs
        finally:
            if fh is not None:
                fh.close()
        return cache

    def close(self) -> None:
        """Close the file the cached directives are read from."""
        if self.blobs is not None:
            from .rules.base import Spooled

            Spooled.keep_open(self.blobs, None)
            self.blobs = None

    def _alive(self, path: str, digest: bytes | None) -> bool:
        """Is the file at ``path`` (absolute) still kept, with a text of hash ``digest``?"""
        hit = self.entries.get(path)
        return hit is not None and getattr(hit[5][1], "digest", None) == digest

    def _abs(self, path: str) -> str:
        return os.path.normpath(os.path.join(self.cwd, path))  # os.path.abspath without asking for the folder each time

    def get(self, path: str, skey: str, status: Stat | None, read: Callable[[], bytes | OSError]) -> tuple[Any, bool] | None:
        """The outcome kept for ``path`` under ``skey``, and whether its bytes may hold
        suppression comments, when the file is unchanged: it has ``status`` (taken
        before any read, see :func:`stat_of`) again, or else ``read()`` gives bytes
        with the same hash (the status is then kept for the next run, once it is
        :func:`settled`). None when there is no such result."""
        ap = self._abs(path)
        hit = self.entries.get(ap)
        if hit is None or hit[2] != skey:
            return None
        if status is None or hit[1] != status:
            data = read()
            if isinstance(data, OSError) or hit[0] != content_key(data):
                return None
            fresh = settled(status, self.now_ns)
            if fresh is not None:
                self.entries[ap] = (hit[0], fresh, *hit[2:])
                self.dirty = True
        if any(os.path.exists(p) != existed for p, existed in hit[3]):
            return None
        return hit[5], hit[4]

    def put_key(
        self, path: str, key: bytes, status: Stat | None, skey: str, probes: tuple[tuple[str, bool], ...], mentions: bool, outcome: Any
    ) -> None:
        """Keep ``outcome`` under the :func:`content_key` of the bytes checked (computed
        by the process that read them) and the status the file had before they were read."""
        self.entries[self._abs(path)] = (key, settled(status, self.now_ns), skey, probes, mentions, outcome)
        self.dirty = True

    def save(self) -> None:
        """Write the cache if anything changed; a cache that cannot be written is not an error."""
        if (not self.dirty and not self.groups.changed(self._alive)) or self.file is None:
            return
        try:
            folder = os.path.dirname(self.file)
            os.makedirs(folder, exist_ok=True)
            tag = os.path.join(os.path.dirname(folder), "CACHEDIR.TAG")
            if not os.path.exists(tag):
                with open(tag, "w", encoding="utf-8") as fh:
                    fh.write(_TAG)
            write_atomic(self.file, self._pieces())
        except (OSError, pickle.PicklingError, TypeError, AttributeError, ValueError):
            pass
        self.dirty = False
        groups = _Groups(self.groups.used(self._alive))
        groups.absolute = self._abs
        self.groups = groups


    def _pieces(self) -> Iterator[bytes]:
        """The cache file: a header (the name groups, the number of chunks), the entries
        pickled :data:`CHUNK` at a time (so pickling never holds more than a chunk's
        bookkeeping), then every entry's packed directives one after the other (copied
        from where this run has them: memory, a worker's spool or the previous cache
        file), so loading the cache reads only the entries."""
        from .rules.base import Spooled

        key = f"agentkit-cache:{os.urandom(8).hex()}"
        items = list(self.entries.items())
        head = pickle.dumps({"groups": self.groups.used(self._alive), "blobs": key, "chunks": -(-len(items) // CHUNK)}, protocol=pickle.HIGHEST_PROTOCOL)
        yield _MAGIC + len(head).to_bytes(8, "little")
        yield head
        blobs: list[bytes | Spooled] = []
        offset = 0
        for first in range(0, len(items), CHUNK):
            chunk: dict[str, tuple[bytes, Stat | None, str, tuple[tuple[str, bool], ...], bool, Any]] = {}
            for path, (ckey, status, skey, probes, mentions, outcome) in items[first : first + CHUNK]:
                ds = outcome[1].directives
                if isinstance(ds, Spooled) or (isinstance(ds, bytes) and ds):
                    size = ds.length if isinstance(ds, Spooled) else len(ds)
                    outcome = (outcome[0], replace(outcome[1], directives=Spooled(key, offset, size)), *outcome[2:])
                    blobs.append(ds)
                    offset += size
                chunk[path] = (ckey, status, skey, probes, mentions, outcome)
            data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
            yield len(data).to_bytes(8, "little")
            yield data
        for ds in blobs:
            yield ds.read() if isinstance(ds, Spooled) else ds


class _Groups(dict):
    """Name groups' cross-file findings by key, each stored with its members' absolute
    paths and text hashes; remembers which keys were read or written since it was made."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.touched: set[Any] = set()
        self.written = False
        self.absolute: Callable[[str], str] = os.path.abspath

    def get(self, key: Any, default: Any = None) -> Any:
        """The findings kept under ``key``."""
        if key in self:
            self.touched.add(key)
            return super().__getitem__(key)[1]
        return default

    def put(self, key: Any, members: Iterable[tuple[str, bytes | None]], findings: Any) -> None:
        """Keep the findings of a group of files, given as (path as the run names it, text hash)."""
        self.touched.add(key)
        self.written = True
        super().__setitem__(key, (tuple((self.absolute(p), d) for p, d in members), findings))

    def used(self, alive: Callable[[str, bytes | None], bool]) -> dict[Any, Any]:
        """The groups to keep: those this run used, and those whose every member is
        ``alive`` (still kept with the same text: another run's group, still valid)."""
        return {k: v for k, v in self.items() if k in self.touched or all(alive(p, d) for p, d in v[0])}

    def changed(self, alive: Callable[[str, bytes | None], bool]) -> bool:
        """Written to, or holding a group no longer worth keeping."""
        return self.written or len(self.used(alive)) != len(self)
