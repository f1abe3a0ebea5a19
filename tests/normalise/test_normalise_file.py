"""normalise_file: every raw row becomes a Row or a Rejected with a reason to act on."""

from __future__ import annotations

import datetime as dt

import pytest

from chrono.config import load_config
from chrono.model import FileReport, Heading, Provenance, RawRow, ReadResult
from chrono.normalise import normalise_file, submission_date

HEAD = {"date": "Date and Time", "event": "Significant Event", "agency": "Professional/Agency",
        "seen": "Child Seen/View obtained", "comments": "Author comments"}


def raw(row: int, date: str, event: str = "Home visit", agency: str = "", seen: str = "",
        extra: dict | None = None, value=None) -> RawRow:
    fields = {"date": date, "event": event, "agency": agency, "seen": seen, "comments": ""}
    cells = {HEAD[k]: v for k, v in fields.items()}
    cells.update(extra or {})
    return RawRow(Provenance("hv.docx", 2, row), cells, fields, value)


@pytest.fixture(scope="module")
def cfg():
    return load_config()


def test_rows_and_rejections(cfg):
    report = FileReport(file="2024-04/HV chronology - Apr24.docx",
                        heading=Heading(name="Tilly Q", dob="03/02/21", agency="0-19 Service", author="J Bloggs (HV)"))
    report.agency_raw = report.heading.agency
    result = ReadResult(report, [
        raw(2, "09/06/88", "Birth of mother"),
        raw(3, "12/03/24 @ 2pm", agency="HV", seen="Yes - seen alone", extra={"Ref": "A1"}),
        raw(4, "TBC"),
        raw(5, "w/c 04/03/24", agency="Riverside Surgery", seen="N"),
        raw(6, "31/02/24"),
        raw(7, "", value=dt.datetime(2024, 4, 2, 9, 15)),
    ])
    rows, rejected = normalise_file(result, cfg)
    assert [r.provenance.row for r in rows] == [2, 3, 5, 7]
    assert [r.provenance.row for r in rejected] == [4, 6]
    assert rows[0].date == dt.date(1988, 6, 9)
    visit = rows[1]
    assert (visit.date, visit.time, visit.agency, visit.agency_raw) == (dt.date(2024, 3, 12), "14:00", "Health Visiting", "HV")
    assert (visit.child_seen, visit.seen_text) == ("yes", "seen alone")
    assert visit.author == "J Bloggs (HV)"
    assert visit.extra == {"Ref": "A1"}
    assert visit.submitted == dt.date(2024, 4, 30)
    assert rows[0].agency == "Health Visiting"  # blank cell: the submitting agency
    # the record is the HV's, though the cell names the surgery it heard from
    assert (rows[2].approximate, rows[2].agency, rows[2].agency_raw, rows[2].child_seen) == (
        True, "Health Visiting", "Riverside Surgery", "no")
    assert (rows[3].date, rows[3].time) == (dt.date(2024, 4, 2), "09:15")
    assert "'TBC'" in rejected[0].reason and "Date and Time" in rejected[0].reason
    assert "DD/MM/YY" in rejected[0].reason
    assert "February" in rejected[1].reason
    assert rejected[0].raw[HEAD["event"]] == "Home visit"
    assert report.submitted == dt.date(2024, 4, 30)
    assert report.rows_rejected == 2


def test_file_without_heading_takes_agency_from_its_name(cfg):
    result = ReadResult(FileReport(file="Police_chronology_May_2024.csv"), [raw(2, "01/05/24")])
    rows, _ = normalise_file(result, cfg)
    assert rows[0].agency == "Police"


def test_separate_time_column(cfg):
    row = raw(2, "01/05/24")
    row.fields["time"] = "21:25"
    rows, _ = normalise_file(ReadResult(FileReport(file="x.csv"), [row]), cfg)
    assert rows[0].time == "21:25"


@pytest.mark.parametrize("name, expected", [
    ("Sep23/x.docx", dt.date(2023, 9, 30)),
    ("HV chronology - Oct 2023.docx", dt.date(2023, 10, 31)),
    ("2025-04/CSC.xlsx", dt.date(2025, 4, 30)),
    ("Police chronology - 02.25.docx", dt.date(2025, 2, 28)),
    ("CSC_chronology_May_2024.docx", dt.date(2024, 5, 31)),
    ("April 2024/School chronology April.docx", dt.date(2024, 4, 30)),
    ("2024/05 - May/School.docx", dt.date(2024, 5, 31)),
    ("Marsh family chronology.docx", dt.date(2024, 3, 9)),
])
def test_submission_date_from_name(name, expected):
    assert submission_date(name, [dt.date(2024, 3, 9), dt.date(2023, 1, 1)]) == expected


def test_submission_month_without_year_uses_the_entries():
    assert submission_date("05 - May/x.docx", [dt.date(2024, 5, 12)]) == dt.date(2024, 5, 31)
    assert submission_date("01 - January/x.docx", [dt.date(2024, 12, 20)]) == dt.date(2025, 1, 31)
    assert submission_date("x.docx", []) is None
