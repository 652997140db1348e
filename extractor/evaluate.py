"""``extract-report evaluate``: score the extractor, or a finished run, on a gold folder.

A gold folder holds ``<id>.txt`` (the article as obtained) and ``<id>.json``
(what a careful reader takes from it, ANNOTATION.md's format). A prediction
is matched to its gold by the stem of its ``source`` (or ``id``), so the
records of ``extract-report --format jsonl gold/*.txt`` or of a batch run
over the folder line up with their gold files. The matching rules are in
``extractor.scoring``.

Exit codes: 0 scored; 1 a gold file or article could not be read (the rest
is still scored); 2 a usage error.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .scoring import FIELDS, LIST_FIELDS, Comparison, Counts, Difference, compare

DESCRIPTION = """\
Score records against a gold folder of <id>.txt and <id>.json pairs: precision,
recall and F1 per field, and overall (the mean of the seven field scores)."""

EPILOG = """\
examples:
  extract-report evaluate --gold my_gold/
      extract every <id>.txt of my_gold/ and score it against <id>.json
  extract-report evaluate --gold my_gold/ --per-doc
      and list each miss and extra with its document
  extract-report evaluate --gold my_gold/ --pred out.jsonl --json
      score an existing run (JSON Lines records), print JSON
  extract-report evaluate --gold my_gold/ --review misses.html
      also write a review page of the documents with errors, gold beside prediction

The gold format and the matching rules are described in the README
("Evaluating on your own gold").
"""


class EvaluationError(Exception):
    """A gold file or prediction file that cannot be used; the message says which and why."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source


def doc_id(record: dict) -> str:
    """The gold id a record belongs to: the stem of its ``id`` or ``source``.

    >>> doc_id({"source": "crawl/pg-001.txt"}), doc_id({"source": "portal.zip!a/pg-002.html"})
    ('pg-001', 'pg-002')
    """
    source = record.get("id") or record.get("source") or ""
    if isinstance(source, dict):
        source = source.get("path") or source.get("id") or ""
    return Path(str(source)).stem


def load_gold(folder: Path) -> tuple[dict[str, dict], list[EvaluationError]]:
    """The gold records of a folder by id, and the files that could not be read."""
    gold: dict[str, dict] = {}
    errors: list[EvaluationError] = []
    for path in sorted(folder.glob("*.json")):
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            errors.append(EvaluationError(f"not a readable gold record ({exc})", str(path)))
            continue
        if not isinstance(record, dict):
            errors.append(EvaluationError("not a gold record (a JSON object is expected)", str(path)))
            continue
        gold[path.stem] = record
    return gold, errors


@dataclass
class Predictions:
    """Records read from JSON Lines, by gold id, and how many lines could not be read."""

    records: dict[str, dict] = field(default_factory=dict)
    unreadable_lines: int = 0


def read_predictions(lines: Iterable[str]) -> Predictions:
    """Records from JSON Lines; a later record for the same id replaces an earlier one."""
    out = Predictions()
    for line in lines:
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            out.unreadable_lines += 1
            continue
        if isinstance(record, dict):
            out.records[doc_id(record)] = record
        else:
            out.unreadable_lines += 1
    return out


def extract_gold_texts(gold_dir: Path, ids: Iterable[str], extractor, reference_date=None) -> Iterator[
        tuple[str, dict | None, str | None, EvaluationError | None]]:
    """For each id: its record as JSON and the decoded text, or the error that stopped it."""
    from .decoding import read_document
    from .errors import ExtractorError

    for did in ids:
        path = gold_dir / f"{did}.txt"
        try:
            document = read_document(path, max_bytes=extractor.max_bytes)
            report = extractor.extract_document(document, reference_date=reference_date)
        except ExtractorError as exc:
            yield did, None, None, EvaluationError(exc.message, str(path))
            continue
        yield did, report.to_json_dict(), document.text, None


@dataclass
class DocumentResult:
    """One gold document: its gold, its prediction (None when missing) and how they compare."""

    id: str
    gold: dict
    pred: dict | None
    comparison: Comparison
    text: str | None = None


@dataclass
class Evaluation:
    """Counts per field over a gold folder, and each document's comparison."""

    documents: list[DocumentResult]
    records_read: int
    unreadable_lines: int = 0

    @property
    def missing_records(self) -> list[str]:
        return [d.id for d in self.documents if d.pred is None]

    def counts(self) -> dict[str, Counts]:
        total = {k: Counts() for k in ("is_meeting_report", *LIST_FIELDS)}
        for doc in self.documents:
            for k, c in doc.comparison.counts.items():
                total[k].add(c)
        return total

    @property
    def date_right(self) -> int:
        return sum(d.comparison.date_right for d in self.documents)

    @property
    def date_scored(self) -> int:
        return sum(d.comparison.date_scored for d in self.documents)

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.date_scored if self.date_scored else 1.0

    def field_scores(self) -> dict[str, float]:
        """F1 of each field; accuracy for the meeting date (one value per meeting report)."""
        counts = self.counts()
        return {k: self.date_accuracy if k == "meeting_date" else counts[k].f1 for k in FIELDS}

    @property
    def overall(self) -> float:
        scores = self.field_scores()
        return sum(scores.values()) / len(scores)

    def with_errors(self) -> list[DocumentResult]:
        """The documents with a difference, or with no record at all."""
        return [d for d in self.documents if d.comparison.differences or d.pred is None]

    def to_json(self, per_doc: bool = False) -> dict:
        counts = self.counts()
        fields: dict[str, dict] = {}
        for k in FIELDS:
            if k == "meeting_date":
                fields[k] = {"accuracy": round(self.date_accuracy, 4), "right": self.date_right,
                             "scored": self.date_scored}
            else:
                c = counts[k]
                fields[k] = {"p": round(c.precision, 4), "r": round(c.recall, 4), "f1": round(c.f1, 4),
                             "tp": c.tp, "fp": c.fp, "fn": c.fn}
        out = {
            "documents": len(self.documents),
            "records_read": self.records_read,
            "missing_records": self.missing_records,
            "unreadable_lines": self.unreadable_lines,
            "fields": fields,
            "overall": round(self.overall, 4),
        }
        if per_doc:
            out["errors"] = {d.id: [x.to_json() for x in d.comparison.differences] for d in self.with_errors()}
        return out


def evaluate(gold: dict[str, dict], predictions: dict[str, dict], texts: dict[str, str] | None = None,
             unreadable_lines: int = 0) -> Evaluation:
    """Compares every gold record with the prediction of the same id (none: all missed)."""
    texts = texts or {}
    docs = [DocumentResult(did, g, predictions.get(did), compare(g, predictions.get(did)), texts.get(did))
            for did, g in gold.items()]
    read = sum(1 for did in predictions if did in gold)
    return Evaluation(docs, records_read=read, unreadable_lines=unreadable_lines)


def _show(value) -> str:
    return "null" if value is None else str(value)


def format_table(ev: Evaluation) -> str:
    """The P/R/F1 table, one row per field, then the overall score."""
    counts = ev.counts()
    lines = [
        f"documents {len(ev.documents)}, records {ev.records_read}, missing {len(ev.missing_records)}"
        + (f", unreadable lines {ev.unreadable_lines}" if ev.unreadable_lines else ""),
        f"{'field':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for k in FIELDS:
        if k == "meeting_date":
            lines.append(f"{'meeting_date':<20}{'':>14}{ev.date_accuracy:>7.3f}"
                         f"   accuracy, {ev.date_right} of {ev.date_scored} meetings")
        else:
            c = counts[k]
            lines.append(f"{k:<20}{c.precision:>7.3f}{c.recall:>7.3f}{c.f1:>7.3f}{c.tp:>6}{c.fp:>6}{c.fn:>6}")
    lines.append(f"{'overall':<20}{'':>14}{ev.overall:>7.3f}   mean of the {len(FIELDS)} fields")
    return "\n".join(lines)


def format_errors(ev: Evaluation) -> str:
    """Each document with errors, then one indented line per miss, extra or wrong value."""
    lines = []
    for doc in ev.with_errors():
        lines.append(doc.id + ("  (no record)" if doc.pred is None else ""))
        lines += [f"    {_describe(d)}" for d in doc.comparison.differences]
    return "\n".join(lines)


def _describe(d: Difference) -> str:
    if d.kind == "wrong":
        return f"{d.field}: gold {_show(d.gold)}, predicted {_show(d.pred)}"
    who = f" ({d.person})" if d.person else ""
    value = d.gold if d.kind == "missed" else d.pred
    return f"{d.field} {d.kind}{who}: {value}"


def build_parser() -> argparse.ArgumentParser:
    from .cli import _reference_date

    parser = argparse.ArgumentParser(
        prog="extract-report evaluate", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--gold", required=True, type=Path, metavar="DIR",
                        help="folder of <id>.txt articles and <id>.json gold records")
    parser.add_argument("--pred", type=Path, metavar="FILE.jsonl",
                        help="score these records (one per line) instead of extracting the gold texts")
    parser.add_argument("--per-doc", action="store_true", help="list each miss and extra with its document")
    parser.add_argument("--json", action="store_true", help="print the scores (and --per-doc errors) as JSON")
    parser.add_argument("--review", type=Path, metavar="FILE.html",
                        help="write a review page of the documents with errors, gold beside prediction")
    parser.add_argument("--patterns", action="append", default=[], type=Path, metavar="PATH",
                        help="extra pattern file or folder for the extraction; repeatable")
    parser.add_argument("--reference-date", type=_reference_date, metavar="YYYY-MM-DD",
                        help="year for articles that never state it (extraction only)")
    return parser


def _error(err: EvaluationError) -> None:
    print(f"Error: {err.source}: {err.message}" if err.source else f"Error: {err.message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.gold.is_dir():
        parser.error(f"--gold {args.gold}: no such folder")
    if args.pred is not None and not args.pred.is_file():
        parser.error(f"--pred {args.pred}: no such file")
    if args.pred is not None and (args.patterns or args.reference_date):
        parser.error("--patterns and --reference-date apply to extraction, not to --pred")
    for pattern_path in args.patterns:
        if not pattern_path.exists():
            parser.error(f"--patterns {pattern_path}: no such file or folder")

    gold, problems = load_gold(args.gold)
    if not gold and not problems:
        parser.error(f"--gold {args.gold}: no <id>.json gold records in the folder")
    texts: dict[str, str] = {}
    unreadable = 0
    if args.pred is not None:
        try:
            with args.pred.open(encoding="utf-8") as handle:
                predictions = read_predictions(handle)
        except (OSError, UnicodeDecodeError) as exc:
            _error(EvaluationError(f"cannot be read ({exc})", str(args.pred)))
            return 1
        records, unreadable = predictions.records, predictions.unreadable_lines
    else:
        from .api import Extractor
        from .errors import ExtractorError

        try:
            extractor = Extractor(patterns=args.patterns)
        except ExtractorError as exc:
            _error(EvaluationError(exc.message, exc.source or "patterns"))
            return 1
        records = {}
        from .cli import _progress

        for did, record, text, err in extract_gold_texts(args.gold, _progress(list(gold)), extractor,
                                                         args.reference_date):
            if err is not None:
                problems.append(err)
                continue
            records[did], texts[did] = record, text
    for err in problems:
        _error(err)

    result = evaluate(gold, records, texts, unreadable)
    if args.json:
        print(json.dumps(result.to_json(per_doc=args.per_doc), ensure_ascii=False, indent=2))
    else:
        if args.per_doc and result.with_errors():
            print(format_errors(result))
            print()
        print(format_table(result))
    if args.review:
        from .evaluate_review import write_review

        try:
            write_review(result, args.review, args.gold)
        except OSError as exc:
            _error(EvaluationError(f"cannot be written ({exc.strerror or exc})", str(args.review)))
            return 1
    return 1 if problems else 0
