"""End to end: the whole ``chrono merge`` on generated cases, stage by stage, beside the floor.

    python bench/end_to_end.py                          # samples/, 200, 2k, 20k, 80k rows
    python bench/end_to_end.py --sizes samples,2000     # only some
    python bench/end_to_end.py --sizes 80000 --keep /tmp/e2e   # reuse generated cases across runs

Each case is a folder of real Word and Excel files (written with python-docx
and openpyxl) from eight agencies, three cumulative monthly rounds (each
round repeats the earlier entries, a few re-typed), dozens of entries a day,
incidents reported by two or three agencies, as a key worker receives them.
Each case is merged twice, each time in a fresh Python process with every
output: once as a user types it (``chrono merge CASE -o OUT``), which gives
the wall time, CPU and peak RSS; once with the stage functions wrapped to
report CPU seconds per stage (wrapping imports every writer up front, so that
run is not timed). Beside it, the
floor: a bare python-docx/openpyxl loop over the same files (open, visit
every cell's text, then write a bare table and sheet of the same size), which
no reader can beat. The floor is measured twice: CPU in this process, and wall
in a fresh Python process (start-up and the two libraries' imports included),
which is what ``wall / floor`` compares chrono's wall time with.

Columns: rows read, events, wall s, CPU s (imports, read, normalise, merge
[blocking, scorer, clustering], annotate/tag, flags, json, chart, docx,
xlsx), peak RSS, rows/s, growth of CPU per doubling of rows, floor s and
wall/floor. ``bench/merge.py`` times the merge stage alone on rows it makes
itself: it is not the end-to-end figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: The measured processes run as on a user's machine: Python keeps compiled modules
#: (some shells and CI set PYTHONDONTWRITEBYTECODE, which recompiles chrono every run).
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
AGENCIES = {  # agency -> (file name, format)
    "Police": ("Police chronology", "xlsx"),
    "Children's Social Care": ("CSC chronology", "docx"),
    "Health Visiting": ("HV chronology", "docx"),
    "School": ("School chronology", "docx"),
    "GP": ("GP chronology", "xlsx"),
    "Emergency Department": ("ED liaison chronology", "xlsx"),
    "Probation": ("Probation chronology", "docx"),
    "Housing": ("Housing chronology", "xlsx"),
}
ROUTINE = {
    "Police": ["Intel: {p} seen associating with known drug users on {street}",
               "ASB call to {street} - loud music, words of advice given to {p}",
               "Welfare check at home address, {p} present, all calm",
               "{p} stopped in vehicle on {street}, no further action",
               "Neighbour dispute on {street} reported, officers attended"],
    "Children's Social Care": ["CP visit, child seen alone in bedroom, {mood}",
                               "Home visit - home conditions {home}, mother engaged",
                               "Unannounced visit, no answer at door, card left",
                               "Telephone call with mother re {topic}",
                               "Strategy discussion with police re {topic}"],
    "Health Visiting": ["HV home visit - weight {w}kg, development on track, {mood}",
                        "HV clinic contact - child weighed {w}kg",
                        "Telephone contact with mother re {topic}",
                        "Was not brought to {clinic} appointment"],
    "School": ["Attendance {a}% this half term", "Child arrived late and hungry, given toast",
               "Child {mood} in class, spoke to class teacher about {topic}",
               "Absent from school, no reason given by {p}", "Pastoral check-in with learning mentor"],
    "GP": ["GP appointment - {c}, advice given", "Repeat prescription issued ({drug})",
           "Did not attend GP appointment for {c}", "GP telephone consultation with mother re {c}"],
    "Emergency Department": ["ED attendance - {c}, discharged home", "Re-attended ED with {c}",
                             "Paediatric liaison review of attendance for {c}"],
    "Probation": ["Supervision appointment attended - {p} discussed relationship",
                  "Licence conditions reviewed with {p}", "{p} failed to attend supervision"],
    "Housing": ["Housing officer visit - damp and mould, repairs raised", "Rent arrears letter sent to {p}",
                "Repairs completed at {street}", "Tenancy sustainment visit, home {home}"],
}
INCIDENTS = [
    ("Police", "Report of domestic abuse at home address. {p} arrested",
     [("Children's Social Care", "PPN received re domestic abuse incident last night, {p} arrested"),
      ("School", "Operation Encompass notification - police called to home overnight")]),
    ("Children's Social Care", "ICPC - child made subject of CP plan",
     [("Health Visiting", "ICPC attended - CP plan agreed, HV report submitted"),
      ("GP", "ICPC report sent - GP unable to attend")]),
    ("Emergency Department", "ED attendance - {c}",
     [("GP", "A&E letter received - {c}"), ("Health Visiting", "Notification of ED attendance - {c}")]),
    ("Police", "Missing person report - child's brother missing overnight, found by {p}",
     [("Children's Social Care", "Notified by police of missing episode, return interview arranged")]),
]
PEOPLE = ["Carl", "Shane", "Marcin", "Ryan", "Gary", "Dean", "Lee", "Kyle", "Wayne", "Jason"]
STREETS = ["Mill Lane", "Tansy Walk", "Corran Road", "Fenwick Close", "Ashby Street", "Orchard Rise"]
COMPLAINTS = ["wheeze", "head injury", "vomiting and diarrhoea", "burn to hand", "earache", "rash",
              "high temperature", "cut to lip", "bruise to cheek", "eczema flare"]
TOPICS = ["school attendance", "the home conditions", "the safety plan", "contact with father",
          "nursery place", "the housing application", "medication", "bedtime routine"]
MOODS = ["happy and chatty", "quiet and withdrawn", "tired", "playing well", "unsettled"]
HOMES = ["adequate", "cluttered", "poor, smell of cannabis", "clean and tidy"]
CLINICS = ["2 year review", "audiology", "speech and language", "dental"]
DRUGS = ["emollient", "salbutamol", "amoxicillin", "paracetamol"]
HEADERS = ["Date and Time", "Significant Event", "Professional/Agency", "Who was involved",
           "Decisions/Actions Outcome", "Child Seen/View obtained", "Author comments"]
CHILD = {"name": "Tilly QUARRINGTON", "dob": "03/02/2021", "address": "7 Nowhere Lane, Fictown, ZZ1 1ZZ"}


def _fill(template: str, rnd: random.Random) -> str:
    return template.format(p=rnd.choice(PEOPLE), w=f"{rnd.uniform(9, 20):.1f}", a=rnd.randint(70, 99),
                           c=rnd.choice(COMPLAINTS), street=rnd.choice(STREETS), topic=rnd.choice(TOPICS),
                           mood=rnd.choice(MOODS), home=rnd.choice(HOMES), clinic=rnd.choice(CLINICS),
                           drug=rnd.choice(DRUGS))


def generate_entries(target_rows: int, per_day: int, seed: int = 17) -> tuple[list[tuple], list[dt.date]]:
    """The agencies' entries (agency, datetime, text, who, outcome, seen) and the 3 round cut-offs.

    Three cumulative rounds repeat each entry up to three times, so the case
    holds about ``target_rows / 2.6`` distinct entries, ``per_day`` a day
    (scaled once so that the rows written come close to ``target_rows``).
    """
    entries, cutoffs = _entries(round(target_rows / 2.6), per_day, seed)
    written = sum(1 for e in entries for c in cutoffs if e[1].date() < c)
    if written and abs(written - target_rows) > 0.03 * target_rows:
        entries, cutoffs = _entries(round(target_rows / 2.6 * target_rows / written), per_day, seed)
    return entries, cutoffs


def _entries(distinct: int, per_day: int, seed: int) -> tuple[list[tuple], list[dt.date]]:
    rnd = random.Random(seed)
    distinct = max(30, distinct)
    days = max(21, math.ceil(distinct / per_day))
    start = dt.date(2024, 1, 1)
    entries = []
    agencies = list(AGENCIES)
    for k in range(distinct):
        day = start + dt.timedelta(days=rnd.randrange(days))
        if rnd.random() < 0.06:  # an incident: the lead agency and others' accounts the same or next day
            lead, text, others = rnd.choice(INCIDENTS)
            hour = rnd.randrange(8, 23)
            entries.append((lead, dt.datetime.combine(day, dt.time(hour, 30)), _fill(text, rnd)))
            for agency, other in others:
                entries.append((agency, dt.datetime.combine(day + dt.timedelta(days=rnd.randrange(2)),
                                                            dt.time()), _fill(other, rnd)))
            continue
        agency = agencies[k % len(agencies)]
        when = dt.datetime.combine(day, dt.time(rnd.randrange(8, 18), rnd.choice([0, 15, 30, 45])))
        entries.append((agency, when, _fill(rnd.choice(ROUTINE[agency]), rnd)))
    entries.sort(key=lambda e: (e[1], e[0], e[2]))
    end = start + dt.timedelta(days=days)
    third = max(7, days // 6)  # the last two rounds a "month" apart, so rounds repeat most entries
    cutoffs = [end - dt.timedelta(days=2 * third), end - dt.timedelta(days=third), end]
    full = []
    for agency, when, text in entries:
        full.append((agency, when, text, rnd.choice(["Child, mother", "Mother", "Mother, " + rnd.choice(PEOPLE)]),
                     rnd.choice(["", "Advice given", "Refer to CSC", "Shared with social worker", "NFA"]),
                     rnd.choice(["Yes", "No", "Yes - seen alone", "N/A"])))
    return full, cutoffs


def _cells(entry: tuple, fmt: str, rnd: random.Random) -> list:
    agency, when, text, who, outcome, seen = entry
    if rnd.random() < 0.02:
        text = text.replace("visit", "vist")  # a typo, made or fixed next round
    if fmt == "xlsx" and rnd.random() < 0.7:
        date: object = when if when.time() != dt.time() else when.replace(hour=0)
    else:
        date = when.strftime("%d/%m/%Y %H:%M") if when.time() != dt.time() else when.strftime("%d/%m/%Y")
    return [date, text, agency, who, outcome, seen, ""]


def _write_docx(path: Path, rows: list[list], agency: str) -> None:
    from docx import Document

    doc = Document()
    doc.add_heading("Multi-agency chronology", level=1)
    heading = doc.add_table(rows=5, cols=2)
    for r, (key, value) in enumerate((("Name", CHILD["name"]), ("DOB", CHILD["dob"]),
                                      ("Address", CHILD["address"]), ("Agency", agency), ("Author", "A. Author"))):
        heading.cell(r, 0).text, heading.cell(r, 1).text = key, value
    table = doc.add_table(rows=len(rows) + 1, cols=len(HEADERS))
    cells = table._cells  # once: table.cell() walks the grid every call
    width = len(HEADERS)
    for c, text in enumerate(HEADERS):
        cells[c].text = text
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value:
                cells[r * width + c].text = str(value)
    doc.save(str(path))


def _write_xlsx(path: Path, rows: list[list], agency: str) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Chronology")
    ws.append([f"Chronology - {agency}"])
    ws.append(["Name", CHILD["name"], "DOB", CHILD["dob"]])
    ws.append(["Agency", agency, "Author", "A. Author"])
    ws.append([])
    ws.append(HEADERS)
    for values in rows:
        ws.append(values)
    wb.save(str(path))


def build_case(folder: Path, target_rows: int, per_day: int = 30, seed: int = 17) -> int:
    """Write the case's Word and Excel files into ``folder``; returns the rows written."""
    entries, cutoffs = generate_entries(target_rows, per_day, seed)
    rnd = random.Random(seed + 1)
    written = 0
    for round_no, cutoff in enumerate(cutoffs, start=1):
        month = folder / f"round-{round_no}"
        month.mkdir(parents=True, exist_ok=True)
        for agency, (stem, fmt) in AGENCIES.items():
            rows = [_cells(e, fmt, rnd) for e in entries if e[0] == agency and e[1].date() < cutoff]
            if not rows:
                continue
            path = month / f"{stem} round {round_no}.{fmt}"
            (_write_docx if fmt == "docx" else _write_xlsx)(path, rows, agency)
            written += len(rows)
    return written


def case_folder(size: str, keep: Path | None, work: Path, per_day: int) -> Path:
    """``samples`` is the repository's sample case; a number is a generated case (reused under --keep)."""
    if size == "samples":
        return REPO / "samples"
    base = keep or work
    folder = base / f"case-{size}-d{per_day}"
    marker = folder / ".complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        t0 = time.perf_counter()
        rows = build_case(folder, int(size), per_day)
        marker.write_text(str(rows))
        print(f"  (built {folder.name}: {rows} rows in {time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    return folder


# -- the measured run (a fresh process) ----------------------------------------------------

STAGES = [  # (label, module, attribute): wrapped for CPU seconds; missing ones are skipped
    ("read", "chrono.read", "read_file"),
    ("normalise", "chrono.normalise", "normalise_file"),
    ("merge", "chrono.merge", "merge_rows"),
    ("  blocking", "chrono.merge", "candidate_pairs"),
    ("  blocking", "chrono.merge", "referenced_pairs"),
    ("  clustering", "chrono.merge", "cluster"),
    ("annotate", "chrono.text", "annotate_rows"),
    ("annotate", "chrono.text", "annotate"),
    ("tag", "chrono.detect", "tag_events"),
    ("flags", "chrono.detect", "find_flags"),
    ("json", "chrono.report.jsonout", "dumps"),
    ("json", "chrono.report.jsonout", "write_json"),
    ("chart", "chrono.report.chart", "write_chart"),
    ("docx", "chrono.report.docx", "write_appendix"),
    ("xlsx", "chrono.report.xlsx", "write_workbook"),
    ("html", "chrono.report.html", "write_page"),
    ("same as last run?", "chrono.pipeline", "_same_content"),
]


def _child(case: str, outdir: str, one_process: bool = False) -> None:
    """Run one merge in this process and print the per-stage CPU as JSON on the last line."""
    import importlib

    if one_process:
        from chrono import forked

        forked.ENABLED = False

    t0, c0 = time.perf_counter(), time.process_time()
    from chrono.pipeline import merge_case  # what the CLI imports before any work

    # wrapping the stages imports their modules; their import time lands in "rest"
    stage_cpu: dict[str, float] = {"import pipeline": time.process_time() - c0}
    import resource

    peak: dict[str, float] = {}  # label -> the process's peak RSS (MB) when that stage first raised it

    def wrap(label: str, fn):
        def timed(*args, **kwargs):
            start = time.process_time()
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            try:
                return fn(*args, **kwargs)
            finally:
                stage_cpu[label] = stage_cpu.get(label, 0.0) + time.process_time() - start
                after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
                if after > before and not label.startswith(" "):
                    peak[label] = after / 1024
        return timed

    for label, module, attr in STAGES:
        try:
            mod = importlib.import_module(module)
        except ImportError:
            continue
        fn = getattr(mod, attr, None)
        if callable(fn) and not isinstance(fn, type):
            setattr(mod, attr, wrap(label, fn))
    try:
        import chrono.merge as merge_pkg

        scorer_init = merge_pkg.Scorer.__init__
        merge_pkg.Scorer.__init__ = wrap("  scorer init", scorer_init)
    except (ImportError, AttributeError):
        pass
    c1 = time.process_time()
    outcome = merge_case([case], outdir)
    total = time.process_time() - c1
    # the timeline and appendix are written by a forked second process (chrono.forked): its
    # stage wrappers counted there, so its CPU is reported as one figure
    second = resource.getrusage(resource.RUSAGE_CHILDREN)
    if second.ru_utime + second.ru_stime > 0:
        stage_cpu["chart+docx (second process)"] = second.ru_utime + second.ru_stime
        peak["chart+docx (second process)"] = second.ru_maxrss / 1024
    chron = outcome.chronology
    rows = sum(len(e.sources) for e in chron.events) + len(chron.rejected)
    print(json.dumps({"stages": stage_cpu, "merge_case_cpu": total, "peak_by_stage": peak, "rows": rows, "events": len(chron.events),
                      "flags": len(chron.flags), "written": [p.name for p in outcome.written],
                      "inner_wall": time.perf_counter() - t0}))


def measure(case: Path, python: str, one_process: bool = False) -> dict:
    """One merge in a fresh process: wall, CPU (user+sys) and peak RSS of that process."""
    with tempfile.TemporaryDirectory(prefix="chrono-e2e-out-") as out:
        started = time.perf_counter()
        proc = subprocess.Popen([python, __file__, "--child", str(case), out]
                                + (["--one-process"] if one_process else []), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=str(REPO), env=USER_ENV)
        stdout, stderr = proc.communicate()
        wall = time.perf_counter() - started
        # the child's own rusage (proc.wait has reaped it; RUSAGE_CHILDREN accumulates, so diff)
    if proc.returncode != 0 or not stdout.strip():
        raise SystemExit(f"merge of {case} failed ({proc.returncode}):\n{stderr[-3000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    data["wall"] = wall
    return data


def run_measured(case: Path, python: str, one_process: bool = False) -> dict:
    """The instrumented run (CPU by stage), then the user's run: ``chrono merge CASE -o OUT``
    as typed, uninstrumented (wrapping the stages would import every writer up front), which
    gives the wall time, CPU and peak RSS reported."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    data = measure(case, python, one_process)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    data["stage_cpu_total"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory(prefix="chrono-e2e-out-") as out:
        started = time.perf_counter()
        done = subprocess.run([python, "-c", "import sys; sys.argv=['chrono', 'merge', sys.argv[1], '-o', sys.argv[2], "
                               "'-q']; import chrono_cli; chrono_cli.main()", str(case), out],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=str(REPO),
                              env=USER_ENV)
        data["wall"] = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some rows or files refused, as in samples/
        raise SystemExit(f"chrono merge {case} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    data["cpu"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    data["rss_mb"] = after.ru_maxrss / 1024  # the largest process so far: sizes run smallest first
    return data


# -- the floor -------------------------------------------------------------------------------

def floor_read(case: Path) -> tuple[float, int]:
    """CPU seconds for python-docx/openpyxl alone to open every file and touch every cell's text."""
    from docx import Document
    from openpyxl import load_workbook

    start, rows = time.process_time(), 0
    for path in sorted(case.rglob("*")):
        if path.suffix == ".docx":
            for table in Document(str(path)).tables:
                for row in table.rows:
                    [c.text for c in row.cells]
                    rows += 1
        elif path.suffix == ".xlsx":
            wb = load_workbook(str(path), read_only=True, data_only=True)
            for ws in wb.worksheets:
                for row in ws.iter_rows(values_only=True):
                    [v for v in row]
                    rows += 1
            wb.close()
    return time.process_time() - start, rows


def floor_write(rows: int, events: int) -> float:
    """CPU seconds for python-docx to write a 5-column table of ``events`` rows and openpyxl
    (write-only) a 7-column sheet of ``rows`` rows: the least any appendix/workbook costs."""
    from docx import Document
    from openpyxl import Workbook

    start = time.process_time()
    with tempfile.TemporaryDirectory() as tmp:
        doc = Document()
        table = doc.add_table(rows=events + 1, cols=5)
        cells = table._cells
        for k, cell in enumerate(cells):
            cell.text = f"entry {k}"
        doc.save(os.path.join(tmp, "floor.docx"))
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("rows")
        for k in range(rows):
            ws.append([dt.date(2024, 1, 1), f"entry text {k}", "Police", "who", "outcome", "Yes", ""])
        wb.save(os.path.join(tmp, "floor.xlsx"))
    return time.process_time() - start


def floor_process(case: Path, rows: int, events: int, python: str) -> float:
    """Wall seconds of the floor as a user would wait for it: a fresh Python process that
    imports python-docx and openpyxl, reads every file and writes the bare table and sheet."""
    t0 = time.perf_counter()
    subprocess.run([python, __file__, "--floor-child", str(case), str(rows), str(events)], check=True, env=USER_ENV,
                   stdout=subprocess.DEVNULL, cwd=str(REPO))
    return time.perf_counter() - t0


def help_time(python: str, repeat: int = 3) -> float:
    """Best wall seconds of ``chrono --help`` (the console script's imports and Typer)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([python, "-c", "import sys; sys.argv=['chrono','--help']; "
                        "import chrono_cli; chrono_cli.main()"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, cwd=str(REPO), env=USER_ENV)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="samples,200,2000,20000,80000",
                        help="comma-separated: 'samples' and/or rows to generate")
    parser.add_argument("--per-day", type=int, default=30, help="distinct entries a day (all agencies)")
    parser.add_argument("--keep", type=Path, help="build/reuse the generated cases in this folder")
    parser.add_argument("--no-floor", action="store_true", help="skip the python-docx/openpyxl floor")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--one-process", action="store_true",
                        help="write every output in the merging process (CPU by stage for chart and docx too)")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "OUTDIR"), help=argparse.SUPPRESS)
    parser.add_argument("--floor-child", nargs=3, metavar=("CASE", "ROWS", "EVENTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor_child:
        floor_read(Path(args.floor_child[0]))
        floor_write(int(args.floor_child[1]), int(args.floor_child[2]))
        return 0
    if args.child:
        sys.path.insert(0, str(REPO))
        _child(*args.child, one_process=args.one_process)
        return 0

    python = sys.executable
    # what pip does on install: chrono's modules compiled once, not in the first measured run
    subprocess.run([python, "-m", "compileall", "-q", str(REPO / "chrono")], check=True, env=USER_ENV)
    load = os.getloadavg()
    print(f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"chrono --help {help_time(python):.2f} s wall", flush=True)
    results = []
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory(prefix="chrono-e2e-") as tmp:
        for size in args.sizes.split(","):
            case = case_folder(size.strip(), args.keep, Path(tmp), args.per_day)
            data = run_measured(case, python, args.one_process)
            stages = data["stages"]
            line = (f"{size:>7}: {data['rows']:>6} rows {data['events']:>6} events  wall {data['wall']:7.2f} s  "
                    f"cpu {data['cpu']:7.2f} s  rss {data['rss_mb']:6.0f} MB  "
                    f"{data['rows'] / data['wall']:7.0f} rows/s")
            if previous and size != "samples":
                doublings = math.log2(data["rows"] / previous[0])
                if doublings > 0:
                    line += f"  growth/doubling {(data['cpu'] / previous[1]) ** (1 / doublings):.2f}x"
            if size != "samples":
                previous = (data["rows"], data["cpu"])
            if not args.no_floor:
                read_s, _ = floor_read(case)
                write_s = floor_write(data["rows"], data["events"])
                fresh = floor_process(case, data["rows"], data["events"], python)
                data["floor_read"], data["floor_write"], data["floor_wall"] = read_s, write_s, fresh
                line += (f"\n         floor: read {read_s:.2f} s + write {write_s:.2f} s CPU in this process; "
                         f"{fresh:.2f} s wall in a fresh one (start-up and imports included); "
                         f"wall / floor {data['wall'] / fresh:.1f}x")
            top = sum(v for k, v in stages.items() if not k.startswith(" "))
            stages["rest (start-up, imports, glue)"] = data["stage_cpu_total"] - top
            line += "\n         cpu by stage: " + ", ".join(f"{k.strip()} {v:.2f}" for k, v in stages.items())
            line += "\n         peak RSS (MB) as each stage raised it: " + ", ".join(
                f"{k} {v:.0f}" for k, v in data.get("peak_by_stage", {}).items())
            print(line, flush=True)
            data["size"], data["load"] = size, os.getloadavg()
            results.append(data)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
