"""Target `factory`: a Factory custom droid, `.factory/droids/NAME.md`.

`name`, `description` (at most 500 characters: a longer one loses its
`<example>` blocks first, then is cut at a word boundary, and the warning says
what was cut), `model` (`inherit`, or a full Claude model id as is; an alias has
no fixed id), `reasoningEffort` from `effort` (low, medium, high; `xhigh` and
`max` are lowered to `high` with a warning), `tools` as Factory tool ids
(`factory.json`).

Source: https://docs.factory.ai/cli/configuration/custom-droids (droid files in
`.factory/droids/`, name of lowercase letters, digits, `-`, `_`, description up
to 500 characters, `model: inherit` or an id, `reasoningEffort`, tools as ids or
categories: read-only = Read, LS, Grep, Glob; edit = Create, Edit, ApplyPatch;
execute = Execute; web = WebSearch, FetchUrl).
"""

from __future__ import annotations

import re
from typing import Any

from .base import Agent, ExportError, ExportFile, ExportResult, Loss, base_notes, facts, map_model, map_tools, markdown, unsupported_fields
from .files import file_stem

TARGET = "factory"
LABEL = "Factory"
_EXAMPLE = re.compile(r"\s*<example>.*?</example>", re.DOTALL)
_EXAMPLES_HEAD = re.compile(r"\s*(?:\*\*)?Examples?:?(?:\*\*)?:?\s*(?:-\s*)?$", re.IGNORECASE)


def shorten(text: str, limit: int) -> tuple[str, str]:
    """Text of at most ``limit`` characters and a sentence saying what was cut ('' when nothing)."""
    if len(text) <= limit:
        return text, ""
    blocks = _EXAMPLE.findall(text)
    cut_parts = []
    short = text
    if blocks:
        short = _EXAMPLE.sub("", text).rstrip()
        short = re.sub(r"(?:\n\s*-\s*)+$", "", short).rstrip()
        short = _EXAMPLES_HEAD.sub("", short).rstrip() if _EXAMPLES_HEAD.search(short) else short
        cut_parts.append(f"{len(blocks)} <example> block{'s' if len(blocks) != 1 else ''}")
    if len(short) > limit:
        room = short[: limit - 1]
        space = room.rfind(" ")
        kept = (room[:space] if space > limit // 2 else room).rstrip()
        cut_parts.append(f"the text after {kept[-30:]!r} ({len(short) - len(kept):,} characters)")
        short = kept + "…"
    return short, f"cut from {len(text):,} to {len(short):,} characters: removed {' and '.join(cut_parts)}"


def export(agent: Agent) -> ExportResult:
    data = facts("factory")
    stem = file_stem(agent.name)
    if not re.fullmatch(data["name_pattern"], agent.name):
        raise ExportError(f"Factory requires names matching {data['name_pattern']}; {agent.name!r} does not")
    warnings = unsupported_fields(agent, TARGET, {"tools", "disallowedTools", "model", "effort"}, "Factory droids have no such field")
    description, cut = shorten(agent.description, data["max_description"])
    if cut:
        warnings.insert(0, Loss(TARGET, "`description`", f"{cut} (Factory allows {data['max_description']} characters)"))
    front: dict[str, Any] = {"name": agent.name, "description": description}
    model = map_model(agent, TARGET, data["models"], LABEL, warnings)
    front["model"] = model or "inherit"
    effort = agent.fields.get("effort")
    if effort is not None:
        key = str(effort).strip().lower()
        if key in data["reasoning_effort"]:
            front["reasoningEffort"] = data["reasoning_effort"][key]
        elif key in ("xhigh", "max"):
            front["reasoningEffort"] = "high"
            warnings.append(Loss(TARGET, f"`effort: {effort}`", "lowered to `high`, Factory's highest reasoning effort"))
        else:
            warnings.append(Loss(TARGET, f"`effort: {effort}`", "not exported: Factory takes low, medium or high"))
    tools, losses = map_tools(agent, TARGET, LABEL, data["tools"])
    warnings += losses
    if tools is not None:
        front["tools"] = tools
    return ExportResult(TARGET, agent.name, [ExportFile(f"{data['folder']}/{stem}.md", markdown(front, agent.prompt))], warnings, base_notes(agent))
