"""When a clock is due and when it warns, from its start, target, counted paused time and calendar.

Paused time is kept as a number of counted seconds (wall or working), fixed when the pause ends, so
a later change of policy or calendar moves nothing that already happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sla.calendars.working_time import BusinessCalendar


@dataclass(frozen=True)
class Schedule:
    due_at: datetime
    warning_at: datetime
    target_seconds: int


def counted(*, unit: str, calendar: BusinessCalendar | None, start: datetime, end: datetime) -> float:
    """Seconds of the clock's own time between two instants: wall time, or working time on its calendar."""
    if unit == "wall" or calendar is None:
        return max((end - start).total_seconds(), 0.0)
    return calendar.between(start, end)


def _after(*, unit: str, calendar: BusinessCalendar | None, start: datetime, seconds: float) -> datetime:
    if unit == "wall" or calendar is None:
        return start + timedelta(seconds=seconds)
    return calendar.add(start, seconds)


def schedule(
    *,
    unit: str,
    calendar: BusinessCalendar | None,
    started_at: datetime,
    target_seconds: int | None,
    target_working_days: int | None,
    paused_seconds: float,
    warn_fraction: float,
) -> Schedule:
    if unit == "working_days":
        assert calendar is not None and target_working_days is not None
        base = calendar.add_days(started_at, target_working_days)
        target = calendar.between(started_at, base)
        due = calendar.add(base, paused_seconds) if paused_seconds > 0 else base
    else:
        assert target_seconds is not None
        target = float(target_seconds)
        due = _after(unit=unit, calendar=calendar, start=started_at, seconds=target + paused_seconds)
    warning = _after(unit=unit, calendar=calendar, start=started_at, seconds=warn_fraction * target + paused_seconds)
    return Schedule(due_at=due, warning_at=warning, target_seconds=round(target))
