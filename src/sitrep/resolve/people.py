"""The people register: person mentions from many reports merged into persons, with reasons.

Pure: no database. A mention (one report's Person, with its unit key and the event it sits in) is
compared with the persons already known whose surname is close (blocking keys), scored with the
weights of ``data/merge_weights.tsv``, and put into the best person when the score reaches the
threshold and nothing vetoes it (another given name, another side, another unit, ranks too far apart).
Otherwise it starts a new person. Every decision keeps its reasons, for the merge log.

    index = PeopleIndex(ResolveConfig.load())
    decision = index.add(PersonMention("d1", "p3", "Konstantin Zizevsky", rank="Colonel", ...))
    decision.person_id, decision.score, decision.reasons

Processing order decides ids (a person's id is made from its first mention), so the same corpus in
the same order gives the same register.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from sitrep.resolve.config import ResolveConfig, read_data, read_table
from sitrep.resolve.names import given_name_class, name_key, name_parts, similar_surnames

Reason = tuple[str, float]


@dataclass
class PersonMention:
    """One report's person, as the resolver sees it."""

    document_id: str
    item_id: str
    name: str
    rank: str | None = None
    role: str | None = None
    unit_key: str | None = None
    unit: str | None = None  # the unit's display name
    side: str | None = None
    status: str | None = None
    published: str | None = None
    event_date: str | None = None  # date of the event the mention sits in (fate date)
    event_place: str | None = None
    ord: int = 0  # processing order

    @property
    def key(self) -> str:
        return f"{self.document_id}:{self.item_id}"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Match:
    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)
    veto: str | None = None

    def add(self, reason: str, weight: float) -> None:
        if weight:
            self.score += weight
            self.reasons.append((reason, round(weight, 2)))


# --- data ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def rank_levels() -> dict[str, int]:
    return {row["rank"].lower(): int(row["level"]) for row in read_table("rank_levels.tsv")}


@lru_cache(maxsize=1)
def common_surname_keys() -> frozenset[str]:
    return frozenset(name_key(w) for w in read_data("common_surnames.txt"))


_ROLE_STOP = frozenset("of the a an and in for to at his her its by".split())


def role_words(role: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", (role or "").lower()) if w not in _ROLE_STOP and len(w) > 2}


def rank_level(rank: str | None) -> int | None:
    return rank_levels().get(rank.lower()) if rank else None


def blocking_keys(surname_key: str) -> set[str]:
    """The key and its one-letter deletions: two keys one edit apart share at least one of these."""
    keys = {surname_key}
    if len(surname_key) >= 4:
        keys |= {surname_key[:i] + surname_key[i + 1:] for i in range(len(surname_key))}
    return keys


def mention_name_keys(name: str) -> tuple[str | None, str]:
    """(given-name class or None, surname key)."""
    given, surname = name_parts(name)
    return (given_name_class(given) if given else None), name_key(surname)


def person_id_for(anchor: str) -> str:
    return "P" + hashlib.sha1(anchor.encode("utf-8")).hexdigest()[:9]


# --- a person -----------------------------------------------------------------------------------

@dataclass
class Person:
    """What the register knows of one person: enough to compare a new mention without its reports."""

    person_id: str
    anchor: str  # the first mention's key
    names: dict[str, int] = field(default_factory=dict)  # spelling -> mentions
    surnames: list[str] = field(default_factory=list)  # surname keys
    surname_words: list[str] = field(default_factory=list)  # surnames as written (for fuzzy comparison)
    given: list[str] = field(default_factory=list)  # given-name classes
    ranks: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # unit key -> display name
    sides: list[str] = field(default_factory=list)
    fate: str | None = None
    fate_date: str | None = None
    fate_place: str | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    mentions: int = 0
    reports: int = 0
    last_document: str | None = None

    @classmethod
    def start(cls, m: PersonMention) -> "Person":
        p = cls(person_id_for(m.key), m.key)
        p.add(m)
        return p

    def add(self, m: PersonMention) -> None:
        given, surname = name_parts(m.name)
        gclass, skey = mention_name_keys(m.name)
        self.names[m.name] = self.names.get(m.name, 0) + 1
        if skey and skey not in self.surnames:
            self.surnames.append(skey)
            self.surname_words.append(surname)
        if gclass and gclass not in self.given:
            self.given.append(gclass)
        if m.rank:
            self.ranks[m.rank] = self.ranks.get(m.rank, 0) + 1
        if m.role and m.role not in self.roles:
            self.roles.append(m.role)
        if m.unit_key and m.unit_key not in self.units:
            self.units[m.unit_key] = m.unit or m.unit_key
        if m.side and m.side not in self.sides:
            self.sides.append(m.side)
        if m.status and m.status != "alive" and (self.fate is None or self.fate == m.status or m.status == "killed"):
            self._fate(m)
        if m.published:
            self.first_reported = min(filter(None, (self.first_reported, m.published)))
            self.last_reported = max(filter(None, (self.last_reported, m.published)))
        self.mentions += 1
        if m.document_id != self.last_document:
            self.reports += 1
            self.last_document = m.document_id

    def _fate(self, m: PersonMention) -> None:
        """The gravest fate stands ("killed" outranks "wounded" or "missing"); its date is the earliest any
        report gives (later reports often say only when it was reported), its place the first one resolved
        (in processing order: a report's place may be where the news came from, not where it happened)."""
        when = m.event_date or m.published
        if self.fate != m.status:
            self.fate, self.fate_date, self.fate_place = m.status, when, m.event_place
            return
        if when and (self.fate_date is None or when < self.fate_date):
            self.fate_date = when
        if self.fate_place is None:
            self.fate_place = m.event_place

    @property
    def name(self) -> str:
        """The spelling seen most often; on a tie the longest (a full name beats a bare surname)."""
        return max(self.names.items(), key=lambda kv: (kv[1], len(kv[0].split()), kv[0]))[0]

    @property
    def rank(self) -> str | None:
        """The highest rank seen (promotions, posthumous ranks)."""
        if not self.ranks:
            return None
        return max(self.ranks, key=lambda r: (rank_level(r) or 0, self.ranks[r], r))

    def blocking_keys(self) -> set[str]:
        keys: set[str] = set()
        for s in self.surnames:
            keys |= blocking_keys(s)
        return keys

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Person":
        return cls(**data)


# --- comparing a mention with a person ---------------------------------------------------------

def compare(m: PersonMention, p: Person, cfg: ResolveConfig) -> Match:
    """Score (and reasons) for ``m`` being ``p``; ``veto`` says why it cannot be."""
    w = cfg.person
    out = Match()
    given, surname = name_parts(m.name)
    gclass, skey = mention_name_keys(m.name)
    if skey in p.surnames:
        out.add(f"surname {surname!r} = {p.surname_words[p.surnames.index(skey)]!r}", w["surname_exact"])
    elif any(similar_surnames(surname, s) for s in p.surname_words):
        out.add(f"surname {surname!r} ~ {'/'.join(p.surname_words)!r} (one letter apart)", w["surname_fuzzy"])
    else:
        out.veto = f"surname {surname!r} differs"
        return out
    if gclass and p.given:
        if gclass not in p.given:
            out.veto = f"given name {given!r} is not {'/'.join(p.given)}"
            return out
        out.add(f"given name {given!r} is {gclass!r}", w["given_same"])
    else:
        out.add("given name not written in one of them", w["given_missing"])
    if skey in common_surname_keys():
        out.add(f"common surname {surname!r}", w["common_surname"])
    if m.side and p.sides:
        if m.side not in p.sides:
            out.veto = f"side {m.side} vs {'/'.join(p.sides)}"
            return out
        out.add(f"side {m.side}", w["side_same"])
    _compare_unit(m, p, w, out)
    if out.veto:
        return out
    _compare_rank(m, p, w, out)
    if out.veto:
        return out
    shared_roles = role_words(m.role) & set().union(*(role_words(r) for r in p.roles)) if p.roles else set()
    if shared_roles:
        out.add(f"role {m.role!r} ~ {p.roles[0]!r}", w["role_same"])
    if m.status and m.status == p.fate:
        out.add(f"fate {m.status}", w["fate_same"])
    return out


def _compare_unit(m: PersonMention, p: Person, w: dict[str, float], out: Match) -> None:
    if not m.unit_key or not p.units:
        return
    if m.unit_key in p.units:
        out.add(f"unit {m.unit or m.unit_key}", w["unit_same"])
    elif not any(units_related(m.unit_key, k) for k in p.units):
        out.veto = f"unit {m.unit or m.unit_key} vs {'/'.join(p.units.values())}"


def _compare_rank(m: PersonMention, p: Person, w: dict[str, float], out: Match) -> None:
    level = rank_level(m.rank)
    levels = [lv for lv in (rank_level(r) for r in p.ranks) if lv is not None]
    if level is None or not levels:
        return
    gap = min(abs(level - lv) for lv in levels)
    if gap == 0:
        out.add(f"rank {m.rank}", w["rank_same"])
    elif gap <= w["rank_gap"]:
        out.add(f"rank {m.rank} near {p.rank} (promotion?)", w["rank_near"])
    else:
        out.veto = f"rank {m.rank} vs {p.rank}"


def units_related(a: str, b: str) -> bool:
    """One unit is the other's parent formation (a regiment of a division): not a contradiction."""
    return a == b or parent_key(a) == b or parent_key(b) == a


@lru_cache(maxsize=4096)
def parent_key(unit_key: str) -> str | None:
    from sitrep.gazetteer.units import canonical_unit_key, registry

    entry = registry().by_id.get(unit_key)
    return canonical_unit_key(entry.parent) if entry is not None and entry.parent else None


# --- choosing ----------------------------------------------------------------------------------

@dataclass
class Decision:
    """Where a mention went, and why."""

    mention: PersonMention
    person_id: str
    decision: str  # merged|new
    score: float | None = None
    reasons: list[Reason] = field(default_factory=list)
    matched: str | None = None  # the person's anchor mention


def choose(m: PersonMention, candidates: Iterable[Person], cfg: ResolveConfig) -> tuple[Person | None, Match, list[Reason]]:
    """The best candidate that may take ``m`` (or None), its match, and notes on the rejected ones."""
    scored: list[tuple[float, str, Person, Match]] = []
    notes: list[Reason] = []
    for p in candidates:
        match = compare(m, p, cfg)
        if match.veto:
            notes.append((f"not {p.name} ({p.person_id}): {match.veto}", 0.0))
            continue
        scored.append((match.score, p.person_id, p, match))
    scored.sort(key=lambda t: (-t[0], t[1]))
    if not scored:
        return None, Match(), notes
    best_score, _, best, match = scored[0]
    if best_score < cfg.person["threshold"]:
        notes.append((f"best {best.name} ({best.person_id}) scored {best_score:.2f} < {cfg.person['threshold']}", 0.0))
        return None, match, notes
    if len(scored) > 1 and best_score - scored[1][0] < cfg.person["ambiguous_margin"]:
        # two persons fit nearly as well (two Ivanovs, and the report says only "Ivanov")
        notes.append((f"ambiguous: {best.name} ({best.person_id}) {best_score:.2f} vs "
                      f"{scored[1][2].name} ({scored[1][1]}) {scored[1][0]:.2f}", 0.0))
        return None, match, notes
    return best, match, notes


class PeopleIndex:
    """Persons in memory, found by blocking keys. The store-backed runner does the same with SQL."""

    def __init__(self, cfg: ResolveConfig | None = None):
        self.cfg = cfg or ResolveConfig()
        self.persons: dict[str, Person] = {}
        self.members: dict[str, list[PersonMention]] = {}
        self.where: dict[str, str] = {}  # mention key -> person id
        self._keys: dict[str, set[str]] = {}

    def candidates(self, m: PersonMention) -> list[Person]:
        _, skey = mention_name_keys(m.name)
        ids: set[str] = set()
        for k in blocking_keys(skey):
            ids |= self._keys.get(k, set())
        return [self.persons[i] for i in sorted(ids)]

    def add(self, m: PersonMention) -> Decision:
        best, match, notes = choose(m, self.candidates(m), self.cfg)
        if best is None:
            p = Person.start(m)
            self._put(p, [m])
            return Decision(m, p.person_id, "new", None, notes)
        best.add(m)
        self.members[best.person_id].append(m)
        self.where[m.key] = best.person_id
        self._index(best)
        return Decision(m, best.person_id, "merged", round(match.score, 2), match.reasons, best.anchor)

    def _put(self, p: Person, mentions: list[PersonMention]) -> None:
        self.persons[p.person_id] = p
        self.members[p.person_id] = mentions
        for m in mentions:
            self.where[m.key] = p.person_id
        self._index(p)

    def _index(self, p: Person) -> None:
        for k in p.blocking_keys():
            self._keys.setdefault(k, set()).add(p.person_id)

    def _drop(self, person_id: str) -> list[PersonMention]:
        p = self.persons.pop(person_id)
        for k in p.blocking_keys():
            self._keys.get(k, set()).discard(person_id)
        return self.members.pop(person_id)

    # -- the user's decisions
    def merge(self, a: str, b: str) -> str:
        """Put persons ``a`` and ``b`` (ids or mention keys) together; returns the merged person's id."""
        a_id, b_id = self.resolve_id(a), self.resolve_id(b)
        if a_id == b_id:
            return a_id
        mentions = sorted(self._drop(a_id) + self._drop(b_id), key=lambda m: m.ord)
        p = rebuild_person(mentions)
        self._put(p, mentions)
        return p.person_id

    def split(self, mention_keys: Iterable[str]) -> str:
        """Take these mentions out of their person(s) into a new person of their own; returns its id."""
        moved_keys = set(mention_keys)
        moved: list[PersonMention] = []
        for pid in sorted({self.where[k] for k in moved_keys}):
            rest = []
            for m in self._drop(pid):
                (moved if m.key in moved_keys else rest).append(m)
            if rest:
                self._put(rebuild_person(rest), rest)
        moved.sort(key=lambda m: m.ord)
        p = rebuild_person(moved)
        self._put(p, moved)
        return p.person_id

    def resolve_id(self, ref: str) -> str:
        if ref in self.persons:
            return ref
        if ref in self.where:
            return self.where[ref]
        raise KeyError(f"no person or mention {ref!r}")


def rebuild_person(mentions: list[PersonMention]) -> Person:
    """A person from its mentions (in processing order); the id comes from the first."""
    p = Person.start(mentions[0])
    for m in mentions[1:]:
        p.add(m)
    return p


def cluster_people(mentions: Iterable[PersonMention], cfg: ResolveConfig | None = None,
                   overrides: Iterable[tuple[str, Any]] = ()) -> tuple[PeopleIndex, list[Decision]]:
    """All mentions, in their order, into a register; then the user's overrides, in theirs:
    ("merge", (a, b)) with person ids or mention keys, ("split", [mention keys])."""
    index = PeopleIndex(cfg)
    decisions = [index.add(m) for m in sorted(mentions, key=lambda m: m.ord)]
    for action, arg in overrides:
        if action == "merge":
            index.merge(*arg)
        elif action == "split":
            index.split(arg)
    return index, decisions


def variants_of(p: Person) -> list[str]:
    return [n for n, _ in Counter(p.names).most_common()]
