"""The title stage: the positions the article attaches to each name mention.

The text is first cut into units: the longest lexicon phrase at each point
(an organisation, a title head, a place...), a person name, or a single
token. A title is then ``MODIFIER* HEAD ORG-PART*`` over units
("Phó" "Chủ tịch" "UBND" "tỉnh" "Thái Nguyên"), and titles attach to a
name in the shapes the genre uses:

* before it: "Bộ trưởng Bộ GTVT Trương Quang Nghĩa", chained with commas
  ("Ủy viên Bộ Chính trị, Phó Thủ tướng Phạm Bình Minh");
* after it, after a comma, dash or parenthesis: "Dương Đức Đằng, Phó Bí
  thư Huyện ủy, Chủ tịch UBND huyện", "Lê Văn Tưởng - Bí thư Đảng ủy";
* shared by a list: "các Phó Chủ tịch UBND tỉnh: Trần Anh Tuấn, Nguyễn Hồng Quang".

A title that runs straight into a name belongs to that name, not to the
name before it.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import LexiconIndex
from .normalize import fold_tones
from .pattern_files import cached_patterns
from .persons import SPANS_KEY as PERSONS_KEY
from .persons import is_allcaps, is_name_syllable
from .token_table import token_table

HEAD_LABELS = ("TITLE_HEAD", "MEMBERSHIP", "RANK", "ACADEMIC")
ORG_LABELS = ("ORG", "ORG_HEAD", "ADMIN", "PLACE")
#: tie-break among equally long phrases starting at one token
UNIT_PRIORITY = (
    "TITLE_HEAD", "MEMBERSHIP", "RANK", "ACADEMIC", "ORG", "TITLE_MOD", "PLACE", "ORG_HEAD", "ADMIN",
    "HONORIFIC", "ELECTED", "CHAIR", "ATTEND", "SPEAK", "GIVE", "MEETING", "AT_MEETING", "NOT_PRESENT",
)
#: units that close a title written after a name: the verb of the clause comes next
CLAUSE_LABELS = ("CHAIR", "ATTEND", "SPEAK", "GIVE", "MEETING", "AT_MEETING", "NOT_PRESENT", "ELECTED", "HONORIFIC")
#: heads that end in the organisation's own noun: the name follows at once
_HEAD_ENDS_IN_ORG = {"ban", "phòng", "đoàn", "khoa", "cục", "vụ", "viện", "trạm", "đội", "tổ", "ty", "sở", "bộ"}
_CLOSERS = {",", ";", ".", ":", "(", ")", "-", "–", "—", "!", "?"}
SEPARATORS = {",", "-", "–", "—", "(", "kiêm", ":"}
CONNECTORS = {"của", "tại", "và", "-", "–", "&", "thuộc"}
POST_MODIFIERS = {"thường trực", "tt", "phụ trách", "thứ nhất", "chuyên trách"}
#: modifiers written only after a head ("Chủ tịch danh dự", "Ủy viên dự khuyết")
POST_ONLY = {"thứ nhất", "chuyên trách", "danh dự", "dự khuyết"}
PLURAL_MARKERS = {"các", "hai", "ba", "những"}
#: words before a title that make it someone else's: "thay mặt Chủ tịch nước, Bí thư Tỉnh ủy X"
ON_BEHALF = {fold_tones(p) for p in ("thay mặt", "thừa lệnh", "ủy quyền", "ủy nhiệm")}


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    label: str  # a lexicon label, PERSON, CAP, ALLCAPS, NUM, or WORD
    span: Span | None = None

    @property
    def is_head(self) -> bool:
        return self.label in HEAD_LABELS


@dataclass
class Mention:
    """One occurrence of a name with the titles attached to it there."""

    person: Span
    titles: list[Span] = field(default_factory=list)

    @property
    def end(self) -> int:
        """Where the mention with its following titles ends."""
        return max([self.person.end] + [t.end for t in self.titles if t.start >= self.person.end])

    @property
    def start(self) -> int:
        return min([self.person.start] + [t.start for t in self.titles if t.end <= self.person.start])


if not Doc.has_extension("mentions"):
    Doc.set_extension("mentions", default=None)


_RANK = {label: r for r, label in enumerate(UNIT_PRIORITY)}
#: a token's unit label when no phrase or name starts there: it depends on the word alone
_SHAPES: dict[str, str] = {}


def _shape(word: str, is_space: int, like_num: int) -> str:
    """The unit label of a word ``_SHAPES`` does not hold yet; kept there while it has room."""
    if is_space:
        shape = "SPACE"
    elif like_num or word.isdigit():
        shape = "NUM"
    elif is_allcaps(word):
        shape = "ALLCAPS"
    elif is_name_syllable(word):
        shape = "CAP"
    else:
        shape = "WORD"
    if len(_SHAPES) < 1 << 16:
        _SHAPES[word] = shape
    return shape


def sentences_read(doc: Doc, words: list[str], persons: list[Span]) -> list[bool]:
    """For each token, whether the title linker can read its sentence: only there do word groups matter.

    Every reading starts at a name and stops at the end of the sentence (no
    walk goes past a full stop, a "!", "?" or "…", or back over a line
    break), except two: a title wrapped after a separator at the end of a
    line ("X,\\nPhó Chủ tịch ...") is read on the next line, and a list
    header ending in a colon ("... gồm:\\nông A") is read on the line before.
    So the sentences with a name, and the ones those two carry on to.
    """
    sentences = [(s.start, s.end) for s in doc.sents]
    named = [False] * len(sentences)
    k = 0
    for start in sorted(p.start for p in persons):
        while k < len(sentences) and sentences[k][1] <= start:
            k += 1
        if k < len(sentences):
            named[k] = True

    def last_word(s: int) -> str:
        start, end = sentences[s]
        t = end - 1
        while t > start and words[t].isspace():
            t -= 1
        return words[t]

    read = list(named)
    for s in range(1, len(sentences)):  # a title wrapped onto the next line, and on
        if read[s - 1] and last_word(s - 1) in SEPARATORS:
            read[s] = True
    for s in range(len(sentences) - 1):  # "... gồm:" above a listed name
        if named[s + 1] and last_word(s) == ":":
            read[s] = True
    flags = [False] * len(doc)
    for (start, end), r in zip(sentences, read):
        if r:
            flags[start:end] = [True] * (end - start)
    return flags


def build_units(doc: Doc, lex: LexiconIndex, persons: list[Span]) -> list[Unit]:
    """Cut the doc into units, longest lexicon phrase first, names over everything."""
    person_at = {p.start: p for p in persons}
    n = len(doc)
    #: person starts in order, ending in ``n``: ``person_starts[k]`` is the first one at or after ``i``
    person_starts = [*sorted(person_at), n]
    k = 0
    units: list[Unit] = []
    starts = doc._.word_starts or [True] * n
    table = token_table(doc)
    words = table.words
    opening = lex.opening
    shapes = _SHAPES
    rank = _RANK
    read = sentences_read(doc, words, persons)
    i = 0
    while i < n:
        while person_starts[k] < i:
            k += 1
        next_person = person_starts[k]
        if next_person == i:
            p = person_at[i]
            units.append(Unit(p.start, p.end, "PERSON", p))
            i = p.end
            continue
        best = None
        for label, end, span in opening.get(i, ()):
            if label not in rank:
                continue
            if next_person < end:
                continue  # a phrase may not swallow the start of a name
            if best is None or (end, -rank[label]) > (best[1], -rank[best[0]]):
                best = (label, end, span)
        if best is not None:
            units.append(Unit(i, best[1], best[0], best[2]))
            i = best[1]
            continue
        word = words[i]
        label = shapes.get(word)
        if label is None:
            is_space, like_num = table.flags(doc)
            label = _shape(word, is_space[i], like_num[i])
        j = i + 1
        if label == "CAP" and read[i]:  # elsewhere the segmenter need not run: no title is read there
            # "Nông dân", "Tài chính": one word begun by a capital; not "Đức Trọng dự"
            while j < n and words[j][:1].islower() and j != next_person and not lex.covers(
                j, *CLAUSE_LABELS
            ) and not starts[j]:
                j += 1
        units.append(Unit(i, j, label))
        i = j
    return units


class TitleLinker:
    """Builds ``doc._.mentions``: each name mention with its titles (``doc.spans["titles"]``)."""

    def __init__(self, stopwords: set[str]) -> None:
        self.stopwords = stopwords

    def __call__(self, doc: Doc) -> Doc:
        lex = LexiconIndex.of(doc)
        persons = list(doc.spans.get(PERSONS_KEY, []))
        units = build_units(doc, lex, persons)
        self.doc = doc
        self.lex = lex
        self.units = units
        self.table = token_table(doc)
        self.words = self.table.words
        #: lower-cased unit texts, filled in as the rules read them: most units are never read
        self.unit_texts: list[str | None] = [None] * len(units)
        #: units are contiguous, so their starts are sorted and a unit ends where the next starts
        self.unit_starts = [u.start for u in units]
        mentions: dict[int, Mention] = {}
        for start in sorted({p.start for p in persons}):
            ui = bisect_left(self.unit_starts, start)
            if ui < len(units) and units[ui].start == start and units[ui].label == "PERSON":
                mentions[ui] = Mention(units[ui].span)
        claimed: set[int] = set()
        for ui, mention in mentions.items():
            mention.titles += self._titles_before(ui, claimed)
        for ui, mention in mentions.items():
            mention.titles += self._titles_after(ui, claimed)
        for ui, mention in mentions.items():
            mention.titles += self._titles_elected(ui, mention, claimed)
        self._share_plural_titles(mentions)
        self._share_list_header(mentions)
        doc._.mentions = list(mentions.values())
        doc.spans["titles"] = [t for m in doc._.mentions for t in m.titles]
        return doc

    def _text(self, ui: int) -> str:
        text = self.unit_texts[ui]
        if text is None:
            unit = self.units[ui]
            if unit.end - unit.start == 1:
                text = self.words[unit.start].lower()
            else:
                text = self.table.span_text(unit.start, unit.end).lower()
            self.unit_texts[ui] = text
        return text

    def _title_at(self, ui: int) -> int | None:
        """If a title starts at unit ``ui``, the unit index just past it."""
        units = self.units
        if ui >= len(units):
            return None  # the text ends on the separator: "... Hồ Xuân Mai - "
        if self._text(ui) in POST_ONLY:
            return None  # "đội danh dự | Chủ tịch nước X": a post-modifier opens no title
        k = ui
        while k < len(units) and units[k].label == "TITLE_MOD":
            k += 1
        if k >= len(units) or not units[k].is_head:
            return None
        head = k
        k += 1
        while k < len(units):
            unit = units[k]
            text = self._text(k)
            if text in POST_MODIFIERS or unit.label == "TITLE_MOD" and k > head:
                k += 1
            elif unit.label == "ORG_HEAD" and k + 1 < len(units) and (
                self._capitalised(k + 1) or units[k + 1].label == "ACADEMIC"
            ):
                k = self._lowercase_name_end(k + 2)  # "Ban Chỉ đạo cải cách hành chính", "Chi hội Nhà báo"
            elif k == head + 1 and self._text(head).rsplit(" ", 1)[-1] in _HEAD_ENDS_IN_ORG and self._capitalised(k):
                k = self._lowercase_name_end(k + 1)  # "Trưởng ban Chỉ đạo ...", "Trưởng phòng Văn hóa - Thông tin"
            elif k == head + 1 and unit.label == "WORD" and self._head_ends_in_organisation(head) and (
                self._lowercase_name_end(k) > k
            ):
                k = self._lowercase_name_end(k)  # "Trưởng Ban Chỉ đạo | cải cách hành chính"
            elif unit.label in ORG_LABELS or unit.label in ("ALLCAPS", "CAP", "NUM"):
                k += 1
            elif k > head + 1 and self._text(k - 1) in CONNECTORS and self._capitalised(k):
                k = self._lowercase_name_end(k + 1)  # "Văn hóa - Thông tin": the word after the dash
            elif text == "," and self._parent_organisation(k + 1):
                k += 1  # "Trung tâm Khuyến nông, Sở Nông nghiệp...": one post, two levels
            elif text in CONNECTORS and self._org_follows(k + 1):
                k += 1
            elif text == "(" and self._parenthetical(k) is not None:
                k = self._parenthetical(k)
            else:
                break
        while k - 1 > ui and self._text(k - 1) in CONNECTORS:
            k -= 1
        return k

    def _head_ends_in_organisation(self, head: int) -> bool:
        """Whether the head's last words are an organisation's noun ("Trưởng Ban Chỉ đạo")."""
        unit = self.units[head]
        end = unit.end
        return any(
            span.end == end and span.start > unit.start for span in self.lex.covering(end - 1, "ORG_HEAD")
        )

    def _capitalised(self, k: int) -> bool:
        """A capitalised word that can open an organisation's name (not a title, not a name)."""
        unit = self.units[k]
        if unit.label in ("PERSON", "SPACE", "NUM") or unit.is_head or unit.label == "TITLE_MOD":
            return False
        return self.words[unit.start][:1].isupper()

    def _lowercase_name_end(self, k: int) -> int:
        """An organisation's name goes on in lower case until a function word or a verb."""
        stop = k
        while stop < len(self.units) and stop - k < 6:
            unit = self.units[stop]
            text = self._text(stop)
            if unit.label != "WORD" or not text[:1].isalpha() or not text[:1].islower() or text in self.stopwords:
                break
            stop += 1
        return stop

    def _parent_organisation(self, k: int) -> bool:
        """After a comma, the organisation the previous one belongs to ("Sở Nông nghiệp và PTNT")."""
        if k >= len(self.units):
            return False
        unit = self.units[k]
        if unit.label == "ORG_HEAD":
            return self._org_follows(k + 1)
        return unit.label == "ORG" and self.lex.covers(unit.start, "ORG_HEAD") and self.words[unit.start][:1].isupper()

    def _org_follows(self, k: int) -> bool:
        """An organisation's word comes next: "Văn hóa - Thông tin", "Nông nghiệp và Phát triển nông thôn"."""
        return k < len(self.units) and (
            self.units[k].label in ORG_LABELS + ("ALLCAPS", "CAP") or self._capitalised(k)
        )  # not a number: "Ban Tuyên giáo và | 127 đơn vị", "MTTQ và | không"

    def _parenthetical(self, k: int) -> int | None:
        """``( VCCI )`` or ``( Lào )`` inside a title: the unit index after ``)``."""
        j = k + 1
        while j < len(self.units) and j <= k + 4 and self.units[j].label in ORG_LABELS + ("ALLCAPS", "CAP"):
            j += 1
        if j > k + 1 and j < len(self.units) and self._text(j) == ")":
            return j + 1
        return None

    def _span(self, a: int, b: int, rule: str) -> Span:
        return Span(self.doc, self.units[a].start, self.units[b - 1].end, label="TITLE", span_id=rule)

    def _split(self, a: int, b: int, rule: str) -> list[Span]:
        """A stretch of title units, cut where a new head follows organisation words."""
        cuts = [a]
        for k in range(a + 1, b):
            if self.units[k].is_head or (
                self.units[k].label == "TITLE_MOD" and k + 1 < b and self.units[k + 1].is_head
            ):
                prev = self.units[k - 1]
                if prev.label == "ORG_HEAD" and self.units[k].label == "ACADEMIC":
                    continue  # "Chi hội Nhà báo": an association named by a profession
                if prev.label != "TITLE_MOD" and not self._text(k - 1) in {"của", "&"}:
                    if not (self.units[k].label == "TITLE_HEAD" and prev.label == "TITLE_MOD"):
                        cuts.append(k)
        cuts.append(b)
        spans = []
        for x, y in zip(cuts, cuts[1:]):
            if x < y:
                spans.append(self._span(x, y, rule))
        return spans

    def _titles_before(self, ui: int, claimed: set[int]) -> list[Span]:
        """Titles written right before the name, and the comma-chained ones before them."""
        found: list[Span] = []
        end = ui
        rule = "title.before_name"
        if ui > 0 and self._text(ui - 1) == ":":
            start = self._leftmost_title_start(ui - 1)
            if start is not None and start > 0 and self._is_plural(start - 1):
                claimed.update(range(start, ui - 1))
                return self._split(start, ui - 1, "title.list_header")
            return []
        while True:
            start = self._leftmost_title_start(end)
            if start is None:
                break
            if rule == "title.before_name_chain" and self._on_behalf_of(start):
                break  # "thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy X": the first post is another's
            found = self._split(start, end, rule) + found
            claimed.update(range(start, end))
            sep = start - 1
            if sep < 0 or self._text(sep) not in {",", "-", "–", "kiêm"}:
                break
            end = sep
            rule = "title.before_name_chain"
        return found

    def _on_behalf_of(self, start: int) -> bool:
        """Whether the title at unit ``start`` names the one on whose behalf someone acts.

        "thừa ủy quyền của Chủ tịch nước", "thay mặt Thủ tướng"; not "dưới sự
        chủ trì của Phó Thủ tướng", where the title is the chair's own.
        """
        k = start - 1
        if k >= 0 and self._text(k) == "của":
            k -= 1
        before = " ".join(self._text(j) for j in range(max(0, k - 2), k + 1))
        return any(before.endswith(phrase) for phrase in ON_BEHALF)

    def _leftmost_title_start(self, end: int) -> int | None:
        """The first unit of a title that ends exactly at unit ``end``."""
        best = None
        k = end - 1
        while k >= 0 and end - k <= 14:
            if self.units[k].label in ("PERSON", "SPACE"):
                break
            stop = self._title_at(k)
            if stop is not None and (stop == end or self._benign(stop, end)):
                best = k
            label = self.units[k].label
            text = self._text(k)
            if not (label in ORG_LABELS + HEAD_LABELS + ("TITLE_MOD", "ALLCAPS", "CAP", "NUM")
                    or text in CONNECTORS or text in POST_MODIFIERS or text in {"(", ")", "các"}
                    or self._plain_word(k)):
                break
            k -= 1
        return best

    def _plain_word(self, k: int) -> bool:
        """A lower-case word that may sit inside an organisation's name ("Cục Phòng bệnh")."""
        text = self._text(k)
        return self.units[k].label == "WORD" and text[:1].isalpha() and text not in self.stopwords

    def _benign(self, a: int, b: int) -> bool:
        """Whether units a..b (before a name) can only be more of the title before them.

        "Trưởng ban Quản lý Khu kinh tế và các khu công nghiệp tỉnh Tô Văn Bình":
        between the title's head and the name there is no clause break, no verb
        of the lexicon, nothing but words of an organisation's name.
        """
        for k in range(a, b):
            unit, text = self.units[k], self._text(k)
            if unit.label in ORG_LABELS + ("ALLCAPS", "CAP", "NUM") or text in {"và", "các", "của", "tại"}:
                continue
            if not self._plain_word(k):
                return False
        return b - a <= 10 and self._text(b - 1) not in {"và", "các", "của", "tại"}

    def _skip_aside(self, k: int) -> int:
        """A caption's "(bìa trái)", "(thứ hai từ phải sang)" between a name and its title."""
        if k < len(self.units) and self._text(k) == "(":
            j = k + 1
            while j < len(self.units) and j - k <= 6 and self.units[j].label == "WORD" and self._text(j) != ")":
                j += 1
            if j < len(self.units) and self._text(j) == ")" and j > k + 1:
                return j + 1
        return k

    def _closes(self, k: int) -> bool:
        """Whether a title may end before unit ``k``: a clause break, a verb, the end."""
        if k >= len(self.units):
            return True
        unit = self.units[k]
        return unit.label in CLAUSE_LABELS or unit.label == "SPACE" or self._text(k) in _CLOSERS

    def _ends_in_place(self, stop: int) -> bool:
        """Whether the title before unit ``stop`` ends in a level ("huyện") or a place ("xã Tân Lập")."""
        if self.units[stop - 1].label in ("ADMIN", "PLACE"):
            return True
        k = stop - 1  # "xã Tân Lập": capitalised words back to the level word ("Tân" is also "new")
        while k > 0 and stop - k <= 4 and not self.units[k].is_head and self.units[k].label in (
            "CAP", "TITLE_MOD", "PLACE"
        ) and self.words[self.units[k].start][:1].isupper():
            k -= 1
        return k < stop - 1 and self.units[k].label == "ADMIN"

    def _extend_in_lower_case(self, stop: int) -> int:
        """"Hiệu trưởng nhà trường chủ trì": plain words up to the clause's verb belong to the title."""
        if stop > 0 and self._ends_in_place(stop):
            return stop  # "Chủ tịch UBND xã Tân Lập | triển khai ...": a level or a place ends the post
        k = stop
        while k < len(self.units) and k - stop < 8 and (
            self._plain_word(k) or self.units[k].label in ORG_LABELS + ("CAP", "ALLCAPS", "NUM")
            or self.units[k].label == "TITLE_MOD" and not (k + 1 < len(self.units) and self.units[k + 1].is_head)
        ):
            k += 1
        return k if k > stop and self._closes(k) else stop

    def _names_organisation(self, a: int, b: int) -> bool:
        """Whether the title in units a..b goes on past its head to an organisation or a level."""
        return any(
            self.units[k].label in ORG_LABELS + ("ALLCAPS", "CAP") for k in range(a, b)
            if not self.units[k].is_head and self.units[k].label != "TITLE_MOD"
        )

    def _verb_may_follow(self, k: int) -> bool:
        """A lower-case word that is not a function word: after a full title, the clause's verb."""
        return k < len(self.units) and self.units[k].label == "WORD" and self.words[self.units[k].start][:1].islower() and (
            self._text(k).split(" ", 1)[0] not in self.stopwords
        )

    def _titles_after(self, ui: int, claimed: set[int]) -> list[Span]:
        """Titles after the name: ", title", " - title", " (title)", chained; "X Bí thư Đảng ủy chủ trì"."""
        found: list[Span] = []
        k = ui + 1
        rule = "title.after_name"
        k = self._skip_aside(k)
        glued = self._title_at(k) if k < len(self.units) else None
        if glued is not None and k not in claimed:
            while glued < len(self.units) and glued not in claimed:
                more = self._title_at(glued)  # "X Phó bí thư Chủ tịch UBND xã": posts run on unpunctuated
                if more is None or more < len(self.units) and self.units[more].label == "PERSON":
                    break
                glued = more
            stop = self._extend_in_lower_case(glued)
            ends = self._closes(stop)
            if not ends and self._names_organisation(k, glued) and (
                self._verb_may_follow(glued) or self._text(glued) == "và"
            ):
                stop, ends = glued, True  # "X Chủ tịch UBND xã triển khai ...": a verb the lexicon does not know
            if ends:
                found += self._split(k, stop, "title.after_name_glued")
                claimed.update(range(k, stop))
                k = stop
        while k < len(self.units) and self._text(k) in SEPARATORS:
            start = k + 1
            if start < len(self.units) and self.units[start].label == "SPACE":
                start += 1  # a line wrapped after the comma: no paragraph ends with one
            stop = self._title_at(start)
            if stop is None or start in claimed:
                break
            if stop < len(self.units) and self.units[stop].label == "PERSON":
                break  # the title leads the next name
            stop = self._extend_in_lower_case(stop)
            found += self._split(start, stop, rule)
            claimed.update(range(start, stop))
            k = stop
            if k < len(self.units) and self._text(k) == ")":
                k += 1
            rule = "title.after_name_chain"
        return found

    def _titles_elected(self, ui: int, mention: Mention, claimed: set[int]) -> list[Span]:
        """"X được bầu giữ chức Phó Chủ tịch UBND huyện": the new post is X's title too."""
        k = self._after_mention(ui, mention)
        for j in range(k, min(k + 4, len(self.units))):
            if self.units[j].label == "ELECTED":
                start = j + 1
                stop = self._title_at(start) if start < len(self.units) else None
                if stop is None or start in claimed:
                    return []
                stop = self._extend_in_lower_case(stop)
                claimed.update(range(start, stop))
                return self._split(start, stop, "title.elected")
            if self.units[j].label in ("PERSON", "SPACE") or self._text(j) in {".", ";"}:
                break
        return []

    def _share_list_header(self, mentions: dict[int, Mention]) -> None:
        """"các đại biểu HĐND tỉnh phụ trách địa bàn gồm: ông A - ...; bà B - ...": each name has the post.

        The header names a post after a plural marker, may qualify it, and
        ends in a colon; the names follow with their own posts, separated by
        commas or semicolons, each perhaps after an honorific.
        """
        order = sorted(mentions)
        pos = 0
        while pos < len(order):
            ui = order[pos]
            header = self._header_title(ui)
            pos += 1
            if header is None or any(t.id_ == "title.list_header" for t in mentions[ui].titles):
                continue
            mentions[ui].titles = [header] + mentions[ui].titles
            k = self._after_mention(ui, mentions[ui])
            while pos < len(order):
                other = order[pos]
                gap = range(k, other)
                if not all(self._text(x) in {",", ";", "và"} or self.units[x].label == "HONORIFIC"
                           or self.units[x].label == "SPACE" and "\n" not in self._text(x) for x in gap):
                    break
                mentions[other].titles = [header] + mentions[other].titles
                k = self._after_mention(other, mentions[other])
                pos += 1

    def _header_title(self, ui: int) -> Span | None:
        """The post of a list header ending in a colon before the name at unit ``ui``."""
        h = ui - 1
        while h >= 0 and self.units[h].label in ("HONORIFIC", "SPACE"):
            h -= 1
        if h < 1 or self._text(h) != ":":
            return None
        end = h
        if self._text(end - 1) in {"gồm", "gồm có", "là"}:
            end -= 1
        for p in range(end - 1, max(-1, end - 12), -1):
            unit = self.units[p]
            if unit.label in ("PERSON", "SPACE") or self._text(p) in _CLOSERS:
                return None
            if not self._is_plural(p) or p + 1 >= end:
                continue
            stop = self._title_at(p + 1)
            if stop is None or stop > end:
                return None
            while stop - 1 > p + 1 and (self._text(stop - 1) in POST_MODIFIERS or self._text(stop - 1) in CONNECTORS):
                stop -= 1  # "đại biểu HĐND tỉnh | phụ trách địa bàn ...": the qualifier is not the post
            if all(self._plain_word(x) or self.units[x].label in ORG_LABELS + ("CAP", "ALLCAPS", "NUM", "TITLE_MOD")
                   or self._text(x) in POST_MODIFIERS for x in range(stop, end)):
                return self._span(p + 1, stop, "title.list_header_qualified")
            return None
        return None

    def _share_plural_titles(self, mentions: dict[int, Mention]) -> None:
        """"các Phó Chủ tịch UBND tỉnh: A, B và C": every name in the list gets the title."""
        order = sorted(mentions)
        for pos, ui in enumerate(order):
            mention = mentions[ui]
            before = [t for t in mention.titles if t.end <= mention.person.start]
            if not before:
                continue
            first = before[0]
            lead = self._unit_before(first.start)
            if lead is None or not self._is_plural(lead):
                continue
            k = self._after_mention(ui, mention)
            header = first.id_ == "title.list_header"
            for other in order[pos + 1:]:
                target = mentions[other]
                own = [t for t in target.titles if t.end <= target.person.start]
                until = self._unit_index(min(t.start for t in own)) if own and header else other
                gap = [self._text(x) for x in range(k, until)]
                if not gap or any(g not in {",", "và", ";", ":"} for g in gap if g.strip()):
                    break
                if ";" in gap and not header:
                    break
                if header and own:  # "các đồng chí Ủy viên Trung ương Đảng: A, ...; Trung tướng B, ..."
                    target.titles = [first] + target.titles
                elif not own:
                    target.titles = [first] + target.titles if len(before) == 1 else before + target.titles
                k = self._after_mention(other, target)

    def _after_mention(self, ui: int, mention: Mention) -> int:
        """The unit just past a name and the titles written after it."""
        after = [t.end for t in mention.titles if t.start >= mention.person.end]
        return self._unit_index(max(after)) if after else ui + 1

    def _is_plural(self, ui: int) -> bool:
        """'các', 'hai', 'các đồng chí' before a title: the title is shared by a list of names."""
        text = self._text(ui)
        if text in PLURAL_MARKERS or text.startswith("các "):
            return True
        return self.units[ui].label == "HONORIFIC" and ui > 0 and self._text(ui - 1) == "các"

    def _unit_before(self, token: int) -> int | None:
        """The last non-space unit that ends at ``token``."""
        j = self._unit_ending(token)
        while j is not None and j >= 0 and self.units[j].label == "SPACE":
            j -= 1
        return j if j is not None and j >= 0 else None

    def _unit_ending(self, token: int) -> int | None:
        """The unit that ends exactly at ``token``: the one before the unit starting there."""
        if self.units and token == self.units[-1].end:
            return len(self.units) - 1
        ui = bisect_left(self.unit_starts, token)
        if 0 < ui < len(self.units) and self.unit_starts[ui] == token:
            return ui - 1
        return None

    def _unit_index(self, token: int) -> int:
        """The first unit that starts at or after ``token``."""
        return bisect_left(self.unit_starts, token)


@Language.factory("vi_titles", default_config={"extra_patterns": []})
def make_title_linker(nlp: Language, name: str, extra_patterns: list[str]) -> TitleLinker:
    patterns = cached_patterns(tuple(Path(p) for p in extra_patterns))
    return TitleLinker({w.lower() for w in patterns.list("title_stopwords")})
