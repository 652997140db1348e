"""Documents that stall, fail or kill their worker: the batch goes on, and each document ends once.

The faults are injected by the extractors of ``tests.batch_helpers``
(``StallingExtractor``, ``FlakyExtractor``), loaded by name in the worker
processes, and switched by files named in the texts, so they reach any
process.
"""
from __future__ import annotations

import pytest

from tests.batch_helpers import TEXTS, by_source, load_jsonl, text_for, write
from extractor.batch import read_errors, read_records, run_batch
from extractor.batch.cli import build_parser, main
from extractor.batch.sinks import ErrorSink, errors_path

pytestmark = pytest.mark.slow


def _folder(root, texts):
    folder = root / "docs"
    for i, text in enumerate(texts):
        write(folder / f"{i:02d}.txt", text)
    return folder


# -- time limit per document ----------------------------------------------------------------


def test_a_stuck_document_times_out_its_worker_is_replaced_and_the_rest_is_done(tmp_path):
    texts = [text_for(i) + (" STALL-ME" if i == 4 else "") for i in range(9)]
    folder = _folder(tmp_path, texts)
    reference = tmp_path / "reference.jsonl"
    run_batch([folder], reference, engine="serial", factory="tests.batch_helpers:FlakyExtractor")
    expected = by_source(load_jsonl(reference))

    out = tmp_path / "out.jsonl"
    # chunks of 3: the stuck document is the middle one of the second chunk
    summary = run_batch([folder], out, engine="local", workers=2, chunk_size=3, doc_timeout=5,
                        factory="tests.batch_helpers:StallingExtractor")
    stuck = f"{folder}/04.txt"
    errors = by_source(load_jsonl(errors_path(out)))
    assert set(errors) == {stuck}
    assert errors[stuck]["kind"] == "timeout" and "5 s" in errors[stuck]["message"]
    records = by_source(load_jsonl(out))
    assert records == {source: r for source, r in expected.items() if source != stuck}
    assert (summary.timeouts, summary.errors, summary.records) == (1, 1, 8)
    assert summary.worker_restarts == 1
    assert any("ran past the 5 s limit" in line for line in summary.lines())
    assert summary.exit_code == 1


def test_retry_errors_with_a_longer_limit_gives_the_timed_out_document_its_record(tmp_path):
    folder = _folder(tmp_path, [TEXTS[0], TEXTS[1] + " STALL-ME", TEXTS[2]])
    out = tmp_path / "out.jsonl"
    first = run_batch([folder], out, engine="local", workers=1, doc_timeout=3,
                      factory="tests.batch_helpers:StallingExtractor")
    assert first.timeouts == 1
    # the same documents with an extractor that does not stall: as if the limit were long enough
    again = run_batch([folder], out, engine="local", workers=1, resume=True, retry_errors=True,
                      factory="tests.batch_helpers:FlakyExtractor")
    assert (again.documents, again.records, again.errors) == (1, 1, 0)
    assert len(by_source(load_jsonl(out))) == 3
    assert not errors_path(out).exists() and again.exit_code == 0


def test_doc_timeout_option_reaches_the_run(tmp_path, capsys):
    folder = _folder(tmp_path, [TEXTS[0], TEXTS[3] + " STALL-ME"])
    out = tmp_path / "r.jsonl"
    code = main([str(folder), "--out", str(out), "--workers", "1", "--doc-timeout", "2.5",
                 "--factory", "tests.batch_helpers:StallingExtractor"])
    err = capsys.readouterr().err
    assert code == 1
    assert "errors by kind: timeout 1" in err and "2.5 s limit (--doc-timeout)" in err
    assert "worker processes replaced: 1" in err
    assert [e["kind"] for e in load_jsonl(errors_path(out))] == ["timeout"]


@pytest.mark.parametrize("value", ["-1", "soon", "nan", "inf"])
def test_doc_timeout_must_be_seconds(tmp_path, capsys, value):
    folder = _folder(tmp_path, [TEXTS[0]])
    assert main([str(folder), "--out", str(tmp_path / "r.jsonl"), "--doc-timeout", value]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and "--doc-timeout" in err and err.count("\n") == 1


def test_doc_timeout_zero_means_no_limit():
    assert build_parser().parse_args(["x", "--doc-timeout", "0"]).doc_timeout == 0
    assert build_parser().parse_args(["x"]).doc_timeout == 30


# -- a worker that dies ---------------------------------------------------------------------


def test_a_worker_that_dies_once_loses_no_document_and_duplicates_none(tmp_path):
    switch = tmp_path / "died"
    texts = [text_for(i) + (f" DIE-ONCE:{switch}" if i == 7 else "") for i in range(12)]
    folder = _folder(tmp_path, texts)
    out = tmp_path / "out.jsonl"
    summary = run_batch([folder], out, engine="local", workers=2, chunk_size=4,
                        factory="tests.batch_helpers:FlakyExtractor")
    assert switch.exists()  # the worker did die
    records = by_source(load_jsonl(out))  # by_source: no source twice
    assert set(records) == {f"{folder}/{i:02d}.txt" for i in range(12)}
    assert not errors_path(out).exists()
    assert (summary.records, summary.errors, summary.worker_restarts) == (12, 0, 1)


# -- retrying errors ------------------------------------------------------------------------


def _flaky_corpus(tmp_path):
    """Ten articles; two fail while their switch file exists, one more is empty (fails for good)."""
    bug_a, bug_b = tmp_path / "bug-a", tmp_path / "bug-b"
    bug_a.touch()
    bug_b.touch()
    texts = [text_for(i) for i in range(10)]
    texts[2] += f" FAIL-WHILE:{bug_a}"
    texts[6] += f" FAIL-WHILE:{bug_b}"
    texts[8] = "   "
    return _folder(tmp_path, texts), bug_a, bug_b


@pytest.mark.parametrize("engine, fmt", [("serial", "jsonl"), ("local", "parquet")])
def test_retry_errors_moves_the_fixed_documents_and_keeps_the_others_once(tmp_path, engine, fmt):
    folder, bug_a, bug_b = _flaky_corpus(tmp_path)
    out = tmp_path / f"out.{fmt}"
    options = dict(engine=engine, workers=2, chunk_size=3, factory="tests.batch_helpers:FlakyExtractor")
    first = run_batch([folder], out, **options)
    a, b, empty = (f"{folder}/{i:02d}.txt" for i in (2, 6, 8))
    assert {e["source"]: e["kind"] for e in read_errors(out)} == {a: "internal", b: "internal", empty: "empty"}
    assert first.records == 7

    bug_a.unlink()  # one bug fixed, the other not
    second = run_batch([folder], out, resume=True, retry_errors=True, **options)
    assert (second.documents, second.records, second.errors) == (3, 1, 2)
    assert second.skipped == 7 and second.exit_code == 1
    records = by_source(read_records(out))
    errors = by_source(read_errors(out))  # by_source: one line per source
    assert a in records and a not in errors
    assert set(errors) == {b, empty} and set(records).isdisjoint(errors)
    assert len(records) + len(errors) == 10

    bug_b.unlink()
    third = run_batch([folder], out, resume=True, retry_errors=True, **options)
    assert (third.documents, third.records, third.errors) == (2, 1, 1)
    records = by_source(read_records(out))
    assert set(records) == {f"{folder}/{i:02d}.txt" for i in range(10)} - {empty}
    assert [e["source"] for e in read_errors(out)] == [empty]
    assert any("retried 2 documents from the errors file: 1 now have records, 1 failed again" in line
               for line in third.lines())


def test_retry_errors_runs_nothing_but_the_errors(tmp_path):
    folder, bug_a, bug_b = _flaky_corpus(tmp_path)
    out = tmp_path / "out.jsonl"
    options = dict(engine="serial", factory="tests.batch_helpers:FlakyExtractor")
    run_batch([folder], out, **options)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:4]), encoding="utf-8")  # as if killed after four records
    retried = run_batch([folder], out, resume=True, retry_errors=True, **options)
    assert retried.documents == 3  # the three errors, not the three records lost with the kill
    assert len(load_jsonl(out)) == 4
    resumed = run_batch([folder], out, resume=True, **options)
    assert resumed.documents == 3 and len(by_source(load_jsonl(out))) == 7


def test_resume_repairs_a_retry_killed_before_it_rewrote_the_errors_file(tmp_path):
    out = tmp_path / "out.jsonl"
    write(out, '{"source": "a"}\n{"source": "b"}\n')
    write(errors_path(out), "".join([
        '{"source": "a", "kind": "internal", "message": "x"}\n',  # a got its record afterwards
        '{"source": "c", "kind": "internal", "message": "first try"}\n',
        '{"source": "c", "kind": "timeout", "message": "second try"}\n',  # c failed again
        '{"source": "d", "kind": "empty", "message": "empty text"}\n',
    ]))
    sink = ErrorSink(errors_path(out), resume=True, records={"a", "b"})
    sink.close()
    assert sink.done == {"c", "d"} and sink.previous == 2
    assert [(e["source"], e["message"]) for e in load_jsonl(errors_path(out))] == [
        ("c", "second try"), ("d", "empty text")]


def test_retry_errors_needs_resume_and_an_earlier_run(tmp_path, capsys):
    folder = _folder(tmp_path, [TEXTS[0]])
    out = tmp_path / "r.jsonl"
    assert main([str(folder), "--out", str(out), "--retry-errors"]) == 2
    assert "--retry-errors needs --resume" in capsys.readouterr().err
    assert main([str(folder), "--out", str(out), "--retry-errors", "--resume"]) == 2
    assert "nothing to retry" in capsys.readouterr().err


def test_help_teaches_the_new_options(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for expected in ("--doc-timeout SECONDS", "default 30", "--retry-errors", "--resume --retry-errors",
                     "kind \"timeout\"", "redone"):
        assert expected in out, expected
