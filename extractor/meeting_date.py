"""Which date is the meeting's, and which year it falls in.

The meeting date is the first day-and-month the body gives in a sentence
about the meeting (or the lead), skipping deadlines ("trước ngày 10/2"),
document dates ("Quyết định số 12 ngày ...") and the publication line. The
year comes from the mention itself, else the publication line (or the
page's metadata, or the reference date the user gave), else the years the
article itself states; with none of these the date stays ``--MM-DD``.
"""
from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass

import regex

from .dates import DateMention, PublicationDate, resolve_year
from .layout import Layout

_NOT_THE_MEETING = regex.compile(
    r"(?i)(?:trước|chậm nhất|hạn chót|hạn|đến|tới|tính đến|tính từ|kể từ|sau|ban hành|ký|"
    r"(?:quyết định|nghị quyết|nghị định|thông tư|công văn|công điện|thông báo|kế hoạch|chỉ thị|văn bản|tờ trình|"
    r"hướng dẫn|báo cáo|số)\b[^.;\n]{0,40})\s*(?:ngày)?\s*$"
)
_MEETING_CUE = regex.compile(
    r"(?i)(?<!\w)(?:hội nghị|họp|kỳ họp|phiên|đại hội|làm việc|lễ|tọa đàm|toạ đàm|hội thảo|hội đàm|tiếp|gặp|"
    r"chủ trì|chủ tọa|chủ toạ|tham dự|dự|diễn ra|tổ chức|khai mạc|bế mạc|giao ban|mít tinh|họp báo|"
    r"diễn đàn|chương trình|buổi)(?!\w)"
)
_YEAR_IN_TEXT = regex.compile(r"(?<![\d/.\-])(?:19[5-9]\d|20[0-4]\d)(?![\d/])")
_TERM = regex.compile(r"(?<!\d)(?:19|20)\d\d\s?[-–]\s?(?:19|20)\d\d(?!\d)")


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
        if _NOT_THE_MEETING.search(text[max(0, m.start - 60):m.start]):
            continue
        yield m


def _context_year(text: str) -> int | None:
    """The year the article itself keeps coming back to, terms like 2021-2026 aside."""
    masked = _TERM.sub(lambda m: " " * len(m.group()), text)
    years = collections.Counter(int(y.group()) for y in _YEAR_IN_TEXT.finditer(masked))
    if not years:
        return None
    return max(years.items(), key=lambda kv: (kv[1], kv[0]))[0]


def choose_meeting_date(
    doc,
    dates: list[DateMention],
    publication: PublicationDate | None,
    layout: Layout,
    *,
    reference_date: dt.date | None = None,
    published: str | None = None,
) -> MeetingDate | None:
    text = doc.text
    candidates = list(_candidates(text, dates, publication, layout))
    if not candidates:
        return None
    lead_end = (layout.headline[1] if layout.headline else 0) + 400
    chosen = None
    for m in candidates:
        a, b = _sentence_bounds(text, m.start)
        if m.part_of_day or m.start < lead_end or _MEETING_CUE.search(text, a, b):
            chosen = m
            break
    chosen = chosen or candidates[0]
    if chosen.day is None or chosen.month is None:
        if chosen.relative is None:
            return None
    anchor = publication or _as_publication(published, "pub.metadata") or _as_publication(reference_date, "pub.reference")
    year = resolve_year(chosen, anchor)
    rule = chosen.rule
    if chosen.day is None or chosen.month is None:
        if anchor is None or anchor.day is None:
            return None
        pointed = dt.date(anchor.year, anchor.month, anchor.day) + dt.timedelta(days=chosen.relative or 0)
        return MeetingDate(pointed.isoformat(), chosen.start, chosen.end, rule + "+relative")
    if year is None:
        year = _context_year(text[: layout.body_end])
        rule += "+year_from_text" if year else ""
    if year is None:
        return MeetingDate(f"--{chosen.month:02d}-{chosen.day:02d}", chosen.start, chosen.end, rule)
    try:
        value = dt.date(year, chosen.month, chosen.day).isoformat()
    except ValueError:
        value = f"--{chosen.month:02d}-{chosen.day:02d}"
    return MeetingDate(value, chosen.start, chosen.end, rule)
