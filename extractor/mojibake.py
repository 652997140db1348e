"""Mojibake repair: UTF-8 that was once read as Windows-1252 or Latin-1 ("Há»™i nghá»‹").

Pages saved from a mis-declared portal, or text pasted through an old editor,
reach us as valid UTF-8 of the wrong characters; no decoder can tell, so the
decoded text is repaired with ftfy, and only where ftfy finds it bad.

Clean text must come back untouched, and cheaply. Three gates, cheapest first:

1. the text holds a character clean Vietnamese does not use: every
   Vietnamese letter outside Latin-1 is three UTF-8 bytes whose mojibake
   carries "º", "Ä", "Æ", "™", "‹" and the like (``_SUSPECT``). One search of
   one character class; ftfy's own badness test costs some twenty times more;
2. per line (ftfy's unit), ``ftfy.badness.is_bad``;
3. the line is not already Vietnamese: when every word with a non-ASCII
   letter is a Vietnamese syllable ("NGÃ”", "Ô–" read that way), the line is
   kept, since re-reading it would invent letters.

A line that is mojibake throughout ftfy re-reads whole (``fix_encoding``).
A line that joins clean text to mojibake ("Hội nghị – Há»™i nghá»‹") is re-read
piece by piece here, each piece ftfy's detector calls UTF-8 mojibake, when its
bytes decode to Latin letters or punctuation and its word is not already
letters and digits only ("NGÃ”" stays). ftfy's own piecewise step is off: it
reads ASCII spaces as NBSP bytes, and cannot tell "NGÃ”" from mojibake.

ftfy is configured to re-read encodings and nothing else: no Unicode
normalisation, no quote uncurling, no width, ligature, line-break, HTML-entity
or control-character change, no lone C1 control rewritten.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .detection import VIETNAMESE_LETTERS, is_vietnamese_syllable

_TYPOGRAPHY = "\u00a0“”‘’–—…•«»°±·×©"
"""Non-ASCII punctuation and signs of clean Vietnamese news; never a reason to look."""


def _suspect_characters() -> str:
    """Windows-1252 and Latin-1 characters for bytes 0x80-0xFF, less Vietnamese letters and typography."""
    found = {chr(byte) for byte in range(0x80, 0x100)}
    for byte in range(0x80, 0x100):
        try:
            found.add(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            pass
    return "".join(sorted(found - VIETNAMESE_LETTERS - set(_TYPOGRAPHY)))


_SUSPECT = re.compile("[" + re.escape(_suspect_characters()) + "]")

_ENCODING_NAMES = {
    "sloppy-windows-1252": "Windows-1252",
    "windows-1252": "Windows-1252",
    "latin-1": "Latin-1",
    "macroman": "MacRoman",
    "cp437": "code page 437",
}


_PIECEWISE = "UTF-8 read as Windows-1252 or Latin-1, in places"


@dataclass(frozen=True)
class Repair:
    """The repaired text, how many lines changed, and how they had been misread ("UTF-8 read as Latin-1")."""

    text: str
    lines: int
    readings: tuple[str, ...]

    def warning(self) -> str:
        return f"mojibake repaired on {self.lines} line(s): {'; '.join(self.readings) or 'text read in a wrong encoding'}"


@functools.lru_cache(maxsize=1)
def _config():
    from ftfy import TextFixerConfig

    return TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_encoding=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        decode_inconsistent_utf8=False,
        fix_c1_controls=False,
        normalization=None,
        explain=True,
    )


_SPACES = re.compile(r"([ \t\r\f\v]+)")
"""Word boundaries: ASCII spaces only, as NBSP can be a byte of the mojibake ("HÃ\xa0")."""
_EDGES = "\"'()[]{}.,;:!?-–—…“”‘’/%*"
"""Punctuation a clean word may carry; not « » ‹ ›, which end mojibake ("nghá»‹")."""
_INNER = re.compile(r"[0-9\-–—/.,:;'’_°±×·]+")


def _is_vietnamese_word(word: str) -> bool:
    """ASCII, or Vietnamese syllables joined by digits and dashes, within plain punctuation."""
    return all(not part or part.isascii() or is_vietnamese_syllable(part) for part in _INNER.split(word.strip(_EDGES)))


def _reads_as_vietnamese(text: str) -> bool:
    return all(_is_vietnamese_word(word) for word in _SPACES.split(text) if not word.isspace())


def _kept(word: str) -> bool:
    """A word no piecewise re-reading may touch: letters (ASCII or Vietnamese) and digits within punctuation.

    "NGÃ”" and "«NGÃ»" are such words; "tá»•ng", "nghá»‹" and "HÃ\xa0" are not.
    """
    core = word.strip(_EDGES).strip("«»").strip(_EDGES)
    return all(
        part.isascii() or all(c in VIETNAMESE_LETTERS or c.isascii() for c in part) for part in _INNER.split(core)
    )


_PLAUSIBLE = re.compile("[\u0000-\u024f\u0300-\u036f\u1ea0-\u1ef9\u2000-\u206f]+")
"""Latin letters (Vietnamese's among them), combining tone marks, general punctuation."""


_MAX_WORD = 64
"""Longer runs without a space are no Vietnamese word; looking no further keeps a hostile line linear."""
_SPACE_CHARS = " \t\r\f\v"


def _word_around(line: str, start: int, end: int) -> str | None:
    """The space-delimited word holding line[start:end], or None when it runs on ``_MAX_WORD`` past either end."""
    low, high = max(0, start - _MAX_WORD), min(len(line), end + _MAX_WORD)
    left = max(line.rfind(c, low, start) for c in _SPACE_CHARS) + 1
    right = min((i for i in (line.find(c, end, high) for c in _SPACE_CHARS) if i >= 0), default=high)
    if (left == 0 and low > 0) or (right == high and high < len(line)):
        return None
    return line[left:right]


_CHUNK = re.compile(r"[^ \t\r\f\v]+")


def _reread(piece: str) -> str | None:
    """The piece's Windows-1252 (or Latin-1) bytes read as UTF-8, when they are UTF-8 of text Vietnamese writes."""
    for misread in ("sloppy-windows-1252", "latin-1"):
        try:
            text = piece.encode(misread).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        return text if _PLAUSIBLE.fullmatch(text) else None
    return None


def _repair_pieces(line: str) -> str:
    """Re-read, word by word, what ftfy's detector calls UTF-8 mojibake in a line that mixes it with clean text.

    ftfy's own piecewise step is off: it re-reads pieces that are not bad on
    their own only when the line's ASCII spaces can be taken for NBSP bytes,
    and words that are clean already ("NGÃ”") it cannot tell apart.
    """
    from ftfy.chardata import UTF8_DETECTOR_RE

    pieces = []
    last = 0
    for match in UTF8_DETECTOR_RE.finditer(line):
        for chunk in _CHUNK.finditer(match.group()):
            start, end = match.start() + chunk.start(), match.start() + chunk.end()
            reread = _reread(chunk.group())
            word = _word_around(line, start, end)
            if reread is None or (word is not None and _kept(word)):
                continue
            pieces += [line[last:start], reread]
            last = end
    return "".join(pieces) + line[last:] if pieces else line


def _repair_line(line: str) -> tuple[str, list[str]]:
    """ftfy's re-reading of a line mojibake throughout, else piece by piece; and how it was read."""
    from ftfy import fix_encoding_and_explain

    fixed, steps = fix_encoding_and_explain(line, _config())
    readings = _readings(steps)
    finished = _repair_pieces(fixed)
    if finished != fixed:
        readings.append(_PIECEWISE)
    return finished, readings


def _readings(steps) -> list[str]:
    """ftfy's plan as "UTF-8 read as Windows-1252": each encode step and the decode after it."""
    names, encoded = [], None
    for action, name in steps or ():
        if action == "encode":
            encoded = _ENCODING_NAMES.get(name, name)
        elif action == "decode" and encoded:
            decoded = "UTF-8" if name.startswith("utf-8") else _ENCODING_NAMES.get(name, name)
            names.append(f"{decoded} read as {encoded}")
    return names


def repair_mojibake(text: str) -> Repair | None:
    """The text with its mojibake lines re-read, or None when nothing needed repair.

    >>> repair_mojibake("Hội nghị tổng kết") is None
    True
    >>> repair_mojibake("Há»™i nghá»‹ tá»•ng káº¿t").text
    'Hội nghị tổng kết'
    """
    if _SUSPECT.search(text) is None:
        return None
    import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252)
    from ftfy.badness import is_bad

    lines = text.split("\n")
    changed = 0
    readings: list[str] = []
    for number, line in enumerate(lines):
        if _SUSPECT.search(line) is None or not is_bad(line) or _reads_as_vietnamese(line):
            continue
        finished, found = _repair_line(line)
        if finished != line:
            lines[number] = finished
            changed += 1
            readings.extend(r for r in found if r not in readings)
    if not changed:
        return None
    return Repair("\n".join(lines), changed, tuple(readings))


__all__ = ["Repair", "repair_mojibake"]
