"""The cue stage: signs of a meeting report (or of other news) in the plain text.

It runs on the normalised text before any NLP, so that the meeting decision
can skip the expensive stages for articles with no sign of a meeting, and so
that the decision can say why. A cue rule (``patterns/meeting_cues.jsonl``)
is a short sequence written in word classes (``patterns/meeting_words.jsonl``)
and literal words, e.g. ``{ORGANISE} {GAP:5!UPCOMING} {MEETING}`` for "tổ
chức hội nghị ...": a meeting noun as the object of tổ chức, with no "sẽ" or
"dự kiến" in between. Each rule has points per zone of the article: the
headline, the lead (the first 500 characters after it) and the body. Where
in the article a sign stands matters as much as the sign: "hội nghị" in a
headline names the event, in the tenth paragraph of a statistics story it
does not.

Template elements, separated by spaces:

* ``{CLASS}`` or ``{A|B}``: a word of the class(es), whole words only;
* ``{GAP:n}``: up to n words of the same sentence; ``{GAP:n!CLASS}``: none of
  them a CLASS word;
* ``{NOT:CLASS}``: the next word is not preceded by a CLASS word ("sẽ tổ
  chức" is no "tổ chức");
* ``{DATE}``: a day as the genre writes one ("Sáng 17/1", "ngày 18-11/2022",
  "chiều nay", "hôm qua");
* ``^``: the start of a sentence or a paragraph;
* anything else: a literal word.

A class word that overlaps a longer veto phrase (``NOT_CUE`` in the word
file, ``NOT_TRIGGER`` in triggers.jsonl) does not count: "dự án" is not "dự",
"tiếp tục" is not "tiếp".
"""
from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import regex

from .errors import PatternError
from .layout import Layout
from .pattern_files import PatternSet, trie_alternation
from .normalize import canonical

LEAD_CHARS = 500
ZONES = ("headline", "lead", "body")
#: classes taken from triggers.jsonl, shared with the lexicon
_TRIGGER_CLASSES = ("MEETING", "CHAIR", "AT_MEETING", "NOT_TRIGGER")
_VETO_CLASSES = ("NOT_CUE", "NOT_TRIGGER")

_WORD = r"(?:[^\s.!?…;]|\.(?=\d))+"
_SEP = r"[ \t\u00a0,:;()\"“”'‘’–—\-]+"
_SENTENCE_START = r"(?:^|(?<=\n)|(?<=[.!?…:][ \t\u00a0\"”]*)(?<=\s))[ \t\u00a0\"“]*"
_DATE = (
    r"(?:(?:vào\s+)?(?:sáng|chiều|trưa|tối|đêm)\s+)?(?:(?:ngày|hôm)\s+)?"
    r"(?<!\d)(?:0?[1-9]|[12]\d|3[01])\s*[/.\-]\s*(?:0?[1-9]|1[0-2])(?:\s*[/.\-]\s*\d{2,4})?(?!\d|[.,]\d|\s*%)"
    r"|(?:(?:vào\s+)?(?:sáng|chiều|trưa|tối|đêm)\s+)?(?:ngày\s+)?hôm\s+(?:nay|qua)(?!\w)"
    r"|(?:sáng|chiều|trưa|tối|đêm)\s+(?:nay|qua)(?!\w)"
)
_ELEMENT = regex.compile(r"\{(?:GAP:(\d+)(?:!([A-Z_|]+))?|DATE|NOT:([A-Z_|]+)|([A-Z_|]+))\}|\^|[^\s{}]+")
#: the regex module's time limit per search, in seconds: the templates are
#: bounded sequences of literals, this is only a guard
_TIMEOUT = 1.0


@dataclass(frozen=True)
class CueRule:
    id: str
    reason: str
    #: the template as a regex, compiled the first time the rule is searched (most
    #: rules are never searched on one article: compiling them all cost a run of
    #: ``extract-report`` on one file a fifth of a second)
    source: str
    weights: dict[str, float]
    groups: tuple[str, ...]
    #: the template is one class of words and nothing else ("{MEETING}")
    bare: bool = False
    #: for each class element, the classes one of whose words must be in the zone
    needs: tuple[tuple[str, ...], ...] = ()
    #: what every match begins with, so that it is tried only where that stands:
    #: the classes or the literal word of the first element (``None``: search the zone)
    lead_classes: tuple[str, ...] = ()
    lead_word: str | None = None
    #: the template opens with ``^``: a match may begin on the spaces and quotes before its lead
    at_sentence_start: bool = False

    @functools.cached_property
    def pattern(self) -> regex.Pattern:
        return regex.compile(self.source)


@dataclass(frozen=True)
class Cue:
    """One sign found in the text: which rule, in which zone, where."""

    rule: str
    reason: str
    zone: str
    weight: float
    start: int
    end: int

    @property
    def feature(self) -> str:
        return f"{self.rule}@{self.zone}"


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"{path}: cannot read ({exc})", str(path)) from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{number}: not valid JSON ({exc.msg})", str(path)) from None
        if isinstance(row, dict) and "#" not in row:
            rows.append((number, row))
    return rows


def load_word_classes(patterns: PatternSet) -> dict[str, list[str]]:
    """Class name -> phrases, lower-cased and tone-folded like the text."""
    classes: dict[str, list[str]] = {}
    for label in _TRIGGER_CLASSES:
        classes[label] = [canonical(p) for p in patterns.phrases(label)]
    for path in patterns.files("meeting_words.jsonl"):
        for number, row in _read_jsonl(path):
            if not isinstance(row.get("label"), str) or not isinstance(row.get("pattern"), str):
                raise PatternError(f"{path}:{number}: a word needs \"label\" and a string \"pattern\"", str(path))
            classes.setdefault(row["label"], []).append(canonical(row["pattern"]))
    classes["MEETING"] = classes.get("MEETING", []) + classes.pop("EXTRA_MEETING", [])
    return classes


def compile_template(template: str, classes: dict[str, list[str]], where: str = "") -> tuple[str, tuple[str, ...]]:
    """A template as a regex with one named group per class element; returns the regex and the group names."""
    out: list[str] = []
    groups: list[str] = []
    pending_sep = False

    def alt(names: str) -> str:
        phrases = []
        for name in names.split("|"):
            if name not in classes:
                raise PatternError(f"{where}: unknown word class {name!r} in {template!r}")
            phrases += classes[name]
        return trie_alternation(phrases)

    for m in _ELEMENT.finditer(template):
        token = m.group()
        if token == "^":
            if out:
                raise PatternError(f"{where}: '^' must open the template {template!r}")
            out.append(_SENTENCE_START)
            continue
        if pending_sep:
            out.append(_SEP)
        if m.group(3):
            out.append(f"(?<!(?<!\\w)(?:{alt(m.group(3))}){_SEP})")
            pending_sep = False
            continue
        if m.group(1) is not None:
            word = _WORD
            if m.group(2):
                word = f"(?!(?:{alt(m.group(2))})(?!\\w)){_WORD}"
            out.append(f"(?:{word}{_SEP}){{0,{int(m.group(1))}}}?")
            pending_sep = False
            continue
        if token == "{DATE}":
            out.append(f"(?:{_DATE})")
        elif m.group(4):
            name = f"c{len(groups)}"
            groups.append(name)
            out.append(f"\\m(?P<{name}>{alt(m.group(4))})(?!\\w)")
        else:
            out.append(f"(?<!\\w){regex.escape(canonical(token))}(?!\\w)")
        pending_sep = True
    if not groups and "{DATE}" not in template:
        raise PatternError(f"{where}: a cue template needs a word class: {template!r}")
    return "".join(out), tuple(groups)


class CueFinder:
    """Every cue rule over the zones of one article."""

    def __init__(self, patterns: PatternSet) -> None:
        self.classes = load_word_classes(patterns)
        vetoes = [p for name in _VETO_CLASSES for p in self.classes.get(name, [])]
        self.vetoes = _PhraseScan(vetoes) if vetoes else None
        self.class_words = _Compiled({
            name: f"\\m(?:{trie_alternation(phrases)})(?!\\w)" for name, phrases in self.classes.items() if phrases
        })
        self.word_index = _WordIndex(self.classes)
        self.rules: list[CueRule] = []
        for path in patterns.files("meeting_cues.jsonl"):
            for number, row in _read_jsonl(path):
                self.rules.append(self._rule(row, f"{path}:{number}"))

    def _rule(self, row: dict, where: str) -> CueRule:
        for key in ("id", "reason", "pattern", "weights"):
            if key not in row:
                raise PatternError(f"{where}: a cue needs {key!r}")
        weights = row["weights"]
        if not isinstance(weights, dict) or not weights or set(weights) - set(ZONES):
            raise PatternError(f"{where}: weights must map zones ({', '.join(ZONES)}) to points")
        source, groups = compile_template(row["pattern"], self.classes, where)
        return CueRule(
            id=str(row["id"]), reason=str(row["reason"]), source=source,
            weights={z: float(w) for z, w in weights.items()}, groups=groups,
            bare=bool(_BARE.fullmatch(row["pattern"].strip())),
            needs=tuple(tuple(m.group(4).split("|")) for m in _ELEMENT.finditer(row["pattern"]) if m.group(4)),
            **_lead(row["pattern"]),
        )

    def zones(self, text: str, layout: Layout) -> dict[str, tuple[int, int]]:
        end = max(layout.body_end, 0) or len(text)
        head = layout.headline
        if head and text[head[0]:head[1]].rstrip().endswith((".", "!")):
            head = None  # a sentence, not a title: an excerpt that starts mid-article (a question is a title)
        lead_start = head[1] if head else 0
        lead_end = min(end, lead_start + LEAD_CHARS)
        zones = {"lead": (lead_start, lead_end), "body": (lead_end, end)}
        if head:
            zones["headline"] = head
        return zones

    def find(self, text: str, layout: Layout) -> list[Cue]:
        """The first match of each rule in each zone it has points for."""
        lowered = text.lower()
        if len(lowered) != len(text):
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        zones = self.zones(text, layout)
        hits = _ClassHits(self.class_words, self.word_index, lowered)
        vetoes = None
        cues = []
        bare: list[tuple[CueRule, Cue]] = []
        for rule in self.rules:
            for zone, weight in rule.weights.items():
                if zone not in zones:
                    continue
                a, b = zones[zone]
                if not all(any(hits.within(name, a, b) for name in names) for names in rule.needs):
                    continue
                if vetoes is None:
                    vetoes = self._veto_spans(lowered)
                skip = layout.captions if zone != "body" else ()
                match = self._first(rule, lowered, a, b, vetoes, skip, hits)
                if match is not None:
                    cue = Cue(rule.id, rule.reason, zone, weight, *match)
                    (bare.append((rule, cue)) if rule.bare else cues.append(cue))
        return cues + _one_sign_per_word([c for _, c in bare])

    def _veto_spans(self, lowered: str) -> list[tuple[int, int]]:
        if self.vetoes is None:
            return []
        return sorted((start, hits[-1][0]) for start, hits in self.vetoes.found(lowered))

    def _first(self, rule: CueRule, lowered: str, a: int, b: int, vetoes,
               captions=(), hits: "_ClassHits | None" = None) -> tuple[int, int] | None:
        """The first match not vetoed and, for the opening zones, not in a photo caption.

        A rule that opens with a class or a word is tried only where one
        stands (the text's class words are known): what ``search`` would
        find, without running the template over the whole zone.
        """
        def admissible(m: regex.Match) -> bool:
            return not any(_vetoed(m.span(g), vetoes) for g in rule.groups) and not _within(m.start(), captions)

        try:
            if hits is not None and (rule.lead_classes or rule.lead_word):
                for start in hits.lead_starts(rule, a, b):
                    m = rule.pattern.match(lowered, start, b, timeout=_TIMEOUT)
                    if m is not None and admissible(m):
                        return _strip(lowered, m.start(), m.end())
                return None
            pos = a
            while pos < b:
                m = rule.pattern.search(lowered, pos, b, timeout=_TIMEOUT)
                if m is None:
                    return None
                if admissible(m):
                    return _strip(lowered, m.start(), m.end())
                pos = m.start() + 1
        except TimeoutError:
            return None
        return None


def _lead(template: str) -> dict:
    """What a template's matches begin with: ``CueRule`` fields ``lead_classes``, ``lead_word``, ``at_sentence_start``."""
    at_sentence_start = False
    for m in _ELEMENT.finditer(template):
        token = m.group()
        if token == "^":
            at_sentence_start = True
        elif m.group(3):
            continue  # {NOT:CLASS} looks behind: it holds no character of the match
        elif m.group(4):
            return {"lead_classes": tuple(m.group(4).split("|")), "at_sentence_start": at_sentence_start}
        elif m.group(1) is None and token != "{DATE}":
            return {"lead_word": canonical(token), "at_sentence_start": at_sentence_start}
        else:
            return {}
    return {}


#: what ``_SENTENCE_START`` may take before the first element
_OPENING_CHARS = " \t\u00a0\"“"

_BARE = regex.compile(r"\{[A-Z_|]+\}")
_LONGEST_VETO = 60


class _Compiled(Mapping):
    """Name -> regex, each compiled the first time it is asked for; ``in`` compiles nothing."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources
        self._compiled: dict[str, regex.Pattern] = {}

    def __getitem__(self, name: str) -> regex.Pattern:
        pattern = self._compiled.get(name)
        if pattern is None:
            pattern = self._compiled[name] = regex.compile(self.sources[name])
        return pattern

    def __contains__(self, name: object) -> bool:
        return name in self.sources

    def __iter__(self):
        return iter(self.sources)

    def __len__(self) -> int:
        return len(self.sources)


class _PhraseScan:
    """Whole-word phrases found at every place they begin, overlapping, with Python's ``re``.

    ``re`` runs the phrases' prefix tree over the text far faster than
    ``regex`` (and compiles it faster: a cold run pays for it). It finds every
    place one of them begins and the longest stretch the tree takes there
    (its ``\\s`` holds every ``regex`` space); the word boundaries are then
    read with ``regex``'s own ``\\w``, and a stretch whose spaces are not
    ``regex`` spaces is no phrase. What ``\\m(?:phrases)(?!\\w)`` finds
    at each place, overlapped, is found.
    """

    def __init__(self, phrases) -> None:
        self.phrases = set(phrases)
        # Inside a word no phrase begins: the look-behind skips those places at once. Its
        # letters are word characters for ``regex`` too, so no place a phrase begins is skipped.
        self.begins = re.compile(f"(?<![{_LOWER_LETTERS}])(?=({trie_alternation(self.phrases)}))")

    def found(self, text: str, pos: int = 0, endpos: int | None = None):
        """``(start, [(end, phrase), ...])`` for each place a phrase begins, its phrases shortest
        first; the text is read as if it stopped at ``endpos``."""
        n = len(text) if endpos is None else endpos
        phrases = self.phrases
        for m in self.begins.finditer(text, pos, n):
            start = m.start()
            if not _WORD_CHAR.match(text, start) or start > 0 and _WORD_CHAR.match(text, start - 1):
                continue  # not the start of a word
            stretch = m.group(1)
            hits = []
            for cut in [c.start() for c in _NON_WORD.finditer(stretch)] + [len(stretch)]:
                if cut == len(stretch) and start + cut < n and _WORD_CHAR.match(text, start + cut):
                    continue  # the word goes on
                phrase = _SPACE_RUN.sub(" ", stretch[:cut])
                if phrase in phrases:
                    hits.append((start + cut, phrase))
            if hits:
                yield start, hits


class _WordIndex:
    """Every class word of a text found in one pass, instead of one search per class and zone.

    The phrases of all classes are scanned at once, and a table gives the
    classes of each phrase found.
    """

    def __init__(self, classes: dict[str, list[str]]) -> None:
        self.classes_of: dict[str, tuple[str, ...]] = {}
        for name, phrases in classes.items():
            for phrase in set(phrases):
                self.classes_of[phrase] = self.classes_of.get(phrase, ()) + (name,)
        self.scan = _PhraseScan(list(self.classes_of))
        #: the most characters a class word holds
        self.longest = max((len(p) for p in self.classes_of), default=0)

    def spans(self, lowered: str) -> dict[str, list[tuple[int, int]]]:
        """Class -> the ``(start, end)`` of its words in ``lowered``, in order of start."""
        found: dict[str, list[tuple[int, int]]] = {}
        for start, hits in self.scan.found(lowered):
            for end, phrase in hits:
                for name in self.classes_of[phrase]:
                    found.setdefault(name, []).append((start, end))
        return found

    def classes_at(self, lowered: str, start: int, end: int) -> set[str]:
        """The classes with a word that starts in ``[start, end)`` when the text stops at ``end``."""
        return {name for _, hits in self.scan.found(lowered, start, end) for _, p in hits for name in self.classes_of[p]}


#: the lower-case letters of Vietnamese (the text is scanned lower-cased)
_LOWER_LETTERS = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_NON_WORD = regex.compile(r"\W")
_SPACE_RUN = regex.compile(r"\s+")
_WORD_CHAR = regex.compile(r"\w")


class _ClassHits:
    """Whether a word class occurs in a zone, answered from one pass over the text, only when a rule asks.

    A rule whose class words are not all in a zone cannot match there, so
    most rules are never searched on most articles. The answer is the one
    ``pattern.search(lowered, a, b)`` gives: a word that the zone's end cuts
    short ("hội nghị" of "hội nghịch" when the zone ends after "nghị") is
    looked for in the zone's last characters.
    """

    def __init__(self, class_words: Mapping[str, regex.Pattern], index: _WordIndex, lowered: str) -> None:
        self.class_words = class_words
        self.index = index
        self.lowered = lowered
        self.found: dict[tuple[str, int, int], bool] = {}
        self._spans: dict[str, list[tuple[int, int]]] | None = None
        self._tails: dict[tuple[int, int], set[str]] = {}

    def within(self, name: str, a: int, b: int) -> bool:
        key = (name, a, b)
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = self._within(name, a, b)
        return found

    def _within(self, name: str, a: int, b: int) -> bool:
        if name not in self.class_words:
            return False
        if self._spans is None:
            self._spans = self.index.spans(self.lowered)
        spans = self._spans.get(name, [])
        k = bisect.bisect_left(spans, (a, -1))
        while k < len(spans) and spans[k][0] < b:
            if spans[k][1] <= b:
                return True
            k += 1
        lowered = self.lowered
        if b >= len(lowered) or not _WORD_CHAR.match(lowered, b):
            return False
        return name in self._cut_short(a, b)

    def lead_starts(self, rule: CueRule, a: int, b: int) -> list[int]:
        """Where in ``[a, b)`` a match of ``rule`` may begin, in order: every place its lead stands.

        A class word that only the zone's end completes ("hội nghị" of "hội
        nghịch") is looked for in the zone's last characters, as ``within`` does.
        """
        lowered = self.lowered
        starts: set[int] = set()
        if rule.lead_word is not None:
            word = rule.lead_word
            k = lowered.find(word, a, b)
            while k != -1:
                starts.add(k)
                k = lowered.find(word, k + 1, b)
        else:
            if self._spans is None:
                self._spans = self.index.spans(lowered)
            names = set(rule.lead_classes)
            for name in names:
                spans = self._spans.get(name, [])
                k = bisect.bisect_left(spans, (a, -1))
                while k < len(spans) and spans[k][0] < b:
                    starts.add(spans[k][0])
                    k += 1
            if b < len(lowered) and _WORD_CHAR.match(lowered, b):
                for start, found in self.index.scan.found(lowered, self._tail(a, b), b):
                    if any(n in names for _, p in found for n in self.index.classes_of[p]):
                        starts.add(start)
        if rule.at_sentence_start:
            for start in list(starts):
                while start > a and lowered[start - 1] in _OPENING_CHARS:
                    start -= 1
                    starts.add(start)
        return sorted(starts)

    def _tail(self, a: int, b: int) -> int:
        """Where the zone's last characters begin: more non-space characters than the longest class word."""
        width = 2 * self.index.longest + 2
        while True:
            tail = max(a, b - width)
            if tail == a or len(_SPACE_RUN.sub("", self.lowered[tail:b])) > self.index.longest:
                return tail
            width *= 2

    def _cut_short(self, a: int, b: int) -> set[str]:
        """The classes with a word in the zone's last characters when the text stops at ``b``.

        A word that ends at ``b`` starts no earlier than where the characters
        before ``b`` hold more non-space characters than the longest class word.
        """
        classes = self._tails.get((a, b))
        if classes is None:
            classes = self._tails[(a, b)] = self.index.classes_at(self.lowered, self._tail(a, b), b)
        return classes


def _one_sign_per_word(cues: list[Cue]) -> list[Cue]:
    """Bare-word cues that rest on the same words of a zone count once, at their highest weight.

    "tiếp xúc cử tri" is a meeting noun, a working session and a reception
    word; it is still one sign. Cues with a structure ("tổ chức hội nghị")
    are other signs and are not merged.
    """
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: -abs(c.weight)):
        if not any(k.zone == cue.zone and k.start < cue.end and cue.start < k.end and (k.weight > 0) == (cue.weight > 0)
                   for k in kept):
            kept.append(cue)
    return kept


def _vetoed(span: tuple[int, int], vetoes: list[tuple[int, int]]) -> bool:
    """A veto phrase overlaps the word and reaches beyond it: the word is part of another word."""
    s, e = span
    k = bisect.bisect_left(vetoes, (s - _LONGEST_VETO, 0))
    while k < len(vetoes) and vetoes[k][0] < e:
        vs, ve = vetoes[k]
        if s < ve and (vs < s or ve > e):
            return True
        k += 1
    return False


def _within(char: int, spans) -> bool:
    return any(a <= char < b for a, b in spans)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\u00a0\"“":
        start += 1
    return start, end
