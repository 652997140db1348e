"""Shared fixtures: one extractor for the whole run (loading it takes a couple of seconds),
and one extraction of the shared dev corpus for the tests that score it."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from extractor import Extractor

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def dev_predictions(tmp_path_factory) -> Path:
    """The CLI's JSON Lines over every dev article, run the way an analyst runs it (once per test run)."""
    from extractor.cli import main

    if not DEV.is_dir():
        pytest.skip("../shared corpus absent")
    out = tmp_path_factory.mktemp("dev") / "pred.jsonl"
    articles = sorted(str(p) for p in DEV.glob("*.txt"))
    with out.open("w", encoding="utf-8") as handle:
        with contextlib.redirect_stdout(handle):
            code = main(["--format", "jsonl", *articles])
    assert code == 0
    return out
