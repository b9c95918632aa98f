"""Event triggers and incident merging, one sentence at a time."""

import pytest

from sitrep.extract.attribution import attribute
from sitrep.extract.context import Context
from sitrep.extract.events import find_events, find_triggers
from sitrep.lexicons import load_table


def events_alone(ctx):
    """The events stage on a text with nothing else found in it (no claims, places, dates, units, people)."""
    return find_events(ctx, claims=[], places=[], dates=[], units=[], people=[], attributions=attribute(ctx, [])).events


def kinds(sentence):
    return [(t.event_type, t.sub_event_type) for t, *_ in find_triggers(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Russian forces shelled the village overnight.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
        ("A drone strike hit a fuel depot.", ("Explosions/Remote violence", "Air/drone strike")),
        ("Two soldiers died when their vehicle struck a roadside bomb.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("The patrol was ambushed near the river.", ("Battles", "Armed clash")),
        ("Troops allegedly executed a local farmer.", ("Violence against civilians", "Attack")),
        ("About 60 servicemen refused to fight.", ("Strategic developments", "Change to group/activity")),
        ("Soldiers were looting houses.", ("Strategic developments", "Looting/property destruction")),
        ("Ukrainian forces recaptured the village of Robotyne.", ("Battles", "Government regains territory")),
        ("Police detained three suspects.", ("Strategic developments", "Arrests")),
    ],
)
def test_trigger_codes_the_sentence(sentence, expected):
    assert expected in kinds(sentence)


def test_hypothetical_is_not_an_event():
    assert kinds("Commanders warned they could launch an air strike on the bridge.") == []


def test_attack_on_civilians_needs_civilians():
    assert ("Violence against civilians", "Attack") not in kinds("They fired on the enemy trench.")
    assert ("Violence against civilians", "Attack") in kinds("Soldiers fired on a car carrying civilians.")


def test_every_frame_uses_acled_strings():
    from sitrep.extract.triggers import frames

    acled = {(r["event_type"], r["sub_event_type"]) for r in load_table("acled_event_types.tsv")}
    assert len(acled) == 25
    used = {(f.event_type, f.sub_event_type) for fs in frames().values() for f in fs}
    assert used <= acled
    assert used == acled  # every sub-type can be read


def test_nearby_sentences_of_one_incident_merge_but_another_case_does_not():
    text = (
        "About 60 servicemen refused to fight. "
        "Their refusal was reported by local media. "
        "In another case, troops from a different unit refused to go to war."
    )
    ctx = Context.from_text(text, published="2022-04-08")
    events = events_alone(ctx)
    assert len(events) == 2
    assert all("refusal_to_fight" in e.tags for e in events)


def test_scare_quoted_trigger_is_alleged():
    text = "Video shows the moment Russian vehicles 'fired on a cyclist' in the town."
    ctx = Context.from_text(text, published="2022-04-08")
    (event,) = events_alone(ctx)
    assert event.certainty == "alleged"
    assert event.actors and event.actors[0].name == "Military Forces of Russia"


def test_undated_event_is_coded_on_the_report_date_as_approximate():
    ctx = Context.from_text("Troops were looting houses.", published="2022-04-08")
    (event,) = events_alone(ctx)
    assert (event.date.start, event.date.end, event.date.precision) == ("2022-04-08", "2022-04-08", "week")


def test_a_dateline_is_not_where_it_happened_and_names_the_big_city():
    from sitrep import extract

    text = ("ZAPORIZHZHIA, Ukraine — Soldiers of the 68th Separate Jaeger Brigade recaptured the village "
            "of Neskuchne in the Donetsk region on Sunday.")
    x = extract(text, published="2023-06-12")
    (event,) = [e for e in x.events if e.sub_event_type == "Government regains territory"]
    assert event.location.name == "Neskuchne"
    dateline = next(p for p in x.places if p.evidence[0].start == 0)
    assert dateline.admin1 == "Zaporizhzhia Oblast"


def test_an_event_without_a_place_takes_the_place_its_story_was_at():
    from sitrep import extract

    text = ("Coalition forces searched a compound in Zurmat district, Paktiya province, yesterday. "
            "During the operation the force engaged insurgents with a precision airstrike.")
    x = extract(text, published="2011-03-14")
    (strike,) = [e for e in x.events if e.sub_event_type == "Air/drone strike"]
    assert strike.location is not None and strike.location.country == "AF"


def test_executing_an_attack_is_not_an_execution():
    assert kinds("The leader was responsible for the execution of attacks on coalition forces.") == []
    assert ("Violence against civilians", "Attack") in kinds("Summary executions of prisoners were reported.")


def test_civilians_killed_by_shelling_are_its_toll_not_a_second_attack():
    assert kinds("Russian shelling killed three civilians in the town.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    ]
    assert ("Violence against civilians", "Attack") in kinds("Soldiers killed two civilians at a checkpoint.")


def test_civilians_attacked_belong_to_the_country_they_were_attacked_in():
    from sitrep import extract

    x = extract("Russian soldiers shot dead two civilians in a village near Kharkiv on Monday.", published="2023-05-02")
    (attack,) = [e for e in x.events if e.event_type == "Violence against civilians"]
    assert [(a.name, a.role) for a in attack.actors] == [("Military Forces of Russia", "actor1"), ("Civilians (Ukraine)", "actor2")]


def test_a_toll_told_after_the_incident_is_the_incident_s():
    from sitrep import extract

    for text, toll in [
        ("A missile hit a shopping centre in Kremenchuk on Monday afternoon. The governor said 18 people were killed.", 18),
        ("Gunmen stormed a village near Bankass overnight. Local officials said on Tuesday that at least 12 villagers died.", 12),
        ("An airstrike hit a market in Idlib on Sunday.\nRescuers said nine people were killed there.", 9),
    ]:
        first = extract(text, published="2024-05-07").events[0]
        assert first.fatalities == toll, text


def test_a_toll_in_another_paragraph_stays_apart():
    from sitrep import extract

    text = "An airstrike hit a market in Idlib on Sunday.\n\nSeparately, officials said nine people were killed in floods."
    assert extract(text, published="2024-05-07").events[0].fatalities is None
