"""Text in, normalised text plus an offset map out.

The rules see one canonical form of every article: NFC, one tone-mark
placement ("hoà"/"hòa" and "Uỷ"/"Ủy" both become the mark-on-last-vowel
form), no zero-width characters or soft hyphens, ordinary spaces for
no-break spaces, "Đ" for the look-alike "Ð". Every character of the
normalised text remembers the span of the original it came from, so a
value found in the normalised text is reported at offsets into the text
the user gave.
"""
from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Sequence
from dataclasses import dataclass

import regex

_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
_SPACES = {"\u00a0", "\u2007", "\u202f", "\u2009", "\u200a", "\u2002", "\u2003", "\u3000", "\t", "\x0b", "\x0c"}
_LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110"}

_TONES = "\u0300\u0301\u0303\u0309\u0323"
#: a Vietnamese letter carries at most two marks; towers longer than this are composed piece by piece
_MAX_CLUSTER = 32
# A line break inside a sentence ("Bí thư Tỉnh\nuỷ", "các đồng\nchí"): the next
# line starts in lower case. It reads as a space; one character for one.
_SOFT_BREAK = regex.compile(r"(?<=[\p{L},])\n(?=[ \t]*\p{Ll})")


def _fold_table() -> dict[str, str]:
    """Old-style pairs ("òa", "ủy") mapped to the new style ("oà", "uỷ"), every case."""
    table: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in _TONES:
            for f, s in ((first, second), (first.upper(), second.upper()), (first.upper(), second)):
                old = unicodedata.normalize("NFC", f + tone) + s
                new = f + unicodedata.normalize("NFC", s + tone)
                table[old] = new
    return table


_FOLD = _fold_table()
# A marked o/u followed by a/e/y: the old placement when no letter follows (see ``fold_tones``).
# Python's ``re`` finds these literal pairs several times faster than ``regex``.
_OLD_STYLE = re.compile("|".join(_FOLD))
_LETTER = regex.compile(r"\p{L}")


def fold_tones(text: str) -> str:
    """Put the tone mark of a syllable ending in oa/oe/uy on its last vowel.

    >>> fold_tones("Ủy ban hòa giải, thủy lợi, khỏe")
    'Uỷ ban hoà giải, thuỷ lợi, khoẻ'
    >>> fold_tones("quý, hoàng, của")
    'quý, hoàng, của'
    """
    if not any(ch in text for ch in "òóỏõọùúủũụÒÓỎÕỌÙÚỦŨỤ"):
        return text

    def folded(m: re.Match) -> str:
        # a pair that a letter follows is inside a longer syllable ("hoàng"); no pair starts on
        # the pair's second letter, so skipping past it loses none
        end = m.end()
        return m.group() if end < len(text) and _LETTER.match(text, end) else _FOLD[m.group()]

    return _OLD_STYLE.sub(folded, text)


def canonical(text: str) -> str:
    """The matching key of a phrase: NFC, folded tone marks, lower case, single spaces."""
    return " ".join(fold_tones(unicodedata.normalize("NFC", text)).lower().split())


def canonical_many(phrases) -> list[str]:
    """``[canonical(p) for p in phrases]``, done on one joined string: a word list at start-up.

    NFC, tone folding and lower-casing never join or split lines, so the
    lines of the joined result are the keys one by one.
    """
    phrases = list(phrases)
    joined = "\n".join(phrases)
    if not phrases or joined.count("\n") != len(phrases) - 1:
        return [canonical(p) for p in phrases]
    joined = fold_tones(unicodedata.normalize("NFC", joined)).lower()
    lines = joined.split("\n")
    # Only lines with whitespace other than single inner spaces need collapsing (re's \s is str.split's).
    line, counted = 0, 0
    for place in _untidy_places(joined):
        line += joined.count("\n", counted, place)
        counted = place
        lines[line] = " ".join(lines[line].split())
    return lines


_ODD_SPACE = re.compile(r"[^\S \n]")


def _untidy_places(joined: str) -> list[int]:
    """A place in each line that holds whitespace other than single spaces between words.

    Such a line holds a whitespace character that is neither a space nor a
    line break, two spaces in a row, or a space that starts or ends it: each
    is found by a plain scan, far quicker than one expression of the four.
    """
    places = [m.start() for m in _ODD_SPACE.finditer(joined)]
    for needle, offset in (("  ", 0), ("\n ", 1), (" \n", 0)):
        at = joined.find(needle)
        while at >= 0:
            places.append(at + offset)
            at = joined.find(needle, at + 1)
    if joined.startswith(" "):
        places.append(0)
    if joined.endswith(" "):
        places.append(len(joined) - 1)
    return sorted(set(places))


@dataclass
class NormalizedText:
    """The canonical text and, for each of its characters, the original span."""

    original: str
    text: str
    #: per character of ``text``; a ``range`` when the map is one to one (no table to build)
    starts: Sequence[int]
    ends: Sequence[int]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normalised text back to the original text."""
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def original_slice(self, start: int, end: int) -> str:
        a, b = self.to_original(start, end)
        return self.original[a:b]


_UNUSUAL = regex.compile(
    "[" + "".join(sorted(_DROP | _SPACES | set(_LOOKALIKES))) + "\\r\\p{M}]"
)


def normalize(original: str) -> NormalizedText:
    """Build the canonical text of ``original`` with its offset map."""
    if not _UNUSUAL.search(original):
        # Already NFC with nothing to drop or map: one character for one.
        n = len(original)
        text = _SOFT_BREAK.sub(" ", fold_tones(original))
        return NormalizedText(original, text, range(n), range(1, n + 1))
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    n = len(original)
    i = 0
    while i < n:
        ch = original[i]
        j = i + 1
        while j < n and j - i <= _MAX_CLUSTER and unicodedata.combining(original[j]):
            j += 1
        if ch == "\r":
            if j < n and original[j] == "\n":
                i = j
                continue
            piece = "\n"
        elif ch in _DROP:
            i = j
            continue
        elif ch in _SPACES:
            piece = " "
        else:
            if j - i > _MAX_CLUSTER:
                j = i + 1  # a tower of marks is no Vietnamese letter: keep it as it is, in linear time
            piece = unicodedata.normalize("NFC", original[i:j]) if j > i + 1 or not ch.isascii() else ch
            piece = _LOOKALIKES.get(piece, piece)
        for c in piece:
            out.append(c)
            starts.append(i)
            ends.append(j)
        i = j
    text = _SOFT_BREAK.sub(" ", fold_tones("".join(out)))
    return NormalizedText(original=original, text=text, starts=starts, ends=ends)
