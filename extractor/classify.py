"""Is the article a report of a meeting that took place?

Two passes. A cheap one over the plain text decides whether the expensive
NLP is worth running at all: no meeting word and no chair verb, no NLP.
The full decision then weighs what the pipeline found (a meeting noun in
the headline or the lead, a named chair, an attendance list, speeches "tại
hội nghị", awards handed out) against signs of other news: a meeting
still to come (its date after the publication date, "sẽ tổ chức"), or no
day and no named participant at all.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from .pattern_files import PatternSet, alternation


@dataclass
class Evidence:
    """What the pipeline found, as the classifier needs it."""

    headline: str = ""
    lead: str = ""
    body: str = ""
    chairs: int = 0
    participants: int = 0
    attendance_lists: int = 0
    awards: int = 0
    meeting_date: str | None = None
    published: dt.date | None = None


@dataclass
class Verdict:
    is_meeting: bool
    score: float
    reasons: list[str] = field(default_factory=list)


class MeetingClassifier:
    """Keyword and structure evidence for and against a meeting report."""

    threshold = 2.5

    def __init__(self, patterns: PatternSet) -> None:
        def words(*labels: str) -> regex.Pattern:
            phrases = [p.lower() for label in labels for p in patterns.phrases(label)]
            if not phrases:
                return regex.compile(r"(?!)")
            return regex.compile(r"(?<!\w)(?:" + alternation(phrases) + r")(?!\w)")

        self.meeting = words("MEETING")
        self.chair = words("CHAIR")
        self.at_meeting = words("AT_MEETING")
        self.future = words("FUTURE")

    def worth_parsing(self, text: str) -> bool:
        """The cheap pass: any meeting noun or chair verb at all."""
        lower = text.lower()
        return bool(self.chair.search(lower) or self.meeting.search(lower) or self.at_meeting.search(lower))

    def decide(self, ev: Evidence) -> Verdict:
        reasons: list[str] = []
        score = 0.0

        def add(points: float, reason: str) -> None:
            nonlocal score
            score += points
            reasons.append(reason)

        head, lead, body = ev.headline.lower(), ev.lead.lower(), ev.body.lower()
        if self.meeting.search(head):
            add(2, "meeting word in headline")
        if self.meeting.search(lead):
            add(1.5, "meeting word in lead")
        if ev.chairs:
            add(2.5, "named chair")
        if ev.attendance_lists:
            add(1.5, "attendance list")
        if ev.participants >= 2 and self.meeting.search(body):
            add(1, "named participants")
        if self.at_meeting.search(body):
            add(1, "something said or done at the meeting")
        if ev.awards and self.meeting.search(body):
            add(0.5, "awards given")
        if self.future.search(head):
            add(-4, "headline announces a meeting to come")
        elif self.future.search(lead) and not ev.chairs:
            add(-2.5, "meeting still to come")
        if _after_publication(ev.meeting_date, ev.published):
            add(-4, "the meeting's date is after the publication date")
        if ev.meeting_date is None and not ev.chairs and not ev.participants:
            add(-3, "no day and nobody named")
        named_event = any(p.search(t) for p in (self.meeting, self.at_meeting) for t in (head, lead)) or ev.chairs
        if not named_event:
            reasons.append("no meeting named in the headline or the lead, and no chair")
        return Verdict(is_meeting=bool(named_event) and score >= self.threshold, score=score, reasons=reasons)


def _after_publication(meeting_date: str | None, published: dt.date | None) -> bool:
    if not meeting_date or published is None or meeting_date.startswith("--"):
        return False
    try:
        return dt.date.fromisoformat(meeting_date) > published + dt.timedelta(days=1)
    except ValueError:
        return False
