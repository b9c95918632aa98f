"""Second- and third-order divisions of a place, where the gazetteer knows them: what ACLED calls
``admin2`` and ``admin3``.

The gazetteer holds Ukraine's raions and hromadas (from the KATOTTG codifier, whose codes nest: a
hromada's code begins with its raion's, ``UA`` + oblast + raion) and the districts of other countries
kept in ``lexicons/places_districts.tsv``. It holds no division for a GeoNames town, so a town gets
them only when it is the centre of a hromada: the hromada's point is its centre settlement's, so the
town stands on it (within ``CENTRE_DEGREES``) and the hromada is named after it (the same first
letters: Bakhmut, Bakhmutska hromada). Anything else is not known, and left empty.

ACLED names divisions without the word for them ("Bakhmutskyi", "Bakhmutska", "Panjwai"); so do these.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.gazetteer.places import Entry, load_gazetteer, normalize_key

CENTRE_DEGREES = 0.01  # about a kilometre: a town on its hromada's centre point
STEM = 4  # letters a hromada's name shares with its centre town's ("Avdiyivka", "Avdiivska")
_SUFFIXES = (" Raion", " District", " hromada")


@dataclass(frozen=True)
class Divisions:
    admin2: str | None = None
    admin3: str | None = None


def _bare(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


@dataclass
class _Index:
    by_name: dict[tuple[str, str | None, str | None], list[Entry]]  # (key, country, admin1 name) -> raions, hromadas
    raion_of_code: dict[str, Entry]  # "UA0102" -> the raion
    hromadas: dict[tuple[int, int], list[Entry]]  # by the cell of CENTRE_DEGREES their point falls in


@lru_cache(maxsize=1)
def _index() -> _Index:
    gaz = load_gazetteer()
    by_name: dict[tuple[str, str | None, str | None], list[Entry]] = {}
    raions: dict[str, Entry] = {}
    hromadas: dict[tuple[int, int], list[Entry]] = {}
    for eid, line in enumerate(gaz.entries._lines):
        if "\traion\t" not in line and "\thromada\t" not in line:
            continue
        entry = gaz.entries[eid]
        by_name.setdefault((normalize_key(entry.name), entry.country, gaz.admin1_name(entry.admin1)), []).append(entry)
        if entry.kind == "raion" and entry.ref.startswith("UAP"):
            raions[entry.ref[3:7]] = entry
        elif entry.kind == "hromada" and entry.lat is not None and entry.lon is not None:
            hromadas.setdefault(_cell(entry.lat, entry.lon), []).append(entry)
    return _Index(by_name, raions, hromadas)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return int(lat // CENTRE_DEGREES), int(lon // CENTRE_DEGREES)


def _of_hromada(index: _Index, hromada: Entry) -> Divisions:
    raion = index.raion_of_code.get(hromada.ref[3:7]) if hromada.ref.startswith("UAH") else None
    return Divisions(_bare(raion.name) if raion else None, _bare(hromada.name))


@lru_cache(maxsize=65536)  # an export names the same places again and again
def divisions(name: str | None, country: str | None, admin1: str | None, lat: float | None = None,
              lon: float | None = None) -> Divisions:
    """The admin2 and admin3 of a place as stored on an event (its name, country, admin1 name and
    point); empty where the gazetteer does not know them."""
    if not name:
        return Divisions()
    index = _index()
    named = index.by_name.get((normalize_key(name), country, admin1), [])
    if len(named) == 1:  # the place is itself a raion, district or hromada
        entry = named[0]
        return _of_hromada(index, entry) if entry.kind == "hromada" else Divisions(_bare(entry.name))
    if lat is None or lon is None or country != "UA":
        return Divisions()
    stem = normalize_key(name)[:STEM]
    gaz = load_gazetteer()
    row, column = _cell(lat, lon)
    near = [h for dr in (-1, 0, 1) for dc in (-1, 0, 1) for h in index.hromadas.get((row + dr, column + dc), ())]
    centred = [h for h in near
               if abs(h.lat - lat) <= CENTRE_DEGREES and abs(h.lon - lon) <= CENTRE_DEGREES
               and normalize_key(h.name)[:STEM] == stem and gaz.admin1_name(h.admin1) == admin1]
    return _of_hromada(index, centred[0]) if len(centred) == 1 else Divisions()
