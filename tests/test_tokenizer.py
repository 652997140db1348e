"""The tokenizer stage: syllable tokens, word groups, and no character lost.

Given text in the genre (or hostile text), when it is cut into syllable
tokens and wrapped in a spaCy ``Doc``, then every non-space character sits in
exactly one token, the ``Doc`` reproduces the text exactly, and glued
hyphens split where the genre glues a title to a name.
"""
from __future__ import annotations

import pytest
import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.vocab import Vocab

from extractor.tokenizer import (
    VietnameseTokenizer,
    capital_windows,
    segmented_starts,
    sentence_spans,
    syllable_spans,
)

_SPACE = regex.compile(r"\s")


def tokens(text: str) -> list[str]:
    return [text[a:b] for a, b in syllable_spans(text)]


@pytest.fixture(scope="module")
def tokenizer() -> VietnameseTokenizer:
    return VietnameseTokenizer(Vocab())


# --------------------------------------------------------------------------- syllable_spans: examples

TOKENS = [
    # (text, tokens)
    ("Bùi Đức Hinh-Phó Bí thư Đảng ủy", ["Bùi", "Đức", "Hinh", "-", "Phó", "Bí", "thư", "Đảng", "ủy"]),
    ("Lê Văn Cường-Phó Chủ tịch UBND huyện", ["Lê", "Văn", "Cường", "-", "Phó", "Chủ", "tịch", "UBND", "huyện"]),
    ("hợp tác Việt Nam-Lào", ["hợp", "tác", "Việt", "Nam", "-", "Lào"]),
    ("ông Xa-bơ Chau-hơ-ry", ["ông", "Xa-bơ", "Chau-hơ-ry"]),
    ("đồng bào H'Mông", ["đồng", "bào", "H'Mông"]),
    ("dịch Covid-19", ["dịch", "Covid-19"]),
    ("Kinh tế - xã hội", ["Kinh", "tế", "-", "xã", "hội"]),
    ("Sáng ngày 17/01/2022, lúc 8:30", ["Sáng", "ngày", "17/01/2022", ",", "lúc", "8:30"]),
    ("Chiều 6-2", ["Chiều", "6", "-", "2"]),  # a day-month with a dash is left to the date stage
    ("ngày 17-01-2022", ["ngày", "17-01-2022"]),
    ("15/15 chỉ tiêu", ["15/15", "chỉ", "tiêu"]),
    ("1.245/1.380 vụ việc", ["1.245", "/", "1.380", "vụ", "việc"]),
    ("Quyết định số 2551/QĐ-TTg", ["Quyết", "định", "số", "2551", "/", "QĐ", "-", "TTg"]),
    ("đạt 12.500 tỷ đồng, tăng 8,2%", ["đạt", "12.500", "tỷ", "đồng", ",", "tăng", "8,2", "%"]),
    ("tại TP.HCM, GS.TS Trần Văn Tú", ["tại", "TP.HCM", ",", "GS.TS", "Trần", "Văn", "Tú"]),
    ("Tp. Hồ Chí Minh", ["Tp.", "Hồ", "Chí", "Minh"]),
    ("Hội nghị HĐND&UBND", ["Hội", "nghị", "HĐND&UBND"]),
    ("Xem tại https://yenlap.phutho.gov.vn/tin-tuc/a.html nhé", ["Xem", "tại", "https://yenlap.phutho.gov.vn/tin-tuc/a.html", "nhé"]),
    ("Liên hệ: vanphong@yenlap.gov.vn.", ["Liên", "hệ", ":", "vanphong@yenlap.gov.vn", "."]),
    ("(Ảnh: Minh Hà)", ["(", "Ảnh", ":", "Minh", "Hà", ")"]),
    ("và...", ["và", "..."]),
    ("", []),
    ("   \n\t ", []),
]


@pytest.mark.parametrize("text, expected", TOKENS)
def test_syllable_spans_examples(text, expected):
    assert tokens(text) == expected, text


HYPHEN_SPLITS = [
    # a hyphen glued before a capital separates a name from its title
    ("Bùi Đức Hinh-Phó Bí thư", True),
    ("Nguyễn Văn Long-Chủ tịch UBND xã", True),
    ("Trần Thị Hoa-Bí thư Chi bộ", True),
    # inside a transliterated name, a compound or a code it does not
    ("Xa-bơ Chau-hơ-ry", False),
    ("Ma-lai-xi-a", False),
    ("Covid-19", False),
    ("kinh tế-xã hội", False),
]


@pytest.mark.parametrize("text, splits", HYPHEN_SPLITS)
def test_glued_hyphen_before_a_capital_splits(text, splits):
    assert ("-" in tokens(text)) is splits, tokens(text)


# --------------------------------------------------------------------------- syllable_spans: properties


def _check_cover(text: str) -> None:
    spans = syllable_spans(text)
    owner = [0] * len(text)
    previous_end = 0
    for a, b in spans:
        assert previous_end <= a < b <= len(text), (a, b)
        assert not _SPACE.search(text[a:b]), text[a:b]
        for i in range(a, b):
            owner[i] += 1
        previous_end = b
    for i, ch in enumerate(text):
        expected = 0 if _SPACE.match(ch) else 1
        assert owner[i] == expected, (i, ch, owner[i])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=120))
def test_syllable_spans_cover_every_non_space_character_once(text):
    _check_cover(text)


_GENRE_PIECES = [
    "Nguyễn", "Văn", "An", "Bí", "thư", "Huyện", "ủy", "Chủ", "tịch", "UBND", "HĐND", "tỉnh", "Thái",
    "Nguyên", "chủ", "trì", "hội", "nghị", "đ/c", "Đ/c", "15/15", "17/01/2022", "6-2", "8:30", "1.245",
    "2551/QĐ-TTg", "TP.HCM", "Tp.", "H'Mông", "Xa-bơ", "-", "–", ",", ".", ";", ":", "(", ")", "...",
    "http://", "www.", "@", "/", " ", " ", " ", "\n", "\t", "\u00a0", "Ảnh", "Phó",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GENRE_PIECES), max_size=40).map("".join))
def test_syllable_spans_cover_genre_like_text(text):
    _check_cover(text)


# --------------------------------------------------------------------------- the spaCy Doc


NAUGHTY = [
    "",
    " ",
    "   ",
    "\n",
    "\n\n\n",
    " \t \n \u00a0 ",
    "\r\n",
    "🇻🇳 Hội nghị 👨\u200d👩\u200d👧 tổng kết 🎉",
    "\u202eHội nghị tổng kết\u202c",
    "مرحبا بالعالم Hội nghị",
    "שלום עולם",
    "a" + "\u0301" * 50,
    "\u0301\u0323 dấu đứng đầu",
    "Ho\u0302\u0323i nghi\u0323",  # NFD
    "http://" + "." * 60,
    "https://" + "." * 60 + " Nguyễn Văn An chủ trì",
    "www." + "." * 60,
    "a@" + "b." * 40,
    "15/15/15/15/15/15 chỉ tiêu",
    "Chủ tịch " * 200,
    "Nguyễn " * 100,
    "\x00\x01 điều khiển \x7f",
    "\x1c\x1d\x1e\x1f",
    "Ｈộｉ ｎｇｈị",
    "\u200b\u200c\u200d\ufeff",
    "Sáng 17/01/2022, đồng chí Dương Đức Đằng, Chủ tịch UBND huyện chủ trì hội nghị.",
    "Dòng một.\r\nDòng hai.\n\n   Dòng ba  ",
]


@pytest.mark.parametrize("text", NAUGHTY)
def test_doc_reproduces_naughty_text(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    assert len(doc._.word_starts) == len(doc)


def test_catastrophic_url_for_underthesea_returns_one_token(tokenizer):
    # underthesea's own tokenizer backtracks for seconds on this; ours must simply return.
    text = "http://" + "." * 60
    doc = tokenizer(text)
    assert [t.text for t in doc] == [text]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=120))
def test_doc_reproduces_any_text(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    assert len(doc._.word_starts) == len(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_GENRE_PIECES), max_size=40).map("".join))
def test_doc_tokens_are_the_syllables(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    words = [t.text for t in doc if not _SPACE.fullmatch(t.text[:1] or " ")]
    assert words == tokens(text)


def test_sentences_are_marked(tokenizer):
    doc = tokenizer("Sáng 9/6, huyện họp. Đồng chí Lê Văn Tám chủ trì.\nDự có đại biểu.")
    assert [s.text.strip() for s in doc.sents] == [
        "Sáng 9/6, huyện họp.",
        "Đồng chí Lê Văn Tám chủ trì.",
        "Dự có đại biểu.",
    ]


@pytest.mark.parametrize("text, expected", [
    ("Huyện họp. Đồng chí An chủ trì.", ["Huyện họp.", " Đồng chí An chủ trì."]),
    ("Dòng một\nDòng hai", ["Dòng một", "Dòng hai"]),
    ("Ngày 17.1.2022 huyện họp.", ["Ngày 17.1.2022 huyện họp."]),
    ("", []),
])
def test_sentence_spans(text, expected):
    assert [text[a:b] for a, b in sentence_spans(text)] == expected


# --------------------------------------------------------------------------- word groups

CAPITAL_WINDOWS = [
    # (tokens, windows)
    (["tỉnh", "Thái", "Nguyên", "Vũ", "Hồng", "Bắc", "chủ", "trì"], [(0, 8)]),
    (["các", "Sở", "ngành"], [(0, 3)]),  # one capital running into lower case
    (["Hội", "nghị", "diễn", "ra"], []),  # a capital opening the sentence alone
    (["tại", "Huế"], []),
    (["tại", "Huế", "."], []),
    (["Chủ", "tịch", "UBND", "tỉnh"], []),  # UBND is not a capitalised syllable
    (["A", "B", "x", "C", "D"], [(0, 5)]),  # close runs merge
    (["Thái", "Nguyên", "a", "b", "c", "d", "e", "f", "g", "Hà", "Nội"], [(0, 5), (6, 11)]),
    (["a", "b", "c", "d", "e", "Thái", "Nguyên", "x", "y", "z", "w", "v"], [(2, 10)]),
    ([], []),
]


@pytest.mark.parametrize("toks, windows", CAPITAL_WINDOWS)
def test_capital_windows(toks, windows):
    assert capital_windows(toks) == windows


def test_segmenter_runs_only_inside_windows():
    toks = ["hội", "nghị", "diễn", "ra", "sáng", "nay", "tại", "hội", "trường"]
    assert segmented_starts(toks) == [True] * len(toks)


def test_segmenter_groups_a_place_and_the_name_after_it():
    # "tỉnh Thái Nguyên Vũ Hồng Bắc": the place is one word, the name begins a new one.
    toks = tokens("Chủ tịch UBND tỉnh Thái Nguyên Vũ Hồng Bắc chủ trì")
    starts = dict(zip(toks, segmented_starts(toks)))
    assert starts["Thái"] is True
    assert starts["Nguyên"] is False
    assert starts["Vũ"] is True
    assert starts["Hồng"] is False and starts["Bắc"] is False


def test_tokenizer_skips_segmenting_where_told(tokenizer):
    plain = VietnameseTokenizer(tokenizer.vocab, segment=lambda sentence: False)
    doc = plain("Chủ tịch UBND tỉnh Thái Nguyên Vũ Hồng Bắc chủ trì")
    assert all(doc._.word_starts)
    assert doc.text == "Chủ tịch UBND tỉnh Thái Nguyên Vũ Hồng Bắc chủ trì"


LAZY_SEGMENTATION = [
    "Sáng 17/01, đồng chí Dương Đức Đằng, Chủ tịch UBND huyện chủ trì hội nghị.\n"
    "Dự hội nghị có ông Trần Văn Nam,  Giám đốc Sở Nông nghiệp và Phát triển nông thôn.",
    "Tại Hà Nội, Phó Thủ tướng Vương Đình Huệ làm việc với Bộ Công Thương. Ngoài ra, Thứ trưởng cũng dự.",
    "Chủ tịch UBND tỉnh Thái Nguyên Vũ Hồng Bắc chủ trì",
]


@pytest.mark.parametrize("text", LAZY_SEGMENTATION)
def test_word_starts_asked_in_any_order_match_eager_segmentation(tokenizer, text):
    # Windows are segmented when first asked about; the answers must be those of segmenting every sentence.
    doc = tokenizer(text)
    eager = [True] * len(doc)
    for s_start, s_end in sentence_spans(text):
        positions = [i for i, t in enumerate(doc) if s_start <= t.idx < s_end and not t.text.isspace()]
        for i, start in zip(positions, segmented_starts([doc[i].text for i in positions])):
            eager[i] = start
    lazy = doc._.word_starts
    backwards = [lazy[i] for i in range(len(doc) - 1, -1, -1)][::-1]
    assert backwards == eager
    assert lazy[2:7] == eager[2:7]
    assert list(tokenizer(text)._.word_starts) == eager


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_GENRE_PIECES + ["! ", "? ", "… ", ".\" ", "Hội", "Ông"]), max_size=40).map("".join))
def test_doc_tokens_are_those_of_each_sentence_cut_alone(tokenizer, text):
    # The tokenizer cuts the whole text in one pass; that must equal cutting sentence by sentence.
    by_sentence = [(a + s, b + s) for s, e in sentence_spans(text) for a, b in syllable_spans(text[s:e])]
    doc = tokenizer(text)
    assert [(t.idx, t.idx + len(t)) for t in doc if not t.text.isspace()] == by_sentence
    firsts = {s + spans[0][0] for s, e in sentence_spans(text) if (spans := syllable_spans(text[s:e]))}
    assert {t.idx for t in doc if t.is_sent_start and not t.text.isspace()} - {0} == firsts - {0}


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_GENRE_PIECES + ["a@b.vn", "x+y@z.com", "KH&CN", "T.Ư", "https://a.vn", "ftp:", "_", "2"]),
                max_size=30).map("".join))
def test_letter_run_shortcut_cuts_as_the_full_expression(text):
    # The shortcut for runs of letters must never cut differently from the expression it stands before.
    from extractor.tokenizer import _TOKEN, _TOKEN_SHAPES

    assert [m.span() for m in _TOKEN.finditer(text)] == [m.span() for m in _TOKEN_SHAPES.finditer(text)]


# --------------------------------------------------------------------------- the CRF segmenter


def test_segmenter_tags_are_underthesea_s():
    # The segmenter is loaded from underthesea_core without importing underthesea;
    # it must tag exactly as underthesea's own loaded model does.
    pytest.importorskip("underthesea")
    import underthesea.pipeline.word_tokenize as ws
    from underthesea import word_tokenize

    from extractor.tokenizer import _crf_tagger

    word_tokenize("khởi động")
    sentences = [
        "Sáng 17/01/2022 , đồng chí Dương Đức Đằng , Chủ tịch UBND huyện chủ trì hội nghị tổng kết công tác năm .",
        "Hội đồng nhân dân xã khóa XII tổ chức kỳ họp thứ 5 , thông qua 8/8 chỉ tiêu kinh tế - xã hội .",
        "Ban Thường vụ Tỉnh ủy trao Bằng khen cho 12 tập thể có thành tích xuất sắc",
    ]
    for sentence in sentences:
        tokens = sentence.split()
        assert _crf_tagger()(tokens) == ws.word_tokenize_model.predict([[t] for t in tokens])
