"""Where an event happened: the place bound to its own clause (sitrep.extract.event_places)."""

import pytest

from sitrep import extract
from sitrep.geo import distance_km


def main_location(text, published="2024-03-05"):
    x = extract(text, published=published)
    assert x.events, f"no event in {text!r}"
    return x.events[0].location


def within(location, lat, lon, km=10):
    return location is not None and location.lat is not None and distance_km(location.lat, location.lon, lat, lon) <= km


NIKOPOL = (47.57, 34.39)
SUZEMKA = (52.32, 34.08)
SLOVIANSK = (48.85, 37.60)
KHERSON = (46.64, 32.61)
MYKOLAIV = (46.98, 31.99)
KHARKIV = (49.98, 36.25)
ZAPORIZHZHIA = (47.85, 35.12)


@pytest.mark.parametrize(
    "text, point",
    [
        ("Russian artillery shelled Nikopol, Dnipropetrovsk region, overnight and damaged two houses.", NIKOPOL),
        ("Ukrainian artillery fired on Suzemka, Bryansk region, on Monday; a barn burned down.", SUZEMKA),
        ("Government troops retook Sloviansk, in the Donetsk region, after a week of fighting.", SLOVIANSK),
        ("A shell landed in Nikopol (Dnipropetrovsk oblast) on Friday, wounding a pensioner.", NIKOPOL),
    ],
)
def test_a_settlement_qualified_by_its_region_is_the_place_not_the_region(text, point):
    location = main_location(text)
    assert within(location, *point), location
    assert location.precision in ("exact", "near")


@pytest.mark.parametrize(
    "text, point",
    [
        ("A drone struck a minibus in the Dniprovskyi district of Kherson on Tuesday, wounding four.", KHERSON),
        ("A drone struck a minibus in Kherson's Dniprovskyi district on Tuesday, wounding four.", KHERSON),
        ("Shelling damaged a school in the Korabelnyi district of Mykolaiv overnight.", MYKOLAIV),
        ("A glide bomb hit a warehouse in the Kyivskyi district of the city of Kharkiv, injuring a guard.", KHARKIV),
    ],
)
def test_a_city_district_is_placed_at_its_city(text, point):
    assert within(main_location(text), *point)


@pytest.mark.parametrize(
    "text",
    [
        "A marine was killed while crossing toward Krynky in the Kherson region, the Odesa city council said on Monday.",
        "A medic died in fighting near Bakhmut, the Lviv city council said.",
        "A soldier was killed during an assault near Vuhledar, the Ternopil regional military administration reported.",
    ],
)
def test_a_speaking_institution_is_not_where_it_happened(text):
    location = main_location(text)
    assert location is None or location.name not in ("Odesa", "Lviv", "Ternopil")


def test_a_speaking_institution_places_the_event_when_nothing_else_is_named():
    location = main_location("A local volunteer was killed by shelling, the Sumy city council said.")
    assert location is not None and location.name == "Sumy"


@pytest.mark.parametrize(
    "text",
    [
        "ZAPORIZHZHIA, Ukraine — A missile struck an apartment block overnight, killing two residents.",
        "ZAPORIZHZHIA, Ukraine (AP) — Two people were killed when a Russian missile hit a car park on Thursday.",
    ],
)
def test_a_dateline_city_places_a_report_that_names_nowhere_else(text):
    location = main_location(text)
    assert within(location, *ZAPORIZHZHIA), location


def test_a_dateline_does_not_beat_the_place_the_story_names():
    location = main_location("KYIV, Ukraine — Russian artillery shelled Nikopol on Sunday, damaging a power line.")
    assert within(location, *NIKOPOL), location


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled positions on the west bank of the Dnipro River on Wednesday.",
        "Russian artillery shelled Ukrainian positions along the right bank of the Dnipro river overnight.",
    ],
)
def test_a_river_is_not_the_city_named_after_it(text):
    location = main_location(text)
    assert location is None or location.name not in ("Dnipro",)
