"""Word groups are only worked out where the title linker reads.

Whether "Nông" and "dân" make one word is the word segmenter's call, the
costliest step of the pipeline; the title linker needs it only in the
sentences it reads: those with a name, the next line after a title wrapped
at a separator, the line before a list header's colon. Given genre text,
the sentences read are those, and leaving the others unsegmented changes no
record.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extractor import titles
from extractor.pipeline import Pipeline
from extractor.token_table import token_table

from .conftest import DEV

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _read_sentences(nlp, text: str) -> list[str]:
    doc = nlp(text)
    flags = titles.sentences_read(doc, token_table(doc).words, list(doc.spans["persons"]))
    return [s.text.strip() for s in doc.sents if flags[s.start]]


@pytest.fixture(scope="module")
def nlp():
    return Pipeline().nlp


def test_a_sentence_with_a_name_is_read_and_one_without_is_not(nlp):
    text = ("Hội Nông dân huyện tổng kết năm 2023. Đồng chí Nguyễn Văn An, Chủ tịch Hội Nông dân tỉnh dự. "
            "Sở Tài chính báo cáo kết quả.")
    assert _read_sentences(nlp, text) == ["Đồng chí Nguyễn Văn An, Chủ tịch Hội Nông dân tỉnh dự."]


def test_the_line_after_a_title_wrapped_at_a_comma_is_read(nlp):
    text = "Dự hội nghị có đồng chí Nguyễn Văn An,\nPhó Chủ tịch Hội Nông dân tỉnh.\nSở Tài chính báo cáo."
    assert _read_sentences(nlp, text) == ["Dự hội nghị có đồng chí Nguyễn Văn An,", "Phó Chủ tịch Hội Nông dân tỉnh."]


def test_the_line_of_a_list_header_before_the_names_is_read(nlp):
    text = "Sở Tài chính báo cáo.\nCác đại biểu HĐND tỉnh gồm:\nông Trần Văn Bình, bà Lê Thị Hoa."
    assert _read_sentences(nlp, text) == ["Các đại biểu HĐND tỉnh gồm:", "ông Trần Văn Bình, bà Lê Thị Hoa."]


def _articles() -> list[tuple[str, str]]:
    found = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    found += [
        ("wrapped", "Hội nghị tổng kết\nDự có ông Lê Văn An,\n"
                    "Phó Cục trưởng Cục Phát thanh Truyền hình và thông tin điện tử.\nÔng Lê Văn Tám chủ trì."),
        ("header", "Hội nghị tổng kết\nCác Phó Cục trưởng Cục Phát thanh Truyền hình gồm:\n"
                   "ông Trần Văn Bình, bà Lê Thị Hoa dự."),
    ]
    if DEV.is_dir():
        found += [(p.name, p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.txt"))]
    return found


def test_leaving_the_unread_sentences_unsegmented_changes_no_record(monkeypatch):
    """Given the sample articles, genre texts with wrapped titles and list headers, and the dev
    articles when ../shared is there, when they are read with every sentence segmented and with
    only the read ones, the records are the same."""
    lean = Pipeline()
    expected = {}
    with monkeypatch.context() as m:
        m.setattr(titles, "sentences_read", lambda doc, words, persons: [True] * len(doc))
        for name, text in _articles():
            expected[name] = lean.run(text).to_json_dict()
    for name, text in _articles():
        assert lean.run(text).to_json_dict() == expected[name], name
