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
import re
from itertools import islice
from dataclasses import dataclass, field
from typing import Any, Union

from chrono.model import Heading, Provenance, RawRow
from chrono.normalise.seen import answer_kind
from chrono.read.errors import ReadRefused
from chrono.read.headers import _DATA_LIKE, ColumnMapper, HeaderMap, HeadingReader, norm

# Excel serial numbers for 1 Jan 1900 .. 31 Dec 2099 (an integer 1900..2100 is a year)
_SERIAL_MIN, _SERIAL_MAX = 367.0, 73415.0


@dataclass
class GridRow:
    """One row of a table: its provenance row number, texts and raw values."""

    number: int
    cells: list[str]
    values: list[Any] | None = None
    #: Word only: how many layout columns each cell covers (0 under a merged cell), else None
    spans: list[int] | None = None

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
    #: every physical row of the table: (row number, class, reason); see :data:`LEDGER_CLASSES`
    ledger: list[tuple[int, str, str]] = field(default_factory=list)

    def note(self, number: int, kind: str, reason: str) -> None:
        self.ledger.append((number, kind, reason))


#: the classes of the row ledger, in the order they are reported
LEDGER_CLASSES = ("header", "repeated_header", "blank", "title", "note", "data")


def _first_rows(rows: list[GridRow], search: int):
    """(index, row) of the first ``search`` non-blank rows: where a header may sit."""
    seen = 0
    for i, row in enumerate(rows):
        if row.is_blank():
            continue
        seen += 1
        if seen > search:
            return
        yield i, row


def find_header(rows: list[GridRow], mapper: ColumnMapper, search: int,
                heads: HeadingReader | None = None, content: bool = True) -> tuple[int, HeaderMap] | None:
    """Index (in ``rows``) and mapping of the first header row among the first ``search`` non-blank rows.

    Headings are matched by name first; when no row's headings name a
    chronology (``Arrival | Presentation / notes | Disposal``), and
    ``content`` is true, the row is recognised by what lies under it instead
    (:func:`content_header`). With ``content`` false (a Word table that may
    continue the one before) a row is a header only when every filled cell
    is a heading.
    """
    for i, row in _first_rows(rows, search):
        hm = mapper.header(row.cells)
        if hm is not None and not content and not all(
                mapper.is_heading(c) for c in row.cells[: mapper.max_columns] if c.strip()):
            # a table that may continue the one before (``content`` off): its first row is
            # its header only when every cell is a heading, else it is an entry whose words
            # happen to read as headings ("Date TBC | Information shared | Police | ...")
            continue
        if hm is not None:
            return i, seen_by_values(rows, i, _date_by_values(rows, i, hm, mapper), mapper)
    hit = content_header(rows, mapper, search, heads) if content else None
    return (hit[0], seen_by_values(rows, hit[0], hit[1], mapper)) if hit else None


#: longest cell read as a yes/no answer ("No - child asleep upstairs when visited")
_YES_NO_CHARS = 60
#: how many data rows under the header are looked at for the seen column
_SEEN_ROWS = 200


def _yes_no_share(texts: list[str], answers=None) -> tuple[float, int]:
    """Share of ``texts`` (filled cells) that are yes/no answers, and how many are not just N/A."""
    kinds = [answer_kind(t, answers) if len(t) <= _YES_NO_CHARS else None for t in texts]
    hits = sum(k is not None for k in kinds)
    answered = sum(k in ("yes", "no") for k in kinds)
    return (hits / len(texts) if texts else 0.0), answered


def seen_by_values(rows: list[GridRow], idx: int, hm: HeaderMap, mapper: ColumnMapper) -> HeaderMap:
    """``hm`` with a seen column found by its values, when no heading named one.

    An unmapped column (never the date, event or any other mapped column, nor a
    privacy column such as "Confidential") whose filled cells under the header are
    mostly yes/no answers ("Y", "No - asleep", "yes - seen alone", "N/A") is
    taken as the seen column -- the one the chronology template asks for a Yes/No.
    When several columns qualify, only one whose answers speak of seeing
    ("seen alone", "not seen") is taken; otherwise none.
    """
    if "seen" in hm.roles:
        return hm
    used = set(hm.roles.values())
    below = [r for r in islice(rows, idx + 1, None) if not r.is_blank()][:_SEEN_ROWS]
    if not below:
        return hm
    found: list[int] = []
    for j, heading in enumerate(hm.headings[: mapper.max_columns]):
        if j in used:
            continue
        n = norm(heading)
        if n and (n in mapper.privacy or any(p and p in n for p in mapper.privacy)):
            continue
        texts = [r.cells[j].strip() for r in below if j < len(r.cells) and r.cells[j].strip()]
        if len(texts) < mapper.seen_value_min:
            continue
        share, answered = _yes_no_share(texts, getattr(mapper, "seen_answers", None))
        if share >= mapper.seen_value_share and answered:
            found.append(j)
    if len(found) > 1:
        about = [j for j in found
                 if any(re.search(r"\b(?:seen|spoken|spoke|alone|asleep|views?)\b", r.cells[j], re.I)
                        for r in below if j < len(r.cells))]
        found = about
    if len(found) == 1:
        hm.roles["seen"] = found[0]
    return hm


# a cell that *is* a date (not a narrative mentioning one): "09/05/2025 21:15", "9 May 2025", "2025-05-09"
_DATE_CELL = re.compile(
    r"^\W{0,3}(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    r"|(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?\d{1,2}(?:st|nd|rd|th)?[\s\-]+"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?[\s\-]+(?:19|20)?\d{2}"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2})\b",
    re.I,
)
#: how many rows under a candidate header are looked at, and the share of them
#: whose cell in one column must be a date for the row to be a header
_CONTENT_ROWS, _CONTENT_SHARE = 12, 0.6
#: the shortest average entry (characters) of the column taken as the event
_CONTENT_EVENT_CHARS = 15
#: ... and its longest entry: a sentence, not a key such as "Date completed"
_CONTENT_EVENT_LONGEST = 25


def _is_date_cell(row: GridRow, j: int) -> bool:
    if row.values is not None and j < len(row.values) and _date_value(row.values[j]) is not None:
        return True
    text = row.cells[j].strip() if j < len(row.cells) else ""
    return bool(text) and len(text) <= 40 and bool(_DATE_CELL.match(text))


def content_header(rows: list[GridRow], mapper: ColumnMapper, search: int,
                   heads: HeadingReader | None = None) -> tuple[int, HeaderMap] | None:
    """A header row recognised by the table under it, when its headings name no chronology.

    A candidate is a row of two or more short text cells, none a date and
    none naming the child's details (``Name``, ``DOB``, ``Address``: a cover
    sheet or heading table, not a chronology). It is the header when, in the
    rows under it, one column mostly holds dates (real date cells or date
    text) and another holds longer text: the first becomes the date, the
    second (unless a heading already names the event) the event, and the
    other headings are mapped as usual.
    """
    for i, _row in _first_rows(rows, search):
        hm = _content_candidate(rows, i, mapper, heads)
        if hm is not None:
            return i, hm
    return None


_DETAIL_FIELDS = ("name", "dob", "address")
# the child's details, when no HeadingReader is at hand
_DETAIL_KEY = re.compile(r"^\W*(?:(?:child'?s?\s+)?(?:full\s+)?name|d\.?\s?o\.?\s?b\.?|date of birth|born|address)\W*$", re.I)


def _detail_key(cell: str, heads: HeadingReader | None) -> bool:
    """A cell naming the child's details (a heading table's key), not a column heading."""
    if _DETAIL_KEY.match(cell):
        return True
    return heads is not None and heads.field_for(cell) in _DETAIL_FIELDS


def _date_by_values(rows: list[GridRow], i: int, hm: HeaderMap, mapper: ColumnMapper) -> HeaderMap:
    """``hm`` with its date column found by content, when no heading was read as the date.

    A header named by its event and other columns ("Occurrence date/time |
    Circumstances | Result | ...") may leave the date unmapped (the heading read
    as the time); the column under it that mostly holds dates then becomes the
    date, as :func:`content_header` would have it. Never the event's column.
    """
    if "date" in hm.roles:
        return hm
    below = list(islice((r for r in islice(rows, i + 1, None) if not r.is_blank()), _CONTENT_ROWS))
    if not below:
        return hm
    need = max(1, int(len(below) * _CONTENT_SHARE + 0.999))
    best = None
    for j, heading in enumerate(hm.headings[: mapper.max_columns]):
        if not heading.strip() or j == hm.roles.get("event"):
            continue
        dated = sum(1 for r in below if _is_date_cell(r, j))
        if dated >= need and (best is None or dated > best[1]):
            best = (j, dated)
    if best is not None:
        for role, j in list(hm.roles.items()):
            if j == best[0]:
                del hm.roles[role]
        hm.roles["date"] = best[0]
    return hm


def _content_candidate(rows: list[GridRow], i: int, mapper: ColumnMapper,
                       heads: HeadingReader | None) -> HeaderMap | None:
    cells = [c.strip() for c in rows[i].cells[: mapper.max_columns]]
    filled = [j for j, c in enumerate(cells) if c]
    if len(filled) < 2 or len({cells[j].lower() for j in filled}) < len(filled):
        return None
    for j in filled:
        c = cells[j]
        if len(c) > 40 or not any(ch.isalpha() for ch in c) or _DATA_LIKE.search(c) or re.search(r":\s*\S", c):
            return None
    # "Name | DOB | Address" over one child's values is a cover sheet; an attendance list may still
    # carry the patient's name and date of birth beside at least three columns of its own
    details = {j for j in filled if _detail_key(cells[j], heads)}
    below = list(islice((r for r in islice(rows, i + 1, None) if not r.is_blank()), _CONTENT_ROWS))
    below = [r for r in below if sum(1 for c in r.cells if c.strip()) >= 2]
    if not below or (details and (len(filled) - len(details) < 3 or len(below) < 2)):
        return None
    first = cells[filled[0]]
    if first.endswith(":") or (heads is not None and filled[0] not in details and heads.field_for(first)):
        return None  # "Agency: | X", "Author | A Nurse": a key/value heading row
    for r in below:
        # a key/value table (``Author | A Nurse``, ``Date completed | 05/05/2024``) is the heading
        first = next((c.strip() for c in r.cells if c.strip()), "")
        if _detail_key(first, heads) or (heads is not None and heads.field_for(first)) \
                or first.endswith(":") or any(_DETAIL_KEY.match(c) for c in r.cells if c.strip()):
            return None
    need = max(1, int(len(below) * _CONTENT_SHARE + 0.999))
    date_col = None
    for j in filled:
        if j in details:
            continue  # a date of birth is never the entry's date
        dated = sum(1 for r in below if _is_date_cell(r, j))
        if dated >= need and (date_col is None or dated > date_col[1]):
            date_col = (j, dated)
    if date_col is None:
        return None
    d = date_col[0]
    hm = mapper.map(cells)
    for role, j in list(hm.roles.items()):
        if j == d:
            del hm.roles[role]
    hm.roles["date"] = d
    if "event" not in hm.roles:
        best, best_len = None, 0.0
        for j in filled:
            if j == d or j in details:
                continue
            texts = [r.cells[j].strip() for r in below if j < len(r.cells)]
            if sum(1 for t in texts if _is_date_cell(GridRow(0, [t]), 0)) > len(below) / 2:
                continue
            avg = sum(len(t) for t in texts) / len(below)
            if avg > best_len and max(map(len, texts), default=0) >= _CONTENT_EVENT_LONGEST:
                best, best_len = j, avg
        if best is None or best_len < _CONTENT_EVENT_CHARS:
            return None
        for role, j in list(hm.roles.items()):
            if j == best:
                del hm.roles[role]
        hm.roles["event"] = best
    return hm


def _is_repeated_header(row: GridRow, header: HeaderMap, mapper: ColumnMapper) -> bool:
    """The header written again mid-table (a page break in Word, a pasted block).

    Called for every data row, so the common case (an entry) is decided with
    as little work as possible: the first filled cell that differs from the
    heading above it ends the exact comparison.
    """
    heads = header.normed
    cells = row.cells
    exact = True
    filled = 0
    for i, c in enumerate(cells):
        if not c or c.isspace():
            continue
        if len(c) > mapper.max_chars:
            exact = False
            break
        n = norm(c)
        if not n:
            continue
        if i >= len(heads) or n != heads[i]:
            exact = False
            break
        filled += 1
    if exact and filled >= 2:
        return True
    # a row with a date in it is an entry: only the others go through the (slower) full mapping
    limit = mapper.max_columns
    if any(_DATA_LIKE.search(c) for c in (cells[:limit] if len(cells) > limit else cells)):
        return False
    if sum(1 for c in cells if c.strip() and len(c) <= mapper.max_chars and norm(c)) < 2:
        return False
    again = mapper.header(cells)
    if again is None:
        return False
    # the same roles in the same columns as the header, and every filled cell a heading: a
    # reworded copy of it, not an entry whose words happen to read as headings
    # ("Date TBC | Information shared | Police | NFA | Yes")
    for j, c in enumerate(cells):
        if c.strip() and not (j < len(heads) and norm(c) == heads[j]) and not mapper.is_heading(c):
            return False
    return sum(1 for role, j in again.roles.items() if header.roles.get(role) == j) >= 2


def _not_an_entry(row: GridRow, width: int, mapper: ColumnMapper) -> tuple[str, str] | None:
    """(class, reason) for a row under the header that is a note or a section title, else None.

    Only a row with one text and no date: written across the whole table
    (merged cells) it is a title (short) or a note (long); in one cell, a
    note only when it starts with a ``[columns.ledger] note_prefixes`` word
    ("Note:", "N.B."). Anything else -- a "TBC" in the date column alone, an
    entry with no date -- is an entry, and is rejected with its reason if it
    cannot be used.
    """
    filled = [c.strip() for c in row.cells if c.strip()]
    texts = set(filled)
    if len(texts) != 1:
        return None
    text = filled[0]
    first = next(j for j, c in enumerate(row.cells) if c.strip())
    # one cell merged across the table (Word); the same text typed in every cell is an entry
    across = row.spans is not None and first < len(row.spans) and row.spans[first] >= max(2, width - first)
    if _DATA_LIKE.search(text) or _is_date_cell(GridRow(0, [text]), 0):
        return None
    n = norm(text)
    if any(n == p or n.startswith(p + " ") for p in mapper.note_prefixes):
        return "note", "a note (it starts with a note marker and holds no date), not an entry"
    if width >= 2 and across:
        if len(text) <= mapper.max_chars:
            return "title", "a section heading written across the table (merged cells), not an entry"
        return "note", "a note written across the table (merged cells), not an entry"
    return None


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
    place: str | None = None,
) -> TableRows:
    """Data rows of ``rows[start:]`` under ``header``.

    Blank rows, repeated header rows and notes/section titles written across
    the table are not data; every other row is, and each row's class goes
    into the table's ledger (``out.ledger``), so that every physical row is
    accounted for.
    ``already`` counts the data rows of the file read so far, for the row cap
    (exceeding it refuses the file rather than silently dropping rows).
    ``place`` names the table in warnings as a person would find it
    ("sheet 'Chronology'", "table 2", "" for a CSV file's only table).
    """
    out = TableRows()
    if header is None:
        return out
    width = max([len(header.headings)] + [len(r.cells) for r in rows[start:]])
    headings = header.headings + [""] * (width - len(header.headings))
    keys = column_keys(headings)
    where = f"table {table}" if place is None else place
    max_chars = limits.max_cell_chars
    has_heading = [bool(h.strip()) for h in headings]
    roles = list(header.roles.items())
    date_col = header.roles.get("date")
    for row in rows[start:]:
        if row.is_blank():
            out.blank.append(row.number)
            out.note(row.number, "blank", "no text")
            continue
        if _is_repeated_header(row, header, mapper):
            out.repeated_headers.append(row.number)
            out.note(row.number, "repeated_header", "the header row written again (page break or pasted block)")
            continue
        other = _not_an_entry(row, len(header.headings), mapper)
        if other is not None:
            out.note(row.number, *other)
            continue
        out.note(row.number, "data", "an entry under the header")
        if already + len(out.rows) >= limits.max_rows:
            raise ReadRefused(
                f"more than {limits.max_rows} data rows: refused rather than read in part. "
                "Split the file, or raise limits.max_rows_per_file in chrono.toml if it is genuine."
            )
        texts = list(row.cells) + [""] * (width - len(row.cells))
        if max(map(len, texts), default=0) < max_chars:
            stripped = [t.strip() for t in texts]
            cells = {k: t for k, t, keep in zip(keys, stripped, has_heading) if t or keep}
            fields = {role: stripped[i] for role, i in roles}
            date_value = None
            if date_col is not None and row.values is not None and date_col < len(row.values):
                date_value = _date_value(row.values[date_col])
            out.rows.append(RawRow(Provenance(file, table, row.number), cells, fields, date_value))
            continue
        for i, t in enumerate(texts):
            if len(t) >= limits.max_cell_chars:
                # >=: openpyxl itself silently cuts a cell at Excel's 32,767 characters
                texts[i] = t[: limits.max_cell_chars]
                out.warnings.append(
                    f"{where + ', ' if where else ''}row {row.number}: column '{keys[i]}' reached the "
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
                  continuing: bool = False, place: str | None = None) -> tuple[TableRows, list[GridRow]]:
    """Data rows of a table whose header is ``rows[idx]``, and its title rows.

    Rows above the header are titles (or the child's details) unless they read
    as entries -- the end of a table split before a repeated header -- which
    are data under the same mapping, so that nothing is lost.
    """
    above = rows[:idx]
    data_above = [r for r in above if not r.is_blank() and is_data_like(r, heads, continuing)]
    data_numbers = {r.number for r in data_above}
    titles = [r for r in above if r.number not in data_numbers]
    got = (extract_rows(data_above, header, file, table, mapper, limits, already=already, place=place)
           if data_above else TableRows())
    for r in titles:
        if r.is_blank():
            got.note(r.number, "blank", "no text")
        else:
            got.note(r.number, "title", "above the header: a title or the child's details, not an entry")
    got.note(rows[idx].number, "header", "the header row (column headings)")
    below = extract_rows(rows, header, file, table, mapper, limits, start=idx + 1, already=already + len(got.rows),
                         place=place)
    got.rows.extend(below.rows)
    got.repeated_headers.extend(below.repeated_headers)
    got.blank.extend(below.blank)
    got.warnings.extend(below.warnings)
    got.ledger.extend(below.ledger)
    got.ledger.sort()
    return got, titles


NO_TABLE = (
    "no chronology table found: expected a table with a header row such as "
    "Date | Significant Event | Professional/Agency | ... (check it is the chronology, not a covering letter)"
)


def no_table_message(grids: list[list[GridRow]], mapper: ColumnMapper, search: int) -> str:
    """Why no header row was found: :data:`NO_TABLE`, or, for a table wider
    than ``columns.max_header_columns``, what is wrong with its width."""
    widest = 0
    for rows in grids:
        seen = 0
        for row in rows:
            if row.is_blank():
                continue
            seen += 1
            if seen > search:
                break
            widest = max(widest, len(row.cells))
            if len(row.cells) <= mapper.max_columns:
                continue
            hm = mapper.exact_roles(row.cells)
            if hm.is_chronology():
                far = [(i, h) for i, h in sorted((i, hm.headings[i]) for i in hm.roles.values())
                       if i >= mapper.max_columns]
                if far:
                    i, h = far[0]
                    return (
                        f"too many columns: the header row is {len(row.cells):,} columns wide and its "
                        f"heading '{h}' is in column {i + 1:,}, beyond the first {mapper.max_columns:,} "
                        "that are searched for headings (columns.max_header_columns). Delete the empty or "
                        "extra columns before the chronology, or raise the limit in chrono.toml"
                    )
    if widest > mapper.max_columns:
        return (f"{NO_TABLE}. Note: the table is {widest:,} columns wide and only the first "
                f"{mapper.max_columns:,} are searched for headings (columns.max_header_columns)")
    return NO_TABLE


def record_table(report, key: Union[int, str], header: HeaderMap, got: TableRows | None = None) -> None:
    """Note the mapping used for one table, and its row ledger, in the file's report.

    Unmapped headings are collected through a set, so a 20,000-column CSV
    costs one pass over its headings, not one list search per heading.
    """
    report.columns[str(key)] = header.role_headings
    known = set(report.unmapped_columns)
    for h in header.unmapped:
        if h not in known:
            known.add(h)
            report.unmapped_columns.append(h)
    if got is not None:
        for number, kind, reason in got.ledger:
            report.ledger[kind] = report.ledger.get(kind, 0) + 1
            if kind != "data":
                report.ledger_rows.append((str(key), number, kind, reason))
