"""How a record is compared with a hand-made gold record, as ANNOTATION.md defines it.

The shared scorer (../shared/eval/score.py) is the judge on the dev corpus;
the golden tests of ``samples/`` must not depend on ../shared, so they
compare with the same rules: names in full after NFC, case and tone-mark
folding; titles when their syllables mostly overlap; targets on
(achieved, total, first syllables of the unit); awards on (count, kind).
"""
from __future__ import annotations

import re

from extractor.normalize import canonical

HONORIFICS = ("đồng chí ", "đ/c ", "ông ", "bà ", "anh ", "chị ")
AWARD_KINDS = (
    "huân chương", "huy chương", "cờ thi đua", "bằng khen", "giấy khen", "chiến sĩ thi đua", "kỷ niệm chương",
    "huy hiệu", "lao động tiên tiến", "lao động xuất sắc", "anh hùng", "nghệ sĩ nhân dân", "nghệ sĩ ưu tú",
    "nhà giáo nhân dân", "nhà giáo ưu tú", "thầy thuốc nhân dân", "thầy thuốc ưu tú",
)
GENERIC_KINDS = ("danh hiệu", "cờ", "giải", "khen thưởng")


def name_key(name: str) -> str:
    key = canonical(name)
    changed = True
    while changed:
        changed = False
        for h in HONORIFICS:
            if key.startswith(h):
                key, changed = key[len(h):], True
    return key


def syllables(text: str) -> set[str]:
    return {s for s in re.split(r"[\s,;:.\-–—()/&]+", canonical(text)) if s}


def title_match(a: str, b: str) -> bool:
    sa, sb = syllables(a), syllables(b)
    if not sa or not sb or ("phó" in sa) != ("phó" in sb):
        return False
    return len(sa & sb) / len(sa | sb) >= 0.6


def award_kind(text: str) -> str:
    key = canonical(text)
    for kinds in (AWARD_KINDS, GENERIC_KINDS):
        found = [(key.find(canonical(k)), k) for k in kinds if canonical(k) in key]
        if found:
            return min(found)[1]
    return "other"


def unit_key(unit: str) -> str:
    return " ".join(sorted(syllables(unit), key=canonical(unit).find)[:2])


def differences(gold: dict, pred: dict) -> list[str]:
    """Every way ``pred`` (a record as JSON) departs from ``gold``; empty when they agree."""
    out: list[str] = []
    if bool(gold["is_meeting_report"]) != bool(pred["is_meeting_report"]):
        return [f"is_meeting_report gold={gold['is_meeting_report']} pred={pred['is_meeting_report']}"]
    gd, pd = gold.get("meeting_date"), pred.get("meeting_date")
    if (gd or None) != (pd or None) and not (gd and pd and gd.startswith("--") and pd[-5:] == gd[-5:]):
        out.append(f"meeting_date gold={gd} pred={pd}")
    for key in ("chairpersons", "attendees"):
        gp = {name_key(p["name"]): p for p in gold[key]}
        pp = {name_key(p["name"]): p for p in pred[key]}
        out += [f"{key} missed {n}" for n in gp.keys() - pp.keys()]
        out += [f"{key} extra {n}" for n in pp.keys() - gp.keys()]
        for n in gp.keys() & pp.keys():
            left = list(pp[n]["titles"])
            for t in gp[n]["titles"]:
                hit = next((x for x in left if title_match(t, x)), None)
                if hit is None:
                    out.append(f"title missed {n}: {t}")
                else:
                    left.remove(hit)
            out += [f"title extra {n}: {t}" for t in left]
    gt = sorted((t["achieved"], t["total"], unit_key(t["unit"])) for t in gold["targets"])
    pt = sorted((t["achieved"], t["total"], unit_key(t["unit"])) for t in pred["targets"])
    if gt != pt:
        out.append(f"targets gold={gt} pred={pt}")
    ga = sorted((a["count"], award_kind(a["award"])) for a in gold["awards"])
    pa = sorted((a["count"], award_kind(a["award"])) for a in pred["awards"])
    if ga != pa:
        out.append(f"awards gold={ga} pred={pa}")
    return out
