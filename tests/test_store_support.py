"""Fixtures and helpers for the store, ingest and export tests (no tests here).

* ``db_url``: each test runs once on a fresh SQLite file and once on PostgreSQL (its own schema on the
  server named by SITREP_TEST_PG_URL; .ci/services/postgres.sh starts one). Without that URL the
  PostgreSQL runs skip, except in CI (CI=true), where they fail: a broken setup must not hide.
* ``report_text`` / ``write_reports``: realistic short reports, varied by number.
* ``facts_extractor``: builds an Extraction from those reports with plain regular expressions, so the
  storage tests do not depend on the real extractor's accuracy; offsets are real offsets.
"""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy

from sitrep.store.engine import make_engine
from sitrep.model import (Actor, Claim, Claimant, Count, DateRef, Document, Event, Extraction, Location, Person,
                          Place, Span, Subject, Unit)

TESTS = Path(__file__).resolve().parent

# --- databases ------------------------------------------------------------------------------------


def pg_base_url() -> str:
    url = os.environ.get("SITREP_TEST_PG_URL")
    if url:
        return url
    if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
        pytest.fail("SITREP_TEST_PG_URL is not set in CI: .ci/services/postgres.sh did not start PostgreSQL")
    pytest.skip("needs PostgreSQL: set SITREP_TEST_PG_URL (source .ci/services/postgres.sh starts a throwaway server)")


def with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose default schema is new and empty (dropped afterwards)."""
    base = pg_base_url()
    schema = "t_" + uuid.uuid4().hex[:12]
    engine = make_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    try:
        yield with_search_path(base, schema)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "sitrep.db")
    return request.getfixturevalue("pg_url")


# --- reports and their facts ----------------------------------------------------------------------

PLACES = (  # name as written, GeoNames id, admin1, lat, lon (as sitrep's gazetteer has them)
    ("Kharkiv", 706483, "Kharkiv Oblast", 49.98, 36.25),
    ("Kherson", 706448, "Kherson Oblast", 46.64, 32.61),
    ("Avdiivka", 713122, "Donetsk Oblast", 48.14, 37.75),  # GeoNames spells it Avdiyivka
    ("Zaporizhzhia", 687700, "Zaporizhzhia Oblast", 47.85, 35.12),
    ("Bakhmut", 713174, "Donetsk Oblast", 48.59, 38.00),
)
CLAIMANTS = ("the regional governor", "the General Staff", "a police spokesman")
UNITS = ("93rd Mechanised Brigade", "247th Guards Airborne Regiment", "56th Motorised Brigade")

REPORT = (
    "{place}, {day} March 2022 — Russian artillery shelled residential districts of {place} overnight, "
    "{claimant} said on Telegram. {killed} civilians were killed and {wounded} wounded, according to "
    "{claimant}, who said the figure could rise. Soldiers of the {unit} were later seen near the city. "
    "Captain Andriy Melnyk of the {unit} was wounded, the brigade said. Report number {n}."
)
_FACTS = re.compile(
    r"(?P<killed>\d+) civilians were killed and (?P<wounded>\d+) wounded, according to (?P<claimant>[^,]+),"
)


def report_text(n: int) -> str:
    place = PLACES[n % len(PLACES)][0]
    return REPORT.format(place=place, day=1 + n % 28, claimant=CLAIMANTS[n % len(CLAIMANTS)],
                         killed=1 + n % 17, wounded=2 + n % 11, unit=UNITS[n % len(UNITS)], n=n)


def report_record(n: int) -> dict:
    return {"text": report_text(n), "title": f"Shelling report {n}", "published": f"2022-03-{1 + n % 28:02d}",
            "url": f"https://news.example.org/2022/03/report-{n}", "outlet": "Example Wire"}


def write_reports(path: Path, numbers, bad_lines: dict[int, str] | None = None) -> Path:
    """A JSONL file of reports; ``bad_lines`` puts raw (malformed) text at given 1-based line numbers."""
    lines = [json.dumps(report_record(n)) for n in numbers]
    for line_no, raw in sorted((bad_lines or {}).items()):
        lines.insert(line_no - 1, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _span(text: str, words: str, start: int = 0) -> Span:
    i = text.index(words, start)
    return Span(i, i + len(words))


def facts_extractor(doc: Document) -> Extraction:
    """An Extraction for a report made by ``report_text``: one event, two claims, a person, a unit, a place."""
    x = Extraction(id=doc.id, title=doc.title, published=doc.published, url=doc.url, outlet=doc.outlet,
                   language="en")
    m = _FACTS.search(doc.text)
    if m is None:
        return x
    place = next(p for p in PLACES if doc.text.startswith(p[0]))
    name, gid, admin1, lat, lon = place
    unit = next(u for u in UNITS if u in doc.text)
    killed, wounded, claimant = int(m["killed"]), int(m["wounded"]), m["claimant"]
    who = Claimant(name=claimant, kind="official", side="UA", text=claimant)
    x.places = [Place(name=name, geonames_id=gid, country="UA", admin1=admin1, lat=lat, lon=lon,
                      kind="populated_place", evidence=[Span(0, len(name))])]
    x.units = [Unit(id="u1", name=unit, echelon=unit.split()[-1].lower(), side="UA",
                    evidence=[_span(doc.text, unit)])]
    x.people = [Person(id="p1", name="Andriy Melnyk", rank="Captain", unit_id="u1", side="UA", status="wounded",
                       evidence=[_span(doc.text, "Captain Andriy Melnyk")])]
    x.claims = [
        Claim(id="c1", measure=["killed"], subject=Subject("civilians", "UA", "civilians"), count=Count(best=killed),
              claimant=who, event_id="e1", evidence=_span(doc.text, m.group(0).split(" and ")[0])),
        Claim(id="c2", measure=["wounded"], subject=Subject("civilians", "UA", "civilians"),
              count=Count(best=wounded), claimant=who, event_id="e1", evidence=_span(doc.text, f"{wounded} wounded")),
    ]
    x.events = [Event(
        id="e1", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
        date=DateRef(doc.published, doc.published, "day"),
        location=Location(name=name, geonames_id=gid, country="UA", admin1=admin1, lat=lat, lon=lon, text=name),
        actors=[Actor("Military Forces of Russia", "RU", "military", "actor1"), Actor("Civilians", "UA", "civilians", "actor2")],
        fatalities=killed, claim_ids=["c1", "c2"], evidence=[_span(doc.text, "Russian artillery shelled")],
    )]
    return x


def slow_facts_extractor(doc: Document) -> Extraction:
    """The same, taking as long as a real extraction might (so that a run can be killed mid-way)."""
    time.sleep(0.01)
    return facts_extractor(doc)


# --- comparing databases --------------------------------------------------------------------------

# Columns that legitimately differ between two runs over the same input.
VOLATILE = {"ingested_at", "first_seen", "seq", "applied_at"}
CONTENT_TABLES = ("documents", "events", "actors", "claims", "people", "units", "places", "evidence", "failures")


def dump(url: str, ignore: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every content row of every table, sorted, without the volatile columns (nor ``ignore``)."""
    from sitrep.store.schema import metadata

    engine = make_engine(url)
    out = {}
    with engine.connect() as conn:
        for name in CONTENT_TABLES:
            table = metadata.tables[name]
            # failures.id is a counter: it depends on the order failures were met, not on what they are
            cols = [c for c in table.c
                    if c.name not in VOLATILE and c.name not in ignore and (name, c.name) != ("failures", "id")]
            out[name] = sorted(tuple(r) for r in conn.execute(sqlalchemy.select(*cols)))
    engine.dispose()
    return out
