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
from .tokenizer import syllable_spans

SPANS_KEY = "lexicon"


def _syllables(phrase: str) -> list[str]:
    return [phrase[a:b] for a, b in syllable_spans(phrase)]


class LexiconRuler:
    """Adds ``doc.spans["lexicon"]``: all (possibly overlapping) pattern matches."""

    def __init__(self, nlp: Language, patterns: PatternSet) -> None:
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.matcher = Matcher(nlp.vocab)
        self.keys: dict[int, tuple[str, str]] = {}
        grouped: dict[tuple[str, str], list] = defaultdict(list)
        exact: dict[tuple[str, str], list] = defaultdict(list)
        token_patterns: dict[tuple[str, str], list] = defaultdict(list)
        for rule in patterns.rules:
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
            self.matcher.add(name, pats)
            self.keys[nlp.vocab.strings[name]] = key

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        matches = [*self.phrases(doc), *self.exact(doc)]
        if len(self.matcher):
            matches += self.matcher(doc)
        for match_id, start, end in matches:
            label, rule_id = self.keys[match_id]
            spans.append(Span(doc, start, end, label=label, span_id=rule_id))
        doc.spans[SPANS_KEY] = sorted(_without_false_triggers(spans), key=lambda s: (s.start, -s.end))
        return doc


#: labels of short words that longer words contain by accident ("dự" in "dự án", "xã" in "xã hội")
TRIGGER_LABELS = {"CHAIR", "ATTEND", "SPEAK", "GIVE", "MEETING", "AT_MEETING", "AWARD_VERB", "ADMIN"}


def _without_false_triggers(spans: list[Span]) -> list[Span]:
    """Drop a trigger inside a longer word that means something else: "dự" in "dự án", "lễ" in "lễ hội".

    A ``NOT_TRIGGER`` phrase removes the trigger spans it strictly contains;
    a trigger phrase at least as long survives ("tiếp xúc cử tri").
    """
    vetoes = [s for s in spans if s.label_ == "NOT_TRIGGER"]
    if not vetoes:
        return spans
    return [
        s for s in spans
        if s.label_ not in TRIGGER_LABELS
        or not any(v.start <= s.start and s.end <= v.end and len(v) > len(s) for v in vetoes)
    ]


@Language.factory("vi_lexicon", default_config={"extra_patterns": []})
def make_lexicon(nlp: Language, name: str, extra_patterns: list[str]) -> LexiconRuler:
    return LexiconRuler(nlp, cached_patterns(tuple(Path(p) for p in extra_patterns)))


class LexiconIndex:
    """Per-token view of the lexicon spans: the longest match of each label at each start."""

    @classmethod
    def of(cls, doc: Doc) -> "LexiconIndex":
        """The index of ``doc``, built once and kept with it (the lexicon stage runs first)."""
        index = doc.user_data.get("lexicon_index")
        if index is None:
            index = doc.user_data["lexicon_index"] = cls(doc)
        return index

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.at: dict[str, dict[int, Span]] = defaultdict(dict)
        self.cover: list[list[Span]] = [[] for _ in range(len(doc))]
        for span in doc.spans.get(SPANS_KEY, []):
            best = self.at[span.label_].get(span.start)
            if best is None or span.end > best.end:
                self.at[span.label_][span.start] = span
            for i in range(span.start, span.end):
                self.cover[i].append(span)

    def starting(self, i: int, *labels: str) -> Span | None:
        """The longest span of any of ``labels`` that starts at token ``i``."""
        best = None
        for label in labels:
            span = self.at.get(label, {}).get(i)
            if span is not None and (best is None or span.end > best.end):
                best = span
        return best

    def covers(self, i: int, *labels: str) -> bool:
        return 0 <= i < len(self.cover) and any(s.label_ in labels for s in self.cover[i])

    def covering(self, i: int, *labels: str) -> list[Span]:
        """Spans of ``labels`` that contain token ``i``."""
        if not 0 <= i < len(self.cover):
            return []
        return [s for s in self.cover[i] if s.label_ in labels]

    def spans(self, *labels: str) -> list[Span]:
        found = [s for label in labels for s in self.at.get(label, {}).values()]
        return sorted(found, key=lambda s: (s.start, -s.end))
