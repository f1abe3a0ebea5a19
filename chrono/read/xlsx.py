"""Excel submissions (.xlsx/.xlsm): one chronology per sheet that has a header row.

openpyxl in read-only mode with cached values (``data_only``: formulas are
never evaluated, macros never run; openpyxl parses with defusedxml when it is
installed). The header row may sit anywhere in a sheet's first rows under
title rows; a sheet with no header row (a cover sheet) is read for the
child's details only. Rows are numbered as Excel shows them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import re
import warnings
import zipfile

import openpyxl

from chrono.config import Config
from chrono.model import FileReport, Heading, RawRow
from chrono.read.budget import Budget
from chrono.read.errors import ReadRefused
from chrono.read.grid import GridRow, Limits, extract_table, find_header, no_table_message, record_table
from chrono.read.headers import ColumnMapper, HeadingReader


def cell_text(value) -> str:
    """A cell value as a person would read it in Excel."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


#: a row's start or end tag; ``[^<>]`` keeps every match inside one tag, so the scan is linear
_ROW_TAG = re.compile(rb"<(/?)(?:\w+:)?row\b[^<>]*?(/?)>")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)\b[^<>]*>[^<]")
#: a cell in column AA or beyond (one-letter columns are never too wide), and how its tag ends
_WIDE_CELL = re.compile(rb"<(?:\w+:)?c\b[^<>]*?\br=\"([A-Z]{2,3})[0-9]+\"[^<>]*?(/?)>")


def _filled_in(xml: bytes) -> int:
    """Rows of one sheet's XML holding a value (exact; ``xml.count(b"row")`` is a cheap upper bound).

    One pass over the row tags, each row's body searched once: linear in the
    sheet's size however its rows are written (200,000 unclosed ``<row>``
    tags once made a regex quadratic).
    """
    total = 0
    start = None  # where the open row's body begins
    for m in _ROW_TAG.finditer(xml):
        closing, empty = m.group(1), m.group(2)
        if start is not None and _VALUE.search(xml, start, m.start()):
            total += 1
        start = None if (closing or empty) else m.end()
    if start is not None and _VALUE.search(xml, start):
        total += 1
    return total


def _widest(xml: bytes) -> tuple[int, int]:
    """(widest column any cell names, widest column holding something), over columns AA and beyond."""
    widest = filled = 0
    for m in _WIDE_CELL.finditer(xml):
        col = _col_index(m.group(1))
        widest = max(widest, col)
        if not m.group(2) and not xml.startswith(b"</", m.end()):
            filled = max(filled, col)
    return widest, filled


def scan_sheets(data: bytes, above: int = -1) -> tuple[int, dict[str, list[tuple[int, int, int]]]]:
    """(rows holding a value over all sheets, vertical merges by sheet path), without parsing the workbook.

    openpyxl needs two slow passes over a sheet; counting first lets a
    200,000-row workbook be refused in a second instead of half a minute.
    The count is exact only when it matters: a sheet whose cheap upper bound
    already keeps the total within ``above`` is counted by that bound.
    """
    total, merges, _ = scan_workbook(data, above)
    return total, merges


def scan_workbook(data: bytes, above: int = -1) -> tuple[int, dict[str, list[tuple[int, int, int]]], dict[str, tuple[int, int]]]:
    """:func:`scan_sheets` plus each sheet's (widest column named, widest column filled)."""
    total = 0
    merges: dict[str, list[tuple[int, int, int]]] = {}
    widths: dict[str, tuple[int, int]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name)
                bound = xml.count(b"row")
                total += bound if 0 <= above and total + bound <= above else _filled_in(xml)
                merges[name] = _merges_in(xml)
                widths[name] = _widest(xml)
    return total, merges, widths


def count_filled_rows(data: bytes) -> int:
    """Rows holding a value, over all sheets (exact)."""
    return scan_sheets(data)[0]


_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")


def _col_index(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + (ord(ch) - 64)
    return n


def _merges_in(xml: bytes) -> list[tuple[int, int, int]]:
    out = []
    if b"mergeCell" not in xml:
        return out
    for m in _MERGE.finditer(xml):
        c1, r1, r2 = _col_index(m.group(1)), int(m.group(2)), int(m.group(4))
        if r2 > r1:
            out.append((c1, r1, r2))
    return out


def vertical_merges(data: bytes, sheet_path: str) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of each cell merged down over several rows.

    Read-only openpyxl does not report merged cells, so the sheet's XML is
    scanned for them; the value of such a cell belongs to every row it spans
    (a date written once for two entries), as Word's vertical merges do.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return _merges_in(zf.read(sheet_path.lstrip("/")))


def _fill_merges(rows: list[GridRow], merges: list[tuple[int, int, int]], budget: Budget | None = None) -> None:
    """Copy each vertically merged cell's value into the rows it spans.

    Only rows the sheet has are visited (a merge down to row 1,048,576 over
    ten rows costs ten steps), and every copy is charged to ``budget``.
    """
    numbers = [r.number for r in rows]
    ordered = numbers == sorted(numbers)
    by_number = {r.number: r for r in rows}
    for col, first, last in merges:
        top = by_number.get(first)
        if top is None or col > len(top.cells) or not top.cells[col - 1].strip():
            continue
        if ordered:
            lo, hi = bisect.bisect_right(numbers, first), bisect.bisect_right(numbers, last)
            spanned = rows[lo:hi]
        else:
            spanned = [by_number[n] for n in sorted(by_number) if first < n <= last]
        if budget is not None:
            budget.merge(len(spanned))
            budget.width(col, "a merged cell")
        for row in spanned:
            while len(row.cells) < col:
                row.cells.append("")
                if row.values is not None:
                    row.values.append(None)
            if not row.cells[col - 1].strip():
                row.cells[col - 1] = top.cells[col - 1]
                if row.values is not None and top.values is not None and col - 1 < len(top.values):
                    while len(row.values) < col:
                        row.values.append(None)
                    row.values[col - 1] = top.values[col - 1]


def _sheet_grid(ws, limit: int, budget: Budget | None = None, max_col: int | None = None) -> list[GridRow]:
    """The sheet's rows as Excel numbers them, every one (blank ones too) charged to ``budget``.

    ``max_col`` caps the width openpyxl pads each row to (a styled empty cell
    at column XFD must not make every row 16,384 cells wide).
    """
    rows: list[GridRow] = []
    for n, values in enumerate(ws.iter_rows(min_row=1, max_col=max_col, values_only=True), start=1):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        if budget is not None:
            budget.row(len(values), f"sheet '{ws.title}' row {n}")
        rows.append(GridRow(n, [v if type(v) is str else cell_text(v) for v in values], values))
        if n > limit:
            raise ReadRefused(
                f"a sheet has more than {limit:,} rows: refused rather than read in part "
                "(limits.max_rows_per_file). Raise the limit in chrono.toml if it is genuine."
            )
    while rows and rows[-1].is_blank():
        rows.pop()
    return rows


def read_xlsx(data: bytes, file: str, cfg: Config, report: FileReport) -> list[RawRow]:
    """Data rows of every chronology sheet; fills the report's heading and columns."""
    limits = Limits.from_cfg(cfg)
    search = int(cfg.section("columns").get("header_search_rows_sheet", 15))
    cap = limits.max_rows + search
    budget = Budget.from_cfg(cfg)
    try:
        filled, merges, widths = scan_workbook(data, above=cap)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        filled, merges, widths = 0, None, {}
    for _name, (_named, full) in sorted(widths.items()):
        budget.width(full, "a sheet")
    if filled > cap:
        raise ReadRefused(
            f"about {filled:,} rows with values, above limits.max_rows_per_file ({limits.max_rows:,}): "
            "refused rather than read in part. Split the file, or raise the limit in chrono.toml if it is genuine."
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError) as exc:
        raise ReadRefused(
            f"not an Excel workbook that can be read ({type(exc).__name__}): open it in Excel and Save As .xlsx"
        )
    mapper = ColumnMapper(cfg)
    heads = HeadingReader(cfg)
    heading = Heading()
    rows: list[RawRow] = []
    found_any = False
    headless: list[list[GridRow]] = []  # the first rows of sheets with no header row, to explain a refusal
    try:
        for ws in wb.worksheets:
            try:
                ws.reset_dimensions()
            except AttributeError:
                pass
            path = getattr(ws, "_worksheet_path", "").lstrip("/")
            named = widths.get(path, (0, 0))[0] if widths else budget.max_columns + 1
            grid = _sheet_grid(ws, limits.max_rows + search + 1000, budget,
                               max_col=budget.max_columns + 1 if named > budget.max_columns else None)
            try:
                _fill_merges(grid, merges[path] if merges is not None and path in merges
                             else vertical_merges(data, path), budget)
            except (AttributeError, KeyError, zipfile.BadZipFile, ValueError):
                pass  # merges unknown: the rows are still read, the merged cell only once
            hit = find_header(grid, mapper, search, heads)
            if hit is None:
                if len(headless) < 20:
                    headless.append(grid[: search * 2])
                heads.add_table(heading, [r.cells for r in grid[:200]])
                for r in grid[:200]:
                    for c in r.cells:
                        heads.add_title(heading, c)
                continue
            idx, header = hit
            got, titles = extract_table(grid, idx, header, file, ws.title, mapper, limits, already=len(rows),
                                         heads=heads, place=f"sheet '{ws.title}'")
            heads.add_table(heading, [r.cells for r in titles])
            for r in titles:
                for c in r.cells:
                    heads.add_title(heading, c)
            found_any = True
            record_table(report, ws.title, header, got)
            rows.extend(got.rows)
            report.warnings.extend(got.warnings)
    finally:
        try:
            wb.close()
        except Exception:
            pass
    try:
        heads.add_creator(heading, wb.properties.creator)
    except Exception:
        pass
    report.heading = heading
    if not found_any:
        raise ReadRefused(no_table_message(headless, mapper, search))
    return rows
