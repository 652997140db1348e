"""The target stage: achievement ratios such as "15/15 chỉ tiêu".

A ratio counts only with a unit right after it, and the unit must be a
thing a plan counts (chỉ tiêu, xã, đơn vị...): that is what keeps dates
("17/01"), document numbers ("2551/QĐ-TTg"), months ("6/2017"), quarters
("quý 1/2019"), "24/24 giờ" and attendance ("39/40 đại biểu") out.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .pattern_files import PatternSet

_NUMBER = r"\d{1,3}(?:\.\d{3})+|\d{1,6}"
_RATIO = regex.compile(
    rf"(?<![\d/.,:\-])({_NUMBER})\s?/\s?({_NUMBER})(?![\d/]|[.,]\d)(?!\s?[-–]\s?\d)"
)
_BEFORE_BLOCKERS = regex.compile(
    r"(?i)(?:ngày|tháng|quý|số|năm|sáng|chiều|tối|trưa|đêm|hôm|nghị quyết|quyết định|thông tư|văn bản|"
    r"điều|khoản|tỷ lệ|tỉ lệ|tỷ số|tỉ số)\s*$"
)
_AFTER_NEGATIVE = regex.compile(r"(?i)^[^.;\n]{0,60}?\b(?:phải|bị|chưa|không đạt|có mặt|vắng)\b")


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


def _int(number: str) -> int:
    return int(number.replace(".", ""))


class TargetFinder:
    def __init__(self, patterns: PatternSet) -> None:
        def alternation(label: str) -> str:
            phrases = sorted({p.lower() for p in patterns.phrases(label)}, key=len, reverse=True)
            return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"

        unit = alternation("TARGET_UNIT")
        mod = alternation("TARGET_UNIT_MOD")
        self.unit = regex.compile(
            rf"(?i)\s+((?:{unit})(?:(?:\s*,\s*|\s+)(?:{unit}))*(?:\s+(?:{mod}))?)(?!\w)"
        )

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
                    rule="target.ratio_unit",
                )
            )
        return found
