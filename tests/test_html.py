"""Saved article pages: main text only, paragraphs kept, metadata read, never a crash."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.decoding import decode_bytes
from extractor.errors import EmptyInputError
from extractor.html import declared_charset, html_to_text, looks_like_html, plain_text
from extractor.legacy_encodings import encode_tcvn3
from tests.input_samples import ARTICLE, FOOTER, MENU, PARAGRAPHS, RELATED, TITLE, portal_page

PAGES = {
    "article block with headline": portal_page(),
    "headline outside the article": portal_page(headline_in_article=False),
    "related list inside the article": portal_page(related_inside_article=True),
}


@pytest.mark.parametrize("label", sorted(PAGES))
def test_portal_page_gives_the_article_and_nothing_else(label):
    document = decode_bytes(PAGES[label].encode("utf-8"), source="page.html")
    assert document.text == ARTICLE, label
    for boilerplate in [*MENU, *RELATED, "Bài viết khác", FOOTER, "trackingCode", "color: red"]:
        assert boilerplate not in document.text, (label, boilerplate)


def test_paragraphs_stay_on_their_own_lines():
    document = decode_bytes(portal_page().encode(), source="page.html")
    assert document.text.split("\n") == [TITLE, *PARAGRAPHS]


def test_page_metadata():
    document = decode_bytes(portal_page().encode(), source="page.html")
    assert (document.is_html, document.title, document.published, document.author) == (
        True, TITLE, "2022-01-18", "Minh Hà"
    )


def test_date_from_the_visible_publication_line():
    page = portal_page().replace('<meta property="article:published_time" content="2022-01-18T08:30:00+07:00">', "")
    assert decode_bytes(page.encode(), source="page.html").published == "2022-01-18"


def test_legacy_encoded_page():
    document = decode_bytes(encode_tcvn3(portal_page("x-user-defined")), source="page.html")
    assert (document.encoding, document.text, document.title) == ("tcvn3", ARTICLE, TITLE)


def test_xml_declaration_with_encoding_is_accepted():
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + portal_page()
    assert decode_bytes(page.encode(), source="page.xhtml").text == ARTICLE


def test_headline_is_not_doubled_when_the_text_starts_with_it():
    page = html_to_text(portal_page())
    assert page.text.count(TITLE) == 1


def test_html_false_keeps_the_markup():
    data = portal_page().encode()
    document = decode_bytes(data, source="page.html", html=False)
    assert document.text == data.decode() and not document.is_html


def test_html_true_on_prose_keeps_the_prose():
    assert decode_bytes("Hội nghị tổng kết".encode(), html=True).text == "Hội nghị tổng kết"


def test_short_page_without_an_article_falls_back_to_its_text():
    page = "<html><head><title>Tin</title></head><body><p>Hội nghị.</p></body></html>"
    document = decode_bytes(page.encode(), source="page.html")
    assert "Hội nghị." in document.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body></body></html>",
        "<html><head><script>var a = 1;</script></head><body>  </body></html>",
        "<!DOCTYPE html><html><!-- chỉ có chú thích --></html>",
    ],
)
def test_page_without_text(page):
    with pytest.raises(EmptyInputError, match="^the page holds no text$"):
        decode_bytes(page.encode(), source="page.html")


# ---------------------------------------------------------------- the plain-text fallback

@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>Hội nghị</p><p>tổng kết</p>", "Hội nghị\ntổng kết"),
        ("<nav>Trang chủ</nav><div>Hội nghị</div><footer>Bản quyền</footer>", "Hội nghị"),
        ("<nav>Trang chủ</nav>", "Trang chủ"),  # nothing else: keep what there is
        ("<script>if (a < b) { x = '</p>' }</script><p>Hội nghị</p>", "Hội nghị"),
        ("<STYLE>p { }</STYLE><P>Hội nghị</P>", "Hội nghị"),
        ("<p>a &lt; b &amp;&amp; c &#273;&#7891;ng</p>", "a < b && c đồng"),
        ("<p>1 < 2 and 3 > 2</p>", "1 < 2 and 3 > 2"),
        ("<p>x<br/>y<br>z</p>", "x\ny\nz"),
        ("<p>Hội  \t nghị</p>\n\n\n<p> năm </p>", "Hội nghị\nnăm"),
        ("<p>mở <!-- ẩn --> tiếp</p>", "mở tiếp"),
        ("<p>mở <!-- không đóng", "mở"),
        ("<p>thẻ không đóng <b", "thẻ không đóng"),
        ("<p>Hội\u00a0nghị\u200b</p>", "Hội\u00a0nghị\u200b"),
    ],
)
def test_plain_text(markup, expected):
    assert plain_text(markup).text == expected


def test_plain_text_reads_the_title():
    assert plain_text("<html><head><title> Tin &amp; bài </title></head></html>").title == "Tin & bài"


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_page_keeps_its_text(depth):
    """libxml2 stops at 256 levels; the fallback scan does not care about depth."""
    page = "<html><body>" + "<div>" * depth + "<p>Hội nghị tổng kết năm 2021.</p>" + "</div>" * depth + "</body></html>"
    document = decode_bytes(page.encode(), source="deep.html")
    assert document.text == "Hội nghị tổng kết năm 2021."
    assert html_to_text(page).extractor == "plain"


def test_deeply_nested_unclosed_tags():
    page = "<html><body>" + "<div><span><b>" * 20_000 + "Hội nghị"
    assert decode_bytes(page.encode(), source="deep.html").text == "Hội nghị"


# ---------------------------------------------------------------- sniffing

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html>", True),
        ("\ufeff  \n<html lang='vi'>", True),
        ("<?xml version='1.0'?><html>", True),
        ("<div class='content'><p>Hội nghị</p></div>", True),
        ("<p>Hội nghị</p>", True),
        ("Hội nghị <b>tổng kết</b>", False),
        ("<<< Hội nghị >>>", False),
        ("", False),
    ],
)
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta charset="windows-1258">', "windows-1258"),
        (b"<meta charset=UTF-8>", "utf-8"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=TCVN3">', "tcvn3"),
        (b"<html><body>charset=utf-8</body>", None),
        (b"<meta name='x'>" * 1000 + b'<meta charset="latin-1">', None),  # too far down
    ],
)
def test_declared_charset(head, expected):
    assert declared_charset(head) == expected


# ---------------------------------------------------------------- never a crash

FRAGMENTS = st.sampled_from(
    [
        "<html>", "</html>", "<body>", "<div>", "</div>", "<p>", "</p>", "<nav>", "</nav>", "<script>",
        "</script>", "<!--", "-->", "<!DOCTYPE html>", "<?xml?>", "<![CDATA[", "]]>", "<", ">", "&", "&amp;",
        "&#", "&#x1F600;", "<br/>", "<a href='", "'>", "Hội nghị ", "đồng chí ", "15/15 ", "\u200b", "\x00",
        "<title>", "</title>", "<meta charset='tcvn3'>", "<table><tr><td>", "</td></tr></table>",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(FRAGMENTS, max_size=60))
def test_any_markup_gives_text_without_raising(parts):
    page = html_to_text("".join(parts))
    assert isinstance(page.text, str)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_plain_text_of_any_string(text):
    result = plain_text("<html>" + text)
    assert isinstance(result.text, str)
