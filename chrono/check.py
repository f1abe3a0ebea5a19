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
import re
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

    @property
    def refused(self) -> bool:
        return self.report.status != "ok"


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
        if child_dob and row.date < child_dob:
            text = f"{row.event} {row.who}".casefold()
            if not any(w in text for w in FAMILY_HISTORY_WORDS):
                out.append(f"{where}: date {row.date:%d/%m/%Y} is before the child's birth and does not read as family history")
        if row.child_seen == "unknown" and not seen_cells.get(row.provenance, "").strip():
            out.append(f"{where}: 'Child seen' is blank: record Yes/No (and the child's views if obtained)")
        length = len(row.event) + len(row.outcome)
        if length > limit:
            out.append(f"{where}: entry is {length} characters; chronologies should be succinct (000:1095), "
                       "summarise and refer to the case record")
    return out


def _reads_as_a_date(value: str) -> bool:
    """Short, holds a digit and at most one word ("31/02/2025", "3 Febuary 25"): shown to be corrected."""
    return len(value) <= 30 and any(ch.isdigit() for ch in value) and len(re.findall(r"[^\W\d_]+", value)) <= 1


def shown_reason(rejected: Rejected, show_text: bool = False) -> str:
    """A rejection's reason as ``chrono check`` prints it: a cell quoted in it is withheld.

    A date cell can hold prose ("Mother disclosed ..."), and a terminal is no
    place for a child's entry text; only a cell that reads as a date is shown,
    unless the user asked for ``--show-text``.
    """
    reason = rejected.reason
    if show_text:
        return reason
    for value in sorted({v.strip() for v in rejected.raw.values() if v and v.strip()}, key=len, reverse=True):
        quoted = f"'{value}'"
        if quoted in reason and not _reads_as_a_date(value):
            reason = reason.replace(quoted, f"[text withheld: {len(value)} chars; use --show-text]")
    return reason


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
        seen_columns = {str(table): mapping["seen"] for table, mapping in report.columns.items() if "seen" in mapping}
        check.warnings.extend(row_warnings(check.rows, cfg, dob, today, seen_columns))
    return checks
