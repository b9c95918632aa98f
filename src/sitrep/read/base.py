"""What every reader shares: the failure record, the data-file loader, and record -> Document."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator, Union

from sitrep.datafiles import read_table
from sitrep.model import Document
from sitrep.read.dates import normalise_date


@dataclass
class ReadFailure:
    """A file (or one record of it) that could not be read: what, where, and why."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


Item = Union[Document, ReadFailure]
Items = Iterator[Item]

# Document fields a record (JSONL object, CSV row) can carry; 'date' is read as 'published'.
RECORD_FIELDS = ("text", "title", "date", "url", "id", "outlet")


def load_table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV from read/data/ with a header line ('#' lines are comments), loaded once."""
    return read_table(__package__, f"data/{name}")


def optional_str(value: Any) -> str | None:
    """A metadata value as a stripped string, or None when it is missing or blank."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def record_document(record: dict[str, Any], source: str, published: str | None) -> Document | str:
    """A Document from a flat record with the RECORD_FIELDS keys; a reason string when it has no text.

    The record's own date wins over ``published`` (the caller's default for undated inputs); a date
    that cannot be understood counts as absent rather than failing the record.
    """
    text = record.get("text")
    if not isinstance(text, str):
        return "no text" if text is None else f"text is not a string (got {type(text).__name__})"
    if not text.strip():
        return "empty text"
    return Document(
        text=text,
        id=optional_str(record.get("id")),
        title=optional_str(record.get("title")),
        published=normalise_date(record.get("date")) or published,
        url=optional_str(record.get("url")),
        outlet=optional_str(record.get("outlet")),
        source=source,
    )
