"""Reports extracted as the pipeline does, and the incident totals the ISAF scorer reads from them
(``evaluate.facts.incident_total``, least figures): shared by the tests of people counted together."""

from sitrep.evaluate import facts
from sitrep.extract.pipeline import extract_document
from sitrep.model import Document, Extraction


class Incidents:
    """Extraction and incident totals of short reports, all published on one day."""

    def __init__(self, published: str):
        self.published = published

    def extract(self, text: str) -> Extraction:
        return extract_document(Document(text=text, published=self.published))

    def seized_total(self, text: str) -> int:
        return self._total(text, facts.CAPTURED)

    def killed_total(self, text: str) -> int:
        return self._total(text, facts.KILLED)

    def _total(self, text: str, measure) -> int:
        total = facts.incident_total(self.extract(text), measure, minimum=True)
        return total.best if total else 0
