"""Score agentkit's conflict engine against the labelled pairs in this folder.

    python benchmarks/conflicts/score.py                 # dev split, table
    python benchmarks/conflicts/score.py --split test    # the held-out split
    python benchmarks/conflicts/score.py --split blind   # pairs written last, for the final run only
    python benchmarks/conflicts/score.py --split holdout # six more domains, written blind, scored once
    python benchmarks/conflicts/score.py --split holdout2 # six more, written blind after the last tuning
    python benchmarks/conflicts/score.py --split holdout3 # six more, written blind after that split was scored
    python benchmarks/conflicts/score.py --split holdout4 # six more, written blind after holdout3 was scored
    python benchmarks/conflicts/score.py --split holdout5 # six more, written blind after holdout4 was scored
    python benchmarks/conflicts/score.py --split holdout6 # six more, written blind after holdout5 was scored
    python benchmarks/conflicts/score.py --split holdout7 # six more, written blind after holdout6 was scored
    python benchmarks/conflicts/score.py --split holdout8 # six more, written blind after holdout7 was scored
    python benchmarks/conflicts/score.py --split holdout9 # six more, written blind after holdout8 was scored
    python benchmarks/conflicts/score.py --split holdout10 # six more, written blind after holdout9 was scored
    python benchmarks/conflicts/score.py --split holdout11 # six more, written blind after holdout10 was scored
    python benchmarks/conflicts/score.py --split holdout12 # six more, written blind after holdout11 was scored
    python benchmarks/conflicts/score.py --split holdout13 # six more, written blind after holdout12 was scored
    python benchmarks/conflicts/score.py --split holdout14 # six more, written blind after holdout13 was scored
    python benchmarks/conflicts/score.py --split holdout15 # six more, written blind after holdout14 was scored
    python benchmarks/conflicts/score.py --split holdout16 # six more, written blind after holdout15 was scored
    python benchmarks/conflicts/score.py --split holdout17 # six more, written blind after holdout16 was scored
    python benchmarks/conflicts/score.py --split holdout18 # six more, written blind after holdout17 was scored
    python benchmarks/conflicts/score.py --split holdout19 # six more, written blind after holdout18 was scored
    python benchmarks/conflicts/score.py --misses        # every FN and FP with both quotes
    python benchmarks/conflicts/score.py --json          # machine-readable
    python benchmarks/conflicts/score.py --stats         # counts of the labelled set (no engine needed)

The engine is run through the library API only: ``agentkit.load(path)`` for every agent under
``agents/`` and one ``agentkit.conflicts(docs)`` call over all of them.

Matching. A labelled side matches a conflict side when the paths are the same file, the labelled
line lies in ``[span.line, span.end_line]`` and the quote occurs in the side's text (case and runs
of whitespace ignored); a frontmatter side also matches when the quote is the field's name. A pair
is found when one conflict has two different sides matching ``a`` and ``b`` (either order); in a
conflict of three or more sides, two sides with the same text agree and are not a claimed pair.

Counting. For a labelled conflict of kind K: TP when some non-duplicate conflict finds it (any
reported kind; ``kind_exact`` counts those reported with kind K), FN otherwise. A labelled
compatible or duplicate pair found by a non-duplicate conflict is an FP of the reported kind.
Duplicates: a labelled duplicate found by a conflict of kind ``duplicate`` is a TP of
``duplicate``; a labelled compatible or conflict pair found only as ``duplicate`` is an FP of
``duplicate``. ``core`` pools polarity, value, enum, tool and frontmatter; ``overall`` pools the
seven conflict kinds. Findings that touch no labelled pair (of any split) are counted apart.

Exit status: 0 whenever the scorer ran; 2 when it cannot run (agentkit missing, no
``agentkit.conflicts``, the engine raised, or the data files are unreadable).
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
AGENTS = HERE / "agents"
LABELS = ("conflict", "compatible", "duplicate")
CORE = ("polarity", "value", "enum", "tool", "frontmatter")
KINDS = (*CORE, "target", "conditional")
ROWS = (*KINDS, "duplicate")


class CannotRun(Exception):
    """The scorer cannot produce figures; the message says why."""


# ---------------------------------------------------------------------------- data


def load_pairs(split: str) -> list[dict]:
    files = sorted(HERE.glob("pairs*.jsonl"))
    if not files:
        raise CannotRun(f"no pairs*.jsonl file in {HERE}")
    pairs = []
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                pairs.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise CannotRun(f"{f.name}:{n}: not JSON: {exc}") from None
    if split != "all":
        pairs = [p for p in pairs if p.get("split") == split]
    return pairs


def agent_files() -> list[Path]:
    return sorted(p for p in AGENTS.rglob("*.md"))


@functools.lru_cache(maxsize=None)
def rel(path: str | Path) -> str:
    p = Path(path)
    if not p.is_absolute():
        p = Path.cwd() / p
    try:
        return p.resolve().relative_to(AGENTS).as_posix()
    except ValueError:
        return p.resolve().as_posix()


# ---------------------------------------------------------------------------- stats (no engine)


def line_style(path: str, line: int) -> str:
    """The block style of a labelled side, read from its line."""
    lines = (AGENTS / path).read_text(encoding="utf-8").split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() == "---":
                if line <= i + 1:
                    return "frontmatter"
                break
    text = lines[line - 1]
    stripped = text.lstrip()
    if stripped.startswith("|"):
        return "table"
    if "✅" in text or "❌" in text:
        return "checklist"
    if re.match(r"\d+\.\s", stripped):
        return "numbered"
    if stripped.startswith(("- ", "* ")):
        if text.startswith((" ", "\t")):
            return "nested list"
        lead = line - 2  # the line that introduces this list
        while lead >= 0 and lines[lead].lstrip().startswith(("- ", "* ")):
            lead -= 1
        intro = lines[lead].strip() if lead >= 0 else ""
        if "✅" in intro or "❌" in intro:
            return "checklist"
        if intro.endswith(":") and not intro.startswith("#"):
            return "list under a lead-in"
        return "bullet"
    return "prose"


def stats(pairs: list[dict]) -> dict:
    by = collections.defaultdict(collections.Counter)
    for p in pairs:
        kind = p["kind"] or "-"
        by["label"][p["label"]] += 1
        by["label/kind"][f"{p['label']}/{kind}"] += 1
        by["split"][p["split"]] += 1
        by["split/label"][f"{p['split']}/{p['label']}"] += 1
        by["split/kind"][f"{p['split']}/{kind}"] += 1
        by["domain"][p["a"]["path"].split("/")[0]] += 1
        by["scope"]["within file" if p["a"]["path"] == p["b"]["path"] else "across variants"] += 1
        for side in (p["a"], p["b"]):
            by["side style"][line_style(side["path"], side["line"])] += 1
    files = agent_files()
    by["agent files per domain"] = collections.Counter(f.relative_to(AGENTS).parts[0] for f in files)
    return {k: dict(sorted(v.items())) for k, v in by.items()}


def print_stats(st: dict, total: int) -> None:
    print(f"pairs: {total}")
    for group, counts in st.items():
        print(f"\n{group}:")
        width = max(len(k) for k in counts)
        for k, v in counts.items():
            print(f"  {k:<{width}}  {v}")


# ---------------------------------------------------------------------------- engine


def run_engine() -> list:
    try:
        import agentkit
    except ImportError as exc:
        raise CannotRun(f"cannot import agentkit ({exc}); activate the venv where it is installed") from None
    if not hasattr(agentkit, "conflicts"):
        raise CannotRun("agentkit.conflicts is not available in this version of agentkit; nothing to score")
    try:
        docs = [agentkit.load(str(p)) for p in agent_files()]
        return list(agentkit.conflicts(docs))
    except Exception as exc:  # the engine is under test: report, never a traceback
        raise CannotRun(f"the conflict engine raised {type(exc).__name__}: {exc}") from None


@functools.lru_cache(maxsize=None)
def _norm(text: str) -> str:
    return " ".join(str(text).split()).lower()


def _kind(conflict) -> str:
    k = getattr(conflict, "kind", "")
    return str(getattr(k, "value", k))


def _field(side) -> str | None:
    for attr in ("field", "key", "name"):
        v = getattr(side, attr, None)
        if isinstance(v, str):
            return v
    text = str(getattr(side, "text", ""))
    m = re.match(r"\s*([A-Za-z][\w-]*)\s*:", text)
    return m.group(1) if m else None


def side_matches(label: dict, side) -> bool:
    if rel(str(getattr(side, "path", ""))) != label["path"]:
        return False
    span = side.span
    end = getattr(span, "end_line", None) or span.line
    if not (span.line <= label["line"] <= end):
        return False
    quote = _norm(label["quote"])
    if quote in _norm(str(getattr(side, "text", ""))):
        return True
    if str(getattr(getattr(side, "source", ""), "value", getattr(side, "source", ""))) == "frontmatter":
        field = _field(side)
        if field is not None and field.lower() == quote:
            return True
        # however the engine renders a field's text, the labelled line is that field's key line
        return _agent_line(label["path"], label["line"]).lower().startswith(quote + ":")
    return False


@functools.lru_cache(maxsize=None)
def _agent_lines(path: str) -> tuple[str, ...]:
    return tuple((AGENTS / path).read_text(encoding="utf-8").split("\n"))


def _agent_line(path: str, line: int) -> str:
    lines = _agent_lines(path)
    return lines[line - 1] if 1 <= line <= len(lines) else ""


def pair_found(pair: dict, conflict) -> bool:
    sides = tuple(conflict.sides)
    agreeing_ok = len(sides) == 2 or _kind(conflict) == "duplicate"
    for i, s in enumerate(sides):
        for j, t in enumerate(sides):
            if i != j and side_matches(pair["a"], s) and side_matches(pair["b"], t):
                # in a conflict of three or more sides, two sides with the same text agree with each
                # other (e.g. two variants that both set `color: blue` against a third): not claimed
                if agreeing_ok or _norm(str(s.text)) != _norm(str(t.text)):
                    return True
    return False


# ---------------------------------------------------------------------------- scoring


def score(pairs: list[dict], all_pairs: list[dict], conflicts: list) -> dict:
    tp = collections.Counter()
    fp = collections.Counter()
    fn = collections.Counter()
    exact = collections.Counter()
    misses = []
    for p in pairs:
        hits = [c for c in conflicts if pair_found(p, c)]
        kinds = sorted({_kind(c) for c in hits})
        real = [k for k in kinds if k != "duplicate"]
        if p["label"] == "conflict":
            if real:
                tp[p["kind"]] += 1
                exact[p["kind"]] += p["kind"] in real
            else:
                fn[p["kind"]] += 1
                misses.append({"type": "FN", "pair": p, "reported": kinds})
                if "duplicate" in kinds:
                    fp["duplicate"] += 1
        else:
            if real:
                fp[real[0]] += 1
                misses.append({"type": "FP", "pair": p, "reported": kinds,
                               "messages": [c.message for c in hits if _kind(c) != "duplicate"]})
            if p["label"] == "duplicate":
                if "duplicate" in kinds:
                    tp["duplicate"] += 1
                else:
                    fn["duplicate"] += 1
                    misses.append({"type": "FN", "pair": p, "reported": kinds})
            elif "duplicate" in kinds and not real:
                fp["duplicate"] += 1

    def row(name, keys):
        t = sum(tp[k] for k in keys)
        f = sum(fp[k] for k in keys)
        n = sum(fn[k] for k in keys)
        prec = t / (t + f) if t + f else None
        rec = t / (t + n) if t + n else None
        f1 = 2 * prec * rec / (prec + rec) if prec and rec else (0.0 if prec is not None and rec is not None else None)
        return {"kind": name, "tp": t, "fp": f, "fn": n, "kind_exact": sum(exact[k] for k in keys),
                "precision": prec, "recall": rec, "f1": f1}

    rows = [row(k, (k,)) for k in ROWS]
    rows.append(row("core", CORE))
    rows.append(row("overall", KINDS))
    unlabelled = [c for c in conflicts if not any(pair_found(p, c) for p in all_pairs)]
    by_kind = collections.Counter(_kind(c) for c in unlabelled)
    return {"rows": rows, "misses": misses, "findings": len(conflicts),
            "unlabelled": unlabelled, "unlabelled_by_kind": dict(sorted(by_kind.items()))}


def _fmt(x) -> str:
    return "   -" if x is None else f"{x:.2f}"


def _side(s: dict) -> str:
    return f"{s['path']}:{s['line']} \"{s['quote']}\""


def _loc(side) -> str:
    return f"{rel(str(side.path))}:{side.span.line}"


def print_report(result: dict, split: str, n_pairs: int, misses: bool, verbose: bool) -> None:
    print(f"split: {split}   labelled pairs: {n_pairs}   engine findings on the benchmark agents: {result['findings']}")
    print()
    print(f"{'kind':<12} {'TP':>4} {'FP':>4} {'FN':>4} {'exact':>5}  {'prec':>5} {'recall':>6} {'F1':>5}")
    for r in result["rows"]:
        if r["kind"] in ("core", "duplicate"):
            print("-" * 52)
        print(f"{r['kind']:<12} {r['tp']:>4} {r['fp']:>4} {r['fn']:>4} {r['kind_exact']:>5}  "
              f"{_fmt(r['precision']):>5} {_fmt(r['recall']):>6} {_fmt(r['f1']):>5}")
    print()
    print("exact = found with the labelled kind. FP = labelled compatible/duplicate pairs reported as a "
          "conflict, attributed to the reported kind.")
    un = result["unlabelled"]
    detail = ", ".join(f"{k} {v}" for k, v in result["unlabelled_by_kind"].items())
    print(f"findings touching no labelled pair: {len(un)}" + (f" ({detail})" if detail else ""))
    if verbose:
        for c in un:
            locs = " <-> ".join(_loc(s) for s in c.sides)
            print(f"  [{_kind(c)}] {getattr(c, 'code', '')} {locs}: {c.message}")
    if misses:
        print()
        for m in result["misses"]:
            p = m["pair"]
            label = p["label"] + (f"/{p['kind']}" if p["kind"] else "")
            print(f"{m['type']} {p['id']} ({label}; reported: {', '.join(m['reported']) or 'nothing'})")
            print(f"    a: {_side(p['a'])}")
            print(f"    b: {_side(p['b'])}")
            print(f"    note: {p['note']}")
            for msg in m.get("messages", []):
                print(f"    engine: {msg}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score agentkit's conflict engine on the labelled benchmark.")
    ap.add_argument("--split", choices=("dev", "test", "blind", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19", "all"), default="dev",
                    help="dev (default), test (held out), blind (written last; final run only), holdout (six more domains, written blind), holdout2 (six more, written blind after every tuning round), holdout3 (six more, written blind once holdout2 had been scored), holdout4 (six more, written blind once holdout3 had been scored), holdout5 (six more, written blind once holdout4 had been scored), holdout6 (six more, written blind once holdout5 had been scored), holdout7 (six more, written blind once holdout6 had been scored), holdout8 (six more, written blind once holdout7 had been scored), holdout9 (six more, written blind once holdout8 had been scored), holdout10 (six more, written blind once holdout9 had been scored), holdout11 (six more, written blind once holdout10 had been scored), holdout12 (six more, written blind once holdout11 had been scored), holdout13 (six more, written blind once holdout12 had been scored), holdout14 (six more, written blind once holdout13 had been scored), holdout15 (six more, written blind once holdout14 had been scored), holdout16 (six more, written blind once holdout15 had been scored), holdout17 (six more, written blind once holdout16 had been scored), holdout18 (six more, written blind once holdout17 had been scored), holdout19 (six more, written blind once holdout18 had been scored) or all")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--misses", action="store_true", help="print every FN and FP with both quotes")
    ap.add_argument("--verbose", action="store_true", help="list findings that touch no labelled pair")
    ap.add_argument("--stats", action="store_true", help="counts of the labelled set; does not run the engine")
    args = ap.parse_args(argv)
    try:
        pairs = load_pairs(args.split)
        if args.stats:
            st = stats(pairs)
            if args.json:
                print(json.dumps({"split": args.split, "pairs": len(pairs), "counts": st}, indent=2))
            else:
                print_stats(st, len(pairs))
            return 0
        all_pairs = load_pairs("all")
        conflicts = run_engine()
        result = score(pairs, all_pairs, conflicts)
    except CannotRun as exc:
        print(f"score.py: {exc}", file=sys.stderr)
        return 2
    if args.json:
        out = {
            "split": args.split, "pairs": len(pairs), "findings": result["findings"], "rows": result["rows"],
            "unlabelled": [{"kind": _kind(c), "code": getattr(c, "code", None), "message": c.message,
                            "sides": [_loc(s) for s in c.sides]} for c in result["unlabelled"]],
            "misses": [{"type": m["type"], "id": m["pair"]["id"], "reported": m["reported"]}
                       for m in result["misses"]],
        }
        print(json.dumps(out, indent=2))
    else:
        print_report(result, args.split, len(pairs), args.misses, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
