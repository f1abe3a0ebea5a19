"""Build fictional agency submissions (Word, Excel, CSV) for end-to-end tests.

Every name, address and entry here is invented.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Sequence

HEADERS = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
           "Decisions/Actions Outcome", "Child Seen/View obtained", "Author comments"]

CHILD = {"name": "Tilly QUARRINGTON", "dob": "03/02/2021", "address": "7 Nowhere Lane, Fictown, ZZ1 1ZZ"}


def entry(date: str, event: str, agency: str, seen: str = "Yes", who: str = "Tilly, mother",
          outcome: str = "", comments: str = "") -> list[str]:
    return [date, event, agency, who, outcome, seen, comments]


def write_docx(path: Path, rows: Sequence[Sequence[str]], agency: str, child: dict = CHILD,
               author: str = "A. Author", headers: Sequence[str] = HEADERS) -> Path:
    """A Word chronology on the template: a heading table, then the chronology table."""
    from docx import Document

    doc = Document()
    doc.add_heading("Multi-agency chronology", level=1)
    heading = doc.add_table(rows=0, cols=2)
    for key, value in (("Name", child["name"]), ("DOB", child["dob"]), ("Address", child["address"]),
                       ("Agency", agency), ("Author", author)):
        cells = heading.add_row().cells
        cells[0].text, cells[1].text = key, value
    table = doc.add_table(rows=1, cols=len(headers))
    for cell, text in zip(table.rows[0].cells, headers):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    doc.save(path)
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[object]], agency: str, child: dict = CHILD,
               author: str = "A. Author", headers: Sequence[str] = HEADERS) -> Path:
    """An Excel chronology: title rows with the child's details above the header row."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Chronology"
    ws.append([f"Chronology - {agency}"])
    ws.append(["Name", child["name"], "DOB", child["dob"]])
    ws.append(["Agency", agency, "Author", author])
    ws.append([])
    ws.append(list(headers))
    for values in rows:
        ws.append(list(values))
    wb.save(path)
    return path


def write_csv(path: Path, rows: Sequence[Sequence[str]], headers: Sequence[str] = HEADERS,
              encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def d(day: dt.date) -> str:
    return day.strftime("%d/%m/%y")
