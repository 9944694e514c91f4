"""A feedback travels intake → routing → sla → analytics over real Kafka and real Postgres."""

from __future__ import annotations

import pytest

from tests.inprocess import SERVICES, running_fleet
from fleet.testing import eventually


async def _submit(fleet, content: str = "收银员态度很差,找零还扔在台面上") -> dict:  # type: ignore[no-untyped-def]
    return await fleet.submit_feedback(channel="pos", store_id="S001", content=content)


async def _case_of(fleet, feedback_id: str) -> list[dict]:  # type: ignore[no-untyped-def]
    response = await fleet.clients["routing"].get("/v1/cases", params={"feedback_id": feedback_id}, headers=fleet.headers())
    assert response.status_code == 200, response.text
    body = response.json()
    return body["items"] if isinstance(body, dict) else body


async def _walk(database_url: str, bootstrap_servers: str, **settings_overrides: object) -> None:
    async with running_fleet(
        database_url=database_url, bootstrap_servers=bootstrap_servers, settings_overrides=settings_overrides
    ) as fleet:
        feedback = await _submit(fleet)
        assert feedback["number"].startswith("FB-")

        cases = await eventually(lambda: _case_of(fleet, feedback["id"]), what="a case for the feedback", timeout=30)
        case_id = cases[0]["id"]

        async def clocks() -> list[dict]:
            r = await fleet.clients["sla"].get("/v1/clocks", params={"case_id": case_id}, headers=fleet.headers())
            body = r.json()
            return body["items"] if isinstance(body, dict) else body

        started = await eventually(clocks, what="a clock for the case", timeout=30)
        assert any(c["metric"] == "first_contact" for c in started), started

        async def volume() -> int:
            r = await fleet.clients["analytics"].get("/v1/kpis", headers=fleet.headers())
            return r.json()["volume"]

        assert await eventually(volume, what="the case counted", timeout=30) == 1


async def test_feedback_becomes_case_clock_and_count_on_apache_kafka(kafka_broker, fresh_database):
    await _walk(await fresh_database(*SERVICES), kafka_broker.bootstrap_servers)


@pytest.mark.tansu
async def test_feedback_becomes_case_clock_and_count_on_tansu_fallback(tansu_broker, fresh_database):
    await _walk(await fresh_database(*SERVICES), tansu_broker.bootstrap_servers, kafka_idempotence=False)
