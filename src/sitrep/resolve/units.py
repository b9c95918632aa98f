"""The unit register: one key per unit across reports, whatever the wording.

The units stage already resolves most mentions to the registry (GFSIS + curated): "247th Guards
Airborne Regiment" and "247th Air Assault Regiment" carry one registry id. A mention the registry does
not know gets the structural key of its name ("3 assault brigade") qualified by its side, so an
unknown Ukrainian 3rd Assault Brigade and an unknown Russian one stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.gazetteer.units import canonical_unit_key


def unit_key(name: str, registry_id: str | None = None, canonical: str | None = None, side: str | None = None) -> str:
    """The register key of a unit mention."""
    if registry_id:
        return registry_id
    key = canonical_unit_key(canonical or name)
    if ":" in key:  # a registry id (aliases, regional detachments)
        return key
    return f"{(side or 'xx').lower()}~{key}"


@dataclass
class UnitRecord:
    """A unit's register row, grown mention by mention."""

    unit_key: str
    name: str
    registry_id: str | None = None
    variants: list[str] | None = None
    side: str | None = None
    echelon: str | None = None
    branch: str | None = None
    parent: str | None = None
    garrison: str | None = None
    unit_number: str | None = None
    first_reported: str | None = None
    last_reported: str | None = None
    mentions: int = 0

    @classmethod
    def from_mention(cls, key: str, row: dict[str, Any]) -> "UnitRecord":
        rec = cls(key, row.get("canonical") or row["name"], row.get("registry_id"), [])
        return rec

    def add(self, row: dict[str, Any], published: str | None) -> None:
        if row["name"] not in self.variants:
            self.variants.append(row["name"])
        for f in ("side", "echelon", "branch", "parent", "garrison", "unit_number"):
            if getattr(self, f) is None and row.get(f):
                setattr(self, f, row[f])
        if published:
            self.first_reported = min(filter(None, (self.first_reported, published)))
            self.last_reported = max(filter(None, (self.last_reported, published)))
        self.mentions += 1

    def row(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if not k.startswith("_")}
        out["variants"] = "; ".join(self.variants or []) or None
        return out
