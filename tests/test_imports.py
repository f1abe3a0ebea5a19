"""A command imports only what it needs: ``chrono --help``, ``check`` and ``flags`` start quickly.

Measured as work (which modules a fresh interpreter ends up holding), not seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.builders import entry, write_docx

HEAVY = ("matplotlib", "pandas", "dateparser", "chrono.report.docx", "chrono.report.xlsx", "chrono.report.chart",
         "chrono.merge", "chrono.detect")
REPO = Path(__file__).resolve().parent.parent


def _modules_after(*argv: str) -> tuple[set[str], str]:
    """Run ``chrono ARGV`` in a fresh interpreter; the modules it imported and what it printed."""
    code = ("import sys, json, io, contextlib\n"
            f"sys.argv = ['chrono', *{list(argv)!r}]\n"
            "buf = io.StringIO()\n"
            "with contextlib.redirect_stdout(buf):\n"
            "    import chrono_cli\n"
            "    try:\n"
            "        chrono_cli.main()\n"
            "    except SystemExit:\n"
            "        pass\n"
            "print(json.dumps([sorted(sys.modules), buf.getvalue()]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    modules, printed = json.loads(done.stdout.strip().splitlines()[-1])
    return set(modules), printed


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


def test_help_imports_no_pipeline():
    modules, printed = _modules_after("--help")
    assert "merge" in printed and "check" in printed
    assert _heavy(modules) == []
    assert "chrono.pipeline" not in modules and "docx" not in modules and "openpyxl" not in modules


def test_check_imports_no_report_writers_or_date_fallback(tmp_path):
    path = write_docx(tmp_path / "HV chronology.docx",
                      [entry("01/02/24", "Home visit, child seen", "HV"),
                       entry("03/02/2024 14:00", "Core group meeting", "HV")], agency="Health Visiting")
    modules, printed = _modules_after("check", str(path))
    assert "2 rows read" in printed
    assert _heavy(modules) == []


def test_flags_imports_no_report_writers(tmp_path):
    from chrono.pipeline import CaseOptions, merge_case

    case = tmp_path / "case"
    case.mkdir()
    write_docx(case / "HV chronology.docx", [entry("01/02/24", "Home visit, child seen", "HV")],
               agency="Health Visiting")
    merge_case([case], tmp_path / "out", options=CaseOptions(formats=("json",)))
    modules, printed = _modules_after("flags", str(tmp_path / "out"))
    assert "flagged" in printed.lower() or "no patterns" in printed.lower()
    assert _heavy(modules) == []
