"""Named choices across variants (agentkit/conflicts/named.py): what counts as a name,
and the guards that the rule fixtures cannot isolate because another check also reads
the same pair."""

from __future__ import annotations

from pathlib import Path

import pytest

import agentkit
from agentkit.conflicts.named import aligned_values, named_choices, names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Page the on-call mechanic through PagerDuty.", ("PagerDuty",)),
        ("Shampoo with TropiClean unless the owner brings one.", ("TropiClean",)),
        ("Colour-manage every job to FOGRA39.", ("FOGRA39",)),
        ("**Cylinders.** Avocet ABS is our standard replacement cylinder.", ("ABS",)),
        ("Set `max_tokens` on every call.", ("max_tokens",)),
        ("Brake pads are bought locally, not from Jagwire.", ()),  # negated in its clause
        ("Flag parts within 100 FH of their life limit.", ()),  # a unit after a number
        ("Use Django's admin for quick edits.", ()),  # a possessive qualifies, it does not choose
        ("Find the failing code with Grep, then Read the file.", ()),  # Claude Code tools
        ("Stock lists MUST be kept in `stock/parts.csv`.", ()),  # a path
        ("Only EPA 608 certified technicians go.", ("EPA",)),  # a capital that opens a sentence is no name
        ("Every job is done with the Kärcher dust extractor running.", ("Kärcher",)),  # a letter outside ASCII
        ("Fix N+1 queries in C++ code.", ("N+1", "C++")),
    ],
)
def test_names(text: str, expected: tuple[str, ...]) -> None:
    assert names(text) == expected


def _variant_docs(tmp_path: Path, stem: str, a: str, b: str) -> list:  # type: ignore[type-arg]
    """Two variants of one agent whose bodies are ``a`` and ``b``."""
    docs = []
    for name, body in ((stem, a), (f"{stem}.city", b)):
        p = tmp_path / f"{name}.md"
        p.write_text(f"---\nname: bike-{stem}\ndescription: Plans workshop jobs.\n---\n\n{body}\n", encoding="utf-8")
        docs.append(agentkit.load(str(p)))
    return docs


def _variants(tmp_path: Path, stem: str, a: str, b: str, check) -> list[str]:  # type: ignore[no-untyped-def]
    """What ``check`` finds between two variants of one agent whose bodies are ``a`` and ``b``."""
    ds = [d for doc in _variant_docs(tmp_path, stem, a, b) for d in agentkit.directives(doc)]
    return [c.message for c in check(ds, [])]


def _pair(tmp_path: Path, a: str, b: str) -> list[str]:
    return _variants(tmp_path, "shop", a, b, named_choices)


def test_two_products_for_one_thing(tmp_path: Path) -> None:
    got = _pair(tmp_path, "## Parts\n\n- Wheel builds use DT Swiss hubs.", "## Parts\n\n- Our wheel builds run on Hope hubs.")
    assert got == [
        'enum conflict on `wheel builds hubs` between variants: Hope vs DT Swiss, each file naming only its own: '
        '"Our wheel builds run on Hope hubs." vs shop.md:8: "Wheel builds use DT Swiss hubs."'
    ]


def test_a_list_of_skills_chooses_nothing(tmp_path: Path) -> None:
    assert _pair(tmp_path, "## Focus Areas\n\n- Wheel builds use DT Swiss hubs.", "## Focus Areas\n\n- Our wheel builds run on Hope hubs.") == []


def test_the_agents_identity_chooses_nothing(tmp_path: Path) -> None:
    assert _pair(tmp_path, "You plan jobs in the Velo Works shop.", "You plan jobs in the Cycle Hub shop.") == []
    assert len(_pair(tmp_path, "Plan jobs in the Velo Works shop.", "Plan jobs in the Cycle Hub shop.")) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # The names sit in another clause than the words both rules share.
        ("- Carry a SPOT tracker on every run.", "- The kibble is Royal Canin Sporting Life, and the guides carry a pouch of it for rewards."),
        ("- Check the snow and avalanche report on the SAIS website before a snow tour.", "- All harnesses come from Zero DC and are checked for wear before every tour."),
    ],
)
def test_a_name_in_another_clause_chooses_nothing(tmp_path: Path, a: str, b: str) -> None:
    assert _pair(tmp_path, a, b) == []
    # (neither does the aligned-clause reading, which sees the same pair)
    assert [c.message for c in agentkit.conflicts(_variant_docs(tmp_path, "shop", a, b))] == []


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # How a thing is sent is where it goes ("go out by" / "ship with").
        ("- Commissions go out by Parcelforce, double-boxed.", "- Commissions ship with DPD.",
         'enum conflict on `Commissions` between variants: DPD vs Parcelforce, each file naming only its own: "Commissions ship with DPD." vs shop.md:6: "Commissions go out by Parcelforce, double-boxed."'),
        # One letter outside ASCII makes a name, not a translated rule.
        ("- Every job is done with the Kärcher dust extractor running.", "- Run the Numatic extractor with the HEPA filter.",
         'enum conflict on `extractor` between variants: Numatic, HEPA vs Kärcher, each file naming only its own: "Run the Numatic extractor with the HEPA filter." vs shop.md:6: "Every job is done with the Kärcher dust extractor running."'),
    ],
)
def test_named_choices_found(tmp_path: Path, a: str, b: str, expected: str) -> None:
    assert _pair(tmp_path, a, b) == [expected]


def test_a_name_beside_a_word_that_starts_the_shared_one(tmp_path: Path) -> None:
    # "Compile" is about the compilers the other rule names, though the shared word is in the second clause.
    got = _pair(tmp_path, "- Compile with GCC 13; the vendor compilers are not supported by our build recipes.", "- Use the Intel oneAPI compilers (icx, ifx).")
    assert got == [
        'enum conflict on `compilers` between variants: Intel oneAPI vs GCC, each file naming only its own: '
        '"Use the Intel oneAPI compilers (icx, ifx)." vs shop.md:6: "Compile with GCC 13; the vendor compilers are not supported by our build recipes."'
    ]


def _values_pair(tmp_path: Path, a: str, b: str) -> list[str]:
    return _variants(tmp_path, "desk", a, b, aligned_values)


def test_reworded_rules_with_two_values(tmp_path: Path) -> None:
    assert _values_pair(tmp_path, "- Keep customer repair records for 12 months.", "- Repair records of customers are deleted after 6 months.") == [
        'value conflict on `Repair records customers` between variants: 6 months vs 12 months cannot both hold: '
        '"Repair records of customers are deleted after 6 months." vs desk.md:6: "Keep customer repair records for 12 months."'
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two subjects: the word before the shared one differs on both sides
        ("- Road bikes wait 12 days for a full service.", "- Give cargo bikes their full service within 16 days."),
        # the value's own clause says none of the shared words
        ("- Brake bleeds are done within 3 days, and the workshop manager reviews the repair queue.", "- Repair queue reviews by the workshop manager happen every 2 days."),
        # a value and a bound at that value are one target
        ("- Degreaser baths are kept at 40°C or above.", "- Degreaser baths MUST be kept at 40°C."),
        # one rule holds in a case only
        ("- Charge £20 per hour for storage.", "- When the bike stays over a month, charge £30 per hour for storage."),
    ],
)
def test_values_that_do_not_conflict(tmp_path: Path, a: str, b: str) -> None:
    assert _values_pair(tmp_path, a, b) == []


def test_values_in_two_units_are_compared_in_one(tmp_path: Path) -> None:
    # 45 minutes and more overlaps 2 hours: two targets; at most 48 hours and three days cannot both hold.
    got = _values_pair(tmp_path, "- A test that runs longer than 45 minutes is killed and counted as a failure.", "- Each test MUST time out after 2 hours.")
    assert [m.split(":")[0] for m in got] == ["target conflict on `test` between variants"]
    got = _values_pair(tmp_path, "- Sail repairs are finished within 48 hours.", "- Sail repairs take three days.")
    assert [m.split(":")[0] for m in got] == ["value conflict on `Sail repairs` between variants"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # 14 days is in both rules: the percentages are what differs
        ("- Recommend a smaller bike when average use is below 20% over 14 days.", "- Recommend a smaller bike when average use is below 10% over 14 days.", "target conflict on `smaller bike average`"),
        # "when daily parts spend is 50% above …" is the case of the value itself, not another case
        ("- Alert the manager when daily parts spend is 50% above the weekly average.", "| Alert | When |\n|---|---|\n| Spend alert | daily parts spend more than 20% above the weekly average |", "target conflict on `Spend alert daily above`"),
        # "before it is replaced" orders the steps
        ("- Refit a worn chain at most twice.", "- A worn chain MAY be refitted up to three times before it is replaced.", "target conflict on `worn chain refitted`"),
        # "when the contract is signed" is said by both rules
        ("- Take a storage deposit of 30% at storage contract signing.", "- A storage deposit of 25% is due when the storage contract is signed.", "value conflict on `storage deposit contract signed`"),
        # a case one of whose words the other rule says ("at signing")
        ("- Take a deposit of 30% at signing.", "- Winter berths need a 25% deposit when the contract is signed.", "value conflict on `deposit signed`"),
        # a case in another clause than the value's
        ("- Touch-ups on a bike frame SHOULD be free for six months.", "- One free frame touch-up within three months; after that it is charged at the hourly rate.", "value conflict on `free frame`"),
        # an exception leaves the rule in every other case
        ("- Brake cables are replaced every five years.", "- Brake cables are changed every 7 years unless the outer casing is damaged.", "value conflict on `Brake cables`"),
        # "pH" has no unit: the noun it follows names the quantity
        ("- Keep the degreaser bath pH between 7.2 and 7.6.", "- The degreaser bath pH MUST stay above 7.8.", "value conflict on `degreaser bath pH`"),
        # as many values on each side, in the same units: the first of each
        ("- The handover report goes out at 06:00 and 18:00.", "- Handover reports go out at 07:00 and 19:00.", "value conflict on `Handover reports`"),
        # a rule marked ❌ allows the complement of its bound
        ("- Spray only when the wind is under 10 mph.", "- ❌ Spraying in a wind over 6 mph", "target conflict on `Spraying wind`"),
        # "or" joins words, not clauses: "at or above", "a rehearsal or get-in day"
        ("- Workshop changes SHOULD keep the bench test pass rate at or above 85%.", "- The bench test pass rate of workshop changes must be at least 90%.", "target conflict on `bench test pass rate`"),
        ("- A service or repair day MUST NOT run longer than 8 hours.", "- Service days can run up to 10 hours.", "target conflict on `Service`"),
        # two values left on one side: the one whose clause says a shared word
        ("- Service brakes every 30 days and tyres every 60 days.", "- Service brakes every 45 days.", "value conflict on `Service brakes`"),
        ("- Phones are on silent in the dormitories, and lights out is at 22:00.", "- Bar closes at 21:00; lights out at 21:30.", "value conflict on `lights`"),
        # ... when it is only one: which one is compared is not known
        ("- Service brakes every 30 days and brake pads every 60 days.", "- Service brakes every 45 days.", None),
        # a comma parts two things ("Hospital linen …, hotel linen …")
        ("- Hospital linen comes back within 24 hours of collection, hotel linen within 48 hours.", "- Hospital linen MUST be back with the customer within 24 hours of collection.", None),
        # numbers without a unit whose nouns are not the shared words
        ("- Workshop reports MUST hide any count below 11.", "- Anyone older than 89 is shown in workshop reports as 90.", None),
    ],
)
def test_aligned_values(tmp_path: Path, a: str, b: str, expected: str | None) -> None:
    got = [m.split(":")[0] for m in _values_pair(tmp_path, a, b)]
    assert got == ([f"{expected} between variants"] if expected else [])


def test_a_number_that_differs_is_no_repeat(tmp_path: Path) -> None:
    docs = _variant_docs(tmp_path, "desk", "- Recommend a smaller bike when average use is below 20% over 14 days.", "- Recommend a smaller bike when average use is below 10% over 14 days.")
    assert [c.kind for c in agentkit.conflicts(docs)] == ["target"]
