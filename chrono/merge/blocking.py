"""Candidate pairs: only rows whose dates could describe the same event.

Rows are sorted by date and each is compared with the rows of the next few
days only (a month- or year-precision row with its whole month or year), so the
cost grows with the number of rows, not its square. ``cap`` bounds the rows
one row is compared with when a day is unusually crowded.
"""

from __future__ import annotations

from bisect import bisect_right

from chrono.model import Row


def _reach_days(row: Row, day_reach: int, approximate_extra: int) -> int:
    if row.precision == "year":
        return 366
    if row.precision == "month":
        return 31
    return day_reach + (approximate_extra if row.approximate else 0)


def candidate_pairs(rows: list[Row], day_reach: int = 3, approximate_extra: int = 7,
                    cap: int = 400) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``i < j`` worth scoring, in a deterministic order.

    ``rows`` must already be in a deterministic order; pairs of rows in one
    file are left out (one agency never repeats itself within a submission).
    """
    order = sorted(range(len(rows)), key=lambda k: (rows[k].date, k))
    ordinals = [rows[k].date.toordinal() for k in order]
    pairs: list[tuple[int, int]] = []
    backward = False
    for pos, k in enumerate(order):
        row = rows[k]
        reach = _reach_days(row, day_reach, approximate_extra)
        end = bisect_right(ordinals, ordinals[pos] + reach, lo=pos + 1)
        end = min(end, pos + 1 + cap)
        file = row.provenance.file
        for other in order[pos + 1:end]:
            if rows[other].provenance.file != file:
                pairs.append((k, other) if k < other else (other, k))
        if row.approximate and row.precision == "day":
            # an approximate date may sit a few days after the precise account
            start = bisect_right(ordinals, ordinals[pos] - reach - 1, hi=pos)
            start = max(start, pos - cap)
            backward = True
            for other in order[start:pos]:
                if rows[other].provenance.file != row.provenance.file:
                    pairs.append((k, other) if k < other else (other, k))
    return sorted(set(pairs)) if backward else sorted(pairs)


def referenced_pairs(rows: list[Row], referenced: list[frozenset[int]], cap: int = 400) -> list[tuple[int, int]]:
    """Pairs of a report with the day-precision rows of the days it names (``referenced[k]``: ordinals).

    "ED letter received: attended 18/03" is dated when the letter came; the
    attendance it reports is on the 18th, perhaps outside the usual reach.
    Each row is looked up by its own day, so the cost grows with the rows.
    """
    by_day: dict[int, list[int]] = {}
    for k, row in enumerate(rows):
        if row.precision == "day":
            by_day.setdefault(row.date.toordinal(), []).append(k)
    # reports naming one day are accounts of that day too, whatever day each came ("CSC 10/05 ...
    # overnight", "school 12/05 ... on Friday night", "GP 16/05 discharge summary: admitted 09/05")
    by_ref: dict[int, list[int]] = {}
    for k, days in enumerate(referenced):
        for day in days:
            by_ref.setdefault(day, []).append(k)
    pairs: set[tuple[int, int]] = set()
    for k, days in enumerate(referenced):
        if not days:
            continue
        file = rows[k].provenance.file
        for day in sorted(days):
            for other in by_day.get(day, ())[:cap]:
                if other != k and rows[other].provenance.file != file:
                    pairs.add((k, other) if k < other else (other, k))
            for other in by_ref.get(day, ())[:cap]:
                if other > k and rows[other].provenance.file != file:
                    pairs.add((k, other))
    return sorted(pairs)
