"""The fast lexicon scan must find exactly what running every pattern over the whole text finds."""

from pathlib import Path

import pytest

from sitrep.extract.context import Context
from sitrep.extract.scan import PatternTable, TokenIndex, required_literals, start_keys, top_level_alternatives

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


def test_top_level_alternatives_cut_only_outside_groups_classes_and_escapes():
    assert top_level_alternatives(r"shell(?:ed|ing)|artillery") == ["shell(?:ed|ing)", "artillery"]
    assert top_level_alternatives(r"[|]x|y") == ["[|]x", "y"]
    assert top_level_alternatives(r"[]|]|q") == ["[]|]", "q"]
    assert top_level_alternatives(r"[^]|]z|w") == ["[^]|]z", "w"]
    assert top_level_alternatives(r"a\|b|c") == [r"a\|b", "c"]
    assert top_level_alternatives(r"plain") == ["plain"]


# A row of many alternatives is tried at a token with only the alternatives that can begin as the token
# does; the first alternative in the row's order must still win, partial beginnings ("dr" + a class) must
# still be tried, and a row with a backreference is tried whole.
_MANY = [r"the (?:suicide )?bomber", r"the attack", r"an ambush", r"a raid", r"dr\w+ strikes?", r"drone",
         r"the attacker", r"an? assault", r"raids?", r"(the|a) \1bomb"]


@pytest.mark.parametrize("text", [
    "The attack on the depot came after a raid; the attacker and the suicide bomber fled.",
    "An ambush, then an assault, then drone strikes and a drone: raids went on until the bomber was caught.",
    "Drones struck. A drone strike, dronestrikes, the bombers and THE ATTACKER were seen near Kramatorsk.",
    "A the bomb the thebomb.",
])
def test_a_narrowed_row_finds_what_the_whole_row_finds(text):
    table = PatternTable(["|".join(_MANY), "|".join(_MANY[:9])], ["with a backreference", "many"])
    ctx = Context.from_text(text)
    tokens = TokenIndex(ctx.doc, ctx.lowered)
    fast = [(h.start, h.end, h.row) for h in table.scan(text, ctx.lowered, tokens)]
    full = [(h.start, h.end, h.row) for h in table.scan(text)]
    assert fast == full
    assert [n is not None for n in table._narrowed] == [False, True]  # the second row is tried narrowed


def test_narrowed_rows_match_where_the_whole_row_does():
    table = PatternTable(["|".join(_MANY[:9])], ["many"])
    text = "Overnight an assault and drone strikes hit Sumy; the attacker was not found."
    ctx = Context.from_text(text)
    hits = table.scan(text, ctx.lowered, TokenIndex(ctx.doc, ctx.lowered))
    assert [text[h.start:h.end] for h in hits] == ["an assault", "drone strikes", "the attacker"]


def test_a_narrowed_row_keeps_a_bounded_number_of_beginnings(monkeypatch):
    from sitrep.extract import scan

    monkeypatch.setattr(scan, "_BEGINNINGS_KEPT", 3)
    table = PatternTable([r"in\w+ (?:raids?|strikes?)|" + "|".join(f"w{n} attack" for n in range(9))], ["many"])
    text = " ".join(f"in{chr(0x430 + n)}x strikes" for n in range(12))  # twelve beginnings "in" + a letter
    ctx = Context.from_text(text)
    hits = table.scan(text, ctx.lowered, TokenIndex(ctx.doc, ctx.lowered))
    assert len(hits) == 12 and [(h.start, h.end) for h in hits] == [(h.start, h.end) for h in table.scan(text)]
    assert len(table._narrowed[0]._by_key) == 3
