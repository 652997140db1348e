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
#: the second half of a compound glued with a hyphen: "văn hóa-xã hội"
_GLUED = regex.compile(r"-(\p{Ll}[\p{Ll}\p{M}]*)(?!\w)")


def _int(number: str) -> int:
    return int(number.replace(".", ""))


class TargetFinder:
    #: the pattern labels this finder reads as text itself (the lexicon leaves them out of the doc)
    LABELS = ("TARGET_NEG", "TARGET_UNIT", "TARGET_UNIT_MOD")

    def __init__(self, patterns: PatternSet) -> None:
        def alternation_of(label: str) -> str:
            return alternation(p.lower() for p in patterns.phrases(label))

        words = {w.lower() for w in patterns.list("title_stopwords")} | {
            w.lower() for w in patterns.list("target_stopwords")
        }
        self.stopwords = {w for w in words if " " not in w}
        #: verbs of two syllables whose first syllable also opens nouns ("tổ chức" after "tổ hội")
        self.stop_pairs = {w for w in words if " " in w}
        unit = alternation_of("TARGET_UNIT")
        mod = alternation_of("TARGET_UNIT_MOD")
        pairs = alternation(w for w in self.stop_pairs)
        self.unit = regex.compile(  # "xã phường thị trấn", but not "xã | tổ chức"
            rf"(?i)\s+((?:{unit})(?:(?:\s*,\s*|\s+(?!(?:{pairs})(?!\w)))(?:{unit}))*(?:\s+(?:{mod}))?)(?!\w)"
        )
        self.not_unit = regex.compile(rf"(?i)\s+(?:{alternation_of('TARGET_NEG')})(?!\w)")

    def _noun_phrase(self, text: str, pos: int, words: int = 0):
        """The unit as a noun phrase: up to four lower-case syllables after ``pos``.

        "5/8 dây chuyền sản xuất", "126/126 tổ hoà giải"; not "24/24 giờ",
        "39/40 đại biểu", "1/3 số ca". ``words`` syllables are already read (a
        unit of the lexicon the phrase goes on from: "8/8 ấp văn hóa"). A verb,
        a preposition or a function word ends it; a compound glued with a
        hyphen is read to its end ("chỉ tiêu văn hóa-xã hội").
        """
        if words == 0 and self.not_unit.match(text, pos):
            return None
        end, first = pos, words
        while True:
            m = _GLUED.match(text, end)
            if m is not None:  # "văn hóa-xã hội": the second half of the compound
                end = m.end()
                nxt = _SYLLABLE.match(text, end)
                if nxt is not None and is_word(f"{m.group(1)} {nxt.group(1)}"):
                    end = nxt.end()
                continue
            if words >= 4:
                break
            m = _SYLLABLE.match(text, end)
            if m is None or self._stops(text, m, words > 0):
                break
            end = m.end()
            words += 1
        if words == first:
            return None
        if first and words == 4:
            nxt = _SYLLABLE.match(text, end)
            if nxt is not None and not self._stops(text, nxt, True):
                return None  # "tiêu chí nông thôn mới ...": a qualifier longer than a unit, the unit is "tiêu chí"
        if words == 4 and text[end:end + 1] != "-":  # "tổ hoà giải hoạt | động": do not stop inside a word
            nxt = _SYLLABLE.match(text, end)
            last = text[:end].rsplit(None, 1)[-1]
            if nxt is not None and is_word(f"{last} {nxt.group(1)}"):
                end = pos + len(text[pos:end].rstrip()) - len(last)
                end = len(text[:end].rstrip())
                if end <= pos:
                    return None
        return _Unit(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()), end)

    def _stops(self, text: str, m, after_syllable: bool) -> bool:
        """Whether the syllable of ``m`` ends the unit: a verb, a preposition, a function word.

        A stop syllable that makes one word with the syllable before it is
        part of that word ("chỉ tiêu phát triển", not "xã triển khai").
        """
        syllable = m.group(1).lower()
        nxt = _SYLLABLE.match(text, m.end())
        if nxt is not None and f"{syllable} {nxt.group(1).lower()}" in self.stop_pairs:
            return True
        if syllable not in self.stopwords:
            return False
        if not after_syllable:
            return True
        before = text[:m.start()].rsplit(None, 1)[-1].lower()
        return not (before.isalpha() and before not in self.stopwords and is_word(f"{before} {syllable}"))

    def _unit(self, text: str, pos: int):
        """The unit after a ratio: a unit of the lexicon, read on as a noun phrase, or a noun phrase."""
        known = self.unit.match(text, pos)
        if known is None:
            return self._noun_phrase(text, pos), "target.ratio_noun_phrase"
        syllables = len(known.group(1).replace(",", " ").split())
        longer = self._noun_phrase(text, known.end(1), syllables)
        if longer is not None:
            return _Unit(text, known.start(1), longer.end()), "target.ratio_known_unit_phrase"
        return known, "target.ratio_known_unit"

    def find(self, text: str) -> list[TargetMatch]:
        found: list[TargetMatch] = []
        seen: set[tuple[int, int, str]] = set()
        for m in _RATIO.finditer(text):
            achieved, total = _int(m.group(1)), _int(m.group(2))
            if total == 0 or achieved > total:
                continue
            if _BEFORE_BLOCKERS.search(text[max(0, m.start() - 14):m.start()]):
                continue
            unit, rule = self._unit(text, m.end())
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
