"""The library API: ``extract`` for one text, ``Extractor`` to load once and run many."""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ExtractorError
from .model import MeetingReport

if TYPE_CHECKING:
    from .decoding import Document
    from .pipeline import DocumentMetadata

ReferenceDate = dt.date | str | None


def _as_date(value: ReferenceDate) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ExtractorError(f"reference date {value!r} is not YYYY-MM-DD") from None


class Extractor:
    """Loads the pipeline and the pattern files once; call it for every article.

    ``patterns`` adds the user's own pattern folders or files on top of the
    shipped ones (same formats as ``patterns/``).
    """

    def __init__(self, patterns: Sequence[str | os.PathLike] = (), max_bytes: int | None = None) -> None:
        from .decoding import DEFAULT_MAX_BYTES
        from .pipeline import build_pipeline

        self.max_bytes = max_bytes or DEFAULT_MAX_BYTES
        self.pipeline = build_pipeline([Path(p) for p in patterns])

    def extract(
        self,
        text: str,
        *,
        reference_date: ReferenceDate = None,
        source: str | None = None,
        metadata: "DocumentMetadata | None" = None,
    ) -> MeetingReport:
        """One article's text in, its record out. Never raises on odd text."""
        if not isinstance(text, str):
            raise ExtractorError(f"expected text (str), got {type(text).__name__}", source)
        return self.pipeline.run(text, reference_date=_as_date(reference_date), source=source, metadata=metadata)

    def extract_many(
        self,
        texts: Iterable[str | tuple[str, str]],
        *,
        reference_date: ReferenceDate = None,
    ) -> Iterator[MeetingReport]:
        """Records for many texts (plain strings or ``(source, text)`` pairs), in order."""
        ref = _as_date(reference_date)
        for item in texts:
            source, text = (None, item) if isinstance(item, str) else item
            yield self.extract(text, reference_date=ref, source=source)

    def extract_bytes(
        self,
        data: bytes,
        *,
        source: str | None = None,
        encoding: str | None = None,
        reference_date: ReferenceDate = None,
    ) -> MeetingReport:
        """Decode bytes (any supported encoding, or an HTML page) and extract."""
        from .decoding import decode_bytes

        document = decode_bytes(data, source=source, encoding=encoding, max_bytes=self.max_bytes)
        return self.extract_document(document, reference_date=reference_date)

    def extract_file(
        self,
        path: str | os.PathLike,
        *,
        encoding: str | None = None,
        reference_date: ReferenceDate = None,
    ) -> MeetingReport:
        from .decoding import read_document

        document = read_document(path, encoding=encoding, max_bytes=self.max_bytes)
        return self.extract_document(document, reference_date=reference_date)

    def extract_document(self, document: "Document", *, reference_date: ReferenceDate = None) -> MeetingReport:
        from .pipeline import DocumentMetadata

        metadata = DocumentMetadata(
            title=document.title, published=document.published, author=document.author
        )
        report = self.extract(document.text, reference_date=reference_date, source=document.source, metadata=metadata)
        report.encoding = document.encoding
        report.warnings = list(document.warnings)
        return report


_default: Extractor | None = None


def default_extractor() -> Extractor:
    global _default
    if _default is None:
        _default = Extractor()
    return _default


def extract(text: str, reference_date: ReferenceDate = None, source: str | None = None) -> MeetingReport:
    """Extract the record of one article with the shipped patterns."""
    return default_extractor().extract(text, reference_date=reference_date, source=source)
