"""Values come back NFC whatever form the article was written in; evidence stays as given."""
import json
import unicodedata
from pathlib import Path

from extractor import extract

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "district-review.txt"


def _values(report):
    data = report.model_dump(mode="json")
    people = [(p["name"], p["titles"]) for p in data["chairpersons"] + data["attendees"]]
    targets = [(t["unit"], t["text"], t["achieved"], t["total"]) for t in data["targets"]]
    awards = [(a["recipient"], a["award"], a["text"], a["count"]) for a in data["awards"]]
    return json.dumps([data["title"], data["meeting_date"], people, targets, awards], ensure_ascii=False)


def test_nfd_article_gives_the_nfc_values_and_evidence_as_given():
    text = SAMPLE.read_text(encoding="utf-8")
    nfd = unicodedata.normalize("NFD", text)
    from_nfc, from_nfd = extract(text), extract(nfd)
    assert _values(from_nfd) == _values(from_nfc)
    assert unicodedata.is_normalized("NFC", _values(from_nfd))
    assert from_nfd.chairpersons
    for ev in from_nfd.evidences():
        assert nfd[ev.start:ev.end] == ev.text


def test_tone_placement_is_the_texts_own():
    from extractor.model import Person

    assert Person(name=unicodedata.normalize("NFD", "Lê Văn Hoà")).name == "Lê Văn Hoà"
    assert Person(name=unicodedata.normalize("NFD", "Lê Văn Hòa")).name == "Lê Văn Hòa"
