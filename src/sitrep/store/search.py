"""Full-text search over documents: FTS5 on SQLite, a generated tsvector with a GIN index on PostgreSQL.

Both take the same query language, the one people type into web search boxes: words (all must
match), "quoted phrases", and OR. PostgreSQL has it built in (websearch_to_tsquery); for FTS5 the
query is rewritten into quoted terms, so punctuation in a search never becomes an FTS5 syntax error.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, text

SQLITE_DDL = (
    # External content: the index refers to documents.seq and stores no second copy of the text.
    # content=[documents] (not 'documents') is the spelling Datasette looks for to find a table's
    # full-text index: with it, `?_search=` on the documents table searches.
    "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5("
    "title, text, content=[documents], content_rowid='seq', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE ON documents BEGIN "
    "INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text); "
    "INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text); END",
)

POSTGRES_DDL = (
    "ALTER TABLE documents ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED",
    "CREATE INDEX IF NOT EXISTS ix_documents_search ON documents USING gin (search)",
)

# What a search returns, in order (the same on both engines).
COLUMNS = ("published", "title", "snippet", "outlet", "report_url", "document_id")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


def create_search_index(conn: Connection) -> None:
    for statement in SQLITE_DDL if conn.dialect.name == "sqlite" else POSTGRES_DDL:
        conn.exec_driver_sql(statement)


def redeclare_search_index(conn: Connection) -> None:
    """Migration 4 on SQLite: the index as first declared (content='documents') worked for sitrep but
    not for Datasette, which finds a table's index by the words content="documents" or
    content=[documents]. Drop it and its triggers, declare it again and rebuild it from the documents."""
    if conn.dialect.name != "sqlite":
        return
    for trigger in ("insert", "delete", "update"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS documents_fts_{trigger}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS documents_fts")
    create_search_index(conn)
    conn.exec_driver_sql("INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')")


def fts5_query(query: str) -> str:
    """Web-search syntax -> an FTS5 query of quoted terms: words ANDed, "phrases" kept, OR kept."""
    parts = []
    for phrase, word in _TERM.findall(query):
        term = phrase if phrase else word
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        term = term.strip()
        if term:
            parts.append('"' + term.replace('"', '""') + '"')
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def search_sql(dialect: str, where: str) -> str:
    """Matching documents, best first, with a highlighted snippet; ``where`` adds date filters."""
    if dialect == "sqlite":
        return (
            "SELECT d.published, coalesce(nullif(trim(d.title), ''), trim(replace(replace(replace(substr(d.text, 1, 80), '\r', ' '), '\n', ' '), '\t', ' '))) AS title, snippet(documents_fts, 1, '[', ']', '…', 16) AS snippet, "
            "d.outlet, d.url AS report_url, d.id AS document_id "
            "FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid "
            f"WHERE documents_fts MATCH :q {where} ORDER BY documents_fts.rank LIMIT :limit"
        )
    return (
        "SELECT d.published, coalesce(nullif(trim(d.title), ''), trim(replace(replace(replace(substr(d.text, 1, 80), '\r', ' '), '\n', ' '), '\t', ' '))) AS title, ts_headline('english', d.text, q, "
        "'StartSel=[, StopSel=], MaxWords=24, MinWords=10') AS snippet, "
        "d.outlet, d.url AS report_url, d.id AS document_id "
        "FROM documents d, websearch_to_tsquery('english', :q) q "
        f"WHERE d.search @@ q {where} ORDER BY ts_rank(d.search, q) DESC, d.seq LIMIT :limit"
    )


def search(conn: Connection, query: str, since: str | None = None, until: str | None = None,
           limit: int | None = 20, country: str | None = None, admin1: list[str] | None = None) -> list[dict[str, Any]]:
    """Documents matching ``query`` (web-search syntax), optionally published within since..until, and
    naming a place in ``country`` (ISO alpha-2) or in one of the ``admin1`` names (lower-cased)."""
    sqlite = conn.dialect.name == "sqlite"
    query = query.replace("\x00", " ")  # FTS5 ends a string at NUL ("unterminated string"); PostgreSQL refuses it
    q = fts5_query(query) if sqlite else query
    if not q.strip():
        return []
    # no limit: LIMIT -1 on SQLite, LIMIT NULL on PostgreSQL
    params: dict[str, Any] = {"q": q, "limit": limit if limit else (-1 if sqlite else None)}
    where = ""
    if since:
        where += " AND d.published >= :since"
        params["since"] = since
    if until:
        where += " AND d.published <= :until"
        params["until"] = until
    if country:
        where += " AND EXISTS (SELECT 1 FROM places p WHERE p.document_id = d.id AND p.country = :country)"
        params["country"] = country
    if admin1:
        names = ", ".join(f":admin1_{i}" for i in range(len(admin1)))
        where += f" AND EXISTS (SELECT 1 FROM places p WHERE p.document_id = d.id AND lower(p.admin1) IN ({names}))"
        params.update({f"admin1_{i}": name for i, name in enumerate(admin1)})
    return [dict(r._mapping) for r in conn.execute(text(search_sql(conn.dialect.name, where)), params)]
