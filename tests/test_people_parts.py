"""The people package's parts, each on one sentence: the readers before and after a name and the list
frames work from a Page alone, and nothing is kept from one document to the next."""

import importlib
import pkgutil

from sitrep.extract import people
from sitrep.extract.context import Context
from sitrep.extract.people.after import AfterName
from sitrep.extract.people.before import BeforeName
from sitrep.extract.people.finder import PeopleFinder
from sitrep.extract.people.frames import ListFrames
from sitrep.extract.people.page import Page
from sitrep.model import Person, Span


def page_of(text):
    ctx = Context.from_text(text)
    return Page(ctx, units=[], places=[]), ctx.sentences[0]


def test_the_descriptor_before_a_name_and_the_appositives_after_it():
    text = "Russian Colonel Oleg Markov, 45, commander of the assault battalion, was killed near the village."
    page, sentence = page_of(text)
    facts = BeforeName(page).facts_before(sentence, text.index("Oleg"))
    assert (facts.rank, facts.side, facts.trigger) == ("Colonel", "RU", True)
    AfterName(page).facts_after(sentence, text.index(", 45"), facts)
    assert facts.age == 45 and facts.role == "commander of the assault battalion"
    assert facts.status == "killed" and text[facts.status_span.start : facts.status_span.end] == "killed"


def test_a_list_of_the_dead_gives_its_fate_to_the_names_it_lists():
    text = "Those killed in the strike include Major Ivan Petrenko and Sergeant Oleh Bondar."
    page, sentence = page_of(text)
    frames = ListFrames(page)
    for name in ("Ivan Petrenko", "Oleh Bondar"):
        start = text.index(name)
        facts = BeforeName(page).facts_before(sentence, start)
        frames.apply(0, sentence, Span(start, start + len(name)), facts, Person(id="p1", name=name))
        assert (facts.status, facts.status_source) == ("killed", "list")


def test_a_name_before_the_list_verb_is_not_listed():
    text = "Major Ivan Petrenko said those killed in the strike were conscripts."
    page, sentence = page_of(text)
    facts = BeforeName(page).facts_before(sentence, text.index("Ivan"))
    ListFrames(page).apply(0, sentence, Span(6, 19), facts, Person(id="p1", name="Ivan Petrenko"))
    assert facts.status is None


def test_no_module_of_the_package_keeps_mutable_state():
    """Per-document state lives on the finder and its page; a module-level dict, list or set would carry
    one document's words into the next."""
    for info in pkgutil.iter_modules(people.__path__):
        module = importlib.import_module(f"sitrep.extract.people.{info.name}")
        for name, value in vars(module).items():
            if not name.startswith("__"):
                assert not isinstance(value, (dict, list, set)), f"{module.__name__}.{name} is module-level mutable state"


def test_each_document_has_its_own_verdicts_on_capitalised_runs():
    first = PeopleFinder(Context.from_text("Colonel Oleg Markov visited Kupiansk."), [], [])
    first.run()
    second = PeopleFinder(Context.from_text("Markov was not there."), [], [])
    assert "Colonel Oleg Markov" in first.verdicts and not second.verdicts
    assert second.run() == []  # a surname known in another document is no one here
