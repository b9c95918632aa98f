"""Metamorphic properties of the extractor (no tests here): what must not change when a report is changed
in ways that say nothing. Used by tests/test_invariance.py (a sample, in CI) and scripts/fuzz_long.py
(every variant of every text).

A variant adds to a report something that states no fact: a sentence about the weather or the post, a
lone letter of another script, whitespace; before the report (a prefix, then a blank line) or after it (a
blank line, then a suffix). The property: the claims, events, people, units and places found are the
same, every offset moved by exactly the prefix's length.

Why these variants are true by construction of sitrep's rules, and what they avoid:
- A blank line ends a sentence and a paragraph, so the added words share no sentence with the report.
- The added sentences name no place, person, unit, number, date, claimant or fate, and hold no pronoun
  or quotation a later sentence could be read back to.
- The language is decided on the whole text (extract/language.py): an English sentence added to a text
  whose language is undetermined (a headline of names and no function word) is evidence that it is
  English, so sentence variants are tried on English texts only. A lone letter or whitespace must never
  change the decision, and is tried on every text.
- Stages that look across sentences see the report's own words: the dateline is looked for in the first
  600 characters, so prefixed texts are given their publication date (the dateline is then not needed);
  texts longer than limits.PART_CHARS minus the variant are left out, since a prefix moves where the
  parts are cut.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterator

from sitrep import limits

# Sentences that report nothing: no place, person, unit, number, date, claimant or fate.
QUIET_SENTENCES = (
    "The weather stayed mild and the shops opened as usual.",
    "Subscribers can read more stories like this in our newsletter.",
    "This page was updated for clarity.",
)
# Letters whose case rules trip naive code: dotted capital I (lowers to two code points), sharp s
# (upper-cases to two), a titlecase digraph, Greek final sigma, Cyrillic, Arabic, a combining mark.
LETTERS = ("İ", "ß", "ǅ", "ς", "Σ", "Ж", "ї", "ع", "é", "ﬁ", "Å")
WHITESPACE = ("\n", "\n\n\n", " \t ", "\u00a0\n", "\r\n\r\n", "\u2028")


@dataclass(frozen=True)
class Variant:
    name: str
    prefix: str = ""
    suffix: str = ""

    def apply(self, text: str) -> str:
        return self.prefix + text + self.suffix

    @property
    def says_words(self) -> bool:
        """Adds words of English (not a lone letter, not whitespace)."""
        return any(len(w) > 1 for w in (self.prefix + self.suffix).split())


def variants() -> list[Variant]:
    out: list[Variant] = []
    for n, sentence in enumerate(QUIET_SENTENCES):
        out.append(Variant(f"prefix sentence {n + 1}", prefix=sentence + "\n\n"))
        out.append(Variant(f"suffix sentence {n + 1}", suffix="\n\n" + sentence))
    for letter in LETTERS:
        out.append(Variant(f"prefix letter {letter}", prefix=letter + "\n\n"))
        out.append(Variant(f"suffix letter {letter}", suffix="\n\n" + letter))
    out.append(Variant("prefix letters in a sentence", prefix="The café menu was written in a hand that mixed ß, ǅ, ΟΔΟΣ and İ.\n\n"))
    for n, space in enumerate(WHITESPACE):
        out.append(Variant(f"prefix whitespace {n + 1}", prefix=space))
        out.append(Variant(f"suffix whitespace {n + 1}", suffix=space))
    return out


def facts(extraction: Any, shift: int = 0) -> dict[str, Any]:
    """The facts of an extraction as plain data, every offset moved back by ``shift``."""
    d = extraction.to_dict() if hasattr(extraction, "to_dict") else extraction

    def unshift(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: (v - shift if k in ("start", "end") and isinstance(v, int) else unshift(v))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [unshift(v) for v in value]
        return value

    return {k: unshift(d[k]) for k in ("claims", "events", "people", "units", "places")}


def applicable(text: str, variant: Variant) -> bool:
    """Texts the variant's property holds for by construction (see the module's notes)."""
    if len(variant.apply(text)) > limits.PART_CHARS:
        return False
    if variant.says_words:
        from sitrep.extract.language import detect_language

        return detect_language(text) == "en"
    return True


def first_difference(a: Any, b: Any, where: str = "") -> str | None:
    """Where two facts structures first differ, or None."""
    if type(a) is not type(b):
        return f"{where}: {json.dumps(a)[:120]} -> {json.dumps(b)[:120]}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            found = first_difference(a.get(k), b.get(k), f"{where}.{k}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items -> {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {a!r} -> {b!r}"


def check(text: str, published: str | None, variant: Variant, base: dict | None = None) -> str | None:
    """None if the property holds for this text and variant; else where it fails."""
    from sitrep.extract.pipeline import extract

    if base is None:
        base = facts(extract(text, published=published))
    changed = extract(variant.apply(text), published=published)
    for claim in changed.claims:  # the evidence is still the words
        s, e = claim.evidence.start, claim.evidence.end
        if variant.apply(text)[s:e] != text[s - len(variant.prefix) : e - len(variant.prefix)]:
            return f"claim {claim.id}: evidence does not point at the same words"
    return first_difference(base, facts(changed, len(variant.prefix)))


def pairs(texts: list[tuple[str, str, str | None]], every: bool) -> Iterator[tuple[str, str, str | None, Variant]]:
    """(key, text, published, variant) to check: every variant of every text, or one prefix and one suffix
    variant per text, taken in turn so that a run over all texts still tries every variant."""
    all_variants = variants()
    prefixes = [v for v in all_variants if v.prefix]
    suffixes = [v for v in all_variants if v.suffix]
    for n, (key, text, published) in enumerate(texts):
        chosen = all_variants if every else [prefixes[n % len(prefixes)], suffixes[n % len(suffixes)]]
        for variant in chosen:
            if applicable(text, variant):
                yield key, text, published, variant


def shared_texts(shared: Path) -> list[tuple[str, str, str | None]]:
    """(key, text, published) for the real texts in ``shared``/data: the dev set, the ISAF releases and
    the UCDP headlines (each distinct headline once)."""
    data = shared / "data"
    out: list[tuple[str, str, str | None]] = []
    if (data / "devset.jsonl").exists():
        for line in open(data / "devset.jsonl", encoding="utf-8"):
            row = json.loads(line)
            out.append((f"devset:{row['id']}", row["text"], row.get("published")))
    if (data / "isaf-press-releases-dev.jsonl").exists():
        for n, line in enumerate(open(data / "isaf-press-releases-dev.jsonl", encoding="utf-8"), 1):
            out.append((f"isaf:{n}", json.loads(line)["text"], None))
    if (data / "ucdp-ged-ukraine-2014-2021.csv").exists():
        seen: set[str] = set()
        with open(data / "ucdp-ged-ukraine-2014-2021.csv", encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                text = row.get("source_headline") or ""
                if text and text not in seen:
                    seen.add(text)
                    out.append((f"ucdp:{len(seen)}", text, _us_date(row.get("date_start") or "")))
    return out


def _us_date(value: str) -> str | None:
    try:
        return datetime.strptime(value.split()[0], "%m/%d/%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def dated(text: str, published: str | None) -> str | None:
    """The publication date to extract a text and its variants with: its own, else its dateline's (so
    that a prefix cannot push the dateline out of reach; see the module's notes)."""
    if published is not None:
        return published
    from sitrep.extract.pipeline import extract

    return extract(text).published


def run(texts: list[tuple[str, str, str | None]], every: bool, on_result=None) -> tuple[int, list[str]]:
    """Check the variants of ``texts``; returns (checks made, failures as "key / variant: where")."""
    from sitrep.extract.pipeline import extract

    bases: dict[str, tuple[str | None, dict]] = {}
    failures: list[str] = []
    n = 0
    for key, text, published, variant in pairs(texts, every):
        if key not in bases:
            when = dated(text, published)
            bases[key] = (when, facts(extract(text, published=when)))
        when, base = bases[key]
        problem = check(text, when, variant, base)
        n += 1
        if problem:
            failures.append(f"{key} / {variant.name}: {problem}")
        if on_result:
            on_result(key, variant, problem)
    return n, failures
