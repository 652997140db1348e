"""``extract-report review``: one self-contained HTML page to check records against their text.

Library use (``evaluate --review`` calls the same function)::

    from extractor.review import ReviewItem, render_review
    html = render_review([ReviewItem(text=document.text, record=report.to_json_dict(), gold=None)])

``render_review(items, title=...) -> str`` takes ``ReviewItem``s: the text the
record's offsets index, the record (a ``MeetingReport`` or its JSON dict) and,
optionally, a gold record (ANNOTATION.md's format) shown beside it, plus
``notes`` (lines such as a scorer's misses) shown above the text.

The page needs no network: CSS and JS are inline, each article's data rides
in a ``<script type="application/json">`` and is drawn only when its section
is opened, so a page of 1,000 articles opens quickly. Article text reaches
the page only as JSON (Jinja's ``tojson``) and the DOM through
``textContent``, never as markup.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = (
    ("chair", "chair"),
    ("attendee", "attendee"),
    ("title", "title"),
    ("meeting_date", "meeting date"),
    ("published_date", "publication date"),
    ("headline", "headline"),
    ("target", "target"),
    ("award", "award"),
    ("meeting", "meeting evidence"),
)


@dataclass
class ReviewItem:
    """One article to review: its text, its record, and optionally the gold record to compare with."""

    text: str
    record: dict
    gold: dict | None = None
    notes: list[str] = field(default_factory=list)
    #: Table entries to flag (``{"p2": "extra", "date": "wrong"}``), of the record and of the gold.
    flags: dict[str, str] = field(default_factory=dict)
    gold_flags: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Span:
    """One evidence span: where, which field, which table entry it supports, and why."""

    start: int
    end: int
    field: str
    entry: str
    key: str
    value: str
    rule: str


def _record_dict(record) -> dict:
    return record if isinstance(record, dict) else record.to_json_dict()


def evidence_spans(record: dict, text: str) -> tuple[list[Span], int]:
    """Every evidence of a record as a ``Span``, and how many did not match the text (left out).

    ``entry`` names the table row a span supports (``p0`` the first person,
    ``t1`` the second target...), ``key`` the finest item (``p0.t1`` the
    person's second title).
    """
    found: list[tuple[dict | None, str, str, str, str]] = []
    for ev, fld, entry, value in (
        (record.get("title_evidence"), "headline", "headline", record.get("title") or ""),
        (record.get("published_date_evidence"), "published_date", "published", record.get("published_date") or ""),
        (record.get("meeting_date_evidence"), "meeting_date", "date", record.get("meeting_date") or ""),
    ):
        found.append((ev, fld, entry, entry, value))
    people = [("chair", p) for p in record.get("chairpersons") or []] + [
        ("attendee", p) for p in record.get("attendees") or []
    ]
    for i, (role, person) in enumerate(people):
        entry = f"p{i}"
        for ev in person.get("name_evidence") or []:
            found.append((ev, role, entry, f"{entry}.n", person.get("name", "")))
        titles = person.get("titles") or []
        for j, ev in enumerate(person.get("title_evidence") or []):
            value = titles[j] if j < len(titles) else ev.get("text", "")
            found.append((ev, "title", entry, f"{entry}.t{j}", f"{value} ({person.get('name', '')})"))
        for ev in person.get("role_evidence") or []:
            found.append((ev, role, entry, f"{entry}.r", f"{role} role of {person.get('name', '')}"))
    for i, target in enumerate(record.get("targets") or []):
        value = f"{target.get('achieved')}/{target.get('total')} {target.get('unit', '')}"
        found.append((target.get("evidence"), "target", f"t{i}", f"t{i}", value))
    for i, award in enumerate(record.get("awards") or []):
        count = ("~" if award.get("approximate") else "") + str(award.get("count"))
        value = f"{count} {award.get('recipient', '')}: {award.get('award', '')}"
        found.append((award.get("evidence"), "award", f"a{i}", f"a{i}", value))
    for i, reason in enumerate(record.get("meeting_evidence") or []):
        value = f"{reason.get('weight', 0):+g} {reason.get('reason', '')}"
        found.append((reason.get("evidence"), "meeting", f"m{i}", f"m{i}", value))
    spans, mismatched = [], 0
    for ev, fld, entry, key, value in found:
        if not ev:
            continue
        start, end = ev.get("start", 0), ev.get("end", 0)
        if not (0 <= start < end <= len(text)) or text[start:end] != ev.get("text"):
            mismatched += 1
            continue
        spans.append(Span(start, end, fld, entry, key, str(value), ev.get("rule", "")))
    return spans, mismatched


def segments(text: str, spans: list[Span]) -> list[tuple[str, list[int]]]:
    """The text cut at every span boundary: ``(piece, indexes of the spans covering it)``, outermost first.

    Joined, the pieces give the text back, so overlapping and nested spans
    never lose or repeat a character. One sweep over the boundaries, so a long
    article with thousands of spans costs no more than its pieces.

    >>> segments("ab cd", [Span(0, 5, "x", "e", "k", "", ""), Span(3, 5, "y", "e", "k", "", "")])
    [('ab ', [0]), ('cd', [0, 1])]
    """
    cuts = {0, len(text)}
    for span in spans:
        cuts.update((span.start, span.end))
    bounds = sorted(c for c in cuts if 0 <= c <= len(text))
    order = sorted(range(len(spans)), key=lambda i: (spans[i].start, -spans[i].end, i))
    rank = {i: r for r, i in enumerate(order)}
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        opening.setdefault(span.start, []).append(i)
        closing.setdefault(span.end, []).append(i)
    active: set[int] = set()
    out = []
    for start, end in zip(bounds, bounds[1:]):
        active.difference_update(closing.get(start, ()))
        active.update(opening.get(start, ()))
        out.append((text[start:end], sorted(active, key=rank.__getitem__)))
    return out


def _people_rows(record: dict) -> list[dict]:
    rows = []
    people = [("chair", p) for p in record.get("chairpersons") or []] + [
        ("attendee", p) for p in record.get("attendees") or []
    ]
    for i, (role, person) in enumerate(people):
        rows.append({"entry": f"p{i}", "name": person.get("name", ""), "role": role,
                     "titles": list(person.get("titles") or [])})
    return rows


def _tables(record: dict, flags: dict[str, str] | None = None) -> dict:
    """What the side tables show, entries keyed like the spans (``meeting`` the decision itself)."""
    return {
        "flags": dict(flags or {}),
        "people": _people_rows(record),
        "meeting": bool(record.get("is_meeting_report")),
        "meeting_date": record.get("meeting_date"),
        "published_date": record.get("published_date"),
        "headline": record.get("title"),
        "targets": [{"entry": f"t{i}", "text": t.get("text", ""), "achieved": t.get("achieved"),
                     "total": t.get("total"), "unit": t.get("unit", "")}
                    for i, t in enumerate(record.get("targets") or [])],
        "awards": [{"entry": f"a{i}", "count": a.get("count"), "approximate": bool(a.get("approximate")),
                    "recipient": a.get("recipient", ""), "award": a.get("award", "")}
                   for i, a in enumerate(record.get("awards") or [])],
        "reasons": [{"entry": f"m{i}", "reason": r.get("reason", ""), "rule": r.get("rule", ""),
                     "weight": r.get("weight", 0)}
                    for i, r in enumerate(record.get("meeting_evidence") or [])],
    }


def article_data(item: ReviewItem) -> dict:
    """One article's section as JSON data for the page's script."""
    record = _record_dict(item.record)
    spans, mismatched = evidence_spans(record, item.text)
    notes = list(item.notes)
    if mismatched:
        notes.append(f"{mismatched} evidence span(s) do not match this text and are not shown")
    data = {
        "source": record.get("source") or "",
        "segments": segments(item.text, spans),
        "spans": [[s.field, s.entry, s.key, s.value, s.rule] for s in spans],
        "record": _tables(record, item.flags),
        "notes": notes,
    }
    if item.gold is not None:
        data["gold"] = _tables(item.gold, item.gold_flags)
    return data


def _summary(item: ReviewItem) -> dict:
    record = _record_dict(item.record)
    return {
        "source": record.get("source") or "",
        "meeting": bool(record.get("is_meeting_report")),
        "date": record.get("meeting_date") or "",
        "people": len(record.get("chairpersons") or []) + len(record.get("attendees") or []),
        "targets": len(record.get("targets") or []),
        "awards": len(record.get("awards") or []),
        "notes": len(item.notes),
    }


def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("extractor", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_review(items: Iterable[ReviewItem], title: str = "extract-report review") -> str:
    """The review page of the items, as one self-contained HTML string."""
    items = list(items)
    articles = [{"n": n, "summary": _summary(item), "data": article_data(item)} for n, item in enumerate(items)]
    template = _environment().get_template("review.html.j2")
    with_notes = any(a["summary"]["notes"] for a in articles)
    return template.render(title=title, articles=articles, fields=FIELDS, with_notes=with_notes)


# -- the command ---------------------------------------------------------------------------

EPILOG = """\
examples:
  extract-report review article.txt -o review.html
  extract-report review crawl/ portal.zip -o review.html
  extract-report review --records results.jsonl --texts crawl/ -o review.html
      (records of a batch run; or records made with --with-text, without --texts)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract-report review",
        description="Write one HTML page showing each article with its evidence highlighted beside its record.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="articles, folders, zip/tar archives, JSON Lines")
    parser.add_argument("-o", "--out", required=True, type=Path, help="the HTML file to write")
    parser.add_argument("--records", type=Path, help="JSON Lines records to review instead of extracting")
    parser.add_argument("--texts", nargs="+", default=[], metavar="PATH",
                        help="the articles the --records were made from (same inputs as the batch run)")
    parser.add_argument("--patterns", action="append", default=[], type=Path, metavar="PATH")
    parser.add_argument("--encoding", metavar="NAME")
    parser.add_argument("--text-field", default="text", help="JSON Lines inputs: the text's field")
    parser.add_argument("--id-field", default="id", help="JSON Lines inputs: the id's field")
    return parser


def _error(source: str, message: str) -> None:
    print(f"Error: {source}: {message}", file=sys.stderr)


def _documents(inputs: list[str], encoding: str | None, max_bytes: int, text_field: str, id_field: str,
               failures: list[int]) -> Iterator[tuple[str, "object"]]:
    """``(source, Document)`` for every readable document of the inputs; errors go to stderr."""
    from .batch.sources import iter_documents
    from .decoding import Document, decode_bytes
    from .errors import ExtractorError

    for item in iter_documents(inputs, max_bytes=max_bytes, text_field=text_field, id_field=id_field):
        if item.error is not None:
            failures.append(1)
            _error(item.source, item.error[1])
            continue
        if item.text is not None:
            yield item.source, Document(text=item.text, encoding="utf-8", source=item.source)
            continue
        try:
            yield item.source, decode_bytes(item.data, source=item.source, encoding=encoding,
                                            max_bytes=max_bytes, html=item.html)
        except ExtractorError as exc:
            failures.append(1)
            _error(item.source, exc.message)


def _read_records(path: Path) -> list[dict]:
    """Records from JSON Lines (``batch``, ``--format jsonl``) or one JSON record or list (the plain command)."""
    import json

    content = path.read_text(encoding="utf-8")
    try:
        whole = json.loads(content)
    except ValueError:
        whole = None
    if isinstance(whole, dict):
        return [whole]
    if isinstance(whole, list) and all(isinstance(r, dict) for r in whole):
        return whole
    records = []
    for number, line in enumerate(content.splitlines(), 1):
        if line.strip():
            try:
                record = json.loads(line)
            except ValueError:
                raise ValueError(f"line {number} is not JSON") from None
            if not isinstance(record, dict):
                raise ValueError(f"line {number} is not a JSON object")
            records.append(record)
    return records


def _stem(source: str) -> str:
    return Path(source.split("!")[-1]).stem


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.records is None and not args.inputs:
        parser.error("give articles to extract, or --records (with --texts)")
    if args.records is not None and args.inputs:
        parser.error("give either articles or --records, not both")
    from .decoding import DEFAULT_MAX_BYTES

    failures: list[int] = []
    items: list[ReviewItem] = []
    if args.records is not None:
        try:
            records = _read_records(args.records)
        except (OSError, ValueError) as exc:
            _error(str(args.records), str(getattr(exc, "strerror", None) or exc))
            return 1
        texts: dict[str, str] = {}
        stems: dict[str, str] = {}
        for source, document in _documents(args.texts, args.encoding, DEFAULT_MAX_BYTES,
                                           args.text_field, args.id_field, failures):
            texts[source] = document.text
            stems.setdefault(_stem(source), source)
        for record in records:
            source = str(record.get("source") or record.get("id") or "")
            text = record.get("text")
            if text is None:
                text = texts.get(source)
            if text is None and _stem(source) in stems:
                text = texts[stems[_stem(source)]]
            if text is None:
                failures.append(1)
                _error(source or str(args.records), "no text for this record (give --texts, or records made --with-text)")
                continue
            items.append(ReviewItem(text=text, record=record))
    else:
        from .api import Extractor
        from .errors import ExtractorError

        extractor = Extractor(patterns=args.patterns)
        for source, document in _documents(args.inputs, args.encoding, extractor.max_bytes,
                                           args.text_field, args.id_field, failures):
            try:
                report = extractor.extract_document(document)
            except ExtractorError as exc:
                failures.append(1)
                _error(source, exc.message)
                continue
            record = report.to_json_dict()
            record["source"] = source
            items.append(ReviewItem(text=document.text, record=record))
    page = render_review(items)
    try:
        args.out.write_text(page, encoding="utf-8")
    except OSError as exc:
        _error(str(args.out), f"cannot be written ({exc.strerror or exc})")
        return 1
    print(f"{args.out}: {len(items)} article(s)", file=sys.stderr)
    return 1 if failures else 0
