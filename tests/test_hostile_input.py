"""Hostile input is repaired or refused per document, with a note or a named failure, and the rest of the
work goes on: lone surrogates, publication dates at the ends of the calendar, unreadable JSON lines,
figures larger than any count, publication dates in other forms."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import sitrep
from sitrep.cli import main
from sitrep.ingest import ingest
from sitrep.model import Document
from sitrep.read import ReadFailure, read_inputs
from sitrep.schema import validate
from sitrep.store import Store
from test_store_support import db_url, pg_url  # noqa: F401

REPORT = "The regional governor said Russian shelling killed four civilians in Kherson yesterday."
REPORT_TWO = "Police said a drone strike wounded two people in Kharkiv last week."


def _ok(x: sitrep.Extraction, text: str) -> dict:
    d = x.to_dict()
    validate(d)
    for claim in d["claims"]:
        s, e = claim["evidence"]["start"], claim["evidence"]["end"]
        assert 0 <= s < e <= len(text)
    return d


# --- 2: lone surrogates -----------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["start", "middle", "end", "many"])
def test_a_lone_surrogate_is_replaced_and_noted_and_the_report_extracted(where):
    text = {"start": "\ud800" + REPORT, "middle": REPORT.replace("Kherson", "Kher\udfffson"),
            "end": REPORT + "\udbff", "many": "\ud800\udc00\ud800 " + REPORT}[where]
    x = sitrep.extract(text, published="2023-05-02")
    d = _ok(x, text)
    assert d["claims"] and d["events"]
    assert any("surrogate" in note and "U+FFFD" in note for note in d["notes"])
    json.dumps(d, ensure_ascii=False).encode("utf-8")  # printable and storable


def test_surrogates_in_metadata_are_repaired_too():
    doc = Document(text=REPORT, title="T\ud800", outlet="\udc00", url="https://example.org/\ud801")
    assert "\ufffd" in doc.title and doc.outlet == "\ufffd" and doc.url.endswith("\ufffd")
    assert len(doc.notes) == 3


def test_sitrep_extract_reads_on_past_a_surrogate_line(tmp_path):
    corpus = tmp_path / "reports.jsonl"
    lines = [json.dumps({"id": "a", "text": "\ud800 " + REPORT}), json.dumps({"id": "b", "text": REPORT_TWO})]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")  # json.dumps writes \ud800 as an escape
    result = CliRunner().invoke(main, ["extract", str(corpus)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [d["id"] for d in out] == ["a", "b"] and all(d["claims"] for d in out)
    assert "surrogate" in result.stderr


def test_ingest_stores_a_report_with_a_surrogate(tmp_path, db_url):
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text(json.dumps({"id": "s", "text": REPORT + " \udfff"}) + "\n", encoding="utf-8")
    summary = ingest([str(corpus)], db_url, progress=False)
    assert (summary.new, summary.failed) == (1, 0)
    with Store.open(db_url) as store, store.read() as conn:
        text = conn.exec_driver_sql("SELECT text FROM documents").scalar_one()
    assert text.endswith("\ufffd")


# --- 3: publication dates at the ends of the calendar, and in other forms ---------------------------


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-02", "9999-12-31", "9999-12-30"])
def test_relative_dates_next_to_the_ends_of_the_calendar_are_left_unresolved(published):
    text = ("Yesterday shelling killed four civilians in Kherson. Last week a drone strike killed two soldiers "
            "near Bakhmut. Next year, officials said, 300 more may die. Two years ago, 100000 days ago.")
    d = _ok(sitrep.extract(text, published=published), text)
    assert d["published"] == published and d["claims"]
    assert any("outside the years" in note for note in d["notes"])
    for event in d["events"]:
        assert event["date"] is None or event["date"]["start"] in (None, published)


@pytest.mark.parametrize("phrase", ["400000 years ago", "99999999 days ago", "in the past 90000000 weeks"])
def test_arithmetic_past_the_calendar_names_no_date(phrase):
    text = f"Shelling killed four civilians in Kherson {phrase}."
    _ok(sitrep.extract(text, published="2023-05-02"), text)


@pytest.mark.parametrize("given, expected", [
    ("20220408", "2022-04-08"), ("2022-04-08T10:00:00Z", "2022-04-08"), ("2022-04-08 23:59:59+02:00", "2022-04-08"),
    ("Fri, 08 Apr 2022 10:00:00 +0000", "2022-04-08"), ("", None), (None, None),
])
def test_the_api_gives_published_in_the_schema_form(given, expected):
    d = _ok(sitrep.extract(REPORT, published=given), REPORT)
    assert d["published"] == expected


@pytest.mark.parametrize("given", ["yesterday", "2022-13-45", "not a date", "08/04/2022"])
def test_the_api_refuses_a_publication_date_it_cannot_read(given):
    with pytest.raises(ValueError, match="is not a date"):
        sitrep.extract(REPORT, published=given)


def test_every_reader_and_the_cli_take_dates_at_the_ends_of_the_calendar(tmp_path):
    (tmp_path / "a.csv").write_text(f'text,date\n"{REPORT}",0001-01-01\n"{REPORT_TWO}",9999-12-31\n')
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": REPORT, "published": "9999-12-31"}) + "\n")
    (tmp_path / "c.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>x</title><description>{REPORT}</description>"
        "<pubDate>Fri, 31 Dec 9999 23:00:00 -1200</pubDate><link>https://example.org/x</link></item>"
        "</channel></rss>")
    (tmp_path / "d.txt").write_text(REPORT)
    result = CliRunner().invoke(main, ["extract", "--published", "9999-12-31", str(tmp_path)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5 and all(d["claims"] for d in out)
    for d in out:
        validate(d)
    assert {d["published"] for d in out} == {"0001-01-01", "9999-12-31"}


def test_resolving_reports_dated_at_the_ends_of_the_calendar(tmp_path):
    corpus = tmp_path / "r.jsonl"
    corpus.write_text("".join(json.dumps({"text": t, "published": p}) + "\n" for t, p in
                              [(REPORT, "9999-12-31"), (REPORT_TWO, "0001-01-01"), (REPORT + " Again.", "9999-12-30")]))
    db = str(tmp_path / "s.db")
    result = CliRunner().invoke(main, ["ingest", str(corpus), "--db", db, "--resolve"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


# --- 4: one bad JSON line fails alone -----------------------------------------------------------------


def test_a_line_too_deep_or_too_long_a_number_fails_alone(tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text("\n".join([
        json.dumps({"id": "one", "text": REPORT}),
        "[" * 100_000,
        '{"id": "big", "text": "x", "n": ' + "7" * 5000 + "}",
        "{" * 50_000 + '"a": 1',
        json.dumps({"id": "two", "text": REPORT_TWO}),
    ]) + "\n")
    items = list(read_inputs([str(corpus)]))
    assert [type(i).__name__ for i in items] == ["Document", "ReadFailure", "ReadFailure", "ReadFailure", "Document"]
    assert [i.line for i in items if isinstance(i, ReadFailure)] == [2, 3, 4]
    assert "nested too deeply" in items[1].reason and "digits" in items[2].reason


# --- 5: figures larger than any count ----------------------------------------------------------------


@pytest.mark.parametrize("figure", ["99999999999999999999", "18446744073709551616", "3000000000", "9" * 400,
                                    "9" * 5000, "5,000,000,000,000", "900 billion", "12.5 billion"])
def test_a_figure_larger_than_any_count_gives_no_figure_and_a_note(figure):
    text = f"Officials said the shelling killed {figure} civilians in Kherson. Police said two soldiers died in Sumy."
    d = _ok(sitrep.extract(text, published="2023-05-02"), text)
    counts = [c["count"] for c in d["claims"] if c["count"]]
    assert all(v is None or v <= 2**31 - 1 for c in counts for v in (c["best"], c["low"], c["high"]))
    assert any("larger than any count" in note for note in d["notes"])
    assert any(c["count"] and c["count"]["best"] == 2 for c in d["claims"])  # the sentence after is read


def test_large_but_plausible_figures_are_exact():
    from sitrep.extract.counts import parse_number

    assert parse_number("2,000,000,000") == 2_000_000_000
    assert parse_number("1.5 million") == 1_500_000
    assert parse_number("2.5k") == 2500
    assert parse_number("99999999999999999999") == 99999999999999999999  # exactly, not 1e20
    assert parse_number("1.25") is None


def test_a_report_with_a_huge_figure_is_stored(tmp_path, db_url):
    corpus = tmp_path / "r.jsonl"
    corpus.write_text(json.dumps({"text": "Shelling killed 99999999999999999999999 civilians in Kherson."}) + "\n")
    summary = ingest([str(corpus)], db_url, progress=False)
    assert (summary.new, summary.failed) == (1, 0)


# --- 6: odd numbers in query parameters ----------------------------------------------------------------


@pytest.mark.parametrize("args", [["events", "--place", "²"], ["events", "--place", "①"], ["claims", "--place", "²"],
                                  ["events", "--place", "99999999999999999999"], ["events", "--place", "٣"],
                                  ["events", "--min-fatalities", "99999999999999999999"],
                                  ["events", "--limit", "18446744073709551616"]])
def test_odd_numbers_in_cli_filters_give_rows_or_a_usage_error(tmp_path, args):
    corpus = tmp_path / "r.jsonl"
    corpus.write_text(json.dumps({"text": REPORT, "published": "2023-05-02"}) + "\n")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(main, ["ingest", str(corpus), "--db", db]).exit_code == 0
    result = CliRunner().invoke(main, args + ["--db", db])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output


# --- properties: any hostile API input, any crafted file ---------------------------------------------------

from datetime import timedelta  # noqa: E402

from hypothesis import HealthCheck, given, settings  # noqa: E402

import hostile_support as hs  # noqa: E402

HOSTILE_SETTINGS = settings(max_examples=150, deadline=timedelta(seconds=20),
                            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@HOSTILE_SETTINGS
@given(text=hs.hostile_texts(), published=hs.PUBLISHED)
def test_any_hostile_api_input_gives_valid_output_or_a_clear_error(text, published):
    hs.check_api(text, published)


@HOSTILE_SETTINGS
@given(file=hs.crafted_files())
def test_any_crafted_file_is_read_and_extracted_without_an_exception(file):
    hs.check_file(*file)
