"""A saved article page reduced to its main text and metadata.

trafilatura finds the article and drops menus, related-article lists and
footers; it also reads the title, date and author. It works on an lxml tree,
and libxml2 stops building a tree 256 levels deep, so a hostile page (or a
page whose article trafilatura cannot find) goes through ``plain_text``: a
single forward scan with ``str.find`` that never revisits a character, so it
stays linear whatever the nesting or the number of unclosed ``<``.
"""
from __future__ import annotations

import html as _entities
import logging
import re
from dataclasses import dataclass

from .legacy_encodings import nfc

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

_SNIFF_CHARS = 4096
_START_MARKERS = ("<!doctype html", "<html", "<?xml")
_INNER_MARKERS = ("<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<br")

_CHARSET = re.compile(rb"""<meta[^>]{0,500}?charset\s{0,10}=\s{0,10}["']?\s{0,10}([A-Za-z0-9_.:-]{1,40})""", re.I)
"""``<meta charset=...>`` or the ``http-equiv`` form; every repetition is bounded."""

_TAG_NAME = re.compile(r"/?([A-Za-z][A-Za-z0-9:-]{0,40})")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK_LINES = re.compile(r"\n{2,}")
_ISO_DATE = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?")

_RAW_TEXT = frozenset({"script", "style", "template", "textarea", "xmp", "iframe", "noembed", "noframes"})
_HIDDEN = frozenset({"nav", "header", "footer", "aside", "form", "menu", "select", "button", "svg", "noscript"})
_BLOCK = frozenset(
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre "
    "section table tbody td th thead tr ul title caption center".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())

_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}

for _name in ("trafilatura", "htmldate", "justext", "courlan"):
    # Their warnings speak of internals ("discarding data: None") and would land
    # between the CLI's one-line messages whenever an application logs to stderr.
    if logging.getLogger(_name).level == logging.NOTSET:
        logging.getLogger(_name).setLevel(logging.ERROR)


@dataclass
class PageText:
    """What a page yields: its main text (paragraphs on their own lines) and metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    author: str | None = None
    extractor: str = "trafilatura"


def looks_like_html(text: str) -> bool:
    """True when the start of a text is markup rather than prose.

    >>> looks_like_html("<!DOCTYPE html><html><body>x</body></html>"), looks_like_html("Hội nghị <b>")
    (True, False)
    """
    head = text[:_SNIFF_CHARS].lstrip("\ufeff \t\r\n").translate(_ASCII_LOWER)
    if head.startswith(_START_MARKERS):
        return True
    return head.startswith("<") and any(marker in head for marker in _INNER_MARKERS)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start, if any.

    >>> declared_charset(b'<html><head><meta charset="windows-1258">')
    'windows-1258'
    """
    found = _CHARSET.search(data[:_SNIFF_CHARS])
    return found.group(1).decode("ascii").lower() if found else None


def _clean_lines(text: str) -> str:
    """Collapse runs of spaces, trim each line, keep one newline between paragraphs."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n", "\n".join(line for line in lines if line)).strip()


def plain_text(markup: str) -> PageText:
    """Every visible text of a page, block elements on their own lines.

    Text inside navigation, header, footer, aside and form elements is left out
    unless that leaves nothing. Linear time: each ``find`` starts past the end
    of the previous construct, and a construct left open ends the scan.

    >>> plain_text("<html><nav>Trang chủ</nav><p>Hội nghị</p><p>tổng kết &amp; khen</p>").text
    'Hội nghị\\ntổng kết & khen'
    """
    lower = markup.translate(_ASCII_LOWER)
    content: list[str] = []
    everything: list[str] = []
    title: list[str] = []
    hidden = 0
    in_title = False
    pos, end = 0, len(markup)
    while pos < end:
        lt = markup.find("<", pos)
        chunk = markup[pos:lt if lt >= 0 else end]
        if chunk:
            everything.append(chunk)
            if not hidden:
                content.append(chunk)
            if in_title:
                title.append(chunk)
        if lt < 0:
            break
        if markup.startswith("<!--", lt):
            close = markup.find("-->", lt + 4)
            if close < 0:
                break
            pos = close + 3
            continue
        if markup.startswith(("<!", "<?"), lt):
            close = markup.find(">", lt)
            if close < 0:
                break
            pos = close + 1
            continue
        tag = _TAG_NAME.match(markup, lt + 1)
        if tag is None:
            everything.append("<")
            if not hidden:
                content.append("<")
            pos = lt + 1
            continue
        close = markup.find(">", tag.end())
        if close < 0:
            break
        name = tag.group(1).translate(_ASCII_LOWER)
        closing = markup[lt + 1] == "/"
        self_closing = markup[close - 1] == "/"
        pos = close + 1
        if name in _BLOCK:
            everything.append("\n")
            content.append("\n")
        if name == "title":
            in_title = not closing
        if name in _RAW_TEXT and not closing:
            raw_end = lower.find("</" + name, pos)
            if raw_end < 0:
                break
            pos = raw_end
            continue
        if name in _HIDDEN and name not in _VOID and not self_closing:
            hidden = max(0, hidden - 1) if closing else hidden + 1
    page_title = _clean_lines(_entities.unescape("".join(title))) or None
    text = _clean_lines(_entities.unescape("".join(content)))
    if not text:
        text = _clean_lines(_entities.unescape("".join(everything)))
    return PageText(text=text, title=page_title, extractor="plain")


_KEY_CHARS = 2000


def _nfc_key(text: str) -> str:
    return " ".join(nfc(text[:_KEY_CHARS]).casefold().split())


def _with_headline(text: str, title: str | None) -> str:
    """Put the headline on the first line when the main text left it out.

    A saved plain-text article starts with its headline; HTML pages often keep
    it outside the article block. With it in the text the record's title can
    carry evidence like every other value.
    """
    if not title:
        return text
    head = _nfc_key("\n".join(text.split("\n", 2)[:2]))
    if _nfc_key(title) in head:
        return text
    return f"{title}\n{text}"


def _iso_date(value: str | None) -> str | None:
    if value and _ISO_DATE.fullmatch(value.strip()):
        return value.strip()
    return None


def _trafilatura(markup: str) -> PageText | None:
    """Main text and metadata via trafilatura, or None when it finds no article.

    A failed import is not caught: a broken install must show, not silently
    degrade every page to the plain-text fallback.
    """
    from trafilatura import bare_extraction

    try:
        found = bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"},
        )
    except Exception:  # RecursionError, parser errors: trafilatura has many ways to fail on a broken page
        return None
    if found is None:
        return None
    text = _clean_lines(getattr(found, "text", None) or "")
    title = " ".join((getattr(found, "title", None) or "").split()) or None
    author = " ".join((getattr(found, "author", None) or "").split()) or None
    published = _iso_date(getattr(found, "date", None))
    return PageText(text=text, title=title, published=published, author=author)


def html_to_text(markup: str) -> PageText:
    """The main text of a page, headline first, plus its title, date and author.

    Falls back to ``plain_text`` when trafilatura finds no article; never raises
    on odd markup. The text may be empty when the page holds none.
    """
    page = _trafilatura(markup)
    if page is None or not page.text:
        fallback = plain_text(markup)
        if page is not None:
            fallback.title = page.title or fallback.title
            fallback.published, fallback.author = page.published, page.author
        page = fallback
    page.text = _with_headline(page.text, page.title) if page.text else page.text
    return page
