"""Lexicons are data files beside this module: TSV (with a header line) or plain lists.

Lines starting with '#' are comments. Loaded once per process and cached.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """A plain list: one entry per line, blanks and comments skipped."""
    out = []
    for line in _read(name).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV with a header line; returns one dict per row (empty cells become '')."""
    lines = [ln for ln in _read(name).splitlines() if ln.strip() and not ln.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return tuple({k: (v or "").strip() for k, v in row.items()} for row in reader)
