"""Peak memory of `extract-report batch` over a large JSON Lines archive: flat, whatever its size.

    python benchmarks/bench_memory.py                       # 2 GB archive (stub extractor) + 20 MB (real one)
    python benchmarks/bench_memory.py --size 200M --real-size 5M   # a quick look
    python benchmarks/bench_memory.py --json memory.json

The archive is generated in a temporary folder (removed afterwards unless
``--keep``): the articles of ``samples/*.txt``, repeated with a distinct id
and a line "(Tin số N.)" each, one ``{"id", "text"}`` object per line, until
the file reaches ``--size``. Nothing large is committed.

Each leg runs the real command (``python -m extractor.cli batch ARCHIVE
--out OUT --workers N``) and polls ``/proc/<pid>/status`` of the command
and every process under it every 0.1 s, keeping the highest ``VmHWM`` (the
kernel's own peak resident set size, so a peak between two polls is not
missed). Processes are named by role: the parent (the command), its
workers, and multiprocessing's helpers (forkserver, resource tracker).

Legs:

- ``stub``, over ``--size`` (default 2 GB): the batch machinery alone
  (reading, chunking, shipping to workers, writing) with an extractor that
  does no NLP (``tests.batch_helpers:StubExtractor``), because the real one
  would take hours over 2 GB on two cores. This is the leg whose memory could
  grow with the archive.
- ``stub-resume``: ``--resume`` over the finished output of ``stub``:
  every document is skipped, so the parent holds the set of every source
  done (and reads the whole archive again).
- ``stub-small``, over ``--size / 16``: the same, to show the peaks do not
  depend on the archive's size (the growth figure).
- ``real``, over ``--real-size`` (default 20 MB): the real extractor, for
  what a worker holding the pipeline takes.

The bar (issue 9): every process (parent and each worker) of every leg
stays under 400 MB (``--limit-mb``). Exit status 1 when it does not
(0 with ``--no-fail``). Linux only (``/proc``).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
LIMIT_MB = 400.0
STUB = "tests.batch_helpers:StubExtractor"
REAL = "extractor.api:Extractor"


def parse_size(text: str) -> int:
    """``2G``, ``200M``, ``64K`` or bytes.

    >>> parse_size("2G"), parse_size("1.5M"), parse_size("100")
    (2147483648, 1572864, 100)
    """
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper().removesuffix("B")
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def write_archive(path: Path, size: int) -> int:
    """Genre-like records repeated until ``size`` bytes; returns the number of documents."""
    texts = [p.read_text(encoding="utf-8").strip() for p in sorted(SAMPLES.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no sample articles in {SAMPLES}")
    written = count = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < size:
            text = f"{texts[count % len(texts)]}\n(Tin số {count}.)"
            line = json.dumps({"id": f"tin-{count:08d}", "text": text}, ensure_ascii=False) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
            count += 1
    return count


def _status(pid: int) -> dict[str, str]:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return dict(line.rstrip("\n").split(":\t", 1) for line in fh if ":\t" in line)
    except OSError:
        return {}


def _kb(value: str | None) -> int:
    return int(value.split()[0]) * 1024 if value else 0


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                found += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return found


def _cmdline(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return fh.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def watch(proc: subprocess.Popen, interval: float = 0.1) -> dict[int, dict]:
    """Peak RSS (VmHWM) of the command and every process under it, until the command ends."""
    seen: dict[int, dict] = {}
    while True:
        tree, todo = [], [(proc.pid, None)]
        while todo:
            pid, parent = todo.pop()
            tree.append((pid, parent))
            todo += [(c, pid) for c in _children(pid)]
        for pid, parent in tree:
            status = _status(pid)
            if not status:
                continue
            entry = seen.setdefault(pid, {"parent": parent, "peak": 0, "cmd": _cmdline(pid)})
            entry["peak"] = max(entry["peak"], _kb(status.get("VmHWM")))
        if proc.poll() is not None:
            return seen
        time.sleep(interval)


def roles(seen: dict[int, dict], root: int) -> dict[int, str]:
    """parent, worker, forkserver, resource-tracker (workers are forked by the forkserver)."""
    named = {}
    for pid, entry in seen.items():
        if pid == root:
            named[pid] = "parent"
        elif "resource_tracker" in entry["cmd"]:
            named[pid] = "resource-tracker"
        elif entry["parent"] == root and "forkserver" in entry["cmd"]:
            named[pid] = "forkserver"
        else:
            named[pid] = "worker"
    return named


def run_leg(name: str, archive: Path, docs: int, factory: str, workers: int, workdir: Path,
            out: Path | None = None, resume: bool = False) -> dict:
    """One run of the command, watched; ``resume``: again over ``out``, which holds every record already."""
    out = out or workdir / f"out-{name}.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", "batch", str(archive), "--out", str(out),
           "--workers", str(workers), "--resume" if resume else "--overwrite", "--factory", factory]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    started = time.monotonic()
    with open(workdir / f"stderr-{name}.txt", "wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log)
        seen = watch(proc)
    elapsed = time.monotonic() - started
    named = roles(seen, proc.pid)
    peaks = {"parent": 0, "workers": [], "helpers": {}}
    for pid, role in named.items():
        mb = round(seen[pid]["peak"] / 2**20, 1)
        if role == "parent":
            peaks["parent"] = mb
        elif role == "worker":
            peaks["workers"].append(mb)
        else:
            peaks["helpers"][role] = mb
    with open(out, "rb") as fh:
        records = sum(1 for _ in fh)
    summary = (workdir / f"stderr-{name}.txt").read_text(encoding="utf-8", errors="replace").strip()
    return {
        "leg": name, "factory": factory, "archive_bytes": archive.stat().st_size, "documents": docs,
        "records": records, "exit": proc.returncode, "seconds": round(elapsed, 1),
        "parent_mb": peaks["parent"], "worker_mb": sorted(peaks["workers"]), "helper_mb": peaks["helpers"],
        "summary": summary.splitlines()[:1],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("2G"), help="stub leg archive size (2G)")
    parser.add_argument("--real-size", type=parse_size, default=parse_size("20M"),
                        help="real-extractor leg archive size (20M; 0 to skip)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit-mb", type=float, default=LIMIT_MB)
    parser.add_argument("--tmp", type=Path, help="where to write the archives (default: the system temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated archives")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-fail", action="store_true")
    args = parser.parse_args(argv)
    if not Path("/proc/self/status").exists():
        print("needs Linux /proc", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="bench-memory-", dir=args.tmp))
    need = args.size * 1.2 + args.size / 16 + args.real_size + (64 << 20)
    free = shutil.disk_usage(workdir).free
    if free < need:
        print(f"only {free / 2**30:.1f} GB free in {workdir}, need {need / 2**30:.1f} GB: use a smaller --size",
              file=sys.stderr)
        shutil.rmtree(workdir)
        return 2
    legs = [("stub", args.size, STUB), ("stub-resume", args.size, STUB), ("stub-small", args.size // 16, STUB)]
    if args.real_size:
        legs.append(("real", args.real_size, REAL))
    results = []
    try:
        for name, size, factory in legs:
            resume = name.endswith("-resume")
            base = name.removesuffix("-resume")
            archive, out = workdir / f"archive-{base}.jsonl", workdir / f"out-{base}.jsonl"
            if not resume:
                t0 = time.monotonic()
                docs = write_archive(archive, size)
                print(f"[{name}] wrote {archive.stat().st_size / 2**20:,.0f} MB, {docs:,} documents "
                      f"in {time.monotonic() - t0:.0f} s; running with {args.workers} workers ...", flush=True)
            else:
                print(f"[{name}] --resume over the finished output: every document skipped", flush=True)
            result = run_leg(name, archive, docs, factory, args.workers, workdir, out=out, resume=resume)
            results.append(result)
            print(f"[{name}] {result['seconds']:,.0f} s, exit {result['exit']}, {result['records']:,} records; "
                  f"peak RSS parent {result['parent_mb']} MB, workers {result['worker_mb']} MB, "
                  f"helpers {result['helper_mb']}", flush=True)
            if not args.keep and (resume or base != "stub"):
                archive.unlink()
                out.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    ok = True
    print(f"\npeak resident memory per process (bar: each < {args.limit_mb:.0f} MB)")
    for r in results:
        worst = max([r["parent_mb"], *r["worker_mb"]])
        passed = worst < args.limit_mb and r["exit"] in (0, 1) and r["records"] == r["documents"]
        ok &= passed
        print(f"  {r['leg']:<10} {r['archive_bytes'] / 2**20:>8,.0f} MB {r['documents']:>9,} docs  "
              f"parent {r['parent_mb']:>6.1f} MB  workers {', '.join(f'{w:.1f}' for w in r['worker_mb'])} MB  "
              f"{'PASS' if passed else 'FAIL'}")
    by_leg = {r["leg"]: r for r in results}
    growth = None
    if "stub" in by_leg and "stub-small" in by_leg:
        big, small = by_leg["stub"], by_leg["stub-small"]
        growth = {
            "parent_mb": round(big["parent_mb"] - small["parent_mb"], 1),
            "worker_mb": round(max(big["worker_mb"], default=0) - max(small["worker_mb"], default=0), 1),
            "size_ratio": round(big["archive_bytes"] / max(1, small["archive_bytes"]), 1),
        }
        print(f"  growth from {small['archive_bytes'] / 2**20:,.0f} MB to {big['archive_bytes'] / 2**20:,.0f} MB "
              f"({growth['size_ratio']}x the documents): parent {growth['parent_mb']:+.1f} MB, "
              f"worker {growth['worker_mb']:+.1f} MB")
    print("PASS" if ok else "FAIL")
    if args.json:
        args.json.write_text(json.dumps({"limit_mb": args.limit_mb, "legs": results, "growth": growth,
                                         "pass": ok}, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0 if ok or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
