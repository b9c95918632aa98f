"""Extract every text of the shared dev sets (and the bundled examples) and write one JSON line per text,
so that two versions of the extractor can be compared exactly.

    python3 scripts/snapshot.py /tmp/before.jsonl          # on one version
    python3 scripts/snapshot.py /tmp/after.jsonl           # on another
    python3 scripts/snapshot.py --diff /tmp/before.jsonl /tmp/after.jsonl

A refactoring that promises "behaviour unchanged" shows no differences; a quality change shows exactly
which texts it changed, and how (the first differing field of each).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def texts() -> list[tuple[str, str, str | None]]:
    """(key, text, published) for every text: devset, ISAF releases, UCDP headlines, seed, examples."""
    out: list[tuple[str, str, str | None]] = []
    data = SHARED / "data"
    if (data / "devset.jsonl").exists():
        for line in open(data / "devset.jsonl", encoding="utf-8"):
            row = json.loads(line)
            out.append((f"devset:{row['id']}", row["text"], row.get("published")))
    if (data / "isaf-press-releases-dev.jsonl").exists():
        for n, line in enumerate(open(data / "isaf-press-releases-dev.jsonl", encoding="utf-8"), 1):
            out.append((f"isaf:{n}", json.loads(line)["text"], None))
    if (data / "ucdp-ged-ukraine-2014-2021.csv").exists():
        seen = set()
        with open(data / "ucdp-ged-ukraine-2014-2021.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = row.get("source_headline") or ""
                if text and text not in seen:
                    seen.add(text)
                    out.append((f"ucdp:{len(seen)}", text, _us_date(row.get("date_start") or "")))
    seed = SHARED / "seed" / "article-247th-regiment.txt"
    if seed.exists():
        out.append(("seed", seed.read_text(encoding="utf-8"), "2022-04-08"))
    for path in sorted((REPO / "examples").glob("*.txt")):
        out.append((f"example:{path.name}", path.read_text(encoding="utf-8"), None))
    return out


def _us_date(value: str) -> str | None:
    """UCDP's CSV writes dates as M/D/YYYY (sometimes with a time): an ISO date, or None."""
    try:
        return datetime.strptime(value.split()[0], "%m/%d/%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def snapshot(path: str) -> None:
    from sitrep.extract.pipeline import extract

    with open(path, "w", encoding="utf-8") as out:
        for key, text, published in texts():
            result = extract(text, published=published).to_dict()
            out.write(json.dumps({"key": key, "extraction": result}, ensure_ascii=False, sort_keys=True) + "\n")


def _first_difference(a, b, where: str = "") -> str:
    if type(a) is not type(b):
        return f"{where}: {a!r} -> {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if a.get(k) != b.get(k):
                return _first_difference(a.get(k), b.get(k), f"{where}.{k}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items -> {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return _first_difference(x, y, f"{where}[{i}]")
    return f"{where}: {a!r} -> {b!r}"


def diff(before: str, after: str, limit: int) -> int:
    def load(path):
        return {row["key"]: row["extraction"] for row in map(json.loads, open(path, encoding="utf-8"))}

    a, b = load(before), load(after)
    changed = [k for k in a if k in b and a[k] != b[k]]
    for key in changed[:limit]:
        print(f"{key}: {_first_difference(a[key], b[key])[:300]}")
    only = sorted(set(a) ^ set(b))
    print(f"{len(changed)} of {len(a)} texts differ" + (f"; {len(only)} keys in one file only" if only else ""))
    return 1 if changed or only else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="OUT, or BEFORE AFTER with --diff")
    parser.add_argument("--diff", action="store_true", help="compare two snapshots")
    parser.add_argument("--limit", type=int, default=40, help="differences to print")
    args = parser.parse_args()
    if args.diff:
        return diff(*args.paths[:2], args.limit)
    snapshot(args.paths[0])
    return 0


if __name__ == "__main__":
    sys.exit(main())
