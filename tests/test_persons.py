"""The person stage: where a meeting report names people, and where it does not.

Given a short article in the genre (a headline, a lead that sets up the
meeting, then the sentence under test), when it is extracted, then the
people in the record (chairs and attendees together) are exactly the
expected names, written in full, with no honorific; places, streets,
schools and oceans that look like names, bylines and photo credits are
never people.
"""
from __future__ import annotations

import pytest

from extractor.normalize import normalize

from tests.genre import article



def names(report) -> set[str]:
    return {p.name for p in [*report.chairpersons, *report.attendees]}


# --------------------------------------------------------------------------- names found

NAMES = [
    # title before the name
    ("Phó Chủ tịch UBND tỉnh Nguyễn Văn An phát biểu chỉ đạo hội nghị.", {"Nguyễn Văn An"}),
    ("Giám đốc Sở Y tế Hoàng Văn Minh dự hội nghị.", {"Hoàng Văn Minh"}),
    # honorifics are not part of the name
    ("Dự hội nghị có đồng chí Hà Thị Minh, Phó Bí thư Thường trực Huyện ủy.", {"Hà Thị Minh"}),
    ("Đồng chí Phạm Văn Hùng, Bí thư Huyện ủy dự hội nghị.", {"Phạm Văn Hùng"}),
    ("Đ/c Hoàng Văn Thụ, Phó Chủ tịch UBND huyện chủ trì hội nghị.", {"Hoàng Văn Thụ"}),
    ("Dự hội nghị có đ/c Lý Thị Hạnh, Trưởng phòng Nội vụ huyện.", {"Lý Thị Hạnh"}),
    ("Ông Trần Văn Long, Giám đốc Sở Tài chính phát biểu tại hội nghị.", {"Trần Văn Long"}),
    ("Bà Lò Thị Xuân, Chủ tịch Hội Liên hiệp Phụ nữ huyện báo cáo tại hội nghị.", {"Lò Thị Xuân"}),
    # a two-syllable name needs the genre's frame: an honorific or a title
    ("Dự hội nghị có ông Lê Hùng, Giám đốc Trung tâm Y tế huyện.", {"Lê Hùng"}),
    # four syllables
    ("Đồng chí Tôn Nữ Thị Ninh, Giám đốc Sở Giáo dục và Đào tạo chủ trì hội nghị.", {"Tôn Nữ Thị Ninh"}),
    ("Bà Nguyễn Thị Kim Tiến, Phó Giám đốc Sở Y tế dự hội nghị.", {"Nguyễn Thị Kim Tiến"}),
    # a place before the name: the place ends, the name begins
    ("Chủ tịch UBND tỉnh Thái Nguyên Vũ Hồng Bắc chủ trì hội nghị.", {"Vũ Hồng Bắc"}),
    ("Bí thư Tỉnh ủy Hà Giang Đặng Quốc Khánh chủ trì hội nghị.", {"Đặng Quốc Khánh"}),
    ("Chủ tịch UBND tỉnh Quảng Nam Lê Văn Dũng dự hội nghị.", {"Lê Văn Dũng"}),
    ("Chủ tịch UBND TP Hồ Chí Minh Phan Văn Mãi dự hội nghị.", {"Phan Văn Mãi"}),
    ("Bí thư Thành ủy TP.HCM Nguyễn Văn Nên phát biểu tại hội nghị.", {"Nguyễn Văn Nên"}),
    # ... and no place at all: "tỉnh" runs straight into a three-syllable name
    ("Phó Chủ tịch UBND tỉnh Lê Trí Thanh chủ trì hội nghị.", {"Lê Trí Thanh"}),
    ("Phó Chủ tịch UBND huyện Hà Văn Tùng phát biểu tại hội nghị.", {"Hà Văn Tùng"}),
    # names of the ethnic minorities and foreign guests, after a title or honorific
    ("Đồng chí Y Bơ Mlô, Chủ tịch UBND xã báo cáo tại hội nghị.", {"Y Bơ Mlô"}),
    ("Dự hội nghị có Đại sứ Nhật Bản Yamada Takio.", {"Yamada Takio"}),
    # several people in one sentence
    (
        "Dự hội nghị có đồng chí Trần Thị Bình - Bí thư Đảng ủy - Chủ tịch HĐND xã Tân Lập "
        "và đồng chí Lê Văn Cường-Phó Chủ tịch UBND huyện.",
        {"Trần Thị Bình", "Lê Văn Cường"},
    ),
    (
        "Cùng dự có các Phó Chủ tịch UBND tỉnh: Hoàng Văn Thắng, Đỗ Minh Tuấn và Vũ Thị Hằng.",
        {"Hoàng Văn Thắng", "Đỗ Minh Tuấn", "Vũ Thị Hằng"},
    ),
    # an organ named by its level is followed by its place, then the name
    ("Bí thư Huyện ủy Lâm Bình Lâm Văn Sơn dự hội nghị.", {"Lâm Văn Sơn"}),
    ("Bí thư Huyện ủy Lâm Văn Sơn dự hội nghị.", {"Lâm Văn Sơn"}),
    # given names that are also common words keep their family name
    ("Dự hội nghị có ông Lê Thành Công, Phó Chủ tịch UBND huyện.", {"Lê Thành Công"}),
    ("Phó Chủ tịch UBND tỉnh Đặng Thái Bình dự hội nghị.", {"Đặng Thái Bình"}),
    ("Dự hội nghị có ông Trần Tiến Bộ, Trưởng phòng Nội vụ huyện.", {"Trần Tiến Bộ"}),
    # "nhà trường" is the school itself, not a school named after the person who follows
    ("Hiệu trưởng nhà trường Lê Minh Đức phát biểu tại hội nghị.", {"Lê Minh Đức"}),
]


@pytest.mark.parametrize("sentence, expected", NAMES)
def test_names(extractor, sentence, expected):
    report = extractor.extract(article(sentence))
    assert report.is_meeting_report, sentence
    assert names(report) == expected, sentence


def test_fullest_form_of_a_name_is_kept(extractor):
    text = article(
        "Đồng chí Nguyễn Văn Toàn, Chủ tịch UBND huyện chủ trì hội nghị.",
        "Kết luận hội nghị, Chủ tịch UBND huyện Nguyễn Văn Toàn đề nghị các xã đẩy nhanh tiến độ.",
    )
    report = extractor.extract(text)
    assert [p.name for p in report.chairpersons] == ["Nguyễn Văn Toàn"]
    assert report.attendees == []
    assert len(report.chairpersons[0].name_evidence) == 2


def test_nfd_names_keep_their_diacritics(extractor):
    import unicodedata

    text = article("Đồng chí Nguyễn Thị Thủy, Phó Chủ tịch UBND huyện chủ trì hội nghị.")
    report = extractor.extract(unicodedata.normalize("NFD", text))
    assert [unicodedata.normalize("NFC", p.name) for p in report.chairpersons] == ["Nguyễn Thị Thủy"]


# --------------------------------------------------------------------------- not names

NOT_PERSONS = [
    # (sentence, what must not be taken for a person). Every sentence has a
    # word of taking part ("dự", "phát biểu"), so a name there would be kept.
    ("Các đại biểu dự hội nghị tại hội trường số 2 đường Nguyễn Văn Linh.", "Nguyễn Văn Linh"),
    ("Hội nghị có sự tham dự của đại diện Trường THPT Chu Văn An.", "Chu Văn An"),
    ("Học sinh Trường THPT Trần Phú dự hội nghị và biểu diễn văn nghệ chào mừng.", "Trần Phú"),
    ("Đại diện Bộ Ngoại giao phát biểu về hợp tác khu vực Thái Bình Dương.", "Thái Bình Dương"),
    ("Lãnh đạo huyện Hoàng Su Phì dự hội nghị.", "Hoàng Su Phì"),
    ("Đại diện xã Lê Lợi phát biểu tại hội nghị.", "Lê Lợi"),
    # bug caught: 'Đền thờ <name>' took the temple's namesake for a person
    ("Trước hội nghị, các đại biểu dự hội nghị dâng hương tại Đền thờ Lý Thường Kiệt.", "Lý Thường Kiệt"),
    ("Các đại biểu dự hội nghị tham quan Quảng trường Hồ Chí Minh.", "Hồ Chí Minh"),
    ("Đại diện Ban quản lý dự án cầu Trần Thị Lý báo cáo tại hội nghị.", "Trần Thị Lý"),
    ("Đại diện phường Nguyễn Trãi phát biểu tại hội nghị.", "Nguyễn Trãi"),
    # a place written like a name: after "địa bàn", after an organ named by its level
    ("Các đại biểu HĐND tỉnh phụ trách địa bàn Lâm Bình Sơn dự hội nghị.", "Lâm Bình Sơn"),
    ("Thường trực Huyện ủy Lâm Bình dự hội nghị.", "Lâm Bình"),
    # a publisher or a journal named like a person
    ("Đại diện Nhà xuất bản Phương Đông phát biểu tại hội nghị.", "Phương Đông"),
]


def test_a_place_the_article_writes_after_a_level_word_is_no_person_anywhere(extractor):
    text = article(
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.",
        headline="Lâm Bình Sơn tổng kết công tác năm 2023",
        lead="Sáng 15/12/2023, UBND huyện Lâm Bình Sơn tổ chức hội nghị tổng kết công tác năm 2023.",
    )
    assert names(extractor.extract(text)) == {"Phan Văn Hải"}


@pytest.mark.parametrize("sentence, not_a_person", NOT_PERSONS)
def test_places_named_after_people_are_not_people(extractor, sentence, not_a_person):
    chair = "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị."
    report = extractor.extract(article(chair, sentence))
    assert names(report) == {"Phan Văn Hải"}, sentence


@pytest.mark.parametrize("sentence, not_a_person", NOT_PERSONS)
def test_places_named_after_people_are_not_name_mentions(extractor, sentence, not_a_person):
    # One stage down: the person finder itself does not mark them.
    doc = extractor.pipeline.nlp(normalize(article(sentence)).text)
    assert not_a_person not in {span.text for span in doc.spans["persons"]}, sentence


BYLINES_AND_CREDITS = [
    # (text after the lead, the name that must not be a person)
    ("Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.\nThu Trang", "Thu Trang"),
    ("Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.\nNguyễn Hoài Nam", "Nguyễn Hoài Nam"),
    ("Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. Nguyễn Hoài Nam", "Nguyễn Hoài Nam"),
    (
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. "
        "Quang cảnh hội nghị (Ảnh: Minh Hà) Các đại biểu thảo luận sôi nổi.",
        "Minh Hà",
    ),
    (
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị (Ảnh: Lê Minh Tuấn). "
        "Các đại biểu thảo luận sôi nổi.",
        "Lê Minh Tuấn",
    ),
    (
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. Các đại biểu dự hội nghị. "
        "Ảnh: Trần Quang Huy",
        "Trần Quang Huy",
    ),
    (
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.\nTin, ảnh: Hoàng Thị Hà",
        "Hoàng Thị Hà",
    ),
]


@pytest.mark.parametrize("body, not_a_person", BYLINES_AND_CREDITS)
def test_bylines_and_photo_credits_are_not_people(extractor, body, not_a_person):
    report = extractor.extract(article(body))
    assert names(report) == {"Phan Văn Hải"}, body


def test_a_name_in_the_headline_alone_is_found_in_the_body(extractor):
    text = article(
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị.",
        headline="Chủ tịch UBND huyện Phan Văn Hải chủ trì hội nghị tổng kết năm 2023",
    )
    report = extractor.extract(text)
    assert names(report) == {"Phan Văn Hải"}
