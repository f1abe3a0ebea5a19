"""merge stage: one event per real-world event, every agency's account in ``sources``.

``merge_rows`` is pure: rows in, events out, the same output whatever the
order of the rows. Pairs a person must decide go to the review queue; their
decisions (by content fingerprint) come back in as ``decisions``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field

from chrono.config import Config
from chrono.merge.blocking import candidate_pairs, referenced_pairs
from chrono.merge.clustering import cluster
from chrono.merge.events import build_event, chrono_key
from chrono.merge.history import _file_rank, assign_ids, changes
from chrono.merge.review import (apply_review_csv, content_fingerprint, load_decisions, pair_fingerprint,
                                 row_content, row_fingerprint, save_decisions)
from chrono.merge.scoring import Edges, MergeSettings, Scorer
from chrono.model import Changes, Event, ReviewItem, Row
from chrono.text.dates import NONE

__all__ = ["MergeResult", "merge_rows", "load_decisions", "save_decisions", "apply_review_csv",
           "pair_fingerprint", "row_fingerprint"]


@dataclass
class MergeResult:
    events: list[Event]
    review: list[ReviewItem] = field(default_factory=list)
    changes: Changes = field(default_factory=Changes)


def _row_order(row: Row) -> tuple:
    return (row.provenance.sort_key(), row.agency, row.date, row.event)


def merge_rows(rows: list[Row], cfg: Config, decisions: dict[str, str] | None = None,
               previous: dict | None = None) -> MergeResult:
    """Fold the rows that describe one real event into one :class:`Event`.

    ``decisions`` maps a pair fingerprint (:func:`pair_fingerprint`) to
    ``"same"`` (always merge) or ``"different"`` (never); ``previous`` is the
    last ``chronology.json`` as a dict, so ids stay stable and changes show.
    """
    # many small tuples, none cyclic: the cyclic collector would only add superlinear pauses
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _merge(rows, cfg, decisions, previous)
    finally:
        if collecting:
            gc.enable()


def _rescue_rewordings(edges: Edges, rows: list[Row], scorer: Scorer, high: float) -> Edges:
    """Propose an agency's reworded entry as its own resubmission when nothing else fits.

    Same agency, same date, two monthly files, and each row is the other's only
    plausible counterpart in that file: the entry was edited, not replaced.
    (``edges`` is changed in place and returned.)
    """
    agency, file = scorer.agency, scorer.file
    rescuable = [k for k, (s, i, j) in enumerate(edges)
                 if s < high and agency[i] == agency[j] and scorer.gap(i, j) == 0]
    if not rescuable:
        return edges
    # per (row, file) asked about: the best score of the row with a row of that file, and how many have it
    best: dict[tuple[int, str], list] = {}
    for k in rescuable:
        _, i, j = edges[k]
        best[(i, file[j])] = best[(j, file[i])] = None
    asked = {a for a, _ in best}

    def count(key: tuple[int, str], s: float) -> None:
        if key in best:
            got = best[key]
            if got is None or s > got[0]:
                best[key] = [s, 1]
            elif s == got[0]:
                got[1] += 1

    for s, i, j in edges:
        if i in asked:
            count((i, file[j]), s)
        if j in asked:
            count((j, file[i]), s)
    for k in rescuable:
        s, i, j = edges[k]
        if best[(i, file[j])] == [s, 1] and best[(j, file[i])] == [s, 1]:  # each the other's sole best
            edges.scores[k] = high
    return edges


def _merge(rows: list[Row], cfg: Config, decisions: dict[str, str] | None,
           previous: dict | None) -> MergeResult:
    rows = sorted(rows, key=_row_order)
    decisions = {k: v for k, v in (decisions or {}).items() if v in ("same", "different")}
    settings = MergeSettings.from_config(cfg)
    scorer = Scorer(rows, cfg, settings)
    reach = max(settings.same_agency_max_days, settings.cross_agency_max_days)
    # a report dated when the news came is also compared with the accounts of the day it names
    none: frozenset[int] = frozenset()
    extra = referenced_pairs(rows, [none if r is NONE else r.days for r in scorer.refs], settings.window_cap)
    # another agency's exactly dated row: within its reach (a day more for late news of a rare
    # event), and only when the entries share a word or a concept (no shared key, no score)
    pairs = candidate_pairs(rows, reach, settings.approximate_extra_days, settings.window_cap,
                            cross_reach=settings.cross_agency_max_days, keys=[t.words for t in scorer.texts],
                            concepts=[t.concepts for t in scorer.texts],
                            late_keys=scorer.rare_concepts,
                            late_reach=settings.cross_agency_max_days + settings.late_report_extra_days,
                            also=extra)
    del extra
    forced: list[tuple[int, int]] = []
    vetoed: set[tuple[int, int]] = set()
    decided: dict[tuple[int, int], str] = {}
    if decisions:
        fingerprint = _PairFingerprints(rows)
        for i, j in pairs:
            d = decisions.get(fingerprint(i, j))
            if d:
                decided[(i, j)] = d
                (forced.append((i, j)) if d == "same" else vetoed.add((i, j)))
    edges = _rescue_rewordings(scorer.edges(pairs, settings.low), rows, scorer, settings.high)
    del pairs
    pair_score = scorer.pair_score

    def link_score(i: int, j: int) -> float:
        key = (i, j) if i < j else (j, i)
        if decided and key in decided:
            return 1.0 if decided[key] == "same" else 0.0
        return pair_score(*key)

    groups = cluster(len(rows), edges, link_score, settings.low, forced, vetoed, settings.high)
    owner = [0] * len(rows)
    for g, members in enumerate(groups):
        for m in members:
            owner[m] = g

    # review queue: the best middling pair between two groups, once per pair of groups;
    # groups sharing a file could never merge (one file never repeats an event), so no question
    files: dict[int, set[str]] = {}  # of the groups asked about
    answered = {(min(owner[i], owner[j]), max(owner[i], owner[j])) for i, j in decided}
    best: dict[tuple[int, int], tuple[float, int, int]] = {}
    high = settings.high
    for s, i, j in edges:
        if s >= high:
            continue
        gi, gj = owner[i], owner[j]
        if gi == gj or (decided and (i, j) in decided):
            continue
        key = (gi, gj) if gi < gj else (gj, gi)
        if key in answered:
            continue
        for g in key:
            if g not in files:
                files[g] = {scorer.file[m] for m in groups[g]}
        if files[gi] & files[gj]:
            continue
        if key not in best or (s, -i, -j) > (best[key][0], -best[key][1], -best[key][2]):
            best[key] = (s, i, j)
    del edges
    pending_groups: set[int] = set()
    review: list[ReviewItem] = []
    for (gi, gj), (s, i, j) in sorted(best.items(), key=lambda kv: (kv[1][1], kv[1][2])):
        review.append(ReviewItem(fingerprint=pair_fingerprint(rows[i], rows[j]), left=rows[i],
                                 right=rows[j], score=round(s, 3), reason=scorer.reason(i, j)))
        pending_groups.update((gi, gj))

    rank = _file_rank(rows)
    row_groups = [[rows[m] for m in members] for members in groups]
    order = sorted(range(len(groups)), key=lambda g: chrono_key(row_groups[g], rank))
    ids, new_ids = assign_ids([row_groups[g] for g in order], previous)
    events: list[Event] = []
    for eid, g in zip(ids, order):
        members = groups[g]
        conf = min((link_score(a, b) for x, a in enumerate(members) for b in members[x + 1:]), default=1.0)
        ev = build_event(eid, row_groups[g], rank, conf)
        ev.needs_review = ev.needs_review or g in pending_groups
        events.append(ev)
    return MergeResult(events=events, review=review, changes=changes(events, new_ids, previous, rows, rank))


class _PairFingerprints:
    """:func:`pair_fingerprint` of rows by index, hashed once per pair of distinct contents."""

    def __init__(self, rows: list[Row]):
        self.content = [row_content(r) for r in rows]
        self._memo: dict[tuple[str, str], str] = {}

    def __call__(self, i: int, j: int) -> str:
        key = (self.content[i], self.content[j])
        got = self._memo.get(key)
        if got is None:
            got = self._memo[key] = content_fingerprint(*key)
        return got
