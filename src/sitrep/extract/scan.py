"""Fast lexicon matching: many patterns over one document, once.

A lexicon row is a regular expression. Running every row over every sentence is what made the
extractor slow, so a ``PatternTable`` (1) works out, once, literal strings one of which each row
needs ("shell(?:ing|ed)" needs "shell"), (2) skips the rows none of whose strings occur anywhere in
the document (a substring test in C), and (3) runs the rest once over the whole text, each row only
at the tokens that begin as its matches can, and a long row with only those of its alternatives
that can begin so (``_Narrowed``). Stages then
take the hits that fall in a sentence with ``Hits.within`` (``scans.py`` says which lexicons are
scanned so, once per document). A row with no readable literal is never
skipped.
"""

from __future__ import annotations

import bisect
import re
from re import _constants as _c, _parser  # the standard library's own regex parser: read the literals off a pattern
from dataclasses import dataclass
from typing import Any, Sequence

from sitrep.text import lower_keep_length

_BOUNDED = r"(?<![\w-])(?:{})(?![\w-])"


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    row: int  # index of the lexicon row that matched
    payload: Any
    match: re.Match

    def __init__(self, start: int, end: int, row: int, payload: Any, match: re.Match) -> None:
        # written out (dataclass keeps an __init__ of the class's own): a document makes hundreds of hits, and
        # the frozen dataclass's generated one, object.__setattr__ per field, cost three times as much
        fields = self.__dict__
        fields["start"], fields["end"], fields["row"], fields["payload"], fields["match"] = start, end, row, payload, match

    def __lt__(self, other: "Hit") -> bool:
        return (self.start, -self.end) < (other.start, -other.end)


def required_literals(pattern: str, ignore_case: bool = True) -> tuple[str, ...] | None:
    """Literal strings one of which must occur wherever ``pattern`` matches ("(?:a |an )?NATO officials?"
    needs "NATO official"), or None when no such string of two characters or more can be read off it."""
    try:
        tree = _parser.parse(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return None
    found = _required(list(tree))
    if found is None:
        return None
    return tuple(sorted({lit.lower() for lit in found} if ignore_case else set(found)))


def _required(items: list) -> list[str] | None:
    """Requirement of a sequence of parsed items: its longest literal run, or a sub-item's requirement."""
    best: list[str] | None = None
    run: list[str] = []

    def consider(candidate: list[str] | None) -> None:
        nonlocal best
        if candidate and all(len(c) >= 2 for c in candidate):
            if best is None or min(map(len, candidate)) > min(map(len, best)):
                best = candidate

    for op, arg in items:
        if op is _c.LITERAL:
            run.append(chr(arg))
            continue
        consider(["".join(run)] if run else None)
        run = []
        if op is _c.SUBPATTERN:
            consider(_required(list(arg[3])))
        elif op is _c.BRANCH:
            branches = [_required(list(b)) for b in arg[1]]
            if all(b is not None for b in branches):
                consider([lit for b in branches for lit in b])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            consider(_required(list(arg[2])))
    consider(["".join(run)] if run else None)
    return best


# --- where a match can start --------------------------------------------------------------------
# Each row knows the few lower-case beginnings (up to _KEY_CHARS characters of its first word) a match
# can have; each document indexes its tokens by the same beginnings; a row is tried only at the
# tokens that begin that way. That is a dictionary look-up per row instead of a regex pass per row.
_KEY_CHARS = 3
_TOKEN_END = frozenset(" \t\n")  # spaCy always splits at white space; other punctuation it may keep inside a token
_ANY = "\0"  # stands for a character the pattern does not fix (a class such as \w)
_PARTIAL = "*"  # marks a beginning cut short by such a character: it matches every token that begins so


def start_keys(pattern: str, ignore_case: bool = True) -> frozenset[str] | None:
    """The lower-case beginnings a match of ``pattern`` can have, or None if it can begin anyhow."""
    try:
        tree = _parser.parse(pattern, re.IGNORECASE if ignore_case else 0)
    except re.error:
        return None
    keys = {text for text, _ in _sequence_starts(list(tree))}
    if not keys or any(key == "" or key.startswith(_ANY) for key in keys):
        return None
    # spaCy splits a hyphen between letters off its word ("Al-Shabaab" is "Al", "-", "Shabaab") but not
    # one before a digit ("Kh-22"): a beginning with a hyphen also stands for the word before it
    keys |= {key.split("-")[0] for key in keys if "-" in key[1:]}
    return frozenset(key[:-1] + _PARTIAL if key.endswith(_ANY) else key for key in keys)


def _sequence_starts(items: list) -> set[tuple[str, bool]]:
    """(beginning, closed) pairs; closed means nothing more can be added to that beginning."""
    states = {("", False)}
    for op, arg in items:
        if all(closed for _, closed in states):
            break
        alternatives = _item_starts(op, arg)
        grown = set()
        for text, closed in states:
            if closed:
                grown.add((text, True))
                continue
            for piece, piece_closed in alternatives:
                grown.add(_grow(text, piece, piece_closed))
        states = grown
    return states


def _grow(text: str, piece: str, piece_closed: bool) -> tuple[str, bool]:
    joined = text + piece
    for i, ch in enumerate(joined):
        if ch in _TOKEN_END:
            return joined[:i], True
        if ch == _ANY:
            return joined[: i + 1], True  # keep the marker: the beginning is cut short here
    if len(joined) >= _KEY_CHARS:
        return joined[:_KEY_CHARS], True
    return joined, piece_closed


def _item_starts(op, arg) -> set[tuple[str, bool]]:
    if op is _c.LITERAL:
        return {(chr(arg).lower(), False)}
    if op is _c.IN:
        chars = set()
        for member_op, member in arg:
            if member_op is _c.LITERAL:
                chars.add(chr(member).lower())
            elif member_op is _c.RANGE and member[1] - member[0] < 30:
                chars.update(chr(c).lower() for c in range(member[0], member[1] + 1))
            else:
                return {(_ANY, True)}  # a class such as \w: any character
        return {(c, False) for c in chars}
    if op is _c.SUBPATTERN:
        return _sequence_starts(list(arg[3]))
    if op is _c.BRANCH:
        return set().union(*(_sequence_starts(list(branch)) for branch in arg[1]))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, sub = arg
        starts = _sequence_starts(list(sub))
        if high is _c.MAXREPEAT or high > 1:
            starts = {(text, True) for text, _ in starts}  # repeated: stop reading after the first round
        return starts | {("", False)} if low == 0 else starts
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", False)}  # zero-width
    return {(_ANY, True)}


# A substring test reads the whole document; a regex match at a token start fails within a few characters.
# Measured on news-length articles: one match attempt costs about what a substring test over this many
# characters does, so a row's literals are tested only when that is cheaper than the matches it may save.
_CHARS_PER_MATCH = 700


class TokenIndex:
    """A document's token starts by their lower-case beginnings (up to _KEY_CHARS characters)."""

    def __init__(self, doc, lowered: str):
        import numpy as np
        from spacy.attrs import IDX, LENGTH

        table = doc.to_array([IDX, LENGTH])
        starts = table[:, 0].tolist()
        ends = (table[:, 0] + np.minimum(table[:, 1], _KEY_CHARS)).tolist()  # each token's beginning, up to _KEY_CHARS
        keys = [lowered[s:e] for s, e in zip(starts, ends)]
        by_key: dict[str, list[int]] = {}
        for key, start in zip(keys, starts):
            found = by_key.get(key)
            if found is None:
                by_key[key] = [start]
            else:
                found.append(start)
        self.by_key = by_key
        self.key_at = dict(zip(starts, keys))  # a token start -> its beginning
        self._partial: dict[str, list[int]] = {}

    def positions(self, keys: frozenset[str]) -> list[int]:
        found: list[int] = []
        for key in keys:
            if key.endswith(_PARTIAL):
                found.extend(self._beginning_with(key[:-1]))
            else:
                found.extend(self.by_key.get(key, ()))
        return found

    def _beginning_with(self, prefix: str) -> list[int]:
        cached = self._partial.get(prefix)
        if cached is None:
            cached = self._partial[prefix] = [p for key, ps in self.by_key.items() if key.startswith(prefix) for p in ps]
        return cached


# --- which alternatives of a row can begin at a token ----------------------------------------------
# A row is often a long alternation ("kill|killed|shell|shelled|..."), and with IGNORECASE the regex engine
# enters every alternative at every position it is tried (its quick first-character test is for
# case-sensitive literals only). At a token, only the alternatives that can begin as that token does can
# match; trying a regex of just those, in the row's order, gives the same match at a fraction of the cost.
_NOT_SPLIT = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # backreferences and conditionals: group numbers would move


def top_level_alternatives(pattern: str) -> list[str]:
    """``pattern`` cut at each "|" outside brackets, classes and escapes: "a(?:b|c)|d" is ["a(?:b|c)", "d"]."""
    parts, depth, start, i, n = [], 0, 0, 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # a class: "]" right after "[" or "[^" is a member, not its end
            i += 2 if pattern.startswith("[^", i) else 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _fits(token_key: str, keys: frozenset[str]) -> bool:
    """Whether a token beginning so can begin a match whose beginnings are ``keys``."""
    return token_key in keys or any(k.endswith(_PARTIAL) and token_key.startswith(k[:-1]) for k in keys)


class _Narrowed:
    """A row's regex for each token beginning: made of the row's alternatives that can begin so, in order.
    The alternatives are read off the row the first time it is tried (not at start-up), and a row whose
    alternatives cannot all be read so is tried whole."""

    def __init__(self, pattern: str, keys: frozenset[str], whole: re.Pattern, flags: int):
        self._pattern, self._row_keys, self._whole, self._flags = pattern, keys, whole, flags
        self._alternatives: list[str] | None = None
        self._keys: list[frozenset[str]] = []
        self._read = False
        self._by_key: dict[str, re.Pattern] = {}
        self._by_choice: dict[tuple[int, ...], re.Pattern] = {}

    def get(self, token_key: str) -> re.Pattern:
        found = self._by_key.get(token_key)
        if found is None:
            found = self._make(token_key)
            if len(self._by_key) < _BEGINNINGS_KEPT:
                self._by_key[token_key] = found
        return found

    def _read_alternatives(self) -> None:
        self._read = True
        alternatives = top_level_alternatives(self._pattern)
        if len(alternatives) < _FEWEST_TO_NARROW:
            return
        keys = [start_keys(a, self._flags & re.IGNORECASE != 0) for a in alternatives]
        if any(k is None for k in keys) or frozenset().union(*keys) != self._row_keys:
            return  # (an alternative that may begin anyhow, or one that does not parse alone: the row is tried whole)
        self._alternatives, self._keys = alternatives, keys

    def _make(self, token_key: str) -> re.Pattern:
        if not self._read:
            self._read_alternatives()
        if self._alternatives is None:
            return self._whole
        chosen = tuple(i for i, keys in enumerate(self._keys) if _fits(token_key, keys))
        if len(chosen) == len(self._alternatives):
            return self._whole
        found = self._by_choice.get(chosen)
        if found is None:
            try:
                found = re.compile(_BOUNDED.format("|".join(self._alternatives[i] for i in chosen)), self._flags)
            except re.error:
                found = self._whole
            self._by_choice[chosen] = found
        return found


# Below this many alternatives the dictionary look-up per attempt costs more than the alternatives it skips
# (measured on the lexicon tables over the long real articles).
_FEWEST_TO_NARROW = 8
# The regexes are kept by token beginning for this many beginnings per row: a cut-short beginning ("in" then
# any letter) meets new ones in every text of odd letters, and a long-running process must not grow with them.
# (The regexes themselves are one per set of alternatives, a few per row.)
_BEGINNINGS_KEPT = 4096


def _narrowed(pattern: str, keys: frozenset[str] | None, whole: re.Pattern, flags: int) -> _Narrowed | None:
    """The row's regex by token beginning, or None where that cannot be done safely or saves nothing."""
    if keys is None or not flags & re.IGNORECASE or _NOT_SPLIT.search(pattern):
        return None  # (case-sensitive alternatives already get the engine's first-character test)
    if pattern.count("|") + 1 < _FEWEST_TO_NARROW:
        return None  # (too few alternatives in any case)
    return _Narrowed(pattern, keys, whole, flags)


class PatternTable:
    """Lexicon rows compiled once; ``scan`` finds them all in a text."""

    def __init__(self, patterns: Sequence[str], payloads: Sequence[Any], *, ignore_case: bool = True, bounded: bool = True):
        flags = re.IGNORECASE if ignore_case else 0
        self.ignore_case = ignore_case
        self.rows = []
        self._narrowed: list[_Narrowed | None] = []  # each row's regex by the token it is tried at
        for pattern, payload in zip(patterns, payloads):
            compiled = re.compile(_BOUNDED.format(pattern) if bounded else pattern, flags)
            keys = start_keys(pattern, ignore_case) if bounded else None
            self.rows.append((compiled, payload, required_literals(pattern, ignore_case), keys))
            self._narrowed.append(_narrowed(pattern, keys, compiled, flags))
        # the rows by whole beginning, so that a document's tokens are matched against all rows at once
        # (one set intersection) instead of each row looking up each of its beginnings
        self._rows_by_key: dict[str, list[int]] = {}
        for index, (_, _, _, keys) in enumerate(self.rows):
            for key in keys or ():
                if not key.endswith(_PARTIAL):
                    self._rows_by_key.setdefault(key, []).append(index)
        self._partial_keys = [(index, frozenset(k for k in keys if k.endswith(_PARTIAL)))
                              for index, (_, _, _, keys) in enumerate(self.rows) if keys and any(k.endswith(_PARTIAL) for k in keys)]
        # the rows that can begin anyhow: with a token index, only these and the rows whose beginnings
        # occur in the document are visited (a table has hundreds of rows, a document meets few)
        self._keyless = frozenset(index for index, (_, _, _, keys) in enumerate(self.rows) if keys is None)

    def _positions_by_row(self, tokens: "TokenIndex") -> dict[int, list[int]]:
        """Where each row with known beginnings may match: the starts of the tokens that begin so."""
        found: dict[int, list[int]] = {}
        for key in self._rows_by_key.keys() & tokens.by_key.keys():
            starts = tokens.by_key[key]
            for index in self._rows_by_key[key]:
                found.setdefault(index, []).extend(starts)
        for index, partial in self._partial_keys:
            found.setdefault(index, []).extend(tokens.positions(partial))
        return found

    def scan(self, text: str, lowered: str | None = None, tokens: "TokenIndex | None" = None) -> list[Hit]:
        """Every match of every row, sorted by start (longest first at one start). With ``tokens`` (the
        text's token index), rows with known beginnings are tried only where a token begins so."""
        haystack = (lowered if lowered is not None else lower_keep_length(text)) if self.ignore_case else text
        hits = []
        by_row = self._positions_by_row(tokens) if tokens is not None else {}
        # rows in table order, as before; a row with beginnings none of which the document has finds nothing
        visit = sorted(by_row.keys() | self._keyless) if tokens is not None else range(len(self.rows))
        rows = self.rows
        key_at = tokens.key_at if tokens is not None else None
        for index in visit:
            compiled, payload, literals, keys = rows[index]
            if tokens is not None and keys is not None:
                # a row is tried at the tokens that begin as it does; when it also needs a literal the
                # document lacks ("Taliban" in "(?:the )?Taliban"), at none: one substring test in C
                # instead of a regex match at every "the"
                positions = by_row.get(index, ())
                if (literals is not None and len(positions) * _CHARS_PER_MATCH > len(literals) * len(haystack)
                        and not any(lit in haystack for lit in literals)):
                    continue  # (tested only where it saves more regex matches than its substring tests cost)
                row_end = 0  # as finditer does, a row's matches do not overlap
                narrowed = self._narrowed[index]
                for position in sorted(set(positions)):
                    if position < row_end:
                        continue
                    m = (compiled if narrowed is None else narrowed.get(key_at[position])).match(text, position)
                    if m:
                        hits.append(Hit(m.start(), m.end(), index, payload, m))
                        row_end = max(m.end(), position + 1)
            elif literals is None or any(lit in haystack for lit in literals):
                for m in compiled.finditer(text):
                    hits.append(Hit(m.start(), m.end(), index, payload, m))
        hits.sort(key=_hit_order)  # Hit.__lt__'s order, the key worked out once per hit
        return hits


def _hit_order(hit: Hit) -> tuple[int, int]:
    return hit.start, -hit.end


class Hits:
    """One document's hits of one table, with fast lookup of those inside a sentence."""

    def __init__(self, hits: list[Hit]):
        self.hits = hits
        self.starts = [h.start for h in hits]

    def within(self, start: int, end: int) -> list[Hit]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end, lo)
        if lo == hi:
            return []  # most sentences have none of a table's hits
        return [h for h in self.hits[lo:hi] if h.end <= end]


def without_nested(hits: list[Hit]) -> list[Hit]:
    """Drop hits that lie inside a longer one ("not confirmed" hides "confirmed")."""
    kept: list[Hit] = []
    for h in hits:
        if any(k.start <= h.start and h.end <= k.end for k in kept):
            continue
        kept.append(h)
    return kept


def first_at_each_place(hits: list[Hit]) -> list[Hit]:
    """Drop hits that start inside one kept before them (hits sorted longest first at each start)."""
    kept: list[Hit] = []
    for h in hits:
        if any(k.start <= h.start < k.end for k in kept):
            continue
        kept.append(h)
    return kept
