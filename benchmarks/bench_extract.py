"""Extraction speed on one core: articles/s, words/s, peak RSS, start-up time, the ratio to a bare
spaCy tokenization pass, and where the time goes stage by stage.

    python benchmarks/bench_extract.py                 # 500 generated articles of ~800 words
    python benchmarks/bench_extract.py --n 1000 --words 800 --passes 5
    python benchmarks/bench_extract.py --json          # the same figures as one JSON object

Targets (issue 3): >= 200 articles/s, <= 3x the bare tokenization pass, <= 500 MB peak RSS, start-up <= 2 s.
Figures are medians over several passes over the same texts, after a warm-up that loads the lexicons;
each is given in wall time and in process CPU time (the same on an idle machine; CPU time is the better
guide when other work shares the machine).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
from pathlib import Path
from time import perf_counter, process_time

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # so `benchmarks.corpus` imports when run as a script

from benchmarks.corpus import generate_articles  # noqa: E402

TARGET_ARTICLES_PER_S = 200.0
TARGET_TOKENIZER_RATIO = 3.0
TARGET_RSS_MB = 500.0
TARGET_STARTUP_S = 2.0

# The literal start-up command of the issue. Its text is not English, so the pipeline stops after the
# language check; the second command makes every stage load its lexicons and gazetteers.
STARTUP_COMMANDS = {
    "import + extract('x')": "import sitrep; sitrep.extract('x')",
    "import + extract(English sentence)": (
        "import sitrep; sitrep.extract('Russian shelling killed two civilians in Kherson on Tuesday, "
        "the regional governor said, and the 93rd Mechanized Brigade repelled an assault near Bakhmut.', "
        "published='2023-11-22')"
    ),
    "bare python (reference)": "pass",
}

# --- one core ---------------------------------------------------------------------------------------

def pin_to_one_core() -> int | None:
    """Bind the process to one CPU (--pin). The extractor is single-threaded, so this only matters when
    a library would start threads; on a busy shared machine it can hurt (the chosen CPU may be the busy one)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


class Timer:
    """Wall-clock and process CPU time of a block. CPU time is what one core spends on the work; on a
    loaded machine wall time also counts waiting for the CPU, so both are reported."""

    def __enter__(self) -> "Timer":
        self.wall, self.cpu = perf_counter(), process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall, self.cpu = perf_counter() - self.wall, process_time() - self.cpu


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


# --- the stages, timed one by one -------------------------------------------------------------------

def staged_extract(document, clock: dict[str, float]):
    """pipeline.extract_document, adding each stage's CPU time to ``clock`` under the stage's name. The
    pipeline calls every stage through its ``run`` hook, so what is timed here is the pipeline itself."""
    from sitrep.extract.pipeline import extract_document, run_stage

    def timed(stage, found):
        # CPU time, not wall time: on a shared machine a stage preempted mid-way would otherwise look slow
        start = process_time()
        try:
            return run_stage(stage, found)
        finally:
            clock[stage.__qualname__] = clock.get(stage.__qualname__, 0.0) + (process_time() - start)

    return extract_document(document, run=timed)


def check_staged_matches(documents) -> int:
    """How many documents the timed run and pipeline.extract_document disagree on (timing must not change
    the output)."""
    from sitrep.extract.pipeline import extract_document

    return sum(staged_extract(d, {}).to_dict() != extract_document(d).to_dict() for d in documents)


# --- passes ------------------------------------------------------------------------------------------

def documents_from(articles):
    from sitrep.model import Document

    return [Document(text=a["text"], id=a["id"], title=a["title"], published=a["published"], url=a["url"],
                     outlet=a["outlet"]) for a in articles]


def extraction_pass(documents) -> tuple[Timer, int]:
    """Time of one pass of pipeline.extract_document over all documents, and how many raised."""
    from sitrep.extract.pipeline import extract_document

    failures = 0
    with Timer() as timer:
        for d in documents:
            try:
                extract_document(d)
            except Exception:  # a stage under construction must not hide the others' figures
                failures += 1
    return timer, failures


def tokenization_pass(texts, tokenizer) -> Timer:
    with Timer() as timer:
        for text in texts:
            tokenizer(text)
    return timer


def stage_pass(documents) -> tuple[dict[str, float], int]:
    clock: dict[str, float] = {}
    failures = 0
    for d in documents:
        try:
            staged_extract(d, clock)
        except Exception:
            failures += 1
    return clock, failures


def context_parts_pass(texts) -> dict[str, float]:
    """Context.from_text's two parts timed apart (it is one stage of the pipeline)."""
    from sitrep.extract import context

    tokenizer = context.tokenizer()
    start = process_time()  # CPU time, like the stage table
    for text in texts:
        tokenizer(text)
    middle = process_time()
    for text in texts:
        context.split_sentences(text)
    return {"tokenizer": middle - start, "split_sentences": process_time() - middle}


def startup_times(repeats: int = 3) -> tuple[dict[str, float], dict[str, float]]:
    """Median wall time and CPU time (user + system of the child) of a fresh interpreter running each
    start-up command."""
    out, cpu = {}, {}
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])))
    for label, code in STARTUP_COMMANDS.items():
        runs, cpu_runs = [], []
        for _ in range(repeats):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=env, stdout=subprocess.DEVNULL)
            runs.append(perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu_runs.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        out[label] = statistics.median(runs)
        cpu[label] = statistics.median(cpu_runs)
    return out, cpu


# --- report ------------------------------------------------------------------------------------------

def run(n: int, words: int, passes: int, seed: int, pin: bool = False) -> dict:
    cpu = pin_to_one_core() if pin else None
    articles = generate_articles(n, seed=seed, words=words)
    texts = [a["text"] for a in articles]
    total_words = sum(len(t.split()) for t in texts)
    documents = documents_from(articles)

    import spacy

    bare = spacy.blank("en").tokenizer  # a separate instance: the bare cost, nothing of sitrep's
    t0 = perf_counter()
    import sitrep  # noqa: F401
    from sitrep.extract.pipeline import extract_document

    extract_document(documents[0])  # warm-up: lexicons, gazetteers, matchers load here
    warmup_s = perf_counter() - t0
    for d in documents[1:20]:
        extract_document(d)

    extract_runs, token_runs, failures = [], [], 0
    for _ in range(passes):  # interleaved, so a burst of load hits both alike
        timer, failed = extraction_pass(documents)
        extract_runs.append(timer)
        failures = max(failures, failed)
        token_runs.append(tokenization_pass(texts, bare))
    extract_s = statistics.median(t.wall for t in extract_runs)
    token_s = statistics.median(t.wall for t in token_runs)
    extract_cpu = statistics.median(t.cpu for t in extract_runs)
    token_cpu = statistics.median(t.cpu for t in token_runs)

    clock, stage_failures = stage_pass(documents)
    parts = context_parts_pass(texts)
    mismatches = check_staged_matches(documents[:20]) if not stage_failures else None
    startup, startup_cpu = startup_times()

    articles_per_s = n / extract_s
    ratio = extract_s / token_s
    articles_per_cpu_s = n / extract_cpu
    ratio_cpu = extract_cpu / token_cpu
    rss = peak_rss_mb()
    honest_startup = startup["import + extract(English sentence)"]
    honest_startup_cpu = startup_cpu["import + extract(English sentence)"]
    return {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine(), "cpu_pinned": cpu,
                    "cpus_available": os.cpu_count(),
                    "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None},
        "corpus": {"articles": n, "words_total": total_words, "words_per_article": total_words / n,
                   "seed": seed, "passes": passes},
        "articles_per_s": articles_per_s,
        "words_per_s": total_words / extract_s,
        "ms_per_article": 1000 * extract_s / n,
        "tokenizer_articles_per_s": n / token_s,
        "ratio_to_tokenization": ratio,
        "cpu_time": {"articles_per_s": articles_per_cpu_s, "words_per_s": total_words / extract_cpu,
                     "ms_per_article": 1000 * extract_cpu / n, "tokenizer_articles_per_s": n / token_cpu,
                     "ratio_to_tokenization": ratio_cpu},
        "peak_rss_mb": rss,
        "first_extract_in_process_s": warmup_s,
        "startup_s": startup,
        "startup_cpu_s": startup_cpu,
        "failures": failures,
        "stages_ms_per_article": {k: 1000 * v / n for k, v in clock.items()},
        "context_parts_ms_per_article": {k: 1000 * v / n for k, v in parts.items()},
        "stage_failures": stage_failures,
        "staged_output_mismatches": mismatches,
        "targets": {
            "articles_per_s": _verdict(articles_per_s >= TARGET_ARTICLES_PER_S),
            "ratio_to_tokenization": _verdict(ratio <= TARGET_TOKENIZER_RATIO),
            "articles_per_cpu_s": _verdict(articles_per_cpu_s >= TARGET_ARTICLES_PER_S),
            "ratio_to_tokenization_cpu": _verdict(ratio_cpu <= TARGET_TOKENIZER_RATIO),
            "peak_rss_mb": _verdict(rss <= TARGET_RSS_MB),
            "startup_s": _verdict(honest_startup <= TARGET_STARTUP_S),
            "startup_cpu_s": _verdict(honest_startup_cpu <= TARGET_STARTUP_S),
        },
    }


def profile_hotspots(documents, top: int = 20) -> list[dict]:
    """cProfile one pass and return the functions with the most own time (tottime), sitrep's and others'."""
    import cProfile
    import pstats

    from sitrep.extract.pipeline import extract_document

    profiler = cProfile.Profile()
    profiler.enable()
    for d in documents:
        try:
            extract_document(d)
        except Exception:
            pass
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (filename, line, func), (cc, nc, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        short = filename.split("/src/", 1)[-1] if "/src/sitrep/" in filename else Path(filename).name
        rows.append({"function": f"{short}:{line}({func})", "calls_per_article": nc / len(documents),
                     "own_ms_per_article": 1000 * tottime / len(documents),
                     "cum_ms_per_article": 1000 * cumtime / len(documents)})
    rows.sort(key=lambda r: -r["own_ms_per_article"])
    return rows[:top]


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def print_report(r: dict) -> None:
    c, t, m, u = r["corpus"], r["targets"], r["machine"], r["cpu_time"]
    core = f"pinned to cpu {m['cpu_pinned']}" if m["cpu_pinned"] is not None else "one thread"
    print(f"sitrep extraction benchmark: {c['articles']} generated articles, {c['words_per_article']:.0f} words each "
          f"(seed {c['seed']}), median of {c['passes']} passes, {core}")
    print(f"machine: {m['processor']}, {m['cpus_available']} cpus, Python {m['python']}, {m['platform']}, "
          f"load average {m['load_average_1min']:.2f} at the end (other work on the machine slows every figure)")
    print()
    print(f"                       {'wall':>10} {'cpu time':>10}")
    print(f"  articles/s           {r['articles_per_s']:10.1f} {u['articles_per_s']:10.1f}   "
          f"target >= {TARGET_ARTICLES_PER_S:.0f}   {t['articles_per_s']} / {t['articles_per_cpu_s']}")
    print(f"  words/s              {r['words_per_s']:10.0f} {u['words_per_s']:10.0f}")
    print(f"  ms/article           {r['ms_per_article']:10.2f} {u['ms_per_article']:10.2f}")
    print(f"  x bare tokenization  {r['ratio_to_tokenization']:10.2f} {u['ratio_to_tokenization']:10.2f}   "
          f"target <= {TARGET_TOKENIZER_RATIO:.0f}     {t['ratio_to_tokenization']} / {t['ratio_to_tokenization_cpu']}")
    print(f"  tokenizer articles/s {r['tokenizer_articles_per_s']:10.0f} {u['tokenizer_articles_per_s']:10.0f}   "
          f"(spaCy blank 'en' tokenizer alone, same texts)")
    print(f"  peak RSS (MB)        {r['peak_rss_mb']:10.1f}   target <= {TARGET_RSS_MB:.0f}   {t['peak_rss_mb']}")
    for label, seconds in r["startup_s"].items():
        verdict = (f"target <= {TARGET_STARTUP_S:.0f}     {t['startup_s']} / {t['startup_cpu_s']}"
                   if "English" in label else "")
        print(f"  start-up (s)         {seconds:10.2f} {r['startup_cpu_s'][label]:10.2f}   {verdict}  [{label}]")
    print(f"  import sitrep + first extract in this process (spaCy already imported): "
          f"{r['first_extract_in_process_s']:.2f} s")
    if r["failures"]:
        print(f"  !! {r['failures']} of {c['articles']} articles raised in extract_document")
    print()
    total = sum(r["stages_ms_per_article"].values()) or 1.0
    print("  per stage (CPU ms/article, % of staged total):")
    for stage, ms in sorted(r["stages_ms_per_article"].items(), key=lambda kv: -kv[1]):
        print(f"    {stage:22s} {ms:8.3f}  {100 * ms / total:5.1f}%")
    print(f"    {'total':22s} {total:8.3f}")
    parts = ", ".join(f"{k} {v:.3f}" for k, v in r["context_parts_ms_per_article"].items())
    print(f"  Context.from_text = {parts} CPU ms/article")
    if r["stage_failures"]:
        print(f"  !! {r['stage_failures']} articles raised in the staged run")
    if r["staged_output_mismatches"]:
        print(f"  !! staged output differs from extract_document on {r['staged_output_mismatches']} of 20 documents")
    if r.get("hotspots"):
        print()
        print("  hot spots (cProfile, own time; profiling inflates the absolute figures):")
        for h in r["hotspots"]:
            print(f"    {h['own_ms_per_article']:7.3f} ms  {h['calls_per_article']:8.1f} calls/article  "
                  f"{h['function']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles (default 500)")
    parser.add_argument("--words", type=int, default=800, help="words per article (default 800)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes; the median is reported (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", type=int, default=0, metavar="K",
                        help="also profile one pass and list the K functions with the most own time")
    parser.add_argument("--pin", action="store_true", help="bind the process to one CPU (sched_setaffinity)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    report = run(args.n, args.words, args.passes, args.seed, pin=args.pin)
    if args.profile:
        documents = documents_from(generate_articles(min(args.n, 200), seed=args.seed, words=args.words))
        report["hotspots"] = profile_hotspots(documents, args.profile)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
