"""The resolver's pure parts: persons from mentions, merged events from reports, the claims timeline."""

from __future__ import annotations

import pytest

from sitrep.resolve.config import ResolveConfig
from sitrep.resolve.events import EventReport, compare_events, merge_events, pair_scores
from sitrep.resolve.names import name_parts, same_person_name
from sitrep.resolve.people import PersonMention, cluster_people
from sitrep.resolve.timeline import build_timeline, parse_subject

REG247 = "ru:247th-air-assault-regiment"


def mention(doc, name, n=0, **kw):
    return PersonMention(doc, f"p{n}", name, ord=int(doc[1:]) * 10 + n if doc[1:].isdigit() else n, **kw)


# --- names ---------------------------------------------------------------------------------------

def test_russian_order_and_patronymics():
    assert name_parts("Зизевский Константин Николаевич") == ("Константин", "Зизевский")
    assert name_parts("Konstantin Nikolayevich Zizevsky") == ("Konstantin", "Zizevsky")
    assert name_parts("Viktor Yanukovych") == ("Viktor", "Yanukovych")  # two words: -ych is the surname
    assert same_person_name("Зизевский Константин", "Konstantin Zizevskiy")


# --- people --------------------------------------------------------------------------------------

def test_spelling_variants_of_one_colonel_become_one_person_with_reasons():
    ms = [
        mention("d1", "Konstantin Zizevsky", rank="Colonel", unit_key=REG247, side="RU", status="killed",
                published="2022-04-08", event_date="2022-04-06", event_place="southern Ukraine"),
        mention("d2", "Konstantin Zizevskiy", rank="Colonel", unit_key=REG247, side="RU", published="2022-04-09"),
        mention("d3", "Константин Зизевский", side="RU", published="2022-04-10"),
    ]
    index, decisions = cluster_people(ms)
    assert len(index.persons) == 1
    person = next(iter(index.persons.values()))
    assert set(person.names) == {"Konstantin Zizevsky", "Konstantin Zizevskiy", "Константин Зизевский"}
    assert (person.fate, person.fate_date, person.fate_place) == ("killed", "2022-04-06", "southern Ukraine")
    assert person.reports == 3 and person.rank == "Colonel"
    merged = [d for d in decisions if d.decision == "merged"]
    assert len(merged) == 2
    assert any("unit" in r for r, _ in merged[0].reasons) and merged[0].score >= 3.0


def test_namesakes_are_kept_apart_by_side_unit_and_rank():
    ms = [
        mention("d1", "Evgeny Ivanov", rank="Captain", unit_key=REG247, side="RU"),
        mention("d2", "Yevhen Ivanov", rank="Sergeant", unit_key="ua:93rd-separate-mechanized-brigade", side="UA"),
        mention("d3", "Evgeny Ivanov", rank="Private", side="RU"),  # six steps below a captain
        mention("d4", "Yevgeny Ivanov", rank="Captain", unit_key=REG247, side="RU"),
    ]
    index, decisions = cluster_people(ms)
    assert index.where["d1:p0"] == index.where["d4:p0"]
    assert len({index.where[k] for k in ("d1:p0", "d2:p0", "d3:p0")}) == 3
    notes = " ".join(r for d in decisions for r, _ in d.reasons)
    assert "side UA" in notes and "rank Private" in notes


def test_a_common_full_name_alone_is_not_enough():
    index, _ = cluster_people([mention("d1", "Sergei Petrov"), mention("d2", "Sergei Petrov")])
    assert len(index.persons) == 2
    # ... but the same rank makes it
    index, _ = cluster_people([mention("d1", "Sergei Petrov", rank="Major"), mention("d2", "Sergei Petrov", rank="Major")])
    assert len(index.persons) == 1


def test_a_typo_in_the_surname_merges_and_a_bare_surname_needs_one_clear_candidate():
    index, _ = cluster_people([mention("d1", "Alexander Lysenko", role="reconnaissance commander", side="RU"),
                               mention("d2", "Aleksandr Lysenkko", role="reconnaissance commander", side="RU")])
    assert len(index.persons) == 1
    two = [mention("d1", "Oleg Marchuk", rank="Major", side="UA"), mention("d2", "Andriy Marchuk", rank="Major", side="UA"),
           mention("d3", "Marchuk", rank="Major", side="UA")]
    index, decisions = cluster_people(two)
    assert len(index.persons) == 3
    assert any("ambiguous" in r for r, _ in decisions[2].reasons)


def test_user_merge_and_split_are_applied_after_clustering():
    ms = [mention("d1", "Dmitry Peskov", role="Kremlin spokesman", side="RU"), mention("d2", "Peskov", side="RU"),
          mention("d3", "Dmitry Peskov", role="Kremlin spokesman", side="RU")]
    index, _ = cluster_people(ms)
    assert index.where["d1:p0"] == index.where["d3:p0"] != index.where["d2:p0"]
    index, _ = cluster_people(ms, overrides=[("merge", ("d1:p0", "d2:p0")), ("split", ["d3:p0"])])
    assert index.where["d1:p0"] == index.where["d2:p0"] != index.where["d3:p0"]


# --- events --------------------------------------------------------------------------------------

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
NIKOPOL = dict(location="Nikopol", geonames_id=700051, admin1="Dnipropetrovsk Oblast", country="UA", lat=47.5712,
               lon=34.3964, geo_precision="exact")
MARHANETS = dict(location="Marhanets", geonames_id=702320, admin1="Dnipropetrovsk Oblast", country="UA", lat=47.648,
                 lon=34.627, geo_precision="exact")
KHERSON = dict(location="Kherson", geonames_id=706448, admin1="Kherson Oblast", country="UA", lat=46.6354, lon=32.6169,
               geo_precision="exact")


def report(doc, place, day, toll=None, types=SHELLING, item="e1", **kw):
    return EventReport(doc, item, *types, date_start=day, date_end=day, fatalities=toll, published=day,
                       ord=int(doc[1:]), **place, **kw)


def test_five_outlets_over_two_days_make_one_event_and_the_log_says_why():
    reports = [report("d1", NIKOPOL, "2023-07-14", 2, actor1_side="RU"), report("d2", NIKOPOL, "2023-07-14", 2),
               report("d3", NIKOPOL, "2023-07-14", 3), report("d4", NIKOPOL, "2023-07-15", 3),
               report("d5", NIKOPOL, "2023-07-14", 4, actor1_side="RU")]
    index, decisions = merge_events(reports)
    assert len(index.events) == 1
    summary = next(iter(index.events.values())).summary()
    assert (summary["fatalities_low"], summary["fatalities_high"], summary["reports"]) == (2, 4, 5)
    assert decisions[3].decision == "merged" and ("a day apart", 0.5) in decisions[3].reasons
    assert any(r.startswith("same place Nikopol") for r, _ in decisions[1].reasons)


def test_far_apart_places_other_types_and_other_weeks_are_never_merged():
    cfg = ResolveConfig()
    base = report("d1", NIKOPOL, "2023-07-14", 2)
    assert "km apart" in compare_events(base, report("d2", KHERSON, "2023-07-14", 2), cfg).veto
    assert "days apart" in compare_events(base, report("d3", NIKOPOL, "2023-07-21", 2), cfg).veto
    protest = report("d4", NIKOPOL, "2023-07-14", types=("Protests", "Peaceful protest"))
    assert "types" in compare_events(base, protest, cfg).veto
    assert "same report" in compare_events(base, report("d1", MARHANETS, "2023-07-14", item="e2"), cfg).veto
    assert compare_events(base, report("d1", NIKOPOL, "2023-07-14", item="e2"), cfg).veto is None  # told twice
    # Marhanets is 19 km from Nikopol: within the default limit, not within a stricter one
    near = report("d5", MARHANETS, "2023-07-14", 2)
    assert compare_events(base, near, cfg).veto is None
    assert len(merge_events([base, near])[0].events) == 2  # two towns shelled the same day: two incidents
    assert compare_events(base, near, cfg.with_values(event={"km": 10})).veto


def test_thresholds_are_configurable_and_unknown_settings_refused(tmp_path):
    path = tmp_path / "merge.toml"
    path.write_text("[event]\nthreshold = 9.5\n[person]\nthreshold = 4\n")
    cfg = ResolveConfig.load(path)
    assert cfg.event["threshold"] == 9.5 and cfg.person["threshold"] == 4
    index, _ = merge_events([report("d1", NIKOPOL, "2023-07-14", 2), report("d2", NIKOPOL, "2023-07-14", 2)], cfg)
    assert len(index.events) == 2
    with pytest.raises(ValueError, match="unknown setting"):
        cfg.with_values(event={"kilometres": 3})


def test_pairwise_precision_and_recall():
    got = pair_scores({"a": "1", "b": "1", "c": "1", "d": "2"}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (got["tp"], got["fp"], got["fn"]) == (1, 2, 1)
    assert got["precision"] == pytest.approx(1 / 3, abs=0.001) and got["recall"] == 0.5
    same = {"d1:e1": "1", "d1:e2": "1", "d2:e1": "1"}
    assert pair_scores(same, same)["tp"] == 3
    assert pair_scores(same, same, cross_report=True)["tp"] == 2  # d1:e1-d1:e2 is inside one report


# --- timeline ------------------------------------------------------------------------------------

def claim(doc, published, claimant, kind, side, best=None, high=None, measure="killed", qualifier="exact", **kw):
    return {"document_id": doc, "claim_id": "c1", "published": published, "claimant": claimant, "claimant_kind": kind,
            "claimant_side": side, "count_best": best, "count_low": None, "count_high": high, "qualifier": qualifier,
            "measure": measure, "subject_side": "RU", "subject_group": "military", "scope": "cumulative",
            "certainty": kw.pop("certainty", "reported"), "via": kw.pop("via", None), **kw}


def test_timeline_orders_claims_and_gives_the_spread_between_claimants():
    rows = [
        claim("d3", "2022-04-08", "NATO official", "anonymous", None, high=40000, measure="captured; wounded; killed",
              qualifier="up_to", via="AP"),
        claim("d1", "2022-04-05", "General Staff", "military", "UA", best=18600),
        claim("d2", "2022-04-07", "Kremlin", "government", "RU", measure="losses", certainty="admitted"),
        claim("d4", "2022-04-12", "General Staff", "military", "UA", best=19800),
        claim("d5", "2022-04-12", "Mediazona", "media", "RU", best=1744, subject_group="civilians"),
    ]
    points = build_timeline(rows, parse_subject("Russian military"), "killed", "cumulative")
    assert [p.document_id for p in points] == ["d1", "d2", "d3", "d4"]
    assert [p.match for p in points] == ["exact", "broad", "combined", "exact"]
    assert points[1].figure is None and points[1].certainty == "admitted"
    assert points[2].spread["claimants"] == {"UA authorities": 18600, "NATO official": 40000}
    assert points[3].spread["low"] == 19800 and points[3].spread["ratio"] == pytest.approx(2.02, abs=0.01)
    strict = build_timeline(rows, parse_subject("RU military"), "killed", "cumulative", strict=True)
    assert [p.document_id for p in strict] == ["d1", "d4"]


def test_subject_words():
    assert parse_subject("RU military").side == "RU"
    assert parse_subject("ukrainian civilians").group == "civilians"
    with pytest.raises(ValueError):
        parse_subject("martians")
