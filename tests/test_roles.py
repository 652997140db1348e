"""The role stage: who chaired, who took part, who is only mentioned.

Given a short meeting article in the genre, when it is extracted, then the
chairpersons are exactly the named people the text says chủ trì / đồng chủ
trì / chủ tọa (in any of the genre's shapes), the attendees are the other
named people who took part, and people only mentioned (a directive's
author, a sender of flowers, the absent, the next session's chair) are in
neither list.
"""
from __future__ import annotations

import pytest


from tests.genre import article



def roles(report) -> tuple[set[str], set[str]]:
    return {p.name for p in report.chairpersons}, {p.name for p in report.attendees}


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# --------------------------------------------------------------------------- chairs

CHAIRS = [
    # (sentences, chairs, attendees)
    # -- "X, title chủ trì"
    ("Đồng chí Dương Đức Đằng, Chủ tịch UBND huyện chủ trì hội nghị.", {"Dương Đức Đằng"}, set()),
    ("Phó Chủ tịch UBND tỉnh Nguyễn Văn An chủ trì hội nghị.", {"Nguyễn Văn An"}, set()),
    ("Đồng chí Hoàng Quốc Vượng đã chủ trì hội nghị.", {"Hoàng Quốc Vượng"}, set()),
    ("Bà Lò Thị Xuân - Bí thư Đảng ủy - Chủ tịch HĐND xã chủ trì hội nghị.", {"Lò Thị Xuân"}, set()),
    # -- "đồng chủ trì", a list before the verb
    (
        "Các đồng chí Hồ Văn Niên, Bí thư Huyện ủy và Vương Thị Hà, Chủ tịch UBND huyện đồng chủ trì hội nghị.",
        {"Hồ Văn Niên", "Vương Thị Hà"}, set(),
    ),
    ("Hội nghị do đồng chí Âu Văn Lực và đồng chí Tạ Thị Mơ đồng chủ trì.", {"Âu Văn Lực", "Tạ Thị Mơ"}, set()),
    # -- "chủ tọa"
    ("Đồng chí Châu Văn Tài, Chủ tịch HĐND huyện chủ tọa hội nghị.", {"Châu Văn Tài"}, set()),
    # -- "dưới sự chủ trì của X"
    (
        "Hội nghị diễn ra dưới sự chủ trì của đồng chí Mai Văn Huỳnh, Bí thư Huyện ủy.",
        {"Mai Văn Huỳnh"}, set(),
    ),
    # -- "do X chủ trì"
    (
        "Hội nghị do đồng chí Lương Văn Hòa, Phó Chủ tịch UBND huyện chủ trì đã đánh giá tình hình.",
        {"Lương Văn Hòa"}, set(),
    ),
    # -- a heading: "Chủ trì hội nghị có ...", "Chủ tọa kỳ họp: A; B"
    (
        "Chủ trì hội nghị có các đồng chí: Phùng Thị Lan, Chủ tịch Ủy ban MTTQ huyện; "
        "Lưu Văn Bằng, Phó Chủ tịch Ủy ban MTTQ huyện.",
        {"Phùng Thị Lan", "Lưu Văn Bằng"}, set(),
    ),
    (
        "\nChủ tọa hội nghị: đồng chí Bùi Văn Khánh, Chủ tịch UBND huyện; "
        "đồng chí Hồ Thị Nga, Phó Chủ tịch UBND huyện.",
        {"Bùi Văn Khánh", "Hồ Thị Nga"}, set(),
    ),
    # -- a chair named by title only has no name and is not listed
    (
        "Chủ tịch UBND huyện chủ trì hội nghị. Dự hội nghị có đồng chí Mạc Văn Tiến, Giám đốc Sở Tài chính.",
        set(), {"Mạc Văn Tiến"},
    ),
    # -- a delegation head is an attendee; the host who chairs is the chair
    (
        "Đoàn công tác của Bộ Y tế do Thứ trưởng Đỗ Xuân Tuyên làm trưởng đoàn dự hội nghị. "
        "Đồng chí Cao Tường Huy, Chủ tịch UBND huyện chủ trì hội nghị.",
        {"Cao Tường Huy"}, {"Đỗ Xuân Tuyên"},
    ),
    # -- an announced chair of a later meeting is not a chair
    (
        "Đồng chí Ngô Minh Châu, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Đồng chí Đinh Văn Sơn, Phó Chủ tịch UBND huyện sẽ chủ trì hội nghị chuyên đề vào tháng 1/2024.",
        {"Ngô Minh Châu"}, None,  # None: the future chair's other role is not asserted
    ),
    pytest.param(
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Dự kiến, hội nghị chuyên đề tháng 1/2024 sẽ do đồng chí Lê Thị Hoa, Phó Chủ tịch UBND huyện chủ trì.",
        {"Phan Văn Hải"}, None,
    ),
    # -- the chair of a side event is an attendee of the main meeting (ANNOTATION.md)
    # bug caught: a side event's chair was a chair
    ("Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Buổi chiều, đồng chí Lê Thị Hoa, Phó Chủ tịch UBND huyện chủ trì phiên thảo luận tổ.",
        {"Phan Văn Hải"}, {"Lê Thị Hoa"}),
    # bug caught: an earlier ceremony's chair was a chair
    ("Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Trước đó, đồng chí Lê Thị Hoa, Phó Chủ tịch UBND huyện chủ trì lễ dâng hương tại Khu di tích.",
        {"Phan Văn Hải"}, {"Lê Thị Hoa"}),
    # -- chair and attendees in one article
    (
        "Đồng chí Tăng Văn Út, Chủ tịch UBND huyện chủ trì hội nghị. Tham dự hội nghị có các đồng chí: "
        "Lâm Văn Bé, Phó Bí thư Tỉnh ủy; Hứa Thị Phấn, Phó Chủ tịch UBND tỉnh.",
        {"Tăng Văn Út"}, {"Lâm Văn Bé", "Hứa Thị Phấn"},
    ),
    # -- the chair named again later stays a chair, once
    (
        "Đồng chí Nguyễn Văn Toàn, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Phát biểu kết luận, đồng chí Nguyễn Văn Toàn đề nghị các xã đẩy nhanh tiến độ.",
        {"Nguyễn Văn Toàn"}, set(),
    ),
]


@pytest.mark.parametrize("sentences, chairs, attendees", CHAIRS)
def test_chairs(extractor, sentences, chairs, attendees):
    report = extractor.extract(article(sentences))
    found_chairs, found_attendees = roles(report)
    assert found_chairs == chairs, sentences
    if attendees is not None:
        assert found_attendees == attendees, sentences


def test_council_session_presidium(extractor):
    text = (
        "Kỳ họp thứ 7 HĐND huyện khóa XX\n"
        "Sáng 20/12/2023, HĐND huyện khóa XX khai mạc kỳ họp thứ 7.\n"
        "Chủ tọa kỳ họp: đồng chí Bùi Văn Khánh, Chủ tịch HĐND huyện; "
        "đồng chí Hồ Thị Nga, Phó Chủ tịch HĐND huyện.\n"
        "Dự kỳ họp có đồng chí Lê Văn Phúc, Bí thư Huyện ủy."
    )
    report = extractor.extract(text)
    assert roles(report) == ({"Bùi Văn Khánh", "Hồ Thị Nga"}, {"Lê Văn Phúc"})


def test_future_chair_is_not_a_chair(extractor):
    report = extractor.extract(article(
        "Đồng chí Ngô Minh Châu, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Đồng chí Đinh Văn Sơn, Phó Chủ tịch UBND huyện sẽ chủ trì hội nghị chuyên đề vào tháng 1/2024."
    ))
    assert "Đinh Văn Sơn" not in roles(report)[0]


def test_chair_evidence_points_at_the_verb(extractor):
    text = article("Đồng chí Dương Đức Đằng, Chủ tịch UBND huyện chủ trì hội nghị.")
    chair = extractor.extract(text).chairpersons[0]
    assert [text[e.start:e.end] for e in chair.role_evidence] == ["chủ trì"]


# --------------------------------------------------------------------------- attendees

ATTENDEES = [
    # (sentences, attendees) -- a chair sentence is added in front of each
    ("Dự hội nghị có đồng chí Hà Thị Minh, Phó Bí thư Thường trực Huyện ủy.", {"Hà Thị Minh"}),
    ("Tới dự có đồng chí Nông Văn Tiến, Phó Chủ tịch UBND tỉnh.", {"Nông Văn Tiến"}),
    ("Đồng chí Phạm Văn Hùng, Bí thư Huyện ủy dự và chỉ đạo hội nghị.", {"Phạm Văn Hùng"}),
    ("Phát biểu chỉ đạo, đồng chí Chu Văn Lâm, Bí thư Huyện ủy đề nghị các xã tập trung.", {"Chu Văn Lâm"}),
    ("Đồng chí Lê Văn Hiếu, Phó Chủ tịch UBND huyện trình bày báo cáo tại hội nghị.", {"Lê Văn Hiếu"}),
    # quoted in the meeting's own report: took part
    ("Theo Bộ trưởng Bộ Kế hoạch và Đầu tư Nguyễn Chí Dũng, tăng trưởng đạt khá.", {"Nguyễn Chí Dũng"}),
    # giving an award at the meeting
    ("Đồng chí Văn Thị Bạch Tuyết, Phó Chủ tịch UBND huyện trao Bằng khen cho các tập thể.", {"Văn Thị Bạch Tuyết"}),
    # elected at the meeting
    ("Đồng chí Khúc Thị Duyên được bầu giữ chức Phó Bí thư Huyện ủy.", {"Khúc Thị Duyên"}),
]


@pytest.mark.parametrize("sentences, attendees", ATTENDEES)
def test_attendees(extractor, sentences, attendees):
    chair = "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị."
    report = extractor.extract(article(chair, sentences))
    assert roles(report) == ({"Phan Văn Hải"}, attendees), sentences


# --------------------------------------------------------------------------- only mentioned

MENTIONED = [
    # (sentences, the person only mentioned)
    (
        "Hội nghị triển khai nhiệm vụ theo chỉ đạo của đồng chí Nguyễn Văn Quang, Chủ tịch UBND tỉnh.",
        "Nguyễn Văn Quang",
    ),
    ("Đồng chí Lê Thanh Hải, Bí thư Tỉnh ủy gửi lẵng hoa chúc mừng hội nghị.", "Lê Thanh Hải"),
    ("Đồng chí Lục Văn Thái, Phó Chủ tịch UBND huyện vắng mặt vì đi công tác.", "Lục Văn Thái"),
    ("Đồng chí Trần Văn Lợi, Giám đốc Sở Nội vụ gửi thư chúc mừng hội nghị.", "Trần Văn Lợi"),
]


@pytest.mark.parametrize("sentences, mentioned", MENTIONED)
def test_people_only_mentioned_take_no_part(extractor, sentences, mentioned):
    chair = "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị."
    report = extractor.extract(article(chair, sentences))
    chairs, attendees = roles(report)
    assert chairs == {"Phan Văn Hải"}, sentences
    assert mentioned not in attendees, sentences


def test_author_from_metadata_is_not_an_attendee(extractor):
    from extractor.pipeline import DocumentMetadata

    text = article(
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.",
        "Theo phóng viên Nguyễn Thu Trang, hội nghị có 150 đại biểu tham dự.",
    )
    report = extractor.extract(text, metadata=DocumentMetadata(author="Nguyễn Thu Trang"))
    assert roles(report) == ({"Phan Văn Hải"}, set())
