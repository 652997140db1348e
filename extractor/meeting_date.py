"""Which date is the meeting's, and which year it falls in.

Candidates are the day-and-month mentions of the body, minus deadlines
("trước ngày 10/2", "chậm nhất ngày"), document dates ("Quyết định số 12
ngày ...") and the publication line. The meeting's own date is the one the
text ties to the event ("diễn ra ngày 23.1", "Sáng 17/1, ... chủ trì"),
then one in a sentence about the meeting, then the first in the lead.

The year comes from the mention, else the publication line (or the page's
metadata, or the reference date the user gave). Failing those, the
article's other dates are read the way a reader would: a deadline
"4.2.2017" or a cut-off "31/5/2017" near the meeting's day fixes its year;
so does "tổng kết năm 2016, triển khai năm 2017" for a meeting in February.
With nothing to go on the date stays ``--MM-DD``.
"""
from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass

import regex

from .dates import DateMention, PublicationDate, resolve_year
from .layout import Layout
from .token_table import token_table

_DEADLINE = regex.compile(
    r"(?i)(?<!\w)(?:trước|chậm nhất|hạn chót|thời hạn|hạn|đến|tới|tính đến|tính từ|kể từ|sau|từ sau|ban hành|"
    r"ký|kí|hiệu lực)\s*(?:ngày)?\s*$"
)
_DOCUMENT = regex.compile(
    r"(?i)(?<!\w)(?:quyết định|nghị quyết|nghị định|thông tư|công văn|công điện|thông báo|kế hoạch|chỉ thị|"
    r"văn bản|tờ trình|hướng dẫn|số)(?:(?:\s+(?:số\s+)?[\w/.\-]*\d[\w/.\-]*)(?:\s+của\s+[^.;\n,]{1,40})?\s*,?\s*(?:ngày)?"
    r"|(?:\s+của\s+[^.;\n,]{1,40})?\s*,?\s*ngày)\s*$"
)
_SINCE = regex.compile(r"(?i)(?<!diễn ra |tổ chức |họp |khai mạc |kéo dài )(?<!\w)từ\s*(?:ngày)?\s*$")
_SIGNED = regex.compile(r"(?i)(?<!\w)(?:ký|kí)(?:\s+kết)?(?:\s+lại)?(?:\s+vào)?\s*(?:ngày)?\s*$")
_EARLIER = regex.compile(r"(?i)\s*(?:trước đó|trước đây|cách đây|năm ngoái|năm trước|hồi)\b")
_REPORTING = regex.compile(r"(?i)(?<!\w)(?:tin từ|thông tin từ|theo tin từ|nguồn tin)[^.;\n]{0,40}$")
_EVENT_BEFORE = regex.compile(
    r"(?i)(?<!\w)(?:diễn ra|tổ chức|khai mạc|bế mạc|khai mạc vào|họp|hội nghị|kỳ họp|cuộc họp|phiên họp|"
    r"làm việc|tiếp|hội đàm|tọa đàm|toạ đàm|lễ|đại hội|chủ trì|gặp|vào)(?:\s+vào)?\s*(?:sáng|chiều|tối|trưa)?\s*(?:ngày)?\s*$"
)
_MEETING_CUE = regex.compile(
    r"(?i)(?<!\w)(?:hội nghị|họp|kỳ họp|phiên|đại hội|làm việc|lễ|tọa đàm|toạ đàm|hội thảo|hội đàm|tiếp|gặp|"
    r"chủ trì|chủ tọa|chủ toạ|tham dự|dự|diễn ra|tổ chức|khai mạc|bế mạc|giao ban|mít tinh|họp báo|"
    r"diễn đàn|chương trình|buổi)(?!\w)"
)
_FUTURE_YEAR = regex.compile(
    r"(?i)(?:(?:đến|tới|tầm nhìn(?: đến)?|giai đoạn[^.;\n]{0,12}|nhiệm kỳ|khóa|khoá)\s*(?:năm\s*)?$"
    r"|(?<!\w)(?:mục tiêu|sẽ|hướng tới|tầm nhìn|hậu|dự kiến|nghị sự|chiến lược)(?!\w)[^.;\n]{0,50}$)"
)
_BARE_YEAR = regex.compile(r"(?<![\d/.,\-–])(?:19[5-9]\d|20[0-4]\d)(?![\d/.,]\d|\s?[-–]\s?(?:19|20)\d\d)")
#: how far (days) a dated mention may stand from the meeting and still tell its year
_NEAR = 183


@dataclass(frozen=True)
class MeetingDate:
    value: str
    start: int
    end: int
    rule: str


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    left = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos))
    right_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    right = min(right_candidates) if right_candidates else len(text)
    return left + 1, right


def _as_publication(value: dt.date | str | None, rule: str) -> PublicationDate | None:
    if value is None:
        return None
    if isinstance(value, str):
        parts = value[:10].split("-")
        try:
            year = int(parts[0])
            month = int(parts[1]) if len(parts) > 1 else None
            day = int(parts[2]) if len(parts) > 2 else None
        except ValueError:
            return None
        return PublicationDate(0, 0, value, year, month, day, rule)
    return PublicationDate(0, 0, value.isoformat(), value.year, value.month, value.day, rule)


def _candidates(text: str, dates: list[DateMention], publication: PublicationDate | None, layout: Layout):
    for m in dates:
        if m.kind not in ("date", "relative"):
            continue
        if publication is not None and publication.start <= m.start < max(publication.end, publication.start + 1):
            continue
        if m.start >= layout.body_end or layout.is_credit(m.start):
            continue
        left = text[max(0, m.start - 80):m.start]
        if any(p.search(left) for p in (_DEADLINE, _DOCUMENT, _REPORTING, _SINCE, _SIGNED)):
            continue
        yield m


def _score(text: str, m: DateMention, lead_end: int) -> int:
    """3: tied to the event; 2: in a sentence about the meeting; 1: in the lead; 0: elsewhere."""
    a, b = _sentence_bounds(text, m.start)
    opens_sentence = not text[a:m.start].strip(" \t\"“(") or (
        m.text[:1].isupper() and (m.part_of_day is not None or m.text.lower().startswith("ngày"))
    )  # a caption running into the lead: "... Việt Nam Chiều 11.5, Chủ tịch nước ..."
    if _EARLIER.match(text, a):
        return 0  # "Trước đó, tại Kỳ họp thứ 17 diễn ra ngày 20/12/2023"
    if m.rule == "date.range":
        return 2 if _MEETING_CUE.search(text, a, b) else 1
    if _EVENT_BEFORE.search(text[max(0, m.start - 40):m.start]) or opens_sentence and (m.part_of_day or m.day):
        return 3
    if _MEETING_CUE.search(text, a, b):
        return 2
    return 1 if m.start < lead_end else 0


def _recent_year(dates: list[DateMention], text: str) -> int | None:
    """The latest year the article speaks of as now or past.

    Years of dates, months and "năm 2017" first, bare years ("APEC 2017") only
    when there are none; years set as targets ("đến năm 2030", "mục tiêu ...
    vào năm 2020", "Chương trình nghị sự 2030") never count.
    """
    def now_or_past(start: int) -> bool:
        return not _FUTURE_YEAR.search(text[max(0, start - 80):start])

    named = [
        m.year for m in dates
        if m.year and (m.kind in ("date", "month") or m.kind == "year" and now_or_past(m.start))
    ]
    if named:
        return max(named)
    spans = [(m.start, m.end) for m in dates]
    bare = [
        int(y.group()) for y in _BARE_YEAR.finditer(text)
        if not any(a <= y.start() < b for a, b in spans) and now_or_past(y.start())
    ]
    return max(bare) if bare else None


def infer_year(month: int, day: int, dates: list[DateMention], text: str) -> int | None:
    """The year the article's other dates put the meeting in, if they do.

    A dated mention of the same year within half a year of the meeting's day
    (a deadline, a cut-off) votes for its year; old dates (birthdays,
    anniversaries of 1962) do not. Without such votes, the latest year the
    article mentions, one earlier when a meeting late in the year reviews
    that year and plans the next.
    """
    recent = _recent_year(dates, text)
    if recent is None:
        return None
    votes: collections.Counter[int] = collections.Counter()
    for m in dates:
        if m.year is None or m.month is None or m.kind not in ("date", "month") or m.year < recent - 1:
            continue
        try:
            gap = abs((dt.date(m.year, month, day) - dt.date(m.year, m.month, m.day or 15)).days)
        except ValueError:
            continue
        if gap <= _NEAR:
            votes[m.year] += 1
    if votes:
        return max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    years = {
        m.year for m in dates
        if m.kind == "year" and m.year and recent - 1 <= m.year <= recent
        and not _FUTURE_YEAR.search(text[max(0, m.start - 30):m.start])
    }
    years.add(recent)
    latest = max(years)
    if month >= 7 and latest - 1 in years:
        return latest - 1  # "kết quả năm 2022, nhiệm vụ năm 2023" in November
    return latest


def choose_meeting_date(
    doc,
    dates: list[DateMention],
    publication: PublicationDate | None,
    layout: Layout,
    *,
    reference_date: dt.date | None = None,
    published: str | None = None,
) -> MeetingDate | None:
    text = token_table(doc).text
    recent = _recent_year(dates, text[: layout.body_end])
    candidates = [
        m for m in _candidates(text, dates, publication, layout)
        if m.year is None or recent is None or m.year >= recent - 1  # a 1985 signing is history
    ]
    if not candidates:
        return None
    lead_end = (layout.headline[1] if layout.headline else 0) + 400
    chosen = max(candidates, key=lambda m: (_score(text, m, lead_end), -m.start))
    anchor = (
        publication
        or _as_publication(published, "pub.metadata")
        or _as_publication(reference_date, "pub.reference")
    )
    rule = chosen.rule
    if chosen.day is None or chosen.month is None:
        if chosen.relative is None or anchor is None or anchor.day is None:
            return None
        pointed = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=chosen.relative)
        return MeetingDate(pointed.isoformat(), chosen.start, chosen.end, rule + "+relative")
    year = resolve_year(chosen, anchor)
    if year is None:
        year = infer_year(chosen.month, chosen.day, dates, text[: layout.body_end])
        if year is not None:
            rule += "+year_from_text"
    value = f"--{chosen.month:02d}-{chosen.day:02d}"
    if year is not None:
        try:
            value = dt.date(year, chosen.month, chosen.day).isoformat()
        except ValueError:
            pass
    return MeetingDate(value, chosen.start, chosen.end, rule)
