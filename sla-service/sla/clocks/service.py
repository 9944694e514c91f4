"""Starting clocks when a case opens."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from closeloop.contracts.case import CaseOpened
from closeloop.contracts.sla import ClockStarted
from sla.clocks.models import Clock
from sla.db import outbox

FIRST_CONTACT_SECONDS = 30 * 60


async def start_first_contact(*, session: AsyncSession, case: CaseOpened) -> Clock:
    """Every case must see first contact (初次溝通) with the customer within 30 minutes of receipt."""
    existing = await session.scalar(select(Clock).where(Clock.case_id == case.case_id, Clock.name == "first_contact"))
    if existing is not None:
        return existing
    clock = Clock(
        case_id=case.case_id,
        name="first_contact",
        target_seconds=FIRST_CONTACT_SECONDS,
        started_at=case.received_at,
        due_at=case.received_at + timedelta(seconds=FIRST_CONTACT_SECONDS),
    )
    session.add(clock)
    await session.flush()
    await outbox.add(
        session,
        ClockStarted(
            case_id=case.case_id, clock_id=clock.id, clock=clock.name, occurred_at=case.occurred_at,
            due_at=clock.due_at, target_seconds=clock.target_seconds,
        ),
    )
    return clock
