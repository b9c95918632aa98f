"""Place names in plain text, looked up in the gazetteer: the name finder that the extraction stage
(``sitrep.extract.places``) and free-text lookup (``sitrep.gazetteer.lookup``) share.

1. Runs of capitalised words ("South Ossetia", "Republic of Belarus", "Sar-e Pul") are found with one
   regular expression over the text; inside a run, word n-grams (longest first) are looked up in the
   gazetteer's key dict. (A spaCy PhraseMatcher matches faster once built, but building it for the
   ~270k keys takes ~20 s against 0.3 s for loading the dict; see docs/gazetteer.md.)
2. A following "region"/"oblast"/"province", "district"/"raion" or "hromada" switches the lookup to
   that kind of unit ("Kharkiv region" is the oblast, "Kharkiv" the city); compass words before a
   country make an area of it ("the south of Ukraine", "north-eastern Ukraine"); a plural region word
   covers the names listed before it ("Kharkiv, Sumy and Chernihiv regions").
A stop-list and person-name cues ("Colonel", a given name before a surname) keep common words and
people out. Which of a name's namesakes is meant is decided elsewhere (``sitrep.gazetteer.ranking``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.gazetteer.places import Entry, Gazetteer
from sitrep.gazetteer.places import normalize_key as _normalize_key
from sitrep.lexicons import load_lines, load_table
from sitrep.text import alternation

# The same words recur across documents ("Ukraine", "The", "Kremlin"): keys are cached.
normalize_key = lru_cache(maxsize=1 << 16)(_normalize_key)

MAX_WORDS = 5  # longest name in words ("Autonomous Republic of Crimea")

_UPPER = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁІЇЄҐ"
# Starts with one character class so that re can skip ahead fast (5x faster than an alternation).
_WORD = rf"[{_UPPER}](?:\.(?:[A-Z]\.)+|[\w'’]*(?:-[\w'’]+)*)(?:(?<=\bSt)\.|(?<=\bMt)\.|(?<=\bFt)\.)?"
_INNER_WORD = re.compile(r"(?:[A-Z]\.){2,}|[\w'’]+(?:-[\w'’]+)*")


# --- lexicons ------------------------------------------------------------------------------------


def _english_function_words() -> frozenset[str]:
    """spaCy's English stop words ("But", "Even", "Many" start sentences; some are also foreign towns)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(normalize_key(w) for w in STOP_WORDS)


def _people_given_names() -> frozenset[str]:
    """The people stage's given-name list (shared data): "David Torres" is a person, not two towns."""
    try:
        lines = load_lines("given_names.txt")
    except FileNotFoundError:
        return frozenset()
    return frozenset(normalize_key(name) for line in lines for name in line.split())


def _world_given_names() -> frozenset[str]:
    """names_given.txt, the given names of some 80 locales: "Bakhyt Ospanov" is a person, not a village."""
    try:
        return frozenset(map(normalize_key, load_lines("names_given.txt")))
    except FileNotFoundError:
        return frozenset()


@dataclass(frozen=True)
class Cues:
    stop: frozenset[str]
    titles: frozenset[str]
    given_names: frozenset[str]
    world_given_names: frozenset[str]  # names_given.txt: a person's name only before a village's name
    connectors: frozenset[str]
    suffix_kind: dict[str, str]  # region word -> 'region'|'raion'|'hromada'
    demonyms: dict[str, str]
    run: re.Pattern
    suffix: re.Pattern
    near: re.Pattern
    direction_before: re.Pattern
    direction_after: re.Pattern
    directions: dict[str, str]
    near_words: frozenset[str] = frozenset()
    feature_after: re.Pattern | None = None
    near_last_words: frozenset[str] = frozenset()
    near_fillers: tuple[str, ...] = ()
    locatives: frozenset[str] = frozenset()
    compass_stems: frozenset[str] = frozenset()
    actor_after: re.Pattern | None = None  # "Kiev troops", "the Tripoli government": a city standing for a state
    actor_before: re.Pattern | None = None  # "pro-Kiev", "anti-Moscow"
    lead_noise: re.Pattern | None = None  # for free-text locations (resolve_place_name)
    kind_word: re.Pattern | None = None
    article_word: re.Pattern | None = None  # "ez-Zor", "al-Numan": a capitalised word inside a name
    name_prefixes: frozenset[str] = frozenset()  # "Tal", "Kafr", "Lake": a longer name starts here
    river_before: re.Pattern | None = None  # "the left bank of the": a river's name follows
    axis_after: re.Pattern | None = None  # "the Pokrovsk direction": a front sector named for a town
    # "the Russian region of Belgorod", "the province of Kandahar": a first-order region's name follows
    region_before: re.Pattern | None = None


@lru_cache(maxsize=1)
def cues() -> Cues:
    rows = load_table("places_cues.tsv")
    by_kind: dict[str, list[dict]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)
    words = lambda kind: [r["cue"] for r in by_kind.get(kind, [])]  # noqa: E731
    connectors = words("connector")
    suffix_kind = {normalize_key(r["cue"]): r["kind"] for k in ("region", "raion", "hromada") for r in by_kind.get(k, [])}
    directions = {normalize_key(r["word"]): r["direction"] for r in load_table("places_directions.tsv")}
    dir_words = alternation(r["word"] for r in load_table("places_directions.tsv"))
    units = rf"(?:{alternation(words('distance_unit'))})"
    near = (
        rf"(?:\b(?:{alternation(words('near'))})|\d+(?:[.,]\d+)?\s?-?{units}\s+(?:(?:{dir_words})\s+)?"
        rf"(?:{alternation(words('near_distance'))}))\s+(?:the\s+)?(?:(?:city|town|village|settlement|"
        rf"urban-type\s+settlement|port|region)\s+of\s+)?$"
    )
    demonyms = {r["cue"]: r["value"] for r in by_kind.get("demonym", [])}
    article = rf"(?:{alternation(words('article'))})"
    return Cues(
        stop=frozenset(normalize_key(w) for w in load_lines("places_stoplist.txt")) | _english_function_words(),
        titles=frozenset(normalize_key(w) for w in words("title")),
        given_names=frozenset(normalize_key(w) for w in words("given_name")) | _people_given_names(),
        world_given_names=_world_given_names(),
        connectors=frozenset(connectors),
        suffix_kind=suffix_kind,
        demonyms=demonyms,
        run=re.compile(rf"(?:{_WORD})(?:[ \t]+(?:(?:{alternation(connectors)})[ \t]+)*(?:{article}-)?(?:{_WORD}))*"),
        suffix=re.compile(rf"[ \t]+({alternation(suffix_kind)})\b", re.I),
        near=re.compile(near, re.I),
        direction_before=re.compile(rf"(?:\bthe\s+)?(?:(?:far|extreme)\s+)?\b({dir_words})(?:\s+of)?\s+$", re.I),
        direction_after=re.compile(rf"^['’]s\s+(?:(?:far|extreme)\s+)?({dir_words})\b", re.I),
        directions=directions,
        near_words=frozenset(w.lower() for w in words("near")),
        near_last_words=frozenset(
            w.lower().split()[-1] for w in words("near") + words("near_distance") + ["the", "of"]
        ),
        feature_after=re.compile(rf"[ \t]+(?:{alternation(words('feature'))})\b", re.I),
        actor_after=re.compile(rf"(?:['’]s)?[ \t]+(?:{alternation(words('actor'))})\b", re.I),
        actor_before=re.compile(rf"\b(?:{alternation(words('actor_before'))})$", re.I),
        near_fillers=tuple(f" {w}" for w in words("near_filler")),  # place words first, then "the"
        locatives=frozenset(w.lower() for w in words("locative")),
        compass_stems=frozenset(w[:4].lower() for w in directions),
        lead_noise=re.compile(rf"^(?:(?:{alternation(words('lead_noise'))})\s+)+", re.I),
        kind_word=re.compile(rf"\s+(?:{alternation(words('kind_word'))})$", re.I),
        article_word=re.compile(rf"{article}-[{_UPPER}]"),
        name_prefixes=frozenset(normalize_key(w) for w in words("name_prefix")),
        river_before=re.compile(rf"\b(?:{alternation(words('river_before'))})\s+(?:the\s+)?$", re.I),
        axis_after=re.compile(rf"[ \t]+(?:{alternation(words('axis'))})\b", re.I),
        region_before=re.compile(rf"\b(?:{alternation(words('region'))})[ \t]+of[ \t]+$", re.I),
    )


# --- finding names -------------------------------------------------------------------------------


@dataclass
class Hit:
    """A name found in the text with its candidate gazetteer entries, before disambiguation."""

    start: int
    end: int
    candidates: list[tuple[int, bool]]
    near: bool = False
    suffix: str | None = None  # 'region'|'raion'|'hromada' when a region word followed
    district_of_town: bool = False  # "Sangin district": a town's district, no raion entry
    entries: list = field(default_factory=list)  # (Entry, is_alternate) for each candidate
    chosen: Entry | None = None
    # the name itself when words around it are part of the match but not of the name: "Helmand" in
    # "Helmand province", "Ethiopia" in "northern Ethiopia" (None: the match is the name)
    name_start: int | None = None
    name_end: int | None = None


def _words_of_run(text: str, start: int, end: int, cue: Cues) -> list[tuple]:
    """(start, end, key, capitalised, key_in_a_name) per word of a run. A possessive 's is left out of
    end/key ("Ukraine's") but kept in the key used inside longer names ("Donetsk People's Republic")."""
    out = []
    for m in _INNER_WORD.finditer(text, start, end):
        s, e = m.start(), m.end()
        word = m.group()
        inner = normalize_key(word)
        if len(word) > 3 and word[-2:] in ("'s", "’s"):
            e -= 2
        elif word[-1] in "'’":
            e -= 1
        capitalised = word[0].isupper() or (cue.article_word is not None and cue.article_word.match(word) is not None)
        out.append((s, e, normalize_key(text[s:e]) if e != m.end() else inner, capitalised, inner))
    return out


def find_hits(text: str, gaz: Gazetteer, cue: Cues) -> tuple[list[Hit], dict[str, float]]:
    """Names found in capitalised-word runs, and the demonym votes ("Russian" -> RU) met on the way."""
    hits: list[Hit] = []
    demonym_votes: dict[str, float] = {}
    index, exact, bases, demonyms = gaz.index, gaz.exact, gaz.unit_bases, cue.demonyms
    for run in cue.run.finditer(text):
        surface = run.group()
        if " " not in surface and "\t" not in surface:  # one word: most runs, so the common case is inlined
            if surface in demonyms:
                cc = demonyms[surface]
                demonym_votes[cc] = demonym_votes.get(cc, 0) + 0.5
                continue
            key = normalize_key(surface)
            if key in index or key in bases or surface in exact or "-" in surface or "'" in surface or "’" in surface:
                extra: list[Hit] = []
                hit = _one_word_run(text, run.start(), run.end(), surface, gaz, cue, bases, extra)
                if hit is not None and not _after_title(text, run.start(), cue):
                    hit = _unless_a_feature(text, hit, gaz, cue)
                    if hit is not None:
                        hits.append(hit)
                hits.extend(extra)
            continue
        if _may_hold_a_name(surface, gaz, bases):
            _multi_word_run(text, run.start(), run.end(), gaz, cue, hits)
    hits.sort(key=lambda h: h.start)  # parts of hyphenated words come in after their first part
    return hits, demonym_votes


def _may_hold_a_name(surface: str, gaz: Gazetteer, bases) -> bool:
    """Cheap test before splitting a run: does any word start a name ("The General Staff" does not)?"""
    if "-" in surface or "'" in surface or "’" in surface or "." in surface:
        return True
    first_words = gaz.first_words
    for word in surface.split():
        key = normalize_key(word)
        if key in first_words or key in bases:
            return True
    return False


def _multi_word_run(text: str, start: int, end: int, gaz: Gazetteer, cue: Cues, hits: list[Hit]) -> None:
    words = _words_of_run(text, start, end, cue)
    i = 0
    person = _after_title(text, start, cue)  # inside "Colonel Konstantin Zizevsky", "Sgt. David Torres"
    while i < len(words):
        s, e, key, cap, _ = words[i]
        if cap and key in cue.connectors and not person:
            # "El Fasher", "Al Atarib", "La Paz": an article that starts a name is part of it
            hit, used = _longest_match(text, words, i, gaz, cue, [])
            if hit is not None and used > 1 and _unless_a_feature(text, hit, gaz, cue) is hit:
                hits.append(hit)
                i += used
                continue
        if not cap or key in cue.connectors:
            person = False
            i += 1
            continue
        if key in cue.titles:
            person = True
            i += 1
            continue
        if not text[s].isupper():
            i += 1  # "al-Sham" of "Hayat Tahrir al-Sham": an article binds to the words before it
            continue
        if person:
            i += 1
            continue
        extra: list[Hit] = []
        hit, used = _longest_match(text, words, i, gaz, cue, extra)
        if hit is not None:
            hit = _unless_a_feature(text, hit, gaz, cue)
        if hit is not None and i > 0 and words[i - 1][3] and words[i - 1][2] in cue.name_prefixes:
            hit = None  # "Tal Afar", "Kafr Halab", "Lake Lanao": part of a longer name the gazetteer lacks
        hits.extend(x for x in extra if not _feature_follows(text, x.end, cue))
        if hit is None:
            i += 1
            continue
        if used == 1 and (_is_given_name(words, i, key, cue) or _world_given_name(text, words, i, hit, gaz, cue)):
            person = True
            i += 1
            continue
        if used == 1 and _is_surname(words, i, cue):
            i += 1  # "Vitaliy Barabash": a surname after a given name, not the town of that name
            continue
        hits.append(hit)
        i += used


def _one_word_run(text: str, s: int, e: int, surface: str, gaz: Gazetteer, cue: Cues, bases, extra_hits: list) -> Hit | None:
    """The name in a one-word run; further names of a hyphenated compound go to ``extra_hits``."""
    if len(surface) > 3 and surface[-2:] in ("'s", "’s"):
        e -= 2
        surface = surface[:-2]
    elif surface[-1] in "'’":
        e -= 1
        surface = surface[:-1]
    key = normalize_key(surface)
    if "-" in surface and key not in gaz.index and surface not in gaz.exact:
        parts = _hyphen_parts(s, surface, gaz, cue)  # "Russia-Ukraine": both; "Kyiv-based": Kyiv
        for extra in parts[1:]:
            if not _feature_follows(text, extra.end, cue):
                extra_hits.append(extra)
        return parts[0] if parts else None
    if key in gaz.index or surface in gaz.exact:
        if _region_word_before(text, s, cue) and (region := _the_region(s, e, key, gaz)) is not None:
            return region
        return _with_suffix(text, s, e, key, gaz, cue) or _single_word(text, s, e, key, gaz, cue)
    if key in bases:
        return _with_suffix(text, s, e, key, gaz, cue)
    return None


def _the_region(s: int, e: int, key: str, gaz: Gazetteer) -> Hit | None:
    """The first-order region of that name, where there is one ("Belgorod" after "the region of")."""
    return Hit(s, e, gaz.candidates("a:" + key), suffix="region") if "a:" + key in gaz else None


def _region_word_before(text: str, start: int, cue: Cues) -> bool:
    """"the Russian region of Belgorod", "the governorate of Idlib": the name after is the first-order
    region, not its capital of the same name (a name with no region of its own stays what it is)."""
    if cue.region_before is None or text[start - 3 : start].lower() != "of ":
        return False
    return cue.region_before.search(text, max(0, start - 40), start) is not None


def _after_title(text: str, start: int, cue: Cues) -> bool:
    """Is the word just before (e.g. "Sgt." or "President") a title that starts a person's name?"""
    before = text[max(0, start - 16) : start].rstrip()
    if not before or not (before[-1] == "." or before[-1].isalpha()):
        return False
    words = before.rstrip(".").rsplit(None, 1)
    return bool(words) and normalize_key(words[-1]) in cue.titles


def _unless_a_feature(text: str, hit: Hit, gaz: Gazetteer, cue: Cues) -> Hit | None:
    """The hit, unless a feature word after it makes it another thing: "Oskil river" and "Kakhovka
    reservoir" are the river and the reservoir when the gazetteer knows them (the lower-case word is
    no part of the name), otherwise nothing ("Irpin River" is not the town). A river's own name keeps
    its word ("the Seversky Donets river")."""
    m = cue.feature_after.match(text, hit.end)
    if m is None:
        return _river_by_its_bank(text, hit, gaz, cue)
    if hit.candidates and all(gaz.entries[eid].kind == "area" for eid, _ in hit.candidates):
        return hit
    key = normalize_key(text[hit.start : m.end()])
    if key in gaz:
        candidates = [(eid, alt) for eid, alt in gaz.candidates(key) if gaz.entries[eid].kind == "area"]
        if candidates:
            lower = text[m.end() - 1 : m.end()].islower()
            return Hit(hit.start, m.end(), candidates, name_end=hit.end if lower else None)
    return None


# how far back "the left bank of the" may start before a name
_RIVER_CUE_REACH = 30


def _river_by_its_bank(text: str, hit: Hit, gaz: Gazetteer, cue: Cues) -> Hit:
    """ "the west bank of the Dnipro", "the banks of the Danube": the river, not the city of its name,
    when the gazetteer knows a river so called."""
    if cue.river_before is None or not cue.river_before.search(text, max(0, hit.start - _RIVER_CUE_REACH), hit.start):
        return hit
    if hit.candidates and all(gaz.entries[eid].kind == "area" for eid, _ in hit.candidates):
        return hit
    key = normalize_key(text[hit.start : hit.end])
    for word in (" river", ""):
        rivers = [(eid, alt) for eid, alt in gaz.candidates(key + word) if gaz.entries[eid].kind == "area" and gaz.entries[eid].lat is None]
        if rivers:
            return Hit(hit.start, hit.end, rivers)
    return hit


def _feature_follows(text: str, end: int, cue: Cues) -> bool:
    """"Oskil River", "Dnipro river", "Kakhovka Reservoir": a river or lake named after the place, not the place."""
    m = cue.feature_after.match(text, end)
    return m is not None


def _is_given_name(words, i: int, key: str, cue: Cues) -> bool:
    """"Vladimir Putin": a first name that is also a town, directly followed by another capitalised word."""
    return key in cue.given_names and i + 1 < len(words) and words[i + 1][3] and words[i + 1][2] not in cue.connectors


# a village with fewer people than this, named by a word that is a given name somewhere in the world
# and followed by another capitalised word, is the first name of a person ("Bakhyt Ospanov")
WORLD_NAME_VILLAGE_POP = 15_000


def _world_given_name(text: str, words, i: int, hit: Hit, gaz: Gazetteer, cue: Cues) -> bool:
    """Is this word a person's first name from names_given.txt rather than a small village? Only when a
    capitalised word follows in the run (not a region word: "Imo State"), the word is no possessive
    ("Goma's Ndosho"), and every place so called is a small village."""
    s, e, key = words[i][0], words[i][1], words[i][2]
    if key not in cue.world_given_names or i + 1 >= len(words) or not words[i + 1][3] or words[i + 1][2] in cue.connectors:
        return False
    if hit.suffix is not None or text[e : e + 1] in ("'", "’") or words[i + 1][2] in cue.suffix_kind:
        return False
    return all(gaz.entries[eid].kind == "populated_place" and gaz.entries[eid].population < WORLD_NAME_VILLAGE_POP
               for eid, _ in hit.candidates)


def _is_surname(words, i: int, cue: Cues) -> bool:
    """Does a given name ("Vitaliy", "Olga") come just before this word in the same run?"""
    return i > 0 and words[i - 1][3] and words[i - 1][2] in cue.given_names and words[i - 1][1] + 1 == words[i][0]


def _longest_match(text: str, words, i: int, gaz: Gazetteer, cue: Cues, extra: list) -> tuple[Hit | None, int]:
    first = words[i]
    surface = text[first[0] : first[1]]
    if first[2] not in gaz.first_words and "-" not in surface and surface not in gaz.exact:
        return None, 1  # no name starts with this word ("Armed", "Forces")
    index, connectors, suffix_words = gaz.index, cue.connectors, cue.suffix_kind
    last = min(len(words), i + MAX_WORDS)
    region_before = _region_word_before(text, first[0], cue)
    for j in range(last, i, -1):
        end_word = words[j - 1]
        if not end_word[3] or end_word[2] in connectors:
            continue  # a name does not end in "of"/"and"
        s, e = words[i][0], end_word[1]
        key = " ".join([w[4] for w in words[i : j - 1]] + [end_word[2]]) if j - i > 1 else words[i][2]
        if region_before and (region := _the_region(s, e, key, gaz)) is not None:
            return region, j - i
        # a region word may follow inside the run ("Kharkiv Oblast") or after it ("Kharkiv oblast")
        if (words[j][2] in suffix_words) if j < len(words) else text[e : e + 1] in (" ", "\t"):
            hit = _with_suffix(text, s, e, key, gaz, cue)
            if hit is not None:
                return hit, j - i
        if j - i == 1:
            return _single_word(text, s, e, key, gaz, cue, extra), 1
        if key in index:
            return Hit(s, e, gaz.candidates(key)), j - i
    return None, 1


def _single_word(text: str, s: int, e: int, key: str, gaz: Gazetteer, cue: Cues, extra: list | None = None) -> Hit | None:
    surface = text[s:e]
    if surface in gaz.exact:
        return Hit(s, e, [(eid, False) for eid in gaz.exact[surface]])
    if key in cue.stop or len(key) < 3 or (("'" in surface or "’" in surface) and _CONTRACTION.search(surface)):
        return None
    if surface.isupper():
        if len(surface) <= 3:
            return None  # short all-caps words are acronyms unless listed as exact aliases
        primary = [c for c in gaz.candidates(key) if not c[1]]  # "KABUL" yes, "OMON" (an alternate name) no
        return Hit(s, e, primary) if primary else None
    if key in gaz:
        return Hit(s, e, gaz.candidates(key))
    if "-" in surface:
        parts = _hyphen_parts(s, surface, gaz, cue)
        if extra is not None:
            extra.extend(parts[1:])
        return parts[0] if parts else None
    return None


def _hyphen_parts(s: int, surface: str, gaz: Gazetteer, cue: Cues) -> list[Hit]:
    """Capitalised parts of a hyphenated word that are names: "Kyiv-based", "Kharkiv-Belgorod"."""
    hits = []
    offset = s
    for part in surface.split("-"):
        pk = normalize_key(part)
        if part[:1].isupper() and len(pk) > 2 and pk not in cue.stop and pk in gaz.index:
            hits.append(Hit(offset, offset + len(part), gaz.candidates(pk)))
        offset += len(part) + 1
    return hits


_CONTRACTION = re.compile(r"['’](?:ve|ll|re|d|m|t|s)$", re.I)
_SUFFIX_PREFIX = {"region": ("a:", "r:"), "raion": ("r:", "a:"), "hromada": ("h:",)}


def _with_suffix(text: str, s: int, e: int, key: str, gaz: Gazetteer, cue: Cues) -> Hit | None:
    """"Kharkiv region", "Kharkivska oblast", "Helmand Province", "Bakhmut district", "Tokmatska hromada"."""
    m = cue.suffix.match(text, e)
    if not m:
        return None
    word = normalize_key(m.group(1))
    kind = cue.suffix_kind[word]
    if f"{key} {word}" in gaz.index:  # a name that includes the word: "Donetsk Republic" (the DPR)
        return Hit(s, m.end(), gaz.candidates(f"{key} {word}"))
    for prefix in _SUFFIX_PREFIX[kind]:
        if prefix + key in gaz:
            return Hit(s, m.end(), gaz.candidates(prefix + key), suffix=kind, name_end=e)
    if kind == "raion" and key in gaz and key not in cue.stop:
        towns = [(eid, alt) for eid, alt in gaz.candidates(key) if gaz.entries[eid].kind == "populated_place"]
        if towns:
            return Hit(s, m.end(), towns, suffix=kind, district_of_town=True, name_end=e)
    return None


# --- areas: compass words, plural region words --------------------------------------------------


def compass_areas(text: str, hits: list[Hit], gaz: Gazetteer, cue: Cues) -> None:
    """A country after "southern"/"the south of" (or before "'s east") becomes that area of it."""
    for h in hits:
        countries = [gaz.entries[eid] for eid, _ in h.candidates if gaz.entries[eid].kind == "country"]
        if len(countries) != 1:
            continue
        iso = countries[0].country
        window = text[max(0, h.start - 30) : h.start].lower()
        before = after = None
        if any(d in window for d in cue.compass_stems):
            before = cue.direction_before.search(text, max(0, h.start - 30), h.start)
        if not before and text[h.end : h.end + 1] in ("'", "’"):
            after = cue.direction_after.match(text[h.end : h.end + 30])
        found = before or after
        if not found:
            continue
        sector = cue.directions.get(normalize_key(found.group(1)))
        key = f"d:{sector.lower()} {iso.lower()}" if sector else None
        if key and key in gaz:
            h.name_start, h.name_end = h.start, h.end
            if before:
                h.start = before.start()
            else:
                h.end = h.end + after.end()
            h.candidates = gaz.candidates(key)


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)$")


def plural_region_words(text: str, hits: list[Hit], gaz: Gazetteer) -> None:
    """"Kharkiv, Sumy and Chernihiv regions": the region word covers the names listed before it."""
    for k in range(len(hits) - 1, 0, -1):
        h = hits[k]
        if h.suffix is None or not re.search(r"s\s*$", text[h.start : h.end]):
            continue
        j = k - 1
        while j >= 0 and hits[j].suffix is None and _LIST_GAP.match(text[hits[j].end : hits[j + 1].start]):
            prev = hits[j]
            key = normalize_key(text[prev.start : prev.end])
            prefix = "a:" if h.suffix == "region" else "r:" if h.suffix == "raion" else "h:"
            if prefix + key not in gaz:
                break
            prev.candidates = gaz.candidates(prefix + key)
            prev.suffix = h.suffix
            j -= 1
