"""Coverage-guided fuzzing of agentkit's readers with atheris (libFuzzer for Python).

Targets (``--target``):

- ``loader``: any bytes → ``load_bytes`` and every view of the document
  (fields and their positions, examples, body units, fences); a raised
  exception or a position outside the text is a crash.
- ``lint``: any bytes → ``load_bytes`` → every per-file rule (``check``). A
  raised exception, an internal-error finding (AK000) or a finding positioned
  outside the file is a crash (slower: about a tenth of ``loader``'s rate).
- ``examples``: any text as a description → the ``<example>`` parser; each
  example's span must lie inside the text.
- ``directives``: any text as a prompt body → the directive extractor
  (``agentkit.directives(doc)``).

Usage (from the repository root, in the project's venv with ``pip install atheris``)::

    python benchmarks/fuzz/fuzz_agentkit.py --target loader -- -runs=200000 -max_len=4096 CORPUS_DIR

Arguments after ``--`` go to libFuzzer. ``benchmarks/fuzz/run.sh`` runs every
target for a bounded time with a seed corpus built from the repository's agents
and rule fixtures. A crash leaves ``crash-<sha1>`` in the working folder; each
one becomes a regression test in ``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))  # the invariants the tests check too

with atheris.instrument_imports(include=["agentkit"]):
    from agentkit import examples as examples_mod
    from agentkit.document import load_bytes
    from agentkit.linter import check
    from invariants import check_findings, check_positions


def loader(data: bytes) -> None:
    doc = load_bytes(data, "fuzz.md")
    check_positions(doc)
    _ = doc.fences, doc.example_problems


def lint(data: bytes) -> None:
    doc = load_bytes(data, "fuzz.md")
    found, failed = check([doc])
    check_findings(doc, found, failed)


def examples(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    found, _ = examples_mod.parse(text, text, 0)
    for ex in found:
        if not 0 <= ex.start <= ex.end <= len(text):
            raise AssertionError(f"example span {ex.start}..{ex.end} outside {len(text)} characters")


def directives(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(len(data))
    doc = load_bytes(("---\nname: fuzz\ndescription: Fuzzed.\n---\n" + text).encode("utf-8", "surrogatepass"), "fuzz.md")
    _extract(doc)


def _directive_extractor():  # type: ignore[no-untyped-def]
    with atheris.instrument_imports(include=["agentkit"]):
        import agentkit
        import agentkit.conflicts  # noqa: F401  (instrumented for coverage)
    if not callable(getattr(agentkit, "directives", None)):
        raise ImportError("agentkit.directives")
    return agentkit.directives


TARGETS = {"loader": loader, "lint": lint, "examples": examples, "directives": directives}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=sorted(TARGETS), required=True)
    args, rest = parser.parse_known_args()
    if rest and rest[0] == "--":
        rest = rest[1:]
    if args.target == "directives":
        global _extract
        try:
            _extract = _directive_extractor()
        except ImportError:
            raise SystemExit("agentkit.directives is not in this agentkit yet: nothing to fuzz") from None
    atheris.Setup([sys.argv[0], *rest], TARGETS[args.target])
    atheris.Fuzz()


_extract = None

if __name__ == "__main__":
    main()
