"""The event grammar (extract/triggers.py): each ACLED sub-type read from several phrasings — active,
passive, nominal, hedged, numbers in words, places in many countries — and ACLED's conventions
between neighbouring sub-types. Sentences written for these tests."""

import pytest

from sitrep import extract
from sitrep.extract.events import find_triggers
from sitrep.extract.triggers import frames, verb_forms
from sitrep.lexicons import load_table


def main_reading(sentence):
    """The sub-type of the report's main event (the first), with places found as in a whole report."""
    events = extract(sentence, published="2024-05-01").events
    return events[0].sub_event_type if events else None


PHRASINGS = {
    "Armed clash": [
        "Government troops and rebels clashed for three hours outside Bunia on Sunday.",
        "Ukrainian units repelled four assaults near Kupiansk overnight.",
        "Heavy fighting was reported on the southern edge of Omdurman.",
        "Militants ambushed an army patrol on the road to Mopti, the military said.",
        "Enemy infantry attempted to advance towards Siversk but were pushed back.",
    ],
    "Government regains territory": [
        "The army retook the town of Bambari after a week-long offensive.",
        "Government forces recaptured Kidal, officials in Bamako said.",
        "Ukrainian soldiers liberated the village of Klishchiivka on Sunday.",
        "Troops loyal to the government took back the port of Sirte.",
    ],
    "Non-state actor overtakes territory": [
        "Jihadists seized the town of Djibo after overrunning its garrison.",
        "The town of Kalehe was captured by M23 rebels on Friday.",
        "Insurgents reportedly took control of the district centre in Ghazni.",
        "Gang members took over the commune of Mirebalais overnight.",
    ],
    "Shelling/artillery/missile attack": [
        "Separatist gunners fired mortars at army positions near Avdiivka.",
        "A ballistic missile hit a railway station in Kramatorsk.",
        "The village was hit by Grad rockets on Tuesday morning, the governor said.",
        "Artillery pounded residential districts of Kherson throughout the night.",
        "The shelling of Nikopol continued for a second day.",
    ],
    "Air/drone strike": [
        "Warplanes dropped guided bombs on the outskirts of Idlib.",
        "A drone struck a fuel depot in Bryansk overnight.",
        "Kamikaze drones set an oil terminal on fire near Novorossiysk before dawn.",  # the means decide
        "Russian forces hit a bus in Kherson with an FPV drone, killing the driver.",
        "An airstrike destroyed a bridge near Gaza City, witnesses said.",
        "Two people were wounded when a Shahed drone crashed into a house in Odesa.",
    ],
    "Remote explosive/landmine/IED": [
        "A roadside bomb exploded under a police truck near Kismayo.",
        "Two farmers were killed when their tractor ran over an anti-tank mine.",
        "An improvised explosive device went off at a market in Maiduguri.",
        "Militants planted a bomb under a bridge on the Kabul highway, which exploded as a convoy passed.",
    ],
    "Suicide bomb": [
        "A suicide bomber blew himself up at a checkpoint in Mogadishu.",
        "Twelve worshippers died in a suicide bombing at a mosque in Peshawar.",
        "An attacker wearing an explosive vest detonated it outside the ministry in Kabul.",
        "The suicide car bomb struck the gate of the base near Gao.",
    ],
    "Grenade": [
        "Unknown assailants threw a grenade into a bar in Bujumbura.",
        "A hand grenade was hurled at the police station in Srinagar.",
        "A grenade attack on a bus stop wounded six people in Cali.",
        "Gunmen lobbed two grenades at the market in Goma.",
    ],
    "Chemical weapon": [
        "Helicopters dropped barrel bombs containing chlorine on Saraqib.",
        "Troops used chemical weapons against positions near Robotyne, the general staff said.",
        "Militants fired rockets filled with a toxic substance at the town of Taza.",
        "A drone dropped munitions with chloropicrin on trenches near Bakhmut.",
    ],
    "Attack": [
        "Gunmen shot dead seven passengers on a highway near Kalat.",
        "Armed bandits attacked a village in Zamfara, killing nineteen civilians.",
        "Soldiers executed three men in front of their families.",
        "Militiamen opened fire on villagers collecting firewood near Djugu.",
    ],
    "Abduction/forced disappearance": [
        "Gunmen abducted twelve passengers from a bus near Kaduna.",
        "Five aid workers were kidnapped by armed men in Darfur.",
        "Armed men took away two teachers from their homes in Tokmak.",
        "Relatives reported the enforced disappearance of three activists in Quetta.",
    ],
    "Sexual violence": [
        "Soldiers raped two women during a raid on the village.",
        "The group documented forty cases of sexual violence by fighters in Tigray.",
        "A girl was sexually assaulted by militiamen at the camp.",
        "Three women were gang-raped by armed men near Bunia, the clinic said.",
    ],
    "Peaceful protest": [
        "Thousands of teachers marched through Nairobi demanding higher pay.",
        "About 500 people rallied in Tbilisi against the new law.",
        "Farmers staged a sit-in outside the parliament in Warsaw.",
        "Students demonstrated peacefully in front of the ministry in Dhaka.",
    ],
    "Protest with intervention": [
        "Police fired tear gas to disperse hundreds of demonstrators in Lahore.",
        "Riot police used water cannon against protesters in Belgrade.",
        "Police broke up a rally in Minsk and detained dozens of participants.",
        "Officers dispersed the gathering outside the court with pepper spray.",
    ],
    "Excessive force against protesters": [
        "Soldiers opened fire on protesters in Mandalay, killing four.",
        "Security forces fired live ammunition at demonstrators in Basra.",
        "Police shot dead two protesters during a march in Conakry.",
        "Three demonstrators were killed by police in Lima.",
    ],
    "Violent demonstration": [
        "Protesters threw stones at the police and torched two cars in Nanterre.",
        "Rioters set fire to a police post in Kisumu.",
        "Rioters set a bus and two police cars alight in Dhaka.",
        "Demonstrators clashed with police outside the parliament in Tbilisi.",
        "Angry protesters stormed and burned the governor's office.",
    ],
    "Mob violence": [
        "A mob lynched a man accused of theft in Port-au-Prince.",
        "Villagers beat a suspected thief to death in Kasese.",
        "A mob set fire to homes belonging to Christians in Jaranwala.",
        "An angry crowd attacked a police station after the arrest.",
    ],
    "Agreement": [
        "Russia and Ukraine exchanged 103 prisoners of war on Saturday.",
        "The warring parties signed a ceasefire agreement in Jeddah.",
        "The Houthis released fifty detainees under a deal brokered by the Red Cross.",
        "Forty fighters of the militia surrendered to the army in Beni.",
    ],
    "Arrests": [
        "Police arrested three suspects in Lahore on Monday.",
        "The security service detained a man accused of spying in Kharkiv.",
        "Two journalists were taken into custody in Minsk.",
        "Authorities reportedly apprehended five smugglers at the border.",
    ],
    "Change to group/activity": [
        "The brigade announced it was joining the northern operations room.",
        "Two factions merged to form a new coalition in Idlib.",
        "The group said it was suspending military operations against government forces.",
        "About sixty servicemen refused to fight and returned to their barracks.",
    ],
    "Disrupted weapons use": [
        "Air defence shot down twelve drones over the Odesa region.",
        "Thirty-one missiles were intercepted over Kyiv overnight.",
        "Sappers defused an improvised explosive device found near the school in Patikul.",
        "Troops seized a cache of weapons and ammunition in a forest near Bama.",
    ],
    "Headquarters or base established": [
        "Fighters set up a base in a village east of Menaka.",
        "The rebels established their headquarters in the old town hall.",
        "Militants set up a camp in the forest near Djibo.",
        "The group built a new outpost on the hill overlooking the road.",
    ],
    "Looting/property destruction": [
        "Soldiers looted shops and houses in the town.",
        "Soldiers torched hundreds of homes in a village outside Monywa.",
        "Armed men torched fifteen vehicles at several points in Culiacan.",
        "The militants blew up a bridge on the road to Dori.",
        "Militiamen set three villages ablaze on the edge of Geneina.",  # the object between "set" and "ablaze"
        "Several shops were set alight by soldiers in Kalay.",
    ],
    "Non-violent transfer of territory": [
        "Peacekeepers handed over the base in Jowhar to the national army.",
        "The rebels withdrew from Lashio under the truce.",
        "The army took possession of the camp after the mission left.",
        "Foreign troops pulled out of the province in March.",
    ],
    "Other": [
        "Investigators uncovered a mass grave near the village.",
        "Officers announced on state television that they had removed the president from power.",
        "Some 280 inmates escaped from the prison after the flood.",
        "The army seized power in a coup on Wednesday.",
    ],
}


@pytest.mark.parametrize(
    "sub_type, sentence",
    [(sub, s) for sub, sentences in PHRASINGS.items() for s in sentences],
    ids=[f"{sub[:20]}-{i}" for sub, sentences in PHRASINGS.items() for i, _ in enumerate(sentences)],
)
def test_each_phrasing_is_read_as_its_sub_type(sub_type, sentence):
    assert main_reading(sentence) == sub_type


def test_every_acled_sub_type_has_phrasings():
    acled = {r["sub_event_type"] for r in load_table("acled_event_types.tsv")}
    assert set(PHRASINGS) == acled
    assert all(len(sentences) >= 4 for sentences in PHRASINGS.values())


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the means decide, whoever is hit
        ("A missile strike on the market killed fourteen civilians.", "Shelling/artillery/missile attack"),
        ("An airstrike hit a wedding party, killing twenty civilians.", "Air/drone strike"),
        ("A drone attack killed two soldiers in their trench.", "Air/drone strike"),
        # interceptions are not attacks
        ("Air defences destroyed six drones and two cruise missiles over Lviv.", "Disrupted weapons use"),
        ("Iron Dome intercepted most of the rockets fired from Gaza.", "Disrupted weapons use"),
        # a prisoner swap is an agreement, not a capture
        ("The two sides swapped 95 captives at the border.", "Agreement"),
        # an armed group taking people is an abduction; the police, an arrest
        ("Gunmen seized nine villagers from their farms.", "Abduction/forced disappearance"),
        ("Militants detained four aid workers at a checkpoint.", "Abduction/forced disappearance"),
        ("Police detained four men at a checkpoint.", "Arrests"),
        # who takes ground decides the sub-type
        ("Al-Shabaab militants captured the town of Mahaday.", "Non-state actor overtakes territory"),
        ("The army recaptured the town of Mahaday.", "Government regains territory"),
        # protests: how the police answered, or what the protesters did
        ("Protesters marched peacefully to the ministry.", "Peaceful protest"),
        ("Police fired rubber bullets at the marchers.", "Protest with intervention"),
        ("Police fired live rounds at the marchers, killing two.", "Excessive force against protesters"),
        ("The marchers threw petrol bombs at the police.", "Violent demonstration"),
        # property
        ("Soldiers burned down houses after the villagers fled.", "Looting/property destruction"),
        # killing civilians outranks the houses burned in the same raid
        ("Raiders attacked the hamlet, killing nine civilians and burning their huts.", "Attack"),
        # government forces taking a town from rebels regain it; rebels entering one overtake it
        ("Government troops captured the town of Shendi after the rebels pulled back.", "Government regains territory"),
        ("Insurgents entered the town of Moura at dawn and held it until nightfall.", "Non-state actor overtakes territory"),
        # the crime a suspect is held for is the reason for the arrest, not a second event
        ("Police detained two youths on suspicion of setting fire to a signal box.", "Arrests"),
        ("Agents arrested a woman charged with guiding a missile strike on the port.", "Arrests"),
        # a hyphenated group name is found in a whole document (spaCy splits "Al-Shabaab" at the hyphen)
        ("Al-Shabaab fighters overran an army base and took control of the town of Bulo Burde.", "Non-state actor overtakes territory"),
        # "occupied" before a noun is the town's state, not its capture
        ("A drone hit the occupied city hall in Nova Kakhovka, killing two officials.", "Air/drone strike"),
        # troops firing into a crowd that is protesting
        ("Troops opened fire on crowds protesting against fuel prices in Kano.", "Excessive force against protesters"),
        # an armed group joining a campaign changes its activity
        ("Clan militias in Hiran announced that they were joining the government offensive.", "Change to group/activity"),
        # the launcher is the weapon fired, not a weapon seized
        ("Gunners fired Grad launchers at the outskirts of Nikopol for an hour.", "Shelling/artillery/missile attack"),
    ],
)
def test_acled_conventions_decide_between_neighbours(sentence, expected):
    assert main_reading(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No shelling was reported in the district overnight.",
        "The commander threatened to attack the city if talks failed.",
        "Artillery could strike the town within days.",
        "The army plans to retake the airport next month.",
        "The leader was responsible for planning attacks and kidnappings in the province.",
        "The governor denied that troops had fired on civilians.",
        "Investigators found no evidence of a chemical attack.",
        "The drivers refused to clear the town square despite repeated warnings.",
    ],
)
def test_denied_planned_and_background_sentences_report_no_event(sentence):
    assert find_triggers(sentence) == []


def test_verbs_are_found_in_every_inflection():
    assert {"strike", "strikes", "struck", "striking"} <= verb_forms("strike")
    assert {"seize", "seized", "seizes", "seizing"} <= verb_forms("seize")
    assert {"drop", "dropped", "dropping"} <= verb_forms("drop")
    assert {"rally", "rallies", "rallied", "rallying"} <= verb_forms("rally")
    assert {"shoot", "shot"} <= verb_forms("shoot") and {"take", "took", "taken"} <= verb_forms("take")
    for sentence in ("Rebels are seizing the villages one by one.", "Rebels seize the village of Anefis.", "Rebels had seized the town by noon."):
        assert main_reading(sentence) == "Non-state actor overtakes territory", sentence


def test_every_frame_names_a_known_class_and_acled_sub_type():
    from sitrep.extract.triggers import grammar_table

    classes = {row.payload.cls for row in (type("R", (), {"payload": r[1]}) for r in grammar_table().rows)} | {"place"}
    acled = {r["sub_event_type"] for r in load_table("acled_event_types.tsv")}
    for head, fs in frames().items():
        assert head in classes, head
        for f in fs:
            assert f.sub_event_type in acled
            for term in f.terms:
                assert term.classes <= classes, (head, term.classes - classes)


@pytest.mark.parametrize(
    "sentence",
    [
        # running totals: a death told over a period is no incident
        "The mayor said 23 residents of the town had been killed since the start of the invasion.",
        "An independent count by reporters has found at least 1,800 soldiers from the province killed in the war.",
        "Monitors documented the killing of 312 civilians in the district between March and June.",
        "Local officials say 40 villagers have been killed since January.",
        # a period opened by a clause or a nominalised start, not only by a date
        "Prosecutors say over 900 residents of the province have been killed since it was retaken two years ago.",
        "At least 75 farmers were killed in the valley since the rebels withdrew in 2019, the governor said.",
        "Some 210 civilians have died in the district since its recapture by the army.",
        "The council says 58 people were killed across the county since last spring.",
        # an attack only planned or plotted
        "Officials warned that the group's cells plan attacks on polling stations in Kano.",
        "Fighters who plot ambushes on aid convoys near Mopti will be hunted down, the army said.",
        "Intelligence suggests the network has a plan to bomb bridges near Mosul.",
        # a participle used as an adjective
        "Drone footage shows three destroyed tanks in a field near Tokmak.",
        "Rescuers pulled the burned bodies of two men from a car outside Tessalit.",
        # an event named as the time's background
        "The talks resumed in Doha two weeks after a deadly drone attack on a base near Tanf.",
        "Mandalay has been a centre of resistance since the coup.",
        # an event word inside a name
        "Members of the National Liberation Front met local elders in Bossangoa, the mayor said.",
    ],
)
def test_tallies_adjectives_backgrounds_and_names_report_no_event(sentence):
    assert find_triggers(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # the harm an event did is that event's, not an event of its own
        ("Gunmen attacked villagers near Bandiagara, shooting dead nine men and torching a granary.", ["Attack"]),
        ("Rebels raided a market in Beni, killed four traders and looted shops.", ["Attack"]),
        ("Rioters threw stones at police in Dhaka and set fire to two buses.", ["Violent demonstration"]),
        # the same words with no other event are events
        ("Unknown men set fire to a school in Kasai province overnight.", ["Looting/property destruction"]),
        ("Soldiers shot dead two farmers outside Djibo.", ["Attack"]),
    ],
)
def test_a_harm_beside_another_event_is_that_event_s(sentence, expected):
    assert list(dict.fromkeys(t.sub_event_type for t, *_ in find_triggers(sentence))) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a toll told after the incident, with no one doing it, whatever words it uses
        ("Islamist fighters attacked an army post near Menaka on Monday. Four soldiers were killed and six wounded.",
         ["Armed clash"]),
        ("A suicide bomber blew himself up at a checkpoint in Mogadishu. Three policemen died and two were hurt.",
         ["Suicide bomb"]),
        # a plain back-reference is the incident told before
        ("A missile struck a railway station in Kramatorsk on Friday. A second woman died of wounds from the same attack.",
         ["Shelling/artillery/missile attack"]),
        ("Militia members opened fire on displaced people in Djugu. The killings were condemned by the governor.",
         ["Attack"]),
    ],
)
def test_tolls_and_back_references_belong_to_the_incident_told_before(text, expected):
    assert [e.sub_event_type for e in extract(text, published="2024-05-01").events] == expected


def test_a_toll_with_a_perpetrator_stays_an_event():
    text = "A drone hit a warehouse in Kherson overnight. Separately, soldiers shot dead two farmers on the river bank."
    assert [e.sub_event_type for e in extract(text, published="2024-05-01").events][:2] == [
        "Air/drone strike", "Attack"]


def test_a_weak_ceasefire_or_surrender_mention_is_no_event_beside_the_fighting():
    text = ("Fighting raged around Marib on Sunday, Houthi and government forces said. "
            "Twelve fighters surrendered to the army, a spokesman said. "
            "Both sides accused the other of breaking a truce agreed in April.")
    assert [e.sub_event_type for e in extract(text, published="2024-05-01").events] == ["Armed clash"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # people gathering to demand something, or carrying signs, are a protest
        ("Mothers of conscripts gathered outside the defence ministry in Yerevan on Monday, demanding their sons' return.",
         "Peaceful protest"),
        ("About 300 teachers assembled in the main square of Kisumu calling for unpaid wages.", "Peaceful protest"),
        ("Farmers blocked the main highway into Lahore with tractors in protest at wheat prices.", "Peaceful protest"),
        # and when the police detain them, a protest with intervention
        ("Novosibirsk. A pensioner stood alone by the city hall with a 'Stop the war' placard. Police detained her minutes later.",
         "Protest with intervention"),
        ("Dozens of people gathered at the monument in Kazan holding placards. Officers detained eleven of them.",
         "Protest with intervention"),
        # a crowd that disperses by itself was not dispersed
        ("Some 5,000 nurses marched through Santiago on Thursday; the march dispersed peacefully by nightfall.",
         "Peaceful protest"),
        # a demand is no event of its own
        ("Hundreds rallied in Belgrade calling for the release of two detained activists.", "Peaceful protest"),
    ],
)
def test_protests_are_read_from_their_phrasings(text, expected):
    assert main_reading(text) == expected


def test_armed_men_blocking_a_road_are_no_protest():
    assert main_reading("Armed men blocked the road between Bunia and Mahagi on Sunday.") != "Peaceful protest"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Vovchansk is once again ours, the brigade's commander said on Sunday.", "Government regains territory"),
        ("Wagner fighters have turned the sports hall in Popasna into a base for their artillery crews.",
         "Headquarters or base established"),
        ("A roadside bomb was triggered as a police convoy passed near Tillaberi, wounding four officers.",
         "Remote explosive/landmine/IED"),
        ("Three soldiers were hurt when a landmine was activated under their truck near Tumaco.",
         "Remote explosive/landmine/IED"),
        # "allied" before an actor is an adjective, not a change of alliances
        ("Government troops and allied militias shelled rebel positions near Kalehe on Monday.",
         "Shelling/artillery/missile attack"),
        # "a faction active in the region" does not deny the agreement its clause goes on to tell
        ("The Segunda Marquetalia, a dissident faction active in Cauca, signed a ceasefire agreement with the government in Popayan.",
         "Agreement"),
    ],
)
def test_phrasings_of_territory_bases_mines_and_agreements(text, expected):
    assert main_reading(text) == expected


def test_a_verb_after_its_subject_is_no_adjective_before_an_actor():
    assert main_reading("On Tuesday jihadists attacked army positions near Diapaga.") == "Armed clash"


@pytest.mark.parametrize(
    "sentence",
    [
        "Analysts say the rebels are unlikely to capture Goma before the rainy season.",
        "Government troops continue to advance slowly along the coast road.",
        "Tens of thousands of families have fled the fighting around Kadugli.",
        "The camp lies near Mweso, which has been the scene of heavy fighting for months.",
        "A battle damage assessment found that most of the bunkers were intact.",
        "The mediators called for a halt to fighting in the old city.",
    ],
)
def test_planned_unlikely_and_background_fighting_report_no_event(sentence):
    assert find_triggers(sentence) == []


def test_breaking_into_shops_is_looting():
    assert main_reading("Soldiers broke into shops and a pharmacy in Kidal overnight.") == "Looting/property destruction"


def test_forces_described_by_what_they_hold_are_not_an_event():
    found = [t.sub_event_type for t, *_ in find_triggers(
        "Rebel fighters occupying Walikale have detained dozens of traders since May.")]
    assert "Armed clash" not in found


def test_the_attack_named_in_a_later_paragraph_is_the_same_incident():
    text = ("A rocket struck a base near Erbil airport on Tuesday night, wounding two contractors.\n\n"
            "Officials said they were investigating the attack.")
    assert [e.sub_event_type for e in extract(text, published="2024-05-01").events] == ["Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a bomber's own belt or charge makes the blast a suicide bombing
        ("A militant ran at the gate of the base in Gao and detonated his belt, killing two guards.", "Suicide bomb"),
        ("The driver of the truck detonated his charge near the perimeter wall of the camp at Kati.", "Suicide bomb"),
        # "called for air strikes" is an air strike called in, not a demand
        ("Pinned down near Marjah, the patrol called for air strikes, which killed four insurgents.", "Air/drone strike"),
        # weeks of assaults a recapture followed are its background
        ("The army retook the town of Lashio on Saturday following weeks of assaults backed by airstrikes.",
         "Government regains territory"),
    ],
)
def test_suicide_charges_called_strikes_and_following_weeks(text, expected):
    assert main_reading(text) == expected


def test_a_leader_active_in_attacks_plans_them_but_a_group_active_in_a_region_can_sign():
    assert find_triggers("The commander is active in conducting roadside bomb, ambush and kidnapping attacks in Wardak.") == []
    assert main_reading("The group, a faction active in Cauca, signed a peace accord with the government in Popayan.") == "Agreement"


def test_a_toll_without_a_verb_of_being_is_the_incident_s():
    text = ("Militants attacked an army checkpoint near Mopti before dawn on Friday. "
            "On our side, the provisional toll is two soldiers killed and five wounded.")
    assert [e.sub_event_type for e in extract(text, published="2024-05-01").events] == ["Armed clash"]


def test_no_reaches_over_a_list_joined_by_or():
    found = find_triggers("The leader was taken without a fight, with no air strikes or shots fired, the statement said.")
    assert "Air/drone strike" not in [t.sub_event_type for t, *_ in found]


@pytest.mark.parametrize("sentence", [
    "Gunmen shot two teachers dead outside a school in Maiduguri.",
    "A sniper shot an elderly woman dead near Hebron on Monday.",
])
def test_shooting_someone_dead_with_the_victim_between_is_a_killing(sentence):
    assert main_reading(sentence) == "Attack"


@pytest.mark.parametrize(
    "text, expected",
    [
        # two incidents in one sentence: the one told first is the report's main event, whatever the means
        ("A drone killed a shepherd near Beryslav, while mortar fire wounded two women in Kozatske.", "Air/drone strike"),
        ("Mortar fire wounded two women in Kozatske, while a drone killed a shepherd near Beryslav.", "Shelling/artillery/missile attack"),
        ("Government troops retook Mopti on 3 May, and prosecutors later exhumed forty bodies from a mass grave there.", "Government regains territory"),
        ("The army recaptured Kaga from the rebels on Monday following weeks of assaults backed by airstrikes.", "Government regains territory"),
    ],
)
def test_the_incident_told_first_in_a_sentence_leads(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # an armed group killing people it does not fight is an attack (soldiers it kills: a clash)
        ("Bandits shot dead nine herders near Gusau on Sunday.", "Attack"),
        ("Gunmen killed eleven people at a wedding in Plateau State.", "Attack"),
        ("A community leader was shot dead by armed men on a motorbike near Tumaco.", "Attack"),
        ("Militants killed four soldiers at an outpost near Tillaberi.", "Armed clash"),
        # a drone dropping a grenade or a charge is a drone strike (ACLED codes the drone)
        ("A quadcopter dropped a grenade on a car near Vovchansk, wounding the driver.", "Air/drone strike"),
        ("An FPV drone dropped a charge onto a farm tractor outside Sudzha.", "Air/drone strike"),
        ("Sappers found an explosive device under the bridge and defused it.", "Disrupted weapons use"),
        # who detains decides: a security service arrests, soldiers rounding up residents abduct them
        ("Occupation troops rounded up residents of Oleshky and held them in a school.", "Abduction/forced disappearance"),
        ("Soldiers detained dozens of villagers in Kupiansk district and took them away.", "Abduction/forced disappearance"),
        ("The SBU detained an official in Poltava suspected of working for Moscow.", "Arrests"),
        ("Police arrested two men in Kaduna on Thursday.", "Arrests"),
        # the person arrested is described by the rallies she organised: an arrest, not a protest
        ("Police in Tbilisi detained a leader of the nightly opposition rallies at her home.", "Arrests"),
        ("Officers arrested the organisers of weekly protests in Yerevan on charges of hooliganism.", "Arrests"),
        ("Police detained forty people who came to lay flowers at the monument in Kazan.", "Protest with intervention"),
        # firing on a protest (not only on protesters)
        ("Troops opened fire on a candlelight protest in Sagaing, killing three.", "Excessive force against protesters"),
        # "the coup anniversary" names a day, not a coup
        ("Police beat and detained marchers on the coup anniversary in Yangon.", "Protest with intervention"),
    ],
)
def test_who_does_what_to_whom_decides_the_sub_type(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a force handing its positions to another of its side: a change to group activity, not a transfer
        ("The mercenaries began withdrawing from Soledar and handing over their positions to regular army units.", "Change to group/activity"),
        ("Wagner fighters were pulling out of Popasna, where they were being replaced by paratroopers.", "Change to group/activity"),
        # handing weapons over under a deal is part of the agreement
        ("The rebels handed over their heavy weapons to the national army under the peace accord.", "Agreement"),
        # a town handed over or entered without a fight changes hands without violence
        ("Peacekeepers handed over the base in Tessalit to the army.", "Non-violent transfer of territory"),
        ("The rebels entered the town of Uvira without meeting any resistance after the garrison fled.", "Non-violent transfer of territory"),
        ("Fighters walked into Goma unopposed on Monday morning.", "Non-violent transfer of territory"),
        # a force moving forward against another is fighting, its enemy pulling back part of it
        ("Our units moved 700 m forward near Robotyne, and the enemy pulled back to its second line.", "Armed clash"),
        # a place turned into a base, however long its name
        ("Troops turned the main hall of the sugar factory in the town of Balakliia into a base for their tanks.", "Headquarters or base established"),
        # "allied armed movements" names who fought
        ("Fighting between the army, allied armed movements and the RSF killed six civilians in El Fasher.", "Armed clash"),
        # vigilantes named as one of those who foiled an attack are no mob
        ("Soldiers and vigilantes foiled a suicide bombing at the market in Mafa.", "Disrupted weapons use"),
        ("Vigilantes beat a suspected kidnapper to death in Mubi.", "Mob violence"),
    ],
)
def test_handing_over_entering_unopposed_and_bases(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a counted actor before a participle with no object is the victim, not the killer
        ("The engagement left nineteen militants killed and two wounded near Kandahar.", "Armed clash"),
        ("Gunmen killed at least twelve people on the road to Bandiagara.", "Attack"),
        # engaged with an airstrike: the means decide
        ("The security force engaged the fighters with a precision airstrike in Maiwand district.", "Air/drone strike"),
        # but troops who landed by helicopter and fought are in a clash
        ("Airborne troops landed by helicopter near the airport and fought defenders for the runway.", "Armed clash"),
        # coming under small-arms fire is a clash; under mortar fire, a shelling
        ("A patrol came under small-arms and machine-gun fire from insurgents in Nad Ali district.", "Armed clash"),
        ("A checkpoint came under mortar fire near Horlivka overnight.", "Shelling/artillery/missile attack"),
    ],
)
def test_victims_counted_before_a_participle_and_the_means_of_an_engagement(text, expected):
    assert main_reading(text) == expected


def test_the_detained_of_a_raid_that_also_killed_are_the_arrest_s():
    x = extract("Troops killed two insurgents and detained nine others in Khost province on Monday.", published="2024-05-01")
    arrest = next(e for e in x.events if e.sub_event_type == "Arrests")
    detained = [c for c in x.claims if "detained" in c.measure]
    assert detained and all(c.event_id == arrest.id for c in detained)


def test_an_ambush_before_an_airstrike_on_the_ambushers_is_fighting():
    x = extract("Four fighters tried to ambush the patrol near Asadabad, and they were killed by an air weapons team.",
                published="2024-05-01")
    assert "Armed clash" in [e.sub_event_type for e in x.events]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a summary opening with a weak reading leads to the first incident of a known kind told after it
        ("Over the past day the enemy carried out 41 attacks on 12 settlements of the region. "
         "Velykyi Burluk hromada: a drone hit a barn, wounding a farmer.", "Air/drone strike"),
        ("Yesterday the occupiers attacked the frontier districts again. Artillery shells damaged two houses "
         "in Hlukhiv.", "Shelling/artillery/missile attack"),
        # but a weak lead with nothing of a known kind near it stays the lead
        ("Fighting continued around the village on Tuesday. Residents were evacuated on Friday.", "Armed clash"),
        # an assault with armour and infantry is a battle, whatever strikes follow
        ("The enemy launched a large assault on the town with armour and infantry. Overnight aircraft dropped "
         "twelve guided bombs on its outskirts.", "Armed clash"),
        ("Russian forces conducted a failed mechanized assault on Pavlivka on Monday.", "Armed clash"),
    ],
)
def test_a_summary_s_weak_opening_gives_the_lead_to_the_incident_after_it(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # "the fighting" after a determiner is the noun (a weak reading): the death's cause told next leads
        ("The town buried two soldiers of the brigade killed in the fighting near Toretsk this week. "
         "Both died on Sunday when mortar shells hit their dugout.", "Shelling/artillery/missile attack"),
        ("Prosecutors opened cases over the looting of shops in Sudzha by soldiers last week.", "Looting/property destruction"),
        # a relative clause set off by commas describes someone; the sentence's own verb is the news
        ("The militia, which seized Walikale in March, set up a base in the old mission on Friday.", "Headquarters or base established"),
        ("Fighters, who had overrun the district centre a week earlier, executed four prisoners on Monday.", "Attack"),
        ("Militants seized the town of Djibo, which lies near the border, on Friday.", "Non-state actor overtakes territory"),
    ],
)
def test_nouns_in_ing_and_relative_clauses_do_not_lead(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a chemical agent named in the attack's story: ACLED codes the chemical, whatever delivered it
        ("Militants fired two mortar rounds at the base near Tal Afar on Sunday. Tests on the fragments "
         "found traces of chlorine, the coalition said.", "Chemical weapon"),
        ("A shell hit a trench near Bakhmut on Monday. Soldiers treated afterwards showed signs of "
         "chloropicrin poisoning.", "Chemical weapon"),
        ("A shell hit a trench near Bakhmut on Monday. Two soldiers were wounded.", "Shelling/artillery/missile attack"),
        # people abducted counted in a running total are no abduction of their own
        ("In the quarter the mission documented 310 incidents in which 120 civilians were killed and 75 "
         "abducted. On 4 May, clashes between the army and rebels near Morobo killed three farmers.", "Armed clash"),
        ("Gunmen abducted twenty villagers in a night raid near Gusau.", "Abduction/forced disappearance"),
        # "the desert" is no desertion; an operation launched is no attack
        ("Shepherds often graze flocks in the eastern desert. On 2 March a landmine exploded under a truck "
         "near Palmyra, killing three men.", "Remote explosive/landmine/IED"),
        ("In the joint operation launched in the forest near Poonch, militants set off an explosive device, "
         "wounding two soldiers.", "Remote explosive/landmine/IED"),
    ],
)
def test_chemical_agents_named_later_tallies_deserts_and_operations(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # who said it starts no argument of what was done: the security service detained, not the occupiers
        ("Occupation authorities say the FSB detained two Berdiansk teachers accused of spying.", "Arrests"),
        ("The Russian-installed mayor claimed that police arrested a man in Nova Kakhovka.", "Arrests"),
        # soldiers of an occupying force taking residents still abduct them
        ("Residents say occupation soldiers took away three men from Kozachi Laheri.", "Abduction/forced disappearance"),
    ],
)
def test_the_speaker_is_no_argument_of_the_reported_event(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # a wave launched at a region, its interceptions told next before any hit: the interceptions lead
        ("Overnight the enemy launched 35 Shahed drones and three cruise missiles at the region. Air defence "
         "shot down 30 drones and all the missiles. One drone hit a warehouse in Lutsk.", "Disrupted weapons use"),
        # a hit told with the interceptions leads
        ("Some 40 rockets were launched from the strip toward the south. Most were intercepted; one rocket "
         "hit a house in Netivot, wounding a woman.", "Shelling/artillery/missile attack"),
        # a launch with nothing intercepted is the attack
        ("Russian forces launched two Iskander missiles at Pavlohrad overnight, damaging a factory.", "Shelling/artillery/missile attack"),
    ],
)
def test_a_wave_of_drones_and_missiles_is_told_by_what_met_it(text, expected):
    assert main_reading(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces attacked near Ivanivka on Sunday without confirmed advances.",
        "Enemy troops again attacked west of Marinka overnight, the brigade said.",
        "Russian forces continued ground assaults on Kupiansk on Sunday.",
        "Government troops launched a ground attack on the rebel-held town of Sake.",
    ],
)
def test_a_force_attacking_with_no_target_named_is_fighting(text):
    assert [e.sub_event_type for e in extract(text, published="2024-03-10").events] == ["Armed clash"]

