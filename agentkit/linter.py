"""Find agent files, run the rules, apply fixes. Nothing here prints."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import rules as rules_mod
from .diagnostics import Applicability, Diagnostic, Edit, Severity, Span, apply_edits
from .document import AgentDocument, load, load_bytes
from .fsutil import write_atomic  # re-exported: merge and export write through it too
from .rules import PASSES, REGISTRY, Context, Rule, Selection, Summary

SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__", ".mypy_cache",
     ".pytest_cache", ".ruff_cache", "site-packages", "dist-packages", ".eggs", "build", "dist"}
)
# Under an agents/ folder these are documentation, not agents, unless they start with frontmatter.
DOC_NAMES = frozenset({"readme.md", "changelog.md", "contributing.md", "license.md", "claude.md", "agents.md", "skill.md"})
VALIDATE_CATEGORIES = frozenset({"syntax", "schema", "examples"})


@dataclass(frozen=True, slots=True)
class FileResult:
    path: str
    agent: str | None
    strict_yaml: bool
    claude_code_parses: bool

    @classmethod
    def of(cls, doc: AgentDocument) -> FileResult:
        return cls(doc.path, doc.name, doc.strict_yaml, doc.claude_code_parses)


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # usage or internal errors, for stderr
    fixed: dict[str, int] = field(default_factory=dict)  # path -> fixes applied
    internal_error: bool = False

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def exit_code(self) -> int:
        if self.problems or self.internal_error:
            return 2
        return 1 if self.count(Severity.ERROR) else 0


def _starts_with_frontmatter(data: bytes) -> bool:
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if data.startswith(bom):
            data = data[len(bom) :]
            if bom != b"\xef\xbb\xbf":
                return data.decode("utf-16-le" if bom == b"\xff\xfe" else "utf-16-be", errors="ignore").startswith("---")
    return data.startswith(b"---")


def _is_venv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))


def discover(paths: Iterable[str]) -> tuple[list[tuple[str, bytes | None]], list[str]]:
    """Agent files under ``paths``: (display path, bytes or None when unreadable), and problems.

    A file named on the command line is always checked. In a directory, a ``.md``
    file counts when it starts with a frontmatter block or lies under an
    ``agents/`` folder (README.md and similar documentation excepted).
    """
    found: list[tuple[str, bytes | None]] = []
    problems: list[str] = []
    seen: set[str] = set()
    for given in paths:
        if os.path.isdir(given):
            root_parts = {Path(given).resolve().name}
            for dirpath, dirnames, filenames in os.walk(given):
                dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and not _is_venv(os.path.join(dirpath, d)))
                rel_parts = set(Path(os.path.relpath(dirpath, given)).parts) | root_parts
                under_agents = "agents" in rel_parts
                for name in sorted(filenames):
                    if not name.lower().endswith(".md"):
                        continue
                    full = os.path.join(dirpath, name)
                    if given in (".", "./"):
                        full = os.path.relpath(full)
                    real = os.path.realpath(full)
                    if real in seen:
                        continue
                    try:
                        data = Path(full).read_bytes()
                    except OSError as exc:
                        problems.append(f"{full}: {exc.strerror or exc}")
                        continue
                    if _starts_with_frontmatter(data) or (under_agents and name.lower() not in DOC_NAMES):
                        seen.add(real)
                        found.append((full, data))
        elif os.path.exists(given):
            real = os.path.realpath(given)
            if real not in seen:
                seen.add(real)
                try:
                    found.append((given, Path(given).read_bytes()))
                except OSError as exc:
                    found.append((given, None))
                    problems.append(f"{given}: {exc.strerror or exc}")
        else:
            problems.append(f"{given}: no such file or directory")
    return found, problems


def _internal(path: str, exc: BaseException) -> Diagnostic:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({os.path.basename(frame.filename)}:{frame.lineno})" if frame else ""
    return REGISTRY["AK000"].diagnostic(path, Span(1, 1, 1, 1), f"internal error while checking this file: {type(exc).__name__}: {exc}{where}")


@dataclass(frozen=True)
class _Plan:
    """Which checks run: decided once, shared by every file (and every worker)."""

    profile: str
    checks: tuple
    passes: tuple
    project: tuple
    codes: frozenset[str]
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    @classmethod
    def make(cls, profile: str, selection: Selection | None, categories: frozenset[str] | None, options: Mapping[str, Mapping[str, Any]] | None = None) -> _Plan:
        selection = selection or Selection()

        def enabled(r: Rule) -> bool:
            if r.profiles and profile not in r.profiles:
                return False
            if categories is not None and r.category not in categories:
                return False
            return selection.enabled(r.code, r.default_enabled)

        rules = [r for r in rules_mod.iter_rules() if enabled(r)]
        codes = frozenset(r.code for r in rules)
        return cls(
            profile,
            tuple(r.check for r in rules if r.check is not None),
            tuple((fn, c) for fn, c in PASSES if codes & set(c)),
            tuple(r.project_check for r in rules if r.project_check is not None),
            codes,
            dict(options or {}),
        )


def _check_one(doc: AgentDocument, plan: _Plan) -> tuple[list[Diagnostic], bool]:
    """Per-file checks of one document: (diagnostics, internal error seen)."""
    if doc.read_error is not None:
        return [REGISTRY["AK000"].diagnostic(doc.path, Span(1, 1, 1, 1), f"cannot read the file: {doc.read_error}")], False
    ctx = Context(plan.profile, plan.options)
    found: list[Diagnostic] = []
    try:
        for fn in plan.checks:
            found.extend(fn(doc, ctx))
        for fn, _ in plan.passes:
            found.extend(d for d in fn(doc, ctx) if d.code in plan.codes)
    except Exception as exc:  # one bad file never stops the others
        return [_internal(doc.path, exc)], True
    return found, False


def _project(summaries: list[Summary], plan: _Plan) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for fn in plan.project:
        out.extend(fn(summaries))
    return out


def check(docs: list[AgentDocument], profile: str = "claude-code", selection: Selection | None = None, categories: frozenset[str] | None = None) -> tuple[list[Diagnostic], bool]:
    """Run every enabled rule on the documents. Returns (diagnostics, internal error seen)."""
    plan = _Plan.make(profile, selection, categories)
    out: list[Diagnostic] = []
    failed = False
    for doc in docs:
        found, bad = _check_one(doc, plan)
        out.extend(found)
        failed |= bad
    out.extend(_project([Summary.of(d) for d in docs if d.read_error is None], plan))
    out.sort(key=lambda d: d.sort_key)
    return out, failed


# What one file contributes to a report: (FileResult, Summary, diagnostics, internal error)
_Outcome = tuple[FileResult, Summary, list[Diagnostic], bool]


def _outcome(doc: AgentDocument, plan: _Plan) -> _Outcome:
    found, bad = _check_one(doc, plan)
    return FileResult.of(doc), Summary.of(doc), found, bad


def _work(batch: list[tuple[str, bytes]], profile: str, selection: Selection | None, categories: frozenset[str] | None) -> list[_Outcome]:
    plan = _Plan.make(profile, selection, categories)  # rebuilt here: check functions do not pickle
    return [_outcome(load_bytes(data, path), plan) for path, data in batch]


def load_paths(paths: Iterable[str]) -> tuple[list[AgentDocument], list[str]]:
    """Discover and load agent files without checking them: (documents, problems)."""
    found, problems = discover(paths)
    return [load_bytes(d, p) for p, d in found if d is not None], problems


PARALLEL_MIN_FILES = 200  # below this, starting workers costs more than it saves


def _workers() -> int:
    if sys.platform != "linux":  # fork is the cheap start method; elsewhere stay serial
        return 1
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except (AttributeError, OSError):
        return max(1, min(os.cpu_count() or 1, 8))


def lint(
    paths: Iterable[str],
    profile: str = "claude-code",
    selection: Selection | None = None,
    categories: frozenset[str] | None = None,
    keep_documents: bool = True,
) -> tuple[Report, list[AgentDocument]]:
    """Discover, load and check. Documents are returned (for fixing or inspection)
    unless ``keep_documents`` is false, which lets large runs use every core."""
    found, problems = discover(paths)
    report = Report(problems=problems)
    readable = [(p, d) for p, d in found if d is not None]
    plan = _Plan.make(profile, selection, categories)
    workers = _workers()
    docs: list[AgentDocument] = []
    if not keep_documents and workers > 1 and len(readable) >= PARALLEL_MIN_FILES:
        import multiprocessing

        size = -(-len(readable) // (workers * 4))
        batches = [readable[i : i + size] for i in range(0, len(readable), size)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            results = pool.starmap(_work, [(b, profile, selection, categories) for b in batches])
        outcomes = [o for r in results for o in r]
    else:
        docs = [load_bytes(d, p) for p, d in readable]
        outcomes = [_outcome(doc, plan) for doc in docs]
    for result, _, diags, bad in outcomes:
        report.files.append(result)
        report.diagnostics.extend(diags)
        report.internal_error |= bad
    report.diagnostics.extend(_project([o[1] for o in outcomes], plan))
    report.diagnostics.sort(key=lambda d: d.sort_key)
    return report, docs


def fixes_for(diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> dict[str, list[Edit]]:
    edits: dict[str, list[Edit]] = {}
    for d in diagnostics:
        if d.fix is None or (d.fix.applicability is Applicability.UNSAFE and not unsafe):
            continue
        edits.setdefault(d.path, []).extend(d.fix.edits)
    return edits


def encode(doc: AgentDocument, text: str) -> bytes:
    enc = doc.source.encoding
    if enc == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if enc == "utf-16-le":
        return b"\xff\xfe" + text.encode("utf-16-le")
    if enc == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return text.encode("utf-8")


def fix_documents(
    docs: list[AgentDocument],
    profile: str = "claude-code",
    selection: Selection | None = None,
    unsafe: bool = False,
    write: bool = True,
    max_rounds: int = 10,
) -> tuple[dict[str, str], dict[str, int], list[str]]:
    """Apply fixes until none is left. Returns (new text per path, fixes per path, refusals).

    A refusal is a message naming a file that was not fixed and why: bytes that are
    not valid text (they would be lost), or a write that failed (the file is unchanged).
    """
    texts: dict[str, str] = {}
    counts: dict[str, int] = {}
    refused: list[str] = []
    current = list(docs)
    for _ in range(max_rounds):
        diagnostics, _ = check(current, profile, selection)
        edits = fixes_for(diagnostics, unsafe)
        if not edits:
            break
        nxt: list[AgentDocument] = []
        for doc in current:
            doc_edits = edits.get(doc.path)
            if not doc_edits:
                nxt.append(doc)
                continue
            if doc.source.problems:
                message = f"{doc.path}: not fixed, the file has bytes that are not valid text and would be lost"
                if message not in refused:
                    refused.append(message)
                nxt.append(doc)
                continue
            new_text = apply_edits(doc.text, doc_edits)
            counts[doc.path] = counts.get(doc.path, 0) + len(doc_edits)
            texts[doc.path] = new_text
            new_doc = load_bytes(encode(doc, new_text), doc.path)
            nxt.append(new_doc)
        if all(a is b for a, b in zip(current, nxt)):
            break
        current = nxt
    if write:
        by_path = {d.path: d for d in current}
        for path, text in list(texts.items()):
            try:
                write_atomic(path, encode(by_path[path], text))
            except OSError as exc:
                refused.append(f"{path}: not fixed, cannot write it ({exc.strerror or exc}); the file is unchanged")
                del texts[path]
                counts.pop(path, None)
    return texts, counts, refused


__all__ = ["Report", "FileResult", "discover", "check", "lint", "load_paths", "fix_documents", "load", "write_atomic"]
