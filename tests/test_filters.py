"""--country, --admin1, --place with a country, side given by name, and warnings (with the nearest valid
values) for filter values that match nothing: through the Python API and the CLI, on both engines."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.model import (Actor, Claim, Claimant, Count, DateRef, Document, Event, Extraction, Location, Person, Place,
                          Span, Subject)
from sitrep.query import Filters, check_filters, claims, events, people, places, search
from sitrep.store import Store
from test_store_support import db_url, pg_url  # noqa: F401

# (text, event type, sub-event type, place: name, GeoNames id, country, admin1, lat, lon, precision)
REPORTS = [
    ("Two soldiers were killed when a roadside bomb hit their patrol in Lashkar Gah, officials said.",
     "Explosions/Remote violence", "Remote explosive/landmine/IED",
     ("Lashkar Gah", 1147290, "AF", "Helmand", 31.59, 64.37, "exact")),
    ("Insurgents attacked a checkpoint somewhere in Helmand province overnight, the governor said.",
     "Battles", "Armed clash", ("Helmand", 1140026, "AF", "Helmand", 31.0, 64.0, "region")),
    ("Gunmen ambushed a convoy in Kandahar; three guards died, police said.",
     "Battles", "Armed clash", ("Kandahar", 1138958, "AF", "Kandahar", 31.61, 65.71, "exact")),
    ("Russian shelling killed four civilians in Kharkiv on Monday, the regional governor said.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack",
     ("Kharkiv", 706483, "UA", "Kharkiv Oblast", 49.98, 36.25, "exact")),
    ("A drone hit an oil depot in Belgorod, the Russian governor said; one worker was killed.",
     "Explosions/Remote violence", "Air/drone strike", ("Belgorod", 578072, "RU", "Belgorod Oblast", 50.61, 36.58, "exact")),
]


def _extraction(doc: Document, n: int) -> Extraction:
    _, event_type, sub, (name, gid, country, admin1, lat, lon, precision) = REPORTS[n]
    where = doc.text.index(name)
    place = Place(name=name, geonames_id=gid, country=country, admin1=admin1, lat=lat, lon=lon, precision=precision,
                  evidence=[Span(where, where + len(name))])
    location = Location(name=name, geonames_id=gid, country=country, admin1=admin1, lat=lat, lon=lon,
                        precision=precision, text=name)
    side = {"AF": "AF", "UA": "RU", "RU": "UA"}[country]
    claim = Claim(id="c1", measure=["killed"], subject=Subject("people", country, "civilians"), count=Count(best=n + 1),
                  claimant=Claimant(name="officials", kind="official"), event_id="e1", evidence=Span(0, 10))
    return Extraction(
        id=doc.id, published=doc.published, language="en", places=[place], claims=[claim],
        people=[Person(id="p1", name=f"Person {n}", side=country, status="killed", evidence=[Span(0, 3)])],
        events=[Event(id="e1", event_type=event_type, sub_event_type=sub, date=DateRef("2023-06-0%d" % (n + 1),
                      "2023-06-0%d" % (n + 1), "day"), location=location, fatalities=n + 1, claim_ids=["c1"],
                      actors=[Actor(f"Military Forces of {side}", side, "military", "actor1")],
                      evidence=[Span(0, 20)])])


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        for n, (text, *_rest) in enumerate(REPORTS):
            doc = Document(text=text, title=f"Report {n}", published="2023-06-%02d" % (n + 1),
                           url=f"https://news.example.org/{n}")
            s.add(doc, _extraction(doc, n))
        yield s


def _locations(store, listing=events, **f):
    with store.read() as conn:
        rows = listing(conn, Filters(**f), limit=None)
    return sorted(r.get("location") or r.get("name") for r in rows)


AFGHAN = ["Helmand", "Kandahar", "Lashkar Gah"]


@pytest.mark.parametrize("value", ["Afghanistan", "afghanistan", "AF", "af", "AFG"])
def test_country_by_name_iso2_or_iso3(store, value):
    assert _locations(store, country=value) == AFGHAN
    # --place with a country finds every event placed in it, not only those placed at "Afghanistan"
    assert _locations(store, place=value) == AFGHAN


def test_place_with_a_country_code(store):
    assert _locations(store, place="UA") == ["Kharkiv"]
    assert _locations(store, place="Russia") == ["Belgorod"]


def test_admin1_as_stored_or_as_the_gazetteer_reads_it(store):
    assert _locations(store, admin1="Helmand") == ["Helmand", "Lashkar Gah"]
    assert _locations(store, admin1="kharkiv oblast") == ["Kharkiv"]
    assert _locations(store, admin1="Kharkiv region") == ["Kharkiv"]
    assert _locations(store, admin1="Kandahar", country="AF") == ["Kandahar"]
    assert _locations(store, admin1="Kandahar", country="UA") == []


def test_country_and_admin1_on_claims_people_places_and_search(store):
    with store.read() as conn:
        assert len(claims(conn, Filters(country="Afghanistan"), limit=None)) == 3
        assert [r["count_best"] for r in claims(conn, Filters(admin1="Belgorod Oblast"), limit=None)] == [5]
        assert sorted(r["name"] for r in people(conn, Filters(country="AFG"), limit=None)) == ["Person 0", "Person 1",
                                                                                               "Person 2"]
        assert [r["name"] for r in places(conn, Filters(country="RU"), limit=None)] == ["Belgorod"]
        assert [r["title"] for r in search(conn, "killed", Filters(country="Ukraine"))] == ["Report 3"]
        assert [r["title"] for r in search(conn, "governor", Filters(admin1="Helmand"))] == ["Report 1"]


def test_side_by_country_name(store):
    assert _locations(store, side="Russia") == _locations(store, side="RU") == ["Kharkiv"]


@pytest.mark.parametrize("kind, option, value, suggested", [
    ("events", "type", "Battle", "Battles"),
    ("events", "type", "air strike", "Air/drone strike"),
    ("claims", "type", "kiled", "killed"),
    ("events", "side", "Ukrane", "Ukraine"),
    ("events", "country", "Afganistan", "Afghanistan"),
    ("claims", "certainty", "confimed", "confirmed"),
])
def test_unknown_values_come_with_the_nearest_valid_ones(kind, option, value, suggested):
    [unknown] = check_filters(kind, Filters(**{option: value}))
    assert unknown.option == option and suggested in unknown.suggestions
    assert f"--{option} {value!r}" in unknown.message() and repr(suggested) in unknown.message()


def test_known_values_raise_no_warning():
    assert check_filters("events", Filters(type="battles", side="UA", country="Ukraine", certainty="Reported")) == []
    assert check_filters("claims", Filters(type="wounded", side="russia")) == []


def test_cli_warns_on_stderr_and_exits_0(store, db_url):
    runner = CliRunner()
    typo = runner.invoke(main, ["events", "--db", db_url, "--type", "Battle", "--format", "json"])
    assert typo.exit_code == 0, typo.output
    assert json.loads(typo.stdout) == []
    assert "--type 'Battle' matches no known value" in typo.stderr and "'Battles'" in typo.stderr
    side = runner.invoke(main, ["claims", "--db", db_url, "--side", "Ukrane"])
    assert side.exit_code == 0 and "'Ukraine'" in side.stderr
    country = runner.invoke(main, ["export", "--db", db_url, "--country", "Afganistan", "--format", "jsonl"])
    assert country.exit_code == 0 and "'Afghanistan'" in country.stderr
    good = runner.invoke(main, ["events", "--db", db_url, "--country", "AF", "--format", "json"])
    assert good.stderr == "" and sorted(r["location"] for r in json.loads(good.stdout)) == AFGHAN


def test_every_listing_command_takes_country_and_admin1(store, db_url):
    runner = CliRunner()
    for command in (["events"], ["claims"], ["people"], ["units"], ["places"], ["search", "killed"], ["export"]):
        for option, value in (("--country", "UA"), ("--admin1", "Helmand")):
            result = runner.invoke(main, command + ["--db", db_url, option, value])
            assert result.exit_code == 0, (command, option, result.output)


@pytest.mark.parametrize("words, days_ago", [("last week", 7), ("3 days ago", 3), ("yesterday", 1)])
def test_date_options_take_words(words, days_ago):
    import datetime

    from sitrep.commands.options import DATE

    got = datetime.date.fromisoformat(DATE.convert(words, None, None))
    assert (datetime.date.today() - got).days == days_ago
    assert DATE.convert("2022-03-01", None, None) == "2022-03-01"
    assert DATE.convert("1 March 2022", None, None) == "2022-03-01"
