"""A chronology chrono merged earlier, read back as a source with its provenance.

Last period's ``chronology.json`` (or its workbook ``chronology.xlsx``) is not
an agency submission: re-parsing it as one turns event ids and hashes into
"events" with agency "?". Read here instead, each account comes back as the
:class:`~chrono.model.Row` it was, with its original agency, dates, seen and
the file/table/row it first came from, so merging it with this month's
submissions gives the same events as before plus the new ones (the merge's
history matches accounts by content, so event ids and ``changes`` keep working).

Only accounts come back: last period's rejected rows were never events, and
its flags are worked out again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from pathlib import Path

from chrono.model import Child, FileReport, Heading, Provenance, Row


class CompositeError(ValueError):
    """The file given as an earlier chronology is not one chrono wrote; the message says what to do."""


#: Where a case folder may hold earlier merged chronologies to import (see README, "Families").
PREVIOUS_FOLDER = "previous"

_SOURCE = re.compile(r"^(?P<file>.+), (?:table (?P<table>\d+)|sheet '(?P<sheet>.*)'), row (?P<row>\d+)$")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _map_children(old: list[dict], family: list[Child]) -> dict[str, str]:
    """Last period's child ids -> this merge's, by name (a child not declared now maps to nothing)."""
    from chrono.normalise.identity import same_person, split_name

    out: dict[str, str] = {}
    for entry in old:
        theirs = split_name(str(entry.get("name", "")))
        for kid in family:
            ours = split_name(kid.name)
            if theirs and ours and same_person(theirs, ours):
                out[str(entry.get("id", ""))] = kid.id
    return out


def _children_for(names: str, family: list[Child]) -> list[str]:
    """A workbook's Child column ("Tilly, Kai") -> ids."""
    words = {w.casefold() for w in re.findall(r"[^\W\d_]+", names or "")}
    return [k.id for k in family if k.first_name.casefold() in words]


def read_composite(path: Path, family: list[Child] | None = None) -> tuple[FileReport, list[Row]]:
    """(the file's report, its accounts as rows) for chrono's ``chronology.json`` or ``chronology.xlsx``."""
    path = Path(path)
    family = family or []
    if not path.is_file():
        raise CompositeError(f"--previous {path}: no such file. Give last period's chronology.json or "
                             "chronology.xlsx (from the folder chrono merged into).")
    suffix = path.suffix.lower()
    if suffix == ".json":
        heading, rows = _from_json(path, family)
        fmt = "chrono-json"
    elif suffix in (".xlsx", ".xlsm"):
        heading, rows = _from_workbook(path, family)
        fmt = "chrono-xlsx"
    else:
        raise CompositeError(f"--previous {path}: not a chronology chrono wrote. Give its chronology.json "
                             "or chronology.xlsx; an agency's or a case-management system's file is an "
                             "ordinary submission (put it in the case folder).")
    name = path.name if path.parent.name != PREVIOUS_FOLDER else f"{PREVIOUS_FOLDER}/{path.name}"
    for row in rows:
        row.imported_from = name
    report = FileReport(file=name,
                        sha256=_sha(path), format=fmt, agency="", rows_read=len(rows), heading=heading)
    report.warnings.append(f"an earlier merged chronology: its {len(rows)} accounts are read back with their "
                           "own agencies and sources")
    return report, rows


def _about(name: str, dob: str) -> Heading:
    """Whom an earlier chronology is about, as a heading for the different-child guard."""
    return Heading(name=name.strip(), dob=dob.strip())


def _from_json(path: Path, family: list[Child]) -> tuple[Heading, list[Row]]:
    from chrono.report.jsonout import SCHEMA, source_from_dict

    try:
        doc = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise CompositeError(f"--previous {path}: cannot be read as JSON ({exc}). Give the chronology.json "
                             "chrono wrote.") from None
    if not isinstance(doc, dict) or doc.get("schema") != SCHEMA:
        raise CompositeError(f"--previous {path}: not a chronology.json chrono wrote (no \"schema\": "
                             f"\"{SCHEMA}\"). Give the chronology.json from the folder chrono merged into.")
    mapping = _map_children(doc.get("children") or [], family)
    single = []
    if family and not doc.get("children"):
        # last period was one child's chronology: its accounts are about that child
        single = list(_map_children([{"id": "", "name": (doc.get("child") or {}).get("name", "")}], family).values())
    rows = []
    for event in doc.get("events", []) or []:
        for src in event.get("sources", []) or []:
            try:
                row = source_from_dict(src)
            except (KeyError, TypeError, ValueError) as exc:
                raise CompositeError(f"--previous {path}: event {event.get('id', '?')} has an account that "
                                     f"cannot be read ({exc}). Give the file exactly as chrono wrote it.") from None
            if row.date == dt.date.min:
                row.date = dt.date.fromisoformat(event["date"])
            row.children = [mapping[c] for c in src.get("children", []) if c in mapping] or list(single)
            rows.append(row)
    kids = [k for k in doc.get("children") or [] if isinstance(k, dict)]
    child = doc.get("child") or {}

    def day(iso) -> str:
        return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""

    if len(kids) > 1:
        heading = _about(", ".join(f"{k.get('name', '')}" + (f" (DOB {day(k.get('dob'))})" if k.get("dob") else "")
                                   for k in kids), "")
    else:
        heading = _about(str(child.get("name") or ""), day(child.get("dob")))
    return heading, rows


_NOTE = re.compile(r"chronology for (?P<name>.+?)(?: \(DOB (?P<dob>[0-9/]+)\))?, produced")


def _from_workbook(path: Path, family: list[Child]) -> tuple[Heading, list[Row]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any unreadable workbook is the user's file
        raise CompositeError(f"--previous {path}: cannot be opened as a workbook ({exc}).") from None
    try:
        if "Timeline" not in wb.sheetnames:
            raise CompositeError(f"--previous {path}: no 'Timeline' sheet, so not a workbook chrono wrote. "
                                 "Give chrono's chronology.xlsx, or put an agency's file in the case folder.")
        ws = wb["Timeline"]
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    note = _NOTE.search(str((grid[0][0] if grid and grid[0] else "") or ""))
    heading = _about(note.group("name"), note.group("dob") or "") if note else Heading()
    header_at = next((k for k, r in enumerate(grid[:5]) if "ID" in r and "Source" in r), None)
    if header_at is None:
        raise CompositeError(f"--previous {path}: the Timeline sheet has no ID and Source columns, so it "
                             "is not a workbook chrono wrote.")
    head = [str(h or "") for h in grid[header_at]]
    col = {name: k for k, name in enumerate(head)}

    def get(values, name: str) -> str:
        k = col.get(name)
        v = values[k] if k is not None and k < len(values) else None
        return "" if v is None else str(v).strip()

    rows = []
    for offset, values in enumerate(grid[header_at + 1:], start=header_at + 2):
        source = get(values, "Source")
        m = _SOURCE.match(source)
        if not m or "\n" in source:
            continue
        table = int(m.group("table")) if m.group("table") else m.group("sheet")
        k = col.get("Date")
        day = values[k] if k is not None else None
        if isinstance(day, dt.datetime):
            day = day.date()
        if not isinstance(day, dt.date):
            raise CompositeError(f"--previous {path}: Timeline row {offset} has no date. Give the workbook "
                                 "exactly as chrono wrote it.")
        written = get(values, "Date as written")
        precision = "year" if re.fullmatch(r"\d{4}", written) else "day"
        if precision == "day" and re.fullmatch(r"[A-Za-z]+ \d{4}", written):
            precision = "month"
        seen = get(values, "Child seen").lower()
        fields = {"Date": written, "Significant event": get(values, "Significant event"),
                  "Agency": get(values, "Agency"), "Who was involved": get(values, "Who was involved"),
                  "Decisions/actions/outcome": get(values, "Decisions/actions/outcome"),
                  "Child seen": get(values, "Child seen: detail") or get(values, "Child seen"),
                  "Comments": get(values, "Comments")}
        extra = {}
        for line in get(values, "Other columns").splitlines():
            key, _, value = line.partition(": ")
            if key and value:
                extra[key] = value
        rows.append(Row(
            provenance=Provenance(m.group("file"), table, int(m.group("row"))),
            raw={k: v for k, v in fields.items() if v},
            date=day, precision=precision, approximate=get(values, "Approximate") == "yes",
            date_text=written, time=get(values, "Time") or None,
            event=fields["Significant event"], agency=fields["Agency"], agency_raw=fields["Agency"],
            who=fields["Who was involved"], outcome=fields["Decisions/actions/outcome"],
            child_seen=seen if seen in ("yes", "no") else "unknown",
            seen_text=get(values, "Child seen: detail"), comments=fields["Comments"],
            confidential=get(values, "Confidential") == "yes", extra=extra,
            children=_children_for(get(values, "Child"), family),
        ))
    return heading, rows
