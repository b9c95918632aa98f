"""Run the extractor over gold texts: once per distinct (text, publication date, title), with a progress
line on stderr. The scorers never call the extractor; they get what this returns.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from typing import TextIO

from sitrep.model import Document, Extraction

ExtractFn = Callable[[Document], Extraction]


def default_extract() -> ExtractFn:
    from sitrep.extract.pipeline import extract_document

    return extract_document


class Progress:
    """'label: done/total texts (rate/s)' on stderr: rewritten in place on a terminal, and only the
    final line elsewhere (so logs stay readable)."""

    def __init__(self, label: str, total: int, stream: TextIO | None = None, interval: float = 0.25):
        self.label, self.total = label, total
        self.stream = stream if stream is not None else sys.stderr
        self.live = bool(getattr(self.stream, "isatty", lambda: False)())
        self.interval = interval
        self.started = time.perf_counter()
        self._last = 0.0

    def _line(self, done: int) -> str:
        elapsed = time.perf_counter() - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        return f"{self.label}: {done}/{self.total} texts extracted, {elapsed:.1f} s ({rate:.0f}/s)"

    def update(self, done: int) -> None:
        now = time.perf_counter()
        if self.live and now - self._last >= self.interval:
            self._last = now
            self.stream.write("\r" + self._line(done))
            self.stream.flush()

    def finish(self, done: int) -> None:
        self.stream.write(("\r" if self.live else "") + self._line(done) + "\n")
        self.stream.flush()


class Extractor:
    """Extracts each distinct (text, published, title) once and remembers the result."""

    def __init__(self, extract: ExtractFn | None = None):
        self.extract = extract or default_extract()
        self.cache: dict[tuple[str, str | None, str | None], Extraction] = {}
        self.seconds = 0.0

    def __call__(self, text: str, published: str | None = None, title: str | None = None) -> Extraction:
        key = (text, published, title)
        found = self.cache.get(key)
        if found is None:
            started = time.perf_counter()
            found = self.extract(Document(text=text, published=published, title=title))
            self.seconds += time.perf_counter() - started
            self.cache[key] = found
        return found

    def run(self, items: Iterable[tuple[str, str | None] | tuple[str, str | None, str | None]], label: str,
            progress: bool = True) -> None:
        """Extract every distinct (text, published[, title]) ahead of scoring, showing progress."""
        todo = list(dict.fromkeys(items))
        meter = Progress(label, len(todo)) if progress else None
        for i, item in enumerate(todo, 1):
            self(*item)
            if meter:
                meter.update(i)
        if meter:
            meter.finish(len(todo))

    @property
    def texts(self) -> int:
        return len(self.cache)
