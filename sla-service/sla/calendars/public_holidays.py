"""Which days the law gives off, and which weekend days it makes working days (調休), per holiday region."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import lru_cache

import chinese_calendar
import holidays

HOLIDAY_REGIONS = ("CN", "HK", "TW")


class DayKind(StrEnum):
    ORDINARY = "ordinary"
    HOLIDAY = "holiday"
    ADJUSTED_WORKDAY = "adjusted_workday"


def day_kind(region: str | None, day: date) -> DayKind:
    """A public holiday, an adjusted working day (a weekend day worked in exchange), or an ordinary day."""
    if region is None:
        return DayKind.ORDINARY
    if region == "CN" and _chinese_calendar_covers(day.year):
        # chinese-calendar follows the State Council's yearly notice, adjusted working days included.
        if day in chinese_calendar.holidays:
            return DayKind.HOLIDAY
        if day in chinese_calendar.workdays:
            return DayKind.ADJUSTED_WORKDAY
        return DayKind.ORDINARY
    table = _holidays_of(region, day.year)
    if day in table:
        return DayKind.HOLIDAY
    if day in table.weekend_workdays:
        return DayKind.ADJUSTED_WORKDAY
    return DayKind.ORDINARY


def _chinese_calendar_covers(year: int) -> bool:
    return date(year, 1, 1) in _cn_years()


@lru_cache(maxsize=1)
def _cn_years() -> frozenset[date]:
    return frozenset(date(d.year, 1, 1) for d in chinese_calendar.holidays)


@lru_cache(maxsize=64)
def _holidays_of(region: str, year: int) -> holidays.HolidayBase:
    """Beyond chinese-calendar's years, and for Hong Kong and Taiwan, the `holidays` package decides."""
    if region not in HOLIDAY_REGIONS:
        raise ValueError(f"unknown holiday region {region!r}; expected one of {', '.join(HOLIDAY_REGIONS)}")
    return holidays.country_holidays(region, years=year)
