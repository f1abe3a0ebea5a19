"""The working workbook (Excel): the merged timeline to sort and filter, the
flags, when the child was seen, the pairs awaiting a decision, and the fate of
every file and row.

Entry text is written as text, never as a formula: a submission whose text
begins with ``=``, ``+``, ``-`` or ``@`` must not run anything when a key
worker opens the workbook (CSV/formula injection).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chrono.config import Config
from chrono.model import Chronology, Row
from chrono.own import mark_output
from chrono.report.style import (
    agency_colours,
    chronology_agencies,
    format_day,
    format_event_date,
    marking as marking_of,
    produced_on,
    save_atomically,
    seen_visits,
    sorted_events,
    visit_field,
)

HEADER_ROW = 2
FIRST_DATA_ROW = 3
DATE_FORMATS = {"day": "dd/mm/yyyy", "month": "mmm yyyy", "year": "yyyy"}
DECISIONS = ("same", "different")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def safe_text(value: Any) -> str:
    """Text a cell can hold: control characters Excel refuses are removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None):
    """Write one cell; strings always as literal text (never a formula)."""
    cell = ws.cell(row=row, column=column)
    if isinstance(value, str) or value is None:
        text = safe_text(value)
        cell.value = text
        cell.data_type = "s"
        if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
            cell.quotePrefix = True  # stays text if someone edits the cell in Excel
    else:
        cell.value = value
        if number_format:
            cell.number_format = number_format
    return cell


def _sheet(wb: Workbook, title: str, headings: list[tuple[str, float]], note: str | None, mark: str,
           first: bool = False) -> Worksheet:
    """A sheet with the marking note in row 1, a frozen filterable header in
    row 2, and the marking in the printed header and footer. Without a note
    the header is row 1 (so the sheet saved as CSV reads as a plain table)."""
    ws = wb.active if first else wb.create_sheet()
    ws.title = title
    header_row = HEADER_ROW if note else 1
    if note:
        put(ws, 1, 1, note).font = Font(bold=True)
    for column, (name, width) in enumerate(headings, start=1):
        cell = put(ws, header_row, column, name)
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddHeader.center.text = mark
    ws.oddHeader.center.font = "Arial,Bold"
    ws.oddHeader.right.text = title
    ws.oddFooter.center.text = f"{mark}   Page &P of &N"
    ws.evenHeader.center.text = mark
    ws.evenFooter.center.text = f"{mark}   Page &P of &N"
    return ws


def _finish(ws: Worksheet, columns: int, last_row: int, header_row: int = HEADER_ROW) -> None:
    last = get_column_letter(columns)
    ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
    widths = [ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1)]
    for row in ws.iter_rows(min_row=header_row, max_row=last_row, max_col=columns):
        lines = 1
        for cell, width in zip(row, widths):
            if cell.row > header_row:
                cell.alignment = _WRAP
            if isinstance(cell.value, str) and cell.value:
                lines = max(lines, _lines_needed(cell.value, width))
        if lines > 1:
            # LibreOffice does not grow rows to fit wrapped text, so say how tall
            ws.row_dimensions[row[0].row].height = min(409, 15 * lines)


def _lines_needed(text: str, width: float) -> int:
    """Roughly how many lines a wrapped cell needs at its column width."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _where(row: Row) -> str:
    return str(row.provenance)


def _timeline(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("ID", 8), ("Date", 12), ("Time", 7), ("Date as written", 14), ("Approximate", 8),
                ("Significant event", 50), ("Agencies", 18), ("Who was involved", 22),
                ("Decisions/actions/outcome", 40), ("Child seen", 10), ("Child seen: detail", 28),
                ("Comments", 30), ("Categories", 18), ("Check", 30), ("Confidential", 9), ("Sources", 40)]
    ws = _sheet(wb, "Timeline", headings, note, mark, first=True)
    colours = agency_colours(chronology_agencies(chron))
    row = FIRST_DATA_ROW - 1
    for event in sorted_events(chron.events):
        row += 1
        check = "; ".join(f"accounts differ on {k}: {' | '.join(v)}" for k, v in event.conflicts.items())
        if event.needs_review:
            check = "; ".join(x for x in (check, "may be the same event as another entry") if x)
        values: list[Any] = [
            event.id, event.date, event.time or "",
            "; ".join(dict.fromkeys(r.date_text for r in event.sources if r.date_text))
            or format_event_date(event, with_time=False),
            "yes" if event.approximate else "", event.event, "\n".join(event.agencies), event.who,
            event.outcome, event.child_seen, event.seen_text, event.comments, ", ".join(event.categories),
            check, "yes" if event.confidential else "",
            "\n".join(_where(r) for r in event.sources),
        ]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, DATE_FORMATS.get(event.precision, "dd/mm/yyyy") if column == 2 else None)
        fill = colours.get(event.agencies[0]) if event.agencies else None
        if fill:
            tint = PatternFill("solid", fgColor=fill)
            for column in range(1, len(values) + 1):
                ws.cell(row=row, column=column).fill = tint
        if check:
            ws.cell(row=row, column=14).font = Font(bold=True)
    _finish(ws, len(headings), row)


def _flags(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("ID", 7), ("Rule", 22), ("Severity", 9), ("From", 12), ("To", 12), ("Summary", 50),
                ("Evidence (event IDs)", 24), ("Evidence (dates)", 36)]
    ws = _sheet(wb, "Flags", headings, note, mark)
    by_id = {e.id: e for e in chron.events}
    row = FIRST_DATA_ROW - 1
    for flag in chron.flags:
        row += 1
        dates = "; ".join(format_event_date(by_id[i], with_time=False) for i in flag.events if i in by_id)
        values = [flag.id, flag.rule, flag.severity, flag.start, flag.end, flag.summary,
                  ", ".join(flag.events), dates]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, "dd/mm/yyyy")
    _finish(ws, len(headings), row)


def _seen(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("Date", 12), ("Time", 7), ("Seen by", 26), ("Seen alone?", 11),
                ("Who else was present", 30), ("Detail", 50), ("Event", 8)]
    ws = _sheet(wb, "Child seen", headings, note, mark)
    row = FIRST_DATA_ROW - 1
    for visit in seen_visits(sorted_events(chron.events)):
        row += 1
        alone = visit_field(visit, "alone")
        values = [visit_field(visit, "date"), visit_field(visit, "time") or "", ", ".join(visit_field(visit, "agencies") or []),
                  {True: "yes", False: "no"}.get(alone, "not recorded"), visit_field(visit, "present") or "",
                  visit_field(visit, "detail") or "", visit_field(visit, "event") or ""]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, "dd/mm/yyyy")
    _finish(ws, len(headings), row)


REVIEW_HEADINGS = [("fingerprint", 18), ("decision", 11), ("score", 7), ("why they may match", 24),
                   ("first: where", 26), ("first: agency", 16), ("first: date as written", 12),
                   ("first: significant event", 45), ("second: where", 26), ("second: agency", 16),
                   ("second: date as written", 12), ("second: significant event", 45)]


def _review(wb, chron: Chronology, mark: str, note: str) -> None:
    """Header in row 1, fingerprint and decision first: saved as CSV this is
    the decisions file ``chrono.merge.review`` reads."""
    ws = _sheet(wb, "Review", REVIEW_HEADINGS, None, mark)
    row = 1
    for item in chron.review:
        row += 1
        values = [item.fingerprint, item.decision, round(item.score, 3), item.reason,
                  _where(item.left), item.left.agency, item.left.date_text or format_day(item.left.date),
                  item.left.event, _where(item.right), item.right.agency,
                  item.right.date_text or format_day(item.right.date), item.right.event]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)
    validation = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="same or different",
                                error="Type same or different (or leave blank to decide later).")
    ws.add_data_validation(validation)
    validation.add(f"B2:B{max(row, 2) + 200}")
    _finish(ws, len(REVIEW_HEADINGS), row, header_row=1)


def _files(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("File", 32), ("Status", 8), ("Agency", 20), ("Author", 20), ("Format", 8),
                ("Submitted", 12), ("Rows read", 9), ("Rows rejected", 9), ("SHA-256", 68),
                ("Problems", 45), ("Warnings", 45)]
    ws = _sheet(wb, "Files", headings, note, mark)
    row = FIRST_DATA_ROW - 1
    for report in chron.files:
        row += 1
        values = [report.file, report.status, report.agency, report.author, report.format, report.submitted,
                  report.rows_read, report.rows_rejected, report.sha256, "\n".join(report.problems),
                  "\n".join(report.warnings)]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value if value is not None else "", "dd/mm/yyyy")
    _finish(ws, len(headings), row)


def _rejected(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("File", 32), ("Table/sheet", 12), ("Row", 7), ("Why it was not used", 45),
                ("Cells as written", 80)]
    ws = _sheet(wb, "Rejected", headings, note, mark)
    row = FIRST_DATA_ROW - 1
    for item in chron.rejected:
        row += 1
        raw = "\n".join(f"{k}: {v}" for k, v in item.raw.items())
        values = [item.provenance.file, str(item.provenance.table), item.provenance.row, item.reason, raw]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)
    _finish(ws, len(headings), row)


def build_workbook(chron: Chronology, cfg: Config) -> Workbook:
    """The workbook in memory."""
    mark = marking_of(cfg)
    name = chron.child.name or "(child not named)"
    dob = f" (DOB {format_day(chron.child.dob)})" if chron.child.dob else ""
    note = (f"{mark}. Multi-agency chronology for {name}{dob}, produced {format_day(produced_on(chron))}. "
            "Not to be passed on without the conference chair's consent or a court order.")
    wb = Workbook()
    _timeline(wb, chron, mark, note)
    _flags(wb, chron, mark, note)
    _seen(wb, chron, mark, note)
    _review(wb, chron, mark, note)
    _files(wb, chron, mark, note)
    _rejected(wb, chron, mark, note)
    props = wb.properties
    props.title = f"Multi-agency chronology: {name}"
    props.subject = mark
    props.keywords = mark
    props.category = mark
    props.creator = "chrono"
    mark_output(props)  # chrono never reads its own workbook back as a submission
    return wb


def write_workbook(chron: Chronology, path: Path, cfg: Config) -> None:
    """Write the working workbook (.xlsx)."""
    wb = build_workbook(chron, cfg)
    save_atomically(Path(path), lambda target: wb.save(str(target)))


def read_decisions(path: Path) -> dict[str, str]:
    """The decisions a person typed on the Review sheet: fingerprint -> same/different.

    Finds the header row by its ``fingerprint`` heading, so a sheet someone has
    re-sorted or edited above the table still reads.
    """
    wb = load_workbook(Path(path), read_only=True, data_only=True)
    try:
        if "Review" not in wb.sheetnames:
            return {}
        ws = wb["Review"]
        columns: dict[str, int] | None = None
        out: dict[str, str] = {}
        for values in ws.iter_rows(values_only=True):
            cells = [str(v).strip() if v is not None else "" for v in values]
            if columns is None:
                lowered = [c.lower() for c in cells]
                if "fingerprint" in lowered and "decision" in lowered:
                    columns = {"fingerprint": lowered.index("fingerprint"), "decision": lowered.index("decision")}
                continue
            fingerprint = cells[columns["fingerprint"]] if columns["fingerprint"] < len(cells) else ""
            decision = cells[columns["decision"]].lower() if columns["decision"] < len(cells) else ""
            if fingerprint and decision in DECISIONS:
                out[fingerprint] = decision
        return out
    finally:
        wb.close()


