"""`sitrep export`: ACLED-style CSV, JSON lines, GeoJSON and Parquet carry the same events and columns."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import ACLED_COLUMNS, COLUMNS, UCDP_COLUMNS, export
from sitrep.model import Actor, Claim, Claimant, Count, DateRef, Document, Event, Extraction, Location, Span, Subject
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
                                                      "fatalities_high", "document_url", "evidence")
    first = next(r for r in rows if r["document_url"].endswith("report-0"))
    assert first["event_type"] == "Explosions/Remote violence"
    assert first["location"] == "Kharkiv" and first["admin1"] == "Kharkiv Oblast"
    assert (first["latitude"], first["longitude"]) == ("49.98", "36.25")
    assert first["time_precision"] == "1" and first["geo_precision"] == "1"
    assert first["fatalities"] == first["fatalities_low"] == first["fatalities_high"] == "1"
    assert first["claimant"] == "the regional governor" and first["certainty"] == "reported"
    assert first["actor1"] == "Military Forces of Russia" and first["actor2"] == "Civilians"
    # Russian forces in Ukraine are external forces (8) to ACLED; civilians are 7: interaction 78
    assert (first["inter1"], first["inter2"], first["interaction"]) == ("8", "7", "78")
    assert first["civilian_targeting"] == "Civilian targeting"
    assert first["disorder_type"] == "Political violence" and first["year"] == "2022"
    assert (first["iso"], first["country"], first["region"]) == ("804", "Ukraine", "Europe")
    assert first["evidence"] == "Russian artillery shelled"
    assert first["timestamp"].isdigit()
    # notes: the sentence that reports the event, as written
    assert first["notes"] == report_record(0)["text"].split(" Telegram. ")[0] + " Telegram."
    assert first["source"] == "Example Wire"
    assert len({r["event_id_cnty"] for r in rows}) == len(rows)
    vague = next(r for r in rows if r["event_type"] == "Battles")
    # ACLED writes 0 when no death is claimed; sitrep's range stays empty, so "no figure" still shows;
    # no precision for a place that is not there, no date, no actor codes for actors nobody named
    assert vague["fatalities"] == "0" and vague["fatalities_low"] == vague["fatalities_high"] == ""
    assert vague["geo_precision"] == "" and vague["event_date"] == "" and vague["year"] == ""
    assert vague["inter1"] == vague["inter2"] == vague["interaction"] == vague["iso"] == ""


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
    assert str(table.schema.field("fatalities").type) == "int64"
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


# --- ACLED's codebook conventions, on a small report of our own ---------------------------------------

CODEBOOK_REPORT = (
    "Ukrainian and Polish volunteer troops fought Russian forces outside Bakhmut on Tuesday, the brigade said. "
    "In Moscow, a few hundred people rallied against mobilisation; police beat the protesters, witnesses said. "
    "Two protesters died of their injuries, a rights group said."
)


def _codebook_extraction(doc: Document) -> Extraction:
    text = doc.text

    def span(words):
        i = text.index(words)
        return Span(i, i + len(words))

    bakhmut = Location(name="Bakhmut", geonames_id=713174, country="UA", admin1="Donetsk Oblast", lat=48.59, lon=38.0,
                       precision="near", text="outside Bakhmut")
    moscow = Location(name="Moscow", geonames_id=524901, country="RU", admin1="Moscow", lat=55.75, lon=37.62,
                      text="Moscow")
    rights_group = Claimant(name="a rights group", kind="ngo", text="a rights group")
    return Extraction(id=doc.id, published="2023-05-10", language="en", claims=[
        Claim(id="c1", measure=["killed"], subject=Subject("protesters", "RU", "civilians"), count=Count(best=2),
              claimant=rights_group, event_id="e2", evidence=span("Two protesters died")),
    ], events=[
        Event(id="e1", event_type="Battles", sub_event_type="Armed clash",
              date=DateRef("2023-05-09", "2023-05-09", "day"), location=bakhmut, certainty="reported",
              actors=[Actor("Military Forces of Ukraine", "UA", "military", "actor1"),
                      Actor("Military Forces of Russia", "RU", "military", "actor2"),
                      Actor("Military Forces of Poland", "PL", "military", "associated")],
              evidence=[span("fought Russian forces")]),
        Event(id="e2", event_type="Protests", sub_event_type="Excessive force against protesters",
              date=DateRef("2023-05-01", "2023-05-31", "month"), location=moscow, certainty="alleged",
              actors=[Actor("Police Forces of Russia", "RU", "police", "actor1"),
                      Actor("Protesters (Russia)", "RU", "protesters", "actor2")],
              fatalities=2, claim_ids=["c1"], evidence=[span("police beat the protesters")]),
        Event(id="e3", event_type="Protests", sub_event_type="Peaceful protest",
              date=DateRef("2023-05-09", "2023-05-09", "day"), location=moscow, certainty="reported",
              actors=[Actor("Protesters (Russia)", "RU", "protesters", "actor1")],
              evidence=[span("rallied against mobilisation")]),
    ])


@pytest.fixture
def codebook_store(db_url):
    with Store.open(db_url) as s:
        doc = Document(text=CODEBOOK_REPORT, title="Fighting near Bakhmut; a rally in Moscow", published="2023-05-10",
                       url="https://news.example.org/codebook", outlet="Example Wire")
        s.add(doc, _codebook_extraction(doc))
        yield s


def _rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return {r["event_id_cnty"].rsplit("-", 1)[1]: r for r in csv.DictReader(f)}


def test_acled_codings_follow_the_codebook(codebook_store, tmp_path):
    export(codebook_store, "acled-csv", tmp_path / "a.csv")
    rows = _rows(tmp_path / "a.csv")
    battle, crackdown, rally = rows["e1"], rows["e2"], rows["e3"]
    # a state's forces at home are state forces (1); abroad, external forces (8); lower code first
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == ("1", "8", "18")
    assert battle["assoc_actor_1"] == "Military Forces of Poland" and battle["assoc_actor_2"] == ""
    assert battle["disorder_type"] == "Political violence" and battle["civilian_targeting"] == ""
    assert battle["geo_precision"] == "2" and battle["time_precision"] == "1" and battle["fatalities"] == "0"
    assert (battle["iso"], battle["country"], battle["region"]) == ("804", "Ukraine", "Europe")
    # force against protesters: both political violence and a demonstration; police 1, protesters 6
    assert crackdown["disorder_type"] == "Political violence; Demonstrations"
    assert (crackdown["inter1"], crackdown["inter2"], crackdown["interaction"]) == ("1", "6", "16")
    assert crackdown["time_precision"] == "3" and crackdown["fatalities"] == "2" and crackdown["year"] == "2023"
    assert (crackdown["iso"], crackdown["country"]) == ("643", "Russia")
    # a lone actor: its code, then 0
    assert (rally["inter1"], rally["inter2"], rally["interaction"]) == ("6", "0", "60")
    assert rally["disorder_type"] == "Demonstrations" and rally["actor2"] == ""
    assert rally["notes"] == "In Moscow, a few hundred people rallied against mobilisation; police beat the protesters, witnesses said."


def test_ucdp_csv_has_geds_columns_and_meanings(codebook_store, tmp_path):
    export(codebook_store, "ucdp-csv", tmp_path / "u.csv")
    with (tmp_path / "u.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = {r["id"].rsplit("-", 1)[1]: r for r in reader}
    assert tuple(reader.fieldnames) == UCDP_COLUMNS
    battle, crackdown = rows["e1"], rows["e2"]
    assert battle["type_of_violence"] == "1" and crackdown["type_of_violence"] == "3"
    assert (battle["side_a"], battle["side_b"]) == ("Government of Ukraine", "Government of Russia")
    assert battle["where_prec"] == "2" and crackdown["where_prec"] == "1"
    assert battle["date_prec"] == "1" and crackdown["date_prec"] == "4"
    assert (crackdown["date_start"], crackdown["date_end"]) == ("2023-05-01", "2023-05-31")
    # PRIO-GRID: half-degree cells counted from the south-west corner of the world, 720 to a row
    assert battle["priogrid_gid"] == str(int((48.59 + 90) / 0.5) * 720 + int((38.0 + 180) / 0.5) + 1)
    assert battle["geom_wkt"] == "POINT (38.0 48.59)" and battle["region"] == "Europe"
    assert (battle["best"], battle["low"], battle["high"], battle["deaths_unknown"]) == ("0", "0", "0", "0")
    # the two dead are protesters, whom GED counts as civilians
    assert crackdown["side_b"] == "Civilians" and crackdown["side_a"] == "Government of Russia"
    assert (crackdown["best"], crackdown["deaths_civilians"], crackdown["deaths_a"], crackdown["deaths_b"]) == ("2", "2", "0", "0")
    assert crackdown["source_headline"] == "Fighting near Bakhmut; a rally in Moscow"
    assert crackdown["source_original"] == "a rights group" and crackdown["event_clarity"] == "2"


def test_ucdp_civilian_deaths_and_one_sided_violence(store, tmp_path):
    export(store, "ucdp-csv", tmp_path / "u.csv")
    with (tmp_path / "u.csv").open(newline="", encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["source_article"].endswith("report-3"))
    killed = 1 + 3 % 17
    assert row["type_of_violence"] == "3" and row["side_b"] == "Civilians"
    assert row["deaths_civilians"] == row["best"] == row["low"] == row["high"] == str(killed)
    assert row["deaths_a"] == row["deaths_b"] == row["deaths_unknown"] == "0"
    for part in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"):
        assert row[part].isdigit()


def test_parquet_has_real_dates_and_integers(codebook_store, tmp_path):
    import datetime

    import pyarrow as pa

    export(codebook_store, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.schema.field("event_date").type == pa.date32()
    for column in ("year", "inter1", "interaction", "iso", "fatalities", "timestamp", "time_precision"):
        assert pa.types.is_integer(table.schema.field(column).type), column
    assert pa.types.is_floating(table.schema.field("latitude").type)
    assert sorted(table.column("event_date").to_pylist()) == [datetime.date(2023, 5, 1), datetime.date(2023, 5, 9),
                                                              datetime.date(2023, 5, 9)]


def test_duckdb_reads_the_parquet_dates_as_dates(codebook_store, tmp_path):
    duckdb = pytest.importorskip("duckdb")
    export(codebook_store, "parquet", tmp_path / "e.parquet")
    got = duckdb.sql(f"SELECT year(event_date) AS y, month(event_date) AS m, sum(fatalities) AS f "
                     f"FROM '{tmp_path / 'e.parquet'}' GROUP BY ALL").fetchall()
    assert got == [(2023, 5, 2)]


def test_export_formats_offered_by_the_command_are_the_exporters():
    from sitrep.commands.store import EXPORT_FORMATS
    from sitrep.export import FORMATS

    assert EXPORT_FORMATS == FORMATS


# --- admin2/admin3, source_scale, assoc_actor_2 --------------------------------------------------------

ALLIES_REPORT = (
    "Wagner fighters backed by Russian paratroopers stormed positions of Ukrainian marines and Georgian "
    "Legion volunteers at Vuhledar; a separate raid hit Panjwai district and a strike fell on Volnovaskyi Raion."
)


def _allies_extraction(doc: Document) -> Extraction:
    text = doc.text

    def span(words):
        i = text.index(words)
        return Span(i, i + len(words))

    vuhledar = Location(name="Vuhledar", geonames_id=690823, country="UA", admin1="Donetsk Oblast", lat=47.7797,
                        lon=37.25, precision="exact", text="Vuhledar")
    panjwai = Location(name="Panjwai District", country="AF", admin1="Kandahar", lat=31.6133, lon=65.7101,
                       precision="region", text="Panjwai district")
    raion = Location(name="Volnovaskyi Raion", country="UA", admin1="Donetsk Oblast", lat=47.6008, lon=37.4936,
                     precision="region", text="Volnovaskyi Raion")
    return Extraction(id=doc.id, published=doc.published, language="en", events=[
        Event(id="e1", event_type="Battles", sub_event_type="Armed clash", location=vuhledar,
              date=DateRef("2023-02-01", "2023-02-01", "day"),
              actors=[Actor("Wagner Group", "RU", "military", "actor1"),
                      Actor("Military Forces of Ukraine", "UA", "military", "actor2"),
                      Actor("Military Forces of Russia", "RU", "military", "associated"),
                      Actor("Georgian Legion", "UA", "military", "associated")],
              evidence=[span("stormed positions")]),
        Event(id="e2", event_type="Battles", sub_event_type="Armed clash", location=panjwai,
              date=DateRef("2023-02-01", "2023-02-01", "day"), evidence=[span("raid")]),
        Event(id="e3", event_type="Explosions/Remote violence", sub_event_type="Shelling/artillery/missile attack",
              location=raion, date=DateRef("2023-02-01", "2023-02-01", "day"), evidence=[span("strike")]),
    ])


@pytest.mark.parametrize("outlet, url, scale", [
    ("Reuters", "https://www.reuters.com/world/x", {"e1": "International", "e2": "International"}),
    ("Ukrainska Pravda", "https://www.pravda.com.ua/eng/news/x", {"e1": "National", "e2": "International"}),
    (None, "https://t.me/somechannel/123", {"e1": "New media", "e2": "New media"}),
    ("A parish newsletter", "https://parish.example.net/news", {"e1": "", "e2": ""}),
])
def test_acled_admin2_admin3_source_scale_and_allies(db_url, tmp_path, outlet, url, scale):
    with Store.open(db_url) as store:
        doc = Document(text=ALLIES_REPORT, published="2023-02-02", url=url, outlet=outlet)
        store.add(doc, _allies_extraction(doc))
        export(store, "acled-csv", tmp_path / "a.csv")
    rows = _rows(tmp_path / "a.csv")
    battle, afghan, raion = rows["e1"], rows["e2"], rows["e3"]
    # the town is its hromada's centre: raion and hromada as ACLED names them, without the words for them
    assert (battle["admin1"], battle["admin2"], battle["admin3"]) == ("Donetsk Oblast", "Volnovaskyi", "Vuhledarska")
    assert (afghan["admin1"], afghan["admin2"], afghan["admin3"]) == ("Kandahar", "Panjwai", "")
    assert (raion["admin2"], raion["admin3"]) == ("Volnovaskyi", "")
    # each side's allies in its own column
    assert (battle["actor1"], battle["assoc_actor_1"]) == ("Wagner Group", "Military Forces of Russia")
    assert (battle["actor2"], battle["assoc_actor_2"]) == ("Military Forces of Ukraine", "Georgian Legion")
    assert (battle["source_scale"], afghan["source_scale"]) == (scale["e1"], scale["e2"])
    assert raion["source_scale"] == scale["e1"]  # Ukraine again


def test_admin2_stays_empty_where_the_gazetteer_knows_no_division(codebook_store, tmp_path):
    export(codebook_store, "acled-csv", tmp_path / "a.csv")
    rows = _rows(tmp_path / "a.csv")
    assert (rows["e1"]["admin2"], rows["e1"]["admin3"]) == ("Bakhmutskyi", "Bakhmutska")  # near Bakhmut: its hromada
    assert (rows["e2"]["admin2"], rows["e2"]["admin3"]) == ("", "")  # Moscow: none known
    assert rows["e2"]["source_scale"] == ""  # "Example Wire": no record of it
