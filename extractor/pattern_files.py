"""Load the pattern data: the shipped ``patterns/`` plus the user's own files.

Formats, as in spaCy's rulers:

* ``*.jsonl``: one ``{"label", "pattern", "id"}`` object per line. A string
  pattern is a phrase matched on lower-cased, tone-folded syllables; add
  ``"case": "exact"`` when capitals matter ("Bộ" the ministry, not "bộ" the
  noun). A list pattern is a spaCy token pattern.
* ``*.txt``: one entry per line, ``#`` starts a comment; the file's stem
  names the list (``surnames.txt`` -> the ``surnames`` list).
* ``*.tsv``: ``key<TAB>value`` lines (``number_words.tsv``).

A user's folder may hold any of these; its entries are added to the shipped
ones. The date rules and the legacy encoding tables keep their own files.
"""
from __future__ import annotations

import functools
import json
import unicodedata

import regex
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PatternError
from .normalize import fold_tones

#: files read by other stages with their own loaders
_OWN_LOADERS = {"dates.jsonl", "meeting_words.jsonl", "meeting_cues.jsonl", "meeting_model.json"}


@dataclass
class PatternSet:
    """Everything the rules read from pattern files."""

    rules: list[dict] = field(default_factory=list)
    lists: dict[str, set[str]] = field(default_factory=dict)
    tables: dict[str, dict[str, str]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    own_files: dict[str, list[Path]] = field(default_factory=dict)

    def labels(self) -> set[str]:
        return {r["label"] for r in self.rules}

    def phrases(self, label: str) -> list[str]:
        return [r["pattern"] for r in self.rules if r["label"] == label and isinstance(r["pattern"], str)]

    def list(self, name: str) -> set[str]:
        return self.lists.get(name, set())

    def table(self, name: str) -> dict[str, str]:
        return self.tables.get(name, {})

    def files(self, name: str) -> list[Path]:
        """A file a stage reads itself (``meeting_cues.jsonl``): the shipped one, then the user's of that name."""
        return self.own_files.get(name, [])


@functools.lru_cache(maxsize=1)
def shipped_dir() -> Path:
    """The shipped pattern folder: ``extractor/patterns`` in a wheel, ``patterns/`` in a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "patterns", here.parent / "patterns"):
        if folder.is_dir():
            return folder
    raise PatternError(f"the shipped patterns folder is missing next to {here}")


def _clean(text: str) -> str:
    return fold_tones(unicodedata.normalize("NFC", text)).strip()


def _read_jsonl(path: Path, out: PatternSet) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rule = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternError(f"{path}:{number}: not valid JSON ({exc.msg})", str(path)) from None
        if not isinstance(rule, dict) or "label" not in rule or "pattern" not in rule:
            raise PatternError(f"{path}:{number}: a pattern needs \"label\" and \"pattern\"", str(path))
        pattern = rule["pattern"]
        if isinstance(pattern, str):
            pattern = _clean(pattern)
            if not pattern:
                raise PatternError(f"{path}:{number}: empty pattern", str(path))
        elif not isinstance(pattern, list):
            raise PatternError(f"{path}:{number}: pattern must be a string or a token list", str(path))
        out.rules.append(
            {
                "label": str(rule["label"]),
                "pattern": pattern,
                "id": str(rule.get("id") or f"{path.stem}.{rule['label'].lower()}"),
                "case": rule.get("case", "any"),
            }
        )


def _read_txt(path: Path, out: PatternSet) -> None:
    entries = out.lists.setdefault(path.stem, set())
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = _clean(line.split("#", 1)[0])
        if entry:
            entries.add(entry)


def _read_tsv(path: Path, out: PatternSet) -> None:
    table = out.tables.setdefault(path.stem, {})
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise PatternError(f"{path}:{number}: expected key<TAB>value", str(path))
        table[_clean(parts[0]).lower()] = parts[1].strip()


_READERS = {".jsonl": _read_jsonl, ".txt": _read_txt, ".tsv": _read_tsv}


def _read_path(path: Path, out: PatternSet) -> None:
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file() and child.name in _OWN_LOADERS:
                out.own_files.setdefault(child.name, []).append(child)
            elif child.is_file() and child.suffix in _READERS:
                _read_path(child, out)
        return
    if path.name in _OWN_LOADERS:
        out.own_files.setdefault(path.name, []).append(path)
        return
    reader = _READERS.get(path.suffix)
    if reader is None:
        raise PatternError(f"{path}: unknown pattern file type (use .jsonl, .txt or .tsv)", str(path))
    try:
        reader(path, out)
    except (OSError, UnicodeDecodeError) as exc:
        raise PatternError(f"{path}: cannot read ({exc})", str(path)) from None
    out.sources.append(str(path))


def load_patterns(extra: list[Path] | tuple[Path, ...] = ()) -> PatternSet:
    """The shipped pattern files, then each extra file or folder on top."""
    out = PatternSet()
    _read_path(shipped_dir(), out)
    for path in extra:
        if not path.exists():
            raise PatternError(f"{path}: no such pattern file or folder", str(path))
        _read_path(path, out)
    return out


@functools.lru_cache(maxsize=8)
def cached_patterns(extra: tuple[Path, ...] = ()) -> PatternSet:
    """``load_patterns`` once per set of extra paths: every stage shares one copy."""
    return load_patterns(extra)


def trie_alternation(phrases, space: str = r"\s+") -> str:
    """The phrases as one prefix-tree regex ("tổ chức|tổ hợp" -> "tổ\\s+(?:chức|hợp)").

    Literals only, so it cannot backtrack catastrophically, and a shared
    prefix is tried once: a class of a hundred phrases costs a few steps per
    position instead of a hundred. ``space`` is what a space of a phrase matches.
    """
    tree: dict = {}
    for phrase in set(phrases):
        node = tree
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        branches = [
            (space if ch == " " else regex.escape(ch)) + emit(child)
            for ch, child in sorted(node.items()) if ch != ""
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return emit(tree) if tree else "(?!)"


def alternation(phrases) -> str:
    """A regex alternation of literal phrases, longest first, a space matching any whitespace.

    Literals only, escaped: the union cannot backtrack catastrophically.
    Lower-case phrases with single spaces are written as a prefix tree
    (``trie_alternation``): at any place the phrases that match are prefixes
    of one another, and the tree tries them longest first as the flat list
    does, so every expression built on it matches what it matched, in about
    half the time.
    """
    phrases = set(phrases)
    if phrases and all(p and p == p.lower() and p == " ".join(p.split()) for p in phrases):
        return trie_alternation(phrases)
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(regex.escape(p).replace(r"\ ", r"\s+") for p in ordered) or "(?!)"
