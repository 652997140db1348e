"""Bytes in, text out: the one door every article comes through.

Order of decisions, cheapest and surest first:

1. size, emptiness, and magic numbers of binary formats (PNG, PDF, ZIP...);
2. a byte-order mark (UTF-8, UTF-16, UTF-32), or UTF-16 without one when
   every other byte is NUL;
3. strict UTF-8, which legacy 8-bit text practically never passes;
4. the Vietnamese 8-bit encodings, Windows-1258, TCVN3 and VNI, each decoded
   and scored by how Vietnamese the words look (``detection``); a page's
   ``<meta charset>`` is believed when it scores as well as the best;
5. UTF-8 with a few damaged bytes, then charset-normalizer for text in other
   languages, else ``DecodingError``;
6. mojibake, UTF-8 once read as Windows-1252 ("Há»™i nghá»‹"), repaired with
   ftfy where it finds the text bad (``extractor.mojibake``), with a warning.

Unicode input is returned exactly as decoded (NFD stays NFD; zero-width
characters, soft hyphens and NBSP stay), mojibake lines apart: the pipeline
normalises and evidence offsets index ``Document.text``, the repaired text.
Legacy bytes have no Unicode form of their own, so their text is returned NFC. An HTML page is reduced to its main text
(``extractor.html``), headline first.
"""
from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass, field

from .errors import (
    BinaryInputError,
    DecodingError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MissingInputError,
    NotAFileError,
)

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_SAMPLE_BYTES = 256 * 1024
_MIN_VIETNAMESE_SCORE = 0.15
_MAX_CHAOS = 0.2
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

_LEGACY = {
    "tcvn3": ("tcvn3", "tcvn", "tcvn-3", "tcvn5712", "tcvn-5712", "abc", "vn3", "vscii-3", "vscii3"),
    "vni": ("vni", "vni-windows", "vni-win", "vniwin"),
}
_LEGACY_ALIASES = {alias: name for name, aliases in _LEGACY.items() for alias in aliases}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
    (b"\x7fELF", "a Linux program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc, .xls)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"OggS\x00", "an Ogg audio file"),
    (b"fLaC", "a FLAC audio file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_ZIP_KINDS = (
    (b"word/", "a Word document (.docx)"),
    (b"xl/", "an Excel workbook (.xlsx)"),
    (b"ppt/", "a PowerPoint file (.pptx)"),
    (b"mimetypeapplication/epub", "an EPUB book"),
    (b"mimetypeapplication/vnd.oasis.opendocument", "an OpenDocument file"),
)


@dataclass
class Document:
    """An article as text, with how it was read.

    ``text`` is what the record's evidence offsets index. ``encoding`` is the
    canonical name of the encoding used ('utf-8', 'utf-8-sig', 'utf-16',
    'windows-1258', 'tcvn3', 'vni', ...). ``title``, ``published`` (ISO
    'YYYY-MM-DD' or 'YYYY-MM') and ``author`` come from an HTML page's metadata.
    """

    text: str
    encoding: str
    source: str | None = None
    is_html: bool = False
    title: str | None = None
    published: str | None = None
    warnings: list[str] = field(default_factory=list)
    author: str | None = None


def canonical_encoding(name: str) -> str | None:
    """The name ``Document.encoding`` uses for an encoding, or None when unknown.

    >>> canonical_encoding("CP1258"), canonical_encoding("ABC"), canonical_encoding("rot13")
    ('windows-1258', 'tcvn3', None)
    """
    key = "-".join(name.strip().lower().replace("_", "-").split())
    if key in _LEGACY_ALIASES:
        return _LEGACY_ALIASES[key]
    try:
        info = codecs.lookup(key)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None
    canonical = info.name
    if canonical.startswith("cp125") and len(canonical) == 6:
        return "windows-" + canonical[2:]
    return canonical


def known_encoding(name: str) -> bool:
    """True for every name ``--encoding`` accepts: Python's text codecs plus TCVN3 and VNI."""
    return canonical_encoding(name) is not None


def _human_size(size: int) -> str:
    for unit, factor in (("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def _check_size(size: int, max_bytes: int, source: str | None) -> None:
    if size > max_bytes:
        shown, limit = _human_size(size), _human_size(max_bytes)
        if shown == limit:
            shown, limit = f"{size:,} bytes", f"{max_bytes:,}-byte"
        raise InputTooLargeError(f"{shown} is over the {limit} limit (see --max-size)", source)


def _what(source: str | None) -> str:
    return "the file" if source and not source.startswith("<") else "the input"


def _binary_kind(data: bytes) -> str | None:
    """What binary format the bytes start like, if any."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        head = data[:4096]
        return next((kind for marker, kind in _ZIP_KINDS if marker in head), "a ZIP archive")
    if data[4:8] == b"ftyp":
        return "an MP4 or MOV video"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[data[8:12]]
    if data.startswith(b"ID3") and len(data) > 5 and data[3] in (2, 3, 4):
        return "an MP3 audio file"
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        return "a Windows program"
    return None


def _bom(data: bytes) -> str | None:
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit in every other byte, as ASCII-heavy UTF-16 does."""
    sample = data[: _SAMPLE_BYTES - _SAMPLE_BYTES % 2]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    for codec, high, low in (("utf-16-le", odd_nul, even_nul), ("utf-16-be", even_nul, odd_nul)):
        if high >= 0.3 * pairs and low <= 0.02 * pairs:
            try:
                data[: len(data) - len(data) % 2].decode(codec)
            except UnicodeDecodeError:
                continue
            return codec
    return None


def _decode_with(data: bytes, encoding: str, errors: str = "strict") -> str:
    """Decode with a canonical name; legacy 8-bit text comes back NFC."""
    from .legacy_encodings import decode_tcvn3, decode_vni, decode_windows_1258, nfc

    if encoding == "tcvn3":
        return decode_tcvn3(data)
    if encoding == "vni":
        return decode_vni(data)
    if encoding == "windows-1258" and errors != "strict":
        return decode_windows_1258(data)
    text = data.decode(encoding, errors)
    if encoding.startswith(("utf-", "utf_")):
        return text
    return nfc(text)


def _forced(data: bytes, encoding: str, source: str | None) -> tuple[str, str]:
    canonical = canonical_encoding(encoding)
    if canonical is None:
        raise DecodingError(f"unknown encoding {encoding!r}", source)
    if canonical == "utf-8" and data.startswith(codecs.BOM_UTF8):
        canonical = "utf-8-sig"
    try:
        return _decode_with(data, canonical), canonical
    except UnicodeDecodeError as exc:
        raise DecodingError(
            f"cannot be decoded as {canonical}: byte 0x{data[exc.start]:02x} at offset {exc.start} is invalid",
            source,
        ) from None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (a truncated download, one pasted Latin-1 character).

    Accepted when valid multi-byte characters outnumber the bad bytes
    twenty to one: legacy 8-bit text is the other way round.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    bad = replaced - data.count(b"\xef\xbf\xbd")
    good = len(text) - len(text.encode("ascii", "ignore")) - replaced
    if good >= 20 * max(bad, 1):
        return text
    return None


def _legacy_candidates(data: bytes, declared: str | None) -> list[tuple[float, int, str]]:
    """Each Vietnamese 8-bit candidate (and a declared charset): (score, words checked, name), best first."""
    from .detection import vietnamese_score

    sample = data[:_SAMPLE_BYTES]
    names = ["windows-1258", "tcvn3", "vni"]
    if declared and declared not in names and not declared.startswith("utf-"):
        names.append(declared)
    scored = []
    for rank, name in enumerate(names):
        try:
            text = _decode_with(sample, name)
        except (UnicodeDecodeError, LookupError):
            continue
        score = vietnamese_score(text)
        bonus = 0.02 if name == declared else 0.0
        scored.append((score.value + bonus, -rank, score.checked, name))
    scored.sort(reverse=True)
    return [(value, checked, name) for value, _, checked, name in scored]


def _has_undefined_cp1258(data: bytes) -> bool:
    try:
        data.decode("cp1258")
    except UnicodeDecodeError:
        return True
    return False


def _charset_normalizer(data: bytes) -> str | None:
    """A generic guess for text in other languages, only when it reads cleanly."""
    try:
        from charset_normalizer import from_bytes

        matches = list(from_bytes(data[:_SAMPLE_BYTES]))
    except Exception:  # a detector bug must end in DecodingError, not a traceback
        return None
    if not matches or matches[0].chaos > _MAX_CHAOS:
        return None
    best = matches[0]
    # Short texts tie across many code pages; Windows-1252 is the likeliest of equals.
    tied = [m for m in matches if m.chaos <= best.chaos and m.coherence >= best.coherence]
    if any(m.encoding == "cp1252" for m in tied):
        return "windows-1252"
    guess = canonical_encoding(best.encoding)
    if guess is None or guess.startswith(("utf-16", "utf-32")):
        return None  # text without NUL bytes is not UTF-16; with them it never gets here
    return guess


def _detect(data: bytes, declared: str | None, source: str | None) -> tuple[str, str]:
    bom = _bom(data)
    if bom is not None:
        try:
            return data.decode(bom), bom
        except UnicodeDecodeError:
            return data.decode(bom, errors="replace"), bom
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise BinaryInputError("contains NUL bytes: looks like binary data, not text", source)
        return data[: len(data) - len(data) % 2].decode(utf16), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    candidates = _legacy_candidates(data, canonical_encoding(declared) if declared else None)
    if candidates and candidates[0][0] >= _MIN_VIETNAMESE_SCORE:
        name = candidates[0][2]
        return _decode_with(data, name, errors="replace"), name
    if all(checked == 0 for _, checked, _ in candidates) and not _has_undefined_cp1258(data):
        # No letter beyond ASCII in any reading: only punctuation such as "–" or NBSP,
        # which Windows-1258 reads like every Windows code page.
        return _decode_with(data, "windows-1258", errors="replace"), "windows-1258"
    guess = _charset_normalizer(data)
    if guess is not None:
        try:
            return _decode_with(data, guess), guess
        except (UnicodeDecodeError, LookupError):
            pass
    raise DecodingError("cannot be decoded as UTF-8, UTF-16, Windows-1258, TCVN3 or VNI", source)


def _control_share(text: str) -> float:
    from .detection import CONTROL_CHARS

    sample = text[:_SAMPLE_BYTES]
    return len(CONTROL_CHARS.findall(sample)) / max(len(sample), 1)


def _is_html_source(source: str | None) -> bool:
    from .html import HTML_SUFFIXES

    return bool(source) and os.path.splitext(source)[1].lower() in HTML_SUFFIXES


def _repaired(text: str, warnings: list[str]) -> str:
    from .mojibake import repair_mojibake

    repair = repair_mojibake(text)
    if repair is None:
        return text
    warnings.append(repair.warning())
    return repair.text


def repair_text(text: str) -> tuple[str, list[str]]:
    """A text that came already decoded (a JSON Lines field, a database column), mojibake repaired.

    Archives hold mojibake in their text fields as often as in files; the
    repair and its warning are the same as for bytes, and clean text comes
    back unchanged with no warning.

    >>> repair_text("Hội nghị")
    ('Hội nghị', [])
    """
    warnings: list[str] = []
    return _repaired(text, warnings), warnings


def decode_bytes(
    data: bytes, *, source=None, encoding=None, max_bytes=DEFAULT_MAX_BYTES, html=None, repair=True
) -> Document:
    """Decode an article's bytes, detecting the encoding unless ``encoding`` forces one.

    ``html``: None decides from the source's suffix (.html, .htm) or the
    content; True or False forces it. ``repair=False`` leaves mojibake as
    decoded. Raises only ``InputError`` subclasses.

    >>> decode_bytes("Hội nghị".encode("utf-16")).encoding
    'utf-16'
    """
    from . import html as html_module

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"expected bytes, got {type(data).__name__}", source)
    data = bytes(data)
    _check_size(len(data), max_bytes, source)
    if not data:
        raise EmptyInputError(f"{_what(source)} is empty", source)
    kind = _binary_kind(data)
    if kind is not None:
        raise BinaryInputError(f"looks like {kind}, not text", source)

    declared = html_module.declared_charset(data) if b"<" in data[:4096] else None
    if encoding:
        canonical = canonical_encoding(encoding)
        if b"\x00" in data and not (canonical or "").startswith("utf-"):
            raise BinaryInputError("contains NUL bytes: looks like binary data, not text", source)
        text, used = _forced(data, encoding, source)
    else:
        text, used = _detect(data, declared, source)
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    warnings = [f"{replaced} undecodable byte sequence(s) read as U+FFFD in {used}"] if replaced > 0 else []
    if repair:
        # Before the control-character test (Latin-1 mojibake is full of C1 controls) and before an
        # HTML page is parsed (the parser drops the soft hyphens and NBSPs that are mojibake's bytes).
        text = _repaired(text, warnings)
    if _control_share(text) > 0.05:
        raise BinaryInputError("looks like binary data, not text (too many control characters)", source)
    if not text.strip(_INVISIBLE + " \t\n\r\f\v\x1a\x85\xa0\u3000"):
        raise EmptyInputError(f"{_what(source)} holds only whitespace", source)

    is_html = html if html is not None else (_is_html_source(source) or html_module.looks_like_html(text))
    if not is_html:
        return Document(text=text, encoding=used, source=source, warnings=warnings)
    page = html_module.html_to_text(text)
    if not page.text.strip():
        raise EmptyInputError("the page holds no text", source)
    return Document(
        text=page.text,
        encoding=used,
        source=source,
        is_html=True,
        title=page.title,
        published=page.published,
        author=page.author,
        warnings=warnings,
    )


def read_document(path, *, encoding=None, max_bytes=DEFAULT_MAX_BYTES) -> Document:
    """Read and decode one file, checking its size before reading it.

    Only ``InputError`` subclasses escape: a missing file, a folder, a file
    that cannot be opened, or any failure of ``decode_bytes``.
    """
    name = os.fspath(path)
    source = str(name)
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError):
        raise MissingInputError("no such file", source) from None
    except PermissionError:
        raise InputError("permission denied", source) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"cannot be read ({getattr(exc, 'strerror', None) or exc})", source) from None
    if stat.S_ISDIR(info.st_mode):
        raise NotAFileError("is a directory, not a file", source)
    if stat.S_ISREG(info.st_mode):
        _check_size(info.st_size, max_bytes, source)
    try:
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError("permission denied", source) from None
    except IsADirectoryError:
        raise NotAFileError("is a directory, not a file", source) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", source) from None
    if len(data) > max_bytes:
        raise InputTooLargeError(f"over the {_human_size(max_bytes)} limit (see --max-size)", source)
    return decode_bytes(data, source=source, encoding=encoding, max_bytes=max_bytes)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "canonical_encoding",
    "decode_bytes",
    "known_encoding",
    "read_document",
]
