"""Real exports read exactly: the event's own date column, agencies from the right
place, episodes, disagreeing headings -- checked as a user meets them, in
``chrono check``, ``chronology.json`` and the merge summary."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from typer.testing import CliRunner

from chrono.cli import app
from chrono.config import load_config
from chrono.normalise import normalise_file
from chrono.pipeline import build_chronology
from chrono.read import read_file

from tests.builders import CHILD, entry, write_docx

CFG = load_config()
runner = CliRunner()

DETAILS = "Officers attended home address following a report of shouting"


def _read(path: Path):
    result = read_file(path, path.name, CFG)
    rows, rejected = normalise_file(result, CFG, reference=dt.date(2024, 4, 30))
    return result, rows, rejected


def _police_workbook(path: Path, header: list[str], rows: list[list]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Occurrences"
    ws.append([f"Police chronology - Subject child: {CHILD['name']} (DOB {CHILD['dob']})"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


# ------------------------------------------------ the event's date, not the recording date

@pytest.mark.parametrize("header", [
    ["Date Created", "Occurred Date", "Details", "Outcome"],
    ["Occurred Date", "Date Created", "Details", "Outcome"],
    ["Input date", "Date of incident", "Details", "Outcome"],
    ["Date of incident", "Report date", "Details", "Outcome"],
])
def test_the_occurrence_date_is_used_and_the_created_date_kept(tmp_path, header):
    created_first = header[0] in ("Date Created", "Input date")
    def row(created, occurred, text):
        return [created, occurred, text, "NFA"] if created_first else [occurred, created, text, "NFA"]
    rows = [row(dt.datetime(2024, 3, 13, 9, 5), dt.datetime(2024, 3, 12, 22, 40), DETAILS),
            row(dt.datetime(2024, 4, 2), None, "Information received from school"),
            row(dt.datetime(2024, 4, 3), "TBC", "Report of a missing episode")]
    path = _police_workbook(tmp_path / "Police.xlsx", header, rows)
    result, ok, rejected = _read(path)
    occurred = next(h for h in header if h not in ("Date Created", "Input date", "Report date", "Details", "Outcome"))
    recorded = next(h for h in header if h in ("Date Created", "Input date", "Report date"))
    assert result.report.columns["Occurrences"]["date"] == occurred
    assert result.report.columns["Occurrences"]["recorded"] == recorded
    # the row is dated when it happened (not a day late), and keeps when it was recorded
    assert [(r.date, r.time, r.recorded) for r in ok] == [(dt.date(2024, 3, 12), "22:40", dt.date(2024, 3, 13))]
    reasons = {r.provenance.row: r.reason for r in rejected}
    assert "no event date" in reasons[4] and "recorded" in reasons[4] and "not when it happened" in reasons[4]
    assert "'TBC'" in reasons[5]


def test_a_recording_date_alone_is_still_the_date(tmp_path):
    path = tmp_path / "School.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Date recorded", "Significant Event", "Outcome"],
                                  ["20/02/24", "Pupil arrived late and hungry", "Breakfast club"]])
    result, ok, _ = _read(path)
    assert [r.date for r in ok] == [dt.date(2024, 2, 20)] and ok[0].recorded is None


def test_json_and_check_say_which_date_column_was_used(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    _police_workbook(case / "Police chronology.xlsx", ["Date Created", "Occurred Date", "Details", "Outcome"],
                     [[dt.datetime(2024, 3, 13), dt.datetime(2024, 3, 12, 22, 40), DETAILS, "NFA"]])
    write_docx(case / "HV chronology.docx", [entry("01/03/24", "Home visit", "HV")], agency="Health Visiting")
    out = tmp_path / "out"
    runner.invoke(app, ["merge", str(case), "-o", str(out), "--format", "json"])
    data = json.loads((out / "chronology.json").read_text())
    police = next(s for e in data["events"] for s in e["sources"] if s["file"] == "Police chronology.xlsx")
    assert (police["date"], police["recorded"], police["agency"]) == ("2024-03-12", "2024-03-13", "Police")
    files = {f["file"]: f for f in data["files"]}
    assert files["Police chronology.xlsx"]["ledger"] == {"title": 1, "header": 1, "data": 1}
    result = runner.invoke(app, ["check", str(case / "Police chronology.xlsx")])
    assert "the event's date is column 'Occurred Date'" in result.output
    assert "'Date Created' says when the entry was recorded" in result.output
    assert "1 title" in result.output and "1 data" in result.output


# ------------------------------------------------ agencies from the right place

def test_a_title_naming_the_subject_child_is_never_the_agency(tmp_path):
    path = _police_workbook(tmp_path / "Occurrences export.xlsx", ["Date", "Details", "Officer"],
                            [["12/03/24", DETAILS, "PC 123"]])
    result, ok, _ = _read(path)
    assert "subject" not in (result.report.heading.agency or "").lower()
    assert all("Subject child" not in r.agency and "Subject child" not in r.agency_raw for r in ok)


def test_the_agency_part_of_a_title_is_kept_without_the_child():
    from chrono.model import Heading
    from chrono.read.headers import HeadingReader

    heads = HeadingReader(CFG)
    h = Heading()
    heads.add_title(h, f"Chronology - Police - Subject child: {CHILD['name']}")
    assert h.agency == "Police"
    h2 = Heading(name=CHILD["name"])
    heads.add_title(h2, f"Chronology - {CHILD['name']}")
    assert h2.agency == ""


@pytest.mark.parametrize("team, agency", [
    ("CYPS duty", "Children's Social Care"),
    ("CYPS Duty Team", "Children's Social Care"),
    ("Children and Young People's Service", "Children's Social Care"),
    ("Duty and Assessment Team", "Children's Social Care"),
    ("Duty & Advice Team", "Children's Social Care"),
    ("Referral and Request Team", "Children's Social Care"),
    ("MASH", "Children's Social Care"),
    ("Integrated Front Door", "Children's Social Care"),
    ("CAIT", "Police"),
    ("Child Abuse Investigation Team", "Police"),
    ("PPU", "Police"),
    ("Protecting Vulnerable People Unit", "Police"),
    ("Public Protection Notice", "Police"),
    ("0-19 Team", "Health Visiting"),
    ("Health Visiting Team", "Health Visiting"),
    ("Paediatric Liaison", "Emergency Department"),
    ("Early Help", "Early Help"),
    ("Family Support", "Family Support"),
])
def test_local_team_names_in_an_agency_column_resolve(tmp_path, team, agency):
    """A file with no heading: each row's team name gives its agency."""
    path = tmp_path / "export.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["Date", "Significant Event", "Professional/Agency"],
                                  ["12/03/24", "Strategy discussion held", team]])
    _result, ok, _ = _read(path)
    assert [r.agency for r in ok] == [agency]


def test_an_ed_liaison_file_headed_with_the_hospital_stays_emergency_department(tmp_path):
    doc = Document()
    doc.add_paragraph(f"Name: {CHILD['name']}")
    doc.add_paragraph("Agency: Kestrel General Hospital NHS Trust")
    t = doc.add_table(rows=0, cols=3)
    for values in (["Date", "Significant Event", "Professional/Agency"],
                   ["12/03/24", "Attended with a head injury", "A&E"],
                   ["14/03/24", "Re-attended, wound check", "ED"]):
        for cell, text in zip(t.add_row().cells, values):
            cell.text = text
    path = tmp_path / "ED liaison chronology.docx"
    doc.save(path)
    result, ok, _ = _read(path)
    assert result.report.agency == "Emergency Department"
    assert [r.agency for r in ok] == ["Emergency Department"] * 2


def test_check_lists_an_unresolved_agency_with_the_line_to_add(tmp_path):
    path = write_docx(tmp_path / "chronology.docx", [entry("12/03/24", "Visit", "")],
                      agency="Kestrel Brook Outreach")
    result = runner.invoke(app, ["check", str(path)])
    assert "agency 'Kestrel Brook Outreach' is not a name chrono knows" in result.output
    assert '[agencies.aliases] as  "Kestrel Brook Outreach" = ' in result.output


# ------------------------------------------------ episodes and the child's birth

def test_an_episode_is_one_entry_with_a_start_and_an_end(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "Hospital chronology.docx",
               [entry("12/03-15/03/24", "Admitted to the children's ward with bronchiolitis", "Paediatrics"),
                entry("admitted 02/04/24, discharged 04/04/24", "Admitted overnight for observation",
                      "Paediatrics"),
                entry("12/03/15/03/24", "Outpatient review", "Paediatrics")],
               agency="Paediatrics")
    out = tmp_path / "out"
    runner.invoke(app, ["merge", str(case), "-o", str(out), "--format", "json"])
    data = json.loads((out / "chronology.json").read_text())
    spans = sorted((e["date"], e.get("date_end")) for e in data["events"])
    assert spans == [("2024-03-12", "2024-03-15"), ("2024-04-02", "2024-04-04")]
    [rejected] = data["rejected"]
    assert "two ways" in rejected["reason"] and "12/03/2015" in rejected["reason"]


def test_a_date_before_the_birth_is_a_warning_in_the_merge_summary(tmp_path):
    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "HV chronology.docx",
               [entry("12/03/15", "Child seen at home visit", "HV", who="Tilly"),  # mistyped year
                entry("09/06/88", "Birth of mother", "HV"),  # family history
                entry("01/03/24", "Home visit", "HV")], agency="Health Visiting")
    chron = build_chronology([case], CFG)
    before = [w for w in chron.warnings if "before the child's birth" in w]
    assert len(before) == 1 and "row 2" in before[0] and "12/03/2015" in before[0]
    result = runner.invoke(app, ["merge", str(case), "-o", str(tmp_path / "out")])
    assert "before the child's birth" in result.output


# ------------------------------------------------ headings that disagree

def test_disagreeing_headings_are_reported_and_the_latest_address_used(tmp_path):
    case = tmp_path / "case"
    (case / "2024-03").mkdir(parents=True)
    (case / "2024-04").mkdir(parents=True)
    old = dict(CHILD, address="7 Nowhere Lane, Fictown, ZZ1 1ZZ")
    new = dict(CHILD, address="Flat 2, 9 Elsewhere Road, Fictown, ZZ2 2ZZ", name="Tilly QUARINGTON")
    write_docx(case / "2024-03" / "HV chronology Mar24.docx", [entry("01/03/24", "Home visit", "HV")],
               agency="Health Visiting", child=old)
    write_docx(case / "2024-04" / "School chronology Apr24.docx", [entry("10/04/24", "Pupil late", "School")],
               agency="School", child=new)
    chron = build_chronology([case], CFG)
    assert chron.child.address == new["address"]
    assert chron.child.address_source == "2024-04/School chronology Apr24.docx"
    text = " ".join(chron.warnings)
    assert "2 different addresses" in text and "uses the current one" in text
    assert "spell the child's name 2 ways" in text


def test_a_move_reported_by_some_agencies_wins_over_stale_headings_in_the_same_round(tmp_path):
    """Housing reports the new address in May; police, later that month, still repeat the old heading."""
    case = tmp_path / "case"
    for month in ("2024-04", "2024-05"):
        (case / month).mkdir(parents=True)
    old = dict(CHILD, address="7 Nowhere Lane, Fictown, ZZ1 1ZZ")
    new = dict(CHILD, address="Flat 2, 9 Elsewhere Road, Fictown, ZZ2 2ZZ")
    write_docx(case / "2024-04" / "Police chronology Apr24.docx", [entry("01/04/24", "Welfare check", "Police")],
               agency="Police", child=old)
    write_docx(case / "2024-05" / "Housing chronology 03-05-24.docx", [entry("02/05/24", "Keys collected", "Housing")],
               agency="Housing", child=new)
    write_docx(case / "2024-05" / "Police chronology 30-05-24.docx", [entry("01/04/24", "Welfare check", "Police")],
               agency="Police", child=old)
    chron = build_chronology([case], CFG)
    assert chron.child.address == new["address"]


def test_occurred_from_and_to_columns_give_an_episode_and_the_created_time_is_not_the_time(tmp_path):
    header = ["Created Date/Time", "Occurred From Date/Time", "Occurred To Date/Time", "Occurrence Summary"]
    rows = [[dt.datetime(2024, 3, 16, 8, 0), dt.datetime(2024, 3, 12, 22, 40), dt.datetime(2024, 3, 13, 1, 0),
             DETAILS],
            [dt.datetime(2024, 3, 20, 9, 30), dt.datetime(2024, 3, 19), None, "Missing from home reported"]]
    path = _police_workbook(tmp_path / "Police.xlsx", header, rows)
    result, ok, rejected = _read(path)
    assert rejected == []
    assert [(r.date, r.time, r.date_end, r.recorded) for r in ok] == [
        (dt.date(2024, 3, 12), "22:40", dt.date(2024, 3, 13), dt.date(2024, 3, 16)),
        (dt.date(2024, 3, 19), None, None, dt.date(2024, 3, 20))]
