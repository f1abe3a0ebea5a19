"""Group rows into events without ever chaining two different events together.

Pairs are taken best first. Two groups join only when *every* row of one is
compatible with *every* row of the other (complete linkage): no two rows of
one file, no dates too far apart, no clashing times, no pair a person marked
"different", and every cross pair at least worth a review. A chain A~B~C where
A and C are plainly different can therefore never form.
"""

from __future__ import annotations

from typing import Callable, Iterable

PairScore = Callable[[int, int], float]


def cluster(n: int, edges: Iterable[tuple[float, int, int]], pair_score: PairScore, link: float,
            forced: list[tuple[int, int]] = (), vetoed: set[tuple[int, int]] = frozenset(),
            high: float = 0.8) -> list[list[int]]:
    """Clusters of indices ``0..n-1``, each sorted, in order of their first member.

    ``edges`` are ``(score, i, j)``; those scoring at least ``high`` are merge
    proposals. ``pair_score(i, j)`` scores any pair (0 = incompatible) and
    ``link`` is the least score every cross pair of a merge must reach.
    ``forced`` pairs (a person said "same") are joined first; ``vetoed`` pairs
    (a person said "different") may never share a cluster.
    """
    owner = list(range(n))
    members: list[list[int] | None] = [[i] for i in range(n)]
    # clusters known never to join: a cross pair that failed stays in both as they grow
    apart: dict[int, set[int]] = {}

    def vetoes(a: list[int], b: list[int]) -> bool:
        return bool(vetoed) and any((min(x, y), max(x, y)) in vetoed for x in a for y in b)

    def join(ca: int, cb: int) -> None:
        keep, gone = min(ca, cb), max(ca, cb)
        moved = members[gone]
        for m in moved:
            owner[m] = keep
        members[keep].extend(moved)
        members[gone] = None
        for other in apart.pop(gone, ()):
            apart[other].discard(gone)
            apart[other].add(keep)
            apart.setdefault(keep, set()).add(other)

    def keep_apart(ca: int, cb: int) -> None:
        apart.setdefault(ca, set()).add(cb)
        apart.setdefault(cb, set()).add(ca)

    for i, j in sorted(forced):
        ca, cb = owner[i], owner[j]
        if ca != cb and not vetoes(members[ca], members[cb]):
            join(ca, cb)

    # the proposals best first, then by (i, j): i * n + j sorts as (i, j)
    proposals: dict[float, list[int]] = {}
    for score, i, j in edges:
        if score >= high:
            proposals.setdefault(score, []).append(i * n + j)
    for score in sorted(proposals, reverse=True):
        for code in sorted(proposals.pop(score)):
            i, j = divmod(code, n)
            ca, cb = owner[i], owner[j]
            if ca == cb or (ca in apart and cb in apart[ca]):
                continue
            a, b = members[ca], members[cb]
            if vetoes(a, b) or not all(pair_score(x, y) >= link for x in a for y in b):
                keep_apart(ca, cb)
            else:
                join(ca, cb)
    return [sorted(m) for m in members if m is not None]
