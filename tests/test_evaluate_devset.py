"""The devset scorer: each definition of the corpus's README on small gold/prediction pairs written
here, the gold reader, format detection, the command's JSON and mistakes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.evaluate import detect_format, devset
from sitrep.evaluate.report import render_markdown, render_text
from sitrep.evaluate.runner import Extractor
from sitrep.model import (
    Claim,
    Claimant,
    Count,
    DateRef,
    Event,
    Extraction,
    Location,
    Person,
    Place,
    Span,
    Subject,
)

KM_PER_DEGREE_LATITUDE = 111.2  # near enough anywhere for a test of 9 against 11 km

# A made-up report (Chile's Araucanía), and points around Temuco.
TEMUCO = (-38.7359, -72.5904)
TEXT = (
    "Police in Temuco said four farm workers were killed and eleven others wounded when gunmen opened fire "
    "on a bus near Ercilla on Sunday. Prosecutor Ana Beatriz Lagos Vera said two men were detained."
)


def north_of(point: tuple[float, float], km: float) -> tuple[float, float]:
    return point[0] + km / KM_PER_DEGREE_LATITUDE, point[1]


def gold_record(*, events=None, claims=(), people=(), places=(), genre="wire", text=TEXT, rid="t-1"):
    events = events if events is not None else [gold_event()]
    return {"id": rid, "genre": genre, "published": "2021-05-10", "title": None, "text": text,
            "gold": {"events": events, "claims": list(claims), "people": list(people), "places": list(places)}}


def gold_event(sub="Attack", etype="Violence against civilians", day="2021-05-09", point=TEMUCO,
               precision="exact", fatalities=None, name="Temuco"):
    return {"event_type": etype, "sub_event_type": sub, "date": day, "fatalities": fatalities,
            "location": {"name": name, "canonical": name, "admin1": "Araucania", "country": "CL",
                         "lat": point[0] if point else None, "lon": point[1] if point else None,
                         "precision": precision},
            "actor1": "Unidentified Armed Group", "actor2": "Civilians"}


def gold_claim(measure, count, claimant=None):
    return {"measure": measure, "count": count, "qualifier": "exact", "of": "civilians",
            "claimant": claimant, "certainty": "reported"}


def item(**parts) -> devset.DevsetItem:
    return devset.parse_record(gold_record(**parts), 1, "test:1")


def event(sub="Attack", etype="Violence against civilians", day="2021-05-09", point=TEMUCO, fatalities=None,
          name="Temuco", eid="e1"):
    location = None if point is None else Location(name=name, country="CL", lat=point[0], lon=point[1])
    return Event(id=eid, event_type=etype, sub_event_type=sub, location=location, fatalities=fatalities,
                 date=DateRef(start=day, end=day, precision="day") if day else None)


def claim(measure, best=None, low=None, high=None, claimant=None, text=None, cid="c1"):
    count = None if best is None and low is None and high is None else Count(best=best, low=low, high=high)
    return Claim(id=cid, measure=list(measure), subject=Subject(), count=count,
                 claimant=Claimant(name=claimant, text=text))


def person(name, *forms, pid="p1"):
    spans = [Span(TEXT.index(f), TEXT.index(f) + len(f)) for f in forms]
    return Person(id=pid, name=name, evidence=spans)


def place(*forms, text=TEXT):
    return Place(name=forms[0], evidence=[Span(text.index(f), text.index(f) + len(f)) for f in forms])


def extraction(**parts) -> Extraction:
    return Extraction(id="x", language="en", **parts)


def score(gold_items, extractions):
    return devset.score(list(gold_items), list(extractions))


# --- the main event --------------------------------------------------------------------------------


def test_main_event_location_within_10_km_counts_9_km_but_not_11():
    gold = item()
    nine = score([gold], [extraction(events=[event(point=north_of(TEMUCO, 9))])])
    eleven = score([gold], [extraction(events=[event(point=north_of(TEMUCO, 11))])])
    assert nine.value("main_event/location within 10 km") == 1.0
    assert eleven.value("main_event/location within 10 km") == 0.0
    assert eleven.value("main_event/location within 25 km") == 1.0
    far = score([gold], [extraction(events=[event(point=north_of(TEMUCO, 26))])])
    assert far.value("main_event/location within 25 km") == 0.0
    unplaced = score([gold], [extraction(events=[event(point=None)])])
    assert unplaced.value("main_event/location within 10 km") == 0.0  # no point is a miss, not skipped


def test_main_event_location_is_scored_only_where_the_gold_point_is_exact_or_near():
    region = item(events=[gold_event(precision="region")])
    near = item(events=[gold_event(precision="near")])
    report = score([region, near], [extraction(), extraction(events=[event()])])
    assert report.get("main_event/location within 10 km").n == 1
    assert report.value("main_event/location within 10 km") == 1.0


def test_main_event_is_the_first_event_and_its_fields_are_compared_exactly():
    gold = item(events=[gold_event(fatalities=4), gold_event(sub="Arrests", etype="Strategic developments")])
    first_right = extraction(events=[event(fatalities=4), event(sub="Arrests", etype="Strategic developments", eid="e2")])
    report = score([gold], [first_right])
    for key in ("sub_event_type", "event_type", "date", "fatalities exact"):
        assert report.value(f"main_event/{key}") == 1.0, key
    swapped = extraction(events=[event(sub="Arrests", etype="Strategic developments", eid="e2"), event(fatalities=4)])
    report = score([gold], [swapped])
    assert report.value("main_event/sub_event_type") == 0.0  # the second event being right does not help
    assert report.value("main_event/fatalities exact") == 0.0
    same_type = extraction(events=[event(sub="Abduction/forced disappearance", day="2021-05-10", fatalities=5)])
    report = score([gold], [same_type])
    assert report.value("main_event/event_type") == 1.0 and report.value("main_event/sub_event_type") == 0.0
    assert report.value("main_event/date") == 0.0
    nothing = score([gold], [extraction()])
    assert nothing.value("main_event/sub_event_type") == 0.0 and nothing.value("main_event/date") == 0.0


def test_fatalities_count_only_where_the_gold_gives_a_figure_and_zero_is_a_figure():
    unknown, none_died = item(events=[gold_event(fatalities=None)]), item(events=[gold_event(fatalities=0)])
    report = score([unknown, none_died], [extraction(events=[event(fatalities=3)]), extraction(events=[event()])])
    assert report.get("main_event/fatalities exact").n == 1
    assert report.value("main_event/fatalities exact") == 0.0  # "none died" is 0, not "not said"
    assert score([none_died], [extraction(events=[event(fatalities=0)])]).value("main_event/fatalities exact") == 1.0


# --- all events ------------------------------------------------------------------------------------


def test_all_events_match_by_sub_type_within_25_km_each_prediction_once():
    gold = item(events=[gold_event(), gold_event(point=north_of(TEMUCO, 100), name="Angol"),
                        gold_event(sub="Arrests", etype="Strategic developments")])
    predicted = extraction(events=[
        event(point=north_of(TEMUCO, 20)),  # finds the first
        event(point=north_of(TEMUCO, 60), eid="e2"),  # 40 km from Angol, 60 from Temuco: finds nothing
        event(sub="Arrests", etype="Strategic developments", point=None, eid="e3"),  # no point: sub-type decides
        event(sub="Armed clash", etype="Battles", eid="e4"),
    ])
    report = score([gold], [predicted])
    assert report.value("events/recall") == pytest.approx(2 / 3)
    assert report.value("events/precision") == pytest.approx(2 / 4)
    missed = [e for e in report.errors if e.field == "events:missed"]
    assert [e.gold for e in missed] == ["Attack @ Angol"]
    assert len([e for e in report.errors if e.field == "events:spurious"]) == 2


def test_one_predicted_event_finds_one_gold_event_only():
    gold = item(events=[gold_event(), gold_event(point=north_of(TEMUCO, 5))])
    report = score([gold], [extraction(events=[event()])])
    assert report.value("events/recall") == 0.5 and report.value("events/precision") == 1.0


def test_a_gold_event_without_coordinates_is_found_by_sub_type_alone():
    gold = item(events=[gold_event(point=None)])
    assert score([gold], [extraction(events=[event(point=north_of(TEMUCO, 500))])]).value("events/recall") == 1.0


# --- claims ----------------------------------------------------------------------------------------


def test_single_figure_is_best_else_low_else_high():
    assert devset.figure(claim(["killed"], best=7, low=5, high=9)) == 7
    assert devset.figure(claim(["killed"], low=5, high=9)) == 5
    assert devset.figure(claim(["killed"], high=9)) == 9
    assert devset.figure(claim(["killed"])) is None
    gold = item(claims=[gold_claim("killed", 5), gold_claim("wounded", 9)])
    report = score([gold], [extraction(claims=[claim(["killed"], low=5, high=9), claim(["wounded"], high=9, cid="c2")])])
    assert report.value("claims/recall") == 1.0


def test_killed_or_wounded_includes_each_measure_but_is_used_once():
    either = claim(["killed", "wounded"], best=12)
    gold_killed = item(claims=[gold_claim("killed", 12)])
    gold_wounded = item(claims=[gold_claim("wounded", 12)])
    assert score([gold_killed], [extraction(claims=[either])]).value("claims/recall") == 1.0
    assert score([gold_wounded], [extraction(claims=[either])]).value("claims/recall") == 1.0
    both = score([item(claims=[gold_claim("killed", 12), gold_claim("wounded", 12)])], [extraction(claims=[either])])
    assert both.value("claims/recall") == 0.5  # one predicted claim finds one gold claim
    assert both.value("claims/precision") == 1.0
    only_killed = score([gold_wounded], [extraction(claims=[claim(["killed"], best=12)])])
    assert only_killed.value("claims/recall") == 0.0  # "killed" does not include "wounded"


def test_claim_figure_must_equal_and_precision_counts_only_casualty_measures():
    gold = item(claims=[gold_claim("killed", 4), gold_claim("missing", None)])
    predicted = extraction(claims=[
        claim(["killed"], best=5),
        claim(["missing"], cid="c2"),  # "several missing": no figure, as the gold's null
        claim(["displaced"], best=300, cid="c3"),  # not a casualty measure: outside precision
    ])
    report = score([gold], [predicted])
    assert report.value("claims/recall") == 0.5
    assert report.value("claims/precision") == 0.5
    assert report.get("claims/precision").n == 2


def test_claimant_right_shares_a_word_lower_cased_without_punctuation():
    assert devset.claimant_right("Ana Lagos", claim(["killed"], 4, claimant="Prosecutor Lagos"))
    assert devset.claimant_right("the Interior Ministry", claim(["killed"], 4, text="the interior ministry's statement"))
    assert devset.claimant_right("Carabineros", claim(["killed"], 4, claimant="police", text="CARABINEROS,"))
    assert not devset.claimant_right("Ana Lagos", claim(["killed"], 4, claimant="the army"))
    assert not devset.claimant_right("Ana Lagos", claim(["killed"], 4))
    gold = item(claims=[gold_claim("killed", 4, "police"), gold_claim("wounded", 11, "Ana Lagos"), gold_claim("detained", 2)])
    predicted = extraction(claims=[
        claim(["killed"], 4, claimant="Police in Temuco"),
        claim(["wounded"], 11, claimant="the army", cid="c2"),
        claim(["detained"], 2, cid="c3"),
    ])
    report = score([gold], [predicted])
    assert report.value("claims/claimant right") == 0.5
    assert report.get("claims/claimant right").n == 2  # the gold claim without a claimant is not scored
    assert [(e.gold, e.predicted) for e in report.errors if e.field == "claims:claimant"] == [("Ana Lagos", "the army")]


def test_among_equal_claims_the_one_with_the_right_claimant_is_taken():
    gold = item(claims=[gold_claim("killed", 4, "the governor")])
    predicted = extraction(claims=[claim(["killed"], 4, claimant="rebels"), claim(["killed"], 4, claimant="Governor Ruiz", cid="c2")])
    assert score([gold], [predicted]).value("claims/claimant right") == 1.0


# --- people ----------------------------------------------------------------------------------------


def test_gold_name_found_by_equal_form_or_a_contained_form_of_two_words():
    full = "Ana Beatriz Lagos Vera"
    assert devset.person_found(full, [devset.person_forms(person("Ana Beatriz Lagos Vera"), TEXT)])
    assert devset.person_found(full, [devset.person_forms(person("Lagos Vera"), TEXT)])  # two words inside
    assert not devset.person_found(full, [devset.person_forms(person("Lagos"), TEXT)])  # one word is not enough
    assert not devset.person_found(full, [devset.person_forms(person("Ana Lagos"), TEXT)])  # not a run of its words
    # an evidence text counts as a form: the name may be normalised, the words in the text are not
    assert devset.person_found(full, [devset.person_forms(person("A. Lagos", "Ana Beatriz Lagos Vera"), TEXT)])
    assert devset.person_found("ANA BEATRIZ LAGOS VERA,", [devset.person_forms(person("Ana Beatriz Lagos Vera"), TEXT)])
    assert devset.plain_words("Lagos-Vera's") == ("lagosveras",)  # punctuation removed, not made a space


def test_predicted_person_right_when_a_form_equals_contains_or_is_contained_in_a_gold_name():
    gold = ["Ana Beatriz Lagos Vera"]
    assert devset.person_right(devset.person_forms(person("Lagos"), TEXT), gold)  # contained, one word is enough here
    assert devset.person_right(devset.person_forms(person("Prosecutor Ana Beatriz Lagos Vera"), TEXT), gold)  # contains
    assert not devset.person_right(devset.person_forms(person("Lago"), TEXT), gold)  # words, not letters
    assert not devset.person_right(devset.person_forms(person("Temuco"), TEXT), gold)
    report = score([item(people=gold)], [extraction(people=[person("Lagos", pid="p1"), person("Ercilla", pid="p2")])])
    assert report.value("people/precision") == 0.5
    assert report.value("people/recall") == 0.0  # "Lagos" alone does not find the gold name
    assert report.value("people/F1") == 0.0
    assert {e.field for e in report.errors} >= {"people:missed", "people:spurious"}


# --- places ----------------------------------------------------------------------------------------


def test_places_recall_over_the_texts_of_evidence_spans():
    gold = item(places=["Temuco", "Ercilla"])
    named_by_resolved_name_only = Place(name="Ercilla", evidence=[])
    report = score([gold], [extraction(places=[place("Temuco"), named_by_resolved_name_only])])
    assert report.value("places/recall") == 0.5  # the resolved name is not evidence: the text is
    assert [e.gold for e in report.errors if e.field == "places:missed"] == ["Ercilla"]
    assert score([gold], [extraction(places=[place("Temuco"), place("Ercilla")])]).value("places/recall") == 1.0


# --- the report, the reader, the command -----------------------------------------------------------


def test_breakdowns_per_genre_and_per_gold_sub_type():
    items = [item(genre="wire", rid="a"), item(genre="obituary", rid="b"),
             item(genre="obituary", rid="c", events=[gold_event(sub="Arrests", etype="Strategic developments")])]
    report = score(items, [extraction(events=[event()]), extraction(), extraction(events=[event()])])
    genres, subs, mistakes = report.tables
    assert genres.rows[0][:3] == ["obituary", "2", "0.000"] and genres.rows[1][:3] == ["wire", "1", "1.000"]
    by_sub = {row[0]: row for row in subs.rows}
    assert by_sub["Attack"][1:4] == ["2", "0.500", "no event (1)"]
    assert by_sub["Arrests"][1:4] == ["1", "0.000", "Attack (1)"]
    text = render_text(report, errors=2)
    assert "Per genre" in text and "Main event by gold sub-type" in text and "[main_event:sub_event_type] #b" in text
    assert "*Per genre*" in render_markdown(report)
    assert dict(mistakes.rows)["main_event:sub_event_type"] == "2"
    assert [r["id"] for r in report.results] == ["a", "b", "c"]
    assert report.results[0]["main_event"]["sub_event_type"] is True


def test_mistakes_are_listed_once_per_missing_event_and_in_turn_per_genre():
    items = [item(genre="wire", rid="w1"), item(genre="wire", rid="w2"), item(genre="obituary", rid="o1")]
    arrest = event(sub="Arrests", etype="Strategic developments", day="2021-05-01")
    report = score(items, [extraction(), extraction(events=[arrest]), extraction()])
    by_field = {}
    for case in report.errors:
        by_field.setdefault(case.field, []).append(case.item)
    assert by_field["main_event:sub_event_type"] == ["w1", "o1", "w2"]  # wire, obituary, then wire again
    assert by_field["main_event:date"] == ["w2"]  # no event is not also a date mistake
    assert report.value("main_event/date") == 0.0  # but it is scored as one


def test_mistakes_show_the_words_around_the_gold():
    gold = item(people=["Ana Beatriz Lagos Vera"], places=["Ercilla"])
    report = score([gold], [extraction()])
    person_case = next(e for e in report.errors if e.field == "people:missed")
    place_case = next(e for e in report.errors if e.field == "places:missed")
    assert "Ana Beatriz Lagos Vera" in person_case.text and len(person_case.text) <= 160
    assert "Ercilla" in place_case.text


def test_reader_names_the_bad_line(tmp_path):
    path = tmp_path / "dev.jsonl"
    bad_claim = gold_record(claims=[gold_claim("displaced", 3)])
    path.write_text(json.dumps(gold_record()) + "\n" + json.dumps(bad_claim) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dev.jsonl:2: .*measure"):
        devset.load(path)
    assert len(devset.load(path, limit=1)) == 1
    path.write_text(json.dumps({"id": "x", "text": "no gold here", "gold": "none"}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"dev.jsonl:1: not a devset record"):
        devset.load(path)


def test_format_detected_from_the_first_line(tmp_path):
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(gold_record()) + "\n", encoding="utf-8")
    assert detect_format(path) == "devset"
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"text": "x", "answers": {}}) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="other.jsonl"):
        detect_format(other)


def test_extracted_once_with_date_and_title():
    seen = []

    def remember(document):
        seen.append((document.text, document.published, document.title))
        return extraction()

    items = [item(rid="a"), item(rid="b")]
    run = Extractor(remember)
    run.run(((i.text, i.published, i.title) for i in items), "test", progress=False)
    assert seen == [(TEXT, "2021-05-10", None)]


def test_command_scores_a_devset_file_with_counts_in_words(tmp_path):
    """End to end with the real extractor: 'four ... killed and eleven others wounded' are two claims."""
    path = tmp_path / "dev.jsonl"
    record = gold_record(claims=[gold_claim("killed", 4, "Police"), gold_claim("wounded", 11, "Police")],
                         people=["Ana Beatriz Lagos Vera"], places=["Temuco", "Ercilla"])
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(path), "--json", "--errors", "3", "--no-progress"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    scores = {s["key"]: s["value"] for s in data["scores"]}
    assert data["dataset"] == "devset" and data["items"] == 1
    assert scores["claims/recall"] == 1.0 and scores["claims/claimant right"] == 1.0
    assert data["results"][0]["claims"]["found"] == 2
    assert {"main_event/location within 10 km", "events/F1", "people/F1", "places/recall"} <= set(scores)
    text = CliRunner().invoke(main, ["evaluate", str(path), "--format", "devset", "--no-progress"])
    assert text.exit_code == 0 and "Labelled dev corpus" in text.stdout


# The real corpus is scored against its floors by tests/test_evaluate.py, with the other gold sets.
