"""Places named in the text, resolved against the gazetteer.

How it works (each step a small function below):
1. Runs of capitalised words ("South Ossetia", "Republic of Belarus", "Sar-e Pul") are found with one
   regular expression over the text; inside a run, word n-grams (longest first) are looked up in the
   gazetteer's key dict. (A spaCy PhraseMatcher matches faster once built, but building it for the
   ~270k keys takes ~20 s against 0.3 s for loading the dict; see docs/gazetteer.md.)
2. A following "region"/"oblast"/"province", "district"/"raion" or "hromada" switches the lookup to
   that kind of unit ("Kharkiv region" is the oblast, "Kharkiv" the city); compass words before a
   country make an area of it ("the south of Ukraine", "north-eastern Ukraine").
3. Implausible candidates are dropped (a stop-list and person-name cues come first; then villages and
   alternate names need their country in the text, foreign towns need it or 100,000 people), and
   the rest are ranked by what the document is about: regions named nearby or anywhere, countries
   named (and demonyms), then Ukraine/Russia/Belarus, own names over alternate names, population.
Repeated mentions of the same place share one Place whose evidence lists every span.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.extract.context import Context
from sitrep.lexicons import load_lines, load_table
from sitrep.gazetteer.places import FOCUS_COUNTRIES, KIND_RANK, Entry, Gazetteer, load_gazetteer
from sitrep.geo import distance_km
from sitrep.gazetteer.places import normalize_key as _normalize_key
from sitrep.model import Mention, Place, Span
from sitrep.text import alternation

# The same words recur across documents ("Ukraine", "The", "Kremlin"): keys are cached.
normalize_key = lru_cache(maxsize=1 << 16)(_normalize_key)

MAX_WORDS = 5  # longest name in words ("Autonomous Republic of Crimea")
NEAR_WINDOW = 60  # characters before a name searched for "near", "outskirts of", "10 km from"
LOCAL_WINDOW = 150  # characters around a name searched for a region that decides between namesakes
# A place outside UA/RU/BY from a country the text does not otherwise mention needs this many people.
FOREIGN_MIN_POP = 100_000
# Alternate names (not the place's own name) count without other context only for cities this big.
BIG_CITY_POP = 1_000_000
# ... and rank like own names from this size on (historic names of small places are often reused).
STRONG_ALTERNATE_POP = 100_000
# An alternate name of a place this close to the story's unambiguous places ranks like an own name.
NEAR_STORY_KM = 150
# A populated place this small needs its country in the text (other than itself) to count.
SMALL_PLACE_POP = 5_000

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


@dataclass(frozen=True)
class Cues:
    stop: frozenset[str]
    titles: frozenset[str]
    given_names: frozenset[str]
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
    compass_stems: frozenset[str] = frozenset()
    lead_noise: re.Pattern | None = None  # for free-text locations (resolve_place_name)
    kind_word: re.Pattern | None = None


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
    return Cues(
        stop=frozenset(normalize_key(w) for w in load_lines("places_stoplist.txt")) | _english_function_words(),
        titles=frozenset(normalize_key(w) for w in words("title")),
        given_names=frozenset(normalize_key(w) for w in words("given_name")) | _people_given_names(),
        connectors=frozenset(connectors),
        suffix_kind=suffix_kind,
        demonyms=demonyms,
        run=re.compile(rf"(?:{_WORD})(?:[ \t]+(?:(?:{alternation(connectors)})[ \t]+)*(?:{_WORD}))*"),
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
        near_fillers=tuple(f" {w}" for w in words("near_filler")),  # place words first, then "the"
        compass_stems=frozenset(w[:4].lower() for w in directions),
        lead_noise=re.compile(rf"^(?:(?:{alternation(words('lead_noise'))})\s+)+", re.I),
        kind_word=re.compile(rf"\s+(?:{alternation(words('kind_word'))})$", re.I),
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
        out.append((s, e, normalize_key(text[s:e]) if e != m.end() else inner, word[0].isupper(), inner))
    return out


def _find_hits(ctx: Context, gaz: Gazetteer, cue: Cues) -> tuple[list[Hit], dict[str, float]]:
    """Names found in capitalised-word runs, and the demonym votes ("Russian" -> RU) met on the way."""
    text = ctx.text
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
                if hit is not None and not _after_title(text, run.start(), cue) and not _feature_follows(text, hit.end, cue):
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
        if not cap or key in cue.connectors:
            person = False
            i += 1
            continue
        if key in cue.titles:
            person = True
            i += 1
            continue
        if person:
            i += 1
            continue
        extra: list[Hit] = []
        hit, used = _longest_match(text, words, i, gaz, cue, extra)
        if hit is not None and _feature_follows(text, hit.end, cue):
            hit = None
        hits.extend(x for x in extra if not _feature_follows(text, x.end, cue))
        if hit is None:
            i += 1
            continue
        if used == 1 and _is_given_name(words, i, key, cue):
            person = True
            i += 1
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
        return _with_suffix(text, s, e, key, gaz, cue) or _single_word(text, s, e, key, gaz, cue)
    if key in bases:
        return _with_suffix(text, s, e, key, gaz, cue)
    return None


def _after_title(text: str, start: int, cue: Cues) -> bool:
    """Is the word just before (e.g. "Sgt." or "President") a title that starts a person's name?"""
    before = text[max(0, start - 16) : start].rstrip()
    if not before or not (before[-1] == "." or before[-1].isalpha()):
        return False
    words = before.rstrip(".").rsplit(None, 1)
    return bool(words) and normalize_key(words[-1]) in cue.titles


def _feature_follows(text: str, end: int, cue: Cues) -> bool:
    """"Oskil River", "Dnipro river", "Kakhovka Reservoir": a river or lake named after the place, not the place."""
    m = cue.feature_after.match(text, end)
    return m is not None


def _is_given_name(words, i: int, key: str, cue: Cues) -> bool:
    """"Vladimir Putin": a first name that is also a town, directly followed by another capitalised word."""
    return key in cue.given_names and i + 1 < len(words) and words[i + 1][3] and words[i + 1][2] not in cue.connectors


def _longest_match(text: str, words, i: int, gaz: Gazetteer, cue: Cues, extra: list) -> tuple[Hit | None, int]:
    first = words[i]
    surface = text[first[0] : first[1]]
    if first[2] not in gaz.first_words and "-" not in surface and surface not in gaz.exact:
        return None, 1  # no name starts with this word ("Armed", "Forces")
    index, connectors, suffix_words = gaz.index, cue.connectors, cue.suffix_kind
    last = min(len(words), i + MAX_WORDS)
    for j in range(last, i, -1):
        end_word = words[j - 1]
        if not end_word[3] or end_word[2] in connectors:
            continue  # a name does not end in "of"/"and"
        s, e = words[i][0], end_word[1]
        key = " ".join([w[4] for w in words[i : j - 1]] + [end_word[2]]) if j - i > 1 else words[i][2]
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
            return Hit(s, m.end(), gaz.candidates(prefix + key), suffix=kind)
    if kind == "raion" and key in gaz and key not in cue.stop:
        towns = [(eid, alt) for eid, alt in gaz.candidates(key) if gaz.entries[eid].kind == "populated_place"]
        if towns:
            return Hit(s, m.end(), towns, suffix=kind, district_of_town=True)
    return None


# --- context: near, compass areas, plural region words ----------------------------------------


def _mark_near(text: str, hits: list[Hit], cue: Cues) -> None:
    for h in hits:
        if h.chosen is not None and h.chosen.kind in ("country", "area"):
            continue
        h.near = _is_near(text[max(0, h.start - NEAR_WINDOW) : h.start], cue)


_DIGIT = re.compile(r"\d")


def _is_near(before: str, cue: Cues) -> bool:
    """Does the text just before a name say near/outside/outskirts of/10 km from? (cheap tests first)"""
    last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
    if last_word not in cue.near_last_words:
        return False  # "in Kyiv", "and Sumy", ", Bakhmut": no cue can end here
    tail = before.rstrip().lower()
    for filler in cue.near_fillers:  # "near the town of X"
        if tail.endswith(filler):
            tail = tail[: -len(filler)].rstrip()
    last = tail[-40:].split()
    for n in (1, 2, 3, 4):  # "near", "close to", "on the outskirts of", "in the vicinity of"
        if len(last) >= n and " ".join(last[-n:]) in cue.near_words:
            return True
    return _DIGIT.search(tail, max(0, len(tail) - 30)) is not None and cue.near.search(before) is not None


def _compass_areas(text: str, hits: list[Hit], gaz: Gazetteer, cue: Cues) -> None:
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
            if before:
                h.start = before.start()
            else:
                h.end = h.end + after.end()
            h.candidates = gaz.candidates(key)


_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)$")


def _plural_region_words(text: str, hits: list[Hit], gaz: Gazetteer) -> None:
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


# --- disambiguation ------------------------------------------------------------------------------


@dataclass
class DocContext:
    countries: dict[str, float]
    admin1: dict[str, int]
    own_vote: dict[int, str]  # hit index -> the country that hit voted for
    own_admin1: dict[int, str]  # hit index -> the region that hit voted for
    centre: tuple[float, float] | None = None  # median point of the unambiguous towns


def _document_context(hits: list[Hit], gaz: Gazetteer, demonym_votes: dict[str, float]) -> DocContext:
    countries: dict[str, float] = dict(demonym_votes)
    admin1: dict[str, int] = {}
    own: dict[int, str] = {}
    own_admin1: dict[int, str] = {}
    entries_of = gaz.entries
    voted: set[tuple] = set()
    points: list[tuple[float, float]] = []  # a name repeated ten times votes once (so "Valley" cannot vouch for itself)
    for n, h in enumerate(hits):
        h.entries = [(entries_of[eid], alt) for eid, alt in h.candidates]
        first = h.entries[0][0] if h.entries else None
        if first is None:
            continue
        same_name = tuple(eid for eid, _ in h.candidates)
        repeated = same_name in voted
        voted.add(same_name)
        if len(h.entries) == 1:
            cc, code = first.country, first.admin1
        else:
            ccs = {e.country for e, _ in h.entries}
            cc = first.country if len(ccs) == 1 else None
            codes = {e.admin1 for e, _ in h.entries}
            code = first.admin1 if h.suffix and len(codes) == 1 else None
        if len(h.entries) == 1 and first.kind == "populated_place" and first.lat is not None:
            points.append((first.lat, first.lon))
        if cc:
            countries[cc] = countries.get(cc, 0) + (0 if repeated else 1)
            own[n] = cc
        if code:
            admin1[code] = admin1.get(code, 0) + (0 if repeated else 1)
            own_admin1[n] = code
    centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)) if points else None
    return DocContext(countries, admin1, own, own_admin1, centre)


def _regions_nearby(n: int, hits: list[Hit], doc: DocContext) -> set[str]:
    """Regions named within LOCAL_WINDOW characters ("in the Bryansk region ... the village of Klimovo")."""
    h = hits[n]
    found = set()
    k = n - 1
    while k >= 0 and hits[k].end > h.start - LOCAL_WINDOW:
        if k in doc.own_admin1 and _is_region_hit(hits[k]):
            found.add(doc.own_admin1[k])
        k -= 1
    k = n + 1
    while k < len(hits) and hits[k].start < h.end + LOCAL_WINDOW:
        if k in doc.own_admin1 and _is_region_hit(hits[k]):
            found.add(doc.own_admin1[k])
        k += 1
    return found


def _is_region_hit(h: Hit) -> bool:
    return bool(h.entries) and h.entries[0][0].kind in ("region", "raion", "hromada")


_DATELINE_AFTER = re.compile(r",\s+[A-Z][\w .'-]{2,30}?(?:,|\s+\(|\s+[–—-])")


def is_dateline(text: str, start: int, end: int) -> bool:
    """ "ZAPORIZHZHIA, Ukraine —", "KABUL, Afghanistan (Aug. 6, 2012)": a wire dateline, naming the city
    the report was filed from (not where things happened)."""
    written = text[start:end]
    return len(written) > 2 and written.isupper() and _DATELINE_AFTER.match(text, end) is not None


def _choose(n: int, hits: list[Hit], doc: DocContext, dateline: bool = False) -> Entry | None:
    """The best plausible candidate: implausible ones (a Russian hamlet called "Parizh") are left out first.
    A dateline's city is the biggest of its name in the country it gives: a correspondent files from a city."""
    h = hits[n]
    entries = [item for item in h.entries if _plausible(n, item[0], item[1], doc, h.district_of_town)]
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0][0]
    if dateline:
        return max(entries, key=lambda item: (not item[1], item[0].population, -item[0].id))[0]
    nearby = _regions_nearby(n, hits, doc)
    # a city whose own name it is outshines places ten times smaller that once bore it (Novorossiysk)
    biggest_own = max((e.population for e, alt in entries if not alt), default=0)
    biggest = max(e.population for e, _ in entries)

    def score(item):
        e, alt = item
        return (
            e.admin1 in nearby,
            # a region named somewhere in the text helps, unless a namesake ten times bigger is meant
            # (Donetsk the city, not the Rostov-oblast town, in a text that also names Rostov-on-Don)
            doc.admin1.get(e.admin1, 0) > 0 and e.population * 10 >= biggest,
            not (alt and e.population * 10 < biggest_own),
            _strong_name(e, alt, doc),
            doc.countries.get(e.country, 0),
            e.country in FOCUS_COUNTRIES,
            not alt,
            KIND_RANK.get(e.kind, 0),
            e.population,
            -e.id,
        )

    return max(entries, key=score)[0]


def _strong_name(e: Entry, alternate: bool, doc: DocContext) -> bool:
    """A place's own name, a big city's other name, or an other name of a place near the rest of the story.

    "Novorossiysk" is the Russian port, not a Kherson hamlet that once had that name; "Blagodatnoye"
    in a report about the Donbas is the Donetsk-oblast Blahodatne."""
    if not alternate or e.population >= STRONG_ALTERNATE_POP or e.kind != "populated_place":
        return True
    if doc.centre is None or e.lat is None:
        return doc.countries.get(e.country, 0) > 0  # no towns to compare with: its country named will do
    return distance_km(e.lat, e.lon, *doc.centre) < NEAR_STORY_KM


def _plausible(n: int, e: Entry, alternate: bool, doc: DocContext, district_of_town: bool = False) -> bool:
    if e.kind != "populated_place":
        return True
    others = doc.countries.get(e.country, 0) - (1 if doc.own_vote.get(n) == e.country else 0)
    if alternate and others <= 0 and e.population < BIG_CITY_POP:
        return False  # "But" is an alternate name of Buta (Congo): alternate names need their country in the text
    if others <= 0 and e.country not in FOCUS_COUNTRIES and e.population < FOREIGN_MIN_POP:
        return False  # "Torres", "Warren": a foreign town the text gives no reason to expect
    if district_of_town and others <= 0:
        return False  # "Ser district": districts are named in reports about their own country
    region_others = doc.admin1.get(e.admin1, 0) - (1 if doc.own_admin1.get(n) == e.admin1 else 0)
    if e.population < SMALL_PLACE_POP and others <= 0 and region_others <= 0:
        return False  # a village (or a name that is also a common word) needs its country in the text
    return True


# --- output --------------------------------------------------------------------------------------


def _mentions(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Mention]:
    places: dict[tuple[int, bool], Place] = {}
    out: list[Mention] = []
    for h in hits:
        e = h.chosen
        if e is None:
            continue
        key = (e.id, h.district_of_town)
        place = places.get(key)
        if place is None:
            if h.district_of_town:
                place = gaz.place(e, name=f"{e.name} District", precision="region", kind="region")
            else:
                place = gaz.place(e)
            places[key] = place
        span = Span(h.start, h.end)
        place.evidence.append(span)
        out.append(Mention("place", span, place, {"surface": text[h.start : h.end], "near": h.near}))
    return out


def find_places(ctx: Context) -> list[Mention]:
    """One Mention (label "place") per place mention, in text order; repeated places share one Place."""
    text = ctx.text
    if not text:
        return []
    gaz = load_gazetteer()
    cue = cues()
    hits, demonym_votes = _find_hits(ctx, gaz, cue)
    if not hits:
        return []
    _compass_areas(text, hits, gaz, cue)
    _plural_region_words(text, hits, gaz)
    doc = _document_context(hits, gaz, demonym_votes)
    for n, h in enumerate(hits):
        h.chosen = _choose(n, hits, doc, dateline=is_dateline(text, h.start, h.end))
    _mark_near(text, hits, cue)
    return _mentions(text, hits, gaz)
