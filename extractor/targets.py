"""The target stage: achievement ratios such as "15/15 chỉ tiêu".

A ratio counts only with a unit right after it, and the unit must be a
thing a plan counts (chỉ tiêu, xã, đơn vị...): that is what keeps dates
("17/01"), document numbers ("2551/QĐ-TTg"), months ("6/2017"), quarters
("quý 1/2019"), "24/24 giờ" and attendance ("39/40 đại biểu") out.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .pattern_files import PatternSet, alternation
from .tokenizer import is_word

_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d{1,6}"
_RATIO = regex.compile(
    rf"(?<![\d/.,:\-])({_NUMBER})\s?/\s?({_NUMBER})(?![\d/]|[.,]\d)(?!\s?[-–]\s?\d)"
)
_BEFORE_BLOCKERS = regex.compile(
    r"(?i)(?:ngày|tháng|quý|số|năm|sáng|chiều|tối|trưa|đêm|hôm|nghị quyết|quyết định|thông tư|văn bản|"
    r"điều|khoản|tỷ lệ|tỉ lệ|tỷ số|tỉ số|khoảng|gần|hơn|chừng|xấp xỉ|dưới)\s*$"
)
_AFTER_NEGATIVE = regex.compile(r"(?i)[^.;,\n]{0,50}?\b(?:phải|bị|chưa|không đạt|có mặt|vắng)\b")


class _Unit:
    """The unit of a ratio found without the lexicon, shaped like a regex match."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self, _n: int = 1) -> str:
        return self._text[self._start:self._end]

    def start(self, _n: int = 1) -> int:
        return self._start

    def end(self, _n: int = 1) -> int:
        return self._end


@dataclass(frozen=True)
class TargetMatch:
    start: int
    end: int
    achieved: int
    total: int
    unit: str
    unit_start: int
    unit_end: int
    rule: str


_SYLLABLE = regex.compile(r"\s+(\p{Ll}[\p{Ll}\p{M}]*)(?!\w)")


def _int(number: str) -> int:
    return int(number.replace(".", ""))


class TargetFinder:
    def __init__(self, patterns: PatternSet) -> None:
        def alternation_of(label: str) -> str:
            return alternation(p.lower() for p in patterns.phrases(label))

        unit = alternation_of("TARGET_UNIT")
        mod = alternation_of("TARGET_UNIT_MOD")
        self.unit = regex.compile(
            rf"(?i)\s+((?:{unit})(?:(?:\s*,\s*|\s+)(?:{unit}))*(?:\s+(?:{mod}))?)(?!\w)"
        )
        self.not_unit = regex.compile(rf"(?i)\s+(?:{alternation_of('TARGET_NEG')})(?!\w)")
        self.stopwords = {w.lower() for w in patterns.list("title_stopwords")} | {
            w.lower() for w in patterns.list("target_stopwords")
        }

    def _noun_phrase(self, text: str, pos: int):
        """A unit the lexicon does not know: up to four lower-case syllables of a noun phrase.

        "5/8 dây chuyền sản xuất", "126/126 tổ hoà giải"; not "24/24 giờ",
        "39/40 đại biểu", "1/3 số ca".
        """
        if self.not_unit.match(text, pos):
            return None
        end, words = pos, 0
        while words < 4:
            m = _SYLLABLE.match(text, end)
            if m is None or m.group(1).lower() in self.stopwords:
                break
            end = m.end()
            words += 1
        if words == 0:
            return None
        if words == 4:  # "tổ hoà giải hoạt | động": do not stop inside a word
            nxt = _SYLLABLE.match(text, end)
            last = text[:end].rsplit(None, 1)[-1]
            if nxt is not None and is_word(f"{last} {nxt.group(1)}"):
                end = pos + len(text[pos:end].rstrip()) - len(last)
                end = len(text[:end].rstrip())
        return _Unit(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()), end)

    def find(self, text: str) -> list[TargetMatch]:
        found: list[TargetMatch] = []
        seen: set[tuple[int, int, str]] = set()
        for m in _RATIO.finditer(text):
            achieved, total = _int(m.group(1)), _int(m.group(2))
            if total == 0 or achieved > total:
                continue
            if _BEFORE_BLOCKERS.search(text[max(0, m.start() - 14):m.start()]):
                continue
            unit = self.unit.match(text, m.end())
            rule = "target.ratio_known_unit"
            if unit is None:
                unit = self._noun_phrase(text, m.end())
                rule = "target.ratio_noun_phrase"
            if unit is None:
                continue
            if _AFTER_NEGATIVE.match(text, unit.end()):
                continue
            unit_text = " ".join(unit.group(1).split())
            key = (achieved, total, " ".join(unit_text.lower().replace(",", " ").split()[:2]))
            if key in seen:
                continue
            seen.add(key)
            found.append(
                TargetMatch(
                    start=m.start(),
                    end=unit.end(1),
                    achieved=achieved,
                    total=total,
                    unit=unit_text,
                    unit_start=unit.start(1),
                    unit_end=unit.end(1),
                    rule=rule,
                )
            )
        return found
