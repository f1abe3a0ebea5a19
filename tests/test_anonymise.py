"""Anonymise a merged case for a case review and personalise it back (what a key worker sees)."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chrono.anonymise import (Glossary, GlossaryError, Term, anonymise_document, glossary_from_csv,
                              glossary_to_csv, seed_glossary)
from chrono.cli import app
from chrono.pipeline import InputError, anonymise_outputs, merge_case, personalise_outputs

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def merged(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("merged") / "out"
    merge_case([ROOT / "samples"], out)
    return out


@pytest.fixture
def case(merged, tmp_path) -> Path:
    """A private copy of the merged outputs, so each test seeds its own glossary."""
    out = tmp_path / "out"
    shutil.copytree(merged, out)
    return out


def _texts(folder: Path) -> dict[str, str]:
    """Every text layer a person or a program could read: JSON, the Word and Excel XML, PNG chunks."""
    found = {}
    for path in folder.rglob("*"):
        if path.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(path) as z:
                found[path.name] = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                             if n.endswith((".xml", ".rels")))
        elif path.suffix in (".json", ".txt", ".csv", ".html"):
            found[path.name] = path.read_text("utf-8")
        elif path.suffix == ".png":
            found[path.name] = path.read_bytes().decode("latin-1")
    return found


def _words(text: str, name: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", text) is not None


def test_anonymised_outputs_contain_no_name_of_the_glossary(case):
    outcome = anonymise_outputs(case)
    assert outcome.seeded and outcome.glossary == case / "glossary.csv"
    glossary = glossary_from_csv(outcome.glossary.read_text("utf-8"))
    names = [t.name for t in glossary.terms if not re.fullmatch(r"\d{4}-\d\d-\d\d", t.name)]
    assert "Marnie ASHGROVE" in names and "03/11/22" in names
    texts = _texts(case / "anonymised")
    assert {"chronology.json", "appendix.docx", "chronology.xlsx", "timeline.png", "chronology.html"} <= set(texts)
    for file, text in texts.items():
        leaked = [n for n in names if _words(text, n)]
        assert not leaked, f"{file} still names {leaked[:5]}"
    document = json.loads((case / "anonymised" / "chronology.json").read_text("utf-8"))
    assert document["child"]["name"] == "Child M" and document["child"]["dob"] is None
    assert not (case / "anonymised" / "glossary.csv").exists(), "the key must not travel with the copy"


def test_personalise_gives_back_the_original_json(case, tmp_path):
    anonymise_outputs(case)
    personalise_outputs(case / "anonymised", case / "glossary.csv", tmp_path / "back")
    original = json.loads((case / "chronology.json").read_text("utf-8"))
    assert json.loads((tmp_path / "back" / "chronology.json").read_text("utf-8")) == original


def test_a_name_left_out_of_the_glossary_is_listed_to_check(case):
    seeded = anonymise_outputs(case)
    kept = [line for line in seeded.glossary.read_text("utf-8").splitlines() if "WRAYFORD" not in line]
    seeded.glossary.write_text("\n".join(kept) + "\n", "utf-8")
    again = anonymise_outputs(case)
    assert not again.seeded
    assert "WRAYFORD" in dict(again.names_left)
    assert "WRAYFORD" in (case / "anonymised" / "possible-names-left.txt").read_text("utf-8")


def test_two_names_with_one_replacement_are_refused_with_the_line():
    text = "name,replace_with,kind\nDean WRAYFORD,Mother's ex-partner,person\nLewis CARDEW,Mother's ex-partner,person\n"
    with pytest.raises(GlossaryError, match="line 3: 'Lewis CARDEW' and 'Dean WRAYFORD' would both become"):
        glossary_from_csv(text)


def test_a_replacement_already_in_the_text_is_refused():
    glossary = Glossary([Term("Marnie", "Mother", "child")])
    with pytest.raises(GlossaryError, match="'Mother' .* already occurs"):
        anonymise_document({"event": "Mother said Marnie slept well"}, glossary)


def test_possessives_capitals_and_surname_first_spellings_are_each_replaced():
    document = {"child": {"name": "Tilly MARSH", "dob": "2021-05-04"},
                "events": [{"event": "Tilly's nursery place; TILLY MARSH seen; Tilly Marsh's mum", "sources": []}],
                "files": [{"heading": {"dob": "04/05/21"}}]}
    doc = {**document, "note": "DOB 04/05/21"}
    glossary = seed_glossary(doc)
    anonymised = anonymise_document(doc, glossary)
    text = json.dumps(anonymised)
    assert "Tilly" not in text and "TILLY" not in text and "04/05/21" not in text
    assert "CHILD T" in text and "T.'s nursery" in text


def test_glossary_csv_round_trips():
    glossary = Glossary([Term("Dean WRAYFORD", "Mother's ex-partner", "person"), Term("Dean", "DW", "person")])
    assert glossary_from_csv(glossary_to_csv(glossary)).terms == glossary.terms


def test_cli_seeds_then_uses_the_glossary(case, tmp_path):
    runner = CliRunner()
    first = runner.invoke(app, ["anonymise", str(case)])
    assert first.exit_code == 1, first.output  # names may be left: a person must look
    assert "glossary.csv" in first.output and "possible names left" in first.output
    back = runner.invoke(app, ["personalise", str(case / "anonymised"), "--glossary", str(case / "glossary.csv"),
                               "-o", str(tmp_path / "back")])
    assert back.exit_code == 0, back.output
    assert (tmp_path / "back" / "appendix.docx").exists()


def test_cli_without_a_merge_says_what_to_do(tmp_path):
    result = CliRunner().invoke(app, ["anonymise", str(tmp_path)])
    assert result.exit_code == 2
    assert "chrono merge" in result.output and "Traceback" not in result.output


def test_anonymised_copy_cannot_overwrite_the_originals(case):
    with pytest.raises(InputError, match="folder of their own"):
        anonymise_outputs(case, target=case)


def test_the_anonymised_copies_are_published_as_one_set(case):
    from chrono.files import interrupted_run, read_manifest
    from chrono.own import RUN_OUTPUTS

    anonymise_outputs(case)
    anonymise_outputs(case)
    target = case / "anonymised"
    assert interrupted_run(target, RUN_OUTPUTS) == []
    assert "chronology.json" in read_manifest(target)
