"""What the mojibake repair costs: extraction with and without it, in one run.

    python benchmarks/bench_mojibake.py               # the 2,000 bench articles (a few minutes)
    python benchmarks/bench_mojibake.py --limit 200   # a quick look

Over the articles of ``../shared/corpus/bench/baomoi-2000.jsonl``, as UTF-8
bytes, every article is decoded and extracted: one unmeasured pass over the
corpus warms the pipeline's caches, then each run of 50 articles is timed
with the repair step (``decode_bytes(..., repair=True)``, the default) and
without it in the order A B B A, so neither side gains from the load of
other processes, which changes within seconds. Printed: both totals and their difference; the repair step
alone over the same texts, against ftfy's ``is_bad`` alone (what the
character-class gate saves); how many clean articles were changed (must be
0); and the repair of the same articles double-encoded (UTF-8 read as
Windows-1252), which must give back every text.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor import Extractor  # noqa: E402
from extractor.decoding import decode_bytes  # noqa: E402
from extractor.mojibake import repair_mojibake  # noqa: E402

_CHUNK = 50
"""Articles per round of A B B A: the other processes' load changes within seconds, so rounds are short."""
BENCH = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bench" / "baomoi-2000.jsonl"


def misread(text: str) -> str:
    """UTF-8 read as Windows-1252 (Latin-1 for the bytes 1252 leaves undefined)."""
    return "".join(bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in text.encode())


def load(path: Path, limit: int | None) -> list[str]:
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def _pass(extractor: Extractor, blobs: list[bytes], repair: bool) -> float:
    start = time.perf_counter()
    for data in blobs:
        extractor.extract_document(decode_bytes(data, source="bench.txt", repair=repair))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=BENCH)
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--misread", type=int, default=200, help="articles double-encoded for the repair run")
    args = parser.parse_args(argv)

    texts = load(args.corpus, args.limit)
    blobs = [text.encode("utf-8") for text in texts]
    extractor = Extractor()
    repair_mojibake(misread("Hội nghị tổng kết"))  # ftfy is imported on first need: not timed
    _pass(extractor, blobs, False)
    with_repair = without = 0.0
    for first in range(0, len(blobs), _CHUNK):
        chunk = blobs[first:first + _CHUNK]
        for repair in (True, False, False, True):
            elapsed = _pass(extractor, chunk, repair)
            if repair:
                with_repair += elapsed / 2
            else:
                without += elapsed / 2

    from ftfy.badness import is_bad

    start = time.perf_counter()
    changed = sum(repair_mojibake(text) is not None for text in texts)
    step = time.perf_counter() - start
    start = time.perf_counter()
    flagged = sum(is_bad(text) for text in texts)
    ftfy_alone = time.perf_counter() - start

    bad = [misread(text) for text in texts[: args.misread]]
    start = time.perf_counter()
    repaired = [repair_mojibake(text) for text in bad]
    repair_time = time.perf_counter() - start
    restored = sum(r is not None and r.text == t for r, t in zip(repaired, texts))

    chars = sum(map(len, texts))
    diff = with_repair - without
    print(f"articles: {len(texts):,} ({chars:,} characters); each side the mean of two runs")
    print(f"  extraction with repair     {with_repair:8.2f} s")
    print(f"  extraction without repair  {without:8.2f} s")
    print(f"  difference                 {diff:+8.2f} s ({100 * diff / without:+.2f} %)")
    print(f"repair step alone on the clean texts: {1000 * step:.1f} ms, {changed} text(s) changed")
    print(f"ftfy is_bad alone on the same texts:  {1000 * ftfy_alone:.1f} ms, {flagged} flagged")
    print(f"repair of {len(bad)} double-encoded articles: {1000 * repair_time:.1f} ms, {restored} restored exactly")
    return 0 if changed == 0 and restored == len(bad) else 1


if __name__ == "__main__":
    sys.exit(main())
