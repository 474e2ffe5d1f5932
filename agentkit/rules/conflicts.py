"""AK5xx: conflicting instructions, inside one file and across the variants of
one agent (files that share a `name`).

One shared pass finds every kind (see :mod:`agentkit.conflicts`); each kind has
its own code, severity and documentation. Conflicts are never errors: the
agent still loads and reads every rule, it just cannot follow both, and which
one it follows is up to the model — the author decides.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Iterable, Iterator

from ..conflicts.model import CODES, Conflict
from ..diagnostics import Diagnostic, Related, Severity
from .base import REGISTRY, Context, Summary, declare

if TYPE_CHECKING:
    from ..document import AgentDocument

W, I = Severity.WARNING, Severity.INFO

declare("AK501", "polarity-conflict", W, "conflict", """One rule forbids what another requires.

    ## What it does
    Compares each prohibition ("Never create README.md", an item under *Patterns
    to Avoid*, *Don'ts*, ❌) with the rules that require or permit something
    (imperatives, items under *Deliverables*, ✅) and reports a pair when the
    requiring rule names everything the prohibition names, with a compatible
    action and the same condition. A narrower rule with the same polarity is a
    refinement, never a conflict.

    Only prescriptions count. An imperative opens with the bare verb ("Store
    tokens …", not "Storing tokens …"); items under an anti-pattern heading or a
    label such as **Avoid**, **Don't** or ❌ are prohibitions, and their **Fix** /
    **Instead** entries requirements. Not rules, and never a side of a conflict:
    questions, quoted speech, explanations (**Problem**:, **Why**:, paragraphs
    describing a mistake), a bad state named by what is missing ("No success
    metrics" under *Common Mistakes*), option lists ("**Framework**: Scrum,
    Kanban, SAFe"), items under routing or condition lead-ins ("Do NOT engage
    for:", "Stop and report if:"), and description sentences that route work to
    the agent ("Use for …"). A prohibition narrowed by a purpose or relative
    clause ("Don't rely on E2E tests to catch contract changes", "a pull request
    that adds behaviour") conflicts only with a rule that names that case too, and
    a rule in which the forbidden words only modify another noun ("type piracy
    prevention") is about that noun. A requiring rule names what its own relative
    clause says too: "Archive a ticket that has been idle for 30 days" does what
    "Idle tickets must not be archived" forbids.

    A verb the word lists lack is read by its place: a capitalised word that opens
    the rule and is followed by a determiner or a pronoun ("Email the venue
    managers a request", "Book the main hall for …"; not "Considers the …",
    "Sometimes the …"), and the word after a negation that tells the agent not to
    act ("Don't email venue managers"; not "it does not belong", nor "Never trust,
    always verify"). A bold lead word ending in a full stop ("**Outreach.** Email
    …") is a label, not the rule's first word.

    Rules are read where authors put them: after a fronted condition ("When X,
    do Y" is Y under X), in the passive ("verification may be turned off" permits
    disabling it, "coverage MAY be waived" permits waiving it, "prices are never quoted"
    forbids quoting them), in the cells of a *Do* / *Don't* table (its header's first
    cell may be empty). A rule with the same verb
    and head noun and no modifier the prohibition lacks covers it ("Retry a failed
    call" against "Never retry a failed model call", "Log every prompt" against
    "never log raw prompts"); a prohibition of everything ("does not run
    anything") meets any rule with its verb; a folder covers the files under it;
    writing new files into a place modifies it; a compound written with a hyphen is the
    compound written open ("cable-operated brakes", "cable operated brakes"), and a
    rule that counts zero of what a prohibition names forbids it too ("zero open
    safety faults"). Verbs of one class do the same act
    (run / execute, track / log / record, fix / modify; the classes are in
    `agentkit/data/conflict_vocab.json`), and the place a prohibition names may be
    the other rule's subject ("Never use `SELECT *` in a model" and "Staging models
    may use `SELECT *` when …"); a place of the kind the prohibition names is that
    place ("Don't post results on social media" and "Post results on Instagram"; the
    kinds are the vocabulary's hypernyms).

    A policy said as a fact is a rule too when it states the forbidden act, finite
    and without a negation, in its first clause: "Rejection emails give the main
    reason" against "Don't give reasons in rejection emails", "A point that chatters
    is suppressed after 10 operations" against "Chattering points must not be
    suppressed". A statement of what a person or a team does ("The security team
    reviews every pull request", even under a *Rules* heading) is someone else's
    act, and so is one that reserves the act for someone ("Only certified staff drive
    the forklift"). "Skip X" / "Omit X" forbid X ("Skip the test run" against "Run the
    full test suite"); "Don't let visitors touch the rays" and "Never allow guests to
    feed the sharks" forbid the act that follows, whoever would do it, and "Let the
    donor choose the arm" asks for the choice (not "Let the user commit the changes":
    the user's act). A permission
    with a verb permits that act only ("Guests can feed the rays" is no answer to a ban
    on touching them), "X is fine" permits its subject, and a rule that names the act
    only in its condition ("A locale may ship once its strings are translated") does
    not do it. Quoted wording after ✅ or ❌ is an example of phrasing, not a rule.

    Rules that name who acts are compared by their doer. "Let tour guests taste
    from the barrel", "Dogs MAY walk the pontoons", "Walk-ins are welcome", "Rush
    jobs MAY be taken after 2 pm" let a doer act; "Tour guests MUST NOT taste from
    barrels", "No dogs on the pontoons", "Don't accept walk-in donors" forbid it.
    Two of them conflict when the doer is the same (a hyphenated word may stand
    for its compound: "walk-ins" and "walk-in donors"), the act is the same (a
    phrasal verb by what it means: "take the needle out" is "remove"; being let in
    meets acts of being somewhere: enter, travel, walk, stay …; a ban without a
    verb, "No children on the bouldering wall", meets any act in its place), and
    the ban names nothing the permission lacks; a ban narrower than the
    permission is an exception (AK505). "Only a registered nurse removes the
    needle" and "The needle is removed by a registered nurse and never by anyone
    else" keep an act to one doer, against a rule that gives it to another
    ("Healthcare assistants MAY take the needle out"). Rules whose doers differ do
    not conflict over the act ("Guests may use the sauna" / "Staff must not use
    the sauna"). Not doers: the agent itself, pronouns, "anyone", and what a doer
    only undergoes ("Donors may feel faint").

    An order is a polarity too: one rule does an act to a thing first, another does
    the same act (or one of its class) to it last ("Board motorcycles first" and
    "Motorcycles are loaded last, once the cars are chained"); the words of one side
    before "first" or "last" must be among the other's ("Address security issues
    first" and "Address style issues last" order two things). "first" and "last" count
    only as said of the act (not "the last 30 days", "the first lorry", "at last",
    "newest first"), and not in a rule for a case of its own ("… last if the bow ramp
    is closed"), in a prohibition or in a quoted or ❌ example.

    Opposite states are a polarity too: two rules that put one thing in states it
    cannot be in at once ("Keep the kiln-room door shut during every firing" and
    "Prop the kiln-room door open during every firing"; open / shut, locked /
    unlocked, enabled / disabled, visible / hidden, public / private: the pairs are
    the vocabulary's `opposite_states`). A state counts after keep, leave, prop,
    hold, set, switch or turn and a noun phrase, or after a noun phrase and is, are,
    stays or remains; a negation turns it ("Never leave the gate unlocked"), and so
    does a prohibiting lead-in ("Never:" over "leave the yard gate open"), and a
    state named in a case ("… while the shutter is open") is no rule. The head noun
    is the same and so is the word before it when both name one ("the kiln door" and
    "the kiln-room door" are two doors); two permissions, or two different cases,
    do not conflict, and one case against none is AK505.

    So is an act said in the passive voice to be done and never done to one thing:
    "Seconds are sold in the studio shop at half price" and "Seconds are never sold",
    "A £10 deposit is taken for first visits" and "No deposit is taken", "Nothing is
    rejected automatically" and "Candidates without the right to work can be rejected
    automatically", "Every visit is paid on the day" and "Nothing is paid on the day"
    (irregular participles such as paid, held, hung, lit, slept count too). The thing's head noun and the act are the same (and the word
    before the noun when both name one); when both rules say where or how after the
    act, they must share a word ("sold online" / "never sold at the door" are two
    places). Not a rule: a passive in a clause of time or case ("Book the fermenter
    when the brew is scheduled"), an order ("MUST NOT be unloaded until the
    pyrometer reads under 200 °F", "Nothing is photographed until the form is
    signed"), a "no" inside a phrase ("Claims with no fraud flags may be approved"),
    a verb with its subject left out ("… and are never kept on chains"). Two cases
    that share no word (counting the words after the act) do not conflict; one case
    against none is AK505. A rule that tells the agent to do or not to do the act
    meets a passive one when it is about no narrower a thing or place ("Don't publish
    the family list online" / "The daily family list is published online with initials
    only, never with full names"; not "Never quote a trade rate to a walk-in" / "Rates
    are quoted in pounds") and narrows it with no clause ("Never renew a loan that
    another member has reserved"). "We don't collect or deliver" refuses the act
    whatever it is done to ("Longcase clocks are collected from the customer's home"),
    and a thing said to be banned or not allowed is refused whatever is done with it
    ("Disposable barbecues are banned" / "Disposable barbecues are sold in the shop";
    not "Barbecues must be raised off the grass": a thing the ban does not narrow to).
    The clause words that make a told rule narrower count in its first clause only
    ("Never leave a parcel at the tent; if nobody answers, keep it at reception").

    "only" after the verb narrows the rule, it does not start it: "Use glue traps
    only inside the seed store" uses glue traps, and conflicts with "Never: use glue
    traps, on any site" (a place said with "any" or "every" is every place). A
    rule that limits a thing with "only to / for / with …" agrees with a ban of the
    rest ("Release a child only to an adult named on the collection list" / "Never
    release a child to anyone missing from the collection list").

    "Don't allow dogs in the wash block", with no act after the thing, bans the thing
    there: a permission of it or bringing or keeping it there conflicts ("Owners may
    bring their dogs into the wash block"; not "Search the wash block for dogs'
    leads"). "No food or drink in the games room" bans each of the things it lists
    in that place ("Drinks are allowed in the games room in lidded cups").

    A technology is used or not whatever the verb: a prohibition whose object is
    a member of an enumeration family ("Do not add Redux", "We do not write CSS
    Modules or styled-components") conflicts with a rule that chooses that member
    as AK503 reads choices ("Global client state lives in Redux Toolkit slices",
    "Use CSS Modules for component styles"), in the same scope and without a
    condition on either side. The member must be what is forbidden — the verb's
    object or an alternative to it, before a clause that says how ("Avoid prop
    drilling by using Svelte Stores" forbids prop drilling) — and a command in a
    code span (`` `terraform apply` ``) is an act, not the tool; a spelling that is
    also an ordinary word counts only right after the verb ("Do not introduce
    pandas"), and a clause that says what comes next ("before loading it") is no
    condition.

    Across variants, two clauses with the same words (one word more or less on
    one side), one of them negated, conflict too: "All dates are reduced to the
    year" and "Do not reduce dates to the year", "Partial refunds are allowed" and
    "Partial refunds are not supported" (allowed, permitted, supported, acceptable,
    fine and welcome are one word here; "Walk-ins are welcome" permits walk-ins). A clause negated only by an opening "No" ("**No
    responsive layout** — …", often a fault to look for) must match word for word.
    Manner adverbs ("automatically", "plainly") and examples in parentheses do not
    count as words of their own, and a limit on the act the other side bans
    ("Retry a failed charge at most 3 times" and a *Don't*: "Failed charges are
    retried automatically") is its opposite. A ban of a thing before an event and a
    requirement of it after the event say one order ("Don't bake sesame products
    before the main bread run" / "Sesame products MUST be baked after the main
    bread run").

    A kind of work forbidden outright ("Don't execute shell commands", "Don't run
    command-line tools", "Never use the shell", "… or any other shell command",
    "Don't fetch anything from the internet", "Never edit code yourself", "Never
    use WebSearch") conflicts with a rule, in the same
    file or a variant, that needs the tool for it as AK506 reads needs ("Run
    `semgrep --config auto` on the changed files", "Search the web for known
    issues"); a need under a condition ("When CI is red, run …") does not.

    Two rules that say the same ban do not conflict: a requirement whose own
    clause forbids the same thing ("Every claim needs two independent sources,
    and a press release does not count as an independent source" against "A press
    release never counts as an independent source"), and a ban on putting things
    together against a rule that keeps them apart ("never in the same tote as
    food" and "Put hazmat and food items in separate totes": the same noun). A
    permission for someone else ("Only the CAM may change a life limit") says who
    may, not what the agent does, and is no side of a conflict; two variants that
    both ban a thing (a *Never:* item with "without …" and a *Patterns to Avoid*
    item) agree. A ban narrowed by a clause ("Don't run shell commands that modify
    files") is no ban of the tool, and a ban on going past a number agrees with a
    rule that bounds the same number ("Never move the rate by more than 15% in one
    day" / "Move the rate by no more than fifteen percent a day").

    ## Why is this bad?
    The agent cannot follow both; which one wins depends on the model's reading
    of the moment, so the agent behaves inconsistently.

    ## Example
    ```markdown
    ### Patterns to Avoid
    - Business logic in route handlers
    ...
    - Route handlers with business logic (routes/)
    ```

    ## Use instead
    Keep one of the rules, or add the condition under which the other applies.

    ## Fix safety
    No automatic fix: only the author knows which rule holds.
    """)

declare("AK502", "value-conflict", W, "conflict", """Two rules set incompatible values for the same thing.

    ## What it does
    Reads typed values: HTTP status codes tied to their role ("400 for
    validation errors"; a three-digit number counts as a status only when it is
    returned or answered or carries its reason phrase, so "300-500 tokens" and
    "500 records" do not), and numbers with a comparator and unit as intervals
    ("≥ 80% coverage", "at most 50 lines", "20 words at most", an age "16 or
    older", "aged 14 and over" or "Children under 16" (people under or over a bare
    number) in years, "never runs past
    12 pages", "beyond nine hours"; "the past 30 days" is a window, not a bound). A number's
    quantity is a known one from `agentkit/data/conflict_vocab.json` (in any unit
    of its own: "5 minutes" is a cache TTL as "30 s" is; a bare number is never a
    duration) or the noun phrase it attaches to: "temperature 0.3", "the default
    page size is 50", "backups are kept for 14 days", "50,000 rows per batch", and a
    number followed by a period counts per that period ("60 km in a day" is not "8 km
    without a break"). A ban that opens with "No" keeps the bound its value reads ("No
    driver works more than ten hours": at most ten). An amount of money
    ("£300", "at most $40") is a number in its currency ("$1" is a reference,
    not an amount). Number words count
    as numbers before a unit or after a comparator ("three retries", "at least
    two approvals", "one business day"), "a" or "an" as one period after a
    comparator or a word of time or before what says when ("within a day", "more
    than a year", "a full week ahead", "a month's notice"; not "twice a week" or
    "a quarter of an hour"), "every" before a period as one period apart ("every
    month", as "every 2 months"), and "once", "twice" as a number of
    times ("once a day"; not "once the kiln is down", "Once approved, …": a time,
    not a count). Durations are compared in one unit ("5 minutes" and "1 hour" differ,
    "60 minutes" and "1 hour" agree; months and years are left as written), and a
    duration is no place or subject ("for 5 minutes"). Temperatures, weights,
    volumes and concentrations are too: "59°F" is 15°C, "55 lb" is 24.9 kg, "ppm"
    is mg/L, "-18°C" is below zero, and one value written in two units ("50 kg" /
    "110 lb") agrees; "warmer than", "heavier than", "no warmer than" are
    comparators and "between 2 and 4°C" a range. Two rules are
    compared when their quantities agree (the same head noun, qualifiers that
    overlap: "default page size" and "page size", not "file size"; not the same
    noun named with other words before it on each side, "free chlorine" and
    "combined chlorine", "the daytime call-out fee" and "the night call-out fee")
    and so do
    their scope and subject ("run evals at temperature 0" and "extraction calls
    run at temperature 0.3" are about different calls; a noun in -ment is its verb
    there: "within 1 mm of what was measured" and "within 2 mm of the measurement"
    are one subject). A forbidden bound sets
    its complement ("Never merge with line coverage under 90%" asks for ≥ 90%),
    "a minimum length of 8" is a lower bound, and a condition counts only in the
    value's own clause ("before alerting" or "after a navigation" says what comes
    next, not a case). Reports another status code for the same error role, or
    intervals that do not intersect.

    Not compared: numbers in a leading label or case ("< 2s: use Sonnet",
    "**For teams scoring < 2.5**"), after "because", in lead-ins ending with ":",
    in rows of tables of options, repeated "Label: value" templates (one per
    tier or phase), items of one list that share only some words ("Read first
    200 lines", "Read last 100 lines"), versions ("iOS 17"), and, across
    variants, a value the other file also states for the same quantity.

    Across variants, two clauses that say nearly the same words and differ only
    in one number conflict even when the quantity has no name agentkit knows:
    "Keep the transcripts of the last 5 conversations" and "… of the last 10
    conversations", "Respond within 4 hours" and "Respond within one business
    day". Both numbers must count the same thing (the word after each is the same
    unit or the same noun, or, for a number that ends its clause, the same word
    before both; "at least 90% of its strings" and "ships in 14 locales" are not
    compared), the same value in other units ("1 hour", "60 minutes") is no
    conflict, the rest of the clauses may differ on one side only (paraphrase,
    not another subject) or in verbs alone ("Sessions last 30 minutes", "A
    session runs for 45 minutes"), and neither file may say the other's clause
    too (a template with rows "[Risk 1]" and "[Risk 2]" in both copies). A name
    on one side only narrows the rule ("Transition S3 objects to Glacier after 60
    days" and "… to Glacier after 90 days") unless it labels a case ("**P1**:
    High. Response within 15 minutes"); why a rule holds ("… at 30 Hz to save
    CPU", "so that …", "because …") is no part of it, and a statement under
    *Constraints* ("Rejected messages stay in the queue for 30 days", "Same-day
    replies close at 15:00") states the rule, it does not forbid it, and so does
    a capitalised word followed by a determiner ("Grade each case on …"), an
    imperative whatever its verb (not "Nothing …", "All …", "Only …"). Frequency
    words are intervals ("quarterly" against "every 30 days"), a time of day is a
    value ("15:00" against "14:00"), and when a clause holds several numbers the
    one that stands next to the same word as exactly one of the other's is
    compared ("Lock the account for 15 minutes after 5 failed login attempts" and
    "Accounts lock after 10 failed login attempts": 5 and 10). When the numbers
    are followed by the same unit word and two more words are shared, each side
    may say more of its own ("Mix the podcast to -16 LUFS integrated with a true
    peak …" and "Episodes MUST be mixed to -18 LUFS integrated"), unless one value is
    said in a relative clause whose noun the other rule does not name ("Shaped loaves
    go to the proving room, which MUST be held at 27 °C" / "The cold room is held at
    3 °C or below": two rooms). "Every quarter
    hour" and "at least half an hour" are numbers with their bounds, and so are
    "every third batch" (every 3 batches) and "no later than day 5" or "by day 7
    at the latest" (at most day 5, day 7). "Every month" is once a month, "twice a
    year" once every six months (months and years by their mean length), a day of
    the week is a value ("every Friday" / "on Thursdays"), dollars are a unit ("a
    $20 fee" / "the fee is $35"), a number word counts what follows it ("two guest
    passes"), the words of a compound are words ("New-member inductions" / "a new
    member's first induction"), "16 years old" is an age, not a time, and two
    values a thousand times apart or more ("a 30-minute slot", "in twelve months")
    measure different things. One number on each side with the same unit after it
    is one quantity when both clauses open with the same subject, whatever else
    each says ("Each class runs for 45 minutes" / "Classes: 60 minutes, with a
    warm-up"), and "or less" after a number bounds it from above (two such bounds
    are AK504's different targets). A count joined to what it counts is a number
    ("a four-point scale", "a twenty-four-hour window", for a few nouns of counting
    and time; not "one-off" or "two-way"), and a unit before the number counts as
    well when one side says nothing of its own ("day 10" / "day 14"). A rule for a
    case ("… every 10 minutes during an outage") and a rule without one are a rule
    and its exception, not two values.

    Across variants, reworded rules are also matched as AK503 matches named
    choices (the rule of the other variant that shares most of the rarer words,
    both ways): "Keep customer repair records for 12 months" and "Repair records
    of customers are deleted after 6 months" conflict when each holds one value in
    the same unit, the clause of each value says a shared word, and no word before
    a shared one differs ("Road bikes …" / "… cargo bikes …" are two subjects). A
    rule with more values is compared by the one pair whose clauses (cut at commas
    too) each say a shared word: "lights out is at 22:00" / "Bar closes at 21:00;
    lights out at 21:30" compare 22:00 and 21:30; "Hospital linen comes back within
    24 hours, hotel linen within 48 hours" compares its 48 hours with nothing.
    Values whose ranges meet are AK504's different targets; a value and a bound at
    that value ("63°C" / "63°C or above") are one target; an age is not a period;
    a rule for a case is not compared with a rule without one.

    A thing one rule gives free and another charges for is a value conflict too:
    "Estimates are always free" / "Charge £20 for a written estimate", "Wardrobe
    cartons are lent free" / "Charge wardrobe cartons at £6 each", "Tastings are
    free for up to two people" / "A tasting for the couple is charged at £40 a head".
    Free is "is free", "free of charge", "at no charge", "no charge for" or a ban on
    charging ("Don't charge for a first meeting"); charged is "is charged (at)",
    "costs" or "Charge (£N) for". The head nouns are the same and the words before
    one are among the other's ("Lens adjustments are free" / "Frame adjustments are
    charged at £5" are two things); "free to ride", "free of dust" and a ban on saying
    something is free are no price; one case against none is AK505.

    ## Why is this bad?
    The agent must pick one value; different runs pick differently.

    ## Example
    `Return 400 for validation errors` and, elsewhere, `Validation errors return 422`.

    ## Use instead
    One value per role, stated once.

    ## Fix safety
    No automatic fix.
    """)

declare("AK503", "enum-conflict", W, "conflict", """Two rules require different members of one choice.

    ## What it does
    Members of enumeration families (package managers, test frameworks, …) come
    from `agentkit/data/conflict_vocab.json`; a spelling may name members of
    several families. Reports two rules that each choose one member of the same
    exclusive family — `Use pnpm` and `Install with npm` — in the same scope and
    case. A choice is an instruction whose verb or modal governs the member
    ("Schedule the job as an Airflow DAG", "Timestamps MUST be RFC 3339", an
    item under "Always:", "install with `pnpm install` and never mix lockfiles"),
    or a statement of the convention ("Orchestration is done with Dagster", "We
    use npm", "Commit messages follow Conventional Commits", "Each component file
    has a single default export", "The SwiftLint configuration enforces 2-space
    indentation", a two-column table row "| Framework | TensorFlow |", a list item
    that leads with the member under a requiring heading or a *Stack* / *Tooling*
    heading: "Vitest for unit tests"); any imperative verb chooses the member it
    takes as its instrument ("Hash passwords with Argon2id", "Clean the extract
    in a pandas DataFrame"). A member named only as what is turned down ("sentence
    case, not title case", "Vitest instead of Jest", "prefer pnpm over npm",
    "Avoid Moment.js, prefer date-fns") is not chosen, the clause after a
    prohibition that opens with a choosing verb chooses ("Don't use Jest; use
    Vitest"), and the family's own words are no scope ("in pgvector" names the
    choice, not a place; "in a small Zustand store" is where the choice lives). A
    spelling that is also an ordinary word (Cypress, Flux) counts with a role word
    nearby or capitalised inside a sentence. Items under a heading that names one
    of several options ("Pattern 3: Jenkins + Helm", "Option B") describe that
    option and choose nothing. In a family whose members combine (databases, vector
    stores, clouds) two choices conflict only when both rules name the same purpose
    ("Store embeddings in pgvector" and "Use Qdrant for embeddings"; not "Store
    orders in PostgreSQL" and "Use Redis for session caching"), and so do families
    marked `purpose_required`, such as cadences: "Review cloud costs weekly" and
    "… monthly" conflict, a daily stand-up and a weekly review do not. Units of
    measure (length, volume, mass, temperature, speed) are families whose rules
    must name the same subject first ("Distances MUST be recorded in metres" and
    "Record distances in feet" conflict; "pipe depths in inches" does not). An adverb
    member that ends the verb's clause is chosen by any verb ("Review costs weekly"). Inside one file at least one side must be
    an instruction. Not choices: lead-ins ("Choose MkDocs
    when:"), questions, permissions, options named in a label ("Jest: for unit
    tests"), members named in passing or in a purpose ("… to reduce the initial
    JavaScript bundle"), what a prohibition forbids, and when to use the agent
    ("Use for TypeScript config"). A clause that says what comes next ("before
    loading it") is no case. Rules under different cases ("When read
    scaling is the priority:" and "For RTO < 5 minutes:") are not compared, and
    across variants a member the other file also chooses is no variant difference.

    Across variants, two clauses that say nearly the same words and differ only
    in the name that fills one slot conflict even when no family lists the names:
    "Format code with Black" and "Format code with the Ruff formatter", "Report
    crashes to Sentry" and "… to Firebase Crashlytics". A name is a code span
    without spaces (not a command line or a path), a word with a digit, or a
    capitalised word inside a sentence that is not written in title case; the two
    names must stand next to the same word, the rest may differ on one side only,
    and a negated clause ("never in `SharedPreferences`") chooses nothing.

    Two variants that each name their own product for one thing and never the
    other's conflict as well ("The pipeline MUST be written in Nextflow DSL2" and
    "The pipeline is a Snakemake workflow", "Player saves MUST be written as JSON"
    and "Serialize player saves with MessagePack"). The rules are about one thing
    when they share a noun and one more word (a third of the words that are no
    names), or open with the same word, their subject (then the rest need not be
    shared: "Crop ET is worked out with the Hargreaves equation" / "Crop ET is
    calculated with the Penman-Monteith method"), or when the names follow the
    same word ("… are booked through Calendly" / "… are booked in Acuity"). At
    least one rule requires and the other requires or states a fact (a noun
    phrase, "OpenAI GPT-5 with function calling", lists a skill), or both state
    facts of the same kind ("Tickets live in Zendesk" and "Tickets are kept in
    Freshdesk", "Knowledge base: Confluence", "Bookings, invoices and credit
    notes are recorded in Tallyman"; not "Payments go through Stripe" and
    "Payments are reconciled in NetSuite"). Neither is a translation, and neither
    names its product only in a leading label.

    Here a name is also a dotted word ("start.gg") or the value of a short label,
    and up to four neighbouring words make one name ("Oracle Opera Cloud"). It
    must fill a product's slot (after "in", "on", "from", "through", "with", "as",
    a label's colon, or opening the rule: not "Remove PCR duplicates") and be
    written in a clause that says a shared word ("All harnesses come from Zero DC
    and are checked before every tour" names no checker for tours); a number on
    one side only must be a time ("at 07:00", "the next 120 days"); and the word
    before the first shared word must not differ ("Local drafts" and "Shared
    drafts" are two things). A name the other file mentions only in a ban ("Store
    reads as CRAM, not BAM") is not one it uses; a name of several words is
    mentioned when one of its words is written the same way ("Azure" of "Azure
    Monitor"); a name both files use ("… and go to SAP") is common ground, not a
    rival.

    A record kept in a system is read from its own words too: "Daily diaries, photos
    and messages go through Famly" and "Use Tapestry for diaries, photos and parent
    messages", "Attendance is taken in TeamUnify" and "Entries, results and
    attendance all live in SwimTopia", "Log every accession in BG-Base" and "every
    accession goes into IrisBG" conflict between variants when a thing kept on
    one side is kept on the other: the same head word, the words before it on one side
    among the other's ("diaries" / "daily diaries"; not "work" of "Work orders" and
    "Permits to work", nor "unit tests" / "end-to-end tests" or "Local UI state" /
    "Global client state"), and neither file names the other's system in any of its
    rules (a move from one to the other, a choice among several, a copy). "Use X for
    …" counts at the start of a clause only (not "If you use Docker for …"), and a
    day or a month is no system ("Deploys are done on Tuesdays"). A supplier is read
    the same way ("Mouldings come from Wessex Pictures" / "Mouldings are ordered from
    Larson-Juhl"). A rule under a prohibiting heading, or with a negation before the
    name, keeps nothing there; a negation after it does not undo it ("Bookings are
    taken in Pitchbook; phone bookings go in straight away, never on paper first").

    The means an act is done with is a choice too, between variants: "Bed bugs are
    treated with heat" and "Treat bed bugs with a residual spray", "Adapters MUST be
    trimmed with fastp" and "Trim adapters with Trim Galore". Both rules require the
    act (the passive voice or an instruction) to a thing with the same head word,
    with nothing in common in what follows "with" up to a preposition or the clause's
    end; two means of one kind ("topped up with Stan's sealant" / "sealed with Muc-Off
    sealant") may come with two verbs. Not a choice: a rule for a case, a denied act,
    a means the other file names anywhere ("a pyrethrin shampoo is kept for
    puppies" names both), one of a list ("with k6, Gatling or Locust"), two means
    ("with gel bait and a spray"), or a manner ("with realistic user scenarios",
    "with appropriate data types", "with care"). A name both rules fill in one slot
    is reported as such first (the paragraphs above).

    Drifted copies reword as often as they keep words, so a rule that names a
    product is also matched with the rule of the other variant that shares most of
    its rarer words (weighted by how few rules of the name group use them; each must
    be the other's best match, both ways): "Fit Ultion cylinders as the standard
    replacement" and "Replacement cylinders MUST be Yale Platinum", "Page on-call
    engineers through PagerDuty" and "On-call engineers MUST be notified through
    Opsgenie", "Send the weekly stock report on Mondays" and "The weekly stock
    report SHOULD go out on Fridays". They conflict when each names what the other
    file never mentions (a name it only turns down, "Buy tubes from Vittoria; never
    from Maxxis", is not a mention; a name every file writes, "PCN", is a word they
    share, not a choice), a shared word that is no light verb stands within six
    words of the name, in its clause, on both sides, and the name fills a slot (as above, or as
    the object of "fit", "specify", "be" or of a verb with an article: "Read the
    AquaSpy probe"). Not compared: a name the rule negates ("bought locally, not
    from Jagwire"), a rule under a ban heading or a ❌ (a ban in a later clause leaves
    the first one's choice: "Spoke tension is checked with a Park Tool TM-1; never
    guess by ear"), the agent's identity ("You are …"), items of a list of skills
    (a *Focus Areas*, *Expertise*, *Competencies* or *Core Technologies* heading), a
    weekday against a product, two rules that both set a quantity (the names scope
    the values: "JSON with 2 spaces" / "YAML with 4 spaces"), a word before a shared
    word differing on both sides ("unit tests" / "visual tests"), and two
    statements of which one says where a thing goes and the other what is done to it
    ("Payments go through Stripe" / "Payments are reconciled in NetSuite"; how a
    thing is sent says where it goes: "Commissions go out by Parcelforce" /
    "Commissions ship with DPD" conflict). A name
    here is a word with a capital after its first letter or a digit, a capitalised
    word inside a sentence, or a short code span; never a tool of Claude Code, a
    possessive ("Django's"), a unit after a number ("100 FH") or a two-letter
    acronym ("UI"). Its letters may lie outside ASCII ("Kärcher"); a rule with three
    such letters or more is read as a translation and names nothing.

    One word swapped for another in the same slot of the same words ("Write SQL
    keywords in uppercase" and "… in lowercase") is a choice too when it is no
    verb (a word after a modal or "have to" is one: "MUST tie" / "have to
    agree"), neither file uses the other's word and one of the rules requires. A
    translated copy (a file with many letters outside ASCII) swaps no names or
    words.

    ## Why is this bad?
    Only one package manager (test runner, …) can be used; the agent alternates.

    ## Use instead
    Name one member, or say where each applies.

    ## Fix safety
    No automatic fix.
    """)

declare("AK504", "target-conflict", I, "conflict", """Two different targets for the same quantity.

    ## What it does
    Reports two rules that set different targets for one quantity whose intervals
    still overlap: "maintain 95%+ coverage" and "coverage above 80%". Quantities
    are read and matched as for AK502; a single value inside a closed range ("87
    tokens" and "50-100 tokens") is an instance, not another target, and two
    measures of one quantity (members of a family one of whose role words has the
    quantity's head word: "line coverage" and "branch coverage" of test coverage,
    "100% statement" included) are different quantities. Against a bound on one
    side only, a single value at the bound is one target written twice ("mailed 40
    days out" and "at least 40 days before", "four weeks" and "at least 28 days"),
    so is a range with that bound as its own floor or ceiling ("between 1.0 and
    1.5 mg/L" and "not below 1 mg/L"), and any other value is another target ("14 days" and "at least 12 days";
    "Use the ergometers for drills up to 15 minutes" and "Ergometers are only for
    short-duration work of 30 minutes or less").

    ## Why is this bad?
    Both can be met at once (95% satisfies both), so the agent is not stuck — but
    it cannot tell which target the author means, and reviews judge by the wrong
    one. Info, because meeting the stricter target satisfies both.

    ## Use instead
    State the target once.

    ## Fix safety
    No automatic fix.
    """)

declare("AK505", "conditional-conflict", I, "conflict", """An unconditional rule against a conditional opposite.

    ## What it does
    Reports a prohibition and a requirement on the same thing where exactly one
    of them carries a condition ("unless …", "when …", "in production", a fronted
    "When X, …" or "In an incident, …"), and a permission limited to a place
    ("may be turned off in local integration tests") against a prohibition that
    names none. The sides are read as for AK501 (polarity-conflict): only
    prescriptions count. A bad act named with its reason under a *Don't* ("Stop a
    test early because it looks good") is bad for that reason only, and a ban on
    an order ("Sending an itinerary before the ticket number exists") does not
    meet a rule on the manner ("Send the itinerary as a PDF attachment") unless
    that rule covers every case ("… on every screen") or says when of its own
    ("Merge the PR as soon as one reviewer approves"). A conditional rule is also
    an exception to a ban that words its thing more narrowly, when it does the same
    act to the same head noun and adds no word of its own before it ("Never split
    an original pack" / "Split a pack when the prescription is for fewer tablets";
    "Don't cite Wikipedia as a source" / "Wikipedia may be cited when …"); not when
    the ban is limited to a place or manner the other rule does not name ("Never
    run pipelines from your home directory", "Never use `SELECT *` in a model") or
    the two nouns differ ("images of human remains" / "images of sacred objects",
    "production data" / "temporary data"). "Not even after …", "even when …"
    widen a rule; they are no condition. A permission whose exception names what the
    ban forbids agrees with it ("The farm dog is welcome anywhere except the lab" /
    "No animals in the lab, the farm dog included").

    ## Why is this bad?
    Read literally the two overlap only under the condition, where they
    contradict; the author probably meant the conditional rule as an exception,
    but the prompt does not say which wins. Info, because it is often deliberate.

    ## Use instead
    Say the exception in the unconditional rule ("never X, except when …").

    ## Fix safety
    No automatic fix.
    """)

declare("AK506", "tool-conflict", W, "conflict", """The prompt needs a tool the frontmatter does not grant, or forbids one it grants.

    ## What it does
    Finds tool names the prompt tells the agent to use (`Bash`, "use the WebFetch
    tool", "… in place with Edit when …", `mcp__server__tool`, and a compound tool
    name that is no ordinary word wherever it stands: "keep the open items on a
    TodoWrite list") and compares them with `tools` and
    `disallowedTools`; "`Write` or `Edit`" is satisfied by either, and a mention
    marked "(or equivalent)" or "if available" is optional. Instructions that
    name no tool still need one: running a command or the test suite needs
    `Bash` (so does running a command line in a code span: "run the MISRA
    checker (`cppcheck --addon=misra`)", or a program named as the object: "Run
    axe-core against every page", not "Run follow-up interviews"), writing a named
    file `Write` (`config/samples.tsv`), editing one or adding to it `Edit` (or
    `Write`: "add a line to the student's progress log", "update the README",
    "rewrite the config file from the template", "Bump the version in `package.json`";
    only `Edit` when the verb is edit, modify or patch, or the change is "in place": a
    change to part of a file, "Correct a record by editing it in place" ("fix" needs
    it only in place: "Fix the slowest component first" is advice); a list,
    an array or a DataFrame changed in place is code, no tool; a bold example label,
    "**Bad.** Edit `settings.py` …", needs nothing), editing a notebook
    (`forecast.ipynb`, "the ET notebook") `NotebookEdit` (Claude Code's edit tool
    refuses notebooks), checking something
    online `WebFetch` (a domain such as "on stripe.com", "the online user guide",
    "the AWS pricing page", any website, "the project's GitHub page", a portal
    that ends its phrase: "Download last week's hours from the staff portal",
    not "the portal component", "the portal's z-index"; someone else's page: "the
    FDA recall page", "the publisher's patch notes page", "the Highways England traffic
    bulletin page", "the breed club's coat guide page", "the fruit growers' guidance
    page", opened or checked: "Open the Met Office forecast page", not "the login page", "the Settings page", "the API reference page",
    "the user's profile page"),
    searching the web
    `WebSearch` ("Search the web for …", "Look it up with a web search", "Look up
    anything unusual on the web": a fetch
    needs an address, so `WebFetch` alone does not do it; not "the web search
    component" of a product), and so does a later clause of an instruction that opens
    with a bare verb and its object ("Keep the notes short; check each term on the
    Getty AAT website", "…, and save each section as a new file in `drafts/`"; not
    "The nightly job exports the ledger, and creates a file", "…, and store nothing
    in files"). A clause in front that says
    when ("Before you hand back, run …", "For every change, …") does not hide the
    verb. When no alternative is left — each one
    removed by `disallowedTools` or missing from `tools` — and one was removed on
    purpose, the finding points at `disallowedTools` ("Update the README" with
    `Edit` disallowed and `Write` not granted). Descriptions ("Creating reports …"),
    noun phrases ("Patch management"), items under "Does NOT:" and work handed to
    another agent need nothing. Also reports a tool the prompt forbids outright
    ("Never use Bash", "WebFetch MUST NOT be used", "Using Bash for anything" under
    *Don'ts*, "Don't execute shell commands", "Shell commands are not to be run by
    this agent", "Don't run anything in a terminal", "Do not fetch web pages", "Never
    edit code yourself", "Don't browse the web for anything" (not "… for anything
    other than exchange rates")
    (not "… for case law": a limit), "Searching the web" under *Patterns
    to Avoid*, "Never look anything up online", "Don't create new files" (not "…
    in `src/`": a limit; creating files is what `Write` is for, and what is left to it,
    rewriting a file whole, the edit tool does in part)) that `tools` grants; a
    rule that only limits a tool ("never use Write to overwrite files") does not
    count. An MCP tool is granted by its own name or by its server
    (`mcp__github`).

    ## Why is this bad?
    Claude Code gives the agent only the tools in `tools` (minus
    `disallowedTools`): the instruction to use another cannot be followed, and the
    agent improvises. A granted tool the prompt forbids is a permission the agent
    should not have.

    ## Example
    `tools: Read, Grep` with a prompt that says "Run the test suite with `Bash`".

    ## Use instead
    Add the tool to `tools`, or remove the instruction.

    ## Fix safety
    No automatic fix.
    """)

declare("AK507", "frontmatter-conflict", W, "conflict", """Variants of one agent set different frontmatter values.

    ## What it does
    For files that share a `name`, compares `model`, `color`, `permissionMode`,
    `effort`, `memory`, `isolation` and `maxTurns`, and reports a field set to
    different values.

    ## Why is this bad?
    Claude Code loads one of the variants; which model or permission mode the agent
    runs with depends on which file wins. Merging the variants needs one value.

    ## Use instead
    Pick one value for every variant (or rename the variants).

    ## Fix safety
    No automatic fix.
    """)

declare("AK508", "duplicate-directive", I, "duplicate", """The same instruction written twice.

    ## What it does
    Reports directives whose text is the same (case, punctuation and Markdown
    markers aside), a rule repeated as a clause of a longer one, and near
    repeats, inside one file or across the variants of one agent. Across
    variants it also reports a rule said in other words: the same content words
    with the same polarity ("❌ Use emoji in replies." and "never use emoji in
    replies", "Never use class components." and "No class components."), or at
    least 70 % of them and no number or name that differs. Off by
    default (repeats are common and harmless until one copy is edited, and
    looking for them costs time on large runs): select it by its code
    (`--extend-select AK508`, or `extend-select` in the configuration; the
    `AK5` prefix does not turn it on). `agentkit conflicts --duplicates` and
    `agentkit merge` find repeats without it.

    ## Why is this bad?
    Inside one file a repeat costs tokens and, once one copy is edited, becomes a
    conflict. Across variants it is what a merge keeps once.

    ## Use instead
    Keep one copy.

    ## Fix safety
    No automatic fix.
    """, default_enabled=False)

ALL_CODES = tuple(code for code, _ in CODES.values())
CROSS_CODES = ALL_CODES


def to_diagnostic(c: Conflict) -> Diagnostic:
    """One diagnostic per conflict: primary location the first side, the others related."""
    from ..conflicts.engine import quote
    from .base import get

    first = c.sides[0]
    related = tuple(Related(d.path, d.span.line, d.span.column, f"{c.kind} conflict, other side: \"{quote(d.text, 60)}\"" if c.kind != "duplicate" else f"repeated: \"{quote(d.text, 60)}\"") for d in c.sides[1:])
    d = get(c.code).diagnostic(first.path, first.span, c.message, related=related)
    return replace(d, id=c.id)


def conflict_pass(doc: AgentDocument, ctx: Context) -> Iterator[Diagnostic]:
    """Conflicts inside one file."""
    from ..conflicts.api import pieces
    from ..conflicts.engine import within

    for c in within(pieces(doc), ctx.codes):
        yield to_diagnostic(c)


def name_groups(summaries: Iterable[Summary]) -> list[tuple[tuple[str, str], list[Summary], frozenset[str] | None]]:
    """The name groups the cross-file pass compares, in the order it reports them:
    ``((scope, name), members, codes)`` for each name that two or more files with
    directives share; ``codes`` is what any member enables (None: every code)."""
    by_name: dict[tuple[str, str], list[Summary]] = {}
    codes: dict[tuple[str, str], frozenset[str] | None] = {}
    for s in summaries:
        name = s.registered or s.name
        if name is not None and s.directives:
            key = (s.scope, name)
            by_name.setdefault(key, []).append(s)
            # Each file's findings are filtered by its own settings later: run what any member enables.
            have = codes.get(key, frozenset())
            codes[key] = None if have is None or s.codes is None else have | s.codes
    return [(name, by_name[name], codes[name]) for name in sorted(by_name) if len(by_name[name]) >= 2]


def group_key(name: tuple[str, str], members: list[Summary], codes: frozenset[str] | None) -> bytes | None:
    """What a group's findings depend on (its name, the enabled codes, the members'
    paths and text hashes, in order); None when a member has no text hash."""
    if not all(m.digest is not None for m in members):
        return None
    wanted = None if codes is None else sorted(codes)
    from ..cache import blake2b

    return blake2b(repr((name, wanted, [(m.path, m.digest) for m in members])).encode(), digest_size=16).digest()


def group_findings(members: list[Summary], codes: frozenset[str] | None) -> list[Diagnostic]:
    """The conflicts across one name group's files."""
    from ..conflicts.engine import across

    return merge_copies([to_diagnostic(c) for c in across([list(m.unpacked_directives()) for m in members], codes)])


def merge_copies(found: list[Diagnostic]) -> list[Diagnostic]:
    """One finding where one rule conflicts with the same rule in several files.

    Copies of a file (the same file name, the same line and text) give one rule
    the same conflict with each copy: those findings have the same code, place
    and message. They become one finding that lists up to ``RELATED_CAP`` of the
    other sides (in path order) and says how many there are, so the report grows with the group,
    not with its square. Findings without copies are unchanged."""
    from .project import RELATED_CAP

    index: dict[tuple, int] = {}
    merged: list[list[Diagnostic]] = []
    for d in found:
        key = (d.code, d.path, d.span.line, d.span.column, d.message)
        at = index.get(key)
        if at is None:
            index[key] = len(merged)
            merged.append([d])
        else:
            merged[at].append(d)
    out = []
    for ds in merged:
        first = ds[0]
        if len(ds) == 1:
            out.append(first)
            continue
        related = tuple(sorted((r for d in ds for r in d.related), key=lambda r: (r.path, r.line, r.column)))
        n = len(ds) - 1
        listed = f", {RELATED_CAP} sides listed" if len(related) > RELATED_CAP else ""
        message = f"{first.message} (and the same in {n} more file{'s' if n != 1 else ''}{listed})"
        out.append(replace(first, message=message, related=related[:RELATED_CAP]))
    return out


def project_pass(summaries: Iterable[Summary]) -> Iterator[Diagnostic]:
    """Conflicts across files that share a `name`, from each file's summary (the
    linter runs the same groups with its cache and its workers: ``linter._project_pass``).
    Only groups of two or more files read their directives."""
    for _, members, codes in name_groups(summaries):
        yield from group_findings(members, codes)


# Every AK5xx rule shares the cross-file pass (the linter runs it once, then keeps the enabled codes).
for _code in ALL_CODES:
    REGISTRY[_code] = replace(REGISTRY[_code], project_check=project_pass)
