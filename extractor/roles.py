"""The role stage: who chaired, who took part, who is only mentioned.

A chair is a named person the text says chủ trì / đồng chủ trì / chủ tọa:
"X, Chủ tịch UBND huyện chủ trì", "dưới sự chủ trì của X", "do X chủ trì",
"Chủ tọa kỳ họp: A; B". Everybody else named in a meeting report took part,
except bylines and photo credits, and people the text only mentions
("gửi lẵng hoa chúc mừng", "theo chỉ đạo của").
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from spacy.tokens import Doc, Span

from .layout import Layout
from .lexicon import LexiconIndex
from .titles import Mention

#: trigger labels that show a named person taking part
PARTICIPATION_LABELS = ("ATTEND", "SPEAK", "GIVE", "CHAIR")
#: words that may stand between a chair's name (or titles) and "chủ trì"
_BRIDGE = {"đã", "cùng", "là", "vừa", "đồng", "thì", "đang", "trực", "tiếp", "đứng", "ra"}
#: a sentence about another event of the day: "Trước đó, ...", "Chiều cùng ngày, ..."
_SIDE_EVENT = regex.compile(
    r"(?i)\s*(?:trước đó|sau đó|tiếp đó|tiếp theo|cùng ngày|(?:buổi |vào )?(?:sáng|chiều|tối|trưa) cùng ngày|"
    r"trước khi|bên lề)\b"
)
#: "Buổi chiều, ...": another session only when the meeting's own chair is named elsewhere
_PART_OF_DAY = regex.compile(r"(?i)\s*(?:buổi|vào buổi) (?:sáng|chiều|tối|trưa)\b")
_NOT_YET = regex.compile(r"(?<!\w)(?:sẽ|dự kiến)(?!\w)")
_LIST_GLUE = {",", ";", "và", "cùng", "với", "-", "–", ":", "cùng với", "các", "đồng", "chí", "ông", "bà", "đ", "/", "c"}


@dataclass
class RoleDecision:
    mention: Mention
    role: str  # "chair", "attendee" or "excluded"
    rule: str
    trigger: Span | None = None


def _sentence_of(doc: Doc, token: int) -> Span:
    return doc[token].sent


def assign_roles(doc: Doc, mentions: list[Mention], layout: Layout, author: str | None = None) -> list[RoleDecision]:
    lex = LexiconIndex.of(doc)
    decisions: dict[int, RoleDecision] = {}
    by_start = sorted(mentions, key=lambda m: m.person.start)
    by_sentence: dict[int, list[Mention]] = {}
    for m in by_start:
        by_sentence.setdefault(_sentence_of(doc, m.person.start).start, []).append(m)
    side_chairs: list[tuple[Mention, str, Span]] = []
    for trigger in lex.spans("CHAIR"):
        sentence = _sentence_of(doc, trigger.start)
        in_sentence = by_sentence.get(sentence.start, [])
        side = "clear" if _SIDE_EVENT.match(sentence.text) else "weak" if _PART_OF_DAY.match(sentence.text) else ""
        for mention, rule in _chairs_of(doc, trigger, in_sentence):
            if side:
                side_chairs.append((mention, side, trigger))
            else:
                decisions[id(mention)] = RoleDecision(mention, "chair", rule, trigger)
    main_chair_named = bool(decisions)
    for mention, side, trigger in side_chairs:
        if id(mention) in decisions:
            continue
        if side == "clear" or main_chair_named:  # the chair of an earlier ceremony or another session took part
            decisions[id(mention)] = RoleDecision(mention, "attendee", "attendee.chaired_side_event", trigger)
        else:
            decisions[id(mention)] = RoleDecision(mention, "chair", "chair.subject", trigger)
    absent_sentences = {_sentence_of(doc, s.start).start for s in lex.spans("NOT_PRESENT")}
    attend_sentences = {_sentence_of(doc, s.start).start for s in lex.spans("ATTEND")}
    acting_sentences = {_sentence_of(doc, s.start).start for s in lex.spans(*PARTICIPATION_LABELS)}
    author_key = " ".join(author.lower().split()) if author else None
    out = []
    for mention in by_start:
        if id(mention) in decisions:
            out.append(decisions[id(mention)])
            continue
        char_start = mention.person.start_char
        if layout.is_credit(char_start):
            out.append(RoleDecision(mention, "excluded", "exclude.credit"))
        elif author_key and mention.person.text.lower() == author_key:
            out.append(RoleDecision(mention, "excluded", "exclude.author"))
        elif _sentence_of(doc, mention.person.start).start in absent_sentences:
            out.append(RoleDecision(mention, "excluded", "exclude.not_present"))
        elif _sentence_of(doc, mention.person.start).start in attend_sentences:
            out.append(RoleDecision(mention, "attendee", "attendee.listed"))
        elif _sentence_of(doc, mention.person.start).start in acting_sentences:
            out.append(RoleDecision(mention, "attendee", "attendee.acts"))
        elif mention.titles:
            out.append(RoleDecision(mention, "attendee", "attendee.titled"))
        else:
            out.append(RoleDecision(mention, "excluded", "exclude.only_mentioned"))
    return out


def _announced(doc: Doc, start: int, end: int) -> bool:
    """"sẽ", "dự kiến" in doc[start:end]: the meeting is still to come."""
    return bool(_NOT_YET.search(doc[max(0, start):max(start, end)].text.lower()))


def _chairs_of(doc: Doc, trigger: Span, in_sent: list[Mention]):
    """The mentions a "chủ trì" makes chairs, with the rule that says so."""
    sent = _sentence_of(doc, trigger.start)
    before = [m for m in in_sent if m.end <= trigger.start]
    after = [m for m in in_sent if m.person.start >= trigger.end]
    prev_words = [t.lower_ for t in doc[max(sent.start, trigger.start - 2):trigger.start]]
    next_word = doc[trigger.end].lower_ if trigger.end < len(doc) else ""
    if prev_words[-1:] == ["sự"] and next_word == "của" or prev_words[-1:] == ["quyền"]:
        return [(m, "chair.under_chairmanship_of") for m in _list_from(doc, after, trigger.end)]
    if before and _bridged(doc, before[-1].end, trigger.start):
        group = _list_back(doc, before)
        if _announced(doc, max(sent.start, group[0].start - 4), group[0].start):
            return []  # "kỳ họp sẽ do đồng chí X chủ trì": announced
        return [(m, "chair.subject") for m in group]
    do_index = _find_word(doc, "do", sent.start, trigger.start)
    if do_index is not None:
        inside = [m for m in before if m.person.start > do_index]
        if inside and not _announced(doc, max(sent.start, do_index - 3), do_index):
            return [(m, "chair.do_x_chu_tri") for m in inside]
    if after and not before or after and trigger.start - sent.start <= 2:
        return [(m, "chair.heading") for m in _list_from(doc, after, trigger.end)]
    return []


def _bridged(doc: Doc, end: int, trigger_start: int) -> bool:
    """Whether the words between a name (with its titles) and "chủ trì" keep it the subject.

    "X đã chủ trì", "X, Chủ tịch Ủy ban Quốc gia về biến đổi khí hậu chủ trì",
    "X đã về Mỹ Đức chủ trì": a short stretch with no clause break.
    """
    if _announced(doc, end, trigger_start):
        return False  # "X sẽ chủ trì kỳ họp": announced, not done
    gap = [t.lower_ for t in doc[end:trigger_start] if not t.is_space]
    if len(gap) <= 3 and all(g in _BRIDGE or g == "," for g in gap):
        return True
    return len(gap) <= 10 and not any(g in {";", ".", ":", "và", "cùng", "với"} for g in gap)


def _list_back(doc: Doc, before: list[Mention]) -> list[Mention]:
    """The last mention before the trigger and those listed with it."""
    group = [before[-1]]
    for m in reversed(before[:-1]):
        gap = [t.lower_ for t in doc[m.end:group[0].start] if not t.is_space]
        if all(g in _LIST_GLUE for g in gap) and len(gap) <= 4:
            group.insert(0, m)
        else:
            break
    return group


def _list_from(doc: Doc, after: list[Mention], start: int) -> list[Mention]:
    """Mentions listed right after a heading word ("Chủ tọa kỳ họp: A; B")."""
    group: list[Mention] = []
    pos = start
    for m in after:
        gap = [t for t in doc[pos:m.start] if not t.is_space]
        if group and not all(t.lower_ in _LIST_GLUE for t in gap):
            break
        if not group and len(gap) > 8:
            break
        group.append(m)
        pos = m.end
    return group


def _find_word(doc: Doc, word: str, start: int, end: int) -> int | None:
    for i in range(end - 1, start - 1, -1):
        if doc[i].lower_ == word:
            return i
    return None
