"""Named people with rank, role, age, unit, side and fate — rules over lexicons, no trained model.

How a name is found (``finder.py``): one regular-expression pass collects runs of capitalised words;
within a run the name starts after any rank, title, side word or stop word. A run is a person when a
rank, role or honorific stands right before the name ("Colonel X", "spokesman X", "Mullah X", "a
soldier, X"), when its first word is a known given name (or one edit away from one: "Aexander")
followed by a surname, or when it repeats a person already found (full name or surname alone).

What is said about the person is read from three places around the name, all inside its sentence:
the descriptor before it ("An earlier captive Russian soldier from Pskov, ...": ``before.py``),
appositives after it (", 23, the regiment's reconnaissance commander") and a fate predicate ("who was
killed": ``after.py``). Lists of the dead ("The dead of the regiment include ... Others include Y and
Z") carry a fate, a unit and any unnamed role ("its commander") over to the names they list
(``frames.py``).

The modules, bottom up: ``lexicon`` (the lexicons, read once per process: every one a data file in
``lexicons/``: ranks.tsv, roles.tsv, roles_modifiers.tsv, roles_sides.tsv, roles_officeholders.tsv,
given_names.txt, people_stop.tsv, person_status.tsv), ``tokens`` (words with offsets, phrases matched
over them), ``page`` (one document as the readers see it), ``facts`` (what is said about one name),
``before``, ``after``, ``frames``, and ``finder``. Nothing is kept from one document to the next but
the lexicons and memoised word look-ups (``phrase_key``, ``given_group``).
"""

from sitrep.extract.people.finder import PeopleFinder, find_people
from sitrep.extract.people.lexicon import given_group, phrase_key

__all__ = ["PeopleFinder", "find_people", "given_group", "phrase_key"]
