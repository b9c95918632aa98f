"""The people stage's lexicons, read once per process: ranks, roles and their modifiers, side words,
given names (with a one-edit index for typos), stop words, fate cues and the patterns built from them.

Every lexicon is a data file in ``lexicons/``: ranks.tsv, roles.tsv, roles_modifiers.tsv,
roles_sides.tsv, roles_officeholders.tsv, given_names.txt, names_given.txt, people_stop.tsv,
people_cues.tsv, person_status.tsv. given_names.txt groups the transliteration variants of one name (and is matched with
one edit); names_given.txt (built from Faker's person providers by scripts/build_names.py) only says
that a word is a given name somewhere, and is matched exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from sitrep.lexicons import load_lines, load_table
from sitrep.text import alternation

NO_ROLE_KINDS = frozenset({"honorific", "kin"})  # they introduce a name ("Mullah X", "his brother X") but are no role
MIN_FUZZY_GIVEN = 6  # shorter given names are not matched with an edit: too many accidental hits


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
    world_given: frozenset[str]  # given names of many locales (lower case), matched exactly
    stop: frozenset[str]
    stop_kinds: dict[str, str]
    abbreviations: frozenset[str]
    before_cues: PhraseTable  # adjectives, "the death of", and object verbs next to the descriptor
    object_cues: dict[str, str]  # verbs whose object is the name, also read across a determiner
    cue_words: frozenset[str]  # one-word fate cues and list verbs: never part of a name
    officeholders: dict[str, tuple[tuple[str, str], ...]]  # surname -> ((given group, side), ...)
    name_cues: PhraseTable  # words before a name that say it is one (people_cues.tsv): cue -> speech|naming
    name_cue_tails: frozenset[str]  # their last words (but "of"), for a cheap look before a capitalised run
    name_cue_of_heads: frozenset[str]  # the words before "of" in them ("funeral of")
    hot_words: frozenset[str]  # words of ranks, roles and given names: a run without one is rarely a person
    trigger_tails: frozenset[str]  # last words of ranks and roles: a name may follow them
    after_re: re.Pattern
    be_words: frozenset[str]
    prepositions: frozenset[str]  # after a bare participle: "X killed in Donbas" is passive
    list_re: re.Pattern
    list_words: tuple[str, ...]  # the group nouns of list_re, for a cheap substring pre-check
    list_status: dict[str, str]  # group noun -> status
    naming_verbs: frozenset[str]  # "identified", "named": "identified the slain officer as X"
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
    stop_words = {r["word"].lower() for r in load_table("people_stop.tsv")}
    world_given = frozenset(w for w in load_lines("names_given.txt") if w not in given and w not in stop_words)
    status_rows = load_table("person_status.tsv")
    by_position: dict[str, list[dict[str, str]]] = {}
    for row in status_rows:
        by_position.setdefault(row["position"], []).append(row)
    before_cues = PhraseTable((phrase_key(r["cue"]), r["status"]) for r in by_position["before"] + by_position["object"])
    object_cues = {phrase_key(r["cue"]): r["status"] for r in by_position["object"]}
    stop = frozenset(r["word"].lower() for r in load_table("people_stop.tsv"))
    name_cues = PhraseTable((phrase_key(r["cue"]), r["kind"]) for r in load_table("people_cues.tsv"))
    hot = {k.split()[-1] for k in list(ranks) + list(roles)} | {k.split()[0] for k in ranks} | set(given) | world_given
    abbreviations = {k.split()[0] for k in ranks} | {k for k in roles if " " not in k}
    abbreviations |= {w.lower() for w in load_lines("abbreviations.txt")}
    return Lexicon(
        ranks=ranks,
        roles=roles,
        modifiers=modifiers,
        sides=sides,
        given=given,
        given_deletes=deletes,
        world_given=world_given,
        stop=stop,
        stop_kinds={r["word"].lower(): r["kind"] for r in load_table("people_stop.tsv")},
        abbreviations=frozenset(abbreviations),
        before_cues=before_cues,
        object_cues=object_cues,
        cue_words=frozenset(
            r["cue"].lower() for r in status_rows if " " not in r["cue"] and r["position"] not in ("aux", "preposition")
        ),
        officeholders=_officeholders(given),
        name_cues=name_cues,
        name_cue_tails=frozenset(k.split()[-1] for k, kind in name_cues.items() if kind != "place") - {"of"},
        name_cue_of_heads=frozenset(k.split()[-2] for k, kind in name_cues.items() if kind != "place" and k.endswith(" of")),
        hot_words=frozenset(hot - stop),
        trigger_tails=frozenset(k.split()[-1] for k in list(ranks) + list(roles)),
        after_re=_after_pattern(by_position),
        prepositions=frozenset(r["cue"] for r in by_position["preposition"]),
        be_words=frozenset(r["cue"] for r in by_position["aux"] if r["status"] == "be"),
        list_re=_list_pattern(by_position),
        list_status={phrase_key(r["cue"]): r["status"] for r in by_position["list"]},
        naming_verbs=frozenset(phrase_key(r["cue"]) for r in by_position.get("naming", ())),
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
def reporting_word() -> re.Pattern:
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
def after_kinds() -> dict[str, tuple[str, bool]]:
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
    if low in lex.world_given:
        return low.capitalize()
    if "-" in low:  # "Marie-Ange", "Jean-Robert": every part a given name
        parts = low.split("-")
        if all(part in lex.given or part in lex.world_given for part in parts):
            return "-".join(lex.given.get(part, part.capitalize()) for part in parts)
        return None
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


def unit_echelon(unit) -> str | None:
    """The echelon of a Unit: its own field, else the formation word that ends its name."""
    if getattr(unit, "echelon", None):
        return unit.echelon
    words = getattr(unit, "name", "").lower().split()
    for w in reversed(words):
        if lexicon().modifiers.get(w) == "echelon":
            return w
    return None


@lru_cache(maxsize=64)
def qualified_role_pattern(role: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """"a Kremlin spokesman" for the role "spokesman" (any of its written forms), and those forms."""
    lex = lexicon()
    surfaces = [k for k, (r, kind) in lex.roles.items() if r == role and kind not in NO_ROLE_KINDS] or [phrase_key(role)]
    pattern = re.compile(rf"\b(?:[Aa]n?|[Tt]he)\s+(?P<qualifier>[A-Z][\w'’]*)\s+{_words_alt(surfaces)}\b")
    return pattern, tuple(surfaces)
