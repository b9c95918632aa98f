"""Which language a report is in: enough to know whether the English lexicons apply.

A small stop-word and script test, not a general identifier: English, Russian, Ukrainian, or
'und' (undetermined) for empty or unrecognisable text, else the ISO 639-1 code of a few common ones.
The evidence is each language's function words (stopwords.tsv) and, for English, the words of conflict
reporting (language_vocabulary.tsv): a headline or a one-line post has few function words ("Village
shelled overnight. No casualties.") but its vocabulary says what language it is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sitrep.lexicons import load_table

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_SAMPLE_CHARS = 4_000  # the first 4,000 characters (some 600 words) decide
_SHORT_TEXT_WORDS = 15
_BARE_NAME_WORDS = 4  # up to this many words (a headline), one function word is evidence enough


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, dict[str, int]]:
    """Every word that is evidence of a language, with the languages it is evidence of."""
    table: dict[str, dict[str, int]] = {}
    for name in ("stopwords.tsv", "language_vocabulary.tsv"):
        for row in load_table(name):
            table.setdefault(row["word"], {})[row["language"]] = 1
    return table


def not_extracted_note(language: str, text: str) -> str | None:
    """What to say of a text nothing is extracted from for its language (None for English or no words)."""
    if language == "en" or not _WORD.search(text):
        return None
    if language == "und":
        return ("not extracted: its language could not be determined (no English function word or word of "
                "conflict reporting in it); sitrep reads English")
    return f"not extracted: the text is in language '{language}'; sitrep reads English"


def detect_language(text: str) -> str:
    table = _stopwords()
    # A lone letter that is no word of any language ("ß" or "Ж" on a line of its own, a stray "Σ") is no
    # evidence: it must neither make a text foreign nor tip it past the short-text threshold.
    found = [w for w in _WORD.findall(text[:_SAMPLE_CHARS]) if len(w) > 1 or w.lower() in table]
    words = [w.lower() for w in found]
    if not words:
        return "und"
    cyrillic = sum(1 for w in words if "\u0400" <= w[0] <= "\u04ff")
    if cyrillic > len(words) / 2:
        ukrainian_letters = sum(w.count("і") + w.count("ї") + w.count("є") + w.count("ґ") for w in words)
        russian_letters = sum(w.count("ы") + w.count("э") + w.count("ъ") + w.count("ё") for w in words)
        return "uk" if ukrainian_letters > russian_letters else "ru"
    scores: dict[str, int] = {}
    for w in words[:3000]:
        for lang in table.get(w, ()):
            scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        # a bare name or two in Latin letters ("Lysychansk", "Donetsk Airport"): read as English, the
        # language its lexicons and gazetteer spell names in
        # (a name repeated, as in a list of places "Pisky;Pisky;Pisky", is still one name)
        latin = all(w.isascii() for w in words)
        bare = len(set(words)) <= _BARE_NAME_WORDS
        return "en" if latin and bare and found[0][:1].isupper() else "und"
    best = max(sorted(scores), key=scores.get)
    # a single stray "a" or "de" does not make a language in an article; in a headline one word must do
    if scores[best] < 2 and len(words) > _SHORT_TEXT_WORDS:
        return "und"
    return best
