"""Shared pieces of the batch tests: tiny Vietnamese corpora built in tmp dirs, odd extractors.

The texts are written for these tests (no article is copied from anywhere).
Worker processes import this module by name (``tests.batch_helpers:SlowExtractor``),
so the repository root must be on their path (pytest puts it there).

``EXTRACTOR_BATCH_TEST_FACTORY`` (``module:callable``) swaps the extractor the
batch tests use, e.g. ``tests.batch_helpers:StubExtractor`` to test the batch
machinery while the NLP pipeline is being rebuilt. By default they use the
real ``extractor.api:Extractor``.
"""
from __future__ import annotations

import gzip
import importlib
import io
import json
import os
import tarfile
import time
import zipfile
from pathlib import Path

FACTORY = os.environ.get("EXTRACTOR_BATCH_TEST_FACTORY", "extractor.api:Extractor")
REPO_ROOT = Path(__file__).resolve().parent.parent  # where `tests.batch_helpers` imports from

TEXTS = [
    "Sáng 12/3/2021, UBND huyện Phú Lương tổ chức hội nghị tổng kết công tác năm 2020. "
    "Đồng chí Trần Văn Hòa, Chủ tịch UBND huyện chủ trì hội nghị. "
    "Năm qua, huyện hoàn thành 15/17 chỉ tiêu đề ra.",
    "Chiều 4/5, Hội Nông dân xã Tân Lập họp bàn kế hoạch sản xuất vụ hè thu. "
    "Bà Nguyễn Thị Mai, Chủ tịch Hội, phát biểu khai mạc.",
    "Giá lúa tại các tỉnh miền Tây tăng nhẹ trong tuần qua, thương lái thu mua sôi động.",
    "Ngày 20/11/2021, Trường THCS Hòa Bình tổ chức lễ kỷ niệm Ngày Nhà giáo Việt Nam. "
    "Dịp này, 12 giáo viên được tặng giấy khen.",
    "Mưa lớn kéo dài khiến nhiều tuyến đường ở thành phố bị ngập sâu vào chiều qua.",
    "Sáng nay, Đảng ủy phường Quang Trung tổ chức hội nghị sơ kết 6 tháng đầu năm. "
    "Đồng chí Lê Minh Tuấn, Bí thư Đảng ủy phường chủ trì.",
]

HTML_PAGE = (
    "<html><head><meta charset='utf-8'><title>Hội nghị tổng kết năm</title></head>"
    "<body><h1>Hội nghị tổng kết năm</h1><p>" + TEXTS[0] + "</p></body></html>"
)

BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def text_for(i: int) -> str:
    """A distinct small article for index ``i``."""
    return f"{TEXTS[i % len(TEXTS)]} (Tin số {i}.)"


# -- corpora ---------------------------------------------------------------------------------


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def build_corpus(root: Path) -> dict:
    """One input of each kind; returns inputs and the sources expected as records or errors."""
    root.mkdir(parents=True, exist_ok=True)
    crawl = root / "crawl"
    write(crawl / "2021" / "hoi-nghi.txt", TEXTS[0])
    write(crawl / "2021" / "nong-dan.txt", TEXTS[1])
    write(crawl / "gia-lua.txt", TEXTS[2])
    write(crawl / "trang.html", HTML_PAGE)
    write(crawl / "21472459", TEXTS[3])  # crawls name pages by id
    write(crawl / "rong.txt", b"")
    write(crawl / "nhi-phan.txt", BINARY)
    write(crawl / "anh.png", BINARY)  # ignored: not an article
    write(crawl / ".an" / "bi-mat.txt", TEXTS[4])  # hidden folder: skipped

    portal = root / "portal.zip"
    with zipfile.ZipFile(portal, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bai/1.txt", TEXTS[3])
        zf.writestr("bai/2.html", HTML_PAGE)
        zf.writestr("../../etc/passwd", TEXTS[4])
        zf.writestr("/tuyet-doi.txt", TEXTS[5])
        zf.writestr("bai/", b"")
        zf.writestr("bai/rong.txt", b"   \n ")
        zf.writestr("logo.gif", BINARY)

    news = root / "news.tar.gz"
    with tarfile.open(news, "w:gz") as tf:
        _add_tar(tf, "tin/a.txt", TEXTS[5].encode())
        _add_tar(tf, "tin/b.txt", TEXTS[2].encode())
        _add_tar(tf, "../ngoai.txt", TEXTS[1].encode())
        link = tarfile.TarInfo("tin/lien-ket.txt")
        link.type = tarfile.SYMTYPE
        link.linkname = "/etc/passwd"
        tf.addfile(link)

    articles = root / "articles.jsonl.gz"
    lines = [
        json.dumps({"ma": "a1", "noi_dung": TEXTS[0]}, ensure_ascii=False),
        json.dumps({"ma": "a2", "noi_dung": TEXTS[1]}),
        "",
        "{not json",
        json.dumps({"ma": "a3"}),
        json.dumps({"ma": "a1", "noi_dung": TEXTS[5]}, ensure_ascii=False),
        json.dumps({"noi_dung": TEXTS[2]}, ensure_ascii=False),
        json.dumps({"ma": 7, "noi_dung": "  "}),
    ]
    with gzip.open(articles, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")

    c, z, t, j = str(crawl), str(portal), str(news), str(articles)
    records = {
        f"{c}/2021/hoi-nghi.txt", f"{c}/2021/nong-dan.txt", f"{c}/gia-lua.txt", f"{c}/trang.html",
        f"{c}/21472459",
        f"{z}!bai/1.txt", f"{z}!bai/2.html", f"{z}!../../etc/passwd", f"{z}!/tuyet-doi.txt",
        f"{t}!tin/a.txt", f"{t}!tin/b.txt", f"{t}!../ngoai.txt",
        "a1", "a2", "a1#2", f"{j}:7",
    }
    errors = {
        f"{c}/rong.txt": {"empty"},
        f"{c}/nhi-phan.txt": {"binary", "decoding"},
        f"{z}!bai/rong.txt": {"empty"},
        f"{t}!tin/lien-ket.txt": {"not-a-file"},
        f"{j}:4": {"bad-json"},
        "a3": {"missing-field"},
        "7": {"empty"},
    }
    return {"inputs": [c, z, t, j], "records": records, "errors": errors,
            "text_field": "noi_dung", "id_field": "ma"}


def _add_tar(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1_600_000_000
    tf.addfile(info, io.BytesIO(data))


def build_many(root: Path, n: int, *, every_bad: int = 0) -> Path:
    """A folder of ``n`` small articles (and an empty file every ``every_bad``)."""
    folder = root / "many"
    for i in range(n):
        name = folder / f"{i // 100:02d}" / f"bai-{i:04d}.txt"
        write(name, b"" if every_bad and i % every_bad == every_bad - 1 else text_for(i))
    return folder


# -- reading outputs -------------------------------------------------------------------------


def load_jsonl(path: str | Path) -> list[dict]:
    path = Path(path)
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def by_source(rows) -> dict[str, dict]:
    rows = list(rows)
    table = {row["source"]: row for row in rows}
    assert len(table) == len(rows), "a source appears twice"
    return table


# -- extractors with odd behaviour, for workers to load by name -------------------------------


def _base(patterns=(), max_bytes=None):
    module, _, attr = FACTORY.partition(":")
    return getattr(importlib.import_module(module), attr)(patterns=patterns, max_bytes=max_bytes)


class _Wrapper:
    def __init__(self, patterns=(), max_bytes=None):
        self.base = _base(patterns, max_bytes)
        self.max_bytes = self.base.max_bytes

    def _before(self, text: str) -> None:
        pass

    def extract(self, text, **kwargs):
        self._before(text)
        return self.base.extract(text, **kwargs)

    def extract_document(self, document, **kwargs):
        self._before(document.text)
        return self.base.extract_document(document, **kwargs)


class SlowExtractor(_Wrapper):
    """The real extractor, 20 ms slower per document: gives a kill time to land."""

    def _before(self, text):
        time.sleep(0.02)


class CrashingExtractor(_Wrapper):
    """Kills its worker process on any text containing CRASH-ME (like a segfault would)."""

    def _before(self, text):
        if "CRASH-ME" in text:
            os._exit(3)


def _switch(text: str, marker: str) -> Path | None:
    """The path after ``marker`` in a text (``FAIL-WHILE:/tmp/x``), for switches that survive process boundaries."""
    at = text.find(marker)
    if at < 0:
        return None
    return Path(text[at + len(marker):].split()[0])


class StallingExtractor(_Wrapper):
    """Never finishes (well, after 10 minutes) a text containing STALL-ME: a stuck stage, to test --doc-timeout."""

    def _before(self, text):
        if "STALL-ME" in text:
            for _ in range(6000):
                time.sleep(0.1)


class FlakyExtractor(_Wrapper):
    """Fails on a text containing ``FAIL-WHILE:<path>`` as long as that file exists (delete it to "fix" the bug).

    Also kills its worker once on ``DIE-ONCE:<path>`` (creating the file, so the retry lives).
    """

    def _before(self, text):
        switch = _switch(text, "FAIL-WHILE:")
        if switch is not None and switch.exists():
            raise RuntimeError("injected failure")
        once = _switch(text, "DIE-ONCE:")
        if once is not None and not once.exists():
            once.touch()
            os._exit(3)


class PidExtractor(SlowExtractor):
    """SlowExtractor that leaves a file named after its pid in ``$BATCH_TEST_PID_DIR``: which processes are workers."""

    def __init__(self, patterns=(), max_bytes=None):
        super().__init__(patterns, max_bytes)
        folder = os.environ.get("BATCH_TEST_PID_DIR")
        if folder:
            (Path(folder) / str(os.getpid())).touch()


class FailingExtractor:
    """Cannot load (a bad pattern file, say)."""

    def __init__(self, patterns=(), max_bytes=None):
        from extractor.errors import PatternError

        raise PatternError("line 3: a pattern needs a label", "my_patterns/titles.jsonl")


class StubExtractor:
    """No NLP: an empty record per text, to test the batch machinery alone."""

    def __init__(self, patterns=(), max_bytes=None):
        from extractor.decoding import DEFAULT_MAX_BYTES

        self.max_bytes = max_bytes or DEFAULT_MAX_BYTES

    def extract(self, text, *, reference_date=None, source=None, metadata=None):
        from extractor.model import MeetingReport

        return MeetingReport(source=source, is_meeting_report="hội nghị" in text.lower())

    def extract_document(self, document, *, reference_date=None):
        report = self.extract(document.text, reference_date=reference_date, source=document.source)
        report.encoding = document.encoding
        return report


class EchoExtractor(StubExtractor):
    """Writes what it was given (patterns, limit, reference date, encoding) into the record's warnings."""

    def __init__(self, patterns=(), max_bytes=None):
        super().__init__(patterns, max_bytes)
        self.patterns = [str(p) for p in patterns]

    def extract(self, text, *, reference_date=None, source=None, metadata=None):
        report = super().extract(text, source=source)
        report.warnings = [f"patterns={self.patterns}", f"max_bytes={self.max_bytes}",
                           f"reference_date={reference_date}"]
        return report
