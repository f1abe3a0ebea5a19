"""The one-line-per-account CSV export loads into a spreadsheet or a case-management system."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

from typer.testing import CliRunner

from chrono.cli import app
from chrono.pipeline import merge_case
from chrono.report.csvout import COLUMNS, account_lines, write_accounts_csv

ROOT = Path(__file__).resolve().parents[2]


def test_every_account_and_every_rejected_row_is_one_line(tmp_path):
    chron = merge_case([ROOT / "samples"], tmp_path / "out").chronology
    path = tmp_path / "accounts.csv"
    write_accounts_csv(chron, path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read accents"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    lines = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    accounts = sum(len(e.sources) for e in chron.events)
    assert len(lines) == accounts + len(chron.rejected)
    merged = next(e for e in chron.events if len({r.agency for r in e.sources}) > 1)
    mine = [line for line in lines if line["event_id"] == merged.id]
    assert {line["agency"] for line in mine} == {r.agency for r in merged.sources}
    assert {line["significant_event"] for line in mine} == {r.event for r in merged.sources}
    rejected = [line for line in lines if line["rejected_reason"]]
    assert len(rejected) == len(chron.rejected) and all(not line["event_id"] for line in rejected)


def test_text_that_a_spreadsheet_would_run_is_kept_as_text():
    from chrono.model import Child, Chronology, Event, Provenance, Row
    import datetime as dt

    row = Row(Provenance("x.csv", 1, 2), {}, dt.date(2024, 3, 1), event="=HYPERLINK(\"http://x\")", agency="Police")
    event = Event("E0001", row.date, "day", False, None, row.event, ["Police"], "", "", "unknown", "", [row])
    lines = account_lines(Chronology(Child("A B"), None, None, [], [event], []))
    assert lines[0] == COLUMNS
    assert lines[1][COLUMNS.index("significant_event")].startswith("'=")


def test_cli_export(tmp_path):
    merge_case([ROOT / "samples"], tmp_path / "out")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "out"), "-o", str(tmp_path / "a.csv")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "a.csv").read_text("utf-8-sig").startswith("event_id,")
    missing = CliRunner().invoke(app, ["export", str(tmp_path / "nowhere"), "-o", str(tmp_path / "b.csv")])
    assert missing.exit_code == 2 and "chrono merge" in missing.output
