"""The blank local template (000:1121-1151) and the committed copies in templates/."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from openpyxl import load_workbook

from chrono.report.template import COLUMNS, HEADING, write_template

COMMITTED = Path(__file__).resolve().parents[2] / "templates"
PROCEDURE_COLUMNS = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
                     "Decisions/Actions Outcome", "Child Seen/View obtained", "Author comments"]


def _docx_content(path: Path) -> dict:
    doc = Document(str(path))
    return {
        "paragraphs": [p.text for p in doc.paragraphs],
        "tables": [[[c.text for c in row.cells] for row in table.rows] for table in doc.tables],
        "header": [p.text for p in doc.sections[0].header.paragraphs],
        "footer": [p.text for p in doc.sections[0].footer.paragraphs],
    }


def _xlsx_content(path: Path) -> dict:
    wb = load_workbook(path)
    return {ws.title: ([[c.value for c in row] for row in ws.iter_rows()], sorted(map(str, ws.merged_cells.ranges)),
                       ws.oddHeader.center.text)
            for ws in wb.worksheets}


def test_template_columns_and_heading_are_the_procedures():
    assert [name for name, _ in COLUMNS] == PROCEDURE_COLUMNS
    assert [label for label, _ in HEADING] == ["Name", "DOB", "Address", "Agency", "Author"]


def test_word_template_is_landscape_with_heading_columns_and_guidance(tmp_path):
    path = tmp_path / "t.docx"
    write_template("docx", path)
    doc = Document(str(path))
    section = doc.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE and section.page_width > section.page_height
    heading, table = doc.tables
    assert [row.cells[0].text for row in heading.rows] == ["Name", "DOB", "Address", "Agency", "Author"]
    assert [c.text for c in table.rows[0].cells] == PROCEDURE_COLUMNS
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "DD/MM/YY" in text and "not the date it was recorded" in text


def test_excel_template_has_heading_then_columns(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template("xlsx", path)
    ws = load_workbook(path)["Chronology"]
    assert [ws.cell(row=r, column=1).value for r in range(1, 6)] == ["Name", "DOB", "Address", "Agency", "Author"]
    assert [c.value for c in ws[7]] == PROCEDURE_COLUMNS
    assert ws.page_setup.orientation == "landscape"
    assert ws["A8"].number_format == "@"  # dates stay as typed, DD/MM/YY


@pytest.mark.parametrize("fmt,read", [("docx", _docx_content), ("xlsx", _xlsx_content)])
def test_committed_templates_match_a_regenerated_one(tmp_path, fmt, read):
    fresh = tmp_path / f"chronology_template.{fmt}"
    write_template(fmt, fresh)
    committed = COMMITTED / f"chronology_template.{fmt}"
    assert committed.exists(), "run: python -m chrono.report.template templates"
    assert read(committed) == read(fresh), "regenerate: python -m chrono.report.template templates"


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_filled_in_template_reads_with_every_column_mapped(tmp_path, cfg, fmt):
    read = pytest.importorskip("chrono.read")
    path = tmp_path / f"filled.{fmt}"
    write_template(fmt, path)
    entry = ["12/03/24 21:40", "Police attended following report of domestic abuse", "Police", "Mother",
             "Partner arrested", "Yes, seen alone", "Entry agreed"]
    heading = ["Test CHILD", "14/05/21", "1 Fictional Road", "Police", "PC A Example"]
    if fmt == "docx":
        doc = Document(str(path))
        for row, value in zip(doc.tables[0].rows, heading):
            row.cells[1].text = value
        for cell, value in zip(doc.tables[1].rows[1].cells, entry):
            cell.text = value
        doc.save(str(path))
    else:
        wb = load_workbook(path)
        ws = wb["Chronology"]
        for number, value in enumerate(heading, start=1):
            ws.cell(row=number, column=2, value=value)
        for column, value in enumerate(entry, start=1):
            ws.cell(row=8, column=column, value=value)
        wb.save(path)
    result = read.read_file(path, path.name, cfg)
    assert result.report.status == "ok", result.report.problems
    assert result.report.heading.name == "Test CHILD" and result.report.heading.agency == "Police"
    assert len(result.rows) == 1
    assert set(result.rows[0].fields) >= {"date", "event", "agency", "who", "outcome", "seen", "comments"}
