import datetime as dt

from chrono.detect.calendar import add_months, add_working_days, working_days_between


def test_ten_working_days_skip_the_weekend():
    # Friday 7 June 2024 + 10 working days = Friday 21 June
    assert add_working_days(dt.date(2024, 6, 7), 10) == dt.date(2024, 6, 21)


def test_a_bank_holiday_inside_the_window_adds_a_day():
    # Thursday 21 Dec 2023: Christmas Day, Boxing Day and New Year's Day do not count
    assert add_working_days(dt.date(2023, 12, 21), 10) == dt.date(2024, 1, 9)
    # Easter 2024: Good Friday 29 March and Easter Monday 1 April
    assert add_working_days(dt.date(2024, 3, 27), 2) == dt.date(2024, 4, 2)


def test_working_days_between_counts_the_end_not_the_start():
    assert working_days_between(dt.date(2024, 3, 27), dt.date(2024, 4, 2)) == 2
    assert working_days_between(dt.date(2024, 6, 7), dt.date(2024, 6, 7)) == 0
    assert working_days_between(dt.date(2024, 6, 21), dt.date(2024, 6, 7)) == -10


def test_add_months_clamps_to_the_month_end():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)
    assert add_months(dt.date(2024, 3, 15), -12) == dt.date(2023, 3, 15)
