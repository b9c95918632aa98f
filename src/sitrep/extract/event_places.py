"""Where an event happened: the place bound to the event's own clause.

The places stage (``sitrep.extract.places``) finds and resolves every place named; this module decides
which of them an event took place at. Each place mention gets a tier once per document, from the words
around it:

* at-place: after "in / at / near / over / outside / within ..." (the strongest tie);
* bare: named without a preposition ("Nikopol came under fire"); a bare place right after the event's
  own verb is its object and ties as strongly as an at-place ("shelled Lysychansk with artillery");
* origin: after "from" (where someone came from, not where it happened);
* home: a home town after an age ("Ivan Petrov, 24, of Pskov"), "based in", "born in", "taken to",
  "the Tripoli-based government": never where the event happened;
* speaker: an institution named after a place ("the Odesa city council said", "the Lviv regional
  administration") or before it ("the government of Altai Krai", "the authorities in Sevastopol"): the
  event happened there only when nothing else is named. An institution that acts rather than speaks
  ("police in Moscow detained fifty people", "Kharkiv police dispersed a rally":
  lexicons/places_institution_actions.txt) puts the event at its place, as an at-place does. A sector
  of the front named for a town ("in the Pokrovsk direction", cue kind ``axis``) is a bare place whatever
  its preposition: a settlement named in it ("near Myrnohrad") is where the fighting was.

Some mentions are no event's place at all: a qualifier of the place before it ("Suzemka, Bryansk
region", "Konduga (Borno)", "Kupiansk district, Kharkiv region", the country of a dateline), a town
named as a reference point for the place before it ("Tarmiyah district, north of Baghdad"), what
holds the place before it and others like it ("riots in Nanterre and other suburbs of Paris"), a
city's district named with its city ("the Korabelnyi district of Mykolaiv", "Mykolaiv's Korabelnyi
district": the city is the event's place), a capital that speaks ("Moscow denies") or stands for a
state ("Kyiv troops", "pro-Moscow"), and a wire dateline
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
from sitrep.gazetteer.names import cues
from sitrep.geo import distance_km
from sitrep.lexicons import load_lines, load_table
from sitrep.model import Location, Mention, Place, Span
from sitrep.text import alternation

# how strongly the words before a place say the event happened there (lower is stronger)
AT_PLACE, BARE_PLACE, ORIGIN_PLACE, SPEAKER_PLACE, HOME_PLACE = 0, 1, 2, 3, 4
# sentences back an event without a place of its own may take the place the story was at
STORY_REACH = 3
# ... or the place named in the next sentences of its paragraph ("They captured him. He was held in X.")
STORY_AHEAD = 2
# settlements closer than this can be one incident's (a village and the town beside it)
SAME_PLACE_KM = 15.0
_PRECISION_ORDER = {"exact": 0, "near": 1, "region": 2, "area": 3, "country": 4}
_STRONG_PREPOSITION = re.compile(r"(?:\b(?:in|at|near|outside|around|on|into|over|of|to|within|inside)\s+(?:the\s+)?(?:\w+\s+)?(?:of\s+)?|,\s*)$", re.IGNORECASE)
_ORIGIN_PREPOSITION = re.compile(r"\bfrom\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# what joins a place to the larger unit that qualifies it: "Suzemka, Bryansk region", "Bhamo (Kachin"
_QUALIFIER_GAP = re.compile(r"^\s*(?:\(|,\s*(?:in\s+(?:the\s+)?)?|in\s+(?:the\s+)?)$")
# "the Korabelnyi district of Mykolaiv", "... district of the city of Mykolaiv"
_DISTRICT_OF = re.compile(r"^\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?$", re.IGNORECASE)
# what separates the members of a list of places: "X, Y and Z", "X, Y, and Z", "X or Y"
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s+)$")
_POSSESSIVE = re.compile(r"^['’]s\s+(?:\w+\s+)?$")
_REGION_KINDS = frozenset({"region", "country", "area"})
_AREA_PRECISIONS = ("region", "area")  # a division or a larger area, at a stand-in point


# "Sergeant Oleg Ivanov, 31, of Yurga": a person's home town after his age
_AGE_OF = re.compile(r"\b\d{1,3},\s+(?:from|of)\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
# "the Tripoli-based government", "a Kyiv-born soldier"
_BASED_AFTER = re.compile(r"[-‐]\s?(?:based|born|headquartered|registered)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _origin_before() -> re.Pattern:
    """Words that make the place after them an origin (lexicons/places_origin_cues.txt)."""
    words = load_lines("places_origin_cues.txt")
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:the\s+)?(?:(?:city|town|village|port)\s+of\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _institution_before() -> re.Pattern:
    """Institution words that make the place after them a speaker (lexicons/places_institutions_before.txt)."""
    words = load_lines("places_institutions_before.txt")
    return re.compile(rf"\b(?:{alternation(words)})\s+(?:the\s+)?(?:(?:city|town|region|republic)\s+of\s+)?$", re.IGNORECASE)


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
    text: str = ""  # the document's text, to read the words between an event and its place
    institutions_acting: frozenset[int] = frozenset()  # starts of places whose institution acted there


def event_places(ctx: Context, places: list[Mention]) -> EventPlaces:
    """The tiers of every place mention, worked out once per document."""
    text = ctx.text
    by_sentence: dict[int, list[tuple[Mention, int]]] = {}
    dateline = None
    previous: Mention | None = None
    last_tier: tuple[Mention, int] | None = None  # the place before and its tier, for lists
    acting: list[int] = []
    for n, p in enumerate(places):
        prev, previous = previous, p
        if is_dateline(text, p.span.start, p.span.end):
            dateline = dateline or p
            continue
        if p.value.lat is None and p.value.kind == "area":
            continue  # a river or reservoir: the event is at the settlement named with it, if any
        if (speaking_place(text, p) or _qualifies(text, prev, p) or _reference_point(text, prev, p) or _holds_the_list(text, prev, p)
                or _district_of_city(text, p, places, n) or _stands_for_a_state(text, p)):
            continue
        index = ctx.sentence_index(p.span)
        if index is None or not ctx.sentences[index].contains(p.span):
            continue
        tier = _tier(text, p)
        if tier == AT_PLACE and _institution_acted(text, p):
            acting.append(p.span.start)
        if last_tier is not None and last_tier[0] is prev and _LIST_GAP.match(text, prev.span.end, p.span.start):
            tier = last_tier[1]  # "hit Stepnohirsk, Mala Tokmachka and Malynivka": a list shares its first's tie
        last_tier = (p, tier)
        if tier != HOME_PLACE:
            by_sentence.setdefault(index, []).append((p, tier))
    return EventPlaces(by_sentence, dateline, text, frozenset(acting))


def _stands_for_a_state(text: str, p: Mention) -> bool:
    """ "Kiev troops", "the Tripoli government", "pro-Moscow": a city named for its government or forces
    (places_cues.tsv, kinds actor and actor_before) is named, but nothing happened there."""
    if p.value.kind != "populated_place":
        return False
    cue = cues()
    start, end = p.span.start, p.span.end
    return bool(cue.actor_after.match(text, end) or cue.actor_before.search(text, max(0, start - 5), start))


@lru_cache(maxsize=1)
def _institution_acts() -> re.Pattern:
    """A verb saying the institution before it acted there (lexicons/places_institution_actions.txt)."""
    words = load_lines("places_institution_actions.txt")
    return re.compile(rf"[ \t]+(?:\w+ly[ \t]+)?(?:{alternation(words)})\b", re.IGNORECASE)


def _institution_acted(text: str, p: Mention) -> bool | None:
    """None when no institution is named with the place; else whether a verb says it acted there
    ("police in Moscow detained fifty people", "Kharkiv police dispersed a rally"), not that it spoke
    ("the Odesa city council said")."""
    before = text[max(0, p.span.start - 40) : p.span.start]
    after = _institution_after().match(text, p.span.end, min(len(text), p.span.end + 60))
    if not after and not _institution_before().search(before):
        return None
    return _institution_acts().match(text, after.end() if after else p.span.end) is not None


def _tier(text: str, p: Mention) -> int:
    before = text[max(0, p.span.start - 40) : p.span.start]
    acted = _institution_acted(text, p)
    if acted is not None:
        return AT_PLACE if acted else SPEAKER_PLACE
    if cues().axis_after.match(text, p.span.end):
        return BARE_PLACE  # "in the Pokrovsk direction the enemy attacked near X": X, unless nothing else is named
    if _ORIGIN_PREPOSITION.search(before) and not _STRONG_PREPOSITION.search(before[-12:]):
        return ORIGIN_PLACE
    if _AGE_OF.search(before) or _origin_before().search(before) or _BASED_AFTER.match(text, p.span.end):
        return HOME_PLACE  # a home town, a unit's base, where the wounded were taken: never the event's place
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
    if outer.kind not in _REGION_KINDS and outer.precision not in _AREA_PRECISIONS:
        return False  # "Avdiivka, Marinka": a list of towns
    if outer.kind == "country":
        return inner.country == outer.country
    if inner.kind == "country":
        return False
    return outer.admin1 is None or inner.admin1 in (None, outer.admin1) or inner.country != outer.country


@lru_cache(maxsize=1)
def _reference_gap() -> re.Pattern:
    """What lies between a place and a town named to say where it is: ", north of", ", 10 km south-east of"
    (compass words: lexicons/places_directions.tsv)."""
    words = alternation(r["word"] for r in load_table("places_directions.tsv"))
    return re.compile(rf"\s*,\s*(?:(?:about|some|roughly)\s+)?(?:\d+(?:[.,]\d+)?\s?(?:km|kilometres|kilometers|miles)\s+)?"
                      rf"(?:{words})\s+of\s+(?:the\s+(?:city|town)\s+of\s+)?", re.IGNORECASE)


def _reference_point(text: str, prev: Mention | None, p: Mention) -> bool:
    """ "Klishchiivka, south of Bakhmut", "Tarmiyah district, north of Baghdad": a town named only to
    say where the place before it lies is not where the event was."""
    return prev is not None and prev.value is not p.value and _reference_gap().fullmatch(text, prev.span.end, p.span.start) is not None


# "Nanterre and other suburbs of Paris", "Kupiansk and other towns of the Kharkiv region": what holds the
# places listed before it
_OTHER_PARTS_OF = re.compile(r"\s*,?\s+and\s+(?:several\s+|many\s+|some\s+)?other\s+(?:[a-z-]+\s+)?(?:suburbs|towns|cities|villages|"
                             r"districts|areas|settlements|neighbou?rhoods|localities|communities|parts)\s+"
                             r"(?:of|in|around|near|outside)\s+(?:the\s+)?", re.IGNORECASE)


def _holds_the_list(text: str, prev: Mention | None, p: Mention) -> bool:
    """Is ``p`` the city or region holding the place before it and others like it ("riots in Nanterre
    and other suburbs of Paris")? The event is at the place named, not at what holds it."""
    return prev is not None and prev.value is not p.value and _OTHER_PARTS_OF.fullmatch(text, prev.span.end, p.span.start) is not None


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


def best_place(sentences: list[int], found: EventPlaces, spans: list[Span] | None = None) -> tuple[Mention, int] | None:
    """Where the event happened: among the places most strongly tied to it, the most precise, then one
    named just after the event's own words ("supporters of a movement in Tavush rallied in Yerevan"),
    then the most often named, then the first. A speaking institution's town counts only when
    nothing else does."""
    places = candidate_places(sentences, found)
    if not places:
        return None
    if spans:
        places = [(m, AT_PLACE) if tier == BARE_PLACE and _object_of(m, spans, found.text) else (m, tier) for m, tier in places]
    strongest_tier = min(tier for _, tier in places)
    strong = [f for f in places if f[1] == strongest_tier]
    frequency = Counter(id(p.value) for p, _ in strong)
    coarse = _coarser_regions(strong)
    best = min(strong, key=lambda f: (_PRECISION_ORDER.get(f[0].value.precision, 5), id(f[0].value) in coarse,
                                      _distance(f[0], spans, found),
                                      -frequency[id(f[0].value)], f[0].span.start))
    if best[0].value.precision in ("region", "area", "country") and best[1] in (AT_PLACE, BARE_PLACE):
        # "recaptured Sudzha ... in the Kursk region", "in Baghdad ... Iraq": a town inside the area named
        # in the event's sentences is where it happened, however the area was introduced
        inside = [f for f in places if f[1] in (AT_PLACE, BARE_PLACE) and _inside(f[0].value, best[0].value)]
        if inside:
            return min(inside, key=lambda f: (f[1], f[0].span.start))
    return best


# a place starting this far after the event's words (in characters) is named just after them
_WORDS_REACH = 80
# "shelled Lysychansk with artillery", "hit Ivanivka": a place this close after the event's verb, with no
# clause break between, is its object, as bound to it as a place after "in" or "near"
_OBJECT_GAP = re.compile(r"[ \t]+(?:the[ \t]+)?(?:(?:city|town|village|settlement)[ \t]+of[ \t]+)?")


def _object_of(mention: Mention, spans: list[Span], text: str) -> bool:
    """Is the place the object the event's words act on ("shelled Lysychansk", "hit the town of X")?"""
    return any(0 < mention.span.start - s.end <= 30 and _OBJECT_GAP.fullmatch(text, s.end, mention.span.start)
               for s in spans)


# "police in Minsk dispersed", "Kharkiv police detained": the place of an institution that acted, this
# close before the event's verb, is where it acted
_ACTOR_REACH = 30


def _distance(mention: Mention, spans: list[Span] | None, found: EventPlaces | None = None) -> int:
    """How far into the event's words the place is bound: n for a place named just after its n-th word
    in the text ("rallied in Yerevan", "shelled Nikopol": English puts where a thing happened after it),
    or after the place of the institution whose verb it is ("police in Minsk dispersed"); more than any
    for a place bound to none (and for every place when the words are not known). An incident told in
    steps ("pounded Kherson ... a shell struck a house in Bilozerka ... shells fell near Bilozerka") is
    where its lead words put it, however often a place beside it is named after."""
    if not spans:
        return 1 << 16
    acted = found is not None and mention.span.start in found.institutions_acting
    for n, s in enumerate(sorted(spans, key=lambda s: s.start)):
        if 0 <= mention.span.start - s.end <= _WORDS_REACH or (acted and 0 <= s.start - mention.span.end <= _ACTOR_REACH):
            return n
    return 1 << 16


def _first_order(p: Place) -> bool:
    """A first-order region ("Shabwah", "Kharkiv Oblast"), as against a district or hromada, which has a
    name of its own."""
    return p.precision == "region" and p.kind == "region" and p.name == p.admin1


def _coarser_regions(places: list[tuple[Mention, int]]) -> set[int]:
    """The first-order regions (ids of their Places) less precise than a district named with them and
    lying in them ("recaptured Bayhan district ... the districts of Shabwah"); none when a region named
    holds none of the districts ("detained in Paktiya province ... a commander operating in Mata Khan
    district", which lies in Paktika: two places, neither inside the other)."""
    regions = [m.value for m, _ in places if _first_order(m.value)]
    districts = [m.value for m, _ in places if m.value.precision == "region" and m.value.kind == "region"
                 and not _first_order(m.value)]
    if not regions or not districts or not all(any(d.admin1 == r.admin1 for d in districts) for r in regions):
        return set()
    return {id(r) for r in regions}


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
    if a.precision in _AREA_PRECISIONS or b.precision in _AREA_PRECISIONS:
        region, other = (a, b) if a.precision in _AREA_PRECISIONS else (b, a)
        if region.kind == "area":  # "southern Ukraine", "Donbas": no outline to test against
            return True
        return region.admin1 is not None and region.admin1 in (other.admin1, other.name)
    if None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return distance_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def location_of(sentences: list[int], ctx: Context, found: EventPlaces, spans: list[Span] | None = None) -> Location | None:
    """The event's Location: its own sentences' place (nearest its words, ``spans``, among equals), else
    the place the story was just at, else a speaking institution's town, else (in a report naming no other
    place) the dateline's city."""
    best = best_place(sentences, found, spans)
    if best is None or best[1] >= ORIGIN_PLACE:
        told = place_told_before(sentences, ctx, found) or place_told_after(sentences, ctx, found)
        best = told or (best if best is not None and best[1] == SPEAKER_PLACE else None) or story_place(found) or best
    if best is None and found.dateline is not None and not found.by_sentence:
        best = (found.dateline, BARE_PLACE)  # a report naming no other place: it happened where it was filed
    if best is None:
        return None
    return location_at(best[0], ctx)


def location_at(mention: Mention, ctx: Context) -> Location:
    """The Location of an event at this place mention."""
    p: Place = mention.value
    precision = "near" if mention.attrs.get("near") and p.precision == "exact" else p.precision
    return Location(name=p.name, geonames_id=p.geonames_id, country=p.country, admin1=p.admin1,
                    lat=p.lat, lon=p.lon, precision=precision, text=mention.text(ctx.text))


def place_told_after(sentences: list[int], ctx: Context, found: EventPlaces) -> tuple[Mention, int] | None:
    """An event told before its place: "Forces captured a facilitator. He was detained in an operation
    in Ghazni province overnight." — the nearest sentence after it, in the same paragraph, that puts
    something at a place."""
    last = max(sentences)
    for index in range(last + 1, min(len(ctx.sentences), last + 1 + STORY_AHEAD)):
        between = ctx.text[ctx.sentences[index - 1].end : ctx.sentences[index].start]
        if "\n\n" in between or between.count("\n") + between.count("\u2028") > 1:
            return None
        later = best_place([index], found)
        if later is not None and later[1] == AT_PLACE and later[0].value.precision != "country":
            return later
    return None


def story_place(found: EventPlaces) -> tuple[Mention, int] | None:
    """The first place the report puts something at ("in Kunar province", "near Sudzha"), for an
    event whose own paragraph names none: a report is mostly about one place."""
    for index in sorted(found.by_sentence):
        for mention, tier in found.by_sentence[index]:
            if tier == AT_PLACE and mention.value.precision != "country":
                return mention, tier
    return None


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
