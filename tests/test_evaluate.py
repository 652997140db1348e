"""``extract-report evaluate``, called in-process as a user calls it.

The gold folder is built here from two short articles written for the test
(a district review conference and a weather report), in ANNOTATION.md's format.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main

REVIEW = """\
Huyện Yên Lập tổng kết công tác năm 2021

Sáng 20/12/2021, UBND huyện Yên Lập tổ chức hội nghị tổng kết công tác năm 2021, triển khai nhiệm vụ năm 2022. \
Đồng chí Bùi Hồng Hoàng, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ trì hội nghị. Dự hội nghị có đồng chí \
Lưu Thị Huyền, Phó Bí thư Thường trực Huyện ủy.

Năm 2021, huyện đã hoàn thành 15/15 chỉ tiêu chủ yếu. Dịp này, 12 tập thể được tặng Giấy khen của Chủ tịch UBND huyện.
"""
WEATHER = """\
Mưa lớn gây ngập nhiều tuyến đường

Chiều qua, mưa lớn kéo dài khiến nhiều tuyến đường nội thành ngập sâu. Cơ quan khí tượng dự báo mưa còn kéo dài \
đến cuối tuần.
"""
REVIEW_GOLD = {
    "id": "review",
    "is_meeting_report": True,
    "meeting_date": "2021-12-20",
    "chairpersons": [{"name": "Bùi Hồng Hoàng", "titles": ["Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"]}],
    "attendees": [{"name": "Lưu Thị Huyền", "titles": ["Phó Bí thư Thường trực Huyện ủy"]}],
    "targets": [{"achieved": 15, "total": 15, "unit": "chỉ tiêu chủ yếu", "text": "15/15 chỉ tiêu chủ yếu"}],
    "awards": [{"count": 12, "approximate": False, "recipient": "tập thể",
                "award": "Giấy khen của Chủ tịch UBND huyện",
                "text": "12 tập thể được tặng Giấy khen của Chủ tịch UBND huyện"}],
}
WEATHER_GOLD = {"id": "weather", "is_meeting_report": False, "meeting_date": None, "chairpersons": [],
                "attendees": [], "targets": [], "awards": []}


@pytest.fixture()
def gold(tmp_path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    for name, text, record in (("review", REVIEW, REVIEW_GOLD), ("weather", WEATHER, WEATHER_GOLD)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return folder


def _pred_file(tmp_path: Path, *records: dict, extra_lines: str = "") -> Path:
    path = tmp_path / "pred.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n" + extra_lines, encoding="utf-8")
    return path


def _flawed_prediction() -> dict:
    """The review article's gold, with one chair title lost, one extra attendee and the wrong year."""
    pred = json.loads(json.dumps(REVIEW_GOLD))
    pred["source"] = "crawl/review.txt"
    pred["meeting_date"] = "2020-12-20"
    pred["chairpersons"][0]["titles"] = ["Chủ tịch UBND huyện Yên Lập"]
    pred["attendees"].append({"name": "Nguyễn Văn An", "titles": []})
    return pred


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["evaluate", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_extracting_and_scoring_the_gold_folder(capsys, gold):
    code, out, err = _run(capsys, "--gold", str(gold))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "documents 2, records 2, missing 0"
    assert lines[1].split() == ["field", "P", "R", "F1", "tp", "fp", "fn"]
    assert [line.split()[0] for line in lines[2:]] == [
        "is_meeting_report", "meeting_date", "chairpersons", "attendees", "titles", "targets", "awards", "overall"]
    assert lines[-1].split()[:2] == ["overall", "1.000"]


def test_scoring_a_finished_run(capsys, gold, tmp_path):
    weather = dict(WEATHER_GOLD, source="crawl/weather.txt")
    pred = _pred_file(tmp_path, _flawed_prediction(), weather)
    code, out, _ = _run(capsys, "--gold", str(gold), "--pred", str(pred))
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    assert rows["attendees"] == ["0.500", "1.000", "0.667", "1", "1", "0"]
    assert rows["titles"] == ["1.000", "0.667", "0.800", "2", "0", "1"]
    assert rows["meeting_date"][:1] == ["0.000"]
    assert rows["is_meeting_report"] == ["1.000", "1.000", "1.000", "1", "0", "0"]


def test_per_doc_lists_each_miss_and_extra_with_its_document(capsys, gold, tmp_path):
    pred = _pred_file(tmp_path, _flawed_prediction())
    code, out, _ = _run(capsys, "--gold", str(gold), "--pred", str(pred), "--per-doc")
    assert code == 0
    listing = out.split("\n\n")[0].splitlines()
    assert listing == [
        "review",
        "    meeting_date: gold 2021-12-20, predicted 2020-12-20",
        "    titles missed (Bùi Hồng Hoàng): Phó Bí thư Huyện ủy",
        "    attendees extra: Nguyễn Văn An",
        "weather  (no record)",
    ]


def test_json_gives_the_same_scores_and_errors(capsys, gold, tmp_path):
    pred = _pred_file(tmp_path, _flawed_prediction(), extra_lines="{not json\n")
    code, out, _ = _run(capsys, "--gold", str(gold), "--pred", str(pred), "--json", "--per-doc")
    assert code == 0
    result = json.loads(out)
    assert result["documents"] == 2 and result["records_read"] == 1
    assert result["missing_records"] == ["weather"] and result["unreadable_lines"] == 1
    assert result["fields"]["attendees"] == {"p": 0.5, "r": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert result["fields"]["meeting_date"] == {"accuracy": 0.0, "right": 0, "scored": 1}
    assert result["errors"]["review"][2] == {"field": "attendees", "kind": "extra", "gold": None,
                                             "pred": "Nguyễn Văn An"}
    assert result["errors"]["weather"] == []


def test_json_without_per_doc_has_no_error_list(capsys, gold, tmp_path):
    pred = _pred_file(tmp_path, _flawed_prediction())
    _, out, _ = _run(capsys, "--gold", str(gold), "--pred", str(pred), "--json")
    assert "errors" not in json.loads(out)


def test_extracting_and_reading_the_same_records_score_alike(capsys, gold, tmp_path):
    _, extracted, _ = _run(capsys, "--gold", str(gold), "--json")
    records = tmp_path / "run.jsonl"
    code = main(["--format", "jsonl", str(gold / "review.txt"), str(gold / "weather.txt")])
    records.write_text(capsys.readouterr().out, encoding="utf-8")
    assert code == 0
    _, scored, _ = _run(capsys, "--gold", str(gold), "--pred", str(records), "--json")
    assert json.loads(scored) == json.loads(extracted)


def test_a_broken_gold_file_is_reported_and_the_rest_scored(capsys, gold):
    (gold / "broken.json").write_text("{", encoding="utf-8")
    code, out, err = _run(capsys, "--gold", str(gold))
    assert code == 1
    assert err.startswith("Error: ") and "broken.json" in err and len(err.splitlines()) == 1
    assert out.startswith("documents 2,")


def test_a_gold_record_without_its_article_is_reported(capsys, gold):
    (gold / "weather.txt").unlink()
    code, out, err = _run(capsys, "--gold", str(gold))
    assert code == 1
    assert "weather.txt: no such file" in err
    assert out.startswith("documents 2, records 1, missing 1")


@pytest.mark.parametrize("argv", [
    ["--gold", "no/such/folder"],
    [],
])
def test_usage_errors_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["evaluate", *argv])
    assert exc.value.code == 2
    assert "usage: extract-report evaluate" in capsys.readouterr().err


def test_usage_errors_on_pred_and_empty_gold(capsys, gold, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    for argv in (["--gold", str(empty)], ["--gold", str(gold), "--pred", str(tmp_path / "none.jsonl")]):
        with pytest.raises(SystemExit) as exc:
            main(["evaluate", *argv])
        assert exc.value.code == 2, argv
    assert "no <id>.json gold records" in capsys.readouterr().err


def test_help_shows_examples(capsys):
    with pytest.raises(SystemExit):
        main(["evaluate", "--help"])
    assert "extract-report evaluate --gold my_gold/ --pred out.jsonl" in capsys.readouterr().out


def _review_data(html: str) -> list[dict]:
    """The articles of a review page: each section's data, as the page's script reads it."""
    import re

    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="data">(.*?)</script>', html, re.S)]


def test_review_page_shows_the_documents_with_errors_gold_beside_prediction(capsys, gold, tmp_path):
    (gold / "weather.txt").write_text(WEATHER + "<script>alert(1)</script>\n", encoding="utf-8")
    weather = dict(WEATHER_GOLD, source="crawl/weather.txt")
    pred = _pred_file(tmp_path, _flawed_prediction(), weather)
    page = tmp_path / "misses.html"
    code, out, _ = _run(capsys, "--gold", str(gold), "--pred", str(pred), "--review", str(page))
    assert code == 0 and out.startswith("documents 2,")
    html = page.read_text(encoding="utf-8")
    assert "alert(1)" not in html  # weather has no error: no section
    (doc,) = _review_data(html)
    assert doc["source"] == "review"
    assert any("Bùi Hồng Hoàng" in n for n in doc["notes"]) and any("Nguyễn Văn An" in n for n in doc["notes"])
    gold_people = {p["entry"]: p["name"] for p in doc["gold"]["people"]}
    pred_people = {p["entry"]: p["name"] for p in doc["record"]["people"]}
    assert gold_people[next(e for e, k in doc["gold"]["flags"].items() if k == "missed")] == "Bùi Hồng Hoàng"
    assert doc["gold"]["flags"]["date"] == doc["record"]["flags"]["date"] == "wrong"
    assert [pred_people[e] for e, k in doc["record"]["flags"].items() if k == "extra"] == ["Nguyễn Văn An"]


def test_review_page_escapes_the_article_and_marks_evidence(capsys, gold, tmp_path):
    (gold / "review.txt").write_text(REVIEW.replace("Năm 2021", "<b>Năm</b> 2021"), encoding="utf-8")
    WRONG = dict(REVIEW_GOLD, meeting_date="2021-12-21")
    (gold / "review.json").write_text(json.dumps(WRONG, ensure_ascii=False), encoding="utf-8")
    page = tmp_path / "misses.html"
    code, _, _ = _run(capsys, "--gold", str(gold), "--review", str(page))
    assert code == 0
    html = page.read_text(encoding="utf-8")
    assert "<b>Năm</b>" not in html
    (doc,) = _review_data(html)
    assert "".join(piece for piece, _ in doc["segments"]) == REVIEW.replace("Năm 2021", "<b>Năm</b> 2021")
    marked = {piece: doc["spans"][covering[-1]][0] for piece, covering in doc["segments"] if covering}
    assert marked["Bùi Hồng Hoàng"] == "chair" and marked["15/15 chỉ tiêu chủ yếu"] == "target"
