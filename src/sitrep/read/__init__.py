"""Anything -> Document. One small module per format; ``read_inputs`` dispatches on the file name.

Readers yield ``Document`` objects, or ``ReadFailure`` for what could not be read, so one bad file
never stops a run.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from sitrep.model import Document


@dataclass
class ReadFailure:
    """A file (or one record of it) that could not be read: what, where, and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


def read_inputs(paths: Iterable[str], published: str | None = None) -> Iterator[Document | ReadFailure]:
    """Read files (``-`` for stdin) in order. Minimal version: .txt and .jsonl (replaced by read/*)."""
    for path in paths:
        if path == "-":
            yield Document(text=sys.stdin.read(), published=published, source="<stdin>")
            continue
        p = Path(path)
        try:
            data = p.read_bytes()
            text = data.decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield ReadFailure(path, str(exc))
            continue
        if p.suffix == ".jsonl":
            for n, line in enumerate(text.splitlines(), 1):
                if line.strip():
                    row = json.loads(line)
                    yield Document(text=row["text"], id=row.get("id"), title=row.get("title"),
                                   published=row.get("published") or published, url=row.get("url"),
                                   outlet=row.get("outlet"), source=f"{path}:{n}")
        else:
            yield Document(text=text, published=published, source=path)
