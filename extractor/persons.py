"""The person stage: where the article names people.

A Vietnamese name is a run of two to four capitalised syllables led by a
family name ("Dương Đức Đằng"). Runs of capitals also hold places and
organisations ("tỉnh Thái Nguyên Vũ Hồng Bắc", "Tổng Giám đốc Viettel
Post Trần Trung Hưng"), so a run is cut where the gazetteers and
underthesea's word boundaries say a place or an organisation ends. A name
that no family name leads ("Thongloun Sisoulith", "Kevin McCarthy") is taken
only where the genre puts a name: right after an honorific or a title.
"""
from __future__ import annotations

import functools
from pathlib import Path

import regex
from spacy.language import Language
from spacy.tokens import Doc, Span

from .lexicon import LexiconIndex
from .pattern_files import PatternSet, cached_patterns
from .token_table import token_table
from .tokenizer import is_word

SPANS_KEY = "persons"

_NAME_SYLLABLE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}]*(?:['’-]\p{L}[\p{Ll}\p{M}]*)*$|^\p{Lu}$|^(?:Mc|Mac|O')\p{Lu}\p{Ll}+$")
_ALLCAPS = regex.compile(r"^\p{Lu}[\p{Lu}\d&.]+$")

#: labels whose phrases are never part of a name
HARD_LABELS = ("TITLE_HEAD", "TITLE_MOD", "MEMBERSHIP", "RANK", "ACADEMIC", "ORG", "MEETING", "CHAIR")
#: labels of the words that announce a name right after them
CONTEXT_LABELS = ("HONORIFIC", "TITLE_HEAD", "TITLE_MOD", "MEMBERSHIP", "RANK", "ACADEMIC", "ORG")
#: the same, without organisations: "Huyện uỷ Nam Sách" names a place, "Bí thư Huyện uỷ Hà Ban" a man
PERSONAL_CONTEXT = ("HONORIFIC", "TITLE_HEAD", "MEMBERSHIP", "RANK", "ACADEMIC")
#: labels of the words that open a title written after a name
TITLE_START_LABELS = ("TITLE_HEAD", "TITLE_MOD", "MEMBERSHIP", "RANK", "ACADEMIC")
#: verbs that end the clause a title could open
CLAUSE_VERBS = ("CHAIR", "ATTEND", "SPEAK", "GIVE", "AT_MEETING")
#: labels that may begin a run of capitals before the name proper
PREFIX_LABELS = ("PLACE", "ORG", "ORG_HEAD")


@functools.lru_cache(maxsize=1 << 16)
def is_name_syllable(text: str) -> bool:
    return bool(_NAME_SYLLABLE.match(text)) and not _ALLCAPS.match(text)


@functools.lru_cache(maxsize=1 << 16)
def is_allcaps(text: str) -> bool:
    return bool(_ALLCAPS.match(text))


class PersonFinder:
    """Adds ``doc.spans["persons"]``: one span per name mention, ``id`` = the rule."""

    def __init__(self, patterns: PatternSet) -> None:
        self.surnames = {s.lower() for s in patterns.list("surnames")}
        self.max_len = 4

    def __call__(self, doc: Doc) -> Doc:
        lex = LexiconIndex.of(doc)
        starts = doc._.word_starts or [True] * len(doc)
        found: list[Span] = []
        self._places: set[str] = set()
        self._capitals = [is_name_syllable(word) for word in token_table(doc).words]
        i = 0
        n = len(doc)
        while i < n:
            if not self._capitals[i] or not self._syllable(doc, lex, i, run_start=True):
                i += 1
                continue
            j = i + 1
            while j < n and self._capitals[j] and self._syllable(doc, lex, j, run_start=False):
                j += 1
            if (j < n and j - i > 1 and doc[j].text[:1].islower()
                    and is_word(f"{doc[j - 1].text} {doc[j].text}") and not starts[j]):
                j -= 1  # "Hà Đông Kết thúc": the segmenter and its dictionary join "Kết" to "thúc"
            found += self._names_in_run(doc, lex, starts, i, j)
            i = j
        if self._places:  # "Dương Minh Châu khai mạc kỳ họp" in the headline, "huyện Dương Minh Châu" below
            found = [p for p in found if " ".join(t.text for t in p) not in self._places]
        doc.spans[SPANS_KEY] = found
        return doc

    def _syllable(self, doc: Doc, lex: LexiconIndex, i: int, run_start: bool) -> bool:
        """Whether token ``i`` can be a syllable of a name (``run_start``: its first)."""
        token = doc[i]
        if not token.whitespace_ and i + 1 < len(doc) and doc[i + 1].text == "/":
            return False  # "Đ/c"
        if run_start and lex.covers(i, "HONORIFIC"):
            return False
        for span in lex.covering(i, *HARD_LABELS):
            if len(span) > 1 or (run_start and not self._is_surname(token.text)):
                return False
        return True

    def _is_surname(self, text: str) -> bool:
        return text.lower() in self.surnames

    def _names_in_run(self, doc: Doc, lex: LexiconIndex, starts: list[bool], s: int, e: int) -> list[Span]:
        """Cut a run of capitals into at most one leading place/organisation and names."""
        k = self._skip_place(doc, lex, starts, s, e)
        admin = lex.starting(s, "ADMIN")
        place_start = admin.end if admin is not None else s
        if k - place_start >= 2 and (admin is not None or lex.covers(s - 1, "ADMIN") or self._level_organ_ends(lex, s)):
            self._places.add(" ".join(t.text for t in doc[place_start:k]))  # the article's own place names
        names: list[Span] = []
        while k < e:
            pick = self._surname_led(doc, lex, starts, k, e)
            if pick is not None:
                a, b = pick
                names.append(Span(doc, a, b, label="PERSON", span_id="person.surname_led"))
                k = b
                continue
            foreign = self._foreign(doc, lex, k, e, at_run_start=(k == s))
            if foreign is not None:
                names.append(foreign)
            break
        return names

    def _skip_place(self, doc: Doc, lex: LexiconIndex, starts: list[bool], s: int, e: int) -> int:
        """After "tỉnh", "huyện"... a run opens with a place: where it ends.

        "tỉnh Thái Nguyên Vũ Hồng Bắc" opens with a place, "UBND tỉnh Lê Trí
        Thanh" does not: a single word of three syllables led by a family name
        is a person, a two-syllable word is a place.
        """
        if lex.starting(s, "ADMIN") is not None:  # "Huyện Bố Trạch" opening a run
            s = lex.starting(s, "ADMIN").end
            if s >= e:
                return e
        elif s > 0 and lex.covers(s - 1, "NAME_BLOCKER") and not lex.covers(s - 1, "ADMIN"):
            return e  # "đường Nguyễn Văn Linh", "Trường THPT Trần Phú": named after someone
        elif s == 0 or not (lex.covers(s - 1, "ADMIN") or self._level_organ_ends(lex, s)):
            return s
        place = lex.starting(s, "PLACE")
        if place is not None and place.end <= e:
            return place.end
        first_word_end = self._word_end(starts, s, e)
        if first_word_end - s > self.max_len and e - s >= 5:
            return s + 2  # "huyện Đồng Văn Hoàng Văn Vịnh" read as one word: a place is two syllables
        if self._is_surname(doc[s].text) and self._title_opens(doc, lex, s - 1) and (
            first_word_end - s >= 3 or 3 <= e - s <= self.max_len
        ):
            return s  # "Chủ tịch UBND tỉnh Lê Trí Thanh"; but "HĐND huyện Dương Minh Châu khai mạc"
        return first_word_end

    def _level_organ_ends(self, lex: LexiconIndex, s: int) -> bool:
        """Whether an organ named by its level ends right before token ``s``: "Huyện ủy | Lâm Hà".

        Such an organ is followed by its place, as "huyện" is.
        """
        return any(
            span.end == s and lex.covers(span.start, "ADMIN") for span in lex.covering(s - 1, "ORG")
        )

    def _word_end(self, starts: list[bool], s: int, e: int) -> int:
        j = s + 1
        while j < e and not starts[j]:
            j += 1
        return j

    def _surname_led(self, doc: Doc, lex: LexiconIndex, starts: list[bool], s: int, e: int) -> tuple[int, int] | None:
        """The leftmost family-name-led stretch of 2-4 syllables that ends the run."""
        for k in range(s, e - 1):
            if not self._is_surname(doc[k].text) or lex.covers(k, "HONORIFIC"):
                continue  # "Lào Ông Đặng Văn Hùng": "Ông" is the honorific here
            if k > s and not (starts[k] or lex.covers(k - 1, *PREFIX_LABELS)):
                continue
            if any(span.start < k for span in lex.covering(k, *PREFIX_LABELS)):
                continue  # "Trung Hoa Tập Cận Bình": Hoa ends a place
            opening = lex.starting(k, "PLACE")
            if opening is not None and len(opening) > 1:
                continue  # "Hàn Quốc Moon Jae-in", "Thái Bình Dương"
            end = e
            if end - k > self.max_len:
                if k + self.max_len < e and not starts[k + self.max_len] and self._one_word(starts, k, e):
                    continue
                end = self._name_end(starts, k, e)
                if end is None:
                    continue
            if end - k == 2 and not self._name_context(doc, lex, k, end):
                continue
            return k, end
        return None

    def _name_context(self, doc: Doc, lex: LexiconIndex, start: int, end: int) -> bool:
        """A short name needs the genre's frame: an honorific or title before, or a title after."""
        prev = start - 1
        while prev >= 0 and doc[prev].is_space:
            prev -= 1
        while prev >= 0 and is_allcaps(doc[prev].text) and not lex.covers(prev, *CONTEXT_LABELS):
            prev -= 1  # "Tổng thư ký IPU Mác-tin Chung-oong", but not "Công ty TNHH Daesan Vina"
            if prev < 0 or lex.covers(prev, "ORG_HEAD"):
                return False
            if lex.covers(prev, *CONTEXT_LABELS):
                return True
        if prev >= 0 and lex.covers(prev, *PERSONAL_CONTEXT):
            return True
        if prev >= 0 and lex.covers(prev, "ORG", "PLACE", "ADMIN") and self._title_opens(doc, lex, prev):
            return True
        nxt = end
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt < len(doc) and doc[nxt].text in {",", "-", "–", "(", "—"}:
            nxt += 1
            while nxt < len(doc) and doc[nxt].is_space:
                nxt += 1
        return nxt < len(doc) and (lex.starting(nxt, *TITLE_START_LABELS) is not None or is_allcaps(doc[nxt].text))

    def _title_opens(self, doc: Doc, lex: LexiconIndex, prev: int, window: int = 20) -> bool:
        """Whether the organisation words before a name follow a title: "Chủ tịch UBND tỉnh | X".

        The search goes back to the start of the clause: a punctuation mark, a
        line break or a verb of the lexicon ends it.
        """
        for k in range(prev, max(-1, prev - window), -1):
            if doc[k].text in {",", ";", ".", ":", "(", ")"} or doc[k].is_space and "\n" in doc[k].text:
                return False
            if lex.covers(k, *CLAUSE_VERBS):
                return False
            if lex.covers(k, *TITLE_START_LABELS):
                return True
        return False

    def _one_word(self, starts: list[bool], s: int, e: int) -> bool:
        return not any(starts[s + 1:e])

    def _name_end(self, starts: list[bool], k: int, e: int) -> int | None:
        """Where a name that is followed by more capitals ends: at a word boundary, 2-4 syllables in."""
        for end in range(min(e, k + self.max_len), k + 1, -1):
            if end == e or starts[end]:
                return end
        return None

    def _foreign(self, doc: Doc, lex: LexiconIndex, s: int, e: int, at_run_start: bool) -> Span | None:
        """A name with no Vietnamese family name: after an honorific, a title or a country."""
        if not at_run_start:
            return None
        k = s
        while k < e:
            prefix = lex.starting(k, *PREFIX_LABELS)
            if prefix is None or prefix.end > e:
                break
            k = prefix.end
        if not 2 <= e - k <= 4:
            return None
        place = lex.starting(k, "PLACE")
        if place is not None and place.end >= e:
            return None
        if any(lex.covers(t, "PLACE", "ORG", "ORG_HEAD") for t in range(k, e)):
            return None
        transliterated = any("-" in doc[t].text for t in range(k, e))
        if not (self._name_context(doc, lex, s, e) or transliterated):
            return None
        return Span(doc, k, e, label="PERSON", span_id="person.foreign")


@Language.factory("vi_persons", default_config={"extra_patterns": []})
def make_person_finder(nlp: Language, name: str, extra_patterns: list[str]) -> PersonFinder:
    return PersonFinder(cached_patterns(tuple(Path(p) for p in extra_patterns)))
