"""The review page in a real browser: headless Chromium (the system's, never a download) via Playwright.

A screenshot of the sample's page is kept in ``test-artifacts/`` (ignored by git).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extractor.cli import main

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("no chromium binary on this machine (Debian: apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is a test dependency")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    page.close()
    assert errors == []


def test_one_article_shows_its_spans_and_tables_and_a_click_marks_the_evidence(page, tmp_path):
    out = tmp_path / "review.html"
    assert main(["review", str(ROOT / "samples" / "district-review.txt"), "-o", str(out)]) == 0
    page.goto(out.as_uri())
    fields = set(page.eval_on_selector_all("mark", "ms => ms.map(m => m.className.split(' ')[0])"))
    assert {"f-chair", "f-attendee", "f-title", "f-meeting_date", "f-target", "f-award"} <= fields
    assert page.locator("tr.entry[data-entry^='p']").count() >= 2
    assert page.locator("tr.entry[data-entry^='t']").count() >= 1

    row = page.locator("tr.entry[data-entry='p0']")
    name = row.locator("td").first.inner_text()
    row.click()
    selected = page.eval_on_selector_all("mark.selected", "ms => ms.map(m => [m.dataset.entry, m.textContent])")
    assert selected and all(entry == "p0" for entry, _ in selected)
    assert any(text == name for _, text in selected)

    target = page.locator("mark[data-entry='t0']").first
    target.click()
    assert page.locator("tr.entry.selected").evaluate_all("rs => rs.map(r => r.dataset.entry)") == ["t0"]
    assert page.locator("mark.selected").evaluate_all("ms => ms.map(m => m.dataset.entry)") == ["t0"]

    target.hover()
    assert "target:" in page.locator("#tip").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-district-review.png"), full_page=False)


def test_many_articles_open_from_the_index_and_filter_meetings(page, tmp_path):
    out = tmp_path / "review.html"
    assert main(["review", str(ROOT / "samples"), "-o", str(out)]) == 0
    page.goto(out.as_uri())
    articles = page.locator("details.article").count()
    assert page.locator("#index tbody tr").count() == articles > 1
    assert page.locator("mark").count() == 0  # nothing is drawn before a section is opened

    page.locator("#index tbody tr a").nth(1).click()
    section = page.locator("details.article").nth(1)
    assert section.evaluate("s => s.open")
    assert section.locator("mark").count() > 0
    assert page.locator("details.article").nth(0).locator("mark").count() == 0

    page.locator("#meetings-only").check()
    non_meetings = page.locator("#index tbody tr[data-meeting='0']")
    assert non_meetings.count() >= 1
    assert all(not r.is_visible() for r in non_meetings.all())
    assert page.locator("#shown").inner_text() == str(page.locator("#index tbody tr[data-meeting='1']").count())


def test_gold_beside_the_record_shows_the_flagged_rows(page, tmp_path):
    from extractor.review import ReviewItem, render_review

    text = "Đồng chí Lê Văn An chủ trì; dự có ông Trần Văn Bình."
    start = text.index("Trần Văn Bình")
    record = {"source": "a", "is_meeting_report": True,
              "attendees": [{"name": "Trần Văn Bình", "titles": [],
                             "name_evidence": [{"start": start, "end": start + 13, "text": "Trần Văn Bình",
                                                "rule": "r"}]}]}
    gold = {"is_meeting_report": True, "chairpersons": [{"name": "Lê Văn An", "titles": []}]}
    item = ReviewItem(text=text, record=record, gold=gold, notes=["chairpersons missed Lê Văn An"],
                      flags={"p0": "extra"}, gold_flags={"p0": "missed"})
    out = tmp_path / "misses.html"
    out.write_text(render_review([item]), encoding="utf-8")
    page.goto(out.as_uri())
    columns = page.locator(".columns > div")
    assert columns.nth(0).locator("tr.extra").inner_text().startswith("Trần Văn Bình")
    assert columns.nth(1).locator("tr.missed").inner_text().startswith("Lê Văn An")
    assert page.locator(".notes").inner_text() == "chairpersons missed Lê Văn An"
    columns.nth(0).locator("tr.extra").click()
    assert page.locator("mark.selected").inner_text() == "Trần Văn Bình"
