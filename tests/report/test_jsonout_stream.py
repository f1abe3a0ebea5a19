"""chronology.json is written streaming, byte for byte what one ``json.dumps`` would write."""

from __future__ import annotations

import json
import os

from chrono.model import Child, Chronology
from chrono.report import jsonout
from tests.report.report_case import make_case


def _expected(chron: Chronology) -> bytes:
    return (json.dumps(jsonout.to_dict(chron), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def test_streamed_file_is_identical_to_one_dumps(tmp_path):
    chron = make_case(events=40)
    chron.child = Child("Zoë O'NEILL-ŠTĚPÁN", None, "Flat 2\nNowhere Lane")  # non-ASCII, a newline in a value
    chron.warnings = ["a.docx: not read (lock file)"]
    path = tmp_path / "chronology.json"
    jsonout.write_json(chron, path)
    data = path.read_bytes()
    assert data == _expected(chron)
    assert jsonout.dumps(chron).encode("utf-8") == data
    assert len(json.loads(data)["events"]) == len(chron.events)
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"


def test_empty_lists_and_round_trip(tmp_path):
    chron = Chronology(Child("Jo BLOGGS"), None, None, [], [], [])
    path = tmp_path / "chronology.json"
    jsonout.write_json(chron, path)
    assert path.read_bytes() == _expected(chron)
    assert jsonout.load(path).child.name == "Jo BLOGGS"


def test_iter_json_writes_an_event_at_a_time():
    chron = make_case(events=30)
    pieces = list(jsonout.iter_json(chron))
    # no piece holds the whole document: the largest is one event (or one short section)
    assert max(len(p) for p in pieces) < len("".join(pieces)) / 10
