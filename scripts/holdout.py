#!/usr/bin/env python3
"""Build the sample case as an independent hold-out case for shared/eval/score.py.

    python scripts/holdout.py [DIR]          (default DIR=/tmp/holdout)

Writes DIR/samples_case/ (the case, byte-identical to samples/) and
DIR/samples_case.truth.json (the answer key from ``make_samples.py --truth``),
checks the truth against the files as written (every truth row is a real data
row whose cells match; every other non-empty row is a header, title or blank
row), and prints the command that scores it.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORE = "/work/shared/eval/score.py"
CMD = "/work/venv/bin/chrono merge {case} -o {out}"


def _cell(v, numfmt=""):
    if isinstance(v, dt.datetime) and "h" not in numfmt.lower():
        return {"date": v.date().isoformat()}
    if isinstance(v, dt.datetime):
        return {"datetime": v.strftime("%Y-%m-%dT%H:%M")}
    if isinstance(v, dt.date):
        return {"date": v.isoformat()}
    return "" if v is None else str(v)


def read_grid(path, table):
    """{row number: [cells]} of one table as the file holds it."""
    if path.suffix == ".docx":
        from docx import Document
        t = Document(path).tables[int(table) - 1]
        return {i: [c.text for c in r.cells] for i, r in enumerate(t.rows, 1)}
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook
        ws = load_workbook(path)[table]
        return {r[0].row: [_cell(c.value, c.number_format) for c in r] for r in ws.iter_rows()}
    enc = "utf-8-sig" if path.read_bytes().startswith(b"\xef\xbb\xbf") else "cp1252"
    with open(path, encoding=enc, newline="") as f:
        return {i: r for i, r in enumerate(csv.reader(f), 1)}


def check(case, T):
    problems = []
    truth_rows = {(x["file"], str(x["table"]), x["row"]): x for x in T["rows"]}
    for f in T["files"]:
        if f["status"] != "ok":
            continue
        for t in f["tables"]:
            if t["role"] != "chronology":
                continue
            grid = read_grid(case / f["file"], t["table"])
            other = set(t["header_rows"]) | set(t["blank_rows"]) | set(t["title_rows"])
            for rn, cells in grid.items():
                k = (f["file"], str(t["table"]), rn)
                empty = all(c in ("", None) for c in cells)
                if k in truth_rows:
                    want = truth_rows[k]["cells"]
                    got = [c for c in cells][:len(want)]
                    if got != want:
                        problems.append(f"{k}: cells differ: {got} != {want}")
                elif empty:
                    if rn not in t["blank_rows"] and rn <= max(other | {0}):
                        problems.append(f"{k}: blank row not listed")
                elif rn not in other:
                    problems.append(f"{k}: non-empty row missing from the truth")
                if rn in t["header_rows"] and cells[:len(t["headers"])] != t["headers"]:
                    problems.append(f"{k}: header row does not hold the headers")
    for k in truth_rows:
        if not (case / k[0]).exists():
            problems.append(f"{k}: no such file")
    files_on_disk = {str(p.relative_to(case)) for p in case.rglob("*") if p.is_file()}
    listed = {f["file"] for f in T["files"]}
    if files_on_disk != listed:
        problems.append(f"files differ: on disk only {files_on_disk - listed}, truth only {listed - files_on_disk}")
    return problems


def main(argv):
    d = Path(argv[1] if len(argv) > 1 else "/tmp/holdout").resolve()
    case = d / "samples_case"
    if case.exists():
        shutil.rmtree(case)
    d.mkdir(parents=True, exist_ok=True)
    truth = d / "samples_case.truth.json"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_samples.py"), str(case),
                    "--truth", str(truth)], check=True, stdout=subprocess.DEVNULL)
    T = json.loads(truth.read_text(encoding="utf-8"))
    problems = check(case, T)
    for p in problems:
        print("TRUTH PROBLEM:", p)
    print(f"built {case} and {truth}: {len(T['rows'])} rows, {len(T['events'])} events, "
          f"{len(T['expected_flags'])} expected flags; {len(problems)} layout problems")
    print("check the truth:  python {} --cases {} --oracle -v".format(SCORE, d))
    print("score chrono:     python {} --cases {} --cmd '{}' -v".format(SCORE, d, CMD))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
