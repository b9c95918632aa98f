"""The descriptor before a name, read backwards from it inside its sentence: rank, role (with its
qualifiers: "Kremlin spokesman", "the regiment's deputy commander"), side, a fate adjective or the verb
whose object the name is, age ("23-year-old"), unit. Also: a bare role ("spokesman X") that takes the
qualifier of the same role mentioned just before ("a Kremlin spokesman"), an honorific after the comma of an
apposition ("the village head, Alhaji X"), and a naming verb whose descriptor carries the fate ("police
identified the slain officer as X").
"""

from __future__ import annotations

import re

from sitrep.extract.people.facts import MAX_PREDICATE_WORDS, Facts, age_of, commander_of
from sitrep.extract.people.lexicon import NO_ROLE_KINDS, qualified_role_pattern
from sitrep.extract.people.page import Page
from sitrep.extract.people.tokens import DETERMINERS, PREPOSITIONS, WINDOW_TOKEN, Tok, match_back, read_tokens
from sitrep.model import Span

LEFT_WINDOW = 100  # characters of descriptor read before a name
NAMED_AS_WORDS = 5  # "identified the two slain officers as": words between a naming verb and "as"
QUALIFIER_KINDS = frozenset({"institution", "military", "organisation", "other"})  # may qualify a role
_YEAR_OLD = re.compile(r"(\d{1,2}|[A-Za-z]+(?:-[a-z]+)?)(?:-year-old| ?y\.o\.)")  # "23-year-old", "Twelve-year-old"


class BeforeName:
    """Reads what stands before the names of one document (``facts_before``)."""

    def __init__(self, page: Page):
        self.page = page
        self.text, self.lex, self.units, self.places = page.text, page.lex, page.units, page.places

    def facts_before(self, sentence: Span, name_start: int) -> Facts:
        """Read backwards from the name: rank, role (with qualifiers), side, fate adjective, unit."""
        facts = Facts(start=name_start)
        toks = read_tokens(self.text, WINDOW_TOKEN, max(sentence.start, name_start - LEFT_WINDOW), name_start)
        i = len(toks) - 1
        adjacent = True
        i = self._honorific_after_comma(toks, i, facts)
        if i >= 0 and toks[i].text == ",":
            i = self._skip_prepositional_tail(toks, i - 1, facts)
        else:
            i = self._role_of_place(toks, i, facts)
        role_words: list[Tok] = []
        head = [0]  # how many of role_words are the role head itself
        while i >= 0:
            tok = toks[i]
            low = tok.text.lower().replace("’", "'")
            if tok.text == "," and facts.rank is not None and facts.role is None and not role_words:
                # "the regiment's chief of staff, Major X": a role in apposition before the rank
                i = self._skip_prepositional_tail(toks, i - 1, facts)
                continue
            step = self._descriptor_step(toks, i, facts, role_words, head, adjacent)
            if step:
                i -= step
                adjacent = False
                facts.start = toks[i + 1].start
                continue
            if low in DETERMINERS or low in ("its", "their"):
                if low in ("its", "their") and facts.unit is None and facts.role:
                    facts.unit = self.units.last_before(tok.start)
                facts.start = tok.start
                if i > 0 and facts.status is None:
                    self._object_of_verb(toks[i - 1], facts)
            elif low == "as" and facts.status is None:
                self._named_as(toks, i, facts)
            break
        self._finish_role(facts, role_words, head[0])
        return facts

    def _honorific_after_comma(self, toks: list[Tok], i: int, facts: Facts) -> int:
        """"the village head, Alhaji X": an honorific is not part of the name, and the comma before it sets
        off the apposition as if it stood right before the name. Returns where to read on from."""
        if i < 1:
            return i
        hit = match_back(toks, i, self.lex.roles)
        if hit is None or self.lex.roles[hit[1]][1] != "honorific" or i - hit[0] < 0 or toks[i - hit[0]].text != ",":
            return i
        facts.trigger = True
        return i - hit[0]

    def _named_as(self, toks: list[Tok], i: int, facts: Facts) -> None:
        """"police identified the slain officer as X", "the ministry named the dead as X": a naming verb, then
        words that carry a fate ("slain", "the dead"), then "as" (token i) right before the name."""
        lex = self.lex
        for j in range(i - 1, max(-1, i - 1 - NAMED_AS_WORDS), -1):
            if toks[j].key not in lex.naming_verbs:
                continue
            for k in range(i - 1, j, -1):
                hit = match_back(toks, k, lex.before_cues)
                status = lex.before_cues[hit[1]] if hit else lex.list_status.get(toks[k].key)
                if status is not None:
                    facts.status, facts.status_span, facts.status_source = status, Span(toks[k].start, toks[k].end), "adjective"
                    return
            return

    def _object_of_verb(self, tok: Tok, facts: Facts) -> None:
        """"troops killed the Taliban commander X": the verb before the determiner is X's fate."""
        status = self.lex.object_cues.get(tok.text.lower())
        if status is not None:
            facts.status, facts.status_span, facts.status_source = status, Span(tok.start, tok.end), "object"

    def _role_of_place(self, toks: list[Tok], i: int, facts: Facts) -> int:
        """"Mayor of Melitopol Ivan Fedorov": a role, "of" and a capitalised place right before the name."""
        j = i
        while j >= 0 and i - j < 3 and toks[j].text[:1].isupper():
            j -= 1
        if j == i or j < 1 or toks[j].text.lower() != "of":
            return i
        hit = match_back(toks, j - 1, self.lex.roles)
        if hit is None or self.lex.roles[hit[1]][1] not in ("official", "political"):
            return i
        facts.role_tail = Span(toks[j].start, toks[i].end)
        facts.role_tail_anchor = toks[j - 1].end
        place = self.places.at(toks[j + 1].start, toks[i].end)
        if place is not None:
            facts.side = facts.side or getattr(place.value, "country", None)
        return j - 1

    def _skip_prepositional_tail(self, toks: list[Tok], i: int, facts: Facts) -> int:
        """In "a soldier from Pskov, X" step over "from Pskov" (noting a unit named there); in "the
        commander of Ukraine's ground forces, X" keep "of Ukraine's ground forces" for the role."""
        for j in range(i, max(0, i - MAX_PREDICATE_WORDS), -1):
            if toks[j].text.lower() in ("of", "for") and match_back(toks, j - 1, self.lex.roles):
                facts.role_tail = Span(toks[j].start, toks[i].end)
                facts.role_tail_anchor = toks[j - 1].end
                for tok in toks[j + 1 : i + 1]:
                    low = tok.text.lower().replace("’", "'")
                    if tok.text[0].isupper() and low in self.lex.sides:
                        facts.side = facts.side or self.lex.sides[low][0]
                    facts.unit = facts.unit or self.units.at(tok.start, tok.end)
                return j - 1
        j = i
        while j >= 0 and i - j < 6 and (toks[j].text[:1].isupper() or toks[j].text.isdigit() or toks[j].text.lower() in ("the", "of")):
            j -= 1
        if j >= 0 and j < i and toks[j].text.lower() in PREPOSITIONS:
            unit = self.units.at(toks[j + 1].start, toks[i].end)
            if unit is not None:
                facts.unit = unit
            return j - 1
        return i

    def _descriptor_step(self, toks, i, facts: Facts, role_words: list[Tok], head: list[int], adjacent: bool) -> int:
        """Consume one descriptor element ending at token i; return how many tokens it took (0 = stop)."""
        lex = self.lex
        tok = toks[i]
        low = tok.text.lower().replace("’", "'")
        year_old = _YEAR_OLD.fullmatch(tok.text)
        if year_old:
            if year_old.group(1).isdigit():
                facts.age = age_of(year_old.group(1))
            facts.trigger |= adjacent  # "the 34-year-old X": an age written before a name introduces it
            return 1
        hit = match_back(toks, i, lex.ranks)
        if hit and facts.rank is None and facts.role is None and not role_words:
            k, key = hit
            facts.rank = lex.ranks[key]
            facts.rank_span = Span(toks[i - k + 1].start, tok.end)
            facts.trigger |= adjacent
            return k
        if tok.text[0].isupper() and facts.rank is not None and not role_words and lex.modifiers.get(low):
            return 1  # "Marine Maj. Gen. X", "Army Col. X": the service, not a role
        hit = match_back(toks, i, lex.roles)
        if hit and facts.role is None:
            k, key = hit
            role, kind = lex.roles[key]
            facts.trigger |= adjacent
            if kind not in NO_ROLE_KINDS:
                facts.role, facts.role_kind = role, kind
                role_words[:] = toks[i - k + 1 : i + 1]
                head[0] = k
            return k
        kind = lex.modifiers.get(low)
        if role_words and facts.status is None and (kind == "modifier" or (kind == "echelon" and tok.text[0].islower())):
            role_words.insert(0, tok)
            return 1
        if tok.text[0].isupper() and low in lex.sides:
            side, kind = lex.sides[low]
            facts.side = facts.side or side
            if kind == "institution" and role_words and facts.status is None:
                role_words.insert(0, tok)
                facts.role_qualified = True
            return 1
        if role_words and facts.status is None and tok.text[0].isupper() and lex.stop_kinds.get(low) in QUALIFIER_KINDS:
            role_words.insert(0, tok)  # "Defence Ministry spokesman", "General Staff spokesman"
            facts.role_qualified = True
            return 1
        unit = self.units.at(tok.start, tok.end)
        if unit is not None:
            facts.unit = facts.unit or unit
            return count_back(toks, i, unit.span.start)
        place = self.places.at(tok.start, tok.end)
        if place is not None and role_words:
            if facts.role_kind in ("official", "political"):
                facts.side = facts.side or getattr(place.value, "country", None)
                role_words.insert(0, Tok(self.text[place.span.start : tok.end], place.span.start, tok.end))
                facts.role_qualified = True
            return count_back(toks, i, place.span.start)
        if low.endswith("'s") and lex.modifiers.get(low[:-2]) == "echelon":
            facts.unit = facts.unit or self.page.unit_by_echelon(tok.start, low[:-2])
            return 1
        hit = match_back(toks, i, lex.before_cues)
        if hit and facts.status is None:
            k, key = hit
            facts.status = lex.before_cues[key]
            facts.status_span = Span(toks[i - k + 1].start, tok.end)
            facts.status_source = "object" if key in lex.object_cues else "adjective"
            return k
        kind = lex.modifiers.get(low)
        if kind == "filler" or kind == "service" or (kind and tok.text[0].isupper() and not role_words):
            return 1  # "U.S. Army Col. X": read past the service to the side word before it
        return 0

    def _finish_role(self, facts: Facts, role_words: list[Tok], head_words: int) -> None:
        """The role as reported: the written qualifiers ("Kremlin", "deputy") then the head's lexicon form."""
        if not role_words:
            return
        facts.role_span = Span(role_words[0].start, role_words[-1].end)
        qualifiers = [self.text[t.start : t.end] for t in role_words[: len(role_words) - head_words]]
        facts.role = " ".join(qualifiers + [facts.role])
        if facts.role_tail is not None and role_words[-1].end == facts.role_tail_anchor:
            facts.role = f"{facts.role} {self.text[facts.role_tail.start : facts.role_tail.end]}"
            facts.role_span = Span(facts.role_span.start, facts.role_tail.end)
            return
        if facts.role == "commander" and facts.unit is not None:
            facts.role = commander_of(facts.unit)

    # -- roles named earlier without a name --

    def resolve_role_antecedent(self, idx: int, sentence: Span, span: Span, facts: Facts) -> None:
        """"a Kremlin spokesman admitted ... Putin's mouthpiece Dmitry Peskov said": the bare role takes the
        qualifier of the same role mentioned just before (this sentence or the previous one)."""
        if facts.role is None or facts.role_qualified or facts.role_kind not in ("spokesperson", "official"):
            return
        lo = self.page.sentences[idx - 1].start if idx > 0 else sentence.start
        pattern, surfaces = qualified_role_pattern(facts.role)
        if not any(self.page.lowered.find(surface, lo, span.start) >= 0 for surface in surfaces):
            return
        for m in pattern.finditer(self.text, lo, span.start):
            word = m.group("qualifier")
            low = word.lower()
            if low in self.lex.sides and word[0].isupper():
                side, kind = self.lex.sides[low]
                if kind == "institution":
                    facts.role = f"{word} {facts.role}"
                    facts.role_span = Span(m.start("qualifier"), m.end())
                    facts.side = facts.side or side
                    facts.role_qualified = True
                    return


def count_back(toks: list[Tok], i: int, start: int) -> int:
    """How many tokens, counting back from i, lie at or after offset ``start``."""
    k = 0
    while i - k >= 0 and toks[i - k].start >= start:
        k += 1
    return max(k, 1)
