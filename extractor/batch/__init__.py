"""Batch runs over folders and archives, on local processes or a Dask cluster.

Example (not run as a doctest: it needs input files)::

    from extractor.batch import run_batch

    summary = run_batch(["crawl/", "portal-2021.zip"], "results.jsonl", workers=2)
    summary.records, summary.errors, summary.exit_code

Python API
    ``run_batch(inputs, out, ...)``  the ``extract-report batch`` command as a call
    ``iter_documents(inputs, ...)``  the documents of folders/archives/JSON Lines, lazily
    ``extract_stream(pairs, ...)``   outcomes for any stream of ``(id, text)`` pairs
    ``extract_bag(bag, ...)``        a Dask bag of ``(id, text)`` to a bag of record dicts
    ``read_records(out)``            read an output back (JSON Lines or Parquet, even half written)

Output order is completion order, not input order. See ``sinks`` for the
Parquet layout and ``runner`` for how ``--resume`` works.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

from .engines import DEFAULT_FACTORY, Outcome, WorkerConfig, extract_partition
from .runner import (
    BatchError,
    BatchInterrupted,
    BatchSummary,
    BatchUsageError,
    extract_stream,
    run_batch,
)
from .sinks import read_errors, read_records
from .sources import SourceItem, iter_documents


def extract_bag(
    bag,
    *,
    patterns: Sequence[str | os.PathLike] = (),
    max_bytes: int | None = None,
    encoding: str | None = None,
    reference_date: dt.date | str | None = None,
    errors: str = "include",
    factory: str = DEFAULT_FACTORY,
):
    """A Dask bag of ``(id, text)`` pairs in, a bag of record dicts out (lazy).

    ``text`` may also be ``bytes`` (decoded like a file; an id ending in
    ``.html`` is read as HTML). A failed document becomes
    ``{"source": id, "error": {"kind": ..., "message": ...}}`` with
    ``errors="include"`` (the default), is left out with ``errors="drop"``,
    and fails the computation with ``errors="raise"``. Each Dask worker
    loads the extractor once and keeps it.

    Example (with a ``distributed.Client`` running, or any Dask scheduler)::

        import dask.bag as db

        pairs = db.from_sequence([("a", "Sáng 17/01/2022, ...")], npartitions=1)
        records = extract_bag(pairs).compute()
    """
    if errors not in ("include", "drop", "raise"):
        raise ValueError("errors must be 'include', 'drop' or 'raise'")
    cfg = WorkerConfig.from_options(
        patterns=patterns, max_bytes=max_bytes, encoding=encoding, reference_date=reference_date, factory=factory
    )
    return bag.map_partitions(extract_partition, cfg, errors)


def is_error(result: dict) -> bool:
    """Whether a dict from ``extract_bag`` is a failed document rather than a record."""
    return "error" in result and "is_meeting_report" not in result


__all__ = [
    "BatchError",
    "BatchInterrupted",
    "BatchSummary",
    "BatchUsageError",
    "Outcome",
    "SourceItem",
    "extract_bag",
    "extract_stream",
    "is_error",
    "iter_documents",
    "read_errors",
    "read_records",
    "run_batch",
]
