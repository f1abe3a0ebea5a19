"""A bounded slice of the fuzz harness (the long run is ``bench/fuzz.py``).

Mutants of the builders' Word, Excel and CSV submissions (zip bytes, XML
structure, table geometry, CSV shape; see ``mutants.py``), fixed seeds:

- each is read as the pipeline reads it: no exception, a status, a reason
  when refused, and at most the rows it has, within a budget of work
  (Python allocations, ``tracemalloc`` peak) -- not seconds;
- a case of the good files plus mutants merges: every good file's rows are
  in the timeline and every mutant is listed with a status.
"""

from __future__ import annotations

import random
import tracemalloc
from collections import Counter

import pytest

from chrono.config import load_config
from chrono.pipeline import CaseOptions, build_chronology
from chrono.read import read_file

from .mutants import SEED_ROWS, mutant, seed_files

#: mutants read one by one in CI (bench/fuzz.py runs thousands)
READ_SLICE = 100
#: what reading one mutant (a few KB, at most ~1 MB) may allocate
PEAK_BYTES = 96 << 20
#: the work each read may do, lowered from the shipped limits so that the slice stays small
LIMITS = {"max_lines_per_file": 20_000, "max_rows_per_file": 10_000, "max_cells_per_file": 200_000,
          "max_merged_cells": 50_000, "max_xml_elements": 400_000}
MAX_LINES = LIMITS["max_lines_per_file"]


def test_every_mutant_is_read_or_refused_within_a_budget_of_work(tmp_path):
    cfg = load_config(extra={"limits": LIMITS})
    rng = random.Random(16)
    statuses: Counter = Counter()
    for number in range(READ_SLICE):
        m = mutant(rng, number)
        path = tmp_path / m.name
        path.write_bytes(m.data)
        tracemalloc.start()
        try:
            result = read_file(path, m.name, cfg)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        path.unlink()
        report = result.report
        statuses[report.status] += 1
        assert report.status in ("ok", "error"), m.recipe
        if report.status == "error":
            assert report.problems and all(len(p) > 20 and "Traceback" not in p for p in report.problems), m.recipe
            assert result.rows == [], m.recipe
        else:
            assert report.rows_read == len(result.rows) <= MAX_LINES, m.recipe
        assert peak < PEAK_BYTES, f"{m.recipe}: allocated {peak >> 20} MiB"
    assert statuses["ok"] and statuses["error"], statuses


@pytest.mark.parametrize("seed", [7, 11])
def test_a_case_with_mutants_keeps_every_good_row_and_lists_every_mutant(tmp_path, seed):
    case = tmp_path / "case"
    case.mkdir()
    for name, data in seed_files().items():
        (case / f"good {name}").write_bytes(data)
    rng = random.Random(seed)
    mutants = [mutant(rng, n) for n in range(12)]
    for m in mutants:
        (case / m.name).write_bytes(m.data)
    chron = build_chronology([str(case)], load_config(extra={"limits": LIMITS}), CaseOptions(child_name="Tilly QUARRINGTON"))
    files = {f.file: f for f in chron.files}
    in_events = Counter(s.provenance.file for e in chron.events for s in e.sources)
    for name in seed_files():
        good = files[f"good {name}"]
        assert good.status == "ok", good.problems
        assert good.rows_read == in_events[good.file] == len(SEED_ROWS)
    skipped = {w.split(": not read (", 1)[0] for w in chron.warnings}
    for m in mutants:
        assert m.name in files or m.name in skipped, f"{m.name} not listed ({m.recipe})"
        if m.name in files and files[m.name].status != "ok":
            assert files[m.name].problems, m.recipe
