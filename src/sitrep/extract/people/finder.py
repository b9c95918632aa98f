"""The finder: names in the text, the facts around each (read by ``before``, ``after`` and ``frames``),
and which names are the same person.

One regular-expression pass collects runs of capitalised words; within a run the name starts after any
rank, title, side word or stop word. A run is a person when a rank, role or honorific stands right
before the name, when its first word is a known given name (or one edit away from one) followed by a
surname, or when it repeats a person already found (full name or surname alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from sitrep.extract.context import Context
from sitrep.extract.people.after import AfterName
from sitrep.extract.people.before import BeforeName
from sitrep.extract.people.facts import Facts
from sitrep.extract.people.frames import ListFrames
from sitrep.extract.people.lexicon import given_group, phrase_key
from sitrep.extract.people.page import Page
from sitrep.extract.people.tokens import WINDOW_TOKEN, Tok, match_back, match_forward, read_tokens
from sitrep.model import Mention, Person, Span

MAX_NAME_WORDS = 4
MIN_FUZZY_SURNAME = 5  # surnames this long may differ by one edit when the given names agree
ORGANISATION_KINDS = frozenset({"organisation", "military", "place-word", "institution"})
APPOSITION_WINDOW = 60  # characters before "..., X" looked at for a role noun
CUE_WINDOW = 40  # characters read before a name for a naming or speech cue
MAX_LIST_GAP = 6  # characters between two names of a list (", and ")
MAX_COORDINATED = 4  # places listed before a name-like run looked back over
COORDINATION_WINDOW = 80  # characters before a run searched for "<locative> X, Y and" before it
_AFTER_CUE = re.compile(r",\s+(?:\d{1,2}\b|aged\b|an?\s|one\s+of\b|the\s|(?:his|her|their)\s)|\s+\(\d{1,2}\)")
_GIVEN_PAIR = re.compile(r"\s+and\s+([A-Z][\w'’\-]+)\s+[A-Z][\w'’\-]+")  # "X and Y Surname"
_NAME_NEIGHBOUR_KINDS = frozenset({"function", "calendar", "demonym"})  # stop words that may follow a name in a run
_ARTICLES = frozenset({"the", "a", "an", "its", "their"})  # "the Abu Shouk camp": a thing named after someone
_BROAD_PLACES = frozenset({"country", "region", "area"})  # never a surname, whatever word comes before
HEADLINE_CAPITALS = 0.7  # share of longer words capitalised above which a sentence reads as a headline
HEADLINE_MIN_WORDS = 5  # "President Zelensky visited Bakhmut." is short, not a headline

_NEVER, _READ, _MAYBE = 0, 1, 2  # what a capitalised run's words alone say; see PeopleFinder._classify_run
_A_PLACE = object()  # a verdict of _consider: not a person, nor is the rest of the run

_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"(?:[{_UPPER}][\w'’\-]*\.?|(?:al|el|ad|ul|ud|as|ash)-[{_UPPER}][\w'’\-]*)"
_PARTICLE = r"(?:bin|ibn|bint|van|von|der|de|da|du|al|el)"
# The first character is a plain character class (the lookbehind comes after it) so that the regex
# engine can scan for candidates quickly: written the obvious way this pattern is five times slower.
NAME_RUN = re.compile(
    rf"[{_UPPER}](?<![\w'’\-].)[\w'’\-]*\.?(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN})*"
)
_RUN_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['’]s?$")
_COORDINATION = re.compile(r"\s*(?:,|and|, and|&)\s*")
# a capitalised run (one to four words) then ", " / " and " / " or " right before the run being read
_COORDINATED_BEFORE = re.compile(
    rf"\s((?:[{_UPPER}][\w'’\-]*\s+){{0,3}}[{_UPPER}][\w'’\-]*)(?:,\s+|,?\s+and\s+|\s+or\s+)$"
)
_LIST_GOES_ON = re.compile(rf"\s*(?:,\s*|,?\s+(?:and|or)\s+)[{_UPPER}]")  # after a run: another place of the list
_INITIAL = re.compile(r"[A-Z]\.")
_PREFIXED = re.compile(rf"(?:al|el|ad|ul|ud|as|ash)-[{_UPPER}]")  # "al-Omar": a whole name word
_CAPITAL_PREFIX = re.compile(rf"(?:Al|El)-[{_UPPER}]")  # "Al-Sadr" written at a sentence's start
_ACRONYM_PART = re.compile(r"(?:^|-)[A-Z]{2,}(?:-|$)")  # "OVD-Info", "RIA-Novosti": an outlet, not a name


class PeopleFinder:
    """One document's people: names, the facts around them, and who is the same person. Everything it
    keeps (the people so far, the verdicts on capitalised runs) belongs to this one document."""

    def __init__(self, ctx: Context, units: list[Mention], places: list[Mention]):
        self.page = Page(ctx, units, places)
        self.text, self.lex = self.page.text, self.page.lex
        self.before = BeforeName(self.page)
        self.after = AfterName(self.page)
        self.frames = ListFrames(self.page)
        self.people: list[_Known] = []
        self.surnames: set[str] = set()
        self.mentions: list[Mention] = []
        self.headlines: dict[int, bool] = {}
        self.segment_start = 0  # where the capitalised run being read starts
        self.verdicts: dict[str, tuple[int, tuple[str, ...]]] = {}  # capitalised run -> (verdict, its words as keys)

    # -- names --

    def run(self) -> list[Mention]:
        verdicts, classify, surnames = self.verdicts, self._classify_run, self.surnames
        for match in NAME_RUN.finditer(self.text):
            run = match.group(0)
            verdict, keys = verdicts.get(run) or classify(run)
            if verdict == _NEVER:
                continue
            if (
                verdict == _MAYBE
                and surnames.isdisjoint(keys)
                and not self._may_follow_trigger(match.start())
                and not self._may_have_cue(match.start(), match.end())
            ):
                continue
            for segment in self._segments(match):
                self._consider_segment(segment)
        self._propagate_coordinated_fates()
        self._fill_from_officeholders()
        return self.mentions

    def _classify_run(self, run: str) -> tuple[int, tuple[str, ...]]:
        """What the words alone say (kept for the rest of the document, most runs recur: "The", "Ukraine"):
        never a person (only stop words and acronyms), worth reading (a rank, role or given name), or
        maybe (a name-like word: a person if it is a known surname or follows a rank or role). Also
        returns the run's words as keys for the known-surname test."""
        hot, stop = self.lex.hot_words, self.lex.stop
        verdict = _NEVER
        words = run.split()
        keys = tuple([_strip_possessive(word.rstrip(".")).lower() for word in words])
        for word, low in zip(words, keys):
            if low in hot:
                verdict = _READ
                break
            if low in stop or (word.isupper() and len(word) > 2):
                continue
            if given_group(low) is not None and len(keys) > 1:
                verdict = _READ
                break
            verdict = _MAYBE
        if verdict == _MAYBE and "year-old" in run:
            verdict = _READ  # "Twelve-year-old X": an age introduces a name
        self.verdicts[run] = (verdict, keys)
        return verdict, keys

    def _segments(self, match: re.Match) -> list[list[Tok]]:
        """Split a run at full stops that end a sentence and after possessives ("Putin's Kremlin")."""
        segments, current = [], []
        base = match.start()
        for m in _RUN_TOKEN.finditer(match.group(0)):
            tok = Tok(m.group(0), base + m.start(), base + m.end())
            if tok.text.endswith(".") and not self._is_abbreviation(tok.text):
                current.append(Tok(tok.text[:-1], tok.start, tok.end - 1))
                segments.append(current)
                current = []
                continue
            current.append(tok)
            if _POSSESSIVE.search(tok.text) and len(tok.text) > 2:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        return segments

    def _is_abbreviation(self, token: str) -> bool:
        word = token[:-1]
        return (len(word) == 1 and word.isupper()) or word.lower() in self.lex.abbreviations

    def _consider_segment(self, toks: list[Tok]) -> None:
        """A run may hold more than one candidate ("S. Army Col. Rafael Torres"): try each in turn."""
        i = 0
        self.segment_start = toks[0].start
        while i < len(toks):
            i = self._name_start(toks, i)
            name = self._name_tokens(toks, i)
            verdict = self._consider(name) if name and not self._names_an_organisation(toks, i + len(name)) else False
            if verdict is _A_PLACE:
                return  # "in Wali Muhammad Shahid district": no later word of the run is a name either
            if verdict:
                i += len(name)
            else:
                i += 1  # "Melitopol Ivan Fedorov": a place before the name, when places missed it

    def _names_an_organisation(self, toks: list[Tok], after: int) -> bool:
        """"Bohdan Khmelnytsky Separate Presidential Brigade", "Taras Shevchenko National University":
        a name followed in the same run by an organisation, military or place word names that thing."""
        if after >= len(toks):
            return False
        kind = self.lex.stop_kinds.get(_strip_possessive(toks[after].text).lower())
        return kind is not None and kind not in _NAME_NEIGHBOUR_KINDS  # also "... Radio", "Human Rights Watch"

    def _consider(self, name: list[Tok]):
        """True when ``name`` is a person (added), False when not, _A_PLACE when it names a place or thing."""
        start, end = name[0].start, name[-1].end
        tail = _POSSESSIVE.search(name[-1].text) if len(name[-1].text) > 2 else None
        if tail:
            end -= len(tail.group(0))
        words = [self.text[t.start : t.end] for t in name]
        words[-1] = self.text[name[-1].start : end]
        known = self._known(words)
        given = given_group(words[0]) is not None and (len(words) >= 2 or self._before_a_full_name(end))
        if known is None and not given and not self._may_follow_trigger(start) and not self._may_have_cue(start, end):
            return False  # cheap exit for the many capitalised runs that are not people
        idx, sentence = self.page.sentence_at(start)
        facts = self.before.facts_before(sentence, start)
        if known is None and (self._names_a_thing(start, end) or (not facts.trigger and self._after_locative(start, end))):
            return _A_PLACE  # "the Abu Shouk camp", "near Bala Deh": a place or a thing named after someone
        if tail:
            facts.after_end = end  # "Putin's mouthpiece": nothing after a possessive is about Putin
        else:
            self.after.facts_after(sentence, end, facts)
        if known is None and not given and not facts.trigger and not self._cued(start, words, facts):
            return False
        if known is None and all(w[:1].islower() for w in words) and facts.rank is None and facts.role is None:
            return False  # "Kataib Sayyid al-Shuhada": an article word after a title alone names no one
        if known is None and not given and self._headline(idx, sentence):
            return False  # in a Title Case headline every word looks like a name: "Taliban Facilitator Captured"
        self._add(known, words, Span(start, end), idx, sentence, facts)
        return True

    def _cued(self, start: int, words: list[str], facts: Facts) -> bool:
        """A name whose first word is no known given name and that no rank or role introduces is a person
        when the text names it so: a naming phrase before it ("identified as X", "gave his name as X"),
        or, for two words or more, an inverted reporting verb ('"...," said X Y') or an age or a role
        after it ("X Y, 45, an electrician", "X Y, a taxi driver")."""
        kind = self._cue_before(start)
        if kind == "naming":
            return True
        if len(words) < 2:
            return False
        if kind in ("speech", "frame") or self._follows_a_listed_person(start):
            return True
        return facts.age is not None or facts.role is not None or facts.rank is not None

    def _before_a_full_name(self, end: int) -> bool:
        """"Roman and Denys Kovalenko": a given name alone, then "and" and a given name with a surname
        (the two share the surname, written once)."""
        m = _GIVEN_PAIR.match(self.text, end)
        return m is not None and given_group(m.group(1)) is not None

    def _follows_a_listed_person(self, start: int) -> bool:
        """"Samir Khoury, 40, Jad Nassar and Elias Haddad": the next name of a list of people."""
        if not self.mentions:
            return False
        last = self.mentions[-1]
        end = max(last.span.end, last.attrs["_facts"].after_end)
        return start - end <= MAX_LIST_GAP and _COORDINATION.fullmatch(self.text, end, start) is not None

    def _cue_before(self, start: int) -> str | None:
        """The kind of the naming or speech cue (people_cues.tsv) that ends right before ``start``."""
        toks = read_tokens(self.text, WINDOW_TOKEN, max(0, start - CUE_WINDOW), start)
        if toks and toks[-1].text == ",":
            toks.pop()  # "gave only his first name, X"
        if not toks or self.text[toks[-1].end : start].strip(" ,") != "":
            return None
        hit = match_back(toks, len(toks) - 1, self.lex.name_cues)
        return self.lex.name_cues[hit[1]] if hit else None

    def _may_have_cue(self, start: int, end: int) -> bool:
        """A cheap look before and after a capitalised run for the cues ``_cued`` reads."""
        text = self.text
        if _AFTER_CUE.match(text, end) is not None or self._follows_a_listed_person(start):
            return True
        before = text[max(0, start - 30) : start].rstrip(" ,").rsplit(None, 2)
        if before:
            last = before[-1].lower()
            if last in self.lex.name_cue_tails:
                return True
            if last == "of" and len(before) > 1 and before[-2].lower() in self.lex.name_cue_of_heads:
                return True  # "the funeral of X Y"
        if text[max(0, start - 2) : start] == ", " and " " in text[start:end]:  # "a resident of Mosul, X Y"
            tails = self.lex.trigger_tails
            return any(word in tails for word in text[max(0, start - APPOSITION_WINDOW) : start].lower().split())
        return False

    def _after_locative(self, start: int, end: int) -> bool:
        """After a locative word ("near", "the village of": people_cues.tsv), before the run's first word
        or the name's, or coordinated with a place named after one ("in Al-Shifa and Kamal Adwan"). A
        fronted place set off by a comma is no list when nothing coordinated follows the run: in "In
        Mosul, Ali Kadhim said ..." the name is the subject."""
        if self._cue_before(start) == "place" or self._cue_before(self.segment_start) == "place":
            return True
        pos = self.segment_start
        for n in range(MAX_COORDINATED):  # "in Kafr Zita, Habit and X Y": back over the list
            m = _COORDINATED_BEFORE.search(self.text, max(0, pos - COORDINATION_WINDOW), pos)
            if m is None:
                return False
            if n == 0 and self.text[m.end(1) : m.end()].strip() == "," and not _LIST_GOES_ON.match(self.text, end):
                return False
            if self._cue_before(m.start(1)) == "place":
                return True
            pos = m.start(1)
        return False

    def _names_a_thing(self, start: int, end: int) -> bool:
        """A name-like phrase that names a camp, a district, an armed group or an honour: "the Abu Shouk
        camp", "an Abu Sayyaf sub-leader" (an article before it: people are not written with one unless a
        descriptor stands between, "the late X"), "the Carlos Patiño column" (an organisation or place
        noun after it), "the Order of Bohdan Khmelnytsky" (such a noun and "of" before it)."""
        text, kinds = self.text, self.lex.stop_kinds
        before = text[max(0, start - 40) : start].split()
        if before and before[-1].lower() in _ARTICLES:
            return True  # (a rank or role between the article and the name is read before: "the late X")
        if len(before) >= 2 and before[-1] == "of" and before[-2][:1].isupper():
            if kinds.get(_strip_possessive(before[-2]).lower()) in ORGANISATION_KINDS:
                return True
        after = text[end : end + 40].split(None, 1)
        if after and after[0][:1].islower():
            return kinds.get(after[0].rstrip(".,;:")) in ORGANISATION_KINDS
        return False

    def _may_follow_trigger(self, start: int) -> bool:
        """Is the word before the name the last word of a rank or role (an appositive comma allowed)?"""
        text = self.text
        end = start - 1
        if end < 1 or text[end] != " ":
            return False
        if text[end - 1] == ",":
            end -= 1
        word = text[text.rfind(" ", max(0, end - 30), end) + 1 : end].lower()
        tails = self.lex.trigger_tails
        return word in tails or (not word.isalpha() and (phrase_key(word) in tails or word.endswith("year-old")))

    def _headline(self, idx: int, sentence: Span) -> bool:
        """Is the sentence a Title Case headline? Most longer words capitalised, and none of the lower-case
        ones a content word (Title Case leaves only small function words such as "with", "from" in lower
        case): "Omar Hussein, Samir Haddad and Jamal Ibrahim were killed" is a sentence full of names."""
        if idx not in self.headlines:
            words = [w for w in self.text[sentence.start : sentence.end].split() if len(w) >= 4 and w[0].isalpha()]
            capitals = sum(1 for w in words if w[0].isupper())
            function = self.lex.stop_kinds
            content_in_lower_case = any(
                w[0].islower() and function.get(w.rstrip(".,;:!?").lower()) != "function" for w in words
            )
            self.headlines[idx] = (
                len(words) >= HEADLINE_MIN_WORDS and capitals >= HEADLINE_CAPITALS * len(words) and not content_in_lower_case
            )
        return self.headlines[idx]

    def _name_start(self, toks: list[Tok], i: int) -> int:
        """Skip ranks, roles, honorifics, side words and stop words that open a run."""
        lex = self.lex
        while i < len(toks):
            hit = match_forward(toks, i, lex.ranks) or match_forward(toks, i, lex.roles)
            if hit:
                i += hit[0]
                continue
            key = toks[i].key
            if key in lex.stop or key in lex.sides or key in lex.modifiers or self._covered_in_name(toks, i, []):
                i += 1
                continue
            break
        return i

    def _name_tokens(self, toks: list[Tok], i: int) -> list[Tok]:
        out: list[Tok] = []
        while i < len(toks) and len(out) < MAX_NAME_WORDS:
            tok = toks[i]
            word = _POSSESSIVE.sub("", tok.text)
            prefixed = _PREFIXED.match(tok.text) is not None
            if (tok.text[0].islower() and not prefixed) or _INITIAL.fullmatch(tok.text):  # a particle or an initial
                if not out and tok.text[0].islower():
                    break
                out.append(tok)
                i += 1
                continue
            if not self._name_like(word) or word.lower() in self.lex.stop or self._covered_in_name(toks, i, out):
                break
            low = word.lower()
            if low in self.lex.ranks or low in self.lex.roles or low in self.lex.cue_words:
                break  # "Taliban Leader Omar Killed": a fate word ends the name
            if low.endswith("s") and (low[:-1] in self.lex.roles or low[:-1] in self.lex.ranks):
                break  # "Gulbuddin Leaders Captured": a plural role is not a surname
            out.append(tok)
            i += 1
        while out and ((out[-1].text[0].islower() and not _PREFIXED.match(out[-1].text)) or _INITIAL.fullmatch(out[-1].text)):
            out.pop()
        return out

    def _covered_in_name(self, toks: list[Tok], i: int, out: list[Tok]) -> bool:
        """Does a place or unit found by another stage stop the name at token i? Not when the name opens
        with a known given name and the place is a one-word town or village: "Oksana Hrytsai",
        "Viktor Gusev" (the gazetteer holds villages of those names; the places stage drops them again
        once the people stage reads them as names), nor when the name stands in a list of people."""
        tok = toks[i]
        if not self.page.covered(tok):
            return False
        first = out[0] if out else tok
        if self.page.units.at(tok.start, tok.end) is not None:
            return True
        if given_group(_strip_possessive(first.text)) is None and not (out and self._follows_a_listed_person(first.start)):
            return True  # (in a list of people, "Omar Hussein, Fadi Hassan and ...", the surname is no town)
        if not out and (i + 1 >= len(toks) or not self._name_like(_POSSESSIVE.sub("", toks[i + 1].text))):
            return True  # a given name that is a place, with no surname after it, is the place
        place = self.page.places.at(tok.start, tok.end)
        if place is None or place.span.start < tok.start or place.span.end > tok.end:
            return True  # a place of several words ("Sadr City") is the place
        return getattr(place.value, "kind", None) in _BROAD_PLACES

    @staticmethod
    def _name_like(word: str) -> bool:
        if len(word) < 2:
            return False
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not letters.isalpha() or ("-" in word and (_ACRONYM_PART.search(word) or word.lower().endswith("-year-old"))):
            return False
        return not (word.isupper() and len(word) > 2)  # page furniture and acronyms are upper case

    # -- who is the same person --

    def _known(self, words: list[str]) -> "_Known | None":
        surname = _surname_key(words[-1])
        candidates = [p for p in reversed(self.people) if p.surname == surname]
        if len(words) == 1:
            if candidates:
                return candidates[0]
            word = words[0].lower()
            found = next((p for p in reversed(self.people) if p.full.lower() == word), None)
            # "Ahmed Hussein ... Ahmed later found his brother": a given name alone is the person last
            # named with it, when no one has it as a surname
            return found or next((p for p in reversed(self.people) if p.given is not None and p.given.lower() == word), None)
        first = words[0]
        group = given_group(first)
        for p in candidates:
            if p.given is None and p.given_group is None:
                return p
            if group is not None and group == p.given_group:
                return p
            if p.given is not None and Levenshtein.distance(p.given.lower(), first.lower()) <= 1:
                return p
        if group is not None and len(surname) >= MIN_FUZZY_SURNAME:
            for p in reversed(self.people):  # "Oleksandr Syrskyi" ... "Alexander Syrsky"
                if p.given_group == group and _surname_variant(p.surname, surname):
                    return p
        return None

    def _add(self, known, words: list[str], span: Span, idx: int, sentence: Span, facts: Facts) -> None:
        if known is None:
            person = Person(id=f"p{len(self.people) + 1}", name=self.text[span.start : span.end])
            given = words[0] if len(words) > 1 else None
            known = _Known(person, _surname_key(words[-1]), given, given_group(given) if given else None, person.name)
            self.people.append(known)
            self.surnames.update((known.surname, words[-1].lower()))  # "sadr" and "al-sadr"
            if given:
                self.surnames.add(given.lower())  # a later mention by the given name alone is read too
        elif len(words) > 1 and known.given is None:
            # "President Zelensky ... Volodymyr Zelensky": the full name, as first written in full
            known.person.name = self.text[span.start : span.end]
            known.given, known.given_group = words[0], given_group(words[0])
        self.frames.apply(idx, sentence, span, facts, known.person)
        self.before.resolve_role_antecedent(idx, sentence, span, facts)
        person = known.person
        person.evidence.append(span)
        attrs = {}
        for name in ("rank", "role", "age", "status"):
            value = getattr(facts, name)
            if value is not None and getattr(person, name) is None:
                setattr(person, name, value)
        if facts.unit is not None and person.unit_id is None:
            person.unit_id = facts.unit.value.id
        side = facts.side or (getattr(facts.unit.value, "side", None) if facts.unit else None)
        if side and person.side is None:
            person.side = side
        for name in ("rank_span", "role_span", "status_span"):
            if getattr(facts, name) is not None:
                attrs[name] = getattr(facts, name)
        mention = Mention("person", span, person, attrs)
        mention.attrs["_facts"] = facts
        self.mentions.append(mention)

    # -- after all names are known --

    def _propagate_coordinated_fates(self) -> None:
        """Names joined by "and" or a comma share a fate: "Colonel A and Major B were killed" gives A the
        fate said after B; "troops captured A, a commander, and B" gives B the verb before A."""
        pairs = list(zip(self.mentions, self.mentions[1:]))
        for left, right in reversed(pairs):
            lf, rf = left.attrs["_facts"], right.attrs["_facts"]
            if lf.status is None and rf.status_source == "predicate" and self._coordinated(lf, rf):
                self._share_fate(left, lf, rf)
        for left, right in pairs:
            lf, rf = left.attrs["_facts"], right.attrs["_facts"]
            if rf.status is None and lf.status_source == "object" and self._coordinated(lf, rf):
                self._share_fate(right, rf, lf)
        for m in self.mentions:
            m.attrs.pop("_facts", None)

    def _coordinated(self, left: Facts, right: Facts) -> bool:
        """Only a conjunction between them: "A and B", "A, B", "A and his deputy, B"."""
        return _COORDINATION.fullmatch(self.text, left.after_end, right.start) is not None

    @staticmethod
    def _share_fate(mention: Mention, facts: Facts, source: Facts) -> None:
        facts.status, facts.status_span, facts.status_source = source.status, source.status_span, source.status_source
        if mention.value.status is None:
            mention.value.status = source.status
            mention.attrs["status_span"] = source.status_span

    def _fill_from_officeholders(self) -> None:
        """Side of a well-known office holder when the text gives none (e.g. a minister named bare)."""
        for known in self.people:
            if known.person.side is not None:
                continue
            for group, side in self.lex.officeholders.get(known.surname, ()):
                if known.given_group is None or known.given_group == group:
                    known.person.side = side
                    break


@dataclass
class _Known:
    person: Person
    surname: str
    given: str | None
    given_group: str | None
    full: str


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _surname_key(word: str) -> str:
    """A surname as compared: lower case, without the Arabic article ("al-Sadr", "Al-Sadr", "Sadr")."""
    low = word.lower()
    m = _PREFIXED.match(word)
    return low[low.index("-") + 1 :] if m or _CAPITAL_PREFIX.match(word) else low


def _surname_variant(a: str, b: str) -> bool:
    """One edit apart, but not a feminine form ("Ivanov" / "Ivanova" are two people)."""
    if a + "a" == b or b + "a" == a:
        return False
    return Levenshtein.distance(a, b) <= 1


def find_people(ctx: Context, units: list[Mention], places: list[Mention]) -> list[Mention]:
    """People named in the text: one Mention per name in text order; mentions of one person share a Person."""
    return PeopleFinder(ctx, units or [], places or []).run()
