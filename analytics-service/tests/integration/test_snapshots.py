"""The daily KPI snapshot (closeloop.kpi.v1): each finished day once per scope, through the outbox."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from analytics.db import outbox
from analytics.snapshots.timer import SnapshotTimer
from analytics_testkit.app import settings_for
from analytics_testkit.scenario import EVENTS, envelope


async def test_a_finished_day_is_published_once_per_scope(analytics_db, feeder):
    await feeder.feed_batch(envelope(p) for p in EVENTS)
    timer = SnapshotTimer(settings=settings_for(analytics_db), database=feeder.database)
    morning_after = datetime(2026, 11, 21, 3, 0, tzinfo=ZoneInfo("Asia/Shanghai"))

    first = await timer.tick(now=morning_after)
    second = await timer.tick(now=morning_after)

    async with feeder.database.sessions() as session:
        rows = (await session.execute(select(outbox.table.c.event_type, outbox.table.c.envelope))).all()
    snapshots = {r.envelope["data"]["scope"]: r.envelope["data"] for r in rows}
    assert (first, second) == (3, 0)  # chain, S1, S2; nothing twice
    assert {r.event_type for r in rows} == {"closeloop.kpi.snapshot.v1"}
    chain = snapshots["chain"]
    assert chain["period"] == "2026-11-20"
    assert chain["figures"]["volume"] == 1  # C5, opened on 20 Nov in London
    assert chain["figures"]["timeliness_rate"] == 1.0 and chain["figures"]["timeliness_rate_denominator"] == 1
    assert snapshots["store:S2"]["figures"]["volume"] == 1 and snapshots["store:S1"]["figures"]["volume"] == 0
