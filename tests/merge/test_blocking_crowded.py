"""Blocking stays near-linear on a crowded day and folds it as comparing every pair would.

Work is measured (pairs produced), never seconds.
"""

from __future__ import annotations

import functools
import random

import chrono.merge as merge_pkg
from chrono.merge import merge_rows
from chrono.merge.blocking import candidate_pairs
from chrono.merge.scoring import MergeSettings, Scorer
from tests.merge.rowkit import make_row

AGENCIES = ["Police", "Children's Social Care", "Health Visiting", "School", "GP"]
WHAT = ["home visit", "telephone call", "strategy discussion", "welfare check", "appointment", "meeting",
        "letter sent", "clinic contact", "referral received", "report shared"]
WHO = ["mother", "father", "Carl", "grandmother", "Shane", "the aunt", "Marcin", "the neighbour"]
ABOUT = ["rent arrears", "damp", "speech delay", "head lice", "bedtime", "nursery", "cannabis", "dog bite",
         "weight loss", "school uniform", "bus pass", "eczema", "football club", "new partner"]


def crowded_day(distinct_per_agency: int = 40, rounds: int = 3, seed: int = 5):
    """One day with ``distinct_per_agency`` entries from each of five agencies, each agency resubmitting
    them all in ``rounds`` monthly files: hundreds of rows on one date."""
    rnd = random.Random(seed)
    texts: dict[str, list[str]] = {}
    for agency in AGENCIES:
        seen: set[str] = set()
        while len(seen) < distinct_per_agency:
            seen.add(f"{rnd.choice(WHAT).capitalize()} with {rnd.choice(WHO)} re {rnd.choice(ABOUT)}, "
                     f"{rnd.choice(ABOUT)} also discussed")
        texts[agency] = sorted(seen)
    rows = []
    for r in range(rounds):
        for agency in AGENCIES:
            for n, text in enumerate(texts[agency]):
                rows.append(make_row(f"{agency} round {r + 1}.docx", n + 2, "2025-03-14", text, agency))
    return rows


def _pairs(rows, cfg):
    settings = MergeSettings.from_config(cfg)
    scorer = Scorer(rows, cfg, settings)
    return candidate_pairs(rows, 3, 7, 400, cross_reach=2, keys=[t.words for t in scorer.texts],
                           concepts=[t.concepts for t in scorer.texts])


def test_crowded_day_is_not_compared_all_against_all(cfg):
    rows = crowded_day()
    assert len(rows) == 600
    pairs = _pairs(rows, cfg)
    all_pairs_of_other_files = 600 * 400 // 2
    assert len(pairs) < 30 * len(rows) < all_pairs_of_other_files / 4
    # twice the rows on the day: about twice the pairs, not four times
    doubled = crowded_day(distinct_per_agency=80)
    assert len(_pairs(doubled, cfg)) < 2.3 * len(pairs)


def test_crowded_day_folds_as_comparing_every_pair_would(cfg, monkeypatch):
    rows = crowded_day()
    blocked = merge_rows(rows, cfg)
    monkeypatch.setattr(merge_pkg, "candidate_pairs", functools.partial(candidate_pairs, crowd=10 ** 9))
    exhaustive = merge_rows(rows, cfg)
    assert [[r.provenance for r in e.sources] for e in blocked.events] == \
        [[r.provenance for r in e.sources] for e in exhaustive.events]
    # every entry's three monthly copies are one event, whatever else the day holds
    assert len(blocked.events) <= 5 * 40


def test_quiet_days_lose_no_pair_worth_scoring(cfg):
    """Below the crowd threshold the blocks are exact: every pair scoring at least ``low`` within
    three days is a candidate (or a pair of a report with the day it names)."""
    rnd = random.Random(9)
    rows = []
    for r in range(2):
        for n in range(60):
            agency = AGENCIES[n % 5]
            text = f"{rnd.choice(WHAT).capitalize()} with {rnd.choice(WHO)} re {rnd.choice(ABOUT)}"
            rows.append(make_row(f"{agency} round {r + 1}.docx", n + 2, f"2025-03-{10 + n % 4:02d}", text, agency))
    rows = sorted(rows, key=merge_pkg._row_order)
    settings = MergeSettings.from_config(cfg)
    scorer = Scorer(rows, cfg, settings)
    pairs = set(_pairs(rows, cfg))
    worth = {(i, j) for i in range(len(rows)) for j in range(i + 1, len(rows))
             if scorer.score(i, j) >= settings.low}
    assert worth and worth <= pairs
