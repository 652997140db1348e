"""The ``extract-report`` command.

Errors a user can cause print one line, ``Error: <file>: <reason>``, on
stderr; the other files are still processed and the exit code is 1. Usage
mistakes exit with 2. Tracebacks only with ``--debug``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from . import __version__, heap
from .errors import ExtractorError

EXAMPLES = """\
examples:
  extract-report samples/district-review.txt          pretty JSON record
  extract-report a.txt b.html c.txt > out.jsonl         JSON Lines, one record per file
  extract-report --format jsonl a.txt                   force JSON Lines
  cat a.txt | extract-report -                          read standard input
  extract-report --reference-date 2017-02-10 a.txt      year for articles that never state it
  extract-report --patterns my_patterns/ a.txt          add your own titles, organisations...
  extract-report --encoding tcvn3 old.txt               force a legacy encoding
  extract-report --schema                               JSON Schema of the record
  extract-report batch crawl/ --out results.jsonl       whole folders and archives (see batch -h)
  extract-report evaluate --gold my_gold/ --per-doc     score on your own gold (see evaluate -h)
  extract-report review a.txt -o review.html            evidence highlighted beside the record (see review -h)

Every value in a record carries evidence: start/end offsets into the decoded
text, the text matched and the rule that produced it.
"""


def _reference_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date in YYYY-MM-DD form") from None


def _size(value: str) -> int:
    units = {"": 1, "B": 1, "K": 1024, "KB": 1024, "M": 1024**2, "MB": 1024**2, "G": 1024**3, "GB": 1024**3}
    text = value.strip().upper()
    number = text.rstrip("KMGB")
    unit = text[len(number):]
    try:
        size = int(float(number) * units[unit])
    except (ValueError, KeyError):
        raise argparse.ArgumentTypeError(f"{value!r} is not a size such as 5MB or 800K") from None
    if size <= 0:
        raise argparse.ArgumentTypeError("the size limit must be positive")
    return size


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="extract-report",
        description="Read Vietnamese meeting articles and print one grounded record per article.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="article files (.txt, .html); '-' reads stdin")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl"),
        help="json: indented (an array for several files); jsonl: one record per line. "
        "Default: json for one file, jsonl for several",
    )
    parser.add_argument(
        "--reference-date",
        type=_reference_date,
        metavar="YYYY-MM-DD",
        help="gives the year when an article states only day and month and has no publication line",
    )
    parser.add_argument(
        "--patterns",
        action="append",
        default=[],
        type=Path,
        metavar="PATH",
        help="extra pattern file or folder (same formats as patterns/); repeatable",
    )
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="force the input encoding (utf-8, utf-16, windows-1258, tcvn3, vni); default: detect",
    )
    parser.add_argument("--max-size", type=_size, metavar="SIZE", help="refuse inputs larger than this (default 5MB)")
    parser.add_argument(
        "--with-text",
        action="store_true",
        help="add the decoded text to each record (what evidence offsets index: for HTML pages, the article's text)",
    )
    parser.add_argument("--schema", action="store_true", help="print the JSON Schema of the record and exit")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _progress(files: list[str]):
    """A progress bar on a terminal when there are many files; the plain list otherwise."""
    if len(files) < 20 or not sys.stderr.isatty():
        return files
    from tqdm import tqdm

    return tqdm(files, unit="doc", file=sys.stderr, leave=False)


def _error(source: str, message: str) -> None:
    print(f"Error: {source}: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "batch":
        from .batch.cli import main as batch_main

        return batch_main(argv[1:])
    if argv and argv[0] == "review":
        from .review import main as review_main

        return review_main(argv[1:])
    if argv and argv[0] == "evaluate":
        from .evaluate import main as evaluate_main

        return evaluate_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)

    if args.schema:
        from .model import MeetingReport

        print(json.dumps(MeetingReport.model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if not args.files:
        parser.error("no input files (give one or more files, or '-' for standard input)")
    for pattern_path in args.patterns:
        if not pattern_path.exists():
            parser.error(f"--patterns {pattern_path}: no such file or folder")
    if args.encoding:
        from .decoding import known_encoding

        if not known_encoding(args.encoding):
            parser.error(f"--encoding {args.encoding}: unknown encoding")

    heap.pause_collection()  # while the pipeline loads and reads the first document: see extractor.heap
    try:
        return _extract_files(args)
    finally:
        heap.settle()


def _extract_files(args: argparse.Namespace) -> int:
    """Each file's record on standard output, in the chosen format; 1 if any file failed."""
    from .api import Extractor
    from .decoding import decode_bytes, read_document

    try:
        extractor = Extractor(patterns=args.patterns, max_bytes=args.max_size)
    except ExtractorError as exc:
        _error(exc.source or "patterns", exc.message)
        return 1

    fmt = args.format or ("json" if len(args.files) == 1 else "jsonl")
    failed = 0
    written = 0
    out = sys.stdout
    if fmt == "json" and len(args.files) > 1:
        out.write("[\n")
    for index, name in enumerate(_progress(args.files)):
        if index == 1:
            heap.settle()
        try:
            if name == "-":
                # one byte past the limit is enough to refuse an endless stream
                document = decode_bytes(
                    sys.stdin.buffer.read(extractor.max_bytes + 1), source="<stdin>", encoding=args.encoding,
                    max_bytes=extractor.max_bytes,
                )
            else:
                document = read_document(name, encoding=args.encoding, max_bytes=extractor.max_bytes)
            report = extractor.extract_document(document, reference_date=args.reference_date)
        except ExtractorError as exc:
            failed += 1
            _error(name, exc.message)
            continue
        except Exception as exc:  # an extractor bug must not cost the other files
            if args.debug:
                raise
            failed += 1
            _error(name, f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details")
            continue
        record = report.to_json_dict()
        if args.with_text:
            record["text"] = document.text
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            text = json.dumps(record, ensure_ascii=False, indent=2)
            if len(args.files) > 1:
                text = ("" if written == 0 else ",\n") + text
            out.write(text + ("\n" if len(args.files) == 1 else ""))
        written += 1
        out.flush()
    if fmt == "json" and len(args.files) > 1:
        out.write("\n]\n")
    return 1 if failed else 0


def run() -> None:
    """Console entry point that turns a closed pipe into a quiet exit."""
    try:
        code = main()
    except BrokenPipeError:
        code = 0
        sys.stderr.close()
    except KeyboardInterrupt:
        code = 130
    sys.exit(code)


if __name__ == "__main__":
    run()
