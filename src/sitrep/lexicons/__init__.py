"""Lexicons are data files beside this module: TSV (with a header line) or plain lists.

Lines starting with '#' are comments. Loaded once per process and cached (see sitrep.datafiles).
"""

from __future__ import annotations

from sitrep.datafiles import read_lines, read_table


def load_lines(name: str) -> tuple[str, ...]:
    """A plain list: one entry per line, blanks and comments skipped."""
    return read_lines(__name__, name)


def load_table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV with a header line; returns one dict per row (empty cells become '')."""
    return read_table(__name__, name)
