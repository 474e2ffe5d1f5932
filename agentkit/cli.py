"""The ``agentkit`` command: parse arguments, call the library, render, exit.

Exit codes: 0 no error-severity finding, 1 at least one, 2 usage or internal error.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .rules import Selection

app = typer.Typer(
    name="agentkit",
    help="Load, validate and lint Claude Code subagent files (Markdown with YAML frontmatter).",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"


class Profile(str, Enum):
    claude_code = "claude-code"
    plugin = "plugin"
    plugin_dev = "plugin-dev"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"agentkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_options(
    version: Annotated[Optional[bool], typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = None,
) -> None:
    """Load, validate and lint Claude Code subagent files."""


PathsArg = Annotated[Optional[list[str]], typer.Argument(help="Files or folders (default: the current folder).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
ProfileOpt = Annotated[Profile, typer.Option("--profile", help="Which conventions to check: the official docs, plugin agents, or plugin-dev's stricter rules.")]
SelectOpt = Annotated[Optional[str], typer.Option("--select", help="Comma-separated code prefixes to enable (default: all), e.g. AK1,AK201.")]
IgnoreOpt = Annotated[Optional[str], typer.Option("--ignore", help="Comma-separated code prefixes to disable, e.g. AK107.")]


def _selection(select: Optional[str], ignore: Optional[str]) -> Selection:
    def split(value: Optional[str]) -> tuple[str, ...]:
        return tuple(p.strip().upper() for p in (value or "").split(",") if p.strip())

    return Selection(split(select) or ("AK",), split(ignore))


def _color() -> bool:
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _emit_text(report, console_lines: list[list[tuple[str, str]]], tail: list[str]) -> None:  # type: ignore[no-untyped-def]
    if _color():
        from rich.console import Console
        from rich.text import Text

        console = Console(highlight=False, soft_wrap=True)
        for parts in console_lines:
            console.print(Text.assemble(*parts))
        for line in tail:
            console.print(Text(line, style="bold"))
    else:
        out = sys.stdout
        for parts in console_lines:
            out.write("".join(p for p, _ in parts) + "\n")
        for line in tail:
            out.write(line + "\n")


def _run(paths: Optional[list[str]], fmt: Format, profile: Profile, select: Optional[str], ignore: Optional[str], categories, fix: bool = False, unsafe_fixes: bool = False) -> int:  # type: ignore[no-untyped-def]
    from .linter import fix_documents, lint, load_paths
    from .report import json_format, text_format

    selection = _selection(select, ignore)
    fixing = fix or unsafe_fixes
    refused: list[str] = []
    counts: dict[str, int] = {}
    if fixing:
        # Fix first (fixing checks each file as it goes), then report what is left.
        docs, _ = load_paths(paths or ["."])
        _, counts, refused = fix_documents(docs, profile.value, selection, unsafe=unsafe_fixes)
    report, _ = lint(paths or ["."], profile.value, selection, categories, keep_documents=False)
    report.fixed = counts
    report.problems.extend(refused)
    if fmt is Format.json:
        sys.stdout.write(json_format.dumps(json_format.lint_payload(report)) + "\n")
    else:
        lines = []
        tail = []
        for d in report.diagnostics:
            lines.append(text_format.diagnostic_parts(d))
            lines.extend([[(r, "dim")] for r in text_format.related_lines(d)])
        if report.files or not report.problems:
            tail.append(text_format.summary(report))
        _emit_text(report, lines, tail)
    for problem in report.problems:
        sys.stderr.write(f"agentkit: error: {problem}\n")
    return report.exit_code


@app.command()
def lint(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.text,
    profile: ProfileOpt = Profile.claude_code,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place (atomic writes).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Apply safe and unsafe fixes in place.")] = False,
) -> None:
    """Run every check on agent files."""
    raise typer.Exit(_run(paths, fmt, profile, select, ignore, None, fix, unsafe_fixes))


@app.command()
def validate(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.text,
    profile: ProfileOpt = Profile.claude_code,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
) -> None:
    """Only the syntax, schema and example checks: a fast CI gate."""
    from .linter import VALIDATE_CATEGORIES

    raise typer.Exit(_run(paths, fmt, profile, select, ignore, VALIDATE_CATEGORIES))


@app.command()
def inspect(
    file: Annotated[str, typer.Argument(help="One agent file.")],
    fmt: FormatOpt = Format.text,
) -> None:
    """Show what agentkit read: frontmatter values, examples, body outline, both verdicts."""
    from .document import load
    from .report import inspect_text, json_format

    if os.path.isdir(file):
        sys.stderr.write(f"agentkit: error: {file}: is a folder; inspect reads one agent file (`agentkit lint {file}` checks a folder)\n")
        raise typer.Exit(2)
    if not os.path.isfile(file):
        sys.stderr.write(f"agentkit: error: {file}: no such file\n")
        raise typer.Exit(2)
    doc = load(file)
    if doc.read_error:
        sys.stderr.write(f"agentkit: error: {file}: {doc.read_error}\n")
        raise typer.Exit(2)
    payload = json_format.inspect_payload(doc)
    if fmt is Format.json:
        sys.stdout.write(json_format.dumps(payload, indent=2) + "\n")
    else:
        sys.stdout.write(inspect_text.render(payload))
    raise typer.Exit(0)


@app.command("rule")
def rule_doc(code: Annotated[str, typer.Argument(help="A rule code, e.g. AK002.")]) -> None:
    """Explain a rule: what it checks, why, and how to fix it."""
    from .rules import REGISTRY

    r = REGISTRY.get(code.upper())
    if r is None:
        sys.stderr.write(f"agentkit: error: no rule {code!r}; `agentkit rules` lists them\n")
        raise typer.Exit(2)
    head = f"{r.code} {r.name} ({r.severity.value}, {r.category}{', fixable' if r.fixable else ''})"
    if r.profiles:
        head += f" — profiles: {', '.join(r.profiles)}"
    sys.stdout.write(f"{head}\n\n{r.doc}\n")
    raise typer.Exit(0)


class RulesFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command("rules")
def rules_list(fmt: Annotated[RulesFormat, typer.Option("--format", help="text: one line per rule; markdown: the full catalogue (docs/rules.md).")] = RulesFormat.text) -> None:
    """List every rule."""
    from .rules import iter_rules

    if fmt is RulesFormat.markdown:
        from .docs import rules_markdown

        sys.stdout.write(rules_markdown())
        raise typer.Exit(0)
    for r in iter_rules():
        off = " (off by default)" if not r.default_enabled else ""
        sys.stdout.write(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.summary}{off}\n")
    raise typer.Exit(0)


def _say(lines: list[tuple[str, str]], to_stderr: bool) -> None:
    stream = sys.stderr if to_stderr else sys.stdout
    if stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb":
        from rich.console import Console
        from rich.text import Text

        console = Console(file=stream, highlight=False, soft_wrap=True)
        for text, style in lines:
            console.print(Text(text, style=style))
    else:
        for text, _ in lines:
            stream.write(text + "\n")


@app.command()
def merge(
    files: Annotated[list[str], typer.Argument(help="Agent files, all variants of one agent.", show_default=False)],
    output: Annotated[str, typer.Option("-o", "--output", help="Where to write the merged agent; `-` for stdout.", show_default=False)],
    prefer: Annotated[Optional[list[str]], typer.Option("--prefer", help="Decide conflicts for this file (repeatable: the first preferred file holding a side wins; the other files follow in the order given).")] = None,
    resolutions: Annotated[Optional[str], typer.Option("--resolutions", help="YAML file deciding conflicts by id (keep a side, your own text, or drop).")] = None,
    write_resolutions: Annotated[Optional[str], typer.Option("--write-resolutions", help="Write every conflict to this YAML file as a template to fill in.")] = None,
    report: Annotated[Optional[str], typer.Option("--report", help="Write the provenance report (JSON): where every input unit went.")] = None,
    markers: Annotated[bool, typer.Option("--markers", help="Write undecided conflicts as conflict markers into the output (exit status 1).")] = False,
    name: Annotated[Optional[str], typer.Option("--name", help="Name of the merged agent; lets inputs with different names be merged.")] = None,
    max_examples: Annotated[Optional[int], typer.Option("--max-examples", help="Keep at most N <example> blocks in the description.", min=0)] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace OUT (and the files of --report, --write-resolutions) when they exist.")] = False,
    fmt: FormatOpt = Format.text,
) -> None:
    """Merge variants of one agent into one file, deciding every conflict on purpose."""
    from .document import load
    from .linter import write_atomic
    from .merge import MergeError
    from .merge import merge as do_merge
    from .merge import resolutions as res_mod
    from .merge import show

    to_stderr = output == "-"

    def fail(message: str) -> None:
        sys.stderr.write(f"agentkit: error: {message}\n")
        raise typer.Exit(2)

    targets = [p for p in (output if output != "-" else None, report, write_resolutions) if p]
    if len(set(targets)) < len(targets):
        fail("-o, --report and --write-resolutions must name different files")
    for p in targets:
        if p in files:
            fail(f"{p}: is an input; write the merge elsewhere")
        if os.path.exists(p) and not force:
            fail(f"{p}: exists; give --force to replace it")
    for f in files:
        if not os.path.isfile(f):
            fail(f"{f}: no such file")
    decisions = None
    if resolutions is not None:
        try:
            with open(resolutions, encoding="utf-8") as fh:
                raw = fh.read()
        except OSError as exc:
            fail(f"{resolutions}: {exc.strerror or exc}")
        try:
            decisions = res_mod.load(raw, resolutions)
        except MergeError as exc:
            fail(str(exc))
    docs = [load(f) for f in files]
    try:
        result = do_merge(docs, prefer=prefer or (), resolutions=decisions, resolutions_name=resolutions or "resolutions", markers=markers, name=name, max_examples=max_examples)
    except MergeError as exc:
        fail(str(exc))
    for w in result.warnings:
        sys.stderr.write(f"agentkit: warning: {w}\n")
    if write_resolutions:
        write_atomic(write_resolutions, res_mod.template(result).encode("utf-8"))
    written = result.text is not None
    if written:
        assert result.text is not None
        if output == "-":
            sys.stdout.write(result.text)
            sys.stdout.flush()
        else:
            write_atomic(output, result.text.encode("utf-8"))
        if report:
            write_atomic(report, (json.dumps(result.report, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    if fmt is Format.json:
        stream = sys.stderr if to_stderr else sys.stdout
        stream.write(json.dumps(show.payload(result, output if written else None), indent=2, ensure_ascii=False) + "\n")
    else:
        lines: list[tuple[str, str]] = []
        if result.open and not written:
            lines += show.open_lines(result)
        else:
            where = "stdout" if output == "-" else output
            lines.append((f"{where}: {result.summary()}", "bold" if not result.open else "bold red"))
            if result.open:
                n = len(result.open)
                lines.append((f"{n} conflict{'s' if n != 1 else ''} left as markers: edit {where}, or decide with --prefer or --resolutions", "bold red"))
        if write_resolutions:
            lines.append((f"{write_resolutions}: {len(result.conflicts)} conflicts ({len(result.open)} open) written as a resolutions template", ""))
        _say(lines, to_stderr)
    raise typer.Exit(result.exit_code)


def main() -> None:
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("agentkit: interrupted\n")
        sys.exit(2)
    except Exception as exc:  # an internal error: exit 2 with a message, no traceback
        sys.stderr.write(f"agentkit: internal error: {type(exc).__name__}: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
