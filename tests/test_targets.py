"""The target stage: achievement ratios such as "15/15 chỉ tiêu".

Given a sentence in the genre, when the target finder reads it, then it
finds exactly the achievement ratios a careful reader would list, with the
whole numbers, the unit written right after the ratio and the phrase as
written; dates, document numbers, times, attendance, quarters, months and
fractions are never targets.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import Extractor
from extractor.pattern_files import cached_patterns
from extractor.targets import TargetFinder


@pytest.fixture(scope="module")
def finder() -> TargetFinder:
    return TargetFinder(cached_patterns(()))


def found(finder: TargetFinder, sentence: str) -> list[tuple[int, int, str, str]]:
    return [(t.achieved, t.total, t.unit, sentence[t.start:t.end]) for t in finder.find(sentence)]


def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# --------------------------------------------------------------------------- must match

MATCHES = [
    # (sentence, [(achieved, total, unit, text)])
    ("Năm 2023, huyện hoàn thành 15/15 chỉ tiêu.", [(15, 15, "chỉ tiêu", "15/15 chỉ tiêu")]),
    ("Tỉnh hoàn thành 16/17 chỉ tiêu chủ yếu của Nghị quyết Đại hội.",
     [(16, 17, "chỉ tiêu chủ yếu", "16/17 chỉ tiêu chủ yếu")]),
    ("Toàn huyện có 12/14 xã đạt chuẩn nông thôn mới.", [(12, 14, "xã", "12/14 xã")]),
    ("Đến nay, 108/127 xã, phường, thị trấn đã triển khai dịch vụ công trực tuyến.",
     [(108, 127, "xã, phường, thị trấn", "108/127 xã, phường, thị trấn")]),
    ("Ngành đã giải quyết 1.245/1.380 vụ việc, đạt 90,2%.", [(1245, 1380, "vụ việc", "1.245/1.380 vụ việc")]),
    ("Huyện đạt và vượt 15/15 chỉ tiêu đề ra.", [(15, 15, "chỉ tiêu đề ra", "15/15 chỉ tiêu đề ra")]),
    ("Có 7/9 hợp tác xã xếp loại khá trở lên.", [(7, 9, "hợp tác xã", "7/9 hợp tác xã")]),
    ("Năm học vừa qua, 27/27 trường học đạt chuẩn quốc gia.", [(27, 27, "trường học", "27/27 trường học")]),
    ("Toàn tỉnh có 0/3 huyện chưa về đích.", []),  # "chưa" (not yet) is not an achievement
    # written with spaces round the slash
    ("Huyện hoàn thành 14 / 15 chỉ tiêu.", [(14, 15, "chỉ tiêu", "14 / 15 chỉ tiêu")]),
    # two ratios in one sentence
    ("Huyện đạt 15/15 chỉ tiêu và 9/11 xã đạt chuẩn nông thôn mới.",
     [(15, 15, "chỉ tiêu", "15/15 chỉ tiêu"), (9, 11, "xã", "9/11 xã")]),
    # a ratio repeated is listed once
    ("Huyện hoàn thành 15/15 chỉ tiêu. Trong đó, 15/15 chỉ tiêu đều vượt kế hoạch.",
     [(15, 15, "chỉ tiêu", "15/15 chỉ tiêu")]),
    pytest.param(
        "Có 126/126 tổ hòa giải hoạt động hiệu quả.", [(126, 126, "tổ hòa giải", "126/126 tổ hòa giải")],
    ),
    # -- the unit is the noun phrase after the ratio, not the first word the lexicon knows
    ("Năm qua, xã giữ vững 8/8 ấp văn hóa.", [(8, 8, "ấp văn hóa", "8/8 ấp văn hóa")]),
    ("Có 45/50 chi hội phụ nữ được xếp loại vững mạnh.",
     [(45, 50, "chi hội phụ nữ", "45/50 chi hội phụ nữ")]),
    ("Trong năm, 5/5 hộ nghèo thoát nghèo bền vững.", [(5, 5, "hộ nghèo", "5/5 hộ nghèo")]),
    ("Đến nay có 7/9 ban chỉ đạo hoạt động có nền nếp.", [(7, 9, "ban chỉ đạo", "7/9 ban chỉ đạo")]),
    ("Có 52/60 tổ hội đạt vững mạnh.", [(52, 60, "tổ hội", "52/60 tổ hội")]),
    # -- a compound glued with a hyphen is read to its end
    ("Thị xã đạt 12/15 chỉ tiêu văn hóa-xã hội.",
     [(12, 15, "chỉ tiêu văn hóa-xã hội", "12/15 chỉ tiêu văn hóa-xã hội")]),
    # -- a qualifier longer than about four syllables is not part of the unit
    ("Thị xã đạt 11/13 chỉ tiêu phát triển kinh tế - xã hội đề ra.",
     [(11, 13, "chỉ tiêu", "11/13 chỉ tiêu")]),
    ("Xã Tân Hòa đạt 17/19 tiêu chí nông thôn mới nâng cao.", [(17, 19, "tiêu chí", "17/19 tiêu chí")]),
    # -- a verb after the counted noun ends the unit, even one that opens like a noun
    ("Toàn huyện có 12/12 xã tổ chức đại hội điểm.", [(12, 12, "xã", "12/12 xã")]),
    ("Có 9/9 thôn đăng ký xây dựng khu dân cư kiểu mẫu.", [(9, 9, "thôn", "9/9 thôn")]),
    ("Có 6/8 trường chưa đạt chuẩn.", []),
]


@pytest.mark.parametrize("sentence, expected", MATCHES)
def test_targets(finder, sentence, expected):
    assert found(finder, sentence) == expected, sentence


CONTAINS = [
    # (sentence, a target that must be among those found; the rest of the sentence is not asserted)
    ("Xã Minh Hòa đạt 19/19 tiêu chí nông thôn mới.", (19, 19, "tiêu chí", "19/19 tiêu chí")),
    ("Tính đến 30/11, có 36/36 đơn vị đã nộp báo cáo.", (36, 36, "đơn vị", "36/36 đơn vị")),
    pytest.param(
        "Kết quả, 8/10 chỉ tiêu đạt và vượt kế hoạch, 2/10 chỉ tiêu chưa đạt.",
        (8, 10, "chỉ tiêu", "8/10 chỉ tiêu"),
    ),
]


@pytest.mark.parametrize("sentence, target", CONTAINS)
def test_target_is_found(finder, sentence, target):
    assert target in found(finder, sentence), sentence


# --------------------------------------------------------------------------- must not match

NOT_TARGETS = [
    "Sáng 17/01, UBND huyện tổ chức hội nghị tổng kết.",
    "Hội nghị diễn ra ngày 17/01/2022 tại hội trường UBND huyện.",
    "Thực hiện Quyết định số 2551/QĐ-TTg của Thủ tướng Chính phủ.",
    "Theo Nghị định 38/2022/NĐ-CP, mức lương tối thiểu vùng tăng 6%.",
    "Lực lượng chức năng trực 24/24 giờ tại các chốt.",
    "Bộ phận một cửa làm việc 7/7 ngày trong tuần.",
    "Kỳ họp có 39/40 đại biểu có mặt.",
    "Kết quả quý 1/2019 khả quan hơn cùng kỳ.",
    "Từ tháng 6/2017, huyện triển khai mô hình mới.",
    "Gần 1/3 số ca mắc tập trung ở thành phố.",
    "Hiện 10/13 tỉnh trong khu vực phải công bố dịch.",
    "Nội dung góp ý tối đa 500/500 ký tự.",
    "Có 17 trong tổng số 19 chỉ tiêu đạt và vượt kế hoạch.",
    "Đội bóng xã Thạch Bình thắng với tỷ số 3/1.",
    "Huyện có 17/15 chỉ tiêu vượt kế hoạch.",  # achieved over total: not a ratio of the plan
    "Khoảng 1/2 số hộ đã đăng ký tham gia.",
    "Dự kiến đến năm 2025, 100% xã đạt chuẩn nông thôn mới.",
    "Tin bài đăng lúc 08/30 trên trang điện tử.",
    "",
]


@pytest.mark.parametrize("sentence", NOT_TARGETS)
def test_not_targets(finder, sentence):
    assert found(finder, sentence) == [], sentence


# --------------------------------------------------------------------------- properties

@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_valid_targets(text):
    finder = TargetFinder(cached_patterns(()))
    for t in finder.find(text):
        assert 0 <= t.achieved <= t.total and t.total > 0
        assert 0 <= t.start < t.unit_start < t.unit_end == t.end <= len(text)
        assert text[t.unit_start:t.unit_end].split() == t.unit.split()


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(1, 999), st.sampled_from(["giờ", "ngày", "đại biểu có mặt", "tháng"]))
def test_times_and_attendance_are_never_targets(a, b, unit):
    finder = TargetFinder(cached_patterns(()))
    assert finder.find(f"Đơn vị có {min(a, b)}/{max(a, b)} {unit}.") == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 999), st.integers(0, 999))
def test_chi_tieu_ratios_are_always_targets(total, offset):
    finder = TargetFinder(cached_patterns(()))
    achieved = max(0, total - offset)
    sentence = f"Năm qua, huyện đạt {achieved}/{total} chỉ tiêu."
    assert found(finder, sentence) == [(achieved, total, "chỉ tiêu", f"{achieved}/{total} chỉ tiêu")]


# --------------------------------------------------------------------------- in the record

def test_targets_reach_the_record():
    text = (
        "Huyện Yên Lập tổng kết công tác năm 2023\n"
        "Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết. Đồng chí Phan Văn Hải, Chủ tịch UBND huyện "
        "chủ trì hội nghị. Năm 2023, huyện hoàn thành 16/17 chỉ tiêu chủ yếu; 12/14 xã đạt chuẩn nông thôn mới. "
        "Hội nghị có 139/140 đại biểu có mặt."
    )
    report = Extractor().extract(text)
    got = [(t.achieved, t.total, t.unit, t.text) for t in report.targets]
    assert got == [(16, 17, "chỉ tiêu chủ yếu", "16/17 chỉ tiêu chủ yếu"), (12, 14, "xã", "12/14 xã")]
    for t in report.targets:
        assert text[t.evidence.start:t.evidence.end] == t.evidence.text == t.text
