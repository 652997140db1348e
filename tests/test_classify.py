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

from extractor.classify import Findings, MeetingClassifier
from extractor.layout import analyse_layout
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
    pytest.param(
        "Hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025\n"
        "Ngày 12/8/2025, UBND huyện tổ chức hội nghị biểu dương điển hình tiên tiến giai đoạn 2020-2025. Tại hội "
        "nghị, 25 tập thể và 40 cá nhân được tặng Giấy khen của Chủ tịch UBND huyện.",
        id="commendation-conference-nobody-named",
    ),
    pytest.param(
        "Tuyên dương học sinh giỏi năm học 2023-2024\n"
        "Tối 30/5, tại Nhà văn hóa huyện, Huyện đoàn phối hợp với Phòng Giáo dục và Đào tạo tổ chức lễ tuyên "
        "dương 120 học sinh đạt giải cấp tỉnh. Các em được trao giấy khen và phần thưởng.",
        id="commendation-ceremony",
    ),
    pytest.param(
        "Đoàn giám sát HĐND tỉnh làm việc với UBND huyện Mường Tè\n"
        "Chiều 14/9, đoàn giám sát của Thường trực HĐND tỉnh đã có buổi giám sát việc thực hiện chính sách hỗ "
        "trợ nhà ở cho hộ nghèo tại huyện Mường Tè. Đoàn đề nghị huyện đẩy nhanh tiến độ giải ngân.",
        id="supervision-session",
    ),
    pytest.param(
        "Lãnh đạo tỉnh kiểm tra tiến độ nông thôn mới\n"
        "Ngày 3/10, đồng chí Hà Văn Tuấn, Phó Chủ tịch UBND tỉnh cùng đoàn công tác đã làm việc tại xã Tân Lập "
        "về tiến độ xây dựng nông thôn mới nâng cao.",
        id="working-session-lam-viec-tai",
    ),
    pytest.param(
        "HĐND thị xã Phú Thọ tổ chức Kỳ họp thứ 9\n"
        "HĐND thị xã Phú Thọ khóa XX, nhiệm kỳ 2021-2026 vừa tổ chức thành công Kỳ họp thứ 9. Kỳ họp đã thông qua "
        "12 nghị quyết quan trọng về phát triển kinh tế - xã hội của địa phương.",
        id="council-session-as-a-whole",
    ),
    pytest.param(
        "Đại biểu lãnh đạo Huyện ủy, HĐND, UBND huyện về dự hội nghị. Hội nghị đã đánh giá kết quả thực hiện "
        "nhiệm vụ năm 2023 và đề ra phương hướng năm 2024. Đồng chí Lý Thị Lan, Bí thư Huyện ủy phát biểu kết "
        "luận hội nghị.",
        id="excerpt-opening-on-the-delegates",
    ),
    pytest.param(
        "Đến dự có đồng chí Trần Minh Khoa – Trưởng Ban Tuyên giáo Thị ủy; đồng chí Lê Thị Hạnh – Phó Chủ tịch "
        "UBND thị xã\n"
        "Hội nghị đã thảo luận và thống nhất các giải pháp thực hiện nhiệm vụ những tháng cuối năm.",
        id="excerpt-opening-on-a-dash-attendance-line",
    ),
    pytest.param(
        "Chi bộ thôn Đồng Tâm sinh hoạt chuyên đề\n"
        "Sáng 8/4, Chi bộ thôn Đồng Tâm tổ chức sinh hoạt chuyên đề quý II. Đến dự có đồng chí Hoàng Văn Nam – Phó "
        "Bí thư Đảng ủy xã; đồng chí Vi Thị Thu – Chủ tịch Hội Phụ nữ xã.",
        id="dash-attendance",
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
    pytest.param(
        "Xuất khẩu nông sản 9 tháng đạt 40 tỷ USD\n"
        "Theo số liệu Bộ Nông nghiệp và Phát triển nông thôn công bố, 9 tháng năm 2024, kim ngạch xuất khẩu nông "
        "lâm thủy sản đạt 40 tỷ USD, tăng 20% so với cùng kỳ. Tại hội nghị sơ kết gần đây, Bộ cho biết ngành phấn "
        "đấu cả năm đạt 55 tỷ USD.",
        id="statistics-citing-a-conference",
    ),
    pytest.param(
        "Tổng thống Mỹ tuyên bố áp thuế mới với hàng nhập khẩu\n"
        "Ngày 2/4, Tổng thống Mỹ tuyên bố áp mức thuế đối ứng đối với hàng hóa nhập khẩu từ nhiều nước. Nhà Trắng "
        "cho biết quyết định có hiệu lực từ ngày 9/4. Giới phân tích cho rằng các cuộc đàm phán thương mại sắp tới "
        "sẽ rất khó khăn.",
        id="foreign-politics",
    ),
    pytest.param(
        "Điểm tin sáng 12/3: Hội nghị Trung ương bế mạc; giá xăng tăng\n"
        "Hội nghị Trung ương bế mạc sau 3 ngày làm việc. Giá xăng RON95 tăng 500 đồng/lít từ 15h chiều nay. Miền "
        "Bắc đón không khí lạnh tăng cường, nhiệt độ giảm sâu.",
        id="press-digest",
    ),
    pytest.param(
        "Khởi tố giám đốc doanh nghiệp lừa đảo chiếm đoạt tài sản\n"
        "Ngày 5/6, Cơ quan Cảnh sát điều tra Công an tỉnh đã khởi tố vụ án, bắt tạm giam Nguyễn Văn Bình, Giám đốc "
        "Công ty TNHH Phú Gia về tội lừa đảo chiếm đoạt tài sản. Tại buổi làm việc, Bình khai nhận đã chiếm đoạt "
        "hơn 12 tỷ đồng của 40 người.",
        id="crime-with-a-working-session",
    ),
    pytest.param(
        "Thủ tướng điện đàm với Thủ tướng Nhật Bản\n"
        "Tối 15/3, Thủ tướng Phạm Minh Chính đã có cuộc điện đàm với Thủ tướng Nhật Bản. Hai bên nhất trí thúc "
        "đẩy hợp tác trong các lĩnh vực kinh tế, đầu tư và lao động.",
        id="phone-call",
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


# --------------------------------------------------------------------------- why: meeting_evidence

def _rules(report) -> set[str]:
    return {r.rule for r in report.meeting_evidence}


def test_a_kept_report_says_why(extractor):
    report = extractor.extract(MEETINGS[0].values[0])
    assert report.is_meeting_report
    assert {"cue.organised@lead", "finding.named_chair"} <= _rules(report)
    chair = next(r for r in report.meeting_evidence if r.rule == "finding.named_chair")
    assert chair.weight > 0 and chair.evidence.text == "chủ trì"


def test_a_dropped_announcement_says_why(extractor):
    report = extractor.extract(NOT_MEETINGS[3].values[0])
    assert not report.is_meeting_report
    against = [r for r in report.meeting_evidence if r.weight < 0]
    assert any("later date" in r.reason for r in against)


def test_the_attendance_sentence_is_evidence(extractor):
    report = extractor.extract(MEETINGS[-1].values[0])
    attendance = [r for r in report.meeting_evidence if r.rule.startswith("cue.attendance@")]
    assert attendance and attendance[0].evidence.text.startswith("Đến dự có")


@pytest.mark.parametrize("text", [p.values[0] for p in MEETINGS + NOT_MEETINGS])
def test_every_meeting_evidence_span_holds(extractor, text):
    for reason in extractor.extract(text).meeting_evidence:
        if reason.evidence is not None:
            ev = reason.evidence
            assert text[ev.start:ev.end] == ev.text


def test_evidence_offsets_hold_in_nfd_text(extractor):
    import unicodedata

    text = unicodedata.normalize("NFD", MEETINGS[0].values[0])
    report = extractor.extract(text)
    assert report.is_meeting_report and report.meeting_evidence
    for ev in report.evidences():
        assert text[ev.start:ev.end] == ev.text


def test_meeting_evidence_is_in_the_json_schema():
    from extractor.model import MeetingReport

    schema = MeetingReport.model_json_schema()
    assert "meeting_evidence" in schema["properties"]
    reason = schema["$defs"]["MeetingReason"]
    assert {"reason", "rule", "weight", "evidence"} <= set(reason["properties"])


# --------------------------------------------------------------------------- the classifier alone

@pytest.fixture(scope="module")
def classifier() -> MeetingClassifier:
    return MeetingClassifier(cached_patterns(()))


def _cues(classifier, text):
    return classifier.cues(text, analyse_layout(text))


@pytest.mark.parametrize("text, worth", [
    ("Hội nghị tổng kết\nSáng 15/12, UBND huyện tổ chức hội nghị tổng kết.", True),
    ("Đồng chí Phan Văn Hải chủ trì buổi làm việc.", True),
    ("HĐND HUYỆN KHAI MẠC KỲ HỌP THỨ 7\nKỳ họp diễn ra trong hai ngày.", True),
    ("Bắt đối tượng trộm cắp\nCông an huyện bắt giữ đối tượng trộm cắp tài sản.", False),
    ("Dự án đường giao thông\nDự án được tiếp tục triển khai trong năm tới.", False),
    ("", False),
])
def test_worth_parsing(classifier, text, worth):
    assert classifier.worth_parsing(_cues(classifier, text)) is worth


@pytest.mark.parametrize("text, rule", [
    ("Hội nghị\nSáng 15/12, UBND huyện tổ chức hội nghị tổng kết công tác năm.", "cue.organised@lead"),
    ("Kỳ họp\nKỳ họp thứ 9 HĐND huyện đã diễn ra thành công.", "cue.took_place@lead"),
    ("Tin\nTới dự có đồng chí Lò Văn Hùng, Phó Chủ tịch UBND huyện.", "cue.attendance@lead"),
    ("Tin\nNgày 2/3, Huyện ủy trao Huy hiệu 40 năm tuổi Đảng cho 12 đảng viên.", "cue.award_given@lead"),
    ("Tin\nTại buổi khen thưởng, đại diện Công an tỉnh cảm ơn nhân dân.", "cue.at_event@lead"),
    ("Huyện sẽ tổ chức đại hội vào tháng 9\nTheo kế hoạch.", "cue.upcoming@headline"),
])
def test_cue_must_match(classifier, text, rule):
    assert rule in {c.feature for c in _cues(classifier, text)}


@pytest.mark.parametrize("text, rule", [
    ("Hội nghị\nSáng 15/12, UBND huyện sẽ tổ chức hội nghị tổng kết công tác năm.", "cue.organised@lead"),
    ("Tin\nCác tổ chức, cá nhân tham gia hội nghị xúc tiến đầu tư.", "cue.organised@lead"),
    ("Tin\nDự án tiếp tục được triển khai.", "cue.attendance@lead"),
    ("Tin\nNgười dân nhận quà tặng từ chương trình.", "cue.award_given@lead"),
    ("Huyện đã tổ chức đại hội\nĐại hội diễn ra sáng nay.", "cue.upcoming@headline"),
])
def test_cue_must_not_match(classifier, text, rule):
    assert rule not in {c.feature for c in _cues(classifier, text)}


def test_a_named_chair_outweighs_a_bare_mention(classifier):
    text = "Tin\nTại hội nghị, lãnh đạo huyện cho biết kết quả."
    cues = _cues(classifier, text)
    assert not classifier.decide(cues, Findings()).is_meeting
    assert classifier.decide(cues, Findings(chair=(0, 3), participants=[(0, 3)], meeting_date="2023-12-15",
                                            meeting_date_span=(0, 3))).is_meeting


def test_a_meeting_dated_after_publication_counts_against(classifier):
    text = "Hội nghị tổng kết\nUBND huyện tổ chức hội nghị tổng kết."
    cues = _cues(classifier, text)
    on_time = classifier.decide(cues, Findings(meeting_date="2023-12-15", published=dt.date(2023, 12, 16)))
    later = classifier.decide(cues, Findings(meeting_date="2023-12-28", published=dt.date(2023, 12, 16)))
    assert later.score < on_time.score
    assert "finding.after_publication" in {r.rule for r in later.reasons}


def test_weights_are_data_a_users_model_file_overrides_them(tmp_path):
    from extractor import Extractor

    (tmp_path / "meeting_model.json").write_text('{"bias": -100}', encoding="utf-8")
    strict = Extractor(patterns=[tmp_path])
    assert not strict.extract(MEETINGS[0].values[0]).is_meeting_report


def test_a_cue_with_an_unknown_word_class_is_a_pattern_error(tmp_path):
    from extractor import Extractor
    from extractor.errors import PatternError

    (tmp_path / "meeting_cues.jsonl").write_text(
        '{"id": "cue.x", "reason": "x", "pattern": "{NO_SUCH_CLASS}", "weights": {"lead": 1}}\n', encoding="utf-8"
    )
    with pytest.raises(PatternError, match="NO_SUCH_CLASS"):
        Extractor(patterns=[tmp_path])


# The genre patterns added from the hand-labelled bench sample: each with
# the sentences it must and must not match, written in the genre.
@pytest.mark.parametrize("text, rule", [
    # a report or an answer given before the council is the council sitting
    ("Tin\nSáng 12/6, Bộ trưởng Bộ Tài chính trình bày trước Quốc hội Tờ trình về dự án luật.", "cue.before_council@lead"),
    ("Tin\nGiám đốc Sở Giao thông vận tải báo cáo trước HĐND thành phố về phương án di dời cây xanh.",
     "cue.before_council@lead"),
    # question time and debate sittings
    ("Tin\nTrả lời chất vấn của đại biểu, Bộ trưởng cho biết sẽ thu hồi các quyết định sai.", "cue.question_time@lead"),
    ("Tin\nTại phiên chất vấn sáng 14/6, nhiều đại biểu nêu câu hỏi về giá thuốc.", "cue.question_time@lead"),
    # a day named after the event in the same sentence ("..., chiều 11/5")
    ("Tin\nBa doanh nghiệp ký cam kết phối hợp tại trụ sở Sở Công Thương, chiều 11/5/2017.",
     "cue.event_dated_after@lead"),
    ("Tin\nBộ trưởng cùng học sinh trồng cây sau lễ phát động Tết trồng cây chiều ngày 4/2.",
     "cue.event_dated_after@lead"),
    # the witness of a signing
    ("Tin\nDưới sự chứng kiến của lãnh đạo hai tỉnh, hai sở đã ký thỏa thuận hợp tác.", "cue.attendance_of@lead"),
    # a reward handed out on the spot is an event
    ("Tin\nTại buổi thưởng nóng, Giám đốc Công an tỉnh biểu dương tinh thần của ban chuyên án.", "cue.at_event@lead"),
    # against: entertainment, a question headline, within the framework of a conference
    ("Ca sĩ Minh Hằng rạng rỡ tại buổi ra mắt phim\nNữ ca sĩ xuất hiện cùng dàn diễn viên.", "cue.showbiz@headline"),
    ("Vì sao chợ gốm đóng cửa?\nTiểu thương phản ứng trước việc đóng cổng chợ.", "cue.question_headline@headline"),
    ("Giá vàng sẽ đi về đâu, tăng hay giảm ra sao?\nCác chuyên gia nhận định.", "cue.question_headline@headline"),
    ("Tin\nTrong khuôn khổ Hội nghị quan chức cao cấp, cơ quan chính sách công bố báo cáo kinh tế.",
     "cue.within_framework@lead"),
])
def test_genre_cue_must_match(classifier, text, rule):
    assert rule in {c.feature for c in _cues(classifier, text)}


@pytest.mark.parametrize("text, rule", [
    # "trước" as "before (in time)" or before something that is no council
    ("Tin\nSở báo cáo trước ngày 15/12 về kết quả thực hiện.", "cue.before_council@lead"),
    ("Tin\nCông ty trình bày trước khách hàng sản phẩm mới.", "cue.before_council@lead"),
    # "chất vấn" words that are no sitting
    ("Tin\nNgười dân chất vấn chủ đầu tư về tiến độ dự án.", "cue.question_time@lead"),
    # a date that is an anniversary, a range or a time of day, not the event's day
    ("Tin\nCông ty tổ chức chuyến thăm kỹ thuật, số liệu tăng 3.5% so với năm trước.", "cue.event_dated_after@lead"),
    ("Tin\nĐoàn thăm quan nhà máy lúc 10.00 giờ.", "cue.event_dated_after@lead"),
    ("Tin\nHội nghị sẽ diễn ra vào ngày 20/12.", "cue.event_dated_after@lead"),
    # an office named after a reception is no reception
    ("Tin\nBan tiếp công dân tỉnh nhận được nhiều đơn thư của người dân.", "cue.received@lead"),
    ("Tin\nLịch tiếp công dân của lãnh đạo huyện được niêm yết tại trụ sở.", "cue.received@lead"),
    # a delegation names who went, not a session
    ("Tin\nĐoàn công tác của công đoàn thăm hỏi, động viên công nhân trong ngày nắng nóng.",
     "cue.working_session@lead"),
    # a question inside a lead, a headline that asks nothing
    ("Huyện tổng kết công tác năm 2023\nVì sao huyện về đích sớm? Nhờ sự vào cuộc của cả hệ thống.",
     "cue.question_headline@headline"),
    # "fan" or "diễn viên" in the body of a report is not its subject
    ("Tin\nUBND huyện tổ chức hội nghị. Ngày hôm sau, một diễn viên đến thăm.", "cue.showbiz@body"),
    # within the framework of a visit is still the visit
    ("Tin\nTrong khuôn khổ chuyến thăm chính thức, Thủ tướng tiếp lãnh đạo các tập đoàn.", "cue.within_framework@lead"),
])
def test_genre_cue_must_not_match(classifier, text, rule):
    assert rule not in {c.feature for c in _cues(classifier, text)}


@pytest.mark.parametrize("text", [
    "qua kiểm tra", "hiện nay", "những ngày qua", "ngày nay", "10.00", "3.5%", "ngày mai", "12,5 tỷ đồng",
])
def test_a_cue_date_is_a_day_not_a_word_or_a_number(text):
    import regex

    from extractor.meeting_cues import _DATE
    assert not regex.match(f"(?:{_DATE})(?!\\w)", text)


@pytest.mark.parametrize("text", [
    "sáng 17/5", "ngày 18-11/2022", "23.1", "chiều 6-2", "hôm qua", "chiều nay", "ngày 1.7.2017", "tối 9/7",
])
def test_a_cue_date_reads_the_genres_days(text):
    import regex

    from extractor.meeting_cues import _DATE
    assert regex.fullmatch(_DATE, text)


def test_a_photo_caption_is_not_the_opening(classifier):
    """A file photo of a conference beside a report about figures: the caption names the conference."""
    caption = ("Dự báo tăng trưởng của khu vực cao hơn thế giới\n"
               "Cơ quan chính sách giới thiệu báo cáo về xu thế kinh tế khu vực.\n"
               "Khai mạc Hội nghị quan chức cao cấp sáng 17/5 tại Hà Nội. Ảnh: Nguyễn Khang – TTXVN "
               "Báo cáo cho thấy tăng trưởng năm 2016 đạt 3,5%.")
    assert "cue.organised@lead" not in {c.feature for c in _cues(classifier, caption)}
    sentence = caption.replace(". Ảnh: Nguyễn Khang – TTXVN", ".")
    assert "cue.organised@lead" in {c.feature for c in _cues(classifier, sentence)}


@pytest.mark.parametrize("text, caption", [
    ("Tin\nQuang cảnh hội nghị. Ảnh: Minh Anh Sáng 17/5, huyện tổ chức hội nghị.", "Quang cảnh hội nghị. "),
    ("Tin\nĐồng chí Bí thư phát biểu tại lễ kỷ niệm (Ảnh: TTXVN) Lễ diễn ra trang trọng.",
     "Đồng chí Bí thư phát biểu tại lễ kỷ niệm "),
    ("Tin\nMột phái đoàn tham dự diễn đàn (ảnh minh họa). Theo hãng tin.", "Một phái đoàn tham dự diễn đàn "),
])
def test_captions_are_the_sentence_a_photo_credit_closes(text, caption):
    layout = analyse_layout(text)
    assert [text[a:b] for a, b in layout.captions] == [caption]


def test_no_caption_without_a_photo_credit():
    text = "Tin\nNguồn: Sở Tài chính. Sáng 17/5, huyện tổ chức hội nghị. Ảnh hưởng của mưa lớn là rất nặng."
    assert analyse_layout(text).captions == []


@pytest.mark.parametrize("text, is_meeting", [
    pytest.param(
        "Thu hồi các quyết định bổ nhiệm sai quy định\n"
        "Trả lời chất vấn của đại biểu về việc bổ nhiệm người thân, Phó Thủ tướng Trần Văn Nam khẳng định sẽ thu "
        "hồi các quyết định sai. Phiên chất vấn do Chủ tịch Quốc hội Lê Thị Hoa điều hành.",
        True, id="question-time-answer-in-the-lead"),
    pytest.param(
        "Chủ tịch thành phố: sẽ công khai phương án cây xanh\n"
        "Chủ tịch UBND thành phố Nguyễn Văn Long giải trình trước HĐND thành phố về việc di dời cây xanh trên "
        "đường Hùng Vương. Chủ tọa kỳ họp, Chủ tịch HĐND Đỗ Thị Mai đề nghị công khai phương án.",
        True, id="answer-before-the-council"),
    pytest.param(
        "Lực lượng phá án được thưởng nóng\n"
        "Sáng 24/5, một ngày sau khi phá vụ án, ban chuyên án Công an tỉnh được UBND tỉnh thưởng nóng. Tại buổi "
        "khen thưởng, Phó Chủ tịch UBND tỉnh Nguyễn Minh Quân trao Bằng khen cho 2 tập thể và 5 cá nhân.",
        True, id="a-reward-handed-out-on-the-spot"),
    pytest.param(
        "Ca sĩ Hoàng Lan bảnh bao trong buổi ra mắt MV mới\n"
        "Tối 12/5, ca sĩ Hoàng Lan tổ chức buổi ra mắt MV tại TP.HCM. Nhiều diễn viên, người mẫu đến dự và chúc mừng.",
        False, id="showbiz-launch"),
    pytest.param(
        "Vì sao chợ gốm làng nghề đóng cửa?\n"
        "Gần 100 tiểu thương phản ứng trước việc công ty quản lý đóng cổng chợ. Theo các tiểu thương, chợ gốm "
        "là nơi buôn bán của hàng trăm hộ dân trong nhiều năm. Từ đầu tháng, công ty quản lý chợ thông báo "
        "dừng hoạt động để cải tạo, nhưng không nói rõ thời hạn mở lại. Nhiều hộ đã nhập hàng cho mùa lễ hội và "
        "nay không có chỗ bán, phải bày hàng ra lề đường. Người dân cho rằng việc đóng cửa là đột ngột và đề "
        "nghị chính quyền xem xét quyền lợi của các hộ kinh doanh. "
        "Trước đó, sáng 6-2, UBND xã đã có buổi làm việc với công ty, do Chủ tịch UBND xã Trần Văn Tâm chủ trì.",
        False, id="question-headline-explainer"),
    pytest.param(
        "Dự báo tăng trưởng khu vực cao hơn thế giới\n"
        "Cơ quan chính sách giới thiệu báo cáo về xu thế kinh tế khu vực.\n"
        "Khai mạc Hội nghị quan chức cao cấp sáng 17/5 tại Hà Nội. Ảnh: Nguyễn Khang – TTXVN Trong khuôn khổ "
        "Hội nghị, ông Denis Hew cho biết tăng trưởng năm 2016 đạt 3,5%, giảm nhẹ so với năm trước.",
        False, id="figures-beside-a-conference-photo"),
])
def test_genre_articles(extractor, text, is_meeting):
    assert extractor.extract(text).is_meeting_report is is_meeting


# --------------------------------------------------------------------------- class words found in one pass

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractor.meeting_cues import CueFinder, _ClassHits  # noqa: E402

_CUES = CueFinder(cached_patterns(()))
_PIECES = st.sampled_from(
    sorted({p for phrases in _CUES.classes.values() for p in phrases})[::7]
    + [" ", "  ", "\n", ", ", ".", "-", "a", "nghịch", "hội", "x", "1", "\u00a0"]
)


@given(st.lists(_PIECES, max_size=25), st.data())
@settings(max_examples=300, deadline=None)
def test_class_words_found_in_one_pass_answer_as_a_search_of_the_zone(pieces, data):
    """Given text made of class words glued or spaced in any way, and any zone, when a rule asks
    whether a class has a word in the zone, then the one-pass index answers what searching the
    zone with the class's own expression answers (a zone's end may cut a word short)."""
    text = "".join(pieces)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    hits = _ClassHits(_CUES.class_words, _CUES.word_index, text)
    for name, pattern in _CUES.class_words.items():
        assert hits.within(name, a, b) == bool(pattern.search(text, a, b)), (name, text[a:b])


@given(st.lists(_PIECES, max_size=25))
@settings(max_examples=200, deadline=None)
def test_phrase_scan_finds_what_an_overlapped_search_finds(pieces):
    """Given text made of class words, when the veto phrases are scanned for, then every place
    and length is the one ``regex``'s overlapped search gives."""
    import regex

    from extractor.pattern_files import trie_alternation

    text = "".join(pieces)
    scan = _CUES.vetoes
    expression = regex.compile(f"\\m(?:{trie_alternation(scan.phrases)})(?!\\w)")
    assert [(start, hits[-1][0]) for start, hits in scan.found(text)] == [
        m.span() for m in expression.finditer(text, overlapped=True)
    ]
