"""Mojibake (UTF-8 once read as Windows-1252 or Latin-1) is repaired and reported; clean text is never touched.

Every case is written here in the genre; the mojibake is made in the test
from the clean text (``double_encoded``: Windows-1252, Latin-1 where 1252
leaves a byte undefined; or Latin-1 throughout).
"""
from __future__ import annotations

import contextlib
import io
import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.cli import main
from extractor.decoding import decode_bytes
from extractor.detection import VIETNAMESE_LETTERS
from extractor.mojibake import repair_mojibake
from tests.input_samples import ARTICLE, assert_evidence_holds, double_encoded, portal_page, scored_fields

SENTENCES = [
    "Hội nghị tổng kết công tác năm 2021, triển khai nhiệm vụ năm 2022",
    "Đồng chí Nguyễn Văn An, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị.",
    "ĐẠI HỘI ĐẢNG BỘ HUYỆN LẦN THỨ XX, NHIỆM KỲ 2020 - 2025",
    "Huyện đã hoàn thành và vượt 15/15 chỉ tiêu kinh tế - xã hội đề ra.",
    "Ủy ban nhân dân tỉnh tặng Bằng khen cho 12 tập thể và 30 cá nhân.",
    "Ô tô của đoàn công tác đến xã lúc 8 giờ 30 phút.",
    "“Phát huy tinh thần đoàn kết”, đồng chí Trần Thị Bình nhấn mạnh – ngày 17/01/2022.",
]


def latin1_read(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


# ---------------------------------------------------------------- must: repaired

@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("misread", [double_encoded, latin1_read], ids=["windows-1252", "latin-1"])
def test_a_misread_genre_sentence_is_repaired(sentence, misread):
    mojibake = misread(sentence)
    assert mojibake != sentence
    repair = repair_mojibake(mojibake)
    assert repair is not None and repair.text == sentence, mojibake
    assert repair.lines == 1


def test_the_textbook_case():
    assert repair_mojibake("Há»™i nghá»‹ tá»•ng káº¿t").text == "Hội nghị tổng kết"


def test_nfd_text_misread_comes_back_nfd():
    """Repair re-reads bytes; it does not normalise (the pipeline does, later)."""
    sentence = unicodedata.normalize("NFD", SENTENCES[0])
    assert repair_mojibake(double_encoded(sentence)).text == sentence


@pytest.mark.parametrize("misread", [double_encoded, latin1_read], ids=["windows-1252", "latin-1"])
def test_a_mixed_line_is_repaired_where_it_is_mojibake(misread):
    clean, tail = "Hội nghị tổng kết công tác năm 2021 – ", "Hội nghị tổng kết năm 2021 của UBND huyện"
    repair = repair_mojibake(clean + misread(tail))
    assert repair.text == clean + tail
    assert repair.warning() == "mojibake repaired on 1 line(s): UTF-8 read as Windows-1252 or Latin-1, in places"


def test_a_mixed_line_keeps_its_clean_words():
    line = "Đồng chí " + double_encoded("Nguyễn Văn An") + ", Chủ tịch UBND huyện " + double_encoded("chủ trì hội nghị.")
    assert repair_mojibake(line).text == "Đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì hội nghị."


def test_only_the_misread_lines_change_and_are_counted():
    lines = ["Huyện Yên Phong tổng kết năm 2021", double_encoded(SENTENCES[1]), "Dự hội nghị có 120 đại biểu.",
             double_encoded(SENTENCES[3])]
    repair = repair_mojibake("\n".join(lines))
    assert repair.text.split("\n") == [lines[0], SENTENCES[1], lines[2], SENTENCES[3]]
    assert repair.lines == 2


# ---------------------------------------------------------------- through decoding and the pipeline

def test_a_double_encoded_file_decodes_to_the_clean_text_with_a_warning():
    document = decode_bytes(double_encoded(ARTICLE).encode("utf-8"), source="article.txt")
    assert document.text == ARTICLE
    assert document.encoding == "utf-8"
    assert len(document.warnings) == 1
    assert document.warnings[0].startswith("mojibake repaired on 6 line(s)")
    assert "Windows-1252" in document.warnings[0]


def test_latin1_mojibake_is_not_taken_for_binary():
    """Read as Latin-1, Vietnamese is full of C1 controls: the repair comes before the binary test."""
    document = decode_bytes(latin1_read(ARTICLE).encode("utf-8"), source="article.txt")
    assert document.text == ARTICLE
    assert "Latin-1" in document.warnings[0]


def test_a_double_encoded_page_gives_the_clean_text():
    """The page is repaired before it is parsed: the parser would drop the NBSP and soft-hyphen bytes."""
    clean = decode_bytes(portal_page().encode("utf-8"), source="article.html")
    document = decode_bytes(double_encoded(portal_page()).encode("utf-8"), source="article.html")
    assert document.text == clean.text and document.title == clean.title
    assert document.warnings and document.warnings[0].startswith("mojibake repaired")


def test_repair_can_be_turned_off():
    data = double_encoded(ARTICLE).encode("utf-8")
    document = decode_bytes(data, source="article.txt", repair=False)
    assert document.text == double_encoded(ARTICLE) and document.warnings == []


def test_a_double_encoded_article_gives_the_clean_record(extractor):
    data = double_encoded(ARTICLE).encode("utf-8")
    report = extractor.extract_bytes(data, source="article.txt")
    clean = extractor.extract_bytes(ARTICLE.encode("utf-8"), source="article.txt")
    assert scored_fields(report) == scored_fields(clean)
    assert report.chairpersons and report.awards
    assert [w for w in report.warnings if w.startswith("mojibake repaired")]
    assert clean.warnings == []
    assert_evidence_holds(report, ARTICLE)


def test_the_cli_reports_the_repair_and_gives_the_repaired_text(tmp_path):
    path = tmp_path / "article.txt"
    path.write_bytes(double_encoded(ARTICLE).encode("utf-8"))
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--with-text", str(path)]) == 0
    record = json.loads(out.getvalue())
    assert record["text"] == ARTICLE
    assert record["warnings"][0].startswith("mojibake repaired on 6 line(s)")
    assert record["chairpersons"][0]["name"] == "Nguyễn Văn An"
    assert record["chairpersons"][0]["name_evidence"][0]["text"] == "Nguyễn Văn An"


# ---------------------------------------------------------------- must not: clean text stays

LEGITIMATE = [
    "Quán café ven hồ đông khách sau hội nghị.",
    "Nhiệt độ ngoài trời 25°C, chênh lệch ± 2°C so với hôm qua.",
    "Sai số ±0,5%; diện tích ½ ha, ¼ số hộ; độ dày 10 µm.",
    "Đại sứ Jürgen Müller dự lễ; đoàn đến từ São Paulo và Curaçao.",
    "Nestlé, Crème brûlée, façade, naïve: tên riêng giữ nguyên.",
    "© Bản quyền thuộc UBND huyện Yên Phong. Giá 1.500 € một suất.",
    "Ông Lê Văn Hòa¹ và bà Trần Thị Lan² phát biểu « tại hội trường ».",
    "Dấu “NGÃ” trong tên xã; chữ “Ô” viết hoa.",
    "Tỷ lệ 3 × 4 · 5, điểm 8,5/10 – đạt loại giỏi…",
]


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_latin1_characters_are_left_alone(text):
    assert repair_mojibake(text) is None
    document = decode_bytes(text.encode("utf-8"), source="note.txt")
    assert document.text == text and document.warnings == []


@pytest.mark.parametrize("text", LEGITIMATE)
def test_legitimate_latin1_characters_are_left_alone_in_an_article(text):
    article = ARTICLE + "\n" + text
    assert repair_mojibake(article) is None


GENRE_WORDS = [
    "Hội nghị", "tổng kết", "Đại hội", "Đảng bộ", "Ủy ban nhân dân", "UBND", "HĐND", "Huyện ủy", "đồng chí",
    "Chủ tịch", "Phó Bí thư", "chủ trì", "Bằng khen", "Giấy khen", "chỉ tiêu", "nhiệm kỳ", "tập thể", "cá nhân",
    "Thường trực", "kinh tế - xã hội", "ngày 17/01/2022", "15/15", "Nguyễn Văn An", "Trần Thị Bình", "Ô tô", "NGÃ",
]
PUNCTUATION = list(".,;:!?-()/%\"'“”‘’–—…") + ["°C", "±", "·", "×", "«", "»"]
LATIN1_SIGNS = ["½", "¼", "m²", "m³", "µm", "§", "®", "™", "café", "Müller", "São Paulo", "façade", "naïve", "€"]
"""Legitimate non-Vietnamese characters: they open the door to ftfy's test, which must still say no."""
LETTERS = sorted(VIETNAMESE_LETTERS) + list("abcdeghiklmnopqrstuvxyABCDEGHIKLMNOPQRSTUVXY")
WORDS = st.one_of(
    st.sampled_from(GENRE_WORDS),
    st.text(alphabet=LETTERS, min_size=1, max_size=8),
    st.integers(min_value=0, max_value=100_000).map(str),
)
PIECES = st.one_of(
    WORDS, WORDS, st.builds(str.__add__, WORDS, st.sampled_from(PUNCTUATION)),
    st.builds(str.__add__, st.sampled_from(PUNCTUATION), WORDS), st.sampled_from(PUNCTUATION),
    st.sampled_from(LATIN1_SIGNS),
    st.sampled_from([" ", " ", "\n", "  ", "\n\n"]),
)
CLEAN_TEXT = st.builds(lambda first, rest: " ".join([first, *rest]), WORDS, st.lists(PIECES, max_size=80))


@settings(max_examples=300, deadline=None)
@given(CLEAN_TEXT)
def test_clean_vietnamese_is_returned_unchanged_without_a_warning(text):
    text = unicodedata.normalize("NFC", text)
    assert repair_mojibake(text) is None
    document = decode_bytes(text.encode("utf-8"), source="note.txt", html=False)
    assert document.text == text
    assert not [w for w in document.warnings if w.startswith("mojibake")]


def test_doctests():
    import doctest

    from extractor import mojibake

    assert doctest.testmod(mojibake).failed == 0


def test_a_json_lines_archive_with_a_misread_text_field_gives_the_clean_record(tmp_path):
    """Archives hold mojibake in their text fields too: the batch repairs them as it repairs files."""
    from extractor.batch import run_batch

    archive = tmp_path / "archive.jsonl"
    archive.write_text(
        json.dumps({"id": "misread", "text": double_encoded(ARTICLE)}, ensure_ascii=False) + "\n"
        + json.dumps({"id": "clean", "text": ARTICLE}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    run_batch([str(archive)], out, engine="serial", text_field="text", id_field="id")
    records = {r["source"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    misread, clean = records["misread"], records["clean"]
    assert misread["chairpersons"] and misread["awards"]
    for field in ("is_meeting_report", "meeting_date", "chairpersons", "attendees", "targets", "awards"):
        assert _values(misread[field]) == _values(clean[field]), field
    assert [w for w in misread["warnings"] if w.startswith("mojibake repaired")]
    assert clean["warnings"] == []


def _values(value):
    """A record field without its evidence (offsets and texts are the only things that may differ)."""
    if isinstance(value, list):
        return [_values(v) for v in value]
    if isinstance(value, dict):
        return {k: _values(v) for k, v in value.items() if "evidence" not in k}
    return value
