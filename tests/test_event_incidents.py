"""One event per incident, across a whole report: what makes two tellings two incidents, and what makes
a telling no incident at all (background, a harm told beside its cause, the same incident twice)."""

import pytest

import sitrep


def events_of(text, published="2024-03-10"):
    return [(e.sub_event_type, e.location.name if e.location else None, e.date.start if e.date else None)
            for e in sitrep.extract(text, published=published).events]


@pytest.mark.parametrize(
    "text, sub_type, days",
    [
        # obituaries: each soldier killed on a day of his own near the same town
        ("The city council named two soldiers killed near Bakhmut. Sergeant Oleh Petrenko, 34, was killed on 3 March "
         "in fighting near Bakhmut. Private Ivan Soroka, 22, died in battle near Bakhmut on 7 March.",
         "Armed clash", ["2024-03-03", "2024-03-07"]),
        # a clash and another one four days later at the same village
        ("Troops clashed with insurgents near Damboa on 2 March, the army said. Two soldiers were wounded. "
         "On 6 March soldiers clashed with insurgents near Damboa again, killing five.",
         "Armed clash", ["2024-03-02", "2024-03-06"]),
        # two arrests in one city on different days
        ("Security forces detained a journalist in Minsk on 2 March. Police detained his lawyer in Minsk on 5 March.",
         "Arrests", ["2024-03-02", "2024-03-05"]),
    ],
)
def test_same_kind_at_one_place_on_different_days_is_two_incidents(text, sub_type, days):
    found = [e for e in events_of(text) if e[0] == sub_type]
    assert sorted(e[2] for e in found) == days


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen ambushed a convoy near Gao on Tuesday. The ambush on Tuesday killed four soldiers, officials said.",
        "Gunmen ambushed a convoy near Gao on 5 March. Four soldiers were killed in the ambush, which took place on 5 March.",
    ],
)
def test_one_incident_told_twice_on_its_day_is_one_event(text):
    assert [e[0] for e in events_of(text)] == ["Armed clash"]


@pytest.mark.parametrize(
    "text, sub_type",
    [
        ("Two suicide bombers blew themselves up at a bus station in Maiduguri on Sunday; 12 civilians killed plus "
         "the two bombers, 30 wounded.", "Suicide bomb"),
        ("A female suicide bomber detonated her vest near a checkpoint in Diffa: three soldiers killed along with "
         "the bomber.", "Suicide bomb"),
        ("A car bomb exploded outside a hotel in Mogadishu, and five guards were killed.", "Remote explosive/landmine/IED"),
        ("Rebels shelled the market in Goma with mortars on Friday; four traders killed together with a policeman.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_a_toll_told_after_its_means_is_no_second_event(text, sub_type):
    assert [e[0] for e in events_of(text)] == [sub_type]


def test_a_harm_with_its_own_doer_after_the_means_stays_an_event():
    # the drone wounded the man: the drone is the means of this strike, not the toll of the mortar fire
    found = [e[0] for e in events_of("Mortar fire hit Krasnopillia at dawn; later an FPV drone wounded a farmer in Krasnopillia.")]
    assert "Air/drone strike" in found


@pytest.mark.parametrize(
    "text",
    [
        "The highway between Gao and Ansongo has been the target of repeated ambushes.",
        "The militia has been fighting a rival faction for control of the goldfields since 2021.",
        "Fighting in the hills east of Bunia has intensified since the start of the rainy season.",
        "The water plant outside Marinka has been hit repeatedly by shelling.",
        "Government forces have stepped up shelling of rebel-held villages in Idlib in recent weeks.",
        "Officials said the group has previously used chlorine against the army in Deir ez-Zor.",
    ],
)
def test_a_habit_or_trend_told_in_the_perfect_is_no_incident(text):
    assert events_of(text) == []


@pytest.mark.parametrize(
    "text, sub_type",
    [
        # a perfect alone, or a past perfect in reported speech, is the news
        ("Ukrainian forces have recaptured the village of Robotyne, the general staff said.", "Government regains territory"),
        ("The ministry said on Thursday its forces had recaptured Sudzha, held by Ukrainian troops since last August.",
         "Government regains territory"),
        # "since this morning": a barrage told as it happens
        ("Since this morning about 40 rockets have been fired from Gaza at Ashkelon; one hit a school.",
         "Shelling/artillery/missile attack"),
    ],
)
def test_a_perfect_without_a_habit_is_news(text, sub_type):
    assert sub_type in [e[0] for e in events_of(text)]


@pytest.mark.parametrize(
    "text, sub_type",
    [
        ("Gang members launched a coordinated attack on Hinche and took control of the town after hours of fighting "
         "with police.", "Non-state actor overtakes territory"),
        ("Militants seized the town of Djibo after a gun battle with soldiers that lasted all night.",
         "Non-state actor overtakes territory"),
        ("After two days of heavy fighting, government troops recaptured the town of Tarhuna.",
         "Government regains territory"),
    ],
)
def test_the_fighting_told_with_a_takeover_is_how_it_was_taken(text, sub_type):
    found = [e[0] for e in events_of(text)]
    assert found == [sub_type]


@pytest.mark.parametrize(
    "text",
    [
        "Rioters set fire to a police station in Lahore on Friday after clashing with police.",
        "Youths clashed with riot police in Nairobi on Tuesday; later the rioters burned tyres and smashed shop windows.",
    ],
)
def test_a_riot_and_its_clashes_with_police_are_one_event(text):
    found = [e[0] for e in events_of(text)]
    assert "Armed clash" not in found and found.count("Violent demonstration") == 1


def test_coordinated_before_an_attack_is_an_adjective_not_a_role():
    assert "Armed clash" in [e[0] for e in events_of("Militants carried out coordinated assaults on three army posts near Djibo.")]
    assert events_of("He coordinated attacks on police posts in the region for years.") == []



@pytest.mark.parametrize(
    "text",
    [
        "Russian forces captured the village of Krasnohorivka on 9 March, the ministry said. The ministry claimed "
        "that 300 Ukrainian soldiers were killed in Krasnohorivka over the last 24 hours.",
        "Troops fought insurgents near Damboa on 9 March. The army said 40 insurgents were killed near Damboa in the past day.",
    ],
)
def test_a_window_of_time_is_no_day_of_its_own(text):
    # "over the last 24 hours" counts the toll of the fighting told, not another incident
    assert len(events_of(text, published="2024-03-12")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "A firefight erupted near Gwoza on Monday between troops and insurgents.",
        "The gunfight lasted two hours, the police in Kandahar said.",
        "A fierce shootout broke out in Culiacan on Friday night.",
    ],
)
def test_a_noun_ending_like_a_participle_is_no_adjective(text):
    assert "Armed clash" in [e[0] for e in events_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "After a firefight of two hours, 12 soldiers were killed, and the rebels seized five rifles and ammunition.",
        "Troops repelled an attack on their base near Monguno. Eight attackers were killed. "
        "Rifles, grenades and ammunition were recovered.",
        "The gunfight near Tibu lasted an hour and left two guerrillas dead; their rifles were recovered.",
    ],
)
def test_weapons_taken_in_a_fight_are_its_spoils(text):
    assert [e[0] for e in events_of(text)] == ["Armed clash"]


def test_a_weapons_cache_found_alone_is_still_disrupted_weapons_use():
    assert "Disrupted weapons use" in [e[0] for e in events_of(
        "Police in Kandahar recovered a cache of rifles and mortar rounds hidden in a farmhouse on Sunday.")]


@pytest.mark.parametrize(
    "text",
    [
        "Warplanes then hit rocket launch positions and an arms workshop in Khan Younis.",
        "Coalition aircraft struck a chemical weapons production site in western Raqqa on Tuesday.",
        "Russian jets bombed a drone storage facility near Idlib overnight.",
    ],
)
def test_a_site_where_weapons_are_launched_or_made_is_a_target_not_the_means(text):
    assert [e[0] for e in events_of(text)] == ["Air/drone strike"]


@pytest.mark.parametrize(
    "text",
    [
        "Forensic teams exhumed the remains of 20 people from a mass grave near Huanta on 2 March; they are believed "
        "to be farmers killed by soldiers in 1983.",
        "Investigators began excavating a grave near Sinjar containing the remains of Yazidi villagers killed by militants.",
    ],
)
def test_killings_long_past_told_beside_an_exhumation_are_its_background(text):
    assert "Attack" not in [e[0] for e in events_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "He had been awarded the Order of Courage for fighting near Bakhmut in 2023.",
        "A monument to local men killed in Ukraine is to be unveiled in Tomsk in May, the mayor said.",
        "Villagers gathered in Ayacucho to commemorate the farmers killed by soldiers at the bridge.",
    ],
)
def test_deaths_told_in_an_award_or_a_memorial_are_background(text):
    assert [e[0] for e in events_of(text) if e[0] in ("Armed clash", "Attack")] == []


@pytest.mark.parametrize(
    "text, places",
    [
        # an assessment: the lead, then the same kind of fighting at other villages, each its own event
        ("Russian troops probably took Ocheretyne on 9 March. A video shows them hoisting a flag above the village "
         "council. Russian units also attacked near Prohres on 9 March without confirmed gains.",
         ["Ocheretyne", "Prohres"]),
        ("Ukrainian forces pushed back Russian assaults near Terny on Saturday, the General Staff said. "
         "Fighting also went on near Yampolivka the same day, according to a brigade spokesman.",
         ["Terny", "Yampolivka"]),
        # the same, told of towns abroad
        ("Soldiers clashed with insurgents near Damboa on Monday. Further north, troops repelled an attack by "
         "insurgents near Gwoza on Monday.", ["Damboa", "Gwoza"]),
    ],
)
def test_the_same_kind_told_again_at_another_village_is_another_incident(text, places):
    found = [e[1] for e in events_of(text) if e[0] == "Armed clash"]
    assert found == places


@pytest.mark.parametrize(
    "text, place",
    [
        # a back-reference names where the incident already told happened
        ("Russian troops attacked near Robotyne on Monday. The attack near neighbouring Verbove was beaten off.", "Robotyne"),
        # what is told after "the fighting for X" tells where in that fighting someone died
        ("The town council buried two soldiers of the brigade killed in the fighting for Bakhmut. Sergeant Ivan "
         "Melnyk, 31, was killed on Friday while beating off an assault near Khromove.", None),
    ],
)
def test_a_back_reference_or_the_fighting_for_a_town_is_no_second_incident(text, place):
    found = [e for e in events_of(text) if e[0] == "Armed clash"]
    assert len(found) == 1
    if place is not None:
        assert found[0][1] == place


@pytest.mark.parametrize(
    "text, sub_type, place",
    [
        # an official's daily toll, then the means in the town it names
        ("Head of the regional administration: yesterday the occupiers killed 4 civilians in Kherson region: 3 in "
         "Beryslav and 1 in Antonivka. Another 6 people were injured. In Beryslav, Russian artillery hit a bus stop.",
         "Shelling/artillery/missile attack", "Beryslav"),
        ("Over the past day Russian troops killed two residents of Zaporizhzhia region. A guided bomb struck a house "
         "in Orikhiv, killing a couple.", "Air/drone strike", "Orikhiv"),
    ],
)
def test_a_killing_told_before_its_means_is_the_means(text, sub_type, place):
    found = events_of(text)
    assert found[0][:2] == (sub_type, place)
    assert "Attack" not in [e[0] for e in found]


def test_a_killing_and_a_strike_on_other_days_stay_two():
    found = [e[0] for e in events_of("Gunmen killed five villagers in Kadyrovo on Monday. On Wednesday, artillery hit Kadyrovo.")]
    assert found == ["Attack", "Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    "text",
    [
        "Sappers of the police defused a 10 kg roadside bomb planted by militants near Quetta on Tuesday, officials said.",
        "Troops found and defused a landmine laid by rebels on the road to Gao. It was later destroyed in situ by the "
        "bomb disposal team.",
        "A bomb disposal squad defused an improvised explosive device that insurgents had planted under a culvert near Ghazni.",
    ],
)
def test_a_bomb_planted_and_defused_is_one_weapon_stopped(text):
    assert [e[0] for e in events_of(text)] == ["Disrupted weapons use"]


def test_a_bomb_defused_and_another_that_went_off_are_two():
    found = [e[0] for e in events_of("Police defused one bomb near the mosque in Quetta; a second bomb exploded at the "
                                     "market, killing two people.")]
    assert found == ["Disrupted weapons use", "Remote explosive/landmine/IED"]


def test_deaths_counted_since_an_operation_began_are_a_running_total():
    text = ("Rebels attacked the village of Kiwanja on Sunday, killing four. Attacks by the group have killed 30 "
            "villagers since the army's latest operation in the province started.")
    assert [e[0] for e in events_of(text)] == ["Attack"]


@pytest.mark.parametrize(
    "text, sub_type, place",
    [
        ("Two soldiers were killed near Zolote on Saturday when a drone dropped a grenade on their trench. A third was "
         "wounded in the same attack and is being treated in a hospital in Kharkiv.", "Air/drone strike", "Zolote"),
        ("Gunmen ambushed a convoy near Gao on Tuesday, killing four soldiers. Two more were wounded in the same ambush "
         "and flown to Bamako.", "Armed clash", "Gao"),
    ],
)
def test_the_same_attack_is_the_incident_told_wherever_the_wounded_were_taken(text, sub_type, place):
    assert [e[:2] for e in events_of(text)] == [(sub_type, place)]
