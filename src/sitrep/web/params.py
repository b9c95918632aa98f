"""Query parameters of the pages and the API, validated by pydantic before any query runs: dates are
dates, sides are two letters, numbers are bounded, free text is length-limited; an empty form field
means "not given". Anything else is refused with 422."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from sitrep.model import CERTAINTIES, PERSON_STATUSES, SUBJECT_GROUPS
from sitrep.query import Filters
from sitrep.web.timeline import MAX_MEASURES, known_measure_key, measure_order

Text = Annotated[str | None, Field(default=None, max_length=120)]
Side = Annotated[str | None, Field(default=None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2")]
Page = Annotated[int, Field(default=1, ge=1, le=10_000)]
Certainty = Literal[CERTAINTIES]  # type: ignore[valid-type]
Status = Literal[PERSON_STATUSES]  # type: ignore[valid-type]
Group = Literal[SUBJECT_GROUPS]  # type: ignore[valid-type]
Country = Annotated[str | None, Field(default=None, max_length=60,
                                      description="Where: a country's name, ISO 3166-1 alpha-2 or alpha-3 code")]
Admin1 = Annotated[str | None, Field(default=None, max_length=120,
                                     description="Where: a first-order division (\"Donetsk Oblast\", \"Helmand\")")]


def _measure_key(value: str | None) -> str | None:
    if value is None:
        return None
    key = known_measure_key(value)
    if key is None:
        raise ValueError(f"not a measure or comma-separated set of measures ({', '.join(measure_order())})")
    return key


# An exact set of measures: "killed", or "killed,wounded" (a claim of killed or wounded) — never one
# mixed with the other.
_ONE_MEASURE = "(?:" + "|".join(measure_order()) + ")"
Measure = Annotated[str | None, Field(default=None, pattern=rf"^{_ONE_MEASURE}(?:,{_ONE_MEASURE}){{0,{MAX_MEASURES - 1}}}$",
                                      description="One measure, or an exact set of measures joined by commas: "
                                      "killed | wounded | killed,wounded ..."),
                    AfterValidator(_measure_key)]


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_absent(cls, data: Any) -> Any:
        """HTML forms send every field, empty ones as ""."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data

    def filters(self) -> Filters:
        values = {}
        for name in Filters.__dataclass_fields__:
            value = getattr(self, name, None)
            if isinstance(value, date):
                value = value.isoformat()
            if value is not None:
                values[name] = value
        return Filters(**values)

    def query_string(self, **changes: Any) -> dict[str, Any]:
        """The given parameters (for links to other pages of a listing)."""
        values = {k: (v.isoformat() if isinstance(v, date) else v)
                  for k, v in self.model_dump().items() if v not in (None, "")}
        values.update(changes)
        return {k: v for k, v in values.items() if v is not None}


class EventParams(Params):
    since: date | None = Field(None, description="Event date from (inclusive)")
    until: date | None = Field(None, description="Event date up to (inclusive)")
    type: Text = Field(None, description="ACLED event type or sub-event type")
    side: Side = None
    place: Text = Field(None, description="Place or admin1 name, or a GeoNames id")
    country: Country = None
    admin1: Admin1 = None
    claimant: Text = None
    unit: Text = None
    certainty: Certainty | None = None
    min_fatalities: int | None = Field(None, ge=0, le=10_000_000)
    page: Page = 1


class MapParams(Params):
    since: date | None = None
    until: date | None = None
    type: Text = Field(None, description="ACLED event type or sub-event type")
    side: Side = None
    country: Country = None
    admin1: Admin1 = None
    min_fatalities: int | None = Field(None, ge=0, le=10_000_000)


class ClaimParams(Params):
    """The claims page: its timeline (subject side + group, measure, scope, dates) and the listing of
    claims under it (all of these, and the listing's own filters)."""
    since: date | None = Field(None, description="Publication date from")
    until: date | None = None
    side: Side = Field(None, description="Side of the counted people")
    group: Group | None = Field(None, description="Group of the counted people: military, civilians, mixed, unknown")
    measure: Measure = None
    scope: Literal["cumulative", "incident"] | None = Field(None, description="Running totals or single incidents")
    type: Text = Field(None, description="Part of a measure: killed, wounded, captured ...")
    claimant: Text = None
    unit: Text = None
    certainty: Certainty | None = None
    country: Country = None
    admin1: Admin1 = None
    page: Page = 1


class TimelineParams(Params):
    side: Side = Field(None, description="Side of the counted people (RU, UA ...)")
    group: Group | None = Field(None, description="military, civilians, mixed or unknown")
    measure: Measure = "killed"
    scope: Literal["cumulative", "incident", "any"] = "cumulative"
    since: date | None = None
    until: date | None = None


class PeopleParams(Params):
    name: Text = None
    side: Side = None
    status: Status | None = None
    unit: Text = None
    since: date | None = None
    until: date | None = None
    country: Country = Field(None, description="Named in a report that names a place in this country")
    admin1: Admin1 = Field(None, description="Named in a report that names a place in this first-order division")
    page: Page = 1


class UnitParams(Params):
    unit: Text = Field(None, description="Part of the unit's name")
    side: Side = None
    country: Country = Field(None, description="Named in a report that names a place in this country")
    admin1: Admin1 = Field(None, description="Named in a report that names a place in this first-order division")
    page: Page = 1


class SearchParams(Params):
    q: Annotated[str, Field(default="", max_length=200)] = ""
    since: date | None = None
    until: date | None = None
    country: Country = Field(None, description="Reports naming a place in this country")
    admin1: Admin1 = Field(None, description="Reports naming a place in this first-order division")
