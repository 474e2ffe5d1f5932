"""The rule model: every code agentkit reports is a :class:`Rule` with its documentation."""

from __future__ import annotations

import inspect
import os
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Mapping

from .. import layout
from ..diagnostics import Diagnostic, Edit, Fix, Related, Severity, Span, by_fields

if TYPE_CHECKING:
    from ..document import AgentDocument


@dataclass(frozen=True)
class Context:
    """What a check may know beyond its document.

    ``options`` holds per-rule settings keyed by rule code (``{"AK208":
    {"budget": 400}}``), filled from the configuration's ``[tool.agentkit.rules.AK208]``
    (or ``[tool.agentkit.rules.<rule-name>]``) table; a rule reads its own with
    :meth:`Rule.option` (which falls back to the default in ``Rule.options``) or
    :meth:`option`. ``root`` is the folder of the configuration file that applies
    to the document (the project root), or None when there is none.
    """

    profile: str = "claude-code"
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    root: str | None = None  # the project root, when one is known (for path checks)
    codes: frozenset[str] | None = None  # the enabled rule codes (None: not known, every rule)
    # What checks looked up on disk for the current file, as (path, existed): the
    # cache re-checks these before it reuses a result. Reset for each file.
    probes: list[tuple[str, bool]] = field(default_factory=list, compare=False, repr=False)

    def exists(self, path: str) -> bool:
        """``os.path.exists``, recorded: a rule that looks at the disk asks through this."""
        found = os.path.exists(path)
        self.probes.append((path, found))
        return found

    def option(self, code: str | Rule, key: str, default: Any = None) -> Any:
        code = code if isinstance(code, str) else code.code
        return self.options.get(code, {}).get(key, default)


@dataclass(frozen=True, slots=True)
class Spooled:
    """Where a summary's packed directives were written (a large run's parent keeps
    only this; the process comparing a name group reads them)."""

    __reduce__ = by_fields

    file: str  # a file's path, or the key of a file kept open (see :meth:`keep_open`)
    offset: int
    length: int

    def read(self) -> bytes:
        kept = _KEPT_OPEN.get(self.file)
        if kept is None:
            with open(self.file, "rb") as fh:
                fh.seek(self.offset)
                return fh.read(self.length)
        fh, base = kept
        if hasattr(os, "pread"):  # forked workers share the open file: no seek
            return os.pread(fh.fileno(), self.length, base + self.offset)
        fh.seek(base + self.offset)
        return fh.read(self.length)

    @staticmethod
    def keep_open(key: str, fh: Any | None, base: int = 0) -> None:
        """Read the blobs filed under ``key`` from ``fh`` (an open binary file), at
        ``base`` + their offset; None closes and forgets it. A file kept open stays
        readable when another process replaces it."""
        old = _KEPT_OPEN.pop(key, None)
        if old is not None and old[0] is not fh:
            old[0].close()
        if fh is not None:
            _KEPT_OPEN[key] = (fh, base)


_KEPT_OPEN: dict[str, tuple[Any, int]] = {}


@dataclass(frozen=True, slots=True)
class Summary:
    """What project rules know of one file."""

    __reduce__ = by_fields

    path: str
    name: str | None
    name_span: Span | None
    registered: str | None = None  # the name Claude Code registers (`plugin:sub:name` in a plugin)
    scope: str = ""  # files clash only within one scope (each plugin is its own)

    @staticmethod
    def registered_name(doc: AgentDocument) -> str | None:
        where = layout.locate(doc.path)
        if where.plugin is not None:  # a plugin agent falls back to its file name
            name = doc.name if doc.name and len(doc.name) <= 256 else layout.stem(doc.path)
            return where.registered(name)
        return doc.name
    # The file's directives (frames read on use), when cross-file conflict rules run; packed
    # (one pickled blob, see :meth:`packed`) when the summary crosses a process or goes to the
    # cache; :class:`Spooled` when a large run keeps the blob in a file.
    directives: tuple | bytes | Spooled = ()
    codes: frozenset[str] | None = None  # the cross-file conflict codes enabled for this file (None: all)
    digest: bytes | None = None  # a hash of the file's text, when it carries directives (cross-file results are cached by it)

    def packed(self) -> Summary:
        """This summary with its directives as one pickled blob: unpacked only for a
        name that several files share (most names have one file)."""
        if not isinstance(self.directives, tuple) or not self.directives:
            return self
        import pickle

        return replace(self, directives=pickle.dumps(self.directives, protocol=pickle.HIGHEST_PROTOCOL))

    def unpacked_directives(self) -> tuple:
        ds = self.directives
        if isinstance(ds, Spooled):
            ds = ds.read()
        if isinstance(ds, bytes):
            import pickle

            ds = pickle.loads(ds)
        return ds

    @classmethod
    def of(cls, doc: AgentDocument, directives: bool | frozenset[str] = False) -> Summary:
        """``directives``: true (or the enabled conflict codes) to carry the file's directives."""
        f = doc.frontmatter.fields.get("name")
        span = doc.span(f.value_start, f.value_end) if f is not None and doc.name is not None else None
        ds: tuple = ()
        digest = None
        if directives and doc.name is not None:
            from ..cache import content_key
            from ..conflicts.api import pieces

            ds = tuple(pieces(doc))
            digest = content_key(doc.text.encode("utf-8", "surrogatepass"))
        codes = directives if isinstance(directives, frozenset) else None
        return cls(doc.path, doc.name, span, cls.registered_name(doc), layout.locate(doc.path).scope, ds, codes, digest)


Check = Callable[["AgentDocument", Context], Iterable[Diagnostic]]
ProjectCheck = Callable[[Iterable[Summary]], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    category: str
    summary: str
    doc: str
    check: Check | None = None  # None: reported by a shared pass (the schema, the reader)
    project_check: ProjectCheck | None = None  # rules across files: see every file's Summary
    profiles: tuple[str, ...] = ()  # empty: every profile
    fixable: bool = False
    default_enabled: bool = True  # False: runs only when selected explicitly (by its code, not a prefix)
    options: Mapping[str, Any] = field(default_factory=dict)  # per-rule options and their defaults
    # JSON Schema of the options table, when checking each option's type against its default is not enough.
    options_schema: Mapping[str, Any] | None = None

    def option(self, ctx: Context, key: str) -> Any:
        """This rule's option ``key`` from the configuration, or its default."""
        return ctx.option(self.code, key, self.options[key])

    def report(
        self,
        doc: AgentDocument,
        start: int,
        end: int | None,
        message: str,
        fix: Fix | None = None,
        related: tuple[Related, ...] = (),
    ) -> Diagnostic:
        if fix is not None:
            fix = Fix(fix.message, tuple(Edit(e.start, e.end, e.content, doc.span(e.start, e.end)) for e in fix.edits), fix.applicability)
        return self.diagnostic(doc.path, doc.span(start, end), message, fix, related)

    def diagnostic(self, path: str, span: Span, message: str, fix: Fix | None = None, related: tuple[Related, ...] = ()) -> Diagnostic:
        return Diagnostic(path, span, self.code, self.name, self.severity, self.category, message, fix, related)


REGISTRY: dict[str, Rule] = {}


def _doc(obj: object | str) -> tuple[str, str]:
    text = inspect.cleandoc(obj if isinstance(obj, str) else (obj.__doc__ or ""))
    summary = text.split("\n", 1)[0].strip()
    return summary, text


def declare(code: str, name: str, severity: Severity, category: str, doc: str, **kw: object) -> Rule:
    """Register a rule reported by a shared pass (its documentation is ``doc``)."""
    summary, text = _doc(doc)
    r = Rule(code, name, severity, category, summary, text, **kw)  # type: ignore[arg-type]
    REGISTRY[code] = r
    return r


def rule(code: str, name: str, severity: Severity, category: str, *, project: bool = False, **kw: object) -> Callable[[Callable], Rule]:
    """Register a check; its docstring is the rule's documentation.

    A file rule's function takes ``(doc, ctx)``; a project rule's (``project=True``)
    takes every file's :class:`Summary`.
    """

    def wrap(fn: Callable) -> Rule:
        summary, text = _doc(fn)
        kw["project_check" if project else "check"] = fn
        r = Rule(code, name, severity, category, summary, text, **kw)  # type: ignore[arg-type]
        REGISTRY[code] = r
        return r

    return wrap


def get(code: str) -> Rule:
    return REGISTRY[code]


@dataclass
class Selection:
    """Which codes run, resolved like ruff's rule selection.

    Selectors are code prefixes (``AK``, ``AK3``, ``AK301``). Within one layer the
    longest matching selector decides (an ignore wins a tie). ``select=None``
    means the layer does not reset the selection: codes it does not mention
    keep the decision of ``base`` (an earlier layer, e.g. the configuration file
    under command-line options).
    """

    select: tuple[str, ...] | None = ("AK",)
    ignore: tuple[str, ...] = field(default_factory=tuple)
    extend_select: tuple[str, ...] = field(default_factory=tuple)
    base: Selection | None = None

    def enabled(self, code: str, default: bool = True) -> bool:
        """Is ``code`` selected? A rule off by default (``default`` false) needs its own
        code (or name) selected: a prefix does not turn it on."""
        best_sel = max((len(p) for p in (self.select or ()) + self.extend_select if code.startswith(p) and (default or p == code)), default=-1)
        best_ign = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if best_sel < 0 and best_ign < 0 and self.select is None:
            return self.base.enabled(code, default) if self.base is not None else default
        return best_sel >= 0 and best_sel > best_ign


def iter_rules() -> Iterator[Rule]:
    return iter(sorted(REGISTRY.values(), key=lambda r: r.code))
