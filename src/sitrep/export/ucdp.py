"""An event as a row of UCDP's Georeferenced Event Dataset (GED): GED's column names, in GED's order,
with GED's meanings where sitrep knows enough and empty cells where it does not (UCDP's own conflict,
dyad and actor ids, Gleditsch-Ward numbers). docs/export.md says, column by column, what is filled
and how.

GED counts deaths: ``best`` (with ``low`` and ``high``) is the event's fatalities as sitrep defines
them, and the split into ``deaths_a``, ``deaths_b``, ``deaths_civilians`` and ``deaths_unknown`` always
adds up to ``best``. GED holds only events with deaths; this export writes every event the filters
select (add ``--min-fatalities 1`` for GED's scope), with ``best`` 0 where none is claimed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sitrep.gazetteer.countries import country

UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id", "conflict_new_id",
    "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id", "side_a_new_id", "side_a",
    "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources", "source_article", "source_office",
    "source_date", "source_headline", "source_original", "where_prec", "where_coordinates", "where_description",
    "adm_1", "adm_2", "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians",
    "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob",
)

# GED's type_of_violence: 1 state-based (a government's forces fight), 2 non-state (organised groups,
# no government), 3 one-sided (an armed actor against civilians). sitrep names state forces and
# civilians as actors; it does not tell organised non-state groups apart, so it never writes 2. Force
# against protesters is one-sided, as GED counts it.
STATE_BASED, ONE_SIDED = 1, 3
_ARMED_TYPES = {"Battles", "Explosions/Remote violence"}
# where_prec: 1 the exact place, 2 within about 25 km of it, 4 a first-order division, 5 a part of a
# country bigger than that ("southern Ukraine"), 6 only the country.
WHERE_PREC = {"exact": 1, "near": 2, "region": 4, "area": 5, "country": 6}
# event_clarity: 1 the report is clear about the event, 2 it is vague or contested.
CLEAR_CERTAINTIES = {"confirmed", "reported", "admitted"}
STATE_KINDS = {"military", "police", "state"}
# who GED counts as civilians: unarmed people, protesters among them
CIVILIAN_KINDS = {"civilians", "protesters"}


def type_of_violence(event) -> int | None:
    r = event.row
    actor2 = event.actor("actor2")
    if r["event_type"] == "Violence against civilians" or (actor2 is not None and actor2["kind"] in CIVILIAN_KINDS):
        return ONE_SIDED
    if r["event_type"] in _ARMED_TYPES:
        return STATE_BASED
    return None


def side_name(actor: dict[str, Any] | None) -> str | None:
    """GED's way of naming a side: "Government of Russia" for a state's forces, "Civilians" for civilians."""
    if actor is None:
        return None
    if actor["kind"] in CIVILIAN_KINDS:
        return "Civilians"
    place = country(actor["side"])
    if actor["kind"] in STATE_KINDS and place is not None:
        return f"Government of {place.name}"
    return actor["name"]


def date_prec(precision: str | None, start: str | None, end: str | None) -> int | None:
    """GED's date_prec: 1 the day, 2 within 2-6 days, 3 within a week, 4 within a month, 5 longer."""
    if start and end:
        try:
            days = (date.fromisoformat(end) - date.fromisoformat(start)).days + 1
        except ValueError:
            days = None
        if days is not None and precision == "day":
            return 1 if days <= 1 else 2 if days <= 6 else 3 if days <= 7 else 4 if days <= 31 else 5
    return {"day": 1, "week": 3, "month": 4, "year": 5}.get(precision or "")


def priogrid_gid(lat: float | None, lon: float | None) -> int | None:
    """The PRIO-GRID cell (half a degree, numbered row by row from the south-west corner, 720 a row)."""
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    row = min(int((lat + 90) // 0.5), 359)
    col = min(int((lon + 180) // 0.5), 719)
    return row * 720 + col + 1


def deaths_by_side(event, best: int) -> dict[str, int]:
    """Split ``best`` by whose dead the death claims count. Competing claims about one event are
    alternatives, not parts to add up: so when they all count one side's (or civilians') dead, that
    side gets ``best``; when they count different people's, sitrep cannot tell the split and all of
    ``best`` is ``deaths_unknown``."""
    out = {"deaths_a": 0, "deaths_b": 0, "deaths_civilians": 0, "deaths_unknown": 0}
    if not best:
        return out
    side_a, side_b = event.actor("actor1"), event.actor("actor2")
    whose = set()
    for claim in event.death_claims:
        if claim["subject_group"] == "civilians" or (side_b is not None and side_b["kind"] in CIVILIAN_KINDS
                                                     and claim["subject_side"] == side_b["side"]):
            whose.add("deaths_civilians")
        elif side_a is not None and claim["subject_side"] and claim["subject_side"] == side_a["side"]:
            whose.add("deaths_a")
        elif side_b is not None and claim["subject_side"] and claim["subject_side"] == side_b["side"]:
            whose.add("deaths_b")
        else:
            whose.add("deaths_unknown")
    out[whose.pop() if len(whose) == 1 else "deaths_unknown"] = best
    return out


def ucdp_row(event) -> dict[str, Any]:
    """One export event (export.events.ExportEvent) -> GED's columns."""
    r = event.row
    place = country(r["country"])
    side_a, side_b = side_name(event.actor("actor1")), side_name(event.actor("actor2"))
    best = r["fatalities"] if r["fatalities"] is not None else 0
    low = min(best, r["fatalities_low"]) if r["fatalities_low"] is not None else best
    high = max(best, r["fatalities_high"]) if r["fatalities_high"] is not None else best
    located = r["latitude"] is not None and r["longitude"] is not None
    return {
        "id": f"{r['document_id']}-{r['event_id']}",
        "relid": None, "year": int(r["date"][:4]) if r["date"] else None, "active_year": None, "code_status": None,
        "type_of_violence": type_of_violence(event),
        "conflict_dset_id": None, "conflict_new_id": None, "conflict_name": None,
        "dyad_dset_id": None, "dyad_new_id": None,
        "dyad_name": f"{side_a} - {side_b}" if side_a and side_b else None,
        "side_a_dset_id": None, "side_a_new_id": None, "side_a": side_a,
        "side_b_dset_id": None, "side_b_new_id": None, "side_b": side_b,
        "number_of_sources": 1,  # one row per report of the event; `sitrep events merged` joins reports
        "source_article": r["report_url"],
        "source_office": r["outlet"],
        "source_date": r["published"],
        "source_headline": r["report_title"],
        "source_original": r["claimant"],
        "where_prec": WHERE_PREC.get(r["geo_precision"]) if r["location"] else None,
        "where_coordinates": r["location"],
        "where_description": r["location"],
        "adm_1": r["admin1"],
        "adm_2": None,
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "geom_wkt": f"POINT ({r['longitude']} {r['latitude']})" if located else None,
        "priogrid_gid": priogrid_gid(r["latitude"], r["longitude"]),
        "country": place.name if place else None,
        "country_id": None,
        "region": place.ucdp_region or None if place else None,
        "event_clarity": (1 if r["certainty"] in CLEAR_CERTAINTIES else 2) if r["certainty"] else None,
        "date_prec": date_prec(r["date_precision"], r["date"], r["date_end"]),
        "date_start": r["date"],
        "date_end": r["date_end"],
        **deaths_by_side(event, best),
        "best": best,
        "high": high,
        "low": low,
        "gwnoa": None,
        "gwnob": None,
    }
