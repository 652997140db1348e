"""How the time for one document grows with its size, 1 KB to 1 MB of genre text.

    python benchmarks/bench_growth.py
    python benchmarks/bench_growth.py --json growth.json

The text is the meeting reports of ``samples/`` (written by the team),
joined one after another (a new paragraph each) and repeated until the
size, cut back to the last line break before it. Each size is extracted in
this process with one loaded ``Extractor``; the time is the best of
``--repeats`` runs (one run from 256 KB up). Printed per size: the time,
the time per KB, and that per-KB cost against the one at 16 KB (1.00 for a
cost that grows linearly). The bar: the per-KB cost at 1 MB is at most
``--max-slope`` (default 1.5) times the one at 16 KB; exit status 1 when it
is not (0 with ``--no-fail``).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SIZES_KB = (1, 4, 16, 64, 256, 1024)
REFERENCE_KB = 16


def genre_text(size: int) -> str:
    """At least ``size`` bytes of the samples' meeting reports, cut at the last line break before ``size``."""
    articles = []
    for label in sorted(SAMPLES.glob("*.json")):
        text_file = label.with_suffix(".txt")
        if text_file.exists() and json.loads(label.read_text(encoding="utf-8")).get("is_meeting_report"):
            articles.append(text_file.read_text(encoding="utf-8").strip())
    if not articles:
        raise SystemExit(f"no meeting reports under {SAMPLES}")
    parts, total, i = [], 0, 0
    while total < size:
        article = articles[i % len(articles)]
        parts.append(article)
        total += len(article.encode("utf-8")) + 2
        i += 1
    data = "\n\n".join(parts).encode("utf-8")[:size]
    cut = data.rfind(b"\n")
    return data[:cut if cut > 0 else len(data)].decode("utf-8", errors="ignore")


def measure(extractor, text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        extractor.extract(text).to_json_dict()
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5, metavar="N", help="runs per size below 256 KB (default 5)")
    parser.add_argument("--max-slope", type=float, default=1.5, metavar="X",
                        help="per-KB cost at 1 MB over the one at 16 KB (default 1.5)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even when the bar fails")
    args = parser.parse_args(argv)

    from extractor import Extractor

    extractor = Extractor()
    measure(extractor, genre_text(4 * 1024), 1)  # lazy loads (segmenter, grammars) before timing
    rows = []
    for kb in SIZES_KB:
        text = genre_text(kb * 1024)
        size = len(text.encode("utf-8"))
        seconds = measure(extractor, text, args.repeats if kb < 256 else 1)
        rows.append({"kb": kb, "bytes": size, "seconds": seconds, "ms_per_kb": 1000 * seconds / (size / 1024)})
    reference = next(r["ms_per_kb"] for r in rows if r["kb"] == REFERENCE_KB)
    print(f"{'size':>8} {'bytes':>9} {'time':>10} {'ms/KB':>8} {'vs 16 KB':>9}")
    for r in rows:
        r["vs_reference"] = r["ms_per_kb"] / reference
        print(f"{r['kb']:>6} KB {r['bytes']:>9} {r['seconds'] * 1000:>8.1f} ms {r['ms_per_kb']:>8.2f} {r['vs_reference']:>9.2f}")
    slope = rows[-1]["vs_reference"]
    ok = slope <= args.max_slope
    print(f"\n{'PASS' if ok else 'FAIL'}  per-KB cost at 1 MB / at 16 KB <= {args.max_slope}: {slope:.2f}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "slope": slope, "pass": ok}, indent=2), encoding="utf-8")
    return 0 if ok or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
