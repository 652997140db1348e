"""The Dask engine and bag API give exactly what the local engine gives."""
from __future__ import annotations

import pytest

from tests.batch_helpers import FACTORY, TEXTS, build_corpus, by_source, load_jsonl
from extractor.batch import extract_bag, extract_stream, is_error, read_errors, read_records, run_batch
from extractor.batch.sinks import errors_path

distributed = pytest.importorskip("distributed")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, processes=True, host="127.0.0.1", threads_per_worker=1,
        dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as local_cluster:
        yield local_cluster


def test_dask_engine_output_equals_the_local_engine(cluster, tmp_path):
    corpus = build_corpus(tmp_path / "in")
    options = dict(text_field=corpus["text_field"], id_field=corpus["id_field"], factory=FACTORY)
    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.parquet"
    run_batch(corpus["inputs"], local, engine="local", workers=2, **options)
    summary = run_batch(
        corpus["inputs"], dask, engine="dask", scheduler=cluster.scheduler_address, chunk_size=3, **options
    )
    assert summary.engine == "dask" and summary.workers == 2
    assert by_source(read_records(dask)) == by_source(load_jsonl(local))
    assert by_source(read_errors(dask)) == by_source(load_jsonl(errors_path(local)))
    assert len(summary.worker_peak_rss) == 2  # both workers did some of the work


def test_extract_bag_matches_the_stream_api(cluster):
    import dask.bag as db

    pairs = [(f"d{i}", text) for i, text in enumerate(TEXTS)] + [("rong", "   "), ("trang.html", TEXTS[0].encode())]
    with distributed.Client(cluster) as client:
        bag = db.from_sequence(pairs, npartitions=3)
        results = by_source(extract_bag(bag, factory=FACTORY).compute(scheduler=client.get))
        dropped = extract_bag(bag, factory=FACTORY, errors="drop").compute(scheduler=client.get)
    expected = {o.source: o for o in extract_stream(pairs, engine="serial", factory=FACTORY)}
    assert set(results) == set(expected)
    for source, result in results.items():
        if is_error(result):
            assert result["error"] == {"kind": expected[source].kind, "message": expected[source].message}
        else:
            assert result == expected[source].record
    assert is_error(results["rong"]) and results["rong"]["error"]["kind"] == "empty"
    assert len(dropped) == len(pairs) - 1


def test_cli_dask_engine_starts_its_own_local_cluster(tmp_path, capsys):
    from extractor.batch.cli import main

    corpus = build_corpus(tmp_path / "in")
    out = tmp_path / "r.jsonl"
    code = main([*corpus["inputs"], "--out", str(out), "--engine", "dask", "--workers", "1",
                 "--text-field", corpus["text_field"], "--id-field", corpus["id_field"], "--factory", FACTORY])
    assert code == 1, capsys.readouterr().err
    assert set(by_source(load_jsonl(out))) == corpus["records"]
    assert "dask engine, 1 worker" in capsys.readouterr().err


def test_unreachable_scheduler_is_one_error_line(tmp_path, capsys):
    from extractor.batch.cli import main

    corpus = build_corpus(tmp_path / "in")
    code = main([corpus["inputs"][0], "--out", str(tmp_path / "r.jsonl"), "--scheduler", "tcp://127.0.0.1:9",
                 "--factory", FACTORY])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("Error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")


def test_an_extractor_that_cannot_load_stops_a_dask_run(cluster, tmp_path):
    from extractor.batch import BatchError

    corpus = build_corpus(tmp_path / "in")
    with pytest.raises(BatchError, match="a pattern needs a label"):
        run_batch(corpus["inputs"][:1], tmp_path / "r.jsonl", scheduler=cluster.scheduler_address,
                  factory="tests.batch_helpers:FailingExtractor")


def test_a_document_that_kills_dask_workers_costs_only_itself(tmp_path):
    import dask

    from tests.batch_helpers import text_for, write

    folder = tmp_path / "docs"
    for i in range(8):
        write(folder / f"{i}.txt", text_for(i) + (" CRASH-ME" if i == 3 else ""))
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, processes=True, host="127.0.0.1", threads_per_worker=1,
            dashboard_address=None, scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
        ) as crashing:
            out = tmp_path / "r.jsonl"
            summary = run_batch([folder], out, scheduler=crashing.scheduler_address, chunk_size=4,
                                factory="tests.batch_helpers:CrashingExtractor")
    assert summary.records == 7
    assert [(e["source"], e["kind"]) for e in load_jsonl(errors_path(out))] == [(f"{folder}/3.txt", "crash")]
