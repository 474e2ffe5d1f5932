"""The labelled conflict benchmark (benchmarks/conflicts/) is well formed.

These checks read only the data files and the agent files; they never run the conflict engine.
"""

from __future__ import annotations

import collections
import json
import re
from pathlib import Path

import pytest

import agentkit

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "conflicts"
AGENTS = BENCH / "agents"
LABELS = {"conflict", "compatible", "duplicate"}
KINDS = {"polarity", "value", "target", "enum", "conditional", "tool", "frontmatter"}
FRONTMATTER_TOOL_KEYS = ("tools", "disallowedTools")


def _pairs() -> list[tuple[str, int, dict]]:
    out = []
    for f in sorted(BENCH.glob("pairs*.jsonl")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f.name, n, json.loads(line)))
    return out


PAIRS = _pairs()


def _lines(path: str) -> list[str]:
    return (AGENTS / path).read_text(encoding="utf-8").split("\n")


def _frontmatter_end(lines: list[str]) -> int:
    """1-based line of the closing ``---``."""
    assert lines[0] == "---"
    return lines.index("---", 1) + 1


def _block(lines: list[str], line: int) -> str:
    """The line, and the paragraph or list item that starts there (up to a blank line or the next item)."""
    out = [lines[line - 1]]
    for text in lines[line:]:
        if not text.strip() or re.match(r"\s*([-*]|\d+\.)\s", text) or text.lstrip().startswith(("#", "|")):
            break
        out.append(text)
    return " ".join(" ".join(out).split())


def test_enough_pairs_in_both_splits():
    assert len(PAIRS) >= 250
    splits = collections.Counter(p["split"] for _, _, p in PAIRS)
    assert set(splits) <= {"dev", "test", "blind", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19"}
    assert splits["dev"] > 0 and splits["test"] > 0


def test_ids_unique():
    ids = collections.Counter(p["id"] for _, _, p in PAIRS)
    assert [i for i, n in ids.items() if n > 1] == []


def test_every_label_and_kind_is_present():
    labels = collections.Counter(p["label"] for _, _, p in PAIRS)
    kinds = collections.Counter(p["kind"] for _, _, p in PAIRS if p["label"] == "conflict")
    assert set(labels) == LABELS
    assert set(kinds) == KINDS


@pytest.mark.parametrize(("fname", "n", "pair"), PAIRS, ids=[p["id"] for _, _, p in PAIRS])
def test_pair_is_well_formed(fname, n, pair):
    where = f"{fname}:{n} ({pair.get('id')})"
    assert set(pair) == {"id", "split", "label", "kind", "a", "b", "note"}, where
    assert pair["split"] in ("dev", "test", "blind", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "holdout10", "holdout11", "holdout12", "holdout13", "holdout14", "holdout15", "holdout16", "holdout17", "holdout18", "holdout19"), where
    if fname != "pairs.jsonl":
        assert fname == f"pairs.{pair['split']}.jsonl", where
    assert pair["label"] in LABELS, where
    if pair["label"] == "conflict":
        assert pair["kind"] in KINDS, where
    else:
        assert pair["kind"] is None, where
    assert isinstance(pair["note"], str) and pair["note"].strip(), where
    assert (pair["a"]["path"], pair["a"]["line"], pair["a"]["quote"].lower()) != (
        pair["b"]["path"], pair["b"]["line"], pair["b"]["quote"].lower()), where
    for key in ("a", "b"):
        side = pair[key]
        assert set(side) == {"path", "line", "quote"}, where
        path = AGENTS / side["path"]
        assert path.is_file(), f"{where}: {side['path']} does not exist"
        lines = _lines(side["path"])
        assert isinstance(side["line"], int) and 1 <= side["line"] <= len(lines), where
        quote = side["quote"]
        assert quote.strip(), where
        if side["line"] < _frontmatter_end(lines):
            text = lines[side["line"] - 1]
            key_of_line = text.split(":", 1)[0]
            if quote == key_of_line:
                continue
            if key_of_line in FRONTMATTER_TOOL_KEYS:
                assert re.search(rf"\b{re.escape(quote)}\b", text), f"{where}: {quote!r} not on {text!r}"
            else:
                assert key_of_line == "description", f"{where}: a frontmatter side quotes its key, got {quote!r}"
                assert quote.lower() in text.lower(), f"{where}: {quote!r} not in the description"
        else:
            block = _block(lines, side["line"])
            assert " ".join(quote.split()).lower() in block.lower(), (
                f"{where}: {quote!r} not at {side['path']}:{side['line']}")


@pytest.mark.parametrize(("fname", "n", "pair"), PAIRS, ids=[p["id"] for _, _, p in PAIRS])
def test_cross_file_pairs_share_a_name(fname, n, pair):
    a, b = pair["a"]["path"], pair["b"]["path"]
    if a != b:
        assert agentkit.load(AGENTS / a).name == agentkit.load(AGENTS / b).name, f"{fname}:{n}"


def test_agent_files_parse():
    files = sorted(AGENTS.rglob("*.md"))
    assert len({f.relative_to(AGENTS).parts[0] for f in files}) >= 7
    for f in files:
        doc = agentkit.load(f)
        assert doc.strict_yaml and doc.claude_code_parses, f
        assert doc.name, f


# ---------------------------------------------------------------------------- the scorer, with a stand-in engine


def _score_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("conflict_score", BENCH / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class _Span:
    def __init__(self, line):
        self.line = self.end_line = line


class _Side:
    """A conflict side as an engine might render it; a frontmatter field's text is its value only."""

    def __init__(self, side):
        self.path = str(AGENTS / side["path"])
        self.span = _Span(side["line"])
        line = _lines(side["path"])[side["line"] - 1]
        if line.startswith(side["quote"] + ":"):
            self.text, self.source = line.split(":", 1)[1].strip(), "frontmatter"
        else:
            self.text, self.source = side["quote"], "body"


class _Conflict:
    def __init__(self, kind, a, b, message="m"):
        self.kind, self.code, self.id, self.message = kind, "AK5xx", kind, message
        self.sides = (_Side(a), _Side(b))


def test_scorer_counts_a_stand_in_engine(monkeypatch, capsys):
    score = _score_module()
    pairs = score.load_pairs("dev")
    everything = score.load_pairs("all")
    conflicts = [_Conflict(p["kind"], p["b"], p["a"]) for p in pairs if p["label"] == "conflict"]
    conflicts += [_Conflict("duplicate", p["a"], p["b"]) for p in pairs if p["label"] == "duplicate"]
    compatible = next(p for p in pairs if p["label"] == "compatible")
    conflicts.append(_Conflict("polarity", compatible["a"], compatible["b"], "false alarm"))
    # three variants, two of which agree: the agreeing pair is not claimed as a conflict
    agreeing = [p for p in pairs if p["label"] == "compatible" and p["a"]["quote"] in ("model", "color")
                and p["a"]["quote"] == p["b"]["quote"]]
    assert agreeing
    for p in agreeing:
        third = _Side(p["b"])
        third.path, third.text = str(AGENTS / "a-third-variant.md"), "something else"
        conflicts.append(_Conflict("frontmatter", p["a"], p["b"], "agreeing"))
        conflicts[-1].sides += (third,)
    stray = {"path": compatible["a"]["path"], "line": 1, "quote": "---"}
    conflicts.append(_Conflict("value", stray, stray, "stray"))

    result = score.score(pairs, everything, conflicts)
    rows = {r["kind"]: r for r in result["rows"]}
    n_conflicts = sum(p["label"] == "conflict" for p in pairs)
    assert (rows["overall"]["tp"], rows["overall"]["fp"], rows["overall"]["fn"]) == (n_conflicts, 1, 0)
    assert rows["overall"]["kind_exact"] == n_conflicts
    assert rows["polarity"]["fp"] == 1
    assert rows["duplicate"]["tp"] == sum(p["label"] == "duplicate" for p in pairs)
    assert rows["duplicate"]["fn"] == rows["duplicate"]["fp"] == 0
    assert sorted(c.message for c in result["unlabelled"]) == ["agreeing"] * len(agreeing) + ["stray"]
    assert [m["pair"]["id"] for m in result["misses"]] == [compatible["id"]]

    import agentkit

    monkeypatch.setattr(agentkit, "conflicts", lambda docs: conflicts, raising=False)
    assert score.main(["--split", "dev", "--misses"]) == 0
    out = capsys.readouterr().out
    assert f"FP {compatible['id']} (compatible; reported: polarity)" in out
    assert f"findings touching no labelled pair: {len(agreeing) + 1} (frontmatter {len(agreeing)}, value 1)" in out


def test_scorer_exits_2_without_the_engine(monkeypatch, capsys):
    import agentkit

    score = _score_module()
    monkeypatch.delattr(agentkit, "conflicts", raising=False)
    assert score.main([]) == 2
    assert "agentkit.conflicts is not available" in capsys.readouterr().err

    def broken(docs):
        raise RuntimeError("boom")

    monkeypatch.setattr(agentkit, "conflicts", broken, raising=False)
    assert score.main([]) == 2
    assert "the conflict engine raised RuntimeError: boom" in capsys.readouterr().err
