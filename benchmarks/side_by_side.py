#!/usr/bin/env python3
"""agentkit, the floor and the peer linters on the same corpus, side by side in one run.

Every tool runs once per round, rounds interleave the tools (so machine noise hits all
alike), one warm-up round is dropped, and the table shows the median and the minimum
wall time and the largest peak RSS of each tool's process tree (``wait4``).

    benchmarks/peers/install_peers.sh ~/.cache/agentkit-peers       # once
    AGENTKIT_PEERS_HOME=~/.cache/agentkit-peers python benchmarks/side_by_side.py [CORPUS] [--runs 5] [--write]

``--write`` replaces the side-by-side section of ``benchmarks/RESULTS.md``. Peers that are
not installed are left out (and named). agentkit is the one on PATH (or ``AGENTKIT``).
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BEGIN, END = "<!-- side-by-side:begin -->", "<!-- side-by-side:end -->"


def run(cmd: str) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds (user + system, the whole tree), peak RSS in KB (largest process of the tree), exit status."""
    t = time.perf_counter()
    proc = subprocess.Popen(["bash", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode


def version(cmd: str) -> str:
    try:
        out = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    m = re.search(r"\d+\.\d+(?:\.\d+)?", out)
    return m.group(0) if m else "?"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def tools(corpus: Path, stage: Path, out: Path, peers: Path | None) -> tuple[list[dict], list[str]]:
    ak = os.environ.get("AGENTKIT") or shutil.which("agentkit") or "agentkit"
    py = sys.executable
    found: list[dict] = [
        {"id": "floor (read + libyaml compose)", "version": "", "parser": None,
         "cmd": f"{py} {HERE / 'floor.py'} {stage} > {out / 'floor.txt'}"},
        {"id": "agentkit", "version": version(f"{ak} --version"), "parser": "agentkit",
         "cmd": f"{ak} lint {corpus} --format json --no-cache > {out / 'agentkit_orig.json'}", "out": out / "agentkit_orig.json"},
        {"id": "agentkit (staged)", "version": version(f"{ak} --version"), "parser": "agentkit",
         "cmd": f"{ak} lint {stage} --format json --no-cache > {out / 'agentkit.json'}", "out": out / "agentkit.json"},
        # the same files again with the cache the warm-up round filled: a second run after no change
        {"id": "agentkit (staged, second run: cache)", "version": version(f"{ak} --version"), "parser": "agentkit",
         "cmd": f"{ak} lint {stage} --format json --cache-dir {out / 'cache'} > {out / 'agentkit_cached.json'}", "out": out / "agentkit_cached.json"},
        # every rule but the conflict rules (AK5xx): the per-file checks and AK401
        {"id": "agentkit (staged, --ignore AK5)", "version": version(f"{ak} --version"), "parser": "agentkit",
         "cmd": f"{ak} lint {stage} --format json --no-cache --ignore AK5 > {out / 'agentkit_noak5.json'}", "out": out / "agentkit_noak5.json"},
    ]
    missing: list[str] = []
    if peers is None:
        return found, ["every peer (AGENTKIT_PEERS_HOME is not set)"]
    v, b = peers / "venv" / "bin", peers / "npm" / "node_modules" / ".bin"
    candidates = [
        ("cclint", b / "cclint", "cclint", f"{b / 'cclint'} -r {stage} -f json -o {out / 'cclint.json'} > /dev/null 2>&1", out / "cclint.json", f"{b / 'cclint'} --version"),
        ("claude-code-lint", b / "claudelint", "claude-code-lint",
         f"{b / 'claudelint'} check-all --cwd {stage} --no-config --no-cache --format json > {out / 'ccl.json'}", out / "ccl.json", f"{b / 'claudelint'} --version"),
        ("skilllint", v / "skilllint", "skilllint", f"{v / 'skilllint'} check --check --json {stage} > {out / 'skilllint.json'}", out / "skilllint.json", f"{v / 'skilllint'} --version"),
        ("skillsaw", v / "skillsaw", "skillsaw", f"{v / 'skillsaw'} lint {stage} --format json -v --no-progress > {out / 'skillsaw.json'} 2>/dev/null", out / "skillsaw.json", f"{v / 'skillsaw'} --version"),
        ("agnix", v / "agnix", "agnix", f"{v / 'agnix'} {stage} --format json > {out / 'agnix.json'}", out / "agnix.json", f"{v / 'agnix'} --version"),
    ]
    for ident, exe, parser, cmd, dest, vcmd in candidates:
        if exe.exists():
            found.append({"id": ident, "version": version(vcmd), "parser": parser, "cmd": f"cd {peers} && {cmd}", "out": dest})
        else:
            missing.append(ident)
    return found, missing


def counts(tool: dict, out: Path) -> tuple[str, str]:
    if tool["parser"] is None:
        text = (out / "floor.txt").read_text() if (out / "floor.txt").exists() else ""
        return (text.split()[0] if text else "?"), "—"
    extra = []
    side = {"skillsaw": out / "skillsaw_tree.txt", "claude-code-lint": out / "ccl_stylish.txt"}.get(tool["parser"])
    if side is not None and side.exists():
        extra = [str(side)]
    try:
        res = subprocess.run([sys.executable, str(HERE / "peers" / "parse_peer.py"), tool["parser"], str(tool["out"]), *extra],
                             capture_output=True, text=True, timeout=120)
        checked, _pf, findings, _fwf = res.stdout.strip().split("\t")[:4]
        return checked, findings
    except (ValueError, OSError, subprocess.TimeoutExpired):
        return "?", "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus"))
    ap.add_argument("--runs", type=int, default=5, help="timed rounds (one warm-up round is added)")
    ap.add_argument("--write", action="store_true", help="replace the side-by-side section of benchmarks/RESULTS.md")
    ap.add_argument("--note", default="", help="a sentence recorded with the table (for example: the machine was shared)")
    args = ap.parse_args()
    corpus = Path(args.corpus).resolve()
    if not corpus.is_dir():
        sys.exit(f"side_by_side: no corpus at {corpus}")
    home = os.environ.get("AGENTKIT_PEERS_HOME")
    peers = Path(home).expanduser().resolve() if home else None
    work = (peers or Path(os.environ.get("TMPDIR", "/tmp")) / "agentkit-bench")
    stage, out = work / "stage" / "side_by_side", work / "out" / "side_by_side"
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(HERE / "peers" / "make_stage.py"), str(corpus), str(stage)], check=True, stderr=subprocess.DEVNULL)
    os.environ["NO_COLOR"] = "1"
    chosen, missing = tools(corpus, stage, out, peers)
    if peers is not None and (peers / "venv" / "bin" / "skillsaw").exists():
        subprocess.run(["bash", "-c", f"{peers}/venv/bin/skillsaw tree {stage} > {out / 'skillsaw_tree.txt'} 2>&1"], check=False)
    ccl = peers / "npm" / "node_modules" / ".bin" / "claudelint" if peers is not None else None
    if ccl is not None and ccl.exists():  # its JSON does not say how many files it checked; its plain output does
        subprocess.run(["bash", "-c", f"cd {peers} && {ccl} check-all --cwd {stage} --no-config --no-cache > {out / 'ccl_stylish.txt'} 2>&1"], check=False)
    times: dict[str, list[float]] = {t["id"]: [] for t in chosen}
    cpus: dict[str, list[float]] = {t["id"]: [] for t in chosen}
    shutil.rmtree(out / "cache", ignore_errors=True)
    rss: dict[str, int] = {t["id"]: 0 for t in chosen}
    status: dict[str, int] = {}
    for rnd in range(args.runs + 1):
        for t in chosen:
            wall, cpu, kb, rc = run(t["cmd"])
            status[t["id"]] = rc
            rss[t["id"]] = max(rss[t["id"]], kb)
            if rnd:
                times[t["id"]].append(wall)
                cpus[t["id"]].append(cpu)
        print(f"round {rnd}/{args.runs} done", file=sys.stderr)
    floor = statistics.median(times[chosen[0]["id"]])
    rows = ["| tool | version | files checked | findings | exit | median s | min s | × floor | CPU s (median) | peak RSS MB |", "|---|---|---|---|---|---|---|---|---|---|"]
    for t in sorted(chosen, key=lambda t: statistics.median(times[t["id"]])):
        med = statistics.median(times[t["id"]])
        checked, findings = counts(t, out)
        name = f"**{t['id']}**" if t["id"].startswith("agentkit") else t["id"]
        rows.append(f"| {name} | {t['version']} | {checked} | {findings} | {status[t['id']]} | {med:.3f} | {min(times[t['id']]):.3f} | {med / floor:.1f} | {statistics.median(cpus[t['id']]):.2f} | {rss[t['id']] / 1024:.0f} |")
    facts = (f"{datetime.date.today().isoformat()}, {platform.machine()} {cpu_model()}, {os.cpu_count()} CPUs, "
             f"Python {platform.python_version()}, {args.runs} interleaved rounds after 1 warm-up, corpus {corpus.name} "
             f"(peers run on a staged `.claude/agents/` copy: they find agents by path)")
    section = "\n".join([BEGIN, f"Recorded by `python benchmarks/side_by_side.py --runs {args.runs} --write`: {facts}." + (f" {args.note}" if args.note else ""), "", *rows,
                         *(["", f"Not installed, left out: {', '.join(missing)}."] if missing else []), END])
    print(section)
    if args.write:
        path = HERE / "RESULTS.md"
        text = path.read_text()
        if BEGIN in text and END in text:
            text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END):]
        else:
            text = text.rstrip("\n") + "\n\n## Side by side (one run)\n\n" + section + "\n"
        path.write_text(text)


if __name__ == "__main__":
    main()
