"""The one ranking of a name's namesakes (sitrep.gazetteer.ranking), for labels and for reports."""

from sitrep.gazetteer.places import Entry
from sitrep.gazetteer.ranking import Evidence, dateline_city, rank


def entry(eid, country, population, admin1=None, lat=None, lon=None, kind="populated_place"):
    return Entry(eid, f"T.{eid}", kind, f"Place {eid}", country, admin1, lat, lon, population, None, "exact")


def test_a_region_named_beside_the_name_outweighs_size_and_country():
    big, small = entry(1, "RU", 900_000, "RU.01"), entry(2, "UA", 800, "UA.05")
    assert rank([(big, False), (small, False)], Evidence()) is big
    assert rank([(big, False), (small, False)], Evidence(regions_beside={"UA.05"})) is small


def test_a_town_named_beside_the_name_pulls_the_namesake_near_it():
    west, east = entry(1, "UA", 3_000, lat=48.0, lon=24.0), entry(2, "UA", 900, lat=48.0, lon=38.0)
    assert rank([(west, False), (east, False)], Evidence()) is west
    assert rank([(west, False), (east, False)], Evidence(towns_beside=[(48.2, 38.3)])) is east


def test_countries_then_focus_countries_then_own_names_then_size():
    ge, ua = entry(1, "GE", 50_000), entry(2, "UA", 40_000)
    assert rank([(ge, False), (ua, False)], Evidence()) is ua  # Ukraine, Russia, Belarus first
    assert rank([(ge, False), (ua, False)], Evidence(countries={"GE": 1})) is ge
    own, other = entry(3, "UA", 1_000), entry(4, "UA", 20_000)
    assert rank([(own, False), (other, True)], Evidence()) is own


def test_a_story_drops_a_small_place_that_only_once_bore_a_big_citys_name():
    port, hamlet = entry(1, "RU", 250_000), entry(2, "UA", 300)
    candidates = [(port, False), (hamlet, True)]
    evidence = Evidence(countries={"UA": 3})
    assert rank(candidates, evidence) is hamlet  # a label: the country it names decides
    assert rank(candidates, evidence, story=True) is port  # a report: ten times smaller under another name loses


def test_a_story_counts_regions_named_anywhere_unless_a_namesake_is_ten_times_bigger():
    city, town = entry(1, "UA", 900_000, "UA.14"), entry(2, "RU", 50_000, "RU.61")
    near_town = entry(3, "RU", 95_000, "RU.61")
    named = Evidence(regions_named={"RU.61": 1})
    assert rank([(city, False), (town, False)], named, story=True) is city
    assert rank([(city, False), (near_town, False)], named, story=True) is near_town
    assert rank([(city, False), (near_town, False)], named) is city  # a label has no such rule


def test_a_dateline_names_the_biggest_place_of_its_name():
    small, big, renamed = entry(1, "UA", 2_000), entry(2, "AF", 4_000_000), entry(3, "RU", 9_000_000)
    assert dateline_city([(small, False), (big, False), (renamed, True)]) is big
