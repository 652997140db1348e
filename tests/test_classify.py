"""Is the article a report of a meeting that took place?

Given a short article in the genre (headline, maybe a publication line, a
few sentences), when it is extracted, then ``is_meeting_report`` says
whether its main subject is a meeting, session, congress, working session
or ceremony that took place; crime, weather, sport, statistics, policy
explainers, op-eds and announcements of meetings still to come are not, and
their records carry no meeting data.
"""
from __future__ import annotations

import datetime as dt

import pytest

from extractor.classify import Evidence, MeetingClassifier
from extractor.pattern_files import cached_patterns



MEETINGS = [
    pytest.param(
        "Huyện Yên Lập tổng kết công tác năm 2023\n"
        "Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết công tác năm 2023, triển khai nhiệm vụ năm 2024. "
        "Đồng chí Phan Văn Hải, Chủ tịch UBND huyện chủ trì hội nghị. Năm 2023, huyện hoàn thành 15/15 chỉ tiêu.",
        id="conference-with-chair",
    ),
    pytest.param(
        "Kỳ họp thứ 7 HĐND huyện khóa XX\n"
        "Sáng 20/12/2023, HĐND huyện khóa XX khai mạc kỳ họp thứ 7. Đồng chí Trịnh Văn Lực, Chủ tịch HĐND huyện "
        "chủ trì kỳ họp. Kỳ họp đã thông qua 8 nghị quyết quan trọng.",
        id="council-session",
    ),
    pytest.param(
        "Trường THCS Hòa Bình kỷ niệm 60 năm thành lập\n"
        "Sáng 20/11/2023, Trường THCS Hòa Bình tổ chức lễ kỷ niệm 60 năm ngày thành lập trường. Tới dự có đồng "
        "chí Nông Văn Tiến, Phó Chủ tịch UBND huyện và đồng chí Lục Thị Hoa, Trưởng phòng Giáo dục và Đào tạo huyện.",
        id="ceremony-with-guests",
    ),
    pytest.param(
        "Đoàn công tác Bộ Y tế làm việc tại tỉnh\n"
        "Chiều 6/3/2024, đoàn công tác của Bộ Y tế do Thứ trưởng Đỗ Xuân Tuyên làm trưởng đoàn đã có buổi làm việc "
        "với UBND tỉnh về công tác y tế cơ sở. Tiếp và làm việc với đoàn có đồng chí Trần Văn Lâm, Phó Chủ tịch "
        "UBND tỉnh.",
        id="working-session",
    ),
    pytest.param(
        "Đại hội Hội Cựu chiến binh xã Minh Hòa nhiệm kỳ 2022-2027\n"
        "Ngày 10/5/2022, Hội Cựu chiến binh xã Minh Hòa tổ chức Đại hội lần thứ VII, nhiệm kỳ 2022-2027. Tham dự "
        "đại hội có các đồng chí: Lâm Văn Bé, Phó Chủ tịch Hội Cựu chiến binh huyện; Hứa Thị Phấn, Bí thư Đảng ủy "
        "xã. Đại hội đã bầu 9 đồng chí vào Ban Chấp hành khóa mới.",
        id="congress-with-attendance-list",
    ),
    pytest.param(
        "Huyện tổ chức lễ trao Huy hiệu Đảng\n"
        "Sáng 3/2/2024, Huyện ủy tổ chức lễ trao Huy hiệu Đảng đợt 3/2. Đồng chí Văn Thị Bạch Tuyết, Phó Bí thư "
        "Thường trực Huyện ủy trao Huy hiệu 50 năm tuổi Đảng cho 12 đảng viên.",
        id="award-ceremony-one-named-giver",
    ),
    pytest.param(
        "Thủ tướng làm việc với tỉnh\nThứ năm, 24/11/2022\n"
        "Sáng nay, Thủ tướng Phạm Minh Chính đã làm việc với lãnh đạo chủ chốt của tỉnh về tình hình phát triển "
        "kinh tế - xã hội.",
        id="working-session-sang-nay",
    ),
    pytest.param(
        "Huyện Yên Lập sơ kết 6 tháng đầu năm\n"
        "Sáng 5/7/2023, UBND huyện tổ chức hội nghị sơ kết 6 tháng đầu năm. Đồng chí Phan Văn Hải, Chủ tịch UBND "
        "huyện chủ trì hội nghị. Hội nghị tổng kết năm sẽ tổ chức vào tháng 12/2023.",
        id="past-meeting-mentioning-the-next",
    ),
]

NOT_MEETINGS = [
    pytest.param(
        "Bắt giữ đối tượng trộm cắp xe máy tại chợ huyện\n"
        "Ngày 12/5, Công an huyện Yên Lập cho biết đã bắt giữ Nguyễn Văn Tùng (25 tuổi, trú tại xã Minh Hòa) về "
        "hành vi trộm cắp tài sản. Trước đó, đối tượng đã lấy trộm 3 xe máy tại khu vực chợ trung tâm. Vụ việc "
        "đang được cơ quan công an điều tra làm rõ.",
        id="crime",
    ),
    pytest.param(
        "Xét xử vụ án tham ô tài sản tại Công ty Lương thực\n"
        "Ngày 20/10, TAND tỉnh mở phiên tòa sơ thẩm xét xử bị cáo Trần Văn Hậu, nguyên Giám đốc Công ty Lương thực "
        "về tội tham ô tài sản. Hội đồng xét xử tuyên phạt bị cáo 12 năm tù.",
        id="trial",
    ),
    pytest.param(
        "Cảnh báo mưa lớn và lũ quét tại các tỉnh miền núi phía Bắc\n"
        "Trung tâm Dự báo khí tượng thủy văn quốc gia cho biết, từ đêm 14/7 đến ngày 16/7, khu vực vùng núi phía "
        "Bắc có mưa to đến rất to, lượng mưa phổ biến 100-200 mm. Người dân cần đề phòng lũ quét, sạt lở đất ở "
        "vùng núi. Ban Chỉ huy phòng chống thiên tai tỉnh yêu cầu các huyện chủ động phương án ứng phó.",
        id="weather-warning",
    ),
    pytest.param(
        "Huyện sẽ tổ chức Đại hội đại biểu các dân tộc thiểu số lần thứ IV\nThứ hai, 05/09/2023\n"
        "Theo kế hoạch, UBND huyện sẽ tổ chức Đại hội đại biểu các dân tộc thiểu số huyện lần thứ IV vào ngày "
        "28/9/2023 tại Hội trường Trung tâm Văn hóa huyện. Dự kiến có 150 đại biểu tham dự đại hội.",
        id="announcement-se-to-chuc",
    ),
    pytest.param(
        "Thông báo tổ chức kỳ họp thứ 8 HĐND huyện khóa XX\nCập nhật: 20/06/2024\n"
        "Thường trực HĐND huyện thông báo: kỳ họp thứ 8 HĐND huyện khóa XX dự kiến diễn ra trong 2 ngày 10 và "
        "11/7/2024 tại Hội trường UBND huyện. Đồng chí Bùi Văn Khánh, Chủ tịch HĐND huyện sẽ chủ trì kỳ họp. "
        "Đề nghị các đại biểu sắp xếp thời gian tham dự đầy đủ.",
        id="announcement-with-future-chair",
    ),
    pytest.param(
        "Từ 1/7, người lao động được tăng lương tối thiểu vùng\n"
        "Theo Nghị định 38/2022/NĐ-CP của Chính phủ, từ ngày 1/7/2022, mức lương tối thiểu vùng tăng bình quân 6% "
        "so với hiện hành. Mức lương tối thiểu vùng I là 4.680.000 đồng/tháng. Người lao động làm việc theo hợp "
        "đồng được áp dụng mức lương mới. Doanh nghiệp cần rà soát lại thang lương, bảng lương.",
        id="policy-explainer",
    ),
    pytest.param(
        "Đội tuyển bóng đá xã Thạch Bình giành chức vô địch\n"
        "Chiều 3/9, tại sân vận động huyện, đội tuyển bóng đá xã Thạch Bình đã giành chức vô địch giải bóng đá "
        "thanh niên năm 2023 sau khi thắng 3-1 trong trận chung kết.",
        id="sport",
    ),
    pytest.param(
        "Thu ngân sách 11 tháng đạt 95% dự toán\n"
        "Theo báo cáo của Sở Tài chính, 11 tháng năm 2023, tổng thu ngân sách nhà nước trên địa bàn tỉnh đạt "
        "12.500 tỷ đồng, bằng 95% dự toán, tăng 8% so với cùng kỳ. Trong đó, thu nội địa đạt 10.200 tỷ đồng.",
        id="statistics",
    ),
    pytest.param(
        "Họp nhiều, họp dài: căn bệnh khó chữa\n"
        "Đã từ lâu, chuyện hội nghị, cuộc họp kéo dài, nội dung dàn trải là điều khiến nhiều cán bộ, người dân "
        "phàn nàn. Không ít cuộc họp chỉ để \"báo cáo lại báo cáo\". Cần có quy định chặt chẽ về thời lượng và số "
        "lượng các cuộc họp để tiết kiệm thời gian, chi phí.",
        id="op-ed-about-meetings",
    ),
    pytest.param("", id="empty"),
    pytest.param("   \n  ", id="whitespace"),
]


@pytest.mark.parametrize("text", MEETINGS)
def test_meeting_reports(extractor, text):
    assert extractor.extract(text).is_meeting_report


@pytest.mark.parametrize("text", NOT_MEETINGS)
def test_not_meeting_reports(extractor, text):
    report = extractor.extract(text)
    assert not report.is_meeting_report
    assert (report.meeting_date, report.chairpersons, report.attendees, report.targets, report.awards) == (
        None, [], [], [], []
    )


# --------------------------------------------------------------------------- the classifier alone

@pytest.fixture(scope="module")
def classifier() -> MeetingClassifier:
    return MeetingClassifier(cached_patterns(()))


@pytest.mark.parametrize("text, worth", [
    ("Sáng 15/12, UBND huyện tổ chức hội nghị tổng kết.", True),
    ("Đồng chí Phan Văn Hải chủ trì buổi làm việc.", True),
    ("HĐND HUYỆN KHAI MẠC KỲ HỌP THỨ 7", True),
    ("Công an huyện bắt giữ đối tượng trộm cắp tài sản.", False),
    ("", False),
])
def test_worth_parsing(classifier, text, worth):
    assert classifier.worth_parsing(text) is worth


def _evidence(**overrides) -> Evidence:
    base = dict(
        headline="Huyện Yên Lập tổng kết công tác năm 2023",
        lead="Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết.",
        body="Sáng 15/12/2023, UBND huyện tổ chức hội nghị tổng kết.",
        chairs=1,
        meeting_date="2023-12-15",
        published=dt.date(2023, 12, 16),
    )
    base.update(overrides)
    return Evidence(**base)


def test_named_chair_and_meeting_lead_make_a_meeting(classifier):
    assert classifier.decide(_evidence()).is_meeting


def test_meeting_dated_after_publication_is_not_a_report(classifier):
    verdict = classifier.decide(_evidence(chairs=0, participants=2, meeting_date="2023-12-28"))
    assert not verdict.is_meeting
    assert "the meeting's date is after the publication date" in verdict.reasons


def test_headline_announcing_a_meeting_is_not_a_report(classifier):
    verdict = classifier.decide(_evidence(headline="Huyện sẽ tổ chức hội nghị tổng kết công tác năm 2023", chairs=0))
    assert not verdict.is_meeting


def test_no_day_and_nobody_named_is_not_a_report(classifier):
    verdict = classifier.decide(_evidence(chairs=0, meeting_date=None, headline="Bàn về chuyện hội họp"))
    assert not verdict.is_meeting
