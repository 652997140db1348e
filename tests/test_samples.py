"""Golden tests: every article in samples/ gives its hand-made record.

The samples were written for the project by someone who did not write the
rules, in the genre's many layouts; each ``<name>.json`` is the record a
careful reader takes from ``<name>.txt`` (ANNOTATION.md). The comparison
is the package scorer's (extractor.scoring, the one ``extract-report
evaluate`` uses), so a record must agree with its golden file on every
scored field.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from extractor.scoring import differences

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARTICLES = sorted(SAMPLES.glob("*.txt"))



def test_there_are_enough_varied_samples():
    gold = [json.loads(p.with_suffix(".json").read_text(encoding="utf-8")) for p in ARTICLES]
    assert len(gold) >= 8
    assert any(not g["is_meeting_report"] for g in gold)
    assert any(g["chairpersons"] and len(g["chairpersons"]) >= 2 for g in gold)
    assert any(g["awards"] for g in gold) and any(g["targets"] for g in gold)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_sample_gives_its_golden_record(extractor, article):
    gold = json.loads(article.with_suffix(".json").read_text(encoding="utf-8"))
    text = article.read_text(encoding="utf-8")
    report = extractor.extract(text, source=article.name)
    assert differences(gold, report.to_json_dict()) == []


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_sample_evidence_points_into_the_text(extractor, article):
    text = article.read_text(encoding="utf-8")
    for form in ("NFC", "NFD"):
        given = unicodedata.normalize(form, text)
        report = extractor.extract(given)
        for ev in report.evidences():
            assert given[ev.start:ev.end] == ev.text, ev


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_nfd_input_gives_the_same_record(extractor, article):
    text = article.read_text(encoding="utf-8")
    nfc = extractor.extract(unicodedata.normalize("NFC", text)).to_json_dict()
    nfd = extractor.extract(unicodedata.normalize("NFD", text)).to_json_dict()
    assert differences(nfc, nfd) == []
