"""Calendar periods of a granularity (pure): the local days each reported period covers."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month", "quarter", "half_year", "year"]
GRANULARITIES: tuple[str, ...] = ("day", "week", "month", "quarter", "half_year", "year")


def period_start(day: date, granularity: str) -> date:
    """First day of the period that contains ``day`` (weeks start on Monday)."""
    if granularity == "day":
        return day
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    if granularity == "quarter":
        return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if granularity == "half_year":
        return date(day.year, 1 if day.month <= 6 else 7, 1)
    if granularity == "year":
        return date(day.year, 1, 1)
    raise ValueError(f"unknown granularity {granularity!r}")


def next_start(start: date, granularity: str) -> date:
    if granularity == "day":
        return start + timedelta(days=1)
    if granularity == "week":
        return start + timedelta(days=7)
    months = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}[granularity]
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def periods(start: date, end: date, granularity: str) -> list[tuple[date, date]]:
    """The periods covering [start, end], each clipped to it, as (first day, last day) inclusive."""
    out = []
    current = period_start(start, granularity)
    while current <= end:
        following = next_start(current, granularity)
        out.append((max(current, start), min(following - timedelta(days=1), end)))
        current = following
    return out


def previous_period(start: date, end: date) -> tuple[date, date]:
    """The period of the same length just before: a calendar month maps to the previous calendar month."""
    if start.day == 1 and next_start(start, "month") - timedelta(days=1) == end:
        prev_end = start - timedelta(days=1)
        return prev_end.replace(day=1), prev_end
    length = (end - start).days + 1
    return start - timedelta(days=length), start - timedelta(days=1)
