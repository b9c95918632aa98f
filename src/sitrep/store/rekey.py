"""Migration 6: reports stored before migration 5 under ids that cannot be a key get the key they would get
today (``identity.derived_key``), with the id as given kept in ``given_id``.

Before migration 5 a report was stored under the id its source gave, whatever it was: "a/b", "has space",
an 80-character id. Such a report has no page in the web app (its id is no URL path segment). The new key is
written everywhere the old one was: the documents row, every fact row, the links between revisions, and
the resolver's rows (their ``document_id`` columns, the "DOCUMENT_ID:ITEM_ID" anchors and mention keys,
the JSON profiles that hold them, and the user's recorded merges and splits).

PostgreSQL checks a foreign key on every statement, and the fact tables' keys refer to ``documents.id``
without ON UPDATE CASCADE: while re-keying, those constraints are dropped and then made again as they were
(all in the migration's transaction). SQLite runs migrations with foreign keys off and checks them after.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, inspect, or_, select, update

from sitrep.store import resolution_schema as R
from sitrep.store import schema
from sitrep.store.identity import SAFE_KEY, derived_key


def unsafe_keys(conn: Connection) -> dict[str, str]:
    """Old key -> new key, for every stored report whose key is not safe in a URL path."""
    d = schema.documents.c
    rows = conn.execute(select(d.id, d.text_hash).where(d.given_id.is_(None))).all()
    return {r.id: derived_key(r.id, r.text_hash) for r in rows if not SAFE_KEY.fullmatch(r.id)}


def rekey_unsafe_ids(conn: Connection) -> int:
    """Re-key every report stored under an unsafe id; returns how many were."""
    renamed = unsafe_keys(conn)
    if not renamed:
        return 0
    dropped = _drop_foreign_keys(conn) if conn.dialect.name == "postgresql" else []
    d = schema.documents
    for old, new in renamed.items():
        conn.execute(update(d).where(d.c.id == old).values(id=new, given_id=old))
        conn.execute(update(d).where(d.c.revision_of == old).values(revision_of=new))
        for table in schema.FACT_TABLES + (R.person_mentions, R.unit_mentions, R.event_members, R.merge_log):
            conn.execute(update(table).where(table.c.document_id == old).values(document_id=new))
        conn.execute(update(R.merge_log).where(R.merge_log.c.matched_document_id == old)
                     .values(matched_document_id=new))
    _rekey_resolver_json(conn, renamed)
    for statement in dropped:
        conn.exec_driver_sql(statement)
    return len(renamed)


def _rekey_mention(key: str, renamed: dict[str, str]) -> str:
    """A "DOCUMENT_ID:ITEM_ID" key with its document re-keyed (item ids hold no colon; document ids may)."""
    doc, sep, item = key.rpartition(":")
    return f"{renamed[doc]}{sep}{item}" if sep and doc in renamed else key


# The fields of the resolver's JSON that hold a document key or a mention key (resolve/people.py Person,
# resolve/events.py EventReport); the user's overrides are lists of mention keys.
_KEY_FIELDS = ("document_id", "last_document")
_MENTION_FIELDS = ("anchor",)


def _rekey_json(value: Any, renamed: dict[str, str]) -> Any:
    if isinstance(value, list):
        return [_rekey_json(v, renamed) for v in value]
    if isinstance(value, str):
        return _rekey_mention(value, renamed)
    if isinstance(value, dict):
        out = dict(value)
        for k in _KEY_FIELDS:
            if isinstance(out.get(k), str):
                out[k] = renamed.get(out[k], out[k])
        for k in _MENTION_FIELDS:
            if isinstance(out.get(k), str):
                out[k] = _rekey_mention(out[k], renamed)
        return out
    return value


def _rekey_resolver_json(conn: Connection, renamed: dict[str, str]) -> None:
    """Anchors, profiles, event reports and the user's overrides: the rows that hold an old key as text.
    Each old key is looked for with LIKE (escaped), so only those rows are read and rewritten."""
    for table, key_column, columns in (
        (R.person_register, "person_id", ("anchor", "profile")),
        (R.merged_events, "merged_id", ("anchor",)),
        (R.event_members, None, ("report",)),
        (R.resolution_overrides, "id", ("mentions",)),
    ):
        pk = [table.c[key_column]] if key_column else [table.c.document_id, table.c.item_id]
        for old in renamed:
            holds_it = or_(*(table.c[c].like(p, escape="\\") for c in columns for p in _patterns(old)))
            found = conn.execute(select(*pk, *(table.c[c] for c in columns)).where(holds_it)).all()
            for row in found:
                values = {}
                for c in columns:
                    text = row._mapping[c]
                    values[c] = (_rekey_mention(text, renamed) if c == "anchor"
                                 else json.dumps(_rekey_json(json.loads(text), renamed), ensure_ascii=False))
                where = [col == row._mapping[col.name] for col in pk]
                conn.execute(update(table).where(*where).values(**values))


def _patterns(old: str) -> set[str]:
    """LIKE patterns for a key as the resolver's text holds it: as written, and as JSON writes it."""
    forms = {old, json.dumps(old)[1:-1], json.dumps(old, ensure_ascii=False)[1:-1]}
    return {"%" + f.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for f in forms}


def _drop_foreign_keys(conn: Connection) -> list[str]:
    """PostgreSQL: drop the foreign keys that refer to documents or events (the fact tables'); return the
    statements that make them again as they were."""
    inspector = inspect(conn)
    remake = []
    for table in schema.FACT_TABLES:
        for fk in inspector.get_foreign_keys(table.name):
            if fk["referred_table"] not in ("documents", "events"):
                continue
            columns = ", ".join(fk["constrained_columns"])
            referred = ", ".join(fk["referred_columns"])
            ondelete = (fk.get("options") or {}).get("ondelete")
            conn.exec_driver_sql(f'ALTER TABLE {table.name} DROP CONSTRAINT "{fk["name"]}"')
            remake.append(f'ALTER TABLE {table.name} ADD CONSTRAINT "{fk["name"]}" FOREIGN KEY ({columns}) '
                          f'REFERENCES {fk["referred_table"]} ({referred})' + (f" ON DELETE {ondelete}" if ondelete else ""))
    return remake
