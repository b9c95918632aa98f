"""--country and --admin1 on the people and units listings: as each report names them, in the
resolver's registers, in the CLI, the API and the web pages. A person or unit has no place of its own;
it is "in" a country when a report naming it names a place there."""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from sitrep.cli import main
from sitrep.model import Document, Extraction, Person, Place, Span, Unit
from sitrep.query import Filters, people, units
from sitrep.resolve.register import persons, units as unit_register
from sitrep.resolve.runner import resolve
from sitrep.store import Store
from sitrep.web import create_app
from test_store_support import db_url, pg_url  # noqa: F401

# (text, person, unit, places named: (name, GeoNames id, country, admin1))
REPORTS = [
    ("Captain Amanullah Sherzad of the 215th Corps was killed near Lashkar Gah, Helmand officials said.",
     "Amanullah Sherzad", "215th Corps", [("Lashkar Gah", 1147290, "AF", "Helmand")]),
    ("Sergeant Hamid Nuristani of the 205th Corps was wounded by a mine outside Kandahar, police said.",
     "Hamid Nuristani", "205th Corps", [("Kandahar", 1138958, "AF", "Kandahar")]),
    ("Lieutenant Olena Hrytsenko of the 93rd Brigade was wounded in shelling of Kharkiv, her unit said.",
     "Olena Hrytsenko", "93rd Brigade", [("Kharkiv", 706483, "UA", "Kharkiv Oblast")]),
    ("Major Pavel Orlov of the 200th Brigade was captured near Belgorod and later at Kharkiv, reports said.",
     "Pavel Orlov", "200th Brigade", [("Belgorod", 578072, "RU", "Belgorod Oblast"),
                                      ("Kharkiv", 706483, "UA", "Kharkiv Oblast")]),
    ("The 93rd Brigade said its positions near Kramatorsk held; Olena Hrytsenko was back with her unit.",
     "Olena Hrytsenko", "93rd Brigade", [("Kramatorsk", 704508, "UA", "Donetsk Oblast")]),
]
SIDES = {"215th Corps": "AF", "205th Corps": "AF", "93rd Brigade": "UA", "200th Brigade": "RU"}


def _extraction(doc: Document, n: int) -> Extraction:
    text, person, unit, named = REPORTS[n]

    def span(words):
        at = text.index(words)
        return [Span(at, at + len(words))]

    return Extraction(
        id=doc.id, published=doc.published, language="en",
        places=[Place(name=name, geonames_id=gid, country=country, admin1=admin1, evidence=span(name))
                for name, gid, country, admin1 in named],
        units=[Unit(id="u1", name=unit, canonical=unit, side=SIDES[unit], evidence=span(unit))],
        people=[Person(id="p1", name=person, unit_id="u1", side=SIDES[unit], status="wounded", evidence=span(person))])


@pytest.fixture
def store(db_url):
    with Store.open(db_url) as s:
        for n, (text, *_rest) in enumerate(REPORTS):
            doc = Document(text=text, title=f"Report {n}", published="2023-07-%02d" % (n + 1),
                           url=f"https://news.example.org/people/{n}")
            s.add(doc, _extraction(doc, n))
        yield s


def _names(rows, key="name"):
    return sorted({r[key] for r in rows})


def test_mentions_by_country_and_admin1(store):
    with store.read() as conn:
        assert _names(people(conn, Filters(country="Afghanistan"), None)) == ["Amanullah Sherzad", "Hamid Nuristani"]
        assert _names(people(conn, Filters(country="UKR"), None)) == ["Olena Hrytsenko", "Pavel Orlov"]
        assert _names(people(conn, Filters(admin1="Donetsk region"), None)) == ["Olena Hrytsenko"]
        assert _names(units(conn, Filters(country="AF"), None)) == ["205th Corps", "215th Corps"]
        assert _names(units(conn, Filters(country="RU"), None)) == ["200th Brigade"]
        assert _names(units(conn, Filters(admin1="Helmand"), None)) == ["215th Corps"]
        assert units(conn, Filters(country="SD"), None) == []


def test_registers_by_country_and_admin1(store):
    resolve(store)
    with store.read() as conn:
        assert _names(persons(conn, country="AF", limit=None)) == ["Amanullah Sherzad", "Hamid Nuristani"]
        # one person across two reports: found through either report's places
        assert _names(persons(conn, country="UA", limit=None)) == ["Olena Hrytsenko", "Pavel Orlov"]
        assert _names(persons(conn, admin1="Donetsk Oblast", limit=None)) == ["Olena Hrytsenko"]
        assert _names(persons(conn, admin1="Kharkiv Oblast", country="RU", limit=None)) == ["Pavel Orlov"]
        assert _names(unit_register(conn, country="Ukraine", limit=None)) == ["200th Brigade", "93rd Brigade"]
        assert _names(unit_register(conn, admin1="Kandahar", limit=None)) == ["205th Corps"]
        assert len(persons(conn, limit=None)) == 4  # no filter: everyone, once


def test_cli_people_and_units_by_country(store, db_url):
    runner = CliRunner()

    def rows(*args):
        result = runner.invoke(main, [*args, "--db", db_url, "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert _names(rows("people", "--country", "AFG")) == ["Amanullah Sherzad", "Hamid Nuristani"]
    assert _names(rows("units", "--admin1", "Kharkiv Oblast")) == ["200th Brigade", "93rd Brigade"]
    resolve(store)
    assert _names(rows("people", "register", "--country", "Afghanistan")) == ["Amanullah Sherzad", "Hamid Nuristani"]
    assert _names(rows("units", "register", "--admin1", "Donetsk Oblast")) == ["93rd Brigade"]


def test_web_people_and_units_by_country(store, db_url):
    app = create_app(db_url)
    with TestClient(app) as client:
        def names(path, key, **params):
            r = client.get(path, params=params)
            assert r.status_code == 200, r.text
            return sorted({i[key] for i in r.json()["items"]})

        assert names("/api/people", "name", country="AF") == ["Amanullah Sherzad", "Hamid Nuristani"]
        assert names("/api/units", "unit", country="RU") == ["200th Brigade"]
        # a unit named in a Ukrainian and a Russian report counts only the reports placed in the country asked
        by_unit = {i["unit"]: i["reports"] for i in client.get("/api/units", params={"country": "UA"}).json()["items"]}
        assert by_unit == {"93rd Brigade": 2, "200th Brigade": 1}
        page = client.get("/people", params={"country": "AF"})
        assert page.status_code == 200 and 'name="country"' in page.text and "Hamid Nuristani" in page.text
        assert "Olena Hrytsenko" not in page.text
        assert "200th Brigade" in client.get("/units", params={"admin1": "Belgorod Oblast"}).text
        csv = client.get("/people.csv", params={"country": "UA"}).text
        assert "Olena Hrytsenko" in csv and "Sherzad" not in csv
    resolve(store)
    app = create_app(db_url)
    with TestClient(app) as client:
        assert client.get("/api/people").json()["resolved"]
        assert sorted(i["name"] for i in client.get("/api/people", params={"country": "UA"}).json()["items"]) == [
            "Olena Hrytsenko", "Pavel Orlov"]
        assert [i["unit"] for i in client.get("/api/units", params={"admin1": "Helmand"}).json()["items"]] == [
            "215th Corps"]
