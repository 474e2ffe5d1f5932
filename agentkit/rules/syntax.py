"""AK0xx: reading the file — encoding, the frontmatter block, YAML."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from ..diagnostics import Applicability, Diagnostic, Edit, Fix, Related, Severity, apply_edits
from .base import Context, declare, rule

if TYPE_CHECKING:
    from ..document import AgentDocument

E, W = Severity.ERROR, Severity.WARNING

declare(
    "AK000",
    "unreadable-file",
    E,
    "syntax",
    """The file could not be read, or agentkit failed on it.

    ## What it does
    Reports a path that does not exist or cannot be read, and any internal error
    agentkit hit while checking a file (the other files are still checked).

    ## Why is this bad?
    Nothing in the file was checked.
    """,
)


@rule("AK001", "invalid-encoding", E, "syntax")
def invalid_encoding(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Bytes that are not valid in the file's encoding.

    ## What it does
    Reports each run of bytes that is not valid UTF-8 (or UTF-16, for a file with
    a UTF-16 byte order mark). agentkit reads them as U+FFFD and carries on.

    ## Why is this bad?
    Claude Code reads agent files as UTF-8: invalid bytes reach the model as
    replacement characters, and other tools refuse the file.

    ## Example
    A file saved as Windows-1252: `caf\\xe9` instead of the UTF-8 `caf\\xc3\\xa9`.

    ## Use instead
    Re-save the file as UTF-8.
    """
    for problem in doc.source.problems:
        shown = " ".join(f"0x{b:02X}" for b in problem.raw)
        hint = ""
        try:
            problem.raw.decode("cp1252")
            hint = " (was the file saved as Windows-1252?)" if problem.encoding.startswith("utf-8") else ""
        except UnicodeDecodeError:
            pass
        yield invalid_encoding.report(doc, problem.offset, problem.offset + 1, f"invalid {problem.encoding.upper().replace('-SIG', '')} byte sequence {shown}, read as U+FFFD{hint}")


@rule("AK002", "invalid-yaml", W, "syntax", fixable=True)
def invalid_yaml(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Frontmatter that strict YAML rejects but Claude Code still reads.

    ## What it does
    Reports frontmatter that a YAML parser rejects, when Claude Code's lenient
    reader still recovers it (it wraps a `key: value` line that holds `: ` or one
    of ``{}[]*&#!|>%@` `` in double quotes and parses again). The finding points
    at the character where strict YAML gives up.

    ## Why is this bad?
    Claude Code reads the agent as its author meant (so this is a warning, not
    an error), but everything else that reads the file — PyYAML,
    python-frontmatter, js-yaml, editors, CI linters, exporters — fails on it or
    reads something else. The
    commonest cause is a plain (unquoted) `description` that contains `: `, as in
    `Examples: <example>Context: …`.

    ## Example
    ```yaml
    description: Use this agent for APIs. Examples: <example>Context: …
    ```

    ## Use instead
    ```yaml
    description: |-
      Use this agent for APIs. Examples: <example>Context: …
    ```

    ## Fix safety
    Safe: the fix rewrites each value Claude Code quotes as a literal block
    scalar holding the same characters, and is offered only when strict YAML
    then reads exactly the values Claude Code reads.
    """
    fm = doc.frontmatter
    if fm.strict_problem is None or fm.stage != "runtime":
        return
    problem = fm.strict_problem
    why = _explain(problem.message)
    fix = _block_scalar_fix(doc)
    yield invalid_yaml.report(
        doc,
        problem.offset,
        problem.offset,
        f"strict YAML rejects the frontmatter: {problem.message}{why}. Claude Code reads it leniently, "
        "but PyYAML, python-frontmatter and other tools cannot",
        fix,
    )


_EXPLAIN = (
    ("mapping values are not allowed", " (a plain value cannot contain ': ')"),
    ("could not find expected ':'", " (a line is neither `key: value` nor an indented continuation)"),
    ("cannot start any token", " (a plain value cannot start with this character)"),
    ("found character '\\t'", " (tabs cannot indent YAML)"),
    ("found undefined alias", " (a plain value cannot start with '*')"),
)


def _explain(message: str) -> str:
    for needle, why in _EXPLAIN:
        if needle in message:
            return why
    return ""


def _block_scalar(value: str, indent: str, newline: str) -> str:
    lines = value.split("\n")
    indicator = "|-" if not lines[0].startswith(" ") else "|2-"
    return indicator + "".join(newline + (indent + line if line else "") for line in lines)


def _block_scalar_fix(doc: AgentDocument) -> Fix | None:
    import yaml
    from .. import yamlread

    fm = doc.frontmatter
    if not fm.quoted:
        return None
    newline = doc.source.newline()
    edits = tuple(
        Edit(q.value_start, q.value_end, _block_scalar(doc.text[q.value_start : q.value_end], "  ", newline))
        for q in fm.quoted
    )
    fixed = apply_edits(doc.text[fm.start : fm.end], tuple(Edit(e.start - fm.start, e.end - fm.start, e.content) for e in edits))
    try:
        if yamlread.parse(fixed) != fm.data:
            return None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    keys = ", ".join(f"`{q.key}`" for q in fm.quoted)
    return Fix(f"Rewrite {keys} as a literal block scalar (text unchanged)", edits)


@rule("AK003", "frontmatter-dropped", E, "syntax", fixable=True)
def frontmatter_dropped(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Frontmatter that Claude Code cannot read: the agent loads without it.

    ## What it does
    Reports frontmatter that fails even Claude Code's lenient reader. agentkit
    still recovers the top-level `key: value` lines so the other checks run.

    ## Why is this bad?
    At runtime the agent loads with its name taken from the file name and every
    other field — description, tools, model — silently dropped (in a project's
    `.claude/agents/` it may not load at all). The commonest cause is a
    multi-line description whose continuation lines are not indented.

    Claude Code's parser is also stricter than PyYAML in one way real files
    trip over: every continuation line of a multi-line quoted value must be
    indented past the block that holds it. Such a file is valid for PyYAML (and
    so for most linters) while Claude Code drops its whole frontmatter.

    ## Use instead
    Indent continuation lines, or use a literal block scalar (`description: |-`).

    ## Fix safety
    Safe, for under-indented continuation lines of quoted values: the fix
    indents them, which does not change the value (YAML folds the leading
    spaces away); it is offered only when agentkit then reads the same values
    and Claude Code parses the block.

    Unsafe, for a value whose continuation lines start at column 0: the fix
    indents them (or, if that is not enough, makes the value a literal block
    scalar). Claude Code then reads the fields it dropped before, so the agent
    behaves differently: review the result.
    """
    from ..frontmatter import runtime_parses

    fm = doc.frontmatter
    if not fm.present or fm.claude_code_parses or not fm.closed:
        return
    if fm.runtime_end is not None:
        return  # AK007 explains it
    if fm.not_mapping is not None:
        return  # AK005 explains it
    problem = fm.runtime_problem or fm.strict_problem
    where = problem.offset if problem else fm.start
    reason = f": {problem.message}{_explain(problem.message)}" if problem else ""
    also = " (strict YAML accepts it, so most other tools will not warn)" if fm.strict_yaml else ""
    if "\r\n" in fm.text and runtime_parses(fm.text.replace("\r\n", "\n"))[0]:
        also = " (its lenient fallback would read it, but not on lines ending in CRLF)"
    yield frontmatter_dropped.report(
        doc,
        where,
        where,
        f"Claude Code cannot parse this frontmatter{reason}{also}; at runtime the agent loads with its name "
        "taken from the file name and every other field dropped",
        _indent_fix(doc) or _continuation_fix(doc),
    )


def _verified(doc: AgentDocument, edits: tuple[Edit, ...]) -> bool:
    """Do strict YAML and Claude Code both read the frontmatter once ``edits`` are applied?"""
    import yaml
    from .. import yamlread
    from ..frontmatter import runtime_parses

    fm = doc.frontmatter
    fixed = apply_edits(doc.text[fm.start : fm.end], tuple(Edit(e.start - fm.start, e.end - fm.start, e.content) for e in edits))
    try:
        return isinstance(yamlread.parse(fixed), dict) and runtime_parses(fixed)[0]
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return False


def _continuation_fix(doc: AgentDocument) -> Fix | None:
    """For a value whose continuation lines start at column 0: indent them, or failing
    that make the value a literal block scalar. Unsafe: Claude Code reads the block
    differently afterwards (it reads it at all)."""
    fm = doc.frontmatter
    if fm.stage != "recovered":
        return None
    text = doc.text
    indents: list[Edit] = []
    blocks: list[Edit] = []
    keys: list[str] = []
    for f in fm.fields.values():
        first_break = text.find("\n", f.value_start, f.value_end)
        if first_break < 0:
            continue
        keys.append(f"`{f.key}`")
        pos = first_break + 1
        while pos < f.value_end:
            nxt = text.find("\n", pos)
            nxt = f.value_end if nxt < 0 or nxt > f.value_end else nxt
            line = text[pos:nxt].rstrip("\r")
            if line.strip() and not line.startswith((" ", "\t")):
                indents.append(Edit(pos, pos, "  "))
            pos = nxt + 1
        lines = text[f.value_start : f.value_end].replace("\r\n", "\n").split("\n")
        blocks.append(Edit(f.value_start, f.value_end, _block_scalar("\n".join(line.strip() for line in lines), "  ", doc.source.newline())))
    if not keys:
        return None
    for edits, how in ((tuple(indents), "Indent the continuation lines of"), (tuple(blocks), "Rewrite as literal block scalars")):
        if edits and _verified(doc, edits):
            return Fix(f"{how} {', '.join(keys)}", edits, Applicability.UNSAFE)
    return None


def _indent_fix(doc: AgentDocument) -> Fix | None:
    """Indent the continuation lines Claude Code's parser rejects, if that is all that is wrong."""
    import yaml
    from .. import yamlread
    from ..frontmatter import runtime_parses

    fm = doc.frontmatter
    if not fm.strict_yaml or fm.root is None or fm.mapper is None:
        return None
    lines = list(yamlread.under_indented_lines(fm.root, fm.text))
    if not lines:
        return None
    edits = []
    for line, spaces, block_indent in lines:
        at = fm.mapper.offset(yaml.Mark("", 0, line, 0, None, None))
        edits.append(Edit(at, at, " " * (block_indent + 2 - spaces)))
    fixed = apply_edits(doc.text[fm.start : fm.end], tuple(Edit(e.start - fm.start, e.end - fm.start, e.content) for e in edits))
    try:
        if yamlread.parse(fixed) != fm.data or not runtime_parses(fixed)[0]:
            return None
    except (yaml.YAMLError, RecursionError, ValueError, TypeError):
        return None
    n = len(edits)
    return Fix(f"Indent {n} continuation line{'s' if n != 1 else ''} past the enclosing block", tuple(edits))


@rule("AK004", "missing-frontmatter", E, "syntax")
def missing_frontmatter(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A file without a frontmatter block, or one that is never closed.

    ## What it does
    Reports an agent file whose first line is not `---`, or whose `---` block has
    no closing `---` line.

    ## Why is this bad?
    Claude Code needs the frontmatter for the agent's name and description;
    without it the file is not a usable agent.

    ## Example
    A blank first line, or an indented `---`, hides the block from every reader.
    """
    fm = doc.frontmatter
    if doc.read_error is not None:
        return
    if not fm.present:
        m = re.match(r"(?:[ \t]*\r?\n)*([ \t]*)---[ \t]*(?:\r?\n|$)", doc.text)
        if m:
            yield missing_frontmatter.report(doc, m.start(1), m.end(1) + 3, "the frontmatter must start on the first line, at column 1: Claude Code ignores a block after blank lines or indentation")
        else:
            yield missing_frontmatter.report(doc, 0, 0, "no frontmatter: an agent file starts with a `---` line, then `name:` and `description:`, then `---`")
    elif not fm.closed:
        yield missing_frontmatter.report(doc, 0, 3, "the frontmatter opened on line 1 is never closed with a `---` line")


@rule("AK005", "frontmatter-not-mapping", E, "syntax")
def frontmatter_not_mapping(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Frontmatter that is valid YAML but not a `key: value` mapping.

    ## Why is this bad?
    Claude Code needs a mapping; a list or a lone value loads as no fields at all.
    """
    fm = doc.frontmatter
    if fm.not_mapping is not None:
        kind = _KINDS.get(fm.not_mapping, f"a {fm.not_mapping}")
        yield frontmatter_not_mapping.report(doc, fm.start, fm.end, f"the frontmatter is {kind}, not a mapping of `key: value` fields")


_KINDS = {"str": "a string", "int": "a number", "float": "a number", "bool": "true or false", "list": "a list", "null": "null"}


@rule("AK006", "frontmatter-delimiter", W, "syntax", fixable=True)
def frontmatter_delimiter(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """A frontmatter closed by a line of more than three dashes.

    ## Why is this bad?
    Claude Code ends the block at the first three dashes and passes the rest of
    the line into the prompt; most other readers do not see a closed block at all.

    ## Fix safety
    Safe: the line becomes `---`.
    """
    fm = doc.frontmatter
    if fm.closed and fm.close_marker != "---":
        line_end = fm.close_start + len(doc.text[fm.close_start : fm.close_end].rstrip("\r\n"))
        yield frontmatter_delimiter.report(
            doc,
            fm.close_start,
            line_end,
            f"the frontmatter is closed by `{fm.close_marker}`; use `---`",
            Fix("Replace the closing line with `---`", (Edit(fm.close_start, line_end, "---"),)),
        )


@rule("AK007", "frontmatter-ends-early", E, "syntax")
def frontmatter_ends_early(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """`---` inside the frontmatter, where Claude Code ends the block.

    ## What it does
    Claude Code ends the frontmatter at the first `---` after the opening line,
    even in the middle of a value. This reports that place when it comes before
    the real closing line.

    ## Why is this bad?
    Claude Code reads a truncated frontmatter: the fields after that point are
    lost, and the rest of the block is read as part of the prompt.

    ## Use instead
    Avoid `---` inside values (write `—` or `- - -`).
    """
    fm = doc.frontmatter
    if fm.runtime_end is not None:
        verdict = "and then cannot parse what comes before it" if not fm.claude_code_parses else "and reads the rest as prompt"
        yield frontmatter_ends_early.report(doc, fm.runtime_end, fm.runtime_end + 3, f"Claude Code ends the frontmatter at this `---`, {verdict}")


@rule("AK008", "duplicate-key", E, "syntax")
def duplicate_key(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """The same frontmatter key twice.

    ## Why is this bad?
    Claude Code keeps the last value and silently drops the first, so part of
    what the author wrote is ignored; many YAML tools reject the file.
    """
    for first, later in doc.frontmatter.duplicates:
        pos = doc.span(first.key_start)
        yield duplicate_key.report(
            doc,
            later.key_start,
            later.key_end,
            f"`{later.key}` is set again (first on line {pos.line}); Claude Code keeps this value and drops the first",
            related=(Related(doc.path, pos.line, pos.column, f"first `{first.key}`"),),
        )


declare(
    "AK009",
    "invalid-type",
    E,
    "schema",
    """A frontmatter value of the wrong type.

    ## What it does
    Checks each field against `schema/agent.schema.json`: `tools` a string or a
    list of strings, `maxTurns` an integer, `background` a boolean, and so on.

    ## Why is this bad?
    Claude Code ignores or misreads a value of the wrong type.
    """,
)


@lru_cache(maxsize=1)
def _mojibake_tables() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]]:
    """(pair pattern, run pattern, byte of each character), made when a file that is not
    ASCII is first checked (the cp1252 codec and the tables: ~0.7 ms of every start-up)."""
    # Characters a cp1252 or Latin-1 reader makes of the bytes 0x80-0xFF.
    cp1252_high = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
    chars = "".join(sorted(set(cp1252_high) | {chr(c) for c in range(0x80, 0x100)}))
    run = re.compile("[" + re.escape(chars) + "]{2,}")
    # A UTF-8 lead byte (0xC2-0xF4) read as cp1252, then a continuation byte (0x80-0xBF) read as cp1252.
    continuation = "".join(sorted({bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xC0)}))
    pair = re.compile("[\u00c2-\u00f4][" + re.escape(continuation) + "]")
    byte_of = {ch: ch.encode("cp1252")[0] for ch in cp1252_high}
    byte_of.update({chr(c): c for c in range(0x80, 0xA0) if chr(c) not in byte_of})
    byte_of.update({chr(c): c for c in range(0xA0, 0x100)})
    return pair, run, byte_of


def _mojibake(run: str) -> list[tuple[int, int, str]]:
    """(start, end, repaired) for each stretch of ``run`` that is UTF-8 read as cp1252."""
    byte_of = _mojibake_tables()[2]
    data = bytes(byte_of[ch] for ch in run)
    out: list[tuple[int, int, str]] = []
    i = 0
    while i < len(data):
        b = data[i]
        need = 1 if 0xC2 <= b <= 0xDF else 2 if 0xE0 <= b <= 0xEF else 3 if 0xF0 <= b <= 0xF4 else 0
        if need and i + need < len(data) and all(0x80 <= x <= 0xBF for x in data[i + 1 : i + 1 + need]):
            try:
                ch = data[i : i + 1 + need].decode("utf-8")
            except UnicodeDecodeError:
                i += 1
                continue
            if out and out[-1][1] == i:
                s, _, text = out[-1]
                out[-1] = (s, i + 1 + need, text + ch)
            else:
                out.append((i, i + 1 + need, ch))
            i += 1 + need
        else:
            i += 1
    return out


@rule("AK010", "mojibake", W, "style", fixable=True)
def mojibake(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """UTF-8 text that was once decoded as Windows-1252 (mojibake).

    ## What it does
    Finds character runs such as `â€”` or `Ã©` that are the UTF-8 bytes of one
    character read as Windows-1252, and repairs them.

    ## Why is this bad?
    The model reads `featuresâ€”you` instead of `features—you`: noise in the
    prompt, and a sign the file went through a wrong encoding.

    ## Fix safety
    Safe: each run is replaced by the character its bytes encode.
    """
    if doc.text.isascii():
        return
    pair, run, _ = _mojibake_tables()
    if not pair.search(doc.text):
        return
    for m in run.finditer(doc.text):
        for start, end, repaired in _mojibake(m.group()):
            a, b = m.start() + start, m.start() + end
            bad = doc.text[a:b]
            yield mojibake.report(
                doc,
                a,
                b,
                f"mojibake `{bad}`: UTF-8 for `{repaired}` read as Windows-1252",
                Fix(f"Replace `{bad}` with `{repaired}`", (Edit(a, b, repaired),)),
            )


declare(
    "AK020",
    "file-too-large",
    E,
    "syntax",
    """A file larger than the size limit (10 MiB unless `--max-file-size` says otherwise).

    ## What it does
    Reports a file with more bytes than the limit. agentkit reads no more of it
    than the limit and checks nothing else in it.

    ## Why is this bad?
    No real agent file comes near the limit (the largest public agents are under
    100 KB): a file this large is generated output, a log or a mistake, and
    Claude Code would send all of it to the model as the agent's prompt, far past
    any context window.

    ## Use instead
    Keep agent files small; raise `--max-file-size` if a large file is intended.
    """,
)


@rule("AK021", "frontmatter-too-complex", E, "syntax")
def frontmatter_too_complex(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Frontmatter nested deeper, or with more values, than agentkit reads.

    ## What it does
    Reports the first list or mapping nested more than 100 levels deep (`--max-depth`),
    the first value past 200,000 values, and an alias that repeats the list or
    mapping it stands in. Aliases count as every value they repeat, so a
    "billion laughs" block of aliases of aliases is caught before it is expanded.
    agentkit reads what lies beyond as null and checks the rest of the file.

    ## Why is this bad?
    Agent frontmatter is a handful of flat fields. Structure this deep or this
    large is an attack on the tools that read the file (it exhausts their stack
    or memory) or the output of a broken generator; either way Claude Code gets
    nothing useful from it.

    ## Example
    ```yaml
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ```

    ## Use instead
    Plain, shallow `key: value` fields.
    """
    problem = doc.frontmatter.limited
    if problem is not None:
        yield frontmatter_too_complex.report(doc, problem.offset, problem.offset, f"the frontmatter {problem.message}: agentkit reads what lies beyond as null")
