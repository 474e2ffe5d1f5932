#!/usr/bin/env python3
"""Time agentkit on the shared corpus: the whole CLI run, and the library's phases.

Usage: python benchmarks/bench_corpus.py [CORPUS] [--runs N]
(default corpus: ../shared/corpus). Record results in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cli_runs(corpus: Path, runs: int, command: str) -> tuple[list[float], float]:
    exe = shutil.which("agentkit") or f"{sys.executable} -m agentkit.cli"
    cmd = exe.split() + [command, str(corpus), "--format", "json"]
    times = []
    for _ in range(runs + 1):  # one warm-up run
        t = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
        if done.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-500:]}")
        times.append(time.perf_counter() - t)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return times[1:], peak_kb / 1024


def phases(corpus: Path) -> dict[str, float]:
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    from agentkit.document import load_bytes  # noqa: E402
    from agentkit.linter import check, discover  # noqa: E402

    t1 = time.perf_counter()
    found, _ = discover([str(corpus)])
    t2 = time.perf_counter()
    docs = [load_bytes(data, path) for path, data in found if data is not None]
    t3 = time.perf_counter()
    diagnostics, _ = check(docs)
    t4 = time.perf_counter()
    _ = [d.body for d in docs]
    t5 = time.perf_counter()
    return {
        "files": len(docs),
        "diagnostics": len(diagnostics),
        "import": t1 - t0,
        "discover+read": t2 - t1,
        "load (decode, split, 3 readers)": t3 - t2,
        "check (all rules)": t4 - t3,
        "body units (inspect only)": t5 - t4,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        sys.exit(f"no corpus at {corpus}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    for command in ("lint", "validate"):
        times, peak = cli_runs(corpus, args.runs, command)
        print(f"agentkit {command} {corpus} --format json: mean {statistics.mean(times):.3f} s, min {min(times):.3f} s over {len(times)} runs; peak RSS {peak:.0f} MB")
    for name, value in phases(corpus).items():
        print(f"  {name}: {value:.3f} s" if isinstance(value, float) else f"  {name}: {value}")


if __name__ == "__main__":
    main()
