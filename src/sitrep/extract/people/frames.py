"""Lists of the dead, wounded or captured ("The dead of the regiment include its commander ... Others
include Y and Z"), and the sentences that continue them: a list carries its fate, its unit and any
unnamed role ("its commander") over to the names it lists. Also the role an earlier sentence gave
without a name ("Forces killed a senior Taliban leader. Mullah X was ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitrep.extract.people.facts import Facts, commander_of
from sitrep.extract.people.lexicon import phrase_key, reporting_word
from sitrep.extract.people.page import Page
from sitrep.model import Mention, Person, Span

LIST_LOOKBACK = 30  # characters before a list cue word where "the"/"those" must stand
FRAME_REACH = 3  # sentences over which a list of the dead carries its unit and unnamed roles


@dataclass
class _Frame:
    """A list of people sharing a fate: "The dead of the 247th ... include its commander"."""

    sentence: int
    status: str
    status_span: Span
    verb_end: int
    weak_verb: bool
    unit: Mention | None = None
    unnamed_roles: list[tuple[str, Span, Mention | None]] = field(default_factory=list)


class ListFrames:
    """One document's lists of people sharing a fate. ``apply`` gives a name what the list it stands in
    (or the sentence before it) says of it."""

    def __init__(self, page: Page):
        self.page = page
        self.by_sentence: dict[int, _Frame] = {}
        self.carried: set[int] = set()  # sentences whose first name was offered a carried-over role
        self._scanned = False

    def _scan(self) -> None:
        page, lex = self.page, self.page.lex
        status_of = lex.list_status
        last: _Frame | None = None
        for idx, start in sorted(self._cue_sentences().items()):
            sentence = page.sentences[idx]
            m = lex.list_re.search(page.text, start, sentence.end)
            if m is None:
                continue
            cue = m.group("cue")
            status = status_of.get(phrase_key(cue)) or status_of.get(phrase_key("those " + cue), "killed")
            frame = _Frame(idx, status, Span(m.start("cue"), m.end("cue")), m.end(), phrase_key(m.group("verb")) in ("is", "are", "was", "were"))
            if m.group("of"):
                frame.unit = self.page.units.at(m.start("of"), m.end("of"))
            if frame.unit is None and last is not None and idx - last.sentence <= FRAME_REACH and last.status == status:
                frame.unit = last.unit  # a second list of the same dead, e.g. "the pictures of the dead include"
                frame.unnamed_roles = last.unnamed_roles
            else:
                self._unnamed_roles(frame, m.end(), sentence.end)
            self.by_sentence[idx] = frame
            last = frame
        self._scanned = True

    def _cue_sentences(self) -> dict[int, int]:
        """Sentence index -> where to start the list regex: sentences holding a list cue word with "the" or
        "those" just before it, found with plain substring search (running the list regex over every
        sentence would cost more than the rest of this stage)."""
        lower = self.page.lowered
        found: dict[int, int] = {}
        for word in self.page.lex.list_words:
            pos = lower.find(word)
            while pos >= 0:
                before = lower[max(0, pos - LIST_LOOKBACK) : pos]
                if "the " in before or "those " in before:
                    idx, sentence = self.page.sentence_at(pos)
                    if idx >= 0:
                        start = max(sentence.start, pos - LIST_LOOKBACK)
                        found[idx] = min(found.get(idx, start), start)
                pos = lower.find(word, pos + len(word))
        return found

    def _carry_unnamed_role(self, idx: int, facts: Facts, person: Person) -> None:
        """"Among the Russian dead is a battalion commander. Lieutenant Colonel X ...": the first ranked
        name of the next sentence is the one the list spoke of."""
        if idx in self.carried:
            return
        self.carried.add(idx)
        previous = self.by_sentence.get(idx - 1)
        if previous is None or not previous.unnamed_roles:
            self._carry_object_role(idx, facts)
            return
        if facts.rank is None or facts.role is not None or person.role is not None:
            return
        self._take_unnamed_role(previous, facts)
        if facts.status is None:
            facts.status, facts.status_span, facts.status_source = previous.status, previous.status_span, "list"

    def _carry_object_role(self, idx: int, facts: Facts) -> None:
        """"Forces killed a senior Taliban leader ... Mullah Bahuddin was a senior Taliban leader": the
        first name of the next sentence, holding the same role, shares the fate."""
        if idx < 1 or facts.status is not None or facts.role is None:
            return
        page = self.page
        sentence = page.sentences[idx - 1]
        head = phrase_key(facts.role).split()[-1]
        if not any(page.lowered.find(verb, sentence.start, sentence.end) >= 0 for verb in page.lex.object_cues):
            return  # a substring test first: the regex is slow and most sentences hold no such verb
        for m in page.lex.object_role_re.finditer(page.text, sentence.start, sentence.end):
            if phrase_key(m.group("head")).split()[-1] == head:
                status = page.lex.object_cues[phrase_key(m.group("verb"))]
                facts.status, facts.status_span, facts.status_source = status, Span(m.start("verb"), m.end("verb")), "object"
                return

    def _take_unnamed_role(self, frame: _Frame, facts: Facts) -> None:
        key, role_span, unit = frame.unnamed_roles.pop(0)
        role, kind = self.page.lex.roles.get(key, (key, "military"))
        unit = unit or facts.unit
        if role == "commander" and unit is not None:
            role = commander_of(unit)
        facts.role, facts.role_kind, facts.role_span = role, kind, role_span
        facts.unit = facts.unit or unit

    def _unnamed_roles(self, frame: _Frame, start: int, end: int) -> None:
        for m in self.page.lex.unnamed_role_re.finditer(self.page.text, start, end):
            owner = m.group("owner").lower()
            echelon = m.group("echelon")
            unit = frame.unit
            if echelon:
                unit = self.page.unit_by_echelon(m.start(), echelon.lower())
            elif owner in ("its", "their") and unit is None:
                unit = self.page.units.last_before(m.start())
            frame.unnamed_roles.append((phrase_key(m.group("role")), Span(m.start("role"), m.end("role")), unit))

    def frame_for(self, idx: int, sentence: Span) -> _Frame | None:
        if not self._scanned:
            self._scan()
        page = self.page
        if idx < 0:
            return None
        if idx in self.by_sentence:
            return self.by_sentence[idx]
        if page.lex.continuation_re.match(page.text, sentence.start, sentence.end):
            for back in range(1, FRAME_REACH):
                previous = self.by_sentence.get(idx - back)
                if previous is not None:
                    frame = _Frame(idx, previous.status, previous.status_span, sentence.start, False, previous.unit, previous.unnamed_roles)
                    self.by_sentence[idx] = frame
                    return frame
        return None

    def apply(self, idx: int, sentence: Span, span: Span, facts: Facts, person: Person) -> None:
        frame = self.frame_for(idx, sentence)
        if frame is None:
            self._carry_unnamed_role(idx, facts, person)
            return
        if span.start < frame.verb_end:
            return
        gap = self.page.text[frame.verb_end : facts.start]
        if (frame.weak_verb and gap.strip()) or reporting_word().search(gap):
            return  # "the dead were taken to the morgue, said X": X is the source, not one of the dead
        if facts.status is None:
            facts.status, facts.status_span, facts.status_source = frame.status, frame.status_span, "list"
        if facts.unit is None and frame.unit is not None:
            facts.unit = frame.unit
        # "include its commander ... Colonel X": the unnamed role goes to the next ranked name without one
        if facts.role is None and facts.rank is not None and person.role is None and frame.unnamed_roles:
            self._take_unnamed_role(frame, facts)
