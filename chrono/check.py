"""Pre-flight checks of single submissions: what ``chrono check`` reports.

An agency (or the key worker) runs this before a merge to see, per file, the
columns mapped, the rows read and rejected and why, and the things that make
a chronology hard to use at conference (000:1095-1101): dates out of order or
in the future, entries before the child's birth that are not family history,
child seen left blank, entries too long to be "succinct", no author.

>>> # reports = check_files(["police_may.docx"])
>>> # [r.report.status for r in reports]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from chrono.config import Config, load_config
from chrono.model import FileReport, Rejected, Row

#: Words that mark an entry before the child's birth as family history.
FAMILY_HISTORY_WORDS = (
    "birth of", "born", "dob", "mother", "father", "parent", "sibling", "brother", "sister",
    "grandm", "grandf", "pregnan", "booking", "antenatal", "ante-natal", "unborn", "history",
    "partner", "relationship", "marri", "previous", "conviction", "care", "lac", "school",
)


@dataclass
class FileCheck:
    """One file's check: its report, rows, rejections and warnings."""

    report: FileReport
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: how the file was read: its row ledger, the date column used and why, unresolved agency names
    details: list[str] = field(default_factory=list)

    @property
    def refused(self) -> bool:
        return self.report.status != "ok"


def _before_birth(row: Row, child_dob: dt.date) -> bool:
    """An entry dated before the child's birth that does not read as family history."""
    if row.date >= child_dob:
        return False
    text = f"{row.event} {row.who}".casefold()
    return not any(w in text for w in FAMILY_HISTORY_WORDS)


def before_birth_warnings(rows: list[Row], child_dob: dt.date | None) -> list[str]:
    """The merge summary's warnings for entries dated before the child's birth (not family history).

    Such a date is usually a mistyped year (``12/03/15`` for ``12/03/24``) and
    would put a "seen" entry years before the child existed; it is shown so the
    key worker checks it with the agency. Names rows, never entry text.
    """
    if child_dob is None:
        return []
    return [f"{row.provenance}: date {row.date:%d/%m/%Y} is before the child's birth "
            f"({child_dob:%d/%m/%Y}) and does not read as family history: check the year with the agency"
            for row in rows if _before_birth(row, child_dob)]


def file_details(report: FileReport, resolver, rows: list[Row] | None = None) -> list[str]:
    """What ``chrono check`` says about how a file was read, beyond its columns.

    The row ledger (how many rows were headers, blank, titles, notes,
    entries, and which rows were not entries and why), which column gave the
    event's date when the table also has a recording date, and the agency
    names that did not resolve, each with the line to add to ``chrono.toml``.
    """
    from chrono.read.grid import LEDGER_CLASSES

    out: list[str] = []
    if report.ledger:
        counts = ", ".join(f"{report.ledger[k]} {k.replace('_', ' ')}" for k in LEDGER_CLASSES if report.ledger.get(k))
        out.append(f"rows: {counts} (every entry is in the timeline or rejected)")
        for table, number, kind, reason in report.ledger_rows:
            if kind in ("title", "note", "repeated_header") and number:
                place = f"sheet '{table}'" if not table.isdigit() else f"table {table}"
                out.append(f"  {place}, row {number}: {kind.replace('_', ' ')}: {reason}")
    for table, mapping in report.columns.items():
        if "recorded" in mapping and "date" in mapping:
            place = f"sheet '{table}'" if not table.isdigit() else f"table {table}"
            out.append(f"{place}: the event's date is column '{mapping['date']}'; '{mapping['recorded']}' says "
                       "when the entry was recorded, so it is kept as the recorded date and never used as the "
                       "event's date (a row with only a recorded date is rejected)")
        if "date_end" in mapping and "date" in mapping:
            place = f"sheet '{table}'" if not table.isdigit() else f"table {table}"
            out.append(f"{place}: each entry runs from column '{mapping['date']}' to column "
                       f"'{mapping['date_end']}' (an episode; the flag rules count its first day)")
    unresolved: dict[str, int] = {}
    if report.agency_raw and not report.agency and not resolver.resolve(report.agency_raw).known:
        unresolved[report.agency_raw] = 0
    for row in rows or []:
        raw = (row.agency_raw or "").strip()
        if raw and not resolver.resolve(raw).known:
            unresolved[raw] = unresolved.get(raw, 0) + 1
    for name in unresolved:
        hinted = [agency for agency, rx in resolver.hints.items() if rx.search(name)]
        target = hinted[0] if len(hinted) == 1 else "<one of: " + ", ".join(resolver.canonical[:9]) + ">"
        safe = name.replace("\\", " ").replace('"', "'")
        out.append(f"agency '{name}' is not a name chrono knows: add it to chrono.toml under "
                   f'[agencies.aliases] as  "{safe}" = "{target}"')
    return out


def row_warnings(rows: list[Row], cfg: Config, child_dob: dt.date | None, today: dt.date,
                 seen_columns: dict[str, str] | None = None) -> list[str]:
    """Warnings about usable rows; they name rows, never entry text.

    ``seen_columns`` maps a table/sheet to its "child seen" heading, so a row
    whose seen cell is blank can be told from one that says "N/A".
    """
    out: list[str] = []
    seen_cells = {}
    for row in rows:
        heading = (seen_columns or {}).get(str(row.provenance.table))
        seen_cells[row.provenance] = row.raw.get(heading, "") if heading else "?"
    limit = int(cfg.limit("max_entry_chars_warning"))
    previous: Row | None = None
    for row in rows:
        where = f"{row.provenance}"
        if previous and (previous.provenance.file, previous.provenance.table) == (row.provenance.file, row.provenance.table):
            if row.date < previous.date and row.precision == "day" and previous.precision == "day":
                out.append(f"{where}: date {row.date:%d/%m/%Y} is earlier than the row above (out of order)")
        previous = row
        if row.date > today:
            out.append(f"{where}: date {row.date:%d/%m/%Y} is in the future: check the year")
        if child_dob and _before_birth(row, child_dob):
            out.append(f"{where}: date {row.date:%d/%m/%Y} is before the child's birth and does not read as family history")
        if row.child_seen == "unknown" and not seen_cells.get(row.provenance, "").strip():
            out.append(f"{where}: 'Child seen' is blank: record Yes/No (and the child's views if obtained)")
        length = len(row.event) + len(row.outcome)
        if length > limit:
            out.append(f"{where}: entry is {length} characters; chronologies should be succinct (000:1095), "
                       "summarise and refer to the case record")
    return out


def check_files(paths: Sequence[str | Path], cfg: Config | None = None, password: str | None = None,
                child_dob: dt.date | None = None, today: dt.date | None = None) -> list[FileCheck]:
    """Read and normalise each file on its own, and say what a merge would do with it."""
    from chrono.normalise import normalise_file
    from chrono.normalise.agencies import AgencyResolver
    from chrono.normalise.identity import heading_dob
    from chrono.pipeline import discover_inputs, read_inputs

    cfg = cfg or load_config()
    today = today or dt.date.today()
    resolver = AgencyResolver(cfg)
    checks: list[FileCheck] = []
    for result in read_inputs(discover_inputs(paths), cfg, password):
        report = result.report
        check = FileCheck(report)
        checks.append(check)
        if report.status != "ok":
            continue
        check.rows, check.rejected = normalise_file(result, cfg, resolver=resolver, today=today)
        dob = child_dob or heading_dob(report.heading, report.submitted)
        if not (report.author or report.heading.author):
            check.warnings.append(f"{report.file}: no author given: add 'Author:' to the heading (000:1121)")
        if report.heading.is_empty():
            check.warnings.append(f"{report.file}: no heading with the child's name and DOB: "
                                  "the key worker cannot confirm it is about the right child")
        check.details = file_details(report, resolver, check.rows)
        seen_columns = {str(table): mapping["seen"] for table, mapping in report.columns.items() if "seen" in mapping}
        check.warnings.extend(row_warnings(check.rows, cfg, dob, today, seen_columns))
    return checks
