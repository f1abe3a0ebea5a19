"""The writers scale with the chronology: work counted, not timed (issues 17 and 22).

Measured on generated chronologies (tests/report/report_case.make_case) with
counting wrappers; the figures are in the report of the change. Here: the
per-row work that made the writers quadratic or slow stays out, and the fast
paths write what the slow ones wrote.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from docx.oxml.table import CT_Tbl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.styles.cell_style import StyleArray

from chrono.report import docx as appendix
from chrono.report import jsonout, style
from chrono.report import xlsx as workbook
from tests.report.report_case import make_case


def _grid_lookups(monkeypatch, case, cfg) -> int:
    calls = []
    original = CT_Tbl.tblGrid
    monkeypatch.setattr(CT_Tbl, "tblGrid", property(lambda self: (calls.append(1), original.fget(self))[1]))
    appendix.build_appendix(case, cfg)
    monkeypatch.setattr(CT_Tbl, "tblGrid", original)
    return len(calls)


def test_the_appendix_looks_up_column_widths_once_per_table_not_per_row(monkeypatch, cfg):
    small, large = make_case(events=40), make_case(events=400)
    assert _grid_lookups(monkeypatch, small, cfg) == _grid_lookups(monkeypatch, large, cfg)


def _parses(monkeypatch, case, cfg, tmp_path) -> int:
    calls = []
    original = appendix.parse_xml
    monkeypatch.setattr(appendix, "parse_xml", lambda xml: (calls.append(1), original(xml))[1])
    appendix.write_appendix(case, tmp_path / "appendix.docx", cfg)
    monkeypatch.setattr(appendix, "parse_xml", original)
    return len(calls)


def test_the_appendix_parses_xml_per_table_not_per_row(monkeypatch, cfg, tmp_path):
    small, large = make_case(events=40), make_case(events=400)
    assert _parses(monkeypatch, small, cfg, tmp_path) == _parses(monkeypatch, large, cfg, tmp_path)


def _document_xml(path_or_doc) -> bytes:
    if hasattr(path_or_doc, "save"):
        buffer = io.BytesIO()
        path_or_doc.save(buffer)
        path_or_doc = buffer
    with zipfile.ZipFile(path_or_doc) as package:
        return etree.tostring(etree.fromstring(package.read("word/document.xml")), method="c14n")


def test_a_long_appendix_written_as_it_is_saved_is_the_document_built_row_by_row(monkeypatch, cfg, tmp_path):
    case = make_case(events=5000)
    case.events[7].event = "Seen at 10:00\r\nwith mother & <partner>\tat home"  # markup, a CR, a tab
    path = tmp_path / "appendix.docx"
    appendix.write_appendix(case, path, cfg)  # the chronology's rows streamed into the saved file
    monkeypatch.setattr(appendix, "ROWS_PER_PARSE", 1)  # one row at a time into the document tree
    doc, info = appendix.build_appendix(case, cfg)
    assert info.events_shown == len(case.events)
    assert _document_xml(path) == _document_xml(doc)


def test_workbook_styles_are_made_once_per_kind_not_per_cell(cfg):
    small = workbook.build_workbook(make_case(events=40), cfg)
    large = workbook.build_workbook(make_case(events=400), cfg)
    try:
        made = [sum(s.styles_built for s in book.sheets) for book in (small, large)]
        cells = sum(len(e.sources) for e in make_case(events=400).events) * len(workbook.TIMELINE_HEADINGS)
        assert made[1] <= made[0] + 10 and made[1] * 50 < cells
    finally:
        small.close()
        large.close()


# what the workbook's rows may hold: any text (markup, control characters, other scripts,
# a leading "=" or space), dates, whole numbers and decimals
_TEXT = st.text(st.characters(codec="utf-8"), max_size=60) | st.sampled_from(
    ["", "=SUM(A1)", "-1", "@x", " lead", "trail ", "a\r\nb", "tab\there", "x]]>y", "€ – ‘’ “”", "\u2028"])
_VALUE = _TEXT | st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)) | st.integers(-10**6, 10**6) | \
    st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)) | st.none()


def _cells_as_read(data: bytes) -> list:
    book = load_workbook(io.BytesIO(data))
    out = []
    for ws in book.worksheets:
        out.append((ws.title, ws.freeze_panes, ws.auto_filter.ref,
                    sorted((k, d.height) for k, d in ws.row_dimensions.items() if d.height)))
        for row in ws.iter_rows():
            for c in row:
                out.append((c.coordinate, c.value, c.data_type, c.number_format, c.quotePrefix, c.font.b,
                            c.fill.fgColor.rgb if c.fill.fill_type else None, c.alignment.wrap_text))
    return out


def _written_cell_by_cell(rows, widths, formats, bold, fill) -> bytes:
    """The slow path it replaces: openpyxl's cells, each given its value and style (as ``put`` did)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet"
    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[workbook.get_column_letter(column)].width = width
    for r, values in enumerate(rows, start=1):
        lines = 1
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c)
            quote, number_format = False, formats
            if isinstance(value, str) or value is None:
                cell.value = workbook.safe_text(value)
                cell.data_type = "s"
                quote, number_format = cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"), None
                if cell.value and c <= len(widths):
                    lines = max(lines, workbook._lines_needed(cell.value, widths[c - 1]))
            else:
                cell.value = value
            scratch = workbook.Cell(ws)
            if c in bold:
                scratch.font = workbook.Font(bold=True)
            if fill:
                scratch.fill = workbook.PatternFill("solid", fgColor=fill)
            scratch.alignment = workbook._WRAP
            if number_format:
                scratch.number_format = number_format
            if quote:
                scratch.quotePrefix = True
            cell._style = StyleArray(scratch._style)
        if lines > 1:
            ws.row_dimensions[r].height = min(409, 15 * lines)
    ws.freeze_panes = ws.cell(row=2, column=1)  # as the sheets were frozen (which made that cell)
    ws.auto_filter.ref = f"A1:{workbook.get_column_letter(len(widths))}{len(rows)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")  # openpyxl reading years before 1900
@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(_VALUE, min_size=1, max_size=5), min_size=1, max_size=6),
       bold=st.sets(st.integers(1, 5), max_size=2), fill=st.sampled_from([None, "FFE699", "BDD7EE"]))
def test_workbook_rows_read_back_as_openpyxl_cell_by_cell_wrote_them(rows, bold, fill, tmp_path_factory):
    widths = [8.0, 11.0, 6.0, 45.0, 3.0]
    wb = Workbook(write_only=True)
    sheet = workbook.Sheet(wb.create_sheet("Sheet"), widths, header_row=1)
    sheet.ws.freeze_panes = "A2"
    for values in rows:
        sheet.add(values, "dd/mm/yyyy", bold=bold, fill=fill)
    sheet.finish()
    book = workbook.SheetsWorkbook(wb, [sheet])
    path = tmp_path_factory.mktemp("wb") / "fast.xlsx"
    book.save(path)
    slow = _written_cell_by_cell(rows, widths, "dd/mm/yyyy", bold, fill)
    assert _cells_as_read(path.read_bytes()) == _cells_as_read(slow)
    assert _sheet_data(path.read_bytes()) == _sheet_data(slow)  # the same XML, to the attribute


def _sheet_data(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    return etree.tostring(sheet.find("{*}sheetData"), method="c14n")


def test_same_content_is_the_comparison_of_whole_documents():
    chron = make_case(events=60)
    previous = json.loads(jsonout.dumps(chron))
    ignore = ("generated_at", "changes")
    assert jsonout.same_content(chron, previous, ignore)
    for change in (lambda d: d.__setitem__("generated_at", "2030-01-01T00:00:00Z"),
                   lambda d: d["changes"]["new_events"].append("E9999")):
        changed = json.loads(jsonout.dumps(chron))
        change(changed)
        assert jsonout.same_content(chron, changed, ignore)
    for change in (lambda d: d["events"][-1].__setitem__("event", "edited"),
                   lambda d: d["events"].pop(),
                   lambda d: d["events"].append(d["events"][0]),
                   lambda d: d["files"][0].__setitem__("sha256", "0" * 64),
                   lambda d: d.__setitem__("new_field", 1),
                   lambda d: d.pop("warnings")):
        changed = json.loads(jsonout.dumps(chron))
        change(changed)
        assert not jsonout.same_content(chron, changed, ignore)
    assert not jsonout.same_content(chron, [], ignore)


def test_each_events_accounts_are_worked_out_once_for_all_the_writers(monkeypatch, cfg, tmp_path):
    from chrono.pipeline import CaseOptions, write_outputs

    calls = []
    original = style._accounts
    monkeypatch.setattr(style, "_accounts", lambda event: (calls.append(event.id), original(event))[1])
    case = make_case(events=200)
    write_outputs(case, tmp_path / "out", cfg, CaseOptions(formats=("json", "docx", "xlsx")))
    assert len(calls) == len(set(calls)) <= len(case.events)
    # outside a run nothing is kept: an event changed afterwards is read afresh
    event = case.events[5]
    before = style.accounts(event)
    event.sources = []
    assert before and style.accounts(event) == []
