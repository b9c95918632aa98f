"""The resolver through the CLI on a stored corpus: registers, merged events, the merge log, user
merges/splits surviving re-runs, incremental updates, and the claims timeline. The multi-report corpus
(tests/fixtures/multi) repeats people, units and incidents across outlets on purpose."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.resolve.measure import measure
from sitrep.store import Store
from test_store_support import db_url, pg_url  # noqa: F401

MULTI = Path(__file__).parent / "fixtures" / "multi"


def run(*args, ok=True):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def split_corpus(tmp: Path) -> tuple[Path, Path]:
    """The corpus in two parts: everything but the last Zizevsky report and the last Nikopol report, then those."""
    lines = (MULTI / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    late = [ln for ln in lines if json.loads(ln)["id"] in ("247-stavropol", "nikopol-ukrinform")]
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    first.write_text("\n".join(ln for ln in lines if ln not in late) + "\n", encoding="utf-8")
    second.write_text("\n".join(late) + "\n", encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def resolved_db(tmp_path_factory) -> Path:
    """The whole corpus ingested and resolved once (SQLite); tests work on copies."""
    db = tmp_path_factory.mktemp("multi") / "sitrep.db"
    run("ingest", MULTI / "reports.jsonl", "--db", db, "-q")
    run("resolve", "--db", db)
    return db


@pytest.fixture
def db(resolved_db, tmp_path) -> str:
    copy = tmp_path / "sitrep.db"
    shutil.copy(resolved_db, copy)
    return str(copy)


def person_rows(db, *args):
    return json.loads(run("people", "register", "--db", db, "--format", "json", *args).output)


def test_people_register_merges_spellings_and_keeps_namesakes_apart(db):
    [ziz] = person_rows(db, "--name", "zizevsk")
    assert {"Konstantin Zizevsky", "Konstantin Zizevskiy"} <= set(ziz["variants"].split("; "))
    assert (ziz["ranks"], ziz["side"], ziz["fate"], ziz["reports"]) == ("Colonel", "RU", "killed", 3)
    assert "247th" in ziz["unit"] and ziz["fate_date"] and ziz["fate_place"]
    ivanovs = person_rows(db, "--name", "ivanov")
    assert len(ivanovs) == 2
    assert {p["side"] for p in ivanovs} == {"RU", "UA"}
    # the listing without a sub-command still lists mentions, as before
    assert "Zizevsky" in run("people", "--db", db, "--name", "Zizevsky").output


def test_person_show_gives_sources_words_and_the_reasons_for_each_merge(db):
    [ziz] = person_rows(db, "--name", "zizevsk")
    detail = json.loads(run("people", "show", ziz["person_id"], "--db", db, "--format", "json").output)
    assert {s["outlet"] for s in detail["sources"]} == {"The Sun", "Meduza", "Stavropolskaya Pravda"}
    assert all(s["evidence"] and "Ziz" in s["evidence"] for s in detail["sources"])
    merges = [e for e in detail["merge_log"] if e["decision"] == "merged"]
    assert len(merges) == 2 and all(e["score"] >= 3 and "surname" in e["reasons"] for e in merges)
    text = run("people", "show", ziz["person_id"], "--db", db).output
    assert "merge log:" in text and "247-meduza:" in text


def test_unit_register_has_people_events_and_aliases(db):
    rows = json.loads(run("units", "register", "--db", db, "--format", "json").output)
    reg = next(r for r in rows if r["unit_key"] == "ru:247th-air-assault-regiment")
    assert {"247th Guards Airborne Regiment", "247th Air Assault Regiment"} <= set(reg["variants"].split("; "))
    assert reg["persons"] == 2 and reg["events"] >= 1
    shown = json.loads(run("units", "show", "247th Guards Airborne Regiment", "--db", db, "--format", "json").output)
    assert shown["unit_key"] == reg["unit_key"]
    assert {p["name"] for p in shown["people"]} >= {"Konstantin Zizevsky"}


def test_unit_losses_tied_by_the_extractor_or_named_in_the_same_sentence(db):
    shown = json.loads(run("units", "show", "155th Naval Infantry Brigade", "--db", db, "--format", "json").output)
    assert {"155th Naval Infantry Brigade", "155th Guards Naval Infantry Brigade"} <= set(shown["variants"].split("; "))
    [loss] = shown["claimed_losses"]  # the civilians killed in Donetsk, one sentence on, are not the brigade's
    assert (loss["count_best"], loss["link"], loss["document_id"]) == (300, "near", "vuh-1")
    assert "named in the same sentence" in run("units", "show", shown["unit_key"], "--db", db).output


def test_ingest_resolve_folds_new_reports_in(tmp_path):
    first, second = split_corpus(tmp_path)
    db = str(tmp_path / "inc.db")
    assert "resolved" in run("ingest", first, "--db", db, "-q", "--resolve").output
    out = run("ingest", second, "--db", db, "-q", "--resolve").output
    assert "resolved 2 new reports" in out
    [ziz] = person_rows(db, "--name", "zizevsk")
    assert ziz["reports"] == 3


def test_merged_events_and_the_merge_log(db):
    rows = json.loads(run("events", "merged", "--db", db, "--format", "json", "--min-reports", "5").output)
    [nikopol] = rows
    assert nikopol["location"] == "Nikopol" and nikopol["reports"] == 5
    assert (nikopol["fatalities_low"], nikopol["fatalities_high"]) == (2, 4)
    kherson = json.loads(run("events", "merged", "--db", db, "--format", "json", "--place", "Kherson").output)
    assert len(kherson) == 1 and kherson[0]["reports"] == 1  # the same day, 190 km away: its own event
    log = json.loads(run("merge-log", "--db", db, "--kind", "event", "--id", nikopol["merged_id"], "--format", "json").output)
    assert log[0]["decision"] == "new" and len(log) >= 5
    assert all(e["decision"] == "merged" and "same place Nikopol" in e["reasons"] for e in log[1:])
    assert {e["document_id"] for e in log} == {"nikopol-up", "nikopol-ki", "nikopol-reuters", "nikopol-suspilne",
                                               "nikopol-ukrinform"}


def test_merging_precision_and_recall_on_the_labelled_corpus(db):
    with Store.open(db) as store, store.read() as conn:
        got = measure(conn, MULTI / "labels.json")
    assert got["persons"]["precision"] == 1.0 and got["persons"]["recall"] >= 0.9
    assert got["events"]["precision"] >= 0.9 and got["events_across_reports"]["recall"] >= 0.4


def test_user_merge_and_split_survive_rebuilds_and_new_reports(tmp_path, db_url):
    first, second = split_corpus(tmp_path)
    run("ingest", first, "--db", db_url, "-q")
    run("resolve", "--db", db_url)
    peskov = person_rows(db_url, "--name", "Peskov")[0]["person_id"]
    wallace = person_rows(db_url, "--name", "Wallace")[0]["person_id"]
    merged = run("people", "merge", peskov, wallace, "--db", db_url, "--note", "test").output.split()[-1]
    assert len(person_rows(db_url, "--name", "Peskov")) == 1
    assert person_rows(db_url, "--name", "Wallace")[0]["person_id"] == merged
    [lysak] = person_rows(db_url, "--name", "Lysak")
    sources = json.loads(run("people", "show", lysak["person_id"], "--db", db_url, "--format", "json").output)["sources"]
    moved = sources[-1]["mention"]
    run("people", "split", moved, "--db", db_url)
    assert len(person_rows(db_url, "--name", "Lysak")) == 2
    # new reports: resolved incrementally, the user's decisions stand
    run("ingest", second, "--db", db_url, "-q")
    out = run("resolve", "--db", db_url).output
    assert "resolved 2 new reports" in out
    assert len(person_rows(db_url, "--name", "Peskov")) == 1 and len(person_rows(db_url, "--name", "Lysak")) == 2
    [ziz] = person_rows(db_url, "--name", "zizevsk")
    assert ziz["reports"] == 3  # the late Stavropol report joined the colonel
    [nikopol] = json.loads(run("events", "merged", "--db", db_url, "--format", "json", "--min-reports", "5").output)
    assert nikopol["fatalities_high"] == 4  # and the late Ukrinform toll joined the Nikopol shelling
    # a rebuild re-applies them
    run("resolve", "--rebuild", "--db", db_url)
    assert person_rows(db_url, "--name", "Wallace")[0]["person_id"] == person_rows(db_url, "--name", "Peskov")[0]["person_id"]
    lysaks = person_rows(db_url, "--name", "Lysak")
    assert sorted(p["reports"] for p in lysaks) == [1, 4]
    decisions = json.loads(run("merge-log", "--db", db_url, "--kind", "person", "--format", "json", "--limit", "0").output)
    assert {"user-merge", "user-split"} <= {e["decision"] for e in decisions}


def test_resolving_twice_changes_nothing_and_unknown_ids_are_refused(db):
    before = person_rows(db)
    assert "resolved 0 new reports" in run("resolve", "--db", db).output
    assert person_rows(db) == before
    result = run("people", "merge", "Pnope", before[0]["person_id"], "--db", db, ok=False)
    assert result.exit_code != 0 and "no person" in result.output


def test_event_thresholds_from_the_command_line(db):
    run("resolve", "--rebuild", "--db", db, "--event-threshold", "99")
    rows = json.loads(run("events", "merged", "--db", db, "--format", "json", "--limit", "0").output)
    assert all(r["reports"] == 1 for r in rows)
    bad = run("resolve", "--db", db, "--config", __file__, ok=False)
    assert bad.exit_code != 0


def test_claims_timeline_in_time_order_with_spread(db):
    data = json.loads(run("claims", "--timeline", "--subject", "RU military", "--measure", "killed", "--db", db,
                          "--format", "json").output)
    points = data["points"]
    dates = [p["date"] for p in points]
    assert dates == sorted(dates) and len(points) >= 4
    claimants = {p["camp"] for p in points}
    assert {"UA authorities", "RU authorities"} <= claimants
    nato = next(p for p in points if p["via"] == ["AP"])
    assert nato["high"] == 40000 and nato["match"] == "combined" and nato["spread"]["high"] == 40000
    kremlin = next(p for p in points if p["camp"] == "RU authorities")
    assert kremlin["figure"] is None and kremlin["certainty"] == "admitted"
    last = points[-1]["spread"]
    assert last["low"] < last["high"] and len(last["claimants"]) >= 3
    table = run("claims", "--timeline", "--subject", "Russian military", "--db", db).output
    assert "spread" in table.splitlines()[1] and "via AP" in table
    # without --timeline, `sitrep claims` is the plain listing
    assert "count_best" in run("claims", "--db", db, "--format", "csv").output.splitlines()[0]
    assert run("claims", "--timeline", "--subject", "martians", "--db", db, ok=False).exit_code == 2


def test_a_rebuild_cut_short_still_reapplies_the_users_decisions(db):
    from sitrep.resolve.runner import resolve

    peskov = person_rows(db, "--name", "Peskov")[0]["person_id"]
    wallace = person_rows(db, "--name", "Wallace")[0]["person_id"]
    run("people", "merge", peskov, wallace, "--db", db)
    with Store.open(db) as store:
        partial = resolve(store, rebuild=True, limit=3)  # as if killed after three reports
        assert partial.documents == 3 and partial.overrides_applied == 0
        rest = resolve(store)
        assert rest.documents > 0 and rest.overrides_applied == 1
    assert len({p["person_id"] for p in person_rows(db, "--name", "Peskov") + person_rows(db, "--name", "Wallace")}) == 1
