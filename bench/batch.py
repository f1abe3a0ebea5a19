"""How fast a caseload merges: cases per minute with 1 and 2 workers, and the speed-up.

    python bench/batch.py                    # 8 copies of a built fictional case
    python bench/batch.py -n 20 --source samples/some_case --formats json
    python bench/batch.py --root ../shared/eval/public    # the public evaluation cases as they are

Every case is a copy of one case folder (``--source``; by default the sample
case in ``samples/``, else a small fictional case built here), so the
figures measure parallelism, not differences between cases; or ``--root``, a
caseload as it is. Each run is a fresh Python process, as ``chrono batch``
is, so both pay their imports once; CPU is that process's and its workers'.
With ``--repeat`` the best wall time of each is kept (other processes on a
shared machine only add time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from chrono.batch import run_batch  # noqa: E402
from chrono.pipeline import ALL_FORMATS, CaseOptions  # noqa: E402


def build_fictional_case(folder: Path) -> Path:
    """Three agencies' submissions about one invented child."""
    from tests.builders import entry, write_csv, write_docx, write_xlsx

    folder.mkdir(parents=True, exist_ok=True)
    start = dt.date(2024, 1, 8)
    police, hv, school = [], [], []
    for week in range(30):
        day = start + dt.timedelta(weeks=week)
        police.append(entry(day.strftime("%d/%m/%y"), f"Welfare check {week}, all calm", "Police", "Yes"))
        hv.append([dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), f"Home visit {week}",
                   "HV", "Mother", "", "Yes", ""])
        school.append(entry((day + dt.timedelta(days=2)).strftime("%d/%m/%Y"), f"Attendance note {week}",
                            "School", "Yes"))
    write_docx(folder / "Police chronology.docx", police, agency="Brackenmoor Police")
    (folder / "2024-08").mkdir(exist_ok=True)
    write_xlsx(folder / "2024-08" / "HV chronology.xlsx", hv, agency="Health Visiting")
    write_csv(folder / "School chronology.csv", school)
    return folder


def default_source(work: Path) -> Path:
    """``samples/`` (one case, monthly subfolders) when it is there, else a built case."""
    samples = REPO / "samples"
    if any(p.is_dir() for p in samples.glob("20*")):
        return samples
    return build_fictional_case(work / "fictional")


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the worker processes)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _stop_fork_server() -> None:
    """Workers are the fork server's children: its CPU (theirs included) is ours once it is stopped.
    The next batch starts a fresh one, as a fresh ``chrono batch`` would."""
    from multiprocessing import forkserver

    stop = getattr(forkserver._forkserver, "_stop", None)
    if stop:
        stop()


def time_batch(root: Path, outroot: Path, workers: int, options: CaseOptions) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (a busy machine inflates the first, not the second), crashes."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = run_batch(root, outroot, options=options, workers=workers)
    crashed = sum(1 for c in result.cases if c.status == "crashed")
    wall = time.perf_counter() - started
    _stop_fork_server()
    return wall, _cpu_seconds() - cpu, crashed


def time_batch_fresh(root: Path, outroot: Path, workers: int, formats: str) -> tuple[float, float, int]:
    """``time_batch`` in a fresh Python process: wall and CPU include start-up and imports."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, "--one", str(workers), str(root), str(outroot),
                           "--formats", formats], capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    crashed = json.loads(done.stdout.strip().splitlines()[-1])["crashed"]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, crashed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--cases", type=int, default=8)
    parser.add_argument("--source", type=Path, help="a case folder to copy (default: samples/, else a built one)")
    parser.add_argument("--root", type=Path, help="a caseload folder to merge as it is (instead of copies)")
    parser.add_argument("--formats", default=",".join(ALL_FORMATS), help="outputs to write, e.g. json")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each worker count (best wall kept)")
    parser.add_argument("--one", nargs=3, metavar=("WORKERS", "ROOT", "OUTROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    options = CaseOptions(formats=tuple(f for f in args.formats.split(",") if f))
    if args.one:
        _, _, crashed = time_batch(Path(args.one[1]), Path(args.one[2]), int(args.one[0]), options)
        print(json.dumps({"crashed": crashed}))
        return 0

    with tempfile.TemporaryDirectory(prefix="chrono-bench-") as tmp:
        work = Path(tmp)
        if args.root:
            root = args.root
            count = sum(1 for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
            what = f"{count} cases of {root}"
        else:
            source = args.source or default_source(work)
            root = work / "caseload"
            count = args.cases
            for i in range(args.cases):
                shutil.copytree(source, root / f"case_{i + 1:03d}", ignore=shutil.ignore_patterns("README.md", ".*"))
            what = f"{args.cases} cases, each a copy of {source.name}"
        print(f"{what}; outputs: {','.join(options.formats)}; "
              f"{os.cpu_count()} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        rates: dict[int, float] = {}
        for workers in (int(w) for w in args.workers.split(",")):
            runs = [time_batch_fresh(root, work / f"out-{workers}-{r}", workers, args.formats)
                    for r in range(args.repeat)]
            seconds, cpu, crashed = min(runs)
            rates[workers] = max(rates.get(workers, 0.0), count / seconds * 60)
            note = f" ({crashed} crashed)" if crashed else ""
            print(f"workers={workers}: {seconds:6.1f} s  {rates[workers]:7.1f} cases/minute  "
                  f"{cpu:6.1f} CPU s{note}")
        counts = sorted(rates)
        if len(counts) > 1:
            print(f"speed-up {counts[-1]} vs {counts[0]} workers: {rates[counts[-1]] / rates[counts[0]]:.2f}x "
                  f"(load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
