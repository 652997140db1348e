"""The meeting cues' shortcuts find what a plain search finds.

The class words of an article are found in one scan, and a cue rule whose
template opens with a class or a word is tried only where one stands. Given
any text made of the genre's words, punctuation and odd characters, cut into
zones anywhere (mid-word included), each shortcut must give what running the
rule's expression over the zone gives.
"""
from __future__ import annotations

import functools

import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.meeting_cues import CueFinder, _ClassHits
from extractor.pattern_files import cached_patterns, trie_alternation

WORDS = [
    "sáng", "ngày", "17/01/2022", "6-2", "hôm", "qua", "ubnd", "huyện", "tổ", "chức", "hội", "nghị", "hội nghị",
    "tổng", "kết", "diễn", "ra", "khai", "mạc", "kỳ", "họp", "chủ", "trì", "tới", "dự", "có", "đồng", "chí",
    "sẽ", "tại", "lễ", "trao", "bằng", "khen", "nghịch", "dự án", "tổ chức", "đại", "biểu", "tham", "chủ tọa",
]
GLUE = [" ", " ", " ", ", ", ". ", "\n", "  ", ": ", " “", ". “", "\n“", "” ", "\u00a0", "-", "²", "_"]


@functools.lru_cache(maxsize=1)
def finder() -> CueFinder:
    return CueFinder(cached_patterns(()))


texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GLUE)), max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts)
)


@st.composite
def zoned_texts(draw):
    """A text, a zone of it cut anywhere (often inside a word), and a caption span."""
    text = draw(texts)
    inside = [i for i in range(1, len(text)) if text[i].isalpha() and text[i - 1].isalpha()]
    b = draw(st.sampled_from(inside) if inside and draw(st.booleans()) else st.integers(0, len(text)))
    a = draw(st.integers(0, b))
    c = draw(st.integers(0, len(text)))
    return text, a, b, ((c, draw(st.integers(c, len(text)))),)


@settings(max_examples=300, deadline=None)
@given(zoned_texts())
@example(("sáng nay, hội nghịch", 0, len("sáng nay, hội nghị"), ()))  # the zone's end completes "hội nghị"
@example(("kết. “đại biểu tham dự", 0, 22, ()))  # a sentence opening on a quote
def test_a_rule_tried_where_its_lead_stands_finds_what_searching_the_zone_finds(case):
    text, a, b, captions = case
    cues = finder()
    hits = _ClassHits(cues.class_words, cues.word_index, text)
    vetoes = cues._veto_spans(text)
    for rule in cues.rules:
        shortcut = cues._first(rule, text, a, b, vetoes, captions, hits)
        assert shortcut == cues._first(rule, text, a, b, vetoes, captions), rule.id


@settings(max_examples=150, deadline=None)
@given(texts)
def test_the_one_scan_finds_every_class_word_the_class_expression_finds(text):
    cues = finder()
    spans = cues.word_index.spans(text)
    for name, phrases in cues.classes.items():
        if not phrases:
            continue
        expression = regex.compile(f"\\m(?:{trie_alternation(phrases)})(?!\\w)")
        expected = sorted(
            {(m.start(), m.end()) for start in range(len(text)) for m in [expression.match(text, start)] if m}
        )
        every_end = sorted(
            {(start, end) for start in range(len(text)) for end in range(start + 1, len(text) + 1)
             if expression.fullmatch(text, start, end) and not regex.match(r"\w", text[end:end + 1])}
        ) if len(text) < 60 else None
        found = sorted(set(spans.get(name, [])))
        assert {s for s, _ in expected} == {s for s, _ in found}, name
        if every_end is not None:
            assert set(found) == set(every_end), name
