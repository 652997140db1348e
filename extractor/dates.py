"""Dates in Vietnamese news: every date mention, and the article's own publication line.

Rules are written the Duckling way: each has a readable name (the ``rule`` id
that travels on the mention), a pattern, and a function that produces the
value. Pieces compose: a core shape (``17/01/2022``, ``26 tháng 9``, ``23.1``)
is parsed first, then the words in front of it (``Sáng ngày``, ``Thứ ba,``,
``hôm qua (``) attach to it and decide whether a weak shape is a date at all:
``23.1`` is a date after ``ngày`` and not in ``tăng 23.1%``; a bare ``7/7`` is
a date before ``tới`` and not before ``ngày`` ("7/7 ngày").

The words live in ``patterns/dates.jsonl`` (parts of the day, weekdays,
relative days, month names, cue words); this module holds shapes only. Every
pattern is a fixed-width or bounded shape compiled with the ``regex`` module
and run with a timeout, so hostile input cannot make it backtrack for long.

Offsets always index the text as given: NBSP, zero-width characters and
Unicode dashes are mapped one character for one onto a private view of the text
before matching, and case does not matter ("SÁNG NGÀY 17/01/2022").

>>> [(m.text, m.day, m.month, m.year, m.part_of_day, m.rule)
...  for m in find_dates("Sáng ngày 17/01/2022, hội nghị khai mạc.")]
[('Sáng ngày 17/01/2022', 17, 1, 2022, 'sáng', 'date.dmy_slash')]
>>> [(m.text, m.relative, m.rule) for m in find_dates("Cuộc họp diễn ra hôm qua (10/2).")]
[('hôm qua (10/2)', -1, 'date.relative_with_dm')]
>>> find_dates("Năm nay huyện đạt 15/15 chỉ tiêu, tăng 23.1%.")
[]
>>> pub = find_publication_date("Tiêu đề bài viết\\nCập nhật: 19/11/2020\\nNgày 18/11, hội nghị...")
>>> (pub.text, pub.year, pub.month, pub.day, pub.rule)
('Cập nhật: 19/11/2020', 2020, 11, 19, 'pub.cue')
>>> find_publication_date("Sáng ngày 17/01/2022, đồng chí Chủ tịch chủ trì hội nghị.") is None
True
>>> to_iso(find_dates("Ngày 25/11, HĐND tỉnh họp.")[0], pub)
'2020-11-25'
>>> to_iso(find_dates("Ngày 25/11, HĐND tỉnh họp.")[0])
'--11-25'
"""
from __future__ import annotations

import calendar
import datetime as dt
import json
import re
import unicodedata
import warnings
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import regex

from .errors import PatternError
from .pattern_files import trie_alternation

__all__ = [
    "DateMention",
    "PublicationDate",
    "Lexicon",
    "RULE_IDS",
    "find_dates",
    "find_publication_date",
    "load_lexicon",
    "resolve",
    "resolve_year",
    "to_iso",
]

# One regex call may take at most this long (seconds); past it the rule finds
# nothing more in that text rather than hanging. Shapes are bounded, so this is
# a seat belt, not the plan.
REGEX_TIMEOUT = 5.0

# How far to the left of a date the cue words are looked for (characters).
_LEFT_WINDOW = 40
_RIGHT_WINDOW = 40

# The head of an article, where its publication line may stand.
_HEAD_LINES = 8
_HEAD_CHARS = 3000
_PUB_LINE_MAX = 160
_PUB_CUE_SCAN = 300


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class DateMention:
    """One date written in the text. ``text == source[start:end]``.

    ``kind`` is ``"date"`` when the day is known, ``"month"`` for a month (and
    maybe year) only, ``"year"`` for "năm 2021", and ``"relative"`` for a
    relative day with no day number ("hôm qua", "sáng nay"): its ``relative``
    says how many days from the publication date.
    """

    start: int
    end: int
    text: str
    day: int | None
    month: int | None
    year: int | None
    part_of_day: str | None
    relative: int | None
    rule: str
    kind: str


@dataclass(frozen=True)
class PublicationDate:
    """The article's own publication line ("Cập nhật: 19/11/2020", " date 2023-12")."""

    start: int
    end: int
    text: str
    year: int
    month: int | None
    day: int | None
    rule: str

    def iso(self) -> str:
        """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, as precise as the line is."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


RULE_IDS = (
    "date.iso",
    "date.dmy_slash",
    "date.dmy_dash",
    "date.dmy_dot",
    "date.words",
    "date.range",
    "date.dm_slash",
    "date.dm_dash",
    "date.dm_dot",
    "date.month_year",
    "date.my_slash",
    "date.iso_month",
    "date.month",
    "date.year",
    "date.relative",
    "date.relative_with_dm",
    "pub.date_marker",
    "pub.cue",
    "pub.weekday_line",
    "pub.line",
)


# --------------------------------------------------------------------------- the text view

_SPACE_LIKE = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_VIEW_TABLE = str.maketrans(
    {**{c: " " for c in _SPACE_LIKE + _INVISIBLE}, **{c: "-" for c in _DASHES}, "\uff0f": "/"}
)


#: the characters ``_VIEW_TABLE`` changes, found in one pass: ``str.translate`` looks up every character
_ODD_CHARACTER = re.compile("[" + "".join(re.escape(chr(c)) for c in _VIEW_TABLE) + "]")


def _view(text: str) -> str:
    """The text with odd spaces, invisible characters and dashes made plain, same length."""
    if _ODD_CHARACTER.search(text) is None:
        return text
    return _ODD_CHARACTER.sub(lambda m: _VIEW_TABLE[ord(m.group())], text)


def _key(surface: str) -> str:
    """How a lexicon word is looked up: NFC, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFC", surface).split()).casefold()


# --------------------------------------------------------------------------- the lexicon

LEXICON_TYPES = {
    "part_of_day": str,
    "weekday": int,
    "relative": int,
    "relative_suffix": int,
    "month_word": int,
    "ambiguous_month_word": None,
    "date_cue": None,
    "range_cue": None,
    "range_connector": None,
    "follower": None,
    "number_cue": None,
    "document_cue": None,
    "period_cue": None,
    "term_cue": None,
    "duration_cue": None,
    "lunar_marker": None,
    "weak_cue": None,
    "count_noun": None,
    "ordinal_cue": None,
    "bare_veto": None,
    "pub_cue": None,
}


@dataclass(frozen=True)
class Lexicon:
    """The words of the date rules, by type: ``{type: {key: value}}`` (value None for cue lists)."""

    entries: dict[str, dict[str, object]]
    source: str = "<memory>"

    def words(self, kind: str) -> list[str]:
        return list(self.entries.get(kind, {}))

    def value(self, kind: str, surface: str) -> object:
        return self.entries.get(kind, {}).get(_key(surface))

    def has(self, kind: str, surface: str) -> bool:
        return _key(surface) in self.entries.get(kind, {})


def _default_lexicon_path() -> Path:
    from .pattern_files import shipped_dir

    return shipped_dir() / "dates.jsonl"


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read ``dates.jsonl``: one ``{"type", "text", "value"?}`` object a line.

    Lines holding only a ``"#"`` key are comments. A malformed line raises
    ``PatternError`` naming the file and line.
    """
    path = Path(path) if path is not None else _default_lexicon_path()
    entries: dict[str, dict[str, object]] = {kind: {} for kind in LEXICON_TYPES}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise PatternError(f"{path}: cannot read ({exc.strerror or exc})") from None
    for number, line in enumerate(lines, 1):
        where = f"{path}:{number}"
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{where}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise PatternError(f"{where}: expected an object")
        if set(row) == {"#"}:
            continue
        kind, text = row.get("type"), row.get("text")
        if kind not in LEXICON_TYPES:
            raise PatternError(f"{where}: unknown type {kind!r}; use one of {', '.join(sorted(LEXICON_TYPES))}")
        if not isinstance(text, str) or not text.strip():
            raise PatternError(f"{where}: 'text' must be a non-empty string")
        expected = LEXICON_TYPES[kind]
        value = row.get("value")
        if expected is not None and not isinstance(value, expected):
            raise PatternError(f"{where}: type {kind!r} needs a {expected.__name__} 'value'")
        key = _key(text)
        if key in entries[kind]:
            raise PatternError(f"{where}: duplicate {kind} {text!r}")
        entries[kind][key] = value
    empty = sorted(kind for kind, words in entries.items() if not words)
    if empty:
        warnings.warn(f"{path}: no words of type {', '.join(empty)}; the rules using them match nothing", stacklevel=2)
    return Lexicon(entries=entries, source=str(path))


# --------------------------------------------------------------------------- shapes

_FLAGS = regex.IGNORECASE | regex.UNICODE


def _alt(words: Iterable[str], gap: str = r"\s+") -> str:
    """A non-capturing alternation of lexicon words, longest first, ``gap`` between the words of a phrase.

    Lower-case, single-spaced words (the lexicon's keys) are written as a
    prefix tree, which tries the words that match at a place longest first,
    as the flat list does (see ``pattern_files.alternation``).
    """
    parts = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not parts:
        return "(?!)"
    if all(w == w.lower() and w == " ".join(w.split()) for w in parts):
        return "(?:" + trie_alternation(parts, space=gap) + ")"
    return "(?:" + "|".join(gap.join(regex.escape(p) for p in w.split()) for w in parts) + ")"


def _day(name: str = "d") -> str:
    return rf"(?P<{name}>0?[1-9]|[12][0-9]|3[01])"


def _month(name: str = "m") -> str:
    return rf"(?P<{name}>0?[1-9]|1[0-2])"


def _year(name: str = "y") -> str:
    return rf"(?P<{name}>(?:19|20)[0-9]{{2}})"


_L = r"(?<![\w/])(?<![0-9][.,:])(?<!\p{L}-)"  # a number's left edge: not "3,5", "x/5", "abc-5"
_R = r"(?![\w/%])(?![.,:][0-9])"  # right edge: no digit, letter, '/', '%' or ".5" after
_S = r"[ \t]{0,2}"  # room for a space around a separator ("14 - 15/5", "11/ 2017")
_YEAR_TAIL = rf"(?:\s*,?\s+năm\s+{_year()}(?![0-9]))?"  # "ngày 31-1 năm 2017"

# strength of a shape: how much context it needs to count as a date
STRONG = "strong"  # a date whatever surrounds it: 17/01/2022, 26 tháng 9, năm 2021
BARE = "bare"  # a date with a cue, or bare when nothing around makes it a ratio: 18/11, 6/2017
CUE = "cue"  # a date only after a cue word: 23.1, 6-2


@dataclass(frozen=True)
class Rule:
    """One Duckling-style rule: a name, a pattern, and how strong its shape is on its own.

    Patterns are composed from the shared day, month and year pieces, so the
    value is read the same way for every rule (``_compose``): groups ``d``,
    ``m`` (or the month word ``mw``) and ``y``, plus ``d1``/``m1`` for the
    first day of a range; the words in front then attach to the day.
    """

    name: str
    pattern: str
    kind: str  # "date" | "month" | "year" | "relative"
    strength: str
    is_range: bool = False
    vetoes: tuple[str, ...] = ()  # lexicon types whose word right before the shape cancels it
    compiled: regex.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = self.pattern
        if pattern.startswith(_NUMBER_LED):
            # The shape opens on a day, month or year: one cheap look at the first character
            # spares the left-edge lookbehinds at every position that holds no digit.
            pattern = "(?=[0-9])" + pattern
        object.__setattr__(self, "compiled", regex.compile(pattern, _FLAGS))


#: how a shape opening on one of the number pieces (``_day``, ``_month``, ``_year``: digits only) begins
_NUMBER_LED = tuple(edge + f"(?P<{name}>" for edge in (_L, r"(?<![\w/.-])") for name in ("d", "d1", "m", "y"))


def _rules(lex: Lexicon) -> list[Rule]:
    month_word = _alt(lex.words("month_word"))
    connector = _alt(lex.words("range_connector"))
    cue = _alt(lex.words("date_cue"))
    d, m, y = _day(), _month(), _year()
    mw = rf"(?:{_month()}(?![0-9])|(?P<mw>{month_word})(?!\w))"
    bare_vetoes = ("number_cue", "document_cue", "period_cue")
    return [
        # Priority on equal length is list order.
        Rule("date.iso", rf"(?<![\w/.-]){y}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])(?![\w/-])(?![.,:][0-9])",
             "date", STRONG),
        Rule("date.dmy_slash", rf"{_L}{d}{_S}/{_S}{m}{_S}/{_S}{y}{_R}", "date", STRONG),
        Rule("date.dmy_dash", rf"{_L}{d}{_S}-{_S}{m}{_S}-{_S}{y}{_R}(?!-[0-9])", "date", STRONG),
        Rule("date.dmy_dot", rf"{_L}{d}\.{m}\.{y}{_R}", "date", STRONG),
        Rule("date.words", rf"{_L}{d}\s+tháng\s+{mw}(?:\s*,?\s*năm\s+{y})?(?![\w/])(?![.,-][0-9])",
             "date", STRONG, vetoes=("duration_cue",)),
        # Ranges: a mention for the first day, the month (and year) read from the end.
        Rule("date.range", rf"{_L}{_day('d1')}{_S}-{_S}{d}{_S}/{_S}{m}(?:{_S}/{_S}{y})?{_R}",
             "date", BARE, is_range=True, vetoes=bare_vetoes),
        Rule("date.range", rf"{_L}{_day('d1')}{_S}-{_S}{d}(?P<sep>[.-]){m}(?:(?P=sep){y})?{_R}(?!-[0-9])",
             "date", CUE, is_range=True),
        Rule("date.range", rf"{_L}{_day('d1')}\s+{connector}\s+(?:{cue}\s+)?{d}{_S}/{_S}{m}"
             rf"(?:{_S}/{_S}{y})?{_R}", "date", BARE, is_range=True, vetoes=bare_vetoes),
        Rule("date.range", rf"{_L}{_day('d1')}\s+{connector}\s+(?:{cue}\s+)?{d}(?P<sep>[.-]){m}"
             rf"(?:(?P=sep){y})?{_R}(?!-[0-9])", "date", CUE, is_range=True),
        Rule("date.range", rf"{_L}{_day('d1')}{_S}/{_S}{_month('m1')}(?:{_S}-{_S}|\s+{connector}\s+(?:{cue}\s+)?)"
             rf"{d}{_S}/{_S}{m}(?:{_S}/{_S}{y})?{_R}", "date", BARE, is_range=True, vetoes=bare_vetoes),
        Rule("date.range", rf"{_L}{_day('d1')}\.{_month('m1')}(?:{_S}-{_S}|\s+{connector}\s+(?:{cue}\s+)?)"
             rf"{d}\.{m}(?:\.{y})?{_R}", "date", CUE, is_range=True),
        Rule("date.dm_slash", rf"{_L}{d}{_S}/{_S}{m}{_YEAR_TAIL}{_R}", "date", BARE, vetoes=bare_vetoes),
        Rule("date.dm_dash", rf"{_L}{d}{_S}-{_S}{m}{_YEAR_TAIL}{_R}(?!{_S}-{_S}[0-9])", "date", CUE),
        Rule("date.dm_dot", rf"{_L}{d}\.{m}{_YEAR_TAIL}{_R}", "date", CUE),
        Rule("date.month_year", rf"(?<!\w)tháng\s+{mw}(?:{_S}[/.-]{_S}|\s*,?\s*năm\s+){y}{_R}", "month", STRONG),
        Rule("date.my_slash", rf"{_L}{m}{_S}/{_S}{y}{_R}(?!-[0-9])", "month", BARE, vetoes=bare_vetoes),
        Rule("date.iso_month", rf"(?<![\w/.-]){y}-(?P<m>0[1-9]|1[0-2])(?![\w/-])(?![.,:][0-9])",
             "month", STRONG, vetoes=("term_cue",)),
        Rule("date.month", rf"(?<!\w)tháng\s+{mw}(?![\w/%])(?![.,:/-][0-9])", "month", STRONG),
        Rule("date.year", rf"(?<!\w)năm\s+{y}(?![\w/])(?![.,][0-9])(?!{_S}-{_S}[0-9])", "year", STRONG),
    ]


class _Grammar:
    """Every compiled pattern for one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.rules = _rules(lex)
        pod = _alt(lex.words("part_of_day"))
        wd = _alt(lex.words("weekday"))
        rel_word = _alt(lex.words("relative"))
        suffix = _alt(lex.words("relative_suffix"))
        cue = _alt(lex.words("date_cue"))
        # bounded gaps: a lookbehind must not scan back over a long run of spaces
        ordinal = _alt(lex.words("ordinal_cue"), gap=r"[ \t]{1,3}")
        rel_full = rf"(?:(?:{pod})\s+)?{rel_word}|(?:{pod})\s+{suffix}"
        self.relative_parts = regex.compile(
            rf"(?:(?P<pod>{pod})\s+)?(?P<word>{rel_word})|(?P<pod>{pod})\s+(?P<suffix>{suffix})", _FLAGS
        )
        self.relative = regex.compile(rf"(?<!\w)(?:{rel_full})(?!\w)", _FLAGS)
        # What may stand in front of a date, ending right where the date starts.
        lead = (
            rf"(?:(?P<rel>{rel_full})\s*"
            rf"|(?:(?P<pod>{pod})\s+)?(?<!(?<!\w){ordinal}[ \t]{{1,3}})(?P<wd>{wd})(?:\s*[,|-]\s*|\s+)"
            rf"|(?P<pod>{pod})\s+)?"
        )
        tail = rf"(?:(?P<paren>\()\s*)?(?:(?P<cue>{cue})\s*)?\Z"
        from_ = _alt(lex.words("range_cue"))
        self.prefix = regex.compile(rf"(?<!\w){lead}{tail}", _FLAGS)
        self.range_prefix = regex.compile(rf"(?<!\w){lead}(?:(?P<from>{from_})\s+)?{tail}", _FLAGS)
        self.after_paren = regex.compile(rf"(?:(?P<cue>{cue})\s*)?\Z", _FLAGS)
        self.close_paren = regex.compile(r"[ \t]*\)")
        self.left_word = {
            kind: regex.compile(rf"(?<!\w){_alt(lex.words(kind))}[ \t]*\Z", _FLAGS)
            for kind in ("number_cue", "document_cue", "period_cue", "term_cue", "duration_cue", "weak_cue")
        }
        self.lunar = regex.compile(rf"[ \t]*\(?[ \t]*{_alt(lex.words('lunar_marker'))}(?!\w)", _FLAGS)
        self.follows = regex.compile(
            rf"(?:[ \t]*(?:[,.;:!?)\]\"”'’…(-]|\r?\n|\Z)|\s+{_alt(lex.words('follower'))}(?!\w)"
            r"|\s+[0-9]{1,2}[:h][0-9]{2}(?![0-9]))",  # a schedule: "24/7 04:05"
            _FLAGS,
        )
        self.count_noun = regex.compile(rf"\s+{_alt(lex.words('count_noun'))}(?!\w)", _FLAGS)
        self.bare_veto = {_key(w) for w in lex.words("bare_veto")}
        self._pub(lex, pod, wd)

    def _pub(self, lex: Lexicon, pod: str, wd: str) -> None:
        time = r"[0-9]{1,2}(?:[:hg][0-9]{2}){1,2}(?:\s*(?:SA|CH|AM|PM)(?!\w))?"
        full = (
            rf"(?:{_L}{_day()}(?P<sep>[/.-]){_month()}(?P=sep){_year()}{_R}"
            rf"|(?<![\w/.-]){_year()}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12][0-9]|3[01])(?![\w/-])"
            rf"|{_L}{_day()}\s+tháng\s+{_month()}\s*,?\s*năm\s+{_year()}(?!\w))"
        )
        partial = rf"(?:(?<![\w/.-]){_year()}-(?P<m>0[1-9]|1[0-2])(?![\w/-])|(?:tháng\s+)?{_L}{_month()}/{_year()}{_R})"
        sep = r"\s*[,|-]?\s*"
        self.pub_marker = regex.compile(rf"\A\s*(?P<body>date\s*:?\s*(?:{full}|{partial}))(?!\w)", _FLAGS)
        self.pub_line = regex.compile(
            rf"[ \t]*[(\[]?[ \t]*(?P<body>(?:(?P<wd>{wd}){sep}(?:ngày\s+)?)?(?:{time}{sep})?{full}(?:{sep}{time})?)"
            rf"(?:\s*\[?\s*GMT\s*[+-]\s*[0-9]{{1,2}}(?::?[0-9]{{2}})?\s*\]?)?[ \t]*[)\]]?(?:[ \t]+[0-9]{{1,7}}){{0,3}}\s*",
            _FLAGS,
        )
        self.pub_cue = regex.compile(
            rf"(?<!\w)(?P<body>{_alt(lex.words('pub_cue'))}\s*(?P<colon>:)?\s*(?:lúc\s+)?(?:{time}{sep})?(?:ngày\s+)?"
            rf"(?:{wd}{sep}(?:ngày\s+)?)?(?:{full}|{partial}))",
            _FLAGS,
        )


@lru_cache(maxsize=8)
def _grammar_for(path: str | None) -> _Grammar:
    return _Grammar(load_lexicon(path))


def _grammar(lexicon: str | Path | None = None) -> _Grammar:
    return _grammar_for(str(lexicon) if lexicon is not None else None)


# --------------------------------------------------------------------------- values


def _valid(day: int | None, month: int | None, year: int | None) -> bool:
    if month is None or not 1 <= month <= 12:
        return False
    if day is None:
        return True
    last = calendar.monthrange(year if year else 2000, month)[1]  # no year: allow 29/2
    return 1 <= day <= last


def _int(m: regex.Match, name: str) -> int | None:
    try:
        text = m.group(name)
    except IndexError:
        return None
    return int(text) if text else None


@dataclass
class _Candidate:
    start: int
    end: int
    day: int | None
    month: int | None
    year: int | None
    part_of_day: str | None
    relative: int | None
    rule: str
    kind: str
    priority: int


# --------------------------------------------------------------------------- finding dates


def _finditer(pattern: regex.Pattern, text: str, pos: int = 0, endpos: int | None = None):
    """``finditer`` that gives up (quietly) at the timeout instead of hanging."""
    try:
        yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return


def _search(pattern: regex.Pattern, text: str, pos: int, endpos: int) -> regex.Match | None:
    try:
        return pattern.search(text, pos, endpos, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return None


def _match(pattern: regex.Pattern, text: str, pos: int, endpos: int | None = None) -> regex.Match | None:
    try:
        return pattern.match(text, pos, len(text) if endpos is None else endpos, timeout=REGEX_TIMEOUT)
    except TimeoutError:
        return None


def _relative_value(g: _Grammar, phrase: str) -> tuple[str | None, int | None]:
    """("sáng", 0) for "Sáng nay", (None, -1) for "hôm qua"."""
    m = g.relative_parts.fullmatch(phrase)
    if m is None:
        return None, None
    pod = g.lex.value("part_of_day", m.group("pod")) if m.group("pod") else None
    if m.group("word"):
        return pod, g.lex.value("relative", m.group("word"))
    return pod, g.lex.value("relative_suffix", m.group("suffix"))


@dataclass(frozen=True)
class _Left:
    """What stands in front of a date: where the mention starts, and which cues it has."""

    start: int
    end: int  # past the closing parenthesis when "hôm qua (" opened one
    part_of_day: str | None = None
    relative: int | None = None
    cues: frozenset[str] = frozenset()  # of "rel", "pod", "wd", "cue", "from"


def _left_context(g: _Grammar, view: str, start: int, end: int, is_range: bool) -> _Left:
    """Part of the day, weekday, relative day, "ngày"/"hôm" and "(" right before a day."""
    lo = max(0, start - _LEFT_WINDOW)
    p = _search(g.range_prefix if is_range else g.prefix, view, lo, start)
    if p is None or p.start() >= start:
        return _Left(start, end)
    if p.group("paren"):
        attached = p.group("rel") or p.group("pod") or p.group("wd")
        close = _match(g.close_paren, view, end) if attached else None
        if close is None:
            # "(ngày 11.8)" or an unclosed "(": the parenthesis stays out, only a cue inside it counts
            p = _search(g.after_paren, view, p.end("paren"), start)
            if p is None or p.start() >= start:
                return _Left(start, end)
        else:
            end = close.end()  # "hôm qua (10/2)" is one mention
    groups = {k: v for k, v in p.groupdict().items() if v}
    pod = rel = None
    if "rel" in groups:
        pod, rel = _relative_value(g, groups["rel"])
    elif "pod" in groups:
        pod = g.lex.value("part_of_day", groups["pod"])
    cues = frozenset(groups) & {"rel", "pod", "wd", "cue", "from"}
    return _Left(p.start(), end, pod, rel, cues)


def _compose(g: _Grammar, view: str, rule: Rule, m: regex.Match, priority: int) -> _Candidate | None:
    """Attach the words in front of a core shape; keep it only if the context makes it a date."""
    day, month, year = _int(m, "d"), _int(m, "m"), _int(m, "y")
    if "mw" in rule.compiled.groupindex and m.group("mw"):
        word = m.group("mw")
        # "bao tháng năm" (months and years) is not "tháng Năm" (May)
        if g.lex.has("ambiguous_month_word", word) and not (word[:1].isupper() and not word.isupper()):
            return None
        month = g.lex.value("month_word", word)
    if rule.kind == "year":
        month = None
    elif not _valid(day, month, year):
        return None
    if rule.is_range:
        d1, m1 = _int(m, "d1"), _int(m, "m1") or month
        if not _valid(d1, m1, year) or (m1, d1) >= (month, day):
            return None
        day, month = d1, m1
    start, end = m.start(), m.end()
    right = min(len(view), end + _RIGHT_WINDOW)

    # A lunar date is not a calendar date.
    if _match(g.lunar, view, end, right):
        return None

    # Only a day takes a part of the day, a weekday or "ngày" in front of it.
    left = _left_context(g, view, start, end, rule.is_range) if rule.kind == "date" else _Left(start, end)

    if left.cues == {"pod"} and rule.strength != STRONG:
        # "mỗi tối 2-3 lần" is a count; "Tối 2-3, ..." is a date
        if _match(g.count_noun, view, end, right):
            return None
    if not left.cues:
        if any(_search(g.left_word[v], view, max(0, start - _LEFT_WINDOW), start) for v in rule.vetoes):
            return None
        if rule.strength == CUE:
            return None
        if rule.strength == BARE:
            if _key(view[start:end]) in g.bare_veto:
                return None
            if _search(g.left_word["weak_cue"], view, max(0, start - _LEFT_WINDOW), start):
                if _match(g.count_noun, view, end, right):  # "vào 24/3 ...", but "đến 1/3 số hộ"
                    return None
            elif not _match(g.follows, view, end, right):  # "16/6 vừa qua", but "7/7 ngày"
                return None

    name = "date.relative_with_dm" if left.relative is not None else rule.name
    return _Candidate(left.start, left.end, day, month, year, left.part_of_day, left.relative, name, rule.kind,
                      priority)


def _choose(cands: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping, longest first (then rule order, then leftmost), returned in text order."""
    cands.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[_Candidate] = []
    for c in cands:
        i = bisect_left(starts, c.start)
        if i > 0 and ends[i - 1] > c.start:
            continue
        if i < len(starts) and starts[i] < c.end:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.insert(i, c)
    return chosen


def find_dates(text: str, *, lexicon: str | Path | None = None) -> list[DateMention]:
    """Every date mention in ``text``, in text order, non-overlapping (longest wins).

    Never raises on odd text; returns ``[]`` when there is nothing (or for non-strings).

    >>> [(m.text, m.kind) for m in find_dates("Tháng 6/2017 và năm 2021, nhiệm kỳ 2021-2026.")]
    [('Tháng 6/2017', 'month'), ('năm 2021', 'year')]
    >>> [(m.text, m.day, m.month, m.rule) for m in find_dates("Hội nghị diễn ra từ 14 - 15/5/2017.")]
    [('từ 14 - 15/5/2017', 14, 5, 'date.range')]
    """
    if not isinstance(text, str) or not text:
        return []
    g = _grammar(lexicon)
    view = _view(text)
    cands: list[_Candidate] = []
    for priority, rule in enumerate(g.rules):
        for m in _finditer(rule.compiled, view):
            c = _compose(g, view, rule, m, priority)
            if c is not None:
                cands.append(c)
    relative_priority = len(g.rules)
    for m in _finditer(g.relative, view):
        pod, rel = _relative_value(g, m.group())
        if rel is not None:
            cands.append(_Candidate(m.start(), m.end(), None, None, None, pod, rel, "date.relative", "relative",
                                    relative_priority))
    return [
        DateMention(c.start, c.end, text[c.start:c.end], c.day, c.month, c.year, c.part_of_day, c.relative,
                    c.rule, c.kind)
        for c in _choose(cands)
    ]


# --------------------------------------------------------------------------- publication line


def _head_lines(view: str) -> Iterable[tuple[int, int]]:
    """(start, end) of the first non-empty lines of the head."""
    seen = 0
    pos = 0
    limit = min(len(view), _HEAD_CHARS)
    while pos < limit and seen < _HEAD_LINES:
        nl = view.find("\n", pos, limit)
        end = limit if nl < 0 else nl
        if view[pos:end].strip():
            seen += 1
            yield pos, end
        pos = end + 1


def _publication(text: str, m: regex.Match, rule: str) -> PublicationDate | None:
    day, month, year = _int(m, "d"), _int(m, "m"), _int(m, "y")
    if year is None or (month is not None and not _valid(day, month, year)):
        return None
    start, end = m.span("body")
    return PublicationDate(start, end, text[start:end], year, month, day, rule)


def find_publication_date(text: str, *, lexicon: str | Path | None = None) -> PublicationDate | None:
    """The article's own publication line, if its head has one; else None.

    Read only in the head (the first eight non-empty lines): a leading
    ``date 2023-12`` marker, a cue ("Cập nhật:", "Ngày đăng:", "Đăng ngày"...)
    followed by a date, or a line that is nothing but a date with its page
    furniture ("Thứ ba, 18/01/2022", "08-04-2019 | 15:20", "(29/07/2024)").
    A date in a body sentence ("Sáng ngày 17/01/2022, ...") is not one.

    >>> find_publication_date(" date 2025-11-25 Khai mạc Kỳ họp chuyên đề").iso()
    '2025-11-25'
    >>> find_publication_date("Tiêu đề\\nThứ ba, 18/01/2022\\nSáng ngày 17/01/2022, ...").text
    'Thứ ba, 18/01/2022'
    """
    if not isinstance(text, str) or not text:
        return None
    g = _grammar(lexicon)
    view = _view(text[:_HEAD_CHARS])
    m = _match(g.pub_marker, view, 0)
    if m is not None:
        found = _publication(text, m, "pub.date_marker")
        if found is not None:
            return found
    for start, end in _head_lines(view):
        line = view[start:end]
        if len(line.strip()) <= _PUB_LINE_MAX:
            try:
                m = g.pub_line.fullmatch(view, start, end, timeout=REGEX_TIMEOUT)
            except TimeoutError:
                m = None
            if m is not None:
                found = _publication(text, m, "pub.weekday_line" if m.group("wd") else "pub.line")
                if found is not None:
                    return found
        pos, stop = start, min(end, start + _PUB_CUE_SCAN)
        while (m := _search(g.pub_cue, view, pos, stop)) is not None:
            # A label ("Cập nhật: ...") or a cue opening the line or a field ("... | Cập nhật 19/11/2020"),
            # not a cue word inside a sentence ("... và cập nhật 2/2017").
            before = view[start:m.start()].rstrip(" \t")
            if m.group("colon") or not before or before[-1] in "|•·;-/":
                found = _publication(text, m, "pub.cue")
                if found is not None:
                    return found
            pos = m.start() + 1
    return None


# --------------------------------------------------------------------------- resolving


def _reference(publication: PublicationDate | None) -> dt.date | None:
    if publication is None or publication.month is None or publication.day is None:
        return None
    return dt.date(publication.year, publication.month, publication.day)


def resolve_year(
    mention: DateMention, publication: PublicationDate | None = None, *, default: int | None = None
) -> int | None:
    """The year of a mention: written, else read from the publication line, else ``default``.

    A relative mention ("hôm qua (31/12)") takes the year of the day it points
    to. Otherwise the publication year is used, less one when the mention's
    month is more than six months after the publication's (a "28/12" in an
    article published on 05/01 reports last December).

    >>> pub = PublicationDate(0, 10, "05/01/2021", 2021, 1, 5, "pub.line")
    >>> m = find_dates("Hôm qua (4/1), hội nghị diễn ra.")[0]
    >>> resolve_year(m, pub)
    2021
    >>> resolve_year(find_dates("Ngày 28/12, huyện tổ chức hội nghị.")[0], pub)
    2020
    >>> resolve_year(find_dates("Ngày 28/12, huyện tổ chức hội nghị.")[0]) is None
    True
    """
    if mention.year is not None:
        return mention.year
    if publication is None:
        return default
    ref = _reference(publication)
    if mention.relative is not None and ref is not None:
        pointed = ref + dt.timedelta(days=mention.relative)
        if mention.month is None or (mention.month, mention.day) == (pointed.month, pointed.day):
            return pointed.year
    year = publication.year
    if mention.month is not None and publication.month is not None:
        if mention.month - publication.month > 6:
            year -= 1
    return year


def resolve(mention: DateMention, publication: PublicationDate | None = None) -> dt.date | None:
    """The calendar day a mention names, when day, month and year can all be read; else None."""
    if mention.kind == "relative":
        ref = _reference(publication)
        return ref + dt.timedelta(days=mention.relative) if ref is not None and mention.relative is not None else None
    if mention.kind != "date" or mention.day is None or mention.month is None:
        return None
    year = resolve_year(mention, publication)
    if year is None or not _valid(mention.day, mention.month, year):
        return None
    return dt.date(year, mention.month, mention.day)


def to_iso(mention: DateMention, publication: PublicationDate | None = None) -> str | None:
    """``YYYY-MM-DD``; ``--MM-DD`` when no year can be read; None without a day.

    >>> to_iso(find_dates("Chiều 6-2, Bộ trưởng làm việc với tỉnh.")[0])
    '--02-06'
    >>> to_iso(find_dates("Sáng nay, hội nghị khai mạc.")[0]) is None
    True
    """
    day = resolve(mention, publication)
    if day is not None:
        return day.isoformat()
    if mention.kind == "date" and mention.day is not None and mention.month is not None:
        if resolve_year(mention, publication) is None:
            return f"--{mention.month:02d}-{mention.day:02d}"
    return None
