"""Which cities have a district of a given name: Kherson and Mykolaiv a Korabelnyi district, Kyiv,
Kherson, Zaporizhzhia and Kamianske a Dniprovskyi one.

The table (``data/city-districts.tsv``) is built from Ukraine's KATOTTG codifier by
``scripts/build_city_districts.py``; other countries' city districts are not listed, and a report's
words alone bind them ("Baghdad's Karrada district", "the city's Hodan district").
"""

from __future__ import annotations

from functools import lru_cache

from sitrep.datafiles import read_table
from sitrep.gazetteer.places import normalize_key


@lru_cache(maxsize=1)
def _owners() -> dict[str, frozenset[str]]:
    """district key -> the keys of the cities that have a district so called (all their spellings)."""
    owners: dict[str, set[str]] = {}
    for row in read_table("sitrep.gazetteer", "data/city-districts.tsv"):
        cities = {normalize_key(n) for n in [row["city"], *row["city_variants"].split("|")] if n}
        for name in [row["district"], *row["district_variants"].split("|")]:
            if name:
                owners.setdefault(normalize_key(name), set()).update(cities)
    return {k: frozenset(v) for k, v in owners.items()}


def cities_with_district(name: str) -> frozenset[str]:
    """The lookup keys of the cities known to have a district called ``name`` (empty when none is)."""
    return _owners().get(normalize_key(name), frozenset())
