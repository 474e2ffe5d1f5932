"""AgentDocument: one agent file as agentkit read it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property

from . import body as body_mod
from . import examples as examples_mod
from . import frontmatter as fm_mod
from .diagnostics import Span
from .fsutil import read_bounded
from .limits import DEFAULT_LIMITS, Limits
from .source import Source


@dataclass
class AgentDocument:
    source: Source
    frontmatter: fm_mod.Frontmatter
    read_error: str | None = None  # set when the file could not be read at all
    too_large: int | None = None  # the size limit, when the file exceeds it (it is not read)
    internal_error: bool = False  # read_error is agentkit's own failure, not the file's

    # --- identity -------------------------------------------------------
    @property
    def path(self) -> str:
        return self.source.path

    @property
    def text(self) -> str:
        return self.source.text

    @property
    def stem(self) -> str:
        name = os.path.basename(self.path)
        return name[:-3] if name.lower().endswith(".md") else os.path.splitext(name)[0]

    @property
    def name(self) -> str | None:
        """The agent's name as Claude Code would register it (None when unknown)."""
        value = self.frontmatter.data.get("name")
        return value if isinstance(value, str) and value else None

    @property
    def description(self) -> str | None:
        value = self.frontmatter.data.get("description")
        return value if isinstance(value, str) else None

    @property
    def strict_yaml(self) -> bool:
        return self.frontmatter.strict_yaml

    @property
    def claude_code_parses(self) -> bool:
        return self.frontmatter.claude_code_parses

    # --- positions ------------------------------------------------------
    def span(self, start: int, end: int | None = None) -> Span:
        end = start if end is None else max(start, end)
        a = self.source.position(start)
        b = self.source.position(end)
        return Span(a.line, a.column, b.line, b.column, start, end)

    @property
    def body_start(self) -> int:
        fm = self.frontmatter
        return fm.close_end if fm.present else 0

    # --- derived views (computed on first use) ------------------------------
    @cached_property
    def _examples(self) -> tuple[list[examples_mod.Example], list[examples_mod.TagProblem]]:
        f = self.frontmatter.fields.get("description")
        if f is None or not isinstance(f.value, str):
            return [], []
        raw = self.text[f.value_start : f.value_end]
        return examples_mod.parse(f.value, raw, f.value_start)

    @property
    def examples(self) -> list[examples_mod.Example]:
        return self._examples[0]

    @property
    def example_problems(self) -> list[examples_mod.TagProblem]:
        return self._examples[1]

    @cached_property
    def body(self) -> list[body_mod.Unit]:
        return body_mod.parse(self.text, self.body_start)

    @cached_property
    def fences(self) -> list[body_mod.Fence]:
        return body_mod.fences(self.text, self.body_start)

    @property
    def prompt(self) -> str:
        """The system prompt Claude Code gives the agent (the body)."""
        return self.text[self.body_start :]


def load_text(text: str, path: str = "<text>", limits: Limits = DEFAULT_LIMITS) -> AgentDocument:
    """Read an agent file from a string (never raises)."""
    source = Source(path, text)
    return AgentDocument(source, fm_mod.read(text, limits))


def load_bytes(data: bytes, path: str = "<bytes>", limits: Limits = DEFAULT_LIMITS) -> AgentDocument:
    """Read an agent file from bytes: decoding problems become diagnostics, never exceptions.

    Bytes beyond ``limits.max_file_size`` are not read: the document is empty and
    ``too_large`` holds the limit.
    """
    if len(data) > limits.max_file_size:
        doc = load_text("", path)
        doc.too_large = limits.max_file_size
        return doc
    source = Source.from_bytes(data, path)
    return AgentDocument(source, fm_mod.read(source.text, limits))


def unreadable(path: str, exc: OSError) -> AgentDocument:
    """The document of a file that could not be read (reported as AK000)."""
    doc = load_text("", path)
    doc.read_error = exc.strerror or str(exc)
    return doc


def failed(path: str, exc: Exception) -> AgentDocument:
    """The document of a file agentkit failed on while reading it (reported as AK000, exit 2)."""
    doc = load_text("", path)
    doc.read_error = f"internal error while reading it: {type(exc).__name__}: {exc}"
    doc.internal_error = True
    return doc


def load(path: str | os.PathLike[str], display: str | None = None, limits: Limits = DEFAULT_LIMITS) -> AgentDocument:
    """Read an agent file from disk. ``display`` is the path shown in diagnostics."""
    shown = display if display is not None else os.fspath(path)
    try:
        data = read_bounded(path, limits.max_file_size)
    except OSError as exc:
        return unreadable(shown, exc)
    return load_bytes(data, shown, limits)
