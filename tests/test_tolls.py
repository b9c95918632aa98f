"""The casualty-toll rule (sitrep.tolls): a count's single figure, what a death claim is, an event's
fatalities and their range; and that the extracted event, the stored row, the web app, the query
commands and the export all say the same about them."""

from __future__ import annotations

import csv
import warnings

import pytest
import sqlalchemy
from sqlalchemy import column, func, select, table

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette warns about its httpx-based TestClient
    from fastapi.testclient import TestClient

from sitrep import query, tolls
from sitrep.export import export
from sitrep.extract.pipeline import extract
from sitrep.ingest import ingest
from sitrep.model import Claim, Claimant, Count, Span, Subject
from sitrep.query import Filters
from sitrep.store import Store
from sitrep.store.rows import fact_rows
from sitrep.web import create_app


def claim(measure: list[str], count: Count | None, cid: str = "c1") -> Claim:
    return Claim(id=cid, measure=measure, subject=Subject(text="people"), count=count)


# --- a count's figure --------------------------------------------------------------------------------

@pytest.mark.parametrize("count, expected", [
    (Count(best=12), 12),
    (Count(best=12, low=10, high=15, qualifier="approximately"), 12),  # the best estimate wins
    (Count(low=10, high=15, qualifier="range"), 10),                    # a range is its floor
    (Count(low=40, qualifier="at_least"), 40),
    (Count(high=300, qualifier="up_to"), 300),
    (Count(best=0), 0),                                                 # zero is a figure, not "none"
    (Count(low=0, high=3, qualifier="range"), 0),
    (Count(qualifier="vague"), None),
])
def test_a_counts_figure_is_best_else_low_else_high(count, expected):
    assert count.figure == expected
    assert tolls.figure_of(count) == expected
    assert tolls.row_figure({"count_best": count.best, "count_low": count.low, "count_high": count.high}) == expected


def test_no_count_has_no_figure():
    assert tolls.figure_of(None) is None
    assert tolls.row_figure({}) is None


def test_the_figure_in_sql_is_the_figure_in_python():
    counts = [Count(best=5), Count(low=2, high=9), Count(high=70), Count(low=30), Count(best=0, high=4), Count()]
    claims = table("claims", column("count_best"), column("count_low"), column("count_high"))
    engine = sqlalchemy.create_engine("sqlite://")
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE claims (count_best INTEGER, count_low INTEGER, count_high INTEGER)")
        conn.execute(claims.insert(), [{"count_best": c.best, "count_low": c.low, "count_high": c.high} for c in counts])
        got = conn.execute(select(func.coalesce(*tolls.in_figure_order(
            claims.c.count_best, claims.c.count_low, claims.c.count_high))).order_by(sqlalchemy.text("rowid"))).scalars().all()
    assert got == [c.figure for c in counts]


def test_least_reads_the_floor_of_ranges_and_vague_counts():
    assert tolls.least_of(Count(low=10, high=20, qualifier="range")) == 10
    several = Count(qualifier="vague", usual_low=3, usual_high=9)
    assert tolls.least_of(several) == 3 and tolls.figure_of(several) is None  # bounds by convention, no figure
    assert tolls.least_of(Count(best=20, low=18, high=22, qualifier="approximately")) == 20
    assert tolls.least_of(None) is None


# --- what a death claim is -------------------------------------------------------------------------

@pytest.mark.parametrize("measure, is_toll", [
    (["killed"], True),
    (["killed", "wounded"], False),
    (["wounded", "killed"], False),
    (["captured", "killed"], False),
    (["losses"], False),
    (["wounded"], False),
    ([], False),
])
def test_only_a_claim_counting_deaths_alone_is_a_death_toll(measure, is_toll):
    assert tolls.is_death_claim(claim(measure, Count(best=7))) is is_toll
    assert tolls.tells_of_deaths(claim(measure, Count(best=7))) is ("killed" in measure)


def test_the_stored_death_test_matches_the_python_rule():
    rows = table("claims", column("measure"), column("count_best"), column("count_low"), column("count_high"))
    engine = sqlalchemy.create_engine("sqlite://")
    # stored as fact_rows writes them: "; "-joined measures, the count in three columns
    stored = [("killed", 4, None, None), ("killed; wounded", 4, None, None), ("captured; killed", None, 2, 9),
              ("losses", 3, None, None), ("wounded", 0, None, None), ("killed; wounded", 0, None, None),
              ("killed; wounded", None, 0, 5), ("killed", None, None, None)]
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE claims (measure TEXT, count_best INT, count_low INT, count_high INT)")
        conn.execute(rows.insert(), [dict(zip(("measure", "count_best", "count_low", "count_high"), r)) for r in stored])
        c = rows.c
        got = conn.execute(select(c.measure, c.count_best, c.count_low, c.count_high)
                           .where(tolls.death_claim_sql(c.measure, c.count_best, c.count_low, c.count_high))).all()
    expected = [r for r in stored if tolls.is_death_claim(claim(r[0].split("; "), Count(best=r[1], low=r[2], high=r[3])))]
    assert [tuple(g) for g in got] == expected
    assert [r[0] for r in expected] == ["killed", "killed; wounded", "killed; wounded", "killed"]


def test_nobody_hurt_is_a_death_toll_of_zero_but_a_mixed_figure_is_no_toll():
    assert tolls.is_death_claim(claim(["killed", "wounded"], Count(best=0)))
    assert not tolls.is_death_claim(claim(["killed", "wounded"], Count(best=3)))
    assert not tolls.is_death_claim(claim(["wounded"], Count(best=0)))
    assert tolls.event_fatalities([claim(["killed", "wounded"], Count(best=0))]) == 0


# --- an event's fatalities and range ------------------------------------------------------------------

def test_the_most_conservative_death_figure_wins():
    tied = [claim(["killed"], Count(best=18), "c1"), claim(["killed"], Count(low=13, qualifier="at_least"), "c2"),
            claim(["killed"], Count(low=14, high=21, qualifier="range"), "c3")]
    assert tolls.event_fatalities(tied) == 13
    assert tolls.fatality_range(tied) == (13, 21)


def test_a_mixed_figure_counts_in_neither_the_fatalities_nor_the_range():
    tied = [claim(["killed"], Count(best=6), "c1"), claim(["killed", "wounded"], Count(best=2), "c2"),
            claim(["killed", "wounded"], Count(best=75), "c3"), claim(["losses"], Count(best=400), "c4")]
    assert tolls.event_fatalities(tied) == 6
    assert tolls.fatality_range(tied) == (6, 6)
    only_mixed = tied[1:]
    assert tolls.event_fatalities(only_mixed) is None
    assert tolls.fatality_range(only_mixed) == (None, None)


def test_zero_deaths_is_zero_not_unknown():
    assert tolls.event_fatalities([claim(["killed"], Count(best=0))]) == 0
    assert tolls.fatality_range([claim(["killed"], Count(best=0))]) == (0, 0)
    assert tolls.event_fatalities([claim(["killed"], None), claim(["killed"], Count(qualifier="vague"))]) is None


def test_a_claim_of_none_beside_a_count_of_dead_leaves_the_dead_counted():
    tied = [claim(["killed"], Count(best=4), "c1"), claim(["killed", "wounded"], Count(best=0), "c2"),
            claim(["killed"], Count(low=3, high=5, qualifier="range"), "c3"), claim(["killed"], Count(best=0), "c4")]
    assert tolls.event_fatalities(tied) == 3
    assert tolls.fatality_range(tied) == (3, 5)
    only_none = [tied[1], tied[3]]
    assert tolls.event_fatalities(only_none) == 0
    assert tolls.fatality_range(only_none) == (0, 0)


def said(figure: int, group: str, by: str | None, start: int, end: int, cid: str) -> Claim:
    """A death claim of ``group`` by ``by``, its evidence at [start, end)."""
    return Claim(id=cid, measure=["killed"], subject=Subject(text=group, group=group), count=Count(best=figure),
                 claimant=Claimant(name=by), evidence=Span(start, end))


def test_one_statements_groups_are_summed():
    # "the army said 14 assailants were killed; 3 soldiers died": two clauses of one statement
    tied = [said(14, "military", "army", 0, 30, "c1"), said(3, "military", "army", 32, 47, "c2")]
    assert tolls.event_fatalities(tied) == 17
    assert tolls.fatality_range(tied) == (17, 17)


def test_statements_of_other_claimants_compete_and_the_least_is_taken():
    tied = [said(14, "military", "army", 0, 30, "c1"), said(3, "civilians", "army", 32, 47, "c2"),
            said(12, "unknown", "hospital", 49, 70, "c3")]
    assert tolls.event_fatalities(tied) == 12
    assert tolls.fatality_range(tied) == (12, 17)


def test_the_same_claimant_told_apart_is_another_statement():
    # "police said 12 were killed. ... Police later said the toll rose to 15": an update, not more dead
    tied = [said(12, "unknown", "police", 0, 25, "c1"), said(15, "unknown", "police", 120, 150, "c2")]
    assert tolls.event_fatalities(tied) == 12


def test_a_part_told_beside_its_whole_is_not_added():
    whole = said(12, "civilians", "police", 0, 20, "c1")
    part = said(5, "civilians", "police", 20, 40, "c2")
    part.part_of = "c1"  # "12 civilians, including five women"
    assert tolls.event_fatalities([whole, part]) == 12
    # one clause's groups add up whoever says so: "nine civilians killed plus the two bombers"
    assert tolls.event_fatalities([said(9, "civilians", None, 0, 40, "c1"), said(2, "military", None, 0, 40, "c2")]) == 11
    # unattributed clauses side by side may be several sources' reports run together: they compete
    assert tolls.event_fatalities([said(72, "military", None, 0, 30, "c1"), said(1, "military", None, 31, 50, "c2")]) == 1


def test_nobody_hurt_is_nobody_dead_unless_dead_are_counted():
    unhurt = claim(["wounded"], Count(best=0), "c1")
    assert tolls.event_fatalities([unhurt]) == 0
    assert tolls.fatality_range([unhurt]) == (0, 0)
    assert tolls.event_fatalities([unhurt, claim(["killed"], Count(best=2), "c2")]) == 2
    assert tolls.event_fatalities([claim(["wounded"], Count(best=4), "c1")]) is None


# --- the extractor applies it ------------------------------------------------------------------------

MIXED_ONLY = [
    "Regional officials said 23 soldiers were killed or wounded when artillery struck a checkpoint near Kupiansk on Monday.",
    "A drone strike on a fuel depot outside Sumy left 9 people dead or injured, the governor said on Tuesday.",
]


@pytest.mark.parametrize("text", MIXED_ONLY)
def test_an_event_with_only_a_killed_or_wounded_claim_has_no_toll(text):
    x = extract(text, published="2024-03-12")
    event = x.events[0]
    mixed = [c for c in x.claims if c.id in event.claim_ids]
    assert mixed and all(set(c.measure) == {"killed", "wounded"} for c in mixed)  # the claim is kept, with its measures
    assert event.fatalities is None
    row = fact_rows(x.id, x, text)["events"][0]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (None, None, None)


def test_beside_a_death_claim_a_mixed_figure_stays_out_of_the_range():
    text = ("Shells hit a bus depot in Kostiantynivka on Thursday, killing 5 workers, the mayor said; police said "
            "31 people were killed or wounded in the attack.")
    x = extract(text, published="2024-03-12")
    event = x.events[0]
    tied = {tuple(c.measure): c.count.figure for c in x.claims if c.id in event.claim_ids}
    assert tied == {("killed",): 5, ("killed", "wounded"): 31}
    row = fact_rows(x.id, x, text)["events"][0]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (5, 5, 5)


@pytest.mark.parametrize("text", [
    "Zero people were killed when a drone hit a grain silo in Izmail on Sunday, the regional governor said.",
    "The governor said zero civilians were killed in the shelling of Kherson on Saturday.",
])
def test_a_report_of_no_deaths_gives_zero_fatalities(text):
    x = extract(text, published="2024-03-12")
    assert x.events[0].fatalities == 0
    row = fact_rows(x.id, x, text)["events"][0]
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == (0, 0, 0)


@pytest.mark.parametrize("text, expected", [
    ("Militants stormed a checkpoint near Kidal on Monday; the army said 11 attackers were killed and four soldiers died.", 15),
    ("Gunmen attacked a market in Gao on Friday, killing seven civilians and two policemen, the governor said.", 9),
    ("A bomber struck a bus station in Maiduguri on Tuesday. Five commuters killed plus the bomber, police said.", 6),
    ("An air strike hit a wedding party near Sanaa on Sunday, killing 14 people, health officials said. "
     "A rebel spokesman said 20 civilians were killed in the strike.", 14),
])
def test_an_events_toll_sums_a_statements_groups_and_takes_the_least_of_competing_ones(text, expected):
    x = extract(text, published="2024-03-12")
    assert x.events[0].fatalities == expected


@pytest.mark.parametrize("text", [
    "A drone hit a warehouse on the edge of Pavlohrad on Sunday night, the governor said; no one was injured.",
    "Shells landed on the outskirts of Nikopol on Monday, damaging two houses. Nobody was hurt, officials said.",
])
def test_no_one_hurt_gives_zero_fatalities(text):
    x = extract(text, published="2024-03-12")
    assert x.events[0].fatalities == 0


# --- the store, the queries, the web app and the export agree ------------------------------------------

REPORTS = {
    # the case that showed a range of "23–23" beside an empty fatalities column
    "mixed.txt": MIXED_ONLY[0],
    "two-tolls.txt": ("Russian shelling killed between 9 and 16 civilians in Selydove on Monday, the governor said, "
                      "while police said 12 civilians were killed in the shelling."),
    "zero.txt": "Zero people were killed when a drone hit a grain silo in Izmail on Sunday, the regional governor said.",
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tolls")
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / "tolls.db"
    summary = ingest([str(folder)], str(db), published="2024-03-12", progress=False)
    assert summary.failed == 0 and summary.new == len(REPORTS)
    return db


def _events_by_text(store: Store) -> dict[str, dict]:
    with store.read() as conn:
        rows = query.events(conn, limit=None)
    found = {}
    for name, text in REPORTS.items():
        first_words = " ".join(text.split()[:5])
        found[name] = next(r for r in rows if r["notes"] and r["notes"].startswith(first_words))
    return found


def test_stored_rows_follow_the_rule(stored):
    with Store.open(stored) as store:
        rows = _events_by_text(store)
    tolls_of = {name: (r["fatalities"], r["fatalities_low"], r["fatalities_high"]) for name, r in rows.items()}
    assert tolls_of == {"mixed.txt": (None, None, None), "two-tolls.txt": (9, 9, 16), "zero.txt": (0, 0, 0)}


def test_export_writes_what_the_store_holds(stored, tmp_path):
    out = tmp_path / "events.csv"
    with Store.open(stored) as store:
        rows = _events_by_text(store)
        export(store, "acled-csv", out)
    with out.open(newline="", encoding="utf-8") as f:
        exported = {r["notes"]: r for r in csv.DictReader(f)}
    for row in rows.values():
        got = exported[row["notes"]]
        # ACLED writes 0 where no death is claimed; the range stays empty, telling "no figure" from 0
        assert got["fatalities"] == str(row["fatalities"] or 0)
        for key in ("fatalities_low", "fatalities_high"):
            assert got[key] == ("" if row[key] is None else str(row[key])), key
    mixed, zero = exported[rows["mixed.txt"]["notes"]], exported[rows["zero.txt"]["notes"]]
    assert (mixed["fatalities"], mixed["fatalities_low"], mixed["fatalities_high"]) == ("0", "", "")
    assert (zero["fatalities"], zero["fatalities_low"], zero["fatalities_high"]) == ("0", "0", "0")


def test_the_web_shows_what_the_store_holds_and_no_range_for_a_mixed_figure(stored):
    with Store.open(stored) as store:
        rows = _events_by_text(store)
    with TestClient(create_app(stored)) as client:
        for name, row in rows.items():
            detail = client.get(f"/api/events/{row['document_id']}/{row['event_id']}").json()
            event = detail["event"]
            assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (
                row["fatalities"], row["fatalities_low"], row["fatalities_high"]), name
        mixed = rows["mixed.txt"]
        detail = client.get(f"/api/events/{mixed['document_id']}/{mixed['event_id']}").json()
        # the mixed figure is still shown, as a claim with both its measures
        assert [(c["measure"], c["count_best"]) for c in detail["claims"]] == [("killed; wounded", 23)]
        page = client.get(f"/events/{mixed['document_id']}/{mixed['event_id']}").text
        assert "23–23" not in page and "claims range" not in page
        listing = client.get("/events").text
        assert "23–23" not in listing
        assert "9–16" in listing  # the event with two death tolls shows its range
        listed = client.get("/api/claims").json()["items"]
        assert ("killed; wounded", 23) in [(c["measure"], c["count_best"]) for c in listed]


def test_claims_at_least_n_dead_are_death_claims_by_their_figure(stored):
    with Store.open(stored) as store, store.read() as conn:
        at_least_10 = query.claims(conn, Filters(min_fatalities=10), limit=None)
        at_least_1 = query.claims(conn, Filters(min_fatalities=1), limit=None)
    # "between 9 and 16" is 9: under 10; the killed-or-wounded 23 is no death claim at all
    assert [(c["measure"], c["count_best"]) for c in at_least_10] == [("killed", 12)]
    assert sorted(tolls.row_figure(c) for c in at_least_1) == [9, 12]


@pytest.mark.parametrize("text, dead", [
    ("A 71-year-old man and a 40-year-old woman were killed when a shell hit a house in Kramatorsk on Monday.", 2),
    ("Shelling of Kherson on Sunday killed a man, a woman and a child, officials said.", 3),
    ("A drone hit a minibus near Sumy on Tuesday, killing a civilian and a soldier.", 2),
    ("A missile hit Odesa on Friday, killing a woman and wounding a man, the governor said.", 1),
])
def test_people_named_one_by_one_and_joined_by_and_are_counted_together(text, dead):
    x = extract(text, published="2024-03-12")
    assert x.events[0].fatalities == dead
