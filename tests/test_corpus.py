"""Well-formedness of the example reports, the fixture reports with expected facts, and the benchmark
corpus generator. (Whether the extractor finds the expected facts is tested elsewhere.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from sitrep import model

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "reports"
EXAMPLES = REPO / "examples"
sys.path.insert(0, str(REPO))  # benchmarks/ is a top-level directory, not part of the installed package

from benchmarks import corpus  # noqa: E402

# ACLED's event types and sub-event types, exact strings (the output contract uses them verbatim).
ACLED = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}
REQUIRED = {
    "places": {"name", "country", "quote"},
    "claims": {"measure", "count", "claimant", "certainty", "quote"},
    "people": {"name", "side", "status", "quote"},
    "units": {"name", "side", "quote"},
    "events": {"event_type", "sub_event_type", "quote"},
}
MEASURES = {"killed", "wounded", "captured", "missing", "detained", "refused_to_fight", "deserted", "losses"}
SIDES = {None, "UA", "RU", "BY", "AF", "GE", "US"}

FIXTURE_NAMES = sorted(p.name[: -len(".expected.json")] for p in FIXTURES.glob("*.expected.json"))


def _load(name: str) -> tuple[str, dict]:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    return text, json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


def test_every_fixture_report_has_expected_facts():
    texts = sorted(p.stem for p in FIXTURES.glob("*.txt"))
    assert len(texts) >= 8
    assert texts == FIXTURE_NAMES


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_quotes_occur_in_text_and_required_keys_present(name):
    text, expected = _load(name)
    assert set(REQUIRED) | {"about", "document"} <= set(expected)
    published = expected["document"]["published"]
    if published is not None:
        assert len(published) == 10 and published[4] == "-" and published[7] == "-"
    for kind, keys in REQUIRED.items():
        for item in expected[kind]:
            missing = keys - set(item)
            assert not missing, f"{name}: {kind} entry {item.get('name') or item.get('quote')!r} lacks {missing}"
            assert item["quote"] and item["quote"] in text, f"{name}: quote {item['quote']!r} not in the text"


@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_fixture_values_use_the_contract_vocabularies(name):
    _, expected = _load(name)
    for claim in expected["claims"]:
        assert claim["measure"] and set(claim["measure"]) <= MEASURES
        assert claim["certainty"] in model.CERTAINTIES
        assert claim.get("scope", "incident") in model.CLAIM_SCOPES
        assert claim.get("group", "unknown") in model.SUBJECT_GROUPS
        assert claim.get("claimant_kind", "unknown") in model.CLAIMANT_KINDS
        assert claim.get("side") in SIDES
        count = claim["count"]
        if count is not None:
            assert count["qualifier"] in model.CLAIM_QUALIFIERS
            assert any(isinstance(count.get(k), int) for k in ("best", "low", "high"))
            # the seed's convention: the bound a qualifier names is the field that carries the number
            needed = {"at_least": ("low",), "up_to": ("high",), "at_most": ("high",), "range": ("low", "high"),
                      "exact": ("best",), "approximately": ("best",)}.get(count["qualifier"], ())
            assert all(isinstance(count.get(k), int) for k in needed), (name, claim["quote"], count)
    for person in expected["people"]:
        assert person["status"] is None or person["status"] in model.PERSON_STATUSES
        assert person["side"] in SIDES
    for place in expected["places"]:
        assert len(place["country"]) == 2 and place["country"].isupper()
        assert place.get("precision", "exact") in model.PLACE_PRECISIONS
    for event in expected["events"]:
        assert event["sub_event_type"] in ACLED[event["event_type"]]
        assert event.get("certainty", "reported") in model.CERTAINTIES
        date = event.get("date")
        if date:
            assert date["start"] <= date["end"] and date["precision"] in model.DATE_PRECISIONS


def test_example_reports_exist_and_are_article_length():
    for name in ("report-kherson-shelling.txt", "report-avdiivka-losses.txt", "report-drone-strike-belgorod.txt",
                 "press-release-isaf-style.txt"):
        words = len((EXAMPLES / name).read_text(encoding="utf-8").split())
        assert 300 <= words <= 900, (name, words)


def test_example_jsonl_documents_have_the_reader_fields():
    lines = (EXAMPLES / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 3
    ids = set()
    for line in lines:
        doc = json.loads(line)
        assert {"id", "text", "title", "published", "url", "outlet"} <= set(doc)
        assert doc["text"].strip() and doc["id"] not in ids
        ids.add(doc["id"])


def test_example_feed_and_html_parse():
    import feedparser

    feed = feedparser.parse(str(EXAMPLES / "feed.rss"))
    assert not feed.bozo and len(feed.entries) >= 3
    assert all(e.get("published") and e.get("content") for e in feed.entries)
    html = (EXAMPLES / "report.html").read_text(encoding="utf-8")
    assert "<article" in html and "<nav" in html and "comments" in html


# --- benchmark corpus -------------------------------------------------------------------------------

def test_corpus_is_deterministic_and_prefix_stable():
    a = corpus.generate_articles(12, seed=3)
    assert a == corpus.generate_articles(12, seed=3)
    assert a[:5] == corpus.generate_articles(5, seed=3)
    assert a != corpus.generate_articles(12, seed=4)


def test_corpus_articles_have_fields_and_length():
    articles = corpus.generate_articles(40, seed=1, words=800)
    assert len({a["id"] for a in articles}) == 40
    assert len({a["text"] for a in articles}) == 40
    for a in articles:
        assert set(a) == {"id", "title", "text", "published", "url", "outlet"}
        assert 800 <= len(a["text"].split()) <= 900
        assert a["text"].startswith(a["title"] + "\n")
        assert "{" not in a["text"] and "}" not in a["text"]  # every slot was filled


def test_corpus_words_option_scales_length():
    short = corpus.generate_articles(5, seed=2, words=300)
    assert all(300 <= len(a["text"].split()) < 420 for a in short)


def test_corpus_uses_real_names_from_its_data():
    text = "\n".join(a["text"] for a in corpus.generate_articles(60, seed=0))
    cities = {v for v, _ in corpus.names()["city"]}
    ru_units = {v for v, _ in corpus.names()["ru_unit"]}
    assert sum(c in text for c in cities) >= 20
    assert sum(u in text for u in ru_units) >= 10
    assert "General Staff" in text and "Defence Ministry" in text


def test_every_template_slot_can_be_filled():
    import random

    slots = corpus._fixed_slots(random.Random(0), corpus.FIRST_DAY)
    for section, items in corpus.templates().items():
        for template in items:
            for name in corpus.template_fields(template):
                assert slots[name], (section, template, name)
    assert set(f"lede_{k}" for k in corpus.KINDS) <= set(corpus.templates())


def test_write_corpus_writes_jsonl(tmp_path):
    path = corpus.write_corpus(tmp_path / "c.jsonl", 3, seed=5, words=200)
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows == corpus.generate_articles(3, seed=5, words=200)
