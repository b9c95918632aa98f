#!/usr/bin/env python3
"""The long fuzzing run: the properties of tests/test_fuzz_extract.py, tests/test_fuzz_read.py and
tests/test_hostile_input.py with many thousands of examples each; the hostile API inputs of
tests/hostile_support.py by the hundred thousand; the invariance properties of tests/invariance_support.py
on every text of ../shared/data. Prints examples run, failures and time per property. Exit status 1 if any
property failed (the falsifying example is printed).

    python3 scripts/fuzz_long.py                 # 5,000 examples per property, 200,000 API inputs
    python3 scripts/fuzz_long.py --examples 20000 --only extract
    python3 scripts/fuzz_long.py --only api --api-inputs 500000
    python3 scripts/fuzz_long.py --only invariance        # every variant of every shared text (an hour)
    python3 scripts/fuzz_long.py --only invariance --texts 300   # of 300 texts spread over them
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
import warnings
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))
warnings.simplefilter("ignore")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import hostile_support as hs  # noqa: E402
import invariance_support as inv  # noqa: E402
import test_fuzz_extract as fx  # noqa: E402
import test_fuzz_read as fr  # noqa: E402


def properties() -> dict[str, tuple[str, object, callable]]:
    """name -> (group, strategy of argument tuples, check)."""
    return {
        "extract/generated reports": ("extract", st.tuples(fx.report_texts(), fx.PUBLISHED),
                                      lambda a: fx.check_extraction(a[0], a[1])),
        "extract/any unicode": ("extract", st.tuples(st.text(max_size=600), st.one_of(st.none(), st.text(max_size=60))),
                                lambda a: fx.check_extraction(a[0], title=a[1])),
        "extract/long generated reports": ("extract", fx.report_texts(max_pieces=600),
                                           lambda text: fx.check_extraction(text, "2022-03-03")),
        "read/html": ("read", fr.html_pages(), lambda d: fr.check_items(fr.read_html(d, "p.html"), "p.html")),
        "read/feed": ("read", fr.feeds(), lambda d: fr.check_items(fr.read_feed(d, "f.rss"), "f.rss")),
        "read/jsonl": ("read", fr.jsonl_files(),
                       lambda d: fr.check_items(fr.read_jsonl(fr.buffered(d), "b.jsonl"), "b.jsonl")),
        "read/csv": ("read", fr.csv_files(), lambda d: fr.check_items(fr.read_csv(d, "t.csv"), "t.csv")),
        "read/warc": ("read", fr.warc_files(), lambda d: fr.check_items(fr.read_warc(fr.buffered(d), "c.warc"), "c.warc")),
        "read/text": ("read", st.binary(max_size=400),
                      lambda d: fr.check_items(fr.read_text(d, "r.txt"), "r.txt", empty_ok=True)),
        "files/crafted, every reader": ("files", hs.crafted_files(), lambda f: hs.check_file(*f)),
    }


def run_api(inputs: int, seed: int = 0) -> tuple[int, float, list[str]]:
    """``inputs`` random hostile calls of sitrep.extract (hostile_support.check_api); distinct failures."""
    import random

    rng = random.Random(seed)
    failures: dict[str, str] = {}
    started = time.perf_counter()
    for n in range(inputs):
        text, published = hs.random_hostile_text(rng), hs.random_published(rng)
        try:
            hs.check_api(text, published)
        except Exception as exc:  # noqa: BLE001 - counted and reported with the input that caused it
            key = f"{type(exc).__name__}: {str(exc)[:120]}"
            failures.setdefault(key, f"{key}\n  input {n}: text={text!r:.300} published={published!r}")
    return inputs, time.perf_counter() - started, list(failures.values())


def run_invariance(limit: int | None = None) -> tuple[int, float, list[str]]:
    """Every variant of every shared text; with ``limit``, of that many texts spread evenly over them
    (every k-th: the dev set, ISAF and UCDP in proportion), a bounded run."""
    texts = inv.shared_texts(Path(__file__).resolve().parents[2] / "shared")
    if limit is not None and 0 < limit < len(texts):
        texts = texts[:: -(-len(texts) // limit)][:limit]
    started = time.perf_counter()
    checked, failures = inv.run(texts, every=True)
    return checked, time.perf_counter() - started, failures


def run(name: str, strategy, check, examples: int) -> tuple[int, float, str | None]:
    count = 0

    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(args):
        nonlocal count
        count += 1
        check(args)

    started = time.perf_counter()
    try:
        prop()
        failure = None
    except Exception:  # noqa: BLE001 - reported, with hypothesis' falsifying example
        failure = traceback.format_exc(limit=-6)
    return count, time.perf_counter() - started, failure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=5000, help="examples per property (default 5000)")
    parser.add_argument("--only", choices=["extract", "read", "files", "api", "invariance"],
                        help="only this group of properties")
    parser.add_argument("--api-inputs", type=int, default=200_000, help="hostile sitrep.extract calls (default 200,000)")
    parser.add_argument("--texts", type=int, metavar="N",
                        help="invariance: only N of the shared texts, spread evenly (default: all of them)")
    args = parser.parse_args()
    import sitrep

    sitrep.extract("Russian shelling killed two civilians in Kharkiv on Tuesday, the governor said.")  # warm-up
    failed = 0
    total = 0
    started = time.perf_counter()
    print(f"{'property':32} {'examples':>9} {'seconds':>8} {'per example':>12}  result")
    for name, (group, strategy, check) in properties().items():
        if args.only and group != args.only:
            continue
        count, seconds, failure = run(name, strategy, check, args.examples)
        total += count
        print(f"{name:32} {count:9,} {seconds:8.1f} {seconds / max(count, 1) * 1000:10.2f}ms  "
              f"{'FAILED' if failure else 'ok'}", flush=True)
        if failure:
            failed += 1
            print(failure, file=sys.stderr)
    extra = []
    if args.only in (None, "api"):
        extra.append(("api/hostile inputs", lambda: run_api(args.api_inputs)))
    if args.only == "invariance":  # an hour: only when asked
        name = "invariance/every variant" + (f", {args.texts} texts" if args.texts else "")
        extra.append((name, lambda: run_invariance(args.texts)))
    for name, job in extra:
        count, seconds, failures = job()
        total += count
        print(f"{name:32} {count:9,} {seconds:8.1f} {seconds / max(count, 1) * 1000:10.2f}ms  "
              f"{f'FAILED ({len(failures)} distinct)' if failures else 'ok'}", flush=True)
        if failures:
            failed += 1
            print("\n".join(failures[:50]), file=sys.stderr)
    print(f"{'total':32} {total:9,} {time.perf_counter() - started:8.1f}  {failed} properties failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
