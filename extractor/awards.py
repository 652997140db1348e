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

from .pattern_files import PatternSet, alternation

_DIGITS = r"(?<![\d/.,])(?:\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?![\d.,]\d))"
_SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
#: awards that are objects and can be counted ("11 Huân chương"); "37 Anh hùng" counts people
_COUNTABLE_KINDS = {"award.kind.order", "award.kind.flag", "award.kind.certificate", "award.kind.prize"}


@dataclass(frozen=True)
class AwardMatch:
    start: int
    end: int
    count: int
    approximate: bool
    recipient: str
    award: str
    rule: str
    award_start: int = -1


class NumberWords:
    """Vietnamese number words to integers: "hai" 2, "mười lăm" 15, "hai trăm năm mươi" 250."""

    def __init__(self, table: dict[str, str]) -> None:
        self.table = table

    def parse(self, words: list[str]) -> int | None:
        """Read groups the way they are spoken: a digit, then what it multiplies.

        >>> NumberWords({"hai": "2", "trăm": "x100", "năm": "5", "mươi": "x10"}).parse("hai trăm năm mươi".split())
        250
        """
        if not words:
            return None
        total = group = pending = 0
        for word in words:
            value = self.table.get(word.lower())
            if value is None:
                return None
            if value.startswith("+"):
                continue
            if not value.startswith("x"):
                digit = int(value)
                if digit == 10:
                    group += 10
                else:
                    pending = digit
                continue
            factor = int(value[1:])
            if factor == 10:
                group += (pending or 1) * 10
            elif factor == 100:
                group += (pending or 1) * 100
            else:
                total += (group + pending or 1) * factor
                group = 0
            pending = 0
        return total + group + pending


class AwardFinder:
    def __init__(self, patterns: PatternSet) -> None:
        self.numbers = NumberWords(patterns.table("number_words"))
        number_words = alternation(self.numbers.table)
        recipients = alternation(p.lower() for p in patterns.phrases("RECIPIENT"))
        approx = alternation(p.lower() for p in patterns.phrases("APPROX"))
        kinds = alternation(p.lower() for p in patterns.phrases("AWARD_KIND"))
        countable = alternation(
            r["pattern"].lower() for r in patterns.rules
            if r["label"] == "AWARD_KIND" and isinstance(r["pattern"], str) and r["id"] in _COUNTABLE_KINDS
        )
        not_kinds = alternation(p.lower() for p in patterns.phrases("AWARD_NOT_KIND"))
        count = (
            rf"(?:(?P<approx>{approx})\s+)?"
            rf"(?P<num>{_DIGITS}|(?:(?:{number_words})\s+){{0,3}}(?:{number_words}))"
            rf"(?:\s+(?P<scale>{alternation(_SCALES)}))?"
        )
        self.count_recipient = regex.compile(
            rf"(?i)(?<!\w){count}\s+(?P<rec>(?:lượt\s+)?(?:{recipients})(?:\s*(?:,|và|,\s*và)\s*(?:{recipients})){{0,4}})(?!\w)"
        )
        self.counted_award = regex.compile(
            rf"(?i)(?<!\w){count}\s+(?=(?:{countable})(?!\w))(?!(?:{not_kinds})(?!\w))"
        )
        self.kind = regex.compile(rf"(?i)(?<!\w)(?!(?:{not_kinds})(?!\w))(?:{kinds})(?!\w)")
        self.verb = regex.compile(rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('AWARD_VERB'))})(?!\w)")
        self.negative = regex.compile(rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('AWARD_NEG'))})(?!\w)")

    def find(self, text: str) -> list[AwardMatch]:
        found: list[AwardMatch] = []
        context: bool | None = None  # None: no award verb yet; True/False: the last verb gives or proposes
        for sentence in _sentences(text):
            if text[sentence[0] - 1:sentence[0]] == "\n":
                context = None  # a new paragraph
            for start, end in _clauses(text, *sentence):
                verbs = list(self.verb.finditer(text, start, end))
                if verbs:
                    context = not self._proposal(text, start, verbs[0].start())
                if context is not True and not verbs:
                    if context is None:
                        found += self._in_clause(text, start, end, verbs, inherited=False, lists_only=True)
                    continue
                if context is False:
                    continue
                found += self._in_clause(text, start, end, verbs, inherited=not verbs)
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

    def _proposal(self, text: str, clause_start: int, verb_start: int) -> bool:
        """"đề nghị tặng", "được đề nghị khen thưởng": a proposal, not an award."""
        return bool(self.negative.search(text, max(clause_start, verb_start - 30), verb_start))

    def _in_clause(self, text: str, start: int, end: int, verbs: list, inherited: bool,
                   lists_only: bool = False) -> list[AwardMatch]:
        """Award statements in one clause; ``lists_only``: no verb governs it, only a list of prizes counts."""
        counts = [] if lists_only else [
            m for m in self.count_recipient.finditer(text, start, end) if self._value(m) is not None
        ]
        counted = [m for m in self.counted_award.finditer(text, start, end) if self._value(m) is not None]
        kinds = list(self.kind.finditer(text, start, end))
        found: list[AwardMatch] = []
        done: set[int] = set()

        def chain(first: regex.Match) -> list[regex.Match]:
            """A count and the ones joined to it: "cho 15 tập thể và 20 cá nhân"."""
            group = [first]
            for c in counts:
                if c.start() > group[-1].end() and regex.fullmatch(r"\s*(?:,|và|,\s*và)\s*", text[group[-1].end():c.start()]):
                    group.append(c)
            return group

        def add(group, award, rule, recipient=None):
            for c in group:
                if c.start() not in done:
                    done.add(c.start())
                    found.append(self._match(text, c, self._value(c), award, rule, recipient))

        for m in counts:
            if m.start() in done:
                continue
            before = text[start:m.start()]
            cho = regex.search(r"(?i)(?<!\w)cho\s*$", before)
            if cho:
                kind = [k for k in kinds if k.end() <= m.start() - len(cho.group()) + 1]
                if kind:
                    a = kind[-1].start()
                    for k in reversed(kind[:-1]):  # "Huân chương Lao động hạng Nhất, hạng Nhì": the list's first kind
                        if ";" in text[k.end():a] or self.counted_award.search(text, k.end(), a):
                            break
                        if regex.search(r"(?i)(?<!\w)(?:cho|và)\s", text[k.end():a]):
                            break
                        a = k.start()
                    b = _trim(text, a, m.start() - len(cho.group()))
                    add(chain(m), (a, b), "award.award_for_count")
                    continue
            commend = regex.search(r"(?i)khen thưởng(?:\s+cho)?\s*$", before)
            if commend:
                a = start + commend.start()
                add(chain(m), (a, a + len("khen thưởng")), "award.commended_count")
                continue
            after_verbs = [v for v in verbs if v.start() >= m.end()]
            if after_verbs:
                v = after_verbs[0]
                kind_after = [k for k in kinds if k.start() >= v.start() and k.start() - m.end() < 160]
                if kind_after:
                    group = [m] + [c for c in counts if m.end() <= c.start() < v.start()]
                    award = (kind_after[0].start(), self._award_end(text, kind_after[0].start(), end, counts, counted))
                    add(group, award, "award.recipients_receive")
                elif not kinds and "khen thưởng" in v.group().lower():
                    add([m], (v.start(), v.end()), "award.recipients_commended")
        verb_before = lambda pos: inherited or any(v.end() <= pos for v in verbs)
        for m in counted:
            if any(a.start <= m.start() < a.end for a in found):
                continue
            if not (verb_before(m.start()) or len(counted) >= 2):
                continue
            award = (m.end(), self._award_end(text, m.end(), end, counts, counted))
            found.append(self._match(text, m, self._value(m), award, "award.counted_awards", recipient=""))
        return found

    def _award_end(self, text: str, begin: int, end: int, counts, counted) -> int:
        """An award name runs to the clause end, the next count, or "cho"/"tặng"."""
        stop = end
        for c in [*counts, *counted]:
            if c.start() > begin:
                stop = min(stop, c.start())
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
            award_start=a,
        )


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:-–\n\t":
        end -= 1
    return end


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences, cut at full stops that end one (not the dot of "1.780") and at line breaks."""
    spans = []
    start = 0
    for m in regex.finditer(r"[.!?](?=\s|$)|\n", text):
        if m.end() - start > 1:
            spans.append((start, m.start()))
        start = m.end()
    if len(text) - start > 1:
        spans.append((start, len(text)))
    return spans


_CLAUSE_BREAK = regex.compile(r"[;:]")


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a sentence between semicolons and colons: one award statement each."""
    spans = []
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if end > start:
        spans.append((start, end))
    return spans


def _dedupe(found: list[AwardMatch]) -> list[AwardMatch]:
    """An award stated again (caption, lead, body) is listed once; "5 tập thể và 5 cá nhân" twice."""
    out: list[AwardMatch] = []
    statement: dict[tuple, int] = {}
    for a in found:
        key = (a.count, " ".join(a.award.lower().split()[:3]))
        if key in statement and statement[key] != a.award_start:
            continue
        if any(b.count == a.count and b.award_start == a.award_start and b.recipient == a.recipient for b in out):
            continue
        statement.setdefault(key, a.award_start)
        out.append(a)
    return out
