"""Small helpers for tests that ask what a text names, through chrono.text's public API."""

from __future__ import annotations

import datetime as dt

from chrono.config import load_config
from chrono.text import dates_named, vocabulary_for
from chrono.text.dates import References
from chrono.text.dates import referenced_days as _referenced
from chrono.text.vocabulary import Vocabulary, is_notice

VOCAB = vocabulary_for(load_config())


def dates_in(text: str, on: dt.date, vocab: Vocabulary = VOCAB) -> list[dt.date]:
    """The days a clause names as when something happened, for an entry dated ``on``
    (a night, "overnight", keeps the entry's own day)."""
    return [d for n in dates_named(text, vocab.dates) if not n.spans_night for d in n.resolve(on)]


def referenced_days(text: str, on: dt.date, vocab: Vocabulary = VOCAB, slack: int = 0) -> References:
    """The days an entry names, within the look-back merge uses."""
    return _referenced(dates_named(text, vocab.dates), on, vocab.notices.lookback_days, slack)


def is_report(text: str, vocab: Vocabulary = VOCAB) -> bool:
    return is_notice(text, vocab.notices)
