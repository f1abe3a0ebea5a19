"""Merge-stage benchmark: synthetic cases of 5k, 20k and 80k rows (the merge stage alone).

This times ``merge_rows`` on rows it makes itself, nothing else: it is not
the end-to-end figure a user waits for. For that (reading real Word and
Excel files, tagging, flags and all four outputs) see ``bench/end_to_end.py``.

Realistic shape: 8 agencies, each submitting its cumulative chronology in 3
monthly rounds (so most entries appear 2-3 times, some re-typed), weekly
identically-worded CP visits, and incidents reported by 2-3 agencies a day
apart. Prints rows/second and the time growth per doubling of rows (should stay
well under 2.3x: the merge compares each row with a few days' neighbours only).

    python bench/merge.py [--sizes 5000,20000,80000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import time

from chrono.config import load_config
from chrono.merge import merge_rows
from chrono.model import Provenance, Row

AGENCIES = ["Police", "Children's Social Care", "Health Visiting", "School", "GP",
            "Emergency Department", "Probation", "Housing"]
ROUTINE = {
    "Police": ["Intel: {p} associating with known drug users", "ASB at address - loud music. Words of advice given"],
    "Children's Social Care": ["CP visit, child seen alone", "Home visit - home conditions adequate", "Core group meeting"],
    "Health Visiting": ["HV home visit - weight {w}kg, development on track", "HV clinic contact - child weighed"],
    "School": ["Attendance {a}% this half term", "Child arrived late and hungry - given toast"],
    "GP": ["GP appt - {c}", "Repeat prescription issued (emollient)"],
    "Emergency Department": ["ED attendance - {c}", "Re-attended ED - {c}"],
    "Probation": ["Supervision appt attended - {p} discussed relationship", "Licence conditions reviewed with {p}"],
    "Housing": ["Housing officer visit - damp and mould, repairs raised", "Rent arrears letter sent"],
}
INCIDENTS = [
    ("Police", "Report of DA at address. {p} arrested", [("Children's Social Care", "PPN received re DA incident last night"),
                                                         ("School", "Operation Encompass notification - police called to home")]),
    ("Children's Social Care", "ICPC - child made subject of CP plan", [("Health Visiting", "ICPC - CP plan agreed, HV report submitted"),
                                                                        ("GP", "ICPC report sent - GP unable to attend")]),
    ("Emergency Department", "ED attendance - {c}", [("GP", "A&E letter received - {c}"), ("Health Visiting", "Notification of ED attendance - {c}")]),
]
PEOPLE = ["Carl", "Shane", "Marcin", "Ryan", "Gary"]
COMPLAINTS = ["wheeze", "head injury", "vomiting and diarrhoea", "burn to hand", "earache"]


def fill(template: str, rnd: random.Random) -> str:
    return template.format(p=rnd.choice(PEOPLE), w=f"{rnd.uniform(4, 20):.1f}", a=rnd.randint(70, 99),
                           c=rnd.choice(COMPLAINTS))


def synthetic_rows(target: int, seed: int = 7) -> list[Row]:
    """About ``target`` rows: 3 cumulative rounds of 8 agencies' submissions."""
    rnd = random.Random(seed)
    per_month = 12  # entries per agency per month
    months = max(3, math.ceil(target / (len(AGENCIES) * per_month * 2.65)))
    start = dt.date(2000, 1, 1)
    entries: list[tuple[str, dt.date, str | None, str]] = []  # agency, date, time, text
    for m in range(months):
        base = start + dt.timedelta(days=30 * m)
        for agency in AGENCIES:
            for _ in range(per_month - 2):
                day = base + dt.timedelta(days=rnd.randrange(30))
                entries.append((agency, day, None, fill(rnd.choice(ROUTINE[agency]), rnd)))
        for k in range(4):  # weekly CP visits, same words
            entries.append(("Children's Social Care", base + dt.timedelta(days=7 * k), "10:00", "CP visit, child seen alone"))
        lead, text, others = rnd.choice(INCIDENTS)
        day = base + dt.timedelta(days=rnd.randrange(28))
        text = fill(text, rnd)
        entries.append((lead, day, f"{rnd.randrange(8, 23)}:{rnd.choice(['00', '30'])}", text))
        for agency, other in others:
            entries.append((agency, day + dt.timedelta(days=rnd.randrange(2)), None, fill(other, rnd)))
    last = start + dt.timedelta(days=30 * months)
    rows: list[Row] = []
    for rnd_no in range(3):  # cumulative rounds: each repeats the earlier entries
        cutoff = last - dt.timedelta(days=30 * (2 - rnd_no))
        submitted = cutoff
        counters: dict[str, int] = {}
        for agency, day, tm, text in entries:
            if day > cutoff:
                continue
            if rnd.random() < 0.02:
                text = text.replace("visit", "vist")  # a typo, fixed or made next month
            file = f"{agency} chronology round {rnd_no + 1}.docx"
            counters[file] = counters.get(file, 1) + 1
            rows.append(Row(provenance=Provenance(file, 2, counters[file]), raw={}, date=day,
                            time=tm, event=text, agency=agency, submitted=submitted))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5000,20000,80000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept")
    args = parser.parse_args()
    cfg = load_config()
    previous: tuple[int, float] | None = None
    for size in (int(s) for s in args.sizes.split(",")):
        rows = synthetic_rows(size)
        best_wall = best_cpu = float("inf")
        for _ in range(args.repeat):  # best of N: other processes on the machine only add time
            wall, cpu = time.perf_counter(), time.process_time()
            result = merge_rows(rows, cfg)
            best_wall = min(best_wall, time.perf_counter() - wall)
            best_cpu = min(best_cpu, time.process_time() - cpu)
        line = (f"{len(rows):>7} rows  {len(result.events):>7} events  wall {best_wall:6.2f} s  "
                f"cpu {best_cpu:6.2f} s  {len(rows) / best_wall:7.0f} rows/s")
        if previous:
            doublings = math.log2(len(rows) / previous[0])
            line += f"  growth per doubling (cpu) {(best_cpu / previous[1]) ** (1 / doublings):.2f}x"
        print(line, flush=True)
        previous = (len(rows), best_cpu)

if __name__ == "__main__":
    main()
