"""The working workbook, opened again with openpyxl (and as raw XML)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from chrono.report.style import accounts, agency_colours, chronology_agencies
from chrono.report.xlsx import read_decisions, write_workbook

SHEETS = ["Timeline", "Flags", "Child seen", "Changes", "Review", "Files", "Rejected"]
NASTY = ["=1+1", "+44 7700 900000", "-2+3", "@SUM(A1:A2)", "\tTabbed", "\rCarriage",
         "=HYPERLINK(\"http://example.invalid\",\"click\")", "=cmd|' /C calc'!A0"]


def _nasty(case):
    """Every text the workbook shows begins with a formula trigger."""
    texts = iter(NASTY * 200)
    for event in case.events:
        event.event, event.who, event.outcome = next(texts), next(texts), next(texts)
        event.comments = next(texts)
        for row in event.sources:
            row.seen_text, row.date_text, row.event = next(texts), next(texts), next(texts)
            row.agency = next(texts)
    for flag in case.flags:
        flag.summary = next(texts)
    for item in case.review:
        item.reason = next(texts)
    for report in case.files:
        report.author, report.problems, report.warnings = next(texts), [next(texts)], [next(texts)]
    for rejected in case.rejected:
        rejected.reason, rejected.raw = next(texts), {"Date": next(texts), "=x": next(texts)}
    case.child.name = "=Child"
    return case


@pytest.fixture
def workbook(tmp_path, case, cfg):
    path = tmp_path / "chronology.xlsx"
    write_workbook(case, path, cfg)
    return path, load_workbook(path)


def test_sheets_in_order(workbook):
    _, wb = workbook
    assert wb.sheetnames == SHEETS


def test_no_cell_is_a_formula_even_when_every_text_starts_with_one(tmp_path, case, cfg):
    case = _nasty(case)
    path = tmp_path / "nasty.xlsx"
    write_workbook(case, path, cfg)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode("utf-8")
                assert "<f>" not in xml and "<f " not in xml, name
    wb = load_workbook(path)
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                values.append(cell.value)
    timeline = wb["Timeline"]
    texts = [c.value for c in timeline["F"][2:]]
    assert texts == [e.event if a.lead else a.row.event
                     for e in sorted(case.events, key=lambda e: e.date) for a in accounts(e)]
    assert timeline["F3"].quotePrefix  # typed-over in Excel, it stays text
    assert "=cmd|' /C calc'!A0" in values and "@SUM(A1:A2)" in values


def test_timeline_has_real_dates_filter_frozen_header_and_agency_fills(workbook, case):
    _, wb = workbook
    ws = wb["Timeline"]
    assert ws["A2"].value == "ID" and ws["B2"].value == "Date"
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref.startswith("A2:")
    events = sorted(case.events, key=lambda e: e.date)
    colours = agency_colours(chronology_agencies(case))
    lead_rows = [r for r in range(3, ws.max_row + 1) if ws.cell(row=r, column=17).value.startswith("lead account")]
    assert len(lead_rows) == len(events)
    for number, event in zip(lead_rows, events):
        cell = ws.cell(row=number, column=2)
        assert isinstance(cell.value, dt.datetime) and cell.value.date() == event.date
        expected = {"day": "dd/mm/yyyy", "month": "mmmm yyyy", "year": "yyyy"}[event.precision]
        assert cell.number_format == expected
        assert ws.cell(row=number, column=1).value == event.id
        assert ws.cell(row=number, column=6).fill.fgColor.rgb[-6:] == colours[event.agencies[0]]
        assert ws.cell(row=number, column=7).value == accounts(event)[0].agency
    assert ws.cell(row=3, column=6).alignment.wrap_text
    assert ws.column_dimensions["F"].width >= 40


def test_marking_on_every_sheet(workbook, cfg):
    _, wb = workbook
    marking = cfg.section("privacy")["marking"]
    for ws in wb.worksheets:
        assert marking in ws.oddHeader.center.text and marking in ws.oddFooter.center.text
        assert ws.page_setup.orientation == "landscape"
    for name in ["Timeline", "Flags", "Child seen", "Files", "Rejected"]:
        assert wb[name]["A1"].value.startswith(marking)
    assert wb.properties.subject == marking


def test_review_sheet_pairs_side_by_side_with_a_decision_list(workbook, case):
    path, wb = workbook
    ws = wb["Review"]
    header = [c.value for c in ws[1]]
    assert header[:2] == ["fingerprint", "decision"]
    assert "first: significant event" in header and "second: significant event" in header
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == [item.fingerprint for item in case.review]
    first = header.index("first: significant event")
    second = header.index("second: significant event")
    assert rows[0][first] == case.review[0].left.event and rows[0][second] == case.review[0].right.event
    validations = ws.data_validations.dataValidation
    assert len(validations) == 1
    assert validations[0].formula1 == '"same,different"' and "B2" in str(validations[0].sqref)


def test_decisions_typed_in_the_review_sheet_are_read_back(workbook, tmp_path):
    path, wb = workbook
    ws = wb["Review"]
    ws["B2"] = "same"
    ws["B3"] = "Different"
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    assert read_decisions(edited) == {"fp0": "same", "fp1": "different"}


def test_review_sheet_saved_as_csv_is_a_decisions_file(workbook, tmp_path):
    review = pytest.importorskip("chrono.merge.review")
    _, wb = workbook
    ws = wb["Review"]
    ws["B2"] = "same"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in ws.iter_rows(values_only=True):
        writer.writerow(["" if v is None else v for v in row])
    path = tmp_path / "review.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert review.apply_review_csv(path) == {"fp0": "same"}


def test_flags_files_rejected_and_child_seen_sheets(workbook, case):
    _, wb = workbook
    flags = list(wb["Flags"].iter_rows(min_row=3, values_only=True))
    assert [r[1] for r in flags] == [f.rule for f in case.flags]
    assert isinstance(flags[0][4], dt.datetime)
    files = list(wb["Files"].iter_rows(min_row=3, values_only=True))
    assert {r[0] for r in files} == {f.file for f in case.files}
    refused = next(r for r in files if r[1] == "error")
    assert "different child" in refused[9]
    rejected = list(wb["Rejected"].iter_rows(min_row=3, values_only=True))
    assert rejected[0][3] == case.rejected[0].reason and "Date: unknown" in rejected[0][4]
    seen = list(wb["Child seen"].iter_rows(min_row=3, values_only=True))
    assert {r[0].date() for r in seen} == {e.date for e in case.events if e.child_seen == "yes"}


def test_control_characters_do_not_break_the_workbook(tmp_path, case, cfg):
    case.events[0].event = "Bell\x07 and form feed\x0c in a pasted entry"
    path = tmp_path / "ctrl.xlsx"
    write_workbook(case, path, cfg)
    texts = [c.value for c in load_workbook(path)["Timeline"]["F"]]
    assert "Bell and form feed in a pasted entry" in texts


def test_an_empty_case_gives_headers_only(tmp_path, cfg):
    from chrono.model import Child, Chronology

    path = tmp_path / "empty.xlsx"
    write_workbook(Chronology(Child(), None, None, [], [], []), path, cfg)
    wb = load_workbook(path)
    assert wb.sheetnames == SHEETS
    assert wb["Timeline"].max_row == 2 and wb["Review"].max_row == 1
