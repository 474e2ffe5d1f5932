"""The common ``agentkit lint`` and ``agentkit validate`` calls, without typer.

Importing typer (and, through its option adapters, pydantic) costs more than
checking one file. :func:`run_fast` parses the command line of a lint or
validate call itself when every argument is one it knows exactly (the same
options as :mod:`agentkit.cli`, which a test keeps in step) and runs it; for
anything else (``--help``, another command, a value it does not accept, an
option it does not know) it returns None and :mod:`agentkit.cli` runs typer,
which prints the help or the usage error. Both paths run :func:`_run`.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Callable, Optional

from .limits import DEFAULT_LIMITS, MAX_DEPTH_CEILING, Limits
from .schema import PROFILES

FORMATS = ("text", "concise", "grouped", "json", "sarif", "github")

# option -> (parameter, kind); kind: "flag", "str", a tuple of choices, or (min, max) for an integer
_COMMON: dict[str, tuple[str, object]] = {
    "--format": ("fmt", FORMATS),
    "--profile": ("profile", PROFILES),
    "--select": ("select", "str"),
    "--ignore": ("ignore", "str"),
    "--extend-select": ("extend_select", "str"),
    "--config": ("config", "str"),
    "--isolated": ("isolated", "flag"),
    "--exclude": ("exclude", "str"),
    "--extend-exclude": ("extend_exclude", "str"),
    "--force-exclude": ("force_exclude", "flag"),
    "--stdin-filename": ("stdin_filename", "str"),
    "--baseline": ("baseline", "str"),
    "--output": ("output", "str"),
    "-o": ("output", "str"),
    "--statistics": ("statistics", "flag"),
    "--quiet": ("quiet", "flag"),
    "-q": ("quiet", "flag"),
    "--exit-zero": ("exit_zero", "flag"),
    "--verbose": ("verbose", "flag"),
    "-v": ("verbose", "flag"),
    "--max-file-size": ("max_file_size", (0, None)),
    "--max-depth": ("max_depth", (1, MAX_DEPTH_CEILING)),
    "--no-cache": ("no_cache", "flag"),
    "--cache-dir": ("cache_dir", "str"),
}
OPTIONS: dict[str, dict[str, tuple[str, object]]] = {
    "lint": {
        **_COMMON,
        "--fix": ("fix", "flag"),
        "--unsafe-fixes": ("unsafe_fixes", "flag"),
        "--diff": ("diff", "flag"),
        "--show-fixes": ("show_fixes", "flag"),
        "--write-baseline": ("write_baseline", "str"),
    },
    "validate": _COMMON,
}
_INT = re.compile(r"0|[1-9][0-9]{0,17}")


def parse(argv: list[str]) -> Optional[tuple[str, dict[str, object]]]:
    """(command, keyword arguments of :func:`_run`) for a lint or validate call this
    module parses exactly as typer would, else None."""
    if not argv or argv[0] not in OPTIONS:
        return None
    table = OPTIONS[argv[0]]
    kwargs: dict[str, object] = {}
    paths: list[str] = []
    i = 1
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "-" or not arg.startswith("-"):
            paths.append(arg)
            continue
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        spec = table.get(name)
        if spec is None:
            return None  # --help, an unknown or combined option: typer answers
        dest, kind = spec
        if dest in kwargs:
            return None
        if kind == "flag":
            if eq:
                return None
            kwargs[dest] = True
            continue
        if not eq:
            if i >= len(argv):
                return None
            value = argv[i]
            i += 1
        if value.startswith("-") and value != "-":
            return None
        if isinstance(kind, tuple) and kind and isinstance(kind[0], str):
            if value not in kind:
                return None
        elif isinstance(kind, tuple):
            low, high = kind
            if not _INT.fullmatch(value) or int(value) < low or (high is not None and int(value) > high):  # type: ignore[operator]
                return None
            kwargs[dest] = int(value)
            continue
        kwargs[dest] = value
    kwargs["paths"] = paths or None
    return argv[0], kwargs


def run_fast(argv: list[str]) -> Optional[int]:
    """Run a lint or validate call without typer: its exit code, or None when typer must parse ``argv``."""
    parsed = parse(argv)
    if parsed is None:
        return None
    command, kwargs = parsed
    kwargs.setdefault("fmt", "text")
    kwargs.setdefault("profile", None)
    kwargs.setdefault("select", None)
    kwargs.setdefault("ignore", None)
    if kwargs.get("no_cache") or os.environ.get("AGENTKIT_NO_CACHE"):
        return _start(command, kwargs)
    from . import fncache, recache
    from .fsutil import default_dir

    folder = kwargs.get("cache_dir") or default_dir()
    fncache.install(folder)  # (before the modules that define dataclasses are imported)
    recache.install(folder)  # (before the checks' patterns are compiled)
    try:
        return _start(command, kwargs)
    finally:
        recache.save()
        fncache.save()


def _start(command: str, kwargs: dict) -> int:
    if command == "validate":
        from .linter import VALIDATE_CATEGORIES

        kwargs["categories"] = VALIDATE_CATEGORIES
    return _run(**kwargs)  # type: ignore[arg-type]


def guarded(body: Callable[[], None]) -> None:
    """Run the command: an internal error exits 2 with a message, never a traceback."""
    try:
        body()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("agentkit: interrupted\n")
        sys.exit(2)
    except Exception as exc:
        sys.stderr.write(f"agentkit: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)


def main() -> None:
    """The ``agentkit`` command."""
    argv = sys.argv[1:]
    if parse(argv) is None:
        from .cli import main as typer_main

        typer_main()
        return
    guarded(lambda: sys.exit(run_fast(argv)))


def _split(value: Optional[str]) -> Optional[list[str]]:
    if value is None:
        return None
    return [p.strip() for p in value.split(",") if p.strip()]


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


PROGRESS_MIN_FILES = 500  # a progress bar only for runs long enough to need one


class _Progress:
    """A rich progress bar on stderr for long runs in a terminal; never when piped or in CI."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty() and not os.environ.get("CI") and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        self.bar = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_MIN_FILES:
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("check", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _fail(message: str) -> None:
    sys.stderr.write(f"agentkit: error: {message}\n")
    raise SystemExit(2)


def _skipped(report, verbose: bool) -> None:  # type: ignore[no-untyped-def]
    """What discovery left out: every file with --verbose, else a note when files with
    frontmatter outside agents/ folders were left out (nothing is dropped silently)."""
    from .layout import OUTSIDE

    if verbose:
        for path, reason in report.skipped:
            sys.stderr.write(f"agentkit: skipped {path}: {reason}\n")
        return
    n = sum(1 for _, reason in report.skipped if reason == OUTSIDE)
    if n:
        sys.stderr.write(
            f"agentkit: note: {n} Markdown file{'s' if n != 1 else ''} with frontmatter outside agents/ folders "
            f"{'were' if n != 1 else 'was'} not checked (name them, or add them to `include`; --verbose lists them)\n"
        )


def _run(
    *,
    paths: Optional[list[str]],
    fmt: str,
    profile: Optional[str],
    select: Optional[str],
    ignore: Optional[str],
    extend_select: Optional[str] = None,
    config: Optional[str] = None,
    isolated: bool = False,
    exclude: Optional[str] = None,
    extend_exclude: Optional[str] = None,
    force_exclude: bool = False,
    stdin_filename: Optional[str] = None,
    baseline: Optional[str] = None,
    write_baseline: Optional[str] = None,
    output: Optional[str] = None,
    statistics: bool = False,
    quiet: bool = False,
    exit_zero: bool = False,
    verbose: bool = False,
    categories=None,  # type: ignore[no-untyped-def]
    fix: bool = False,
    unsafe_fixes: bool = False,
    diff: bool = False,
    show_fixes: bool = False,
    max_file_size: int = DEFAULT_LIMITS.max_file_size,
    max_depth: int = DEFAULT_LIMITS.max_depth,
    no_cache: bool = False,
    cache_dir: Optional[str] = None,
) -> int:
    import agentkit
    from .config import ConfigError
    from .report import render

    stdin = None
    given = paths
    if (paths and "-" in paths) or (stdin_filename is not None and not paths):
        stdin = (stdin_filename or "-", sys.stdin.buffer.read())
        given = [p for p in (paths or []) if p != "-"]
    options = dict(
        isolated=isolated,
        profile=getattr(profile, "value", profile),
        select=_split(select),
        ignore=_split(ignore),
        extend_select=_split(extend_select),
        exclude=_split(exclude),
        extend_exclude=_split(extend_exclude) or (),
        force_exclude=force_exclude,
        stdin=stdin,
        limits=Limits(max_file_size=max_file_size, max_depth=max_depth),
    )
    fixing = fix or unsafe_fixes or diff
    try:
        if fixing:
            report = agentkit.fix(given, config, unsafe=unsafe_fixes, write=not diff, baseline=baseline, **options)
        else:
            bar = _Progress()
            try:
                use_cache = not no_cache and not os.environ.get("AGENTKIT_NO_CACHE")
                cache = (cache_dir or True) if use_cache else False
                report = agentkit.lint(given, config, categories=categories, baseline=baseline, progress=bar, cache=cache, **options)
            finally:
                bar.close()
    except Exception as exc:
        from .baseline import BaselineError  # (imported when a baseline is used or this is needed)

        if not isinstance(exc, (ConfigError, BaselineError)):
            raise
        _fail(str(exc))
    if write_baseline is not None:
        from .baseline import dumps
        from .linter import write_atomic

        write_atomic(write_baseline, dumps(write_baseline, report.diagnostics, report.text_of).encode("utf-8"))
        sys.stderr.write(f"agentkit: recorded {len(report.diagnostics)} finding{'s' if len(report.diagnostics) != 1 else ''} in {write_baseline}\n")
        for problem in report.problems:
            sys.stderr.write(f"agentkit: error: {problem}\n")
        return 2 if report.problems or report.internal_error else 0
    if diff:
        lines = render.diff(report)
    else:
        lines = render.render(report, getattr(fmt, "value", fmt), statistics=statistics, quiet=quiet, show_fixes=show_fixes)
    if fixing and stdin is not None and not diff:
        # The fixed text goes to stdout, as editors expect; the findings go to stderr.
        fixed = report.changes.get(stdin[0])
        sys.stdout.write(fixed[1] if fixed else stdin[1].decode("utf-8", "replace"))
        sys.stderr.write(render.plain(lines))
    elif output is not None:
        from .linter import write_atomic

        write_atomic(output, render.plain(lines).encode("utf-8"))
    elif _color():
        render.print_rich(lines)
    else:
        render.write(lines, sys.stdout)
    _skipped(report, verbose)
    if diff and not quiet:
        sys.stderr.write(render.diff_summary(report) + "\n")
    for problem in report.problems:
        sys.stderr.write(f"agentkit: error: {problem}\n")
    if report.problems or report.internal_error:
        return 2
    if diff:
        return 1 if report.changes else 0
    return 0 if exit_zero else report.exit_code


if __name__ == "__main__":
    main()
