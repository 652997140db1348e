"""One short meeting article in every form it reaches us, shared by the input tests.

Written for these tests in the genre of district news. It avoids capitals
with a tone mark at word starts ("Ủy ban") because TCVN3 cannot store them,
so every form below must decode to the very same text.
"""
from __future__ import annotations

import codecs
import html
import unicodedata

from extractor.legacy_encodings import encode_tcvn3, encode_vni, encode_windows_1258

TITLE = "Huyện Yên Phong tổng kết công tác năm 2021, triển khai nhiệm vụ năm 2022"
PARAGRAPHS = [
    "Sáng ngày 17/01/2022, UBND huyện Yên Phong tổ chức hội nghị tổng kết công tác năm 2021, "
    "triển khai nhiệm vụ năm 2022. Đồng chí Nguyễn Văn An, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện "
    "chủ trì hội nghị.",
    "Dự hội nghị có đồng chí Trần Thị Bình, Phó Bí thư Thường trực Huyện ủy; đồng chí Lê Quang Cường, "
    "Phó Chủ tịch HĐND huyện cùng lãnh đạo các phòng, ban, ngành và Chủ tịch UBND 14 xã, thị trấn.",
    "Năm 2021, mặc dù chịu ảnh hưởng của dịch Covid-19, huyện đã hoàn thành và vượt 15/15 chỉ tiêu "
    "kinh tế - xã hội đề ra. Tổng giá trị sản xuất ước đạt 12.500 tỷ đồng, tăng 8,2% so với năm 2020; "
    "thu ngân sách trên địa bàn đạt 105% dự toán.",
    "Phát biểu chỉ đạo, đồng chí Nguyễn Văn An đề nghị các xã, thị trấn tập trung thực hiện tốt công tác "
    "phòng, chống dịch, đẩy mạnh cải cách hành chính, phấn đấu hoàn thành các chỉ tiêu năm 2022.",
    "Nhân dịp này, Chủ tịch UBND huyện đã tặng Giấy khen cho 25 tập thể và 40 cá nhân có thành tích "
    "xuất sắc trong thực hiện nhiệm vụ năm 2021.",
]
ARTICLE = "\n".join([TITLE, *PARAGRAPHS])

MENU = ["Trang chủ", "Giới thiệu", "Tin tức - Sự kiện", "Văn bản chỉ đạo điều hành", "Liên hệ"]
RELATED = [
    "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 12",
    "Huyện Yên Phong ra quân tổng vệ sinh môi trường",
    "Kỳ họp thứ ba HĐND huyện khóa XX",
]
FOOTER = "Bản quyền thuộc UBND huyện Yên Phong. Địa chỉ: thị trấn Chờ, huyện Yên Phong."


def portal_page(
    charset: str = "utf-8",
    *,
    headline_in_article: bool = True,
    related_inside_article: bool = False,
) -> str:
    """The article as a district portal shows it: menu, breadcrumb, related list, footer."""
    menu = "".join(f'<li><a href="/m{i}">{html.escape(m)}</a></li>' for i, m in enumerate(MENU))
    related = (
        '<div class="tin-khac"><h3>Bài viết khác</h3><ul>'
        + "".join(f'<li><a href="/r{i}">{html.escape(r)}</a></li>' for i, r in enumerate(RELATED))
        + "</ul></div>"
    )
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in PARAGRAPHS)
    headline = f'<h1 class="title">{html.escape(TITLE)}</h1>'
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}">
<title>{html.escape(TITLE)} - Cổng thông tin điện tử huyện Yên Phong</title>
<meta property="og:title" content="{html.escape(TITLE)}">
<meta name="author" content="Minh Hà">
<meta property="article:published_time" content="2022-01-18T08:30:00+07:00">
<style>.menu {{ color: red }}</style>
<script>var trackingCode = "Bài viết khác";</script>
</head><body>
<header><div class="logo">Cổng thông tin điện tử huyện Yên Phong</div>
<nav class="menu"><ul>{menu}</ul></nav></header>
<div class="breadcrumb"><a href="/">Trang chủ</a> &gt; <a href="/tin-tuc">Tin tức - Sự kiện</a></div>
<main>{"" if headline_in_article else headline}<article class="news-detail">
{headline if headline_in_article else ""}
<div class="meta">Cập nhật: 18/01/2022 08:30 | Tác giả: Minh Hà</div>
<div class="content">
{paragraphs}
{related if related_inside_article else ""}
</div>
</article>
{"" if related_inside_article else related.replace('<div class="tin-khac">', '<aside class="related">')
    .replace("</ul></div>", "</ul></aside>")}
</main>
<footer><p>{html.escape(FOOTER)}</p></footer>
</body></html>"""


def double_encoded(text: str) -> str:
    """Mojibake: the UTF-8 bytes of ``text`` read as Windows-1252, Latin-1 where 1252 leaves a byte undefined."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(bytes([byte]).decode("latin-1"))
    return "".join(out)


def character_references(page: str) -> str:
    """An HTML page with every non-ASCII character written as a numeric reference (&#7897;)."""
    return "".join(c if c.isascii() else f"&#{ord(c)};" for c in page)


def article_forms() -> dict[str, tuple[bytes, str | None, str]]:
    """Label -> (bytes, source name, encoding the decoder must report)."""
    nfd = unicodedata.normalize("NFD", ARTICLE)
    return {
        "utf-8": (ARTICLE.encode("utf-8"), "article.txt", "utf-8"),
        "utf-8 with BOM": (ARTICLE.encode("utf-8-sig"), "article.txt", "utf-8-sig"),
        "utf-16 with BOM": (ARTICLE.encode("utf-16"), "article.txt", "utf-16"),
        "utf-16-le without BOM": (ARTICLE.encode("utf-16-le"), "article.txt", "utf-16-le"),
        "windows-1258": (encode_windows_1258(ARTICLE), "article.txt", "windows-1258"),
        "tcvn3": (encode_tcvn3(ARTICLE), "article.txt", "tcvn3"),
        "vni": (encode_vni(ARTICLE), "article.txt", "vni"),
        "utf-16-be with BOM": (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "article.txt", "utf-16"),
        "utf-16-be without BOM": (ARTICLE.encode("utf-16-be"), "article.txt", "utf-16-be"),
        "utf-8 NFD": (nfd.encode("utf-8"), "article.txt", "utf-8"),
        "utf-16 NFD": (nfd.encode("utf-16"), "article.txt", "utf-16"),
        "utf-8 read as windows-1252": (double_encoded(ARTICLE).encode("utf-8"), "article.txt", "utf-8"),
        "html utf-8": (portal_page().encode("utf-8"), "article.html", "utf-8"),
        "html sniffed": (portal_page().encode("utf-8"), None, "utf-8"),
        "html windows-1258": (encode_windows_1258(portal_page("windows-1258")), "article.htm", "windows-1258"),
        "html tcvn3": (encode_tcvn3(portal_page("x-user-defined")), "article.html", "tcvn3"),
        "html vni": (encode_vni(portal_page("x-user-defined")), "article.html", "vni"),
        "html NFD": (unicodedata.normalize("NFD", portal_page()).encode("utf-8"), "article.html", "utf-8"),
        "html character references": (character_references(portal_page("us-ascii")).encode(), "article.html", "utf-8"),
        "html read as windows-1252": (double_encoded(portal_page()).encode("utf-8"), "article.html", "utf-8"),
        "html headline outside": (portal_page(headline_in_article=False).encode(), "article.html", "utf-8"),
        "html related inside": (portal_page(related_inside_article=True).encode(), "article.html", "utf-8"),
    }


def scored_fields(report) -> dict:
    """What the shared scorer compares, NFC-normalised as the scorer does."""

    def nfc(value):
        return unicodedata.normalize("NFC", value) if isinstance(value, str) else value

    def people(items):
        return [(nfc(p.name), [nfc(t) for t in p.titles]) for p in items]

    return {
        "is_meeting_report": report.is_meeting_report,
        "meeting_date": report.meeting_date,
        "chairpersons": people(report.chairpersons),
        "attendees": people(report.attendees),
        "targets": [(t.achieved, t.total, nfc(t.unit)) for t in report.targets],
        "awards": [(a.count, a.approximate, nfc(a.recipient), nfc(a.award)) for a in report.awards],
    }


def assert_evidence_holds(report, text: str) -> None:
    """Every evidence span must cut exactly its own text out of the decoded text."""
    for evidence in report.evidences():
        assert 0 <= evidence.start <= evidence.end <= len(text), evidence
        assert text[evidence.start:evidence.end] == evidence.text, evidence
