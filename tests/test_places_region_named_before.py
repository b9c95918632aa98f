"""A region word before a name ("the Russian region of Belgorod", "the province of Kandahar", "the Mexican state
of Guerrero") makes it the first-order region, not the town of the same name; "the city of X" keeps the town.
Sentences written for these tests."""

import pytest

from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def event_location(text):
    x = extract_document(Document(text=text, published="2024-06-14"))
    assert x.events, text
    return x.events[0].location


@pytest.mark.parametrize("text, admin1", [
    ("A drone set a fuel depot ablaze in the Russian region of Belgorod overnight, the governor said.",
     "Belgorod Oblast"),
    ("Two pensioners were killed by shelling in the Ukrainian region of Kharkiv on Monday.", "Kharkiv Oblast"),
    ("Gunmen shot dead a radio reporter in the Mexican state of Guerrero late on Sunday.", "Guerrero"),
    ("Insurgents ambushed a police convoy in the southern province of Kandahar on Tuesday.", "Kandahar"),
    ("Government aircraft bombed a market in the governorate of Idlib, killing six people.", "Idlib"),
    ("Troops clashed with rebels in the region of Kursk on Saturday, officials said.", "Kursk Oblast"),
])
def test_a_region_word_before_the_name_makes_it_the_region(text, admin1):
    loc = event_location(text)
    assert loc.precision == "region", (loc.name, loc.precision)
    assert loc.admin1 == admin1


@pytest.mark.parametrize("text, admin1", [
    ("Insurgents ambushed a police convoy in the city of Kandahar on Tuesday.", "Kandahar"),
    ("A drone set a fuel depot ablaze in Belgorod overnight, the governor said.", "Belgorod Oblast"),
    ("Gunmen shot dead a radio reporter in the town of Guerrero, Coahuila, late on Sunday.", "Coahuila"),
])
def test_a_town_stays_a_town(text, admin1):
    loc = event_location(text)
    assert loc.precision in ("exact", "near"), (loc.name, loc.precision)
    assert loc.admin1 == admin1
