"""Dates written as ranges (episodes), two-digit years whatever surrounds them,
and dates that read two ways."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.normalise.dates import parse_date

REF = dt.date(2024, 4, 30)


@pytest.mark.parametrize("text, start, end", [
    ("12/03-15/03/24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("12/03/24 - 15/03/24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("12/03/24-15/03/24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("12-15 March 2024", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("12th-15th March 24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("from 12/03/24 to 15/03/24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("12 March to 15 March 2024", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("admitted 12/03/24, discharged 15/03/24", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("Admission 12/03/2024 - discharge 15/03/2024", dt.date(2024, 3, 12), dt.date(2024, 3, 15)),
    ("30/12-02/01/24", dt.date(2023, 12, 30), dt.date(2024, 1, 2)),
])
def test_ranges_become_episodes_with_a_start_and_an_end(text, start, end):
    parsed = parse_date(text, REF)
    assert parsed.error is None, parsed.error
    assert (parsed.date, parsed.end, parsed.precision) == (start, end, "day")


def test_the_reported_range_is_not_read_as_2015():
    """``12/03-15/03/24`` was 12 March 2015: a "seen" entry years before the child's birth."""
    parsed = parse_date("12/03-15/03/24", REF)
    assert parsed.date.year == 2024 and parsed.end == dt.date(2024, 3, 15)


@pytest.mark.parametrize("text, words", [
    ("15/03/24 - 12/03/24", "ends before it starts"),
    ("12/03/23 - 15/06/24", "spans more than a year"),
    ("12/03-31/02/24", "February 2024 has no 31st"),
])
def test_impossible_ranges_are_rejected_with_a_reason(text, words):
    parsed = parse_date(text, REF)
    assert parsed.date is None and words in parsed.error


@pytest.mark.parametrize("text, readings", [
    ("12/03/15/03/24", ("12/03/2015", "12/03/2024 to 15/03/2024")),
    ("12/03/24/25", ("12/03/2024", "12/03/2025")),
])
def test_a_date_that_reads_two_ways_is_rejected_with_both_readings(text, readings):
    parsed = parse_date(text, REF)
    assert parsed.date is None
    assert "two ways" in parsed.error and all(r in parsed.error for r in readings)


def test_a_plain_date_and_a_time_range_are_not_episodes():
    assert parse_date("12/03/24", REF).end is None
    got = parse_date("12/03/24 14:30-15:00", REF)
    assert (got.date, got.time, got.end) == (dt.date(2024, 3, 12), "14:30", None)
    assert parse_date("12/03/24 - phone call", REF).end is None


SHAPES = ["{d}", "?{d}", "{d}?", "c. {d}", "c.{d}", "approx {d}", "approx. {d}", "w/c {d}", "{d} 14:30",
          "{d} @ 2pm", "{d} - {e}", "{dm}-{e}", "from {d} to {e}", "admitted {d}, discharged {e}", "~{d}",
          "on or about {d}", "{d} (approx)"]


@settings(max_examples=150, deadline=None)
@given(day=st.integers(1, 27), month=st.integers(1, 12), yy=st.integers(0, 99),
       ref=st.dates(dt.date(1995, 1, 1), dt.date(2035, 12, 31)), shape=st.sampled_from(SHAPES))
def test_two_digit_year_resolves_the_same_whatever_surrounds_it(day, month, yy, ref, shape):
    plain = f"{day:02d}/{month:02d}/{yy:02d}"
    end = f"{day + 1:02d}/{month:02d}/{yy:02d}"
    text = shape.format(d=plain, e=end, dm=f"{day:02d}/{month:02d}")
    alone = parse_date(plain, ref)
    got = parse_date(text, ref)
    assert (alone.date is None) == (got.date is None), (text, alone, got)
    if alone.date is not None:
        assert got.date == alone.date, (text, ref)
        if "{e}" in shape:
            assert got.end == alone.date + dt.timedelta(days=1)
