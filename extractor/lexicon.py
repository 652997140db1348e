"""The lexicon stage: every pattern phrase found in the text, as labelled spans.

Phrases are matched by spaCy's PhraseMatcher on lower-cased syllables (the
text is already NFC and tone-folded, so "Uỷ ban"/"Ủy ban" and "hoà"/"hòa"
meet the same entry); ``"case": "exact"`` phrases and token-list patterns go
to the Matcher. Each span keeps its label and the ``id`` of the pattern, so
every later decision can name the rule it rests on.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from .pattern_files import PatternSet, cached_patterns
from .token_table import token_table
from .tokenizer import syllable_spans

SPANS_KEY = "lexicon"
INDEX_KEY = "lexicon_index"


def _syllables(phrase: str) -> list[str]:
    return [phrase[a:b] for a, b in syllable_spans(phrase)]


class LexiconRuler:
    """Adds ``doc.spans["lexicon"]``: all (possibly overlapping) pattern matches."""

    def __init__(self, nlp: Language, patterns: PatternSet, skip_labels: tuple[str, ...] = ()) -> None:
        """``skip_labels``: labels other stages read from the pattern files as text, not matched here."""
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        # Token patterns, split by how cheaply they can be found: plain ORTH
        # sequences by a PhraseMatcher, patterns that open with a fixed word
        # by a Matcher run only where that word stands, the rest over the doc.
        self.orth_sequences = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.anchored = Matcher(nlp.vocab)
        self.anchor_lengths: dict[str, int] = {}
        self.keys: dict[int, tuple[str, str]] = {}
        grouped: dict[tuple[str, str], list] = defaultdict(list)
        exact: dict[tuple[str, str], list] = defaultdict(list)
        token_patterns: dict[tuple[str, str], list] = defaultdict(list)
        skipped = set(skip_labels)
        for rule in patterns.rules:
            if rule["label"] in skipped:
                continue
            key = (rule["label"], rule["id"])
            pattern = rule["pattern"]
            if isinstance(pattern, list):
                token_patterns[key].append(pattern)
            elif rule.get("case") == "exact":
                exact[key].append(Doc(nlp.vocab, words=_syllables(pattern)))
            else:
                words = _syllables(pattern)
                if words:
                    grouped[key].append(Doc(nlp.vocab, words=words))
        for key, docs in grouped.items():
            name = "|".join(key)
            self.phrases.add(name, docs)
            self.keys[nlp.vocab.strings[name]] = key
        for key, docs in exact.items():
            name = "|".join(key) + "|exact"
            self.exact.add(name, docs)
            self.keys[nlp.vocab.strings[name]] = key
        for key, pats in token_patterns.items():
            name = "|".join(key)
            self.keys[nlp.vocab.strings[name]] = key
            for pattern in pats:
                if _orth_sequence(pattern):
                    self.orth_sequences.add(name, [Doc(nlp.vocab, words=[t["ORTH"] for t in pattern])])
                elif _anchor(pattern) is not None:
                    anchor = _anchor(pattern)
                    self.anchored.add(name, [pattern])
                    self.anchor_lengths[anchor] = max(self.anchor_lengths.get(anchor, 0), len(pattern))
                else:
                    self.matcher.add(name, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        matches = [*self.phrases(doc), *self.exact(doc)]
        # what one Matcher of every token pattern would give: each (key, start, end) once
        matches += dict.fromkeys([*self.orth_sequences(doc), *self._anchored(doc), *(
            self.matcher(doc) if len(self.matcher) else ())])
        found = [(*self.keys[match_id], start, end) for match_id, start, end in matches]
        kept = sorted(_without_false_triggers(found), key=lambda m: (m[2], -m[3]))
        spans = [Span(doc, start, end, label=label, span_id=rule_id) for label, rule_id, start, end in kept]
        doc.spans[SPANS_KEY] = spans
        doc.user_data[INDEX_KEY] = LexiconIndex(doc, spans, [(label, start, end) for label, _, start, end in kept])
        return doc


    def _anchored(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The patterns that open with a fixed word, tried only where the word stands."""
        if not self.anchor_lengths:
            return []
        found = []
        n = len(doc)
        for i, word in enumerate(token_table(doc).words):
            length = self.anchor_lengths.get(word)
            if length is not None:
                found += [(key, i, i + end) for key, start, end in self.anchored(doc[i:min(n, i + length)]) if start == 0]
        return found


def _orth_sequence(pattern: list) -> bool:
    """A token pattern that is a plain sequence of exact words: ``[{"ORTH": "P"}, {"ORTH": "."}]``."""
    return bool(pattern) and all(
        isinstance(t, dict) and set(t) == {"ORTH"} and isinstance(t["ORTH"], str) for t in pattern
    )


def _anchor(pattern: list) -> str | None:
    """The exact word a fixed-length token pattern opens with, if it opens with one."""
    if not pattern or not all(isinstance(t, dict) and "OP" not in t for t in pattern):
        return None
    first = pattern[0].get("ORTH")
    return first if isinstance(first, str) else None


#: labels of short words that longer words contain by accident ("dự" in "dự án", "xã" in "xã hội",
#: the school "trường" in "nhà trường", "thị trường")
TRIGGER_LABELS = {"CHAIR", "ATTEND", "SPEAK", "GIVE", "MEETING", "AT_MEETING", "AWARD_VERB", "ADMIN", "NAME_BLOCKER"}


def _without_false_triggers(found: list[tuple[str, str, int, int]]) -> list[tuple[str, str, int, int]]:
    """Drop a trigger inside a longer word that means something else: "dự" in "dự án", "lễ" in "lễ hội".

    ``found`` holds ``(label, rule id, start, end)`` matches. A ``NOT_TRIGGER``
    phrase removes the trigger matches it strictly contains; a trigger phrase
    at least as long survives ("tiếp xúc cử tri").
    """
    # The furthest end of a veto at each start: a veto contains a trigger only
    # if it starts at most as many tokens before it as the longest veto is long,
    # so each trigger looks at a few starts, not at every veto of the text.
    furthest: dict[int, int] = {}
    for label, _, start, end in found:
        if label == "NOT_TRIGGER" and end > furthest.get(start, start):
            furthest[start] = end
    if not furthest:
        return found
    longest = max(end - start for start, end in furthest.items())

    def vetoed(start: int, end: int) -> bool:
        for a in range(max(0, end - longest), start + 1):
            b = furthest.get(a)
            if b is not None and end <= b and b - a > end - start:
                return True
        return False

    return [m for m in found if m[0] not in TRIGGER_LABELS or not vetoed(m[2], m[3])]


@Language.factory("vi_lexicon", default_config={"extra_patterns": [], "skip_labels": []})
def make_lexicon(nlp: Language, name: str, extra_patterns: list[str], skip_labels: list[str]) -> LexiconRuler:
    return LexiconRuler(nlp, cached_patterns(tuple(Path(p) for p in extra_patterns)), tuple(skip_labels))


class LexiconIndex:
    """Per-token view of the lexicon spans: the longest match of each label at each start."""

    @classmethod
    def of(cls, doc: Doc) -> "LexiconIndex":
        """The index of ``doc``, built once and kept with it (the lexicon stage runs first)."""
        index = doc.user_data.get(INDEX_KEY)
        if index is None:
            index = doc.user_data[INDEX_KEY] = cls(doc)
        return index

    def __init__(
        self, doc: Doc, spans: list[Span] | None = None, bounds: list[tuple[str, int, int]] | None = None
    ) -> None:
        """``spans`` and their ``(label, start, end)``: the lexicon stage's own lists (else read from the doc)."""
        self.doc = doc
        if spans is None:
            spans = list(doc.spans.get(SPANS_KEY, []))
        if bounds is None:
            bounds = [(s.label_, s.start, s.end) for s in spans]
        self.at: dict[str, dict[int, Span]] = defaultdict(dict)
        # tokens no phrase covers share one empty tuple: most tokens of a text
        self.cover: list[list[Span] | tuple] = [()] * len(doc)
        self._cover_labels: list[list[str] | tuple] = [()] * len(doc)
        cover, cover_labels = self.cover, self._cover_labels
        ends: dict[str, dict[int, int]] = defaultdict(dict)
        #: start -> the ``(label, end, span)`` of every span that starts there, in span order
        self.opening: dict[int, list[tuple[str, int, Span]]] = {}
        opening = self.opening
        for span, (label, start, end) in zip(spans, bounds):
            if start in opening:
                opening[start].append((label, end, span))
            else:
                opening[start] = [(label, end, span)]
            best_end = ends[label].get(start)
            if best_end is None or end > best_end:
                self.at[label][start] = span
                ends[label][start] = end
            for i in range(start, end):
                if cover[i]:
                    cover[i].append(span)
                    cover_labels[i].append(label)
                else:
                    cover[i] = [span]
                    cover_labels[i] = [label]

    def starting(self, i: int, *labels: str) -> Span | None:
        """The longest span of any of ``labels`` that starts at token ``i``."""
        best = None
        for label in labels:
            span = self.at.get(label, {}).get(i)
            if span is not None and (best is None or span.end > best.end):
                best = span
        return best

    def covers(self, i: int, *labels: str) -> bool:
        return 0 <= i < len(self.cover) and any(label in labels for label in self._cover_labels[i])

    def covering(self, i: int, *labels: str) -> list[Span]:
        """Spans of ``labels`` that contain token ``i``."""
        if not 0 <= i < len(self.cover):
            return []
        return [s for s, label in zip(self.cover[i], self._cover_labels[i]) if label in labels]

    def spans(self, *labels: str) -> list[Span]:
        found = [s for label in labels for s in self.at.get(label, {}).values()]
        return sorted(found, key=lambda s: (s.start, -s.end))
