"""The long fuzz run: mutated submissions through ``chrono merge`` under a time and memory budget.

    python bench/fuzz.py [--mutants 1000] [--seed 16] [--group 10] [--mem-mb 2048] [--seconds 180] [--keep DIR]

Each case folder holds the three good seed files (Word, Excel, CSV built by
``tests/builders.py``) and ``--group`` mutants of them
(``tests/fuzz/mutants.py``: zip bytes, XML structure, table geometry, CSV
shape). ``chrono merge`` runs in a subprocess limited to ``--mem-mb`` of
address space and ``--seconds`` of CPU. A case passes when:

- the run ends by itself with exit 0 or 1 and no traceback on stderr;
- every good file is read with all its rows, each row in an event's sources;
- every mutant is in ``files[]`` with a status, or listed as skipped.

A failing case is re-run one mutant at a time to name the culprit; with
``--keep`` each failing mutant's bytes and recipe are saved there. The
figures (mutants, statuses, failures) are printed at the end; put them in
the pull request's note.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.mutants import SEED_ROWS, Mutant, mutant, seed_files  # noqa: E402

GOOD_PREFIX = "good "
MERGE = "from chrono.cli import main; main()"


def _limits(mem_mb: int, seconds: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mem_mb << 20, mem_mb << 20))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
    return apply


def run_case(mutants: list[Mutant], work: Path, mem_mb: int, seconds: int) -> tuple[list[str], dict]:
    """(problems, statuses of the mutants) of one merge of the good files plus ``mutants``."""
    case = work / "case"
    out = work / "out"
    shutil.rmtree(case, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    case.mkdir(parents=True)
    for name, data in seed_files().items():
        (case / f"{GOOD_PREFIX}{name}").write_bytes(data)
    for m in mutants:
        (case / m.name).write_bytes(m.data)
    try:
        done = subprocess.run([sys.executable, "-c", MERGE, "merge", str(case), "-o", str(out),
                               "--format", "json", "-q"], capture_output=True, text=True,
                              preexec_fn=_limits(mem_mb, seconds), timeout=seconds * 4, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return [f"no result after {seconds * 4} s (wall clock)"], {}
    problems: list[str] = []
    if done.returncode not in (0, 1):
        problems.append(f"exit {done.returncode} (killed by the time/memory budget if negative)")
    if "Traceback" in done.stderr or "Traceback" in done.stdout:
        problems.append("traceback: " + done.stderr.strip().splitlines()[-1][:300])
    try:
        data = json.loads((out / "chronology.json").read_text("utf-8"))
    except (OSError, ValueError) as exc:
        problems.append(f"no chronology.json ({exc.__class__.__name__})")
        return problems, {}
    files = {f["file"]: f for f in data["files"]}
    skipped = {w.split(": not read (", 1)[0] for w in data.get("warnings", []) if ": not read (" in w}
    sources = Counter(s["file"] for e in data["events"] for s in e["sources"])
    for name in seed_files():
        good = f"{GOOD_PREFIX}{name}"
        f = files.get(good)
        if f is None or f["status"] != "ok":
            problems.append(f"good file {good} not read: {f and f['problems']}")
        elif f["rows"] != len(SEED_ROWS) or sources[good] != len(SEED_ROWS):
            problems.append(f"good file {good}: {f['rows']} rows read, {sources[good]} in events "
                            f"(expected {len(SEED_ROWS)})")
    statuses = {}
    for m in mutants:
        if m.name in files:
            statuses[m.name] = files[m.name]["status"]
        elif m.name in skipped:
            statuses[m.name] = "skipped"
        else:
            problems.append(f"{m.name} not listed ({m.recipe})")
    return problems, statuses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mutants", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--group", type=int, default=10)
    ap.add_argument("--mem-mb", type=int, default=2048)
    ap.add_argument("--seconds", type=int, default=180, help="CPU seconds per merge")
    ap.add_argument("--keep", type=Path, help="save failing mutants here")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    mutants = [mutant(rng, i) for i in range(args.mutants)]
    statuses: Counter = Counter()
    failures: list[tuple[Mutant | None, str]] = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="chrono-fuzz-") as tmp:
        work = Path(tmp)
        for g in range(0, len(mutants), args.group):
            group = mutants[g:g + args.group]
            problems, got = run_case(group, work, args.mem_mb, args.seconds)
            if problems:
                culprits = 0
                for m in group:  # name the mutant(s) responsible
                    alone, got_one = run_case([m], work, args.mem_mb, args.seconds)
                    got.update(got_one)
                    for p in alone:
                        failures.append((m, p))
                        culprits += 1
                if not culprits:
                    failures.extend((None, f"group {g // args.group}: {p}") for p in problems)
            statuses.update(got.values())
            print(f"\r{min(g + args.group, len(mutants))}/{len(mutants)} mutants, {len(failures)} failures",
                  end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    seconds = time.perf_counter() - start
    print(f"mutants: {len(mutants)} (seed {args.seed}, {args.group} per case, "
          f"{args.mem_mb} MiB / {args.seconds} CPU s per merge) in {seconds:.0f} s")
    print("statuses: " + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items())))
    print(f"failures: {len(failures)}")
    for m, problem in failures:
        print(f"  {m.name if m else '-'}: {problem}\n    recipe: {m.recipe if m else '-'}")
        if args.keep and m:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / m.name).write_bytes(m.data)
            (args.keep / (m.name + ".recipe.txt")).write_text(m.recipe + "\n" + problem + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
