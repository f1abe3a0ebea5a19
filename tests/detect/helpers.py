"""Build events and chronologies directly for detect tests (all invented)."""

from __future__ import annotations

import datetime as dt
import itertools

from chrono.model import Child, Chronology, Event, FileReport, Provenance, Row

_ids = itertools.count(1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def ev(date: str, text: str, agency: str = "Children's Social Care", seen: str = "unknown",
       outcome: str = "", agency_raw: str = "", precision: str = "day", seen_text: str = "",
       who: str = "", eid: str | None = None) -> Event:
    n = next(_ids)
    row = Row(provenance=Provenance("f.docx", 2, n), raw={}, date=day(date), precision=precision,
              event=text, agency=agency, agency_raw=agency_raw or agency, outcome=outcome,
              child_seen=seen, seen_text=seen_text, who=who)
    return Event(id=eid or f"E{n:03d}", date=day(date), precision=precision, approximate=False, time=None,
                 event=text, agencies=[agency], who=who, outcome=outcome, child_seen=seen, comments="",
                 sources=[row])


def chron(events: list[Event], dob: str | None = "2015-01-01", files: list[FileReport] | None = None,
          period_to: str | None = None) -> Chronology:
    return Chronology(child=Child(name="Tilly QUARRINGTON", dob=day(dob) if dob else None), period_from=None,
                      period_to=day(period_to) if period_to else None, files=files or [], events=events,
                      rejected=[])


def seen_every(start: str, end: str, days: int = 14) -> list[Event]:
    """Routine contacts recording the child as seen, so CHILD_NOT_SEEN stays quiet."""
    out, d = [], day(start)
    while d <= day(end):
        out.append(ev(d.isoformat(), "School pastoral check-in", agency="School", seen="yes"))
        d += dt.timedelta(days=days)
    return out
