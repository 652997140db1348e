"""The bar on the shared dev corpus, scored by the shared scorer.

Skipped when ../shared is absent (the corpus never lives in this project).
The CLI is run the way an analyst runs it, over every dev article, and its
JSON Lines go to ../shared/eval/score.py: overall >= 0.85 and every field
>= 0.75. Every piece of evidence must also point at its own text.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from tests.conftest import DEV, SCORER

pytestmark = pytest.mark.skipif(not DEV.is_dir() or not SCORER.is_file(), reason="../shared corpus absent")


@pytest.fixture(scope="module")
def predictions(dev_predictions) -> Path:
    return dev_predictions


def _scorer():
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_scores_reach_the_bar(predictions):
    result = _scorer().score(DEV, predictions, per_doc=False)
    fields = {k: v["f1"] for k, v in result["fields"].items()}
    fields["meeting_date"] = result["meeting_date_accuracy"]
    assert result["missing_records"] == []
    assert result["overall"] >= 0.85, result
    low = {k: v for k, v in fields.items() if v < 0.75}
    assert not low, f"fields under 0.75: {low}"


def test_dev_evidence_points_into_each_article(predictions):
    for line in predictions.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = Path(record["source"]).read_text(encoding="utf-8")
        evidences = [record.get(k) for k in ("title_evidence", "published_date_evidence", "meeting_date_evidence")]
        for person in record["chairpersons"] + record["attendees"]:
            evidences += person["name_evidence"] + person["title_evidence"] + person["role_evidence"]
        evidences += [t["evidence"] for t in record["targets"]] + [a["evidence"] for a in record["awards"]]
        for ev in filter(None, evidences):
            assert text[ev["start"]:ev["end"]] == ev["text"], (record["source"], ev)
