"""A directive's frame is read in two parts: the head the checks decide on, and the rest."""

from __future__ import annotations

from pathlib import Path

from conftest import SEEDS

import agentkit
from agentkit.conflicts import frames
from agentkit.conflicts.api import pieces


def test_head_is_the_start_of_the_frame() -> None:
    # A directive's head (read first by the checks) holds the same polarity, strength,
    # action, condition and values as its whole frame: finishing a head rewrites none of them.
    seen = 0
    for path in sorted(SEEDS.glob("*.md")):
        for p in pieces(agentkit.load(str(path))):
            if p.source == "frontmatter":
                continue
            h = p.head
            f = p.frame
            assert (h.polarity, h.strength, h.action, h.condition, h.values) == (f.polarity, f.strength, f.action, f.condition, f.values)
            seen += 1
    assert seen > 300


def test_numbers_are_the_pattern_matches() -> None:
    texts = [
        "keep functions under 50 lines and files under 400 lines",
        "at   least      80% coverage",  # long runs of spaces: the plain scan
        "no more than 3 retries, within 30 s; 1,000 rows per batch",
        "v2.0 and #42 are not quantities, 5-10 items are",
        "\u0663 then 7 words",
        "",
    ]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in frames._numbers(text)] == [(m.span(), m.groupdict()) for m in frames._NUM.finditer(text)]


def test_an_imperative_under_constraints_keeps_its_own_reading() -> None:
    # *Constraints* lists rules: "ask …" there asks; under *Don'ts* the same item forbids.
    assert frames.section_polarity(("Agent", "Constraints")) == "constraint"
    assert frames.section_polarity(("Agent", "Don'ts")) == "prohibit"
    text = "When a mapping is ambiguous, ask the data team instead of guessing."
    assert (frames.frame(text, "", "constraint", True).polarity, frames.frame(text, "", "constraint", True).strength) == ("require", "imperative")
    assert frames.frame(text, "", "prohibit", True).polarity == "prohibit"
    assert (frames.frame("Production database access", "", "constraint", True).polarity, frames.frame("Production database access", "", "constraint", True).strength) == ("prohibit", "inherited")
    assert frames.frame("Do not invent codes.", "", "constraint", True).polarity == "prohibit"


def test_under_constraints_a_statement_states_and_a_determiner_marks_an_imperative() -> None:
    def polarity(text: str) -> str | None:
        return frames.frame(text, "", "constraint", True).polarity

    # A statement states the rule; a noun phrase is what the heading forbids.
    assert polarity("Rejected messages stay in the error queue for 30 days.") is None
    assert polarity("Same-day replies close at 15:00.") is None
    assert polarity("Stair evacuations from the theatre floor use the Ferno EZ-Glide stair chair.") is None  # (six words before the verb)
    assert polarity("Direct writes to the production database from the admin panel") == "prohibit"
    assert polarity("Secrets in logs or reports") == "prohibit"
    assert polarity("Network calls during tests") == "prohibit"
    # A capitalised word and a determiner: an imperative whatever its verb ...
    assert polarity("Grade each case on a four-point scale.") == "require"
    # ... unless the word is one no imperative opens with.
    assert polarity("All the dashboards in one folder") == "prohibit"


def test_word_starts_finds_what_the_whole_word_pattern_finds():
    # Whole words only: not inside "pnpm", not joined by "-" or "_", nor after a digit
    # of another script ("²" counts as a word character, as in the pattern).
    low = "npm, pnpm npm-run x-npm npm_x ²npm (npm) npm"
    assert frames.word_starts(low, "npm") == [0, 36, 41]
    assert frames.word_starts(low, "npm") == [m.start() for m in frames.spelling_re("npm").finditer(low)]
    # No overlaps, left to right, as the pattern's finditer.
    assert frames.word_starts("a.a.a", "a.a") == [m.start() for m in frames.spelling_re("a.a").finditer("a.a.a")] == [0]
    assert frames.word_starts("every week, every weekday", "every week") == [0]


def test_a_cap_is_an_upper_bound() -> None:
    # "Cap each wave at 40 orders" says at most 40, as "A wave MUST contain at most 40 orders" does.
    assert [(v.text, v.interval()) for v in frames.typed_values("Cap each wave at 40 orders.")] == [("at most 40 orders", "(-inf, 40]")]
    assert [(v.text, v.interval()) for v in frames.typed_values("Limit uploads to 10 MB.")] == [("at most 10 mb", "(-inf, 10]")]
    assert [(v.text, v.interval()) for v in frames.typed_values("Waves run for 40 minutes.")] == [("40 minutes", "[40, 40]")]
    # The clause comparison across variants reads a cap the same way.
    from agentkit.conflicts import engine

    assert [c.nums for c in engine._al_clauses("Cap each wave at 40 orders.")] == [{"#40": (None, 40.0)}]
    assert [c.nums for c in engine._al_clauses("Limit output, and go back to 3 retries.")] == [{"#3": (3.0, 3.0)}]


def read(text: str) -> tuple[str | None, str | None]:
    """The polarity and the action of a rule's frame."""
    f = frames.frame(text)
    return f.polarity, f.action


def test_a_verb_the_lists_lack_is_read_by_its_place() -> None:
    # A capitalised word and a determiner open an imperative; a bold lead word ending in a full stop is a label.
    assert read("Email the venue managers a request for dates.") == ("require", "email")
    assert read("**Outreach.** Email the venue managers a request for dates.") == ("require", "email")
    assert read("Book the main hall for every home fixture.") == ("require", "book")
    # The word after a negation that tells the agent not to act.
    assert read("Don't email venue managers; the secretary writes to them.") == ("prohibit", "email")
    assert read("Never book the main hall.") == ("prohibit", "book")
    # Not a description, an adverb, a negation that describes, or a negated word with no object.
    assert read("Oversees the whole season before it books a hall.")[1] is None
    assert read("Sometimes the secretary books the main hall.")[1] is None
    assert read("Usually the coach books the hall.")[1] is None
    assert read("If a finding fails any of these criteria, it does not belong in the output.")[1] is None
    assert read("Never trust, always verify.")[1] is None


def test_variant_rules_meet_through_four_rare_words() -> None:
    # "Every batch, tank move and gravity reading goes into Ekos" and "Batches, transfers and
    # readings are recorded in Orchestrated Beer" share only their fourth-rarest words.
    base = Path(__file__).resolve().parent.parent / "benchmarks" / "conflicts" / "agents" / "brewery"
    docs = [agentkit.load(str(base / f)) for f in ("brew-production-planner.md", "brew-production-planner.riverside.md")]
    found = [(c.code, c.topic, [s.span.line for s in c.sides]) for c in agentkit.conflicts(docs) if "Ekos vs Orchestrated Beer" in c.message]
    assert found == [("AK503", "batch reading", [14, 17])]


def test_a_statement_of_what_something_is_says_nothing_of_where_it_runs() -> None:
    from agentkit.conflicts import engine

    assert engine._al_predicate("The pipeline is a Snakemake workflow.") == "@is"
    assert engine._al_predicate("The pipeline runs on the Slurm cluster.") == "@placed"
    assert engine._al_predicate("Records are in Koha.") == engine._al_predicate("Records live in Evergreen.") == "@placed"


def test_comparatives_bound_a_number() -> None:
    def values(text: str) -> list[tuple[str, str]]:
        return [(v.text, v.interval()) for v in frames.typed_values(text)]

    assert values("Shifts must not be longer than 12 hours.") == [("longer than 12 hours", "(12, +inf)")]
    assert values("The summary is filed no later than 10 days after release.") == [("no later than 10 days", "(-inf, 10]")]
    assert values("Keep the brine no lower than 4 percent.") == [("no lower than 4 percent", "[4, +inf)")]
    # Number words: every cardinal to twenty and the tens, and a cardinal times a hundred or a thousand.
    assert values("Nobody works longer than fourteen hours.") == [("longer than fourteen hours", "(14, +inf)")]
    assert values("Don't give a crew more than twelve hundred lifts.") == [("more than twelve hundred lifts", "(1200, +inf)")]
    assert values("Keep it under two thousand words.") == [("under two thousand words", "(-inf, 2000)")]


def test_a_purpose_keeps_its_own_negation_and_try_not_to_forbids() -> None:
    # The negation inside "to confirm … that the file is not locked" is the purpose's, not the rule's.
    assert read("Run `pdfinfo` on every sheet to confirm that the file is not locked.") == ("require", "run")
    assert read("Never run `pdfinfo` to confirm the page size.") == ("prohibit", "run")
    # "Try not to", "Remember not to", "Be careful not to": a prohibition of what follows.
    assert read("Try not to use mocks.") == ("prohibit", "use")
    assert read("Remember not to push to main.") == ("prohibit", "push")
    assert read("Be careful not to log secrets.") == ("prohibit", "log")
    assert read("Make sure not to commit secrets.") == ("prohibit", "commit")
    # A "make sure not to" inside the purpose is the purpose's; a rule after ";" is a rule of its own.
    assert read("Run the full test suite to make sure not to break anything.")[0] == "require"
    assert read("Use Grep to search the code; never use Bash.") == ("prohibit", "use")


def test_irregular_participles_and_hyphenated_plurals() -> None:
    # "MUST be worn" is a passive of "wear"; the plural of a hyphenated word is the word.
    f = frames.frame("Self-rescuers MUST be worn on the belt.")
    assert (f.polarity, f.action, f.objects) == ("require", "wear", ("self-rescuer", "belt"))
    assert frames.frame("Animals must not be fed by guests.").action == "feed"
    f = frames.frame("Laminated dough MAY be frozen ahead of large orders.")
    assert (f.polarity, f.action, f.objects) == ("permit", "freeze", ("laminat", "dough", "ahead", "larg", "order"))
    assert frames.word_key("self-rescuers") == frames.word_key("self-rescuer") == "self-rescuer"
    assert frames.word_key("e-mails") == "e-mail"


def test_let_and_allow_name_the_act_that_follows() -> None:
    assert [(f.polarity, f.action, f.objects) for f in map(frames.frame, [
        "Don't let visitors touch the rays.",
        "Never allow guests to feed the sea stars when the pool is closed.",
        "Let the nightly jobs run overnight.",
    ])] == [
        ("prohibit", "touch", ("ray",)),
        ("prohibit", "feed", ("sea", "star")),
        ("require", "run", ("overnight",)),
    ]


def test_a_system_of_record_and_the_head_words_of_what_it_keeps() -> None:
    from agentkit.conflicts.engine import _system_of

    assert _system_of("1. Work orders, sites and technician schedules MUST be kept in FieldEdge.") == (
        "FieldEdge", frozenset({"work", "order", "sit", "technician", "schedul"}), (("work", "order"), ("sit",), ("technician", "schedul"))
    )
    assert _system_of("**Parent app.** Daily diaries, photos and messages go through **Famly**.")[0] == "Famly"
    assert _system_of("Permits to work MUST be issued in SAP EHS.") == ("SAP EHS", frozenset({"permit", "work"}), (("permit",),))
    assert [_system_of(t) for t in ("Tests live in the tests folder.", "Deploys are done on Tuesdays.", "If you use Docker for local development, pin it.")] == [None, None, None]


def test_an_order_is_said_of_the_act() -> None:
    from agentkit.conflicts.engine import _ORDER

    said = ["Board motorcycles first, at the bow.", "Sesame bagels are baked off first thing.", "Load them last if the ramp is closed.",
            "Report the last 30 days.", "Load the first lorry.", "Sort results by date, newest first.", "Load them at last.", "Load the last."]
    assert [[m.group(1) for m in _ORDER.finditer(t.lower())] for t in said] == [["first"], ["first"], ["last"], [], [], [], [], []]


def test_an_amount_of_money_is_a_value_and_a_reference_is_not() -> None:
    got = [[(v.role, v.low, v.high, v.unit, v.text) for v in frames.typed_values(t)] for t in (
        "The deposit is £300.", "Spend at most $40 per order.", "Replace $1 with the name.")]
    assert got == [[("np:deposit", 300.0, 300.0, "£", "£300")], [("np:order", None, 40.0, "$", "at most $40")], []]


def test_lengths_speeds_and_angles_are_values_with_their_unit() -> None:
    got = [[(v.text, v.unit, v.interval()) for v in frames.typed_values(t)] for t in (
        "Gaps around a fire door MUST NOT exceed 4 mm.", "Close the gondola when sustained wind passes 60 km/h.",
        "The speed limit inside the marina is 3 knots.", "A boat longer than 12 m needs the yard manager.",
        "Never put a boat over 40 ft on the hard.", "Targets stay above 30° altitude.", "Lightning within 16 kilometres stops work.",
        "Wait 5m, then retry.", "Raise $5 m this year.")]
    assert got == [
        [("not exceed 4 mm", "mm", "(-inf, 4]")], [("60 km/h", "km/h", "[60, 60]")], [("3 knots", "kn", "[3, 3]")],
        [("longer than 12 m", "m", "(12, +inf)")], [("over 40 ft", "ft", "(40, +inf)")], [("above 30°", "°", "(30, +inf)")],
        [("within 16 kilometres", "km", "(-inf, 16]")], [], [],
    ]
    # A length in another unit is compared in metres; a speed in knots or mph in km/h.
    from agentkit.conflicts.engine import _in_base_unit

    def base(t: str) -> list[tuple[str | None, float | None, float | None]]:
        return [(w.unit, w.low, w.high) for w in (_in_base_unit(v, {}) for v in frames.typed_values(t))]

    assert base("over 40 ft") == [("m", 12.192, None)]
    assert base("keep to 5 knots") == [("km/h", 9.26, 9.26)]
    assert base("gaps of 3 mm") == [("m", 0.003, 0.003)]


def test_a_unit_joined_by_a_hyphen_is_read() -> None:
    got = [[(v.text, v.unit, v.interval()) for v in frames.typed_values(t)] for t in (
        "Fitted locks MUST carry a 12-month warranty.", "A 10-minute observation minimum applies.", "Run a 3-hour discharge test.")]
    assert got == [[("12-month", "month", "[12, 12]")], [("10-minute", "min", "[10, 10]")], [("3-hour", "h", "[3, 3]")]]


def test_a_count_of_things_is_a_value_in_those_things() -> None:
    got = [[(v.text, v.unit, v.interval()) for v in frames.typed_values(t)] for t in (
        "Take at least four photos for every PCN.", "Hold two emergency slots every weekday morning.",
        "Book no more than 6 calls per technician per day.", "Every release needs 2 approvals.",
        "Use 3 retries.", "It has 5 analysis steps.", "Version 2 was this.", "Pick 3 of them.", "Each room takes 2 to 6 players.")]
    assert got == [
        [("at least four photos", "#photo", "[4, +inf)")], [("two emergency slots", "#slot", "[2, 2]")],
        [("no more than 6 calls", "#call", "(-inf, 6]")], [("2 approvals", "#approval", "[2, 2]")],
        [("3 retries", "count", "[3, 3]")], [("5 analysis steps", "#step", "[5, 5]")], [], [], [("2 to 6 players", "#player", "[2, 6]")],
    ]


def test_nothing_over_a_bound_is_at_most_the_bound() -> None:
    got = [[(v.text, v.interval()) for v in frames.typed_values(t)] for t in (
        "✅ Lift nothing over 30 tonnes", "No boat longer than 12 m goes on the hard.", "None above 5 kg.",
        "Handle orders with no more than 3 lines.", "Boats over 10 m need three stands.")]
    assert got == [
        [("nothing over 30 tonnes", "(-inf, 30]")], [("no boat longer than 12 m", "(-inf, 12]")], [("none above 5 kg", "(-inf, 5]")],
        [("no more than 3 lines", "(-inf, 3]")], [("over 10 m", "(10, +inf)"), ("three stands", "[3, 3]")],
    ]


def test_once_a_month_is_how_often_not_when() -> None:
    assert frames.frame("Inspect the refuge chambers once a month.", "", None, True).condition is None
    assert frames.frame("Flush the drip lines once a week.", "", None, True).condition is None
    assert frames.frame("Merge the branch once the tests pass.", "", None, True).condition == "once the tests pass"


def test_a_fronted_case_without_its_comma_is_the_condition() -> None:
    f = frames.frame("For groups of under ten rooms you may quote the group rate directly.", "", None, True)
    assert (f.polarity, f.action, f.condition) == ("permit", "quote", "for groups of under ten rooms")
    assert frames.frame("In production you must not log tokens.", "", None, True).condition == "in production"
    assert frames.frame("For each file you review write a summary.", "", None, True).condition is None


def test_a_number_in_a_name_or_a_version_counts_nothing() -> None:
    got = [[v.text for v in frames.typed_values(t)] for t in (
        "ES6+ features (destructuring, modules, classes)", "ISO 27001 controls implementation", "Python 3 scripts only",
        "Keep three emergency slots open each weekday.")]
    assert got == [[], [], [], ["three emergency slots"]]


def test_a_time_of_day_is_a_value_in_minutes() -> None:
    got = [[(v.text, v.unit, v.interval()) for v in frames.typed_values(t)] for t in (
        "The report goes out every Monday at 08:00.",
        "Appointments start no earlier than 7:30.",
        "Body text needs a contrast ratio of at least 7:1.",  # a ratio, not a time
    )]
    assert got == [
        [("08:00", "clock", "[480, 480]")],
        [("no earlier than 7:30", "clock", "[450, +inf)")],
        [("at least 7", None, "[7, +inf)")],
    ]
    assert [(v.text, v.interval()) for v in frames.typed_values("The support desk closes at 3:00 PM.")] == [("3:00 pm", "[900, 900]")]
    got = [[(v.text, v.interval()) for v in frames.typed_values(t)] for t in ("Post cancellations on the district website by 7 am.", "Machinery MUST NOT start before 9 am.")]
    assert got == [[("by 7 am", "(-inf, 420]")], [("before 9 am", "(-inf, 540)")]]


def test_a_fraction_in_words_is_a_number() -> None:
    got = [[(v.text, v.interval()) for v in frames.typed_values(t)] for t in ("We allow half an hour of grace.", "Donors rest for a quarter of an hour.", "Keep half a dozen spare.")]
    assert got == [[("half an hour", "[0.5, 0.5]")], [("a quarter of an hour", "[0.25, 0.25]")], []]


def test_a_bound_written_after_the_unit() -> None:
    got = [[(v.text, v.interval()) for v in frames.typed_values(t)] for t in (
        "Keep each entry to 12 lines or fewer.",
        "Support sessions last 30 minutes or longer.",
    )]
    assert got == [[("12 lines or fewer", "(-inf, 12]")], [("30 minutes or longer", "[30, +inf)")]]


def test_every_comparative_bounds_a_number() -> None:
    got = [[(v.text, v.interval()) for v in frames.typed_values(t)] for t in (
        "Never let the ice get thinner than 30 mm.",
        "Keep the cold room colder than 5 °C.",
        "Keep the cover no thinner than 20 mm.",
        "Rollers heavier than one tonne stay off the square.",
        "A quarter peal is 1,250 changes or more.",
    )]
    assert got == [
        [("thinner than 30 mm", "(-inf, 30)")],
        [("colder than 5 °C", "(-inf, 5)")],
        [("no thinner than 20 mm", "[20, +inf)")],
        [("heavier than one tonne", "(1, +inf)")],
        [("1,250 changes or more", "[1250, +inf)")],
    ]


def test_stone_and_units_joined_by_a_hyphen() -> None:
    got = [[(v.text, v.unit, v.interval()) for v in frames.typed_values(t)] for t in (
        "Passengers weighing more than 17 stone MUST NOT fly.",
        "Roll the square with the 1.5-tonne roller.",
        "Carry a 10-kg bag.",
    )]
    assert got == [[("more than 17 stone", "st", "(17, +inf)")], [("1.5-tonne", "t", "[1.5, 1.5]")], [("10-kg", "kg", "[10, 10]")]]


def test_banned_forbids_and_a_hyphenated_verb_is_its_last_word() -> None:
    got = [(f.polarity, f.action, f.objects) for f in (frames.frame(t, "", None, True) for t in (
        "Glyphosate is banned.",
        "Spot-treat bindweed with glyphosate.",
        "Squash-merge every pull request.",
        "Follow-up emails go out weekly.",
    ))]
    assert got == [
        ("prohibit", None, ("glyphosat",)),
        ("require", "treat", ("bindw", "glyphosat")),
        ("require", "merge", ("pull", "request")),
        (None, None, ("follow-up", "email", "go", "weekly")),
    ]


def test_what_a_prohibition_includes_is_forbidden_too() -> None:
    got = [frames.frame(t, "", None, True).groups for t in (
        "No livestock of any kind, hens included.",
        "Never share customer data, including email addresses.",
        "A shift MUST NOT be longer than 12 hours, travel included.",  # a value's scope, not a second thing
    )]
    assert got == [(("livestock", "~kind"), ("hen",)), (("customer", "data"), ("email", "address")), (("12", "hour"), ("travel", "includ"))]


def test_a_negation_in_a_purpose_is_not_the_rules() -> None:
    got = [(f.polarity, f.action) for f in (frames.frame(t, "", None, True) for t in (
        "Ask passengers to be at the gate 45 minutes before launch so the briefing is not rushed.",
        "Keep the door shut so the heat does not escape.",
        "Never push to main so the history stays clean.",
    ))]
    assert got == [("require", "ask"), ("require", "keep"), ("prohibit", "push")]


def test_a_passive_names_its_act_even_of_a_verb_the_lists_lack() -> None:
    got = [(f.polarity, f.action, f.objects) for f in (frames.frame(t, "", None, True) for t in (
        "Dependency caches MUST NOT be used.",
        "Unreachable coverage MAY be waived.",
        "Climbs MUST NOT be scheduled after sunset.",
        "Prices are never quoted on the phone.",  # (the copula before the negation)
    ))]
    assert got == [
        ("prohibit", "use", ("dependency", "cach")),
        ("permit", "waiv", ("unreachabl", "coverag")),
        ("prohibit", "schedule", ("climb",)),
        ("prohibit", "quote", ("pric", "phon")),
    ]


def test_a_hyphenated_key_stands_for_its_words_unless_a_prefix_makes_a_word() -> None:
    from agentkit.conflicts import engine

    got = [sorted(engine._parts_of(k)) for k in ("gpg-signed", "minimum-stay", "self-documenting", "auto-generated", "follow-up", "e-mail")]
    assert got == [["gpg", "sign"], ["minimum", "stay"], [], [], [], []]


def test_past_and_beyond_bound_a_number_and_the_past_is_a_window() -> None:
    got = [[(v.text, v.low, v.high) for v in frames.typed_values(t)] for t in (
        "The narrative never runs past 12 pages.",
        "Don't roster a driver beyond nine hours.",
        "Review the incidents of the past 30 days.",
    )]
    assert got == [[("past 12 pages", 12.0, None)], [("beyond nine hours", 9.0, None)], [("30 days", 30.0, 30.0)]]


def test_a_number_word_counts_before_any_unit_written_as_a_word() -> None:
    got = [[(v.text, v.unit) for v in frames.typed_values(t)] for t in (
        "Riders heavier than seventeen stone may not ride.",
        "Allow one retry.",
    )]
    assert got == [[("heavier than seventeen stone", "st")], [("one retry", "count")]]


def test_dots_and_pixels_per_inch_are_one_resolution() -> None:
    got = [[(v.text, v.low, v.high, v.unit) for v in frames.typed_values(t)] for t in ("Scan at 600 dpi or better.", "Keep masters at 400 ppi or higher.")]
    assert got == [[("600 dpi or better", 600.0, None, "dpi")], [("400 ppi or higher", 400.0, None, "dpi")]]


def test_a_period_after_a_number_is_what_it_counts_per() -> None:
    # "in a day" makes a rate (km a day), as "per day" does; "in a dog" is no period.
    def roles(text: str) -> list[tuple[str, str, float | None, float | None]]:
        return [(v.role, v.text, v.low, v.high) for v in frames.typed_values(text)]

    assert roles("The race team never runs more than 60 km in a day.") == [("np:day", "more than 60 km", 60.0, None)]
    assert roles("Run no more than 8 km per hour.") == [("np:hour", "no more than 8 km", None, 8.0)]
    assert roles("Flag a temperature above 39.7 °C in a dog or cat.") == [("np:temperatur", "above 39.7 °C", 39.7, None)]


def test_a_ban_that_opens_with_no_keeps_the_bound_its_value_read(tmp_path: Path) -> None:
    # "No driver works more than ten hours" allows at most ten: the value already holds the "No".
    from agentkit.conflicts.engine import _prohibited_values

    p = tmp_path / "routes.md"
    p.write_text("---\nname: routes\ndescription: Plans rounds.\n---\n\n- No driver works more than ten hours in a day.\n", encoding="utf-8")
    (d,) = [x for x in pieces(agentkit.load(str(p))) if x.source == "body"]
    assert [(v.text, v.low, v.high, v.unit) for v in _prohibited_values(d)[0]] == [("no driver works more than ten hours", None, 10.0, "h")]


def test_once_that_opens_a_clause_of_time_counts_nothing() -> None:
    def values(text: str) -> list[tuple[str, float | None, str | None]]:
        return [(v.text, v.low, v.unit) for v in frames.typed_values(text)]

    assert values("Charge at 22:00, once the glory holes are down") == [("22:00", 1320, "clock")]
    assert values("Raise the alarm once a party is more than one hour overdue") == [("more than one hour", 1.0, "h")]
    assert values("Once approved, merge within 2 days") == [("within 2 days", None, "day")]
    # "once a day", "only once": how often
    assert values("Deploy once a day.") == [("once", 1.0, "count")]
    assert values("Run it only once.") == [("once", 1.0, "count")]


def test_an_age_or_older_is_a_lower_bound_in_years() -> None:
    def values(text: str) -> list[tuple[str, str, float | None, float | None, str | None]]:
        return [(v.role, v.text, v.low, v.high, v.unit) for v in frames.typed_values(text)]

    assert values("Warehouse volunteers must be 16 or older.") == [("np:volunteer", "16 or older", 16.0, None, "year")]
    assert values("Riders must be 12 years or older.") == [("np:rider", "12 years or older", 12.0, None, "year")]
    assert values("Children aged 14 and over MAY travel on their own.") == [("np:child", "14 and over", 14.0, None, "year")]
    assert values("Players aged 10 and under play free.") == [("np:player", "10 and under", None, 10.0, "year")]
    assert values("Players 10 or younger play free.") == [("np:player", "10 or younger", None, 10.0, "year")]
    # people under or over a bare number: an age
    assert values("Children under 16 do not travel without an adult.") == [("np:child", "under 16", None, 16.0, "year")]
    assert values("Anyone under 18 needs a parent or guardian.") == [("np:anyon", "under 18", None, 18.0, "year")]
    # a count that is no age
    assert values("Orders of 16 or over ship free.") == []
    assert values("Teams over 5 need a second coach.") == [("np:team", "over 5", 5.0, None, None)]


def test_a_or_an_before_a_period_counts_one() -> None:
    def values(text: str) -> list[tuple[str, float | None, float | None, str | None]]:
        return [(v.text, v.low, v.high, v.unit) for v in frames.typed_values(text)]

    assert values("Reply within a day.") == [("within a day", None, 1.0, "day")]
    assert values("Keep logs for more than a year.") == [("more than a year", 1.0, None, "year")]
    assert values("Forecast a full year ahead.") == [("a full year", 1.0, 1.0, "year")]
    assert values("Contracts end on a month's written notice.") == [("a month", 1.0, 1.0, "month")]
    # a rate, a part of a unit, or no time said of anything
    assert values("Deploy twice a week.") == [("twice", 2.0, 2.0, "count")]
    assert values("Charge £15 for each quarter of an hour after closing.") == [("£15", 15.0, 15.0, "£")]
    assert values("Take a day off after a night shift.") == []


def test_every_before_a_period_is_one_period_apart() -> None:
    def values(text: str) -> list[tuple[str, float | None, str | None]]:
        return [(v.text, v.low, v.unit) for v in frames.typed_values(text)]

    assert values("Testing is done every hour in opening times.") == [("every hour", 1.0, "h")]
    assert values("Hold a fire drill every month.") == [("every month", 1.0, "month")]
    assert values("Test the water every 2 hours.") == [("2 hours", 2.0, "h")]
    assert values("Run the every-day checks.") == []
