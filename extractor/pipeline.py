"""Placeholder pipeline: replaced by the real stages."""
from __future__ import annotations

from dataclasses import dataclass

from .model import MeetingReport


@dataclass(frozen=True)
class DocumentMetadata:
    """What the container of the text says about it (an HTML page's metadata)."""

    title: str | None = None
    published: str | None = None
    author: str | None = None


class Pipeline:
    def run(self, text, *, reference_date=None, source=None, metadata=None) -> MeetingReport:
        return MeetingReport(source=source)


def build_pipeline(pattern_paths=()):
    return Pipeline()
