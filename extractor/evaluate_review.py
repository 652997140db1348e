"""The review page of ``evaluate --review``: each document with errors, gold beside prediction.

One self-contained HTML file (inline CSS, no script from the network),
rendered by a Jinja2 template with autoescaping, so no article text can
inject markup. For each document: what differs, the gold record and the
predicted record side by side, and the article with the prediction's
evidence marked (overlapping spans are cut into pieces that each list every
span covering them).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2

from .evaluate import DocumentResult, Evaluation
from .scoring import FIELDS, award_text, target_text, plain

_TEMPLATE = """\
<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Evaluation misses: {{ docs|length }} documents</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { border: 1px solid #ccc; padding: .2rem .5rem; text-align: left; vertical-align: top; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.pair h4 { margin: .3rem 0; }
.diffs li.missed { color: #a40000; } .diffs li.extra { color: #8a5a00; } .diffs li.wrong { color: #5c3566; }
tr.missed td { background: #fee2e2; } tr.extra td { background: #fef3c7; } tr.wrong td { background: #ede9fe; }
.text { white-space: pre-wrap; border: 1px solid #ddd; padding: .6rem; max-height: 30rem; overflow: auto; }
mark { background: #fde68a; } mark.chair { background: #fca5a5; } mark.attendee { background: #93c5fd; }
mark.title { background: #c4b5fd; } mark.date { background: #86efac; } mark.target { background: #fdba74; }
mark.award { background: #f9a8d4; }
section { border-top: 2px solid #888; margin-top: 2rem; }
.legend mark { padding: 0 .3rem; margin-right: .4rem; }
</style>
</head>
<body>
<h1>Documents with errors: {{ docs|length }} of {{ total }}</h1>
<p>Overall {{ "%.3f"|format(overall) }}.
<span class="legend">Evidence of the prediction: <mark class="chair">chair</mark><mark class="attendee">attendee</mark>
<mark class="title">title</mark><mark class="date">date</mark><mark class="target">target</mark>
<mark class="award">award</mark></span></p>
<table>
<tr><th>document</th>{% for f in fields %}<th>{{ f }}</th>{% endfor %}</tr>
{% for d in docs %}<tr><td><a href="#{{ d.anchor }}">{{ d.id }}</a>{% if d.missing %} (no record){% endif %}</td>
{% for f in fields %}<td>{{ d.errors_by_field.get(f, "") }}</td>{% endfor %}</tr>
{% endfor %}</table>
{% for d in docs %}
<section id="{{ d.anchor }}">
<h2>{{ d.id }}</h2>
<ul class="diffs">{% for x in d.differences %}<li class="{{ x.kind }}">{{ x.line }}</li>{% endfor %}</ul>
<div class="pair">
{% for side in d.sides %}<div><h3>{{ side.label }}</h3>
{% if side.tables is none %}<p>no record</p>{% else %}{% for name, rows in side.tables %}<h4>{{ name }}</h4>
<table>{% for cells, cls in rows %}<tr class="{{ cls }}">{% for c in cells %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}</table>
{% endfor %}{% endif %}</div>
{% endfor %}</div>
{% if d.pieces %}<h3>Article</h3>
<div class="text">{% for text, marks in d.pieces %}{% if marks %}<mark class="{{ marks[0].kind }}" title="{{ marks|map(attribute='label')|join(' | ') }}">{{ text }}</mark>{% else %}{{ text }}{% endif %}{% endfor %}</div>
{% endif %}
</section>
{% endfor %}
</body>
</html>
"""


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str
    label: str


def _marks(record: dict | None, text: str) -> list[_Mark]:
    """The prediction's evidence spans that point into the text, each with its field and rule."""
    if not record:
        return []
    found: list[tuple[dict | None, str, str]] = [
        (record.get("meeting_date_evidence"), "date", f"meeting date {record.get('meeting_date')}"),
    ]
    for role, kind in (("chairpersons", "chair"), ("attendees", "attendee")):
        for p in record.get(role) or []:
            if not isinstance(p, dict):
                continue
            found += [(ev, kind, f"{kind}: {p.get('name')}") for ev in p.get("name_evidence") or []]
            found += [(ev, "title", f"title of {p.get('name')}") for ev in p.get("title_evidence") or []]
    found += [(t.get("evidence"), "target", f"target {t.get('achieved')}/{t.get('total')}")
              for t in record.get("targets") or [] if isinstance(t, dict)]
    found += [(a.get("evidence"), "award", f"award: {a.get('count')} {a.get('award')}")
              for a in record.get("awards") or [] if isinstance(a, dict)]
    marks = []
    for ev, kind, label in found:
        if not isinstance(ev, dict):
            continue
        start, end = ev.get("start"), ev.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
                and text[start:end] == ev.get("text"):
            marks.append(_Mark(start, end, kind, f"{label} ({ev.get('rule')})"))
    return marks


def pieces(text: str, marks: list[_Mark]) -> list[tuple[str, list[_Mark]]]:
    """The text cut at every span boundary, each piece with the spans covering it (innermost first).

    >>> [(t, [m.kind for m in ms]) for t, ms in pieces("ab cd", [_Mark(0, 5, "award", ""), _Mark(3, 5, "date", "")])]
    [('ab ', ['award']), ('cd', ['date', 'award'])]
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        covering = sorted((m for m in marks if m.start <= a and b <= m.end), key=lambda m: m.end - m.start)
        out.append((text[a:b], covering))
    return out


def _tables(record: dict | None, flagged: set[tuple[str, str]], kind: str) -> list | None:
    """A record as small tables of rows ``(cells, css class)``; a row is flagged when it is a miss or an extra."""
    if record is None:
        return None

    def cls(field: str, value) -> str:
        return kind if (field, str(value)) in flagged else ""

    tables = [("record", [
        (["is_meeting_report", record.get("is_meeting_report")], cls("is_meeting_report", "")),
        (["meeting_date", record.get("meeting_date")], cls("meeting_date", "")),
    ])]
    for role in ("chairpersons", "attendees"):
        rows = []
        for p in record.get(role) or []:
            p = p if isinstance(p, dict) else {"name": p}
            name = str(plain(p.get("name")) or "").strip()
            titles = [str(plain(t)) for t in p.get("titles") or []]
            rows.append(([name, "; ".join(titles)], cls(role, name) or cls("titles", name)))
        tables.append((role, rows))
    tables.append(("targets", [([f"{t.get('achieved')}/{t.get('total')}", t.get("unit"), t.get("text")],
                                cls("targets", target_text(t)))
                               for t in record.get("targets") or [] if isinstance(t, dict)]))
    tables.append(("awards", [([f"{'~' if a.get('approximate') else ''}{a.get('count')}", a.get("recipient"),
                                a.get("award")], cls("awards", award_text(a)))
                              for a in record.get("awards") or [] if isinstance(a, dict)]))
    return tables


def _flags(doc: DocumentResult, kind: str) -> set[tuple[str, str]]:
    """(field, value) of the gold items missed (kind "missed") or the predicted items extra ("extra")."""
    out = set()
    for d in doc.comparison.differences:
        if d.kind == "wrong":
            out.add((d.field, ""))
        elif d.kind == kind:
            out.add((d.field, str(d.person if d.person else (d.gold if kind == "missed" else d.pred))))
    return out


def _document(doc: DocumentResult, text: str | None, index: int) -> dict:
    by_field: dict[str, int] = {}
    for d in doc.comparison.differences:
        by_field[d.field] = by_field.get(d.field, 0) + 1
    return {
        "id": doc.id,
        "anchor": f"doc-{index}",
        "missing": doc.pred is None,
        "errors_by_field": by_field,
        "differences": [{"kind": d.kind, "line": str(d)} for d in doc.comparison.differences],
        "sides": [{"label": "gold", "tables": _tables(doc.gold, _flags(doc, "missed"), "missed")},
                  {"label": "prediction", "tables": _tables(doc.pred, _flags(doc, "extra"), "extra")}],
        "pieces": pieces(text, _marks(doc.pred, text)) if text else [],
    }


def render_review(evaluation: Evaluation, gold_dir: Path | None = None) -> str:
    """The review page of the documents with errors; texts come from the run or from ``gold_dir``."""
    docs = []
    for i, doc in enumerate(evaluation.with_errors()):
        text = doc.text
        if text is None and gold_dir is not None and (gold_dir / f"{doc.id}.txt").is_file():
            text = (gold_dir / f"{doc.id}.txt").read_text(encoding="utf-8", errors="replace")
        docs.append(_document(doc, text, i))
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return env.from_string(_TEMPLATE).render(
        docs=docs, total=len(evaluation.documents), overall=evaluation.overall, fields=FIELDS)


def write_review(evaluation: Evaluation, path: Path, gold_dir: Path | None = None) -> None:
    path.write_text(render_review(evaluation, gold_dir), encoding="utf-8")
