"""The batch driver: inputs in, records and error lines out, a summary at the end.

One process reads the inputs (lazily), hands chunks to an engine, and writes
every result as it comes back, in **completion order**: with several workers
the output order differs from the input order (sort by ``source`` if it
matters). Every document read ends as exactly one record in the output or
one line in ``<out>.errors.jsonl``.

Resume: the sources already present in the output and in the errors file
are done; a resumed run reads the inputs again from the start, skips those
documents without reading their bytes, and appends the rest. Ids are
therefore what ties runs together: resume with the same input arguments.
With ``retry_errors`` it runs only the sources of the errors file; at the
end the errors file is rewritten (atomically) without those that now have a
record, and with one line each for those that failed again.
"""
from __future__ import annotations

import datetime as dt
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractorError
from .engines import DEFAULT_FACTORY, WorkerConfig, WorkerInitError, default_workers, make_engine
from .sinks import ErrorSink, ResumeError, errors_path, open_sink, output_paths, remove_outputs
from .sources import ReadStats, SourceItem, count_documents, format_size, iter_documents

ENGINES = ("local", "dask", "serial")
FORMATS = ("jsonl", "parquet")
DEFAULT_CHUNK_SIZE = 16
DEFAULT_CHUNK_BYTES = 4 * 1024 * 1024
DEFAULT_DOC_TIMEOUT = 30.0


class BatchError(ExtractorError):
    """A batch run cannot start or go on (unreadable earlier output, extractor fails to load...)."""

    kind = "batch"


class BatchUsageError(BatchError):
    """The run is asked wrongly (missing input, output exists...): the CLI exits with 2."""

    kind = "usage"


class BatchInterrupted(BatchError):
    """Ctrl-C (or SIGTERM): what finished is written; ``summary`` says how far it got."""

    kind = "interrupted"

    def __init__(self, summary: "BatchSummary") -> None:
        super().__init__("interrupted; rerun the same command with --resume to continue")
        self.summary = summary


@dataclass
class BatchSummary:
    """What a run did. ``documents`` counts this run only (records + errors)."""

    out: Path
    errors_path: Path
    format: str
    engine: str
    workers: int
    documents: int = 0
    records: int = 0
    meeting_reports: int = 0
    errors: int = 0
    error_kinds: Counter = field(default_factory=Counter)
    skipped: int = 0
    previous_records: int = 0
    previous_errors: int = 0
    ignored: int = 0
    ignored_example: str | None = None
    renamed: int = 0
    renamed_example: str | None = None
    elapsed: float = 0.0
    first_result_after: float | None = None
    warm_after: float | None = None  # every worker had delivered a result (pipelines loaded)
    documents_at_warm: int = 0
    worker_peak_rss: dict[int, int] = field(default_factory=dict)
    interrupted: bool = False
    doc_timeout: float | None = None
    timeouts: int = 0  # documents stopped at the time limit (also counted in errors)
    worker_restarts: int = 0  # worker processes replaced after a timeout or a death
    retry_errors: bool = False
    retry_left_alone: int = 0  # errors file lines whose source the inputs no longer give

    @property
    def documents_per_second(self) -> float:
        return self.documents / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def steady_documents_per_second(self) -> float:
        """Throughput once every worker had delivered a result, i.e. without start-up."""
        if self.warm_after is None:
            return self.documents_per_second
        span = self.elapsed - self.warm_after
        done = self.documents - self.documents_at_warm
        return done / span if span > 0 and done > 0 else self.documents_per_second

    @property
    def failed(self) -> bool:
        """Some document of this output failed, in this run or an earlier one."""
        return bool(self.errors or self.previous_errors)

    @property
    def exit_code(self) -> int:
        return 130 if self.interrupted else (1 if self.failed else 0)

    def lines(self) -> list[str]:
        """The summary a person reads on stderr."""
        rate = f"{self.documents_per_second:,.1f} documents/s"
        out = [
            f"{self.documents:,} documents read in {self.elapsed:,.1f} s ({rate}, "
            f"{self.engine} engine, {self.workers} worker{'s' if self.workers != 1 else ''}): "
            f"{self.records:,} records, {self.meeting_reports:,} meeting reports, {self.errors:,} errors"
        ]
        if self.retry_errors:
            out.append(
                f"retried {self.documents:,} documents from the errors file: {self.records:,} now have records, "
                f"{self.errors:,} failed again"
                + (f"; {self.retry_left_alone:,} not found in the inputs, left as they were"
                   if self.retry_left_alone else "")
            )
        elif self.skipped or self.previous_records or self.previous_errors:
            out.append(
                f"resumed: skipped {self.skipped:,} documents done by an earlier run "
                f"({self.previous_records:,} records, {self.previous_errors:,} errors already written)"
            )
        if self.errors:
            kinds = ", ".join(f"{kind} {n:,}" for kind, n in self.error_kinds.most_common())
            out.append(f"errors by kind: {kinds}; one line each in {self.errors_path}")
        elif self.previous_errors:
            out.append(f"{self.previous_errors:,} errors from the earlier run are in {self.errors_path}")
        if self.timeouts:
            out.append(
                f"{self.timeouts:,} documents ran past the {self.doc_timeout:g} s limit (--doc-timeout); "
                "each is an error of kind timeout"
            )
        if self.worker_restarts:
            out.append(f"worker processes replaced: {self.worker_restarts:,} (after a timeout or a crash)")
        if self.ignored:
            out.append(
                f"ignored {self.ignored:,} files that are not articles (not .txt/.html/.htm), "
                f"e.g. {self.ignored_example}"
            )
        if self.renamed:
            out.append(f"renamed {self.renamed:,} repeated ids to keep them apart, e.g. {self.renamed_example}")
        if self.worker_peak_rss:
            peak = max(self.worker_peak_rss.values())
            out.append(f"peak memory per worker: {format_size(peak)} ({len(self.worker_peak_rss)} processes)")
        out.append(f"records: {self.out}")
        return out


def _output_format(out: str, fmt: str | None) -> str:
    if fmt:
        if fmt not in FORMATS:
            raise BatchUsageError(f"--format {fmt}: choose jsonl or parquet")
        return fmt
    lower = out.lower()
    if lower.endswith((".parquet", ".pq")):
        return "parquet"
    if lower.endswith((".jsonl", ".ndjson", ".json")):
        return "jsonl"
    raise BatchUsageError(f"--out {out}: cannot tell the format from the name; end it in .jsonl or .parquet, or give --format")


def _check_inputs(inputs: Sequence[str]) -> None:
    if not inputs:
        raise BatchUsageError("no inputs (give folders, .zip/.tar/.tar.gz archives or .jsonl files)")
    seen: dict[str, str] = {}
    for arg in inputs:
        path = Path(arg)
        if not path.exists():
            raise BatchUsageError(f"{arg}: no such file or folder")
        if not (path.is_dir() or path.is_file()):
            raise BatchUsageError(f"{arg}: not a file or folder")
        real = os.path.realpath(arg)
        if real in seen:
            raise BatchUsageError(f"{arg}: given twice (also as {seen[real]})")
        seen[real] = arg


def _check_output(out: str, fmt: str, inputs: Sequence[str], *, resume: bool, overwrite: bool) -> None:
    if resume and overwrite:
        raise BatchUsageError("--resume and --overwrite contradict each other; choose one")
    path = Path(out)
    if path.is_dir():
        raise BatchUsageError(f"--out {out}: is a folder; give a file name ending in .jsonl or .parquet")
    if not path.parent.exists():
        raise BatchUsageError(f"--out {out}: the folder {path.parent} does not exist")
    real_out = os.path.realpath(out)
    for arg in inputs:
        if os.path.realpath(arg) == real_out:
            raise BatchUsageError(f"--out {out}: is also an input")
    existing = [p for p in output_paths(out, fmt) if p.exists()]
    if existing and not (resume or overwrite):
        raise BatchUsageError(
            f"{existing[0]} already exists: add --resume to continue that run, or --overwrite to start again"
        )


def _chunked(items: Iterable[SourceItem], size: int, max_bytes: int) -> Iterator[list[SourceItem]]:
    chunk: list[SourceItem] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += item.size
        if len(chunk) >= size or total >= max_bytes:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class _Counter(threading.Thread):
    """Counts the documents in the background, so the progress bar can show an ETA."""

    def __init__(self, inputs: Sequence[str]) -> None:
        super().__init__(name="batch-count", daemon=True)
        self.inputs = list(inputs)
        self.total: int | None = None

    def run(self) -> None:
        try:
            self.total = count_documents(self.inputs)
        except Exception:  # noqa: BLE001 - an ETA is a nicety
            self.total = None


def _progress_bar(initial: int):
    from tqdm import tqdm

    return tqdm(
        total=None, initial=initial, unit="doc", desc="extracting", dynamic_ncols=True, smoothing=0.05,
        file=sys.stderr,
    )


def _validate_options(encoding, patterns, reference_date, workers, chunk_size, engine, scheduler) -> str:
    if encoding:
        try:
            from ..decoding import known_encoding
        except ImportError:  # pragma: no cover - a decoder without the helper
            import codecs

            def known_encoding(name):
                try:
                    codecs.lookup(name)
                    return True
                except LookupError:
                    return False

        if not known_encoding(encoding):
            raise BatchUsageError(f"--encoding {encoding}: unknown encoding")
    for pattern in patterns:
        if not Path(pattern).exists():
            raise BatchUsageError(f"--patterns {pattern}: no such file or folder")
    if reference_date is not None and not isinstance(reference_date, dt.date):
        try:
            dt.date.fromisoformat(str(reference_date))
        except ValueError:
            raise BatchUsageError(f"--reference-date {reference_date!r} is not YYYY-MM-DD") from None
    if workers is not None and workers < 1:
        raise BatchUsageError("--workers must be at least 1")
    if chunk_size < 1:
        raise BatchUsageError("--chunk-size must be at least 1")
    engine = engine or ("dask" if scheduler else "local")
    if engine not in ENGINES:
        raise BatchUsageError(f"--engine {engine}: choose local, dask or serial")
    if scheduler and engine != "dask":
        raise BatchUsageError("--scheduler needs --engine dask")
    return engine


def run_batch(
    inputs: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    format: str | None = None,
    resume: bool = False,
    overwrite: bool = False,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    text_field: str = "text",
    id_field: str = "id",
    encoding: str | None = None,
    max_bytes: int | None = None,
    patterns: Sequence[str | os.PathLike] = (),
    reference_date: dt.date | str | None = None,
    progress: bool = False,
    part_rows: int = 1000,
    factory: str = DEFAULT_FACTORY,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    retry_errors: bool = False,
) -> BatchSummary:
    """Extract every document of ``inputs`` into ``out`` (``.jsonl`` or ``.parquet``).

    ``inputs``: folders (recursive), ``.zip``, ``.tar[.gz|.bz2|.xz]``,
    ``.jsonl[.gz]`` files of ``{id_field, text_field}`` objects, or single
    article files. Failed documents go to ``<out>.errors.jsonl``.
    ``doc_timeout``: seconds one document may take on the local engine
    (``None`` or 0: no limit). ``retry_errors`` (with ``resume``): run again
    only the documents listed in the errors file.

    Returns the summary; raises ``BatchUsageError`` for a wrong call,
    ``BatchError`` when the run cannot go on, ``BatchInterrupted`` (with the
    summary) on Ctrl-C.
    """
    from ..decoding import DEFAULT_MAX_BYTES

    inputs = [os.fspath(i) for i in inputs]
    out = os.fspath(out)
    engine = _validate_options(encoding, patterns, reference_date, workers, chunk_size, engine, scheduler)
    _check_inputs(inputs)
    fmt = _output_format(out, format)
    _check_output(out, fmt, inputs, resume=resume, overwrite=overwrite)
    if doc_timeout is not None and not doc_timeout >= 0:
        raise BatchUsageError("--doc-timeout must be a number of seconds (0 for no limit)")
    if retry_errors:
        if not resume:
            raise BatchUsageError("--retry-errors needs --resume (it continues the run that wrote --out)")
        if not any(p.exists() for p in output_paths(out, fmt)):
            raise BatchUsageError(f"--retry-errors: no earlier run wrote {out}; nothing to retry")
    workers = workers or default_workers()
    limit = max_bytes or DEFAULT_MAX_BYTES
    cfg = WorkerConfig.from_options(
        patterns=patterns, max_bytes=max_bytes, encoding=encoding, reference_date=reference_date, factory=factory
    )

    if overwrite:
        remove_outputs(out, fmt)
    try:
        sink = open_sink(fmt, out, resume=resume, part_rows=part_rows)
        error_sink = ErrorSink(errors_path(out), resume=resume, records=sink.done)
    except ResumeError as exc:
        raise BatchError(f"cannot resume: {exc.source}: {exc.message}") from None
    summary = BatchSummary(
        out=Path(out), errors_path=errors_path(out), format=fmt, engine=engine, workers=workers,
        previous_records=sink.previous, previous_errors=error_sink.previous,
        doc_timeout=doc_timeout if engine == "local" and doc_timeout else None, retry_errors=retry_errors,
    )
    retry = set(error_sink.done) if retry_errors else None
    fixed: set[str] = set()  # retried documents that now have a record
    if retry is not None:
        skip = lambda source: source not in retry  # noqa: E731
    elif sink.done or error_sink.done:
        skip = lambda source: source in sink.done or source in error_sink.done  # noqa: E731
    else:
        skip = None
    stats = ReadStats()
    items = iter_documents(
        inputs, max_bytes=limit, text_field=text_field, id_field=id_field, skip=skip, stats=stats,
    )
    chunks = _chunked(items, chunk_size, DEFAULT_CHUNK_BYTES)

    bar = counter = None
    if progress:
        bar = _progress_bar(initial=0 if retry is not None else len(sink.done) + len(error_sink.done))
        counter = _Counter(inputs)
        counter.start()

    started = time.monotonic()
    completed = False
    fatal: BaseException | None = None
    runner = None
    try:
        runner = make_engine(engine, cfg, workers=workers, scheduler=scheduler, doc_timeout=doc_timeout)
        with _StopSignals() as stop, _entered(runner, scheduler) as running:
            summary.workers = running.workers
            results = running.run(chunks)
            for result in results:
                if summary.first_result_after is None:
                    summary.first_result_after = time.monotonic() - started
                if result.pid:
                    summary.worker_peak_rss[result.pid] = max(
                        result.peak_rss, summary.worker_peak_rss.get(result.pid, 0)
                    )
                if summary.warm_after is None and len(summary.worker_peak_rss) >= summary.workers:
                    summary.warm_after = time.monotonic() - started
                    summary.documents_at_warm = summary.documents + len(result.outcomes)
                for outcome in result.outcomes:
                    if outcome.ok:
                        sink.write(outcome.record)
                        if retry is not None:
                            fixed.add(outcome.source)
                        summary.records += 1
                        summary.meeting_reports += bool(outcome.record.get("is_meeting_report"))
                    else:
                        error_sink.write(outcome.error_line())
                        summary.errors += 1
                        summary.error_kinds[outcome.kind] += 1
                        summary.timeouts += outcome.kind == "timeout"
                    summary.documents += 1
                if bar is not None:
                    if bar.total is None and counter.total is not None:
                        bar.total = max(counter.total, bar.n + len(result.outcomes))
                    bar.update(len(result.outcomes))
                if stop.requested:
                    results.close()
                    running.close(interrupted=True)
                    break
            else:
                completed = True
            summary.interrupted = not completed
    except KeyboardInterrupt:
        summary.interrupted = True
    except WorkerInitError as exc:
        fatal = BatchError(str(exc))
    except BatchError as exc:
        fatal = exc
    finally:
        summary.elapsed = time.monotonic() - started
        summary.worker_restarts = getattr(runner, "restarts", 0)
        summary.skipped = stats.skipped
        summary.ignored, summary.ignored_example = stats.ignored, stats.ignored_example
        summary.renamed, summary.renamed_example = stats.renamed, stats.renamed_example
        if bar is not None:
            bar.close()
        error_sink.close()
        sink.close(complete=completed)
        if retry is not None:
            # The retried documents that now have a record leave the errors file; those
            # that failed again keep only their new line. Killed before this: --resume does it.
            left = error_sink.compact(fixed)
            summary.previous_errors = left - summary.errors
            if completed:
                summary.retry_left_alone = len(retry) - summary.documents
    if fatal is not None:
        raise fatal
    if summary.interrupted:
        raise BatchInterrupted(summary)
    return summary


class _StopSignals:
    """Ctrl-C or SIGTERM: stop after the result in hand, write everything finished, exit.

    A second Ctrl-C stops at once (``KeyboardInterrupt``); either way what is
    written stays valid and ``--resume`` carries on. Only in the main thread.
    """

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict = {}

    def __enter__(self) -> "_StopSignals":
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                try:
                    self._previous[sig] = signal.signal(sig, self._handle)
                except (ValueError, OSError):  # pragma: no cover - embedded interpreters
                    pass
        return self

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True

    def __exit__(self, *exc) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


class _entered:
    """Enter an engine, turning a cluster that cannot be reached into a ``BatchError``."""

    def __init__(self, engine, scheduler: str | None) -> None:
        self.engine, self.scheduler = engine, scheduler

    def __enter__(self):
        try:
            return self.engine.__enter__()
        except ImportError as exc:
            raise BatchError(
                f"the dask engine needs dask[distributed] ({exc}); "
                "install it with: pip install 'vn-meeting-extractor[batch]'"
            ) from None
        except (OSError, TimeoutError) as exc:
            where = f"the Dask scheduler at {self.scheduler}" if self.scheduler else "a local Dask cluster"
            raise BatchError(f"cannot reach {where} ({exc})") from None

    def __exit__(self, *exc):
        return self.engine.__exit__(*exc)


def extract_stream(
    documents: Iterable[SourceItem | tuple[str, str | bytes]],
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    encoding: str | None = None,
    max_bytes: int | None = None,
    patterns: Sequence[str | os.PathLike] = (),
    reference_date: dt.date | str | None = None,
    factory: str = DEFAULT_FACTORY,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
):
    """Outcomes for a stream of ``(id, text_or_bytes)`` pairs, in completion order, no files involved.

    Pulls from ``documents`` only as workers free up, so the stream may be
    endless. Each outcome has ``.source`` and either ``.record`` (a dict) or
    ``.kind`` and ``.message``. ``doc_timeout`` as for :func:`run_batch`.
    """
    from .engines import _bag_item

    cfg = WorkerConfig(
        patterns=tuple(os.fspath(p) for p in patterns), max_bytes=max_bytes, encoding=encoding,
        reference_date=str(reference_date) if reference_date else None, factory=factory,
    )
    items = (d if isinstance(d, SourceItem) else _bag_item(d) for d in documents)
    runner = make_engine(engine, cfg, workers=workers or default_workers(), scheduler=scheduler,
                         doc_timeout=doc_timeout)
    with _entered(runner, scheduler) as running:
        for result in running.run(_chunked(items, chunk_size, DEFAULT_CHUNK_BYTES)):
            yield from result.outcomes
