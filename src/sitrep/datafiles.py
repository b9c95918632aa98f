"""The one reader of the data files kept beside the code: lexicons, the readers' tables, the gazetteer's
unit registry, the resolver's weights, the evaluation's aliases.

A table is a TSV with a header line; a list has one entry a line. In both, blank lines and lines
whose first non-blank character is '#' are skipped, and cells (list entries) are stripped. Each file is read once per
process: callers share the rows and must not change them.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


def _data_lines(package: str, name: str) -> list[str]:
    text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def read_lines(package: str, name: str) -> tuple[str, ...]:
    """The entries of a list file ``name`` (a path below the package's folder, e.g. "data/x.txt")."""
    return tuple(line.strip() for line in _data_lines(package, name))


@lru_cache(maxsize=None)
def read_table(package: str, name: str) -> tuple[dict[str, str], ...]:
    """The rows of a TSV file ``name`` below the package's folder, one dict a row keyed by the header's
    names; a cell the row lacks is ''. Quotes are plain characters."""
    reader = csv.DictReader(_data_lines(package, name), delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)
