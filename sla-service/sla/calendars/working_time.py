"""Exact working-time arithmetic on a business calendar: what a deadline in working hours or days means.

All instants are timezone-aware; opening hours are local wall times of the calendar's time zone and
are turned into instants day by day, so nights, weekends, holidays and DST changes all come out exact.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sla.calendars.public_holidays import DayKind, day_kind

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
Interval = tuple[time, time]
_HORIZON_DAYS = 3 * 366  # a deadline further than this from its start means the calendar has no working time


class NoWorkingTime(ValueError):
    """The calendar opens on no day within the horizon, so no working-time deadline can be computed."""


@dataclass(frozen=True)
class BusinessCalendar:
    """Opening hours per weekday in a time zone, minus public holidays and closures, plus adjusted working days."""

    timezone: str
    hours: Mapping[str, Sequence[Interval]]
    holiday_region: str | None = None
    closures: frozenset[date] = frozenset()
    adjusted_day_hours: Sequence[Interval] | None = None
    _zone: ZoneInfo = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_zone", ZoneInfo(self.timezone))
        for day, intervals in self.hours.items():
            if day not in WEEKDAYS:
                raise ValueError(f"unknown weekday {day!r}; expected one of {', '.join(WEEKDAYS)}")
            for start, end in intervals:
                if not start < end:
                    raise ValueError(f"{day}: opening {start} must come before closing {end}")

    # -- days -----------------------------------------------------------------------------------
    def intervals_of(self, day: date) -> list[Interval]:
        """The local opening intervals of one day: none on holidays and closures."""
        if day in self.closures:
            return []
        kind = day_kind(self.holiday_region, day)
        regular = list(self.hours.get(WEEKDAYS[day.weekday()], ()))
        if kind is DayKind.HOLIDAY:
            return []
        if kind is DayKind.ADJUSTED_WORKDAY and not regular:
            return list(self.adjusted_day_hours if self.adjusted_day_hours is not None else self._first_weekday_hours())
        return regular

    def is_working_day(self, day: date) -> bool:
        return bool(self.intervals_of(day))

    def _first_weekday_hours(self) -> Sequence[Interval]:
        for name in WEEKDAYS[:5]:
            if self.hours.get(name):
                return self.hours[name]
        return ()

    def open_spans(self, day: date) -> list[tuple[datetime, datetime]]:
        """The day's opening intervals as UTC instants."""
        return [(self._instant(day, a), self._instant(day, b)) for a, b in self.intervals_of(day)]

    def _instant(self, day: date, at: time) -> datetime:
        return datetime.combine(day, at, tzinfo=self._zone).astimezone(UTC)

    def local_date(self, instant: datetime) -> date:
        return _aware(instant).astimezone(self._zone).date()

    def _spans_from(self, instant: datetime) -> Iterator[tuple[datetime, datetime]]:
        day = self.local_date(instant) - timedelta(days=1)  # an interval may straddle midnight in UTC
        for _ in range(_HORIZON_DAYS):
            yield from self.open_spans(day)
            day += timedelta(days=1)
        raise NoWorkingTime(f"no opening hours within {_HORIZON_DAYS} days of {instant.isoformat()}")

    # -- working seconds ------------------------------------------------------------------------
    def add(self, start: datetime, seconds: float) -> datetime:
        """The earliest instant at which `seconds` of working time have passed since `start`."""
        start = _aware(start)
        if seconds <= 0:
            return start
        remaining = timedelta(seconds=seconds)
        for a, b in self._spans_from(start):
            if b <= start:
                continue
            begin = max(a, start)
            if remaining <= b - begin:
                return begin + remaining
            remaining -= b - begin
        raise AssertionError("unreachable")  # _spans_from raises first

    def between(self, start: datetime, end: datetime) -> float:
        """Working seconds in [start, end)."""
        start, end = _aware(start), _aware(end)
        if end <= start:
            return 0.0
        total = timedelta()
        day = self.local_date(start) - timedelta(days=1)
        last = self.local_date(end) + timedelta(days=1)
        while day <= last:
            for a, b in self.open_spans(day):
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    total += hi - lo
            day += timedelta(days=1)
        return total.total_seconds()

    # -- working days ---------------------------------------------------------------------------
    def add_days(self, start: datetime, days: int) -> datetime:
        """`days` working days after `start`: the same point of the working day, that many working days on.

        A start in closed time counts from the end of the last working day before it, so a resolution at
        21:30 is due "1 working day" later at the close of the next working day, not the one after.
        """
        if days <= 0:
            return _aware(start)
        day, offset = self._position(_aware(start))
        for _ in range(days):
            day = self._next_working_day(day)
        spans = self.open_spans(day)
        length = sum(((b - a) for a, b in spans), timedelta())
        return self.add(spans[0][0], min(offset, length).total_seconds()) if offset > timedelta() else spans[0][0]

    def _position(self, instant: datetime) -> tuple[date, timedelta]:
        """The working day `instant` belongs to and the working time of that day already behind it."""
        day = self.local_date(instant)
        spans = self.open_spans(day)
        if spans and instant < spans[-1][1]:
            done = sum(((min(b, instant) - a) for a, b in spans if a < instant), timedelta())
            if done > timedelta():
                return day, done
        if spans and instant >= spans[-1][1]:
            return day, sum(((b - a) for a, b in spans), timedelta())
        previous = self._previous_working_day(day)
        return previous, sum(((b - a) for a, b in self.open_spans(previous)), timedelta())

    def _next_working_day(self, day: date) -> date:
        for _ in range(_HORIZON_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise NoWorkingTime(f"no working day within {_HORIZON_DAYS} days after {day}")

    def _previous_working_day(self, day: date) -> date:
        for _ in range(_HORIZON_DAYS):
            day -= timedelta(days=1)
            if self.is_working_day(day):
                return day
        raise NoWorkingTime(f"no working day within {_HORIZON_DAYS} days before {day}")


def _aware(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("instants must be timezone-aware")
    return instant.astimezone(UTC)


def parse_hours(raw: Mapping[str, Sequence[Sequence[str]]]) -> dict[str, tuple[Interval, ...]]:
    """``{"mon": [["09:00", "18:00"]]}`` → intervals of `time`; "24:00" is not accepted, use "23:59:59"."""
    return {day: tuple((time.fromisoformat(a), time.fromisoformat(b)) for a, b in spans) for day, spans in raw.items()}

