"""``extract-report batch``: whole folders and archives, resumable, on all cores or a Dask cluster.

Exit codes: 0 every document has a record; 1 some document failed (each one
has a line in ``<out>.errors.jsonl``) or the run could not go on; 2 a usage
error (missing --out, an input that does not exist...); 130 interrupted.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..cli import _reference_date, _size
from .engines import DEFAULT_FACTORY
from .runner import DEFAULT_CHUNK_SIZE, DEFAULT_DOC_TIMEOUT, BatchError, BatchInterrupted, BatchUsageError, run_batch

DESCRIPTION = """\
Extract a record from every article in folders, archives and JSON Lines
files, in parallel, into one JSON Lines or Parquet file."""

EPILOG = """\
examples:
  extract-report batch crawl/ --out results.jsonl
      every .txt/.html/.htm file under crawl/, recursively
  extract-report batch portal-2021.zip news.tar.gz --out results.parquet
      archives are read as streams, never unpacked to disk
  extract-report batch articles.jsonl.gz --text-field body --id-field url --out results.jsonl
      one {"url": ..., "body": ...} object per line
  extract-report batch crawl/ --out results.jsonl --resume
      after a crash or Ctrl-C: skip what is done, do the rest
  extract-report batch crawl/ --out results.jsonl --resume --retry-errors --doc-timeout 120
      run again only the documents in results.jsonl.errors.jsonl, giving each 2 minutes
  extract-report batch crawl/ --out results.jsonl --workers 4
  extract-report batch crawl/ --out results.jsonl --engine dask --scheduler tcp://host:8786

inputs:
  folders (recursive; .txt, .html, .htm and extension-less files; hidden files
  skipped), .zip, .tar, .tar.gz/.tgz, .tar.bz2, .tar.xz, .jsonl, .jsonl.gz, or
  single article files. A record's "source" is the file path, "archive!member"
  for archive members, or the id field for JSON Lines ("file.jsonl:LINE" when a
  line has none). A repeated id gets "#2", "#3"...

outputs:
  --out results.jsonl   one record per line, same fields as `extract-report`.
  --out results.parquet one row per record; nested fields (people, targets,
                        awards, evidence) are JSON text columns. While running,
                        records go to results.parquet.parts/ (part files and a
                        journal), merged into results.parquet at the end.
  Records are written as they finish, in completion order (not input order).
  Every document that cannot be read or extracted gets one line in
  <out>.errors.jsonl: {"source", "kind", "message"}.

resume:
  A killed run (Ctrl-C, SIGKILL, a crash) leaves every finished record on disk.
  Run the same command with --resume: documents whose source is already in the
  output or the errors file are skipped, the rest are done, none twice.
  --resume --retry-errors runs only the documents listed in the errors file
  (nothing else, not even documents the killed run never reached: a plain
  --resume does those). Each retried document ends either as a record (and
  leaves the errors file) or as its one new line in the errors file.

time limit and crashes (local engine):
  A document still running after --doc-timeout seconds (default 30) becomes an
  error of kind "timeout"; its worker process is killed and replaced and the
  run goes on. A worker that dies (crash, out of memory, killed) loses nothing:
  the document it held is tried once more alone ("crash" if it kills that
  worker too), the rest of its chunk is redone. The dask engine does not
  enforce --doc-timeout (Dask cannot stop one running task); serial neither.

exit status: 0 all documents extracted, 1 some failed (see the errors file),
2 usage error, 130 interrupted.
"""


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line, ``Error: ...``, exit status 2."""

    def error(self, message: str):  # noqa: D401 - argparse's interface
        self.exit(2, f"Error: {message} (see extract-report batch --help)\n")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds") from None
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError("must be a number of seconds, 0 or more (0: no limit)")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="extract-report batch",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help="folders, archives, .jsonl[.gz] files or articles")
    output = parser.add_argument_group("output")
    output.add_argument("--out", "-o", metavar="PATH", help="output file: .jsonl or .parquet (required)")
    output.add_argument("--format", choices=("jsonl", "parquet"), help="output format (default: from --out's name)")
    output.add_argument(
        "--part-rows", type=_positive, default=1000, metavar="N",
        help="Parquet: write a part file every N records while running (default 1000)",
    )
    run = parser.add_argument_group("resuming and retrying")
    run.add_argument("--resume", action="store_true", help="continue an interrupted run into the same --out")
    run.add_argument("--overwrite", action="store_true", help="replace an existing --out (and its errors file)")
    run.add_argument(
        "--retry-errors", action="store_true",
        help="with --resume: run again only the documents listed in <out>.errors.jsonl; "
        "each moves to --out or stays in the errors file (once)",
    )
    par = parser.add_argument_group("workers")
    par.add_argument(
        "--workers", "-j", type=_positive, metavar="N",
        help="worker processes, each loading the extractor once (default: all cores)",
    )
    par.add_argument(
        "--engine", choices=("local", "dask", "serial"),
        help="local: a process pool here (default); dask: a Dask cluster; serial: this process only",
    )
    par.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (implies --engine dask; default: a local cluster)",
    )
    par.add_argument(
        "--chunk-size", type=_positive, default=DEFAULT_CHUNK_SIZE, metavar="N",
        help=f"documents sent to a worker at a time (default {DEFAULT_CHUNK_SIZE})",
    )
    par.add_argument(
        "--doc-timeout", type=_seconds, default=DEFAULT_DOC_TIMEOUT, metavar="SECONDS",
        help=f"stop a document still running after this long: an error of kind timeout, its worker "
        f"replaced (default {DEFAULT_DOC_TIMEOUT:g}; 0: no limit; local engine only). "
        "Raise it with --resume --retry-errors to give the timed-out documents more time",
    )


    inp = parser.add_argument_group("reading")
    inp.add_argument("--text-field", default="text", metavar="NAME", help='JSON Lines: field with the text (default "text")')
    inp.add_argument("--id-field", default="id", metavar="NAME", help='JSON Lines: field with the id (default "id")')
    inp.add_argument(
        "--encoding", metavar="NAME",
        help="force the encoding of files and archive members (utf-8, utf-16, windows-1258, tcvn3, vni); "
        "default: detect",
    )
    inp.add_argument(
        "--max-size", type=_size, metavar="SIZE",
        help="refuse documents larger than this once decompressed (default 5MB); stops zip bombs",
    )

    ext = parser.add_argument_group("extraction")
    ext.add_argument(
        "--patterns", action="append", default=[], type=Path, metavar="PATH",
        help="extra pattern file or folder (same formats as patterns/); repeatable",
    )
    ext.add_argument(
        "--reference-date", type=_reference_date, metavar="YYYY-MM-DD",
        help="gives the year when an article states only day and month",
    )

    out = parser.add_argument_group("display")
    out.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    out.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")

    parser.add_argument("--factory", default=DEFAULT_FACTORY, help=argparse.SUPPRESS)
    return parser


def _print_error(message: str) -> None:
    print(f"Error: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version or a usage error already printed
        return int(exc.code or 0)
    if not args.out:
        _print_error("--out is required (e.g. --out results.jsonl); see extract-report batch --help")
        return 2
    if not args.inputs:
        _print_error("no inputs: give folders, .zip/.tar/.tar.gz archives or .jsonl files")
        return 2

    try:
        summary = run_batch(
            args.inputs,
            args.out,
            format=args.format,
            resume=args.resume,
            overwrite=args.overwrite,
            engine=args.engine,
            workers=args.workers,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            text_field=args.text_field,
            id_field=args.id_field,
            encoding=args.encoding,
            max_bytes=args.max_size,
            patterns=args.patterns,
            reference_date=args.reference_date,
            progress=not args.quiet and sys.stderr.isatty(),
            part_rows=args.part_rows,
            factory=args.factory,
            doc_timeout=args.doc_timeout or None,
            retry_errors=args.retry_errors,
        )
    except BatchUsageError as exc:
        _print_error(exc.message)
        return 2
    except BatchInterrupted as exc:
        if not args.quiet:
            for line in exc.summary.lines():
                print(line, file=sys.stderr)
        _print_error(exc.message)
        return 130
    except BatchError as exc:
        _print_error(exc.message)
        return 1
    except Exception as exc:
        if args.debug:
            raise
        _print_error(f"internal error ({type(exc).__name__}: {exc}); rerun with --debug for details")
        return 1
    except KeyboardInterrupt:  # a second Ctrl-C while shutting down
        _print_error("interrupted; rerun the same command with --resume to continue")
        return 130
    if not args.quiet:
        for line in summary.lines():
            print(line, file=sys.stderr)
    return summary.exit_code
