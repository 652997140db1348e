"""The ``extract-report`` command, called in-process: exact output shapes and exit codes."""
from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from extractor.cli import main

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
ARTICLE = SAMPLES / "district-review.txt"
OTHER = SAMPLES / "commune-meeting.txt"

MINIMAL = (
    "Huyện tổ chức hội nghị tổng kết\n\n"
    "Chiều 6-2, đồng chí Nguyễn Văn An, Chủ tịch UBND huyện chủ trì hội nghị tổng kết công tác năm. "
    "Dự hội nghị có đồng chí Trần Thị Bình, Phó Bí thư Thường trực Huyện ủy.\n"
)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_file_prints_one_indented_record(capsys):
    code, out, err = run(capsys, str(ARTICLE))
    assert code == 0 and err == ""
    record = json.loads(out)
    assert out.startswith("{\n  ")
    assert record["source"] == str(ARTICLE) and record["is_meeting_report"] is True


def test_several_files_print_json_lines_with_their_source(capsys):
    code, out, _ = run(capsys, str(ARTICLE), str(OTHER))
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert [json.loads(x)["source"] for x in lines] == [str(ARTICLE), str(OTHER)]


def test_format_overrides_the_default(capsys):
    code, out, _ = run(capsys, "--format", "jsonl", str(ARTICLE))
    assert code == 0 and len(out.splitlines()) == 1
    code, out, _ = run(capsys, "--format", "json", str(ARTICLE), str(OTHER))
    assert code == 0 and [r["source"] for r in json.loads(out)] == [str(ARTICLE), str(OTHER)]


def test_stdin(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(MINIMAL.encode("utf-8")), encoding="utf-8"))
    code, out, _ = run(capsys, "-")
    record = json.loads(out)
    assert code == 0 and record["source"] == "<stdin>"
    assert [p["name"] for p in record["chairpersons"]] == ["Nguyễn Văn An"]


def test_reference_date_gives_the_year(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(MINIMAL, encoding="utf-8")
    _, out, _ = run(capsys, str(article))
    assert json.loads(out)["meeting_date"] == "--02-06"
    _, out, _ = run(capsys, "--reference-date", "2017-02-10", str(article))
    assert json.loads(out)["meeting_date"] == "2017-02-06"


def test_user_patterns_add_a_title(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Hội nghị tổng kết\n\nSáng 6/2, ông Lò Văn Xa, Già làng bản Pá Hốc chủ trì hội nghị tổng kết.\n",
        encoding="utf-8",
    )
    _, out, _ = run(capsys, str(article))
    assert json.loads(out)["chairpersons"][0]["titles"] == []
    extra = tmp_path / "my_patterns"
    extra.mkdir()
    (extra / "titles.jsonl").write_text(
        '{"label": "TITLE_HEAD", "pattern": "Già làng", "id": "user.title"}\n', encoding="utf-8"
    )
    _, out, _ = run(capsys, "--patterns", str(extra), str(article))
    chair = json.loads(out)["chairpersons"][0]
    assert chair["titles"] == ["Già làng bản Pá Hốc"]
    assert chair["title_evidence"][0]["rule"].startswith("title.")


def test_schema(capsys):
    code, out, _ = run(capsys, "--schema")
    schema = json.loads(out)
    assert code == 0 and {"meeting_date", "chairpersons", "targets", "awards"} <= set(schema["properties"])


def test_a_bad_file_is_one_line_and_the_others_still_run(capsys, tmp_path):
    missing = tmp_path / "missing.txt"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run(capsys, str(missing), str(ARTICLE), str(empty))
    assert code == 1
    assert len(out.splitlines()) == 1 and json.loads(out)["source"] == str(ARTICLE)
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"Error: {missing}: ") and lines[1].startswith(f"Error: {empty}: ")
    assert "Traceback" not in err


def test_a_directory_is_refused(capsys, tmp_path):
    code, out, err = run(capsys, str(tmp_path))
    assert code == 1 and out == "" and err.startswith(f"Error: {tmp_path}: ")


@pytest.mark.parametrize(
    "args",
    [[], ["--format", "xml", "a.txt"], ["--reference-date", "10/02/2017", "a.txt"], ["--max-size", "lots", "a.txt"],
     ["--patterns", "/no/such/folder", "a.txt"], ["--encoding", "klingon", "a.txt"]],
    ids=["no-files", "bad-format", "bad-date", "bad-size", "missing-patterns", "bad-encoding"],
)
def test_usage_errors_exit_2(capsys, args):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "usage:" in err and "Traceback" not in err


def test_help_teaches_with_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert "extract-report --reference-date" in out and "batch" in out


def test_with_text_gives_what_the_offsets_index(capsys, tmp_path):
    page = tmp_path / "page.html"
    body = MINIMAL.replace("\n\n", "</h1><p>").replace("\n", "</p>")
    page.write_text(f"<html><body><nav>Trang chủ | Tin tức</nav><article><h1>{body}</article></body></html>",
                    encoding="utf-8")
    code, out, _ = run(capsys, "--with-text", str(page))
    record = json.loads(out)
    assert code == 0 and "Trang chủ" not in record["text"]
    for person in record["chairpersons"] + record["attendees"]:
        for ev in person["name_evidence"] + person["title_evidence"]:
            assert record["text"][ev["start"]:ev["end"]] == ev["text"]
    assert [p["name"] for p in record["chairpersons"]] == ["Nguyễn Văn An"]


@pytest.mark.parametrize("files", [["one"], ["one", "missing", "two"], ["missing"]])
def test_collection_is_paused_while_loading_and_given_back_after(capsys, tmp_path, monkeypatch, files):
    """Given one file, several, or only a bad one, when the CLI has run, then garbage collection
    is on again: paused only while the pipeline loads and reads the first document."""
    import gc

    from extractor import heap

    states = []
    real_settle = heap.settle
    monkeypatch.setattr(heap, "settle", lambda *a, **k: (states.append(gc.isenabled()), real_settle(*a, **k)))
    paths = []
    for name in files:
        path = tmp_path / f"{name}.txt"
        if name != "missing":
            path.write_text("Sáng ngày 17/01/2022, UBND huyện tổ chức hội nghị tổng kết.", encoding="utf-8")
        paths.append(str(path))
    main(paths)
    assert states and states[0] is False  # collection was paused until the first settle
    assert gc.isenabled()
