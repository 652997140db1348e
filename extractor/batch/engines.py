"""Where the per-document function runs: in this process, a local process pool, or Dask.

All engines run the same function, :func:`process_chunk`, on chunks of
:class:`~extractor.batch.sources.SourceItem` and yield one
:class:`ChunkResult` per chunk **in completion order** (not input order).
Each worker process loads the extractor once (the pool initializer, or the
first chunk a Dask worker sees) and keeps it for every later chunk.

At most ``window`` chunks are in flight (by default two per worker: one in
each worker, one read ahead), so the memory a run holds does not grow with
the size of its inputs.

Local engine: a document that runs past ``doc_timeout`` seconds becomes an
error of kind ``timeout`` and its worker is killed and replaced; a worker
process that dies (a crash in native code, the kernel's OOM killer, a stray
SIGKILL) does not stop the run and loses no document: the document it held
is run again alone, and the one that kills a worker again gets an error of
kind ``crash``. See :class:`LocalEngine`.

Dask engine: Dask cannot stop one running task, so ``doc_timeout`` is not
enforced there (see :class:`DaskEngine`); dead workers are handled as above.
"""
from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import heap
from ..errors import ExtractorError
from .sources import SourceItem, check_text

DEFAULT_FACTORY = "extractor.api:Extractor"
MAX_MESSAGE = 500
MAX_CRASHES_IN_A_ROW = 10  # then the workers, not the documents, are the problem: stop


class WorkerInitError(Exception):
    """The extractor could not be loaded in a worker (bad pattern file...): the run stops."""


@dataclass(frozen=True)
class WorkerConfig:
    """Everything a worker needs to build its extractor and read documents; hashable and small.

    ``factory`` is ``"module:callable"`` returning an object with the
    ``Extractor`` interface, called as ``factory(patterns=..., max_bytes=...)``.
    """

    patterns: tuple[str, ...] = ()
    max_bytes: int | None = None
    encoding: str | None = None
    reference_date: str | None = None
    factory: str = DEFAULT_FACTORY

    @classmethod
    def from_options(cls, *, patterns=(), max_bytes=None, encoding=None, reference_date=None,
                     factory: str = DEFAULT_FACTORY) -> "WorkerConfig":
        """The config for the user's options, in the plain, picklable form workers receive."""
        return cls(
            patterns=tuple(os.fspath(p) for p in patterns),
            max_bytes=max_bytes,
            encoding=encoding,
            reference_date=str(reference_date) if reference_date else None,
            factory=factory,
        )

    @property
    def extractor_key(self) -> tuple:
        """What the extractor itself depends on (one extractor per worker per key)."""
        return (self.patterns, self.max_bytes, self.factory)

    @property
    def limit(self) -> int:
        from ..decoding import DEFAULT_MAX_BYTES

        return self.max_bytes or DEFAULT_MAX_BYTES


class Outcome(NamedTuple):
    """A document's result: its record, or the kind and message of its error."""

    source: str
    record: dict | None = None
    kind: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.record is not None

    def error_line(self) -> dict:
        return {"source": self.source, "kind": self.kind, "message": self.message}


@dataclass
class ChunkResult:
    outcomes: list[Outcome]
    pid: int = 0
    peak_rss: int = 0  # bytes, the worker's peak resident set size so far


# -- in the worker ---------------------------------------------------------------------------

_extractors: dict[tuple, object] = {}
_init_errors: dict[tuple, str] = {}
_locks: dict[tuple, threading.Lock] = {}
_registry_lock = threading.Lock()


def _build(cfg: WorkerConfig):
    module_name, _, attr = cfg.factory.partition(":")
    factory = getattr(importlib.import_module(module_name), attr or "Extractor")
    return factory(patterns=list(cfg.patterns), max_bytes=cfg.max_bytes)


def get_extractor(cfg: WorkerConfig):
    """This process's extractor for ``cfg``, loaded on first use and kept."""
    key = cfg.extractor_key
    with _registry_lock:
        if key in _extractors:
            return _extractors[key]
        if key in _init_errors:
            raise WorkerInitError(_init_errors[key])
        try:
            extractor = _build(cfg)
        except ExtractorError as exc:
            message = f"{exc.source}: {exc.message}" if exc.source else exc.message
            _init_errors[key] = message
            raise WorkerInitError(message) from None
        except Exception as exc:  # noqa: BLE001 - reported once, as the reason the run stops
            message = f"cannot load the extractor ({type(exc).__name__}: {exc})"
            _init_errors[key] = message
            raise WorkerInitError(message) from None
        _extractors[key] = extractor
        _locks[key] = threading.Lock()
        return extractor


def _one_line(text: str) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def process_item(extractor, cfg: WorkerConfig, item: SourceItem) -> Outcome:
    """The per-document function: never raises, every document gets a record or an error."""
    if item.error is not None:
        return Outcome(item.source, kind=item.error[0], message=_one_line(item.error[1]))
    try:
        if item.text is not None:
            from .. import decoding

            check_text(item.text, item.source, cfg.limit)
            text, warnings = decoding.repair_text(item.text)
            report = extractor.extract(text, reference_date=cfg.reference_date, source=item.source)
            report.warnings = [*warnings, *report.warnings]
        else:
            from .. import decoding

            document = decoding.decode_bytes(
                item.data, source=item.source, encoding=cfg.encoding, max_bytes=cfg.limit, html=item.html
            )
            report = extractor.extract_document(document, reference_date=cfg.reference_date)
        record = report.to_json_dict()
    except ExtractorError as exc:
        return Outcome(item.source, kind=exc.kind, message=_one_line(exc.message))
    except Exception as exc:  # noqa: BLE001 - an extractor bug must not cost the other documents
        return Outcome(item.source, kind="internal", message=_one_line(f"{type(exc).__name__}: {exc}"))
    record["source"] = item.source
    return Outcome(item.source, record)


def peak_rss() -> int:
    """This process's peak resident set size in bytes (0 where unknown)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def process_chunk(cfg: WorkerConfig, items: list[SourceItem]) -> ChunkResult:
    extractor = get_extractor(cfg)
    with _locks[cfg.extractor_key]:  # one document at a time per extractor, even on a threaded Dask worker
        outcomes = [process_item(extractor, cfg, item) for item in items]
    return ChunkResult(outcomes, os.getpid(), peak_rss())


def crash_outcomes(items: Iterable[SourceItem], message: str) -> ChunkResult:
    return ChunkResult([Outcome(i.source, kind="crash", message=_one_line(message)) for i in items])


# -- engines ---------------------------------------------------------------------------------


class Engine:
    """Runs :func:`process_chunk` over a stream of chunks; a context manager."""

    name = "engine"
    workers = 1

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close(interrupted=exc[0] is not None)

    def close(self, interrupted: bool = False) -> None:
        pass

    def run(self, chunks: Iterable[list[SourceItem]]) -> Iterator[ChunkResult]:
        raise NotImplementedError


class SerialEngine(Engine):
    """Everything in this process: for debugging, tests and tiny inputs. No time limit per document."""

    name = "serial"

    def __init__(self, cfg: WorkerConfig) -> None:
        self.cfg = cfg

    def run(self, chunks):
        for chunk in chunks:
            yield process_chunk(self.cfg, chunk)


def _pool_context():
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        # Never fork this process (it may run threads: tqdm, the counting thread, Dask).
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["extractor.batch.engines"])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_main(cfg: WorkerConfig, conn) -> None:
    """A local worker: load the extractor, then run the chunks the parent sends, saying which document is in hand.

    Messages to the parent: ``("ready", pid)`` or ``("init-error", message)``
    once; then per chunk ``("done", i, outcome)`` for each document and
    ``("end", pid, peak_rss)``. A chunk's first document starts when it
    arrives and each next one when the previous is done, so the parent
    always knows which document is in hand and since when.
    """
    # Ctrl-C reaches the whole process group: let the parent decide, the workers just stop with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        heap.pause_collection()
        try:
            extractor = get_extractor(cfg)
        except WorkerInitError as exc:
            conn.send(("init-error", str(exc)))
            return
        heap.settle(collect=True)
        conn.send(("ready", os.getpid()))
        while True:
            items = conn.recv()
            if items is None:
                return
            for index, item in enumerate(items):
                conn.send(("done", index, process_item(extractor, cfg, item)))
            conn.send(("end", os.getpid(), peak_rss()))
    except (EOFError, OSError):  # the parent is gone
        return


@dataclass
class _Task:
    """Documents for one worker; ``outcomes`` fills as the worker reports them."""

    items: list[SourceItem]
    isolated: bool = False  # a document that was in hand when its worker died, run again alone
    outcomes: list[Outcome] = field(default_factory=list)


class _Worker:
    """One worker process, its pipe, and what it is doing."""

    def __init__(self, ctx, cfg: WorkerConfig) -> None:
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=_worker_main, args=(cfg, child), daemon=True, name="extract-report-worker")
        self.process.start()
        child.close()  # only the worker holds its end: its death shows as EOF here
        self.ready = False
        self.task: _Task | None = None
        self.in_hand: int | None = None  # index in task.items of the document being extracted
        self.began = 0.0

    @property
    def pid(self) -> int:
        return self.process.pid or 0

    def stop(self) -> None:
        """SIGKILL and reap: a stuck worker cannot be asked nicely."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=10)
        self.conn.close()


class LocalEngine(Engine):
    """``workers`` processes on this machine, each loading the extractor once.

    The parent sends each worker one chunk at a time and hears about every
    document as it ends (the next one starts then), so it always knows which
    document a worker holds and for how long:

    - a document that runs past ``doc_timeout`` seconds ends as an error of
      kind ``timeout``; its worker is killed and replaced, and the rest of
      its chunk goes to the next free worker;
    - a worker that dies (SIGKILL, OOM killer, a crash in native code) loses
      nothing: the documents it had finished are kept, the one in hand is run
      again alone on a fresh worker (``crash`` if it kills that one too), the
      rest of its chunk is redone. No document is reported twice.
    """

    name = "local"

    def __init__(self, cfg: WorkerConfig, workers: int, window: int | None = None,
                 doc_timeout: float | None = None) -> None:
        self.cfg = cfg
        self.workers = max(1, workers)
        self.window = max(window or 2 * self.workers, self.workers + 1)
        self.doc_timeout = doc_timeout or None
        self.restarts = 0
        self.timeouts = 0
        self._ctx = None
        self._pool: list[_Worker] = []

    def _spawn(self) -> _Worker:
        if self._ctx is None:
            self._ctx = _pool_context()
        return _Worker(self._ctx, self.cfg)

    def close(self, interrupted: bool = False) -> None:
        pool, self._pool = self._pool, []
        if not interrupted:
            for worker in pool:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
            for worker in pool:
                worker.process.join(timeout=10)
        # Interrupted: the chunks in flight are not written, resume redoes them.
        for worker in pool:
            worker.stop()

    def run(self, chunks):
        from multiprocessing.connection import wait as wait_for

        chunks = iter(chunks)
        todo: deque[_Task] = deque()  # remainders and suspects go first, then chunks read ahead
        exhausted = False
        deaths_in_a_row = 0
        if not self._pool:
            self._pool = [self._spawn() for _ in range(self.workers)]
        pool = self._pool

        def replace(worker: _Worker) -> None:
            worker.stop()
            self.restarts += 1
            pool[pool.index(worker)] = self._spawn()

        def lost(worker: _Worker, timed_out: bool) -> Iterator[ChunkResult]:
            """A worker killed (past the limit) or dead: keep what it finished, requeue the rest."""
            nonlocal deaths_in_a_row
            task, in_hand = worker.task, worker.in_hand
            replace(worker)
            if task is None:
                deaths_in_a_row += not timed_out
            else:
                done = task.outcomes
                rest = task.items[len(done) + (in_hand is not None):]
                if rest:
                    todo.appendleft(_Task(rest))
                if in_hand is not None:
                    item = task.items[in_hand]
                    if timed_out:
                        self.timeouts += 1
                        done.append(Outcome(item.source, kind="timeout", message=(
                            f"still running after {self.doc_timeout:g} s (--doc-timeout); "
                            "its worker process was stopped and replaced")))
                    elif task.isolated:
                        deaths_in_a_row += 1
                        done.append(Outcome(item.source, kind="crash", message=(
                            "the worker process died twice while extracting this document "
                            "(a crash in native code, or out of memory)")))
                    else:
                        deaths_in_a_row += 1
                        todo.appendleft(_Task([item], isolated=True))
                elif not timed_out:
                    deaths_in_a_row += 1
                if done:
                    yield ChunkResult(done)
            if deaths_in_a_row >= MAX_CRASHES_IN_A_ROW:
                raise WorkerInitError(
                    f"worker processes died {deaths_in_a_row} times in a row without finishing a document: "
                    "the extractor cannot run here (out of memory?)"
                )

        def read(worker: _Worker) -> Iterator[ChunkResult]:
            """Everything the worker has sent; its death (EOF) last."""
            nonlocal deaths_in_a_row
            while True:
                try:
                    if not worker.conn.poll():
                        return
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    yield from lost(worker, timed_out=False)
                    return
                kind = message[0]
                if kind == "done":
                    task = worker.task
                    task.outcomes.append(message[2])
                    following = message[1] + 1
                    worker.in_hand = following if following < len(task.items) else None
                    worker.began = time.monotonic()
                    deaths_in_a_row = 0
                elif kind == "end":
                    task, worker.task = worker.task, None
                    yield ChunkResult(task.outcomes, message[1], message[2])
                elif kind == "ready":
                    worker.ready = True
                elif kind == "init-error":
                    raise WorkerInitError(message[1])

        while True:
            for worker in list(pool):
                if not worker.ready or worker.task is not None:
                    continue
                if not todo and not exhausted:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                    else:
                        todo.append(_Task(chunk))
                if not todo:
                    break
                task = todo.popleft()
                worker.task, worker.in_hand, worker.began = task, 0, time.monotonic()
                try:
                    worker.conn.send(task.items)
                except OSError:
                    yield from lost(worker, timed_out=False)
            while not exhausted and len(todo) < self.window - self.workers:
                chunk = next(chunks, None)  # read ahead while the workers work
                if chunk is None:
                    exhausted = True
                else:
                    todo.append(_Task(chunk))
            if exhausted and not todo and all(w.task is None for w in pool):
                return

            timeout = None
            if self.doc_timeout:
                started = [w.began for w in pool if w.in_hand is not None]
                if started:
                    timeout = max(0.0, min(started) + self.doc_timeout - time.monotonic())
            waiting = {w.conn: w for w in pool}
            waiting.update({w.process.sentinel: w for w in pool})
            ready = wait_for(list(waiting), timeout)
            for worker in {waiting[r] for r in ready}:
                if worker in pool:
                    yield from read(worker)
            if self.doc_timeout:
                now = time.monotonic()
                for worker in list(pool):
                    if worker.in_hand is not None and now - worker.began >= self.doc_timeout:
                        yield from read(worker)  # it may have just finished
                        if worker in pool and worker.in_hand is not None:
                            yield from lost(worker, timed_out=True)


class DaskEngine(Engine):
    """The same per-document function on a Dask distributed cluster.

    With ``scheduler`` (``tcp://host:8786``) it connects to that cluster;
    without one it starts a ``LocalCluster`` of ``workers`` processes with one
    thread each. Documents are read here and shipped to the workers in
    chunks, so the workers need the ``extractor`` package but not the input
    files. Results come back here and are written by this process.

    No time limit per document: Dask has no way to stop one running task
    short of restarting its worker, and the scheduler would then run the
    same chunk again elsewhere. A stuck document holds its worker thread
    until it ends; ``--doc-timeout`` applies to the local engine only. A
    worker that dies is handled like a local one (its chunk is redone, the
    document that kills a worker twice is a ``crash`` error).
    """

    name = "dask"

    def __init__(self, cfg: WorkerConfig, workers: int, scheduler: str | None = None, window: int | None = None):
        self.cfg = cfg
        self.scheduler = scheduler
        self.requested_workers = max(1, workers)
        self._window = window
        self.client = None
        self.cluster = None

    def __enter__(self) -> "DaskEngine":
        import logging

        from distributed import Client, LocalCluster

        if self.scheduler:
            _probe(self.scheduler)
            self.client = Client(self.scheduler, set_as_default=False)
        else:
            self.cluster = LocalCluster(
                n_workers=self.requested_workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,  # no dashboard; its HTTP server on any free local port:
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.ERROR,
            )
            self.client = Client(self.cluster, set_as_default=False)
        return self

    @property
    def workers(self) -> int:
        if self.client is None:
            return self.requested_workers
        try:
            info = self.client.scheduler_info(n_workers=-1)
        except TypeError:  # distributed before 2025: every worker is listed anyway
            info = self.client.scheduler_info()
        return len(info.get("workers", {})) or self.requested_workers

    @property
    def window(self) -> int:
        if self._window:
            return self._window
        threads = sum(self.client.nthreads().values()) if self.client else 0
        return 2 * max(1, threads or self.requested_workers)

    def close(self, interrupted: bool = False) -> None:
        client, cluster = self.client, self.cluster
        self.client = self.cluster = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

    def run(self, chunks):
        from distributed import as_completed
        from distributed import KilledWorker

        client, cfg, window = self.client, self.cfg, self.window
        chunks = iter(chunks)
        info: dict = {}
        suspects: deque[SourceItem] = deque()
        flow = as_completed(loop=client.loop)
        exhausted = False

        def submit(chunk, isolated):
            future = client.submit(process_chunk, cfg, chunk, pure=False)
            info[future] = (chunk, isolated)
            flow.add(future)

        while True:
            if suspects:
                # Isolation: one suspect alone on the cluster, so the worker it kills holds
                # nothing else and a crash names its culprit (never an innocent neighbour).
                if not info:
                    submit([suspects.popleft()], True)
            else:
                while not exhausted and len(info) < window:
                    chunk = next(chunks, None)
                    if chunk is None:
                        exhausted = True
                        break
                    submit(chunk, False)
            if not info:
                if exhausted and not suspects:
                    return
                continue
            future = next(flow)
            chunk, isolated = info.pop(future)
            try:
                result = future.result()
            except WorkerInitError:
                raise
            except KilledWorker as exc:
                if isolated:
                    yield crash_outcomes(chunk, f"the Dask worker died while extracting this document ({exc})")
                else:
                    suspects.extend(chunk)
            except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be sent back
                yield ChunkResult([
                    Outcome(i.source, kind="internal", message=_one_line(f"{type(exc).__name__}: {exc}"))
                    for i in chunk
                ])
            else:
                yield result
            finally:
                future.release()


def _probe(address: str, timeout: float = 10.0) -> None:
    """Fail fast, with the OS's reason, when nothing listens at a tcp:// scheduler address."""
    import socket
    from urllib.parse import urlsplit

    parts = urlsplit(address if "://" in address else f"tcp://{address}")
    if parts.scheme not in ("tcp", "tls") or not parts.hostname:
        return  # ucx://, inproc://...: let Dask handle it
    try:
        with socket.create_connection((parts.hostname, parts.port or 8786), timeout=timeout):
            pass
    except OSError as exc:
        raise OSError(exc.strerror or str(exc)) from None


def make_engine(
    engine: str, cfg: WorkerConfig, *, workers: int, scheduler: str | None = None, window: int | None = None,
    doc_timeout: float | None = None,
) -> Engine:
    """``doc_timeout`` (seconds) is enforced by the local engine only (see the module docstring)."""
    if engine == "serial":
        return SerialEngine(cfg)
    if engine == "local":
        return LocalEngine(cfg, workers, window=window, doc_timeout=doc_timeout)
    if engine == "dask":
        return DaskEngine(cfg, workers, scheduler=scheduler, window=window)
    raise ValueError(f"unknown engine {engine!r} (local, dask or serial)")


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


# -- Dask bags -------------------------------------------------------------------------------


def _bag_item(element) -> SourceItem:
    if isinstance(element, dict):
        source, payload = element.get("id"), element.get("text")
    else:
        source, payload = element
    source = str(source)
    if isinstance(payload, (bytes, bytearray)):
        html = True if source.lower().endswith((".html", ".htm")) else None
        return SourceItem(source, data=bytes(payload), html=html)
    if isinstance(payload, str):
        return SourceItem(source, text=payload)
    return SourceItem(source, error=("input", f"expected text (str) or bytes, got {type(payload).__name__}"))


def extract_partition(elements, cfg: WorkerConfig, errors: str = "include") -> list[dict]:
    """Records of one bag partition of ``(id, text)`` pairs (``text`` may be bytes)."""
    items = [_bag_item(e) for e in elements]
    result = process_chunk(cfg, items)
    out = []
    for outcome in result.outcomes:
        if outcome.ok:
            out.append(outcome.record)
        elif errors == "raise":
            raise ExtractorError(f"{outcome.kind}: {outcome.message}", outcome.source)
        elif errors == "include":
            out.append({"source": outcome.source, "error": {"kind": outcome.kind, "message": outcome.message}})
    return out


__all__ = [
    "ChunkResult",
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "Outcome",
    "SerialEngine",
    "WorkerConfig",
    "WorkerInitError",
    "default_workers",
    "extract_partition",
    "make_engine",
    "process_chunk",
    "process_item",
]
