import pytest

from sitrep import extract
from sitrep.extract.language import detect_language


@pytest.mark.parametrize(
    "text, language",
    [
        ("Two soldiers were killed in the shelling of the town on Tuesday, officials said.", "en"),
        ("Two killed as skirmishes threaten Ukraine truce", "en"),
        ("Les forces russes ont bombardé la ville pendant la nuit et deux civils sont morts.", "fr"),
        ("Российские военные обстреляли город, погибли два человека.", "ru"),
        ("Російські війська обстріляли місто, загинули двоє людей, повідомила військова адміністрація.", "uk"),
        ("", "und"),
        ("12345 !!! ---", "und"),
        ("Lysychansk", "en"),  # a bare place name: extracted as English, the gazetteer's spelling
        ("xqzt", "und"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


def test_non_english_gives_empty_lists_and_says_why():
    x = extract("Российские военные обстреляли город Харьков, погибли два человека.", published="2022-04-08")
    assert x.language == "ru"
    assert x.events == x.claims == x.people == x.units == x.places == []


def test_empty_text_is_not_an_error():
    x = extract("")
    assert x.language == "und" and x.claims == []


# Short English texts that are mostly names: few or no function words, but the words of conflict
# reporting say what language they are in (extract/language.py, lexicons/language_vocabulary.tsv).
@pytest.mark.parametrize(
    "text",
    [
        "Zaitseve under mortar fire overnight. No casualties.",
        "Shelling kills militiaman near Horlivka",
        "Rockets strike Kramatorsk, civilians injured",
        "Two militiamen killed, three wounded – Luhansk command",
        "Kherson: airstrike, casualties unknown",
        "Two medics die in drone attack near Bakhmut",  # "die" is German too; "in" English: a tie before
        "Mariupol;Mariupol;Mariupol;Mariupol;Mariupol",  # one name, repeated, is still a bare name
        "Marinka shelled again, soldier wounded - JFO",
    ],
)
def test_short_english_text_of_names_is_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text, language",
    [
        ("Bombardeos en Járkov: dos civiles muertos y cinco heridos", "es"),
        ("Schwere Kämpfe bei Bachmut, die Armee meldet Tote und Verletzte", "de"),
        ("Tirs d'artillerie sur Kherson : trois civils tués dans la nuit", "fr"),
        ("Attacco russo contro Odessa, tre morti e dieci feriti", None),  # Italian: any answer but English
        ("Obstrzał Charkowa, zginęło dwóch cywilów", None),  # Polish, which the detector does not know
        ("Обстріл Херсона: двоє загиблих", "uk"),
        ("Les troupes russes ont repris le village, selon le ministère, et les combats continuent près de la ville.", "fr"),
    ],
)
def test_short_foreign_text_is_still_not_english(text, language):
    found = detect_language(text)
    assert found != "en" and (language is None or found == language)


def test_a_conflict_word_of_english_is_no_function_word_of_another_language():
    from sitrep.lexicons import load_table

    foreign = {row["word"] for row in load_table("stopwords.tsv") if row["language"] != "en"}
    vocabulary = {row["word"] for row in load_table("language_vocabulary.tsv")}
    assert vocabulary and not vocabulary & foreign


def test_a_text_not_extracted_for_its_language_says_so():
    french = extract("Deux civils ont été tués par des tirs sur la ville, selon le maire.", published="2022-04-08")
    assert french.language == "fr" and french.claims == []
    assert any("not extracted" in n and "'fr'" in n for n in french.notes)
    unknown = extract("Obstrzał Charkowa, zginęło dwóch cywilów", published="2022-04-08")
    assert unknown.language == "und"
    assert any("could not be determined" in n for n in unknown.notes)
    assert "notes" in unknown.to_dict()
    english = extract("Two soldiers were killed in the shelling of the town, officials said.", published="2022-04-08")
    assert not any("not extracted" in n for n in english.notes)
    assert extract("").notes == [] and extract("  12345 !!! ").notes == []


def test_short_english_post_of_names_is_extracted():
    x = extract("Krasnohorivka: two soldiers killed by mortar fire overnight.", published="2022-04-08")
    assert x.language == "en"
    assert any(c.count and c.count.best == 2 and "killed" in c.measure for c in x.claims)
