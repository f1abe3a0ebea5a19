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
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles.cell_style import StyleArray
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from chrono.config import Config
from chrono.model import Chronology, Row
from chrono.own import mark_output
from chrono.report.style import (
    accounts,
    agency_colours,
    category_name,
    earlier_versions,
    edits,
    flag_groups,
    format_iso_label,
    format_row_date,
    others_present,
    present_for,
    rule_name,
    rule_standard,
    seen_by,
    vanished_date,
    vanished_lines,
    vanished_text,
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
DATE_FORMATS = {"day": "dd/mm/yyyy", "month": "mmmm yyyy", "year": "yyyy"}
COUNT_FORMAT = "0"
DECISIONS = ("same", "different")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")

#: Printable width of a landscape page in Excel column-width units (characters
#: of the default font at 100 %), and the smallest scale still readable when a
#: sheet is fitted to the page width.
PAGE_CHARACTERS = {"A4": 145, "A3": 210}
READABLE_SCALE = 0.7


def safe_text(value: Any) -> str:
    """Text a cell can hold: control characters Excel refuses are removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


class Styles:
    """Cell styles built once per combination and then copied onto each cell:
    assigning font, fill, alignment and number format cell by cell is what
    made the workbook of a large case slow (openpyxl looks each one up)."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self._cache: dict[tuple, StyleArray] = {}
        self.built = 0

    def get(self, bold: bool = False, fill: str | None = None, number_format: str | None = None,
            quote: bool = False, wrap: bool = True) -> StyleArray:
        key = (bold, fill, number_format, quote, wrap)
        style = self._cache.get(key)
        if style is None:
            scratch = Cell(self.ws)
            if bold:
                scratch.font = Font(bold=True)
            if fill:
                scratch.fill = PatternFill("solid", fgColor=fill)
            if wrap:
                scratch.alignment = _WRAP
            if number_format:
                scratch.number_format = number_format
            if quote:
                scratch.quotePrefix = True
            style = scratch._style
            self._cache[key] = style
            self.built += 1
        return StyleArray(style)


def put(ws: Worksheet, row: int, column: int, value: Any, number_format: str | None = None,
        styles: Styles | None = None, bold: bool = False, fill: str | None = None):
    """Write one cell; strings always as literal text (never a formula)."""
    cell = ws.cell(row=row, column=column)
    quote = False
    if isinstance(value, str) or value is None:
        text = safe_text(value)
        cell.value = text
        cell.data_type = "s"
        quote = text[:1] in ("=", "+", "-", "@", "\t", "\r")  # stays text if edited in Excel
        number_format = None
    else:
        cell.value = value
    if styles is not None:
        cell._style = styles.get(bold, fill, number_format, quote)
    else:
        if quote:
            cell.quotePrefix = True
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = Font(bold=True)
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
    print_layout(ws, sum(width for _, width in headings))
    ws.oddHeader.center.text = mark
    ws.oddHeader.center.font = "Arial,Bold"
    ws.oddHeader.right.text = title
    ws.oddFooter.center.text = f"{mark}   Page &P of &N"
    ws.evenHeader.center.text = mark
    ws.evenFooter.center.text = f"{mark}   Page &P of &N"
    return ws


def print_layout(ws: Worksheet, width: float) -> str:
    """Landscape A4, or A3 for a sheet too wide to read on A4; fitted to the
    page width only while the text stays readable (>= 70 %), else printed
    across pages at full size. Returns the paper chosen."""
    ws.page_setup.orientation = "landscape"
    if width <= PAGE_CHARACTERS["A4"] / READABLE_SCALE:
        paper, fits = "A4", True
    else:
        paper, fits = "A3", width <= PAGE_CHARACTERS["A3"] / READABLE_SCALE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4 if paper == "A4" else ws.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = fits
    ws.page_margins.left = ws.page_margins.right = 0.4
    return paper


def _finish(ws: Worksheet, columns: int, last_row: int, header_row: int = HEADER_ROW) -> None:
    last = get_column_letter(columns)
    ws.auto_filter.ref = f"A{header_row}:{last}{max(last_row, header_row)}"
    widths = [ws.column_dimensions[get_column_letter(c)].width or 10 for c in range(1, columns + 1)]
    for row in ws.iter_rows(min_row=header_row, max_row=last_row, max_col=columns):
        lines = 1
        for cell, width in zip(row, widths):
            value = cell._value
            if isinstance(value, str) and value:
                lines = max(lines, _lines_needed(value, width))
        if lines > 1:
            # LibreOffice does not grow rows to fit wrapped text, so say how tall
            ws.row_dimensions[row[0].row].height = min(409, 15 * lines)


def _lines_needed(text: str, width: float) -> int:
    """Roughly how many lines a wrapped cell needs at its column width."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _where(row: Row) -> str:
    return str(row.provenance)


TIMELINE_HEADINGS = [("ID", 8), ("Date", 11), ("Time", 6), ("Date as written", 10), ("Approximate", 6),
                     ("Significant event", 45), ("Agency", 16), ("Who was involved", 18),
                     ("Decisions/actions/outcome", 34), ("Child seen", 8), ("Child seen: detail", 18),
                     ("Comments", 26), ("Categories", 12), ("Check", 20), ("Confidential", 7),
                     ("Source", 24), ("Account", 12), ("Other columns", 18)]


def _check_text(event) -> str:
    parts = []
    for name, values in event.conflicts.items():
        if name == "date":
            values = [format_iso_label(v) for v in values]
        parts.append(f"accounts differ on {name.replace('_', ' ')}: {' | '.join(values)}")
    if event.needs_review:
        parts.append("may be the same event as another entry")
    return "; ".join(parts)


def _timeline(wb, chron: Chronology, mark: str, note: str) -> None:
    """One row per agency's account: the lead account of each event first,
    the other agencies' own accounts beneath it with the same ID."""
    headings = TIMELINE_HEADINGS + ([("Child", 14)] if chron.children else [])
    ws = _sheet(wb, "Timeline", headings, note, mark, first=True)
    first_names = {c.id: c.first_name for c in chron.children}
    styles = Styles(ws)
    colours = agency_colours(chronology_agencies(chron))
    row = FIRST_DATA_ROW - 1
    for event in sorted_events(chron.events):
        check = _check_text(event)
        shown = accounts(event)
        for account in shown or [None]:
            row += 1
            r = account.row if account else None
            if r is None or account.lead:
                date, precision = event.date, event.precision
                written = ("; ".join(dict.fromkeys(x.date_text for x in event.sources if x.date_text))
                           or format_event_date(event, with_time=False))
                event_fields = [", ".join(category_name(c) for c in event.categories), check,
                                "yes" if event.confidential else ""]
                role = "lead account" + (f" (of {len(shown)})" if len(shown) > 1 else "")
            else:
                date, precision = r.date, r.precision
                written = r.date_text or format_row_date(r, with_time=False)
                event_fields = ["", "", "yes" if r.confidential else ""]
                role = f"also recorded by {r.agency}"
            if r is None:
                texts = [event.event, "\n".join(event.agencies), event.who, event.outcome, event.child_seen,
                         event.seen_text, event.comments]
                source = "\n".join(_where(x) for x in event.sources)
            else:
                text = event.event if account.lead else r.event
                texts = [text, r.agency, r.who, r.outcome, r.child_seen, r.seen_text, r.comments]
                source = _where(r)
            approximate = event.approximate if (r is None or account.lead) else r.approximate
            other = "\n".join(f"{k}: {v}" for k, v in (r.extra if r is not None else {}).items() if v)
            values: list[Any] = [event.id, date, (r.time if r is not None else event.time) or "", written,
                                 "yes" if approximate else "", *texts, *event_fields, source, role, other]
            if chron.children:  # a family: which children this account is about (filterable)
                ids = (r.children if r is not None else event.children) or list(first_names)
                values.append(", ".join(first_names[c] for c in ids if c in first_names))
            fill = colours.get(r.agency if r is not None else (event.agencies[0] if event.agencies else ""))
            for column, value in enumerate(values, start=1):
                put(ws, row, column, value, DATE_FORMATS.get(precision, "dd/mm/yyyy") if column == 2 else None,
                    styles, bold=(column == 14 and bool(check)), fill=fill)
    _finish(ws, len(headings), row)


def _flags(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> None:
    headings = [("ID", 7), ("Rule", 18), ("Pattern", 26), ("Severity", 8), ("From", 11), ("To", 11),
                ("Summary", 44), ("Standard", 30), ("Evidence (event IDs)", 14), ("Evidence (dates)", 22),
                ("Shown with", 10)]
    ws = _sheet(wb, "Flags", headings, note, mark)
    styles = Styles(ws)
    by_id = {e.id: e for e in chron.events}
    together: dict[str, str] = {}
    for group in flag_groups(list(chron.flags), cfg):
        for flag in group:
            together[flag.id] = ", ".join(f.id for f in group if f is not flag)
    row = FIRST_DATA_ROW - 1
    for flag in chron.flags:
        row += 1
        dates = "; ".join(format_event_date(by_id[i], with_time=False) for i in flag.events if i in by_id)
        values = [flag.id, flag.rule, rule_name(flag.rule, cfg), flag.severity, flag.start, flag.end, flag.summary,
                  rule_standard(flag.rule, cfg), ", ".join(flag.events), dates, together.get(flag.id, "")]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, "dd/mm/yyyy", styles)
    _finish(ws, len(headings), row)


def _seen(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("Date", 11), ("Time", 6), ("Seen by", 26), ("Seen alone?", 10),
                ("Who else was present", 30), ("Detail", 50), ("Event", 8)]
    if chron.children:  # a family: one row per child seen, with a filterable Child column
        headings = [("Child", 14)] + headings
    ws = _sheet(wb, "Child seen", headings, note, mark)
    styles = Styles(ws)
    by_id = {e.id: e for e in chron.events}
    row = FIRST_DATA_ROW - 1
    visits = ([(kid, v) for kid in chron.children for v in seen_visits(sorted_events(chron.events), kid)]
              if chron.children else [(None, v) for v in seen_visits(sorted_events(chron.events))])
    for kid, visit in visits:
        event = by_id.get(visit_field(visit, "event"))
        by = seen_by(event) if event is not None else list(visit_field(visit, "agencies") or [])
        if event is not None and not by:
            continue
        row += 1
        alone = visit_field(visit, "alone")
        values = [visit_field(visit, "date"), visit_field(visit, "time") or "", ", ".join(by),
                  {True: "yes", False: "no"}.get(alone, "not recorded"),
                  present_for(event, visit_field(visit, "present") or "", (kid or chron.child).name),
                  visit_field(visit, "detail") or "", visit_field(visit, "event") or ""]
        if kid is not None:
            values.insert(0, kid.name)
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, "dd/mm/yyyy", styles)
    _finish(ws, len(headings), row)


def _changes(wb, chron: Chronology, mark: str, note: str) -> None:
    """What changed since the last merge: new, edited (before and after) and
    vanished entries, each with its agency and file."""
    headings = [("Change", 10), ("ID", 8), ("Date", 12), ("Agency", 18), ("Before", 45),
                ("After / entry", 45), ("File", 40)]
    ws = _sheet(wb, "Changes", headings, note, mark)
    styles = Styles(ws)
    by_id = {e.id: e for e in chron.events}
    rows: list[list[Any]] = []
    for event_id in chron.changes.new_events:
        event = by_id.get(event_id)
        if event is not None:
            rows.append(["new", event_id, format_event_date(event, with_time=False), ", ".join(event.agencies),
                         "", event.event, "\n".join(dict.fromkeys(r.provenance.file for r in event.sources))])
    for edit in edits(chron):
        rows.append(["edited", edit.event.id, format_event_date(edit.event, with_time=False), edit.agency,
                     _account_text(edit.before), _account_text(edit.after), edit.after.provenance.file])
    for edit in earlier_versions(chron):
        rows.append(["earlier wording", edit.event.id, format_event_date(edit.event, with_time=False), edit.agency,
                     _account_text(edit.before), _account_text(edit.after), edit.before.provenance.file])
    for item in chron.changes.vanished:
        rows.append(["vanished", str(item.get("event", "")), vanished_date(item), str(item.get("agency", "")),
                     "", "\n".join(vanished_lines(item, chron)), f"{item.get('file', '')}, row {item.get('row', '')}"])
    row = FIRST_DATA_ROW - 1
    for values in rows:
        row += 1
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, None, styles, bold=(column == 1 and value == "vanished"))
    _finish(ws, len(headings), row)


def _account_text(row: Row) -> str:
    lines = [row.event]
    for label, value in (("Who", row.who), ("Outcome", row.outcome), ("Comments", row.comments)):
        if value:
            lines.append(f"{label}: {value}")
    return "\n".join(lines)


REVIEW_HEADINGS = [("fingerprint", 18), ("decision", 11), ("score", 7), ("why they may match", 24),
                   ("first: where", 26), ("first: agency", 16), ("first: date as written", 12),
                   ("first: significant event", 45), ("second: where", 26), ("second: agency", 16),
                   ("second: date as written", 12), ("second: significant event", 45)]


def _review(wb, chron: Chronology, mark: str, note: str) -> None:
    """Header in row 1, fingerprint and decision first: saved as CSV this is
    the decisions file ``chrono.merge.review`` reads."""
    ws = _sheet(wb, "Review", REVIEW_HEADINGS, None, mark)
    styles = Styles(ws)
    row = 1
    for item in chron.review:
        row += 1
        values = [item.fingerprint, item.decision, round(item.score, 3), item.reason,
                  _where(item.left), item.left.agency, item.left.date_text or format_day(item.left.date),
                  item.left.event, _where(item.right), item.right.agency,
                  item.right.date_text or format_day(item.right.date), item.right.event]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, None, styles)
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
    styles = Styles(ws)
    row = FIRST_DATA_ROW - 1
    formats = {6: "dd/mm/yyyy", 7: COUNT_FORMAT, 8: COUNT_FORMAT}
    for report in chron.files:
        row += 1
        values = [report.file, report.status, report.agency, report.author, report.format, report.submitted,
                  report.rows_read, report.rows_rejected, report.sha256, "\n".join(report.problems),
                  "\n".join(report.warnings)]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value if value is not None else "", formats.get(column), styles)
    _finish(ws, len(headings), row)


def _rejected(wb, chron: Chronology, mark: str, note: str) -> None:
    headings = [("File", 32), ("Table/sheet", 12), ("Row", 7), ("Why it was not used", 45),
                ("Cells as written", 80)]
    ws = _sheet(wb, "Rejected", headings, note, mark)
    styles = Styles(ws)
    row = FIRST_DATA_ROW - 1
    for item in chron.rejected:
        row += 1
        raw = "\n".join(f"{k}: {v}" for k, v in item.raw.items())
        values = [item.provenance.file, str(item.provenance.table), item.provenance.row, item.reason, raw]
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value, COUNT_FORMAT if column == 3 else None, styles)
    _finish(ws, len(headings), row)


def build_workbook(chron: Chronology, cfg: Config) -> Workbook:
    """The workbook in memory."""
    mark = marking_of(cfg)
    name = chron.child.name or "(child not named)"
    dob = f" (DOB {format_day(chron.child.dob)})" if chron.child.dob else ""
    if chron.children:  # a family chronology names every child
        name, dob = ", ".join(c.name for c in chron.children), ""
    note = (f"{mark}. Multi-agency chronology for {name}{dob}, produced {format_day(produced_on(chron))}. "
            "Not to be passed on without the conference chair's consent or a court order.")
    wb = Workbook()
    _timeline(wb, chron, mark, note)
    _flags(wb, chron, mark, note, cfg)
    _seen(wb, chron, mark, note)
    _changes(wb, chron, mark, note)
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


