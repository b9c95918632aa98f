"""Who took a place, and whose place it was: the sub-type of a change of control.

ACLED types a taking of ground by who took it and where: a state's forces taking a place in their own
country regain territory ("Ukrainian troops retook Lyman", "the Somali army liberated the town"); a
state's forces taking ground in another country fight for it, an armed clash ("Russian forces
captured the village in Donetsk region", whatever the communiqué calls it); an armed group overtakes
territory (the event grammar's frames read that from the armed-group nouns, ``event_frames.tsv``).
The taker is the force named nearest before the verb, or after "by" in a passive: a nationality or a
country with a force noun (``actors.tsv``), a unit the units stage found, a force that is the
report's own state's ("the army", ``territory_takers.tsv``) or one that refers back to the state
named before it ("its troops"); failing those, the state whose voice tells it ("Russia's defence
ministry said the village was liberated").
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.gazetteer.countries import find_country
from sitrep.lexicons import load_table
from sitrep.text import alternation

REGAINS = "Government regains territory"
CLASH = "Armed clash"
# event-grammar head classes that tell a place taken (event_verbs.tsv, event_nouns.tsv)
TAKING_HEADS = frozenset({"capture", "recapture", "enter", "clear", "expel"})
# heads that tell a force coming into a place: after another force withdrew, it took the place without a fight
ENTERING_HEADS = frozenset({"enter"})
# heads whose object is the force driven out, the place coming after it ("drove the militants out of X")
_EXPELLING_HEADS = frozenset({"expel"})
# the sub-types the side decides between; an armed group's takeover and an unopposed entry stay as read
DECIDED = frozenset({REGAINS, CLASH})
OVERTAKES = "Non-state actor overtakes territory"
# the sub-types of ground taken by force: an attempt at any of them is fighting for the ground
FORCED = DECIDED | {OVERTAKES}
_REACH = 120  # characters before the verb in which its taker is looked for
_BY_AFTER = re.compile(r"\s+(?:[\w'-]+\s+){0,5}?by\s+", re.IGNORECASE)
_POSSESSIVE_COUNTRY = re.compile(r"\b([A-Z][\w-]+(?:\s[A-Z][\w-]+){0,2})['’]s(?![\w-])")


@lru_cache(maxsize=1)
def _state_words() -> dict[str, str]:
    """Nationality words and states' names by their ISO code (side_words.tsv, the places' demonyms)."""
    words = {r["word"].replace("’", "'"): r["side"] for r in load_table("side_words.tsv")}
    for r in load_table("places_cues.tsv"):
        if r["kind"] == "demonym":
            words.setdefault(r["cue"], r["value"])
    return words


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(a force noun; an own force; a force referring back; a state: a nationality word or a country's
    possessive)."""
    forces = alternation([r["noun"] for r in load_table("actors.tsv")], space=" ")
    states = alternation(_state_words(), space=" ")
    state = re.compile(rf"(?<![\w-])(?:({states})|([A-Z][\w-]+(?:\s[A-Z][\w-]+){{0,2}})['’]s)(?![\w-])")
    rows = load_table("territory_takers.tsv")

    def joined(who: str) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + "|".join(r["pattern"] for r in rows if r["who"] == who) + r")(?![\w-])", re.IGNORECASE)

    return re.compile(rf"(?<![\w-])(?:{forces})(?![\w-])", re.IGNORECASE), joined("own"), joined("back"), state


_NAME_GAP = re.compile(r"(?:\s+[\w'-]+){0,4}?\s+")  # up to four words between a state and its force noun


def _forces(text: str) -> list[tuple[int, str]]:
    """Each force noun of ``text`` that a state names just before it ("Ukrainian troops", "Somalia's
    National Army", "Afghan National Defense and Security Forces"): (its end, the state's code)."""
    force, _, _, state = _patterns()
    out = []
    for m in force.finditer(text):
        lo = max(0, m.start() - 60)
        named = [s for s in state.finditer(text, lo, m.start()) if _NAME_GAP.fullmatch(text, s.end(), m.start())]
        side = _state_of(named[-1]) if named else None
        if side is not None:
            out.append((m.end(), side))
    return out


def _state_of(match: re.Match) -> str | None:
    if match.group(1):
        return _state_words().get(match.group(1)) or _state_words().get(match.group(1).title())
    found = find_country(match.group(2))
    return found.iso2 if found else None


def _last_state(text: str) -> str | None:
    """The last state named in ``text`` by a nationality word or a country's possessive."""
    side = None
    for m in _patterns()[3].finditer(text):
        side = _state_of(m) or side
    return side


def taker_side(sentence: str, start: int, end: int, units: list[tuple[int, int, str | None]] = (),
               place_country: str | None = None) -> str | None:
    """The side (ISO alpha-2) of who took the place the verb at ``start:end`` of ``sentence`` tells of;
    ``units`` are the sentence's units (sentence offsets, side); ``place_country`` is the country of
    the place taken (a force of the report's own state, "the army", is that country's). None when the
    text does not say."""
    force, own, back, _ = _patterns()
    by = _BY_AFTER.match(sentence, end, min(len(sentence), end + 60))
    if by:  # "was retaken by Ukrainian forces": the first force after "by"
        window = sentence[by.end() : by.end() + 80]
        found = [(e, side) for e, side in _forces(window)]
        found += [(m.end(), place_country) for m in own.finditer(window)]
        found += [(m.end(), _last_state(sentence[:start])) for m in back.finditer(window)]
        found += [(e - by.end(), side) for s, e, side in units if by.end() <= s and e <= by.end() + 80]
        first = min((f for f in found if f[1] is not None), default=None, key=lambda f: f[0])
        return first[1] if first else None
    lo = max(0, start - _REACH)
    window = sentence[lo:start]
    found = [(e, side) for e, side in _forces(window)]
    found += [(m.end(), place_country) for m in own.finditer(window)]
    found += [(m.end(), _last_state(sentence[: lo + m.start()])) for m in back.finditer(window)]
    found += [(e - lo, side) for s, e, side in units if lo <= s and e <= start]
    found = [f for f in found if f[1] is not None]
    if found:
        return max(found, key=lambda f: f[0])[1]
    return _last_state(sentence[:start])


@lru_cache(maxsize=1)
def _object_words() -> tuple[re.Pattern, re.Pattern]:
    """(nouns of ground taken: "the town", "an outpost" (event_nouns.tsv, classes territory and base);
    words that, between the verb and a place, show the place is not what was taken: prepositions other
    than "of", and nouns of people (counts_nouns.tsv): "captured another in Sabari district", "captured
    dozens of soldiers near Kupiansk", "clearing operations in the south")."""
    ground = [r["noun"] for r in load_table("event_nouns.tsv") if r["class"] in ("territory", "base")]
    people = [r["form"] for r in load_table("counts_nouns.tsv")]
    not_taken = ["in", "near", "at", "around", "outside", "inside", "on", "from", "during", "after", "before",
                 "with", "across", "along", "towards?", "into", "operations?", "another", "others", "leaders?",
                 "leadership", "commanders?", "positions?", "weapons", "caches?", "arms", "ammunition"]
    return (re.compile(rf"(?<![\w-])(?:{alternation(ground, space=' ')})(?![\w-])", re.IGNORECASE),
            re.compile(rf"(?<![\w-])(?:{alternation(people, space=' ')}|{'|'.join(not_taken)})(?![\w-])", re.IGNORECASE))


_OBJECT_REACH = 60  # characters from the verb to the ground it took
_PASSIVE_BETWEEN = re.compile(r"^[^,;.]{0,40}?\b(?:was|were|is|are|been|be)\b[^,;.]{0,20}$", re.IGNORECASE)


def takes_place(sentence: str, start: int, end: int, place_start: int, place_end: int, head: str = "") -> bool:
    """Is the place (at ``place_start:place_end``) or a noun of ground what the verb at ``start:end``
    took: its object ("retook the town of X", "the liberation of X", "took control of most of the
    town"), or its subject in a passive ("X was retaken")? Not when people or weapons were taken, or
    the place is where something else happened ("captured two fighters near X", "clearing operations in
    X"). ``head``: the verb's class (event_verbs.tsv): one that drives a force out takes the place
    named after it."""
    ground, not_taken = _object_words()
    if head in _EXPELLING_HEADS:
        return place_start >= end
    if place_end <= start and _PASSIVE_BETWEEN.match(sentence[place_end:start]):
        return True
    if start < place_start and _direct(sentence[end:place_start], not_taken):
        return True
    target = ground.search(sentence, end, min(len(sentence), end + _OBJECT_REACH))
    if target is not None and not_taken.match(sentence, target.end() + 1) and sentence[target.end():target.end() + 1] == " ":
        return False  # "captured the district police chief": the ground word names whose chief, not what was taken
    return target is not None and _direct(sentence[end:target.start()], not_taken)


def _direct(gap: str, not_taken: re.Pattern) -> bool:
    """Are the words between a verb and a place those of its object ("the strategic town of")?"""
    return len(gap) <= _OBJECT_REACH and not re.search(r"[;:]", gap) and not_taken.search(gap) is None


_OBJECT_WORDS = 6  # words from the verb to the head of its object ("captured a senior Taliban bomb maker")
_NOT_IN_OBJECT = r"in|near|at|around|outside|inside|on|from|during|after|before|with|across|along|into|by|for|to|said|says"
_PASSIVE_AFTER = r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)\s+(?:\w+ly\s+)?$"


@lru_cache(maxsize=1)
def _people_taken() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    """(a leader or a wanted man as the object after a verb; as the subject before a passive one; right
    before a headline's participle; anywhere): the nouns of event_nouns.tsv's classes leader and wanted."""
    nouns = []
    for row in load_table("event_nouns.tsv"):
        if row["class"] in ("leader", "wanted"):
            noun = row["noun"]
            nouns.append(noun if any(c in noun for c in "\\[?") else re.escape(noun) + "s?")
    heads = "|".join(nouns)
    after = re.compile(rf"(?:\s+(?!(?:{_NOT_IN_OBJECT})(?![\w-]))[\w'’.-]+){{0,{_OBJECT_WORDS}}}?\s+(?:{heads})(?![\w-])", re.IGNORECASE)
    before = re.compile(rf"(?<![\w-])(?:{heads}){_PASSIVE_AFTER}", re.IGNORECASE)
    headline = re.compile(rf"(?<![\w-])(?:{heads})\s+$", re.IGNORECASE)
    return after, before, headline, re.compile(rf"(?<![\w-])(?:{heads})(?![\w-])", re.IGNORECASE)


def names_people_after(sentence: str, end: int) -> bool:
    """Is a leader or a wanted man named in the words after the verb ending at ``end`` (as its object or
    not: "took over the square, a community leader said")?"""
    return _people_taken()[3].search(sentence, end, end + _OBJECT_REACH) is not None


def takes_people(sentence: str, start: int, end: int) -> bool:
    """Is a leader or a wanted man what the verb at ``start:end`` took ("captured a senior Taliban
    commander", "the cell's financier was seized"), not a word said near it ("took over the square, a
    community leader said", "occupied the office in Goma, their leader said")?"""
    after, before, _, _ = _people_taken()
    if after.match(sentence, end) or before.search(sentence, max(0, start - 80), start):
        return True
    # a headline's passive: "Rebel Commander Captured Near Town"
    return sentence[start:start + 1].isupper() and bool(_people_taken()[2].search(sentence, max(0, start - 40), start))


@lru_cache(maxsize=1)
def _attempts() -> tuple[re.Pattern, re.Pattern]:
    rows = load_table("territory_attempts.tsv")

    def joined(kind: str) -> re.Pattern:
        return re.compile(r"(?<![\w-])(?:" + "|".join(r["pattern"] for r in rows if r["kind"] == kind) + r")\s+$", re.IGNORECASE)

    return joined("attempt"), joined("achieved")


def attempted(sentence: str, start: int) -> bool:
    """Is the taking at ``start`` only what a force set out to do ("fought through the night to
    dislodge them", "an offensive to retake the city"), not what it did ("managed to retake")?"""
    attempt, achieved = _attempts()
    before = sentence[max(0, start - 40) : start]
    return attempt.search(before) is not None and achieved.search(before) is None


def taking_sub_type(sub_event_type: str, taker: str | None, place_country: str | None, taken: bool) -> str:
    """The sub-type of ground taken by ``taker`` near a place in ``place_country``: regained by its own
    state's forces when the place is what they took (``taken``: ``takes_place``), fought for by another
    state's whatever they took; as read when either side is unknown or an armed group took it."""
    if sub_event_type not in DECIDED or taker is None or place_country is None:
        return sub_event_type
    if taker != place_country:
        return CLASH
    return REGAINS if taken else sub_event_type
