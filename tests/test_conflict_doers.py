"""Rules about what someone other than the agent may do, read as a doer, an act and where."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agentkit.conflicts.doers import readings


def _read(text: str) -> list[tuple[str, str, str, bool, list[str]]]:
    return [(r.how, r.who, r.verb, r.passive, sorted(r.what.keys)) for r in readings(text)]


def test_each_form_names_its_doer_act_and_place() -> None:
    assert _read("Let tour guests taste from the barrel with the wine thief.") == [("lets", "tour guests", "taste", False, ["barrel", "thief", "win"])]
    assert _read("Tour guests MUST NOT taste from barrels: keep their hands away.") == [("ban", "tour guests", "taste", False, ["barrel"])]
    assert _read("Dogs MAY walk the pontoons on a lead.") == [("lets", "dogs", "walk", False, ["lead", "pontoon"])]
    assert _read("**Dogs.** No dogs on the pontoons; the harbour has had two bites.") == [("ban", "dogs", "", False, ["pontoon"])]
    assert _read("Walk-ins are welcome at every session.") == [("lets", "walk-ins", "", False, ["session"])]
    assert _read("Don't accept walk-in donors.") == [("ban", "walk-in donors", "", False, [])]
    assert _read("Rush jobs MAY be taken after 2 pm.") == [("lets", "rush jobs", "", False, [])]
    assert _read("**Arm**: the nurse picks the arm; donors don't choose.") == [("ban", "donors", "choose", False, [])]
    assert _read("Allow users to push to main.") == [("lets", "users", "push", False, ["main"])]
    assert _read("Volunteers should not be allowed to drive the van.") == [("ban", "volunteers", "drive", False, ["van"])]
    assert _read("Members should be permitted to book courts.") == [("lets", "members", "book", False, ["court"])]
    assert _read("Guests are forbidden from tasting wine in the cellar.") == [("ban", "guests", "tasting", False, ["cellar", "win"])]
    assert _read("Delivery drivers allowed into the plant room.") == [("lets", "delivery drivers", "", False, ["plant", "room"])]
    assert _read("Don't let the driver into the plant room.") == [("ban", "driver", "", False, ["plant", "room"])]
    assert _read("Families may help to wash and dress the person who has died.") == [("lets", "families", "wash", False, ["dress", "person"])]


def test_the_object_and_each_place_are_kept_apart() -> None:
    (r,) = readings("Pupils may not use phones on the bus with the sound on.")
    assert (r.what.obj, r.what.phrases) == (frozenset({"phon"}), (("on", frozenset({"bus"})), ("with", frozenset({"sound"}))))


def test_only_and_by_keep_an_act_to_one_doer() -> None:
    assert _read("Only a registered nurse removes the needle.") == [("only", "registered nurse", "removes", False, ["needl"])]
    assert _read("Only a qualified instructor sets the top ropes.") == [("only", "qualified instructor", "sets", False, ["rop", "top"])]
    assert _read("Only registered nurses may remove needles.") == [("only", "registered nurses", "remove", False, ["needl"])]
    assert _read("The needle is removed by a registered nurse and never by anyone else.") == [("only", "registered nurse", "removed", False, ["needl"])]
    assert _read("Healthcare assistants MAY take the needle out once the bag is full.") == [("lets", "healthcare assistants", "take out", False, ["needl"])]
    assert _read("Child seats SHOULD be fitted by the customer.") == [("lets", "customer", "fitted", False, ["child", "seat"])]
    assert _read("Only staff astronomers may slew the telescope.") == [("only", "staff astronomers", "slew", False, ["telescop"])]
    assert _read("Visitors are never in the dome while the shutter is open.") == [("ban", "visitors", "", False, ["dom"])]


def test_no_doer_is_read_where_none_is_named() -> None:
    # "only" before an instruction's own verb, the agent itself, pronouns, states of mind
    assert _read("Only flag unchanged code for critical security issues.") == []
    assert _read("The assistant must not take bookings by phone.") == []
    assert _read("You must not push to main.") == []
    assert _read("Anyone may read the handbook.") == []
    assert _read("Donors may feel faint after giving blood.") == []
    assert _read("Users may need a second login.") == []
    assert _read("Run the tests before you push.") == []
    assert _read("It is approved by the manager.") == []
    assert _read("Users are not in scope for this agent.") == []


_WORDS = ["Only", "only", "Let", "let", "No", "no", "guests", "staff", "may", "MAY", "must", "not", "never", "be", "by",
          "welcome", "allowed", "are", "is", "the", "a", "taste", "take", "out", "back", "in", "on", "into", "dome",
          "**Dogs.**", ";", ":", ".", ",", "—", "walk-ins", "Don't", "accept", "up", "to", "more", "than", "40", "°C"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30) | st.text(max_size=200))
def test_any_text_reads_without_error(words: list[str] | str) -> None:
    text = words if isinstance(words, str) else " ".join(words)
    for r in readings(text):
        assert r.how in ("ban", "lets", "only") and r.doer and r.who
