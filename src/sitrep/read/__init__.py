"""Anything -> Document. One small module per format; ``read_inputs`` dispatches on the file name.

Readers yield ``Document`` objects, or ``ReadFailure`` for what could not be read, so one bad file
(or one bad line of a file) never stops a run. See docs/formats.md.

    read_inputs(paths, published=None, csv_columns=None) -> Iterator[Document | ReadFailure]
    read_path(path, published=None, csv_columns=None)    -> Iterator[Document | ReadFailure]
"""

from __future__ import annotations

from sitrep.read.base import ReadFailure
from sitrep.read.dates import normalise_date
from sitrep.read.dispatch import SUPPORTED_SUFFIXES, format_of, iter_folder, read_inputs, read_path
from sitrep.read.html import plain_text

__all__ = [
    "ReadFailure",
    "SUPPORTED_SUFFIXES",
    "format_of",
    "iter_folder",
    "normalise_date",
    "plain_text",
    "read_inputs",
    "read_path",
]
