"""The record: what one article says about one meeting, every value grounded.

Field names are the public contract (the shared scorer reads them). Scored
fields keep plain shapes (strings, integers, lists of ``{name, titles}``);
evidence rides beside them in extra keys, each an ``Evidence`` whose
``start``/``end`` index the text exactly as the user gave it.
"""
from __future__ import annotations

import re
import unicodedata

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_MEETING_DATE = re.compile(r"^(\d{4}|-)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")


def _nfc(value):
    """Values are NFC whatever the input form; the tone-mark placement stays the text's own."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    return value


class Evidence(BaseModel):
    """Where a value came from: ``text[start:end] == text`` and the rule that made it."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rule: str

    @model_validator(mode="after")
    def _ordered(self) -> "Evidence":
        if self.end < self.start:
            raise ValueError("evidence end precedes start")
        return self


class Person(BaseModel):
    """One person, however many times the article names them."""

    name: str
    titles: list[str] = Field(default_factory=list)
    name_evidence: list[Evidence] = Field(default_factory=list, description="every mention of the name")
    title_evidence: list[Evidence] = Field(
        default_factory=list, description="one entry per title, in the order of `titles`"
    )
    role_evidence: list[Evidence] = Field(
        default_factory=list, description="the words that make them a chair or a participant"
    )

    _canonical = field_validator("name", "titles", mode="before")(classmethod(lambda cls, v: _nfc(v)))


class Target(BaseModel):
    """An achievement ratio such as "15/15 chỉ tiêu"."""

    achieved: int = Field(ge=0)
    total: int = Field(gt=0)
    unit: str
    text: str
    evidence: Evidence

    _canonical = field_validator("unit", "text", mode="before")(classmethod(lambda cls, v: _nfc(v)))

    @model_validator(mode="after")
    def _achieved_within_total(self) -> "Target":
        if self.achieved > self.total:
            raise ValueError("achieved exceeds total")
        return self


class Award(BaseModel):
    """A counted group of recipients given an honour."""

    count: int = Field(ge=0)
    approximate: bool = False
    recipient: str
    award: str
    text: str
    evidence: Evidence

    _canonical = field_validator("recipient", "award", "text", mode="before")(classmethod(lambda cls, v: _nfc(v)))


class MeetingReason(BaseModel):
    """One reason the article was kept as a meeting report (weight > 0) or dropped (weight < 0)."""

    reason: str
    rule: str = Field(description="the cue (`cue.organised@lead`) or finding (`finding.named_chair`) behind it")
    weight: float = Field(description="its points in the decision; the points over all reasons and the bias decide")
    evidence: Evidence | None = Field(default=None, description="the words it stands on; null for an absence")


class MeetingReport(BaseModel):
    """The record for one article."""

    source: str | None = None
    is_meeting_report: bool = False
    title: str | None = Field(default=None, description="the headline, when the text has one")
    published_date: str | None = Field(
        default=None, description="the article's own publication line: YYYY-MM-DD, YYYY-MM or YYYY"
    )
    meeting_date: str | None = Field(
        default=None, description="YYYY-MM-DD, or --MM-DD when no year can be read"
    )
    chairpersons: list[Person] = Field(default_factory=list)
    attendees: list[Person] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    meeting_evidence: list[MeetingReason] = Field(
        default_factory=list, description="why is_meeting_report is what it is: every sign weighed, with its words"
    )
    encoding: str | None = Field(default=None, description="how the input bytes were decoded")
    title_evidence: Evidence | None = None
    published_date_evidence: Evidence | None = None
    meeting_date_evidence: Evidence | None = None
    warnings: list[str] = Field(default_factory=list)

    _canonical = field_validator("title", mode="before")(classmethod(lambda cls, v: _nfc(v)))

    @field_validator("meeting_date")
    @classmethod
    def _iso_or_partial(cls, value: str | None) -> str | None:
        if value is not None and not _MEETING_DATE.match(value):
            raise ValueError(f"meeting_date {value!r} is neither YYYY-MM-DD nor --MM-DD")
        return value

    @model_validator(mode="after")
    def _empty_when_not_a_meeting(self) -> "MeetingReport":
        if not self.is_meeting_report and (
            self.chairpersons or self.attendees or self.targets or self.awards or self.meeting_date
        ):
            raise ValueError("a record that is not a meeting report must have no meeting data")
        return self

    def evidences(self) -> list[Evidence]:
        """Every piece of evidence in the record, for checks that offsets hold."""
        found: list[Evidence] = []
        for ev in (self.title_evidence, self.published_date_evidence, self.meeting_date_evidence):
            if ev is not None:
                found.append(ev)
        for person in [*self.chairpersons, *self.attendees]:
            found += person.name_evidence + person.title_evidence + person.role_evidence
        found += [t.evidence for t in self.targets] + [a.evidence for a in self.awards]
        found += [r.evidence for r in self.meeting_evidence if r.evidence is not None]
        return found

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json")
