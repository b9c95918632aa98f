"""Offsets survive any Unicode: a character whose lower case has another length ("İ" lowers to two code
points) must not shift what the lexicon scans find, nor remove anything after it."""

from __future__ import annotations

import sitrep
from sitrep.extract.context import Context
from sitrep.text import lower_keep_length

REPORT = (
    "Regional officials said on Tuesday that Russian shelling killed four civilians and wounded nine "
    "others in Kherson.\n\n"
    "The General Staff claimed that 120 enemy soldiers were killed in fighting near Bakhmut, a figure "
    "that could not be verified."
)


def facts(x: sitrep.Extraction, shift: int = 0) -> dict:
    """What was found, with every offset moved back by ``shift``."""
    d = x.to_dict()

    def unshift(value):
        if isinstance(value, dict):
            return {k: (v - shift if k in ("start", "end") and isinstance(v, int) else unshift(v)) for k, v in value.items()}
        if isinstance(value, list):
            return [unshift(v) for v in value]
        return value

    return {k: unshift(d[k]) for k in ("claims", "events", "people", "units", "places")}


def test_lowering_keeps_length_and_lowers():
    for text in ("İdlib", "İİİ x", "ΣΟΦΟΣ", "ǅemal", "Straße", "plain ascii", "", "\u0130" * 5):
        low = lower_keep_length(text)
        assert len(low) == len(text)
        assert low == text.lower() or "\u0130" in text
    assert lower_keep_length("İzmir İdlib") == "izmir idlib"


def test_context_lowered_is_as_long_as_the_text():
    ctx = Context.from_text("İ\n" + REPORT)
    assert len(ctx.lowered) == len(ctx.text)
    assert ctx.lowered.endswith(REPORT.lower())


def test_a_dotted_capital_i_before_a_report_changes_nothing_but_offsets():
    base = sitrep.extract(REPORT, published="2023-05-02")
    assert base.claims and base.events  # the report says something
    for prefix in ("İ\n\n", "İİİİİİİİ\n\n", "From İzmir.\n\n", "İlham Əliyev visited İdlib on business.\n\n"):
        shifted = sitrep.extract(prefix + REPORT, published="2023-05-02")
        assert facts(shifted, len(prefix))["claims"] == facts(base)["claims"], prefix
        assert facts(shifted, len(prefix))["events"] == facts(base)["events"], prefix


def test_a_dotted_capital_i_inside_a_report_keeps_later_facts():
    base = sitrep.extract(REPORT, published="2023-05-02")
    text = REPORT.replace("\n\n", " İ\n\n", 1)
    shifted = sitrep.extract(text, published="2023-05-02")
    assert len(shifted.claims) == len(base.claims)
    for claim in shifted.claims:
        s, e = claim.evidence.start, claim.evidence.end
        assert text[s:e].strip()
