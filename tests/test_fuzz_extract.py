"""Property tests of ``sitrep.extract`` on generated text: it never raises, every offset it reports is a
valid index into the text, its output is valid against the JSON Schema, and the same input gives the same
output.

Arbitrary Unicode alone mostly stops at the language check (nothing is extracted from non-English text),
so the texts are built from a vocabulary of conflict reporting (numbers, places, ranks, units, claimants,
dates, hedges) shuffled together with arbitrary Unicode, odd whitespace and punctuation: every stage gets
to run on fragments it was not written for.

The checks and strategies are reused by scripts/fuzz_long.py, which runs many thousands of examples.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sitrep
from sitrep.schema import validate

# CI: a few hundred examples per property; the deadline tolerates a shared, loaded machine (an 800-word
# extraction takes ~5 ms; the first one loads the gazetteer, done by the warm-up fixture below).
CI_SETTINGS = settings(max_examples=250, deadline=timedelta(seconds=10),
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words and phrases the stages react to. Facts (place, unit and people names) only; sentences are generated.
VOCAB = (
    "killed", "wounded", "injured", "dead", "died", "missing", "captured", "taken prisoner", "civilians",
    "soldiers", "servicemen", "troops", "children", "people", "at least", "about", "up to", "more than", "some",
    "dozens of", "hundreds of", "several", "two", "three", "twelve", "a dozen", "one hundred", "1,200", "42",
    "0", "3-5", "10 to 15", "300-plus", "5.5", "1e9", "99999999999999999999", "-7", "½", "٣", "五",
    "said", "said on Telegram", "according to", "claimed", "reportedly", "allegedly", "could not be verified",
    "the General Staff", "the Ministry of Defence", "the regional governor", "a police spokesman", "Reuters",
    "shelled", "shelling", "airstrike", "drone strike", "missile", "artillery", "clashes", "ambush", "protest",
    "Kharkiv", "Kherson", "Bakhmut", "Avdiivka", "Donetsk", "Mariupol", "Kyiv", "Odesa", "Helmand", "Kandahar",
    "Kabul", "Zaporizhzhia Oblast", "near", "north of", "km", "10 km south-east of", "outskirts of", "village of",
    "93rd Mechanised Brigade", "247th Guards Airborne Regiment", "the 3rd Assault Brigade", "1st Battalion",
    "Captain", "Col.", "Lt. Gen.", "Sergeant", "Major General", "Andriy", "Melnyk", "Oleh Synehubov", "Ivan",
    "commander", "deputy", "his deputy,", "spokesman", "Governor", "President", "Mr.", "St.",
    "on Tuesday", "yesterday", "last week", "overnight", "on 24 February 2022", "March 3", "2022-03-03",
    "Nov. 22, 2023", "in 2014", "the day before", "earlier this month",
    "Russian", "Ukrainian", "Taliban", "ISAF", "Afghan", "insurgents", "separatists", "forces", "police",
    "In", "A", "The", "and", "or", "of", "the", "a", "not", "no", "was", "were", "has", "have been",
    ",", ".", ";", ":", "—", "–", "-", "(", ")", '"', "'", "“", "”", "«", "»", "!", "?", "...", "…", "%", "#",
)
SEPARATORS = (" ", " ", " ", "  ", "\n", "\n\n", "\t", "\r\n", "\u00a0", "\u2028", "\u200b", "", "\x00", "\u202e")
PUBLISHED = st.one_of(st.none(), st.dates().map(lambda d: d.isoformat()))


@st.composite
def report_texts(draw, max_pieces: int = 80) -> str:
    """Conflict-reporting vocabulary interleaved with arbitrary Unicode, joined by odd separators."""
    piece = st.one_of(
        st.sampled_from(VOCAB),
        st.sampled_from(VOCAB).map(str.upper),
        st.sampled_from(VOCAB).map(str.capitalize),
        st.integers(-10**6, 10**12).map(str),
        st.text(max_size=12),
        st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
    )
    pieces = draw(st.lists(st.tuples(piece, st.sampled_from(SEPARATORS)), max_size=max_pieces))
    return "".join(p + sep for p, sep in pieces)


ANY_TEXT = st.one_of(report_texts(), st.text(max_size=400), st.text(alphabet=st.characters(codec="utf-8"), max_size=200))


def spans(value: Any, path: str = "$") -> Iterator[tuple[str, int, int]]:
    """Every character span in an Extraction's dict: a {start, end} pair of integers, wherever it sits."""
    if isinstance(value, dict):
        if isinstance(value.get("start"), int) and isinstance(value.get("end"), int):
            yield path, value["start"], value["end"]
        for key, item in value.items():
            yield from spans(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from spans(item, f"{path}[{i}]")


def check_extraction(text: str, published: str | None = None, title: str | None = None) -> dict:
    """Extract twice; assert the properties; return the output (as a dict)."""
    first = sitrep.extract(text, published=published, title=title).to_dict()
    for where, start, end in spans(first):
        assert 0 <= start < end <= len(text), f"{where}: span {start}..{end} outside a text of {len(text)} characters"
    validate(first)
    json.dumps(first, ensure_ascii=False)  # serialisable as it is (no NaN, sets, objects)
    again = sitrep.extract(text, published=published, title=title).to_dict()
    assert again == first, "the same input gave a different output"
    return first


@pytest.fixture(scope="module", autouse=True)
def warm_extractor():
    """Load the lexicons and the gazetteer once, outside the deadline of the first example."""
    sitrep.extract("Russian shelling killed two civilians in Kharkiv on Tuesday, the governor said.")


@CI_SETTINGS
@given(text=report_texts(), published=PUBLISHED)
def test_extract_on_generated_reports_is_valid_and_deterministic(text, published):
    check_extraction(text, published)


@CI_SETTINGS
@given(text=st.text(max_size=400), title=st.one_of(st.none(), st.text(max_size=60)))
def test_extract_on_any_unicode_is_valid_and_deterministic(text, title):
    check_extraction(text, title=title)


@settings(CI_SETTINGS, max_examples=100)
@given(head=report_texts(max_pieces=30), junk=st.text(min_size=1, max_size=30), tail=report_texts(max_pieces=30))
def test_offsets_stay_valid_when_junk_is_inserted(head, junk, tail):
    """A report with arbitrary characters in the middle (a mangled scrape): offsets before and after stay valid."""
    check_extraction(head + junk + tail, "2022-03-03")


def test_spans_finds_nested_offsets():
    """The walker the properties rely on sees spans at any depth (else they would pass vacuously)."""
    text = "KHARKIV, March 3, 2022 — Russian shelling killed 12 civilians in Kharkiv, the regional governor said."
    found = list(spans(check_extraction(text)))
    assert len(found) >= 3
    assert any(".claims[" in where for where, _, _ in found)
    assert all(text[s:e].strip() for _, s, e in found)


def test_a_broken_span_would_be_caught():
    with pytest.raises(AssertionError):
        for where, start, end in spans({"claims": [{"evidence": {"start": 5, "end": 50}}]}):
            assert 0 <= start < end <= 10, where
