"""From a grid of cell texts to data rows: the part every format shares.

A Word table, an Excel sheet and a CSV file all become a list of
:class:`GridRow` (the row number a person would use to find it, its cell
texts, and for Excel the raw cell values). This module finds the header row,
skips title, blank and repeated header rows, and turns every other row into a
:class:`~chrono.model.RawRow` -- even when its date is garbage, so that
nothing is lost between reading and normalising.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Union

from chrono.model import Provenance, RawRow
from chrono.read.errors import ReadRefused
from chrono.model import Heading
from chrono.read.headers import _DATA_LIKE, ColumnMapper, HeaderMap, HeadingReader, norm

# Excel serial numbers for 1 Jan 1900 .. 31 Dec 2099 (an integer 1900..2100 is a year)
_SERIAL_MIN, _SERIAL_MAX = 367.0, 73415.0


@dataclass
class GridRow:
    """One row of a table: its provenance row number, texts and raw values."""

    number: int
    cells: list[str]
    values: list[Any] | None = None

    def is_blank(self) -> bool:
        return not any(c.strip() for c in self.cells)


@dataclass
class Limits:
    """The reading limits of ``limits.toml`` that apply per row and cell."""

    max_rows: int
    max_cell_chars: int

    @classmethod
    def from_cfg(cls, cfg) -> "Limits":
        return cls(int(cfg.limit("max_rows_per_file")), int(cfg.limit("max_cell_chars")))


@dataclass
class TableRows:
    """What :func:`extract_rows` found in one table."""

    rows: list[RawRow] = field(default_factory=list)
    repeated_headers: list[int] = field(default_factory=list)
    blank: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def find_header(rows: list[GridRow], mapper: ColumnMapper, search: int) -> tuple[int, HeaderMap] | None:
    """Index (in ``rows``) and mapping of the first header row among the first ``search`` non-blank rows."""
    seen = 0
    for i, row in enumerate(rows):
        if row.is_blank():
            continue
        seen += 1
        if seen > search:
            break
        hm = mapper.header(row.cells)
        if hm is not None:
            return i, hm
    return None


def _is_repeated_header(row: GridRow, header: HeaderMap, mapper: ColumnMapper) -> bool:
    """The header written again mid-table (a page break in Word, a pasted block)."""
    texts = [norm(c) if len(c) <= mapper.max_chars else "\x00" for c in row.cells]
    heads = [norm(h) for h in header.headings]
    filled = [(i, t) for i, t in enumerate(texts) if t]
    if len(filled) >= 2 and all(i < len(heads) and heads[i] == t for i, t in filled):
        return True
    # full (fuzzy) mapping only for rows with at least two exact headings: keeps big files fast
    if sum(1 for t in texts if mapper.is_known_heading(t)) < 2:
        return False
    return mapper.header(row.cells) is not None


def column_keys(headings: list[str]) -> list[str]:
    """Unique keys for ``cells``: the heading as written; blanks become 'Column N'."""
    keys: list[str] = []
    used: set[str] = set()
    for i, h in enumerate(headings):
        key = " ".join(h.split()) or f"Column {i + 1}"
        base, n = key, 2
        while key in used:
            key = f"{base} ({n})"
            n += 1
        used.add(key)
        keys.append(key)
    return keys


def _date_value(value: Any) -> dt.datetime | dt.date | float | None:
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        if v.is_integer() and 1900 <= v <= 2100:
            return None  # a year typed as a number, not a serial
        if _SERIAL_MIN <= v <= _SERIAL_MAX:
            return v
    return None


def extract_rows(
    rows: list[GridRow],
    header: HeaderMap | None,
    file: str,
    table: Union[int, str],
    mapper: ColumnMapper,
    limits: Limits,
    start: int = 0,
    already: int = 0,
) -> TableRows:
    """Data rows of ``rows[start:]`` under ``header``.

    Blank rows and repeated header rows are skipped; every other row is data.
    ``already`` counts the data rows of the file read so far, for the row cap
    (exceeding it refuses the file rather than silently dropping rows).
    """
    out = TableRows()
    if header is None:
        return out
    width = max([len(header.headings)] + [len(r.cells) for r in rows[start:]])
    headings = header.headings + [""] * (width - len(header.headings))
    keys = column_keys(headings)
    for row in rows[start:]:
        if row.is_blank():
            out.blank.append(row.number)
            continue
        if _is_repeated_header(row, header, mapper):
            out.repeated_headers.append(row.number)
            continue
        if already + len(out.rows) >= limits.max_rows:
            raise ReadRefused(
                f"more than {limits.max_rows} data rows: refused rather than read in part. "
                "Split the file, or raise limits.max_rows_per_file in chrono.toml if it is genuine."
            )
        texts = list(row.cells) + [""] * (width - len(row.cells))
        for i, t in enumerate(texts):
            if len(t) >= limits.max_cell_chars:
                # >=: openpyxl itself silently cuts a cell at Excel's 32,767 characters
                texts[i] = t[: limits.max_cell_chars]
                out.warnings.append(
                    f"table {table}, row {row.number}: column '{keys[i]}' reached the "
                    f"{limits.max_cell_chars:,}-character limit (limits.max_cell_chars); "
                    "only that much was kept, so check the original for the rest"
                )
        cells = {keys[i]: texts[i].strip() for i in range(width) if texts[i].strip() or headings[i].strip()}
        fields = {role: texts[i].strip() for role, i in header.roles.items()}
        date_value = None
        if row.values is not None and "date" in header.roles:
            i = header.roles["date"]
            if i < len(row.values):
                date_value = _date_value(row.values[i])
        out.rows.append(RawRow(Provenance(file, table, row.number), cells, fields, date_value))
    return out


def is_data_like(row: GridRow, heads: HeadingReader | None = None, continuing: bool = False) -> bool:
    """Three or more different filled cells, one holding a date, none a heading key
    (``Name | X | DOB | Y`` is the child's details): an entry, not a title.

    ``continuing``: the table continues a chronology table, so any row of two
    or more filled cells is an entry (its date may be garbage, e.g. 'TBC').
    """
    filled = {c.strip() for c in row.cells if c.strip()}
    if continuing:
        if len(filled) < 2:
            return False
    elif len(filled) < 3 or not any(_DATA_LIKE.search(c) for c in filled):
        return False
    if heads is not None and any(heads.field_for(c) or heads.add_line(Heading(), c) for c in filled):
        return False
    return True


def extract_table(rows: list[GridRow], idx: int, header: HeaderMap, file: str, table: Union[int, str],
                  mapper: ColumnMapper, limits: Limits, already: int = 0,
                  heads: HeadingReader | None = None,
                  continuing: bool = False) -> tuple[TableRows, list[GridRow]]:
    """Data rows of a table whose header is ``rows[idx]``, and its title rows.

    Rows above the header are titles (or the child's details) unless they read
    as entries -- the end of a table split before a repeated header -- which
    are data under the same mapping, so that nothing is lost.
    """
    above = rows[:idx]
    data_above = [r for r in above if is_data_like(r, heads, continuing)]
    titles = [r for r in above if r not in data_above]
    got = extract_rows(data_above, header, file, table, mapper, limits, already=already) if data_above else TableRows()
    below = extract_rows(rows, header, file, table, mapper, limits, start=idx + 1, already=already + len(got.rows))
    got.rows.extend(below.rows)
    got.repeated_headers.extend(below.repeated_headers)
    got.blank.extend(below.blank)
    got.warnings.extend(below.warnings)
    return got, titles


NO_TABLE = (
    "no chronology table found: expected a table with a header row such as "
    "Date | Significant Event | Professional/Agency | ... (check it is the chronology, not a covering letter)"
)


def record_table(report, key: Union[int, str], header: HeaderMap) -> None:
    """Note the mapping used for one table in the file's report."""
    report.columns[str(key)] = header.role_headings
    for h in header.unmapped:
        if h not in report.unmapped_columns:
            report.unmapped_columns.append(h)
