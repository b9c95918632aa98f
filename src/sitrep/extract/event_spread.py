"""An event told of several places at once is one event per place.

ACLED codes one event per location: "drones attacked Sumy, Okhtyrka and Lebedyn", "rallies were held
in Lyon, Lille and Toulouse", "Kupiansk and Vovchansk also came under fire" are three, three and two
events of one kind. This module finds the places named as one coordinated list bound to an event's own
words — the list just after them ("shelled X and Y", "in X, Y and Z") or, as the subject, just before
them ("X and Y were shelled") — so that the events stage can give each place its own event.

A list is only settlements joined by commas and a last "and", "or" or "as well as" (a village's kind
word or "nearby" may come between: "Sumy and the village of Vorozhba"). Countries listed are the
parties ("Russia and Ukraine exchanged ..."), and regions a summary's areas ("operations in Kunar and
Nuristan provinces", each told after it) unless they are the airspace an air defence report names
("shot down 40 drones over the Tula, Oryol and Lipetsk regions"); "Kunduz, Baghlan" with no
conjunction is a headline's shorthand. Places that qualify another ("Suzemka, Bryansk region") were already set aside by
``event_places``; a span or a route between two places ("between Dori and Djibo", "from Kherson to
Mykolaiv", "the Kupiansk and Lyman directions") is one event, not two.
"""

from __future__ import annotations

import re

from sitrep.model import Mention, Span

# what may join two places of one list
_JOIN = re.compile(
    r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|as\s+well\s+as)\s+)"
    r"(?:(?:the\s+)?(?:nearby\s+)?(?:(?:villages?|towns?|settlements?|cities|city|hamlets?)\s+of\s+)?)?(?:nearby\s+)?$",
    re.IGNORECASE,
)
# regions named as the airspace a weapon was stopped or struck in
_AIRSPACE_BEFORE = re.compile(r"\bover\s+(?:the\s+)?(?:territory\s+of\s+(?:the\s+)?)?$", re.IGNORECASE)
# a list in prose ends "..., Y and Z" (or "or", "as well as")
_CONJUNCTION = re.compile(r"\W*(?:and|or|as\s+well\s+as)\b", re.IGNORECASE)
# words between an event's words and the list after them: a short phrase in the same clause
# ("shelled the outskirts of", "were held in", "took place in and around")
_AFTER_GAP = re.compile(r"^[^,;:.()\"“”]{0,60}$")
# words between the list and the event's words after it ("X and Y also came under", "X and Y were")
_BEFORE_GAP = re.compile(r"^\s+(?:\w+\s+){0,3}$")
# a list that names a span or a route, not places each hit: "between X and Y", "from X to Y"
_SPAN_BEFORE = re.compile(r"\b(?:between|from)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
# a list of axes or fronts named by their towns ("the Kupiansk and Lyman directions") is no list of places
_AXIS_AFTER = re.compile(r"\s*(?:directions?|axes|axis|sectors?|fronts?|roads?|highways?)\b", re.IGNORECASE)


def coordinated_runs(text: str, places: list[Mention]) -> list[list[Mention]]:
    """The runs of two or more places of one sentence (``places``, in text order) joined as one list."""
    runs: list[list[Mention]] = []
    current: list[Mention] = []
    for p in places:
        if current and _JOIN.match(text[current[-1].span.end : p.span.start]):
            current.append(p)
            continue
        if len(current) > 1:
            runs.append(current)
        current = [p]
    if len(current) > 1:
        runs.append(current)
    return [r for r in runs if _is_list(text, r)]


def _is_list(text: str, run: list[Mention]) -> bool:
    start, end = run[0].span.start, run[-1].span.end
    if _SPAN_BEFORE.search(text[max(0, start - 20) : start]) or _AXIS_AFTER.match(text, end):
        return False
    if any(m.value.precision == "country" for m in run):
        return False  # "Russia and Ukraine exchanged prisoners": the parties, not where it happened
    regions = {m.value.precision in ("region", "area") for m in run}
    if len(regions) > 1:
        return False  # a town and a region: not one list of places of one kind
    if True in regions and not _AIRSPACE_BEFORE.search(text[max(0, start - 30) : start]):
        # "operations in Kunar and Logar provinces": a summary's areas, the operations told one by one
        # after it; but "shot down drones over the Tula, Oryol and Lipetsk regions" names the finest
        # place an air defence report gives
        return False
    if not _CONJUNCTION.match(text[run[-2].span.end : run[-1].span.end]):
        return False  # "Detained in Kunduz, Khost": a headline's shorthand, or a place and the area it is in
    return len({_key(m) for m in run}) == len(run)


def _key(m: Mention):
    p = m.value
    return p.geonames_id if p.geonames_id is not None else p.name


def places_listed_for(text: str, spans: list[Span], runs: list[list[Mention]]) -> tuple[list[Mention], bool]:
    """The places of the list bound to the event's words (``spans``, the leading words first): the first
    list starting just after one of them, else one ending just before one (its subject); and whether
    the list is the leading words' own. No places when there is none."""
    leading = min(spans, key=lambda s: s.start) if spans else None
    for span in sorted(spans, key=lambda s: s.start):
        for run in runs:
            first = run[0].span.start
            if first >= span.end and _AFTER_GAP.match(text[span.end : first]):
                return run, span is leading
    for span in sorted(spans, key=lambda s: s.start):
        for run in runs:
            last = run[-1].span.end
            if last <= span.start and _BEFORE_GAP.match(text[last : span.start]):
                return run, span is leading
    return [], False
