"""The military unit registry: Russian formations (derived from GFSIS) plus our curated table.

Two data files under ``gazetteer/data``:

- ``units-gfsis.tsv`` — built by ``scripts/build_units.py`` from the GFSIS map of Russian forces
  (names, garrisons, 5-digit military unit numbers, parents). Pre-2022; says "Mechanized" for what
  English reporting calls "Motor Rifle".
- ``units-curated.tsv`` — our own additions: Ukrainian formations and forces, Russian forces and
  organisations GFSIS lacks (VDV, Rosgvardia, OMON, Wagner ...), Guards titles and parents.

Unit names are parsed into (number, echelon, branch key) with the lexicons in
``lexicons/units_*.tsv``; the branch key merges aliases (Airborne = Air Assault,
Mechanized = Motor Rifle), honorifics ("Guards", "Separate") are ignored. The same parser reads
registry names here and report text in ``sitrep.extract.units``.

Public API: ``registry()`` (cached ``UnitRegistry``), ``UnitRegistry.lookup(name)``,
``UnitRegistry.by_number(number)``, ``canonical_unit_key(name)``, ``parse_unit_name(name)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.datafiles import read_table
from sitrep.lexicons import load_table

# --- the unit-name lexicon --------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """What one word or phrase inside a unit name is."""

    kind: str  # echelon|branch|honorific|side
    value: str  # echelon / branch / honorific word / ISO side
    key: str = ""  # branch key (aliases merged)
    side: str = ""  # side implied by a branch word ("motor rifle" -> RU)
    plural: bool = False
    lower_ok: bool = True
    weak: bool = False


@dataclass(frozen=True)
class NameLexicon:
    terms: dict[tuple[str, ...], Term]
    longest: int
    stopwords: frozenset[str]
    subunits: frozenset[str]  # echelons resolved only with a written branch ("3rd Battalion" is everywhere)
    first_words: frozenset[str]  # first words of all terms: a quick "could a unit name go on here?"


@lru_cache(maxsize=1)
def name_lexicon() -> NameLexicon:
    """Echelon, branch, honorific and side words, keyed by their lower-case word tuples."""
    terms: dict[tuple[str, ...], Term] = {}
    for row in load_table("side_words.tsv"):
        terms[_words(row["word"])] = Term("side", row["side"])
    for row in load_table("units_honorifics.tsv"):
        terms[_words(row["phrase"])] = Term("honorific", row["phrase"])
    for row in load_table("units_branches.tsv"):
        terms[_words(row["phrase"])] = Term(
            "branch", row["branch"], key=row["key"], side=row["side"], weak=row["weak"] == "1"
        )
    for row in load_table("units_echelons.tsv"):
        terms[_words(row["word"])] = Term(
            "echelon", row["echelon"], plural=row["plural"] == "1", lower_ok=row["lower_ok"] == "1"
        )
    stop = frozenset(r["word"] for r in load_table("stopwords.tsv") if r.get("language", "en") == "en")
    subunits = frozenset(r["echelon"] for r in load_table("units_echelons.tsv") if r.get("subunit") == "1")
    return NameLexicon(terms, max(len(k) for k in terms), stop, subunits, frozenset(k[0] for k in terms))


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(phrase.lower().replace("’", "'").split())


# --- parsing a unit name ------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(\d{1,4})(?:st|nd|rd|th|-th|-st|-nd|-rd|-й|-я)?$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"[\"“«][^\"”»]+[\"”»]|\d{1,4}(?:st|nd|rd|th|-th|-st|-nd|-rd)?\b|[A-Za-z][A-Za-z'’-]*")


@dataclass(frozen=True)
class ParsedName:
    """A unit name taken apart: what identifies the unit, and what only describes it."""

    number: int | None = None
    echelon: str | None = None
    plural: bool = False
    branch: str | None = None  # as worded ("mechanized", "motor rifle")
    branch_key: str | None = None  # aliases merged ("mech")
    side_hint: str | None = None  # side the wording implies ("Motor Rifle" -> RU, "Ukrainian" -> UA)
    proper: tuple[str, ...] = ()  # names and honorific titles ("Kantemirovskaya", "Vostok")

    def key(self) -> str:
        """Structural key: '247 airborne regiment', '3 brigade' (no branch written)."""
        parts = [str(self.number) if self.number is not None else "", self.branch_key or "", self.echelon or ""]
        return " ".join(p for p in parts if p)


@dataclass
class NameBuilder:
    """Accumulates terms while a name is read left to right."""

    echelon: str | None = None
    plural: bool = False
    branch: str | None = None
    branch_key: str | None = None
    weak_branch: Term | None = None
    side: str | None = None
    proper: list[str] = field(default_factory=list)

    def add(self, term: Term | None, word: str) -> None:
        if term is None:
            self.proper.append(word.strip("\"“”«»"))
        elif term.kind == "echelon":
            if self.echelon is not None and self.echelon != term.value:
                # "Army Corps", "Tank Army": an earlier echelon word only qualified the last one
                self.proper.append(self.echelon.title())
            self.echelon, self.plural = term.value, term.plural
        elif term.kind == "branch":
            if term.weak:
                self.weak_branch = self.weak_branch or term
            else:
                self.branch, self.branch_key = term.value, term.key
            self.side = self.side or (term.side or None)
        elif term.kind == "side":
            self.side = self.side or term.value

    def parsed(self, number: int | None) -> ParsedName:
        branch, key = self.branch, self.branch_key
        if branch is None and self.weak_branch is not None:
            branch, key = self.weak_branch.value, self.weak_branch.key
        return ParsedName(number, self.echelon, self.plural, branch, key, self.side, tuple(self.proper))


def match_term(words: list[str], i: int, lexicon: NameLexicon | None = None) -> tuple[int, Term] | None:
    """The longest lexicon phrase starting at words[i] (lower-cased), as (length, term)."""
    lexicon = lexicon or name_lexicon()
    for n in range(min(lexicon.longest, len(words) - i), 0, -1):
        term = lexicon.terms.get(tuple(w.lower().replace("’", "'") for w in words[i : i + n]))
        if term is not None:
            return n, term
    return None


def parse_unit_name(name: str) -> ParsedName:
    """Parse a whole unit name (registry entries, user queries). Unknown words are kept as proper names.

    >>> parse_unit_name("247th Guards Airborne Regiment").key()
    '247 airborne regiment'
    """
    lexicon = name_lexicon()
    base = re.sub(r"\([^)]*\)", " ", name).split("/")[0]  # "(Mountain)", "/'Kupol' Tactical Group"
    tokens = _NAME_TOKEN.findall(base)
    number = None
    if tokens and _ORDINAL.match(tokens[0]):
        number = int(_ORDINAL.match(tokens[0]).group(1))
        tokens = tokens[1:]
    builder = NameBuilder()
    i = 0
    while i < len(tokens):
        hit = match_term(tokens, i, lexicon)
        if hit is None:
            if tokens[i].lower() not in lexicon.stopwords:
                builder.add(None, tokens[i])
            i += 1
            continue
        n, term = hit
        builder.add(term, " ".join(tokens[i : i + n]))
        i += n
    return builder.parsed(number)


# --- registry entries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitEntry:
    """One known unit or force."""

    registry_id: str
    name: str  # canonical name
    echelon: str | None
    branch: str | None
    side: str | None
    garrison: str | None = None
    parent: str | None = None
    unit_number: str | None = None
    kind: str = "formation"  # formation|force|organisation|regional|reference|installation
    force: str | None = None  # units_forces.tsv key for side-qualified force phrases
    aliases: tuple[str, ...] = ()
    number: int | None = None
    branch_key: str | None = None
    lat: float | None = None
    lon: float | None = None
    source: str = "curated"  # gfsis|curated|gfsis+curated
    source_name: str | None = None  # the GFSIS title as written there ("30th Mechanized Brigade")

    def to_dict(self) -> dict:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


_MECHANIZED = re.compile(r"\bMechanized\b")


def _gfsis_entry(row: dict[str, str]) -> UnitEntry:
    parsed = parse_unit_name(row["name"])
    branch = parsed.branch
    if parsed.branch_key == "mech":
        branch = "motor rifle"  # GFSIS writes "Mechanized" for Russian motor rifle units
    kind = row["category"] if row["category"] == "installation" else "formation"
    name = row["name"]
    if parsed.branch_key == "mech" and row["category"] != "installation":
        name = _MECHANIZED.sub("Motor Rifle", name)  # the English name of a Russian formation
    return UnitEntry(
        registry_id=row["registry_id"],
        name=name,
        echelon=parsed.echelon,
        branch=branch,
        side="RU",
        garrison=row["garrison"] or None,
        parent=row["parent"] or None,
        unit_number=row["unit_number"] or None,
        kind=kind,
        number=parsed.number,
        branch_key=parsed.branch_key,
        lat=_float(row["lat"]),
        lon=_float(row["lon"]),
        source="gfsis",
        source_name=row["name"],
    )


def _curated_entry(row: dict[str, str]) -> UnitEntry:
    parsed = parse_unit_name(row["name"])
    side = row["side"] or None
    rid = row["registry_id"] or f"{(side or 'xx').lower()}:{_slug(row['name'])}"
    branch_key = parsed.branch_key
    if branch_key is None and row["branch"]:
        hit = name_lexicon().terms.get(_words(row["branch"]))
        branch_key = hit.key if hit is not None and hit.kind == "branch" else None
    return UnitEntry(
        registry_id=rid,
        name=row["name"],
        echelon=row["echelon"] or parsed.echelon,
        branch=row["branch"] or parsed.branch,
        side=side,
        garrison=row["garrison"] or None,
        parent=row["parent"] or None,
        unit_number=row["unit_number"] or None,
        kind=row["kind"] or "formation",
        force=row["force"] or None,
        aliases=tuple(a.strip() for a in row["aliases"].split("|") if a.strip()),
        number=parsed.number,
        branch_key=branch_key,
        source="curated",
    )


def _merge(base: UnitEntry, extra: UnitEntry) -> UnitEntry:
    """A curated row over a GFSIS row: curated name and filled cells win, GFSIS facts fill the rest."""
    return UnitEntry(
        registry_id=base.registry_id,
        name=extra.name,
        echelon=extra.echelon or base.echelon,
        branch=extra.branch or base.branch,
        side=extra.side or base.side,
        garrison=extra.garrison or base.garrison,
        parent=extra.parent or base.parent,
        unit_number=extra.unit_number or base.unit_number,
        kind=base.kind,
        force=extra.force or base.force,
        aliases=tuple(dict.fromkeys((base.name,) + extra.aliases)),
        source_name=base.source_name,
        number=base.number,
        branch_key=extra.branch_key or base.branch_key,
        lat=base.lat,
        lon=base.lon,
        source="gfsis+curated",
    )


def normalise_alias(text: str) -> str:
    """Lower case, curly quotes straightened, quotes dropped, whitespace folded."""
    text = text.replace("’", "'").replace("“", "").replace("”", "").replace('"', "").replace("«", "").replace("»", "")
    return " ".join(text.lower().split())


class UnitRegistry:
    """Known units, indexed by (number, echelon), by alias, by military unit number and by force."""

    def __init__(self, entries: list[UnitEntry]):
        self.entries: list[UnitEntry] = entries
        self.by_id: dict[str, UnitEntry] = {e.registry_id: e for e in entries}
        # (number, echelon) -> [(entry, branch key, branch wording)]: numbered aliases add rows
        self._numbered: dict[tuple[int, str], list[tuple[UnitEntry, str | None, str | None]]] = {}
        self._alias: dict[str, UnitEntry | None] = {}
        self._unit_numbers: dict[str, list[UnitEntry]] = {}
        self._forces: dict[tuple[str, str], UnitEntry] = {}
        for entry in entries:
            self._index(entry)
        # an alias claimed by two different units says nothing: drop it (deterministically)
        self._alias = {k: v for k, v in self._alias.items() if v is not None}

    # -- building the indexes
    def _index(self, entry: UnitEntry) -> None:
        if entry.number is not None and entry.echelon:
            self._numbered.setdefault((entry.number, entry.echelon), []).append(
                (entry, entry.branch_key, entry.branch)
            )
        names = (entry.name,) + entry.aliases + tuple(_gfsis_text_names(entry))
        if entry.source_name and entry.number is None and entry.source_name != entry.name:
            names += (entry.source_name,)  # numbered GFSIS titles are covered by the parsed entry
        for alias in names:
            if alias[:1].isdigit():
                # numbered names are parsed, never looked up as written: GFSIS's "30th Mechanized
                # Brigade" must not shadow the Ukrainian 30th Separate Mechanized Brigade
                if alias != entry.name:
                    self._add_numbered_alias(alias, entry)
                continue
            self._add_alias(normalise_alias(alias), entry)
        if entry.unit_number:
            self._unit_numbers.setdefault(entry.unit_number, []).append(entry)
        if entry.force and entry.side:
            self._forces.setdefault((entry.side, entry.force), entry)

    def _add_numbered_alias(self, alias: str, entry: UnitEntry) -> None:
        """'92nd Mechanized Brigade' as another name of the 92nd Separate Assault Brigade."""
        parsed = parse_unit_name(alias)
        if parsed.number is not None and parsed.echelon:
            self._numbered.setdefault((parsed.number, parsed.echelon), []).append(
                (entry, parsed.branch_key, parsed.branch)
            )

    def _add_alias(self, key: str, entry: UnitEntry) -> None:
        if key not in self._alias:
            self._alias[key] = entry
        elif self._alias[key] is not None and self._alias[key].registry_id != entry.registry_id:
            self._alias[key] = None

    # -- queries
    def lookup(self, name: str, side: str | None = None) -> UnitEntry | None:
        """The registry entry a unit name denotes, or None if unknown or ambiguous.

        Tries the name as an alias first ("Wagner PMC", "Rosgvardia", "Kholodnyi Yar"), then parses
        it ("247th Guards Airborne Regiment" -> 247 / airborne / regiment) and matches by number,
        echelon and branch. ``side`` (ISO alpha-2) narrows ambiguous numbers.
        """
        entry = self._alias.get(normalise_alias(name))
        if entry is not None and (side is None or entry.side == side):
            return entry
        regional = self.regional(name)
        if regional is not None:
            return regional
        return self.resolve(parse_unit_name(name), side)

    def alias(self, text: str) -> UnitEntry | None:
        """Exact alias lookup (normalised), no parsing."""
        return self._alias.get(normalise_alias(text))

    def regional(self, name: str) -> UnitEntry | None:
        """'OMON from Khakassia' -> the OMON entry (regional detachments share the entry)."""
        head = re.split(r"\s+(?:from|of)\s+", normalise_alias(name), maxsplit=1)[0]
        entry = self._alias.get(head)
        return entry if entry is not None and entry.kind == "regional" else None

    def candidates(self, parsed: ParsedName, side: str | None = None) -> list[UnitEntry]:
        """Entries compatible with a parsed name, best first; empty when nothing fits."""
        if parsed.number is None or parsed.echelon is None:
            return []
        if parsed.branch_key is None and parsed.echelon in name_lexicon().subunits:
            return []  # "3rd Battalion" of what? every regiment has one
        pool = [row for row in self._numbered.get((parsed.number, parsed.echelon), []) if row[0].kind != "installation"]
        if parsed.branch_key:
            pool = [row for row in pool if row[1] in (None, parsed.branch_key)]
        want_side = side or parsed.side_hint
        if want_side:
            pool = [row for row in pool if row[0].side == want_side]
        if len({row[0].registry_id for row in pool}) > 1 and parsed.branch_key:
            # an entry whose branch is written beats one that has none
            pool = [row for row in pool if row[1] == parsed.branch_key] or pool
        if len({row[0].registry_id for row in pool}) > 1 and parsed.branch:
            # the wording itself: "Mechanized" names a Ukrainian brigade before a GFSIS motor rifle one
            pool = [row for row in pool if row[2] == parsed.branch] or pool
        if len({row[0].registry_id for row in pool}) > 1 and parsed.proper:
            # a nickname written in the name: "12th Azov Brigade", "93rd Kholodnyi Yar Brigade"
            pool = [row for row in pool if _names_mention(row[0], parsed.proper)] or pool
        return _unique([row[0] for row in pool])

    def resolve(self, parsed: ParsedName, side: str | None = None) -> UnitEntry | None:
        pool = self.candidates(parsed, side)
        return pool[0] if len(pool) == 1 else None

    def by_number(self, number: str) -> UnitEntry | None:
        """The unit with this 5-digit military unit number; None if unknown or shared by several."""
        found = self.all_by_number(number)
        formations = [e for e in found if e.kind != "installation"] or found
        return formations[0] if len(formations) == 1 else None

    def all_by_number(self, number: str) -> list[UnitEntry]:
        return _unique(self._unit_numbers.get(str(number).strip(), []))

    def force(self, side: str, key: str) -> UnitEntry | None:
        """A service-level force: force('RU', 'airborne') -> Russian Airborne Forces (VDV)."""
        return self._forces.get((side, key))

    def text_aliases(self) -> list[tuple[str, UnitEntry]]:
        """Names matched as written in text (numbered names are parsed instead): curated aliases,
        distinctive GFSIS names ("Black Sea Fleet") and GFSIS nicknames ("Sparta Battalion")."""
        out: list[tuple[str, UnitEntry]] = []
        for entry in self.entries:
            if entry.kind in ("reference", "installation"):
                continue
            names = list(entry.aliases) + _gfsis_text_names(entry)
            if entry.source == "curated" and entry.number is None:
                names.insert(0, entry.name)
            for alias in names:
                if not alias[:1].isdigit() and self._alias.get(normalise_alias(alias)) is entry:
                    out.append((alias, entry))
        return out

    def __len__(self) -> int:
        return len(self.entries)


_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")


def _gfsis_text_names(entry: UnitEntry) -> list[str]:
    """GFSIS names worth matching as written: fleets and districts ("Black Sea Fleet"), and nicknames
    of Donbas units ('"Sparta" Separate Recon Battalion' -> "Sparta Battalion")."""
    if not entry.source.startswith("gfsis"):
        return []
    raw = entry.source_name or entry.name
    out = []
    if entry.number is None and entry.echelon in ("fleet", "flotilla", "district") and parse_unit_name(raw).proper:
        out.append(raw)
    for nickname in _QUOTED.findall(raw)[:1]:
        if entry.echelon in ("battalion", "regiment", "brigade", "centre"):
            out.append(f"{nickname} {entry.echelon.title()}")
    return out


def _names_mention(entry: UnitEntry, words: tuple[str, ...]) -> bool:
    names = " ".join(normalise_alias(n) for n in (entry.name,) + entry.aliases).split()
    return any(w.lower() in names for w in words)


def _unique(entries: list[UnitEntry]) -> list[UnitEntry]:
    """Distinct registry ids, first occurrence kept."""
    seen: dict[str, UnitEntry] = {}
    for e in entries:
        seen.setdefault(e.registry_id, e)
    return list(seen.values())


def build_registry(gfsis_rows: list[dict[str, str]], curated_rows: list[dict[str, str]]) -> UnitRegistry:
    """GFSIS rows first, curated rows merged in where they name the same Russian formation."""
    entries = [_gfsis_entry(r) for r in gfsis_rows]
    index: dict[tuple[int, str], list[int]] = {}
    for i, e in enumerate(entries):
        if e.number is not None and e.echelon and e.kind != "installation":
            index.setdefault((e.number, e.echelon), []).append(i)
    for row in curated_rows:
        extra = _curated_entry(row)
        target = _merge_target(entries, index, extra)
        if target is None:
            entries.append(extra)
        else:
            entries[target] = _merge(entries[target], extra)
    return UnitRegistry(entries)


def _merge_target(entries: list[UnitEntry], index: dict, extra: UnitEntry) -> int | None:
    """The GFSIS row a curated Russian row names: same number and echelon, compatible branch, unique."""
    if extra.side != "RU" or extra.number is None or not extra.echelon:
        return None
    hits = [
        i
        for i in index.get((extra.number, extra.echelon), [])
        if entries[i].branch_key is None or extra.branch_key is None or entries[i].branch_key == extra.branch_key
    ]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def registry() -> UnitRegistry:
    """The registry, built once per process from the two data files."""
    return build_registry(read_table("sitrep.gazetteer", "data/units-gfsis.tsv"),
                          read_table("sitrep.gazetteer", "data/units-curated.tsv"))


def canonical_unit_key(name: str) -> str:
    """A key that is equal for two names of the same unit.

    The registry id when the name resolves ("Wagner PMC" and "Wagner Group" -> 'ru:wagner-group';
    "247th Guards Airborne Regiment" and "247th Air Assault Regiment" -> the GFSIS id); a regional
    detachment adds its region ('ru:omon/khakassia'); otherwise the structural key of the parsed
    name ('3 assault brigade') or, for names without a number, the normalised name.
    """
    reg = registry()
    regional = reg.regional(name)
    if regional is not None:
        region = re.split(r"\s+(?:from|of)\s+", normalise_alias(name), maxsplit=1)
        return regional.registry_id + ("/" + _slug(region[1]) if len(region) > 1 else "")
    entry = reg.lookup(name)
    if entry is not None:
        return entry.registry_id
    parsed = parse_unit_name(name)
    if parsed.number is not None and parsed.echelon:
        return parsed.key()
    return normalise_alias(name)
