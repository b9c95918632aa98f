"""The stage contracts: what the pipeline shares between stages, and that no stage changes another's output."""

import copy
import dataclasses
from pathlib import Path

import pytest

from sitrep.extract import pipeline
from sitrep.extract.assemble import link_claims
from sitrep.extract.context import Context
from sitrep.extract.events import EventFindings
from sitrep.extract.places import without_names_of_people
from sitrep.model import Claim, Count, Document, Event, Mention, Person, Place, Span, Subject

REPO = Path(__file__).resolve().parents[1]
TEXTS = sorted((REPO / "examples").glob("*.txt")) + sorted((REPO / "tests" / "fixtures" / "reports").glob("*.txt"))


def test_context_cannot_be_changed_by_a_stage():
    ctx = Context.from_text("Artillery hit a depot near Izium on Monday.", published="2023-05-02")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.published = None
    dated = dataclasses.replace(ctx, published=None)  # a new context, the old one as it was
    assert dated.published is None and ctx.published is not None


def test_each_lexicon_is_scanned_once_per_document_and_shared():
    ctx = Context.from_text("Two soldiers were reportedly killed, the ministry said. Shelling wounded a farmer.")
    first = ctx.scans.measures
    assert ctx.scans is ctx.scans and ctx.scans.measures is first  # the second reader gets the same hits
    assert [ctx.text[h.start : h.end] for h in first.hits] == ["killed", "wounded"]
    other = Context.from_text("Five civilians were wounded.")
    assert [other.text[h.start : h.end] for h in other.scans.measures.hits] == ["wounded"]  # nothing carried over


# --- each stage reads what it names, and returns new values -------------------------------------------


def test_a_stage_is_given_what_its_parameters_name():
    def count_words(text, title):
        return len(text.split()), title

    assert pipeline.stage_inputs(count_words) == ("text", "title")
    assert pipeline.run_stage(count_words, {"text": "three short words", "title": "T", "ctx": None}) == (3, "T")


def test_a_stage_run_before_its_inputs_exist_fails_naming_them():
    def find_sieges(ctx, places, claims):
        return []

    with pytest.raises(pipeline.StageInputMissing) as failure:
        pipeline.run_stage(find_sieges, {"ctx": None, "places": []})
    assert "find_sieges reads claims" in str(failure.value) and "found so far: ctx, places" in str(failure.value)


def test_the_pipeline_runs_every_stage_through_its_declared_inputs():
    called = []

    def recording(stage, found):
        called.append(stage.__qualname__)
        return pipeline.run_stage(stage, found)

    pipeline.extract_document(Document(text="Shelling killed two people in Kharkiv on Monday, officials said."), run=recording)
    assert called == ["detect_language", "Context.from_text", "find_dateline", "find_places", "find_dates", "find_counts",
                      "find_units", "find_people", "without_names_of_people", "attribute", "find_claims", "find_events",
                      "extraction"]


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_no_stage_changes_what_an_earlier_stage_returned(path):
    returned = []  # (stage, value as returned, a deep copy taken then)

    def recording(stage, found):
        value = pipeline.run_stage(stage, found)
        if stage.__qualname__ not in ("Context.from_text", "extraction"):  # the context is frozen; the result is last
            returned.append((stage.__qualname__, value, copy.deepcopy(value)))
        return value

    result = pipeline.extract_document(Document(text=path.read_text(encoding="utf-8"), published="2023-03-01"), run=recording)
    assert result.events or result.claims or result.people  # the texts give the stages something to do
    for stage, value, as_returned in returned:
        assert value == as_returned, f"{stage}'s output was changed by a later stage"


def test_a_place_that_was_part_of_a_name_is_dropped_from_a_new_place_not_the_old_one():
    izium = Place(name="Izium", country="UA", evidence=[Span(0, 5), Span(30, 35)])
    places = [Mention("place", Span(0, 5), izium, {"surface": "Izium"}), Mention("place", Span(30, 35), izium, {"surface": "Izium"})]
    person = Mention("person", Span(24, 42), Person(id="p1", name="Taras Izium Petrenko"))
    kept = without_names_of_people(places, [person])
    assert [m.span for m in kept] == [Span(0, 5)]
    assert kept[0].value.evidence == [Span(0, 5)] and kept[0].value.name == "Izium"
    assert izium.evidence == [Span(0, 5), Span(30, 35)] and places[1].value is izium  # the places stage's output as it was


def test_assembly_links_each_claim_to_the_event_that_took_it():
    def claim(cid, measure, best, certainty="reported"):
        return Claim(id=cid, measure=measure, subject=Subject(), count=Count(best=best), certainty=certainty)

    claims = [claim("c1", ["killed"], 4), claim("c2", ["killed"], 3, "unconfirmed"), claim("c3", ["wounded"], 9), claim("c4", ["killed"], 1)]
    found = EventFindings(
        events=[Event(id="e1", event_type="Battles", sub_event_type="Armed clash"),
                Event(id="e2", event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")],
        claims_of={"e1": ["c1", "c2", "c3"], "e2": []},
    )
    events, linked = link_claims(found, claims)
    assert [c.event_id for c in linked] == ["e1", "e1", "e1", None]
    assert events[0].claim_ids == ["c1", "c2", "c3"] and events[1].claim_ids == []
    assert events[0].fatalities == 3 and events[1].fatalities is None  # the most conservative death figure
    assert events[0].certainty == "unconfirmed" and events[1].certainty == "reported"  # a doubted claim doubts its event
    assert all(c.event_id is None for c in claims) and found.events[0].claim_ids == []  # copies: the inputs unchanged


def test_young_collections_are_spaced_while_a_document_is_extracted_and_the_setting_restored():
    import gc

    seen = []

    def run(stage, found):
        seen.append(gc.get_threshold()[0])
        return pipeline.run_stage(stage, found)

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        doc = Document(text="Russian shelling killed two civilians in Kharkiv on Tuesday, the governor said.")
        pipeline.extract_document(doc, run)
        assert seen and set(seen) == {pipeline._YOUNG_OBJECTS_PER_COLLECTION}
        assert gc.get_threshold() == (700, 10, 10)
        gc.set_threshold(0, 10, 10)  # collection turned off by the caller: left so
        seen.clear()
        pipeline.extract_document(doc, run)
        assert set(seen) == {0} and gc.get_threshold() == (0, 10, 10)
    finally:
        gc.set_threshold(*before)
