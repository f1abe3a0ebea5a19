"""A GP clinical-system export (coded entry + free text, a title row across the table) is read, not refused."""

from __future__ import annotations

import pytest

from chrono.config import load_config
from chrono.read import read_file

from .builders import add_table, merge_cells, write_docx


@pytest.fixture(scope="module")
def cfg():
    return load_config()


def _export(document, headings):
    document.add_paragraph("Name: Testy McTest")
    document.add_paragraph("DOB: 12-Feb-2024")
    rows = [["Safeguarding extract - journal"] * len(headings), headings,
            ["14-Mar-2024", "Did not attend - child", "6 week check missed, mum rang to rebook", "", "Dr A"],
            ["02-Apr-2024", "Registered patient", "New patient, previously at another practice", "Y", "Admin"]]
    table = add_table(document, [r[: len(headings)] for r in rows])
    merge_cells(table.rows[0], 0, len(headings) - 1)


@pytest.mark.parametrize("headings, event_heading", [
    (["Date", "Coded entry", "Free text", "Seen F2F", "Clinician"], "Free text"),
    (["Date", "Term", "Details", "Consultation type", "Staff"], "Details"),
    (["Date", "Read code", "Entered by"], "Read code"),
])
def test_gp_export_is_read_with_its_coded_term_kept(tmp_path, cfg, headings, event_heading):
    path = write_docx(tmp_path / "gp.docx", lambda d: _export(d, headings))
    res = read_file(path, path.name, cfg)
    assert res.report.status == "ok", res.report
    assert len(res.rows) == 2
    assert res.report.columns[str(res.rows[0].provenance.table)]["event"] == event_heading
    # the day-month-name-year dates of such exports are the entries' dates
    assert res.rows[0].fields["date"] == "14-Mar-2024"
    # the coded term is never lost: it is the event or stays in the row's cells
    assert any("Did not attend" in v for v in res.rows[0].cells.values())
