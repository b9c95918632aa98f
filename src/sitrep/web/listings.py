"""What every list page (events, claims, people, units, search) shares: facet counts over the rows its
filters match, links to its other pages and formats, and its rows as a CSV or JSON download.

A list page's rows come from one SELECT (web/data.py builds it from sitrep.query's listings); a page is
that SELECT cut to 50 rows, a download is the same SELECT cut to DOWNLOAD_LIMIT rows, so a download
holds exactly what the pages show, with the same filters. CSV goes through the export writer the CLI
uses (``sitrep.export.writers.write_csv``: cells a spreadsheet would run as formulas are neutralised).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator
from urllib.parse import urlencode

from sqlalchemy import Connection, Engine, and_, func, select
from sqlalchemy.sql import Select

from sitrep.export.writers import write_csv
from sitrep.store import schema as S
from sitrep.store.rows import split_joined
from sitrep.web.timeline import measure_key, measure_label

DOWNLOAD_LIMIT = 100_000  # rows in one download (the CLI's `sitrep events --format csv --limit 0` has none)
DOWNLOAD_BATCH = 1000
FACET_VALUES = 12  # the most common values shown per facet
E = S.events.c


@dataclass(frozen=True)
class Facet:
    """A facet: the page parameter it sets, the listing columns it counts (several: a row counts once
    per distinct value among them, as an event counts for each side it involves), and how a stored
    value reads and is passed back."""

    param: str
    columns: tuple[str, ...]
    label: Callable[[Any], str] = str
    value: Callable[[Any], Any] = lambda v: v
    through_event: bool = False  # counted on the claim's event (a claim has no country of its own)


def _measure_value(stored: str) -> str:
    return measure_key(split_joined(stored))


FACETS: dict[str, tuple[Facet, ...]] = {
    "events": (Facet("type", ("event_type",)), Facet("country", ("country",)),
               Facet("side", ("actor1_side", "actor2_side")), Facet("certainty", ("certainty",))),
    "claims": (Facet("measure", ("measure",), label=lambda v: measure_label(_measure_value(v)), value=_measure_value),
               Facet("country", ("country",), through_event=True), Facet("side", ("subject_side",)),
               Facet("certainty", ("certainty",))),
    "people": (Facet("side", ("side",)), Facet("status", ("status",))),
    "people-register": (Facet("side", ("side",)), Facet("status", ("fate",))),
    "units": (Facet("side", ("side",)),),
}


def facets(conn: Connection, kind: str, stmt: Select, base: str, given: dict[str, Any]) -> list[dict[str, Any]]:
    """Counts of each facet's values among the rows ``stmt`` selects, most common first, each with the
    link that adds it to the page's filters (``base`` is the page's path, ``given`` its parameters)."""
    return facet_values(kind, facet_combos(conn, kind, stmt), base, given)


def facet_columns(kind: str) -> list[str]:
    """The columns a listing's facets are counted on (``event_country``: the country of a claim's event)."""
    columns = list(dict.fromkeys(c for f in FACETS[kind] if not f.through_event for c in f.columns))
    return columns + (["event_country"] if any(f.through_event for f in FACETS[kind]) else [])


def facet_combos(conn: Connection, kind: str, stmt: Select, limit: int | None = None,
                 ordered: bool = True) -> list[dict[str, Any]]:
    """The rows ``stmt`` selects (the first ``limit`` of them, in its order if ``ordered``, else any),
    grouped by every facet column at once (a few hundred combinations, each with its count ``n``),
    rather than one scan of the rows per facet."""
    through_event = any(f.through_event for f in FACETS[kind])
    needed = [c for c in facet_columns(kind) if c != "event_country"] + (["document_id", "event_id"] if through_event else [])
    # only the columns counted: a listing's view also quotes evidence and titles, which SQLite would
    # compute for every row of a limited subquery
    lean = stmt.with_only_columns(*[stmt.selected_columns[c] for c in needed], maintain_column_froms=True)
    rows = (lean if limit and ordered else lean.order_by(None)).limit(limit).offset(None).subquery()
    selected = [rows.c[c] for c in facet_columns(kind) if c != "event_country"]
    source = rows
    if through_event:
        source = rows.outerjoin(S.events, and_(E.document_id == rows.c.document_id, E.id == rows.c.event_id))
        selected.append(E.country.label("event_country"))
    return [dict(r._mapping) for r in conn.execute(
        select(*selected, func.count().label("n")).select_from(source).group_by(*selected))]


def facet_values(kind: str, combos: Iterable[dict[str, Any]], base: str, given: dict[str, Any]) -> list[dict[str, Any]]:
    """Each facet's values and counts, summed from the combinations (``facet_combos``, or the web's
    counts by month, web/facet_counts.py), most common first, with their links."""
    combos = list(combos)
    out = []
    for facet in FACETS[kind]:
        names = ["event_country"] if facet.through_event else list(facet.columns)
        merged: dict[Any, int] = {}
        labels: dict[Any, str] = {}
        for combo in combos:
            # a row counts once per distinct value among the facet's columns (an event of UA against UA: once)
            for stored in {combo[c] for c in names} - {None}:
                value = facet.value(stored)
                merged[value] = merged.get(value, 0) + combo["n"]
                labels[value] = facet.label(stored)
        values = sorted(merged.items(), key=lambda kv: (-kv[1], str(kv[0])))[:FACET_VALUES]
        chosen = given.get(facet.param)
        out.append({"name": facet.param, "values": [
            {"value": v, "label": labels[v], "count": n,
             "selected": chosen is not None and str(chosen).lower() == str(v).lower(),
             "href": base + "?" + urlencode({**{k: x for k, x in given.items() if k != "page"}, facet.param: v})}
            for v, n in values]})
    return out


def links(path: str, given: dict[str, Any], page: int | None = None, has_next: bool = False) -> dict[str, str]:
    """The page's other pages and formats: html, csv, json (every matching row), and next/prev pages
    of the JSON listing."""
    filters = {k: v for k, v in given.items() if k != "page"}
    q = ("?" + urlencode(filters)) if filters else ""
    out = {"html": path + q, "csv": path + ".csv" + q, "json": path + ".json" + q}
    if page is not None and has_next:
        out["next"] = "/api" + path + "?" + urlencode({**filters, "page": page + 1})
    if page is not None and page > 1:
        out["prev"] = "/api" + path + "?" + urlencode({**filters, "page": page - 1})
    return out


# --- downloads -------------------------------------------------------------------------------------

def _batches(engine: Engine, stmt: Select | Callable[[Connection], Iterable[dict]]) -> Iterator[list[dict]]:
    """The rows in batches, read through a connection of the generator's own (the response streams
    after the request's connection is gone)."""
    with engine.connect() as conn:
        if callable(stmt):
            found = list(stmt(conn))
            for i in range(0, len(found), DOWNLOAD_BATCH):
                yield found[i:i + DOWNLOAD_BATCH]
            return
        result = conn.execute(stmt.limit(DOWNLOAD_LIMIT))
        while batch := result.fetchmany(DOWNLOAD_BATCH):
            yield [dict(r._mapping) for r in batch]


def csv_chunks(engine: Engine, stmt, columns: list[str]) -> Iterator[str]:
    """CSV, header first, written batch by batch with the CLI's writer."""
    first = True
    for batch in _batches(engine, stmt):
        buffer = io.StringIO()
        write_csv(batch, buffer, columns, ignore_extra=True)
        text = buffer.getvalue()
        yield text if first else text.split("\n", 1)[1]
        first = False
    if first:  # no rows: the header alone
        buffer = io.StringIO()
        write_csv([], buffer, columns)
        yield buffer.getvalue()


def json_chunks(engine: Engine, stmt, columns: list[str]) -> Iterator[str]:
    """A JSON array of row objects (the listing's columns), streamed."""
    yield "["
    n = 0
    for batch in _batches(engine, stmt):
        for row in batch:
            yield ("," if n else "") + "\n" + json.dumps({c: row.get(c) for c in columns}, ensure_ascii=False,
                                                         default=str)
            n += 1
    yield "\n]\n"
