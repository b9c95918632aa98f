"""`sitrep export`: ACLED-style CSV, JSON lines, GeoJSON and Parquet carry the same events and columns."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import ACLED_COLUMNS, COLUMNS, export
from sitrep.model import Document, Event, Extraction
from sitrep.query import Filters
from sitrep.store import Store
from test_store_support import PLACES, db_url, facts_extractor, pg_url, report_record  # noqa: F401

N = 12


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        for n in range(N):
            doc = Document(**report_record(n))
            s.add(doc, facts_extractor(doc))
        # an event nobody located, dated or counted
        vague = Document(text="Fighting continued somewhere along the front, the ministry said.")
        s.add(vague, Extraction(id=vague.id, events=[Event(id="e1", event_type="Battles", sub_event_type="Armed clash",
                                                           certainty="unconfirmed")]))
        yield s


def test_acled_csv_has_acled_columns_then_sitreps(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export(store, "acled-csv", out) == N + 1
    with out.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    assert tuple(reader.fieldnames) == ACLED_COLUMNS + ("claimant", "certainty", "fatalities_low",
                                                      "fatalities_high", "document_url")
    first = next(r for r in rows if r["document_url"].endswith("report-0"))
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["location"] == "Kharkiv" and first["admin1"] == "Kharkiv Oblast"
    assert (first["latitude"], first["longitude"]) == ("49.98", "36.25")
    assert first["time_precision"] == "1" and first["geo_precision"] == "1"
    assert first["fatalities"] == first["fatalities_low"] == first["fatalities_high"] == "1"
    assert first["claimant"] == "the regional governor" and first["certainty"] == "reported"
    assert first["actor1"] == "Military Forces of Russia" and first["actor2"] == "Civilians"
    # notes: the sentence that reports the event, as written
    assert first["notes"] == report_record(0)["text"].split(" Telegram. ")[0] + " Telegram."
    assert first["source"] == "Example Wire"
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    vague = next(r for r in rows if r["event_type"] == "Battles")
    # unknown stays empty: no invented zero deaths, no precision for a place that is not there
    assert vague["fatalities"] == "" and vague["geo_precision"] == "" and vague["event_date"] == ""


def test_every_format_carries_the_same_events(store, tmp_path):
    f = Filters(place="Donetsk Oblast")
    expected = sum(1 for n in range(N) if PLACES[n % len(PLACES)][2] == "Donetsk Oblast")
    export(store, "acled-csv", tmp_path / "e.csv", f)
    export(store, "jsonl", tmp_path / "e.jsonl", f)
    export(store, "geojson", tmp_path / "e.geojson", f)
    export(store, "parquet", tmp_path / "e.parquet", f)

    with (tmp_path / "e.csv").open(newline="") as fh:
        csv_ids = [r["event_id_cnty"] for r in csv.DictReader(fh)]
    jsonl = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text().splitlines()]
    geo = json.loads((tmp_path / "e.geojson").read_text())
    table = pq.read_table(tmp_path / "e.parquet")

    assert len(csv_ids) == expected
    assert [r["event_id_cnty"] for r in jsonl] == csv_ids
    assert [feat["id"] for feat in geo["features"]] == csv_ids
    assert table.column("event_id_cnty").to_pylist() == csv_ids
    assert list(jsonl[0]) == list(COLUMNS) == table.column_names
    assert str(table.schema.field("fatalities").type) == "int32"
    assert geo["type"] == "FeatureCollection"
    point = geo["features"][0]["geometry"]
    assert point["type"] == "Point" and point["coordinates"] == [jsonl[0]["longitude"], jsonl[0]["latitude"]]


def test_geojson_keeps_unlocated_events_without_geometry(store, tmp_path):
    export(store, "geojson", tmp_path / "all.geojson")
    features = json.loads((tmp_path / "all.geojson").read_text())["features"]
    assert len(features) == N + 1
    assert [feat["properties"]["event_type"] for feat in features if feat["geometry"] is None] == ["Battles"]


def test_empty_export_is_still_a_valid_file(store, tmp_path):
    f = Filters(side="BY")
    assert export(store, "parquet", tmp_path / "none.parquet", f) == 0
    assert pq.read_table(tmp_path / "none.parquet").column_names == list(COLUMNS)
    assert export(store, "geojson", tmp_path / "none.geojson", f) == 0
    assert json.loads((tmp_path / "none.geojson").read_text()) == {"type": "FeatureCollection", "features": []}


def test_export_command(store, db_url, tmp_path):
    runner = CliRunner()
    out = runner.invoke(main, ["export", "--db", db_url, "--format", "jsonl", "--min-fatalities", "10"])
    assert out.exit_code == 0, out.output
    got = sorted(json.loads(line)["fatalities"] for line in out.stdout.splitlines())
    assert got == sorted(1 + n % 17 for n in range(N) if 1 + n % 17 >= 10)
    to_file = runner.invoke(main, ["export", "--db", db_url, "--format", "parquet", "-o", str(tmp_path / "x.parquet")])
    assert to_file.exit_code == 0 and f"{N + 1} events written" in to_file.stderr
    assert pq.read_table(tmp_path / "x.parquet").num_rows == N + 1
