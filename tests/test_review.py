"""The review page: evidence cut into segments, text escaped, one article or many, the command."""
from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from extractor.cli import main
from extractor.review import ReviewItem, Span, evidence_spans, render_review, segments

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "district-review.txt"


def _span(start, end, fld="chair"):
    return Span(start, end, fld, "p0", "p0.n", "v", "rule.x")


@given(st.text(max_size=40), st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6))
def test_segments_give_the_text_back_and_cover_each_span_exactly(text, pairs):
    spans = [_span(min(a, b), max(a, b)) for a, b in pairs if min(a, b) < max(a, b) <= len(text)]
    pieces = segments(text, spans)
    assert "".join(piece for piece, _ in pieces) == text
    offset = 0
    for piece, covering in pieces:
        for i, span in enumerate(spans):
            inside = span.start <= offset and offset + len(piece) <= span.end
            assert (i in covering) == inside
        offset += len(piece)


def test_nested_spans_are_listed_outermost_first():
    text = "Đồng chí Phạm Quốc Khánh chủ trì hội nghị"
    outer, inner = _span(0, len(text), "meeting"), _span(9, 24)
    assert segments(text, [inner, outer]) == [
        ("Đồng chí ", [1]), ("Phạm Quốc Khánh", [1, 0]), (" chủ trì hội nghị", [1]),
    ]


def test_evidence_that_does_not_match_the_text_is_left_out_and_counted():
    record = {"chairpersons": [{"name": "Lê Văn An", "titles": [],
                                "name_evidence": [{"start": 0, "end": 9, "text": "Lê Văn An", "rule": "r"},
                                                  {"start": 0, "end": 9, "text": "Lê Văn Ba", "rule": "r"}]}]}
    spans, mismatched = evidence_spans(record, "Lê Văn An chủ trì")
    assert [(s.field, s.value, s.rule) for s in spans] == [("chair", "Lê Văn An", "r")]
    assert mismatched == 1


def _page_data(html: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(r'<script type="application/json" class="data">(.*?)</script>', html, re.S)]


def test_article_text_never_reaches_the_page_as_markup():
    text = "</script><img src=x onerror=alert(1)> Ông Lê Văn An chủ trì"
    start = text.index("Lê Văn An")
    record = {"source": "<b>x</b>.txt", "is_meeting_report": True,
              "chairpersons": [{"name": "Lê Văn An", "titles": [],
                                "name_evidence": [{"start": start, "end": start + 9, "text": "Lê Văn An", "rule": "r"}]}]}
    html = render_review([ReviewItem(text=text, record=record)])
    assert "<img" not in html and "<b>x</b>" not in html
    (data,) = _page_data(html)
    assert "".join(piece for piece, _ in data["segments"]) == text
    assert data["spans"] == [["chair", "p0", "p0.n", "Lê Văn An", "r"]]


def test_a_gold_record_and_notes_ride_beside_the_record():
    record = {"source": "a.txt", "is_meeting_report": False}
    gold = {"is_meeting_report": True, "chairpersons": [{"name": "Lê Văn An", "titles": ["Chủ tịch UBND xã"]}]}
    (data,) = _page_data(render_review([ReviewItem(text="x", record=record, gold=gold, notes=["missed: chair"])]))
    assert data["gold"]["people"] == [{"entry": "p0", "name": "Lê Văn An", "role": "chair",
                                       "titles": ["Chủ tịch UBND xã"]}]
    assert data["notes"] == ["missed: chair"]


def test_review_of_one_article_has_no_index_and_its_section_open(tmp_path):
    out = tmp_path / "review.html"
    assert main(["review", str(SAMPLE), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert 'id="index"' not in html and "open>" in html
    (data,) = _page_data(html)
    fields = {span[0] for span in data["spans"]}
    assert {"chair", "attendee", "title", "meeting_date", "target", "award"} <= fields


def test_review_of_a_folder_has_an_index_row_per_article(tmp_path):
    out = tmp_path / "review.html"
    assert main(["review", str(ROOT / "samples"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    articles = len(list((ROOT / "samples").glob("*.txt")))
    assert len(_page_data(html)) == articles
    assert html.count('<a href="#doc-') == articles


def test_review_of_records_finds_their_texts(tmp_path, capsys):
    records = tmp_path / "results.jsonl"
    code = main(["batch", str(ROOT / "samples"), "--out", str(records)])
    assert code == 0
    out = tmp_path / "review.html"
    assert main(["review", "--records", str(records), "--texts", str(ROOT / "samples"), "-o", str(out)]) == 0
    pages = _page_data(out.read_text(encoding="utf-8"))
    assert len(pages) == len(list((ROOT / "samples").glob("*.txt")))
    assert all(not page["notes"] for page in pages)


def test_a_record_without_its_text_is_an_error_line(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"source": "gone.txt", "is_meeting_report": False}) + "\n", encoding="utf-8")
    assert main(["review", "--records", str(records), "-o", str(tmp_path / "r.html")]) == 1
    assert "Error: gone.txt: no text for this record" in capsys.readouterr().err


def test_records_of_the_plain_command_are_read_as_one_json_document(tmp_path, capsys):
    record = tmp_path / "one.json"
    code = main([str(SAMPLE)])
    record.write_text(capsys.readouterr().out, encoding="utf-8")
    assert code == 0
    out = tmp_path / "review.html"
    assert main(["review", "--records", str(record), "--texts", str(ROOT / "samples"), "-o", str(out)]) == 0
    (data,) = _page_data(out.read_text(encoding="utf-8"))
    assert data["notes"] == [] and data["spans"]


def test_bad_inputs_give_one_error_line_each(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"source": "a.txt"}\n{oops\n', encoding="utf-8")
    assert main(["review", "--records", str(bad), "-o", str(tmp_path / "r.html")]) == 1
    assert capsys.readouterr().err.strip() == f"Error: {bad}: line 2 is not JSON"
    assert main(["review", str(tmp_path / "gone.txt"), "-o", str(tmp_path / "r.html")]) == 1
    assert capsys.readouterr().err.splitlines()[0].startswith(f"Error: {tmp_path / 'gone.txt'}: ")
    assert main(["review", str(SAMPLE), "-o", str(tmp_path / "no" / "r.html")]) == 1
    assert capsys.readouterr().err.strip().startswith(f"Error: {tmp_path / 'no' / 'r.html'}: cannot be written")
