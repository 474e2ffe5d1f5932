#!/usr/bin/env python3
"""Speed of the conflict engine: N directives from real agents, checked the way
``agentkit lint`` checks them — inside each file, and across files that share a name.

Usage: python benchmarks/conflicts/bench_speed.py [CORPUS] [--sizes 50000,100000,200000] [--runs 3] [--all] [--jobs N]

The directives are the corpus's own (every directive of every file, read once);
sizes beyond the corpus repeat whole files under new paths and names (no copy joins
another's name group), with the engine's memos emptied before each copy, so every
copy is new to them as distinct texts would be. (Earlier versions appended " (k)" to
every text of a copy instead: a digit and a parenthesis in every text made a copy's
directives about 1.5 times as costly as the corpus's own, so larger sizes measured
other texts, not only more of them.) Each run clears the caches and times ``within()`` per file and
``across()`` per name group — frames read on demand, the blocking indexes and
every typed check that ``agentkit lint`` runs by default (AK501–AK507; ``--all``
adds the repeated-instruction search of AK508, which is off by default). The minimum of the runs is reported, as CPU time of this
process (the machine is shared: wall time is printed too, but other work on the
two cores inflates it). With ``--jobs N`` (N > 1) the files and then the name groups
are checked in N forked worker processes, in batches, as ``agentkit lint`` checks 200
files or more: the wall time is the measure then (and the time per directive), and the CPU time is
every worker's. (A name group's pieces come to its worker unread, where lint's come with the
text tests and polarity that the file's worker read: this costs the benchmark a little more.)
Record results in benchmarks/conflicts/RESULTS.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agentkit.conflicts import doers, engine, extract, frames, lexicon  # noqa: E402
from agentkit.conflicts.engine import across, within  # noqa: E402
from agentkit.rules.conflicts import ALL_CODES  # noqa: E402
from agentkit.conflicts.extract import Piece, pieces  # noqa: E402
from agentkit.linter import load_paths  # noqa: E402


def corpus_files(corpus: str) -> list[tuple[str, list[Piece]]]:
    docs, _ = load_paths([corpus])
    return [(d.name or d.path, pieces(d)) for d in docs]


def sample(base: list[tuple[str, list[Piece]]], n: int) -> list[tuple[str, list[Piece], int]]:
    """Whole files until there are ``n`` directives (the last file cut to fit), each with
    its copy number ``k``; a copy's paths and name end with " (k)"."""
    out: list[tuple[str, list[Piece], int]] = []
    total = 0
    k = 0
    while total < n:
        for name, ps in base:
            if total >= n:
                break
            take = ps[: n - total]
            sfx = "" if k == 0 else f" ({k})"
            out.append((f"{name}{sfx}", [Piece(f"{p.path}{sfx}", p.source, p.kind, p.text, p.context, p.section, p.start, p.end, p.span, p.inherited, p.frame if p.source == "frontmatter" else None) for p in take], k))
            total += len(take)
        k += 1
    return out


_FILES: list[tuple[str, list[Piece], int]] = []  # the run's files, as the forked workers find them
_CODES: list[frozenset[str] | None] = [None]
_COPY = [-1]  # the copy whose texts this process's memos hold


def _memos_for(k: int) -> None:
    """Empty every memo when copy ``k`` is not the one they hold: its texts are new to them."""
    if k != _COPY[0]:
        _COPY[0] = k
        clear()


def run(files: list[tuple[str, list[Piece], int]], codes: frozenset[str] | None) -> int:
    found = 0
    groups: dict[str, list[list[Piece]]] = {}
    _COPY[0] = 0  # (the caller emptied the memos)
    for name, ps, k in files:
        _memos_for(k)
        found += len(within(ps, codes))
        groups.setdefault(name, []).append((ps, k))
    for g in groups.values():
        _memos_for(g[0][1])
        found += len(across([ps for ps, _ in g], codes))
    return found


def _within_batch(idx: list[int]) -> int:
    found = 0
    for i in idx:
        _, ps, k = _FILES[i]
        _memos_for(k)
        found += len(within(ps, _CODES[0]))
    return found


def _across_batch(groups: list[list[int]]) -> int:
    found = 0
    for idx in groups:
        _memos_for(_FILES[idx[0]][2])
        found += len(across([_FILES[i][1] for i in idx], _CODES[0]))
    return found


def run_jobs(files: list[tuple[str, list[Piece], int]], codes: frozenset[str] | None, jobs: int) -> tuple[int, float]:
    """:func:`run` in ``jobs`` forked workers: the files in batches (the largest first, as
    ``agentkit lint`` orders them; a file's size here is where its last piece ends), then the name groups in batches of about 32 files, the largest first.
    Returns the conflicts and the CPU time of the workers."""
    import multiprocessing
    import resource

    _FILES[:] = files
    _CODES[0] = codes
    _COPY[0] = -1
    clear()
    order = sorted(range(len(files)), key=lambda i: (files[i][2], -files[i][1][-1].end if files[i][1] else 0, files[i][0], i))
    size = -(-len(order) // (jobs * 4))
    batches = [order[i : i + size] for i in range(0, len(order), size)]
    groups: dict[tuple[str, int], list[int]] = {}
    for i, (name, _, k) in enumerate(files):
        groups.setdefault((name, k), []).append(i)
    gbatches: list[list[list[int]]] = [[]]
    n = 0
    for idx in sorted(groups.values(), key=lambda idx: -len(idx)):  # (the largest first: no worker is left with a long batch at the end)
        if n >= 32:
            gbatches.append([])
            n = 0
        gbatches[-1].append(idx)
        n += len(idx)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        found = sum(pool.imap(_within_batch, batches)) + sum(pool.imap(_across_batch, gbatches))
        pool.close()
        pool.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return found, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def clear() -> None:
    """Every memo of the conflict engine, the vocabulary's tables included (each copy
    beyond the corpus pays for loading them again: about 8 ms)."""
    for module in (frames, engine, extract, lexicon, doers):
        for fn in vars(module).values():
            if hasattr(fn, "cache_clear"):
                fn.cache_clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--sizes", default="50000,100000,200000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--all", action="store_true", help="also AK508 (repeated instructions), off by default in lint")
    ap.add_argument("--jobs", type=int, default=1, help="worker processes, as agentkit lint uses one per core (default 1: this process)")
    args = ap.parse_args()
    codes = None if args.all else frozenset(c for c in ALL_CODES if c != "AK508")
    base = corpus_files(args.corpus)
    if not any(ps for _, ps in base):
        sys.exit(f"bench_speed.py: no directives in {args.corpus}")
    print(f"corpus: {len(base):,} files, {sum(len(p) for _, p in base):,} directives")
    if args.jobs > 1:
        print(f"{args.jobs} worker processes: the wall time is the measure; CPU time is every worker's")
    print("| directives | files | CPU time (min) | per directive | wall time (min) | conflicts |")
    print("|---|---|---|---|---|---|")
    for n in (int(x) for x in args.sizes.split(",")):
        files = sample(base, n)
        times = []
        walls = []
        found = 0
        for _ in range(args.runs):
            fresh = [(name, [Piece(p.path, p.source, p.kind, p.text, p.context, p.section, p.start, p.end, p.span, p.inherited, p._frame if p.source == "frontmatter" else None) for p in ps], k) for name, ps, k in files]
            clear()
            w = time.perf_counter()
            if args.jobs > 1:
                found, cpu = run_jobs(fresh, codes, args.jobs)
                times.append(cpu)
            else:
                t = time.process_time()
                found = run(fresh, codes)
                times.append(time.process_time() - t)
            walls.append(time.perf_counter() - w)
        best = min(walls) if args.jobs > 1 else min(times)
        print(f"| {n:,} | {len(files):,} | {min(times):.2f} s | {best / n * 1e6:.1f} µs | {min(walls):.2f} s | {found:,} |")


if __name__ == "__main__":
    main()
