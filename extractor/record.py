"""The record stage: merge mentions into people and ground every value.

Everything upstream works on the normalised text; here each span is mapped
back through the offset map, so evidence ``start``/``end`` index the text
the user gave and ``text`` is exactly that slice. Values are the slices
with their whitespace collapsed ("Bí thư Tỉnh\\nủy" -> "Bí thư Tỉnh ủy").
"""
from __future__ import annotations

import regex

from .dates import PublicationDate
from .meeting_date import MeetingDate
from .classify import Reason
from .model import Award, Evidence, MeetingReason, MeetingReport, Person, Target
from .normalize import NormalizedText, canonical
from .pattern_files import PatternSet
from .roles import RoleDecision

_EDGE = " \t\n,;:.-–—"
_INVISIBLE = regex.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def _collapse(text: str) -> str:
    """Whitespace collapsed, stray punctuation off the edges; a balanced "(WHO)" stays."""
    text = " ".join(_INVISIBLE.sub("", text).split()).strip(_EDGE)
    while text.endswith(")") and text.count(")") > text.count("("):
        text = text[:-1].rstrip(_EDGE)
    while text.startswith("(") and text.count("(") > text.count(")"):
        text = text[1:].lstrip(_EDGE)
    return text


class TitleKeys:
    """Compare titles as the genre means them: abbreviations expanded, tone marks folded."""

    def __init__(self, patterns: PatternSet) -> None:
        self.expansions = {k.lower(): canonical(v) for k, v in patterns.table("abbreviations").items()}

    def syllables(self, title: str) -> tuple[str, ...]:
        words = []
        for word in regex.split(r"[\s,;:()\-–—/]+", canonical(title)):
            if word:
                words += self.expansions.get(word, word).split()
        return tuple(words)

    def merge(self, titles: list[tuple[str, Evidence]]) -> list[tuple[str, Evidence]]:
        """One entry per post: the same post written short and long is kept in its fullest form."""
        kept: list[tuple[str, Evidence, tuple[str, ...]]] = []
        for text, ev in titles:
            key = self.syllables(text)
            if not key:
                continue
            if any(set(key) <= set(k) and _same_rank(key, k) for _, _, k in kept):
                continue
            kept = [(t, e, k) for t, e, k in kept if not (set(k) <= set(key) and _same_rank(k, key))]
            kept.append((text, ev, key))
        return [(t, e) for t, e, _ in kept]


def _same_rank(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"Chủ tịch" inside "Phó Chủ tịch" is another post, not a shorter form."""
    return ("phó" in a) == ("phó" in b) and ("nguyên" in a) == ("nguyên" in b)


class RecordBuilder:
    """One article's record; ``titles`` is the pipeline's :class:`TitleKeys`, built once, not per article."""

    def __init__(self, norm: NormalizedText, *, source: str | None, titles: TitleKeys) -> None:
        self.norm = norm
        self.report = MeetingReport(source=source)
        self.titles = titles
        self._people: list[RoleDecision] = []
        self._targets = []
        self._awards = []
        self._meeting_date: MeetingDate | None = None

    def evidence(self, start: int, end: int, rule: str) -> Evidence:
        a, b = self.norm.to_original(start, end)
        return Evidence(start=a, end=b, text=self.norm.original[a:b], rule=rule)

    def set_headline(self, span: tuple[int, int] | None, metadata_title: str | None) -> None:
        if span is not None:
            ev = self.evidence(span[0], span[1], "layout.headline")
            self.report.title = _collapse(ev.text) or None
            self.report.title_evidence = ev
        elif metadata_title:
            self.report.title = metadata_title

    def set_publication(self, publication: PublicationDate | None, metadata_published: str | None) -> None:
        if publication is not None:
            value = f"{publication.year:04d}"
            if publication.month:
                value += f"-{publication.month:02d}"
                if publication.day:
                    value += f"-{publication.day:02d}"
            self.report.published_date = value
            if publication.end > publication.start:
                self.report.published_date_evidence = self.evidence(publication.start, publication.end, publication.rule)
        elif metadata_published:
            self.report.published_date = metadata_published

    def set_meeting_evidence(self, reasons: list[Reason]) -> None:
        self.report.meeting_evidence = [
            MeetingReason(
                reason=r.reason, rule=r.rule, weight=r.weight,
                evidence=self.evidence(r.start, r.end, r.rule) if r.start is not None else None,
            )
            for r in reasons
        ]

    def set_meeting_date(self, meeting_date: MeetingDate | None) -> None:
        self._meeting_date = meeting_date

    def add_people(self, decisions: list[RoleDecision]) -> None:
        self._people += decisions

    def add_targets(self, targets) -> None:
        self._targets += targets

    def add_awards(self, awards) -> None:
        self._awards += awards

    def build(self, *, is_meeting: bool) -> MeetingReport:
        report = self.report
        report.is_meeting_report = is_meeting
        if not is_meeting:
            return MeetingReport.model_validate(report.model_dump())
        if self._meeting_date is not None:
            md = self._meeting_date
            report.meeting_date = md.value
            report.meeting_date_evidence = self.evidence(md.start, md.end, md.rule)
        report.chairpersons, report.attendees = self._persons()
        for t in self._targets:
            ev = self.evidence(t.start, t.end, t.rule)
            report.targets.append(
                Target(achieved=t.achieved, total=t.total, unit=_collapse(self._slice(t.unit_start, t.unit_end)),
                       text=_collapse(ev.text), evidence=ev)
            )
        for a in self._awards:
            ev = self.evidence(a.start, a.end, a.rule)
            report.awards.append(
                Award(count=a.count, approximate=a.approximate, recipient=a.recipient, award=a.award,
                      text=_collapse(ev.text), evidence=ev)
            )
        return MeetingReport.model_validate(report.model_dump())

    def _slice(self, start: int, end: int) -> str:
        a, b = self.norm.to_original(start, end)
        return self.norm.original[a:b]

    def _persons(self) -> tuple[list[Person], list[Person]]:
        groups: dict[str, list[RoleDecision]] = {}
        for decision in self._people:
            key = canonical(decision.mention.person.text)
            groups.setdefault(key, []).append(decision)
        chairs, attendees = [], []
        for decisions in groups.values():
            roles = {d.role for d in decisions}
            if roles == {"excluded"}:
                continue
            person = self._person(decisions)
            (chairs if "chair" in roles else attendees).append(person)
        return chairs, attendees

    def _person(self, decisions: list[RoleDecision]) -> Person:
        name_evidence = []
        titles: list[tuple[str, Evidence]] = []
        role_evidence = []
        for d in decisions:
            p = d.mention.person
            name_evidence.append(self.evidence(p.start_char, p.end_char, p.id_ or "person"))
            for t in d.mention.titles:
                ev = self.evidence(t.start_char, t.end_char, t.id_ or "title")
                titles.append((_collapse(ev.text), ev))
            if d.trigger is not None:
                role_evidence.append(self.evidence(d.trigger.start_char, d.trigger.end_char, d.rule))
        best = max(name_evidence, key=lambda e: (len(e.text.split()), len(e.text)))
        merged = self.titles.merge(titles)
        return Person(
            name=_collapse(best.text),
            titles=[t for t, _ in merged],
            name_evidence=name_evidence,
            title_evidence=[e for _, e in merged],
            role_evidence=role_evidence,
        )
