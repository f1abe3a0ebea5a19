"""normalise stage: raw cell text -> typed rows, without touching the file system.

Every :class:`~chrono.model.RawRow` a reader returns becomes either a
:class:`~chrono.model.Row` (date read day first, agency resolved to its
canonical name, child-seen read) or a :class:`~chrono.model.Rejected` whose
reason names the column and value and says how to fix it. Nothing is dropped
silently: the chronology must account for every row it was sent.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from chrono.config import Config
from chrono.model import RawRow, ReadResult, Rejected, Row
from chrono.normalise.agencies import AgencyResolver, Resolved
from chrono.normalise.dates import MONTHS, ParsedDate, parse_date, parse_time
from chrono.normalise.seen import parse_seen, seen_answers

__all__ = ["normalise_file", "submission_date", "AgencyResolver", "parse_date", "parse_seen"]

_ROLE_NAMES = ("date", "time", "event", "agency", "who", "outcome", "seen", "comments")
#: the longest episode an end-date column may give (a longer one is a typo or two entries)
_EPISODE_MAX = dt.timedelta(days=366)


def normalise_file(result: ReadResult, cfg: Config, reference: dt.date | None = None,
                   resolver: AgencyResolver | None = None,
                   today: dt.date | None = None) -> tuple[list[Row], list[Rejected]]:
    """Every row of one read file as a Row or a Rejected.

    ``reference`` is the submission's date (anchors two-digit years); when
    not given it comes from the file's name, else from its latest entry, else
    ``today``, and is recorded in ``result.report.submitted`` when that is
    still empty. ``result.report.agency`` and ``rows_rejected`` are filled in too.
    """
    report = result.report
    resolver = resolver or AgencyResolver(cfg)
    answers = seen_answers(cfg)
    today = today or dt.date.today()
    anchor = reference or report.submitted or submission_date(report.file, []) or today
    parsed: list[tuple[RawRow, ParsedDate]] = [
        (raw, parse_date(_text(raw.fields.get("date")), anchor, raw.date_value)) for raw in result.rows
    ]
    submitted = reference or report.submitted or submission_date(
        report.file, [p.date for _, p in parsed if p.date is not None]) or anchor
    if report.submitted is None:
        report.submitted = submitted

    file_agency = resolver.file_agency(report.heading.agency, report.agency_raw, report.file)
    if not report.agency and file_agency.known:
        report.agency = file_agency.name
    author = (report.heading.author or report.author or "").strip()
    file_agency_raw = (report.heading.agency or report.agency_raw or "").strip() or file_agency.name

    rows: list[Row] = []
    rejected: list[Rejected] = []
    for raw, date in parsed:
        if not any(_text(v) for v in raw.cells.values()) and not any(
                _text(v) for v in raw.fields.values()) and raw.date_value is None:
            # the reader's ledger counted it as an entry: account for it rather than drop it
            rejected.append(Rejected(raw.provenance, "the row has no text in any column: "
                                     "delete it in the agency's file, or fill it in", dict(raw.cells)))
            continue
        if date.error or date.date is None:
            rejected.append(Rejected(raw.provenance, _date_reason(raw, date, report.columns), dict(raw.cells)))
            continue
        row = _row(raw, date, resolver, file_agency, file_agency_raw, author, submitted, report.columns, answers)
        recorded_text = _text(raw.fields.get("recorded"))
        if recorded_text:
            row.recorded = parse_date(recorded_text, anchor).date
        end_text = _text(raw.fields.get("date_end"))
        if end_text and row.date_end is None and row.precision == "day":
            end = parse_date(end_text, anchor)
            # an "Occurred To" / "Discharge date" column: the episode's last day, when it is one
            if end.date is not None and end.precision == "day" and row.date < end.date <= row.date + _EPISODE_MAX:
                row.date_end = end.date
        rows.append(row)
    report.rows_rejected = len(rejected)
    return rows, rejected


def _text(value) -> str:
    """A cell as stripped text (readers give str; be tolerant of numbers)."""
    return "" if value is None else str(value).strip()


def _column_heading(raw: RawRow, role: str, columns: dict) -> str:
    mapped = columns.get(str(raw.provenance.table), {}) if isinstance(columns, dict) else {}
    if isinstance(mapped, dict) and mapped.get(role):
        return str(mapped[role])
    value = raw.fields.get(role, "")
    for heading, cell in raw.cells.items():
        if cell == value and value:
            return heading
    return role


def _date_reason(raw: RawRow, date: ParsedDate, columns: dict) -> str:
    column = _column_heading(raw, "date", columns)
    error = date.error or "could not be read"
    where = f" (column '{column}')" if column and column.lower() != "date" else ""
    if error.startswith("date is empty") and _text(raw.fields.get("recorded")):
        recorded = _column_heading(raw, "recorded", columns)
        return (f"no event date{where or ' (column ' + repr(column) + ')'}: the row has only the date it was "
                f"recorded ('{recorded}': {_text(raw.fields.get('recorded'))}), which is not when it happened; "
                "enter the date the event happened (DD/MM/YY) in the agency's file")
    if error.startswith("date is empty"):
        has_text = any((raw.fields.get(r) or "").strip() for r in ("event", "outcome", "comments"))
        tail = "enter the date the event happened (DD/MM/YY)" + (
            "; if it continues the entry above, join the two in the agency's file" if has_text else "")
        return f"no date given{where}: {tail}"
    if error.startswith("date '"):
        head, _, rest = error.partition("' ")
        return f"{head}'{where} {rest}"
    return f"date{where}: {error}"


def _row(raw: RawRow, date: ParsedDate, resolver: AgencyResolver, file_agency: Resolved, file_agency_raw: str,
         author: str, submitted: dt.date | None, columns: dict, answers=None) -> Row:
    fields = {k: _text(v) for k, v in raw.fields.items()}
    cell = fields.get("agency", "")
    agency = resolver.row_agency(cell, file_agency)
    time = date.time or parse_time(fields.get("time"))
    seen, seen_detail = parse_seen(fields.get("seen", ""), answers)
    mapped = columns.get(str(raw.provenance.table)) if isinstance(columns, dict) else None
    if isinstance(mapped, dict) and mapped:
        used = set(mapped.values())
    else:
        values = {v for k, v in fields.items() if k in _ROLE_NAMES}
        used = {h for h, v in raw.cells.items() if v in values and v}
    extra = {h: _text(v) for h, v in raw.cells.items() if h not in used and _text(v)}
    return Row(
        provenance=raw.provenance,
        raw=dict(raw.cells),
        date=date.date,
        precision=date.precision,
        approximate=date.approximate,
        date_text=(fields.get("date") or "").strip() or (date.date.isoformat() if date.date else ""),
        time=time,
        event=(fields.get("event") or "").strip(),
        agency=agency.name,
        agency_raw=cell or file_agency_raw,
        who=(fields.get("who") or "").strip(),
        outcome=(fields.get("outcome") or "").strip(),
        child_seen=seen,
        seen_text=seen_detail,
        comments=(fields.get("comments") or "").strip(),
        author=author,
        extra=extra,
        submitted=submitted,
        date_end=date.end,
    )


# --- the submission's own date ------------------------------------------------

_MONTH_WORD = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_NAME_FULL_DATE = [
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[-_.](?P<mon>\d{1,2})[-_.](?P<day>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<day>\d{1,2})[-_.](?P<mon>\d{1,2})[-_.](?P<year>(?:19|20)\d{2}|\d{2})(?!\d)"),
]
_NAME_MONTH_YEAR = [
    re.compile(r"(?<![a-z])" + _MONTH_WORD + r"(?![a-z])[\s_.\-']*(?P<year>(?:19|20)\d{2}|\d{2})(?!\d)", re.I),
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})[\s_.\-]*(?P<mon>0[1-9]|1[0-2])(?!\d)"),
    re.compile(r"(?<![\d.])(?P<mon>0[1-9]|1[0-2])[._\-](?P<year>\d{2}|(?:19|20)\d{2})(?![\d])"),
]
_NAME_MONTH = re.compile(r"(?<![a-z])" + _MONTH_WORD + r"(?![a-z])", re.I)
_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year(token: str) -> int:
    year = int(token)
    return year + 2000 if year < 100 else year


def submission_date(display_name: str, rows_dates: list[dt.date]) -> dt.date | None:
    """When a submission was made, from its file/folder name, else its latest entry.

    A month in the name (``Sep23``, ``Oct 2023``, ``2025-04``, ``02.25``,
    ``May_2024``, a folder ``April 2024/`` or ``05 - May/`` with the year
    elsewhere) gives the last day of that month. Used as the reference for
    two-digit years and to order monthly resubmissions.
    """
    try:
        found = _date_from_name(display_name or "", rows_dates)
    except Exception:
        found = None
    if found is not None:
        return found
    dates = [d for d in rows_dates if d is not None]
    return max(dates) if dates else None


def _date_from_name(name: str, rows_dates: list[dt.date]) -> dt.date | None:
    path = re.sub(r"\.[A-Za-z0-9]{2,5}$", "", name.replace("\\", "/"))
    parts = [p for p in path.split("/") if p]
    ordered = list(reversed(parts))  # the file's own name first, then its folders
    for part in ordered:
        for pattern in _NAME_FULL_DATE:
            for m in pattern.finditer(part):
                try:
                    year = _year(m.group("year"))
                    return dt.date(year, int(m.group("mon")), int(m.group("day")))
                except ValueError:
                    continue
        for pattern in _NAME_MONTH_YEAR:
            for m in pattern.finditer(part):
                month = MONTHS.get(m.group("month").lower()) if "month" in m.groupdict() and m.group("month") \
                    else int(m.group("mon"))
                if month:
                    return _month_end(_year(m.group("year")), month)
    for part in ordered:
        months = [MONTHS[m.group("month").lower()] for m in _NAME_MONTH.finditer(part)]
        if not months:
            continue
        month = months[-1]
        years = [int(y) for p in ordered for y in _NAME_YEAR.findall(p)]
        if years:
            return _month_end(years[0], month)
        dates = [d for d in rows_dates if d is not None]
        if not dates:
            return None
        latest = max(dates)
        best = min((latest.year - 1, latest.year, latest.year + 1),
                   key=lambda y: abs((dt.date(y, month, 15) - latest).days))
        return _month_end(best, month)
    return None
