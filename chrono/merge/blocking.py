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

The pairs are built a day at a time, each under the row of the two that comes
first, and kept as arrays of row indices (4 bytes a pair): no set of every
pair is ever held.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from typing import Collection, Hashable, Iterable, Iterator, Sequence

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
                    neighbours: int = NEIGHBOURS,
                    also: Iterable[tuple[int, int]] = ()) -> CandidatePairs:
    """Index pairs ``(i, j)``, ``i < j``, worth scoring, each once.

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
    ``also``: pairs found another way (a report and the day it names), joined
    in without repeats.
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
    out = CandidatePairs()

    # -- exactly dated rows: blocks by day, agency and key ----------------------------------
    exact = [r.precision == "day" and not r.approximate for r in rows]
    day_of = [r.date.toordinal() if exact[k] else 0 for k, r in enumerate(rows)]
    by_agency: dict[int, dict[str, list[int]]] = {}
    of_file: dict[str, set[int]] = {}
    # an entry's copies in the later months' files share its day and its keys: indexed together
    alike: dict[int, dict[tuple[int, int], list[int]]] = {}
    for k in range(n):
        if exact[k]:
            by_agency.setdefault(day_of[k], {}).setdefault(rows[k].agency, []).append(k)
            of_file.setdefault(files[k], set()).add(k)
            alike.setdefault(day_of[k], {}).setdefault((id(keys[k]), id(concepts[k]) if concepts else 0),
                                                      []).append(k)
    by_key: dict[int, dict[tuple[bool, Hashable], list[int]]] = {}  # the days in reach only

    def key_index(day: int) -> dict[tuple[bool, Hashable], list[int]]:
        """The day's rows by key (``(False, word)``, ``(True, concept)``), each list in index order."""
        index = by_key.get(day)
        if index is None:
            index = by_key[day] = {}
            for here in alike.pop(day).values():
                for key in keys[here[0]]:
                    index.setdefault((False, key), []).extend(here)
                for key in concepts[here[0]] if concepts else ():
                    index.setdefault((True, key), []).extend(here)
            for here in index.values():
                here.sort()
        return index

    # pairs found another way: one of two exactly dated rows is paired on the day of the first
    pending: dict[int, list[int]] = {}
    coarse: set[int] = set()  # i * n + j, i < j: pairs with a row not dated to the day
    for i, j in also:
        if exact[i] and exact[j]:
            first, other = (i, j) if (day_of[i], i) < (day_of[j], j) else (j, i)
            pending.setdefault(first, []).append(other)
        else:
            coarse.add(i * n + j if i < j else j * n + i)
    blocks = _Blocks(rows, neighbours)
    days = sorted(by_agency)
    for pos, day in enumerate(days):
        later = days[pos + 1:bisect_right(days, day + day_reach, lo=pos + 1)]
        partners: dict[int, set[int]] = {}  # a row of this day -> the rows paired with it
        for agency, here in by_agency[day].items():
            block = list(here)
            for other_day in later:
                block.extend(by_agency[other_day].get(agency, ()))
            blocks.pair(block, len(here), crowd, partners)
        for key, here in key_index(day).items():
            is_concept, name = key
            reach = late_reach if is_concept and name in late_keys else cross_reach
            block = list(here)
            for other_day in later:
                if other_day - day <= reach:
                    block.extend(key_index(other_day).get(key, ()))
            if len(block) > 1:
                blocks.pair(block, len(here), crowd if is_concept else min(key_crowd, crowd), partners)
        del by_key[day]
        if pending:
            for agency_rows in by_agency[day].values():
                for a in agency_rows:
                    got = pending.pop(a, None)
                    if got:
                        partners.setdefault(a, set()).update(got)
        for a, paired in partners.items():
            # one file never holds two accounts of one event
            out.add(a, paired - of_file[files[a]])

    # -- approximate, month- and year-dated rows: their whole reach, at most ``cap`` rows ------
    order = sorted(range(n), key=lambda k: (rows[k].date, k))
    ordinals = [rows[k].date.toordinal() for k in order]
    for pos, k in enumerate(order):
        if exact[k]:
            continue
        row = rows[k]
        reach = _reach_days(row, day_reach, approximate_extra)
        end = min(bisect_right(ordinals, ordinals[pos] + reach, lo=pos + 1), pos + 1 + cap)
        if row.precision == "day":  # an approximate date may sit a few days after the precise account
            start = max(bisect_right(ordinals, ordinals[pos] - reach - 1, hi=pos), pos - cap)
        else:  # rows of its first day sorted before it
            start = max(bisect_left(ordinals, ordinals[pos], hi=pos), pos - cap)
        file = files[k]
        coarse.update(k * n + other if k < other else other * n + k
                      for other in order[start:end] if other != k and files[other] != file)
    group: list[int] = []
    first = -1
    for code in sorted(coarse):
        i, j = divmod(code, n)
        if i != first:
            if group:
                out.add(first, group)
            first, group = i, []
        group.append(j)
    if group:
        out.add(first, group)
    return out


class CandidatePairs:
    """Candidate pairs, each once, grouped by one of their two rows; compact (4 bytes a pair).

    Iterates as ``(i, j)`` tuples with ``i < j`` in a deterministic order;
    :meth:`groups` gives the pairs as ``(row, the rows paired with it)``.
    """

    __slots__ = ("_owners", "_ends", "_partners")

    def __init__(self) -> None:
        self._owners = array("i")
        self._ends = array("q")
        self._partners = array("i")

    def add(self, row: int, partners: Iterable[int]) -> None:
        self._partners.extend(partners)
        self._owners.append(row)
        self._ends.append(len(self._partners))

    def groups(self) -> Iterator[tuple[int, array]]:
        """``(a, partners)``: exactly dated rows' groups come day by day, earliest first."""
        start, partners = 0, self._partners
        for a, end in zip(self._owners, self._ends):
            yield a, partners[start:end]
            start = end

    def __iter__(self) -> Iterator[tuple[int, int]]:
        for a, partners in self.groups():
            for b in partners:
                yield (a, b) if a < b else (b, a)

    def __len__(self) -> int:
        return len(self._partners)


class _Blocks:
    """Pairs the rows of one block into ``partners`` (row -> rows paired with it)."""

    def __init__(self, rows: list[Row], neighbours: int):
        self.rows, self.neighbours = rows, neighbours
        self._text_order: dict[int, tuple[str, int]] = {}

    def text_order(self, k: int) -> tuple[str, int]:
        got = self._text_order.get(k)
        if got is None:
            got = self._text_order[k] = (self.rows[k].event.casefold(), k)
        return got

    def pair(self, block: list[int], first_day: int, crowd: int, partners: dict[int, set[int]]) -> None:
        """Pairs of ``block`` (``block[:first_day]`` the rows of its first day in index order, then
        those of the days after, all within reach), each under its row of the first day (the lower
        index when both are).

        An agency block pairs its own rows, a key block any two rows: an agency's two rows sharing
        a key are paired by that agency's block anyway, unless it was crowded (then they should be).
        """
        if len(block) <= crowd:
            for x in range(first_day):
                a = block[x]
                got = partners.get(a)
                if got is None:
                    partners[a] = set(block[x + 1:])
                else:
                    got.update(block[x + 1:])
            return
        # crowded: each of the first day's rows with its nearest neighbours in text order
        first = set(block[:first_day])
        ordered = sorted(block, key=self.text_order)
        w = self.neighbours
        for x, a in enumerate(ordered):
            if a not in first:
                continue
            for b in ordered[max(0, x - w):x] + ordered[x + 1:x + w + 1]:
                if b in first and b < a:
                    partners.setdefault(b, set()).add(a)
                else:
                    partners.setdefault(a, set()).add(b)


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
