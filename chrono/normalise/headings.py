"""Headings that disagree: the child's address and name spelling across submissions.

Each agency heads its chronology with the child's details (template
000:1121-1151). When those headings disagree -- the family moved between
rounds, a name is spelt two ways -- the key worker must be told, never left
to find one silently chosen. The appendix uses the address of the most
recent heading (the latest submission), and says so.
"""

from __future__ import annotations

import datetime as dt
import re

from chrono.config import Config
from chrono.model import Child, FileReport, Row

_SPACE = re.compile(r"\s+")
_PUNCT = re.compile(r"[^\w\s]+")


def _address_key(text: str) -> str:
    """An address in comparable form: case, punctuation and spacing ignored."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", (text or "").casefold())).strip()


def _name_key(text: str) -> tuple[str, ...]:
    """A name's words, sorted, so "SMITH, Jayden" and "Jayden Smith" are one spelling."""
    text = re.sub(r"\(.*?\)", " ", text or "")
    return tuple(sorted(w for w in _PUNCT.sub(" ", text.casefold()).split() if w))


def _when(report: FileReport) -> tuple:
    return (report.submitted or dt.date.min, report.file)


def _some(files: list[str], most: int = 3) -> str:
    """A few file names, then how many more: the warning is read on the appendix's first page."""
    shown = ", ".join(files[:most])
    return shown if len(files) <= most else f"{shown} and {len(files) - most} more"


def _month(report: FileReport) -> tuple:
    day = report.submitted or dt.date.min
    return (day.year, day.month)


def _current_address(with_address: list[FileReport]) -> FileReport:
    """The heading whose address is the current one: from the latest round of submissions
    (agencies send theirs over a few days of one month); within it, an address no earlier
    round gave (a move is news; a stale heading repeats the old address), then the latest."""
    last_round = _month(with_address[-1])
    earlier = {_address_key(r.heading.address) for r in with_address if _month(r) < last_round}
    latest = [r for r in with_address if _month(r) == last_round]
    new = [r for r in latest if _address_key(r.heading.address) not in earlier]
    return (new or latest)[-1]


def reconcile_headings(reports: list[FileReport], child: Child) -> list[str]:
    """Warnings for headings that disagree; sets ``child.address`` and ``child.address_source``.

    ``reports`` are the accepted files (their ``submitted`` dates filled in by
    the normaliser). The address is the one in the most recent heading that
    gives one; when another heading gives a different address, a warning
    lists each address with its files and says which one the appendix uses.
    Name spellings that differ (the same child, as the identity check
    decided) are listed the same way.
    """
    out: list[str] = []
    with_address = sorted((r for r in reports if (r.heading.address or "").strip()), key=_when)
    if with_address:
        latest = _current_address(with_address)
        child.address = latest.heading.address.strip()
        child.address_source = latest.file
        groups: dict[str, list[str]] = {}
        shown: dict[str, str] = {}
        for r in with_address:
            key = _address_key(r.heading.address)
            groups.setdefault(key, []).append(r.file)
            shown.setdefault(key, r.heading.address.strip())
        if len(groups) > 1:
            listed = "; ".join(f"'{shown[k]}' ({_some(files)})" for k, files in groups.items())
            when = f", submitted {latest.submitted:%d/%m/%Y}" if latest.submitted else ""
            out.append(f"the headings give {len(groups)} different addresses for the child: {listed}. "
                       f"The appendix uses the current one, '{child.address}' (from {latest.file}{when}): "
                       "check which is current and ask the agencies to correct theirs")
    names: dict[tuple[str, ...], list[str]] = {}
    written: dict[tuple[str, ...], str] = {}
    for r in sorted(reports, key=_when):
        if (r.heading.name or "").strip():
            key = _name_key(r.heading.name)
            names.setdefault(key, []).append(r.file)
            written.setdefault(key, r.heading.name.strip())
    if len(names) > 1:
        listed = "; ".join(f"'{written[k]}' ({_some(files)})" for k, files in names.items())
        out.append(f"the headings spell the child's name {len(names)} ways: {listed}. "
                   f"The appendix uses '{child.name}': check the spelling with the family's records")
    return out


def before_birth(row: Row, child_dob: dt.date, cfg: Config) -> bool:
    """An entry dated before the child's birth that does not read as family history
    (``[columns.family_history]``)."""
    if row.date >= child_dob:
        return False
    text = f"{row.event} {row.who}".casefold()
    return not any(w in text for w in cfg.section("columns").get("family_history", {}).get("words", []))


def before_birth_warnings(rows: list[Row], child_dob: dt.date | None, cfg: Config) -> list[str]:
    """The merge summary's warnings for entries dated before the child's birth (not family history).

    Such a date is usually a mistyped year (``12/03/15`` for ``12/03/24``) and
    would put a "seen" entry years before the child existed; it is shown so the
    key worker checks it with the agency. Names rows, never entry text.
    """
    if child_dob is None:
        return []
    return [f"{row.provenance}: date {row.date:%d/%m/%Y} is before the child's birth "
            f"({child_dob:%d/%m/%Y}) and does not read as family history: check the year with the agency"
            for row in rows if before_birth(row, child_dob, cfg)]
