"""The layout stage: headline, boilerplate, bylines and photo credits.

Portal pages put furniture around the article: a banner, the headline, a
publication line, rating widgets, the author's name at the end, "(Ảnh: ...)"
credits in captions, "Bài viết khác" lists. Names found there are not
people who took part, and lists after the article are not the article.

A photo caption (the sentence a "Ảnh: ..." credit closes) describes a
picture, often a file photo of some meeting beside a story that is about
something else: the meeting decision does not read it as the article's
opening.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

_CREDIT = regex.compile(
    r"\(\s*(?:Ảnh|ảnh|ẢNH|Nguồn|nguồn|Video|Clip|Đồ họa|Đồ hoạ|Tin, ảnh|Tin và ảnh|Bài và ảnh|Bài, ảnh)\b[^()\n]{0,120}\)"
    r"|(?:(?<=\n)|^)[ \t]*(?:Ảnh|ẢNH|Nguồn|Tin, ảnh|Tin và ảnh|Bài và ảnh|Bài, ảnh)\s*:[^\n]{0,120}"
    r"|\b(?:Ảnh|ảnh)\s*:\s*[^\n.;()]{0,60}"
)
#: the credit that closes a caption: "... tại Hà Nội. Ảnh: Nguyễn Khang", "(Ảnh: TTXVN)", "(ảnh minh họa)"
_PHOTO_CREDIT = regex.compile(r"\(?\s*(?:Ảnh|ảnh|ẢNH)\b")
_CAPTION_CHARS = 300
_TAIL_MARKERS = regex.compile(
    r"^\s*(?:Bài viết khác|Các bài viết khác|Tin liên quan|Tin khác|Các tin khác|Tin cùng chuyên mục|"
    r"Tin bài liên quan|Bài liên quan|Xem thêm|Đọc thêm|Các tin đã đưa)\b",
    regex.MULTILINE,
)
_BANNER = regex.compile(
    r"(?i)^\s*(?:trang thông tin|cổng thông tin|chào mừng|website|trang chủ|đăng nhập|tìm kiếm|menu)\b"
)
_BYLINE_NAME = regex.compile(
    r"^[\p{Lu}][\p{L}\p{M}'’.\-]*(?:\s+[\p{Lu}][\p{L}\p{M}'’.\-]*){0,4}"
    r"(?:\s*[-–—(,]\s*[^\n]{0,60})?\s*\)?$"
)
_TRAILING_NAME = regex.compile(
    r"(?<=[.!?…\"”)])\s+((?:\p{Lu}[\p{Ll}\p{M}]*\.?\s+){0,3}\p{Lu}[\p{L}\p{M}]*)\s*$"
)


@dataclass
class Layout:
    text: str
    headline: tuple[int, int] | None = None
    body_end: int = 0
    credits: list[tuple[int, int]] = field(default_factory=list)
    captions: list[tuple[int, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.credits.sort()
        self._starts = [a for a, _ in self.credits]

    def is_credit(self, char: int) -> bool:
        if char >= self.body_end:
            return True
        k = bisect.bisect_right(self._starts, char) - 1
        return k >= 0 and self.credits[k][0] <= char < self.credits[k][1]


def analyse_layout(text: str) -> Layout:
    tail = _TAIL_MARKERS.search(text)
    body_end = tail.start() if tail else len(text)
    credits = [m.span() for m in _CREDIT.finditer(text, 0, body_end)]
    captions = _captions(text, credits)
    credits += _bylines(text, body_end)
    return Layout(text=text, headline=_headline(text), body_end=body_end, credits=credits, captions=captions)


def _captions(text: str, credits: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentence before each photo credit, up to the credit: the photo's caption."""
    spans = []
    for start, _ in credits:
        if not _PHOTO_CREDIT.match(text, start):
            continue
        window_start = max(0, start - _CAPTION_CHARS)
        window = text[window_start:start].rstrip(" (\t\u00a0").rstrip(".!?…").rstrip()
        cut = max(window.rfind(mark) for mark in ".!?…\n")
        caption_start = window_start + cut + 1
        while caption_start < start and text[caption_start].isspace():
            caption_start += 1
        if caption_start < start:
            spans.append((caption_start, start))
    return spans


def _headline(text: str) -> tuple[int, int] | None:
    """The first line that reads as a headline: short, not a banner, no final period."""
    checked = 0
    for line in regex.finditer(r"[^\n]+", text):
        content = line.group().strip()
        if not content:
            continue
        checked += 1
        if checked > 6:
            break
        start = line.start() + (len(line.group()) - len(line.group().lstrip()))
        lead = regex.match(r"\s*date\s+\d{4}(?:-\d{2}){0,2}\s+", line.group())
        if lead:
            start = line.start() + lead.end()
            content = line.group()[lead.end():].strip()
        if _BANNER.match(content) or content.isupper() or len(content) < 15:
            continue
        if len(content) > 250 or content.endswith((".", ":")) and len(content) > 160:
            return None
        if regex.match(r"^(?:Thứ|Chủ nhật|Cập nhật|Ngày đăng|\d)", content):
            continue
        end = start + len(content)
        if len(content) > 250:
            end = start + 250
        return start, min(end, line.end())
    return None


def _bylines(text: str, body_end: int) -> list[tuple[int, int]]:
    """Author lines: the short name lines that close the article."""
    spans = []
    lines = [m for m in regex.finditer(r"[^\n]+", text, 0, body_end) if m.group().strip()]
    for line in reversed(lines[-3:]):
        content = line.group().strip()
        if len(content) <= 80 and _BYLINE_NAME.match(content) and not content.endswith("."):
            spans.append(line.span())
            continue
        trailing = _TRAILING_NAME.search(line.group())
        if trailing:
            spans.append((line.start() + trailing.start(1), line.end()))
        break
    return spans
