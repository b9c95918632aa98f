"""Precision and recall of merging against hand labels (tests/fixtures/multi/labels.json).

Labels say which reports tell of one incident and which (report, name) mentions are one person. An
extracted event belongs to the incident of its report whose place it names, else to the report's only
incident; events of unlabelled reports are singletons (merging one with anything is a false merge).
Pairwise: a pair of reports/mentions is positive when both are in one cluster.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, select

from sitrep.resolve.events import pair_scores
from sitrep.store import resolution_schema as R
from sitrep.store import schema as S


def gold_events(conn: Connection, labels: dict[str, Any]) -> dict[str, str]:
    by_report: dict[str, list[tuple[str, str | None]]] = {}
    for incident, spec in labels["incidents"].items():
        for report in spec["reports"]:
            by_report.setdefault(report, []).append((incident, spec.get("place")))
    gold = {}
    for row in conn.execute(select(S.events.c.document_id, S.events.c.id, S.events.c.location)):
        key = f"{row.document_id}:{row.id}"
        incidents = by_report.get(row.document_id, [])
        named = [i for i, place in incidents if place and row.location and place.lower() in row.location.lower()]
        if named:
            gold[key] = named[0]
        elif len(incidents) == 1:
            gold[key] = incidents[0][0]
        else:
            gold[key] = key
    return gold


def gold_persons(conn: Connection, labels: dict[str, Any]) -> dict[str, str]:
    wanted = {(doc, name): person for person, mentions in labels["persons"].items() for doc, name in mentions}
    gold = {}
    for row in conn.execute(select(S.people.c.document_id, S.people.c.id, S.people.c.name)):
        key = f"{row.document_id}:{row.id}"
        gold[key] = wanted.get((row.document_id, row.name), key)
    return gold


def measure(conn: Connection, labels: dict[str, Any] | str | Path) -> dict[str, dict[str, float]]:
    """{"events", "events_across_reports", "persons"}: pairwise precision, recall, F1 and counts. Pairs of
    events from one report count in "events" (the extractor sometimes tells one incident twice in a
    report; the resolver never merges within a report) but not in "events_across_reports"."""
    if not isinstance(labels, dict):
        labels = json.loads(Path(labels).read_text(encoding="utf-8"))
    events = {f"{r.document_id}:{r.item_id}": r.merged_id
              for r in conn.execute(select(R.event_members.c.document_id, R.event_members.c.item_id,
                                           R.event_members.c.merged_id))}
    persons = {f"{r.document_id}:{r.item_id}": r.person_id
               for r in conn.execute(select(R.person_mentions.c.document_id, R.person_mentions.c.item_id,
                                            R.person_mentions.c.person_id))}
    gold_e, gold_p = gold_events(conn, labels), gold_persons(conn, labels)
    return {"events": pair_scores(events, gold_e), "events_across_reports": pair_scores(events, gold_e, True),
            "persons": pair_scores(persons, gold_p)}
