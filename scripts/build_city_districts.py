#!/usr/bin/env python3
"""Build sitrep's table of city districts: src/sitrep/gazetteer/data/city-districts.tsv.

Source (facts only): ../shared/reference/ua-katottg-codifier-2025-07-02.csv, Ukraine's codifier, whose
category ``B`` rows are the districts of a city (Kherson's Korabelnyi, Kyiv's Dniprovskyi), each coded
below its city (category ``M``, or ``K`` for Kyiv and Sevastopol). Names are romanized as the place
index romanizes them (KMU 2010 and the variants reports use: scripts/build_gazetteer.py).

The table says which cities have a district of a name: "the Korabelnyi district" after Kherson is
Kherson's, and the GeoNames point named Dniprovskyi (a district of Kyiv) is not the district of that
name in Kherson (sitrep.extract.city_parts).

Usage:  python scripts/build_city_districts.py [--reference ../shared/reference] [--out PATH]
Output: TSV with a header: district (KMU name), district_variants ('|'-separated), city (KMU name),
city_variants ('|'-separated); one row per district.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from build_gazetteer import spelling_variants  # noqa: E402

CITY_CATEGORIES = ("M", "K")  # a city; Kyiv and Sevastopol (cities with a special status)
DISTRICT_CATEGORY = "B"


def read_districts(reference: Path) -> list[tuple[str, str]]:
    """(district, city) in Ukrainian, one pair per district of a city in the codifier."""
    names: dict[str, tuple[str, str]] = {}
    pairs = []
    with open(reference / "ua-katottg-codifier-2025-07-02.csv", encoding="utf-8-sig") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        for row in reader:
            if len(row) < 7:
                continue
            codes = [c.strip() for c in row[:5] if c.strip()]
            category, name = row[5].strip(), row[6].strip()
            names.setdefault(codes[-1], (category, name))
            if category == DISTRICT_CATEGORY and len(codes) >= 2:
                parent = names.get(codes[-2])
                if parent is not None and parent[0] in CITY_CATEGORIES:
                    pairs.append((name, parent[1]))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reference", type=Path, default=REPO.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=REPO / "src" / "sitrep" / "gazetteer" / "data" / "city-districts.tsv")
    args = ap.parse_args()
    pairs = read_districts(args.reference)
    lines = ["# Districts of Ukraine's cities, from the KATOTTG codifier (category B under its city), romanized:",
             "# built by scripts/build_city_districts.py; do not edit by hand.",
             "district\tdistrict_variants\tcity\tcity_variants"]
    for district, city in sorted(set(pairs), key=lambda p: (p[1], p[0])):
        d_kmu, d_variants = spelling_variants(district)
        c_kmu, c_variants = spelling_variants(city)
        lines.append(f"{d_kmu}\t{'|'.join(d_variants)}\t{c_kmu}\t{'|'.join(c_variants)}")
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lines) - 3} districts")


if __name__ == "__main__":
    main()
