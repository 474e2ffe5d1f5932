#!/usr/bin/env python3
"""Does agentkit stay linear? One copy of the corpus against N copies, time and memory.

Usage: python benchmarks/bench_scale.py [CORPUS] [--copies 20] [--runs 3] [-- extra agentkit lint options]

The copies are real files (agentkit skips a path it has already seen through a link),
made once under $TMPDIR and removed afterwards. Each copy keeps the agents' names, so
cross-file rules (duplicate names, conflicts across variants) see groups 20 times larger:
the worst case for anything that grows with the square of a group. Prints wall time
and CPU time (user + system of the process tree; medians of --runs), peak RSS (the
largest process of the tree) and the JSON size for each.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(target: Path, runs: int, extra: list[str]) -> tuple[float, float, float, int]:
    exe = os.environ.get("AGENTKIT") or shutil.which("agentkit") or "agentkit"
    times, cpus, peak, size = [], [], 0, 0
    for _ in range(runs):
        with tempfile.TemporaryFile() as out:
            t = time.perf_counter()
            proc = subprocess.Popen([exe, "lint", str(target), "--format", "json", *extra], stdout=out, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            times.append(time.perf_counter() - t)
            cpus.append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) not in (0, 1):
                sys.exit(f"agentkit lint {target} exited {os.waitstatus_to_exitcode(status)}")
            peak = max(peak, usage.ru_maxrss)
            size = out.tell()
    return statistics.median(times), statistics.median(cpus), peak / 1024, size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    args = ap.parse_args(argv[:cut])
    args.extra = argv[cut + 1 :]  # more agentkit lint options
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        sys.exit(f"bench_scale: no corpus at {corpus}")
    with tempfile.TemporaryDirectory(prefix="agentkit-scale-") as tmp:
        many = Path(tmp) / "many"
        for i in range(args.copies):
            shutil.copytree(corpus, many / f"copy{i:02d}")
        one_t, one_c, one_m, one_s = measure(corpus, args.runs, args.extra)
        n_t, n_c, n_m, n_s = measure(many, args.runs, args.extra)
    print(f"1 copy:   {one_t:.2f} s wall, {one_c:.2f} s CPU, peak {one_m:.0f} MB, JSON {one_s / 1e6:.1f} MB")
    print(f"{args.copies} copies: {n_t:.2f} s wall ({n_t / one_t:.1f}× one copy), {n_c:.2f} s CPU ({n_c / one_c:.1f}×), peak {n_m:.0f} MB, JSON {n_s / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
