"""Run a probe script in a fresh interpreter (what a second run of the command sees)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_probe(probe: str, folder: Path) -> list[str]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    got = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, env=env, check=True)
    return got.stdout.splitlines()
