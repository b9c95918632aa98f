"""The order of the extraction stages, and the assembly of their mentions into one Extraction.

Each stage is a pure function of the parsed document (and of what earlier stages found); this
module only calls them in order and numbers what they return.
"""

from __future__ import annotations

import bisect
import dataclasses
from datetime import date

from sitrep import limits
from sitrep.model import Document, Extraction, Mention
from sitrep.read.dates import normalise_date
from sitrep.extract.context import Context
from sitrep.extract.language import detect_language
from sitrep.extract import assemble
from sitrep.extract.places import find_places
from sitrep.extract.dates import find_dateline, find_dates
from sitrep.extract.counts import find_counts
from sitrep.extract.units import find_units
from sitrep.extract.people import find_people
from sitrep.extract.attribution import attribute
from sitrep.extract.claims import find_claims
from sitrep.extract.events import find_events


def extract_document(document: Document) -> Extraction:
    """Run every stage over one document. Never raises on odd text: worst case, empty lists. A text longer
    than limits.PART_CHARS is extracted in parts; one longer than limits.MAX_TEXT_CHARS raises TextTooLong.
    A publication date that is no date raises ValueError (see ``publication_date``)."""
    published = publication_date(document.published)
    if published != document.published:
        document = dataclasses.replace(document, published=published, notes=list(document.notes))
    if len(document.text) > limits.PART_CHARS:
        result = limits.extract_in_parts(document, _extract_whole)
    else:
        result = _extract_whole(document)
    result.notes = list(dict.fromkeys(document.notes + result.notes))
    return result


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


def _extract_whole(document: Document) -> Extraction:
    language = detect_language(document.text)
    result = Extraction(
        id=document.id or "",
        title=document.title,
        published=document.published,
        url=document.url,
        outlet=document.outlet,
        language=language,
    )
    if language != "en":
        return result  # the lexicons are English: say what the language is, claim nothing

    ctx = Context.from_text(document.text, published=document.published, title=document.title)
    result.notes = ctx.notes  # the stages say here what they could not use
    if ctx.published is None:
        # a report without a known publication date often dates itself: "KHERSON, Ukraine, Nov. 22, 2023 —"
        dateline = find_dateline(ctx)
        if dateline is not None and dateline.precision == "day" and dateline.start:
            ctx = dataclasses.replace(ctx, published=date.fromisoformat(dateline.start))
            result.published = dateline.start
    places = find_places(ctx)
    dates = find_dates(ctx)
    counts = find_counts(ctx)
    units = find_units(ctx)
    people = find_people(ctx, units=units, places=places)
    places = without_names_of_people(places, people)
    attributions = attribute(ctx, people)  # who says what, sentence by sentence: claims and events share it
    claims = find_claims(ctx, counts=counts, people=people, units=units, places=places, dates=dates, attributions=attributions)
    events = find_events(ctx, claims=claims, places=places, dates=dates, units=units, people=people, attributions=attributions)
    return assemble.extraction(result, places=places, units=units, people=people, claims=claims, events=events)


def without_names_of_people(places: list[Mention], people: list[Mention]) -> list[Mention]:
    """A word the people stage read as part of a name ("Governor Andrei Demidov"), or that surname on its
    own later ("Demidov wrote"), is not also a village."""
    if not people:
        return places
    starts = sorted((p.span.start, p.span.end) for p in people)
    surnames = {p.value.name.split()[-1] for p in people if len(p.value.name.split()) > 1}

    def inside_a_name(span) -> bool:
        i = bisect.bisect_right(starts, (span.end, span.end))  # names starting before the place ends
        return any(start < span.end and span.start < end for start, end in starts[max(0, i - 3) : i])

    kept = [m for m in places if not inside_a_name(m.span) and m.attrs.get("surface") not in surnames]
    for m in places:
        if m not in kept and m.value.evidence:
            m.value.evidence = [e for e in m.value.evidence if e != m.span]
    return kept


def extract(text: str, published: str | None = None, title: str | None = None, **meta) -> Extraction:
    """Public API: ``sitrep.extract(text, published=None, title=None) -> Extraction``."""
    return extract_document(Document(text=text, published=published, title=title, **meta))
