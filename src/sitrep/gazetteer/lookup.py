"""Free-text place labels → gazetteer places: "Helmand", "near Debaltseve", "Pisky village, Donetsk region".

Used where a place comes as a label rather than inside a report (the ``--place`` filter of the
listings, gold data). Names inside the label are found as in a report
(``sitrep.gazetteer.names``) and ranked by the one ranking (``sitrep.gazetteer.ranking``), with what the
other parts of the label say as the evidence.
"""

from __future__ import annotations

import re

from sitrep.gazetteer.names import compass_areas, cues, find_hits
from sitrep.gazetteer.places import Gazetteer, load_gazetteer, normalize_key
from sitrep.gazetteer.ranking import Candidate, Evidence, rank
from sitrep.model import Place

_UNIT_PREFIX = {"region": "a:", "raion": "r:", "hromada": "h:"}


def resolve_place_name(name: str, country: str | None = None) -> Place | None:
    """Resolve a free-text place name ("Helmand", "near Debaltseve", "Pisky village, Donetsk region").

    Comma-, slash- or bracket-separated parts are read most specific first; regions named in later
    parts decide between places of the same name (and a namesake outside them is skipped in favour of
    the region). ``country`` (ISO alpha-2) restricts the search. Returns None when nothing matches.
    """
    gaz = load_gazetteer()
    parts = [p.strip() for p in _PART_SEPARATORS.split(name) if p and p.strip()]
    if not parts:
        return None
    resolved = [_resolve_part(gaz, p, country) or _names_in_phrase(gaz, p, country) for p in parts]
    wanted = {country: 1}  # the country asked for (or, when none is, a place without a country)
    context_admin1 = {e.admin1 for cands in resolved[1:] for e, _ in cands if e.admin1}
    for part in parts[1:]:
        context_admin1 |= _regions_named_in(gaz, part, country)
    # "Opytne (Yasynuvata district) near Donetsk": towns in later parts pull namesakes towards them
    towns = [rank(c, Evidence(context_admin1, countries=wanted)) for c in resolved[1:] if c]
    context_points = [(t.lat, t.lon) for t in towns if t.kind == "populated_place" and t.lat is not None]
    for cands in resolved:
        if not cands:
            continue
        best = rank(cands, Evidence(context_admin1, context_points, countries=wanted))
        if context_admin1 and best.admin1 not in context_admin1:
            continue  # a namesake in another region is worse than the region itself
        return gaz.place(best)
    return None


# "Avdiivka near Donetsk airport", "villages of Avdiivka and Opytne", "road between X and Y"
_PART_SEPARATORS = re.compile(r"[,;()/]|\s+(?:near|and|between|outside)\s+", re.I)


def _names_in_phrase(gaz: Gazetteer, phrase: str, country: str | None) -> list[Candidate]:
    """The first place name found in a phrase the whole of which is not a name ("Kuteinikov town ...")."""
    if phrase.islower():
        phrase = phrase.title()  # labels such as "southern afghanistan"; the finder wants capitals
    hits, _ = find_hits(phrase, gaz, cues())
    compass_areas(phrase, hits, gaz, cues())  # "southern Afghanistan"
    for hit in hits:
        found = [(gaz.entries[e], alt) for e, alt in hit.candidates if country in (None, gaz.entries[e].country)]
        if found:
            return found
    return []


def _regions_named_in(gaz: Gazetteer, part: str, country: str | None) -> set[str]:
    """Regions named anywhere in a phrase ("Amvrosievsky region Donetsk region" -> Donetsk Oblast)."""
    words = normalize_key(part).split()
    found = set()
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            key = "a:" + " ".join(words[i : i + n])
            found |= {e.admin1 for e, _ in _entries(gaz, key, country) if e.admin1}
    return found


def _resolve_part(gaz: Gazetteer, text: str, country: str | None) -> list[Candidate]:
    cue = cues()
    text = cue.lead_noise.sub("", text.strip().rstrip("."))
    text = cue.kind_word.sub("", text)
    unit = _unit_word_at_end(text, cue)  # "Kharkiv region", "Tokmak territorial community"
    if unit is not None:
        stripped, prefix = text[: unit.start()], _UNIT_PREFIX[cue.suffix_kind[normalize_key(unit.group(1))]]
        key = normalize_key(stripped)
        hits = _entries(gaz, prefix + key, country) or _entries(gaz, key, country)
        if prefix == "r:" and not hits:
            hits = _entries(gaz, "a:" + key, country)
        return hits
    key = normalize_key(text)
    if " " not in key and _is_stop_word(key):
        return []  # "north", "read": words first (the name finder still sees "North Ossetia")
    return _entries(gaz, key, country) or _entries(gaz, "a:" + key, country) or [
        (gaz.entries[e], False) for e in gaz.exact.get(text, []) if country in (None, gaz.entries[e].country)
    ]


def _unit_word_at_end(text: str, cue):
    for m in cue.suffix.finditer(text):
        if m.end() == len(text):
            return m
    return None


def _is_stop_word(key: str) -> bool:
    return key in cues().stop


def _entries(gaz: Gazetteer, key: str, country: str | None) -> list[Candidate]:
    return [(gaz.entries[e], alt) for e, alt in gaz.candidates(key) if country in (None, gaz.entries[e].country)]
