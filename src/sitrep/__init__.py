"""sitrep: conflict reports in, a sourced record of events, casualty claims, people, units and places out."""

from sitrep.model import Document, Extraction

# Load the extract package before defining the function of the same name: importing a submodule binds
# it as an attribute of its parent, so the function must be bound last to be what ``sitrep.extract`` is.
from sitrep.extract import pipeline as _pipeline

__version__ = "0.1.0"
__all__ = ["extract", "extract_document", "Document", "Extraction"]


def extract(text: str, published: str | None = None, title: str | None = None, **meta) -> Extraction:
    """Extract one report. ``published`` (YYYY-MM-DD) anchors relative dates such as "yesterday".

    ``meta`` may carry ``id``, ``url`` and ``outlet``, copied into the result.
    """
    return _pipeline.extract(text, published=published, title=title, **meta)


def extract_document(document: Document) -> Extraction:
    """Extract one ``Document`` (as the readers make them)."""
    return _pipeline.extract_document(document)
