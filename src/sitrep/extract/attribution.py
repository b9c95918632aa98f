"""Who says so: the claimant behind each sentence, the intermediaries it passed through, and what the
reporting verb implies ("admitted", "denied").

Rules, in order: "according to X" or "per X"; "X said/told/reported/denied ..." (X the nearest claimant
before the verb: a named person, a known institution or outlet, a pronoun standing for the last person
named); "..., said X"; and quotations, whose speaker carries over to the sentences of the quote. A
sentence that names no speaker goes on with the one before it in its paragraph (its claimant, not the
certainty its verb gave).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from sitrep.gazetteer.lookup import resolve_place_name
from sitrep.model import Claimant, Mention, Person, Span
from sitrep.extract.context import Context
from sitrep.lexicons import load_lines, load_table
from sitrep.extract.scan import Hit
from sitrep.extract.scans import claimant_table, reporting_verb_table
from sitrep.extract.sides import country_name, sides_in
from sitrep.extract.spans import by_sentence
from sitrep.text import alternation


@dataclass
class Attribution:
    claimant: Claimant
    via: list[str] = field(default_factory=list)
    verb_certainty: str | None = None
    span: Span | None = None  # the claimant's words


@dataclass
class _Entity:
    start: int  # offsets into the sentence
    end: int
    claimant: Claimant
    person: Person | None = None


_ACCORDING_TO = re.compile(r"\baccording to\s+([^,.;:!?\"“”()]+)", re.IGNORECASE)
# the terse coders' "per X" ("... killed, per SDF media centre", "per local sources"): a source named with a
# capital or as local sources, not a rate ("per day", "per cent")
_PER_SOURCE = re.compile(r"(?<![\w-])per\s+((?:[A-Z]|local\s)[^,.;:!?\"“”()]*)")
# "according to our sources", "according to these figures": the speaker's own sources, not a claimant
# ("according to his brigade", "according to her mother" name one)
_POSSESSIVE_SOURCE = re.compile(r"^(?:(?:our|its|their|his|her)\s+(?:own\s+)?(?:sources?|information|data|figures?|estimates?|reports?|count|tally|records?)\b|(?:the same|these|those)\b)", re.IGNORECASE)
_PRONOUN = re.compile(r"(?<![\w-])(he|she|He|She)(?![\w-])")
# between "he"/"she" and the reporting verb they are the subject of: a few words, no clause edge
_PRONOUN_SUBJECT_GAP = re.compile(r"[^,;:\"“”]{0,40}")
_INSTITUTION_PRONOUN = re.compile(r"(?<![\w-])(?:it|It|the ministry|The ministry|the agency|The agency)\s+(?:\w+\s+)?$")
_AUXILIARY_TAIL = re.compile(r"\s+(?:have|has|had|had been|have been|was|were|is|are|also|later|earlier|previously|repeatedly)$", re.IGNORECASE)
_ANONYMITY = re.compile(r"\b(?:condition of anonymity|declined to be named|who asked not to be named|unnamed|anonymous)\b", re.IGNORECASE)
_QUOTES_OPEN = "\"“«"
_GROUP_NOUNS = re.compile(
    r"\b(estimates?|figures?|officials?|authorities|government|sources|data|intelligence|military|army|forces|"
    r"side|command|defen[cs]e ministry|ministry of defen[cs]e|prosecutors?|police|media)\b",
    re.IGNORECASE,
)
_MILITARY_GROUP = {"military", "army", "forces", "command"}
_OFFICIAL_ROLES = re.compile(
    r"spokes(?:man|woman|person)|minister|president|governor|mayor|official|secretary|ambassador|head|chief|"
    r"prosecutor|ombudsman|adviser|advisor|press secretary|mouthpiece",
    re.IGNORECASE,
)


def _person_claimant(person: Person, text: str) -> Claimant:
    if person.role and _OFFICIAL_ROLES.search(person.role):
        kind = "official"
    elif person.rank:
        kind = "military"
    else:
        kind = "witness"
    return Claimant(name=person.name, kind=kind, side=person.side, text=text)


def _entities(sentence: str, offset: int, people: list[Mention], hits: list[Hit] | None = None,
              role_holder: Callable[[str], Person | None] | None = None) -> list[_Entity]:
    """Claimant candidates in a sentence: people named in it, and known institutions and outlets.
    ``hits`` are the claimant lexicon's hits in the sentence (document offsets), if already scanned.
    ``people`` may be the sentence's own (spans.by_sentence) when ``role_holder`` answers for the whole
    document's (``_RoleHolders``)."""
    found: list[_Entity] = []
    for m in people:
        if offset <= m.span.start and m.span.end <= offset + len(sentence):
            s, e = m.span.start - offset, m.span.end - offset
            found.append(_Entity(s, e, _person_claimant(m.value, sentence[s:e]), m.value))
    anonymous = bool(_ANONYMITY.search(sentence))
    if hits is None:
        hits, offset_of_hits = claimant_table().scan(sentence), 0
    else:
        offset_of_hits = offset
    for hit in hits:
        start, end = hit.start - offset_of_hits, hit.end - offset_of_hits
        if any(f.start < end and start < f.end for f in found):
            continue  # a person's name wins over an institution inside it
        name, kind, side = hit.payload
        if anonymous and kind == "official":
            kind = "anonymous"
        written = sentence[start:end]
        holder = role_holder(name) if role_holder is not None else _role_holder(people, name)
        if holder is not None:  # "a Kremlin spokesman" is the Kremlin spokesman the report names
            found.append(_Entity(start, end, _person_claimant(holder, written), holder))
            continue
        found.append(_Entity(start, end, Claimant(name=written if name == "\\0" else name, kind=kind, side=side, text=written)))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[_Entity] = []
    for e in found:
        if any(k.start <= e.start and e.end <= k.end for k in kept):
            continue
        kept.append(e)
    return kept


def _role_holder(people: list[Mention], role: str) -> Person | None:
    """The one person the report gives this role ("Kremlin spokesman" → Dmitry Peskov), if exactly one."""
    wanted = role.lower()
    holders = {id(m.value): m.value for m in people if m.value.role and m.value.role.lower() == wanted}
    return next(iter(holders.values())) if len(holders) == 1 else None


class _RoleHolders:
    """``_role_holder`` over one document's people, each role's answer worked out once (not the whole
    list of people read again for every institution named in every sentence)."""

    def __init__(self, people: list[Mention]):
        self.people = people
        self.answers: dict[str, Person | None] = {}

    def __call__(self, role: str) -> Person | None:
        if role not in self.answers:
            self.answers[role] = _role_holder(self.people, role)
        return self.answers[role]


def _resolve_phrase(phrase: str) -> Claimant:
    """A claimant named by a phrase with no known entity: "Ukrainian estimates" → Ukraine's government."""
    sides = sides_in(phrase)
    group = _GROUP_NOUNS.search(phrase)
    if sides and group:
        side = sides[-1][2]
        kind = "military" if group.group(1).lower() in _MILITARY_GROUP else "government"
        if group.group(1).lower() == "sources":
            kind = "anonymous"
        return Claimant(name=country_name(side), kind=kind, side=side, text=phrase.strip())
    if group and group.group(1).lower() == "sources":
        return Claimant(name="sources", kind="anonymous", side=None, text=phrase.strip())
    return Claimant(name=phrase.strip() or None, kind="unknown", side=sides[-1][2] if sides else None, text=phrase.strip())


def claimant_named(phrase: str) -> Claimant:
    """The claimant a phrase names, known kind or not: "volunteers", "the republic's interior ministry"."""
    phrase = phrase.strip()
    anywhere, _ = _claimant_nouns()
    if anywhere.search(phrase):
        sides = sides_in(phrase)
        return Claimant(name=_DETERMINER.sub("", phrase), kind=_head_kind(phrase), side=sides[-1][2] if sides else None, text=phrase)
    return _resolve_phrase(_DETERMINER.sub("", phrase))


@lru_cache(maxsize=1)
def _claimant_nouns() -> tuple[re.Pattern, tuple[tuple[re.Pattern, str], ...]]:
    rows = load_table("claimant_nouns.tsv")
    each = tuple((re.compile(r"\b(?:" + r["noun"] + r")\b", re.IGNORECASE), r["kind"]) for r in rows)
    anywhere = re.compile(r"\b(?:" + "|".join(r["noun"] for r in rows) + r")\b", re.IGNORECASE)
    return anywhere, each


def _head_kind(phrase: str) -> str:
    """The claimant kind of a phrase's head noun, its last claimant noun: "Russian military bloggers" are media."""
    anywhere, each = _claimant_nouns()
    last = None
    for last in anywhere.finditer(phrase):
        pass
    return next(kind for pattern, kind in each if pattern.fullmatch(last.group(0)))


_DESCRIBED_WORDS = 10  # "Ukraine's Coordination Headquarters for the Treatment of Prisoners of War said"
_NP_EDGE = re.compile(r"[,;:\"“”]|\b(?:that|and|but|when|as|after|while)\b\s", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.IGNORECASE)


def _described_claimant(sentence: str, verb_start: int) -> tuple[Claimant, int, int] | None:
    """The words just before a reporting verb, when they describe who speaks: "Prosecutors in Kherson"."""
    start = 0
    for m in _NP_EDGE.finditer(sentence, 0, verb_start):
        start = m.end()
    phrase = _AUXILIARY_TAIL.sub("", sentence[start:verb_start].strip())
    if not phrase or len(phrase.split()) > _DESCRIBED_WORDS:
        return None
    anywhere, each = _claimant_nouns()
    sides = sides_in(phrase)
    if anywhere.search(phrase):
        kind = _head_kind(phrase)
    elif sides and sides[0][0] == 0 and sides[-1][1] == len(phrase):
        kind = "government"  # "Russia says", "Kyiv said": a country or its capital speaks as its government
    elif _ACRONYM.fullmatch(phrase):
        kind = "unknown"  # "OHCHR has documented": an organisation the lexicons do not know, named by its initials
    elif _PROPER_NAME.fullmatch(phrase) and not _plain_words() & set(phrase.lower().split()) and speech_verb("unknown_speaker").match(sentence, verb_start):
        kind = "unknown"  # "Poroshenko says", "Amnesty reports", "..., Basurin said": a name the lexicons do not know
    else:
        return None
    name = _DETERMINER.sub("", phrase)
    offset = sentence.index(phrase, start)
    return Claimant(name=name, kind=kind, side=sides[-1][2] if sides else None, text=phrase), offset, offset + len(phrase)


@lru_cache(maxsize=None)
def speech_verb(use: str) -> re.Pattern:
    """The verbs of speech that may follow a name for ``use`` (a column of lexicons/speech_verbs.tsv)."""
    return re.compile(rf"(?:{alternation(r['verb'] for r in load_table('speech_verbs.tsv') if r[use] == 'yes')})\b",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _plain_words() -> frozenset[str]:
    """Capitalised words that are no name ("Then", "On", "Sunday", "March", "Oblast"): English function
    words, the people stage's non-name words, weekdays and months."""
    words = {r["word"] for r in load_table("stopwords.tsv") if r["language"] == "en"}
    words |= {r["word"].lower() for r in load_table("people_stop.tsv")}
    words |= {r["name"].lower() for r in load_table("dates_weekdays.tsv")}
    words |= {r[next(iter(r))].lower() for r in load_table("dates_months.tsv")}
    return frozenset(words)


# one to three capitalised words, a name: "Poroshenko", "Amnesty International", "Metinvest"
_PROPER_NAME = re.compile(r"(?:[A-Z][a-z][\w'’-]*\s+){0,2}[A-Z][a-z][\w'’-]*")
# an organisation named only by its initials: "OHCHR", "UNMISS", "OVD-Info", "the ICRC"
_ACRONYM = re.compile(r"(?:[Tt]he\s+)?[A-Z]{2,}(?:-[A-Z]?[a-z]+)?")


_AFTER_VERB_NP = re.compile(r"\s+((?:a|an|the|one)\s+[^,.;:!?\"“”]{3,60})")


def _described_after(sentence: str, verb_end: int) -> tuple[Claimant, int, int] | None:
    """ "..., said a platoon commander with the call sign Bober": the speaker described after the verb."""
    m = _AFTER_VERB_NP.match(sentence, verb_end)
    if not m:
        return None
    phrase = m.group(1)
    anywhere, each = _claimant_nouns()
    head = anywhere.search(phrase)
    if not head or head.start() > 30:
        return None
    kind = _head_kind(phrase[: head.end()])
    name = _DETERMINER.sub("", phrase[: head.end()])
    sides = sides_in(phrase)
    return Claimant(name=name, kind=kind, side=sides[-1][2] if sides else None, text=phrase), m.start(1), m.end(1)


_INSTITUTION_KINDS = ("government", "military", "media", "ngo")


def _institution_speaker(recent: Attribution | None, named: Attribution | None) -> Claimant | None:
    """Who "it said" is: the institution named or quoted last."""
    candidates = [a for a in (recent, named) if a is not None and a.span is not None and a.claimant.kind in _INSTITUTION_KINDS]
    return max(candidates, key=lambda a: a.span.start).claimant if candidates else None


def _pronoun_speaker(previous_person: Mention | None, recent: Attribution | None) -> Claimant | None:
    """Who "he" or "she" is: the last speaker if the text has quoted nobody named since, else the last person."""
    if recent is not None and recent.span is not None and recent.claimant.kind in ("official", "military", "witness"):
        if previous_person is None or recent.span.start >= previous_person.span.start:
            return recent.claimant
    if previous_person is not None:
        return _person_claimant(previous_person.value, previous_person.value.name)
    return None


def _last_person_before(people: list[Mention], position: int) -> Mention | None:
    best = None
    for m in people:
        if m.span.end <= position and (best is None or m.span.start > best.span.start):
            best = m
    return best


class _LastPersonBefore:
    """``_last_person_before`` over one document's people, answered by bisection: the people by where they
    end, with the one starting last (the first in the document's order among equals) among each prefix.
    Asked once per sentence, the plain loop cost sentences x people on text dense with names."""

    def __init__(self, people: list[Mention]):
        order = sorted(range(len(people)), key=lambda n: people[n].span.end)
        self.ends = [people[n].span.end for n in order]
        self.best: list[Mention] = []
        best_key = None
        for n in order:
            key = (people[n].span.start, -n)
            if best_key is None or key > best_key:
                best_key = key
            self.best.append(people[-best_key[1]])

    def __call__(self, position: int) -> Mention | None:
        found = bisect_right(self.ends, position)
        return self.best[found - 1] if found else None


def attribute_sentence(
    sentence: str,
    offset: int,
    people: list[Mention],
    previous_person: Mention | None = None,
    recent: Attribution | None = None,
    entities: list["_Entity"] | None = None,
    institution_before: Attribution | None = None,
    verbs: list[tuple[int, int, str]] | None = None,
) -> Attribution | None:
    """The attribution of one sentence (offsets relative to the document via ``offset``), or None.

    ``previous_person`` is the last person named before the sentence's pronoun; ``recent`` the last
    attribution made before this sentence: "he" is whichever of the two came later, "it" is ``recent``.
    ``institution_before`` is the last institution named before the sentence, which "it said" may mean.
    """
    if entities is None:
        entities = _entities(sentence, offset, people)
    if verbs is None:
        verbs = [(h.start, h.end, h.payload[1]) for h in reporting_verb_table().scan(sentence)]

    # "according to X": X is the claimant, unless it is the speaker's own sources ("according to our sources")
    for m in (*_ACCORDING_TO.finditer(sentence), *_PER_SOURCE.finditer(sentence)):
        phrase = m.group(1)
        if _POSSESSIVE_SOURCE.match(phrase):
            continue
        inside = [e for e in entities if m.start(1) <= e.start < m.end(1)]
        claimant = inside[0].claimant if inside else _resolve_phrase(phrase)
        return Attribution(claimant, [], None, Span(offset + m.start(1), offset + m.start(1) + len(phrase.rstrip())))

    for verb_start, verb_end, certainty in verbs:
        verb = sentence[verb_start:verb_end].lower()
        if _reported_fate_of(sentence, verb_start, verb_end):
            continue  # "Army officer reported killed": the officer is who was killed, no one who speaks
        before = [e for e in entities if e.end <= verb_start]
        claimant_entity = before[-1] if before else None
        pronoun = None
        for p in _PRONOUN.finditer(sentence, 0, verb_start):
            pronoun = p
        if pronoun and not _PRONOUN_SUBJECT_GAP.fullmatch(sentence, pronoun.end(), verb_start):
            pronoun = None  # "A died when he stepped on a mine, the brigade said": "he" is not who speaks
        institution = _INSTITUTION_PRONOUN.search(sentence, 0, verb_start)
        speaker = _pronoun_speaker(previous_person, recent)
        if pronoun and speaker is not None and (claimant_entity is None or claimant_entity.end < pronoun.start()):
            claimant = speaker
            span = Span(offset + pronoun.start(), offset + pronoun.end())
        elif institution and claimant_entity is None and _institution_speaker(recent, institution_before) is not None:
            claimant = _institution_speaker(recent, institution_before)
            span = Span(offset + institution.start(), offset + institution.end())
        elif claimant_entity is not None:
            claimant, span = claimant_entity.claimant, Span(offset + claimant_entity.start, offset + claimant_entity.end)
            described = _described_claimant(sentence, verb_start)
            if described and described[1] <= claimant_entity.start and described[2] > claimant_entity.end + 1 and claimant_entity.person is None:
                # the institution only modifies the speaker: "Russian military bloggers" are bloggers
                described_claimant = described[0]
                described_claimant.side = described_claimant.side or claimant.side
                claimant, span = described_claimant, Span(offset + described[1], offset + described[2])
            elif described and described[1] >= claimant_entity.end:
                # "Sergeant A was killed on Sunday, the brigade said": the words right before the verb
                # speak; the person named earlier is what they speak of
                claimant, span = described[0], Span(offset + described[1], offset + described[2])
        else:
            after = [e for e in entities if e.start >= verb_end and e.start - verb_end <= 3]  # "..., said Peskov"
            described = _described_claimant(sentence, verb_start) or _described_after(sentence, verb_end)
            if after:
                claimant, span = after[0].claimant, Span(offset + after[0].start, offset + after[0].end)
            elif described:
                claimant, span = described[0], Span(offset + described[1], offset + described[2])
            else:
                continue
        via: list[str] = []
        if verb in ("told", "tells"):
            told = [e for e in entities if e.start >= verb_end and e.start - verb_end <= 6 and e.claimant.kind == "media"]
            if told:
                via.append(told[0].claimant.name)
        return Attribution(claimant, via, certainty, span)

    return _headline_source(sentence, offset, entities)


# where a sentence may turn to a second speaker: "police said 12 were arrested, while the party claimed 300",
# "Russia said it had shot down 12 drones; Ukraine's air force said ...", "... but medics said they had 18 bodies"
_SPEAKER_TURN = re.compile(r";\s+|,?\s+(?:while|whereas|but|and)\s+")


def second_speaker(sentence: str, offset: int, people: list[Mention], first: Attribution | None,
                   claimant_hits: list[Hit], verb_hits: list[Hit]) -> tuple[int, Attribution] | None:
    """Two speakers in one sentence: where the second clause starts (document offset) and who speaks in it, when
    a clause after "while", "whereas", "but", "and" or a semicolon names a speaker of its own and a reporting verb
    (not a pronoun standing for someone before: the first speaker goes on). None when the sentence has one.
    ``claimant_hits`` and ``verb_hits`` are the document's scans within the sentence (document offsets)."""
    if not verb_hits:
        return None
    for turn in _SPEAKER_TURN.finditer(sentence):
        if first is not None and first.span is not None and first.span.start - offset >= turn.end():
            return None  # the sentence's own speaker stands after this turn: the turn is inside what it says
        at = offset + turn.end()
        verbs = [(h.start - at, h.end - at, h.payload[1]) for h in verb_hits if h.start >= at]
        if not verbs:
            return None  # no reporting verb after this turn, nor after any later one
        tail = sentence[turn.end():]
        entities = _entities(tail, at, people, [h for h in claimant_hits if h.start >= at])
        found = attribute_sentence(tail, at, people, entities=entities, verbs=verbs)
        if found is None or found.span is None or found.span.start < offset + turn.end():
            continue
        if first is not None and found.claimant.name == first.claimant.name:
            return None
        return offset + turn.end(), found
    return None


# "X reported killed", "X believed dead", "X confirmed captured": a passive participle, not a speech act
_FATE_PARTICIPLE = re.compile(r"\s+(?:to\s+have\s+been\s+|to\s+be\s+)?(?:killed|dead|wounded|injured|missing|captured|"
                              r"detained|abducted|kidnapped|executed|slain)\b", re.IGNORECASE)
_LAST_WORD = re.compile(r"([\w'’-]+)\s+$")


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """Nouns of people ("officer", "soldiers", "journalist": lexicons/counts_nouns.tsv)."""
    return frozenset(r["form"].lower() for r in load_table("counts_nouns.tsv") if " " not in r["form"])


def _reported_fate_of(sentence: str, verb_start: int, verb_end: int) -> bool:
    """Is the verb a participle saying what befell the people named just before it ("Syrian army officer
    reported killed", "two journalists believed dead")?"""
    if not _FATE_PARTICIPLE.match(sentence, verb_end):
        return False
    last = _LAST_WORD.search(sentence, 0, verb_start)
    return last is not None and last.group(1).lower() in _people_nouns()


# A headline names its source after a colon or dash at its end: "Two shot dead: prosecutors",
# "... leaves one militiaman dead - LPR People's Militia", "... missile attack- government adviser".
# The source may hold a hyphenated word ("- Skhid operational-tactical group").
_HEADLINE_TAIL = re.compile(r"(?:\s[-–—]\s*|(?<=\w)[-–—]\s+|:\s*)((?:[^:\-–—]|(?<=\w)-(?=\w)){2,60}?)\s*$")  # "attack- adviser" too
_HEADLINE_TAIL_WORDS = 7
_WIRE_SIGNATURE = re.compile(r"\s*\b[a-z]{1,4}(?:/[a-z]{1,4})+\b")  # desk initials on wire copy: "sjw/ma/dh"


_NOUN_AFTER_ENTITY = re.compile(r"(?:'s|’s)?(?:\s+[\w'’-]+){0,2}?\s+")  # "DPR | defence ministry", "mayor|'s office"


def _speaker_noun_end(sentence: str, entity_end: int, end: int) -> int | None:
    """Where a claimant noun that follows a named institution within two words ends ("DPR [defence
    ministry]", "Kiev [military]", "mayor['s office]"), or None."""
    anywhere, _ = _claimant_nouns()
    last = None
    for m in anywhere.finditer(sentence, entity_end, end):
        if _NOUN_AFTER_ENTITY.fullmatch(sentence, entity_end if last is None else last, m.start()) or (
            sentence[entity_end:m.start()] in ("'s ", "’s ")
        ):
            last = m.end()
        else:
            break
    return last


@lru_cache(maxsize=1)
def _headline_labels() -> frozenset[str]:
    """ "UPDATE", "PHOTOS": labels of a headline, not its source (lexicons/headline_labels.txt)."""
    return frozenset(load_lines("headline_labels.txt"))


def _headline_source(sentence: str, offset: int, entities: list[_Entity]) -> Attribution | None:
    m = _HEADLINE_TAIL.search(sentence)
    if not m or len(m.group(1).split()) > _HEADLINE_TAIL_WORDS:
        return None
    if len(m.group(1).split()) >= len(sentence[: m.start()].split()):
        return None  # "Kabul: Taliban kill five police": the statement follows a short label, no source does
    start, end = m.start(1), m.end(1)
    inside = [e for e in entities if start <= e.start and e.end <= end]
    phrase = _WIRE_SIGNATURE.sub("", m.group(1)).strip()
    anywhere, each = _claimant_nouns()
    if inside:
        entity = inside[0]
        head_end = _speaker_noun_end(sentence, entity.end, end) if entity.person is None else None
        if head_end is not None:
            # the institution only says whose the speaker is: "DPR defence ministry", "Kiev military",
            # "the mayor's office" speak, not the DPR, Kyiv or the mayor themselves
            words = sentence[start:head_end]
            claimant = Claimant(name=_DETERMINER.sub("", words), kind=_head_kind(words), side=entity.claimant.side, text=words)
            return Attribution(claimant, [], None, Span(offset + start, offset + head_end))
        return Attribution(entity.claimant, [], None, Span(offset + entity.start, offset + entity.end))
    if phrase and anywhere.search(phrase):
        kind = _head_kind(phrase)
        sides = sides_in(phrase)
        claimant = Claimant(name=_DETERMINER.sub("", phrase), kind=kind, side=sides[-1][2] if sides else None, text=phrase)
        return Attribution(claimant, [], None, Span(offset + start, offset + end))
    if phrase and _ACRONYM.fullmatch(phrase) and _DETERMINER.sub("", phrase) not in _headline_labels():
        # "... in Donbas - JFO", "...: JCCC": an organisation the lexicons do not know, by its initials
        return Attribution(Claimant(name=_DETERMINER.sub("", phrase), kind="unknown", text=phrase), [], None, Span(offset + start, offset + end))
    if _source_name(phrase):
        # "... coke plant - Metinvest", "...: White Helmets", "... in Donbas - Khomchak": a name the
        # lexicons do not know (a company, an NGO, a surname) in the source's place
        return Attribution(Claimant(name=phrase, kind="unknown", text=phrase), [], None, Span(offset + start, offset + start + len(phrase)))
    return None


_NAME_WORDS = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|for\s+|the\s+)*[A-Z][\w'’.&-]*){0,3}")
_HEADLINE_TAIL_NAME_WORDS = 4


def _source_name(phrase: str) -> bool:
    """Is a headline's tail a proper name (capitalised words, up to four, "of"/"for"/"the" between), and
    not a label ("UPDATE"), nor a place ("... clashes: Mali" says where, not who)? A name holds no digit."""
    if not _NAME_WORDS.fullmatch(phrase) or len(phrase.split()) > _HEADLINE_TAIL_NAME_WORDS + 2:
        return False
    words = phrase.split()
    if any(w.upper() in _headline_labels() for w in words) or any(c.isdigit() for c in phrase):
        return False
    return resolve_place_name(phrase) is None




# A post that opens with its author: "Name: ...", "Name, head of the regional administration: ...",
# "Kharkiv RMA: ..." (officials' Telegram posts, briefings). Everything the post says is theirs.
_POST_HEAD = re.compile(r"[^\S\n\u2028]*([^\n\u2028:.!?\"“”]{3,100}?):\s")
_LINE_START = re.compile(r"(?:^|(?<=[\n\u2028]))(?=[^\n\u2028])")
_ACRONYM_END = re.compile(r"\b[A-Z]{2,}$")


_REST_OF_LINE = re.compile(r"[^\n\u2028]*")


def _source_after_statement(text: str, after_colon: int, head: str) -> bool:
    """ "Two soldiers killed in the east: Kyiv military": a headline that names its source after the
    colon, not a post headed by its author — what follows is a short name, shorter than the head."""
    rest = _REST_OF_LINE.match(text, after_colon).group(0).strip()
    words = len(rest.split())
    if not rest or words > _HEADLINE_TAIL_WORDS or words >= len(head.split()) or rest[-1:] in ".!?":
        return False
    anywhere, _ = _claimant_nouns()
    return bool(anywhere.search(rest) or claimant_table().scan(rest) or sides_in(rest))


def post_authors(text: str, people: list[Mention]) -> list[tuple[int, Attribution]]:
    """The authors that lines name before a colon at their start, with where each line starts: a person
    named first in the head, else a head whose words describe an institution ("the regional military
    administration", "Donetsk RMA"). Heads that say something ("Residents said: ...") or name nobody
    (datelines, "Casualties: none", "UPDATE:") are no authors."""
    found: list[tuple[int, Attribution]] = []
    anywhere, _ = _claimant_nouns()
    people_at: dict[int, list[Mention]] = {}  # by where they start, in the people's order
    for p in people:
        people_at.setdefault(p.span.start, []).append(p)
    for line in _LINE_START.finditer(text):
        m = _POST_HEAD.match(text, line.start())
        if not m:
            continue
        start, end = m.start(1), m.end(1)
        head = m.group(1)
        if reporting_verb_table().scan(head) or _source_after_statement(text, m.end(), head):
            continue
        if all(w.upper() in _headline_labels() for w in head.split()):
            continue  # "READ MORE: ...", "WATCH: ...": a web page's link to another story, no author
        person = next((p for p in people_at.get(start, ()) if p.span.end <= end), None)
        if person is not None:
            found.append((start, Attribution(_person_claimant(person.value, head), [], None, Span(start, end))))
        elif anywhere.search(head) or _ACRONYM_END.search(head):
            sides = sides_in(head)
            kind = _head_kind(head) if anywhere.search(head) else "official"
            claimant = Claimant(name=_DETERMINER.sub("", head), kind=kind, side=sides[-1][2] if sides else None, text=head)
            found.append((start, Attribution(claimant, [], None, Span(start, end))))
    return found


def attribute(ctx: Context, people: list[Mention]) -> list[Attribution | None]:
    """One attribution (or None) per sentence of ``ctx``, carrying a speaker through quotations; a post
    headed by its author ("Name: ...") is the author's where no sentence names another speaker."""
    authors = post_authors(ctx.text, people)
    author_starts = [start for start, _ in authors]
    people_in = by_sentence(ctx.sentences, people, lambda m: m.span)
    last_person_before = _LastPersonBefore(people)
    role_holder = _RoleHolders(people)
    out: list[Attribution | None] = []
    speaker: Attribution | None = None  # who is speaking in an open quotation
    recent: Attribution | None = None  # the last attribution made, for "he said" and "it said"
    institution: Attribution | None = None  # the last institution named, for "it said"
    claimant_hits = ctx.scans.claimants
    verb_hits = ctx.scans.reporting_verbs
    previous_end = 0
    for index, sent in enumerate(ctx.sentences):
        sentence = ctx.text[sent.start : sent.end]
        previous_person = last_person_before(sent.start + _first_pronoun_end(sentence))
        entities = _entities(sentence, sent.start, people_in[index], claimant_hits.within(sent.start, sent.end), role_holder)
        verbs = [(h.start - sent.start, h.end - sent.start, h.payload[1]) for h in verb_hits.within(sent.start, sent.end)]
        found = attribute_sentence(sentence, sent.start, people, previous_person, recent, entities, institution, verbs)
        for e in entities:
            if e.person is None and e.claimant.kind in _INSTITUTION_KINDS:
                institution = Attribution(e.claimant, [], None, Span(sent.start + e.start, sent.start + e.end))
        starts_quoted = sentence[:1] in _QUOTES_OPEN
        if found is None and starts_quoted and speaker is not None:
            found = speaker
        if found is None and authors:
            # the post this sentence belongs to: the last head at or before it
            at = bisect_right(author_starts, sent.start)  # (authors are in the text's order)
            if at:
                found = authors[at - 1][1]
        if found is None and out and out[-1] is not None and not _PARAGRAPH_BREAK.search(ctx.text, previous_end, sent.start):
            # a sentence that names no speaker, right after one that does, in the same paragraph, goes on
            # telling what that speaker said ("A was killed on Sunday, the brigade said. B died the same day.")
            # (who, not how surely: "denied" or "admitted" was said of that sentence's words)
            found = Attribution(out[-1].claimant, list(out[-1].via), None, out[-1].span)
        previous_end = sent.end
        out.append(found)
        if found is not None:
            recent = found
        # a speaker persists into following quoted sentences when this one opens or continues a quotation
        if found is not None and any(q in sentence for q in _QUOTES_OPEN + "”"):
            speaker = found
        elif not starts_quoted:
            speaker = None
    return out


_PARAGRAPH_BREAK = re.compile(r"[\n\u2028]")


def _first_pronoun_end(sentence: str) -> int:
    m = _PRONOUN.search(sentence)
    return m.start() if m else 0
