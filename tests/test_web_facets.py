"""Facet counts from counts by month (web/facet_counts.py) against counting every matching row in
SQL: the same numbers for every filter set the cube answers, on SQLite and PostgreSQL; a capped count
says so; new reports change the counts."""

from __future__ import annotations

import itertools
import shutil
import warnings

import pytest
from sqlalchemy import select

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sitrep.ingest import ingest
from sitrep.store import schema as S
from sitrep.web import create_app, data, facet_counts as fc, listings
from sitrep.web.data import Aggregates, TTLCache
from sitrep.web.db import open_readonly
from sitrep.web.params import ClaimParams, EventParams, PeopleParams
from sitrep.web.routes.claims import claims_select
from test_store_support import pg_url  # noqa: F401
from test_web_support import WEB_FIXTURES, corpus_db  # noqa: F401


def _as_counts(facets):
    return {f["name"]: {v["value"]: v["count"] for v in f["values"]} for f in facets}


def _filter_sets(conn):
    """Filter sets over the data's own values: dates cutting months (and whole ones), types, sub-event
    types, countries (as codes and names), sides, certainties, and combinations of them."""
    E = S.events.c
    dates = sorted(d for (d,) in conn.execute(select(E.date_start).where(E.date_start.is_not(None)).distinct()))
    middle = dates[len(dates) // 2]
    ranges = [{}, {"since": middle}, {"until": middle}, {"since": dates[0], "until": dates[-1]},
              {"since": middle[:8] + "01", "until": dates[-1]}, {"since": dates[len(dates) // 4], "until": middle},
              {"since": middle, "until": middle}, {"since": "1990-01-01"}, {"until": "1990-01-01"}]
    types = [{}, {"type": "Battles"}, {"type": "explosions/remote violence"}, {"type": "Air/drone strike"},
             {"type": "Battle"}]
    wheres = [{}, {"country": "UA"}, {"country": "Ukraine"}, {"country": "AFG"}, {"side": "RU"}, {"side": "ua"},
              {"certainty": "reported"}, {"country": "UA", "side": "RU", "certainty": "alleged"}]
    for r, t, w in itertools.product(ranges, types, wheres):
        yield {**r, **t, **w}


def _check_events(conn, given):
    params = EventParams(**given)
    cache = Aggregates(TTLCache(60), conn)
    stmt = data.events_facet_rows(conn, params.filters())
    cubed = fc.facet_counts(conn, cache, "events", stmt, "/events", params.query_string())
    counted = listings.facets(conn, "events", stmt, "/events", params.query_string())
    assert cubed.limit is None
    assert _as_counts(cubed.facets) == _as_counts(counted), given


def test_event_facets_from_the_cube_equal_a_full_count(corpus_db):
    engine = open_readonly(corpus_db)
    with engine.connect() as conn:
        sets = list(_filter_sets(conn))
        assert len(sets) > 300
        for given in sets:
            _check_events(conn, given)


def test_claim_and_people_facets_from_the_cube_equal_a_full_count(corpus_db):
    engine = open_readonly(corpus_db)
    with engine.connect() as conn:
        C = S.claims.c
        published = sorted(d for (d,) in conn.execute(select(S.documents.c.published).distinct()) if d)
        middle = published[len(published) // 2]
        combos = itertools.product(
            [{}, {"since": middle}, {"until": middle}, {"since": published[0], "until": middle}],
            [{}, {"side": "RU"}, {"side": "UA", "certainty": "reported"}],
            [{}, {"group": "military"}, {"measure": "killed"}, {"measure": "killed,wounded"}, {"scope": "incident"},
             {"type": "wound"}])
        for parts in combos:
            given = {k: v for part in parts for k, v in part.items()}
            params = ClaimParams(**given)
            cache = Aggregates(TTLCache(60), conn)
            cubed = fc.facet_counts(conn, cache, "claims", claims_select(params), "/claims", params.query_string())
            counted = listings.facets(conn, "claims", claims_select(params), "/claims", params.query_string())
            assert _as_counts(cubed.facets) == _as_counts(counted), given
        assert conn.execute(select(C.id).limit(1)).first() is not None
        for given in ({}, {"side": "RU"}, {"status": "killed"}, {"since": middle, "side": "UA"}, {"until": middle}):
            params = PeopleParams(**given)
            stmt, _ = data.people_select(conn, params.filters())
            cubed = fc.facet_counts(conn, Aggregates(TTLCache(60), conn), "people", stmt, "/people",
                                    params.query_string())
            assert _as_counts(cubed.facets) == _as_counts(listings.facets(conn, "people", stmt, "/people",
                                                                          params.query_string())), given


def test_a_filter_the_cube_cannot_answer_is_counted_up_to_a_cap_and_says_so(corpus_db, monkeypatch):
    engine = open_readonly(corpus_db)
    with engine.connect() as conn:
        params = EventParams(min_fatalities=0)
        stmt = data.events_facet_rows(conn, params.filters())
        full = _as_counts(listings.facets(conn, "events", stmt, "/events", {}))
        total = sum(full["type"].values())
        assert total > 5
        uncapped = fc.facet_counts(conn, Aggregates(TTLCache(60), conn), "events", stmt, "/events", {"min_fatalities": 0})
        assert uncapped.limit is None and _as_counts(uncapped.facets) == full
        monkeypatch.setattr(fc, "CAP", 5)
        capped = fc.facet_counts(conn, Aggregates(TTLCache(60), conn), "events", stmt, "/events", {"min_fatalities": 0})
        assert capped.limit == 5
        assert sum(_as_counts(capped.facets)["type"].values()) == 5  # the newest five, each counted once
    with TestClient(create_app(corpus_db)) as client:
        page = client.get("/events", params={"min_fatalities": 0})
        assert 'id="facets-limit"' in page.text and client.get("/api/events?min_fatalities=0").json()["facets_limit"] == 5
        assert client.get("/api/events").json()["facets_limit"] is None


def test_counts_follow_new_reports(corpus_db, tmp_path):
    db = tmp_path / "copy.db"
    shutil.copy(corpus_db, db)
    with TestClient(create_app(db)) as client:
        before = _as_counts(client.get("/api/events").json()["facets"])
        report = tmp_path / "new.txt"
        report.write_text("Russian artillery shelled Marhanets on Monday, killing three civilians and wounding "
                          "five, the head of the regional military administration said on Tuesday.\n")
        assert ingest([str(report)], str(db), published="2031-03-04", progress=False).failed == 0
        after = client.get("/api/events", params={"since": "2031-03-01"}).json()
        assert after["items"], "the new report's events are listed"
        n_new = len(after["items"])
        assert sum(_as_counts(after["facets"])["type"].values()) == n_new
        grown = _as_counts(client.get("/api/events").json()["facets"])
        assert sum(grown["type"].values()) == sum(before["type"].values()) + n_new


@pytest.mark.postgres
def test_cube_and_full_count_agree_on_postgresql(pg_url):
    ingest([str(WEB_FIXTURES / "reports.jsonl"), str(WEB_FIXTURES / "world.jsonl")], pg_url, progress=False)
    engine = open_readonly(pg_url)
    with engine.connect() as conn:
        for given in _filter_sets(conn):
            _check_events(conn, given)
