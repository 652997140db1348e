"""Bytes in, text out: encodings, their tables, detection, and input errors.

Given bytes of a known encoding, when decoded, then the text and the
reported encoding are the ones the bytes were made from.
"""
from __future__ import annotations

import gzip
import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.decoding import (
    DEFAULT_MAX_BYTES,
    Document,
    canonical_encoding,
    decode_bytes,
    known_encoding,
    read_document,
)
from extractor.detection import VIETNAMESE_LETTERS, is_vietnamese_syllable, vietnamese_score
from extractor.errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    ExtractorError,
    InputError,
    InputTooLargeError,
    MissingInputError,
    NotAFileError,
    PatternError,
)
from extractor.legacy_encodings import (
    decode_tcvn3,
    decode_vni,
    decode_windows_1258,
    encode_tcvn3,
    encode_vni,
    encode_windows_1258,
    encodings_dir,
    load_table,
)
from tests.input_samples import ARTICLE, article_forms, assert_evidence_holds, scored_fields

# ---------------------------------------------------------------- hand-checked bytes
# Bytes written out by hand from the TCVN3 and VNI charts (and the well-known
# mojibake: TCVN3 "Việt Nam" seen as Latin-1 is "ViÖt Nam", VNI is "Vieät Nam"),
# independent of the encoders under test.
HAND_CHECKED = [
    ("tcvn3", b"Vi\xd6t Nam", "Việt Nam"),
    ("tcvn3", b"H\xe9i ngh\xde", "Hội nghị"),
    ("tcvn3", b"\xae\xe5ng ch\xdd", "đồng chí"),
    ("tcvn3", b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("tcvn3", b"\xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c", "Độc lập - Tự do - Hạnh phúc"),
    ("tcvn3", b"ng\xad\xeai \xae\xad\xeec", "người được"),
    ("tcvn3", b"\xa1 \xa2 \xa3 \xa4 \xa5 \xa6 \xa7", "Ă Â Ê Ô Ơ Ư Đ"),
    ("vni", b"Vie\xe4t Nam", "Việt Nam"),
    ("vni", b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
    ("vni", b"\xd1o\xe4c la\xe4p - T\xf6\xef do - Ha\xefnh phu\xf9c", "Độc lập - Tự do - Hạnh phúc"),
    ("vni", b"ng\xf6\xf4\xf8i \xf1\xf6\xf4\xefc", "người được"),
    ("vni", b"Ho\xe4i ngh\xf2 \xf1o\xe0ng ch\xed", "Hội nghị đồng chí"),
    ("vni", b"VIE\xc4T NAM, \xd1O\xc0NG CH\xcd", "VIỆT NAM, ĐỒNG CHÍ"),
    ("vni", b"ch\xe6 \xf1a\xefo, k\xee lua\xe4t, na\xeam", "chỉ đạo, kỵ luật, năm"),
    ("windows-1258", b"Vi\xea\xf2t Nam", "Việt Nam"),
    ("windows-1258", b"H\xf4\xf2i nghi\xf2", "Hội nghị"),
    ("windows-1258", b"\xf0\xf4\xccng chi\xec", "đồng chí"),
]


@pytest.mark.parametrize(("encoding", "data", "expected"), HAND_CHECKED)
def test_hand_checked_bytes_decode(encoding, data, expected):
    decoder = {"tcvn3": decode_tcvn3, "vni": decode_vni, "windows-1258": decode_windows_1258}[encoding]
    assert decoder(data) == expected, data


@pytest.mark.parametrize(("encoding", "data", "expected"), HAND_CHECKED)
def test_hand_checked_bytes_through_forced_encoding(encoding, data, expected):
    document = decode_bytes(data, encoding=encoding)
    assert (document.text, document.encoding) == (expected, encoding)


@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [case for case in HAND_CHECKED if case[0] != "windows-1258"],
)
def test_hand_checked_bytes_encode(encoding, data, expected):
    encoder = {"tcvn3": encode_tcvn3, "vni": encode_vni}[encoding]
    assert encoder(expected) == data


def test_windows_1258_encoder_writes_base_letter_and_tone():
    assert encode_windows_1258("Việt Nam") == b"Vi\xea\xf2t Nam"
    assert encode_windows_1258("à") == b"\xe0"  # precomposed where the code page has it


# ---------------------------------------------------------------- table integrity

def _all_letters(upper: bool) -> set[str]:
    return {c for c in VIETNAMESE_LETTERS if c.isupper() == upper}


def test_vietnamese_alphabet_has_67_letters_each_case():
    assert len(_all_letters(upper=False)) == len(_all_letters(upper=True)) == 67


def test_tcvn3_table_covers_every_small_letter_and_the_seven_plain_capitals():
    table = load_table(encodings_dir() / "tcvn3.tsv")
    letters = set(table.values())
    assert len(letters) == len(table), "a letter listed twice"
    assert all(len(key) == 1 and key[0] >= 0xA1 for key in table)
    assert letters == _all_letters(upper=False) | set("ĂÂÊÔƠƯĐ")


def test_vni_table_covers_every_letter_as_base_plus_mark():
    table = load_table(encodings_dir() / "vni.tsv")
    assert len(set(table.values())) == len(table) == 134
    assert set(table.values()) == VIETNAMESE_LETTERS
    singles = {key[0] for key in table if len(key) == 1}
    marks = {key[1] for key in table if len(key) == 2}
    assert not singles & marks, "a mark byte that is also a letter makes decoding ambiguous"
    for key, letter in table.items():
        if len(key) == 2:
            base = key[:1].decode("latin-1")
            assert base in "aeouyAEOUY" or key[0] in (0xF4, 0xF6, 0xD4, 0xD6), (key, letter)
            plain = unicodedata.normalize("NFD", letter)[0]
            assert plain.lower() == (base.lower() if base.isascii() else plain.lower())


def test_vni_capitals_use_capital_mark_bytes():
    table = load_table(encodings_dir() / "vni.tsv")
    by_letter = {letter: key for key, letter in table.items()}
    for letter, key in by_letter.items():
        if letter.islower() and len(key) == 2:
            assert by_letter[letter.upper()][1] == key[1] - 0x20, letter


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("41\n", "expected 'bytes<TAB>letter'"),
        ("ZZ\tă\n", "expected hex bytes and one letter"),
        ("A1\tăâ\n", "expected hex bytes and one letter"),
        ("A1\tă\nA1\tâ\n", "listed twice"),
    ],
)
def test_malformed_table_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\n" + content, encoding="utf-8")
    with pytest.raises(PatternError, match=message) as caught:
        load_table(path)
    assert str(caught.value).startswith("bad.tsv:")


# ---------------------------------------------------------------- round trips

SMALL_VIETNAMESE = st.text(
    alphabet=st.sampled_from(sorted(_all_letters(upper=False)) + list("abcdghklmnpqrstvxy ,.0123456789")),
    max_size=200,
)
ANY_VIETNAMESE = st.text(
    alphabet=st.sampled_from(sorted(VIETNAMESE_LETTERS) + list("abcdghklmnpqrstvxyABCDGHKLMNPQRSTVXY \n,.;:0123/")),
    max_size=200,
)


@given(ANY_VIETNAMESE)
def test_vni_round_trip(text):
    assert decode_vni(encode_vni(text)) == text


@given(ANY_VIETNAMESE)
def test_windows_1258_round_trip(text):
    assert decode_windows_1258(encode_windows_1258(text)) == text


@given(SMALL_VIETNAMESE)
def test_tcvn3_round_trip(text):
    assert decode_tcvn3(encode_tcvn3(text)) == text


@given(ANY_VIETNAMESE)
def test_tcvn3_folds_toned_capitals_to_small_letters(text):
    expected = "".join(
        c.lower() if c in VIETNAMESE_LETTERS and c not in "ĂÂÊÔƠƯĐ" else c for c in text
    )
    assert decode_tcvn3(encode_tcvn3(text)) == expected


def test_tcvn3_capital_with_tone_comes_back_small():
    """A documented loss: VN3 has no codes for them, the .VnTimeH fonts drew small ones big."""
    assert decode_tcvn3(encode_tcvn3("Ủy ban nhân dân TỈNH")) == "ủy ban nhân dân TỉNH"


SENTENCE_WORDS = (
    "hội nghị tổng kết công tác năm của huyện đồng chí chủ tịch phó bí thư thường trực ủy ban "
    "nhân dân tỉnh xã được người các và những đã tham dự chỉ đạo phát biểu khen thưởng tập thể "
    "cá nhân hoàn thành vượt chỉ tiêu kinh tế ngân sách thực hiện nhiệm vụ triển khai quyết định"
).split()


@settings(max_examples=60)
@given(
    st.lists(st.sampled_from(SENTENCE_WORDS), min_size=12, max_size=60),
    st.sampled_from(["windows-1258", "tcvn3", "vni"]),
)
def test_detection_names_the_encoding_of_generated_sentences(words, encoding):
    text = " ".join(words).capitalize() + "."
    if encoding == "tcvn3":
        text = text.lower()
    encoder = {"windows-1258": encode_windows_1258, "tcvn3": encode_tcvn3, "vni": encode_vni}[encoding]
    document = decode_bytes(encoder(text))
    assert (document.encoding, document.text) == (encoding, text)


# ---------------------------------------------------------------- the article in every form

FORMS = article_forms()


@pytest.mark.parametrize("label", sorted(FORMS))
def test_every_form_of_the_article_decodes_to_the_same_text(label):
    data, source, encoding = FORMS[label]
    document = decode_bytes(data, source=source)
    assert document.encoding == encoding, label
    assert unicodedata.normalize("NFC", document.text) == ARTICLE, label
    assert document.is_html == label.startswith("html")



@pytest.fixture(scope="module")
def reference_record(extractor):
    return scored_fields(extractor.extract(ARTICLE))


@pytest.mark.parametrize("label", sorted(FORMS))
def test_every_form_of_the_article_gives_the_same_record(extractor, reference_record, label):
    data, source, _ = FORMS[label]
    report = extractor.extract_bytes(data, source=source)
    assert scored_fields(report) == reference_record, label
    assert report.encoding == FORMS[label][2]
    assert_evidence_holds(report, decode_bytes(data, source=source).text)


def test_unicode_input_is_never_changed():
    """NFD stays NFD and invisible characters stay: the pipeline maps them, offsets index this text."""
    text = unicodedata.normalize("NFD", "Hội\u00a0nghị\u200b tổng\u00ad kết\u200d\ufeff năm") + "\r\n"
    for encoding in ("utf-8", "utf-16", "utf-16-le", "utf-32"):
        data = text.encode(encoding)
        document = decode_bytes(data)
        assert document.text == text, encoding


def test_utf8_bom_is_not_part_of_the_text():
    document = decode_bytes(b"\xef\xbb\xbfH\xe1\xbb\x99i ngh\xe1\xbb\x8b")
    assert (document.text, document.encoding) == ("Hội nghị", "utf-8-sig")


def test_pure_ascii_reads_as_utf8():
    assert decode_bytes(b"Hoi nghi tong ket nam 2021").encoding == "utf-8"


def test_truncated_utf8_keeps_the_text_and_marks_the_damage():
    text = ARTICLE + " Hội nghị"
    document = decode_bytes(text.encode("utf-8")[:-1])
    assert document.encoding == "utf-8"
    assert document.text == text[:-1] + "\ufffd"


def test_one_stray_latin1_byte_in_utf8_is_replaced_not_fatal():
    data = ARTICLE.encode("utf-8").replace(b"Covid-19", b"Covid\xa019")
    document = decode_bytes(data)
    assert document.encoding == "utf-8" and "Covid\ufffd19" in document.text


def test_utf16_with_odd_trailing_byte_still_decodes():
    document = decode_bytes(ARTICLE.encode("utf-16") + b"\x00")
    assert document.encoding == "utf-16" and document.text.startswith(ARTICLE)


def test_declared_charset_is_believed_when_it_reads_as_well():
    page = '<html><head><meta charset="windows-1258"></head><body><p>Hội nghị tổng kết năm</p></body></html>'
    document = decode_bytes(encode_windows_1258(page), html=False)
    assert document.encoding == "windows-1258"


def test_false_declared_charset_loses_to_the_bytes():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>' + ARTICLE + "</p></body></html>"
    assert decode_bytes(encode_vni(page)).encoding == "vni"


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("Привет, как дела? Это тестовый текст на русском языке для проверки.", "cp1251", "windows-1251"),
        ("Grüße aus München, schöne Straße und Übermut in Köln, überall Größe.", "cp1252", None),
    ],
)
def test_other_languages_fall_back_to_charset_normalizer(text, codec, expected):
    document = decode_bytes(text.encode(codec))
    assert document.text == text
    if expected:
        assert document.encoding == expected


# ---------------------------------------------------------------- forcing an encoding

@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("utf-8", "utf-8"), ("UTF8", "utf-8"), ("utf_16", "utf-16"), ("cp1258", "windows-1258"),
        ("Windows-1258", "windows-1258"), ("tcvn3", "tcvn3"), ("TCVN", "tcvn3"), ("ABC", "tcvn3"),
        ("vni", "vni"), ("VNI-Windows", "vni"), ("latin-1", "iso8859-1"),
        ("rot13", None), ("base64", None), ("klingon", None), ("", None),
    ],
)
def test_encoding_names(name, canonical):
    assert canonical_encoding(name) == canonical
    assert known_encoding(name) is (canonical is not None)


def test_forced_encoding_wins_over_detection():
    data = encode_tcvn3(ARTICLE)
    assert decode_bytes(data, encoding="vni").encoding == "vni"
    assert decode_bytes(data, encoding="TCVN3").text == ARTICLE


def test_forced_utf8_with_a_bom_drops_the_bom():
    document = decode_bytes(ARTICLE.encode("utf-8-sig"), encoding="utf-8")
    assert (document.text, document.encoding) == (ARTICLE, "utf-8-sig")


def test_forced_encoding_that_does_not_fit_says_where():
    with pytest.raises(DecodingError, match=r"^cannot be decoded as utf-8: byte 0xd6 at offset 2 is invalid$"):
        decode_bytes(b"Vi\xd6t Nam", encoding="utf-8")


def test_forced_unknown_encoding():
    with pytest.raises(DecodingError, match="unknown encoding 'klingon'"):
        decode_bytes(b"abc", encoding="klingon")


# ---------------------------------------------------------------- bad input

def _zip(name: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, "x")
    return buffer.getvalue()


BAD_INPUT = [
    # (label, bytes, error class, message)
    ("empty", b"", EmptyInputError, "the input is empty"),
    ("whitespace", b" \n\t\r\n  ", EmptyInputError, "the input holds only whitespace"),
    ("invisible only", "\u200b\u00a0\ufeff\n".encode(), EmptyInputError, "the input holds only whitespace"),
    ("utf-16 whitespace", " \n ".encode("utf-16"), EmptyInputError, "the input holds only whitespace"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInputError, "looks like a PNG image, not text"),
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", BinaryInputError, "looks like a PDF document, not text"),
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF", BinaryInputError, "looks like a JPEG image, not text"),
    ("gif", b"GIF89a\x01\x00", BinaryInputError, "looks like a GIF image, not text"),
    ("zip", _zip("notes.txt"), BinaryInputError, "looks like a ZIP archive, not text"),
    ("docx", _zip("word/document.xml"), BinaryInputError, "looks like a Word document (.docx), not text"),
    ("gzip", gzip.compress(b"hello"), BinaryInputError, "looks like a gzip archive, not text"),
    ("old doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 8, BinaryInputError,
     "looks like an old Microsoft Office file (.doc, .xls), not text"),
    ("elf", b"\x7fELF\x02\x01\x01", BinaryInputError, "looks like a Linux program, not text"),
    ("nul bytes", b"abc\x00\x01\x02\x03def\x00\x00\xff", BinaryInputError,
     "contains NUL bytes: looks like binary data, not text"),
    ("control characters", bytes(range(1, 9)) * 50, BinaryInputError,
     "looks like binary data, not text (too many control characters)"),
    ("undecodable", bytes(range(0x80, 0x100)) * 4, DecodingError,
     "cannot be decoded as UTF-8, UTF-16, Windows-1258, TCVN3 or VNI"),
]


@pytest.mark.parametrize(("label", "data", "error", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_refused_with_a_clear_line(label, data, error, message):
    with pytest.raises(error) as caught:
        decode_bytes(data, source="<stdin>")
    assert str(caught.value) == message, label
    assert caught.value.source == "<stdin>"
    assert "\n" not in str(caught.value) and "Traceback" not in str(caught.value)


def test_forced_encoding_does_not_hide_binary():
    with pytest.raises(BinaryInputError, match="PNG"):
        decode_bytes(b"\x89PNG\r\n\x1a\n", encoding="latin-1")
    with pytest.raises(BinaryInputError, match="NUL"):
        decode_bytes(b"abc\x00def", encoding="tcvn3")


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        (int(7.2 * 1024 * 1024), DEFAULT_MAX_BYTES, "7.2 MB is over the 5 MB limit (see --max-size)"),
        (900 * 1024, 800 * 1024, "900 KB is over the 800 KB limit (see --max-size)"),
        (DEFAULT_MAX_BYTES + 1, DEFAULT_MAX_BYTES,
         "5,242,881 bytes is over the 5,242,880-byte limit (see --max-size)"),
        (20, 10, "20 bytes is over the 10 bytes limit (see --max-size)"),
    ],
)
def test_too_large(size, limit, message):
    with pytest.raises(InputTooLargeError) as caught:
        decode_bytes(b"a" * size, max_bytes=limit)
    assert str(caught.value) == message


def test_not_bytes():
    with pytest.raises(InputError, match="expected bytes, got str"):
        decode_bytes("Hội nghị")


# ---------------------------------------------------------------- files

def test_read_document(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes(encode_vni(ARTICLE))
    document = read_document(path)
    assert document == Document(text=ARTICLE, encoding="vni", source=str(path))


def test_read_document_html_by_suffix(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text("<p>Hội nghị tổng kết</p>", encoding="utf-8")
    document = read_document(path)
    assert document.is_html and document.text == "Hội nghị tổng kết"


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda d: d / "missing.txt", MissingInputError, "no such file"),
        (lambda d: d / "missing" / "deeper.txt", MissingInputError, "no such file"),
        (lambda d: d, NotAFileError, "is a directory, not a file"),
        (lambda d: _write(d / "empty.txt", b""), EmptyInputError, "the file is empty"),
        (lambda d: _write(d / "blank.txt", b"\n \n"), EmptyInputError, "the file holds only whitespace"),
        (lambda d: _write(d / "img.txt", b"\x89PNG\r\n\x1a\n...."), BinaryInputError,
         "looks like a PNG image, not text"),
        (lambda d: _write(d / "file.txt", b"x") / "below.txt", MissingInputError, "no such file"),
    ],
)
def test_read_document_errors(tmp_path, make, error, message):
    path = make(tmp_path)
    with pytest.raises(error) as caught:
        read_document(path)
    assert str(caught.value) == message
    assert caught.value.source == str(path)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_size_is_checked_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: costs no disk

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr("extractor.decoding.open", no_reading, raising=False)
    with pytest.raises(InputTooLargeError, match=r"^6 MB is over the 5 MB limit \(see --max-size\)$"):
        read_document(path)


@pytest.mark.parametrize(
    ("failure", "error", "message"),
    [
        (PermissionError(13, "Permission denied"), InputError, "permission denied"),
        (IsADirectoryError(21, "Is a directory"), NotAFileError, "is a directory, not a file"),
        (OSError(5, "Input/output error"), InputError, "cannot be read (Input/output error)"),
    ],
)
def test_os_errors_while_reading_become_input_errors(tmp_path, monkeypatch, failure, error, message):
    path = _write(tmp_path / "a.txt", b"abc")

    def failing_open(*args, **kwargs):
        raise failure

    monkeypatch.setattr("extractor.decoding.open", failing_open, raising=False)
    with pytest.raises(error) as caught:
        read_document(path)
    assert str(caught.value) == message


def test_stat_permission_error(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("extractor.decoding.os.stat", denied)
    with pytest.raises(InputError, match="^permission denied$"):
        read_document(tmp_path / "a.txt")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_endless_device_stops_at_the_limit():
    with pytest.raises(InputTooLargeError, match="over the 1 KB limit"):
        read_document("/dev/zero", max_bytes=1024)


def test_every_error_is_an_extractor_error():
    for _, _, error, _ in BAD_INPUT:
        assert issubclass(error, ExtractorError)


# ---------------------------------------------------------------- the judge

@pytest.mark.parametrize(
    ("word", "valid"),
    [
        ("người", True), ("Nguyễn", True), ("nghiêng", True), ("quyết", True), ("khuỷu", True),
        ("gì", True), ("giữa", True), ("xoong", True), ("ĐỒNG", True), ("thuở", True),
        ("ViÖt", False), ("Vieọt", False), ("Héi", False), ("nghÞ", False), ("®ång", False),
        ("café", False), ("hóà", False), ("Straße", False), ("", False),
    ],
)
def test_syllable_shape(word, valid):
    assert is_vietnamese_syllable(word) is valid


def test_score_prefers_the_right_reading():
    data = encode_tcvn3(ARTICLE)
    right = vietnamese_score(decode_tcvn3(data)).value
    for wrong in (decode_vni(data), decode_windows_1258(data), data.decode("latin-1")):
        assert vietnamese_score(wrong).value < right - 0.3


def _corpus_dir() -> Path | None:
    here = Path(__file__).resolve().parent.parent
    candidate = here.parent / "shared" / "corpus" / "dev"
    return candidate if candidate.is_dir() else None


@pytest.mark.skipif(_corpus_dir() is None, reason="the shared corpus is not beside the repo")
def test_detection_on_the_dev_corpus_in_every_legacy_encoding():
    """Real articles (names, foreign words, numbers) re-encoded must come back as they were."""
    failures = []
    for path in sorted(_corpus_dir().glob("*.txt")):
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        for name, encode, decode in (
            ("windows-1258", encode_windows_1258, decode_windows_1258),
            ("tcvn3", encode_tcvn3, decode_tcvn3),
            ("vni", encode_vni, decode_vni),
        ):
            try:
                data = encode(text)
            except ValueError:  # a character the old encoding cannot hold
                continue
            document = decode_bytes(data, source=path.name)
            if document.encoding != name or document.text != decode(data):
                failures.append((path.name, name, document.encoding))
    assert not failures


# ---------------------------------------------------------------- through the command line

def test_cli_reads_a_legacy_file_and_reports_bad_ones_in_one_line(tmp_path, capsys):
    from extractor.cli import main

    old = _write(tmp_path / "old.txt", encode_tcvn3(ARTICLE))
    image = _write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    code = main(["--format", "jsonl", str(old), str(image), str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert '"encoding": "tcvn3"' in out and out.count("\n") == 1
    assert err.splitlines() == [
        f"Error: {image}: looks like a PNG image, not text",
        f"Error: {tmp_path}: is a directory, not a file",
    ]


def test_cli_forced_encoding(tmp_path, capsys):
    from extractor.cli import main

    old = _write(tmp_path / "old.txt", encode_vni(ARTICLE))
    assert main(["--encoding", "VNI", str(old)]) == 0
    assert '"encoding": "vni"' in capsys.readouterr().out
