"""The timer fires warnings, breaches and escalations once, even with two replicas racing for the same clocks."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from closeloop.db import Database
from sla.clocks.models import Clock, LedgerEntry
from sla.clocks.timer import ClockTimer
from sla.db import outbox
from fleet.testing import eventually
from sla.escalations.models import Escalation

from .conftest import opened


@pytest.mark.parametrize("sla", [{"run_timer": False}], indirect=True)
async def test_a_breach_fires_once_even_with_two_timer_replicas(sla):
    past = datetime.now(UTC) - timedelta(hours=5)
    cases = [opened(urgency="urgent", at=past) for _ in range(40)]
    for case in cases:
        await sla.send(case)

    async def all_started() -> bool:
        async with sla.database.sessions() as session:
            return await session.scalar(select(func.count()).where(Clock.case_id.in_([c.case_id for c in cases]))) == 160
    await eventually(all_started, timeout=30, what="160 clocks started")
    replicas = [Database(sla.settings.database_url, pool_size=2) for _ in range(2)]
    timers = [ClockTimer(database=db, batch_size=7) for db in replicas]
    try:
        async def drain(timer: ClockTimer) -> None:
            while await timer.fire_due():
                pass
        await asyncio.gather(*(drain(t) for t in timers))

        async with sla.database.sessions() as session:
            ids = select(Clock.id).where(Clock.case_id.in_([c.case_id for c in cases]))
            breaches = await session.scalar(
                select(func.count()).select_from(LedgerEntry).where(LedgerEntry.kind == "breached", LedgerEntry.clock_id.in_(ids))
            )
            breached_events = await session.scalar(
                select(func.count()).select_from(outbox.table)
                .where(outbox.table.c.event_type == "closeloop.sla.clock_breached.v1",
                       outbox.table.c.key.in_([c.case_id for c in cases]))
            )
            first_rungs = await session.scalar(
                select(func.count()).select_from(Escalation)
                .where(Escalation.level == 1, Escalation.case_id.in_([c.case_id for c in cases]))
            )
    finally:
        for db in replicas:
            await db.dispose()

    # urgent: first_contact, emergency_plan, on_site and resolution (4 h) are all long past due
    assert (breaches, breached_events, first_rungs) == (160, 160, 160)


async def test_breach_reaches_kafka_and_climbs_the_ladder(sla):
    case = opened(urgency="urgent", at=datetime.now(UTC) - timedelta(minutes=12))
    await sla.send(case)

    # started ×4; emergency plan (5 min) breached, supervisor at once, manager 5 min later; on site (15 min) warned
    events = await sla.sla_events(case.case_id, expected=4 + 1 + 2 + 1)

    kinds = [(e["type"].split(".")[2], e["data"]["clock"]) for e in events]
    assert kinds.count(("clock_breached", "emergency_plan")) == 1
    rungs = [e["data"] for e in events if e["type"] == "closeloop.sla.escalation_requested.v1" and e["data"]["clock"] == "emergency_plan"]
    assert [(r["level"], r["role"], r["reason"]) for r in rungs] == [(1, "supervisor", "breached"), (2, "manager", "climbed")]
    escalations = (await sla.client.get("/v1/escalations", params={"case_id": case.case_id}, headers=sla.headers)).json()
    assert {(e["metric"], e["level"]) for e in escalations} >= {("emergency_plan", 1), ("emergency_plan", 2)}


async def test_warning_fires_before_the_deadline(sla):
    case = opened(urgency="general", at=datetime.now(UTC) - timedelta(minutes=23))  # 75% of 30 min is 22.5 min
    await sla.send(case)

    clocks = await sla.clocks_until(
        case.case_id, lambda c: any(x["metric"] == "first_contact" and x["warned_at"] for x in c), "first contact warned"
    )

    first = next(c for c in clocks if c["metric"] == "first_contact")
    assert first["status"] == "running"
    assert datetime.fromisoformat(first["warning_at"]) == case.received_at + timedelta(minutes=22, seconds=30)
