"""One event from the accounts of it: pick the best date, show every disagreement.

Each agency's *latest* account stands for that agency (a resubmission corrects
the earlier one); across agencies nothing is resolved silently: differing
dates or child-seen answers go into ``conflicts``.
"""

from __future__ import annotations

from chrono.model import Event, Row

_RANK = {"day": 2, "month": 1, "year": 0}


def _order_key(rank: dict[str, tuple]):
    return lambda r: (rank[r.provenance.file], r.provenance.sort_key())


def latest_accounts(rows: list[Row], rank: dict[str, tuple]) -> list[Row]:
    """Each agency's most recent account, in order of first report."""
    return _accounts(rows, _by_report(rows, rank), rank)


def _accounts(rows: list[Row], sources: list[Row], rank: dict[str, tuple]) -> list[Row]:
    """:func:`latest_accounts`, given the rows in :func:`_by_report` order too (``sources``)."""
    if len(rows) == 1:
        return list(rows)
    latest: dict[str, Row] = {}
    key = _order_key(rank)
    for r in sorted(rows, key=key):
        latest[r.agency] = r
    return [latest[a] for a in dict.fromkeys(r.agency for r in sources)]


def _by_report(rows: list[Row], rank: dict[str, tuple]) -> list[Row]:
    """The rows by date, then submission: the order the accounts came."""
    if len(rows) == 1:
        return list(rows)
    return sorted(rows, key=lambda r: (r.date, rank[r.provenance.file], r.provenance.sort_key()))


def _join(values: list[str]) -> str:
    return "; ".join(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _date_label(r: Row) -> str:
    iso = r.date.isoformat()
    if r.precision == "month":
        iso = iso[:7]
    elif r.precision == "year":
        iso = iso[:4]
    return ("~" if r.approximate else "") + iso


def build_event(event_id: str, rows: list[Row], rank: dict[str, tuple], confidence: float) -> Event:
    """The merged view of ``rows`` (one real event)."""
    sources = _by_report(rows, rank)
    accounts = _accounts(rows, sources, rank)
    dated = min(accounts, key=lambda r: (r.approximate, -_RANK.get(r.precision, 2), r.date,
                                         r.time is None, rank[r.provenance.file]))
    time = dated.time or next((r.time for r in accounts if r.time and r.date == dated.date), None)
    primary = dated if dated.event.strip() else max(accounts, key=lambda r: len(r.event))
    conflicts: dict[str, list[str]] = {}
    dates = list(dict.fromkeys(_date_label(r) for r in accounts))
    if len(dates) > 1:
        conflicts["date"] = dates
    times = list(dict.fromkeys(r.time for r in accounts if r.time))
    if len(times) > 1:
        conflicts["time"] = times
    # the child was seen (or not) by the accounts that were there: a letter's or a
    # notification's "no" (its writer did not see the child) does not undo a visit's "yes"
    deciding = [r for r in accounts
                if not (r.child_seen == "no" and r.annotation is not None and r.annotation.notice)]
    if not any(r.child_seen == "yes" for r in deciding):
        deciding = accounts
    seen_values = {r.child_seen for r in deciding}
    needs_review = False
    if {"yes", "no"} <= seen_values:
        conflicts["child_seen"] = [f"{r.agency}: {r.child_seen}" for r in deciding if r.child_seen != "unknown"]
        needs_review = True
        newest = max((r for r in deciding if r.child_seen != "unknown"), key=_order_key(rank))
        seen = newest.child_seen
    elif "yes" in seen_values:
        seen = "yes"
    elif "no" in seen_values:
        seen = "no"
    else:
        seen = "unknown"
    others = [r for r in accounts if r is not primary]
    return Event(
        id=event_id,
        date=dated.date,
        precision=dated.precision,
        approximate=dated.approximate,
        time=time,
        event=primary.event,
        agencies=list(dict.fromkeys(r.agency for r in sources)),
        who=_join([primary.who] + [r.who for r in others]),
        outcome=_join([primary.outcome] + [r.outcome for r in others]),
        child_seen=seen,
        comments=_join([primary.comments] + [r.comments for r in others]),
        sources=sources,
        confidence=round(confidence, 3),
        needs_review=needs_review,
        conflicts=conflicts,
        confidential=any(r.confidential for r in rows),
    )


def chrono_key(rows: list[Row], rank: dict[str, tuple]) -> tuple:
    """Sort key of a group before ids exist: its date, time, first source."""
    accounts = latest_accounts(rows, rank)
    dated = min(accounts, key=lambda r: (r.approximate, -_RANK.get(r.precision, 2), r.date,
                                         r.time is None, rank[r.provenance.file]))
    first = min((rank[r.provenance.file], str(r.provenance.table).zfill(6), r.provenance.row) for r in rows)
    return (dated.date, dated.time or "", first)

