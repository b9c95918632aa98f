"""The parsed document every extraction stage reads: text, publication date, tokens, sentences, and
the lexicon scans shared by stages (``scans.Scans``).

Built once per document and never changed (a frozen dataclass; what is worked out on demand, the
lower-cased text and the scans, is computed once per document); stages never re-tokenize and never
change the text, so every offset they report indexes the original string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, lru_cache

from spacy.tokens import Doc

from sitrep import limits
from sitrep.model import Span
from sitrep.lexicons import load_lines
from sitrep.extract.scans import Scans
from sitrep.text import lower_keep_length


@lru_cache(maxsize=1)
def tokenizer():
    """spaCy's blank English tokenizer: rules only, no trained model (none can be installed here)."""
    import spacy

    return spacy.blank("en").tokenizer


# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before whitespace and an
# upper-case letter, digit or opening quote; or at a line break. Abbreviations are checked separately.
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9А-ЯЁІЇЄ])|\n+|\u2028+""")
# The word before a full stop. A lookbehind, not "[\s(]": the search starts at the sentence's start, and
# a word at the start of a line ("\nDec. 17") has its line break just before that, out of reach otherwise.
_ABBREVIATION_TAIL = re.compile(r"(?:^|(?<=[\s(]))([A-Za-z][A-Za-z.]{0,5})\.$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("abbreviations.txt"))


def split_sentences(text: str) -> list[Span]:
    """Split into sentence spans (leading/trailing blanks trimmed). Line breaks split, except one that wraps
    a sentence in the middle (``_wraps``)."""
    spans: list[Span] = []
    start = 0
    abbreviations = _abbreviations()
    for match in _SENTENCE_END.finditer(text):
        end = match.end() if match.group(0)[0] not in "\n\u2028" else match.start()
        if end == match.start() and len(match.group(0)) == 1 and _wraps(text, match.start(), match.end()):
            continue
        if match.group(0)[0] == ".":
            tail = _ABBREVIATION_TAIL.search(text, max(start, match.start() - 8), match.start() + 1)
            if tail and tail.group(1).lower().rstrip(".") in abbreviations:
                continue
            if tail and len(tail.group(1)) == 1 and tail.group(1).isupper():
                continue  # an initial: "J. Smith"
        _append_trimmed(text, start, end, spans)
        start = match.end()
    _append_trimmed(text, start, len(text), spans)
    return limits.capped_sentences(text, spans)  # bounded: see sitrep/limits.py


# the last word of a line (or a comma) and the first letter of the next, across blanks
_LINE_TAIL = re.compile(r"(,|(?<!\w)\w+)[ \t\xa0]*$")
_LINE_HEAD = re.compile(r"[ \t\xa0]*(\w)")


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return frozenset(w.lower() for w in load_lines("line_wrap_words.txt"))


def _wraps(text: str, at: int, after: int) -> bool:
    """Whether a single line break only wraps a sentence (text laid out in lines of a page, a PDF's or an
    e-mail's): the line goes on in lower case after a word in lower case or a comma ("killed a|suspected
    insurgent"), or it ends in a word no sentence or title ends in ("insurgents in|Khost province")."""
    tail = _LINE_TAIL.search(text, max(0, at - 40), at)
    head = _LINE_HEAD.match(text, after)
    if tail is None or head is None:
        return False
    word, first = tail.group(1), head.group(1)
    if word.lower() in _function_words() and word.islower():
        return first.isalpha()
    return first.islower() and (word == "," or word[-1].islower())


def _append_trimmed(text: str, start: int, end: int, out: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end))


@dataclass(frozen=True)
class Context:
    text: str
    published: date | None = None
    title: str | None = None
    doc: Doc | None = None
    sentences: list[Span] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a stage could not use, and why (Extraction.notes)

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, as long as the text: offsets into one are offsets into the other."""
        return lower_keep_length(self.text)

    @cached_property
    def scans(self) -> Scans:
        """The lexicons matched over the whole document, each once, when a stage first reads it."""
        return Scans(self.text, self.lowered, self.doc)

    @classmethod
    def from_text(cls, text: str, published: date | str | None = None, title: str | None = None) -> "Context":
        if isinstance(published, str):
            published = date.fromisoformat(published[:10])
        return cls(
            text=text,
            published=published,
            title=title,
            doc=tokenizer()(text),
            sentences=split_sentences(text),
        )

    def sentence_index(self, span: Span) -> int | None:
        """The index of the sentence containing (the start of) a span, or None (between sentences)."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if span.start < s.start:
                hi = mid - 1
            elif span.start >= s.end:
                lo = mid + 1
            else:
                return mid
        return None

    def sentence_of(self, span: Span) -> Span | None:
        """The sentence containing (the start of) a span."""
        index = self.sentence_index(span)
        return None if index is None else self.sentences[index]

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]
