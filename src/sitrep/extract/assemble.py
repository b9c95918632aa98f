"""The last stage: the stages' findings made into one Extraction.

Mentions of one thing become one record, in order of first mention. Claims are linked to events here,
from what the events stage says belongs to each (``EventFindings.claims_of``): the claim gets the
event's id, the event its claims' ids, the doubt of a doubted claim, and its fatalities
(``sitrep.tolls``). Records made by earlier stages are copied, not changed.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from sitrep import tolls
from sitrep.model import Claim, Document, Event, Extraction, Mention
from sitrep.extract.certainty import stronger
from sitrep.extract.context import Context
from sitrep.extract.events import EventFindings

# claim certainties that make the event they belong to as doubtful as they are
_DOUBTS = ("unconfirmed", "alleged", "denied")


def unique_values(mentions: Iterable[Mention]) -> list:
    """Stages give mentions of the same thing one shared value object; keep each once, in text order."""
    seen: set[int] = set()
    out = []
    for m in sorted(mentions, key=lambda m: m.span):
        if id(m.value) not in seen:
            seen.add(id(m.value))
            out.append(m.value)
    return out


def header(document: Document, language: str | None, dated: str | None = None) -> Extraction:
    """The Extraction of a document before anything is found in it: what it is, in what language, and
    when it was published (the document's own date, else ``dated``: the day its dateline gives)."""
    return Extraction(
        id=document.id or "",
        title=document.title,
        published=document.published or dated,
        url=document.url,
        outlet=document.outlet,
        language=language,
    )


def extraction(
    document: Document,
    language: str,
    ctx: Context,
    places: list[Mention],
    units: list[Mention],
    people: list[Mention],
    claims: list[Claim],
    events: EventFindings,
) -> Extraction:
    """The document's Extraction. Its publication date is the document's, else the one its dateline gave
    ``ctx``; its notes are what stages could not use (``Context.notes``)."""
    result = header(document, language, ctx.published.isoformat() if ctx.published else None)
    result.events, result.claims = link_claims(events, claims)
    result.places = unique_values(places)
    result.units = unique_values(units)
    result.people = unique_values(people)
    result.notes = ctx.notes
    return result


def _denied_by_another(claim: Claim, event: Event) -> bool:
    """A denial by someone other than who tells the event ("Moscow denied targeting homes" beside the
    governor's account, or beside the reporter's own) contests it: the event stays as its teller tells it,
    the denial a claim of its own."""
    if claim.certainty != "denied" or claim.claimant is None or not claim.claimant.name:
        return False
    return event.claimant is None or claim.claimant.name != event.claimant.name


def link_claims(found: EventFindings, claims: list[Claim]) -> tuple[list[Event], list[Claim]]:
    """Copies of the events and claims, each claim carrying its event's id and each event its claims' ids,
    fatalities and doubt."""
    # people told one by one after the toll they are some of (``EventFindings.parts_of``): parts of it
    claims = [dataclasses.replace(c, part_of=found.parts_of[c.id]) if c.id in found.parts_of else c for c in claims]
    by_id = {c.id: c for c in claims}
    event_of: dict[str, str] = {}
    events = []
    for event in found.events:
        ids = found.claims_of.get(event.id, [])
        own = [by_id[i] for i in ids]
        certainty = event.certainty
        for claim in own:
            event_of.setdefault(claim.id, event.id)  # "no casualties" may be said of several events
            if claim.certainty in _DOUBTS and not _denied_by_another(claim, event):
                certainty = stronger(claim.certainty, certainty)
        events.append(dataclasses.replace(event, claim_ids=list(ids), certainty=certainty,
                                          fatalities=tolls.event_fatalities(own)))
    linked = [dataclasses.replace(c, event_id=event_of[c.id]) if c.id in event_of else c for c in claims]
    return events, linked
