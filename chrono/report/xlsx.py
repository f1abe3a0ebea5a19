"""The working workbook (Excel): the merged timeline to sort and filter, the
flags, when the child was seen, the pairs awaiting a decision, and the fate of
every file and row.

Entry text is written as text, never as a formula: a submission whose text
begins with ``=``, ``+``, ``-`` or ``@`` must not run anything when a key
worker opens the workbook (CSV/formula injection).
"""

from __future__ import annotations

import contextlib
import io
import secrets
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.compat import safe_string
from openpyxl.utils.datetime import to_excel
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
    rewrite_package,
    save_atomically,
    seen_visits,
    sorted_events,
    visit_field,
)

HEADER_ROW = 2
DATE_FORMATS = {"day": "dd/mm/yyyy", "month": "mmmm yyyy", "year": "yyyy"}
COUNT_FORMAT = "0"
DECISIONS = ("same", "different")
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_TINT = "D9D9D9"

#: Printable width of a landscape page in Excel column-width units (characters
#: of the default font at 100 %), and the smallest scale still readable when a
#: sheet is fitted to the page width.
PAGE_CHARACTERS = {"A4": 145, "A3": 210}
READABLE_SCALE = 0.7


def safe_text(value: Any) -> str:
    """Text a cell can hold: control characters Excel refuses are removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", "" if value is None else str(value))


#: A text starting with one of these would be read as a formula if edited in Excel: it keeps
#: Excel's quote prefix, so it stays text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on the characters of a cell (openpyxl cuts a longer text there too).
_CELL_CHARACTERS = 32767
#: Row XML written to a sheet's spool file at a time.
_SPOOL_CHUNK = 1 << 20
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


class Sheet:
    """One sheet's rows, written as they are made: a huge case's workbook is never in memory.

    openpyxl (in its write-only mode) writes the sheet itself: column widths, frozen
    header, printing, filter, validation, and the styles every cell refers to. The rows'
    cells are written here, as the SpreadsheetML openpyxl writes for them (``<c>`` with
    an inline string, or a ``<v>`` number), into a spool file; :meth:`SheetsWorkbook.save` puts
    them in the saved sheet. openpyxl's own cell by cell writing (a cell object, its style
    looked up and hashed, a few XML elements per cell) was most of the workbook's time.

    Each cell's style is made once per kind (bold, fill, number format, quote prefix)
    and registered with the workbook in the order cells first use it, as openpyxl
    registers them when it writes cells; each row's height is worked out as it is
    written."""

    def __init__(self, ws: Worksheet, widths: list[float], header_row: int):
        self.ws = ws
        self.widths = widths
        #: characters a line holds in each column (see _lines_needed)
        self.per_line = [_characters_per_line(width) for width in widths]
        self.letters = [get_column_letter(column) for column in range(1, len(widths) + 1)]
        self.header_row = header_row
        self.last_row = 0
        self.last_column = 1
        self._styles: dict[tuple, int] = {}
        self._spool: IO[bytes] = tempfile.TemporaryFile(prefix="chrono-sheet-")
        self._pending: list[str] = []
        self._pending_size = 0
        #: the text standing in the saved sheet where the rows go
        self.marker = f"chrono-rows-{secrets.token_hex(8)}"
        #: how many styles were made (a handful per sheet, whatever its length)
        self.styles_built = 0

    def style(self, bold: bool = False, fill: str | None = None, number_format: str | None = None,
              quote: bool = False, wrap: bool = True) -> int:
        """The workbook's number for a cell style (made and registered on first use)."""
        key = (bold, fill, number_format, quote, wrap)
        style = self._styles.get(key)
        if style is None:
            scratch = Cell(self.ws, row=1, column=1)
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
            style = self._styles[key] = scratch.style_id
            self.styles_built += 1
        return style

    def add(self, values: list[Any], formats: dict[int, str] | str | None = None, bold: Iterable[int] = (),
            fill: str | None = None, wrap: bool = True, sized: bool = True) -> None:
        """Append a row. Strings always as literal text (never a formula); ``formats`` is the
        number format of the non-text values (one for all, or by column number); ``bold`` the
        column numbers in bold; ``sized``: the row is made tall enough for its wrapped text."""
        self.last_row = row = self.last_row + 1
        per_line = self.per_line if sized else ()
        letters = self.letters
        cells = []
        lines = 1
        plain = None  # the style of this row's ordinary text cells
        for column, value in enumerate(values, start=1):
            ref = f"{letters[column - 1] if column <= len(letters) else get_column_letter(column)}{row}"
            if isinstance(value, str) or value is None:
                text = safe_text(value)[:_CELL_CHARACTERS] if value else ""
                quote = text[:1] in _FORMULA_STARTS  # as text, whatever it starts with
                if quote or column in bold:
                    style = self.style(column in bold, fill, None, quote, wrap)
                else:
                    if plain is None:
                        plain = self.style(False, fill, None, False, wrap)
                    style = plain
                if not text:
                    cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"></c>')
                    continue
                space = ' xml:space="preserve"' if text != text.strip() else ""
                cells.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>'
                             f"{text.translate(_XML_TEXT)}</t></is></c>")
                if column <= len(per_line) and (len(text) > per_line[column - 1] or "\n" in text):
                    lines = max(lines, _lines_needed(text, self.widths[column - 1]))
            else:
                cells.append(self._value_xml(ref, value, formats, column, bold, fill, wrap))
        self.last_column = max(self.last_column, len(values))
        # LibreOffice does not grow rows to fit wrapped text, so say how tall
        height = f' ht="{safe_string(float(min(409, 15 * lines)))}" customHeight="1"' if lines > 1 else ""
        self._write(f'<row r="{row}"{height}>{"".join(cells)}</row>')

    def _value_xml(self, ref: str, value: Any, formats, column: int, bold, fill, wrap) -> str:
        """A number or date cell, as openpyxl writes it (a date as Excel's day number)."""
        scratch = Cell(self.ws, row=1, column=1)
        scratch.value = value  # openpyxl's reading of the value (and the date format it registers)
        kind, value = scratch.data_type, scratch._value
        if kind not in ("n", "d", "b"):
            raise TypeError(f"a workbook cell cannot hold {type(value).__name__}")
        if kind == "d":
            if getattr(value, "tzinfo", None) is not None:
                raise TypeError("Excel does not support timezones in datetimes")
            kind, value = "n", to_excel(value, self.ws.parent.epoch)
        number_format = formats.get(column) if isinstance(formats, dict) else formats
        style = self.style(column in bold, fill, number_format, False, wrap)
        if value is None or value == "":
            return f'<c r="{ref}" s="{style}" t="{kind}"></c>'
        return f'<c r="{ref}" s="{style}" t="{kind}"><v>{safe_string(value)}</v></c>'

    def _write(self, row_xml: str) -> None:
        self._pending.append(row_xml)
        self._pending_size += len(row_xml)
        if self._pending_size >= _SPOOL_CHUNK:
            self._flush()

    def _flush(self) -> None:
        # non-ASCII as character references, as openpyxl writes its sheets
        self._spool.write("".join(self._pending).encode("ascii", "xmlcharrefreplace"))
        self._pending, self._pending_size = [], 0

    def finish(self) -> None:
        """The filter over the header and every row written; the marker where the rows go."""
        last = get_column_letter(len(self.widths))
        self.ws.auto_filter.ref = f"A{self.header_row}:{last}{max(self.last_row, self.header_row)}"
        if self.last_row == self.header_row:
            # no data: the row below the header is there empty, as in a sheet openpyxl held
            # in memory (freezing the panes there made it), so the sheet reads the same
            self.last_row += 1
            self._write(f'<row r="{self.last_row}"></row>')
        self._flush()
        self.ws.append([self.marker])

    def dimension(self) -> str:
        """The cells the sheet covers, as openpyxl states them for a sheet held in memory."""
        return f"A1:{get_column_letter(self.last_column)}{max(self.last_row, 1)}"

    def splice(self, sheet_xml: bytes, out: IO[bytes]) -> None:
        """Write ``sheet_xml`` (as openpyxl saved it, the marker row for the rows) with the
        rows in place of the marker row and the sheet's dimension stated."""
        marker = f"<t>{self.marker}</t>".encode()
        at = sheet_xml.index(marker)
        start = sheet_xml.rindex(b"<row ", 0, at)
        end = sheet_xml.index(b"</row>", at) + len(b"</row>")
        head = sheet_xml[:start]
        if b"<dimension " not in head:
            head = head.replace(b"<sheetViews>", f'<dimension ref="{self.dimension()}"/><sheetViews>'.encode(), 1)
        out.write(head)
        self._spool.seek(0)
        shutil.copyfileobj(self._spool, out, _SPOOL_CHUNK)
        out.write(sheet_xml[end:])

    def close(self) -> None:
        self._spool.close()


def _sheet(wb: Workbook, title: str, headings: list[tuple[str, float]], note: str | None, mark: str) -> Sheet:
    """A sheet with the marking note in row 1, a frozen filterable header in
    row 2, and the marking in the printed header and footer. Without a note
    the header is row 1 (so the sheet saved as CSV reads as a plain table)."""
    ws = wb.create_sheet(title)
    header_row = HEADER_ROW if note else 1
    for column, (_, width) in enumerate(headings, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = f"A{header_row + 1}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    print_layout(ws, sum(width for _, width in headings))
    ws.oddHeader.center.text = mark
    ws.oddHeader.center.font = "Arial,Bold"
    ws.oddHeader.right.text = title
    ws.oddFooter.center.text = f"{mark}   Page &P of &N"
    ws.evenHeader.center.text = mark
    ws.evenFooter.center.text = f"{mark}   Page &P of &N"
    sheet = Sheet(ws, [width for _, width in headings], header_row)
    if note:
        sheet.add([note], bold=(1,), wrap=False, sized=False)
    sheet.add([name for name, _ in headings], bold=range(1, len(headings) + 1), fill=_HEADER_TINT)
    return sheet


def print_layout(ws: Worksheet, width: float) -> str:
    """Landscape A4, or A3 for a sheet too wide to read on A4; fitted to the
    page width only while the text stays readable (>= 70 %), else printed
    across pages at full size. Returns the paper chosen."""
    ws.page_setup.orientation = "landscape"
    if width <= PAGE_CHARACTERS["A4"] / READABLE_SCALE:
        paper, fits = "A4", True
    else:
        paper, fits = "A3", width <= PAGE_CHARACTERS["A3"] / READABLE_SCALE
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4 if paper == "A4" else Worksheet.PAPERSIZE_A3
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = fits
    ws.page_margins.left = ws.page_margins.right = 0.4
    return paper


def _characters_per_line(width: float) -> int:
    return max(1, int(width * 1.1))


def _lines_needed(text: str, width: float) -> int:
    """Roughly how many lines a wrapped cell needs at its column width."""
    per_line = _characters_per_line(width)
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


def _timeline(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    """One row per agency's account: the lead account of each event first,
    the other agencies' own accounts beneath it with the same ID."""
    headings = TIMELINE_HEADINGS + ([("Child", 14)] if chron.children else [])
    sheet = _sheet(wb, "Timeline", headings, note, mark)
    first_names = {c.id: c.first_name for c in chron.children}
    colours = agency_colours(chronology_agencies(chron))
    for event in sorted_events(chron.events):
        check = _check_text(event)
        bold = (14,) if check else ()
        shown = accounts(event)
        for account in shown or [None]:
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
            sheet.add(values, {2: DATE_FORMATS.get(precision, "dd/mm/yyyy")}, bold=bold, fill=fill)
    sheet.finish()
    return sheet


def _flags(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    headings = [("ID", 7), ("Rule", 18), ("Pattern", 26), ("Severity", 8), ("From", 11), ("To", 11),
                ("Summary", 44), ("Standard", 30), ("Evidence (event IDs)", 14), ("Evidence (dates)", 22),
                ("Shown with", 10)]
    sheet = _sheet(wb, "Flags", headings, note, mark)
    by_id = {e.id: e for e in chron.events}
    together: dict[str, str] = {}
    for group in flag_groups(list(chron.flags), cfg):
        for flag in group:
            together[flag.id] = ", ".join(f.id for f in group if f is not flag)
    for flag in chron.flags:
        dates = "; ".join(format_event_date(by_id[i], with_time=False) for i in flag.events if i in by_id)
        values = [flag.id, flag.rule, rule_name(flag.rule, cfg), flag.severity, flag.start, flag.end, flag.summary,
                  rule_standard(flag.rule, cfg), ", ".join(flag.events), dates, together.get(flag.id, "")]
        sheet.add(values, "dd/mm/yyyy")
    sheet.finish()
    return sheet


def _seen(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    headings = [("Date", 11), ("Time", 6), ("Seen by", 26), ("Seen alone?", 10),
                ("Who else was present", 30), ("Detail", 50), ("Event", 8)]
    if chron.children:  # a family: one row per child seen, with a filterable Child column
        headings = [("Child", 14)] + headings
    sheet = _sheet(wb, "Child seen", headings, note, mark)
    by_id = {e.id: e for e in chron.events}
    visits = ([(kid, v) for kid in chron.children for v in seen_visits(sorted_events(chron.events), kid)]
              if chron.children else [(None, v) for v in seen_visits(sorted_events(chron.events))])
    for kid, visit in visits:
        event = by_id.get(visit_field(visit, "event"))
        by = seen_by(event) if event is not None else list(visit_field(visit, "agencies") or [])
        if event is not None and not by:
            continue
        alone = visit_field(visit, "alone")
        values = [visit_field(visit, "date"), visit_field(visit, "time") or "", ", ".join(by),
                  {True: "yes", False: "no"}.get(alone, "not recorded"),
                  present_for(event, visit_field(visit, "present") or "", (kid or chron.child).name),
                  visit_field(visit, "detail") or "", visit_field(visit, "event") or ""]
        if kid is not None:
            values.insert(0, kid.name)
        sheet.add(values, "dd/mm/yyyy")
    sheet.finish()
    return sheet


def _changes(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    """What changed since the last merge: new, edited (before and after) and
    vanished entries, each with its agency and file."""
    headings = [("Change", 10), ("ID", 8), ("Date", 12), ("Agency", 18), ("Before", 45),
                ("After / entry", 45), ("File", 40)]
    sheet = _sheet(wb, "Changes", headings, note, mark)
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
    for values in rows:
        sheet.add(values, bold=(1,) if values[0] == "vanished" else ())
    sheet.finish()
    return sheet


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


def _review(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    """Header in row 1, fingerprint and decision first: saved as CSV this is
    the decisions file ``chrono.merge.review`` reads."""
    sheet = _sheet(wb, "Review", REVIEW_HEADINGS, None, mark)
    for item in chron.review:
        values = [item.fingerprint, item.decision, round(item.score, 3), item.reason,
                  _where(item.left), item.left.agency, item.left.date_text or format_day(item.left.date),
                  item.left.event, _where(item.right), item.right.agency,
                  item.right.date_text or format_day(item.right.date), item.right.event]
        sheet.add(values)
    validation = DataValidation(type="list", formula1='"' + ",".join(DECISIONS) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="same or different",
                                error="Type same or different (or leave blank to decide later).")
    sheet.ws.data_validations.append(validation)  # (write-only sheets have no add_data_validation)
    validation.add(f"B2:B{max(sheet.last_row, 2) + 200}")
    sheet.finish()
    return sheet


def _files(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    headings = [("File", 32), ("Status", 8), ("Agency", 20), ("Author", 20), ("Format", 8),
                ("Submitted", 12), ("Rows read", 9), ("Rows rejected", 9), ("SHA-256", 68),
                ("Problems", 45), ("Warnings", 45)]
    sheet = _sheet(wb, "Files", headings, note, mark)
    formats = {6: "dd/mm/yyyy", 7: COUNT_FORMAT, 8: COUNT_FORMAT}
    for report in chron.files:
        values = [report.file, report.status, report.agency, report.author, report.format, report.submitted,
                  report.rows_read, report.rows_rejected, report.sha256, "\n".join(report.problems),
                  "\n".join(report.warnings)]
        sheet.add(values, formats)
    sheet.finish()
    return sheet


def _rejected(wb, chron: Chronology, mark: str, note: str, cfg: Config | None = None) -> Sheet:
    headings = [("File", 32), ("Table/sheet", 12), ("Row", 7), ("Why it was not used", 45),
                ("Cells as written", 80)]
    sheet = _sheet(wb, "Rejected", headings, note, mark)
    for item in chron.rejected:
        raw = "\n".join(f"{k}: {v}" for k, v in item.raw.items())
        values = [item.provenance.file, str(item.provenance.table), item.provenance.row, item.reason, raw]
        sheet.add(values, {3: COUNT_FORMAT})
    sheet.finish()
    return sheet


@dataclass
class SheetsWorkbook:
    """A workbook being written: openpyxl's (write-only) workbook and the rows of each sheet."""

    workbook: Workbook
    sheets: list[Sheet] = field(default_factory=list)

    def save(self, path: str | Path) -> None:
        """Save once: openpyxl writes the package, then each sheet's rows go in place of its marker."""
        try:
            buffer = io.BytesIO()
            self.workbook.save(buffer)
            rewrite_package(buffer.getvalue(), Path(path),
                            {sheet.ws.path.lstrip("/"): sheet.splice for sheet in self.sheets})
        finally:
            self.close()

    def close(self) -> None:
        for sheet in self.sheets:
            sheet.close()
        for ws in self.workbook.worksheets:  # a save that failed left openpyxl's sheet writers open
            if not ws.closed:
                with contextlib.suppress(Exception):
                    ws.close()


def build_workbook(chron: Chronology, cfg: Config) -> SheetsWorkbook:
    """The workbook, each sheet's rows written as they are made (see :class:`Sheet`): save it once."""
    mark = marking_of(cfg)
    name = chron.child.name or "(child not named)"
    dob = f" (DOB {format_day(chron.child.dob)})" if chron.child.dob else ""
    if chron.children:  # a family chronology names every child
        name, dob = ", ".join(c.name for c in chron.children), ""
    note = (f"{mark}. Multi-agency chronology for {name}{dob}, produced {format_day(produced_on(chron))}. "
            "Not to be passed on without the conference chair's consent or a court order.")
    book = SheetsWorkbook(Workbook(write_only=True))
    try:
        for write in (_timeline, _flags, _seen, _changes, _review, _files, _rejected):
            book.sheets.append(write(book.workbook, chron, mark, note, cfg))
    except BaseException:
        book.close()
        raise
    props = book.workbook.properties
    props.title = f"Multi-agency chronology: {name}"
    props.subject = mark
    props.keywords = mark
    props.category = mark
    props.creator = "chrono"
    mark_output(props)  # chrono never reads its own workbook back as a submission
    return book


def write_workbook(chron: Chronology, path: Path, cfg: Config) -> None:
    """Write the working workbook (.xlsx)."""
    book = build_workbook(chron, cfg)
    save_atomically(Path(path), book.save)


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


