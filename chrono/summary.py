"""What a merge did, in the few lines a key worker reads at the terminal.

The child and how they were chosen, the period, the files accepted and
refused, the first rejected rows with their reasons, what changed since the
last merge into the same folder, and where the outputs are. Built from the
:class:`~chrono.model.Chronology` alone (nothing re-read); shown by
``chrono merge`` and usable by any other front end. Entry text never appears.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from chrono.model import Chronology

#: rejected rows listed by name before "... and N more"
FIRST_REJECTED = 10


def _day(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "not given"


def changes_line(chron: Chronology, unchanged_since: str = "") -> str:
    """One line from ``Chronology.changes``: what is new, edited or gone since the last merge."""
    if unchanged_since:
        return f"What changed: nothing since the merge of {unchanged_since[:10]} (0 new, 0 edited, 0 gone)."
    c = chron.changes
    if not c.previous_generated_at:
        return "What changed: first merge into this folder."
    when = c.previous_generated_at[:10]
    return (f"What changed since the merge of {when}: {len(c.new_events)} new, "
            f"{len(c.edited_events)} edited, {len(c.vanished)} gone.")


def merge_summary(chron: Chronology, written: list[Path], outdir: Path | str,
                  first_rejected: int = FIRST_REJECTED, unchanged_since: str = "") -> list[str]:
    """The terminal summary of one merge, one plain line per fact (no markup)."""
    lines = []
    child = chron.child
    if chron.children:
        lines.append("Children: " + "; ".join(f"{c.name}, DOB {_day(c.dob)}" for c in chron.children)
                     + f" ({chron.child_basis})")
    else:
        lines.append(f"Child: {child.name or '(no name given)'}, DOB {_day(child.dob)} ({chron.child_basis or 'as given'})")
    lines.append(f"Period: {_day(chron.period_from)} to {_day(chron.period_to)}")
    ok = [f for f in chron.files if f.status == "ok"]
    refused = [f for f in chron.files if f.status != "ok"]
    lines.append(f"Files: {len(ok)} accepted, {len(refused)} refused")
    for f in refused:
        lines.append(f"  REFUSED {f.file}: {'; '.join(f.problems)}")
    for warning, names in _grouped((f.identity_warning, f.file) for f in ok if f.identity_warning):
        lines.append(f"  CHECK   {_files(names)}: {warning}")
    rows = sum(f.rows_read for f in chron.files)
    lines.append(f"Rows: {rows} read, {len(chron.events)} events, {len(chron.rejected)} rejected; "
                 f"{len(chron.flags)} flags; {len(chron.review)} pairs to review")
    for rej in chron.rejected[:first_rejected]:
        lines.append(f"  rejected {rej.provenance}: {rej.reason}")
    if len(chron.rejected) > first_rejected:
        lines.append(f"  ... and {len(chron.rejected) - first_rejected} more rejected rows "
                     "(all listed in chronology.xlsx, sheet 'Rejected')")
    lines.append(changes_line(chron, unchanged_since))
    passed_over = []
    for warning in chron.warnings:
        name, sep, reason = warning.partition(": not read (")
        if sep and reason.endswith(")"):
            passed_over.append((reason[:-1], name))
        else:
            lines.append(f"Note: {warning}")
    for reason, names in _grouped(passed_over):
        lines.append(f"Note: not read: {_files(names)} ({reason})")
    if written:
        names = ", ".join(dict.fromkeys(Path(p).name for p in written))
        lines.append(f"Outputs in {outdir}: {names}")
    return lines


def _grouped(pairs) -> list[tuple[str, list[str]]]:
    """(text, [file, ...]) with one entry per distinct text, in first-seen order."""
    groups: dict[str, list[str]] = {}
    for text, name in pairs:
        groups.setdefault(text, []).append(name)
    return list(groups.items())


def _files(names: list[str], shown: int = 3) -> str:
    """'a.docx' / 'a.docx, b.csv' / '6 files: a.docx, b.csv, c.xlsx and 3 more'."""
    if len(names) == 1:
        return names[0]
    head = ", ".join(names[:shown])
    more = f" and {len(names) - shown} more" if len(names) > shown else ""
    return f"{len(names)} files ({head}{more})"
