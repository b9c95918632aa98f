#!/usr/bin/env python3
"""Time the units stage: registry build, pattern compilation, find_units per 800 words, and the ratio
to a bare spaCy tokenization pass over the same texts (best of 7 runs, one core).

Usage: python3 scripts/bench_units.py [FILE ...]   (default: examples/*.txt, examples/reports.jsonl)
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def texts_from(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        if path.suffix == ".jsonl":
            out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        else:
            out.append(path.read_text(encoding="utf-8"))
    return out


def best_of(fn, reps: int = 7, inner: int = 50) -> float:
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(inner):
            fn()
        best = min(best, (time.perf_counter() - start) / inner)
    return best


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "examples").glob("*.txt")) + [REPO / "examples" / "reports.jsonl"]
    from sitrep.extract.context import Context, tokenizer
    from sitrep.gazetteer.units import registry

    t0 = time.perf_counter()
    registry()
    t1 = time.perf_counter()
    from sitrep.extract.units import find_units, warm

    warm()
    t2 = time.perf_counter()
    texts = texts_from([p for p in paths if p.exists()])
    words = sum(len(t.split()) for t in texts)
    contexts = [Context.from_text(t) for t in texts]
    tok = tokenizer()
    units = best_of(lambda: [find_units(c) for c in contexts])
    bare = best_of(lambda: [tok(t) for t in texts])
    print(f"registry build: {1000 * (t1 - t0):.1f} ms; pattern compilation: {1000 * (t2 - t1):.1f} ms")
    print(f"{len(texts)} documents, {words} words")
    print(f"find_units: {1000 * units / len(texts):.3f} ms/document, {1000 * units / words * 800:.3f} ms per 800 words")
    print(f"bare spaCy tokenizer: {1000 * bare / words * 800:.3f} ms per 800 words; units stage = {units / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
