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

