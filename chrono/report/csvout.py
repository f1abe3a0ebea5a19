"""A flat export: one line per agency account, for a case-management system or a spreadsheet.

``chronology.json`` nests every account inside its event; many systems can
only load a table. Each line here is one row an agency submitted, with the
id of the event it was merged into, so the accounts of one incident can be
grouped again by that id. Text is written as text: a cell that a spreadsheet
would run as a formula (``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.

>>> from chrono.model import Chronology, Child
>>> lines = account_lines(Chronology(Child("Jo BLOGGS"), None, None, [], [], []))
>>> lines[0][:4]
['event_id', 'event_date', 'event_date_precision', 'agency']
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from chrono.model import Chronology, Row

COLUMNS = [
    "event_id", "event_date", "event_date_precision", "agency", "agency_as_written",
    "date", "date_as_written", "time", "significant_event", "who_involved",
    "decisions_actions", "child_seen", "author_comments", "author", "categories",
    "flags", "file", "table", "row", "rejected_reason",
]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _account(event_id: str, event_date: str, precision: str, row: Row, categories: str, flags: str) -> list[str]:
    return [
        event_id, event_date, precision, row.agency, row.agency_raw,
        row.date.isoformat(), row.date_text, row.time or "", row.event, row.who,
        row.outcome, row.child_seen, row.comments, row.author, categories, flags,
        row.provenance.file, str(row.provenance.table), str(row.provenance.row), "",
    ]


def account_lines(chron: Chronology) -> list[list[str]]:
    """The header, one line per account (in timeline order), then one per rejected row."""
    flags_of: dict[str, list[str]] = {}
    for flag in chron.flags:
        for event_id in flag.events:
            flags_of.setdefault(event_id, []).append(flag.rule)
    lines = [list(COLUMNS)]
    for event in chron.events:
        categories = "; ".join(event.categories)
        flags = "; ".join(dict.fromkeys(flags_of.get(event.id, [])))
        for row in event.sources:
            lines.append([_cell(v) for v in _account(event.id, event.date.isoformat(), event.precision,
                                                     row, categories, flags)])
    for rejected in chron.rejected:
        line = [""] * len(COLUMNS)
        line[COLUMNS.index("file")] = rejected.provenance.file
        line[COLUMNS.index("table")] = str(rejected.provenance.table)
        line[COLUMNS.index("row")] = str(rejected.provenance.row)
        line[COLUMNS.index("rejected_reason")] = rejected.reason
        line[COLUMNS.index("significant_event")] = " | ".join(v for v in rejected.raw.values() if v)
        lines.append([_cell(v) for v in line])
    return lines


def accounts_csv(chron: Chronology) -> str:
    """The export as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(account_lines(chron))
    return buffer.getvalue()


def write_accounts_csv(chron: Chronology, path: Path) -> None:
    """Write the export atomically, owner-only, UTF-8 with a BOM so Excel reads the accents."""
    from chrono.files import atomic_write_text, ensure_private_dir

    path = Path(path)
    ensure_private_dir(path.parent)
    atomic_write_text(path, "\ufeff" + accounts_csv(chron))
