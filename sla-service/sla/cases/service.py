"""How case events move clocks: start what the policy names, stop, pause, resume or cancel what is open.

Events of one case arrive in order on their partition, but not always in the order they happened
(an acknowledgement can arrive before the opening it follows). Every signal is kept; those that come
before the opening are replayed, in the order they happened, once the case opens.
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseAssigned, CaseOpened
from sla.cases.models import Signal, TrackedCase
from sla.clocks import service as clocks
from sla.clocks.models import Clock
from sla.policies.models import Policy
from sla.policies.schemas import ClockSpec
from sla.policies.service import clock_specs, policy_for

log = logging.getLogger(__name__)


async def open_case(*, session: AsyncSession, opened: CaseOpened, event_id: str) -> TrackedCase:
    """Keep sla's copy of the case, start the clocks its policy names, then replay anything that came early."""
    case = await session.get(TrackedCase, opened.case_id, with_for_update=True)
    if case is not None:
        return case  # the same opening published twice: nothing starts twice
    case = TrackedCase(
        case_id=opened.case_id, number=opened.number, store_id=opened.store_id, region_id=opened.region_id,
        urgency=opened.urgency, category=opened.category, channel=opened.channel, tier=opened.customer.tier,
        department=opened.department, assignee_id=opened.assignee_id, opened_at=opened.received_at, reopen_count=0,
    )
    session.add(case)
    await session.flush()
    session.add(Signal(case_id=case.case_id, names=["opened"], occurred_at=opened.received_at, event_id=event_id, applied=True))
    await _start(session=session, case=case, names=["opened"], at=opened.received_at)
    early = (
        await session.scalars(
            select(Signal).where(Signal.case_id == case.case_id, Signal.applied.is_(False)).order_by(Signal.occurred_at, Signal.id)
        )
    ).all()
    for signal in early:
        await _apply(session=session, case=case, names=list(signal.names), at=signal.occurred_at)
        signal.applied = True
    return case


async def record_signal(*, session: AsyncSession, case_id: str, names: list[str], at: datetime, event_id: str) -> None:
    """Apply a case event to its clocks now, or keep it until the case's opening arrives."""
    case = await session.get(TrackedCase, case_id, with_for_update=True)
    session.add(Signal(case_id=case_id, names=names, occurred_at=at, event_id=event_id, applied=case is not None))
    if case is None:
        log.info("signal %s for case %s kept until the case opens", names, case_id)
        return
    await _apply(session=session, case=case, names=names, at=at)


async def assign(*, session: AsyncSession, assigned: CaseAssigned, event_id: str) -> None:
    """The assignee is the ladder's first rung; the assignment is also a signal (first-contact by assignment is possible)."""
    case = await session.get(TrackedCase, assigned.case_id, with_for_update=True)
    if case is not None:
        case.department, case.assignee_id = assigned.department, assigned.assignee_id
    await record_signal(session=session, case_id=assigned.case_id, names=["assigned"], at=assigned.occurred_at, event_id=event_id)


async def change_urgency(*, session: AsyncSession, case_id: str, urgency: str, at: datetime, event_id: str) -> None:
    """A raised or corrected urgency brings the new policy's clocks; clocks it no longer names are cancelled."""
    case = await session.get(TrackedCase, case_id, with_for_update=True)
    if case is None or case.urgency == urgency:
        await record_signal(session=session, case_id=case_id, names=["urgency_changed"], at=at, event_id=event_id)
        return
    case.urgency = urgency
    session.add(Signal(case_id=case_id, names=["urgency_changed"], occurred_at=at, event_id=event_id, applied=True))
    policy = await policy_for(session=session, case=case)
    wanted = {spec.metric: spec for spec in clock_specs(policy)} if policy else {}
    for clock in await clocks.open_clocks_of(session=session, case_id=case_id):
        if clock.metric not in wanted:
            await clocks.cancel_clock(session=session, clock=clock, at=at, signal="urgency_changed")
    if policy is not None:
        existing = set((await session.scalars(select(Clock.metric).where(Clock.case_id == case_id))).all())
        for spec in wanted.values():
            if spec.starts_on == "opened" and spec.metric not in existing:
                await clocks.start_clock(session=session, case=case, policy=policy, spec=spec, started_at=at)


async def _apply(*, session: AsyncSession, case: TrackedCase, names: list[str], at: datetime) -> None:
    wanted = set(names)
    for clock in await clocks.open_clocks_of(session=session, case_id=case.case_id):
        spec = ClockSpec.model_validate(clock.spec)
        if hit := wanted.intersection(spec.cancels_on):
            await clocks.cancel_clock(session=session, clock=clock, at=at, signal=sorted(hit)[0])
        elif hit := wanted.intersection(spec.stops_on):
            await clocks.stop_clock(session=session, clock=clock, at=at, signal=sorted(hit)[0])
            if wanted.intersection(spec.restarts_on):
                await _next_round(session=session, case=case, ended=clock, spec=spec, at=at)
        elif hit := wanted.intersection(spec.pauses_on):
            await clocks.pause_clock(session=session, clock=clock, at=at, signal=sorted(hit)[0])
        elif hit := wanted.intersection(spec.resumes_on):
            await clocks.resume_clock(session=session, clock=clock, at=at, signal=sorted(hit)[0])
    _note_milestones(case=case, names=wanted, at=at)
    await _start(session=session, case=case, names=names, at=at)


async def _next_round(*, session: AsyncSession, case: TrackedCase, ended: Clock, spec: ClockSpec, at: datetime) -> None:
    """A periodic clock (the liaison's progress contacts) starts its next round when one ends, on the version
    of the policy its first round started under."""
    policy = await session.get(Policy, ended.policy_id)
    if policy is None:
        return
    later = await session.scalar(select(Clock.id).where(Clock.case_id == case.case_id, Clock.metric == ended.metric,
                                                        Clock.round > ended.round))
    if later is None:
        await clocks.start_clock(session=session, case=case, policy=policy, spec=spec, started_at=at,
                                 round_=ended.round + 1)


def _note_milestones(*, case: TrackedCase, names: set[str], at: datetime) -> None:
    """First and total resolution times are both kept: a reopen does not erase the first."""
    if "resolved" in names:
        if case.first_resolved_at is None:
            case.first_resolved_at = at
        if case.last_resolved_at is None or at > case.last_resolved_at:
            case.last_resolved_at = at
    if "reopened" in names:
        case.reopen_count += 1
    if "closed" in names and case.closed_at is None:
        case.closed_at = at


async def _start(*, session: AsyncSession, case: TrackedCase, names: list[str], at: datetime) -> None:
    """Start the clocks the case's current policy names for these signals, once (or once per round)."""
    policy = await policy_for(session=session, case=case)
    if policy is None:
        log.warning("no policy for urgency %s at store %s; case %s runs without clocks", case.urgency, case.store_id, case.case_id)
        return
    for spec in clock_specs(policy):
        if spec.starts_on not in names:
            continue
        rounds = (
            await session.scalars(select(Clock).where(Clock.case_id == case.case_id, Clock.metric == spec.metric).order_by(Clock.round))
        ).all()
        if rounds and not spec.repeats:
            continue
        if rounds and (rounds[-1].stopped_at is None and rounds[-1].status != "cancelled" or rounds[-1].started_at >= at):
            continue  # the last round is still open, or this signal is the one that started it
        await clocks.start_clock(session=session, case=case, policy=policy, spec=spec, started_at=at, round_=len(rounds) + 1)

