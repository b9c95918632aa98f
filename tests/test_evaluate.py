"""sitrep evaluate: the metrics, the scorers on hand-built extractions, the gold readers, the command,
and (with ../shared) the real ISAF, UCDP and devset evaluations against the floors in evaluation_floors.json."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import needs_shared

import sitrep
from sitrep.cli import main
from sitrep.evaluate import (
    acled,
    detect_format,
    devset,
    evaluate_file,
    facts,
    isaf,
    metrics,
    ucdp,
)
from sitrep.evaluate.report import render_json, render_markdown, render_text
from sitrep.evaluate.runner import Extractor
from sitrep.model import (
    Actor,
    Claim,
    Claimant,
    Count,
    DateRef,
    Document,
    Event,
    Extraction,
    Location,
    Place,
    Span,
    Subject,
)

FLOORS = Path(__file__).with_name("evaluation_floors.json")


# --- builders for hand-made extractions ----------------------------------------------------------


def claim(cid, measure, best, *, scope="incident", event_id=None, low=None, high=None, qualifier="exact",
          group="unknown", claimant=None, certainty="reported", via=()):
    count = None if best is None and low is None else Count(best=best, low=low, high=high, qualifier=qualifier)
    if qualifier == "vague":  # a vague word's bounds are conventions, not figures of the count
        count = Count(qualifier="vague", usual_low=low, usual_high=high)
    return Claim(
        id=cid, measure=list(measure), subject=Subject(group=group), count=count, scope=scope,
        claimant=Claimant(name=claimant, kind="official" if claimant else "unknown"),
        via=list(via), certainty=certainty, event_id=event_id,
    )


def place(name, country, admin1=None, precision="exact", lat=None, lon=None, evidence=()):
    return Place(name=name, country=country, admin1=admin1, precision=precision, lat=lat, lon=lon,
                 evidence=[Span(*e) for e in evidence])


def event(eid, etype, sub, *, day=None, end=None, location=None, fatalities=None, tags=(), actors=()):
    return Event(
        id=eid, event_type=etype, sub_event_type=sub, tags=list(tags),
        date=DateRef(start=day, end=end or day, precision="day") if day else None,
        location=location, fatalities=fatalities, actors=[Actor(name=a) for a in actors],
    )


def extraction(**parts) -> Extraction:
    return Extraction(id="x", language="en", **parts)


# --- metrics -------------------------------------------------------------------------------------


def test_precision_recall_f1_from_counts():
    prf = metrics.PRF()
    prf.add_sets({"helmand", "kandahar"}, {"helmand", "zabul", "uruzgan"})
    assert (prf.tp, prf.fp, prf.fn) == (1, 2, 1)
    assert prf.precision == pytest.approx(1 / 3)
    assert prf.recall == pytest.approx(1 / 2)
    assert prf.f1 == pytest.approx(0.4)
    assert metrics.PRF().precision is None  # nothing predicted: undefined, not 0 or 1
    assert metrics.f1(0.0, 0.0) == 0.0


def test_tally_and_ranges():
    tally = metrics.Tally()
    for ok in (True, False, True, True):
        tally.add(ok)
    assert tally.accuracy == 0.75
    assert metrics.Tally().accuracy is None
    assert metrics.within(5, 3, 7) and not metrics.within(8, 3, 7) and not metrics.within(None, 0, 9)
    assert metrics.median([5.0, 1.0, 3.0]) == 3.0 and metrics.median([1.0, 2.0, 10.0, 4.0]) == 3.0
    assert metrics.share_within([10.0, 24.9, 26.0, 80.0], 25) == 0.5
    assert metrics.mean_abs_error([(3, 1), (2, 2), (0, 4)]) == 2.0


# --- what the scorers read off an extraction -----------------------------------------------------


def test_incident_total_counts_each_event_once_and_skips_other_kinds():
    x = extraction(claims=[
        claim("c1", ["killed"], 2, event_id="e1"),
        claim("c2", ["killed"], 3, event_id="e1"),  # a second report of the same incident: max, not sum
        claim("c3", ["killed"], 4, event_id="e2"),
        claim("c4", ["killed"], 1),  # tied to no event: counts on its own
        claim("c5", ["killed"], 900, scope="cumulative"),
        claim("c6", ["killed", "wounded"], 12),  # "12 killed or wounded" is not 12 killed
        claim("c7", ["killed"], 6, certainty="denied"),
        claim("c8", ["detained"], 5),
    ])
    total = facts.incident_total(x, facts.KILLED)
    assert total.best == 3 + 4 + 1
    assert facts.incident_total(x, facts.CAPTURED).best == 5
    assert facts.incident_total(extraction(), facts.KILLED) is None


def test_incident_total_minimum_takes_the_low_end_of_a_range():
    x = extraction(claims=[claim("c1", ["killed"], 15, low=10, high=20, qualifier="range")])
    assert facts.incident_total(x, facts.KILLED).best == 15
    assert facts.incident_total(x, facts.KILLED, minimum=True).best == 10
    assert facts.incident_total(x, facts.KILLED) == facts.Total(15, 10, 20)
    several = extraction(claims=[claim("c1", ["detained"], None, low=3, high=9, qualifier="vague")])
    assert facts.incident_total(several, facts.CAPTURED, minimum=True).best == 3  # "several" is at least 3
    assert facts.incident_total(several, facts.CAPTURED) is None  # but "several" is no figure
    about = extraction(claims=[claim("c1", ["killed"], 20, low=18, high=22, qualifier="approximately")])
    assert facts.incident_total(about, facts.KILLED, minimum=True).best == 20  # "about 20" is 20


def test_admin1_keys_fold_spellings_and_respect_country():
    assert facts.admin1_key("Khowst Province", "AF") == "khost"
    assert facts.admin1_key("Paktia", "AF") == "paktya"
    assert facts.admin1_key("Sar-e Pol", "AF") == "sar-e pul"
    assert facts.admin1_key("Kiev Special Republican city", "UA") == "kyiv city"
    assert facts.admin1_key("Luhans'k Oblast", "UA") == "luhansk"
    assert facts.admin1_key("Donetsk", "AF") is None
    x = extraction(places=[
        place("Helmand", "AF", precision="region"),
        place("Sangin", "AF", admin1="Helmand"),
        place("Spin Boldak", "AF", admin1="Kandahar"),
        place("Quetta", "PK", admin1="Balochistan"),
        place("Afghanistan", "AF", precision="country"),
    ])
    assert facts.admin1_keys(x, "AF") == {"helmand", "kandahar"}


def test_language_note_counts_distinct_texts():
    english = Extraction(id="d1", language="en")
    note = facts.language_note([english, english, Extraction(id="d2", language="und"), Extraction(id="d3", language="en")])
    assert note == "languages the extractor gave the 3 distinct texts: en 2, und 1."


def test_names_match_by_token_overlap():
    assert facts.names_match("Maidan protesters, General Prosecutor of Ukraine", ["prosecutors"])
    assert facts.names_match("Joint Forces Operation HQ (JFO)", ["JFO press centre"])
    assert facts.names_match("Ukrainian military spokesman Andriy Lysenko", ["Lysenko"])
    assert not facts.names_match("Ukrainian police", ["Ukraine's health ministry"])
    assert not facts.names_match("MemoryBook x2", ["Donetsk city council"])  # "x2" is a count, not a name
    assert not facts.names_match("Eduard Basurin", [])
    assert not facts.names_match("", ["DPR"])


def test_best_point_prefers_event_location_then_the_most_precise_place():
    oblast = place("Donetsk Oblast", "UA", precision="region", lat=48.0, lon=37.8)
    town = place("Avdiivka", "UA", admin1="Donetsk", lat=48.139, lon=37.7497)
    country = place("Ukraine", "UA", precision="country", lat=49.0, lon=32.0)
    assert facts.best_point(extraction(places=[country, oblast, town]))[:2] == (48.139, 37.7497)
    assert facts.best_point(extraction(places=[country])) is None
    at = Location(name="Marinka", country="UA", lat=47.94, lon=37.50)
    assert facts.best_point(extraction(places=[town], events=[event("e1", "Battles", "Armed clash", location=at)])) == (47.94, 37.50, "event")


def test_best_point_takes_no_stand_in_point_of_an_area_unless_asked():
    east = place("eastern Chad", "TD", precision="area", lat=13.5, lon=20.8)
    region = place("Ouaddaï", "TD", precision="region", lat=13.83, lon=20.83)
    assert facts.best_point(extraction(places=[east])) is None
    assert facts.best_point(extraction(places=[east]), facts.AREA_POINTS)[:2] == (13.5, 20.8)
    assert facts.best_point(extraction(places=[east, region]))[:2] == (13.83, 20.83)
    in_area = Location(name="eastern Chad", country="TD", lat=13.5, lon=20.8, precision="area")
    at_area = extraction(places=[east, region], events=[event("e1", "Battles", "Armed clash", location=in_area)])
    assert facts.best_point(at_area)[2] == "place"  # the event's stand-in point is passed over for a finer place


# --- ISAF ----------------------------------------------------------------------------------------

ISAF_RECORD = {
    "text": (
        "KABUL, Afghanistan (March 4, 2011) - An Afghan and coalition security force killed two insurgents "
        "and detained three suspects in Nahr-e Saraj district, Helmand province, yesterday."
    ),
    "labels": {
        "start_date": "2011-03-03", "event_type": ["insurgentskilled;detention"], "province": ["helmand"],
        "min_killed": 2, "min_captured": 3,
    },
}


def isaf_row(**labels):
    record = json.loads(json.dumps(ISAF_RECORD))
    record["labels"].update(labels)
    return isaf.parse_row(record, 1)


def good_isaf_extraction(province_place=None):
    return extraction(
        places=[province_place or place("Nahr-e Saraj", "AF", admin1="Helmand")],
        claims=[claim("c1", ["killed"], 2, event_id="e1"), claim("c2", ["detained"], 3, event_id="e1")],
        events=[event("e1", "Battles", "Armed clash", day="2011-03-03", fatalities=2)],
    )


def test_isaf_gold_reading():
    row = isaf_row()
    assert row.labels == {"insurgentskilled", "detention"}
    assert row.provinces == {"helmand"}
    assert isaf_row(province=["??"]).provinces is None
    assert isaf_row(province=["Paktiya"]).provinces == {"paktya"}
    assert row.published is None  # the record has none; the text dates itself


def test_isaf_score_rewards_right_answers_and_a_wrong_province_lowers_it():
    rows = [isaf_row(event_type=["captureandkill"])] * 2
    right = isaf.score(rows, [good_isaf_extraction()] * 2)
    assert right.value("min_killed/accuracy") == 1.0
    assert right.value("min_captured/accuracy") == 1.0
    assert right.value("province/exact set") == 1.0
    assert right.value("start_date/accuracy") == 1.0
    assert right.value("event_type/exact label set") == 1.0

    wrong = good_isaf_extraction(place("Spin Boldak", "AF", admin1="Kandahar"))
    mixed = isaf.score(rows, [good_isaf_extraction(), wrong])
    assert mixed.value("province/exact set") == 0.5
    assert mixed.value("province/precision") == 0.5
    assert mixed.value("min_killed/accuracy") == 1.0  # other fields unaffected
    assert [e.field for e in mixed.errors] == ["province"]


def test_isaf_province_comes_from_where_the_events_happened():
    rows = [isaf_row()]
    dateline = place("Kabul", "AF", admin1="Kabul", evidence=[(0, 5)])
    sangin = Location(name="Sangin", country="AF", admin1="Helmand", lat=32.07, lon=64.83)
    x = extraction(places=[dateline, place("Sangin", "AF", admin1="Helmand")],
                   events=[event("e1", "Battles", "Armed clash", location=sangin)])
    report = isaf.score(rows, [x])
    assert report.value("province/exact set") == 1.0
    assert report.value("province/exact set (all places)") == 0.0  # the dateline's Kabul is not where it happened
    unlocated = extraction(places=[dateline, place("Sangin", "AF", admin1="Helmand")])
    # no event location: every place named counts, but not the dateline's city
    assert isaf.score(rows, [unlocated]).value("province/exact set") == 1.0
    kandahar = extraction(places=[dateline, place("Sangin", "AF", admin1="Helmand"), place("Kandahar", "AF", admin1="Kandahar")])
    assert isaf.score(rows, [kandahar]).value("province/exact set") == 0.0


def test_isaf_counts_and_dates_can_be_wrong():
    rows = [isaf_row()]
    x = extraction(claims=[claim("c1", ["killed"], 2), claim("c2", ["killed"], 3)],  # two claims, no event: 5
                   events=[event("e1", "Battles", "Armed clash", day="2011-03-04")])
    report = isaf.score(rows, [x])
    assert report.value("min_killed/accuracy") == 0.0
    assert report.value("min_killed/mean abs error") == 3.0
    # the same figure told twice is the same people told again: 2, right
    again = extraction(claims=[claim("c1", ["killed"], 2), claim("c2", ["killed"], 2)])
    assert isaf.score(rows, [again]).value("min_killed/accuracy") == 1.0
    assert report.value("min_captured/accuracy") == 0.0
    assert report.value("start_date/accuracy") == 0.0
    assert report.value("start_date/within 1 day") == 1.0


def test_isaf_start_date_falls_back_to_the_publication_date():
    x = extraction(published="2011-03-03")
    assert isaf.predict(x).start_date == "2011-03-03" and isaf.predict(x).date_source == "published"
    assert isaf.predict(extraction()).date_source == "none"


@pytest.mark.parametrize(
    "parts, label",
    [
        ({"events": [event("e1", "Explosions/Remote violence", "Air/drone strike", fatalities=3)]}, "airstrike"),
        ({"claims": [claim("c1", ["detained"], 4)]}, "detention"),
        ({"events": [event("e1", "Strategic developments", "Arrests")]}, "detention"),
        ({"claims": [claim("c1", ["killed"], 1)]}, "insurgentskilled"),
        ({"claims": [claim("c1", ["killed"], 1), claim("c2", ["captured"], 2)]}, "captureandkill"),
        ({"claims": [claim("c1", ["killed"], 2, group="civilians")]}, "civiliancasualty"),
        ({"claims": [claim("c1", ["killed"], 0)]}, None),  # "no one was killed" is no kill
        ({}, None),
    ],
)
def test_isaf_labels_from_events_and_claims(parts, label):
    assert isaf.predict_label(extraction(**parts)) == label


def test_isaf_per_label_precision_and_recall():
    rows = [isaf_row(event_type=["airstrike"]), isaf_row(event_type=["detention"]), isaf_row(event_type=["detention"])]
    strike = extraction(events=[event("e1", "Explosions/Remote violence", "Air/drone strike")])
    held = extraction(claims=[claim("c1", ["detained"], 2)])
    report = isaf.score(rows, [strike, strike, held])
    assert report.value("event_type:airstrike/precision") == 0.5
    assert report.value("event_type:airstrike/recall") == 1.0
    assert report.value("event_type:detention/precision") == 1.0
    assert report.value("event_type:detention/recall") == 0.5


def test_isaf_report_shows_published_references_and_credit():
    report = isaf.score([isaf_row()], [good_isaf_extraction()])
    assert report.get("min_killed/accuracy").reference == {"fine-tuned 7B": 0.98, "GPT-4o": 0.95}
    text = render_text(report, errors=3)
    assert "fine-tuned 7B" in text and "GPT-4o" in text and "CC BY-SA 4.0" in text
    assert "Strick van Linschoten" in render_markdown(report)
    data = json.loads(render_json(report))
    assert data["dataset"] == "isaf" and any(s["key"] == "province/exact set" for s in data["scores"])


# --- UCDP ----------------------------------------------------------------------------------------


def ucdp_record(**values):
    base = {
        "id": "1", "source_headline": "", "source_date": "", "source_original": "", "best": "0", "low": "0",
        "high": "0", "where_prec": "1", "where_description": "", "adm_1": "Donetsk oblast",
        "latitude": "48.0159", "longitude": "37.8028",
    }
    base.update(values)
    return base


def test_ucdp_headlines_pair_with_dates_in_both_formats():
    pairs = ucdp.split_headlines("Shelling kills two in Horlivka;Horlivka", "2015-02-03;04/02/2015")
    assert [(h.text, h.published) for h in pairs] == [("Shelling kills two in Horlivka", "2015-02-03"), ("Horlivka", "2015-02-04")]
    short = ucdp.split_headlines("One soldier killed near Avdiivka;Avdiivka ", "17/03/2017")
    assert [h.published for h in short] == ["2017-03-17", "2017-03-17"]


def test_ucdp_rows_sharing_a_headline_form_one_cluster():
    shared = "Seven Ukrainian soldiers killed in 24 hours - military"
    rows = [
        ucdp.parse_row(ucdp_record(id="a", source_headline=shared, source_date="2016-05-24", best="4", low="3", high="4"), 1),
        ucdp.parse_row(ucdp_record(id="b", source_headline=f"{shared};Luhansk", source_date="2016-05-24;2016-05-24", best="3", low="3", high="3"), 2),
        ucdp.parse_row(ucdp_record(id="c", source_headline=shared, source_date="2016-05-25", best="1", low="1", high="1"), 3),
    ]
    assert ucdp.clusters(rows) == [[0, 1], [2]]  # the same headline on another day is another report


def test_ucdp_deaths_compare_a_headline_with_the_events_it_was_split_into():
    headline = "Seven Ukrainian soldiers killed in 24 hours - military"
    rows = [
        ucdp.parse_row(ucdp_record(source_headline=headline, source_date="2016-05-24", best="4", low="3", high="4"), 1),
        ucdp.parse_row(ucdp_record(source_headline=headline, source_date="2016-05-24", best="3", low="3", high="3"), 2),
        ucdp.parse_row(ucdp_record(source_headline="Pisky", source_date="2014-08-30", best="1", low="1", high="1"), 3),
    ]
    seven = extraction(claims=[claim("c1", ["killed"], 7)])
    report = ucdp.score(rows, [[seven], [seven], [extraction()]])
    assert report.get("deaths/exact (best)").n == 1  # the bare place-name headline carries no toll
    assert report.value("deaths/exact (best)") == 1.0
    assert report.value("deaths/within low–high") == 1.0
    six = extraction(claims=[claim("c1", ["killed"], 6)])
    worse = ucdp.score(rows, [[six], [six], [extraction()]])
    assert worse.value("deaths/exact (best)") == 0.0 and worse.value("deaths/within low–high") == 1.0
    assert worse.value("deaths/mean abs error (answered)") == 1.0
    silent = ucdp.score(rows, [[extraction()], [extraction()], [extraction()]])
    assert silent.value("deaths/answered") == 0.0 and silent.value("deaths/exact (best)") == 0.0


def test_ucdp_precise_headline_figure_beats_a_vague_one():
    rows = [ucdp.parse_row(ucdp_record(source_headline="Twelve fighters killed in ambush near Shchastia;Dozens killed in east Ukraine fighting",
                                       source_date="2014-09-05;2014-09-05", best="12", low="10", high="12"), 1)]
    twelve = extraction(claims=[claim("c1", ["killed"], 12)])
    dozens = extraction(claims=[claim("c1", ["killed"], None, low=24, qualifier="vague")])
    assert ucdp.score(rows, [[twelve, dozens]]).value("deaths/exact (best)") == 1.0
    assert ucdp.score(rows, [[extraction(), dozens]]).value("deaths/exact (best)") == 0.0  # vague, when alone, still counts


def test_ucdp_claimant_token_overlap():
    rows = [
        ucdp.parse_row(ucdp_record(source_headline="Two civilians killed in shelling of Donetsk - DPR operational command",
                                   source_date="2017-02-01", source_original="Eduard Basurin, DPR Operational Command"), 1),
        ucdp.parse_row(ucdp_record(source_headline="One soldier killed near Popasna - JFO",
                                   source_date="2019-06-02", source_original="Joint Forces Operation HQ (JFO)"), 2),
    ]
    named = extraction(claims=[claim("c1", ["killed"], 2, claimant="DPR operational command")])
    other = extraction(claims=[claim("c1", ["killed"], 1, claimant="Ukrainian military", via=["Interfax"])])
    report = ucdp.score(rows, [[named], [other]])
    assert report.value("claimant/token overlap") == 0.5
    assert report.value("claimant/precision") == 0.5
    both = ucdp.score(rows, [[named], [extraction(claims=[claim("c1", ["killed"], 1, claimant="JFO press centre")])]])
    assert both.value("claimant/token overlap") == 1.0


def test_ucdp_places_distance_and_oblast():
    row = ucdp.parse_row(ucdp_record(source_headline="Shelling kills two in Horlivka", source_date="2015-02-03",
                                     where_description="Horlivka town", adm_1="Donetsk oblast",
                                     latitude="48.3336", longitude="38.0925", where_prec="1"), 1)
    text = row.headlines[0].text
    near = extraction(places=[place("Horlivka", "UA", admin1="Donetsk Oblast", lat=48.3353, lon=38.0553,
                                    evidence=[(text.index("Horlivka"), len(text))])])
    far = extraction(places=[place("Kramatorsk", "UA", admin1="Donetsk Oblast", lat=48.7232, lon=37.5563)])
    good, bad = ucdp.score([row], [[near]]), ucdp.score([row], [[far]])
    assert good.value("location/within 25 km") == 1.0 and good.value("location/median error") < 5
    assert bad.value("location/within 25 km") == 0.0 and bad.value("location/median error") > 50
    assert good.value("adm_1/hit rate") == bad.value("adm_1/hit rate") == 1.0
    assert good.value("where_description/place named") == 1.0
    assert bad.value("where_description/place named") == 0.0
    nowhere = ucdp.score([row], [[extraction()]])
    assert nowhere.value("location/answered") == 0.0 and nowhere.value("adm_1/hit rate") == 0.0


def test_ucdp_an_area_is_no_location_but_a_later_headline_village_is():
    row = ucdp.parse_row(ucdp_record(source_headline="Four soldiers killed in east of the country;Zolote",
                                     source_date="2016-03-01;2016-03-01", latitude="48.70", longitude="38.52",
                                     where_prec="1"), 1)
    east = extraction(places=[place("eastern Ukraine", "UA", precision="area", lat=48.2, lon=35.3)])
    village = extraction(places=[place("Zolote", "UA", lat=48.70, lon=38.52)])
    alone = ucdp.score([row], [[east, extraction()]])
    assert alone.value("location/answered") == 1.0 and alone.value("location/placed only in an area") == 1.0
    assert alone.value("location/located (exact, near or region)") == 0.0
    assert alone.get("location/within 25 km").n == 0  # a stand-in point is not scored as a location
    assert alone.value("location/within 25 km (area points too)") == 0.0  # ... except in the former reading
    both = ucdp.score([row], [[east, village]])
    assert both.value("location/placed only in an area") == 0.0 and both.value("location/within 25 km") == 1.0


def test_ucdp_rows_without_a_precise_place_are_not_distance_scored():
    row = ucdp.parse_row(ucdp_record(source_headline="Two soldiers killed in Donbas", source_date="2019-01-05",
                                     where_prec="4"), 1)
    report = ucdp.score([row], [[extraction()]])
    assert report.get("location/answered").n == 0


# --- ACLED ---------------------------------------------------------------------------------------

ACLED_ROWS = [
    {
        "event_id_cnty": "UKR9001", "event_date": "14 March 2022", "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Military Forces of Russia (2000-)",
        "actor2": "Civilians (Ukraine)", "admin1": "Kharkiv", "location": "Kharkiv",
        "latitude": "49.9935", "longitude": "36.2304", "fatalities": "3",
        "notes": "On 14 March 2022, Russian forces shelled a residential district of Kharkiv city, killing 3 civilians.",
    },
    {
        "event_id_cnty": "UKR9002", "event_date": "2022-03-15", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Ukraine (2019-)",
        "actor2": "Military Forces of Russia (2000-)", "admin1": "Mykolaiv", "location": "Voznesensk",
        "latitude": "47.5667", "longitude": "31.3333", "fatalities": "0",
        "notes": "On 15 March 2022, Ukrainian forces clashed with Russian forces near Voznesensk. Casualties unknown.",
    },
    {
        "event_id_cnty": "UKR9003", "event_date": "16 March 2022", "event_type": "Strategic developments",
        "sub_event_type": "Arrests", "actor1": "Police Forces of Ukraine (2019-)", "actor2": "",
        "admin1": "Odesa", "location": "Odesa", "latitude": "46.4775", "longitude": "30.7326", "fatalities": "0",
        "notes": "On 16 March 2022, the SBU detained a man in Odesa suspected of spotting targets for Russian artillery.",
    },
]


@pytest.fixture
def acled_csv(tmp_path) -> Path:
    path = tmp_path / "acled-ukraine.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(ACLED_ROWS[0]))
        writer.writeheader()
        writer.writerows(ACLED_ROWS)
    return path


def acled_answers() -> dict[str, Extraction]:
    """What a good extractor would say for each note; the third one gets the place and type wrong."""
    return {
        ACLED_ROWS[0]["notes"]: extraction(
            claims=[claim("c1", ["killed"], 3, event_id="e1", group="civilians")],
            events=[event("e1", "Explosions/Remote violence", "Shelling/artillery/missile attack", day="2022-03-14",
                          fatalities=3, actors=["Russian forces", "civilians"],
                          location=Location(name="Kharkiv", country="UA", lat=49.9808, lon=36.2527))],
        ),
        ACLED_ROWS[1]["notes"]: extraction(
            events=[event("e1", "Battles", "Armed clash", day="2022-03-15", actors=["Ukrainian forces", "Russian forces"],
                          location=Location(name="Voznesensk", country="UA", precision="near", lat=47.5679, lon=31.3167))],
        ),
        ACLED_ROWS[2]["notes"]: extraction(
            places=[place("Kyiv", "UA", lat=50.4501, lon=30.5234)],
            events=[event("e1", "Violence against civilians", "Attack", day="2022-03-16", actors=["SBU"])],
        ),
    }


def fake_extractor(answers: dict[str, Extraction]) -> Extractor:
    return Extractor(lambda document: answers.get(document.text, extraction()))


def test_acled_reading_and_scoring(acled_csv):
    rows = acled.load(acled_csv)
    assert [r.event_date for r in rows] == ["2022-03-14", "2022-03-15", "2022-03-16"]
    assert rows[0].fatalities == 3 and rows[0].lat == pytest.approx(49.9935)
    report = acled.evaluate(acled_csv, extractor=fake_extractor(acled_answers()), progress=False)
    assert report.items == 3 and report.texts == 3
    assert report.value("event_type/accuracy") == pytest.approx(2 / 3)
    assert report.value("sub_event_type/accuracy") == pytest.approx(2 / 3)
    assert report.value("fatalities/exact") == 1.0  # 3, and 0 where nothing was reported
    assert report.value("event_date/accuracy") == 1.0
    assert report.value("location/within 25 km") == pytest.approx(2 / 3)  # Odesa placed in Kyiv
    assert report.value("location/median error") < 5
    assert report.value("event_type:Battles/recall") == 1.0
    assert report.value("event_type:Strategic developments/recall") == 0.0
    assert report.value("actor1/token overlap") == pytest.approx(2 / 3)  # "SBU" shares no word with the police


def test_acled_fatalities_within_range():
    row = acled.parse_row(dict(ACLED_ROWS[0], fatalities="12"), 1)
    ranged = extraction(claims=[claim("c1", ["killed"], 10, low=10, high=15, qualifier="range", event_id="e1")],
                        events=[event("e1", "Explosions/Remote violence", "Air/drone strike", fatalities=10)])
    report = acled.score([row], [ranged])
    assert report.value("fatalities/exact") == 0.0
    assert report.value("fatalities/gold within sitrep's range") == 1.0
    narrow = extraction(events=[event("e1", "Explosions/Remote violence", "Air/drone strike", fatalities=10)])
    assert acled.score([row], [narrow]).value("fatalities/gold within sitrep's range") == 0.0


def test_acled_rejects_a_file_without_its_columns(tmp_path):
    path = tmp_path / "not-acled.csv"
    path.write_text("notes,event_type\nSomething happened,Battles\n", encoding="utf-8")
    with pytest.raises(ValueError, match="latitude"):
        acled.load(path)


def test_gold_readers_name_the_bad_file_and_line(tmp_path):
    broken = tmp_path / "isaf.jsonl"
    broken.write_text(json.dumps(ISAF_RECORD) + "\n{\"text\": \"cut off\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"isaf.jsonl:2"):
        isaf.load(broken)
    assert len(isaf.load(broken, limit=1)) == 1
    # Both JSON Lines readers share one loop: blank lines skipped, a line that is JSON but not an
    # object refused with its line number.
    listed = tmp_path / "devset.jsonl"
    devset_record = {"id": "a", "text": "Shelling hit the town.", "gold": {"events": []}}
    listed.write_text("\n" + json.dumps(devset_record) + "\n\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"devset.jsonl:4: not a JSON object"):
        devset.load(listed)
    assert [item.index for item in devset.load(listed, limit=1)] == [2]
    ged = tmp_path / "ged.csv"
    ged.write_text("id,source_headline\n1,Two killed in Avdiivka\n", encoding="utf-8")
    with pytest.raises(ValueError, match="best"):
        ucdp.load(ged)


def test_detect_format(tmp_path, acled_csv):
    isaf_file = tmp_path / "isaf.jsonl"
    isaf_file.write_text(json.dumps(ISAF_RECORD) + "\n", encoding="utf-8")
    ucdp_file = tmp_path / "ged.csv"
    ucdp_file.write_text("id,source_headline,source_date,best\n1,Two killed,2015-01-01,2\n", encoding="utf-8")
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    assert detect_format(isaf_file) == "isaf"
    assert detect_format(ucdp_file) == "ucdp"
    assert detect_format(acled_csv) == "acled"
    with pytest.raises(ValueError, match="other.csv"):
        detect_format(other)


def test_extractor_runs_each_distinct_text_once():
    calls = []

    def count_calls(document: Document) -> Extraction:
        calls.append((document.text, document.published))
        return extraction()

    run = Extractor(count_calls)
    run.run([("Avdiivka", "2017-01-30"), ("Avdiivka", "2017-01-30"), ("Avdiivka", "2017-01-31")], "test", progress=False)
    run("Avdiivka", "2017-01-30")
    assert calls == [("Avdiivka", "2017-01-30"), ("Avdiivka", "2017-01-31")]
    assert run.texts == 2


# --- the command ---------------------------------------------------------------------------------


def test_cli_evaluates_an_acled_export(acled_csv):
    result = CliRunner().invoke(main, ["evaluate", str(acled_csv), "--json", "--errors", "1"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"] == "acled" and data["items"] == 3
    keys = {s["key"] for s in data["scores"]}
    assert {"event_type/accuracy", "fatalities/exact", "location/median error", "event_date/accuracy"} <= keys
    assert all(s["value"] is None or 0 <= s["value"] for s in data["scores"])
    assert "acled: 3/3 texts extracted" in result.stderr


def test_cli_limit_text_and_markdown(acled_csv):
    text = CliRunner().invoke(main, ["evaluate", str(acled_csv), "--limit", "2", "--no-progress"])
    assert text.exit_code == 0, text.output
    assert "ACLED export (notes): 2 gold items" in text.stdout and "sub_event_type" in text.stdout
    md = CliRunner().invoke(main, ["evaluate", str(acled_csv), "--markdown", "--no-progress"])
    assert md.exit_code == 0
    header = next(line for line in md.stdout.splitlines() if line.startswith("| field"))
    assert [cell.strip() for cell in header.strip("|").split("|")][:4] == ["field", "metric", "sitrep", "n"]


def test_cli_reports_a_wrong_format_as_an_error(acled_csv, tmp_path):
    result = CliRunner().invoke(main, ["evaluate", str(acled_csv), "--format", "isaf", "--no-progress"])
    assert result.exit_code != 0 and "Error" in result.output
    junk = tmp_path / "junk.csv"
    junk.write_text("a,b\n1,2\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(junk), "--no-progress"])
    assert result.exit_code == 1 and "junk.csv" in result.output


# --- the real gold data, against the floors ------------------------------------------------------


@needs_shared
@pytest.mark.shared
@pytest.mark.parametrize("dataset", ["isaf", "ucdp", "devset"])
def test_real_gold_scores_stay_above_the_floors(shared, dataset):
    """Floors (higher is better) and ceilings (errors: lower is better) live in evaluation_floors.json."""
    config = json.loads(FLOORS.read_text(encoding="utf-8"))[dataset]
    report = evaluate_file(shared / config["file"], fmt=dataset, limit=config.get("limit"), progress=False)
    assert report.items > 0 and report.texts > 0
    missed = {}
    for key, floor in config.get("floors", {}).items():
        value = report.value(key)
        if value is None or value < floor:
            missed[key] = (value, ">=", floor)
    for key, ceiling in config.get("ceilings", {}).items():
        value = report.value(key)
        if value is None or value > ceiling:
            missed[key] = (value, "<=", ceiling)
    assert not missed, f"{dataset} scores regressed past their floors/ceilings: {missed}"


def test_ucdp_claimants_include_who_tells_of_an_event_without_a_casualty_claim():
    import sitrep
    from sitrep.evaluate import facts

    x = sitrep.extract("Army says rebels break truce near Mariupol", published="2016-05-02")
    assert not x.claims
    assert facts.names_match("Ukrainian army", facts.claimant_strings(x))


def test_isaf_province_fallback_leaves_out_the_dateline_city():
    # no event with an Afghan place: the provinces are those of the places named, but not the dateline's
    # city, which says where the release was issued
    text = ("KANDAHAR, Afghanistan (May 3, 2011) – Police detained a courier near Tirin Kot in Uruzgan "
            "province, a spokesman in Washington said.")
    x = sitrep.extract(text)
    x = dataclasses.replace(x, events=[])
    assert isaf.predict(x, text).provinces == frozenset({"uruzgan"})
    assert "kandahar" in isaf.predict(x).provinces  # without the text, every place named counts


def test_isaf_start_date_of_an_overnight_operation_is_the_night_before():
    text = "KHOST, Afghanistan (Sept. 14, 2010) - Soldiers detained three suspects in Sabari district overnight."
    prediction = isaf.predict(sitrep.extract(text), text)
    assert prediction.start_date == "2010-09-13"
