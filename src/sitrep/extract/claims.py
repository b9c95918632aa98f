"""Casualty claims: who claims how many killed, wounded, captured ... of whom, how surely, via whom.

A claim is made where a count of people (or an admission such as "significant losses") stands in the
same clause as a fate word (killed, wounded, captured, refused to fight ...). Its claimant comes from
the sentence's attribution, its certainty from the reporting verb and the hedges, its scope from
cues of a running total. Every number sitrep reports is a claim, with claimant "unknown" if need be.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sitrep.model import Claim, Claimant, Count, Mention, Span, Subject
from sitrep.tolls import figure_of, least_of
from sitrep.extract.attribution import Attribution, claimant_named, second_speaker, speech_verb
from sitrep.extract.counts import parse_number
from sitrep.extract.certainty import Hedge, hedges_in_segment, sentence_hedges, stronger
from sitrep.extract.modality import hypothetical_before
from sitrep.extract.scan import first_at_each_place
from sitrep.extract.scans import claimant_table, measure_table
from sitrep.extract.context import Context
from sitrep.extract.spans import FirstOverlapping, by_sentence
from sitrep.lexicons import load_lines, load_table
from sitrep.extract.sides import side_of
from sitrep.text import alternation

# how far (characters) a fate word may stand from the count it applies to, inside one clause
_CUE_REACH_AFTER = 90
_CUE_REACH_BEFORE = 60
# a military figure this large with no incident place in its sentence is a running total, not one incident's toll
_CUMULATIVE_THRESHOLD = 5000
_CLAUSE_BREAK = re.compile(r"[;:]|\bbut\b|\bwhile\b|\bwhereas\b|(?<!\bincl)\. ")  # "killed incl. 3 children": one clause
_SUBJECT_TAIL = re.compile(
    r"^\s+(?:from|of|among)\s+(?:(?:the|a|an|one|its|their|his|her|elite|key|other)\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?(?=(?:were|was|who|had|have|has|are|is|killed|died|wounded|injured|captured|"
    r"refused|lined|and\b|,|\.|$))",
)
# where a claim's clause starts or ends: its evidence is the clause, so that it holds the hedges and
# lead-ins ("We have", "could be as high as") that give the figure its meaning
_CLAUSE_EDGE = re.compile(r"[;:\"“”«»()]|,(?!\d{3}\b)|\s[-–—]\s|\b(?:that|as|but|while|whereas|although|because|after)\s", re.IGNORECASE)
_SIDE_LEAD_IN = 25  # characters before a count or toll where its side adjective may stand
_SIDE_BEFORE_CUE = re.compile(r"(?:[A-Z][\w'’]+\s+){1,2}(?=\S+\s*$)|(?:[A-Z][\w'’]+\s+)$")
_TOLL_TAIL = re.compile(r"\s+(?:in|among|of)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|our|us|Our)\b")


@dataclass(frozen=True)
class _Cue:
    start: int  # document offsets
    end: int
    measures: tuple[str, ...]


@lru_cache(maxsize=1)
def _scope_pattern() -> re.Pattern:
    return re.compile(r"(?<![\w-])(?:" + "|".join(load_lines("claim_scope.tsv")[1:]) + r")(?![\w-])", re.IGNORECASE)


def _as_cues(hits) -> list[_Cue]:
    return [_Cue(h.start, h.end, h.payload) for h in first_at_each_place(hits)]


def find_measure_cues(text: str, offset: int = 0) -> list[_Cue]:
    """Fate words in a sentence, longest match first where they overlap."""
    return [_Cue(c.start + offset, c.end + offset, c.measures) for c in _as_cues(measure_table().scan(text))]


def sentence_measure_cues(ctx: Context, sentence: Span) -> list[_Cue]:
    """The fate words of one sentence of ``ctx`` (document offsets), from one scan of the document;
    not those made hypothetical ("to avoid civilian casualties", "could be killed")."""
    cues = _as_cues(ctx.scans.measures.within(sentence.start, sentence.end))
    return [c for c in cues if not hypothetical_before(ctx.text, c.start)]


def _same_clause(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return not _CLAUSE_BREAK.search(text, lo, hi)


def _cues_for(count: Mention, cues: list[_Cue], text: str) -> list[_Cue]:
    """The fate words that apply to a count: the nearest one in its clause, plus those coordinated with it
    ("captured, injured or dead ... troops" counts all three)."""
    span = count.span
    noun_span: Span | None = count.attrs.get("noun_span")
    # fate words between the number and its noun are coordinated adjectives: all apply
    inside = [c for c in cues if noun_span and span.start <= c.start and c.end <= noun_span.end]
    after = [c for c in cues if c.start >= span.end and c.start - span.end <= _CUE_REACH_AFTER and _same_clause(text, span.end, c.start)]
    if inside:
        # unless the people so described are the subject of a fate verb: "two wounded soldiers later died"
        return _coordinated(after[0], cues, text) if after and _predicate_after(text, span.end, after[0].start) else inside
    before = [c for c in cues if c.end <= span.start and (  # (the cheap reach first: dense text has many cues)
        span.start - c.end <= _CUE_REACH_BEFORE or _risen_to(text, c.end, span.start))  # "the toll from ... has climbed to 27"
        and _same_clause(text, c.end, span.start)]
    # "killed hundreds and displaced 200,000", "raped five women and abducted three": a number right after
    # another verb is that verb's object, and no fate word across the "and" counts it
    if _OBJECT_OF_OTHER_VERB.search(text, max(0, span.start - 40), span.start):
        before = [c for c in before if not _AND_BETWEEN.search(text, c.end, span.start)]
        after = [c for c in after if not _AND_BETWEEN.search(text, span.end, c.start)]
    # "some 2,500 soldiers had pulled out of the town and 13 were killed", "300 residents fled the shelling,
    # in which four were wounded": the counted people are the subject of another verb, and a fate word in a
    # clause joined after it tells of other people
    if after and (verb := _subject_of_other_verb(text, span, cues)) is not None:
        after = [c for c in after if not _other_subject_before(text, verb, c.start)]
    # the nearer fate word wins: "killing three civilians and wounding 11" — three were killed; but a fate
    # word the number is the subject of is its own: "two were killed and four were wounded" — four wounded;
    # and people added to the ones a fate word counted share it: "nine killed plus the two bombers"
    # "four of the wounded later died": some of the people a fate word named, and the verb they are the subject of
    if len(after) > 1 and _PARTITIVE.fullmatch(text, span.end, after[0].start) and _predicate_after(text, after[0].end, after[1].start):
        after = after[1:]
        before = []
    if before and _added_after(text, before[-1].end, span.start):
        chosen = before[-1]
    elif after and before and _predicate_after(text, span.end, after[0].start):
        chosen = after[0]
    elif after and before:
        chosen = after[0] if after[0].start - span.end <= span.start - before[-1].end else before[-1]
    elif after or before:
        chosen = after[0] if after else before[-1]
    else:
        return []
    return _coordinated(chosen, cues, text)


_PARTITIVE = re.compile(r"\s+of\s+(?:the|those)\s+", re.IGNORECASE)
_PREDICATE_GAP = re.compile(r"\s+(?:(?:others?|more)\s+)?(?:(?:were|was|are|is|had been|have been|has been|had|have)\s+)?(?:\w+ly\s+)?(?:(?:later|then|eventually)\s+)?"
                            r"(?:(?:sustain|suffer|receiv)(?:ed|ing)\s+(?:\w+\s+)?)?", re.IGNORECASE)  # "one officer sustaining injuries"
# words set off by commas between the counted people and their verb: "30 people, including residents of a
# nearby village, were treated"
_APPOSITION = re.compile(r"\s*,[^,;:\"“”()]{1,80},")


def _predicate_after(text: str, end: int, cue_start: int) -> bool:
    """The fate word after a count is the verb the counted people are the subject of."""
    apposed = _APPOSITION.match(text, end, cue_start)
    return bool(_PREDICATE_GAP.fullmatch(text, apposed.end() if apposed else end, cue_start))
# a verb that is no fate word just before a number ("raped at least five", "displaced more than 200,000")
_OBJECT_OF_OTHER_VERB = re.compile(r"\b(?!(?:killed|wounded|injured|captured|detained|arrested|abducted|kidnapped|killing|wounding|"
                                   r"injuring|capturing|detaining|arresting|abducting|kidnapping|executed|executing)\b)"
                                   r"[a-z]+(?:ed|ing)\s+(?:(?:at least|more than|over|about|around|some|nearly|almost|up to)\s+)?$")
_AND_BETWEEN = re.compile(r"\band\b")
# what joins a clause of other people to the one of the counted people
_NEXT_CLAUSE = re.compile(r",|;|\b(?:and|after|when|where|while|as|before|because|until|in which|during which)\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _other_predicate() -> re.Pattern:
    """A verb in the past right after counted people, with its auxiliary: "fled", "had pulled out", "were
    evacuated" (regular -ed forms, and the irregular ones of verb_forms_irregular.tsv)."""
    irregular = {f for r in load_table("verb_forms_irregular.tsv") for f in (r["past"] + "|" + r["participle"]).split("|") if f}
    return re.compile(rf"\s+(?:(?:had|have|has|were|was|had been|have been|were being)\s+)?(?:\w+ly\s+)?"
                      rf"(?:[a-z]{{2,}}ed|{alternation(irregular)})\b")


# from the joint of the clauses to the fate word, when that clause's subject is still the counted people:
# "were identified and detained", "maneuvered to ambush the force, and they were killed"
_SAME_SUBJECT_GAP = re.compile(r"\s*(?:(?:they|who|all|both)\s+)?(?:(?:were|was|had been|have been|are|is|being)\s+)?"
                               r"(?:\w+ly\s+)?(?:(?:later|then|eventually)\s+)?", re.IGNORECASE)


def _other_subject_before(text: str, start: int, cue_start: int) -> bool:
    """Whether a clause joined after ``start`` has a subject of its own before the fate word at ``cue_start``."""
    joint = None
    for joint in _NEXT_CLAUSE.finditer(text, start, cue_start):
        pass
    return joint is not None and not _SAME_SUBJECT_GAP.fullmatch(text, joint.end(), cue_start)


def _subject_of_other_verb(text: str, span: Span, cues: list[_Cue]) -> int | None:
    """Where the verb ends that the counted people ``span`` are the subject of, when it is no fate word
    ("300 residents fled"); None when they are the subject of a fate word or of none."""
    m = _other_predicate().match(text, span.end)
    if m is None or any(span.end <= c.start < m.end() for c in cues):
        return None
    return m.end()


@lru_cache(maxsize=1)
def _losing() -> re.Pattern:
    """claim_losing.tsv: the verbs of losing whose counted people are the dead."""
    return re.compile("|".join(f"(?:{w})" for w in load_lines("claim_losing.tsv")[1:]), re.IGNORECASE)


@lru_cache(maxsize=1)
def _addition() -> re.Pattern:
    """claim_additions.tsv: between a fate word and more people it counts ("killed plus the two bombers")."""
    words = "|".join(f"(?:{w})" for w in load_lines("claim_additions.tsv")[1:])
    return re.compile(rf"\s+(?:\w+ly\s+)?(?:{words})\s+(?:(?:the|a|an|one|their|its|his|her)\s+)?", re.IGNORECASE)


def _added_after(text: str, cue_end: int, start: int) -> re.Match | None:
    """The words from a fate word to a count or a person it adds: " plus the ", " as well as "."""
    return _addition().fullmatch(text, cue_end, start)

_COORDINATOR = re.compile(r"^\s*(?:,|,?\s*(?:or|and|and/or))\s*$")


def _coordinated(cue: _Cue, cues: list[_Cue], text: str) -> list[_Cue]:
    """A fate word and those joined to it: "killed or wounded", "killed, wounded and missing"."""
    chain = [cue]
    for other in cues:
        if other.start >= chain[-1].end and _COORDINATOR.match(text[chain[-1].end : other.start]):
            chain.append(other)
    return chain


_BARE_COUNT_REACH = 20  # characters: "killing two", "the toll rose to 12" — not "detained two and seized two rifles"


def _gap(span: Span, cue: _Cue) -> int:
    return cue.start - span.end if cue.start >= span.end else span.start - cue.end


_TOLL = re.compile(r"(?:death )?toll|casualties|losses|fatalities", re.IGNORECASE)
_TOLL_REACH = 40  # characters from a toll word to the figure it is said to be


def _bare_count_applies(text: str, span: Span, cue: _Cue) -> bool:
    """ "Two killed", "Ten Kiev military killed", "killing two": the fate word stands beside the
    number. (Numbers of things — "two rifles", "one grave" — are not counts at all: counts_things.tsv.)"""
    if cue.end <= span.start and _TOLL.fullmatch(text, cue.start, cue.end):
        # "the death toll in Ukraine reportedly nears 20,000"; "the death toll from the attacks in Goma has climbed to 27"
        return _gap(span, cue) <= _TOLL_REACH or _risen_to(text, cue.end, span.start)
    if cue.end <= span.start and _NUMBER_OF.search(text, max(0, cue.start - _NUMBER_OF_REACH), cue.start):
        return _risen_to(text, cue.end, span.start)  # "the number of people killed in the shelling has risen to 14"
    return _gap(span, cue) <= _BARE_COUNT_REACH


_NUMBER_OF = re.compile(r"\b(?:number|count|tally) of\b[^,;:]*$", re.IGNORECASE)
_NUMBER_OF_REACH = 40  # characters before a fate word searched for "the number of"
_RISE_REACH = 100  # characters from a toll word to the figure a rise verb gives it


@lru_cache(maxsize=1)
def _toll_rise() -> re.Pattern:
    hedge = r"(?:(?:at least|more than|over|nearly|almost|about|around|some) )?"
    return re.compile(rf"\b(?:{'|'.join(load_lines('claim_toll_rises.txt'))})\s+{hedge}$".replace(" ", r"\s+"), re.IGNORECASE)


def _risen_to(text: str, start: int, end: int) -> bool:
    """Does a rise verb ("has climbed to", "stands at") end the words between a toll and a figure, in one clause?"""
    if end - start > _RISE_REACH:
        return False
    rise = _toll_rise().search(text, start, end)
    return rise is not None and not _CLAUSE_EDGE.search(text, start, rise.start())


@lru_cache(maxsize=1)
def _not_toll_patterns() -> tuple[re.Pattern, re.Pattern]:
    """claim_not_tolls.tsv: the words before and the words after a count that make it no toll of its own."""
    rows = [r for r in load_table("claim_not_tolls.tsv") if r["kind"] != "part"]
    before = "|".join(f"(?:{r['pattern']})" for r in rows if r["position"] == "before")
    after = "|".join(f"(?:{r['pattern']})" for r in rows if r["position"] == "after")
    return re.compile(before, re.IGNORECASE), re.compile(after, re.IGNORECASE)


@lru_cache(maxsize=1)
def _part_before() -> re.Pattern:
    """claim_not_tolls.tsv, kind part: the words before a count of a part of people already counted."""
    rows = [r for r in load_table("claim_not_tolls.tsv") if r["kind"] == "part" and r["position"] == "before"]
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows), re.IGNORECASE)


_NOT_TOLL_REACH = 40  # characters before a count searched for the words that make it no toll


@lru_cache(maxsize=1)
def _own_words() -> re.Pattern:
    """claim_own_words.tsv: the words opening a denier's own account ("..., saying three died")."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in load_table("claim_own_words.tsv")), re.IGNORECASE)


@lru_cache(maxsize=1)
def _own_words_before() -> re.Pattern:
    return re.compile(rf"(?:{_own_words().pattern})\s*$", re.IGNORECASE)


def _opens_own_words(text: str, start: int, floor: int) -> bool:
    """Whether a clause starting at ``start`` opens with, or right follows, a denier's own-account words."""
    return bool(_own_words().match(text, start) or _own_words_before().search(text, max(floor, start - 30), start))


@lru_cache(maxsize=1)
def _reference_before() -> re.Pattern:
    """claim_reference.tsv: the words before a count that point back to people counted before ("the two")."""
    return re.compile("|".join(f"(?:{r['pattern']})" for r in load_table("claim_reference.tsv")), re.IGNORECASE)


def _refers_to_counted(text: str, count: Mention, sentence: Span) -> bool:
    # before the count, or before its number where the count holds its word ("all" is a hedge: "all 12 fighters")
    starts = {count.span.start, (count.attrs.get("number_span") or count.span).start}
    return any(_reference_before().search(text, max(sentence.start, start - _NOT_TOLL_REACH), start) for start in starts)


def _no_toll_of_its_own(text: str, count: Mention, sentence: Span) -> bool:
    """How many live somewhere, or who was asked (claim_not_tolls.tsv)."""
    before, after = _not_toll_patterns()
    start = count.span.start
    if before.search(text, max(sentence.start, start - _NOT_TOLL_REACH), start):
        return True
    ends = {count.attrs["number_span"].end if count.attrs.get("number_span") else count.span.end, count.span.end}
    return any(after.match(text, end, min(sentence.end, end + _NOT_TOLL_REACH)) for end in ends)


def _merge_measures(cues: list[_Cue]) -> list[str]:
    out: list[str] = []
    for c in cues:
        for m in c.measures:
            if m not in out:
                out.append(m)
    return out


def _subject_text(text: str, count: Mention, sentence: Span) -> tuple[str | None, Span | None]:
    """The counted people as written: the noun and a following "from/of ..." phrase."""
    noun_span: Span | None = count.attrs.get("noun_span")
    if noun_span is None:
        return None, None
    end = noun_span.end
    tail = _SUBJECT_TAIL.match(text[end : sentence.end])
    if tail:
        end += len(tail.group(0).rstrip())
    return text[noun_span.start : end], Span(noun_span.start, end)


def _subject_side(text: str, count: Mention, subject_span: Span | None, cue: _Cue, sentence: Span) -> str | None:
    """The side of the counted people, from the words that modify them, nearest first: adjectives
    between number and noun and the "from/of" phrase ("55 soldiers from one elite Russian regiment"),
    then the words just before ("Russian troops lost 50", "the Russian death toll ... 20,000")."""
    if subject_span is not None:
        # "Russian shelling kills three civilians": the side word before the number is the shelling's
        return side_of(text[count.span.start : subject_span.end])
    if _verb_before_its_object(text, cue, count):
        return None  # "Russian shelling kills three": the words before the verb are the killer's, not the dead's
    head = cue if subject_span is None and cue.end <= count.span.start else None
    anchor = head.start if head else count.span.start
    lead_in = text[max(sentence.start, anchor - _SIDE_LEAD_IN) : (head.end if head else anchor)]
    edge = None
    for edge in _CLAUSE_EDGE.finditer(lead_in):
        pass
    return side_of(lead_in[edge.end() :] if edge else lead_in)


_LOSS_VERB = re.compile(r"\b(?:lost|suffered|has taken|have taken|had taken|losing)\b")
_LOSS_VERB_BEFORE = re.compile(_LOSS_VERB.pattern + r"\s+(?:\W*\w+\s+){0,3}$")


def _loser_side(text: str, count: Mention, sentence: Span) -> str | None:
    """ "Russia had lost 322,190 troops": the side named before a losses verb is the side that lost them."""
    lead_in = text[max(sentence.start, count.span.start - 45) : count.span.start]
    m = _LOSS_VERB.search(lead_in)
    return side_of(lead_in[: m.start()]) if m else None


_HARM_VERB = re.compile(r"(?:kill|wound|injur|maim|execut|murder|massacr|slaughter|shoot|shot)\w*", re.IGNORECASE)


def _verb_before_its_object(text: str, cue: _Cue, count: Mention) -> bool:
    """A verb of harm in the active voice before the figure it acts on ("shelling kills three", "troops
    killed 12"): whoever stands before the verb did the harm. (A loss verb or a toll noun before a
    figure, "Russia lost 50", "the Russian death toll rose to 90", is the other way round.)"""
    return cue.end <= count.span.start and _HARM_VERB.fullmatch(text, cue.start, cue.end) is not None


def _cue_subject(text: str, cue: _Cue, sentence: Span) -> tuple[str, Span]:
    """With no counted noun, the subject is the toll itself: "Russian death toll in Ukraine"."""
    start = cue.start
    before = _SIDE_BEFORE_CUE.search(text, max(sentence.start, cue.start - 25), cue.start)
    if before:
        start = before.start()
    end = cue.end
    tail = _TOLL_TAIL.match(text, cue.end, sentence.end)
    if tail:
        end = tail.end()
    return text[start:end], Span(start, end)


class _UnitFor:
    """A unit named in a subject, or the unit an unnamed "regiment" in it refers to (one sentence either
    side): the first unit (in the units' order) that overlaps the subject, else the nearest unit of that
    echelon in the sentences around it. Built once per document: asked for every claim, the units were
    read whole each time (claims x units on text dense with both)."""

    def __init__(self, units: list[Mention], ctx: Context):
        self.ctx = ctx
        self.units = units
        self.overlapping = FirstOverlapping(units, lambda u: u.span)
        self.in_sentence: dict[int, list[int]] = {}  # sentence index -> positions in ``units``, in order
        for n, u in enumerate(units):
            idx = ctx.sentence_index(u.span)
            if idx is not None:
                self.in_sentence.setdefault(idx, []).append(n)

    def __call__(self, subject_span: Span | None, sentence_index: int) -> Mention | None:
        if subject_span is None:
            return None
        inside = self.overlapping(subject_span)
        if inside is not None:
            return inside
        echelon = _echelon_word().search(self.ctx.text, subject_span.start, subject_span.end)
        if not echelon:
            return None
        word = echelon.group(1).lower()
        near = []
        for n in sorted(n for idx in (sentence_index - 1, sentence_index, sentence_index + 1) for n in self.in_sentence.get(idx, ())):
            u = self.units[n]
            if (u.value.echelon or "").lower() == word:
                near.append((abs(u.span.start - subject_span.start), u))
        return min(near, key=lambda t: t[0])[1] if near else None


@lru_cache(maxsize=1)
def _echelon_word() -> re.Pattern:
    """The echelons from army to platoon (units_echelons.tsv, ranks 1 to 7), by their own one-word names."""
    words = [r["word"] for r in load_table("units_echelons.tsv")
             if r["word"] == r["echelon"] and r["plural"] == "0" and r["rank"] in ("1", "2", "3", "4", "5", "6", "7")
             and " " not in r["word"]]
    return re.compile(rf"\b({alternation(words)})\b", re.IGNORECASE)


def _place_in(places: list[Mention], sentence: Span) -> bool:
    return any(sentence.contains(p.span) and p.value.precision in ("exact", "near") for p in places)


def find_claims(
    ctx: Context,
    counts: list[Mention],
    units: list[Mention],
    places: list[Mention],
    dates: list[Mention],
    people: list[Mention],
    attributions: list[Attribution | None],
) -> list[Claim]:
    """Every casualty claim in the document. ``attributions`` are ``attribution.attribute``'s, one per
    sentence: who says what; ``people`` the people stage's names (a named person killed is a claim of one)."""
    text = ctx.text
    claims: list[Claim] = []
    doubted: dict[int, Hedge] = {}  # figure → the "not confirmed" hedge said of it
    previous: Claim | None = None

    counts_in = by_sentence(ctx.sentences, counts, lambda m: m.span)
    places_in = by_sentence(ctx.sentences, places, lambda m: m.span)
    people_in = by_sentence(ctx.sentences, people, lambda m: m.span)
    unit_for = _UnitFor(units, ctx)
    place_of_origin = FirstOverlapping([p for p in places if p.value.country], lambda m: m.span)
    named_ids: set[int] = set()  # the claims of people named one by one
    parts: dict[int, Claim] = {}  # a claim of a part of people ("including five women") → the claim of them all
    others: set[int] = set()  # the claims of people other than those counted before ("also detained two")
    referring: set[int] = set()  # the claims whose count points back to people counted before ("the two")
    sentence_at: dict[int, int] = {}  # claim → the index of its sentence
    cue_of: dict[int, int] = {}  # claim → where its fate word stands
    sentence_of: dict[int, int] = {}
    for index, sentence in enumerate(ctx.sentences):
        s_text = text[sentence.start : sentence.end]
        cues = sentence_measure_cues(ctx, sentence)
        hedges = sentence_hedges(ctx, sentence)
        attribution = attributions[index]
        sentence_counts = counts_in[index]
        for hedge in hedges:
            if hedge.applies == "figure":
                for c in sentence_counts:
                    figure = figure_of(c.value)
                    if figure is not None:
                        doubted[figure] = hedge

        made: list[Claim] = []
        used_cues: set[int] = set()  # fate words a count has taken
        cue_at: dict[int, int] = {}  # index in made → where the fate word of its claim stands
        others_ids: set[int] = set()  # indexes in made of the claims of others than those counted before
        counted: list[Span] = []  # the counted people as written ("6 members of one family")
        claim_of_count: dict[int, tuple[Claim, int]] = {}  # count → its claim, and where its people's words end
        told_by: dict[int, str] = {}  # a figure told again → who tells it ("volunteers put the figure at 30")
        for count in sentence_counts:
            if any(s.contains(count.span) for s in counted):
                continue  # "one" in "6 members of one family" counts no one of its own
            applied = _cues_for(count, cues, text)
            if not applied:
                again = _figure_told_again(text, count, sentence, claims + made)
                if again is not None:
                    made.append(again[0])
                    told_by[id(again[0])] = again[1]
                continue
            if (count.attrs.get("noun_span") is None and not _bare_count_applies(text, count.span, applied[0])
                    and not any(_PARTITIVE.fullmatch(text, count.span.end, c.start) for c in cues)):
                continue  # a number with no people-noun is a casualty figure only beside its fate word
            if _no_toll_of_its_own(text, count, sentence):
                continue  # "a town of 19,000", "interviews with 28 people"
            used_cues.update(c.start for c in applied)  # (one that is not leaves the fate word to others)
            subject_text, subject_span = _subject_text(text, count, sentence)
            if subject_span is not None:
                counted.append(subject_span)
            measures = _merge_measures(applied)
            if measures == ["losses"] and count.attrs.get("noun_span") is not None and _losing().fullmatch(text, applied[0].start, applied[0].end):
                measures = ["killed"]  # "the brigade lost 150 marines": the dead, as analysts read it
            core = Span(min(count.span.start, *(c.start for c in applied)), max(count.span.end, *(c.end for c in applied)))
            if subject_span is not None:
                core = core.cover(subject_span)
            value = count.value
            if count.attrs.get("noun_span") is not None:
                cue_before = applied[0].end <= count.span.start
                family = _family(measures)
                counted_so = any(_family(c.measure) == family and (least_of(c.count) or 0) > 0
                                 for c in claims + made if c.count is not None)
                joined, joined_start, coordinated = _people_joined_before(
                    text, count, applied[0].end if cue_before else sentence.start, people_in[index], counted_so)
                if joined:
                    value = _plus(value, joined)
                    core = core.cover(Span(joined_start, count.span.start))
                number_end = (count.attrs.get("number_span") or count.span).end
                if not coordinated and _says_others(text, applied[0], number_end, count.span.end, sentence):
                    others_ids.add(len(made))
            evidence = clause_around(text, sentence, core)
            unit = unit_for(subject_span, index)
            side = _subject_side(text, count, subject_span, applied[0], sentence)
            loser = "losses" in applied[0].measures or _LOSS_VERB_BEFORE.search(text, max(sentence.start, count.span.start - 30), count.span.start)
            if side is None and loser:
                side = _loser_side(text, count, sentence)
            if side is None and unit is not None:
                side = unit.value.side
            if side is None and subject_span is not None:
                side = _side_of_origin(place_of_origin, subject_span, count.attrs.get("group"))
            if side is None and count.attrs.get("group") == "civilians":
                side = _side_of_place(places_in[index], sentence, text)
            if subject_text is None and not _verb_before_its_object(text, applied[0], count):
                subject_text, _ = _cue_subject(text, applied[0], sentence)
            whole = _whole_of_part(text, count, sentence, made, measures, claims)
            made.append(
                Claim(
                    id="",
                    measure=measures,
                    subject=Subject(
                        text=subject_text,
                        side=side,
                        group=count.attrs.get("group") or "unknown",
                        unit_id=unit.value.id if unit else None,
                    ),
                    count=value,
                    evidence=evidence,
                )
            )
            cue_at[len(made) - 1] = applied[0].start
            if _refers_to_counted(text, count, sentence):
                referring.add(id(made[-1]))
            claim_of_count[id(count)] = (made[-1], max((subject_span or count.span).end, *(c.end for c in applied)))
            if whole is not None:
                parts[id(made[-1])] = whole
        made.extend(_breakdown_claims(text, sentence, sentence_counts, claim_of_count, parts))
        made.extend(_singular_claims(ctx, sentence, cues, used_cues))
        made.extend(_one_referred_to(ctx, sentence, cues, used_cues, claims + made))
        named = _named_person_claims(ctx, sentence, cues, used_cues, people_in[index], made)
        named_ids.update(id(c) for c in named)
        made.extend(named)
        _others_like_the_first(made, text)
        made.extend(_admissions(ctx, sentence, made))
        made.extend(_zero_claims(ctx, sentence, made))
        if not made:
            made.extend(_denial(ctx, sentence, attribution, cues))
        for n, claim in enumerate(made):
            cue = _cue_of(claim, cues, cue_at.get(n))
            if cue is None:
                continue
            cue_of[id(claim)], sentence_of[id(claim)] = cue.start, index
            if n in others_ids or (n not in cue_at and _says_others(text, cue, *_people_span(text, claim), sentence)):
                others.add(id(claim))

        turn = second_speaker(s_text, sentence.start, people_in[index], attribution,
                              ctx.scans.claimants.within(sentence.start, sentence.end),
                              ctx.scans.reporting_verbs.within(sentence.start, sentence.end)) if made else None
        for claim in made:
            # a claim told after the sentence turns to a second speaker, in what that speaker says, is theirs
            # (not one the second clause speaks of: '... "eliminated 200", a claim Kyiv dismissed')
            told_at = cue_of.get(id(claim), claim.evidence.start if claim.evidence is not None else None)
            said_by = (turn[1] if turn is not None and told_at is not None and turn[1].span is not None
                       and told_at >= max(turn[0], turn[1].span.end) else attribution)
            claim_hedges = _hedges_of(claim, hedges, text, sentence)
            if claim.evidence is not None and _opens_own_words(text, claim.evidence.start, sentence.start):
                # "refuted reports that 30 were killed, saying three died": the three are the speaker's own account
                own_from = claim.evidence.start - sentence.start
                claim_hedges = [h for h in claim_hedges if h.certainty != "denied" or h.start >= own_from]
                if said_by is not None and said_by.verb_certainty == "denied":
                    said_by = Attribution(said_by.claimant, said_by.via, None, said_by.span)
            _attribute_claim(claim, said_by, claim_hedges, sentence.start)
            if told_by.get(id(claim)):
                claim.claimant, claim.via = claimant_named(told_by[id(claim)]), []
            claim.scope = _scope(claim, s_text, previous, _place_in(places_in[index], sentence),
                                 claim.evidence.start - sentence.start if claim.evidence else 0)
            if claim.subject.side is None and previous is not None and _refers_back(s_text):
                claim.subject.side = previous.subject.side
            if claim.subject.side is None and claim.evidence and _FIRST_PERSON_PLURAL.search(text, claim.evidence.start, claim.evidence.end):
                claim.subject.side = claim.claimant.side  # "We have significant losses": the speaker's own side
            previous = claim
            sentence_at[id(claim)] = index
        claims.extend(made)

    for claim in claims:
        figure = figure_of(claim.count)
        if figure is not None and figure in doubted:
            claim.certainty = stronger(doubted[figure].certainty, claim.certainty)
    _apply_disclaimers(ctx, claims, counts)
    claims = _without_totals_told_by_name(ctx.text, claims, named_ids)
    claims, told_again = _without_references_told_again(claims, referring)
    settings = _Settings(ctx, places, dates, sentence_at)
    distinct = named_ids | others | set(parts)  # people named one by one, others besides, parts: each its own
    claims, retold = _without_details_told_again(claims, settings, distinct)
    told_again.update(retold)
    claims = one_claim_per_statement(claims, title_lines(text))
    for n, claim in enumerate(claims, 1):
        claim.id = f"c{n}"
    kept = {id(c) for c in claims}
    for claim in claims:
        whole = parts.get(id(claim))
        whole = told_again.get(id(whole), whole)  # "among the seven killed were two soldiers": a part of the seven
        if whole is not None and id(whole) in kept:
            claim.part_of = whole.id
    titles = title_lines(text)
    in_body = [c for c in claims if not (c.evidence and any(t.contains(c.evidence) for t in titles))]
    in_body.sort(key=lambda c: cue_of.get(id(c), c.evidence.start if c.evidence else 0))  # in the order they are told
    for claim_id, first in _link_additions(in_body, others, cue_of, sentence_of).items():
        next(c for c in claims if id(c) == claim_id).adds_to = first.id
    return claims


# between a claim's people (or a figure of its breakdown) and the next figure of the breakdown: the place of
# the one before, then a colon, dash, comma or "and"
_BREAKDOWN_GAP = re.compile(r"(?:\s+(?:in|at|near|on|from|of|across|around)\s+[^,:;.()]{1,60}?)?\s*(?P<joint>:|[-–—]|,?\s+and|,)\s*")
_BREAKDOWN_PLACE = re.compile(r"\s+(?:in|at|near|on|from)\s+(?:the\s+)?[A-Z][\w'’-]*(?:[\s-]+[A-Z][\w'’-]*)*")


def _breakdown_claims(text: str, sentence: Span, counts: list[Mention], claim_of_count: dict[int, tuple[Claim, int]],
                      parts: dict[int, Claim]) -> list[Claim]:
    """Figures that go on with a claim's fate word and people, place by place: "killed 5 civilians: 2 in Bakhmut, 2
    in Siversk and 1 in Soledar" (parts of the five, after a colon, dash or comma), "killed two civilians in
    Bakhmut and one in Kostiantynivka" (one more, after "and") — a claim each, of the same measures and people."""
    out: list[Claim] = []
    last: tuple[Claim, int, Claim | None] | None = None  # the claim before, where its words end, the whole it is part of
    for count in counts:
        made = claim_of_count.get(id(count))
        if made is not None:
            last = (made[0], made[1], None)
            continue
        if last is None or count.attrs.get("noun_span") is not None or figure_of(count.value) is None:
            last = None
            continue
        claim, end, whole = last
        gap = _BREAKDOWN_GAP.fullmatch(text, end, count.span.start)
        number_end = (count.attrs.get("number_span") or count.span).end
        place = _BREAKDOWN_PLACE.match(text, number_end, sentence.end)
        if gap is None or place is None:
            last = None
            continue
        if whole is None and claim in out:
            whole = parts.get(id(claim))
        elif whole is None and gap.group("joint") != "and" and not gap.group("joint").endswith("and"):
            whole = claim  # "3 residents: 2 in Kostiantynivka ..." tells the three apart
        part = Claim(id="", measure=list(claim.measure),
                     subject=Subject(text=text[count.span.start : place.end()], side=claim.subject.side,
                                     group=claim.subject.group, unit_id=claim.subject.unit_id),
                     count=count.value, evidence=clause_around(text, sentence, Span(count.span.start, place.end())))
        if whole is not None:
            parts[id(part)] = whole
        out.append(part)
        last = (part, number_end, whole)
    return out


# the words that give another figure for what a claim before counted: "put the figure at about 50", "the
# brigade's own count is about a dozen", "estimated the toll at 40"
_FIGURE_AT = re.compile(r"\b(?:put|puts|putting|estimated?|estimates|placed?|places)\s+(?:the|that|this|its|their)\s+"
                        r"(?:(?:death|own|real|true|overall|total)\s+)?(?:figure|number|toll|count|total)\s+at\s+$"
                        r"|\b(?:own|real|true)\s+(?:figure|number|toll|count)\s+(?:is|was|stands at|stood at|of)\s+$", re.IGNORECASE)
_TOLD_AGAIN_REACH = 60  # characters before a figure searched for those words


_SPEAKER_EDGE = re.compile(r"[,;:\"“”]|\b(?:while|whereas|but|and|that|although)\s", re.IGNORECASE)
_SPEAKER_TAIL = re.compile(r"(?:['’]s|\s+(?:has|have|had|now|later|also))+$", re.IGNORECASE)


def _figure_told_again(text: str, count: Mention, sentence: Span, before: list[Claim]) -> tuple[Claim, str] | None:
    """Another account of the figure a claim before gave, with no fate word of its own: "the defence ministry said
    at least 10 died, while volunteers put the figure at about 30" — a claim of 30 of the same people."""
    if figure_of(count.value) is None and count.value.qualifier != "vague":
        return None
    words = _FIGURE_AT.search(text, max(sentence.start, count.span.start - _TOLD_AGAIN_REACH), count.span.start)
    if words is None:
        return None
    speaker_start = sentence.start
    for edge in _SPEAKER_EDGE.finditer(text, sentence.start, words.start()):
        speaker_start = edge.end()
    speaker = _SPEAKER_TAIL.sub("", text[speaker_start : words.start()].strip())
    earlier = next((c for c in reversed(before) if c.count is not None and c.evidence is not None
                    and c.evidence.end <= count.span.start), None)
    if earlier is None:
        return None
    return Claim(id="", measure=list(earlier.measure),
                 subject=Subject(text=earlier.subject.text, side=earlier.subject.side, group=earlier.subject.group,
                                 unit_id=earlier.subject.unit_id),
                 count=count.value, evidence=clause_around(text, sentence, count.span)), speaker


def _people_span(text: str, claim: Claim) -> tuple[int, int]:
    """Where a claim's people are written inside its evidence (empty when they are not)."""
    if claim.evidence is None or not claim.subject.text:
        return 0, 0
    at = text.find(claim.subject.text, claim.evidence.start, claim.evidence.end)
    return (at, at + len(claim.subject.text)) if at >= 0 else (0, 0)


def _cue_of(claim: Claim, cues: list[_Cue], at: int | None) -> _Cue | None:
    """The fate word a claim of the sentence was made from: the one recorded, else the first of its
    measures inside its evidence."""
    if at is not None:
        return next((c for c in cues if c.start == at), None)
    if claim.evidence is None:
        return None
    return next((c for c in cues if claim.evidence.start <= c.start < claim.evidence.end
                 and list(c.measures) == list(claim.measure)), None)


def _whole_of_part(text: str, count: Mention, sentence: Span, made: list[Claim], measures: list[str],
                   earlier: list[Claim]) -> Claim | None:
    """The claim whose people a count is a part of: "killing 12 civilians, including five women" — the
    claim of twelve made just before it in the sentence (``made``), with the same measures; or, where the
    sentence has made no claim before them, the last such claim of the sentences before (``earlier``)."""
    words = _part_before().search(text, max(sentence.start, count.span.start - _NOT_TOLL_REACH), count.span.start)
    if words is None:
        return None
    # "... killed nine people. Among the dead were three children", "He said the wounded included two linemen":
    # words of a part in a sentence that has counted no one before them point back to the claim before it
    candidates = made if made else earlier
    return next((c for c in reversed(candidates) if c.measure == measures and figure_of(c.count) and c.evidence
                 and c.evidence.start < count.span.start), None)


_TITLE_LINE = re.compile(r"[^\n\u2028]+")
_TITLE_WORDS = 30  # a longer line that does not end a sentence is prose cut short, not a title


def title_lines(text: str) -> list[Span]:
    """Lines that are titles: more text follows, and the line does not end a sentence ("Russian shelling
    kills three civilians, governor says"). Wherever they stand, so a report keeps its headline whatever
    comes before it."""
    spans = []
    for m in _TITLE_LINE.finditer(text):
        line = m.group(0).rstrip()
        if not line.strip() or line[-1:] in ".!?\"”'’" or len(line.split()) > _TITLE_WORDS or not text[m.end():].strip():
            continue
        spans.append(Span(m.start(), m.start() + len(line)))
    return spans


def _same_statement(a: Claim, b: Claim) -> bool:
    """Two claims that say the same: the same measures of the same people, the same figure."""
    return (_same_number(a.count, b.count) and a.measure == b.measure
            and a.subject.group == b.subject.group and a.subject.side == b.subject.side and a.scope == b.scope)


def _same_number(a: Count | None, b: Count | None) -> bool:
    """The same figure, or the same vague word ("dozens" in the headline and the body)."""
    if a is None or b is None:
        return False
    figure = figure_of(a)
    if figure is not None:
        return figure == figure_of(b)
    return a.qualifier == b.qualifier == "vague" and a.usual_low == b.usual_low and figure_of(b) is None


def one_claim_per_statement(claims: list[Claim], titles: list[Span]) -> list[Claim]:
    """A headline and the body saying the same thing are one claim with two pieces of evidence: the body's
    claim (it holds who says so, in full) keeps the headline's words as ``restated``, and the stronger
    doubt of the two."""
    if not titles:
        return claims
    in_title = lambda c: c.evidence is not None and any(t.contains(c.evidence) for t in titles)  # noqa: E731
    body = [c for c in claims if not in_title(c)]
    told_again: set[int] = set()
    for claim in claims:
        if claim in body:
            continue
        same = next((b for b in body if _same_statement(claim, b) and claim.evidence not in b.restated), None)
        if same is None:
            continue
        told_again.add(id(claim))
        same.restated.append(claim.evidence)
        same.certainty = stronger(same.certainty, claim.certainty)
        if same.claimant.name is None and claim.claimant.name is not None:
            same.claimant, same.via = claim.claimant, claim.via
    return [c for c in claims if id(c) not in told_again]


def _same_people(a: Claim, b: Claim) -> bool:
    """Two claims that may count the same people: the same measures, scope and figure, and no group or side
    told that differs (one that says none — "the two" — fits any)."""
    return (_same_number(a.count, b.count) and a.measure == b.measure and a.scope == b.scope
            and (a.subject.group == b.subject.group or "unknown" in (a.subject.group, b.subject.group))
            and (a.subject.side == b.subject.side or None in (a.subject.side, b.subject.side)))


def _without_references_told_again(claims: list[Claim], referring: set[int]) -> tuple[list[Claim], dict[int, Claim]]:
    """ "Shelling killed two civilians ... The two were killed when a shell hit their house": a count that points
    back ("the two", "those 12 fighters") at the same figure of the same fate a claim before it gave is that claim
    told again — one statement, so one claim, which keeps the later words as ``restated``, the stronger doubt of
    the two, and their claimant if it had none. A count that points back at a figure no claim gave stays a claim.
    Returns the claims left, and for each claim told again the claim it told again."""
    told_again: dict[int, Claim] = {}
    for n, claim in enumerate(claims):
        if id(claim) not in referring or claim.evidence is None:
            continue
        first = next((c for c in reversed(claims[:n]) if id(c) not in told_again and c.evidence is not None
                      and c.evidence.start < claim.evidence.start and _same_people(c, claim)), None)
        if first is None:
            continue
        told_again[id(claim)] = first
        first.restated.append(claim.evidence)
        first.certainty = stronger(first.certainty, claim.certainty)
        if first.claimant.name is None and claim.claimant.name is not None:
            first.claimant, first.via = claim.claimant, claim.via
        if first.subject.group == "unknown":
            first.subject.group = claim.subject.group
        first.subject.side = first.subject.side or claim.subject.side
    return [c for c in claims if id(c) not in told_again], told_again


def _same_kind_told(a: Claim, b: Claim) -> bool:
    """With no word pointing back, people of a side or a kind are the same only as people of the same one, or
    as people told of none ("three died", "two individuals"): "killing two insurgents" and "killed two Spanish
    soldiers" are other people."""
    if "unknown" in (a.subject.group, b.subject.group):
        return a.subject.side == b.subject.side or (a if a.subject.side is None else b).subject.group == "unknown"
    return a.subject.side == b.subject.side and _head_noun(a) == _head_noun(b)


def _head_noun(claim: Claim) -> str | None:
    words = (claim.subject.text or "").lower().split()
    return words[-1].removesuffix("s") if words else None


class _Settings:
    """Where and when each sentence says things happened: the places and dates it names, as written."""

    def __init__(self, ctx: Context, places: list[Mention], dates: list[Mention], sentence_at: dict[int, int]):
        named = by_sentence(ctx.sentences, places + dates, lambda m: m.span)
        self.named = [{ctx.text[m.span.start : m.span.end].lower() for m in found} for found in named]
        self.sentence_at = sentence_at

    def same_setting(self, first: Claim, later: Claim) -> bool:
        """Nothing between the two tellings (the later's sentence included) names a place or a date the
        first's sentence does not: no other incident has been told in between."""
        a, b = self.sentence_at.get(id(first)), self.sentence_at.get(id(later))
        if a is None or b is None or b <= a:
            return False
        return all(self.named[i] <= self.named[a] for i in range(a + 1, b + 1))


def _without_details_told_again(claims: list[Claim], settings: _Settings, distinct: set[int]
                                ) -> tuple[list[Claim], dict[int, Claim]]:
    """A lead and its detail: "Forces detained two suspected insurgents in Khost ... The security force detained
    two suspects for further questioning." A later sentence giving the same figure of the same fate of the same
    people, by the same claimant, with no place or date between the two that the first did not name and no other
    claim of that fate between them, tells the first statement again: one claim, the later words ``restated``.
    People named one by one, others besides those counted, and parts of a toll are never merged (``distinct``)."""
    told_again: dict[int, Claim] = {}
    kept: list[Claim] = []
    for claim in claims:
        first = None
        if id(claim) not in distinct and claim.evidence is not None and claim.count is not None:
            # the last claim of the same fate before this one: a lead told again has no other claim of it between
            first = next((c for c in reversed(kept) if c.measure == claim.measure), None)
            if first is not None and not (
                    id(first) not in distinct and first.evidence is not None and _same_people(first, claim)
                    and _same_kind_told(first, claim)
                    and first.claimant.name == claim.claimant.name and settings.same_setting(first, claim)):
                first = None
        if first is None:
            kept.append(claim)
            continue
        told_again[id(claim)] = first
        first.restated.append(claim.evidence)
        first.certainty = stronger(first.certainty, claim.certainty)
        if first.subject.group == "unknown":
            first.subject.group = claim.subject.group
        first.subject.side = first.subject.side or claim.subject.side
    return kept, told_again


def clause_around(text: str, sentence: Span, core: Span) -> Span:
    """The clause holding ``core``: from the last clause edge before it to the first after it."""
    start = sentence.start
    for m in _CLAUSE_EDGE.finditer(text, sentence.start, core.start):
        start = m.end()
    end = sentence.end
    m = _CLAUSE_EDGE.search(text, core.end, sentence.end)
    if m:
        end = m.start()
    while start < core.start and text[start].isspace():
        start += 1
    while end > core.end and (text[end - 1].isspace() or text[end - 1] in ".!?"):
        end -= 1
    return Span(start, end)


_DISCLAIMED = re.compile(r"\b(?:claims?|figures?|accounts?|reports?|numbers?|tolls?|statements?|assertions?|allegations?|information|neither|none)\b", re.IGNORECASE)


def _apply_disclaimers(ctx: Context, claims: list[Claim], counts: list[Mention]) -> None:
    """ "The claims could not be independently verified.": a sentence that doubts and counts nothing of
    its own speaks of the figures before it. Figures already admitted, denied or confirmed keep that."""
    counts_in = by_sentence(ctx.sentences, counts, lambda m: m.span)
    for index, sentence in enumerate(ctx.sentences):
        hedges = [h for h in sentence_hedges(ctx, sentence) if h.applies == "figure"]
        if not hedges or counts_in[index]:
            continue
        if not _DISCLAIMED.search(ctx.text, sentence.start, sentence.start + hedges[0].start):
            continue
        for claim in claims:
            if claim.evidence and claim.evidence.end <= sentence.start and claim.certainty in ("reported", "alleged"):
                claim.certainty = stronger(hedges[0].certainty, claim.certainty)


def _side_of_origin(place_of_origin: FirstOverlapping, subject_span: Span, group: str | None) -> str | None:
    """Servicemen "from Pskov" are on Pskov's country's side (``place_of_origin``: the places that have
    a country)."""
    if group != "military":
        return None
    place = place_of_origin(subject_span)
    return place.value.country if place is not None else None


_SPEAKER_AFTER_PLACE = re.compile(r"\s*(?:'s\s+\w+\s+)?")  # "Moscow | denies", "Kyiv's envoy | said"


# a headline's source after a dash or colon, ending its line: "... killed in the east: Kiev", "... - Kyiv military"
_SOURCE_MARK_BEFORE = re.compile(r"(?:\s[-–—]+|(?<=\w)[-–—]+|:)[ \t]*$")
_LINE_END_AFTER = re.compile(r"(?:['’]s)?(?:[^\S\n\u2028]+[\w'’-]+){0,2}[^\S\n\u2028]*(?=[\n\u2028]|\Z)")


def speaking_place(text: str, place: Mention) -> bool:
    """A capital that speaks ("Moscow denies ...", "Kyiv said") stands for a government, not a place; so
    does one that a headline names as its source ("Two soldiers killed in the east: Kiev")."""
    start, end = place.span.start, place.span.end
    after = _SPEAKER_AFTER_PLACE.match(text, end, min(len(text), end + 40))
    if speech_verb("capital_speaks").match(text, after.end(), min(len(text), end + 40)):
        return True
    if not (_SOURCE_MARK_BEFORE.search(text, max(0, start - 4), start) and _LINE_END_AFTER.match(text, end)):
        return False
    return any(h.start == 0 and h.end == end - start for h in claimant_table().scan(text[start:end]))


_OTHERS = re.compile(r"^(?:others?|more)$", re.IGNORECASE)


def _others_like_the_first(made: list[Claim], text: str) -> None:
    """ "killing three civilians and wounding 11 others": the others are more of the same people."""
    for previous, claim in zip(made, made[1:]):
        if claim.subject.text and _OTHERS.match(claim.subject.text.strip()):
            claim.subject.group = previous.subject.group
            claim.subject.side = claim.subject.side or previous.subject.side


_SIDE_OF_PLACES = re.compile(r"\b(\w+)\s+(?:cities|towns|villages|settlements|regions|territory|soil|homes)\b")


@lru_cache(maxsize=1)
def _singular_nouns() -> tuple[re.Pattern, dict[str, str]]:
    """Nouns for one person ("soldier", "woman", "driver") from the counted-noun lexicon, with their group."""
    groups = {}
    for row in load_table("counts_nouns.tsv"):
        form = row["form"].lower()
        # plurals without an -s are no one person either: "servicemen", "children", "people", "police"
        plural = (form.endswith("s") and not form.endswith("ss")) or form == row["noun"].lower() or form.endswith(("men", "ren"))
        if not plural:
            groups.setdefault(form, row["group"])
    words = alternation(groups, space=" ")
    # the words before the noun qualify it ("a 47-year-old woman", "a senior Islamic State leader")
    return re.compile(rf"(?:\b(?:a|an|one)\s+|^|(?<=\s))((?:(?:the|his|her|their)\s+)?(?:{_qualifier_word()}\s+){{0,4}})({words})\b", re.IGNORECASE), groups


# "no civilian was hurt" is nobody; "one more protester" is one, another than those counted before
_NEGATING_WORDS = frozenset({"no", "not"})
_OTHERS_WORDS = frozenset({"more"})


@lru_cache(maxsize=1)
def _qualifier_word() -> str:
    """One word that qualifies the noun of one person, or one organisation's name ("a senior [Islamic Movement
    of Uzbekistan] leader", "a [Boko Haram] bomb maker"): no function word ("the", "in", "and", "was"), which
    ends the person's words ("a man near the soldier" is a man)."""
    function_words = {r["word"] for r in load_table("stopwords.tsv") if r["language"] == "en"}
    stops = alternation(sorted((function_words | _NEGATING_WORDS) - _OTHERS_WORDS), space=" ")
    name = r"(?-i:[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*){0,4})"
    return rf"(?!(?:{stops}|one)\b)(?:{name}|\w[\w'’-]*)"


@lru_cache(maxsize=1)
def _noun_of_people_after() -> re.Pattern:
    """A noun of people right after a word ("insurgent fighters", "police officers"): lexicons/counts_nouns.tsv."""
    forms = [r["form"] for r in load_table("counts_nouns.tsv")]
    return re.compile(rf"[ \t]+(?:{alternation(forms, space=' ')})\b", re.IGNORECASE)  # on the same line


@lru_cache(maxsize=1)
def _conjoined_people() -> tuple[re.Pattern, re.Pattern]:
    """Another one person joined by "and" before or after a counted one ("a 60-year-old man and a woman
    were killed", "killing a driver and a passenger", "detained a leader and another associate"): each such
    person adds one to the claim."""
    words = alternation(_singular_nouns()[1], space=" ")
    one = rf"\b(?:a|an|one)\s+(?:{_qualifier_word()}\s+){{0,4}}(?:{words})\b"
    before = re.compile(rf"{one}\s*(?:,\s*(?:and\s+)?|\s+and\s+)$", re.IGNORECASE)
    another = one.replace("(?:a|an|one)", "(?:a|an|one|another|his|her|their)", 1)  # "a farmer and his wife"
    after = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+){another}", re.IGNORECASE)
    return before, after


@lru_cache(maxsize=1)
def _coordination() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """claim_coordination.tsv: one person joined before a count ("detained a bomb maker along with three
    suspects"), the words that make a claim's people others than those counted before ("two additional
    suspects"), and the adverb before a fate word that does ("police also arrested")."""
    rows = load_table("claim_coordination.tsv")
    kind = lambda k: "|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == k)  # noqa: E731
    words = alternation(_singular_nouns()[1], space=" ")
    one = rf"\b(?:a|an|one|the|his|their)\s+(?:(?!(?:and|a|an|one|the)\b)[\w'’-]+\s+){{0,5}}(?P<noun>{words})\b"
    joined_before = re.compile(rf"{one}\s*(?:{kind('joiner')})\s+$", re.IGNORECASE)
    others = re.compile(rf"\b(?:{kind('others')})\b", re.IGNORECASE)
    also = re.compile(rf"\b(?:{kind('also')})\s+(?:(?:been|be)\s+)?$", re.IGNORECASE)
    return joined_before, others, also


def _people_joined_before(text: str, count: Mention, floor: int, named: list[Mention] = (),
                          counted_before: bool = False) -> tuple[int, int, bool]:
    """How many people are joined before a count, each by a joiner, back to ``floor``, where the first of them
    starts, and whether anyone is joined: "captured a leader, a facilitator and two of their associates" —
    two more. Not people
    of another side or kind, who are a claim of their own ("one Ukrainian soldier, three rebels killed";
    "a civilian and two soldiers"). Once a claim before has counted people so, "the leader" joined to a count
    is most often one of them ("captured a leader ... detained the leader and two of his associates")."""
    joined_before = _coordination()[0]
    groups = _singular_nouns()[1]
    side, group = side_of(text[count.span.start : count.span.end]), count.attrs.get("group") or "unknown"
    people, start = 0, count.span.start
    while True:
        # a person named just before ("killed the commander Ahmad Shah and one other fighter")
        person = next((p for p in named if floor <= p.span.start and p.span.end < start
                       and _joiner_gap().fullmatch(text, p.span.end, start)), None)
        if person is not None:
            start, people = person.span.start, people + 1
            continue
        m = joined_before.search(text, max(floor, start - _JOINED_REACH), start)
        if m is None:
            break
        other = groups.get(m.group("noun").lower(), "unknown")
        if side_of(m.group(0)) != side or (other != group and "unknown" not in (other, group)):
            break
        if counted_before and _TOLD_BEFORE.match(m.group(0)):
            return people, start, True  # joined to one told of before: no "others" than those
        start, people = m.start(), people + 1
    return people, start, people > 0


_TOLD_BEFORE = re.compile(r"(?:the|his|their)\s", re.IGNORECASE)  # "the leader": one told of before


@lru_cache(maxsize=1)
def _joiner_gap() -> re.Pattern:
    """The words between a named person and a count joined to them (", along with", " and")."""
    joiners = "|".join(f"(?:{r['pattern']})" for r in load_table("claim_coordination.tsv") if r["kind"] == "joiner")
    return re.compile(rf",?\s*(?:{joiners})\s+", re.IGNORECASE)


_JOINED_REACH = 90  # characters: one person's words and the joiner before a count ("a Taliban bomb maker along with")


def _plus(count: Count, people: int) -> Count:
    """The count with ``people`` more counted beside it, of the same kind (a vague count stays vague)."""
    add = lambda v: None if v is None else v + people  # noqa: E731
    return Count(best=add(count.best), low=add(count.low), high=add(count.high), qualifier=count.qualifier,
                 usual_low=add(count.usual_low), usual_high=add(count.usual_high), exclusive=count.exclusive)


def _says_others(text: str, cue: _Cue, people_start: int, people_end: int, sentence: Span) -> bool:
    """Whether a claim counts people other than those a claim before it counted: an "others" word among
    its people's words ("two additional suspects", "one other insurgent"), or "also" before its fate word."""
    _, others, also = _coordination()
    if others.search(text, people_start, people_end):
        return True
    return bool(also.search(text, max(sentence.start, cue.start - 20), cue.start))


_OTHERS_FAMILY = frozenset({"captured", "detained"})
_SEIZED = ("captured",)


def _family(measures: list[str]) -> tuple[str, ...]:
    """Claims whose figures add up when one counts others: the dead with the dead, the captured with the
    detained."""
    return _SEIZED if set(measures) <= _OTHERS_FAMILY else tuple(sorted(measures))


def _link_additions(claims: list[Claim], others: set[int], cue_of: dict[int, int], sentence_of: dict[int, int]) -> dict[int, Claim]:
    """Each claim of others → the claim before it, of the same family, whose people they are more of: the
    last one that is no addition itself; or, in one sentence, the claim of an earlier fate word ("arrested a
    leader and detained three suspects": three more)."""
    out: dict[int, Claim] = {}
    last_root: dict[tuple[str, ...], Claim] = {}
    last: Claim | None = None
    for claim in claims:
        if claim.count is None or claim.scope != "incident" or claim.part_of is not None:
            continue
        family = _family(claim.measure)
        root = last_root.get(family)
        same_sentence = lambda c: c is not None and id(claim) in cue_of and sentence_of.get(id(c)) == sentence_of.get(id(claim))  # noqa: E731
        # "killing five and injuring three other passengers": others than the five, not than any injured before
        of_another_kind = same_sentence(last) and _family(last.measure) != family  # type: ignore[union-attr]
        # "arrested a leader and detained three suspects": three more; but "nine deaths ... the bodies of 18"
        # are two accounts of the dead, so only arrests told verb after verb add up
        earlier_verb = family == _SEIZED and same_sentence(root) and cue_of.get(id(root), -1) < cue_of[id(claim)]
        said_by_same = root is not None and (root.claimant.name == claim.claimant.name or None in (root.claimant.name, claim.claimant.name))  # another's figure is another account
        if root is not None and said_by_same and ((id(claim) in others and not of_another_kind) or earlier_verb):
            out[id(claim)] = root
        elif id(claim) not in others:
            last_root[family] = claim
        last = claim
    return out


_FATE_VERB = re.compile(r"\w+ed|died|dies|slain|dead", re.IGNORECASE)  # "Soldier dead after shelling" too
# a fate verb in the present tense of headlines ("Shell kills civilian", "Rebels kill soldier"): its
# singular object needs no article to be one person
_HEADLINE_VERB = re.compile(r"kill(?:s|ing)?", re.IGNORECASE)
# a fate told as a noun of one person's: "the death of a fighter", "reports death of border guard"
_FATE_NOUN = re.compile(r"death|killing|murder|execution", re.IGNORECASE)
_OF = re.compile(r"of\s", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"(?:the|this|that)\s", re.IGNORECASE)
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][\w'’-]+")  # on the same line: a headline's last word is followed by the body
# words between one person and the fate participle that hedge it ("officer reported killed", "journalist
# believed dead"): the person is still the one counted
_HEDGED_PARTICIPLE = r"(?:(?:reported|believed|confirmed|feared|presumed|found)\s+)?"
# what the noun of one person may take after it before its fate in a headline: "Mayor of border town
# killed", "Member of bomb disposal squad killed" (an "of" phrase of up to five words, no figure, no
# comma, no relative pronoun; with no auxiliary after it, which prose has: "a neighbour of the couple who
# were killed" is no one killed)
_OF_PHRASE = r"\s+of\s+(?:(?!(?:who|which|that|whom|whose)\b)[\w'’-]+\s+){0,4}?(?!(?:who|which|that|whom|whose)\b)[^\W\d][\w'’-]*"
# the words before a noun of one person that make it one person: "a driver", "his passenger" ("the driver"
# is most often one already counted: "detained a leader ... the leader was")
_ONE_PERSON_DETERMINER = re.compile(r"(?:a|an|one|his|her|their)\s", re.IGNORECASE)
_NO_BEFORE = re.compile(r"\b(?:no|not a|not one)\s+(?:[\w'’-]+\s+)?$", re.IGNORECASE)
_NO_AT_START = re.compile(r"(?:no|not a|not one)\s", re.IGNORECASE)

_LEADING_AND = re.compile(r"and\s+", re.IGNORECASE)
_SINGULAR_REACH = 70  # characters between "a 47-year-old woman" and "was killed", or "arrested" and "a senior ... leader"


def _singular_claims(ctx: Context, sentence: Span, cues: list[_Cue], used: set[int]) -> list[Claim]:
    """One person killed, wounded or captured, with no figure: "killing a woman", "a soldier was
    wounded", "Ukrainian soldier killed" — a claim of one."""
    text = ctx.text
    pattern, groups = _singular_nouns()
    out = []
    for cue in cues:
        if not set(cue.measures) & {"killed", "wounded", "captured", "missing", "detained"}:
            continue
        added = _addition().match(text, cue.end, sentence.end)
        if added is not None:  # "nine civilians killed plus the bomber": one more, whatever the article
            found = pattern.match(text, added.end(), min(sentence.end, added.end() + _SINGULAR_REACH))
            if found is None or any(parse_number(w) is not None for w in found.group(1).split()):
                continue  # "killed plus the two bombers": a count, made already
        elif cue.start in used:
            found = _one_joined_after_a_count(text, sentence, cue)
            if found is None:
                continue  # the fate word's people are a count's: "killing 12 civilians"
        else:
            after_at = cue.end + 1
            of = _OF.match(text, after_at) if _FATE_NOUN.fullmatch(text, cue.start, cue.end) else None
            if of is not None:
                after_at = of.end()  # "the death of a fighter", "death of border guard"
            after = pattern.match(text, after_at, min(sentence.end, cue.end + _SINGULAR_REACH)) if text[cue.end : cue.end + 1] == " " else None
            # "kills a soldier"; in headlines, which drop articles, "Sniper kills soldier" says as much
            article = after is not None and _ONE_PERSON_DETERMINER.match(after.group(0).lstrip()) is not None
            bare = after is not None and not _BACK_REFERENCE.match(after.group(0).lstrip()) and not (
                cue.start < len(text) and text[cue.start].islower() and _NAME_AFTER.match(text, after.end()))
            # "killing the insurgent" is one told of before; "the death of leader Shabeer" a person named
            found = after if after and (article or (bare and (of is not None or _HEADLINE_VERB.fullmatch(text, cue.start, cue.end)))) else None
        if found is None:
            window_start = max(sentence.start, cue.start - _SINGULAR_REACH)
            verb = _FATE_VERB.fullmatch(text, cue.start, cue.end) is not None
            for m in pattern.finditer(text, window_start, cue.start):
                gap = text[m.end() : cue.start]
                with_article = _ONE_PERSON_DETERMINER.match(m.group(0).lstrip()) is not None
                # "Ukrainian soldier killed" needs no article; "civilian casualties" is no single civilian
                if (with_article or verb) and re.fullmatch(rf"(?:\s+(?:(?:was|has been|had been|is|were)\s+)?|{_OF_PHRASE}\s+)(?:\w+ly\s+)?{_HEDGED_PARTICIPLE}", gap, re.IGNORECASE):
                    found = m
        if found is None:
            continue
        if text[found.end() : found.end() + 2] in ("'s", "’s"):
            continue  # "a woman's husband": the woman is not the one counted
        if _noun_of_people_after().match(text, found.end()):
            continue  # "killing insurgent fighters": the singular word modifies the people counted
        noun = found.group(2).lower()
        start = found.start() + (len(found.group(0)) - len(found.group(0).lstrip()))
        if _NO_BEFORE.search(text, max(sentence.start, start - 12), start) or _NO_AT_START.match(text, start, found.end()):
            continue  # "no soldier was killed": none (a zero statement), not one
        end, people = found.end(), 1
        before, after_one = _conjoined_people()
        if (lead := _LEADING_AND.match(text, start, end)) is not None and before.search(text, max(sentence.start, start - _SINGULAR_REACH), lead.end()):
            start = lead.end()  # "[a man] and a woman": the run began at "and"
        while (m := before.search(text, max(sentence.start, start - _SINGULAR_REACH), start)) is not None:
            start, people = m.start(), people + 1
        while (m := after_one.match(text, end, sentence.end)) is not None:
            end, people = m.end(), people + 1
        core = Span(min(start, cue.start), max(end, cue.end))
        subject = text[start:end]
        out.append(
            Claim(
                id="",
                measure=list(cue.measures),
                subject=Subject(text=subject, side=side_of(subject), group=groups.get(noun, "unknown")),
                count=Count(best=people, low=None, high=None, qualifier="exact"),
                evidence=clause_around(text, sentence, core),
                one_by_one=True,
            )
        )
    return out


_JOINED_AFTER_REACH = 70  # characters from a count's words to the fate word after "and the bomber"


@lru_cache(maxsize=1)
def _joined_after_a_count() -> re.Pattern:
    """ "4 soldiers and the attacker killed": one person joined by "and" after a counted group, before the fate
    word both share (the groups of the singular-noun pattern: the words before the noun, the noun)."""
    words = alternation(_singular_nouns()[1], space=" ")
    return re.compile(rf"(?P<count>(?:[\w'’-]+\s+){{1,4}}?)and\s+((?:the|a|an|its|their)\s+(?:{_qualifier_word()}\s+){{0,2}})({words})"
                      rf"\s+(?:(?:were|was|had been|have been)\s+)?$", re.IGNORECASE)


def _one_joined_after_a_count(text: str, sentence: Span, cue: _Cue) -> re.Match | None:
    """The one person joined after a count that the fate word ``cue`` counts ("4 SDF members and the attacker
    killed": the attacker is one more, of a claim of their own), when a figure stands in the words before
    "and"."""
    if not set(cue.measures) & {"killed", "wounded", "captured", "detained", "missing"}:
        return None
    found = _joined_after_a_count().search(text, max(sentence.start, cue.start - _JOINED_AFTER_REACH), cue.start)
    if found is None or not any(parse_number(w) is not None for w in found.group("count").split()):
        return None
    return _singular_nouns()[0].match(text, found.start(2), found.end(3))


# "killing the insurgent", "killed him", "he was later killed": one person told of before, whom the fate word
# counts when nothing before counted anyone so
_REFERRED_AFTER = re.compile(r"\s+(?:(?P<pronoun>him|her)\b|the\s+(?:[\w'’-]+\s+){0,2}?(?P<noun>[\w'’-]+)\b(?!['’]s|\s+(?:of|and)\b))", re.IGNORECASE)
_REFERRED_BEFORE = re.compile(r"\b(?P<pronoun>[Hh]e|[Ss]he)\s+(?:was|had been|has been)\s+(?:\w+ly\s+)?(?:later\s+|then\s+)?$")
_ACTING_ON_ONE = re.compile(r"kill(?:ed|ing)|shot dead", re.IGNORECASE)


def _one_referred_to(ctx: Context, sentence: Span, cues: list[_Cue], used: set[int], before: list[Claim]) -> list[Claim]:
    """One person killed told of by a pronoun or "the <noun>" ("killing the insurgent", "fired at the man and
    killed him", "He was later killed"), when no claim before counted anyone killed: a claim of one. (Once a
    figure is given, "the driver" is most often one of those already counted.)"""
    text = ctx.text
    groups = _singular_nouns()[1]
    out: list[Claim] = []
    for cue in cues:
        if cue.start in used or list(cue.measures) != ["killed"]:  # a detention told so is most often a witness's own
            continue
        family = _family(list(cue.measures))
        if any(_family(c.measure) == family and (least_of(c.count) or 0) > 0 for c in before + out if c.count is not None):
            continue
        m = _REFERRED_AFTER.match(text, cue.end, sentence.end) if _ACTING_ON_ONE.fullmatch(text, cue.start, cue.end) else None
        if m is not None and m.group("noun") and m.group("noun").lower() not in groups:
            m = None  # "killing the engine": no person
        if m is None and text[cue.start : cue.end].lower().endswith("ed"):
            m = _REFERRED_BEFORE.search(text, max(sentence.start, cue.start - 40), cue.start)
        if m is None:
            continue
        pronoun = m.group("pronoun")
        words = pronoun or m.group(0).strip()
        group = groups.get((m.group("noun") or "").lower(), "unknown") if m.groupdict().get("noun") else "unknown"
        core = Span(min(m.start("pronoun") if pronoun else m.start(), cue.start), max(m.end(), cue.end))
        out.append(Claim(id="", measure=list(cue.measures), subject=Subject(text=words, side=side_of(words), group=group),
                         count=Count(best=1, qualifier="exact"), evidence=clause_around(text, sentence, core),
                         one_by_one=True))
        used.add(cue.start)
    return out


_PERSON_FATES = frozenset({"killed", "wounded", "captured", "missing", "detained"})
# between a named person and the fate verb they are the subject of: appositions in commas (", 32, a
# steelworker from Kryvyi Rih,") and an auxiliary — nothing that speaks or acts
_NAMED_SUBJECT_GAP = re.compile(
    r"(?:\s*\([^()]{0,40}\))?(?:\s*,[^;:\"“”()]{0,160}?,)?\s*"
    r"(?:(?:was|were|is|are|has been|have been|had been|was later|were later)\s+)?"
    r"(?:(?:reportedly|allegedly|also|later|then|fatally|seriously|critically|badly|lightly)\s+)?", re.IGNORECASE)
_SPEECH_IN_GAP = re.compile(r"\b(?:said|says|say|told|tells|according|wrote|writes|reported|announced|added)\b", re.IGNORECASE)
# between two named people counted together: "Private A, 21, of X, and Corporal B"
_NAMED_AND = re.compile(r"(?:\s*,[^;:\"“”()]{0,120}?)?,?\s+and\s+(?:[A-Z][\w.'’-]*\s+){0,3}$")
# between a fate verb and the named person it acts on: "shot dead Vasyl K.", "killing the driver, Oleksandr K.",
# "detained opposition campaign coordinator Luis P."
_NAMED_OBJECT_GAP = re.compile(r"\s+(?:(?:the|a|an|his|her|their|its)\s+)?(?:[\w'’-]+\s+){0,5}?(?:[\w'’-]+,\s+)?", re.IGNORECASE)
_ACTING_FATE = re.compile(r"[\w-]+(?:ing|ed)|shot dead|shot and killed", re.IGNORECASE)
_VERB_IN_GAP = re.compile(r"\b(?:include[sd]?|including|among|is|are|was|were|has|have|had|and|or|by|in|on|at|near)\b", re.IGNORECASE)
_NAMED_REACH = 200  # characters from a named person to the fate verb they are the subject of


def _named_person_claims(ctx: Context, sentence: Span, cues: list[_Cue], used: set[int], people: list[Mention],
                         made: list[Claim]) -> list[Claim]:
    """People named as the ones killed, wounded, detained ...: "Sergeant A, 32, of X, was killed", "A and B
    died", "soldiers shot dead A", "police arrested A" — a claim of one for each person named (the names
    the people stage found), when no figure already counts them."""
    text = ctx.text
    out: list[Claim] = []
    for cue in cues:
        if cue.start in used or not set(cue.measures) & _PERSON_FATES:
            continue
        if any(c.evidence and c.evidence.start <= cue.start < c.evidence.end and set(c.measure) == set(cue.measures)
               for c in made + out):
            continue  # "killing a driver" already counted
        named = _named_subjects(text, cue, people) or _named_object(text, cue, people, sentence)
        if not named:
            continue
        start, end = named[0].span.start, named[-1].span.end
        subject = text[start:end]
        side = next((p.value.side for p in named if p.value.side), None)
        out.append(Claim(
            id="",
            measure=list(cue.measures),
            subject=Subject(text=subject, side=side, group=_group_of_named(named)),
            count=Count(best=len(named), qualifier="exact"),
            evidence=clause_around(text, sentence, Span(min(start, cue.start), max(end, cue.end))),
            one_by_one=True,
        ))
    return out


def _without_totals_told_by_name(text: str, claims: list[Claim], named_ids: set[int]) -> list[Claim]:
    """ "The council announced the deaths of two soldiers. Sergeant A was killed on Sunday ...; Private B
    died on Tuesday ...": the total is the named deaths told again, one statement — the named claims,
    which say who, when and who says so, stand for it. A total is dropped when the people named after it
    in its paragraph, with the same measures, add up to exactly its figure."""
    dropped: set[int] = set()
    for i, total in enumerate(claims):
        figure = figure_of(total.count)
        if id(total) in named_ids or not figure or figure < 2 or total.evidence is None:
            continue
        told = 0
        paragraph_end = text.find("\n\n", total.evidence.end)  # (found once, not sliced for every later claim)
        for later in claims[i + 1 :]:
            if later.evidence is None or 0 <= paragraph_end <= later.evidence.start - 2:
                break
            if id(later) in named_ids and later.measure == total.measure:
                told += figure_of(later.count) or 0
        if told == figure:
            dropped.add(id(total))
    return [c for c in claims if id(c) not in dropped]


def _named_subjects(text: str, cue: _Cue, people: list[Mention]) -> list[Mention]:
    """The named people a fate verb tells of as its subject, in order: "A, 21, and B, 24, died" gives both."""
    before = [p for p in people if p.span.end <= cue.start and cue.start - p.span.end <= _NAMED_REACH]
    if not before:
        return []
    last = before[-1]
    gap = text[last.span.end : cue.start]
    if not _NAMED_SUBJECT_GAP.fullmatch(gap) or _SPEECH_IN_GAP.search(gap):
        return []
    named = [last]
    for other in reversed(before[:-1]):
        if not _NAMED_AND.fullmatch(text[other.span.end : named[0].span.start]):
            break
        named.insert(0, other)
    return named


def _named_object(text: str, cue: _Cue, people: list[Mention], sentence: Span) -> list[Mention]:
    """The named person a fate verb acts on: "shot dead A", "killing the driver, A" (not "the dead
    soldiers include A": a fate adjective acts on nobody)."""
    if not _ACTING_FATE.fullmatch(text, cue.start, cue.end):
        return []
    after = next((p for p in people if p.span.start >= cue.end and sentence.contains(p.span)), None)
    if after is None or after.span.start - cue.end > 60:
        return []
    gap = text[cue.end : after.span.start]
    if not _NAMED_OBJECT_GAP.fullmatch(gap) or _SPEECH_IN_GAP.search(gap) or _VERB_IN_GAP.search(gap):
        return []
    return [after]


def _group_of_named(named: list[Mention]) -> str:
    """Soldiers named with a rank or a unit are military; others are not known to be."""
    return "military" if all(p.value.rank or p.value.unit_id for p in named) else "unknown"


def _side_of_place(places: list[Mention], sentence: Span, text: str = "") -> str | None:
    """Civilians are counted on the side of the country where they were hit: "at Ukrainian cities",
    or the country of a place named in the sentence (not one that speaks: "Moscow blamed ...")."""
    for m in _SIDE_OF_PLACES.finditer(text, sentence.start, sentence.end):
        side = side_of(m.group(1))
        if side:
            return side
    places = [p for p in places if not speaking_place(text, p)] if text else places
    for p in places:
        if sentence.contains(p.span) and p.value.country and p.value.precision != "country":
            return p.value.country
    for p in places:
        if sentence.contains(p.span) and p.value.country:
            return p.value.country
    return None


def _admissions(ctx: Context, sentence: Span, made: list[Claim]) -> list[Claim]:
    """Losses acknowledged with no number: "significant losses of troops"."""
    text = ctx.text
    out = []
    for hit in ctx.scans.admissions.within(sentence.start, sentence.end):
        span = Span(hit.start, hit.end)
        if any(c.evidence and c.evidence.overlaps(span) for c in made):
            continue
        tail = _ADMISSION_TAIL.match(text, span.end, sentence.end)
        subject_end = tail.end() if tail else span.end
        subject_text = tail.group(1) if tail else None
        out.append(
            Claim(
                id="",
                measure=list(hit.payload),
                subject=Subject(text=subject_text, side=side_of(text[max(sentence.start, span.start - 40) : subject_end]),
                                group="military" if tail else "unknown"),
                count=None,
                evidence=clause_around(text, sentence, Span(span.start, subject_end)),
                scope="cumulative",
            )
        )
    return out


@lru_cache(maxsize=1)
def _people_noun_groups() -> tuple[re.Pattern, dict[str, str]]:
    """counts_nouns.tsv: the nouns of people, and the group each belongs to."""
    groups = {r["form"].lower(): r["group"] for r in load_table("counts_nouns.tsv")}
    return re.compile(r"(?<![\w-])(?:" + alternation(groups) + r")(?![\w-])", re.IGNORECASE), groups


def _group_named(words: str) -> str | None:
    """The group of the first noun of people in ``words`` (None when it names none, or a mixed or unknown one)."""
    pattern, groups = _people_noun_groups()
    m = pattern.search(words)
    group = groups.get(m.group(0).lower()) if m else None
    return group if group in ("military", "civilians") else None


def _zero_claims(ctx: Context, sentence: Span, made: list[Claim]) -> list[Claim]:
    """Nobody hurt: "No one was injured", "no casualties were reported" — a claim whose figure is 0,
    of the incident the sentence tells of (zero is a figure: ACLED codes 0 fatalities)."""
    text = ctx.text
    out: list[Claim] = []
    for hit in first_at_each_place(sorted(ctx.scans.zero_statements.within(sentence.start, sentence.end))):
        span = Span(hit.start, hit.end)
        if any(c.evidence and c.evidence.overlaps(span) and c.count is not None for c in made + out):
            continue
        measures, group = hit.payload
        if group == "unknown":  # "none of its soldiers were hurt": military
            group = _group_named(text[hit.start : hit.end]) or group
        out.append(
            Claim(
                id="",
                measure=list(measures),
                subject=Subject(text=None, side=None, group=group),
                count=Count(best=0, low=None, high=None, qualifier="exact"),
                evidence=clause_around(text, sentence, span),
            )
        )
    return out


def _denial(ctx: Context, sentence: Span, attribution: Attribution | None, cues: list[_Cue]) -> list[Claim]:
    """A denial of harm with no figure: "The ministry denied that its forces had targeted civilians",
    "Police deny that anyone was killed" — a claim of its own (certainty denied), which stands against the
    figures others give of the same incident. Harm means civilians named, or a fate word."""
    if attribution is None or attribution.verb_certainty != "denied":
        return []
    civilians = bool(ctx.scans.civilians.within(sentence.start, sentence.end))
    if not civilians and not cues:
        return []
    measures = _merge_measures(cues) if cues else ["killed", "wounded"]
    named = ctx.scans.civilians.within(sentence.start, sentence.end)
    subject = ctx.text[named[0].start : named[0].end] if named else None
    return [Claim(id="", measure=measures, subject=Subject(text=subject, side=None, group="civilians" if civilians else "unknown"),
                  count=None, evidence=sentence)]


_ADMISSION_TAIL = re.compile(r"[\"”’']?\s+(?:of|among)\s+((?:[\w'’-]+\s+){0,3}?(?:troops|soldiers|forces|personnel|servicemen|fighters|men))")


def _hedges_of(claim: Claim, hedges: list[Hedge], text: str, sentence: Span) -> list[Hedge]:
    if claim.evidence is None:
        return hedges
    s_text = text[sentence.start : sentence.end]
    return hedges_in_segment(hedges, s_text, claim.evidence.start - sentence.start, claim.evidence.end - sentence.start)


def _attribute_claim(claim: Claim, attribution: Attribution | None, hedges: list[Hedge], offset: int) -> None:
    if attribution is not None:
        claim.claimant = Claimant(**attribution.claimant.to_dict())
        claim.via = list(attribution.via)
    else:
        claim.claimant = Claimant(name=None, kind="unknown", side=None, text=None)
    certainty = attribution.verb_certainty if attribution and attribution.verb_certainty else "reported"
    for hedge in hedges:
        certainty = stronger(hedge.certainty, certainty) if hedge.certainty != "confirmed" else certainty
    if certainty == "reported" and any(h.certainty == "confirmed" for h in hedges):
        certainty = "confirmed"
    claim.certainty = certainty


_REFERS_BACK = re.compile(r"\b(?:that|this|the same) (?:figure|number|toll|estimate)\b", re.IGNORECASE)


def _refers_back(s_text: str) -> bool:
    return bool(_REFERS_BACK.search(s_text))


# "the figure" told after a claim in its own sentence speaks of that claim ("about 300 died; the figure could
# not be confirmed"), not of a running total told before it
_FIGURE_OF_ITS_OWN = re.compile(r"(?:that|this|the) figure", re.IGNORECASE)


@lru_cache(maxsize=1)
def _comparison_before() -> re.Pattern:
    """claim_scope_comparisons.txt: "the bloodiest day since", "the first death since" — a comparison."""
    words = "|".join(f"(?:{w})" for w in load_lines("claim_scope_comparisons.txt"))
    return re.compile(rf"\b(?:{words})\s+(?:[\w'’-]+\s+){{0,3}}$", re.IGNORECASE)


def _period_cue(s_text: str, m: re.Match) -> bool:
    """A scope cue, unless it is the "since" of a comparison ("killed in the bloodiest day since August")."""
    return not (m.group(0)[:5].lower() == "since" and _comparison_before().search(s_text, max(0, m.start() - 50), m.start()))


def _scope(claim: Claim, s_text: str, previous: Claim | None, incident_place: bool, claim_at: int = 0) -> str:
    cues = [m for m in _scope_pattern().finditer(s_text) if _period_cue(s_text, m)]
    if cues and all(_FIGURE_OF_ITS_OWN.fullmatch(m.group(0)) and m.start() >= claim_at for m in cues):
        cues = []
    if cues:
        if _refers_back(s_text) and previous is not None:
            return previous.scope if previous.scope == "cumulative" else _size_scope(claim, incident_place)
        return "cumulative"
    return _size_scope(claim, incident_place)


def _size_scope(claim: Claim, incident_place: bool) -> str:
    if claim.count is None and claim.certainty == "denied":
        return "incident"  # a denial answers the figures given of the incident the report tells
    if claim.count is None:  # losses admitted without a number speak of the war, unless a place says which fight
        return "incident" if incident_place else "cumulative"
    figure = least_of(claim.count)  # "thousands" is a size, though it states no figure
    if figure is None:
        return "incident"
    if figure >= _CUMULATIVE_THRESHOLD and claim.subject.group == "military" and not incident_place:
        return "cumulative"
    return "incident"
