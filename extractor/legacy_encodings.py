"""TCVN3 (ABC), VNI and Windows-1258: the 8-bit Vietnamese encodings of old documents.

Python has no codec for TCVN3 or VNI, yet both live on in files typed with the
.VnTime and VNI-Times fonts. Their tables are data, ``patterns/encodings/*.tsv``,
loaded once by ``load_table``; a data-integrity test checks them.

The decoders never fail: a byte the table does not know reads as in
Windows-1252 (which covers ASCII and Word's curly quotes), so scoring can
judge the result. The encoders exist to build test fixtures and to let users
reproduce an old file; they are the exact inverse of the tables.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import regex

from .errors import PatternError

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
"""Combining grave, acute, tilde, hook above and dot below: the five Vietnamese tones."""

_HEX_BYTE = re.compile(r"[0-9A-Fa-f]{2}")
_LONG_MARK_RUN = regex.compile(r"(\p{M}{33,})")
"""More combining marks in a row than any script stacks on one letter."""


def nfc(text: str) -> str:
    """NFC in linear time, leaving runs of over 32 combining marks as they are.

    CPython puts combining marks in canonical order by insertion sort, so NFC
    of a hostile run of alternating marks is quadratic (40,000 marks: seconds).
    No real text stacks that many on one letter.

    >>> nfc("Vie\u0302\u0323t") == "Việt", len(nfc("a" + "\u0323\u0302" * 20))
    (True, 41)
    """
    if text.isascii():
        return text
    if _LONG_MARK_RUN.search(text) is None:
        return unicodedata.normalize("NFC", text)
    parts = _LONG_MARK_RUN.split(text)
    return "".join(part if i % 2 else unicodedata.normalize("NFC", part) for i, part in enumerate(parts))


def encodings_dir() -> Path:
    """Where the shipped tables live, in a source tree or an installed wheel."""
    from .pattern_files import shipped_dir

    return shipped_dir() / "encodings"


def load_table(path: str | Path) -> dict[bytes, str]:
    """Read a ``bytes<TAB>letter[<TAB>note]`` table; ``#`` starts a comment line.

    >>> table = load_table(encodings_dir() / "tcvn3.tsv")
    >>> table[bytes([0xD6])]
    'ệ'
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"{path.name}: cannot be read ({exc.strerror or exc})", str(path)) from None
    except UnicodeDecodeError:
        raise PatternError(f"{path.name}: is not UTF-8", str(path)) from None
    table: dict[bytes, str] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2:
            raise PatternError(f"{path.name}:{number}: expected 'bytes<TAB>letter'", str(path))
        hex_bytes, letter = fields[0].split(), unicodedata.normalize("NFC", fields[1])
        if not hex_bytes or not all(_HEX_BYTE.fullmatch(h) for h in hex_bytes) or len(letter) != 1:
            raise PatternError(f"{path.name}:{number}: expected hex bytes and one letter", str(path))
        key = bytes(int(h, 16) for h in hex_bytes)
        if key in table:
            raise PatternError(f"{path.name}:{number}: bytes {fields[0]} listed twice", str(path))
        table[key] = letter
    return table


def _fallback_char(byte: int) -> str:
    """How a byte outside the table reads: Windows-1252, or Latin-1 where that has a hole."""
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


@functools.lru_cache(maxsize=None)
def _tcvn3_decode_table() -> dict[int, str]:
    table = load_table(encodings_dir() / "tcvn3.tsv")
    translate = {b: _fallback_char(b) for b in range(0x80, 0x100)}
    for key, letter in table.items():
        if len(key) != 1:
            raise PatternError(f"tcvn3.tsv: TCVN3 is one byte per letter, not {key.hex(' ')}")
        translate[key[0]] = letter
    return translate


@functools.lru_cache(maxsize=None)
def _vni_tables() -> tuple[dict[int, str], dict[str, str], re.Pattern[str]]:
    """Singles as a ``str.translate`` table, pairs as a dict plus the regex that finds them.

    Singles are translated first, so a pair's base may already be ``ơ``/``ư``;
    a mark byte is never a single, so neither pass can undo the other.
    """
    table = load_table(encodings_dir() / "vni.tsv")
    singles = {b: _fallback_char(b) for b in range(0x80, 0x100)}
    for key, letter in table.items():
        if len(key) == 1:
            singles[key[0]] = letter
    pairs: dict[str, str] = {}
    for key, letter in table.items():
        if len(key) == 2:
            base = key[:1].decode("latin-1").translate(singles)
            pairs[base + chr(key[1])] = letter
        elif len(key) != 1:
            raise PatternError(f"vni.tsv: a VNI letter is one or two bytes, not {key.hex(' ')}")
    for pair, letter in list(pairs.items()):
        # Files mix capital letters with small mark bytes and the other way round.
        swapped = pair[0] + pair[1].swapcase()
        if swapped not in pairs and len(pair[1].swapcase()) == 1:
            pairs[swapped] = letter.upper() if pair[0].isupper() else letter.lower()
    bases = sorted({p[0] for p in pairs})
    marks = sorted({p[1] for p in pairs})
    pattern = re.compile(f"[{re.escape(''.join(bases))}][{re.escape(''.join(marks))}]")
    return singles, pairs, pattern


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes to text (NFC). Capitals with a tone come back lowercase: VN3 has none.

    >>> decode_tcvn3(b"Vi\\xd6t Nam")
    'Việt Nam'
    """
    return data.decode("latin-1").translate(_tcvn3_decode_table())


def decode_vni(data: bytes) -> str:
    """VNI bytes to text (NFC).

    >>> decode_vni(b"Vie\\xe4t Nam")
    'Việt Nam'
    """
    singles, pairs, pattern = _vni_tables()
    text = data.decode("latin-1").translate(singles)
    return pattern.sub(lambda m: pairs.get(m.group(), m.group()), text)


def decode_windows_1258(data: bytes) -> str:
    """Windows-1258 bytes to NFC text: the code page writes tones as combining marks.

    >>> decode_windows_1258(b"Vi\\xeat Nam".replace(b"\\xea", b"\\xea\\xf2"))
    'Việt Nam'
    """
    return nfc(data.decode("cp1258", errors="replace"))


@functools.lru_cache(maxsize=None)
def _encode_table(name: str) -> dict[str, bytes]:
    return {letter: key for key, letter in load_table(encodings_dir() / f"{name}.tsv").items()}


def _encode(text: str, table: dict[str, bytes], name: str, fold_capitals: bool) -> bytes:
    out = bytearray()
    for ch in nfc(text):
        if ch < "\x80":
            out += ch.encode("ascii")
        elif ch in table:
            out += table[ch]
        elif fold_capitals and ch.lower() in table:
            out += table[ch.lower()]
        else:
            try:
                out += ch.encode("cp1252")
            except UnicodeEncodeError:
                raise ValueError(f"{ch!r} (U+{ord(ch):04X}) has no {name} form") from None
    return bytes(out)


def encode_tcvn3(text: str) -> bytes:
    """Text to TCVN3 bytes; a toned capital becomes its small letter, as the fonts stored it.

    >>> encode_tcvn3("Hội nghị")
    b'H\\xe9i ngh\\xde'
    """
    return _encode(text, _encode_table("tcvn3"), "TCVN3", fold_capitals=True)


def encode_vni(text: str) -> bytes:
    """Text to VNI bytes.

    >>> encode_vni("Việt Nam")
    b'Vie\\xe4t Nam'
    """
    return _encode(text, _encode_table("vni"), "VNI", fold_capitals=False)


def encode_windows_1258(text: str) -> bytes:
    """Text to Windows-1258 as Windows writes it: precomposed where the page has it, else base + tone.

    >>> encode_windows_1258("Việt")
    b'Vi\\xea\\xf2t'
    """
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        tones = "".join(c for c in parts if c in TONE_MARKS)
        try:
            out += (base + tones).encode("cp1258")
        except UnicodeEncodeError:
            raise ValueError(f"{ch!r} (U+{ord(ch):04X}) has no Windows-1258 form") from None
    return bytes(out)
