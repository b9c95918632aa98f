"""sitrep: conflict reports in, a sourced record of events, casualty claims, people, units and places out."""

from sitrep.model import Document, Extraction

__version__ = "0.1.0"
__all__ = ["extract", "extract_document", "Document", "Extraction"]


def extract(text: str, published: str | None = None, title: str | None = None, **meta) -> Extraction:
    """Extract one report. ``published`` (YYYY-MM-DD) anchors relative dates such as "yesterday"."""
    from sitrep.extract.pipeline import extract as _extract

    return _extract(text, published=published, title=title, **meta)


def extract_document(document: Document) -> Extraction:
    from sitrep.extract.pipeline import extract_document as _extract_document

    return _extract_document(document)
