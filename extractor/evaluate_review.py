"""The review page of ``evaluate --review``: each document with errors, gold beside prediction.

Drawn by ``review.render_review`` (the page of ``extract-report review``):
for each document the differences as notes, the predicted record beside the
gold (missed gold rows red, extra predicted rows yellow, wrong values
violet) and the article with the prediction's evidence marked by field.
"""
from __future__ import annotations

from pathlib import Path

from .evaluate import DocumentResult, Evaluation
from .review import ReviewItem, render_review as render_items
from .scoring import award_text, plain, target_text

#: Where a "wrong" difference shows: the table entry of its field.
_WRONG_ENTRY = {"is_meeting_report": "meeting", "meeting_date": "date"}


def _plain_record(record: dict | None) -> dict:
    """A record with its values given plainly (gold may hold ``{"text": ...}`` objects or bare names)."""
    if not record:
        return {}
    out = dict(record)
    for role in ("chairpersons", "attendees"):
        people = []
        for p in record.get(role) or []:
            p = dict(p) if isinstance(p, dict) else {"name": p}
            p["name"] = str(plain(p.get("name")) or "").strip()
            p["titles"] = [str(plain(t)) for t in p.get("titles") or []]
            people.append(p)
        out[role] = people
    out["targets"] = [dict(t, achieved=plain(t.get("achieved")), total=plain(t.get("total")),
                           unit=plain(t.get("unit")) or "", text=plain(t.get("text")) or "")
                      for t in record.get("targets") or [] if isinstance(t, dict)]
    out["awards"] = [dict(a, count=plain(a.get("count")), award=plain(a.get("award")) or "",
                          recipient=plain(a.get("recipient")) or "")
                     for a in record.get("awards") or [] if isinstance(a, dict)]
    out["meeting_date"] = plain(record.get("meeting_date"))
    return out


def _flags(doc: DocumentResult, record: dict, kind: str) -> dict[str, str]:
    """The record's table entries to flag: the gold items missed (kind "missed") or the predicted extra ("extra")."""
    flagged: set[tuple[str, str]] = set()
    out: dict[str, str] = {}
    for d in doc.comparison.differences:
        if d.kind == "wrong":
            out[_WRONG_ENTRY.get(d.field, d.field)] = "wrong"
        elif d.kind == kind:
            flagged.add((d.field, str(d.person if d.person else (d.gold if kind == "missed" else d.pred))))
    people = [("chairpersons", p) for p in record.get("chairpersons") or []] + [
        ("attendees", p) for p in record.get("attendees") or []]
    for i, (role, p) in enumerate(people):
        if (role, p["name"]) in flagged or ("titles", p["name"]) in flagged:
            out[f"p{i}"] = kind
    for i, t in enumerate(record.get("targets") or []):
        if ("targets", target_text(t)) in flagged:
            out[f"t{i}"] = kind
    for i, a in enumerate(record.get("awards") or []):
        if ("awards", award_text(a)) in flagged:
            out[f"a{i}"] = kind
    return out


def _item(doc: DocumentResult, text: str | None) -> ReviewItem:
    gold = _plain_record(doc.gold)
    pred = _plain_record(doc.pred)
    pred["source"] = doc.id
    notes = [str(d) for d in doc.comparison.differences]
    if doc.pred is None:
        notes.insert(0, "no record for this document")
    if text is None:
        notes.append("the article's text was not found: no evidence shown")
    return ReviewItem(text=text or "", record=pred, gold=gold, notes=notes,
                      flags=_flags(doc, pred, "extra"), gold_flags=_flags(doc, gold, "missed"))


def render_review(evaluation: Evaluation, gold_dir: Path | None = None) -> str:
    """The review page of the documents with errors; texts come from the run or from ``gold_dir``."""
    items = []
    for doc in evaluation.with_errors():
        text = doc.text
        if text is None and gold_dir is not None and (gold_dir / f"{doc.id}.txt").is_file():
            text = (gold_dir / f"{doc.id}.txt").read_text(encoding="utf-8", errors="replace")
        items.append(_item(doc, text))
    title = (f"Documents with errors: {len(items)} of {len(evaluation.documents)}"
             f" (overall {evaluation.overall:.3f})")
    return render_items(items, title=title)


def write_review(evaluation: Evaluation, path: Path, gold_dir: Path | None = None) -> None:
    path.write_text(render_review(evaluation, gold_dir), encoding="utf-8")
