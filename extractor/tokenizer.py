"""Syllable tokens and underthesea's word segmentation, aligned to the text.

spaCy tokens are syllables (and punctuation, numbers, abbreviations), cut
the way underthesea's regex tokenizer cuts them, so that a pattern phrase
always splits into the same tokens as the running text. On top of them,
underthesea's CRF word segmenter groups syllables into words
("Dương Đức Đằng", "Thái Nguyên", "Nông dân"); the linking rules use those
groups to tell where a place ends and a name begins.

underthesea's own regex tokenizer is not used: its URL pattern backtracks
catastrophically ("http://" followed by 24 dots takes seconds, each further
dot doubles it). The expression below cuts text the same way for the
classes that matter here, with no nested repetition.
"""
from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Iterable, Sequence

import regex
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .token_table import KEY as TABLE_KEY
from .token_table import TokenTable

_UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

_TOKEN_SHAPES = regex.compile(
    r"""
      (?:https?|ftp)://[^\s<>"]+ | www\.[^\s<>"]+               # links, one token
    | [\w.+-]+@\w[\w-]*(?:\.\w[\w-]*)+                          # e-mail
    | \d{1,2}/\d{1,2}/\d{1,4}(?!\d) | \d{4}/\d{1,2}/\d{1,2}(?!\d) # dates, as underthesea
    | \d{1,2}-\d{1,2}-\d{1,4}(?![\d-]) | \d{1,2}\.\d{1,2}\.\d{4}(?!\d)
    | \d{1,2}/\d{1,4}(?![\d/])
    | \d{1,2}:\d{2}(?::\d{2})?(?!\d)                            # clock times
    | [A-ZĐ]+&[A-ZĐ]+                                           # HĐND&UBND, KH&CN
    | T\.Ư
    | [UPPER]\.(?=\p{Lu}\p{Ll})                                  # P.Giám đốc: "P." for Phó, then the word
    | [UPPER]+(?:\.\w+)+\.?                                     # TP.HCM, GS.TS
    | \w+['’]\w+                                                # H'Mông, N’Thôn
    | (?:TP|Tp|ThS|TS|GS|PGS|BS|Mr|Mrs|Ms|Dr)\.(?=\s|$)
    | \d+(?:[.,]\d+)*                                           # numbers 1.780 / 7,36
    | \w+(?:-\w+)+                                              # Xa-bơ, Chau-hơ-ry
    | \w+
    | \.{2,} | -{2,} | …
    | [^\w\s]
    """.replace("UPPER", _UPPER),
    regex.VERBOSE,
)
#: The shapes above, tried first on the commonest token: a run of letters
#: followed by nothing that could make it part of a link, an e-mail, an
#: abbreviation or a hyphenated name. Such a run is what ``\w+`` gives anyway;
#: it is found in one branch instead of after every other branch failed.
_TOKEN = regex.compile(r"[^\W\d_]+(?![\w.\-'’@&:/+])|" + _TOKEN_SHAPES.pattern, _TOKEN_SHAPES.flags)
_SPLIT_HYPHEN = regex.compile(r"-(?=\p{Lu})")


def syllable_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the tokens of ``text``; every non-space character is covered.

    A hyphen glued before a capital ("Hinh-Phó Bí thư", "Việt Nam-Lào")
    separates two words; inside a transliterated name ("Chau-hơ-ry") it does not.
    """
    spans = [m.span() for m in _TOKEN.finditer(text)]
    # Only a token holding a hyphen before a capital can split: look at those alone.
    glued = [m.start() for m in _SPLIT_HYPHEN.finditer(text)]
    if not glued:
        return spans
    candidates = sorted({bisect.bisect_right(spans, (h, len(text))) - 1 for h in glued})
    for k in reversed(candidates):
        start, end = spans[k]
        piece = text[start:end]
        if k < 0 or not ("-" in piece and piece[0].isalpha() and _SPLIT_HYPHEN.search(piece)):
            continue
        parts = []
        pos = start
        for part in regex.split(r"(-(?=\p{Lu}))", piece):
            if part:
                parts.append((pos, pos + len(part)))
                pos += len(part)
        spans[k:k + 1] = parts
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Lines, and sentences inside a line: the units fed to the word segmenter."""
    spans = []
    for line in regex.finditer(r"[^\n]+", text):
        start = line.start()
        for end_mark in regex.finditer(r"[.!?…]+[\"”’)]*(?=\s+[\"“‘(]?\p{Lu})", line.group()):
            cut = line.start() + end_mark.end()
            if cut - start > 1:
                spans.append((start, cut))
                start = cut
        if line.end() > start:
            spans.append((start, line.end()))
    return spans


#: the segmenter model bundled with underthesea
_MODEL = ("pipeline", "word_tokenize", "models", "ws_crf_vlsp2013_20230727")


def _model_dir() -> str | None:
    """Where underthesea keeps its segmenter, found without importing underthesea.

    Importing the package (its whole NLP toolbox) and its joblib loader
    takes longer than the model itself; one run of ``extract-report`` on a
    single file pays for all of it.
    """
    import importlib.util
    import os

    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], *_MODEL)


@functools.lru_cache(maxsize=1)
def _model_files() -> tuple[str, list, set]:
    """The segmenter's model path, feature templates and word list (plain pickles, read with pickle)."""
    import os
    import pickle

    base = _model_dir()
    if base is None:
        raise ImportError("underthesea is not installed")
    with open(os.path.join(base, "features.bin"), "rb") as fh:
        features = pickle.load(fh)
    with open(os.path.join(base, "dictionary.bin"), "rb") as fh:
        dictionary = pickle.load(fh)
    return os.path.join(base, "models.bin"), features, dictionary


@functools.lru_cache(maxsize=1)
def _crf_tagger() -> Callable[[list[str]], list[str]]:
    """underthesea's CRF word segmenter, loaded once per process.

    Built from underthesea_core the way underthesea's ``FastCRFSequenceTagger``
    loads and runs it (``load``, ``predict``): the same model, templates and
    dictionary, so the same tags as ``word_tokenize``.
    """
    from underthesea_core import CRFFeaturizer, CRFTagger

    model_path, features, dictionary = _model_files()
    tagger = CRFTagger()
    tagger.load(model_path)
    featurizer = CRFFeaturizer(features, dictionary)
    return lambda tokens: tagger.tag(featurizer.process([[[t] for t in tokens]])[0])


@functools.lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """The word list underthesea's segmenter ships with, in our tone-mark placement."""
    from .normalize import canonical_many

    try:
        words = _model_files()[2]
    except (OSError, ValueError, ImportError):
        return frozenset()
    return frozenset(canonical_many(words))


def is_word(phrase: str) -> bool:
    """Whether ``phrase`` ("kết thúc") is a word of the segmenter's dictionary."""
    from .normalize import canonical

    return canonical(phrase) in _dictionary()


def word_starts(tokens: list[str]) -> list[bool]:
    """For each syllable token, whether it begins a word (underthesea's B-W tag)."""
    if not tokens:
        return []
    tags = _crf_tagger()(tokens)
    return [tag != "I-W" or i == 0 for i, tag in enumerate(tags)]


_CAPITAL = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}'’-]*$|^\p{Lu}$")
@functools.lru_cache(maxsize=1 << 16)
def _is_capital(token: str) -> bool:
    return bool(_CAPITAL.match(token))


#: tokens of context the segmenter sees on each side of a run of capitals
WINDOW = 3


def capital_windows(tokens: list[str], capitals: list[bool] | None = None) -> list[tuple[int, int]]:
    """Stretches worth segmenting: each run of two or more capitalised syllables, with context.

    Word boundaries matter to the rules only where capitals run together
    ("tỉnh Thái Nguyên Vũ Hồng Bắc", "Sở Nông nghiệp"); elsewhere every
    syllable may stand alone, and the segmenter, the costliest stage, is not run.
    ``capitals``: whether each token is capitalised, when the caller has it.
    """
    if capitals is None:
        capitals = list(map(_is_capital, tokens))
    windows: list[tuple[int, int]] = []
    n = len(tokens)
    find = capitals.index
    i = 0
    while True:
        try:
            i = find(True, i)  # the next capital
        except ValueError:
            return windows
        try:
            j = find(False, i + 1)  # the end of its run
        except ValueError:
            j = n
        if j - i >= 2 or (j < n and tokens[j][:1].islower() and i > 0):
            a, b = max(0, i - WINDOW), min(n, j + WINDOW)
            if windows and a <= windows[-1][1]:
                windows[-1] = (windows[-1][0], b)
            else:
                windows.append((a, b))
        i = j


def segmented_starts(tokens: list[str]) -> list[bool]:
    """Word starts for a sentence, running the segmenter only inside ``capital_windows``."""
    starts = [True] * len(tokens)
    for a, b in capital_windows(tokens):
        starts[a:b] = word_starts(tokens[a:b])
    return starts


class WordStarts(Sequence):
    """``doc._.word_starts``: for each token, whether it begins a word.

    The segmenter runs on a capital window the first time a rule asks about
    one of its tokens, so the windows no rule looks at (most of them: a title
    or an organisation of the lexicon covers the capitals) cost nothing. A
    window is always segmented whole, so every answer is the one an eager
    segmentation would give.
    """

    __slots__ = ("_values", "_window_of", "_windows")

    def __init__(self, size: int) -> None:
        self._values = [True] * size
        self._window_of: dict[int, int] = {}
        self._windows: list[tuple[list[str], list[int]] | None] = []

    def add_window(self, tokens: list[str], positions: list[int]) -> None:
        """A window to segment on demand: its syllables and their token indices."""
        w = len(self._windows)
        self._windows.append((tokens, positions))
        for i in positions:
            self._window_of[i] = w

    def _segment(self, w: int) -> None:
        window = self._windows[w]
        if window is None:
            return
        self._windows[w] = None
        tokens, positions = window
        for i, start in zip(positions, word_starts(tokens)):
            self._values[i] = start

    def __len__(self) -> int:
        return len(self._values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            for i in range(*index.indices(len(self._values))):
                w = self._window_of.get(i)
                if w is not None:
                    self._segment(w)
            return self._values[index]
        if index < 0:
            index += len(self._values)
        w = self._window_of.get(index)
        if w is not None:
            self._segment(w)
        return self._values[index]

    def segment_all(self) -> list[bool]:
        """Every window segmented: the plain list."""
        for w in range(len(self._windows)):
            self._segment(w)
        return list(self._values)


if not Doc.has_extension("word_starts"):
    Doc.set_extension("word_starts", default=None)


class VietnameseTokenizer:
    """spaCy tokenizer: syllable tokens, sentence starts, and word groups.

    ``segment`` decides, per sentence, whether the word segmenter is worth
    running; sentences it skips count each syllable as its own word.
    """

    def __init__(self, vocab: Vocab, segment: Callable[[str], bool] | None = None) -> None:
        self.vocab = vocab
        self.segment = segment or (lambda sentence: True)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        # One pass of the token expression over the whole text: no token holds
        # a space and every sentence starts and ends beside one, so the tokens
        # are those of each sentence cut on its own.
        spans = syllable_spans(text)
        syllables = [text[a:b] for a, b in spans]
        at: list[int] = []  # the doc index of each syllable
        pos = 0
        count = 0  # len(words)
        for (a, b), syllable in zip(spans, syllables):
            if a > pos:
                if a - pos == 1 and text[pos] == " " and count and not spaces[-1]:
                    spaces[-1] = True
                else:
                    count += self._gap(text[pos:a], words, spaces)
            at.append(count)
            words.append(syllable)
            spaces.append(False)
            count += 1
            pos = b
        self._gap(text[pos:], words, spaces)
        sent_starts = [False] * len(words)
        windows: list[tuple[list[str], list[int]]] = []
        span_starts = [a for a, _ in spans]
        capitals = list(map(_is_capital, syllables))
        k = 0
        for s_start, s_end in sentence_spans(text):
            first = k
            k = bisect.bisect_left(span_starts, s_end, first)
            if k == first:
                continue
            sent_starts[at[first]] = True
            if k - first > 1 and self.segment(text[s_start:s_end]):
                tokens = syllables[first:k]
                windows += [
                    (tokens[a:b], at[first + a:first + b]) for a, b in capital_windows(tokens, capitals[first:k])
                ]
        doc = Doc(self.vocab, words=words, spaces=spaces, sent_starts=sent_starts or None)
        starts = WordStarts(len(words))
        for window in windows:
            starts.add_window(*window)
        doc._.word_starts = starts
        doc.user_data[TABLE_KEY] = TokenTable(text, words, spaces)
        return doc

    @staticmethod
    def _gap(gap: str, words: list, spaces: list) -> int:
        """Whitespace between tokens: a single space rides on the token before it. Returns the tokens added."""
        if not gap:
            return 0
        if words and not spaces[-1] and gap[0] == " ":
            spaces[-1] = True
            gap = gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
            return 1
        return 0

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "VietnameseTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "VietnameseTokenizer":
        return self


TOKENIZER = "extractor.vietnamese_tokenizer.v1"


@registry.tokenizers(TOKENIZER)
def create_tokenizer() -> Callable:
    def make(nlp) -> VietnameseTokenizer:
        return VietnameseTokenizer(nlp.vocab)

    return make
