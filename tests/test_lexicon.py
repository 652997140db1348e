"""The lexicon stage's veto of triggers inside longer words.

Given the matches of a text, a ``NOT_TRIGGER`` phrase ("dự án") removes the
trigger matches it strictly contains ("dự"), and only those; a trigger as
long as the veto stays. The veto is looked up by start, so it must give what
comparing every trigger with every veto gives.
"""
from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from extractor.lexicon import TRIGGER_LABELS, _without_false_triggers


def _every_pair(found):
    vetoes = [(s, e) for label, _, s, e in found if label == "NOT_TRIGGER"]
    return [
        m for m in found
        if m[0] not in TRIGGER_LABELS or not any(a <= m[2] and m[3] <= b and b - a > m[3] - m[2] for a, b in vetoes)
    ]


def test_a_longer_word_vetoes_the_trigger_inside_it():
    # "dự án" (tokens 3-5) holds the attendance verb "dự" (3-4); "dự" at 8 stands alone.
    found = [("NOT_TRIGGER", "v", 3, 5), ("ATTEND", "a", 3, 4), ("ATTEND", "a", 8, 9), ("ORG", "o", 3, 4)]
    assert _without_false_triggers(found) == [("NOT_TRIGGER", "v", 3, 5), ("ATTEND", "a", 8, 9), ("ORG", "o", 3, 4)]


def test_a_trigger_as_long_as_the_veto_stays():
    # "tiếp xúc cử tri" is a meeting even where a veto covers the same tokens.
    found = [("NOT_TRIGGER", "v", 0, 4), ("MEETING", "m", 0, 4)]
    assert _without_false_triggers(found) == found


_MATCH = st.tuples(
    st.sampled_from(["NOT_TRIGGER", "ATTEND", "ADMIN", "ORG"]), st.just("r"),
    st.integers(0, 30), st.integers(1, 6),
).map(lambda m: (m[0], m[1], m[2], m[2] + m[3]))


@given(st.lists(_MATCH, max_size=40))
def test_the_veto_by_start_is_the_veto_of_every_pair(found):
    assert _without_false_triggers(found) == _every_pair(found)


# --------------------------------------------------------------------------- token patterns


def test_token_patterns_are_found_as_one_matcher_over_the_doc_finds_them(tmp_path):
    """Given token patterns of every shape (exact words, a fixed word then attributes, an
    operator), when an article is read, then the lexicon holds exactly the matches a spaCy
    Matcher of those patterns gives over the whole doc: looking for a pattern only where its
    first word stands loses none."""
    from spacy.matcher import Matcher

    from extractor.pipeline import build_nlp

    patterns = {
        "t.words": [{"ORTH": "Phó"}, {"ORTH": "Giám"}, {"ORTH": "đốc"}],
        "t.anchored": [{"ORTH": "Trưởng"}, {"IS_UPPER": True, "LENGTH": {">=": 2}}],
        "t.operator": [{"LOWER": "ban"}, {"IS_TITLE": True, "OP": "+"}],
    }
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "shapes.jsonl").write_text(
        "\n".join(json.dumps({"label": "TEST_SHAPE", "pattern": p, "id": i}) for i, p in patterns.items()),
        encoding="utf-8",
    )
    nlp = build_nlp((folder,))
    text = ("Trưởng BQL dự án và Trưởng ban Phó Giám đốc Sở, Trưởng BTG huyện; Ban Tuyên giáo, "
            "ban Dân vận Tỉnh ủy. Phó Giám đốc Trưởng X Trưởng")
    doc = nlp(text)
    matcher = Matcher(nlp.vocab)
    for rule_id, pattern in patterns.items():
        matcher.add(rule_id, [pattern])
    expected = sorted((nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc))
    found = sorted((s.id_, s.start, s.end) for s in doc.spans["lexicon"] if s.label_ == "TEST_SHAPE")
    assert found == expected and len({m[0] for m in expected}) == 3


# --------------------------------------------------------------------------- labels read as text


def test_the_labels_the_award_and_target_finders_read_as_text_are_not_matched_into_the_doc():
    """Given an award sentence with a target ratio, when the doc is built, then its lexicon holds the
    titles and triggers but none of the award and target words, which their finders read as text."""
    from extractor.pipeline import TEXT_FINDER_LABELS, build_nlp

    text = ("Chủ tịch UBND huyện trao Giấy khen cho 25 tập thể, 40 cá nhân; "
            "hoàn thành 15/15 chỉ tiêu, 12/14 xã đạt chuẩn.")
    labels = {s.label_ for s in build_nlp()(text).spans["lexicon"]}
    everything = {s.label_ for s in build_nlp(skip_labels=())(text).spans["lexicon"]}
    assert {"TITLE_HEAD", "GIVE"} <= labels and not labels & set(TEXT_FINDER_LABELS)
    assert {"AWARD_KIND", "RECIPIENT", "TARGET_UNIT"} <= everything  # they are there to leave out


def test_leaving_the_text_finders_labels_out_of_the_doc_changes_no_record():
    """Given the sample articles, when they are read by a pipeline that matches every label into
    the doc and by the one that leaves the award and target words out, the records are the same."""
    from pathlib import Path

    from extractor.pipeline import Pipeline

    lean, full = Pipeline(), Pipeline(skip_labels=())
    samples = sorted((Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
    assert samples
    for sample in samples:
        text = sample.read_text(encoding="utf-8")
        assert lean.run(text).to_json_dict() == full.run(text).to_json_dict(), sample.name
