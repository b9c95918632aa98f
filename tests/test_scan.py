"""The fast lexicon scan must find exactly what running every pattern over the whole text finds."""

from pathlib import Path

import pytest

from sitrep.extract.context import Context
from sitrep.extract.scan import PatternTable, TokenIndex, required_literals, start_keys

REPO = Path(__file__).resolve().parents[1]
TEXTS = sorted((REPO / "examples").glob("*.txt")) + sorted((REPO / "tests" / "fixtures" / "reports").glob("*.txt"))


def tables():
    from sitrep.extract import scans

    return {
        "claimants": scans.claimant_table(),
        "verbs": scans.reporting_verb_table(),
        "hedges": scans.hedge_table(),
        "measures": scans.measure_table(),
        "admissions": scans.admission_table(),
        "event grammar": scans.event_grammar_table(),
        "civilians": scans.civilian_table(),
    }


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_token_index_scan_equals_full_scan(path):
    text = path.read_text(encoding="utf-8")
    ctx = Context.from_text(text)
    tokens = TokenIndex(ctx.doc, ctx.lowered)
    for name, table in tables().items():
        fast = [(h.start, h.end, h.row) for h in table.scan(text, ctx.lowered, tokens)]
        full = [(h.start, h.end, h.row) for h in table.scan(text)]
        assert fast == full, name


def test_start_keys_read_beginnings_off_patterns():
    assert start_keys(r"shell(?:ing|ed|s)|artillery (?:fire|strikes?)") == {"she", "art"}
    assert start_keys(r"(?:a |an )?NATO officials?") == {"a", "an", "nat"}
    assert start_keys(r"a\w+ x") == {"a*"}  # cut short by a class: any token beginning with "a"
    assert start_keys(r"\w+ cities") is None  # may begin anyhow: scanned in full


def test_required_literals():
    assert required_literals(r"(?:a |an )?NATO officials?") == ("nato official",)
    assert required_literals(r"\w+ (?:cities|towns)") == ("cities", "towns")


def test_rows_with_an_absent_literal_are_skipped_but_present_ones_found():
    table = PatternTable([r"\w+ cities", r"\w+ villages"], ["cities", "villages"])
    hits = table.scan("Strikes hit Ukrainian cities overnight.")
    assert [h.payload for h in hits] == ["cities"]
