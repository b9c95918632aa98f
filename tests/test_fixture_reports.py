"""Accuracy on our own annotated reports (tests/fixtures/reports/*.expected.json).

Each fixture lists what a careful analyst takes from a realistic report. This scores the extractor
field by field over all of them and asserts floors: measured figures, raised as the extractor
improves, never lowered. Run `python tests/test_fixture_reports.py` to print the table.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures" / "reports"

# share of expected facts found with the field right: the figures measured on the fixtures (the
# extractor is deterministic, so there is no noise to allow for)
FLOORS = {
    "places.found": 1.00,
    "places.country": 1.00,
    "units.found": 1.00,
    "units.side": 1.00,
    "people.found": 1.00,
    "people.status": 1.00,
    "claims.found": 0.90,
    "claims.count": 0.90,
    "claims.measure": 0.90,
    "claims.certainty": 0.90,
    "events.found": 0.81,
    "events.sub_event_type": 0.81,
}


def fold(s) -> str:
    return " ".join(str(s or "").lower().replace("’", "'").split())


def quote_in(text: str, spans, quote: str) -> bool:
    q = fold(quote)
    return any(q in fold(text[s.start : s.end]) or fold(text[s.start : s.end]) in q for s in spans)


def score_document(text: str, expected: dict, x) -> dict[str, list[bool]]:
    from sitrep.resolve.names import name_key

    out: dict[str, list[bool]] = defaultdict(list)
    for place in expected.get("places", []):
        hit = next((p for p in x.places if name_key(p.name) == name_key(place["name"]) or quote_in(text, p.evidence, place["quote"])), None)
        out["places.found"].append(hit is not None)
        out["places.country"].append(hit is not None and hit.country == place["country"])
    for unit in expected.get("units", []):
        hit = next((u for u in x.units if quote_in(text, u.evidence, unit["quote"])), None)
        out["units.found"].append(hit is not None)
        out["units.side"].append(hit is not None and hit.side == unit["side"])
    for person in expected.get("people", []):
        surname = fold(person["name"]).split()[-1]
        hit = next((p for p in x.people if fold(p.name).split()[-1:] == [surname]), None)
        out["people.found"].append(hit is not None)
        out["people.status"].append(hit is not None and hit.status == person.get("status"))
    for claim in expected.get("claims", []):
        # a clause may hold several claims ("killed three ... and detained five"): the one counting the same thing
        candidates = [c for c in x.claims if c.evidence and quote_in(text, [c.evidence], claim["quote"])]
        hit = next((c for c in candidates if set(c.measure) == set(claim["measure"])), candidates[0] if candidates else None)
        out["claims.found"].append(hit is not None)
        count = claim.get("count")
        same_count = hit is not None and (
            (count is None and hit.count is None)
            or (count is not None and hit.count is not None and all(getattr(hit.count, k) == count.get(k) for k in ("best", "low", "high") if count.get(k) is not None))
        )
        out["claims.count"].append(same_count)
        out["claims.measure"].append(hit is not None and set(hit.measure) == set(claim["measure"]))
        out["claims.certainty"].append(hit is not None and hit.certainty == claim.get("certainty"))
    for event in expected.get("events", []):
        hit = next((e for e in x.events if quote_in(text, e.evidence, event["quote"]) and e.event_type == event["event_type"]), None)
        if hit is None:  # the event's words may be elsewhere in its sentence: match by type and quote's sentence
            hit = next((e for e in x.events if e.event_type == event["event_type"] and any(fold(event["quote"]) in fold(text[max(0, s.start - 200) : s.end + 200]) for s in e.evidence)), None)
        out["events.found"].append(hit is not None)
        out["events.sub_event_type"].append(hit is not None and hit.sub_event_type == event["sub_event_type"])
    return out


def score_all() -> dict[str, tuple[float, int]]:
    from sitrep import extract

    totals: dict[str, list[bool]] = defaultdict(list)
    for path in sorted(FIXTURES.glob("*.expected.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = path.with_name(path.name.replace(".expected.json", ".txt")).read_text(encoding="utf-8")
        x = extract(text, published=expected.get("document", {}).get("published"))
        for field, results in score_document(text, expected, x).items():
            totals[field].extend(results)
    return {field: (sum(r) / len(r), len(r)) for field, r in totals.items() if r}


@pytest.fixture(scope="module")
def scores():
    return score_all()


@pytest.mark.parametrize("field", sorted(FLOORS))
def test_fixture_accuracy_floor(scores, field):
    value, n = scores[field]
    assert value >= FLOORS[field], f"{field}: {value:.2f} over {n} facts, floor {FLOORS[field]}"


if __name__ == "__main__":
    for field, (value, n) in sorted(score_all().items()):
        print(f"{field:24s} {value:.2f}  (n={n})")
