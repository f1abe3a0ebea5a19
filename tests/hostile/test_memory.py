"""Peak memory while refusing bombs and oversized files stays under 1 GiB.

Each read runs in a fresh interpreter which reports its own
``getrusage(RUSAGE_SELF).ru_maxrss`` (the parent's ``RUSAGE_CHILDREN`` would
also count every earlier subprocess of the test session). A hang shows up as
a timeout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from .corpus import big_xlsx, bomb_docx, bomb_xlsx, liar_docx, make_csv

pytestmark = pytest.mark.slow

GIB_KB = 1 << 20  # ru_maxrss is in KiB on Linux

CHILD = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    from chrono.config import load_config
    from chrono.read import read_file
    path = Path(sys.argv[1])
    start = time.perf_counter()
    result = read_file(path, path.name, load_config())
    print(json.dumps({
        "status": result.report.status,
        "problems": result.report.problems,
        "rows": len(result.rows),
        "seconds": time.perf_counter() - start,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }))
""")


def big_csv(tmp_path):
    rows = [["03/02/2025", f"Contact {i}", "School", "Yes", ""] for i in range(200_000)]
    return make_csv(tmp_path / "200k rows.csv", rows)


@pytest.mark.parametrize("build", [
    pytest.param(bomb_docx, id="zip-bomb-docx"),
    pytest.param(bomb_xlsx, id="zip-bomb-xlsx"),
    pytest.param(liar_docx, id="lying-size-docx"),
    pytest.param(lambda tmp: big_xlsx(tmp, 200_000), id="200k-row-xlsx"),
    pytest.param(big_csv, id="200k-row-csv"),
])
def test_peak_memory_stays_under_one_gib(tmp_path, build):
    path = build(tmp_path)
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)],
                              capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path.name} did not finish in 120 s")
    assert done.returncode == 0, f"read_file crashed:\n{done.stderr[-3000:]}"
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome["maxrss_kb"] < GIB_KB, f"peak RSS {outcome['maxrss_kb'] / 1024:.0f} MiB reading {path.name}"
    assert outcome["status"] == "error" and outcome["problems"], outcome
    assert outcome["rows"] == 0
