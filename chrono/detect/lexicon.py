"""Tag events with categories from their accounts' annotations (``chrono.text``).

The categories are the core incidents of the procedures (000:1159-1190) and
the risk factors (000:144-156); the rules in :mod:`chrono.detect.rules` count
them. What a text says is read once, by the annotate stage: an event's
categories are the union of what its accounts support, and the dates an
occurrence happened on come from the dates its evidence clauses name.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from chrono.model import Event
from chrono.text import annotate_rows
from chrono.text.vocabulary import Vocabulary, vocabulary_for


def lexicon_for(cfg: Any) -> Vocabulary:
    """The compiled vocabulary (kept under its old name for callers of the detect stage)."""
    return vocabulary_for(cfg)


def tag_events(events: list[Event], cfg: Any) -> list[Event]:
    """Set ``categories`` on every event, in vocabulary order; returns the same list."""
    vocab = vocabulary_for(cfg)
    order = [c.name for c in vocab.concepts]
    annotate_rows([r for e in events for r in e.sources], cfg)
    for event in events:
        found: set[str] = set()
        for row in event.sources:
            found |= row.annotation.categories
        event.categories = [name for name in order if name in found]
    return events


def occurrence_dates(event: Event, category: str, vocab: Vocabulary, max_days: int = 60) -> tuple[list[dt.date], bool]:
    """When the event's occurrence(s) of ``category`` happened, and whether that came from the text.

    An account written days later ("ED letter received: attended ... 18/03/25",
    "PPN re incident 09/08") gives the date it refers to: a date named in the
    clause that names the occurrence, on or before the entry's date and at most
    ``max_days`` before it. When every account that names the occurrence gives
    such dates, those are the occurrence dates; otherwise the entry's own date.
    """
    if vocab.concept(category) is None or event.precision != "day":
        return [event.date], False
    referenced: list[dt.date] = []
    plain = False
    for row in event.sources or []:
        ann = row.annotation
        if ann is None:
            continue
        hits = [h for h in ann.hits if h.concept == category and h.counts and h.field != "outcome"]
        if not hits:
            continue
        if all(h.via == "heading" for h in hits):
            plain = True
            continue
        written = row.date if row.date and row.precision == "day" else event.date
        # a night ("overnight") spans two days: it does not move the occurrence off the entry's day
        days = [d for h in hits for n in h.dates if not n.spans_night for d in n.resolve(written)
                if d <= written and (written - d).days <= max_days]
        if days:
            referenced += days
        else:
            plain = True
    if not referenced:
        return [event.date], False
    out = sorted(set(referenced) | ({event.date} if plain else set()))
    return out, not plain
