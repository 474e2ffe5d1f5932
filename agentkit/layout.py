"""Where Claude Code looks for agents, and the names it registers them under.

Claude Code registers the ``.md`` files of an ``agents/`` folder: a project's or
the user's ``.claude/agents/``, and a plugin's ``agents/`` (a plugin is a
folder with ``.claude-plugin/plugin.json``). A plugin's agents are namespaced:
``plugin:name``, or ``plugin:sub:name`` for ``agents/sub/name.md``; the name
is the frontmatter ``name``, else the file name. ``commands/*.md`` and
``skills/*/SKILL.md`` (and anything else under ``skills/``) have frontmatter
too, but they are not agents.

Discovery follows that layout: in a folder, a Markdown file is checked when it
lies under an ``agents/`` folder, or when the configuration's ``include`` globs
name it; a file named on the command line is always checked. Every other
Markdown file is skipped with a reason (``agentkit lint --verbose`` lists them).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from .fsutil import read_bounded
from .limits import DEFAULT_LIMITS, Limits

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache",
     ".pytest_cache", ".ruff_cache", "site-packages", "dist-packages", ".eggs", "build", "dist"}
)
# Under an agents/ folder these are documentation, not agents, unless they start with frontmatter.
DOC_NAMES = frozenset({"readme.md", "changelog.md", "contributing.md", "license.md", "claude.md", "agents.md", "skill.md"})
NOT_AGENTS = (("skills", "a skill's file (skills/), not an agent"), ("commands", "a command (commands/), not an agent"))
OUTSIDE = "has frontmatter but is not in an agents/ folder (name it on the command line, or add it to the configuration's `include`)"


@dataclass
class Discovery:
    """What a walk found: files to check (display path, bytes or the error reading
    them), files skipped with the reason, and problems (paths that do not exist)."""

    found: list[tuple[str, bytes | OSError | None]] = field(default_factory=list)  # None: not read (``read=False``)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


PREFIX = 8  # bytes that tell whether a file starts with frontmatter (a UTF-16 byte order mark and `---`)


def starts_with_frontmatter(data: bytes) -> bool:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                return data.decode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", errors="ignore").startswith("---")
    return data.startswith(b"---")


def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def skip_reason(parts: Iterable[str], name: str, data: bytes | Callable[[], bytes], included: bool = False) -> str | None:
    """Why a Markdown file found in a folder is not an agent, or None when it is one.

    ``parts`` are the folder names from the searched folder (itself included) down
    to the file; ``data`` its first bytes, or a function that reads them (called only
    when they decide); ``included``: the configuration's ``include`` globs name it."""
    if included:
        return None
    return _skip_reason([p.lower() for p in parts], name, data)


def _skip_reason(lowered: list[str], name: str, data: bytes | Callable[[], bytes]) -> str | None:
    """:func:`skip_reason` of a file not named by ``include``, with its folder names lower-cased."""
    if name.lower() == "skill.md" and "agents" not in lowered:
        return NOT_AGENTS[0][1]
    for folder, reason in NOT_AGENTS:
        if folder in lowered:
            return reason
    if "agents" in lowered:
        if name.lower() in DOC_NAMES and not starts_with_frontmatter(data() if callable(data) else data):
            return "documentation in an agents/ folder (no frontmatter)"
        return None
    return OUTSIDE if starts_with_frontmatter(data() if callable(data) else data) else "no frontmatter and not in an agents/ folder"


def _context(folder: str) -> list[str]:
    """Names of ``folder`` and of its ancestors up to the repository or plugin root
    (excluded unless it is ``folder`` itself), outermost first: linting
    ``.claude/agents/team`` still knows it is inside an agents/ folder."""
    here = os.path.realpath(folder)
    names = [os.path.basename(here)]
    while (parent := os.path.dirname(here)) != here:
        if os.path.exists(os.path.join(here, ".git")) or os.path.isdir(os.path.join(here, ".claude-plugin")):
            break
        names.append(os.path.basename(parent))
        here = parent
    return names[::-1]


def _walk(top: str, parts: list[str], real: str) -> Iterator[tuple[str, list[str], str, list[tuple[str, bool]]]]:
    """``os.walk(top)`` (top-down, symbolic links to folders not followed, unreadable
    folders skipped), pruned as discovery prunes (:data:`SKIP_DIRS`, virtualenvs) and
    in sorted order: ``(folder, its names from the searched folder, its real path,
    [(Markdown file name, is a symbolic link)])``, with the file types the folder
    listing gives (no ``stat`` per file)."""
    stack = [(top, parts, real, False)]
    while stack:
        top, parts, real, sub = stack.pop()
        try:
            with os.scandir(top) as it:
                entries = list(it)
        except OSError:
            continue
        dirs: list[tuple[str, bool]] = []
        files: list[tuple[str, bool]] = []
        venv = False
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            name = entry.name
            if is_dir or name.lower().endswith(".md"):
                try:
                    link = entry.is_symlink()
                except OSError:
                    link = False
                (dirs if is_dir else files).append((name, link))
            elif sub and name.lower() == "pyvenv.cfg" and not venv:
                if name != "pyvenv.cfg":  # another case: what the file system says (it may ignore case)
                    venv = _is_venv(top)
                    continue
                try:
                    venv = entry.is_file()  # what _is_venv asks (a link followed), from the listing
                except OSError:
                    venv = False
        if venv:
            continue  # a virtualenv below the searched folder: pruned
        files.sort()
        yield top, parts, real, files
        base = top if top.endswith("/") or os.sep != "/" else top + "/"
        for name, link in sorted(dirs, reverse=True):  # popped in sorted order
            if link or name in SKIP_DIRS:  # os.walk does not follow links to folders
                continue
            sub = base + name if os.sep == "/" else os.path.join(top, name)
            stack.append((sub, [*parts, name], os.path.join(real, name), True))  # (pruned when its listing shows a virtualenv)


def discover(paths: Iterable[str], include: Callable[[str], bool] | None = None, limits: Limits = DEFAULT_LIMITS, read: bool = True) -> Discovery:
    """Agent files under ``paths``. ``include(path)`` says whether the configuration's
    ``include`` globs name a file outside an ``agents/`` folder.

    At most ``limits.max_file_size + 1`` bytes of a file are read. A file that
    cannot be read (permissions, a symbolic link loop, removed while agentkit
    runs, not a regular file) is found with its error when it would be checked.
    With ``read`` false only the first bytes are read (what tells frontmatter)
    and a file is found with None: whoever checks it reads it."""
    size = limits.max_file_size if read else PREFIX - 1
    out = Discovery()
    seen: set[str] = set()
    for given in paths:
        if os.path.isdir(given):
            context = _context(given)
            here = given in (".", "./")  # paths are shown relative to the current folder, without "./"
            for dirpath, rel, real_dir, files in _walk(given, context, os.path.realpath(given)):
                prefix_dir = dirpath if dirpath.endswith("/") else dirpath + "/"
                if here:
                    prefix_dir = prefix_dir[2:]
                real_prefix = real_dir if real_dir.endswith(os.sep) else real_dir + os.sep
                lowered = [p.lower() for p in rel]  # (once per folder)
                for name, link in files:
                    full = prefix_dir + name if os.sep == "/" else os.path.join(dirpath, name)
                    if here and os.sep != "/":
                        full = os.path.relpath(full)
                    # the same as realpath(full) for a file that is not a link (its folder resolved once)
                    real = os.path.realpath(full) if link else real_prefix + name
                    if real in seen:
                        continue
                    data: bytes | OSError | None = None  # None: not read (see below)

                    def prefix(full: str = full) -> bytes:
                        nonlocal data
                        try:
                            data = read_bounded(full, size)
                        except OSError as exc:
                            data = exc
                        # An unreadable file counts where a file with frontmatter would.
                        return b"---" if isinstance(data, OSError) else data

                    # Without ``read``, a file is read here only when its first bytes decide whether it is an
                    # agent; the others (in agents/ folders) are read where they are checked.
                    first = prefix() if read else prefix
                    reason = None if include is not None and include(full) else _skip_reason(lowered, name, first)
                    if reason is None:
                        seen.add(real)
                        out.found.append((full, data if read or isinstance(data, OSError) else None))
                    else:
                        out.skipped.append((full, reason))
        elif os.path.lexists(given):
            real = os.path.realpath(given)
            if real not in seen:
                seen.add(real)
                try:
                    data = read_bounded(given, size)
                    out.found.append((given, data if read else None))
                except OSError as exc:
                    out.found.append((given, exc))
        else:
            out.problems.append(f"{given}: no such file or directory")
    return out


# --- plugins and registered names ------------------------------------------------


@dataclass(frozen=True, slots=True)
class Location:
    """Where Claude Code would register an agent file from."""

    plugin: str | None = None  # the plugin's name, for a file in a plugin's agents/ folder
    namespace: tuple[str, ...] = ()  # subfolders between agents/ and the file
    root: str | None = None  # the plugin's folder
    project: str | None = None  # outside plugins: the folder holding `.claude/` (for .claude/agents), else the git repository

    @property
    def scope(self) -> str:
        """Files in one scope clash when they register the same name."""
        if self.root is not None:
            return f"plugin:{self.root}"
        return f"project:{self.project}" if self.project is not None else ""

    def registered(self, name: str) -> str:
        return ":".join((self.plugin, *self.namespace, name)) if self.plugin is not None else name


@lru_cache(maxsize=4096)
def plugin_root(folder: str) -> str | None:
    """The closest folder at or above ``folder`` that holds ``.claude-plugin/plugin.json``."""
    if os.path.isfile(os.path.join(folder, ".claude-plugin", "plugin.json")):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else plugin_root(parent)


@lru_cache(maxsize=256)
def plugin_name(root: str) -> str:
    """The plugin's `name` from its manifest, else its folder's name."""
    try:
        with open(os.path.join(root, ".claude-plugin", "plugin.json"), encoding="utf-8") as fh:
            manifest = json.loads(fh.read())
    except (OSError, ValueError):
        manifest = None
    name = manifest.get("name") if isinstance(manifest, dict) else None
    return name if isinstance(name, str) and name.strip() else os.path.basename(root)


@lru_cache(maxsize=4096)
def git_root(folder: str) -> str | None:
    """The closest folder at or above ``folder`` that holds `.git`."""
    if os.path.exists(os.path.join(folder, ".git")):
        return folder
    parent = os.path.dirname(folder)
    return None if parent == folder else git_root(parent)


def _project(folder: str) -> str | None:
    """The folder holding the closest `.claude/agents` at or above ``folder`` (an absolute path), else the git repository."""
    holder = _claude_holder(folder)
    return holder if holder is not None else git_root(folder)


@lru_cache(maxsize=4096)
def _claude_holder(folder: str) -> str | None:
    """The folder holding the closest `.claude/agents` at or above ``folder`` (from the path
    alone; each parent's answer kept, as siblings share it), else None."""
    parent = os.path.dirname(folder)
    if parent == folder:
        return None
    if os.path.basename(folder) == "agents" and os.path.basename(parent) == ".claude":
        return os.path.dirname(parent)
    return _claude_holder(parent)


@lru_cache(maxsize=4096)
def _locate_folder(folder: str) -> Location:
    root = plugin_root(folder)
    if root is None:
        return Location(project=_project(folder))
    rel = os.path.relpath(folder, root)
    parts = () if rel == os.curdir else tuple(rel.split(os.sep))
    if not parts or parts[0] != "agents":
        return Location(project=_project(folder))  # in a plugin, but not in its agents/ folder: not a plugin agent
    return Location(plugin_name(root), tuple(parts[1:]), root)


NOT_FILES = frozenset({"-", "<stdin>", "<text>", "<bytes>"})  # names of text that was not read from a file


def locate(path: str) -> Location:
    """Where Claude Code registers the agent file at ``path`` (a plugin agent, or not)."""
    if path in NOT_FILES:
        return Location()
    return _locate_folder(os.path.dirname(os.path.abspath(path)))


def stem(path: str) -> str:
    name = os.path.basename(path)
    return name[:-3] if name.lower().endswith(".md") else os.path.splitext(name)[0]
