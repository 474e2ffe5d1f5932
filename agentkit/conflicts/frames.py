"""Frames: what one directive says — polarity, strength, action, objects,
condition and typed values — read with a few regular expressions and word lists.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Iterator, NamedTuple

from .lexicon import ACTORS, GENERIC, IRREGULAR_PARTICIPLES, STOP, VERBS, lemma
from .model import Frame, Value
from .vocab import Vocab, load_vocab

VERB_KEYS = {lemma(v): v for v in VERBS}
GENERIC_KEYS = frozenset(lemma(w) for w in GENERIC)

_CODE = re.compile(r"`+([^`]+)`+")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(?=[*_])(?:(?<![\w*])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*]))")  # (look-ahead: see _PROHIBIT)
_LABEL = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*[:：\-–—]?\s*(.*)$", re.DOTALL)
_PLAIN_LABEL = re.compile(r"^([^:.!?]{1,40}):\s+(.+)$", re.DOTALL)
_TOKEN = re.compile(r"\x00(\d+)\x00|[A-Za-z0-9][A-Za-z0-9+#]*(?:[./_-][A-Za-z0-9+#]+)*")

# A look-ahead in front of a pattern lists the first characters its matches can start
# with: the scan skips every other position (the matches are the same).
_PROHIBIT = re.compile(
    r"(?=[nmsdaribfpu❌🚫⛔;:tc])(?:\b((?<!to\s)(?:try|remember|be\s+careful|take\s+care|careful|make\s+sure)\s+(?:not|never)\s+to|never|must\s+not|mustn't|shall\s+not|should\s+not|shouldn't|do\s+not|don't|avoid|avoiding|refrain\s+from|"
    r"(?:is|are|be|been)\s+not(?:\s+(?:allowed|permitted|acceptable|ok|okay)\b)?|not\s+allowed|forbidden|prohibited|disallowed|banned|under\s+no\s+circumstances|no\s+longer(?!\s+than)|stop(?=\s+\w+ing\b))\b|^(?:no|not)\b|[❌🚫⛔]"
    r"|(?:^|[;:]\s*)(?:(?:it|this\s+agent|the\s+agent)\s+)?(does\s+not|doesn't)\b)"  # "…; does not run anything itself" (the agent)
)
_ASIDE_PAREN = re.compile(r"\([^)]*\)|（[^）]*）")
_REMARK = re.compile(r"\([^)]*\)|（[^）]*）|\"[^\"]*\"|“[^”]*”")
_REASON = re.compile(r"(?:,\s*|\s)(?:so\s+that|because|since)\b.*$|;\s*(?:they|it|this|these|those|that)\b.*$|(?:,\s*|\s)so\s+(?:the\s+|our\s+|your\s+)?\w+(?:\s+\w+)?\s+(?:can|could|will|may|might|is|are|stays?|gets?|does|do)\b[^;]*?(?=;|,\s*(?:and|but)\b|$)")
# A past participle: a regular one, or an irregular one of the lexicon's whose verb is an
# instruction verb ("reset", "rebuilt", "overwritten", "worn", "frozen").
PARTICIPLE = r"(?:[a-z]+(?:ed|en)|[a-z]*(?:" + "|".join(sorted(IRREGULAR_PARTICIPLES, key=lambda w: (-len(w), w))) + r"))(?![\w-])"
_DONE = r"(?:\w+ly\s+)?(" + PARTICIPLE + r")(?:\s+(off|on|out|up|down|away|back))?"  # a participle with its particle
_PASSIVE = re.compile(r"\s*(?:not\s+)?be\s+" + _DONE, re.IGNORECASE)
UNIVERSAL = "@any"  # the object of a prohibition of everything ("does not run anything")
_UNIVERSAL = re.compile(r"\s*(?:anything|everything|any\s+(?:of\s+)?(?:them|it|files?|code|changes?|commands?|tools?))\b", re.IGNORECASE)
_LEAVE_UNDONE = frozenset({"skip", "omit"})  # verbs that forbid what their object names
_DONE_WORD = re.compile(r"^[^,;:.()]*?\b([a-z]+)\b(?=\s*(?:$|[,;:.(]|\s(?:for|in|on|at|when|if|unless|before|after|during|with|because|since|so|and|but)\b))", re.IGNORECASE)  # the last word of the object
_SECOND_VERB = re.compile(r"\s*,?\s*(?:or|and|nor|/)\s+([a-z]+)\b(?=\s+(?:the|a|an|any|all|your|their|our|its|every|each|[a-z]+s)\b)", re.IGNORECASE)
_PURPOSE_END = re.compile(r"[;:.!?](?:\s|$)|,\s*(?:and|but|or)\b|\s[—–]\s")
_OPENING_VERB = re.compile(r"[\W\d]*([a-z]+)")
_OWN = re.compile(r"\b(?:your|their|its|his|her|our|my)\s+own\b", re.IGNORECASE)
_REFLEXIVE = frozenset(lemma(w) for w in "itself yourself yourselves themselves ourselves myself".split())
_CLAUSE_TAIL = re.compile(r"(?<=\w)[\s,]+(?:where|wherever|whereas|although|though|while|which|who)\b.*$")
_BARE_PASSIVE = re.compile(r"\s*" + _DONE, re.IGNORECASE)
_MODAL_END = re.compile(r"\b(?:must|should|shall|may|can|will|would|could)\s*$", re.IGNORECASE)
_SUBORDINATE = re.compile(r"(?=[hwt])(?:\b(?:how|whether|what|why)\b.*$|\bto\s+(?:" + "|".join(sorted(VERBS)) + r")\b.*$)")
_COPULA_END = re.compile(r"\b(?:is|are|be|been)\s+(?:\w+ly\s+)?$")
_SUBJECT_PRONOUN = re.compile(r"\s*(?:you|we|i|they|it|the agent|this agent)\b", re.IGNORECASE)
_FRONTED = re.compile(r"\s*(when(?:ever)?|if|once|after|before|unless|until|while|during|in|on|for)\b(?:[^,;:.!?]{3,120},\s+|[^,;:.!?]{3,120}?\s(?=(?:you|we)\s+(?:must|should|may|can|need|have|shall)\b))", re.IGNORECASE)  # (or without its comma, before "you may …")
_SUBORDINATORS = frozenset({"when", "whenever", "if", "once", "after", "before", "unless", "until", "while"})
_OPENS_RULE = re.compile(r"(?:you|we)\s+(?:must|should|may|can|need|have|shall)\b|(?:never|always|do\s+not|don't|avoid|only)\b", re.IGNORECASE)
_BOLD_LABEL = re.compile(r"\s*(?:\*\*|__)([^*_:`]{1,80}?):?(?:\*\*|__)\s*:?\s*\S")
_ENUMERATION = re.compile(r"^\s*[\w/+#.-]+(?:\s+[\w/+#.-]+){0,2}(?:\s*,\s*(?:(?:and|or)\s+)?[\w/+#.-]+(?:\s+[\w/+#.-]+){0,2}){2,}\W*$")
_QUESTION = re.compile(r"\?[*_]*\s*(?:\([^)]*\)\W*)?$")
_DOUBLE_NEGATIVE = re.compile(r"^\W*(?:not\s+\w+ing|missing|lack\s+of|lacking|absence\s+of)\s+", re.IGNORECASE)
_STEP_HEADING = re.compile(r"\s*(?:step\s+\d+|phase\s+\d+|\d+[.)])\s", re.IGNORECASE)


# A sentence that states how things are ("Rejected messages stay in the queue for 30 days",
# "Same-day replies close at 15:00"): a subject of up to four words, then a verb in the
# present that something follows. A verb of the list counts in its bare form only, and not
# after a preposition or "that": "Secrets in logs or reports", "Network calls during tests",
# "Changes that break the public API" and "Direct database writes" are noun phrases.
_STATE_VERBS = "is|are|stays?|remains?|lives?|goes|go|runs?|lasts?|expires?|gets?|has|have|uses?|takes?|comes?|sits?|belongs?|happens?|needs?|starts?|ends?|closes?|opens?"


@lru_cache(maxsize=1)
def _states() -> re.Pattern[str]:
    verbs = "|".join(sorted(VERBS))
    return re.compile(
        rf"^\W*(?:the\s+|a\s+|an\s+|all\s+|every\s+|each\s+)?(?:[A-Za-z][\w'’-]*\s+){{1,6}}?"
        rf"(?<!\bin\s)(?<!\bof\s)(?<!\bfor\s)(?<!\bto\s)(?<!\bon\s)(?<!\bat\s)(?<!\bfrom\s)(?<!\bwith\s)(?<!\bthat\s)(?<!\bwhich\s)(?<!\bwho\s)"
        rf"(?:{_STATE_VERBS}|{verbs})\s+\w",
        re.IGNORECASE,
    )


# A capitalised word and then a determiner: an imperative whatever the verb ("Grade each case …",
# "Re-test every fix …"), not a noun phrase ("Direct database writes", "Secrets in logs").
_NOT_VERBS = frozenset("nothing none nobody no except unless only all every each any some both either neither most many few".split())
_DETERMINER_ALT = "the|a|an|each|every|all|any|your|our|its|their|this|these|those"  # the words that mark an imperative's object (a pattern's alternation)
_IMPERATIVE_SHAPE = re.compile(r"^\W*[A-Z][a-z]+(?:-[a-z]+)?\s+(?:" + _DETERMINER_ALT + r")\s")


# A capitalised word that opens the clause and is followed by a determiner or a pronoun
# is an imperative whatever the verb ("Email the train operators the draft", "Draft the
# cure letters as new files"): not a word of the lists, an adverb, a preposition, a
# third-person verb ("Considers the …"), a gerund or a participle.
_RULE_CUE = re.compile(r"(?i)\b(?:not|never|no|don['’]t|do|always|must|should|shall|avoid|only)\b")


def _rule_lead(bold: str) -> bool:
    """ "**Do not use mocks.**", "**Use mocks.**" state a rule: no label."""
    first = bold.split(None, 1)[0].strip("*_").lower() if bold.strip() else ""
    return first in VERBS or _RULE_CUE.search(bold) is not None


_SHAPE_NEXT = re.compile(r"\s+(?:" + _DETERMINER_ALT + r"|it|them|him|her|us|me)\b")
_NOT_SHAPED = frozenset(
    "unlike like given beyond despite inside outside across behind toward towards around against among amongst beside besides "
    "near past till whatever whichever whenever wherever however therefore thus hence meanwhile otherwise instead "
    "here there today tomorrow yesterday now later soon sometimes often usually finally additionally "
    "throughout overall next maybe perhaps plus alongside beneath everywhere prior ever even again once twice".split()
)


def _shaped_verb(word: str, clause: str, end: int) -> bool:
    if not word[:1].isupper() or not word.isalpha() or not word[1:].islower():
        return False
    return _bare_word(word.lower()) and _SHAPE_NEXT.match(clause, end) is not None


# A negation that tells the agent not to act ("don't", "never", "must not"), not one that
# describes ("does not belong", "is not"), and a word after the verb: its object ("Never
# trust, always verify" names no object).
_TOLD_NOT = re.compile(r"(?:do\s+not|don['’]t|never|must\s+not|mustn['’]t|should\s+not|shouldn['’]t|shall\s+not)")
_OBJECT_NEXT = re.compile(r"\s+[\w`\"'“]")


# "let" and "allow", the doer, then the act: "let visitors touch …", "allow guests to feed …"
_LET_WORD = re.compile(r"\s+([A-Za-z]+(?:['’]s)?)")
_LET_DETERMINERS = frozenset("the a an any our your their other".split())


def _let_act(verb: str, body: str) -> tuple[str, int] | None:
    """The act after "let" or "allow" and a doer of one or two words, and where it ends."""
    words: list[tuple[str, int]] = []
    at = 0
    while len(words) < 5:
        m = _LET_WORD.match(body, at)
        if m is None:
            break
        words.append((m.group(1).lower(), m.end()))
        at = m.end()
    i = 1 if words and words[0][0] in _LET_DETERMINERS else 0
    for n in (1, 2):  # the doer's words
        if len(words) <= i + n or any(w in STOP or w in VERBS or w.endswith(("ing", "ed")) for w, _ in words[i : i + n]):
            return None  # (not "Don't let a failing test block the release")
        w, end = words[i + n]
        if verb == "allow":
            if w == "to" and len(words) > i + n + 1:
                return words[i + n + 1]
        elif "'" not in w and "’" not in w and (w in VERBS or _SHAPE_NEXT.match(body, end) is not None) and _bare_word(w):
            return w, end
    return None


def _gerund(word: str, clause: str, end: int) -> bool:
    """A capitalised gerund of a verb the lists lack, then an object: "Emailing drafts to …",
    "Texting a swimmer about …" (not "Nothing …", "Pending …", "Morning …")."""
    w = word.lower()
    if not word[:1].isupper() or not w.isalpha() or len(w) < 6 or not w.endswith("ing") or w in STOP or w in _NOT_GERUNDS:
        return False
    return _bare_word(lemma(w)) and _GERUND_NEXT.match(clause, end) is not None


_GERUND_NEXT = re.compile(r"\s+[a-z`]")
_NOT_GERUNDS = frozenset("nothing something anything everything thing morning evening during pending building ceiling string spring wedding heading setting".split())


def _bare_word(w: str) -> bool:
    """Could ``w`` (lower-cased) be a bare verb: not a function word, an adverb, a gerund,
    a participle or a third-person form ("Considers the whole design", "Tests all criteria")?"""
    if len(w) < 3 or not w.isalpha() or w in STOP or w in _NOT_VERBS or w in _NOT_SHAPED or w.endswith(("ly", "ing", "ed")):
        return False
    return not w.endswith("s") or w.endswith(("ss", "us"))


# "Only the CAM may change a life limit": a permission for someone else, no rule for the agent.
# Not "Only then may you …", "Only after tests pass can you …", "Only one migration may run",
# "Only approved libraries may be used".
_ONLY_OTHER = re.compile(
    r"\W*only\s+(?!you\b|we\b|i\b|the\s+agent\b|this\s+agent\b|then\b|after\b|when\b|if\b|once\b|one\b|\d)"
    r"(?:the\s+|an?\s+|our\s+|your\s+)?[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?\s+(?:may|can|is\s+allowed\s+to|are\s+allowed\s+to)\s+(?=[a-z])(?!be\b|you\b|we\b|run\b)"
)


def _alternation(phrases: object) -> re.Pattern[str]:
    """A case-insensitive whole-word pattern for a list of phrases (matching nothing when empty)."""
    items = sorted({str(p).lower() for p in phrases if str(p).strip()}, key=lambda p: (-len(p), p)) if isinstance(phrases, list) else []
    alt = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in items) or "(?!)"
    return re.compile(rf"(?<![\w'])(?:{alt})(?![\w'])", re.IGNORECASE)


@lru_cache(maxsize=1)
def polarity_cues() -> dict[str, re.Pattern[str]]:
    """The cue phrases of ``polarity_cues`` in the conflict vocabulary, as patterns:
    routing lead-ins and verbs, anti-pattern headings, explaining and remedy labels,
    and the words that name an absence."""
    from .vocab import _read_data

    data = _read_data().get("polarity_cues")
    data = data if isinstance(data, dict) else {}
    out = {k: _alternation(data.get(k)) for k in ("routing", "routing_verbs", "antipattern", "rule_headings", "explain_labels", "remedy_labels", "absence", "choice_headings")}
    leads = data.get("condition_leads")
    alt = "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in leads) if isinstance(leads, list) and leads else "(?!)"
    out["condition_leads"] = re.compile(rf"(?:^|\s)(?:{alt})$", re.IGNORECASE)  # "Stop and report if:"
    ex = data.get("example_headings")
    alt = "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in ex) if isinstance(ex, list) and ex else "(?!)"
    out["example_headings"] = re.compile(rf"^(?:{alt})\b", re.IGNORECASE)
    cjk = data.get("cjk_prohibit")
    out["cjk_prohibit"] = re.compile("|".join(re.escape(str(p)) for p in cjk) if isinstance(cjk, list) and cjk else "(?!)")
    return out


def _phrasal_verb(verb: str) -> str | None:
    """The instruction verb of a participle with its particle ("turned off" → "disable")."""
    phrasal = _phrasal_table()
    words = verb.split()
    base = IRREGULAR_VERB.get(words[0]) or VERB_KEYS.get(lemma(words[0]))
    if base is None:
        return None
    if len(words) > 1:
        return phrasal.get(f"{base} {words[1]}", base)
    return base


@lru_cache(maxsize=1)
def _phrasal_table() -> dict[str, str]:
    from .vocab import _read_data

    data = _read_data().get("polarity_cues")
    table = data.get("phrasal_verbs") if isinstance(data, dict) else None
    return {str(k).lower(): str(v).lower() for k, v in table.items()} if isinstance(table, dict) else {}


_REGULAR_PARTICIPLE = re.compile(r"[a-z]{3,}ed")

IRREGULAR_VERB = {"set": "set", "put": "put", "run": "run", "built": "build", "kept": "keep", "left": "leave", "made": "make", "sent": "send", "shown": "show", "written": "write", "done": "do"}

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_LATIN = re.compile(r"[A-Za-z]")
_NOT_JUST = re.compile(r"\bnot\s+(?:just|only|merely|simply|necessarily)\b")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


_NOT_IDIOM = re.compile(r".*" + _NOT_JUST.pattern)
_PURPOSE = re.compile(r"\b(?:to|in\s+order\s+to|so\s+as\s+to|that|which|and|or|will|helps?\s+to)\s+(?:avoid|prevent|stop)\b|\bto\s+avoid\b")
_REQUIRE = re.compile(
    r"(?=[msarenhpo✅✔✓])(?:(?<!-)\b(must|shall|always|required|requires?|mandatory|ensure|make\s+sure|needs?\s+to|have\s+to|has\s+to|should|prefer|only|at\s+least|at\s+most)\b(?!-)|[✅✔✓])"
)
EXAMPLE_MARKS = "✅❌✔✗✘🚫⛔\ufe0f"  # marks of a good or a bad example ("❌ "Please analyze the code …"")
PERMIT_WORDS = ("ok", "okay", "fine", "acceptable", "allowed", "permitted", "welcome")  # "X is fine", "Walk-ins are welcome"
PERMITTED = r"(?:is|are)\s+(?:" + "|".join(PERMIT_WORDS) + r")"
_PERMIT = re.compile(r"(?=[mcoafi])\b(may|can(?!'t|not)|optionally|optional|allowed\s+to|feel\s+free|" + PERMITTED + r")\b")
_STRENGTH = {
    "never": "never", "avoid": "avoid", "avoiding": "avoid", "stop": "must_not", "no": "no", "not": "no",
    "should not": "should_not", "shouldn't": "should_not", "must": "must", "shall": "must", "always": "always",
    "required": "must", "require": "must", "requires": "must", "mandatory": "must", "ensure": "must", "make sure": "must",
    "should": "should", "prefer": "prefer", "only": "only", "at least": "at_least", "at most": "at_most",
    "may": "may", "can": "may", "optionally": "may", "optional": "may",
}
_CLAUSE_END = re.compile(r"[;:!?()\[\]]|\.(?=\s|$)|\s[—–-]\s|,\s*(?:but|unless|except|so|because|since)\b")
_CONDITION = re.compile(
    r"\b(when(?:ever)?|if|unless|except|(?:before|after|until)(?!\s+(?:about\s+)?\d)|while|during|once(?!\s+(?:a|an|per|each|every)\s+(?:day|week|fortnight|month|quarter|year|hour|shift|season|term|session|night|morning|evening)\b)|only\s+(?:when|if|for|in)|in\s+production|in\s+development|in\s+tests?)\b"
)  # ("once a month" is how often, not when)
_PURPOSE_CUT = re.compile(r"\b(?:to|in\s+order\s+to|so\s+(?:as\s+)?to|so\s+that|because|since|as\s+it|which|that)\b")
_SPLIT = re.compile(r",|\bor\b|\band\b|\bnor\b")
_INCLUDED = re.compile(r",?\s*(?:\bincluding\s+([^,;.()]+)|([^,;.()]+?)\s+included\b)")  # what a prohibition names as included in it
_SCOPE = re.compile(r"\b(?:in|for|on|within|inside|across)\s+((?:\x00\d+\x00|[A-Za-z0-9][\w.+#-]*)(?:\s+(?:\x00\d+\x00|[A-Za-z0-9][\w.+#-]*)){0,2})")

_HTTP = re.compile(r"(?<![\w.$/-])([1-5]\d\d)(?![\w%.]|\s*(?:ms|s|seconds?|lines?|chars?|characters?|words?|tokens?|px|kb|mb|%|\+))")
_REASONS = re.compile(
    r"\b(?:bad request|unauthori[sz]ed|forbidden|not found|conflict|unprocessable(?: entity| content)?|too many requests|"
    r"internal server error|created|ok|no content|accepted|service unavailable|gateway timeout|method not allowed)\b"
)
# Comparatives that bound a number from below ("more than", "thicker than") and from above
# ("less than", "thinner than"); "no more than" and "no thinner than" flip them.
_MORE_THAN = ("more", "longer", "greater", "higher", "later", "warmer", "hotter", "heavier", "thicker", "deeper", "wider", "bigger", "larger", "taller", "faster", "older", "stronger")
_LESS_THAN = ("less", "shorter", "lower", "earlier", "colder", "cooler", "lighter", "thinner", "shallower", "narrower", "smaller", "slower", "younger", "cheaper", "fewer")
_CMP_WORDS = ("at", "minimum", "min", "maximum", "max", "over", "above", "beyond", "past", "below", "under", "up", "no", "not", "exceed", "exceeding", "within", "between", *_MORE_THAN, *_LESS_THAN)
_NUM = re.compile(
    # (The look-ahead, see _PROHIBIT: a match starts with a comparator, a space or its number;
    # a comparator word starts with one of the letters of _CMP_WORDS.)
    r"(?=[<>=≥≤~\s\d$£€]|\b[" + "".join(sorted({w[0] for w in _CMP_WORDS})) + r"])"
    r"(?P<cmp>>=|=>|≥|<=|=<|≤|>|<|~|\bat\s+least|\bat\s+most|\bminimum(?:\s+of)?|\bmin\.?|\bmaximum(?:\s+of)?|\bmax\.?|\bover|\babove|\bbeyond|(?<!\bthe\s)\bpast|\bbelow|\bunder|"
    r"\b(?:" + "|".join(_MORE_THAN) + r")\s+than|\b(?:" + "|".join(_LESS_THAN) + r")\s+than|\bup\s+to|\bno\s+(?:" + "|".join(_MORE_THAN + _LESS_THAN) + r")\s+than|\bnot\s+exceed(?:ing)?|\bexceed(?:ing)?|\bwithin|\b(?P<between>between))?\s*"
    r"[$£€]?(?P<neg>(?<![\w.-])-(?=\d))?(?P<a>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(?:-|–|to|(?(between)and|(?!)))\s*(?P<b>\d+(?:\.\d+)?))?\s*(?P<plus>\+)?\s*"
    r"(?P<unit>%|percent\b|°\s?[cf]\b|degrees?\s+(?:celsius|fahrenheit|c|f)\b|°|degrees?\b|-?(?:km/h|kph|mph|knots?|mm|cm|km|(?<=\s)m(?![\w/])|met(?:re|er)s?|kilomet(?:re|er)s?|millimet(?:re|er)s?|centimet(?:re|er)s?|ft|feet|foot|inch(?:es)?|miles?)\b|-?kg\b|kilos?\b|kilograms?\b|lbs?\b|-?tonnes?\b|stones?\b|-?litres?\b|-?liters?\b|ml\b|mg/l\b|ppm\b|dpi\b|ppi\b|-?spaces?\b|-?space\b|lines?\b|chars?\b|characters?\b|ms\b|milliseconds?\b|s\b|secs?\b|seconds?\b|"
    r"-?min(?:ute)?s?\b|-?hours?\b|h\b|retries\b|retry\b|attempts?\b|times\b|words?\b|tokens?\b|items?\b|levels?\b|params?\b|parameters?\b|"
    r"arguments?\b|files?\b|functions?\b|methods?\b|columns?\b|kb\b|mb\b|px\b|-?(?:business\s+|working\s+)?days?\b|\ue000|-?weeks?\b|-?months?\b|-?years?\b|rows?\b|records?\b|epochs?\b|cases?\b|requests?\b|results?\b|steps?\b|commits?\b)?(?P<plus2>\+|\s+or\s+(?:more|higher|above|greater))?"
)
_GREATER = frozenset((">", "over", "above", "beyond", "past", "exceed", "exceeding", *(f"{w} than" for w in _MORE_THAN)))
_LESS = frozenset(("<", "below", "under", *(f"{w} than" for w in _LESS_THAN)))
_NONE_OVER = re.compile(r"\b(?:nothing|none|no(?:\s+[a-z][a-z-]*){1,2}?)\s+$")  # "nothing over 30 tonnes": at most 30
_COUNTED = re.compile(r"\s*((?:[a-z][a-z-]+\s+)?)([a-z]{2,}[^siu\W]s)\b")  # a plural after a count
_NOT_COUNTED = frozenset({"others", "ones", "yours", "ours", "theirs", "hers", "its", "this", "has", "does", "was", "goes", "means", "needs", "gets", "makes", "takes", "uses", "always", "sometimes", "perhaps", "plus", "minus", "versus", "afterwards", "towards", "besides", "less", "unless", "across"})


def _counted(low: str, at: int) -> re.Match[str] | None:
    """The plural a count is of, read after the count ("four photos", "two emergency slots")."""
    c = _COUNTED.match(low, at)
    if c is None or c.group(2) in _NOT_COUNTED or c.group(1).rstrip() in STOP:
        return None
    return c


_GENERIC = "quantity:"  # role prefix of a number whose quantity the vocabulary does not know
_NP = "np:"  # role prefix of an unknown quantity named by the noun phrase the number attaches to
_SET_TO = re.compile(r"(?:\b(?:is|are|of|to|at)|[=|:])\s*$")
_AT_NP = re.compile(r"\b(?:at|with|use|using)\s+(?:an?\s+|the\s+)?[a-z][a-z_-]*\s+$")
_VERSION = re.compile(r"\b[A-Za-z]*[A-Z][A-Za-z]*[\s-]?v?$")
_POSTFIX = re.compile(
    r"\s*(?:[a-z]{1,4}\s+)?(?:(at\s+most|max(?:imum)?\b|or\s+(?:less|fewer|below|under|lower|shorter|younger)\b|and\s+(?:under|younger)\b(?!\s+(?:the|a|an|\d)))"
    r"|at\s+least|or\s+(?:better|more|higher|above|greater|longer|older|over)\b|and\s+(?:over|above|older|up(?:wards)?)\b(?!\s+(?:the|a|an|to|\d))|min(?:imum)?\b)"
)  # ("1,250 changes or more", "20 words at most", "16 or older", "aged 14 and over")
_AGE = re.compile(r"\s*(?:or|and)\s+(?:older|younger)\b")  # after a number without a unit: an age, in years
_AGED = re.compile(r"\baged\s*$")
# People a bare number under or over is an age of ("Children under 16 travel with an adult").
_PEOPLE = frozenset(lemma(w) for w in (
    "child children kid kids minor minors guest guests volunteer volunteers rider riders player players pupil pupils student students "
    "visitor visitors climber climbers learner learners customer customers patient patients donor donors applicant applicants passenger "
    "passengers participant participants camper campers swimmer swimmers trainee trainees junior juniors teen teens teenager teenagers "
    "youngster youngsters boy boys girl girls person people anyone nobody"
).split())
_CAP_AT = re.compile(r"\b(?:cap|caps|capped|limit|limits|limited)\b[^.,;:!?]{0,40}?\b(?:at|to)\s*$")
_RANGE_TAIL = re.compile(r"[,.]\d|\d")
_CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?![\d:])(?:\s*(?P<half>[ap])(?:\.m\.|m\b))?|(?P<h12>1[0-2]|0?[1-9])\s*(?P<half12>[ap])(?:\.m\.|m\b)")  # a time of day ("06:00", "7:30", "3:00 pm", "7 am")
_UNITS = {
    "%": "%", "percent": "%", "space": "space", "spaces": "space", "line": "line", "lines": "line", "char": "char", "chars": "char",
    "character": "char", "characters": "char", "ms": "ms", "millisecond": "ms", "milliseconds": "ms", "s": "s", "sec": "s",
    "secs": "s", "second": "s", "seconds": "s", "min": "min", "mins": "min", "minute": "min", "minutes": "min", "hour": "h",
    "hours": "h", "h": "h", "retries": "count", "retry": "count", "attempt": "count", "attempts": "count", "times": "count",
    "word": "word", "words": "word", "token": "token", "tokens": "token", "item": "count", "items": "count",
    "level": "level", "levels": "level", "param": "param", "params": "param", "parameter": "param", "parameters": "param",
    "argument": "param", "arguments": "param", "file": "file", "files": "file", "function": "function", "functions": "function",
    "method": "function", "methods": "function", "column": "char", "columns": "char", "kb": "kb", "mb": "mb", "px": "px",
    "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month", "months": "month", "year": "year", "years": "year",
    "row": "row", "rows": "row", "record": "row", "records": "row", "epoch": "epoch", "epochs": "epoch", "case": "case", "cases": "case",
    "request": "request", "requests": "request", "result": "result", "results": "result", "step": "step", "steps": "step",
    "commit": "commit", "commits": "commit", "\ue000": "count", "$": "$", "£": "£", "€": "€",
    # Physical quantities: a temperature, a weight, a volume, a concentration ("below 12°C",
    # "heavier than 66 lb", "1.5 mg/L"); the engine converts °F, lb, tonnes and ml to one unit each.
    "°c": "°C", "c": "°C", "celsius": "°C", "°f": "°F", "f": "°F", "fahrenheit": "°F", "kg": "kg", "kilo": "kg", "kilos": "kg",
    "kilogram": "kg", "kilograms": "kg", "lb": "lb", "lbs": "lb", "tonne": "t", "tonnes": "t", "stone": "st", "stones": "st", "ml": "ml", "litre": "l",
    "litres": "l", "liter": "l", "liters": "l", "mg/l": "mg/l", "ppm": "mg/l",
    # A length, a speed, an angle ("gaps over 3 mm", "above 30 mph", "30° altitude").
    "mm": "mm", "millimetre": "mm", "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "cm": "cm", "centimetre": "cm",
    "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "ft": "ft", "feet": "ft", "foot": "ft",
    "inch": "in", "inches": "in", "mile": "mi", "miles": "mi", "km/h": "km/h", "kph": "km/h", "mph": "mph", "knot": "kn", "knots": "kn",
    "°": "°", "degree": "°", "degrees": "°",
    # A resolution ("at least 600 dpi"): dots and pixels per inch are one measure of a scan or print.
    "dpi": "dpi", "ppi": "dpi",
}
PHYSICAL_UNITS = frozenset({"°C", "°F", "kg", "lb", "st", "t", "ml", "l", "mg/l", "mm", "cm", "m", "km", "ft", "in", "mi", "km/h", "mph", "kn", "°"})  # (the canonical units of the physical quantities above)
_TEMPERATURES = frozenset({"°C", "°F"})


def _norm_text(text: str) -> tuple[str, list[str]]:
    """Markdown markers removed; code spans replaced by placeholders (their text kept aside)."""
    codes: list[str] = []

    def keep(m: re.Match[str]) -> str:
        codes.append(m.group(1).strip())
        return f"\x00{len(codes) - 1}\x00"

    s = text.replace("\x00", "") if "\x00" in text else text  # NUL marks the placeholders
    # Each pattern runs only on a text that holds what it needs (a backtick, "](", a marker).
    if "`" in s:
        s = _CODE.sub(keep, s)
    if "](" in s:
        s = _LINK.sub(r"\1", s)
    if "*" in s or "_" in s:
        s = _EMPH.sub("", s)
    s = s.replace("’", "'").replace("‘", "'")
    return s, codes


_ENTITY = re.compile(r"[./_0-9]")
_DIGIT = re.compile(r"[0-9]")


@lru_cache(maxsize=1 << 16)
def word_key(w: str) -> str:
    """The match key of one written word (lower-cased): a lemma, or the stem of a file name."""
    if _ENTITY.search(w):
        stem = w.rsplit(".", 1)[0] if "." in w and not w.startswith(".") else ""
        return lemma(stem) if stem.isalpha() else w
    return lemma(w)


def _tokens(s: str, codes: list[str]) -> list[str]:
    """Match keys of ``s``: lemmas of words, code spans and file names kept exact (lower-cased)."""
    out: list[str] = []
    for m in _TOKEN.finditer(s):
        _token_keys(m, codes, out)
    return out


def _token_keys(m: re.Match[str], codes: list[str], out: list[str]) -> None:
    """Add the match keys of one token (a match of ``_TOKEN``) to ``out``."""
    if m.group(1) is not None:
        code = codes[int(m.group(1))].lower()
        if code:  # an empty code span (`` ` ` ``) names nothing
            out.append(lemma(code) if code.isalpha() else code)  # `style` and "styles" are one thing
        return
    w = m.group().lower()
    if not w.isalpha() and _ENTITY.search(w):
        stem = w.rsplit(".", 1)[0] if "." in w and not w.startswith(".") else ""
        if stem.isalpha():
            out.append(lemma(stem))  # README.md and README are one thing
        else:
            out.append(w)
            if "/" in w:
                out.extend(lemma(p) for p in w.split("/") if p.isalpha() and p not in STOP)
        return
    if w not in STOP:
        out.append(lemma(w))


def _content(s: str, codes: list[str], vocab: Vocab) -> list[str]:
    toks = []
    syn = vocab.syn_keys or {}
    for t in _tokens(s, codes):
        toks.append(syn.get(t, t))
    return toks


def _groups(s: str, codes: list[str], vocab: Vocab, split: bool = True, absent: re.Pattern[str] | None = None) -> tuple[tuple[str, ...], ...]:
    """The alternatives a prohibition names ("passwords or tokens" → (password,), (token,)).
    With ``absent``, an alternative that names an absence ("…, no reusable patterns") is left
    out: a prohibition of an absence asks for the thing."""
    out = []
    for part in _SPLIT.split(s) if split else [s]:
        if absent is not None and absent.match(part.strip(" *_")):
            continue
        toks = _content(part, codes, vocab)
        specific = [t for t in toks if t not in GENERIC_KEYS]
        # Generic words ("files") stay as soft tokens ("~fil"): a hypernym must then name them too.
        toks = [t if t not in GENERIC_KEYS else "~" + t for t in toks] if specific else toks
        if toks:
            out.append(tuple(dict.fromkeys(toks)))
    return tuple(out)


_NP_END = frozenset(
    "in on at to for with from into onto by of and or nor but that which who whose when where if unless as than before after until "
    "under over across via per without within through between during against about like so because since while".split()
)


def _noun_phrase(s: str, codes: list[str], vocab: Vocab) -> tuple[str, ...]:
    """Match keys of the first noun phrase of ``s``, its head last: the words up to the
    first preposition, conjunction or punctuation ("a failed model call to …" → fail, model, call)."""
    out: list[str] = []
    keys: list[str] = []
    syn = vocab.syn_keys or {}
    pos = 0
    for m in _TOKEN.finditer(s):
        if out and _NP_BREAK.search(s, pos, m.start()):
            break
        pos = m.end()
        w = m.group().lower()
        if m.group(1) is None and w in _NP_END:
            if out:
                break
            continue
        keys.clear()
        _token_keys(m, codes, keys)  # what _content() reads in the token alone
        out.extend(syn.get(t, t) for t in keys)
    return tuple(dict.fromkeys(out))


_NP_BREAK = re.compile(r"[,;:()\[\]!?]|\.\s")
# "No food or drink in the rooms": the alternatives of the thing, each with the place after it.
_NO_ALTERNATIVES = re.compile(r"^\W*(?:no\s+)?(?P<np>[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?(?:\s+(?:or|and|nor)\s+[a-z][\w'’-]*(?:\s+[a-z][\w'’-]*){0,3}?)+)(?P<rest>(?:\s+(?:in|on|at|near|inside|within|from|during|after|before)\b[^.;:!?]*)?)\s*(?:[.;:!?]|$)", re.IGNORECASE)


def _no_alternatives(body: str, codes: list[str], vocab: Vocab) -> tuple[tuple[str, ...], ...]:
    """The alternatives of a "No X or Y <place>" ban, each with the place's words (none
    without a place)."""
    m = _NO_ALTERNATIVES.match(body)
    if m is None:
        return ()
    rest = m.group("rest")
    if not rest:
        return ()  # (without a place, "No exposed secrets or API keys" is one thing to check)
    parts = [part.strip() for part in _SPLIT.split(m.group("np"))]
    if any(p.split()[0].lower() in _NP_END for p in parts):
        return ()
    return tuple(g for p in parts for g in _groups(p + rest, codes, vocab, split=False))


@lru_cache(maxsize=1 << 14)
def _heading_key(text: str) -> str:
    s = _EMPH.sub("", text.lower()).replace("’", "'")
    return _HEADING_EDGES.sub("", s).strip()


_HEADING_EDGES = re.compile(r"^[\W\d_]+|[\s:.!]+$")


def _rules_or(pol: str | None, title: str, cues: dict[str, re.Pattern[str]]) -> str | None:
    """``pol``, or "constraint" for a prohibiting title that heads rules of their own (*Constraints*)."""
    return "constraint" if pol == "prohibit" and cues["rule_headings"].search(title) else pol


@lru_cache(maxsize=4096)
def section_polarity(section: tuple[str, ...], lead: str = "", table: bool = False) -> str | None:
    """The polarity a heading path or a lead-in ("Never:", "Your deliverables include:")
    gives the items under it: "require", "prohibit", "permit", "antipattern" (a list of
    bad things whose imperatives are remedies), "constraint" (*Constraints*, *Restrictions*:
    a list of rules, whose imperatives keep their own reading), or no rule at all: "routing" (when to
    hand work to another agent), "condition" ("Stop and report if:") or "example". A
    numbered step heading makes its items steps ("step"), but not the rows of a table
    under it (``table``)."""
    vocab = load_vocab()
    cues = polarity_cues()
    if lead:
        raw = lead.strip()
        if not (raw.rstrip("*_ ").endswith(":") or len(raw.split()) <= 4):
            return None
        last = re.split(r"(?<=[.!?])\s+", _norm_text(raw)[0].strip())[-1]
        if cues["routing"].search(_heading_key(last)):
            return "routing"
        if cues["condition_leads"].search(_heading_key(last)):
            return "condition"  # "Stop and report if:": the items are conditions, not rules
        pol = _phrase_polarity(last, vocab, lead=True)
        m = _PLAIN_LABEL.match(last)
        if pol is None and m is not None:
            pol = _phrase_polarity(m.group(2), vocab, lead=True)  # "**Implementation**: Produce code with:"
        return _rules_or(pol, last, cues)
    readings = [_title_polarity(title) for title in section]
    if any(example for example, _ in readings):
        return "example"
    for _, pol in reversed(readings):
        if pol is not None:
            return pol
    if section and _STEP_HEADING.match(section[-1]) and not table:
        return "step"  # a step's imperatives are rules, its noun phrases are not
    return None


@lru_cache(maxsize=1 << 14)
def _title_polarity(title: str) -> tuple[bool, str | None]:
    """What one heading of a path says (:func:`section_polarity` reads each heading once):
    whether it heads an example, and the polarity it gives the items under it, if any."""
    vocab = load_vocab()
    cues = polarity_cues()
    pol = _phrase_polarity(title, vocab)
    example = pol is None and cues["example_headings"].match(_heading_key(title)) is not None
    if cues["routing"].search(_heading_key(title)):
        return example, "routing"  # "When not to use this agent": whom to hand work to, not how to work
    if pol is not None:
        if pol == "prohibit" and cues["antipattern"].search(title):
            return example, "antipattern"
        return example, _rules_or(pol, title, cues)
    return example, None  # ("## Example": an illustration of the agent at work, not rules)


_HEADING_RES: dict[int, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


def _heading_res(vocab: Vocab) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns matching a heading equal to, starting with or ending with a polarity phrase."""
    got = _HEADING_RES.get(id(vocab))
    if got is None:
        def pat(phrases: tuple[str, ...]) -> re.Pattern[str]:
            exact = [p for p in phrases if p in vocab.exact_headings]
            loose = [p for p in phrases if p not in vocab.exact_headings]
            alt = "|".join(re.escape(p) for p in sorted(loose, key=lambda p: (-len(p), p))) or "(?!)"
            only = "|".join(re.escape(p) for p in sorted(exact, key=lambda p: (-len(p), p))) or "(?!)"
            return re.compile(rf"(?:^|\s)(?:{alt})(?:\s|$)|^(?:{only})$")

        got = _HEADING_RES[id(vocab)] = (pat(vocab.prohibit_headings), pat(vocab.require_headings), pat(vocab.permit_headings))
    return got


@lru_cache(maxsize=1 << 14)
def _phrase_polarity(raw: str, vocab: Vocab, lead: bool = False) -> str | None:
    if any(e in raw for e in ("❌", "🚫", "⛔")):
        return "prohibit"
    if any(e in raw for e in ("✅", "✔", "✓")):
        return "require"
    key = _heading_key(raw)
    words = key.split()
    if not words:
        return None
    prohibit_re, require_re, permit_re = _heading_res(vocab)
    if prohibit_re.search(key):
        return "prohibit"
    if require_re.search(key):
        return "require"
    if permit_re.search(key):
        return "permit"
    if lead:
        s, _ = _norm_text(raw)
        first = s.strip().lower()
        if _PROHIBIT.match(first) and not _NOT_IDIOM.match(first):
            return "prohibit"
        for w in words:
            if w in vocab.require_headings or w.rstrip("s") in vocab.require_headings:
                return "require"
        verb = first.split(" ", 1)[0] if first else ""
        if VERB_KEYS.get(lemma(verb)) or _REQUIRE.match(first):
            return "require"
    return None


def _values(s: str, low: str, codes: list[str], vocab: Vocab) -> tuple[Value, ...]:
    out: list[Value] = []
    # HTTP status codes, each tied to the role named next to it.
    if _DIGIT.search(s) and _HTTP.search(s):
        hits = list(_HTTP.finditer(s))  # every number bounds the text that names the role of the one before
        ok = [_is_status(s, low, h) for h in hits]
        if sum(ok) == 1 or "status" in low or "http" in low:
            for i, m in enumerate(hits):
                if not ok[i]:
                    continue
                code = m.group(1)
                a = m.end()
                b = hits[i + 1].start() if i + 1 < len(hits) else len(s)
                seg = s[a:b]
                if len(hits) == 1:
                    seg = s[: m.start()] + " " + seg
                seg = _REASONS.sub(" ", seg.lower())
                role = _status_role(seg, vocab)
                if role is None and len(hits) > 1 and i > 0:
                    continue
                if role is not None:
                    out.append(Value("status", role, m.group(0), code))
    # Numbers with comparator and unit, tied to a quantity role.
    num = _numerals(low, vocab)  # number words as digits, at the same offsets
    if _DIGIT.search(num):
        for m in _numbers(num):
            unit_raw = (m.group("unit") or "").strip().lstrip("-")
            if " " in unit_raw:
                unit_raw = unit_raw.rsplit(None, 1)[1]  # "business days"
            before = low[m.start("a") - 1] if m.start("a") > 0 else ""
            money = before in ("£", "€") or before == "$" and (len(m.group("a")) > 1 or "." in m.group("a"))  # ("$1" is a reference, "$250" an amount)
            if money and not unit_raw:
                unit_raw = before
            if not unit_raw and not money and m.group("b") is None and (_AGE.match(low, m.end()) or _AGED.search(low, max(0, m.start("a") - 8), m.start("a"))):
                unit_raw = "years"  # "16 or older", "aged 14 and over": an age
            counted = None if unit_raw or money else _counted(low, m.end())
            if counted is not None:
                unit_raw = counted.group(2)  # "at least four photos", "two emergency slots": a count of photos, of slots
            below_zero = m.group("neg") is not None  # "-18°C": a temperature only ("-5 lines" is no quantity)
            if below_zero and _UNITS.get(unit_raw) not in _TEMPERATURES:
                continue
            clock = _CLOCK.match(low, m.start("a")) if m.group("b") is None and not unit_raw else None  # "at 06:00", "by 7 am": a time of day
            if _RANGE_TAIL.match(low, m.end()) or (before and before in "-/.#$" and not money and not below_zero) or before.isalpha():
                continue  # "2,000" split at its comma, "v2.0", "#42", "ES6+", "h264": not a quantity
            if not unit_raw and clock is None and not m.group("cmp") and not _SET_TO.search(low, 0, m.start("a")) and not _AT_NP.search(low, 0, m.start("a")):
                continue
            np = _attached(low, m)
            if not unit_raw and clock is None and np is not None and np[0] in _PEOPLE and m.group("cmp") and m.group("cmp").split()[0] in ("under", "over", "below", "above", "younger", "older"):
                unit_raw = "years"  # "Children under 16", "Volunteers under 18": an age
            unit = "clock" if clock is not None else None if not unit_raw else _UNITS.get(unit_raw) if counted is None else f"#{lemma(unit_raw)}"  # ("#photo": a count of photos)
            if not unit_raw and np is None and clock is None:
                continue  # "≥ 5" with no unit and no noun before it: what is counted is not said
            if (not unit_raw or counted is not None and low[m.start("a")].isdigit()) and _VERSION.search(s, 0, m.start("a")):
                continue  # "iOS 17", "Python 3.12": a version, not a quantity
            # A bare number is about the noun phrase it follows, not any word of the sentence.
            role = _quantity_role(low if unit_raw else np[2] if np else "", unit, vocab)
            qualifiers: tuple[str, ...] = ()
            if role is None:
                if np is not None:
                    role, qualifiers = f"{_NP}{np[0]}", np[1]
                else:
                    # No known quantity: the engine pairs it only with rules that share its words.
                    role = f"{_GENERIC}{unit or 'n'}"
            a = float(m.group("a").replace(",", "")) * (-1 if below_zero else 1) if clock is None else _minutes(clock)
            b = float(m.group("b")) if m.group("b") else None
            cmp_ = re.sub(r"\s+", " ", (m.group("cmp") or "").strip().rstrip(".")).lower()
            if cmp_.startswith("no ") and cmp_.endswith(" than"):
                cmp_ = "no more than" if cmp_.split()[1] in _MORE_THAN else "no less than"  # ("no later than day 5")
            if clock is not None and not cmp_:
                when = _CLOCK_CMP.search(low, max(0, m.start("a") - 12), m.start("a"))
                cmp_ = _CLOCK_CMPS[when.group(1)] if when is not None else ""  # "by 7 am": no later than 7:00
            else:
                when = None
            capped = not cmp_ and _CAP_AT.search(low, max(0, m.start() - 60), m.start()) is not None
            if capped:
                cmp_ = "at most"  # "Cap each wave at 40 orders", "limit uploads to 10 MB"
            none = _NONE_OVER.search(low, max(0, m.start() - 40), m.start()) if cmp_ in _GREATER else None
            if none is not None:
                cmp_ = "at most"  # "Lift nothing over 30 tonnes", "no boat longer than 12 m"
            lo, hi, lo_inc, hi_inc = a, a, True, True
            if b is not None:
                lo, hi = min(a, b), max(a, b)
            elif m.group("plus") or m.group("plus2"):
                hi = None
            elif cmp_:
                if cmp_ in _GREATER:
                    hi, lo_inc = None, False
                elif cmp_ in ("≥", ">=", "=>", "at least", "minimum", "minimum of", "min", "no less than"):
                    hi = None
                elif cmp_ in _LESS:
                    lo, hi_inc = None, False
                elif cmp_ in ("≤", "<=", "=<", "at most", "maximum", "maximum of", "max", "up to", "no more than", "not exceed", "not exceeding", "within"):
                    lo = None
            text = low[m.start() : counted.end() if counted is not None else clock.end() if clock is not None else m.end()].strip()  # (as written: "four photos", not "4")
            if "°" in text:
                text = text.replace("°c", "°C").replace("°f", "°F")
            if when is not None:
                text = f"{when.group(1)} {text}"
            if capped:
                text = f"at most {text}"
            elif none is not None:
                text = f"{low[none.start() : m.start()]}{text}"
            if np is not None and not cmp_ and b is None and lo is not None and lo == hi:
                bound = set(np[2].split())
                if bound & {"minimum", "min"}:
                    hi, text = None, f"at least {text}"  # "a minimum length of 8 characters"
                elif bound & {"maximum", "max"}:
                    lo, text = None, f"at most {text}"  # "the maximum page size is 100"
            post = _POSTFIX.match(low, counted.end() if counted is not None else m.end())  # ("1,250 changes or more")
            if post is not None and b is None and lo is not None and hi is not None:
                text = f"{text} {post.group().strip()}"
                if post.group(1):
                    lo = None  # "20 words at most"
                else:
                    hi = None  # "8 characters minimum"
            # The number follows the name of its quantity ("| Coverage gate | 85% |", "page size is 50").
            attached = role.startswith(_NP) or (np is not None and (not unit_raw or _quantity_role(np[2], unit, vocab) == role))
            out.append(Value("quantity", role, text, None, lo, hi, lo_inc, hi_inc, unit or vocab.quantities.get(role, {}).get("unit"), qualifiers, attached))
    # Members of enumeration families.
    return tuple(out)


_ANY_DIGIT = re.compile(r"\d")
_LONG_SPACE = re.compile(r"\s{3}")


_CLOCK_CMP = re.compile(r"\b(by|before|after|until|till|from)\s+$")
_CLOCK_CMPS = {"by": "at most", "before": "<", "until": "at most", "till": "at most", "after": ">", "from": "at least"}


def _minutes(clock: re.Match[str]) -> int:
    """A time of day (:data:`_CLOCK`) in minutes after midnight ("3:00 pm": 900)."""
    h, m, half = int(clock["h"] or clock["h12"]), int(clock["m"] or 0), clock["half"] or clock["half12"]  # ("7 am": no minutes)
    if half is not None and h <= 12:
        h = h % 12 + (12 if half == "p" else 0)
    return h * 60 + m


def _numbers(low: str):
    """``_NUM.finditer(low)``, without trying the pattern at every position: a match
    starts with its comparator and spaces (at most 32 characters when no run of spaces
    is longer than two) right before the first digit after its start."""
    if _LONG_SPACE.search(low):
        yield from _NUM.finditer(low)
        return
    pos = 0
    while True:
        d = _ANY_DIGIT.search(low, pos)
        if d is None:
            return
        m = _NUM.search(low, max(pos, d.start() - 32))
        if m is None:
            return
        yield m
        pos = m.end()


# A status code is a three-digit number said to be returned or answered, or written
# with its reason phrase ("201 Created"); "300-500 tokens" and "500 records" are not.
_STATUS_CONTEXT = re.compile(r"\b(?:https?|status|statuses|return|returns|returned|returning|respond|responds|response|responses|reply|replies|answer|answers|code|codes|fail|fails|error|errors)\b|\b[1-5]xx\b")
_STATUS_NEXT = re.compile(r"\s*(?:$|[.,;:()\]/]|\s(?:for|when|if|on|with|to|and|or|unless|status|response|error|errors|code|instead|rather|in|after|is|are)\b)")


def _is_status(s: str, low: str, h: re.Match[str]) -> bool:
    a, b = h.start(1), h.end(1)
    if a > 0 and s[a - 1] in "-–~" or low[b : b + 1] in "-–" or re.match(r"\s*(?:-|–|to)\s*\d", low[b:]):
        return False  # a range of numbers
    if _REASONS.match(low, b + 1) or _REASONS.match(low, b + 2):
        return True  # "201 Created", "404 (Not Found)"
    if not low[:a].strip(" *_-`") and re.match(r"\s+(?:when|if|for|on)\b", low[b:]):
        return True  # "404 when the resource does not exist" opening a rule
    return bool(_STATUS_NEXT.match(low, b)) and bool(_STATUS_CONTEXT.search(low))


_NP_SKIP = frozenset("is are was were be been being of to at by after for in within past around about approximately exactly roughly from than more less up no least most set aged : = | ~".split())
_DETERMINERS = frozenset("a an the each every this that these those its their our your his her any some".split())
_DIMENSIONS = frozenset(lemma(w) for w in "length size count number limit total amount budget duration width depth maximum minimum max min".split())
_AUX = frozenset("is are was were be been being may must should can will shall cannot might could would do does".split())
_NP_WORD = re.compile(r"[a-z][a-z0-9_-]*|[|:=~]|[\d,;()\[\].!?\x00]+")
_PER = re.compile(r"\s*(?:(?:per|each|a|an|every)\s+([a-z][a-z-]*)|in\s+(?:a|an|one)\s+(?:single\s+)?(hour|day|week|month|year|shift|night|fortnight|quarter)\b)")  # "per batch"; "in a day" (a period)


def _attached(low: str, m: re.Match[str]) -> tuple[str, tuple[str, ...], str] | None:
    """The noun phrase a number is about, as (head, qualifiers, phrase): "the default page size
    is 50" → ("siz", ("default", "pag"), "default page size"); "50,000 rows per batch" → ("batch", ());
    "backups are kept for 30 days" → ("backup", ()); "60 km in a day" → ("day", ())."""
    words = _NP_WORD.findall(low[max(0, m.start() - 80) : m.start()])
    i = len(words) - 1
    seen_aux = False
    while i >= 0:
        w = words[i]
        if not w[0].isalpha() and w not in _NP_SKIP:
            i = -1  # punctuation or another number: the phrase ends here
            break
        if w in _NP_SKIP or w in STOP:
            seen_aux = seen_aux or w in _AUX
            i -= 1
            continue
        before = words[i - 1] if i > 0 else ""
        if not seen_aux and before not in _DETERMINERS and (before in _AUX or (VERB_KEYS.get(lemma(w)) and (before in STOP or not before[:1].isalpha()))):
            i -= 1  # the verb: "are kept", "may hold", "to split"; not "a model call", "pull request"
            continue
        break
    np: list[str] = []
    while i >= 0 and len(np) < 3:
        w = words[i]
        before = words[i - 1] if i > 0 else ""
        if not w[0].isalpha() or w in _NP_SKIP or w in STOP:
            break
        if np and VERB_KEYS.get(lemma(w)) and (not before or before in STOP or before in _NP_SKIP) and before not in _DETERMINERS:
            break  # "Flag cyclomatic complexity", "to split a pull request"; not "human override rate"
        np.append(w)
        i -= 1
    phrase = " ".join(reversed(np))
    if len(np) > 1 and lemma(np[0]) in _DIMENSIONS:
        np = np[1:]  # "sentence length", "page size": the thing measured is the head
    per = _PER.match(low, m.end())
    if per is not None and (per.group(2) or per.group(1) not in STOP):
        each = per.group(1) or per.group(2)
        return lemma(each), tuple(sorted(lemma(w) for w in np)), phrase + " per " + each
    if not np:
        return None
    return lemma(np[0]), tuple(sorted(lemma(w) for w in np[1:])), phrase


_NUMBER_RES: dict[tuple[int, bool], re.Pattern[str]] = {}
_TIMES = "\ue000"  # stands for "times" after a multiplicative ("twice" → 2 times)
_NUMBER_UNIT = re.compile(r"\s+(?:[a-z]+\s+)?(?:%|" + "|".join(sorted((re.escape(u) for u in _UNITS if u.isalpha() and len(u) >= 3 or u == "ms"), key=lambda u: (-len(u), u))) + r")\b")  # a unit written as a word, after a number word ("three retries", "seventeen stone")
_NUMBER_CMP = re.compile(r"(?:\bat\s+least|\bat\s+most|\bminimum\s+of|\bmaximum\s+of|\bup\s+to|\b(?:no\s+)?(?:" + "|".join(_MORE_THAN + _LESS_THAN) + r")\s+than)\s+$")


def _number_words(vocab: Vocab, lower: bool = False) -> re.Pattern[str]:
    """The number words of the vocabulary as a case-insensitive pattern; ``lower``: as a
    case-sensitive one for lower-cased ASCII text (the same matches there, found faster)."""
    got = _NUMBER_RES.get((id(vocab), lower))
    if got is None:
        words = sorted({*(vocab.cardinals or {}), *(vocab.multiplicatives or {})}, key=lambda w: (-len(w), w))
        if lower:
            words = sorted({w.lower() for w in words}, key=lambda w: (-len(w), w))
        first = "".join(sorted({re.escape(w[0]) for w in words}))  # (the look-ahead skips positions no number word starts at)
        if lower and words:  # (only whether one is there: the words as a tree of their prefixes, each prefix tried once)
            got = _NUMBER_RES[(id(vocab), lower)] = re.compile(r"(?<![\w-])" + _prefix_tree(words) + r"(?![\w-])")
            return got
        got = _NUMBER_RES[(id(vocab), lower)] = re.compile(r"(?=[" + first + r"])(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", 0 if lower else re.IGNORECASE) if words else re.compile(r"(?!)")
    return got


def _prefix_tree(words: list[str]) -> str:
    """An alternation of ``words`` with their shared prefixes written once ("t(?:en|wo)"): it matches the same strings."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def alt(node: dict) -> str:
        parts = [re.escape(ch) + alt(sub) for ch, sub in sorted(node.items()) if ch]
        if not parts:
            return ""
        if "" not in node and len(parts) == 1:
            return parts[0]
        body = "(?:" + "|".join(parts) + ")"
        return body + "?" if "" in node else body

    return alt(tree)


def _names_number_word(text: str, vocab: Vocab, periods: bool = True) -> bool:
    """Does ``text`` hold a number word (:func:`_number_words`), or (``periods``) "a",
    "an" or "every" counting one period (:func:`_one_period`)?"""
    if text.isascii():
        low = text.lower()
        return _number_words(vocab, lower=True).search(low) is not None or periods and _one_period(low)
    return _number_words(vocab).search(text) is not None or periods and _one_period(text.lower())


def _numerals(low: str, vocab: Vocab) -> str:
    """``low`` with number words written as digits, padded to keep every offset: "retry
    three times" → "retry 3     times", "retry twice" → "retry 2" + a "times" mark. A
    cardinal counts before a unit ("three retries", "one business day") or after a
    comparator ("at least two approvals"); a multiplicative always."""
    if _may_count_period(low):
        low = _ONE_PERIOD.sub(_one, low)  # "within a week", "a full year ahead": one week, one year (one scan: no search first)
    if not _names_number_word(low, vocab, False):
        return low
    pattern = _number_words(vocab)
    cardinals, times = vocab.cardinals or {}, vocab.multiplicatives or {}
    if "hundred" in low or "thousand" in low:
        low = _scaled(vocab).sub(lambda m: _pad(str(int(cardinals[m.group(1)] * (100 if m.group(2) == "hundred" else 1000))), m.group()), low)  # "twelve hundred": 1200

    def digits(m: re.Match[str]) -> str:
        w = m.group()
        if w == "once" and _ONCE_WHEN.match(low, m.end()):
            return w  # "once the glory holes are down", "once a party is overdue", "Once approved,": when, not how often
        if w in times:
            out = f"{int(times[w])}".ljust(len(w) - 1) + _TIMES
        elif _NUMBER_UNIT.match(low, m.end()) or _counted(low, m.end()) or _NUMBER_CMP.search(low, max(0, m.start() - 40), m.start()):  # (the comparator ends right before the word: a window, not the whole text)
            out = _num_text(cardinals[w])
        else:
            return w
        return out + " " * (len(w) - len(out)) if len(out) <= len(w) else w

    return pattern.sub(digits, low)


# "once" that opens a clause of time: a determiner, a pronoun, "a"/"an" before what is no
# period ("once a year" counts), or a participle ("Once approved, …").
_ONCE_WHEN = re.compile(
    r"\s+(?:(?:the|this|that|these|those|it|they|he|she|we|you|i|its|their|our|your|his|her|all|both|each|every(?:one|thing|body)|someone|anyone|nobody)\b"
    r"|an?\s+(?!(?:day|week|fortnight|month|quarter|year|hour|minute|second|shift|night|season|term|session|lifetime|sprint|release|cycle)s?\b)[a-z]"
    r"|[a-z]+ed\b)"
)


# "a"/"an" before a period, where it counts one: after a comparator or a word of time
# ("within a week", "more than a year", "for a month"), or before what says when ("a week
# ahead", "a year old", "a month's notice"). Not "twice a week", "in a day", "take a day off".
# And "every" before a period: one period apart ("every month").
_ONE_PERIOD = re.compile(
    r"(?:(?<=\bwithin )|(?<=\bfor )|(?<=\bafter )|(?<=\bthan )|(?<=\bleast )|(?<=\bmost )|(?<=\bup to )|(?<=\bover )|(?<=\bunder ))an? (?:(?:full|whole|single) )?(?=(?:hour|day|week|fortnight|month|year)\b(?!-))"
    r"|(?<![\w-])(?<!\bof )(?<!\bhalf )an? (?:(?:full|whole|single) )?(?=(?:hour|day|week|fortnight|month|year)(?: (?:ahead|before|after|old|early|earlier|late|later|in advance)\b|['’]s\b))"
    r"|(?<![\w-])every (?=(?:hour|day|week|fortnight|month|year)\b(?!-))"  # "every month": one month apart, as "every 2 months"
)


def _may_count_period(low: str) -> bool:
    """The words :data:`_ONE_PERIOD` needs are in ``low`` (substring tests, before the scan)."""
    return ("a " in low or "an " in low or "every " in low) and ("day" in low or "week" in low or "month" in low or "year" in low or "hour" in low or "fortnight" in low)


def _one_period(low: str) -> bool:
    """Does ``low`` count one period with "a", "an" or "every" (:data:`_ONE_PERIOD`)?"""
    return _may_count_period(low) and _ONE_PERIOD.search(low) is not None


def _one(m: re.Match[str]) -> str:
    return "1".ljust(len(m.group()))


def _pad(digits: str, word: str) -> str:
    """``digits`` in the place of ``word``, padded to its length (offsets are kept)."""
    return digits + " " * (len(word) - len(digits)) if len(digits) <= len(word) else word


@lru_cache(maxsize=4)
def _scaled(vocab: Vocab) -> re.Pattern[str]:
    """A one-word cardinal times a hundred or a thousand ("twelve hundred", "two thousand"), lower-cased."""
    words = sorted((w for w in vocab.cardinals or {} if " " not in w), key=lambda w: (-len(w), w))
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, words)) + r")\s+(hundred|thousand)(?![\w-])")


def _num_text(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


_SUBROLE = re.compile(r"\b(semantic|syntactic|syntax|schema|business|format|field|type|domain)\s+$")


def _status_role(seg: str, vocab: Vocab) -> str | None:
    for role, spec in vocab.status_roles.items():
        for w in spec.get("words", ()):
            i = seg.find(w)
            if i >= 0:
                sub = _SUBROLE.search(seg[:i])
                return f"{role}:{sub.group(1)}" if sub else role
    return None


_QUANTITY_RES: dict[int, list[tuple[str, str | None, re.Pattern[str]]]] = {}
_ANY_QUANTITY: dict[int, re.Pattern[str]] = {}


_DURATIONS = frozenset({"ms", "s", "min", "h", "day", "week", "month", "year"})


def _quantity_role(low: str, unit: str | None, vocab: Vocab) -> str | None:
    table = _QUANTITY_RES.get(id(vocab))
    if table is None:
        table = _QUANTITY_RES[id(vocab)] = [
            (role, {spec.get("unit"), *(_UNITS.get(u, u) for u in spec.get("units") or ())}, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in spec.get("words", ())) + r")(?![a-z])"))
            for role, spec in vocab.quantities.items()
            if spec.get("words")
        ]
        words = sorted({w for spec in vocab.quantities.values() for w in spec.get("words", ()) or ()}, key=lambda w: (-len(w), w))
        _ANY_QUANTITY[id(vocab)] = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?![a-z])") if words else re.compile(r"(?!)")
    if not _ANY_QUANTITY[id(vocab)].search(low):
        return None  # no role's word at all: one pattern instead of one per role
    for role, qunits, pattern in table:
        if unit is not None and None not in qunits and unit not in qunits:
            continue  # (a unit of the quantity's family counts: "5 minutes" is a timeout as "30 s" is)
        if unit is None and qunits & _DURATIONS:
            continue  # (a bare number is no duration: "under 10 comments" is no review turnaround)
        if pattern.search(low):
            return role
    return None


_PAREN = re.compile(r"\([^)]*\)")
_WORD = re.compile(r"[a-z0-9][a-z0-9.+#/_-]*[a-z0-9+#]|[a-z0-9]")
_MEMBER_IDX: dict[int, dict[str, list[tuple[str, ...]]]] = {}


def member_index(vocab: Vocab) -> dict[str, list[tuple[str, ...]]]:
    """Member spellings by their first word (a dictionary look-up per word, not a regex)."""
    got = _MEMBER_IDX.get(id(vocab))
    if got is None:
        got = {}
        for form in sorted(vocab.member_index):
            parts = tuple(_WORD.findall(form))
            if parts and " ".join(parts) == form:
                got.setdefault(parts[0], []).append(parts)
        _MEMBER_IDX[id(vocab)] = got
    return got


def member_hits(words: list[str], vocab: Vocab) -> Iterator[tuple[int, str, str, str]]:
    """(word index, spelling, family, member) for each member spelling in ``words``; a
    spelling can name members of several families ("anthropic": the provider and its SDK)."""
    index = member_index(vocab)
    every = vocab.member_families or {}
    for i, w in enumerate(words):
        for parts in index.get(w, ()):
            if tuple(words[i : i + len(parts)]) != parts:
                continue
            form = " ".join(parts)
            for fam, member in every[form]:
                yield i, form, fam, member


_ENUM_LABEL = re.compile(r"^\W*[a-z0-9][\w.+#/-]*(?:\s+[\w.+#/-]+){0,3}[\])]*\s*\**:\s")


# "We use trunk-based development: …", "Deploy with blue-green: …": a clause, not a topic label.
_CLAUSE_LABEL = re.compile(r"^\W*(?:we|you|our\s+team|the\s+team)\s+\w+|^\W*(?:" + "|".join(sorted(VERBS)) + r")\s+(?:with|using|via|on|in|to)\b")


@lru_cache(maxsize=1 << 12)
def spelling_re(form: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern of one spelling as a whole word ("npm", not the one in "pnpm"), compiled
    once per process: hundreds of spellings passed to ``re`` as strings overflow its cache
    of 512 patterns, which then compiles them (and the module's own patterns) again."""
    return re.compile(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", flags)


def word_starts(low: str, form: str) -> list[int]:
    """The starts of ``spelling_re(form).finditer(low)`` (whole words, left to right, no
    overlaps), found with string searches: no pattern is compiled for the spelling."""
    if not form:
        return [m.start() for m in spelling_re(form).finditer(low)]
    out = []
    n, k = len(low), len(form)
    i = low.find(form)
    while i >= 0:
        j = i + k
        # \w is what str.isalnum() accepts, and "_"
        if (i == 0 or not (low[i - 1].isalnum() or low[i - 1] in "_-")) and (j == n or not (low[j].isalnum() or low[j] in "_-")):
            out.append(i)
            i = low.find(form, j)
        else:
            i = low.find(form, i + 1)
    return out


def _named_as_name(text: str, form: str) -> bool:
    """An ambiguous spelling written as a name: capitalised inside a sentence ("Tests are
    written in Cypress"), not at its start, as the vocabulary's ambiguous forms allow."""
    for m in spelling_re(form, re.IGNORECASE).finditer(text):
        if not text[m.start()].isupper():
            continue
        before = text[: m.start()].rstrip(" \t\"'(*_")
        if before and before[-1] not in ".!?:;|-•>" and not before.endswith("→"):
            return True
    return False


def _enum_values(low: str, vocab: Vocab, text: str = "") -> tuple[Value, ...]:
    """Members of enumeration families the directive names (outside parentheses:
    "(SQLModel handles this)" is a remark, not a choice); one member per family."""
    main = _PAREN.sub(" ", low)
    label = _ENUM_LABEL.match(main)
    if label is not None and main[label.end() :].strip() and not _CLAUSE_LABEL.match(main):
        main = main[label.end() :]  # "Jest: for unit tests", "Final data sync: …": the label names a topic
    found: dict[str, list[str]] = {}
    for _, form, fam, member in member_hits(_WORD.findall(main), vocab):
        if (fam, form) in vocab.ambiguous:
            spec = vocab.families.get(fam, {})
            roles = spec.get("role_words", ())
            if not any(r in main for r in roles) and (spec.get("role_required") or not text or not _named_as_name(text, form)):
                continue
        if member not in found.setdefault(fam, []):
            found[fam].append(member)
    out = []
    for fam, members in found.items():
        if len(members) > 1:
            members = _uncontrasted(main, fam, members, vocab)
        if len(members) == 1:
            out.append(Value("enum", fam, members[0], members[0]))
    return tuple(out)


# "sentence case, not title case", "Vitest instead of Jest", "prefer pnpm over npm":
# the member after the contrast word is the one turned down.
_CONTRAST = re.compile(r"(?:(?:\bnot|n't|\bnever|\bno|\bavoid)\s+(?:use\s+|using\s+)?|(?:\binstead\s+of|\brather\s+than|\bover|\bin\s+place\s+of)\s+)(?:the\s+|an?\s+|any\s+)?[`'\"]?$")


def _uncontrasted(low: str, fam: str, members: list[str], vocab: Vocab) -> list[str]:
    """The members of one family a text names, less those it names only as what is turned down."""
    spellings = vocab.families.get(fam, {}).get("members") or {}
    kept = []
    for member in members:
        forms = [str(f).lower() for f in spellings.get(member, ())] or [member]
        spots = [at for f in forms for at in word_starts(low, f)]
        if not spots or not all(_CONTRAST.search(low, 0, at) for at in spots):
            kept.append(member)
    return kept if 0 < len(kept) < len(members) else members


def _cue(m: re.Match[str] | None, polarity: str, default: str) -> tuple[str, str, int] | None:
    """(polarity, strength, end of the cue) for a polarity cue found in a text."""
    if m is None:
        return None
    word = re.sub(r"\s+", " ", m.group(1) or (m.group(0).strip() if polarity == "prohibit" else "always")).lower()
    return polarity, _STRENGTH.get(word, default), m.end()




def field_frame(key: str, value: str) -> Frame:
    """The frame of a frontmatter field: it requires its value."""
    return Frame("require", "must", "set", (key,), None, (Value("enum", f"frontmatter.{key}", value, value),), f"frontmatter:{key}")


_ASIDE = re.compile(r"\((?:e\.g\.|eg\b|for example|such as|i\.e\.)[^)]*\)|\"[^\"]*\"|“[^”]*”")


@lru_cache(maxsize=1 << 15)
def typed_values(text: str) -> tuple[Value, ...]:
    """The status codes and quantities of a text, without the rest of its frame
    (examples in parentheses and quoted text are not prescriptions)."""
    if not _DIGIT.search(text) and not _names_number_word(text, load_vocab()):
        return ()
    s, codes = _norm_text(_ASIDE.sub(" ", text))
    return _values(s, s.lower(), codes, load_vocab())


@lru_cache(maxsize=1 << 15)
def enum_values(text: str) -> tuple[Value, ...]:
    """The enumeration members a text names, without the rest of its frame (code
    spans included: "install with `pnpm install`" names pnpm)."""
    s, codes = _norm_text(text)
    if codes:
        s = re.sub("\x00(\\d+)\x00", lambda m: " " + codes[int(m.group(1))] + " ", s)
    return _enum_values(s.lower(), load_vocab(), s)


@lru_cache(maxsize=1 << 15)
def frame(text: str, context: str = "", inherited: str | None = None, listed: bool = False) -> Frame:
    """The frame of one directive's text, given its lead-in and inherited polarity.

    ``listed``: the text is a list item, step, checklist item or table row, which
    an agent reads as something to do even without a modal verb.
    """
    return finish(head(text, context, inherited, listed))


class Head(NamedTuple):
    """The first part of a frame: polarity, strength, action, condition and values (the
    fields a check reads to decide whether it looks at a directive at all), and what
    :func:`finish` needs to read the rest."""

    polarity: str | None
    strength: str | None
    action: str | None
    condition: str | None
    text: str
    enums: bool  # the values include the enumeration members the text names
    restrict: tuple[str, ...]
    label: str
    body: str
    clause: str
    whole_clause: str
    codes: tuple[str, ...]

    @property
    def values(self) -> tuple[Value, ...]:
        """The frame's values (read when asked: most checks never ask)."""
        values = typed_values(self.text)
        return values + enum_values(self.text) if self.enums else values


@lru_cache(maxsize=1 << 15)
def head(text: str, context: str = "", inherited: str | None = None, listed: bool = False) -> Frame | Head:
    """The :class:`Head` of :func:`frame` (or the whole frame, when reading it takes the whole frame)."""
    vocab = load_vocab()
    s, codes = _norm_text(text)
    label = ""
    m = _LABEL.match(s)
    bold = _BOLD_LABEL.match(text)
    if m and len(m.group(1).split()) <= 6:
        label, rest = m.group(1).strip().rstrip(":"), m.group(2).strip()
    elif bold and len(bold.group(1).split()) <= 8 and s.startswith(bold.group(1).strip() + ":"):
        label = bold.group(1).strip()  # "**Hybrid Merge Without Source Annotations**: …"
        rest = s[len(label) + 1 :].strip()
    elif bold and len(bold.group(1).split()) <= 4 and bold.group(1).strip().endswith(".") and s.startswith(bold.group(1).strip() + " ") and not _rule_lead(bold.group(1)):
        label = bold.group(1).strip().rstrip(".")  # "**Operators.** Email the train operators …": a lead word, then the rule
        rest = s[len(label) + 1 :].strip()
    else:
        m = _PLAIN_LABEL.match(s)
        if m and len(m.group(1).split()) <= 4:
            label, rest = m.group(1).strip(), m.group(2).strip()
        else:
            rest = s.strip()
    low = s.lower()
    cues = polarity_cues()
    body = rest or s
    fronted = None if label else _FRONTED.match(text)
    if fronted is not None:
        after = text[fronted.end() :]
        if fronted.group(1).lower() in _SUBORDINATORS or _OPENS_RULE.match(after):
            # "When you spot a typo, fix it", "In an incident, you may …": the rule is the main
            # clause, the fronted clause its condition.
            inner = frame(after[:1].upper() + after[1:], context, inherited, listed)
            cond = _norm_text(fronted.group(0))[0].strip().rstrip(",").strip().lower()
            vals = typed_values(text)
            if inner.polarity in ("require", "prohibit") or inherited:
                vals = vals + enum_values(text)
            return replace(inner, condition=re.sub(r"\s+", " ", cond) if inner.condition is None else f"{cond}, {inner.condition}", values=vals)
    at = s.find(body) if rest else 0  # where the text after the label starts
    # Texts that prescribe nothing: a question, quoted speech, an item under a
    # routing lead-in ("Do NOT engage for:"); their words still count as objects.
    constraint = inherited == "constraint"  # under "Constraints" an imperative is a rule of its own
    if constraint:
        first_word = body.split(None, 1)[0].strip("*_`").lower() if body.strip() else ""
        if _states().match(body) and first_word not in VERBS:
            inherited = None  # a statement: "Rejected messages stay in the queue for 30 days"
        elif _IMPERATIVE_SHAPE.match(body) and first_word not in VERBS and first_word not in _NOT_VERBS:
            inherited = "require"  # "Grade each case on a four-point scale": a verb the list lacks, then its object
        else:
            inherited = "prohibit"  # (an imperative of the list keeps its own reading)
    descriptive = inherited in ("routing", "condition", "example") or _QUESTION.search(body) is not None or s.lstrip(" " + EXAMPLE_MARKS)[:1] in "\"“'"
    if inherited in ("routing", "condition", "example"):
        inherited = None
    cjk = not s.isascii() and _CJK.search(s) is not None and len(_CJK.findall(s)) > len(_LATIN.findall(s))
    if cjk and inherited is not None and cues["cjk_prohibit"].search(s):
        inherited = "prohibit"  # "…を絶対に使用しない": the negation is written in the text's own language
    if inherited == "step":
        # Under a numbered step heading, an imperative is a rule, and so is a labelled item
        # ("**README**: how to set up …") unless a lead-in of its own ("**Tools:**") makes it a catalogue entry.
        first = _TOKEN.search(body)
        verb = first is not None and first.group(1) is None and first.group().lower() in VERBS
        inherited = "require" if verb or (label and not context) else None
    bad = inherited in ("prohibit", "antipattern")  # the text names something bad
    absent_label = listing = False
    verb_label = False  # "**Approve**: No CRITICAL issues": the label is the act, the rest when
    explained = False  # "Problem: Storing tokens in …": explains, only an explicit cue makes it a rule
    if label:
        lab = label.lower()
        if cues["remedy_labels"].search(lab):
            if inherited in ("prohibit", "antipattern"):
                inherited = "require"  # "Fix: use the Keychain" under Anti-patterns is what to do
        elif cues["explain_labels"].search(lab):
            explained = bad = True
            inherited = None
        else:
            lab_pol = _phrase_polarity(label, vocab)
            if lab_pol == "prohibit" and lab in vocab.exact_headings and not _PROHIBIT.search(lab):
                lab_pol = None  # "**Constraints**: time limits, budget limits" lists topics, it forbids nothing
            if lab_pol == "prohibit":
                inherited = "antipattern" if cues["antipattern"].search(lab) else "prohibit"
            elif lab_pol in ("require", "permit"):
                inherited = lab_pol
            if inherited in ("prohibit", "antipattern"):
                bad = True
                absent_label = cues["absence"].search(lab) is not None  # "**Merge Without Source Annotations**"
            verb_label = lab_pol is None and lab.split()[0] in VERBS and len(lab.split()) <= 2
            if lab_pol is None and not verb_label and rest[:1] and rest[:1] in "\"“":
                descriptive = True  # "**Developer**: "I don't need all six documents"": quoted speech
            if lab_pol is None and not verb_label and rest and _ENUMERATION.match(rest):
                listing = True  # "**Current framework**: Waterfall, Scrum, Kanban": options, not a choice
    if bad and rest and cues["absence"].match(body.lstrip(" *_")):
        descriptive = True  # "Mistake 5: No Success Metrics" names a bad state: an absence
    antipattern = inherited == "antipattern"
    if antipattern:
        # Under "Anti-patterns" / "Common mistakes" an imperative is the remedy, a noun phrase the bad thing.
        first = _TOKEN.search(body)
        word = first.group().lower() if first and first.group(1) is None else ""
        inherited = "require" if word in VERBS and body[:1].isupper() else "prohibit"
    if inherited == "prohibit" and _DOUBLE_NEGATIVE.match(body):
        inherited = "require"  # "Not using defer for cleanup" under Anti-patterns asks for defer
        cut_at = at + _DOUBLE_NEGATIVE.match(body).end()
        s = s[:at] + s[cut_at:]
        body = rest = s[at:]
        low = s.lower()
    # Polarity and strength.
    polarity = None
    strength = None
    cue_end = None
    # (Each pattern runs only on a text that holds a word or mark it needs.)
    scan = _PURPOSE.sub(_blank, low) if "avoid" in low or "prevent" in low or "stop" in low else low
    if "(" in scan or "（" in scan or '"' in scan or "“" in scan:
        scan = _REMARK.sub(_blank, scan)  # "(no longer open source)", quoted speech: no cue of this rule
    if "not" in scan:
        scan = _NOT_JUST.sub(_blank, scan)
    if ";" in scan or "so" in scan or "because" in scan or "since" in scan:
        scan = _REASON.sub(_blank, scan)  # "… so that failures can be replayed": no cue of this rule
    pscan = _CLAUSE_TAIL.sub(_blank, scan) if "wh" in scan or "though" in scan else scan  # "Use X where Y is not deployed"
    pm = _PROHIBIT.search(pscan)
    opening = _OPENING_VERB.match(scan, at) if pm is not None and "to " in pscan else None
    if opening is not None and opening.group(1) in VERBS:
        sub = _SUBORDINATE.search(pscan, at)
        if sub is not None and pm.start() >= sub.start():
            end = _PURPOSE_END.search(pscan, sub.start())
            if end is None or pm.start() < end.start():
                # "Run `pdfinfo` … to confirm that the file is not locked": the purpose's own
                # negation (not "Use Grep to search the code; never use Bash": a rule of its own)
                pm = _PROHIBIT.search(pscan, 0, sub.start()) or (_PROHIBIT.search(pscan, end.end()) if end is not None else None)
    if label and not verb_label and (pm is None or pm.start() > at):
        nm = re.match(r"\W*(no|not)\b", scan[at:])  # "**Testing**: No mocks of the database"
        if nm is not None:
            pm = re.compile(r"(no|not)\b").search(scan, at + nm.start(1))
    rm = _REQUIRE.search(scan)
    cue = _cue(pm, "prohibit", "must_not") or _cue(rm, "require", "must")
    cue_at = (pm if cue is not None and cue[0] == "prohibit" else rm).start() if cue is not None else None
    if cue is not None and cue[0] == "require" and inherited == "prohibit" and rm is not None and 0 <= scan.find(";", at) < rm.start():
        cue = cue_at = None  # "Searching the web for players; use the registration data only" under *Avoid*: the remedy's own clause
    if cue is not None and cue[1] == "no" and inherited == "prohibit":
        cue = None  # "No fallback chains" under a prohibiting heading names a bad state: a double negative
        inherited = None
    if cue is not None and cue[0] == "prohibit" and antipattern and pm is not None:
        before = re.sub(r"[\W_]+", "", scan[at : pm.start()])
        if before:
            descriptive = True  # "… merges them but doesn't annotate them" describes the mistake
    if absent_label and (cue is None or cue[2] <= len(label) + 4):
        descriptive = True  # a bad state named by what is missing: no thing to forbid
    if listing and cue is None:
        descriptive = True
    if antipattern and cue is None and not listed and not label and inherited == "prohibit":
        descriptive = True  # a paragraph under "Common Mistakes" tells what goes wrong, it names no rule
    if cue is not None:
        polarity, strength, cue_end = cue
    else:
        q = _PERMIT.search(_SUBORDINATE.sub(lambda x: " " * len(x.group()), scan))  # "… to show how it can be tested"
        if q is not None:
            polarity = "permit"
            strength = "may"
            cue_end = q.end()
            cue_at = q.start()
        elif inherited is not None:
            polarity = inherited
            strength = "inherited"
    other = _ONLY_OTHER.match(scan, at) if "only" in scan and not bad and polarity in (None, "require", "permit") else None
    if other is not None:
        descriptive = True  # "Only the CAM may change …" says who may, not what the agent does
    # The main clause: after the cue when there is one, else after the label.
    passive_action = None
    if cue_end is not None:
        main = s[cue_end:]
        first = _TOKEN.search(s, at, cue_at) if strength == "only" and cue_at is not None and cue_at > at else None
        if label and cue_end <= len(label) + 4 and polarity == "prohibit":
            main = label[cue_end:] if cue_end < len(label) else rest
        elif first is not None and first.group(1) is None and first.group().lower() in VERBS and s[at : first.start()].strip(" *_") == "":
            main = s[at:cue_at] + s[cue_end:]  # "Use glue boards only inside a food room": the rule opens with its verb, "only" narrows it
        elif cue_at is not None and cue_at > at:
            # "`!important` is allowed", "Certificate verification may be turned off in tests":
            # the subject is what the rule is about, the participle what is done to it.
            subject = s[at:cue_at]
            subject = re.split(r"[.;:!?]\s+|,\s+", _ASIDE_PAREN.sub(" ", subject))[-1]  # the cue's own clause (not a comma of an aside)
            subject = _MODAL_END.sub(" ", subject)  # "Failing builds must never be merged"
            pv = _PASSIVE.match(main)
            predicative = _COPULA_END.search(low, at, cue_at) is not None or low[cue_at:cue_end].startswith(("is ", "are ", "be "))
            if pv is None and _COPULA_END.search(low, at, cue_at) is not None:
                pv = _BARE_PASSIVE.match(main)  # "Prices are never quoted on the phone": the copula before the cue
            if _TOKEN.search(subject) and not _SUBJECT_PRONOUN.match(subject) and not _CONDITION.match(subject.strip().lower()):
                if pv is not None:
                    verb = pv.group(1).lower() + (" " + pv.group(2).lower() if pv.group(2) else "")
                    passive_action = _phrasal_verb(verb)
                    if passive_action is None and pv.group(2) is None and _REGULAR_PARTICIPLE.fullmatch(pv.group(1).lower()):
                        passive_action = lemma(pv.group(1).lower())  # "Coverage MAY be waived": a verb the list lacks, done to the subject
                    if passive_action is not None:
                        main = _COPULA_END.sub(" ", subject) + " " + main[pv.end() :]
                elif predicative:
                    main = _COPULA_END.sub(" ", subject) + " " + main
    else:
        main = rest or s
    cut = _CLAUSE_END.search(main)
    clause = main[: cut.start()] if cut else main
    whole_clause = clause
    cond_m = _condition(clause.lower())
    condition = None
    full_cond = _condition(low)
    if full_cond is not None:
        tail = low[full_cond.start() :]
        end = _CLAUSE_END.search(tail)
        condition = re.sub(r"\s+", " ", tail[: end.start()] if end else tail).strip()
    if cond_m is not None:
        clause = clause[: cond_m.start()]
    purpose = _PURPOSE_CUT.search(clause.lower())
    restrict: tuple[str, ...] = ()
    if purpose is not None and purpose.start() > 0 and _TOKEN.search(clause, 0, purpose.start()):
        # "Don't rely on E2E tests to catch incompatibilities", "a pull request that adds
        # behaviour": a purpose or relative clause narrows what the rule is about.
        tail = clause[purpose.end() :]
        how = purpose.group().lower()
        nxt = _TOKEN.search(tail)
        verb_next = nxt is not None and nxt.group(1) is None and nxt.group().lower() in VERBS
        just = re.search(r"\b(?:just|only|simply|merely)\s*$", clause[: purpose.start()].lower()) is not None
        if how in ("that", "which") or (how.endswith("to") and verb_next) or (how == "because" and (just or bad)):
            # (a bad act named with its reason, "Stop a test early because it looks good" under
            # *Don't*, is bad for that reason)
            restrict = tuple(dict.fromkeys(t for t in _content(tail, codes, vocab) if t not in GENERIC_KEYS))
        clause = clause[: purpose.start()]
    if _OWN.search(clause):
        restrict = restrict + ("own",)  # "Approve your own pull request": whose it is narrows the rule
    # Action: the first word of the clause when it is a verb.
    action = None
    imperative = False
    body = clause
    # (a verbal negation opens the clause: "don't", "never", "must not"; not "no", "avoid" or "stop")
    negated = polarity == "prohibit" and cue_end is not None and cue_at is not None and _TOLD_NOT.fullmatch(low[cue_at:cue_end].strip()) is not None
    for wm in _TOKEN.finditer(clause):
        w = wm.group().lower()
        if wm.group(1) is not None or passive_action is not None:
            break
        if w in ("you", "always", "never", "ever", "to", "be", "please", "also", "just", "explicitly", "directly", "first", "only", "then"):
            continue
        if "-" in w and w.rsplit("-", 1)[1] in VERBS and w.split("-", 1)[0].isalpha():
            w = w.rsplit("-", 1)[1]  # "Re-run the suite …", "Spot-treat bindweed …", "Double-check …": the verb, done so
        key = VERB_KEYS.get(lemma(w))
        if key is None and negated and _bare_word(w) and _OBJECT_NEXT.match(clause, wm.end()):
            key = w  # "Don't email venue managers", "Never book the main hall": the word after the negation is its verb
            imperative = True
        elif key is None and _shaped_verb(wm.group(), clause, wm.end()):
            key = w  # "Email the operators the draft", "Book each patient …": a verb the list lacks, then its object
            imperative = True
        elif key is None and polarity == "prohibit" and _gerund(wm.group(), clause, wm.end()):
            key = lemma(w)  # "❌ Emailing drafts to train operators", "Texting a swimmer …": the act it names
        if key is not None:
            action = key
            imperative = imperative or w in VERBS
            body = clause[wm.end() :]
            verb_end = wm.end()
            also = _SECOND_VERB.match(body)
            if also is not None and lemma(also.group(1).lower()) in VERB_KEYS:
                body = body[also.end() :]  # "Never name or rank schools": schools, not "rank", is what is named
        break
    if passive_action is not None:
        action = passive_action
    elif action in ("let", "allow") and not descriptive:
        # "Don't let visitors touch the rays", "Never allow guests to feed the sharks": the act
        # is what they would do, whoever does it; "Let the donor choose the arm" asks for the
        # choice (not "Let the user commit the changes": the user's act, not the agent's)
        whole = (whole_clause[: cond_m.start()] if cond_m is not None else whole_clause)[verb_end:]  # (before "to feed …" was cut as a purpose)
        act = _let_act(action, whole)
        if act is not None and polarity != "prohibit" and any(lemma(w) in ACTORS for w in re.findall(r"[a-z]+", whole[: act[1]].lower())):
            act = None
        if act is not None:
            action, body = VERB_KEYS.get(lemma(act[0]), act[0]), whole[act[1] :]
            restrict = tuple(t for t in restrict if t == "own")
    if imperative and cue_end is None and not explained and (rest or s)[:1].isupper() and (polarity in (None, "require") or (constraint and strength == "inherited")):
        polarity = "require"  # the bare verb opens the text: "Write a README", not "Writing a README"
        strength = "imperative"
    if action in _LEAVE_UNDONE and polarity in ("require", "prohibit") and not descriptive:
        # "Skip adapter trimming" forbids trimming adapters; "Never skip the tests" asks for them
        polarity, strength = ("prohibit", "must_not") if polarity == "require" else ("require", "must")
        action = "include" if action == "omit" else None  # "Omit the summary": the summary is not included
        done = _DONE_WORD.search(body)
        if done is not None and (done.group(1).lower().endswith("ing") or done.group(1).lower() in ("run", "runs")):
            action = VERB_KEYS.get(lemma(done.group(1).lower()))
            if action is not None:
                body = body[: done.start(1)] + body[done.end(1) :]  # "the test run": the tests, run
    if descriptive:
        polarity = strength = None
    # (The code spans as a tuple: a head of strings and tuples is not walked by the garbage collector.)
    return Head(polarity, strength, action, condition, text, bool(polarity in ("require", "prohibit") or inherited), restrict, label, body, clause, whole_clause, tuple(codes))


def _condition(low: str) -> re.Match[str] | None:
    """The first condition of a text that limits it: "not even after the CRAM has been
    checked", "even when asked" widen a rule, they set no condition."""
    for m in _CONDITION.finditer(low):
        if not low[max(0, m.start() - 5) : m.start()].endswith("even "):
            return m
    return None


def finish(h: Frame | Head) -> Frame:
    """The frame whose head is ``h``: its objects and their alternatives, label words, scope and noun phrase."""
    if isinstance(h, Frame):
        return h
    polarity, strength, action, condition, _, _, restrict, label, body, clause, whole_clause, codes = h
    values = h.values
    vocab = load_vocab()
    cues = polarity_cues()
    if polarity == "prohibit":
        body = _ASIDE_PAREN.sub(" ", body)  # "Never use `any` (use `unknown`)": the remark is not what is forbidden
    named: list[str] = []
    if polarity == "prohibit" and "includ" in body and not any(v.slot == "quantity" for v in values):  # (not "longer than 12 hours, travel included")
        named = [m.group(1) or m.group(2) for m in _INCLUDED.finditer(body)]  # "No livestock of any kind, hens included": hens are forbidden too
        body = _INCLUDED.sub(" ", body)
    groups = _groups(body, codes, vocab, split=strength != "no", absent=cues["absence"] if polarity == "prohibit" else None)
    if strength == "no" and len(groups) == 1:
        groups = _no_alternatives(body, codes, vocab) or groups
    if named:
        groups = tuple(dict.fromkeys(groups + tuple(g for n in named for g in _groups(n, codes, vocab))))
    if polarity == "prohibit" and action is not None and _UNIVERSAL.match(body) and all(t in _REFLEXIVE for g in groups for t in g):
        groups = ((UNIVERSAL,),)  # "does not run anything": whatever the verb takes
    elif any(t in _REFLEXIVE for g in groups for t in g):
        # "Never close a ticket yourself", "Cancel the hotel yourself": who does it, not what is done
        groups = tuple(k for k in (tuple(t for t in g if t not in _REFLEXIVE) for g in groups) if k)
    objects = tuple(dict.fromkeys(t for g in groups for t in g if t[0] != "~"))
    if label:
        label_toks = tuple(t for t in _content(label, codes, vocab) if t not in objects)
    else:
        label_toks = ()
    scope = tuple(sorted({t for sm in _SCOPE.finditer(whole_clause) for t in _content(sm.group(1), codes, vocab)}))
    key = (action or "") + ":" + "+".join(sorted(objects)[:6])
    np = _noun_phrase(body, codes, vocab) if action is not None else _noun_phrase(clause, codes, vocab)
    if np and np[-1] in _REFLEXIVE:
        np = np[:-1]
    return Frame(polarity, strength, action, objects, condition, values, key, groups, label_toks, scope, np=np, restrict=restrict)
