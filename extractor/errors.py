"""The one exception family the library raises.

Every failure a user can cause (a missing file, bytes that are not text, a
file too large) is an ``ExtractorError`` whose message reads as one line:
the CLI prints ``Error: <source>: <message>`` and goes on with the next file.
"""
from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error the extractor raises on purpose."""

    kind = "error"

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        return self.message


class InputError(ExtractorError):
    """The input cannot be read as an article (missing, empty, binary, too large...)."""

    kind = "input"


class MissingInputError(InputError):
    kind = "missing"


class NotAFileError(InputError):
    kind = "not-a-file"


class EmptyInputError(InputError):
    kind = "empty"


class InputTooLargeError(InputError):
    kind = "too-large"


class BinaryInputError(InputError):
    kind = "binary"


class DecodingError(InputError):
    """Bytes that no supported encoding reads as Vietnamese text."""

    kind = "decoding"


class PatternError(ExtractorError):
    """A pattern file is malformed; the message names the file and line."""

    kind = "patterns"
