"""The lexicons that stages look up in a whole document, and one document's matches of each.

Each table is a lexicon file read once per process into a ``scan.PatternTable``. A ``Scans`` belongs
to one document (``Context.scans``): each of its fields is that table matched over the whole text, worked
out the first time a stage asks and then shared, so that the claims and events stages, which both read
the fate words and the hedges, scan for them once. Stages take the hits of a sentence with
``Hits.within``. A field here is the only way a stage shares a scan with another: no string keys.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from sitrep.lexicons import load_lines, load_table
from sitrep.extract.scan import Hits, PatternTable, TokenIndex
from sitrep.extract.triggers import grammar_table


# --- the tables ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def hedge_table() -> PatternTable:
    """claim_hedges.tsv; payload (certainty, rank, applies)."""
    rows = load_table("claim_hedges.tsv")
    return PatternTable([r["pattern"] for r in rows], [(r["certainty"], int(r["rank"]), r["applies"]) for r in rows])


@lru_cache(maxsize=1)
def claimant_table() -> PatternTable:
    """claimants.tsv, case-sensitive; payload (name, kind, side)."""
    rows = load_table("claimants.tsv")
    return PatternTable([r["pattern"] for r in rows], [(r["name"], r["kind"], r["side"] or None) for r in rows], ignore_case=False)


@lru_cache(maxsize=1)
def reporting_verb_table() -> PatternTable:
    """reporting_verbs.tsv; payload (verb, certainty)."""
    rows = load_table("reporting_verbs.tsv")
    return PatternTable([r["verb"] for r in rows], [(r["verb"], r["certainty"]) for r in rows])


@lru_cache(maxsize=1)
def measure_table() -> PatternTable:
    """claim_measures.tsv, the fate words; payload the measures a word says (a tuple)."""
    rows = load_table("claim_measures.tsv")
    return PatternTable([r["pattern"] for r in rows], [tuple(r["measure"].split(",")) for r in rows])


@lru_cache(maxsize=1)
def admission_table() -> PatternTable:
    """claim_admissions.tsv ("significant losses"); payload the measures (a tuple)."""
    rows = load_table("claim_admissions.tsv")
    return PatternTable([r["pattern"] for r in rows], [tuple(r["measure"].split(",")) for r in rows])


@lru_cache(maxsize=1)
def zero_table() -> PatternTable:
    """claim_zero.tsv ("no one was killed", "no casualties"); payload (measures, group)."""
    rows = load_table("claim_zero.tsv")
    return PatternTable([r["pattern"] for r in rows], [(tuple(r["measure"].split(",")), r["group"] or "unknown") for r in rows])


def event_grammar_table() -> PatternTable:
    """The event grammar's words (event_verbs.tsv with every inflection, event_nouns.tsv, civilian_words.txt),
    built by extract/triggers.py; payload a ``triggers.Word``."""
    return grammar_table()


@lru_cache(maxsize=1)
def civilian_table() -> PatternTable:
    """civilian_words.txt; payload the word."""
    words = load_lines("civilian_words.txt")
    return PatternTable([re.escape(w) for w in words], words)


# --- one document's matches --------------------------------------------------------------------------


class Scans:
    """One document's matches of each table above, each worked out when first read."""

    def __init__(self, text: str, lowered: str, doc):
        self._text, self._lowered, self._doc = text, lowered, doc

    @cached_property
    def token_index(self) -> TokenIndex | None:
        """The document's token starts by their beginnings (None for a context built without tokens)."""
        return TokenIndex(self._doc, self._lowered) if self._doc is not None else None

    def _scan(self, table: PatternTable) -> Hits:
        return Hits(table.scan(self._text, self._lowered, self.token_index))

    @cached_property
    def hedges(self) -> Hits:
        return self._scan(hedge_table())

    @cached_property
    def claimants(self) -> Hits:
        return self._scan(claimant_table())

    @cached_property
    def reporting_verbs(self) -> Hits:
        return self._scan(reporting_verb_table())

    @cached_property
    def measures(self) -> Hits:
        return self._scan(measure_table())

    @cached_property
    def admissions(self) -> Hits:
        return self._scan(admission_table())

    @cached_property
    def zero_statements(self) -> Hits:
        return self._scan(zero_table())

    @cached_property
    def event_grammar(self) -> Hits:
        return self._scan(event_grammar_table())

    @cached_property
    def civilians(self) -> Hits:
        return self._scan(civilian_table())
