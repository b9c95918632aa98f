"""The Dask runner: `sitrep ingest ... --engine dask`, ingestion on a dask.distributed cluster.

    from sitrep.scale import ingest_dask
    summary = ingest_dask(["crawl/"], "postgresql://...", scheduler="tcp://10.0.0.5:8786")
    summary = ingest_dask(["reports/"], "postgresql://...", workers=2)   # a local cluster of 2 processes

Who does what:

* The client (this process) reads the inputs as a stream and cuts it into batches of ``batch_size``
  documents. Before a batch is sent it drops what is stored already (one query per batch: same id,
  URL or normalised-text hash) and what an earlier batch still in flight carries, so that the first
  copy in input order is the one stored, as in a local ingest. At most ``in_flight`` batches per
  worker are out at once: the client never holds more than those, whatever the corpus size.
* A worker extracts a batch and writes it in ONE transaction: the documents with one multi-row
  ``INSERT ... ON CONFLICT DO NOTHING RETURNING id``, then the facts of the documents that went in
  (multi-row inserts). A worker killed mid-batch leaves nothing (the server rolls the open
  transaction back when its connection drops) and Dask runs the batch again on another worker; a
  batch that committed before its worker died is found stored when it runs again. Either way each
  document is stored once.
* A client killed at any moment: the committed batches stay, and running the same command again
  skips them before extraction (the per-batch check above) and stores the rest.
* Read failures are recorded by the client, extraction failures are sent back and recorded by the
  client too, in the ``failures`` table, as in a local ingest.
* Cross-report resolution (``sitrep.resolve.runner.resolve``) runs on the client after the last batch
  has committed (``resolve=True``), not on the workers. Not alongside: documents get their ``seq``
  when inserted but become visible when their batch commits, so concurrent batches commit out of
  ``seq`` order and the resolver's "everything after the last seq I saw" would skip some.

Each worker keeps one database engine per URL for its lifetime (``_worker_store``). SQLite works
too when the workers share the client's file system (a local cluster); PostgreSQL is the engine for
a real cluster. See docs/scaling.md for the figures.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from sqlalchemy import select
from tqdm import tqdm

from sitrep.ingest import Extractor, FailureHandler, IngestSummary, first_line, split_source, read_each
from sitrep.model import Document, Extraction
from sitrep.read import ReadFailure
from sitrep.read.csv import check_columns
from sitrep.store import Store, schema
from sitrep.store.identity import Identity
from sitrep.store.rows import normalised_text_hash

BATCH_SIZE = 32  # documents per task: big enough that a transaction and a task cost little per document
IN_FLIGHT_PER_WORKER = 3  # batches out per worker: one running, the next ones queued behind it
WRITE_ATTEMPTS = 3  # a batch transaction that hits a deadlock or a dropped connection is tried again


# --- what travels between client and workers ------------------------------------------------------

@dataclass
class BatchResult:
    """What a worker sends back for one batch: counts, and the documents it could not extract or store."""

    new: int = 0
    duplicate: int = 0
    stored: list[tuple[Identity, str | None]] = field(default_factory=list)  # each new document: how, and its source
    events: int = 0
    claims: int = 0
    failures: list[tuple[str, str, int | None]] = field(default_factory=list)  # (source, reason, line)
    worker_pid: int = 0
    extract_seconds: float = 0.0  # wall time on the worker: where the time goes (docs/scaling.md)
    write_seconds: float = 0.0


@dataclass
class _InFlight:
    """A batch sent out: its keys (so later copies are recognised) and where its documents came from
    (for the progress bar, and to name them if the batch fails for good)."""

    keys: set[str]
    sources: list[str]

    @property
    def size(self) -> int:
        return len(self.sources)


# --- the client ------------------------------------------------------------------------------------

def ingest_dask(
    paths: Iterable[str | os.PathLike],
    db: str | os.PathLike | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Any = None,
    batch_size: int = BATCH_SIZE,
    in_flight: int = IN_FLIGHT_PER_WORKER,
    published: str | None = None,
    csv_columns: dict[str, str] | None = None,
    extract: Extractor | None = None,
    progress: bool = True,
    on_failure: FailureHandler | None = None,
    resolve: bool = False,
    timings: dict[str, float] | None = None,
) -> IngestSummary:
    """Ingest ``paths`` into ``db`` on a Dask cluster; the same arguments and summary as
    ``sitrep.ingest.ingest``, plus where to run: an existing ``client`` (distributed.Client), the
    ``scheduler`` address of a running cluster, or else a LocalCluster of ``workers`` processes
    (default: the machine's cores), started here and shut down at the end.

    ``extract`` must be importable on the workers (a module-level function); default
    ``sitrep.extract_document``. ``resolve`` runs the incremental cross-report resolution on the
    client once everything is stored. The summary's seconds start once the cluster is up and its
    workers have loaded the extractor. ``timings``, if given, is filled with seconds spent: on the
    workers extracting (``extract``) and writing (``write``), on the client reading and checking for
    duplicates (``client``), resolving (``resolve``).
    """
    check_columns(csv_columns)
    if batch_size < 1 or in_flight < 1:
        raise ValueError("batch_size and in_flight must be at least 1")
    db_url = _db_url(db)
    summary = IngestSummary()
    with ExitStack() as stack:
        store = stack.enter_context(Store.open(db_url))  # creates / migrates once, before any worker opens it
        dask_client = client or stack.enter_context(_client(scheduler, workers))
        n_workers = max(1, len(dask_client.scheduler_info().get("workers", {})))
        dask_client.run(warm_up, extract)  # load the extractor's data on every worker at once, not per first batch
        started = time.perf_counter()  # the summary's rate is the ingest's, not the cluster start-up's
        bar = stack.enter_context(tqdm(unit=" docs", desc=f"ingest ({n_workers} dask workers)", file=sys.stderr,
                                       disable=not progress, dynamic_ncols=True, mininterval=0.5))
        runner = _Runner(dask_client, store, db_url, extract, summary, bar, on_failure,
                         max_in_flight=in_flight * n_workers)
        for batch in batched(read_each(paths, published, csv_columns), batch_size):
            runner.submit(batch)
        runner.drain()
    if resolve:
        resolving = time.perf_counter()
        run_resolution(db_url, summary)
        runner.timings["resolve"] = time.perf_counter() - resolving
    summary.seconds = time.perf_counter() - started
    if timings is not None:
        runner.timings["client"] = summary.seconds - runner.timings.pop("waiting") - runner.timings.get("resolve", 0.0)
        timings.update(runner.timings)
    return summary


class _Runner:
    """Sends batches out, at most ``max_in_flight`` at a time, and folds their results into the summary."""

    def __init__(self, client, store: Store, db_url: str, extract: Extractor | None, summary: IngestSummary,
                 bar: tqdm, on_failure: FailureHandler | None, max_in_flight: int):
        self.client, self.store, self.db_url, self.extract = client, store, db_url, extract
        self.summary, self.bar, self.on_failure = summary, bar, on_failure
        self.max_in_flight = max_in_flight
        self.pending: dict[Any, _InFlight] = {}  # future -> what it carries
        self.timings = {"extract": 0.0, "write": 0.0, "waiting": 0.0}

    def submit(self, items: list[Document | ReadFailure]) -> None:
        docs: list[Document] = []
        for item in items:
            self.summary.read += 1
            if isinstance(item, ReadFailure):
                self.fail(item)
            else:
                docs.append(item)
        fresh = self.fresh(docs)
        self.summary.duplicate += len(docs) - len(fresh)
        self.bar.update(len(items) - len(fresh))
        if fresh:
            future = self.client.submit(store_batch, self.db_url, fresh, self.extract, pure=False)
            keys = {k for d in fresh for k in doc_keys(d)}
            self.pending[future] = _InFlight(keys, [d.source or d.id or "?" for d in fresh])
        while len(self.pending) >= self.max_in_flight:
            self.collect()

    def drain(self) -> None:
        while self.pending:
            self.collect()

    def collect(self) -> None:
        """Wait for at least one batch to finish, and count what it did."""
        from distributed import wait

        waiting = time.perf_counter()
        done = wait(list(self.pending), return_when="FIRST_COMPLETED").done
        self.timings["waiting"] += time.perf_counter() - waiting
        for future in done:
            batch = self.pending.pop(future)
            try:
                result: BatchResult = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. KilledWorker: the batch killed worker after worker
                result = BatchResult(failures=[_source_failure(source, exc) for source in batch.sources])
            for stored, source in result.stored:
                self.summary.count_stored(stored, source)
            self.summary.duplicate += result.duplicate
            self.summary.events += result.events
            self.summary.claims += result.claims
            self.timings["extract"] += result.extract_seconds
            self.timings["write"] += result.write_seconds
            for source, reason, line in result.failures:
                self.fail(ReadFailure(source, reason, line))
            self.bar.update(batch.size)

    def fresh(self, docs: list[Document]) -> list[Document]:
        """The documents neither stored already nor carried by a batch in flight nor met earlier in
        this batch: what is left for the workers, in input order."""
        keys = [doc_keys(doc) for doc in docs]
        taken = set().union(*(b.keys for b in self.pending.values())) if self.pending else set()
        taken |= stored_keys(self.store, keys)
        out = []
        for doc, doc_keys_ in zip(docs, keys):
            if taken.isdisjoint(doc_keys_):
                out.append(doc)
            taken.update(doc_keys_)
        return out

    def fail(self, failure: ReadFailure) -> None:
        self.summary.failed += 1
        self.summary.failures.append(str(failure))
        self.store.record_failure(failure.source, failure.reason, failure.line)
        if self.on_failure:
            self.on_failure(failure)


def doc_keys(doc: Document) -> tuple[str, ...]:
    """What makes two documents the same report: the same normalised text (a changed text at the same URL
    or under the same id is a revision or a conflict, stored too: store/identity.py)."""
    return ("hash:" + normalised_text_hash(doc.text),)


def stored_keys(store: Store, keys: list[tuple[str, ...]]) -> set[str]:
    """Which of these keys (``doc_keys`` of a batch) a stored document has already: one query."""
    if not keys:
        return set()
    d = schema.documents.c
    hashes = [k.split(":", 1)[1] for doc_keys_ in keys for k in doc_keys_]
    with store.read() as conn:
        return {"hash:" + h for h in conn.execute(select(d.text_hash).where(d.text_hash.in_(hashes))).scalars()}


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


@contextmanager
def _client(scheduler: str | None, workers: int | None):
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers`` single-threaded
    processes (extraction is pure Python: threads would share one GIL) that ends with the block."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    n = workers or os.cpu_count() or 1
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def _db_url(db: str | os.PathLike | None) -> str:
    """The database as the workers must see it: a URL, with a SQLite path made absolute (a worker's
    working directory need not be the client's)."""
    from sitrep.store.engine import normalise_url

    return normalise_url(db)


def run_resolution(db_url: str, summary: IngestSummary) -> Any:
    """The hook for cross-report resolution, run on the client after the last batch committed:
    ``sitrep.resolve.runner.resolve`` (incremental: only the reports stored since its last run)."""
    from sitrep.resolve.runner import resolve

    with Store.open(db_url) as store:
        return resolve(store)


# --- the workers -----------------------------------------------------------------------------------

_STORES: dict[str, Store] = {}


def _worker_store(db_url: str) -> Store:
    """One Store (engine and connection pool) per database per worker process, opened on first use."""
    store = _STORES.get(db_url)
    if store is None:
        store = _STORES[db_url] = Store.open(db_url)
    return store


def _extractor(extract: Extractor | None) -> Extractor:
    if extract is not None:
        return extract
    from sitrep.extract.pipeline import extract_document

    return extract_document


def warm_up(extract: Extractor | None = None) -> int:
    """Run on every worker before the first batch: import the extractor and load its data files by
    extracting one short report (what would otherwise stall each worker's first batch)."""
    if extract is None:
        _extractor(None)(Document(text="Shelling killed two people in Kharkiv on Monday, officials said.",
                                  published="2024-01-01"))
    return os.getpid()


def store_batch(db_url: str, docs: list[Document], extract: Extractor | None = None) -> BatchResult:
    """On a worker: extract ``docs`` and store them with their extractions in one transaction.
    A document that cannot be extracted becomes a failure; if the batch cannot be written as a whole
    its documents are written one by one, so one bad document fails alone."""
    fn = _extractor(extract)
    result = BatchResult(worker_pid=os.getpid())
    extracted: list[tuple[Document, Extraction]] = []
    started = time.perf_counter()
    for doc in docs:
        try:
            extracted.append((doc, fn(doc)))
        except Exception as exc:  # noqa: BLE001 - one document's failure, as in a local ingest
            result.failures.append(_failure(doc, exc))
    writing = time.perf_counter()
    result.extract_seconds = writing - started
    store = _worker_store(db_url)
    try:
        identities = _write_with_retry(store, extracted)
        written = extracted
    except Exception:  # noqa: BLE001 - find the document at fault by writing them one at a time
        identities, written = _write_one_by_one(store, extracted, result)
    result.write_seconds = time.perf_counter() - writing
    for (doc, x), stored in zip(written, identities):
        if stored is not None:
            result.new += 1
            result.stored.append((stored, doc.source))
            result.events += len(x.events)
            result.claims += len(x.claims)
        else:
            result.duplicate += 1
    return result


def _write_with_retry(store: Store, extracted: list[tuple[Document, Extraction]]) -> list[Identity | None]:
    from sitrep.store.retry import busy_batch

    return busy_batch(WRITE_ATTEMPTS)(write_batch, store, extracted)


def _write_one_by_one(store: Store, extracted: list[tuple[Document, Extraction]],
                      result: BatchResult) -> tuple[list[Identity | None], list[tuple[Document, Extraction]]]:
    """Each document in its own transaction (Store.add); returns how each was stored (None: a duplicate)
    and what was written (stored or found a duplicate), the rest being failures in ``result``."""
    identities, written = [], []
    for doc, x in extracted:
        try:
            identities.append(store.add(doc, x))
            written.append((doc, x))
        except Exception as exc:  # noqa: BLE001
            result.failures.append(_failure(doc, exc))
    return identities, written


def write_batch(store: Store, extracted: list[tuple[Document, Extraction]]) -> list[Identity | None]:
    """Store documents and their facts in one transaction (Store.add_many); how each was stored, in order."""
    return store.add_many(extracted)


def _failure(doc: Document, exc: BaseException) -> tuple[str, str, int | None]:
    return _source_failure(doc.source or doc.id or "?", exc)


def _source_failure(source: str, exc: BaseException) -> tuple[str, str, int | None]:
    """(file, reason, line) for the document read at ``source`` (``file`` or ``file:line``)."""
    path, line = split_source(source)
    return path, f"{type(exc).__name__}: {first_line(exc)}", line
