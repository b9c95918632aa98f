#!/usr/bin/env python3
"""Build the Russian part of the unit registry from the GFSIS reference file.

Reads ``../shared/reference/russian-units-gfsis.csv`` (546 formations and bases, pre-2022) and
writes ``src/sitrep/gazetteer/data/units-gfsis.tsv``: one row per formation with the facts we use
(name, garrison, 5-digit military unit number, coordinates, parent, category). The runtime reads only
the derived table, never ../shared.

What the transformation does, and why:
- "X HQ" rows (division/army headquarters) name the formation itself: the " HQ" is dropped.
- Layer 14 repeats armies/fleets/districts without garrisons; a row is kept once, the one with facts.
- "A battalion within the 39th NBC Protection Regiment (military unit number - 16390)": the number
  belongs to the regiment, so the regiment becomes its own row and the battalion loses the number.
- Air-base rows (layer 11) name the aviation regiments based there with their unit numbers; those
  regiments become rows (garrison = the base's garrison, parent = "Belongs to the ...").
- Bases, naval bases and installations (layers 10, 11, 13) are kept with category "installation"
  so that ``by_number`` finds them; the text matcher does not treat them as units.
- GFSIS says "Mechanized" where English reporting says "Motor Rifle"; that alias is applied at load
  time by the registry (sitrep.gazetteer.units), not here, so this table stays close to the source.

Usage: python3 scripts/build_units.py [--source PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "russian-units-gfsis.csv"
DEFAULT_OUT = REPO / "src" / "sitrep" / "gazetteer" / "data" / "units-gfsis.tsv"

COLUMNS = ["registry_id", "name", "garrison", "unit_number", "lat", "lon", "parent", "category"]
CATEGORY_BY_LAYER = {"9": "formation", "12": "formation", "14": "formation",
                     "10": "installation", "11": "installation", "13": "installation"}

_URL = re.compile(r"\(?\s*https?://\S+\s*\)?")
_BELONGS = re.compile(r"Belongs to (?:the )?([^|(]+)")
_WITHIN = re.compile(r"(?:within|Part of) the ([^(|]+?) \((?:[^)]*?)military unit number - (\d{5})")
_AVIATION_UNIT = re.compile(
    r"(?:^|\d\) )(\d{1,4}(?:st|nd|rd|th) [A-Z][A-Za-z -]*?(?:Regiment|Brigade|Squadron|Base|Division))"
    r" \(unit (?:number|#) -? ?(\d{5})\s*\)"
)


def clean(value: str) -> str:
    """Drop source URLs and stray whitespace from a cell."""
    value = _URL.sub("", value.replace("\u200b", ""))
    return re.sub(r"\s+", " ", value).strip(" ,;")


def formation_name(title: str) -> str:
    title = clean(title)
    return title[:-3].strip() if title.endswith(" HQ") else title


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def parent_of(description: str) -> str:
    match = _BELONGS.search(description)
    return clean(match.group(1)) if match else ""


def rows_from(record: dict[str, str]) -> list[dict[str, str]]:
    """One source record -> the registry rows it yields (itself, plus units named inside it)."""
    layer = record["layer_id"]
    description = record["description_text"]
    garrison = clean(record["garrison"])
    base = {
        "name": formation_name(record["title"]),
        "garrison": "" if garrison == "eng" else garrison,
        "unit_number": record["military_unit_number"].strip(),
        "lat": record["lat"].strip(),
        "lon": record["lng"].strip(),
        "parent": parent_of(description),
        "category": CATEGORY_BY_LAYER.get(layer, "formation"),
    }
    out = [base]
    within = _WITHIN.search(description)
    if within and within.group(2) == base["unit_number"]:
        owner = clean(within.group(1))
        out.append({**base, "name": owner, "parent": "", "category": "formation"})
        base["parent"], base["unit_number"] = owner, ""
    if layer == "11":
        for segment in description.split(" | "):
            for match in _AVIATION_UNIT.finditer(clean(segment)):
                out.append({**base, "name": match.group(1), "unit_number": match.group(2),
                            "category": "formation"})
    return out


def build(source: Path) -> list[dict[str, str]]:
    with source.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    rows: list[dict[str, str]] = []
    seen: dict[str, dict[str, str]] = {}
    for record in records:
        for row in rows_from(record):
            key = (row["name"].lower(), row["garrison"].lower())
            dup = next((r for k, r in seen.items() if k[0] == key[0] and (not k[1] or not key[1])), None)
            if dup is not None:  # layer 14 repeats a formation without facts: fill gaps, keep one row
                for col in ("garrison", "unit_number", "lat", "lon", "parent"):
                    dup[col] = dup[col] or row[col]
                continue
            if key in seen:
                continue
            seen[key] = row
            rows.append(row)
    used: dict[str, int] = {}
    for row in rows:
        rid = "ru:" + slug(row["name"])
        if rid in used:  # several "Flamethrower Battalion"s: tell them apart by garrison
            rid += "@" + slug(row["garrison"].split(",")[0] or str(used[rid]))
        used[rid] = used.get(rid, 0) + 1
        row["registry_id"] = rid
    return rows


def write(rows: list[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        fh.write("# Derived by scripts/build_units.py from the GFSIS map of Russian armed forces (facts only).\n")
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:  # plain TSV, no quoting: cells never hold tabs or newlines (clean() folds them)
            fh.write("\t".join(row[c].replace("\t", " ") for c in COLUMNS) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"build_units: source not found: {args.source}", file=sys.stderr)
        return 1
    rows = build(args.source)
    write(rows, args.out)
    print(f"build_units: {len(rows)} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
