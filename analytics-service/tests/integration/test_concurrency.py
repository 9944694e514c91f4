"""Two consumers (replicas) applying events of the same new cases at the same moment lose nothing."""

from __future__ import annotations

import asyncio

from analytics_testkit.app import Feeder, bearer, settings_for
from analytics_testkit.scenario import clock, envelope, opened, stopped

NOVEMBER = {"from": "2026-11-01", "to": "2026-11-30"}


async def test_concurrent_batches_on_the_same_new_cases_count_every_event_once(analytics_db, client):
    cases = [f"K{i}" for i in range(40)]
    openings = [envelope(opened(c, "S1", "2026-11-10T02:00:00", category="service", urgency="general",
                                kind="complaint", channel="pos", subcategory=None, customer=c, department="cs"))
                for c in cases]
    clocks = [envelope(p) for c in cases for p in (
        clock(c, "resolution", "2026-11-10T02:00:00", "2026-11-12T02:00:00"),
        stopped(c, "resolution", "2026-11-11T02:00:00", met=True),
    )]
    replica_a, replica_b = Feeder(settings_for(analytics_db)), Feeder(settings_for(analytics_db))
    try:
        await asyncio.gather(
            *[replica_a.feed_batch(openings[i : i + 5]) for i in range(0, 40, 5)],
            *[replica_b.feed_batch(clocks[i : i + 10]) for i in range(0, 80, 10)],
        )
    finally:
        await replica_a.database.dispose()
        await replica_b.database.dispose()

    body = (await client.get("/v1/kpis", params=NOVEMBER, headers=bearer())).json()
    assert body["volume"] == 40
    assert (body["timeliness_rate"]["numerator"], body["timeliness_rate"]["denominator"]) == (40, 40)
