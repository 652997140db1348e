"""Which date is the meeting's, and which year it falls in.

Given a short meeting article in the genre (optionally with a publication
line, and optionally a reference date from the caller), when it is
extracted, then ``meeting_date`` is the day the meeting took place:
ISO when a year can be read from the text (or the reference date),
``--MM-DD`` when none can, null when no day is given. Deadlines, document
dates, the publication line, earlier and later sessions are not the meeting's
day.
"""
from __future__ import annotations

import datetime as dt

import pytest


CHAIR = "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị."



def xfail(reason: str):
    return pytest.mark.xfail(reason=reason, strict=True)


# (id, text, reference date, expected meeting_date, expected evidence text or None)
CASES = [
    # -- the meeting's own day, not the publication line
    pytest.param(
        "Hội nghị tổng kết công tác năm 2021 của huyện\nThứ ba, 18/01/2022\n"
        "Sáng ngày 17/01/2022, UBND huyện tổ chức hội nghị tổng kết công tác năm 2021. " + CHAIR,
        None, "2022-01-17", "Sáng ngày 17/01/2022", id="meeting-day-not-publication-line",
    ),
    pytest.param(
        "Hội nghị tổng kết năm 2022\nThứ hai, 09/01/2023\n"
        "Ngày 30/12/2022, UBND huyện tổ chức hội nghị tổng kết. " + CHAIR,
        None, "2022-12-30", "Ngày 30/12/2022", id="year-written-beats-publication-year",
    ),
    pytest.param(
        "Hội nghị tổng kết năm 2022\nSáng ngày 5 tháng 1 năm 2023, UBND huyện tổ chức hội nghị tổng kết. " + CHAIR,
        None, "2023-01-05", "Sáng ngày 5 tháng 1 năm 2023", id="date-in-words",
    ),
    pytest.param(
        "Hội nghị tổng kết năm 2022\nHội nghị tổng kết công tác năm 2022 của UBND huyện được tổ chức vào sáng "
        "6/1/2023. " + CHAIR,
        None, "2023-01-06", "sáng 6/1/2023", id="organised-on",
    ),
    # -- deadlines and document dates are skipped
    pytest.param(
        "Hội nghị triển khai nhiệm vụ năm 2017\nSáng 8/2, UBND huyện họp triển khai nhiệm vụ. "
        "Đồng chí Hà Văn Sơn, Chủ tịch UBND huyện chủ trì. Các xã báo cáo kết quả trước ngày 10/2/2017.",
        None, "2017-02-08", "Sáng 8/2", id="deadline-skipped-gives-year",
    ),
    pytest.param(
        "Hội nghị triển khai nhiệm vụ năm 2022\nSáng 10/1/2022, UBND huyện tổ chức hội nghị triển khai "
        "Kế hoạch số 45/KH-UBND ngày 3/1/2022 của UBND tỉnh. " + CHAIR,
        None, "2022-01-10", "Sáng 10/1/2022", id="document-date-after-meeting-day",
    ),
    pytest.param(
        "Hội nghị triển khai nhiệm vụ năm 2022\nThực hiện Kế hoạch số 45/KH-UBND ngày 3/1/2022 của UBND tỉnh, "
        "sáng 10/1/2022, UBND huyện tổ chức hội nghị triển khai. " + CHAIR,
        None, "2022-01-10", "sáng 10/1/2022", id="document-date-before-meeting-day",
    ),
    pytest.param(
        "Hội nghị triển khai nhiệm vụ\nUBND huyện họp triển khai nhiệm vụ. Đồng chí Hà Văn Sơn, Chủ tịch UBND "
        "huyện chủ trì cuộc họp. Các xã báo cáo kết quả trước ngày 10/2/2017. Thực hiện Quyết định số "
        "12/QĐ-UBND ngày 3/1/2017, các đơn vị rà soát lại hồ sơ.",
        None, None, None, id="no-meeting-day-only-deadline-and-document",
    ),
    # -- no year anywhere: --MM-DD
    pytest.param(
        "Ban Thường vụ Huyện ủy họp phiên thường kỳ\nChiều 14/3, Ban Thường vụ Huyện ủy họp phiên thường kỳ. "
        "Đồng chí Trần Văn Hải, Bí thư Huyện ủy chủ trì hội nghị.",
        None, "--03-14", "Chiều 14/3", id="no-year",
    ),
    # -- the year from the publication line
    pytest.param(
        "Kỳ họp thứ 12 HĐND xã Minh Hòa\nCập nhật: 19/11/2020\nNgày 18/11, HĐND xã Minh Hòa khai mạc kỳ họp "
        "thứ 12. Đồng chí Bùi Văn Hoàng, Chủ tịch HĐND xã chủ trì kỳ họp.",
        None, "2020-11-18", "Ngày 18/11", id="year-from-cap-nhat",
    ),
    pytest.param(
        " date 2023-12 Hội nghị tổng kết công tác năm 2023\nSáng 15/12, UBND huyện tổ chức hội nghị tổng kết. "
        + CHAIR,
        None, "2023-12-15", "Sáng 15/12", id="year-from-date-marker",
    ),
    pytest.param(
        "Ban Thường vụ Huyện ủy họp phiên cuối năm\nThứ hai, 02/01/2023\nSáng 30/12, Ban Thường vụ Huyện ủy "
        "họp phiên thường kỳ. Đồng chí Trần Văn Hải, Bí thư Huyện ủy chủ trì hội nghị.",
        None, "2022-12-30", "Sáng 30/12", id="december-meeting-january-publication",
    ),
    pytest.param(
        "Hội nghị sơ kết quý I\n08-04-2023 | 15:20\nChiều 7/4, UBND huyện tổ chức hội nghị sơ kết quý I. " + CHAIR,
        None, "2023-04-07", "Chiều 7/4", id="year-from-portal-timestamp",
    ),
    pytest.param(
        "Hội nghị sơ kết 6 tháng đầu năm\n(29/07/2024)\nSáng 28/7, UBND huyện tổ chức hội nghị sơ kết. " + CHAIR,
        None, "2024-07-28", "Sáng 28/7", id="year-from-bracketed-date-line",
    ),
    # -- the year from the article's other dated mentions
    pytest.param(
        "Kỳ họp thứ 12 HĐND xã Minh Hòa\nNgày 18/11, HĐND xã khai mạc kỳ họp thứ 12. Đồng chí Bùi Văn Hoàng, "
        "Chủ tịch HĐND xã chủ trì kỳ họp. Kỳ họp thông qua nghị quyết có hiệu lực từ ngày 1/1/2021; các thôn "
        "hoàn thành rà soát trước ngày 30/11/2020.",
        None, "2020-11-18", "Ngày 18/11", id="year-from-nearby-deadline",
    ),
    pytest.param(
        "Bộ họp về các dự án chậm tiến độ\nThứ trưởng Bộ Xây dựng Lê Quang Hùng đã chủ trì cuộc họp về các dự "
        "án chậm tiến độ. Cuộc họp diễn ra ngày 23.1 tại trụ sở Bộ. Các đơn vị gửi báo cáo chậm nhất ngày 4.2.2017.",
        None, "2017-01-23", "ngày 23.1", id="took-place-on-with-dots",
    ),
    # -- relative days against the publication line
    pytest.param(
        "Đảng ủy Khối sơ kết 6 tháng\nThứ năm, 24/11/2022\nSáng nay (23/11), Đảng ủy Khối tổ chức hội nghị sơ "
        "kết. Đồng chí Phan Văn Mãi, Bí thư Đảng ủy Khối chủ trì hội nghị.",
        None, "2022-11-23", None, id="sang-nay-with-day",
    ),
    pytest.param(
        "UBND tỉnh họp trực tuyến với các huyện\nThứ năm, 24/11/2022\nSáng nay, UBND tỉnh tổ chức hội nghị trực "
        "tuyến. Đồng chí Lê Quang Huy, Chủ tịch UBND tỉnh chủ trì hội nghị.",
        None, "2022-11-24", "Sáng nay", id="sang-nay",
    ),
    pytest.param(
        "UBND tỉnh họp trực tuyến với các huyện\nThứ năm, 24/11/2022\nChiều qua, UBND tỉnh tổ chức hội nghị trực "
        "tuyến. Đồng chí Lê Quang Huy, Chủ tịch UBND tỉnh chủ trì hội nghị.",
        None, "2022-11-23", "Chiều qua", id="chieu-qua",
    ),
    pytest.param(
        "UBND tỉnh họp trực tuyến với các huyện\nSáng nay, UBND tỉnh tổ chức hội nghị trực tuyến. "
        "Đồng chí Lê Quang Huy, Chủ tịch UBND tỉnh chủ trì hội nghị.",
        None, None, None, id="sang-nay-without-publication-line",
    ),
    # -- the caller's reference date
    pytest.param(
        "Ban Thường vụ Huyện ủy họp phiên thường kỳ\nChiều 14/3, Ban Thường vụ Huyện ủy họp phiên thường kỳ. "
        "Đồng chí Trần Văn Hải, Bí thư Huyện ủy chủ trì hội nghị.",
        "2022-03-20", "2022-03-14", "Chiều 14/3", id="reference-date-gives-year",
    ),
    pytest.param(
        "Ban Thường vụ Huyện ủy họp phiên cuối năm\nSáng 30/12, Ban Thường vụ Huyện ủy họp phiên thường kỳ. "
        "Đồng chí Trần Văn Hải, Bí thư Huyện ủy chủ trì hội nghị.",
        dt.date(2023, 1, 2), "2022-12-30", "Sáng 30/12", id="reference-date-early-january",
    ),
    pytest.param(
        "UBND tỉnh họp trực tuyến với các huyện\nSáng nay, UBND tỉnh tổ chức hội nghị trực tuyến. "
        "Đồng chí Lê Quang Huy, Chủ tịch UBND tỉnh chủ trì hội nghị.",
        "2022-11-24", "2022-11-24", "Sáng nay", id="reference-date-resolves-sang-nay",
    ),
    pytest.param(
        "Đảng ủy Khối sơ kết 6 tháng\nThứ năm, 24/11/2022\nChiều 23/11, Đảng ủy Khối tổ chức hội nghị sơ kết. "
        "Đồng chí Phan Văn Mãi, Bí thư Đảng ủy Khối chủ trì hội nghị.",
        "2019-05-01", "2022-11-23", "Chiều 23/11", id="publication-line-beats-reference-date",
    ),
    # -- earlier and later sessions are not the meeting
    pytest.param(
        "Kỳ họp thứ 18 HĐND tỉnh\nSáng 23/12, HĐND tỉnh khai mạc kỳ họp thứ 18. Đồng chí Vũ Văn Bảy, Chủ tịch "
        "HĐND tỉnh chủ trì kỳ họp. Trước đó, kỳ họp thứ 17 diễn ra ngày 20/11/2023.",
        None, "2023-12-23", "Sáng 23/12", id="earlier-session-after",
    ),
    pytest.param(
        "Kỳ họp thứ 18 HĐND tỉnh\nTrước đó, kỳ họp thứ 17 đã diễn ra ngày 20/11/2023. Sáng 23/12/2023, HĐND tỉnh "
        "khai mạc kỳ họp thứ 18. Đồng chí Vũ Văn Bảy, Chủ tịch HĐND tỉnh chủ trì kỳ họp.",
        None, "2023-12-23", "Sáng 23/12/2023", id="earlier-session-first",
    ),
    pytest.param(
        "Kỳ họp thứ 7 HĐND huyện\nSáng 20/12/2023, HĐND huyện khai mạc kỳ họp thứ 7. Đồng chí Trịnh Văn Lực, "
        "Chủ tịch HĐND huyện chủ trì kỳ họp. Kỳ họp thứ 8 dự kiến diễn ra vào ngày 10/7/2024.",
        None, "2023-12-20", "Sáng 20/12/2023", id="next-session",
    ),
]


@pytest.mark.parametrize("text, reference, expected, evidence", CASES)
def test_meeting_date(extractor, text, reference, expected, evidence):
    report = extractor.extract(text, reference_date=reference)
    assert report.is_meeting_report, text
    assert report.meeting_date == expected, text
    if expected is None:
        assert report.meeting_date_evidence is None
    elif evidence is not None:
        ev = report.meeting_date_evidence
        assert ev.text == evidence
        assert text[ev.start:ev.end] == evidence


def test_publication_line_is_recorded_apart(extractor):
    text = (
        "Hội nghị tổng kết công tác năm 2021 của huyện\nThứ ba, 18/01/2022\n"
        "Sáng ngày 17/01/2022, UBND huyện tổ chức hội nghị tổng kết công tác năm 2021. " + CHAIR
    )
    report = extractor.extract(text)
    assert report.published_date == "2022-01-18"
    assert report.published_date_evidence.text == "Thứ ba, 18/01/2022"


def test_bad_reference_date_is_a_clear_error(extractor):
    from extractor.errors import ExtractorError

    with pytest.raises(ExtractorError):
        extractor.extract("Sáng nay, UBND tỉnh họp.", reference_date="24/11/2022")


def test_not_a_meeting_has_no_meeting_date(extractor):
    text = (
        "Cảnh báo mưa lớn tại các tỉnh miền núi phía Bắc\nThứ năm, 24/11/2022\n"
        "Từ đêm 14/7 đến ngày 16/7, khu vực vùng núi phía Bắc có mưa to đến rất to."
    )
    report = extractor.extract(text)
    assert not report.is_meeting_report
    assert report.meeting_date is None
