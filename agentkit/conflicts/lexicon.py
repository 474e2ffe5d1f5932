"""Word lists the frame reader needs (English function words and instruction
verbs) and a fast, cached lemmatiser.

The lemmatiser is a suffix stripper with a table of irregular forms. It only has
to map the forms of one word to one key (``create``, ``creates``, ``created``,
``creating`` → ``creat``); measured against lemminflect and simplemma it is 20–40×
faster on the corpus vocabulary, and the lint path cannot afford a dictionary
load per worker (see benchmarks/conflicts/RESULTS.md).
"""

from __future__ import annotations

from functools import lru_cache

STOP = frozenset(
    """a an the this that these those it its it's they them their there here your you yours we our us i me my he she his her
    is are was were be been being am do does did done doing have has had having will would could can may might shall should must
    and or but nor so yet as of at by for from in into on onto to with within without about above below over under between
    through during before after than then also just only very more most less least much many few each every all any some no
    not both either neither such own same other another what which who whom whose when where why how if unless while until
    because since though although whether etc e.g i.e via per upon out up down off again further once always never
    use using used uses make makes made making sure ensure ensures ensuring need needs needed keep keeps kept
    one two three four five six seven eight nine ten first second third new existing proper properly appropriate appropriately
    clear clearly good well best better thing things way ways something anything everything nothing stuff etc.
    anywhere everywhere somewhere nowhere whatsoever ever
    please also even still already too rather instead s""".split()
)

# Words that add nothing to what an object is ("any documentation files" = "documentation").
GENERIC = frozenset(
    "file files content contents item items kind kinds type types form forms part parts piece pieces lot lots set".split()
)

VERBS = frozenset(
    """abort achieve amend cap play unlock pay lift walk climb enter swap visit greet cut flush rinse refill repaint mow prune sweep mop wipe scrub sharpen bake cook chill thaw enclose hit keep meet mention pin prefix quote reuse suffix time accept access add adhere adopt aim allow analyze analyse apply approve archive ask assert assign assume attach audit
    automate avoid backup benchmark block bootstrap break build bump bundle cache calculate call catch challenge change check
    choose cite clarify clean cleanup clone close collect combine comment commit communicate compare compile complete compress
    configure confirm connect consider consult contact continue convert copy correct create debug declare decline default define
    delete deliver deploy deprecate describe design destroy detect determine develop disable discuss display document download
    drop edit elevate eliminate embed emit enable encode encrypt enforce escalate establish estimate evaluate examine execute
    exit expand explain export expose extend extract fail favor favour fetch fill filter finalize find fix flag focus follow
    force fork format forward gather generate give go grant group guess handle hardcode hash hide highlight identify ignore
    implement import improve include increase indent index inform initialize inject insert inspect install instrument integrate
    introduce invalidate investigate invoke isolate issue iterate join justify label launch lead leave let limit link lint list
    load localize lock log look maintain manage mark match measure memoize merge migrate minimize mirror mock modify monitor
    move name navigate normalize note notify obtain offer omit open optimize order organize output override overwrite paginate
    parallelize parameterize parse pass patch pause perform persist pick pin place plan point poll populate post prefer prepare
    present preserve prevent print prioritize proceed process produce profile promote prompt propagate propose protect prototype
    provide publish pull push put query question raise rate reach read rebase recommend record recover redact reduce refactor
    reference refer reflect refresh refuse register reject release rely remember remove rename render reorder repeat rephrase
    replace reply report reproduce request require rerun research reset resolve respect respond rest restart restore restrict
    retain retry return reuse review revert rewrite rotate route run sanitize save scan schedule scope search secure select send
    separate serialize serve set setup share ship show sign simplify skip sort specify split squash stage start state stay
    stick stop store stream strip structure submit suggest summarize supply support suppress switch sync tag take target test
    throttle throw trace track transform translate treat trigger trim truncate try tune turn type uncomment understand unit
    update upgrade upload use utilize validate verify version wait warn watch wrap write yield
    announce cancel charge disclose dispatch rank rebook refund resize reveal transmit
    bring carry feed touch wear wake sell buy board unload freeze wash park drive hand""".split()
)

# Verbs that make, add or use something: a noun-phrase rule ("README with setup
# instructions" under Deliverables) is compatible with them.
PRODUCE = frozenset(
    """add build create deliver generate implement include introduce make produce provide put place write use utilize
    adopt apply employ return emit output ship prefer rely choose pick select""".split()
)

# Verb classes whose members mean the same act for conflict purposes.
VERB_CLASS = {
    **{v: "create" for v in ("create", "write", "generate", "add", "produce", "make", "build", "implement", "include", "introduce", "deliver", "provide", "output", "emit", "ship")},
    **{v: "use" for v in ("use", "utilize", "employ", "adopt", "apply", "prefer", "rely", "choose", "pick", "select")},
    **{v: "remove" for v in ("remove", "delete", "drop", "strip", "omit")},
    **{v: "modify" for v in ("modify", "edit", "change", "update", "alter", "rewrite", "overwrite", "patch")},
    **{v: "run" for v in ("run", "execute", "invoke", "launch", "trigger")},
    **{v: "ask" for v in ("ask", "question", "query", "prompt", "consult")},
    **{v: "commit" for v in ("commit", "push", "merge")},
}

IRREGULAR = {
    "written": "write", "wrote": "write", "writing": "write", "made": "make", "making": "make", "ran": "run", "running": "run",
    "built": "build", "kept": "keep", "left": "leave", "gave": "give", "given": "give", "took": "take", "taken": "take",
    "chose": "choose", "chosen": "choose", "brought": "bring", "thought": "think", "sent": "send", "spent": "spend",
    "data": "data", "indices": "index", "indexes": "index", "analyses": "analysis", "children": "child", "people": "person",
    "mice": "mouse", "criteria": "criterion", "went": "go", "gone": "go", "did": "do", "done": "do", "has": "have", "had": "have",
    "was": "be", "were": "be", "been": "be", "is": "be", "are": "be", "its": "it", "status": "status", "statuses": "status",
    "this": "this", "has": "have", "does": "do", "goes": "go", "less": "less", "unless": "unless", "process": "process",
    "access": "access", "success": "success", "class": "class", "business": "business", "address": "address", "async": "async",
    "always": "always", "analysis": "analysis", "basis": "basis", "axis": "axis", "focus": "focus", "bonus": "bonus",
    "status": "status", "various": "various", "previous": "previous", "obvious": "obvious", "this": "this", "yes": "yes",
    "held": "hold", "withheld": "withhold", "got": "get", "gotten": "get", "found": "find", "told": "tell", "sold": "sell",
    "paid": "pay", "hidden": "hide", "hid": "hide", "shown": "show", "known": "know", "seen": "see", "saw": "see",
    "began": "begin", "begun": "begin", "drawn": "draw", "drew": "draw", "grown": "grow", "thrown": "throw", "broken": "break",
    "broke": "break", "spoken": "speak", "driven": "drive", "forgotten": "forget", "understood": "understand", "meant": "mean",
    "met": "meet", "lost": "lose", "heard": "hear", "bought": "buy", "caught": "catch", "taught": "teach", "sought": "seek",
    "worn": "wear", "wore": "wear", "fed": "feed", "used": "use", "led": "lead", "laid": "lay", "frozen": "freeze", "froze": "freeze", "woken": "wake",
    "woke": "wake", "eaten": "eat", "stolen": "steal", "shaken": "shake", "fallen": "fall", "ridden": "ride", "forbidden": "forbid",
    "overridden": "override", "rewritten": "rewrite", "undone": "undo", "bound": "bind", "struck": "strike", "stuck": "stick",
    "slept": "sleep", "lit": "light", "lent": "lend", "swept": "sweep", "dealt": "deal", "hung": "hang", "flown": "fly",
}


# Irregular past participles that a passive uses ("must be set", "be kept", "MUST be worn"):
# each is read as its verb through IRREGULAR (or is the verb itself).
IRREGULAR_PARTICIPLES = frozenset("set put run built kept left made sent shown written done worn sold bought brought caught found frozen read slept lit lent swept held paid fed hung".split())


@lru_cache(maxsize=1 << 16)
def lemma(word: str) -> str:
    """A normalised key for ``word`` (lower-case in, key out): inflections share one key."""
    w = IRREGULAR.get(word)
    if w is not None:
        return _stem(w)
    return _stem(word)


def _stem(w: str) -> str:
    if len(w) <= 3 or not w.isalpha():
        head, dash, tail = w.rpartition("-")
        if dash and tail.isalpha() and len(tail) > 3 and head.replace("-", "").isalpha():
            return head + dash + _stem(tail)  # "self-rescuers" and "self-rescuer" are one word
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is", "ous")):
        w = w[:-1]
    if w.endswith("ing") and len(w) > 5:
        w = w[:-3]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    elif w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ed") and len(w) > 4:
        w = w[:-2]
        if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz":
            w = w[:-1]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


# People and parties other than the agent: a rule whose subject or doer is one of them says what
# someone else does ("The security team reviews …", "Let the user commit …", "Only certified staff …").
ACTORS = frozenset(
    lemma(w)
    for w in (
        "team teams manager managers lead leads owner owners engineer engineers officer officers director directors admin admins "
        "administrator administrators reviewer reviewers staff department supervisor supervisors clerk clerks operator operators "
        "planner planners coordinator coordinators person people someone somebody anyone anybody nobody everyone customer customers "
        "user users client clients patient patients member members he she they who whoever human humans developer developers "
        "maintainer maintainers editor editors analyst analysts technician technicians driver drivers dispatcher dispatchers volunteer "
        "volunteers doctor doctors nurse nurses pharmacist pharmacists partner partners vendor vendors contractor contractors colleague "
        "colleagues assistant assistants worker workers crew crews ci pipeline pipelines linter caller callers "
        "student students pupil pupils guest guests visitor visitors resident residents apprentice apprentices trainee trainees "
        "intern interns tenant tenants parent parents passenger passengers"
    ).split()
)
