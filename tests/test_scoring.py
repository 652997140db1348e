"""The matching rules of the gold guide, as pairs that must and must not match.

Each table row is (gold, prediction); the assertion message shows the pair.
"""
from __future__ import annotations

import doctest
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import scoring
from extractor.scoring import (
    Counts,
    award_kind,
    compare,
    date_match,
    differences,
    key,
    name_key,
    pair_up,
    title_match,
    unit_key,
)

SAME_NAME = [
    ("Nguyễn Văn Hòa", "Nguyễn Văn Hoà"),             # tone-mark placement
    ("Lê Thị Thủy", "LÊ THỊ THUỶ"),                   # case and placement
    ("Trần Quốc Khỏe", "Trần Quốc Khoẻ"),
    ("Đặng Văn Thủy", "ĐẶNG VĂN THủY"),               # case folded before the tone marks
    ("Phạm Minh Tuấn", "đồng chí Phạm Minh Tuấn"),    # honorific
    ("Phạm Minh Tuấn", "Đ/c Phạm Minh Tuấn"),
    ("Hoàng Thị Lan", "bà Hoàng Thị Lan"),
    ("Hoàng Văn Nam", "đồng chí ông Hoàng Văn Nam"),  # honorifics in a row
    ("Đỗ Văn Hải", "  Đỗ  Văn Hải, "),                # spaces and trailing comma
    (unicodedata.normalize("NFD", "Vũ Đức Đam"), "Vũ Đức Đam"),  # NFD against NFC
]
OTHER_NAME = [
    ("Nguyễn Văn Hùng", "Nguyễn Văn Hưng"),           # marks are never stripped
    ("Lê Văn Năm", "Lê Văn Nằm"),
    ("Nguyễn Văn An", "Văn An"),                      # names match in full
    ("Trần Anh", "Trần Anh Tuấn"),
]


@pytest.mark.parametrize("gold, pred", SAME_NAME)
def test_names_that_match(gold, pred):
    assert name_key(gold) == name_key(pred), (gold, pred)


@pytest.mark.parametrize("gold, pred", OTHER_NAME)
def test_names_that_do_not_match(gold, pred):
    assert name_key(gold) != name_key(pred), (gold, pred)


SAME_TITLE = [
    ("Chủ tịch UBND huyện", "Chủ tịch UBND huyện Long Điền"),     # short and long form
    ("Bí thư Huyện ủy", "Bí thư Huyện uỷ"),
    ("Giám đốc Sở Y tế", "giám đốc sở y tế"),
    ("Phó Bí thư Thường trực Tỉnh ủy", "Phó Bí thư Thường trực Tỉnh uỷ Thanh Hóa"),
    ("Ủy viên Ban Thường vụ Thành ủy", "Uỷ viên Ban Thường vụ Thành uỷ,"),
    ("PCT UBND xã", "PCT UBND xã"),                               # abbreviations kept as written
]
OTHER_TITLE = [
    ("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện"),            # a deputy is not the chief
    ("Phó Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh"),
    ("Chủ tịch UBND huyện", "Chủ tịch HĐND huyện"),               # other organisation by acronym
    ("Giám đốc Sở Y tế", "Giám đốc Sở Nông nghiệp và Phát triển nông thôn"),
    ("Bí thư Huyện ủy", "Trưởng Ban Tuyên giáo Huyện ủy"),
    ("Chủ tịch UBND huyện", ""),
]


@pytest.mark.parametrize("gold, pred", SAME_TITLE)
def test_titles_that_match(gold, pred):
    assert title_match(gold, pred) and title_match(pred, gold), (gold, pred)


@pytest.mark.parametrize("gold, pred", OTHER_TITLE)
def test_titles_that_do_not_match(gold, pred):
    assert not title_match(gold, pred), (gold, pred)


KINDS = [
    ("Huân chương Lao động hạng Ba", "huân chương"),
    ("Cờ thi đua xuất sắc của Thủ tướng Chính phủ", "cờ thi đua"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "bằng khen"),
    ("Giấy khen của Chủ tịch UBND huyện", "giấy khen"),
    ("danh hiệu Chiến sĩ thi đua cơ sở", "chiến sĩ thi đua"),    # a specific kind beats "danh hiệu"
    ("danh hiệu Lao động tiên tiến", "lao động tiên tiến"),
    ("Kỷ niệm chương Vì sự nghiệp giáo dục", "kỷ niệm chương"),
    ("Bằng khen và Giấy khen", "bằng khen"),                    # the first one named
    ("danh hiệu Gia đình văn hóa", "danh hiệu"),                 # generic only when nothing specific
    ("khen thưởng", "khen thưởng"),
    ("phần quà", "other"),
]


@pytest.mark.parametrize("award, kind", KINDS)
def test_award_kinds(award, kind):
    assert award_kind(award) == kind, award


def _award(count, award):
    return {"count": count, "approximate": False, "recipient": "tập thể", "award": award, "text": award}


def _target(achieved, total, unit):
    return {"achieved": achieved, "total": total, "unit": unit, "text": f"{achieved}/{total} {unit}"}


def _gold(**fields):
    record = {"is_meeting_report": True, "meeting_date": "2021-12-20", "chairpersons": [], "attendees": [],
              "targets": [], "awards": []}
    record.update(fields)
    return record


@pytest.mark.parametrize("gold, pred", [
    (_award(15, "Bằng khen của Chủ tịch UBND tỉnh"), _award(15, "Bằng khen của UBND tỉnh")),
    (_award(2, "Cờ thi đua của Chính phủ"), _award("2", "cờ thi đua xuất sắc")),
])
def test_awards_that_match(gold, pred):
    assert compare(_gold(awards=[gold]), _gold(awards=[pred])).counts["awards"] == Counts(1, 0, 0)


@pytest.mark.parametrize("gold, pred", [
    (_award(15, "Bằng khen của Chủ tịch UBND tỉnh"), _award(20, "Bằng khen của Chủ tịch UBND tỉnh")),
    (_award(15, "Bằng khen của Chủ tịch UBND tỉnh"), _award(15, "Giấy khen của Chủ tịch UBND huyện")),
])
def test_awards_that_do_not_match(gold, pred):
    assert compare(_gold(awards=[gold]), _gold(awards=[pred])).counts["awards"] == Counts(0, 1, 1)


@pytest.mark.parametrize("gold, pred", [
    (_target(16, 17, "chỉ tiêu chủ yếu"), _target(16, 17, "chỉ tiêu")),     # first two syllables
    (_target(12, 14, "xã đạt chuẩn nông thôn mới"), _target("12", "14", "xã đạt")),
])
def test_targets_that_match(gold, pred):
    assert compare(_gold(targets=[gold]), _gold(targets=[pred])).counts["targets"] == Counts(1, 0, 0)


@pytest.mark.parametrize("gold, pred", [
    (_target(16, 17, "chỉ tiêu"), _target(15, 17, "chỉ tiêu")),
    (_target(12, 14, "xã"), _target(12, 14, "huyện")),
])
def test_targets_that_do_not_match(gold, pred):
    assert compare(_gold(targets=[gold]), _gold(targets=[pred])).counts["targets"] == Counts(0, 1, 1)


@pytest.mark.parametrize("gold, pred, right", [
    ("2021-12-20", "2021-12-20", True),
    ("--12-20", "2021-12-20", True),          # no year in the text: any year
    ("--12-20", "--12-20", True),
    (None, None, True),
    ("2021-12-20", "2020-12-20", False),
    ("2021-12-20", None, False),
    (None, "2021-12-20", False),              # a date the gold does not give
    ("--12-20", "2021-12-21", False),
])
def test_meeting_dates(gold, pred, right):
    assert date_match(gold, pred) is right, (gold, pred)


def test_a_meeting_date_counts_only_for_meetings():
    announcement = _gold(is_meeting_report=False, meeting_date=None)
    result = compare(announcement, _gold(is_meeting_report=False, meeting_date="2021-12-20"))
    assert result.date_scored == 0 and result.differences == []


def test_people_are_matched_by_name_and_their_titles_by_overlap():
    gold = _gold(chairpersons=[{"name": "Bùi Hồng Hoàng", "titles": ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"]}],
                 attendees=[{"name": "Lưu Thị Huyền", "titles": []}])
    pred = _gold(chairpersons=[{"name": "đồng chí Bùi Hồng Hoàng", "titles": ["Chủ tịch UBND huyện Yên Lập"]}],
                 attendees=[{"name": "Lưu Thị Huyên", "titles": []}])
    result = compare(gold, pred)
    assert result.counts["chairpersons"] == Counts(1, 0, 0)
    assert result.counts["attendees"] == Counts(0, 1, 1)
    assert result.counts["titles"] == Counts(1, 0, 1)
    assert differences(gold, pred) == [
        "titles missed Bùi Hồng Hoàng: Phó Bí thư Huyện ủy",
        "attendees missed Lưu Thị Huyền",
        "attendees extra Lưu Thị Huyên",
    ]


def test_a_chair_predicted_as_attendee_is_one_miss_and_one_extra():
    gold = _gold(chairpersons=[{"name": "Bùi Hồng Hoàng", "titles": []}])
    pred = _gold(attendees=[{"name": "Bùi Hồng Hoàng", "titles": []}])
    result = compare(gold, pred)
    assert result.counts["chairpersons"] == Counts(0, 0, 1)
    assert result.counts["attendees"] == Counts(0, 1, 0)


def test_a_person_listed_twice_counts_once():
    person = {"name": "Bùi Hồng Hoàng", "titles": []}
    twice = _gold(attendees=[person, {"name": "Bùi Hồng Hoàng", "titles": []}])
    assert compare(_gold(attendees=[person]), twice).counts["attendees"] == Counts(1, 0, 0)


def test_a_missing_record_misses_everything():
    gold = _gold(attendees=[{"name": "Lưu Thị Huyền", "titles": ["Bí thư Huyện ủy"]}], targets=[_target(15, 15, "chỉ tiêu")])
    result = compare(gold, None)
    assert result.counts["is_meeting_report"] == Counts(0, 0, 1)
    assert result.counts["attendees"] == Counts(0, 0, 1)
    assert result.counts["targets"] == Counts(0, 0, 1)
    assert result.date_right == 0 and result.date_scored == 1


def test_values_held_in_objects_are_read():
    gold = _gold(attendees=[{"name": "Lưu Thị Huyền", "titles": ["Bí thư Huyện ủy"]}])
    pred = _gold(meeting_date={"iso": "2021-12-20"},
                 attendees=[{"name": {"text": "Lưu Thị Huyền"}, "titles": [{"text": "Bí thư Huyện uỷ"}]}])
    assert differences(gold, pred) == []


def test_the_most_pairs_are_kept_whatever_the_order():
    gold = ["Chủ tịch UBND huyện", "Chủ tịch UBND huyện Long Điền"]
    pred = ["Chủ tịch UBND huyện Long Điền", "Chủ tịch UBND"]
    pairs, missed, extra = pair_up(gold, pred, title_match)
    assert len(pairs) == 2 and missed == [] and extra == []


def test_counts_score_empty_fields_as_perfect():
    assert (Counts().precision, Counts().recall, Counts().f1) == (1.0, 1.0, 1.0)
    assert Counts(0, 3, 0).f1 == 0.0


def test_unit_keys():
    assert unit_key("chỉ tiêu chủ yếu") == unit_key("Chỉ tiêu") == "chỉ tiêu"
    assert unit_key(None) == ""


def test_doctests():
    assert doctest.testmod(scoring).failed == 0


vietnamese = st.text(alphabet=st.sampled_from(list("aăâeêioôơuưyđAĐOUY hoàòaủuỷy,.-/()") + [
    "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]), max_size=40)


@given(vietnamese)
def test_keys_are_idempotent_and_form_blind(text):
    assert key(key(text)) == key(text)
    assert key(unicodedata.normalize("NFD", text)) == key(unicodedata.normalize("NFC", text))


@given(vietnamese, vietnamese)
def test_title_matching_is_symmetric(a, b):
    assert title_match(a, b) == title_match(b, a)


@given(vietnamese)
def test_a_title_matches_itself_when_it_has_words(text):
    assert title_match(text, text) == bool(key(text))


@given(st.lists(st.sampled_from(SAME_TITLE + OTHER_TITLE), max_size=6))
def test_pairing_uses_each_item_once(rows):
    gold = [g for g, _ in rows]
    pred = [p for _, p in rows]
    pairs, missed, extra = pair_up(gold, pred, title_match)
    assert len(pairs) + len(missed) == len(gold)
    assert len(pairs) + len(extra) == len(pred)
