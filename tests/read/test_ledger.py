"""The row ledger: every physical row of a chronology table is classified, and
every entry ends up either in the timeline or in the rejected list.

A property test builds random Word tables and CSV exports (titles above the
header, blank rows, repeated headers, notes, a row-number column, garbage
dates) and checks the two things a key worker relies on: the classes add up
to the rows of the table, and no entry vanishes.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chrono.config import load_config
from chrono.normalise import normalise_file
from chrono.read import read_file

from .builders import add_table, heading_table, merge_cells, write_docx

CFG = load_config()
HEADER = ["Date", "Significant Event", "Professional/Agency", "Outcome", "Child seen"]

GOOD_DATES = ["12/03/24", "3 April 2024", "?14/05/24", "w/c 06/05/24", "June 2024", "21/06/24 14:30"]
BAD_DATES = ["TBC", "TBC awaiting info", "TBC - date to follow", "unknown", "31/02/24", "", "N/K",
             "see above", "Date TBC", "?"]
EVENTS = ["Home visit", "Strategy discussion", "Information shared", "Referral received",
          "Attended A&E with a cut to the head", "Police", "Outcome", "Child seen", "Yes"]
AGENCIES = ["Police", "CSC", "HV", "School", ""]

row_kind = st.sampled_from(["good", "bad", "blank", "repeat", "note"])


def _entry(draw, good: bool, numbered: bool, n: int) -> list[str]:
    date = draw(st.sampled_from(GOOD_DATES if good else BAD_DATES))
    cells = [date, draw(st.sampled_from(EVENTS)), draw(st.sampled_from(AGENCIES)),
             draw(st.sampled_from(["NFA", "", "Section 47"])), draw(st.sampled_from(["Yes", "No", "", "N/A"]))]
    if not good and not date:
        cells[1] = cells[1] or "Home visit"
    return ([str(n)] if numbered else []) + cells


@st.composite
def tables(draw):
    numbered = draw(st.booleans())
    header = (["No."] if numbered else []) + HEADER
    titles = draw(st.lists(st.sampled_from(["Police chronology", "Subject child: Testy McTest",
                                            "Chronology - Fictional Police", ""]), max_size=2))
    kinds = draw(st.lists(row_kind, min_size=1, max_size=10))
    body, expect = [], []  # expect: the class each body row must get ("data" rows must survive)
    n = 0
    for kind in kinds:
        if kind in ("good", "bad"):
            n += 1
            body.append(_entry(draw, kind == "good", numbered, n))
            expect.append("data")
        elif kind == "blank":
            body.append([""] * len(header))
            expect.append("blank")
        elif kind == "repeat":
            body.append(list(header))
            expect.append("repeated_header")
        else:
            body.append(["Note: entries marked * were added later"] + [""] * (len(header) - 1))
            expect.append("note")
    return numbered, header, titles, body, expect


def _check(result, table, first_body_row: int, expect: list[str], n_rows: int):
    report = result.report
    assert report.status == "ok", report.problems
    rows, rejected = normalise_file(result, CFG)
    # the classes add up to the physical rows of the table
    assert sum(report.ledger.values()) == n_rows, report.ledger
    # every entry is in the timeline or rejected, exactly once
    accounted = [r.provenance.row for r in rows] + [r.provenance.row for r in rejected]
    assert len(accounted) == len(set(accounted)) == report.ledger.get("data", 0)
    for offset, kind in enumerate(expect):
        number = first_body_row + offset
        if kind == "data":
            assert number in accounted, f"row {number} vanished"
        else:
            assert number not in accounted
            assert (str(table), number, kind) in {(t, r, k) for t, r, k, _ in report.ledger_rows}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_csv_rows_all_accounted_for(tmp_path_factory, table):
    numbered, header, titles, body, expect = table
    path = tmp_path_factory.mktemp("csv") / "Police chronology.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        for t in titles:
            w.writerow([t] + [""] * (len(header) - 1))
        w.writerow(header)
        w.writerows(body)
    result = read_file(path, path.name, CFG)
    _check(result, 1, len(titles) + 2, expect, len(titles) + 1 + len(body))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_word_rows_all_accounted_for(tmp_path_factory, table):
    numbered, header, titles, body, expect = table
    path = tmp_path_factory.mktemp("docx") / "Police chronology.docx"

    def build(d):
        heading_table(d, agency="Police")
        t = add_table(d, [[x] + [""] * (len(header) - 1) for x in titles] + [header] + body)
        for k in range(len(titles)):
            merge_cells(t.rows[k], 0, len(header) - 1)
    result = read_file(write_docx(path, build), path.name, CFG)
    _check(result, 2, len(titles) + 2, expect, len(titles) + 1 + len(body))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables())
def test_excel_rows_all_accounted_for(tmp_path_factory, table):
    import openpyxl

    numbered, header, titles, body, expect = table
    path = tmp_path_factory.mktemp("xlsx") / "Police chronology.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Chronology"
    for t in titles:
        ws.append([t or None])
    ws.append(header)
    for r in body:
        ws.append([c or None for c in r])
    wb.save(path)
    result = read_file(path, path.name, CFG)
    # Excel keeps no trailing empty rows: the sheet ends at its last filled row
    last = max((k for k, kind in enumerate(expect) if kind != "blank"), default=-1)
    n_rows = len(titles) + 1 + last + 1
    _check(result, "Chronology", len(titles) + 2, expect[: last + 1], n_rows)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables(), st.integers(0, 10))
def test_word_table_split_at_a_page_break_keeps_every_entry(tmp_path_factory, table, cut):
    """The table continues after a page break with no header: its first row may be any entry."""
    numbered, header, titles, body, expect = table
    cut = min(cut, len(body) - 1)
    first, second = body[:cut], body[cut:]
    path = tmp_path_factory.mktemp("split") / "Police chronology.docx"

    def build(d):
        heading_table(d, agency="Police")
        add_table(d, [header] + first)
        d.add_page_break()
        add_table(d, second)
    result = read_file(write_docx(path, build), path.name, CFG)
    report = result.report
    assert report.status == "ok", report.problems
    rows, rejected = normalise_file(result, CFG)
    accounted = {(r.provenance.table, r.provenance.row) for r in rows + rejected}
    assert len(accounted) == len(rows) + len(rejected) == report.ledger.get("data", 0)
    assert sum(report.ledger.values()) == 1 + len(body)
    for k, kind in enumerate(expect):
        where = (2, k + 2) if k < cut else (3, k - cut + 1)
        if kind == "data":
            assert where in accounted, f"{where} vanished"


# ------------------------------------------------------ what a user sees

def test_numbered_word_table_keeps_its_tbc_rows(tmp_path):
    """A leading row-number column and "TBC ..." dates: every entry is read or rejected, none lost."""
    rows = [["No.", "Date", "Significant Event", "Professional/Agency", "Decisions/Actions", "Child seen"],
            ["1", "12/03/24", "Home visit", "CSC", "NFA", "Yes"],
            ["2", "TBC awaiting info", "Strategy", "Police", "Section 47", "No"],
            ["3", "TBC", "Information shared", "Police", "Outcome", "Child seen"],
            ["4", "Note: row 3 to be confirmed", "", "", "", ""]]
    path = write_docx(tmp_path / "Police chronology.docx", lambda d: (heading_table(d, agency="Police"),
                                                                       add_table(d, rows)))
    result = read_file(path, path.name, CFG)
    ok, rejected = normalise_file(result, CFG)
    assert [r.provenance.row for r in ok] == [2]
    assert {r.provenance.row: r.reason.split(" could not")[0] for r in rejected} == {
        3: "date 'TBC awaiting info'", 4: "date 'TBC'", 5: "date 'Note: row 3 to be confirmed'"}
    assert result.report.ledger == {"header": 1, "data": 4}


def test_notes_titles_and_repeats_are_named_not_rejected(tmp_path):
    rows = [["Police chronology for the conference", "", "", "", ""],
            HEADER,
            ["12/03/24", "Home visit", "Police", "NFA", "Yes"],
            ["", "", "", "", ""],
            ["2024 entries", "", "", "", ""],
            HEADER,
            ["NB: the PNC check is pending", "", "", "", ""]]

    def build(d):
        heading_table(d, agency="Police")
        t = add_table(d, rows)
        merge_cells(t.rows[0], 0, 4)
        merge_cells(t.rows[4], 0, 4)
    path = write_docx(tmp_path / "p.docx", build)
    result = read_file(path, path.name, CFG)
    ok, rejected = normalise_file(result, CFG)
    assert [r.provenance.row for r in ok] == [3] and rejected == []
    assert result.report.ledger == {"title": 2, "header": 1, "data": 1, "blank": 1,
                                    "repeated_header": 1, "note": 1}
    kinds = {(row, kind) for _t, row, kind, _why in result.report.ledger_rows}
    assert {(1, "title"), (5, "title"), (6, "repeated_header"), (7, "note")} <= kinds


# ------------------------------------------------ a very wide table costs linear work

class _Counted(str):
    """A heading that counts how often it is compared for equality."""

    compared = 0

    def __eq__(self, other):
        _Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_unmapped_headings_of_a_wide_table_are_recorded_in_linear_work():
    """20,000 extra columns: each heading is compared a bounded number of times
    (a list search per heading made it ~200 million comparisons)."""
    from chrono.model import FileReport
    from chrono.read.grid import record_table
    from chrono.read.headers import HeaderMap

    n = 20_000
    headings = ["Date", "Significant Event"] + [_Counted(f"Extra {i}") for i in range(n)]
    header = HeaderMap(headings=headings, roles={"date": 0, "event": 1})
    report = FileReport(file="wide.csv")
    _Counted.compared = 0
    record_table(report, 1, header)
    record_table(report, 1, header)  # a second table with the same headings adds none
    assert len(report.unmapped_columns) == n
    assert _Counted.compared <= 4 * n


def test_a_csv_with_twenty_thousand_columns_keeps_every_heading_when_the_limit_allows(tmp_path):
    """The shipped ``limits.max_columns`` refuses such a file (tests/hostile); an authority that
    raises it gets every heading kept, read in linear work (the comparisons are counted above)."""
    from chrono.config import load_config

    cfg = load_config(extra={"limits": {"max_columns": 25_000, "max_cells_per_file": 100_000}})
    path = tmp_path / "wide.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER + [f"Extra {i}" for i in range(20_000)])
        w.writerow(["12/03/24", "Home visit", "Police", "NFA", "Yes"] + [""] * 20_000)
    result = read_file(path, path.name, cfg)
    assert result.report.status == "ok" and len(result.rows) == 1
    assert len(result.report.unmapped_columns) == 20_000
    assert result.report.ledger == {"header": 1, "data": 1}


def test_a_split_table_whose_first_row_reads_like_headings_keeps_that_entry(tmp_path):
    """After a page break the table goes on with "Date TBC | Information shared | Police ...":
    an entry (its agency is no heading), not the header of a new table."""
    def build(d):
        heading_table(d, agency="Police")
        add_table(d, [HEADER, ["12/03/24", "Home visit", "CSC", "NFA", "Yes"]])
        d.add_page_break()
        add_table(d, [["Date TBC", "Information shared", "Police", "Outcome", "Child seen"],
                      ["13/03/24", "Visit", "CSC", "NFA", "Yes"]])
    path = write_docx(tmp_path / "Police chronology.docx", build)
    result = read_file(path, path.name, CFG)
    ok, rejected = normalise_file(result, CFG)
    assert [(r.provenance.table, r.provenance.row) for r in ok] == [(2, 2), (3, 2)]
    assert [(r.provenance.table, r.provenance.row) for r in rejected] == [(3, 1)]
    assert "'Date TBC'" in rejected[0].reason
    assert result.report.ledger == {"header": 1, "data": 3}
