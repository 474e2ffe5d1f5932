"""Export files and folders of agents: discovery, one result per agent, safe writes.

The library side of `agentkit export` (it never prints: the CLI renders the run).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from ..document import load_bytes
from ..linter import discover
from . import ExportError, ExportFile, ExportResult, export
from .files import write_files


@dataclass
class Outcome:
    source: str
    result: ExportResult | None = None
    written: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class ExportRun:
    target: str
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # discovery problems (unreadable paths)
    printed: bytes | None = None  # the file content for `-o -`

    @property
    def losses(self) -> int:
        return sum(len(o.result.warnings) for o in self.outcomes if o.result is not None)

    @property
    def errors(self) -> int:
        return sum(1 for o in self.outcomes if o.error) + len(self.problems)

    def exit_code(self, strict: bool) -> int:
        return 1 if self.errors or (strict and self.losses) else 0


def _plugin_default(out: str, count: int) -> str | None:
    """For several agents in one plugin: the output folder's name, made kebab-case."""
    if count < 2 or out == "-":
        return None
    base = os.path.basename(os.path.abspath(out)).lower()
    name = re.sub(r"[^a-z0-9]+", "-", base).strip("-")
    return name or None


def export_paths(paths: list[str], target: str, out: str, force: bool = False, plugin_name: str | None = None) -> ExportRun:
    """Export every agent found under ``paths`` to ``target`` in ``out`` ('-': keep the single file in ``printed``)."""
    run = ExportRun(target)
    found, problems = discover(paths)
    run.problems.extend(problems)
    for path in paths:
        if not os.path.exists(path):
            run.problems.append(f"{path}: no such file or folder")
    readable = [(p, d) for p, d in found if d is not None]
    plugin_name = plugin_name or (_plugin_default(out, len(readable)) if target == "plugin" else None)
    planned: dict[str, tuple[bytes, str]] = {}  # path -> (content, source) across the run
    for source, data in readable:
        outcome = Outcome(source)
        run.outcomes.append(outcome)
        try:
            result = export(load_bytes(data, source), target, plugin_name)
        except ExportError as exc:
            outcome.error = str(exc)
            continue
        outcome.result = result
        fresh: list[ExportFile] = []
        clash = None
        for f in result.files:
            earlier = planned.get(f.path)
            if earlier is None:
                fresh.append(f)
            elif earlier[0] != f.content:
                clash = f"{f.path} is also exported from {earlier[1]} (two agents named `{result.agent}`?); not written"
        if clash:
            outcome.error = clash
            continue
        if out == "-":
            if len(readable) != 1 or len(result.files) != 1:
                outcome.error = "`-o -` prints one file: give one agent and a single-file target"
                continue
            run.printed = result.files[0].content
            continue
        try:
            outcome.written = write_files(fresh, out, force)
        except ExportError as exc:
            outcome.error = str(exc)
            continue
        except OSError as exc:
            outcome.error = f"cannot write: {exc.strerror or exc}"
            continue
        for f in fresh:
            planned[f.path] = (f.content, source)
    return run
