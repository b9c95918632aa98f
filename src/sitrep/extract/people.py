"""Named people with rank, role, age, unit, side and fate — rules over lexicons, no trained model.

How a name is found: one regular-expression pass collects runs of capitalised words; within a run the
name starts after any rank, title, side word or stop word. A run is a person when a rank, role or
honorific stands right before the name ("Colonel X", "spokesman X", "Mullah X", "a soldier, X"), when
its first word is a known given name (or one edit away from one: "Aexander") followed by a surname,
or when it repeats a person already found (full name or surname alone).

What is said about the person is read from three places around the name, all inside its sentence:
the descriptor before it ("An earlier captive Russian soldier from Pskov, ..."), appositives after it
(", 23, the regiment's reconnaissance commander"), and a fate predicate ("who was killed"). Lists of
the dead ("The dead of the regiment include ... Others include Y and Z") carry a fate, a unit and any
unnamed role ("its commander") over to the names they list.

Every lexicon is a data file in ``lexicons/``: ranks.tsv, roles.tsv, roles_modifiers.tsv,
roles_sides.tsv, roles_officeholders.tsv, given_names.txt, people_stop.tsv, person_status.tsv.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from sitrep.extract.context import Context
from sitrep.lexicons import load_lines, load_table
from sitrep.model import Mention, Person, Span
from sitrep.text import alternation

MAX_NAME_WORDS = 4
LEFT_WINDOW = 100  # characters of descriptor read before a name
MAX_APPOSITIVES = 3
MAX_APPOSITIVE_WORDS = 12  # a longer stretch between commas is a clause, not an apposition
MAX_PREDICATE_WORDS = 8  # "X was a senior Taliban leader responsible for ...": the role comes early
LIST_LOOKBACK = 30  # characters before a list cue word where "the"/"those" must stand
FRAME_REACH = 3  # sentences over which a list of the dead carries its unit and unnamed roles
MIN_FUZZY_GIVEN = 6  # shorter given names are not matched with an edit: too many accidental hits
MIN_FUZZY_SURNAME = 5  # surnames this long may differ by one edit when the given names agree
MIN_AGE, MAX_AGE = 14, 99
QUALIFIER_KINDS = frozenset({"institution", "military", "organisation", "other"})  # may qualify a role
ORGANISATION_KINDS = frozenset({"organisation", "military", "place-word", "institution"})
MAX_CACHED_RUNS = 50_000  # bounded memory: a few MB of run strings
HEADLINE_CAPITALS = 0.7  # share of longer words capitalised above which a sentence reads as a headline
HEADLINE_MIN_WORDS = 5  # "President Zelensky visited Bakhmut." is short, not a headline


# --- lexicons ---------------------------------------------------------------------------------------


@lru_cache(maxsize=65536)
def phrase_key(text: str) -> str:
    """Normalise a phrase for lexicon lookup: lower case, no dots, hyphens/slashes as spaces."""
    text = text.lower().replace("’", "'").replace(".", "")
    text = text.replace("-", " ").replace("/", " ")
    return " ".join(text.split())


def _max_words(keys) -> int:
    return max((len(k.split()) for k in keys), default=1)


class PhraseTable(dict):
    """A lexicon keyed by normalised phrase, knowing its phrases' first and last words and longest length
    (a cheap test before joining tokens into candidate phrases)."""

    def __init__(self, entries):
        super().__init__(entries)
        self.first_words = frozenset(k.split()[0] for k in self if k)
        self.last_words = frozenset(k.split()[-1] for k in self if k)
        self.longest = _max_words(self)


@dataclass(frozen=True)
class Lexicon:
    ranks: PhraseTable  # key -> rank
    roles: PhraseTable  # key -> (role, kind)
    modifiers: dict[str, str]  # word -> modifier|echelon|filler|service
    sides: dict[str, tuple[str | None, str]]  # word -> (side, kind)
    given: dict[str, str]  # variant (lower) -> group label
    given_deletes: dict[str, tuple[str, ...]]  # variant with one letter deleted -> variants
    stop: frozenset[str]
    stop_kinds: dict[str, str]
    abbreviations: frozenset[str]
    before_cues: PhraseTable  # adjectives, "the death of", and object verbs next to the descriptor
    object_cues: dict[str, str]  # verbs whose object is the name, also read across a determiner
    cue_words: frozenset[str]  # one-word fate cues and list verbs: never part of a name
    officeholders: dict[str, tuple[tuple[str, str], ...]]  # surname -> ((given group, side), ...)
    hot_words: frozenset[str]  # words of ranks, roles and given names: a run without one is rarely a person
    trigger_tails: frozenset[str]  # last words of ranks and roles: a name may follow them
    after_re: re.Pattern
    be_words: frozenset[str]
    prepositions: frozenset[str]  # after a bare participle: "X killed in Donbas" is passive
    list_re: re.Pattern
    list_words: tuple[str, ...]  # the group nouns of list_re, for a cheap substring pre-check
    list_status: dict[str, str]  # group noun -> status
    continuation_re: re.Pattern
    unnamed_role_re: re.Pattern
    object_role_re: re.Pattern


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ranks = PhraseTable((phrase_key(r["variant"]), r["rank"]) for r in load_table("ranks.tsv"))
    roles = PhraseTable((phrase_key(r["phrase"]), (r["role"], r["kind"])) for r in load_table("roles.tsv"))
    modifiers = {r["word"].lower(): r["kind"] for r in load_table("roles_modifiers.tsv")}
    sides = {r["word"].lower().replace("’", "'"): (r["side"] or None, r["kind"]) for r in load_table("roles_sides.tsv")}
    given, deletes = _given_names()
    status_rows = load_table("person_status.tsv")
    by_position: dict[str, list[dict[str, str]]] = {}
    for row in status_rows:
        by_position.setdefault(row["position"], []).append(row)
    before_cues = PhraseTable((phrase_key(r["cue"]), r["status"]) for r in by_position["before"] + by_position["object"])
    object_cues = {phrase_key(r["cue"]): r["status"] for r in by_position["object"]}
    stop = frozenset(r["word"].lower() for r in load_table("people_stop.tsv"))
    hot = {k.split()[-1] for k in list(ranks) + list(roles)} | {k.split()[0] for k in ranks} | set(given)
    abbreviations = {k.split()[0] for k in ranks} | {k for k in roles if " " not in k}
    abbreviations |= {w.lower() for w in load_lines("abbreviations.txt")}
    return Lexicon(
        ranks=ranks,
        roles=roles,
        modifiers=modifiers,
        sides=sides,
        given=given,
        given_deletes=deletes,
        stop=stop,
        stop_kinds={r["word"].lower(): r["kind"] for r in load_table("people_stop.tsv")},
        abbreviations=frozenset(abbreviations),
        before_cues=before_cues,
        object_cues=object_cues,
        cue_words=frozenset(
            r["cue"].lower() for r in status_rows if " " not in r["cue"] and r["position"] not in ("aux", "preposition")
        ),
        officeholders=_officeholders(given),
        hot_words=frozenset(hot - stop),
        trigger_tails=frozenset(k.split()[-1] for k in list(ranks) + list(roles)),
        after_re=_after_pattern(by_position),
        prepositions=frozenset(r["cue"] for r in by_position["preposition"]),
        be_words=frozenset(r["cue"] for r in by_position["aux"] if r["status"] == "be"),
        list_re=_list_pattern(by_position),
        list_status={phrase_key(r["cue"]): r["status"] for r in by_position["list"]},
        list_words=tuple(sorted({r["cue"].split()[-1].lower() for r in by_position["list"]})),
        continuation_re=_phrase_at_start(r["cue"] for r in by_position["continuation"]),
        unnamed_role_re=_unnamed_role_pattern(roles, modifiers),
        object_role_re=_object_role_pattern(roles, by_position),
    )


def _given_names() -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Variant -> group label, and the one-deletion index used to accept a typo ("Aexander")."""
    given: dict[str, str] = {}
    for line in load_lines("given_names.txt"):
        variants = line.split()
        for v in variants:
            given.setdefault(v.lower(), variants[0])
    deletes: dict[str, set[str]] = {}
    for v in given:
        if len(v) >= MIN_FUZZY_GIVEN:
            for i in range(len(v)):
                deletes.setdefault(v[:i] + v[i + 1 :], set()).add(v)
    return given, {k: tuple(sorted(v)) for k, v in deletes.items()}


def _officeholders(given: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    out: dict[str, list[tuple[str, str]]] = {}
    for row in load_table("roles_officeholders.tsv"):
        group = given.get(row["given"].lower(), row["given"])
        for surname in row["surnames"].split():
            out.setdefault(surname.lower(), []).append((group, row["side"]))
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _reporting_word() -> re.Pattern:
    """A reporting verb (reporting_verbs.tsv) or "according": the words of someone else's statement."""
    return re.compile(rf"\b(?:{alternation([r['verb'] for r in load_table('reporting_verbs.tsv')] + ['according'])})\b")


def _phrase_at_start(phrases) -> re.Pattern:
    """A case-insensitive pattern matching any phrase at the start (longest first), words space-flexible."""
    return re.compile(r"\s*(?:" + alternation(phrases) + r")\b", re.IGNORECASE)


def _words_alt(phrases) -> str:
    return "(?:" + alternation(phrases) + ")"


def _after_pattern(by_position) -> re.Pattern:
    # name [,] [who] aux* CUE — the groups tell the caller whether the cue is really passive
    aux = _words_alt(r["cue"] for r in by_position["aux"] if r["cue"] != "who")
    cues = _words_alt(r["cue"] for r in by_position["after"] + by_position["passive"])
    return re.compile(
        rf"\s*(?P<comma>,)?\s*(?P<who>who\s+)?(?P<aux>(?:{aux}\s+){{0,5}})(?P<cue>{cues})\b", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _after_kinds() -> dict[str, tuple[str, bool]]:
    """Cue key -> (status, needs a passive auxiliary or a comma)."""
    out = {}
    for r in load_table("person_status.tsv"):
        if r["position"] in ("after", "passive"):
            out[phrase_key(r["cue"])] = (r["status"], r["position"] == "passive")
    return out


def _list_pattern(by_position) -> re.Pattern:
    # "the dead [soldiers] [of <unit>] include" / "among the dead was" / "those killed were"
    cues = _words_alt(r["cue"] for r in by_position["list"])
    verbs = _words_alt(r["cue"] for r in by_position["listverb"])
    # Case-sensitive on purpose (only the sentence-initial word may be capitalised): an IGNORECASE
    # pattern cannot be scanned quickly by the regex engine and costs ~100 µs per kilobyte.
    return re.compile(
        rf"\b(?:[Aa]mong\s+)?(?:[Tt]he|[Tt]hose)\s+(?:\w+\s+)?(?P<cue>{cues})(?:\s+[a-z]+)?"
        rf"(?P<of>\s+(?:of|from|in)\s+[^.;:\n]{{1,90}}?)?\s+(?P<verb>{verbs})\b"
    )


def _unnamed_role_pattern(roles, modifiers) -> re.Pattern:
    # "its commander", "the regiment's deputy commander": a role held by someone the text names later
    heads = _words_alt(k for k, (_, kind) in roles.items() if kind == "military")
    return re.compile(
        rf"\b(?P<owner>[Ii]ts|[Tt]heir|[Aa]n?|[Tt]he\s+(?P<echelon>[a-z]+)['’]s)\s+(?P<role>(?:[a-z]+\s+)?{heads})\b"
        rf"(?!\s+[A-Z])"
    )


def _object_role_pattern(roles, by_position) -> re.Pattern:
    # "forces killed a senior Taliban leader" (no name follows): the next sentence may name him
    verbs = _words_alt(r["cue"] for r in by_position["object"])
    heads = _words_alt(k for k, (_, kind) in roles.items() if kind in ("military", "insurgent", "political"))
    return re.compile(
        rf"\b(?P<verb>{verbs})\s+(?:a|an|the|one)\s+(?P<role>(?:[\w'’\-]+\s+){{0,3}}?(?P<head>{heads}))\b"
        rf"(?!\s+[A-Z])"
    )


@lru_cache(maxsize=65536)
def given_group(word: str) -> str | None:
    """The given-name group of a word, allowing one edit for longer names with the same first letter."""
    lex = lexicon()
    low = word.lower()
    if low in lex.given:
        return lex.given[low]
    if len(low) < MIN_FUZZY_GIVEN:
        return None
    candidates: set[str] = set(lex.given_deletes.get(low, ()))  # a letter missing: "aexander"
    for i in range(len(low)):
        d = low[:i] + low[i + 1 :]
        if d in lex.given:
            candidates.add(d)  # a letter too many
        candidates.update(lex.given_deletes.get(d, ()))  # a letter changed
    matches = sorted(c for c in candidates if c[0] == low[0] and Levenshtein.distance(c, low) <= 1)
    return lex.given[matches[0]] if matches else None


# --- the document's other mentions -----------------------------------------------------------------


class _SpanIndex:
    """Mentions of another stage sorted by start, for 'what covers this offset' and 'last one before'."""

    def __init__(self, mentions: list[Mention]):
        self.items = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self.starts = [m.span.start for m in self.items]

    def at(self, start: int, end: int) -> Mention | None:
        if not self.starts:
            return None
        i = bisect_right(self.starts, end - 1) - 1
        while i >= 0:
            m = self.items[i]
            if m.span.end > start:
                return m
            if m.span.start < start - 200:
                break
            i -= 1
        return None

    def last_before(self, pos: int, accept=None) -> Mention | None:
        i = bisect_right(self.starts, pos) - 1
        while i >= 0:
            m = self.items[i]
            if m.span.end <= pos and (accept is None or accept(m)):
                return m
            i -= 1
        return None


def unit_echelon(unit) -> str | None:
    """The echelon of a Unit: its own field, else the formation word that ends its name."""
    if getattr(unit, "echelon", None):
        return unit.echelon
    words = getattr(unit, "name", "").lower().split()
    for w in reversed(words):
        if lexicon().modifiers.get(w) == "echelon":
            return w
    return None


# --- tokens ------------------------------------------------------------------------------------------

_NEVER, _READ, _MAYBE = 0, 1, 2
# capitalised run -> (verdict from its words alone, the words as keys); see PeopleFinder._classify_run
_RUN_VERDICTS: dict[str, tuple[int, tuple[str, ...]]] = {}

_UPPER = "A-ZÀ-ÖØ-Þ"
_TOKEN = rf"(?:[{_UPPER}][\w'’\-]*\.?|(?:al|el|ad|ul|ud|as|ash)-[{_UPPER}][\w'’\-]*)"
_PARTICLE = r"(?:bin|ibn|bint|van|von|der|de|da|du|al|el)"
# The first character is a plain character class (the lookbehind comes after it) so that the regex
# engine can scan for candidates quickly: written the obvious way this pattern is five times slower.
NAME_RUN = re.compile(
    rf"[{_UPPER}](?<![\w'’\-].)[\w'’\-]*\.?(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_TOKEN})*"
)
_RUN_TOKEN = re.compile(r"\S+")
_WINDOW_TOKEN = re.compile(r"\d{1,2}-year-old|\d{1,2} ?y\.o\.|[\w][\w'’.\-]*|,")
_POSSESSIVE = re.compile(r"['’]s?$")
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "this", "that"})
_PREPOSITIONS = frozenset({"from", "of", "in", "at", "with", "for"})
_AGE = re.compile(r"\s*(?:,\s*(?:aged\s+)?(\d{1,2})(?=\s*[,.;:)]|\s+(?:and|who|was|is|had|has)\b)|\((\d{1,2})\))")
_UNIT_TIE = re.compile(r"\s*,?\s+(?:of|from|with|in)\s+(?:the\s+|its\s+)?", re.IGNORECASE)
_ASIDE = re.compile(
    r"(?:\s*,?\s+(?:of|from)\s+the\s+[^,;.()\n]{1,80}(?=\s*[,(]))"  # ", of the 15th Brigade"
    r"|(?:\s*\([^()\n]{1,60}\))"  # "(military unit 90600)"
    r"|(?:\s*,\s*(?:the|a|an|his|her)\s+[^,;.()\n\"“”]{1,60}(?=,))",  # ", the daughter of ...,"
    re.IGNORECASE,
)
_COPULA = re.compile(r"\s*,?\s+(?:was|is|had\s+been|has\s+been|remains)\s+(?:a|an|the)\s+", re.IGNORECASE)
_COMMA = re.compile(r"\s*,\s*")
_COORDINATION = re.compile(r"\s*(?:,|and|, and|&)\s*")
_INITIAL = re.compile(r"[A-Z]\.")
_YEAR_OLD = re.compile(r"(\d{1,2})(?:-year-old| ?y\.o\.)")
_APPOSITIVE_END = re.compile(
    r"[,;:.()\"“”]|\s(?:and|who|which|said|says|told|was|were|is|has|had|but|when|after|before)\b"
)


class Tok:
    """A word (or comma) of the text with its offsets; its lexicon key is computed when first asked."""

    __slots__ = ("text", "start", "end", "_key")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end, self._key = text, start, end, None

    def __repr__(self) -> str:
        return f"Tok({self.text!r}, {self.start}, {self.end})"

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = phrase_key(self.text)
        return self._key


def _tokens(text: str, pattern: re.Pattern, start: int, end: int) -> list[Tok]:
    return [Tok(m.group(0), m.start(), m.end()) for m in pattern.finditer(text, start, end)]


def _match_back(toks: list[Tok], i: int, table: "PhraseTable") -> tuple[int, str] | None:
    """The longest lexicon phrase ending at token i: (number of tokens, key)."""
    if toks[i].key.rsplit(" ", 1)[-1] not in table.last_words:
        return None
    for k in range(min(table.longest, i + 1), 0, -1):
        words = toks[i - k + 1 : i + 1]
        if any(t.text == "," for t in words):
            continue
        key = phrase_key(" ".join(t.text for t in words))
        if key in table:
            return k, key
    return None


def _match_forward(toks: list[Tok], i: int, table: "PhraseTable") -> tuple[int, str] | None:
    """The longest lexicon phrase starting at token i: (number of tokens, key)."""
    if toks[i].key.split(" ", 1)[0] not in table.first_words:
        return None
    for k in range(min(table.longest, len(toks) - i), 0, -1):
        key = phrase_key(" ".join(t.text for t in toks[i : i + k]))
        if key in table:
            return k, key
    return None


# --- what is said about one name --------------------------------------------------------------------


@dataclass
class Facts:
    """Facts read around one name, with the spans that support them."""

    rank: str | None = None
    rank_span: Span | None = None
    role: str | None = None
    role_kind: str | None = None
    role_span: Span | None = None
    role_qualified: bool = False
    role_tail: Span | None = None  # "of Ukraine's ground forces" in "the commander of ..., Colonel X"
    role_tail_anchor: int = -1  # where the role head must end for the tail to be its own
    age: int | None = None
    unit: Mention | None = None
    side: str | None = None
    status: str | None = None
    status_span: Span | None = None
    status_source: str | None = None  # predicate|object|adjective|list: how far the fate may be shared
    trigger: bool = False  # a rank, role or honorific introduces the name
    start: int = 0  # where the descriptor before the name starts
    after_end: int = 0  # where the appositives after the name end


class PeopleFinder:
    """One document's people: names, the facts around them, and who is the same person."""

    def __init__(self, ctx: Context, units: list[Mention], places: list[Mention]):
        self.ctx = ctx
        self.text = ctx.text
        self.lex = lexicon()
        self.units = _SpanIndex([m for m in units if getattr(m.value, "id", None)])
        self.places = _SpanIndex(places)
        self.people: list[_Known] = []
        self.surnames: set[str] = set()
        self.mentions: list[Mention] = []
        self.sentence_starts = [s.start for s in ctx.sentences]
        self.lower = ctx.lowered  # as long as the text: searched with the text's offsets
        self.headlines: dict[int, bool] = {}
        self.frames = _ListFrames(self)

    # -- names --

    def run(self) -> list[Mention]:
        verdicts, classify, surnames = _RUN_VERDICTS, self._classify_run, self.surnames
        for match in NAME_RUN.finditer(self.text):
            run = match.group(0)
            verdict, keys = verdicts.get(run) or classify(run)
            if verdict == _NEVER:
                continue
            if verdict == _MAYBE and surnames.isdisjoint(keys) and not self._may_follow_trigger(match.start()):
                continue
            for segment in self._segments(match):
                self._consider_segment(segment)
        self._propagate_coordinated_fates()
        self._fill_from_officeholders()
        return self.mentions

    def _classify_run(self, run: str) -> tuple[int, tuple[str, ...]]:
        """What the words alone say (cached across documents, most runs recur: "The", "Ukraine", "ISAF"):
        never a person (only stop words and acronyms), worth reading (a rank, role or given name), or
        maybe (a name-like word: a person if it is a known surname or follows a rank or role). Also
        returns the run's words as keys for the known-surname test."""
        lex = self.lex
        verdict = _NEVER
        keys = tuple(_strip_possessive(word.rstrip(".")).lower() for word in run.split())
        for word, low in zip(run.split(), keys):
            if low in lex.hot_words:
                verdict = _READ
                break
            if low in lex.stop or (word.isupper() and len(word) > 2):
                continue
            if given_group(low) is not None and len(keys) > 1:
                verdict = _READ
                break
            verdict = _MAYBE
        if len(_RUN_VERDICTS) > MAX_CACHED_RUNS:
            _RUN_VERDICTS.clear()
        _RUN_VERDICTS[run] = (verdict, keys)
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
        while i < len(toks):
            i = self._name_start(toks, i)
            name = self._name_tokens(toks, i)
            if name and not self._names_an_organisation(toks, i + len(name)) and self._consider(name):
                i += len(name)
            else:
                i += 1  # "Melitopol Ivan Fedorov": a place before the name, when places missed it

    def _names_an_organisation(self, toks: list[Tok], after: int) -> bool:
        """"Bohdan Khmelnytsky Separate Presidential Brigade", "Taras Shevchenko National University":
        a name followed in the same run by an organisation, military or place word names that thing."""
        if after >= len(toks):
            return False
        return self.lex.stop_kinds.get(_strip_possessive(toks[after].text).lower()) in ORGANISATION_KINDS

    def _consider(self, name: list[Tok]) -> bool:
        start, end = name[0].start, name[-1].end
        tail = _POSSESSIVE.search(name[-1].text) if len(name[-1].text) > 2 else None
        if tail:
            end -= len(tail.group(0))
        words = [self.text[t.start : t.end] for t in name]
        words[-1] = self.text[name[-1].start : end]
        known = self._known(words)
        given = len(words) >= 2 and given_group(words[0]) is not None
        if known is None and not given and not self._may_follow_trigger(start):
            return False  # cheap exit for the many capitalised runs that are not people
        idx, sentence = self.sentence_at(start)
        facts = self._facts_before(sentence, start)
        if known is None and not given and (not facts.trigger or self._headline(idx, sentence)):
            return False  # in a Title Case headline every word looks like a name: "Taliban Facilitator Captured"
        if tail:
            facts.after_end = end  # "Putin's mouthpiece": nothing after a possessive is about Putin
        else:
            self._facts_after(sentence, end, facts)
        self._add(known, words, Span(start, end), idx, sentence, facts)
        return True

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
        return word in tails or (not word.isalpha() and phrase_key(word) in tails)

    def _headline(self, idx: int, sentence: Span) -> bool:
        if idx not in self.headlines:
            words = [w for w in self.text[sentence.start : sentence.end].split() if len(w) >= 4 and w[0].isalpha()]
            capitals = sum(1 for w in words if w[0].isupper())
            self.headlines[idx] = len(words) >= HEADLINE_MIN_WORDS and capitals >= HEADLINE_CAPITALS * len(words)
        return self.headlines[idx]

    def sentence_at(self, pos: int) -> tuple[int, Span]:
        i = bisect_right(self.sentence_starts, pos) - 1
        if i >= 0 and pos < self.ctx.sentences[i].end:
            return i, self.ctx.sentences[i]
        return -1, Span(0, len(self.text))

    def _name_start(self, toks: list[Tok], i: int) -> int:
        """Skip ranks, roles, honorifics, side words and stop words that open a run."""
        lex = self.lex
        while i < len(toks):
            hit = _match_forward(toks, i, lex.ranks) or _match_forward(toks, i, lex.roles)
            if hit:
                i += hit[0]
                continue
            key = toks[i].key
            if key in lex.stop or key in lex.sides or key in lex.modifiers or self._covered(toks[i]):
                i += 1
                continue
            break
        return i

    def _name_tokens(self, toks: list[Tok], i: int) -> list[Tok]:
        out: list[Tok] = []
        while i < len(toks) and len(out) < MAX_NAME_WORDS:
            tok = toks[i]
            word = _POSSESSIVE.sub("", tok.text)
            if tok.text[0].islower() or _INITIAL.fullmatch(tok.text):  # a particle or an initial: inside a name
                if not out and tok.text[0].islower():
                    break
                out.append(tok)
                i += 1
                continue
            if not self._name_like(word) or word.lower() in self.lex.stop or self._covered(tok):
                break
            low = word.lower()
            if low in self.lex.ranks or low in self.lex.roles or low in self.lex.cue_words:
                break  # "Taliban Leader Omar Killed": a fate word ends the name
            if low.endswith("s") and (low[:-1] in self.lex.roles or low[:-1] in self.lex.ranks):
                break  # "Gulbuddin Leaders Captured": a plural role is not a surname
            out.append(tok)
            i += 1
        while out and (out[-1].text[0].islower() or _INITIAL.fullmatch(out[-1].text)):
            out.pop()
        return out

    @staticmethod
    def _name_like(word: str) -> bool:
        if len(word) < 2:
            return False
        letters = word.replace("-", "").replace("'", "").replace("’", "")
        if not letters.isalpha():
            return False
        return not (word.isupper() and len(word) > 2)  # page furniture and acronyms are upper case

    def _covered(self, tok: Tok) -> bool:
        return self.places.at(tok.start, tok.end) is not None or self.units.at(tok.start, tok.end) is not None

    # -- who is the same person --

    def _known(self, words: list[str]) -> "_Known | None":
        surname = words[-1].lower()
        candidates = [p for p in reversed(self.people) if p.surname == surname]
        if len(words) == 1:
            if candidates:
                return candidates[0]
            return next((p for p in reversed(self.people) if p.full.lower() == surname), None)
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
            known = _Known(person, words[-1].lower(), given, given_group(given) if given else None, person.name)
            self.people.append(known)
            self.surnames.add(known.surname)
        elif len(words) > 1 and known.given is None:
            # "President Zelensky ... Volodymyr Zelensky": the full name, as first written in full
            known.person.name = self.text[span.start : span.end]
            known.given, known.given_group = words[0], given_group(words[0])
        self.frames.apply(idx, sentence, span, facts, known)
        self._resolve_role_antecedent(idx, sentence, span, facts)
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

    # -- the descriptor before a name --

    def _facts_before(self, sentence: Span, name_start: int) -> Facts:
        """Read backwards from the name: rank, role (with qualifiers), side, fate adjective, unit."""
        facts = Facts(start=name_start)
        toks = _tokens(self.text, _WINDOW_TOKEN, max(sentence.start, name_start - LEFT_WINDOW), name_start)
        i = len(toks) - 1
        adjacent = True
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
            if low in _DETERMINERS or low in ("its", "their"):
                if low in ("its", "their") and facts.unit is None and facts.role:
                    facts.unit = self.units.last_before(tok.start)
                facts.start = tok.start
                if i > 0 and facts.status is None:
                    self._object_of_verb(toks[i - 1], facts)
            break
        self._finish_role(facts, role_words, head[0])
        return facts

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
        hit = _match_back(toks, j - 1, self.lex.roles)
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
            if toks[j].text.lower() in ("of", "for") and _match_back(toks, j - 1, self.lex.roles):
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
        if j >= 0 and j < i and toks[j].text.lower() in _PREPOSITIONS:
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
            facts.age = _age(year_old.group(1))
            return 1
        hit = _match_back(toks, i, lex.ranks)
        if hit and facts.rank is None and facts.role is None and not role_words:
            k, key = hit
            facts.rank = lex.ranks[key]
            facts.rank_span = Span(toks[i - k + 1].start, tok.end)
            facts.trigger |= adjacent
            return k
        if tok.text[0].isupper() and facts.rank is not None and not role_words and lex.modifiers.get(low):
            return 1  # "Marine Maj. Gen. X", "Army Col. X": the service, not a role
        hit = _match_back(toks, i, lex.roles)
        if hit and facts.role is None:
            k, key = hit
            role, kind = lex.roles[key]
            facts.trigger |= adjacent
            if kind != "honorific":
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
            return _count_back(toks, i, unit.span.start)
        place = self.places.at(tok.start, tok.end)
        if place is not None and role_words:
            if facts.role_kind in ("official", "political"):
                facts.side = facts.side or getattr(place.value, "country", None)
                role_words.insert(0, Tok(self.text[place.span.start : tok.end], place.span.start, tok.end))
                facts.role_qualified = True
            return _count_back(toks, i, place.span.start)
        if low.endswith("'s") and lex.modifiers.get(low[:-2]) == "echelon":
            facts.unit = facts.unit or self._unit_by_echelon(tok.start, low[:-2])
            return 1
        hit = _match_back(toks, i, lex.before_cues)
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
            facts.role = _commander_of(facts.unit)

    def _unit_by_echelon(self, pos: int, echelon: str) -> Mention | None:
        return self.units.last_before(pos, lambda m: unit_echelon(m.value) == echelon) or self.units.last_before(pos)

    # -- what follows a name --

    def _facts_after(self, sentence: Span, pos: int, facts: Facts) -> None:
        """Age, appositive roles and a fate predicate after the name."""
        for _ in range(MAX_APPOSITIVES):
            age = _AGE.match(self.text, pos, sentence.end)
            if age:
                facts.age = facts.age or _age(age.group(1) or age.group(2))
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
        toks = _tokens(self.text, _WINDOW_TOKEN, start, end)
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
        toks = _tokens(self.text, _WINDOW_TOKEN, m.end(), stop.start() if stop else sentence.end)
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
                facts.unit = facts.unit or self._unit_by_echelon(tok.start, low[:-2])
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
        if kind == "honorific":
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
            facts.role = _commander_of(facts.unit)
        facts.trigger = True
        return True

    def _find_role_head(self, toks: list[Tok]):
        lex = self.lex
        for at in range(len(toks)):
            hit = _match_forward(toks, at, lex.roles)
            if hit:
                return at, hit[0], hit[1], False
            hit = _match_forward(toks, at, lex.ranks)
            if hit and toks[at].text[0].islower():  # capitalised: the next name of a list
                return at, hit[0], hit[1], True
        return None

    def _appositive_prefix_ok(self, toks: list[Tok]) -> bool:
        """Only determiners, possessive unit references, side words, units and modifiers precede the head."""
        unknown = 0
        for tok in toks:
            low = tok.text.lower().replace("’", "'")
            if low in _PREPOSITIONS or low == "to":
                return False  # "the deputy to the senior commander": the head belongs to someone else
            if low in _DETERMINERS or low in ("its", "their") or low in self.lex.modifiers:
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
        if not toks or toks[0].text.lower() not in _PREPOSITIONS:
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
        status, passive = _after_kinds()[phrase_key(m.group("cue"))]
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

    # -- roles named earlier without a name --

    def _resolve_role_antecedent(self, idx: int, sentence: Span, span: Span, facts: Facts) -> None:
        """"a Kremlin spokesman admitted ... Putin's mouthpiece Dmitry Peskov said": the bare role takes the
        qualifier of the same role mentioned just before (this sentence or the previous one)."""
        if facts.role is None or facts.role_qualified or facts.role_kind not in ("spokesperson", "official"):
            return
        lo = self.ctx.sentences[idx - 1].start if idx > 0 else sentence.start
        pattern, surfaces = _qualified_role_re(facts.role)
        if not any(self.lower.find(surface, lo, span.start) >= 0 for surface in surfaces):
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


@lru_cache(maxsize=64)
def _qualified_role_re(role: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """"a Kremlin spokesman" for the role "spokesman" (any of its written forms), and those forms."""
    lex = lexicon()
    surfaces = [k for k, (r, kind) in lex.roles.items() if r == role and kind != "honorific"] or [phrase_key(role)]
    pattern = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<qualifier>[A-Z][\w'’]*)\s+{_words_alt(surfaces)}\b")
    return pattern, tuple(surfaces)


@dataclass
class _Known:
    person: Person
    surname: str
    given: str | None
    given_group: str | None
    full: str


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


class _ListFrames:
    """Lists of the dead, wounded or captured, and the sentences that continue them."""

    def __init__(self, finder: PeopleFinder):
        self.finder = finder
        self.by_sentence: dict[int, _Frame] = {}
        self.carried: set[int] = set()  # sentences whose first name was offered a carried-over role
        self._scanned = False

    def _scan(self) -> None:
        ctx, lex = self.finder.ctx, self.finder.lex
        status_of = lex.list_status
        last: _Frame | None = None
        for idx, start in sorted(self._cue_sentences().items()):
            sentence = ctx.sentences[idx]
            m = lex.list_re.search(ctx.text, start, sentence.end)
            if m is None:
                continue
            cue = m.group("cue")
            status = status_of.get(phrase_key(cue)) or status_of.get(phrase_key("those " + cue), "killed")
            frame = _Frame(idx, status, Span(m.start("cue"), m.end("cue")), m.end(), phrase_key(m.group("verb")) in ("is", "are", "was", "were"))
            if m.group("of"):
                frame.unit = self.finder.units.at(m.start("of"), m.end("of"))
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
        lower = self.finder.lower
        found: dict[int, int] = {}
        for word in self.finder.lex.list_words:
            pos = lower.find(word)
            while pos >= 0:
                before = lower[max(0, pos - LIST_LOOKBACK) : pos]
                if "the " in before or "those " in before:
                    idx, sentence = self.finder.sentence_at(pos)
                    if idx >= 0:
                        start = max(sentence.start, pos - LIST_LOOKBACK)
                        found[idx] = min(found.get(idx, start), start)
                pos = lower.find(word, pos + len(word))
        return found

    def _carry_unnamed_role(self, idx: int, facts: Facts, known: _Known) -> None:
        """"Among the Russian dead is a battalion commander. Lieutenant Colonel X ...": the first ranked
        name of the next sentence is the one the list spoke of."""
        if idx in self.carried:
            return
        self.carried.add(idx)
        previous = self.by_sentence.get(idx - 1)
        if previous is None or not previous.unnamed_roles:
            self._carry_object_role(idx, facts)
            return
        if facts.rank is None or facts.role is not None or known.person.role is not None:
            return
        self._take_unnamed_role(previous, facts)
        if facts.status is None:
            facts.status, facts.status_span, facts.status_source = previous.status, previous.status_span, "list"

    def _carry_object_role(self, idx: int, facts: Facts) -> None:
        """"Forces killed a senior Taliban leader ... Mullah Bahuddin was a senior Taliban leader": the
        first name of the next sentence, holding the same role, shares the fate."""
        if idx < 1 or facts.status is not None or facts.role is None:
            return
        finder = self.finder
        sentence = finder.ctx.sentences[idx - 1]
        head = phrase_key(facts.role).split()[-1]
        if not any(finder.lower.find(verb, sentence.start, sentence.end) >= 0 for verb in finder.lex.object_cues):
            return  # a substring test first: the regex is slow and most sentences hold no such verb
        for m in finder.lex.object_role_re.finditer(finder.text, sentence.start, sentence.end):
            if phrase_key(m.group("head")).split()[-1] == head:
                status = finder.lex.object_cues[phrase_key(m.group("verb"))]
                facts.status, facts.status_span, facts.status_source = status, Span(m.start("verb"), m.end("verb")), "object"
                return

    def _take_unnamed_role(self, frame: _Frame, facts: Facts) -> None:
        key, role_span, unit = frame.unnamed_roles.pop(0)
        role, kind = self.finder.lex.roles.get(key, (key, "military"))
        unit = unit or facts.unit
        if role == "commander" and unit is not None:
            role = _commander_of(unit)
        facts.role, facts.role_kind, facts.role_span = role, kind, role_span
        facts.unit = facts.unit or unit

    def _unnamed_roles(self, frame: _Frame, start: int, end: int) -> None:
        for m in self.finder.lex.unnamed_role_re.finditer(self.finder.ctx.text, start, end):
            owner = m.group("owner").lower()
            echelon = m.group("echelon")
            unit = frame.unit
            if echelon:
                unit = self.finder._unit_by_echelon(m.start(), echelon.lower())
            elif owner in ("its", "their") and unit is None:
                unit = self.finder.units.last_before(m.start())
            frame.unnamed_roles.append((phrase_key(m.group("role")), Span(m.start("role"), m.end("role")), unit))

    def frame_for(self, idx: int, sentence: Span) -> _Frame | None:
        if not self._scanned:
            self._scan()
        ctx = self.finder.ctx
        if idx < 0:
            return None
        if idx in self.by_sentence:
            return self.by_sentence[idx]
        if self.finder.lex.continuation_re.match(ctx.text, sentence.start, sentence.end):
            for back in range(1, FRAME_REACH):
                previous = self.by_sentence.get(idx - back)
                if previous is not None:
                    frame = _Frame(idx, previous.status, previous.status_span, sentence.start, False, previous.unit, previous.unnamed_roles)
                    self.by_sentence[idx] = frame
                    return frame
        return None

    def apply(self, idx: int, sentence: Span, span: Span, facts: Facts, known: _Known) -> None:
        frame = self.frame_for(idx, sentence)
        if frame is None:
            self._carry_unnamed_role(idx, facts, known)
            return
        if span.start < frame.verb_end:
            return
        gap = self.finder.text[frame.verb_end : facts.start]
        if (frame.weak_verb and gap.strip()) or _reporting_word().search(gap):
            return  # "the dead were taken to the morgue, said X": X is the source, not one of the dead
        if facts.status is None:
            facts.status, facts.status_span, facts.status_source = frame.status, frame.status_span, "list"
        if facts.unit is None and frame.unit is not None:
            facts.unit = frame.unit
        # "include its commander ... Colonel X": the unnamed role goes to the next ranked name without one
        if facts.role is None and facts.rank is not None and known.person.role is None and frame.unnamed_roles:
            self._take_unnamed_role(frame, facts)


def _commander_of(unit: Mention) -> str:
    """A bare "commander" tied to a unit reads as the unit's commander: "regiment commander"."""
    echelon = unit_echelon(unit.value)
    return f"{echelon} commander" if echelon else "commander"


def _strip_possessive(word: str) -> str:
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’")) else word


def _surname_variant(a: str, b: str) -> bool:
    """One edit apart, but not a feminine form ("Ivanov" / "Ivanova" are two people)."""
    if a + "a" == b or b + "a" == a:
        return False
    return Levenshtein.distance(a, b) <= 1


def _count_back(toks: list[Tok], i: int, start: int) -> int:
    """How many tokens, counting back from i, lie at or after offset ``start``."""
    k = 0
    while i - k >= 0 and toks[i - k].start >= start:
        k += 1
    return max(k, 1)


def _age(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    return value if MIN_AGE <= value <= MAX_AGE else None


def find_people(ctx: Context, units: list[Mention], places: list[Mention]) -> list[Mention]:
    """People named in the text: one Mention per name in text order; mentions of one person share a Person."""
    return PeopleFinder(ctx, units or [], places or []).run()
