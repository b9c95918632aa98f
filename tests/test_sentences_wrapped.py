"""Text laid out in lines (a PDF's, an e-mail's, a wire's fixed width) breaks sentences in the middle; such a
line break does not end the sentence, while headings, datelines and paragraphs still stand apart.
Sentences written for these tests."""

import pytest

from sitrep.evaluate import facts
from sitrep.extract.context import split_sentences
from sitrep.extract.pipeline import extract_document
from sitrep.model import Document


def sentences(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize("brk", ["\n", "\u2028"])
@pytest.mark.parametrize("text, count", [
    # the next line goes on in lower case after a word in lower case
    ("Gendarmes shot a{b}suspected smuggler near Agadez on Friday.", 1),
    ("Police said the convoy was ambushed,{b}killing two drivers near Marawi.", 1),
    # a line that ends in an article, a preposition or a conjunction goes on, whatever case follows
    ("Troops detained four gunmen in{b}Kidal region on Monday.", 1),
    ("The brigade shelled positions near{b}Bakhmut and{b}Soledar overnight.", 1),
    # a heading, a dateline and a new paragraph still stand apart
    ("Security Update{b}Soldiers repelled an attack near Gao.", 2),
    ("MOGADISHU, Somalia (May 3){b}Troops killed two militants.", 2),
    ("Two militants were killed.{b}Three others were detained.", 2),
    ("Troops detained four gunmen in\n\nKidal region on Monday.", 2),
])
def test_a_line_that_only_wraps_a_sentence_does_not_end_it(text, count, brk):
    assert len(sentences(text.format(b=brk))) == count


@pytest.mark.parametrize("text, killed, captured", [
    ("KABUL, Afghanistan (May 3, 2011)\nA patrol killed a\u2028suspected insurgent and detained two others in\u2028"
     "Ghazni province yesterday.", 1, 2),
    ("BAGHDAD (Reuters) - Iraqi troops killed a\nsuspected bomb maker and arrested three of his\n"
     "associates in Mosul on Sunday, the army said.", 1, 3),
])
def test_the_people_of_a_wrapped_sentence_are_counted(text, killed, captured):
    x = extract_document(Document(text=text, published=None))
    k = facts.incident_total(x, facts.KILLED, minimum=True)
    c = facts.incident_total(x, facts.CAPTURED, minimum=True)
    assert ((k.best if k else 0), (c.best if c else 0)) == (killed, captured)
