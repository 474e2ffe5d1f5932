#!/usr/bin/env python3
"""Mine the agent corpus for the choices authors prescribe; check and refresh agentkit/data/conflict_vocab.json.

Usage:
    python benchmarks/conflicts/mine_vocab.py [CORPUS] [--vocab FILE] [--report] [--discover] [--expand] [--hypernyms] [--write] [--top N]

CORPUS defaults to ../shared/corpus (relative to the repository root); when it is absent the
script says so and exits 0. Every `.md` file under CORPUS is read (SOURCES.md and licences
excepted); fenced code blocks and the frontmatter are skipped.

A *directive* is a list item, a table row, or a sentence of a paragraph. It is *prescriptive*
when it carries a modal or imperative cue (must, should, always, never, use, prefer, avoid,
only, do not, …) or sits under a heading or lead-in listed in the vocabulary's
`polarity_headings`.

--report    families ranked by the number of files that name a member in a prescriptive
            directive, each with member counts and example phrasings (file:line); then status
            codes per role, quantities, polarity headings and synonyms, with file counts.
--discover  what the vocabulary does not know yet: contrast pairs ("X instead of Y", "prefer X
            over Y"), frequent technical names in prescriptive directives, the words next to
            HTTP status codes, numbers with units and their nouns, unclassified headings.
--expand    family expansion by coordination: names that authors list side by side with
            members of one family ("Jest, Mocha or Vitest", "Memcached or Redis", "pnpm vs
            npm", "Podman instead of Docker") in 4 or more files, next to 2 or more of its
            members, in lists where that family's members are at least a third of the items,
            at least 60% of their lists with any member being with this family's, written as
            a name (capitalised, an identifier or a code span) at least 4 times as often as
            a lowercase word of prose, and each a whole list item ("Azure DevOps" names no
            "DevOps"); then pairs of unknown names listed together (new families to curate).
            With --write, the accepted names become members of their family (their file
            counts under `mined_members`); REVIEWED_OUT lists the ones a reviewer turned down.
--hypernyms instance -> class pairs from "X such as Y, Z", "X (e.g. Y)", "Y and other X" seen in
            two or more files, for a reviewer to read (the corpus states few of them twice:
            nothing is written).
--write     store the counts in the vocabulary (corpus_files, member_files, contrast_files,
            code_files), atomically; the rest of the file is kept as it is.

The output is deterministic: files are read in sorted order and ties sort by name.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from agentkit.document import load_text  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
DEFAULT_VOCAB = ROOT / "agentkit" / "data" / "conflict_vocab.json"

CUE = re.compile(
    r"\b(must|should|shall|always|never|only|avoid|prefer(?:red|s)?|use|using|don't|do not|does not|doesn't|"
    r"required?|requires|ensure|mandatory|forbidden|prohibited|recommended|instead of|rather than|"
    r"make sure|need to|needs to|have to|has to|no more than|at least|at most|maximum|minimum|max|min|"
    r"keep|limit|stick to|choose|pick|default to|standardi[sz]e on|utili[sz]e|leverage|employ|adopt|refrain|"
    r"enforce|follow|run|write|return|set)\b",
    re.I,
)
CONTRAST = re.compile(r"\b(instead of|rather than|over|not|vs\.?|versus|in place of|replace[sd]? with)\b", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z`*\"'(])")
CODE_SPAN = re.compile(r"`([^`]+)`")
MARKUP = re.compile(r"[*_]{1,3}|<[^>]{1,40}>")
HTTP_CODE = re.compile(r"(?<![\w.$/-])([1-5][0-9]{2})(?![\w%.,/-]|\.\d)")
HTTP_CONTEXT = re.compile(r"\b(http|status|statuses|returns?|returning|respond|responds|response|responses|errors?|codes?)\b", re.I)
NUMBER_UNIT = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?)\s*(%|percent|lines? of code|lines?|loc|characters?|chars?|columns?|ms|milliseconds?|seconds?|secs?|s|"
    r"minutes?|mins?|hours?|hrs?|h|days?|weeks?|kb|kib|mb|mib|gb|retries|attempts|levels?|parameters?|params|arguments?|args|"
    r"files?|requests?|words?|items?|iterations?|k tokens|tokens?)(?![a-z])",
    re.I,
)
WORD = re.compile(r"[a-z][a-z0-9+#./-]*[a-z0-9+#]|[a-z]", re.I)
TECHNAME = re.compile(r"`([^`\s]{2,40})`|(?<![\w.@/-])([A-Z][a-z]+[A-Z][A-Za-z]+|[A-Za-z]+\.(?:js|ts|io|py)|[A-Z]{2,6}[a-z]*)(?![\w-])")
STOP = set(
    "a an the and or of to in on for with by at from as is are be this that it its use using into your you all any each not no "
    "when if then than over per via only must should always never do does".split()
)


@dataclass(frozen=True)
class Directive:
    path: str
    line: int
    text: str  # markup stripped, original case
    context: str  # heading path and lead-ins, lowercase


def norm_heading(text: str) -> str:
    """A heading or lead-in as polarity_headings lists it: lowercase, no markup, numbering, emoji or trailing colon."""
    text = MARKUP.sub("", text).strip()
    text = re.sub(r"^(\d+(\.\d+)*[.)]?|[ivx]+\.)\s+", "", text, flags=re.I)
    text = re.sub(r"[^\w\s'’/&+-]", " ", text)
    text = text.replace("’", "'")
    return re.sub(r"\s+", " ", text).strip(" :-").lower()


def heading_marks(text: str) -> str:
    return "".join(ch for ch in text if ch in "❌✅✓✗🚫⛔")


def directives(path: str, text: str, leads: list[tuple[str, str]]) -> list[Directive]:
    """Split a file into directives, each with its heading path and lead-in context.

    The units come from agentkit's body scanner; a list item keeps the lead-in of the
    paragraph or parent item that introduces it ("Never:" followed by bullets).
    `leads` collects (normalised heading or lead-in, marks) for the heading report.
    """
    doc = load_text(text, path)
    out: list[Directive] = []
    lead = ""  # a paragraph ending with a colon, until the next heading or paragraph
    parents: list[tuple[int, str]] = []  # (level, text) of enclosing list items
    for unit in doc.body:
        if unit.kind == "code":
            continue
        if unit.kind == "heading":
            lead, parents = "", []
            leads.append((norm_heading(unit.text), heading_marks(unit.text)))
            continue
        clean = MARKUP.sub("", unit.text).strip()
        line = doc.span(unit.start).line
        if unit.kind == "list_item":
            parents = [p for p in parents if p[0] < unit.level]
            ctx = " / ".join([*unit.section, *([lead] if lead else []), *(t for _, t in parents)]).lower()
            out.append(Directive(path, line, clean, ctx))
            if clean.endswith(":"):
                leads.append((norm_heading(clean), heading_marks(unit.text)))
            parents.append((unit.level, clean.rstrip(":")))
            continue
        parents = []
        if unit.kind == "table_row":
            out.append(Directive(path, line, clean, " / ".join([*unit.section, *([lead] if lead else [])]).lower()))
            continue
        if clean.endswith(":") and len(clean) <= 80:
            lead = clean.rstrip(":")
            leads.append((norm_heading(clean), heading_marks(unit.text)))
            continue
        lead = ""
        ctx = " / ".join(unit.section).lower()
        at = unit.start
        for sentence in SENTENCE_END.split(unit.text):
            found = text.find(sentence[:40], at)
            if found >= 0:
                at = found
            clean = MARKUP.sub("", sentence).strip()
            if clean:
                out.append(Directive(path, doc.span(at).line, clean, ctx))
    return out


def proper_noun(text: str, at: int) -> bool:
    """The word at `at` is capitalised inside a sentence (React, Go, Bun), not at its start."""
    if not text[at : at + 1].isupper():
        return False
    before = text[:at].rstrip(" \t\"'(*_")
    return before != "" and before[-1] not in ".!?:;|-•>" and not before.endswith("→")


def phrase_pattern(forms: list[str]) -> re.Pattern[str]:
    """One alternation over lowercase surface forms, longest first, with word boundaries."""
    alts = "|".join(re.escape(f) for f in sorted(set(forms), key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w@/.-])(?:{alts})(?![\w-]|\.\w)")


class Miner:
    def __init__(self, vocab: dict) -> None:
        self.vocab = vocab
        pol = {p: words for p, words in vocab.get("polarity_headings", {}).items() if p != "exact_only"}
        self.exact_only = set(vocab.get("polarity_headings", {}).get("exact_only", []))
        self.polar_of = {w: p for p, words in pol.items() for w in words}
        self.polar_any = phrase_pattern([w for w in self.polar_of if w not in self.exact_only])
        self.families = {}
        for name, fam in vocab["families"].items():
            form_member = {f: m for m, forms in fam["members"].items() for f in forms}
            ambiguous = set(fam.get("ambiguous", []))
            self.families[name] = (
                phrase_pattern(list(form_member)),
                form_member,
                ambiguous,
                phrase_pattern(fam["role_words"]) if fam["role_words"] else None,
                bool(fam.get("role_required")),
            )
        self.status = {role: phrase_pattern(r["words"]) for role, r in vocab.get("status_roles", {}).items()}
        self.quantities = {q: phrase_pattern(r["words"]) for q, r in vocab.get("quantities", {}).items()}
        self.synonyms = phrase_pattern(list(vocab.get("synonyms", {})))
        self.known_forms = {f for fam in vocab["families"].values() for forms in fam["members"].values() for f in forms}
        self.known_forms |= set(vocab.get("hypernyms", {}))

        self.files = 0
        self.directive_count = 0
        self.prescriptive_count = 0
        self.fam_files: dict[str, set[str]] = defaultdict(set)
        self.member_files: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.contrast_files: dict[str, set[str]] = defaultdict(set)
        self.examples: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.code_role_files: dict[tuple[str, int], set[str]] = defaultdict(set)
        self.code_examples: dict[tuple[str, int], list[tuple[str, int, str]]] = defaultdict(list)
        self.code_words: dict[int, Counter] = defaultdict(Counter)
        self.quantity_files: dict[str, set[str]] = defaultdict(set)
        self.quantity_examples: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
        self.unit_nouns: dict[str, Counter] = defaultdict(Counter)
        self.heading_files: dict[str, set[str]] = defaultdict(set)
        self.synonym_files: dict[str, set[str]] = defaultdict(set)
        self.contrast_pairs: Counter = Counter()
        self.contrast_pair_example: dict[tuple[str, str], tuple[str, int, str]] = {}
        self.technames: dict[str, set[str]] = defaultdict(set)

    def heading_polarity(self, heading: str) -> tuple[str, str] | None:
        """(polarity, phrase) of the longest polarity phrase inside a normalised heading."""
        if heading in self.exact_only:
            return self.polar_of[heading], heading
        found = self.polar_any.findall(heading)
        if not found:
            return None
        phrase = max(found, key=lambda f: (len(f), f))
        return self.polar_of[phrase], phrase

    def prescriptive(self, d: Directive) -> bool:
        if CUE.search(d.text) or "❌" in d.text or "✅" in d.text:
            return True
        return any(self.heading_polarity(norm_heading(part)) for part in d.context.split(" / ") if part)

    def add_file(self, rel: str, text: str) -> None:
        self.files += 1
        leads: list[tuple[str, str]] = []
        ds = directives(rel, text, leads)
        for heading, _marks in leads:
            if heading:
                self.heading_files[heading].add(rel)
        for d in ds:
            self.directive_count += 1
            if self.prescriptive(d):
                self.prescriptive_count += 1
                self.scan_families(d)
                self.scan_quantities(d)
                self.scan_synonyms(d)
                self.scan_discovery(d)
            self.scan_status(d)

    def scan_families(self, d: Directive) -> None:
        low = d.text.lower()
        spans = {s.lower() for s in CODE_SPAN.findall(d.text)}
        for name, (pattern, form_member, ambiguous, role, role_required) in self.families.items():
            hits = list(pattern.finditer(low))
            if not hits:
                continue
            found = [h.group() for h in hits]
            has_role = role is not None and role.search(low) is not None
            members = set()
            for h in hits:
                form = h.group()
                if form in ambiguous and not (
                    has_role or form in spans or any(f not in ambiguous for f in found) or (not role_required and proper_noun(d.text, h.start()))
                ):
                    continue
                members.add(form_member[form])
            if not members:
                continue
            self.fam_files[name].add(d.path)
            for m in members:
                self.member_files[name][m].add(d.path)
            if len(members) >= 2 and CONTRAST.search(low):
                self.contrast_files[name].add(d.path)
            ex = self.examples[name]
            if len(ex) < 40:
                ex.append((d.path, d.line, d.text))

    def scan_status(self, d: Directive) -> None:
        codes = [int(c) for c in HTTP_CODE.findall(d.text) if 100 <= int(c) <= 599]
        if not codes or not HTTP_CONTEXT.search(d.text):
            return
        low = d.text.lower()
        for m in HTTP_CODE.finditer(d.text):
            code = int(m.group(1))
            if not 100 <= code <= 599:
                continue
            # the words tied to this code: its reason phrase after it, else the words before it,
            # never crossing a neighbouring code or a clause boundary
            prev_end = max([x.end() for x in HTTP_CODE.finditer(d.text) if x.end() <= m.start()] + [0])
            next_start = min([x.start() for x in HTTP_CODE.finditer(d.text) if x.start() >= m.end()] + [len(low)])
            after = low[m.end() : min(next_start, m.end() + 40)]
            after = re.split(r"[,;|]| or | and ", after)[0]
            before = low[max(prev_end, m.start() - 50) : m.start()]
            before = re.split(r"[,;|.]| or | and |→|->| instead of | rather than | not ", before)[-1]
            roles = [role for role, pattern in self.status.items() if pattern.search(after)]
            if not roles:
                roles = [role for role, pattern in self.status.items() if pattern.search(before)]
            for role in roles:
                self.code_role_files[(role, code)].add(d.path)
                ex = self.code_examples[(role, code)]
                if len(ex) < 3:
                    ex.append((d.path, d.line, d.text))
            after_words = [w for w in WORD.findall(after) if w not in STOP][:2]
            before_words = [w for w in WORD.findall(before) if w not in STOP][-2:]
            if after_words:
                self.code_words[code][" ".join(after_words)] += 1
            if before_words:
                self.code_words[code]["… " + " ".join(before_words)] += 1

    def scan_quantities(self, d: Directive) -> None:
        low = d.text.lower()
        hits = list(NUMBER_UNIT.finditer(low))
        if not hits:
            return
        for q, pattern in self.quantities.items():
            entry = self.vocab["quantities"][q]
            units = set(entry.get("units", {})) | {entry["unit"]}
            for h in hits:
                if h.group(2) in units and pattern.search(low[max(0, h.start() - 60) : h.end() + 30]):
                    self.quantity_files[q].add(d.path)
                    if len(self.quantity_examples[q]) < 3:
                        self.quantity_examples[q].append((d.path, d.line, d.text))
                    break
        for h in hits:
            unit = h.group(2)
            unit = {"percent": "%", "loc": "lines"}.get(unit, unit.removesuffix("s") if len(unit) > 3 else unit)
            before = [w for w in WORD.findall(low[max(0, h.start() - 40) : h.start()]) if w not in STOP and not w.isdigit()]
            if before:
                self.unit_nouns[unit][before[-1]] += 1

    def scan_synonyms(self, d: Directive) -> None:
        for form in set(self.synonyms.findall(d.text.lower())):
            self.synonym_files[form].add(d.path)

    def scan_discovery(self, d: Directive) -> None:
        for m in re.finditer(
            r"(?:prefer|use|choose|favou?r)\s+`?([\w.+#/-]+(?:\s[\w.+#/-]+)?)`?\s+(?:over|instead of|rather than|to)\s+`?([\w.+#/-]+(?:\s[\w.+#/-]+)?)",
            d.text,
            re.I,
        ):
            pair = (m.group(1).lower(), m.group(2).lower())
            self.contrast_pairs[pair] += 1
            self.contrast_pair_example.setdefault(pair, (d.path, d.line, d.text))
        for m in TECHNAME.finditer(d.text):
            name = (m.group(1) or m.group(2)).lower().strip(".,:;()")
            if len(name) >= 2 and name not in self.known_forms and not name.isdigit():
                self.technames[name].add(d.path)

    def counts(self) -> dict:
        fams = {}
        for name in self.vocab["families"]:
            fams[name] = {
                "corpus_files": len(self.fam_files.get(name, ())),
                "member_files": {m: len(self.member_files[name].get(m, ())) for m in self.vocab["families"][name]["members"]},
                "contrast_files": len(self.contrast_files.get(name, ())),
            }
        codes: dict[str, dict[str, int]] = defaultdict(dict)
        for (role, code), files in sorted(self.code_role_files.items()):
            codes[role][str(code)] = len(files)
        return {"families": fams, "code_files": codes, "quantity_files": {q: len(f) for q, f in self.quantity_files.items()}}


# ---------------------------------------------------------------- family expansion by coordination
# Authors name the options of one choice side by side: "Jest, Mocha or Vitest", "pnpm vs
# npm", "use Podman instead of Docker", "| Tool | Jest / Vitest |". A name that stands in
# such lists next to members of one family, in several files, is another member of it.
COORD_SEP = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s*/\s*|\s+(?:or|and|nor|vs\.?|versus|instead\s+of|rather\s+than|over|in\s+place\s+of)\s+)"
COORD_ITEM = r"(?:\x02\d+\x02|`[^`\n]{1,40}`|[A-Za-z][\w.+#-]*[\w+#]|[A-Za-z])"
COORD = re.compile(COORD_ITEM + "(?:" + COORD_SEP + COORD_ITEM + ")+")
COORD_SPLIT = re.compile(COORD_SEP)
IDENT_SHAPE = re.compile(r"^(?:[A-Z][a-z0-9]+[A-Z][\w]*|[A-Z]{2,}[\w.+#-]*|[A-Z][a-z][\w.+#-]*|[\w+#-]*[0-9.+#][\w.+#-]*)$")
NAME_BEFORE = re.compile(r"(?:[A-Z][\w.+#-]*|\x02\d+\x02)[ -]$")  # the item is the end of a longer name
NAME_AFTER = re.compile(r"[ -](?:[A-Z0-9][\w.+#-]*|\x02\d+\x02)|[\w-]")  # … or its start ("Drone CI", "Oracle-specific")
LOWER_WORD = re.compile(r"(?<![\w`.@/-])([a-z][a-z0-9+#-]*[a-z0-9+#])(?![\w`-])")


# Candidates a reviewer read and turned down (the corpus lists them beside members, but
# they are not an alternative to them); --expand shows them with the reason.
REVIEWED_OUT = {
    ("api_style", "http"): "the transport under REST, GraphQL and WebSockets, not one more style",
    ("css_approach", "postcss"): "a CSS processor used together with Tailwind or Sass",
    ("deployment_strategy", "flagger"): "a tool that runs canary releases, not a strategy",
    ("programming_language", "ksp"): "Kotlin's annotation processor",
    ("python_web_framework", "asgi"): "the server interface FastAPI and Django run on",
}


class Coordinations:
    """Names coordinated with family members ("Jest, Mocha or Vitest"), per file."""

    def __init__(self, vocab: dict) -> None:
        self.vocab = vocab
        self.form_of: dict[str, list[tuple[str, str]]] = defaultdict(list)  # lowercase form -> (family, member)
        for name, fam in vocab["families"].items():
            amb = set(fam.get("ambiguous", []))
            for member, forms in fam["members"].items():
                for f in forms:
                    if f not in amb:
                        self.form_of[f].append((name, member))
        self.all_forms = {f for fam in vocab["families"].values() for forms in fam["members"].values() for f in forms}
        self.known = phrase_pattern(list(self.form_of)) if self.form_of else re.compile(r"(?!)")
        self.evidence: dict[tuple[str, str], set[str]] = defaultdict(set)  # (family, name) -> files
        self.peers: dict[tuple[str, str], set[str]] = defaultdict(set)  # (family, name) -> members it stood next to
        self.with_known: dict[str, set[str]] = defaultdict(set)  # name -> files where it stood next to any member
        self.example: dict[tuple[str, str], tuple[str, int, str]] = {}
        self.pairs: dict[tuple[str, str], set[str]] = defaultdict(set)  # two unknown names side by side -> files
        self.shaped: Counter = Counter()  # name -> occurrences written as a name (capitalised, identifier, code)
        self.lower: Counter = Counter()  # lowercase word -> occurrences written in lowercase prose

    def add(self, d: Directive) -> None:
        forms: list[str] = []

        def mark(m: re.Match[str]) -> str:
            forms.append(m.group())
            return f"\x02{len(forms) - 1}\x02"

        text = d.text
        low_marked = self.known.sub(mark, text.lower())
        # put the original case back outside the marked forms (marks keep their place)
        out, i, j = [], 0, 0
        for m in re.finditer(r"\x02(\d+)\x02", low_marked):
            seg = low_marked[j : m.start()]
            out.append(text[i : i + len(seg)])
            out.append(m.group())
            i += len(seg) + len(forms[int(m.group(1))])
            j = m.end()
        out.append(text[i:])
        marked = "".join(out)
        for w in LOWER_WORD.findall(CODE_SPAN.sub(" ", text)):
            self.lower[w] += 1
        for m in COORD.finditer(marked):
            items = [x for x in COORD_SPLIT.split(m.group()) if x]
            # A list item is a whole name: "Azure DevOps, Jenkins" names no "DevOps".
            if NAME_BEFORE.search(marked, 0, m.start()):
                items[0] = ""
            if NAME_AFTER.match(marked, m.end()):
                items[-1] = ""
            members: list[tuple[str, str]] = []
            names: list[str] = []
            for item in items:
                k = re.fullmatch(r"\x02(\d+)\x02", item)
                if k:
                    members.extend(self.form_of[forms[int(k.group(1))]])
                    continue
                if not item:
                    continue
                code = item.startswith("`")
                name = item.strip("`").strip()
                if not name or name.lower() in STOP or name.lower() in self.all_forms or not (code or IDENT_SHAPE.match(name)):
                    continue
                if not code and m.start() == 0 and item is items[0]:
                    continue  # the first word of a sentence is capitalised anyway
                names.append(name.lower())
                self.shaped[name.lower()] += 1
            count = len([x for x in items if x])
            for name in set(names):
                if members:
                    self.with_known[name].add(d.path)
                for fam, member in members:
                    if 3 * sum(1 for f, _ in members if f == fam) < count:
                        continue  # a long catalogue ("AWS: EC2, Lambda, S3, VPC, CloudFormation, CDK") is no choice among the family's members
                    self.evidence[(fam, name)].add(d.path)
                    self.peers[(fam, name)].add(member)
                    self.example.setdefault((fam, name), (d.path, d.line, d.text))
            if not members:
                uniq = sorted(set(names))
                for a_i, a in enumerate(uniq):
                    for b in uniq[a_i + 1 :]:
                        self.pairs[(a, b)].add(d.path)

    def proper(self, name: str) -> bool:
        """Written as a name far more often than as a lowercase word of prose ("Mocha", not "flow")."""
        return self.lower.get(name, 0) <= 0.25 * max(1, self.shaped.get(name, 0))

    def candidates(self, min_files: int = 4, min_peers: int = 2, share: float = 0.6) -> list[tuple[str, str, int, list[str]]]:
        """(family, name, files, peers) for names to add to a family, most evidence first."""
        best: dict[str, tuple[str, int]] = {}
        for (fam, name), files in self.evidence.items():
            n = len(files)
            if n < min_files or len(self.peers[(fam, name)]) < min_peers or not self.proper(name):
                continue
            if n < share * len(self.with_known[name]):
                continue  # it stands next to members of several families: no evidence for one
            if name not in best or (n, fam) > (best[name][1], best[name][0]):
                best[name] = (fam, n)
        rows = [(fam, name, n, sorted(self.peers[(fam, name)])) for name, (fam, n) in best.items()]
        return sorted(rows, key=lambda r: (r[0], -r[2], r[1]))

    def new_families(self, min_files: int = 3) -> list[tuple[str, str, int]]:
        rows = [(a, b, len(f)) for (a, b), f in self.pairs.items() if len(f) >= min_files and self.proper(a) and self.proper(b)]
        return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))

    def clusters(self, min_files: int = 3) -> list[list[str]]:
        """Groups of unknown names joined by pairs listed together in ``min_files`` files or
        more (connected components), largest first: candidate new families."""
        links: dict[str, set[str]] = defaultdict(set)
        for a, b, _n in self.new_families(min_files):
            links[a].add(b)
            links[b].add(a)
        seen: set[str] = set()
        out = []
        for start in sorted(links):
            if start in seen:
                continue
            group, todo = [], [start]
            while todo:
                x = todo.pop()
                if x in seen:
                    continue
                seen.add(x)
                group.append(x)
                todo.extend(sorted(links[x] - seen))
            out.append(sorted(group))
        return sorted(out, key=lambda g: (-len(g), g))


# ---------------------------------------------------------------- hypernyms from "X such as Y"
# "secrets such as API keys and passwords", "linters (e.g. ESLint, Ruff)", "API keys and other
# secrets": Y is an X. The class is the plural noun phrase before the cue (one or two words),
# the instances the items of the list after it, each one to three words.
SUCH_AS = re.compile(
    r"\b(?P<cls>(?:[a-z][a-z-]+\s)?[a-z][a-z-]+s)\s*(?:,\s*)?(?:\(\s*)?(?:such\s+as|e\.g\.,?|including|like)\s+(?P<items>[^.;:()!?]{2,120})",
    re.I,
)
AND_OTHER = re.compile(r"(?P<items>[\w`'./ -]{2,60}?)\s*,?\s+(?:and|or)\s+other\s+(?P<cls>(?:[a-z][a-z-]+\s)?[a-z][a-z-]+s)\b", re.I)
LIST_SPLIT = re.compile(r"\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+")
HYPER_STOP = set("things items ones others examples cases ways options tools features patterns issues techniques practices aspects areas types kinds uses steps tasks changes details files".split())


class Hypernyms:
    """(instance, class) pairs from "X such as Y, Z", "X (e.g. Y)", "Y and other X", per file."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.example: dict[tuple[str, str], tuple[str, int, str]] = {}

    def add(self, d: Directive) -> None:
        text = CODE_SPAN.sub(lambda m: m.group(1), d.text)
        for m in SUCH_AS.finditer(text):
            self._pairs(d, m.group("cls"), m.group("items"))
        for m in AND_OTHER.finditer(text):
            self._pairs(d, m.group("cls"), LIST_SPLIT.split(m.group("items"))[-1])

    def _pairs(self, d: Directive, cls: str, items: str) -> None:
        cls = cls.lower().strip()
        words = cls.split()
        if words[-1] in HYPER_STOP or any(w in STOP for w in words):
            return
        parts = [p.strip(" `'\"*") for p in LIST_SPLIT.split(items)]
        for part in parts[:6]:
            part = re.split(r"\s+(?:to|for|in|on|with|that|which|when|if|are|is|can|should|must|will|from)\b", part, maxsplit=1)[0].strip().lower()
            n = len(part.split())
            if not 1 <= n <= 3 or part in STOP or not re.match(r"^[a-z0-9@#.][\w .@#/+-]*$", part) or part == cls:
                continue
            self.files[(part, cls)].add(d.path)
            self.example.setdefault((part, cls), (d.path, d.line, d.text))

    def accepted(self, min_files: int = 3) -> list[tuple[str, str, int]]:
        rows = [(inst, cls, len(f)) for (inst, cls), f in self.files.items() if len(f) >= min_files]
        return sorted(rows, key=lambda r: (r[1], -r[2], r[0]))


def expand(coords: Coordinations, top: int) -> None:
    print("== Expansion: names coordinated with members of one family (files, members they stood next to) ==")
    for fam, name, n, peers in coords.candidates():
        path, line, text = coords.example[(fam, name)]
        out = REVIEWED_OUT.get((fam, name))
        print(f"{fam:28} + {name:24} {n:3} files  next to {', '.join(peers[:5])}" + (f"   (reviewed out: {out})" if out else ""))
        print(f"    {path}:{line}: {short(text)}")
    print("\n== Expansion: unknown names listed together in 3 or more files, grouped (candidate new families) ==")
    for group in coords.clusters():
        print(f"{len(group):3}  {', '.join(group)}")


def write_expansion(vocab: dict, coords: Coordinations) -> int:
    """Add the mined names to their families (their own member each), recorded under
    ``mined_members`` with the files that support them; returns how many were added."""
    added = 0
    for fam, name, n, _peers in coords.candidates():
        if (fam, name) in REVIEWED_OUT:
            continue
        spec = vocab["families"][fam]
        member = re.sub(r"[^a-z0-9]+", "_", name).strip("_")
        if not member or not member[0].isalpha() or member in spec["members"]:
            continue
        spec["members"][member] = [name]
        spec.setdefault("mined_members", {})[member] = n
        added += 1
    return added


def corpus_files(corpus: Path) -> list[Path]:
    skip = {"SOURCES.md", "LICENSE.md", "README.md"}
    return sorted(p for p in corpus.rglob("*.md") if p.is_file() and not (p.parent == corpus and p.name in skip))


def short(text: str, width: int = 110) -> str:
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def report(miner: Miner, top: int) -> None:
    c = miner.counts()
    print(
        f"{miner.files} files, {miner.directive_count} directives, {miner.prescriptive_count} prescriptive "
        f"({100 * miner.prescriptive_count / max(1, miner.directive_count):.0f}%)\n"
    )
    print("== Families (files naming a member in a prescriptive directive) ==")
    ranked = sorted(c["families"].items(), key=lambda kv: (-kv[1]["corpus_files"], kv[0]))
    for name, info in ranked[:top]:
        fam = miner.vocab["families"][name]
        flag = "exclusive" if fam["exclusive"] else "combinable"
        members = ", ".join(f"{m} {n}" for m, n in sorted(info["member_files"].items(), key=lambda kv: (-kv[1], kv[0])) if n)
        print(f"{name:28} {info['corpus_files']:4} files  {flag:10} contrast {info['contrast_files']:2}  | {members}")
        for path, line, text in pick_examples(miner.examples.get(name, []), 2):
            print(f"    {path}:{line}: {short(text)}")
    empty = [name for name, info in ranked if not info["corpus_files"]]
    if empty:
        print(f"(no prescriptive mention: {', '.join(empty)})")
    unseen = [f"{n}.{m}" for n, info in ranked for m, k in info["member_files"].items() if not k and info["corpus_files"]]
    if unseen:
        print(f"(members never seen: {', '.join(unseen)})")

    print("\n== Status codes tied to role words (files) ==")
    for role in miner.vocab.get("status_roles", {}):
        found = c["code_files"].get(role, {})
        if found:
            listed = ", ".join(f"{code} {n}" for code, n in sorted(found.items(), key=lambda kv: (-kv[1], kv[0])))
            declared = miner.vocab["status_roles"][role]["codes"]
            print(f"{role:24} {listed}   (declared {declared})")
            best = max(found.items(), key=lambda kv: (kv[1], kv[0]))[0]
            for path, line, text in miner.code_examples[(role, int(best))][:1]:
                print(f"    {path}:{line}: {short(text)}")

    print("\n== Quantities with a number and unit in a prescriptive directive (files) ==")
    for q, n in sorted(c["quantity_files"].items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{q:24} {n:4}")
        for path, line, text in miner.quantity_examples[q][:1]:
            print(f"    {path}:{line}: {short(text)}")

    print("\n== Headings and lead-ins with a polarity (files) ==")
    by_phrase: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, list[str]] = defaultdict(list)
    for h, files in sorted(miner.heading_files.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        hit = miner.heading_polarity(h)
        if hit:
            by_phrase[hit[1]] |= files
            if len(shown[hit[1]]) < 4 and h != hit[1]:
                shown[hit[1]].append(h)
    for phrase, files in sorted(by_phrase.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]:
        also = f"   (e.g. {'; '.join(shown[phrase])})" if shown[phrase] else ""
        print(f"{miner.polar_of[phrase]:9} {len(files):4}  {phrase}{also}")

    print("\n== Synonyms seen in prescriptive directives (files) ==")
    syn = miner.vocab.get("synonyms", {})
    print(", ".join(f"{s}→{syn[s]} {len(f)}" for s, f in sorted(miner.synonym_files.items(), key=lambda kv: (-len(kv[1]), kv[0]))))
    absent = sorted(set(syn) - set(miner.synonym_files))
    if absent:
        print(f"(not seen: {', '.join(absent)})")


def pick_examples(examples: list[tuple[str, int, str]], n: int) -> list[tuple[str, int, str]]:
    """Short examples from different files first."""
    seen, out = set(), []
    for ex in sorted(examples, key=lambda e: (len(e[2]) > 160, e[0], e[1])):
        if ex[0] not in seen:
            seen.add(ex[0])
            out.append(ex)
        if len(out) == n:
            break
    return out


def discover(miner: Miner, top: int) -> None:
    print("\n== Discovery: contrast pairs (prefer X over Y / X instead of Y) ==")
    for (a, b), n in sorted(miner.contrast_pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        path, line, text = miner.contrast_pair_example[(a, b)]
        print(f"{n:3}  {a}  >  {b}    {path}:{line}")
    print("\n== Discovery: technical names in prescriptive directives not in the vocabulary (files) ==")
    ranked = sorted(miner.technames.items(), key=lambda kv: (-len(kv[1]), kv[0]))[: top * 2]
    print(", ".join(f"{name} {len(files)}" for name, files in ranked))
    print("\n== Discovery: words next to HTTP status codes (occurrences) ==")
    for code in sorted(miner.code_words):
        words = miner.code_words[code].most_common(6)
        if sum(n for _, n in words) >= 3:
            print(f"{code}: " + "; ".join(f"{w} {n}" for w, n in words))
    print("\n== Discovery: numbers with units, by the word before them (occurrences) ==")
    for unit, nouns in sorted(miner.unit_nouns.items(), key=lambda kv: -sum(kv[1].values()))[:20]:
        print(f"{unit:10} " + ", ".join(f"{w} {n}" for w, n in nouns.most_common(10)))
    print("\n== Discovery: frequent headings and lead-ins without a polarity (files) ==")
    cue = re.compile(r"\b(avoid|never|not|don't|anti|mistake|pitfall|red flag|smell|wrong|bad|forbid|prohibit|constraint|rule|must|always|do|best practice|guideline|requirement|principle|standard|limit|restrict|boundar|warning|caution|critical|important)", re.I)
    rows = sorted(((len(f), h) for h, f in miner.heading_files.items() if not miner.heading_polarity(h) and cue.search(h)), reverse=True)
    print(", ".join(f"{h} {n}" for n, h in rows[: top * 2]))


def write_counts(vocab_path: Path, vocab: dict, miner: Miner) -> None:
    c = miner.counts()
    for name, fam in vocab["families"].items():
        info = c["families"][name]
        fam["corpus_files"] = info["corpus_files"]
        fam["member_files"] = info["member_files"]
        fam["contrast_files"] = info["contrast_files"]
    for role, r in vocab.get("status_roles", {}).items():
        found = c["code_files"].get(role)
        if found:
            r["code_files"] = dict(sorted(found.items()))
        else:
            r.pop("code_files", None)
    for q, r in vocab.get("quantities", {}).items():
        r["corpus_files"] = c["quantity_files"].get(q, 0)
    text = dump(vocab) + "\n"
    fd, tmp = tempfile.mkstemp(dir=vocab_path.parent, prefix=".conflict_vocab.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, vocab_path)
    except BaseException:
        os.unlink(tmp)
        raise


def dump(obj: object, indent: int = 0) -> str:
    """JSON with one entry per line down to lists, which stay on one line: small diffs, easy to read."""
    if isinstance(obj, dict) and any(isinstance(v, (dict, list)) for v in obj.values()) or isinstance(obj, dict) and len(obj) > 8:
        pad = " " * (indent + 1)
        inner = ",\n".join(f"{pad}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 1)}" for k, v in obj.items())
        return "{\n" + inner + "\n" + " " * indent + "}"
    return json.dumps(obj, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--vocab", default=str(DEFAULT_VOCAB))
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--discover", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--expand", action="store_true")
    ap.add_argument("--hypernyms", action="store_true")
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"corpus not found at {corpus}: nothing to mine (pass the corpus folder as the first argument)", file=sys.stderr)
        return 0
    vocab_path = Path(args.vocab)
    try:
        vocab = json.loads(vocab_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read the vocabulary {vocab_path}: {exc}", file=sys.stderr)
        return 2
    miner = Miner(vocab)
    coords = Coordinations(vocab) if args.expand else None
    hyper = Hypernyms() if args.hypernyms else None
    for path in corpus_files(corpus):
        rel, text = path.relative_to(corpus).as_posix(), path.read_text(encoding="utf-8", errors="replace")
        miner.add_file(rel, text)
        if coords is not None or hyper is not None:
            for d in directives(rel, text, []):
                for sink in (coords, hyper):
                    if sink is not None:
                        sink.add(d)
    if hyper is not None:
        print("== Hypernyms: instance -> class from \"X such as Y\", \"X (e.g. Y)\", \"Y and other X\" (files) ==")
        for inst, cls, n in hyper.accepted(2)[: args.top * 3]:
            print(f"{n:3}  {inst} -> {cls}")
    if coords is not None:
        if args.write:
            print(f"added {write_expansion(vocab, coords)} mined members", file=sys.stderr)
        else:
            expand(coords, args.top)
    if args.report or not (args.write or args.discover or args.expand or args.hypernyms):
        report(miner, args.top)
    if args.discover:
        discover(miner, args.top)
    if args.write:
        write_counts(vocab_path, vocab, miner)
        print(f"wrote counts to {vocab_path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
