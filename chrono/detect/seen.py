"""When the child was seen, by whom, alone or with whom (000:713, 003:887).

The conference report must give "the dates when the child was seen ... if the
child was seen alone and, if not, who was present and for what reason". What
an account says about it (alone, with whom) is read by the annotate stage
(``[seen]`` of ``lexicon.toml``); only the agencies whose accounts saw the
child are named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from chrono.model import Event


@dataclass
class SeenVisit:
    """One occasion the child was seen: the appendix's 'child seen' table."""

    date: dt.date
    time: str | None
    agencies: list[str]
    alone: bool | None
    present: str
    detail: str
    event: str = ""
    sources: list[str] = field(default_factory=list)


def seen_summary(events: list[Event], cfg: Any = None, child: Any = None) -> list[SeenVisit]:
    """The events recording the child as seen, in date order, with alone/present where stated.

    ``child`` (a family chronology's :class:`~chrono.model.Child`): only when that
    child was seen, by the accounts about that child.
    """
    from chrono.text import annotate_rows

    if child is not None:
        from chrono.family import family_seen_events

        events = family_seen_events(events, child)
    seen_events = [e for e in events if e.child_seen == "yes"]
    unread = [r for e in seen_events for r in e.sources if r.annotation is None]
    if unread:
        if cfg is None:
            from chrono.config import load_config
            cfg = load_config()
        annotate_rows(unread, cfg)
    out = []
    for event in sorted(seen_events, key=lambda e: (e.date, e.time or "", e.id)):
        saw = [r for r in event.sources if r.child_seen == "yes"]
        said = [r for r in saw if r.seen_text] or [r for r in event.sources if r.seen_text]
        alone = next((r.annotation.seen_alone for r in said if r.annotation.seen_alone is not None), None)
        if alone is None:
            primary = next((r for r in event.sources if r.event == event.event), None)
            alone = primary.annotation.event_alone if primary is not None else None
        present = "" if alone else (next((r.annotation.seen_present for r in said if r.annotation.seen_present), "")
                                    or "; ".join(dict.fromkeys(w for w in [event.who] if w)))
        agencies = [a for a in event.agencies if any(r.agency == a for r in saw)] or list(event.agencies)
        out.append(SeenVisit(
            date=event.date,
            time=event.time,
            agencies=agencies,
            alone=alone,
            present=present,
            detail="; ".join(dict.fromkeys(r.seen_text for r in said)),
            event=event.id,
            sources=[str(r.provenance) for r in event.sources],
        ))
    return out
