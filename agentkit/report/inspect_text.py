"""Human rendering of ``agentkit inspect``."""

from __future__ import annotations

import json
from typing import Any


def _short(value: Any, width: int = 100) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = text.replace("\n", "\\n")
    return text if len(text) <= width else text[: width - 3] + "..."


def render(p: dict[str, Any]) -> str:
    out = [
        f"{p['path']}",
        f"  agent: {p['agent']}",
        f"  strict YAML: {'yes' if p['strict_yaml'] else 'no'}    Claude Code parses: {'yes' if p['claude_code_parses'] else 'no'}    read by: {p['reader']}    encoding: {p['encoding']}",
        "",
        f"frontmatter ({len(p['frontmatter'])} fields)",
    ]
    for key, f in p["frontmatter"].items():
        out.append(f"  {f['line']}:{f['column']}  {key} = {_short(f['value'])}")
    out += ["", f"examples ({len(p['examples'])})"]
    for i, ex in enumerate(p["examples"], 1):
        out.append(f"  {i}. line {ex['line']}, column {ex['column']}")
        for part in ("context", "user"):
            if ex[part] is not None:
                out.append(f"     {part}: {_short(ex[part], 90)}")
        for turn in ex["assistant"]:
            out.append(f"     assistant: {_short(turn, 85)}")
        if ex["commentary"] is not None:
            out.append(f"     commentary: {_short(ex['commentary'], 84)}")
    kinds: dict[str, int] = {}
    for u in p["body"]:
        kinds[u["kind"]] = kinds.get(u["kind"], 0) + 1
    label = {"heading": "heading", "list_item": "list item", "paragraph": "paragraph", "code": "code block", "table_row": "table row"}
    out += ["", "body (" + ", ".join(f"{n} {label[k]}{'s' if n != 1 else ''}" for k, n in kinds.items()) + ")"]
    for u in p["body"]:
        if u["kind"] == "heading":
            out.append(f"  {u['line']:>4}  {'  ' * (u['level'] - 1)}{'#' * u['level']} {u['text']}")
        elif u["kind"] == "code" and not u["closed"]:
            out.append(f"  {u['line']:>4}  ``` unclosed code fence")
    return "\n".join(out) + "\n"
