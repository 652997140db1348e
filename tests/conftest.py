"""Shared fixtures: one extractor for the whole run (loading it takes a couple of seconds)."""
from __future__ import annotations

import pytest

from extractor import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
