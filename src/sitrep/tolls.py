"""Casualty tolls: the one place that says what a count's single figure is, what a death toll is, and
what an event's fatalities and their range are. Extraction, the store, the evaluators, the resolver,
the queries, the terminal summary, the web pages and the exports all ask here.

The rules:

- **A count's figure** is its best estimate, else its low end, else its high end (``FIGURE_ORDER``).
  A vague word ("dozens", "several") gives none of the three, so it has no figure: the bounds it
  carries by convention are kept apart (``usual_low``/``usual_high``) and read only by ``least_of``.
  "Between 10 and 15 killed" is 10, "at least 40" is 40, "up to 300" is 300. The low end comes before
  the high end because a figure is what a report commits to: the floor of a range is said, the ceiling
  is the most it allows. The dev-set scoring reads a claim's figure the same way, so what sitrep shows
  and what it is measured on agree.
- **A death claim** counts deaths only: its measures are exactly ``killed``. "Killed or wounded",
  "casualties" and "losses" mix the dead with others and are no death toll — except at zero: "no
  casualties", "no one was killed or injured" say that nobody died, so a mixed claim whose figure is 0
  is a death toll of 0.
- **An event's fatalities** are the most conservative toll among the statements its death claims
  make (ACLED codes the lowest credible figure); 0 is a figure ("no one was killed" gives 0, not
  "unknown"). None when no death claim gives a figure. A claim of a part of the dead ("killing 12
  civilians, including five women": ``part_of``) is no figure of the event's beside its whole: it counts
  some of them. Without its whole it is the event's toll: a toll told settlement by settlement ("killed 5
  in the region: 2 in Bakhmut, 3 in Siversk") gives each settlement's event its part, and the whole to none
  of them (``extract/events.py`` ties each part to the event at its settlement).
  A claim of others besides those counted ("arrested a leader ... also detained two suspects":
  ``adds_to``) adds its figure.
- **A statement's toll sums its separate groups; statements compete.** The death claims of one clause
  ("four militants and one serviceman died", "nine civilians killed plus the two bombers"), or of
  clauses side by side that one named claimant makes ("the army said 14 assailants were killed; 3
  soldiers died"), count different people, so the statement's toll is their sum. Claims of other
  claimants, or told apart, are competing figures of the same dead, of which the least is taken. (A
  part told beside its whole, "12 civilians, including five women", is no group of its own: see above.)
- **Statements of different people add up** (``_party``): ACLED's fatalities are everyone killed in the
  event, on every side. A statement counting only one party's dead (the dead of a state's forces, of an
  armed group, or civilians: ``lexicons/toll_camps.tsv``; or of one country's side) and a statement
  counting only another's count different people: "the army said 47 militants were killed"; "an elder said
  at least seven soldiers died" is 54. Each party's statements compete among themselves (the least), and
  the parties' tolls add up. Two parties differ when both claims' sides are known and differ, or neither
  side is known and the camps differ (a side on one claim only says nothing: belligerents call each
  other's soldiers "militants"). A statement that counts no one party ("five people", "four militants and
  one serviceman") is a toll of everyone, and competes with the parties' sum.
- **Nobody hurt is nobody dead**: where no claim counts any dead, "no one was injured" (a figure of 0
  wounded) gives 0 fatalities, as "no casualties" does.
- **A report that counts no dead says so of all its events**: where a report says nobody died ("no
  casualties", "no deaths were reported") and no claim of it counts any dead (no figure above 0, no
  "dozens killed"), every event it tells had 0 fatalities, not only the one beside which the words
  stand (``nobody_died``): a regional post listing strikes on five villages ends "there are no
  casualties" once, for all of them, of any kind (a looting, a downed drone: ACLED codes 0). (A claim
  that tells of deaths with a vague word or no number keeps it from holding: it says someone died.)
- **An event's fatality range** is the lowest and highest number its statements allow (each claim's
  low, best and high, summed over a statement's groups), so the fatalities always lie within it, and
  the range is empty exactly when the fatalities are.

Where a mixed figure goes: a "killed or wounded" (or "casualties", "losses") figure stays a claim of
the event, with its measures and its count, shown as such in every listing of claims; it sets neither
the event's fatalities nor its fatality range, since neither can say how many of it are dead.

Nothing here imports the rest of sitrep (``lexicons/toll_camps.tsv`` is read as a file), nor the database library (the SQL helpers take columns and
return expressions built from them), so every layer may use it, the model included: ``Count.figure``
is ``figure_of`` below.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol

# the claim measure (lexicons/claim_measures.tsv) that counts the dead
DEATH_MEASURE = "killed"
WOUNDED_MEASURE = "wounded"
# a count's single figure: the first of these that is given (see the module docstring for why)
FIGURE_ORDER = ("best", "low", "high")


class Figures(Protocol):
    """A count: the model's ``Count``."""

    best: int | None
    low: int | None
    high: int | None
    qualifier: str
    usual_low: int | None  # a vague word's conventional bounds ("several": 3 to 9), not a figure
    usual_high: int | None


class Counted(Protocol):
    """A claim: the model's ``Claim``."""

    measure: list[str]
    count: Any  # Figures | None


def figure(best: int | None, low: int | None, high: int | None) -> int | None:
    """The single figure of a count given as its three parts: best, else low, else high."""
    return next((v for v in in_figure_order(best, low, high) if v is not None), None)


def figure_of(count: Figures | None) -> int | None:
    """The single figure of a count, None when there is no count or it gives no number."""
    return None if count is None else figure(count.best, count.low, count.high)


def row_figure(row: Mapping[str, Any]) -> int | None:
    """The single figure of a stored claim (a row with ``count_best``, ``count_low``, ``count_high``)."""
    return figure(row.get("count_best"), row.get("count_low"), row.get("count_high"))


def in_figure_order(best: Any, low: Any, high: Any) -> tuple[Any, Any, Any]:
    """The three parts in the order the figure takes them: for SQL, ``COALESCE(*in_figure_order(...))``
    over a stored claim's columns is its figure."""
    parts = {"best": best, "low": low, "high": high}
    return tuple(parts[name] for name in FIGURE_ORDER)  # type: ignore[return-value]


def least_of(count: Figures | None) -> int | None:
    """The least a count says: the low end of a range or of "at least N" (N + 1 for "more than N"), else its
    figure; for a vague word, which has no figure, the low end of its conventional bounds (how the ISAF and UCDP coders read
    such counts: "several" is at least 3)."""
    if count is None:
        return None
    if count.low is not None and count.qualifier in ("range", "at_least"):
        # "more than 30" is at least 31 (a bound that leaves its figure out)
        return count.low + 1 if count.qualifier == "at_least" and getattr(count, "exclusive", False) else count.low
    figure_ = figure_of(count)
    if figure_ is None and count.qualifier == "vague":
        return getattr(count, "usual_low", None)
    return figure_


def is_death_measure(measures: Sequence[str]) -> bool:
    """Measures that count deaths only: exactly ``killed``."""
    return list(measures) == [DEATH_MEASURE]


def is_death_claim(claim: Counted) -> bool:
    """A claim whose figure is a death toll ("12 killed"); "12 killed or wounded" is not one, but "no
    casualties" (killed or wounded: 0) is a toll of 0."""
    return is_death_measure(claim.measure) or (DEATH_MEASURE in claim.measure and figure_of(claim.count) == 0)


def death_claim_sql(stored_measure: Any, best: Any, low: Any, high: Any) -> Any:
    """The same test on a stored claim, whose measures are kept joined ("killed; wounded": a lone measure
    is stored as itself), given its count columns."""
    first, second, third = in_figure_order(best, low, high)
    figure_is_zero = (first == 0) | (first.is_(None) & (second == 0)) | (first.is_(None) & second.is_(None) & (third == 0))
    return (stored_measure == DEATH_MEASURE) | (stored_measure.like(f"%{DEATH_MEASURE}%") & figure_is_zero)


def tells_of_deaths(claim: Counted) -> bool:
    """A claim that counts the dead, alone or among others ("killed or wounded"): it says whose people
    were hit, though its figure may be no death toll."""
    return DEATH_MEASURE in claim.measure


def _counted_deaths(claims: Iterable[Counted]) -> list[Counted]:
    """The death claims that give a figure. A claim of none beside one that counts dead is left out: the
    report counts deaths, and its "no one was hurt" told of another moment or place ("four were killed on
    Friday ...; overnight no one was hurt there"); zero stands only when no claim counts any dead, and
    then "no one was injured" (a zero of the wounded) is a zero of the dead too."""
    claims = list(claims)
    counted = [c for c in claims if is_death_claim(c) and figure_of(c.count) is not None
               and not _beside_its_whole(c, claims)]  # "including five women" is no toll of the event
    some_dead = [c for c in counted if figure_of(c.count) != 0]
    if some_dead or counted:
        return some_dead or counted
    return [c for c in claims if _nobody_hurt(c)]


def _beside_its_whole(claim: Counted, claims: list[Counted]) -> bool:
    """A part of the dead told with the claim it is a part of, both the event's: it counts some of the whole's
    dead. Without its whole (the whole counts a region, the part the event's own town) it is the event's toll."""
    whole = getattr(claim, "part_of", None)
    return whole is not None and any(getattr(c, "id", None) == whole for c in claims)


def nobody_died(claims: Iterable[Counted]) -> list[Counted]:
    """The report's statements that nobody died ("no casualties", "no one was killed"), when no claim of
    the report counts any dead: then they hold for each of its events. Empty when some claim tells of
    deaths (a figure above 0, a vague word, no number), unless it is denied."""
    claims = list(claims)
    zeros = []
    for claim in claims:
        if not tells_of_deaths(claim) or getattr(claim, "certainty", None) == "denied":
            continue
        said = figure_of(claim.count)
        if said == 0:
            if getattr(claim, "part_of", None) is None:
                zeros.append(claim)
        else:  # a figure above 0, a vague word, or deaths told without a number
            return []
    return zeros


def _nobody_hurt(claim: Counted) -> bool:
    """ "No one was injured", "nobody was hurt": a claim of the wounded whose figure is 0."""
    return WOUNDED_MEASURE in claim.measure and figure_of(claim.count) == 0 and getattr(claim, "part_of", None) is None


# how far apart (characters) the evidence of two claims may end and start to be clauses of one statement:
# "14 assailants killed; 3 soldiers died" (the clause edge and a space)
_STATEMENT_GAP = 3


def _statements(claims: list[Counted]) -> list[list[Counted]]:
    """The claims grouped into statements: runs of claims by the same claimant whose evidence touches (one
    sentence's clauses, side by side), in text order. A claim with no evidence is a statement alone."""
    placed = sorted((c for c in claims if getattr(c, "evidence", None) is not None), key=lambda c: c.evidence.start)
    out: list[list[Counted]] = [[c] for c in claims if getattr(c, "evidence", None) is None]
    for claim in placed:
        last = out[-1][-1] if out and getattr(out[-1][-1], "evidence", None) is not None else None
        if last is not None and _one_statement(last, claim):
            out[-1].append(claim)
        else:
            out.append([claim])
    return out


def _one_statement(earlier: Counted, later: Counted) -> bool:
    """Two claims of one statement: of one clause ("four militants and one serviceman died"), or of
    clauses side by side that one named claimant makes ("the army said 14 attackers were killed; 3
    soldiers died"). Unattributed clauses side by side may be reports of several sources run together."""
    gap = later.evidence.start - earlier.evidence.end
    if gap < 0:
        return True
    return gap <= _STATEMENT_GAP and _claimant_of(earlier) is not None and _claimant_of(earlier) == _claimant_of(later)


def _claimant_of(claim: Counted) -> str | None:
    claimant = getattr(claim, "claimant", None)
    return getattr(claimant, "name", None) if claimant is not None else None


def _statement_tolls(counted: list[Counted]) -> list[tuple[int, int, int]]:
    """The competing tolls (low, figure, high) of the counted death claims: each statement's, its groups
    summed, and, where statements count different parties' dead, the sum of the parties' least tolls
    instead of those statements' own (see the module docstring)."""
    by_party: list[tuple[tuple[str | None, str | None], list[tuple[int, int, int]]]] = []
    everyone: list[tuple[int, int, int]] = []
    for statement in _statements(counted):
        numbers = [_numbers(c) for c in statement]
        toll = (sum(min(n) for n in numbers), sum(figure_of(c.count) for c in statement), sum(max(n) for n in numbers))
        parties = {_party(c) for c in statement}
        party = parties.pop() if len(parties) == 1 else None
        if party is None or party == (None, None):
            everyone.append(toll)
            continue
        same = next((tolls_ for known, tolls_ in by_party if not _other_people(known, party)), None)
        if same is None:
            by_party.append((party, [toll]))
        else:
            same.append(toll)
    if len(by_party) < 2:
        return everyone + [toll for _, tolls_ in by_party for toll in tolls_]
    summed = tuple(sum(min(toll[i] for toll in tolls_) if i < 2 else max(toll[i] for toll in tolls_)
                       for _, tolls_ in by_party) for i in range(3))
    return everyone + [summed]  # type: ignore[list-item]


def _party(claim: Counted) -> tuple[str | None, str | None]:
    """Whose dead a claim counts: (the side, ISO 3166 alpha-2, the camp: "state", "armed group" or
    "civilians"), each None when the claim does not say."""
    subject = getattr(claim, "subject", None)
    if subject is None:
        return (None, None)
    camps = {camp for word in (getattr(subject, "text", None) or "").lower().split() if (camp := _camps().get(word.strip(".,;:'\"")))}
    if not camps and getattr(subject, "group", None) == "civilians":
        camps = {"civilians"}
    return (getattr(subject, "side", None), camps.pop() if len(camps) == 1 else None)


def camp_of(claim: Counted) -> str | None:
    """Whose people a claim counts, by the words of its subject (``lexicons/toll_camps.tsv``): "state" (a
    state's soldiers, police, guards), "armed group", "civilians", or None when it does not say."""
    return _party(claim)[1]


def _other_people(one: tuple[str | None, str | None], other: tuple[str | None, str | None]) -> bool:
    """Whether two parties' dead are different people: both sides known and different, or neither side
    known and both camps known and different."""
    (side_a, camp_a), (side_b, camp_b) = one, other
    if side_a is not None and side_b is not None:
        return side_a != side_b
    if side_a is None and side_b is None:
        return camp_a is not None and camp_b is not None and camp_a != camp_b
    return False


@lru_cache(maxsize=1)
def _camps() -> dict[str, str]:
    """``lexicons/toll_camps.tsv`` (word -> camp), read as a file of the package: tolls sits below every
    other module, the lexicon loader included, so it reads its one table itself."""
    text = resources.files("sitrep").joinpath("lexicons", "toll_camps.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return {row[0].strip().lower(): row[1].strip() for row in rows[1:] if len(row) > 1}


def adds_up(claims: Iterable[Counted]) -> tuple[list[Counted], list[Counted]]:
    """The claims split into those that tell the same people again (alternative reports of one number)
    and those of others besides them ("also killed two more": ``adds_to`` one of the claims given), whose
    figures add to the number."""
    claims = list(claims)
    ids = {getattr(c, "id", None) for c in claims}
    more = [c for c in claims if getattr(c, "adds_to", None) in ids]
    return [c for c in claims if not any(c is m for m in more)], more


def event_fatalities(claims: Iterable[Counted]) -> int | None:
    """The event's fatalities from the claims tied to it: the most conservative statement's toll (0 when
    the only figures are zero) plus the figures of others killed besides ("also killed two more"), None
    when no death claim gives a figure."""
    same, more = adds_up(_counted_deaths(claims))
    added = sum(figure_of(c.count) or 0 for c in more)
    figures = [figure for _, figure, _ in _statement_tolls(same)]
    if not figures:
        return added if more else None
    return min(figures) + added


def fatality_range(claims: Iterable[Counted]) -> tuple[int | None, int | None]:
    """The lowest and highest number the event's statements allow (the same claims as
    ``event_fatalities``); (None, None) when none gives one."""
    same, more = adds_up(_counted_deaths(claims))
    tolls_ = _statement_tolls(same)
    low = min((low for low, _, _ in tolls_), default=0)
    high = max((high for _, _, high in tolls_), default=0)
    for claim in more:  # others besides: their least and most add to both ends
        low, high = low + min(_numbers(claim)), high + max(_numbers(claim))
    return (low, high) if tolls_ or more else (None, None)


def _numbers(claim: Counted) -> list[int]:
    return [v for v in (claim.count.low, claim.count.best, claim.count.high) if v is not None]
