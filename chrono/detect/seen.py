"""When the child was seen, by whom, alone or with whom (000:713, 003:887).

The conference report must give "the dates when the child was seen ... if the
child was seen alone and, if not, who was present and for what reason".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from chrono.model import Event

_ALONE = re.compile(r"\b(?:seen|spoken to|spoke (?:to|with) \w+|talked (?:to|with) \w+|interviewed|saw \w+)\s+alone\b|\balone\b", re.I)
_NOT_ALONE = re.compile(r"\bnot (?:seen |spoken to )?alone\b|\bunable to (?:see|speak to) \w+ alone\b", re.I)
_WITH_ONLY = re.compile(r"\bwith\s+(.+)$", re.I)


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


def _alone(text: str) -> bool | None:
    if _NOT_ALONE.search(text):
        return False
    if _ALONE.search(text):
        return True
    if _WITH_ONLY.search(text):
        return False
    return None


def _present(texts: list[str], who: list[str]) -> str:
    """Who else was there: from 'seen with mum' or, failing that, the 'who was involved' column."""
    for text in texts:
        m = _WITH_ONLY.search(text)
        if m:
            return m.group(1).strip(" .;,")
    return "; ".join(dict.fromkeys(w for w in who if w))


def seen_summary(events: list[Event]) -> list[SeenVisit]:
    """The events recording the child as seen, in date order, with alone/present where stated."""
    out = []
    for event in sorted(events, key=lambda e: (e.date, e.time or "", e.id)):
        if event.child_seen != "yes":
            continue
        seen_texts = [r.seen_text for r in event.sources if r.seen_text and r.child_seen == "yes"] or \
                     [t for t in [event.seen_text] if t]
        texts = seen_texts + [event.event]
        alone = None
        for text in texts:
            alone = _alone(text)
            if alone is not None:
                break
        present = "" if alone else _present(seen_texts, [event.who])
        out.append(SeenVisit(
            date=event.date,
            time=event.time,
            agencies=list(event.agencies),
            alone=alone,
            present=present,
            detail="; ".join(dict.fromkeys(seen_texts)),
            event=event.id,
            sources=[str(r.provenance) for r in event.sources],
        ))
    return out
