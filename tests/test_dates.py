"""The date stage, tested the Duckling way.

Given a sentence written in the genre with its one date mention in [brackets],
when ``find_dates`` reads the sentence without the brackets, then it finds
exactly that one mention, covering exactly the bracketed text, with the
expected value. Negative sentences must produce nothing at all.

Examples are grouped by where they came from: the forms listed when the stage
was specified, forms seen while developing on real articles (re-written, never
copied), bugs caught, and expected failures with the reason.
"""
from __future__ import annotations

import datetime as dt
import doctest
import json
import time
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractor.dates as dates_module
from extractor.dates import (
    RULE_IDS,
    DateMention,
    PublicationDate,
    find_dates,
    find_publication_date,
    load_lexicon,
    resolve,
    resolve_year,
    to_iso,
)
from extractor.errors import PatternError

LEXICON_FILE = Path(__file__).resolve().parent.parent / "patterns" / "dates.jsonl"


class V(NamedTuple):
    """The expected value of one mention (``None`` fields are checked as ``None``)."""

    day: int | None
    month: int | None
    year: int | None = None
    kind: str = "date"
    pod: str | None = None
    rel: int | None = None
    rule: str | None = None  # checked only when given


def _unbracket(example: str) -> tuple[str, int, int]:
    start = example.index("[")
    end = example.index("]", start) - 1
    return example.replace("[", "", 1).replace("]", "", 1), start, end


# --------------------------------------------------------------------------- the corpus

# (value, [sentences with the mention in brackets])
SPECIFIED = [
    (V(17, 1, 2022, pod="sáng", rule="date.dmy_slash"), [
        "[Sáng ngày 17/01/2022], UBND huyện tổ chức hội nghị tổng kết công tác năm.",
        "[SÁNG NGÀY 17/01/2022], HỘI ĐỒNG NHÂN DÂN XÃ KHAI MẠC KỲ HỌP.",
        "Vào [sáng ngày 17/1/2022] tại hội trường, Ban Thường vụ họp phiên thường kỳ.",
        "[Sáng\u00a0ngày\u00a017/01/2022], Đảng ủy xã họp mở rộng.",  # NBSP
        "[Sáng ngày\u200b17/01/2022], Đảng ủy xã họp mở rộng.",  # zero-width space
    ]),
    (V(18, 11, rule="date.dm_slash"), [
        "Hội nghị diễn ra [ngày 18/11] tại trụ sở Huyện ủy.",
        "[Ngày 18/11], Ban Chấp hành Đảng bộ huyện họp phiên thường kỳ.",
    ]),
    (V(6, 2, pod="chiều", rule="date.dm_dash"), [
        "[Chiều 6-2], Bộ trưởng làm việc với lãnh đạo tỉnh.",
        "Phát biểu tại buổi làm việc [chiều 6-2], Bộ trưởng đề nghị tỉnh sớm hoàn thành.",
    ]),
    (V(23, 1, rule="date.dm_dot"), [
        "Cuộc họp diễn ra [ngày 23.1] tại Văn phòng Chính phủ.",
        "[Ngày 23.1], Thường trực HĐND tỉnh họp giao ban.",
    ]),
    (V(4, 2, 2017, rule="date.dmy_dot"), [
        "Báo cáo gửi Bộ trước [ngày 4.2.2017] theo chỉ đạo.",
        "Hội nghị đã diễn ra vào [ngày 4.2.2017] tại Hà Nội.",
    ]),
    (V(10, 2, 2017, rule="date.dmy_slash"), [
        "Hạn chót nộp báo cáo là [10/2/2017].",
        "Kế hoạch được ban hành [ngày 10/2/2017].",
    ]),
    (V(22, 6, 2023, rule="date.dmy_dot"), [
        "[Ngày 22.6.2023], HĐND huyện khai mạc kỳ họp thứ 6.",
    ]),
    (V(26, 9, 2011, rule="date.words"), [
        "Hội nghị được tổ chức [ngày 26 tháng 9 năm 2011] tại hội trường xã.",
        "[Ngày 26 tháng 9 năm 2011], Ban chỉ đạo phòng chống bão lụt xã họp.",
        "[ngày 26 tháng 09, năm 2011] Ban chỉ đạo họp.",
    ]),
    (V(26, 9, rule="date.words"), [
        "Lễ kỷ niệm được tổ chức [26 tháng 9] hằng năm.",
        "Đến [ngày 26 tháng 9], toàn huyện đã hoàn thành thu hoạch.",
    ]),
    (V(10, 2, rel=-1, rule="date.relative_with_dm"), [
        "Bộ trưởng chủ trì cuộc họp diễn ra [hôm qua (10/2)].",
        "Cuộc họp [hôm qua (ngày 10/2)] đã thống nhất phương án.",
        "[Hôm qua 10/2], Sở Y tế tổ chức giao ban.",
    ]),
    (V(23, 11, pod="sáng", rel=0, rule="date.relative_with_dm"), [
        "[Sáng nay (23/11)], Chủ tịch UBND tỉnh chủ trì cuộc họp.",
        "[Sáng nay 23/11] tại trụ sở, Sở Tài chính họp báo.",
    ]),
    (V(2, 12, 2020, pod="sáng", rel=0, rule="date.relative_with_dm"), [
        "[Sáng nay (ngày 2-12-2020)], tại Hội trường UBND thành phố, HĐND thành phố khai mạc kỳ họp.",
    ]),
    (V(12, 6, pod="chiều tối", rule="date.dm_slash"), [
        "[Chiều tối 12/6], đoàn công tác làm việc với huyện.",
    ]),
    (V(19, 5, pod="tối", rule="date.dm_slash"), [
        "[Tối 19/5], Lễ kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh diễn ra trọng thể.",
    ]),
    (V(20, 6, 2017, rule="date.dmy_dash"), [
        "[Ngày 20-6-2017], Quốc hội thảo luận ở tổ về dự án luật.",
        "Kỳ họp bế mạc [ngày 20 - 6 - 2017] sau 25 ngày làm việc.",
    ]),
    (V(14, 5, 2017, rule="date.range"), [
        "Hội nghị diễn ra [từ 14 - 15/5/2017] với chủ đề phát triển bền vững.",
        "Diễn đàn được tổ chức [từ ngày 14-15/5/2017] tại thủ đô.",
    ]),
    (V(14, 5, rule="date.range"), [
        "Hội thảo khoa học diễn ra trong hai [ngày 14-15/5].",
        "Lịch làm việc của đoàn: [14-15/5].",
        "Đoàn sẽ làm việc tại tỉnh [từ 14/5 đến 15/5], theo kế hoạch.",
        "Đại hội họp [từ ngày 14 đến 15-5] tại hội trường tỉnh.",
    ]),
    (V(None, 6, 2017, kind="month", rule="date.month_year"), [
        "Kế hoạch được triển khai từ [tháng 6/2017] trên địa bàn toàn tỉnh.",
        "Đến [tháng 6 năm 2017], xã đã hoàn thành 19 tiêu chí.",
        "Công trình khởi công vào [tháng 6-2017].",
    ]),
    (V(None, 6, 2017, kind="month", rule="date.my_slash"), [
        "Số liệu tính đến [6/2017].",
        "Báo cáo tổng hợp (cập nhật [6/2017]) cho thấy tiến độ tốt.",
    ]),
    (V(None, None, 2021, kind="year", rule="date.year"), [
        "Huyện tổ chức hội nghị tổng kết công tác [năm 2021].",
        "[Năm 2021], toàn tỉnh có thêm 20 xã đạt chuẩn nông thôn mới.",
    ]),
    (V(18, 1, 2022, rule="date.dmy_slash"), [
        "[Thứ ba, 18/01/2022]",
        "[Thứ 3, 18/1/2022]",
        "[T3, 18/01/2022] | 10:30",
        "[Thứ Ba - 18/01/2022] 08:15",
        "[Thứ ba, ngày 18/01/2022], Ban Thường vụ Huyện ủy họp.",
    ]),
    (V(5, 12, 2023, rule="date.iso"), [
        "[2023-12-05]",
        "Ngày tổ chức: [2023-12-05].",
    ]),
]

SEEN_ON_REAL_ARTICLES = [
    (V(7, 2, pod="chiều", rule="date.dm_dash"), ["[Chiều 7-2], tại trụ sở Trung ương Đảng, Tổng Bí thư tiếp đoàn."]),
    (V(21, 1, 2017, rule="date.dmy_slash"), ["Kết luận của Bộ trưởng tại cuộc họp [ngày 21/1/2017] về công tác tuyển sinh."]),
    (V(11, 5, pod="tối", rule="date.dm_dash"), ["Trong khuôn khổ hội nghị, [tối 11-5], tại Hội trường đã diễn ra lễ ký kết."]),
    (V(29, 5, rule="date.dm_dot"), ["[Ngày 29.5], tại cuộc họp báo thường kỳ, lãnh đạo thành phố thông tin."]),
    (V(12, 5, rel=0, rule="date.relative_with_dm"), ["[Hôm nay (12.5)], Chủ tịch nước tiếp đoàn đại biểu."]),
    (V(4, 2, pod="tối", rule="date.dm_dot"), ["Sự việc xảy ra vào [tối (4.2)], tại phường Hưng Dũng."]),
    (V(5, 7, 2021, pod="chiều", rule="date.dmy_slash"), ["[Chiều ngày 5/7/2021], Đại hội tiến hành phiên trù bị."]),
    (V(1, 3, 2023, pod="sáng", rule="date.words"), ["[Sáng ngày 01 tháng 3 năm 2023] Hội đồng thi đua khen thưởng xã họp xét."]),
    (V(26, 9, 2011, pod="chiều", rel=0, rule="date.relative_with_dm"), ["[Chiều nay 26 tháng 9 năm 2011]. Ban chỉ đạo họp tại hội trường."]),
    (V(9, 7, rule="date.dm_dash"), [" - [Ngày 9-7], UBND xã tổ chức Hội nghị điển hình tiên tiến."]),
    (V(7, 10, rule="date.range"), ["[Từ ngày 7 đến 25-10]: Đại biểu HĐND tỉnh tiếp xúc cử tri."]),
    (V(3, 12, rule="date.range"), ["Kỳ họp diễn ra trong các [ngày 3 và 4-12]."]),
    (V(20, 5, rule="date.range"), ["Các bộ trưởng đã họp trong hai ngày ([20 và 21/5])."]),
    (V(28, 5, rule="date.range"), ["Giải đấu diễn ra [từ ngày 28/5 - 11/6] tại thủ đô."]),
    (V(15, 11, 2023, rule="date.range"), ["Dự báo, [từ 15/11 đến ngày 17/11/2023], các địa phương có mưa."]),
    (V(13, 11, 2023, rule="date.dmy_slash"), ["Thực hiện Công điện số 10/CĐ-UBND [ngày 13/11/2023] của Chủ tịch UBND tỉnh."]),
    (V(15, 5, pod="sáng", rule="date.dm_slash"), ["[Sáng thứ Hai (15/5)], đoàn công tác làm việc tại xã."]),
    (V(23, 5, 2021, rule="date.dmy_slash"), ["Ngày bầu cử là vào [Chủ nhật, ngày 23/5/2021]."]),
    (V(31, 1, 2017, rule="date.dm_dash"), ["Em bé sinh [ngày 31-1 năm 2017] tại bệnh viện huyện."]),
    (V(9, 6, pod="rạng sáng", rule="date.dm_dot"), ["Vụ cháy xảy ra vào [rạng sáng 9.6] tại một xưởng gỗ."]),
    (V(8, 2, pod="tối", rel=0, rule="date.relative_with_dm"), ["Dự báo [tối nay 8/2] không khí lạnh tăng cường."]),
    (V(9, 2, pod="chiều", rel=-1, rule="date.relative_with_dm"), ["Trao đổi với phóng viên [chiều hôm qua (9/2)], ông cho biết."]),
    (V(24, 3, rule="date.dm_slash"), ["Trận giao hữu diễn ra vào [24/3] tới đây."]),
    (V(1, 6, rule="date.dm_slash"), ["Các em vui đón ngày Quốc tế Thiếu nhi [1/6]."]),
    (V(16, 6, rule="date.dm_slash"), ["Phiên họp [16/6] vừa qua đã thông qua nghị quyết."]),
    (V(24, 7, rule="date.dm_slash"), ["Lịch thi đấu:   [24/07]   04:05   Đội A gặp Đội B"]),
    (V(None, 12, 2017, kind="month", rule="date.month_year"), ["Hội nghị sẽ được tổ chức vào [tháng 12/ 2017] tại thành phố."]),
    (V(None, 2, 2017, kind="month", rule="date.month_year"), ["Trong [tháng 2.2017], giá tiêu dùng tăng nhẹ."]),
    (V(None, 12, 2023, kind="month", rule="date.iso_month"), ["Kỳ báo cáo: [2023-12]."]),
    (V(None, 9, None, kind="month", rule="date.month"), ["Ứng dụng sẽ ra mắt vào [tháng Chín], theo nhà phát triển."]),
    (V(None, 9, None, kind="month", rule="date.month"), ["Dự án hoàn thành trong [tháng 9] tới."]),
    (V(None, None, None, kind="relative", rel=-1, rule="date.relative"), ["Cuộc họp diễn ra [hôm qua] tại trụ sở Bộ."]),
    (V(None, None, None, kind="relative", pod="sáng", rel=0, rule="date.relative"), ["[Sáng nay], hội nghị khai mạc trọng thể."]),
    (V(None, None, None, kind="relative", pod="chiều", rel=-1, rule="date.relative"), ["[Chiều qua], đoàn kiểm tra làm việc tại xã."]),
    (V(None, None, None, kind="relative", rel=1, rule="date.relative"), ["Kỳ họp sẽ bế mạc vào [ngày mai]."]),
]

BUGS_CAUGHT = [
    # "lần thứ 7" is an ordinal, not Saturday: the month stands alone
    (V(None, 11, 1940, kind="month", rule="date.my_slash"), ["Hội nghị Trung ương lần thứ 7 ([11/1940]) đã quyết định."]),
    # "kỳ họp thứ Tư" is the fourth session, not Wednesday
    (V(15, 5, rule="date.dm_slash"), ["Kỳ họp thứ Tư ([15/5]) đã bế mạc."]),
    # a parenthesis that never closes does not join the date
    (V(11, 8, rule="date.dm_dot"), ["Trận đấu ở vòng loại ([ngày 11.8] tại sân nhà) sẽ quyết định."]),
    # a weekday, then the date in parentheses: the parentheses join the mention
    (V(2, 9, rule="date.dm_dot"), ["Người lao động được nghỉ từ [thứ bảy (ngày 2.9)] đến hết thứ hai."]),
    # a part of the day is a cue, unless a count noun follows ("mỗi tối 2-3 lần" is a negative)
    (V(2, 3, pod="tối", rule="date.dm_dash"), ["[Tối 2-3], đoàn công tác đến làm việc với xã."]),
    # lower-case month words are months, except the ambiguous "năm"
    (V(None, 4, None, kind="month", rule="date.month"), ["Công trình khởi công vào [tháng tư] năm ngoái."]),
    # after "cho tới" a bare X/Y is a date (not the ratio cue "có tới")
    (V(5, 6, rule="date.dm_slash"), ["Triển lãm kéo dài cho tới [5/6]."]),
]

NEGATIVES = [
    # document numbers
    "Thực hiện Quyết định số 2551/QĐ-TTg của Thủ tướng Chính phủ.",
    "Theo Quyết định 4898/QĐ-BCT, Bộ giao nhiệm vụ cho Vụ Kế hoạch.",
    "HĐND tỉnh ban hành Nghị quyết số 12/NQ-HĐND về kế hoạch đầu tư công.",
    "Dự thảo sửa đổi Bộ luật Hình sự số 100/2015/QH13 được thông qua.",
    "Căn cứ Nghị quyết số 19-2017/NQ-CP của Chính phủ.",
    "Theo Nghị quyết 12/2019/NQ-HĐND tỉnh.",
    "Theo Quyết định 12/2019 của UBND tỉnh.",
    # ratios, counts and fractions
    "Huyện đạt và vượt 15/15 chỉ tiêu chủ yếu.",
    "Đến nay có 12/14 xã đạt chuẩn nông thôn mới.",
    "Mạng lưới đã phủ tới 713/713 quận huyện.",
    "Lực lượng chức năng trực 24/24 giờ.",
    "Đội xung kích làm việc 7/7 ngày trong tuần.",
    "Tỉ lệ mắc bệnh lên tới 1/1.400 người.",
    "Đã có 5/5 chỉ tiêu đạt kế hoạch.",
    "Toàn huyện có 10/10 đơn vị hoàn thành đại hội.",
    "Khu vực này chiếm 2/3 diện tích toàn tỉnh.",
    "Giảm đến 1/3 số hộ nghèo so với đầu nhiệm kỳ.",
    "Có tới 4/10 công ty chưa nộp báo cáo.",
    "Phụ huynh học sinh lớp 9/1 đã có mặt.",
    "Cửa hàng nằm trên đường 3/2, quận 10.",
    "Tổng đài hỗ trợ người dân 24/7.",
    "Bản đồ tỷ lệ 1/2000 được công bố.",
    # scores
    "Đội tuyển thắng 2-1 trong trận chung kết.",
    "Hai đội hòa 1-1 sau 90 phút.",
    "Tay vợt số một thắng 6-4, 6-3.",
    # decimals, thousands, percentages
    "Tăng trưởng kinh tế đạt 7,36%.",
    "Có 1.780 cá nhân được khen thưởng.",
    "Tổng vốn đầu tư đạt 12.000 tỷ đồng.",
    "Chỉ số giá tăng 23.1% so với cùng kỳ.",
    "Doanh thu đạt 23.1 tỷ đồng.",
    "Động cơ dung tích 2.5 lít.",
    # times, ranges of quantities
    "Buổi họp bắt đầu lúc 10:30.",
    "Thí sinh có mặt từ 14h00-14h15.",
    "Mỗi năm thu hoạch 2-3 lần.",
    "Gió cấp 6-7, giật cấp 8-9.",
    "Nhiệt độ cao nhất 31-34 độ C.",
    # impossible dates
    "Hồ sơ ghi ngày 31/2 là sai.",
    "Mã số 45/13 không hợp lệ.",
    "Ngày 30/2 không có trong lịch.",
    # phone numbers and versions
    "Đường dây nóng: 0912.345.678 hoặc 0912 345 678.",
    "Liên hệ (028) 3823 4567 để được hỗ trợ.",
    "Số điện thoại 024-3-8253 đã ngừng hoạt động.",
    "Ứng dụng phiên bản 2.1.3 đã được cập nhật.",
    "Hệ điều hành Android 4.4.2 không còn được hỗ trợ.",
    # periods and terms
    "Giao ban công tác dân vận quý 1/2019.",
    "Giá mủ cao su tăng từ quí 4/2016.",
    "Đại hội nhiệm kỳ 2021-2026 thành công tốt đẹp.",
    "Vụ lúa Đông Xuân 2017-2018 đạt năng suất cao.",
    "Giai đoạn 2020 - 2025 là giai đoạn bứt phá.",
    # lunar dates
    "Lễ hội diễn ra vào ngày 10/1 âm lịch.",
    "Người dân đi lễ ngày rằm (15/1 âm lịch).",
    # "tháng năm" is months and years, not May
    "Trải qua bao tháng năm gian khó.",
    "TRẢI QUA BAO THÁNG NĂM GIAN KHÓ, ĐƠN VỊ ĐÃ TRƯỞNG THÀNH.",
    # a part of the day before a count
    "Mỗi tối 2-3 lần, lực lượng dân quân đi tuần.",
    # a date inside a web address
    "Xem chi tiết tại https://baomoi.vn/tin-moi-12-5-2017.html",
    # durations and bare weak shapes
    "Sau 9 tháng, huyện đã hoàn thành kế hoạch.",
    "Cách mạng công nghiệp 4.0 đặt ra nhiều thách thức.",
    "",
    "   \n\t  ",
]

EXPECTED_FAILURES = [
    ("Bộ phim khởi chiếu vào [24.2], trước khi ra mắt quốc tế.", V(24, 2),
     "a dotted D.M after the weak cue 'vào' needs a strong cue (ngày, part of the day)"),
    ("TP.HCM, [6/7] nàng Bạch Tuyết xuất hiện trên sân khấu.", V(6, 7),
     "a dateline date followed by a noun is read as a ratio"),
    ("Ngày ký: [18/01/22].", V(18, 1, 2022),
     "two-digit years are not read"),
    ("Thậm chí ngày hôm đó ([23.6]) vẫn có thể lái xe.", V(23, 6),
     "'ngày hôm đó' is not a relative-day word, so a dotted date after it has no cue"),
]


def _rows(groups, source):
    for value, sentences in groups:
        for sentence in sentences:
            yield pytest.param(sentence, value, id=f"{source}:{sentence[:50]}")


CORPUS = [
    *_rows(SPECIFIED, "specified"),
    *_rows(SEEN_ON_REAL_ARTICLES, "developed-on"),
    *_rows(BUGS_CAUGHT, "bug"),
]


def _check(example: str, value: V) -> None:
    text, start, end = _unbracket(example)
    found = find_dates(text)
    got = [(m.text, m.day, m.month, m.year, m.kind, m.part_of_day, m.relative, m.rule) for m in found]
    assert len(found) == 1, f"{text!r}: expected one mention {text[start:end]!r}, got {got}"
    m = found[0]
    assert (m.start, m.end) == (start, end), f"{text!r}: covered {m.text!r}, expected {text[start:end]!r}"
    assert (m.day, m.month, m.year, m.kind) == (value.day, value.month, value.year, value.kind), f"{text!r}: {got}"
    assert (m.part_of_day, m.relative) == (value.pod, value.rel), f"{text!r}: {got}"
    if value.rule is not None:
        assert m.rule == value.rule, f"{text!r}: {got}"


@pytest.mark.parametrize(("example", "value"), CORPUS)
def test_corpus(example: str, value: V) -> None:
    _check(example, value)


@pytest.mark.parametrize("text", NEGATIVES, ids=lambda t: t[:50] or "<empty>")
def test_negatives_produce_nothing(text: str) -> None:
    found = find_dates(text)
    assert found == [], f"{text!r}: expected no date, got {[(m.text, m.rule) for m in found]}"


@pytest.mark.parametrize(
    ("example", "value"),
    [pytest.param(e, v, id=e[:40], marks=pytest.mark.xfail(reason=why, strict=True)) for e, v, why in EXPECTED_FAILURES],
)
def test_expected_failures(example: str, value: V) -> None:
    _check(example, value)


def test_every_example_text_is_its_slice() -> None:
    texts = [_unbracket(p.values[0])[0] for p in CORPUS] + NEGATIVES
    texts += [_unbracket(e)[0] for e, _, _ in EXPECTED_FAILURES]
    for text in texts:
        for m in find_dates(text):
            assert text[m.start:m.end] == m.text, text


def test_every_specified_rule_id_is_exercised() -> None:
    used = {m.rule for p in CORPUS for m in find_dates(_unbracket(p.values[0])[0])}
    date_rules = {r for r in RULE_IDS if r.startswith("date.")}
    assert date_rules - used == set()


def test_mentions_in_a_paragraph_come_in_text_order_without_overlap() -> None:
    text = (
        "Sáng ngày 17/01/2022, UBND huyện tổ chức hội nghị tổng kết năm 2021. "
        "Năm 2021, huyện đạt 15/15 chỉ tiêu; từ tháng 6/2017 đến nay đã có 12/14 xã đạt chuẩn. "
        "Hội nghị lần trước diễn ra hôm qua (16/1)."
    )
    found = find_dates(text)
    assert [m.text for m in found] == [
        "Sáng ngày 17/01/2022", "năm 2021", "Năm 2021", "tháng 6/2017", "hôm qua (16/1)",
    ]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_an_anniversary_span_gives_both_dates() -> None:
    # bug caught: the dash between two full dates must not hide the second one
    text = "Kỷ niệm 70 năm (20/5/1947-20/5/2017) ngày Bác về thăm."
    assert [(m.text, m.year) for m in find_dates(text)] == [("20/5/1947", 1947), ("20/5/2017", 2017)]


def test_mentions_are_frozen_values() -> None:
    m = find_dates("Ngày 18/11, hội nghị khai mạc.")[0]
    assert isinstance(m, DateMention)
    with pytest.raises(AttributeError):
        m.day = 1  # type: ignore[misc]


def test_non_string_input_finds_nothing() -> None:
    assert find_dates(None) == []  # type: ignore[arg-type]
    assert find_publication_date("Ngày 18/11".encode()) is None  # type: ignore[arg-type]


# --------------------------------------------------------------------------- property tests

DATE_TOKENS = [
    "ngày ", "Ngày ", "sáng ", "Chiều ", "hôm qua ", "sáng nay ", "Thứ ba, ", "T3 ", "tháng ", "năm ", "từ ",
    "đến ", "và ", "(", ")", "/", "-", ".", ",", ":", " ", "\n", "\u00a0", "\u200b", "\u2013", "%", "số ",
    "quý ", "chỉ tiêu", "âm lịch", "1", "2", "3", "9", "0", "12", "31", "2017", "2021-2026", "1/", "QĐ-TTg",
]


def _assert_well_formed(text: str) -> None:
    found = find_dates(text)
    previous_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end, "mentions overlap or are out of order"
        previous_end = m.end
        assert m.kind in {"date", "month", "year", "relative"}
        assert m.rule in RULE_IDS
        if m.month is not None:
            assert 1 <= m.month <= 12
        if m.day is not None:
            assert 1 <= m.day <= 31 and m.month is not None
    pub = find_publication_date(text)
    if pub is not None:
        assert text[pub.start:pub.end] == pub.text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_valid_offsets(text: str) -> None:
    _assert_well_formed(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_TOKENS), max_size=40).map("".join))
def test_date_like_noise_gives_valid_offsets(text: str) -> None:
    _assert_well_formed(text)


RENDERINGS = [
    "ngày {d}/{m}/{y}",
    "{d}-{m}-{y}",
    "ngày {d} tháng {m} năm {y}",
    "Ngày {d:02d}/{m:02d}/{y}",
    "sáng {d}.{m}.{y}",
    "{y}-{m:02d}-{d:02d}",
    "Thứ hai, {d}/{m}/{y}",
]
FRAMES = [
    "{}",
    "{}, UBND huyện tổ chức hội nghị.",
    "Hội nghị diễn ra {} tại hội trường.",
    "Đoàn công tác làm việc ({}) với xã.",
]


@settings(max_examples=300, deadline=None)
@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(RENDERINGS),
    st.sampled_from(FRAMES),
)
def test_rendered_dates_parse_back(day: dt.date, rendering: str, frame: str) -> None:
    phrase = rendering.format(d=day.day, m=day.month, y=day.year)
    text = frame.format(phrase)
    found = find_dates(text)
    assert [(m.day, m.month, m.year) for m in found] == [(day.day, day.month, day.year)], text
    assert found[0].text.endswith(phrase.split(", ")[-1]), text


@pytest.mark.parametrize(
    "text",
    [
        "1/" * 50000,
        "a" * 1_000_000,
        "1" * 1_000_000,
        "1." * 500_000,
        "1-1-" * 100_000,
        "(" * 200_000,
        "\n" * 100_000 + "Cập nhật: 1/1/2020",
        " " * 100_000 + "thứ 2 1/1/2020",
        "Sáng nay (" * 30_000,
        "\u200b" * 300_000,
        "tháng " * 100_000,
    ],
    ids=lambda t: f"{t[:12]!r}x{len(t)}",
)
def test_hostile_input_is_quick(text: str) -> None:
    began = time.perf_counter()
    _assert_well_formed(text)
    assert time.perf_counter() - began < 10


# --------------------------------------------------------------------------- publication line

PUBLICATION_HEADS = [
    # (head, expected text, (year, month, day), rule)
    (" date 2023-12 Theo dõi Báo tỉnh trên mạng xã hội\n\n(BT) - Chiều 5/12, tại Kỳ họp thứ 17...",
     "date 2023-12", (2023, 12, None), "pub.date_marker"),
    (" date 2025-11-25 Khai mạc Kỳ họp chuyên đề, HĐND tỉnh khóa XIX\n\nNgày 25/11, HĐND tỉnh tổ chức...",
     "date 2025-11-25", (2025, 11, 25), "pub.date_marker"),
    ("Trang thông tin điện tử huyện\n\nHuyện tổ chức hội nghị tổng kết công tác năm 2021\n\nThứ ba, 18/01/2022\n"
     "  • Đánh giá cho bài viết\n\nSáng ngày 17/01/2022, UBND huyện tổ chức hội nghị...",
     "Thứ ba, 18/01/2022", (2022, 1, 18), "pub.weekday_line"),
    ("Tin hoạt động\nCập nhật: 19/11/2020\nNgày 18/11, Thường trực HĐND huyện họp...",
     "Cập nhật: 19/11/2020", (2020, 11, 19), "pub.cue"),
    ("Hội nghị điển hình tiên tiến xã\nNgày đăng: 09/07/2020 10:30\nNgày 9-7, UBND xã tổ chức...",
     "Ngày đăng: 09/07/2020", (2020, 7, 9), "pub.cue"),
    ("Giao ban công tác dân vận\n\n08-04-2019 | 15:20\n\nNgày 8/4, Ban Dân vận Huyện ủy tổ chức...",
     "08-04-2019 | 15:20", (2019, 4, 8), "pub.line"),
    ("Đại biểu HĐND tỉnh tiếp xúc cử tri\n\n02/10/2019\n\nThường trực HĐND tỉnh vừa có thông báo...",
     "02/10/2019", (2019, 10, 2), "pub.line"),
    ("Tiêu đề bài viết\n\nThứ Tư, 02/10/2019, 22:04 [GMT+7]\n\nNội dung bài viết.",
     "Thứ Tư, 02/10/2019, 22:04", (2019, 10, 2), "pub.weekday_line"),
    ("Khai mạc kỳ họp HĐND huyện\n\nThứ năm - 22/06/2023 17:12 78 0\n\nNgày 22.6.2023, HĐND huyện khai mạc...",
     "Thứ năm - 22/06/2023 17:12", (2023, 6, 22), "pub.weekday_line"),
    ("CHUẨN BỊ CHO NGÀY HỘI TOÀN DÂN\n\n09:47, 15/03/2021\n\nQuốc hội đã quyết định ngày bầu cử...",
     "09:47, 15/03/2021", (2021, 3, 15), "pub.line"),
    ("Sơ kết công tác thi đua 6 tháng đầu năm\n(29/07/2024)\nNgày 29/7, tại Trung tâm hội nghị...",
     "29/07/2024", (2024, 7, 29), "pub.line"),
    ("T3, 18/01/2022 | 10:30\nHội nghị tổng kết công tác năm",
     "T3, 18/01/2022 | 10:30", (2022, 1, 18), "pub.weekday_line"),
    ("Tin tức | Đăng ngày 12/03/2021 | Lượt xem: 120\nNgày 11/3, Hội Nông dân huyện tổ chức...",
     "Đăng ngày 12/03/2021", (2021, 3, 12), "pub.cue"),
    ("Tiêu đề\nNgày xuất bản: 2021-03-12\nNội dung",
     "Ngày xuất bản: 2021-03-12", (2021, 3, 12), "pub.cue"),
    ("Tiêu đề\nCập nhật lúc 10:30 ngày 19/11/2020\nNội dung",
     "Cập nhật lúc 10:30 ngày 19/11/2020", (2020, 11, 19), "pub.cue"),
    ("CẬP NHẬT: 19/11/2020\nNội dung", "CẬP NHẬT: 19/11/2020", (2020, 11, 19), "pub.cue"),
    ("Tiêu đề\u00a0bài\nCập\u00a0nhật:\u00a019/11/2020\nNội dung", "Cập\u00a0nhật:\u00a019/11/2020",
     (2020, 11, 19), "pub.cue"),
]

NO_PUBLICATION = [
    "Sáng ngày 17/01/2022, đồng chí Chủ tịch UBND huyện chủ trì hội nghị.",
    "Ngày 26/12/2025, trong không khí trang trọng, HĐND xã khai mạc kỳ họp thứ 6.",
    "Tiêu đề\nChi tiết lịch cắt điện ngày 27/5/2017\nNội dung",
    "Bảng giá xe mới nhất (đã gồm thuế) và cập nhật 2/2017:\nBảng giá...",
    "Hội nghị tổng kết\n\nSáng 23/9, HĐND tỉnh khai mạc kỳ họp.",
    "Tham dự hội nghị có đồng chí Nguyễn Văn A, Bí thư Huyện ủy.",
    "date của hội nghị chưa được công bố",
    "",
    # a publication-shaped line too far down is not in the head
    "\n".join(f"Dòng {i}" for i in range(12)) + "\nCập nhật: 19/11/2020",
]


@pytest.mark.parametrize(("head", "text", "ymd", "rule"), PUBLICATION_HEADS, ids=lambda v: str(v)[:30])
def test_publication_line(head: str, text: str, ymd: tuple, rule: str) -> None:
    pub = find_publication_date(head)
    assert pub is not None, head
    assert (pub.text, (pub.year, pub.month, pub.day), pub.rule) == (text, ymd, rule)
    assert head[pub.start:pub.end] == pub.text


@pytest.mark.parametrize("head", NO_PUBLICATION, ids=lambda v: v[:30] or "<empty>")
def test_no_publication_line(head: str) -> None:
    assert find_publication_date(head) is None


def test_publication_iso_is_as_precise_as_the_line() -> None:
    assert find_publication_date(" date 2023-12 Tiêu đề").iso() == "2023-12"
    assert find_publication_date("Cập nhật: 19/11/2020").iso() == "2020-11-19"


# --------------------------------------------------------------------------- resolving

PUB = PublicationDate(0, 10, "19/11/2020", 2020, 11, 19, "pub.line")
PUB_JAN = PublicationDate(0, 10, "05/01/2021", 2021, 1, 5, "pub.line")
PUB_MONTH = PublicationDate(0, 12, "date 2023-10", 2023, 10, None, "pub.date_marker")


@pytest.mark.parametrize(
    ("sentence", "publication", "expected"),
    [
        ("Ngày 18/11, hội nghị diễn ra.", PUB, "2020-11-18"),
        ("Ngày 18/11, hội nghị diễn ra.", None, "--11-18"),
        ("Ngày 29-9, Ban Chấp hành họp.", PUB_MONTH, "2023-09-29"),
        ("Sáng ngày 17/01/2022, hội nghị diễn ra.", PUB, "2022-01-17"),  # a written year wins
        ("Hôm qua (18/11), hội nghị diễn ra.", PUB, "2020-11-18"),
        ("Sáng nay, hội nghị khai mạc.", PUB, "2020-11-19"),
        ("Chiều qua, đoàn làm việc với xã.", PUB, "2020-11-18"),
        ("Sáng nay, hội nghị khai mạc.", PUB_MONTH, None),  # no day to count from
        ("Sáng nay, hội nghị khai mạc.", None, None),
        ("Hôm qua (4/1), hội nghị diễn ra.", PUB_JAN, "2021-01-04"),
        ("Ngày 28/12, hội nghị diễn ra.", PUB_JAN, "2020-12-28"),  # across the new year
        ("Hôm qua (31/12), hội nghị diễn ra.", PublicationDate(0, 1, "x", 2021, 1, 1, "pub.line"), "2020-12-31"),
        ("Kế hoạch tháng 6/2017.", PUB, None),  # a month has no day
        ("Ngày 29/2, hội nghị diễn ra.", PUB, "2020-02-29"),
        ("Ngày 29/2, hội nghị diễn ra.", PUB_JAN, None),  # 2021 has no 29 February
    ],
)
def test_to_iso(sentence: str, publication: PublicationDate | None, expected: str | None) -> None:
    mention = find_dates(sentence)[0]
    assert to_iso(mention, publication) == expected


def test_resolve_year_default_and_resolve() -> None:
    m = find_dates("Ngày 18/11, hội nghị diễn ra.")[0]
    assert resolve_year(m) is None
    assert resolve_year(m, default=2019) == 2019
    assert resolve(m, PUB) == dt.date(2020, 11, 18)
    assert resolve(m) is None


# --------------------------------------------------------------------------- the data file


def _rows_of(path: Path) -> list[tuple[int, dict]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            rows.append((number, json.loads(line)))
    return rows


def test_data_file_integrity() -> None:
    canonical_parts = {"sáng", "trưa", "chiều", "tối", "đêm", "chiều tối", "rạng sáng", "ban ngày"}
    seen: set[tuple[str, str]] = set()
    for number, row in _rows_of(LEXICON_FILE):
        if set(row) == {"#"}:
            continue
        where = f"dates.jsonl:{number}"
        assert row["type"] in dates_module.LEXICON_TYPES, where
        text = row["text"]
        assert text == unicodedata.normalize("NFC", text), f"{where}: not NFC"
        assert text == " ".join(text.split()) and text == text.casefold(), f"{where}: write words lower-case, single-spaced"
        assert (row["type"], text) not in seen, f"{where}: duplicate"
        seen.add((row["type"], text))
        value = row.get("value")
        if row["type"] == "weekday":
            assert 1 <= value <= 7, where
        if row["type"] == "month_word":
            assert 1 <= value <= 12, where
        if row["type"] in ("relative", "relative_suffix"):
            assert -7 <= value <= 7, where
        if row["type"] == "part_of_day":
            assert value in canonical_parts, where
    lexicon = load_lexicon(LEXICON_FILE)
    for kind in dates_module.LEXICON_TYPES:
        assert lexicon.words(kind), f"no words of type {kind}"


def test_lexicon_covers_the_specified_words() -> None:
    lex = load_lexicon()
    for word in ["sáng", "trưa", "chiều", "tối", "chiều tối", "đêm", "rạng sáng"]:
        assert lex.has("part_of_day", word), word
    for word in ["Thứ hai", "Chủ nhật", "CN", "T2"]:
        assert lex.has("weekday", word), word
    assert lex.value("month_word", "Giêng") == 1
    for word in ["Cập nhật", "Ngày đăng", "Đăng ngày", "Ngày xuất bản", "date"]:
        assert lex.has("pub_cue", word), word


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "weekday", "text": "thứ hai", "value": 1}\n{not json}\n', "dates.jsonl:2: not JSON"),
        ('{"type": "colour", "text": "đỏ"}\n', "unknown type 'colour'"),
        ('{"type": "weekday", "text": "thứ hai"}\n', "needs a int 'value'"),
        ('{"type": "date_cue", "text": "ngày"}\n{"type": "date_cue", "text": "Ngày"}\n', "duplicate date_cue"),
        ('["a list"]\n', "expected an object"),
        ('{"type": "date_cue", "text": "  "}\n', "non-empty string"),
    ],
)
def test_malformed_data_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PatternError, match=message):
        load_lexicon(path)


def test_missing_data_file_is_a_pattern_error(tmp_path: Path) -> None:
    with pytest.raises(PatternError, match="cannot read"):
        load_lexicon(tmp_path / "absent.jsonl")


def test_words_are_data_a_new_part_of_day_needs_no_code(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text(
        LEXICON_FILE.read_text(encoding="utf-8") + '{"type": "part_of_day", "text": "nhá nhem", "value": "tối"}\n',
        encoding="utf-8",
    )
    text = "Nhá nhem 5-7, đoàn công tác đến xã."
    assert find_dates(text) == []  # "5-7" needs a cue, and "nhá nhem" is not one yet
    found = find_dates(text, lexicon=path)
    assert [(m.text, m.part_of_day) for m in found] == [("Nhá nhem 5-7", "tối")]


def test_doctests() -> None:
    result = doctest.testmod(dates_module)
    assert result.attempted > 0 and result.failed == 0


def test_a_lexicon_missing_a_type_warns(tmp_path: Path) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_text('{"type": "date_cue", "text": "ngày"}\n', encoding="utf-8")
    with pytest.warns(UserWarning, match="no words of type"):
        lexicon = load_lexicon(path)
    assert lexicon.words("date_cue") == ["ngày"]


@given(st.text(alphabet=st.sampled_from(list("Sáng 17/01/2022, họp-") + [
    "\u00a0", "\u2009", "\u200b", "\ufeff", "\u00ad", "\u2013", "\u2014", "\u2212", "\uff0f", "\uff0d", "\n"])))
def test_the_plain_view_of_a_text_is_what_the_translation_table_gives(text):
    from extractor.dates import _VIEW_TABLE, _view

    assert _view(text) == text.translate(_VIEW_TABLE)
