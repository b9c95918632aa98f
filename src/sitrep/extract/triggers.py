"""Event typing as a grammar: verb and noun classes, argument frames, one scan per document.

The lexicons give words by class (``event_verbs.tsv`` — every inflection generated from the lemma —,
``event_nouns.tsv``, ``civilian_words.txt``) and frames (``event_frames.tsv``): a head word of one
class with an argument of another in the same clause gives an ACLED sub-type, with a priority that
decides between neighbours ("fired" + "mortars" is a shelling, "fired" + "tear gas" a protest with
intervention, "shot down" + "drones" disrupted weapons use). All words are found by one scan of the
document (``scan.PatternTable``); frames are checked only in the clauses where a head word occurs.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.modality import hypothetical_before
from sitrep.extract.scan import Hit, PatternTable
from sitrep.lexicons import load_lines, load_table
from sitrep.text import alternation, longest_first

_VOWELS = set("aeiou")
_REGEX_MARKS = set("\\[]()?|*+")


# --- word forms ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _irregular() -> dict[str, tuple[str, ...]]:
    return {r["lemma"]: tuple(f for f in (r["past"] + "|" + r["participle"]).split("|") if f)
            for r in load_table("verb_forms_irregular.tsv")}


def _doubles(lemma: str) -> bool:
    """A short final syllable whose consonant may double before -ed/-ing ("drop" → "dropped")."""
    return (len(lemma) >= 3 and lemma[-1] not in _VOWELS and lemma[-1] not in "wxy"
            and lemma[-2] in _VOWELS and lemma[-3] not in _VOWELS)


def verb_forms(lemma: str) -> set[str]:
    """Every inflection of a one-word verb: lemma, -s, past, participle, -ing (a doubled consonant is
    allowed both ways: "targeted" and "targetted" are both found)."""
    forms = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    irregular = _irregular().get(lemma)
    if irregular:
        forms.update(irregular)
    elif lemma.endswith("e"):
        forms.add(lemma + "d")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
    else:
        forms.add(lemma + "ed")
        if _doubles(lemma):
            forms.add(lemma + lemma[-1] + "ed")
    if lemma.endswith("ie"):
        forms.add(lemma[:-2] + "ying")
    elif lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        forms.add(lemma[:-1] + "ing")
    else:
        forms.add(lemma + "ing")
        if _doubles(lemma):
            forms.add(lemma + lemma[-1] + "ing")
    return forms


def _words(text: str) -> str:
    return r"\s+".join(text.split())


def verb_pattern(entry: str) -> str:
    """"shoot down" → (?:shoot|shoots|shot|shooting)\\s+down: the verb inflected, the rest as written.
    The verb is the first word, or the first after adverbs in -ly ("sexually assault", "forcibly
    disappear"); the rest may be a small regular expression, a lookahead joined without a space."""
    words = entry.split(" ")
    lead = 0
    while lead < len(words) - 1 and words[lead].endswith("ly"):
        lead += 1
    verb, rest = words[lead], " ".join(words[lead + 1:])
    forms = sorted(verb_forms(verb), key=len, reverse=True)
    head = "".join(re.escape(w) + r"\s+" for w in words[:lead]) + "(?:" + "|".join(re.escape(f) for f in forms) + ")"
    if not rest:
        return head
    return head + (rest if rest.startswith(("(?!", "(?=")) else r"\s+" + _words(rest))


def noun_pattern(entry: str) -> str:
    """A noun with its plural ("drone" → drones?, "militia" → militias?), or a regular expression as written."""
    if _REGEX_MARKS & set(entry):
        return entry
    body = r"\s+".join(re.escape(w) for w in entry.split())
    if entry[-1].isalpha() and not entry.endswith("s"):
        if entry.endswith("y") and entry[-2:-1] not in _VOWELS:
            return body[:-1] + "(?:y|ies)"
        return body + "(?:e?s)?"
    return body


# --- the lexicon ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Word:
    cls: str
    tags: tuple[str, ...]
    verb: bool = False  # from event_verbs.tsv (its -ing form may also be a noun: "the fighting")


@dataclass(frozen=True)
class _Term:
    classes: frozenset[str]
    position: str  # "" anywhere in the clause, "<" the agent's side, ">" the object's side


@dataclass(frozen=True)
class Frame:
    terms: tuple[_Term, ...]
    event_type: str
    sub_event_type: str
    priority: int
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """One event word read in its clause: what ACLED calls it, how strongly, where (sentence offsets)."""
    event_type: str
    sub_event_type: str
    tags: tuple[str, ...]
    priority: int
    start: int
    end: int
    head: str = ""  # the head word's class (event_verbs.tsv, event_nouns.tsv)
    toll: bool = False  # a death or wound told with no one doing it ("two were killed", "a soldier died")
    # told with no one doing it, whatever it reads as ("nine killed plus the two bombers"): with the means
    # told before it in the sentence, it is their toll (events._without_consequences)
    agentless: bool = False


def _tags(cell: str) -> tuple[str, ...]:
    return tuple(t for t in cell.split(",") if t)


_MODAL, _NEGATOR, _DENIAL, _EDGE, _TALLY, _HABIT = "~modal", "~negator", "~denial:", "~edge", "~tally", "~habit"
_MARKERS = frozenset({_MODAL, _NEGATOR, _DENIAL + "words", _DENIAL + "clause", _EDGE, _TALLY, _HABIT})


_DETERMINER_BEFORE = re.compile(r"(?<![\w-])(?:the|this|that|these|those|its|their|his|her|our)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def grammar_table() -> PatternTable:
    """Every word of the grammar, one row per class and tag set (its forms longest first)."""
    groups: dict[Word, list[str]] = {}
    for row in load_table("event_verbs.tsv"):
        groups.setdefault(Word(row["class"], _tags(row["tags"]), verb=True), []).append(verb_pattern(row["verb"]))
    for row in load_table("event_nouns.tsv"):
        groups.setdefault(Word(row["class"], _tags(row["tags"])), []).append(noun_pattern(row["noun"]))
    groups.setdefault(Word("civilians", ()), []).extend(noun_pattern(w) for w in load_lines("civilian_words.txt"))
    # words that may deny an event or make it hypothetical, found in the same scan: the exact rules
    # (certainty.hypothetical_before, denied, the weapon negators) run only where one is near a head
    groups[Word(_MODAL, ())] = list(load_lines("event_modals.tsv")[1:])
    groups[Word(_EDGE, ())] = list(load_lines("event_clause_edges.tsv")[1:])
    groups[Word(_NEGATOR, ())] = list(load_lines("event_negators.tsv")[1:])
    groups[Word(_TALLY, ())] = list(load_lines("event_tallies.tsv")[1:])
    groups[Word(_HABIT, ())] = list(load_lines("event_habits.tsv")[1:])
    for row in load_table("event_denials.tsv"):
        groups.setdefault(Word(_DENIAL + row["reach"], ()), []).append(row["pattern"])
    words = list(groups)
    return PatternTable(["|".join(longest_first(groups[w])) for w in words], words)


@lru_cache(maxsize=1)
def _sub_types() -> dict[str, str]:
    return {r["sub_event_type"]: r["event_type"] for r in load_table("acled_event_types.tsv")}


def event_type_of(sub_event_type: str) -> str:
    return _sub_types()[sub_event_type]


def _term(text: str) -> _Term:
    position = text[0] if text[:1] in ("<", ">") else ""
    return _Term(frozenset(text.lstrip("<>").split("|")), position)


@lru_cache(maxsize=1)
def frames() -> dict[str, tuple[Frame, ...]]:
    """Frames by head class, highest priority first."""
    by_head: dict[str, list[Frame]] = {}
    for row in load_table("event_frames.tsv"):
        sub = row["sub_event_type"]
        if sub not in _sub_types():
            raise ValueError(f"event_frames.tsv: {sub!r} is not one of ACLED's sub-event types")
        terms = tuple(_term(t) for t in row["argument"].split("+") if t)
        frame = Frame(terms, _sub_types()[sub], sub, int(row["priority"]), _tags(row["tags"]))
        for head in row["head"].split("|"):
            by_head.setdefault(head, []).append(frame)
    return {h: tuple(sorted(fs, key=lambda f: -f.priority)) for h, fs in by_head.items()}


# --- reading a sentence --------------------------------------------------------------------------

_PUNCTUATION_EDGE = re.compile(r";|:\s|\s[–—-]\s")


@lru_cache(maxsize=1)
def _denials() -> tuple[re.Pattern, re.Pattern]:
    """(words that deny the next few words, words that make the rest of their clause background)."""
    rows = load_table("event_denials.tsv")

    def patterns(reach: str) -> str:  # the rows' patterns, longest first
        return "|".join(longest_first(w for r in rows if r["reach"] == reach for w in r["pattern"].split("|")))

    near = re.compile(r"(?<![\w-])(?:" + patterns("words") + r")\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)
    clause = re.compile(r"(?<![\w-])(?:" + patterns("clause") + r")(?![\w-])", re.IGNORECASE)
    return near, clause


def denied(sentence: str, start: int, clause_start: int) -> bool:
    """Do the words before ``start`` (from ``clause_start``) deny it or make it background
    (event_denials.tsv)?"""
    near, clause = _denials()
    if near.search(sentence, max(0, start - _DENIAL_REACH), start):
        return True
    # a verb in the past right after a comma starts the predicate an aside held off: "a faction active
    # in Narino, signed an agreement" (not "responsible for attacks, kidnappings and ambushes")
    if sentence[max(0, start - 2):start] == ", " and re.match(r"[a-z]+ed\b", sentence[start:start + 20]):
        return False
    return bool(clause.search(sentence, clause_start, start))


@lru_cache(maxsize=1)
def _weapon_negators() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(load_lines("event_negators.tsv")[1:]) + r")", re.IGNORECASE)


_PASSIVE = re.compile(r"(?<![\w-])(?:was|were|been|being|is|are|be|got|gets|get)\s+(?:\w+\s+(?:and|or)\s+|\w+\s+)?$", re.IGNORECASE)
_BY_BEFORE = re.compile(r"(?<![\w-])by\s+(?:[\w'-]+\s+){0,3}$", re.IGNORECASE)  # "by (the) (armed) militants"
# "detained by police", "hit directly by a drone"; not "dispersed by nightfall"
_BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\s(?!(?:nightfall|night|evening|morning|noon|midday|midnight|dawn|dusk|then|now|lunchtime|the (?:end|time|evening|morning|afternoon))\b)", re.IGNORECASE)
_WEAPONS = frozenset({"artillery", "missile", "air", "drone", "ied", "suicide", "grenade", "chemical"})
_MODAL_REACH = 30  # as certainty.hypothetical_before looks back
_NEGATOR_REACH = 40  # characters either side of a weapon word searched for "seized", "cache", "-making" ...
_DENIAL_REACH = 40
_PASSIVE_REACH = 25
# readings weaker than this ("protesters" alone, "attacked" with nothing typed) are fallbacks: a
# sentence that also says something stronger is read by that
FALLBACK_BELOW = 25
_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ght", "ot", "uck", "ld", "hit", "set")
_OBJECT_REACH = 60  # characters from the head an object may start ("fired mortars at positions near X")


def _resolved(hits: list[Hit]) -> list[Hit]:
    """The longest reading at each stretch of words ("tear gas grenade" hides "grenade"); two classes
    matching the very same words are both kept."""
    if len(hits) < 2:
        return hits
    kept: list[Hit] = []
    for h in sorted(hits, key=lambda h: (h.start, h.start - h.end, h.row)):
        length = h.end - h.start
        if any(h.start < k.end and (length < k.end - k.start or (k.start <= h.start and h.end <= k.end and (k.start, k.end) != (h.start, h.end)))
               for k in kept if k.end > h.start):
            continue
        kept.append(h)
    return kept


def _headline_participle(sentence: str, start: int, end: int) -> bool:
    """A capitalised participle after a capitalised word is a headline's passive ("Insurgents Detained")."""
    word = sentence[start:end]
    return (start > 0 and word[:1].isupper() and word.endswith(_PARTICIPLE_ENDINGS)
            and bool(re.search(r"[A-Z][\w-]*,?\s+$", sentence[max(0, start - 30):start])))


def read_sentence(sentence: str, hits: list[Hit] | None = None, offset: int = 0,
                  places: list[tuple[int, int]] = ()) -> list[Reading]:
    """The events one sentence reports, each typed by its best frame, in the sentence's order.
    ``hits`` are the grammar table's hits inside the sentence (document offsets, ``offset`` being the
    sentence's start), from one scan of the document; ``places`` the places found in it (same offsets)."""
    if hits is None:
        hits, offset = grammar_table().scan(sentence), 0
    table = frames()
    if not any(h.payload.cls in table for h in hits):
        return []  # no head word: most sentences end here
    marks = [(h.payload.cls, h.start - offset, h.end - offset) for h in hits if h.payload.cls in _MARKERS]
    words = [(h.payload, h.start - offset, h.end - offset) for h in _resolved([h for h in hits if h.payload.cls not in _MARKERS])]
    words += [(Word("place", ()), s - offset, e - offset) for s, e in places]
    # arguments, worked out once per sentence: a weapon that is an object ("seized two mortars") is none
    negators = [(s, e) for cls, s, e in marks if cls == _NEGATOR]
    arguments = [(w.cls, s, e) for w, s, e in words
                 if sentence[max(0, s - 3):s].lower() != "no "  # "no civilians were hurt"
                 and not (negators and w.cls in _WEAPONS and any(s - _NEGATOR_REACH <= ns and ne <= e + _NEGATOR_REACH for ns, ne in negators))]
    edges = None
    clauses: dict[tuple[int, int], list[tuple[str, int, int]]] = {}  # (lo, hi) -> the arguments inside
    out: list[Reading] = []
    tally = any(cls == _TALLY for cls, s, e in marks)
    harms = _harms()
    actor_starts = {s for w, s, e in words if w.cls in _ACTORS}
    actor_ends = {e for w, s, e in words if w.cls in _ACTORS}
    nouns_at: dict[tuple[int, int], set[str]] = {}
    for w, s, e in words:
        if not w.verb:
            nouns_at.setdefault((s, e), set()).add(w.cls)
    for word, start, end in words:
        candidates = table.get(word.cls)
        if not candidates:
            continue
        if word.verb and (start, end) in nouns_at and (
                word.cls in nouns_at[(start, end)]  # "shelling": one word, read once
                or (sentence[start:end].endswith("ing") and _DETERMINER_BEFORE.search(sentence, max(0, start - 12), start))):
            continue  # "the fighting", "this shelling": a noun, read by its noun class only
        if (word.verb and _attributive(sentence, start, end, actor_starts)) or _in_name(sentence, start, end):
            # (a noun ending like a participle is none: "a firefight erupted", "the gunfight lasted")
            continue
        if start - 1 in actor_ends and sentence[start - 1] == " " and sentence[start:end].endswith("ing") \
                and _DESCRIBED.match(sentence, end):
            continue  # "Russian forces occupying Enerhodar", "a gang fighting for control": who, not what
        if any(cls == _MODAL and start - _MODAL_REACH <= s < start for cls, s, e in marks) and hypothetical_before(sentence, start):
            continue
        if edges is None:
            edges = [(s, e) for cls, s, e in marks if cls == _EDGE] + [(m.start(), m.end()) for m in _PUNCTUATION_EDGE.finditer(sentence)]
            edge_starts, edge_ends = sorted(s for s, e in edges), sorted(e for s, e in edges)
        # the clause: from the last edge ending at or before the word to the first starting at or after it
        ended = bisect_right(edge_ends, start)
        lo = edge_ends[ended - 1] if ended else 0
        following = bisect_left(edge_starts, end)
        hi = edge_starts[following] if following < len(edge_starts) else len(sentence)
        if any(cls.startswith(_DENIAL) and s < start and (cls.endswith("clause") or start - _DENIAL_REACH <= s) for cls, s, e in marks) \
                and denied(sentence, start, lo):
            continue
        passive = (bool(_PASSIVE.search(sentence, max(0, start - _PASSIVE_REACH), start)) and not sentence[start:end].endswith("ing")
                   or (sentence[start:end].endswith(_PARTICIPLE_ENDINGS) and bool(_BY_AGENT.match(sentence, end)))
                   or _headline_participle(sentence, start, end))
        if any(cls == _HABIT and lo <= s < hi for cls, s, e in marks) and _perfect_at(sentence, start, end, lo, hi):
            continue  # "has been shelled repeatedly", "have been fighting since January": a habit, not an incident
        clause = clauses.get((lo, hi))
        if clause is None:  # the clause's arguments, found once for all its words
            clause = clauses[(lo, hi)] = [a for a in arguments if lo <= a[1] and a[2] <= hi]
        around = [a for a in clause if not (a[1] == start and a[2] == end)]
        frame = next((f for f in candidates if all(_holds(t, around, start, end, passive, sentence, word.cls) for t in f.terms)), None)
        if frame is None:
            continue
        harm = (word.cls, frame.sub_event_type) in harms
        if tally and (word.cls, frame.sub_event_type) in _counted():
            continue  # "146 residents have been killed since the invasion": a running total
        agentless = not any(t.position == "<" for t in frame.terms) and (
            (passive and not _BY_AGENT.match(sentence, end))
            or (word.verb and sentence[start:end].endswith(_PAST_PARTICIPLE_ENDINGS) and bool(_NO_OBJECT.match(sentence, end))))
        toll = harm and (agentless or (word.cls == "wound" and not any(t.position == "<" for t in frame.terms)))
        out.append(Reading(frame.event_type, frame.sub_event_type, tuple(dict.fromkeys(word.tags + frame.tags)),
                           frame.priority, start, end, word.cls, toll, agentless))
    if any(r.priority >= FALLBACK_BELOW for r in out):
        out = [r for r in out if r.priority >= FALLBACK_BELOW]
    return out


# a perfect told with an event word: right before it ("has been shelled", "have stepped up shelling",
# "has been the target of repeated ambushes") or after the noun it heads ("fighting in the south has intensified")
_PERFECT_BEFORE = re.compile(r"(?<![\w-])(?:has|have|'ve)\s+(?:(?:been|also|not|long|now|since|repeatedly|previously|\w+ly)\s+){0,3}(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_PERFECT_AFTER = re.compile(r"^(?:\s+[\w'-]+){0,8}?\s+(?:has|have)\s+(?:been\s+)?(?:\w+ly\s+)?\w+(?:ed|en|wn|ght|ng)\b", re.IGNORECASE)
_PERFECT_REACH = 40


def _perfect_at(sentence: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the event word at ``start:end`` told in the perfect, within its clause ``lo:hi``?"""
    return bool(_PERFECT_BEFORE.search(sentence, max(lo, start - _PERFECT_REACH), start)) or bool(
        _PERFECT_AFTER.match(sentence[end:min(hi, end + 80)]))


@lru_cache(maxsize=1)
def _harms() -> frozenset[tuple[str, str]]:
    """(head class, sub-type) readings that tell an event's harm, not an event (event_harms.tsv)."""
    return frozenset((r["head"], r["sub_event_type"]) for r in load_table("event_harms.tsv") if r["kind"] == "harm")


@lru_cache(maxsize=1)
def _counted() -> frozenset[tuple[str, str]]:
    """(head class, sub-type) readings that a running total counts (event_harms.tsv, every kind)."""
    return frozenset((r["head"], r["sub_event_type"]) for r in load_table("event_harms.tsv"))


def is_harm(reading: Reading) -> bool:
    return (reading.head, reading.sub_event_type) in _harms()


@lru_cache(maxsize=1)
def _attributive_context() -> tuple[re.Pattern, re.Pattern]:
    rows = load_table("event_attributives.tsv")
    before = "|".join(r["pattern"] for r in rows if r["position"] == "before")
    after = "|".join(r["pattern"] for r in rows if r["position"] == "after")
    return (re.compile(r"(?<![\w-])(?:" + before + r")\s+$", re.IGNORECASE),
            re.compile(r"\s+(?!(?:" + after + r")(?![\w-]))[A-Za-z]", re.IGNORECASE))


_PAST_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ght", "ot", "uck")


def _attributive(sentence: str, start: int, end: int, actor_starts: set[int] = frozenset()) -> bool:
    """A past participle between a determiner or number and a noun is an adjective: "two destroyed
    bridges", "the burned body" (event_attributives.tsv); so is one right before an actor ("allied
    militias", "armed men")."""
    if not sentence[start:end].lower().endswith(_PAST_PARTICIPLE_ENDINGS) or " " in sentence[start:end]:
        return False
    before, after = _attributive_context()
    if end + 1 in actor_starts and sentence[end:end + 1] == " " and _JOINED.search(sentence, max(0, start - 8), start):
        return True  # "the army and allied militias"
    return bool(before.search(sentence, max(0, start - 20), start)) and bool(after.match(sentence, end))


# what follows a participle with no object: "one soldier killed and six wounded" (a reduced passive)
_NO_OBJECT = re.compile(r"\s*(?:[,.;:)]|$|(?:and|in|on|at(?! least| most)|near|during|when|while|after|as|overnight|yesterday|today|including|plus|along with|together with)\b)", re.IGNORECASE)
# what follows "forces occupying", "a gang fighting" when it describes them: a place or a purpose
# (not "Houthi shelling hit", "army shelling of the town")
_DESCRIBED = re.compile(r"\s+(?:for\b|towards?\b|[A-Z])")
_JOINED = re.compile(r"(?:(?<![\w-])(?:and|or|with|of)|,)\s+$", re.IGNORECASE)


_CAPITALISED_BEFORE = re.compile(r"(?<![.!?:;]\s)(?<!^)\b[A-Z][\w'-]*\s+$")
_CAPITALISED_AFTER = re.compile(r"\s+[A-Z]")
_LOWER_WORD = re.compile(r"(?<![\w-])[a-z]")


def _in_name(sentence: str, start: int, end: int) -> bool:
    """A capitalised event word between two capitalised words, in a sentence that is not a headline, is
    part of a name: "the National Liberation Army", "the Revolution Guards Corps"."""
    if not sentence[start:start + 1].isupper() or start == 0:
        return False
    if not (_CAPITALISED_BEFORE.search(sentence, max(0, start - 30), start) and _CAPITALISED_AFTER.match(sentence, end)):
        return False
    return len(_LOWER_WORD.findall(sentence)) >= 4  # a headline is capitalised throughout


# a verb of attacking told with no object, with where it was done ("attacked near X", "attacked west of
# X"): a force that acted, not a reduced passive (verbs that take no object, unlike "killed near X")
_INTRANSITIVE_HEADS = frozenset({"attack", "fight"})
_INTRANSITIVE_PLACE = re.compile(r"\s+(?:(?:again|also|unsuccessfully)\s+)?(?:near|in|at|around|towards?|along|outside|west|east|north|south|north-?west|north-?east|south-?west|south-?east)\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[,;:()\u2014\u2013]|\s[-\u2013]\s")


@lru_cache(maxsize=1)
def _counted_words() -> re.Pattern:
    words = [r["word"] for r in load_table("counts_number_words.tsv") if r["kind"] in ("unit", "teen", "ten", "scale")]
    return re.compile(r"(?<![\w-])(?:\d[\d,]*|" + alternation(words) + r"|dozens|scores|several)(?![\w-])", re.IGNORECASE)


def _counted_subject(sentence: str, start: int) -> bool:
    """Does the clause before a participle count who it tells of ("fourteen insurgents killed", "3
    soldiers wounded near X"), as a reduced passive does?"""
    lead = sentence[max(0, start - 60):start]
    breaks = [m.end() for m in _CLAUSE_START.finditer(lead)]
    return bool(_counted_words().search(lead, breaks[-1] if breaks else 0))


# classes that name who acts: the first of them in a clause is its subject ("<" in a frame)
_ACTORS = frozenset({"armed_group", "government", "military", "police", "protesters", "mob", "vigilantes", "air_defence", "occupation", "civilians"})


def _holds(term: _Term, around: list[tuple[str, int, int]], start: int, end: int, passive: bool, sentence: str, head: str = "") -> bool:
    """Does the clause have a word of the term's classes where the term wants it? "<" is the subject:
    the first actor before an active head, the first after a passive one ("was seized by militants");
    ">" is the object's side: after an active head, before a passive one."""
    if term.position == "<":
        if not passive and sentence[start:end].endswith(_PAST_PARTICIPLE_ENDINGS) and _NO_OBJECT.match(sentence, end) \
                and (head not in _INTRANSITIVE_HEADS or _counted_subject(sentence, start) or not _INTRANSITIVE_PLACE.match(sentence, end)):
            # "fourteen insurgents killed and one wounded": a reduced passive, its actor the victim; not
            # "Russian forces attacked near Avdiivka", a force that acted, told with where
            return False
        actors = [(cls, s) for cls, s, e in around if cls in _ACTORS
                  and ((s > start and _BY_BEFORE.search(sentence, max(start, s - 30), s)) if passive else (s < start))]
        if not actors:
            return False
        return min(actors, key=lambda a: a[1])[0] in term.classes
    for cls, s, e in around:
        if cls not in term.classes:
            continue
        if term.position == ">" and ((s >= start or start - e > _OBJECT_REACH) if passive else (e <= end or s - end > _OBJECT_REACH)):
            continue
        return True
    return False
