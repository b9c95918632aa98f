"""The JSON Schema of sitrep's output, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def extraction_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("extraction.schema.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator():
    """The schema checked and its validator built once: jsonschema.validate() redoes both on every call
    (~0.1 s each, which made validating many extractions the slowest part of the fuzz tests)."""
    import jsonschema

    cls = jsonschema.validators.validator_for(extraction_schema())
    cls.check_schema(extraction_schema())
    return cls(extraction_schema(), format_checker=jsonschema.FormatChecker())


def validate(extraction: dict) -> None:
    """Raise jsonschema.ValidationError if ``extraction`` (an Extraction's to_dict()) breaks the schema."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(extraction))
    if error is not None:
        raise error
