"""The broker stopped for 20 s while feedback keeps arriving: nothing is lost once it is back."""

from __future__ import annotations

import asyncio
import time

from tests.inprocess import running_fleet
from fleet.testing import broker_outage, eventually

OUTAGE_SECONDS = 20


async def test_feedback_accepted_during_a_broker_outage_all_become_cases_once(kafka_broker, fresh_database):
    async with running_fleet(
        database_url=await fresh_database("intake", "routing", "analytics"), bootstrap_servers=kafka_broker.bootstrap_servers,
        services=("intake", "routing", "analytics"),
    ) as fleet:
        intake, routing, analytics = (fleet.clients[s] for s in ("intake", "routing", "analytics"))
        headers = fleet.headers()

        async def submit(i: int) -> str:
            feedback = await fleet.submit_feedback(channel="app", store_id="S001", content=f"第{i}次反映:冷藏區太冷了")
            return feedback["id"]

        async def volume() -> int:
            return (await analytics.get("/v1/kpis", headers=headers)).json()["volume"]

        submitted = [await submit(0)]
        await eventually(lambda: _is(volume, 1), what="the warm-up case counted")

        async with broker_outage(kafka_broker):
            began = time.monotonic()
            while time.monotonic() - began < OUTAGE_SECONDS:
                submitted.append(await submit(len(submitted)))
                await asyncio.sleep(0.5)

        await eventually(lambda: _is(volume, len(submitted)), timeout=120, interval=0.5,
                         what=f"{len(submitted)} cases counted after the outage")
        for feedback_id in submitted:
            r = await routing.get("/v1/cases", params={"feedback_id": feedback_id}, headers=headers)
            body = r.json()
            cases = body["items"] if isinstance(body, dict) else body
            assert len(cases) == 1, f"feedback {feedback_id} has {len(cases)} cases"
        assert len(submitted) >= OUTAGE_SECONDS  # feedback kept arriving the whole time


async def _is(probe, expected: int) -> bool:  # type: ignore[no-untyped-def]
    return await probe() == expected
