"""How Vietnamese does a decoded text look? The judge between candidate encodings.

Generic detectors (charset-normalizer included) know Windows-1258 at best and
cannot know TCVN3 or VNI, whose bytes read as plausible Latin-1 letters.
Decoding with the wrong table leaves tell-tale words: letters Vietnamese does
not use ("ViÖt"), or Vietnamese letters in impossible places ("Vieọt").
So every candidate's words with a non-ASCII letter are checked against the
shape of a Vietnamese syllable; the right encoding makes nearly all of them
valid. ASCII words read the same in every candidate and are not looked at.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .legacy_encodings import TONE_MARKS


def _letters() -> frozenset[str]:
    bases = "aăâeêioôơuưy"
    found = {"đ", "Đ"}
    for base in bases:
        for tone in ("", *TONE_MARKS):
            letter = unicodedata.normalize("NFC", base + tone)
            if not letter.isascii():
                found |= {letter, letter.upper()}
    return frozenset(found)


VIETNAMESE_LETTERS = _letters()
"""The 134 non-ASCII letters of the Vietnamese alphabet, precomposed."""

_ONSET = r"(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|[bcdđghklmnpqrstvx])?"
_NUCLEI = (
    "iêu yêu oai oay oeo uây uôi uya uyê uyu ươi ươu "
    "ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê "
    "a ă â e ê i o ô ơ u ư y"
).split()
_CODA = r"(?:ch|ng|nh|[cmnpt])?"
_SYLLABLE = re.compile(_ONSET + "(?:" + "|".join(_NUCLEI) + ")" + _CODA)
"""Onset, vowel nucleus, coda of a toneless lowercase syllable. Fixed alternatives
and ``?`` only, matched against words of at most 8 letters: no runaway backtracking."""

_MAX_SYLLABLE = 8
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?-–—…“”‘’„«»‹›•*/\\|+=_~`^%&#@$"
_INNER_SPLIT = re.compile(r"[0-9\-–—/.,:;'’_]+")

COMMON_WORDS = frozenset(
    "của và các được người năm ngày những có cho với trong đã này là một không để đến "
    "đồng chí hội nghị huyện tỉnh xã công tác việc phát triển thực hiện chủ tịch "
    "nhân dân đảng bộ kinh tế tại theo từ về số như khi đó sẽ cũng lãnh đạo".split()
)


def _toneless(word: str) -> tuple[str, int]:
    parts = unicodedata.normalize("NFD", word)
    tones = sum(1 for c in parts if c in TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)), tones


def is_vietnamese_syllable(word: str) -> bool:
    """One written syllable, any case, at most one tone mark.

    >>> is_vietnamese_syllable("Nguyễn"), is_vietnamese_syllable("ViÖt"), is_vietnamese_syllable("Vieọt")
    (True, False, False)
    """
    if not word or len(word) > _MAX_SYLLABLE:
        return False
    word = unicodedata.normalize("NFC", word).lower()
    if any(not ("a" <= c <= "z" or c in VIETNAMESE_LETTERS) for c in word):
        return False
    bare, tones = _toneless(word)
    return tones <= 1 and _SYLLABLE.fullmatch(bare) is not None


@dataclass(frozen=True)
class Score:
    """Evidence for one candidate decoding: words checked, valid, common, odd characters."""

    checked: int
    valid: int
    common: int
    odd_chars: int

    @property
    def value(self) -> float:
        """Share of valid words, lowered by odd characters, with a small bonus for common words."""
        total = self.checked + self.odd_chars
        if total == 0:
            return 0.0
        return (self.valid + 0.25 * min(self.common, self.valid)) / total


CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f\ufffd]")
"""Control characters and the replacement character: never in a real article."""


def _word_is_valid(token: str) -> bool:
    for part in _INNER_SPLIT.split(token):
        if part and not part.isascii() and not is_vietnamese_syllable(part):
            return False
    return True


def vietnamese_score(text: str, *, max_words: int = 4000, chunk: int = 65536) -> Score:
    """Score how Vietnamese a text looks, reading only as far as ``max_words`` non-ASCII words."""
    checked = valid = common = odd = 0
    text = unicodedata.normalize("NFC", text)
    for start in range(0, len(text), chunk):
        piece = text[start:start + chunk]
        if piece.isascii():
            continue
        odd += len(CONTROL_CHARS.findall(piece))
        for token in piece.split():
            if token.isascii():
                continue
            token = token.strip(_EDGE_PUNCT)
            if not token or all(not c.isalpha() for c in token):
                continue
            checked += 1
            if any(not (c.isalnum() or c in _EDGE_PUNCT) for c in token):
                continue
            if _word_is_valid(token):
                valid += 1
                if token.lower() in COMMON_WORDS:
                    common += 1
        if checked >= max_words:
            break
    return Score(checked, valid, common, odd)
