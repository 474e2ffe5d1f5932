"""Agent names that become file names, and writing export files inside the output folder only.

A name becomes part of a path only after :func:`file_stem` accepted it: ASCII
letters, digits, `.`, `_` and `-`, starting with a letter or digit, no `..`, no
trailing dot, not a reserved device name (CON, NUL, COM1, … — with or without an
extension), at most 128 characters. Every destination is resolved (symbolic links
included) and must stay inside the resolved output folder; an existing file is
replaced only with ``force``; a symbolic link is never written through.
"""

from __future__ import annotations

import os
import re

from ..fsutil import write_atomic
from .base import ExportError, ExportFile, facts

_STEM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")


def file_stem(name: str) -> str:
    """The agent name if it is safe as a file name; ExportError naming the problem otherwise."""
    shown = name if len(name) <= 80 else name[:77] + "..."
    if not _STEM.fullmatch(name):
        if "\x00" in name:
            why = "it contains a NUL character"
        elif "/" in name or "\\" in name:
            why = "it contains a path separator"
        elif len(name) > 128:
            why = "it is longer than 128 characters"
        elif not name:
            why = "it is empty"
        else:
            why = "only ASCII letters, digits, '.', '_' and '-' are allowed, starting with a letter or digit"
        raise ExportError(f"the name {shown!r} cannot be used as a file name: {why}")
    if ".." in name or name.endswith("."):
        raise ExportError(f"the name {shown!r} cannot be used as a file name: it contains '..' or ends with '.'")
    if name.split(".")[0].upper() in facts("common")["reserved_file_names"]:
        raise ExportError(f"the name {shown!r} cannot be used as a file name: it is a reserved device name on Windows")
    return name


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def destination(out_dir: str, rel: str) -> str:
    """The absolute path for ``rel`` under ``out_dir``; ExportError if it would leave the folder."""
    if os.path.isabs(rel) or "\\" in rel or "\x00" in rel or any(part in ("", ".", "..") for part in rel.split("/")):
        raise ExportError(f"refusing to write {rel!r}: not a plain relative path")
    root = os.path.realpath(out_dir)
    dest = os.path.join(root, *rel.split("/"))
    existing = os.path.dirname(dest)
    while not os.path.lexists(existing) and _inside(existing, root) and existing != root:
        existing = os.path.dirname(existing)
    if not _inside(os.path.realpath(existing), root):
        raise ExportError(f"refusing to write {rel!r}: it resolves outside the output folder")
    return dest


def write_files(files: list[ExportFile], out_dir: str, force: bool = False) -> list[str]:
    """Write every file atomically under ``out_dir``; returns the paths written.

    Checks all destinations before writing any, so a refusal writes nothing.
    """
    planned = []
    for f in files:
        dest = destination(out_dir, f.path)
        if os.path.islink(dest):
            raise ExportError(f"refusing to write {f.path!r}: it is a symbolic link")
        if os.path.lexists(dest) and not force:
            raise ExportError(f"{os.path.join(out_dir, *f.path.split('/'))} exists; use --force to overwrite it")
        if os.path.exists(dest) and not os.path.isfile(dest):
            raise ExportError(f"refusing to write {f.path!r}: it exists and is not a file")
        planned.append((f, dest))
    written = []
    root = os.path.realpath(out_dir)
    for f, dest in planned:
        parent = os.path.dirname(dest)
        os.makedirs(parent, exist_ok=True)
        if not _inside(os.path.realpath(parent), root):
            raise ExportError(f"refusing to write {f.path!r}: it resolves outside the output folder")
        write_atomic(dest, f.content)
        written.append(os.path.join(out_dir, *f.path.split("/")))
    return written
