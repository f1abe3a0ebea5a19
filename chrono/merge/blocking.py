"""Candidate pairs: only rows whose dates and words could describe the same event.

Blocking in three steps, so the work grows with the rows even when one day
holds hundreds of entries:

1. by day: a row is compared with the rows of the next few days only (another
   agency's within ``cross_reach`` days; a month- or year-precision row, or an
   approximate date, with its whole reach, at most ``cap`` rows);
2. by agency: an agency's resubmitted rows are compared with its own rows of
   other files in reach;
3. by signature: another agency's row only when the two share a key (a word or
   a concept of the entry, ``keys``): two accounts of one incident always
   share one, and two rows sharing none never score.

When a block is crowded (more than ``crowd`` rows of one agency, or sharing
one key, within reach), its rows are sorted by their text and each is paired
with its ``neighbours`` nearest only (the sorted-neighbourhood method): the
identical and near-identical rows an event is made of sit side by side, and
complete-linkage clustering checks every member pair of a merge anyway. So
no day is ever compared all against all.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Collection, Hashable, Sequence

from chrono.model import Row

#: an agency's rows within reach above which only sorted neighbours are paired
CROWD = 96
#: rows sharing one key within reach above which only sorted neighbours are paired
KEY_CROWD = 40
#: neighbours each row of a crowded block is paired with, on each side
NEIGHBOURS = 8


def _reach_days(row: Row, day_reach: int, approximate_extra: int) -> int:
    if row.precision == "year":
        return 366
    if row.precision == "month":
        return 31
    return day_reach + (approximate_extra if row.approximate else 0)


def candidate_pairs(rows: list[Row], day_reach: int = 3, approximate_extra: int = 7,
                    cap: int = 400, *, cross_reach: int | None = None,
                    keys: Sequence[frozenset[Hashable]] | None = None,
                    concepts: Sequence[frozenset[Hashable]] | None = None,
                    late_keys: Collection[Hashable] = (), late_reach: int | None = None,
                    crowd: int = CROWD, key_crowd: int = KEY_CROWD,
                    neighbours: int = NEIGHBOURS) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` with ``i < j`` worth scoring, sorted.

    ``rows`` must already be in a deterministic order; pairs of rows in one
    file are left out (one agency never repeats itself within a submission).
    ``day_reach``: days apart an agency's own two rows may be one event;
    ``cross_reach`` (default ``day_reach``): two agencies' exactly dated rows;
    ``keys[k]``, ``concepts[k]``: row ``k``'s signature (the words and the
    event concepts of its entry); two agencies' exactly dated rows are paired
    only when they share one (``keys=None``: every row shares one key,
    blocking by day and agency only). Rows sharing a concept form blocks of
    up to ``crowd`` rows before only neighbours are paired, rows sharing a
    word up to ``key_crowd``. Sharing one of ``late_keys`` (a once-in-a-while
    event, whose news may come late) they may be ``late_reach`` days apart.
    """
    n = len(rows)
    if cross_reach is None:
        cross_reach = day_reach
    cross_reach = min(cross_reach, day_reach)
    late_reach = min(max(late_reach or cross_reach, cross_reach), day_reach)
    late_keys = frozenset(late_keys)
    if keys is None:
        keys = [frozenset({None})] * n
    files = [r.provenance.file for r in rows]
    agencies = [r.agency for r in rows]
    pairs: set[int] = set()  # i * n + j for i < j: ints sort several times faster than tuples

    # -- exactly dated rows: blocks by day, agency and key ----------------------------------
    exact = [k for k in range(n) if rows[k].precision == "day" and not rows[k].approximate]
    day_of = [0] * n
    for k in exact:
        day_of[k] = rows[k].date.toordinal()
    by_agency: dict[int, dict[str, list[int]]] = {}
    by_key: dict[int, dict[Hashable, list[int]]] = {}
    for k in exact:
        by_agency.setdefault(day_of[k], {}).setdefault(agencies[k], []).append(k)
        index = by_key.setdefault(day_of[k], {})
        for key in keys[k]:
            index.setdefault((False, key), []).append(k)
        for key in concepts[k] if concepts else ():
            index.setdefault((True, key), []).append(k)
    text_order = {k: (rows[k].event.casefold(), k) for k in exact}
    block = _Blocks(n, files, agencies, neighbours, text_order, pairs)
    days = sorted(by_agency)
    for pos, day in enumerate(days):
        later = days[pos + 1:bisect_right(days, day + day_reach, lo=pos + 1)]
        crowded: set[str] = set()  # agencies whose own rows of this day were paired by neighbours only
        for agency, here in by_agency[day].items():
            rows_in_reach = list(here)
            for other_day in later:
                rows_in_reach.extend(by_agency[other_day].get(agency, ()))
            if not block.pair(rows_in_reach, len(here), crowd, same_agency=True):
                crowded.add(agency)
        for key, here in by_key[day].items():
            is_concept, name = key
            reach = late_reach if is_concept and name in late_keys else cross_reach
            rows_in_reach = list(here)
            for other_day in later:
                if other_day - day <= reach:
                    rows_in_reach.extend(by_key[other_day].get(key, ()))
            if len(rows_in_reach) > 1:
                block.pair(rows_in_reach, len(here), crowd if is_concept else min(key_crowd, crowd),
                           same_agency=False, crowded_agencies=crowded)

    # -- approximate, month- and year-dated rows: their whole reach, at most ``cap`` rows ------
    order = sorted(range(n), key=lambda k: (rows[k].date, k))
    ordinals = [rows[k].date.toordinal() for k in order]
    for pos, k in enumerate(order):
        row = rows[k]
        if row.precision == "day" and not row.approximate:
            continue
        reach = _reach_days(row, day_reach, approximate_extra)
        end = min(bisect_right(ordinals, ordinals[pos] + reach, lo=pos + 1), pos + 1 + cap)
        if row.precision == "day":  # an approximate date may sit a few days after the precise account
            start = max(bisect_right(ordinals, ordinals[pos] - reach - 1, hi=pos), pos - cap)
        else:  # rows of its first day sorted before it
            start = max(bisect_left(ordinals, ordinals[pos], hi=pos), pos - cap)
        file = files[k]
        pairs.update(k * n + other if k < other else other * n + k
                     for other in order[start:end] if other != k and files[other] != file)
    ids = list(range(n))  # the pairs share these index objects instead of two new ints each
    return [(ids[code // n], ids[code % n]) for code in sorted(pairs)]


class _Blocks:
    """Pairs the rows of one block into ``pairs``."""

    def __init__(self, n: int, files: list[str], agencies: list[str], neighbours: int,
                 text_order: dict[int, tuple[str, int]], pairs: set[int]):
        self.n, self.files, self.agencies = n, files, agencies
        self.neighbours, self.text_order, self.pairs = neighbours, text_order, pairs

    def pair(self, block: list[int], first_day: int, crowd: int, same_agency: bool,
             crowded_agencies: set[str] | frozenset[str] = frozenset()) -> bool:
        """Pairs of ``block`` (``block[:first_day]`` the rows of its first day, then those of the
        days after, all within reach) with a row of the first day; False when only neighbours were.

        An agency block pairs its own rows of other files; a key block pairs two agencies' rows
        (and an agency's own when that agency's block was crowded that day).
        """
        n, files, agencies, update = self.n, self.files, self.agencies, self.pairs.update
        if len(block) <= crowd:
            candidates = ((block[x], block[x + 1:]) for x in range(first_day))
            complete = True
        else:  # crowded: each of the first day's rows with its nearest neighbours in text order
            first = set(block[:first_day])
            ordered = sorted(block, key=self.text_order.__getitem__)
            w = self.neighbours
            candidates = ((a, ordered[max(0, x - w):x] + ordered[x + 1:x + w + 1])
                          for x, a in enumerate(ordered) if a in first)
            complete = False
        for a, others in candidates:
            fa, ga = files[a], agencies[a]
            if same_agency or ga in crowded_agencies:
                update(a * n + b if a < b else b * n + a for b in others if files[b] != fa)
            else:
                update(a * n + b if a < b else b * n + a for b in others if agencies[b] != ga and files[b] != fa)
        return complete


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
