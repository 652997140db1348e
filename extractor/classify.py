"""Is the article a report of a meeting that took place?

Two passes. A cheap one over the plain text decides whether the expensive
NLP is worth running at all: no meeting word, no chair or attendance verb,
no NLP. The full decision then weighs what the pipeline found: a meeting
noun in the headline or the lead, a named chair, an attendance list,
against signs of other news (an announcement of a meeting still to come).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .pattern_files import PatternSet


def _alternation(phrases: list[str]) -> str:
    return "|".join(regex.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@dataclass
class Verdict:
    is_meeting: bool
    score: float
    reasons: list[str] = field(default_factory=list)


class MeetingClassifier:
    """Keyword evidence for and against a meeting report, read from the trigger patterns."""

    def __init__(self, patterns: PatternSet) -> None:
        def words(label: str) -> regex.Pattern:
            phrases = [p.lower() for p in patterns.phrases(label)]
            if not phrases:
                return regex.compile(r"(?!)")
            return regex.compile(r"(?<!\w)(?:" + _alternation(phrases) + r")(?!\w)")

        self.meeting = words("MEETING")
        self.chair = words("CHAIR")
        self.attend = words("ATTEND")
        self.future = words("FUTURE")

    def worth_parsing(self, text: str) -> bool:
        """The cheap pass: any meeting noun or chair/attendance verb at all."""
        lower = text.lower()
        return bool(self.chair.search(lower) or self.meeting.search(lower))

    def decide(self, text: str, headline: str, lead: str, chairs: int, attendees: int,
               attendance_lists: int) -> Verdict:
        reasons = []
        score = 0.0
        head, lead_l, lower = headline.lower(), lead.lower(), text.lower()
        if self.meeting.search(head):
            score += 2
            reasons.append("meeting word in headline")
        if self.meeting.search(lead_l):
            score += 1.5
            reasons.append("meeting word in lead")
        if chairs:
            score += 2.5
            reasons.append("named chair")
        if attendance_lists:
            score += 1.5
            reasons.append("attendance list")
        if attendees >= 2 and self.meeting.search(lower):
            score += 1
            reasons.append("named participants")
        if self.chair.search(lower) and self.meeting.search(lower):
            score += 0.5
        future = self.future.search(lead_l) or self.future.search(head)
        if future and not chairs:
            score -= 2.5
            reasons.append("meeting still to come")
        return Verdict(is_meeting=score >= 2.5, score=score, reasons=reasons)
