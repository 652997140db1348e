"""Plain lists of a doc's token texts and character offsets, built once per doc.

The rules walk tokens in Python loops. ``doc[i].text`` builds a spaCy
``Token`` object on every call and ``doc[a:b].text`` joins a ``Span``'s
tokens, which made indexing the costliest part of the person and title
stages; the same facts read from lists cost a list lookup.
"""
from __future__ import annotations

from itertools import accumulate
from operator import add, sub

from spacy.attrs import IS_SPACE, LIKE_NUM
from spacy.tokens import Doc

KEY = "token_table"


class TokenTable:
    """``words[i]`` is ``doc[i].text``; ``starts[i]``/``ends[i]`` its character span in ``text``."""

    __slots__ = ("text", "words", "spaces", "starts", "ends", "_flags")

    def __init__(self, text: str, words: list[str], spaces: list[bool]) -> None:
        self.text = text
        self.words = words
        self.spaces = spaces
        # the running sum of every token's length and its trailing space, in C-level maps
        past = list(accumulate(map(add, map(len, words), spaces)))
        self.starts = [0, *past[:-1]] if words else []
        self.ends = list(map(sub, past, spaces))
        self._flags: tuple[list[int], list[int]] | None = None

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``."""
        if end <= start:
            return ""
        return self.text[self.starts[start]:self.ends[end - 1]]

    def flags(self, doc: Doc) -> tuple[list[int], list[int]]:
        """``(is_space, like_num)`` of every token, read from the vocabulary in one call."""
        if self._flags is None:
            if len(doc):
                columns = doc.to_array([IS_SPACE, LIKE_NUM]).T.tolist()
                self._flags = (columns[0], columns[1])
            else:
                self._flags = ([], [])
        return self._flags


def token_table(doc: Doc) -> TokenTable:
    """The table of ``doc``: the tokenizer's, or one read from the doc once."""
    table = doc.user_data.get(KEY)
    if table is None or len(table.words) != len(doc):
        table = TokenTable(doc.text, [t.text for t in doc], [bool(t.whitespace_) for t in doc])
        doc.user_data[KEY] = table
    return table
