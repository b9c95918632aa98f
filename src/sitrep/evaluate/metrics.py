"""Plain metrics: accuracy, precision / recall / F1, absolute and distance errors.

Nothing here knows about sitrep or any gold format; the scorers feed these with numbers and sets.
Undefined ratios (nothing to divide by) are ``None``, never a made-up 0 or 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def precision(tp: int, fp: int) -> float | None:
    return ratio(tp, tp + fp)


def recall(tp: int, fn: int) -> float | None:
    return ratio(tp, tp + fn)


def f1(p: float | None, r: float | None) -> float | None:
    if p is None or r is None:
        return None
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Tally:
    """Right answers out of all the answers scored."""

    correct: int = 0
    total: int = 0

    def add(self, ok: bool) -> bool:
        self.total += 1
        self.correct += bool(ok)
        return ok

    def merge(self, other: "Tally") -> None:
        self.correct += other.correct
        self.total += other.total

    @property
    def accuracy(self) -> float | None:
        return ratio(self.correct, self.total)


@dataclass
class PRF:
    """True/false positives and false negatives, accumulated item by item or set by set."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        """One binary decision (e.g. 'this document has label X')."""
        self.tp += gold and predicted
        self.fp += predicted and not gold
        self.fn += gold and not predicted

    def merge(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def add_sets(self, gold: Iterable, predicted: Iterable) -> None:
        """Micro-averaged comparison of two sets of items."""
        gold, predicted = set(gold), set(predicted)
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    @property
    def precision(self) -> float | None:
        return precision(self.tp, self.fp)

    @property
    def recall(self) -> float | None:
        return recall(self.tp, self.fn)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)

    @property
    def support(self) -> int:
        """How many gold items there were."""
        return self.tp + self.fn


@dataclass
class TwoSided:
    """Recall over the gold items found and precision over the predicted items right, where the two
    sides are judged by different rules (a gold name is found one way, a predicted person is right
    another), so there is no single true-positive count."""

    found: int = 0
    gold: int = 0
    right: int = 0
    predicted: int = 0

    def add(self, found: int, gold: int, right: int, predicted: int) -> None:
        self.found += found
        self.gold += gold
        self.right += right
        self.predicted += predicted

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float | None:
        return ratio(self.right, self.predicted)

    @property
    def f1(self) -> float | None:
        return f1(self.precision, self.recall)


def within(value: float | None, low: float | None, high: float | None) -> bool:
    """``low <= value <= high``; a missing bound is open, a missing value is never within."""
    if value is None:
        return False
    return (low is None or low <= value) and (high is None or value <= high)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def mean_abs_error(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of |gold - predicted| over (gold, predicted) pairs."""
    errors = [abs(g - p) for g, p in pairs]
    return mean(errors)


def share_within(values: Sequence[float], limit: float) -> float | None:
    """The share of values <= limit (e.g. distance errors within 25 km)."""
    return ratio(sum(1 for v in values if v <= limit), len(values))
