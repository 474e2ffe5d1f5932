"""`agentkit diff A B`: per section, what only one variant says, near duplicates, conflicts."""

from __future__ import annotations

import json

from test_merge import CR, DATA, ROOT, golden, run


def test_diff_text_golden() -> None:
    r = run("diff", *CR)
    assert r.returncode == 1
    golden(DATA / "code-reviewer.diff.txt", r.stdout)


def test_diff_json() -> None:
    r = run("diff", *CR, "--format", "json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["a"] == CR[0] and data["b"] == CR[1]
    assert data["summary"] == {"sections": 5, "same": 5, "only_a": 2, "only_b": 4, "near": 1, "conflicts": 5}
    checks = next(s for s in data["sections"] if s["section"] == ["What to check"])
    assert checks["a_line"] == 30 and checks["b_line"] == 17
    assert checks["near"] == [
        {
            "a": {"line": 32, "kind": "list_item", "text": "- **Correctness**: off-by-one errors, null handling and race conditions"},
            "b": {"line": 19, "kind": "list_item", "text": "- **Correctness**: off-by-one errors, null handling, race conditions"},
            "similarity": 0.97,
        }
    ]
    assert [c["key"] for c in data["frontmatter"]["conflicts"]] == ["description", "model"]
    assert data["frontmatter"]["examples"] == {"same": 1, "only_a": [{"line": 13, "user": "Check this diff for security problems"}], "only_b": []}


def test_diff_same_file_exit_0() -> None:
    r = run("diff", CR[0], CR[0])
    assert r.returncode == 0
    assert r.stdout.splitlines()[-1] == "5 sections: 11 units the same, 0 only in a, 0 only in b, 0 near duplicates, 0 conflicts"


def test_diff_missing_file() -> None:
    r = run("diff", CR[0], "nope.md")
    assert (r.returncode, r.stderr) == (2, "agentkit: error: nope.md: no such file\n")


def test_diff_colour_only_in_a_terminal() -> None:
    r = run("diff", *CR)
    assert "\x1b[" not in r.stdout
    assert ROOT.is_dir()
