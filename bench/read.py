"""Reading speed: chrono's readers against a bare loop over the same cells.

    python bench/read.py [--rows 2000] [--repeat 3]

Builds a Word and an Excel chronology of ROWS fictional rows, then reports
rows per second for ``chrono.read.read_file`` and for the floor: the least
python-docx / openpyxl work that touches every cell's text. The ratio
(chrono time / floor time) is the figure to watch; the aim is within 1.5x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chrono.config import load_config  # noqa: E402
from chrono.read import read_file  # noqa: E402
from tests.builders import entry, write_docx, write_xlsx  # noqa: E402


def _rows(n: int) -> list[list[str]]:
    start = dt.date(2023, 1, 2)
    texts = ["Home visit, child seen alone in bedroom", "Police attended following report of an argument",
             "Was not brought to health review", "Core group meeting held, plan reviewed"]
    return [entry((start + dt.timedelta(days=i % 700)).strftime("%d/%m/%y"), f"{texts[i % 4]} ({i})", "HV")
            for i in range(n)]


def floor_docx(path: Path) -> int:
    """python-docx's own cost of visiting every cell's text (the floor)."""
    from docx import Document

    n = 0
    for table in Document(str(path)).tables:
        for row in table.rows:
            [c.text for c in row.cells]
            n += 1
    return n


def floor_xlsx(path: Path) -> int:
    """openpyxl's own cost of visiting every cell value in read-only mode (the floor)."""
    from openpyxl import load_workbook

    wb = load_workbook(str(path), read_only=True, data_only=True)
    n = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            [v for v in row]
            n += 1
    wb.close()
    return n


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    cfg = load_config()
    rows = _rows(args.rows)
    with tempfile.TemporaryDirectory() as tmp:
        files = {
            "docx": write_docx(Path(tmp) / "bench.docx", rows, agency="Health Visiting"),
            "xlsx": write_xlsx(Path(tmp) / "bench.xlsx", rows, agency="Health Visiting"),
        }
        floors = {"docx": floor_docx, "xlsx": floor_xlsx}
        print(f"{'format':6} {'rows':>6} {'chrono rows/s':>14} {'floor rows/s':>13} {'ratio':>6}")
        for fmt, path in files.items():
            result = read_file(path, path.name, cfg)
            assert result.report.status == "ok" and len(result.rows) == args.rows, result.report.problems
            ours = best_of(args.repeat, lambda: read_file(path, path.name, cfg))
            floor = best_of(args.repeat, lambda: floors[fmt](path))
            print(f"{fmt:6} {args.rows:6d} {args.rows / ours:14.0f} {args.rows / floor:13.0f} {ours / floor:6.2f}")


if __name__ == "__main__":
    main()
