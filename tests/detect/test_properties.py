"""Whatever the timeline, find_flags returns well-formed flags (hypothesis, kept small)."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.config import load_config
from chrono.detect import find_flags, tag_events

from .helpers import chron, ev

CFG = load_config()
TEXTS = ["Attended A&E - cough", "WNB clinic", "Planned visit - no access", "DA incident, police attended",
         "Family moved to new address", "Started at Oak Primary (in-year transfer)", "Registered with Elm Surgery",
         "New partner moved in", "Reported missing overnight", "Overdose", "Bruise to cheek", "CP visit - seen",
         "ICPC - CP plan", "Core group meeting", "RCPC - plan continues", "Pastoral check-in"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 800), st.sampled_from(TEXTS), st.sampled_from(["yes", "no", "unknown"])),
                max_size=30))
def test_flags_are_well_formed(entries):
    start = dt.date(2023, 1, 1)
    events = [ev((start + dt.timedelta(days=d)).isoformat(), text, seen=seen) for d, text, seen in entries]
    c = chron(events, dob="2022-12-01")
    tag_events(c.events, CFG)
    flags = find_flags(c, CFG)
    ids = {e.id for e in events}
    assert [f.id for f in flags] == [f"F{i:03d}" for i in range(1, len(flags) + 1)]
    for f in flags:
        assert f.start <= f.end and f.severity in ("high", "medium", "low")
        assert set(f.events) <= ids and f.summary
