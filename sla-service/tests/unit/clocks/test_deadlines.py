"""Due and warning times from target, paused time and calendar."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from closeloop.contracts.case import CaseStatusChanged
from sla.calendars.working_time import BusinessCalendar, parse_hours
from sla.cases.signals import signal_names
from sla.clocks.deadlines import counted, schedule

SH = ZoneInfo("Asia/Shanghai")
OFFICE = BusinessCalendar(
    timezone="Asia/Shanghai", hours=parse_hours({d: [["09:00", "18:00"]] for d in ("mon", "tue", "wed", "thu", "fri")}),
    holiday_region="CN",
)


def test_wall_clock_due_moves_by_paused_time():
    start = datetime(2026, 11, 10, 10, 0, tzinfo=SH)
    planned = schedule(unit="wall", calendar=None, started_at=start, target_seconds=1800, target_working_days=None,
                       paused_seconds=600, warn_fraction=0.75)
    assert (planned.due_at, planned.warning_at) == (start + timedelta(minutes=40), start + timedelta(minutes=32, seconds=30))


def test_working_days_clock_pushed_by_working_time_paused():
    resolved = datetime(2026, 9, 30, 21, 30, tzinfo=SH)
    planned = schedule(unit="working_days", calendar=OFFICE, started_at=resolved, target_seconds=None,
                       target_working_days=1, paused_seconds=3600, warn_fraction=0.75)
    # due at Oct 8 18:00 before the pause; an hour of paused working time moves it to Oct 9 10:00
    assert planned.due_at == datetime(2026, 10, 9, 10, 0, tzinfo=SH)
    assert planned.target_seconds == 9 * 3600


def test_a_pause_over_a_weekend_counts_only_working_time():
    assert counted(unit="working_time", calendar=OFFICE, start=datetime(2026, 11, 6, 17, 0, tzinfo=SH),
                   end=datetime(2026, 11, 9, 9, 30, tzinfo=SH)) == 1.5 * 3600
    assert counted(unit="wall", calendar=None, start=datetime(2026, 11, 6, 17, 0, tzinfo=SH),
                   end=datetime(2026, 11, 9, 9, 30, tzinfo=SH)) == (64.5 * 3600)


def test_a_status_change_gives_its_action_and_target_status_as_signals():
    event = CaseStatusChanged(case_id="c", occurred_at=datetime(2026, 1, 1, tzinfo=SH), from_status="in_progress",
                              to_status="in_progress", action="pause")
    assert signal_names(event.event_type, event) == ["status_changed", "pause", "to:in_progress"]
