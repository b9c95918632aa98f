"""People named without a rank: a given-names lexicon of many naming traditions (names_given.txt, built
from Faker's person providers; given_names.txt, our own variant groups) and the cues that name a person
whose given name no lexicon holds: an inverted reporting verb, an age or a role after the name, a relative
or a role before it, a naming phrase. And the other side: a name-like phrase that names a place, a camp,
an armed group, an honour or an outlet is no person.
"""

from __future__ import annotations

import pytest

from sitrep.extract.context import Context
from sitrep.extract.people import find_people, given_group
from sitrep.model import Mention, Place, Span


def people(text: str, places=()) -> list[Mention]:
    return find_people(Context.from_text(text), units=[], places=list(places))


def names(text: str, places=()) -> list[str]:
    seen, out = set(), []
    for m in people(text, places):
        if id(m.value) not in seen:
            seen.add(id(m.value))
            out.append(m.value.name)
    return out


def place_at(text: str, word: str, kind: str = "populated_place") -> Mention:
    start = text.index(word)
    return Mention("place", Span(start, start + len(word)), Place(name=word, kind=kind))


# --- the given-names lexicon --------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    ["Vyacheslav", "Oleksandr", "Nino", "Chinedu", "Halima", "Fatima", "Kadir", "Esther", "Beatrice", "Rogelio",
     "Mahmoud", "Amal", "Anahit", "Sani", "Haider", "Mazloum", "Hodan", "Aung", "Marie-Ange", "Jean-Robert"],
)
def test_given_names_of_many_traditions_are_known(word):
    assert given_group(word) is not None


@pytest.mark.parametrize("word", ["Justice", "Hope", "Monday", "August", "Said", "Hayat", "Jordan", "Santa", "Tal"])
def test_words_that_are_mostly_not_names_are_left_out(word):
    assert given_group(word) is None


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Nino Kapanadze, who organised the march in Kutaisi, was fined by a court.", "Nino Kapanadze"),
        ("Troops searched the house of Hodan Warsame in Baidoa before dawn.", "Hodan Warsame"),
        ("Police in Kano detained Garba Danjuma on Friday.", "Garba Danjuma"),
        ("Thousands marched after Esteban Ruiz Castaño was shot outside his office.", "Esteban Ruiz Castaño"),
        ("Rebels released Mazloum Hasso after a week in captivity.", "Mazloum Hasso"),
        ("A drone strike killed Bashar al-Khatib, the council's former head, near Deraa.", "Bashar al-Khatib"),
        ("Gunmen abducted Aung Kyaw Min from a tea shop in Sagaing.", "Aung Kyaw Min"),
    ],
)
def test_a_known_given_name_and_a_surname_is_a_person(sentence, name):
    assert name in names(sentence)


def test_arabic_article_belongs_to_the_surname():
    assert names("Forces loyal to Salim al-Haddad entered the town, said Omar al-Faruq.") == [
        "Salim al-Haddad",
        "Omar al-Faruq",
    ]


def test_a_surname_the_gazetteer_also_holds_as_a_village_stays_in_the_name():
    text = "Tetiana Krasnoilka, a teacher, said the school was hit twice."
    assert names(text, [place_at(text, "Krasnoilka")]) == ["Tetiana Krasnoilka"]
    text = "Warrant Officer Pavel Gusev was killed in the shelling."
    assert names(text, [place_at(text, "Gusev")]) == ["Pavel Gusev"]


def test_a_given_name_before_a_country_is_not_a_name():
    text = "Officials in Sofia Bulgaria said nothing."
    assert names(text, [place_at(text, "Sofia"), place_at(text, "Bulgaria", "country")]) == []


# --- cues for names no lexicon holds -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, name",
    [
        ('"The shells fell all night," said Qorbanali Yusufzai, a shepherd from the valley.', "Qorbanali Yusufzai"),
        ('"We buried them ourselves," says Tsegaye Berhanu, whose brother was among the dead.', "Tsegaye Berhanu"),
        ('"Nobody came to help," added Ngozi Eze.', "Ngozi Eze"),
        ("Ousmane Diabaté, 58, said the gunmen arrived on motorbikes.", "Ousmane Diabaté"),
        ("The body of Rodrigue Mbemba (33) was found on the road to Goma.", "Rodrigue Mbemba"),
        ("Zewditu Alemu, a nurse at the district clinic, treated the wounded.", "Zewditu Alemu"),
        ("Ko Thet Paing, a local council member, said soldiers torched the village.", "Ko Thet Paing"),
        ("The suspect, identified as Yerlan Dzhaksybekov, was held in Almaty.", "Yerlan Dzhaksybekov"),
    ],
)
def test_cued_names_without_a_known_given_name(sentence, name):
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("A paramedic, Tawfiq Sabbagh, was killed when the second missile struck.", "Tawfiq Sabbagh"),
        ("Her lawyer, Dzhemil Aliev, said he had not been allowed to see her.", "Dzhemil Aliev"),
        ("Security analyst Ikechukwu Obi said the ransom economy was growing.", "Ikechukwu Obi"),
        ("The village elder's widow, Adjoa Mensima, said the men took the cattle.", "Adjoa Mensima"),
        ("Eyewitness Kofi Boateng said the convoy did not stop.", "Kofi Boateng"),
    ],
)
def test_role_or_relative_before_the_name(sentence, name):
    assert names(sentence) == [name]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Soldiers took her son Taras from the queue at the checkpoint.", "Taras"),
        ("His brother, Bakary, survived with burns.", "Bakary"),
        ("A guard who gave his name only as Timur said the gate stayed shut.", "Timur"),
        ("A fighter who gave only his first name, Yusuf, said the unit withdrew.", "Yusuf"),
    ],
)
def test_a_first_name_alone_after_a_relative_or_a_naming_phrase(sentence, name):
    assert names(sentence) == [name]


def test_the_late_introduces_a_name():
    assert names("A plaque honours the late Gediminas Vaitkus, who founded the school.") == ["Gediminas Vaitkus"]


# --- and what is not a person --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Artillery hit the Abu Nasr camp for displaced families north of the city.",
        "Troops clashed with an Abu Sayyaf sub-leader's men on Jolo.",
        "The strike hit a house in the Abu Salim district of the capital.",
        "Members of the Carlos Alberto column of the dissidents laid the mines.",
        "She was awarded the Order of Yaroslav Mudryi last year.",
        "Fighting was reported near Bala Deh and in the village of Isa Khel on Monday.",
        "Shelling near Maria Kala killed two, officials said.",
        "OVD-Info counted the arrests, a rights group said.",
        "Additionally, the patrol found two rifles.",
    ],
)
def test_places_camps_groups_honours_and_outlets_are_not_people(text):
    assert names(text) == []


def test_a_speech_verb_before_an_outlet_or_organisation_is_not_enough():
    assert names('"The city is surrounded," said Human Rights Watch.') == []
    assert names('"Nothing is left," said Reuters.') == []


# --- later mentions --------------------------------------------------------------------------------


def evidence(text: str) -> list[tuple[str, list[str]]]:
    out: dict[int, tuple[str, list[str]]] = {}
    for m in people(text):
        out.setdefault(id(m.value), (m.value.name, []))[1].append(text[m.span.start : m.span.end])
    return list(out.values())


def test_a_surname_with_the_arabic_article_is_the_same_person_without_it():
    text = "Hadi al-Ameri led the convoy into Tikrit. Al-Ameri said the road was clear; Ameri later left."
    assert evidence(text) == [("Hadi al-Ameri", ["Hadi al-Ameri", "Al-Ameri", "Ameri"])]


def test_a_given_name_alone_later_joins_the_full_name():
    text = "Yusra Haddad, 29, a pharmacist, said the clinic was looted. Yusra then fled with her children."
    assert evidence(text) == [("Yusra Haddad", ["Yusra Haddad", "Yusra"])]
    text = "Police detained Bogdan Ilie and Irina Ilie. Bogdan was released the next day."
    assert evidence(text) == [("Bogdan Ilie", ["Bogdan Ilie", "Bogdan"]), ("Irina Ilie", ["Irina Ilie"])]


def test_an_age_written_in_words_before_the_name_introduces_it():
    assert names("Nine-year-old Tsiory Rakoto was hit by shrapnel in the market.") == ["Tsiory Rakoto"]
    assert names("The 34-year-old Dumisani Khumalo died in hospital.") == ["Dumisani Khumalo"]


def test_a_role_with_a_place_before_a_comma_introduces_the_name():
    assert names("A shopkeeper in Baqubah, Abdulwahab Kareem, said the gunmen wore uniforms.") == ["Abdulwahab Kareem"]
    assert names("The head of the Lattakia health directorate, Nizar Khaddour, gave the toll.") == ["Nizar Khaddour"]


def test_a_thing_named_after_an_honoured_person_after_a_title_is_not_a_person():
    assert names("Police found rockets in Sayyid Jalal district on Monday.") == []
    assert names("Rockets hit the Imam Ali shrine, the ministry said.") == []


def test_the_names_lexicon_credits_its_source_and_leaves_out_the_excluded_words():
    from sitrep.lexicons import load_lines

    lexicon_dir = __import__("sitrep.lexicons", fromlist=["x"]).__path__[0]
    with open(f"{lexicon_dir}/names_given.txt", encoding="utf-8") as handle:
        header = "".join(line for line in handle if line.startswith("#"))
    assert "Faker" in header and "MIT" in header
    names = set(load_lines("names_given.txt"))
    assert len(names) > 20000 and all(name == name.lower() and name.isalpha() for name in names)
    excluded = {word.lower() for line in load_lines("names_given_exclude.txt") for word in line.split()}
    assert not names & excluded


def test_a_name_coordinated_with_places_after_a_locative_word_is_a_place():
    assert names("Strikes hit clinics in Kafr Zita, Habit and Karim Hamdan on Sunday.") == []
    assert names("Convoys moved near Tal Hamis or Nasser Kandil before dawn.") == []


def test_an_article_word_alone_after_a_title_is_not_a_person():
    assert names("Fighters of Kataib Sayyid al-Shuhada fired the rockets.") == []


def test_the_next_names_of_a_list_of_people_are_people():
    text = "The dead were named as Samir Khoury, 40, Tsegaye Abera and Dawit Gebre."
    assert names(text) == ["Samir Khoury", "Tsegaye Abera", "Dawit Gebre"]


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Hundreds attended the funeral of Thaer Qudsi in Jenin.", "Thaer Qudsi"),
        ("Police confirmed the arrest of Obinna Nwosu, the group said.", "Obinna Nwosu"),
        ("The family mourned Wirat Sombat, who was shot at the checkpoint.", "Wirat Sombat"),
        ("Investigators exhumed the body of Eduardo Quispe Mamani last week.", "Eduardo Quispe Mamani"),
    ],
)
def test_what_happens_to_a_person_introduces_the_name(sentence, name):
    assert names(sentence) == [name]


def test_an_organisation_after_a_frame_word_is_not_a_person():
    assert names("The killing of Islamic State fighters was confirmed.") == []


def test_a_given_name_alone_before_and_a_full_name_shares_its_surname():
    text = "Two sisters, Halyna and Oksana Moroz, were taken from the school."
    assert names(text) == ["Halyna", "Oksana Moroz"]
    text = "Soldiers detained Ibrahim and Musa Garba at the market."
    assert names(text) == ["Ibrahim", "Musa Garba"]
    assert names("Ibrahim and his cousin were released.") == []  # no full name after "and"
