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

ftfy re-reads a line that is mojibake throughout. A line that joins clean text
to mojibake ("Hội nghị – Há»™i nghá»‹") it fixes only where each piece is bad on
its own; the rest of such a line is finished here: each piece ftfy's detector
calls UTF-8 mojibake is re-read when it decodes to letters and punctuation
Vietnamese writes and its word is not a Vietnamese syllable already.

ftfy is configured to re-read encodings and nothing else: no Unicode
normalisation, no quote uncurling, no width, ligature, line-break, HTML-entity
or control-character changes. Its four sub-steps of the encoding fix
(byte A0, lossy sequences, inconsistent UTF-8, C1 controls) stay on.
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


_PIECEWISE = "Windows-1252 in places"


@dataclass(frozen=True)
class Repair:
    """The repaired text, how many lines changed, and ftfy's reading (as a warning says it)."""

    text: str
    lines: int
    readings: tuple[str, ...]

    def warning(self) -> str:
        how = " or ".join(self.readings) or "a wrong encoding"
        return f"mojibake repaired on {self.lines} line(s): UTF-8 text that had been read as {how}"


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
        normalization=None,
        explain=True,
    )


_SPACES = re.compile(r"([ \t\r\f\v]+)")
"""Word boundaries: ASCII spaces only, as NBSP can be a byte of the mojibake ("HÃ\xa0")."""
_EDGES = "\"'()[]{}.,;:!?-–—…“”‘’/%*"
"""Punctuation a clean word may carry; not « » ‹ ›, which end mojibake ("nghá»‹")."""
_INNER = re.compile(r"[0-9\-–—/.,:;'’_]+")


def _is_vietnamese_word(word: str) -> bool:
    """ASCII, or Vietnamese syllables joined by digits and dashes, within plain punctuation."""
    return all(not part or part.isascii() or is_vietnamese_syllable(part) for part in _INNER.split(word.strip(_EDGES)))


def _reads_as_vietnamese(text: str) -> bool:
    return all(_is_vietnamese_word(word) for word in _SPACES.split(text) if not word.isspace())


_PLAUSIBLE = re.compile("[\u0000-\u024f\u0300-\u036f\u1ea0-\u1ef9\u2000-\u206f]+")
"""Latin letters (Vietnamese's among them), combining tone marks, general punctuation."""


_MAX_WORD = 64
"""Longer runs without a space are no Vietnamese word; looking no further keeps a hostile line linear."""
_LAST_WORD = re.compile(r"[^ \t\r\f\v]*\Z")
_FIRST_WORD = re.compile(r"[^ \t\r\f\v]*")


def _word_around(line: str, start: int, end: int) -> str | None:
    """The space-delimited word holding line[start:end], or None when it runs over ``_MAX_WORD``."""
    left = _LAST_WORD.search(line, max(0, start - _MAX_WORD), start)
    right = _FIRST_WORD.match(line, end, end + _MAX_WORD)
    word = line[left.start():right.end()]
    if len(word) > _MAX_WORD or (left.start() == start - _MAX_WORD > 0) or right.end() == end + _MAX_WORD < len(line):
        return None
    return word


def _keep_vietnamese_words(line: str, fixed: str) -> str:
    """Undo a piecewise re-reading of words that were Vietnamese already ("NGÃ”" stays)."""
    before, after = _SPACES.split(line), _SPACES.split(fixed)
    if len(before) != len(after):
        return fixed
    return "".join(old if old != new and _reads_as_vietnamese(old) else new for old, new in zip(before, after))


def _finish_mixed(line: str) -> str:
    """Re-read the mojibake pieces ftfy left in a line that mixes clean text with mojibake."""
    from ftfy.chardata import UTF8_DETECTOR_RE

    pieces = []
    last = 0
    for match in UTF8_DETECTOR_RE.finditer(line):
        try:
            reread = match.group().encode("sloppy-windows-1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        word = _word_around(line, *match.span())
        if not _PLAUSIBLE.fullmatch(reread) or (word is not None and _reads_as_vietnamese(word)):
            continue
        pieces += [line[last:match.start()], reread]
        last = match.end()
    return "".join(pieces) + line[last:] if pieces else line


def _repair_line(line: str) -> tuple[str, list[str]]:
    """ftfy's re-reading of one line, and how it read it; a mixed line finished piece by piece."""
    from ftfy import fix_encoding_and_explain

    fixed, steps = fix_encoding_and_explain(line, _config())
    readings = _readings(steps)
    if any(action == "apply" for action, _ in steps or ()):
        fixed = _keep_vietnamese_words(line, fixed)
    finished = _finish_mixed(fixed)
    if finished != fixed and _PIECEWISE not in readings:
        readings.append(_PIECEWISE)
    return finished, readings


def _readings(steps) -> list[str]:
    names = []
    for action, name in steps or ():
        if action == "encode":
            names.append(_ENCODING_NAMES.get(name, name))
        elif action == "apply" and name == "decode_inconsistent_utf8":
            names.append(_PIECEWISE)
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
