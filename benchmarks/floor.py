#!/usr/bin/env python3
"""The floor: the least any Python linter must do on a folder of agent files.

Walks the folder, reads every ``.md`` file, finds its frontmatter block and composes it
with libyaml (``yaml.compose`` with ``CSafeLoader``: a node tree with line and column
marks). No rule, no output. agentkit's speed targets are stated against this.

Usage: python benchmarks/floor.py FOLDER   (prints the number of files and nodes)
"""

from __future__ import annotations

import os
import sys

import yaml

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - libyaml missing
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def count(node: yaml.Node | None) -> int:
    if node is None:
        return 0
    if isinstance(node, yaml.MappingNode):
        return 1 + sum(count(k) + count(v) for k, v in node.value)
    if isinstance(node, yaml.SequenceNode):
        return 1 + sum(count(v) for v in node.value)
    return 1


def main(folder: str) -> None:
    files = nodes = 0
    for root, dirs, names in os.walk(folder):
        dirs.sort()
        for name in sorted(names):
            if not name.endswith(".md"):
                continue
            with open(os.path.join(root, name), "rb") as fh:
                text = fh.read().decode("utf-8", "replace")
            files += 1
            if not text.startswith("---"):
                continue
            end = text.find("\n---", 3)
            if end < 0:
                continue
            try:
                nodes += count(yaml.compose(text[3:end], Loader=Loader))
            except yaml.YAMLError:
                pass
    print(f"{files} files, {nodes} frontmatter nodes")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
