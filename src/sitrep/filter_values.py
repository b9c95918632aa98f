"""What a filter value may be, and the nearest valid values to one that is none of them.

`sitrep events --type Battle` or `--side Ukraine` used to print an empty table, as if nothing had
happened. ``unknown_values`` names each value that matches nothing sitrep knows (an ACLED type or
sub-event type, a claim measure, a country, a certainty) with the closest valid values (rapidfuzz), so
the command line and the web can say "did you mean Battles?" instead of showing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sitrep.lexicons import load_table
from sitrep.model import CERTAINTIES

SUGGESTIONS = 3
# rapidfuzz WRatio, 0-100: a suggestion scores at least this, and not far below the best one ("Battle"
# is 92 from "Battles" and 57 from "Non-state actor overtakes territory": only the first is meant)
_SCORE_CUTOFF = 70
_SCORE_SPREAD = 15
# With no near value, a short list of valid values is given whole instead (certainties, measures).
_LIST_ALL_UP_TO = 10


@dataclass(frozen=True)
class UnknownValue:
    option: str  # the filter's name: type, side, country, certainty
    value: str
    suggestions: tuple[str, ...]  # the nearest valid values, or all of them (``near`` False)
    near: bool = True

    def message(self) -> str:
        flag = "--" + self.option.replace("_", "-")
        hint = ""
        if self.suggestions:
            quoted = [repr(s) for s in self.suggestions]
            listed = ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]
            hint = f"; did you mean {listed}?" if self.near else f"; expected one of {', '.join(quoted)}"
        return f"warning: {flag} {self.value!r} matches no known value{hint}"


@lru_cache(maxsize=1)
def acled_types() -> tuple[str, ...]:
    rows = load_table("acled_event_types.tsv")
    return tuple(dict.fromkeys([r["event_type"] for r in rows] + [r["sub_event_type"] for r in rows]))


@lru_cache(maxsize=1)
def claim_measures() -> tuple[str, ...]:
    measures: list[str] = []
    for row in load_table("claim_measures.tsv"):
        measures += [m.strip() for m in row["measure"].split(",")]
    return tuple(dict.fromkeys(measures))


def country_code(value: str | None) -> str | None:
    """The ISO alpha-2 code of a country given by name, ISO2 or ISO3 (any case); None if it is none."""
    if not value:
        return None
    from sitrep.gazetteer.countries import find_country

    found = find_country(value.strip())
    return found.iso2 if found else None


def _country_choices(value: str) -> list[str]:
    """Country names; codes too when the value looks like one (a two-letter code is "near" every other)."""
    from sitrep.gazetteer.countries import countries, country_keys

    if len(value.strip()) <= 3:
        return sorted(countries()) + sorted(c.iso3 for c in countries().values() if c.iso3)
    return country_keys()


def nearest(value: str, choices, limit: int = SUGGESTIONS) -> tuple[str, ...]:
    """The valid values nearest to ``value`` (none when nothing is near)."""
    from rapidfuzz import fuzz, process, utils

    found = process.extract(value, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
                            limit=limit, score_cutoff=_SCORE_CUTOFF)
    if not found:
        return ()
    best = found[0][1]
    return tuple(choice for choice, score, _index in found if score >= best - _SCORE_SPREAD)


def _unknown(option: str, value: str, choices) -> UnknownValue:
    near = nearest(value, choices)
    if not near and len(choices) <= _LIST_ALL_UP_TO:
        return UnknownValue(option, value, tuple(choices), near=False)
    return UnknownValue(option, value, near)


def unknown_values(kind: str, filters) -> list[UnknownValue]:
    """The values of ``filters`` (a query.Filters for listing ``kind``) that match nothing known."""
    out = []
    if filters.type:
        choices = claim_measures() if kind == "claims" else acled_types() if kind in ("events", "export") else ()
        if choices and filters.type.strip().lower() not in {c.lower() for c in choices}:
            out.append(_unknown("type", filters.type, choices))
    for option in ("side", "country"):
        value = getattr(filters, option, None)
        if value and country_code(value) is None:
            out.append(_unknown(option, value, _country_choices(value)))
    if filters.certainty and filters.certainty.strip().lower() not in CERTAINTIES:
        out.append(_unknown("certainty", filters.certainty, CERTAINTIES))
    return out
