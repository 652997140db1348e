"""The token table: plain lists that must say what the spaCy doc says.

Given a doc made by the pipeline's tokenizer (or any other doc), when the
rules read token texts, offsets and flags from the table, then every answer
equals the one ``doc[i]`` / ``doc[a:b].text`` would give.
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from extractor.token_table import token_table

GENRE = [
    "Sáng 17/01/2022, UBND huyện tổ chức hội nghị tổng kết công tác năm 2021.",
    "Dự hội nghị có đồng chí Dương Đức Đằng,  Chủ tịch UBND huyện;\n\nông Trần Văn Nam - Giám đốc Sở.",
    "  Huyện đạt 15/15 chỉ tiêu, trên 2.000 tập thể được khen thưởng… ",
    "",
]


@pytest.fixture(scope="module")
def nlp(extractor):
    return extractor.pipeline.nlp


def _check(doc: Doc) -> None:
    table = token_table(doc)
    assert table.text == doc.text
    assert table.words == [t.text for t in doc]
    assert table.starts == [t.idx for t in doc]
    for a in range(len(doc) + 1):
        for b in range(a, min(len(doc), a + 6) + 1):
            assert table.span_text(a, b) == doc[a:b].text
    is_space, like_num = table.flags(doc)
    assert [bool(v) for v in is_space] == [t.is_space for t in doc]
    assert [bool(v) for v in like_num] == [t.like_num for t in doc]


@pytest.mark.parametrize("text", GENRE)
def test_table_of_the_tokenizer_matches_the_doc(nlp, text):
    _check(nlp.make_doc(text))


def test_table_of_a_doc_made_elsewhere_is_read_from_it(nlp):
    doc = Doc(nlp.vocab, words=["Chủ", "tịch", "UBND", "\n", "huyện"], spaces=[True, True, False, False, False])
    _check(doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["Hội", "nghị", " ", "  ", "\n", ",", "15/15", "UBND", "đ/c", "2.000"]),
                max_size=30).map("".join))
def test_table_matches_the_doc_for_any_mix(nlp, text):
    _check(nlp.make_doc(text))
