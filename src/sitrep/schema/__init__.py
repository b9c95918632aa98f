"""The JSON Schema of sitrep's output, shipped with the package."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def extraction_schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("extraction.schema.json").read_text(encoding="utf-8"))


def validate(extraction: dict) -> None:
    """Raise jsonschema.ValidationError if ``extraction`` (an Extraction's to_dict()) breaks the schema."""
    import jsonschema

    jsonschema.validate(extraction, extraction_schema(), format_checker=jsonschema.FormatChecker())
