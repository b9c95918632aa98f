"""Which of a name's namesakes is meant: the one ranking of gazetteer candidates.

Two callers rank: the extraction stage, for a place named in a report (``sitrep.extract.places``), and
free-text lookup, for a place label such as "Pisky village, Donetsk region" (``sitrep.gazetteer.lookup``).
Both prefer, in this order: a region named beside the name, a town named beside it (a namesake near
it), the countries the text names, Ukraine/Russia/Belarus, the place's own name over another name it
has, the bigger kind of place, more people. A report is a story with more places in it, so ``story``
adds four rules between those a label cannot use: a region the text names anywhere (unless a namesake
ten times bigger is meant), a place ten times smaller than a namesake whose own name it is loses,
another name of a small village counts only near the story's other towns, and, before population, the
namesake nearest the story's other towns (among places of a size, or villages).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from sitrep.gazetteer.places import Entry
from sitrep.geo import distance_km

# Places of these countries are preferred when the text does not say which country it means: the
# reporting sitrep is built for is about the war in Ukraine.
FOCUS_COUNTRIES = ("UA", "RU", "BY")
# A namesake this close to a town named beside the name is the one meant.
CONTEXT_TOWN_KM = 60
KIND_RANK = {"country": 4, "populated_place": 3, "region": 2, "raion": 1, "hromada": 1, "area": 1}
# Another name of a place (not its own name) ranks like an own name from this size on (historic names
# of small places are often reused) ...
STRONG_ALTERNATE_POP = 100_000
# ... or when the place is this close to the story's unambiguous towns.
NEAR_STORY_KM = 150

Candidate = tuple[Entry, bool]  # (entry, found by another name than its own)


@dataclass(frozen=True)
class Evidence:
    """What the text around a name says about which namesake it means."""

    regions_beside: Set[str] = frozenset()  # admin1 codes of regions named beside it
    towns_beside: Sequence[tuple[float, float]] = ()  # (lat, lon) of towns named beside it
    countries: Mapping[str | None, float] = field(default_factory=dict)  # country -> weight of its mentions
    regions_named: Mapping[str, int] = field(default_factory=dict)  # story: admin1 code -> regions named
    centre: tuple[float, float] | None = None  # story: the median point of its unambiguous towns


def rank(candidates: list[Candidate], evidence: Evidence, story: bool = False) -> Entry:
    """The best candidate (see the module's docstring); ``story`` for a name in a report."""
    biggest = max(e.population for e, _ in candidates)
    # the namesakes the towns beside tell apart are those of the region named beside, if it is
    in_region = [e.population for e, _ in candidates if e.admin1 in evidence.regions_beside]
    biggest_beside = max(in_region) if in_region else biggest
    if story:
        # a city whose own name it is outshines places ten times smaller that once bore it (Novorossiysk)
        biggest_own = max((e.population for e, alt in candidates if not alt), default=0)

    def score(candidate: Candidate):
        e, alt = candidate
        return (
            e.admin1 in evidence.regions_beside,
            _beside_in_story(e, evidence, biggest_beside) if story else _beside(e, evidence) > 0,
            # a region named somewhere in the story helps, unless a namesake ten times bigger is meant
            # (Donetsk the city, not the Rostov-oblast town, in a text that also names Rostov-on-Don)
            story and evidence.regions_named.get(e.admin1, 0) > 0 and e.population * 10 >= biggest,
            not story or not (alt and e.population * 10 < biggest_own),
            not story or _strong_name(e, alt, evidence),
            evidence.countries.get(e.country, 0),
            e.country in FOCUS_COUNTRIES,
            not alt,
            KIND_RANK.get(e.kind, 0),
            # among namesakes of a size, the one near the story's other towns ("Chernihiv ... shelled
            # Novoselivka on the edge of the city": the Novoselivka by Chernihiv, not one 600 km away)
            story and _near_story(e, evidence, biggest),
            e.population,
            -e.id,
        )

    return max(candidates, key=score)[0]


# Namesakes all under this size (villages) are told apart by the story's towns before their population.
VILLAGE_POP = 10_000


# A place whose point is only its district's or municipality's centre (precision "region") is about
# this far from where it really is: it counts as that much farther from the towns beside it.
APPROXIMATE_POINT_KM = 15.0


def _beside(e: Entry, evidence: Evidence) -> float:
    """How near a namesake is to the nearest town named beside it: 0 beyond CONTEXT_TOWN_KM, else closer is more."""
    if e.lat is None or not evidence.towns_beside:
        return 0.0
    km = min(distance_km(e.lat, e.lon, lat, lon) for lat, lon in evidence.towns_beside)
    if e.precision != "exact":
        km += APPROXIMATE_POINT_KM
    return CONTEXT_TOWN_KM - km if km < CONTEXT_TOWN_KM else 0.0


def _beside_in_story(e: Entry, evidence: Evidence, biggest: int) -> float:
    """In a report, the namesake nearest the towns named beside it ("near Kalynove and in Krasnohorivka",
    "Ivanivka, Velyka Pysarivka hromada"): the nearest wins, not merely one within reach, and only among
    places of a size with the biggest namesake (or villages): "Odesa, Kharkiv and Dnipro" is the city,
    not a hamlet of that name near Odesa."""
    if e.kind != "populated_place" or (e.population * 10 < biggest and biggest >= VILLAGE_POP):
        return 0.0  # regions are told apart by their words ("Kyiv region" is the oblast, not the city's)
    return _beside(e, evidence)


def _near_story(e: Entry, evidence: Evidence, biggest: int) -> float:
    """How near a namesake is to the story's centre, for places of a size with the biggest namesake (or
    when all are villages): 0 when not within NEAR_STORY_KM, else closer is more."""
    if evidence.centre is None or e.lat is None or (e.population * 10 < biggest and biggest >= VILLAGE_POP):
        return 0.0
    km = distance_km(e.lat, e.lon, *evidence.centre)
    return NEAR_STORY_KM - km if km < NEAR_STORY_KM else 0.0


def _strong_name(e: Entry, alternate: bool, evidence: Evidence) -> bool:
    """A place's own name, a big city's other name, or an other name of a place near the rest of the story.

    "Novorossiysk" is the Russian port, not a Kherson hamlet that once had that name; "Blagodatnoye"
    in a report about the Donbas is the Donetsk-oblast Blahodatne."""
    if not alternate or e.population >= STRONG_ALTERNATE_POP or e.kind != "populated_place":
        return True
    if evidence.centre is None or e.lat is None:
        return evidence.countries.get(e.country, 0) > 0  # no towns to compare with: its country named will do
    return distance_km(e.lat, e.lon, *evidence.centre) < NEAR_STORY_KM


def dateline_city(candidates: list[Candidate]) -> Entry:
    """The city a dateline names ("KABUL, Afghanistan —"): a correspondent files from a city, so the
    biggest place of that name (its own name first), whatever the story is about."""
    return max(candidates, key=lambda c: (not c[1], c[0].population, -c[0].id))[0]
