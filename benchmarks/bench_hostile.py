"""Do hostile inputs cost time in proportion to their size?

    python benchmarks/bench_hostile.py               # every case at n, 2n, 4n
    python benchmarks/bench_hostile.py --scale 0.25  # a quick look
    python benchmarks/bench_hostile.py --only html   # cases whose name holds 'html'
    python benchmarks/bench_hostile.py --check       # exit 1 when a case grows superlinearly

Each case builds its input at sizes n, 2n and 4n and times it through
``extract`` (text), ``decode_bytes`` (bytes) or ``decode_bytes`` of an HTML
page, keeping the best of ``--repeat`` runs. Next to every case the same
path is timed on a plain meeting article repeated to the same sizes: the
reference, whose work per character is the same at every size. Linear
growth shows as t(4n)/t(n) near 4, quadratic as near 16; the growth exponent
log2(t(4n)/t(n)) / 2 is printed for both. A case is "linear" up to 1.3,
"SUPERLINEAR" beyond 1.6 (or 0.3 beyond its reference, when that is higher:
the machine itself, caches and allocator, bends every curve a little). The
references get the same verdict, printed under the table: a superlinear
reference means ordinary text already scales badly on that path.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from extractor import extract  # noqa: E402
from extractor.decoding import decode_bytes  # noqa: E402
from extractor.errors import ExtractorError  # noqa: E402
from extractor.legacy_encodings import encode_tcvn3, encode_vni, encode_windows_1258  # noqa: E402

ARTICLE = (
    "Sáng ngày 17/01/2022, đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì hội nghị tổng kết công tác "
    "năm 2021. Dự hội nghị có đồng chí Trần Thị Bình, Phó Bí thư Thường trực Huyện ủy. Huyện đã hoàn thành "
    "15/15 chỉ tiêu; UBND huyện tặng Giấy khen cho 25 tập thể.\n"
)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _no_spaces(size: int) -> str:
    rng = random.Random(size)
    return "".join(rng.choices("abcđồngchíHộinghị0123456789/.,", k=size))


def _misread(text: str) -> str:
    """UTF-8 read as Windows-1252 (Latin-1 for the bytes 1252 leaves undefined): mojibake."""
    return "".join(bytes([b]).decode("cp1252", errors="replace").replace("\ufffd", chr(b)) for b in text.encode())


def _latin1_noise(size: int) -> bytes:
    rng = random.Random(size)
    return "".join(rng.choices([chr(c) for c in range(0x80, 0x100)] + [" ", "a", "\n"], k=size)).encode()


def _nested(size: int) -> str:
    depth = size // 11
    return "<html><body>" + "<div>" * depth + "<p>Hội nghị tổng kết</p>" + "</div>" * depth + "</body></html>"


def _page(size: int) -> str:
    return "<html><body><article>" + _repeat("<p>" + ARTICLE + "</p>", size) + "</article></body></html>"


def _run_text(text: str) -> None:
    extract(text)


def _run_bytes(data: bytes) -> None:
    try:
        decode_bytes(data, max_bytes=1 << 30)
    except ExtractorError:
        pass


def _run_html(data: bytes) -> None:
    try:
        decode_bytes(data, source="page.html", max_bytes=1 << 30)
    except ExtractorError:
        pass


def _run_pipeline_bytes(data: bytes) -> None:
    try:
        document = decode_bytes(data, max_bytes=1 << 30)
    except ExtractorError:
        return
    extract(document.text)


@dataclass(frozen=True)
class Case:
    name: str
    base: int
    make: Callable[[int], object]
    run: Callable[[object], None]
    reference: Callable[[int], object]


def _text_ref(size: int) -> str:
    return _repeat(ARTICLE, size)


def _bytes_ref(size: int) -> bytes:
    return _repeat(ARTICLE, size).encode()


CASES = [
    Case("extract: line without spaces", 100_000, _no_spaces, _run_text, _text_ref),
    Case("extract: 'đồng chí ' repeated", 100_000, lambda n: _repeat("đồng chí ", n), _run_text, _text_ref),
    Case("extract: '1/' repeated", 100_000, lambda n: _repeat("1/", n), _run_text, _text_ref),
    Case("extract: 'Chủ tịch UBND huyện, ' repeated", 100_000,
         lambda n: _repeat("Chủ tịch UBND huyện, ", n), _run_text, _text_ref),
    Case("extract: 'ngày 17/01/2022, ' repeated", 100_000,
         lambda n: _repeat("ngày 17/01/2022, ", n), _run_text, _text_ref),
    Case("extract: tower of combining marks", 5_000, lambda n: "a" + _repeat("\u0323\u0302", n), _run_text, _text_ref),
    Case("decode: line without spaces", 1_000_000, lambda n: _no_spaces(n).encode(), _run_bytes, _bytes_ref),
    Case("decode: tcvn3 article", 500_000, lambda n: encode_tcvn3(_repeat(ARTICLE, n)), _run_bytes, _bytes_ref),
    Case("decode: vni article", 500_000, lambda n: encode_vni(_repeat(ARTICLE, n)), _run_bytes, _bytes_ref),
    Case("decode: windows-1258 article", 500_000,
         lambda n: encode_windows_1258(_repeat(ARTICLE, n)), _run_bytes, _bytes_ref),
    Case("decode: windows-1258 tone-mark tower", 200_000,
         lambda n: b"a" + _repeat("\xf2\xcc", n).encode("latin-1"), _run_bytes, _bytes_ref),
    Case("decode: undecodable high bytes", 500_000,
         lambda n: bytes(random.Random(n).choices(range(0x80, 0x100), k=n)), _run_bytes, _bytes_ref),
    Case("decode: double-encoded article (mojibake)", 200_000,
         lambda n: _misread(_repeat(ARTICLE, n)).encode(), _run_bytes, _bytes_ref),
    Case("decode: Latin-1 noise as UTF-8", 200_000, _latin1_noise, _run_bytes, _bytes_ref),
    Case("decode: mojibake and clean text, no spaces", 200_000,
         lambda n: _repeat("ộ" + _misread("Hội"), n).encode(), _run_bytes, _bytes_ref),
    Case("decode+extract: 'đồng chí ' repeated", 100_000,
         lambda n: _repeat("đồng chí ", n).encode(), _run_pipeline_bytes, _bytes_ref),
    Case("html: nested divs", 200_000, lambda n: _nested(n).encode(), _run_html, lambda n: _page(n).encode()),
    Case("html: '<' repeated", 500_000, lambda n: ("<html>" + "<" * n).encode(), _run_html,
         lambda n: _page(n).encode()),
    Case("html: unclosed comments", 500_000, lambda n: ("<html><p>x</p>" + _repeat("<!--", n)).encode(),
         _run_html, lambda n: _page(n).encode()),
    Case("html: end-tag openers", 500_000, lambda n: ("<html>" + _repeat("</", n)).encode(),
         _run_html, lambda n: _page(n).encode()),
    Case("html: article paragraphs", 200_000, lambda n: _page(n).encode(), _run_html,
         lambda n: _page(n).encode()),
]


def _best_time(run: Callable[[object], None], value: object, repeat: int) -> float:
    """Best of at least ``repeat`` runs, running on until 0.2 s are spent so tiny times are not noise."""
    best, spent, runs = math.inf, 0.0, 0
    while runs < repeat or (spent < 0.2 and runs < 50):
        start = time.perf_counter()
        run(value)
        elapsed = time.perf_counter() - start
        best, spent, runs = min(best, elapsed), spent + elapsed, runs + 1
    return max(best, 1e-6)


_REFERENCE_TIMES: dict[tuple, list[float]] = {}


def _reference_times(case: Case, sizes: list[int], repeat: int) -> list[float]:
    """The plain article through the same path; shared by cases with the same path and sizes."""
    key = (case.run, case.reference, tuple(sizes))
    if key not in _REFERENCE_TIMES:
        _REFERENCE_TIMES[key] = [_best_time(case.run, case.reference(size), repeat) for size in sizes]
    return _REFERENCE_TIMES[key]


def _exponent(times: list[float]) -> float:
    return math.log2(times[2] / times[0]) / 2


def _verdict(growth: float, reference: float) -> str:
    allowed = max(1.3, min(reference, 1.3) + 0.3)
    if growth <= allowed:
        return "linear"
    return "check" if growth <= allowed + 0.3 else "SUPERLINEAR"


def measure(case: Case, scale: float, repeat: int) -> dict:
    sizes = [max(16, int(case.base * scale)) * k for k in (1, 2, 4)]
    case.run(case.make(max(16, sizes[0] // 100)))  # warm the path: lazy imports, caches
    times = [_best_time(case.run, case.make(size), repeat) for size in sizes]
    ref = _reference_times(case, sizes, repeat)
    growth, ref_growth = _exponent(times), _exponent(ref)
    return {
        "case": case.name, "n": sizes[0], "times": times, "ref": ref,
        "growth": growth, "ref_growth": ref_growth,
        "verdict": _verdict(growth, ref_growth), "ref_verdict": _verdict(ref_growth, 1.0),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size n (default 1)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement, best kept (default 3)")
    parser.add_argument("--only", default="", help="run only cases whose name contains this text")
    parser.add_argument("--check", action="store_true", help="exit 1 when a case is SUPERLINEAR")
    args = parser.parse_args(argv)

    extract("Khởi động.")  # load the pipeline before timing
    _run_html(_page(1000).encode())
    header = (
        f"{'case':44} {'n':>9} {'t(n) s':>8} {'2n/n':>6} {'4n/n':>6} {'ref 4n/n':>9} {'exp':>5} {'ref':>5}  verdict"
    )
    print(header)
    print("-" * len(header))
    failed = False
    references: dict[str, tuple[float, str]] = {}
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        row = measure(case, args.scale, args.repeat)
        t, r = row["times"], row["ref"]
        print(
            f"{row['case']:44} {row['n']:>9,} {t[0]:>8.3f} {t[1] / t[0]:>6.2f} {t[2] / t[0]:>6.2f} "
            f"{r[2] / r[0]:>9.2f} {row['growth']:>5.2f} {row['ref_growth']:>5.2f}  {row['verdict']}",
            flush=True,
        )
        failed |= row["verdict"] == "SUPERLINEAR"
        path = f"{case.name.split(':')[0]} of the plain article, n={row['n']:,}"
        references[path] = (row["ref_growth"], row["ref_verdict"])
    print("\nexp: growth exponent log2(t(4n)/t(n))/2 — 1 is linear, 2 quadratic; ref: the plain article")
    print("\nreferences:")
    for path, (growth, verdict) in references.items():
        print(f"  {path:60} exp {growth:.2f}  {verdict}")
        failed |= verdict == "SUPERLINEAR"
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
