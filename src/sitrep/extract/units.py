"""Military units and forces named in a report, resolved against the unit registry.

Five kinds of mention, each found by one small scanner over the raw text (no re-tokenising):

- numbered units: an ordinal, then honorific / branch / side words, then an echelon word
  ("247th Guards Airborne Regiment", "the 93rd brigade", "the 104th and 234th Regiments");
- named units and forces, matched as written from the registry's aliases ("Wagner PMC", "Azov",
  "Rosgvardia", "VDV", "Kholodnyi Yar"), with regional detachments ("OMON ... from Khakassia");
- service-level forces after a side word ("Russia's most elite airborne forces", "Ukraine's
  National Guard");
- Russian military unit numbers ("military unit 54801", "v/ch 54801");
- back-references: "the regiment", "its commander's regiment" -> the last named regiment
  (``attrs={"anaphor": True}``), and a bare "the 247th" after the 247th was named.

Every mention of one unit shares one ``Unit`` (ids u1, u2 ... in order of first mention) whose
evidence lists every span. The lexicons are ``lexicons/units_*.tsv``; the registry is
``sitrep.gazetteer.units``. See docs/units.md for the rules and the choices behind them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.extract.context import Context
from sitrep.lexicons import load_lines, load_table
from sitrep.gazetteer.units import (
    NameLexicon,
    ParsedName,
    UnitEntry,
    UnitRegistry,
    NameBuilder,
    match_term,
    name_lexicon,
    normalise_alias,
    registry,
)
from sitrep.model import Mention, Span, Unit
from sitrep.text import alternation, longest_first

LABEL = "unit"
_MAX_NAME_WORDS = 8  # words between an ordinal and the echelon word, at most
_MAX_PROPER = 2  # unknown capitalised words allowed inside a numbered name ("4th Guards Kantemirovskaya Tank Division")
_SIDE_WINDOW = 60  # characters before a mention searched for "Russian" / "Ukrainian"
_UNIT_ANAPHOR_SENTENCES = 3  # "the unit" reaches back at most this many sentences

# Priorities when candidate spans overlap: a unit number or a named unit beats a force phrase,
# which beats a back-reference.
_PRIORITY = {"number": 5, "numbered": 4, "alias": 4, "force": 3, "bare": 2, "anaphor": 1}

_SEP = r"[ \t\u00a0]+"
_WORD = re.compile(r"[ \t\u00a0]+(?:([\"“«][^\"”»\n]{1,40}[\"”»])|([A-Za-z][A-Za-z-]*))")
_COORDINATION = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)(?=\d)")
_SENTENCE_OPENERS = frozenset(".!?\n\"“‘'(:;")


# --- compiled patterns and tables, built once ---------------------------------------------------------
#
# Speed: one scan of the text finds every trigger (ordinals and unit numbers, registry aliases, side
# word + force phrases). Every top-level alternative of that regex starts with a literal character,
# so the regex engine skips ahead to candidate characters (digits and capitals) instead of trying a
# big alternation at every position. Word boundaries are checked in Python for the same reason.
# Back-references ("the regiment") need a second scan, run only when a unit was found.


@dataclass(frozen=True)
class _Patterns:
    master: re.Pattern  # digits, aliases and side-qualified forces, in one scan
    alias_entries: dict[str, UnitEntry]
    alias_exact: dict[str, str]  # normalised alias -> the alias as the registry writes it
    blockers: dict[str, tuple[re.Pattern | None, re.Pattern | None]]
    force: re.Pattern  # reads a side-qualified force phrase found by the master scan
    forces: dict[str, str]  # normalised force phrase -> force key
    sides: dict[str, str]  # side word (normalised) -> ISO
    side: re.Pattern
    number_cue: re.Pattern  # "military unit", "v/ch" ... right before a 5-digit number
    echelon_word: re.Pattern  # bare echelon nouns, for back-references
    determiner: re.Pattern  # "the", "its commander's" ... right before an echelon noun
    anaphor_echelons: dict[str, str]  # word -> echelon ('unit' -> '')
    region_after: re.Pattern
    region_before: re.Pattern
    singular: dict[str, str]  # plural echelon word -> singular
    ordinal_blockers: frozenset[str]
    regions: frozenset[str]  # one-word region names ("Khakassia", "Kemerovo") from places_regions.tsv
    ranks: dict[str, int]  # echelon -> rank (1 army .. 8 squad; 0 outside the chain)
    ordinal_words: dict[str, int]  # "First" -> 1


def _apostrophes(pattern: str) -> str:
    return pattern.replace("'", "['’]")


def _alternation(phrases) -> str:
    """Longest first, spaces as runs of blanks, apostrophes straight or curly."""
    return _apostrophes(alternation((p.lower() for p in phrases), space=_SEP))


def _insensitive(word: str) -> str:
    return f"(?i:{_apostrophes(re.escape(word))})" if word else ""


def _trie_branches(phrases: list[str]) -> list[str]:
    """Aliases as a word trie: top-level branches start with the capital letter written literally
    (names are capitalised in text), the rest matches in any case; shared prefixes are factored out."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word in phrase.lower().replace("’", "'").split():
            node = node.setdefault(word, {})
        node[""] = {}

    def build(node: dict, top: bool) -> list[str]:
        alternatives = []
        for word in longest_first(w for w in node if w):
            child = node[word]
            piece = re.escape(word[0].upper()) + _insensitive(word[1:]) if top else _insensitive(word)
            if any(k for k in child):
                rest = _SEP + "(?:" + "|".join(build(child, False)) + ")"
                piece += f"(?:{rest})?" if "" in child else rest
            alternatives.append(piece)
        return alternatives

    return build(trie, True)


def _force_branches(side_words: list[str], modifiers: str, forces: str) -> list[str]:
    """'Russia's most elite airborne forces': a side word, optional modifiers, a force phrase."""
    tail = f"(?:{_SEP}(?:{modifiers}))*?{_SEP}(?i:{forces})(?![\\w])"
    by_initial: dict[str, list[str]] = {}
    for word in longest_first(side_words):
        by_initial.setdefault(word[0], []).append(_apostrophes(re.escape(word[1:])))
    return [re.escape(c) + "(?:" + "|".join(rests) + ")" + tail for c, rests in sorted(by_initial.items())]


_ORDINAL_TAIL = r"\d{0,4}(?:st|nd|rd|th|-th|-st|-nd|-rd|-й|-я)?(?![\w%]|[.,]\d)"
_ORDINAL = re.compile(r"(\d{1,5})(st|nd|rd|th|-th|-st|-nd|-rd|-й|-я)?(?![\w%]|[.,]\d)")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    reg = registry()
    aliases = reg.text_aliases()
    alias_entries = {normalise_alias(a): e for a, e in aliases}
    alias_exact = {normalise_alias(a): a for a, _ in aliases}
    blockers = {
        row["alias"].lower(): (
            re.compile(row["before"] + "$") if row["before"] else None,
            re.compile(row["after"]) if row["after"] else None,
        )
        for row in load_table("units_blockers.tsv")
    }
    side_words = [r["word"] for r in load_table("side_words.tsv")]
    sides = {normalise_alias(w): r["side"] for w, r in zip(side_words, load_table("side_words.tsv"))}
    side_alt = _apostrophes(alternation(side_words, space=" "))
    forces = {normalise_alias(r["phrase"]): r["key"] for r in load_table("units_forces.tsv")}
    modifiers = _alternation(load_lines("units_modifiers.txt"))
    acronyms = [a for a, _ in aliases if a.isupper()]
    names = [a for a, _ in aliases if not a.isupper()]
    ordinal_words = {r["word"]: int(r["number"]) for r in load_table("units_ordinal_words.tsv")}
    branches = [d + _ORDINAL_TAIL for d in "0123456789"]
    branches += [re.escape(w) + r"(?![\w])" for w in longest_first(ordinal_words)]
    branches += [re.escape(a) + r"(?![\w])" for a in longest_first(acronyms)]
    branches += [f"(?:{b})(?![\\w])" for b in _trie_branches(names)]
    branches += _force_branches(side_words, modifiers, _alternation(forces))
    cues = _alternation(load_lines("units_number_cues.txt"))
    echelons = load_table("units_echelons.tsv")
    anaphor_echelons = {r["word"]: r["echelon"] for r in echelons if r["anaphor"] == "1" and " " not in r["word"]}
    anaphor_echelons["unit"] = ""
    echelon_words = alternation({w for e in anaphor_echelons for w in (e, e.title())}, space=" ")
    determiners = _alternation(load_lines("units_determiners.txt"))
    personnel = _alternation(load_lines("units_personnel.txt"))
    region = r"([A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){0,2})"
    singular = {}
    by_echelon = {r["echelon"]: r["word"] for r in echelons if r["plural"] == "0"}
    for r in echelons:
        if r["plural"] == "1":
            singular[r["word"]] = by_echelon.get(r["echelon"], r["word"])
    return _Patterns(
        master=re.compile("|".join(branches)),
        alias_entries=alias_entries,
        alias_exact=alias_exact,
        blockers=blockers,
        force=re.compile(rf"({side_alt})(?:{_SEP}(?:{modifiers}))*?{_SEP}((?i:{_alternation(forces)}))"),
        forces=forces,
        sides=sides,
        side=re.compile(rf"\b(?:{side_alt})(?![\w])"),
        number_cue=re.compile(rf"(?<![\w/])(?i:{cues})[ \t]*(?i:no\.?|number|№|#)?[ \t]*:?[ \t]*$"),
        echelon_word=re.compile(echelon_words + r"(?![\w])(?!['’]?[ \t]*\d)"),
        determiner=re.compile(rf"\b(?i:{determiners})(?:{_SEP}(?:(?i:{modifiers})|[A-Za-z]+['’]s)){{0,2}}{_SEP}$"),
        anaphor_echelons=anaphor_echelons,
        region_after=re.compile(
            rf"(?:{_SEP}(?i:{personnel})){{0,4}}{_SEP}(?:from|of){_SEP}(?:the{_SEP})?"
            rf"(?:(?:Republic|Region|Oblast|Krai){_SEP}of{_SEP})?{region}"
        ),
        region_before=re.compile(r"([A-Z][\w'’-]+)[ \t]+$"),
        singular=singular,
        ordinal_blockers=frozenset(w.lower() for w in load_lines("units_ordinal_blockers.txt")),
        regions=_region_words(),
        ranks={r["echelon"]: int(r["rank"] or 0) for r in echelons},
        ordinal_words=ordinal_words,
    )


def _region_words() -> frozenset[str]:
    """Single-word region names from the places lexicon (read only; it belongs to the places stage)."""
    words = set()
    for row in load_table("places_regions.tsv"):
        for cell in (row.get("name", ""), row.get("aliases", ""), row.get("bare", "")):
            words.update(a.strip().lower() for a in cell.split("|") if a.strip() and " " not in a.strip())
    return frozenset(words)


def warm() -> None:
    """Load the registry and compile the patterns now (the CLI calls stages before the first file)."""
    _patterns()


# --- candidates ---------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    start: int
    end: int
    kind: str  # numbered|alias|force|number|bare|anaphor
    name: str = ""
    parsed: ParsedName | None = None
    entry: UnitEntry | None = None
    region: str | None = None
    unit_number: str | None = None
    echelon: str | None = None  # anaphors: the echelon referred to ('' = any)
    number: int | None = None  # bare ordinals

    @property
    def priority(self) -> int:
        return _PRIORITY[self.kind]


_NO_DIGIT_BEFORE = frozenset(".,/$£€%-_")


def _scan(text: str, pat: _Patterns, reg: UnitRegistry, lexicon: NameLexicon) -> list[_Candidate]:
    """The one scan: route each trigger to its reader."""
    out: list[_Candidate] = []
    covered = 0  # end of the last numbered name: ordinals inside it were read with it
    for m in pat.master.finditer(text):
        start = m.start()
        before = text[start - 1] if start else " "
        if before.isalnum():
            continue  # not at a word start
        first = text[start]
        if first.isdigit():
            if before in _NO_DIGIT_BEFORE or start < covered:
                continue
            if len(m.group(0)) == 5 and m.group(0).isdigit():
                out.extend(_unit_number(text, m, pat))
                continue
            found = _numbered(text, start, pat, lexicon)
            if found:
                covered = max(c.end for c in found)
                out.extend(found)
            continue
        number = pat.ordinal_words.get(m.group(0))
        if number is not None:
            out.extend(_numbered_word(text, m, number, lexicon))
            continue
        key = normalise_alias(m.group(0))
        entry = pat.alias_entries.get(key)
        if entry is not None:
            cand = _alias(text, m, key, entry, pat)
        else:
            cand = _force(text, m, pat, reg)
        if cand is not None:
            out.append(cand)
    return out


def _numbered(text: str, pos: int, pat: _Patterns, lexicon: NameLexicon) -> list[_Candidate]:
    """Ordinal + name words + echelon; coordinated ordinals share the tail ("104th and 234th Regiments")."""
    m = _ORDINAL.match(text, pos)
    if m is None or len(m.group(1)) > 4:
        return []
    ordinals = [m]
    while True:  # "104th, 234th and 237th ..."
        link = _COORDINATION.match(text, ordinals[-1].end())
        nxt = _ORDINAL.match(text, link.end()) if link else None
        if nxt is None or bool(nxt.group(2)) != bool(m.group(2)) or len(nxt.group(1)) > 4:
            break
        ordinals.append(nxt)
    last = ordinals[-1]
    walked = _walk_name(text, last.end(), lexicon, suffixed=bool(last.group(2)))
    if walked is None:
        bare = _bare_ordinal(text, m, pat) if len(ordinals) == 1 and m.group(2) else None
        return [bare] if bare else []
    end, parsed, tail = walked
    if not m.group(2) and (parsed.plural or len(m.group(1)) > 3):
        return []  # "10 brigades", "2022 ..." are counts and years, not units
    coordinated = len(ordinals) > 1 or parsed.plural
    if coordinated:
        tail = _singular_tail(tail, pat)
    out = []
    for o in ordinals:
        unit_parsed = ParsedName(int(o.group(1)), parsed.echelon, False, parsed.branch,
                                 parsed.branch_key, parsed.side_hint, parsed.proper)
        name = f"{o.group(0)} {tail}" if coordinated else text[o.start() : end]
        out.append(_Candidate(o.start(), end if o is last else o.end(), "numbered", " ".join(name.split()), parsed=unit_parsed))
    return out


def _numbered_word(text: str, m: re.Match, number: int, lexicon: NameLexicon) -> list[_Candidate]:
    """'First Guards Tank Army': an ordinal word, then a name whose echelon word is capitalised."""
    walked = _walk_name(text, m.end(), lexicon, suffixed=True, capital_echelon=True)
    if walked is None:
        return []
    end, parsed, _ = walked
    parsed = ParsedName(number, parsed.echelon, False, parsed.branch, parsed.branch_key, parsed.side_hint, parsed.proper)
    return [_Candidate(m.start(), end, "numbered", " ".join(text[m.start() : end].split()), parsed=parsed)]


def _walk_name(
    text: str, pos: int, lexicon: NameLexicon, suffixed: bool, capital_echelon: bool = False
) -> tuple[int, ParsedName, str] | None:
    """Read name words after an ordinal; return (end, parsed name, words as written) up to the last echelon word."""
    first = _WORD.match(text, pos)
    if first is None:
        return None
    word = first.group(1) or first.group(2)
    if word[0] not in "\"“«" and word.lower() not in lexicon.first_words and not (suffixed and _proper_word(word, lexicon)):
        return None  # "55 soldiers", "24th of February": most numbers stop here, cheaply
    words: list[str] = [word]
    starts: list[int] = [first.start(1) if first.group(1) else first.start(2)]
    ends: list[int] = [first.end()]

    def fetch(upto: int) -> None:
        """Read words lazily: most numbers fail on the first or second word."""
        while len(words) <= upto and len(words) < _MAX_NAME_WORDS:
            w = _WORD.match(text, ends[-1])
            if w is None:
                return
            words.append(w.group(1) or w.group(2))
            starts.append(w.start(1) if w.group(1) else w.start(2))
            ends.append(w.end())

    builder = NameBuilder()
    best: tuple[int, ParsedName] | None = None
    proper = 0
    capital = False
    i = 0
    while True:
        fetch(i + lexicon.longest - 1)
        if i >= len(words):
            break
        word = words[i]
        hit = None if word[0] in "\"“«" else match_term(words, i, lexicon)
        if hit is not None:
            n, term = hit
            if term.kind == "echelon":
                written_capital = word[0].isupper()
                if not (written_capital or term.lower_ok or builder.branch or builder.weak_branch):
                    break  # "the 2nd company to ..." is not a unit
                if not suffixed and not (written_capital or capital):
                    break
                if capital_echelon and not written_capital:
                    break
            capital = capital or word[0].isupper()
            builder.add(term, " ".join(words[i : i + n]))
            i += n
            if term.kind == "echelon":
                best = (ends[i - 1], builder.parsed(None))
            continue
        if suffixed and proper < _MAX_PROPER and (word[0] in "\"“«" or _proper_word(word, lexicon)):
            builder.add(None, word)
            proper += 1
            i += 1
            continue
        break
    if best is None:
        return None
    end, parsed = best
    return end, parsed, text[starts[0] : end]


def _proper_word(word: str, lexicon: NameLexicon) -> bool:
    return word[0].isupper() and word.lower() not in lexicon.stopwords and len(word) > 1


def _singular_tail(tail: str, pat: _Patterns) -> str:
    """'Air Assault Regiments' -> 'Air Assault Regiment' (coordinated ordinals each name one unit)."""
    words = tail.split()
    last = words[-1]
    single = pat.singular.get(last.lower())
    if single is not None:
        words[-1] = single.title() if last[0].isupper() else single
    return " ".join(words)


def _bare_ordinal(text: str, m: re.Match, pat: _Patterns) -> _Candidate | None:
    """'the 247th' on its own: a candidate back-reference, kept only if the 247th was named before."""
    if text[max(0, m.start() - 4) : m.start()].lower() != "the ":
        return None
    after = re.match(r"[ \t]+([A-Za-z]+)", text[m.end() : m.end() + 20])
    if after and after.group(1).lower() in pat.ordinal_blockers:
        return None
    if after and after.group(1)[0].isupper():
        return None  # "the 24th Ukrainian ..." led nowhere: not a back-reference
    return _Candidate(m.start() - 4, m.end(), "bare", text[m.start() - 4 : m.end()], number=int(m.group(1)))


def _alias(text: str, m: re.Match, key: str, entry: UnitEntry, pat: _Patterns) -> _Candidate | None:
    written = m.group(0)
    if not _case_ok(written, pat.alias_exact[key]) or _blocked(text, m, key, pat):
        return None
    cand = _Candidate(m.start(), m.end(), "alias", " ".join(written.split()), entry=entry)
    if entry.kind == "regional":
        _attach_region(text, cand, pat)
    return cand


def _case_ok(written: str, alias: str) -> bool:
    """Acronyms must be written in capitals ("OMON", not "omon"); names must start with a capital."""
    if alias.isupper():
        return written == alias
    return written[0].isupper() or written[0] == alias[0]


def _blocked(text: str, m: re.Match, key: str, pat: _Patterns) -> bool:
    rule = pat.blockers.get(key)
    if rule is None:
        return False
    before, after = rule
    if before is not None and before.search(text, max(0, m.start() - 40), m.start()):
        return True
    return after is not None and after.match(text, m.end()) is not None


def _attach_region(text: str, cand: _Candidate, pat: _Patterns) -> None:
    """'OMON special forces troops from Khakassia' / 'Khakassia OMON' -> region Khakassia."""
    after = pat.region_after.match(text, cand.end)
    if after is not None and normalise_alias(after.group(1)) not in pat.sides:
        cand.region, cand.end = after.group(1), after.end()
    else:
        before = pat.region_before.search(text, max(0, cand.start - 40), cand.start)
        if before is not None and _region_word(text, before, pat):
            cand.region, cand.start = before.group(1), before.start(1)
    if cand.region:
        cand.name = f"{_alias_word(text, cand, pat)} from {cand.region}"


def _alias_word(text: str, cand: _Candidate, pat: _Patterns) -> str:
    """The force's own word as written inside a regional mention ("OMON")."""
    for word in text[cand.start : cand.end].split():
        if normalise_alias(word) in pat.alias_entries:
            return word
    return cand.entry.name if cand.entry else ""


def _region_word(text: str, m: re.Match, pat: _Patterns) -> bool:
    word = m.group(1)
    if normalise_alias(word) in pat.sides or word.lower() in name_lexicon().stopwords:
        return False
    k = m.start(1) - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    if k >= 0 and text[k] not in _SENTENCE_OPENERS:
        return True
    return word.lower() in pat.regions  # a capital at a sentence start proves nothing unless it names a region


def _force(text: str, m: re.Match, pat: _Patterns, reg: UnitRegistry) -> _Candidate | None:
    parts = pat.force.fullmatch(m.group(0))
    if parts is None:
        return None
    side = pat.sides.get(normalise_alias(parts.group(1)))
    entry = reg.force(side, pat.forces[normalise_alias(parts.group(2))]) if side else None
    if entry is None:
        return None
    return _Candidate(m.start(), m.end(), "force", f"{parts.group(1)} {parts.group(2)}", entry=entry)


def _unit_number(text: str, m: re.Match, pat: _Patterns) -> list[_Candidate]:
    """'military unit 54801', 'v/ch 54801': the cue is read backwards from the number."""
    cue = pat.number_cue.search(text, max(0, m.start() - 32), m.start())
    if cue is None:
        return []
    return [_Candidate(cue.start(), m.end(), "number", " ".join(text[cue.start() : m.end()].split()), unit_number=m.group(0))]


def _anaphor_candidates(text: str, pat: _Patterns) -> list[_Candidate]:
    """'the regiment', 'its commander's regiment': an echelon noun with a determiner before it."""
    out = []
    for m in pat.echelon_word.finditer(text):
        start = m.start()
        if start and text[start - 1].isalnum():
            continue
        det = pat.determiner.search(text, max(0, start - 40), start)
        if det is not None:
            word = m.group(0).lower()
            out.append(_Candidate(det.start(), m.end(), "anaphor", text[det.start() : m.end()], echelon=pat.anaphor_echelons[word]))
    return out


def _without_overlaps(cands: list[_Candidate]) -> list[_Candidate]:
    """Keep the best of overlapping candidates: higher priority, then longer, then earlier."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.end - c.start), c.start)):
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


# --- resolution: candidates -> Units shared across mentions --------------------------------------------


@dataclass
class _Doc:
    """The units found so far in one document, and how to find them again."""

    units: list[Unit] = field(default_factory=list)
    keys: dict[str, Unit] = field(default_factory=dict)
    parsed: dict[int, ParsedName] = field(default_factory=dict)  # id(unit) -> numbered name
    named_at: dict[int, int] = field(default_factory=dict)  # id(unit) -> offset of its last named mention
    regional_last: dict[str, Unit] = field(default_factory=dict)  # registry id -> last regional detachment

    def add(self, key: str, unit: Unit) -> Unit:
        self.keys[key] = unit
        self.units.append(unit)
        return unit


def _unit_from_entry(name: str, entry: UnitEntry, *, parsed: ParsedName | None = None) -> Unit:
    return Unit(
        id="",
        name=name,
        canonical=entry.name,
        echelon=entry.echelon or (parsed.echelon if parsed else None),
        branch=entry.branch or (parsed.branch if parsed else None),
        side=entry.side,
        garrison=entry.garrison,
        parent=entry.parent,
        unit_number=entry.unit_number,
        registry_id=entry.registry_id,
    )


def _context_side(ctx: Context, start: int, pat: _Patterns) -> str | None:
    """The nearest side word before the mention in its sentence ("Ukraine's 93rd", "Russian 3rd Army Corps")."""
    sentence = ctx.sentence_of(Span(start, start))
    lo = max(start - _SIDE_WINDOW, sentence.start if sentence else 0)
    side = None
    for m in pat.side.finditer(ctx.text, lo, start):
        side = pat.sides.get(normalise_alias(m.group(0)))
    return side


def _compatible(parsed: ParsedName, earlier: ParsedName, unit: Unit, side: str | None) -> bool:
    return (
        parsed.number == earlier.number
        and parsed.echelon == earlier.echelon
        and (parsed.branch_key is None or earlier.branch_key is None or parsed.branch_key == earlier.branch_key)
        and (side is None or unit.side is None or side == unit.side)
    )


def _resolve_numbered(ctx: Context, c: _Candidate, doc: _Doc, reg: UnitRegistry, pat: _Patterns) -> Unit:
    parsed = c.parsed
    assert parsed is not None
    pool = reg.candidates(parsed)
    ctx_side = None
    if len(pool) != 1:
        ctx_side = parsed.side_hint or _context_side(ctx, c.start, pat)
        if ctx_side and len(pool) > 1:
            pool = reg.candidates(parsed, ctx_side)
    entry = pool[0] if len(pool) == 1 else None
    for unit in reversed(doc.units):  # the same unit named again, perhaps more briefly ("the 247th regiment")
        earlier = doc.parsed.get(id(unit))
        if earlier is not None and _compatible(parsed, earlier, unit, entry.side if entry else ctx_side):
            if entry is not None and unit.registry_id is None:
                _fill_from_entry(unit, entry)
            if entry is None or unit.registry_id == entry.registry_id:
                return unit
    if entry is not None and entry.registry_id in doc.keys:
        return doc.keys[entry.registry_id]
    if entry is not None:
        unit = _unit_from_entry(c.name, entry, parsed=parsed)
        key = entry.registry_id
    else:
        unit = Unit(id="", name=c.name, echelon=parsed.echelon, branch=parsed.branch, side=ctx_side)
        key = f"{parsed.key()}|{ctx_side or ''}|{len(doc.units)}"
    doc.parsed[id(unit)] = parsed
    return doc.add(key, unit)


def _fill_from_entry(unit: Unit, entry: UnitEntry) -> None:
    unit.canonical, unit.registry_id = entry.name, entry.registry_id
    unit.echelon = entry.echelon or unit.echelon
    unit.branch = entry.branch or unit.branch
    unit.side, unit.garrison, unit.parent, unit.unit_number = entry.side, entry.garrison, entry.parent, entry.unit_number


def _resolve_alias(c: _Candidate, doc: _Doc) -> Unit:
    entry = c.entry
    assert entry is not None
    if entry.kind == "regional":
        return _resolve_regional(c, entry, doc)
    if entry.registry_id in doc.keys:
        return doc.keys[entry.registry_id]
    return doc.add(entry.registry_id, _unit_from_entry(c.name, entry))


def _resolve_regional(c: _Candidate, entry: UnitEntry, doc: _Doc) -> Unit:
    """One detachment per home region; a bare "OMON" after "OMON from Khakassia" is that detachment."""
    if c.region is None:
        last = doc.regional_last.get(entry.registry_id)
        if last is not None:
            return last
        key = entry.registry_id
    else:
        key = f"{entry.registry_id}/{c.region.lower()}"
    unit = doc.keys.get(key)
    if unit is None:
        unit = doc.add(key, _unit_from_entry(c.name, entry))
        if c.region:
            unit.canonical = f"{entry.name} ({c.region})"
            unit.garrison = c.region
    if c.region:
        doc.regional_last[entry.registry_id] = unit
    return unit


def _resolve_number(c: _Candidate, doc: _Doc, reg: UnitRegistry) -> Unit:
    entry = reg.by_number(c.unit_number or "")
    if entry is not None:
        if entry.registry_id in doc.keys:
            return doc.keys[entry.registry_id]
        unit = _unit_from_entry(c.name, entry)
        if entry.number is not None and entry.echelon:
            doc.parsed[id(unit)] = ParsedName(entry.number, entry.echelon, False, entry.branch, entry.branch_key, entry.side)
        return doc.add(entry.registry_id, unit)
    key = f"number:{c.unit_number}"
    if key in doc.keys:
        return doc.keys[key]
    return doc.add(key, Unit(id="", name=c.name, unit_number=c.unit_number))


def _resolve_anaphor(ctx: Context, c: _Candidate, doc: _Doc) -> Unit | None:
    """The last named unit of the echelon ("the regiment"); "the unit" only reaches a few sentences back."""
    for unit in reversed(doc.units):
        if c.echelon and unit.echelon == c.echelon:
            return unit
        if c.echelon == "":
            gap = _sentences_between(ctx, doc.named_at.get(id(unit), -1), c.start)
            return unit if gap <= _UNIT_ANAPHOR_SENTENCES else None
    return None


def _sentences_between(ctx: Context, earlier: int, later: int) -> int:
    """How many sentence starts lie between two offsets (0: same sentence)."""
    if earlier < 0:
        return 1 << 30
    starts = [s.start for s in ctx.sentences]
    return bisect_right(starts, later) - bisect_right(starts, earlier)


def _resolve_bare(c: _Candidate, doc: _Doc) -> Unit | None:
    for unit in reversed(doc.units):
        parsed = doc.parsed.get(id(unit))
        if parsed is not None and parsed.number == c.number:
            return unit
    return None


def _merge_adjacent(mentions: list[Mention], text: str) -> list[Mention]:
    """'12th Special Forces Brigade "Azov"': two matches, one mention."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.value is m.value
            and not prev.attrs
            and not m.attrs
            and not text[prev.span.end : m.span.start].strip(" \t\"“”«»")
        ):
            out[-1] = Mention(LABEL, prev.span.cover(m.span), m.value, {})
            if out[-1].value.name == " ".join(text[prev.span.start : prev.span.end].split()):
                out[-1].value.name = " ".join(text[out[-1].span.start : out[-1].span.end].split())
            continue
        out.append(m)
    return out


def find_units(ctx: Context) -> list[Mention]:
    """Every mention of a military unit or force, in text order; mentions of one unit share one Unit."""
    text = ctx.text
    if not text:
        return []
    pat = _patterns()
    reg = registry()
    lexicon = name_lexicon()
    cands = _scan(text, pat, reg, lexicon)
    if cands:  # back-references need something to refer to
        cands += _anaphor_candidates(text, pat)
    doc = _Doc()
    mentions: list[Mention] = []
    for c in _without_overlaps(cands):
        attrs: dict = {}
        if c.kind == "numbered":
            unit = _resolve_numbered(ctx, c, doc, reg, pat)
        elif c.kind in ("alias", "force"):
            unit = _resolve_alias(c, doc)
        elif c.kind == "number":
            unit = _resolve_number(c, doc, reg)
        else:
            unit = _resolve_anaphor(ctx, c, doc) if c.kind == "anaphor" else _resolve_bare(c, doc)
            attrs = {"anaphor": True}
        if unit is None:
            continue
        if not attrs:
            doc.named_at[id(unit)] = c.start
        mentions.append(Mention(LABEL, Span(c.start, c.end), unit, attrs))
    mentions = _merge_adjacent(mentions, text)
    _link_parents(mentions, text, pat.ranks)
    return _number_units(mentions)


_OF_THE = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?|[ \t]*,[ \t]*(?:the[ \t]+)?")


def _link_parents(mentions: list[Mention], text: str, ranks: dict[str, int]) -> None:
    """'the 1st Battalion of the 80th Brigade', '1st Battalion, 187th Infantry Regiment': the smaller
    unit's parent is the larger one written right after it (and its side, if it has none)."""
    for inner, outer in zip(mentions, mentions[1:]):
        child, parent = inner.value, outer.value
        if child is parent or inner.attrs or outer.attrs or child.registry_id is not None:
            continue
        if not 0 < ranks.get(parent.echelon or "", 0) < ranks.get(child.echelon or "", 0):
            continue
        if _OF_THE.fullmatch(text, inner.span.end, outer.span.start) is None:
            continue
        child.parent = child.parent or parent.canonical or parent.name
        child.side = child.side or parent.side


def _number_units(mentions: list[Mention]) -> list[Mention]:
    """Ids u1, u2 ... in order of first mention; evidence lists every span."""
    seen: dict[int, Unit] = {}
    for m in mentions:
        unit: Unit = m.value
        if id(unit) not in seen:
            seen[id(unit)] = unit
            unit.id = f"u{len(seen)}"
            unit.evidence = []
        unit.evidence.append(m.span)
    return mentions
