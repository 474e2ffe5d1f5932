"""Findings per rule on ../shared/corpus, and a seeded random sample to check by hand.

    python benchmarks/lint/corpus_findings.py [CORPUS] [--seed 7] [--sample 25]

Every corpus file is named on the command line (so all 1,348 are checked, as
the corpus tests do), every rule runs, the off-by-default ones included, each
file under the profile agentkit picks for it (plugin agents get `plugin`).
Prints a Markdown table of counts per rule, then the sample: each finding with
the source line it points at, for a person to judge.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agentkit.linter import lint  # noqa: E402
from agentkit.rules import REGISTRY, Selection, iter_rules  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, default=25)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    files = sorted(str(p) for p in corpus.rglob("*.md") if p.name != "SOURCES.md")
    off = tuple(r.code for r in iter_rules() if not r.default_enabled)
    report, _ = lint(files, selection=Selection(("AK", *off)), keep_documents=False)
    counts = Counter(d.code for d in report.diagnostics)
    per_file = {code: len({d.path for d in report.diagnostics if d.code == code}) for code in counts}
    print(f"{len(report.files)} files, {len(report.diagnostics)} findings\n")
    print("| code | name | severity | findings | files |")
    print("|---|---|---|---|---|")
    for r in iter_rules():
        extra = " (off by default)" if not r.default_enabled else ""
        print(f"| {r.code} | {r.name}{extra} | {r.severity.value} | {counts.get(r.code, 0)} | {per_file.get(r.code, 0)} |")
    rng = random.Random(args.seed)
    sample = rng.sample(report.diagnostics, min(args.sample, len(report.diagnostics)))
    print(f"\nSample (seed {args.seed}):\n")
    for i, d in enumerate(sorted(sample, key=lambda d: (d.code, d.path, d.span.line)), 1):
        text = Path(d.path).read_text(encoding="utf-8", errors="replace").splitlines()
        line = text[d.span.line - 1] if 0 < d.span.line <= len(text) else ""
        shown = line[max(0, d.span.column - 40) : d.span.column + 80].strip()
        print(f"{i}. `{d.code}` {Path(d.path).relative_to(corpus)}:{d.span.line}:{d.span.column} — {d.message[:200]}")
        print(f"   > `{shown[:120]}`")
    assert all(code in REGISTRY for code in counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
