"""Output writers: JSON Lines and Parquet, written so that a killed run loses nothing finished.

JSON Lines (``results.jsonl``)
    One record per line, each line written and flushed as a whole. A run
    killed mid-line leaves a torn last line; ``--resume`` cuts it off and
    redoes that document.

Parquet (``results.parquet``)
    A Parquet file is unreadable until its footer is written, so while a run
    goes on records land in ``results.parquet.parts/``:

    - ``_journal.jsonl``: every record, one flushed JSON line, as it arrives;
    - ``part-00000.parquet``, ``part-00001.parquet``...: every ``part_rows``
      records (or ``part_seconds``), the journal's records become a complete
      part file (written under a temporary name, then renamed) and the
      journal starts again.

    At the end of the run the parts are merged into ``results.parquet`` (a
    single file) and the folder is removed. After a SIGKILL the folder is a
    readable Parquet dataset (``pyarrow.parquet.read_table`` on the folder
    ignores ``_``- and ``.``-prefixed files) plus the journal;
    :func:`read_records` reads both, and ``--resume`` turns the journal into
    a part and goes on.

    Columns: scalar fields (``source``, ``is_meeting_report``, ``title``,
    dates, ``encoding``) keep their types, lists of strings
    (``warnings``) are ``list<string>``, and nested fields (people, targets,
    awards, evidence) are JSON text, listed in the schema metadata under
    ``extractor.json_columns``. :func:`read_records` gives back the same
    dicts as the JSON Lines output.

Errors go to ``<out>.errors.jsonl`` in both cases, one ``{"source", "kind",
"message"}`` line per failed document.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Container, Iterator
from pathlib import Path

from ..errors import ExtractorError
from .sources import SeenSources

JSON_COLUMNS_KEY = b"extractor.json_columns"
MERGE_ROW_GROUP = 10_000


class ResumeError(ExtractorError):
    """The output of an earlier run cannot be read back, so resuming would guess."""

    kind = "resume"


def errors_path(out: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(out)}.errors.jsonl")


def parts_path(out: str | os.PathLike) -> Path:
    return Path(f"{os.fspath(out)}.parts")


def output_paths(out: str | os.PathLike, fmt: str) -> list[Path]:
    """Every path a run with this output may create."""
    paths = [Path(out), errors_path(out), Path(f"{errors_path(out)}.tmp")]
    if fmt == "parquet":
        paths += [parts_path(out), Path(f"{os.fspath(out)}.tmp")]
    return paths


def remove_outputs(out: str | os.PathLike, fmt: str) -> None:
    for path in output_paths(out, fmt):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


# -- JSON Lines ------------------------------------------------------------------------------


def scan_jsonl(path: str | os.PathLike, *, repair: bool = True) -> Iterator[dict]:
    """The objects of a JSON Lines file written by a run that may have been killed.

    A torn last line (no newline, or not JSON) is cut off when ``repair`` is
    true; a bad line anywhere else raises ``ResumeError``.
    """
    path = Path(path)
    if not path.exists():
        return
    good_end = 0
    torn_at: int | None = None
    with open(path, "rb") as stream:
        lineno = 0
        for raw in stream:
            lineno += 1
            try:
                if not raw.endswith(b"\n"):
                    raise ValueError("no newline")
                obj = json.loads(raw)
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
            except ValueError:
                if stream.read(1):  # not the last line: damage we cannot explain
                    raise ResumeError(
                        f"line {lineno} is not a JSON record; cannot tell which documents are done "
                        "(fix or remove that line, or start again with --overwrite)",
                        str(path),
                    ) from None
                torn_at = good_end
                break
            good_end += len(raw)
            yield obj
    if torn_at is not None and repair:
        with open(path, "r+b") as stream:
            stream.truncate(torn_at)


class JsonlWriter:
    """Appends one JSON object per line, each flushed before ``write`` returns."""

    def __init__(self, path: str | os.PathLike, *, append: bool = True) -> None:
        self.path = Path(path)
        self._stream = open(self.path, "a" if append else "w", encoding="utf-8", newline="\n")

    def write(self, obj: dict) -> None:
        self._stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
        self._stream.flush()

    def truncate(self) -> None:
        self._stream.seek(0)
        self._stream.truncate()
        self._stream.flush()

    def close(self) -> None:
        if not self._stream.closed:
            self._stream.close()


class RecordSink:
    """Where records go. ``done`` holds the sources already written by an earlier run."""

    path: Path
    done: SeenSources  # a set that moves to a temporary SQLite file when large
    previous: int = 0  # records written by earlier runs

    def write(self, record: dict) -> None:
        raise NotImplementedError

    def close(self, *, complete: bool) -> None:
        """``complete``: the run ended (not interrupted); Parquet then merges its parts."""
        raise NotImplementedError


class JsonlSink(RecordSink):
    def __init__(self, path: str | os.PathLike, *, resume: bool = False) -> None:
        self.path = Path(path)
        self.done = SeenSources()
        if resume:
            for record in scan_jsonl(self.path):
                self.done.add(record.get("source"))
                self.previous += 1
        self._writer = JsonlWriter(self.path, append=resume)

    def write(self, record: dict) -> None:
        self._writer.write(record)

    def close(self, *, complete: bool) -> None:
        self._writer.close()
        self.done.close()


class ErrorSink:
    """``<out>.errors.jsonl``: one ``{"source", "kind", "message"}`` line per failed document.

    On resume the file is first made consistent with the records: a source
    that has a record loses its error line, and a source with several lines
    (a document that failed again on ``--retry-errors``) keeps its last one.
    A run killed between writing a record and rewriting this file is thus
    repaired by the next ``--resume``.
    """

    def __init__(self, path: str | os.PathLike, *, resume: bool = False,
                 records: Container[str] = frozenset()) -> None:
        self.path = Path(path)
        self.done: set[str] = set()
        self.previous = 0
        if resume:
            self.previous = self._compact(records)
        self._writer: JsonlWriter | None = None
        self._append = resume
        if not resume and self.path.exists():
            self.path.unlink()

    def write(self, line: dict) -> None:
        if self._writer is None:  # no errors, no file
            self._writer = JsonlWriter(self.path, append=self._append)
        self._writer.write(line)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def compact(self, records: Container[str]) -> int:
        """Drop the lines of sources in ``records``, keep one line per source; returns the lines left."""
        self.close()
        self._append = True
        return self._compact(records)

    def _compact(self, records: Container[str]) -> int:
        last: dict[str | None, int] = {}
        lines = 0
        for lines, line in enumerate(scan_jsonl(self.path), 1):
            last[line.get("source")] = lines
        self.done = {source for source in last if source not in records}
        if len(self.done) == lines:
            return lines
        tmp = Path(f"{self.path}.tmp")
        with open(tmp, "w", encoding="utf-8", newline="\n") as stream:
            for number, line in enumerate(scan_jsonl(self.path, repair=False), 1):
                source = line.get("source")
                if last[source] == number and source not in records:
                    stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, self.path)  # never half rewritten
        if not self.done:
            self.path.unlink()
        return len(self.done)


# -- Parquet ---------------------------------------------------------------------------------


def parquet_schema():
    """The Arrow schema of a record, derived from ``MeetingReport``; nested fields as JSON text."""
    import pyarrow as pa

    from ..model import MeetingReport

    scalars = {"string": pa.string(), "boolean": pa.bool_(), "integer": pa.int64(), "number": pa.float64()}
    fields, json_columns = [], []
    for name, prop in MeetingReport.model_json_schema()["properties"].items():
        variants = [v for v in prop.get("anyOf", [prop]) if v.get("type") != "null"]
        arrow_type = None
        if len(variants) == 1 and "$ref" not in variants[0]:
            kind = variants[0].get("type")
            if kind in scalars:
                arrow_type = scalars[kind]
            elif kind == "array" and variants[0].get("items", {}).get("type") in scalars:
                arrow_type = pa.list_(scalars[variants[0]["items"]["type"]])
        if arrow_type is None:
            arrow_type = pa.string()
            json_columns.append(name)
        fields.append(pa.field(name, arrow_type, nullable=True))
    metadata = {JSON_COLUMNS_KEY: json.dumps(json_columns).encode()}
    return pa.schema(fields, metadata=metadata), json_columns


def records_to_table(records: list[dict], schema, json_columns: list[str]):
    import pyarrow as pa

    columns = {}
    json_set = set(json_columns)
    for name in schema.names:
        values = [record.get(name) for record in records]
        if name in json_set:
            values = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
        columns[name] = values
    return pa.Table.from_pydict(columns, schema=schema)


def _table_records(table, json_columns: list[str]) -> Iterator[dict]:
    json_set = set(json_columns)
    for row in table.to_pylist():
        yield {k: (json.loads(v) if k in json_set and v is not None else v) for k, v in row.items()}


def _json_columns_of(schema) -> list[str]:
    raw = (schema.metadata or {}).get(JSON_COLUMNS_KEY)
    return json.loads(raw) if raw else []


def _parquet_sources(path: Path) -> Iterator[str]:
    """The ``source`` column, a batch at a time (a whole column of a big file would be a big list)."""
    import pyarrow.parquet as pq

    try:
        for batch in pq.ParquetFile(path).iter_batches(columns=["source"], batch_size=MERGE_ROW_GROUP):
            yield from batch.column(0).to_pylist()
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds
        raise ResumeError(f"cannot read the Parquet file ({exc})", str(path)) from None


def _part_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("part-*.parquet") if p.is_file())


class ParquetSink(RecordSink):
    """Parquet output written as part files plus a journal, merged into one file at the end."""

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        resume: bool = False,
        part_rows: int = 1000,
        part_seconds: float = 60.0,
    ) -> None:
        self.path = Path(path)
        self.parts = parts_path(path)
        self.tmp = Path(f"{self.path}.tmp")
        self.journal_path = self.parts / "_journal.jsonl"
        self.part_rows = max(1, part_rows)
        self.part_seconds = part_seconds
        self.schema, self.json_columns = parquet_schema()
        self.done = SeenSources()
        self._buffer: list[dict] = []
        self._last_flush = time.monotonic()
        if not resume:
            for stale in (self.path, self.tmp):
                if stale.exists():
                    stale.unlink()
            shutil.rmtree(self.parts, ignore_errors=True)
        self._recover()
        self.parts.mkdir(parents=True, exist_ok=True)
        self._next_part = len(_part_files(self.parts))
        pending = [r for r in scan_jsonl(self.journal_path) if r.get("source") not in self.done]
        if pending:  # records a killed run had journaled but not yet put in a part
            self._write_part(pending)
            for record in pending:
                self.done.add(record.get("source"))
                self.previous += 1
        self._journal = JsonlWriter(self.journal_path, append=False)

    def _recover(self) -> None:
        """Finish or undo what a killed run left half done."""
        marker = self.parts / "_merged"
        if marker.exists():  # the merged file was complete: finish its commit
            if self.tmp.exists():
                os.replace(self.tmp, self.path)
            shutil.rmtree(self.parts)
        if self.tmp.exists():  # a merge that never finished: the parts are still there
            self.tmp.unlink()
        for stale in self.parts.glob(".part-*.tmp") if self.parts.is_dir() else ():
            stale.unlink()
        files = ([self.path] if self.path.exists() else []) + _part_files(self.parts)
        for file in files:
            for source in _parquet_sources(file):
                self.done.add(source)
                self.previous += 1

    def write(self, record: dict) -> None:
        self._journal.write(record)
        self._buffer.append(record)
        if len(self._buffer) >= self.part_rows or time.monotonic() - self._last_flush >= self.part_seconds:
            self._flush_part()

    def _flush_part(self) -> None:
        self._last_flush = time.monotonic()
        if not self._buffer:
            return
        records, self._buffer = self._buffer, []  # never written twice, even if interrupted
        self._write_part(records)
        self._journal.truncate()  # killed just before: resume drops the journal's doubles

    def _write_part(self, records: list[dict]) -> None:
        import pyarrow.parquet as pq

        table = records_to_table(records, self.schema, self.json_columns)
        name = f"part-{self._next_part:05d}.parquet"
        tmp = self.parts / f".{name}.tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.parts / name)  # a part file exists only once complete
        self._next_part += 1

    def close(self, *, complete: bool) -> None:
        self._flush_part()
        self._journal.close()
        if complete:
            self._merge()
        self.done.close()

    def _merge(self) -> None:
        """Parts (and an earlier complete file) into one file, committed by rename."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = _part_files(self.parts)
        if not parts and self.path.exists():
            shutil.rmtree(self.parts, ignore_errors=True)
            return
        files = ([self.path] if self.path.exists() else []) + parts
        with pq.ParquetWriter(self.tmp, self.schema) as writer:
            batches, rows = [], 0
            for file in files:
                for batch in pq.ParquetFile(file).iter_batches(batch_size=MERGE_ROW_GROUP):
                    table = pa.Table.from_batches([batch]).select(self.schema.names).cast(self.schema)
                    batches.append(table)
                    rows += table.num_rows
                    if rows >= MERGE_ROW_GROUP:
                        writer.write_table(pa.concat_tables(batches))
                        batches, rows = [], 0
            if batches or not files:
                writer.write_table(
                    pa.concat_tables(batches) if batches else self.schema.empty_table()
                )
        (self.parts / "_merged").touch()
        os.replace(self.tmp, self.path)
        shutil.rmtree(self.parts)


def open_sink(fmt: str, path: str | os.PathLike, *, resume: bool, part_rows: int = 1000) -> RecordSink:
    if fmt == "parquet":
        return ParquetSink(path, resume=resume, part_rows=part_rows)
    return JsonlSink(path, resume=resume)


# -- reading outputs back ---------------------------------------------------------------------


def read_records(path: str | os.PathLike) -> Iterator[dict]:
    """The records of an output, JSON Lines or Parquet, finished or killed part-way.

    For Parquet this reads the merged file, the part files and the journal
    of a run that did not finish, and decodes the JSON columns, so the dicts
    equal those of the JSON Lines output.
    """
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq") or parts_path(path).is_dir():
        import pyarrow.parquet as pq

        seen: set[str] = set()
        if (parts_path(path) / "_merged").exists():  # killed while committing a finished merge
            tmp = Path(f"{path}.tmp")
            files = [tmp if tmp.exists() else path]
        else:
            files = ([path] if path.is_file() else []) + _part_files(parts_path(path))
        for file in files:
            table = pq.read_table(file)
            for record in _table_records(table, _json_columns_of(table.schema)):
                seen.add(record.get("source"))
                yield record
        for record in scan_jsonl(parts_path(path) / "_journal.jsonl", repair=False):
            if record.get("source") not in seen:
                yield record
        return
    yield from scan_jsonl(path, repair=False)


def read_errors(out: str | os.PathLike) -> Iterator[dict]:
    """The error lines of an output (``<out>.errors.jsonl``)."""
    yield from scan_jsonl(errors_path(out), repair=False)
