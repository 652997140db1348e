"""Is the article a report of a meeting that took place?

The decision adds up evidence, each piece a sign of the genre with a weight
and a place in the text:

* cues (``meeting_cues.py``): what the plain text says and where, found
  before any NLP: "tổ chức hội nghị" in the lead, an attendance sentence,
  "trao Bằng khen", a headline that announces a meeting still to come, a
  court or sport story;
* findings: what the pipeline read from the article: a named chair, an
  attendance list, named participants, the meeting's day, counted awards,
  a meeting dated after the publication day, nobody named at all.

``bias + sum(weights) > 0`` makes a meeting report. The weights are data
(``meeting_model.json`` and the cue file), few and each explained, set by
hand and checked on the dev set and the hand-labelled bench sample
(``benchmarks/bench_labels.py``). Every piece of evidence becomes a
``meeting_evidence`` entry of the record, so a user can see why an article
was kept or dropped.

The cues also decide whether the NLP is worth running: an article with no
positive cue at all names no meeting, and nothing the pipeline could find
would make it one.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .errors import PatternError
from .layout import Layout
from .meeting_cues import Cue, CueFinder
from .pattern_files import PatternSet


@dataclass(frozen=True)
class Reason:
    """One piece of evidence for (weight > 0) or against a meeting report.

    ``start``/``end`` index the normalised text; ``None`` for a reason that
    is an absence ("nobody is named").
    """

    rule: str
    reason: str
    weight: float
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Findings:
    """What the pipeline found that bears on the decision, with where it found it."""

    chair: tuple[int, int] | None = None
    attendance_list: tuple[int, int] | None = None
    participants: list[tuple[int, int]] = field(default_factory=list)
    meeting_date: str | None = None
    meeting_date_span: tuple[int, int] | None = None
    published: dt.date | None = None
    award: tuple[int, int] | None = None


@dataclass
class Verdict:
    is_meeting: bool
    score: float
    reasons: list[Reason] = field(default_factory=list)


class MeetingClassifier:
    """Cue weights plus finding weights against a bias."""

    def __init__(self, patterns: PatternSet) -> None:
        self.cue_finder = CueFinder(patterns)
        self.bias, self.findings = _load_model(patterns)

    def cues(self, text: str, layout: Layout) -> list[Cue]:
        return self.cue_finder.find(text, layout)

    @staticmethod
    def worth_parsing(cues: list[Cue]) -> bool:
        """Some positive cue: without one the article names no meeting at all."""
        return any(c.weight > 0 for c in cues)

    def decide(self, cues: list[Cue], found: Findings | None = None) -> Verdict:
        reasons = [Reason(c.feature, c.reason, c.weight, c.start, c.end)
                   for c in cues]
        if not any(c.weight > 0 and c.zone != "body" for c in cues):
            weight, reason = self.findings["unnamed_at_opening"]
            if weight:
                reasons.append(Reason("finding.unnamed_at_opening", reason, weight))
        if found is not None:
            reasons += self._finding_reasons(found)
        score = self.bias + sum(r.weight for r in reasons)
        return Verdict(is_meeting=score > 0, score=score, reasons=reasons)

    def _finding_reasons(self, found: Findings) -> list[Reason]:
        out: list[Reason] = []

        def add(name: str, span: tuple[int, int] | None = None) -> None:
            weight, reason = self.findings[name]
            if weight:
                out.append(Reason(f"finding.{name}", reason, weight, *(span or (None, None))))

        if found.chair:
            add("named_chair", found.chair)
        if found.attendance_list:
            add("attendance_list", found.attendance_list)
        if len(found.participants) >= 2:
            add("named_participants", found.participants[0])
        if not found.chair and not found.participants:
            add("nobody_named")
        if found.meeting_date:
            if _after_publication(found.meeting_date, found.published):
                add("after_publication", found.meeting_date_span)
            else:
                add("meeting_day", found.meeting_date_span)
        if found.award:
            add("counted_awards", found.award)
        return out


_FINDINGS = ("unnamed_at_opening", "named_chair", "attendance_list", "named_participants", "nobody_named", "meeting_day",
             "after_publication", "counted_awards")


def _load_model(patterns: PatternSet) -> tuple[float, dict[str, tuple[float, str]]]:
    """The bias and the finding weights; a user's file of the same name overrides what it names."""
    bias = 0.0
    findings: dict[str, tuple[float, str]] = {name: (0.0, name) for name in _FINDINGS}
    for path in patterns.files("meeting_model.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if "bias" in data:
                bias = float(data["bias"])
            for name, entry in data.get("findings", {}).items():
                if name not in findings:
                    raise PatternError(f"{path}: unknown finding {name!r} (known: {', '.join(_FINDINGS)})", str(path))
                findings[name] = (float(entry["weight"]), str(entry.get("reason", name)))
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            raise PatternError(f"{path}: not a meeting model ({exc})", str(path)) from None
    return bias, findings


def _after_publication(meeting_date: str | None, published: dt.date | None) -> bool:
    if not meeting_date or published is None or meeting_date.startswith("--"):
        return False
    try:
        return dt.date.fromisoformat(meeting_date) > published + dt.timedelta(days=1)
    except ValueError:
        return False
