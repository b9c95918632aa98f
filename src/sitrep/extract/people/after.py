"""What follows a name inside its sentence: age (", 23,"), a unit ("of the 93rd Mechanized Brigade"),
appositive roles (", the regiment's reconnaissance commander"), asides read past to reach the predicate,
a fate predicate ("who was killed", ", killed in March") and a role after a copula ("was a senior
Taliban leader").
"""

from __future__ import annotations

import re

from sitrep.extract.people.facts import MAX_PREDICATE_WORDS, Facts, age_of, commander_of
from sitrep.extract.people.lexicon import NO_ROLE_KINDS, after_kinds, phrase_key
from sitrep.extract.people.page import Page
from sitrep.extract.people.tokens import DETERMINERS, PREPOSITIONS, WINDOW_TOKEN, Tok, match_forward, read_tokens
from sitrep.model import Span

MAX_APPOSITIVES = 3
MAX_APPOSITIVE_WORDS = 12  # a longer stretch between commas is a clause, not an apposition
_AGE = re.compile(r"\s*(?:,\s*(?:aged\s+)?(\d{1,2})(?=\s*[,.;:)]|\s+(?:and|who|was|is|had|has)\b)|\((\d{1,2})\))")
_UNIT_TIE = re.compile(r"\s*,?\s+(?:of|from|with|in)\s+(?:the\s+|its\s+)?", re.IGNORECASE)
_ASIDE = re.compile(
    r"(?:\s*,?\s+(?:of|from)\s+the\s+[^,;.()\n]{1,80}(?=\s*[,(]))"  # ", of the 15th Brigade"
    r"|(?:\s*\([^()\n]{1,60}\))"  # "(military unit 90600)"
    r"|(?:\s*,\s*(?:the|a|an|his|her)\s+[^,;.()\n\"“”]{1,60}(?=,))"  # ", the daughter of ...,"
    # "X and two herders were wounded", "X along with his driver was killed": companions who share the
    # predicate (lower-case words only, so that a second name is left to the coordination rules)
    r"|(?-i:\s+(?:and|along\s+with|together\s+with)\s+(?:[a-z]+\s+){0,3}[a-z]+(?=,?\s+(?:were|was)\s))",
    re.IGNORECASE,
)
_COPULA = re.compile(r"\s*,?\s+(?:was|is|had\s+been|has\s+been|remains)\s+(?:a|an|the)\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_APPOSITIVE_END = re.compile(
    r"[,;:.()\"“”]|\s(?:and|who|which|said|says|told|was|were|is|has|had|but|when|after|before)\b"
)


class AfterName:
    """Reads what follows the names of one document (``facts_after``)."""

    def __init__(self, page: Page):
        self.page = page
        self.text, self.lex, self.units, self.places = page.text, page.lex, page.units, page.places

    def facts_after(self, sentence: Span, pos: int, facts: Facts) -> None:
        """Age, appositive roles and a fate predicate after the name."""
        for _ in range(MAX_APPOSITIVES):
            age = _AGE.match(self.text, pos, sentence.end)
            if age:
                facts.age = facts.age or age_of(age.group(1) or age.group(2))
                pos = age.end()
                continue
            end = (
                self._unit_tie(sentence, pos, facts)
                or self._appositive(sentence, pos, facts)
                or self._aside(sentence, pos, facts)
            )
            if end is None:
                break
            pos = end
        facts.after_end = pos
        self._fate_after(sentence, pos, facts)
        if facts.role is None and facts.status is None:
            self._predicate_role(sentence, pos, facts)

    def _unit_tie(self, sentence: Span, pos: int, facts: Facts) -> int | None:
        """"Colonel X of the 93rd Mechanized Brigade": a unit named right after the name."""
        m = _UNIT_TIE.match(self.text, pos, sentence.end)
        if not m:
            return None
        unit = self.units.at(m.end(), m.end() + 1)
        if unit is None or unit.span.start != m.end():
            return None
        facts.unit = facts.unit or unit
        return unit.span.end

    def _aside(self, sentence: Span, pos: int, facts: Facts) -> int | None:
        """Read past ", of the 15th Brigade (military unit 90600)," to reach the predicate; a unit named
        inside is the person's unit."""
        m = _ASIDE.match(self.text, pos, sentence.end)
        if not m or m.end() == pos:
            return None
        if facts.unit is None:
            unit = self.units.at(m.start(), m.end())
            facts.unit = unit
        return m.end()

    def _appositive(self, sentence: Span, pos: int, facts: Facts) -> int | None:
        """", the regiment's reconnaissance commander" / ", commander of the assault platoon" -> role."""
        comma = _COMMA.match(self.text, pos, sentence.end)
        if not comma:
            return None
        start = comma.end()
        end = self._phrase_end(start, sentence.end)
        toks = read_tokens(self.text, WINDOW_TOKEN, start, end)
        if not toks or len(toks) > MAX_APPOSITIVE_WORDS:
            return None
        return end if self._role_phrase(toks, facts) else None

    def _phrase_end(self, start: int, limit: int) -> int:
        """Where a noun phrase after a comma ends: punctuation, a verb, or "and" — except an "and" inside
        a capitalised name ("the National Security and Defence Council")."""
        text = self.text
        while True:
            stop = _APPOSITIVE_END.search(text, start, limit)
            if stop is None:
                return limit
            if stop.group(0).strip() == "and" and text[stop.start() - 1 : stop.start()].isalpha():
                before = text.rfind(" ", 0, stop.start()) + 1
                after = stop.end() + 1
                if text[before : before + 1].isupper() and text[after : after + 1].isupper():
                    start = stop.end()
                    continue
            return stop.start()

    def _predicate_role(self, sentence: Span, pos: int, facts: Facts) -> None:
        """"Mullah Bahuddin was a senior Taliban leader responsible for ...": the role after a copula."""
        m = _COPULA.match(self.text, pos, sentence.end)
        if not m:
            return
        stop = _APPOSITIVE_END.search(self.text, m.end(), sentence.end)
        toks = read_tokens(self.text, WINDOW_TOKEN, m.end(), stop.start() if stop else sentence.end)
        if toks:
            self._role_phrase(toks[:MAX_PREDICATE_WORDS], facts)

    def _role_phrase(self, toks: list[Tok], facts: Facts) -> bool:
        """Read a noun phrase that names a role or rank ("the regiment's reconnaissance commander",
        "a colonel in the 58th Army", "commander of the assault platoon"); True if it does."""
        head = self._find_role_head(toks)
        if head is None:
            return False
        at, k, key, is_rank = head
        if not self._appositive_prefix_ok(toks[:at]):
            return False
        for tok in toks[:at]:
            low = tok.text.lower().replace("’", "'")
            if low.endswith("'s") and self.lex.modifiers.get(low[:-2]) == "echelon":
                facts.unit = facts.unit or self.page.unit_by_echelon(tok.start, low[:-2])
            elif low in ("its", "their"):
                facts.unit = facts.unit or self.units.last_before(tok.start)
            elif low in self.lex.sides and tok.text[0].isupper():
                facts.side = facts.side or self.lex.sides[low][0]
            unit = self.units.at(tok.start, tok.end)
            if unit is not None:
                facts.unit = facts.unit or unit
        if is_rank:
            facts.rank = facts.rank or self.lex.ranks[key]
            facts.rank_span = facts.rank_span or Span(toks[at].start, toks[at + k - 1].end)
            self._appositive_tail(toks[at + k :], facts, None)
            return True
        role, kind = self.lex.roles[key]
        if kind in NO_ROLE_KINDS:
            return False
        if facts.role is not None:
            return True
        mods: list[Tok] = []
        for tok in reversed(toks[:at]):  # the modifiers and institutions written right before the head
            low = tok.text.lower()
            institution = tok.text[0].isupper() and self.lex.sides.get(low, (None, ""))[1] == "institution"
            if self.lex.modifiers.get(low) not in ("modifier", "echelon") and not institution:
                break
            mods.insert(0, tok)
        first = mods[0] if mods else toks[at]
        role_text = " ".join([self.text[t.start : t.end] for t in mods] + [role])
        role_end = toks[at + k - 1].end
        facts.role, facts.role_kind = role_text, kind
        tail_end = self._appositive_tail(toks[at + k :], facts, role_text)
        if tail_end is not None:
            facts.role = role_text + " " + self.text[toks[at + k].start : tail_end]
            role_end = tail_end
        facts.role_span = Span(first.start, role_end)
        if facts.role == "commander" and facts.unit is not None:
            facts.role = commander_of(facts.unit)
        facts.trigger = True
        return True

    def _find_role_head(self, toks: list[Tok]):
        lex = self.lex
        for at in range(len(toks)):
            hit = match_forward(toks, at, lex.roles)
            if hit:
                return at, hit[0], hit[1], False
            hit = match_forward(toks, at, lex.ranks)
            if hit and toks[at].text[0].islower():  # capitalised: the next name of a list
                return at, hit[0], hit[1], True
        return None

    def _appositive_prefix_ok(self, toks: list[Tok]) -> bool:
        """Only determiners, possessive unit references, side words, units and modifiers precede the head."""
        unknown = 0
        for tok in toks:
            low = tok.text.lower().replace("’", "'")
            if low in PREPOSITIONS or low == "to":
                return False  # "the deputy to the senior commander": the head belongs to someone else
            if low in DETERMINERS or low in ("its", "their") or low in self.lex.modifiers:
                continue
            if low.endswith("'s") or (tok.text[0].isupper() and low in self.lex.sides):
                continue
            if self.units.at(tok.start, tok.end) or self.places.at(tok.start, tok.end):
                continue
            unknown += 1
        return unknown <= 1

    def _appositive_tail(self, toks: list[Tok], facts: Facts, role: str | None) -> int | None:
        """After the head: "of <unit>" links the unit; "of the assault platoon" stays in the role;
        "for the Kremlin" qualifies it. Returns where the role text ends when the tail belongs to it."""
        if not toks or toks[0].text.lower() not in PREPOSITIONS:
            return None
        for tok in toks[1:]:
            unit = self.units.at(tok.start, tok.end)
            if unit is not None:
                facts.unit = facts.unit or unit
                return None
            low = tok.text.lower()
            if tok.text[0].isupper() and low in self.lex.sides:
                side, kind = self.lex.sides[low]
                facts.side = facts.side or side
                if kind == "institution" and role is not None and toks[0].text.lower() == "for":
                    facts.role = f"{tok.text} {role}"
                    facts.role_qualified = True
                    return None
            place = self.places.at(tok.start, tok.end)
            if place is not None and facts.role_kind in ("official", "political"):
                facts.side = facts.side or getattr(place.value, "country", None)
        if role is not None and toks[0].text.lower() in ("of", "for"):
            return toks[-1].end  # "commander of the assault platoon", "spokesman for the Tavria group"
        return None

    def _fate_after(self, sentence: Span, pos: int, facts: Facts) -> None:
        m = self.lex.after_re.match(self.text, pos, sentence.end)
        if not m:
            return
        status, passive = after_kinds()[phrase_key(m.group("cue"))]
        aux = {w.lower() for w in m.group("aux").split()}
        bare = not m.group("who") and not aux
        if bare and m.group("comma") and "," in self.text[sentence.start : facts.start]:
            return  # "Y, the daughter of Z, died": Z closes an aside, the verb is Y's
        if passive and not (aux & self.lex.be_words or (bare and self._bare_passive(m))):
            return  # "X killed two men" / "X had captured" are not X's fate
        facts.status = status
        facts.status_span = Span(m.start("cue"), m.end("cue"))
        facts.status_source = "predicate"

    def _bare_passive(self, m: re.Match) -> bool:
        """A participle without an auxiliary is passive after a comma ("X, killed in March") or before a
        preposition or the end of the sentence ("X killed near Avdiivka", a headline)."""
        if m.group("comma"):
            return True
        rest = self.text[m.end() : m.end() + 20].split(None, 1)
        return not rest or rest[0].strip(".,;:").lower() in self.lex.prepositions or rest[0][0] in ".;:"
