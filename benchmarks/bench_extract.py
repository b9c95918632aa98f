"""Extraction speed: articles/s, words/s, peak RSS, start-up time, the ratio to a bare spaCy tokenization
pass over the same texts, where the time goes stage by stage, and (--jobs) how it scales over processes.

    python benchmarks/bench_extract.py                 # generated corpus + real texts from ../shared/data
    python benchmarks/bench_extract.py --jobs 2        # also the scaling curve over 1 and 2 processes
    python benchmarks/bench_extract.py --n 1000 --words 800 --passes 5
    python benchmarks/bench_extract.py --json          # the same figures as one JSON object

Corpora: 500 generated articles of ~800 words (benchmarks/corpus.py), and, when ../shared/data is there,
the real ISAF releases and dev-corpus texts as they are ("real short") and joined to ~520-word articles
("real long", benchmarks/real_corpus.py). Generated text hides the cost of real text's long tail of words.
Targets: >= 200 articles/s, <= 3x the bare tokenization pass (both on the real long articles when present),
<= 500 MB peak RSS, start-up <= 2 s. Each corpus is first extracted and tokenized once untimed (lexicons
loaded, vocabulary warm), then timed over several interleaved passes: CPU time median and best, and wall
time (the same on an idle machine; CPU time is the better guide when other work shares the machine).
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

def measure_corpus(label: str, articles: list[dict], passes: int, bare) -> dict:
    """The figures of one corpus: extraction against the bare tokenizer over the same texts, both warm (one
    untimed pass of each first, so lexicons are loaded and the vocabulary has met every word), then
    ``passes`` interleaved timed passes; CPU time median and best, wall time median; the stages."""
    texts = [a["text"] for a in articles]
    n = len(texts)
    total_words = sum(len(t.split()) for t in texts)
    documents = documents_from(articles)
    extraction_pass(documents)
    tokenization_pass(texts, bare)
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
    best_extract_cpu = min(t.cpu for t in extract_runs)
    best_token_cpu = min(t.cpu for t in token_runs)
    clock, stage_failures = stage_pass(documents)
    parts = context_parts_pass(texts)
    mismatches = check_staged_matches(documents[:20]) if not stage_failures else None
    return {
        "corpus": label, "articles": n, "words_total": total_words, "words_per_article": total_words / n,
        "passes": passes,
        "articles_per_s": n / extract_s,
        "words_per_s": total_words / extract_s,
        "ms_per_article": 1000 * extract_s / n,
        "tokenizer_articles_per_s": n / token_s,
        "ratio_to_tokenization": extract_s / token_s,
        "cpu_time": {"articles_per_s": n / extract_cpu, "words_per_s": total_words / extract_cpu,
                     "ms_per_article": 1000 * extract_cpu / n, "tokenizer_articles_per_s": n / token_cpu,
                     "ratio_to_tokenization": extract_cpu / token_cpu,
                     "best_articles_per_s": n / best_extract_cpu,
                     "best_ratio_to_tokenization": best_extract_cpu / best_token_cpu},
        "failures": failures,
        "stages_ms_per_article": {k: 1000 * v / n for k, v in clock.items()},
        "context_parts_ms_per_article": {k: 1000 * v / n for k, v in parts.items()},
        "stage_failures": stage_failures,
        "staged_output_mismatches": mismatches,
    }


def corpora_to_measure(n: int, words: int, seed: int, shared: Path | None) -> tuple[dict[str, list[dict]], str | None]:
    """The generated corpus and, when ``shared``/data is there, the real ones; and a message when it is not."""
    corpora = {"generated": generate_articles(n, seed=seed, words=words)}
    if shared is None:
        return corpora, "real-text corpus skipped (--no-real)"
    from benchmarks.real_corpus import real_corpora

    real = real_corpora(shared)
    if not real:
        return corpora, (f"real-text corpus skipped: no ISAF releases or dev corpus in {shared / 'data'} "
                         "(give --shared PATH)")
    return {**corpora, **real}, None


def run(n: int, words: int, passes: int, seed: int, pin: bool = False, shared: Path | None = None,
        jobs: int = 0) -> dict:
    cpu = pin_to_one_core() if pin else None
    corpora, skipped = corpora_to_measure(n, words, seed, shared)

    import spacy

    bare = spacy.blank("en").tokenizer  # a separate instance: the bare cost, nothing of sitrep's
    t0 = perf_counter()
    import sitrep  # noqa: F401
    from sitrep.extract.pipeline import extract_document

    first = documents_from(corpora["generated"][:1])[0]
    extract_document(first)  # the first extraction: lexicons, gazetteers, matchers load here
    warmup_s = perf_counter() - t0

    measured = {label: measure_corpus(label, articles, passes, bare) for label, articles in corpora.items()}
    scaling = {label: scaling_curve(articles, jobs) for label, articles in corpora.items()} if jobs else {}
    startup, startup_cpu = startup_times()

    rss = peak_rss_mb()
    main_figures = measured.get("real long", measured["generated"])
    honest_startup = startup["import + extract(English sentence)"]
    honest_startup_cpu = startup_cpu["import + extract(English sentence)"]
    return {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "processor": platform.processor() or platform.machine(), "cpu_pinned": cpu,
                    "cpus_available": os.cpu_count(),
                    "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None},
        "corpora": measured,
        "real_corpus_skipped": skipped,
        "scaling": scaling,
        "peak_rss_mb": rss,
        "first_extract_in_process_s": warmup_s,
        "startup_s": startup,
        "startup_cpu_s": startup_cpu,
        "targets": {
            "articles_per_cpu_s": _verdict(main_figures["cpu_time"]["articles_per_s"] >= TARGET_ARTICLES_PER_S),
            "ratio_to_tokenization_cpu": _verdict(main_figures["cpu_time"]["ratio_to_tokenization"] <= TARGET_TOKENIZER_RATIO),
            "peak_rss_mb": _verdict(rss <= TARGET_RSS_MB),
            "startup_s": _verdict(honest_startup <= TARGET_STARTUP_S),
            "startup_cpu_s": _verdict(honest_startup_cpu <= TARGET_STARTUP_S),
        },
    }


def scaling_curve(articles: list[dict], jobs: int) -> dict[int, dict]:
    """Wall time of extracting the corpus with 1, 2, ... ``jobs`` worker processes (sitrep.extract.parallel,
    what `sitrep extract --jobs N` runs), articles/s and the speed-up over one job; and of `sitrep ingest
    --jobs N` of the same articles (a JSON Lines file, read, extracted and stored into a new SQLite file),
    as a share of that extraction rate. Wall time, since the work is spread over processes; the load
    average beside it says how much else the machine was doing."""
    import tempfile

    from sitrep.extract.parallel import extract_all
    from sitrep.ingest import ingest

    documents = documents_from(articles)
    curve: dict[int, dict] = {}
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
        for j in range(1, jobs + 1):
            before = _cpu_with_children()
            start = perf_counter()
            costs: list[float] = []  # with one job, in this process: each document's CPU time, as it is yielded
            last = process_time()
            for _ in extract_all(documents, jobs=j):
                if j == 1:
                    now = process_time()
                    costs.append(now - last)
                    last = now
            if j == 1:
                one_job_costs = costs
            seconds = perf_counter() - start
            cpu = _cpu_with_children() - before  # the workers have exited: their CPU time is counted
            before = _cpu_with_children()
            start = perf_counter()
            summary = ingest([str(corpus)], str(Path(folder) / f"ingest-{j}.db"), progress=False, jobs=j)
            ingest_seconds = perf_counter() - start
            ingest_cpu = _cpu_with_children() - before
            curve[j] = {"articles_per_s": len(documents) / seconds, "seconds": seconds, "cpu_seconds": cpu,
                        "ingest_articles_per_s": summary.read / ingest_seconds,
                        "ingest_share_of_extraction": (summary.read / ingest_seconds) / (len(documents) / seconds),
                        "ingest_cpu_share_of_extraction": cpu / ingest_cpu,
                        "load_average_1min": os.getloadavg()[0] if hasattr(os, "getloadavg") else None}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    for j, figures in curve.items():
        figures["speedup"] = figures["articles_per_s"] / curve[1]["articles_per_s"]
        # CPU time of all processes per job count against one job's: the work parallelism adds. Times the
        # cores used, it is the speed-up these processes reach on cores nobody else wants.
        figures["cpu_efficiency"] = curve[1]["cpu_seconds"] / figures["cpu_seconds"]
        # ... and the tasks' lengths: the measured cost of each document, in the pool's tasks, dealt in order
        # to the first free worker; the last task may leave the other workers idle at the end
        figures["task_bound"] = task_bound(documents, one_job_costs, min(j, cores))
        figures["speedup_on_idle_cores"] = figures["task_bound"] * figures["cpu_efficiency"]
    return curve


def task_bound(documents, costs: list[float], workers: int) -> float:
    """The speed-up ``workers`` processes can reach on idle cores over these documents (``costs``: each one's
    CPU seconds) with the pool's tasks (sitrep.extract.parallel._chunks) handed out in order to the first
    free worker: the total over the time the busiest worker takes."""
    import heapq

    from sitrep.extract.parallel import CHUNK, _chunks

    cost = {id(d): c for d, c in zip(documents, costs)}
    free = [0.0] * workers
    for task in _chunks(((d, d) for d in documents), CHUNK):
        heapq.heappush(free, heapq.heappop(free) + sum(cost[id(d)] for d in task.documents))
    return sum(costs) / max(free) if max(free) > 0 else 1.0


def _cpu_with_children() -> float:
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


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
    t, m = r["targets"], r["machine"]
    corpora = r["corpora"]
    first = next(iter(corpora.values()))
    core = f"pinned to cpu {m['cpu_pinned']}" if m["cpu_pinned"] is not None else "one thread"
    load = ", ".join(f"{x:.2f}" for x in m["load_average"]) if m["load_average"] else "?"
    print(f"sitrep extraction benchmark: median (and best) of {first['passes']} passes after a warm pass, {core}")
    print(f"machine: {m['processor']}, {m['cpus_available']} cpus, Python {m['python']}, {m['platform']}, "
          f"load average {load} (1, 5, 15 min) at the end: other work on the machine slows every figure")
    if r["real_corpus_skipped"]:
        print(f"  !! {r['real_corpus_skipped']}")
    print()
    labels = list(corpora)
    print(f"  {'':30}" + "".join(f"{label:>16}" for label in labels))
    rows = [
        ("articles", lambda c: f"{c['articles']}"),
        ("words/article", lambda c: f"{c['words_per_article']:.0f}"),
        ("articles/s (cpu, median)", lambda c: f"{c['cpu_time']['articles_per_s']:.1f}"),
        ("articles/s (cpu, best)", lambda c: f"{c['cpu_time']['best_articles_per_s']:.1f}"),
        ("articles/s (wall, median)", lambda c: f"{c['articles_per_s']:.1f}"),
        ("words/s (cpu)", lambda c: f"{c['cpu_time']['words_per_s']:.0f}"),
        ("ms/article (cpu)", lambda c: f"{c['cpu_time']['ms_per_article']:.2f}"),
        ("tokenizer articles/s (cpu)", lambda c: f"{c['cpu_time']['tokenizer_articles_per_s']:.0f}"),
        ("x tokenization (cpu, median)", lambda c: f"{c['cpu_time']['ratio_to_tokenization']:.2f}"),
        ("x tokenization (cpu, best)", lambda c: f"{c['cpu_time']['best_ratio_to_tokenization']:.2f}"),
        ("x tokenization (wall)", lambda c: f"{c['ratio_to_tokenization']:.2f}"),
    ]
    for name, cell in rows:
        print(f"  {name:30}" + "".join(f"{cell(corpora[label]):>16}" for label in labels))
    main_label = "real long" if "real long" in corpora else "generated"
    print(f"  targets on {main_label!r}: >= {TARGET_ARTICLES_PER_S:.0f} articles/s {t['articles_per_cpu_s']}, "
          f"<= {TARGET_TOKENIZER_RATIO:.0f}x tokenization {t['ratio_to_tokenization_cpu']}  (cpu time)")
    print(f"  (tokenization: a separate spacy.blank('en').tokenizer over the same texts, in this process)")
    print(f"  peak RSS (MB)        {r['peak_rss_mb']:10.1f}   target <= {TARGET_RSS_MB:.0f}   {t['peak_rss_mb']}")
    for label, seconds in r["startup_s"].items():
        verdict = (f"target <= {TARGET_STARTUP_S:.0f}     {t['startup_s']} / {t['startup_cpu_s']}"
                   if "English" in label else "")
        print(f"  start-up (s)         {seconds:10.2f} {r['startup_cpu_s'][label]:10.2f}   {verdict}  [{label}]")
    print(f"  import sitrep + first extract in this process (spaCy already imported): "
          f"{r['first_extract_in_process_s']:.2f} s")
    for label, c in corpora.items():
        if c["failures"]:
            print(f"  !! {label}: {c['failures']} of {c['articles']} articles raised in extract_document")
        if c["stage_failures"]:
            print(f"  !! {label}: {c['stage_failures']} articles raised in the staged run")
        if c["staged_output_mismatches"]:
            print(f"  !! {label}: staged output differs from extract_document on {c['staged_output_mismatches']} "
                  "of 20 documents")
    print()
    print("  per stage (CPU ms/article, % of the staged total):")
    stages = list(dict.fromkeys(s for c in corpora.values() for s in c["stages_ms_per_article"]))
    stages.sort(key=lambda s: -corpora[main_label]["stages_ms_per_article"].get(s, 0.0))
    print(f"    {'':26}" + "".join(f"{label:>20}" for label in labels))
    totals = {label: sum(corpora[label]["stages_ms_per_article"].values()) or 1.0 for label in labels}
    for stage in stages:
        cells = []
        for label in labels:
            ms = corpora[label]["stages_ms_per_article"].get(stage, 0.0)
            cells.append(f"{ms:9.3f} {100 * ms / totals[label]:5.1f}%")
        print(f"    {stage:26}" + "".join(f"{cell:>20}" for cell in cells))
    print(f"    {'total':26}" + "".join(f"{totals[label]:9.3f}{'':>11}" for label in labels))
    for label in labels:
        parts = ", ".join(f"{k} {v:.3f}" for k, v in corpora[label]["context_parts_ms_per_article"].items())
        print(f"  Context.from_text ({label}) = {parts} CPU ms/article")
    if r["scaling"]:
        print()
        print("  worker processes (sitrep.extract.parallel, as `sitrep extract --jobs N`): wall-time rate and speed-up;")
        print("  CPU efficiency = one job's CPU time (all processes) / N jobs'; tasks = the speed-up the pool's tasks")
        print("  allow on min(N, cores) idle cores (each article's measured CPU time, tasks dealt in order to the first")
        print("  free worker); x idle = tasks x efficiency, the speed-up on cores nobody else wants. On a loaded machine")
        print("  with autogroup scheduling the wall speed-up is capped by this session's share of the CPU, whatever N is.")
        for label, curve in r["scaling"].items():
            for j, f in curve.items():
                print(f"    {label:12} {j} job{'s' if j > 1 else ' '}  extract {f['articles_per_s']:7.1f} articles/s "
                      f"x{f['speedup']:.2f} wall, CPU efficiency {f['cpu_efficiency']:.2f}, tasks x{f['task_bound']:.2f}, "
                      f"x{f['speedup_on_idle_cores']:.2f} "
                      f"idle   ingest (SQLite) {f['ingest_articles_per_s']:7.1f} articles/s = "
                      f"{100 * f['ingest_share_of_extraction']:.0f}% of extract (CPU: "
                      f"{100 * f['ingest_cpu_share_of_extraction']:.0f}%)   (load {f['load_average_1min']:.1f})")
    if r.get("hotspots"):
        print()
        print(f"  hot spots over {r['hotspots_corpus']!r} (cProfile, own time; profiling inflates the figures):")
        for h in r["hotspots"]:
            print(f"    {h['own_ms_per_article']:7.3f} ms  {h['calls_per_article']:8.1f} calls/article  "
                  f"{h['function']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="generated articles (default 500)")
    parser.add_argument("--words", type=int, default=800, help="words per generated article (default 800)")
    parser.add_argument("--passes", type=int, default=3, help="timed passes; median and best reported (default 3)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared",
                        help="where the real texts are (data/isaf-press-releases-dev.jsonl, data/devset.jsonl; "
                             "default ../shared)")
    parser.add_argument("--no-real", action="store_true", help="the generated corpus only")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="also time 1, 2, ... N worker processes over each corpus (the scaling curve)")
    parser.add_argument("--profile", type=int, default=0, metavar="K",
                        help="also profile one pass (over the long real articles if there, else the generated "
                             "ones) and list the K functions with the most own time")
    parser.add_argument("--pin", action="store_true", help="bind the process to one CPU (sched_setaffinity)")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    args = parser.parse_args(argv)
    shared = None if args.no_real else args.shared
    report = run(args.n, args.words, args.passes, args.seed, pin=args.pin, shared=shared, jobs=args.jobs)
    if args.profile:
        corpora, _ = corpora_to_measure(min(args.n, 200), args.words, args.seed, shared)
        label = "real long" if "real long" in corpora else "generated"
        report["hotspots"] = profile_hotspots(documents_from(corpora[label][:200]), args.profile)
        report["hotspots_corpus"] = label
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
