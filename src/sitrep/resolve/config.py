"""The resolver's thresholds and weights: defaults in data/merge_weights.tsv, overridable per run.

    cfg = ResolveConfig.load()                       # defaults
    cfg = ResolveConfig.load("merge.toml")           # [person] threshold = 3.5 / [event] km = 25
    cfg = cfg.with_values(event={"days": 2})
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

KINDS = ("person", "event")


def read_data(name: str) -> list[str]:
    """A data file's lines, comments and blank lines dropped."""
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def read_table(name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(read_data(name), delimiter="\t"))


@lru_cache(maxsize=1)
def default_weights() -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {k: {} for k in KINDS}
    for row in read_table("merge_weights.tsv"):
        out[row["kind"]][row["name"]] = float(row["value"])
    return out


@dataclass(frozen=True)
class ResolveConfig:
    person: dict[str, float] = field(default_factory=lambda: dict(default_weights()["person"]))
    event: dict[str, float] = field(default_factory=lambda: dict(default_weights()["event"]))

    @classmethod
    def load(cls, path: str | Path | None = None) -> "ResolveConfig":
        cfg = cls()
        if path is None:
            return cfg
        with open(path, "rb") as f:
            data = tomllib.load(f)
        return cfg.with_values(**{k: v for k, v in data.items()})

    def with_values(self, **sections: dict[str, Any]) -> "ResolveConfig":
        """A copy with some values replaced; an unknown section or name is an error, not ignored."""
        person, event = dict(self.person), dict(self.event)
        for kind, values in sections.items():
            if kind not in KINDS:
                raise ValueError(f"unknown section [{kind}] (person or event)")
            target = person if kind == "person" else event
            for name, value in values.items():
                if name not in target:
                    raise ValueError(f"unknown setting {kind}.{name}; known: {', '.join(sorted(target))}")
                target[name] = float(value)
        return ResolveConfig(person, event)
