"""The resolutions file: YAML keyed by conflict id, one decision per conflict.

```yaml
frontmatter-model-d4cb97d8:
  keep: 2                      # a side number, or a side's path or path:line
c-0f3a9e12:
  text: "Use Postgres 16."     # your own wording replaces the first side; the others go
c-77be01d4:
  drop: true                   # every side goes
```

An entry with none of the three (``keep: null``) leaves its conflict open.
"""

from __future__ import annotations

from typing import Any

import yaml

from .model import Conflict, MergeError, MergeResult

_KEYS = {"keep", "text", "drop"}


def load(text: str, source: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise MergeError(f"{source}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise MergeError(f"{source}: expected a mapping of conflict ids to decisions")
    out: dict[str, Any] = {}
    for cid, entry in data.items():
        if entry is None:
            continue
        if not isinstance(entry, dict):
            raise MergeError(f"{source}: {cid}: expected a mapping with `keep`, `text` or `drop`")
        unknown = sorted(str(k) for k in entry if k not in _KEYS)
        if unknown:
            raise MergeError(f"{source}: {cid}: unknown key {', '.join(f'`{k}`' for k in unknown)} (use `keep`, `text` or `drop`)")
        out[str(cid)] = entry
    return out


def template(result: MergeResult) -> str:
    """A resolutions file listing every conflict; decided ones carry their decision."""
    lines = [
        f"# Resolutions for `agentkit merge` of `{result.name}` ({len(result.inputs)} files).",
        "# For each conflict, keep one side (`keep: 2`, or `keep: PATH` / `keep: PATH:LINE`),",
        "# write your own text (`text: \"...\"`), or drop every side (`drop: true`).",
        "# An entry left at `keep: null` stays open. Use it with: agentkit merge ... --resolutions FILE",
    ]
    for c in result.conflicts:
        lines += ["", f"{c.id}:"]
        lines.append(f"  # {c.kind}: {c.message}")
        for i, s in enumerate(c.sides, 1):
            lines.append(f"  # {i}: {s.shown()}")
            lines += [f"  #      {line}".rstrip() for line in s.text.split("\n")]
        lines.append(_decision(c))
    return "\n".join(lines) + "\n"


def _decision(c: Conflict) -> str:
    d = c.decision
    if d is None or d.how == "markers":
        return "  keep: null"
    note = "  # decided by the preference order (--prefer)" if d.how == "prefer" else ""
    if d.text is not None:
        return "  text: " + yaml.safe_dump(d.text, default_style='"', width=10**9, allow_unicode=True).strip().removesuffix("\n...")
    if not d.keep:
        return "  drop: true"
    side = c.sides[d.keep[0]]
    same_file = [s for s in c.sides if side.path in {s.path, *(p for _, p, _ in s.others)}]
    if len(d.keep) == 1 and len(same_file) > 1:
        return f"  keep: {side.where()}{note}"
    return f"  keep: {side.path}{note}"
