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
    assert names == ["appendix-parents-copy.docx", "appendix.docx", "chronology-parents-copy.html", "chronology.html",
                     "chronology.json", "chronology.xlsx", "timeline.png", "withheld-list-for-chair.docx"]


# ---------------------------------------------------------------- a user's mistakes (issue 13)

import os  # noqa: E402
import re  # noqa: E402
import shlex  # noqa: E402
import stat  # noqa: E402

import pytest  # noqa: E402

from tests.builders import CHILD, write_csv, write_xlsx  # noqa: E402


def _listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _one_line_usage_error(result):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.output
    return errors[0]


def test_an_outdir_inside_the_case_never_feeds_outputs_back_and_says_so(tmp_path):
    case = _case(tmp_path / "case")
    counts = []
    for _ in range(3):
        result = runner.invoke(app, ["merge", str(case), "-o", str(case / "out")])
        assert result.exit_code == 0, result.output
        counts.append(len(json.loads((case / "out" / "chronology.json").read_text())["events"]))
    assert counts == [counts[0]] * 3
    assert "is inside the input folder" in result.output
    assert "out/appendix.docx" in result.output and "written by chrono" in result.output
    assert "chrono's lock file" in result.output and "hidden settings file" not in result.output
    files = [f["file"] for f in json.loads((case / "out" / "chronology.json").read_text())["files"]]
    assert files == ["Police chronology.docx"]


def test_an_outdir_equal_to_the_case_folder_is_a_usage_error_and_writes_nothing(tmp_path):
    case = _case(tmp_path / "case")
    before = _listing(case)
    line = _one_line_usage_error(runner.invoke(app, ["merge", str(case), "-o", str(case)]))
    assert "is the input folder itself" in line
    assert _listing(case) == before


def test_a_wrong_child_stops_before_anything_is_written_and_names_who_the_files_are_about(tmp_path):
    case = _case(tmp_path / "case")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"),
                                 "--child", "Jayden SMITH", "--dob", "02/04/2019"])
    line = _one_line_usage_error(result)
    assert "match none of the submissions' headings" in line and "Tilly QUARRINGTON (DOB 03/02/2021)" in line
    assert not (tmp_path / "out").exists()


def test_headless_files_alone_never_make_a_chronology_without_child(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_csv(case / "GP.csv", [entry("12/03/24", "GP appointment", "GP")])
    line = _one_line_usage_error(runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out")]))
    assert "--child" in line and "says which child" in line
    assert not (tmp_path / "out").exists()
    given = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json",
                                "--child", "Tilly QUARRINGTON", "--dob", "03/02/2021"])
    assert given.exit_code == 0, given.output
    assert "Child: Tilly QUARRINGTON, DOB 03/02/2021 (given with --child and --dob" in given.output
    assert "no heading naming the child" in given.output


def test_the_summary_states_child_period_files_rejected_rows_changes_and_outputs(tmp_path):
    case = _case(tmp_path / "case")
    write_docx(case / "School.docx", [entry("TBC", "Attendance meeting", "School")], agency="School")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 1
    text = result.output
    assert "Child: Tilly QUARRINGTON, DOB 03/02/2021 (named in 2 of 2 headings)" in text
    assert "Period: 02/05/2023 to 02/05/2024" in text
    assert "Files: 2 accepted, 0 refused" in text
    assert re.search(r"rejected School\.docx, table \d+, row \d+: date 'TBC'", text)
    assert "What changed: first merge into this folder." in text
    assert f"Outputs in {tmp_path / 'out'}: chronology.json" in text
    again = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    assert "0 new, 0 edited, 0 gone" in again.output


def test_a_file_about_another_child_is_refused_without_naming_them_in_any_output(tmp_path):
    case = _case(tmp_path / "case")
    other = {"name": "Tilly BRACKENRIDGE", "dob": CHILD["dob"], "address": CHILD["address"]}
    write_docx(case / "School.docx", [entry("01/04/24", "Attendance meeting", "School")], agency="School", child=other)
    write_docx(case / "HV.docx", [entry("01/04/24", "Home visit", "HV")], agency="Health Visiting")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json",
                                 "--format", "docx"])
    assert result.exit_code == 1 and "DIFFERENT CHILD" in result.output
    doc = json.loads((tmp_path / "out" / "chronology.json").read_text())
    refused = [f for f in doc["files"] if f["status"] != "ok"]
    assert [f["file"] for f in refused] == ["School.docx"]
    from docx import Document

    appendix = "\n".join(p.text for p in Document(tmp_path / "out" / "appendix.docx").paragraphs)
    tables = "\n".join(c.text for t in Document(tmp_path / "out" / "appendix.docx").tables
                       for r in t.rows for c in r.cells)
    assert "BRACKENRIDGE" not in json.dumps(refused) and "BRACKENRIDGE" not in appendix + tables
    check = runner.invoke(app, ["check", str(case)])
    assert check.exit_code == 1
    assert "REFUSED School.docx" in check.output and "its heading names Tilly BRACKENRIDGE" in check.output


def test_check_shares_merges_identity_takes_folders_and_lists_rejected_rows_before_grouped_warnings(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    rows = [entry(f"{day:02d}/03/24", "Home visit", "HV") for day in range(28, 0, -1)] + [entry("TBC", "Call", "HV")]
    write_docx(case / "HV.docx", rows, agency="Health Visiting")
    result = runner.invoke(app, ["check", str(case), "--child", "Tilly QUARRINGTON", "--dob", "03/02/2021"])
    assert result.exit_code == 0, result.output
    out_lines = result.output.splitlines()
    assert "child Tilly QUARRINGTON (DOB 03/02/2021)" in out_lines[0]
    rejected = next(i for i, line in enumerate(out_lines) if "rejected" in line and "TBC" in line)
    grouped = next(i for i, line in enumerate(out_lines) if "rows out of order" in line)
    assert rejected < grouped and "the file looks newest-first" in out_lines[grouped]
    assert sum("out of order" in line for line in out_lines) == 1
    wrong = runner.invoke(app, ["check", str(case / "HV.docx"), "--dob", "01/01/2015"])
    assert "match none of the submissions' headings" in _one_line_usage_error(wrong)


@pytest.mark.parametrize("how", ["a file", "under a file", "unwritable"])
def test_a_bad_output_path_is_one_line_and_exit_2_never_a_traceback(tmp_path, how):
    case = _case(tmp_path / "case")
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("not a folder")
    target = {"a file": blocker, "under a file": blocker / "out", "unwritable": "/proc/chrono-test-out"}[how]
    line = _one_line_usage_error(runner.invoke(app, ["merge", str(case), "-o", str(target), "--format", "json"]))
    assert str(target) in line
    assert blocker.read_text() == "not a folder"


def test_other_path_mistakes_are_usage_errors(tmp_path):
    (tmp_path / "folder").mkdir()
    line = _one_line_usage_error(runner.invoke(app, ["template", "-o", str(tmp_path / "folder")]))
    assert "is a folder" in line
    line = _one_line_usage_error(runner.invoke(app, ["template", "--format", "xlsx", "-o", str(tmp_path / "x.docx")]))
    assert "--format docx" in line and not (tmp_path / "x.docx").exists()
    (tmp_path / "f.json").write_text("{}")
    _one_line_usage_error(runner.invoke(app, ["flags", str(tmp_path / "f.json")]))
    _one_line_usage_error(runner.invoke(app, ["appendix", str(tmp_path / "f.json")]))
    _one_line_usage_error(runner.invoke(app, ["check", str(tmp_path / "nope.docx")]))
    _one_line_usage_error(runner.invoke(app, ["batch", str(tmp_path / "nope"), "-o", str(tmp_path / "o")]))
    (tmp_path / "folder" / "Tilly").mkdir()
    write_docx(tmp_path / "folder" / "Tilly" / "Police.docx", [entry("12/03/24", "Visit", "Police")], agency="Police")
    line = _one_line_usage_error(runner.invoke(app, ["batch", str(tmp_path / "folder"), "-o",
                                                     str(tmp_path / "f.json" / "out")]))
    assert "is a file" in line and not (tmp_path / "folder" / "Tilly" / "out").exists()


def test_since_after_until_is_a_usage_error(tmp_path):
    case = _case(tmp_path / "case")
    line = _one_line_usage_error(runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"),
                                                     "--since", "01/06/2024", "--until", "01/01/2024"]))
    assert "after --until" in line and not (tmp_path / "out").exists()


def test_version_short_help_and_plain_switch_names():
    version = runner.invoke(app, ["--version"])
    assert version.exit_code == 0 and re.match(r"chrono \d+\.\d+", version.output)
    for command in (["merge"], ["check"], ["batch"], ["review"], ["template"], ["config", "show"]):
        result = runner.invoke(app, [*command, "-h"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert "<bool>" not in result.output and "<str>" not in result.output and "<list" not in result.output
        assert "Example:" in result.output, command
    batch = runner.invoke(app, ["batch", "-h"], env={"COLUMNS": "200"}).output
    assert "0, the default, means one per CPU core" in batch and "[default: 0]" not in batch


def test_every_help_example_runs(tmp_path, monkeypatch):
    """The example in each command's help works as printed (in a folder holding a case)."""
    monkeypatch.chdir(tmp_path)
    _case(tmp_path / "case")
    (tmp_path / "caseload" / "Tilly").mkdir(parents=True)
    write_docx(tmp_path / "caseload" / "Tilly" / "Police.docx", [entry("12/03/24", "Visit", "Police")], agency="Police")
    (tmp_path / "review.csv").write_text("fingerprint,decision\n")
    commands = [["merge"], ["check"], ["flags"], ["appendix"], ["review"], ["template"], ["batch"], ["config", "show"]]
    for command in commands:
        help_text = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"}).output
        example = re.search(r"Example:\s+(chrono .+?)\s*$", help_text, re.M).group(1)
        args = shlex.split(example)[1:]
        assert args[: len(command)] == command
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (example, result.output)
        assert "Traceback" not in result.output


def test_config_show_key_and_an_unknown_key():
    assert "max_file_bytes = " in runner.invoke(app, ["config", "show", "limits.max_file_bytes"]).output
    assert "[limits]" in runner.invoke(app, ["config", "show", "limits"]).output
    line = _one_line_usage_error(runner.invoke(app, ["config", "show", "nonsense"]))
    assert "unknown setting 'nonsense'" in line and "limits" in line


def test_a_text_file_named_doc_is_not_called_an_old_word_document(tmp_path):
    case = _case(tmp_path / "case")
    (case / "notes.doc").write_text("Dear colleague, please find attached.\nRegards\n")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    assert result.exit_code == 1
    assert "plain text file named .doc" in result.output and "Word 97-2003" not in result.output


def test_a_password_file_must_be_owner_only_and_the_environment_can_carry_the_password(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    case = tmp_path / "case"
    case.mkdir()
    plain = write_xlsx(tmp_path / "plain.xlsx", [entry("12/03/24", "Home visit", "HV")], agency="Health Visiting")
    with open(plain, "rb") as src, open(case / "HV chronology.xlsx", "wb") as dst:
        OOXMLFile(src).encrypt("Tr0ub4dor", dst)
    secret = tmp_path / "pw.txt"
    secret.write_text("Tr0ub4dor\n")
    os.chmod(secret, 0o644)
    line = _one_line_usage_error(runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "a"),
                                                     "--password-file", str(secret)]))
    assert "chmod 600" in line and not (tmp_path / "a").exists()
    os.chmod(secret, 0o600)
    by_file = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "b"), "--format", "json",
                                  "--password-file", str(secret)])
    assert by_file.exit_code == 0, by_file.output
    by_env = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "c"), "--format", "json"],
                           env={"CHRONO_PASSWORD": "Tr0ub4dor"})
    assert by_env.exit_code == 0, by_env.output


def test_review_import_reports_every_unusable_row_and_keeps_decisions_private(tmp_path):
    case = _case(tmp_path / "case")
    runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    csv_path = tmp_path / "review.csv"
    csv_path.write_text("fingerprint,decision\n,same\nabc123,maybe\nfeedbeef,same\n,\n")
    result = runner.invoke(app, ["review", str(tmp_path / "out"), "--import", str(csv_path)])
    assert result.exit_code == 0, result.output
    assert "line 2: no fingerprint" in result.output
    assert "line 3: decision 'maybe'" in result.output
    assert "line 4: fingerprint not in this chronology's review queue" in result.output
    saved = tmp_path / "out" / "chrono-decisions.csv"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_review_asks_again_after_an_unknown_key(monkeypatch):
    from chrono import cli

    answers = iter(["x", "", "maybe", "s"])
    monkeypatch.setattr(cli.typer, "prompt", lambda *a, **k: next(answers))
    assert cli._ask_decision() == "same"


def test_off_a_terminal_long_file_names_are_never_broken_across_lines(tmp_path):
    case = _case(tmp_path / "case")
    long_name = "Children's Social Care chronology for the review child protection conference - May 2024.pdf"
    (case / long_name).write_bytes(b"%PDF-1.4 not a chronology")
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"],
                           env={"COLUMNS": "80"})
    assert result.exit_code == 1
    assert any(line.startswith(f"  REFUSED {long_name}: a PDF") for line in result.output.splitlines())


def test_flags_prints_plain_rule_names_and_what_changed(tmp_path):
    case = _case(tmp_path / "case")
    runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out"), "--format", "json"])
    result = runner.invoke(app, ["flags", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert "First merge into this folder" in result.output or "Changes" in result.output
