"""find_places on realistic report sentences and on the seed article."""

from __future__ import annotations

import json

import pytest

from sitrep.extract.context import Context
from sitrep.extract.places import find_places
from sitrep.geo import distance_km

from conftest import needs_shared


def places_in(text: str):
    mentions = find_places(Context.from_text(text, published="2023-08-20"))
    for m in mentions:
        assert text[m.span.start : m.span.end] == m.attrs["surface"]
        name = m.attrs.get("name_span", m.span)  # the name inside the phrase ("Helmand" of "Helmand province")
        assert m.span.start <= name.start < name.end <= m.span.end
        assert m.label == "place" and name in m.value.evidence
    return mentions


def by_surface(mentions):
    return {m.attrs["surface"]: m for m in mentions}


def evidence_words(text: str) -> set[str]:
    """The words every place found in ``text`` gives as its evidence."""
    return {text[s.start : s.end] for m in places_in(text) for s in m.value.evidence}


def test_front_line_villages_and_oblast_with_region_word():
    text = (
        "Russian forces shelled Robotyne and Staromayorske in Zaporizhzhia region overnight, "
        "the General Staff of Ukraine said on Sunday."
    )
    found = by_surface(places_in(text))
    robotyne = found["Robotyne"].value
    assert robotyne.country == "UA" and robotyne.precision == "exact"
    assert distance_km(robotyne.lat, robotyne.lon, 47.45, 35.83) < 10
    assert found["Staromayorske"].value.name == "Staromaiorske"
    region = found["Zaporizhzhia region"].value
    assert (region.kind, region.precision, region.country) == ("region", "region", "UA")
    assert "Sunday" not in found


def test_repeated_and_alternate_names_share_one_place_and_near_is_marked():
    text = (
        "Two civilians were killed near Bakhmut on Tuesday, Ukrainian officials said. "
        "Russian sources call the town Artemivsk; fighting in Bakhmut continued on Wednesday."
    )
    mentions = places_in(text)
    bakhmut = [m for m in mentions if m.value.name == "Bakhmut"]
    assert len(bakhmut) == 3
    assert len({id(m.value) for m in bakhmut}) == 1
    assert len(bakhmut[0].value.evidence) == 3
    assert [m.attrs["near"] for m in bakhmut] == [True, False, False]


def test_areas_and_compass_areas_have_area_precision():
    text = (
        "Fighting continued in the Donbas and in the south of Ukraine, while explosions were heard "
        "in Kharkiv and in north-eastern Ukraine."
    )
    found = by_surface(places_in(text))
    assert found["Donbas"].value.kind == "area"
    south = found["the south of Ukraine"].value
    assert (south.name, south.precision, south.country) == ("southern Ukraine", "area", "UA")
    assert south.lat < 48.0  # the south, not the middle of the country
    assert found["north-eastern Ukraine"].value.lon > 33.0
    assert found["Kharkiv"].value.kind == "populated_place"


def test_oblast_forms_and_plural_region_word():
    text = (
        "The governor of Kharkiv oblast said shelling hit villages in the Kharkiv, Sumy and Chernihiv regions; "
        "a drone was downed over Kharkivska oblast."
    )
    mentions = places_in(text)
    names = [m.value.name for m in mentions]
    assert names == ["Kharkiv Oblast", "Kharkiv Oblast", "Sumy Oblast", "Chernihiv Oblast", "Kharkiv Oblast"]
    assert all(m.value.precision == "region" for m in mentions)


def test_person_names_titles_and_common_words_are_not_places():
    text = (
        "President Vladimir Putin met Colonel General Alexander Lapin in Moscow. "
        "Most of them said: Read More on The Sun. Reports claim the Guards unit left."
    )
    found = by_surface(places_in(text))
    assert set(found) == {"Moscow"}


def test_russian_regions_breakaway_regions_and_countries():
    text = (
        "OMON officers from Khakassia and volunteers from South Ossetia were sent to Belarus, "
        "then to the Republic of Belarus' border with Ukraine."
    )
    found = by_surface(places_in(text))
    assert found["Khakassia"].value.country == "RU" and found["Khakassia"].value.precision == "region"
    assert found["South Ossetia"].value.country == "GE"
    assert found["Belarus"].value.precision == "country"
    assert found["Republic of Belarus"].value is found["Belarus"].value
    assert "OMON" not in found


def test_hromada_resolves_to_its_centre():
    text = "Occupation authorities in the Tokmatska hromada of Zaporizhzhia oblast detained two teachers."
    found = by_surface(places_in(text))
    hromada = found["Tokmatska hromada"].value
    assert hromada.kind == "region" and hromada.admin1 == "Zaporizhzhia Oblast"
    assert distance_km(hromada.lat, hromada.lon, 47.25, 35.71) < 5


def test_tiny_villages_need_ukrainian_context():
    assert places_in("Staromaiorske was quiet.") == []
    found = by_surface(places_in("Staromaiorske in Donetsk region was shelled."))
    assert found["Staromaiorske"].value.admin1 == "Donetsk Oblast"


def test_document_country_breaks_ties():
    ua = by_surface(places_in("A missile hit the port of Odessa, Ukraine's navy said."))
    assert ua["Odessa"].value.country == "UA"
    fr = by_surface(places_in("The talks in Paris ended without agreement."))
    assert fr["Paris"].value.country == "FR"


def test_afghan_dateline_province_and_district():
    text = (
        "KANDAHAR PROVINCE, Afghanistan - Afghan and coalition forces detained a Taliban leader in Sangin "
        "district of Helmand province yesterday. In Khost, a security force killed two insurgents."
    )
    found = by_surface(places_in(text))
    assert found["KANDAHAR PROVINCE"].value.kind == "region"
    assert found["KANDAHAR PROVINCE"].value.admin1 == "Kandahar"
    assert found["Sangin district"].value.admin1 == "Helmand"
    assert found["Helmand province"].value.precision == "region"
    assert found["Khost"].value.country == "AF"


def test_cyrillic_names_in_english_text():
    found = by_surface(places_in("Residents of Харків in Ukraine reported explosions."))
    assert found["Харків"].value.name == "Kharkiv"


def test_empty_and_placeless_text():
    assert places_in("") == []
    assert places_in("no capitalised words here at all.") == []


@needs_shared
def test_seed_article_places(shared):
    text = (shared / "seed" / "article-247th-regiment.txt").read_text(encoding="utf-8")
    expected = json.loads((shared / "seed" / "expected.json").read_text(encoding="utf-8"))["places"]
    mentions = find_places(Context.from_text(text, published="2022-04-08"))
    places = {id(m.value): m.value for m in mentions}.values()
    for want in expected:
        match = [p for p in places if p.country == want["country"] and _same_name(p.name, want["name"])]
        assert match, want
        place = match[0]
        if "lat" in want:
            assert distance_km(place.lat, place.lon, want["lat"], want["lon"]) < 25, (want, place)
        if "precision" in want:
            assert place.precision == want["precision"]
    surfaces = {m.attrs["surface"].lower() for m in mentions}
    assert not surfaces & {"sun", "read", "most", "guards", "colonel", "captain", "reports", "omon"}
    south = [m for m in mentions if m.attrs["surface"] == "the south of Ukraine"]
    assert south and south[0].value.precision == "area"


def _same_name(ours: str, theirs: str) -> bool:
    variants = {"chornobyl": "chernobyl", "borodianka": "borodyanka"}
    norm = lambda s: variants.get(s.lower(), s.lower())  # noqa: E731
    return norm(ours) == norm(theirs)


def test_russian_spellings_of_ukrainian_towns_follow_the_story():
    ua = by_surface(places_in("Three Ukrainian soldiers were killed near Uglegorsk, Ukraine's military said."))
    assert (ua["Uglegorsk"].value.name, ua["Uglegorsk"].value.country) == ("Vuhlehirsk", "UA")
    donbas = by_surface(places_in("Rebels shelled Konstantinovka and Dzerzhinsk in Donetsk region."))
    assert donbas["Dzerzhinsk"].value.name == "Toretsk"
    assert donbas["Konstantinovka"].value.admin1 == "Donetsk Oblast"
    ru = by_surface(places_in("Residents of Uglegorsk on Sakhalin in Russia complained about coal dust."))
    assert ru["Uglegorsk"].value.country == "RU"


def test_nearby_region_decides_between_namesakes_and_rivers_are_not_towns():
    text = (
        "Ukraine said its drones hit an oil depot. In the Bryansk region, two civilians were wounded "
        "in the village of Klimovo. Russian troops dug in on the Oskil River and the Dnipro river."
    )
    found = by_surface(places_in(text))
    assert found["Klimovo"].value.country == "RU" and found["Klimovo"].value.admin1 == "Bryansk Oblast"
    assert "Oskil" not in found and "Dnipro" not in found


def test_historic_names_of_hamlets_do_not_beat_the_city():
    found = by_surface(places_in("Russian warships left Novorossiysk; Ukraine's navy tracked them from Odesa."))
    assert found["Novorossiysk"].value.country == "RU"


def test_near_cues_and_outlets_named_after_cities():
    text = (
        "A drone struck a fuel depot 15 km from Bakhmut and another outside Kyiv, the Kyiv Independent "
        "reported, while Kramatorsk-based volunteers evacuated residents on the outskirts of Sloviansk."
    )
    mentions = places_in(text)
    near = {m.attrs["surface"]: m.attrs["near"] for m in mentions}
    assert near == {"Bakhmut": True, "Kyiv": True, "Kramatorsk": False, "Sloviansk": True}
    kyiv = [m for m in mentions if m.value.name == "Kyiv"]
    assert len(kyiv) == 1  # "Kyiv Independent" is a newspaper


def test_abbreviated_and_possessive_multi_word_names():
    found = by_surface(places_in(
        "Explosions were reported in St. Petersburg and in the Donetsk People's Republic, Ukraine's military said."
    ))
    assert found["St. Petersburg"].value.country == "RU"
    assert found["Donetsk People's Republic"].value.precision == "region"
    assert found["Ukraine"].value.kind == "country"  # the possessive 's is not part of the name


def test_afghan_districts_from_the_lexicon_resolve_to_their_province():
    text = (
        "In Panjwa'i district yesterday, an Afghan-led security force detained a suspected insurgent. "
        "In Sabari district of Khost province, another force found a weapons cache."
    )
    found = by_surface(places_in(text))
    assert found["Panjwa'i district"].value.admin1 == "Kandahar"
    assert found["Panjwa'i district"].value.precision == "region"
    assert found["Sabari district"].value.admin1 == "Khost"


try:
    from hypothesis import given, settings, strategies as st
except ImportError:  # pragma: no cover - hypothesis is a test extra
    given = None

if given is not None:
    _VOCAB = [
        "Kyiv", "Kiev's", "Kharkiv", "region", "oblast", "near", "the", "south", "of", "Ukraine", "St.", "Donetsk",
        "People's", "Republic", "Sangin", "district", "hromada", "Tokmatska", "U.S.", "US", "Vladimir", "Colonel",
        "River", "km", "15", "from", "-", "'s", "Sumy", "and", "regions", ",", "Ukraine's", "east", "...", "Sgt.",
        "’", "Kyiv-", "-Kyiv", "A.", "Pisky", "Київ", "\n",
    ]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(_VOCAB), max_size=25), st.sampled_from(["", " ", ".", "'"]))
    def test_offsets_always_reproduce_the_surface(words, lead):
        text = lead + " ".join(words)
        for m in find_places(Context.from_text(text)):
            assert text[m.span.start : m.span.end] == m.attrs["surface"]
            assert m.attrs.get("name_span", m.span) in m.value.evidence


def test_hyphenated_compounds_and_a_big_city_over_a_small_namesake():
    text = (
        "A Kyiv-based analyst said pro-Russian Donetsk officials lied about the Kharkiv-Belgorod road "
        "before Russia-Ukraine talks; a convoy later left Rostov-on-Don."
    )
    mentions = places_in(text)
    names = [(m.attrs["surface"], m.value.country) for m in mentions]
    assert names == [
        ("Kyiv", "UA"), ("Donetsk", "UA"), ("Kharkiv", "UA"), ("Belgorod", "RU"),
        ("Russia", "RU"), ("Ukraine", "UA"), ("Rostov-on-Don", "RU"),
    ]
    assert [m.span.start for m in mentions] == sorted(m.span.start for m in mentions)


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Clashes between the army and a militia were reported in El Geneina on Tuesday.", "El Geneina", "SD"),
        ("Rebels shelled the market in Al Mukalla, Hadramawt, on Monday morning.", "Al Mukalla", "YE"),
        ("Police arrested 14 protesters in La Paz, Bolivia, on Thursday.", "La Paz", "BO"),
    ],
)
def test_a_name_that_starts_with_an_article_is_found_whole(text, surface, country):
    found = by_surface(places_in(text))
    assert surface in found, found
    assert found[surface].value.country == country


@pytest.mark.parametrize(
    "text, surface, country",
    [
        ("Unknown gunmen killed two farmers near Tessalit in northern Mali on Sunday.", "Tessalit", "ML"),
        ("Militants raided a police post in Patikul, Sulu, on Saturday.", "Patikul", "PH"),
        ("Fighters attacked the village of Toribío, Cauca, overnight.", "Toribío", "CO"),
        ("A roadside bomb hit a patrol near Qayyarah in Iraq on Friday.", "Qayyarah", "IQ"),  # GeoNames: Al Qayyārah
        ("A bomb exploded in Tarmiyah, north of Baghdad, killing a policeman.", "Tarmiyah", "IQ"),
    ],
)
def test_small_towns_abroad_are_found_when_their_country_or_region_is_named(text, surface, country):
    found = by_surface(places_in(text))
    assert surface in found, found
    assert found[surface].value.country == country and found[surface].value.precision == "exact"


def test_a_small_foreign_town_needs_its_country_or_region_in_the_text():
    # the same hamlets' names, in a text naming neither their country nor their region
    assert "Patikul" not in by_surface(places_in("Officials met Patikul and Tessalit at the airport."))


def test_a_surname_after_a_given_name_is_not_a_town():
    found = by_surface(places_in("Deputy mayor Natalia Popasna said the city of Kharkiv was shelled on Monday."))
    assert "Popasna" not in found and "Kharkiv" in found


@pytest.mark.parametrize(
    "text, village, oblast",
    [
        ("Chernihiv. Russian troops shelled Novoselivka on the northern edge of the city overnight.", "Novoselivka", "Chernihiv Oblast"),
        ("Kupiansk and Ivanivka came under mortar fire on Monday, the regional police said.", "Ivanivka", "Kharkiv Oblast"),
    ],
)
def test_a_village_with_many_namesakes_is_the_one_near_the_storys_towns(text, village, oblast):
    found = by_surface(places_in(text))
    assert found[village].value.admin1 == oblast


@pytest.mark.parametrize(
    "text, names",
    [
        ("Insurgents attacked a checkpoint in Helmand province and later in Kandahar province.", ["Helmand", "Kandahar"]),
        ("Bandits raided a village in Nigeria's Zamfara state on Sunday night.", ["Nigeria", "Zamfara"]),
        ("Fighting flared again in northern Ethiopia and in southern Lebanon last week.", ["Ethiopia", "Lebanon"]),
        ("A drone hit a market near Harad in Yemen's northwestern Hajjah province.", ["Yemen", "Hajjah"]),
        ("Drones were downed over the Kursk, Belgorod and Voronezh regions overnight.", ["Kursk", "Belgorod", "Voronezh"]),
    ],
)
def test_a_places_evidence_is_its_name_without_unit_or_compass_words(text, names):
    evidence = evidence_words(text)
    assert set(names) <= evidence, evidence


@pytest.mark.parametrize(
    "text, name",
    [
        ("Shelling hit the Kharkiv region and the Izium district overnight.", "Kharkiv region"),
        ("The Bryansk region governor said a drone hit a farm.", "Bryansk region"),
        ("Two villages of the Velyka Pysarivka hromada came under mortar fire.", "Velyka Pysarivka hromada"),
    ],
)
def test_ukrainian_and_russian_divisions_are_named_with_their_unit_word(text, name):
    evidence = evidence_words(text)
    assert name in evidence, evidence


@pytest.mark.parametrize(
    "text",
    [
        "Aneta Kowalska, a volunteer from Poland, was wounded by shelling in Kherson on Monday.",
        "Rescuers said Aneta Kowalska, 29, was pulled from the rubble in Kharkiv.",
    ],
)
def test_a_given_name_of_the_world_list_before_a_surname_is_not_a_village(text):
    surfaces = {m.attrs["surface"] for m in places_in(text)}
    assert "Aneta" not in surfaces and surfaces & {"Kherson", "Kharkiv"}


@pytest.mark.parametrize(
    "text, names",
    [
        ("Gunmen on motorbikes raided two villages in Katsina State and abducted 40 people.", ["Katsina State"]),
        ("The junta's jets bombed a monastery in southern Chin State, residents said.", ["Chin State"]),
        ("Two insurgents were detained in Kandahar Province and one in Zabul Province.", ["Kandahar Province", "Zabul Province"]),
        ("Air defences shot down three drones over Belgorod City and two near Sumy City.", ["Belgorod City", "Sumy City"]),
        ("Mortar rounds landed in Kunar province; later, rockets hit Nangarhar Province.", ["Kunar", "Nangarhar Province"]),
    ],
)
def test_a_capitalised_unit_word_is_part_of_the_name(text, names):
    evidence = evidence_words(text)
    assert set(names) <= evidence, evidence


@pytest.mark.parametrize(
    "text, name",
    [
        ("Police in Owerri, the capital of Imo State, arrested three suspects.", "Imo State"),
        ("A mob lynched a man in Goma's Birere neighbourhood on Tuesday.", "Goma"),
    ],
)
def test_a_given_name_that_is_a_region_or_a_city_stays_a_place(text, name):
    evidence = evidence_words(text)
    assert name in evidence, evidence


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("IS fighters attacked a checkpoint east of Deir ez-Zor city on Monday.", "Deir ez-Zor", "SY"),
        ("Government troops entered Maarat al-Numan in Idlib province after rebels withdrew.", "Maarat al-Numan", "SY"),
        ("Iraqi forces completed the liberation of Tal Afar on Thursday.", "Tal Afar", "IQ"),
    ],
)
def test_arabic_names_with_a_hyphenated_article_or_a_prefix_word(text, name, country):
    found = {m.attrs["surface"]: m.value for m in places_in(text)}
    assert name in found and found[name].country == country, found


@pytest.mark.parametrize(
    "text, not_a_place",
    [
        ("Artillery positioned near Kafr Halab shelled the town at dawn.", "Halab"),
        ("Hayat Tahrir al-Sham fighters shelled government positions.", "al-Sham"),
        ("Troops clashed along the shore of Lake Lanao on Sunday.", "Lanao"),
        ("A spokesman for the Khortytsia Group of Forces said the assault was repelled.", "Khortytsia"),
        ("The Tavriisk Group of Forces reported 40 clashes near Robotyne.", "Tavriisk"),
    ],
)
def test_part_of_a_longer_name_or_a_military_grouping_is_not_a_place(text, not_a_place):
    assert not_a_place not in {m.attrs["surface"] for m in places_in(text)}


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Clashes between the army and the NAS continued in Central Equatoria.", "Central Equatoria", "SS"),
        ("Displacement camps around Goma, North Kivu, received new arrivals.", "North Kivu", "CD"),
        ("Survivors fled across West Darfur towards the border.", "West Darfur", "SD"),
        ("The IED hit a minibus on the road through Lower Shabelle.", "Lower Shabelle", "SO"),
        ("Airstrikes hit villages in Rural Damascus overnight.", "Rural Damascus", "SY"),
        ("The army said it had cleared several hideouts in North Waziristan.", "North Waziristan", "PK"),
        ("Farmers from Mato Grosso do Sul joined the march.", "Mato Grosso do Sul", "BR"),
    ],
)
def test_regions_worldwide_by_the_names_reports_use(text, name, country):
    found = {m.attrs.get("surface"): m.value for m in places_in(text)}
    assert name in found and found[name].country == country and found[name].precision == "region", found


@pytest.mark.parametrize(
    "text, name",
    [
        ("Russian troops tried to cross the Siverskyi Donets River near Bilohorivka.", "Siverskyi Donets River"),
        ("Marines crossed the Dnieper in rubber boats overnight.", "Dnieper"),
        ("Clashes continued east of the Oskil river in Kharkiv region.", "Oskil"),
        ("Drones hit grain silos on the Danube overnight.", "Danube"),
        ("The Shabelle river burst its banks near Jowhar.", "Shabelle"),
        # a river's bank names the river, whatever city shares its name
        ("Marines held their foothold on the left bank of the Dnipro despite heavy shelling.", "Dnipro"),
        ("Both banks of the Dnipro came under artillery fire on Sunday.", "Dnipro"),
        ("Barges were hit on the Romanian shore of the Danube, opposite Izmail.", "Danube"),
    ],
)
def test_rivers_are_named_places_not_the_towns_named_like_them(text, name):
    found = {text[s.start : s.end]: m.value for m in places_in(text) for s in m.value.evidence}
    assert name in found and found[name].kind == "area" and found[name].lat is None, found


@pytest.mark.parametrize("text, region, not_region", [
    # the name's only entries lie in other provinces: the province written after it stands for it
    ("Troops detained two suspects in Garm Ser district, Helmand province, yesterday.", "Helmand", "Badakhshan"),
    ("A patrol killed one gunman in the Khas district of Uruzgan province on Monday.", "Uruzgan", "Nimroz"),
    ("Commandos cleared the Khas Konar district, Kunar province, on Tuesday.", "Kunar", "Nimroz"),
])
def test_a_place_lies_in_the_region_written_after_it(text, region, not_region):
    found = places_in(text)
    assert any(p.value.admin1 == region for p in found)
    assert not any(p.value.admin1 == not_region for p in found)


def test_a_list_of_regions_is_no_region_of_its_first_name():
    found = places_in("Air raids struck villages in Sagaing, Magway, Kayah and southern Chin during the month.")
    assert any(p.value.name.startswith("Sagaing") for p in found)


@pytest.mark.parametrize(
    "text, part, city, evidence",
    [
        ("A car bomb was defused at a checkpoint in Mogadishu's Hodan district on Friday.", "Hodan", "Mogadishu", "Hodan"),
        ("Mortar rounds hit the Abu Salim district of Tripoli, killing four.", "Abu Salim", "Tripoli", "Abu Salim"),
        ("A mob attacked a suspected thief in Goma's Birere neighbourhood.", "Birere", "Goma", "Birere"),
        ("Kharkiv was hit again. A guided bomb struck the Novobavarskyi district, wounding six.", "Novobavarskyi district", "Kharkiv",
         "Novobavarskyi district"),
    ],
)
def test_a_part_of_a_city_sits_at_its_city(text, part, city, evidence):
    found = places_in(text)
    town = next(m.value for m in found if m.attrs["surface"] == city)
    piece = next(m.value for m in found if m.value.name == part)
    assert (piece.lat, piece.lon, piece.country) == (town.lat, town.lon, town.country)
    assert evidence in {text[s.start : s.end] for s in piece.evidence}


@pytest.mark.parametrize(
    "text",
    [
        "Insurgents attacked a patrol in the Sar Hawza district of Paktika province yesterday.",
        "Heavy fighting continued in the Bakhmut area of Donetsk region.",
        "Shelling hit the Bakhmut area of Donetsk on Friday.",
    ],
)
def test_a_district_or_town_is_not_read_as_part_of_a_city(text):
    found = places_in(text)
    assert not any(m.attrs.get("city_part") and m.value.name.startswith("Bakhmut") for m in found)
    assert not any(m.attrs.get("city_part") and m.value.name.startswith("Sar Hawza") for m in found)


@pytest.mark.parametrize(
    "text, part, city",
    [
        # "the city's": the city the report last named, not a namesake district of another city (GeoNames
        # has Kyiv's Dniprovskyi as a point of its own)
        ("Artillery hit Kherson at dawn. Two men were hurt in the city's Dniprovskyi district.", "Dniprovskyi district", "Kherson"),
        ("Zaporizhzhia came under drone attack on Sunday; windows were blown out in the city's Dniprovskyi district.",
         "Dniprovskyi district", "Zaporizhzhia"),
        ("A glide bomb fell on Kharkiv. The Kyivskyi district of the city lost power for a day.", "Kyivskyi district", "Kharkiv"),
        ("Gunmen stormed a restaurant in Mogadishu late on Friday; shots were also fired in the city's Hodan district.",
         "Hodan", "Mogadishu"),
        # named alone: the report's city when it has a district so called, though another city came last
        ("KHERSON, Ukraine - A shell hit a bus stop in Kherson on Monday, the governor said. Evacuation trains leave "
         "Kherson for Odesa daily.\n\nHeating in the Korabelnyi district was restored on Tuesday.", "Korabelnyi district", "Kherson"),
        ("Mykolaiv was struck by two missiles on Sunday night. A warehouse burned in the Korabelnyi district.",
         "Korabelnyi district", "Mykolaiv"),
    ],
)
def test_a_city_district_belongs_to_the_city_the_report_is_about(text, part, city):
    found = places_in(text)
    town = next(m.value for m in found if m.attrs["surface"] == city)
    piece = next(m.value for m in found if m.value.name == part)
    assert (piece.lat, piece.lon, piece.admin1) == (town.lat, town.lon, town.admin1)
    assert not any(m.value.name.startswith("Dniprovskyi") and m.value.admin1 == "Kyiv City" for m in found)


@pytest.mark.parametrize(
    "text, camp, city",
    [
        ("Nyala was quiet on Monday. Late at night shells hit the Otash camp for displaced people east of the city.", "Otash", "Nyala"),
        ("Artillery fire struck the Kalma displacement camp, south-east of Nyala, wounding nine.", "Kalma", "Nyala"),
        ("Militiamen looted the Rhoe IDP camp near Bunia and burned shelters.", "Rhoe", "Bunia"),
        ("Two bombs fell on the Bulengo and Lushagala displacement sites on the edge of Goma.", "Lushagala", "Goma"),
    ],
)
def test_a_camp_for_displaced_people_sits_at_the_city_it_is_by(text, camp, city):
    found = places_in(text)
    town = next(m.value for m in found if m.attrs["surface"] == city)
    part = next(m.value for m in found if m.value.name == camp)
    assert (part.lat, part.lon, part.country) == (town.lat, town.lon, town.country)
    assert camp in {text[s.start : s.end] for s in part.evidence}


def test_a_district_of_the_city_itself_keeps_its_own_point():
    found = places_in("Debris of a downed drone fell in Kyiv's Dniprovskyi district overnight.")
    part = next(m.value for m in found if m.value.name.startswith("Dniprovskyi"))
    assert part.admin1 == "Kyiv City"


# Kupiansk, and the Ivanivka of Kupiansk district that lies 25 km east of it
KUPIANSK = (49.71, 37.62)


@pytest.mark.parametrize("text", [
    "A shell hit Ivanivka in Kupiansk district on Monday morning, wounding a farmer.",
    "Mortar fire hit Ivanivka in the Kupiansk district overnight.",
    "Ivanivka, Kupiansk district: two houses were damaged by shelling.",
    "Ivanivka (Kupiansk raion) was shelled twice on Friday.",
])
def test_of_a_regions_namesake_villages_the_one_by_the_district_written_after_it(text):
    found = by_surface(places_in(text))
    village = found["Ivanivka"].value
    assert village.admin1 == "Kharkiv Oblast"
    assert distance_km(village.lat, village.lon, *KUPIANSK) < 40


@pytest.mark.parametrize("text, village, town", [
    ("Russian troops pushed forward near Kalynove and inside Krasnohorivka, Donetsk region.", "Kalynove", "Krasnohorivka"),
    ("Fighting went on in Krasnohorivka and near Kalynove on Tuesday.", "Kalynove", "Krasnohorivka"),
    ("A tractor hit a mine on farmland by Kalynivka, Mykolaiv Oblast, in the Snihurivka area.", "Kalynivka", "Snihurivka"),
])
def test_of_namesake_villages_the_one_nearest_the_towns_named_beside_it(text, village, town):
    found = by_surface(places_in(text))
    v, t = found[village].value, found[town].value
    assert distance_km(v.lat, v.lon, t.lat, t.lon) < 25


def test_a_town_named_beside_does_not_pull_a_big_city_to_a_hamlet_of_its_name():
    found = by_surface(places_in("Missiles struck Odesa, Kharkiv and Dnipro overnight."))
    assert found["Dnipro"].value.admin1 == "Dnipropetrovsk Oblast"
    assert found["Kharkiv"].value.admin1 == "Kharkiv Oblast"


def test_a_region_written_after_in_keeps_a_name_no_town_of_that_region_has():
    # "the Dnipro in the Kherson region": no town of Kherson oblast is so called; the name keeps its reading
    assert "Dnipro" in evidence_words("Drones flew along the Dnipro in the Kherson region overnight.")


@pytest.mark.parametrize("text, village, oblast", [
    # a region named in the next sentence says nothing of where a village of this one lies
    ("Attacks close to Shcherbynivka and Kurdiumivka were beaten back, the brigade said. Near Kupiansk, fighting "
     "continued around Petropavlivka in Kharkiv region.", "Shcherbynivka", "Donetsk Oblast"),
])
def test_a_region_named_in_the_next_sentence_does_not_choose_a_namesake(text, village, oblast):
    assert by_surface(places_in(text))[village].value.admin1 == oblast


def test_a_village_named_again_is_the_village_named_first():
    text = ("Ukrainian troops retook Andriivka, south of Bakhmut, on Sunday after a week of fighting. The General "
            "Staff of Ukraine published footage of the village. The assault brigade later said it had captured a "
            "dozen soldiers in Andriivka, and that the enemy was shelling the ruins of the village from the east.")
    found = [m for m in places_in(text) if m.attrs["surface"] == "Andriivka"]
    assert len(found) == 2 and found[0].value is found[1].value
    assert found[0].value.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize("text, name, country", [
    # a facility named for its town says the name is a place, as "in" does
    ("UN peacekeepers pulled out of their Aguelhok camp on Tuesday; the army took over the facility.", "Aguelhok", "ML"),
    ("Jihadists attacked the Kati military camp at dawn.", "Kati", "ML"),
])
def test_a_facility_named_for_a_town_makes_its_name_a_place(text, name, country):
    found = by_surface(places_in(text))
    assert name in found and found[name].value.country == country


# --- a text that is one name; a village where something happened, with no country named -----------------


@pytest.mark.parametrize("text", ["Hnutove", "Pavlopil.", "  Berdychi  ", "Shyrokyne -"])
def test_a_text_of_one_village_name_is_that_village(text):
    """A headline, caption or index entry that is only a name says where: the village the gazetteer
    holds under that name alone, though the text names no country."""
    (m,) = places_in(text)
    assert m.value.country == "UA" and m.value.admin1 == "Donetsk Oblast"
    assert m.value.name == text.strip(" .-")


def test_a_heading_line_of_one_village_name_is_that_village():
    text = "Pavlopil\n\nResidents spent a second night in cellars as the shelling went on.\n"
    (m,) = places_in(text)
    assert m.value.name == "Pavlopil" and m.value.admin1 == "Donetsk Oblast"


@pytest.mark.parametrize("text", [
    "Heavy fighting near Hnutove",
    "Two houses burned after shelling in Pavlopil overnight",
    "Troops retook Berdychi after a week of clashes",
])
def test_a_village_where_something_happened_needs_no_country(text):
    names = {m.value.name: m.value.admin1 for m in places_in(text)}
    assert set(names.values()) == {"Donetsk Oblast"}


@pytest.mark.parametrize("text", ["Novoselivka", "Travneve.", "Heavy fighting near Novoselivka", "Clashes reported around Andriivka"])
def test_villages_of_one_name_in_many_regions_are_not_guessed_with_nothing_beside_them(text):
    """Dozens of villages share these names and the text says nothing to choose between them."""
    assert [m for m in places_in(text) if m.value.kind == "populated_place"] == []


def test_villages_of_one_name_are_told_apart_once_the_region_is_named():
    (m,) = [m for m in places_in("Heavy fighting near Novoselivka in Kharkiv region") if m.value.kind == "populated_place"]
    assert m.value.admin1 == "Kharkiv Oblast"


@pytest.mark.parametrize("text, country", [("Djibo", "BF"), ("Kidal.", "ML"), ("Kramatorsk", "UA")])
def test_a_text_of_one_town_name_abroad_or_at_home(text, country):
    (m,) = places_in(text)
    assert m.value.country == country


def test_a_village_name_inside_a_sentence_without_locative_is_still_no_place():
    """Only a name standing alone or after a locative word is read as a village without its country."""
    assert places_in("Hnutove said nothing about the matter") == []


@pytest.mark.parametrize("text", ["Peski", "Kalinovo."])
def test_a_label_whose_name_is_also_another_countrys_spelling_of_villages_is_not_guessed(text):
    """A Russian village's own name that is also the Russian spelling of Ukrainian villages: a name alone
    cannot say which country's village is meant."""
    assert [m for m in places_in(text) if m.value.kind == "populated_place"] == []
