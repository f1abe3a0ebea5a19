"""CSV submissions (usually "Save As CSV" from Excel).

Encoding: UTF-8 with or without a BOM, else Windows-1252 (Excel's default
on UK Windows). NUL bytes are stripped; the delimiter (comma, semicolon, tab,
pipe) is sniffed. Rows are numbered by the line they start on, header = 1
when the header is the first line.
"""

from __future__ import annotations

import csv as _csv
import re

from chrono.config import Config
from chrono.model import FileReport, Heading, RawRow
from chrono.read.budget import Budget
from chrono.read.errors import ReadRefused
from chrono.read.grid import GridRow, Limits, extract_table, find_header, no_table_message, record_table
from chrono.read.headers import ColumnMapper, HeadingReader

_DELIMITERS = ",;\t|"


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV export."""
    data = data.replace(b"\x00", b"")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def sniff_delimiter(text: str) -> str:
    """The delimiter used the same (non-zero) number of times on most of the first lines.

    Counted by hand: the standard library's Sniffer takes seconds on very wide lines.
    """
    lines = [l for l in text[:65536].splitlines()[:30] if l.strip()]
    best, best_score = ",", (0, 0)
    for d in _DELIMITERS:
        counts = [l.count(d) for l in lines]
        nonzero = [c for c in counts if c]
        if not nonzero:
            continue
        mode = max(set(nonzero), key=nonzero.count)
        score = (sum(1 for c in counts if c == mode), len(nonzero))
        if score > best_score:
            best, best_score = d, score
    return best


def choose_delimiter(text: str, mapper: ColumnMapper, search: int) -> str:
    """The delimiter under which the first lines hold the best header row.

    The sniffer alone is fooled by commas or semicolons inside the entries;
    a header that maps to chronology roles settles it.
    """
    sniffed = sniff_delimiter(text)
    head = "\n".join(_head(text, search + 5).splitlines()[: search + 5])
    best, best_roles = sniffed, -1
    for delim in [sniffed] + [d for d in _DELIMITERS if d != sniffed]:
        try:
            hit = find_header(text_grid(head, delim), mapper, search)
        except _csv.Error:
            continue
        roles = len(hit[1].roles) if hit else 0
        if roles > best_roles:
            best, best_roles = delim, roles
        if delim == sniffed and roles >= 3:
            break  # the sniffer's choice already gives a good header
    return best


def _head(text: str, lines: int, most: int = 1 << 20) -> str:
    """The first ``lines`` lines of ``text`` (at most ``most`` characters), without splitting it all.

    A file of 45 million blank lines must cost the lines looked at, not a
    list of 45 million strings.
    """
    end = 0
    for _ in range(lines):
        found = text.find("\n", end, most)
        if found < 0:
            return text[:most]
        end = found + 1
    return text[:end]


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _physical_lines(text: str):
    """The lines of ``text`` with their ends, as a file opened with ``newline=""`` gives them.

    A generator over the one string: an ``io.StringIO`` would first copy a
    50 MB export into four bytes per character.
    """
    for m in _LINE.finditer(text):
        yield m.group()


def text_grid(text: str, delimiter: str, max_rows: int | None = None, budget: Budget | None = None) -> list[GridRow]:
    """Rows numbered by the physical line each starts on.

    More than ``max_rows`` non-blank rows refuses the file early, naming the
    limit; every row, blank or not, is charged to ``budget`` (lines, columns
    and cells), so blank lines or a 5,000-column header cannot run it out of
    memory. Empty cells at the end of a line are dropped (Excel's trailing commas).
    """
    rows: list[GridRow] = []
    reader = _csv.reader(_physical_lines(text), delimiter=delimiter)
    line = 0
    filled = 0
    for record in reader:
        start = line + 1
        line = reader.line_num
        while record and not record[-1]:
            record.pop()
        if budget is not None:
            budget.row(len(record), f"row {start}")
        row = GridRow(start, record)
        rows.append(row)
        if max_rows is not None and not row.is_blank():
            filled += 1
            if filled > max_rows:
                raise ReadRefused(
                    f"more than {max_rows - 1:,} data rows, above limits.max_rows_per_file: refused rather than "
                    "read in part. Split the file, or raise the limit in chrono.toml if it is genuine."
                )
    return rows


def read_csv(data: bytes, file: str, cfg: Config, report: FileReport) -> list[RawRow]:
    """Data rows of a delimited text file; refuses one with no chronology header."""
    text, encoding = decode(data)
    if encoding == "cp1252":
        report.warnings.append("not UTF-8: read as Windows-1252 (check accented letters)")
    mapper = ColumnMapper(cfg)
    heads = HeadingReader(cfg)
    limits = Limits.from_cfg(cfg)
    search = int(cfg.section("columns").get("header_search_rows_sheet", 15))
    try:
        # the whole file is already within max_file_bytes; long cells are cut (with a warning) later
        _csv.field_size_limit(max(len(text) + 1, 131072))
        grid = text_grid(text, choose_delimiter(text, mapper, search), limits.max_rows + search + 1,
                         Budget.from_cfg(cfg))
    except _csv.Error as exc:
        raise ReadRefused(f"not a readable CSV file ({exc.__class__.__name__}): open it in Excel and Save As .xlsx")
    hit = find_header(grid, mapper, search, heads)
    if hit is None:
        raise ReadRefused(no_table_message([grid], mapper, search))
    idx, header = hit
    heading = Heading()
    got, titles = extract_table(grid, idx, header, file, 1, mapper, limits, heads=heads, place="")
    heads.add_table(heading, [r.cells for r in titles])
    for r in titles:
        for c in r.cells:
            heads.add_title(heading, c)
    report.heading = heading
    record_table(report, 1, header, got)
    report.warnings.extend(got.warnings)
    return got.rows
