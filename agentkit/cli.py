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
from .fastcli import guarded, run_fast, _run
from .limits import DEFAULT_LIMITS, MAX_DEPTH_CEILING

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
    concise = "concise"
    grouped = "grouped"
    json = "json"
    sarif = "sarif"
    github = "github"


class InspectFormat(str, Enum):
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


PathsArg = Annotated[Optional[list[str]], typer.Argument(help="Files or folders (default: the current folder); `-` reads stdin.", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", help="Output format.")]
ProfileOpt = Annotated[Optional[Profile], typer.Option("--profile", help="Which conventions to check: the official docs, plugin agents, or plugin-dev's stricter rules (default: the configuration's, else claude-code).", show_default=False)]
SelectOpt = Annotated[Optional[str], typer.Option("--select", help="Comma-separated codes, prefixes or rule names to enable (replaces the configuration's), e.g. AK1,AK201.")]
IgnoreOpt = Annotated[Optional[str], typer.Option("--ignore", help="Comma-separated codes, prefixes or rule names to disable, e.g. AK107.")]
ExtendSelectOpt = Annotated[Optional[str], typer.Option("--extend-select", help="Comma-separated codes, prefixes or rule names to enable on top of the selection.")]
ConfigOpt = Annotated[Optional[str], typer.Option("--config", help="Use this configuration file (pyproject.toml, agentkit.toml) instead of searching for one.", show_default=False)]
IsolatedOpt = Annotated[bool, typer.Option("--isolated", help="Ignore every configuration file.")]
ExcludeOpt = Annotated[Optional[str], typer.Option("--exclude", help="Comma-separated globs to skip (replaces the configuration's `exclude`).", show_default=False)]
ExtendExcludeOpt = Annotated[Optional[str], typer.Option("--extend-exclude", help="Comma-separated globs to skip on top of `exclude`.", show_default=False)]
ForceExcludeOpt = Annotated[bool, typer.Option("--force-exclude", help="Apply `exclude` to files named on the command line too (for pre-commit).")]
StdinFilenameOpt = Annotated[Optional[str], typer.Option("--stdin-filename", help="Read the text from stdin and check it as this path.", show_default=False)]
BaselineOpt = Annotated[Optional[str], typer.Option("--baseline", help="Leave out the findings recorded in this baseline file.", show_default=False)]
WriteBaselineOpt = Annotated[Optional[str], typer.Option("--write-baseline", help="Record every finding in this baseline file and exit 0.", show_default=False)]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", help="Write the output to this file instead of stdout.", show_default=False)]
StatisticsOpt = Annotated[bool, typer.Option("--statistics", help="Print counts per code instead of the findings.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print the findings only: no summary.")]
ExitZeroOpt = Annotated[bool, typer.Option("--exit-zero", help="Exit 0 even when error findings remain (2 still means a usage or internal error).")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Also list the Markdown files found but not checked, and why (on stderr).")]
MaxFileSizeOpt = Annotated[int, typer.Option("--max-file-size", min=0, metavar="BYTES", help="Report larger files (AK020) instead of reading them.")]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Check every file again instead of reusing the results of unchanged files (also AGENTKIT_NO_CACHE=1).")]
CacheDirOpt = Annotated[Optional[str], typer.Option("--cache-dir", metavar="DIR", help="Where results are cached (default: $AGENTKIT_CACHE_DIR, else ~/.cache/agentkit).", show_default=False)]
MaxDepthOpt = Annotated[int, typer.Option("--max-depth", min=1, max=MAX_DEPTH_CEILING, metavar="LEVELS", help="Read frontmatter nested at most this deep (AK021).")]


@app.command()
def lint(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.text,
    profile: ProfileOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendSelectOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    fix: Annotated[bool, typer.Option("--fix", help="Apply safe fixes in place (atomic writes).")] = False,
    unsafe_fixes: Annotated[bool, typer.Option("--unsafe-fixes", help="Apply safe and unsafe fixes in place.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print what --fix would change as a unified diff; write nothing; exit 1 if anything would change.")] = False,
    show_fixes: Annotated[bool, typer.Option("--show-fixes", help="List the fixes applied (with --fix) or available.")] = False,
    stdin_filename: StdinFilenameOpt = None,
    baseline: BaselineOpt = None,
    write_baseline: WriteBaselineOpt = None,
    output: OutputOpt = None,
    statistics: StatisticsOpt = False,
    quiet: QuietOpt = False,
    exit_zero: ExitZeroOpt = False,
    verbose: VerboseOpt = False,
    max_file_size: MaxFileSizeOpt = DEFAULT_LIMITS.max_file_size,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Run every check on agent files."""
    raise typer.Exit(_run(**locals()))


@app.command()
def validate(
    paths: PathsArg = None,
    fmt: FormatOpt = Format.text,
    profile: ProfileOpt = None,
    select: SelectOpt = None,
    ignore: IgnoreOpt = None,
    extend_select: ExtendSelectOpt = None,
    config: ConfigOpt = None,
    isolated: IsolatedOpt = False,
    exclude: ExcludeOpt = None,
    extend_exclude: ExtendExcludeOpt = None,
    force_exclude: ForceExcludeOpt = False,
    stdin_filename: StdinFilenameOpt = None,
    baseline: BaselineOpt = None,
    output: OutputOpt = None,
    statistics: StatisticsOpt = False,
    quiet: QuietOpt = False,
    exit_zero: ExitZeroOpt = False,
    verbose: VerboseOpt = False,
    max_file_size: MaxFileSizeOpt = DEFAULT_LIMITS.max_file_size,
    max_depth: MaxDepthOpt = DEFAULT_LIMITS.max_depth,
    no_cache: NoCacheOpt = False,
    cache_dir: CacheDirOpt = None,
) -> None:
    """Only the syntax, schema and example checks: a fast CI gate."""
    from .linter import VALIDATE_CATEGORIES

    raise typer.Exit(_run(**{k: v for k, v in locals().items() if k != "VALIDATE_CATEGORIES"}, categories=VALIDATE_CATEGORIES))


@app.command()
def inspect(
    file: Annotated[str, typer.Argument(help="One agent file.")],
    fmt: Annotated[InspectFormat, typer.Option("--format", help="Output format.")] = InspectFormat.text,
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
    if fmt is InspectFormat.json:
        sys.stdout.write(json_format.dumps(payload, indent=2) + "\n")
    else:
        sys.stdout.write(inspect_text.render(payload))
    raise typer.Exit(0)


class Target(str, Enum):
    claude = "claude"
    sdk = "sdk"
    plugin = "plugin"
    opencode = "opencode"
    copilot = "copilot"
    gemini = "gemini"
    codex = "codex"
    qwen = "qwen"
    factory = "factory"
    cursor = "cursor"


@app.command("export")
def export_cmd(
    paths: Annotated[list[str], typer.Argument(help="Agent files or folders (a folder exports every agent in it).", show_default=False)],
    to: Annotated[Target, typer.Option("--to", help="Target format.", show_default=False)],
    out: Annotated[str, typer.Option("-o", "--output", help="Output folder, or '-' to print a single-file target.", show_default=False)],
    fmt: FormatOpt = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything cannot be represented in the target.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    plugin_name: Annotated[Optional[str], typer.Option("--plugin-name", help="Plugin name for --to plugin (default: the agent name, or the output folder's name for several agents).")] = None,
) -> None:
    """Export agents to Claude Code, the Agent SDK, a plugin or another agent tool; every loss is reported."""
    from .export.run import export_paths
    from .report import export_format, json_format

    run = export_paths(paths, to.value, out, force, plugin_name)
    if fmt is Format.json:
        sys.stdout.write(json_format.dumps(export_format.payload(run), indent=2) + "\n")
    else:
        if run.printed is not None:
            sys.stdout.buffer.write(run.printed)
            sys.stdout.flush()
        stream = sys.stderr if out == "-" else sys.stdout
        for line in export_format.text_lines(run):
            stream.write(line + "\n")
    raise typer.Exit(run.exit_code(strict))


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
    from .fsutil import write_atomic
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
            lines += show.tool_notes(result)
            if result.open:
                n = len(result.open)
                lines.append((f"{n} conflict{'s' if n != 1 else ''} left as markers: edit {where}, or decide with --prefer or --resolutions", "bold red"))
        if write_resolutions:
            lines.append((f"{write_resolutions}: {len(result.conflicts)} conflicts ({len(result.open)} open) written as a resolutions template", ""))
        _say(lines, to_stderr)
    raise typer.Exit(result.exit_code)


@app.command("diff")
def diff_cmd(
    a: Annotated[str, typer.Argument(help="The first variant.", show_default=False)],
    b: Annotated[str, typer.Argument(help="The second variant.", show_default=False)],
    fmt: FormatOpt = Format.text,
) -> None:
    """Show how two variants of an agent differ, section by section (exit 1 when they do)."""
    from .document import load
    from .merge.diff import diff, payload, text_lines

    for f in (a, b):
        if not os.path.isfile(f):
            sys.stderr.write(f"agentkit: error: {f}: no such file\n")
            raise typer.Exit(2)
    docs = [load(a), load(b)]
    for d in docs:
        if d.read_error:
            sys.stderr.write(f"agentkit: error: {d.path}: {d.read_error}\n")
            raise typer.Exit(2)
    result = diff(docs[0], docs[1])
    if fmt is Format.json:
        sys.stdout.write(json.dumps(payload(result), indent=2, ensure_ascii=False) + "\n")
    else:
        _say(text_lines(result), False)
    raise typer.Exit(1 if result.differs else 0)


class ConflictsFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("conflicts")
def conflicts_cmd(
    paths: PathsArg = None,
    fmt: Annotated[ConflictsFormat, typer.Option("--format", help="Output format.")] = ConflictsFormat.text,
    duplicates: Annotated[bool, typer.Option("--duplicates", help="Also list repeated instructions (AK508).")] = False,
) -> None:
    """List conflicting instructions, inside each file and across files that share a `name`, grouped by topic."""
    from .conflicts import conflicts
    from .linter import load_paths
    from .report import conflicts_format

    docs, problems = load_paths(paths or ["."])
    found = [c for c in conflicts(docs) if duplicates or c.kind != "duplicate"]
    if fmt is ConflictsFormat.json:
        sys.stdout.write(json.dumps(conflicts_format.payload(found, len(docs)), ensure_ascii=False) + "\n")
    else:
        sys.stdout.write("\n".join(conflicts_format.text_lines(found, len(docs))) + "\n")
    for problem in problems:
        sys.stderr.write(f"agentkit: error: {problem}\n")
    raise typer.Exit(2 if problems else 1 if any(c.severity.value == "error" for c in found) else 0)


def main() -> None:
    """The ``agentkit`` command: the common lint and validate calls without typer, the rest with it."""
    guarded(lambda: _main(sys.argv[1:]))


def _main(argv: list[str]) -> None:
    code = run_fast(argv)
    if code is None:
        app()  # exits
    else:
        sys.exit(code)


if __name__ == "__main__":
    main()
