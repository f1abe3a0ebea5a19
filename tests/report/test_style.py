"""Colours that stay readable, and dates shown as precisely as they were known."""

from __future__ import annotations

import datetime as dt

from chrono.report.style import (
    PALETTE,
    agency_colours,
    contrast_ratio,
    format_event_date,
    in_period,
)

from .report_case import make_case


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(contrast_ratio("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast_ratio("777777", "FFFFFF"), 2) == 4.48  # the classic just-fails grey


def test_every_tint_meets_wcag_aa_with_black_text():
    for colour in PALETTE:
        assert contrast_ratio("000000", colour) >= 4.5, colour


def test_agencies_get_distinct_stable_tints():
    names = ["Children's Social Care", "Police", "Health Visiting", "School", "GP", "A&E",
             "Midwifery", "Probation", "Housing", "CAMHS", "Youth Offending Service", "Early Help"]
    first = agency_colours(names)
    assert len(set(first.values())) == len(names)
    assert agency_colours(reversed(names)) == first
    assert agency_colours(["Police"])["Police"] == first["Police"]


def test_dates_read_as_precisely_as_known():
    event = make_case().events[0]
    event.date, event.time = dt.date(2024, 3, 12), "21:40"
    for precision, approximate, shown in [("day", False, "12/03/2024 21:40"), ("day", True, "c. 12/03/2024 21:40"),
                                          ("month", False, "March 2024"), ("year", False, "2024")]:
        event.precision, event.approximate = precision, approximate
        assert format_event_date(event) == shown


def test_a_month_only_date_counts_in_a_period_that_starts_mid_month():
    event = make_case().events[0]
    event.date, event.precision = dt.date(2024, 3, 1), "month"
    assert in_period(event, dt.date(2024, 3, 15), None)
    assert not in_period(event, dt.date(2024, 4, 1), None)
