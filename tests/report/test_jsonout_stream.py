"""chronology.json is written streaming, byte for byte what one ``json.dumps`` would write."""

from __future__ import annotations

import json
import os

from hypothesis import given, settings
from hypothesis import strategies as st

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


_SCALAR = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True)
           | st.text(st.characters(codec="utf-8")))
_KEY = st.text(st.characters(codec="utf-8"), max_size=8) | st.integers() | st.booleans() | st.none() | st.floats()
_JSON = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                     | st.dictionaries(_KEY, inner, max_size=4), max_leaves=25)


@settings(max_examples=300, deadline=None)
@given(value=_JSON, level=st.integers(0, 3))
def test_each_piece_is_what_json_dumps_writes(value, level):
    """The pieces are made without json's generators; the text is json.dumps's, to the byte."""
    expected = json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * level)
    assert jsonout._dumps(value, level) == expected
