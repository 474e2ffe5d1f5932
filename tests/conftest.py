from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tests check fresh results; tests/test_cache.py turns the cache on where it is the subject.
os.environ["AGENTKIT_NO_CACHE"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "agents" / "backend-engineer"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture
def seeds() -> Path:
    return SEEDS


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "SOURCES.md")


requires_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason="../shared/corpus is absent (a fresh clone): the corpus tests run in CI, which has it"
)
