"""The pipeline, top to bottom.

text -> normalised text with an offset map -> layout (headline, credits,
publication line) -> cheap meeting test -> spaCy doc (syllable tokens,
underthesea words) -> lexicon -> persons -> titles -> roles; dates,
targets and awards -> one validated record whose every value points back
into the text the user gave.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

from . import lexicon, persons, titles  # noqa: F401  (registers the factories)
from .awards import AwardFinder
from .classify import Findings, MeetingClassifier
from .dates import PublicationDate, find_dates, find_publication_date
from .layout import analyse_layout
from .meeting_date import choose_meeting_date
from .model import MeetingReport
from .normalize import normalize
from .pattern_files import cached_patterns
from .record import RecordBuilder, TitleKeys
from .roles import assign_roles
from .targets import TargetFinder
from .tokenizer import TOKENIZER


@dataclass(frozen=True)
class DocumentMetadata:
    """What the container of the text says about it (an HTML page's metadata)."""

    title: str | None = None
    published: str | None = None
    author: str | None = None


#: labels the award and target finders read from the pattern files as text: a
#: third of all phrase matches, which no stage would read from the doc
TEXT_FINDER_LABELS = AwardFinder.LABELS + TargetFinder.LABELS


def build_nlp(extra_patterns: tuple[Path, ...] = (), skip_labels: tuple[str, ...] = TEXT_FINDER_LABELS) -> Language:
    """A blank Vietnamese spaCy pipeline with our tokenizer and pattern stages."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER}}})
    config = {"extra_patterns": [str(p) for p in extra_patterns]}
    nlp.add_pipe("vi_lexicon", config={**config, "skip_labels": list(skip_labels)})
    nlp.add_pipe("vi_persons", config=config)
    nlp.add_pipe("vi_titles", config=config)
    return nlp


class Pipeline:
    def __init__(self, extra_patterns: tuple[Path, ...] = (), skip_labels: tuple[str, ...] = TEXT_FINDER_LABELS) -> None:
        self.patterns = cached_patterns(tuple(extra_patterns))
        self.nlp = build_nlp(tuple(extra_patterns), skip_labels)
        self.classifier = MeetingClassifier(self.patterns)
        self.awards = AwardFinder(self.patterns)
        self.targets = TargetFinder(self.patterns)
        self.title_keys = TitleKeys(self.patterns)

    def run(
        self,
        text: str,
        *,
        reference_date: dt.date | None = None,
        source: str | None = None,
        metadata: DocumentMetadata | None = None,
    ) -> MeetingReport:
        norm = normalize(text)
        layout = analyse_layout(norm.text)
        publication = find_publication_date(norm.text)
        builder = RecordBuilder(norm, source=source, titles=self.title_keys)
        builder.set_headline(layout.headline, metadata.title if metadata else None)
        builder.set_publication(publication, metadata.published if metadata else None)
        body = norm.text[: layout.body_end]
        cues = self.classifier.cues(norm.text, layout)
        if not self.classifier.worth_parsing(cues):
            builder.set_meeting_evidence(self.classifier.decide(cues).reasons)
            return builder.build(is_meeting=False)

        doc = self.nlp(norm.text)
        decisions = assign_roles(doc, doc._.mentions, layout, author=metadata.author if metadata else None)
        meeting_date = choose_meeting_date(
            doc, find_dates(norm.text), publication, layout,
            reference_date=reference_date,
            published=metadata.published if metadata else None,
        )
        targets = self.targets.find(body)
        awards = self.awards.find(body)
        verdict = self.classifier.decide(cues, _findings(decisions, meeting_date, awards, publication))
        builder.set_meeting_evidence(verdict.reasons)
        if not verdict.is_meeting:
            return builder.build(is_meeting=False)
        builder.set_meeting_date(meeting_date)
        builder.add_people(decisions)
        builder.add_targets(targets)
        builder.add_awards(awards)
        return builder.build(is_meeting=True)


def _publication_day(publication: PublicationDate | None) -> dt.date | None:
    if publication is None or not publication.month or not publication.day:
        return None
    try:
        return dt.date(publication.year, publication.month, publication.day)
    except ValueError:
        return None


def _findings(decisions, meeting_date, awards, publication) -> Findings:
    """What the pipeline found, where, as the meeting decision weighs it."""
    def span(s):
        return (s.start_char, s.end_char)

    chairs = [d for d in decisions if d.role == "chair"]
    listed = [d for d in decisions if d.rule == "attendee.listed"]
    participants: dict[str, tuple[int, int]] = {}
    for d in decisions:
        if d.role == "attendee":
            participants.setdefault(d.mention.person.text, span(d.mention.person))
    return Findings(
        chair=span(chairs[0].trigger or chairs[0].mention.person) if chairs else None,
        attendance_list=span(listed[0].trigger or listed[0].mention.person) if listed else None,
        participants=list(participants.values()),
        meeting_date=meeting_date.value if meeting_date else None,
        meeting_date_span=(meeting_date.start, meeting_date.end) if meeting_date else None,
        published=_publication_day(publication),
        award=(awards[0].start, awards[0].end) if awards else None,
    )


def build_pipeline(pattern_paths=()) -> Pipeline:
    return Pipeline(tuple(Path(p) for p in pattern_paths))
