"""What the Word appendix, the workbook and the chart share: agency colours,
how a date is shown, what is withheld from the parents' copy, and the save.

Kept in one place so that the three outputs a core group reads side by side
agree: the same agency has the same tint everywhere and a date reads the same.
"""

from __future__ import annotations

import datetime as dt
import os
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from chrono.config import Config
from chrono.model import Chronology, Event, Flag

DEFAULT_MARKING = "OFFICIAL-SENSITIVE"
PARENTS_COPY = "PARENTS' COPY"

#: Light tints, each dark enough to tell apart and light enough that black
#: text on it meets WCAG AA (contrast >= 4.5; tested).
PALETTE: tuple[str, ...] = (
    "FFE699",  # yellow
    "BDD7EE",  # blue
    "C6E0B4",  # green
    "F8CBAD",  # peach
    "D9C3E9",  # lavender
    "F4B6C2",  # pink
    "A9E2DA",  # teal
    "D9D9D9",  # grey
    "E6D3A3",  # khaki
    "C9C9F0",  # periwinkle
    "E2F0A8",  # lime
    "F0C8E6",  # orchid
)

#: Agencies the procedures name get a fixed tint, so a reader learns them
#: across months. Matched on a word in the canonical agency name.
_KNOWN_TINTS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("social care", "social work", "csc"), 0),
    (("police",), 1),
    (("health visit",), 2),
    (("school nurs",), 10),
    (("school", "education", "nursery", "college"), 3),
    (("gp", "general practi", "surgery"), 4),
    (("a&e", "emergency", "hospital", "paediatric", "urgent"), 5),
    (("midwi", "maternity"), 6),
    (("probation",), 7),
    (("housing",), 8),
    (("camhs", "mental health"), 9),
    (("substance", "drug", "alcohol"), 11),
)


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2 relative luminance of an ``RRGGBB`` colour."""
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two ``RRGGBB`` colours (1 to 21)."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _known_index(agency: str) -> int | None:
    name = agency.lower()
    words = set(name.replace("/", " ").replace("(", " ").replace(")", " ").split())
    for keys, index in _KNOWN_TINTS:
        for key in keys:
            if (" " in key or "&" in key) and key in name:
                return index
            if key in words or (len(key) > 3 and key in name):
                return index
    return None


def agency_colours(agencies: Iterable[str]) -> dict[str, str]:
    """A tint for each agency: the fixed one for a known agency, else the next
    unused tint (by a stable hash, so a case keeps its colours month to month)."""
    names = sorted(dict.fromkeys(a for a in agencies if a))
    colours: dict[str, str] = {}
    used: set[int] = set()
    pending: list[str] = []
    for name in names:
        index = _known_index(name)
        if index is None or index in used:
            pending.append(name)
        else:
            colours[name] = PALETTE[index]
            used.add(index)
    for name in pending:
        start = zlib.crc32(name.encode("utf-8")) % len(PALETTE)
        for step in range(len(PALETTE)):
            index = (start + step) % len(PALETTE)
            if index not in used or len(used) >= len(PALETTE):
                break
        colours[name] = PALETTE[index]
        used.add(index)
    return colours


def chronology_agencies(chron: Chronology) -> list[str]:
    """Every agency that reported an event or sent an accepted file, sorted."""
    names: dict[str, None] = {}
    for event in chron.events:
        for agency in event.agencies:
            names.setdefault(agency, None)
    for report in chron.files:
        if report.status == "ok" and report.agency:
            names.setdefault(report.agency, None)
    return sorted(names)


def marking(cfg: Config | None) -> str:
    """The protective marking every page and sheet carries."""
    if cfg is None:
        return DEFAULT_MARKING
    return str(cfg.section("privacy").get("marking") or DEFAULT_MARKING)


# ---------------------------------------------------------------- dates

def format_day(day: dt.date | None) -> str:
    """``dd/mm/yyyy``: four-digit years, because chronologies reach back to the
    parents' births (003:864) and ``09/06/88`` would be ambiguous."""
    return day.strftime("%d/%m/%Y") if day else ""


def format_event_date(event: Event, with_time: bool = True) -> str:
    """The date as precisely as it was known: ``12/03/2024 21:40``,
    ``Mar 2024``, ``2019``, ``c. 12/03/2024``."""
    if event.precision == "year":
        text = f"{event.date.year}"
    elif event.precision == "month":
        text = event.date.strftime("%b %Y")
    else:
        text = format_day(event.date)
    end = getattr(event, "date_end", None)
    if end and event.precision == "day" and end != event.date:
        text = f"{text} to {format_day(end)}"  # an episode ("12/03-15/03/24"): both ends are known
    elif event.approximate:
        text = f"c. {text}"
    if with_time and event.time and event.precision == "day":
        text = f"{text} {event.time}"
    return text


def written_date(event: Event) -> str:
    """How the submissions wrote an imprecise or approximate date, when that
    differs from :func:`format_event_date` (empty otherwise)."""
    if event.precision == "day" and not event.approximate:
        return ""
    shown = format_event_date(event, with_time=False)
    written = [r.date_text.strip() for r in event.sources if r.date_text and r.date_text.strip()]
    written = [w for w in dict.fromkeys(written) if w != shown]
    return "; ".join(written)


def event_span(event: Event) -> tuple[dt.date, dt.date]:
    """The first and last day an event could have been on, given its precision."""
    start = event.date
    if event.precision == "year":
        return dt.date(start.year, 1, 1), dt.date(start.year, 12, 31)
    if event.precision == "month":
        nxt = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return dt.date(start.year, start.month, 1), nxt - dt.timedelta(days=1)
    return start, start


def in_period(event: Event, since: dt.date | None, until: dt.date | None) -> bool:
    """Whether an event may fall within ``since..until`` (inclusive). A month-
    or year-only date counts if any day of it does: an uncertain entry is shown
    rather than silently dropped."""
    first, last = event_span(event)
    if since and last < since:
        return False
    if until and first > until:
        return False
    return True


def sorted_events(events: Iterable[Event]) -> list[Event]:
    """By date; a stable sort keeps the merge's order within a day."""
    return sorted(events, key=lambda e: e.date)


# ---------------------------------------------------------------- parents' copy

def is_withheld(event: Event) -> bool:
    """Withheld from the parents' copy: the event, or any account of it, is
    marked confidential / third party (000:928, 000:768)."""
    return bool(event.confidential or any(r.confidential for r in event.sources))


@dataclass
class View:
    """The events and flags one copy of the outputs shows, and what it leaves out."""

    events: list[Event]
    flags: list[Flag]
    since: dt.date | None
    until: dt.date | None
    before: int = 0
    after: int = 0
    withheld: int = 0
    flags_withheld: int = 0

    @property
    def shown_ids(self) -> set[str]:
        return {e.id for e in self.events}


def build_view(chron: Chronology, since: dt.date | None = None, until: dt.date | None = None,
               parents_copy: bool = False) -> View:
    """Filter a chronology to a period, and for the parents' copy withhold the
    confidential entries and any flag whose evidence is only withheld entries."""
    kept: list[Event] = []
    before = after = withheld = 0
    withheld_ids: set[str] = set()
    for event in sorted_events(chron.events):
        first, last = event_span(event)
        if since and last < since:
            before += 1
            continue
        if until and first > until:
            after += 1
            continue
        if parents_copy and is_withheld(event):
            withheld += 1
            withheld_ids.add(event.id)
            continue
        kept.append(event)
    if parents_copy:
        all_withheld = {e.id for e in chron.events if is_withheld(e)}
        flags = [f for f in chron.flags if not f.events or not set(f.events) <= all_withheld]
    else:
        flags = list(chron.flags)
    return View(events=kept, flags=flags, since=since, until=until, before=before, after=after,
                withheld=withheld, flags_withheld=len(chron.flags) - len(flags))


def period_of(chron: Chronology, since: dt.date | None = None,
              until: dt.date | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The period a copy covers: the one asked for, else the chronology's, else
    the span of its entries."""
    dates = [e.date for e in chron.events]
    start = since or chron.period_from or (min(dates) if dates else None)
    end = until or chron.period_to or (max(dates) if dates else None)
    return start, end


def produced_on(chron: Chronology) -> dt.date:
    """The date the merge ran (from ``generated_at``), else today."""
    if chron.generated_at:
        try:
            return dt.datetime.fromisoformat(chron.generated_at.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    return dt.date.today()


# ---------------------------------------------------------------- child seen

def seen_visits(events: list[Event]) -> list:
    """When the child was seen (000:713): the detect stage's ``seen_summary``;
    until that is installed, every entry recording the child as seen."""
    try:
        from chrono.detect import seen_summary  # type: ignore[attr-defined]
    except ImportError:
        seen_summary = None
    if seen_summary is not None:
        return list(seen_summary(events))
    return [dict(date=e.date, time=e.time, agencies=list(e.agencies), alone=None, present="",
                 detail=e.seen_text, event=e.id) for e in events if e.child_seen == "yes"]


def visit_field(visit, name: str):
    """A field of a ``SeenVisit`` (or of the stand-in dict)."""
    return visit.get(name) if isinstance(visit, dict) else getattr(visit, name, None)


# ---------------------------------------------------------------- saving

def save_atomically(path: Path, save: Callable[[Path], None]) -> None:
    """Write through a temporary file and rename (``chrono.files.atomic_write``), so a
    crash or a reader never sees a half-written document; the folder is made private."""
    from chrono.files import atomic_write, ensure_private_dir

    path = Path(path)
    ensure_private_dir(path.parent)
    atomic_write(path, save)
