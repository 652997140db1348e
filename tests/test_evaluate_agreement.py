"""The package scorer agrees with the shared scorer on the dev corpus.

Skipped when ../shared is absent. Both score the same run (one extraction of
every dev article, shared with test_dev_corpus); every field, and the overall
score, must be within 0.005 of ../shared/eval/score.py.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from extractor.evaluate import evaluate, load_gold, read_predictions
from tests.conftest import DEV, SCORER

pytestmark = pytest.mark.skipif(not DEV.is_dir() or not SCORER.is_file(), reason="../shared corpus absent")

TOLERANCE = 0.005


def _shared_scores(predictions) -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.score(DEV, predictions, per_doc=False)
    scores = {k: v["f1"] for k, v in result["fields"].items()}
    scores["meeting_date"] = result["meeting_date_accuracy"]
    scores["overall"] = result["overall"]
    return scores


def _package_scores(predictions) -> dict[str, float]:
    gold, problems = load_gold(DEV)
    assert problems == []
    with predictions.open(encoding="utf-8") as handle:
        preds = read_predictions(handle)
    result = evaluate(gold, preds.records).to_json()
    scores = {k: v.get("f1", v.get("accuracy")) for k, v in result["fields"].items()}
    scores["overall"] = result["overall"]
    return scores


def test_every_field_agrees_with_the_shared_scorer(dev_predictions):
    shared, ours = _shared_scores(dev_predictions), _package_scores(dev_predictions)
    assert shared.keys() == ours.keys()
    apart = {k: (shared[k], ours[k]) for k in shared if abs(shared[k] - ours[k]) > TOLERANCE}
    assert not apart, f"fields where the scorers disagree (shared, package): {apart}"


def test_the_scorers_agree_on_a_damaged_run(dev_predictions, tmp_path):
    """Half the records dropped, a person renamed in the rest: both scorers see the same damage."""
    lines = dev_predictions.read_text(encoding="utf-8").splitlines()
    damaged = []
    for i, line in enumerate(lines):
        if i % 2:
            continue
        record = json.loads(line)
        for person in record["attendees"][:1]:
            person["name"] = person["name"] + " Văn"
        damaged.append(json.dumps(record, ensure_ascii=False))
    path = tmp_path / "damaged.jsonl"
    path.write_text("\n".join(damaged) + "\n", encoding="utf-8")
    shared, ours = _shared_scores(path), _package_scores(path)
    assert shared["overall"] < 0.9
    apart = {k: (shared[k], ours[k]) for k in shared if abs(shared[k] - ours[k]) > TOLERANCE}
    assert not apart, f"fields where the scorers disagree (shared, package): {apart}"
