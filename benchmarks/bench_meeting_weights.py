"""Check the meeting decision's hand-set weights against a model fitted on the labels.

    python benchmarks/bench_meeting_weights.py            # dev gold + benchmarks/labels/bench-meeting.jsonl
    python benchmarks/bench_meeting_weights.py --weights  # also print the fitted weight of every sign

Every labelled article (the dev set's gold and the bench articles labelled
for ``is_meeting_report``) is run through the pipeline with the NLP always
on, and its signs (the cue@zone and finding ids of ``meeting_evidence``) are
kept. Then two deciders are compared on the same articles:

* the shipped one: ``bias + sum(weights) > 0`` with the weights of the
  pattern files;
* an L2-regularised logistic regression over the same signs (present or
  not), scored by 10-fold cross-validation so that no article is judged by a
  model that saw it.

The product ships the fitted model only if it is clearly better out of
sample; until then the printed table is the reason the hand weights stay.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
DEV = SHARED / "corpus" / "dev"
BENCH = SHARED / "corpus" / "bench" / "baomoi-2000.jsonl"
LABELS = HERE / "labels" / "bench-meeting.jsonl"


def labelled_articles(labels: Path) -> list[tuple[str, str, bool]]:
    """(id, text, is_meeting_report) for the dev gold and the bench labels."""
    out = []
    for gold in sorted(DEV.glob("*.json")):
        text = gold.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        out.append((f"dev:{gold.stem}", text, bool(json.loads(gold.read_text(encoding="utf-8"))["is_meeting_report"])))
    wanted = {}
    for line in labels.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        if row and "is_meeting_report" in row.get("fields", []):
            wanted[row["id"]] = bool(row["is_meeting_report"])
    with open(BENCH, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if row["id"] in wanted:
                out.append((row["id"], row["text"], wanted[row["id"]]))
    return out


def signs(pipeline, text: str) -> tuple[list[tuple[str, float]], bool]:
    """The signs of one article with the NLP always run, and whether the cue gate lets it through."""
    from extractor.dates import find_dates, find_publication_date
    from extractor.layout import analyse_layout
    from extractor.meeting_date import choose_meeting_date
    from extractor.normalize import normalize
    from extractor.pipeline import _findings
    from extractor.roles import assign_roles

    norm = normalize(text)
    layout = analyse_layout(norm.text)
    publication = find_publication_date(norm.text)
    cues = pipeline.classifier.cues(norm.text, layout)
    doc = pipeline.nlp(norm.text)
    decisions = assign_roles(doc, doc._.mentions, layout)
    meeting_date = choose_meeting_date(doc, find_dates(norm.text), publication, layout)
    awards = pipeline.awards.find(norm.text[: layout.body_end])
    verdict = pipeline.classifier.decide(cues, _findings(decisions, meeting_date, awards, publication))
    return [(r.rule, r.weight) for r in verdict.reasons], pipeline.classifier.worth_parsing(cues)


def fit(x: np.ndarray, y: np.ndarray, lam: float, steps: int = 3000, rate: float = 0.5) -> tuple[np.ndarray, float]:
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = p - y
        w -= rate * (x.T @ g / len(y) + lam * w / len(y))
        b -= rate * g.mean()
    return w, b


def prf(pred: np.ndarray, y: np.ndarray, mask: np.ndarray) -> str:
    tp = int(((pred == 1) & (y == 1) & mask).sum())
    fp = int(((pred == 1) & (y == 0) & mask).sum())
    fn = int(((pred == 0) & (y == 1) & mask).sum())
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return f"P {p:.3f} R {r:.3f} (tp {tp}, fp {fp}, fn {fn})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--weights", action="store_true", help="print the fitted weight of every sign")
    args = parser.parse_args(argv)
    if not DEV.is_dir() or not BENCH.is_file():
        print(f"skipped: {SHARED} is not there", file=sys.stderr)
        return 0
    from extractor.pipeline import Pipeline

    pipeline = Pipeline()
    rows = []
    for ident, text, gold in labelled_articles(args.labels):
        found, worth = signs(pipeline, text)
        rows.append((ident, gold, found, worth))
    names = sorted({name for _, _, found, _ in rows for name, _ in found})
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    y = np.array([1.0 if gold else 0.0 for _, gold, _, _ in rows])
    worth = np.array([w for *_, w in rows])
    hand = np.full(len(rows), pipeline.classifier.bias)
    for n, (_, _, found, _) in enumerate(rows):
        for name, weight in found:
            x[n, index[name]] = 1
            hand[n] += weight
    bench = np.array([not ident.startswith("dev:") for ident, *_ in rows])
    shipped = ((hand > 0) & worth).astype(int)
    print(f"{len(rows)} articles ({int((~bench).sum())} dev, {int(bench.sum())} bench), {len(names)} signs")
    print(f"shipped weights      dev {prf(shipped, y, ~bench)}   bench {prf(shipped, y, bench)}")
    order = list(range(len(rows)))
    random.Random(0).shuffle(order)
    for lam in (0.3, 1.0, 3.0, 10.0):
        pred = np.zeros(len(rows), int)
        for k in range(10):
            test = np.zeros(len(rows), bool)
            test[order[k::10]] = True
            w, b = fit(x[~test], y[~test], lam)
            pred[test] = ((x[test] @ w + b > 0) & worth[test]).astype(int)
        print(f"logistic, L2 {lam:<5} dev {prf(pred, y, ~bench)}   bench {prf(pred, y, bench)}   (10-fold CV)")
    if args.weights:
        w, b = fit(x, y, 1.0)
        print(f"fitted bias {b:.2f}")
        for name, value in sorted(zip(names, w), key=lambda t: -t[1]):
            print(f"  {value:6.2f}  {int(x[:, index[name]].sum()):4d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
