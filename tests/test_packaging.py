"""The package description names only commands that exist."""

from __future__ import annotations

import re
import tomllib

from conftest import ROOT

from agentkit.cli import app

VERBS = {"load": None, "validate": "validate", "lint": "lint", "merge": "merge", "export": "export", "diff": "diff", "conflicts": "conflicts", "inspect": "inspect"}


def test_description_advertises_only_commands_that_exist() -> None:
    description = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["description"].lower()
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}
    for verb, command in VERBS.items():
        if command is not None and re.search(rf"\b{verb}\b", description):
            assert command in commands, f"pyproject.toml advertises `{verb}` but there is no `agentkit {command}`"


def test_star_import_gives_every_public_name() -> None:
    # In a fresh interpreter: a test process may have imported the lazy submodules already.
    import subprocess
    import sys

    probe = "import agentkit\nns = {}\nexec('from agentkit import *', ns)\nprint(sorted(set(agentkit.__all__) - ns.keys()))"
    got = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert got.stdout.strip() == "[]"
