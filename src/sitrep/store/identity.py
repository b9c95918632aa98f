"""Which stored report a document is, and under what key it is stored.

- The same normalised text as a stored report: a duplicate, not stored again.
- A changed text at a URL already stored: a new **revision**, linked to the first report stored at that
  URL (``revision_of``). Updated articles ("UPDATE 2-", a rising toll) keep every version.
- An id already taken by a different text: a **conflict**, stored under a key made from the id and the
  text, the id as given kept in ``given_id``. Never dropped.
- An id that cannot be a key (characters unsafe in a URL path, longer than 64): stored under a key made
  from it, the id as given kept in ``given_id``, so every report has a page in the web app.

Pure rules over what the database holds; the Store asks the questions inside its write transaction.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, or_, select

from sitrep.store import schema
from sitrep.store.rows import normalised_text_hash

# A key is a URL path segment as is: ASCII letters, digits, _ . : - (the web routes' pattern), 1-64 long,
# beginning with a letter or digit ("." and ".." are resolved away by every HTTP client).
SAFE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")

NEW, REVISION, CONFLICT = "new", "revision", "conflict"


@dataclass(frozen=True)
class Identity:
    key: str  # documents.id
    given_id: str | None  # the id as the source gave it, when it is not the key
    revision_of: str | None  # the first report stored at the same URL
    kind: str  # NEW, REVISION or CONFLICT
    text_hash: str


def derived_key(given_id: str, text_hash: str) -> str:
    """A safe key for an id that cannot be one or is taken: deterministic, so a re-run gives the same rows."""
    return "d" + hashlib.sha1(f"{given_id}\0{text_hash}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def identify(conn: Connection, doc_id: str, url: str | None, text: str) -> Identity | None:
    """None for a duplicate (the same normalised text is stored); else the key and links to store it under."""
    text_hash = normalised_text_hash(text)
    params = {"text_hash": text_hash, "doc_id": doc_id}
    rows = conn.execute(_related(bool(url)), {**params, "url": url} if url else params).all()
    if any(r.text_hash == text_hash for r in rows):
        return None
    same_url = [r for r in rows if url and r.url == url]
    revision_of = (same_url[0].revision_of or same_url[0].id) if same_url else None
    taken = any(r.id == doc_id or r.given_id == doc_id for r in rows)
    key = doc_id if SAFE_KEY.fullmatch(doc_id) and not taken else derived_key(doc_id, text_hash)
    kind = REVISION if revision_of else CONFLICT if taken else NEW
    return Identity(key, None if key == doc_id else doc_id, revision_of, kind, text_hash)


@functools.cache
def _related(with_url: bool):
    """The stored reports a document is related to (same text, same id, or same URL): the statement built
    once, with bound parameters (building it per report cost more than running it)."""
    d = schema.documents.c
    doc_id = bindparam("doc_id")
    match = [d.text_hash == bindparam("text_hash"), d.id == doc_id, d.given_id == doc_id]
    if with_url:
        match.append(d.url == bindparam("url"))
    return select(d.id, d.url, d.text_hash, d.given_id, d.revision_of, d.seq).where(or_(*match)).order_by(d.seq)


def revisions(conn: Connection, key_or_url: str) -> list[dict]:
    """Every stored revision of a report (given by its key, its id as given, or its URL), oldest first,
    numbered from 1."""
    d = schema.documents.c
    start = conn.execute(select(d.id, d.revision_of).where(
        or_(d.id == key_or_url, d.given_id == key_or_url, d.url == key_or_url)).order_by(d.seq).limit(1)).first()
    if start is None:
        return []
    root = start.revision_of or start.id
    rows = conn.execute(select(d.id, d.given_id, d.url, d.title, d.published, d.ingested_at, d.n_events, d.n_claims,
                               d.revision_of).where(or_(d.id == root, d.revision_of == root)).order_by(d.seq))
    return [{"revision": n, **r._mapping} for n, r in enumerate(rows, 1)]
