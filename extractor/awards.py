"""The award stage: counted recipients of a named honour.

Inside each clause the stage finds counts of recipients ("2 tập thể",
"trên 2 nghìn tập thể, cá nhân", "mười lăm cá nhân"), award names
("Bằng khen", "Huân chương Lao động hạng Ba") and award verbs, then reads
the three shapes the genre uses:

* recipients first: "2 tập thể vinh dự nhận Cờ thi đua xuất sắc ...";
* award first: "tặng Bằng khen cho 15 tập thể và 20 cá nhân" (two entries);
* counted awards: "trao 11 Huân chương Độc lập hạng Nhì ...".

A proposal ("đề nghị tặng") is not an award, and neither is a count with no
named honour. An award stated twice is listed once.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .pattern_files import PatternSet

_DIGITS = r"\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?![\d.,]\d)"
_SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}


@dataclass(frozen=True)
class AwardMatch:
    start: int
    end: int
    count: int
    approximate: bool
    recipient: str
    award: str
    rule: str


def _alternation(phrases) -> str:
    ordered = sorted({p for p in phrases}, key=len, reverse=True)
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered) or "(?!)"


class NumberWords:
    """Vietnamese number words to integers: "hai" 2, "mười lăm" 15, "hai mươi mốt" 21."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def parse(self, words: list[str]) -> int | None:
        total, current, seen = 0, 0, False
        for word in words:
            value = self.table.get(word.lower())
            if value is None:
                return None
            seen = True
            if value.startswith("x"):
                factor = int(value[1:])
                if factor == 10:
                    current = max(current, 1) * 10
                elif factor >= 1000:
                    total += max(current, 1) * factor
                    current = 0
                else:
                    current = max(current, 1) * factor
            elif value.startswith("+"):
                continue
            else:
                digit = int(value)
                if digit == 10:
                    current += 10
                else:
                    current += digit
        return total + current if seen else None


class AwardFinder:
    def __init__(self, patterns: PatternSet) -> None:
        self.numbers = NumberWords(patterns.table("number_words"))
        number_words = _alternation(self.numbers.table)
        recipients = _alternation(p.lower() for p in patterns.phrases("RECIPIENT"))
        approx = _alternation(p.lower() for p in patterns.phrases("APPROX"))
        scales = _alternation(_SCALES)
        self.count = (
            rf"(?:(?P<approx>{approx})\s+)?"
            rf"(?P<num>{_DIGITS}|(?:(?:{number_words})\s+){{0,3}}(?:{number_words}))"
            rf"(?:\s+(?P<scale>{scales}))?"
        )
        self.count_recipient = regex.compile(
            rf"(?i)(?<!\w){self.count}\s+(?P<rec>(?:{recipients})(?:\s*(?:,|và)\s*(?:{recipients}))?)(?!\w)"
        )
        self.kind = regex.compile(rf"(?i)(?<!\w)(?:{_alternation(p.lower() for p in patterns.phrases('AWARD_KIND'))})(?!\w)")
        self.verb = regex.compile(rf"(?i)(?<!\w)(?:{_alternation(p.lower() for p in patterns.phrases('AWARD_VERB'))})(?!\w)")
        self.negative = regex.compile(rf"(?i)(?<!\w)(?:{_alternation(p.lower() for p in patterns.phrases('AWARD_NEG'))})(?!\w)")
        self.counted_award = regex.compile(rf"(?i)(?<!\w){self.count}\s+(?={self.kind.pattern[4:]})")

    def find(self, text: str) -> list[AwardMatch]:
        found: list[AwardMatch] = []
        for start, end in _clauses(text):
            found += self._in_clause(text, start, end)
        return _dedupe(found)

    def _value(self, m: regex.Match) -> int | None:
        raw = m.group("num")
        if raw[0].isdigit():
            value = int(raw.replace(".", ""))
        else:
            value = self.numbers.parse(raw.split())
        if value is None:
            return None
        if m.group("scale"):
            value *= _SCALES[m.group("scale").lower()]
        return value

    def _in_clause(self, text: str, start: int, end: int) -> list[AwardMatch]:
        counts = [m for m in self.count_recipient.finditer(text, start, end) if self._value(m) is not None]
        kinds = list(self.kind.finditer(text, start, end))
        verbs = list(self.verb.finditer(text, start, end))
        if not verbs or not (kinds or any("khen thưởng" in v.group().lower() for v in verbs)):
            return []
        found: list[AwardMatch] = []
        used: set[int] = set()
        for m in counts:
            if m.start() in used:
                continue
            value = self._value(m)
            verb_before = [v for v in verbs if v.end() <= m.start()]
            verb_after = [v for v in verbs if v.start() >= m.end()]
            cho = regex.search(r"(?i)\bcho\s*$", text[max(start, m.start() - 6):m.start()])
            if cho:
                award = self._award_before(text, kinds, verbs, start, m.start(), cho)
                if award is not None and not self._proposal(text, start, award[0]):
                    found.append(self._match(text, m, value, award, "award.award_for_count"))
                    continue
            if verb_before and "khen thưởng" in verb_before[-1].group().lower() and verb_before[-1].end() + 3 >= m.start():
                v = verb_before[-1]
                if not self._proposal(text, start, v.start()):
                    found.append(self._match(text, m, value, (v.start(), v.end()), "award.commended_count"))
                    continue
            if verb_after:
                v = verb_after[0]
                kind_after = [k for k in kinds if k.start() >= v.start() and k.start() - m.end() < 160]
                between = [c for c in counts if m.end() <= c.start() < v.start()]
                if kind_after and not self._proposal(text, m.start(), v.start()):
                    award = (kind_after[0].start(), self._award_end(text, kind_after[0].start(), end, counts))
                    group = [m] + [c for c in between]
                    for c in group:
                        used.add(c.start())
                        found.append(self._match(text, c, self._value(c), award, "award.recipients_receive"))
                    continue
                if not kinds and "khen thưởng" in v.group().lower() and not self._proposal(text, m.start(), v.start()):
                    found.append(self._match(text, m, value, (v.start(), v.end()), "award.recipients_commended"))
        for m in self.counted_award.finditer(text, start, end):
            if not [v for v in verbs if v.end() <= m.start()] or self._proposal(text, start, m.start()):
                continue
            value = self._value(m)
            if value is None or any(a.start <= m.start() < a.end for a in found):
                continue
            award = (m.end(), self._award_end(text, m.end(), end, counts))
            found.append(self._match(text, m, value, award, "award.counted_awards", recipient=""))
        return found

    def _proposal(self, text: str, start: int, end: int) -> bool:
        return bool(self.negative.search(text, start, end))

    def _award_before(self, text, kinds, verbs, start, pos, cho):
        """The award named between the verb and "cho <count>"."""
        candidates = [k for k in kinds if k.start() < pos]
        if not candidates:
            return None
        kind = candidates[-1]
        for k in reversed(candidates):
            gap = text[k.end():pos]
            if ";" in gap:
                break
            kind = k
            if any(v.end() <= k.start() and k.start() - v.end() < 40 for v in verbs):
                break
        end = pos - len(cho.group()) + (cho.start() - cho.start())
        stop = text.rfind("cho", kind.start(), pos)
        return kind.start(), stop if stop > kind.start() else pos

    def _award_end(self, text: str, begin: int, end: int, counts) -> int:
        """An award name runs to the clause end, the next count, or "cho"/"tặng"."""
        stop = end
        for c in counts:
            if c.start() > begin:
                stop = min(stop, c.start())
                break
        follow = regex.search(r"(?i)\s(?:cho|tặng|để|nhằm|vì đã|do)\s|[;(]", text[begin:stop])
        if follow:
            stop = begin + follow.start()
        return _trim(text, begin, stop)

    def _match(self, text, m, value, award, rule, recipient=None) -> AwardMatch:
        a, b = award
        award_text = " ".join(text[a:b].split()).strip(" ,;:-–")
        start = min(m.start(), a)
        end = max(m.end(), b)
        rec = recipient if recipient is not None else " ".join(m.group("rec").split())
        return AwardMatch(
            start=start,
            end=_trim(text, start, end),
            count=value,
            approximate=bool(m.group("approx")) and m.group("approx").lower() != "hàng",
            recipient=rec,
            award=award_text,
            rule=rule,
        )


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:-–\n\t":
        end -= 1
    return end


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, cut at full stops that end a sentence (not "1.780") and semicolons."""
    spans = []
    start = 0
    for m in regex.finditer(r"[.!?](?=\s|$)|;|\n", text):
        if m.end() - start > 1:
            spans.append((start, m.start()))
        start = m.end()
    if len(text) - start > 1:
        spans.append((start, len(text)))
    return spans


def _dedupe(found: list[AwardMatch]) -> list[AwardMatch]:
    out, seen = [], set()
    for a in found:
        key = (a.count, " ".join(a.award.lower().split()[:3]))
        if key in seen:
            continue
        seen.add(key)
        out.append(a)
    return out
