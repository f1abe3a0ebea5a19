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
from chrono.normalise.headings import before_birth

@dataclass
class FileCheck:
    """One file's check: its report, rows, rejections and warnings."""

    report: FileReport
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: how the file was read: its row ledger, the date column used and why, unresolved agency names
    details: list[str] = field(default_factory=list)
    #: the child the file's heading names, 'First SURNAME (DOB dd/mm/yyyy)', for the user at the terminal
    heading_child: str = ""

    @property
    def refused(self) -> bool:
        return self.report.status != "ok"


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
        if child_dob and before_birth(row, child_dob, cfg):
            out.append(f"{where}: date {row.date:%d/%m/%Y} is before the child's birth and does not read as family history")
        if row.child_seen == "unknown" and not seen_cells.get(row.provenance, "").strip():
            out.append(f"{where}: 'Child seen' is blank: record Yes/No (and the child's views if obtained)")
        length = len(row.event) + len(row.outcome)
        if length > limit:
            out.append(f"{where}: entry is {length} characters; chronologies should be succinct (000:1095), "
                       "summarise and refer to the case record")
    return out


#: a kind of row warning seen this many times in one file is shown once, with a count
GROUP_AT = 4


def grouped_row_warnings(rows: list[Row], cfg: Config, child_dob: dt.date | None, today: dt.date,
                         seen_columns: dict[str, str] | None = None) -> list[str]:
    """:func:`row_warnings`, with a kind repeated in many rows said once.

    "103 rows out of order (rows 3-105): the file looks newest-first" instead
    of 103 lines that bury the rejected rows.
    """
    singles = row_warnings(rows, cfg, child_dob, today, seen_columns)
    kinds: dict[str, list[tuple[str, str]]] = {}
    for text in singles:
        where, _, what = text.partition(": ")
        kind = ("out of order" if "out of order" in what else "in the future" if "in the future" in what
                else "before birth" if "before the child's birth" in what else "seen blank" if "is blank" in what
                else "long" if "characters" in what else what)
        kinds.setdefault(kind, []).append((where, what))
    dated = [r for r in rows if r.precision == "day"]
    out: list[str] = []
    for kind, items in kinds.items():
        if len(items) < GROUP_AT:
            out.extend(f"{where}: {what}" for where, what in items)
            continue
        places = _rows_span([w for w, _ in items])
        if kind == "out of order":
            newest_first = len(items) >= max(1, len(dated) - 1) * 0.8
            tail = ("the file looks newest-first: chrono sorts it, but agencies should list oldest first"
                    if newest_first else "check the dates (typos in the year?)")
            out.append(f"{len(items)} rows out of order ({places}): {tail}")
        else:
            _, what = items[0]
            generic = what.split(": ", 1)[1] if kind in ("in the future", "before birth", "long") and ": " in what \
                else what
            label = {"in the future": "dated in the future", "before birth": "dated before the child's birth "
                     "and not reading as family history", "seen blank": "with 'Child seen' blank",
                     "long": "longer than a succinct entry"}.get(kind, what)
            advice = "" if kind not in ("in the future", "long") else f": {generic}"
            out.append(f"{len(items)} rows {label} ({places}){advice}")
    return out


def _rows_span(wheres: list[str]) -> str:
    """'police.docx, table 2, rows 3-105' from the per-row places (first few when scattered)."""
    first, last = wheres[0], wheres[-1]
    head, _, row = first.rpartition(", row ")
    last_head, _, last_row = last.rpartition(", row ")
    if head == last_head:
        return f"{head}, rows {row}-{last_row}"
    return f"{first} ... {last}"


def _reads_as_a_date(value: str) -> bool:
    """Short, and at most one word ("31/02/2025", "3 Febuary 25", "TBC", "unknown"): shown to be corrected.
    Prose (two words or more) is what a date cell must not leak to the terminal."""
    return len(value) <= 30 and len(re.findall(r"[^\W\d_]+", value)) <= 1


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
                child_dob: dt.date | None = None, today: dt.date | None = None,
                child_name: str | None = None, passwords: dict[str, str] | None = None,
                children: list[tuple[str, dt.date | None]] | None = None) -> list[FileCheck]:
    """Read and normalise each file (or every file in a folder), and say what a merge would do with it.

    The child is settled exactly as ``chrono merge`` settles it (``--child``/
    ``--dob``, else the name most headings share): a file merge would refuse
    as another child's is refused here too. Raises
    ``chrono.pipeline.IdentityError`` when ``--child``/``--dob`` match no heading.
    """
    from chrono.normalise import normalise_file
    from chrono.normalise.agencies import AgencyResolver
    from chrono.normalise.identity import heading_child, heading_dob, identity_warning
    from chrono.pipeline import discover_inputs, read_inputs, settle_identity

    cfg = cfg or load_config()
    today = today or dt.date.today()
    resolver = AgencyResolver(cfg)
    checks: list[FileCheck] = []
    results = read_inputs(discover_inputs(paths), cfg, password, passwords)
    shown = {id(r): heading_child(r.report.heading) for r in results}  # before a refusal clears the heading
    named = any(r.report.status == "ok" and not r.report.heading.is_empty() for r in results)
    child = None
    family = []
    if children and len(children) > 1:  # a family chronology: any declared child's file is accepted
        from chrono.family import declare

        family = declare(list(children))
    if named or child_name or child_dob or family:
        child = settle_identity(results, child_name, child_dob, family).child
    for result in results:
        report = result.report
        check = FileCheck(report)
        checks.append(check)
        check.heading_child = shown[id(result)]
        if report.status != "ok":
            continue
        if child is None:
            report.identity_warning = identity_warning(report.heading) or ""
            if report.identity_warning:
                check.warnings.append(f"{report.file}: {report.identity_warning}")
        check.rows, check.rejected = normalise_file(result, cfg, resolver=resolver, today=today)
        dob = child_dob or (child.dob if child else None) or heading_dob(report.heading, report.submitted)
        if family and report.children:  # a family: the eldest of the children this file is about
            dobs = [k.dob for k in family if k.id in report.children and k.dob]
            dob = min(dobs) if dobs else dob
        if not (report.author or report.heading.author):
            check.warnings.append(f"{report.file}: no author given: add 'Author:' to the heading (000:1121)")
        check.details = file_details(report, resolver, check.rows)
        seen_columns = {str(table): mapping["seen"] for table, mapping in report.columns.items() if "seen" in mapping}
        check.warnings.extend(grouped_row_warnings(check.rows, cfg, dob, today, seen_columns))
    return checks
