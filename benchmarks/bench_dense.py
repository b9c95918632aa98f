"""Cost per character of extraction on dense text, at 10,000, 100,000 and 1,000,000 characters: the stall
bound of docs/reliability.md. Prints CPU µs per character and peak memory, per kind of text:

- ``articles``: generated articles (benchmarks/corpus.py) joined end to end: realistic reporting.
- ``incidents``: one paragraph of dense reporting (a place, a claimant, counts, a unit, a person)
  repeated with its numbers and names varied: a feed that is all incidents.
- ``vocabulary``: conflict-reporting words and phrases (tests/test_fuzz_extract.py's vocabulary) in
  random order, few sentence ends: the most facts per character, and the least structure.

    python3 benchmarks/bench_dense.py                      # every kind at 10k, 100k and 1M characters
    python3 benchmarks/bench_dense.py --kinds vocabulary --sizes 100000 --profile out.prof
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

SIZES = (10_000, 100_000, 1_000_000)
PLACES = ("Kharkiv", "Kherson", "Izium", "Bakhmut", "Avdiivka", "Mariupol", "Odesa", "Sumy", "Nikopol", "Kupiansk")
UNITS = ("93rd Mechanised Brigade", "247th Guards Airborne Regiment", "3rd Assault Brigade", "1st Battalion")
PEOPLE = ("Oleh Synehubov", "Colonel Ivan Petrenko", "Captain Andriy Melnyk", "Major General Igor Popov")


def articles(chars: int, seed: int = 0) -> str:
    from benchmarks.corpus import generate_article

    parts, n, i = [], 0, 0
    while n < chars:
        text = generate_article(seed, i)["text"] + "\n\n"
        parts.append(text)
        n += len(text)
        i += 1
    return "".join(parts)[:chars]


def incidents(chars: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts, n = [], 0
    while n < chars:
        place, unit, person = rng.choice(PLACES), rng.choice(UNITS), rng.choice(PEOPLE)
        text = (f"{place.upper()}, March {rng.randint(1, 28)}, 2022 — Russian artillery shelled {place} overnight, "
                f"{person} said on Telegram. {rng.randint(2, 90)} civilians were killed and {rng.randint(2, 90)} "
                f"wounded, according to the governor. Soldiers of the {unit} repelled an attack near "
                f"{rng.choice(PLACES)}, the General Staff said, claiming {rng.randint(10, 900)} enemy troops dead.\n\n")
        parts.append(text)
        n += len(text)
    return "".join(parts)[:chars]


def vocabulary(chars: int, seed: int = 0) -> str:
    from test_fuzz_extract import VOCAB

    rng = random.Random(seed)
    separators = (" ", " ", " ", " ", ", ", " ", ". ", " — ", "\n")
    parts, n = [], 0
    while n < chars:
        word = rng.choice(VOCAB)
        word = word.capitalize() if rng.random() < 0.2 else word
        piece = word + rng.choice(separators)
        parts.append(piece)
        n += len(piece)
    return "".join(parts)[:chars]


KINDS = {"articles": articles, "incidents": incidents, "vocabulary": vocabulary}


def measure(text: str) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one extraction."""
    import sitrep

    cpu, wall = time.process_time(), time.perf_counter()
    sitrep.extract(text, published="2022-03-03")
    return time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    ap.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    ap.add_argument("--profile", help="write a cProfile of the last extraction to this file")
    args = ap.parse_args()
    import sitrep

    sitrep.extract("Russian shelling killed two civilians in Kharkiv on Tuesday, the governor said.")  # warm up
    print(f"{'text':<12}{'characters':>12}{'CPU s':>9}{'wall s':>9}{'µs/char':>9}{'peak MB':>9}")
    for kind in args.kinds:
        for size in args.sizes:
            text = KINDS[kind](size)
            if args.profile:
                import cProfile

                profiler = cProfile.Profile()
                profiler.enable()
            cpu, wall = measure(text)
            if args.profile:
                profiler.disable()
                profiler.dump_stats(args.profile)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{kind:<12}{size:>12,}{cpu:>9.2f}{wall:>9.2f}{cpu / size * 1e6:>9.1f}{peak:>9.0f}", flush=True)


if __name__ == "__main__":
    main()
