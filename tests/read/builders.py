"""Fictional submissions built on the fly for the reader tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

HEADER = ["Date and Time", "Significant Event", "Professional/Agency",
          "Who was involved", "Decisions/Actions Outcome", "Child Seen/ View obtained", "Author comments"]
ROWS = [
    ["03/02/24", "Home visit by HV", "Health Visiting", "Mum, Test Child", "Review in 2 weeks", "Yes", ""],
    ["10/02/24", "School reported low attendance", "School", "DSL", "", "No", ""],
    ["TBC", "Call to GP about rash", "GP", "", "", "n/a", ""],
]


def add_table(document, rows):
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for tr, values in zip(table.rows, rows):
        for cell, value in zip(tr.cells, values):
            cell.text = value
    return table


def heading_table(document, name="Testy McTest", dob="01/02/2020", agency="Health Visiting", author="A Nurse"):
    return add_table(document, [["Name", name], ["DOB", dob], ["Address", "1 Fictional Road"],
                                ["Agency", agency], ["Author", author]])


def write_docx(path: Path, build) -> Path:
    document = docx.Document()
    build(document)
    document.save(path)
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


def merge_cells(row, first: int, last: int) -> None:
    """Horizontally merge cells first..last of a python-docx row."""
    row.cells[first].merge(row.cells[last])


DATE = dt.datetime(2024, 3, 12, 14, 30)
