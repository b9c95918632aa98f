"""The small text rules every layer shares: alternations and accent folding."""

import re

from sitrep.text import alternation, longest_first, strip_accents


def test_longest_first_puts_a_phrase_before_its_own_beginning():
    assert longest_first(["thousands", "tens of thousands", "dozens", "thousands"]) == [
        "tens of thousands", "thousands", "dozens"]
    assert longest_first(["bb", "aa", "c"]) == ["aa", "bb", "c"]  # ties in alphabetical order


def test_alternation_matches_the_longest_phrase_and_any_blanks_between_words():
    pattern = re.compile(rf"\b(?:{alternation(['thousands', 'tens of thousands'])})\b")
    assert pattern.search("killed tens  of\nthousands").group() == "tens  of\nthousands"
    assert pattern.search("killed thousands").group() == "thousands"


def test_alternation_escapes_and_can_ask_for_one_space():
    pattern = re.compile(f"^(?:{alternation(['U.S. forces', 'a+b'], space=' ')})$")
    assert pattern.match("U.S. forces") and pattern.match("a+b")
    assert not pattern.match("UxS. forces") and not pattern.match("U.S.  forces") and not pattern.match("aab")


def test_strip_accents_folds_latin_and_cyrillic_marks():
    assert strip_accents("Kandahār, Mykolaïv, Łódź") == "Kandahar, Mykolaiv, Łodz"  # Ł has no combining mark
    assert strip_accents("Зизевский") == "Зизевскии"
