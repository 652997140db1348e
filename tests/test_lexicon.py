"""The lexicon stage's veto of triggers inside longer words.

Given the matches of a text, a ``NOT_TRIGGER`` phrase ("dự án") removes the
trigger matches it strictly contains ("dự"), and only those; a trigger as
long as the veto stays. The veto is looked up by start, so it must give what
comparing every trigger with every veto gives.
"""
from __future__ import annotations

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
