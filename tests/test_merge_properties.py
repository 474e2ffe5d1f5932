"""Property: whatever the variants, every unit of every input is accounted for."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_merge import check_accounts

import agentkit
from agentkit.merge import merge

WORDS = ["validate", "inputs", "log", "errors", "cache", "queries", "write", "tests", "review", "deploy", "retry", "requests", "index", "tables", "document", "changes"]
TITLES = ["Error Handling", "error handling & validation", "Testing", "2. Testing approach", "Security", "Workflow", "Output Format", "Style"]

sentence = st.lists(st.sampled_from(WORDS), min_size=2, max_size=7).map(lambda ws: " ".join(ws).capitalize())
unit = st.one_of(
    sentence.map(lambda s: f"- {s}"),
    sentence.map(lambda s: f"1. {s}"),
    sentence.map(lambda s: f"{s}. {s.lower()} again."),
    sentence.map(lambda s: f"```\n{s}\n```"),
    st.tuples(sentence, sentence).map(lambda p: f"- {p[0]}\n  - {p[1]}"),
)
section = st.tuples(st.sampled_from(TITLES), st.lists(unit, min_size=0, max_size=5))
body = st.lists(section, min_size=0, max_size=4)


def variant(rng_body, tweak: int) -> str:  # type: ignore[no-untyped-def]
    lines = ["---", "name: helper", f"description: Use this agent for {'tests' if tweak % 2 else 'reviews'}.", "---", ""]
    for title, units in rng_body:
        lines += [f"## {title}", ""]
        for u in units:
            lines += [u, ""]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(body, min_size=2, max_size=3), st.data())
def test_every_unit_is_accounted_for(bodies, data) -> None:  # type: ignore[no-untyped-def]
    # Variants share material: each later one reuses sections of the first.
    shared = bodies[0]
    texts = []
    for i, b in enumerate(bodies):
        reuse = data.draw(st.lists(st.sampled_from(shared), max_size=len(shared))) if shared else []
        texts.append(variant(list(b) + reuse if i else list(b), i))
    docs = [agentkit.load_text(t, path=f"v{i}.md") for i, t in enumerate(texts)]
    r = merge(docs, prefer=["v0.md"], engine=None)
    assert r.text is not None and r.exit_code == 0
    check_accounts(docs, r.report, r.text)
    again = merge([agentkit.load_text(t, path=f"v{i}.md") for i, t in enumerate(texts)], prefer=["v0.md"], engine=None)
    assert again.text == r.text
    out = agentkit.load_text(r.text, path="out.md")
    assert out.strict_yaml and out.name == "helper"
