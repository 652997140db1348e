"""One article in every form it reaches us gives byte-identical values through the CLI.

The forms are those of ``tests/input_samples.article_forms``: NFC and NFD,
UTF-8 with and without BOM, UTF-16 LE and BE with and without BOM,
Windows-1258, TCVN3, VNI, HTML pages in several of these, and the article
double-encoded (UTF-8 read as Windows-1252). Each is written to a file and run
through ``extract-report --with-text`` in-process, the way a user runs it.
Only where the evidence sits and the characters it quotes may differ.
"""
from __future__ import annotations

import contextlib
import io
import json

import pytest

from extractor.cli import main
from tests.input_samples import article_forms

FORMS = article_forms()
REFERENCE = "utf-8"
EVIDENCE_KEYS = {"start", "end", "text", "rule"}


def _people(record: dict, key: str) -> list[dict]:
    role = key.removesuffix("s")
    return [
        {"name": p["name"], "titles": p["titles"], "role": role, "role_rules": [e["rule"] for e in p["role_evidence"]]}
        for p in record[key]
    ]


def value_json(record: dict) -> str:
    """The JSON of every value field, in a fixed order."""
    values = {
        "is_meeting_report": record["is_meeting_report"],
        "meeting_date": record["meeting_date"],
        "title": record["title"],
        "chairpersons": _people(record, "chairpersons"),
        "attendees": _people(record, "attendees"),
        "targets": [{k: t[k] for k in ("achieved", "total", "unit", "text")} for t in record["targets"]],
        "awards": [
            {k: a[k] for k in ("count", "approximate", "recipient", "award", "text")} for a in record["awards"]
        ],
    }
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def _is_evidence(value) -> bool:
    return isinstance(value, dict) and EVIDENCE_KEYS <= value.keys()


def without_evidence_positions(value):
    """The record with each evidence reduced to its rule; what the input's form may not change."""
    if _is_evidence(value):
        return {"rule": value["rule"]}
    if isinstance(value, dict):
        return {k: without_evidence_positions(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_evidence_positions(v) for v in value]
    return value


def evidences(value):
    if _is_evidence(value):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from evidences(v)
    elif isinstance(value, list):
        for v in value:
            yield from evidences(v)


@pytest.fixture(scope="module")
def records(tmp_path_factory) -> dict[str, dict]:
    """Label -> the CLI's record (with its text) for the file holding that form."""
    folder = tmp_path_factory.mktemp("forms")
    paths = {}
    for number, (label, (data, source, _)) in enumerate(sorted(FORMS.items())):
        suffix = ".html" if source and source.endswith((".html", ".htm")) else ".txt" if source else ""
        path = folder / f"form-{number}{suffix}"
        path.write_bytes(data)
        paths[label] = path
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--format", "jsonl", "--with-text", *map(str, paths.values())])
    assert code == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == len(paths)
    return dict(zip(paths, map(json.loads, lines)))


def test_the_reference_form_finds_every_kind_of_value(records):
    """Guards the comparisons below from comparing empty records."""
    record = records[REFERENCE]
    assert record["is_meeting_report"] and record["meeting_date"] == "2022-01-17"
    assert record["chairpersons"] and record["attendees"] and record["targets"] and record["awards"]
    assert record["title"]


@pytest.mark.parametrize("label", sorted(FORMS))
def test_every_form_gives_byte_identical_values(records, label):
    assert value_json(records[label]) == value_json(records[REFERENCE]), label


@pytest.mark.parametrize("label", sorted(FORMS))
def test_only_evidence_offsets_and_texts_differ(records, label):
    """Rules, weights and reasons too; a page's publication date comes from its metadata, a text has none."""
    ignored = {"source", "encoding", "warnings", "text", "published_date", "published_date_evidence"}

    def rest(record):
        return without_evidence_positions({k: v for k, v in record.items() if k not in ignored})

    assert rest(records[label]) == rest(records[REFERENCE]), label


@pytest.mark.parametrize("label", sorted(FORMS))
def test_evidence_cuts_its_text_out_of_the_records_text(records, label):
    record = records[label]
    found = list(evidences(record))
    assert len(found) > 10, label
    for evidence in found:
        assert record["text"][evidence["start"]:evidence["end"]] == evidence["text"], (label, evidence)


@pytest.mark.parametrize("label", sorted(FORMS))
def test_the_encoding_is_reported(records, label):
    assert records[label]["encoding"] == FORMS[label][2]
