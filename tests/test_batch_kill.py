"""A real `extract-report batch` run is killed part-way, resumed, and must equal an uninterrupted run."""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zipfile

import pytest

from tests.batch_helpers import FACTORY, REPO_ROOT, build_many, by_source, load_jsonl, text_for
from extractor.batch import read_errors, read_records, run_batch
from extractor.batch.sinks import errors_path, parts_path

pytestmark = pytest.mark.slow


def _inputs(root):
    folder = build_many(root, 200, every_bad=50)  # 4 empty files: errors
    archive = root / "more.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for i in range(200, 260):
            zf.writestr(f"bai/{i}.txt", text_for(i))
    lines = root / "more.jsonl.gz"
    with gzip.open(lines, "wt", encoding="utf-8") as fh:
        for i in range(260, 320):
            fh.write(json.dumps({"id": f"j{i}", "text": text_for(i)}, ensure_ascii=False) + "\n")
    return [str(folder), str(archive), str(lines)]


def _command(inputs, out, *extra):
    return [
        sys.executable, "-m", "extractor.cli", "batch", *inputs, "--out", str(out),
        "--workers", "2", "--chunk-size", "4", "--part-rows", "25", "--quiet",
        "--factory", "tests.batch_helpers:SlowExtractor", *extra,
    ]


def _env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    return env


def _finished(out) -> int:
    """Records on disk so far (cheap enough to poll)."""
    if str(out).endswith(".parquet"):
        parts = parts_path(out)
        journal = parts / "_journal.jsonl"
        n = 25 * len(list(parts.glob("part-*.parquet"))) if parts.is_dir() else 0
        return n + (journal.read_bytes().count(b"\n") if journal.exists() else 0)
    return out.read_bytes().count(b"\n") if out.exists() else 0


def _run_until(cmd, out, at_least: int, sig: int) -> subprocess.CompletedProcess:
    log = open(out.parent / "stderr.txt", "wb")
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.DEVNULL, stderr=log, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while _finished(out) < at_least:
            assert proc.poll() is None, "the run ended before it could be interrupted"
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be interrupted"
        if sig == signal.SIGKILL:
            os.killpg(proc.pid, signal.SIGKILL)  # the command and its workers, like a crash
        else:
            os.killpg(proc.pid, sig)  # Ctrl-C reaches the whole process group
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # any worker left behind
        except ProcessLookupError:
            pass
        log.close()
    return proc


@pytest.mark.parametrize(
    "name, sig",
    [("killed.jsonl", signal.SIGKILL), ("killed.parquet", signal.SIGKILL), ("stopped.jsonl", signal.SIGINT)],
)
def test_resume_after_an_interrupted_run_equals_an_uninterrupted_one(tmp_path, name, sig):
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference.jsonl"
    run_batch(inputs, reference, engine="serial", factory=FACTORY)
    expected_records = by_source(load_jsonl(reference))
    expected_errors = by_source(load_jsonl(errors_path(reference)))
    total = len(expected_records) + len(expected_errors)
    assert total == 320 and len(expected_errors) == 4

    out = tmp_path / name
    cmd = _command(inputs, out)
    proc = _run_until(cmd, out, at_least=60, sig=sig)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
        assert b"--resume" in (tmp_path / "stderr.txt").read_bytes()

    partial = by_source(read_records(out))  # readable as it was left, torn line or not
    assert 60 <= len(partial) < len(expected_records)
    for source, record in partial.items():
        assert record == expected_records[source]

    resumed = subprocess.run(cmd + ["--resume"], env=_env(), capture_output=True, timeout=300)
    assert resumed.returncode == 1, resumed.stderr.decode()  # the 4 empty files failed
    assert by_source(read_records(out)) == expected_records  # by_source: no source twice
    assert by_source(read_errors(out)) == expected_errors
    if name.endswith(".parquet"):
        assert out.is_file() and not parts_path(out).exists()


def test_a_worker_killed_mid_run_loses_no_document_and_duplicates_none(tmp_path):
    """SIGKILL one worker process (not the command): its chunk is redone, the run finishes by itself."""
    inputs = _inputs(tmp_path / "in")
    reference = tmp_path / "reference.jsonl"
    run_batch(inputs, reference, engine="serial", factory=FACTORY)
    expected_records = by_source(load_jsonl(reference))
    expected_errors = by_source(load_jsonl(errors_path(reference)))

    pids = tmp_path / "pids"
    pids.mkdir()
    out = tmp_path / "out.jsonl"
    cmd = [c if c != "tests.batch_helpers:SlowExtractor" else "tests.batch_helpers:PidExtractor"
           for c in _command(inputs, out)]
    cmd.remove("--quiet")
    env = {**_env(), "BATCH_TEST_PID_DIR": str(pids)}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while _finished(out) < 60 or len(list(pids.iterdir())) < 2:
            assert proc.poll() is None, "the run ended before a worker could be killed"
            assert time.monotonic() < deadline, "the run made no progress"
            time.sleep(0.02)
        victim = int(min(p.name for p in pids.iterdir()))
        assert victim != proc.pid
        os.kill(victim, signal.SIGKILL)
        _, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 1, stderr.decode()  # the 4 empty files, nothing else
    assert len(list(pids.iterdir())) == 3  # two workers, one replacement
    assert by_source(read_records(out)) == expected_records  # by_source: no source twice
    assert by_source(read_errors(out)) == expected_errors  # no "crash" line for the document in hand
    assert b"worker processes replaced: 1" in stderr
