"""An event as a row of ACLED's export: ACLED's 31 columns in ACLED's order, coded as ACLED's codebook
codes them where sitrep knows enough, then sitrep's own columns. Every column and its coding is
documented in docs/export.md.

Where sitrep does not know what ACLED would write (a town's second and third administrative divisions
outside Ukraine's hromada centres, the scale of an outlet it has no record of) the cell is empty. ``fatalities`` is 0 when no death is claimed, as ACLED writes it;
``fatalities_low``/``fatalities_high`` stay empty then, so "no figure" can still be told from "none".
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sitrep.gazetteer.countries import country
from sitrep.gazetteer.divisions import divisions as place_divisions
from sitrep.lexicons import load_table

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)
SITREP_COLUMNS = ("claimant", "certainty", "fatalities_low", "fatalities_high", "document_url", "evidence")
COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS

# Column types beyond text, for typed formats (Parquet): dates are dates, codes and counts integers.
DATE_COLUMNS = frozenset({"event_date"})
INTEGER_COLUMNS = frozenset({"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
                             "fatalities", "timestamp", "fatalities_low", "fatalities_high"})
REAL_COLUMNS = frozenset({"latitude", "longitude"})

# ACLED's codes: time 1 = the day is known, 2 = within a week, 3 = only the month or longer;
# geo 1 = the town itself, 2 = near it / part of a region, 3 = a larger region only.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"exact": 1, "near": 2, "region": 3, "area": 3, "country": 3}
CIVILIANS = 7
CIVILIAN_TARGETING = "Civilian targeting"
LIST_SEPARATOR = "; "  # how ACLED joins several associated actors or tags in one cell


@lru_cache(maxsize=1)
def _source_reach() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(outlet name lower-cased -> (home country, reach), web host -> (home country, reach))."""
    by_name, by_host = {}, {}
    for row in load_table("acled_source_scales.tsv"):
        known = (row["country"], row["reach"])
        by_name[row["outlet"].strip().lower()] = known
        for host in filter(None, row["hosts"].split("|")):
            by_host[host.strip().lower()] = known
    return by_name, by_host


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def source_scale(outlet: str | None, url: str | None, event_country: str | None) -> str | None:
    """ACLED's source scale of the report's outlet for an event in ``event_country``: how close the
    source is to the event (lexicons/acled_source_scales.tsv); None for an outlet sitrep has no record of."""
    by_name, by_host = _source_reach()
    known = by_name.get((outlet or "").strip().lower())
    host = _host(url)
    while known is None and host:
        known = by_host.get(host)
        host = host.partition(".")[2] if "." in host.partition(".")[2] else None  # a sub-domain counts
    if known is None:
        return None
    home, reach = known
    if reach in ("national", "subnational"):
        if not event_country:
            return None  # at home or abroad: cannot tell
        return ("National" if reach == "national" else "Subnational") if home == event_country else "International"
    return {"international": "International", "regional": "Regional", "new media": "New media"}.get(reach)


def associated_actors(event) -> tuple[list[str], list[str]]:
    """The actors beyond the first two, on the first actor's side or the second's: a further actor in
    the second role, or one of the second actor's side (and not the first's), is the second actor's ally;
    every other is the first's."""
    first, second = event.actor("actor1"), event.actor("actor2")
    side1, side2 = (first or {}).get("side"), (second or {}).get("side")
    with_first, with_second = [], []
    for actor in event.actors:
        if actor is first or actor is second:
            continue
        if actor["role"] == "actor2" or (actor["side"] and actor["side"] == side2 and actor["side"] != side1):
            with_second.append(actor["name"])
        else:
            with_first.append(actor["name"])
    return with_first, with_second


@lru_cache(maxsize=1)
def _disorder_types() -> dict[str, str]:
    return {r["sub_event_type"]: r["disorder_type"] for r in load_table("acled_event_types.tsv")}


@lru_cache(maxsize=1)
def _inter_codes() -> dict[str, tuple[int, int | None]]:
    return {r["kind"]: (int(r["inter"]), int(r["abroad"]) if r["abroad"] else None)
            for r in load_table("acled_inter_codes.tsv")}


def disorder_type(event_type: str, sub_event_type: str) -> str | None:
    """ACLED's disorder type: by sub-event type (lexicons/acled_event_types.tsv)."""
    return _disorder_types().get(sub_event_type)


def inter_code(actor: dict[str, Any] | None, event_country: str | None) -> int | None:
    """ACLED's code for the type of ``actor`` (None: no actor; unknown kind: None). A state's forces
    acting outside their own country are external forces (8), as the codebook codes them."""
    if actor is None:
        return None
    code, abroad = _inter_codes().get(actor.get("kind") or "", (None, None))
    if abroad is not None and actor.get("side") and event_country and actor["side"] != event_country:
        return abroad
    return code


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two actor codes as one number, the lower first ("17" state forces
    and civilians; "78" external forces and civilians); a lone actor's code followed by 0 ("60": protesters
    alone). None when the first actor is not known."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def event_year(day: str | None) -> int | None:
    try:
        return date.fromisoformat(day).year if day else None
    except ValueError:
        return None


def acled_row(event) -> dict[str, Any]:
    """One export event (export.events.ExportEvent) -> ACLED's columns, then sitrep's."""
    r = event.row
    place = country(r["country"])
    actor1, actor2 = event.actor("actor1"), event.actor("actor2")
    inter1 = inter_code(actor1, r["country"]) if r["actor1"] else None
    inter2 = (inter_code(actor2, r["country"]) if r["actor2"] else 0) if r["actor1"] or r["actor2"] else None
    assoc1, assoc2 = associated_actors(event)
    divisions = place_divisions(r["location"], r["country"], r["admin1"], r["latitude"], r["longitude"])
    return {
        "event_id_cnty": f"{r['document_id']}-{r['event_id']}",
        "event_date": r["date"],
        "year": event_year(r["date"]),
        "time_precision": TIME_PRECISION.get(r["date_precision"]),
        "disorder_type": disorder_type(r["event_type"], r["sub_event_type"]),
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "actor1": r["actor1"],
        "assoc_actor_1": LIST_SEPARATOR.join(assoc1) or None,
        "inter1": inter1,
        "actor2": r["actor2"],
        "assoc_actor_2": LIST_SEPARATOR.join(assoc2) or None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": CIVILIAN_TARGETING if inter2 == CIVILIANS else None,
        "iso": place.isonumeric if place else None,
        "region": place.acled_region or None if place else None,
        "country": place.acled_name if place else None,
        "admin1": r["admin1"],
        "admin2": divisions.admin2,
        "admin3": divisions.admin3,
        "location": r["location"],
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "geo_precision": GEO_PRECISION.get(r["geo_precision"]) if r["location"] else None,
        "source": r["outlet"],
        "source_scale": source_scale(r["outlet"], r["report_url"], r["country"]),
        "notes": " ".join(r["notes"].split()) if r["notes"] else None,
        "fatalities": r["fatalities"] if r["fatalities"] is not None else 0,
        "tags": r["tags"],
        "timestamp": event.stored_at,
        "claimant": r["claimant"],
        "certainty": r["certainty"],
        "fatalities_low": r["fatalities_low"],
        "fatalities_high": r["fatalities_high"],
        "document_url": r["report_url"],
        "evidence": " ".join(r["evidence"].split()) if r["evidence"] else None,
    }
