"""Input readers: every kind of input, hostile archives, lazy reading. No extractor involved."""
from __future__ import annotations

import doctest
import gzip
import io
import json
import struct
import tarfile
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.batch_helpers import BINARY, TEXTS, build_corpus, write
from extractor.batch import sources
from extractor.batch.sources import (
    ReadStats,
    SeenSources,
    count_documents,
    is_document_name,
    iter_documents,
    kind_of_input,
)

LIMIT = 5 * 1024 * 1024


def read_all(inputs, **kwargs):
    kwargs.setdefault("max_bytes", LIMIT)
    stats = kwargs.pop("stats", ReadStats())
    return {item.source: item for item in iter_documents(inputs, stats=stats, **kwargs)}, stats


@pytest.mark.parametrize(
    "name, kind",
    [("a.zip", "zip"), ("a.ZIP", "zip"), ("a.tar", "tar"), ("a.tar.gz", "tar"), ("a.tgz", "tar"),
     ("a.tar.xz", "tar"), ("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.txt", "file"), ("a.html", "file")],
)
def test_kind_of_input_from_name(name, kind):
    assert kind_of_input(name) == kind


def test_every_kind_of_input_yields_each_document_once(tmp_path):
    corpus = build_corpus(tmp_path)
    items, stats = read_all(corpus["inputs"], text_field="noi_dung", id_field="ma")
    reader_errors = {s for s, i in items.items() if i.error}
    assert set(items) == corpus["records"] | set(corpus["errors"])
    # what fails while reading fails here; the rest (empty, binary) fails in the decoder
    assert reader_errors == {
        f"{tmp_path}/news.tar.gz!tin/lien-ket.txt", f"{tmp_path}/articles.jsonl.gz:4",
        "a3", "7",
    }
    assert stats.ignored == 2 and stats.renamed == 1  # anh.png, logo.gif; the second "a1"


def test_folder_is_read_recursively_in_sorted_order_without_hidden_files(tmp_path):
    corpus = build_corpus(tmp_path)
    items, stats = read_all([corpus["inputs"][0]])
    crawl = corpus["inputs"][0]
    assert list(items) == [
        f"{crawl}/21472459", f"{crawl}/gia-lua.txt", f"{crawl}/nhi-phan.txt", f"{crawl}/rong.txt",
        f"{crawl}/trang.html", f"{crawl}/2021/hoi-nghi.txt", f"{crawl}/2021/nong-dan.txt",
    ]
    assert items[f"{crawl}/gia-lua.txt"].data == TEXTS[2].encode()
    assert stats.ignored_example == f"{crawl}/anh.png"


def test_archive_member_paths_are_only_ids(tmp_path):
    corpus = build_corpus(tmp_path)
    before = sorted(p for p in tmp_path.parent.rglob("*"))
    items, _ = read_all(corpus["inputs"][1:3])
    zip_name, tar_name = corpus["inputs"][1], corpus["inputs"][2]
    assert items[f"{zip_name}!../../etc/passwd"].data == TEXTS[4].encode()
    assert items[f"{zip_name}!/tuyet-doi.txt"].data == TEXTS[5].encode()
    assert items[f"{tar_name}!../ngoai.txt"].data == TEXTS[1].encode()
    assert sorted(p for p in tmp_path.parent.rglob("*")) == before  # nothing unpacked anywhere


def test_zip_bomb_is_stopped_by_the_size_limit(tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bom.txt", b"0" * 3_000_000)  # ~3 KB compressed
        zf.writestr("tin.txt", TEXTS[0])
    items, _ = read_all([bomb], max_bytes=100 * 1024)
    assert items[f"{bomb}!bom.txt"].error[0] == "too-large"
    assert "100 KB" in items[f"{bomb}!bom.txt"].error[1]
    assert items[f"{bomb}!tin.txt"].data == TEXTS[0].encode()


def _lie_about_size(path, member: str, claimed: int) -> None:
    """Rewrite the uncompressed size a zip's headers claim for ``member``."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local != -1:
        n_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30: local + 30 + n_len] == name:
            struct.pack_into("<I", data, local + 22, claimed)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central != -1:
        n_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46: central + 46 + n_len] == name:
            struct.pack_into("<I", data, central + 24, claimed)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_zip_header_that_lies_about_the_size_is_not_trusted(tmp_path):
    bomb = tmp_path / "liar.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("nho.txt", b"1" * 2_000_000)
        zf.writestr("tin.txt", TEXTS[1])
    _lie_about_size(bomb, "nho.txt", 10)
    assert zipfile.ZipFile(bomb).getinfo("nho.txt").file_size == 10
    items, _ = read_all([bomb], max_bytes=100_000)
    kind, message = items[f"{bomb}!nho.txt"].error
    assert kind in {"corrupt", "too-large"}, message
    assert items[f"{bomb}!tin.txt"].data == TEXTS[1].encode()


def test_tar_gz_bomb_and_truncated_tar(tmp_path):
    archive = tmp_path / "news.tar.gz"
    with tarfile.open(archive, "w:gz") as tf:
        for name, data in [("a.txt", TEXTS[0].encode()), ("bom.txt", b"0" * 2_000_000), ("b.txt", TEXTS[1].encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    items, _ = read_all([archive], max_bytes=100_000)
    assert items[f"{archive}!bom.txt"].error[0] == "too-large"
    assert items[f"{archive}!b.txt"].data == TEXTS[1].encode()

    cut = tmp_path / "cut.tar.gz"
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    items, _ = read_all([cut], max_bytes=100_000)
    assert items[f"{cut}!a.txt"].data == TEXTS[0].encode()
    assert items[str(cut)].error[0] == "corrupt"
    assert "truncated" in items[str(cut)].error[1]


def test_unreadable_archives_give_one_error_each(tmp_path):
    fake_zip = write(tmp_path / "hong.zip", b"this is not a zip")
    fake_tar = write(tmp_path / "hong.tar.gz", b"nor a tar")
    items, _ = read_all([fake_zip, fake_tar])
    assert {s: i.error[0] for s, i in items.items()} == {str(fake_zip): "corrupt", str(fake_tar): "corrupt"}


def test_jsonl_fields_ids_and_bad_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(
        "\ufeff" + json.dumps({"id": "x", "text": TEXTS[0]}, ensure_ascii=False) + "\n"
        + json.dumps({"id": 12, "text": TEXTS[1]}) + "\n"
        + "\n"
        + "[1, 2]\n"
        + json.dumps({"id": "y", "text": ["not", "text"]}) + "\n"
        + json.dumps({"id": "x", "text": TEXTS[2]}, ensure_ascii=False),  # no final newline
        encoding="utf-8",
    )
    items, stats = read_all([path])
    assert items["x"].text == TEXTS[0]
    assert items["12"].text == TEXTS[1]
    assert items[f"{path}:4"].error[0] == "bad-json"
    assert items["y"].error[0] == "input"
    assert items["x#2"].text == TEXTS[2]
    assert stats.renamed_example == "x#2"


def test_jsonl_line_over_the_limit_is_dropped_without_holding_it(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "big", "text": "a" * 2_000_000}) + "\n")
        fh.write(json.dumps({"id": "ok", "text": TEXTS[0]}, ensure_ascii=False) + "\n")
        fh.write(json.dumps({"id": "mid", "text": "b" * 150_000}) + "\n")
    items, _ = read_all([path], max_bytes=100_000)
    assert items[f"{path}:1"].error[0] == "too-large"
    assert items["ok"].text == TEXTS[0]
    assert items["mid"].error[0] == "too-large"


def test_skipped_documents_are_not_read(tmp_path, monkeypatch):
    corpus = build_corpus(tmp_path)
    everything, _ = read_all(corpus["inputs"], text_field="noi_dung", id_field="ma")
    keep = set(list(everything)[::3])
    stats = ReadStats()
    items, _ = read_all(corpus["inputs"], text_field="noi_dung", id_field="ma",
                        skip=lambda s: s not in keep, stats=stats)
    assert set(items) == keep
    assert stats.skipped == len(everything) - len(keep)


def test_count_documents_matches_for_archives_and_folders(tmp_path):
    corpus = build_corpus(tmp_path)
    crawl, portal, news, _ = corpus["inputs"]
    items, _ = read_all([crawl, portal, news])
    assert count_documents([crawl, portal, news]) == len(items)


@pytest.mark.parametrize("name", ["a.txt", "dir/B.HTM", "12345", "x.html"])
def test_document_names(name):
    assert is_document_name(name)


@pytest.mark.parametrize("name", ["a.png", "dir/.hidden.txt", "__MACOSX/dir/a.txt", "dir/", "style.css"])
def test_not_document_names(name):
    assert not is_document_name(name)


def test_binary_member_is_read_as_bytes(tmp_path):
    # Deciding that bytes are not text is the decoder's job: the reader passes them on.
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("x.txt", BINARY)
    items, _ = read_all([archive])
    assert items[f"{archive}!x.txt"].data == BINARY


@given(st.lists(st.sampled_from(["a", "b", "a#2", "c", "ư", "", "x" * 300]), max_size=40), st.integers(0, 5))
def test_seen_sources_behaves_like_a_set_before_and_after_moving_to_disk(sources, in_memory):
    seen, reference = SeenSources(in_memory=in_memory), set()
    try:
        for source in sources:
            assert seen.add(source) == (source not in reference)
            reference.add(source)
            assert source in seen and len(seen) == len(reference)
        assert all((s in seen) == (s in reference) for s in ["a", "b", "c", "d", "ư", ""])
    finally:
        seen.close()


def test_repeated_ids_are_renamed_the_same_when_the_ids_move_to_disk(tmp_path, monkeypatch):
    lines = tmp_path / "a.jsonl"
    lines.write_text("".join(json.dumps({"id": f"d{i % 4}", "text": TEXTS[0]}) + "\n" for i in range(12)),
                     encoding="utf-8")
    in_memory = [item.source for item in iter_documents([lines], max_bytes=10**6)]
    monkeypatch.setattr(sources, "SEEN_IN_MEMORY", 3)
    on_disk = [item.source for item in iter_documents([lines], max_bytes=10**6)]
    assert on_disk == in_memory
    assert in_memory[:8] == ["d0", "d1", "d2", "d3", "d0#2", "d1#2", "d2#2", "d3#2"]


def test_sources_doctests():
    assert doctest.testmod(sources).failed == 0
