"""Find agent files, run the rules, apply fixes. Nothing here prints."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Iterable

from . import cache as cache_mod
from . import layout
from . import rules as rules_mod
from .config import Resolver, Settings
from .diagnostics import Applicability, Diagnostic, Edit, Severity, Span, apply_edits, by_fields
from .fsutil import read_bounded, write_atomic  # write_atomic re-exported: merge and export write through it too
from .limits import DEFAULT_LIMITS, Limits
from .rules import PASSES, REGISTRY, Context, Rule, Selection, Summary
from .rules.base import Spooled

if TYPE_CHECKING:
    from .document import AgentDocument

VALIDATE_CATEGORIES = frozenset({"syntax", "schema", "examples"})


@dataclass(frozen=True, slots=True)
class FileResult:
    __reduce__ = by_fields

    path: str
    agent: str | None  # the frontmatter `name`
    strict_yaml: bool
    claude_code_parses: bool
    registered: str | None = None  # the name Claude Code registers: `plugin:sub:name` for a plugin agent

    @classmethod
    def of(cls, doc: AgentDocument) -> FileResult:
        return cls(doc.path, doc.name, doc.strict_yaml, doc.claude_code_parses, Summary.registered_name(doc))


@dataclass
class Report:
    files: list[FileResult] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # usage or internal errors, for stderr
    fixed: dict[str, int] = field(default_factory=dict)  # path -> fixes applied
    internal_error: bool = False
    sources: dict[str, bytes | str] = field(default_factory=dict, repr=False)  # path -> what was read
    changes: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False)  # path -> (before, after) of fixes
    baselined: int = 0  # findings left out because the baseline has them
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason): Markdown files found but not checked
    # Checked files whose bytes were not kept (large runs): read again when a code frame needs them
    on_disk: set[str] = field(default_factory=set, repr=False)
    # Files whose bytes were read and hold no suppression comment (not read again to look for one)
    plain: set[str] = field(default_factory=set, repr=False)
    limits: Limits = field(default=DEFAULT_LIMITS, repr=False)
    _recent: tuple[str, str | None] = field(default=("", None), repr=False)

    def text_of(self, path: str) -> str | None:
        """The decoded text of a checked file (None when it was not read)."""
        data = self.sources.get(path)
        if isinstance(data, bytes):
            data = self.sources[path] = _text(data)
        if data is None and path in self.on_disk:
            if self._recent[0] != path:  # findings come sorted by path: one file read at a time
                self._recent = (path, _text(_read(path, self.limits)))
            return self._recent[1]
        return data

    def suppression_text(self, path: str) -> str | None:
        """The text of a file that may hold suppression comments, else None (without decoding it)."""
        data = self.sources.get(path)
        if (isinstance(data, bytes) and not _may_suppress(data)) or (data is None and path in self.plain):
            return None
        return self.text_of(path)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    @property
    def exit_code(self) -> int:
        if self.problems or self.internal_error:
            return 2
        return 1 if self.count(Severity.ERROR) else 0


def discover(
    paths: Iterable[str], include: Callable[[str], bool] | None = None, limits: Limits = DEFAULT_LIMITS
) -> tuple[list[tuple[str, bytes | OSError]], list[str]]:
    """Agent files under ``paths`` (see :mod:`agentkit.layout`): (display path, bytes or
    the error reading them), and problems. :func:`agentkit.layout.discover` also says
    what was skipped and why."""
    found = layout.discover(paths, include, limits)
    return found.found, found.problems


def _internal(path: str, exc: BaseException) -> Diagnostic:
    import traceback

    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" ({os.path.basename(frame.filename)}:{frame.lineno})" if frame else ""
    return REGISTRY["AK000"].diagnostic(path, Span(1, 1, 1, 1), f"internal error while checking this file: {type(exc).__name__}: {exc}{where}")


@dataclass(frozen=True)
class _Plan:
    """Which checks run: decided once per settings, shared by every file (and every worker)."""

    profile: str
    checks: tuple
    passes: tuple
    project: tuple
    codes: frozenset[str]
    context: Context

    @classmethod
    def make(cls, settings: Settings, categories: frozenset[str] | None) -> _Plan:
        profile, selection = settings.profile, settings.selection

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
            Context(profile, settings.rule_options, settings.root, codes),
        )


class _Plans:
    """One plan per distinct settings object."""

    def __init__(self, categories: frozenset[str] | None) -> None:
        self.categories = categories
        self._plans: dict[int, tuple[Settings, _Plan]] = {}

    def __call__(self, settings: Settings) -> _Plan:
        hit = self._plans.get(id(settings))
        if hit is None:
            hit = self._plans[id(settings)] = (settings, _Plan.make(settings, self.categories))
        return hit[1]

    def directives(self) -> bool:
        """Does any file's summary carry its directives (a cross-file conflict rule runs)?"""
        return any(_wants_directives(plan) for _, plan in self._plans.values())

    def project_checks(self) -> tuple:
        seen: dict[object, None] = {}
        for _, plan in self._plans.values():
            for fn in plan.project:
                seen.setdefault(fn, None)
        return tuple(seen)


def _check_one(doc: AgentDocument, plan: _Plan) -> tuple[list[Diagnostic], bool]:
    """Per-file checks of one document: (diagnostics, internal error seen)."""
    if doc.read_error is not None:
        return [REGISTRY["AK000"].diagnostic(doc.path, Span(1, 1, 1, 1), f"cannot read the file: {doc.read_error}")], doc.internal_error
    if doc.too_large is not None:
        message = f"the file is larger than {doc.too_large:,} bytes (--max-file-size): it was not checked"
        return ([REGISTRY["AK020"].diagnostic(doc.path, Span(1, 1, 1, 1), message)] if "AK020" in plan.codes else []), False
    ctx = plan.context
    found: list[Diagnostic] = []
    try:
        for fn in plan.checks:
            found.extend(fn(doc, ctx))
        for fn, _ in plan.passes:
            found.extend(d for d in fn(doc, ctx) if d.code in plan.codes)
    except Exception as exc:  # one bad file never stops the others
        return [_internal(doc.path, exc)], True
    return found, False


_DIRECTIVE_CODES = frozenset(rules_mod.conflicts.ALL_CODES)


def _wants_directives(plan: _Plan) -> frozenset[str]:
    """Summaries carry the file's directives only when a cross-file conflict rule runs
    (the enabled conflict codes; empty: none)."""
    return plan.codes & _DIRECTIVE_CODES


def _project(summaries: list[Summary], checks: tuple, memo: dict | None = None, pool: object | None = None) -> list[Diagnostic]:
    """Run the cross-file checks; ``memo`` (the cache's) lets the conflict pass skip
    unchanged name groups, ``pool`` runs it in worker processes."""
    out: list[Diagnostic] = []
    for fn in checks:
        out.extend(_project_pass(summaries, memo, pool) if fn is rules_mod.conflicts.project_pass else fn(summaries))
    return out


class _PluginProfile:
    """Settings per path, where an agent in a plugin gets the `plugin` profile unless
    the command line or the configuration chose a profile."""

    def __init__(self, inner: Resolver) -> None:
        self.inner = inner
        self._derived: dict[int, tuple[Settings, Settings]] = {}
        self._by_path: dict[str, Settings] = {}  # a run asks for each file's settings several times
        # Settings and location depend on a file's folder only: resolved once per folder
        self._by_folder: dict[str, tuple[Settings, layout.Location]] = {}

    def for_path(self, path: str) -> Settings:
        st = self._by_path.get(path)
        if st is None:
            st = self._by_path[path] = self.resolve(path)[0]
        return st

    def resolve(self, path: str) -> tuple[Settings, layout.Location]:
        """``path``'s settings and where Claude Code registers it from."""
        folder, name = os.path.split(path)
        if name in ("", ".", "..") or path in layout.NOT_FILES:
            return self._resolve(path)
        hit = self._by_folder.get(folder)
        if hit is None:
            hit = self._by_folder[folder] = self._resolve(path)
        return hit

    def _resolve(self, path: str) -> tuple[Settings, layout.Location]:
        st = self.inner.for_path(path)
        where = layout.locate(path)
        if st.profile_explicit or st.profile != "claude-code" or where.plugin is None:
            return st, where
        hit = self._derived.get(id(st))
        if hit is None:
            hit = self._derived[id(st)] = (st, replace(st, profile="plugin"))
        return hit[1], where


def _settings_resolver(profile: str, selection: Selection | None, resolver: Resolver | _PluginProfile | None) -> _PluginProfile:
    if isinstance(resolver, _PluginProfile):
        return resolver
    if resolver is None:
        resolver = Resolver.of(Settings(profile=profile, selection=selection or Selection(), profile_explicit=profile != "claude-code"))
    return _PluginProfile(resolver)


def finalize(
    diagnostics: list[Diagnostic], paths: Iterable[str], settings_of: Callable[[str], Settings], plans: _Plans, text_of: Callable[[str], str | None]
) -> list[Diagnostic]:
    """Apply what the configuration says after the checks ran: per-file ignores,
    suppression comments (and the AK9xx findings about them), severity overrides."""
    by_path: dict[str, list[Diagnostic]] = {p: [] for p in paths}
    for d in diagnostics:
        by_path.setdefault(d.path, []).append(d)
    out: list[Diagnostic] = []
    decided: dict[tuple[int, str], bool] = {}  # (settings, code) -> enabled, for settings without per-file ignores
    for path, diags in by_path.items():
        settings = settings_of(path)
        plan = plans(settings)

        def enabled(code: str, path: str = path, settings: Settings = settings, plan: _Plan = plan) -> bool:
            if code == "AK000":
                return True
            if code not in plan.codes:
                return False
            if settings.per_file_ignores:
                return settings.enabled(code, path)
            hit = decided.get((id(settings), code))
            if hit is None:
                hit = decided[(id(settings), code)] = settings.enabled(code, path)
            return hit

        diags = [d for d in diags if enabled(d.code)]
        text = text_of(path)
        if text is not None and "agentkit" in text:
            from . import suppress  # (only a file that mentions agentkit may hold suppression comments)

            sup = suppress.parse(text)
            if sup:
                diags = suppress.apply(diags, sup, path, enabled)
        if settings.severity:
            diags = [d if (sev := settings.severity_of(d.code)) in (None, d.severity) else replace(d, severity=sev) for d in diags]
        out.extend(diags)
    out.sort(key=lambda d: d.sort_key)
    return out


def check(
    docs: list[AgentDocument],
    profile: str = "claude-code",
    selection: Selection | None = None,
    categories: frozenset[str] | None = None,
    resolver: Resolver | None = None,
) -> tuple[list[Diagnostic], bool]:
    """Run every enabled rule on the documents. Returns (diagnostics, internal error seen)."""
    resolver = _settings_resolver(profile, selection, resolver)
    plans = _Plans(categories)
    out: list[Diagnostic] = []
    failed = False
    for doc in docs:
        found, bad = _check_one(doc, plans(resolver.for_path(doc.path)))
        out.extend(found)
        failed |= bad
    out.extend(_project([Summary.of(d, _wants_directives(plans(resolver.for_path(d.path)))) for d in docs if d.read_error is None], plans.project_checks()))
    texts = {d.path: d.text for d in docs}
    return finalize(out, texts, resolver.for_path, plans, texts.get), failed


# What one file contributes to a report: (FileResult, Summary, diagnostics, internal error)
_Outcome = tuple[FileResult, Summary, list[Diagnostic], bool]


def _outcome(doc: AgentDocument, plan: _Plan) -> _Outcome:
    found, bad = _check_one(doc, plan)
    return FileResult.of(doc), Summary.of(doc, _wants_directives(plan)), found, bad


def _probed(doc: AgentDocument, plan: _Plan) -> tuple[_Outcome, tuple[tuple[str, bool], ...]]:
    """A file's outcome and what its checks looked up on disk (for the cache)."""
    probes = plan.context.probes
    probes.clear()
    outcome = _outcome(doc, plan)
    return outcome, tuple(probes)


def _read(path: str, limits: Limits) -> bytes | OSError:
    try:
        return read_bounded(path, limits.max_file_size)
    except OSError as exc:
        return exc


def _text(data: bytes | OSError) -> str | None:
    if isinstance(data, OSError):
        return None
    from .source import decode  # (the readers are imported only when a file is read)

    return decode(data).text


def _may_suppress(data: bytes) -> bool:
    """Could these bytes hold a suppression comment? (They must mention agentkit, unless UTF-16.)"""
    return b"agentkit" in data or data.startswith((b"\xff\xfe", b"\xfe\xff"))


def _document(path: str, data: bytes | OSError, limits: Limits) -> AgentDocument:
    from .document import failed, load_bytes, unreadable  # (a run the cache serves reads no file)

    if isinstance(data, OSError):
        return unreadable(path, data)
    try:
        return load_bytes(data, path, limits)
    except Exception as exc:  # one bad file never stops the others
        return failed(path, exc)


# What checking one file sends back: its outcome, what its checks looked up on disk
# (for the cache), the hash of the bytes checked (for the cache) and those bytes when
# they may hold suppression comments (else None).
_Checked = tuple[_Outcome, tuple[tuple[str, bool], ...], "bytes | None", "bytes | None"]


def _check_path(path: str, data: bytes | OSError | None, plan: _Plan, limits: Limits, hashed: bool, spool: str | None = None) -> _Checked:
    """Check one file; ``data`` None: read it here (in the worker, not the parent).
    ``spool``: a folder where this process writes the file's directives (see :func:`_spooled`)."""
    if data is None:
        data = _read(path, limits)
    outcome, probes = _probed(_document(path, data, limits), plan)
    summary = outcome[1].packed()  # directives cross as one blob
    if spool is not None and isinstance(summary.directives, bytes):
        summary = replace(summary, directives=_spooled(spool, summary.directives))
    outcome = (outcome[0], summary, outcome[2], outcome[3])
    if isinstance(data, OSError):
        return outcome, probes, None, None
    return outcome, probes, cache_mod.content_key(data) if hashed else None, data if _may_suppress(data) else None


# This process's spool file, by spool folder: (path, open file).
_SPOOLS: dict[str, tuple[str, object]] = {}


def _spooled(folder: str, blob: bytes) -> Spooled:
    """Append ``blob`` to this process's file in ``folder``: the parent of a large run
    keeps only where each file's directives are, so its memory does not grow with
    the input; the process comparing a name group reads them back."""
    hit = _SPOOLS.get(folder)
    if hit is None:
        name = os.path.join(folder, f"{os.getpid()}.bin")
        hit = _SPOOLS[folder] = (name, open(name, "ab"))
    name, fh = hit
    offset = fh.tell()  # type: ignore[attr-defined]
    fh.write(blob)  # type: ignore[attr-defined]
    return Spooled(name, offset, len(blob))


def _flush_spools() -> None:
    for _, fh in _SPOOLS.values():
        fh.flush()  # type: ignore[attr-defined]


def _work(
    batch: list[tuple[str, bytes | OSError | None, int]],
    table: list[Settings],
    categories: frozenset[str] | None,
    limits: Limits,
    hashed: bool,
    spool: str | None = None,
) -> list[_Checked]:
    plans = _Plans(categories)  # rebuilt here: check functions do not pickle
    out = [_check_path(path, data, plans(table[i]), limits, hashed, spool) for path, data, i in batch]
    _flush_spools()  # before the parent sees where the blobs are
    return out


def _work_batch(args: tuple) -> list[_Checked]:
    return _work(*args)


def _groups_batch(tasks: list[tuple[list[Summary], frozenset[str] | None]]) -> list[list[Diagnostic]]:
    """The cross-file conflicts of several name groups (in a worker)."""
    return [rules_mod.conflicts.group_findings(members, codes) for members, codes in tasks]


GROUP_BATCH_FILES = 32  # name groups are sent to workers in batches of about this many files


def _project_pass(summaries: list[Summary], memo: dict | None, pool: object | None) -> list[Diagnostic]:
    """The conflicts across name groups: the groups that are not in ``memo`` (the
    cache's) are compared in ``pool``'s workers when there is one, a batch of groups
    at a time, so no process holds more than a batch's directives; the findings come
    in the same order as :func:`agentkit.rules.conflicts.project_pass`'s."""
    conflicts = rules_mod.conflicts
    groups = conflicts.name_groups(summaries)
    slots: list[list[Diagnostic] | None] = []
    todo: list[tuple[int, bytes | None, list[Summary], frozenset[str] | None]] = []
    for name, members, codes in groups:
        mkey = conflicts.group_key(name, members, codes) if memo is not None else None
        hit = memo.get(mkey) if mkey is not None else None  # type: ignore[union-attr]
        if hit is None:
            todo.append((len(slots), mkey, members, codes))
        slots.append(hit)
    if pool is None or not todo:
        results = [conflicts.group_findings(members, codes) for _, _, members, codes in todo]
    else:
        batches: list[list[tuple[list[Summary], frozenset[str] | None]]] = [[]]
        size = 0
        for _, _, members, codes in todo:
            if size >= GROUP_BATCH_FILES:
                batches.append([])
                size = 0
            batches[-1].append((members, codes))
            size += len(members)
        results = [found for batch in pool.imap(_groups_batch, batches) for found in batch]  # type: ignore[attr-defined]
    for (slot, mkey, members, _), found in zip(todo, results):
        slots[slot] = found
        if mkey is not None:
            memo.put(mkey, [(m.path, m.digest) for m in members], found)  # type: ignore[union-attr]
    return [d for found in slots for d in found]  # type: ignore[union-attr]


def load_paths(
    paths: Iterable[str],
    stdin: tuple[str, bytes] | None = None,
    *,
    resolver: Resolver | None = None,
    force_exclude: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> tuple[list[AgentDocument], list[str]]:
    """Discover and load agent files without checking them: (documents, problems)."""
    paths = list(paths)
    found = _discover(paths, stdin, resolver, limits)
    items = found.found
    if resolver is not None:
        items = _excluded(items, paths + ([stdin[0]] if stdin else []), resolver, force_exclude)
    return [_document(p, d, limits) for p, d in items], found.problems


PARALLEL_MIN_FILES = 200  # below this, starting workers costs more than it saves


def _size(item: tuple[str, bytes | OSError | None]) -> int:
    """The size of a found file: its bytes, else its status (-1 when it cannot be read)."""
    path, data = item
    if isinstance(data, bytes):
        return len(data)
    try:
        return os.stat(path).st_size
    except OSError:
        return -1


def _worker_gc() -> None:
    """A worker makes many small objects that live until its batch is done: collect the
    youngest generation less often (the default 700 allocations make the collector a
    tenth of a worker's time)."""
    import gc

    gc.set_threshold(GC_GEN0, 10, 10)


GC_GEN0 = 200_000  # allocations between collections of the youngest generation in a worker


def _workers() -> int:
    if sys.platform != "linux":  # fork is the cheap start method; elsewhere stay serial
        return 1
    try:
        return max(1, min(len(os.sched_getaffinity(0)), 8))
    except (AttributeError, OSError):
        return max(1, min(os.cpu_count() or 1, 8))


def _discover(
    paths: Iterable[str],
    stdin: tuple[str, bytes] | None,
    resolver: Resolver | _PluginProfile | None = None,
    limits: Limits = DEFAULT_LIMITS,
    read: bool = True,
) -> layout.Discovery:
    paths = [p for p in paths if p != "-"] if stdin is not None else list(paths)
    include = (lambda p: resolver.for_path(p).included(p)) if resolver is not None else None
    found = layout.discover(paths, include, limits, read) if paths else layout.Discovery()
    if stdin is not None:
        found.found.append(stdin)
    return found


def _excluded(found: list[tuple[str, bytes | OSError]], given: Iterable[str], resolver: Resolver, force: bool) -> list[tuple[str, bytes | OSError]]:
    """Drop files the configuration excludes; files named on the command line (or as
    the stdin file name) stay unless ``force``."""
    named = set(given)
    return [(p, d) for p, d in found if not ((force or p not in named) and resolver.for_path(p).excluded(p))]


def lint(
    paths: Iterable[str],
    profile: str = "claude-code",
    selection: Selection | None = None,
    categories: frozenset[str] | None = None,
    keep_documents: bool = True,
    *,
    resolver: Resolver | None = None,
    stdin: tuple[str, bytes] | None = None,
    force_exclude: bool = False,
    overlay: dict[str, bytes] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    progress: Callable[[int, int], None] | None = None,
    cache: bool | str | os.PathLike[str] = False,
) -> tuple[Report, list[AgentDocument]]:
    """Discover, load and check. Documents are returned (for fixing or inspection)
    unless ``keep_documents`` is false, which lets large runs use every core.

    ``resolver`` gives each file its settings (configuration file and command
    line); without one, ``profile`` and ``selection`` apply to every file.
    ``stdin`` is a (display path, bytes) pair checked as if it were that file;
    ``overlay`` replaces the contents of discovered files (fixed, not written).
    ``limits`` bounds what is read of each file. ``progress(done, total)`` is
    called as files are checked. ``cache`` (True, or a cache folder) reuses the
    results of files unchanged since an earlier run (see :mod:`agentkit.cache`);
    it applies only when documents are not kept.
    """
    paths = list(paths)
    resolver = _settings_resolver(profile, selection, resolver)
    # Without documents to return, the parent keeps no file's bytes: each file is read
    # where it is checked (a worker), and again only for a code frame (Report.text_of).
    lazy = not keep_documents
    discovery = _discover(paths, stdin, resolver, limits, read=not lazy)
    found = _excluded(discovery.found, paths + ([stdin[0]] if stdin else []), resolver, force_exclude)
    if overlay:
        found = [(p, overlay.get(p, d)) for p, d in found]
    report = Report(problems=discovery.problems, skipped=discovery.skipped, limits=limits)
    report.sources = {p: d for p, d in found if isinstance(d, bytes) and (not lazy or _may_suppress(d) or (overlay and p in overlay) or (stdin and p == stdin[0]))}
    report.on_disk = {p for p, d in found if d is None}
    plans = _Plans(categories)
    workers = _workers()
    docs: list[AgentDocument] = []
    store = cache_mod.Cache.open(None if cache is True else cache) if cache and not keep_documents else None
    pool = None  # the worker processes of a large run: the files, then the name groups
    spool: str | None = None  # where they write each file's directives (see _spooled)
    try:  # from here on the cache file is open: closed below, whatever happens
        keys: dict[tuple[int, object], str] = {}

        def key_of(path: str) -> str:
            st, where = resolver.resolve(path)
            k = keys.get((id(st), where))
            if k is None:
                k = keys[(id(st), where)] = cache_mod.settings_key(st, where, categories, limits)
            return k

        results: list[_Outcome | None] = [None] * len(found)
        todo: list[int] = []
        statuses: dict[int, cache_mod.Stat | None] = {}  # each file's status before it was read (for the cache)
        for i, (p, d) in enumerate(found):
            plans(resolver.for_path(p))  # every file's plan, cached or not: the cross-file rules come from them
            if store is not None and not isinstance(d, OSError):
                # A file on disk is read only when its status changed (see Cache.get); text given
                # (stdin, fixed text) is compared by its hash.
                status = statuses[i] = cache_mod.stat_of(p) if d is None else None
                read: list[bytes | OSError] = []

                def reader(p: str = p, d: bytes | None = d) -> bytes | OSError:
                    read.append(_read(p, limits) if d is None else d)
                    return read[0]

                hit = store.get(p, key_of(p), status, reader)
                if hit is not None:
                    results[i], mentions = hit
                    if d is None:
                        if not mentions:
                            report.plain.add(p)
                        elif read and isinstance(read[0], bytes):
                            report.sources[p] = read[0]  # (else read again if a suppression comment is looked for)
                    continue
            todo.append(i)
        hashed = store is not None
        fresh: list[_Checked] = []
        if not keep_documents and workers > 1 and len(todo) >= PARALLEL_MIN_FILES:
            import multiprocessing

            if plans.directives():  # (the cache copies them into its file when it saves)
                import tempfile

                spool = tempfile.mkdtemp(prefix="agentkit-")
            table: list[Settings] = []
            index: dict[int, int] = {}
            items = []
            # Copies of a file (one size) and files of one name (variants), which repeat each
            # other's rules, go to one batch, so one worker's memos read their shared texts once;
            # the largest files go first, so that no worker is left with a long batch at the end.
            order = sorted(todo, key=lambda i: (-_size(found[i]), os.path.basename(found[i][0]), found[i][0]))
            for i in order:
                p, d = found[i]
                st = resolver.for_path(p)
                plans(st)
                if id(st) not in index:
                    index[id(st)] = len(table)
                    table.append(st)
                items.append((p, d, index[id(st)]))
            size = -(-len(items) // (workers * 4))
            batches = [items[i : i + size] for i in range(0, len(items), size)]
            if plans.directives():
                from .conflicts import api  # noqa: F401  (imported once here, not in every worker)
            import gc

            gc.freeze()  # what the parent built (rules, vocabulary, patterns) is never garbage: the workers' collector skips it
            pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_gc)
            for r in pool.imap(_work_batch, [(b, table, categories, limits, hashed, spool) for b in batches]):
                fresh.extend(r)
                if progress is not None:
                    progress(len(fresh), len(items))
            by_index = dict(zip(order, fresh))
            fresh = [by_index[i] for i in todo]
        else:
            for i in todo:
                p, d = found[i]
                if keep_documents:
                    doc = _document(p, d, limits)  # type: ignore[arg-type]  (read: discovery kept the bytes)
                    docs.append(doc)
                    outcome, probes = _probed(doc, plans(resolver.for_path(p)))
                    fresh.append((outcome, probes, cache_mod.content_key(d) if hashed and isinstance(d, bytes) else None, None))
                else:
                    fresh.append(_check_path(p, d, plans(resolver.for_path(p)), limits, hashed))
                if progress is not None:
                    progress(len(fresh), len(todo))
        for i, (outcome, probes, key, kept) in zip(todo, fresh):
            results[i] = outcome
            p = found[i][0]
            if kept is not None and p not in report.sources:
                report.sources[p] = kept
            elif kept is None and found[i][1] is None:
                report.plain.add(p)  # the process that checked it found no suppression comment
            if store is not None and key is not None and not outcome[3]:
                d = found[i][1]
                mentions = kept is not None if d is None else isinstance(d, bytes) and _may_suppress(d)
                store.put_key(p, key, statuses.get(i), key_of(p), probes, mentions, (outcome[0], outcome[1].packed(), outcome[2], outcome[3]))
        outcomes = [o for o in results if o is not None]
        found_diags: list[Diagnostic] = []
        for result, _, diags, bad in outcomes:
            report.files.append(result)
            found_diags.extend(diags)
            report.internal_error |= bad
        found_diags.extend(_project([o[1] for o in outcomes], plans.project_checks(), store.groups if store is not None else None, pool))
        if store is not None:
            store.save()
    finally:
        if pool is not None:
            pool.terminate()
        if store is not None:
            store.close()
        if spool is not None:
            import shutil

            shutil.rmtree(spool, ignore_errors=True)
    report.diagnostics = finalize(found_diags, [f.path for f in report.files], resolver.for_path, plans, report.suppression_text)
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
    resolver: Resolver | None = None,
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
        diagnostics, _ = check(current, profile, selection, resolver=resolver)
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
            from .document import load_bytes

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


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "load":  # re-exported, imported on first use
        from .document import load

        return load
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Report", "FileResult", "discover", "check", "finalize", "lint", "load_paths", "fix_documents", "load", "write_atomic"]
