"""What the scorers read off an Extraction: casualty totals, the main event, a point, regions,
claimants. One definition each, shared by every gold format, so the formats measure the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.evaluate.data import load_lines, load_table, split_list
from sitrep.lexicons import load_table as load_table_of_lexicon
from sitrep.model import Event, Extraction
from sitrep.text import strip_accents
from sitrep.tolls import DEATH_MEASURE, camp_of, figure_of, least_of

KILLED = frozenset({DEATH_MEASURE})
CAPTURED = frozenset({"captured", "detained"})

# A point is only as good as its precision: a settlement's, a place near it, or a division's capital are
# locations; the stand-in point of an area ("eastern Ukraine", "Donbas") or of a country is not.
_POINT_PRECISIONS = {"exact": 0, "near": 1, "region": 2}
AREA_POINTS = {**_POINT_PRECISIONS, "area": 3}  # the stand-in point of an area too

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_REPEAT_MARK = re.compile(r"^x\d+$")  # "MemoryBook x2": how many entries, not who


@dataclass(frozen=True)
class Total:
    """A casualty figure summed over incidents: best estimate and the range the claims allow."""

    best: int
    low: int
    high: int
    precise: bool = True  # no claim behind it is vague ("dozens", "several")


def incident_total(extraction: Extraction, measures: frozenset[str], minimum: bool = False,
                   camps: frozenset[str | None] | None = None, text: str | None = None) -> Total | None:
    """The number of people the report says were <measures> in its incidents.

    Counted: claims of incident scope whose measures are all in ``measures`` (so "killed or wounded"
    never counts as killed), with a figure, not denied. Claims tied to one event are alternative
    reports of one number, so each event contributes its largest claim (a stated figure of two or more
    before a vague word: "several detained ... two were detained" is two, but one person is no retelling
    of "several"); a claim tied to no event counts on its own; a claim of others besides those another
    counted (``adds_to``) adds to that claim's event; a figure told again ("detained two suspects ... the
    force detained two suspects"), in whatever event, is the same people told again and counts once, and
    so are as many others besides the same claim told twice. ``None`` when no claim qualifies (the report gives no such figure).
    ``minimum``: read each count's least (``tolls.least_of``), which gives a vague word ("several",
    "dozens") the low end of its conventional bounds; without it a vague count, having no figure, is
    not counted. ``camps``: count only claims of these people (``tolls.camp_of``: "state", "armed group",
    "civilians", None for a subject that does not say); every claim when not given.
    ``text``: the document's text. Given it, the claims of one event are alternative reports only of the
    people an earlier claim of the event told of: a claim whose people (its subject's last word, "the
    leader", "two suspects") the words of an earlier claim there name ("detained a leader and one
    suspect ... the leader was detained") tells them again, and one of other people ("captured a leader
    ... detained two suspects") adds to the event's number; so does a claim of others besides, unless
    another claim than the one it adds to already named them ("detained a leader and a suspect ... the
    leader was detained; an additional suspect was detained").
    """
    accounts: dict[str, list[_Account]] = {}
    added: dict[str, list[tuple[int, int, int, bool]]] = {}
    told: set[tuple[int, str, str | None]] = set()  # the figures told so far (their kind: "two", "several"; whose others)
    by_id = {c.id: c for c in extraction.claims}
    for claim in extraction.claims:
        if claim.scope != "incident" or claim.certainty == "denied":
            continue
        if not claim.measure or not set(claim.measure) <= measures:
            continue
        if camps is not None and camp_of(claim) not in camps:
            continue
        best = least_of(claim.count) if minimum else figure_of(claim.count)
        if best is None:
            continue
        # the same figure told again, in a detail of the lead or a later paragraph, is the same people; so is
        # the same number of others besides the same claim's ("detained a leader and several suspects ... also
        # detained several suspects")
        told_as = (best, claim.count.qualifier, claim.adds_to)
        if told_as in told or (not claim.adds_to and (best, claim.count.qualifier, None) in told):
            continue
        told.add(told_as)
        low = _first_given(claim.count.low, claim.count.usual_low, best)
        high = _first_given(claim.count.high, claim.count.usual_high, best)
        value = (best, min(low, best), max(high, best), claim.count.qualifier != "vague")
        words = text[claim.evidence.start : claim.evidence.end] if text is not None and claim.evidence else ""
        first = by_id.get(claim.adds_to) if claim.adds_to else None
        key = (first.event_id or first.id) if first is not None else (claim.event_id or claim.id)
        told_before = accounts.setdefault(key, [])
        if first is not None:  # others besides those a claim before counted: added to its event's number
            if text is None or not any(a.retelling(claim, words, value, but=first.id) for a in told_before):
                added.setdefault(key, []).append(value)
            continue
        for account in told_before:
            retold = (value, False) if text is None else account.retelling(claim, words, value)
            if retold is not None:
                account.retold(*retold, claim.id, words, _people_word(claim))
                break
        else:
            told_before.append(_Account(value, claim.id, words, _people_word(claim)))
    groups: dict[str, tuple[int, int, int, bool]] = {}
    for key, told_before in accounts.items():
        if told_before:
            groups[key] = tuple(sum(a.value[i] for a in told_before) for i in range(3)) + (all(a.value[3] for a in told_before),)  # type: ignore[assignment]
    for key, values in added.items():
        base = groups.get(key, (0, 0, 0, True))
        groups[key] = (*(base[i] + sum(v[i] for v in values) for i in range(3)), base[3] and all(v[3] for v in values))
    if not groups:
        return None
    values = groups.values()
    return Total(*(sum(v[i] for v in values) for i in range(3)), precise=all(v[3] for v in values))


_PEOPLE_WORD = re.compile(r"[^\W\d_]{3,}$")
Value = tuple[int, int, int, bool]  # best, low, high, precise


class _Account:
    """One event's report of some people: its figure, and what the claims that told it said (claim id,
    evidence words, the word for their people, their figure)."""

    def __init__(self, value: Value, claim_id: str, words: str, head: str | None) -> None:
        self.value = value
        self.told: list[tuple[str, str, str | None, Value]] = [(claim_id, words, head, value)]

    def retelling(self, claim, words: str, value: Value, but: str | None = None) -> tuple[Value, bool] | None:
        """How the claim (told in ``words``, its figure ``value``) tells this account's people: (its figure of
        them, whether it counts them all), or None when it counts other people. Its people are the account's
        when the words of its claims (other than claim ``but``'s) name them, or their word is one that names
        no kind ("the men"); when the claim names the people of one of its claims joined to its count ("the
        leader and two of his associates"), it counts those and the others: their figure and its own, all
        of them."""
        head = _people_word(claim)
        if head is None or head in _retold_people():
            return value, False  # "he", "them", "the men": the people told before
        if any(_names_people(head, said) for claim_id, said, _, _ in self.told if claim_id != but):
            return value, False
        if but is not None:
            return None
        for _, _, earlier, figure in self.told:
            if earlier is None or not _names_people(earlier, words):
                continue
            if _joined_after(earlier).search(words):  # those people and others besides them
                return (*(figure[i] + value[i] for i in range(3)), figure[3] and value[3]), True
            return value, False
        return None

    def retold(self, value: Value, whole: bool, claim_id: str, words: str, head: str | None) -> None:
        """The same people told again: the largest figure, but a stated figure of two or more before a
        vague word's bound ("several detained ... two were detained" is two; one person is no retelling of
        "several"); a figure of them all with others joined (``whole``), whenever it is larger."""
        stated = lambda v: (v[3] and v[0] > 1, v[0])  # noqa: E731
        if (whole and value[0] > self.value[0]) or stated(value) > stated(self.value):
            self.value = value
        self.told.append((claim_id, words, head, value))


def _people_word(claim) -> str | None:
    """The last word of the claim's subject, singular, lower-cased ("suspects" -> "suspect"); None for
    none or a pronoun-like word."""
    head = (claim.subject.text or "").split()[-1:] if claim.subject is not None else []
    if not head or not _PEOPLE_WORD.match(head[0]):
        return None
    word = head[0].lower()
    if word in ("men", "people"):
        return word
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _names_people(head: str, words: str) -> bool:
    """Do ``words`` name the people ``head`` does ("suspect": "two suspects", "suspected insurgents")?"""
    return re.search(rf"(?<![\w-]){re.escape(head)}(?:s|es|ed)?(?![\w-])", words, re.IGNORECASE) is not None


@lru_cache(maxsize=64)
def _joined_after(head: str) -> re.Pattern:
    """The people's word followed by a joiner (lexicons/claim_coordination.tsv: "and", "along with")."""
    joiners = "|".join(f"(?:{r['pattern']})" for r in load_table_of_lexicon("claim_coordination.tsv") if r["kind"] == "joiner")
    return re.compile(rf"(?<![\w-]){re.escape(head)}s?(?![\w-])(?:{joiners})\s", re.IGNORECASE)


@lru_cache(maxsize=1)
def _retold_people() -> frozenset[str]:
    return frozenset(load_lines("retold_people.txt")) | {"men", "people"}


def _first_given(*values: int | None) -> int:
    return next(v for v in values if v is not None)


def main_event(extraction: Extraction) -> Event | None:
    """The report's main event: the first one (the extractor lists events in order of first
    mention, and reports lead with their main event)."""
    return extraction.events[0] if extraction.events else None


def event_date(extraction: Extraction) -> tuple[str | None, str]:
    """The main event's start date and how it was found: 'event' (the first dated event),
    'published' (the extraction's own publication date, e.g. read from a dateline), or 'none'."""
    dated = first_dated_event(extraction)
    if dated is not None:
        return dated.date.start[:10], "event"  # type: ignore[union-attr]
    if extraction.published:
        return extraction.published[:10], "published"
    return None, "none"


def first_dated_event(extraction: Extraction) -> Event | None:
    return next((e for e in extraction.events if e.date is not None and e.date.start), None)


def date_words(extraction: Extraction) -> str | None:
    """The words that dated the main event ("yesterday", "Feb. 6"), folded, for reporting."""
    dated = first_dated_event(extraction)
    if dated is None or not dated.date.text:  # type: ignore[union-attr]
        return None
    return " ".join(dated.date.text.lower().split())  # type: ignore[union-attr]


def best_point(extraction: Extraction, precisions: dict[str, int] | None = None) -> tuple[float, float, str] | None:
    """Where the report puts things: the first event location with coordinates, else the most
    precise place with coordinates (earliest wins ties). Area- and country-level places are not
    points (their point is a stand-in); ``precisions`` (precision -> rank) says otherwise."""
    ranks = _POINT_PRECISIONS if precisions is None else precisions
    for event in extraction.events:
        loc = event.location
        if loc is not None and loc.lat is not None and loc.lon is not None and loc.precision in ranks:
            return loc.lat, loc.lon, "event"
    candidates = [
        (rank, i, p)
        for i, p in enumerate(extraction.places)
        if p.lat is not None and p.lon is not None and (rank := ranks.get(p.precision)) is not None
    ]
    if not candidates:
        return None
    _, _, place = min(candidates, key=lambda c: (c[0], c[1]))
    return place.lat, place.lon, "place"


def language_note(extractions) -> str:
    """'languages of the texts: en 715, und 1470' over distinct texts: the extractor claims nothing in
    a text it does not take for English, which explains many misses."""
    seen: dict[str, str] = {}
    for x in extractions:
        seen.setdefault(x.id, x.language or "none")
    counts: dict[str, int] = {}
    for language in seen.values():
        counts[language] = counts.get(language, 0) + 1
    listed = ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"languages the extractor gave the {len(seen)} distinct texts: {listed or 'none'}."


# --- names ---------------------------------------------------------------------------------------

_REGION_WORDS = re.compile(
    r"\b(province|provinces|oblast|oblast'|region|wilayat|velayat|special republican city|special republican|"
    r"special status|autonomous republic of|republic of)\b"
)


def fold(text: str) -> str:
    """Lower case, accents and apostrophes dropped, spaces collapsed: for comparing names."""
    plain = re.sub(r"['’‘`ʼ]", "", strip_accents(text).lower())
    return " ".join(plain.replace("-", " ").split())


@lru_cache(maxsize=1)
def _admin1_index() -> dict[tuple[str, str], str]:
    index: dict[tuple[str, str], str] = {}
    for row in load_table("admin1_aliases.tsv"):
        for name in (row["canonical"], *split_list(row["aliases"])):
            index[(row["country"], _region_fold(name))] = row["canonical"]
    return index


def _region_fold(name: str) -> str:
    folded = fold(name)
    stripped = " ".join(_REGION_WORDS.sub(" ", folded).split())
    return stripped or folded


def admin1_key(name: str | None, country: str) -> str | None:
    """The canonical key of a first-order division of ``country`` (ISO alpha-2), or None."""
    if not name:
        return None
    return _admin1_index().get((country, _region_fold(name)))


def admin1_keys(extraction: Extraction, country: str) -> set[str]:
    """The first-order divisions of ``country`` the extraction names: places (and event locations)
    in that country that are themselves such a division, or else lie in one (their admin1)."""
    located = list(extraction.places) + [e.location for e in extraction.events if e.location is not None]
    return _admin1_keys_of(located, country)


def event_admin1_keys(extraction: Extraction, country: str) -> set[str]:
    """The first-order divisions of ``country`` where the extraction's events happened."""
    return _admin1_keys_of([e.location for e in extraction.events if e.location is not None], country)


def _admin1_keys_of(located: list, country: str) -> set[str]:
    keys: set[str] = set()
    for place in located:
        if place.country != country:
            continue
        key = admin1_key(place.name, country) if place.precision == "region" else None
        key = key or admin1_key(place.admin1, country)
        if key:
            keys.add(key)
    return keys


@lru_cache(maxsize=1)
def _claimant_stopwords() -> frozenset[str]:
    return frozenset(load_lines("claimant_stopwords.txt"))


def content_tokens(text: str | None) -> set[str]:
    """The words that identify a claimant or a place: folded, without filler words and counts."""
    if not text:
        return set()
    stop = _claimant_stopwords()
    return {
        w
        for w in _WORD.findall(fold(text))
        if len(w) > 1 and not w.isdigit() and w not in stop and not _REPEAT_MARK.match(w)
    }


_NAME_PARTS = re.compile(r"[,;()/\[\]]| and | & ")
MATCH_SHARE = 0.5  # two names match when they share at least half the words of the shorter one


def _stem(word: str) -> str:
    """'prosecutors' ~ 'prosecutor', 'forces' ~ 'force': a plural 's' is not a different name."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def name_tokens(text: str | None) -> frozenset[str]:
    return frozenset(_stem(w) for w in content_tokens(text))


def name_parts(text: str | None) -> list[frozenset[str]]:
    """A gold field that lists several names ("JFO, Euromaidan Press"; "Joint Forces HQ (JFO)"), as word sets."""
    if not text:
        return []
    parts = [name_tokens(part) for part in _NAME_PARTS.split(f" {text} ")]
    return [p for p in parts if p]


def names_match(gold: str | None, predicted: list[str]) -> bool:
    """Token overlap: some name in ``gold`` and some predicted name share at least half the words of
    the shorter of the two (folded, filler words dropped, plural 's' ignored)."""
    candidates = [t for t in (name_tokens(p) for p in predicted) if t]
    for part in name_parts(gold):
        for tokens in candidates:
            if len(part & tokens) >= MATCH_SHARE * min(len(part), len(tokens)):
                return True
    return False


def claimant_strings(extraction: Extraction) -> list[str]:
    """Who the extraction says made its claims, or told of its events ("Army says rebels broke the
    truce" has no casualty claim, but a claimant): names, the words that named them, intermediaries."""
    out: list[str] = []
    for claim in extraction.claims:
        c = claim.claimant
        out += [s for s in (c.name, c.text) if s]
        out += [v for v in claim.via if v]
    for event in extraction.events:
        if event.claimant is not None:
            out += [s for s in (event.claimant.name, event.claimant.text) if s]
    return out


def place_strings(extraction: Extraction, text: str) -> list[str]:
    """Every way the extraction names its places: resolved names and the words in the text."""
    out: list[str] = []
    for place in extraction.places:
        out.append(place.name)
        out += [text[span.start : span.end] for span in place.evidence if span.end <= len(text)]
    out += [e.location.name for e in extraction.events if e.location is not None and e.location.name]
    return [s for s in out if s]
