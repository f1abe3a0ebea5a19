"""How fast a caseload merges: cases per minute with 1 and 2 workers, and the speed-up.

    python bench/batch.py                    # 8 copies of a built fictional case
    python bench/batch.py -n 20 --source samples/some_case --formats json

Every case is a copy of one case folder (``--source``; by default the sample
case in ``samples/``, else a small fictional case built here), so the
figures measure parallelism, not differences between cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
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


def time_batch(root: Path, outroot: Path, workers: int, options: CaseOptions) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (a busy machine inflates the first, not the second), crashes."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    result = run_batch(root, outroot, options=options, workers=workers)
    crashed = sum(1 for c in result.cases if c.status == "crashed")
    return time.perf_counter() - started, _cpu_seconds() - cpu, crashed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--cases", type=int, default=8)
    parser.add_argument("--source", type=Path, help="a case folder to copy (default: samples/, else a built one)")
    parser.add_argument("--formats", default=",".join(ALL_FORMATS), help="outputs to write, e.g. json")
    parser.add_argument("--workers", default="1,2", help="worker counts to compare")
    args = parser.parse_args(argv)
    options = CaseOptions(formats=tuple(f for f in args.formats.split(",") if f))

    with tempfile.TemporaryDirectory(prefix="chrono-bench-") as tmp:
        work = Path(tmp)
        source = args.source or default_source(work)
        root = work / "caseload"
        for i in range(args.cases):
            shutil.copytree(source, root / f"case_{i + 1:03d}", ignore=shutil.ignore_patterns("README.md", ".*"))
        print(f"{args.cases} cases, each a copy of {source.name}; outputs: {','.join(options.formats)}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        rates: dict[int, float] = {}
        for workers in (int(w) for w in args.workers.split(",")):
            seconds, cpu, crashed = time_batch(root, work / f"out-{workers}", workers, options)
            rates[workers] = args.cases / seconds * 60
            note = f" ({crashed} crashed)" if crashed else ""
            print(f"workers={workers}: {seconds:6.1f} s  {rates[workers]:7.1f} cases/minute  "
                  f"{cpu:6.1f} CPU s{note}")
        counts = sorted(rates)
        if len(counts) > 1:
            print(f"speed-up {counts[-1]} vs {counts[0]} workers: {rates[counts[-1]] / rates[counts[0]]:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
