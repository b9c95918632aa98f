"""Read a corpus, extract every report once, and store each report with its extraction.

    from sitrep.ingest import ingest
    summary = ingest(["reports/", "feed.xml"], "sitrep.db")   # or "postgresql://..."
    print(summary.new, summary.duplicate, summary.failed)

Reports are committed a batch at a time (up to BATCH_DOCUMENTS reports, or what half a second
brought), each report with everything extracted from it, so a run killed at any moment leaves only
whole reports (at most the last uncommitted batch is not stored), and running the same command again
stores exactly the rest.
A report already stored (same URL or same normalised text) is counted and skipped before it is
extracted, which is what makes a re-run cheap. What cannot be read is recorded in ``failures`` and
the run goes on.
"""

from __future__ import annotations

import functools
import logging
import os
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable, Iterator

from sitrep.limits import Budget
from sitrep.model import Document, Extraction
from sitrep.progress import IngestProgress

log = logging.getLogger("sitrep.ingest")
from sitrep.read import ReadFailure, read_inputs
from sitrep.read.csv import check_columns
from sitrep.store import Store
from sitrep.store.identity import CONFLICT, REVISION, Identity
from sitrep.store.rows import normalised_text_hash

Extractor = Callable[[Document], Extraction]

# One transaction holds at most this many reports, and is committed once the first of them has waited
# this long: one commit and one statement per fact table per batch instead of per report (a ~100-word
# report cost about as much to store as to extract), while a killed run loses at most the last moments.
BATCH_DOCUMENTS = 64
BATCH_SECONDS = 0.5
FailureHandler = Callable[[ReadFailure], None]


@dataclass
class IngestSummary:
    read: int = 0  # documents and unreadable records met: new + duplicate + failed
    new: int = 0
    duplicate: int = 0
    failed: int = 0
    events: int = 0  # facts stored from the new documents
    claims: int = 0
    revisions: int = 0  # of the new: changed texts at a URL already stored (store/identity.py)
    conflicts: int = 0  # of the new: an id already taken by another text, stored under a key of their own
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)  # "file:line: reason", in the order met
    notes: list[str] = field(default_factory=list)  # id conflicts: "file:line: id 'x' ... stored as KEY"

    @property
    def docs_per_second(self) -> float:
        return self.read / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "docs_per_second": round(self.docs_per_second, 1)}

    def __str__(self) -> str:
        identities = "".join(f", {n} of them {what}" for n, what in (
            (self.revisions, "revisions of stored reports"), (self.conflicts, "under new keys (their id was taken)")) if n)
        return (f"read {self.read}, new {self.new}{identities}, duplicate {self.duplicate}, failed {self.failed} "
                f"({self.events} events, {self.claims} claims stored; {self.seconds:.1f} s, "
                f"{self.docs_per_second:.0f} docs/s)")

    def count_stored(self, stored: Identity, source: str | None) -> None:
        self.new += 1
        self.revisions += stored.kind == REVISION
        self.conflicts += stored.kind == CONFLICT
        if stored.kind == CONFLICT:
            self.notes.append(conflict_note(stored, source))


def conflict_note(stored: Identity, source: str | None) -> str:
    return (f"{source or '?'}: the id {stored.given_id!r} is taken by another report with a different text: "
            f"stored under the key {stored.key}")


def ingest(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike | None = None,
    *,
    published: str | None = None,
    csv_columns: dict[str, str] | None = None,
    extract: Extractor | None = None,
    progress: bool = True,
    on_failure: FailureHandler | None = None,
    jobs: int = 1,
    budget: Budget | None = None,
) -> IngestSummary:
    """Ingest files and folders into the database ``db`` (default ``$SITREP_DB`` or ``sitrep.db``).

    ``published`` dates documents that carry no date; ``csv_columns`` maps Document fields to CSV
    column names (passed to the readers; ValueError for an unknown field); ``extract`` replaces the
    extractor (default ``sitrep.extract_document``); ``on_failure`` is called for each failure as it
    happens. ``jobs`` > 1 extracts in that many worker processes (sitrep.extract.parallel) while this
    process reads and stores, in input order, with the same result as one job; a replaced ``extract``
    always runs in this process. ``budget``: what the default extractor may spend on one document
    (limits.Budget; a document over it is a failure, and the run goes on).
    """
    check_columns(csv_columns)  # a wrong mapping is the caller's mistake, not a failure of every CSV file
    in_workers = extract is None and jobs > 1
    if extract is None:
        from sitrep.extract.pipeline import extract_document

        extract = functools.partial(extract_document, budget=budget)
    summary = IngestSummary()
    started = time.perf_counter()
    paths = list(paths)
    with _storing(Store.open, db, summary=summary) as store, IngestProgress(paths, enabled=progress) as bar:
        items = read_each(paths, published, csv_columns)
        extracted = (_extracted_in_workers(store, items, jobs, budget) if in_workers
                     else ((item, extract, False) for item in items))
        batch = _Batch(store, summary, on_failure)
        for item, extract_item, checked in extracted:
            if batch.due():  # before this item's extraction, which may take a while
                batch.commit()
            summary.read += 1
            source = item.source
            if isinstance(item, Document):
                item = _extract_document(batch, item, extract_item, summary, checked)
            if isinstance(item, ReadFailure):
                batch.fail(item)
            bar.advance(source)
        batch.commit()
    summary.seconds = time.perf_counter() - started
    return summary


def _extracted_in_workers(store: Store, items: Iterable[Document | ReadFailure], jobs: int,
                          budget: Budget | None = None) -> Iterator[tuple[Document | ReadFailure, Extractor, bool]]:
    """Each item with the extractor that gives its extraction, worked out ahead in ``jobs`` processes,
    and whether the store was asked if it is stored (when it was handed out). Documents already stored
    then are not extracted; the others are identified again when their batch is written (store/identity.py),
    so a text repeated in the input, or stored meanwhile, is still counted a duplicate."""
    from sitrep.extract.parallel import extract_all
    from sitrep.extract.pipeline import extract_document

    def worth_extracting(item) -> Document | None:
        if not isinstance(item, Document):
            return None
        try:
            return None if store.seen(item) else item
        except Exception:  # noqa: BLE001 - _extract_document meets the same error and reports it as with one job
            return item

    def ready(result) -> Extractor:
        def extract(doc: Document) -> Extraction:
            if result is None:  # stored when handed out: not reached, _extract_document finds it stored
                return extract_document(doc, budget=budget)
            if isinstance(result, BaseException):
                raise result
            return result
        return extract

    for item, result in extract_all(items, jobs, select=worth_extracting, budget=budget):
        yield item, ready(result), result is not None


def _extract_document(batch: "_Batch", doc: Document, extract: Extractor, summary: IngestSummary,
                      checked: bool = False) -> ReadFailure | None:
    """Extract one document into the batch unless it is a duplicate (stored, or earlier in the batch;
    ``checked``: the store was asked already). A document that cannot be extracted becomes a
    ReadFailure, so one bad report never stops the run."""
    try:
        if batch.holds(doc) or (not checked and _storing(batch.store.seen, doc, summary=summary)):
            log.info("already stored: %s", doc.source or doc.id)
            summary.duplicate += 1
            return None
        batch.add(doc, extract(doc))
    except StorageError:
        raise  # the database's failure, not this document's: the run stops
    except Exception as exc:  # noqa: BLE001 - any error in one document is that document's failure
        return document_failure(doc, exc)
    return None


def document_failure(doc: Document, exc: BaseException) -> ReadFailure:
    source, line = split_source(doc.source or doc.id or "?")
    return ReadFailure(source, f"{type(exc).__name__}: {first_line(exc)}", line)


class _Batch:
    """Extracted reports waiting to be committed together (Store.add_many), counted in the summary once
    committed. If the batch cannot be written as a whole, its reports are written one per transaction,
    so that a report the database refuses fails alone, as a failure of its own."""

    def __init__(self, store: Store, summary: IngestSummary, on_failure: FailureHandler | None):
        self.store, self.summary, self.on_failure = store, summary, on_failure
        self.items: list[tuple[Document, Extraction]] = []
        self.hashes: set[str] = set()
        self.opened = 0.0

    def holds(self, doc: Document) -> bool:
        """Is the same text (a duplicate, store/identity.py) waiting in this batch?"""
        return normalised_text_hash(doc.text) in self.hashes

    def add(self, doc: Document, extraction: Extraction) -> None:
        if not self.items:
            self.opened = time.monotonic()
        self.items.append((doc, extraction))
        self.hashes.add(normalised_text_hash(doc.text))

    def due(self) -> bool:
        return bool(self.items) and (len(self.items) >= BATCH_DOCUMENTS
                                     or time.monotonic() - self.opened >= BATCH_SECONDS)

    def commit(self) -> None:
        items, self.items, self.hashes = self.items, [], set()
        if not items:
            return
        try:
            identities = _storing(self.store.add_many, items, summary=self.summary)
        except StorageError:
            raise
        except Exception:  # noqa: BLE001 - one report the database refuses: find it, one per transaction
            for doc, extraction in items:
                self.commit_one(doc, extraction)
            return
        for (doc, extraction), stored in zip(items, identities):
            self.count(doc, extraction, stored)

    def commit_one(self, doc: Document, extraction: Extraction) -> None:
        try:
            stored = _storing(self.store.add, doc, extraction, summary=self.summary)
        except StorageError:
            raise
        except Exception as exc:  # noqa: BLE001 - this report's failure; its transaction was rolled back
            self.fail(document_failure(doc, exc))
            return
        self.count(doc, extraction, stored)

    def count(self, doc: Document, extraction: Extraction, stored: Identity | None) -> None:
        if stored is None:  # stored meanwhile by another process
            self.summary.duplicate += 1
            return
        log.info("stored %s: %d events, %d claims", doc.source or doc.id, len(extraction.events),
                 len(extraction.claims))
        self.summary.count_stored(stored, doc.source)
        self.summary.events += len(extraction.events)
        self.summary.claims += len(extraction.claims)

    def fail(self, failure: ReadFailure) -> None:
        """Count and record what could not be read, extracted or stored (at once, in its own transaction)."""
        self.summary.failed += 1
        self.summary.failures.append(str(failure))
        _storing(self.store.record_failure, failure.source, failure.reason, failure.line, summary=self.summary)
        if self.on_failure:
            self.on_failure(failure)


class StorageError(RuntimeError):
    """The database cannot be written (disk full, read-only, server gone for good). The run stops: every
    document stored before it is whole, and running the same command again stores the rest.
    ``summary`` holds the counts up to the failure."""

    def __init__(self, message: str, summary: IngestSummary):
        super().__init__(message)
        self.summary = summary


# A lost connection is tried again this many times, waiting 0.5, 1, 2 ... 16 s (store/retry.py).
STORAGE_RETRIES = 6


def _storing(action: Callable, *args, summary: IngestSummary):
    """``action(*args)`` against the database. Before this, a full disk or a read-only file made every
    document a "failed" one and then crashed with a traceback on recording that failure; a PostgreSQL
    restart did the same (found by tests/test_faults.py)."""
    from sqlalchemy.exc import InternalError, OperationalError

    from sitrep.store.retry import lost_connection

    try:
        return lost_connection(STORAGE_RETRIES)(action, *args)
    except (OperationalError, InternalError) as exc:
        reason = first_line(exc.orig if getattr(exc, "orig", None) is not None else exc)
        raise StorageError(
            f"cannot write to the database: {reason}. {summary.new} new documents were stored before "
            "this, each whole; fix the cause and run the same command again (what is stored is skipped)",
            summary) from exc


def read_each(paths: Iterable[str | os.PathLike], published: str | None,
              csv_columns: dict[str, str] | None) -> Iterator[Document | ReadFailure]:
    """The readers' output, one path at a time: if a reader raises instead of yielding a
    ReadFailure, that path becomes one failure and the next path is still read."""
    for path in paths:
        try:
            yield from read_inputs([str(path)], published=published, csv_columns=csv_columns)
        except Exception as exc:  # noqa: BLE001
            yield ReadFailure(str(path), f"{type(exc).__name__}: {first_line(exc)}")


def split_source(source: str) -> tuple[str, int | None]:
    """``file.jsonl:12`` -> (``file.jsonl``, 12); anything else as it is."""
    head, _, tail = source.rpartition(":")
    return (head, int(tail)) if head and tail.isdigit() else (source, None)


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (at most 500 characters): what a failure row and a log line show."""
    return (str(exc).strip().splitlines() or [""])[0][:500]
