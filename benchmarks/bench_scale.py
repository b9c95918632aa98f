"""Scale-out benchmark: documents/s of `sitrep ingest` into PostgreSQL, single-process against the Dask
runner with 1 and 2 worker processes, on the same generated corpus.

    source .ci/services/postgres.sh            # or any server: --pg postgresql://... / SITREP_TEST_PG_URL
    python benchmarks/bench_scale.py            # 5,000 articles, each configuration 3 times, medians
    python benchmarks/bench_scale.py --n 1000 --repeat 1 --json

Targets (issue 7): >= 1.8x from 1 to 2 workers; the 1-worker Dask path within 15 % of single-process.

Every run ingests into a fresh PostgreSQL schema. The clusters are started (and their workers' extractor
data loaded) before any clock starts, as the single-process extractor is; the cluster start-up is
printed apart. Runs are interleaved (local, 1 worker, 2 workers, local ...) so that a change in the
machine's load falls on all three alike; medians and ratios are what to read. Besides wall time it
prints where the time went: worker seconds extracting and writing, client seconds reading and
checking, and documents per worker-CPU second (the throughput per core).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path
from time import perf_counter, process_time

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.bench_store import drop_pg_schema, pg_schema_url, pg_size, write_corpus_file  # noqa: E402
from sitrep.store.engine import normalise_url  # noqa: E402

TARGET_SPEEDUP = 1.8
TARGET_ONE_WORKER = 0.85  # 1-worker Dask throughput / single-process throughput


def worker_cpu() -> float:
    """CPU seconds of this worker process so far (run on every worker with client.run)."""
    return process_time()


def pg_server_cpu(base: str) -> float | None:
    """CPU seconds used so far by the PostgreSQL server at ``base``, if it runs on this machine and we may
    read its processes: the postmaster, its live backends, and the backends that have exited (whose
    time the kernel adds to the postmaster's children's time). None otherwise."""
    import sqlalchemy

    try:
        engine = sqlalchemy.create_engine(normalise_url(base))
        with engine.connect() as conn:
            data_dir = conn.exec_driver_sql("SHOW data_directory").scalar()
        engine.dispose()
        postmaster = int(Path(data_dir, "postmaster.pid").read_text().split()[0])
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == postmaster:
                total += sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
            elif ppid == postmaster:
                total += int(fields[11]) + int(fields[12])
        return total / tick
    except Exception:  # noqa: BLE001 - a remote server, or no permission: the figure is left out
        return None


def with_server_cpu(base: str, run) -> dict:
    before = pg_server_cpu(base)
    result = run()
    after = pg_server_cpu(base)
    if before is not None and after is not None:
        result["pg_server_cpu_s"] = after - before
        result["pg_server_cpu_ms_per_doc"] = 1000 * (after - before) / max(1, result["docs"])
    return result


def run_local(corpus: Path, db: str) -> dict:
    from sitrep.ingest import ingest

    wall, cpu = perf_counter(), process_time()
    summary = ingest([str(corpus)], db, progress=False)
    wall, cpu = perf_counter() - wall, process_time() - cpu
    return {"docs": summary.new, "wall_s": wall, "docs_per_s": summary.read / wall, "cpu_s": cpu,
            "docs_per_cpu_s": summary.read / cpu}


def run_dask(client, corpus: Path, db: str, batch_size: int) -> dict:
    from sitrep.scale import ingest_dask

    timings: dict[str, float] = {}
    before = client.run(worker_cpu)
    wall, cpu = perf_counter(), process_time()
    summary = ingest_dask([str(corpus)], db, client=client, batch_size=batch_size, progress=False, timings=timings)
    wall, client_cpu = perf_counter() - wall, process_time() - cpu
    after = client.run(worker_cpu)
    workers_cpu = sum(after[w] - before.get(w, 0.0) for w in after)
    return {"docs": summary.new, "wall_s": wall, "docs_per_s": summary.read / wall, "client_cpu_s": client_cpu,
            "workers_cpu_s": workers_cpu, "docs_per_worker_cpu_s": summary.read / workers_cpu if workers_cpu else 0.0,
            "worker_extract_s": timings["extract"], "worker_write_s": timings["write"],
            "client_read_check_s": timings["client"]}


def start_cluster(n_workers: int):
    from distributed import Client, LocalCluster

    from sitrep.scale import warm_up

    started = perf_counter()
    cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    client.run(warm_up)
    return cluster, client, perf_counter() - started


def median_of(runs: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="articles (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration (default 3; medians)")
    parser.add_argument("--batch-size", type=int, default=None, help="documents per Dask task (default: scale.BATCH_SIZE)")
    parser.add_argument("--pg", default=os.environ.get("SITREP_TEST_PG_URL"), help="PostgreSQL URL (default $SITREP_TEST_PG_URL)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    if not args.pg:
        parser.error("needs PostgreSQL: --pg URL or SITREP_TEST_PG_URL (source .ci/services/postgres.sh)")

    from sitrep.extract.pipeline import extract_document
    from sitrep.model import Document
    from sitrep.scale import BATCH_SIZE

    batch_size = args.batch_size or BATCH_SIZE
    extract_document(Document(text="Shelling killed two civilians in Kherson, the governor said.",
                              published="2023-01-01"))  # load the lexicons before any clock starts
    out: dict = {"articles": args.n, "repeat": args.repeat, "batch_size": batch_size, "cores": os.cpu_count(),
                 "load_average_before": os.getloadavg()[0]}
    runs: dict[str, list[dict]] = {"local": [], "dask_1": [], "dask_2": []}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus_file(args.n, Path(tmp))
        clusters = {}
        try:
            for name, n in (("dask_1", 1), ("dask_2", 2)):
                cluster, client, seconds = start_cluster(n)
                clusters[name] = (cluster, client)
                out[f"{name}_cluster_start_s"] = seconds
            for r in range(args.repeat):
                for name in runs:
                    db, schema = pg_schema_url(args.pg)
                    try:
                        if name == "local":
                            result = with_server_cpu(args.pg, lambda: run_local(corpus, db))
                        else:
                            result = with_server_cpu(args.pg, lambda: run_dask(clusters[name][1], corpus, db, batch_size))
                        if r == 0 and name == "local":
                            out["pg_bytes_per_1000_docs"] = pg_size(db, schema) * 1000 / max(1, result["docs"])
                    finally:
                        drop_pg_schema(args.pg, schema)
                    runs[name].append(result)
                    print(f"run {r + 1} {name}: {result['docs_per_s']:.1f} docs/s", file=sys.stderr)
        finally:
            for cluster, client in clusters.values():
                client.close()
                cluster.close()
    out["load_average_after"] = os.getloadavg()[0]
    out["runs"] = runs
    for name, rs in runs.items():
        out[f"{name}_docs_per_s_median"] = median_of(rs, "docs_per_s")
        if all("pg_server_cpu_ms_per_doc" in r for r in rs):
            out[f"{name}_pg_server_cpu_ms_per_doc_median"] = median_of(rs, "pg_server_cpu_ms_per_doc")
    out["speedup_1_to_2_workers"] = out["dask_2_docs_per_s_median"] / out["dask_1_docs_per_s_median"]
    out["dask_1_vs_local"] = out["dask_1_docs_per_s_median"] / out["local_docs_per_s_median"]
    out["local_docs_per_cpu_s_median"] = median_of(runs["local"], "docs_per_cpu_s")
    for name in ("dask_1", "dask_2"):
        out[f"{name}_docs_per_worker_cpu_s_median"] = median_of(runs[name], "docs_per_worker_cpu_s")
        rs = runs[name]
        work = [r["worker_extract_s"] + r["worker_write_s"] for r in rs]
        out[f"{name}_write_share_of_worker_time"] = statistics.median(
            r["worker_write_s"] / w for r, w in zip(rs, work) if w)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print_report(out)
    return 0


def print_report(out: dict) -> None:
    print(f"{out['articles']} articles, {out['repeat']} runs each (medians), batch {out['batch_size']}, "
          f"{out['cores']} cores, load average {out['load_average_before']:.1f} -> {out['load_average_after']:.1f}")
    print(f"cluster start (incl. loading the extractor): 1 worker {out['dask_1_cluster_start_s']:.1f} s, "
          f"2 workers {out['dask_2_cluster_start_s']:.1f} s")
    for name, label in (("local", "single process"), ("dask_1", "dask, 1 worker"), ("dask_2", "dask, 2 workers")):
        values = ", ".join(f"{r['docs_per_s']:.1f}" for r in out["runs"][name])
        print(f"  {label:<16} {out[f'{name}_docs_per_s_median']:7.1f} docs/s   (runs: {values})")
    print(f"speed-up 1 -> 2 workers: {out['speedup_1_to_2_workers']:.2f}x (target >= {TARGET_SPEEDUP}x)")
    print(f"dask 1 worker / single process: {out['dask_1_vs_local']:.2f} (target >= {TARGET_ONE_WORKER:.2f})")
    print(f"throughput per core: single process {out['local_docs_per_cpu_s_median']:.1f} docs per CPU second; "
          f"dask {out['dask_1_docs_per_worker_cpu_s_median']:.1f} (1 worker), "
          f"{out['dask_2_docs_per_worker_cpu_s_median']:.1f} (2 workers) docs per worker CPU second")
    print(f"share of worker time spent writing to PostgreSQL: {out['dask_1_write_share_of_worker_time']:.1%} (1 worker), "
          f"{out['dask_2_write_share_of_worker_time']:.1%} (2 workers)")
    server = [f"{label} {out[f'{name}_pg_server_cpu_ms_per_doc_median']:.1f}" for name, label in
              (("local", "single process"), ("dask_1", "1 worker"), ("dask_2", "2 workers"))
              if f"{name}_pg_server_cpu_ms_per_doc_median" in out]
    if server:
        print("PostgreSQL server CPU per document stored (ms): " + ", ".join(server))
    client = statistics.median(r["client_read_check_s"] / max(1, r["docs"]) for r in out["runs"]["dask_2"])
    print(f"client (reading, duplicate check, sending) per document: {1000 * client:.2f} ms of wall time")
    print(f"PostgreSQL size: {out['pg_bytes_per_1000_docs'] / 1e6:.1f} MB per 1,000 documents")


if __name__ == "__main__":
    raise SystemExit(main())
