"""Places named in the text, resolved against the gazetteer.

How it works (each step a small function below):
1. The gazetteer's name finder (``sitrep.gazetteer.names``) finds the names and their candidate
   entries: capitalised-word runs looked up in the gazetteer, "Kharkiv region" as the oblast, compass
   areas ("the south of Ukraine"), plural region words ("Kharkiv, Sumy and Chernihiv regions").
2. What the whole document says is gathered: the countries and regions its names vote for, the
   median point of its unambiguous towns.
3. Implausible candidates are dropped (villages and alternate names need their country in the text,
   foreign towns need it, 100,000 people, or a locative word before them: "in Titao"), and
   the rest are ranked by what the document is about (``sitrep.gazetteer.ranking``, the ranking that
   free-text lookup uses too): regions named nearby or anywhere, countries named (and demonyms), then
   Ukraine/Russia/Belarus, own names over alternate names, population.
4. "near", "outskirts of", "10 km from" before a name mark it as near.
Repeated mentions of the same place share one Place whose evidence lists every span.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.city_parts import city_parts, without_part_namesakes
from sitrep.extract.context import Context
from sitrep.gazetteer.names import Cues, Hit, compass_areas, cues, find_hits, plural_region_words
from sitrep.gazetteer.places import Entry, Gazetteer, load_gazetteer
from sitrep.gazetteer.ranking import FOCUS_COUNTRIES, VILLAGE_POP, Evidence, dateline_city, rank
from sitrep.lexicons import load_lines, load_table
from sitrep.model import Mention, Place, Span
from sitrep.text import alternation

NEAR_WINDOW = 60  # characters before a name searched for "near", "outskirts of", "10 km from"
LOCAL_WINDOW = 150  # characters around a name searched for a region that decides between namesakes
# A place outside UA/RU/BY from a country the text does not otherwise mention needs this many people.
FOREIGN_MIN_POP = 100_000
# Alternate names (not the place's own name) count without other context only for cities this big.
BIG_CITY_POP = 1_000_000
# A populated place this small needs its country in the text (other than itself) to count.
SMALL_PLACE_POP = 5_000
# A foreign town this big counts after "in"/"at"/"near" even when the text names no country: every
# town of the world list the gazetteer holds (GeoNames towns of 5,000 people or more).
LOCATED_TOWN_POP = 5_000
# A town abroad smaller than this votes for its country only after a locative word: small towns
# named as people's names ("said Beatrice", "Evans") would vouch for each other.
VOUCHING_TOWN_POP = 15_000


# --- near ------------------------------------------------------------------------------------------


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


# --- disambiguation ------------------------------------------------------------------------------


@dataclass
class DocContext:
    countries: dict[str, float]
    admin1: dict[str, int]
    own_vote: dict[int, str]  # hit index -> the country that hit voted for
    own_admin1: dict[int, str]  # hit index -> the region that hit voted for
    centre: tuple[float, float] | None = None  # median point of the unambiguous towns
    named_countries: frozenset[str] = frozenset()  # countries named by their places (demonyms left out)
    text: str = ""  # the document's text


_THE_BEFORE = re.compile(r"\bthe[ \t]+$", re.IGNORECASE)


def _document_context(hits: list[Hit], gaz: Gazetteer, demonym_votes: dict[str, float], located: list[bool],
                      text: str = "") -> DocContext:
    countries: dict[str, float] = dict(demonym_votes)
    admin1: dict[str, int] = {}
    own: dict[int, str] = {}
    own_admin1: dict[int, str] = {}
    entries_of = gaz.entries
    voted: set[tuple] = set()
    points: list[tuple[float, float]] = []  # a name repeated ten times votes once (so "Valley" cannot vouch for itself)
    after_the = [_THE_BEFORE.search(text, max(0, h.start - 5), h.start) is not None for h in hits]
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
            if cc is None and first.kind == "country" and not h.entries[0][1]:
                cc = first.country  # "Bangladesh" names the country, whatever else is also called so
            codes = {e.admin1 for e, _ in h.entries}
            code = first.admin1 if h.suffix and len(codes) == 1 else None
        if len(h.entries) == 1 and first.kind == "populated_place" and first.lat is not None:
            points.append((first.lat, first.lon))
        if cc and (not located[n] or after_the[n]) and _small_foreign_towns(h.entries):
            # small towns abroad do not vouch for each other ("said Beatrice ... Evans"), nor after an
            # article, which towns do not take ("near the Congress in Lima" is no vote for the United
            # States' village Congress)
            cc = None
        if cc:
            countries[cc] = countries.get(cc, 0) + (0 if repeated else 1)
            own[n] = cc
        if code:
            admin1[code] = admin1.get(code, 0) + (0 if repeated else 1)
            own_admin1[n] = code
    centre = (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)) if points else None
    named = frozenset(cc for n, cc in own.items())
    return DocContext(countries, admin1, own, own_admin1, centre, named, text)


def _small_foreign_towns(entries) -> bool:
    return all(e.kind == "populated_place" and e.country not in FOCUS_COUNTRIES and e.population < VOUCHING_TOWN_POP
               for e, _ in entries)


# the end of a sentence: a region or town named after it says where the next sentence's places are
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")


def _regions_nearby(n: int, hits: list[Hit], doc: DocContext, text: str = "") -> set[str]:
    """Regions named within LOCAL_WINDOW characters ("in the Bryansk region ... the village of Klimovo"),
    those after the name only in its own sentence ("near Shcherbynivka. In the Kupiansk direction ...
    in Kharkiv region" does not put Shcherbynivka in Kharkiv region)."""
    h = hits[n]
    found = set()
    k = n - 1
    while k >= 0 and hits[k].end > h.start - LOCAL_WINDOW:
        if k in doc.own_admin1 and _is_region_hit(hits[k]):
            found.add(doc.own_admin1[k])
        k -= 1
    k = n + 1
    while k < len(hits) and hits[k].start < h.end + LOCAL_WINDOW:
        if text and _SENTENCE_END.search(text, h.end, hits[k].start):
            break
        if k in doc.own_admin1 and _is_region_hit(hits[k]):
            found.add(doc.own_admin1[k])
        k += 1
    return found


_POINT_KINDS = frozenset({"populated_place", "raion", "hromada"})


def _towns_nearby(n: int, hits: list[Hit], text: str = "") -> list[tuple[float, float]]:
    """The points of the settlements (and of the districts and hromadas, at their centres) named within
    LOCAL_WINDOW characters of a name, those already resolved or with one entry only: of many villages
    called Ivanivka the one meant is the one by "Kupiansk district" or "Velyka Pysarivka hromada"."""
    h = hits[n]
    points = []
    for k in range(n - 1, -1, -1):
        if hits[k].end <= h.start - LOCAL_WINDOW:
            break
        points.extend(_point_of(hits[k], h))
    for k in range(n + 1, len(hits)):
        if hits[k].start >= h.end + LOCAL_WINDOW or (text and _SENTENCE_END.search(text, h.end, hits[k].start)):
            break
        points.extend(_point_of(hits[k], h))
    return points


def _point_of(other: Hit, h: Hit) -> list[tuple[float, float]]:
    entry = other.chosen if other.chosen is not None else other.entries[0][0] if len(other.entries) == 1 else None
    if entry is None or entry.kind not in _POINT_KINDS or entry.lat is None or other.candidates == h.candidates:
        return []
    return [(entry.lat, entry.lon)]


def _is_region_hit(h: Hit) -> bool:
    return bool(h.entries) and h.entries[0][0].kind in ("region", "raion", "hromada")


_DATELINE_AFTER = re.compile(r",\s+[A-Z][\w .'-]{2,30}?(?:,|\s+\(|\s+[–—-])")


# "CAMP AGUINALDO, Quezon City - Troops ...": a base's name in capitals, then its city, then a dash
_CAPITALS_BEFORE = re.compile(r"(?:^|[\n\u2028])[ \t]*[A-Z][A-Z .'’-]{2,40},[ \t]*$")
_DASH_AFTER = re.compile(r"[ \t]*[-–—][ \t]")


def is_dateline(text: str, start: int, end: int) -> bool:
    """ "ZAPORIZHZHIA, Ukraine —", "KABUL, Afghanistan (Aug. 6, 2012)", "CAMP NAVARRO, Zamboanga City -":
    a wire dateline, naming the city the report was filed from (not where things happened)."""
    written = text[start:end]
    if len(written) > 2 and written.isupper() and _DATELINE_AFTER.match(text, end) is not None:
        return True
    return (start < 200 and _DASH_AFTER.match(text, end) is not None
            and _CAPITALS_BEFORE.search(text, max(0, start - 50), start) is not None)


def _other_countries(doc: DocContext, country: str | None) -> bool:
    """Does the text name another country (a demonym alone does not: "an Israeli drone near Nabatieh")?"""
    return any(cc != country for cc in doc.named_countries)


_NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z]")
_TOWN_WORD_AFTER = re.compile(r"[ \t]+(?:town|city|village)\b")


@lru_cache(maxsize=1)
def _facility_after() -> re.Pattern:
    """A facility named for the town it is at ("the Aguelhok camp", "Kati military camp"): cue kind
    ``facility`` of places_cues.tsv."""
    words = [r["cue"] for r in load_table("places_cues.tsv") if r["kind"] == "facility"]
    return re.compile(rf"[ \t]+(?:military[ \t]+)?(?:{alternation(words)})\b")


def _after_locative(text: str, h: Hit, cue: Cues) -> bool:
    """Does a locative word come just before the name ("in Titao", "near the town of Djibo"), and is the
    name the whole capitalised run ("in Mota Khan district" is not the town Mota)?"""
    start = h.start
    if _NEXT_CAPITALISED.match(text, h.end):
        return False
    if _TOWN_WORD_AFTER.match(text, h.end) or _facility_after().match(text, h.end):
        return True  # "Sukma town", "east of Deir ez-Zor city", "its Aguelhok camp"
    tail = text[max(0, start - 40) : start].rstrip().lower()
    for filler in cue.near_fillers:
        if tail.endswith(filler):
            if filler != " the":
                return True  # "the town of X", "the port of X": the text says X is a place
            tail = tail[: -len(filler)].rstrip()
    last = tail.rsplit(None, 1)[-1] if tail else ""
    return last in cue.locatives


_LINE_BREAK = re.compile(r"[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_LABEL_PUNCTUATION = ".,;:!?-–—\"'“”‘’()"


def _names_whole_line(text: str, h: Hit) -> bool:
    """Is the name all its line says ("Novokaterynivka", "Tsvetnye Peski.")? A line of one name is a
    label — a headline, caption, heading or index entry saying where — so the name is read as a place,
    as after "in"."""
    return _blank_to_line_edge(text[max(0, h.start - _LABEL_REACH) : h.start][::-1], h.start <= _LABEL_REACH) and \
        _blank_to_line_edge(text[h.end : h.end + _LABEL_REACH], h.end + _LABEL_REACH >= len(text))


_LABEL_REACH = 80  # characters looked at on either side of a name for the edge of its line


def _blank_to_line_edge(side: str, reaches_text_edge: bool) -> bool:
    """Is there nothing but spaces and punctuation between a name and its line's edge (``side`` read
    outwards from the name)?"""
    m = _LINE_BREAK.search(side)
    if m is None and not reaches_text_edge:
        return False
    return not side[: m.start() if m else len(side)].strip().strip(_LABEL_PUNCTUATION).strip()


# between a place and the region written right after it as its own: "Garm Ser district, Helmand province",
# "the Khas district of Uruzgan province", "Mirzaki, in Paktiya province", "Ivanivka in Kupiansk district"
# (the place's own name may run on past the gazetteer's match: "Garm Ser district", "Khas Konar district")
_REGION_OF_PLACE = re.compile(r"(?:\s+[A-Z][\w'’-]*){0,2}(?:\s*,\s*(?:in\s+)?(?:the\s+)?|\s+(?:of|in)\s+(?:the\s+)?|"
                              r"\s+(?i:district|village|town|city|valley)\s*(?:,\s*(?:in\s+)?|\s+(?:of|in)\s+)(?:the\s+)?)")


_DIVISION_KINDS = frozenset({"region", "raion", "hromada"})


# "X in Y region" says less than "X, Y region": "the west bank of the Dnipro in the Kherson region" (a
# river's name, no town of the region) keeps its usual reading when the region has no place of the name
_SOFT_GAP = re.compile(r"\s+in\s+(?:the\s+)?")


def _region_written_after(text: str, n: int, hits: list[Hit]) -> tuple[str, str, bool] | None:
    """The region (country, admin1 code) named right after a place as the one it lies in, if any, and
    whether the text binds them firmly (a comma, "of") or softly ("in"). A district has its region too
    ("Khugyani district, Ghazni province"); a region has none."""
    if _is_region_hit(hits[n]) and hits[n].entries[0][0].kind not in _PLACES_WITHIN_REGIONS:
        return None
    for k in range(n + 1, min(n + 3, len(hits))):  # the name may run on over another match ("Garm" "Ser district")
        # the region said to be one with its word ("Helmand province", "Bryansk region"), not a list of names
        if _is_region_hit(hits[k]) and hits[k].suffix and _REGION_OF_PLACE.fullmatch(text, hits[n].end, hits[k].start):
            codes = {(e.country, e.admin1) for e, _ in hits[k].entries if e.kind in _DIVISION_KINDS}
            if len(codes) != 1:
                return None
            country, code = next(iter(codes))
            return country, code, _SOFT_GAP.fullmatch(text, hits[n].end, hits[k].start) is None
        if text[hits[k - 1].end : hits[k].start].strip():
            return None
    return None


# what a region written right after a place decides between: towns, and districts (a district named in
# another region than the one written after it is a namesake the gazetteer lacks: "Khugyani district, Ghazni")
_PLACES_WITHIN_REGIONS = frozenset({"populated_place", "raion"})


def _choose(n: int, hits: list[Hit], doc: DocContext, dateline: bool = False, located: bool = False,
            within: tuple[str, str, bool] | None = None) -> Entry | None:
    """The best plausible candidate: implausible ones (a Russian hamlet called "Parizh") are left out first.
    A dateline's city is the biggest of its name in the country it gives: a correspondent files from a city.
    A place whose region is written right after it ("X district, Y province") is one of that region's, or
    none the gazetteer knows (the region then stands for it)."""
    h = hits[n]
    entries = [item for item in h.entries if _plausible(n, item[0], item[1], doc, h.district_of_town, located)]
    if within is not None and all(e.kind in _PLACES_WITHIN_REGIONS for e, _ in h.entries):
        inside = [item for item in h.entries if (item[0].country, item[0].admin1) == within[:2]]
        entries = inside if inside or within[2] else entries
    if not entries:
        return None
    if len(entries) == 1:
        return entries[0][0]
    if dateline:
        return dateline_city(entries)
    evidence = Evidence(regions_beside=_regions_nearby(n, hits, doc, doc.text), towns_beside=_towns_nearby(n, hits, doc.text),
                        countries=doc.countries, regions_named=doc.admin1, centre=doc.centre)
    return rank(entries, evidence, story=True)


def _namesake_villages(n: int, hits: list[Hit], doc: DocContext) -> bool:
    """Is a name the only place a text names, and are its plausible readings villages of several regions?
    Such a text ("Novoselivka", "fighting near Novoselivka") has nothing to tell them apart by (no
    country, region or town beside it), so none is chosen rather than a guess by size. Villages of another
    country known by the name as another spelling count among the readings ("Peski" is a Russian
    village's own name and the Russian spelling of Ukrainian villages called Pisky)."""
    h = hits[n]
    if any(k.candidates != h.candidates for k in hits):
        return False
    entries = [e for e, alt in h.entries if _plausible(n, e, alt, doc, h.district_of_town, True)]
    countries = {e.country for e in entries}
    entries += [e for e, alt in h.entries if alt and e.kind == "populated_place" and e.country in FOCUS_COUNTRIES
                and e.country not in countries]
    regions = {(e.country, e.admin1) for e in entries}
    return len(regions) > 1 and all(e.kind == "populated_place" and e.population < VILLAGE_POP for e in entries)


def _plausible(n: int, e: Entry, alternate: bool, doc: DocContext, district_of_town: bool = False,
               located: bool = False) -> bool:
    if e.kind != "populated_place":
        return True
    others = doc.countries.get(e.country, 0) - (1 if doc.own_vote.get(n) == e.country else 0)
    region_others = doc.admin1.get(e.admin1, 0) - (1 if doc.own_admin1.get(n) == e.admin1 else 0)
    if region_others > 0 and e.country not in FOCUS_COUNTRIES and not alternate:
        return True  # "Patikul, Sulu", "Tillia, Tahoua region": its own region is named in the text
    if located and e.population >= LOCATED_TOWN_POP and not district_of_town and not _other_countries(doc, e.country):
        return True  # "militants attacked a post in Titao": a town of the world list, where something happened
    if located and e.country in FOCUS_COUNTRIES and not alternate and not _other_countries(doc, e.country):
        return True  # "shelling near Novokaterynivka": a village of the detailed gazetteer, where something happened
    if alternate and others <= 0 and e.population < BIG_CITY_POP:
        return False  # "But" is an alternate name of Buta (Congo): alternate names need their country in the text
    if others <= 0 and e.country not in FOCUS_COUNTRIES and e.population < FOREIGN_MIN_POP:
        return False  # "Torres", "Warren": a foreign town the text gives no reason to expect
    if district_of_town and others <= 0:
        return False  # "Ser district": districts are named in reports about their own country
    if e.population < SMALL_PLACE_POP and others <= 0 and region_others <= 0:
        return False  # a village (or a name that is also a common word) needs its country in the text
    return True


# --- output --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _unit_word_in_name() -> frozenset[str]:
    """Countries whose divisions are named with their unit word ("Kharkiv region"); see the lexicon."""
    return frozenset(load_lines("places_unit_word_in_name.txt"))


def _name_span(text: str, h: Hit, e: Entry) -> Span:
    """The characters that name the place: "northern Ethiopia" names Ethiopia, "Helmand province"
    Helmand, "Kursk and Bryansk regions" Bryansk; "Kharkiv region" is the name in Ukraine's usage."""
    start = h.start if h.name_start is None else h.name_start
    end = h.end
    if h.name_end is not None:
        word = text[h.name_end : h.end].strip()
        word_is_name = (h.suffix is not None and h.name_start is None and not word.lower().endswith("s")
                        and (e.country in _unit_word_in_name() or _capitalised_word(word)))
        if not word_is_name:
            end = h.name_end
    return Span(start, end)


def _capitalised_word(word: str) -> bool:
    """ "Borno State", "Shan State", "Helmand Province": English capitalises a unit word that is part of
    the name (not in a line of capitals, "BORNO STATE")."""
    return word[:1].isupper() and not word.isupper()


# "Kursk City", "Sumy City": a town named with a capitalised "City" (a part of the name, as in the
# gazetteer's "Quezon City")
_CITY_AFTER = re.compile(r"[ \t]City\b")


def _with_city_word(text: str, hits: list[Hit]) -> None:
    for h in hits:
        if (h.chosen is not None and h.chosen.kind == "populated_place" and h.name_end is None
                and _CITY_AFTER.match(text, h.end) and not text[h.start : h.end].isupper()):
            h.end += len(" City")


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
        name = _name_span(text, h, e)
        place.evidence.append(name)
        attrs = {"surface": text[h.start : h.end], "near": h.near}
        if name != span:
            attrs["name_span"] = name
        out.append(Mention("place", span, place, attrs))
    return out


def find_places(ctx: Context) -> list[Mention]:
    """One Mention (label "place") per place mention, in text order; repeated places share one Place."""
    text = ctx.text
    if not text:
        return []
    gaz = load_gazetteer()
    cue = cues()
    hits, demonym_votes = find_hits(text, gaz, cue)
    if not hits:
        return []
    compass_areas(text, hits, gaz, cue)
    plural_region_words(text, hits, gaz)
    hits = without_part_namesakes(text, hits, gaz)
    labels = [_names_whole_line(text, h) for h in hits]
    located = [_after_locative(text, h, cue) or labels[n] for n, h in enumerate(hits)]
    doc = _document_context(hits, gaz, demonym_votes, located, text)
    datelines = [is_dateline(text, h.start, h.end) for h in hits]
    within = [_region_written_after(text, n, hits) for n in range(len(hits))]
    for n, h in enumerate(hits):
        h.chosen = _choose(n, hits, doc, dateline=datelines[n], located=located[n], within=within[n])
        if h.chosen is not None and located[n] and _namesake_villages(n, hits, doc):
            h.chosen = None
    first_reading: dict[tuple, Entry] = {}  # a name's reading where the text first names it
    for n, h in enumerate(hits):
        if len(h.entries) > 1 and h.chosen is not None and not datelines[n]:
            key = tuple(h.candidates)
            if within[n] is None and key in first_reading:
                h.chosen = first_reading[key]  # a name named again is the place it was ("Andriivka ... in Andriivka")
                continue
            # again, now that the names after it are resolved too: "near Kalynove and in Krasnohorivka"
            h.chosen = _choose(n, hits, doc, located=located[n], within=within[n])
            first_reading.setdefault(key, h.chosen)
    _mark_near(text, hits, cue)
    _with_city_word(text, hits)
    parts = city_parts(text, hits, gaz, _unit_word_in_name())
    mentions = _mentions(text, hits, gaz)
    return sorted(mentions + parts, key=lambda m: m.span.start) if parts else mentions


def without_names_of_people(places: list[Mention], people: list[Mention]) -> list[Mention]:
    """The place mentions less those the people stage read as part of a name ("Governor Andrei Demidov"),
    or as that surname on its own later ("Demidov wrote"): such a word is not also a village. A place
    that loses a mention so is a new Place without that evidence; ``places`` is left as it was."""
    if not people:
        return places
    starts = sorted((p.span.start, p.span.end) for p in people)
    surnames = {p.value.name.split()[-1] for p in people if len(p.value.name.split()) > 1}

    def inside_a_name(span: Span) -> bool:
        i = bisect.bisect_right(starts, (span.end, span.end))  # names starting before the place ends
        return any(start < span.end and span.start < end for start, end in starts[max(0, i - 3) : i])

    kept, lost = [], {}  # lost: id of a Place -> the spans of its mentions that were names
    for m in places:
        if inside_a_name(m.span) or m.attrs.get("surface") in surnames:
            lost.setdefault(id(m.value), set()).add(m.attrs.get("name_span", m.span))
        else:
            kept.append(m)
    if not lost:
        return places
    renewed: dict[int, Place] = {}
    out = []
    for m in kept:
        spans = lost.get(id(m.value))
        if spans is not None:
            place = renewed.get(id(m.value))
            if place is None:
                place = renewed[id(m.value)] = dataclasses.replace(m.value, evidence=[e for e in m.value.evidence if e not in spans])
            m = Mention(m.label, m.span, place, dict(m.attrs))
        out.append(m)
    return out
