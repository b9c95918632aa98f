"""Extraction over worker processes, results in input order: what `sitrep extract --jobs N` and
`sitrep ingest --jobs N` run.

    for item, result in extract_all(read_inputs(paths), jobs=2):
        ...   # result: the Extraction, the exception that document raised, or None (item not extracted)

The extractor is pure Python and holds the GIL, so threads would not help: documents go to worker
processes in chunks, a bounded number of chunks in flight (memory stays flat on a corpus of any size), and
come back in the order they were given. Each document is extracted by ``pipeline.extract_document`` as in
one process, its budgets (limits.document_budget) applied in the worker; one document's exception is that
document's result, and the rest go on. Only the caller touches files and databases: the workers extract.

Where the platform can fork, the parent loads the lexicons and gazetteers once before the workers start
and they share them; elsewhere each worker loads its own on its first document.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
from collections import deque
from itertools import chain
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator, TypeVar

from sitrep.limits import Budget
from sitrep.model import Document, Extraction

Item = TypeVar("Item")
Result = Extraction | BaseException | None

CHUNK = 8  # documents per task: amortises the hand-over, small enough to keep the workers evenly busy
# ... and a task is closed sooner once its texts reach this many characters (about two news articles, ~50 ms
# of extraction): at the end of a run one worker may still have a task when the others are done, and that
# last task should be short. Eight ~580-word articles are ~0.2 s of work: over the benchmark's 133 real long
# articles, their measured costs dealt to two workers in tasks of eight allow at most 1.95x; in tasks of two, 1.99x.
CHUNK_CHARS = 6_000
IN_FLIGHT_PER_JOB = 4  # chunks submitted ahead per worker
# A news sentence that makes every stage load its data, extracted once in the parent before forking.
_WARM_TEXT = ("Russian shelling killed two civilians in Kherson on Tuesday, the regional governor said, "
              "and the 93rd Mechanized Brigade repelled an assault near Bakhmut.")


def default_jobs() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def as_document(item: object) -> Document | None:
    """The default choice of what to extract: the Documents among the items (read failures pass through)."""
    return item if isinstance(item, Document) else None


def extract_all(items: Iterable[Item], jobs: int | None = None, *,
                select: Callable[[Item], Document | None] = as_document,
                chunk: int = CHUNK, budget: Budget | None = None) -> Iterator[tuple[Item, Result]]:
    """(item, result) for every item, in input order. ``select(item)`` gives the Document to extract, or
    None to pass the item through untouched (result None); it is called in the parent, in order, as the
    item is handed out. ``jobs`` worker processes (default: every core); 1 extracts in this process.
    ``budget``: what each document may cost (default limits.DOC_CPU_SECONDS, DOC_MEMORY_MB)."""
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    chosen = ((item, select(item)) for item in items)
    if jobs > 1:
        # an input of one chunk or less is not worth starting processes for: read ahead to see
        ahead: list = []
        documents = 0
        for pair in chosen:
            ahead.append(pair)
            documents += pair[1] is not None
            if documents > chunk:
                yield from _in_workers(chain(ahead, chosen), jobs, chunk, budget)
                return
        chosen = iter(ahead)
    for item, document in chosen:
        yield item, (None if document is None else _extract_one(document, budget))


def _extract_one(document: Document, budget: Budget | None = None) -> Extraction | BaseException:
    from sitrep.extract.pipeline import extract_document

    try:
        return extract_document(document, budget=budget)
    except Exception as exc:  # noqa: BLE001 - one document's failure is its result; the caller names it
        return exc


def _extract_chunk(documents: list[Document], budget: Budget | None = None) -> list[Extraction | BaseException]:
    """In a worker: each document's extraction or exception (one that cannot cross to the parent is
    replaced by a RuntimeError saying what it was)."""
    return [_sendable(_extract_one(d, budget)) for d in documents]


def _sendable(result: Extraction | BaseException) -> Extraction | BaseException:
    if not isinstance(result, BaseException):
        return result
    try:
        pickle.loads(pickle.dumps(result))
        return result
    except Exception:  # noqa: BLE001 - an exception class whose arguments do not pickle
        return RuntimeError(f"{type(result).__name__}: {result}")


class _Chunk:
    """Items handed out together: all of them, in order, and the documents among them with their places."""

    def __init__(self) -> None:
        self.items: list = []
        self.chosen: list[int] = []  # index into items of each document sent
        self.documents: list[Document] = []
        self.chars = 0  # of the documents' texts
        self.tries = 0

    def add(self, item, document: Document | None) -> None:
        if document is not None:
            self.chosen.append(len(self.items))
            self.documents.append(document)
            self.chars += len(document.text)
        self.items.append(item)

    def results(self, extracted: list[Extraction | BaseException]) -> list[tuple[object, Result]]:
        out: list[Result] = [None] * len(self.items)
        for index, result in zip(self.chosen, extracted):
            out[index] = result
        return list(zip(self.items, out))


def _executor(jobs: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    watch = (os.getpid(),)
    if "fork" in methods:
        from sitrep.extract.pipeline import extract

        extract(_WARM_TEXT, published="2024-01-02")  # load lexicons and gazetteers once, shared by the workers
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"),
                                   initializer=_die_with_parent, initargs=watch)
    return ProcessPoolExecutor(jobs, initializer=_die_with_parent, initargs=watch)


PARENT_CHECK_SECONDS = 0.5


def _die_with_parent(parent: int) -> None:
    """In a worker: exit as soon as the process that started it is gone. A parent killed outright
    (SIGKILL, the OOM killer) cannot stop its workers, and they would wait for work forever, each holding
    what it inherited at the fork: the parent's database connection, with the transaction it had open,
    whose locks then stop every later ingest (a killed `sitrep ingest --jobs 2` on PostgreSQL did)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=watch, name="sitrep-parent-watch", daemon=True).start()


def _chunks(chosen: Iterable[tuple], size: int, chars: int = CHUNK_CHARS) -> Iterator[_Chunk]:
    """The items in tasks of at most ``size`` documents, each closed once its texts reach ``chars`` characters."""
    current = _Chunk()
    for item, document in chosen:
        current.add(item, document)
        if len(current.documents) >= size or current.chars >= chars:
            yield current
            current = _Chunk()
    if current.items:
        yield current


def _in_workers(chosen: Iterable[tuple], jobs: int, size: int,
                budget: Budget | None = None) -> Iterator[tuple[object, Result]]:
    # the objects made so far (lexicons, gazetteers, spaCy's tables) are left out of garbage collection while
    # the workers live: a forked worker's first full collection would otherwise touch every one of them and
    # copy the parent's memory page by page (CPU, and a whole copy per worker). What was frozen before
    # (the pipeline freezes the loaded data once, after its first document) stays frozen: unfreezing it
    # would put the lexicons back in every later collection's path for the rest of the process.
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield from _pooled(chosen, jobs, size, budget)
    finally:
        if not frozen_before:
            gc.unfreeze()


def _pooled(chosen: Iterable[tuple], jobs: int, size: int,
            budget: Budget | None = None) -> Iterator[tuple[object, Result]]:
    pool = _executor(jobs)
    pending: deque[tuple[_Chunk, Future | None]] = deque()
    chunks = _chunks(chosen, size)
    limit = jobs * IN_FLIGHT_PER_JOB

    def submit(chunk: _Chunk) -> Future | None:
        return pool.submit(_extract_chunk, chunk.documents, budget) if chunk.documents else None

    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                chunk = next(chunks, None)
                if chunk is None:
                    exhausted = True
                else:
                    pending.append((chunk, submit(chunk)))
            if not pending:
                return
            chunk, future = pending[0]
            try:
                extracted = future.result() if future is not None else []
            except BrokenProcessPool:
                # a worker died (killed, out of memory): a new pool takes the chunks not yet done; a chunk
                # that breaks the pool twice is failed document by document and the run goes on
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _executor(jobs)
                chunk.tries += 1
                if chunk.tries >= 2:
                    pending.popleft()
                    died = RuntimeError("the worker process extracting it died (killed, or out of memory)")
                    extracted = [died] * len(chunk.documents)
                    yield from chunk.results(extracted)
                pending = deque((c, submit(c)) for c, _ in pending)
                continue
            pending.popleft()
            yield from chunk.results(extracted)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
