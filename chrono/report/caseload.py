"""The caseload summary: one row per child, the cases needing attention first.

``caseload.json`` is for scripts and dashboards, ``caseload.xlsx`` for the team
manager, :func:`render_caseload_table` for the terminal. The files name cases,
agencies, rule codes and file names, never entry text; they are still marked
OFFICIAL-SENSITIVE because they say which children have which concerns.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chrono.batch import BatchResult, CaseSummary

SCHEMA = "chrono-caseload/1"
MARKING = "OFFICIAL-SENSITIVE"

#: (heading, width) of the workbook's columns, in order.
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Case", 24),
    ("Child", 24),
    ("Date of birth", 12),
    ("Allocated worker", 20),
    ("Status", 14),
    ("Events", 8),
    ("New since last merge", 11),
    ("High flags", 8),
    ("Medium flags", 9),
    ("Low flags", 8),
    ("Flag codes", 40),
    ("Agencies silent this month", 28),
    ("Files refused", 8),
    ("Refused file names", 40),
    ("Rows rejected", 9),
    ("Duplicates to review", 11),
    ("Last conference", 13),
    ("Conference type", 14),
    ("Next review due", 13),
    ("Working days to review", 11),
    ("Review due within 15 working days", 12),
    ("Error", 50),
    ("Output folder", 40),
)


def _flag_text(summary: CaseSummary) -> str:
    parts = []
    for severity in ("high", "medium", "low"):
        codes = summary.flags.get(severity, [])
        if codes:
            parts.append(f"{severity}: " + ", ".join(_counted(codes)))
    return "; ".join(parts)


def _counted(codes: list[str]) -> list[str]:
    """``["AE_REPEAT", "AE_REPEAT", "X"]`` -> ``["AE_REPEAT x2", "X"]``."""
    seen: dict[str, int] = {}
    for code in codes:
        seen[code] = seen.get(code, 0) + 1
    return [f"{code} x{n}" if n > 1 else code for code, n in seen.items()]


def _conference_kind(summary: CaseSummary) -> str:
    return {"icpc": "ICPC", "review_conference": "Review"}.get(summary.last_conference_kind, "")


def _error_text(summary: CaseSummary) -> str:
    if not summary.error:
        return ""
    return f"{summary.error} (file: {summary.error_file})" if summary.error_file else summary.error


def caseload_to_dict(result: BatchResult) -> dict[str, Any]:
    """The contents of ``caseload.json``."""
    return {
        "schema": SCHEMA,
        "generated_at": result.generated_at,
        "root": str(result.root),
        "outroot": str(result.outroot),
        "area": result.area,
        "config_files": list(result.config_files),
        "exit_code": result.exit_code,
        "counts": result.counts(),
        "cases": [c.to_dict() for c in result.cases],
    }


def _row(c: CaseSummary) -> list[Any]:
    return [
        c.case,
        c.child,
        c.dob,
        c.worker,
        c.status,
        c.events,
        c.new_events,
        len(c.flags.get("high", [])),
        len(c.flags.get("medium", [])),
        len(c.flags.get("low", [])),
        _flag_text(c),
        ", ".join(c.silent_agencies),
        len(c.files_refused),
        ", ".join(c.files_refused),
        c.rows_rejected,
        c.review_waiting,
        c.last_conference,
        _conference_kind(c),
        c.next_review_due,
        c.review_due_working_days,
        "yes" if c.review_due_soon else "overdue" if c.review_overdue else "",
        _error_text(c),
        c.outdir,
    ]


def _write_workbook(result: BatchResult, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Caseload"
    ws.append([heading for heading, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    attention = PatternFill("solid", fgColor="FCE4D6")
    for summary in result.cases:
        ws.append([None] * len(COLUMNS))
        row = ws.max_row
        for col, value in enumerate(_row(summary), start=1):
            cell = ws.cell(row=row, column=col)
            if value is None or value == "":
                continue
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)
            cell.value = value
            if isinstance(value, str):
                # Stored as text, never a formula: a folder or file named "=HYPERLINK(...)"
                # stays words, and Excel keeps it as text when the cell is edited.
                cell.data_type = "s"
                cell.quotePrefix = value[:1] in "=+-@"
            elif hasattr(value, "isoformat"):
                cell.number_format = "DD/MM/YYYY"
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
        if summary.attention_rank() < 4:
            ws.cell(row=row, column=1).fill = attention
            ws.cell(row=row, column=2).fill = attention
    for col, (_, width) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(ws.max_row, 1)}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4  # openpyxl leaves it unset: printers fall back to US Letter
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    for header in (ws.oddHeader, ws.evenHeader, ws.firstHeader):
        header.center.text = MARKING
    for footer in (ws.oddFooter, ws.evenFooter, ws.firstFooter):
        footer.center.text = MARKING
        footer.right.text = "Page &P of &N"
    wb.save(path)


def write_caseload(result: BatchResult, outroot: Path) -> list[Path]:
    """Write ``caseload.json`` and ``caseload.xlsx`` into ``outroot``; return their paths."""
    from chrono.files import atomic_write, atomic_write_text, ensure_private_dir

    outroot = ensure_private_dir(Path(outroot))
    json_path = outroot / "caseload.json"
    xlsx_path = outroot / "caseload.xlsx"
    atomic_write_text(json_path, json.dumps(caseload_to_dict(result), ensure_ascii=False, indent=1) + "\n")
    atomic_write(xlsx_path, lambda temp: _write_workbook(result, temp))
    return [json_path, xlsx_path]


_STATUS_STYLE = {"crashed": "bold red", "refused files": "yellow", "rejected rows": "yellow", "ok": "green"}


def render_caseload_table(result: BatchResult):
    """A rich table of the caseload for the terminal (no error text: it may quote an entry)."""
    from rich.table import Table
    from rich.text import Text

    counts = result.counts()
    caption = ", ".join(f"{n} {status}" for status, n in counts.items() if n)
    table = Table(title=f"Caseload: {len(result.cases)} cases, attention first", caption=caption or None)
    table.add_column("Case", ratio=2)
    table.add_column("Status", ratio=2)
    table.add_column("Events", justify="right", no_wrap=True)
    table.add_column("Flags", ratio=3)
    table.add_column("Next review", no_wrap=True)
    table.add_column("To do", ratio=3)
    for c in result.cases:
        status = Text(c.status, style=_STATUS_STYLE.get(c.status, ""))
        if c.status == "crashed":
            kind = c.error.split(":", 1)[0]
            status.append(f"\n{kind}" + (f" in {c.error_file}" if c.error_file else ""), style="red")
        events = "" if c.status == "crashed" else f"{c.events}" + (f" (+{c.new_events})" if c.new_events else "")
        flags = Text()
        high = c.flags.get("high", [])
        if high:
            flags.append(", ".join(_counted(high)), style="bold red")
        others = [f"{len(c.flags.get(s, []))} {s}" for s in ("medium", "low") if c.flags.get(s)]
        if others:
            flags.append(("; " if high else "") + ", ".join(others))
        review: Text | str = ""
        if c.next_review_due:
            review = c.next_review_due.strftime("%d/%m/%Y")
            if c.review_overdue:
                review = Text(f"{review}\noverdue", style="bold red")
            elif c.review_due_soon:
                review = Text(f"{review}\nin {c.review_due_working_days} wd", style="bold yellow")
        todo = []
        if c.files_refused:
            todo.append(f"{len(c.files_refused)} file{'s' if len(c.files_refused) > 1 else ''} refused")
        if c.rows_rejected:
            todo.append(f"{c.rows_rejected} row{'s' if c.rows_rejected > 1 else ''} rejected")
        if c.review_waiting:
            todo.append(f"{c.review_waiting} possible duplicate{'s' if c.review_waiting > 1 else ''} to review")
        if c.silent_agencies:
            todo.append("silent: " + ", ".join(c.silent_agencies))
        table.add_row(Text(c.case), status, events, flags, review, Text("; ".join(todo)))
    return table
