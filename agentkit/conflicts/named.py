"""Named choices across variants: two copies of one agent that each name a different
product, system, brand or standard for the same thing ("Fit Ultion cylinders as the
standard replacement" / "Replacement cylinders MUST be Yale Platinum").

The aligned-clause check (:func:`engine._aligned`) finds such a pair when the two rules
say nearly the same words. Drifted copies are reworded as often as not, so this check
pairs rules by what they are about instead: each rule that names something is matched
with the rule of the other file that shares the most of its rarer words (weighted by how
few rules of the group use them), and the two disagree when each names what the other
file never mentions. Its guards, each measured on the labelled benchmark:

- the pair is each rule's best match in the other file (both ways);
- a shared word that is not a light verb ("write", "run", "use") sits near the name, in
  the name's own clause, on both sides: the name is the choice for that word ("All
  harnesses come from Zero DC and are checked before every tour" names no checker);
- neither side negates its name in the name's own clause ("not by email") or sits under a
  ban heading or a ❌ (a ban in a later clause leaves the first clause's choice), and a
  name the other file only turns down ("never from Maxxis") is not one it mentions;
- a weekday is only ever set against a weekday ("Open update PRs on Mondays" /
  "… opened on Saturdays"), never against a product;
- two rules that both set a quantity are compared by their values, not by the names that
  scope them ("4 spaces in JSON" / "2 spaces in YAML");
- a rule that tells the agent who it is ("You are a Flutter engineer …") or an item of a
  list of skills (*Focus Areas*, *Expertise*) chooses nothing;
- the word right before a shared word must not differ on both sides ("unit tests" /
  "visual tests" are two things);
- of two statements, one saying where a thing goes and the other what is done to it are two
  facts ("Payments go through Stripe" / "Payments are reconciled in NetSuite").

:func:`aligned_values` matches reworded rules the same way and compares the one value
each holds (AK502, or AK504 when the two ranges meet).

Measured in ``benchmarks/conflicts/RESULTS.md`` ("Eighth stop").
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from functools import lru_cache
from typing import Iterator, Sequence

from .engine import (
    NAME_CLAUSES,
    _AL_FOREIGN,
    _MONTHS,
    _WEEKDAYS,
    _Foreign,
    _Said,
    _al_filled,
    _al_predicate,
    _bucket_pairs,
    _complement,
    _content_keys as _content,
    _inter,
    _point_at_bound,
    _prohibited_values,
    _has_values,
    _in_base_unit,
    _make,
    _match_key,
    _near_bound,
    _order,
    _pol,
    _sides,
    _value_condition,
    _variant_rules,
    _verb,
    _where,
    display,
    quote,
)
from .frames import _NP
from .lexicon import STOP, lemma
from .model import Conflict, Directive, Value

# A list mark, a number, a bold lead ("**Carriers.**") or a plain label ("Citation help:").
_LEAD = re.compile(r"^[^\w`*]*(?:\d+[.)]\s*)?(?:\*\*[^*]{1,40}\*\*[.:]?\s*|[A-Za-z][\w ,/&-]{0,30}:\s+)?[^\w`]*")
_TOKEN = re.compile(r"`[^`]+`|[^\W\d_](?:[^\W_]|[+#])*(?:[.'’/-](?:[^\W_]|[+#])+)*")  # ("Kärcher", "C++", "N+1", "node.js")
_FOREIGN_RULE = 3  # letters outside ASCII that make a rule a translation ("Kärcher" is a name)
_INITIAL = re.compile(r"(?:^|[.:!?]\s*(?:\*\*)?\s*)$")
_RFC = frozenset("MUST SHOULD MAY NOT SHALL REQUIRED NEVER ALWAYS DO DON'T OPTIONAL RECOMMENDED I A".split())
_NOT_A_NAME = re.compile(r"[\s/<>=%!$]|\.\w{1,5}$|^\W")  # a path, a command, a file, a format string
_NEG = re.compile(r"(?i)\b(?:not|never|no|avoid|without|other\s+than|instead\s+of|rather\s+than|nor)\b|n['’]t\b|❌")
_CLAUSE_END = re.compile(r"[;,.:]\s|\s[-—–]\s")
_SKILLS = re.compile(r"(?i)\b(?:focus|competenc|expertise|capabilit|technologies\b|skills?\b|knowledge|speciali[sz]|proficien|strengths|areas?\b|experience)")
_PLAIN = re.compile(r"(?<![\w`])[a-z][a-z'’-]*")
_UNIT = re.compile(r"\d\s*$")
_IDENTITY = re.compile(r"\W*(?:You|We\s+are|I\s+am)\b")
_WORD = re.compile(r"[\w+#][\w+#'’.-]*")
_DAYS = frozenset((*_WEEKDAYS, *(d + "s" for d in _WEEKDAYS), *_MONTHS))  # ("on Mondays", "in September")
_NEAR = 6  # words between a name and the word it is chosen for
_MATCH = 0.15  # least share of the two rules' word weight that a pair has in common


@lru_cache(maxsize=1)
def _light() -> frozenset[str]:
    """Keys of words too common to say what a rule is about."""
    words = "create write make run execute give look go come have do don t before after against fail date day read call use get set put take keep add need new every each all any live kept store sit stay hold"
    return frozenset(_match_key(w) for w in words.split())


@lru_cache(maxsize=1)
def _tools() -> frozenset[str]:
    from ..facts import claude_code_facts

    facts = claude_code_facts()
    return frozenset(t.lower() for part in ("tools", "tool_aliases", "legacy_tools") for t in facts.get(part, ()))


@lru_cache(maxsize=1 << 14)
def names(text: str) -> tuple[str, ...]:
    """The names a rule writes (products, systems, brands, standards), in order: a word
    with a capital after its first letter or a digit ("PagerDuty", "FOGRA39"), a
    capitalised word inside a sentence ("Shampoo with TropiClean"), or a short code span.
    Not a tool of Claude Code, an RFC 2119 keyword, a path or command, a label, or a name
    the rule negates ("not by Email")."""
    body = _LEAD.sub("", text)
    if body.startswith("|"):
        body = body.split("|", 2)[-1]  # a table row: its first cell labels it
    toks = list(_TOKEN.finditer(body))
    out: list[str] = []
    for m in toks:
        w = m.group()
        if w.startswith("`"):
            w = w.strip("`")
        elif w in _RFC or not any(c.isupper() or c.isdigit() for c in w) or len(w) <= 2 and w.isupper():
            continue
        elif not any(c.isupper() or c.isdigit() for c in w[1:]) and _INITIAL.search(body[: m.start()].rstrip(" *_-")) is not None:
            continue  # a capital that opens a sentence ("Only", "Local", "Add")
        if not any(c.isalpha() for c in w) or _UNIT.search(body[: m.start()]):
            continue  # a number, or a unit after one ("100 FH")
        if not w or _NOT_A_NAME.search(w) or w.lower() in _tools() or w.endswith(("'s", "’s")):
            continue
        pre = _CLAUSE_END.split(body[: m.start()])[-1]
        if _NEG.search(pre):
            continue
        out.append(w)
    return tuple(out)


def _key_in(key: str, keys: frozenset[str]) -> bool:
    """``key`` is one of ``keys``, or one of five letters or more starts the other
    ("Compile with GCC 13" is about the compilers another rule names)."""
    return key in keys or len(key) >= 5 and any(len(k) >= 5 and (k.startswith(key) or key.startswith(k)) for k in keys)


def _near(text: str, named: set[str], keys: frozenset[str]) -> bool:
    """A word with a key in ``keys`` within :data:`_NEAR` words of one of the names, in
    the name's clause ("All harnesses come from Zero DC and are checked before every
    tour": Zero DC is not what is checked)."""
    words = {w for n in named for w in _WORD.findall(n)}
    for clause in NAME_CLAUSES.split(text):
        toks = [t.lower().strip(".'’") for t in _WORD.findall(clause)]
        at = [i for i, t in enumerate(toks) if t in words]
        if at:
            to = [i for i, t in enumerate(toks) if _key_in(_match_key(t), keys)]
            if any(abs(i - j) <= _NEAR for i in at for j in to):
                return True
    return False


def _seq(text: str, named: frozenset[str]) -> list[str | None]:
    """The match keys of a rule's words in order: None for a word of a name or a stop word
    (an adjective or a noun qualifies the word right after it; "must be" does not)."""
    out: list[str | None] = []
    for t in _WORD.findall(_LEAD.sub("", text).replace("`", " ")):
        t = t.lower().strip(".'’")
        out.append(None if t in named or t in STOP else _match_key(t))
    return out


def _qualified(a: str, na: frozenset[str], b: str, nb: frozenset[str], role: frozenset[str]) -> bool:
    """A word both rules are about has a word of its own before it on each side (not a
    name, not a word the other rule says): two kinds of one thing ("unit tests" /
    "visual tests", "road bikes" / "cargo bikes")."""
    sa, sb = _seq(a, frozenset(w for n in na for w in _WORD.findall(n))), _seq(b, frozenset(w for n in nb for w in _WORD.findall(n)))
    for w in dict.fromkeys(k for k in sa if k in role):
        if w not in sb:
            continue
        i, j = sa.index(w), sb.index(w)
        x, y = (sa[i - 1] if i else None), (sb[j - 1] if j else None)
        if x is not None and y is not None and x != y and x not in sb and y not in sa:
            return True
    return False


def _other_acts(a: str, b: str) -> bool:
    """One statement says where its subject is kept or comes from ("go through", "are
    stored in") and the other names an act done to it ("are reconciled in", "log in
    with"): two facts, not two answers. (Two placements, two acts or a statement without
    a verb may still answer one question: "Body text in Arial" / "Body text is set in …".)"""
    xa, xb = _al_predicate(a), _al_predicate(b)
    if xa is None or xb is None or xa == xb or xa.startswith("@") == xb.startswith("@"):
        return False
    act = xb if xa.startswith("@") else xa
    return act not in _moves()


@lru_cache(maxsize=1)
def _moves() -> frozenset[str]:
    """Acts that say how a thing travels or is handled, as placements do ("Reminders are
    sent through Lighthouse" answers "Reminders go out through Weave")."""
    return frozenset(lemma(w) for w in "send ship dispatch mail courier deliver give route post publish handle process manage host track follow book schedule issue set do make file enter".split())


def _mentioned(name: str, path: str, files: dict[str, str], raw: dict[str, str], used: dict[str, set[str]]) -> bool:
    """Does the file at ``path`` mention ``name`` other than to turn it down: as a name
    it does not negate, or as a plain word ("fail fast")? A name it only bans ("Docker
    is not available", "never Jest") is not common ground."""
    if name in used[path] or _match_key(name) in used[path]:
        return True  # ("RMAs" / "RMA")
    if name.replace("-", " ") not in files[path]:
        return False
    return re.search(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", raw[path]) is not None


_CLAUSES = re.compile(r"[;.]\s|\s(?:and|but|while|whereas)\s|\s[-—–]\s")


_NEGATIVE_SUBJECT = re.compile(r"^\W*(?:\*\*[^*]*\*\*\W*)?(?:nothing|none|nobody|no)\b", re.IGNORECASE)
_CASE_NOUN = re.compile(r"\b(?:on|for|in|with)\s+[a-z][a-z-]*\s+$")


def _case_bound(text: str, v: Value) -> bool:
    """A lower bound after "on/for/in/with" and a noun, in a permission, names the case it
    permits something in ("snacks are allowed on journeys longer than 45 minutes")."""
    at = _find_value(text, v.text)[0]
    return at > 0 and v.high is None and v.low is not None and _CASE_NOUN.search(text.lower(), 0, at) is not None


def _find_value(text: str, value: str) -> tuple[int, int]:
    """Where ``value`` is written in ``text``, start and end, or (-1, -1) (a value is read
    lower-cased, "°C" excepted; one a prohibition sets is "not" and the bound it forbids:
    "MUST NOT lift a boat heavier than 35 tonnes")."""
    at = text.find(value)
    if at >= 0:
        return at, at + len(value)
    low, value = text.lower(), value.lower()
    at = low.find(value)
    if at < 0 and value.startswith("not "):
        value = value[4:]
        at = low.find(value)
    return (at, at + len(value)) if at >= 0 else (-1, -1)


def _about(text: str, value: str, role: frozenset[str], clauses: re.Pattern[str] = _CLAUSES) -> bool:
    """The clause that holds ``value`` says one of the shared words ("during a burst" is
    not about "within two minutes of arriving")."""
    at, end = _find_value(text, value)
    if at < 0:
        return False
    for lo, hi in _spans(text, clauses):
        if lo <= at < hi or lo <= end - 1 < hi:
            if any(_match_key(w.strip(".'’")) in role for w in _WORD.findall(text[lo:hi].lower())):
                return True
    return False


def _spans(text: str, clauses: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The (start, end) of each part of ``text`` between the matches of ``clauses``."""
    lo = 0
    for m in clauses.finditer(text):
        yield lo, m.start()
        lo = m.end()
    yield lo, len(text)


def _same_unit_apart(va: Value, vb: Value) -> bool:
    """Two values in one unit that differ, not a value and a bound at it ("63°C" / "63°C or above")."""
    return va.unit == vb.unit and (va.low, va.high) != (vb.low, vb.high) and not _point_at_bound((va.low, va.high), (vb.low, vb.high))


def _counts_differ(a: Directive, va: Value, b: Directive, vb: Value) -> bool:
    """Besides the values compared, both rules count one thing, differently."""
    ca = {v.unit: (v.low, v.high) for v in a.frame.values if v.slot == "quantity" and v.unit and v.unit[0] == "#" and v is not va}
    cb = {v.unit: (v.low, v.high) for v in b.frame.values if v.slot == "quantity" and v.unit and v.unit[0] == "#" and v is not vb}
    return any(ca[u] != cb[u] for u in ca.keys() & cb.keys())


def _apart(va: Value, vb: Value) -> bool:
    """:func:`_same_unit_apart` in one unit of the family ("2 hours" / "90 minutes"). Written
    in two units, one value twice ("50 kg" / "110 lb") is not two, and values far apart
    ("within 100 ms" / "within 60 seconds") are about two things."""
    if va.unit == vb.unit:
        return _same_unit_apart(va, vb)
    ba, bb = _in_base_unit(va, {}), _in_base_unit(vb, {})
    if not _same_unit_apart(ba, bb) or all(_near_bound(x, y) for x, y in ((ba.low, bb.low), (ba.high, bb.high))):
        return False
    xs = [abs(x) for x in (ba.low, ba.high, bb.low, bb.high) if x]
    return bool(xs) and max(xs) <= _UNITS_APART * min(xs)


_UNITS_APART = 4  # ("2 hours" / "90 minutes", "30 days" / "six weeks"; not "48 hours" / "two weeks")


def _value_key(v: Value) -> tuple:
    return (v.unit, v.low, v.high, v.low_inclusive, v.high_inclusive)


def _differing(xs: tuple[Value, ...], ys: tuple[Value, ...]) -> tuple[Value, Value] | None:
    """The two values to compare of two rules: their only ones, or, when the rules hold
    several, the one left on each side once the values both hold are set aside ("below 20%
    over 14 days" / "below 10% over 14 days": 20% and 10%), or the first of as many on
    each side in the same units; None otherwise."""
    if len(xs) == 1 and len(ys) == 1:
        return xs[0], ys[0]

    kx, ky = {_value_key(v) for v in xs}, {_value_key(v) for v in ys}
    rx, ry = [v for v in xs if _value_key(v) not in ky], [v for v in ys if _value_key(v) not in kx]
    if len(rx) == len(ry) > 1 and [v.unit for v in rx] == [v.unit for v in ry]:
        return rx[0], ry[0]  # "at 06:00 and 18:00" / "at 07:00 and 19:00": the first of each, in order
    return (rx[0], ry[0]) if len(rx) == 1 and len(ry) == 1 else None


_PARTS = re.compile(_CLAUSES.pattern + r"|,\s")  # (a comma parts two values: "Hospital linen comes back within 24 hours, hotel linen within 48 hours")


def _clause_pair(a: str, xs: tuple[Value, ...], b: str, ys: tuple[Value, ...], role: frozenset[str]) -> tuple[Value, Value] | None:
    """When :func:`_differing` finds no pair: the one pair of values, one of each rule, in
    one unit family, each in a clause that says a shared word ("lights out is at 22:00" /
    "Bar closes at 21:00; lights out at 21:30": 22:00 and 21:30)."""
    if len(xs) * len(ys) < 2 or not role:
        return None
    kx, ky = {_value_key(v) for v in xs}, {_value_key(v) for v in ys}
    xs, ys = tuple(v for v in xs if _value_key(v) not in ky), tuple(v for v in ys if _value_key(v) not in kx)  # (a value both hold scopes the rest: "every 30 minutes, and during an outage every 10 minutes")
    got = [(va, vb) for va in xs for vb in ys
           if _in_base_unit(va, {}).unit == _in_base_unit(vb, {}).unit and (va.low, va.high) != (vb.low, vb.high) and _about(a, va.text, role, _PARTS) and _about(b, vb.text, role, _PARTS)]
    if len(got) != 1:
        return None
    va, vb = got[0]
    if _qualified(_part_of(a, va.text), frozenset(_WORD.findall(va.text.lower())), _part_of(b, vb.text), frozenset(_WORD.findall(vb.text.lower())), role):
        return None  # "Hospital linen … within 24 hours" / "…, hotel linen within 48 hours": two things
    return va, vb


def _part_of(text: str, value: str) -> str:
    """The part of ``text`` (:data:`_PARTS`) that holds ``value``."""
    at = _find_value(text, value)[0]
    return next(text[lo:hi] for lo, hi in _spans(text, _PARTS) if hi > at)


def _in_condition(d: Directive, v: Value) -> bool:
    """Is ``v`` written in the condition of ``d``'s frame (the case is the value's own)?"""
    cond = d.frame.condition
    return cond is not None and _find_value(cond, v.text)[0] >= 0


def _same_case(d: Directive, other: Directive) -> bool:
    """Does the other rule say the case of ``d``'s condition too, one of its words at least
    ("… a 25% deposit when the contract is signed" / "deposit of 30% at signing"), or is it an
    order of steps or an exception, no case ("… up to three times before it is condemned", "…
    unless the sally is damaged")?"""
    cond = d.frame.condition
    if cond is None:
        return False
    if _NO_CASE.match(cond):
        return True  # (an exception leaves the rule in every other case: "every 7 years unless the sally is damaged")
    return not _content(cond).isdisjoint(_content(other.text))


_NO_CASE = re.compile(r"(?:before|until|till)\s|(?:unless|except)\b")  # an order of steps, an exception


def _np_shared(values: tuple[Value, Value], shared: frozenset[str]) -> bool:
    """Numbers without a unit are about the nouns they follow: one of those nouns is a word
    both rules share ("pH between 7.2 and 7.6" / "Hold pH between 7.2 and 7.4"; not "any count
    below 11" / "anyone older than 89")."""
    return any(v.role.startswith(_NP) and v.role[len(_NP):] in shared for v in values)


def _age(text: str, value: str) -> bool:
    """Is ``value`` an age ("16 years old", "aged 16", "age of 16")?"""
    at, end = _find_value(text, value)
    return at >= 0 and (re.match(r"\s*(?:old|of\s+age)\b", text[end:]) is not None or re.search(r"\b(?:aged?|age\s+of)\s*$", text[:at]) is not None)


def _quantity(d: Directive) -> bool:
    return any(v.slot == "quantity" for v in d.frame.values)


def _chooses(d: Directive) -> bool:
    """A rule that can make a choice: not one under a ban heading or a ❌, nor one that
    bans in its first clause (a ban after a ";" leaves the choice before it: "Spoke tension
    is checked with a Park Tool TM-1; never guess by ear"), not the agent's identity, and
    not an item of a list of what the agent knows ("## Focus Areas", "Core Competencies":
    "Real-time features with WebSockets and Firebase" names a skill, not a choice)."""
    return (
        d.source == "body"
        and not any(_SKILLS.search(h) for h in (*d.section, d.context))
        and (_pol(d) != "prohibit" or not (getattr(d, "inherited", None) or d.context) and _NEG.search(d.text.split(";")[0]) is None)
        and not d.text.lstrip().startswith("❌")
        and _IDENTITY.match(d.text) is None
        and len(_AL_FOREIGN.findall(d.text)) < _FOREIGN_RULE  # a translated copy: its words are not names
    )


class _Weights:
    """The body rules of a name group worth comparing across its files, each with its
    content words, and how rare each word is among them (its weight)."""

    def __init__(self, ds: Sequence[Directive]) -> None:
        self.rules = [d for d in _variant_rules(ds) if d.source == "body"]
        self.keys = [_content(d.text) for d in self.rules]
        df: dict[str, int] = defaultdict(int)
        for ks in self.keys:
            for k in ks:
                df[k] += 1
        self.df = df
        self.n = len(self.rules)

    def weight(self, keys: frozenset[str]) -> float:
        return sum(math.log(1 + self.n / self.df[k]) for k in keys)


def _best_matches(items: Sequence[tuple[Directive, object, frozenset[str], float]], w: _Weights) -> tuple[list[tuple[float, int, int, frozenset[str]]], dict[tuple[int, str], float]]:
    """Each pair of items from two files that share a word (no light verb), with the share
    of their word weight they have in common and the words they share; and each item's
    best share with any rule of each other file."""
    light = _light()
    buckets: dict[str, list[int]] = defaultdict(list)
    for x, (_, _, role, _) in enumerate(items):
        for k in role - light:
            buckets[k].append(x)
    pairs: list[tuple[float, int, int, frozenset[str]]] = []
    best: dict[tuple[int, str], float] = defaultdict(float)
    for x, y in _bucket_pairs(buckets):
        a, _, ra, wa = items[x]
        b, _, rb, wb = items[y]
        if a.path == b.path:
            continue
        shared = ra & rb
        score = w.weight(shared) / ((wa + wb) / 2 or 1)
        best[(x, b.path)] = max(best[(x, b.path)], score)
        best[(y, a.path)] = max(best[(y, a.path)], score)
        pairs.append((score, x, y, shared))
    return pairs, best


def _mutual(score: float, x: int, y: int, items: Sequence[tuple[Directive, object, frozenset[str], float]], best: dict[tuple[int, str], float]) -> bool:
    """The pair shares enough (:data:`_MATCH`) and is each one's best match in the other's file."""
    return score >= _MATCH and score >= best[(x, items[y][0].path)] and score >= best[(y, items[x][0].path)]


def named_choices(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Pairs of rules from two files of one name group that each name their own choice
    for the same thing (see the module's docstring)."""
    w = _Weights(ds)
    if len({d.path for d in w.rules}) < 2:
        return []
    light = _light()
    raw: dict[str, str] = {}
    used: dict[str, set[str]] = defaultdict(set)  # the names each file writes in a clause that does not negate them
    for d in ds:
        raw[d.path] = raw.get(d.path, "") + "\n" + d.text
        for name in names(d.text):
            used[d.path].add(name.lower())
            used[d.path].update(name.lower().split("-"))  # "Synthea" of "Synthea-generated"
            used[d.path].add(_match_key(name.lower()))
    files = {path: text.lower().replace("-", " ") for path, text in raw.items()}
    items: list[tuple[Directive, frozenset[str], frozenset[str], float]] = []
    for d, ks in zip(w.rules, w.keys):
        got = names(d.text) if _chooses(d) else ()
        if not got:
            continue
        lowered = frozenset(x.lower() for x in got)
        # A name's own words say nothing of what it is for, unless the rule also writes
        # them as plain words ("Keep all appointments in Square Appointments") or every
        # file writes the name ("PCNs are processed in Chipside" / "Every PCN goes into Taranto").
        plain = frozenset(_match_key(t) for t in _PLAIN.findall(d.text))
        common = frozenset(_match_key(t) for x in lowered if all(_mentioned(x, path, files, raw, used) for path in files) for t in _WORD.findall(x))
        own = frozenset(_match_key(t) for x in lowered for t in _WORD.findall(x)) - plain - common
        role = ks - own
        items.append((d, lowered, role, w.weight(role)))
    if len(items) < 2:
        return []
    foreign = _Foreign(_Said(ds))  # a translated copy: its words are not names
    items = [it for it in items if it[0].path not in foreign]
    pairs, best = _best_matches(items, w)
    scored: list[tuple[float, int, int, frozenset[str], frozenset[str], frozenset[str]]] = []
    for score, x, y, shared in pairs:
        a, b = items[x][0], items[y][0]
        only_a = frozenset(n for n in items[x][1] if not _mentioned(n, b.path, files, raw, used))
        only_b = frozenset(n for n in items[y][1] if not _mentioned(n, a.path, files, raw, used))
        if only_a and only_b:
            scored.append((score, x, y, only_a, only_b, shared - light))
    seen = _sides(found)
    out: list[Conflict] = []
    for score, x, y, only_a, only_b, role in scored:
        a, b = items[x][0], items[y][0]
        if not _mutual(score, x, y, items, best):
            continue
        if (only_a <= _DAYS) != (only_b <= _DAYS) or (_quantity(a) and _quantity(b)):
            continue
        if not (_near(a.text, only_a, role) and _near(b.text, only_b, role)):
            continue
        if frozenset(((a.path, a.start), (b.path, b.start))) in seen:
            continue
        if "require" not in (_pol(a), _pol(b)) and _other_acts(a.text, b.text):
            continue  # two statements of different acts: "Payments go through Stripe" / "Payments are reconciled in NetSuite"
        if _qualified(a.text, items[x][1], b.text, items[y][1], role):
            continue  # "Local UI state" / "Global client state", "unit tests" / "visual tests": two things
        if not (_filled(a.text, only_a) and _filled(b.text, only_b)):
            continue  # a name that fills no slot ("Remove PCR duplicates") is no choice
        if a is not _order((a, b))[0]:
            a, b, only_a, only_b = b, a, only_b, only_a
        slot_a, slot_b = (_shown_names(d.text, only) for d, only in ((a, only_a), (b, only_b)))  # (whole names: "Permit Vision")
        topic = " ".join(display(a.text, role).split()[:4])
        msg = f"enum conflict on `{topic}` between variants: {slot_a} vs {slot_b}, each file naming only its own: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
        out.append(_make("enum", topic, (a, b), msg, keep_order=True))
    return out


def _runs(text: str, lowered: frozenset[str]) -> list[list[str]]:
    """The names as the rule writes them, in its order, the words of one name together
    (["Duck", "Creek"]), with a short capitalised word next to one (["DT", "Swiss"]) or
    a capitalised word that opens the rule right before one (["Avocet", "ABS"])."""
    toks = [t.strip("`") for t in _TOKEN.findall(_LEAD.sub("", text))]
    hit = [t.lower() in lowered for t in toks]
    for i, t in enumerate(toks):
        near = (i > 0 and hit[i - 1]) or (i + 1 < len(toks) and hit[i + 1])
        if not hit[i] and near and t[:1].isupper() and t not in _RFC and t.lower() not in STOP | _FITS and _verb(t) is None:
            hit[i] = len(t) <= 2 and t.isupper() or i == 0
    runs: list[list[str]] = []
    for i, t in enumerate(toks):
        if hit[i]:
            if i and hit[i - 1] and runs:
                runs[-1].append(t)
            else:
                runs.append([t])
    return [r for r in runs if any(w.lower() in lowered for w in r)]


_AFTER_VERB = re.compile(r"([A-Za-z]+)\s+(?:(the|a|an|our|its|their)\s+)?$")
_FITS = frozenset("be specify specifies specified choose chooses chose pick picks picked select selects selected prefer prefers preferred fit fits fitted install installs installed order orders ordered stock stocks stocked buy buys bought supply supplies supplied".split())


def _filled(text: str, lowered: frozenset[str]) -> bool:
    """One of the names fills the slot of a choice: after a word that opens it ("in
    Koha", "ATS: Lever"), at the start of the rule once its label is read ("**Cylinders.**
    Avocet ABS is …"), or as the object of a verb ("Fit Ultion cylinders", "Read the
    AquaSpy probe")."""
    body = _LEAD.sub("", text)
    runs = _runs(body, lowered)
    if _al_filled(body, runs):
        return True
    for run in runs:
        for m in re.finditer(r"(?<![\w])`?" + re.escape(run[0]) + r"(?![\w])", body):
            v = _AFTER_VERB.search(body[: m.start()])
            if v is not None and (v.group(1).lower() in _FITS or v.group(2) and _verb(v.group(1)) is not None):
                return True  # "Fit Ultion cylinders", "Read the AquaSpy probe" (not "Remove PCR duplicates")
    return False


def _shown_names(text: str, only: frozenset[str]) -> str:
    """The names that hold one of ``only``, whole, as the rule writes them."""
    every = frozenset(w.lower() for w in names(text))
    return ", ".join(dict.fromkeys(" ".join(r) for r in _runs(text, every) if any(w.lower() in only for w in r)))


def aligned_values(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Reworded rules of two variants that give one quantity different values ("Keep
    rejected candidates' records for 12 months" / "… kept for 6 months and then
    deleted"): matched as :func:`named_choices` matches rules (the other variant's rule
    sharing most of the rarer words, both ways), each with one value in one unit family
    (or several, of which the ones both rules hold are set aside: "below 20% over 14 days" /
    "below 10% over 14 days"; or else the one pair whose clauses each say a shared word,
    :func:`_clause_pair`)
    (compared in its base unit: "2 hours" / "90 minutes"; not one value in two units, nor
    values more than :data:`_UNITS_APART` times apart), a shared word in the value's
    clause on both sides, and no word before a shared word that differs on both sides
    ("Men wait 12 weeks" / "Women wait 16 weeks" are two quantities). A prohibition is
    compared by what it allows, a rule whose subject is "nothing" or "nobody" too; a count
    beside a measured value leaves the measured value, unless both rules count one thing
    differently; a bound after "on/for/in/with" and a noun in a permission names a case;
    a rule whose case holds its value ("Alert when daily spend is 50% above …"), states what
    the other rule says too, orders steps ("… before it is condemned") or is an exception
    ("… unless the sally is damaged") is compared with one that states no case; a number
    without a unit is compared only when a noun it follows is a shared word ("pH …")."""
    w = _Weights(ds)
    if len({d.path for d in w.rules}) < 2:
        return []
    light = _light()
    items: list[tuple[Directive, tuple[Value, ...], frozenset[str], float]] = []
    for d, ks in zip(w.rules, w.keys):
        if not _has_values(d):
            continue
        # A prohibition sets what it allows ("MUST NOT lift a boat heavier than 35 tonnes": at most 35).
        vs = [v for v in (_prohibited_values(d)[0] if _pol(d) == "prohibit" else d.frame.values) if v.slot == "quantity" and (v.unit or v.role.startswith(_NP))]
        if len(vs) > 1:
            measured = [v for v in vs if (v.unit or "")[:1] != "#"]
            vs = measured if len(measured) == 1 else vs  # "Jobs longer than 2 hours are co-worked: book two interpreters": the hours
        if len(vs) > 1:
            if _pol(d) not in ("require", None) or _NEGATIVE_SUBJECT.match(d.text):
                continue
        elif not vs or _pol(d) == "permit" and _case_bound(d.text, vs[0]):
            continue
        elif _pol(d) != "prohibit" and _NEGATIVE_SUBJECT.match(d.text) and not vs[0].text.startswith(("no", "none", "nothing")):
            vs = [_complement(vs[0])]  # "Nobody works more than five days in a row": at most five
        role = ks - frozenset(_match_key(t) for v in vs for t in _WORD.findall(v.text.lower()))
        items.append((d, tuple(vs), role, w.weight(role)))
    if len(items) < 2:
        return []
    pairs, best = _best_matches(items, w)
    scored = []
    for score, x, y, shared in pairs:
        compared = _differing(items[x][1], items[y][1]) or _clause_pair(items[x][0].text, items[x][1], items[y][0].text, items[y][1], shared - light)
        if compared is not None and (compared[0].unit or compared[1].unit or _np_shared(compared, shared)) and _apart(*compared):
            scored.append((score, x, y, shared - light, compared))
    seen = _sides(found)
    out: list[Conflict] = []
    for score, x, y, role, (va, vb) in scored:
        a, b = items[x][0], items[y][0]
        if not role or not _mutual(score, x, y, items, best):
            continue
        if frozenset(((a.path, a.start), (b.path, b.start))) in seen:
            continue
        na = frozenset(_WORD.findall(va.text.lower()))
        nb = frozenset(_WORD.findall(vb.text.lower()))
        if not (_about(a.text, va.text, role) and _about(b.text, vb.text, role)) or _qualified(a.text, na, b.text, nb, role):
            continue
        if _counts_differ(a, va, b, vb):
            continue  # "Two stands per side for boats under 10 m" / "Boats over 10 m … three stands": the counts are what differs
        if _age(a.text, va.text) != _age(b.text, vb.text):
            continue  # an age and a period ("at least 16 years old" / "for 2 years")
        if (_value_condition(a, va) is None) != (_value_condition(b, vb) is None) and not (_in_condition(a, va) or _in_condition(b, vb) or _same_case(a, b) or _same_case(b, a)):
            continue  # one holds in a case only ("every hour once the temperature is above 30 °C"), not a case the value sets ("Alert when daily spend is 50% above …")
        if a is not _order((a, b))[0]:
            a, b, va, vb = b, a, vb, va
        kind = "target" if _inter(_in_base_unit(va, {}), _in_base_unit(vb, {})) else "value"  # (two targets for one quantity, or values that cannot both hold; in one unit: "48 hours" / "three days")
        topic = " ".join(display(a.text, role).split()[:4])
        if kind == "target":
            msg = f"target conflict on `{topic}` between variants: {va.text} and {vb.text} are different targets: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
            out.append(_make("target", topic, (a, b), msg, keep_order=True))
            continue
        msg = f"value conflict on `{topic}` between variants: {va.text} vs {vb.text} cannot both hold: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
        out.append(_make("value", topic, (a, b), msg, keep_order=True))
    return out
