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

import functools
import re
import unicodedata
from dataclasses import dataclass

from .legacy_encodings import TONE_MARKS, nfc


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
_OPEN = "iêu yêu oai oay oeo uây uôi uya uyu ươi ươu ai ao au ay âu ây eo êu ia iu oi ôi ơi ua ui uơ ưa ưi ưu y"
"""Nuclei that end the syllable: a final glide (ai, ao...) or an open diphthong (ia, ua, ưa)."""
_CLOSED = "uyê oă uâ iê yê uô ươ oo ă â"
"""Nuclei that need a final consonant ("Việt", "người", "xoong")."""
_EITHER = "oa oe uê uy a e ê i o ô ơ u ư"


def _alternatives(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(
    _ONSET
    + "(?:"
    + f"(?:{_alternatives(_OPEN)})"
    + "|(?:oa|uê|uy|a|ê|i)(?:ch|nh)"
    + f"|(?:{_alternatives(_CLOSED + ' ' + _EITHER)})(?:ng|[cmnptk])"
    + f"|(?:{_alternatives(_EITHER)})"
    + ")"
)
"""Onset, nucleus, coda of a toneless lowercase syllable; ch/nh only after a, ê, i, oa, uê, uy.
Fixed alternatives and ``?`` only, matched against words of at most 8 letters:
no runaway backtracking."""

_STOP_CODA = ("c", "ch", "p", "t")
_STOP_TONES = frozenset("\u0301\u0323")
"""A syllable closed by c, ch, p or t carries the acute or the dot below, never another tone."""

_MAX_SYLLABLE = 8
_EDGE_PUNCT = "\"'()[]{}<>.,;:!?-–—…“”‘’„«»‹›•*/\\|+=_~`^%&#@$"
_INNER_SPLIT = re.compile(r"[0-9\-–—/.,:;'’_]+")

COMMON_WORDS = frozenset(
    "của và các được người năm ngày những có cho với trong đã này là một không để đến "
    "đồng chí hội nghị huyện tỉnh xã công tác việc phát triển thực hiện chủ tịch "
    "nhân dân đảng bộ kinh tế tại theo từ về số như khi đó sẽ cũng lãnh đạo".split()
)


def _toneless(word: str) -> tuple[str, str]:
    parts = unicodedata.normalize("NFD", word)
    tones = "".join(c for c in parts if c in TONE_MARKS)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS)), tones


def is_vietnamese_syllable(word: str) -> bool:
    """One written syllable, any case, at most one tone mark.

    >>> is_vietnamese_syllable("Nguyễn"), is_vietnamese_syllable("ViÖt"), is_vietnamese_syllable("Vieọt")
    (True, False, False)
    """
    if not word or len(word) > _MAX_SYLLABLE:
        return False
    return _is_syllable(unicodedata.normalize("NFC", word).lower())


@functools.lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    if any(not ("a" <= c <= "z" or c in VIETNAMESE_LETTERS) for c in word):
        return False
    bare, tones = _toneless(word)
    if len(tones) > 1 or _SYLLABLE.fullmatch(bare) is None:
        return False
    return not bare.endswith(_STOP_CODA) or tones in _STOP_TONES


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


def vietnamese_score(text: str, *, max_words: int = 2000, chunk: int = 16384) -> Score:
    """Score how Vietnamese a text looks, reading only as far as ``max_words`` non-ASCII words."""
    checked = valid = common = odd = 0
    text = nfc(text)
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
