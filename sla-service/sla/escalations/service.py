"""Climbing the ladder (升級路徑): each rung a breached clock reaches is recorded and announced."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.sla import EscalationRequested
from closeloop.problems import Conflict, NotFound
from sla.cases.models import TrackedCase
from sla.clocks.ledger import note
from sla.clocks.models import Clock
from sla.deliveries.service import publish
from sla.escalations.models import Escalation, Ladder
from sla.escalations.schemas import LadderIn
from sla.stores.service import staff_holding


async def create_ladder(*, session: AsyncSession, ladder_id: str, ladder: LadderIn) -> Ladder:
    if await session.get(Ladder, ladder_id) is not None:
        raise Conflict(f"ladder {ladder_id} already exists")
    row = Ladder(id=ladder_id, updated_at=datetime.now(UTC), **ladder.model_dump(mode="json"))
    session.add(row)
    await session.flush()
    return row


async def update_ladder(*, session: AsyncSession, ladder_id: str, ladder: LadderIn) -> Ladder:
    row = await get_ladder(session=session, ladder_id=ladder_id)
    row.name, row.steps, row.repeat_seconds = ladder.name, ladder.model_dump(mode="json")["steps"], ladder.repeat_seconds
    row.updated_at = datetime.now(UTC)
    await session.flush()
    return row


async def get_ladder(*, session: AsyncSession, ladder_id: str) -> Ladder:
    row = await session.get(Ladder, ladder_id)
    if row is None:
        raise NotFound("ladder", ladder_id)
    return row


async def list_ladders(*, session: AsyncSession) -> list[Ladder]:
    return list((await session.scalars(select(Ladder).order_by(Ladder.id))).all())


async def list_escalations(*, session: AsyncSession, case_id: str | None, store_ids: frozenset[str] | None, limit: int) -> list[Escalation]:
    query = select(Escalation).order_by(Escalation.requested_at, Escalation.sequence).limit(limit)
    if case_id:
        query = query.where(Escalation.case_id == case_id)
    if store_ids is not None:
        query = query.where(Escalation.store_id.in_(store_ids))
    return list((await session.scalars(query)).all())


async def ladder_of(*, session: AsyncSession, ladder_id: str | None) -> Ladder | None:
    """Ladders are few: read each once per transaction however many clocks climb it."""
    if ladder_id is None:
        return None
    cache = session.info.setdefault("sla_ladders", {})
    if ladder_id not in cache:
        cache[ladder_id] = await session.get(Ladder, ladder_id)
    return cache[ladder_id]


async def climb(*, session: AsyncSession, clock: Clock, now: datetime, case: TrackedCase | None) -> list[Escalation]:
    """Ask every rung whose time has come since the breach; at the top, remind at the ladder's interval."""
    ladder = await ladder_of(session=session, ladder_id=clock.ladder_id)
    steps = ladder.steps if ladder is not None else [{"role": "assignee", "after_seconds": 0}, {"role": "supervisor", "after_seconds": 0}]
    repeat = ladder.repeat_seconds if ladder is not None else None
    assert clock.breached_at is not None
    done: list[Escalation] = []
    while clock.next_escalation_at is not None and clock.next_escalation_at <= now:
        if clock.escalation_level + 1 < len(steps):
            clock.escalation_level += 1
            reason = "breached" if clock.escalation_level == 1 else "climbed"
        else:
            reason = "reminder"
        step = steps[clock.escalation_level]
        done.append(await _record(session=session, clock=clock, case=case, role=step["role"], reason=reason, at=clock.next_escalation_at))
        if clock.escalation_level + 1 < len(steps):
            clock.next_escalation_at = clock.breached_at + timedelta(seconds=steps[clock.escalation_level + 1]["after_seconds"])
        elif repeat:
            following = clock.next_escalation_at + timedelta(seconds=repeat)
            # after an outage, remind once now rather than once for every interval missed
            clock.next_escalation_at = following if following > now else now + timedelta(seconds=repeat)
        else:
            clock.next_escalation_at = None
    return done


async def _holders(*, session: AsyncSession, role: str, store_id: str, assignee_id: str | None) -> list[str]:
    """Looked up once per transaction for each role and store: the timer escalates many clocks in one."""
    cache = session.info.setdefault("sla_role_holders", {})
    key = (role, store_id, assignee_id)
    if key not in cache:
        cache[key] = await staff_holding(session=session, role=role, store_id=store_id, assignee_id=assignee_id)
    return list(cache[key])


async def _record(
    *, session: AsyncSession, clock: Clock, case: TrackedCase | None, role: str, reason: str, at: datetime
) -> Escalation:
    clock.escalations_requested += 1
    staff_ids = await _holders(session=session, role=role, store_id=clock.store_id, assignee_id=case.assignee_id if case else None)
    escalation = Escalation(
        id=str(uuid.uuid4()), clock_id=clock.id, case_id=clock.case_id, metric=clock.metric, sequence=clock.escalations_requested, level=clock.escalation_level,
        role=role, store_id=clock.store_id, region_id=clock.region_id, staff_ids=staff_ids, reason=reason, requested_at=at,
    )
    session.add(escalation)
    note(session=session, clock=clock, kind="escalated", at=at, level=clock.escalation_level, role=role, reason=reason)
    await publish(
        session=session,
        payload=EscalationRequested(
            case_id=clock.case_id, clock_id=clock.id, clock=clock.metric, occurred_at=at, store_id=clock.store_id,
            region_id=clock.region_id, round=clock.round, escalation_id=escalation.id, level=clock.escalation_level,
            role=role, staff_ids=staff_ids, reason=reason, due_at=clock.due_at,
        ),
    )
    return escalation
