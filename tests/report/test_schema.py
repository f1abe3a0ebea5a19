"""The JSON Schema shipped in the package describes what chrono writes."""

from __future__ import annotations

import json
from pathlib import Path

from chrono.pipeline import merge_case
from chrono.report.schema import problems, schema

ROOT = Path(__file__).resolve().parents[2]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema())


def test_a_merged_case_validates_and_a_broken_one_does_not(tmp_path):
    merge_case([ROOT / "samples"], tmp_path / "out")
    document = json.loads((tmp_path / "out" / "chronology.json").read_text("utf-8"))
    assert problems(document) == []
    document["events"][0]["child_seen"] = "maybe"
    del document["rejected"]
    found = problems(document)
    assert any("rejected" in p for p in found)
    assert any(p.startswith("events/0/child_seen") for p in found)
