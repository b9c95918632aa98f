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
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def texts() -> list[tuple[str, str, str | None]]:
    """(key, text, published) for every text: devset, ISAF releases, UCDP headlines (read as the invariance
    suite reads them, tests/invariance_support.py), seed, examples."""
    sys.path.insert(0, str(REPO / "tests"))
    from invariance_support import shared_texts

    out = shared_texts(SHARED)
    seed = SHARED / "seed" / "article-247th-regiment.txt"
    if seed.exists():
        out.append(("seed", seed.read_text(encoding="utf-8"), "2022-04-08"))
    for path in sorted((REPO / "examples").glob("*.txt")):
        out.append((f"example:{path.name}", path.read_text(encoding="utf-8"), None))
    return out


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
