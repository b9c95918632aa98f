#!/usr/bin/env python3
"""The long fuzzing run: the properties of tests/test_fuzz_extract.py and tests/test_fuzz_read.py with many
thousands of examples each; prints examples run, failures and time per property. Exit status 1 if any
property failed (the falsifying example is printed).

    python3 scripts/fuzz_long.py                 # 5,000 examples per property
    python3 scripts/fuzz_long.py --examples 20000 --only extract
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
    }


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
    parser.add_argument("--only", choices=["extract", "read"], help="only this group of properties")
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
    print(f"{'total':32} {total:9,} {time.perf_counter() - started:8.1f}  {failed} properties failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
