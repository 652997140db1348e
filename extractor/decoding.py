"""Placeholder decoding: UTF-8 only, replaced by the real decoder."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DecodingError, EmptyInputError, MissingInputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class Document:
    text: str
    encoding: str
    source: str | None = None
    is_html: bool = False
    title: str | None = None
    published: str | None = None
    author: str | None = None


def decode_bytes(data: bytes, *, source=None, encoding=None, max_bytes=DEFAULT_MAX_BYTES, html=None) -> Document:
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise DecodingError(str(exc), source) from None
    if not text.strip():
        raise EmptyInputError("empty input", source)
    return Document(text=text, encoding=encoding or "utf-8", source=source)


def read_document(path, *, encoding=None, max_bytes=DEFAULT_MAX_BYTES) -> Document:
    p = Path(path)
    if not p.exists():
        raise MissingInputError("no such file", str(path))
    return decode_bytes(p.read_bytes(), source=str(path), encoding=encoding, max_bytes=max_bytes)


def known_encoding(name: str) -> bool:
    import codecs

    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return name.lower() in {"tcvn3", "vni"}
