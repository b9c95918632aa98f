"""The resolver's thresholds and weights: defaults in data/merge_weights.tsv, overridable per run.

    cfg = ResolveConfig.load()                       # defaults
    cfg = ResolveConfig.load("merge.toml")           # [person] threshold = 3.5 / [event] km = 25
    cfg = cfg.with_values(event={"days": 2})
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from sitrep import datafiles

KINDS = ("person", "event")


def read_data(name: str) -> tuple[str, ...]:
    """A list from resolve/data/: its entries, comments and blank lines dropped."""
    return datafiles.read_lines(__package__, f"data/{name}")


def read_table(name: str) -> tuple[dict[str, str], ...]:
    """A TSV from resolve/data/, one dict a row."""
    return datafiles.read_table(__package__, f"data/{name}")


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
