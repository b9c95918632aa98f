"""Invariance (metamorphic) tests over real texts: adding what says nothing — a quiet sentence, a lone letter
of any script, whitespace — before or after a report changes no claim, event, person, unit or place; only
the offsets move, by exactly the length of what was put before. tests/invariance_support.py says what the
variants are and why each property holds by construction of sitrep's rules.

In CI: every other text of ../shared/data (the dev set, the ISAF releases, the UCDP headlines), each with
one prefix and one suffix variant taken in turn (so every variant is tried), about a minute. The long run
(`python3 scripts/fuzz_long.py --only invariance`) tries every variant on every text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import invariance_support as inv

REPO = Path(__file__).resolve().parents[1]
CI_STRIDE = 2  # every other text in CI


def _report(failures: list[str]) -> str:
    return f"{len(failures)} invariance failures:\n" + "\n".join(failures[:20])


@pytest.mark.parametrize("source", ["devset", "isaf", "ucdp"])
def test_nothing_added_that_says_nothing_changes_the_facts_of_real_texts(shared, source):
    texts = [t for t in inv.shared_texts(shared) if t[0].startswith(source + ":")][::CI_STRIDE]
    if not texts:
        pytest.skip(f"no {source} texts in {shared}/data")
    checked, failures = inv.run(texts, every=False)
    assert checked >= len(texts), checked  # most texts get two variants; long ones none
    assert not failures, _report(failures)


def test_every_variant_on_the_bundled_examples():
    texts = [(p.name, p.read_text(encoding="utf-8"), None) for p in sorted((REPO / "examples").glob("*.txt"))]
    checked, failures = inv.run(texts, every=True)
    assert checked >= len(texts) * len(inv.variants()) // 2
    assert not failures, _report(failures)


def test_the_variants_say_nothing_by_themselves():
    """Extracted alone, no variant's words give a fact: what they add to a report must be nothing."""
    import sitrep

    for variant in inv.variants():
        x = sitrep.extract(variant.prefix + variant.suffix + "\n\n" + variant.prefix, published="2023-05-02")
        assert not (x.claims or x.events or x.people or x.units or x.places), variant.name


def test_a_variant_that_says_something_is_caught():
    """The check can fail: a prefix naming a town and a death is found out."""
    import sitrep

    text = "The regional governor said Russian shelling killed four civilians in Kherson on Monday."
    loud = inv.Variant("loud", prefix="A drone strike killed two soldiers in Sumy.\n\n")
    base = inv.facts(sitrep.extract(text, published="2023-05-02"))
    assert inv.check(text, "2023-05-02", loud, base) is not None
