"""Batch runs end to end, in process: outputs, errors, resume, engines, the command line."""
from __future__ import annotations

import json
import threading

import pytest

from tests.batch_helpers import FACTORY, TEXTS, build_corpus, build_many, by_source, load_jsonl, text_for, write
from extractor.batch import (
    BatchError,
    extract_stream,
    read_errors,
    read_records,
    run_batch,
)
from extractor.batch.cli import main
from extractor.batch.sinks import ParquetSink, errors_path, parts_path


def run(corpus, out, **kwargs):
    kwargs.setdefault("engine", "serial")
    kwargs.setdefault("factory", FACTORY)
    return run_batch(
        corpus["inputs"], out, text_field=corpus["text_field"], id_field=corpus["id_field"], **kwargs
    )


def cli(corpus, out, *extra):
    return main([
        *corpus["inputs"], "--out", str(out), "--text-field", corpus["text_field"],
        "--id-field", corpus["id_field"], "--factory", FACTORY, *extra,
    ])


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One uninterrupted serial run over every kind of input, to compare other runs with."""
    root = tmp_path_factory.mktemp("reference")
    corpus = build_corpus(root / "in")
    out = root / "out.jsonl"
    summary = run(corpus, out)
    return corpus, summary, by_source(load_jsonl(out)), by_source(load_jsonl(errors_path(out)))


def test_every_document_gives_one_record_or_one_error(reference):
    corpus, summary, records, errors = reference
    assert set(records) == corpus["records"]
    for source, kinds in corpus["errors"].items():
        assert errors[source]["kind"] in kinds, errors[source]
        assert errors[source]["message"] and "\n" not in errors[source]["message"]
    assert set(errors) == set(corpus["errors"])
    assert summary.documents == len(records) + len(errors)
    assert (summary.records, summary.errors) == (len(records), len(errors))
    assert summary.meeting_reports == sum(r["is_meeting_report"] for r in records.values())
    assert summary.exit_code == 1


def test_records_are_those_of_the_single_file_command(reference, capsys):
    from extractor.cli import main as single_main

    if FACTORY != "extractor.api:Extractor":
        pytest.skip("the single-file command always uses the real extractor")
    corpus, _, records, _ = reference
    crawl = corpus["inputs"][0]
    names = [f"{crawl}/2021/hoi-nghi.txt", f"{crawl}/trang.html"]
    capsys.readouterr()
    assert single_main(["--format", "jsonl", *names]) == 0
    single = by_source(json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert {name: records[name] for name in names} == single


def test_jsonl_records_keep_their_text_as_given(reference):
    _, _, records, _ = reference
    assert records["a1"]["source"] == "a1"
    assert records["a1#2"]["source"] == "a1#2"


def test_local_pool_gives_the_same_output_as_serial(reference, tmp_path):
    corpus, _, records, errors = reference
    out = tmp_path / "pool.jsonl"
    summary = run(corpus, out, engine="local", workers=2, chunk_size=2)
    assert by_source(load_jsonl(out)) == records
    assert by_source(load_jsonl(errors_path(out))) == errors
    assert summary.workers == 2 and summary.worker_peak_rss
    assert all(rss > 0 for rss in summary.worker_peak_rss.values())


def test_parquet_holds_the_same_records(reference, tmp_path):
    import pyarrow.parquet as pq

    corpus, _, records, errors = reference
    out = tmp_path / "out.parquet"
    run(corpus, out, part_rows=4)
    assert out.is_file() and not parts_path(out).exists()
    table = pq.read_table(out)
    assert table.num_rows == len(records)
    assert table.schema.field("is_meeting_report").type == "bool"
    assert b"extractor.json_columns" in table.schema.metadata
    assert by_source(read_records(out)) == records
    assert by_source(read_errors(out)) == errors


def test_output_without_errors_exits_0_and_writes_no_error_file(tmp_path):
    folder = build_many(tmp_path, 5)
    out = tmp_path / "ok.jsonl"
    summary = run_batch([folder], out, engine="serial", factory=FACTORY)
    assert summary.exit_code == 0 and summary.records == 5
    assert not errors_path(out).exists()


def test_resume_after_a_torn_last_line_redoes_only_what_is_missing(reference, tmp_path):
    corpus, _, records, errors = reference
    out = tmp_path / "out.jsonl"
    run(corpus, out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = lines[:5]
    out.write_text("".join(kept) + lines[5][: len(lines[5]) // 2], encoding="utf-8")  # killed mid-line
    err_lines = errors_path(out).read_text(encoding="utf-8").splitlines(keepends=True)
    errors_path(out).write_text("".join(err_lines[:2]), encoding="utf-8")

    summary = run(corpus, out, resume=True)
    assert summary.skipped == 5 + 2
    assert summary.documents == len(records) + len(errors) - 7
    assert by_source(load_jsonl(out)) == records
    assert by_source(load_jsonl(errors_path(out))) == errors
    assert summary.exit_code == 1  # some documents of this output failed

    again = run(corpus, out, resume=True)  # nothing left to do
    assert again.documents == 0 and again.skipped == len(records) + len(errors)
    assert by_source(load_jsonl(out)) == records


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_resume_is_the_same_when_the_done_sources_move_to_disk(reference, tmp_path, monkeypatch, name):
    from extractor.batch import sources

    corpus, _, records, errors = reference
    out = tmp_path / name
    run(corpus, out, part_rows=4)
    kept = dict(list(by_source(read_records(out)).items())[:8])
    if name.endswith(".jsonl"):
        out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept.values()), encoding="utf-8")
    else:
        sink = ParquetSink(tmp_path / "again.parquet")
        for record in kept.values():
            sink.write(record)
        sink.close(complete=True)
        (tmp_path / "again.parquet").replace(out)
    monkeypatch.setattr(sources, "SEEN_IN_MEMORY", 3)  # every set of sources past 3 goes to SQLite
    summary = run(corpus, out, resume=True, part_rows=4)
    assert summary.skipped == 8 + len(errors)
    assert by_source(read_records(out)) == records
    assert by_source(read_errors(out)) == errors


def test_resume_refuses_a_damaged_output(reference, tmp_path):
    corpus = reference[0]
    out = tmp_path / "out.jsonl"
    run(corpus, out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + "garbage\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(BatchError, match="line 2"):
        run(corpus, out, resume=True)


def test_parquet_sink_killed_before_closing_loses_nothing(tmp_path):
    out = tmp_path / "r.parquet"
    rows = [{"source": f"s{i}", "is_meeting_report": False, "warnings": [f"w{i}"], "chairpersons": []}
            for i in range(7)]
    sink = ParquetSink(out, part_rows=3)
    for row in rows:
        sink.write(row)
    # no close(): as if SIGKILLed; two parts written, one record only in the journal
    assert len(list(parts_path(out).glob("part-*.parquet"))) == 2
    back = by_source(read_records(out))
    assert set(back) == {r["source"] for r in rows}
    assert back["s6"]["warnings"] == ["w6"] and back["s0"]["chairpersons"] == []

    resumed = ParquetSink(out, resume=True, part_rows=3)
    assert len(resumed.done) == len(back) and all(source in resumed.done for source in back)
    resumed.write({"source": "s7", "is_meeting_report": True})
    resumed.close(complete=True)
    assert out.is_file() and not parts_path(out).exists()
    assert set(by_source(read_records(out))) == set(back) | {"s7"}

    third = ParquetSink(out, resume=True)  # a finished file can be resumed too
    assert len(third.done) == 8
    third.write({"source": "s8"})
    third.close(complete=True)
    assert len(by_source(read_records(out))) == 9


def test_worker_crash_costs_only_the_document_that_caused_it(tmp_path):
    folder = tmp_path / "docs"
    for i in range(12):
        write(folder / f"{i:02d}.txt", text_for(i) + (" CRASH-ME" if i == 5 else ""))
    out = tmp_path / "out.jsonl"
    summary = run_batch([folder], out, engine="local", workers=2, chunk_size=3,
                        factory="tests.batch_helpers:CrashingExtractor")
    errors = by_source(load_jsonl(errors_path(out)))
    assert set(errors) == {f"{folder}/05.txt"}
    assert errors[f"{folder}/05.txt"]["kind"] == "crash"
    assert len(by_source(load_jsonl(out))) == 11
    assert summary.exit_code == 1


def test_an_extractor_that_cannot_load_stops_the_run(tmp_path):
    folder = build_many(tmp_path, 3)
    with pytest.raises(BatchError, match="a pattern needs a label"):
        run_batch([folder], tmp_path / "o.jsonl", engine="serial", factory="tests.batch_helpers:FailingExtractor")


def test_work_in_flight_is_bounded(tmp_path):
    pulled = 0
    lock = threading.Lock()

    def documents():
        nonlocal pulled
        for i in range(300):
            with lock:
                pulled += 1
            yield (f"d{i}", text_for(i))

    seen = 0
    worst = 0
    for outcome in extract_stream(documents(), engine="local", workers=2, chunk_size=4, factory=FACTORY):
        seen += 1
        worst = max(worst, pulled - seen)
        assert outcome.ok
    assert seen == 300
    assert worst <= 2 * 2 * 4 + 4  # window of two chunks per worker, plus the chunk being filled


# -- the command line ----------------------------------------------------------------------


def test_cli_summary_and_exit_status(reference, tmp_path, capsys):
    corpus, _, records, errors = reference
    code = cli(corpus, tmp_path / "r.jsonl", "--workers", "2", "--engine", "serial")
    err = capsys.readouterr().err
    assert code == 1
    assert f"{len(records) + len(errors)} documents read" in err
    assert "meeting reports" in err and f"{len(errors)} errors" in err and "documents/s" in err
    assert "\r" not in err  # no progress bar when stderr is not a terminal


def test_cli_quiet_prints_nothing(tmp_path, capsys):
    folder = build_many(tmp_path, 3)
    assert main([str(folder), "--out", str(tmp_path / "r.jsonl"), "--quiet", "--engine", "serial",
                 "--factory", FACTORY]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.parametrize(
    "args, message",
    [
        (["{folder}"], "--out is required"),
        (["--out", "{tmp}/r.jsonl"], "no inputs"),
        (["{tmp}/nowhere", "--out", "{tmp}/r.jsonl"], "no such file or folder"),
        (["{folder}", "--out", "{tmp}/r.csv"], "cannot tell the format"),
        (["{folder}", "--out", "{tmp}/r.jsonl", "--resume", "--overwrite"], "contradict"),
        (["{folder}", "--out", "{tmp}/r.jsonl", "--workers", "0"], "--workers"),
        (["{folder}", "--out", "{tmp}/r.jsonl", "--scheduler", "tcp://127.0.0.1:1", "--engine", "local"],
         "--scheduler needs --engine dask"),
        (["{folder}", "--out", "{tmp}/r.jsonl", "--max-size", "lots"], "not a size"),
        (["{folder}", "--out", "{tmp}/r.jsonl", "--patterns", "{tmp}/none"], "no such file or folder"),
        (["{folder}", "{folder}", "--out", "{tmp}/r.jsonl"], "given twice"),
        (["{folder}", "--out", "{tmp}/missing-dir/r.jsonl"], "does not exist"),
        (["{folder}", "--bogus"], "unrecognized arguments"),
    ],
)
def test_cli_usage_errors_exit_2_with_one_line(tmp_path, capsys, args, message):
    folder = build_many(tmp_path, 1)
    argv = [a.format(folder=folder, tmp=tmp_path) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert message in err


def test_cli_refuses_to_overwrite_without_being_asked(tmp_path, capsys):
    folder = build_many(tmp_path, 2)
    out = tmp_path / "r.jsonl"
    base = [str(folder), "--out", str(out), "--engine", "serial", "--factory", FACTORY]
    assert main(base) == 0
    assert main(base) == 2
    assert "--resume" in capsys.readouterr().err
    assert main([*base, "--overwrite"]) == 0
    assert len(load_jsonl(out)) == 2


def test_cli_domain_error_is_one_line_exit_1(tmp_path, capsys):
    folder = build_many(tmp_path, 1)
    code = main([str(folder), "--out", str(tmp_path / "r.jsonl"), "--engine", "serial",
                 "--factory", "tests.batch_helpers:FailingExtractor"])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("Error: ") and err.count("\n") == 1


def test_cli_help_teaches_with_examples(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for expected in ("examples:", "--resume", "--engine dask", "--text-field", "errors.jsonl", "completion order"):
        assert expected in out


def test_batch_is_reached_from_the_main_command(tmp_path, capsys):
    from extractor.cli import main as top_main

    folder = build_many(tmp_path, 2)
    assert top_main(["batch", str(folder), "--out", str(tmp_path / "r.jsonl"), "--quiet",
                     "--engine", "serial", "--factory", FACTORY]) == 0
    assert len(load_jsonl(tmp_path / "r.jsonl")) == 2


def test_max_size_and_encoding_reach_the_workers(tmp_path):
    folder = tmp_path / "docs"
    write(folder / "lon.txt", "Hội nghị. " * 20_000)
    write(folder / "nho.txt", TEXTS[0])
    out = tmp_path / "r.jsonl"
    run_batch([folder], out, engine="serial", max_bytes=50_000, factory=FACTORY)
    assert [e["kind"] for e in load_jsonl(errors_path(out))] == ["too-large"]
    assert [r["source"] for r in load_jsonl(out)] == [f"{folder}/nho.txt"]


def test_cli_options_reach_the_workers(tmp_path):
    folder = tmp_path / "docs"
    write(folder / "a.txt", TEXTS[0].encode("utf-16"))
    patterns = write(tmp_path / "my_patterns" / "titles.txt", "Giám đốc Sở\n").parent
    out = tmp_path / "r.jsonl"
    code = main([str(folder), "--out", str(out), "--workers", "1", "--quiet", "--factory", "tests.batch_helpers:EchoExtractor",
                 "--patterns", str(patterns), "--max-size", "800K", "--reference-date", "2021-03-04",
                 "--encoding", "utf-16"])
    assert code == 0
    [record] = load_jsonl(out)
    assert record["warnings"] == [f"patterns={[str(patterns)]}", f"max_bytes={800 * 1024}",
                                  "reference_date=2021-03-04"]
    assert record["encoding"].lower().replace("_", "-").startswith("utf-16")


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_a_folder_is_an_error_not_a_hang(tmp_path):
    import os

    folder = tmp_path / "docs"
    write(folder / "a.txt", TEXTS[0])
    os.mkfifo(folder / "pipe.txt")
    out = tmp_path / "r.jsonl"
    summary = run_batch([folder], out, engine="serial", factory="tests.batch_helpers:StubExtractor")
    assert summary.records == 1
    assert [(e["source"], e["kind"]) for e in load_jsonl(errors_path(out))] == [(f"{folder}/pipe.txt", "not-a-file")]
