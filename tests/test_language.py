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
