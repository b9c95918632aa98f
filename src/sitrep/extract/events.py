"""Events in ACLED's taxonomy: what happened, where, when, between whom, how many died, how sure.

Each sentence that reports an event (a trigger word from the lexicon, or a fate word about soldiers
with no other trigger) gives a candidate; candidates of the same sub-type in nearby sentences, at
compatible places, with no "In another case" between them, are one event. The claims of the incident
are the event's: this stage says which (``EventFindings.claims_of``), and assembly links them and reads
the event's fatalities off its death claims (``assemble.py``, ``sitrep.tolls``).
"""

from __future__ import annotations

import re
from datetime import date
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.model import Actor, Claim, DateRef, Event, Location, Mention, Place, Span
from sitrep.tolls import DEATH_MEASURE, figure_of, nobody_died, tells_of_deaths
from sitrep.extract.attribution import Attribution
from sitrep.extract.certainty import hedges_in_segment, sentence_hedges, stronger
from sitrep.extract.claims import sentence_measure_cues
from sitrep.extract.spans import by_sentence
from sitrep.extract.context import Context
from sitrep.extract.event_dates import EventDates, incident_first
from sitrep.lexicons import load_lines, load_table
from sitrep.extract.event_places import AT_PLACE, BARE_PLACE, ORIGIN_PLACE, EventPlaces, best_place, compatible, event_places as find_event_places, location_at, location_of
from sitrep.extract.event_spread import coordinated_runs, places_listed_for
from sitrep.extract.scan import Hit
from sitrep.extract.triggers import FALLBACK_BELOW, Reading, denied, event_type_of, is_harm, read_sentence
from sitrep.extract.sides import country_name, sides_in
from sitrep.extract.territory import DECIDED as TAKING_DECIDED, ENTERING_HEADS, FORCED as TAKEN_BY_FORCE, TAKING_HEADS, attempted, names_people_after, taker_side, takes_people, takes_place, taking_sub_type
from sitrep.text import alternation

# sentences apart that a story about one incident may run; beyond this a same-type mention is a new event
_MERGE_GAP = 5
# how strongly a sentence telling of soldiers killed, with no event word, reads as a clash (event_frames.tsv scale)
_SOLDIERS_KILLED = 30
# "wounded in the same attack": told as the very incident before it, wherever the wounded were then taken
_SAME = re.compile(r"\b(?:the|that|this) (?:very )?same\s+(?:\w+\s+)?$", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|the same|\w+day's|yesterday's|last night's)\s+(?:\w+\s+)?$", re.IGNORECASE)
_SCARE_QUOTES = "'‘’\"“”"


@dataclass
class _Candidate:
    sentence: int
    event_type: str
    sub_event_type: str
    tags: list[str]
    spans: list[Span]
    certainty: str
    scare_quoted: bool = False
    new_incident: bool = False
    sentences: list[int] = field(default_factory=list)
    definite: bool = False  # "the shelling", "Tuesday's attack": a back-reference to an incident already told
    priority: int = 0  # how strongly the grammar read it (event_frames.tsv): a weak (fallback) reading comes after the others of its sentence
    # told after an incident, it is that incident's: a toll with no one doing it ("two were killed"), or
    # a plain back-reference ("the same attack", "the killings")
    refers_back: bool = False
    toll: bool = False  # only a toll: the incident told just after it, if any, is what it counts
    aside: bool = False  # told in a clause describing someone (", who seized the town in March, ..."): not the lead
    launch: bool = False  # weapons launched ("launched 40 drones at the region"): a wave, its events what met it
    summary: bool = False  # many incidents told at once ("shelled 18 settlements", "121 clashes"): event_summaries.tsv
    place: Mention | None = None  # one place of a list the event was told of ("shelled X, Y and Z"), set by _spread
    days: set[str] = field(default_factory=set)
    spoils: bool = False  # weapons found or taken ("arms were recovered"): told after a fight, its spoils  # the days its sentences give it as its own (EventDates.own_day)
    head: str = ""  # the class of the word it was read from (event_verbs.tsv, event_nouns.tsv)
    same: bool = False  # "in the same attack": the incident just told, whatever place its sentence names
    told_elsewhere: set[int] = field(default_factory=set)  # its sentences whose places say nothing of where it was


_FIGURE = r"\d[\d,]*"
_MANY = r"(?:[1-9]\d|\d{3,}|\d{1,3}(?:,\d{3})+)(?![\d,])"  # ten or more


@lru_cache(maxsize=1)
def _summaries() -> tuple[re.Pattern | None, re.Pattern | None]:
    """(words after an event word, words just before it) that make it a summary (event_summaries.tsv)."""
    rows = load_table("event_summaries.tsv")

    def joined(where: str, anchor: str) -> re.Pattern | None:
        found = [r["pattern"].replace("{N}", _FIGURE).replace("{MANY}", _MANY) for r in rows if r["where"] == where]
        return re.compile(anchor.format("|".join(found)), re.IGNORECASE) if found else None

    return joined("after", r"\s+(?:{})"), joined("before", r"(?<![\w,])(?:{})$")


def _summary(sentence: str, start: int, end: int) -> bool:
    """Does the event word at ``start:end`` tell of many incidents at once: "shelled 18 settlements",
    "94 attacks on 32 settlements", "121 combat clashes", "shelled the border areas 14 times"?"""
    after, before = _summaries()
    counted = sentence[end - 1 : end] == "s"  # a plural event noun counted ("94 attacks"), not "60 soldiers refused"
    return bool((after is not None and after.match(sentence, end, min(len(sentence), end + 90)))
                or (counted and before is not None and before.search(sentence, max(0, start - 40), start)))


@lru_cache(maxsize=1)
def _blockers() -> re.Pattern:
    return re.compile("|".join(load_lines("event_blockers.tsv")[1:]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _actor_nouns() -> tuple[re.Pattern, dict[str, str]]:
    table = {r["noun"]: r["kind"] for r in load_table("actors.tsv")}
    return re.compile(r"\s*(?:[\w-]+\s+){0,2}?(" + alternation(table, space=" ") + r")\b", re.IGNORECASE), table


def find_triggers(sentence: str, hits: list[Hit] | None = None, offset: int = 0, places: list[tuple[int, int]] = ()) -> list[tuple[Reading, int, int]]:
    """Event words in one sentence that report something that happened (not "could seize", "plans to
    attack", "no shelling"), typed by the event grammar (extract/triggers.py): (reading, start, end)
    with offsets in the sentence. ``hits`` (document offsets, ``offset`` being the sentence's start)
    come from one scan of the whole document; ``places`` are the sentence's place spans (same offsets)."""
    found = [(r, r.start, r.end) for r in read_sentence(sentence, hits, offset, places)]
    return _without_consequences(found, sentence)


_CONSEQUENCE = re.compile(r"kill|shot dead", re.IGNORECASE)
_MEANS = {"Explosions/Remote violence", "Battles"}
_TAKEOVERS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_SEIZURES = frozenset({"find", "capture"})  # head classes (event_verbs.tsv) of weapons found or taken
_TOLL_HEADS = frozenset({"kill", "wound"})
_STOPPING = frozenset({"defuse", "clear", "destroy", "blow_up"})  # head classes of a weapon made safe (event_verbs.tsv)
_UNEXPLODED = frozenset({"plant", "destroy", "blow_up"})  # head classes of a bomb told without its going off  # the head classes (event_verbs.tsv) that tell a death or a wound


# people taken (event_frames.tsv: a leader or a wanted man captured, civilians seized) -> the reading when ground
# was what the verb took, or the leader named near it is not what it took ("took over the square, a leader said")
PEOPLE_TAKEN = {"Arrests": "Armed clash", "Abduction/forced disappearance": "Non-state actor overtakes territory"}


def _taking(trigger: Reading, s_text: str, start: int, end: int, index: int, offset: int, found: EventPlaces,
            units: list[Mention], withdrawal: bool = False) -> str:
    """A place taken is regained by its own state's forces and fought for by another state's, and an
    attempt to take it is fighting (extract/territory.py): the sub-type of ``trigger`` (at
    ``start:end`` of the sentence ``index``, which starts at ``offset``) once its taker and the place it
    is bound to are known. ``withdrawal``: the sentence tells of a force withdrawing."""
    reading = trigger.sub_event_type
    if trigger.head in TAKING_HEADS and reading in PEOPLE_TAKEN:
        bound = best_place([index], found, [Span(offset + start, offset + end)])
        at = (bound[0].span.start - offset, bound[0].span.end - offset) if bound is not None else (len(s_text), len(s_text))
        if takes_place(s_text, start, end, *at, trigger.head) or (names_people_after(s_text, end) and not takes_people(s_text, start, end)):
            reading = PEOPLE_TAKEN[reading]
    if trigger.head not in TAKING_HEADS or reading not in TAKEN_BY_FORCE:
        return reading
    if attempted(s_text, start):
        return "Armed clash"
    if withdrawal and trigger.head in ENTERING_HEADS:
        return "Non-violent transfer of territory"
    if reading not in TAKING_DECIDED:
        return reading
    bound = best_place([index], found, [Span(offset + start, offset + end)])
    country = bound[0].value.country if bound is not None and bound[0].value.precision != "country" else None
    if country is None:
        return reading
    sides = [(u.span.start - offset, u.span.end - offset, u.value.side) for u in units if u.value.side]
    taken = takes_place(s_text, start, end, bound[0].span.start - offset, bound[0].span.end - offset, trigger.head)
    return taking_sub_type(reading, taker_side(s_text, start, end, sides, country), country, taken)


def _without_consequences(found: list[tuple[Reading, int, int]], sentence: str) -> list[tuple[Reading, int, int]]:
    """ "Russian shelling killed three civilians", "23 soldiers were killed when artillery struck a
    checkpoint": ACLED codes the shelling; the killing is its toll, not a second attack on civilians nor
    a clash of its own. So is any harm (event_harms.tsv) told beside another violent event of the
    sentence: "gunmen attacked the village, killing 14 and burning houses" is one attack."""
    if any(not is_harm(t) and t.event_type != "Strategic developments" for t, _, _ in found):
        found = [(t, s, e) for t, s, e in found if not is_harm(t)
                 or any(u.sub_event_type == t.sub_event_type for u, _, _ in found if not is_harm(u))]
    elif any(t.event_type in _VIOLENT_TYPES for t, _, _ in found):
        # "killing 14 villagers and burning eight houses": the houses burned in the killing
        found = [(t, s, e) for t, s, e in found if t.event_type in _VIOLENT_TYPES or not is_harm(t)]
    # "took control of the town after hours of fighting with police": the fighting told in the sentence of a
    # takeover is how it was taken, one event as ACLED codes it
    if any(t.sub_event_type in _TAKEOVERS for t, _, _ in found):
        found = [(t, s, e) for t, s, e in found if t.sub_event_type != "Armed clash"]
    # "defused an IED planted by the insurgents on the road": the weapon stopped is the event; its planting
    # (or its destruction in situ) is how it came to be stopped, not an explosion of its own
    if any(t.sub_event_type == "Disrupted weapons use" and t.head in _STOPPING for t, _, _ in found):
        found = [(t, s, e) for t, s, e in found if not (t.sub_event_type == "Remote explosive/landmine/IED" and t.head in _UNEXPLODED)]
    # "after a firefight, the unit seized five rifles": weapons taken in a fight are its spoils, not a
    # disrupted use of weapons of their own
    if any(t.event_type == "Battles" for t, _, _ in found):
        found = [(t, s, e) for t, s, e in found if not (t.sub_event_type == "Disrupted weapons use" and t.head in _SEIZURES)]
    # "a suicide bomber blew herself up at the market: nine killed plus the bomber": a death or wound told
    # with no one doing it, after the means of the sentence, is their toll whatever its own words read as
    means_at = min((s for t, s, _ in found if t.event_type in _VIOLENT_TYPES and t.head not in _TOLL_HEADS and not is_harm(t)), default=None)
    if means_at is not None:
        found = [(t, s, e) for t, s, e in found if not (t.agentless and t.head in _TOLL_HEADS and s > means_at)]
    if not any(t.event_type in _MEANS for t, _, _ in found):
        return found
    remote = any(t.event_type == "Explosions/Remote violence" for t, _, _ in found)
    return [(t, s, e) for t, s, e in found
            if not (_CONSEQUENCE.match(sentence, s)
                    and (t.event_type == "Violence against civilians" or (remote and t.event_type == "Battles")))]


_OPENING_QUOTE = re.compile(r"(?:^|(?<=\s))[" + _SCARE_QUOTES + r"](?=\w|$)[^" + _SCARE_QUOTES + r"]{0,40}$")
_CLOSING_QUOTE = re.compile(r"^[^" + _SCARE_QUOTES + r"]{0,40}?(?<=[\w.,!?])[" + _SCARE_QUOTES + r"](?=\W|$)")


def _scare_quoted(sentence: str, start: int, end: int) -> bool:
    """A trigger inside quotation marks is the report quoting an allegation: "'fired on a cyclist'"."""
    return bool(_OPENING_QUOTE.search(sentence[max(0, start - 41) : start])) and bool(_CLOSING_QUOTE.search(sentence[end : end + 42]))


@dataclass(frozen=True)
class EventFindings:
    """What the events stage returns: the events (their claim ids, fatalities and the doubt their claims
    add left for assembly) and, for each event id, the ids of the claims of its incident in claim order."""

    events: list[Event]
    claims_of: dict[str, list[str]]
    # claim id -> the id of the toll whose dead it tells some of, one by one (``_details_of_tolls``): assembly
    # marks the claim ``part_of`` that toll
    parts_of: dict[str, str] = field(default_factory=dict)


def find_events(
    ctx: Context,
    claims: list[Claim],
    places: list[Mention],
    dates: list[Mention],
    units: list[Mention],
    people: list[Mention],
    attributions: list[Attribution | None],
) -> EventFindings:
    """The document's events; ``attributions`` are ``attribution.attribute``'s, one per sentence."""
    text = ctx.text
    candidates: list[_Candidate] = []
    # each sentence's claims, units and people, found once (not every mention tested per sentence)
    claims_in = by_sentence(ctx.sentences, claims, lambda c: c.evidence)
    units_in = by_sentence(ctx.sentences, units, lambda m: m.span)
    people_in = by_sentence(ctx.sentences, people, lambda m: m.span)
    place_spans: dict[int, list[tuple[int, int]]] = {}
    for p in places:
        index = ctx.sentence_index(p.span)
        if index is not None:
            place_spans.setdefault(index, []).append((p.span.start, p.span.end))
    event_places = find_event_places(ctx, places)
    paragraph = [0]
    for before, after in zip(ctx.sentences, ctx.sentences[1:]):
        paragraph.append(paragraph[-1] + ("\n\n" in text[before.end : after.start]))
    for index, sentence in enumerate(ctx.sentences):
        s_text = text[sentence.start : sentence.end]
        hedges = sentence_hedges(ctx, sentence)
        new_incident = bool(_blockers().search(s_text))
        grammar_hits = ctx.scans.event_grammar.within(sentence.start, sentence.end)
        found = find_triggers(s_text, grammar_hits, sentence.start, place_spans.get(index, ()))
        withdrawal = any(h.payload.cls == "withdraw" for h in grammar_hits)
        for trigger, start, end in found:
            sub_event_type = _taking(trigger, s_text, start, end, index, sentence.start, event_places, units_in[index], withdrawal)
            # a weak reading of a place entered is a strong one once it is a place regained
            priority = max(trigger.priority, FALLBACK_BELOW) if sub_event_type != trigger.sub_event_type == "Armed clash" else trigger.priority
            certainty = _certainty_of(hedges_in_segment(hedges, s_text, start, end))
            quoted = _scare_quoted(s_text, start, end)
            definite = bool(_DEFINITE.search(s_text, max(0, start - 16), start))
            same = bool(_SAME.search(s_text, max(0, start - 24), start))
            candidates.append(
                _Candidate(index, event_type_of(sub_event_type), sub_event_type, list(trigger.tags),
                           [Span(sentence.start + start, sentence.start + end)],
                           stronger("alleged", certainty) if quoted else certainty, quoted, new_incident, [index],
                           definite=definite, priority=priority,
                           refers_back=trigger.toll or (definite and trigger.head in _PLAIN_HEADS), toll=trigger.toll,
                           aside=_in_aside(s_text, start), summary=_summary(s_text, start, end),
                           launch=trigger.head == "launch", head=trigger.head, same=same,
                           spoils=trigger.sub_event_type == "Disrupted weapons use" and trigger.head in _SEIZURES)
            )
        if not found and not new_incident:
            echo = _echo(s_text, grammar_hits, sentence.start, index, candidates, paragraph)
            if echo is not None:
                candidates.append(echo)
                continue
        if all(t.event_type == "Strategic developments" for t, _, _ in found):
            # "killed several insurgents and detained a dozen": the killing is a clash of its own
            fate = _military_deaths(ctx, index, s_text, claims_in[index], units_in[index], people_in[index])
            # "a memorial to soldiers killed in Ukraine will be unveiled": the deaths told as background
            if fate is not None and not denied(s_text, fate.start - sentence.start, 0):
                certainty = _certainty_of(hedges_in_segment(hedges, s_text, fate.start - sentence.start, fate.end - sentence.start))
                candidates.append(_Candidate(index, "Battles", "Armed clash", [], [fate], certainty, False, new_incident, [index],
                                             priority=_SOLDIERS_KILLED, refers_back=True))

    event_dates = EventDates(ctx, dates)
    for c in candidates:
        day = event_dates.own_day(c.sentence, c.spans)
        if day is not None:
            c.days.add(day)
    merged = _merge(candidates, event_places, paragraph)
    # a weak reading alone ("the fighting", "withdrew") is an event of its own only as the report's lead
    merged = merged[:1] + [c for c in merged[1:] if c.priority >= FALLBACK_BELOW or _protest_elsewhere(c, event_places)]
    merged = _strong_lead(merged)
    _chemical_told_after(merged, ctx, paragraph)
    merged = _spread(_without_summaries(merged, event_places), ctx, event_places)
    events = []
    dated = incident_first([(c, event_dates.date_of(c.sentences, c.spans)) for c in merged])
    # an event after the lead dated, or told nearest a date, long before the report is its background
    dated = dated[:1] + [(c, when) for c, when in dated[1:] if not _long_before(when, ctx.published)
                         and not _long_before(event_dates.nearest_told(c.sentence, c.spans), ctx.published)]
    claims_of: dict[str, list[str]] = {}
    taken: set[str] = set()  # a claim belongs to the first event whose sentences hold it
    claim_order, people_order = _positions(claims), _positions(people)
    for n, (c, when) in enumerate(dated, 1):
        where, spans = c.sentences, c.spans
        if c.told_elsewhere:
            where = [i for i in c.sentences if i not in c.told_elsewhere]
            spans = [sp for sp in c.spans if ctx.sentence_index(sp) in where]
        location = location_at(c.place, ctx) if c.place is not None else location_of(where, ctx, event_places, spans)
        claimant = next((attributions[i] for i in c.sentences if attributions[i] is not None), None)
        event = Event(
            id=f"e{n}",
            event_type=c.event_type,
            sub_event_type=c.sub_event_type,
            tags=c.tags,
            date=when,
            location=location,
            actors=_actors_of(c, ctx, units_in, claims_in, location, attributions),
            certainty=c.certainty,
            evidence=sorted(c.spans),
        )
        _tie_people(event, _in_order(people_in, c.sentences, people_order))
        event.claimant = claimant.claimant if claimant else None
        events.append(event)
    # a claim belongs to the first event whose sentences hold it, an arrest first: "killed two insurgents
    # and detained nine" is a clash and an arrest, and the nine detained are the arrest's
    for event, (c, _) in sorted(zip(events, dated), key=lambda pair: pair[0].sub_event_type != "Arrests"):
        claims_of[event.id] = _claims_of(event, c, _in_order(claims_in, c.sentences, claim_order), taken)
    claims_of = {event.id: claims_of[event.id] for event in events}
    _tie_story_tolls(ctx, events, dated, claims, claims_in, claims_of, taken, event_dates)
    _tie_breakdown_parts(ctx, events, claims, places, claims_of)
    _pool_place_day_tolls(events, claims, claims_of)
    _tie_nobody_died(events, claims, claims_of)
    return EventFindings(events, claims_of, _details_of_tolls(ctx, events, claims, claims_of, event_dates))


# verbs of striking that type nothing alone ("were hit", "came under fire") but echo the incident before
_ECHO_HEADS = frozenset({"strike", "fire", "attack"})
_ECHO_REACH = 2  # sentences after an incident in which "also hit" still tells of its wave


@lru_cache(maxsize=1)
def _echo_cue() -> re.Pattern:
    return re.compile("(?:" + "|".join(load_lines("event_echoes.tsv")[1:]) + ")$", re.IGNORECASE)


def _echo(s_text: str, hits: list[Hit], offset: int, index: int, candidates: list[_Candidate],
          paragraph: list[int]) -> _Candidate | None:
    """"Russian drones struck Sumy. Okhtyrka and Lebedyn were also hit.": a sentence with no event of its
    own whose verb of striking is "also" done (event_echoes.tsv) tells of places hit in the same wave as
    the incident told just before it in the paragraph, and gets an event of that incident's sub-type
    (one per place of a list, as any event); not in a sentence that opens a new story ("In other news").
    ``hits``: the sentence's grammar hits (document offsets,
    the sentence starting at ``offset``)."""
    for h in hits:
        if h.payload.cls not in _ECHO_HEADS or not _echo_cue().search(s_text, max(0, h.start - offset - 25), h.start - offset):
            continue
        before = next((c for c in reversed(candidates) if c.sentence < index), None)
        if before is None or index - before.sentence > _ECHO_REACH or paragraph[before.sentence] != paragraph[index] \
                or before.event_type not in _VIOLENT_TYPES or before.summary:
            return None
        return _Candidate(index, before.event_type, before.sub_event_type, list(before.tags), [Span(h.start, h.end)],
                          before.certainty, False, False, [index], priority=before.priority)
    return None


_TOLL_REACH = 3  # sentences after an incident in which a toll with no event of its own is still its toll


def _tie_story_tolls(ctx: Context, events: list[Event], dated: list, claims: list[Claim], claims_in: list[list[Claim]],
                     claims_of: dict[str, list[str]], taken: set[str], event_dates: EventDates) -> None:
    """A toll told in the sentences after the incident, with no event of its own, is the incident's:
    "A missile hit the station in Kramatorsk. The governor said 50 people were killed." The nearest
    event before it in the same paragraph takes it (or, with none before it, the next sentence's), if an
    event of its kind can count it — not if its sentence gives it a day of its own other than the event's:
    "A and B were killed on Sunday when shells hit their position. C was shot dead by a sniper on Tuesday"
    tells two incidents, as two days told of one kind of event do."""
    event_at: dict[int, Event] = {}
    for event, (candidate, _) in zip(events, dated):
        for i in candidate.sentences:
            event_at.setdefault(i, event)
    if not event_at:
        return
    for index, here in enumerate(claims_in):
        if index in event_at:
            continue
        for claim in here:
            if claim.id in taken or claim.scope != "incident":
                continue
            event = _story_event_of(ctx, index, event_at)
            if event is not None and _claim_fits(claim, event) and not _another_day(event, event_dates, index, claim):
                taken.add(claim.id)
                claims_of[event.id].append(claim.id)


def _another_day(event: Event, event_dates: EventDates, index: int, claim: Claim) -> bool:
    """Whether sentence ``index`` gives ``claim`` a day of its own other than the day the event happened. Not
    for others told besides the dead counted before ("a fourth victim died in hospital on Wednesday": the
    incident's dead, who died later)."""
    if event.date is None or event.date.precision != "day" or claim.evidence is None or claim.adds_to is not None:
        return False
    day = event_dates.own_day(index, [claim.evidence])
    return day is not None and day != event.date.start


def _story_event_of(ctx: Context, index: int, event_at: dict[int, Event]) -> Event | None:
    """The event a toll in sentence ``index`` with no event of its own counts: the nearest one before it
    in its paragraph (within _TOLL_REACH sentences); a toll that opens its paragraph, the one the next
    sentence tells ("Eight people died in Luhansk on Monday. A missile hit the administration building.").
    Mid-paragraph a toll before any event is a summary of the story's background, not the next incident's."""
    def new_paragraph(before: int) -> bool:
        return "\n\n" in ctx.text[ctx.sentences[before].end : ctx.sentences[before + 1].start]

    for back in range(index - 1, max(-1, index - 1 - _TOLL_REACH), -1):
        if new_paragraph(back):
            break  # a new paragraph: another story
        if back in event_at:
            return event_at[back]
    opens = index == 0 or new_paragraph(index - 1)
    if opens and index + 1 < len(ctx.sentences) and not new_paragraph(index):
        return event_at.get(index + 1)
    return None


def _tie_breakdown_parts(ctx: Context, events: list[Event], claims: list[Claim], places: list[Mention],
                         claims_of: dict[str, list[str]]) -> None:
    """A toll told settlement by settlement ("killed 5 civilians in the region: 2 in Bakhmut, 2 in Siversk and
    1 in Soledar") is one incident per settlement, as ACLED codes them: each part named with a settlement is
    the toll of the event at that settlement, and the whole, a total over them all, is none of that event's.
    A part whose settlement has no event of its own counts no event's dead (it is not the toll of the event
    at another settlement); a whole that no event's settlement divides stays where it was."""
    parts = [c for c in claims if c.part_of is not None and c.evidence is not None and c.subject.text]
    if not parts:
        return
    event_at: dict[int, Event] = {}
    for event in events:
        if event.location is not None and event.location.geonames_id is not None:
            event_at.setdefault(event.location.geonames_id, event)
    for part in parts:
        town = _settlement_named_in(ctx.text, part, places)
        if town is None:
            continue
        own = event_at.get(town)
        for event in events:
            ids = claims_of[event.id]
            if event is own:
                if part.id not in ids:
                    ids.append(part.id)
                if part.part_of in ids:
                    ids.remove(part.part_of)
            elif part.id in ids:
                ids.remove(part.id)


def _settlement_named_in(text: str, part: Claim, places: list[Mention]) -> int | None:
    """The GeoNames id of the settlement a part of a toll is told of ("2 in Bakhmut"): a town or village
    named in the part's own words (its subject, within its evidence)."""
    for mention in places:
        span, place = mention.span, mention.value
        if (part.evidence.start <= span.start and span.end <= part.evidence.end and place.geonames_id is not None
                and place.precision in _TOWN_PRECISIONS and text[span.start : span.end] in part.subject.text):
            return place.geonames_id
    return None


def _details_of_tolls(ctx: Context, events: list[Event], claims: list[Claim], claims_of: dict[str, list[str]],
                      event_dates: EventDates) -> dict[str, str]:
    """People told one by one after a toll the report gave as a number, fewer than it, are some of its dead,
    not a competing count: "shelling killed three civilians ... a man and his wife were killed when a shell
    hit their house; a third person died in hospital" — the three stand, whatever the parts add up to. Each
    such claim of an event (its figure the people named or described, ``Claim.one_by_one``) is a part of the
    event's numbered toll told in a sentence before it, unless its sentence gives it a day of its own that the
    toll's does not: then it is an incident of its own told in a summary's wake ("named three marines killed
    in the fighting for the city. A was killed on 9 April ...", as obituaries list them)."""
    by_id = {c.id: c for c in claims}
    parts: dict[str, str] = {}
    for event in events:
        own = [by_id[i] for i in claims_of[event.id]]
        told = [c for c in own if c.measure == [DEATH_MEASURE] and not c.one_by_one and c.part_of is None
                and c.evidence is not None and (figure_of(c.count) or 0) > 0]
        if not told:
            continue
        for claim in own:
            if not claim.one_by_one or claim.measure != [DEATH_MEASURE] or claim.part_of is not None or claim.evidence is None:
                continue
            index = ctx.sentence_index(claim.evidence)
            if index is None:
                continue
            whole = next((t for t in told if (at := ctx.sentence_index(t.evidence)) is not None and at < index
                          and figure_of(claim.count) < figure_of(t.count)), None)
            if whole is None:
                continue
            day = event_dates.own_day(index, [claim.evidence])
            if day is not None and day != event_dates.own_day(ctx.sentence_index(whole.evidence), [whole.evidence]):
                continue
            parts[claim.id] = whole.id
    return parts


_POOLED_TYPES = {"Battles", "Explosions/Remote violence"}
_TOWN_PRECISIONS = {"exact", "near"}


def _pool_place_day_tolls(events: list[Event], claims: list[Claim], claims_of: dict[str, list[str]]) -> None:
    """The fighters killed at one town on one day are counted once, in the fight told first: a shelling,
    a strike or a fight at the same town that day, told after it, gives it its claims of dead not told as
    civilians ("Ukrainian marines held positions in Krynky on 14 November ... Russian artillery killed 30
    of them there"). ACLED counts one place's fighting on one day as one event; a story that tells it in parts
    would otherwise give the fight no toll, or each part a share of it. Civilians killed by the shelling
    stay the shelling's (ACLED codes shelling of civilians apart from the fight), and a part at another
    town or on another day, or with a region named only, keeps its own toll."""
    by_id = {c.id: c for c in claims}
    first_fight: dict[tuple, Event] = {}  # (town, day) -> the fight told first there (one pass: dense text has many events)
    for event in events:
        if not _at_a_town_on_a_day(event):
            continue
        key = (event.location.geonames_id, _day(event))
        fight = first_fight.get(key)
        if fight is None:
            if event.event_type == "Battles":
                first_fight[key] = event
            continue
        if event.event_type not in _POOLED_TYPES:
            continue
        moved = [i for i in claims_of[event.id] if tells_of_deaths(by_id[i]) and by_id[i].subject.group != "civilians"]
        claims_of[event.id] = [i for i in claims_of[event.id] if i not in moved]
        claims_of[fight.id].extend(moved)


def _day(event: Event) -> tuple[str | None, str | None]:
    return (event.date.start, event.date.end)


def _at_a_town_on_a_day(event: Event) -> bool:
    return (event.location is not None and event.location.geonames_id is not None
            and event.location.precision in _TOWN_PRECISIONS
            and event.date is not None and event.date.precision == "day" and event.date.start is not None)


def _tie_nobody_died(events: list[Event], claims: list[Claim], claims_of: dict[str, list[str]]) -> None:
    """ "There are no casualties", in a report that counts no dead, is said of each of its events, of any
    kind (a looting, a downed drone: ACLED codes 0): an event with no claim of deaths of its own counts it
    too (``tolls.nobody_died``). Beside dead counted elsewhere, a zero stays with the violent event whose
    sentences hold it ("no soldier was killed" says nothing of a seized rifle's 0)."""
    zeros = [c for c in nobody_died(claims) if c.scope == "incident"]
    if not zeros:
        return
    by_id = {c.id: c for c in claims}
    for event in events:
        own = claims_of[event.id]
        if not any(tells_of_deaths(by_id[i]) for i in own):
            own.extend(c.id for c in zeros if c.id not in own)


_CHEMICAL_REACH = 2  # sentences after an attack in which naming a chemical agent says what it delivered
_DELIVERIES = {"Explosions/Remote violence"}


def _chemical_told_after(merged: list[_Candidate], ctx: Context, paragraph: list[int]) -> None:
    """A shelling or strike whose story names a chemical agent in the next sentences, with no event
    word of their own ("ISIL fired a rocket at the airfield. A residue on a fragment tested positive
    for sulfur mustard."), delivered a chemical weapon: ACLED codes the chemical, whatever carried it."""
    for c in merged:
        if c.event_type not in _DELIVERIES or c.sub_event_type == "Chemical weapon":
            continue
        first = c.sentences[0]
        others = {i for o in merged if o is not c for i in o.sentences}
        for i in range(first + 1, min(len(ctx.sentences), first + 1 + _CHEMICAL_REACH)):
            if i in others or paragraph[i] != paragraph[first]:
                break
            s = ctx.sentences[i]
            if any(h.payload.cls == "chemical" for h in ctx.scans.event_grammar.within(s.start, s.end)):
                c.sub_event_type, c.event_type = "Chemical weapon", event_type_of("Chemical weapon")
                break


_ASIDE_OPEN = re.compile(r",\s+(?:who|which)\s", re.IGNORECASE)


def _in_aside(s_text: str, start: int) -> bool:
    """Is the word at ``start`` inside a relative clause set off by commas ("gang members, who seized
    Mirebalais on 31 March, set up a base"): what it tells describes someone, the sentence's own verb
    tells the news."""
    opened = None
    for m in _ASIDE_OPEN.finditer(s_text, 0, start):
        opened = m
    if opened is None or "," in s_text[opened.end():start]:
        return False
    return "," in s_text[start:]


_LEAD_REACH = 2  # sentences after a weak lead in which a stronger incident takes the lead


def _strong_lead(merged: list[_Candidate]) -> list[_Candidate]:
    """A report that opens with a weak reading ("the enemy attacked the border districts", "carried out 94
    attacks on 32 settlements") and tells an incident of a known kind just after leads with that incident:
    the opening is the summary, the incident the event ACLED codes first."""
    if len(merged) < 2:
        return merged
    lead = merged[0]
    if lead.launch and merged[1].sub_event_type == "Disrupted weapons use" and merged[1].sentence == lead.sentences[0] + 1 \
            and merged[1].sentence not in lead.sentences:
        # "the enemy launched 40 drones at the region. Air defence shot down 31. One hit a depot.": the
        # interceptions told right after the wave, before any hit, are the report's news (a hit told with
        # them, "most were intercepted; one hit a house", leads)
        return [merged[1], lead] + merged[2:]
    if lead.priority >= FALLBACK_BELOW:
        return merged
    for i, c in enumerate(merged[1:], 1):
        if c.sentence - lead.sentences[0] > _LEAD_REACH:
            break
        if c.priority >= FALLBACK_BELOW:
            return [c] + merged[:i] + merged[i + 1:]
    return merged


def _certainty_of(hedges) -> str:
    certainty = "reported"
    for h in hedges:
        if h.certainty != "confirmed":
            certainty = stronger(h.certainty, certainty)
    return certainty


@lru_cache(maxsize=1)
def _military_nouns() -> re.Pattern:
    """Soldiers (the nouns counts_nouns.tsv marks 'battle') and the units from division to battalion
    (units_echelons.tsv, ranks 3 to 5, by their own one-word names)."""
    nouns = [r["form"] for r in load_table("counts_nouns.tsv") if r["battle"] == "1"]
    echelons = [r["word"] for r in load_table("units_echelons.tsv")
                if r["word"] == r["echelon"] and r["plural"] == "0" and r["rank"] in ("3", "4", "5") and " " not in r["word"]]
    return re.compile(rf"\b({alternation(nouns + echelons)})\b", re.IGNORECASE)


def _military_deaths(ctx: Context, index: int, s_text: str, here: list[Claim], units: list[Mention],
                     people: list[Mention]) -> Span | None:
    """A sentence telling of soldiers killed with no other event word is a battle (ACLED: armed clash).
    Running totals ("the death toll nears 20,000") are not an incident. ``here``, ``units`` and ``people``
    are the sentence's own."""
    sentence = ctx.sentences[index]
    cues = [c for c in sentence_measure_cues(ctx, sentence) if DEATH_MEASURE in c.measures]
    if not cues:
        return None
    if here and all(c.scope == "cumulative" for c in here):
        return None
    military = (
        any(c.subject.group == "military" for c in here)
        or bool(units)
        or any((p.value.rank or p.value.unit_id) and p.value.status == "killed" for p in people)
        or (not here and _military_nouns().search(s_text) is not None)
    )
    return Span(cues[0].start, cues[0].end) if military else None


@lru_cache(maxsize=1)
def _escalations() -> dict[tuple[str, str], tuple[str, int | None]]:
    """One incident told in steps ("thousands marched ... police fired tear gas"): (sub-type told,
    sub-type told next) → (the sub-type of the whole incident, how many sentences after the incident's
    first the second may be told, None for as far as its story runs) (lexicons/event_escalations.tsv)."""
    return {(r["told"], r["then"]): (r["incident"], int(r["reach"]) if r["reach"] else None)
            for r in load_table("event_escalations.tsv")}


# event words so plain that, told as "the attack" after an incident, they refer to it whatever its type
_PLAIN_HEADS = frozenset({"attack", "kill", "fight", "engage", "fight_noun"})
_TOLL_AHEAD = 1  # sentences after a toll told first in which the incident it counts may follow
_MEANS_AHEAD = 2  # ... after a killing told with no means, in which the means may follow (a wound toll between)
# what an incident told before a toll or a back-reference must be for them to be its
_HARMFUL_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"}


def _merge(candidates: list[_Candidate], event_places: EventPlaces, paragraph: list[int]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    place_of: dict[int, Place | None] = {}  # each candidate's place, worked out once (until it grows)

    def place(candidate: _Candidate) -> Place | None:
        key = id(candidate)
        if key not in place_of:
            best = best_place(candidate.sentences, event_places)
            # a speaking institution's town or a place someone came from says nothing of where it happened
            place_of[key] = best[0].value if best and best[1] < ORIGIN_PLACE else None
        return place_of[key]

    escalations = _escalations()
    # in the order told: of two incidents in one sentence the first is the main one ("a drone killed a woman
    # in X, while artillery wounded two men in Y"); a weak fallback reading comes after the others
    for c in sorted(candidates, key=lambda c: (c.sentence, c.priority < FALLBACK_BELOW, c.aside, c.spans[0])):
        target, elsewhere = None, False
        for m in reversed(merged):
            back = (c.refers_back and m.sentence < c.sentence and m.event_type in _HARMFUL_TYPES
                    and (c.definite or paragraph[m.sentences[-1]] == paragraph[c.sentence]))
            # "Troops repelled the attack. Rifles and ammunition were recovered.": the fight's spoils
            back = back or (c.spoils and m.event_type == "Battles" and m.sentence < c.sentence
                            and paragraph[m.sentences[-1]] == paragraph[c.sentence])
            if m.sub_event_type != c.sub_event_type and not back and (
                    (m.sub_event_type, c.sub_event_type) not in escalations
                    or c.sentence - m.sentences[0] > (escalations[(m.sub_event_type, c.sub_event_type)][1] or len(paragraph))):
                continue
            if c.sentence - m.sentences[-1] > _MERGE_GAP and not c.definite:
                continue
            if c.new_incident and c.sentence != m.sentences[0] and c.sentence not in m.sentences:
                continue
            elsewhere = not compatible(place(c), place(m))
            if elsewhere and not (c.same and back):
                continue
            if m.sub_event_type == c.sub_event_type and not back and _elsewhere(c, m, place(m), event_places):
                continue
            if c.days and m.days and not c.days & m.days and (m.sub_event_type == c.sub_event_type or back):
                continue  # each told on a day of its own, different days: two incidents (not one told in steps)
            target = m
            break
        if target is None:
            elsewhere = False
        if target is None and not c.toll and c.event_type in _HARMFUL_TYPES:
            # "Three people were killed in Kharkiv. Russian missiles struck a residential block.": the
            # toll told first is the strike's
            # and so is a killing told with no means before the means ("the Russians killed three residents:
            # two in X and one in Y. In X, artillery hit a market"): ACLED codes the shelling
            target = next((m for m in reversed(merged) if (m.toll or _killing_before_means(m, c))
                           and m.sentences[-1] < c.sentence <= m.sentences[-1] + (_TOLL_AHEAD if m.toll else _MEANS_AHEAD)
                           and paragraph[m.sentences[-1]] == paragraph[c.sentence] and compatible(place(c), place(m))), None)
            if target is not None:
                target.sub_event_type, target.event_type = c.sub_event_type, c.event_type
        if target is None:
            merged.append(c)
            continue
        target.toll = target.toll and c.toll
        target.summary = target.summary and c.summary
        place_of.pop(id(target), None)
        grown = escalations.get((target.sub_event_type, c.sub_event_type), (None,))[0]
        if grown is not None and grown != target.sub_event_type:
            target.sub_event_type, target.event_type = grown, event_type_of(grown)
        target.spans.extend(c.spans)
        target.launch = target.launch or (c.launch and c.sentence == target.sentences[0])
        target.priority = max(target.priority, c.priority)
        target.tags.extend(t for t in c.tags if t not in target.tags)
        if c.sentence not in target.sentences:
            target.sentences.append(c.sentence)
            if elsewhere:  # "wounded in the same attack and taken to hospital in X": X is not where it was
                target.told_elsewhere.add(c.sentence)
        # a denial told after the incident ("The army denied that any civilians were killed") contests
        # it: the incident stays as first told, the denial is a claim of its own
        if c.certainty != "denied" or c.sentence == target.sentences[0]:
            target.certainty = stronger(target.certainty, c.certainty)
        target.days |= c.days
    return merged


def _killing_before_means(m: _Candidate, c: _Candidate) -> bool:
    """Is ``m`` a killing of civilians told with no means, and ``c``, told just after it on no other day,
    the means (a strike, a shelling, a bomb)?"""
    return (m.sub_event_type == "Attack" and m.head == "kill" and c.event_type == "Explosions/Remote violence"
            and not (c.days and m.days and not c.days & m.days))


def _elsewhere(c: _Candidate, m: _Candidate, m_place: Place | None, found: EventPlaces) -> bool:
    """Is ``c``, told in a sentence after ``m``'s, the same kind of event at another settlement: bound in
    its own clause to a village or town other than the one ``m`` happened at ("attacked near Berdychi ...
    Russian forces also attacked near Tonenke")? ACLED codes an event per settlement, however close the
    two; a back-reference ("the attack near Tonenke") is no new incident, and what is told after "the
    fighting for Bakhmut" tells where in it."""
    if c.definite or c.refers_back or m.definite or c.sentence in m.sentences or not _settlement(m_place):
        return False
    own = best_place([c.sentence], found, c.spans)
    if own is None or own[1] > BARE_PLACE or not _settlement(own[0].value):
        return False
    other = own[0].value
    if other is m_place or (other.geonames_id is not None and other.geonames_id == m_place.geonames_id):
        return False
    return other.name != m_place.name


def _settlement(place: Place | None) -> bool:
    """A village, town or city: one the gazetteer placed, or one it does not know, named as a settlement
    and placed at its region's point."""
    return place is not None and place.kind == "populated_place" and (place.precision == "exact" or place.geonames_id is None)


# a month or a year that ended this long before the report is the story's background, not its news
_BACKGROUND_DAYS = 365


def _long_before(when: DateRef | None, published: date | None) -> bool:
    """Is an event other than the report's lead told only of a month or a year long past ("had fought in
    Syria in 2017", "seized the town in 2022 and has since expanded")? Such a sentence is background
    (a career, a history), not an incident the report tells of."""
    if when is None or published is None or when.precision not in ("month", "year") or not when.end:
        return False
    return (published - date.fromisoformat(when.end)).days > _BACKGROUND_DAYS


def _without_summaries(merged: list[_Candidate], found: EventPlaces) -> list[_Candidate]:
    """The incidents told are the events, not a summary of incidents of their kind (of any violent kind,
    for a summary of plain "attacks"). Many incidents at one named settlement ("attacked 52 times near
    Udachne", "11 clashes near Kupiansk") are that settlement's event, not a summary."""
    for c in merged:
        c.summary = c.summary and not _at_a_settlement(c, found)
    told = {c.event_type for c in merged if not c.summary}
    return [c for c in merged if not c.summary or not (
        c.event_type in told or (c.priority < FALLBACK_BELOW and told & _VIOLENT_TYPES))]


def _at_a_settlement(c: _Candidate, found: EventPlaces) -> bool:
    best = best_place(c.sentences, found, c.spans)
    return best is not None and best[1] <= BARE_PLACE and best[0].value.precision == "exact"


def _protest_elsewhere(c: _Candidate, found: EventPlaces) -> bool:
    """A protest told after the lead at a place of its own ("smaller rallies were held in Lyon") is an
    event of its own, though a protest word alone is a weak reading (any violence in its sentence reads
    stronger)."""
    if c.event_type != "Protests":
        return False
    best = best_place(c.sentences, found, c.spans)
    return best is not None and best[1] == AT_PLACE and best[0].value.precision == "exact"


def _spread(merged: list[_Candidate], ctx: Context, found: EventPlaces) -> list[_Candidate]:
    """One event per place of a list the event was told of ("drones attacked Sumy, Okhtyrka and
    Lebedyn": three air strikes), each right after the event it was told in. The event itself keeps the
    place it was bound to if that is one of the list's; else it takes the list's first if the list is its
    leading words' own, and keeps its place if the list was told by words merged into it later ("marched
    in Lyon; smaller marches were held in Nantes and Lille"). A place that already has an event
    of the same sub-type gets no second one."""
    runs: dict[int, list[list[Mention]]] = {}
    for index, listed in found.by_sentence.items():
        in_order = sorted((m for m, _ in listed), key=lambda m: m.span.start)
        found_runs = coordinated_runs(ctx.text, in_order)
        if found_runs:
            runs[index] = found_runs
    if not runs:
        return merged
    held = {(c.sub_event_type, _place_key(best[0])) for c in merged if (best := best_place(c.sentences, found, c.spans))}
    out: list[_Candidate] = []
    for c in merged:
        out.append(c)
        listed, leading = places_listed_for(ctx.text, c.spans, [r for i in sorted(set(c.sentences)) for r in runs.get(i, ())])
        if not listed:
            continue
        best = best_place(c.sentences, found, c.spans)
        own = best[0] if best is not None and any(m is best[0] for m in listed) else listed[0] if leading else None
        c.place = own
        for m in listed:
            key = (c.sub_event_type, _place_key(m))
            if m is own or key in held:
                continue
            held.add(key)
            out.append(_Candidate(c.sentence, c.event_type, c.sub_event_type, list(c.tags), list(c.spans), c.certainty,
                                  c.scare_quoted, c.new_incident, list(c.sentences), definite=c.definite,
                                  priority=c.priority, place=m))
    return out


def _place_key(m: Mention):
    return m.value.geonames_id if m.value.geonames_id is not None else m.value.name


def _civilians_side(s_text: str, actors: list[Actor], location: Location | None) -> str | None:
    """Civilians belong to the country where they were attacked; failing a place, to a side the sentence
    names that is not the attacker's ("Russian troops executed a Ukrainian woman's husband")."""
    if location is not None and location.country:
        return location.country
    attacker = actors[0].side if actors else None
    for _, end, side, _ in sides_in(s_text):
        if side != attacker and not _ATTACKER_NOUN.match(s_text, end):
            return side
    return None


_ATTACKER_NOUN = re.compile(r"\s+(?:\w+\s+)?(?:shelling|strikes?|missiles?|drones?|artillery|forces|troops|soldiers|army|military|attacks?|bombing)\b", re.IGNORECASE)


# what stands between an event word and a force named after it when that force is not the one struck:
# the doer ("shelled by Russian troops", "fire from Russian positions"), a recipient ("handed its
# positions to the regular army"), the subject of a clause of its own ("a mine that Russian troops
# left", "after Ukrainian forces withdrew"); a clause's end ends the reach
_DOER_AFTER = re.compile(r"(?<![\w-])(?:by|from|to|that|which|who|whom|whose|where|when|while|as|after|before|because|until|but|whereas|said|says)(?![\w-])|[;:]|\s[–—-]\s", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"(?<![\w-])(?:was|were|been|being|is|are|be|get|got)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_TARGET_REACH = 120  # characters after the event word within which a force named is its object


def _struck(s_text: str, heads: list[tuple[int, int]], position: int) -> bool:
    """Is a force named at ``position`` of the sentence the one an active event word before it struck
    ("struck positions of the 124th Brigade", "strikes on Russian troops", "killing two Ukrainian
    soldiers"), or the subject of a passive one ("Russian positions were shelled")? Not a doer told
    after a passive head ("was hit by Russian drones")."""
    for start, end in heads:
        passive = bool(_PASSIVE_BEFORE.search(s_text, max(0, start - 20), start))
        if end <= position <= end + _TARGET_REACH and not passive and not _DOER_AFTER.search(s_text, end, position):
            return True
        # the subject of a passive: "positions of the 72nd Brigade were shelled"
        if passive and start - _TARGET_REACH <= position < start and not _DOER_AFTER.search(s_text, position, start):
            return True
    return False


def _own_forces(s_text: str, heads: list[tuple[int, int]]) -> str | None:
    """The force noun a claimant speaks of as its own before the event word ("the ministry said its
    artillery had struck", "our units repelled"): its kind, else None."""
    noun_pattern, noun_kind = _actor_nouns()
    first = min((s for s, _ in heads), default=len(s_text))
    for m in _OWN.finditer(s_text, 0, first):
        n = noun_pattern.match(s_text, m.end())
        if n and n.start(1) < first:
            return noun_kind[n.group(1).lower()]
    return None


_OWN = re.compile(r"(?<![\w-])(?:its|our|their)(?:\s+own)?(?=\s)", re.IGNORECASE)


_HARMED = frozenset({"killed", "wounded"})


def _actors_of(c: _Candidate, ctx: Context, units_in: list[list[Mention]], claims_in: list[list[Claim]],
               location: Location | None = None, attributions: list[Attribution | None] = ()) -> list[Actor]:
    """``units_in`` and ``claims_in``: each sentence's units and claims (spans.by_sentence);
    ``attributions``: each sentence's claimant, whose "own" forces ("its artillery") are of its side."""
    actors: list[Actor] = []
    seen: set[str] = set()
    noun_pattern, noun_kind = _actor_nouns()
    for i in sorted(c.sentences):
        s = ctx.sentences[i]
        s_text = ctx.text[s.start : s.end]
        heads = [(sp.start - s.start, sp.end - s.start) for sp in c.spans if s.start <= sp.start < s.end]
        told_by = attributions[i] if i < len(attributions) else None
        claimant_side = told_by.claimant.side if told_by is not None else None
        if claimant_side and heads and (kind := _own_forces(s_text, heads)) is not None:
            name = f"{'Police Forces' if kind == 'police' else 'Military Forces'} of {country_name(claimant_side)}"
            if country_name(claimant_side) and name not in seen:
                seen.add(name)
                actors.append(Actor(name=name, side=claimant_side, kind=kind, role="actor1"))
        for u in units_in[i]:
            unit = u.value
            name = unit.canonical or unit.name
            if name not in seen:
                seen.add(name)
                role = "actor2" if _struck(s_text, heads, u.span.start - s.start) else "actor1"
                actors.append(Actor(name=name, side=unit.side, kind="military", role=role))
        for start, end, side, country in sides_in(s_text):
            m = noun_pattern.match(s_text, end)
            if not m:
                continue
            kind = noun_kind[m.group(1).lower()]
            name = f"{'Police Forces' if kind == 'police' else 'Military Forces'} of {country}"
            if name not in seen:
                seen.add(name)
                role = "actor2" if _struck(s_text, heads, start) else "actor1"
                actors.append(Actor(name=name, side=side, kind=kind, role=role))
        if c.event_type == "Violence against civilians" and ctx.scans.civilians.within(s.start, s.end):
            side = _civilians_side(s_text, actors, location)
            country = country_name(side)
            name = f"Civilians ({country})" if country else "Civilians"
            if name not in seen:
                seen.add(name)
                actors.append(Actor(name=name, side=side, kind="civilians", role="actor2"))
    # a strike that killed or wounded civilians, with no one else named as struck, struck civilians
    # (ACLED's actor2 "Civilians (country)" for shelling, air strikes and bombs that hit them)
    if c.event_type == "Explosions/Remote violence" and not any(a.role == "actor2" for a in actors) and any(
            cl.subject.group == "civilians" and set(cl.measure) & _HARMED for i in c.sentences for cl in claims_in[i]):
        side = _civilians_side("", actors, location)
        country = country_name(side)
        actors.append(Actor(name=f"Civilians ({country})" if country else "Civilians", side=side, kind="civilians", role="actor2"))
    # the side whose dead are counted is the one attacked
    victim_sides = {cl.subject.side for i in c.sentences for cl in claims_in[i] if tells_of_deaths(cl)}
    for a in actors:
        if a.role == "actor1" and a.side in victim_sides and len(actors) > 1:
            a.role = "actor2"
    # with no doer named, the first is actor1 — unless all named are the one side struck ("strikes on the
    # 124th Brigade", civilians killed): an unnamed attacker is no reason to make the struck attack
    if actors and all(a.role != "actor1" for a in actors) and len({a.side for a in actors}) > 1:
        actors[0].role = "actor1"
    # two sides named as doers and none struck: the second fought the first ("our forces repelled
    # attacks by Russian troops", "Ukrainian and Russian units clashed")
    doers = [a for a in actors if a.role == "actor1"]
    if len(doers) > 1 and not any(a.role == "actor2" for a in actors):
        second = next((a for a in doers if a.side != doers[0].side and a.kind != "civilians"), None)
        if second is not None:
            second.role = "actor2"
    for a in actors[2:]:
        if a.role == "actor1":
            a.role = "associated"
    return actors


# what an event of each kind can count: deaths belong to violence, detentions to arrests and raids,
# refusals to changes of a group's activity
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _claim_fits(claim: Claim, event: Event) -> bool:
    measures = set(claim.measure)
    if measures & {"killed", "wounded", "missing", "losses"}:
        return event.event_type in _VIOLENT_TYPES or event.event_type == "Protests"
    if measures & {"detained", "captured"}:
        return event.sub_event_type == "Arrests" or event.event_type in _VIOLENT_TYPES
    if measures & {"refused_to_fight", "deserted"}:
        return event.sub_event_type == "Change to group/activity"
    return True


def _positions(items: list) -> dict[int, int]:
    """Each item's place in ``items`` (by identity): worked out once per document, not once per event,
    which on text dense with events and claims cost their product."""
    return {id(x): n for n, x in enumerate(items)}


def _in_order(items_in: list[list], sentences: list[int], order: dict[int, int]) -> list:
    """The items (claims, people) of these sentences, in the document's order (``order``: _positions)."""
    chosen = {id(x): x for i in set(sentences) for x in items_in[i]}
    if len(chosen) < 2:
        return list(chosen.values())
    return sorted(chosen.values(), key=lambda x: order[id(x)])


def _claims_of(event: Event, c: _Candidate, claims: list[Claim], taken: set[str]) -> list[str]:
    """The ids of the incident claims in the event's sentences (``claims``, in text order) that an event of
    its kind can count, and that no earlier event took (added to ``taken``)."""
    ids = []
    for claim in claims:
        if claim.id in taken or claim.scope != "incident":
            continue
        if not _claim_fits(claim, event):
            continue
        taken.add(claim.id)
        ids.append(claim.id)
    return ids


def _tie_people(event: Event, people: list[Mention]) -> None:
    """The people named in the event's sentences (``people``, in text order)."""
    ids = []
    for p in people:
        if p.value.id not in ids:
            ids.append(p.value.id)
    event.person_ids = ids
