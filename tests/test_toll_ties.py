"""Which event a toll counts, and what a report's "nobody died" says of its events (sitrep.tolls and the
claim-tying functions of extract/events.py). Sentences written for these tests."""

from __future__ import annotations

import pytest

from sitrep import tolls
from sitrep.extract.pipeline import extract
from sitrep.model import Claim, Count, Span, Subject


def claim(measure: list[str], count: Count | None, cid: str = "c1", certainty: str = "reported") -> Claim:
    return Claim(id=cid, measure=measure, subject=Subject(text="people"), count=count, certainty=certainty,
                 evidence=Span(0, 1))


# --- nobody died: the rule ---------------------------------------------------------------------------

def test_nobody_died_holds_when_no_claim_counts_dead():
    zero = claim(["killed", "wounded"], Count(best=0))
    assert tolls.nobody_died([zero, claim(["wounded"], Count(best=3), "c2")]) == [zero]


@pytest.mark.parametrize("other", [
    claim(["killed"], Count(best=2), "c2"),                                # a figure above 0
    claim(["killed"], Count(qualifier="vague", usual_low=3), "c2"),       # "several were killed"
    claim(["killed"], None, "c2"),                                         # deaths told without a number
])
def test_nobody_died_does_not_hold_beside_a_claim_of_dead(other):
    assert tolls.nobody_died([claim(["killed"], Count(best=0)), other]) == []


def test_a_denied_death_claim_does_not_keep_nobody_died_from_holding():
    zero = claim(["killed"], Count(best=0))
    denied = claim(["killed"], Count(best=40), "c2", certainty="denied")
    assert tolls.nobody_died([zero, denied]) == [zero]


# --- nobody died: said once of every event of the report ---------------------------------------------

@pytest.mark.parametrize("closing", [
    "There were no casualties.",
    "No one was killed or injured, the governor said.",
    "Nobody died.",
    "No deaths were reported.",
    "The regional administration said there were no fatalities.",
])
def test_a_closing_no_casualties_gives_every_event_zero(closing):
    text = ("Overnight Russian forces shelled Nikopol and struck Marhanets with drones. Artillery rounds also landed "
            "on Chervonohryhorivka, damaging a school and two houses. Air defence destroyed eleven drones over the "
            f"region. {closing}")
    x = extract(text, published="2024-07-02")
    assert len(x.events) >= 2
    assert all(e.fatalities == 0 for e in x.events), [(e.sub_event_type, e.fatalities) for e in x.events]


@pytest.mark.parametrize("text", [
    "Israeli jets struck two villages near Nabatieh on Friday; a farmer was wounded in Kfar Roummane. No one was killed.",
    "Rebels fired mortars at the airport in Goma and at a camp in Sake on 3 March. Four people were wounded; nobody died.",
])
def test_a_zero_beside_wounded_still_gives_the_lead_zero(text):
    x = extract(text, published="2024-03-04")
    assert x.events and x.events[0].fatalities == 0


def test_a_report_that_counts_dead_keeps_other_events_unknown():
    text = ("Shelling killed two women in Kupiansk on Monday, the governor said. Drones also hit a warehouse in "
            "Balakliia the same night. Nobody was hurt in Izium, where a shell damaged a garage.")
    x = extract(text, published="2024-05-07")
    assert x.events[0].fatalities == 2
    assert not any(e.fatalities == 0 for e in x.events if "Balakl" in (e.location.name if e.location else ""))


# --- a zero fits an event of any kind ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Rioters looted and burned about twenty shops in Jos on 9 June. No casualties.",
    "Unknown men set fire to the district office in Bunia on Saturday; no one was hurt or killed.",
    "Air defence shot down nine drones over Kursk region overnight, the governor said. There were no casualties.",
])
def test_nobody_died_counts_for_events_that_do_not_count_deaths(text):
    x = extract(text, published="2023-06-10")
    assert x.events and x.events[0].fatalities == 0, [(e.sub_event_type, e.fatalities) for e in x.events]


@pytest.mark.parametrize("text", [
    "Soldiers clashed with rebels near Catarman on Monday, killing three of them, and recovered two rifles and a "
    "grenade launcher. No soldier was killed or wounded.",
    "Army engineers defused two roadside bombs near Tal Afar on Sunday, while an hour later gunmen shot dead two "
    "farmers in a nearby village. No soldier was hurt.",
])
def test_beside_dead_counted_a_zero_is_no_toll_of_an_event_that_cannot_count_deaths(text):
    x = extract(text, published="2023-05-10")
    assert any(e.fatalities for e in x.events)
    assert all(e.fatalities is None for e in x.events if e.event_type == "Strategic developments")


# --- a toll told before its incident -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("A blast hit the seized town hall in Kidal on 4 March 2015, killing six people. Malian officials blamed a "
     "rebel rocket, but UN monitors said the damage pointed to an air strike.", 6),
    ("An explosion hit the fuel depot in Makhachkala on 12 May, killing eleven workers. Investigators later said a "
     "Ukrainian drone struck the depot.", 11),
])
def test_a_toll_that_opens_the_report_counts_the_incident_the_next_sentence_tells(text, expected):
    x = extract(text, published="2024-05-20")
    assert x.events and x.events[0].fatalities == expected


def test_a_toll_mid_paragraph_is_not_the_next_incidents_toll():
    text = ("The district has long been restive. Between January and March, monitors recorded the deaths of 33 local "
            "officials. On 2 April, a grenade thrown into a shop in Tafas killed a council member.")
    x = extract(text, published="2024-04-05")
    assert [e.fatalities for e in x.events] == [1]


# --- a word naming the side between the figure and the noun ------------------------------------------

@pytest.mark.parametrize("text, figure", [
    ("After a two-hour firefight near Kani, 9 junta soldiers were killed, the resistance said.", 9),
    ("The observatory said 14 regime troops died in the clashes near Saraqib on Tuesday.", 14),
    ("Eleven opposition fighters were killed in an ambush near Daraa, activists said.", 11),
    ("Four clan militiamen were killed when the convoy was attacked outside Beledweyne.", 4),
    ("Three jihadist fighters and two soldiers were killed in the raid near Menaka.", 3),
])
def test_a_side_word_before_the_noun_keeps_the_toll(text, figure):
    x = extract(text, published="2023-05-10")
    assert figure in [c.count.figure for c in x.claims if c.measure == ["killed"] and c.count]


# --- statements of different people add up ------------------------------------------------------------

def of(subject: str, figure: int, cid: str, start: int, side: str | None = None, low: bool = False) -> Claim:
    count = Count(low=figure, qualifier="at_least") if low else Count(best=figure)
    return Claim(id=cid, measure=["killed"], subject=Subject(text=subject, side=side), count=count,
                 evidence=Span(start, start + 10))


@pytest.mark.parametrize("claims, expected", [
    # one party's dead by one source, the other's by others: the least of each party, added
    ([of("militants", 47, "c1", 0), of("soldiers", 19, "c2", 100), of("soldiers", 7, "c3", 200, low=True)], 54),
    ([of("civilians", 6, "c1", 0), of("policemen", 2, "c2", 100)], 8),
    ([of("insurgents", 12, "c1", 0), of("troops", 2, "c2", 100), of("villagers", 3, "c3", 200)], 17),
    # known sides that differ
    ([of("Ukrainian troops", 100, "c1", 0, side="UA"), of("Russian soldiers", 50, "c2", 100, side="RU")], 150),
    # a side on one claim only says nothing: "militants" may be one belligerent's word for the other's soldiers
    ([of("Ukrainian militants", 100, "c1", 0, side="UA"), of("soldiers", 5, "c2", 100)], 5),
    # the same party told twice: competing figures
    ([of("soldiers", 9, "c1", 0), of("troops", 4, "c2", 100)], 4),
    # a toll of everyone competes with the parties' sum
    ([of("people", 5, "c1", 0), of("militants", 4, "c2", 100), of("soldiers", 1, "c3", 200)], 5),
    ([of("people", 3, "c1", 0), of("militants", 4, "c2", 100), of("soldiers", 1, "c3", 200)], 3),
    ([of("people", 30, "c1", 0), of("militants", 4, "c2", 100), of("soldiers", 1, "c3", 200)], 5),
])
def test_statements_of_different_parties_add_up(claims, expected):
    assert tolls.event_fatalities(claims) == expected
    low, high = tolls.fatality_range(claims)
    assert low <= expected <= high


@pytest.mark.parametrize("text, expected", [
    ("Troops repelled an attack on a base in Jalalaqsi on Sunday. The army said 40 militants were killed in the "
     "fighting. A clan elder said at least six soldiers died.", 46),
    ("Boko Haram fighters attacked a military post in Monguno on 3 May, and the army said 20 terrorists were killed. "
     "Residents said three soldiers lost their lives.", 23),
    ("Taliban fighters stormed a checkpoint in Kunduz on Tuesday night, officials said. The interior ministry said "
     "nine insurgents were killed; local elders told reporters that four policemen died.", 13),
    ("Jihadists attacked the village of Dioura on Friday. The governor said twelve civilians were killed, and the "
     "army said it lost two soldiers in the clashes.", 14),
])
def test_an_event_counts_the_dead_of_both_sides(text, expected):
    x = extract(text, published="2023-05-10")
    assert x.events and x.events[0].fatalities == expected, [(c.subject.text, c.count and c.count.figure, c.event_id) for c in x.claims]


# --- one town's fighting on one day: one toll ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ukrainian troops repelled Russian assaults on Vovchansk on 3 June, the General Staff said. A Russian military "
     "blogger claimed that Russian artillery killed 14 Ukrainian servicemen in Vovchansk the same day.", 14),
    ("Government troops clashed with RSF fighters in El Fasher on Monday, residents said. Army aircraft later bombed "
     "RSF positions in El Fasher, killing 20 fighters, the army said.", 20),
    ("Al-Shabaab fighters attacked an army base in Beledweyne on Tuesday. A suicide car bomb exploded at the gate of "
     "the base in Beledweyne that morning, killing six soldiers.", 6),
])
def test_the_fighters_killed_at_a_town_that_day_are_the_fights_toll(text, expected):
    x = extract(text, published="2024-06-05")
    assert x.events[0].event_type == "Battles" and x.events[0].fatalities == expected
    assert all(e.fatalities is None for e in x.events[1:])


@pytest.mark.parametrize("text", [
    # civilians killed by the shelling: ACLED codes the shelling apart
    "Heavy fighting continued in Chasiv Yar on 5 May, the brigade said. Russian shelling killed three civilians in "
    "Chasiv Yar that day, the governor said.",
    # another town
    "Fighting continued in Toretsk on 5 May, the brigade said. A drone strike killed two soldiers in Pokrovsk the "
    "same day.",
    # another day
    "Fighting continued in Toretsk on 5 May, the brigade said. On 7 May a drone strike killed two soldiers in Toretsk.",
])
def test_a_strike_of_civilians_another_town_or_another_day_keeps_its_toll(text):
    x = extract(text, published="2024-05-08")
    assert x.events[0].fatalities is None
    assert any(e.fatalities for e in x.events[1:])


# --- a toll told settlement by settlement: each part is its settlement's toll -------------------------

def test_a_part_counts_beside_no_whole_but_not_beside_its_whole():
    whole = claim(["killed"], Count(best=5), "c1")
    part = claim(["killed"], Count(best=3), "c2")
    part.part_of = "c1"
    assert tolls.event_fatalities([whole, part]) == 5
    assert tolls.event_fatalities([part]) == 3


@pytest.mark.parametrize("text, published, expected", [
    ("Oleh Syniehubov, head of the Kharkiv regional administration: yesterday Russian forces killed 4 civilians "
     "in Kharkiv region: 3 in Kupiansk and 1 in Vovchansk. Another 6 people were injured.", "2023-08-02",
     {"Kupyansk": 3}),
    ("Governor Serhiy Lysak reported that enemy artillery killed five residents of Dnipropetrovsk region overnight "
     "- three in Nikopol and two in Marhanets.", "2023-06-10", {"Nikopol": 3}),
    ("Over the past day Russian troops shelled the region 41 times, killing 3 people: 2 in Kherson and 1 in "
     "Beryslav. In Beryslav a shell hit a private house.", "2023-05-11", {"Kherson": 2, "Beryslav": 1}),
])
def test_each_settlement_of_a_breakdown_has_its_part_for_toll(text, published, expected):
    x = extract(text, published=published)
    got = {e.location.name: e.fatalities for e in x.events if e.location is not None}
    assert got == expected
    # the whole, a total over the settlements, is no settlement's toll; a part of a town with no event counts none
    by_id = {c.id: c for c in x.claims}
    for event in x.events:
        assert all(by_id[i].part_of is not None for i in event.claim_ids if by_id[i].measure == ["killed"])


# --- a toll and the people it counts, told one by one after it: the toll stands -----------------------

@pytest.mark.parametrize("text, published, toll, parts", [
    ("Russian missiles hit Zaporizhzhia on Monday, killing four civilians, the regional governor said. A woman and "
     "her teenage son died when a missile struck their apartment block.", "2024-04-02", 4, [2]),
    ("Shelling killed three people in Nikopol on Sunday, local officials said. A 70-year-old man was killed in his "
     "garden, and a woman died in hospital.", "2023-07-10", 3, [1, 1]),
    ("An air strike killed five people in Maarat al-Numan on Friday, rescuers said. Ahmad Khalil, a 34-year-old "
     "baker, was killed when the roof of his shop collapsed.", "2019-08-03", 5, [1]),
    ("Gunmen attacked a market in Mopti on Thursday, killing six traders, police said. A shopkeeper was shot dead "
     "at his stall.", "2022-03-04", 6, [1]),
])
def test_people_told_one_by_one_after_a_toll_are_some_of_its_dead(text, published, toll, parts):
    x = extract(text, published=published)
    lead = x.events[0]
    assert lead.fatalities == toll
    [total] = [c for c in x.claims if c.count is not None and c.count.best == toll]
    details = [c for c in x.claims if c.one_by_one]
    assert [c.count.best for c in details] == parts
    assert all(c.part_of == total.id and c.event_id == lead.id for c in details)


def test_a_person_told_on_a_day_of_their_own_after_a_summary_is_an_incident_of_their_own():
    x = extract("The city council named three soldiers killed in the fighting for Bakhmut. Sergeant Ivan Petrenko, "
                "41, was killed on 3 May near Klishchiivka, the brigade said.", published="2023-05-12")
    assert x.events[0].fatalities == 1
    assert not any(c.part_of for c in x.claims)


def test_the_kherson_example_keeps_its_stated_total():
    from pathlib import Path
    text = (Path(__file__).resolve().parents[1] / "examples" / "report-kherson-shelling.txt").read_text(encoding="utf-8")
    assert extract(text).events[0].fatalities == 3


# --- a toll told after an incident on a day of its own is not that incident's --------------------------

@pytest.mark.parametrize("text, published, expected", [
    ("Corporal Taras Melnyk, 28, and Private Yurii Bondar, 33, were killed on Saturday when 152-mm shells hit their "
     "trench on the edge of Marinka, the brigade said. Soldier Maksym Oliinyk, 22, was shot dead by a sniper near the "
     "same trench on Monday.", "2016-03-10", 2),
    ("Russian rockets hit apartment blocks in Izium on 5 March, according to survivors, and rescuers have since "
     "recovered at least 44 bodies. On 11 March, soldiers at a checkpoint shot dead Mykola Bondar, 52, as he drove "
     "to the bakery.", "2022-05-20", 44),
])
def test_a_death_told_on_another_day_is_not_the_incidents_toll(text, published, expected):
    lead = extract(text, published=published).events[0]
    assert lead.fatalities == expected


def test_others_who_died_later_of_the_same_incident_still_count():
    x = extract("A shell hit the central market in Kostiantynivka on Monday, killing three people. A fourth victim "
                "died in hospital on Wednesday, the governor said.", published="2023-09-08")
    assert x.events[0].fatalities == 4


# --- one person joined after a counted group: a claim of their own, in the statement's toll -----------

@pytest.mark.parametrize("text, published, joined, toll", [
    ("An IS suicide bomber hit an army checkpoint near Tikrit on Monday; 3 soldiers and the bomber were killed, the "
     "army said.", "2021-01-05", "the bomber", 4),
    ("A car bomb exploded at a police post in Kismayo on Friday. Five police officers and the driver were killed, "
     "officials said.", "2022-01-08", "the driver", 6),
    ("Two soldiers and a civilian were wounded when a mine exploded near Mopti on Sunday.", "2022-01-10",
     "a civilian", None),
])
def test_one_person_joined_after_a_count_is_counted(text, published, joined, toll):
    x = extract(text, published=published)
    [one] = [c for c in x.claims if c.subject.text == joined]
    assert one.count.best == 1 and one.one_by_one
    assert x.events[0].fatalities == toll


@pytest.mark.parametrize("text", [
    "Police and the commander killed two gunmen near Jos on Sunday.",          # the one joined is a killer
    "Gunmen attacked a checkpoint in Kidal; four soldiers and one attacker died in the exchange of fire.",  # counted
])
def test_no_person_joined_after_a_count_where_none_is_counted_again(text):
    x = extract(text, published="2022-01-10")
    assert sum(c.count.best for c in x.claims if c.measure == ["killed"]) == (2 if "Jos" in text else 5)
