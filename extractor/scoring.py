"""How an extracted record is compared with a gold record (ANNOTATION.md).

These are the matching rules of the gold format, so that a score means the
same on any corpus annotated by that guide:

- text is compared by its *key*: Unicode NFC, one tone-mark placement
  ("hòa" and "hoà", "Ủy" and "Uỷ" are one spelling), case folded, runs of
  spaces as one, punctuation at either end dropped. Diacritics are never
  stripped: "Hùng" and "Hưng" stay two names;
- names match in full, after the honorifics the guide leaves out
  ("đồng chí", "Đ/c", "ông", "bà", "anh", "chị") are taken off the front;
- titles match when one is the other, or when their syllables mostly
  overlap (Jaccard >= 0.6), unless one is a deputy ("Phó ...") and the
  other not, or both name organisations by acronyms none of which they share
  ("Chủ tịch UBND" is not "Chủ tịch HĐND");
- targets match on (achieved, total, the first two syllables of the unit);
- awards match on (count, kind): the kind is the first specific honour the
  award names (Huân chương, Cờ thi đua, Bằng khen, ...), else a generic word
  (danh hiệu, cờ, giải, khen thưởng), else "other";
- the meeting date is right when it is the gold day; a gold ``--MM-DD`` (no
  year in the text) accepts any year. A gold null wants a null;
- items are paired one to one, as many pairs as the rules allow (a maximum
  matching, so the order of the lists never costs a pair).

The values of a record may be given plainly or as objects holding them
(``{"text": ...}``, ``{"value": ...}``), so other tools' output can be scored.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .normalize import fold_tones

T = TypeVar("T")
U = TypeVar("U")

#: Honorifics the annotation guide leaves out of names (matched on keys, with the space after them).
HONORIFICS = ("đồng chí", "đ/c.", "đ/c", "ông", "bà", "anh", "chị")
#: Honours an award names, most specific first within one position of the text.
AWARD_KINDS = (
    "huân chương", "huy chương", "cờ thi đua", "bằng khen", "giấy khen", "chiến sĩ thi đua",
    "kỷ niệm chương", "huy hiệu", "lao động tiên tiến", "lao động xuất sắc", "anh hùng",
    "nghệ sĩ nhân dân", "nghệ sĩ ưu tú", "nhà giáo nhân dân", "nhà giáo ưu tú",
    "thầy thuốc nhân dân", "thầy thuốc ưu tú",
)
#: Words that say an honour was given without naming which; used only when no specific kind is named.
GENERIC_AWARD_KINDS = ("danh hiệu", "cờ", "giải", "khen thưởng")
#: Share of syllables two titles must have in common (of all syllables either has).
TITLE_OVERLAP = 0.6

_EDGE_PUNCTUATION = " ,;:.-–—"
_SYLLABLE_BREAK = re.compile(r"[\s,;:.\-–—()/&]+")
_WORD = re.compile(r"\w+")


def key(text: Any) -> str:
    """The comparison key of a phrase.

    >>> key("  Uỷ ban hòa giải, ")
    'uỷ ban hoà giải'
    >>> key(None)
    ''
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", str(text)).casefold())
    return " ".join(fold_tones(text).split()).strip(_EDGE_PUNCTUATION)


def syllables(text: Any) -> list[str]:
    """The syllables of a phrase's key, punctuation and brackets dropped.

    >>> syllables("PCT UBND xã (Tân Hòa)")
    ['pct', 'ubnd', 'xã', 'tân', 'hoà']
    """
    return [s for s in _SYLLABLE_BREAK.split(key(text)) if s]


def name_key(name: Any) -> str:
    """A person's name as compared: its key without leading honorifics.

    >>> name_key("Đ/c Nguyễn Văn Hoà")
    'nguyễn văn hoà'
    >>> name_key("đồng chí bà Lê Thị Thuỷ")
    'lê thị thuỷ'
    """
    k = key(plain(name))
    stripped = True
    while stripped:
        stripped = False
        for honorific in HONORIFICS:
            if k.startswith(honorific + " "):
                k, stripped = k[len(honorific) + 1:].lstrip(), True
    return k


def _acronyms(text: str) -> set[str]:
    """Words of two letters or more written in capitals: the organisations a title names."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    return {key(w) for w in words if len(w) >= 2 and w.isupper()}


def title_match(gold: Any, pred: Any) -> bool:
    """Whether two titles are the same post (see the module's rules).

    >>> title_match("Chủ tịch UBND huyện", "Chủ tịch UBND huyện Long Điền")
    True
    >>> title_match("Chủ tịch UBND huyện", "Phó Chủ tịch UBND huyện")
    False
    """
    a, b = str(plain(gold) or ""), str(plain(pred) or "")
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    sa, sb = set(syllables(a)), set(syllables(b))
    if not sa or not sb or ("phó" in sa) != ("phó" in sb):
        return False
    ca, cb = _acronyms(a), _acronyms(b)
    if ca and cb and not ca & cb:
        return False
    return len(sa & sb) / len(sa | sb) >= TITLE_OVERLAP


def _earliest(text_key: str, kinds: Sequence[str]) -> str | None:
    found = [(text_key.find(k), -len(k), k) for k in kinds if k in text_key]
    return min(found)[2] if found else None


def award_kind(award: Any) -> str:
    """The kind of honour an award names.

    >>> award_kind("Bằng khen của Chủ tịch UBND tỉnh")
    'bằng khen'
    >>> award_kind("danh hiệu Chiến sĩ thi đua cơ sở")
    'chiến sĩ thi đua'
    >>> award_kind("khen thưởng")
    'khen thưởng'
    """
    k = key(plain(award))
    return _earliest(k, AWARD_KINDS) or _earliest(k, GENERIC_AWARD_KINDS) or "other"


def unit_key(unit: Any) -> str:
    """The part of a target's unit that must agree: its first two syllables.

    >>> unit_key("chỉ tiêu chủ yếu")
    'chỉ tiêu'
    """
    return " ".join(syllables(plain(unit))[:2])


def plain(value: Any) -> Any:
    """A value given plainly or as an object holding it (``{"text": ...}``)."""
    if isinstance(value, dict):
        for k in ("value", "text", "name", "iso", "date"):
            if k in value:
                return value[k]
        return None
    return value


def as_int(value: Any) -> int | None:
    """A count or ratio part as a whole number; None when it is not one."""
    value = plain(value)
    if isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def date_match(gold: Any, pred: Any) -> bool:
    """Whether a predicted meeting date is the gold one.

    >>> date_match("--03-08", "2019-03-08"), date_match(None, "2019-03-08"), date_match("2019-03-08", None)
    (True, False, False)
    """
    gold, pred = plain(gold), plain(pred)
    if not gold:
        return not pred
    if not pred:
        return False
    pred = str(pred)[:10]
    gold = str(gold)
    if gold.startswith("--"):
        return pred[-5:] == gold[-5:]
    return pred == gold


def pair_up(gold: Sequence[T], pred: Sequence[U], same: Callable[[T, U], bool]):
    """Pairs each gold item with at most one predicted item, as many pairs as possible.

    Returns ``(pairs, missed, extra)``: the pairs, the gold items left alone
    and the predicted items left alone, each in its list's order.

    >>> starts = lambda g, p: p.startswith(g)
    >>> pair_up(["a", "ab"], ["ab", "a"], starts)   # first come, first served would leave "ab" alone
    ([('a', 'a'), ('ab', 'ab')], [], [])
    """
    edges = [[j for j, p in enumerate(pred) if same(g, p)] for g in gold]
    owner: list[int | None] = [None] * len(pred)

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if owner[j] is None or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    paired = {i: j for j, i in enumerate(owner) if i is not None}
    pairs = [(gold[i], pred[paired[i]]) for i in range(len(gold)) if i in paired]
    missed = [g for i, g in enumerate(gold) if i not in paired]
    extra = [p for j, p in enumerate(pred) if owner[j] is None]
    return pairs, missed, extra


@dataclass
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Difference:
    """One way a prediction departs from the gold: a gold item missed, a predicted item extra, a value wrong."""

    field: str
    kind: str
    gold: Any = None
    pred: Any = None
    person: str | None = None

    def __str__(self) -> str:
        who = f"{self.person}: " if self.person else ""
        if self.kind == "wrong":
            return f"{self.field} gold={self.gold} pred={self.pred}"
        return f"{self.field} {self.kind} {who}{self.gold if self.kind == 'missed' else self.pred}"

    def to_json(self) -> dict:
        out = {"field": self.field, "kind": self.kind, "gold": self.gold, "pred": self.pred}
        if self.person:
            out["person"] = self.person
        return out


#: The scored fields, in the order tables show them.
LIST_FIELDS = ("chairpersons", "attendees", "titles", "targets", "awards")
FIELDS = ("is_meeting_report", "meeting_date", *LIST_FIELDS)


@dataclass
class Comparison:
    """One document's counts per field and its differences."""

    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in ("is_meeting_report", *LIST_FIELDS)})
    date_right: int = 0
    date_scored: int = 0
    differences: list[Difference] = field(default_factory=list)


def _people(record: dict, role: str) -> list[dict]:
    """A record's people of one role, once per name, each with its key, name as written and titles."""
    out, seen = [], set()
    for person in record.get(role) or []:
        if not isinstance(person, dict):
            person = {"name": person, "titles": []}
        raw = plain(person.get("name"))
        k = name_key(raw)
        if k and k not in seen:
            seen.add(k)
            titles = [str(plain(t)) for t in person.get("titles") or [] if plain(t)]
            out.append({"key": k, "name": str(raw).strip(), "titles": titles})
    return out


def _items(record: dict, name: str) -> list[dict]:
    return [item for item in record.get(name) or [] if isinstance(item, dict)]


def _same_target(a: dict, b: dict) -> bool:
    return (as_int(a.get("achieved")), as_int(a.get("total")), unit_key(a.get("unit"))) == (
        as_int(b.get("achieved")), as_int(b.get("total")), unit_key(b.get("unit")))


def _same_award(a: dict, b: dict) -> bool:
    return as_int(a.get("count")) == as_int(b.get("count")) and award_kind(a.get("award")) == award_kind(b.get("award"))


def target_text(t: dict) -> str:
    """How a target is shown in a list of differences: its text, else its ratio and unit."""
    return str(plain(t.get("text")) or f"{t.get('achieved')}/{t.get('total')} {plain(t.get('unit')) or ''}".strip())


def award_text(a: dict) -> str:
    """How an award is shown in a list of differences: its count and name."""
    return f"{a.get('count')} {plain(a.get('award'))}"


def compare(gold: dict, pred: dict | None) -> Comparison:
    """Compares one predicted record (JSON, as the CLI prints it) with its gold record.

    A missing prediction (None) scores as everything missed. The meeting
    date is scored only for gold meeting reports.
    """
    pred = pred or {}
    out = Comparison()
    diffs = out.differences
    gm, pm = bool(gold.get("is_meeting_report")), bool(pred.get("is_meeting_report"))
    out.counts["is_meeting_report"] = Counts(int(gm and pm), int(pm and not gm), int(gm and not pm))
    if gm != pm:
        diffs.append(Difference("is_meeting_report", "wrong", gm, pm))
    if gm:
        out.date_scored = 1
        if date_match(gold.get("meeting_date"), pred.get("meeting_date")):
            out.date_right = 1
        else:
            diffs.append(Difference("meeting_date", "wrong", plain(gold.get("meeting_date")),
                                    plain(pred.get("meeting_date"))))
    for role in ("chairpersons", "attendees"):
        pairs, missed, extra = pair_up(_people(gold, role), _people(pred, role), lambda a, b: a["key"] == b["key"])
        out.counts[role] = Counts(len(pairs), len(extra), len(missed))
        diffs += [Difference(role, "missed", gold=p["name"]) for p in missed]
        diffs += [Difference(role, "extra", pred=p["name"]) for p in extra]
        for g, p in pairs:
            tpairs, tmissed, textra = pair_up(g["titles"], p["titles"], title_match)
            out.counts["titles"].add(Counts(len(tpairs), len(textra), len(tmissed)))
            diffs += [Difference("titles", "missed", gold=t, person=g["name"]) for t in tmissed]
            diffs += [Difference("titles", "extra", pred=t, person=g["name"]) for t in textra]
    for name, same, show in (("targets", _same_target, target_text), ("awards", _same_award, award_text)):
        pairs, missed, extra = pair_up(_items(gold, name), _items(pred, name), same)
        out.counts[name] = Counts(len(pairs), len(extra), len(missed))
        diffs += [Difference(name, "missed", gold=show(x)) for x in missed]
        diffs += [Difference(name, "extra", pred=show(x)) for x in extra]
    return out


def differences(gold: dict, pred: dict | None) -> list[str]:
    """Every way ``pred`` departs from ``gold``, one line each; empty when they agree."""
    return [str(d) for d in compare(gold, pred).differences]
