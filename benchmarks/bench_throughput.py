"""Throughput of batch extraction, measured against underthesea's word_tokenize.

    python benchmarks/bench_throughput.py                 # the full run (several minutes)
    python benchmarks/bench_throughput.py --limit 200     # a quick look
    python benchmarks/bench_throughput.py --json bench.json

In one run, on the 2,000 mixed news articles of
``../shared/corpus/bench/baomoi-2000.jsonl`` and again on meeting reports
only (the texts of ``../shared/corpus/dev/*.txt`` whose ``.json`` says
``"is_meeting_report": true``, repeated to ``--meeting-docs`` documents):

(a) ``underthesea.word_tokenize`` alone over the same texts, in this process;
(b) ``extract-report batch`` end to end (read, extract, write JSON Lines)
    with one worker process;
(c) the same with two workers;
(d) cold start: ``extract-report samples/district-review.txt`` as a new
    process, against ``python -c "import spacy, underthesea"`` plus a blank
    Vietnamese spaCy pipeline (the floor any spaCy + underthesea tool pays),
    median of ``--cold-runs`` runs each;

and prints documents/s, the ratios b/a and c/b, each worker's peak resident
memory, the cold-start ratio, and the number of crashes (documents whose
extraction raised something other than a user-facing ``ExtractorError``, or
killed the worker) over the mixed corpus. The bars (issue 9):

    mixed b/a >= 3.0    meeting-only b/a >= 1.5    c/b >= 1.8    peak RSS per worker <= 300 MB
    cold start <= 1.3 x the import floor    crashes over the 2,000 mixed documents == 0

Batch rates are steady-state: counted from the moment every worker has
delivered its first result, so the 1-2 s each worker spends loading the
pipeline is left out (wall-clock rates and start-up are printed too). ``word_tokenize`` is warmed up before timing, likewise. The
exit status is 1 when a bar fails (0 with ``--no-fail``).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
BARS = {
    "mixed_ratio": 3.0,
    "meeting_ratio": 1.5,
    "scaling": 1.8,
    "rss_mb": 300.0,
    "cold_ratio": 1.3,
}
SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "district-review.txt"
#: the floor: what importing spaCy and underthesea and making a blank vi pipeline costs
FLOOR = ("import spacy, underthesea; "
         "spacy.blank('vi', config={'nlp': {'tokenizer': {'use_pyvi': False}}})")
CRASH_KINDS = {"internal", "crash"}


def load_bench(path: Path, limit: int | None) -> list[tuple[str, str]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                docs.append((str(obj["id"]), obj["text"]))
                if limit and len(docs) >= limit:
                    break
    return docs


def load_meetings(dev: Path, count: int) -> list[tuple[str, str]]:
    base = []
    for label in sorted(dev.glob("*.json")):
        text_file = label.with_suffix(".txt")
        if text_file.exists() and json.loads(label.read_text(encoding="utf-8")).get("is_meeting_report") is True:
            base.append((label.stem, text_file.read_text(encoding="utf-8")))
    if not base:
        return []
    return [(f"{base[i % len(base)][0]}#{i // len(base)}", base[i % len(base)][1]) for i in range(count)]


def write_jsonl(docs: list[tuple[str, str]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text in docs:
            fh.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
    return path


def time_tokenize(docs: list[tuple[str, str]]) -> dict:
    from underthesea import word_tokenize

    word_tokenize("Hội nghị tổng kết công tác năm.")  # load the model before timing
    failures = 0
    start = time.perf_counter()
    for _, text in docs:
        try:
            word_tokenize(text)
        except Exception:  # noqa: BLE001 - counted, not fatal
            failures += 1
    elapsed = time.perf_counter() - start
    return {"documents": len(docs), "seconds": elapsed, "docs_per_s": len(docs) / elapsed, "failures": failures}


def time_batch(jsonl: Path, workers: int, workdir: Path, chunk_size: int) -> dict:
    from extractor.batch import read_errors, run_batch

    out = workdir / f"out-{jsonl.stem}-{workers}w.jsonl"
    summary = run_batch([jsonl], out, engine="local", workers=workers, chunk_size=chunk_size, overwrite=True)
    errors = list(read_errors(out))
    kinds = Counter(e["kind"] for e in errors)
    crash_examples = [f"{e['source']}: {e['message']}" for e in errors if e["kind"] in CRASH_KINDS][:3]
    return {
        "workers": workers,
        "documents": summary.documents,
        "records": summary.records,
        "meeting_reports": summary.meeting_reports,
        "seconds": summary.elapsed,
        "startup_s": summary.warm_after,
        "docs_per_s": summary.steady_documents_per_second,
        "docs_per_s_wall": summary.documents_per_second,
        "peak_rss_mb": max(summary.worker_peak_rss.values(), default=0) / 2**20,
        "rss_per_worker_mb": sorted(round(v / 2**20, 1) for v in summary.worker_peak_rss.values()),
        "crashes": sum(n for k, n in kinds.items() if k in CRASH_KINDS),
        "error_kinds": dict(kinds),
        "crash_examples": crash_examples,
    }


def busy_cores(window: float = 1.0) -> float:
    """Cores kept busy by other processes, sampled over ``window`` seconds while we sleep.

    Read from /proc/stat (Linux); 0.0 elsewhere.
    """

    def sample():
        with open("/proc/stat") as fh:
            values = [int(v) for v in fh.readline().split()[1:]]
        idle = values[3] + (values[4] if len(values) > 4 else 0)
        return sum(values), idle

    try:
        total0, idle0 = sample()
        time.sleep(window)
        total1, idle1 = sample()
    except (OSError, ValueError, IndexError):
        return 0.0
    total = total1 - total0
    return (os.cpu_count() or 1) * (total - (idle1 - idle0)) / total if total > 0 else 0.0


def _median_run(command: list[str], runs: int) -> float:
    import statistics
    import subprocess

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def time_cold_start(sample: Path, runs: int) -> dict:
    """(d): one article through ``extract-report`` in a new process, against the import floor."""
    script = Path(sys.executable).with_name("extract-report")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "extractor.cli"]
    floor = _median_run([sys.executable, "-c", FLOOR], runs)
    cold = _median_run(command + [str(sample)], runs)
    return {"sample": str(sample), "runs": runs, "floor_s": floor, "cold_s": cold, "ratio": cold / floor}


def compare(name: str, docs: list[tuple[str, str]], workdir: Path, args) -> dict:
    print(f"\n== {name}: {len(docs)} documents", file=sys.stderr)
    jsonl = write_jsonl(docs, workdir / f"{name}.jsonl")
    result = {"documents": len(docs)}
    loads = []
    if not args.skip_tokenize:
        loads.append(busy_cores())
        result["tokenize"] = time_tokenize(docs)
        print(f"   (a) word_tokenize:  {result['tokenize']['docs_per_s']:8.1f} docs/s", file=sys.stderr)
    loads.append(busy_cores())
    result["one"] = time_batch(jsonl, 1, workdir, args.chunk_size)
    print(f"   (b) batch, 1 worker: {result['one']['docs_per_s']:8.1f} docs/s", file=sys.stderr)
    loads.append(busy_cores())
    result["two"] = time_batch(jsonl, 2, workdir, args.chunk_size)
    print(f"   (c) batch, 2 workers:{result['two']['docs_per_s']:8.1f} docs/s", file=sys.stderr)
    if "tokenize" in result:
        result["ratio_b_a"] = result["one"]["docs_per_s"] / result["tokenize"]["docs_per_s"]
    result["ratio_c_b"] = result["two"]["docs_per_s"] / max(result["one"]["docs_per_s"], 1e-9)
    result["peak_rss_mb"] = max(result["one"]["peak_rss_mb"], result["two"]["peak_rss_mb"])
    result["load_before"] = max(loads)
    return result


def verdicts(mixed: dict, meeting: dict | None, full_mixed: bool,
             cold: dict | None = None) -> list[tuple[str, str, bool | None]]:
    rows = []

    def bar(label, value, ok):
        rows.append((label, value, ok))

    if "ratio_b_a" in mixed:
        bar("mixed: end-to-end (1 worker) / word_tokenize >= 3.0",
            f"{mixed['ratio_b_a']:.2f}", mixed["ratio_b_a"] >= BARS["mixed_ratio"])
    if meeting and "ratio_b_a" in meeting:
        bar("meeting-only: end-to-end (1 worker) / word_tokenize >= 1.5",
            f"{meeting['ratio_b_a']:.2f}", meeting["ratio_b_a"] >= BARS["meeting_ratio"])
    bar("mixed: 2 workers / 1 worker >= 1.8", f"{mixed['ratio_c_b']:.2f}", mixed["ratio_c_b"] >= BARS["scaling"])
    if meeting:
        bar("meeting-only: 2 workers / 1 worker >= 1.8",
            f"{meeting['ratio_c_b']:.2f}", meeting["ratio_c_b"] >= BARS["scaling"])
    peak = max([mixed["peak_rss_mb"]] + ([meeting["peak_rss_mb"]] if meeting else []))
    bar("peak RSS per worker <= 300 MB", f"{peak:.0f} MB", peak <= BARS["rss_mb"])
    if cold:
        bar("cold extract-report file.txt / import floor <= 1.3",
            f"{cold['ratio']:.2f}", cold["ratio"] <= BARS["cold_ratio"])
    crashes = mixed["one"]["crashes"] + mixed["two"]["crashes"]
    label = "crashes over the 2,000 mixed documents == 0" if full_mixed else (
        f"crashes over {mixed['documents']} mixed documents (--limit: not the full bar) == 0")
    bar(label, str(crashes), crashes == 0)
    if meeting:
        crashes = meeting["one"]["crashes"] + meeting["two"]["crashes"]
        bar("crashes over the meeting reports == 0", str(crashes), crashes == 0)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=SHARED / "bench" / "baomoi-2000.jsonl",
                        help="JSON Lines of {id, text} (default: the shared 2,000 articles)")
    parser.add_argument("--dev", type=Path, default=SHARED / "dev", help="folder of labelled .txt/.json pairs")
    parser.add_argument("--limit", type=int, metavar="N", help="only the first N mixed documents (quick runs)")
    parser.add_argument("--meeting-docs", type=int, default=450, metavar="N",
                        help="meeting reports repeated to N documents (default 450; 0 skips them)")
    parser.add_argument("--cold-runs", type=int, default=5, metavar="N",
                        help="runs of each command for the cold-start median (default 5; 0 skips it)")
    parser.add_argument("--chunk-size", type=int, default=16, metavar="N")
    parser.add_argument("--skip-tokenize", action="store_true", help="skip (a); no b/a ratios")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the numbers as JSON")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when a bar fails")
    args = parser.parse_args(argv)

    if not args.bench.exists():
        print(f"Error: {args.bench}: no such file (give --bench)", file=sys.stderr)
        return 2
    mixed_docs = load_bench(args.bench, args.limit)
    meeting_docs = load_meetings(args.dev, args.meeting_docs) if args.meeting_docs and args.dev.is_dir() else []
    if args.meeting_docs and not meeting_docs:
        print(f"note: no meeting reports found under {args.dev}; meeting-only comparison skipped", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        workdir = Path(tmp)
        results = {"mixed": compare("mixed", mixed_docs, workdir, args)}
        if meeting_docs:
            results["meeting"] = compare("meeting", meeting_docs, workdir, args)

    if args.cold_runs and SAMPLE.exists():
        results["cold"] = time_cold_start(SAMPLE, args.cold_runs)
        cold = results["cold"]
        print(f"\n== cold start: extract-report {SAMPLE.name} {cold['cold_s']:.2f} s, "
              f"import floor {cold['floor_s']:.2f} s", file=sys.stderr)

    mixed, meeting = results["mixed"], results.get("meeting")
    print("\n                      mixed news        meeting reports")
    for label, key in (("(a) word_tokenize", "tokenize"), ("(b) batch, 1 worker", "one"),
                       ("(c) batch, 2 workers", "two")):
        cells = []
        for part in (mixed, meeting):
            cells.append(f"{part[key]['docs_per_s']:9.1f} docs/s" if part and key in part else f"{'-':>16}")
        print(f"{label:<22}{cells[0]}  {cells[1]}")
    for label, part in (("mixed", mixed), ("meeting", meeting)):
        if not part:
            continue
        one, two = part["one"], part["two"]
        print(f"{label}: worker start-up {one['startup_s'] or 0:.1f} s (1 worker), "
              f"wall-clock {one['docs_per_s_wall']:.1f} / {two['docs_per_s_wall']:.1f} docs/s; "
              f"RSS per worker {one['rss_per_worker_mb']} / {two['rss_per_worker_mb']} MB; "
              f"errors {one['error_kinds'] or 'none'}")
        for example in one["crash_examples"] or two["crash_examples"]:
            print(f"  crash: {example}")

    cores = os.cpu_count() or 1
    if max(part["load_before"] for part in (mixed, meeting) if part) >= 0.5:
        print(f"warning: other processes kept up to "
              f"{max(part['load_before'] for part in (mixed, meeting) if part):.1f} of {cores} cores busy: "
              "the rates and the 2-worker ratio are not reliable; rerun on an idle machine")
    full_mixed = args.limit is None or args.limit >= 2000
    rows = verdicts(mixed, meeting, full_mixed, results.get("cold"))
    print()
    for label, value, ok in rows:
        print(f"{'PASS' if ok else 'FAIL'}  {label:<62} {value}")
    results["bars"] = [{"bar": label, "value": value, "pass": ok} for label, value, ok in rows]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    failed = [label for label, _, ok in rows if not ok]
    return 0 if args.no_fail or not failed else 1


if __name__ == "__main__":
    sys.exit(main())
