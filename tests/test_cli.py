"""The CLI is a thin shell: exit codes and messages a user relies on."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from chrono.cli import app
from tests.builders import entry, write_docx

runner = CliRunner()


def _case(folder):
    folder.mkdir()
    write_docx(folder / "Police chronology.docx", [
        entry("12/03/24", "Police attended home address, verbal argument", "Police", "Yes"),
        entry("02/05/24", "Welfare check", "Police", "No"),
    ], agency="Police")
    return folder


def test_merge_writes_every_output_and_exits_0_when_all_rows_are_read(tmp_path):
    case = _case(tmp_path / "case")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("chronology.json", "appendix.docx", "chronology.xlsx", "timeline.png"):
        assert (tmp_path / "out" / name).is_file(), name
    assert json.loads((tmp_path / "out" / "chronology.json").read_text())["schema"] == "chrono/1"


def test_merge_exits_1_and_names_the_refused_file(tmp_path):
    case = _case(tmp_path / "case")
    (case / "scan.pdf").write_bytes(b"%PDF-1.4 not a chronology")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 1
    assert "scan.pdf" in result.output and "REFUSED" in result.output


def test_merge_of_a_missing_folder_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["merge", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output


def test_check_exits_1_when_a_file_would_be_refused(tmp_path):
    case = _case(tmp_path / "case")
    empty = case / "empty.docx"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["check", str(case / "Police chronology.docx"), str(empty)])
    assert result.exit_code == 1
    assert "OK" in result.output and "REFUSED" in result.output and "2 rows read" in result.output


def test_flags_and_appendix_work_from_an_existing_output_folder(tmp_path):
    case = _case(tmp_path / "case")
    runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    assert runner.invoke(app, ["flags", str(tmp_path / "out")]).exit_code == 0
    result = runner.invoke(app, ["appendix", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "appendix.docx").is_file()


def test_flags_on_a_folder_without_a_merge_says_what_to_run(tmp_path):
    result = runner.invoke(app, ["flags", str(tmp_path)])
    assert result.exit_code == 2 and "chrono merge" in result.output


def test_template_writes_a_blank_template(tmp_path):
    result = runner.invoke(app, ["template", "--format", "xlsx", "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0 and (tmp_path / "t.xlsx").is_file()


def test_config_show_prints_the_area_and_sections():
    result = runner.invoke(app, ["config", "show"])
    assert result.exit_code == 0
    assert 'area = "default"' in result.output and "[limits]" in result.output


def test_verbose_output_names_files_but_never_prints_entry_text(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    secret = "Quillfeather disclosed the combination to the shed"
    write_docx(case / "School chronology.docx", [
        entry("12/03/24", secret, "School", "Yes", outcome=secret, comments=secret),
        entry("TBC", secret, "School", "No"),
    ], agency="School")
    (case / "broken.docx").write_bytes(b"PK\x03\x04 truncated")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--verbose", "--format", "json"])
    assert result.exit_code == 1
    assert "School chronology.docx" in result.output and "broken.docx" in result.output
    assert "Quillfeather" not in result.output


def test_a_password_protected_workbook_is_refused_without_the_password_and_merged_with_it(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    from tests.builders import write_xlsx

    case = tmp_path / "case"
    case.mkdir()
    plain = write_xlsx(tmp_path / "plain.xlsx", [entry("12/03/24", "Home visit", "HV")], agency="Health Visiting")
    with open(plain, "rb") as src, open(case / "HV chronology.xlsx", "wb") as dst:
        OOXMLFile(src).encrypt("Tr0ub4dor", dst)
    refused = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "a"), "--format", "json"])
    assert refused.exit_code == 1 and "--password" in refused.output
    merged = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "b"), "--format", "json",
                                 "--password", "Tr0ub4dor"])
    assert merged.exit_code == 0, merged.output
    assert len(json.loads((tmp_path / "b" / "chronology.json").read_text())["events"]) == 1


def test_parents_copy_is_written_beside_the_full_outputs_without_removing_them(tmp_path):
    case = _case(tmp_path / "case")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--parents-copy"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))
    assert names == ["appendix-parents-copy.docx", "appendix.docx", "chronology.json", "chronology.xlsx", "timeline.png",
                     "withheld-list-for-chair.docx"]
