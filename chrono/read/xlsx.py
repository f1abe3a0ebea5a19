"""Excel submissions (.xlsx/.xlsm): one chronology per sheet that has a header row.

openpyxl in read-only mode with cached values (``data_only``: formulas are
never evaluated, macros never run; openpyxl parses with defusedxml when it is
installed). The header row may sit anywhere in a sheet's first rows under
title rows; a sheet with no header row (a cover sheet) is read for the
child's details only. Rows are numbered as Excel shows them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile

import openpyxl

from chrono.config import Config
from chrono.model import FileReport, Heading, RawRow
from chrono.read.errors import ReadRefused
from chrono.read.grid import NO_TABLE, GridRow, Limits, extract_table, find_header, record_table
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


_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?(/>|>(.*?)</(?:\w+:)?row>)", re.S)
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|t)\b[^>]*>[^<]")


def count_filled_rows(data: bytes) -> int:
    """Rows holding a value, over all sheets, counted without parsing the workbook.

    openpyxl needs two slow passes over a sheet; counting first lets a
    200,000-row workbook be refused in a second instead of half a minute.
    """
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for name in zf.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                xml = zf.read(name)
                for m in _ROW.finditer(xml):
                    body = m.group(2)
                    if body and _VALUE.search(body):
                        total += 1
    return total


def _sheet_grid(ws, limit: int) -> list[GridRow]:
    rows: list[GridRow] = []
    for n, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        values = list(values)
        while values and values[-1] is None:
            values.pop()
        rows.append(GridRow(n, [cell_text(v) for v in values], values))
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
    try:
        filled = count_filled_rows(data)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError):
        filled = 0
    if filled > limits.max_rows + search:
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
    try:
        for ws in wb.worksheets:
            try:
                ws.reset_dimensions()
            except AttributeError:
                pass
            grid = _sheet_grid(ws, limits.max_rows + search + 1000)
            hit = find_header(grid, mapper, search)
            if hit is None:
                heads.add_table(heading, [r.cells for r in grid[:200]])
                for r in grid[:200]:
                    for c in r.cells:
                        heads.add_title(heading, c)
                continue
            idx, header = hit
            got, titles = extract_table(grid, idx, header, file, ws.title, mapper, limits, already=len(rows),
                                         heads=heads)
            heads.add_table(heading, [r.cells for r in titles])
            for r in titles:
                for c in r.cells:
                    heads.add_title(heading, c)
            found_any = True
            record_table(report, ws.title, header)
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
        raise ReadRefused(NO_TABLE)
    return rows
