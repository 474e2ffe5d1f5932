"""Conflicts between directives, found without comparing every pair.

Candidates come from small indexes: prohibitions by their rarest object word,
values by role, enum members by family, texts by their normalised form. Each
check is typed (polarity, value, target, enum, conditional, tool, frontmatter,
duplicate) and carries its rule code and severity.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections import Counter, defaultdict
from functools import lru_cache
from operator import attrgetter
from typing import Callable, Iterable, Iterator, NamedTuple, Sequence

from .frames import _GENERIC, _TOKEN, GENERIC_KEYS, UNIVERSAL, enum_values, frame, member_hits, polarity_cues, typed_values, word_key, word_starts
from .frames import _CAP_AT, _CJK, _DETERMINER_ALT, _DETERMINERS, _NP, _SPLIT, _UNITS, EXAMPLE_MARKS, PHYSICAL_UNITS, PARTICIPLE, PERMIT_WORDS, PERMITTED, VERB_KEYS, Head, _numerals, _states
from .lexicon import ACTORS, IRREGULAR, IRREGULAR_PARTICIPLES, PRODUCE, STOP, VERB_CLASS, VERBS, lemma
from .extract import UNREAD, Piece
from .model import CODES, Conflict, Directive, Frame, Value
from .vocab import load_vocab


class _Lazy:
    """A pattern compiled on first use: the variant readings' patterns are not built by a
    run that checks one file (start-up is the one-file lint's cost)."""

    __slots__ = ("_args", "_rx")

    def __init__(self, *args: object) -> None:
        self._args = args
        self._rx: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(*self._args)  # type: ignore[arg-type]
        return getattr(rx, name)

QUOTE = 90
_WORDS = re.compile(r"[a-z0-9][a-z0-9.+#/_-]*[a-z0-9+#]|[a-z0-9]")


def quote(text: str, limit: int = QUOTE) -> str:
    """``text`` shortened with an ellipsis to at most ``limit`` characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def display(text: str, keys: Iterable[str]) -> str:
    """The words of ``text`` whose match keys are in ``keys``, as written, in order."""
    want = set(keys)
    out = _shown(text, want, {})
    if not out:
        # Nothing written as the key: words under their normal form ("generated" for
        # "create"), and generic words ("files") too.
        want = {k.lstrip("~") for k in want}
        out = _shown(text, want, load_vocab().syn_keys or {})
    return " ".join(out) if out else " ".join(sorted(want))


def _shown(text: str, want: set[str], syn: dict[str, str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for m in _TOKEN.finditer(text.replace("`", " ").replace("*", " ")):
        w = m.group()
        k = word_key(w.lower())
        k = k if k in want else syn.get(k, k)
        if k in want and k not in seen:
            seen.add(k)
            out.append(w)
    return out


def _id(kind: str, topic: str, sides: Sequence[Directive]) -> str:
    import hashlib  # (only when a conflict is found: a clean file does not pay for the import)

    h = hashlib.sha1()
    h.update(f"{kind}\x1f{topic}".encode())
    for path, text in sorted((d.path, d.text.lower()) for d in sides):
        h.update(f"\x1e{path}\x1f{text}".encode())
    return "c-" + h.hexdigest()[:12]


_NORM = re.compile(r"[^\w%+#./-]+")


def _norm(text: str) -> str:
    return _NORM.sub(" ", text.lower()).strip().rstrip(".")


def _order(sides: Iterable[Directive]) -> tuple[Directive, ...]:
    return tuple(sorted(sides, key=lambda d: (d.path, d.start, d.end)))


def _make(kind: str, topic: str, sides: Sequence[Directive], message: str, keep_order: bool = False) -> Conflict:
    code, sev = CODES[kind]
    # A piece stays a piece (its frame is read when the library hands the conflict out:
    # see :func:`public`); lint reads only its place and its text.
    sides = tuple(sides) if keep_order else _order(sides)
    return Conflict(_id(kind, topic, sides), kind, code, sev, topic, sides, message)


def public(c: Conflict) -> Conflict:
    """``c`` with each side a :class:`Directive` with its frame (the engine keeps pieces)."""
    if not any(isinstance(s, Piece) for s in c.sides):
        return c
    return replace(c, sides=tuple(s.directive() if isinstance(s, Piece) else s for s in c.sides))


def _head(d: Directive) -> Frame | Head:
    """What a check reads first of a directive's frame: polarity, strength, action,
    condition and values (for a :class:`Piece`, without reading the rest of the frame)."""
    return d.head if isinstance(d, Piece) else d.frame


def _pol(d: Directive) -> str | None:
    """The polarity of ``d``'s frame (for a :class:`Piece`, without reading the head again
    when another process read it)."""
    return d.polarity if isinstance(d, Piece) else d.frame.polarity


# Text tests that gate the checks, kept as bits of ``Piece.gates`` (each with a bit that
# says it was read): several checks ask them, and a piece takes them along to the
# cross-file pass, which runs in another process.
_PROHIBIT_READ, _PROHIBIT_SEEN = 1, 2  # _MAYBE_PROHIBIT
_HEDGE_READ, _HEDGE_SEEN = 4, 8  # _HEDGE
_VALUES_READ, _VALUES_SEEN = 16, 32  # typed_values
_MEMBER_READ, _MEMBER_SEEN = 64, 128  # _may_name_member
_TOOL_READ, _TOOL_SEEN = 256, 512  # _may_ban or _may_mention
_DOER_READ, _DOER_SEEN = 1024, 2048  # doers.has_cue


def _gate(d: Directive, read: int, test) -> bool:
    g = getattr(d, "gates", 0)
    if g & read:
        return bool(g & (read << 1))
    hit = bool(test(d.text))
    if isinstance(d, Piece):
        d.gates = g | read | (read << 1 if hit else 0)
    return hit


def _may_prohibit(d: Directive) -> bool:
    """A cheap first look for a prohibition (one regex search, before reading frames)."""
    return _gate(d, _PROHIBIT_READ, _maybe_prohibit_text)


@lru_cache(maxsize=1 << 16)
def _maybe_prohibit_text(text: str) -> bool:
    low = text.lower()
    # (Every match holds one of these words or marks: most texts hold none, and the substring tests cost less than the scan.)
    if "no" in low or "never" in low or "n't" in low or "avoid" in low or "stop" in low or "skip" in low or "omit" in low or "forbid" in low or "prohibit" in low or "disallow" in low or "banned" in low or "refrain" in low or not low.isascii():
        return _MAYBE_PROHIBIT.search(low) is not None
    return False


def _hedged(d: Directive) -> bool:
    return _gate(d, _HEDGE_READ, _hedge_text)


@lru_cache(maxsize=1 << 16)
def _hedge_text(text: str) -> bool:
    return _HEDGE.search(text.lower()) is not None


def _has_values(d: Directive) -> bool:
    return _gate(d, _VALUES_READ, typed_values)


def _may_member(d: Directive) -> bool:
    return _gate(d, _MEMBER_READ, _may_name_member)


def _may_ban_tool(d: Directive) -> bool:
    """Could a ban of ``d`` name a tool (:func:`_may_ban` or :func:`_may_mention`)?"""
    return _gate(d, _TOOL_READ, _may_ban_or_mention)


def _may_ban_or_mention(text: str) -> bool:
    return _may_ban(text) or _may_mention(text)


def _where(d: Directive, other: Directive) -> str:
    return f"line {d.span.line}" if d.path == other.path else f"{d.path.rsplit('/', 1)[-1]}:{d.span.line}"


# ---------------------------------------------------------------- polarity
def _expanded(d: Directive) -> tuple[set[str], dict[str, list[tuple[str, ...]]]]:
    """A rule's own match keys, and the hypernym phrases they reach ("readme" → "documentation file")."""
    hyper = load_vocab().hyper_keys or {}
    toks = set(d.frame.objects) | set(d.frame.label) | set(d.frame.restrict)
    if d.frame.action:
        toks.add(lemma(d.frame.action))
    toks |= _hyphen_parts(toks)
    reach: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for t in toks:
        for phrase in hyper.get(t, ()):
            for k in phrase:
                reach[k].append(phrase)
    return toks, reach


_BOUND_PREFIXES = frozenset("self auto non pre post anti multi semi sub super over under well half mid cross inter intra out all".split())


@lru_cache(maxsize=1 << 12)
def _parts_of(key: str) -> frozenset[str]:
    """The keys of a hyphenated key's words ("minimum-stay": minimum, stay); none for a
    key whose parts are not all words of three letters or more ("e-mail", "follow-up" are kept
    whole), nor for a prefix that makes a word of its own ("self-documenting" code documents nothing)."""
    parts = key.split("-")
    if len(parts) < 2 or not all(len(w) >= 3 and w.isalpha() for w in parts) or parts[0] in _BOUND_PREFIXES:
        return frozenset()
    return frozenset(_match_key(w) for w in parts)


def _hyphen_parts(keys: Iterable[str]) -> set[str]:
    return {k for t in keys if "-" in t for k in _parts_of(t)}


@lru_cache(maxsize=1 << 15)
def _text_hyphen_parts(text: str) -> frozenset[str]:
    """:func:`_hyphen_parts` of a text's keys (kept by text: the polarity check asks it of most rules)."""
    return frozenset(_hyphen_parts(_keys(text))) if "-" in text else frozenset()


def _covers(group: tuple[str, ...], toks: set[str], reach: dict[str, list[tuple[str, ...]]]) -> bool:
    if group == (UNIVERSAL,):
        return True  # "does not run anything" covers whatever is run
    folders = [t for t in group if len(t) > 1 and t.endswith("/")]
    if folders and any(k.startswith(f) for f in folders for k in toks):
        return True  # "the serving code in `serving/`" covers `serving/config.yaml`
    soft = {t[1:] for t in group if t[0] == "~"}
    for t in group:
        if t[0] == "~" or t in toks:
            continue
        if "-" in t and toks.issuperset(_parts_of(t) or (t,)):
            continue  # "minimum-stay restrictions" and "a minimum stay": one thing, written open or hyphenated
        if not any(soft <= set(phrase) | toks for phrase in reach.get(t, ())):
            return False
    return True


def _vclass(verb: str) -> str | None:
    """The class of acts a verb belongs to: the frame reader's own, else the vocabulary's."""
    got = VERB_CLASS.get(verb)
    return got if got is not None else (load_vocab().verb_class or {}).get(verb)


def _same_act(a: str, b: str) -> bool:
    """The same verb, or two verbs of one class ("track" and "log", "fix" and "modify")."""
    if a == b or lemma(a) == lemma(b):  # (a verb the lists lack is read as written, or by its lemma from a passive: "waive", "waiv")
        return True
    ca = _vclass(a)
    return ca is not None and ca == _vclass(b)


def _action_ok(p: Directive, r: Directive, rtoks: set[str], group: tuple[str, ...]) -> bool:
    pa, ra = p.frame.action, r.frame.action
    if group == (UNIVERSAL,):
        # Only a direct instruction to the agent does what "does not run anything" forbids
        # ("a single task may run for 45 minutes" is about the task).
        direct = r.frame.strength in ("imperative", "inherited", "must", "always", "should")
        return bool(direct and pa and ra and _same_act(pa, ra))
    if ra and lemma(ra) in group:
        ra = None  # "Route handlers with …": the first word was a noun
    if pa in ("allow", "let", "permit") and p.frame.polarity == "prohibit" and " to " not in p.text:
        # "Don't allow dogs on the yard" (no act after the thing): a permission of the thing, or
        # bringing or keeping it there ("Owners may bring their dogs onto the yard"), is what it bans
        return r.frame.polarity == "permit" or ra is not None and (ra in ("take", "allow", "let") or _vclass(ra) in ("carry", "keep"))
    if pa and (lemma(pa) in rtoks or _match_key(pa) in rtoks) and ra is None:
        # (not when only its condition names the act: "A locale MAY ship once its strings are translated")
        cond = r.frame.condition
        if not cond:
            return True
        low = r.text.lower()
        at = re.search(r"[\W_]+".join(map(re.escape, _WORDS.findall(cond)[:3])), low)
        outside = low[: at.start()] + " " + low[_SENTENCE_END.search(low, at.start()).end() :] if at is not None else low  # (the condition runs to its clause's end)
        return any(_match_key(w) == _match_key(pa) for w in _WORDS.findall(outside))
    if pa and ra:
        if _vclass(pa) == "use" and (ra in PRODUCE or ra == "set"):
            return True  # "Never use inline styles": setting one with an inline style uses it
        if _vclass(pa) == "modify" and _vclass(ra) == "create" and p.frame.scope and all(t[0] == "~" or t in p.frame.scope for t in group):
            return True  # "Do not modify files in the repo": writing new files into it modifies it too
        if not _same_act(pa, ra) and lemma(pa) in r.frame.objects and re.search(r"(?:\band|,|\bthen)\s+" + re.escape(pa) + _DETERMINER_AFTER, r.text, re.IGNORECASE):
            return True  # "Write in the second person and address the reader as …": a second verb of the rule
        return _same_act(pa, ra)
    if ra is None and r.frame.polarity == "permit":
        # "`!important` is allowed": a permission for the thing, whatever is done with it; not
        # "Apprentices may work at height" against "never stop work": there "work" is what they may do
        low = r.text.lower()
        done = _MAY_VERB.search(low)
        if done is None:
            # "Flash is fine at the touch pool, where no animal is …": what is fine is the subject
            fine = _FINE.search(low)
            return fine is None or not {t for t in group if t[0] != "~"}.isdisjoint(_keys(_PER_WORD.sub(" ", low[: fine.start()])))  # (not "One polytunnel per plot is allowed": a plot is its unit)
        if pa is not None and done.group(1) not in STOP and VERB_KEYS.get(lemma(done.group(1)), done.group(1)) != pa and not _same_act(pa, done.group(1)):
            return False  # "Guests can feed the rays" permits feeding them, not touching them
        return word_key(done.group(1)) not in group or (pa is not None and word_key(done.group(1)) == lemma(pa))
    if pa and not ra:
        # A rule without a verb ("README with setup instructions") produces what it
        # names only as an item of a list under a requiring heading or lead-in.
        return lemma(pa) in rtoks or (pa in PRODUCE and r.kind in _LISTED and _specific_group(p, group))
    if ra and not pa:
        return ra in PRODUCE or _USING.match(p.text) is not None  # "Using hessian in the smoker": lighting it with hessian uses it
    return True


_SEARCH_THE_WEB = re.compile(r"\W*(?:search(?:ing)?\s+(?:the\s+)?(?:web|internet)|(?:using\s+)?web\s+search(?:es)?)\b", re.IGNORECASE)
_USING = re.compile(r"^\W*(?:using|(?:the\s+)?use\s+of)\s", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.;!?](?:\s|$)|$")
_PER_WORD = re.compile(r"\bper\s+[\w-]+")  # a unit a count is taken by ("per plot")
_FINE = re.compile(r"\b" + PERMITTED + r"\b")
_MAY_VERB = re.compile(r"\b(?:may|can|could)\s+(?:also\s+|still\s+)?([a-z]+)\b")
_LISTED = frozenset({"list_item", "step", "checklist", "table_row", "table_cell"})
_DETERMINER_AFTER = r"\s+(?:" + _DETERMINER_ALT + r"|it|them)\b"


def _specific_group(p: Directive, group: tuple[str, ...]) -> bool:
    """Two or more words, or a file name the prohibition spells out (README.md)."""
    words = [t for t in group if t[0] != "~"]
    if len(words) >= 2:
        return True
    return any(word_key(m.group().lower()) == words[0] for m in _FILE_NAME.finditer(p.text)) if words else False


def _specific(p: Directive, group: tuple[str, ...]) -> bool:
    group = tuple(t for t in group if t[0] != "~")
    if len(group) >= 2:
        return True
    if not group:
        return False
    t = group[0]
    return any(c in t for c in "./_") or (p.frame.action is not None and len(t) >= 3)


# A cheap first look (one regex search per directive) before reading frames.
# (The look-ahead lists the first characters a match can start with: it lets the scan skip the rest.)
_MAYBE_PROHIBIT = re.compile(r"(?=[nafpdrsob❌🚫⛔])(?:\b(?:never|not|no|avoid\w*|forbid\w*|prohibit\w*|disallow\w*|banned|refrain|stop|skip|omit)\b|n't\b|[❌🚫⛔])")


@lru_cache(maxsize=1)
def _hyponyms() -> dict[str, set[str]]:
    vocab = load_vocab()
    out: dict[str, set[str]] = defaultdict(set)
    for word, hypers in vocab.hypernyms.items():
        for h in hypers:
            for w in h.split():
                out[word_key(w)].add(word)
    for word, target in vocab.synonyms.items():
        if " " not in target:
            out[word_key(target)].add(word)
    return out


_DELEGATES = re.compile(r"\((?:use|engage|delegate|consult|see|ask|handled by|owned by|invoke)\b|\b(?:delegate|hand (?:it )?off|defer) to\b|\s(?:--|—|–)\s*(?:use|engage|delegate|invoke)\b|→|->", re.IGNORECASE)


def _delegates(text: str) -> bool:
    """Does ``text`` hand the work to someone else (:data:`_DELEGATES`)? An ASCII text
    without "(", "->", "--" or the verbs cannot: the pattern is not run."""
    if text.isascii() and "(" not in text and "->" not in text and "--" not in text:
        low = text.lower()
        if "delegate" not in low and "hand " not in low and "defer" not in low:
            return False
    return _DELEGATES.search(text) is not None


def _is_lead_in(d: Directive) -> bool:
    """ "Do NOT use this agent for:" introduces rules; it is not one."""
    return d.text.rstrip("*_ ").endswith(":")


_CODE_SPAN = re.compile(r"`+([^`]+)`+")
_ANY_WORD = re.compile(r"\b(?:anything|everything|any\s+\w+)\b", re.IGNORECASE)


def _folders(keys: Iterable[str]) -> set[str]:
    """The folders of the paths among ``keys`` ("serving/config.yaml" → "serving/")."""
    return {k[: i + 1] for k in keys if "/" in k[:-1] for i in [j for j, c in enumerate(k[:-1]) if c == "/"]}


@lru_cache(maxsize=1 << 16)
def _match_key(word: str) -> str:
    """The match key of one lower-cased word, its synonym normalised."""
    k = word_key(word)
    return (load_vocab().syn_keys or {}).get(k, k)


@lru_cache(maxsize=1 << 16)
def _lower_words(text: str) -> tuple[str, ...]:
    """The lower-cased words of a text (:data:`_WORDS`), kept: :func:`_keys` and
    :func:`_may_name_member` walk them for nearly every text."""
    return tuple(_WORDS.findall(text.lower()))


@lru_cache(maxsize=1 << 15)
def _keys(text: str) -> tuple[str, ...]:
    """Match keys of the words of a text, synonyms normalised and hypernyms added
    (a cheap superset of what its frame will name, read before the frame). Kept as a
    tuple: the garbage collector stops walking a tuple of strings, not a set."""
    keys = set(map(_match_key, _lower_words(text)))
    if "`" in text:
        keys.update(c.strip().lower() for c in _CODE_SPAN.findall(text))  # `!important` is one key
    if "/" in text:  # a path's folders ("serving/" of "serving/config.yaml"); no key has a "/" the text lacks
        keys.update(_folders(keys))
    hyper = load_vocab().hyper_keys or {}
    for k in keys & hyper.keys():
        for phrase in hyper[k]:
            keys.update(phrase)
    return tuple(keys)


def _maybe_covers(index: dict[str, list[tuple[Directive, tuple[str, ...], tuple[str, ...]]]], keys: set[str]) -> bool:
    """Could some indexed prohibition be covered by a rule with these keys?"""
    for t in keys:
        for _, _, need in index.get(t, ()):
            if all(x[0] == "~" or x in keys for x in need) or (t.endswith("/") and t in need):
                return True
    return False


def _broader(p: Directive, r: Directive, group: tuple[str, ...], rtoks: set[str]) -> bool:
    """Does the requiring rule do the same to a broader class of the same thing? "Retry a
    failed call" and "Log every prompt" cover "Never retry a failed model call" and "never
    log raw prompts": same verb, same head noun, and no modifier the prohibition lacks."""
    pn, rn = p.frame.np, r.frame.np
    if len(pn) < 2 or not rn or pn[-1] != rn[-1] or not set(rn[:-1]) <= set(pn):
        return False
    if r.frame.polarity == "require" and not set(r.frame.scope) <= set(group):
        return False  # "Store all times in UTC" says how, and may not take what "Store local times" names
    pa, ra = p.frame.action, r.frame.action
    if not pa or not ra or not _same_act(pa, ra):
        return False
    return all(t in rtoks for t in group if t[0] != "~" and t not in pn)


def _exception(p: Directive, r: Directive, group: tuple[str, ...], rkeys: frozenset[str]) -> bool:
    """Is the other rule an exception to the ban, the same act on the same thing in a case
    of its own? "Don't cite Wikipedia as a source" / "Wikipedia may be cited when the
    question is about Wikipedia itself", "Never split an original pack" / "Split a pack
    when …": the same verb, the same head noun, no word of its own before the noun
    ("Never delete production data" / "Delete temporary data when done" are two things)."""
    pf, rf = p.frame, r.frame
    if pf.condition or not rf.condition or not pf.np or not rf.np or pf.np[-1] != rf.np[-1] or pf.np[-1] not in group:
        return False
    if not pf.action or not rf.action or not _same_act(pf.action, rf.action):
        return False
    if not set(rf.np[:-1]) <= set(pf.objects) or _placed_after(p.text, pf.np[-1]) or not set(pf.scope) <= rkeys:
        return False  # (a ban in a place the other rule does not name, "Never use `SELECT *` in a model", is narrower than its noun)
    po, ro = _of_word(p.text, pf.np[-1]), _of_word(r.text, pf.np[-1])
    return po is None or ro is None or po == ro  # ("images of human remains" / "images of sacred objects": two things)


_EXCEPT = re.compile(r"(?i)(?:except|other than|apart from|but not|excluding|outside of)\b")
_PLACE_AFTER = frozenset("from in on at to into onto without with for during inside outside under over through within by".split())
_WORD_PAIR = re.compile(r"(?<![\w'-])([a-z][\w'-]*)\s+(?=([a-z]+)\b)")  # (each word once: linear on a long run)


def _placed_after(text: str, head: str) -> bool:
    """Does a place or a manner follow the banned thing ("Run pipelines from your home
    directory", "Submitting a job without a restart path")? Then the ban is narrower than
    its noun, and a rule for another case is no exception to it."""
    return any(word_key(m.group(1)) == head and m.group(2) in _PLACE_AFTER for m in _WORD_PAIR.finditer(text.lower()))


_OF_WORD = re.compile(r"(?<![\w-])([a-z][\w-]*)\s+of\s+(?:(?:the|a|an|any|all|our|your|their)\s+)?([a-z][\w-]*)")  # (a word from its start: linear)


def _of_word(text: str, head: str) -> str | None:
    """The key of the word after "<head> of" in ``text`` ("images of human remains": "human")."""
    for m in _OF_WORD.finditer(text.lower()):
        if word_key(m.group(1)) == head:
            return word_key(m.group(2))
    return None


def _head_need(f, group: tuple[str, ...]) -> tuple[str, ...]:
    """What a broader rule must name: the prohibition's head noun and its words outside the noun phrase."""
    return (f.np[-1],) + tuple(t for t in group if t[0] != "~" and t not in f.np)


_SCOPE_PHRASE = re.compile(r"\b(?:in|for|on|within|inside|across)\s+[^,;:.()]+", re.IGNORECASE)


def _scope_phrase(text: str, scope: tuple[str, ...]) -> str | None:
    """The written phrase of a rule's scope ("in local integration tests"), lower-cased."""
    for m in _SCOPE_PHRASE.finditer(text.replace("`", "").replace("*", "")):
        if any(word_key(w.group().lower()) in scope for w in _TOKEN.finditer(m.group())):
            return " ".join(m.group().lower().split())
    return None


def _addressed_elsewhere(d: Directive) -> bool:
    """ "Use this agent for …", "Use proactively after …" in a description: whom the
    description routes work to, not a rule the agent follows."""
    if d.source != "description":
        return False
    cues = polarity_cues()
    low = d.text.lower().lstrip("\"' ")
    return bool(cues["routing_verbs"].match(low) or cues["routing"].search(low))


_ACT_SUFFIXES = ("tion", "tions", "sion", "sions", "ment", "ments", "ance", "ence", "ing", "ysis", "ure")
_RAW = re.compile(r"[A-Za-z0-9][\w.+#/'-]*|[^\w\s]")
_LINKING = frozenset(STOP) | {"is", "are", "was", "were", "be"}


def _modifier_only(text: str, group: tuple[str, ...]) -> bool:
    """In a rule without a verb, do the prohibited words only modify another noun
    ("Type piracy prevention", "Agent construction report")? Then the rule is about
    that noun, not about what the prohibition names."""
    words = [t for t in group if t[0] != "~"]
    if not words:
        return False
    raw = _RAW.findall(text.replace("*", " ").replace("`", " "))
    keys = [word_key(w.lower()) if w[0].isalnum() else w for w in raw]
    hits = [i for i, k in enumerate(keys) if k in words]
    if not hits:
        return False
    last = hits[-1]
    if last + 1 >= len(raw):
        return False
    nxt = raw[last + 1].lower()
    if not nxt[0].isalpha() or nxt in _LINKING or keys[last + 1] in words or nxt.endswith(("ed", "ly")):
        return False
    # The head is an act done to the modifier ("piracy prevention", "construction report"),
    # not a thing that has it ("an inline style prop").
    return nxt.endswith(_ACT_SUFFIXES) or nxt in VERBS or nxt.rstrip("s") in VERBS


def _same_thing(p: Directive, r: Directive, group: tuple[str, ...], rtoks: set[str], rkeys: set[str]) -> bool:
    """Does the requiring rule speak of what the prohibition narrows to? Its purpose or
    relative clause ("… to catch incompatibilities", "… that adds behaviour") must be
    named too, and with the same verb, the prohibited object must be the requiring rule's
    object, not only its scope ("use X for integration scenarios" is no use of integration)."""
    pf, rf = p.frame, r.frame
    if pf.restrict and not all(t in rkeys or t in rtoks for t in pf.restrict):
        return False
    if _modifier_only(r.text, group):
        return False
    if pf.action and rf.action and pf.action == rf.action and rf.scope:
        own = set(rf.objects) - set(rf.scope)
        words = [t for t in group if t[0] != "~" and t not in pf.scope]
        if words and own.isdisjoint(words) and set(words) <= set(rf.scope):
            return False
    return True


_WHEN_WORDS = re.compile(r"\b(?:as\s+soon\s+as|once|immediately|right\s+away|before|after|when|until|first|then)\b")  # a rule of its own on when
_NEG_CUE = re.compile(r"\b(?:not|never|no|zero|cannot)\b|n['’]t\b")
_TAIL_END = re.compile(r"[.;:!?]\s|[.;:!?]$|,\s*(?:but|and|so|while)\b")


def _bans_too(text: str, group: tuple[str, ...]) -> bool:
    """The requiring rule forbids the same thing in a clause of its own ("Every claim
    needs two independent sources, and a press release does not count as one" says
    what "A press release never counts as an independent source" says)."""
    low = text.lower()
    if _NEG_CUE.search(low) is None:
        return False
    want = {t for t in group if t[0] != "~"}
    if not want <= set(_keys(low)):
        return False
    for m in _NEG_CUE.finditer(low):
        parts = _TAIL_END.split(low[: m.start()])
        if len(parts) < 2:
            continue  # no clause before the negation: it is the rule's own ("Merge it with no second review")
        end = _TAIL_END.search(low, m.end())
        said = want & set(_keys(parts[-1] + " " + low[m.end() : end.start() if end else len(low)]))  # the negated clause: its subject and what follows the cue
        if 2 * len(said) >= len(want) and len(said) >= min(2, len(want)):
            return True  # (its other words may be said before: "… two independent sources, and a press release does not count as one")
    return False


_TOGETHER = re.compile(r"(?i)\b(?:the\s+same|one)\s+([a-z]+)")
_APART = re.compile(r"(?i)\b(?:separate|different|distinct)\s+([a-z]+)")


_BOUND_NUM = re.compile(
    r"\b(?:(?:no\s+)?(?:more|less|fewer|longer|shorter|higher|lower|greater)\s+than|over|above|below|under|beyond|exceed(?:s|ing)?|at\s+most|at\s+least|up\s+to|within)\s+[$€£]?(\d+(?:\.\d+)?)"
)


def _bounds_both(banned: str, required: str) -> bool:
    """The ban is of going past a number and the requirement bounds the same number: the
    two agree ("Never move the rate by more than 15% in one day" and "Move the rate by no
    more than fifteen percent a day"). Another number on the requirement's side is
    another bound, which this check still reports."""
    over = _bound_numbers(banned)
    return bool(over) and not over.isdisjoint(_bound_numbers(required))


@lru_cache(maxsize=1 << 12)
def _bound_numbers(text: str) -> frozenset[str]:
    """The numbers a text bounds ("more than 15%", "no more than fifteen percent": 15)."""
    return frozenset(m.group(1) for m in _BOUND_NUM.finditer(_numerals(text.lower(), load_vocab())))


def _kept_apart(banned: str, required: str) -> bool:
    """The ban is of putting things in one place and the requirement keeps them in
    separate ones, the same noun on both sides: the two agree ("Hazmat is never put in
    the same tote as food" and "Put hazmat and food items in separate totes")."""
    one = {lemma(m.group(1).lower()) for m in _TOGETHER.finditer(banned)}
    return bool(one) and not _APART.search(banned) and any(lemma(m.group(1).lower()) in one for m in _APART.finditer(required))


_STATED_KINDS = _LISTED | {"sentence"}  # where a policy is said as a fact
_NOT_FINITE_BEFORE = frozenset("to not never no will would must should shall can could may might do does did don't doesn't".split())
_PASSIVE_BEFORE = frozenset("is are gets get".split())


def _someone_else(text: str) -> bool:
    """Is a statement's subject a person or a team ("The security team reviews …", "Our
    customers send …")? Then it says what someone else does."""
    words = re.findall(r"[a-z][\w'’-]*", text.lower().lstrip("*_ ✅❌-"))[:4]
    return any(lemma(w) in ACTORS for w in words)


def _short_word(text: str, key: str) -> bool:
    """Is ``key`` written in ``text`` as a word of three letters ("API", "log"; not "rays", "files")?"""
    return any(len(w) <= 3 and word_key(w) == key for w in _WORDS.findall(text.lower()))


def _only_actor(text: str) -> bool:
    """Does a rule open with "Only" and the people it reserves the act for?"""
    words = re.findall(r"[a-z][\w'’-]*", text[:80].lower().lstrip(_MARKS))[:5]
    if len(words) < 2 or words[0] != "only" or words[1] in STOP or _verb(words[1]) is not None:
        return False  # (not "Only change user settings when …", "Only when the user asks, …")
    return any(lemma(w) in ACTORS for w in words[1:4])


def _states_act(text: str, verb: str, group: tuple[str, ...]) -> bool:
    """Does a statement say, in its first clause and without a negation, that the act is
    done to what the prohibition names, its subject one of the prohibition's words:
    "Rejection emails give the main reason", "A point that chatters is suppressed after 10
    operations", "Results are published for every precinct"? Not "Rejection emails give no
    reasons", nor "The nightly job deletes stale branches" against "Never delete branches":
    a job, a bot or another team's act."""
    clause = re.split(r"[;:.!?]\s|[;:!?]$|\s[—–]\s", text.lower(), maxsplit=1)[0]
    words = re.findall(r"[a-z][\w'’-]*", clause)
    want = lemma(verb)
    named = {t.lstrip("~") for t in group}  # (a soft word too: "All sets are written in yards" against "Writing sets in yards")
    for i, w in enumerate(words[1:], 1):
        if words[i - 1] in _NEGATIONS:
            return False  # (a negation before the verb says the act is not done)
        if lemma(w) != want or w.endswith("ing"):
            continue  # (not "Fix requires changing the architecture": a gerund is no act stated)
        prev = words[i - 1]
        if any(x in _NEGATIONS for x in words[i + 1 : i + 3]) or named.isdisjoint(_match_key(x) for x in words[:i]):
            return False  # "… give no reasons"; a subject the ban does not name
        if prev in _PASSIVE_BEFORE and (w.endswith(("ed", "en", "t")) or w in IRREGULAR):
            return True  # ("are published", "are paid": an irregular participle too)
        if prev not in _NOT_FINITE_BEFORE and prev not in STOP and (w.endswith("s") or prev.endswith("s")):
            return True  # "… emails give …", "The desk sends …"
    return False


_NEGATIONS = frozenset("no not never nothing none nobody n't cannot don't doesn't isn't aren't won't".split())


def _polarity(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    index: dict[str, list[tuple[Directive, tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
    for d in ds:
        if d.source == "frontmatter" or _is_lead_in(d):
            continue
        if getattr(d, "inherited", None) not in ("prohibit", "constraint") and not _may_prohibit(d):
            continue
        if _pol(d) != "prohibit" or _delegates(d.text) or _addressed_elsewhere(d):
            continue  # "Prompt engineering (use prompt-engineer)" hands work over; it does not forbid it
        f = d.frame
        for g in f.groups:
            if not _specific(d, g):
                continue
            anchor = max((t for t in g if t[0] != "~"), key=lambda t: (len(t), t))
            index[anchor].append((d, g, g))
            parts = _parts_of(anchor) if "-" in anchor else None
            if parts:
                index[max(parts)].append((d, g, g))  # (met by a rule that writes it open)
            if len(f.np) >= 2 and f.action and f.np[-1] in g:
                index[f.np[-1]].append((d, g, _head_need(f, g)))  # a broader rule names the head noun only
            if f.np and f.action and f.np[-1] in g and not f.condition:
                index[f.np[-1]].append((d, g, (f.np[-1],)))  # an exception names the head noun only
    if not index:
        return []
    hypo = _hyponyms()
    acts = {_match_key(p.frame.action) for entries in index.values() for p, _, _ in entries if p.frame.action}
    probe = set(index)
    for a in index:
        probe.update(word_key(w) for w in hypo.get(a, ()))
    out: list[Conflict] = []
    seen: set[tuple[int, int]] = set()
    for r in ds:
        if r.source == "frontmatter" or _is_lead_in(r):
            continue
        words = _keys(r.text)
        if probe.isdisjoint(words) and UNIVERSAL not in index and probe.isdisjoint(_text_hyphen_parts(r.text)):
            continue
        rkeys = frozenset(words) | {UNIVERSAL} if UNIVERSAL in index else frozenset(words)
        if not _maybe_covers(index, rkeys):
            continue
        stated = _pol(r) is None and r.source == "body" and r.kind in _STATED_KINDS  # a policy said as a fact: "Rejection emails give the main reason"
        if stated and acts.isdisjoint(words):
            continue  # (it names no act a prohibition forbids: its frame is not read)
        if not (stated or _pol(r) in ("require", "permit")) or _addressed_elsewhere(r):
            continue
        if (stated or _head(r).strength == "inherited") and _head(r).action is None and _someone_else(r.text):
            continue  # "The security team reviews every pull request" under *Rules*: someone else's act
        if _only_actor(r.text):
            continue  # "Only certified staff drive the forklift" says who does it: no act of the agent's
        f = r.frame
        rtoks, reach = _expanded(r)
        for t in sorted(set(rtoks) | set(reach) | _folders(rtoks) | {UNIVERSAL}, key=lambda t: (t not in rtoks, t)):
            for p, g, _ in index.get(t, ()):
                if cross and p.path == r.path:
                    continue
                if p is r or (p.path == r.path and p.start < r.end and r.start < p.end):
                    continue
                key = (id(p), id(r))
                # The place a prohibition names ("in a model") may be the other rule's subject ("Staging models may use …").
                placed = rtoks | (set(p.frame.scope) & rkeys) if p.frame.scope else rtoks
                if len(p.frame.np) > 1 and p.frame.np[-1] in f.objects:
                    placed = placed | (set(p.frame.np[:-1]) & rkeys)  # "Don't post meet results …" / "Post results … after every meet": the modifier said elsewhere in the rule
                if key in seen or not (_covers(g, placed, reach) or _broader(p, r, g, rtoks) or _exception(p, r, g, rkeys)) or not _action_ok(p, r, rtoks, g):
                    continue
                if len(g) == 1 and len(g[0]) == 3 and (not f.np or f.np[-1] != g[0]) and _short_word(p.text, g[0]):
                    continue  # a word of three letters is the thing only as the other's head noun (not "the API client", "the log files")
                if stated and not (p.frame.action and _states_act(r.text, p.frame.action, g)):
                    continue
                if not _same_thing(p, r, g, rtoks, rkeys) or _bans_too(r.text, g) or _kept_apart(p.text, r.text) or _bounds_both(p.text, r.text):
                    continue
                pc, rc = p.frame.condition, f.condition
                if pc and rc and pc != rc:
                    continue
                if pc and not rc and _SEQUENCE.match(pc) and not _ALL.search(r.text.lower()) and not _WHEN_WORDS.search(r.text.lower()):
                    continue  # "Sending an itinerary before the ticket number exists" bans an order, which "Send the itinerary as a PDF" keeps; "… on every screen" does not
                if f.strength == "only" and _ONLY_THING.search(r.text) and _COMPLEMENT.search(p.text.lower()):
                    continue  # "Release a child only to an adult named on the list" / "Never release a child to anyone missing from it": the ban is what "only" leaves out
                if p.frame.scope and f.scope and not set(p.frame.scope) & set(f.scope) and not set(p.frame.scope) <= rtoks and not set(p.frame.scope) <= reach.keys() and not _ANY_PLACE.search(p.text):
                    continue  # "in production" and "in staging": different places (not "on websites" and "on the tariff website", nor "on social media" and "on Instagram")
                if not pc and not rc and f.polarity == "permit" and f.scope and not p.frame.scope:
                    rc = _scope_phrase(r.text, f.scope)  # "may be turned off in local integration tests": an exception
                if rc and _EXCEPT.match(rc) and not _content_keys(rc).isdisjoint(set(p.frame.scope) | _content_keys(p.text) - set(g)):
                    continue  # "The farm dog is welcome anywhere except the lab" leaves out what "No animals in the lab" forbids: they agree
                seen.add(key)
                if g == (UNIVERSAL,):
                    m = _ANY_WORD.search(p.text)
                    shown = m.group() if m else "anything"  # "does not run anything"
                else:
                    shown = display(p.text, g)
                topic = " ".join(filter(None, [p.frame.action, shown]))
                kind, extra = _one_case(pc, rc)
                verb = "permits" if f.polarity == "permit" else "states" if stated else "requires"
                msg = (
                    f"{'conditional ' if kind == 'conditional' else ''}polarity conflict on `{topic}`: "
                    f"\"{quote(p.text)}\" forbids what {_where(r, p)} {verb}: \"{quote(r.text)}\"{extra}"
                )
                out.append(_make(kind, topic, (p, r), msg, keep_order=True))
    return out


_COMPLEMENT = re.compile(r"\b(?:anyone|anybody|anything|anywhere|missing|other\s+than|not\s+(?:on|in|named|listed))\b")
_ONLY_THING = re.compile(r"(?i)\bonly\s+(?:to|for|with|in|on|at|from)\b")  # "only to an adult named …" (not "only when …")
_ANY_PLACE = re.compile(r"(?i)\b(?:on|in|at|across)\s+(?:any|every|all)\b")  # "on any site": every place


# ---------------------------------------------------------------- order
# "first" or "last" said of an act, not of a noun ("the last 30 days", "first time", "at last").
_ORDER = re.compile(
    r"(?<!\bthe )(?<!\bat )(?<!\ba )(?<!\byour )(?<!\bits )(?<!\btheir )(?<!\bour )(?<!est )(?<!\bmost )(?<!\bleast )\b(first|last)\b"
    r"(?=\s*(?:[,.;:)—–]|$|thing\b|\s(?:at|in|on|after|before|when|if|unless|so|and|because|along|once|of\s+the\s+day)\b))"
)
_MARKS = " *_-" + EXAMPLE_MARKS
_QUOTES = "\"“'"
_ORDER_IF = re.compile(r"(?:if|unless|when|whenever|during|for|in)\b")  # (a case of its own; not "once the cars are chained")
_ORDER_CUE = re.compile(r"(?=[fFlL])\b(?:[fF]irst|[lL]ast|FIRST|LAST)\b")  # (the words themselves, before the pattern that reads them: "ast" is in "least", "past")
_PARTICIPLE = re.compile(r"\b(?:is|are|be|get|gets)\s+(" + PARTICIPLE + ")")


def _order_of(d: Directive) -> tuple[str, int] | None:
    """Where a rule puts its act: "first" or "last", and where the word is."""
    low = d.text.lower()
    found = {m.group(1): m.start(1) for m in _ORDER.finditer(low)}
    if len(found) != 1:
        return None  # (neither, or both: "first the cars, last the bikes")
    ((word, at),) = found.items()
    return word, at


def _order_acts(d: Directive, upto: int) -> tuple[set[str], set[str]]:
    """The acts and the things a rule orders, read before the order word: the rule's verb,
    a passive participle ("Sesame bagels are baked off first thing"), and the other words."""
    low = d.text.lower()
    action = _head(d).action
    acts = {action} if action else set()
    done = set()
    for m in _PARTICIPLE.finditer(low, 0, upto):
        k = lemma(m.group(1))
        acts.add(VERB_KEYS.get(k, k))
        done.add(m.group(1))
    things = set()
    for w in _WORDS.findall(low, 0, upto):
        k = _match_key(w)
        if w not in done and k not in STOP and k not in GENERIC_KEYS and len(k) > 2 and not k[0].isdigit() and (action is None or VERB_KEYS.get(k) != action):
            things.add(k)
    return acts, things


# ---------------------------------------------------------------- opposite states
_STATE_RES: list[re.Pattern[str]] = []
_STATE_RES_KEYS: set[str] = set()  # the match keys of the state words (a text without one puts nothing in a state)
_STATE_DET = frozenset("the every each all a an any its their our your this that these those".split())
_STATE_NOT = re.compile(r"\b(?:not|never)\b|n't\b")
_STATE_SUB = frozenset("while when whenever if once until unless after before where as".split())
_STATE_SUB_BEFORE = re.compile(r"\b(?:while|when|whenever|if|once|until|unless|after|before|where|as)\s+(?:[a-z'-]+\s+){0,2}$")
_STATE_NEG_BEFORE = re.compile(r"(?:\bnever|\bnot|n't|\bno)\s+(?:[a-z]+\s+)?$")


def _state_patterns() -> list[re.Pattern[str]]:
    """The words of the states (the vocabulary's ``opposite_states``), and what comes before
    a state: keep/leave/prop/hold/set/switch/turn and a noun phrase ("Keep the kiln-room door
    shut"), or a noun phrase and is/are/stays/remains ("The tower door is left unlocked"),
    each read in the few words before a state word only."""
    if not _STATE_RES:
        forms = sorted(load_vocab().states or {}, key=lambda w: (-len(w), w))
        first = "".join(sorted({re.escape(w[0]) for w in forms}))
        _STATE_RES_KEYS.update(_match_key(w.split()[0]) for w in forms)
        _STATE_RES.append(re.compile(r"(?=[" + first + r"])\b(?:" + "|".join(map(re.escape, forms)) + r")\b" if forms else r"(?!)"))
        np = r"(?P<np>(?:[a-z][\w'-]*\s+){0,3}?[a-z][\w'-]*)"
        _STATE_RES.append(re.compile(r"\b(?:keep|keeps|kept|leave|leaves|left|prop|props|propped|hold|holds|held|set|sets|switch|switches|switched|turn|turns|turned)\s+" + np + r"\s+$"))
        _STATE_RES.append(re.compile(np + r"\s+(?:is|are|be|stays?|remains?|(?:must|should|may|can|will)(?:\s+not)?\s+(?:be|stay|remain))\s+(?:(?:kept|left|always|never|not|propped)\s+)*$"))
    return _STATE_RES


@lru_cache(maxsize=1 << 14)
def _states_of(text: str) -> tuple[tuple[str, tuple[str, ...], int, int, str, str], ...]:
    """The states a rule's text puts a thing in: (head noun key, its other words' keys, pair,
    side, the noun phrase, the state as written), the side flipped by a negation ("Never leave
    the door open": shut). (Kept by text: the cross-file pass asks again.)"""
    words_re, *patterns = _state_patterns()
    if _STATE_RES_KEYS.isdisjoint(_keys(text)):
        return ()  # (the text's keys, read for the polarity check: no state word among them)
    low = text.lower()
    states = load_vocab().states or {}
    out = []
    for h in words_re.finditer(low):
        for i, pat in enumerate(patterns):
            m = pat.search(low, max(0, h.start() - 80), h.start())
            if m is None:
                continue
            words = m.group("np").split()
            if i == 1 and (not _STATE_SUB.isdisjoint(words) or _STATE_SUB_BEFORE.search(low, max(0, m.start() - 30), m.start()) is not None):
                break  # a case, not a rule: "… while the shutter is open"
            at = max((j + 1 for j, w in enumerate(words) if w in _STATE_DET), default=0)
            words = words[at:]  # the noun phrase after its determiner ("for the first 10 minutes the door is locked": the door)
            if not words or any(w in STOP for w in words):
                break
            pair, side = states[h.group()]
            negated = _STATE_NOT.search(low, m.start("np") if i else m.start(), h.start()) is not None
            if i == 0 and _STATE_NEG_BEFORE.search(low, max(0, m.start() - 24), m.start()) is not None:
                negated = not negated  # "Never leave the gate open"
            mods = tuple(_match_key(p) for w in words[:-1] for p in w.split("-") if p)
            out.append((_match_key(words[-1]), mods, pair, side ^ negated, " ".join(words), ("not " if negated else "") + h.group()))
            break
    return tuple(out)


_PASSIVE_AT = re.compile(
    r"\b(?:(?:must|should|shall|may|can|will)(?:\s+(?:not|never)|n't)?\s+(?:(?:always|only|also)\s+)?be|is|are|isn't|aren't)"
    r"(?P<neg>\s+not|\s+never)?\s+(?:(?:always|only|also|routinely|usually|ever)\s+)?(?P<part>" + PARTICIPLE + r")(?:\s+(?:off|out|up|down|away|back)\b(?!\s+to\b))?"
)
_PASSIVE_NP = re.compile(r"(?P<np>(?:[a-z][\w'-]*\s+){0,3}?[a-z][\w'-]*)\s+$")
_PASSIVE_NEG = re.compile(r"\b(?:not|never)\b|n't\b")
_PASSIVE_END = re.compile(r"[;:,.!?()]|\s(?:and|but|or|so|because|then|when|whenever|if|unless|until|once|while|after|before)\s")
_PASSIVE_UNTIL = re.compile(r"\s+(?:\w+\s+)?(?:until|till|before)\b")
_PASSIVE_OPEN = re.compile(r"(?:^|[.;:!?(*>-]|\d\.)\s*$")
_COORD = frozenset(("and", "or", "nor"))
_PASSIVE_NONE = frozenset(("nothing", "none", "nobody", "neither", "nor", "few", "little"))


class _Passive(NamedTuple):
    head: str  # the thing's head noun key; UNIVERSAL for "nothing", "" when the thing is not known ("… in the country can be rejected")
    mods: tuple[str, ...]  # the keys of the thing's other words
    act: str  # the act's key
    never: bool  # said not to be done
    thing: str  # the noun phrase
    said: str  # as written ("no deposit is taken", "prices must be quoted")
    after: frozenset[str]  # the content keys after the act, up to the clause's end: where or how it is done
    at: int = 0  # where the act ends in the lower-cased text


ANY_ACT = "*"  # the act of a passive ban: every act ("Disposable barbecues are banned")
_BANNING = frozenset(lemma(w) for w in ("banned", "forbidden", "prohibited", "barred"))
_ALLOWING = frozenset(lemma(w) for w in ("allowed", "permitted"))
_PREPOSITIONS = frozenset("in on at of for with without to from by under over into onto near about across through during within between per via among against beyond".split())


@lru_cache(maxsize=1 << 14)
def _passives_of(text: str) -> tuple[_Passive, ...]:
    """What a rule says is done, or never done, to a thing in the passive voice: "Seconds
    are never sold", "No deposit is taken", "Prices MUST be quoted when an owner asks",
    "Nothing is rejected automatically". Not in a clause of time or case ("when the brew is
    scheduled"), not an order ("MUST NOT be unloaded until …"), not a subject left out
    ("… in pens and are never kept on chains")."""
    low = text.lower()
    if " is " not in low and " are " not in low and " be " not in low and "n't " not in low:
        return ()  # (substring tests before the scan: few rules have one)
    out = []
    for m in _PASSIVE_AT.finditer(low):
        part = m.group("part")
        if part not in IRREGULAR_PARTICIPLES and lemma(part) == part:
            continue  # "is open", "are often", "is red": no act
        n = _PASSIVE_NP.search(low, max(0, m.start() - 60), m.start())
        if n is None or _STATE_SUB_BEFORE.search(low, max(0, n.start() - 30), n.start()) is not None:
            continue
        words = n.group("np").split()
        if not _STATE_SUB.isdisjoint(words) or words[-1] in _COORD:
            continue
        never = _PASSIVE_NEG.search(low, m.start(), m.start("part")) is not None
        end = _PASSIVE_END.search(low, m.end())  # (a clause of time or case is no place: "quoted when an owner asks")
        after = _content_keys(low[m.end() : end.start() if end else len(low)])
        act = lemma(part)
        act = VERB_KEYS.get(act, act)
        be = low[m.start() : m.end()]
        if act in _BANNING or act in _ALLOWING:
            act, never = ANY_ACT, never or act in _BANNING  # "Disposable barbecues are banned", "… are (not) allowed": whatever is done with them
        if words[-1] == "nothing" and (words[-2:-1] == ["and"] or _PASSIVE_OPEN.search(low, 0, n.end("np") - len("nothing")) is not None):
            if not never and _PASSIVE_UNTIL.match(low, m.end()) is None:
                out.append(_Passive(UNIVERSAL, (), act, True, "anything", "nothing " + be, after))
            continue
        if not _PASSIVE_NONE.isdisjoint(words):
            continue  # "Nothing the user uploads is stored": no thing of those
        at = max((j + 1 for j, w in enumerate(words) if w in _STATE_DET or w == "no" or w in _COORD), default=0)
        if at > 0 and words[at - 1] == "no":
            if at > 1 or _PASSIVE_OPEN.search(low, 0, n.start()) is None:
                continue  # a "no" inside a phrase: "Claims … with no fraud flags may be approved"
            never = not never
        if never and _PASSIVE_UNTIL.match(low, m.end()) is not None:
            continue  # an order, not a ban: "MUST NOT be unloaded until the pyrometer reads under 200 °F"
        if not _PREPOSITIONS.isdisjoint(words[:at]):
            out.append(_Passive("", (), act, never, "", be, after))  # "… in the country can be rejected": some thing
            continue
        thing = words[at:]  # after its determiner, the last of a list ("Pucks and sticks": sticks)
        if not thing or thing[-1] in STOP or any(w in STOP and not w.endswith("ed") for w in thing) or not thing[-1][:1].isalpha():
            continue
        mods = tuple(_match_key(p) for w in thing[:-1] for p in w.split("-") if p)
        said = " ".join((["no"] if at and words[at - 1] == "no" else []) + thing) + " " + be
        out.append(_Passive(_match_key(thing[-1]), mods, act, never, " ".join(thing), said, after, m.end()))
    return tuple(out)


def _opposite_passives(ds: Sequence[Directive], cross: bool, found: Sequence[Conflict]) -> list[Conflict]:
    """Two rules that say in the passive voice that one act is done and is never done to
    one thing ("Seconds are sold in the studio shop at half price" / "Seconds are never
    sold"): the same head noun and act (or "nothing" on one side), no words before the noun
    that tell two things apart, not two places or manners after the act ("are sold online"
    / "are never sold at the door"), and the same case or none. A rule told to the agent
    meets a passive one too (:func:`_told`, :func:`_no_narrower`)."""
    by_key: dict[tuple[str, str], list[tuple[Directive, _Passive]]] = defaultdict(list)
    for d in ds:
        if d.source != "body":
            continue
        said = _passives_of(d.text)
        if said and not _is_lead_in(d):
            for p in said:
                by_key[p.head, p.act].append((d, p))
    if not by_key:
        return []
    heads: dict[str, set[str]] = defaultdict(set)
    for head, act in by_key:
        if head and head != UNIVERSAL:
            heads[act].add(head)
    told = _told(ds, heads)
    seen = _sides(found)
    out: list[Conflict] = []
    for (head, act), items in sorted(by_key.items()):
        if head == UNIVERSAL:
            continue  # (compared with each thing's rules: "Nothing is refunded" / "A deposit MAY be refunded")
        pairs = [(x, y) for i, x in enumerate(items) for y in items[i + 1 :]] if head else []
        pairs += [(x, y) for x in items for y in by_key.get((UNIVERSAL, act), [])]
        if head and act != ANY_ACT:
            # A ban of the thing meets every act done to it, when that is the same thing or a narrower one
            # ("Disposable barbecues are banned" / "… are sold in the shop"; not "Barbecues must be raised")
            pairs += [(x, y) for x in items if not x[1].never for y in by_key.get((head, ANY_ACT), []) if y[1].never and set(y[1].mods) <= set(x[1].mods)]
        if head:
            pairs += [(y, x) for x in items for y in told.get(act, ()) if _no_narrower(y[1], x[1])]
        for (a, pa), (b, pb) in pairs:
            if pa.never == pb.never or a is b or (b.path != a.path) != cross or a.text == b.text:
                continue  # (a rule copied into another file does not contradict itself)
            if pa.mods and pb.mods and pa.mods[-1] != pb.mods[-1] and pa.head and pb.head:
                continue  # two things: "hospital linen" / "hotel linen"
            if pa.after and pb.after and pa.after.isdisjoint(pb.after):
                continue  # two places: "sold online" / "never sold at the door"
            pair = frozenset(((a.path, a.start), (b.path, b.start)))
            if pair in seen:
                continue
            ca, cb = _case(a), _case(b)
            if ca and cb and ca != cb and (_content_keys(ca) | pa.after).isdisjoint(_content_keys(cb) | pb.after):
                continue  # two cases ("without embalming when the family prefers" / "unless the person has been embalmed" is one)
            seen.add(pair)
            a2, b2 = _order((a, b))
            w1, w2 = (pa.said, pb.said) if a2 is a else (pb.said, pa.said)
            kind, extra = _one_case(ca, cb)
            topic = pb.thing if pb.head and not pa.head else pa.thing or pb.thing  # (the passive rule's thing, as written)
            msg = f"{'conditional ' if kind == 'conditional' else ''}polarity conflict on `{topic}`: \"{quote(a2.text)}\" and {_where(b2, a2)}: \"{quote(b2.text)}\" say \"{w1}\" and \"{w2}\"{extra}"
            out.append(_make(kind, topic, (a2, b2), msg, keep_order=True))
    return out


_WE_NEVER = re.compile(r"\s*(?:\*\*[^*]+\*\*\s*)?we\s+(?:never|don't|do\s+not|won't|will\s+not)\s+(?P<acts>[a-z]+(?:\s*(?:,|or|and)\s*[a-z]+)*)\s*(?:[.!;:]|$)", re.IGNORECASE)
_CLAUSE_WORDS = _STATE_SUB | {"that", "which", "who", "whose", "own", "until", "without", "except", "unless"}


def _no_narrower(told: _Passive, said: _Passive) -> bool:
    """A rule told to the agent (:func:`_told`) is about no narrower a thing or place than
    a rule said in the passive voice: each word of its noun phrase and of what follows is
    among the passive rule's ("Don't publish the family list online" / "The daily family
    list is published online"; not "Quote a group rate to a guest" / "Rates are quoted in
    euros")."""
    if told.head == UNIVERSAL:
        return not said.never  # ("We don't collect or deliver" / "Longcase clocks are collected from the customer's home")
    words = {said.head, *said.mods, *said.after}
    return said.head in told.mods and words.issuperset(told.mods) and words.issuperset(told.after)


def _told(ds: Sequence[Directive], heads: dict[str, set[str]]) -> dict[str, list[tuple[Directive, _Passive]]]:
    """The rules that tell the agent to do, or never to do, an act of ``heads`` to a thing
    ("Don't publish the family list online"), by act, each as a :class:`_Passive` whose
    ``mods`` are the keys of its noun phrase and ``head`` is empty (the thing's head noun is
    among them: a passive rule's head is looked up there). ``heads``: the head nouns of the
    passive rules, by act (a rule that names none of an act's is not read)."""
    out: dict[str, list[tuple[Directive, _Passive]]] = defaultdict(list)
    if not heads:
        return out
    every = set().union(*heads.values())
    for d in ds:
        if d.source != "body":
            continue
        we = _WE_NEVER.match(d.text)
        if we is not None:  # "We don't collect or deliver": no act of that kind, to anything
            for v in _SPLIT.split(we.group("acts").lower()):
                act = lemma(v.strip())
                act = VERB_KEYS.get(act, act)
                if act in heads:
                    out[act].append((d, _Passive(UNIVERSAL, (), act, True, "", we.group().strip(" .!;:*").lower(), frozenset())))
            continue
        keys = _keys(d.text)
        if every.isdisjoint(keys) or not any(VERB_KEYS.get(k, k) in heads for k in keys) or _is_lead_in(d):
            continue  # (a necessary condition, read before the rule's head: one of the things, and a word of one of the acts)
        h = _head(d)
        act = VERB_KEYS.get(h.action, h.action) if h.action else None
        if act not in heads or h.polarity not in ("require", "prohibit") or heads[act].isdisjoint(keys):
            continue
        f = d.frame
        if not f.np or not _CLAUSE_WORDS.isdisjoint(_WORDS.findall(d.text.lower().split(";", 1)[0])):
            continue  # (a thing narrowed by a clause: "Don't renew an item that someone else has on hold")
        np = tuple(f.np)
        never = f.polarity == "prohibit"
        out[act].append((d, _Passive("", np, act, never, " ".join(np), ("never " if never else "") + f.action, frozenset(f.objects) - set(np))))
    return out


_VAGUE = re.compile(r"\b(?:appropriate|proper|realistic|relevant|suitable|sufficient|adequate|clear|meaningful|good|best|correct|right|reasonable|consistent|the same|care|caution|confidence|[a-z]+-like)\b")  # a manner, not a means
_WITH_LIST = re.compile(r",\s*[^\s,;:.]+(?:\s+[^\s,;:.]+)?\s*(?:,|and\b|or\b)")  # ", Gatling, Locust": one of a list
_WITH = re.compile(r"\s+with\s+(?:(?:an?|the|some|our|their)\s+)?(?P<x>[^,;:.()!?]+)")
_WITH_CUT = re.compile(r"\s(?:and|or|but|so|then|because|" + "|".join(sorted(_PREPOSITIONS)) + r"|when|if|once|while|unless|until|before|after|not)\s")


def _instrument(text: str, low: str, at: int) -> tuple[frozenset[str], str] | None:
    """What a rule does its act with, read right after the act at ``at`` of its lower-cased
    text ("treated with a permethrin dust along the skirting": permethrin dust), as content
    keys and as written."""
    w = _WITH.match(low, at)
    if w is None:
        return None
    x = w.group("x")
    if _WITH_LIST.match(low, w.end("x")) is not None or _VAGUE.search(x) is not None:
        return None  # one of a list ("with k6, Gatling, Locust"), or a manner ("with realistic user scenarios")
    cut = _WITH_CUT.search(" " + x + " ")
    if cut is not None and cut.group().strip() in ("and", "or"):
        return None  # two means or more ("with gel bait and a spray")
    x = x[: cut.start()] if cut else x
    keys = _content_keys(x)
    shown = text[w.start("x") : w.start("x") + len(x)] if len(text) == len(low) else x
    return (keys, shown.strip()) if keys else None


def _instruments(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Two variants do one act to one thing with different means: "Bed bugs are treated with
    heat" / "Treat bed bugs with a residual spray", "Tubeless tyres are topped up with Stan's
    sealant" / "… sealed with Muc-Off sealant" (the act may differ when the means share a
    head word). Both rules require the act, without a case; neither file names the other's
    means (a choice among several, or a migration)."""
    said: dict[str, list[tuple[Directive, str, frozenset[str], str, str]]] = defaultdict(list)
    for d in ds:
        low = d.text.lower()
        if d.source != "body" or " with " not in low:
            continue
        for p in _passives_of(d.text):
            if p.head and p.head != UNIVERSAL and not p.never:
                got = _instrument(d.text, low, p.at)
                if got is not None:
                    said[p.head].append((d, p.act, *got, p.thing))
        h = _head(d)
        if h.polarity == "require" and h.action:
            np = d.frame.np
            w = _WITH.search(low)
            if np and w is not None and _match_key(np[-1]) in _keys(low[: w.start()]):
                got = _instrument(d.text, low, w.start())
                if got is not None:
                    thing = [x for x in low[: w.start()].split()[1:] if x not in _STATE_DET]  # (after the verb: "Treat ear mites")
                    said[_match_key(np[-1])].append((d, VERB_KEYS.get(h.action, h.action), *got, " ".join(thing) or np[-1]))
    if not said:
        return []
    had = _sides(found)
    files: dict[str, str] = {}
    out: list[Conflict] = []
    for head, items in sorted(said.items()):
        for i, (a, act_a, ka, xa, thing) in enumerate(items):
            for b, act_b, kb, xb, thing_b in items[i + 1 :]:
                if a.path == b.path or a.text == b.text:
                    continue
                kind = _match_key(xa.split()[-1].lower())
                same_kind = kind == _match_key(xb.split()[-1].lower())
                own_a, own_b = (ka - {kind}, kb - {kind}) if same_kind else (ka, kb)  # two of one kind: "Stan's sealant" / "Muc-Off sealant"
                if not own_a or not own_b or not own_a.isdisjoint(own_b) or (act_a != act_b and not same_kind):
                    continue  # (two acts: only two of one kind of means name one choice)
                if _case(a) or _case(b) or xb.lower() in _file_text(files, ds, a.path) or xa.lower() in _file_text(files, ds, b.path):
                    continue
                pair = frozenset(((a.path, a.start), (b.path, b.start)))
                if pair in had:
                    continue
                had.add(pair)
                a2, b2 = _order((a, b))
                x1, x2 = (xa, xb) if a2 is a else (xb, xa)
                topic = min(thing, thing_b, key=len)
                msg = f"enum conflict on `{topic}` between variants: with {x1} vs with {x2}: \"{quote(a2.text)}\" vs {_where(b2, a2)}: \"{quote(b2.text)}\""
                out.append(_make("enum", topic, (a2, b2), msg, keep_order=True))
    return out


def _opposite_states(ds: Sequence[Directive], cross: bool, found: Sequence[Conflict]) -> list[Conflict]:
    """Two rules that put one thing in opposite states ("Keep the kiln-room door shut while a
    kiln is on" / "Prop the kiln-room door open while a kiln is firing"): the same head noun,
    no words before it that tell two things apart, and the same case or none."""
    by_head: dict[str, list[tuple[Directive, tuple[str, ...], int, int, str, str]]] = defaultdict(list)
    for d in ds:
        if d.source != "body" or _is_lead_in(d):
            continue
        states = _states_of(d.text)
        if states and getattr(d, "inherited", None) == "prohibit" and not _may_prohibit(d):
            states = tuple((h, m, pair, 1 - side, phrase, "not " + word) for h, m, pair, side, phrase, word in states)  # under "Never:", "leave the yard gate open" puts it shut
        for head, mods, pair, side, phrase, word in states:
            by_head[head].append((d, mods, pair, side, phrase, word))
    if not by_head:
        return []
    seen = _sides(found)
    out: list[Conflict] = []
    for head, items in sorted(by_head.items()):
        for i, (a, ma, pa, sa, phrase, wa) in enumerate(items):
            for b, mb, pb, sb, _, wb in items[i + 1 :]:
                if pa != pb or sa == sb or a is b or (b.path != a.path) != cross or _pol(a) == _pol(b) == "permit":
                    continue  # (either state may be allowed)
                if ma and mb and ma[-1] != mb[-1]:
                    continue  # "the fire door" / "the front door", "kiln door" / "kiln-room door": two doors ("dasher-board gates" / "board gate": one)
                if frozenset(((a.path, a.start), (b.path, b.start))) in seen:
                    continue
                ca, cb = _case(a), _case(b)
                if ca and cb and ca != cb and not (_content_keys(ca) & _content_keys(cb)):
                    continue  # two cases: "when leaving" / "while we ring"
                seen.add(frozenset(((a.path, a.start), (b.path, b.start))))
                a2, b2 = _order((a, b))
                w1, w2 = (wa, wb) if a2 is a else (wb, wa)
                kind, extra = _one_case(ca, cb)
                topic = phrase
                msg = f"{'conditional ' if kind == 'conditional' else ''}polarity conflict on `{topic}`: \"{quote(a2.text)}\" and {_where(b2, a2)}: \"{quote(b2.text)}\" put it in opposite states, {w1} and {w2}{extra}"
                out.append(_make(kind, topic, (a2, b2), msg, keep_order=True))
    return out


def _one_case(ca: str | None, cb: str | None) -> tuple[str, str]:
    """The kind of an opposite pair whose sides hold the cases ``ca`` and ``cb``, and what
    the message adds: "conditional" when one side only has a case (say which rule wins)."""
    if bool(ca) == bool(cb):
        return "polarity", ""
    return "conditional", f" (one side applies only {quote(ca or cb)!r}: say which rule wins)"


def _content_keys(text: str) -> frozenset[str]:
    """The content words' match keys of a text (no stop word, no generic word, no number)."""
    return frozenset(k for k in _keys(text) if k not in STOP and k not in GENERIC_KEYS and k[:1].isalpha())


def _orders(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """One rule does an act to a thing first, another does it last: "Board motorcycles
    first" and "Motorcycles are loaded last"."""
    said = []
    for d in ds:
        t = d.text
        if ("irst" not in t and "ast" not in t and "IRST" not in t and "AST" not in t) or d.source == "frontmatter" or _ORDER_CUE.search(t) is None or _is_lead_in(d):
            continue
        o = _order_of(d)
        if o is None or _pol(d) == "prohibit" or _ORDER_IF.match(_head(d).condition or ""):
            continue
        if d.text.lstrip(_MARKS)[:1] in _QUOTES or "❌" in d.text:
            continue  # (an example of wording, a bad example)
        acts, things = _order_acts(d, o[1])
        if acts and things:
            said.append((d, o[0], acts, things))
    out: list[Conflict] = []
    for i, (a, wa, acts_a, things_a) in enumerate(said):
        for b, wb, acts_b, things_b in said[i + 1 :]:
            if wa == wb or (a.path == b.path) == cross:
                continue
            shared = things_a & things_b
            if not shared or not (things_a <= things_b or things_b <= things_a) or not any(_same_act(x, y) for x in acts_a for y in acts_b):
                continue  # (the same things: not "Address security issues first" / "Address style issues last")
            first, last = (a, b) if wa == "first" else (b, a)
            act = next(x for x in sorted(acts_a) if any(_same_act(x, y) for y in acts_b))
            topic = f"{act} {display(first.text, shared) or ' '.join(sorted(shared))}".strip()
            msg = f"order conflict on `{topic}`: \"{quote(first.text)}\" puts it first; {_where(last, first)} puts it last: \"{quote(last.text)}\""
            out.append(_make("polarity", topic, (first, last), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- hedges
_HEDGE = re.compile(
    r"(?=[wia])(?:\b(?:where(?:ver)?|when(?:ever)?|if)\s+(?:it\s+is\s+|it's\s+)?(?:beneficial|appropriate|possible|practical|feasible|needed|necessary|sensible|useful|"
    r"it\s+makes\s+sense|it\s+helps|warranted)\b|\bas\s+needed\b)"
)
_ALL = re.compile(r"(?=[ae])\b(?:all|every|always|each)\b")
_HEDGE_WORDS = frozenset(word_key(w) for w in "beneficial appropriate possible practical feasible needed necessary sensible useful warranted".split())


def _hedges(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """A rule for *all* cases against the same rule "where beneficial": the second
    leaves room for exceptions the first forbids ("all I/O is async" and "use async
    database operations where beneficial")."""
    index: dict[str, list[tuple[Directive, frozenset[str]]]] = defaultdict(list)
    for d in ds:
        if d.source == "frontmatter" or not _hedged(d) or _pol(d) != "require":
            continue
        f = d.frame
        core = frozenset(t for t in set(f.objects) | ({lemma(f.action)} if f.action and f.action not in ("use",) else set()) if t not in _HEDGE_WORDS and t[0] != "~")
        if f.polarity == "require" and len(core) >= 2:
            index[max(core, key=lambda t: (len(t), t))].append((d, core))
    if not index:
        return []
    probe = set(index)
    out: list[Conflict] = []
    for u in ds:
        if u.source == "frontmatter":
            continue
        low = u.text.lower()
        if not _ALL.search(low) or _hedged(u) or probe.isdisjoint(_keys(u.text)):
            continue
        if _pol(u) != "require" or _head(u).condition:
            continue
        f = u.frame
        toks = set(f.objects) | set(f.label) | ({lemma(f.action)} if f.action else set())
        for t in sorted(toks):
            for h, core in index.get(t, ()):
                if h is u or (cross and h.path == u.path) or (not cross and h.path != u.path) or not core <= toks:
                    continue
                topic = display(h.text, core)
                msg = (
                    f"conditional conflict on `{topic}`: \"{quote(u.text)}\" applies to every case, "
                    f"{_where(h, u)} only where it helps: \"{quote(h.text)}\" (say which rule wins)"
                )
                out.append(_make("conditional", topic, (u, h), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- values
_DIGIT = re.compile(r"\d")
_UNIT_KEYS = frozenset(word_key(w) for w in "row rows day days week weeks month months year years epoch epochs case cases request requests result results step steps commit commits n".split())
_UNIT_WORDS = frozenset(word_key(u) for u, base in _UNITS.items() if u.isalpha() and base in PHYSICAL_UNITS)  # ("12°C" leaves a "c", "88 lb" an "lb")

def _near(x: float, y: float) -> bool:
    """One value written twice, to within 3 % (a month is 30 days or 30.4)."""
    return abs(x - y) <= 0.03 * max(abs(x), abs(y))


def _near_bound(x: float | None, y: float | None) -> bool:
    return x is None and y is None or (x is not None and y is not None and _near(x, y))


def _point_at_bound(a: tuple[float | None, float | None], b: tuple[float | None, float | None]) -> bool:
    """One interval is a single value and the other a bound on one side only at that
    same value ("40 days" and "at least 40 days", "four weeks" and "at least 28 days"):
    one target, not two. ("14 days" and "at least 12 days" are two.)"""
    for (plo, phi), (lo, hi) in ((a, b), (b, a)):
        if plo is not None and plo == phi and (lo is None) != (hi is None):
            if _near(plo, lo if lo is not None else hi):
                return True
        if plo is not None and phi is not None and plo != phi and (lo is None) != (hi is None):
            if (lo is not None and _near(plo, lo)) or (hi is not None and _near(phi, hi)):
                return True  # "between 1.0 and 1.5 mg/L" and "not below 1 mg/L": the range's own floor
    return False


def _inter(a: Value, b: Value) -> bool:
    lo_a = float("-inf") if a.low is None else a.low
    hi_a = float("inf") if a.high is None else a.high
    lo_b = float("-inf") if b.low is None else b.low
    hi_b = float("inf") if b.high is None else b.high
    lo, hi = max(lo_a, lo_b), min(hi_a, hi_b)
    if lo < hi:
        return True
    if lo > hi:
        return False
    inc_lo = (a.low_inclusive if lo == lo_a else True) and (b.low_inclusive if lo == lo_b else True)
    inc_hi = (a.high_inclusive if hi == hi_a else True) and (b.high_inclusive if hi == hi_b else True)
    return inc_lo and inc_hi


def _scope(d: Directive, role: str) -> tuple[str, ...]:
    vocab = load_vocab()
    words = set()
    spec = vocab.quantities.get(role) or vocab.status_roles.get(role) or {}
    for w in spec.get("words", ()):
        words.update(lemma(x) for x in w.split())
    return tuple(t for t in d.frame.scope if t not in words and not t[:1].isdigit() and t not in _TIME_WORDS)  # "for 5 minutes" is no place


def _shared_word_pairs(items: list[tuple[Directive, Value]]) -> list[tuple[Directive, Value, Directive, Value]]:
    """Pairs of values of an unknown quantity whose rules share two or more words
    ("Insert in batches of 10,000 rows" and "insert 50,000 rows per batch"), found
    through an index of words rather than all pairs."""
    words = [(set(d.frame.objects) | set(d.frame.label) | ({lemma(d.frame.action)} if d.frame.action else set())) - _UNIT_KEYS for d, _ in items]
    index: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        for t in w:
            if not t[:1].isdigit():
                index[t].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for t, idx in index.items():
        if len(idx) > 64:
            continue
        for x, i in enumerate(idx):
            for j in idx[x + 1 :]:
                shared[(i, j)] += 1
    out = []
    for (i, j), n in sorted(shared.items()):
        da, va = items[i]
        db, vb = items[j]
        if n >= 2 and (va.member, va.low, va.high, va.low_inclusive, va.high_inclusive) != (vb.member, vb.low, vb.high, vb.low_inclusive, vb.high_inclusive):
            out.append((da, va, db, vb))
    return out


_CLAUSE_SPLIT = re.compile(r";|\.\s|\bso\s+that\b|\bbecause\b|\bsince\b")


_SEQUENCE = re.compile(r"(?:before|after|until)\b(?!.*,\s*(?:when|if|unless|for|in|during|while|where)\b)")


def _case(d: Directive) -> str | None:
    """The case a rule is limited to; "before alerting" or "after a page navigation" says what comes next, not a case."""
    cond = d.frame.condition
    return None if not cond or _SEQUENCE.match(cond) else cond


def _member_case(d: Directive, v: Value) -> str | None:
    """:func:`_case` when it governs the member: in the member's own clause ("Use the BLoC
    pattern for screen state; providers are only for dependency injection" has none)."""
    return _clause_case(d, lambda low: _member_at(low, v))


def _value_condition(d: Directive, v: Value) -> str | None:
    """The rule's condition when it governs the value: in the value's own clause ("Keep
    sentences under 25 words; if a sentence needs a semicolon, …" has none)."""
    return _clause_case(d, lambda low: low.find(v.text.lower()))


def _clause_case(d: Directive, where: Callable[[str], int]) -> str | None:
    """:func:`_case` of ``d`` when it is said in the clause at ``where(lower-cased text)``
    (the whole rule's when that is not found)."""
    cond = _case(d)
    if cond is None:
        return None
    low = d.text.lower()
    at = where(low)
    if at < 0:
        return cond
    start = max((m.end() for m in _CLAUSE_SPLIT.finditer(low, 0, at)), default=0)
    nxt = _CLAUSE_SPLIT.search(low, at)
    return cond if cond.split(",")[0].strip() in low[start : nxt.start() if nxt else len(low)] else None


_NEGATED_BOUND = re.compile(r"(?:not|no\s+(?:[a-z]+\s+){0,2}(?:more|less|fewer|later|earlier|longer|shorter|greater|higher|lower))\s")  # ("no driver works more than ten hours": at most ten)


def _prohibited_values(d: Directive) -> tuple[tuple[Value, ...], bool]:
    """The values a prohibition sets. A bound that is forbidden sets its complement
    ("Never merge with line coverage under 90%": coverage ≥ 90%); a clause before the
    prohibition keeps its own values ("Passwords must be at least 12 characters; do not
    impose composition rules")."""
    low = d.text.lower()
    cue = _PROHIBIT_CUE.search(low)
    out: list[Value] = []
    for v in _head(d).values:
        if v.slot != "quantity":
            continue
        at = low.find(v.text.lower())
        if at < 0:
            continue
        if cue is None:
            if _NEGATED_BOUND.match(v.text.lower()):
                out.append(v)  # "No driver works more than ten hours": the value read the negation (at most ten)
            elif (v.low is None) != (v.high is None):
                out.append(_complement(v))  # forbidden by a mark or a heading: "❌ Loading more than 55 kg into a compartment" allows at most 55 kg
            continue
        if at < cue.start() and ";" in low[at : cue.start()]:
            out.append(v)  # the value's clause ends before the prohibition
        elif _NEGATED_BOUND.match(v.text.lower()):
            out.append(v)  # "SHOULD NOT exceed 3%": the comparator is the prohibition, the value what is allowed
        elif at > cue.start() and _UNTIL.search(low, cue.end(), at):
            out.append(v)  # "MUST NOT be set until the file holds at least six photos": the value is what is required
        elif at > cue.start() and (v.low is None) != (v.high is None):
            out.append(_complement(v))
    return tuple(out), bool(out)


def _complement(v: Value) -> Value:
    """What a forbidden one-sided bound allows ("not under 90%": at least 90%); a value
    bounded on both sides or on none is returned as it is."""
    if (v.low is None) == (v.high is None):
        return v
    if v.low is None:
        return replace(v, text=f"not {v.text}", low=v.high, high=None, low_inclusive=not v.high_inclusive, high_inclusive=True)
    return replace(v, text=f"not {v.text}", low=None, high=v.low, high_inclusive=not v.low_inclusive, low_inclusive=True)


_UNTIL = re.compile(r"\b(?:until|unless|before|without)\b")


def _label_end(text: str) -> int:
    """Where a leading label ends ("**Risk Assessment** (10 min): …", "< 2s: Use …"), or -1."""
    m = _VALUE_LABEL.match(text)
    return m.end() if m and len(m.group().split()) <= 8 else -1


_VALUE_LABEL = re.compile(r"^[^:]*?[^\s:]:(?=\s|$)")
_COND_OPEN = re.compile(r"^[\W]*(?:for|when|if|unless|once|while|where)\b[^,:;]*")
_REASON = re.compile(r"\b(?:because|since|due\s+to|as\s+it|which\s+means|so\s+that)\b", re.IGNORECASE)
_COND_LEAD = re.compile(r"\b(?:when|if|unless|for|in\s+case|during|while|where)\b", re.IGNORECASE)


def _described(d: Directive, v: Value) -> bool:
    """A value that states a condition or a reason, not a target: inside a leading
    label ("< 2s: Use Sonnet", "**400-800 lines**: extend the SLA") or after
    "because" ("… because review effectiveness drops above 400 lines")."""
    low = d.text.lower()
    at = low.find(v.text.lower())
    if at < 0:
        return False
    cond = _COND_OPEN.match(low)
    if cond is not None and at < cond.end():
        return True  # "**For Low Readiness Teams (Score < 2.5)**": the case, not a target
    end = _label_end(d.text)
    if 0 <= at < end:
        return True
    reason = _REASON.search(low)
    return reason is not None and reason.start() < at


_STATED = re.compile(r"(?:\b(?:is|are|be|was|were)(?:\s+[a-z]+){0,2}|\bat\s+[a-z]+)\s*$")


def _form(d: Directive, v: Value) -> str:
    """How a value is written: "label" ("Timeline: 2-4 weeks", "| Page size | 50 |"),
    "catalogue" (a row of a table with more columns), "stated" ("backups are kept for
    14 days"), or "other"."""
    if d.kind == "table_row" and len([c for c in d.text.strip().strip("|").split("|") if c.strip()]) > 2:
        return "catalogue"
    low = d.text.lower()
    at = low.find(v.text.lower())
    pre = low[:at].rstrip(" *_~<>=≤≥") if at >= 0 else ""
    if pre.endswith((":", "|")):
        return "label"
    return "stated" if _STATED.search(pre) else "other"


def _parallel(da: Directive, va: Value, db: Directive, vb: Value) -> bool:
    """Two "Label: value" lines of a repeated template (one per tier, phase or option:
    "**Timeline**: 2-4 weeks" under Phase 1, "**Timeline**: 4-8 weeks" under Phase 2):
    inside one file always, across files unless they sit under the same heading."""
    if _form(da, va) != "label" or _form(db, vb) != "label":
        return False
    return da.path == db.path or da.section[-1:] != db.section[-1:]


def _siblings(a: Directive, b: Directive) -> bool:
    """Items of one list or table: each is its own case ("Read first 200 lines", "Read
    last 100 lines") when the quantity is only known by the words the items share."""
    return a.path == b.path and a.kind in _LISTED and b.kind in _LISTED and a.section == b.section and a.context == b.context


def _cases_differ(a: Directive, b: Directive) -> bool:
    """Both rules sit under different lead-ins that state a case ("When read scaling is
    the priority:" and "For RTO < 5 minutes:"), or, inside one file, under different
    lead-ins at all ("Verify the synthesis output:" and "Verify the agent file:")."""
    if not a.context or not b.context or a.context == b.context:
        return False
    return a.path == b.path or bool(_COND_LEAD.search(a.context) and _COND_LEAD.search(b.context))


def _other_values_apart(da: Directive, va: Value, db: Directive, vb: Value) -> bool:
    """Each rule holds a second value, in another unit than the two compared, and those
    cannot both hold: the rules are about two cases ("Two stands per side for boats under
    10 m" / "Boats over 10 m MUST stand on at least three stands per side")."""
    return _apart_in_another_unit([o for o in da.frame.values if o.text != va.text], [o for o in db.frame.values if o.text != vb.text], {_in_base_unit(va, {}).unit, _in_base_unit(vb, {}).unit})


def _apart_in_another_unit(xs: Sequence[Value], ys: Sequence[Value], units: set[str | None]) -> bool:
    def others(vs: Sequence[Value]) -> list[Value]:
        return [b for b in (_in_base_unit(o, {}) for o in vs if o.slot == "quantity" and o.unit) if b.unit not in units]

    ob = others(ys)
    return bool(ob) and any(x.unit == y.unit and _one_sided(x) and _one_sided(y) and not _inter(x, y) for x in others(xs) for y in ob)


def _one_sided(v: Value) -> bool:
    """A bound that names a class of cases ("boats under 10 m"), not a setting ("for 15 minutes")."""
    return (v.low is None) != (v.high is None)


_FIRST_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _cases_apart(a: Directive, sa: str, b: Directive, sb: str) -> bool:
    """:func:`_other_values_apart` for the clause comparison, which knows the two values
    by how they are written (``sa``, ``sb``)."""
    def split(d: Directive, shown: str) -> tuple[list[Value], set[str | None]]:
        n = _FIRST_NUMBER.search(shown)
        x = float(n.group().replace(",", "")) if n else None
        own = [o for o in d.frame.values if o.slot == "quantity" and x is not None and x in (o.low, o.high)]
        return [o for o in d.frame.values if not any(o is y for y in own)], {_in_base_unit(o, {}).unit for o in own}

    (xs, ua), (ys, ub) = split(a, sa), split(b, sb)
    return bool(ua) and ua == ub and _apart_in_another_unit(xs, ys, ua)


def _instance(a: Value, b: Value) -> bool:
    """One value is a point inside the other's bounded range ("87 tokens" in "50-100 tokens")."""
    for p, r in ((a, b), (b, a)):
        if p.low is not None and p.low == p.high and r.low is not None and r.high is not None and r.low < r.high and r.low <= p.low <= r.high:
            return True
    return False


_KIND_WORD = re.compile(r"[a-z][a-z-]*|[^a-z\s]+")


def _kinds_differ(da: Directive, va: Value, db: Directive, vb: Value) -> bool:
    """The thing both values are about is named with other words before it in each rule
    ("Keep free chlorine …" / "Combined chlorine must stay …", "the daytime call-out fee"
    / "The night call-out fee"): two kinds of it, each with its own value. ("default page
    size" and "page size" name one.)"""
    if not (va.role.startswith(_NP) and va.role == vb.role):
        return False
    head = va.role[len(_NP) :]
    cardinals = load_vocab().cardinals or {}

    def kinds(text: str) -> set[str]:
        words = _KIND_WORD.findall(text.lower())
        out: set[str] = set()
        for i, w in enumerate(words):
            if not w[0].isalpha() or lemma(w) != head:
                continue
            for m in reversed(words[max(0, i - 2) : i]):
                if not m[0].isalpha() or m in STOP or m in VERBS or m in cardinals or m in _DETERMINERS_NUM:
                    break  # (the noun phrase starts after it)
                out.add(lemma(m))
        return out

    ka, kb = kinds(da.text), kinds(db.text)
    return bool(ka - kb) and bool(kb - ka)


_DETERMINERS_NUM = _DETERMINERS | {"no"}


def _ment_root(key: str) -> str:
    """A noun in -ment as the verb it names ("measurement": measure), for telling subjects apart."""
    return _match_key(key[:-4]) if key.endswith("ment") and len(key) > 8 else key


def _subjects_differ(da: Directive, va: Value, db: Directive, vb: Value) -> bool:
    """Both rules name what the quantity is for, and those differ: "run evals at
    temperature 0" and "extraction calls run at temperature 0.3"."""
    if not (va.role.startswith(_NP) and vb.role.startswith(_NP)):
        return False
    quantity = {va.role[len(_NP) :], vb.role[len(_NP) :], *va.qualifiers, *vb.qualifiers} | _UNIT_KEYS | _UNIT_WORDS | _TIME_WORDS

    def rest(d: Directive, v: Value) -> set[str]:
        f = d.frame
        own = _own_sentence(d.text, v.text)
        if own is not None:
            f = frame(own, d.context, getattr(d, "inherited", None))  # ("**Cold days**: no hive is opened under 59°F. **Smoke**: …": the value's own rule)
        return {_ment_root(t) for t in (*f.objects, *f.label) if t[:1].isalpha() and t not in quantity and t[0] != "~"}

    ra, rb = rest(da, va), rest(db, vb)
    return bool(ra) and bool(rb) and not ra & rb


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[*_]*[A-Z])")


def _own_sentence(text: str, value_text: str) -> str | None:
    """The sentence of a text of several that holds a value, or None (one sentence)."""
    parts = _SENTENCE_BREAK.split(text)
    if len(parts) < 2:
        return None
    low = value_text.lower().removeprefix("not ")
    return next((p for p in parts if low in p.lower()), None)


@lru_cache(maxsize=4096)
def _measures(text: str, role: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The members a rule names of each family that says how its quantity is measured:
    a family one of whose role words has the quantity's head word ("line coverage" of
    `coverage_metric` for the test-coverage quantity; not `python_test_framework`, whose
    role words share only "test"). A member's bare name counts after a percentage ("100%
    statement"), not as any word ("the main branch", "every public function")."""
    head = [w for w in re.split(r"[\W_]+", role.lower()) if w][-1:]
    low = text.lower()
    out = []
    for fam, spec in sorted(load_vocab().families.items()):
        if not head or not isinstance(spec, dict) or not any(head[0] in str(rw).split() for rw in spec.get("role_words", ())):
            continue
        named = frozenset(
            m for m, forms in (spec.get("members") or {}).items()
            if any(re.search(r"\b" + re.escape(str(f).lower()) + r"\b", low) for f in (forms or ())) or re.search(r"%\s*" + re.escape(str(m).lower()) + r"\b", low)
        )
        if named:
            out.append((fam, named))
    return tuple(out)


def _measured_apart(a: str, b: str, role: str) -> bool:
    """Two rules name different measures of one quantity (line vs branch coverage)."""
    mb = dict(_measures(b, role))
    return any(fam in mb and not named & mb[fam] for fam, named in _measures(a, role))


def _np_match(va: Value, vb: Value) -> bool:
    """The same quantity named by its noun phrase: one head, the same unit, and
    qualifiers that agree ("default page size" and "page size"; not "file size")."""
    if va.unit != vb.unit:
        return False
    qa, qb = set(va.qualifiers), set(vb.qualifiers)
    return not qa or not qb or bool(qa & qb)


_TIME_WORDS = frozenset(lemma(w) for w in "second seconds minute minutes hour hours day days week weeks month months year years".split())
_SECONDS = {"ms": 0.001, "min": 60.0, "h": 3600.0, "day": 86400.0, "week": 604800.0}  # months and years vary in length


# Units converted to one of their family before values are compared: unit -> (factor, offset, base).
_BASE_UNITS = {
    **{u: (f, 0.0, "s") for u, f in _SECONDS.items()},
    "°F": (5 / 9, -32 * 5 / 9, "°C"), "lb": (0.45359237, 0.0, "kg"), "st": (6.35029318, 0.0, "kg"), "t": (1000.0, 0.0, "kg"), "ml": (0.001, 0.0, "l"),
    "mm": (0.001, 0.0, "m"), "cm": (0.01, 0.0, "m"), "km": (1000.0, 0.0, "m"), "ft": (0.3048, 0.0, "m"), "in": (0.0254, 0.0, "m"),
    "mi": (1609.344, 0.0, "m"), "mph": (1.609344, 0.0, "km/h"), "kn": (1.852, 0.0, "km/h"),
}


def _in_base_unit(v: Value, written: dict[int, str]) -> Value:
    """A value in its family's unit, so that "5 minutes" and "1 hour", "59°F" and "15°C",
    "66 lb" and "30 kg" are compared; ``written`` keeps the unit as written for the message."""
    conv = _BASE_UNITS.get(v.unit or "") if v.slot == "quantity" else None
    if conv is None:
        return v
    factor, offset, base = conv
    out = replace(v, low=None if v.low is None else round(v.low * factor + offset, 6), high=None if v.high is None else round(v.high * factor + offset, 6), unit=base)
    written[id(out)] = v.unit or base
    return out


def _other_row_thing(d: Directive, v: Value, other: Directive) -> bool:
    """A value of a *Do* / *Don't* table cell that its words tie to nothing is of its row's
    thing ("Glue boards | … checked every 12 hours"): not of what another rule names
    without that thing ("Live-catch traps MUST be checked at least every 8 hours")."""
    return d.kind == "table_cell" and not v.attached and bool(d.context) and _content_keys(d.context).isdisjoint(_keys(other.text))


_SCALE_VALUES = 3  # values of one quantity in one file that make a scale (see _values)


def _values(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    by_role: dict[tuple[str, str], list[tuple[Directive, Value]]] = defaultdict(list)
    written: dict[int, str] = {}  # id of a converted value -> its unit as written
    for d in ds:
        if d.source == "frontmatter" or _is_lead_in(d) or not _has_values(d):
            continue  # "Choose MkDocs when:", "✅ Compressed (87 tokens):" introduce what follows
        h = _head(d)
        values = h.values
        prescriptive = _instructs(d)
        if h.polarity == "prohibit":
            values, prescriptive = _prohibited_values(d)
        elif h.polarity not in ("require", None):
            continue
        roles = [v.role for v in values]
        for v in values:
            if roles.count(v.role) > 1:
                continue  # "RabbitMQ for <10K msg/s, Kafka for >100K": options, not one target
            v = _in_base_unit(v, written)
            if v.slot == "status":
                by_role[("status", v.role)].append((d, v))
            elif v.slot == "quantity" and not _described(d, v):
                form = _form(d, v)
                if form == "catalogue" and h.strength not in ("must", "always", "only", "should"):
                    continue  # a row of a table of options describes one option
                # A quantity named by its noun phrase is a rule even when stated
                # ("Backups are kept for 14 days", "The default page size is 50").
                stated = v.attached and form in ("label", "stated") and not _CJK.search(d.text)  # the noun-phrase reading is English only
                if v.role.startswith(_NP) and (prescriptive or stated):
                    by_role[("np", v.role)].append((d, v))
                if prescriptive or (stated and not v.role.startswith(_NP)):
                    by_role[("quantity", f"unit:{v.unit}")].append((d, v))
    # One label that one file gives three or more values is a scale ("Level 1 … Agent
    # utilization: 0-20%", "Level 2 … Agent utilization: 20-40%", …): its values are
    # levels, not targets to compare.
    levels: dict[tuple[str, tuple[str, ...], str], set[tuple]] = defaultdict(set)
    for items in by_role.values():
        for d, v in items:
            if d.frame.label:
                levels[(d.path, d.frame.label, v.role)].add((v.low, v.high))
    scales = {k for k, vals in levels.items() if len(vals) >= _SCALE_VALUES}
    if scales:
        for key in list(by_role):
            by_role[key] = [(d, v) for d, v in by_role[key] if (d.path, d.frame.label, v.role) not in scales]
    # Across variants, a value one file also states for the same role is no variant
    # difference (both files hold both values: a table of tiers, not a disagreement).
    held = {(d.path, v.role, v.member, v.low, v.high) for items in by_role.values() for d, v in items} if cross else set()
    out: list[Conflict] = []
    done: set[tuple[int, int]] = set()
    for (slot, role), items in sorted(by_role.items(), key=lambda kv: (kv[0][0] != "np", kv[0])):
        if len(items) < 2:
            continue
        # Distinct values first: equal values never conflict.
        distinct: dict[tuple, list[tuple[Directive, Value]]] = defaultdict(list)
        for d, v in items:
            distinct[(v.member, v.low, v.high, v.low_inclusive, v.high_inclusive)].append((d, v))
        keys = sorted(distinct, key=repr)
        if len(keys) < 2:
            continue
        if slot == "quantity":
            # The same known quantity, or an unknown one described with the same words.
            by_q: dict[str, list[tuple[Directive, Value]]] = defaultdict(list)
            for d, v in items:
                if not v.role.startswith((_GENERIC, _NP)):
                    by_q[v.role].append((d, v))
            candidates = [
                (da, va, db, vb)
                for q in sorted(by_q)
                for i, (da, va) in enumerate(by_q[q])
                for db, vb in by_q[q][i + 1 :]
                if (va.low, va.high, va.low_inclusive, va.high_inclusive) != (vb.low, vb.high, vb.low_inclusive, vb.high_inclusive)
            ]
            candidates += [
                c
                for c in _shared_word_pairs(items)
                if (c[1].role.startswith((_GENERIC, _NP)) or c[3].role.startswith((_GENERIC, _NP))) and not (c[1].role.startswith(_NP) and c[3].role.startswith(_NP))
            ]
        elif slot == "np":
            candidates = [
                (da, va, db, vb)
                for i, ka in enumerate(keys)
                for kb in keys[i + 1 :]
                for da, va in distinct[ka]
                for db, vb in distinct[kb]
                if _np_match(va, vb)
            ]
        else:
            candidates = [(da, va, db, vb) for i, ka in enumerate(keys) for kb in keys[i + 1 :] for da, va in distinct[ka] for db, vb in distinct[kb]]
        for da, va, db, vb in candidates:
            if da is db or da.text == db.text or (cross and da.path == db.path) or (id(da), id(db)) in done:
                continue
            if _other_row_thing(da, va, db) or _other_row_thing(db, vb, da):
                continue
            if cross and ((da.path, vb.role, vb.member, vb.low, vb.high) in held or (db.path, va.role, va.member, va.low, va.high) in held):
                continue
            if _value_condition(da, va) != _value_condition(db, vb):
                continue
            if va.unit != vb.unit or written.get(id(va)) != written.get(id(vb)):
                if _near_bound(va.low, vb.low) and _near_bound(va.high, vb.high):
                    continue  # "50 kg" and "110 lb": one value in two units
            if da.frame.label and db.frame.label and set(da.frame.label) != set(db.frame.label) and slot != "status":
                continue  # "**API handlers**: >80%" and "**Utility functions**: >70%", "Tier 2:" and "Tier 3:": one target each
            if slot != "status":
                sa, sb = set(_scope(da, va.role)), set(_scope(db, vb.role))
                if sa and sb and not sa & sb:
                    continue  # "in YAML" and "in Python": different places
                if _measured_apart(da.text, db.text, va.role):
                    continue  # "line coverage" and "branch coverage": two measures of one quantity
                if (_siblings(da, db) and (va.role.startswith(_GENERIC) or vb.role.startswith(_GENERIC))) or _cases_differ(da, db) or _instance(va, vb) or _subjects_differ(da, va, db, vb) or _parallel(da, va, db, vb):
                    continue
                if _kinds_differ(da, va, db, vb):
                    continue  # "free chlorine" and "combined chlorine": two quantities
                if _other_values_apart(da, va, db, vb):
                    continue  # "Two stands for boats under 10 m" / "Boats over 10 m … three stands": two cases
            done.add((id(da), id(db)))
            done.add((id(db), id(da)))
            a, b = _order((da, db))
            av, bv = (va, vb) if a is da else (vb, va)
            role_name = _role_name(a, av, b)
            if slot == "status":
                kind = "value"
                detail = f"status {av.member} vs {bv.member}"
            else:
                kind = "value" if not _inter(av, bv) else "target"
                if kind == "target" and _point_at_bound((av.low, av.high), (bv.low, bv.high)):
                    continue  # "Sample ballots are mailed 40 days out" / "… at least 40 days before": one target
                shown = written.get(id(av), av.unit) if written.get(id(av), av.unit) == written.get(id(bv), bv.unit) else None
                unit = f" ({_UNIT_SHOWN.get(shown, shown)})" if shown and not shown.startswith("#") else ""  # (a count of things names them in its text: "60 orders")
                rel = "cannot both hold" if kind == "value" else "are different targets"
                detail = f"{av.text} {'vs' if kind == 'value' else 'and'} {bv.text}{unit} {rel}"
            msg = f"{kind} conflict on `{role_name}`: {detail}: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
            out.append(_make(kind, role_name, (a, b), msg, keep_order=True))
    return out


_UNIT_SHOWN = {"t": "tonnes", "st": "stone", "kn": "knots", "mi": "miles", "in": "inches"}  # units whose symbol reads as a word
_STOP_KEYS = frozenset(word_key(w) for w in STOP)


def _role_name(d: Directive, v: Value, other: Directive | None = None) -> str:
    """What a value is about, for a reader: the vocabulary's role, the noun phrase as
    written, or for a quantity the vocabulary does not know, the words both rules share
    (not the values' own words, "tonnes")."""
    if v.role.startswith(_NP):
        keys = set(v.qualifiers) | {v.role[len(_NP) :]}
        if v.unit and v.unit[0] == "#":
            keys.add(word_key(v.unit[1:]))  # what is counted: "the last 10 conversations"
        return display(d.text, keys)
    if v.role.startswith(_GENERIC) and other is not None:
        said = {word_key(w) for o in (d, other) for x in o.frame.values for w in _WORDS.findall(x.text.lower())}  # (not "tonnes")
        shared = (set(_keys(d.text)) & set(_keys(other.text))) - GENERIC_KEYS - said - _STOP_KEYS
        if shared:
            return display(d.text, shared)
    return v.role.replace("_", " ")


# ---------------------------------------------------------------- enum
_PROBES: dict[str, frozenset[str]] = {}
_CHOOSE = frozenset({
    "use", "prefer", "choose", "adopt", "pick", "select", "install", "run", "write", "implement", "migrate", "switch", "stick", "build",
    "deploy", "configure", "test", "set", "schedule", "call", "keep", "indent", "follow", "format", "store", "host", "manage",
    "orchestrate", "style", "paginate", "convert", "merge", "report", "send", "start", "name", "version", "route", "fetch",
})


def _member_probe() -> frozenset[str]:
    p = _PROBES.get("members")
    if p is None:
        p = _PROBES["members"] = frozenset(_member_index(load_vocab()))
    return p

def _choice(d: Directive) -> tuple[str, tuple[Value, ...]] | None:
    """Whether ``d`` chooses enumeration members, and which: ("rule", …) for an
    instruction that picks one ("Use pnpm", "Schedule the job as an Airflow DAG"),
    ("statement", …) for a sentence that states the convention ("Models are
    written in PyTorch", "We use npm", "| Framework | TensorFlow |"). A lead-in
    ("Choose MkDocs when:"), a question, a permission, a member named in passing
    ("Handle asynchronous operations with JavaScript") or only in what a
    prohibition forbids is no choice."""
    text = d.text
    if d.source == "frontmatter" or _is_lead_in(d) or text.rstrip("*_ ").endswith("?"):
        return None
    if any(_OPTION_HEADING.match(h) for h in d.section[-2:]):
        return None  # "Pattern 3: Jenkins + Helm", "Option B": one of several options, described
    values = enum_values(text)
    before = (_chosen_before_prohibition(text) or _chosen_after_prohibition(text)) if not values else None
    if not values and before is None:
        return None  # nothing chosen, whatever the frame says: not read
    f = _head(d)
    if f.polarity == "permit":
        return None
    if f.polarity == "prohibit":
        got = before if not values else (_chosen_before_prohibition(text) or _chosen_after_prohibition(text))
        return got if got is not None or not values else _chosen_in_first_sentence(d)
    if not values:
        return None
    low = text.lower().replace("`", "")  # "the `Accept` header" names the header member
    if _AGENT_USE.search(low):
        return None  # "Use for framework selection", "MUST BE USED for Spring Boot projects": when to call the agent
    if f.polarity == "require" and (f.strength in ("must", "always", "only", "prefer", "should") or (f.strength == "imperative" and f.action in _CHOOSE)) or (
        _instructs(d) and _opening_verb(d) in _CHOOSE
    ):
        ruled = tuple(v for v in values if _governed(low, v))
        if ruled:
            return "rule", ruled
    elif _instructs(d) and _opening_verb(d) is not None:
        # Any verb whose instrument is the member: "Hash passwords with Argon2id", "Clean the
        # extract in a pandas DataFrame", "Land raw extracts as Parquet files".
        ruled = tuple(v for v in values if _governed(low, v) and (_INSTRUMENT.search(low, 0, _member_at(low, v)) or _adverbial(low, v)))
        if ruled:
            return "rule", ruled
    stated = tuple(v for v in values if _stated(low, v) or _table_choice(d, v))
    if not stated and d.kind == "list_item" and f.polarity in (None, "require") and _bare_choice(d, f, low):
        stated = values  # "Named exports." under "Rules", "Vitest for unit tests" under "Stack"
    return ("statement", stated) if stated else None


def _chosen_in_first_sentence(d: Directive) -> tuple[str, tuple[Value, ...]] | None:
    """The choice of a rule's first sentence when a later one prohibits ("Bump the version
    following SemVer. Never reuse a version number."): each sentence is a rule of its own."""
    parts = _SENTENCE_BREAK.split(d.text, 1)
    if len(parts) < 2 or _PROHIBIT_CUE.search(parts[0].lower()) is not None:
        return None
    first = parts[0]
    return _choice(Piece(d.path, d.source, d.kind, first, d.context, d.section, d.start, d.start + len(first), d.span, getattr(d, "inherited", None)))


def _bare_choice(d: Directive, f, low: str) -> bool:
    """A list item that is only the members it names, under a heading that requires or
    lists the stack, leading with a member ("Named exports." under *Rules*; "Vitest and
    React Testing Library for unit tests" under *Stack*): the item states the choice."""
    heading = d.section[-1].lower() if d.section else ""
    under = (f.polarity == "require" and f.strength == "inherited") or bool(heading and polarity_cues()["choice_headings"].search(heading))
    if not under or d.context:
        return False
    words = _WORDS.findall(_PAREN.sub(" ", low))
    if _verb(words[0]) is not None if words else True:
        return False  # "Write …", "Use …": an instruction, read as one
    named = {w for i, form, fam, member in member_hits(words, load_vocab()) for w in form.split()}
    rest = [w for w in words if w not in named and w not in STOP]
    return words[0] in named and len(rest) <= 3  # it leads with the member: "Vitest for unit tests", not "Clear separation using CSS Modules"


def _chosen_before_prohibition(text: str) -> tuple[str, tuple[Value, ...]] | None:
    """The choice of a prohibition: "We use npm and commit the lockfile; do not introduce
    another package manager" states it in the clause before the prohibition."""
    m = _PROHIBIT_CUE.search(text.lower())
    if m is None or m.start() == 0 or not _CLAUSE_BREAK.search(text[: m.start()]):
        return None
    head = text[: m.start()]
    low_head = head.lower()
    values = tuple(v for v in enum_values(head) if _stated(low_head, v))
    if values:
        return "statement", values
    inner = _instruction(head)  # "pnpm workspaces: install with `pnpm install` and never mix lockfiles"
    lead = _LEAD_WORD.match(inner)
    if lead is not None and _verb(lead.group(1)) in _CHOOSE:
        at = len(head) - len(inner)
        values = tuple(v for v in enum_values(inner) if _member_at(low_head, v, at) >= 0)
        return ("rule", values) if values else None
    return None


_AFTER_BAN = re.compile(r"(?:;|\s[—–-]\s|,|\.\s)\s*(?:instead\s*,?\s*|rather\s*,?\s*)?(?:always\s+)?(?:use|prefer|choose|pick|go\s+with|stick\s+(?:to|with)|switch\s+to|migrate\s+to)\s+")


def _chosen_after_prohibition(text: str) -> tuple[str, tuple[Value, ...]] | None:
    """The choice a prohibition points to: "Don't use Jest; use Vitest", "Avoid Moment.js —
    prefer date-fns instead": the clause after it opens with a choosing verb."""
    low = text.lower()
    cue = _PROHIBIT_CUE.search(low)
    if cue is None:
        return None
    m = _AFTER_BAN.search(low, cue.end())
    if m is None:
        return None
    tail = text[m.end() :]
    end = re.search(r"[;.!?]\s|\s(?:for|when|if|unless|in|to)\s", tail)
    values = enum_values(tail[: end.start()] if end else tail)
    return ("rule", values) if values else None


# Words that state a convention before the member they choose: "are written in",
# "lives in", "goes through", "we use", "is done with", "are merged with".
_CHOICE_VERBS = (
    r"\b(?:has|have)\s+(?:an?\s+|one\s+|exactly\s+one\s+)?(?:single\s+)?$",  # "Each component file has a single default export"
    r"\b(?:enforces?|mandates?|requires?)\s+(?:an?\s+|the\s+)?$",  # "The SwiftLint configuration enforces 2-space indentation"
    r"\b(?:is|are)\s+(?:[a-z-]+\s+){0,2}?(?:in|with|using|through|via|by|as|on)\b",
    r"\b(?:is|are)\s*$",
    r"\b(?:lives?|goes|go|belongs?)\s+(?:in|through|into|to)\b",
    r"\b(?:we|team|project|codebase)\s+(?:use|uses|prefer|prefers|standardi[sz]es?\s+on|rely\s+on|chose|picked|adopted)\b",
    r"\b[a-z]+s\s+(?:use|follow|adopt)\s",  # "Commit messages follow Conventional Commits", "Services use gRPC"
)
_CHOICE_CUE = re.compile("|".join(_CHOICE_VERBS))


_OPTION_HEADING = re.compile(r"^\W*(?:option|pattern|approach|alternative|variant|strategy|scenario)\s+(?:\d+|[a-e]|[ivx]+)\b", re.IGNORECASE)
_INSTRUMENT = re.compile(r"(?<![\w-])(?:with|using|via|through|in|into|as|following|per|according\s+to)\s+(?:(?:the|a|an|our|its|their|one|single)\s+)?[`*_\"']*$")
_AGENT_USE = re.compile(r"\b(?:use|used|invoke|invoked|call)\s+(?:(?:this\s+agent|it|me|proactively|immediately)\s+)?(?:for|when|after|before|to\s+(?:review|help|handle))\b")
_RULE_CUE = re.compile(r"\b(?:must|shall|always|only|should|prefer|required|ensure|need\s+to|have\s+to)\b|^\W*[a-z]+")
_PURPOSE_TAIL = re.compile(r"\s(?:to\s+[a-z]+|so\s+that|in\s+order\s+to|because|which|since|while)\b")


def _verb(word: str) -> str | None:
    return VERB_KEYS.get(lemma(word.lower()))


def _opening_verb(d: Directive) -> str | None:
    """The verb an instruction opens with, in its base form ("Insert", not "Fixed-size")."""
    m = _LEAD_WORD.match(_instruction(d.text))
    verb = _verb(m.group(1)) if m else None
    return verb if verb is not None and m is not None and m.group(1).lower() == verb and d.text[m.end(1) : m.end(1) + 1] != "-" else None


def _instructs(d: Directive) -> bool:
    """An instruction even without a modal: an item of a list or a step that opens with
    a verb ("insert 50,000 rows per batch" under "Batches:"), or an item under a lead-in
    that gives it a requiring polarity ("Always:")."""
    f = _head(d)
    if f.polarity in ("prohibit", "permit") or getattr(d, "inherited", None) in ("prohibit", "antipattern"):
        return False
    if f.polarity == "require" and f.strength not in (None, "inherited"):
        return True
    if d.kind in _LISTED and d.kind != "table_row" and _opening_verb(d) is not None and not _GERUND.match(d.text):
        return True
    return f.polarity == "require" and f.strength == "inherited" and bool(d.context) and d.kind in _LISTED


def _governed(low: str, v: Value) -> bool:
    """The member is what the rule chooses: after its cue ("must", "always", the opening
    verb) and before a purpose or reason ("… to reduce the initial JavaScript")."""
    at = _member_at(low, v)
    cue = _RULE_CUE.search(low)
    if at < 0 or cue is None or at < cue.start():
        return False
    tail = _PURPOSE_TAIL.search(low, cue.end())
    return tail is None or at < tail.start()


_CLAUSE_END = re.compile(r"\s*(?:$|[.;,!:)]|\s(?:with|by|at|on|in|for|and|unless|when|if|before|after)\b)")


def _adverbial(low: str, v: Value) -> bool:
    """The member is an adverb ("weekly", "every quarter") that ends the verb's clause:
    "Review cloud costs weekly"."""
    spec = load_vocab().families.get(v.role, {})
    for form in (spec.get("members") or {}).get(v.member, ()) or (v.member or "",):
        form = str(form)
        if not (form.endswith("ly") or form.startswith(("every ", "each ", "once "))):
            continue
        form = form.lower()
        for at in word_starts(low, form):
            if at > 0 and _CLAUSE_END.match(low, at + len(form)):
                return True
    return False


def _member_at(low: str, v: Value, start: int = 0) -> int:
    """Where ``low`` first names the member of ``v`` from ``start`` on (-1 if it does not)."""
    spec = load_vocab().families.get(v.role, {})
    best = -1
    for form in (spec.get("members") or {}).get(v.member, ()) or (v.member or "",):
        at = _word_at(low, str(form).lower(), start)
        if at >= 0 and (best < 0 or at < best):
            best = at
    return best


def _word_at(low: str, form: str, start: int = 0) -> int:
    r"""Where ``form`` first stands in ``low`` from ``start`` on, not inside a longer or
    hyphenated word (-1: nowhere): what ``(?<![\w-])form(?![\w-])`` finds, without
    compiling a pattern for every spelling."""
    n = len(low)
    i = low.find(form, start)
    while i >= 0:
        j = i + len(form)
        if not (i > 0 and (low[i - 1].isalnum() or low[i - 1] in "_-")) and not (j < n and (low[j].isalnum() or low[j] in "_-")):
            return i
        i = low.find(form, i + 1)
    return -1


def _stated(low: str, v: Value) -> bool:
    at = _member_at(low, v)
    if at <= 0:
        return False
    clause = re.split(r"[;,.:!?(]", low[:at])[-1].rstrip("`*_\"'")  # "base images are `alpine`"
    return bool(_CHOICE_CUE.search(clause))


def _table_choice(d: Directive, v: Value) -> bool:
    """ "| Browser tests | Playwright |": a two-column row whose value names the member."""
    if d.kind != "table_row":
        return False
    cells = [c.strip() for c in d.text.strip().strip("|").split("|")]
    return len(cells) == 2 and _member_at(cells[1].lower(), v) >= 0 and _member_at(cells[0].lower(), v) < 0


_PROHIBIT_CUE = re.compile(r"(?=[ndmsac])\b(?:never|do\s+not|don't|must\s+not|should\s+not|shouldn't|mustn't|may\s+not|cannot|can't|avoid|no\s+longer|nothing|no(?=\s+[a-z]+\s+(?:is|are|may|can|should|must|gets?)\b))\b")  # ("no hive is opened under 59°F", "nothing is extracted above 17.5%")
_CLAUSE_BREAK = re.compile(r"[;:,]|\band\b")
_CASE_HEAD = re.compile(r"^\W*(?:when|if|for|unless|choose|use\s+\S+\s+when)\b", re.IGNORECASE)


def _heading_cases_differ(a: Directive, b: Directive) -> bool:
    """Both sit under headings that name a case ("When to use Redux", "For small apps") and the cases differ."""
    ha, hb = a.section[-1:] or ("",), b.section[-1:] or ("",)
    return ha != hb and bool(_CASE_HEAD.match(ha[0])) and bool(_CASE_HEAD.match(hb[0]))


from .frames import member_index as _member_index  # noqa: E402


def _text_words(text: str) -> frozenset[str]:
    """The lower-cased words of a text (:data:`_WORDS`). (Not kept: a memo of sets, which
    the garbage collector walks, costs more than reading them again.)"""
    return frozenset(_lower_words(text))


def _single_spellings() -> frozenset[str]:
    p = _PROBES.get("single")
    if p is None:
        p = _PROBES["single"] = frozenset(w for w, spellings in _member_index(load_vocab()).items() if (w,) in spellings)
    return p


@lru_cache(maxsize=1 << 16)
def _may_name_member(text: str) -> bool:
    """Does the text hold every word of some member spelling (a cheap superset of
    :func:`enum_values`, read before it: "with" alone names no member)?"""
    found = _lower_words(text)
    hits = _member_probe().intersection(found)  # (the words are walked: no set of them is built for a text without hits)
    if not hits:
        return False
    if not _single_spellings().isdisjoint(hits):
        return True  # a spelling of one word
    words = frozenset(found)
    index = _member_index(load_vocab())
    return any(all(p in words for p in parts) for w in hits for parts in index[w])


@lru_cache(maxsize=256)
def _family_words(fam: str) -> frozenset[str]:
    """Match keys of the words a family uses for its members and its role ("pgvector",
    "vector store"): in "Store embeddings in pgvector" they name the choice, not a scope."""
    spec = load_vocab().families.get(fam, {})
    forms = [str(f) for spellings in (spec.get("members") or {}).values() for f in (spellings or ())]
    forms += [str(r) for r in spec.get("role_words", ())]
    return frozenset(word_key(w) for f in forms for w in _WORDS.findall(f.lower()))


def _enum_scope(d: Directive, fam: str) -> set[str]:
    """The scope of a choice without the family's own words."""
    words = _family_words(fam)
    if any(t in words for t in d.frame.scope):
        return set()  # "in a small Zustand store": the phrase names where the choice lives, not a scope
    return {t for t in d.frame.scope if t not in words}


def _same_purpose(a: Directive, b: Directive, fam: str) -> bool:
    """Two choices of a family whose members combine (databases, vector stores) are rivals
    only when both rules say they are for the same thing: "Store embeddings in pgvector"
    and "Use Qdrant for embeddings", not "Use PostgreSQL for orders" and "Cache in Redis"."""
    spec = load_vocab().families.get(fam, {})
    words = {word_key(w) for spellings in (spec.get("members") or {}).values() for f in spellings or () for w in _WORDS.findall(str(f).lower())}

    def purpose(d: Directive) -> set[str]:
        return {t for t in d.frame.objects if t not in words and t not in GENERIC_KEYS and t[:1].isalpha() and t[0] != "~"}

    pa, pb = purpose(a), purpose(b)
    if spec.get("same_subject"):
        # A unit is chosen for a quantity: "Distances MUST be stored in metres, as integers" and
        # "Store distances in feet, matching the WMS export" choose for the same subject.
        sa, sb = (next((t for t in d.frame.objects if t in p), None) for d, p in ((a, pa), (b, pb)))
        return sa is not None and sa == sb
    return bool(pa) and bool(pb) and (pa <= pb or pb <= pa)


@lru_cache(maxsize=1 << 15)
def _named_members(text: str) -> frozenset[tuple[str, str]] | None:
    """The (family, member) pairs with every word of a spelling in the text: every member
    :func:`_choice` can find in it is among them. None when the text alone cannot tell:
    the clauses around a prohibition are read apart. Where removing emphasis or a link's
    target before the members are read can join two words, the pairs are those the
    members' reading finds (:func:`enum_values`): without a prohibition, a choice is
    made among them."""
    low = text.lower()
    if _PROHIBIT_CUE.search(low):
        return None
    if "*" in text or "_" in text or "](" in text or "\x00" in text:
        return frozenset((v.role, v.member) for v in enum_values(text))
    words = _text_words(text)
    vocab = load_vocab()
    index, every = _member_index(vocab), vocab.member_families or {}
    out: set[tuple[str, str]] = set()
    for w in _member_probe().intersection(words):
        for parts in index[w]:
            if all(p in words for p in parts):
                form = " ".join(parts)
                out.update(every[form])
    return frozenset(out)


def _enums(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    vocab = load_vocab()
    by_fam: dict[str, list[tuple[Directive, Value, str]]] = defaultdict(list)
    named = [(d, _named_members(d.text)) for d in ds if d.source != "frontmatter" and _may_member(d)]
    # A family with one member named in all these texts has no conflict: its texts are not read.
    rivals: dict[str, set[str]] = defaultdict(set)
    read: list[tuple[str, tuple[Value, ...]] | None] = []
    for d, pairs in named:
        got = _choice(d) if pairs is None else None
        read.append(got)
        for fam, member in pairs if pairs is not None else ((v.role, v.member) for v in (got[1] if got else ()) if v.slot == "enum"):
            rivals[fam].add(member)
    for (d, pairs), got in zip(named, read):
        if pairs is not None:
            if not any(len(rivals[fam]) > 1 for fam, _ in pairs):
                continue
            got = _choice(d)
        if got is None:
            continue
        how, values = got
        for v in values:
            if v.slot == "enum":
                by_fam[v.role].append((d, v, how))
    out: list[Conflict] = []
    for fam, items in sorted(by_fam.items()):
        members = {v.member for _, v, _ in items}
        if len(members) < 2:
            continue
        spec = vocab.families.get(fam, {})
        compatible = {frozenset(p) for p in spec.get("compatible", ()) if len(p) == 2}
        # Across variants, a member the other file also chooses is no variant difference.
        held = {(d.path, v.member) for d, v, _ in items} if cross else set()
        done: set[tuple[int, int]] = set()
        for i, (da, va, ha) in enumerate(items):
            for db, vb, hb in items[i + 1 :]:
                if va.member == vb.member or da is db or (cross and da.path == db.path) or (id(da), id(db)) in done:
                    continue
                if frozenset((va.member, vb.member)) in compatible:
                    continue  # "SQLAlchemy's query builder" with SQLModel: one is built on the other
                if (not spec.get("exclusive", True) or spec.get("purpose_required")) and not _same_purpose(da, db, fam):
                    continue  # databases, clouds, languages combine: only one purpose makes them rivals
                if not cross and ha == hb == "statement":
                    continue  # two statements in one file: a description of both, not an instruction
                if cross and ((da.path, vb.member) in held or (db.path, va.member) in held):
                    continue
                if _member_case(da, va) != _member_case(db, vb):
                    continue
                sa, sb = _enum_scope(da, fam), _enum_scope(db, fam)
                if (sa or sb) and sa != sb and (spec.get("scope_sensitive") or (sa and sb and not sa & sb)):
                    continue  # "2 spaces in YAML" and "4 spaces in Python"
                if _cases_differ(da, db) or _heading_cases_differ(da, db):
                    continue
                done.add((id(da), id(db)))
                a, b = _order((da, db))
                av, bv = (va, vb) if a is da else (vb, va)
                name = fam.replace("_", " ")
                msg = f"enum conflict on `{name}`: {av.member} vs {bv.member}: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
                out.append(_make("enum", name, (a, b), msg, keep_order=True))
    return out


_BAN_END = re.compile(r"[;:.!?(]|\s[—–]\s|,\s*(?:use|prefer|instead|but)\b|\binstead\b|\b(?:unless|except|for|in|when|if|to|by|via|through|with|without)\b")


_COMMAND_SPAN = re.compile(r"`[^`\s]+\s[^`]*`")


def _banned_members(d: Directive) -> list[tuple[str, str]]:
    """The (family, member) pairs a prohibition forbids: the members it names after its
    cue and before the clause ends ("Do not add Redux", "We do not write CSS Modules or
    styled-components"; not pnpm in "Never use npm; use pnpm")."""
    low = d.text.lower()
    inherited = getattr(d, "inherited", None)
    inherited = inherited == "prohibit" or (inherited == "constraint" and _head(d).strength == "inherited")  # not "When unsure, ask …" under Constraints
    cue = None if inherited else _PROHIBIT_CUE.search(low)
    if cue is None and not inherited:
        return []
    start = cue.end() if cue is not None else 0
    end = _BAN_END.search(low, start)
    part = _COMMAND_SPAN.sub(" ", low[start : end.start() if end else len(low)])  # `terraform apply` is an act, not the tool
    words = _WORDS.findall(part.replace("`", " ").replace("*", " "))
    vocab = load_vocab()
    out: list[tuple[str, str]] = []
    for i, form, fam, member in member_hits(words, vocab):
        if i > 3 and not (out and words[i - 1] in ("or", "and", "nor")):
            break  # the member is what is forbidden: the object of the verb, or an alternative to it
        if (fam, form) in vocab.ambiguous and not (i == 1 and _verb(words[0]) is not None):
            continue  # "go", "blocking": an ambiguous spelling counts only right after the verb ("do not introduce pandas")
        if (fam, member) not in out:
            out.append((fam, member))
    return out


def _member_bans(ds: Sequence[Directive], cross: bool, found: Sequence[Conflict] = ()) -> list[Conflict]:
    """A member one rule forbids and another chooses ("Do not add Redux" and "Global client
    state lives in Redux Toolkit slices"; "We do not write CSS Modules" and "Use CSS Modules
    for component styles"): whatever verb each uses, the technology is used or not."""
    bans: dict[tuple[str, str], list[Directive]] = defaultdict(list)
    for d in ds:
        if d.source == "frontmatter" or not _may_member(d) or _is_lead_in(d):
            continue
        if getattr(d, "inherited", None) not in ("prohibit", "constraint") and not _may_prohibit(d):
            continue
        if _pol(d) != "prohibit":
            continue
        if _DELEGATES.search(d.text) or _addressed_elsewhere(d):
            continue
        for key in _banned_members(d):
            bans[key].append(d)
    if not bans:
        return []
    out: list[Conflict] = []
    def at(d: Directive) -> tuple[str, int, int]:
        return d.path, d.start, d.end

    known = {frozenset(map(at, c.sides)) for c in found if c.kind in ("polarity", "conditional")}  # the polarity check's own finds
    for r in ds:
        if r.source == "frontmatter" or not _may_member(r) or _pol(r) == "prohibit":
            continue
        got = _choice(r)
        if got is None:
            continue
        for v in got[1]:
            for p in bans.get((v.role, v.member), ()):
                if p is r or (cross and p.path == r.path) or (not cross and p.path != r.path):
                    continue
                if _case(p) or _case(r):
                    continue
                sp, sr = _enum_scope(p, v.role), _enum_scope(r, v.role)
                if sp and sr and not sp & sr:
                    continue
                if _cases_differ(p, r) or _heading_cases_differ(p, r) or frozenset((at(p), at(r))) in known:
                    continue
                known.add(frozenset((at(p), at(r))))
                topic = f"{v.role.replace('_', ' ')}: {v.member}"
                msg = f"polarity conflict on `{topic}`: \"{quote(p.text)}\" forbids what {_where(r, p)} chooses: \"{quote(r.text)}\""
                out.append(_make("polarity", topic, (p, r), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- duplicates
_DUP_MIN_WORDS = 5


_CLAUSES = re.compile(r"[;,]\s+(?:and\s+|but\s+)?|\s+—\s+|\.\s+")
_DUP_WORD = re.compile(r"[a-z0-9][a-z0-9+#./-]*")
NEAR = 0.8


def _dup_key(text: str) -> str:
    return text.replace("*", "").replace("`", "").replace("_", "").lower().strip(" .:;!")


def _duplicates(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """Exact repeats, a rule repeated as a clause of a longer one, and near repeats
    (word overlap of at least 80 %), found through their rarest words, not all pairs."""
    items = [d for d in ds if d.source != "frontmatter"]
    keys = [_dup_key(d.text) for d in items]
    exact: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        if k.count(" ") + 1 >= _DUP_MIN_WORDS:
            exact[k].append(i)
    pairs: dict[tuple[int, int], str] = {}
    for k, idx in exact.items():
        for j in idx[1:]:
            pairs[(idx[0], j)] = "exact"
    # A short rule that is a whole clause of a longer one.
    clause_of: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        parts = _CLAUSES.split(k)
        if len(parts) > 1:
            for part in parts:
                part = part.strip(" .:;!")
                if part.count(" ") + 1 >= _DUP_MIN_WORDS and part in exact:
                    clause_of[part].append(i)
    for part, holders in clause_of.items():
        for i in exact[part]:
            for j in holders:
                if i != j:
                    pairs.setdefault((min(i, j), max(i, j)), "clause")
    # Near repeats: candidates share one of their two rarest words.
    words = [frozenset(_DUP_WORD.findall(k)) for k in keys]
    df: dict[str, int] = defaultdict(int)
    for w in words:
        for t in w:
            df[t] += 1
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, w in enumerate(words):
        if len(w) >= _DUP_MIN_WORDS:
            (_, t0), (_, t1), *_ = sorted([(df[t], t) for t in w])
            buckets[t0].append(i)
            buckets[t1].append(i)
    paths = [d.path for d in items] if cross else None
    for i, j in _bucket_pairs(buckets):
        a, b = words[i], words[j]
        if (i, j) in pairs or a == b or paths is not None and paths[i] == paths[j]:
            continue  # (across files, a file's own repeats are the within-file pass's)
        if len(a & b) / len(a | b) >= NEAR and not any(c.isdigit() for t in a ^ b for c in t):
            pairs[(i, j)] = "near"  # (not when a number differs: "below 20%" / "below 10%" are two values, not one rule twice)
    out = []
    for (i, j), how in sorted(pairs.items()):
        a, b = items[i], items[j]
        if a is b or (cross and a.path == b.path) or (not cross and a.path != b.path):
            continue
        if a.path == b.path and a.start < b.end and b.start < a.end:
            continue
        a, b = _order((a, b))
        what = {"exact": "repeated", "clause": "repeated inside a longer rule", "near": "repeated with small changes"}[how]
        msg = f"duplicate: \"{quote(a.text)}\" is {what} at {_where(b, a)}: \"{quote(b.text)}\""
        out.append(_make("duplicate", quote(a.text, 60), (a, b), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- systems of record
# Where a variant keeps its records: "Jobs, customers and calendars live in ServiceTitan",
# "Work orders … MUST be kept in FieldEdge", "Use Tapestry for diaries and photos". A name
# is one to three capitalised words (or a code span), not the rule's first word.
_SYS_NAME = r"(?P<name>`[^`\s]{2,40}`|(?:the\s+)?(?:[A-Z][\w.+&-]*[A-Za-z0-9](?:\s+(?=[A-Z0-9])[A-Z0-9](?:[\w.+&-]*[A-Za-z0-9])?){0,2}))"
_SYS_KEPT_IN = (
    r"(?:live|lives|kept|stored|held|handled|entered|recorded|logged|tracked|managed|planned|booked|issued|taken|run|programmed|"
    r"go|goes|sit|sits|stay|stays|belong|belongs|done|made|posted|come|comes|ordered|bought|sourced|supplied|purchased)(?:\s+and\s+[a-z]+)?\s+(?:in|into|through|on|via|from)\s+"
)
_SYS_KEPT = _Lazy(r"^(?P<what>[^.;:!?()]{3,120}?)\s+(?:(?i:must|should|shall|will|are|is|all|always|only)\s+){0,3}(?:be\s+)?" + _SYS_KEPT_IN + _SYS_NAME)
_SYS_USE = _Lazy(r"(?:^|[.;:]\s+)(?:[Uu]se)\s+" + _SYS_NAME + r"\s+(?:for|to\s+(?:keep|record|log|track|manage|store|run|plan|book))\s+(?P<what>[^.;:!?()]{3,120})")
# "Log every inspection in Apiary Book", "Record each arrangement in FuneralWise": the imperative.
_SYS_PUT_VERB = r"^(?:Log|Record|Enter|Keep|Store|Track|File|Save|Capture|Book)\s+"
_SYS_PUT = _Lazy(_SYS_PUT_VERB + r"(?P<what>[^.;:!?()]{3,120}?)\s+(?:in|into|on|through)\s+" + _SYS_NAME)
# What every match of _SYS_KEPT (a space, then its verb and preposition), _SYS_USE or
# _SYS_PUT holds, found with one search: most rules hold none, and the first pattern,
# anchored with a lazy prefix, costs most on a rule it does not match.
_SYS_CUE = _Lazy(r"\s" + _SYS_KEPT_IN + r"|[Uu]se\s|" + _SYS_PUT_VERB)
_SYS_LIST = re.compile(r",|\b(?:and|or)\b")
_SYS_WORD = re.compile(r"[a-z][\w'’-]*")
_SYS_OF = re.compile(r"\b(?:for|of|to|in|on|from|with|at|by)\b")
_SYS_LEAD = re.compile(r"^[^\w*]*(?:\d+[.)]\s*)?(?:\*\*[^*]{1,40}\*\*\W*)?")  # a list mark, a number, a bold lead word
_MONTHS = frozenset("january february march april may june july august september october november december".split())


@lru_cache(maxsize=1 << 14)
def _system_of(text: str) -> tuple[str, frozenset[str], tuple[tuple[str, ...], ...]] | None:
    """The system a rule keeps things in, and the things: all their content keys, and
    the words of each thing listed, its head last."""
    plain = _SYS_LEAD.sub("", text).replace("**", "")
    if _SYS_CUE.search(plain) is None:
        return None
    for pat in (_SYS_KEPT, _SYS_USE, _SYS_PUT):
        m = pat.search(plain)
        if m is None:
            continue
        name = re.sub(r"^the\s+", "", m.group("name")).strip("`")
        first = name.split()[0].lower()
        if first in STOP or name.isupper() and len(name) <= 2 or first.rstrip("s") in _WEEKDAYS or first in _MONTHS:
            continue  # (not "Deploys are done on Tuesdays")
        what = {k for k in _keys(m.group("what")) if k not in GENERIC_KEYS and k not in STOP and k[:1].isalpha()}
        what -= {word_key(w.lower()) for w in re.findall(r"[\w-]+", name)}
        items = []
        for item in _SYS_LIST.split(m.group("what")):
            words = [k for k in map(_match_key, _SYS_WORD.findall(_SYS_OF.split(item, 1)[0].lower())) if k in what]
            if words:
                items.append(tuple(words))  # "technician calendars": the head is "calendars"; "Permits to work": "permits"
        if items:
            return name, frozenset(what), tuple(items)
    return None


def _says_system(d: Directive, name: str) -> bool:
    """Does ``d`` keep things in the system ``name``: not under a prohibiting heading or
    lead-in, and no negation before the name ("Bookings are taken in Pitchbook; never on
    paper first" does; "Never keep bookings in Pitchbook" does not)?"""
    if getattr(d, "inherited", None) in ("prohibit", "antipattern"):
        return False
    if _pol(d) != "prohibit":
        return True
    low = d.text.lower()
    at = low.find(name.lower())
    return at >= 0 and _AL_ANY_NEG.search(low, 0, at) is None


def _file_text(files: dict[str, str], ds: Sequence[Directive], path: str) -> str:
    """The rules of one file of ``ds``, lower-cased (read once, when first asked)."""
    text = files.get(path)
    if text is None:
        text = files[path] = "\n".join(d.text.lower() for d in ds if d.path == path)
    return text


def _same_kind(a: tuple[tuple[str, ...], ...], b: tuple[tuple[str, ...], ...]) -> bool:
    """Do two lists of things share one thing: a head word, with the words before it on one
    side among the other's ("diaries" / "daily diaries"; not "unit tests" / "end-to-end
    tests", "Local UI state" / "Global client state")?"""
    return any(x[-1] == y[-1] and (set(x) <= set(y) or set(y) <= set(x)) for x in a for y in b)


def _systems(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Two variants keep the same records in different systems."""
    # Copies of a file say the same thing: each reading is compared once, with its rules.
    readings: dict[tuple[str, frozenset[str], tuple[tuple[str, ...], ...]], list[Directive]] = defaultdict(list)
    for d in ds:
        if d.source == "frontmatter":
            continue
        got = _system_of(d.text)
        if got is not None and _says_system(d, got[0]):  # (the text first: a head is read only for a rule that names a system)
            readings[(got[0].lower(), *got[1:])].append(d)
    if len(readings) < 2:
        return []
    said = list(readings)
    # Readings meet through their things' head words, not all pairs.
    holders: dict[str, list[int]] = defaultdict(list)
    for i, (_, _, items) in enumerate(said):
        for h in {x[-1] for x in items}:
            holders[h].append(i)
    pairs = sorted({(min(i, j), max(i, j)) for idx in holders.values() for i in idx for j in idx if i != j})
    had = _sides(found)
    files: dict[str, str] = {}
    out: list[Conflict] = []
    for i, j in pairs:
        (na, wa, ia), (nb, wb, ib) = said[i], said[j]
        if na == nb or not _same_kind(ia, ib):
            continue
        for a in readings[said[i]]:
            for b in readings[said[j]]:
                if a.path == b.path or nb in _file_text(files, ds, a.path) or na in _file_text(files, ds, b.path):
                    continue  # (a file names the other's system too: a choice among several, a migration, a ban, a copy)
                if frozenset(((a.path, a.start), (b.path, b.start))) in had:
                    continue
                x, y = _order((a, b))
                nx, ny = (_system_of(x.text)[0], _system_of(y.text)[0])
                supplier = re.search(r"\bfrom\s+(?:the\s+)?" + re.escape(nx), x.text) is not None  # ("Mouldings come from Wessex Pictures")
                topic = ("supplier of " if supplier else "system for ") + display(x.text, wa & wb)
                msg = f"enum conflict on `{topic}` between variants: {nx} vs {ny}: \"{quote(x.text)}\" vs {_where(y, x)}: \"{quote(y.text)}\""
                out.append(_make("enum", topic, (x, y), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- aligned variants
# Variants of one agent are drifted copies: a rule of one file usually has a
# counterpart in the other that says nearly the same words. When two clauses differ
# only in one slot (a number, a name), the variants disagree there.
_AL_DIGIT, _AL_CAPITAL = re.compile(r"[0-9]"), re.compile(r"[A-Z]")
_AL_DOTTED = _Lazy(r"[a-z][a-z0-9-]+(?:\.[a-z][a-z0-9-]*)+")  # "start.gg", "archive.today" (not "e.g")
_AL_TOKEN = re.compile(r"`([^`]+)`|([A-Za-z][A-Za-z0-9+#]*(?:[._/-][A-Za-z0-9+#]+)*[+#]*(?:(?<=n)['’]t\b)?)|((?<![\d:])\d{1,2}:[0-5]\d(?![\d:])|(?<![\w-])-\d[\d,]*(?:\.\d+)?%?|\$?\d[\d,]*(?:\.\d+)?(?:e-?\d+)?%?)")
_AL_NEG = frozenset("not no never dont cannot avoid nor".split())  # (and every word ending in n't)
_AL_OK = {lemma(w): "@ok" for w in (*PERMIT_WORDS, "supported")}  # "are allowed" / "are not supported"
_AL_COMPARE = re.compile(r"(?i)\b(?:below|above|under|over|less|fewer|more|lower|higher|anything|other\s+than|except)\b")
_AL_ANY_NEG = re.compile(r"\b(?:not|no|never|cannot|avoid|nor|without)\b|n['’]t\b")
_AL_SKIP = STOP | _AL_NEG | frozenset("always only all every each must should may shall will business working without later latest earlier earliest".split())
@lru_cache(maxsize=1)
def _al_clause_re() -> re.Pattern[str]:
    """Where a rule's clauses end (compiled on first use: only the cross-file pass reads clauses)."""
    return re.compile(
        r";\s+|(?<=[a-z0-9)`])[.!?]\s+(?=[A-Z*`])|\s[—–]\s|,\s+(?=(?:but\s+)?(?:never|not|rather\s+than|instead\s+of)\b)"
        r"|,?\s+and\s+(?=(?:" + "|".join(sorted(VERBS)) + r")\s+(?:it|them|the|all|every|each|a|an|any)\b)"
        r"|,\s+(?:and|but|so|while|whereas)\s+(?=(?:the|a|an|we|you|it|they|each|every|all|this|these|its|their|our|during|when|once|after|before)\b)"
        r"|,\s+(?=(?:ordered|sorted|grouped|ranked|written|kept|stored|signed|with|which|where)\b)"
    )


_AL_WORD = re.compile(r"(?<![`\w])[A-Za-z][a-z]+")
_AL_UNIT_WORDS = re.compile(r"%?(?:\s+(?:business|working))?(?:-(?=[A-Za-z])|\s*)([A-Za-z]*)\b")
_AL_LABEL = re.compile(r"^\W*([^:.!?;]{1,40}?)\s*:\s")
_AL_REASON = re.compile(
    r"(?:,\s*|\s)(?:so\s+that|because|since|which)\b.*$|(?:,\s*|\s)(?:in\s+order\s+)?to\s+(?:save|avoid|reduce|prevent|ensure|make\s+sure|protect|guarantee|speed\s+up)\b.*$"
    r"|(?:,\s*|\s)so\s+(?:the\s+|our\s+|your\s+)?\w+\s+(?:can|could|will|may|might|never|do|does|don't|doesn't|won't)\b.*$"
)  # why a rule holds is no part of what it sets ("… at 30 Hz to save CPU", "… so readers can see it")
# Durations with a length in seconds (the value reading's units): one unit, compared in
# seconds ("30 minutes" and "24 hours" measure one thing; months and years vary in length).
_AL_SCALE = {lemma(w): _SECONDS.get(u, 1.0) for w, u in _UNITS.items() if u in _SECONDS or u == "s"}
# Months and years are units after a number ("every month", "2 years"), by their mean
# length ("every month" / "every 30 days" agree); elsewhere they are words ("reduced to the year").
_AL_AFTER_NUMBER: dict[str, float] = {}  # filled below from _AL_EVERY: "month" is "monthly"'s period
_AL_UPPER = re.compile(r"(?:\bunder|\bbelow|\bless\s+than|\bfewer\s+than|\bat\s+most|\bup\s+to|\bwithin|\bmax(?:imum)?(?:\s+of)?|\bno\s+more\s+than|\bexceed|\bno\s+later\s+than(?:\s+day)?|\bby\s+day|≤|<)\s*\$?$")
_AL_LOWER = re.compile(r"(?:\bat\s+least|\bover|\babove|\bbeyond|(?<!\bthe\s)\bpast|\bmore\s+than|\bmin(?:imum)?(?:\s+[a-z]+)?(?:\s+of)?|\bno\s+less\s+than|≥|>)\s*\$?$")
_AL_LOWER_AFTER = re.compile(r"%?\+|%?\s*(?:\w+\s+)?or\s+(?:more|higher|above|greater)")
_AL_UPPER_AFTER = _Lazy(r"%?\s*(?:\w+\s+)?or\s+(?:less|fewer|lower|under|below)\b")


_AL_EXAMPLE = re.compile(r"\s*\((?:(?:for\s+example|for\s+instance|eg|such\s+as|like)\b|e\.g\.|i\.e\.)[^)]*\)")  # an example is no part of the rule
# How often, in seconds: a frequency word sets an interval as "every 30 days" does.
_AL_EVERY = {"hourly": _SECONDS["h"], "daily": _SECONDS["day"], "nightly": _SECONDS["day"], "weekly": _SECONDS["week"], "fortnightly": 2 * _SECONDS["week"],
             # (months and years by their mean length; "biweekly" is twice a week or every two weeks)
             "monthly": 365.25 / 12 * _SECONDS["day"], "quarterly": 365.25 / 4 * _SECONDS["day"], "yearly": 365.25 * _SECONDS["day"], "annually": 365.25 * _SECONDS["day"]}
_AL_AFTER_NUMBER.update({lemma(w): _AL_EVERY["monthly"] for w in ("month", "months")} | {lemma(w): _AL_EVERY["yearly"] for w in ("year", "years")})
_AL_WORD_DASH = re.compile(
    r"(?<![-\w])((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-(?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty)-"
    r"(?=(?:point|level|step|tier|stage|star|day|week|month|year|hour|minute|second|page|line|word|digit|character|person|member|part|item)s?\b)"
)  # a count and what it counts ("a four-point scale"), not a compound ("one-off", "two-way")


def _al_word_dash(m: re.Match[str]) -> str:
    words = m.group(1).split("-")
    cardinals = load_vocab().cardinals or {}
    value = sum(int(cardinals.get(w, 0)) for w in words)
    n = str(value)
    return (n + " " * (len(m.group()) - len(n))) if value else m.group()



_AL_HOUR_AFTER = re.compile(r"(?:\s+(?:of\s+)?(?:an\s+)?|-)hours?\b", re.IGNORECASE)  # ("half an hour", "every half-hour")
_AL_CASE_WORDS = frozenset("during when whenever if unless except outside".split())  # what follows names a case
_AL_MAX_NAMES = 2  # the words one name may have ("Firebase Crashlytics")


class _Clause(NamedTuple):
    keys: frozenset[str]
    names: frozenset[str]
    nums: dict[str, tuple[float | None, float | None]]  # number key -> interval it sets
    neg: bool | str  # True, or "no" when only an opening "No" negates the clause
    seq: tuple[str, ...]
    shown: dict[str, str]  # key -> its words as written ("within 4 business hours", "Black")
    cond: frozenset[str] = frozenset()  # the keys of a case the clause names ("during an outage")


_AL_COMPOUND = _Lazy(r"(?<![\w-])[a-z]{3,}(?:-[a-z]{3,})+(?![\w-])")
_AL_COUNT_PREFIXES = frozenset("half quarter single double triple multi".split())  # counting words that are no cardinals


@lru_cache(maxsize=1)
def _al_number_words() -> dict[str, int]:
    """The vocabulary's one-word cardinals of two or more ("two", "twelve", "fifty")."""
    return {w: int(x) for w, x in (load_vocab().cardinals or {}).items() if " " not in w and x >= 2 and x == int(x)}


@lru_cache(maxsize=1)
def _al_count_before() -> re.Pattern[str]:
    """A number word before the word it counts ("two emergency slots"), not "two of", "two or three"."""
    return re.compile(r"(?<![\w-])(" + "|".join(sorted(_al_number_words(), key=lambda w: (-len(w), w))) + r")(?= (?!of\b|or\b|and\b|to\b)[a-z])")


def _al_compound(m: re.Match[str]) -> str:
    """A compound's words apart, unless it counts ("two-night", "four-point": a number and its unit)."""
    w = m.group()
    parts = w.split("-")
    if parts[0] in _al_number_words() or parts[0] in ("one", "hundred", "thousand") or parts[0] in _AL_COUNT_PREFIXES or lemma(parts[-1]) in _AL_SCALE:
        return w  # "two-night", "same-day": a count, or a time of its own
    return w.replace("-", " ")


_AL_EVERY_UNIT = _Lazy(r"\bevery(?= (?:day|week|fortnight|month|quarter|year|hour|minute|second)\b(?![-\w])(?! (?:hour|of)\b))")


def _al_count(m: re.Match[str]) -> str:
    n = str(_al_number_words()[m.group(1)])
    return n + " " * (len(m.group(1)) - len(n))  # (the text keeps its length)


_AL_TIMES = lemma("times")
_AL_AGE = _Lazy(r"[\s-]*(?:years?|months?)[\s-]+old\b|[\s-]*(?:year|month)-olds?\b", re.IGNORECASE)
_AL_RATE = _Lazy(r"[\s\ue000]+(?:times?\s+)?(?:a|an|per|each)\s+", re.IGNORECASE)  # between a count and its unit: "twice a year"
_WEEKDAYS = {d: i for i, d in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_NTH = {"other": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_AL_EVERY_NTH = _Lazy(r"(?<=\bevery )(?:(" + "|".join(_NTH) + r")(?![\w-])|(second)(?= (?!of\b|and\b|or\b)[a-z]))")  # (not "every third-party …"; "every second firing" counts, "every second" is a duration)


def _al_every_nth(m: re.Match[str]) -> str:
    word = m.group(1) or m.group(2)
    n = str(_NTH.get(word, 2))
    return n + " " * (len(word) - len(n))  # (the text keeps its length: see _numerals)


@lru_cache(maxsize=65536)
def _al_clauses(text: str) -> tuple[_Clause, ...]:
    """The clauses of a rule, each as its content keys in order; numbers (number words
    included) with the interval they set; name-like words (code spans, capitalised words
    inside a sentence, words with digits). Copies of a file repeat their rules: each
    text is read once."""
    text = text.replace("**", "").replace("__", "")
    low = text.lower()
    num = _numerals(low, load_vocab())
    if "-" in num:
        num = _AL_WORD_DASH.sub(_al_word_dash, num)  # "a four-point scale": 4 and its unit
    if "every " in num:
        num = _AL_EVERY_NTH.sub(_al_every_nth, num)  # "every third batch": every 3 batches
    if "every " in num:
        num = _AL_EVERY_UNIT.sub("1    ", num)  # "every month": once a month
    if "-" in num:
        num = _AL_COMPOUND.sub(_al_compound, num)  # "New-patient exams" / "a new patient's first exam": the words of a compound
    num = _al_count_before().sub(_al_count, num)  # "two emergency slots": 2 and what it counts
    if num is not low and len(low) == len(text):  # ("İ" lower-cases to two characters: then no number words)
        text = "".join(t if l == n else n for t, l, n in zip(text, low, num))
    out = []
    label = _AL_LABEL.match(text)
    for n, part in enumerate(_al_clause_re().split(text)):
        part = _AL_REASON.sub("", part)
        if "(" in part:
            part = _AL_EXAMPLE.sub("", part)
        if n and label is not None:
            part = label.group(1) + ": " + part  # "P1: High. Respond within 15 minutes": the label says which case
        c = _al_clause(part)
        if c is not None:
            out.append(c)
    return tuple(out)


_PM = re.compile(r"\s*([ap])(?:\.m\.|m\b)", re.IGNORECASE)


def _minutes(clock: str, text: str, end: int) -> float:
    """A time of day in minutes after midnight ("15:00" and "3:00 PM" are 900)."""
    h, m = int(clock[:-3]), int(clock[-2:])
    half = _PM.match(text, end)
    if half is not None and h <= 12:
        h = h % 12 + (12 if half.group(1).lower() == "p" else 0)
    return float(h * 60 + m)


def _al_bound(text: str, x: float, at: int, end: int) -> tuple[float | None, float | None, int]:
    """The interval a number at ``at`` sets, by the comparator before it ("within", "at
    least", "Cap each wave at") or after it ("or more"), and where its words start."""
    bound = _AL_UPPER.search(text, max(0, at - 40), at)
    if bound is not None:
        return None, x, bound.start()
    w0 = max(0, at - 60)
    cap = _CAP_AT.search(text[w0:at].lower())  # ("Cap each wave at 40"; the window only: a long text is not lower-cased per number)
    if cap is not None:
        return None, x, w0 + cap.start()
    bound = _AL_LOWER.search(text, max(0, at - 40), at)
    if bound is not None or _AL_LOWER_AFTER.match(text, end) is not None:
        return x, None, bound.start() if bound is not None else at
    if _AL_UPPER_AFTER.match(text, end) is not None:
        return None, x, at  # "30 minutes or less"
    return x, x, at


@lru_cache(maxsize=1 << 16)
def _al_plain(word: str) -> tuple[str, bool, str, bool, bool] | None:
    """A word token of a clause as :func:`_al_clause` keys it: (lower-cased, letters
    only, key, :func:`_al_marks`); :data:`_AL_SKIPPED` for a word it always leaves out;
    None for a word it reads apart (a weekday, a case word, a negation, a count or a
    frequency, a word it skips unless a number comes before). A rule's words repeat
    across rules and copies: each is read once."""
    low = word.lower().replace("’", "'")
    if (_WEEKDAYS.get(low[:-1] if low.endswith("s") else low) is not None or low in _AL_CASE_WORDS or low in _AL_NEG or low.endswith("n't")
            or low in ("half-hour", "quarter-hour", "quarter", "half") or low in _AL_EVERY):
        return None
    if low in _AL_SKIP:
        return None if lemma(low) in _AL_SCALE else _AL_SKIPPED
    plain = low.isalpha()  # (a word token is ASCII: letters, or also digits and "+#._/-")
    k = lemma(low) if plain else low
    return (low, plain, _AL_OK.get(k, k), *_al_marks(word, low, plain))


_AL_SKIPPED = ("", False, "", False, False)  # (see _al_plain)


def _al_marks(word: str, low: str, plain: bool) -> tuple[bool, bool]:
    """Whether a word is a name by its letters (a digit, a dotted name: "gpt-4",
    "start.gg"), and whether it has a capital letter."""
    return bool(not plain and (_AL_DIGIT.search(word) or _AL_DOTTED.fullmatch(low))), bool(word[0].isupper() or _AL_CAPITAL.search(word, 1))


def _al_opening(text: str, at: int) -> bool:
    """Does the token at ``at`` open a sentence, a label's value or an item: a stop or a
    mark before it, past spaces, quotes and emphasis marks?"""
    i = at
    while i > 0 and text[i - 1] in " *_\"'(":
        i -= 1
    return i == 0 or text[i - 1] in ".:!?;|-•✅❌"


def _al_clause(text: str) -> _Clause | None:
    seq: list[str] = []
    names: set[str] = set()
    nums: dict[str, tuple[float | None, float | None]] = {}
    shown: dict[str, str] = {}
    neg = False
    first = True
    in_case = False
    cond: set[str] = set()
    num_end = 0  # where the last number ends
    titled = None  # (read at the first capitalised word that could be a name)
    # "ATS: Lever", "Catalogue, holds and accounts: Koha.": a short label's value is a name, capitalised as it opens
    colon = text.find(":")
    valued = colon if 0 < colon and len(text[:colon].split()) <= 6 and 0 < len(text[colon + 1 :].split()) <= 3 and text[colon + 1 : colon + 2] == " " else len(text)
    for m in _AL_TOKEN.finditer(text):
        code, word, number = m.groups()
        at = m.start()
        opening = first  # (or after a stop: read only for a capitalised word, see _al_opening)
        first = False
        if code is not None:
            k = code.strip().lower()
            seq.append(k)
            shown.setdefault(k, code.strip())
            if " " not in k and "/" not in k:
                names.add(k)  # a command line or a path is not a name
            continue
        if number is not None:
            try:
                x = float(number.lstrip("$").rstrip("%").replace(",", "")) if ":" not in number else _minutes(number, text, m.end())
            except ValueError:
                continue  # (a time of day counts minutes: "15:00" is 900)
            k = "#" + number.lstrip("$").rstrip("%").replace(",", "") if ":" not in number else f"#t{int(x)}"  # (a time by its minutes: "3:00 PM" is "15:00")
            lo, hi, start = _al_bound(text, x, at, m.end())
            if _AL_AGE.match(text, m.end()):
                k = "#age" + k[1:]  # "at least 16 years old": an age, not a time
            unit = _AL_UNIT_WORDS.match(text, m.end())
            end = unit.end() if unit and (unit.group(1).lower() not in _AL_SKIP or lemma(unit.group(1).lower()) in _AL_SCALE) else unit.start(1) if unit else m.end()
            nums[k] = (lo, hi)
            if number.startswith("$"):
                end = m.start() + len(number.rstrip(","))  # "$35" (not "$35, taken")
            if ":" in number:
                half = _PM.match(text, m.end())
                end = half.end() if half is not None else m.end()  # ("5:00 am")
            shown.setdefault(k, " ".join(text[start:end].split()))
            seq.append(k)
            num_end = m.end()
            if number.startswith("$"):
                seq.append("@money")  # "$50 fee" / "fee is $75": dollars are the unit
            continue
        ordinary = _al_plain(word)
        if ordinary is _AL_SKIPPED:
            continue  # "the", "must", "every": no key of the rule
        if ordinary is not None:
            low, plain, k, marked, capital = ordinary  # (most words: none of the readings below applies)
        else:
            low = word.lower().replace("’", "'")
            day = _WEEKDAYS.get(low[:-1] if low.endswith("s") else low)
            if day is not None:
                k = "#" + low.rstrip("s")  # "every Friday" / "on Thursdays": a day of the week is a value
                nums[k] = (float(day), float(day))
                shown.setdefault(k, word)
                seq.append(k)
                continue
            if low in _AL_CASE_WORDS:
                in_case = True
            if low in _AL_NEG or low.endswith("n't"):
                if low != "no":
                    neg = True
                elif not seq and not neg:
                    neg = "no"  # "No emojis" opens a ban; "with no answer" is a noun phrase
                continue
            if low in ("half-hour", "quarter-hour"):
                k = "#" + low.split("-")[0]
                x = 1800.0 if k == "#half" else 900.0
                nums[k] = (x, x)
                shown.setdefault(k, word)
                seq += [k, "@time"]
                continue
            hour = _AL_HOUR_AFTER.match(text, m.end()) if low in ("quarter", "half") else None
            if hour is not None:
                x = 0.25 if low == "quarter" else 0.5  # "every quarter hour", "at least half an hour": a number, the hour its unit
                k = "#" + low
                lo, hi, start = _al_bound(text, x, at, m.end())
                nums[k] = (lo, hi)
                shown.setdefault(k, " ".join(text[start : hour.end()].split()))
                seq.append(k)
                continue
            every = _AL_EVERY.get(low)
            if every is not None:
                k = "#" + low  # "quarterly" is every 91 days: a number and its unit
                nums[k] = (every, every)
                shown.setdefault(k, word)
                shown.setdefault("@time", word)
                seq += [k, "@time"]
                continue
            if low in _AL_SKIP and not (seq and seq[-1] in nums and lemma(low) in _AL_SCALE):
                continue  # (but "3-second" has a unit)
            plain = low.isalpha()  # (a word token is ASCII: letters, or also digits and "+#._/-")
            k = lemma(low) if plain else low
            k = _AL_OK.get(k, k)
            marked, capital = _al_marks(word, low, plain)
        shown.setdefault(k, word)
        factor = _AL_SCALE.get(k)
        if factor is None and seq and (seq[-1] in nums or (seq[-1] == _AL_TIMES and len(seq) > 1 and seq[-2] in nums)):
            factor = _AL_AFTER_NUMBER.get(k)
        if factor is not None and not (seq and seq[-1].startswith("#age")):
            if len(seq) > 1 and seq[-1] == _AL_TIMES and seq[-2] in nums and _AL_RATE.fullmatch(text, num_end, at):
                seq.pop()  # "3 times per day": the count is the number, "times" no word of the rule
            if seq and seq[-1] in nums:
                lo, hi = nums[seq[-1]]
                if _AL_RATE.fullmatch(text, num_end, at):
                    # "twice a year", "3 times per day": so many in each unit, one every unit / n
                    nums[seq[-1]] = (None if hi is None or not hi else factor / hi, None if lo is None or not lo else factor / lo)
                    n = seq[-1][1:]
                    shown[seq[-1]] = f"{ {'1': 'once', '2': 'twice'}.get(n, n + ' times') } {'an' if low.startswith(('a', 'e', 'i', 'o', 'u', 'hour')) else 'a'} {word}"
                else:
                    nums[seq[-1]] = (None if lo is None else lo * factor, None if hi is None else hi * factor)
            shown.setdefault("@time", word)
            seq.append("@time")
            continue  # (a unit is never a name: "Hours")
        seq.append(k)
        if in_case:
            cond.add(k)
        if marked:
            names.add(k)
        elif capital and (not (opening or _al_opening(text, at)) or (at > valued and low not in VERBS and low not in STOP)):
            if titled is None:
                words = _AL_WORD.findall(text)
                titled = len(words) > 2 and sum(w[0].isupper() for w in words[1:]) * 2 > len(words) - 1  # "Comprehensive Threat Modeling": capitals name nothing
            if not titled:
                names.add(k)  # ("Goal: Ship fast": a label's value that is a verb names nothing)
    if len(seq) < 2:
        return None
    return _Clause(frozenset(seq), frozenset(names), nums, neg, tuple(seq), shown, frozenset(cond))


def _sides(found: Sequence[Conflict]) -> set[frozenset[tuple[str, int]]]:
    """The pairs of rules ``found`` already reports, by place."""
    return {frozenset(((c.sides[0].path, c.sides[0].start), (c.sides[1].path, c.sides[1].start))) for c in found}


def _bucket_pairs(buckets: dict[str, list[int]]) -> Iterator[tuple[int, int]]:
    """Each pair of items that share a bucket, once; a bucket of more than 64 items (a
    common word) is no useful block."""
    done: set[tuple[int, int]] = set()
    for k in sorted(buckets):
        idx = buckets[k]
        if len(idx) > 64:
            continue
        for n, x in enumerate(idx):
            for y in idx[n + 1 :]:
                if (x, y) not in done:
                    done.add((x, y))
                    yield x, y


def _variant_rules(ds: Sequence[Directive]) -> list[Directive]:
    """The body rules of a name group worth comparing across its files: not a lead-in,
    not CJK (its words are not separated by spaces), and not said by every file (copies
    of one file say nearly everything twice)."""
    files = len({d.path for d in ds})
    where: dict[str, set[str]] = defaultdict(set)
    for d in ds:
        where[d.text].add(d.path)
    return [d for d in ds if d.source != "frontmatter" and len(where[d.text]) < files and not _CJK.search(d.text) and not _is_lead_in(d)]


def _al_negated(d: Directive, c: _Clause) -> bool:
    """A clause is negative by its own words, or by the heading or mark its rule sits under."""
    return bool(c.neg) or (_pol(d) == "prohibit" and not _AL_ANY_NEG.search(d.text.lower()))


def _al_topic(c: _Clause, keys: Iterable[str]) -> str:
    """Up to four of ``keys`` as ``c`` writes them, in its order (no numbers or units)."""
    keys = set(keys)
    return " ".join([c.shown[k] for k in dict.fromkeys(c.seq) if k in keys and not k.startswith(("#", "@"))][:4])


def _reworded(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Rules of two variants that say the same thing in other words: the same content
    words with the same polarity ("❌ Use emoji in replies." and "never use emoji in
    replies", "Never use class components." and "No class components."), or nearly the
    same words (at least 70 % shared) and no number or name that differs."""
    rules = []
    for d in _variant_rules(ds):
        if d.source != "body":
            continue
        cs = _al_clauses(d.text)
        keys = frozenset().union(*(c.keys for c in cs)) if cs else frozenset()
        if len(keys) < 2:
            continue
        names = frozenset().union(*(c.names for c in cs)) | frozenset(k for c in cs for k in c.nums)
        rules.append((d, keys, names, cs))
    df: dict[str, int] = defaultdict(int)
    for _, keys, _, _ in rules:
        for k in keys:
            df[k] += 1
    buckets: dict[str, list[int]] = defaultdict(list)
    for x, (_, keys, _, _) in enumerate(rules):
        for k in sorted(keys, key=lambda k: (df[k], k))[:2]:
            buckets[k].append(x)
    seen = _sides(found)
    out: list[Conflict] = []
    negated: dict[int, bool] = {}  # (read for a rule when a pair first asks: it reads the rule's head)

    def neg(x: int) -> bool:
        got = negated.get(x)
        if got is None:
            d, _, _, cs = rules[x]
            got = negated[x] = any(_al_negated(d, c) for c in cs)
        return got

    for x, y in _bucket_pairs(buckets):
        (a, ka, na, _), (b, kb, nb, _) = rules[x], rules[y]
        if a.path == b.path or frozenset(((a.path, a.start), (b.path, b.start))) in seen or _dup_key(a.text) == _dup_key(b.text):
            continue  # (the same text is an exact repeat, reported as such when it is long enough)
        if ka != kb and (len(ka & kb) < _REWORDED * len(ka | kb) or (na ^ nb) & (ka ^ kb)):
            continue
        if neg(x) != neg(y):
            continue
        if _members_differ(a.text, b.text):
            continue  # "flush the drip lines once a week" / "Flush the drip lines every month": two cadences
        a, b = _order((a, b))
        msg = f"duplicate: \"{quote(a.text)}\" is repeated in other words at {_where(b, a)}: \"{quote(b.text)}\""
        out.append(_make("duplicate", quote(a.text, 60), (a, b), msg, keep_order=True))
    return out


_REWORDED = 0.7  # share of content words two reworded rules have in common


def _members_differ(a: str, b: str) -> bool:
    """Both texts name members of one family, and not the same ones."""
    ma, mb = _named_members(a), _named_members(b)
    if not ma or not mb:
        return False
    fa, fb = defaultdict(set), defaultdict(set)
    for fam, member in ma:
        fa[fam].add(member)
    for fam, member in mb:
        fb[fam].add(member)
    return any(fa[f] != fb[f] for f in fa.keys() & fb.keys())


_AL_FOREIGN = re.compile(r"(?![\x00-\x7fµ])[^\W\d_]")  # a letter outside ASCII (not an emoji, an arrow or a dash)
_AL_FOREIGN_LETTERS = 20
_AL_LABEL_TEXT = re.compile(r"^\W*(?:\*\*[^*]{1,60}\*\*|[^:—–]{1,40}(?::|\s[—–]))")


def _al_replaced(a: Directive, ca: _Clause, b: Directive, cb: _Clause, shared: frozenset[str], said: dict[str, str]) -> Conflict | None:
    """Two variants that each name one product for the same thing, and never the other's:
    "The pipeline MUST be written in Nextflow" and "The pipeline is a Snakemake workflow"."""
    na, nb = ca.names - cb.keys, cb.names - ca.keys
    if not na or not nb or ca.neg or cb.neg:
        return None
    runs_a, runs_b = _al_runs(ca, na), _al_runs(cb, nb)
    if any(len(runs) > 1 and len(ns) > 2 or len(runs[0]) > _AL_RUN_WORDS for runs, ns in ((runs_a, na), (runs_b, nb))):
        return None  # two names at most, or one of up to four words ("OCLC WorldShare ILL")
    if (ca.nums.keys() ^ cb.nums.keys() and not (_al_times(ca, ca.nums.keys() - cb.nums.keys()) and _al_times(cb, cb.nums.keys() - ca.nums.keys()))) or any(ca.nums[k] != cb.nums[k] for k in ca.nums.keys() & cb.nums.keys()):
        return None  # a number differs too: another thing ("ROS 2" in both names one thing); a time says when, not what
    common = {k for k in shared - ca.names - cb.names if not k.startswith(("#", "@"))}
    nouns = {k for k in common if k not in _AL_VERB_KEYS}
    opens = ca.seq[0] == cb.seq[0] and ca.seq[0] in nouns  # the subject of both ("Formal: JasperGold …" / "Formal properties MUST be proven with SymbiYosys")
    after = _al_after_same(ca, na, cb, nb, common)  # the names follow the same word ("booked through GoodTime" / "booked in Calendly")
    if not (nouns or after) or (len(common) < 2 and not opens and not after) or (len(common) < _AL_REPLACED * min(len(ca.keys - ca.names), len(cb.keys - cb.names)) and not opens):
        # a noun and one more word (their subject and what is done to it: "Trim adapters"), or one that opens both rules
        return None
    if _al_qualified(ca, cb, common):
        return None  # "Local UI state lives in `useState`" / "Global client state lives in Redux Toolkit": two subjects
    if not (_al_filled(a.text, runs_a) and _al_filled(b.text, runs_b)):
        return None  # a name that fills no slot ("Remove PCR duplicates", "for P1 and P2") is no choice
    if not (_name_beside(a.text, runs_a, common) and _name_beside(b.text, runs_b, common)):
        return None  # the name belongs to another clause than the words both rules share
    pols = {_pol(a), _pol(b)}
    if pols & {"prohibit", "permit"} or ("require" not in pols and not (_states_fact(a.text) and _states_fact(b.text))):
        return None  # (two statements: "Brackets live on start.gg" / "Brackets are run on Battlefy")
    if "require" not in pols and not after and not _al_same_doing(a.text, b.text):
        return None  # two statements of different acts: "Payments go through Stripe" / "Payments are reconciled in NetSuite"
    if any(_head(d).polarity != "require" and not _said_as_rule(d.text) and _lead_verb(d) is None for d in (a, b)):
        return None  # the side that does not require states a fact ("The pipeline is a Snakemake workflow"); a noun phrase lists a skill
    if _AL_FOREIGN.search(a.text) or _AL_FOREIGN.search(b.text):
        return None  # a translated copy: its words are not names
    if _al_labelled(a, ca, na) or _al_labelled(b, cb, nb):
        return None  # a name in a "**Capability Label** —" is a title, not a choice
    # (Last: what a file names is read from all of its rules.)
    # A name the other file also uses is common ground ("… go to ACE" in both); a name it
    # mentions only in a ban ("… CRAM, not BAM") is not one it uses.
    runs_a = [r for r in runs_a if not said.says_name(b.path, r)]  # type: ignore[attr-defined]
    runs_b = [r for r in runs_b if not said.says_name(a.path, r)]  # type: ignore[attr-defined]
    if not runs_a or not runs_b:
        return None
    topic = _al_topic(ca, common)
    slot_a, slot_b = (", ".join(" ".join(r) for r in runs) for runs in (runs_a, runs_b))
    if a is not _order((a, b))[0]:
        a, b, slot_a, slot_b = b, a, slot_b, slot_a
    msg = f"enum conflict on `{topic}` between variants: {slot_a} vs {slot_b}, each file naming only its own: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
    return _make("enum", topic, (a, b), msg, keep_order=True)


_AL_PLACED = frozenset(lemma(w) for w in "live lives kept keep store stored record recorded go goes sit sits hold held track tracked run runs host hosted manage managed reside stay".split())
# What statements say of a subject, by class: where it is kept, where it comes from, what it is made in.
_AL_DOINGS = {
    "@placed": _AL_PLACED,
    "@source": frozenset(lemma(w) for w in "come comes read taken take pulled pull imported import fetched fetch loaded load sourced source".split()),
    "@made": frozenset(lemma(w) for w in "built build drafted draft written write created create prepared prepare produced produce made make generated generate authored author".split()),
}


def _al_same_doing(a: str, b: str) -> bool:
    """Two statements say the same of their subject: the same verb, or both say where it is
    kept ("lives in", "is kept in", "is recorded in", "goes into", "is run on"), or one
    has no verb ("Knowledge base: Confluence")."""
    xa, xb = _al_predicate(a), _al_predicate(b)
    return xa is None or xb is None or xa == xb or _same_act(xa, xb)


_AL_PREDICATE = _Lazy(
    r"^\W*(?:[\w'’-]+,?\s+){1,6}?(?:(?:is|are|was|were|gets?|got)\s+(?:\w+ly\s+)?(?P<done>[a-z]+)\b|(?P<act>lives?|goes|go|comes?|sits?|runs?|stays?)\b"
    r"|(?P<verb>[a-z]+)\s+(?:in\s+|into\s+|with\s+|through\s+|on\s+|via\s+|from\s+|using\s+)(?:the\s+|a\s+|an\s+)?[A-Z`])",
    re.IGNORECASE,
)


def _al_predicate(text: str) -> str | None:
    """What a statement says its subject does or has done to it, as a key ("@placed" for
    where it is kept), read from the first clause: "Payments are reconciled in …" is
    "reconcil", "Tickets live in …" and "Tickets are kept in …" are "@placed"."""
    m = _AL_PREDICATE.match(_BOLD_LEAD.sub("", _instruction(text)))
    if m is None:
        return None
    k = lemma((m.group("done") or m.group("act") or m.group("verb")).lower())
    if m.group("done") and m.group("done").lower() in ("a", "an"):
        return "@is"  # "The pipeline is a Snakemake workflow": what it is, not where it runs
    if m.group("done") and m.group("done").lower() in ("in", "on", "at", "from", "through", "the"):
        return "@placed"  # "Records are in Koha"
    for cls, keys in _AL_DOINGS.items():
        if k in keys:
            return cls
    return k


def _al_after_same(ca: _Clause, na: frozenset[str], cb: _Clause, nb: frozenset[str], common: set[str]) -> bool:
    """The first name of each clause follows the same word, one both say."""
    ia = next((i for i, k in enumerate(ca.seq) if k in na), 0)
    ib = next((i for i, k in enumerate(cb.seq) if k in nb), 0)
    return ia > 0 and ib > 0 and ca.seq[ia - 1] == cb.seq[ib - 1] and ca.seq[ia - 1] in common


def _al_qualified(ca: _Clause, cb: _Clause, common: set[str]) -> bool:
    """The first word both clauses say has a word of its own before it on each side:
    "Local UI state" and "Global client state" are two things."""
    w = next((k for k in ca.seq if k in common), None)
    if w is None:
        return False
    i, j = ca.seq.index(w), cb.seq.index(w)
    x, y = (ca.seq[i - 1] if i else None), (cb.seq[j - 1] if j else None)
    return x is not None and y is not None and x != y and x not in cb.keys and y not in ca.keys


_AL_SLOT = _Lazy(r"(?i)\b(?:in|on|from|through|with|via|to|into|using|uses?|as|is|are|by|at)\s+(?:(?:the|a|an|our|its|their)\s+)?(?:[\w'’]+\s+)?$|:\s*$")


def _al_filled(text: str, runs: list[list[str]]) -> bool:
    """One of the names follows a word that opens the slot a product fills ("in Koha",
    "through the Amadeus GDS", "ATS: Lever"), or opens the rule ("AMOS is the system of record")."""
    for run in runs:
        for m in re.finditer(r"(?<![\w])`?" + re.escape(run[0]) + r"(?![\w])", text):
            head = text[: m.start()]
            if _AL_SLOT.search(head) or not head.strip(" *_\"'-•✅❌"):
                return True
    return False


def _al_times(c: _Clause, nums: Iterable[str]) -> bool:
    """Each of ``nums`` is a time: a time of day ("at 06:00") or a number of a time unit
    ("the next 120 days", "nightly")."""
    for k in nums:
        i = c.seq.index(k)
        if not (k.startswith("#t") and k[2:].isdigit()) and not (i + 1 < len(c.seq) and c.seq[i + 1] == "@time"):
            return False
    return True


def _al_says(text: str, word: str) -> bool:
    """``text`` (lower-cased) has ``word`` as a word of its own ("red" is not in "required"),
    or, for a word of five letters or more, at the start of one."""
    w = word.lower()
    if text.find(w) < 0:
        return False
    # (a longer word counts as a prefix of another one: "decisi…" cut short is "decisions")
    return re.search(r"(?<![\w])" + re.escape(w) + (r"" if len(w) >= 5 else r"(?:e?s)?(?![\w])"), text) is not None  # (a plural too: "APIs")


def _al_labelled(d: Directive, c: _Clause, names: Iterable[str]) -> bool:
    """One of ``names`` is in the label the rule opens with ("**P1**: High. …", "**Capability Label** —")."""
    label = _AL_LABEL_TEXT.match(d.text)
    return label is not None and any(c.shown[k].lower() in label.group().lower() for k in names)


def _said_as_rule(text: str) -> bool:
    """A statement ("The pipeline is a Snakemake workflow") or an imperative ("**Storage.**
    Keep aligned reads as BAM"), not a noun phrase ("OpenAI GPT-5 with function calling")."""
    inner = _BOLD_LEAD.sub("", _instruction(text))
    first = inner.split(None, 1)[0].strip("*_`").lower() if inner.strip() else ""
    return first in VERBS or _states_fact(text, inner)


def _states_fact(text: str, inner: str | None = None) -> bool:
    """A statement of how things are ("The pipeline is a Snakemake workflow"), not an
    imperative or a noun phrase."""
    if inner is None:
        inner = _BOLD_LEAD.sub("", _instruction(text))
    if _states().match(inner) is not None:
        return True
    # "Holdings, holds and patron records are in Koha": a subject of several nouns;
    # "Catalogue, holds and accounts: Koha": a short label and its value
    return _LISTED_STATES.match(_BOLD_LEAD.sub("", text)) is not None or (inner is not text and len(inner.split()) <= 3 and _LABEL_VALUE.match(text) is not None)


_LISTED_STATES = _Lazy(
    r"^\W*(?:the\s+|every\s+|each\s+|all\s+)?[A-Za-z][\w-]*(?:,?\s+(?:and\s+|or\s+)?[A-Za-z][\w-]*){1,5}\s+(?:is|are|live|lives|stay|stays|come|comes|go|goes)\s+"
    r"(?:[a-z]+ed\s+|kept\s+|held\s+|written\s+)?(?:in|into|on|from|through|with|via|to)\b"
)
_LABEL_VALUE = _Lazy(r"^\W*[A-Za-z][\w ,-]{0,60}:\s+\S")


_BOLD_LEAD = re.compile(r"^\W*\*\*[^*]{1,60}\*\*\W*")  # "**Storage.** Keep aligned reads as BAM …"
_AL_REPLACED = 0.34  # share of each clause's other words the two must have in common
_AL_RUN_WORDS = 4  # the words one name may have ("Library of Congress Classification")


def _al_verbs(keys: set[str]) -> bool:
    return all(k in _AL_VERB_KEYS for k in keys)


_AL_VERB_KEYS = frozenset(VERB_KEYS) | frozenset(lemma(v) for v in "last stay remain go ship".split())


def _al_runs(c: _Clause, names: Iterable[str]) -> list[list[str]]:
    """The names as written, neighbours joined into one run ("Oracle Opera Cloud")."""
    names = set(names)
    runs: list[list[str]] = []
    prev = False
    for k in dict.fromkeys(c.seq):
        if k in names:
            if prev:
                runs[-1].append(c.shown[k])
            else:
                runs.append([c.shown[k]])
        prev = k in names
    return runs


# Clauses with a subject or an auxiliary of their own: "and" between two verbs ("booked
# and costed in Caterease") keeps one clause; "and are checked before every tour" does not.
NAME_CLAUSES = re.compile(r"[;.]\s|,\s+(?:and|but|so)\s|\s(?:but|while|whereas)\s|\sand\s+(?=(?:are|is|was|were|has|have|had|must|should|will|can|may|then)\s)|\s[-—–]\s")


def _name_beside(text: str, runs: Sequence[Sequence[str]], common: Iterable[str]) -> bool:
    """One of the names is written in a clause that says one of the ``common`` words: the
    name is the choice for them ("All harnesses come from Zero DC and are checked before
    every tour": Zero DC is not what is checked before a tour)."""
    common = set(common)
    words = {w for r in runs for w in r}
    for clause in NAME_CLAUSES.split(text.replace("`", "")):
        if any(w in clause for w in words):
            keys = {lemma(t.lower()) for t in _AL_WORD.findall(clause)}
            if not common.isdisjoint(keys | {_AL_OK.get(k, k) for k in keys}):
                return True
    return False


def _al_names(c: _Clause, names: frozenset[str]) -> str:
    """The names as written, neighbours joined into one ("Firebase Crashlytics")."""
    return ", ".join(" ".join(r) for r in _al_runs(c, names))


def _anchored(seq_a: tuple[str, ...], xs: Iterable[str], seq_b: tuple[str, ...], ys: Iterable[str], shared: frozenset[str]) -> bool:
    """Some ``x`` of one clause and ``y`` of the other stand next to the same word:
    the word after both (a number's unit: "4 business hours", "1 business hour"), or
    else a shared word before both ("Format code with Black", "… with the Ruff
    formatter"): the two fill the same slot."""
    def around(seq: tuple[str, ...], ws: Iterable[str]) -> set[tuple[int, str]]:
        out = set()
        ws = set(ws)
        for i, t in enumerate(seq):
            if t in ws:
                if i > 0 and seq[i - 1] in shared:
                    out.add((-1, seq[i - 1]))
                if i + 1 < len(seq):
                    out.add((1, seq[i + 1]))
        return out

    ra, rb = around(seq_a, xs), around(seq_b, ys)
    if any(d == 1 for d, _ in ra) and any(d == 1 for d, _ in rb):
        return bool({x for x in ra if x[0] == 1} & {y for y in rb if y[0] == 1})  # what follows a number is its unit
    return bool(ra & rb)


_AL_BUCKETS = 4  # a clause meets the others through this many of its rarest words


def _aligned(ds: Sequence[Directive], found: Sequence[Conflict]) -> list[Conflict]:
    """Rules of two variants with a clause that says nearly the same words and differs
    in one slot: a number ("within 4 business hours" / "within 1 business hour") or a
    name ("Format code with Black" / "… with the Ruff formatter")."""
    items = _variant_rules(ds)
    clauses: list[tuple[int, _Clause]] = [(i, c) for i, d in enumerate(items) for c in _al_clauses(d.text)]
    # A clause one file also says is no difference between the variants ("[Risk 1]" and
    # "[Risk 2]" rows, both in both copies of a template).
    held = {(items[i].path, c.keys, bool(c.neg)) for i, c in clauses}
    said = _Said(ds)  # what each file names in a rule that bans nothing, lower-cased
    # A translated copy writes its own words in plain ASCII as often as not ("Eksik rate
    # limiting"): a file with many letters outside ASCII swaps no names or words.
    foreign = _Foreign(said)
    df: dict[str, int] = defaultdict(int)
    for _, c in clauses:
        for k in c.keys:
            df[k] += 1
    buckets: dict[str, list[int]] = defaultdict(list)
    for x, (_, c) in enumerate(clauses):
        for k in sorted((k for k in c.keys - c.names - c.nums.keys() if df[k] > 1), key=lambda k: (df[k], k))[:_AL_BUCKETS]:  # (a word no other clause has pairs nothing)
            buckets[k].append(x)
    seen = _sides(found)
    done: set[tuple[int, int]] = set()
    out: list[Conflict] = []
    for x, y in _bucket_pairs(buckets):
        i, ca = clauses[x]
        j, cb = clauses[y]
        a, b = items[i], items[j]
        if (i, j) in done or a.path == b.path or frozenset(((a.path, a.start), (b.path, b.start))) in seen:
            continue
        if (a.path, cb.keys, bool(cb.neg)) in held or (b.path, ca.keys, bool(ca.neg)) in held:
            continue
        c = _al_pair(a, ca, b, cb, said, foreign)
        if c is not None:
            done.add((i, j))
            done.add((j, i))
            out.append(c)
    return out


class _Said(dict):
    """What each file of a group names in a rule that bans nothing, lower-cased: read for a
    file when a pair of rules first asks (most files of a group are never asked, and
    reading it reads the head of every rule of the file)."""

    def __init__(self, ds: Sequence[Directive]) -> None:
        super().__init__()
        self.every: dict[str, str] = {}  # each file's rules, lower-cased
        self.raw: dict[str, str] = {}  # each file's rules as written
        self.rules: dict[str, list[Directive]] = defaultdict(list)
        for d in ds:
            self.rules[d.path].append(d)

    def __missing__(self, path: str) -> str:
        text = self[path] = "\n".join(_al_uses(d.text) for d in self.rules.get(path, ()) if _pol(d) != "prohibit")
        return text

    def says(self, path: str, word: str) -> bool:
        """:func:`_al_says` of what the file names. A word none of its rules holds is not
        named: that is read first, from the rules' text alone (what it names is part of it)."""
        every = self.every.get(path)
        if every is None:
            every = self.every[path] = "\n".join(d.text.lower() for d in self.rules.get(path, ()))
        return _al_says(every, word) and _al_says(self[path], word)

    def says_name(self, path: str, run: list[str]) -> bool:
        """The file names ``run`` (:meth:`says`), or, for a name of several words, one of
        its words of three letters or more written as the name writes it ("Maximo" of "IBM
        Maximo"; not "met" or "cloud" of "Met Office" and "Oracle Opera Cloud")."""
        if len(run) == 1:
            return self.says(path, run[0])
        if self.says(path, " ".join(run)):
            return True
        raw = self.raw.get(path)
        if raw is None:
            raw = self.raw[path] = "\n".join(d.text for d in self.rules.get(path, ()))
        return any(len(w) >= 3 and re.search(r"(?<![\w])" + re.escape(w) + r"(?![\w])", raw) is not None and self.says(path, w) for w in run)


class _Foreign:
    """The files of a group with many letters outside ASCII (:data:`_AL_FOREIGN_LETTERS`) in
    what they name (``said``), read for a file when first asked."""

    def __init__(self, said: _Said) -> None:
        self.said = said
        self.known: dict[str, bool] = {}

    def __contains__(self, path: object) -> bool:
        hit = self.known.get(path)  # type: ignore[call-overload]
        if hit is None:
            # What a file names is part of its rules' text, lower-cased: with fewer such letters
            # in all of its rules (an ASCII text has none), it is not read.
            rules = self.said.rules.get(path, ())  # type: ignore[call-overload]
            most = sum(len(_AL_FOREIGN.findall(d.text.lower())) for d in rules if not d.text.isascii())
            hit = self.known[path] = most >= _AL_FOREIGN_LETTERS and len(_AL_FOREIGN.findall(self.said[path])) >= _AL_FOREIGN_LETTERS  # type: ignore[index]
        return hit


@lru_cache(maxsize=65536)
def _al_uses(text: str) -> str:
    """The clauses of a rule that ban nothing, lower-cased ("Store reads as CRAM, not
    BAM" uses CRAM only; "Docker is not available" uses nothing)."""
    out = []
    for part in _al_clause_re().split(text):
        c = _al_clause(part)
        low = part.lower()
        if c.neg if c is not None else _AL_ANY_NEG.search(low):
            continue
        out.append(low)
    return " | ".join(out)


def _al_opposite(a: Directive, ca: _Clause, b: Directive, cb: _Clause, shared: frozenset[str], differ: set[str]) -> Conflict | None:
    """Two clauses with the same words, one of them negated: "All dates are reduced to
    the year" and "Do not reduce dates to the year"."""
    if _AL_ANY_NEG.search(a.text.lower()) and _AL_ANY_NEG.search(b.text.lower()):
        return None  # both say no to something: "(no string interpolation)" and "(never string interpolation)"
    if "no" in (ca.neg, cb.neg) and differ:
        return None  # "No responsive layout" names a fault; a word more on the other side can make it anything
    if _AL_COMPARE.search(a.text) or _AL_COMPARE.search(b.text):
        return None  # "Never rate it below High" and "It is always High" agree: the negation is of a comparison
    if _kept_apart(a.text, b.text) or _kept_apart(b.text, a.text):
        return None  # "never in the same tote" and "in separate totes" agree
    if _converse(a.text.lower(), b.text.lower()):
        return None  # "Don't bake sesame products before the bread run" and "… MUST be baked after the bread run" agree
    if len(differ) > 1 or len(shared) < 0.6 * max(len(ca.keys), len(cb.keys)) or differ & (ca.names | cb.names | ca.nums.keys() | cb.nums.keys()):
        return None
    conds = (_case(a), _case(b))
    if all(conds) and conds[0] != conds[1]:
        return None  # two cases, one rule each
    kind = "conditional" if any(conds) else "polarity"
    if a is not _order((a, b))[0]:
        a, b, ca, cb = b, a, cb, ca
    topic = _al_topic(ca, shared)

    def says(d: Directive, c: _Clause) -> str:
        if c.neg or _head(d).polarity == "prohibit":
            return "forbids"
        return "allows" if "@ok" in c.keys else "requires" if _head(d).polarity == "require" else "states"

    if says(a, ca) == says(b, cb) == "forbids":
        return None  # a ban under *Never:* that says "without" and a ban under *Patterns to Avoid*: one ban
    msg = f"{kind} conflict on `{topic}` between variants: \"{quote(a.text)}\" {says(a, ca)} what {_where(b, a)} {says(b, cb)}: \"{quote(b.text)}\""
    return _make(kind, topic, (a, b), msg, keep_order=True)


_BEFORE = re.compile(r"\b(?:before|until|till|prior\s+to)\b")
_AFTER = re.compile(r"\b(?:after|once|following)\b")


def _converse(a: str, b: str) -> bool:
    """One lower-cased text orders a thing before an event and the other after it: one
    negated, they say one order."""
    ba, aa, bb, ab = _BEFORE.search(a), _AFTER.search(a), _BEFORE.search(b), _AFTER.search(b)
    return bool((ba and not aa and ab and not bb) or (aa and not ba and bb and not ab))


def _al_pair(a: Directive, ca: _Clause, b: Directive, cb: _Clause, said: dict[str, str], foreign: frozenset[str]) -> Conflict | None:
    c = _al_slot(a, ca, b, cb, said, _Translated(foreign, a.path, b.path))
    if c is None and ca.keys != cb.keys:
        c = _al_replaced(a, ca, b, cb, ca.keys & cb.keys, said)
        if c is not None and (a.path in foreign or b.path in foreign):
            c = None  # (a translated copy swaps no names: asked last, it reads every rule of the file)
    return c


class _Translated:
    """Whether either file of a pair is a translated copy (``foreign``), read when first asked."""

    __slots__ = ("foreign", "a", "b")

    def __init__(self, foreign: frozenset[str], a: str, b: str) -> None:
        self.foreign, self.a, self.b = foreign, a, b

    def __bool__(self) -> bool:
        return self.a in self.foreign or self.b in self.foreign


_LY_ADJECTIVES = frozenset(
    "friendly unfriendly early costly timely untimely likely unlikely lovely lonely elderly orderly curly family silly holy ugly "
    "only daily weekly monthly yearly hourly nightly quarterly deadly lively kindly worldly scholarly cowardly".split()
)


def _al_manner(c: _Clause) -> frozenset[str]:
    """The manner adverbs of a clause ("automatically", "plainly"): they do not change what the rule is about."""
    return frozenset(k for k, w in c.shown.items() if len(w) > 4 and w.endswith("ly") and w.lower() not in _LY_ADJECTIVES and k not in c.names and k in c.keys and k[0] not in "#@")


_AL_MODAL = r"(?i)\b(?:must|should|shall|will|can|may|never|always|do|does|don't|doesn't|(?:have|has|need|needs|ought|want|wants)\s+to)\s+(?:not\s+)?"


def _al_verb_at(text: str, word: str) -> bool:
    """``word`` follows a modal or "to": a verb the verb list lacks ("MUST tie", "have to agree")."""
    return re.search(_AL_MODAL + re.escape(word) + r"\b", text) is not None


def _al_same_unit(ca: _Clause, nums_a: set[str], cb: _Clause, nums_b: set[str], shared: frozenset[str]) -> bool:
    """A number on each side that fills one slot (:func:`_al_num_pair`), followed by the same unit word, and two more words in
    common: the clauses set one quantity whatever else each says ("Mix the podcast to -16
    LUFS integrated with a true peak …" / "Episodes MUST be mixed to -18 LUFS integrated")."""
    slot = _al_num_pair(ca, nums_a, cb, nums_b, shared) if nums_a and nums_b else None
    if slot is None or len({k for k in shared if k[0] not in "#@"}) < 2:
        return False
    xa, xb = slot
    ia, ib = ca.seq.index(xa), cb.seq.index(xb)
    if ia and ib and ca.seq[ia - 1] == cb.seq[ib - 1] == "@time":
        # the unit before both: "booked for day 10" / "… are on day 14", when one side says
        # nothing of its own (not "Ship the mobile build on day 3" / "Ship the web build on day 10")
        return not (ca.keys - cb.keys - ca.nums.keys()) or not (cb.keys - ca.keys - cb.nums.keys())
    return ia + 1 < len(ca.seq) and ib + 1 < len(cb.seq) and ca.seq[ia + 1] == cb.seq[ib + 1] and ca.seq[ia + 1] in shared


def _al_apart(va: tuple[float | None, float | None], vb: tuple[float | None, float | None]) -> bool:
    """Two values :data:`_AL_APART` times apart or more measure different things."""
    xs = [abs(x) for x in (*va, *vb) if x]
    return len(xs) >= 2 and max(xs) >= _AL_APART * min(xs) and all(any(v) for v in (va, vb))


_AL_APART = 5000  # ("30 seconds" / "12 hours" is 1,440 times, "$50" / "$50,000" 1,000: one quantity; a 60-minute slot / twelve months 8,760)


def _al_subject_unit(ca: _Clause, nums_a: set[str], own_a: set[str], cb: _Clause, nums_b: set[str], own_b: set[str]) -> bool:
    """One number on each side with the same unit after it, and the same subject: the
    first word each clause says that is no verb and no number ("Each test gets a
    30-minute timeout" / "Each test MUST time out after 2 hours"), with few words of
    their own (not "Post-op rechecks are booked …" / "Recheck appointments are …")."""
    if len(nums_a) != 1 or len(nums_b) != 1 or len(own_a) > 3 or len(own_b) > 3:
        return False
    (xa,), (xb,) = nums_a, nums_b
    ia, ib = ca.seq.index(xa), cb.seq.index(xb)
    if not (ia + 1 < len(ca.seq) and ib + 1 < len(cb.seq) and ca.seq[ia + 1] == cb.seq[ib + 1] and ca.seq[ia + 1][0] == "@"):
        return False  # (a unit of time, money or age, the same on both sides)

    def subject(c: _Clause) -> str | None:
        return next((k for k in c.seq if k[0] not in "#@" and k not in _AL_VERB_KEYS), None)

    sa = subject(ca)
    return sa is not None and sa == subject(cb) and sa not in ca.names


def _al_same_value(va: tuple[float | None, float | None], vb: tuple[float | None, float | None]) -> bool:
    """Two intervals with the same bounds (:func:`_near`)."""
    return all((x is None) == (y is None) and (x is None or _near(x, y)) for x, y in zip(va, vb))


def _al_kin(x: str, y: str) -> bool:
    """Two numbers of one kind: days of the week with days of the week, times of day with
    times of day ("on Fridays" is no duration and no "09:00")."""
    return (x[1:] in _WEEKDAYS) == (y[1:] in _WEEKDAYS) and (x[:2] == "#t" and x[2:].isdigit()) == (y[:2] == "#t" and y[2:].isdigit())


def _al_num_pair(ca: _Clause, nums_a: set[str], cb: _Clause, nums_b: set[str], shared: frozenset[str]) -> tuple[str, str] | None:
    """The number of each clause that fills one slot: the only one on each side, or
    else the first that stands next to the same word as exactly one of the other's
    ("Lock the account for 15 minutes after 5 failed login attempts" and "Accounts
    lock after 10 failed login attempts": 5 and 10)."""
    if len(nums_a) == len(nums_b) == 1:
        x, y = next(iter(nums_a)), next(iter(nums_b))
        return (x, y) if _al_kin(x, y) and _anchored(ca.seq, nums_a, cb.seq, nums_b, shared) else None
    pairs = [(x, y) for x in nums_a for y in nums_b if _al_kin(x, y) and _anchored(ca.seq, (x,), cb.seq, (y,), shared)]
    xs, ys = Counter(x for x, _ in pairs), Counter(y for _, y in pairs)
    one = sorted((ca.seq.index(x), x, y) for x, y in pairs if xs[x] == ys[y] == 1 and not _al_same_value(ca.nums[x], cb.nums[y]))
    return (one[0][1], one[0][2]) if one else None


_ANTECEDENT = re.compile(r"(?P<np>(?:[\w'-]+\s+){0,2}[\w'-]+),\s+(?:which|that|who|where)\s+[^,;:]*$", re.IGNORECASE)


def _antecedent_apart(text: str, value: str, other: str) -> bool:
    """The value of ``text`` is said in a relative clause whose noun (the words before ",
    which") the ``other`` rule does not name in full: the value is of another thing
    ("Spawned blocks go to the incubation room, which MUST be held at 22 °C")."""
    at = text.find(value)
    m = _ANTECEDENT.search(text, 0, at) if at > 0 else None
    if m is None:
        return False
    said = _content_keys(m.group("np"))
    return bool(said) and not said <= _content_keys(other)


def _al_slot(a: Directive, ca: _Clause, b: Directive, cb: _Clause, said: dict[str, str], translated: bool) -> Conflict | None:
    shared = ca.keys & cb.keys
    if len(shared) < 2 or len(shared) < 0.5 * min(len(ca.keys), len(cb.keys)):
        return None
    only_a, only_b = ca.keys - cb.keys - _al_manner(ca), cb.keys - ca.keys - _al_manner(cb)
    names_a, names_b = only_a & ca.names, only_b & cb.names
    nums_a, nums_b = only_a & ca.nums.keys(), only_b & cb.nums.keys()
    rest_a, rest_b = only_a - names_a - nums_a, only_b - names_b - nums_b
    if len(rest_a) == len(rest_b) == 1 and not (names_a or names_b or nums_a or nums_b) and not translated and not _al_negated(a, ca) and not _al_negated(b, cb):
        (wa,), (wb,) = rest_a, rest_b
        pols = {_pol(a), _pol(b)}
        if (wa not in _AL_VERB_KEYS and wb not in _AL_VERB_KEYS and not _al_verb_at(a.text, ca.shown[wa]) and not _al_verb_at(b.text, cb.shown[wb])
                and len(shared) >= 2 and "require" in pols and not pols & {"prohibit", "permit"}
                and _anchored(ca.seq, rest_a, cb.seq, rest_b, shared) and not _AL_FOREIGN.search(a.text) and not _AL_FOREIGN.search(b.text)
                and not said.says(b.path, ca.shown[wa]) and not said.says(a.path, cb.shown[wb])):  # type: ignore[attr-defined]
            topic = _al_topic(ca, shared)
            sa, sb = ca.shown[wa], cb.shown[wb]
            if a is not _order((a, b))[0]:
                a, b, sa, sb = b, a, sb, sa
            msg = f"enum conflict on `{topic}` between variants: {sa} vs {sb}, each file using only its own: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
            return _make("enum", topic, (a, b), msg, keep_order=True)
    if len(rest_a) > 2 or len(rest_b) > 2 or (rest_a and rest_b and (names_a or names_b or not (_al_verbs(rest_a) and _al_verbs(rest_b)))):
        if not (_al_same_unit(ca, nums_a, cb, nums_b, shared) and len(rest_a) <= 4 and len(rest_b) <= 4 and not (names_a and names_b)) and not _al_subject_unit(ca, nums_a, rest_a | names_a, cb, nums_b, rest_b | names_b):
            return None  # each side has words of its own: another subject, unless they are only verbs ("Sessions last 30 minutes" / "… run for 45 minutes")
    nega, negb = _al_negated(a, ca), _al_negated(b, cb)
    if nega != negb:
        differ = only_a | only_b
        pos, neg = (cb, ca) if nega else (ca, cb)
        if not neg.nums:
            differ -= pos.nums.keys() | {"@time"}  # "Retry a failed charge at most 3 times" / "Never retry failed charges": the ban leaves no number
        return _al_opposite(a, ca, b, cb, shared, differ)
    if not (ca.names or ca.nums) or not (cb.names or cb.nums):
        return None
    slot = _al_num_pair(ca, nums_a, cb, nums_b, shared) if nums_a and nums_b else None
    if slot is not None and not (names_a and names_b) and not _al_labelled(a, ca, names_a) and not _al_labelled(b, cb, names_b):
        # (a name on one side only narrows the rule: "Transition S3 objects to Glacier after 60 days";
        # in a label it names a case: "**P1**: High. Respond within 15 minutes")
        xa, xb = slot
        if bool(ca.cond) != bool(cb.cond):
            return None  # "Post status every 30 minutes" / "… every 10 minutes during an outage": a rule and its exception
        va, vb = ca.nums[xa], cb.nums[xb]
        if _al_same_value(va, vb):
            return None  # "1 hour" and "60 minutes", "monthly" and "every 30 days": one value written twice
        if _al_apart(va, vb):
            return None  # "a 60-minute slot" and "two missed appointments in twelve months": not one quantity
        if _cases_apart(a, ca.shown[xa], b, cb.shown[xb]):
            return None  # "Two stands per side for boats under 10 m" / "Boats over 10 m … three stands": two cases
        if _antecedent_apart(a.text, ca.shown[xa], b.text) or _antecedent_apart(b.text, cb.shown[xb], a.text):
            return None  # "… the incubation room, which MUST be held at 22 °C" / "The cold room is held at 2 °C": two rooms
        lo, hi = max(v for v in (va[0], vb[0], float("-inf")) if v is not None), min(v for v in (va[1], vb[1], float("inf")) if v is not None)
        kind = "value" if lo > hi else "target"
        if kind == "target" and _point_at_bound(va, vb):
            return None  # "Lagers are lagered for four weeks" / "… for at least 28 days": one target
        rel = " cannot both hold" if kind == "value" else " are different targets"
        slot_a, slot_b = ca.shown[xa], cb.shown[xb]
    elif 0 < len(names_a) <= _AL_MAX_NAMES and 0 < len(names_b) <= _AL_MAX_NAMES and not nums_a and not nums_b and not nega and _anchored(ca.seq, names_a, cb.seq, names_b, shared):
        if any(x in y or y in x for x in names_a for y in names_b):
            return None  # "I/O-bound" and "I/O": one name narrowed, not another
        kind, rel = "enum", ""
        slot_a, slot_b = _al_names(ca, names_a), _al_names(cb, names_b)
    else:
        return None
    topic = _al_topic(ca, shared)
    if a is not _order((a, b))[0]:
        a, b, slot_a, slot_b = b, a, slot_b, slot_a
    msg = f"{kind} conflict on `{topic}` between variants: {slot_a} {'vs' if kind != 'target' else 'and'} {slot_b}{rel}: \"{quote(a.text)}\" vs {_where(b, a)}: \"{quote(b.text)}\""
    return _make(kind, topic, (a, b), msg, keep_order=True)


# ---------------------------------------------------------------- frontmatter
def _frontmatter(ds: Sequence[Directive]) -> list[Conflict]:
    """One conflict per pair of files that set a field to different values."""
    by_key: dict[str, list[Directive]] = defaultdict(list)
    for d in ds:
        if d.source == "frontmatter" and d.frame.objects and d.frame.values and d.frame.objects[0] not in ("tools", "disallowedTools"):
            by_key[d.frame.objects[0]].append(d)
    out = []
    for key, items in sorted(by_key.items()):
        items = list(_order(items))
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                va, vb = a.frame.values[0].member or "", b.frame.values[0].member or ""
                if va == vb or a.path == b.path:
                    continue
                msg = f"frontmatter conflict on `{key}`: `{va}` here, `{vb}` in {b.path.rsplit('/', 1)[-1]}:{b.span.line}"
                out.append(_make("frontmatter", key, (a, b), msg, keep_order=True))
    return out


def _wants(codes: frozenset[str] | None, *kinds: str) -> bool:
    return codes is None or any(CODES[k][0] in codes for k in kinds)


def detect(ds: Sequence[Directive], cross: bool = False, codes: frozenset[str] | None = None) -> list[Conflict]:
    """Conflicts among ``ds``. With ``cross``, only pairs from different files
    (and frontmatter differences); without, pairs inside the given directives.
    ``codes`` limits the search to the checks that can report one of them (None: every check)."""
    from .doers import doers, other_doers  # (doers reads with this module's helpers)
    from .named import aligned_values, named_choices

    found: list[Conflict] = []
    if _wants(codes, "polarity", "conditional"):
        found += [c for c in _polarity(ds, cross) if not other_doers(c.sides[0], c.sides[1])]
    if _wants(codes, "conditional"):
        found += _hedges(ds, cross)
    if _wants(codes, "value", "target"):
        found += _values(ds, cross)
    if _wants(codes, "value", "conditional"):
        found += _prices(ds, cross)
    if _wants(codes, "enum"):
        found += _enums(ds, cross)
    if _wants(codes, "polarity"):
        found += _member_bans(ds, cross, found)
        found += _orders(ds, cross)
    if _wants(codes, "polarity", "conditional"):
        found += _opposite_states(ds, cross, found)
        found += _opposite_passives(ds, cross, found)
    if _wants(codes, "polarity", "conditional"):
        seen = _sides(found)
        found += [c for c in doers(ds, cross) if frozenset((s.path, s.start) for s in c.sides) not in seen]
    if _wants(codes, "duplicate"):
        found += _duplicates(ds, cross)
    if _wants(codes, "polarity"):
        found += _banned_needs(ds, cross)
    if cross and _wants(codes, "frontmatter"):
        found += _frontmatter(ds)
    if cross and _wants(codes, "polarity", "value", "target", "enum"):
        found += _aligned(ds, found)
    if cross and _wants(codes, "value", "target"):
        found += aligned_values(ds, found)
    if cross and _wants(codes, "enum"):
        found += _systems(ds, found)
        found += named_choices(ds, found)
        found += _instruments(ds, found)
    if cross and _wants(codes, "duplicate"):
        found += _reworded(ds, found)
    found.sort(key=lambda c: (c.sides[0].path, c.sides[0].start, c.code, c.id))
    return found


# ---------------------------------------------------------------- prices
# A thing one rule gives free and another charges for: "Estimates are always free" /
# "Charge £20 for a written estimate", "Wardrobe cartons are lent free" / "Charge
# wardrobe cartons at £6 each".
_PRICE_NP = r"(?P<np>(?:[A-Za-z][\w'’-]*\s+){0,4}?[A-Za-z][\w'’-]*)"
_MONEY = r"(?:[£$€]\s?\d[\d,]*(?:\.\d+)?|\d[\d,]*(?:\.\d+)?\s?(?:p|pence|dollars?|pounds?|euros?)\b)"
_FREE_SAID = _Lazy(
    _PRICE_NP + r"\s+(?:is|are)\s+(?:always\s+|still\s+|also\s+)?(?:(?:lent|included|done|made|fitted|given|offered|provided|supplied|replaced|repaired|adjusted)\s+)?"
    r"(?P<price>free(?:\s+of\s+charge)?(?!\s+(?:to|of|from|for\s+(?:use|anyone)))\b(?!-)|at\s+no\s+(?:extra\s+)?(?:charge|cost))",
    re.IGNORECASE,
)
_CHARGED_SAID = _Lazy(_PRICE_NP + r"\s+(?:is|are|must\s+be|should\s+be|will\s+be)\s+charged\s+(?:at\s+)?(?P<price>" + _MONEY + ")|" + _PRICE_NP.replace("np", "np2") + r"\s+costs?\s+(?P<price2>" + _MONEY + ")", re.IGNORECASE)
_CHARGE_FOR = _Lazy(r"^\W*(?:\*\*[^*]+\*\*\W*)?(?:(?P<neg>never|don['’]t|do\s+not)\s+)?charge\s+(?:(?P<price>" + _MONEY + r")\s+)?(?:for\s+)?" + _PRICE_NP.replace("{0,4}?", "{0,4}") + r"(?:\s+at\s+(?P<price2>" + _MONEY + "))?", re.IGNORECASE)
_NO_CHARGE_FOR = _Lazy(r"\bno\s+charge\s+for\s+" + _PRICE_NP.replace("{0,4}?", "{0,4}"), re.IGNORECASE)
_MONEY_AT = _Lazy(_MONEY)
_PRICE_STOP = frozenset("the a an each every any all our your their its this that these those".split())
_PRICE_CLAUSE = frozenset("that which who whom when if whether because so and or but".split())
_PRICE_CUT = frozenset("for of in on at with to by from within after before whoever".split())  # (the clause words are cut first)


def _priced_thing(np: str) -> tuple[str, tuple[str, ...], str] | None:
    """The head noun's key of a priced thing, the keys of the words before it, and the
    thing as written (up to a preposition: "A tasting for the couple" is a tasting)."""
    said = np.split()
    cut = max((i + 1 for i, w in enumerate(said) if w.lower() in _PRICE_CLAUSE), default=0)
    words = []
    for w in said[cut:]:  # (after the last clause word: "Tell a customer that deliveries are free" prices deliveries)
        lw = w.lower()
        if lw in _PRICE_CUT:
            if words:
                break
            continue
        if lw in _PRICE_STOP:
            words.clear()
            continue
        words.append(w)
    words = [w for w in words if w.lower() not in STOP]
    if not words or not words[-1][:1].isalpha():
        return None
    keys = [_match_key(w.lower()) for w in words]
    return keys[-1], tuple(keys[:-1]), " ".join(words)


@lru_cache(maxsize=1 << 14)
def _prices_of(text: str) -> tuple[tuple[str, tuple[str, ...], str, str], ...]:
    """What a rule gives free or charges for: (head key, modifier keys, thing, price as
    written: "free", or the amount, or "a charge")."""
    low = text.lower()
    if "free" not in low and "charge" not in low and "cost" not in low:
        return ()  # (substring tests before the scans: few rules have one)
    out = []
    if "free" in low or "no charge" in low or "no extra charge" in low or "no cost" in low:
        for m in _FREE_SAID.finditer(text):
            got = _priced_thing(m.group("np"))
            if got:
                out.append((*got, "free"))
        for m in _NO_CHARGE_FOR.finditer(text):
            got = _priced_thing(m.group("np"))
            if got:
                out.append((*got, "free"))
    if "charge" in low or "cost" in low:
        for m in _CHARGED_SAID.finditer(text):
            got = _priced_thing(m.group("np") or m.group("np2"))
            if got:
                out.append((*got, m.group("price") or m.group("price2")))
        m = _CHARGE_FOR.match(text)
        if m is not None:
            got = _priced_thing(m.group("np"))
            if got:
                price = m.group("price") or m.group("price2")
                if price is None:
                    at = _MONEY_AT.search(text, m.start("np"))  # "Charge wardrobe cartons at £6 each"
                    price = at.group() if at else "a charge"
                out.append((*got, "free" if m.group("neg") else price))
    return tuple(out)


def _prices(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """One rule gives a thing free, another charges for it: the same head noun, and the
    words before it on one side among the other's ("Frame adjustments are free" /
    "Charge £5 for a frame adjustment"; not "Lens adjustments are free")."""
    by_head: dict[str, list[tuple[Directive, tuple[str, ...], str, str]]] = defaultdict(list)
    for d in ds:
        said = _prices_of(d.text) if d.source == "body" else ()
        if not said or _is_lead_in(d):
            continue  # (the text first: most rules name no price)
        for head, mods, thing, price in said:
            banned = _pol(d) == "prohibit"
            if price == "free" and banned:
                continue  # a ban of saying a thing is free says nothing of its price
            by_head[head].append((d, mods, thing, "free" if banned else price))  # a ban of a charge ("❌ Charge for a first meeting") makes it free
    out: list[Conflict] = []
    seen: set[frozenset] = set()
    for head, items in sorted(by_head.items()):
        free = [x for x in items if x[3] == "free"]
        paid = [x for x in items if x[3] != "free"]
        for a, ma, ta, pa in free:
            for b, mb, tb, pb in paid:
                if a is b or (a.path != b.path) != cross or a.text == b.text:
                    continue
                if not (set(ma) <= set(mb) or set(mb) <= set(ma)):
                    continue  # two things: "Lens adjustments are free" / "Frame adjustments are charged at £5"
                pair = frozenset(((a.path, a.start), (b.path, b.start)))
                if pair in seen:
                    continue
                seen.add(pair)
                ca, cb = _case(a), _case(b)
                if ca and cb and ca != cb:
                    continue  # two cases, one price each
                kind, extra = _one_case(ca, cb)
                kind = "value" if kind == "polarity" else kind
                x, y = _order((a, b))
                wx, wy = (pa, pb) if x is a else (pb, pa)
                topic = ta if len(ta) >= len(tb) else tb
                msg = f"{'conditional ' if kind == 'conditional' else ''}value conflict on `{topic}`: free and {pb} cannot both hold: \"{quote(x.text)}\" says {wx} and {_where(y, x)}: \"{quote(y.text)}\" says {wy}{extra}"
                out.append(_make(kind, topic, (x, y), msg, keep_order=True))
    return out


# ---------------------------------------------------------------- tools
def _tool_names() -> tuple[list[str], dict[str, str]]:
    from ..facts import claude_code_facts

    facts = claude_code_facts()
    names = list(facts["tools"]) + [t for t in facts.get("legacy_tools", {}) if t not in facts["tools"]]
    alias = {"Task": "Agent"}
    return sorted(set(names), key=lambda s: (-len(s), s)), alias


_TOOL_RE: list[re.Pattern[str]] = []
_ALIAS: dict[str, str] = {}
# A tool whose name is also an ordinary word ("Write", "Projects", "Agent") counts
# after "use"/"call" only when what follows reads as a tool use ("use Edit for small
# changes"), not as a product name ("use Projects v2").
_PLAIN_NAME = re.compile(r"[A-Z][a-z]+")
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")  # "TodoWrite", "AskUserQuestion"
_IF_BEFORE = _Lazy(r"(?i)\b(?:if|unless|whether|when)\s+(?:the\s+)?[`*]*$")
_AFTER_USE = re.compile(r"\s*(?:\(|\s(?:tools?|to|for|on|with|instead|when|whenever|if|before|after)\b|[.;,:!]|$)")


def _tool_re() -> re.Pattern[str]:
    if not _TOOL_RE:
        names, alias = _tool_names()
        _ALIAS.update(alias)
        alt = "|".join(re.escape(n) for n in names)
        camel = "|".join(re.escape(n) for n in names if _CAMEL.fullmatch(n))
        _TOOL_RE.append(
            re.compile(
                rf"`(?P<a>{alt})(?:\([^`]*\))?`|\b(?P<b>{alt})\s+tools?\b|(?i:\b(?:use|using|uses|call|calling|invoke|via|run|with)\s+(?:the\s+)?)(?P<c>{alt})\b|"
                r"(?P<d>\bmcp__[A-Za-z0-9_-]*[A-Za-z0-9_])|"
                rf"\b(?P<e>{camel})\b(?![`(/.-]\w)"  # a name no sentence uses otherwise ("on a TodoWrite list"), not a plain word ("Write")
            )
        )
    return _TOOL_RE[0]


# "`Write` or `Edit`", "Write/Edit": either tool will do.
_TOOL_OR = re.compile(r"^[`*\s]*(?:/|\bor\b|,\s*or\b)[`*\s]*$", re.IGNORECASE)
_TOOL_AND = re.compile(r"^[`*\s]*,[`*\s]*$")
# A mention that leaves the tool optional: "(or equivalent)", "if available".
_OPTIONAL = re.compile(r"\bor\s+(?:an?\s+)?equivalent\b|\bif\s+(?:it\s+is\s+|it's\s+)?(?:available|granted|enabled|present|installed)\b|\bwhen\s+available\b", re.IGNORECASE)


def _mentions(text: str) -> list[tuple[str, ...]]:
    """The tools a text names, each as the alternatives it offers ("`Write` or `Edit`")."""
    found: list[tuple[str, int, int]] = []
    for m in _tool_re().finditer(text):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")
        if m.group("e") and _IF_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue  # "If MultiEdit is unavailable, …": a case, not a use
        if m.group("c") and _PLAIN_NAME.fullmatch(name) and not _AFTER_USE.match(text, m.end()):
            continue
        found.append((_ALIAS.get(name, name), m.start(), m.end()))
    out: list[list[str]] = []
    chain_or = False
    for i, (name, start, end) in enumerate(found):
        between = text[found[i - 1][2] : start] if i else None
        if between is not None and _TOOL_OR.match(between):
            out[-1].append(name)
            chain_or = True
        elif between is not None and chain_or and _TOOL_AND.match(between):
            out[-1].append(name)  # "Read, Grep, or Glob": the list before the "or" joins it
        else:
            out.append([name])
            chain_or = False
    return [tuple(dict.fromkeys(g)) for g in out]


def _tool_set(d: Directive | None) -> set[str] | None:
    if d is None:
        return None
    value = d.frame.values[0].member or ""
    out = set()
    for part in re.split(r",\s*|\s+", value):
        name = part.split("(", 1)[0].strip().strip("\"'[]")
        if name:
            out.add(_ALIAS.get(name, name))
    return out


def _has(tools: set[str], tool: str) -> bool:
    """``tools`` grants ``tool``: by name, or an MCP tool through its server (`mcp__github`)."""
    if tool in tools:
        return True
    if tool.startswith("mcp__"):
        parts = tool.split("__")
        return any(t in tools for t in ("__".join(parts[:2]), "__".join(parts[:2]) + "__*", "mcp__*"))
    return False


# What an instruction needs from Claude Code's tools when it names none: running a
# command needs Bash, writing a new file Write, editing one Edit (or Write), looking
# something up online WebFetch or WebSearch.
_CLI = re.compile(
    r"`(?:npm|npx|pnpm|yarn|bun|pip|pip3|uv|poetry|pytest|python3?|node|deno|git|gh|psql|mysql|sqlite3|docker|kubectl|helm|make|"
    r"cargo|go|bash|sh|zsh|curl|wget|terraform|ansible|ruff|mypy|eslint|prettier|tsc|jest|vitest|dotnet|mvn|gradle|rails|bundle|"
    r"xcodebuild|swift|swiftlint|flutter|dart|gradlew|\./gradlew|adb|fastlane|dbt|alembic|rspec|phpunit|composer|cmake|bazel|sbt|"
    r"tox|nox|black|flake8|pylint|playwright|cypress|aws|gcloud|az|pulumi|kustomize|ssh|rsync)\b"
)
# A command in a code span that the instruction runs: "run `make check`", "with `npm run docs`".
_RUN_SPAN = re.compile(r"\b(?:run|runs|running|execute|executing|invoke)\s+`[a-z.]|\b(?:with|using|via)\s+`[a-z][\w.-]*\s[^`]*`", re.IGNORECASE)


# A code span that reads as a command line: a program and its arguments (`cppcheck --addon=misra`).
_COMMAND_LINE = re.compile(r"`[a-z][\w.-]*\s+-[^`\n]{0,200}`")


# "Run axe-core against …", "Run pa11y on …": the verb's object is a program's name (a
# word with a hyphen or a digit) followed by a preposition or the end of the clause.
_RUN_PROGRAM = re.compile(
    r"^\W*(?:run|execute|launch)\s+(?:the\s+)?(?![a-z]+-(?:up|ups|in|ins|out|outs|off|offs|through|down|over|mortems?|runs?|plays?)\b)"
    r"[a-z][a-z]*(?:-[a-z0-9]*[a-rt-z0-9]|[0-9][a-z0-9]*)\b(?!-)"
    r"(?=\s+(?:against|on|over|in|with|for|across|before|after)\b|\s*[.,;:(]|\s*$)",  # the name is the object, not a modifier ("Run follow-up interviews")
    re.IGNORECASE,
)


def _runs_span(text: str) -> bool:
    """:data:`_RUN_SPAN` in ``text`` (it needs a code span: without a backtick it is not run)."""
    return "`" in text and _RUN_SPAN.search(text) is not None


_FRONTED_RUN = re.compile(r"^(?:[^.;:`]{0,40},|(?:each|every|on|at|before|after|once|daily|weekly|nightly)\b[^.;:,`]{0,30}?)\s+(?:run|execute|invoke)\s+`", re.IGNORECASE)  # "Each morning, run `laundrylink sync --intake`", "Each morning run `…`"
_SCRIPTED = re.compile(r"\b(?:with|using|by)\s+(?:a\s+)?(?:quick\s+|short\s+|small\s+)?(?:python|node|bash|shell|ruby|perl)\s+(?:script|calculation|one-liner|snippet)s?\b", re.IGNORECASE)  # "Check your arithmetic with a quick Python calculation"
_RUN_OBJECT = re.compile(
    r"(?=[re])\b(?:run|execute)\s+(?:the\s+|all\s+|your\s+|every\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:tests?|test\s+suite|suite|commands?|scripts?|build|linters?|migrations?|benchmarks?|queries|query)\b",
    re.IGNORECASE,
)
_RUN_KEYS = frozenset(word_key(w) for w in "test tests suite command commands script scripts shell terminal cli build linter linters migration migrations benchmark benchmarks query queries notebook notebooks checker checkers profiler".split())
_EDIT_KEYS = frozenset(
    word_key(w)
    for w in "file files code component components function functions source module modules class classes config configuration "
    "test tests readme documentation docs changelog runbook page pages".split()
)
_FILE_EXTS = r"\.(?:md|txt|json|ya?ml|toml|py|ts|tsx|js|jsx|csv|tsv|xml|html|sql|sh|cfg|conf|config|ini|env)\b"
_FILE_NAME = re.compile(r"(?<![\w/])[\w./<>{}*-]{0,120}[\w>}*]" + _FILE_EXTS)  # (bounded: "a.a.a…" lines stay linear)
_FILE_EXT = re.compile(r"[\w>}*]" + _FILE_EXTS)  # whether a text names a file at all
# "file" as what is written ("a new widget file for each screen"), not a modifier ("file paths").
_FILE_WORD = re.compile(r"\bfiles?(?=\s+(?:to|under|in|into|for|at|on|and|named|called|with|per|after|before|each|every|when|once)\b|\s*[.,;:)]|\s*$)", re.IGNORECASE)
# "online" as an adverb ("check it online"), not an adjective ("online evaluation").
_WEB = re.compile(
    r"\bonline(?=\s*(?:$|[.,;:!?)])|\s+(?:for|to|and|before|first|when|if)\b)|\bon\s+the\s+(?:web|internet)\b|"
    r"\bwebsites?\b|\bbrowse\b|\bbrowsing\b|\b(?!(?:a|an|the|this|that|its|their|our|your|inside|into|in)\b)[a-z][\w'’-]*\s+portals?(?=\s*(?:$|[.,;:!?)]|(?:for|to|before|after|when|each|every|and|or|in|on|with|at)\b))"
)
# A page on the web: a domain ("on stripe.com"), an online document ("the online user
# guide"), a web or status page ("the AWS pricing page", "the jam's rules page on itch.io").
_WEB_PAGE = re.compile(
    r"(?<![\w./@-])(?:[a-z0-9-]+\.)+(?:com|org|io|net|dev|gov|edu|ai|app|uk|de|fr|eu|au|ca|nz|ie|nl|ch|jp|info|network|cloud)(?![\w.-])|\bonline\s+(?:[a-z]+\s+)?(?:documentation|docs|guide|manual|reference|help)\b|"
    r"\b(?:web|status|pricing|rules|release|download|landing|github|gitlab|forecast|radar|weather|tide|timetable|database|information|data\s+sheet|datasheet|service|news|wiki)\s+page\b|\b(?:staging|production|live)\s+url\b|\b(?:from|at|on)\s+(?:its|their|the\s+supplier's|the)\s+urls?\b|\b(?:rss|atom)\s+feeds?\b|\b(?:gis|map|web)\s+viewer\b"
)
# Someone else's page: a name or a possessive before it ("the FDA recall page", "the
# MeteoSwiss forecast page", "the Highways England traffic bulletin page", "the publisher's
# patch notes page"; not "the login page", "the Settings page", "the Account Settings page",
# "the user's profile page" of the app, nor a "page component").
_UI_WORDS = "Settings|Account|Home|Login|Logout|Profile|Dashboard|Admin|Checkout|Cart|Search|Details|Help|About|Contact|Landing|Sign|Signup|Register|Pricing|Billing|Error|Index|Main|Product|Products|Order|Orders|User|Users|Team|Teams|Member|Members|Report|Reports|Overview|Status|Welcome|Onboarding|Notifications|Preferences|Subscription|Subscriptions|Invoice|Invoices|Payment|Payments|Support"
_PAGE_PARTS = "component|components|object|objects|model|models|template|templates|route|routes|test|tests|file|files|layout|layouts|view|views|controller|controllers|title|titles|load|loads|size|sizes"
_OWN_PEOPLE = "user|users|customer|customers|client|clients|member|members|app|application|product|component|admin|student|patient|player|owner|visitor|site|tenant|tenants|account|accounts|team|teams|workspace|organisation|organization|project|repo|repository|service"
_APP_PAGES = "login|sign|signup|description|reference|settings|members|member|billing|account|profile|home|landing|error|checkout|search|detail|details|admin|dashboard|faq|docs|help"  # (an acronym before an app's page: "the SSO login page", "the API reference page")

_THEIR_PAGE = _Lazy(
    r"\b[Tt]he\s+(?:[A-Z]{2,}[a-z]*\s+(?=(?:[a-z][\w-]*\s+){1,2}page\b)(?!(?:" + _APP_PAGES + r")\b)|[A-Z][a-z]+[A-Z][\w&-]*\s+|(?!(?:" + _UI_WORDS + r")\b)[A-Z][a-z]+\s+(?!(?:" + _UI_WORDS + r")\b)[A-Z][a-z]+\s+)"
    r"(?:[a-z][\w-]*\s+){0,2}page\b(?!\s+(?:" + _PAGE_PARTS + r")\b)"
    r"|\b[Tt]he\s+(?:[a-z]+\s+)?(?!(?:" + _OWN_PEOPLE + r")['’])[a-z]+(?:['’]s|(?<=s)['’])\s+(?:[a-z][\w-]*\s+){0,2}page\b(?!\s+(?:" + _PAGE_PARTS + r")\b)"
)
_SPAN = re.compile(r"`[^`]*`")


_URL_SPAN = re.compile(r"`(?:https?://)?(?:[a-z0-9-]+\.)+(?:com|org|io|net|dev|gov|edu|ai|app)/")


def _on_the_web(text: str, low: str) -> bool:
    """Does an instruction's object live on the web: "online", a website or portal
    (:data:`_WEB`), a page or a domain (:func:`_web_page`), someone else's page
    (:data:`_THEIR_PAGE`)? ``low`` is ``text`` lower-cased."""
    return _WEB.search(low) is not None or _web_page(low) or ("page" in low and _THEIR_PAGE.search(text) is not None)


def _web_page(low: str) -> bool:
    """:data:`_WEB_PAGE` outside code spans (`self.app`, `config.dev` are no domains), or a
    code span that is a web address (`github.com/{org}`)."""
    if "`" not in low:
        return _WEB_PAGE.search(low) is not None
    return _WEB_PAGE.search(_SPAN.sub(" ", low)) is not None or _URL_SPAN.search(low) is not None


# The notebook is what is edited: the verb's object or where the edit is made ("Update the
# coefficients in `model.ipynb`", "Edit the ET notebook"), not something a purpose names
# ("Update the README to link the Jupyter notebook").
_NOTEBOOK_NAME = r"(?:`[^`]*\.ipynb`|[\w./-]*\.ipynb\b|(?:[\w-]+\s+){0,2}notebooks?\b)"
_NOTEBOOK_EDITED = _Lazy(
    r"^\W*\w+\s+(?:(?:the|a|an|this|that|your|its|each|every)\s+)?" + _NOTEBOOK_NAME
    + r"|^\W*\w+\s+(?:(?!to\b)[\w'’`-]+\s+){0,5}?(?:in|inside|of)\s+(?:(?:the|a|an|this|that|your|each|every)\s+)?" + _NOTEBOOK_NAME,
    re.IGNORECASE,
)
# A search of the web the agent makes ("Search the web for …", "with a web search"), not a
# product's search ("the web search component", "web searches return results").
_WEB_SEARCH = re.compile(r"\b(?:a|with|via|using|by|run|do|make)\s+(?:quick\s+)?web\s+searche?s?\b(?!\s+(?:component|feature|box|bar|page|api|endpoint|service|index|field|results?\s+page)s?\b)|\bweb\s+search(?:es)?\s+(?:for|on|about)\b|\(\s*web\s+search\b|\bsearch\s+the\s+(?:web|internet)\b|\bsearch\s+online\b|\blook\s+up\b[^.;:]{0,60}?\b(?:on\s+the\s+(?:web|internet)|online)\b")  # ("Look up anything unusual on the web": a search)
_RUN_VERBS = frozenset({"run", "execute", "invoke", "launch", "install", "compile", "start"})
_WRITE_VERBS = frozenset({"write", "save", "create", "generate", "produce", "output", "export", "store", "record", "put", "draft"})  # ("Put the summary in a new file")
_EDIT_VERBS = frozenset({"edit", "modify", "update", "change", "patch", "refactor", "rewrite", "correct", "amend", "bump", "fix"})
_IN_PLACE_ONLY = frozenset({"fix"})  # an edit only "in place" ("Fix the inspection log in place"; not "Fix the slowest component first")
# "Add a line to the progress log", "append it to `NOTES.md`": adding to a file edits it.
_ADD_TO_FILE = re.compile(r"^\W*(?:add|append)\b.*?\b(?:to|into)\s+(?:the\s+|a\s+|your\s+|its\s+)?(?:[\w'’-]+\s+){0,2}(?:file|log|readme|changelog|notes|runbook)\b", re.IGNORECASE)
_EDIT_ANY = frozenset({"edit", "modify", "patch", "rewrite"})
_IN_PLACE = re.compile(r"(?i)\bin\s+place\b")
_DATA_KEYS = frozenset(word_key(w) for w in "list lists array arrays dataframe dataframes dict dicts dictionary buffer buffers tensor tensors map maps vector vectors collection collections struct variable variables".split())  # changed in code, not with a tool
_EDIT_ONLY = frozenset({"edit", "modify", "patch"})  # acts on part of a file: the edit tool's
_LOOKUP_VERBS = frozenset({"check", "search", "look", "research", "browse", "fetch", "consult", "verify", "read", "find", "confirm", "visit", "download", "review", "run", "open", "pull"})
_SHELL_KEYS = frozenset(word_key(w) for w in "shell terminal bash command commands cli command-line".split())
_TOOL_KEYS = frozenset(word_key(w) for w in "tool tools".split())  # "command-line tools": shell words with it
_ANY_SHELL = _Lazy(r"(?i)\bany\s+(?:other\s+)?(?:shell|terminal|cli)\s+commands?\b(?=\s*(?:$|[.;!]))")  # "Running `x` or any other shell command" (not "… without asking", "… as root")
_RELATIVE = re.compile(r"(?i)\b(?:that|which|whose)\b")
_BROWSE = re.compile(
    r"(?i)\b(?:do\s+not|don't|never|no)\W+(?:browse|browsing|surf|surfing)\s+(?:the\s+)?(?:web|internet)"
    r"(?=\s*(?:$|[.;,:!)]|(?:for\s+anything|at\s+all|ever)\b(?!\s+(?:other|but|except|else|besides)\b)))"  # outright: not "… for case law", "… for anything other than …"
)
_MAY_BAN_WORDS = r"(?=[ecmprsbfdlw])\b(?:edit|modif|chang|patch|rewrit|search|brows|surf|fetch|download|(?:look|research)\w*\b[^.;]{0,40}?\b(?:online|web|internet)\b|(?:creat|writ)\w*\s+(?:any\s+|new\s+)*files?\b)"  # (the other words :func:`_bans` reads)
_MAY_BAN = re.compile("(?i)" + _MAY_BAN_WORDS)
_WEB_KEYS = frozenset(word_key(w) for w in "web internet online".split())
_FILE_KEYS = frozenset({word_key("file")})
_PAGE_KEYS = frozenset(word_key(w) for w in "page pages".split())
_ANY_CODE_KEYS = frozenset(word_key(w) for w in "code codebase file files source anything".split()) | {UNIVERSAL}
_REFLEXIVE_KEYS = frozenset(word_key(w) for w in "yourself itself directly".split())
_GERUND = re.compile(r"^\W*(?:\*\*[^*]+\*\*\W*|[^:]{1,40}:\s+)?([A-Za-z]+ing)\b")
_LEAD_WORD = re.compile(r"^[\W\d_]*(?:\*\*[^*]+\*\*\W*)?([A-Za-z]+)")


_WHEN_FIRST = re.compile(r"^\W*(?:when(?:ever)?|once|after|before|for\s+(?:every|each|any)|at\s+the\s+(?:end|start)\s+of)\b[^,;:.!?]{3,100},\s+", re.IGNORECASE)
_LABEL_HEAD = re.compile(r"^\W*(?:\*\*[^*]+\*\*|[^:.!?*]{1,60}?)\s*(?:\*\*)?\s*[:—–]\s*(?:\*\*)?")
_PAREN = re.compile(r"\([^)]*\)")


def _instruction(text: str) -> str:
    """The text after a leading label ("**Patch version**: …", "Research agents (…):")
    and a fronted clause that says when ("Before you hand back, run …"), the verb
    capitalised as it would open the sentence."""
    if text.startswith("**"):
        lead = _BOLD_LEAD_WORD.match(text)
        if lead is not None and not _NOT_DO_LABEL.match(text, 2):
            text = text[lead.end() :]  # "**Scripts.** Match the bank lines …": a lead word, then the instruction
    bare = _PAREN.sub("", text) if "(" in text else text
    m = _LABEL_HEAD.match(bare) if ":" in bare or "—" in bare or "–" in bare else None  # the label ends at one of them
    if m is not None:
        label = m.group().strip(" *:—–")
        text = bare[m.end():] if len(label.split()) <= 4 else text
    if "," in text:
        f = _WHEN_FIRST.match(text)
        if f is not None and text[f.end() : f.end() + 1].isalpha():
            text = text[f.end()].upper() + text[f.end() + 1 :]
    return text


_NOT_DO_LABEL = re.compile(r"(?i)(?:bad|wrong|incorrect|avoid|don['’]?t|do\s+not|never|no|not|anti-?pattern|mistake|problem|example|e\.g|before|instead\s+of)\b")  # "**Bad.** Edit `settings.py` …": an example of what not to do
_BOLD_LEAD_WORD = re.compile(r"\*\*[^*]{1,60}\.\*\*\s+(?=[A-Z])")
_NEG_LEAD = re.compile(r"\b(?:not|never|no|n't)\b|\bout\s+of\s+scope\b", re.IGNORECASE)
_OBJECT_MARK = re.compile(r"^\s*\S+\s+(?:the|a|an|each|every|all|any|your|its|this|that|these|those|new|existing|our)\b|`|\b(?:to|in|into|with|for|under|from|at)\b|\w\.(?:md|txt|json|ya?ml)\b", re.IGNORECASE)
_OPENERS = frozenset({"always", "must", "you", "please", "then", "first", "also", "only", "now", "finally", "next"})


_OPENER = "@opener"  # the text opens with "Always", "You must" …: the frame's verb is the action


# Verbs read only for the tools an instruction needs ("Draft the order of service as a new
# file"); as a verb of the frames "draft" would also read "Draft a letter and sign it …" as a ban of drafting.
_TOOL_VERBS = {"draft": "draft"}


def _lead_verb(d: Directive) -> str | None:
    """The part of :func:`_action` read from the text alone: the verb an instruction
    opens with, :data:`_OPENER` when the frame's verb decides, or None."""
    lead = _text_lead(d.text)
    if lead is None or (d.context and _NEG_LEAD.search(d.context)):
        return None  # under "Does NOT:"
    return lead


# Memos of text tests that give a word or a flag: the texts of copies of a file, and
# of the cross-file pass, are read once. (Their entries hold no object the garbage
# collector walks.)
@lru_cache(maxsize=1 << 16)
def _text_lead(text: str) -> str | None:
    """:func:`_lead_verb` without the lead-in's test."""
    # (Each test can only say None: the cheap ones, and those that fail most, come first.)
    inner = _instruction(text)
    m = _LEAD_WORD.match(inner)
    if m is None or not m.group(1)[0].isupper():
        return None
    word = m.group(1).lower()
    lead = VERB_KEYS.get(lemma(word)) or _TOOL_VERBS.get(word)
    if lead is None and word not in _OPENERS:
        return None
    if _GERUND.match(inner):
        return None  # "Creating structured prompts …" describes, it does not instruct
    if len(inner.split()) < 5 and not _OBJECT_MARK.search(inner):
        return None  # "Patch management process": a noun phrase, not an instruction
    if _delegates(text) or "out of scope" in text.lower():
        return None  # handed to another agent
    return lead if lead is not None else _OPENER


def _action(d: Directive) -> str | None:
    """What an instruction tells the agent to do: the verb it opens with ("Write the
    summary to `REVIEW.md` …, so the author can keep it"), or after "Always"/"You must"."""
    f = _head(d)
    if f.polarity == "prohibit" or (getattr(d, "inherited", None) in ("prohibit", "antipattern") and f.strength == "inherited"):
        return None  # (under a prohibiting heading, unless the item says otherwise itself: "✅ …" under "Do and don't")
    lead = _lead_verb(d)
    if lead == _OPENER:
        return f.action if f.polarity == "require" and f.action is not None else None
    return lead


def _may_need(d: Directive) -> bool:
    """Could :func:`_needs` name a tool for ``d``? Read from the text alone (what the
    frame adds only takes needs away, or is a verb or object this lets through)."""
    need = _may_need_text(d.text)
    return need == _NEEDS or (need == _NEEDS_BY_VERB and not (d.context and _NEG_LEAD.search(d.context)))


_NEEDS, _NEEDS_BY_VERB = 1, 2  # whatever the lead-in; through the verb it opens with (:func:`_lead_verb`)


def _row_steps(text: str) -> list[tuple[str, str]]:
    """The cells after the first of a table row that open with a verb, each with it
    ("| Resets | Write a new file for each reset |": the first cell names the job, a later
    one says how it is done)."""
    if not text.startswith("|"):
        return []
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return [(lead, c) for c in cells[1:] if c and (lead := _text_lead(c)) is not None and lead != _OPENER]


@lru_cache(maxsize=1 << 16)
def _may_need_text(text: str) -> int:
    """:func:`_may_need` without the lead-in's test: 0, :data:`_NEEDS` or :data:`_NEEDS_BY_VERB`."""
    if _runs_span(text) or (_may_run(text) and _RUN_OBJECT.search(text)) or _SCRIPTED.search(text):
        return _NEEDS
    if text.startswith("|") and any(_verb_needs(lead, cell, set()) for lead, cell in _row_steps(text)):
        return _NEEDS_BY_VERB
    a = _text_lead(text)
    if a is None:
        return _NEEDS_BY_VERB if _later_needs(text) else 0
    if a == _OPENER or a in _RUN_VERBS or a in _EDIT_VERBS or a in ("add", "append"):
        return _NEEDS_BY_VERB  # the frame's verb, or its objects, decide
    if a in ("use", "build", "check", "test") and _CLI.search(text):
        return _NEEDS_BY_VERB
    if a in _WRITE_VERBS and (_FILE_EXT.search(text) or _FILE_WORD.search(text)):
        return _NEEDS_BY_VERB
    low = text.lower()
    if a in _LOOKUP_VERBS and (_WEB_SEARCH.search(low) is not None or _on_the_web(text, low)) or a == "fetch":
        return _NEEDS_BY_VERB
    return _NEEDS_BY_VERB if _later_needs(text) else 0


def _may_run(text: str) -> bool:
    """Could :data:`_RUN_OBJECT` match? An ASCII text without "run" or "execute" in any case cannot."""
    if not text.isascii():
        return True
    low = text.lower()
    return "run" in low or "execute" in low


def _needs(d: Directive) -> list[tuple[str, ...]]:
    """Tools a directive needs, each as the alternatives that would do."""
    a = _action(d)
    if a is None:
        out: list[tuple[str, ...]] = []
        # A step that opens with a word the verb list lacks ("Regenerate the pages
        # with `npm run docs`") still runs the command it names.
        m = _LEAD_WORD.match(d.text)
        if d.kind in _LISTED and _head(d).polarity != "prohibit" and m and m.group(1)[0].isupper() and m.group(1).lower() not in STOP and not _GERUND.match(d.text) and _runs_span(d.text):
            out.append(("Bash",))
        elif _head(d).polarity != "prohibit" and _FRONTED_RUN.match(d.text) and not (d.context and _NEG_LEAD.search(d.context)):
            out.append(("Bash",))  # a run after a fronted time or place: "Each morning, run `laundrylink sync --intake`"
        later = _head(d).polarity == "require"  # "Object names MUST come from the AAT; check the term on its website"
    else:
        objs = set(d.frame.objects) if a in _RUN_VERBS or a in _EDIT_VERBS else set()  # read only where it decides
        out = _verb_needs(a, d.text, objs)
        later = True
    if later and not (d.context and _NEG_LEAD.search(d.context)):
        out += [n for n in _later_needs(d.text) if n not in out]
    if d.kind == "table_row" and _head(d).polarity != "prohibit" and not (d.context and _NEG_LEAD.search(d.context)):
        for lead, cell in _row_steps(d.text):
            out += [n for n in _verb_needs(lead, cell, set()) if n not in out]
    return out


def _verb_needs(a: str, text: str, objs: set[str]) -> list[tuple[str, ...]]:
    """What an instruction whose verb is ``a`` needs, read from its text (and its frame's objects)."""
    out: list[tuple[str, ...]] = []
    in_place = a in _EDIT_VERBS and _IN_PLACE.search(text) is not None  # "Update the roster in place"
    edits = a in _EDIT_VERBS and (in_place or a not in _IN_PLACE_ONLY)
    if _runs_span(text) or _RUN_OBJECT.search(text) or _SCRIPTED.search(text) or (_CLI.search(text) and a in _RUN_VERBS | {"use", "build", "check", "test"}) or (a in _RUN_VERBS and (objs & _RUN_KEYS or _COMMAND_LINE.search(text) or _RUN_PROGRAM.match(_instruction(text)))):
        out.append(("Bash",))
    if edits and _NOTEBOOK_EDITED.search(_instruction(text)):
        out.append(("NotebookEdit",))  # the edit tool refuses a notebook: "Update the coefficients in `model.ipynb`"
    elif a in _WRITE_VERBS and (_FILE_EXT.search(text) or _FILE_WORD.search(text)):
        out.append(("Write",))
    elif edits and not objs & _DATA_KEYS and (a in _EDIT_ANY or objs & _EDIT_KEYS or _FILE_EXT.search(text) or in_place):
        out.append(("Edit",) if a in _EDIT_ONLY or in_place else ("Edit", "Write"))  # (rewriting or updating a whole file the write tool can do)
    elif a in ("add", "append") and _ADD_TO_FILE.match(_instruction(text)):
        out.append(("Edit", "Write"))
    low = text.lower()
    if a in _LOOKUP_VERBS and _WEB_SEARCH.search(low):
        out.append(("WebSearch",))  # a search needs the search tool: a fetch needs an address
    elif a in _LOOKUP_VERBS and _on_the_web(text, low):
        out.append(("WebFetch",))  # reading a page needs the fetch tool; a search gives snippets
    elif a == "fetch" and _FETCHED_HERE.search(low) is None:
        out.append(("WebFetch",))  # "Fetch the Met Office forecast": what is fetched comes from elsewhere, not from git or a file
    return out


# What "fetch" takes from the repository or the machine, not from the web.
_FETCHED_HERE = re.compile(r"`|\b(?:api|git|branch(?:es)?|commits?|(?:latest|new|recent|remote|upstream)\s+changes|remotes?|origin|upstream|tags?|repo(?:sitory)?|submodules?|files?|folders?|director(?:y|ies)|database|db|table|rows?|records?|cache|queue|env(?:ironment)?|variables?|secrets?|config(?:uration)?|logs?|memory|context)\b")


# A later clause with a verb of its own: "Object names MUST come from the AAT; check the
# term on the Getty AAT website before you use it", "…, and save each section as a new file in `drafts/`".
_NOTHING = re.compile(r"(?i)\b(?:nothing|none|nobody|no\s+one)\b")
_LATER_CLAUSE = re.compile(r";\s+|,\s+(?:and|then)\s+")


@lru_cache(maxsize=1 << 14)
def _later_needs(text: str) -> tuple[tuple[str, ...], ...]:
    """What the clauses after the first need, each read from its own opening verb as
    :func:`_verb_needs` reads an instruction."""
    if ";" not in text and ", and " not in text and ", then " not in text:
        return ()
    out: list[tuple[str, ...]] = []
    for part in _LATER_CLAUSE.split(text)[1:]:
        m = _LEAD_WORD.match(part)
        if m is None:
            continue
        word = m.group(1).lower()
        verb = VERB_KEYS.get(lemma(word)) if word in VERBS else None  # the bare verb: "…, and save it", not "…, and creates it" (someone else's act)
        if verb is None or _NEG_LEAD.search(part) or _NOTHING.search(part) or not _OBJECT_MARK.search(part):
            continue  # (not "…, and store nothing in files"; not a list, "…, and output files")
        out += _verb_needs(verb, part, set())
    return tuple(dict.fromkeys(out))


# The tool is what is forbidden ("Never use Bash", "Do not use the `Grep` tool"), not
# limited ("never use Write to overwrite files") or named as the remedy ("… — use X instead").
_BAN_BEFORE = re.compile(r"(?:\bnever|\bnot|n't|\bno)\s+(?:(?:use|call|invoke|run|using|calling|invoking|running)\s+)?(?:the\s+|any\s+)?[`*]*$", re.IGNORECASE)
_BAN_AFTER = re.compile(r"[`*]*(?:\([^)]*\))?[`*]*(?:\s+tools?\b)?[`*]*\s*(?:$|[.;!,]|\s+(?:at\s+all|ever|under\s+any|for\s+anything(?!\s+(?:other|but|except|else|besides)\b))\b)", re.IGNORECASE)  # (not "for anything other than exchange rates")
# "WebFetch MUST NOT be used", "Bash is never to be run": the tool is what is forbidden, said in the passive.
_BAN_PASSIVE = re.compile(
    r"[`*]*(?:\s+tools?\b)?[`*]*\s+(?:must|should|may|can|is|are|will)\s*(?:not|n't|never)\s+(?:to\s+)?(?:be\s+)?(?:used|called|run|invoked)\b"
    r"(?=\s*(?:$|[.;!,:]|\s+(?:at\s+all|ever|by\s+(?:this|the)\s+agent|for\s+anything(?!\s+(?:other|but|except|else|besides)\b))\b))",
    re.IGNORECASE,
)
# Under a prohibiting heading or ❌, the act named alone: "Using Bash for anything".
_BAN_GERUND = re.compile(r"^[\W\d_]*(?:using|calling|running|invoking)\s+(?:the\s+|any\s+)?[`*]*$", re.IGNORECASE)
# "Shell commands are not to be run by this agent"
_SHELL_PASSIVE = _Lazy(r"(?i)\b(?:shell|terminal|cli|command-line)\s+commands?\s+(?:are|is|must|should|may)\s*(?:not|n't|never)\s+(?:to\s+)?(?:be\s+)?(?:run|executed|used)\b(?=\s*(?:$|[.;!,:]|\s+(?:at\s+all|ever|by\s+(?:this|the)\s+agent)\b))")


def _bans(d: Directive) -> list[str]:
    """Tools a prohibition forbids outright."""
    f = _head(d)
    out = []
    for m in _tool_re().finditer(d.text):
        name = m.group("a") or m.group("b") or m.group("c") or m.group("d") or m.group("e")
        head = d.text[max(0, m.start() - 40) : m.start()]
        if m.group("c"):
            head = d.text[max(0, m.start() - 40) : m.start("c")]
        end = m.end("c") if m.group("c") else m.end()
        if _BAN_BEFORE.search(head) and _BAN_AFTER.match(d.text, end):
            out.append(_ALIAS.get(name, name))
        elif _BAN_PASSIVE.match(d.text, end) or (_BAN_GERUND.match(head) and _BAN_AFTER.match(d.text, end) and (getattr(d, "inherited", None) in ("prohibit", "antipattern") or "❌" in head)):
            out.append(_ALIAS.get(name, name))
    if out or f.condition or (f.restrict and _RELATIVE.search(d.text)):
        return out  # (a ban narrowed by a relative clause, "run a shell command that writes to Duetto", limits the tool)
    objs, scope = set(d.frame.objects), set(d.frame.scope)
    if (f.action in _RUN_VERBS or f.action == "use") and objs and objs & _SHELL_KEYS and objs <= _SHELL_KEYS | _TOOL_KEYS and scope <= _SHELL_KEYS:
        out.append("Bash")  # "Don't execute shell commands", "Don't run command-line tools", "Never use the shell"
    elif f.action in _RUN_VERBS and _ANY_SHELL.search(d.text):
        out.append("Bash")  # "Running `ekos-sync` or any other shell command"
    elif f.action is None and _SHELL_PASSIVE.search(d.text):
        out.append("Bash")  # "Shell commands are not to be run by this agent"
    elif f.action in ("fetch", "download") and objs and objs <= _WEB_KEYS | _PAGE_KEYS and objs & _WEB_KEYS:
        out.append("WebFetch")  # "Don't fetch anything from the internet", "Do not fetch web pages"
    elif f.action in _EDIT_ANY | {"edit", "change"} and not scope and objs - _REFLEXIVE_KEYS and (objs - _REFLEXIVE_KEYS <= _ANY_CODE_KEYS or (objs & _REFLEXIVE_KEYS and objs - _REFLEXIVE_KEYS <= _EDIT_KEYS)):
        out.append("Edit")  # "Never edit code yourself"; not "Do not modify the tests" (a limit, not the tool)
    elif f.action == "search" and objs and (objs <= _WEB_KEYS or _SEARCH_THE_WEB.match(_instruction(d.text))):
        out.append("WebSearch")  # "Searching the web" under *Patterns to Avoid*, "… for guidance" (what is searched for)
    elif f.action in ("look", "research") and objs and objs <= _WEB_KEYS:
        out += ["WebFetch", "WebSearch"]  # "Never look anything up online"
    elif f.action in ("create", "write") and not scope and objs == _FILE_KEYS:
        out.append("Write")  # "Don't create new files" (not "… in `src/`", "… README files": limits)
    elif _BROWSE.search(d.text):
        out += ["WebFetch", "WebSearch"]  # "Don't browse the web for anything"
    return out


_SHELL_PARTS: list = []  # the shell words' parts, a pattern of them and _MAY_BAN, and one of them alone (with "]("), for lower-cased ASCII text


@lru_cache(maxsize=1 << 16)
def _may_ban(text: str) -> bool:
    """Could :func:`_bans` find a tool the text's frame forbids: a shell word among its
    objects, or one of the other verbs it reads (:data:`_MAY_BAN`)? (An ASCII text is read
    lower-cased with one pattern of both.)"""
    if text.isascii():
        if not _SHELL_PARTS:
            _may_ban_shell("")  # (builds the pattern on first use)
        low = text.lower()
        if _SHELL_PARTS[2].search(low) is not None:
            return True  # "](" or a shell word's part
        # (Every match of _MAY_BAN_WORDS holds one of these: substring tests cost less than the scan.)
        if "edit" in low or "chang" in low or "writ" in low or "search" in low or "creat" in low or "modif" in low or "patch" in low or "look" in low or "fetch" in low or "brows" in low or "surf" in low or "download" in low:
            return _SHELL_PARTS[1].search(low) is not None
        return False
    return _may_ban_shell(text.lower()) or _MAY_BAN.search(text) is not None


def _may_ban_shell(low: str) -> bool:
    """Could a frame of the lower-cased text name a shell word among its objects (what
    :func:`_bans` reads after the tool names)? An object key is a prefix of a written word (a lemma),
    a synonym's or an irregular form's key: one substring test each."""
    if not _SHELL_PARTS:
        from .lexicon import IRREGULAR, _stem

        syn = load_vocab().syn_keys or {}
        keys = set(_SHELL_KEYS) | {k for k, v in syn.items() if v in _SHELL_KEYS}
        keys |= {w for w, base in IRREGULAR.items() if _stem(base) in keys}
        parts = tuple(sorted(k[:-1] if k.endswith("y") else k for k in keys))
        _SHELL_PARTS.extend([parts, re.compile("|".join([re.escape("]("), *map(re.escape, parts), _MAY_BAN_WORDS])), re.compile("|".join([re.escape("]("), *map(re.escape, parts)]))])
    return "](" in low or any(k in low for k in _SHELL_PARTS[0])


_NAME_RE: list[re.Pattern[str]] = []


@lru_cache(maxsize=1 << 16)
def _may_mention(text: str) -> bool:
    """Could :func:`_tool_re` match in ``text``? Every match is a whole word that is a
    tool name (or starts with ``mcp__``): one pattern of the names as whole words instead."""
    if not _NAME_RE:
        names = _tool_names()[0]
        first = "".join(sorted({re.escape(n[0]) for n in names}))
        # (A match's first character, then the names read from it, behind: a pattern that opens
        # with a character class skips the characters no name starts with without trying a match.)
        _NAME_RE.append(re.compile(rf"[{first}](?<=(?=(?<!\w)(?:{'|'.join(map(re.escape, names))})(?!\w))[{first}])"))
    return "mcp__" in text or _NAME_RE[0].search(text) is not None


def _tools(ds: Sequence[Directive]) -> list[Conflict]:
    fields = {d.frame.objects[0]: d for d in ds if d.source == "frontmatter" and d.frame.objects}
    granted_d, banned_d = fields.get("tools"), fields.get("disallowedTools")
    if granted_d is None and banned_d is None:
        return []
    granted, banned = _tool_set(granted_d), _tool_set(banned_d) or set()
    if granted is not None and ("*" in granted or not granted):
        granted = None
    if granted is None and banned_d is None:
        return []  # every tool granted, none removed: nothing to report
    out: list[Conflict] = []
    seen: set[tuple[str, str, int]] = set()

    def report(kind: str, tool: str, d: Directive, other: Directive, msg: str) -> None:
        if (kind, tool, d.start) not in seen:
            seen.add((kind, tool, d.start))
            out.append(_make("tool", tool, (d, other), msg, keep_order=True))

    can_ban = granted is not None and granted_d is not None
    for d in ds:
        if d.source != "body":
            continue
        if not _may_mention(d.text) and not _may_need(d) and not (can_ban and _may_ban(d.text)):
            continue  # names, needs and forbids no tool, whatever its frame says: not read
        f = _head(d)
        if f.polarity == "prohibit":
            if f.condition or granted is None or granted_d is None:
                continue
            for tool in _bans(d):
                if _has(granted, tool):
                    report("prohibit", tool, d, granted_d, f"tool conflict on `{tool}`: `tools` grants it (line {granted_d.span.line}) but the prompt forbids it: \"{quote(d.text)}\"")
            continue
        mentions = [] if not _may_mention(d.text) or _OPTIONAL.search(d.text) else _mentions(d.text)
        named = {t for g in mentions for t in g}
        for alternatives in mentions or _needs(d):
            tool = alternatives[0]
            how = "names" if tool in named else "needs"
            removed = [t for t in alternatives if _has(banned, t)] if banned_d is not None else []
            if removed and all(t in removed or (granted is not None and not _has(granted, t)) for t in alternatives):
                # Every way to do it is removed or never granted, and one is removed on purpose:
                # "Search the web" with WebSearch disallowed and WebFetch not in `tools`.
                tool = tool if tool in removed else removed[0]
                report("banned", tool, d, banned_d, f"tool conflict on `{tool}`: the prompt {how} it but `disallowedTools` removes it (line {banned_d.span.line}): \"{quote(d.text)}\"")
            elif granted is not None and granted_d is not None and not any(_has(granted, t) for t in alternatives):
                if how == "names" and len(alternatives) > 1:
                    either = " or ".join(f"`{t}`" for t in alternatives)
                    none = "neither" if len(alternatives) == 2 else "none of them"
                    msg = f"tool conflict on `{tool}`: the prompt names {either} but `tools` grants {none} (line {granted_d.span.line}): \"{quote(d.text)}\""
                else:
                    msg = f"tool conflict on `{tool}`: the prompt {how} it but `tools` does not grant it (line {granted_d.span.line}): \"{quote(d.text)}\""
                report("missing", tool, d, granted_d, msg)
    return out


def _banned_needs(ds: Sequence[Directive], cross: bool) -> list[Conflict]:
    """A rule that forbids a kind of work outright ("Don't execute shell commands",
    "Never edit code yourself") against a rule that needs it ("Run the full test suite
    before approving"): the same tool on both sides, whatever their words."""
    bans: list[tuple[Directive, str]] = []
    for d in ds:
        if d.source == "body" and _may_ban_tool(d) and _pol(d) == "prohibit" and not _head(d).condition and not (_head(d).restrict and _RELATIVE.search(d.text)):
            # (not "Don't run shell commands that modify files": a ban narrowed by its clause)
            bans.extend((d, tool) for tool in _bans(d))
    if not bans:
        return []
    out: list[Conflict] = []
    for d in ds:
        if d.source != "body" or not _may_need(d) or _pol(d) == "prohibit" or _case(d):
            continue
        needed = {alt[0] for alt in _needs(d)}
        for b, tool in bans:
            if tool in needed and (b.path != d.path) == cross:
                msg = f"polarity conflict on `{tool}`: \"{quote(b.text)}\" forbids what {_where(d, b)} needs `{tool}` for: \"{quote(d.text)}\""
                out.append(_make("polarity", tool, (b, d), msg, keep_order=True))
    return out


def within(ds: Sequence[Directive], codes: frozenset[str] | None = None) -> list[Conflict]:
    """Conflicts inside one file's directives (``codes``: see :func:`detect`)."""
    key = _copy_key(ds, codes)
    if key is not None:
        got = _COPIES.get(key)
        if got is not None and _same_file(got[0], ds):
            return _copied(got, ds)
    found = detect(ds, codes=codes) + (_tools(ds) if _wants(codes, "tool") else [])
    found.sort(key=lambda c: (c.sides[0].path, c.sides[0].start, c.code, c.id))
    if key is not None:
        mine = {id(d) for d in ds}
        if all(id(s) in mine for c in found for s in c.sides):  # (every side one of the file's pieces)
            _COPIES.put(key, (list(ds), found))
    return found


class _Copies(dict):
    """The findings of the files :func:`within` checked last, by a fingerprint of their
    pieces (:func:`_copy_key`): a copy of a file checked before (forks and vendored copies
    of one agent are common) is not checked again."""

    size = 256

    def __init__(self) -> None:
        super().__init__()
        self.cache_clear = self.clear  # (emptied with the engine's other memos)

    def put(self, key: tuple, value: tuple[list[Piece], list[Conflict]]) -> None:
        if len(self) >= self.size:
            del self[next(iter(self))]  # the oldest
        self[key] = value


_COPIES = _Copies()


def _copy_key(ds: Sequence[Directive], codes: frozenset[str] | None) -> tuple | None:
    """A fingerprint of one file's pieces as :func:`within` gets them (frames not read yet;
    a frontmatter field's comes with it), or None: the pieces of a copy have the same one,
    and :func:`_same_file` tells a copy from a file that only shares it."""
    if not ds:
        return None
    path = ds[0].path
    if not all(type(d) is Piece and d.path == path and (d._frame is None or d.source == "frontmatter") for d in ds):  # type: ignore[attr-defined]
        return None
    return codes, len(ds), ds[0].text, ds[-1].text, ds[-1].end


_SAME_PIECE = attrgetter("source", "kind", "text", "context", "section", "start", "end", "inherited", "span")


def _same_file(first: list[Piece], ds: Sequence[Directive]) -> bool:
    """Do ``ds`` say what ``first`` says, piece by piece, in the same places and lines
    (frontmatter fields with the same frames)? Then :func:`within` finds the same there."""
    return list(map(_SAME_PIECE, first)) == list(map(_SAME_PIECE, ds)) and all(p._frame == q._frame for p, q in zip(first, ds) if p.source == "frontmatter")  # type: ignore[attr-defined]


def _copied(got: tuple[list[Piece], list[Conflict]], ds: Sequence[Directive]) -> list[Conflict]:
    """The findings of a file checked before (``got``: its pieces and findings) for its
    copy ``ds``: the same findings on the copy's pieces, with ids of the copy's path.
    What the engine read of each piece (its text tests, head and frame: all read from
    the text) goes to the copy's piece too."""
    first, found = got
    at = {id(d): i for i, d in enumerate(first)}
    for p, q in zip(first, ds):
        q.gates |= p.gates  # type: ignore[attr-defined]
        if q._head is None:  # type: ignore[attr-defined]
            q._head = p._head  # type: ignore[attr-defined]
        if q._frame is None:  # type: ignore[attr-defined]
            q._frame = p._frame  # type: ignore[attr-defined]
        if q._polarity is UNREAD:  # type: ignore[attr-defined]
            q._polarity = p._polarity  # type: ignore[attr-defined]
    out = []
    for c in found:
        sides = tuple(ds[at[id(d)]] for d in c.sides)
        out.append(Conflict(_id(c.kind, c.topic, sides), c.kind, c.code, c.severity, c.topic, sides, c.message))
    out.sort(key=lambda c: (c.sides[0].path, c.sides[0].start, c.code, c.id))
    return out


def across(groups: Sequence[Sequence[Directive]], codes: frozenset[str] | None = None) -> list[Conflict]:
    """Conflicts between files that share a name: ``groups`` holds one list per file
    (``codes``: see :func:`detect`)."""
    if len(groups) < 2:
        return []
    return detect([d for g in groups for d in g], cross=True, codes=codes)
