"""The merge's fast paths do what the plain rules say, and its work grows with the rows.

Work is measured (pairs compared, pairs scored), never seconds. Each fast path
is checked against the slow one it stands for, on generated rows: the score
memo by row class against scoring every pair, blocking against the blocking
rules applied block by block, clustering against plain complete linkage.
"""

from __future__ import annotations

import datetime as dt
import random
from bisect import bisect_left, bisect_right

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

import chrono.merge as merge_pkg
from chrono.merge import merge_rows
from chrono.merge.blocking import candidate_pairs, referenced_pairs
from chrono.merge.clustering import cluster
from chrono.merge.scoring import MergeSettings, Scorer, _sorted_words, _token_sort_ratio
from tests.merge.rowkit import make_row

# -- generated rows: a week of a few agencies' entries, resubmitted in later months' files --------

ENTRIES = {
    "Police": ["Report of domestic abuse at 4 Fenn Road, Carl arrested",
               "Welfare check at home address, all calm",
               "Concern for welfare call - Kai found at Wexley Park after overdose"],
    "Children's Social Care": ["PPN received re domestic abuse incident last night, Carl arrested",
                               "Home visit - home conditions poor, mother engaged",
                               "Home visit, home conditions poor; mother engaged well",
                               "Core group meeting",
                               "Police information received re stop search of Kai on 03/04",
                               "CIN visit. Mum says the family moved to Kingsmead hostel"],
    "School": ["Operation Encompass notification - police called to home overnight",
               "Kai absent yesterday - was at the walk-in centre with a head injury",
               "Family moved to Kingsmead hostel, new address given"],
    "GP": ["A&E letter received - head injury",
           "Discharge summary received: admitted 02/04 with head injury",
           "Registered with Tilbury Surgery"],
    "Emergency Department": ["ED attendance - head injury, discharged home"],
}
AGENCIES = sorted(ENTRIES)
WEEK = dt.date(2024, 4, 1)

entry = st.tuples(
    st.sampled_from(AGENCIES),
    st.integers(0, 5),                                          # which of the agency's entries
    st.integers(0, 4),                                          # day of the week
    st.sampled_from([None, None, "09:00", "09:30", "14:00"]),   # time
    st.sampled_from(["day"] * 6 + ["month", "year", "approximate"]),
    st.integers(1, 3),                                          # monthly files it appears in
    st.sampled_from(["", "", "date", "time"]),                  # re-typed in the last file: a day later, 2 h later
)


def build_rows(entries) -> list:
    """Each entry in its first ``rounds`` monthly files (one file per agency a month)."""
    rows, next_row = [], {}
    for agency, which, day, time, precision, rounds, retyped in entries:
        text = ENTRIES[agency][which % len(ENTRIES[agency])]
        date = WEEK + dt.timedelta(days=day)
        if precision == "month":
            date = date.replace(day=1)
        elif precision == "year":
            date = date.replace(month=1, day=1)
        for r in range(1, rounds + 1):
            file = f"{agency} round {r}.docx"
            next_row[file] = next_row.get(file, 1) + 1
            last = r == rounds > 1
            shift = dt.timedelta(days=1 if last and retyped == "date" and precision == "day" else 0)
            when = f"{int(time[:2]) + 2:02d}{time[2:]}" if last and retyped == "time" and time else time
            rows.append(make_row(file, next_row[file], (date + shift).isoformat(), text, agency, time=when,
                                 precision="day" if precision == "approximate" else precision,
                                 approximate=precision == "approximate"))
    return rows


def in_merge_order(rows):
    return sorted(rows, key=merge_pkg._row_order)


rows_strategy = st.lists(entry, min_size=2, max_size=9).map(build_rows)
examples = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# -- the score memo by row class ------------------------------------------------------------------

@examples
@given(rows_strategy)
def test_scores_remembered_by_row_class_are_the_scores(cfg, rows):
    rows = in_merge_order(rows)
    fast, slow = Scorer(rows, cfg), Scorer(rows, cfg)
    for i in range(len(rows)):
        for j in range(len(rows)):
            if i != j:
                assert fast.pair_score(i, j) == slow.score(i, j), (i, j)


def test_an_episodes_end_day_keeps_its_row_apart_from_a_copy_without_one(cfg):
    # the same report, once written as an episode (its first day is named too): other classes
    letter = "Discharge summary received: admitted 02/04 with head injury"
    rows = in_merge_order([
        make_row("GP round 1.docx", 2, "2024-04-05", letter, "GP"),
        make_row("GP round 2.docx", 2, "2024-04-05", letter, "GP"),
        make_row("ED.docx", 2, "2024-04-05", "ED attendance - head injury, discharged home", "Emergency Department"),
    ])
    ed, plain, episode = (next(k for k, r in enumerate(rows) if r.provenance.file == f)
                          for f in ("ED.docx", "GP round 1.docx", "GP round 2.docx"))
    rows[episode].date_end = dt.date(2024, 4, 6)
    fast, slow = Scorer(rows, cfg), Scorer(rows, cfg)
    assert fast.row_class[plain] != fast.row_class[episode]
    got = [fast.pair_score(ed, k) for k in (plain, episode)]
    assert got == [slow.score(ed, k) for k in (plain, episode)]
    assert got[0] != got[1]


@examples
@given(rows_strategy)
def test_edges_are_the_candidate_pairs_scoring_at_least_the_floor(cfg, rows):
    rows = in_merge_order(rows)
    s = MergeSettings.from_config(cfg)
    scorer, slow = Scorer(rows, cfg, s), Scorer(rows, cfg, s)
    pairs = candidate_pairs(rows, 3, s.approximate_extra_days, s.window_cap, cross_reach=s.cross_agency_max_days,
                            keys=[t.words for t in scorer.texts], concepts=[t.concepts for t in scorer.texts],
                            also=referenced_pairs(rows, [r.days for r in scorer.refs]))
    want = sorted((slow.score(i, j), i, j) for i, j in pairs if slow.score(i, j) >= s.low)
    assert sorted(scorer.edges(pairs, s.low)) == want
    assert scorer.pairs_compared == len(pairs)
    assert scorer.pairs_scored <= len(pairs)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30), st.text(max_size=30))
def test_words_sorted_once_compare_as_token_sort_ratio(a, b):
    assert _token_sort_ratio(a, b, _sorted_words(a), _sorted_words(b)) == fuzz.token_sort_ratio(a, b)


# -- blocking ---------------------------------------------------------------------------------------

def rule_by_rule_pairs(rows, keys, concepts, *, day_reach, cross_reach, late_keys, late_reach, crowd,
                       key_crowd, neighbours, approximate_extra=7, cap=400, also=()):
    """The blocking rules (chrono/merge/blocking.py's docstring) applied block by block, each pair
    checked on its own: an agency's rows within ``day_reach``; two agencies' rows sharing a word or
    a concept within ``cross_reach`` (``late_reach`` for ``late_keys``); a crowded block pairs text
    neighbours only, and then an agency's own rows sharing a key are paired too."""
    n = len(rows)
    files = [r.provenance.file for r in rows]
    agencies = [r.agency for r in rows]
    exact = [k for k in range(n) if rows[k].precision == "day" and not rows[k].approximate]
    day = {k: rows[k].date.toordinal() for k in exact}
    pairs = set(also)

    def pair(block, first_day, limit, allowed):
        if len(block) <= limit:
            candidates = [(block[x], b) for x in range(first_day) for b in block[x + 1:]]
        else:
            ordered = sorted(block, key=lambda k: (rows[k].event.casefold(), k))
            first = set(block[:first_day])
            candidates = [(a, b) for x, a in enumerate(ordered) if a in first
                          for b in ordered[max(0, x - neighbours):x] + ordered[x + 1:x + neighbours + 1]]
        pairs.update((min(a, b), max(a, b)) for a, b in candidates if files[a] != files[b] and allowed(a, b))
        return len(block) <= limit

    def block_of(d, reach, has):
        here = sorted(k for k in exact if day[k] == d and has(k))
        later = sorted((k for k in exact if d < day[k] <= d + reach and has(k)), key=lambda k: (day[k], k))
        return here + later, len(here)

    for d in sorted(set(day.values())):
        crowded = set()
        for agency in sorted({agencies[k] for k in exact if day[k] == d}):
            block, first_day = block_of(d, day_reach, lambda k: agencies[k] == agency)
            if not pair(block, first_day, crowd, lambda a, b: True):
                crowded.add(agency)
        today = [k for k in exact if day[k] == d]
        for is_concept, signature in ((False, keys), (True, concepts)):
            for key in sorted({x for k in today for x in signature[k]}, key=repr):
                reach = late_reach if is_concept and key in late_keys else cross_reach
                block, first_day = block_of(d, reach, lambda k: key in signature[k])
                if len(block) > 1:
                    pair(block, first_day, crowd if is_concept else min(key_crowd, crowd),
                         lambda a, b: agencies[a] != agencies[b] or agencies[a] in crowded)
    order = sorted(range(n), key=lambda k: (rows[k].date, k))
    ordinals = [rows[k].date.toordinal() for k in order]
    for pos, k in enumerate(order):
        if k in day:
            continue
        reach = {"year": 366, "month": 31}.get(rows[k].precision, day_reach + approximate_extra)
        end = min(bisect_right(ordinals, ordinals[pos] + reach, lo=pos + 1), pos + 1 + cap)
        if rows[k].precision == "day":
            start = max(bisect_right(ordinals, ordinals[pos] - reach - 1, hi=pos), pos - cap)
        else:
            start = max(bisect_left(ordinals, ordinals[pos], hi=pos), pos - cap)
        pairs.update((min(k, o), max(k, o)) for o in order[start:end] if o != k and files[o] != files[k])
    return pairs


@examples
@given(st.lists(entry, min_size=2, max_size=14).map(build_rows), st.integers(2, 6), st.integers(2, 5),
       st.integers(1, 2))
def test_blocking_pairs_the_rows_its_rules_pair_each_once(cfg, rows, crowd, key_crowd, neighbours):
    # small crowd thresholds: most blocks of a generated week are crowded, some are not
    rows = in_merge_order(rows)
    s = MergeSettings.from_config(cfg)
    scorer = Scorer(rows, cfg, s)
    keys, concepts = [t.words for t in scorer.texts], [t.concepts for t in scorer.texts]
    also = referenced_pairs(rows, [r.days for r in scorer.refs])
    options = dict(day_reach=3, cross_reach=2, late_keys=s.rare_concepts, late_reach=3, crowd=crowd,
                   key_crowd=key_crowd, neighbours=neighbours)
    got = list(candidate_pairs(rows, 3, keys=keys, concepts=concepts, also=also,
                               **{k: v for k, v in options.items() if k != "day_reach"}))
    assert all(i < j for i, j in got)
    assert len(got) == len(set(got))
    assert set(got) == rule_by_rule_pairs(rows, keys, concepts, also=also, **options)


# -- clustering ---------------------------------------------------------------------------------

def plain_complete_linkage(n, edges, pair_score, link, forced, vetoed, high):
    """Best proposal first; two clusters join only if every cross pair reaches ``link``."""
    owner = list(range(n))
    members = {i: [i] for i in range(n)}

    def vetoes(a, b):
        return any((min(x, y), max(x, y)) in vetoed for x in a for y in b)

    def join(ca, cb):
        keep, gone = min(ca, cb), max(ca, cb)
        for m in members[gone]:
            owner[m] = keep
        members[keep].extend(members.pop(gone))

    for i, j in sorted(forced):
        if owner[i] != owner[j] and not vetoes(members[owner[i]], members[owner[j]]):
            join(owner[i], owner[j])
    for score, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        if score < high:
            break
        ca, cb = owner[i], owner[j]
        if ca != cb and not vetoes(members[ca], members[cb]) \
                and all(pair_score(x, y) >= link for x in members[ca] for y in members[cb]):
            join(ca, cb)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 12).flatmap(lambda n: st.tuples(
    st.just(n),
    st.dictionaries(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]),
                    st.sampled_from([0.0, 0.3, 0.6, 0.7, 0.8, 0.85, 0.9, 1.0])),
    st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]), max_size=2),
    st.sets(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] < p[1]), max_size=2))))
def test_clustering_joins_as_plain_complete_linkage_does(case):
    n, scores, forced, vetoed = case

    def pair_score(i, j):
        return scores.get((min(i, j), max(i, j)), 0.0)

    edges = [(s, i, j) for (i, j), s in sorted(scores.items()) if s >= 0.55]
    assert cluster(n, edges, pair_score, 0.55, forced, vetoed, 0.8) == \
        plain_complete_linkage(n, edges, pair_score, 0.55, forced, vetoed, 0.8)


# -- the whole merge -------------------------------------------------------------------------------

def events_of(result):
    return sorted(sorted((r.provenance.file, r.provenance.row) for r in e.sources) for e in result.events)


@examples
@given(rows_strategy, st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_the_order_of_the_rows(cfg, rows, rnd):
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    first, second = merge_rows(rows, cfg), merge_rows(shuffled, cfg)
    assert events_of(first) == events_of(second)
    assert [r.fingerprint for r in first.review] == [r.fingerprint for r in second.review]


# -- work ------------------------------------------------------------------------------------------

WHAT = ["home visit", "telephone call", "strategy discussion", "welfare check", "appointment", "meeting",
        "letter sent", "clinic contact", "referral received", "report shared"]
WHO = ["mother", "father", "Carl", "grandmother", "Shane", "the aunt", "Marcin", "the neighbour"]
ABOUT = ["rent arrears", "damp", "speech delay", "head lice", "bedtime", "nursery", "cannabis", "dog bite",
         "weight loss", "school uniform", "bus pass", "eczema", "football club", "new partner"]
EIGHT = ["Police", "Children's Social Care", "Health Visiting", "School", "GP", "Emergency Department",
         "Probation", "Housing"]


def busy_day(entries: int, rounds: int = 3, days: int = 1, seed: int = 3) -> list:
    """``entries`` distinct entries from eight agencies (on one day, or spread over ``days``), each
    agency resubmitting them all in ``rounds`` monthly files."""
    rnd = random.Random(seed)
    texts: set[tuple[str, str]] = set()
    while len(texts) < entries:
        texts.add((rnd.choice(EIGHT), f"{rnd.choice(WHAT).capitalize()} with {rnd.choice(WHO)} re "
                                      f"{rnd.choice(ABOUT)}, {rnd.choice(ABOUT)} also discussed"))
    first = dt.date(2025, 3, 3)
    return [make_row(f"{agency} round {r}.docx", n + 2, (first + dt.timedelta(days=n % days)).isoformat(), text,
                     agency)
            for r in range(1, rounds + 1) for n, (agency, text) in enumerate(sorted(texts))]


@pytest.fixture
def merge_work(cfg, monkeypatch):
    """Merge rows; the work the merge's scorer did: (pairs compared, pairs scored)."""
    scorers = []

    class Recording(Scorer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            scorers.append(self)

    monkeypatch.setattr(merge_pkg, "Scorer", Recording)

    def run(rows):
        merge_rows(rows, cfg)
        return scorers[-1].pairs_compared, scorers[-1].pairs_scored
    return run


def test_a_busy_day_scores_few_pairs_and_twice_the_entries_about_twice_the_pairs(merge_work):
    rows = busy_day(300)
    assert len(rows) == 900
    compared, scored = merge_work(rows)
    assert compared < 40 * len(rows) < len(rows) ** 2 / 20  # never every pair of the day
    assert scored < 10 * len(rows)  # an entry's copies in the later files are scored with it, once
    compared_doubled, scored_doubled = merge_work(busy_day(600))
    assert compared_doubled < 2.3 * compared
    assert scored_doubled < 2.3 * scored


def test_another_months_copies_add_pairs_but_no_scoring(merge_work):
    # a quiet month (no crowded block): each pair of entries is compared whatever the copies
    compared, scored = merge_work(busy_day(60, rounds=2, days=30))
    compared_more, scored_more = merge_work(busy_day(60, rounds=3, days=30))
    assert compared_more > 2 * compared
    assert scored_more == scored
