"""Shared test fixtures: where ../shared is, and skipping cleanly where it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITREP_SHARED", REPO.parent / "shared"))

needs_shared = pytest.mark.skipif(
    not (SHARED / "seed").is_dir(),
    reason=f"needs the shared seed, gold data and reference files at {SHARED} (present in CI; set SITREP_SHARED)",
)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"needs ../shared at {SHARED}")
    return SHARED
