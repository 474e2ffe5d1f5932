"""SARIF 2.1.0 (OASIS): rules with their documentation, results with fixes and related locations.

Columns count Unicode code points (``columnKind: unicodeCodePoints``) and end
columns are exclusive, as in agentkit's own positions. ``partialFingerprints``
carries the baseline fingerprint, which survives unrelated edits.
"""

from __future__ import annotations

import os
from typing import Any, Callable
from urllib.parse import quote

from .. import __version__
from ..baseline import fingerprint
from ..diagnostics import Diagnostic, Severity
from ..linter import Report
from ..rules import iter_rules

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
INFO_URI = "https://github.com/agentkit/agentkit"


def uri(path: str) -> str:
    """A URI reference for a path: relative paths stay relative (``/`` separated)."""
    if os.path.isabs(path):
        return "file://" + quote(path.replace(os.sep, "/"))
    return quote(path.replace(os.sep, "/"))


def _region(line: int, column: int, end_line: int | None = None, end_column: int | None = None) -> dict[str, int]:
    region = {"startLine": line, "startColumn": column}
    if end_line is not None and end_column is not None:
        region |= {"endLine": end_line, "endColumn": end_column}
    return region


def _fix(d: Diagnostic) -> list[dict[str, Any]]:
    if d.fix is None:
        return []
    replacements = []
    for e in d.fix.edits:
        if e.span is not None:
            deleted = _region(e.span.line, e.span.column, e.span.end_line, e.span.end_column)
        else:
            deleted = {"charOffset": e.start, "charLength": e.end - e.start}
        replacements.append({"deletedRegion": deleted, "insertedContent": {"text": e.content}})
    return [{
        "description": {"text": d.fix.message},
        "artifactChanges": [{"artifactLocation": {"uri": uri(d.path)}, "replacements": replacements}],
        "properties": {"applicability": d.fix.applicability.value},
    }]


def payload(report: Report, text_of: Callable[[str], str | None]) -> dict[str, Any]:
    rules = list(iter_rules())
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    root = os.getcwd()
    for d in report.diagnostics:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(d.path)}, "region": _region(d.span.line, d.span.column, d.span.end_line, d.span.end_column)}}],
            "partialFingerprints": {"agentkit/v1": fingerprint(d, text_of(d.path), root)},
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, "physicalLocation": {"artifactLocation": {"uri": uri(r.path)}, "region": _region(r.line, r.column)}, "message": {"text": r.message}}
                for i, r in enumerate(d.related, 1)
            ]
        fixes = _fix(d)
        if fixes:
            result["fixes"] = fixes
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "agentkit",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFO_URI,
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary},
                    "fullDescription": {"text": r.doc},
                    "help": {"text": r.doc, "markdown": r.doc},
                    "defaultConfiguration": {"level": LEVEL[r.severity]},
                    "properties": {"category": r.category, "fixable": r.fixable, **({"profiles": list(r.profiles)} if r.profiles else {})},
                } for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
