"""Calendar periods of each granularity."""

from __future__ import annotations

from datetime import date

from analytics.kpis.periods import periods, previous_period


def test_weeks_start_on_monday_and_are_clipped_to_the_window():
    assert periods(date(2026, 11, 1), date(2026, 11, 10), "week") == [
        (date(2026, 11, 1), date(2026, 11, 1)),
        (date(2026, 11, 2), date(2026, 11, 8)),
        (date(2026, 11, 9), date(2026, 11, 10)),
    ]


def test_months_quarters_half_years_and_years():
    assert periods(date(2026, 1, 15), date(2026, 3, 2), "month")[1] == (date(2026, 2, 1), date(2026, 2, 28))
    assert periods(date(2026, 2, 1), date(2026, 8, 1), "quarter") == [
        (date(2026, 2, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 8, 1))]
    assert periods(date(2026, 1, 1), date(2026, 12, 31), "half_year")[1] == (date(2026, 7, 1), date(2026, 12, 31))
    assert periods(date(2025, 12, 31), date(2026, 1, 1), "year") == [
        (date(2025, 12, 31), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 1, 1))]


def test_previous_period_of_a_calendar_month_is_the_previous_month():
    assert previous_period(date(2026, 3, 1), date(2026, 3, 31)) == (date(2026, 2, 1), date(2026, 2, 28))


def test_previous_period_of_other_windows_is_the_same_length_just_before():
    assert previous_period(date(2026, 3, 10), date(2026, 3, 16)) == (date(2026, 3, 3), date(2026, 3, 9))
