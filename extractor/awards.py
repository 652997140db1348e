"""The award stage: counted recipients of a named honour.

Inside each clause the stage finds counts of recipients ("2 tập thể",
"trên 2 nghìn tập thể, cá nhân", "mười lăm cá nhân"), award names
("Bằng khen", "Huân chương Lao động hạng Ba") and award verbs, then reads
the three shapes the genre uses:

* recipients first: "2 tập thể vinh dự nhận Cờ thi đua xuất sắc ...";
* award first: "tặng Bằng khen cho 15 tập thể và 20 cá nhân" (two entries);
* counted awards: "trao 11 Huân chương Độc lập hạng Nhì ...", "tặng 310
  Giấy khen", and titles of honour given by count ("công nhận 120 Chiến sĩ
  thi đua cơ sở, 250 Lao động tiên tiến"), one entry per count in a list.

A breakdown ("9 đảng viên được trao Huy hiệu Đảng, trong đó 2 Huy hiệu 30
năm ...") lists its parts, not the total. Counts under an award named as a
heading ("Bằng khen của UBND tỉnh: 3 tập thể, 5 cá nhân") take that award.
A proposal ("đề nghị tặng") is not an award, and neither is a count with no
named honour. An award stated twice is listed once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from .pattern_files import PatternSet, alternation

_DIGITS = r"(?<![\d/.,])(?:\d{1,3}(?:\.\d{3})+(?!\d)|\d+(?![\d.,]\d))"
_SCALES = {"trăm": 100, "nghìn": 1000, "ngàn": 1000, "triệu": 1_000_000}
#: awards that are objects and can be counted ("11 Huân chương"); "37 Anh hùng" counts people
_COUNTABLE_KINDS = {"award.kind.order", "award.kind.flag", "award.kind.certificate", "award.kind.prize"}
#: titles of honour counted by their holders ("120 Chiến sĩ thi đua cơ sở"): awards only where an award verb governs them
_COUNTED_TITLES = {"award.kind.counted_title"}
#: "danh hiệu cao quý này", "giải này", "phần thưởng nói trên": an award named before
_ANAPHOR = regex.compile(r"(?i)(?<!\w)(?:này|đó|trên|ấy)$")
#: kind words that name no particular award ("danh hiệu X", "giải Y")
_GENERIC_KINDS = {"danh hiệu", "giải", "giải thưởng", "cờ", "hình thức khen thưởng"}


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
    count_start: int = -1


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
    #: the pattern labels this finder reads as text itself (the lexicon leaves them out of the doc)
    LABELS = ("APPROX", "AWARD_KIND", "AWARD_NEG", "AWARD_NOT_KIND", "AWARD_NOT_NEG", "AWARD_VERB",
              "BREAKDOWN", "COMMEND", "POOL", "RECIPIENT")

    def __init__(self, patterns: PatternSet) -> None:
        self.numbers = NumberWords(patterns.table("number_words"))
        number_words = alternation(self.numbers.table)
        recipients = alternation(p.lower() for p in patterns.phrases("RECIPIENT"))
        approx = alternation(p.lower() for p in patterns.phrases("APPROX"))
        kinds = alternation(p.lower() for p in patterns.phrases("AWARD_KIND"))
        kind_rules = [r for r in patterns.rules if r["label"] == "AWARD_KIND" and isinstance(r["pattern"], str)]
        countable = alternation(r["pattern"].lower() for r in kind_rules if r["id"] in _COUNTABLE_KINDS)
        titles = alternation(r["pattern"].lower() for r in kind_rules if r["id"] in _COUNTED_TITLES)
        not_kinds = alternation(p.lower() for p in patterns.phrases("AWARD_NOT_KIND"))
        count = (
            r"(?<!(?:năm|tháng|ngày)\s+)"  # "năm 2023 Hội đồng ...": a date, not a count
            rf"(?:(?P<approx>{approx})\s+)?"
            rf"(?P<num>{_DIGITS}|(?:(?:{number_words})\s+){{0,3}}(?:{number_words}))"
            rf"(?:\s+(?P<scale>{alternation(_SCALES)}))?"
        )
        self.count_recipient = regex.compile(
            rf"(?i)(?<!\w){count}(?P<ratio>/(?:\d{{1,3}}(?:\.\d{{3}})+|\d{{1,5}})(?![\d.,]\d))?\s+"
            rf"(?P<rec>(?:lượt\s+)?(?:{recipients})(?:\s*(?:,|và|,\s*và)\s*(?:{recipients})){{0,4}})(?!\w)"
        )
        self.counted_award = regex.compile(
            rf"(?i)(?<!\w){count}\s+(?=(?P<title>{titles})(?!\w)|(?:{countable})(?!\w))(?!(?:{not_kinds})(?!\w))"
        )
        self.kind = regex.compile(rf"(?i)(?<!\w)(?!(?:{not_kinds})(?!\w))(?:{kinds})(?!\w)")
        self.verb = regex.compile(rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('AWARD_VERB'))})(?!\w)")
        self.not_negative = regex.compile(
            rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('AWARD_NOT_NEG'))})(?!\w)"
        )
        self.negative = regex.compile(rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('AWARD_NEG'))})(?!\w)")
        self.commend = regex.compile(
            rf"(?i)(?<!\w)(?P<c>{alternation(p.lower() for p in patterns.phrases('COMMEND'))})"
            r"(?:(?:\s+\w+){0,3}?\s+cho)?\s*$"
        )
        self.pool = regex.compile(rf"(?i)(?<!\w)(?:{alternation(p.lower() for p in patterns.phrases('POOL'))})\s*$")
        breakdown = alternation(p.lower() for p in patterns.phrases("BREAKDOWN"))
        # "trong đó 2 ..., 4 ...", or the parts in brackets: "Huy hiệu Đảng (2 huy hiệu 60 năm, ...)"
        self.breakdown = regex.compile(rf"(?i)(?<!\w)(?:{breakdown})(?!\w)|\((?=\s*\d)")
        self.award_stop = regex.compile(rf"(?i)\s(?:cho|tặng|để|nhằm|vì đã|do|được)\s|[;()]|,\s*(?:{breakdown}|đạt|chiếm|tăng|giảm)(?!\w)")

    def find(self, text: str) -> list[AwardMatch]:
        found: list[AwardMatch] = []
        context: bool | None = None  # None: no award verb yet; True/False: the last verb gives or proposes
        said: dict[tuple, int] = {}  # (count, recipient, kind) -> the sentence that first stated it
        for sentence in _sentences(text):
            if text[sentence[0] - 1:sentence[0]] == "\n":
                context = None  # a new paragraph
            here: list[AwardMatch] = []
            heading: tuple[int, int] | None = None  # "Bằng khen của UBND tỉnh:" names the award of the counts after it
            for start, end in _clauses(text, *sentence):
                verbs = list(self.verb.finditer(text, start, end))
                if verbs:
                    context = not self._proposal(text, start, verbs[0].start())
                if context is False:
                    heading = None
                    continue
                if context is not True and not verbs and heading is None:
                    if context is None:
                        here += self._in_clause(text, start, end, verbs, inherited=False, lists_only=True)
                    heading = self._heading(text, start, end)
                    continue
                here += self._in_clause(text, start, end, verbs, inherited=not verbs, heading=heading)
                heading = self._heading(text, start, end)
            here = [self._referred(text, a) for a in self._parts_not_total(text, sentence, here)]
            found += self._restated(here, said, sentence[0])
        return _dedupe(found)

    def _referred(self, text: str, a: AwardMatch) -> AwardMatch:
        """"được nhận Danh hiệu cao quý này": the award is the one of that kind named before."""
        if not _ANAPHOR.search(a.award) or self._kind_class(a.award) not in _GENERIC_KINDS:
            return a
        head = self._kind_class(a.award)
        for k in reversed(list(self.kind.finditer(text, max(0, a.award_start - 2000), a.award_start))):
            if k.group().lower() != head:
                continue
            later = list(self.count_recipient.finditer(text, k.end(), a.award_start))
            name = " ".join(text[k.start():self._award_end(text, k.start(), a.award_start, later, [])].split())
            if not _ANAPHOR.search(name) and self._kind_class(name) not in _GENERIC_KINDS:
                return replace(a, award=name)
            break
        return a

    def _restated(self, here: list[AwardMatch], said: dict, sentence: int) -> list[AwardMatch]:
        """The same count of the same recipients given the same kind of award in another sentence
        (headline, lead, body: "Bằng khen" then "Bằng khen của Chủ tịch UBND tỉnh") is one award.

        One recipient is too common a count to tell statements apart, so only counts from 2 up.
        """
        out = []
        for a in here:
            if a.count < 2 or not a.recipient:
                out.append(a)
                continue
            key = (a.count, a.recipient.lower(), self._kind_class(a.award))
            if said.setdefault(key, sentence) == sentence:
                out.append(a)
        return out

    def _kind_class(self, award: str) -> str:
        """The first specific award kind named ("bằng khen", "huân chương"); every prize is "giải"."""
        names = [m.group().lower() for m in self.kind.finditer(award)]
        specific = [n for n in names if n not in _GENERIC_KINDS] or names or [award.lower()]
        return "giải" if specific[0].startswith("giải") else " ".join(specific[0].split())

    def _heading(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """A clause that ends in a colon and names an award, with no count of its own."""
        if text[end:end + 1] != ":":
            return None
        kind = self.kind.search(text, start, end)
        if kind is None or self.count_recipient.search(text, start, end) or self.counted_award.search(text, start, end):
            return None
        return kind.start(), self._award_end(text, kind.start(), end, [], [])

    def _parts_not_total(self, text: str, sentence: tuple[int, int], here: list[AwardMatch]) -> list[AwardMatch]:
        """"N ... được khen thưởng, trong đó A ..., B ...": the parts are the awards, not the total N.

        Only inside one sentence: a total followed by a sentence "Trong đó có: ..." is a statement of
        its own (the works given prizes, then the prizes), and both are listed.
        """
        cut = self.breakdown.search(text, *sentence)
        if cut is None:
            return here
        if not any(a.count_start > cut.start() for a in here):
            return here
        return [a for a in here if a.count_start > cut.start()]

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
        """"đề nghị tặng", "được đề nghị khen thưởng": a proposal, not an award.

        Words that only contain a proposal word ("chương trình", "công trình") are no proposal.
        """
        begin = max(clause_start, verb_start - 30)
        words = [(m.start(), m.end()) for m in self.not_negative.finditer(text, max(clause_start, begin - 10), verb_start)]
        return any(not any(a <= m.start() and m.end() <= b for a, b in words)
                   for m in self.negative.finditer(text, begin, verb_start))

    def _in_clause(self, text: str, start: int, end: int, verbs: list, inherited: bool,
                   lists_only: bool = False, heading: tuple[int, int] | None = None) -> list[AwardMatch]:
        """Award statements in one clause; ``lists_only``: no verb governs it, only a list of prizes counts."""
        kinds = list(self.kind.finditer(text, start, end))
        if not kinds and not verbs and heading is None:
            return []  # no award named, given or listed under a heading: no count to read
        counts = [] if lists_only else [
            m for m in self.count_recipient.finditer(text, start, end) if self._value(m) is not None
        ]
        counted = [m for m in self.counted_award.finditer(text, start, end) if self._value(m) is not None]
        found: list[AwardMatch] = []
        done: set[int] = set()

        def chain(first: regex.Match) -> list[regex.Match]:
            """A count and the ones joined to it: "cho 15 tập thể và 20 cá nhân"."""
            group = [first]
            for c in counts:
                if c.start() > group[-1].end() and self._joined(text, group[-1].end(), c.start()):
                    group.append(c)
            return group

        def add(group, award, rule, recipient=None):
            for c in group:
                if c.start() not in done:
                    done.add(c.start())
                    found.append(self._match(text, c, self._value(c), award, rule, recipient))

        verb_before = lambda pos: inherited or any(v.end() <= pos for v in verbs)
        for m in counts:
            if m.start() in done:
                continue
            if m.group("ratio") and not self._ratio_receives(text, m, end):
                continue
            before = text[start:m.start()]
            near = text[max(start, m.start() - 80):m.start()]  # the words right before the count
            if self.pool.search(near):
                continue  # "Trong số 893 tác phẩm dự thi, ...": the pool, not the recipients
            cho = regex.search(r"(?i)(?<!\w)cho\s*$", before)
            if cho:
                kind = [k for k in kinds if k.end() <= m.start() - len(cho.group()) + 1]
                if kind:
                    a = kind[-1].start()
                    # "trao 6 giải Nhất, 15 giải Nhì cho 21 tác phẩm": a counted award ends the list
                    listed = [] if any(c.end() == a for c in counted) else kind[:-1]
                    for k in reversed(listed):  # "Huân chương Lao động hạng Nhất, hạng Nhì": the list's first kind
                        if ";" in text[k.end():a] or any(k.end() <= c.start() < a for c in counted):
                            break
                        if regex.search(r"(?i)(?<!\w)(?:cho|và)\s", text[k.end():a]):
                            break
                        a = k.start()
                    b = _trim(text, a, m.start() - len(cho.group()))
                    add(chain(m), (a, b), "award.award_for_count")
                    continue
            commend = self.commend.search(near)
            if commend:
                a = m.start() - len(near) + commend.start("c")
                add(chain(m), (a, m.start() - len(near) + commend.end("c")), "award.commended_count")
                continue
            adjacent = [k for k in kinds if k.start() >= m.end() and not text[m.end():k.start()].strip()]
            if adjacent and verb_before(m.start()):
                # "5 tập thể nhận Cờ thi đua, 20 tập thể Bằng khen": the verb of the list governs each pair
                k = adjacent[0]
                add([m], (k.start(), self._award_end(text, k.start(), end, counts, counted)), "award.recipients_listed")
                continue
            after_verbs = [v for v in verbs if v.start() >= m.end()]
            if after_verbs:
                v = after_verbs[0]
                kind_after = [k for k in kinds if k.start() >= v.start() and k.start() - m.end() < 160]
                if kind_after:
                    group = [m] + [c for c in counts if m.end() <= c.start() < v.start()]
                    award = (kind_after[0].start(), self._award_end(text, kind_after[0].start(), end, counts, counted))
                    add(group, award, "award.recipients_receive")
                    continue
                if not kinds and "khen thưởng" in v.group().lower():
                    add([m], (v.start(), v.end()), "award.recipients_commended")
                    continue
            if heading is not None and not kinds and not verbs:
                add(chain(m), heading, "award.listed_under_heading")
        verb_in_clause = lambda pos: any(v.end() <= pos for v in verbs)
        for m in counted:
            if any(a.count_start == m.start() for a in found):
                continue
            if self._given_to_counts(m, found):
                continue
            if m.group("title"):
                # a title counts its holders: awarded only where a verb gives it, or in a list of counted honours
                if not (verb_in_clause(m.start()) or len(counted) >= 2):
                    continue
            elif not (verb_before(m.start()) or len(counted) >= 2 or self._verb_follows(text, m.end(), end)):
                continue
            award = (m.end(), self._award_end(text, m.end(), end, counts, counted))
            found.append(self._match(text, m, self._value(m), award, "award.counted_awards", recipient=""))
        return found

    def _joined(self, text: str, begin: int, end: int) -> bool:
        """"cho 12 tập thể [có thành tích xuất sắc] và 20 cá nhân": a description may stand between two
        recipient counts, but no verb, no clause break and no more than a dozen words."""
        between = text[begin:end]
        if regex.fullmatch(r"\s*(?:,|và|,\s*và)\s*", between):
            return True
        if not regex.search(r"(?:,|\svà)\s*$", between) or regex.search(r"[;:.()]", between):
            return False
        return len(between.split()) <= 12 and not self.verb.search(between) and not self.kind.search(between)

    def _given_to_counts(self, m: regex.Match, found: list[AwardMatch]) -> bool:
        """"trao 27 Bằng khen cho 15 tập thể và 12 cá nhân": the counted recipients are the entries, not the 27."""
        given = [a for a in found if a.award_start == m.end() and a.rule == "award.award_for_count"]
        return bool(given) and sum(a.count for a in given) == self._value(m)

    def _verb_follows(self, text: str, begin: int, end: int) -> bool:
        """"3 Giải Nhì được trao cho ...": the counted award is the subject of a passive award verb."""
        name_end = self._award_end(text, begin, end, [], [])
        at = name_end + len(text[name_end:end]) - len(text[name_end:end].lstrip())
        v = self.verb.match(text, at, end)
        return bool(v and v.group().lower().startswith("được"))

    def _ratio_receives(self, text: str, m: regex.Match, end: int) -> bool:
        """"16/18 xã, thị trấn của huyện được nhận Danh hiệu ...": a share of recipients given an honour.

        The verb must follow within the phrase (no comma) and the award right after it, so that
        "12/14 xã đạt chuẩn nông thôn mới" (a target) is not read as an award.
        """
        v = self.verb.search(text, m.end(), min(end, m.end() + 40))
        if v is None or regex.search(r"[,;.]", text[m.end():v.start()]):
            return False
        while v is not None:  # "vinh dự được nhận": verbs in a row
            at = v.end() + len(text[v.end():end]) - len(text[v.end():end].lstrip())
            if self.kind.match(text, at, end):
                return True
            v = self.verb.match(text, at, end)
        return False

    def _award_end(self, text: str, begin: int, end: int, counts, counted) -> int:
        """An award name runs to the clause end, the next count, "cho"/"tặng", or a breakdown."""
        stop = end
        for c in [*counts, *counted]:
            if c.start() > begin:
                stop = min(stop, c.start())
        follow = self.award_stop.search(text[begin:stop])
        if follow:
            stop = begin + follow.start()
        stop = _trim(text, begin, stop)
        tail = regex.search(r"(?i)\s+(?:và|cùng)$", text[begin:stop])
        if tail:
            stop = begin + tail.start()
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
            count_start=m.start(),
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
