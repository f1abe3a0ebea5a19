"""The date column as agencies type it: day first, two-digit years, approximate dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chrono.normalise.dates import parse_date, parse_time

REF = dt.date(2024, 4, 20)


@pytest.mark.parametrize("text, expected", [
    ("12/03/24", dt.date(2024, 3, 12)),
    ("12/03/2024", dt.date(2024, 3, 12)),
    ("12.03.24", dt.date(2024, 3, 12)),
    ("12-03-24", dt.date(2024, 3, 12)),
    ("2024-03-12", dt.date(2024, 3, 12)),
    ("12 Mar 2024", dt.date(2024, 3, 12)),
    ("12th March 2024", dt.date(2024, 3, 12)),
    ("Mon 12 March 2024", dt.date(2024, 3, 12)),
    ("Monday, 12 March 2024", dt.date(2024, 3, 12)),
    ("12/3/24", dt.date(2024, 3, 12)),
    ("1/3/24", dt.date(2024, 3, 1)),
    ("12.03/24", dt.date(2024, 3, 12)),
    ("12//03/24", dt.date(2024, 3, 12)),
    ("12-Mar-24", dt.date(2024, 3, 12)),
    ("12 Sept 2023", dt.date(2023, 9, 12)),
    ("March 12, 2024", dt.date(2024, 3, 12)),
    ("23rd December 2022", dt.date(2022, 12, 23)),
])
def test_common_shapes_read_day_first(text, expected):
    parsed = parse_date(text, REF)
    assert parsed.error is None
    assert (parsed.date, parsed.precision, parsed.approximate) == (expected, "day", False)


def test_ambiguous_numeric_dates_are_uk_day_first():
    assert parse_date("04/05/24", REF).date == dt.date(2024, 5, 4)


@pytest.mark.parametrize("text, expected, time", [
    ("12/03/24 14:30", dt.date(2024, 3, 12), "14:30"),
    ("12/03/24 @ 2pm", dt.date(2024, 3, 12), "14:00"),
    ("12/03/24 at 14.30", dt.date(2024, 3, 12), "14:30"),
    ("30-04-24 @ 10.30am", dt.date(2024, 4, 30), "10:30"),
    ("20 Aug 2023 @ 2.30pm", dt.date(2023, 8, 20), "14:30"),
    ("2024-03-12T09:05", dt.date(2024, 3, 12), "09:05"),
    ("12/03/24 2130hrs", dt.date(2024, 3, 12), "21:30"),
])
def test_time_in_the_date_cell(text, expected, time):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.time) == (expected, time)


@pytest.mark.parametrize("text, time", [
    ("14:30", "14:30"), ("2pm", "14:00"), ("2.30pm", "14:30"), ("12am", "00:00"),
    ("21:25:00", "21:25"), ("1430hrs", "14:30"), ("midday", "12:00"), ("", None),
    ("25:00", None), ("13pm", None), ("afternoon", None),
])
def test_separate_time_column(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("text, expected, precision", [
    ("March 2024", dt.date(2024, 3, 1), "month"),
    ("Mar-24", dt.date(2024, 3, 1), "month"),
    ("Sept 2013", dt.date(2013, 9, 1), "month"),
    ("03/2024", dt.date(2024, 3, 1), "month"),
    ("2019", dt.date(2019, 1, 1), "year"),
])
def test_month_and_year_precision(text, expected, precision):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.precision, parsed.approximate) == (expected, precision, False)


@pytest.mark.parametrize("text, expected, precision", [
    ("?12/03/24", dt.date(2024, 3, 12), "day"),
    ("12/03/24?", dt.date(2024, 3, 12), "day"),
    ("approx 12/03/24", dt.date(2024, 3, 12), "day"),
    ("approx. 12/03/24", dt.date(2024, 3, 12), "day"),
    ("Approximately 12/03/2024", dt.date(2024, 3, 12), "day"),
    ("c. 12/03/24", dt.date(2024, 3, 12), "day"),
    ("circa March 2024", dt.date(2024, 3, 1), "month"),
    ("around 12 March 2024", dt.date(2024, 3, 12), "day"),
    ("w/c 04/03/24", dt.date(2024, 3, 4), "day"),
    ("W/C 4.3.24", dt.date(2024, 3, 4), "day"),
    ("week commencing 4th March 2024", dt.date(2024, 3, 4), "day"),
    ("early March 2024", dt.date(2024, 3, 1), "month"),
    ("mid-March 2024", dt.date(2024, 3, 1), "month"),
    ("late March 2024", dt.date(2024, 3, 1), "month"),
    ("Summer 2019", dt.date(2019, 6, 1), "month"),
    ("12/03/24 - 15/03/24", dt.date(2024, 3, 12), "day"),
])
def test_approximate_dates_are_marked(text, expected, precision):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.precision, parsed.approximate) == (expected, precision, True)


def test_two_digit_years_reach_back_to_the_parents_births():
    assert parse_date("09/06/88", REF).date == dt.date(1988, 6, 9)
    assert parse_date("12/03/24", REF).date == dt.date(2024, 3, 12)
    # a planned review a little after the submission stays in this century
    assert parse_date("10/01/25", dt.date(2024, 12, 20)).date == dt.date(2025, 1, 10)
    # the same text read against an older submission is last century
    assert parse_date("12/03/24", dt.date(2019, 5, 1)).date == dt.date(1924, 3, 12)


@pytest.mark.parametrize("text, words", [
    ("TBC", "enter the date"),
    ("unknown", "enter the date"),
    ("N/A", "enter the date"),
    ("N/K", "enter the date"),
    ("Not known", "enter the date"),
    ("", "empty"),
    ("31/02/24", "February 2024 has no 31st"),
    ("30/02/2024", "February 2024 has no 30th"),
    ("32/01/24", "no month has a 32nd day"),
    ("03/13/24", "month-first"),
    ("12/03", "no year"),
    ("sometime last year", "could not be read"),
    ("yesterday", "could not be read"),
    ("12/03/2204", "implausible year"),
])
def test_unreadable_dates_give_a_reason_to_act_on(text, words):
    parsed = parse_date(text, REF)
    assert parsed.date is None
    assert words in parsed.error


def test_reason_quotes_the_value_and_says_where_to_fix_it():
    error = parse_date("31/02/24", REF).error
    assert "'31/02/24'" in error and "agency's file" in error


def test_real_spreadsheet_values():
    assert parse_date("", REF, value=dt.date(2023, 7, 6)).date == dt.date(2023, 7, 6)
    stamped = parse_date("25/02/2023 08:30", REF, value=dt.datetime(2023, 2, 25, 8, 30))
    assert (stamped.date, stamped.time) == (dt.date(2023, 2, 25), "08:30")
    midnight = parse_date("", REF, value=dt.datetime(2023, 2, 25))
    assert midnight.time is None
    serial = parse_date("", REF, value=45363.5)  # Excel serial, 1900 system
    assert (serial.date, serial.time) == (dt.date(2024, 3, 12), "12:00")
    assert parse_date("45363", REF).date == dt.date(2024, 3, 12)


def test_a_cell_formatted_as_month_keeps_month_precision():
    parsed = parse_date("Mar-24", REF, value=dt.datetime(2024, 3, 1))
    assert (parsed.date, parsed.precision) == (dt.date(2024, 3, 1), "month")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_never_raises(text):
    parsed = parse_date(text, REF)
    assert (parsed.date is None) == (parsed.error is not None)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.floats(allow_nan=True), st.integers(), st.datetimes(), st.text(max_size=5)))
def test_arbitrary_values_never_raise(value):
    parse_date("x", REF, value=value)


# Submissions date from this century; a two-digit year resolves to at most about a year after the submission.
@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31)),
       st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2090, 12, 31)),
       st.sampled_from(["%d/%m/%y", "%d.%m.%y", "%d-%m-%y", "%d %b %y"]))
def test_two_digit_years_never_land_far_after_the_reference(day, reference, fmt):
    parsed = parse_date(day.strftime(fmt), reference)
    assert parsed.date is not None
    # the century is chosen from the year and month alone (so the day never changes it): at the
    # latest the month a year after the reference
    assert (parsed.date.year, parsed.date.month) <= (reference.year + 1, reference.month)
    assert parsed.date > reference - dt.timedelta(days=36525 + 31)
    assert (parsed.date.month, parsed.date.day, parsed.date.year % 100) == (day.month, day.day, day.year % 100)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2026, 1, 1)))
def test_four_digit_years_round_trip_in_every_shape(day):
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d.%m.%Y"):
        assert parse_date(day.strftime(fmt), dt.date(2026, 6, 1)).date == day


@pytest.mark.parametrize("text, expected, time", [
    ("07/02/2023 0840", dt.date(2023, 2, 7), "08:40"),
    ("07/02/23 2205", dt.date(2023, 2, 7), "22:05"),
    ("7 Feb 2023 1615", dt.date(2023, 2, 7), "16:15"),
    ("07/02/2023 (0840)", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 @ 0840", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 0840-0910", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 0840hrs", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 08.40hrs", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 8.40am", dt.date(2023, 2, 7), "08:40"),
    ("07/02/2023 (22:05)", dt.date(2023, 2, 7), "22:05"),
    ("07/02/2023 0000", dt.date(2023, 2, 7), None),  # like an exported 00:00: no time given
])
def test_a_colonless_24_hour_time_after_a_full_date(text, expected, time):
    parsed = parse_date(text, REF)
    assert parsed.error is None
    assert (parsed.date, parsed.precision, parsed.time) == (expected, "day", time)


@pytest.mark.parametrize("text", ["07/02/2023 2400", "07/02/2023 1275", "07/02/2023 - 0840x"])
def test_four_digits_that_are_no_time_are_not_read_as_one(text):
    assert parse_date(text, REF).time is None


@pytest.mark.parametrize("text, expected, precision", [
    ("5 June 2021", dt.date(2021, 6, 5), "day"),
    ("June 2021", dt.date(2021, 6, 1), "month"),
    ("2021", dt.date(2021, 1, 1), "year"),
])
def test_a_year_is_never_taken_for_a_time(text, expected, precision):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.precision, parsed.time) == (expected, precision, None)


@pytest.mark.parametrize("text", ["June 2021 1430", "2021 1430"])
def test_four_digits_after_a_month_or_year_are_not_a_time(text):
    assert parse_date(text, REF).time is None


@pytest.mark.parametrize("text, time", [("0840", "08:40"), ("2205", "22:05"), (2205, "22:05"), (840, "08:40"),
                                        ("2400", None), ("1275", None)])
def test_a_time_column_may_leave_out_the_colon(text, time):
    assert parse_time(text) == time


@pytest.mark.parametrize("text, expected, precision", [
    ("?June 2021", dt.date(2021, 6, 1), "month"),
    ("? June 2021", dt.date(2021, 6, 1), "month"),
    ("?Sept 2021", dt.date(2021, 9, 1), "month"),
    ("June 2021?", dt.date(2021, 6, 1), "month"),
    ("approx June 2021", dt.date(2021, 6, 1), "month"),
    ("approx. Sep. 2021", dt.date(2021, 9, 1), "month"),
    ("(approx) June 2021", dt.date(2021, 6, 1), "month"),
    ("June 2021 (est.)", dt.date(2021, 6, 1), "month"),
    ("c.June 2021", dt.date(2021, 6, 1), "month"),
    ("about August 2021", dt.date(2021, 8, 1), "month"),
    ("around June 2021", dt.date(2021, 6, 1), "month"),
    ("?2018", dt.date(2018, 1, 1), "year"),
    ("2018?", dt.date(2018, 1, 1), "year"),
    ("c. 2018", dt.date(2018, 1, 1), "year"),
    ("c.2018", dt.date(2018, 1, 1), "year"),
    ("circa 2018", dt.date(2018, 1, 1), "year"),
    ("early 2018", dt.date(2018, 1, 1), "year"),
    ("late 2018", dt.date(2018, 1, 1), "year"),
])
def test_month_and_year_dates_can_be_approximate_too(text, expected, precision):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.precision, parsed.approximate) == (expected, precision, True)


@pytest.mark.parametrize("text, month", [
    ("Sept 2021", 9), ("Sep. 2021", 9), ("Sept. 2021", 9), ("Febuary 2021", 2), ("Feburary 2021", 2),
    ("Janaury 2021", 1), ("Novmber 2021", 11), ("August 2021", 8),
])
def test_month_spellings_and_single_slips(text, month):
    parsed = parse_date(text, REF)
    assert (parsed.date, parsed.precision, parsed.approximate) == (dt.date(2021, month, 1), "month", False)


def test_a_two_digit_year_a_year_and_a_month_ahead_is_last_century_even_on_the_last_day_of_a_month():
    # found by hypothesis: 366 days after 30 November reaches 1 December of the next year
    assert parse_date("01/12/66", dt.date(2065, 11, 30)).date == dt.date(1966, 12, 1)
    assert parse_date("30/11/66", dt.date(2065, 11, 30)).date == dt.date(2066, 11, 30)
    assert parse_date("10/01/25", dt.date(2024, 12, 2)).date == dt.date(2025, 1, 10)
