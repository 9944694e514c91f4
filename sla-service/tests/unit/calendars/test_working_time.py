"""Deadline arithmetic on business calendars: nights, weekends, holidays, adjusted working days, closures."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sla.calendars.public_holidays import DayKind, day_kind
from sla.calendars.working_time import BusinessCalendar, NoWorkingTime, parse_hours

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = parse_hours({d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")})
WITH_LUNCH = parse_hours({d: [["09:00", "12:00"], ["13:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")})
EVERY_DAY = parse_hours({d: [["08:00", "22:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")})

CN_OFFICE = BusinessCalendar(timezone="Asia/Shanghai", hours=OFFICE, holiday_region="CN")


def at(text: str, zone: str = "Asia/Shanghai") -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("calendar", "start", "days", "due"),
    [
        # resolved at 21:30 on the eve of National Day 2026: Oct 1-7 off, so the callback is due when Oct 8 closes
        (CN_OFFICE, "2026-09-30 21:30", 1, "2026-10-08 18:00"),
        # a store desk open every day until 22:00: 21:30 is working time, and the holiday week still closes it
        (BusinessCalendar(timezone="Asia/Shanghai", hours=EVERY_DAY, holiday_region="CN"), "2026-09-30 21:30", 1, "2026-10-08 21:30"),
        # mid-afternoon on a Friday: Monday, same point of the day
        (CN_OFFICE, "2026-11-06 14:00", 1, "2026-11-09 14:00"),
        # before opening counts as the end of the previous working day: due at today's close
        (CN_OFFICE, "2026-11-10 07:45", 1, "2026-11-10 18:00"),
        # Friday 18 Sep 2026 + 1: Sunday 20 Sep is an adjusted working day (調休) before National Day
        (CN_OFFICE, "2026-09-18 15:00", 1, "2026-09-20 15:00"),
        # Friday 9 Oct + 1: Saturday 10 Oct is an adjusted working day after National Day
        (CN_OFFICE, "2026-10-09 10:00", 1, "2026-10-10 10:00"),
        # 3 working days re-handling from the Friday before Spring Festival 2026 (Feb 15-23 off, Feb 14 worked)
        (CN_OFFICE, "2026-02-13 11:00", 3, "2026-02-25 11:00"),
        # a lunch break does not move the point of the day
        (BusinessCalendar(timezone="Asia/Shanghai", hours=WITH_LUNCH, holiday_region="CN"), "2026-11-10 14:30", 1, "2026-11-11 14:30"),
        # a store closure (renovation) is skipped like a holiday
        (BusinessCalendar(timezone="Asia/Shanghai", hours=OFFICE, holiday_region="CN", closures=frozenset({date(2026, 11, 11)})),
         "2026-11-10 14:30", 1, "2026-11-12 14:30"),
        # Hong Kong: Christmas Day and the first weekday after it are holidays, then the weekend
        (BusinessCalendar(timezone="Asia/Hong_Kong", hours=OFFICE, holiday_region="HK"), "2026-12-24 17:00", 1, "2026-12-28 17:00"),
        # Taiwan: National Day 10 Oct 2026 is a Saturday, observed on Friday 9 Oct
        (BusinessCalendar(timezone="Asia/Taipei", hours=OFFICE, holiday_region="TW"), "2026-10-08 12:00", 1, "2026-10-12 12:00"),
        # beyond chinese-calendar's published years the holidays package decides (New Year 2027)
        (CN_OFFICE, "2026-12-31 10:00", 1, "2027-01-04 10:00"),
    ],
)
def test_working_days_land_on_the_same_point_of_a_later_working_day(calendar, start, days, due):
    zone = calendar.timezone
    assert calendar.add_days(at(start, zone), days) == at(due, zone)


@pytest.mark.parametrize(
    ("calendar", "start", "hours", "due"),
    [
        # two working hours from Friday 17:00 run into Monday morning
        (CN_OFFICE, "2026-11-06 17:00", 2, "2026-11-09 10:00"),
        # the lunch hour does not count
        (BusinessCalendar(timezone="Asia/Shanghai", hours=WITH_LUNCH), "2026-11-10 11:30", 1, "2026-11-10 13:30"),
        # an hour that starts at night starts counting at opening
        (CN_OFFICE, "2026-11-10 02:00", 1, "2026-11-10 10:00"),
        # exactly a full day ends at closing, not at the next opening
        (CN_OFFICE, "2026-11-10 09:00", 9, "2026-11-10 18:00"),
        # the whole National Day week is skipped
        (CN_OFFICE, "2026-09-30 17:00", 2, "2026-10-08 10:00"),
        # a zone with daylight saving: the spring-forward night does not shift opening hours
        (BusinessCalendar(timezone="America/New_York", hours=OFFICE), "2026-03-06 17:00", 2, "2026-03-09 10:00"),
    ],
)
def test_working_hours_skip_closed_time(calendar, start, hours, due):
    zone = calendar.timezone
    assert calendar.add(at(start, zone), hours * 3600) == at(due, zone)


def test_working_seconds_between_count_only_opening_hours():
    # paused from Friday 16:00 to Monday 10:00: two hours Friday, one hour Monday
    assert CN_OFFICE.between(at("2026-11-06 16:00"), at("2026-11-09 10:00")) == 3 * 3600


def test_between_is_the_inverse_of_add():
    start = at("2026-09-29 15:20")
    due = CN_OFFICE.add(start, 7.5 * 3600)
    assert CN_OFFICE.between(start, due) == 7.5 * 3600


def test_adjusted_working_day_uses_weekday_hours_unless_given_its_own():
    short = BusinessCalendar(
        timezone="Asia/Shanghai", hours=OFFICE, holiday_region="CN",
        adjusted_day_hours=parse_hours({"x": [["10:00", "16:00"]]})["x"],
    )
    assert [(a.isoformat(), b.isoformat()) for a, b in short.intervals_of(date(2026, 9, 20))] == [("10:00:00", "16:00:00")]
    assert CN_OFFICE.intervals_of(date(2026, 9, 20)) == list(OFFICE["mon"])


@pytest.mark.parametrize(
    ("region", "day", "kind"),
    [
        ("CN", date(2026, 10, 1), DayKind.HOLIDAY),
        ("CN", date(2026, 10, 10), DayKind.ADJUSTED_WORKDAY),
        ("CN", date(2026, 10, 12), DayKind.ORDINARY),
        ("HK", date(2026, 12, 26), DayKind.HOLIDAY),
        ("TW", date(2026, 10, 9), DayKind.HOLIDAY),
        (None, date(2026, 10, 1), DayKind.ORDINARY),
    ],
)
def test_public_holidays_per_region(region, day, kind):
    assert day_kind(region, day) is kind


def test_a_calendar_that_never_opens_refuses_to_compute_a_deadline():
    closed = BusinessCalendar(timezone="Asia/Shanghai", hours={})
    with pytest.raises(NoWorkingTime):
        closed.add(at("2026-11-10 09:00"), 60)


def test_opening_must_precede_closing():
    with pytest.raises(ValueError, match="must come before"):
        BusinessCalendar(timezone="Asia/Shanghai", hours=parse_hours({"mon": [["18:00", "09:00"]]}))
