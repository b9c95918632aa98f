"""Ingest progress with a total and an estimated time left: the bytes of the input files, advanced
document by document.

How many documents a run holds is unknown until every file is read, but the size of every file is
known at once (a stat). Each document advances the bar by its file's size divided by the documents
the file is expected to hold: one for a page or a text, one per line for JSON Lines and CSV (lines are
counted up front, a fast byte scan), the whole file at its end for feeds and WARC archives. Standard
input has no size: its documents are counted without a total.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable

from sitrep.read.dispatch import STDIN_SOURCE, format_of, iter_folder

_LINE_FORMATS = {"jsonl", "csv", "tsv"}
_SCAN_CHUNK = 1 << 20


def input_files(paths: Iterable[str]) -> list[str]:
    """The files the readers will read, in their order (folders expanded as the readers expand them)."""
    files = []
    for path in paths:
        path = os.fspath(path)
        if path == "-":
            continue
        files += list(iter_folder(path)) if os.path.isdir(path) else [path]
    return files


def _expected_documents(path: str) -> int | None:
    fmt, gzipped = format_of(path)
    if fmt in _LINE_FORMATS and not gzipped:
        lines = 0
        with open(path, "rb") as f:
            while chunk := f.read(_SCAN_CHUNK):
                lines += chunk.count(b"\n")
        return max(1, lines - (1 if fmt in ("csv", "tsv") else 0))
    if fmt in ("text", "html") or fmt is None:
        return 1
    return None  # feeds, XML, WARC, gzipped tables: advanced when the file is done


class IngestProgress:
    """A tqdm bar over the input's bytes; ``advance(source)`` for each document or failure read."""

    def __init__(self, paths: Iterable[str], enabled: bool = True):
        from tqdm import tqdm

        self.sizes: dict[str, int] = {}
        self.steps: dict[str, float] = {}
        self.done: dict[str, float] = {}
        if enabled:
            for path in input_files(paths):
                try:
                    size = os.path.getsize(path)
                except OSError:
                    continue
                self.sizes[path] = size
                expected = _expected_documents(path)
                self.steps[path] = size / expected if expected else 0.0
        self.current: str | None = None
        self.documents = 0
        self.bar = tqdm(total=sum(self.sizes.values()) or None, unit="B", unit_scale=True, unit_divisor=1024,
                        desc="ingest", file=sys.stderr, disable=not enabled, dynamic_ncols=True, mininterval=0.5,
                        bar_format="{desc}: {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} "
                                   "[{elapsed}<{remaining}{postfix}]")

    def advance(self, source: str | None) -> None:
        path = _file_of(source or "", self.sizes)
        if path != self.current:
            self._finish(self.current)
            self.current = path
        self.documents += 1
        if path is not None:
            self._add(path, self.steps[path])
        self.bar.set_postfix_str(f"{self.documents:,} docs", refresh=False)
        if path is None:
            self.bar.refresh()

    def _add(self, path: str, amount: float) -> None:
        amount = min(amount, self.sizes[path] - self.done.get(path, 0.0))
        if amount > 0:
            self.done[path] = self.done.get(path, 0.0) + amount
            self.bar.update(amount)

    def _finish(self, path: str | None) -> None:
        if path is not None:
            self._add(path, self.sizes[path])

    def close(self) -> None:
        self._finish(self.current)
        self.bar.close()

    def __enter__(self) -> "IngestProgress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _file_of(source: str, sizes: dict[str, int]) -> str | None:
    """The input file a document's source names ("file.jsonl:12", "file.warc#3", "file.txt")."""
    if source == STDIN_SOURCE:
        return None
    if source in sizes:
        return source
    for sep in (":", "#"):
        head = source.rpartition(sep)[0]
        if head in sizes:
            return head
    return None
