"""The library API behind ``agentkit lint`` and ``agentkit validate``: ``lint`` and ``fix``.

Both take the paths to check and how to configure the run; the command line is
a thin layer over them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Union

from .config import Overrides, Resolver, selector
from .limits import DEFAULT_LIMITS, Limits
from .linter import Report, encode, fix_documents, load_paths
from .linter import lint as _lint

PathLike = Union[str, "os.PathLike[str]"]


def _codes(values: Iterable[str] | str | None) -> tuple[str, ...] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [v for v in values.split(",") if v.strip()]
    return tuple(selector(v) for v in values)


def resolver(
    config: PathLike | Mapping[str, Any] | None = None,
    *,
    isolated: bool = False,
    profile: str | None = None,
    select: Iterable[str] | str | None = None,
    ignore: Iterable[str] | str | None = None,
    extend_select: Iterable[str] | str | None = None,
    exclude: Iterable[str] | None = None,
    extend_exclude: Iterable[str] = (),
) -> Resolver:
    """Settings per file from a configuration (found, given, or a table) and overrides."""
    overrides = Overrides(
        profile=profile,
        select=_codes(select),
        ignore=_codes(ignore) or (),
        extend_select=_codes(extend_select) or (),
        exclude=tuple(exclude) if exclude is not None else None,
        extend_exclude=tuple(extend_exclude),
    )
    return Resolver(overrides, config if isinstance(config, Mapping) or config is None else os.fspath(config), isolated)


def _stdin(stdin: tuple[str, bytes | str] | None) -> tuple[str, bytes] | None:
    if stdin is None:
        return None
    name, data = stdin
    return name, data.encode("utf-8") if isinstance(data, str) else data


@dataclass
class _Setup:
    resolver: Resolver
    paths: list[str]
    stdin: tuple[str, bytes] | None
    force_exclude: bool
    baseline: PathLike | None
    limits: Limits


def _setup(
    paths: Iterable[PathLike] | None,
    config: PathLike | Mapping[str, Any] | None,
    *,
    force_exclude: bool = False,
    baseline: PathLike | None = None,
    stdin: tuple[str, bytes | str] | None = None,
    limits: Limits | None = None,
    **settings: Any,
) -> _Setup:
    return _Setup(resolver(config, **settings), _given(paths, stdin), _stdin(stdin), force_exclude, baseline, limits or DEFAULT_LIMITS)


def lint(
    paths: Iterable[PathLike] | None = None,
    config: PathLike | Mapping[str, Any] | None = None,
    *,
    categories: frozenset[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cache: bool | PathLike = False,
    **options: Any,
) -> Report:
    """Check agent files and folders; returns a :class:`~agentkit.linter.Report`.

    ``config`` is a configuration file, a table (the contents of
    ``[tool.agentkit]`` as a dict), or None to use the closest configuration
    file of each checked file. ``categories`` restricts the run to rule
    categories (``validate``). Keyword ``options``:

    - ``isolated``: ignore configuration files;
    - ``profile``, ``select``, ``ignore``, ``extend_select`` (codes, prefixes or
      rule names, as a list or a comma-separated string), ``exclude``,
      ``extend_exclude`` (globs): override the configuration, as the
      command-line options do;
    - ``force_exclude``: exclude files named in ``paths`` too;
    - ``baseline``: a baseline file whose findings are left out of the report
      (``report.baselined`` counts them);
    - ``stdin``: a ``(path, text)`` pair checked as if it were the file at
      ``path`` (for editors); ``paths`` may then be None;
    - ``limits``: an :class:`agentkit.limits.Limits` (file size, nesting
      depth, values) bounding what is read of each file.

    ``progress(done, total)`` is called as files are checked. ``cache`` (True,
    or a folder) reuses the results of files unchanged since an earlier run
    (:mod:`agentkit.cache`); the command line turns it on unless ``--no-cache``. Raises :class:`agentkit.config.ConfigError` for a bad configuration and
    :class:`agentkit.baseline.BaselineError` for a bad baseline file.
    """
    run = _setup(paths, config, **options)
    report, _ = _lint(
        run.paths, categories=categories, keep_documents=False, resolver=run.resolver, stdin=run.stdin, force_exclude=run.force_exclude, limits=run.limits,
        progress=progress, cache=cache,
    )
    _apply_baseline(report, run.baseline)
    return report


def fix(paths: Iterable[PathLike] | None = None, config: PathLike | Mapping[str, Any] | None = None, *, unsafe: bool = False, write: bool = True, **options: Any) -> Report:
    """Apply fixes, then check again; returns the :class:`~agentkit.linter.Report` of what is left.

    Safe fixes only, unless ``unsafe``. Suppressed findings are not fixed.
    Files are rewritten atomically unless ``write`` is false (or the text came
    from ``stdin``). ``report.fixed`` counts the fixes per path and
    ``report.changes`` holds each changed file's text before and after. The
    other arguments are those of :func:`lint`.
    """
    run = _setup(paths, config, **options)
    data = run.stdin
    docs, _ = load_paths(run.paths, data, resolver=run.resolver, force_exclude=run.force_exclude, limits=run.limits)
    write = write and data is None
    texts, counts, refused = fix_documents(docs, unsafe=unsafe, write=write, resolver=run.resolver)
    by_path = {d.path: d for d in docs}
    overlay: dict[str, bytes] = {}
    if not write:  # check the fixed texts in memory
        overlay = {p: encode(by_path[p], t) for p, t in texts.items()}
        if data is not None and data[0] in overlay:
            data = (data[0], overlay.pop(data[0]))
    report, _ = _lint(run.paths, keep_documents=False, resolver=run.resolver, stdin=data, force_exclude=run.force_exclude, overlay=overlay, limits=run.limits)
    _apply_baseline(report, run.baseline)
    report.fixed = counts
    report.changes = {p: (by_path[p].text, t) for p, t in texts.items() if t != by_path[p].text}
    report.problems.extend(refused)
    return report


def _given(paths: Iterable[PathLike] | None, stdin: object) -> list[str]:
    if paths is not None:
        return [os.fspath(p) for p in paths]
    return [] if stdin is not None else ["."]


def _apply_baseline(report: Report, baseline: PathLike | None) -> None:
    if baseline is not None:
        from . import baseline as baseline_mod

        report.diagnostics, report.baselined = baseline_mod.load(os.fspath(baseline)).filter(report.diagnostics, report.text_of)


__all__ = ["fix", "lint", "resolver"]
