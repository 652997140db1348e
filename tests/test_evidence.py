"""Every value in the record points back into the text the user gave.

Given articles written for these tests (in NFC, in NFD, with no-break
spaces, zero-width characters, soft hyphens, Windows line ends, the old tone
placement and the look-alike "Ð"), when they are extracted, then every
evidence satisfies ``text[e.start:e.end] == e.text``, and the decomposed
form of an article gives the same scored fields as the composed one.
"""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


ARTICLES = {
    "district-review": (
        "Huyện Yên Lập tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024\n"
        "Thứ hai, 18/12/2023\n"
        "Sáng 15/12/2023, UBND huyện Yên Lập tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ "
        "năm 2024. Đồng chí Phan Văn Hải, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị.\n"
        "Dự hội nghị có đồng chí Hà Thị Minh, Phó Bí thư Thường trực Huyện ủy; đồng chí Lê Văn Cường-Phó Chủ "
        "tịch HĐND huyện cùng lãnh đạo các phòng, ban, ngành và 17 xã, thị trấn.\n"
        "Năm 2023, huyện hoàn thành 16/17 chỉ tiêu chủ yếu; 12/14 xã đạt chuẩn nông thôn mới. Phát biểu chỉ "
        "đạo, đồng chí Hà Thị Minh đề nghị các xã tập trung cải cách hành chính.\n"
        "Dịp này, Chủ tịch UBND huyện tặng Giấy khen cho 25 tập thể và 40 cá nhân có thành tích xuất sắc. "
        "(Ảnh: Minh Hà)\n"
        "Thu Trang"
    ),
    "council-session": (
        "Kỳ họp thứ 7 HĐND tỉnh khóa XVI\n"
        "Cập nhật: 21/12/2023\n"
        "Sáng 20/12, HĐND tỉnh khóa XVI khai mạc kỳ họp thứ 7.\n"
        "Chủ tọa kỳ họp: đồng chí Bùi Văn Khánh, Ủy viên Ban Thường vụ Tỉnh ủy, Chủ tịch HĐND tỉnh; đồng chí "
        "Hồ Thị Thủy, Phó Chủ tịch HĐND tỉnh.\n"
        "Dự kỳ họp có Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Đỗ Trọng Hòa; các Phó Chủ tịch UBND tỉnh: "
        "Hoàng Văn Thắng, Đỗ Minh Tuấn và Vũ Thị Hằng.\n"
        "Kỳ họp có 48/50 đại biểu có mặt. Năm 2023, tỉnh đạt 15/15 chỉ tiêu. Dịp này, 2 tập thể vinh dự nhận "
        "Cờ thi đua xuất sắc của Thủ tướng Chính phủ."
    ),
    "working-session": (
        "Đoàn công tác Bộ Y tế làm việc tại tỉnh\n"
        "Chiều 6/3/2024, đoàn công tác của Bộ Y tế do Thứ trưởng Đỗ Xuân Tuyên làm trưởng đoàn đã có buổi làm "
        "việc với UBND tỉnh về công tác y tế cơ sở. Đồng chí Trần Văn Lâm, Phó Chủ tịch UBND tỉnh chủ trì buổi "
        "làm việc. Đồng chí Lê Thanh Hải, Bí thư Tỉnh ủy gửi lẵng hoa chúc mừng."
    ),
    "furniture": (
        "Hội\u00a0nghị Ban Chấp hành Đảng bộ huyện lần thứ 12\r\n"
        "Sáng\u00a0ngày 17/01/2022,\u200b Ban Chấp hành Đảng bộ huyện tổ chức hội nghị lần thứ 12. "
        "Ðồng chí Nguy\u00adễn Văn Hòa, Bí thư Huyện ủy chủ trì hội nghị.\r\n"
        "Tham dự có đồng chí Ðinh Thị Thúy, Phó Chủ tịch Ủy ban nhân dân tỉnh.\ufeff\r\n"
        "Huyện hoàn thành 15/15\u00a0chỉ tiêu; 3\u00a0tập thể được tặng Bằng khen của Chủ tịch UBND tỉnh."
    ),
}



def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def assert_evidence_holds(report, text: str) -> None:
    evidences = report.evidences()
    for ev in evidences:
        assert 0 <= ev.start <= ev.end <= len(text), ev
        assert text[ev.start:ev.end] == ev.text, ev


def scored(report) -> dict:
    """The fields the scorer reads, in one comparable form."""
    def people(persons):
        return sorted((nfc(p.name), tuple(sorted(nfc(t) for t in p.titles))) for p in persons)

    return {
        "is_meeting_report": report.is_meeting_report,
        "meeting_date": report.meeting_date,
        "chairpersons": people(report.chairpersons),
        "attendees": people(report.attendees),
        "targets": sorted((t.achieved, t.total, nfc(t.unit)) for t in report.targets),
        "awards": sorted((a.count, a.approximate, nfc(a.recipient), nfc(a.award)) for a in report.awards),
    }


@pytest.mark.parametrize("name", ARTICLES)
@pytest.mark.parametrize("form", ["as-written", "NFD"])
def test_every_evidence_slices_the_original(extractor, name, form):
    text = ARTICLES[name] if form == "as-written" else nfd(ARTICLES[name])
    report = extractor.extract(text)
    assert report.is_meeting_report, name
    assert report.evidences(), name  # something was found, so the check below checks something
    assert_evidence_holds(report, text)


@pytest.mark.parametrize("name", ARTICLES)
def test_nfd_gives_the_same_scored_fields(extractor, name):
    text = ARTICLES[name]
    assert scored(extractor.extract(nfd(text))) == scored(extractor.extract(nfc(text)))


def test_the_articles_are_read_as_intended(extractor):
    # A fixed point for the two tests above: what the main article yields.
    got = scored(extractor.extract(ARTICLES["district-review"]))
    assert got == {
        "is_meeting_report": True,
        "meeting_date": "2023-12-15",
        "chairpersons": [("Phan Văn Hải", ("Chủ tịch UBND huyện", "Phó Bí thư Huyện ủy"))],
        "attendees": [
            ("Hà Thị Minh", ("Phó Bí thư Thường trực Huyện ủy",)),
            ("Lê Văn Cường", ("Phó Chủ tịch HĐND huyện",)),
        ],
        "targets": [(12, 14, "xã"), (16, 17, "chỉ tiêu chủ yếu")],
        "awards": [(25, False, "tập thể", "Giấy khen"), (40, False, "cá nhân", "Giấy khen")],
    }


def test_furniture_does_not_change_what_is_found(extractor):
    got = scored(extractor.extract(ARTICLES["furniture"]))
    assert got["meeting_date"] == "2022-01-17"
    assert [(name.replace("\u00ad", ""), titles) for name, titles in got["chairpersons"]] == [
        ("Nguyễn Văn Hòa", ("Bí thư Huyện ủy",))
    ]
    # the look-alike letter is matched as "Đ"; the value is the text as written
    assert [name for name, _ in got["attendees"]] in (["Ðinh Thị Thúy"], ["Đinh Thị Thúy"])
    assert got["targets"] == [(15, 15, "chỉ tiêu")]
    assert [(a[0], a[3]) for a in got["awards"]] == [(3, "Bằng khen của Chủ tịch UBND tỉnh")]


def test_values_drop_invisible_characters(extractor):
    report = extractor.extract(ARTICLES["furniture"])
    assert [p.name for p in report.chairpersons] == ["Nguyễn Văn Hòa"]


# --------------------------------------------------------------------------- property: noise anywhere

_NOISE = ["\u200b", "\u00ad", "\ufeff", "\u00a0", "\u0301", "\r"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.sampled_from(sorted(ARTICLES)),
    st.lists(st.tuples(st.floats(0, 1), st.sampled_from(_NOISE)), max_size=12),
)
def test_evidence_holds_with_noise_anywhere(extractor, name, insertions):
    text = ARTICLES[name]
    for where, noise in insertions:
        pos = int(where * len(text))
        text = text[:pos] + noise + text[pos:]
    report = extractor.extract(text)
    assert_evidence_holds(report, text)
