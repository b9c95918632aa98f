"""The query commands' filters, on both engines, through the Python API and through the CLI."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import Document
from sitrep.query import FilterNotApplicable, Filters, claims, events, people, places, units
from sitrep.store import Store
from test_store_support import PLACES, db_url, facts_extractor, pg_url, report_record  # noqa: F401

N = 30


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        for n in range(N):
            doc = Document(**report_record(n))
            s.add(doc, facts_extractor(doc))
        yield s


def _killed(n: int) -> int:  # what report_text(n) says was killed
    return 1 + n % 17


def _rows(store, listing, **f):
    with store.read() as conn:
        return listing(conn, Filters(**f), limit=None)


def test_events_newest_first_with_their_evidence(store):
    rows = _rows(store, events)
    assert len(rows) == N
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates, reverse=True)
    assert all(r["evidence"] == "Russian artillery shelled" for r in rows)
    assert {r["location"] for r in rows} == {p[0] for p in PLACES}


def test_event_filters(store):
    by_date = _rows(store, events, since="2022-03-10", until="2022-03-12")
    assert {r["date"] for r in by_date} == {"2022-03-10", "2022-03-11", "2022-03-12"}
    assert len(by_date) == sum(1 for n in range(N) if 10 <= 1 + n % 28 <= 12)

    kherson = _rows(store, events, place="kherson")  # any case
    assert kherson and {r["location"] for r in kherson} == {"Kherson"}
    assert _rows(store, events, place="706448") == kherson  # or its GeoNames id
    donetsk = _rows(store, events, place="Donetsk Oblast")  # admin1
    assert {r["location"] for r in donetsk} == {"Avdiivka", "Bakhmut"}
    assert _rows(store, events, place="donetsk region") == donetsk  # as the gazetteer reads it
    assert {r["location"] for r in _rows(store, events, place="Avdiyivka")} == {"Avdiivka"}  # GeoNames' spelling
    assert _rows(store, events, place="Donetsk") == []  # the city, not the region

    assert len(_rows(store, events, side="ru")) == N
    assert _rows(store, events, side="BY") == []
    assert len(_rows(store, events, type="Explosions/Remote violence")) == N
    assert len(_rows(store, events, type="Shelling/artillery/missile attack")) == N
    assert _rows(store, events, type="Battles") == []

    heavy = _rows(store, events, min_fatalities=15)
    assert sorted(r["fatalities"] for r in heavy) == sorted(_killed(n) for n in range(N) if _killed(n) >= 15)

    governor = _rows(store, events, claimant="GOVERNOR")
    assert governor and all(r["claimant"] == "the regional governor" for r in governor)
    assert _rows(store, events, certainty="reported") and not _rows(store, events, certainty="denied")


def test_event_filters_combine(store):
    rows = _rows(store, events, place="Kharkiv", min_fatalities=5, claimant="General Staff")
    expected = [n for n in range(N) if n % 5 == 0 and _killed(n) >= 5 and n % 3 == 1]
    assert len(rows) == len(expected) > 0


def test_unit_filter_on_events_follows_claims_about_the_unit(store):
    # no actor is a unit in these reports, and no claim's subject is: nothing matches
    assert _rows(store, events, unit="Airborne") == []
    assert len(_rows(store, events, unit="Military Forces")) == N  # an actor's name


def test_claims_people_units_places(store):
    killed = _rows(store, claims, type="killed")
    assert len(killed) == N and all(r["measure"] == "killed" for r in killed)
    assert {r["evidence"].split()[-1] for r in killed} == {"killed"}
    assert len(_rows(store, claims, claimant="official")) == 2 * N  # a claimant kind
    assert len(_rows(store, claims, min_fatalities=16)) == sum(1 for n in range(N) if _killed(n) >= 16)
    assert len(_rows(store, claims, place="Bakhmut")) == 2 * sum(1 for n in range(N) if n % 5 == 4)

    airborne = _rows(store, people, unit="airborne")
    assert airborne and all(r["unit"] == "247th Guards Airborne Regiment" for r in airborne)
    assert all(r["evidence"] == "Captain Andriy Melnyk" for r in airborne)
    assert len(_rows(store, people, status="wounded", name="melnyk")) == N

    brigades = _rows(store, units, unit="brigade")
    assert {r["name"] for r in brigades} == {"93rd Mechanised Brigade", "56th Motorised Brigade"}

    assert {r["name"] for r in _rows(store, places, place="Zaporizhzhia")} == {"Zaporizhzhia"}


def test_min_fatalities_gives_the_same_rows_whichever_plan_sqlite_is_given(store, monkeypatch):
    import sitrep.query as q

    f = Filters(min_fatalities=4)
    with store.read() as conn:
        by_index = events(conn, f, limit=7)
        assert q.fatalities_plan(conn, "events", f, 7) == (q.BY_FATALITIES if store.dialect == "sqlite" else None)
        monkeypatch.setattr(q, "_COMMON", 3)  # now "common": SQLite reads newest-first instead
        assert q.fatalities_plan(conn, "events", f, 7) == (q.NEWEST_FIRST if store.dialect == "sqlite" else None)
        by_date = events(conn, f, limit=7)
        unsteered = [dict(r._mapping) for r in conn.execute(q.listing_select("events", f, 7))]
    assert by_date == by_index == unsteered and len(by_index) == 7
    assert all(r["fatalities"] >= 4 for r in by_index)


def test_a_filter_a_listing_does_not_have_is_refused(store):
    with store.read() as conn, pytest.raises(FilterNotApplicable, match="--min-fatalities"):
        units(conn, Filters(min_fatalities=3))


# --- CLI ------------------------------------------------------------------------------------------


def test_listing_commands_print_table_csv_and_json(store, db_url):
    runner = CliRunner()
    table = runner.invoke(main, ["events", "--db", db_url, "--place", "Kherson", "--limit", "3"])
    assert table.exit_code == 0, table.output
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["id", "date", "event_type", "sub_event_type"]  # ids to drill down with
    assert len(lines) == 2 + 3 and all("Kherson" in line for line in lines[2:])

    as_csv = runner.invoke(main, ["claims", "--db", db_url, "--format", "csv", "--limit", "0", "--side", "UA"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 2 * N and {"claimant", "certainty", "evidence", "report_url"} <= set(rows[0])

    as_json = runner.invoke(main, ["people", "--db", db_url, "--format", "json", "--status", "wounded"])
    people_rows = json.loads(as_json.stdout)
    assert len(people_rows) == N and people_rows[0]["rank"] == "Captain"

    found = runner.invoke(main, ["search", "--db", db_url, "--format", "json", '"report number 17"'])
    assert [r["title"] for r in json.loads(found.stdout)] == ["Shelling report 17"]

    assert runner.invoke(main, ["units", "--db", db_url, "--min-fatalities", "3"]).exit_code == 2


def test_empty_csv_still_has_its_header(store, db_url):
    out = CliRunner().invoke(main, ["events", "--db", db_url, "--format", "csv", "--side", "BY"]).stdout
    assert out.splitlines()[0].startswith("date,event_type,sub_event_type,")


def test_query_commands_do_not_create_a_database(tmp_path):
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "sitrep ingest" in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_town_also_finds_events_placed_only_at_its_region(tmp_path):
    from sitrep import extract_document

    doc = Document(text="Russian shelling killed three civilians in Kherson region on Tuesday, the governor said.",
                   published="2023-11-22")
    with Store.open(str(tmp_path / "regional.db")) as s:
        s.add(doc, extract_document(doc))
        found = _rows(s, events, place="Kherson")
        assert [r["location"] for r in found] == ["Kherson Oblast"]
        assert _rows(s, events, place="Odesa") == []
