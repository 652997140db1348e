"""Hostile text and bytes: any input ends in a record or a clear error, and finishes.

Timing is not asserted here (machines differ); ``benchmarks/bench_hostile.py``
measures how these inputs scale. The big cases are marked ``slow`` but stay
in the default run: each takes a few seconds at most.
"""
from __future__ import annotations

import functools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import Extractor, MeetingReport, extract
from extractor.api import default_extractor
from extractor.decoding import Document, decode_bytes
from extractor.errors import ExtractorError
from extractor.legacy_encodings import encode_tcvn3, encode_vni, encode_windows_1258
from tests.input_samples import ARTICLE, assert_evidence_holds, portal_page

NAUGHTY_STRINGS = [
    "",
    " ",
    "\n\n\n",
    "\u200b\u200c\u200d\ufeff",
    "\u00ad" * 100,
    "\u202eHội nghị\u202c",  # right-to-left override
    "a" + "\u0301" * 10_000,  # a tower of combining marks
    "Ho\u0302\u0323i nghi\u0323",  # NFD
    "\ud800 lone surrogate \udfff",
    "\x00\x01\x02 control \x7f\x9f",
    "🇻🇳 Hội nghị 👨‍👩‍👧 " * 10,
    "Ｈộｉ ｎｇｈị",  # fullwidth
    "đồng chí đồng chí đồng chí",
    "15/15/15/15/15/15 chỉ tiêu",
    "Chủ tịch " * 1000,
    "Sáng ngày 99/99/9999, đồng chí , chủ trì hội nghị.",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${jndi:ldap://x}",
    "%s%s%s%n",
    "null None undefined NaN",
]


@pytest.mark.parametrize("text", NAUGHTY_STRINGS)
def test_naughty_strings(text):
    report = extract(text)
    assert isinstance(report, MeetingReport)
    assert_evidence_holds(report, text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_any_text_gives_a_record(text):
    report = extract(text)
    assert isinstance(report, MeetingReport)
    assert_evidence_holds(report, text)


VIETNAMESE_PIECES = st.sampled_from(
    [
        "Sáng ngày 17/01/2022, ", "đồng chí ", "Nguyễn Văn An", ", Chủ tịch UBND huyện ", "chủ trì hội nghị",
        "Dự hội nghị có ", "15/15 chỉ tiêu", "tặng Giấy khen cho 25 tập thể", ". ", "\n", "1/", "ngày ", "/",
        "Phó Bí thư Thường trực Huyện ủy", ";", "\u00a0", "\u200b", "HỘI NGHỊ ", "hôm nay ", " - ", ", ", " – ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(VIETNAMESE_PIECES, max_size=80))
def test_genre_like_text_gives_a_record(pieces):
    text = "".join(pieces)
    report = extract(text)
    assert_evidence_holds(report, text)


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=0, max_value=len(ARTICLE)))
def test_an_article_cut_anywhere_gives_a_record(cut):
    """Archives hold truncated articles: one may end inside a name, a title or after its separator."""
    text = ARTICLE[:cut]
    if not text.strip():
        return
    report = extract(text)
    assert_evidence_holds(report, text)


@pytest.mark.parametrize("text", [
    "Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết. Đồng chí Phan Văn Hải chủ trì. Hồ Xuân Mai - ",
    "Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết. Dự hội nghị có đồng chí Lò Văn Hùng,",
    "Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết. Dự hội nghị có đồng chí Lò Văn Hùng –\n",
])
def test_an_article_that_ends_after_a_name_and_its_separator_gives_a_record(text):
    report = extract(text)
    assert report.is_meeting_report
    assert_evidence_holds(report, text)


def _decode_or_refuse(data: bytes, **kwargs) -> Document | None:
    try:
        document = decode_bytes(data, **kwargs)
    except ExtractorError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    assert isinstance(document, Document) and isinstance(document.text, str) and document.text.strip()
    return document


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_document_or_an_input_error(data):
    _decode_or_refuse(data)


PREFIXES = st.sampled_from(
    [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"<html>", b"<!DOCTYPE html><p>",
     b"PK\x03\x04", b"%PDF-", b"<meta charset='tcvn3'>"]
)


@settings(max_examples=300, deadline=None)
@given(PREFIXES, st.binary(max_size=2000), st.sampled_from([None, "page.html", "a.txt"]))
def test_bytes_behind_any_marker_give_a_document_or_an_input_error(prefix, data, source):
    _decode_or_refuse(prefix + data, source=source)


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from([encode_tcvn3, encode_vni, encode_windows_1258, str.encode]),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=20),
)
def test_damaged_article_bytes_give_a_document_or_an_input_error(encode, flips):
    data = bytearray(encode(ARTICLE))
    for position, value in flips:
        data[position % len(data)] = value
    _decode_or_refuse(bytes(data))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["utf-8", "utf-16", "tcvn3", "vni", "windows-1258", "latin-1"]))
def test_forced_encodings_on_any_bytes(data, encoding):
    _decode_or_refuse(data, encoding=encoding)


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=3000))
def test_extract_bytes_gives_a_record_or_an_input_error(data):
    try:
        report = default_extractor().extract_bytes(data)
    except ExtractorError:
        return
    assert_evidence_holds(report, decode_bytes(data).text)


# ---------------------------------------------------------------- pathological sizes

@functools.lru_cache(maxsize=1)
def _pathological() -> dict[str, str]:
    rng = random.Random(7)
    return {
        "1 MB line without spaces": "".join(rng.choice("abcđồngchíHộinghị0123456789/.,") for _ in range(1_000_000)),
        "100,000 × 'đồng chí '": "đồng chí " * 100_000,
        "'1/' × 50,000": "1/" * 50_000,
        "'Chủ tịch UBND huyện, ' × 20,000": "Chủ tịch UBND huyện, " * 20_000,
        "50,000 dates": "ngày 17/01/2022, " * 50_000,
        # NFC orders combining marks by insertion sort: kept small here, its growth is in the benchmark
        "a tower of 10,000 combining marks": "a" + "\u0323\u0302" * 5_000,
        "100,000 zero-width joiners": "đồng\u200dchí" * 100_000,
        "mojibake and clean text, no spaces, × 50,000": ("ộ" + "Hội".encode().decode("latin-1")) * 50_000,
    }


@pytest.mark.slow
@pytest.mark.parametrize("label", sorted(_pathological()))
def test_pathological_text_finishes(label):
    text = _pathological()[label]
    report = extract(text)
    assert_evidence_holds(report, text)


@pytest.mark.slow
@pytest.mark.parametrize("label", sorted(_pathological()))
def test_pathological_bytes_finish(label):
    data = _pathological()[label].encode("utf-8")
    report = default_extractor().extract_bytes(data)
    assert_evidence_holds(report, decode_bytes(data).text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "markup",
    [
        "<html><body>" + "<div>" * 10_000 + "<p>Hội nghị</p>" + "</div>" * 10_000,
        "<html><body>" + "<" * 200_000,
        "<html><body>" + "<!--" * 100_000,
        "<html><body>" + "<![CDATA[" * 50_000,
        "<html><body>" + "</" * 100_000,
        "<html><body>" + "<?" * 100_000,
        "<html><body>" + "<a " + "x=1 " * 100_000,
        "<html><body>" + "&#" * 100_000,
        "<html><body>" + "<p>Hội nghị tổng kết</p>" * 20_000,
        "<html><body>" + "<table><tr><td>" * 5_000 + "Hội nghị",
    ],
    ids=["nested divs", "lt", "comments", "cdata", "end tags", "pi", "attributes", "charrefs", "paragraphs", "tables"],
)
def test_pathological_html_finishes(markup):
    _decode_or_refuse(markup.encode(), source="page.html")


@pytest.mark.slow
def test_windows_1258_tower_of_tone_marks_decodes():
    """Windows-1258 writes tones as combining marks; 400,000 of them in a row must not stall NFC."""
    document = decode_bytes(b"a" + b"\xf2\xcc" * 200_000, encoding="windows-1258")
    assert len(document.text) == 400_001


@pytest.mark.slow
@pytest.mark.parametrize("encode", [encode_tcvn3, encode_vni, encode_windows_1258], ids=["tcvn3", "vni", "cp1258"])
def test_large_legacy_file_finishes(encode):
    data = encode(ARTICLE + "\n") * 2000
    assert _decode_or_refuse(data) is not None


def test_portal_page_through_extract_bytes():
    report = Extractor().extract_bytes(portal_page().encode(), source="page.html")
    assert_evidence_holds(report, decode_bytes(portal_page().encode(), source="page.html").text)
