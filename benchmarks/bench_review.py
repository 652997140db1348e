"""How big a review page of 1,000 articles is, and how fast headless Chromium opens it.

    python benchmarks/bench_review.py
    python benchmarks/bench_review.py --articles 1000 --keep /tmp/review-1000.html

The articles are the first ``--articles`` texts of the shared bench corpus
(``../shared/corpus/bench/baomoi-2000.jsonl``, read, never copied) or, when
it is absent, the samples' articles repeated. They are extracted with one
loaded ``Extractor`` and rendered with ``render_review``, as
``extract-report review`` does. Printed: the file size, the time to render,
and in the system's Chromium (headless, via Playwright; never a browser
download) the time until the page's load event, the browser's own
navigation timing, and the time to open one article from the index and
draw its spans. Times are the median of ``--repeats`` fresh pages.
"""
from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "corpus" / "bench" / "baomoi-2000.jsonl"
SAMPLES = ROOT / "samples"


def texts(n: int) -> list[tuple[str, str]]:
    """``(source, text)`` of ``n`` articles: the bench corpus when present, else the samples repeated."""
    out: list[tuple[str, str]] = []
    if BENCH.is_file():
        with BENCH.open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                out.append((str(row.get("id")), row["text"]))
                if len(out) == n:
                    return out
    samples = sorted(SAMPLES.glob("*.txt"))
    while len(out) < n:
        path = samples[len(out) % len(samples)]
        out.append((f"{path.name}#{len(out)}", path.read_text(encoding="utf-8")))
    return out


def build(n: int) -> tuple[str, float, float]:
    """The page's HTML, the extraction time and the rendering time."""
    sys.path.insert(0, str(ROOT))
    from extractor import Extractor
    from extractor.review import ReviewItem, render_review

    articles = texts(n)
    extractor = Extractor()
    start = time.perf_counter()
    items = []
    for (source, text), report in zip(articles, extractor.extract_many(articles)):
        record = report.to_json_dict()
        record["source"] = source
        items.append(ReviewItem(text=text, record=record))
    extracted = time.perf_counter() - start
    start = time.perf_counter()
    html = render_review(items)
    return html, extracted, time.perf_counter() - start


def open_times(path: Path, repeats: int, chromium: str) -> dict[str, float]:
    """Median seconds: until the load event (wall clock and the browser's timing), and to open one article."""
    from playwright.sync_api import sync_playwright

    load, nav, dom, first = [], [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for _ in range(repeats):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            load.append(time.perf_counter() - start)
            timing = page.evaluate("() => { const t = performance.getEntriesByType('navigation')[0];"
                                   " return [t.domContentLoadedEventEnd, t.loadEventEnd]; }")
            dom.append(timing[0] / 1000)
            nav.append(timing[1] / 1000)
            link = page.locator("#index tbody tr a").nth(n_middle(page))
            start = time.perf_counter()
            link.click()
            page.wait_for_selector("details.article[open] mark")
            first.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return {"load_wall": statistics.median(load), "dom_content_loaded": statistics.median(dom),
            "load_event": statistics.median(nav), "open_one_article": statistics.median(first)}


def n_middle(page) -> int:
    """An article in the middle of the index: one whose section is far from the top."""
    return page.locator("#index tbody tr").count() // 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also keep the page at this path")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    html, extracted, rendered = build(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "review.html"
        path.write_text(html, encoding="utf-8")
        size = path.stat().st_size
        figures = {"articles": args.articles, "source": str(BENCH) if BENCH.is_file() else "samples",
                   "bytes": size, "extract_s": round(extracted, 2), "render_s": round(rendered, 3)}
        print(f"{args.articles} articles ({figures['source']}): page {size / 1e6:.1f} MB; "
              f"extracted in {extracted:.1f} s, rendered in {rendered:.2f} s")
        if chromium is None:
            print("no chromium binary: open time not measured")
        else:
            times = open_times(path, args.repeats, chromium)
            figures.update({k: round(v, 3) for k, v in times.items()})
            print(f"headless Chromium (median of {args.repeats}): load event after {times['load_wall']:.2f} s "
                  f"wall clock (browser timing: DOMContentLoaded {times['dom_content_loaded']:.2f} s, "
                  f"load {times['load_event']:.2f} s); opening one article from the index "
                  f"{times['open_one_article'] * 1000:.0f} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
