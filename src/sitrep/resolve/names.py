"""Are two written names the same person's? Transliteration-aware and tolerant of one-letter typos.

"Konstantin Zizevsky" = "Konstantin Zizevskiy" = "Константин Зизевский"; "Evgeny" = "Yevgeny" = "Evgenii";
"Aexander Lysenko" (a typo in the source) = "Alexander Lysenko"; but "Alexander Ivanov" is not
"Alexander Lysenko". Rank, unit and side decide between namesakes; that is the resolver's job, not this.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from sitrep.datafiles import read_table
from sitrep.text import strip_accents

# Cyrillic → Latin, one reading of Russian and Ukrainian letters; enough to compare keys, not to publish
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "e", "є": "ye", "ж": "zh",
    "з": "z", "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ʼ": "", "'": "",
}
# Spelling variation between romanization systems, folded away in comparison keys (order matters)
_FOLDS = (
    (re.compile(r"(?:iy|ii|yi|ij|yy|y)$"), "i"),  # -sky/-skiy/-skii/-skyi
    (re.compile(r"x"), "ks"),  # Alexander / Aleksandr
    (re.compile(r"kh"), "h"),  # Kharkov / Harkov
    (re.compile(r"(?<=[aeiou])y(?=[aeiou])"), "i"),  # Mykhaylo / Mykhailo
    (re.compile(r"(?<=[^aeiou])y(?=[^aeiouy])"), "i"),  # Klymenko / Klimenko (Ukrainian и, Russian и)
    (re.compile(r"^ye"), "e"),  # Yevgeny / Evgeny
    (re.compile(r"ye"), "e"),
    (re.compile(r"yu"), "iu"),
    (re.compile(r"ya"), "ia"),
    (re.compile(r"j"), "i"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ff$"), "v"),  # Ivanoff
    (re.compile(r"(.)\1"), r"\1"),  # doubled letters
)
_SURNAME_SIMILARITY = 0.88  # normalized Levenshtein similarity for surname keys (one typo in an 8-letter name)


def romanize(name: str) -> str:
    out = []
    for ch in name.lower():
        out.append(_CYRILLIC.get(ch, ch))
    return strip_accents("".join(out))


def name_key(word: str) -> str:
    """A comparison key for one name word: romanized, lower case, romanization variants folded."""
    key = re.sub(r"[^a-z]", "", romanize(word))
    for pattern, replacement in _FOLDS:
        key = pattern.sub(replacement, key)
    return key


@lru_cache(maxsize=1)
def _given_classes() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in read_table(__package__, "data/given_name_variants.tsv"):
        for variant in row["variants"].split(","):
            table[name_key(variant.strip())] = row["key"]
    return table


def given_name_class(word: str) -> str:
    """The class of a given name ("Yevhen" → "evgeny"), or its own key when unknown. A one-letter typo
    of a known name ("Aexander") falls into that name's class."""
    key = name_key(word)
    classes = _given_classes()
    if key in classes:
        return classes[key]
    if len(key) >= 5:
        near = [cls for variant, cls in classes.items() if abs(len(variant) - len(key)) <= 1 and Levenshtein.distance(variant, key) <= 1]
        if len(set(near)) == 1:
            return near[0]
    return key


def split_name(name: str) -> tuple[list[str], str]:
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    if not words:
        return [], ""
    return words[:-1], words[-1]


# Russian and Ukrainian patronymics (-ovich, -evna, -ych ...): the middle name, not the given name or surname
_PATRONYMIC = re.compile(r"(?:ovich|evich|ovych|evych|ich|ych|ovna|evna|ivna|ichna|yivna)$")


def is_patronymic(word: str) -> bool:
    return len(word) > 5 and bool(_PATRONYMIC.search(romanize(word)))


def is_known_given_name(word: str) -> bool:
    return name_key(word) in _given_classes()


def name_parts(name: str) -> tuple[str | None, str]:
    """(given name or None, surname) of a written name. Patronymics are dropped, and the Russian
    order "Surname Given [Patronymic]" ("Зизевский Константин Николаевич") is recognised when only
    the last remaining word is a known given name."""
    given, surname = split_name(name)
    words = [w for w in given + [surname] if w]
    if len(words) >= 3:  # with two words "-ych" is a surname (Yanukovych), with three a patronymic
        words = [w for i, w in enumerate(words) if i == 0 or not is_patronymic(w)]
    if not words:
        return None, ""
    if len(words) == 1:
        return None, words[0]
    if is_known_given_name(words[-1]) and not is_known_given_name(words[0]):
        return words[-1], words[0]
    return words[0], words[-1]


def surname_similarity(a: str, b: str) -> float:
    return Levenshtein.normalized_similarity(name_key(a), name_key(b))


def same_person_name(a: str, b: str) -> bool:
    """Could ``a`` and ``b`` name the same person? Surnames must match (allowing romanization variants
    and one typo); given names, where both are written, must be the same name in any romanization."""
    given_a, surname_a = name_parts(a)
    given_b, surname_b = name_parts(b)
    if not surname_a or not surname_b:
        return False
    if not similar_surnames(surname_a, surname_b):
        return False
    if given_a and given_b:
        return given_name_class(given_a) == given_name_class(given_b)
    return True


def similar_surnames(a: str, b: str) -> bool:
    """Equal keys, or one typo apart (normalized Levenshtein similarity of the keys)."""
    return surname_similarity(a, b) >= _SURNAME_SIMILARITY
