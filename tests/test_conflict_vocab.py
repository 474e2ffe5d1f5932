"""The conflict vocabulary (agentkit/data/conflict_vocab.json) is well formed.

These tests check the data file on its own: types, lowercase surface forms, one member per
surface form within a family, at least two members per family, real HTTP status codes, and
every optional key documented in the file's `_comment`.
"""

from __future__ import annotations

import http
import json
import re
import sys
from importlib import resources

import pytest

VOCAB = json.loads(resources.files("agentkit.data").joinpath("conflict_vocab.json").read_text(encoding="utf-8"))
HTTP_CODES = {int(s) for s in http.HTTPStatus}
IDENT = re.compile(r"^[a-z][a-z0-9_]*$")

FAMILY_KEYS = {"role_words", "exclusive", "members", "corpus_files"}
FAMILY_OPTIONAL = {"ambiguous", "role_required", "scope_sensitive", "member_files", "contrast_files", "compatible", "mined_members", "purpose_required", "same_subject"}
STATUS_OPTIONAL = {"code_files"}
QUANTITY_OPTIONAL = {"units", "corpus_files"}


def is_phrase(value: object) -> bool:
    return isinstance(value, str) and value == value.strip() and value != "" and value == value.lower() and "  " not in value


def phrases(value: object) -> bool:
    return isinstance(value, list) and len(value) > 0 and all(is_phrase(v) for v in value) and len(set(value)) == len(value)


def test_top_level():
    assert VOCAB["version"] == 1
    assert isinstance(VOCAB["_comment"], str) and VOCAB["_comment"]
    for key in ("families", "hypernyms", "synonyms", "status_roles", "quantities", "polarity_headings"):
        assert isinstance(VOCAB[key], dict) and VOCAB[key], key


@pytest.mark.parametrize("name", sorted(VOCAB["families"]))
def test_family(name):
    fam = VOCAB["families"][name]
    assert IDENT.match(name)
    assert FAMILY_KEYS <= set(fam), FAMILY_KEYS - set(fam)
    assert set(fam) <= FAMILY_KEYS | FAMILY_OPTIONAL, set(fam) - FAMILY_KEYS - FAMILY_OPTIONAL
    assert phrases(fam["role_words"])
    assert isinstance(fam["exclusive"], bool)
    assert isinstance(fam["corpus_files"], int) and fam["corpus_files"] >= 0
    members = fam["members"]
    assert isinstance(members, dict) and len(members) >= 2
    owner: dict[str, str] = {}
    for member, forms in members.items():
        assert IDENT.match(member), member
        assert phrases(forms), (member, forms)
        for form in forms:
            assert form not in owner, f"{form!r} belongs to both {owner[form]} and {member}"
            owner[form] = member
    if "ambiguous" in fam:
        assert phrases(fam["ambiguous"])
        assert set(fam["ambiguous"]) <= set(owner), set(fam["ambiguous"]) - set(owner)
    for key in ("scope_sensitive", "role_required", "purpose_required", "same_subject"):
        if key in fam:
            assert isinstance(fam[key], bool), key
    if fam.get("same_subject"):
        assert fam.get("purpose_required"), "same_subject refines purpose_required"
    for pair in fam.get("compatible", ()):
        assert isinstance(pair, list) and len(pair) == 2 and set(pair) <= set(members), pair
    if fam.get("role_required"):
        assert fam.get("ambiguous"), "role_required needs ambiguous forms"
    if "member_files" in fam:
        assert set(fam["member_files"]) == set(members)
        assert all(isinstance(n, int) and 0 <= n <= fam["corpus_files"] for n in fam["member_files"].values())
    if "contrast_files" in fam:
        assert isinstance(fam["contrast_files"], int) and 0 <= fam["contrast_files"] <= fam["corpus_files"]


def test_hypernyms():
    for thing, kinds in VOCAB["hypernyms"].items():
        assert is_phrase(thing), thing
        assert phrases(kinds), thing
        assert thing not in kinds, thing


def test_synonyms():
    for form, normal in VOCAB["synonyms"].items():
        assert is_phrase(form) and is_phrase(normal), form
        assert form != normal, form
        # a normal form is final: no chains to follow
        assert normal not in VOCAB["synonyms"], (form, normal)


@pytest.mark.parametrize("role", sorted(VOCAB["status_roles"]))
def test_status_role(role):
    entry = VOCAB["status_roles"][role]
    assert IDENT.match(role)
    assert {"words", "codes"} <= set(entry) <= {"words", "codes"} | STATUS_OPTIONAL
    assert phrases(entry["words"])
    codes = entry["codes"]
    assert isinstance(codes, list) and codes and len(set(codes)) == len(codes)
    assert all(type(c) is int and c in HTTP_CODES for c in codes), codes
    for code, n in entry.get("code_files", {}).items():
        assert code.isdigit() and int(code) in HTTP_CODES, code
        assert isinstance(n, int) and n > 0


def test_status_words_name_one_role():
    owner: dict[str, str] = {}
    for role, entry in VOCAB["status_roles"].items():
        for word in entry["words"]:
            assert word not in owner, f"{word!r} names both {owner[word]} and {role}"
            owner[word] = role


@pytest.mark.parametrize("name", sorted(VOCAB["quantities"]))
def test_quantity(name):
    entry = VOCAB["quantities"][name]
    assert IDENT.match(name)
    assert {"words", "unit"} <= set(entry) <= {"words", "unit"} | QUANTITY_OPTIONAL
    assert phrases(entry["words"])
    assert is_phrase(entry["unit"]) or entry["unit"] == "%"
    for unit, factor in entry.get("units", {}).items():
        assert is_phrase(unit) and isinstance(factor, (int, float)) and factor > 0, unit
    if "corpus_files" in entry:
        assert isinstance(entry["corpus_files"], int) and entry["corpus_files"] >= 0


def test_polarity_headings():
    pol = dict(VOCAB["polarity_headings"])
    exact_only = pol.pop("exact_only", [])
    assert {"prohibit", "require"} <= set(pol) <= {"prohibit", "require", "permit"}
    owner: dict[str, str] = {}
    for polarity, words in pol.items():
        assert phrases(words), polarity
        for word in words:
            assert word not in owner, f"{word!r} is both {owner[word]} and {polarity}"
            owner[word] = polarity
    assert phrases(exact_only) and set(exact_only) <= set(owner), set(exact_only) - set(owner)


def test_optional_keys_are_documented():
    comment = VOCAB["_comment"]
    for key in sorted(FAMILY_OPTIONAL | STATUS_OPTIONAL | QUANTITY_OPTIONAL | {"permit", "exact_only"}):
        assert key in comment, key


def test_polarity_cues():
    cues = VOCAB["polarity_cues"]
    assert set(cues) == {"routing", "routing_verbs", "antipattern", "rule_headings", "explain_labels", "remedy_labels", "absence", "condition_leads", "cjk_prohibit", "phrasal_verbs", "example_headings", "choice_headings"}
    for key, words in cues.items():
        if key == "phrasal_verbs":
            assert isinstance(words, dict) and words and all(is_phrase(k) and len(k.split()) == 2 and is_phrase(v) for k, v in words.items())
        else:
            assert phrases(words), key
    assert "polarity_cues" in VOCAB["_comment"]
    for key in cues:
        assert key in VOCAB["_comment"], key


def test_numbers():
    numbers = VOCAB["numbers"]
    assert set(numbers) == {"cardinals", "multiplicatives"}
    for table in numbers.values():
        assert isinstance(table, dict) and table
        for word, value in table.items():
            assert is_phrase(word) and isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0, (word, value)
            assert isinstance(value, int) or " " in word, (word, value)  # a fraction is said in words of its own ("half an")
    assert not set(numbers["cardinals"]) & set(numbers["multiplicatives"])
    assert "numbers" in VOCAB["_comment"]


def _mine_vocab():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "conflicts" / "mine_vocab.py"
    spec = importlib.util.spec_from_file_location("mine_vocab", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["mine_vocab"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_expansion_by_coordination():
    mv = _mine_vocab()
    vocab = {"families": {"js_test_framework": {"role_words": ["test runner"], "exclusive": True, "corpus_files": 0,
                                                "members": {"jest": ["jest"], "vitest": ["vitest"], "mocha": ["mocha"]}}}}
    coords = mv.Coordinations(vocab)
    texts = {
        "a.md": "Write unit tests with Jest, Jasmine or Vitest.",
        "b.md": "Pick one runner: Mocha or Jasmine.",
        "c.md": "We moved from Jasmine to Vitest; Jest and Jasmine remain in old packages.",
        "d.md": "Unit tests use Jasmine instead of Jest.",
        "e.md": "Use Azure DevOps, Jest, and Vitest for the pipeline.",
        "f.md": "Use Azure DevOps, Jest, and Vitest for CI.",
        "g.md": "Use Azure DevOps, Jest, and Vitest for builds.",
        "h.md": "Use Azure DevOps, Jest, and Vitest always.",
    }
    for path, text in texts.items():
        for d in mv.directives(path, "---\nname: x\n---\n\n" + text + "\n", []):
            coords.add(d)
    assert [(fam, name, n, peers) for fam, name, n, peers in coords.candidates()] == [("js_test_framework", "jasmine", 4, ["jest", "mocha", "vitest"])]
    added = mv.write_expansion(vocab, coords)
    assert added == 1
    assert vocab["families"]["js_test_framework"]["members"]["jasmine"] == ["jasmine"]
    assert vocab["families"]["js_test_framework"]["mined_members"] == {"jasmine": 4}


def test_verb_classes():
    classes = VOCAB["verb_classes"]
    assert isinstance(classes, dict) and classes
    seen: dict[str, str] = {}
    for cls, verbs in classes.items():
        assert IDENT.match(cls) and phrases(verbs), cls
        for v in verbs:
            assert " " not in v and v not in seen, (v, cls, seen.get(v))
            seen[v] = cls
    assert "verb_classes" in VOCAB["_comment"]


def test_opposite_states():
    pairs = VOCAB["opposite_states"]
    assert isinstance(pairs, list) and pairs
    seen: set[str] = set()
    for pair in pairs:
        assert isinstance(pair, list) and len(pair) == 2, pair
        for side in pair:
            assert phrases(side), pair
            assert seen.isdisjoint(side), (pair, seen & set(side))  # a word names one state of one pair
            seen.update(side)
    assert "opposite_states" in VOCAB["_comment"]


def test_new_family_clusters():
    mv = _mine_vocab()
    coords = mv.Coordinations({"families": {}})
    texts = ["Load tests run in Gatling or Locust.", "We pick Locust, Gatling or Artillery.", "We compared Gatling and Locust.",
             "Soak tests use Artillery vs Locust.", "We use Artillery or Locust, not both.", "Pick Locust",
             "We use Artillery, Locust and Grafana Cloud."]  # "Pick Locust": a sentence's first word is capitalised anyway
    for i, text in enumerate(texts):
        for d in mv.directives(f"{i}.md", "---\nname: x\n---\n\n" + text + "\n", []):
            coords.add(d)
    assert coords.new_families() == [("artillery", "locust", 4), ("gatling", "locust", 3)]  # not "Grafana": "Grafana Cloud" is one name
    assert coords.clusters() == [["artillery", "gatling", "locust"]]
