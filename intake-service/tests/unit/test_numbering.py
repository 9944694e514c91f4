"""Feedback numbers: FB-YYYYMMDD-NNNNNN on the chain's local day."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from intake.feedback.numbering import NUMBER_PATTERN, format_number, numbering_day

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_number_has_date_and_six_digits():
    assert format_number(date(2026, 11, 22), 123) == "FB-20261122-000123"


def test_numbers_past_a_million_grow_instead_of_colliding():
    assert format_number(date(2026, 11, 22), 1_000_000) == "FB-20261122-1000000"
    assert NUMBER_PATTERN.match("FB-20261122-1000000")


def test_the_day_is_the_local_day_not_utc():
    late_utc_evening = datetime(2026, 11, 21, 17, 30, tzinfo=UTC)  # 01:30 on the 22nd in Shanghai

    assert numbering_day(late_utc_evening, SHANGHAI) == date(2026, 11, 22)


def test_numbers_sort_in_time_order_across_days():
    assert format_number(date(2026, 11, 22), 999_999) < format_number(date(2026, 11, 23), 1)
