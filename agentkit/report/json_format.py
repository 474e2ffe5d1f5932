"""The JSON contract (version 1). CI tools parse it: change it only by adding keys."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Iterator

from ..diagnostics import Applicability, Diagnostic, Severity, Span
from ..linter import Report

if TYPE_CHECKING:
    from ..document import AgentDocument

VERSION = 1


def _fix(d: Diagnostic) -> dict[str, Any] | None:
    if d.fix is None:
        return None
    edits = []
    for e in d.fix.edits:
        where = _where(e.span) if e.span is not None else {"line": None, "column": None, "end_line": None, "end_column": None}
        edits.append({**where, "content": e.content})
    return {"message": d.fix.message, "applicability": d.fix.applicability.value, "edits": edits}


def diagnostic(d: Diagnostic) -> dict[str, Any]:
    return {
        "path": d.path,
        "line": d.span.line,
        "column": d.span.column,
        "end_line": d.span.end_line,
        "end_column": d.span.end_column,
        "code": d.code,
        "name": d.name,
        "severity": d.severity.value,
        "category": d.category,
        "message": d.message,
        "fix": _fix(d),
        "related": [{"path": r.path, "line": r.line, "column": r.column, "message": r.message} for r in d.related],
        "id": d.id,
    }


def lint_payload(report: Report) -> dict[str, Any]:
    return {
        "version": VERSION,
        "files": [
            {"path": f.path, "agent": f.agent, "registered": f.registered, "strict_yaml": f.strict_yaml, "claude_code_parses": f.claude_code_parses}
            for f in report.files
        ],
        "diagnostics": [diagnostic(d) for d in report.diagnostics],
        "summary": {
            "files": len(report.files),
            "errors": report.count(Severity.ERROR),
            "warnings": report.count(Severity.WARNING),
            "infos": report.count(Severity.INFO),
        },
    }


CHUNK = 1000  # findings encoded together: the output is written piece by piece


def lint_chunks(report: Report, statistics: list[dict[str, Any]] | None = None) -> Iterator[str]:
    """:func:`lint_payload` (plus ``statistics``) as JSON, the same text as
    ``dumps(payload)``, made piece by piece (at most :data:`CHUNK` findings each):
    no run holds every finding's mapping, or the whole text, at once."""
    files = [
        {"path": f.path, "agent": f.agent, "registered": f.registered, "strict_yaml": f.strict_yaml, "claude_code_parses": f.claude_code_parses}
        for f in report.files
    ]
    yield '{"version": ' + dumps(VERSION) + ', "files": ' + dumps(files) + ', "diagnostics": ['
    del files
    ds = report.diagnostics
    seen: dict[str, str] = {}  # paths, codes, names… repeat: each is encoded once
    for i in range(0, len(ds), CHUNK):
        yield (", " if i else "") + ", ".join([_encoded(d, seen) for d in ds[i : i + CHUNK]])
    summary = {"files": len(report.files), "errors": report.count(Severity.ERROR), "warnings": report.count(Severity.WARNING), "infos": report.count(Severity.INFO)}
    yield '], "summary": ' + dumps(summary) + ("" if statistics is None else ', "statistics": ' + dumps(statistics)) + "}"


_string = json.encoder.encode_basestring  # (the C encoder json.dumps uses with ensure_ascii=False)


def _encoded(d: Diagnostic, seen: dict[str, str]) -> str:
    """``dumps(diagnostic(d))``, the same text, without building the mapping. A
    finding whose fields are not all of the exact types the template writes is
    encoded through the mapping."""
    try:
        return _template(d, seen)
    except (_Unusual, TypeError, AttributeError):
        return dumps(diagnostic(d))


class _Unusual(Exception):
    pass


def _str(v: object) -> str:
    if type(v) is not str:
        raise _Unusual
    return _string(v)


def _int(v: object) -> int:
    if type(v) is not int:
        raise _Unusual
    return v  # type: ignore[return-value]


_SEVERITY_TEXT = ((Severity.ERROR, "error"), (Severity.WARNING, "warning"), (Severity.INFO, "info"))


def _template(d: Diagnostic, seen: dict[str, str]) -> str:
    span, fix = d.span, d.fix
    rel = []
    for r in d.related:
        path = seen.get(r.path) or seen.setdefault(r.path, _str(r.path))
        rel.append(f'{{"path": {path}, "line": {_int(r.line)}, "column": {_int(r.column)}, "message": {_str(r.message)}}}')
    if fix is None:
        fixed = "null"
    else:
        edits = []
        for e in fix.edits:
            sp = e.span
            where = (
                '"line": null, "column": null, "end_line": null, "end_column": null'
                if sp is None
                else f'"line": {_int(sp.line)}, "column": {_int(sp.column)}, "end_line": {_int(sp.end_line)}, "end_column": {_int(sp.end_column)}'
            )
            edits.append(f'{{{where}, "content": {_str(e.content)}}}')
        if type(fix.applicability) is not Applicability:
            raise _Unusual
        fixed = f'{{"message": {_str(fix.message)}, "applicability": "{fix.applicability.value}", "edits": [{", ".join(edits)}]}}'
    # (what _str, _int and the severity's value give, inline: this runs once per finding)
    severity = d.severity
    for member, text in _SEVERITY_TEXT:
        if severity is member:
            break
    else:
        raise _Unusual
    line, column, end_line, end_column = span.line, span.column, span.end_line, span.end_column
    if type(line) is not int or type(column) is not int or type(end_line) is not int or type(end_column) is not int:
        raise _Unusual
    path = seen.get(d.path) or seen.setdefault(d.path, _str(d.path))
    code = seen.get(d.code) or seen.setdefault(d.code, _str(d.code))
    name = seen.get(d.name) or seen.setdefault(d.name, _str(d.name))
    category = seen.get(d.category) or seen.setdefault(d.category, _str(d.category))
    message = d.message
    if type(message) is not str:
        raise _Unusual
    ident = d.id
    return (
        f'{{"path": {path}, "line": {line}, "column": {column}, "end_line": {end_line}, '
        f'"end_column": {end_column}, "code": {code}, "name": {name}, "severity": "{text}", '
        f'"category": {category}, "message": {_string(message)}, "fix": {fixed}, "related": [{", ".join(rel)}], '
        f'"id": {"null" if ident is None else _str(ident)}}}'
    )


def statistics(report: Report) -> list[dict[str, Any]]:
    """Counts per code, most frequent first (``--statistics`` with ``--format json``)."""
    counts: dict[str, list[Diagnostic]] = {}
    for d in report.diagnostics:
        counts.setdefault(d.code, []).append(d)
    return [
        {"code": code, "name": ds[0].name, "count": len(ds), "fixable": any(d.fix is not None for d in ds)}
        for code, ds in sorted(counts.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _where(span: Span) -> dict[str, int]:
    return {"line": span.line, "column": span.column, "end_line": span.end_line, "end_column": span.end_column}


def inspect_payload(doc: AgentDocument) -> dict[str, Any]:
    fm = doc.frontmatter
    frontmatter = {}
    for key, f in fm.fields.items():
        a, b = doc.span(f.key_start), doc.span(f.value_start, f.value_end)
        frontmatter[key] = {
            "value": _jsonable(f.value),
            "line": a.line,
            "column": a.column,
            "value_line": b.line,
            "value_column": b.column,
            "value_end_line": b.end_line,
            "value_end_column": b.end_column,
            "style": f.style,
        }
    examples = [
        {"context": ex.context, "user": ex.user, "assistant": list(ex.assistant), "commentary": ex.commentary, **_where(doc.span(ex.start, ex.end))}
        for ex in doc.examples
    ]
    body = []
    for u in doc.body:
        unit: dict[str, Any] = {"kind": u.kind, "text": u.text, **_where(doc.span(u.start, u.end)), "section": list(u.section)}
        if u.kind == "heading":
            unit["level"] = u.level
        if u.kind == "code":
            unit["info"] = u.info
            unit["closed"] = u.closed
        body.append(unit)
    return {
        "path": doc.path,
        "agent": doc.name,
        "strict_yaml": doc.strict_yaml,
        "claude_code_parses": doc.claude_code_parses,
        "reader": fm.stage,
        "encoding": doc.source.encoding,
        "frontmatter": frontmatter,
        "examples": examples,
        "body": body,
    }


def dumps(payload: Any, indent: int | None = None) -> str:
    """Compact by default (the fast C encoder); ``indent`` for people."""
    return json.dumps(payload, ensure_ascii=False, indent=indent)
