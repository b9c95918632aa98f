"""Plain text files: the whole file is one Document, kept exactly as written (a BOM aside).

No title is guessed from the first line: headlines, datelines and bylines stay in the text where the
extractor (and the offsets) can see them. A file with no words (empty, or only whitespace) is a failure
with that reason, as an empty JSON or CSV record is, not a report with nothing in it.
"""

from __future__ import annotations

from sitrep.model import Document
from sitrep.read.base import Items, ReadFailure
from sitrep.read.decode import NotText, decode_bytes


def read_text(data: bytes, source: str, published: str | None = None) -> Items:
    """One Document with the decoded text, or a ReadFailure saying why the bytes are not text."""
    try:
        text = decode_bytes(data)
    except NotText as exc:
        yield ReadFailure(source, str(exc))
        return
    if not text.strip():
        yield ReadFailure(source, "empty text: the file is empty or holds only whitespace")
        return
    yield Document(text=text, published=published, source=source)
