"""Merge figures: the five backend-engineer seeds and every same-name group of the corpus.

    python benchmarks/merge/bench_merge.py            # seeds, and the corpus when ../shared/corpus exists

Prints sizes (characters, estimated tokens = characters / 4), units, duplicates
collapsed, conflicts and time (min and median of 5 runs; the machine is shared,
so timings are noisy).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import agentkit

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "agents" / "backend-engineer").glob("*.md"))
CORPUS = ROOT.parent / "shared" / "corpus"


def timed(fn, runs: int = 5):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return result, min(times), statistics.median(times)


def seeds() -> None:
    paths = [str(p.relative_to(ROOT)) for p in SEEDS]
    prefer = "agents/backend-engineer/backend-engineer.saas.md"
    engine = "the conflict engine" if agentkit.merge.adapter.default_engine() else "no conflict engine"
    r, lo, med = timed(lambda: agentkit.merge([agentkit.load(ROOT / p, display=p) for p in paths], prefer=[prefer]))
    s = r.report["summary"]
    c, t = s["characters"], s["estimated_tokens"]
    print(f"seeds ({engine}): agentkit merge agents/backend-engineer/*.md --prefer {prefer}")
    print(f"  output {c['output']} chars (~{t['output']} tokens); inputs {c['inputs_total']} chars (~{t['inputs_total']}); largest input {c['largest_input']} chars (~{t['largest_input']}, {c['largest_input_path']})")
    print(f"  output / inputs = {c['output'] / c['inputs_total']:.2f}; output / largest = {c['output'] / c['largest_input']:.2f}")
    print(f"  {r.summary()}; conflicts by kind: {_kinds(r)}")
    print(f"  time: min {lo:.3f} s, median {med:.3f} s")
    refused = agentkit.merge([agentkit.load(ROOT / p, display=p) for p in paths])
    print(f"  without --prefer: exit {refused.exit_code}, {len(refused.open)} conflicts listed")


def _kinds(r) -> str:  # type: ignore[no-untyped-def]
    counts: dict[str, int] = defaultdict(int)
    for c in r.conflicts:
        counts[c.kind] += 1
    return ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))


def corpus() -> None:
    if not CORPUS.is_dir():
        print("corpus: ../shared/corpus is absent")
        return
    groups: dict[str, list[Path]] = defaultdict(list)
    for f in sorted(CORPUS.rglob("*.md")):
        if f.name == "SOURCES.md":
            continue
        d = agentkit.load(f)
        if d.name:
            groups[d.name].append(f)
    variants = [g for g in groups.values() if len(g) > 1]
    units = dups = conflicts = out = total = largest = 0
    t0 = time.perf_counter()
    for g in variants:
        docs = [agentkit.load(p) for p in g]
        r = agentkit.merge(docs, prefer=[docs[0].path])
        s = r.report["summary"]
        units += s["units_in"]
        dups += s["duplicates"]
        conflicts += s["conflicts"]
        out += s["characters"]["output"]
        total += s["characters"]["inputs_total"]
        largest += s["characters"]["largest_input"]
    dt = time.perf_counter() - t0
    print(f"corpus: {len(variants)} same-name groups ({sum(len(g) for g in variants)} files) merged in {dt:.1f} s")
    print(f"  {units} units in, {dups} duplicates collapsed, {conflicts} conflicts decided by --prefer (the first file)")
    print(f"  output {out} chars vs inputs {total} ({out / total:.2f}) vs largest inputs {largest} ({out / largest:.2f})")


if __name__ == "__main__":
    seeds()
    if "--seeds" not in sys.argv:
        corpus()
