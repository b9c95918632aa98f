"""Parts of a city named with it: "the Hodan district of Mogadishu", "Baghdad's Karrada district",
"the Rampura area of Dhaka", "the city's Dniprovskyi district", "a shell hit the Korabelnyi district"
(after Kherson was named).

The gazetteer keeps few city districts (a handful of GeoNames points; Ukraine's from the codifier, by
name only: ``gazetteer/city_districts.py``), so such a part is either not found at all or found as a
namesake elsewhere (Rampura, a town in India; Kyiv's Dniprovskyi in a report about Kherson). A
capitalised name before a city-part word (``lexicons/places_cues.tsv``, kind ``city_part``) is that
part of the city named with it ("of X", "X's"), of the city the report is at ("the city's", "of the
city"), of a city named in the report that has a district so called, or else of the city the text last
named; it sits at the city's point. Its evidence is the name ("Hodan"), with the word where the country
writes it as part of the name ("Korabelnyi district": ``lexicons/places_unit_word_in_name.txt``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.gazetteer.city_districts import cities_with_district
from sitrep.gazetteer.names import Hit, cues, normalize_key
from sitrep.gazetteer.places import Gazetteer
from sitrep.geo import distance_km
from sitrep.lexicons import load_table
from sitrep.model import Mention, Place, Span
from sitrep.text import alternation

# how far back (characters) the city last named may be for a part named without its city
CITY_REACH = 400
_NAME_BEFORE = re.compile(r"(?:^|(?<=[\s(]))((?:[A-Z](?:\w|['’](?!s\b))*(?:-[\w'’]+)*[ \t]+(?:(?:al|el|ad|ar|as|an|de|la|del)[- ])?){1,3})$")
# a town this big, in a country whose city districts reports name without the city ("the Korabelnyi
# district" after "Kherson"), owns a district named after it
BIG_CITY_POP = 50_000
_OF_CITY = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+(?:city|town)[ \t]+of[ \t]+)?")
# "the Kalma camp for displaced people near Nyala", "the Jabalia refugee camp in Gaza": the city just after
_AT_CITY = re.compile(r"[ \t]+(?:of|in|near|outside)[ \t]+(?:the[ \t]+(?:city|town)[ \t]+of[ \t]+)?")
_POSSESSIVE_BEFORE = re.compile(r"['’]s[ \t]+(?:the[ \t]+)?$")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s")
# "the city's Dniprovskyi district", "the Korabelnyi district of the city": the city the report is at
_THE_CITY_BEFORE = re.compile(r"\bthe[ \t]+(?:city|town|capital)['’]s[ \t]+(?:the[ \t]+)?$", re.IGNORECASE)
_OF_THE_CITY_AFTER = re.compile(r"[ \t]+of[ \t]+the[ \t]+(?:city|town|capital)\b(?![ \t]+of\b)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _part_words() -> tuple[re.Pattern, frozenset[str]]:
    """The city-part words, and those that name only a part of a city (a "district" may be a rural one)."""
    rows = [r for r in load_table("places_cues.tsv") if r["kind"] == "city_part"]
    only_city = frozenset(r["cue"].lower() for r in rows if r["value"] == "city")
    return re.compile(rf"[ \t]({alternation(r['cue'] for r in rows)})\b"), only_city


# a namesake of a city part this big is the town itself, not the part ("the Bakhmut area of Donetsk")
NAMESAKE_MAX_POP = 100_000


def without_part_namesakes(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """The hits less small towns that are only namesakes of a city part named with its city ("the
    Rampura area of Dhaka", "Dhaka's Rampura area"): found before disambiguation, so that they do not
    vote for their country (an Indian Rampura would make Dhaka the Indian village of that name)."""
    part_word, _ = _part_words()
    drop = set()
    for n, h in enumerate(hits):
        if h.suffix is not None or not all(gaz.entries[eid].kind == "populated_place"
                                           and gaz.entries[eid].population < NAMESAKE_MAX_POP for eid, _ in h.candidates):
            continue
        word = part_word.match(text, h.end)
        if word is None:
            continue
        after = _OF_CITY.match(text, word.end())
        own = {gaz.entries[eid].country for eid, _ in h.candidates}
        city_after = (after is not None and n + 1 < len(hits) and hits[n + 1].start == after.end()
                      and _a_city_abroad(hits[n + 1], own, gaz))
        possessive = _POSSESSIVE_BEFORE.search(text, max(0, h.start - 12), h.start)
        city_before = (n > 0 and possessive is not None and possessive.start() == hits[n - 1].end
                       and _a_city_abroad(hits[n - 1], own, gaz))
        if city_after or city_before:
            drop.add(n)
    return [h for n, h in enumerate(hits) if n not in drop] if drop else hits


def _a_city_abroad(h: Hit, countries: set, gaz: Gazetteer) -> bool:
    """Is the hit (maybe) a city of another country than ``countries``: no region word, and its towns of
    NAMESAKE_MAX_POP people all abroad ("Shelling hit the Bakhmut area of Donetsk" keeps Bakhmut)?"""
    if h.suffix is not None:
        return False
    big = {gaz.entries[eid].country for eid, _ in h.candidates
           if gaz.entries[eid].kind == "populated_place" and gaz.entries[eid].population >= NAMESAKE_MAX_POP}
    return bool(big) and not big & countries


def city_parts(text: str, hits: list[Hit], gaz: Gazetteer, unit_word_in_name: frozenset[str]) -> list[Mention]:
    """Mentions of city parts; hits that were only a namesake of such a part lose their ``chosen``."""
    towns = [h for h in hits if h.chosen is not None and h.chosen.kind == "populated_place"]
    if not towns:
        return []
    stop = cues().stop
    by_start = {h.start: h for h in hits}
    by_end = {h.end: h for h in towns}
    out: list[Mention] = []
    places: dict[tuple, Place] = {}
    part_word, only_city = _part_words()
    main = _main_city(towns)
    for m in part_word.finditer(text):
        before = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start() + 1)
        if before is None:
            continue
        name_start = before.start(1)
        name = text[name_start : m.start()].strip()
        first = normalize_key(name.split()[0])
        if first in ("the", "a", "an") and " " in name:  # "The Kyivskyi district of the city" opens a sentence
            name_start += len(name.split()[0]) + 1
            name = text[name_start : m.start()].strip()
            first = normalize_key(name.split()[0])
        if first in stop or first in ("the", "a", "an"):
            continue
        namesake = by_start.get(name_start)
        if namesake is not None and (namesake.chosen is None or namesake.chosen.kind != "populated_place"
                                     or namesake.end not in (name_start + len(name), m.end())):
            continue  # "the Kharkiv region", "Bakhmut district": a known unit, not a part of a city
        # (a populated place may hold the word as its name: GeoNames knows Kyiv's "Dniprovskyi District")
        if any(h.start < m.end() and name_start < h.end and h is not namesake for h in hits):
            continue  # part of the name is another place ("Kyiv's Podilskyi district" keeps Kyiv)
        city, bound = _city_of(text, name_start, m.end(), by_start, by_end, towns, main, name,
                               lambda town: m.group(1).lower() in only_city
                               or (town.chosen.country in unit_word_in_name and town.chosen.population >= BIG_CITY_POP))
        if city is None or city is namesake:
            continue
        if namesake is not None and namesake.chosen.country == city.chosen.country and (
                not bound or not cities_with_district(name) or _within_city(namesake.chosen, city.chosen)):
            # a town of the city's own country is a town ("the Bakhmut area of Donetsk"), or the part itself
            # ("Kyiv's Obolon district"), unless it is a namesake district of another city (Kyiv's Dniprovskyi)
            continue
        if namesake is not None:
            namesake.chosen = None  # "the Rampura area of Dhaka" is not the Indian town Rampura
        e = city.chosen
        key = (normalize_key(name), e.id)
        place = places.get(key)
        word_is_name = e.country in unit_word_in_name
        label = f"{name} {m.group(1)}" if word_is_name else name
        if place is None:
            city_place = gaz.place(e)
            place = places[key] = Place(name=label, country=e.country, admin1=city_place.admin1, lat=e.lat,
                                        lon=e.lon, precision="near", kind="area")
        evidence = Span(name_start, m.end() if word_is_name else name_start + len(name))
        place.evidence.append(evidence)
        attrs = {"surface": text[name_start : m.end()], "near": False, "city_part": True}
        if evidence.end != m.end():
            attrs["name_span"] = evidence
        out.append(Mention("place", Span(name_start, m.end()), place, attrs))
    return out


# a gazetteer point this close to a city is a part of it ("Kyiv's Obolon district": GeoNames has Obolon)
WITHIN_CITY_KM = 20.0


def _within_city(part, city) -> bool:
    if None in (part.lat, part.lon, city.lat, city.lon):
        return False
    return distance_km(part.lat, part.lon, city.lat, city.lon) <= WITHIN_CITY_KM


def _main_city(towns: list[Hit]) -> Hit | None:
    """The city the report is about: the city (BIG_CITY_POP people or more) it names most often, the first
    named of equals (a dateline's city is named first)."""
    counts: dict[int, int] = {}
    first: dict[int, Hit] = {}
    for h in towns:
        if h.chosen.population >= BIG_CITY_POP:
            counts[h.chosen.id] = counts.get(h.chosen.id, 0) + 1
            first.setdefault(h.chosen.id, h)
    if not counts:
        return None
    return first[max(counts, key=lambda eid: (counts[eid], -first[eid].start))]


def _is_owner(h: Hit, owners: frozenset[str], text: str) -> bool:
    return normalize_key(h.chosen.name) in owners or normalize_key(text[h.start : h.end]) in owners


def _city_of(text: str, start: int, end: int, by_start: dict, by_end: dict, towns: list[Hit], main: Hit | None,
             name: str, owns) -> tuple[Hit | None, bool]:
    """The city a part belongs to, and whether the text (or the gazetteer) binds them: "... of Mogadishu",
    "Baghdad's ...", "the city's ..." (the city last named, else the report's city); else of the cities
    named, the one with a district so called (the report's city first); else the town named last before
    when ``owns`` says it can be ("the Ndosho neighbourhood"; a "district" only of a big Ukrainian city)."""
    towns = [h for h in towns if h.chosen is not None]  # a namesake of a part found earlier is no town
    main = main if main is not None and main.chosen is not None else None
    after = _AT_CITY.match(text, end)
    if after is not None:
        city = by_start.get(after.end())
        if city is not None and city.chosen is not None and city.chosen.kind == "populated_place":
            return city, True
    possessive = _POSSESSIVE_BEFORE.search(text, max(0, start - 12), start)
    if possessive is not None:
        city = by_end.get(possessive.start())
        if city is not None and city.chosen is not None:
            return city, True
    earlier = [h for h in towns if h.end <= start]
    if _THE_CITY_BEFORE.search(text, max(0, start - 24), start) or _OF_THE_CITY_AFTER.match(text, end):
        cities = [h for h in earlier if h.chosen.population >= BIG_CITY_POP]
        city = cities[-1] if cities else main
        return city, city is not None
    owners = cities_with_district(name)
    if owners:
        known = [h for h in towns if _is_owner(h, owners, text)]
        if known:
            if main is not None and any(h.chosen.id == main.chosen.id for h in known):
                return main, True
            before = [h for h in known if h.end <= start]
            return (before[-1] if before else known[0]), True
    earlier = [h for h in earlier if start - h.end <= CITY_REACH]
    if earlier:
        return (earlier[-1] if owns(earlier[-1]) else None), False
    # none named before: the city named after it in its sentence ("the Mugunga displacement site, west of Goma")
    later = next((h for h in towns if h.start >= end), None)
    if later is not None and later.start - end <= CITY_REACH and not _SENTENCE_END.search(text, end, later.start):
        return (later if owns(later) else None), False
    return None, False
