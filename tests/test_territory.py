"""Ground taken, typed by who took it and whose it was (extract/territory.py, through the whole pipeline)."""

import pytest

import sitrep
from sitrep.extract.territory import attempted, taker_side, takes_place, taking_sub_type

REGAINS, OVERTAKES, CLASH = "Government regains territory", "Non-state actor overtakes territory", "Armed clash"


def main_sub_type(text: str) -> str | None:
    x = sitrep.extract(text, published="2024-03-10")
    return x.events[0].sub_event_type if x.events else None


@pytest.mark.parametrize("text", [
    # a state's forces taking a place in their own country regain it, whatever the verb
    "Ukrainian troops captured the village of Robotyne in Zaporizhzhia Oblast on Monday.",
    "Ukrainian forces took control of Kupiansk after Russian troops withdrew.",
    "Kupiansk was retaken by Ukrainian forces on Saturday.",
    "The village of Andriivka was liberated by the 3rd Assault Brigade, the General Staff said.",
    "Russian troops recaptured Sudzha in the Kursk region on Thursday.",
    "Iraqi forces captured the town of Tal Afar from Islamic State militants.",
    "Colombian soldiers took control of the town of Tame after clashes with ELN guerrillas.",
    "Myanmar's military retook the town of Lashio from the MNDAA on Wednesday.",
    # driving a force out of a place takes it
    "The army said it had pushed the militants out of Palma after three days of fighting.",
    "Ethiopian forces drove Fano militiamen out of Gondar on Sunday.",
    "Militants were driven out of Gwoza by Nigerian troops on Friday.",
])
def test_own_forces_regain_territory(text):
    assert main_sub_type(text) == REGAINS


@pytest.mark.parametrize("text", [
    # another state's forces taking ground fight for it, whatever their communiqué calls it
    "Russian forces captured the village of Krasnohorivka on Tuesday.",
    "Russia's defence ministry said its troops had seized the village of Novomykhailivka in Donetsk region.",
    "Russia's Defence Ministry claimed that units of the Centre group had liberated the settlement of Novohrodivka.",
    "Ukrainian forces seized the Russian town of Sudzha in the Kursk region in August.",
    "Ukrainian officials said Russian troops had captured the village of Pervomaiske.",
    "Russian forces pushed Ukrainian units out of Krasnohorivka.",
    # people taken near a place are no place taken
    "Ukrainian troops captured dozens of Russian soldiers near Kupiansk.",
    # an attempt to take a place is fighting for it
    "Ukrainian forces fought through the night to dislodge Russian paratroopers from the airfield in Hostomel.",
    "Separatists accused Ukrainian units of trying to seize new ground near Avdiivka.",
])
def test_foreign_forces_and_attempts_are_clashes(text):
    assert main_sub_type(text) == CLASH


@pytest.mark.parametrize("text", [
    "Al-Shabaab fighters drove Somali troops out of the town of Mahaday.",
    "M23 rebels seized the town of Rutshuru on Tuesday after fierce fighting with the army.",
])
def test_armed_groups_overtake_territory(text):
    assert main_sub_type(text) == OVERTAKES


def test_fighting_told_with_the_takeover_is_the_takeover():
    # the clash told first and the takeover in the next sentence are one incident, typed by the takeover
    text = ("Heavy fighting broke out in Shabwah governorate on Monday. On Tuesday the Giants Brigades said "
            "they had recaptured Bayhan district from the Houthis.")
    assert main_sub_type(text) == REGAINS
    # told further on, the takeover is news of its own after fighting that may not have won it
    later = ("Wagner fighters attacked Ukrainian positions around Bakhmut on Monday. Ukrainian troops repelled "
             "the assaults, the General Staff said. Footage showed fighters in trenches east of the town. A "
             "Telegram channel claimed that Wagner fighters captured a strongpoint near Bakhmut.")
    assert main_sub_type(later) == CLASH


def test_taker_side_reads_the_force_nearest_the_verb():
    sentence = "Ukrainian officials said Russian troops had captured the village."
    assert taker_side(sentence, sentence.index("captured"), sentence.index("captured") + 8) == "RU"
    passive = "The town was retaken by Somali troops on Friday."
    assert taker_side(passive, passive.index("retaken"), passive.index("retaken") + 7) == "SO"
    own = "The army said it had retaken the town."
    assert taker_side(own, own.index("retaken"), own.index("retaken") + 7, place_country="ML") == "ML"
    assert taker_side("It was retaken on Friday.", 7, 14) is None


def test_what_was_taken():
    s = "Troops captured another in Sabari district."
    assert not takes_place(s, 7, 15, s.index("Sabari"), s.index("Sabari") + 6)
    s = "Troops captured the strategic town of Vuhledar."
    assert takes_place(s, 7, 15, s.index("Vuhledar"), s.index("Vuhledar") + 8)
    s = "Vuhledar was captured on Friday."
    assert takes_place(s, 13, 21, 0, 8)


def test_attempts_and_sub_types():
    assert attempted("an offensive to retake the city", len("an offensive to "))
    assert not attempted("troops managed to retake the city", len("troops managed to "))
    assert taking_sub_type(CLASH, "UA", "UA", taken=True) == REGAINS
    assert taking_sub_type(CLASH, "UA", "UA", taken=False) == CLASH
    assert taking_sub_type(REGAINS, "RU", "UA", taken=True) == CLASH
    assert taking_sub_type(OVERTAKES, "RU", "UA", taken=True) == OVERTAKES
    assert taking_sub_type(REGAINS, None, "UA", taken=True) == REGAINS


@pytest.mark.parametrize("text, expected", [
    # a force entering a town: regained if it is its own country's; taken without a fight after a withdrawal
    ("Ukrainian troops entered the town of Kupiansk on Saturday.", REGAINS),
    ("Ukrainian troops entered Kupiansk and Izium on Saturday as Russian forces abandoned their positions.", REGAINS),
    ("Malian soldiers entered the town of Kidal on Tuesday after rebels withdrew.", "Non-violent transfer of territory"),
    ("M23 fighters walked into Bunagana after Congolese troops retreated from the border town.",
     "Non-violent transfer of territory"),
    # soldiers entering a village are told by what they did there
    ("Soldiers entered the village of Tame and killed four farmers.", "Attack"),
])
def test_entering_a_place(text, expected):
    assert main_sub_type(text) == expected


@pytest.mark.parametrize(
    "text, sub_type",
    [
        ("Russian forces took Avdiivka on Saturday, the ministry said.", "Armed clash"),
        ("Militants took Palma in a three-day assault.", "Non-state actor overtakes territory"),
        ("Ukrainian troops took the village of Robotyne after weeks of fighting.", "Government regains territory"),
    ],
)
def test_took_with_a_settlement_is_taking_it(text, sub_type):
    assert [e.sub_event_type for e in sitrep.extract(text, published="2024-03-10").events][:1] == [sub_type]


@pytest.mark.parametrize(
    "text",
    [
        "The talks took place in Istanbul on Friday.",
        "Veterans took part in a parade in Kyiv on Sunday.",
    ],
)
def test_took_place_or_part_is_no_taking(text):
    assert sitrep.extract(text, published="2024-03-10").events == []
