"""The order of the extraction stages, and what each reads and returns.

A stage is a plain function. Its parameters name what it reads: the document's ``text``,
``published`` and ``title``, then what earlier stages found (``ctx``, ``places``, ``people`` ...);
``run_stage`` passes each by name from the findings so far and stops with ``StageInputMissing`` if one
is not there yet. What a stage returns is stored under the name written beside it below, and no stage
changes what another returned (tests/test_pipeline.py checks it): a stage that revises an earlier
finding returns a new one (``without_names_of_people``), and the links between records (claims and
events) are made in assembly. The order is the order of the lines in ``_extract_whole``.
"""

from __future__ import annotations

import dataclasses
import gc
import inspect
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from typing import Any, Callable

from sitrep import limits
from sitrep.model import DateRef, Document, Extraction
from sitrep.read.dates import normalise_date
from sitrep.extract.context import Context
from sitrep.extract.language import detect_language, not_extracted_note
from sitrep.extract import assemble
from sitrep.extract.places import find_places, without_names_of_people
from sitrep.extract.dates import find_dateline, find_dates
from sitrep.extract.counts import find_counts
from sitrep.extract.units import find_units
from sitrep.extract.people import find_people
from sitrep.extract.attribution import attribute
from sitrep.extract.claims import find_claims
from sitrep.extract.events import find_events

Findings = dict[str, Any]  # what the document gave and the stages found so far, by name


class StageInputMissing(LookupError):
    """A stage reads a finding that no earlier stage returned: the order in _extract_whole is wrong."""


def extract_document(document: Document, run: Callable[[Callable, Findings], Any] | None = None, *,
                     budget: limits.Budget | None = None) -> Extraction:
    """Run every stage over one document. Never raises on odd text: worst case, empty lists. A text longer
    than limits.PART_CHARS is extracted in parts; one longer than limits.MAX_TEXT_CHARS raises TextTooLong.
    A publication date that is no date raises ValueError (see ``publication_date``); a document over its
    CPU or memory budget raises limits.BudgetExceeded (``budget``, default limits.DOC_CPU_SECONDS and
    DOC_MEMORY_MB). ``run`` calls each stage (default ``run_stage``; the benchmark passes one that times them)."""
    published = publication_date(document.published)
    if published != document.published:
        document = dataclasses.replace(document, published=published, notes=list(document.notes))
    budget = budget or limits.Budget()
    with limits.document_budget(budget.cpu_seconds, budget.memory_mb), _young_collections_spaced():
        if len(document.text) > limits.PART_CHARS:
            result = limits.extract_in_parts(document, lambda part: _extract_whole(part, run))
        else:
            result = _extract_whole(document, run)
    result.notes = list(dict.fromkeys(document.notes + result.notes))
    _freeze_loaded_data()
    return result


_YOUNG_OBJECTS_PER_COLLECTION = 10_000  # Python's default is 700


@contextmanager
def _young_collections_spaced():
    """While a document is extracted, the cyclic garbage collector looks at new objects every 10,000
    allocations instead of every 700 (and, counting in those, at older ones less often too). Text dense
    with facts keeps its records alive until the document is assembled: at the default pace, on a text of
    1,000,000 characters the collector ran some 1,300 times and walked the records of all the parts
    before it nine times over, 1.4 s of a 13 s extraction. What is collected is the same, a little
    later; the setting is put back afterwards (and left alone when it is already this sparse)."""
    before = gc.get_threshold()
    if before[0] == 0 or before[0] >= _YOUNG_OBJECTS_PER_COLLECTION:
        yield
        return
    gc.set_threshold(_YOUNG_OBJECTS_PER_COLLECTION, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


@lru_cache(maxsize=1)
def _freeze_loaded_data() -> None:
    """Once the first document has loaded the lexicons and gazetteers (kept for the process, never
    changed), take them out of the cyclic garbage collector's sight (gc.freeze; reference counting still
    frees what is dropped). Otherwise every full collection walks their 1.1 million entries, 0.18 s of CPU
    each time, and text dense with facts, which keeps many records alive, sets one off every ~100,000
    characters. Worker processes forked after it share the pages untouched."""
    gc.freeze()


def publication_date(published: str | date | None) -> str | None:
    """``published`` as YYYY-MM-DD: a date, an ISO date or timestamp ("2022-04-08T10:00:00Z"), "20220408",
    an RFC 822 date as feeds write it. ValueError, naming the value, when it is none of these: output always
    carries a date in the schema's form or none."""
    if published is None or published == "":
        return None
    found = normalise_date(published)
    if found is None:
        raise ValueError(f"published {published!r} is not a date (YYYY-MM-DD, an ISO timestamp, or 20220408)")
    return found


def _extract_whole(document: Document, run: Callable[[Callable, Findings], Any] | None = None) -> Extraction:
    """The stages over one text, in order."""
    run = run or run_stage
    found: Findings = {"document": document, "text": document.text, "published": document.published, "title": document.title}
    found["language"] = run(detect_language, found)
    if found["language"] != "en":
        result = assemble.header(document, found["language"])  # the lexicons are English: claim nothing,
        note = not_extracted_note(found["language"], document.text)  # and say so
        result.notes = [note] if note else []
        return result
    found["ctx"] = run(Context.from_text, found)
    if found["ctx"].published is None:
        # a report without a known publication date often dates itself: "KHERSON, Ukraine, Nov. 22, 2023 —"
        found["ctx"] = _dated(found["ctx"], run(find_dateline, found))
    found["places"] = run(find_places, found)
    found["dates"] = run(find_dates, found)
    found["counts"] = run(find_counts, found)
    found["units"] = run(find_units, found)
    found["people"] = run(find_people, found)
    found["places"] = run(without_names_of_people, found)  # the places again, less the words that were names
    found["attributions"] = run(attribute, found)  # who says what, sentence by sentence: claims and events read it
    found["claims"] = run(find_claims, found)
    found["events"] = run(find_events, found)  # the events, and which claims are each one's
    return run(assemble.extraction, found)  # records, with claims and events linked


def run_stage(stage: Callable, found: Findings) -> Any:
    """Call ``stage`` with the findings its parameters name (after checking the document's budget)."""
    limits.check_budget(f"the stage {stage.__name__}")
    names = stage_inputs(stage)
    missing = [name for name in names if name not in found]
    if missing:
        raise StageInputMissing(
            f"stage {stage.__qualname__} reads {', '.join(missing)}, which no earlier stage returned "
            f"(found so far: {', '.join(found)})"
        )
    return stage(**{name: found[name] for name in names})


@lru_cache(maxsize=None)  # the stages are a fixed few functions: their signatures are read once
def stage_inputs(stage: Callable) -> tuple[str, ...]:
    """What a stage reads: the names of its parameters."""
    return tuple(inspect.signature(stage).parameters)


def _dated(ctx: Context, dateline: DateRef | None) -> Context:
    """The context dated by its dateline, when that names a day; else as it was."""
    if dateline is not None and dateline.precision == "day" and dateline.start:
        return dataclasses.replace(ctx, published=date.fromisoformat(dateline.start))
    return ctx


def extract(text: str, published: str | None = None, title: str | None = None, **meta) -> Extraction:
    """Public API: ``sitrep.extract(text, published=None, title=None) -> Extraction``."""
    return extract_document(Document(text=text, published=published, title=title, **meta))
