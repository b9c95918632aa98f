"""The place gazetteer: keys, distances, romanization, and free-text resolution of names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitrep.gazetteer.lookup import resolve_place_name
from sitrep.gazetteer.places import load_gazetteer, normalize_key
from sitrep.geo import distance_km

REPO = Path(__file__).resolve().parents[1]


def _build_script():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_normalize_key_folds_case_hyphens_apostrophes_and_latin_accents_only():
    assert normalize_key("Sar-e Pul") == "sar e pul"
    assert normalize_key("Donetsk People’s Republic") == normalize_key("Donetsk People's Republic")
    assert normalize_key("Kandahār") == "kandahar"
    assert normalize_key("Київ") == "київ"  # й and ї stay whole
    assert normalize_key("  St.  Petersburg ") == "st petersburg"


@pytest.mark.parametrize(
    "cyrillic, latin",
    [
        ("Роботине", "Robotyne"),
        ("Кліщіївка", "Klishchiivka"),
        ("Старомайорське", "Staromaiorske"),
        ("Згурівка", "Zghurivka"),
        ("Єнакієве", "Yenakiieve"),
        ("Яготин", "Yahotyn"),
        ("Ізюм", "Izium"),
        ("Кам’янське", "Kamianske"),
        ("Верхній Токмак", "Verkhnii Tokmak"),
    ],
)
def test_kmu_2010_romanization(cyrillic, latin):
    assert _build_script().romanize(cyrillic) == latin


def test_spelling_variants_include_press_and_russian_style_forms():
    kmu, variants = _build_script().spelling_variants("Старомайорське")
    assert kmu == "Staromaiorske"
    assert "Staromayorske" in variants
    assert "Staromayorskoye" in variants
    _, variants = _build_script().spelling_variants("Горлівка")
    assert "Gorlovka" in variants


@pytest.mark.parametrize(
    "cyrillic, russian",
    [
        ("Новомихайлівка", "Novomikhaylovka"),  # и as i, the -ivka ending as -ovka
        ("Очеретине", "Ocheretino"),
        ("Курахове", "Kurakhovo"),
        ("Кузьмин", None),  # no Russian-style ending: the letters alone ("Kuzmin") would make surnames villages
    ],
)
def test_spelling_variants_include_the_russian_spelling_of_a_ukrainian_name(cyrillic, russian):
    kmu, variants = _build_script().spelling_variants(cyrillic)
    if russian is None:
        assert "Kuzmin" not in variants
    else:
        assert russian in variants


def test_russian_spellings_write_a_final_iy_and_a_y_after_a_vowel_both_ways():
    build = _build_script()
    assert {"Goryachiy Klyuch", "Goryachy Klyuch"} <= build.russian_spellings("Горячий Ключ")
    assert {"Grayvoron", "Graivoron"} <= build.russian_spellings("Грайворон")
    assert {"Khoromnoye", "Khoromnoe"} <= build.russian_spellings("Хоромное")


@pytest.mark.parametrize(
    "text, country",
    [
        ("Units of the Centre group took Novomikhaylovka in the Donetsk region after three days of fighting.", "UA"),
        ("Russian aviation struck enemy positions near Ocheretino in the Donetsk People's Republic.", "UA"),
        ("Drone debris damaged a house in Graivoron, Belgorod region, the governor said.", "RU"),
        ("A volunteer from Goryachy Klyuch in the Krasnodar region was buried on Friday.", "RU"),
    ],
)
def test_russian_spellings_of_places_are_found_in_text(text, country):
    from sitrep.extract.context import Context
    from sitrep.extract.places import find_places

    found = find_places(Context.from_text(text, published="2024-03-01"))
    towns = [m.value for m in found if m.value.kind == "populated_place"]
    assert towns and towns[0].country == country, [(p.name, p.country) for p in towns]


def _close(place, lat, lon, km=25):
    return place is not None and distance_km(place.lat, place.lon, lat, lon) < km


@pytest.mark.parametrize(
    "name, country, lat, lon",
    [
        ("Kiev", "UA", 50.45, 30.52),
        ("Kharkov", "UA", 49.99, 36.23),
        ("Nikolaev", "UA", 46.97, 31.99),
        ("Artemivsk", "UA", 48.59, 38.00),
        ("Chornobyl", "UA", 51.27, 30.22),
        ("Харків", "UA", 49.99, 36.23),
        ("Robotyne", "UA", 47.45, 35.83),
        ("Klishchiyivka", "UA", 48.53, 37.96),
        ("Staromayorske", "UA", 47.75, 36.79),
        ("Pskov", "RU", 57.82, 28.33),
        ("Lashkar Gah", "AF", 31.59, 64.37),
    ],
)
def test_resolve_alternate_names_and_transliterations(name, country, lat, lon):
    place = resolve_place_name(name)
    assert place is not None and place.country == country
    assert _close(place, lat, lon), (name, place)


def test_resolve_afghan_provinces_with_region_precision():
    helmand = resolve_place_name("Helmand")
    assert (helmand.country, helmand.kind, helmand.precision, helmand.admin1) == ("AF", "region", "region", "Helmand")
    assert resolve_place_name("paktya").admin1 == "Paktia"
    assert resolve_place_name("Kandahar").admin1 == "Kandahar"  # the city, in Kandahar province
    assert resolve_place_name("Sar-e Pul province").kind == "region"


def test_all_34_afghan_provinces_are_distinct_regions():
    gaz = load_gazetteer()
    provinces = {e.ref for e in gaz.entries if e.kind == "region" and e.country == "AF"}
    assert len(provinces) == 34
    assert all(gaz.entries[eid].lat is not None for eid, _ in gaz.candidates("a:helmand"))


def test_resolve_ucdp_style_descriptions_use_the_region_to_break_ties():
    place = resolve_place_name("near the village of Chernukhino (Luhansk region)")
    assert place.name == "Chornukhyne" and place.admin1 == "Luhansk Oblast"
    pisky = resolve_place_name("near Pisky village, Donetsk")
    assert pisky.admin1 == "Donetsk Oblast"
    assert resolve_place_name("Kiev/Kyiv city (Maidan Nezalezhnosti protest camp)").name == "Kyiv"
    assert resolve_place_name("Donetsk Oblast").precision == "region"
    assert resolve_place_name("Nowhere-in-particular-ville") is None


def test_resolve_hromada_to_its_centre_settlement():
    hromada = resolve_place_name("Tokmatska hromada")
    assert hromada.kind == "region" and hromada.admin1 == "Zaporizhzhia Oblast"
    assert _close(hromada, 47.25, 35.71, km=5)


def test_oblast_adjectives_and_country_filter():
    oblast = resolve_place_name("Kharkivska oblast")
    assert (oblast.name, oblast.precision) == ("Kharkiv Oblast", "region")
    assert resolve_place_name("Odessa", country="US").country == "US"
    assert resolve_place_name("Odessa").country == "UA"


def test_resolve_phrases_that_are_not_names_themselves():
    shchastia = resolve_place_name("near the town of Shchastya near Luhansk")
    assert shchastia.name.startswith("Shchast") and shchastia.admin1 == "Luhansk Oblast"
    assert resolve_place_name("villages of Avdiivka and Opytne").admin1 == "Donetsk Oblast"
    assert resolve_place_name("Stanytsya Luganska village", country="UA").admin1 == "Luhansk Oblast"


def test_postal_points_shared_with_namesakes_elsewhere_are_not_trusted():
    # The postal file gives Andriivka (Kyiv oblast) the point of an Andriivka in Chernihiv oblast.
    kyiv_oblast = resolve_place_name("Andriivka, Kyiv region", country="UA")
    assert kyiv_oblast.admin1 == "Kyiv Oblast"
    assert distance_km(kyiv_oblast.lat, kyiv_oblast.lon, 50.45, 30.52) < 150
    # and its 12/13 admin1 codes are swapped against GeoNames: villages of Kyiv oblast are not "Kyiv City"
    assert resolve_place_name("Motyzhyn").admin1 == "Kyiv Oblast"


def test_every_region_of_the_lexicon_is_in_the_built_index():
    from sitrep.lexicons import load_table

    gaz = load_gazetteer()
    for row in load_table("places_regions.tsv"):
        assert gaz.admin1_name(row["code"]) == row["name"], row["code"]


def test_resolve_labels_in_lower_case_compass_areas_and_stop_words():
    south = resolve_place_name("southern afghanistan")
    assert (south.country, south.kind, south.precision) == ("AF", "area", "area")
    assert resolve_place_name("wardak").admin1 == "Wardak"
    assert resolve_place_name("South Ossetia").country == "GE"
    assert resolve_place_name("north") is None


def test_resolve_prefers_the_namesake_near_a_town_named_alongside():
    place = resolve_place_name("near the village of Andreevka near Slavyansk", country="UA")
    assert distance_km(place.lat, place.lon, 48.85, 37.60) < 30
