"""Where an event happened: the place bound to the event's own clause.

The places stage (``sitrep.extract.places``) finds and resolves every place named; this module decides
which of them an event took place at. Each place mention gets a tier once per document, from the words
around it:

* at-place: after "in / at / near / over / outside ..." (the strongest tie);
* bare: named without a preposition ("shelled Nikopol");
* origin: after "from" (where someone came from, not where it happened);
* speaker: an institution named after a place ("the Odesa city council said", "the Lviv regional
  administration"): the event happened there only when nothing else is named.

Some mentions are no event's place at all: a qualifier of the place before it ("Suzemka, Bryansk
region", "Konduga (Borno)", "Kupiansk district, Kharkiv region", the country of a dateline), a
city's district named with its city ("the Korabelnyi district of Mykolaiv", "Mykolaiv's Korabelnyi
district": the city is the event's place), a capital that speaks ("Moscow denies"), and a wire dateline
(the city the report was filed from), which is used only when the event has no place at all.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from sitrep.extract.claims import speaking_place
from sitrep.extract.context import Context
from sitrep.extract.places import is_dateline
from sitrep.geo import distance_km
from sitrep.lexicons import load_lines
from sitrep.model import Location, Mention, Place
from sitrep.text import alternation

# how strongly the words before a place say the event happened there (lower is stronger)
AT_PLACE, BARE_PLACE, ORIGIN_PLACE, SPEAKER_PLACE = 0, 1, 2, 3
# sentences back an event without a place of its own may take the place the story was at
STORY_REACH = 3
# settlements closer than this can be one incident's (a village and the town beside it)
SAME_PLACE_KM = 15.0
_PRECISION_ORDER = {"exact": 0, "near": 1, "region": 2, "country": 3}
_STRONG_PREPOSITION = re.compile(r"(?:\b(?:in|at|near|outside|around|on|into|over|of|to)\s+(?:the\s+)?(?:\w+\s+)?(?:of\s+)?|,\s*)$", re.IGNORECASE)
_ORIGIN_PREPOSITION = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# what joins a place to the larger unit that qualifies it: "Suzemka, Bryansk region", "Bhamo (Kachin"
_QUALIFIER_GAP = re.compile(r"^\s*(?:\(|,\s*(?:in\s+(?:the\s+)?)?|in\s+(?:the\s+)?)$")
# "the Korabelnyi district of Mykolaiv", "... district of the city of Mykolaiv"
_DISTRICT_OF = re.compile(r"^\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"^['’]s\s+(?:\w+\s+)?$")
_REGION_KINDS = frozenset({"region", "country", "area"})


@lru_cache(maxsize=1)
def _institution_after() -> re.Pattern:
    """Institution words that make the place before them a speaker (lexicons/places_institutions.txt)."""
    words = load_lines("places_institutions.txt")
    return re.compile(rf"['’]?s?\s+(?:{alternation(words)})\b", re.IGNORECASE)


@dataclass(frozen=True)
class EventPlaces:
    """Each sentence's places where an event may be, with their tier; and the dateline's city."""

    by_sentence: dict[int, list[tuple[Mention, int]]]
    dateline: Mention | None = None


def event_places(ctx: Context, places: list[Mention]) -> EventPlaces:
    """The tiers of every place mention, worked out once per document."""
    text = ctx.text
    by_sentence: dict[int, list[tuple[Mention, int]]] = {}
    dateline = None
    previous: Mention | None = None
    for n, p in enumerate(places):
        prev, previous = previous, p
        if is_dateline(text, p.span.start, p.span.end):
            dateline = dateline or p
            continue
        if speaking_place(text, p) or _qualifies(text, prev, p) or _district_of_city(text, p, places, n):
            continue
        index = ctx.sentence_index(p.span)
        if index is None or not ctx.sentences[index].contains(p.span):
            continue
        by_sentence.setdefault(index, []).append((p, _tier(text, p)))
    return EventPlaces(by_sentence, dateline)


def _tier(text: str, p: Mention) -> int:
    if _institution_after().match(text, p.span.end, min(len(text), p.span.end + 60)):
        return SPEAKER_PLACE
    before = text[max(0, p.span.start - 40) : p.span.start]
    if _ORIGIN_PREPOSITION.search(before) and not _STRONG_PREPOSITION.search(before[-12:]):
        return ORIGIN_PLACE
    if _STRONG_PREPOSITION.search(before):
        return AT_PLACE
    return BARE_PLACE


def _qualifies(text: str, prev: Mention | None, p: Mention) -> bool:
    """Is ``p`` the larger unit named to say where ``prev`` is ("Nikopol, Dnipropetrovsk region")?"""
    if prev is None or prev.value is p.value:
        return False
    gap = text[prev.span.end : p.span.start]
    if not _QUALIFIER_GAP.match(gap):
        return False
    outer, inner = p.value, prev.value
    if gap.strip().startswith("("):
        return True  # "Bakhmut (Donetsk)", "Lalibela (North Wollo": what is in brackets says where
    if outer.kind not in _REGION_KINDS and outer.precision != "region":
        return False  # "Avdiivka, Marinka": a list of towns
    if outer.kind == "country":
        return inner.country == outer.country
    if inner.kind == "country":
        return False
    return outer.admin1 is None or inner.admin1 in (None, outer.admin1) or inner.country != outer.country


def _district_of_city(text: str, p: Mention, places: list[Mention], n: int) -> bool:
    """A district named with its city ("the Shevchenkivskyi district of Kharkiv", "Kharkiv's
    Shevchenkivskyi district"): the city is the place, the district (a namesake elsewhere) is not."""
    if not re.search(r"(?:district|raion|borough)\s*$", text[p.span.start : p.span.end], re.IGNORECASE):
        return False
    after = places[n + 1] if n + 1 < len(places) else None
    if after is not None and after.value.kind == "populated_place" and _DISTRICT_OF.match(text[p.span.end : after.span.start]):
        return True
    before = places[n - 1] if n > 0 else None
    return before is not None and before.value.kind == "populated_place" and bool(
        _POSSESSIVE.match(text[before.span.end : p.span.start]))


def candidate_places(sentences: list[int], found: EventPlaces) -> list[tuple[Mention, int]]:
    """Places in the event's sentences, each with how strongly the text puts the event there."""
    return [f for i in sorted(set(sentences)) for f in found.by_sentence.get(i, ())]


def best_place(sentences: list[int], found: EventPlaces) -> tuple[Mention, int] | None:
    """Where the event happened: among the places most strongly tied to it, the most precise, then the
    most often named, then the first. A speaking institution's town counts only when nothing else does."""
    places = candidate_places(sentences, found)
    if not places:
        return None
    strongest_tier = min(tier for _, tier in places)
    strong = [f for f in places if f[1] == strongest_tier]
    frequency = Counter(id(p.value) for p, _ in strong)
    best = min(strong, key=lambda f: (_PRECISION_ORDER.get(f[0].value.precision, 4), -frequency[id(f[0].value)], f[0].span.start))
    if best[0].value.precision in ("region", "country") and best[1] in (AT_PLACE, BARE_PLACE):
        # "recaptured Sudzha ... in the Kursk region", "in Baghdad ... Iraq": a town inside the area named
        # in the event's sentences is where it happened, however the area was introduced
        inside = [f for f in places if f[1] in (AT_PLACE, BARE_PLACE) and _inside(f[0].value, best[0].value)]
        if inside:
            return min(inside, key=lambda f: (f[1], f[0].span.start))
    return best


def _inside(town: Place, area: Place) -> bool:
    """Is a settlement within a region or country (by its admin1 or country)?"""
    if town.kind != "populated_place" or town.precision != "exact" or town.country != area.country:
        return False
    if area.kind == "country" or area.kind == "area":
        return True
    return area.admin1 is not None and town.admin1 == area.admin1


def compatible(a: Place | None, b: Place | None) -> bool:
    """Two places can be one incident's: one unknown, the same place, one inside the other's area, or
    two settlements a few kilometres apart."""
    if a is None or b is None or a is b:
        return True
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.country != b.country:
        return False
    if "country" in (a.precision, b.precision):
        return True
    if a.precision == "region" or b.precision == "region":
        region, other = (a, b) if a.precision == "region" else (b, a)
        if region.kind == "area":  # "southern Ukraine", "Donbas": no outline to test against
            return True
        return region.admin1 is not None and region.admin1 in (other.admin1, other.name)
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def location_of(sentences: list[int], ctx: Context, found: EventPlaces) -> Location | None:
    """The event's Location: its own sentences' place, else the place the story was just at, else a
    speaking institution's town, else (in a report naming no other place) the dateline's city."""
    best = best_place(sentences, found)
    if best is None or best[1] == SPEAKER_PLACE:
        best = place_told_before(sentences, ctx, found) or best
    if best is None and found.dateline is not None and not found.by_sentence:
        best = (found.dateline, BARE_PLACE)  # a report naming no other place: it happened where it was filed
    if best is None:
        return None
    mention, _ = best
    p: Place = mention.value
    precision = "near" if mention.attrs.get("near") and p.precision == "exact" else p.precision
    return Location(name=p.name, geonames_id=p.geonames_id, country=p.country, admin1=p.admin1,
                    lat=p.lat, lon=p.lon, precision=precision, text=mention.text(ctx.text))


def place_told_before(sentences: list[int], ctx: Context, found: EventPlaces) -> tuple[Mention, int] | None:
    """An event whose sentences name no place happened where the story just was: "... in Tsamkani
    district, Paktiya province, yesterday. During the operation the force engaged ..." — the nearest
    sentence before it, in the same paragraph, that names a place."""
    first = min(sentences)
    for index in range(first - 1, max(-1, first - 1 - STORY_REACH), -1):
        between = ctx.text[ctx.sentences[index].end : ctx.sentences[index + 1].start]
        if "\n\n" in between or between.count("\n") + between.count("\u2028") > 1:
            return None  # a new paragraph: another story
        earlier = best_place([index], found)
        if earlier is not None and earlier[1] in (AT_PLACE, BARE_PLACE):
            return earlier
    return None
