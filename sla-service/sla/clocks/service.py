"""Clocks started, paused, resumed, stopped and fired: the state changes, their ledger and their events."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from prometheus_client import Counter
from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.sla import ClockBreached, ClockPaused, ClockResumed, ClockStarted, ClockStopped, ClockWarned
from closeloop.problems import NotFound
from sla.calendars.models import Calendar
from sla.calendars.service import business_calendar
from sla.calendars.working_time import BusinessCalendar
from sla.cases.models import TrackedCase
from sla.clocks.deadlines import counted, schedule
from sla.clocks.ledger import note
from sla.clocks.models import Clock, LedgerEntry
from sla.deliveries.service import publish
from sla.escalations.service import climb, ladder_of
from sla.policies.models import Policy
from sla.policies.schemas import ClockSpec
from sla.stores.service import calendar_id_for, ladder_id_for

log = logging.getLogger(__name__)
BREACHES = Counter("closeloop_sla_clocks_breached_total", "Clocks the timer found past due, by metric", ["clock"])
TIMER_CHANNEL = "sla_timer"
OPEN = ("running", "paused")
FALLBACK_CALENDAR = "default-CN"


async def start_clock(
    *, session: AsyncSession, case: TrackedCase, policy: Policy, spec: ClockSpec, started_at: datetime, round_: int = 1
) -> Clock:
    """A clock of the policy's version; its targets never change afterwards, whatever the policy becomes."""
    calendar_id = None
    if spec.unit != "wall":
        calendar_id = await calendar_id_for(session=session, store_id=case.store_id, region_id=case.region_id)
        if await session.get(Calendar, calendar_id) is None:
            log.warning("calendar %s missing; %s falls back to %s", calendar_id, case.store_id, FALLBACK_CALENDAR)
            calendar_id = FALLBACK_CALENDAR
    calendar = await _calendar(session=session, calendar_id=calendar_id, store_id=case.store_id)
    factor = policy.target_factor
    target_seconds = max(1, round(spec.target_seconds * factor)) if spec.target_seconds else None
    days = max(1, round(spec.target_working_days * factor)) if spec.target_working_days else None
    planned = schedule(
        unit=spec.unit, calendar=calendar, started_at=started_at, target_seconds=target_seconds,
        target_working_days=days, paused_seconds=0.0, warn_fraction=spec.warn_fraction,
    )
    clock = Clock(
        case_id=case.case_id, store_id=case.store_id, region_id=case.region_id, metric=spec.metric, round=round_,
        policy_id=policy.id, policy_version=policy.version, spec=spec.model_dump(mode="json"), unit=spec.unit,
        target_seconds=planned.target_seconds, target_working_days=days, calendar_id=calendar_id,
        ladder_id=spec.ladder_id or await ladder_id_for(session=session, store_id=case.store_id, region_id=case.region_id),
        status="running", started_at=started_at, due_at=planned.due_at, warning_at=planned.warning_at,
        paused_seconds=0.0, escalation_level=0, escalations_requested=0,
    )
    clock.fire_at = next_fire(clock)
    session.add(clock)
    await session.flush()
    note(session=session, clock=clock, kind="started", at=started_at, policy_version=policy.version, due_at=clock.due_at)
    await publish(
        session=session,
        payload=ClockStarted(
            **_about(clock), occurred_at=started_at, due_at=clock.due_at, target_seconds=clock.target_seconds,
            warning_at=clock.warning_at, unit=clock.unit, calendar=calendar_id, policy_id=policy.id,
            policy_version=policy.version,
        ),
    )
    await wake_timer(session)
    return clock


async def stop_clock(*, session: AsyncSession, clock: Clock, at: datetime, signal: str) -> Clock:
    """Met when the stop happened by the due time, even if its event arrived after the timer fired."""
    if clock.stopped_at is not None or clock.status == "cancelled":
        return clock
    if clock.status == "paused":
        await _end_pause(session=session, clock=clock, at=at)
    met = at <= clock.due_at
    if met and clock.status == "breached":
        note(session=session, clock=clock, kind="breach_withdrawn", at=at, reason="stop occurred before the due time")
        clock.breached_at = None
    clock.status = "met" if met else "breached"
    if not met and clock.breached_at is None:
        clock.breached_at = clock.due_at
    clock.stopped_at = at
    clock.fire_at = None
    clock.next_escalation_at = None
    elapsed = await _elapsed(session=session, clock=clock, at=at)
    note(session=session, clock=clock, kind="met" if met else "stopped", at=at, signal=signal, elapsed_seconds=elapsed)
    await publish(
        session=session,
        payload=ClockStopped(
            **_about(clock), occurred_at=at, met=met, elapsed_seconds=elapsed, outcome=clock.status,
            due_at=clock.due_at, paused_seconds=round(clock.paused_seconds),
        ),
    )
    return clock


async def cancel_clock(*, session: AsyncSession, clock: Clock, at: datetime, signal: str) -> Clock:
    """Closing or merging a case cancels its open clocks; a breach already suffered stays on the record."""
    if clock.stopped_at is not None or clock.status in ("cancelled", "met"):
        return clock
    if clock.status == "paused":
        await _end_pause(session=session, clock=clock, at=at)
    outcome = "breached" if clock.status == "breached" else "cancelled"
    clock.status = outcome
    clock.stopped_at = at
    clock.fire_at = None
    clock.next_escalation_at = None
    elapsed = await _elapsed(session=session, clock=clock, at=at)
    note(session=session, clock=clock, kind="cancelled", at=at, signal=signal, breach_kept=outcome == "breached")
    await publish(
        session=session,
        payload=ClockStopped(
            **_about(clock), occurred_at=at, met=False, elapsed_seconds=elapsed, outcome=outcome,
            due_at=clock.due_at, paused_seconds=round(clock.paused_seconds),
        ),
    )
    return clock


async def pause_clock(*, session: AsyncSession, clock: Clock, at: datetime, signal: str) -> Clock:
    """Waiting on the customer: the clock stops counting, and the timer forgets it until it resumes."""
    if clock.status != "running":
        return clock
    clock.status = "paused"
    clock.paused_at = at
    clock.fire_at = None
    note(session=session, clock=clock, kind="paused", at=at, signal=signal)
    await publish(session=session, payload=ClockPaused(**_about(clock), occurred_at=at, paused_seconds=round(clock.paused_seconds)))
    return clock


async def resume_clock(*, session: AsyncSession, clock: Clock, at: datetime, signal: str) -> Clock:
    if clock.status != "paused":
        return clock
    await _end_pause(session=session, clock=clock, at=at)
    clock.status = "running"
    await _reschedule(session=session, clock=clock)
    note(session=session, clock=clock, kind="resumed", at=at, signal=signal, paused_seconds=clock.paused_seconds, due_at=clock.due_at)
    await publish(
        session=session,
        payload=ClockResumed(**_about(clock), occurred_at=at, due_at=clock.due_at, paused_seconds=round(clock.paused_seconds)),
    )
    await wake_timer(session)
    return clock


async def recompute_clocks(*, session: AsyncSession, calendar_id: str | None = None, store_id: str | None = None) -> int:
    """After a calendar or closure change, open clocks on it get new due times; paused time is kept as counted."""
    query = select(Clock).where(Clock.status.in_(OPEN), Clock.calendar_id.is_not(None)).with_for_update()
    if calendar_id is not None:
        query = query.where(Clock.calendar_id == calendar_id)
    if store_id is not None:
        query = query.where(Clock.store_id == store_id)
    clocks = (await session.scalars(query)).all()
    now_ = await _now(session)
    for clock in clocks:
        before = clock.due_at
        await _reschedule(session=session, clock=clock)
        if clock.due_at != before:
            note(session=session, clock=clock, kind="recomputed", at=now_, due_at=clock.due_at, previous_due_at=before)
    if clocks:
        await wake_timer(session)
    return len(clocks)


async def fire(*, session: AsyncSession, clock: Clock, now: datetime, case: TrackedCase | None) -> None:
    """The timer's visit to a due clock (locked by the caller): warn, breach, or climb the ladder."""
    if clock.status == "running":
        if clock.warned_at is None and clock.warning_at is not None and clock.warning_at <= now < clock.due_at:
            clock.warned_at = now
            note(session=session, clock=clock, kind="warned", at=now)
            await publish(
                session=session,
                payload=ClockWarned(**_about(clock), occurred_at=now, due_at=clock.due_at, assignee_id=case.assignee_id if case else None),
            )
        if clock.due_at <= now:
            clock.status = "breached"
            clock.breached_at = clock.due_at
            clock.next_escalation_at = clock.due_at  # the first rung above the owner is asked at once
            note(session=session, clock=clock, kind="breached", at=clock.due_at, noticed_at=now)
            BREACHES.labels(clock.metric).inc()
            await publish(
                session=session,
                payload=ClockBreached(**_about(clock), occurred_at=clock.due_at, due_at=clock.due_at,
                                      assignee_id=case.assignee_id if case else None),
                at=now,
            )
            await _first_rung(session=session, clock=clock)
    if clock.status == "breached" and clock.stopped_at is None:
        await climb(session=session, clock=clock, now=now, case=case)
    clock.fire_at = next_fire(clock)


async def _first_rung(*, session: AsyncSession, clock: Clock) -> None:
    """The first rung above the owner may wait a while after the breach (its `after_seconds`)."""
    ladder = await ladder_of(session=session, ladder_id=clock.ladder_id)
    if ladder is not None and len(ladder.steps) > 1:
        clock.next_escalation_at = clock.due_at + timedelta(seconds=ladder.steps[1]["after_seconds"])


def next_fire(clock: Clock) -> datetime | None:
    """The next moment the timer has business with this clock, or None."""
    if clock.status == "running":
        if clock.warned_at is None and clock.warning_at is not None and clock.warning_at < clock.due_at:
            return min(clock.warning_at, clock.due_at)
        return clock.due_at
    if clock.status == "breached" and clock.stopped_at is None:
        return clock.next_escalation_at
    return None


async def wake_timer(session: AsyncSession) -> None:
    """Tell sleeping timers a clock may now be due sooner than they planned (delivered on commit)."""
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": TIMER_CHANNEL})


async def open_clocks_of(*, session: AsyncSession, case_id: str) -> list[Clock]:
    query = select(Clock).where(Clock.case_id == case_id, Clock.stopped_at.is_(None), Clock.status != "cancelled")
    return list((await session.scalars(query.order_by(Clock.started_at).with_for_update())).all())


async def clocks_of(*, session: AsyncSession, case_id: str) -> list[Clock]:
    query = select(Clock).where(Clock.case_id == case_id).order_by(Clock.started_at, Clock.metric, Clock.round)
    return list((await session.scalars(query)).all())


async def find_clocks(
    *, session: AsyncSession, case_id: str | None, status: str | None, due_before: datetime | None,
    store_ids: frozenset[str] | None, limit: int,
) -> list[Clock]:
    query = select(Clock).order_by(Clock.due_at, Clock.id).limit(limit)
    if case_id:
        query = query.where(Clock.case_id == case_id)
    if status:
        query = query.where(Clock.status == status)
    if due_before:
        query = query.where(Clock.due_at < due_before)
    if store_ids is not None:
        query = query.where(Clock.store_id.in_(store_ids))
    return list((await session.scalars(query)).all())


async def get_clock(*, session: AsyncSession, clock_id: str) -> Clock:
    clock = await session.get(Clock, clock_id)
    if clock is None:
        raise NotFound("clock", clock_id)
    return clock


async def ledger_of(*, session: AsyncSession, clock_id: str) -> list[LedgerEntry]:
    query = select(LedgerEntry).where(LedgerEntry.clock_id == clock_id).order_by(LedgerEntry.id)
    return list((await session.scalars(query)).all())


async def _end_pause(*, session: AsyncSession, clock: Clock, at: datetime) -> None:
    """Fix the pause's length in the clock's own time; from here on no policy or calendar change alters it."""
    assert clock.paused_at is not None
    calendar = await _calendar(session=session, calendar_id=clock.calendar_id, store_id=clock.store_id)
    clock.paused_seconds += counted(unit=clock.unit, calendar=calendar, start=clock.paused_at, end=max(at, clock.paused_at))
    clock.paused_at = None


async def _reschedule(*, session: AsyncSession, clock: Clock) -> None:
    calendar = await _calendar(session=session, calendar_id=clock.calendar_id, store_id=clock.store_id)
    spec = ClockSpec.model_validate(clock.spec)
    planned = schedule(
        unit=clock.unit, calendar=calendar, started_at=clock.started_at,
        target_seconds=clock.target_seconds if clock.unit != "working_days" else None,
        target_working_days=clock.target_working_days, paused_seconds=clock.paused_seconds, warn_fraction=spec.warn_fraction,
    )
    clock.due_at, clock.warning_at = planned.due_at, planned.warning_at
    if clock.status == "running":
        clock.fire_at = next_fire(clock)


async def _elapsed(*, session: AsyncSession, clock: Clock, at: datetime) -> int:
    calendar = await _calendar(session=session, calendar_id=clock.calendar_id, store_id=clock.store_id)
    return max(0, round(counted(unit=clock.unit, calendar=calendar, start=clock.started_at, end=at) - clock.paused_seconds))


async def _calendar(*, session: AsyncSession, calendar_id: str | None, store_id: str) -> BusinessCalendar | None:
    if calendar_id is None:
        return None
    return await business_calendar(session=session, calendar_id=calendar_id, store_id=store_id)


async def _now(session: AsyncSession) -> datetime:
    return (await session.execute(text("SELECT now()"))).scalar_one()


def _about(clock: Clock) -> dict[str, object]:
    return {
        "case_id": clock.case_id, "clock_id": clock.id, "clock": clock.metric, "store_id": clock.store_id,
        "region_id": clock.region_id, "round": clock.round,
    }
