"""Rules about what someone other than the agent may do: a doer, an act, where.

"Let tour guests taste from the barrel" and "Tour guests MUST NOT taste from barrels";
"Dogs MAY walk the pontoons on a lead" and "No dogs on the pontoons"; "Walk-ins are
welcome" and "Don't accept walk-in donors"; "Only a registered nurse removes the needle"
and "Healthcare assistants MAY take the needle out". The agent's own acts are the frame
reader's; these rules name their doer, and two of them conflict when one lets a doer do
what the other forbids the same doer, or when one keeps an act to one doer and the
other gives it to another.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Sequence

from .engine import _DOER_READ, _gate, _make, _match_key, _where, quote
from .frames import EXAMPLE_MARKS, _phrasal_table
from .lexicon import ACTORS, GENERIC, IRREGULAR, IRREGULAR_PARTICIPLES, STOP, lemma
from .model import Conflict, Directive
from .vocab import load_vocab

# A doer is one to three words before the modal; these are not doers: the agent itself,
# pronouns, and words that open a sentence about something else.
_NOT_DOER = frozenset(
    "you we i it they he she one this that these those there here what which who each every everyone anyone someone nobody "
    "everything anything something nothing claude ai llm tool tools file files code output outputs response responses answer "
    "answers it's its".split()
)
_SELF = frozenset("agent assistant subagent model bot".split())  # alone, the agent itself ("The assistant must not …")
_DETERMINERS = "the|all|any|our|your|a|an"
_DET = rf"(?:(?:{_DETERMINERS})\s+)?"
_DET_NAMED = rf"(?:(?P<det>{_DETERMINERS})\s+)?"
_NP = r"(?P<s>(?!(?:only|no|let|allow|never|do|don't|please)\b)[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,2}?)"
_BAN = r"(?:must|should|shall|may|can|will)\s+(?:not|never)\s+be\s+(?:allowed|permitted)\s+to|(?:must|should|shall|may|can|will|do|does)\s*(?:not|n[’']t)|(?:must|should|shall|may|can|will)\s+never|(?:are|is)\s+(?:forbidden|prohibited|banned|barred)\s+(?:from|to)|cannot|can[’']t|won[’']t|never|are\s+not\s+to|is\s+not\s+to|are\s+not\s+(?:allowed|permitted)\s+to|is\s+not\s+(?:allowed|permitted)\s+to"
_LETS = r"(?:may|can|must|should|shall|will)\s+be\s+(?:allowed|permitted)\s+to|may|can|must|should|shall|(?:are|is)\s+to|(?:are|is)\s+(?:(?:always|very|most)\s+)?(?:allowed|permitted|free|welcome)\s+to"
_VERB = r"(?:(?:always|also|only|still|just|freely|even)\s+)?(?:(?P<be>be)\s+)?(?P<v>[a-z][a-z-]*)"
_WELCOME = r"(?:welcome|allowed|permitted|accepted)"
_PLACE = r"(?:on|in|at|inside|into|onto|aboard|near|around)"
# Verbs that say nothing a doer does ("Users may need …", "Donors may feel faint"); the
# common verbs STOP holds that do say it.
_STATES = frozenset("be have need know want see get feel expect like mind care seem appear experience notice wish".split())
_STOP_VERBS = frozenset("use keep make".split())
# Taking someone in, said in the passive, says only that they are let in: "Rush jobs MAY
# be taken after 2 pm" is "Accept a rush job after 14:00".
_TAKEN = frozenset("accepted admitted taken welcomed allowed permitted".split())

_SUBJECT = re.compile(rf"^{_DET}{_NP}\s+(?:(?P<ban>{_BAN})|(?P<lets>{_LETS}))\s+{_VERB}\b(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
_PRESENT = re.compile(
    rf"^{_DET}{_NP}\s+(?:(?:are|is)\s+(?:(?P<ban>not|never)\s+)?(?:always\s+|very\s+|most\s+)?{_WELCOME}\b(?!\s+to\b)|{_WELCOME}(?=\s+{_PLACE}\s|\s*$)|(?:are|is)\s+(?P<away>never|not)(?=\s+{_PLACE}\s)(?!\s+in\s+scope\b))(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)  # ("Delivery drivers allowed into the plant room": a ticked item leaves out the verb)
_NO = re.compile(rf"^no\s+{_NP}\s*(?:$|[.!]\s*$|(?=\s{_PLACE}\s)(?P<rest>.*)$)", re.IGNORECASE | re.DOTALL)
_ACCEPT = re.compile(rf"^(?:we\s+(?:gladly\s+|happily\s+|always\s+)?)?(?:(?P<ban>do\s+not|don[’']t|never|must\s+not|should\s+not)\s+)?(?:accept|admit|welcome|turn\s+away(?P<away>))\s+{_DET}{_NP}(?P<rest>(?:\s(?:{_PLACE}|after|before|from|during|on|with)\s.*)?)$", re.IGNORECASE | re.DOTALL)
_LET = re.compile(rf"^(?:(?P<ban>do\s+not|don[’']t|never|must\s+not|should\s+not)\s+)?(?:let|allow|permit)\s+{_DET_NAMED}(?P<words>(?:[A-Za-z][\w'’-]*\s+){{1,4}})", re.IGNORECASE)
# A passive with its doer: "Child seats SHOULD be fitted by the customer", "The needle is
# removed by a registered nurse and never by anyone else".
_BY = re.compile(
    rf"^{_DET}(?P<o>[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){{0,3}}?)\s+(?:(?P<ban>{_BAN}|(?:is|are)\s+(?:not|never))|must|should|shall|may|can|will|is|are)\s+"
    rf"(?P<only1>only\s+)?(?:be\s+)?(?P<v>[a-z]+(?:ed|en)|{'|'.join(sorted(IRREGULAR_PARTICIPLES))})\s+(?P<only2>only\s+)?by\s+{_DET}{_NP}"
    r"(?=\s*(?:[,.;:!)]|$|\s(?:and|or|but|if|when|unless|once|before|after|while|for|at|in|on|with)\b))(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_ELSE = re.compile(r"\b(?:never|not)\s+by\s+(?:anyone|anybody|someone)\s+else\b|\bno\s*(?:one|body)\s+else\b", re.IGNORECASE)
_ONLY = re.compile(rf"^only\s+{_DET_NAMED}(?P<words>(?:[A-Za-z][\w'’-]*\s+){{1,4}})", re.IGNORECASE)
_HELP = re.compile(r"\s+(?:to\s+)?([a-z]+)\b", re.IGNORECASE)
_MODALS = frozenset("may can must should shall will".split())
_ONLY_MODAL = re.compile(rf"(?:{'|'.join(sorted(_MODALS))})\s+", re.IGNORECASE)

_NOT_RULES = ("routing", "condition", "example")  # items under "Use this agent for:", "Stop if:", "Example"
_CLAUSE = re.compile(r"\s*(?:;|:\s|\.\s+|\s[—–]\s|,\s+(?:but|and)\s+)\s*")
_LEAD = re.compile(rf"^[\s*_>\-+•{EXAMPLE_MARKS}]*(?:\d+[.)]\s*)?(?:(?:\*\*|__)[^*_]{{1,60}}(?:\*\*|__)[\s:.—–-]*)?")
_STOP_REST = re.compile(r"\b(?:if|when|whenever|unless|once|until|because|since|so|but|except|while|after|before|as|who|which|that)\b|[,(]", re.IGNORECASE)
_CASE = re.compile(r"\b(?:if|when|whenever|unless|once|until|except|only\s+(?:if|when|after|on|for|with))\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z'’-]*")
_PARTICLE = frozenset("out back off away in up down".split())
_COMPARATOR = re.compile(rf"^\s*(?:{'|'.join(sorted(_PARTICLE - {'in'}))})\b(?!\s+(?:to|at|in|on|into|of)\b)|\b(?:up\s+to|more\s+than|less\s+than|fewer\s+than|at\s+(?:most|least))\b", re.IGNORECASE)  # ("raft up more than three boats deep", "up to four boats")
_PLACES = frozenset("on in at into onto inside aboard near around".split())
_PREPOSITIONS = _PLACES | frozenset("from with without for to by during under over through across outside behind beside".split())
# Acts that only say where the doer is: "Pets MUST NOT travel in our cars" says as much
# about pets as "Pets are welcome" does.
_PRESENCE = frozenset(lemma(v) for v in "come go enter travel walk ride board stay sit visit attend join remain wander roam".split())
# The words every reading needs one of, looked for in the lower-cased text before any
# reading is tried (the look-ahead lists their first letters: most rules have none).
_CUE = re.compile(
    r"(?=[nmlapwocfsbdi])\b(?:no(?:t|ne)?|(?:do|does|did|can|won|must|should|is|are)n[’']t|never|may|let|allow(?:ed)?|permit(?:ted)?|welcome|"
    r"accept|admit|only|free|cannot|must|should|shall|forbidden|prohibited|banned|barred|can|by)\b"
)


class Reading(NamedTuple):
    """One clause read as a doer's act: ``ban`` (forbids it), ``only`` (keeps it to
    the doer) or ``lets`` (lets or tells the doer do it)."""

    how: str  # "ban", "lets" or "only"
    doer: tuple[str, ...]  # the doer's words as keys, its head last
    who: str  # the doer as written, lower-cased
    act: str | None  # the act's key (its verb class, else its lemma); None: being there
    verb: str  # the act as written ("take out"), or "" for being there
    passive: bool
    what: What  # the act's object and places
    case: bool  # the clause carries a case of its own ("once the bag is full")
    bare: bool = False  # "No dogs on the pontoons": a ban without a verb


def _keys(words: str) -> tuple[str, ...]:
    # ("walk-ins": a hyphenated word's plural, which lemma keeps whole when its last part is short)
    return tuple(_match_key(w[:-1] if "-" in w and w.endswith("s") and not w.endswith("ss") else w) for w in _WORD.findall(words.lower().replace("’", "'")))


def _doer(words: str) -> tuple[str, ...] | None:
    """The doer's keys, its head last; None for words that name no doer ("Code you write
    must not …", "The tests we run may …", "The assistant must not …")."""
    if any(w in _NOT_DOER for w in words.lower().split()):
        return None
    keys = _keys(words)
    if not keys or len(keys) > 3 or len(keys[-1]) < 3 or (len(keys) == 1 and keys[0] in _SELF) or any(k in STOP or k in _NOT_DOER for k in keys):
        return None
    return keys


def _act(verb: str, rest: str) -> tuple[str, str, str]:
    """The act's key: a phrasal verb by its particle ("take the needle out" is "remove"),
    then the vocabulary's class of the verb, else its lemma; and the rest without the
    particle. (The frame reader's own classes are wider than a doer's acts: "choose" is
    a way to "use" a tool, not what a donor does with a phone.)"""
    words = rest.split()
    base = IRREGULAR.get(verb, verb)
    for i, w in enumerate(words[:4]):
        w = w.strip(".,;:!").lower()
        if w in _PARTICLE:
            meant = _phrasal_table().get(f"{base} {w}")
            if meant is not None:
                return lemma(meant), " ".join(words[:i] + words[i + 1 :]), f"{verb} {w}"
    classes = load_vocab().verb_class or {}
    cls = classes.get(verb) or classes.get(base)
    return (lemma(cls) if cls is not None else lemma(verb)), rest, verb


class What(NamedTuple):
    """What an act is done to and where: every content key, the object's keys (the words
    before the first preposition) and each phrase a preposition opens, by its preposition."""

    keys: frozenset[str]
    obj: frozenset[str]
    phrases: tuple[tuple[str, frozenset[str]], ...]


def _what(rest: str) -> What:
    m = _STOP_REST.search(rest)
    part = _COMPARATOR.sub(" ", rest[: m.start()] if m is not None else rest)
    obj: set[str] = set()
    phrases: list[tuple[str, set[str]]] = []
    for w in _WORD.findall(part.lower()):
        if w in _PREPOSITIONS:
            phrases.append((w, set()))
        elif w not in STOP and w not in GENERIC and len(w) > 2:
            (phrases[-1][1] if phrases else obj).add(lemma(w))
    keys = frozenset(obj).union(*(ws for _, ws in phrases))
    return What(keys, frozenset(obj), tuple((prep, frozenset(ws)) for prep, ws in phrases if ws))


def _split_np(words: str, sure: bool, one: bool) -> tuple[str, str] | None:
    """``words`` after "let" or "only" as a doer and the verb that follows it: the doer
    ends at a word for people ("staff", "nurse") or a plural, else (unless ``sure`` is
    asked) after its first word ("Let the donor choose"). After "a" or "an" (``one``)
    the doer is one, and a word in -s is the verb ("Only a qualified instructor sets …")."""
    ws = words.split()
    modal = next((i for i, w in enumerate(ws) if i and w.lower() in _MODALS), None)
    if modal is not None:
        return " ".join(ws[:modal]), ws[modal]  # "Only staff astronomers may slew …": the doer ends at its modal
    for i, w in enumerate(ws[:-1]):
        k = lemma(w.lower())
        if k in ACTORS:
            return " ".join(ws[: i + 1]), ws[i + 1]
        if _plural(w) and (i or not one):
            return (" ".join(ws[:i]), w) if one else (" ".join(ws[: i + 1]), ws[i + 1])
    return (ws[0], ws[1]) if len(ws) > 1 and not sure else None


def _plural(word: str) -> bool:
    w = word.lower()
    return w.endswith("s") and not w.endswith(("ss", "us", "is"))


def has_cue(text: str) -> bool:
    return _CUE.search(text.lower()) is not None


def readings(text: str) -> tuple[Reading, ...]:
    """The doers' acts a rule's clauses state."""
    return _readings(text) if has_cue(text) else ()


@lru_cache(maxsize=1 << 14)
def _readings(text: str) -> tuple[Reading, ...]:
    out = []
    for part in _CLAUSE.split(_LEAD.sub("", text, count=1).replace("**", "").replace("__", "")):
        r = _read(part.strip().rstrip(".!"))
        if r is not None:
            out.append(r)
    return tuple(out)


def _reading(how: str, words: str, act: tuple[str, str] | None, passive: bool, what: What, case: bool, bare: bool = False) -> Reading | None:
    """A reading of ``words`` as the doer (None when they name none) and ``act`` as its
    key and its words."""
    doer = _doer(words)
    if doer is None:
        return None
    return Reading(how, doer, " ".join(words.lower().split()), act[0] if act else None, act[1] if act else "", passive, what, case, bare)


def _read(clause: str) -> Reading | None:
    if len(clause) < 6:
        return None
    case = _CASE.search(clause) is not None
    m = _BY.match(clause)
    if m is not None:
        v = m.group("v").lower()
        what = _what(m.group("o"))
        if not what.keys or v in STOP:
            return None
        how = "only" if m.group("only1") or m.group("only2") or _ELSE.search(m.group("rest")) else "ban" if m.group("ban") else "lets"
        key, _, shown = _act(IRREGULAR.get(v, v), "")
        return _reading(how, m.group("s"), (key, shown), False, what, case)
    m = _SUBJECT.match(clause)
    v = m.group("v").lower() if m is not None else ""
    if m is not None and not ((v in STOP and v not in _STOP_VERBS) or v in _STATES):  # (else another form may read it: "Visitors are never in the dome")
        how = "ban" if m.group("ban") else "lets"
        if m.group("be") and v in _TAKEN:
            return _reading(how, m.group("s"), None, False, _what(m.group("rest")), case)
        rest = m.group("rest")
        helped = _HELP.match(rest) if v == "help" else None
        if helped is not None:
            v, rest = helped.group(1).lower(), rest[helped.end() :]  # "Families may help to wash …" wash
        key, rest, shown = _act(v, rest)
        return _reading(how, m.group("s"), (key, shown), bool(m.group("be")), _what(rest), case)
    m = _PRESENT.match(clause)
    if m is not None:  # (also "Visitors are never in the dome while …": where they may not be)
        return _reading("ban" if m.group("ban") or m.group("away") else "lets", m.group("s"), None, False, _what(m.group("rest") or ""), case)
    m = _NO.match(clause)
    if m is not None:
        return _reading("ban", m.group("s"), None, False, _what(m.group("rest") or ""), case, True)
    m = _ACCEPT.match(clause)
    if m is not None:
        ban = bool(m.group("ban")) != (m.group("away") is not None)
        return _reading("ban" if ban else "lets", m.group("s"), None, False, _what(m.group("rest") or ""), case)
    for pat, how in ((_LET, "lets"), (_ONLY, "only")):
        m = pat.match(clause)
        if m is None:
            continue
        det = (m.group("det") or "").lower()
        # ("Only flag unchanged code": "only" before an instruction's own verb names no doer)
        split = _split_np(m.group("words"), how == "only" and not det, det in ("a", "an"))
        if split is None:
            return None
        s, v = split
        rest = clause[m.start("words") + len(s) :].lstrip()
        if v.lower() == "to" and how == "lets":
            rest = rest[2:].lstrip()  # "Allow users to push"
            v = rest.split()[0] if rest.split() else v
        if how == "only":
            modal = _ONLY_MODAL.match(rest)
            if modal is not None:
                rest = rest[modal.end() :]
                v = rest.split()[0] if rest.split() else v
        rest = rest[len(v) :]
        v = v.lower().strip(".,;:")
        if how != "only" and v in _PLACES:
            # "Don't let the driver into the plant room": being there
            return _reading("ban" if m.group("ban") else how, s, None, False, _what(v + rest), case)
        if not v.isalpha() or (v in STOP and v not in _STOP_VERBS) or v in _STATES:
            return None
        if pat is _LET and m.group("ban"):
            how = "ban"
        key, rest, shown = _act(v, rest)
        return _reading(how, s, (key, shown), False, _what(rest), case)
    return None


def other_doers(a: Directive, b: Directive) -> bool:
    """Two rules about one act whose doers differ ("Guests may use the sauna" / "Staff
    must not use the sauna"): each says who does it, and no doer of one is a doer of the other."""
    if not (_gate(a, _DOER_READ, has_cue) and _gate(b, _DOER_READ, has_cue)):
        return False
    ra, rb = _readings(a.text), _readings(b.text)
    if not ra or not rb:
        return False
    acts = {r.act for r in ra} & {r.act for r in rb}
    if not acts or None in acts:
        return False
    return not any(_same_doer(x.doer, y.doer) or _same_doer(y.doer, x.doer) for x in ra for y in rb)


def _same_doer(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether a ban of doer ``a`` meets doer ``b``: the same words, ``b`` narrower
    than ``a``, or a compound's first word standing for it ("walk-ins" are "walk-in
    donors")."""
    if set(a) == set(b):
        return True
    if a[-1] == b[-1] and set(a) <= set(b):
        return True  # (a ban of "the driver" names "delivery drivers" too; "No class components" is not about every component)
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return len(short) == 1 and "-" in short[0] and short[0] == long_[0]


def _place_of(r: Reading) -> frozenset[str]:
    """What a ban or a permission of being somewhere is about: its object and its places."""
    return r.what.obj.union(*(ws for prep, ws in r.what.phrases if prep in _PLACES))


def _narrower(ban: Reading, lets: Reading) -> bool | None:
    """Whether ``ban`` names more than ``lets`` does (an exception to it: a permission
    narrower than a ban still lets what the ban forbids), or None when the two are about different things: another object ("the tennis
    courts" / "the squash courts") or another place ("enter the café" / "welcome on the
    terrace"). A phrase only one side has ("with headphones" / "on the bus") leaves them
    about one thing."""
    if ban.act is None or lets.act is None or ban.act in _PRESENCE or ban.bare or lets.bare:
        a, b = _place_of(ban), _place_of(lets)
    else:
        a, b = ban.what.obj, lets.what.obj
        mine = dict(ban.what.phrases)
        for prep, ws in lets.what.phrases:
            if prep in mine and not (mine[prep] & ws):
                return None  # ("on Sundays" / "on Mondays")
    if a <= b:
        return False
    return True if b and b < a else None


def _acts_meet(a: Reading, b: Reading) -> bool:
    if a.passive != b.passive:
        return False
    if (a.bare and a.what.keys) or (b.bare and b.what.keys):
        return True  # "No children on the bouldering wall": nothing is done there
    if a.act is None or b.act is None:
        other = b.act if a.act is None else a.act
        return other is None or other in _PRESENCE
    return a.act == b.act


def doers(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """A doer let or told to do what another rule forbids the same doer ("Let tour
    guests taste from the barrel" / "Tour guests MUST NOT taste from barrels"), and an
    act kept to one doer that another rule gives to another ("Only a registered nurse
    removes the needle" / "Healthcare assistants MAY take the needle out")."""
    said: list[tuple[Directive, Reading]] = []
    for d in ds:
        if not _gate(d, _DOER_READ, has_cue) or d.source == "frontmatter":
            continue
        if d.text.lstrip(" *_-" + EXAMPLE_MARKS)[:1] in "\"“'" or "❌" in d.text or d.text.rstrip("*_ ").endswith(":"):
            continue
        if d.inherited in _NOT_RULES:
            continue
        bad = d.inherited in ("prohibit", "antipattern")
        for r in _readings(d.text):
            if bad and r.bare:
                continue  # ("No rollback plan" under Anti-patterns names a bad state)
            if bad and r.how == "lets":
                r = r._replace(how="ban")  # "Letting guests taste from the barrel" under Don'ts
            said.append((d, r))
    if len(said) < 2:
        return []
    by_doer: dict[str, list[int]] = {}
    for i, (_, r) in enumerate(said):
        by_doer.setdefault(r.doer[-1], []).append(i)
        if "-" in r.doer[0]:
            by_doer.setdefault(r.doer[0].split("-")[0], []).append(i)  # ("walk-ins" meets "walk-in donors")
    out: list[Conflict] = []
    done: set[tuple[int, int]] = set()
    for idx in by_doer.values():
        for x in idx:
            for y in idx:
                if x >= y or (x, y) in done:
                    continue
                done.add((x, y))
                (a, ra), (b, rb) = said[x], said[y]
                if (a.path == b.path) == cross or a is b:
                    continue
                c = _pair(a, ra, b, rb)
                if c is not None:
                    out.append(c)
    # "Only X does it" against another doer: by act.
    onlys = [i for i, (_, r) in enumerate(said) if r.how == "only" and r.act is not None and r.what.keys]
    for x in onlys:
        a, ra = said[x]
        for y, (b, rb) in enumerate(said):
            if rb.how != "lets" or rb.act != ra.act or rb.passive or not (ra.what.keys & rb.what.keys) or (a.path == b.path) == cross or a is b:
                continue
            if ra.doer[-1] == rb.doer[-1] or rb.doer[-1] not in ACTORS and ra.doer[-1] not in ACTORS:
                continue
            kind = "conditional" if ra.case or rb.case else "polarity"
            topic = f"{rb.who}: {rb.verb}"
            extra = " (one side applies only in its own case: say which rule wins)" if kind == "conditional" else ""
            msg = (
                f"{'conditional ' if kind == 'conditional' else ''}polarity conflict on `{topic}`: \"{quote(a.text)}\" keeps it to "
                f"{ra.who}; {_where(b, a)} gives it to {rb.who}: \"{quote(b.text)}\"{extra}"
            )
            out.append(_make(kind, topic, (a, b), msg, keep_order=True))
    return out


def _pair(a: Directive, ra: Reading, b: Directive, rb: Reading) -> Conflict | None:
    if {ra.how, rb.how} != {"ban", "lets"}:
        return None
    (p, rp), (q, rq) = ((a, ra), (b, rb)) if ra.how == "ban" else ((b, rb), (a, ra))
    if not _same_doer(rp.doer, rq.doer) or not _acts_meet(rp, rq):
        return None
    narrower = _narrower(rp, rq)
    if narrower is None:
        return None
    kind = "conditional" if rq.case or rp.case or narrower else "polarity"  # (a narrower ban is an exception to the permission)
    topic = f"{rq.who if len(rq.doer) >= len(rp.doer) else rp.who}: {rp.verb or rq.verb or 'let in'}"
    extra = " (one side applies only in its own case: say which rule wins)" if kind == "conditional" else ""
    msg = f"{'conditional ' if kind == 'conditional' else ''}polarity conflict on `{topic}`: \"{quote(p.text)}\" forbids what {_where(q, p)} lets: \"{quote(q.text)}\"{extra}"
    return _make(kind, topic, (p, q), msg, keep_order=True)
